/*
 * calc_law.h — the calculators over the legal rules of src/core (vesting,
 * limits, settlement, psv): `vesting`, `limits`, `abfindung`, `transfer`
 * (JSON fixed by API.md), `psv`, `adjustment`, `subsidy`.
 */
#ifndef OPENBAV_CALC_LAW_H
#define OPENBAV_CALC_LAW_H

#include "app/calc.h"

json_t *calc_vesting(const json_t *in, enum lang lang, struct calc_error *err);
json_t *calc_limits(const json_t *in, enum lang lang, struct calc_error *err);
json_t *calc_abfindung(const json_t *in, enum lang lang, struct calc_error *err);
json_t *calc_transfer(const json_t *in, enum lang lang, struct calc_error *err);
json_t *calc_psv(const json_t *in, enum lang lang, struct calc_error *err);
json_t *calc_adjustment(const json_t *in, enum lang lang, struct calc_error *err);
json_t *calc_subsidy(const json_t *in, enum lang lang, struct calc_error *err);

#endif

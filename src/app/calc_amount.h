/*
 * calc_amount.h — the calculators for the amount of a vested entitlement
 * (§ 2 BetrAVG): mn, vvl, method, retirement.  JSON in/out: docs/api.md and
 * API.md (mn and vvl are fixed there).
 */
#ifndef OPENBAV_CALC_AMOUNT_H
#define OPENBAV_CALC_AMOUNT_H

#include "app/calc.h"

json_t *calc_mn(const json_t *in, enum lang lang, struct calc_error *err);
json_t *calc_vvl(const json_t *in, enum lang lang, struct calc_error *err);
json_t *calc_method(const json_t *in, enum lang lang, struct calc_error *err);
json_t *calc_retirement(const json_t *in, enum lang lang, struct calc_error *err);

/* The input fields, for the registry's calculator pages (calc_registry.c). */
extern const struct calc_field calc_mn_fields[];
extern const struct calc_field calc_vvl_fields[];
extern const struct calc_field calc_method_fields[];
extern const struct calc_field calc_retirement_fields[];

#endif

/*
 * calc_payroll.h — the wage-tax calculator `lohnsteuer`: the BMF
 * Programmablaufplan of a year (src/payroll/pap.h) with every input and
 * output under its PAP name.  JSON in/out: docs/api.md.
 */
#ifndef OPENBAV_CALC_PAYROLL_H
#define OPENBAV_CALC_PAYROLL_H

#include "app/calc.h"

json_t *calc_lohnsteuer(const json_t *in, enum lang lang, struct calc_error *err);

/* The everyday inputs, for the calculator page (calc_registry.c). */
extern const struct calc_field calc_lohnsteuer_fields[];

#endif

/*
 * calc_registry.c — the list of calculators, by name (docs/api.md).
 */
#include "app/calc.h"

json_t *calc_validate(const json_t *in, enum lang lang, struct calc_error *err);

static const char *const validate_kinds[] = {"iban", "svnr", "steuer_id", "betriebsnummer", "postcode", NULL};
static const struct calc_field f_validate[] = {
	{"kind", CF_ENUM, true, validate_kinds},
	{"value", CF_TEXT, true, NULL},
	{NULL, 0, false, NULL}};

const struct calc calcs[] = {
	{"validate", calc_validate, "check digits: IBAN, Rentenversicherungsnummer, Steuer-ID, Betriebsnummer, postcode", f_validate},
};
const size_t calcs_count = sizeof calcs / sizeof *calcs;

/*
 * calc_registry.c — the list of calculators, by name (docs/api.md).
 */
#include "app/calc.h"

json_t *calc_validate(const json_t *in, enum lang lang, struct calc_error *err);

const struct calc calcs[] = {
	{"validate", calc_validate, "check digits: IBAN, Rentenversicherungsnummer, Steuer-ID, Betriebsnummer, postcode"},
};
const size_t calcs_count = sizeof calcs / sizeof *calcs;

/*
 * calc_validate.c — the `validate` calculator: check digits and formats of
 * IBAN, Rentenversicherungsnummer, Steuer-ID, Betriebsnummer and postcode,
 * with the precise reason when invalid (rules in core/validate.c).
 */
#include "app/calc.h"
#include "core/validate.h"
#include "http/i18n.h"

#include <string.h>

json_t *calc_validate(const json_t *in, enum lang lang, struct calc_error *err);

json_t *calc_validate(const json_t *in, enum lang lang, struct calc_error *err)
{
	static const char *const allowed[] = {"kind", "value", NULL};
	static const char *const kinds[]   = {"iban", "svnr", "steuer_id", "betriebsnummer", "postcode", NULL};
	int                      kind;
	const char              *value;
	if (!calc_in_only(in, allowed, err) || !calc_in_enum(in, "kind", NULL, kinds, &kind, err) ||
	    !calc_in_string(in, "value", NULL, 64, &value, err))
		return NULL;
	size_t            n = strlen(value);
	enum valid_reason r;
	switch (kind) {
	case 0: r = validate_iban(value, n); break;
	case 1: r = validate_svnr(value, n); break;
	case 2: r = validate_steuer_id(value, n); break;
	case 3: r = validate_betriebsnummer(value, n); break;
	default: r = validate_postcode_de(value, n); break;
	}
	json_t *out = json_pack("{s:b}", "valid", r == VALID_OK);
	if (r != VALID_OK) {
		const char *key = validate_reason_key(kinds[kind], r);
		json_object_set_new(out, "message", json_string(i18n_text(lang, key)));
		json_object_set_new(out, "reason", json_string(key));
	}
	static const char *const rules[] = {"ISO 13616 (IBAN, mod 97)", "§ 2 VKVV",
	                                    "§ 139b AO, ISO/IEC 7064 MOD 11,10",
	                                    "GKV Gemeinsame Grundsätze (Betriebsnummer)",
	                                    "Deutsche Post Postleitzahlen"};
	json_object_set_new(out, "rule", json_string(rules[kind]));
	json_t *why = json_array();
	json_array_append_new(why, json_string(i18n_text(lang, r == VALID_OK ? "valid.ok" : validate_reason_key(kinds[kind], r))));
	json_object_set_new(out, "explanation", why);
	return out;
}

/*
 * fuzz_pap.c — libFuzzer driver for the wage-tax PAP (src/payroll) and its
 * calculator (src/app/calc_payroll.c).  Input starting with '{': a JSON text
 * for calc_lohnsteuer, which must answer with a result or an error naming a
 * field, never crash.  Otherwise binary: byte 0 picks the year, then records
 * of 10 bytes (input index, scale, 8-byte mantissa) set arbitrary values —
 * negative, huge, fractional — by name through pap.h; the run must end with
 * 0 or error bits, never undefined behaviour, and a clean run must leave
 * every output readable.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/calc_payroll.h"
#include "http/i18n.h"
#include "payroll/pap.h"

static void fuzz_pap_json(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		i18n_init();
		ready = 1;
	}
	json_error_t je;
	json_t      *in = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &je);
	if (!in)
		return;
	if (json_is_object(in)) {
		struct calc_error err = {0};
		json_t           *out = calc_lohnsteuer(in, LANG_DE, &err);
		if (out) {
			if (!json_is_object(out) || !json_is_string(json_object_get(out, "rule")))
				abort();
			json_decref(out);
		} else if (err.message[0] == '\0')
			abort(); /* a refusal always says why */
	}
	json_decref(in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (data[0] == '{') {
		fuzz_pap_json(data, size);
		return 0;
	}
	static struct pap     p;
	const struct pap_def *def = pap_defs[data[0] % pap_defs_count];
	pap_start(&p, def);
	for (size_t i = 1; i + 10 <= size; i += 10) {
		const struct pap_var *v = &def->inputs[data[i] % def->ninputs];
		int64_t               m;
		memcpy(&m, data + i + 2, sizeof m);
		if (data[i + 1] & 0x80)
			m %= 100000000000; /* mostly plausible magnitudes */
		int   err = 0;
		dec_t val = dec_from_unscaled(&err, m, data[i + 1] % 8);
		if (!err)
			pap_set(&p, v->name, val);
	}
	if (pap_run(&p) == 0)
		for (size_t k = 0; k < def->noutputs; k++) {
			dec_t v;
			if (pap_get(&p, def->outputs[k].name, &v) != PAP_OK || v.s < 0 || v.s > DEC_MAX_SCALE)
				abort();
		}
	return 0;
}

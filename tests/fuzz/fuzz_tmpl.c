/*
 * fuzz_tmpl.c — libFuzzer driver for the template compiler (tools/tmplc.c):
 * arbitrary bytes as a template, parsed, linked against a partial and emitted
 * as C into memory.  Must never crash, hang or leak, whatever the input.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define TMPLC_NO_MAIN
#include "../../tools/tmplc.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tmplc_set *set = tmplc_new();
	tmplc_add(set, "fuzz.html", (const char *)data, size);
	tmplc_add(set, "_p.html", "<p title=\"{{a}}\">{{#each b}}{{.}}{{/each}}</p>", 46);
	if (tmplc_link(set) == 0) {
		char  *hb = NULL, *cb = NULL;
		size_t hn = 0, cn = 0;
		FILE  *h = open_memstream(&hb, &hn), *c = open_memstream(&cb, &cn);
		if (h && c && tmplc_emit(set, h, c) != 0)
			abort();
		if (h)
			fclose(h);
		if (c)
			fclose(c);
		free(hb);
		free(cb);
	} else if (!tmplc_error(set))
		abort(); /* a failure always says why */
	tmplc_free(set);
	return 0;
}

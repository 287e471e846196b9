/*
 * fuzz_cookie.c — libFuzzer driver for the header parsers parse_cookies() and
 * parse_accept_language() (NUL-terminated copy of the input).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/parse.h"

enum { FUZZ_COOKIE_MAX = 16 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *h = malloc(size + 1);
	if (h == NULL)
		return 0;
	memcpy(h, data, size);
	h[size] = '\0';

	struct arena a;
	struct kv   *kv;
	arena_init(&a);
	size_t n = parse_cookies(&a, h, FUZZ_COOKIE_MAX, &kv);
	if (n > FUZZ_COOKIE_MAX || (n > 0 && kv == NULL))
		abort();
	for (size_t i = 0; i < n; i++) {
		if (kv[i].keylen == 0 || strlen(kv[i].key) != kv[i].keylen || strlen(kv[i].val) != kv[i].vallen)
			abort();
		for (size_t k = 0; k < kv[i].vallen; k++)
			if (kv[i].val[k] <= ' ' || kv[i].val[k] == ';' || kv[i].val[k] == '"' || kv[i].val[k] == 0x7f)
				abort();
	}
	arena_free(&a);

	enum lang l = parse_accept_language(h);
	if (l != LANG_DE && l != LANG_EN)
		abort();
	free(h);
	return 0;
}

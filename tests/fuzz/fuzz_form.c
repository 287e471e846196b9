/*
 * fuzz_form.c — libFuzzer driver for parse_urlencoded(): every accepted pair
 * must be NUL-terminated, valid UTF-8 and within the limits.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/parse.h"

enum { FUZZ_FORM_MAX_PAIRS = 32 };

static void fuzz_form_check(const struct kv *kv)
{
	if (kv->keylen == 0 || kv->keylen > PARSE_KEY_MAX || strlen(kv->key) != kv->keylen ||
	    strlen(kv->val) != kv->vallen || !utf8_valid(kv->key, kv->keylen) || !utf8_valid(kv->val, kv->vallen))
		abort();
	for (size_t i = 0; i < kv->keylen; i++)
		if ((unsigned char)kv->key[i] < 0x20)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct kv   *kv;
	size_t       n;
	arena_init(&a);
	enum parse_err e = parse_urlencoded(&a, (const char *)data, size, FUZZ_FORM_MAX_PAIRS, &kv, &n);
	if (e == PARSE_OK) {
		if (n > FUZZ_FORM_MAX_PAIRS || (n > 0 && kv == NULL))
			abort();
		for (size_t i = 0; i < n; i++)
			fuzz_form_check(&kv[i]);
	} else if (n != 0 || kv != NULL || parse_err_text(e) == NULL) {
		abort();
	}
	arena_free(&a);
	return 0;
}

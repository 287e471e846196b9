/*
 * fuzz_multipart.c — libFuzzer driver for multipart_parse(): the first input
 * line is the Content-Type header, the rest the body.  Every accepted part
 * must have a clean name, lie inside the body (files) or be a NUL-terminated
 * copy within MP_FIELD_MAX (fields).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/multipart.h"
#include "http/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s  = (const char *)data;
	const char *nl = memchr(s, '\n', size);
	if (!nl)
		return 0;
	size_t ctn  = (size_t)(nl - s);
	char  *ct   = malloc(ctn + 1);
	memcpy(ct, s, ctn);
	ct[ctn] = '\0';
	size_t bn   = size - ctn - 1;
	char  *body = malloc(bn ? bn : 1); /* own allocation: ASan sees reads past the end */
	memcpy(body, nl + 1, bn);

	struct arena    a;
	struct mp_part *parts;
	size_t          n;
	arena_init(&a);
	enum mp_err e = multipart_parse(&a, ct, body, bn, MP_MAX_PARTS, &parts, &n);
	if (e == MP_OK) {
		if (n > MP_MAX_PARTS || (n && !parts))
			abort();
		for (size_t i = 0; i < n; i++) {
			const struct mp_part *p = &parts[i];
			if (!p->name || !p->name[0] || !utf8_valid(p->name, strlen(p->name)))
				abort();
			if (p->filename) {
				if (p->data < body || p->data + p->len > body + bn)
					abort();
			} else if (p->len > MP_FIELD_MAX || strlen(p->data) != p->len)
				abort();
		}
	} else if (n || parts || !multipart_err_text(e)) {
		abort();
	}
	arena_free(&a);
	free(ct);
	free(body);
	return 0;
}

/*
 * parse.h — parsers of untrusted request input: query strings and form
 * bodies, the Cookie header, Accept-Language, UTF-8.  All output lives in the
 * request arena; nothing here keeps state.
 */
#ifndef OPENBAV_PARSE_H
#define OPENBAV_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/lang.h"

struct kv {
	const char *key;
	size_t      keylen;
	const char *val;
	size_t      vallen;
};

enum parse_err { PARSE_OK = 0, PARSE_BAD_ESCAPE, PARSE_BAD_UTF8, PARSE_NUL, PARSE_TOO_MANY, PARSE_TOO_LONG };

enum { PARSE_KEY_MAX = 64 }; /* longest accepted decoded key, bytes */

/*
 * application/x-www-form-urlencoded and query strings: '+' → space, %XX
 * decoding, empty pairs (and pairs with an empty key) skipped, a key without
 * '=' gives an empty value.  Decoded keys and values must be valid UTF-8
 * without NUL bytes (PARSE_NUL) and without other C0 control characters
 * (also PARSE_NUL), except TAB, CR, LF in values.  Keys longer than
 * PARSE_KEY_MAX bytes → PARSE_TOO_LONG; more than max_pairs pairs →
 * PARSE_TOO_MANY.  Strings in *out are NUL-terminated copies.  On error
 * *out = NULL and *count = 0.
 */
enum parse_err parse_urlencoded(struct arena *a, const char *s, size_t n, size_t max_pairs, struct kv **out,
                                size_t *count);

/* Cookie header (RFC 6265 "name=value; name2=value2"); malformed pieces are
 * skipped, never an error; at most max pairs kept, in header order.  A
 * quoted value loses its quotes.  *out = NULL when none. */
size_t parse_cookies(struct arena *a, const char *header, size_t max, struct kv **out);

/* Accept-Language: the highest-q supported language (de, en, with subtags
 * like de-DE; first listed wins a tie), default LANG_DE (also for NULL). */
enum lang parse_accept_language(const char *header);

bool utf8_valid(const char *s, size_t n); /* rejects overlongs, surrogates, > U+10FFFF */

const char *parse_err_text(enum parse_err e); /* English, for error messages */

#endif

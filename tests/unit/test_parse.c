/*
 * test_parse.c — urlencoded decoding, Cookie and Accept-Language parsing and
 * UTF-8 validation of src/http/parse.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "http/parse.h"

static int setup(void **state)
{
	static struct arena a;
	arena_init(&a);
	*state = &a;
	return 0;
}

static int teardown(void **state)
{
	arena_free(*state);
	return 0;
}

static enum parse_err form(struct arena *a, const char *s, size_t max, struct kv **kv, size_t *n)
{
	return parse_urlencoded(a, s, strlen(s), max, kv, n);
}

static void assert_kv(const struct kv *kv, const char *k, const char *v)
{
	assert_string_equal(kv->key, k);
	assert_int_equal(kv->keylen, strlen(k));
	assert_string_equal(kv->val, v);
	assert_int_equal(kv->vallen, strlen(v));
}

static void test_form_basic(void **state)
{
	struct kv *kv;
	size_t     n;
	assert_int_equal(form(*state, "a=1&b=%C3%A4+x", 10, &kv, &n), PARSE_OK);
	assert_int_equal(n, 2);
	assert_kv(&kv[0], "a", "1");
	assert_kv(&kv[1], "b", "ä x");

	assert_int_equal(form(*state, "&&flag&x=&=lost&&y=a%2Bb%26c%3Dd&%41%62=%e2%82%ac&", 10, &kv, &n), PARSE_OK);
	assert_int_equal(n, 4);
	assert_kv(&kv[0], "flag", "");
	assert_kv(&kv[1], "x", "");
	assert_kv(&kv[2], "y", "a+b&c=d");
	assert_kv(&kv[3], "Ab", "€");

	assert_int_equal(form(*state, "q=a=b", 10, &kv, &n), PARSE_OK);
	assert_int_equal(n, 1);
	assert_kv(&kv[0], "q", "a=b");

	assert_int_equal(form(*state, "", 10, &kv, &n), PARSE_OK);
	assert_int_equal(n, 0);
	assert_null(kv);
	assert_int_equal(form(*state, "&&&", 10, &kv, &n), PARSE_OK);
	assert_int_equal(n, 0);

	/* values may hold TAB, CR, LF */
	assert_int_equal(form(*state, "t=a%09b%0D%0Ac", 10, &kv, &n), PARSE_OK);
	assert_kv(&kv[0], "t", "a\tb\r\nc");

	/* n bounds the input: nothing after it is read */
	assert_int_equal(parse_urlencoded(*state, "a=1&b=2", 3, 10, &kv, &n), PARSE_OK);
	assert_int_equal(n, 1);
	assert_kv(&kv[0], "a", "1");

	/* raw bytes of valid UTF-8 are fine */
	assert_int_equal(form(*state, "name=J\xc3\xbcrgen", 10, &kv, &n), PARSE_OK);
	assert_kv(&kv[0], "name", "Jürgen");
}

static void test_form_errors(void **state)
{
	struct kv *kv = (struct kv *)1;
	size_t     n  = 99;
	assert_int_equal(form(*state, "%zz", 10, &kv, &n), PARSE_BAD_ESCAPE);
	assert_null(kv);
	assert_int_equal(n, 0);
	assert_int_equal(form(*state, "a=%zz", 10, &kv, &n), PARSE_BAD_ESCAPE);
	assert_int_equal(form(*state, "a=%4", 10, &kv, &n), PARSE_BAD_ESCAPE);
	assert_int_equal(form(*state, "a=%", 10, &kv, &n), PARSE_BAD_ESCAPE);
	assert_int_equal(form(*state, "a=1%", 10, &kv, &n), PARSE_BAD_ESCAPE);
	assert_int_equal(form(*state, "a%g0=1", 10, &kv, &n), PARSE_BAD_ESCAPE);
	/* "%4" followed by '&' must not read the next pair's bytes as hex */
	assert_int_equal(form(*state, "a=%4&1=1", 10, &kv, &n), PARSE_BAD_ESCAPE);
	assert_int_equal(parse_urlencoded(*state, "a=%41", 4, 10, &kv, &n), PARSE_BAD_ESCAPE);

	assert_int_equal(form(*state, "%00", 10, &kv, &n), PARSE_NUL);
	assert_int_equal(form(*state, "a=x%00y", 10, &kv, &n), PARSE_NUL);
	assert_int_equal(parse_urlencoded(*state, "a=x\0y", 5, 10, &kv, &n), PARSE_NUL);
	assert_int_equal(form(*state, "a=%01", 10, &kv, &n), PARSE_NUL);
	assert_int_equal(form(*state, "a=%1F", 10, &kv, &n), PARSE_NUL);
	assert_int_equal(form(*state, "a%09b=1", 10, &kv, &n), PARSE_NUL); /* TAB not in keys */
	assert_int_equal(form(*state, "a%0A=1", 10, &kv, &n), PARSE_NUL);

	assert_int_equal(form(*state, "a=%C3", 10, &kv, &n), PARSE_BAD_UTF8);
	assert_int_equal(form(*state, "a=%C3%28", 10, &kv, &n), PARSE_BAD_UTF8);
	assert_int_equal(form(*state, "a=%C0%AF", 10, &kv, &n), PARSE_BAD_UTF8);    /* overlong '/' */
	assert_int_equal(form(*state, "a=%ED%A0%80", 10, &kv, &n), PARSE_BAD_UTF8); /* surrogate */
	assert_int_equal(form(*state, "%FF=1", 10, &kv, &n), PARSE_BAD_UTF8);
	assert_int_equal(form(*state, "a=\xe4", 10, &kv, &n), PARSE_BAD_UTF8);      /* raw Latin-1 */

	assert_int_equal(form(*state, "a=1&b=2&c=3", 2, &kv, &n), PARSE_TOO_MANY);
	assert_null(kv);
	assert_int_equal(n, 0);
	assert_int_equal(form(*state, "a=1&b=2&&", 2, &kv, &n), PARSE_OK); /* empty pairs do not count */
	assert_int_equal(n, 2);
	assert_int_equal(form(*state, "a", 0, &kv, &n), PARSE_TOO_MANY);
	assert_int_equal(form(*state, "", 0, &kv, &n), PARSE_OK);

	char key[200];
	memset(key, 'k', 64);
	strcpy(key + 64, "=v");
	assert_int_equal(form(*state, key, 10, &kv, &n), PARSE_OK);
	assert_int_equal(kv[0].keylen, 64);
	memset(key, 'k', 65);
	strcpy(key + 65, "=v");
	assert_int_equal(form(*state, key, 10, &kv, &n), PARSE_TOO_LONG);
	/* the limit is on the decoded key: 64 escaped bytes are fine */
	for (int i = 0; i < 64; i++)
		memcpy(key + 3 * i, "%6B", 3);
	strcpy(key + 192, "=v");
	assert_int_equal(form(*state, key, 10, &kv, &n), PARSE_OK);
	assert_int_equal(kv[0].keylen, 64);
	assert_int_equal(kv[0].key[63], 'k');

	for (enum parse_err e = PARSE_OK; e <= PARSE_TOO_LONG; e++)
		assert_true(strlen(parse_err_text(e)) > 0);
	assert_string_not_equal(parse_err_text(PARSE_NUL), parse_err_text(PARSE_BAD_UTF8));
}

static void test_cookies(void **state)
{
	struct kv *kv;
	size_t     n = parse_cookies(*state, "sid=abc123; csrf=x-y_z;lang=en", 10, &kv);
	assert_int_equal(n, 3);
	assert_kv(&kv[0], "sid", "abc123");
	assert_kv(&kv[1], "csrf", "x-y_z");
	assert_kv(&kv[2], "lang", "en");

	n = parse_cookies(*state, "  a = 1 ;;bad; =x; b=\"q\"; c=; d=e=f==; e=has space; f=a,b; g=\"x; h@=1; i=ok ", 10, &kv);
	assert_int_equal(n, 5);
	assert_kv(&kv[0], "a", "1");
	assert_kv(&kv[1], "b", "q");
	assert_kv(&kv[2], "c", "");
	assert_kv(&kv[3], "d", "e=f==");
	assert_kv(&kv[4], "i", "ok");

	n = parse_cookies(*state, "a=1; b=2; c=3", 2, &kv);
	assert_int_equal(n, 2);
	assert_kv(&kv[1], "b", "2");

	n = parse_cookies(*state, "x=1; x=2", 10, &kv); /* duplicates kept in order */
	assert_int_equal(n, 2);
	assert_kv(&kv[0], "x", "1");
	assert_kv(&kv[1], "x", "2");

	assert_int_equal(parse_cookies(*state, "", 10, &kv), 0);
	assert_null(kv);
	assert_int_equal(parse_cookies(*state, NULL, 10, &kv), 0);
	assert_int_equal(parse_cookies(*state, ";;; ;", 10, &kv), 0);
	assert_int_equal(parse_cookies(*state, "a=1", 0, &kv), 0);
	assert_int_equal(parse_cookies(*state, "a=\xc3\xa4", 10, &kv), 0);
	assert_int_equal(parse_cookies(*state, "a=\x01", 10, &kv), 0);
}

static void test_accept_language(void **state)
{
	assert_int_equal(parse_accept_language("en-US,en;q=0.9,de;q=0.8"), LANG_EN);
	assert_int_equal(parse_accept_language("fr"), LANG_DE);
	assert_int_equal(parse_accept_language("de;q=0.5, en;q=0.6"), LANG_EN);
	assert_int_equal(parse_accept_language("de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7"), LANG_DE);
	assert_int_equal(parse_accept_language("fr-FR, fr;q=0.9, en;q=0.5"), LANG_EN);
	assert_int_equal(parse_accept_language("EN"), LANG_EN);
	assert_int_equal(parse_accept_language("en-gb"), LANG_EN);
	assert_int_equal(parse_accept_language("eng"), LANG_DE);
	assert_int_equal(parse_accept_language("enx-US"), LANG_DE);
	assert_int_equal(parse_accept_language("en;q=0"), LANG_DE);
	assert_int_equal(parse_accept_language("en;q=0.000, de;q=0.001"), LANG_DE);
	assert_int_equal(parse_accept_language("de;q=0.001, en;q=0.002"), LANG_EN);
	assert_int_equal(parse_accept_language("en, de"), LANG_EN); /* tie: first listed */
	assert_int_equal(parse_accept_language("de, en"), LANG_DE);
	assert_int_equal(parse_accept_language("*;q=0.9, en;q=0.8"), LANG_DE);
	assert_int_equal(parse_accept_language("en;q=2, de;q=0.1"), LANG_DE);   /* malformed q ignored */
	assert_int_equal(parse_accept_language("en;q=abc"), LANG_DE);
	assert_int_equal(parse_accept_language("en;q=0.1234"), LANG_DE);
	assert_int_equal(parse_accept_language("en ; Q=1.0 , de;q=0.9"), LANG_EN);
	assert_int_equal(parse_accept_language("en;level=1;q=0.7, de;q=0.6"), LANG_EN);
	assert_int_equal(parse_accept_language(""), LANG_DE);
	assert_int_equal(parse_accept_language(NULL), LANG_DE);
	assert_int_equal(parse_accept_language(",,;,;q=1,"), LANG_DE);
}

static void test_utf8(void **state)
{
	static const struct {
		const char *s;
		bool        ok;
	} cases[] = {
		{ "", true },
		{ "plain ASCII", true },
		{ "Grüße – €", true },
		{ "\xf0\x9f\x98\x80", true },           /* U+1F600 */
		{ "\xf4\x8f\xbf\xbf", true },           /* U+10FFFF */
		{ "\xef\xbf\xbf", true },               /* U+FFFF */
		{ "\xee\x80\x80", true },               /* U+E000 */
		{ "\xed\x9f\xbf", true },               /* U+D7FF */
		{ "\xc2\x80", true },
		{ "\x80", false },                      /* lone continuation */
		{ "\xc3", false },                      /* truncated */
		{ "\xe2\x82", false },
		{ "\xc0\x80", false },                  /* overlong NUL */
		{ "\xc1\xbf", false },
		{ "\xe0\x9f\xbf", false },              /* overlong */
		{ "\xf0\x8f\xbf\xbf", false },          /* overlong */
		{ "\xed\xa0\x80", false },              /* U+D800 */
		{ "\xed\xbf\xbf", false },              /* U+DFFF */
		{ "\xf4\x90\x80\x80", false },          /* U+110000 */
		{ "\xf5\x80\x80\x80", false },
		{ "\xff", false },
		{ "a\xc3\xa4\xc3", false },
		{ "\xe2\x28\xa1", false },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (utf8_valid(cases[i].s, strlen(cases[i].s)) != cases[i].ok)
			fail_msg("case %zu", i);
	assert_true(utf8_valid("\0", 1)); /* NUL is valid UTF-8; the form parser refuses it separately */
	assert_false(utf8_valid("\xe2\x82\xac", 2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_form_basic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_form_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cookies, setup, teardown),
		cmocka_unit_test(test_accept_language),
		cmocka_unit_test(test_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

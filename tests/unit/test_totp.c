/*
 * test_totp.c — RFC 4226 / RFC 6238 vectors, the verification window, replay
 * refusal, base32 (RFC 4648 vectors) and the otpauth URI of src/app/totp.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/totp.h"

static const uint8_t rfc_secret[] = "12345678901234567890"; /* 20 bytes + NUL */

static void test_hotp_rfc4226(void **state)
{
	static const uint32_t want[10] = { 755224, 287082, 359152, 969429, 338314,
		                               254676, 287922, 162583, 399871, 520489 };
	for (uint64_t c = 0; c < 10; c++)
		assert_int_equal(totp_code(rfc_secret, 20, c), want[c]);
}

static void test_totp_rfc6238(void **state)
{
	static const struct {
		uint64_t t;
		uint32_t code;
	} v[] = {
		{ 59, 287082 },       /* 94287082 */
		{ 1111111109, 81804 }, /* 07081804 */
		{ 1111111111, 50471 }, /* 14050471 */
		{ 1234567890, 5924 },  /* 89005924 */
		{ 2000000000, 279037 }, /* 69279037 */
		{ 20000000000ull, 353130 }, /* 65353130 */
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		assert_int_equal(totp_code(rfc_secret, 20, v[i].t / TOTP_STEP), v[i].code);
		char    code[8];
		int64_t last = -1;
		snprintf(code, sizeof code, "%06u", (unsigned)v[i].code);
		assert_true(totp_verify(rfc_secret, 20, code, v[i].t, &last));
		assert_int_equal(last, (int64_t)(v[i].t / TOTP_STEP));
	}
}

static void code_at(uint64_t step, char out[8])
{
	snprintf(out, 8, "%06u", (unsigned)totp_code(rfc_secret, 20, step));
}

static void test_verify_window(void **state)
{
	uint64_t now = 1700000000, step = now / TOTP_STEP;
	char     c[8];
	int64_t  last;

	for (int d = -3; d <= 3; d++) {
		code_at(step + (uint64_t)(int64_t)d, c);
		last = 0;
		bool ok = totp_verify(rfc_secret, 20, c, now, &last);
		assert_int_equal(ok, d >= -1 && d <= 1);
		assert_int_equal(last, ok ? (int64_t)step + d : 0);
	}
	/* a different secret gives different codes */
	code_at(step, c);
	last = 0;
	assert_false(totp_verify((const uint8_t *)"abcdefghijabcdefghij", 20, c, now, &last));

	/* malformed codes */
	static const char *bad[] = { "", "12345", "1234567", "12345a", " 12345", "12 345", "-12345" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		last = 0;
		assert_false(totp_verify(rfc_secret, 20, bad[i], now, &last));
	}
	assert_false(totp_verify(rfc_secret, 20, NULL, now, &last));
	assert_false(totp_verify(rfc_secret, 20, c, now, NULL));
	/* a code with trailing characters is not the code */
	char longer[10];
	snprintf(longer, sizeof longer, "%s0", c);
	last = 0;
	assert_false(totp_verify(rfc_secret, 20, longer, now, &last));

	/* time 0: no step -1 */
	code_at(0, c);
	last = -1;
	assert_true(totp_verify(rfc_secret, 20, c, 0, &last));
	assert_int_equal(last, 0);
}

static void test_verify_replay(void **state)
{
	uint64_t now = 1700000000, step = now / TOTP_STEP;
	char     c[8];
	int64_t  last = -1;

	code_at(step, c);
	assert_true(totp_verify(rfc_secret, 20, c, now, &last));
	assert_int_equal(last, (int64_t)step);
	/* the same code again, same moment or 20 s later: refused */
	assert_false(totp_verify(rfc_secret, 20, c, now, &last));
	assert_false(totp_verify(rfc_secret, 20, c, now + 20, &last));
	assert_int_equal(last, (int64_t)step);
	/* an older, still in-window code after a newer one: refused */
	code_at(step - 1, c);
	assert_false(totp_verify(rfc_secret, 20, c, now, &last));
	/* the next step's code is fine, and moves last_step */
	code_at(step + 1, c);
	assert_true(totp_verify(rfc_secret, 20, c, now, &last));
	assert_int_equal(last, (int64_t)step + 1);
	/* now even the current step is used up */
	code_at(step, c);
	assert_false(totp_verify(rfc_secret, 20, c, now + 30, &last));
	code_at(step + 2, c);
	assert_true(totp_verify(rfc_secret, 20, c, now + 30, &last));
	assert_int_equal(last, (int64_t)step + 2);
}

static void test_base32(void **state)
{
	static const struct {
		const char *in, *out;
	} v[] = {
		{ "", "" },          { "f", "MY" },          { "fo", "MZXQ" },          { "foo", "MZXW6" },
		{ "foob", "MZXW6YQ" }, { "fooba", "MZXW6YTB" }, { "foobar", "MZXW6YTBOI" },
	};
	char    b[64];
	uint8_t d[64];
	size_t  dn;
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		size_t n = strlen(v[i].in);
		assert_int_equal(totp_base32((const uint8_t *)v[i].in, n, b, sizeof b), strlen(v[i].out));
		assert_string_equal(b, v[i].out);
		assert_true(totp_base32_decode(v[i].out, d, sizeof d, &dn));
		assert_int_equal(dn, n);
		assert_memory_equal(d, v[i].in, n);
	}
	assert_int_equal(totp_base32(rfc_secret, 20, b, sizeof b), 32);
	assert_string_equal(b, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");

	/* lenient input: lower case, spaces, dashes, padding */
	assert_true(totp_base32_decode("mzxw 6ytb-oi======", d, sizeof d, &dn));
	assert_int_equal(dn, 6);
	assert_memory_equal(d, "foobar", 6);
	/* refused: bad characters, data after padding, impossible lengths, too small */
	assert_false(totp_base32_decode("MZXW1", d, sizeof d, &dn));
	assert_false(totp_base32_decode("MZ=XW", d, sizeof d, &dn));
	assert_false(totp_base32_decode("M", d, sizeof d, &dn));
	assert_false(totp_base32_decode("MZX", d, sizeof d, &dn));
	assert_false(totp_base32_decode("MZXW6Y", d, sizeof d, &dn));
	assert_false(totp_base32_decode("MZXW6YTBOI", d, 5, &dn));
	assert_true(totp_base32_decode("MZXW6YTBOI", d, 6, &dn));
	assert_false(totp_base32_decode(NULL, d, sizeof d, &dn));

	/* output too small: 0 and an empty string, never a cut-off secret */
	assert_int_equal(totp_base32((const uint8_t *)"foobar", 6, b, 10), 0);
	assert_string_equal(b, "");
	assert_int_equal(totp_base32((const uint8_t *)"foobar", 6, b, 11), 10);

	/* round trip of random secrets */
	for (int r = 0; r < 100; r++) {
		uint8_t s[TOTP_SECRET_LEN];
		totp_secret_new(s);
		assert_int_equal(totp_base32(s, sizeof s, b, sizeof b), 32);
		assert_true(totp_base32_decode(b, d, sizeof d, &dn));
		assert_int_equal(dn, sizeof s);
		assert_memory_equal(d, s, sizeof s);
	}
}

static void test_secret_new(void **state)
{
	uint8_t a[TOTP_SECRET_LEN], b[TOTP_SECRET_LEN], zero[TOTP_SECRET_LEN] = { 0 };
	totp_secret_new(a);
	totp_secret_new(b);
	assert_memory_not_equal(a, b, sizeof a);
	assert_memory_not_equal(a, zero, sizeof a);
}

static void test_uri(void **state)
{
	char u[256];
	totp_uri(rfc_secret, 20, "anna.schmidt@example.de", u, sizeof u);
	assert_string_equal(u, "otpauth://totp/openbav:anna.schmidt@example.de?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	                       "&issuer=openbav&algorithm=SHA1&digits=6&period=30");
	totp_uri(rfc_secret, 20, "a b&c?d=e/f:ü@x", u, sizeof u);
	assert_string_equal(u, "otpauth://totp/openbav:a%20b%26c%3Fd%3De%2Ff%3A%C3%BC@x?secret="
	                       "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=openbav&algorithm=SHA1&digits=6&period=30");
	size_t full = strlen("otpauth://totp/openbav:x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	                     "&issuer=openbav&algorithm=SHA1&digits=6&period=30");
	totp_uri(rfc_secret, 20, "x", u, full + 1);
	assert_int_equal(strlen(u), full);
	totp_uri(rfc_secret, 20, "x", u, full);
	assert_string_equal(u, "");
	/* a long secret takes the heap path */
	uint8_t big[100];
	memset(big, 0, sizeof big);
	char long_uri[512];
	totp_uri(big, sizeof big, "x", long_uri, sizeof long_uri);
	char want[200] = "?secret=";
	memset(want + 8, 'A', 160);
	strcpy(want + 168, "&issuer");
	assert_non_null(strstr(long_uri, want));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hotp_rfc4226), cmocka_unit_test(test_totp_rfc6238),
		cmocka_unit_test(test_verify_window), cmocka_unit_test(test_verify_replay),
		cmocka_unit_test(test_base32),      cmocka_unit_test(test_secret_new),
		cmocka_unit_test(test_uri),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

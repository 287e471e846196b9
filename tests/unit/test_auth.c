/*
 * test_auth.c — passwords, sessions, tokens, throttling and the second
 * factor of src/app/auth.c against a real SQLite database.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "app/auth.h"
#include "app/totp.h"
#include "db/db.h"
#include "testdb.h"

static char       path[512]; /* testdb_create: SQLite by default, PostgreSQL with OPENBAV_TEST_DB */
static struct db *db;
static int64_t    uid;
enum { NOW = 1800000000 };

static int setup(void **state)
{
	assert_true(sodium_init() >= 0);
	assert_int_equal(testdb_create("auth", path, sizeof path), 0);
	char err[256];
	db = db_open(path, err, sizeof err);
	assert_non_null(db);
	assert_true(db_migrate(db, err, sizeof err) >= 1);
	uid = auth_user_create(db, "Kim@Example.test", "Kim", "correct horse", ROLE_NONE, NOW);
	assert_true(uid > 0);
	return 0;
}

static int teardown(void **state)
{
	db_close(db);
	testdb_drop(path);
	return 0;
}

static void test_login_and_session(void **state)
{
	char             tok[AUTH_TOKEN_CHARS + 1];
	struct principal p;
	/* e-mail is case-insensitive */
	assert_int_equal(auth_login(db, "kim@EXAMPLE.test", "correct horse", "10.0.0.1", NOW, tok), AUTH_OK);
	assert_int_equal(strlen(tok), AUTH_TOKEN_CHARS);
	assert_true(auth_session(db, tok, NOW + 10, &p));
	assert_int_equal(p.user_id, uid);
	assert_int_equal(p.via, AUTH_VIA_SESSION);
	assert_string_equal(p.email, "kim@example.test");
	assert_int_equal(strlen(p.csrf), AUTH_CSRF_CHARS);
	assert_false(p.mfa_pending);
	/* the stored value is a hash: a token one character off does not work */
	char other[AUTH_TOKEN_CHARS + 1];
	memcpy(other, tok, sizeof other);
	other[0] = other[0] == 'A' ? 'B' : 'A';
	assert_false(auth_session(db, other, NOW + 10, &p));
	/* idle expiry, sliding: a use marks the session stale at most once a
	 * minute, and recording it (auth_touch) moves the expiry */
	assert_true(auth_session(db, tok, NOW + 10, &p));
	assert_false(p.stale);
	assert_true(auth_session(db, tok, NOW + AUTH_SESSION_IDLE - 1, &p));
	assert_true(p.stale);
	assert_false(auth_session(db, tok, NOW + 2 * AUTH_SESSION_IDLE - 10, &p)); /* not recorded: expired */
	auth_touch(db, &p, NOW + AUTH_SESSION_IDLE - 1);
	assert_true(auth_session(db, tok, NOW + AUTH_SESSION_IDLE + 5, &p));
	assert_false(p.stale);
	assert_true(auth_session(db, tok, NOW + 2 * AUTH_SESSION_IDLE - 10, &p));
	assert_false(auth_session(db, tok, NOW + 4 * AUTH_SESSION_IDLE, &p));
	/* logout ends it */
	assert_int_equal(auth_login(db, "kim@example.test", "correct horse", "10.0.0.1", NOW, tok), AUTH_OK);
	assert_true(auth_session(db, tok, NOW + 1, &p));
	auth_logout(db, &p);
	assert_false(auth_session(db, tok, NOW + 2, &p));
}

static void test_wrong_password_and_throttle(void **state)
{
	char tok[AUTH_TOKEN_CHARS + 1];
	assert_int_equal(auth_login(db, "nobody@example.test", "x", "10.0.0.2", NOW, tok), AUTH_BAD_CREDENTIALS);
	for (int i = 0; i < AUTH_THROTTLE_PER_ACCOUNT; i++)
		assert_int_equal(auth_login(db, "kim@example.test", "wrong", "10.0.0.3", NOW + i, tok),
		                 AUTH_BAD_CREDENTIALS);
	/* now even the right password is refused for this account … */
	assert_int_equal(auth_login(db, "kim@example.test", "correct horse", "10.0.0.4", NOW + 10, tok),
	                 AUTH_THROTTLED);
	/* … until the window has passed */
	assert_int_equal(auth_login(db, "kim@example.test", "correct horse", "10.0.0.4",
	                            NOW + AUTH_THROTTLE_WINDOW + 10, tok),
	                 AUTH_OK);
	/* per address: many accounts from one address */
	for (int i = 0; i < AUTH_THROTTLE_PER_ADDRESS; i++) {
		char email[64];
		snprintf(email, sizeof email, "u%d@example.test", i);
		assert_int_equal(auth_login(db, email, "x", "10.9.9.9", NOW + 2000, tok), AUTH_BAD_CREDENTIALS);
	}
	assert_int_equal(auth_login(db, "kim@example.test", "correct horse", "10.9.9.9", NOW + 2001, tok),
	                 AUTH_THROTTLED);
}

static void test_password_change_ends_other_sessions(void **state)
{
	int64_t          t = NOW + 10000;
	char             a[AUTH_TOKEN_CHARS + 1], b[AUTH_TOKEN_CHARS + 1];
	struct principal pa, pb;
	assert_int_equal(auth_login(db, "kim@example.test", "correct horse", "10.1.0.1", t, a), AUTH_OK);
	assert_int_equal(auth_login(db, "kim@example.test", "correct horse", "10.1.0.2", t, b), AUTH_OK);
	assert_true(auth_session(db, a, t, &pa));
	assert_int_equal(auth_change_password(db, &pa, "wrong", "battery staple", t), AUTH_BAD_CREDENTIALS);
	assert_int_equal(auth_change_password(db, &pa, "correct horse", "short", t), AUTH_WEAK_PASSWORD);
	assert_int_equal(auth_change_password(db, &pa, "correct horse", "battery staple", t), AUTH_OK);
	assert_true(auth_session(db, a, t + 1, &pa));
	assert_false(auth_session(db, b, t + 1, &pb));
	assert_true(auth_check_password(db, uid, "battery staple"));
	assert_false(auth_check_password(db, uid, "correct horse"));
	assert_int_equal(auth_change_password(db, &pa, "battery staple", "correct horse", t), AUTH_OK);
}

static void test_api_tokens(void **state)
{
	char             tok[96];
	int64_t          id;
	struct principal p;
	assert_int_equal(auth_token_create(db, "nobody@example.test", "", NOW, tok, sizeof tok, &id),
	                 AUTH_BAD_CREDENTIALS);
	assert_int_equal(auth_token_create(db, "KIM@example.test", "ci", NOW, tok, sizeof tok, &id), AUTH_OK);
	assert_int_equal(strncmp(tok, "obt_", 4), 0);
	assert_true(auth_bearer(db, tok, NOW, &p));
	assert_int_equal(p.user_id, uid);
	assert_int_equal(p.via, AUTH_VIA_TOKEN);
	assert_false(auth_bearer(db, tok + 4, NOW, &p));
	assert_true(auth_token_revoke(db, id, NOW));
	assert_false(auth_token_revoke(db, id, NOW)); /* already revoked */
	assert_false(auth_bearer(db, tok, NOW, &p));
}

static void test_second_factor(void **state)
{
	int64_t t = NOW + 20000;
	char    b32[64], uri[512], tok[AUTH_TOKEN_CHARS + 1];
	assert_false(auth_totp_enabled(db, uid));
	assert_true(auth_totp_start(db, uid, b32, sizeof b32, uri, sizeof uri, "kim@example.test"));
	assert_non_null(strstr(uri, "otpauth://totp/"));
	uint8_t secret[TOTP_SECRET_LEN];
	size_t  n = 0;
	assert_true(totp_base32_decode(b32, secret, sizeof secret, &n));
	assert_int_equal(n, TOTP_SECRET_LEN);
	char code[8];
	snprintf(code, sizeof code, "%06u", (unsigned)((totp_code(secret, n, (uint64_t)t / TOTP_STEP) + 1) % 1000000));
	assert_int_equal(auth_totp_confirm(db, uid, code, t), AUTH_BAD_CREDENTIALS);
	snprintf(code, sizeof code, "%06u", totp_code(secret, n, (uint64_t)t / TOTP_STEP));
	assert_int_equal(auth_totp_confirm(db, uid, code, t), AUTH_OK);
	assert_true(auth_totp_enabled(db, uid));

	/* Sign-in now needs the code; the same code is not accepted twice. */
	struct principal p;
	assert_int_equal(auth_login(db, "kim@example.test", "correct horse", "10.2.0.1", t + 60, tok),
	                 AUTH_MFA_REQUIRED);
	assert_true(auth_session(db, tok, t + 60, &p));
	assert_true(p.mfa_pending);
	assert_int_equal(auth_login_totp(db, &p, code, "10.2.0.1", t + 60), AUTH_BAD_CREDENTIALS);
	snprintf(code, sizeof code, "%06u", totp_code(secret, n, (uint64_t)(t + 60) / TOTP_STEP));
	assert_int_equal(auth_login_totp(db, &p, code, "10.2.0.1", t + 60), AUTH_OK);
	assert_true(auth_session(db, tok, t + 61, &p));
	assert_false(p.mfa_pending);
	auth_totp_disable(db, uid);
	assert_false(auth_totp_enabled(db, uid));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login_and_session),
		cmocka_unit_test(test_wrong_password_and_throttle),
		cmocka_unit_test(test_password_change_ends_other_sessions),
		cmocka_unit_test(test_api_tokens),
		cmocka_unit_test(test_second_factor),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

/*
 * auth.c — passwords, sessions, API tokens, throttling and the second factor.
 * Owns every read and write of users' secrets.  Never logs a password or a
 * token, never stores a token in clear, and compares secrets in constant time.
 * Throttling state lives in the database, so it holds across server processes.
 */
#include "app/auth.h"
#include "app/totp.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <sodium.h>
#include <stdio.h>

#include "base/str.h"
#include <string.h>

void auth_random_token(char out[AUTH_TOKEN_CHARS + 1])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, AUTH_TOKEN_CHARS + 1, raw, sizeof raw,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
}

void auth_token_hash(const char *token, unsigned char out[32])
{
	crypto_generichash(out, 32, (const unsigned char *)token, strlen(token), NULL, 0);
}

bool auth_hash_password(const char *pw, char *out, size_t outsz)
{
	if (outsz < crypto_pwhash_STRBYTES)
		return false;
	return crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                         crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
}

static void lower_copy(char *dst, size_t dstsz, const char *src)
{
	size_t i = 0;
	for (; src[i] && i + 1 < dstsz; i++)
		dst[i] = (char)tolower((unsigned char)src[i]);
	dst[i] = '\0';
}

/* A fixed hash to verify against when the account does not exist, so that
 * the time taken does not tell whether an e-mail address is registered. */
static char           dummy[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_make(void)
{
	if (!auth_hash_password("openbav: no such account", dummy, sizeof dummy))
		abort();
}

static const char *dummy_hash(void)
{
	pthread_once(&dummy_once, dummy_make);
	return dummy;
}

static int64_t failures(struct db *db, const char *scope, const char *key, int64_t now)
{
	struct db_q *q = db_q(db, STMT_FAILURE_COUNT);
	db_bind_str(q, 1, scope);
	db_bind_str(q, 2, key);
	db_bind_int(q, 3, now - AUTH_THROTTLE_WINDOW);
	int64_t n = db_step(q) == DB_ROW ? db_col_int(q, 0) : 0;
	db_q_done(q);
	return n;
}

bool auth_throttled(struct db *db, const char *email, const char *addr, int64_t now)
{
	char key[256];
	lower_copy(key, sizeof key, email);
	return failures(db, "account", key, now) >= AUTH_THROTTLE_PER_ACCOUNT ||
	       failures(db, "address", addr, now) >= AUTH_THROTTLE_PER_ADDRESS;
}

static void record_failure(struct db *db, const char *email, const char *addr, int64_t now)
{
	char key[256];
	lower_copy(key, sizeof key, email);
	if (db_begin_write(db) != DB_OK)
		return;
	const char *scopes[2] = {"account", "address"}, *keys[2] = {key, addr};
	for (int i = 0; i < 2; i++) {
		struct db_q *q = db_q(db, STMT_FAILURE_INSERT);
		db_bind_str(q, 1, scopes[i]);
		db_bind_str(q, 2, keys[i]);
		db_bind_int(q, 3, now);
		db_exec(q);
	}
	struct db_q *q = db_q(db, STMT_FAILURE_PURGE);
	db_bind_int(q, 1, now - AUTH_THROTTLE_WINDOW);
	db_exec(q);
	db_commit(db);
}

static bool session_create(struct db *db, int64_t user_id, bool mfa_pending, int64_t now,
                           char token[AUTH_TOKEN_CHARS + 1])
{
	unsigned char hash[32];
	char          csrf[AUTH_CSRF_CHARS + 1];
	auth_random_token(token);
	auth_random_token(csrf);
	auth_token_hash(token, hash);
	struct db_q *q = db_q(db, STMT_SESSION_INSERT);
	db_bind_blob(q, 1, hash, sizeof hash);
	db_bind_int(q, 2, user_id);
	db_bind_str(q, 3, csrf);
	db_bind_int(q, 4, mfa_pending);
	db_bind_int(q, 5, now);
	db_bind_int(q, 6, now + AUTH_SESSION_IDLE);
	return db_exec(q) == DB_DONE;
}

enum auth_rc auth_login(struct db *db, const char *email, const char *password, const char *addr,
                        int64_t now, char token[AUTH_TOKEN_CHARS + 1])
{
	char key[256];
	lower_copy(key, sizeof key, email);
	if (auth_throttled(db, key, addr, now))
		return AUTH_THROTTLED;

	char    hash[crypto_pwhash_STRBYTES] = "";
	int64_t user_id = 0;
	bool    has_totp = false, disabled = true;
	struct db_q *q = db_q(db, STMT_USER_BY_EMAIL);
	db_bind_str(q, 1, key);
	if (db_step(q) == DB_ROW) {
		user_id = db_col_int(q, 0);
		str_copy(hash, sizeof hash, db_col_text(q, 3));
		has_totp = !db_col_null(q, 5);
		disabled = db_col_int(q, 8) != 0;
	}
	db_q_done(q);

	bool ok = crypto_pwhash_str_verify(user_id ? hash : dummy_hash(), password,
	                                   strlen(password)) == 0;
	if (!ok || !user_id || disabled) {
		record_failure(db, key, addr, now);
		return AUTH_BAD_CREDENTIALS;
	}
	if (db_begin_write(db) != DB_OK)
		return AUTH_ERROR;
	q = db_q(db, STMT_FAILURE_CLEAR);
	db_bind_str(q, 1, "account");
	db_bind_str(q, 2, key);
	db_exec(q);
	if (!session_create(db, user_id, has_totp, now, token) || db_commit(db) != DB_OK) {
		db_rollback(db);
		return AUTH_ERROR;
	}
	return has_totp ? AUTH_MFA_REQUIRED : AUTH_OK;
}

enum auth_rc auth_login_totp(struct db *db, struct principal *p, const char *code, const char *addr,
                             int64_t now)
{
	if (auth_throttled(db, p->email, addr, now))
		return AUTH_THROTTLED;
	uint8_t secret[TOTP_SECRET_LEN];
	size_t  len = 0;
	int64_t last = 0;
	struct db_q *q = db_q(db, STMT_USER_BY_ID);
	db_bind_int(q, 1, p->user_id);
	if (db_step(q) == DB_ROW && !db_col_null(q, 5) && db_col_len(q, 5) == TOTP_SECRET_LEN) {
		len = TOTP_SECRET_LEN;
		memcpy(secret, db_col_blob(q, 5), len);
		last = db_col_int(q, 7);
	}
	db_q_done(q);
	if (!len || !totp_verify(secret, len, code, (uint64_t)now, &last)) {
		sodium_memzero(secret, sizeof secret);
		record_failure(db, p->email, addr, now);
		return AUTH_BAD_CREDENTIALS;
	}
	sodium_memzero(secret, sizeof secret);
	if (db_begin_write(db) != DB_OK)
		return AUTH_ERROR;
	q = db_q(db, STMT_USER_SET_TOTP_STEP);
	db_bind_int(q, 1, p->user_id);
	db_bind_int(q, 2, last);
	db_exec(q);
	bool fresh = db_changes(db) == 1; /* a parallel use of the same code loses */
	q = db_q(db, STMT_SESSION_MFA_DONE);
	db_bind_int(q, 1, p->session_id);
	db_exec(q);
	if (!fresh || db_commit(db) != DB_OK) {
		db_rollback(db);
		return fresh ? AUTH_ERROR : AUTH_BAD_CREDENTIALS;
	}
	p->mfa_pending = false;
	return AUTH_OK;
}

static enum role operator_role(const char *code)
{
	if (!strcmp(code, "admin"))
		return ROLE_OPERATOR_ADMIN;
	if (!strcmp(code, "clerk"))
		return ROLE_OPERATOR_CLERK;
	return ROLE_NONE;
}

bool auth_session(struct db *db, const char *token, int64_t now, struct principal *out)
{
	if (strlen(token) != AUTH_TOKEN_CHARS)
		return false;
	unsigned char hash[32];
	auth_token_hash(token, hash);
	struct db_q *q = db_q(db, STMT_SESSION_BY_HASH);
	db_bind_blob(q, 1, hash, sizeof hash);
	db_bind_int(q, 2, now);
	if (db_step(q) != DB_ROW) {
		db_q_done(q);
		return false;
	}
	memset(out, 0, sizeof *out);
	out->via         = AUTH_VIA_SESSION;
	out->session_id  = db_col_int(q, 0);
	out->user_id     = db_col_int(q, 1);
	str_copy(out->csrf, sizeof out->csrf, db_col_text(q, 2));
	out->mfa_pending = db_col_int(q, 3) != 0;
	out->stale       = now - db_col_int(q, 4) >= AUTH_SESSION_TOUCH;
	str_copy(out->email, sizeof out->email, db_col_text(q, 6));
	str_copy(out->name, sizeof out->name, db_col_text(q, 7));
	out->operator_role = operator_role(db_col_text(q, 8));
	db_q_done(q);
	return true;
}

bool auth_bearer(struct db *db, const char *token, int64_t now, struct principal *out)
{
	if (strncmp(token, "obt_", 4) || strlen(token) != 4 + AUTH_TOKEN_CHARS)
		return false;
	unsigned char hash[32];
	auth_token_hash(token, hash);
	struct db_q *q = db_q(db, STMT_TOKEN_BY_HASH);
	db_bind_blob(q, 1, hash, sizeof hash);
	if (db_step(q) != DB_ROW) {
		db_q_done(q);
		return false;
	}
	memset(out, 0, sizeof *out);
	out->via        = AUTH_VIA_TOKEN;
	out->session_id = db_col_int(q, 0);
	out->user_id    = db_col_int(q, 1);
	str_copy(out->email, sizeof out->email, db_col_text(q, 2));
	str_copy(out->name, sizeof out->name, db_col_text(q, 3));
	out->operator_role = operator_role(db_col_text(q, 4));
	out->stale         = db_col_null(q, 5) || now - db_col_int(q, 5) >= AUTH_SESSION_TOUCH;
	db_q_done(q);
	return true;
}

void auth_touch(struct db *db, const struct principal *p, int64_t now)
{
	struct db_q *q;
	if (p->via == AUTH_VIA_SESSION) {
		q = db_q(db, STMT_SESSION_TOUCH);
		db_bind_int(q, 1, p->session_id);
		db_bind_int(q, 2, now);
		db_bind_int(q, 3, now + AUTH_SESSION_IDLE);
	} else if (p->via == AUTH_VIA_TOKEN) {
		q = db_q(db, STMT_TOKEN_TOUCH);
		db_bind_int(q, 1, p->session_id);
		db_bind_int(q, 2, now);
	} else
		return;
	db_exec(q);
}

void auth_logout(struct db *db, const struct principal *p)
{
	if (p->via != AUTH_VIA_SESSION)
		return;
	struct db_q *q = db_q(db, STMT_SESSION_DELETE);
	db_bind_int(q, 1, p->session_id);
	db_exec(q);
}

bool auth_check_password(struct db *db, int64_t user_id, const char *password)
{
	char         hash[crypto_pwhash_STRBYTES] = "";
	struct db_q *q = db_q(db, STMT_USER_BY_ID);
	db_bind_int(q, 1, user_id);
	if (db_step(q) == DB_ROW)
		str_copy(hash, sizeof hash, db_col_text(q, 3));
	db_q_done(q);
	return hash[0] && crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

enum auth_rc auth_change_password(struct db *db, const struct principal *p, const char *current,
                                  const char *fresh, int64_t now)
{
	(void)now;
	if (!auth_check_password(db, p->user_id, current))
		return AUTH_BAD_CREDENTIALS;
	size_t n = strlen(fresh);
	if (n < AUTH_PASSWORD_MIN || n > AUTH_PASSWORD_MAX)
		return AUTH_WEAK_PASSWORD;
	char hash[crypto_pwhash_STRBYTES];
	if (!auth_hash_password(fresh, hash, sizeof hash) || db_begin_write(db) != DB_OK)
		return AUTH_ERROR;
	struct db_q *q = db_q(db, STMT_USER_SET_PASSWORD);
	db_bind_int(q, 1, p->user_id);
	db_bind_str(q, 2, hash);
	db_exec(q);
	/* Every other session of the user ends with the old password. */
	q = db_q(db, STMT_SESSION_DELETE_OTHERS);
	db_bind_int(q, 1, p->user_id);
	db_bind_int(q, 2, p->via == AUTH_VIA_SESSION ? p->session_id : 0);
	db_exec(q);
	return db_commit(db) == DB_OK ? AUTH_OK : AUTH_ERROR;
}

static bool load_totp(struct db *db, int64_t user_id, int col, uint8_t secret[TOTP_SECRET_LEN])
{
	struct db_q *q = db_q(db, STMT_USER_BY_ID);
	db_bind_int(q, 1, user_id);
	bool ok = db_step(q) == DB_ROW && db_col_len(q, col) == TOTP_SECRET_LEN;
	if (ok)
		memcpy(secret, db_col_blob(q, col), TOTP_SECRET_LEN);
	db_q_done(q);
	return ok;
}

bool auth_totp_enabled(struct db *db, int64_t user_id)
{
	uint8_t s[TOTP_SECRET_LEN];
	bool    on = load_totp(db, user_id, 5, s);
	sodium_memzero(s, sizeof s);
	return on;
}

bool auth_totp_pending(struct db *db, int64_t user_id, char *secret_b32, size_t b32sz, char *uri,
                       size_t urisz, const char *email)
{
	uint8_t s[TOTP_SECRET_LEN];
	if (!load_totp(db, user_id, 6, s))
		return false;
	totp_base32(s, sizeof s, secret_b32, b32sz);
	totp_uri(s, sizeof s, email, uri, urisz);
	sodium_memzero(s, sizeof s);
	return true;
}

bool auth_totp_start(struct db *db, int64_t user_id, char *secret_b32, size_t b32sz, char *uri,
                     size_t urisz, const char *email)
{
	uint8_t s[TOTP_SECRET_LEN];
	totp_secret_new(s);
	struct db_q *q = db_q(db, STMT_USER_SET_TOTP_PENDING);
	db_bind_int(q, 1, user_id);
	db_bind_blob(q, 2, s, sizeof s);
	bool ok = db_exec(q) == DB_DONE;
	if (ok) {
		totp_base32(s, sizeof s, secret_b32, b32sz);
		totp_uri(s, sizeof s, email, uri, urisz);
	}
	sodium_memzero(s, sizeof s);
	return ok;
}

enum auth_rc auth_totp_confirm(struct db *db, int64_t user_id, const char *code, int64_t now)
{
	uint8_t s[TOTP_SECRET_LEN];
	int64_t last = 0;
	if (!load_totp(db, user_id, 6, s))
		return AUTH_ERROR;
	bool ok = totp_verify(s, sizeof s, code, (uint64_t)now, &last);
	sodium_memzero(s, sizeof s);
	if (!ok)
		return AUTH_BAD_CREDENTIALS;
	struct db_q *q = db_q(db, STMT_USER_TOTP_ENABLE);
	db_bind_int(q, 1, user_id);
	db_bind_int(q, 2, last);
	return db_exec(q) == DB_DONE && db_changes(db) == 1 ? AUTH_OK : AUTH_ERROR;
}

void auth_totp_disable(struct db *db, int64_t user_id)
{
	struct db_q *q = db_q(db, STMT_USER_TOTP_DISABLE);
	db_bind_int(q, 1, user_id);
	db_exec(q);
}

enum auth_rc auth_token_create(struct db *db, const char *email, const char *label, int64_t now,
                               char *out, size_t outsz, int64_t *id)
{
	char key[256];
	lower_copy(key, sizeof key, email);
	int64_t      user_id = 0;
	struct db_q *q       = db_q(db, STMT_USER_BY_EMAIL);
	db_bind_str(q, 1, key);
	if (db_step(q) == DB_ROW)
		user_id = db_col_int(q, 0);
	db_q_done(q);
	if (!user_id)
		return AUTH_BAD_CREDENTIALS;
	char raw[AUTH_TOKEN_CHARS + 1];
	auth_random_token(raw);
	snprintf(out, outsz, "obt_%s", raw);
	sodium_memzero(raw, sizeof raw);
	unsigned char hash[32];
	auth_token_hash(out, hash);
	q = db_q(db, STMT_TOKEN_INSERT);
	db_bind_int(q, 1, user_id);
	db_bind_blob(q, 2, hash, sizeof hash);
	db_bind_str(q, 3, label);
	db_bind_int(q, 4, now);
	if (db_exec(q) != DB_DONE)
		return AUTH_ERROR;
	*id = db_last_id(db);
	return AUTH_OK;
}

bool auth_token_revoke(struct db *db, int64_t id, int64_t now)
{
	struct db_q *q = db_q(db, STMT_TOKEN_REVOKE);
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, now);
	return db_exec(q) == DB_DONE && db_changes(db) == 1;
}

int64_t auth_user_create(struct db *db, const char *email, const char *name, const char *password,
                         enum role op_role, int64_t now)
{
	char key[256], hash[crypto_pwhash_STRBYTES];
	lower_copy(key, sizeof key, email);
	if (!auth_hash_password(password, hash, sizeof hash))
		return 0;
	struct db_q *q = db_q(db, STMT_USER_INSERT);
	db_bind_str(q, 1, key);
	db_bind_str(q, 2, name);
	db_bind_str(q, 3, hash);
	db_bind_str(q, 4, op_role == ROLE_OPERATOR_ADMIN   ? "admin"
	                  : op_role == ROLE_OPERATOR_CLERK ? "clerk"
	                                                   : NULL);
	db_bind_int(q, 5, now);
	return db_exec(q) == DB_DONE ? db_last_id(db) : 0;
}

enum role auth_role_at(struct db *db, const struct principal *p, int64_t employer_id)
{
	struct db_q *q;
	if (p->operator_role != ROLE_NONE) { /* operator staff: every employer that exists */
		q           = db_q(db, STMT_EMPLOYER_EXISTS);
		db_bind_int(q, 1, employer_id);
		bool exists = db_step(q) == DB_ROW;
		db_q_done(q);
		return exists ? p->operator_role : ROLE_NONE;
	}
	q = db_q(db, STMT_MEMBERSHIP_ROLE);
	db_bind_int(q, 1, p->user_id);
	db_bind_int(q, 2, employer_id);
	enum role r = db_step(q) == DB_ROW ? authz_role_from_code(db_col_text(q, 0)) : ROLE_NONE;
	db_q_done(q);
	return r;
}

/*
 * auth.h — who is asking: passwords, sessions, API tokens, login throttling.
 * Secrets (session and API tokens) exist in clear only in the client's hands;
 * the database holds their BLAKE2b hashes.  Passwords are Argon2id.
 */
#ifndef OPENBAV_AUTH_H
#define OPENBAV_AUTH_H

#include <stdbool.h>
#include <stdint.h>

#include "app/authz.h"
#include "db/db.h"

enum {
	AUTH_TOKEN_CHARS   = 43,  /* 32 random bytes, base64url without padding */
	AUTH_CSRF_CHARS    = 43,
	AUTH_SESSION_IDLE  = 8 * 3600,     /* seconds of inactivity before a session ends */
	AUTH_SESSION_TOUCH = 60,           /* refresh last_seen at most this often */
	AUTH_THROTTLE_WINDOW       = 15 * 60,
	AUTH_THROTTLE_PER_ACCOUNT  = 5,    /* failures per account per window → 429 */
	AUTH_THROTTLE_PER_ADDRESS  = 20,   /* failures per client address per window → 429 */
	AUTH_PASSWORD_MIN  = 10,
	AUTH_PASSWORD_MAX  = 256,
};

enum auth_via { AUTH_VIA_NONE, AUTH_VIA_SESSION, AUTH_VIA_TOKEN };

struct principal {
	enum auth_via via;
	int64_t       user_id;
	int64_t       session_id; /* or token id */
	enum role     operator_role; /* ROLE_OPERATOR_ADMIN/CLERK or ROLE_NONE */
	bool          mfa_pending;   /* password given, second factor still owed */
	char          email[256];
	char          name[256];
	char          csrf[AUTH_CSRF_CHARS + 1];
	bool          stale;         /* last use older than AUTH_SESSION_TOUCH: auth_touch() it */
};

enum auth_rc {
	AUTH_OK,
	AUTH_BAD_CREDENTIALS,
	AUTH_THROTTLED,
	AUTH_MFA_REQUIRED, /* session made, second factor owed */
	AUTH_WEAK_PASSWORD,
	AUTH_ERROR,
};

/* Password hashing (Argon2id, libsodium's string format). */
bool auth_hash_password(const char *pw, char *out, size_t outsz);

/* Login with e-mail and password from a client address.  On AUTH_OK or
 * AUTH_MFA_REQUIRED a session exists and `token` holds its cookie value. */
enum auth_rc auth_login(struct db *db, const char *email, const char *password, const char *addr,
                        int64_t now, char token[AUTH_TOKEN_CHARS + 1]);
/* Second factor for a session with mfa_pending. */
enum auth_rc auth_login_totp(struct db *db, struct principal *p, const char *code, const char *addr,
                             int64_t now);
bool auth_throttled(struct db *db, const char *email, const char *addr, int64_t now);

/* Who holds this session cookie / bearer token.  Read-only, so a request can
 * run it inside its read transaction; when the record's last use is stale
 * (p->stale), call auth_touch() outside that transaction. */
bool auth_session(struct db *db, const char *token, int64_t now, struct principal *out);
bool auth_bearer(struct db *db, const char *token, int64_t now, struct principal *out);
/* Sliding expiry: records the use of a stale session or token (one write at
 * most once a minute per session). */
void auth_touch(struct db *db, const struct principal *p, int64_t now);
void auth_logout(struct db *db, const struct principal *p);

enum auth_rc auth_change_password(struct db *db, const struct principal *p, const char *current,
                                  const char *fresh, int64_t now);
bool auth_check_password(struct db *db, int64_t user_id, const char *password);

/* Second factor set-up. */
bool auth_totp_start(struct db *db, int64_t user_id, char *secret_b32, size_t b32sz, char *uri,
                     size_t urisz, const char *email);
bool auth_totp_pending(struct db *db, int64_t user_id, char *secret_b32, size_t b32sz, char *uri,
                       size_t urisz, const char *email);
bool auth_totp_enabled(struct db *db, int64_t user_id);
enum auth_rc auth_totp_confirm(struct db *db, int64_t user_id, const char *code, int64_t now);
void auth_totp_disable(struct db *db, int64_t user_id);

/* API tokens: `obt_` + 43 characters. */
enum auth_rc auth_token_create(struct db *db, const char *email, const char *label, int64_t now,
                               char *out, size_t outsz, int64_t *id);
bool auth_token_revoke(struct db *db, int64_t id, int64_t now);

/* Users: e-mail normalised to lower case; returns the id or 0. */
int64_t auth_user_create(struct db *db, const char *email, const char *name, const char *password,
                         enum role operator_role, int64_t now);

/* Roles of a user: operator role and memberships (employer_id, role). */
enum role auth_role_at(struct db *db, const struct principal *p, int64_t employer_id);

/* The random token and its stored hash. */
void auth_random_token(char out[AUTH_TOKEN_CHARS + 1]);
void auth_token_hash(const char *token, unsigned char out[32]);

#endif

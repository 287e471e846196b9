/*
 * totp.h — second factor by RFC 6238 time-based one-time passwords
 * (HMAC-SHA1, 6 digits, 30-second steps: what every authenticator app
 * speaks), the base32 of the shared secret and the otpauth:// URI for the
 * QR code.
 */
#ifndef OPENBAV_TOTP_H
#define OPENBAV_TOTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { TOTP_SECRET_LEN = 20, TOTP_DIGITS = 6, TOTP_STEP = 30 };

void totp_secret_new(uint8_t secret[TOTP_SECRET_LEN]); /* libsodium randombytes_buf */

/* RFC 4648 base32, no padding, NUL-terminated; returns the length, or 0 (and
 * an empty string when outsz > 0) if out is too small. */
size_t totp_base32(const uint8_t *in, size_t n, char *out, size_t outsz);
/* NUL-terminated input; case-insensitive, spaces, '-' and trailing '=' are
 * ignored.  False on any other character, an impossible length, or when the
 * result does not fit outsz. */
bool totp_base32_decode(const char *in, uint8_t *out, size_t outsz, size_t *outlen);

uint32_t totp_code(const uint8_t *secret, size_t n, uint64_t step); /* HOTP(secret, step) mod 10^6 */

/* code must be exactly six ASCII digits.  Accepts steps now-1 .. now+1; a
 * step <= *last_step is refused (replay); on success *last_step = the matched
 * step.  A NULL last_step is refused. */
bool totp_verify(const uint8_t *secret, size_t n, const char *code, uint64_t unix_now, int64_t *last_step);

/* otpauth://totp/openbav:EMAIL?secret=…&issuer=openbav&algorithm=SHA1&digits=6&period=30
 * into out (EMAIL percent-encoded except '@'); empty string if it does not fit. */
void totp_uri(const uint8_t *secret, size_t n, const char *email, char *out, size_t outsz);

#endif

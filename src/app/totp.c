/*
 * totp.c — RFC 4226 HOTP / RFC 6238 TOTP with HMAC-SHA1, base32 (RFC 4648)
 * for the shared secret, and the otpauth:// provisioning URI.
 * Owns replay refusal: a step once accepted is never accepted again.
 * Must never log or keep a copy of the secret or a code, and never accept a
 * code outside the window now-1 .. now+1.
 */
#include "totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char b32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

void totp_secret_new(uint8_t secret[TOTP_SECRET_LEN])
{
	if (sodium_init() < 0) {
		fputs("totp: libsodium failed to initialise\n", stderr);
		abort();
	}
	randombytes_buf(secret, TOTP_SECRET_LEN);
}

size_t totp_base32(const uint8_t *in, size_t n, char *out, size_t outsz)
{
	size_t need = n / 5 * 8 + (n % 5 * 8 + 4) / 5; /* ceil(8n / 5) without overflow */
	if (outsz == 0)
		return 0;
	if (need >= outsz) {
		out[0] = '\0';
		return 0;
	}
	size_t   j    = 0;
	unsigned acc  = 0;
	int      bits = 0;
	for (size_t i = 0; i < n; i++) {
		acc = (acc << 8 | in[i]) & 0xFFFu;
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			out[j++] = b32_alphabet[(acc >> bits) & 31];
		}
	}
	if (bits > 0)
		out[j++] = b32_alphabet[(acc << (5 - bits)) & 31];
	out[j] = '\0';
	return j;
}

static int b32_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a';
	if (c >= '2' && c <= '7')
		return c - '2' + 26;
	return -1;
}

bool totp_base32_decode(const char *in, uint8_t *out, size_t outsz, size_t *outlen)
{
	size_t   j = 0, chars = 0;
	unsigned acc  = 0;
	int      bits = 0;
	bool     pad  = false;
	if (in == NULL)
		return false;
	for (const char *p = in; *p; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		if (*p == '=') {
			pad = true;
			continue;
		}
		int v = b32_value(*p);
		if (v < 0 || pad)
			return false;
		chars++;
		acc = (acc << 5 | (unsigned)v) & 0x1FFFu;
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			if (j == outsz)
				return false;
			out[j++] = (uint8_t)(acc >> bits);
		}
	}
	/* 1, 3 or 6 characters in the last group cannot come from whole bytes */
	size_t rest = chars % 8;
	if (rest == 1 || rest == 3 || rest == 6)
		return false;
	*outlen = j;
	return true;
}

uint32_t totp_code(const uint8_t *secret, size_t n, uint64_t step)
{
	static const uint8_t empty[1] = { 0 };
	uint8_t              msg[8], md[EVP_MAX_MD_SIZE];
	unsigned int         mdlen = 0;
	for (int i = 7; i >= 0; i--, step >>= 8)
		msg[i] = (uint8_t)(step & 0xFF);
	if (HMAC(EVP_sha1(), n ? secret : empty, (int)n, msg, sizeof msg, md, &mdlen) == NULL || mdlen != 20) {
		fputs("totp: HMAC-SHA1 failed\n", stderr);
		abort();
	}
	/* RFC 4226 dynamic truncation */
	unsigned off = md[19] & 0x0F;
	uint32_t bin = (uint32_t)(md[off] & 0x7F) << 24 | (uint32_t)md[off + 1] << 16 |
	               (uint32_t)md[off + 2] << 8 | (uint32_t)md[off + 3];
	sodium_memzero(md, sizeof md);
	return bin % 1000000u;
}

bool totp_verify(const uint8_t *secret, size_t n, const char *code, uint64_t unix_now, int64_t *last_step)
{
	if (code == NULL || last_step == NULL)
		return false;
	uint32_t want = 0;
	for (int i = 0; i < TOTP_DIGITS; i++) {
		if (code[i] < '0' || code[i] > '9')
			return false;
		want = want * 10 + (uint32_t)(code[i] - '0');
	}
	if (code[TOTP_DIGITS] != '\0')
		return false;

	uint64_t now   = unix_now / TOTP_STEP;
	bool     found = false;
	uint64_t match = 0;
	/* All three steps are computed whatever matches, so timing does not tell
	 * which one did. */
	for (int d = -1; d <= 1; d++) {
		if (d < 0 && now == 0)
			continue;
		uint64_t step = now + (uint64_t)(int64_t)d;
		bool     hit  = totp_code(secret, n, step) == want;
		if (hit && !found && step <= (uint64_t)INT64_MAX && (int64_t)step > *last_step) {
			found = true;
			match = step;
		}
	}
	if (found)
		*last_step = (int64_t)match;
	return found;
}

struct out {
	char  *p;
	size_t n, cap;
	bool   overflow;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->overflow || o->cap - o->n <= n) {
		o->overflow = true;
		return;
	}
	memcpy(o->p + o->n, s, n);
	o->n += n;
	o->p[o->n] = '\0';
}

static void puts_(struct out *o, const char *s) { put(o, s, strlen(s)); }

void totp_uri(const uint8_t *secret, size_t n, const char *email, char *out, size_t outsz)
{
	if (outsz == 0)
		return;
	out[0]       = '\0';
	struct out o = { out, 0, outsz, false };
	puts_(&o, "otpauth://totp/openbav:");
	for (const char *p = email ? email : ""; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
		    c == '.' || c == '_' || c == '~' || c == '@') {
			put(&o, (const char *)&c, 1);
		} else {
			char esc[3] = { '%', "0123456789ABCDEF"[c >> 4], "0123456789ABCDEF"[c & 15] };
			put(&o, esc, 3);
		}
	}
	puts_(&o, "?secret=");
	char   b32[TOTP_SECRET_LEN * 2 + 8];
	char  *big = NULL, *enc = b32;
	size_t need = n / 5 * 8 + 9;
	if (need > sizeof b32) {
		big = malloc(need);
		if (big == NULL)
			abort();
		enc = big;
	}
	size_t len = totp_base32(secret, n, enc, need > sizeof b32 ? need : sizeof b32);
	put(&o, enc, len);
	sodium_memzero(enc, len);
	free(big);
	puts_(&o, "&issuer=openbav&algorithm=SHA1&digits=6&period=30");
	if (o.overflow)
		out[0] = '\0';
}

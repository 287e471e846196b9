/*
 * parse.c — decoding of untrusted request text: urlencoded forms and query
 * strings, Cookie and Accept-Language headers, UTF-8 validation.
 * Owns the rules for what a decoded key or value may contain.  Must never
 * read past n, write outside arena memory it allocated, trust a length from
 * the input, or return a string that is not valid UTF-8 and NUL-terminated.
 */
#include "parse.h"

#include <string.h>

bool utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t               i = 0;
	while (i < n) {
		unsigned c = p[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t   more;
		unsigned lo = 0x80, hi = 0xBF; /* range of the first continuation byte */
		if (c >= 0xC2 && c <= 0xDF)
			more = 1;
		else if (c == 0xE0)
			more = 2, lo = 0xA0; /* no overlongs */
		else if (c == 0xED)
			more = 2, hi = 0x9F; /* no surrogates */
		else if (c >= 0xE1 && c <= 0xEF)
			more = 2;
		else if (c == 0xF0)
			more = 3, lo = 0x90; /* no overlongs */
		else if (c >= 0xF1 && c <= 0xF3)
			more = 3;
		else if (c == 0xF4)
			more = 3, hi = 0x8F; /* nothing above U+10FFFF */
		else
			return false; /* 0x80..0xC1 lead, 0xF5..0xFF */
		if (n - i - 1 < more)
			return false;
		if (p[i + 1] < lo || p[i + 1] > hi)
			return false;
		for (size_t k = 2; k <= more; k++)
			if (p[i + k] < 0x80 || p[i + k] > 0xBF)
				return false;
		i += more + 1;
	}
	return true;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..n) into dst (room for n + 1 bytes) and checks the result. */
static enum parse_err decode(const char *s, size_t n, bool is_key, char *dst, size_t *len)
{
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			int hi = i + 1 < n ? hexval(s[i + 1]) : -1;
			int lo = i + 2 < n ? hexval(s[i + 2]) : -1;
			if (hi < 0 || lo < 0)
				return PARSE_BAD_ESCAPE;
			c = (char)(hi * 16 + lo);
			i += 2;
		}
		dst[j++] = c;
	}
	dst[j] = '\0';
	for (size_t i = 0; i < j; i++) {
		unsigned char b = (unsigned char)dst[i];
		if (b == 0)
			return PARSE_NUL;
		if (b < 0x20 && (is_key || (b != '\t' && b != '\r' && b != '\n')))
			return PARSE_NUL;
	}
	if (!utf8_valid(dst, j))
		return PARSE_BAD_UTF8;
	*len = j;
	return PARSE_OK;
}

enum parse_err parse_urlencoded(struct arena *a, const char *s, size_t n, size_t max_pairs, struct kv **out,
                                size_t *count)
{
	*out   = NULL;
	*count = 0;
	if (s == NULL || n == 0)
		return PARSE_OK;

	size_t pieces = 1;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '&')
			pieces++;
	size_t     cap = pieces < max_pairs ? pieces : max_pairs;
	struct kv *kv  = cap ? arena_alloc(a, cap * sizeof *kv) : NULL;
	size_t     got = 0;

	size_t pos = 0;
	while (pos <= n) {
		const char *amp = pos < n ? memchr(s + pos, '&', n - pos) : NULL;
		size_t      end = amp ? (size_t)(amp - s) : n;
		const char *p   = s + pos;
		size_t      len = end - pos;
		pos             = end + 1;

		const char *eq     = len ? memchr(p, '=', len) : NULL;
		size_t      rawkey = eq ? (size_t)(eq - p) : len;
		if (rawkey == 0)
			continue; /* "" or "=value" */
		if (got == max_pairs)
			return PARSE_TOO_MANY;

		/* a %XX escape shrinks three bytes to one: the decoded key is at
		 * least a third of the raw one */
		if (rawkey / 3 > PARSE_KEY_MAX)
			return PARSE_TOO_LONG;
		char          *key = arena_alloc(a, rawkey + 1);
		size_t         klen;
		enum parse_err e = decode(p, rawkey, true, key, &klen);
		if (e != PARSE_OK)
			return e;
		if (klen > PARSE_KEY_MAX)
			return PARSE_TOO_LONG;

		size_t      rawval = eq ? len - rawkey - 1 : 0;
		char       *val    = arena_alloc(a, rawval + 1);
		size_t      vlen   = 0;
		if (eq && (e = decode(eq + 1, rawval, false, val, &vlen)) != PARSE_OK)
			return e;

		kv[got].key    = key;
		kv[got].keylen = klen;
		kv[got].val    = val;
		kv[got].vallen = vlen;
		got++;
	}
	*out   = got ? kv : NULL;
	*count = got;
	return PARSE_OK;
}

static bool is_ows(char c) { return c == ' ' || c == '\t'; }

/* RFC 7230 tchar, the characters of a cookie-name. */
static bool is_tchar(unsigned char c)
{
	if (c <= 0x20 || c >= 0x7F)
		return false;
	return strchr("()<>@,;:\\\"/[]?={}", c) == NULL;
}

/* RFC 6265 cookie-octet. */
static bool is_cookie_octet(unsigned char c)
{
	return c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A) || (c >= 0x3C && c <= 0x5B) ||
	       (c >= 0x5D && c <= 0x7E);
}

size_t parse_cookies(struct arena *a, const char *header, size_t max, struct kv **out)
{
	*out = NULL;
	if (header == NULL || max == 0)
		return 0;

	size_t n = strlen(header), pieces = 1;
	for (size_t i = 0; i < n; i++)
		if (header[i] == ';')
			pieces++;
	size_t     cap = pieces < max ? pieces : max;
	struct kv *kv  = NULL;
	size_t     got = 0;

	size_t pos = 0;
	while (pos <= n && got < cap) {
		const char *semi = memchr(header + pos, ';', n - pos);
		size_t      b = pos, e = semi ? (size_t)(semi - header) : n;
		pos = e + 1;
		while (b < e && is_ows(header[b]))
			b++;
		while (e > b && is_ows(header[e - 1]))
			e--;
		const char *eq = memchr(header + b, '=', e - b);
		if (eq == NULL)
			continue;
		size_t nb = b, ne = (size_t)(eq - header), vb = ne + 1, ve = e;
		while (ne > nb && is_ows(header[ne - 1]))
			ne--;
		while (vb < ve && is_ows(header[vb]))
			vb++;
		if (ne == nb)
			continue;
		bool ok = true;
		for (size_t i = nb; i < ne && ok; i++)
			ok = is_tchar((unsigned char)header[i]);
		if (ve - vb >= 2 && header[vb] == '"' && header[ve - 1] == '"')
			vb++, ve--;
		for (size_t i = vb; i < ve && ok; i++)
			ok = is_cookie_octet((unsigned char)header[i]);
		if (!ok)
			continue;
		if (kv == NULL)
			kv = arena_alloc(a, cap * sizeof *kv);
		kv[got].key    = arena_strndup(a, header + nb, ne - nb);
		kv[got].keylen = ne - nb;
		kv[got].val    = arena_strndup(a, header + vb, ve - vb);
		kv[got].vallen = ve - vb;
		got++;
	}
	*out = kv;
	return got;
}

static char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c; }

/* qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), in thousandths;
 * -1 when malformed. */
static int qvalue(const char *s, size_t n)
{
	if (n == 0 || (s[0] != '0' && s[0] != '1'))
		return -1;
	if (n > 1 && (s[1] != '.' || n > 5))
		return -1;
	int v = (s[0] - '0') * 1000, scale = 100;
	for (size_t i = 2; i < n; i++, scale /= 10) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v += (s[i] - '0') * scale;
	}
	return v > 1000 ? -1 : v;
}

enum lang parse_accept_language(const char *header)
{
	enum lang best   = LANG_DE;
	int       best_q = 0;
	if (header == NULL)
		return best;

	const char *p = header;
	while (*p) {
		size_t len = strcspn(p, ",");
		const char *item = p;
		p += len;
		if (*p == ',')
			p++;

		/* language-range, then ";" parameters */
		size_t b = 0, e = strcspn(item, ";,");
		if (e > len)
			e = len;
		while (b < e && is_ows(item[b]))
			b++;
		size_t re = e;
		while (re > b && is_ows(item[re - 1]))
			re--;
		int  q  = 1000;
		bool ok = true;
		size_t i = e;
		while (i < len && ok) { /* item[i] == ';' */
			i++;
			size_t pe = i;
			while (pe < len && item[pe] != ';')
				pe++;
			size_t pb = i, pz = pe;
			while (pb < pz && is_ows(item[pb]))
				pb++;
			while (pz > pb && is_ows(item[pz - 1]))
				pz--;
			if (pz - pb >= 2 && lower(item[pb]) == 'q' && item[pb + 1] == '=') {
				q  = qvalue(item + pb + 2, pz - pb - 2);
				ok = q >= 0;
			}
			i = pe;
		}
		if (!ok || q <= best_q)
			continue;

		const char *r  = item + b;
		size_t      rn = re - b;
		enum lang   l;
		if (rn == 1 && r[0] == '*')
			l = LANG_DE;
		else if (rn >= 2 && (rn == 2 || r[2] == '-') && lower(r[0]) == 'd' && lower(r[1]) == 'e')
			l = LANG_DE;
		else if (rn >= 2 && (rn == 2 || r[2] == '-') && lower(r[0]) == 'e' && lower(r[1]) == 'n')
			l = LANG_EN;
		else
			continue;
		best   = l;
		best_q = q;
	}
	return best;
}

const char *parse_err_text(enum parse_err e)
{
	switch (e) {
	case PARSE_OK:
		return "no error";
	case PARSE_BAD_ESCAPE:
		return "malformed percent escape (expected %XX with two hex digits)";
	case PARSE_BAD_UTF8:
		return "text is not valid UTF-8";
	case PARSE_NUL:
		return "NUL byte or control character in input";
	case PARSE_TOO_MANY:
		return "too many parameters";
	case PARSE_TOO_LONG:
		return "parameter name too long";
	}
	return "unknown parse error";
}

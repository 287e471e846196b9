/*
 * multipart.c — multipart/form-data bodies (RFC 7578, RFC 2046 § 5.1) of
 * the upload form.  Owns the syntax only: which parts a route accepts is the
 * handler's allow-list.  It must never read past the body, copy a file part
 * (it points into the body: uploads reach 64 MiB), accept a part without a
 * name, or pass a name or field on that is not clean UTF-8.
 */
#include "http/multipart.h"
#include "http/http.h"
#include "http/parse.h"

#include <microhttpd.h>
#include <string.h>
#include <strings.h>

enum { BOUNDARY_MAX = 70 }; /* RFC 2046 */

const char *req_content_type(const struct req *r)
{
	if (!r || !r->conn)
		return NULL;
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
}

const char *multipart_err_text(enum mp_err e)
{
	switch (e) {
	case MP_OK: return "ok";
	case MP_NOT_MULTIPART: return "not multipart/form-data";
	case MP_BAD_BOUNDARY: return "missing or malformed boundary";
	case MP_MALFORMED: return "malformed multipart body";
	case MP_TOO_MANY: return "too many parts or part headers";
	case MP_TOO_LONG: return "header line or field too long";
	case MP_BAD_TEXT: return "name or field is not clean UTF-8";
	}
	return "?";
}

static bool bchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       strchr("'()+_,-./:=? ", c) != NULL;
}

/* The boundary parameter of a Content-Type header (quoted or a token). */
static enum mp_err boundary_of(const char *ct, const char **b, size_t *bn)
{
	static const char mt[] = "multipart/form-data";
	if (!ct || strncasecmp(ct, mt, sizeof mt - 1))
		return MP_NOT_MULTIPART;
	const char *p = ct + sizeof mt - 1;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p && *p != ';')
		return MP_NOT_MULTIPART;
	while (*p == ';') {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		const char *k  = p;
		size_t      kn = strcspn(p, "=;");
		p += kn;
		if (*p != '=')
			return MP_BAD_BOUNDARY;
		p++;
		const char *v;
		size_t      vn;
		if (*p == '"') {
			v  = ++p;
			vn = strcspn(p, "\"");
			if (p[vn] != '"')
				return MP_BAD_BOUNDARY;
			p += vn + 1;
		} else {
			v  = p;
			vn = strcspn(p, "; \t");
			p += vn;
		}
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p && *p != ';')
			return MP_BAD_BOUNDARY;
		if (kn == 8 && !strncasecmp(k, "boundary", 8)) {
			if (*b)
				return MP_BAD_BOUNDARY; /* twice */
			if (vn < 1 || vn > BOUNDARY_MAX || v[vn - 1] == ' ')
				return MP_BAD_BOUNDARY;
			for (size_t i = 0; i < vn; i++)
				if (!bchar((unsigned char)v[i]))
					return MP_BAD_BOUNDARY;
			*b  = v;
			*bn = vn;
		}
	}
	return *b ? MP_OK : MP_BAD_BOUNDARY;
}

static bool clean_text(const char *s, size_t n)
{
	if (!utf8_valid(s, n))
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
			return false;
	}
	return true;
}

/* One parameter value of Content-Disposition: "quoted" (no escapes: browsers
 * percent-encode quotes) or a token.  Advances *pp. */
static bool disp_value(const char **pp, const char *end, const char **v, size_t *vn)
{
	const char *p = *pp;
	if (p < end && *p == '"') {
		const char *q = memchr(p + 1, '"', (size_t)(end - p - 1));
		if (!q)
			return false;
		*v  = p + 1;
		*vn = (size_t)(q - p - 1);
		*pp = q + 1;
		return true;
	}
	const char *s = p;
	while (p < end && *p != ';' && *p != ' ' && *p != '\t' && *p != '"')
		p++;
	if (p == s)
		return false;
	*v  = s;
	*vn = (size_t)(p - s);
	*pp = p;
	return true;
}

/* "form-data; name=\"x\"; filename=\"y\"" */
static enum mp_err disposition(struct arena *a, const char *p, const char *end, struct mp_part *part)
{
	static const char fd[] = "form-data";
	if ((size_t)(end - p) < sizeof fd - 1 || strncasecmp(p, fd, sizeof fd - 1))
		return MP_MALFORMED;
	p += sizeof fd - 1;
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p == end)
			break;
		if (*p++ != ';')
			return MP_MALFORMED;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		const char *k = p;
		while (p < end && *p != '=' && *p != ';')
			p++;
		if (p == end || *p != '=' || p == k)
			return MP_MALFORMED;
		size_t kn = (size_t)(p - k);
		p++;
		const char *v;
		size_t      vn;
		if (!disp_value(&p, end, &v, &vn))
			return MP_MALFORMED;
		const char **slot = kn == 4 && !strncasecmp(k, "name", 4)       ? &part->name
		                    : kn == 8 && !strncasecmp(k, "filename", 8) ? &part->filename
		                                                                : NULL;
		if (!slot)
			continue; /* filename* and others: ignored */
		if (*slot)
			return MP_MALFORMED;
		if (!clean_text(v, vn) || memchr(v, '\n', vn) || memchr(v, '\r', vn))
			return MP_BAD_TEXT;
		*slot = arena_strndup(a, v, vn);
	}
	return part->name && part->name[0] ? MP_OK : MP_MALFORMED;
}

/* Header lines up to the empty line; *pp ends after it. */
static enum mp_err part_headers(struct arena *a, const char **pp, const char *end, struct mp_part *part)
{
	const char *p = *pp;
	bool        have_disp = false;
	for (int nh = 0;; nh++) {
		size_t      room = (size_t)(end - p);
		const char *eol  = NULL;
		for (size_t i = 0; i + 1 < room && i <= MP_HEADER_MAX; i++)
			if (p[i] == '\r' && p[i + 1] == '\n') {
				eol = p + i;
				break;
			}
		if (!eol)
			return room > MP_HEADER_MAX ? MP_TOO_LONG : MP_MALFORMED;
		if (eol == p) { /* the empty line */
			*pp = p + 2;
			return have_disp ? MP_OK : MP_MALFORMED;
		}
		if (nh >= MP_HEADERS_MAX)
			return MP_TOO_MANY;
		const char *colon = memchr(p, ':', (size_t)(eol - p));
		if (!colon || colon == p)
			return MP_MALFORMED;
		for (const char *c = p; c < eol; c++)
			if ((unsigned char)*c < 0x20 && *c != '\t')
				return MP_MALFORMED;
		size_t      kn = (size_t)(colon - p);
		const char *v  = colon + 1;
		while (v < eol && (*v == ' ' || *v == '\t'))
			v++;
		const char *ve = eol;
		while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
			ve--;
		if (kn == 19 && !strncasecmp(p, "Content-Disposition", 19)) {
			if (have_disp)
				return MP_MALFORMED;
			have_disp     = true;
			enum mp_err e = disposition(a, v, ve, part);
			if (e != MP_OK)
				return e;
		} else if (kn == 12 && !strncasecmp(p, "Content-Type", 12)) {
			if (part->ctype)
				return MP_MALFORMED;
			if (!clean_text(v, (size_t)(ve - v)))
				return MP_BAD_TEXT;
			part->ctype = arena_strndup(a, v, (size_t)(ve - v));
		}
		p = eol + 2;
	}
}

enum mp_err multipart_parse(struct arena *a, const char *content_type, const char *body, size_t n,
                            size_t max_parts, struct mp_part **out, size_t *count)
{
	*out   = NULL;
	*count = 0;
	const char *b  = NULL;
	size_t      bn = 0;
	enum mp_err e  = boundary_of(content_type, &b, &bn);
	if (e != MP_OK)
		return e;
	/* "\r\n--" boundary: the delimiter between parts; the first lacks the CRLF. */
	char   delim[4 + BOUNDARY_MAX];
	size_t dn = 4 + bn;
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, b, bn);
	if (!body || n < dn - 2 || memcmp(body, delim + 2, dn - 2))
		return MP_MALFORMED;
	struct mp_part *parts = arena_alloc(a, sizeof *parts * (max_parts ? max_parts : 1));
	size_t          np    = 0;
	const char     *p = body + dn - 2, *end = body + n;
	for (;;) {
		/* after a delimiter: "--" closes, CRLF opens a part */
		if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
			p += 2;
			if (p == end || (end - p == 2 && p[0] == '\r' && p[1] == '\n'))
				break;
			return MP_MALFORMED;
		}
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return MP_MALFORMED;
		p += 2;
		if (np >= max_parts)
			return MP_TOO_MANY;
		struct mp_part part = {0};
		if ((e = part_headers(a, &p, end, &part)) != MP_OK)
			return e;
		const char *d = memmem(p, (size_t)(end - p), delim, dn);
		if (!d)
			return MP_MALFORMED;
		part.data = p;
		part.len  = (size_t)(d - p);
		if (!part.filename) {
			if (part.len > MP_FIELD_MAX)
				return MP_TOO_LONG;
			if (!clean_text(part.data, part.len))
				return MP_BAD_TEXT;
			part.data = arena_strndup(a, part.data, part.len);
		}
		parts[np++] = part;
		p           = d + dn;
	}
	*out   = parts;
	*count = np;
	return MP_OK;
}

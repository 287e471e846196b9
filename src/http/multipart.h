/*
 * multipart.h — a small, strict multipart/form-data parser (RFC 7578) for
 * the one upload form (the import page).  Untrusted input: every length is
 * bounded, nothing is guessed, anything unexpected is an error.
 */
#ifndef OPENBAV_MULTIPART_H
#define OPENBAV_MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"

struct req;

enum {
	MP_MAX_PARTS   = 8,    /* parts in one body */
	MP_HEADER_MAX  = 1024, /* bytes in one part header line */
	MP_HEADERS_MAX = 8,    /* header lines of one part */
	MP_FIELD_MAX   = 4096, /* bytes of a part that is not a file */
};

struct mp_part {
	const char *name;     /* NUL-terminated, arena */
	const char *filename; /* NULL when the part is not a file; may be "" */
	const char *ctype;    /* the part's Content-Type, or NULL */
	const char *data;     /* file: points into the body; field: NUL-terminated arena copy */
	size_t      len;
};

enum mp_err {
	MP_OK,
	MP_NOT_MULTIPART, /* Content-Type is not multipart/form-data */
	MP_BAD_BOUNDARY,  /* boundary parameter missing or malformed */
	MP_MALFORMED,     /* body does not follow the syntax */
	MP_TOO_MANY,      /* more than max_parts parts or MP_HEADERS_MAX headers */
	MP_TOO_LONG,      /* a header line or a non-file field too long */
	MP_BAD_TEXT,      /* a name, file name or field not UTF-8, or with control characters */
};

/* Parses body (n bytes) by the boundary of content_type.  The body must start
 * with the first delimiter (no preamble) and end with the close delimiter,
 * optionally followed by CRLF.  Each part needs Content-Disposition:
 * form-data with a name.  On error *out = NULL, *count = 0. */
enum mp_err multipart_parse(struct arena *a, const char *content_type, const char *body, size_t n,
                            size_t max_parts, struct mp_part **out, size_t *count);
const char *multipart_err_text(enum mp_err e); /* English, for logs and tests */

/* The request's Content-Type header, or NULL. */
const char *req_content_type(const struct req *r);

#endif

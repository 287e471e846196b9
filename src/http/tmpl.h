/*
 * tmpl.h — renders the templates compiled by tools/tmplc.c.
 *
 * The compiler has already chosen the escaper for every substitution from
 * its HTML context; the renderer only walks the op table.  It allocates
 * nothing beyond the output buffer and never reads files.
 */
#ifndef OPENBAV_TMPL_H
#define OPENBAV_TMPL_H

#include <jansson.h>
#include <stdbool.h>

#include "base/buf.h"
#include "base/lang.h"
#include "templates.h"

/* Order shared with enum tc_kind in tools/tmplc.c. */
enum tmpl_op_kind {
	TMPL_OP_END,
	TMPL_OP_TEXT,    /* s, len: literal bytes */
	TMPL_OP_VALUE,   /* s: NUL-separated path of nseg segments (0 = the #each item) */
	TMPL_OP_TEXTKEY, /* s: catalogue key */
	TMPL_OP_TEXTVAR, /* path whose string value is a catalogue key */
	TMPL_OP_ASSET,   /* s: asset base name */
	TMPL_OP_INDEX,   /* {{@index}} */
	TMPL_OP_IF,      /* path; then = (i, a), else = (a, b) when ops[a] is ELSE; go on at b+1 */
	TMPL_OP_UNLESS,
	TMPL_OP_ELSE,
	TMPL_OP_ENDIF,
	TMPL_OP_EACH,    /* path; body = (i, a), ops[a] is ENDEACH */
	TMPL_OP_ENDEACH,
	TMPL_OP_INCLUDE, /* a: enum tmpl_id */
};

enum tmpl_esc {
	TMPL_ESC_HTML,      /* element text and quoted attribute values */
	TMPL_ESC_URL_START, /* start of a URL attribute: safe scheme or "#invalid", then HTML */
	TMPL_ESC_URL_PART,  /* later in a URL attribute: percent-encoded */
};

struct tmpl_op {
	unsigned char kind, esc, nseg;
	unsigned      a, b;
	const char   *s;
	size_t        len;
};

extern const struct tmpl_op *const tmpl_ops[]; /* by enum tmpl_id (generated) */

#define TMPL_MAX_INCLUDE_DEPTH 8

/* A list of preformatted rows bound to a name at the root, so that
 * `{{#each NAME}}` / `{{#if NAME}}` walk it without a JSON object per row
 * (the long lists).  Inside a row, `{{col}}` is the cell of that column: a
 * declared column never falls through to outer scopes, and NULL or "" is
 * empty (false for #if).  Cells are text, escaped like any value. */
struct tmpl_table {
	const char        *name;
	const char *const *cols;
	unsigned           ncols;
	size_t             nrows;
	const char *const *cells; /* nrows × ncols, row by row */
};

/* Appends the page to out.  i18n_init() must have run (start-up). */
void tmpl_render(struct buf *out, enum tmpl_id id, const json_t *ctx, enum lang lang);

/* The same with tables bound at the root. */
void tmpl_render_tables(struct buf *out, enum tmpl_id id, const json_t *ctx, const struct tmpl_table *tables,
                        size_t ntables, enum lang lang);

/* The same for an op table not in the generated set (tests). */
void tmpl_render_ops(struct buf *out, const struct tmpl_op *ops, const json_t *ctx,
                     const struct tmpl_table *tables, size_t ntables, enum lang lang);

/* Would this value be accepted at the start of a URL attribute? */
bool tmpl_url_ok(const char *s, size_t n);

#endif

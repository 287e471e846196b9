/*
 * buf.h — growable byte buffer on the heap, always NUL-terminated.
 * Used for response bodies and generated text; the owner calls buf_free().
 */
#ifndef OPENBAV_BUF_H
#define OPENBAV_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct buf {
	char  *p;
	size_t n, cap;
};

void buf_reserve(struct buf *b, size_t extra); /* room for extra bytes and the NUL */

/* Inline: the renderer calls it for every piece of a page. */
static inline void buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->cap - b->n <= n)
		buf_reserve(b, n);
	if (n)
		memcpy(b->p + b->n, p, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);                    /* length 0, keeps memory */
void buf_free(struct buf *b);
char *buf_steal(struct buf *b);                   /* caller frees; b is empty after */

/* Escapers (one place for each output context). */
void buf_add_html(struct buf *b, const char *s, size_t n);  /* text and quoted attributes */
void buf_add_json_str(struct buf *b, const char *s, size_t n); /* with the quotes */
void buf_add_urlenc(struct buf *b, const char *s, size_t n);   /* RFC 3986 unreserved kept */

#endif

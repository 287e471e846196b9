/*
 * buf.c — growable buffer and the output escapers.  Every byte that leaves the
 * server as HTML, JSON or a URL component passes through one of these.
 */
#include "buf.h"
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_reserve(struct buf *b, size_t extra)
{
	if (b->cap - b->n > extra)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap - b->n <= extra) {
		if (cap > ((size_t)-1) / 2)
			oom();
		cap *= 2;
	}
	b->p       = xrealloc(b->p, cap);
	b->cap     = cap;
	b->p[b->n] = '\0';
}

void buf_adds(struct buf *b, const char *s) { buf_add(b, s, strlen(s)); }

void buf_addc(struct buf *b, char c) { buf_add(b, &c, 1); }

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		oom();
	buf_reserve(b, (size_t)n);
	vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
	b->n += (size_t)n;
	va_end(ap);
}

void buf_reset(struct buf *b)
{
	b->n = 0;
	if (b->p)
		b->p[0] = '\0';
}

void buf_free(struct buf *b)
{
	free(b->p);
	b->p   = NULL;
	b->n   = 0;
	b->cap = 0;
}

char *buf_steal(struct buf *b)
{
	if (!b->p)
		buf_reserve(b, 0), b->p[0] = '\0';
	char *p = b->p;
	b->p    = NULL;
	b->n = b->cap = 0;
	return p;
}

/* The HTML replacement of each byte, or NULL when it stands for itself. */
static const char *const html_rep[256] = {
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;",
	['\''] = "&#39;", ['`'] = "&#96;", ['\0'] = "\xEF\xBF\xBD",
};

void buf_add_html(struct buf *b, const char *s, size_t n)
{
	/* Plain runs are copied whole; the worst case is reserved once. */
	size_t i = 0;
	while (i < n) {
		size_t run = i;
		while (i < n && !html_rep[(unsigned char)s[i]])
			i++;
		buf_add(b, s + run, i - run);
		if (i < n)
			buf_adds(b, html_rep[(unsigned char)s[i++]]);
	}
	if (!n)
		buf_add(b, "", 0);
}

void buf_add_json_str(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	buf_addc(b, '"');
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char          esc[7];
		const char   *rep = NULL;
		if (c == '"')
			rep = "\\\"";
		else if (c == '\\')
			rep = "\\\\";
		else if (c == '\n')
			rep = "\\n";
		else if (c == '\r')
			rep = "\\r";
		else if (c == '\t')
			rep = "\\t";
		else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
			esc[0] = '\\', esc[1] = 'u', esc[2] = '0', esc[3] = '0';
			esc[4] = hex[c >> 4], esc[5] = hex[c & 15], esc[6] = '\0';
			rep    = esc;
		} else
			continue;
		buf_add(b, s + run, i - run);
		buf_adds(b, rep);
		run = i + 1;
	}
	buf_add(b, s + run, n - run);
	buf_addc(b, '"');
}

/* RFC 3986 unreserved characters. */
static const unsigned char url_plain[256] = {
	['-'] = 1, ['.'] = 1, ['_'] = 1, ['~'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1,
	['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1,
	['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

void buf_add_urlenc(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	if (n > ((size_t)-1) / 4)
		oom();
	buf_reserve(b, 3 * n);
	char *o = b->p + b->n;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (url_plain[c])
			*o++ = (char)c;
		else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	b->n       = (size_t)(o - b->p);
	b->p[b->n] = '\0';
}

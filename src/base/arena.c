/*
 * arena.c — bump allocator in growing blocks.  Owns every byte it hands out;
 * must never be shared between threads.
 */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
	struct arena_block *next;
	size_t              size, used;
	_Alignas(16) unsigned char data[];
};

enum { ARENA_BLOCK_MIN = 8192 };

_Noreturn void oom(void)
{
	fputs("openbav: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s);
	char  *d = xmalloc(n + 1);
	memcpy(d, s, n + 1);
	return d;
}

void arena_init(struct arena *a)
{
	a->head  = NULL;
	a->total = 0;
}

void arena_free(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head  = NULL;
	a->total = 0;
}

void *arena_alloc(struct arena *a, size_t n)
{
	size_t need = (n + 15) & ~(size_t)15;
	if (need < n)
		oom();
	struct arena_block *b = a->head;
	if (!b || b->size - b->used < need) {
		size_t size = need > ARENA_BLOCK_MIN ? need : ARENA_BLOCK_MIN;
		if (b && size < b->size * 2 && b->size < (1u << 20))
			size = b->size * 2;
		b        = xmalloc(sizeof *b + size);
		b->size  = size;
		b->used  = 0;
		b->next  = a->head;
		a->head  = b;
	}
	void *p = b->data + b->used;
	b->used += need;
	a->total += need;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *d = arena_alloc(a, n + 1);
	if (n)
		memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		oom();
	char *d = arena_alloc(a, (size_t)n + 1);
	vsnprintf(d, (size_t)n + 1, fmt, ap);
	return d;
}

char *arena_itoa(struct arena *a, long long v)
{
	char               tmp[24], *p = tmp + sizeof tmp;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	return arena_strndup(a, p, (size_t)(tmp + sizeof tmp - p));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *d = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return d;
}

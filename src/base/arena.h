/*
 * arena.h — one owner per request (after h2o's mem pool and Kore's pool).
 *
 * An arena hands out memory that lives until arena_free(); nothing in it is
 * freed one by one.  Allocation failure aborts the process, so callers never
 * check for NULL and error paths only ever deal with bad input.
 * An arena is used by one thread at a time.
 */
#ifndef OPENBAV_ARENA_H
#define OPENBAV_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t              total; /* bytes handed out, for limits and tests */
};

void  arena_init(struct arena *a);
void  arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t n);           /* zeroed, 16-aligned */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_itoa(struct arena *a, long long v);            /* decimal, without printf */
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);

/* Allocation failure: print and abort.  Shared by every allocator wrapper. */
_Noreturn void oom(void);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif

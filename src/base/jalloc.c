/*
 * jalloc.c — the per-thread JSON arena.  Owns its blocks (kept between
 * requests, so a typical request allocates nothing from the heap); never
 * hands arena memory to code that could keep it past jalloc_end().
 */
#include "base/jalloc.h"
#include "base/arena.h"

#include <jansson.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

enum { JBLOCK_SIZE = 256 * 1024, JBLOCKS_MAX = 16 };

struct jthread {
	bool           active;
	int            nblocks, cur;
	size_t         used; /* in blocks[cur] */
	unsigned char *blocks[JBLOCKS_MAX];
};

static _Thread_local struct jthread jt;

/* The blocks go when their thread ends. */
static pthread_key_t  jkey;
static pthread_once_t jonce = PTHREAD_ONCE_INIT;

static void jthread_free(void *arg)
{
	struct jthread *t = arg;
	for (int i = 0; i < t->nblocks; i++)
		free(t->blocks[i]);
	t->nblocks = 0;
}

static void jkey_make(void) { pthread_key_create(&jkey, jthread_free); }

static bool in_arena(const void *p)
{
	const unsigned char *c = p;
	for (int i = 0; i < jt.nblocks; i++)
		if (c >= jt.blocks[i] && c < jt.blocks[i] + JBLOCK_SIZE)
			return true;
	return false;
}

static void *j_malloc(size_t n)
{
	size_t need = (n + 15) & ~(size_t)15;
	if (!jt.active || need > JBLOCK_SIZE / 4)
		return malloc(n);
	if (jt.nblocks == 0 || jt.used + need > JBLOCK_SIZE) {
		if (jt.nblocks && jt.cur + 1 < jt.nblocks)
			jt.cur++;
		else if (jt.nblocks < JBLOCKS_MAX) {
			if (!jt.nblocks) {
				pthread_once(&jonce, jkey_make);
				pthread_setspecific(jkey, &jt);
			}
			jt.blocks[jt.nblocks] = xmalloc(JBLOCK_SIZE);
			jt.cur                = jt.nblocks++;
		} else
			return malloc(n); /* a huge request: the rest goes to the heap */
		jt.used = 0;
	}
	void *p = jt.blocks[jt.cur] + jt.used;
	jt.used += need;
	return p;
}

static void j_free(void *p)
{
	if (p && !in_arena(p))
		free(p);
}

void jalloc_install(void) { json_set_alloc_funcs(j_malloc, j_free); }

void jalloc_begin(void)
{
	jt.active = true;
	jt.cur    = 0;
	jt.used   = 0;
}

void jalloc_end(void)
{
	jt.active = false;
	jt.cur    = 0;
	jt.used   = 0;
}

void jalloc_free(void *p) { j_free(p); }

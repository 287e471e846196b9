/*
 * jalloc.h — jansson's memory during a request comes from a per-thread bump
 * arena that is reset when the request ends, instead of a malloc/free pair
 * per JSON value (a page of 50 employees builds ~1,300 values).
 *
 * Outside a request scope, JSON memory is ordinary heap memory.  Freeing
 * arena memory is a no-op, so JSON values must not outlive the request that
 * made them — true by construction: every request's JSON is built and
 * dropped inside web_dispatch().  Memory returned by json_dumps() must be
 * released with jalloc_free(), never free().
 */
#ifndef OPENBAV_JALLOC_H
#define OPENBAV_JALLOC_H

void jalloc_install(void); /* once, before threads start */
void jalloc_begin(void);   /* this thread: JSON memory from the arena from now on */
void jalloc_end(void);     /* this thread: back to the heap; the arena is reset */
void jalloc_free(void *p); /* for json_dumps() results, in or out of a scope */

#endif

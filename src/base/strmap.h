/*
 * strmap.h — a set of strings with an int64 each (open addressing, FNV-1a,
 * load under 70 %).  Keys are copied.  For the import's per-file sets: keys
 * already seen in the file, personnel numbers already stored.
 */
#ifndef OPENBAV_STRMAP_H
#define OPENBAV_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strmap {
	char   **keys;
	int64_t *vals;
	size_t   n, cap; /* cap: a power of two, or 0 */
};

/* true with *val (may be NULL) when key is in the map. */
bool strmap_get(const struct strmap *m, const char *key, int64_t *val);
/* Adds key with val; false (and nothing changes) when key is there already. */
bool strmap_add(struct strmap *m, const char *key, int64_t val);
void strmap_free(struct strmap *m);

#endif

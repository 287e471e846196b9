/*
 * str.h — bounded string copy (the strlcpy contract): always terminates,
 * returns the length of src so callers can detect truncation.
 */
#ifndef OPENBAV_STR_H
#define OPENBAV_STR_H

#include <stddef.h>
#include <string.h>

static inline size_t str_copy(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);
	if (size) {
		size_t k = n < size - 1 ? n : size - 1;
		memcpy(dst, src, k);
		dst[k] = '\0';
	}
	return n;
}

#endif

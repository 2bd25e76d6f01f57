/*
 * nameidx.c - the name -> index table of nameidx.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/nameidx.h"
#include "util/xalloc.h"

unsigned
nameidx_hash(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

void
nameidx_init(struct nameidx *x, int capacity)
{
	unsigned n = 16;

	while (n < (unsigned)capacity * 2)
		n *= 2;
	x->slot = xmalloc(n * sizeof *x->slot);
	memset(x->slot, 0xff, n * sizeof *x->slot);
	x->mask = n - 1;
}

void
nameidx_free(struct nameidx *x)
{
	free(x->slot);
	x->slot = NULL;
}

int
nameidx_add(struct nameidx *x, int i,
    nameidx_key key, const void *ctx)
{
	const char *k = key(ctx, i);
	unsigned h = nameidx_hash(k) & x->mask;

	while (x->slot[h] >= 0) {
		if (strcmp(key(ctx, x->slot[h]), k) == 0)
			return x->slot[h];
		h = (h + 1) & x->mask;
	}
	x->slot[h] = i;
	return -1;
}

int
nameidx_get(const struct nameidx *x, const char *name, nameidx_key key,
    const void *ctx)
{
	unsigned h;

	if (x->slot == NULL)
		return -1;
	h = nameidx_hash(name) & x->mask;
	while (x->slot[h] >= 0) {
		if (strcmp(key(ctx, x->slot[h]), name) == 0)
			return x->slot[h];
		h = (h + 1) & x->mask;
	}
	return -1;
}

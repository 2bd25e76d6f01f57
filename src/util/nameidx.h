/*
 * nameidx.h - a name -> index table (open addressing, FNV-1a).
 *
 * The table holds only indexes (>= 0) into the caller's own array; the
 * caller passes a key function that gives the name of index i, so the
 * names are stored once, where they already live.
 */
#ifndef KESU_UTIL_NAMEIDX_H
#define KESU_UTIL_NAMEIDX_H

struct nameidx {
	int *slot;          /* -1 when free; NULL before init */
	unsigned mask;
};

typedef const char *(*nameidx_key)(const void *ctx, int i);

void nameidx_init(struct nameidx *x, int capacity);
void nameidx_free(struct nameidx *x);
/* Insert i under key(i); returns -1, or the index already there. */
int nameidx_add(struct nameidx *x, int i, nameidx_key key, const void *ctx);
/* The index named NAME, or -1. */
int nameidx_get(const struct nameidx *x, const char *name, nameidx_key key,
    const void *ctx);
unsigned nameidx_hash(const char *s);

#endif

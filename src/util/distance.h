/*
 * distance.h - how far apart two short words are, for "did you mean"
 * suggestions (a misspelt column, type, list or configuration key).
 */
#ifndef KESU_DISTANCE_H
#define KESU_DISTANCE_H

#include <stddef.h>

/* Words longer than this are never near anything. */
#define DISTANCE_MAX_LEN 62

/*
 * The optimal string alignment distance (Levenshtein plus adjacent
 * transposition) of the la bytes at a and the lb bytes at b, ASCII case
 * folded.  Returns limit + 1 as soon as the distance is known to exceed
 * limit, and for words longer than DISTANCE_MAX_LEN.
 */
int distance_edit(const char *a, size_t la, const char *b, size_t lb,
    int limit);

#endif

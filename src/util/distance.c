/*
 * distance.c - how far apart two short words are (distance.h).
 */
#include <ctype.h>

#include "util/distance.h"

int
distance_edit(const char *a, size_t la, const char *b, size_t lb, int limit)
{
	int row0[DISTANCE_MAX_LEN + 2], row1[DISTANCE_MAX_LEN + 2];
	int row2[DISTANCE_MAX_LEN + 2];
	int *pp = row0, *p = row1, *c = row2, *t;
	size_t i, j;
	int best;

	if (la > DISTANCE_MAX_LEN || lb > DISTANCE_MAX_LEN)
		return limit + 1;
	if ((int)la - (int)lb > limit || (int)lb - (int)la > limit)
		return limit + 1;
	for (j = 0; j <= lb; j++)
		p[j] = (int)j;
	for (i = 1; i <= la; i++) {
		c[0] = (int)i;
		best = (int)i;
		for (j = 1; j <= lb; j++) {
			int ca = tolower((unsigned char)a[i - 1]);
			int cb = tolower((unsigned char)b[j - 1]);
			int v = p[j - 1] + (ca != cb);

			if (p[j] + 1 < v)
				v = p[j] + 1;
			if (c[j - 1] + 1 < v)
				v = c[j - 1] + 1;
			if (i > 1 && j > 1 &&
			    ca == tolower((unsigned char)b[j - 2]) &&
			    cb == tolower((unsigned char)a[i - 2]) &&
			    pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			c[j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
		t = pp;
		pp = p;
		p = c;
		c = t;
	}
	return p[lb];
}

/*
 * backoff.c - the retry schedule of records that got a retry-later answer.
 */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "sync/backoff.h"

double
sync_backoff_delay(int tries, double u)
{
	double d = SYNC_BACKOFF_BASE;
	int i;

	for (i = 1; i < tries && d < SYNC_BACKOFF_CAP; i++)
		d *= 2;
	if (d > SYNC_BACKOFF_CAP)
		d = SYNC_BACKOFF_CAP;
	if (u < 0)
		u = 0;
	if (u >= 1)
		u = 0.999999;
	return d / 2 + u * d / 2;
}

double
sync_backoff_draw(void)
{
	static int seeded;

	if (!seeded) {
		srand((unsigned)time(NULL) ^ ((unsigned)getpid() << 16));
		seeded = 1;
	}
	return (double)rand() / ((double)RAND_MAX + 1.0);
}

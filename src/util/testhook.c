/*
 * testhook.c - places where a test may stop kesu on purpose (testhook.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/testhook.h"

void
testhook_pause(const char *point)
{
	const char *at = getenv("KESU_PAUSE_AT");

	if (at == NULL || strcmp(at, point) != 0)
		return;
	fprintf(stderr, "kesu: paused at %s\n", point);
	fflush(stderr);
	for (;;)
		pause();
}

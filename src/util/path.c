/*
 * path.c - the running binary's folder and the share/ folder beside it.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/path.h"
#include "util/xalloc.h"

char *
path_exe_dir(void)
{
	char exe[PATH_MAX], *slash;
	ssize_t n;

	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return NULL;
	*slash = '\0';
	return xstrdup(exe);
}

char *
path_share(const char *rel)
{
	char *dir = path_exe_dir(), *p;

	if (dir == NULL)
		return NULL;
	p = xasprintf("%s/../share/%s", dir, rel);
	free(dir);
	if (access(p, R_OK) != 0) {
		free(p);
		return NULL;
	}
	return p;
}

/*
 * err.c - error messages in the one style described in err.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/xalloc.h"

char *
kesu_vmsg(const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) < 0)
		xalloc_die();
	return s;
}

char *
kesu_msg(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = kesu_vmsg(fmt, ap);
	va_end(ap);
	return s;
}

int
kesu_fail(char **cause, int rc, const char *fmt, ...)
{
	va_list ap;

	if (cause == NULL)
		return rc;
	free(*cause);
	va_start(ap, fmt);
	*cause = kesu_vmsg(fmt, ap);
	va_end(ap);
	return rc;
}

void
kesu_addline(char **cause, const char *fmt, ...)
{
	va_list ap;
	char *line, *joined;

	if (cause == NULL)
		return;
	va_start(ap, fmt);
	line = kesu_vmsg(fmt, ap);
	va_end(ap);
	if (*cause == NULL) {
		*cause = line;
		return;
	}
	joined = kesu_msg("%s\n%s", *cause, line);
	free(*cause);
	free(line);
	*cause = joined;
}

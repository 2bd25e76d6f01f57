/*
 * export_csv.c - the export as CSV (RFC 4180): UTF-8, optionally after a
 * byte-order mark so that Excel reads it as UTF-8, one header row of
 * column names, CRLF line ends, a cell quoted when it holds a comma, a
 * quote, a line break or leading/trailing space, quotes doubled.
 * Values are written as stored (a respondent's text keeps its line
 * breaks inside the quotes), except that a text value which Excel would
 * run as a formula (one starting with = + - @, a tab or a CR, and not a
 * number) gets a leading single quote, so Excel shows it as text: a
 * respondent's "=HYPERLINK(...)" stays words.  Numbers (-3, -0.5) and
 * coded or 0/1 columns are never touched.
 */
#include <math.h>
#include <stdlib.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "report/export_int.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* Would Excel take v, in a column of kind k, as a formula? */
static bool
csv_formula(enum export_kind k, const char *v)
{
	char *end;
	double x;

	if (k == EXPORT_CODED || k == EXPORT_FLAG ||
	    strchr("=+-@\t\r", v[0]) == NULL || v[0] == '\0')
		return false;
	x = strtod(v, &end);
	return end == v || *end != '\0' || !isfinite(x);
}

/* One cell, with the formula guard. */
static void
csv_cell(FILE *f, enum export_kind k, const char *v)
{
	size_t n;
	char *q;

	if (!csv_formula(k, v)) {
		text_csv_cell(f, v);
		return;
	}
	n = strlen(v);
	q = xmalloc(n + 2);
	q[0] = '\'';
	memcpy(q + 1, v, n + 1);
	text_csv_cell(f, q);
	free(q);
}

int
export_csv_write(store *s, const struct export_table *t, int fd, bool bom,
    char **cause)
{
	export_rows *rows = NULL;
	const char *const *v;
	FILE *f;
	size_t i;
	bool end;
	int rc, fd2;

	if ((fd2 = dup(fd)) < 0 || (f = fdopen(fd2, "w")) == NULL) {
		if (fd2 >= 0)
			close(fd2);
		return kesu_fail(cause, KESU_EIO, _("cannot write the "
		    "export: %s"), strerror(errno));
	}
	if (bom)
		fputs("\xef\xbb\xbf", f);
	for (i = 0; i < t->ncols; i++) {
		if (i > 0)
			putc(',', f);
		text_csv_cell(f, t->cols[i].name);
	}
	fputs("\r\n", f);
	if ((rc = export_rows_open(s, t, &rows, cause)) != 0)
		goto out;
	for (;;) {
		if ((rc = export_rows_next(rows, &v, &end, cause)) != 0 || end)
			break;
		for (i = 0; i < t->ncols; i++) {
			if (i > 0)
				putc(',', f);
			csv_cell(f, t->cols[i].kind, v[i]);
		}
		fputs("\r\n", f);
	}
out:
	export_rows_close(&rows);
	if (fflush(f) != 0 || ferror(f)) {
		if (rc == 0)
			rc = kesu_fail(cause, KESU_EIO, _("cannot write the "
			    "export: %s"), strerror(errno));
	}
	fclose(f);
	return rc;
}

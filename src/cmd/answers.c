/*
 * answers.c - reading answers files (see answers.h for the layouts).
 *
 * The file is read whole (answers files are small) and split here: a
 * name=value reader and a small RFC 4180 CSV reader that keeps cells as
 * written (the XLSForm sheet reader trims cells, which would change text
 * answers).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "cmd/answers.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* The whole of f (stdin or a file) as a NUL-terminated string. */
static int
answers_slurp(FILE *f, const char *path, struct buf *b, char **cause)
{
	char chunk[8192];
	size_t n;

	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(b, chunk, n);
	if (ferror(f))
		return kesu_fail(cause, KESU_EIO, "%s: %s", path,
		    strerror(errno));
	buf_add(b, "", 0);
	if (memchr(b->data, '\0', b->len) != NULL)
		return kesu_fail(cause, KESU_EDATA,
		    "%s: not a text file (it holds a NUL byte)", path);
	return 0;
}

static char *
answers_trim(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r'))
		n--;
	return xstrndup(s, n);
}

static void
answers_add(struct answers_interview *iv, char *name, char *value, int line,
    int round)
{
	iv->a = xreallocarray(iv->a, (size_t)iv->n + 1, sizeof *iv->a);
	iv->a[iv->n].name = name;
	iv->a[iv->n].value = value;
	iv->a[iv->n].line = line;
	iv->a[iv->n].round = round;
	iv->n++;
	if (round + 1 > iv->nrounds)
		iv->nrounds = round + 1;
}

/* Whether name is already given in round `round` of iv. */
static bool
answers_in_round(const struct answers_interview *iv, const char *name,
    int round)
{
	int k;

	for (k = iv->n - 1; k >= 0 && iv->a[k].round == round; k--)
		if (strcmp(iv->a[k].name, name) == 0)
			return true;
	return false;
}

static int
answers_lines(struct answers *as, const char *text, char **cause)
{
	struct answers_interview *iv;
	const char *p = text;
	int line = 0, round = 0;

	as->iv = xcalloc(1, sizeof *as->iv);
	as->n = 1;
	iv = &as->iv[0];
	while (*p != '\0') {
		const char *ls = p, *le, *eq, *s;
		char *name;

		le = strchr(ls, '\n');
		if (le == NULL)
			le = ls + strlen(ls);
		p = *le == '\n' ? le + 1 : le;
		if (le > ls && le[-1] == '\r')
			le--;
		line++;
		for (s = ls; s < le && (*s == ' ' || *s == '\t'); s++)
			;
		if (s == le || *s == '#')
			continue;
		if ((eq = memchr(s, '=', (size_t)(le - s))) == NULL)
			return kesu_fail(cause, KESU_EDATA,
			    "%s:%d: expected name=value", as->path, line);
		name = answers_trim(s, (size_t)(eq - s));
		if (*name == '\0') {
			free(name);
			return kesu_fail(cause, KESU_EDATA,
			    "%s:%d: no field name before '='", as->path, line);
		}
		/* A name given again changes that answer: a new round. */
		if (answers_in_round(iv, name, round))
			round++;
		answers_add(iv, name, xstrndup(eq + 1, (size_t)(le - eq - 1)),
		    line, round);
	}
	return 0;
}

static void
answers_free_cells(char **cells, int n)
{
	int k;

	for (k = 0; k < n; k++)
		free(cells[k]);
	free(cells);
}

/*
 * One CSV record from *pp: cells into *cells (*n of them, NULL and 0 at
 * the end of the text); *line advances over the newlines consumed.
 */
static int
answers_record(const char **pp, int *line, char ***cells, int *n,
    const char *path, char **cause)
{
	const char *p = *pp;
	struct buf cell = BUF_INIT;
	int start = *line;

	*cells = NULL;
	*n = 0;
	if (*p == '\0')
		return 0;
	for (;;) {
		buf_reset(&cell);
		buf_add(&cell, "", 0);
		if (*p == '"') {
			for (p++;; p++) {
				if (*p == '\0') {
					buf_free(&cell);
					answers_free_cells(*cells, *n);
					*cells = NULL;
					*n = 0;
					return kesu_fail(cause, KESU_EDATA,
					    "%s:%d: unterminated quoted cell",
					    path, start);
				}
				if (*p == '"' && p[1] == '"')
					p++;
				else if (*p == '"')
					break;
				if (*p == '\n')
					(*line)++;
				buf_addch(&cell, *p);
			}
			p++;
		}
		while (*p != '\0' && *p != ',' && *p != '\n' &&
		    !(*p == '\r' && p[1] == '\n'))
			buf_addch(&cell, *p++);
		*cells = xreallocarray(*cells, (size_t)*n + 1, sizeof **cells);
		(*cells)[(*n)++] = xstrdup(cell.data);
		if (*p == ',') {
			p++;
			continue;
		}
		if (*p == '\r')
			p++;
		if (*p == '\n') {
			p++;
			(*line)++;
		}
		break;
	}
	buf_free(&cell);
	*pp = p;
	return 0;
}

static bool
answers_blank(char **cells, int n)
{
	return n == 1 && cells[0][0] == '\0';
}

static int
answers_csv(struct answers *as, const char *text, char **cause)
{
	const char *p = text;
	char **head = NULL, **cells = NULL;
	int nhead = 0, n = 0, line = 1, at, k, j, rc = 0;

	do {
		answers_free_cells(head, nhead);
		at = line;
		if ((rc = answers_record(&p, &line, &head, &nhead, as->path,
		    cause)) != 0)
			return rc;
		if (nhead == 0)
			return kesu_fail(cause, KESU_EDATA,
			    "%s: no header row of field names", as->path);
	} while (answers_blank(head, nhead));
	for (k = 0; k < nhead; k++) {
		char *t = answers_trim(head[k], strlen(head[k]));

		free(head[k]);
		head[k] = t;
		if (*t == '\0') {
			rc = kesu_fail(cause, KESU_EDATA,
			    "%s:%d: column %d of the header has no name",
			    as->path, at, k + 1);
			goto out;
		}
		for (j = 0; j < k; j++)
			if (strcmp(head[j], t) == 0) {
				rc = kesu_fail(cause, KESU_EDATA,
				    "%s:%d: column '%s' is given twice in the "
				    "header (a row answers each field once; to "
				    "change an answer, use a name=value file)",
				    as->path, at, t);
				goto out;
			}
	}
	for (;;) {
		struct answers_interview *iv;

		at = line;
		rc = answers_record(&p, &line, &cells, &n, as->path, cause);
		if (rc != 0 || n == 0)
			break;
		if (answers_blank(cells, n)) {
			answers_free_cells(cells, n);
			continue;
		}
		if (n > nhead) {
			rc = kesu_fail(cause, KESU_EDATA,
			    "%s:%d: %d cells, but the header has %d",
			    as->path, at, n, nhead);
			goto out;
		}
		as->iv = xreallocarray(as->iv, (size_t)as->n + 1,
		    sizeof *as->iv);
		iv = &as->iv[as->n++];
		memset(iv, 0, sizeof *iv);
		iv->line = at;
		for (k = 0; k < n; k++) {
			answers_add(iv, xstrdup(head[k]), cells[k], at, 0);
			cells[k] = NULL;
		}
		answers_free_cells(cells, n);
		cells = NULL;
	}
out:
	answers_free_cells(cells, n);
	answers_free_cells(head, nhead);
	return rc;
}

static bool
answers_is_csv(const char *path)
{
	size_t n = strlen(path);

	return n >= 4 && strcasecmp(path + n - 4, ".csv") == 0;
}

int
answers_read(const char *path, struct answers **out, char **cause)
{
	struct answers *as;
	struct buf b = BUF_INIT;
	const char *text;
	FILE *f = stdin;
	bool use_stdin = path == NULL || strcmp(path, "-") == 0;
	int rc;

	*out = NULL;
	if (!use_stdin && (f = fopen(path, "r")) == NULL)
		return kesu_fail(cause, KESU_ENOINPUT, "%s: %s", path,
		    strerror(errno));
	as = xcalloc(1, sizeof *as);
	as->path = xstrdup(use_stdin ? "stdin" : path);
	rc = answers_slurp(f, as->path, &b, cause);
	if (!use_stdin)
		fclose(f);
	if (rc != 0)
		goto out;
	text = b.data;
	if (strncmp(text, "\xef\xbb\xbf", 3) == 0)
		text += 3;
	if (!use_stdin && answers_is_csv(path))
		rc = answers_csv(as, text, cause);
	else
		rc = answers_lines(as, text, cause);
out:
	buf_free(&b);
	if (rc != 0)
		answers_free(&as);
	*out = as;
	return rc;
}

void
answers_free(struct answers **ap)
{
	struct answers *as = *ap;
	int i, k;

	if (as == NULL)
		return;
	for (i = 0; i < as->n; i++) {
		for (k = 0; k < as->iv[i].n; k++) {
			free(as->iv[i].a[k].name);
			free(as->iv[i].a[k].value);
		}
		free(as->iv[i].a);
	}
	free(as->iv);
	free(as->path);
	free(as);
	*ap = NULL;
}

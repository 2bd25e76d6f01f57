/*
 * sample.c - the sample file, read into rows for the store (sample.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sheet/sheet.h"
#include "survey/sample.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Problems reported before the rest are summed up in one line. */
#define SAMPLE_MAX_PROBLEMS 20

enum sample_col { COL_ID, COL_STREET, COL_COMMUNITY, COL_ADDRESS,
	COL_INTERVIEWER, COL_WEIGHT, COL_PROBABILITY, COL_EXTRA };

static const char *const sample_known[] = { NULL, "street", "community",
	"address", "interviewer", "weight", "probability" };

struct sample_read {
	const char *path;
	struct buf problems;
	int nproblems;
};

static void sample_problem(struct sample_read *r, int row,
    const char *fmt, ...) KESU_PRINTF(3, 4);

static void
sample_problem(struct sample_read *r, int row, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (r->nproblems++ >= SAMPLE_MAX_PROBLEMS)
		return;
	va_start(ap, fmt);
	msg = kesu_vmsg(fmt, ap);
	va_end(ap);
	buf_printf(&r->problems, "%s%s:%d: %s", r->problems.len ? "\n" : "",
	    r->path, row, msg);
	free(msg);
}

/* A number that fills the whole cell, else -1 (with *ok false). */
static double
sample_number(const char *s, bool *ok)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	*ok = end != s && *end == '\0' && errno == 0 && isfinite(v);
	return *ok ? v : -1;
}

/* The kind of each header column; problems for repeated ones. */
static enum sample_col *
sample_columns(struct sample_read *r, const struct sheet_row *h)
{
	enum sample_col *kind = xcalloc((size_t)h->ncells + 1, sizeof *kind);
	int i, j, k;

	for (i = 0; i < h->ncells; i++) {
		kind[i] = i == 0 ? COL_ID : COL_EXTRA;
		for (k = 1; i > 0 && k < COL_EXTRA; k++)
			if (strcasecmp(h->cells[i], sample_known[k]) == 0)
				kind[i] = (enum sample_col)k;
		if (h->cells[i][0] == '\0')
			sample_problem(r, h->row, _("column %d has no "
			    "name"), i + 1);
		for (j = 0; j < i; j++)
			if (strcasecmp(h->cells[i], h->cells[j]) == 0 &&
			    h->cells[i][0] != '\0')
				sample_problem(r, h->row, _("column '%s' "
				    "repeats column %d"), h->cells[i], j + 1);
	}
	for (i = 0; i < h->ncells; i++)
		for (j = 0; j < h->ncells; j++)
			if (kind[i] == COL_WEIGHT && kind[j] == COL_PROBABILITY)
				sample_problem(r, h->row, _("give weight or "
				    "probability, not both"));
	return kind;
}

/* One data row into h. */
static void
sample_row(struct sample_read *r, const struct sheet_row *hd,
    const enum sample_col *kind, const struct sheet_row *row,
    struct store_hh *h)
{
	struct buf extra = BUF_INIT;
	const char *v;
	double x;
	bool ok;
	int i;

	memset(h, 0, sizeof *h);
	buf_addstr(&extra, "");
	for (i = 0; i < hd->ncells; i++) {
		v = sheet_cell(row, i);
		switch (kind[i]) {
		case COL_ID:
			free(h->id);	/* a repeated column: reported */
			h->id = xstrdup(v);
			break;
		case COL_STREET:
			free(h->street);	/* a repeated column: reported */
			h->street = xstrdup(v);
			break;
		case COL_COMMUNITY:
			free(h->community);	/* a repeated column: reported */
			h->community = xstrdup(v);
			break;
		case COL_ADDRESS:
			free(h->address);	/* a repeated column: reported */
			h->address = xstrdup(v);
			break;
		case COL_INTERVIEWER:
			free(h->interviewer);	/* a repeated column: reported */
			h->interviewer = xstrdup(v);
			break;
		case COL_WEIGHT:
		case COL_PROBABILITY:
			if (*v == '\0')
				break;
			x = sample_number(v, &ok);
			if (kind[i] == COL_WEIGHT && (!ok || x <= 0))
				sample_problem(r, row->row, _("weight '%s' is "
				    "not a positive number"), v);
			else if (kind[i] == COL_PROBABILITY && (!ok ||
			    x <= 0 || x > 1))
				sample_problem(r, row->row, _("probability "
				    "'%s' is not a number in (0, 1]"), v);
			else
				h->weight = kind[i] == COL_WEIGHT ? x : 1 / x;
			break;
		case COL_EXTRA:
			if (*v == '\0')
				break;
			buf_printf(&extra, "%s\x1f%s\x1f", hd->cells[i], v);
			break;
		}
	}
	if (row->ncells > hd->ncells)
		sample_problem(r, row->row, _("%d cells, but the header has "
		    "%d columns"), row->ncells, hd->ncells);
	h->extra = buf_detach(&extra);
#define SAMPLE_FILL(p) if ((p) == NULL) (p) = xstrdup("")
	SAMPLE_FILL(h->street);
	SAMPLE_FILL(h->community);
	SAMPLE_FILL(h->address);
	SAMPLE_FILL(h->interviewer);
#undef SAMPLE_FILL
	if (h->id[0] == '\0')
		sample_problem(r, row->row, _("the household id (column "
		    "'%s') is empty"), hd->cells[0]);
}

/* Problems for ids that repeat (sorted copy, then a scan). */
static int
sample_id_cmp(const void *a, const void *b)
{
	const struct store_hh *const *x = a, *const *y = b;

	return strcmp((*x)->id, (*y)->id);
}

static void
sample_dups(struct sample_read *r, struct survey_sample *s)
{
	const struct store_hh **by = xcalloc(s->n + 1, sizeof *by);
	size_t i;

	for (i = 0; i < s->n; i++)
		by[i] = &s->rows[i];
	qsort(by, s->n, sizeof *by, sample_id_cmp);
	for (i = 1; i < s->n; i++)
		if (by[i]->id[0] != '\0' && strcmp(by[i]->id,
		    by[i - 1]->id) == 0)
			sample_problem(r, s->line[by[i] - s->rows],
			    _("household '%s' is already on line %d"),
			    by[i]->id, s->line[by[i - 1] - s->rows]);
	free(by);
}

int
survey_sample_read(const char *path, struct survey_sample **out,
    char **cause)
{
	struct sheet_book *b = NULL;
	int rc;

	*out = NULL;
	if ((rc = sheet_table_read(path, &b, cause)) != 0)
		return rc;
	rc = survey_sample_from_book(b, path, out, cause);
	sheet_book_free(&b);
	return rc;
}

int
survey_sample_from_book(const struct sheet_book *b, const char *path,
    struct survey_sample **out, char **cause)
{
	struct sample_read r = { path, BUF_INIT, 0 };
	struct survey_sample *s;
	const struct sheet *sh;
	enum sample_col *kind = NULL;
	int i;

	*out = NULL;
	sh = b->nsheets > 0 ? &b->sheets[0] : NULL;
	if (sh == NULL || sh->nrows < 1 || sh->rows[0].ncells < 1)
		return kesu_fail(cause, KESU_EDATA, _("%s: no header row"),
		    path);
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->id_column = xstrdup(sh->rows[0].cells[0]);
	kind = sample_columns(&r, &sh->rows[0]);
	s->rows = xcalloc((size_t)sh->nrows, sizeof *s->rows);
	s->line = xcalloc((size_t)sh->nrows, sizeof *s->line);
	for (i = 1; i < sh->nrows; i++) {
		s->line[s->n] = sh->rows[i].row;
		sample_row(&r, &sh->rows[0], kind, &sh->rows[i],
		    &s->rows[s->n++]);
	}
	sample_dups(&r, s);
	free(kind);
	if (r.nproblems > 0) {
		if (r.nproblems > SAMPLE_MAX_PROBLEMS)
			buf_printf(&r.problems, "\n%s: %d more problems", path,
			    r.nproblems - SAMPLE_MAX_PROBLEMS);
		*cause = buf_detach(&r.problems);
		survey_sample_free(&s);
		return KESU_EDATA;
	}
	buf_free(&r.problems);
	*out = s;
	return 0;
}

void
survey_sample_free(struct survey_sample **sp)
{
	struct survey_sample *s = *sp;

	if (s == NULL)
		return;
	store_hhs_free(s->rows, s->n);
	free(s->line);
	free(s->id_column);
	free(s->path);
	free(s);
	*sp = NULL;
}

const char *
survey_extra_get(const char *extra, const char *name)
{
	static struct buf v = BUF_INIT;
	const char *p = extra, *sep, *val;

	while (p != NULL && *p != '\0') {
		if ((sep = strchr(p, '\x1f')) == NULL)
			return NULL;
		val = sep + 1;
		if ((size_t)(sep - p) == strlen(name) &&
		    strncmp(p, name, (size_t)(sep - p)) == 0) {
			buf_reset(&v);
			sep = strchr(val, '\x1f');
			buf_add(&v, val, sep != NULL ? (size_t)(sep - val) :
			    strlen(val));
			return v.data;
		}
		p = strchr(val, '\x1f');
		if (p != NULL)
			p++;
	}
	return NULL;
}

/* Set field name (when the form has it) to v. */
static int
sample_set(engine *e, const struct store_hh *h, const char *name,
    const char *v, char **cause)
{
	const form *f = engine_form(e);
	char *why = NULL;
	int i = form_find(f, name);

	if (i < 0 || *v == '\0')
		return 0;
	if (engine_preload(e, i, v, &why) != 0) {
		kesu_fail(cause, KESU_EDATA, _("household %s: %s '%s': %s"),
		    h->id, name, v, why != NULL ? why : "?");
		free(why);
		return KESU_EDATA;
	}
	return 0;
}

int
survey_prefill(engine *e, const char *id_column, const struct store_hh *h,
    char **cause)
{
	const char *p, *sep, *val;
	char *name;
	int rc;

	if ((rc = sample_set(e, h, id_column, h->id, cause)) != 0 ||
	    (rc = sample_set(e, h, "street", h->street, cause)) != 0 ||
	    (rc = sample_set(e, h, "community", h->community, cause)) != 0 ||
	    (rc = sample_set(e, h, "address", h->address, cause)) != 0)
		return rc;
	if (h->weight > 0) {
		char w[32];

		snprintf(w, sizeof w, "%.17g", h->weight);
		if ((rc = sample_set(e, h, "weight", w, cause)) != 0)
			return rc;
	}
	for (p = h->extra; p != NULL && *p != '\0'; p = sep + 1) {
		if ((sep = strchr(p, '\x1f')) == NULL)
			break;
		name = xstrndup(p, (size_t)(sep - p));
		val = sep + 1;
		if ((sep = strchr(val, '\x1f')) == NULL) {
			free(name);
			break;
		}
		{
			char *v = xstrndup(val, (size_t)(sep - val));

			rc = sample_set(e, h, name, v, cause);
			free(v);
		}
		free(name);
		if (rc != 0)
			return rc;
	}
	/* The interview starts at its first question as the sample row
	 * leaves it: a roster that applies only to a sampled household
	 * comes before what engine_new() found first. */
	engine_goto(e, engine_first(e));
	return 0;
}

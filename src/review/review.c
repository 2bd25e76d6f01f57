/*
 * review.c - forms, answers, flags and the per-interviewer summary for
 * review (review.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form/sheet.h"
#include "review/review.h"
#include "store/review.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

const char *const review_statuses[REVIEW_NSTATUS] = {
	"draft", "completed", "approved", "rejected", "uploaded",
};

struct cached_form {
	int64_t key;
	form *f;
};

struct review {
	store *s;
	struct quality_opts o;
	double median;
	struct cached_form *forms;
	size_t nforms;
};

int
review_open(store *s, const struct quality_opts *o, review **out,
    char **cause)
{
	review *rv = xcalloc(1, sizeof *rv);
	int rc;

	*out = NULL;
	rv->s = s;
	rv->o = *o;
	if ((rc = store_review_median(s, &rv->median, cause)) != 0) {
		free(rv);
		return rc;
	}
	*out = rv;
	return 0;
}

void
review_close(review **rvp)
{
	review *rv = *rvp;
	size_t i;

	if (rv == NULL)
		return;
	for (i = 0; i < rv->nforms; i++)
		form_free(&rv->forms[i].f);
	free(rv->forms);
	free(rv);
	*rvp = NULL;
}

store *
review_store(const review *rv)
{
	return rv->s;
}

const struct quality_opts *
review_opts(const review *rv)
{
	return &rv->o;
}

double
review_median(const review *rv)
{
	return rv->median;
}

static enum sheet_format
review_format(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (dot != NULL && strcmp(dot, ".xlsx") == 0)
		return SHEET_XLSX;
	if (dot != NULL && strcmp(dot, ".md") == 0)
		return SHEET_MD;
	return SHEET_CSV;
}

int
review_form(review *rv, int64_t key, const form **out, char **cause)
{
	struct sheet_book *book = NULL;
	char *name = NULL;
	void *data = NULL;
	size_t len, i;
	form *f = NULL;
	int rc;

	*out = NULL;
	for (i = 0; i < rv->nforms; i++)
		if (rv->forms[i].key == key) {
			*out = rv->forms[i].f;
			return 0;
		}
	if ((rc = store_form_source(rv->s, key, &name, &data, &len,
	    cause)) != 0)
		return rc;
	if ((rc = sheet_book_parse(name, review_format(name), data, len,
	    &book, cause)) == 0 &&
	    (rc = form_load_book(book, name, &f, cause)) == 0) {
		rv->forms = xreallocarray(rv->forms, rv->nforms + 1,
		    sizeof *rv->forms);
		rv->forms[rv->nforms].key = key;
		rv->forms[rv->nforms++].f = f;
		*out = f;
	}
	sheet_book_free(&book);
	free(name);
	free(data);
	return rc;
}

int
review_record_values(review *rv, const struct store_record *r,
    review_values **v, char **cause)
{
	char *xml = NULL;
	size_t len;
	int rc;

	*v = NULL;
	if (strcmp(r->status, "draft") == 0) {
		store_draft *d = NULL;
		const struct store_value *sv;
		size_t n;

		if ((rc = store_draft_peek(rv->s, r->key, &d, cause)) != 0)
			return rc;
		sv = store_draft_values(d, &n);
		*v = review_values_from(sv, n);
		rc = 0;
		store_draft_free(&d);
		return rc;
	}
	if ((rc = store_record_xml(rv->s, r->key, &xml, &len, cause)) != 0)
		return rc;
	rc = review_values_parse(xml, len, v, cause);
	free(xml);
	return rc;
}

static const char *
review_get(const void *ud, const char *name)
{
	return review_values_get(ud, name);
}

int
review_record_flags(review *rv, const struct store_record *r,
    unsigned *flags, struct quality_facts *facts, char **cause)
{
	struct quality_facts q;
	review_values *v = NULL;
	const form *f;
	int rc;

	*flags = 0;
	memset(&q, 0, sizeof q);
	q.duration = r->duration;
	q.median = rv->median;
	q.started = r->started;
	q.tz = r->tz;
	if (strcmp(r->status, "draft") != 0) {
		if ((rc = review_form(rv, r->form_key, &f, cause)) != 0 ||
		    (rc = review_record_values(rv, r, &v, cause)) != 0)
			return rc;
		quality_scan(f, review_get, v, &rv->o, &q);
		review_values_free(&v);
		*flags = quality_flags(&q, &rv->o);
	}
	if (facts != NULL)
		*facts = q;
	return 0;
}

/* ---- the summary -------------------------------------------------------- */

static int
dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int
pcmp(const void *a, const void *b)
{
	return strcmp(((const struct review_person *)a)->interviewer,
	    ((const struct review_person *)b)->interviewer);
}

struct durations {
	double *d;
	size_t n, cap;
};

int
review_summary(review *rv, struct review_person **out, size_t *nout,
    char **cause)
{
	struct review_person *p = NULL;
	struct durations *dur = NULL;
	struct store_record r;
	struct quality_facts q;
	store_list *l = NULL;
	const char *const *vals;
	size_t n = 0, i, k;
	unsigned fl;
	bool end;
	int rc;

	*out = NULL;
	*nout = 0;
	memset(&r, 0, sizeof r);
	if ((rc = store_list_open(rv->s, NULL, &l, cause)) != 0)
		return rc;
	for (;;) {
		if ((rc = store_list_next(l, &r, &vals, &end, cause)) != 0 ||
		    end)
			break;
		for (i = 0; i < n; i++)
			if (strcmp(p[i].interviewer, r.interviewer) == 0)
				break;
		if (i == n) {
			p = xreallocarray(p, n + 1, sizeof *p);
			dur = xreallocarray(dur, n + 1, sizeof *dur);
			memset(&p[n], 0, sizeof p[n]);
			memset(&dur[n], 0, sizeof dur[n]);
			p[n++].interviewer = xstrdup(r.interviewer);
		}
		for (k = 0; k < REVIEW_NSTATUS; k++)
			if (strcmp(review_statuses[k], r.status) == 0)
				p[i].count[k]++;
		if (strcmp(r.status, "draft") == 0)
			continue;
		p[i].finished++;
		if ((rc = review_record_flags(rv, &r, &fl, &q, cause)) != 0)
			break;
		if (fl != 0)
			p[i].flagged++;
		for (k = 0; k < QUALITY_NFLAGS; k++)
			if (fl & (1u << k))
				p[i].flag_count[k]++;
		p[i].dk += (size_t)q.dk;
		p[i].dk_offered += (size_t)q.dk_offered;
		if (r.duration > 0) {
			if (dur[i].n == dur[i].cap) {
				dur[i].cap = dur[i].cap ? 2 * dur[i].cap : 16;
				dur[i].d = xreallocarray(dur[i].d, dur[i].cap,
				    sizeof *dur[i].d);
			}
			dur[i].d[dur[i].n++] = r.duration;
		}
	}
	store_record_clear(&r);
	store_list_close(&l);
	for (i = 0; i < n; i++) {
		if (dur[i].n > 0) {
			qsort(dur[i].d, dur[i].n, sizeof *dur[i].d, dcmp);
			p[i].median = (dur[i].d[(dur[i].n - 1) / 2] +
			    dur[i].d[dur[i].n / 2]) / 2;
		}
		free(dur[i].d);
	}
	free(dur);
	if (rc != 0) {
		review_summary_free(p, n);
		return rc;
	}
	if (n > 0)
		qsort(p, n, sizeof *p, pcmp);
	*out = p;
	*nout = n;
	return 0;
}

void
review_summary_free(struct review_person *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(p[i].interviewer);
	free(p);
}

int
review_parse_time(const char *s, bool end, double *t)
{
	char buf[64];
	double now;
	int tz, off;
	char *c = NULL;

	if (clock_parse(s, t, &off) == 0)
		return 0;
	if (strlen(s) != 10 || clock_now(&now, &tz, &c) != 0) {
		free(c);
		return -1;
	}
	snprintf(buf, sizeof buf, "%sT00:00:00%c%02d:%02d", s,
	    tz < 0 ? '-' : '+', abs(tz) / 3600, abs(tz) % 3600 / 60);
	if (clock_parse(buf, t, &off) != 0)
		return -1;
	if (end)
		*t += 86400;
	return 0;
}

char *
review_choice_labels(const form *f, const char *name, const char *value,
    int lang)
{
	struct buf b = BUF_INIT;
	const struct form_field *fl;
	const char *p = value, *q;
	int i = f != NULL ? form_find(f, name) : -1;

	if (i < 0 || (fl = form_field(f, i))->list < 0 ||
	    (fl->type != FORM_SELECT_ONE && fl->type != FORM_SELECT_MULTIPLE))
		return xstrdup(value);
	buf_addstr(&b, "");
	while (*p != '\0') {
		char *one;
		int c;

		if (fl->type == FORM_SELECT_MULTIPLE) {
			while (*p == ' ')
				p++;
			if (*p == '\0')
				break;
			q = strchr(p, ' ');
			if (q == NULL)
				q = p + strlen(p);
		} else
			q = p + strlen(p);
		one = xstrndup(p, (size_t)(q - p));
		c = form_choice_find(f, fl->list, one);
		if (b.len > 0)
			buf_addstr(&b, "; ");
		if (c >= 0 && form_text(f, form_choice(f, fl->list, c)->label,
		    lang) != NULL)
			buf_addstr(&b, form_text(f, form_choice(f, fl->list,
			    c)->label, lang));
		else
			buf_addstr(&b, one);
		free(one);
		p = q;
	}
	return buf_detach(&b);
}

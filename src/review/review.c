/*
 * review.c - forms, answers, flags and the per-interviewer summary for
 * review (review.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void review_refresh(review *rv);

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
	/* The figures first: the median leaves out interviews that ended
	 * early. */
	review_refresh(rv);
	if ((rc = store_review_median(s, &rv->median, cause)) != 0) {
		review_close(&rv);
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

int
review_form(review *rv, int64_t key, const form **out, char **cause)
{
	char *name = NULL;
	struct store_media sm;
	struct form_media media;
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
	store_form_media_source(&sm, rv->s, key, &media);
	if ((rc = form_load_media(name, data, len, &media, &f, cause)) == 0) {
		rv->forms = xreallocarray(rv->forms, rv->nforms + 1,
		    sizeof *rv->forms);
		rv->forms[rv->nforms].key = key;
		rv->forms[rv->nforms++].f = f;
		*out = f;
	}
	free(name);
	free(data);
	return rc;
}

int
review_record_values(review *rv, const struct store_record *r,
    store_values **v, char **cause)
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
		*v = store_values_from(sv, n);
		rc = 0;
		store_draft_free(&d);
		return rc;
	}
	if ((rc = store_record_xml(rv->s, r->key, &xml, &len, cause)) != 0)
		return rc;
	rc = store_values_parse(xml, len, v, cause);
	free(xml);
	return rc;
}

static const char *
review_get(const void *ud, const char *name)
{
	return store_values_get(ud, name);
}

/* Did the interview end before its score (the field the form declares
 * as kesu_score)? */
static bool
review_ended_early(const form *f, const store_values *v)
{
	const char *name = form_role(f, FORM_ROLE_SCORE);
	const char *score;
	int i;

	if (name == NULL || (i = form_find(f, name)) < 0)
		return false;
	score = store_values_get(v, name);
	return form_field(f, i)->type == FORM_CALCULATE &&
	    (score == NULL || *score == '\0');
}

/* The answer-based facts of finished record key (of form form_key), from
 * its XML. */
static int
review_xml_facts(review *rv, int64_t key, int64_t form_key,
    const struct quality_opts *o, struct quality_facts *q, char **cause)
{
	store_values *v = NULL;
	const form *f;
	char *xml = NULL;
	size_t len;
	int rc;

	if ((rc = review_form(rv, form_key, &f, cause)) != 0 ||
	    (rc = store_record_xml(rv->s, key, &xml, &len, cause)) != 0)
		return rc;
	rc = store_values_parse(xml, len, &v, cause);
	free(xml);
	if (rc != 0)
		return rc;
	quality_scan(f, review_get, v, o, q);
	q->ended_early = review_ended_early(f, v);
	store_values_free(&v);
	return 0;
}

/* The facts of a record's own columns. */
static void
review_base_facts(const review *rv, const struct store_record *r,
    struct quality_facts *q)
{
	memset(q, 0, sizeof *q);
	q->duration = r->duration;
	q->median = rv->median;
	q->started = r->started;
	q->tz = r->tz;
}

int
review_record_flags(review *rv, const struct store_record *r,
    unsigned *flags, struct quality_facts *facts, char **cause)
{
	struct quality_facts q;
	int rc;

	*flags = 0;
	review_base_facts(rv, r, &q);
	if (strcmp(r->status, "draft") != 0) {
		if ((rc = review_xml_facts(rv, r->key, r->form_key, &rv->o, &q,
		    cause)) != 0)
			return rc;
		*flags = quality_flags(&q, &rv->o);
	}
	if (facts != NULL)
		*facts = q;
	return 0;
}

/* Are the kept figures the ones rv's options ask for? */
static bool
review_kept_usable(const review *rv)
{
	return rv->o.dk_name != NULL &&
	    strcmp(rv->o.dk_name, QUALITY_DK_NAME) == 0;
}

int
review_row_flags(review *rv, const struct store_review_row *w,
    unsigned *flags, struct quality_facts *facts, char **cause)
{
	struct quality_facts q;

	if (!w->q.known || !review_kept_usable(rv) ||
	    strcmp(w->r.status, "draft") == 0)
		return review_record_flags(rv, &w->r, flags, facts, cause);
	review_base_facts(rv, &w->r, &q);
	q.longest_run = w->q.longest_run;
	q.dk_offered = w->q.dk_offered;
	q.dk = w->q.dk;
	q.ended_early = w->q.ended_early;
	*flags = quality_flags(&q, &rv->o);
	if (facts != NULL)
		*facts = q;
	return 0;
}

/*
 * Compute and keep the stale figures, a batch at a time, in one
 * transaction.  A record whose XML cannot be read stays stale (it is
 * read, and its error shown, when it is listed); a store that refuses
 * the write is left as it was.
 */
static void
review_refresh(review *rv)
{
	struct quality_opts o = rv->o;
	struct store_review_quality kq;
	struct quality_facts q;
	int64_t *keys = NULL, *forms = NULL, after = 0;
	size_t n, i;
	char *cause = NULL;
	bool ok = true;

	o.dk_name = QUALITY_DK_NAME;
	if (store_batch_begin(rv->s, &cause) != 0) {
		free(cause);
		return;
	}
	do {
		if (store_review_stale(rv->s, after, 512, &keys, &forms, &n,
		    &cause) != 0) {
			ok = false;
			break;
		}
		for (i = 0; ok && i < n; i++) {
			after = keys[i];
			memset(&q, 0, sizeof q);
			if (review_xml_facts(rv, keys[i], forms[i], &o, &q,
			    &cause) != 0) {
				free(cause);
				cause = NULL;
				continue;
			}
			kq.known = true;
			kq.longest_run = q.longest_run;
			kq.dk_offered = q.dk_offered;
			kq.dk = q.dk;
			kq.ended_early = q.ended_early;
			if (store_review_quality_put(rv->s, keys[i], &kq,
			    &cause) != 0)
				ok = false;
		}
		free(keys);
		free(forms);
	} while (ok && n == 512);
	free(cause);
	cause = NULL;
	if (store_batch_end(rv->s, ok, &cause) != 0)
		free(cause);
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

struct summing {
	review *rv;
	struct review_person *p;
	struct durations *dur;
	size_t n;
};

static int
review_sum_row(void *ud, const struct store_review_row *w, char **cause)
{
	struct summing *sm = ud;
	const struct store_record *r = &w->r;
	struct review_person *p;
	struct durations *d;
	struct quality_facts q;
	size_t i, k;
	unsigned fl;
	int rc;

	for (i = 0; i < sm->n; i++)
		if (strcmp(sm->p[i].interviewer, r->interviewer) == 0)
			break;
	if (i == sm->n) {
		sm->p = xreallocarray(sm->p, sm->n + 1, sizeof *sm->p);
		sm->dur = xreallocarray(sm->dur, sm->n + 1, sizeof *sm->dur);
		memset(&sm->p[sm->n], 0, sizeof sm->p[sm->n]);
		memset(&sm->dur[sm->n], 0, sizeof sm->dur[sm->n]);
		sm->p[sm->n++].interviewer = xstrdup(r->interviewer);
	}
	p = &sm->p[i];
	d = &sm->dur[i];
	for (k = 0; k < REVIEW_NSTATUS; k++)
		if (strcmp(review_statuses[k], r->status) == 0)
			p->count[k]++;
	if (strcmp(r->status, "draft") == 0)
		return 0;
	p->finished++;
	if ((rc = review_row_flags(sm->rv, w, &fl, &q, cause)) != 0)
		return rc;
	if (fl != 0)
		p->flagged++;
	for (k = 0; k < QUALITY_NFLAGS; k++)
		if (fl & (1u << k))
			p->flag_count[k]++;
	p->dk += (size_t)q.dk;
	p->dk_offered += (size_t)q.dk_offered;
	if (r->duration > 0) {
		if (d->n == d->cap) {
			d->cap = d->cap ? 2 * d->cap : 16;
			d->d = xreallocarray(d->d, d->cap, sizeof *d->d);
		}
		d->d[d->n++] = r->duration;
	}
	return 0;
}

int
review_summary(review *rv, struct review_person **out, size_t *nout,
    char **cause)
{
	struct summing sm = { rv, NULL, NULL, 0 };
	size_t i;
	int rc;

	*out = NULL;
	*nout = 0;
	rc = store_review_each(rv->s, review_sum_row, &sm, cause);
	for (i = 0; i < sm.n; i++) {
		struct durations *d = &sm.dur[i];

		if (d->n > 0) {
			qsort(d->d, d->n, sizeof *d->d, dcmp);
			sm.p[i].median = (d->d[(d->n - 1) / 2] +
			    d->d[d->n / 2]) / 2;
		}
		free(d->d);
	}
	free(sm.dur);
	if (rc != 0) {
		review_summary_free(sm.p, sm.n);
		return rc;
	}
	if (sm.n > 0)
		qsort(sm.p, sm.n, sizeof *sm.p, pcmp);
	*out = sm.p;
	*nout = sm.n;
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

/* A record's values as form_fill() reads them. */
struct review_fill {
	const form *f;
	const store_values *v;
};

/* form_fill()'s view of field k in a record's values: numbers as the
 * instance writes them ("2.0"), read as numbers. */
static const char *
review_value(void *ctx, int k, bool *number)
{
	const struct review_fill *c = ctx;
	const struct form_field *fl = form_field(c->f, k);

	*number = fl->type == FORM_INTEGER || fl->type == FORM_DECIMAL ||
	    fl->type == FORM_RANGE;
	return c->v != NULL ? store_values_get(c->v, fl->name) : NULL;
}

char *
review_text(const form *f, const char *const *texts, int lang,
    const store_values *v)
{
	struct review_fill c = { f, v };
	const char *s = texts != NULL ? form_text(f, texts, lang) : NULL;

	return s != NULL ? form_fill(f, s, review_value, &c) : NULL;
}

char *
review_choice_labels(const form *f, const char *name, const char *value,
    int lang, const store_values *v)
{
	struct review_fill c = { f, v };
	struct buf b = BUF_INIT;
	char *s;
	int i;

	if (f == NULL || name == NULL)
		return xstrdup(value);
	buf_addstr(&b, "");
	i = form_find(f, name);
	form_value_label(&b, f, i, value, lang);
	if (i < 0 || form_field(f, i)->list < 0)
		return buf_detach(&b);
	/* The labels' ${name}, filled as the interview showed them. */
	s = form_fill(f, b.data, review_value, &c);
	buf_free(&b);
	return s;
	return buf_detach(&b);
}

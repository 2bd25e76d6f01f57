/*
 * report.c - a report from the store: check the fields the query names
 * against the stored forms, read them for the records that count, keep
 * the rows with a value for each design field (a row without a number
 * for the outcome stays in the design, outside every domain, as
 * svymean(na.rm = TRUE) keeps it), build the design (raked when margins
 * are given) and estimate overall and by domain (crossed domains "a:b"
 * are the crossing of their parts' factors).
 *
 * The values stay in the store_fields pass until the estimates are made;
 * the rows name their domains' levels, which the result keeps.  The
 * sample's response rates go beside the estimates (survey/rates.h): the
 * same figures `kesu report --rates` gives overall.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "util/distance.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define REP_MAXPARTS 8 /* fields crossed in one domain */

struct rep_data {
	size_t nnames;
	const char **names;     /* fields asked of the store */
	int i_out, i_str, i_psu, i_w; /* their positions */
	size_t *by_at, *by_np;  /* [nby] each by's first column, parts */
	char **by_copy;         /* [nby] the by names split at ':' */
	int *i_rake;            /* [nmargin] */
	size_t n;
	double *y, *w;
	const char *const **col; /* [nnames][n] values of the rows kept: the
				   store_fields pass's columns, or own[k] */
	const char ***own;      /* [nnames] copies when rows were left out */
	size_t skipped, missing;
	size_t noweight;        /* of skipped: a design value but no weight */
	bool unweighted;        /* the declared weight is on no record */
};

bool
report_number(const char *s, double *x)
{
	char *end;

	if (*s == '\0')
		return false;
	*x = strtod(s, &end);
	return *end == '\0' && isfinite(*x);
}

/* Add name to the fields asked for (once); its position. */
static int
rep_want(struct rep_data *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->nnames; i++)
		if (strcmp(d->names[i], name) == 0)
			return (int)i;
	d->names[d->nnames] = name;
	return (int)d->nnames++;
}

static void
rep_data_free(struct rep_data *d)
{
	size_t k;

	for (k = 0; k < d->nnames; k++)
		free(d->own[k]);
	for (k = 0; d->by_copy != NULL && d->by_copy[k] != NULL; k++)
		free(d->by_copy[k]);
	free(d->by_copy);
	free(d->by_at);
	free(d->by_np);
	free(d->own);
	free(d->col);
	free(d->names);
	free(d->i_rake);
	free(d->y);
	free(d->w);
}

/* The fields to read and their positions. */
static int
rep_names(const struct report_query *q, struct rep_data *d, char **cause)
{
	size_t most = 4 + q->nmargin, k;
	char *p;

	for (k = 0; k < q->nby; k++)
		most += strlen(q->by[k]) + 1;
	d->names = xcalloc(most, sizeof *d->names);
	d->col = xcalloc(most, sizeof *d->col);
	d->own = xcalloc(most, sizeof *d->own);
	d->i_out = rep_want(d, q->outcome);
	d->i_w = q->weight != NULL ? rep_want(d, q->weight) : -1;
	d->i_str = q->strata != NULL ? rep_want(d, q->strata) : -1;
	d->i_psu = q->cluster != NULL ? rep_want(d, q->cluster) : -1;
	if (d->i_w == d->i_out || (d->i_str >= 0 && (d->i_str == d->i_out ||
	    d->i_str == d->i_w)) || (d->i_psu >= 0 && (d->i_psu == d->i_out ||
	    d->i_psu == d->i_w)))
		return kesu_fail(cause, KESU_EUSAGE, _("the outcome, weight "
		    "and design fields must be different fields"));
	/* by and rake fields get columns of their own, even when they
	 * name a design field, so each has its own factor. */
	d->by_at = xcalloc(q->nby + 1, sizeof *d->by_at);
	d->by_np = xcalloc(q->nby + 1, sizeof *d->by_np);
	d->by_copy = xcalloc(q->nby + 1, sizeof *d->by_copy);
	for (k = 0; k < q->nby; k++) {
		d->by_copy[k] = xstrdup(q->by[k]);
		d->by_at[k] = d->nnames;
		for (p = d->by_copy[k];; p++) {
			char *colon = strchr(p, ':');

			if (colon != NULL)
				*colon = '\0';
			if (*p == '\0' || d->by_np[k] == REP_MAXPARTS)
				return kesu_fail(cause, KESU_EUSAGE, _("--by "
				    "'%s': name up to %d fields, separated by "
				    "':'"), q->by[k], REP_MAXPARTS);
			d->names[d->nnames++] = p;
			d->by_np[k]++;
			if (colon == NULL)
				break;
			p = colon;
		}
	}
	d->i_rake = xcalloc(q->nmargin + 1, sizeof *d->i_rake);
	for (k = 0; k < q->nmargin; k++) {
		d->i_rake[k] = (int)d->nnames;
		d->names[d->nnames++] = q->margin[k].field;
	}
	return 0;
}

/*
 * Every field asked for must be a field of a stored form whose values
 * are kept for reports: a misspelt name is named with the nearest
 * existing field, rather than leaving every record out.
 */
static int
rep_check_names(store *s, const struct rep_data *d, char **cause)
{
	char **names = NULL;
	bool *kept = NULL;
	size_t n = 0, k, i, best, dist;
	int rc;

	if ((rc = store_field_names(s, &names, &kept, &n, cause)) != 0)
		return rc;
	for (k = 0; k < d->nnames && n > 0 && rc == 0; k++) {
		for (i = 0; i < n; i++)
			if (strcmp(names[i], d->names[k]) == 0)
				break;
		if (i < n && kept[i])
			continue;
		if (i < n) {
			rc = kesu_fail(cause, KESU_EDATA, _("field '%s' is read "
			    "by a calculation, so its values are not kept for "
			    "reports; report on that calculation"),
			    d->names[k]);
			break;
		}
		best = 0;
		dist = (size_t)-1;
		for (i = 0; i < n; i++) {
			size_t e = (size_t)distance_edit(d->names[k],
			    strlen(d->names[k]), names[i], strlen(names[i]),
			    DISTANCE_MAX_LEN);

			if (kept[i] && e < dist) {
				dist = e;
				best = i;
			}
		}
		rc = dist != (size_t)-1 ? kesu_fail(cause, KESU_EDATA,
		    _("no field '%s' in the forms; the nearest is '%s'"),
		    d->names[k], names[best]) : kesu_fail(cause, KESU_EDATA,
		    _("no field '%s' in the forms"), d->names[k]);
	}
	store_field_names_free(names, kept, n);
	return rc;
}

/*
 * Read the records' values (they stay in *it until it is closed) and keep
 * the rows with a value for each design field and a weight > 0; a row
 * without a number for the outcome is kept with y NaN.  A weight the form
 * declares (q->weight_declared) that no record has is no weight: every
 * row weighs 1 and d->unweighted says so, rather than no row at all.  When
 * every row is kept, the columns are the pass's own; else the kept rows
 * are copied.
 */
static int
rep_load(store *s, const struct report_query *q, struct rep_data *d,
    store_fields **it, char **cause)
{
	const char *const *out, *const *str = NULL, *const *psu = NULL;
	const char *const *wt = NULL;
	size_t nrec, i, j, k;
	bool *keep;
	int rc;

	if ((rc = store_fields_open(s, q->status, q->nstatus, q->interviewer,
	    q->form_id, d->names, d->nnames, it, cause)) != 0)
		return rc;
	nrec = store_fields_count(*it);
	out = store_fields_column(*it, (size_t)d->i_out);
	if (d->i_str >= 0)
		str = store_fields_column(*it, (size_t)d->i_str);
	if (d->i_psu >= 0)
		psu = store_fields_column(*it, (size_t)d->i_psu);
	if (d->i_w >= 0)
		wt = store_fields_column(*it, (size_t)d->i_w);
	if (wt != NULL && q->weight_declared) {
		double w;

		for (i = 0; i < nrec; i++)
			if (report_number(wt[i], &w) && w > 0)
				break;
		if (i == nrec && nrec > 0) {
			wt = NULL;
			d->unweighted = true;
		}
	}
	d->y = xcalloc(nrec + 1, sizeof *d->y);
	d->w = xcalloc(nrec + 1, sizeof *d->w);
	keep = xcalloc(nrec + 1, sizeof *keep);
	for (i = 0; i < nrec; i++) {
		double y, w = 1;

		if ((str != NULL && *str[i] == '\0') ||
		    (psu != NULL && *psu[i] == '\0'))
			continue;
		if (wt != NULL && (!report_number(wt[i], &w) || !(w > 0))) {
			d->noweight++;
			continue;
		}
		if (!report_number(out[i], &y)) {
			y = NAN;
			d->missing++;
		}
		keep[i] = true;
		d->y[d->n] = y;
		d->w[d->n++] = w;
	}
	d->skipped = nrec - d->n;
	for (k = 0; k < d->nnames; k++) {
		const char *const *c = store_fields_column(*it, k);

		if (d->skipped == 0) {
			d->col[k] = c;
			continue;
		}
		d->own[k] = xcalloc(d->n + 1, sizeof *d->own[k]);
		for (i = j = 0; i < nrec; i++)
			if (keep[i])
				d->own[k][j++] = c[i];
		d->col[k] = d->own[k];
	}
	free(keep);
	return 0;
}

static int
rep_rake(report_design *des, const struct rep_data *d,
    const struct report_query *q, bool *converged, char **cause)
{
	size_t nm = q->nmargin, k, i;
	struct report_factor *f = xcalloc(nm, sizeof *f);
	double **pop = xcalloc(nm, sizeof *pop);
	const char **field = xcalloc(nm, sizeof *field);
	int rc = 0, l;

	for (k = 0; k < nm; k++) {
		const struct report_margin *m = &q->margin[k];

		report_factor_build(&f[k], d->col[d->i_rake[k]], d->n);
		field[k] = m->field;
		pop[k] = xcalloc(f[k].nlevels + 1, sizeof *pop[k]);
		for (l = 0; l < (int)f[k].nlevels; l++)
			pop[k][l] = NAN;
		for (i = 0; i < m->n; i++) {
			l = report_factor_find(&f[k], m->level[i]);
			if (l >= 0)
				pop[k][l] = m->pop[i];
			else if (m->pop[i] > 0 && rc == 0)
				rc = kesu_fail(cause, KESU_EDATA, _("raking on "
				    "%s: level '%s' has a population but no "
				    "records"), m->field, m->level[i]);
		}
	}
	if (rc == 0)
		rc = report_design_rake(des, nm, f,
		    (const double *const *)pop, field, converged, cause);
	for (k = 0; k < nm; k++) {
		report_factor_clear(&f[k]);
		free(pop[k]);
	}
	free(f);
	free(pop);
	free(field);
	return rc;
}

/* Under "fail", a stratum with one PSU is refused, named as R names it. */
static int
rep_lonely(const struct report_query *q, const report_design *des,
    const struct report_factor *fs, struct report_result *out, char **cause)
{
	size_t first = 0;

	out->info.nlonely = report_design_lonely(des, &first);
	out->info.lonely = q->lonely;
	if (q->lonely != REPORT_LONELY_FAIL || out->info.nlonely == 0)
		return 0;
	return kesu_fail(cause, KESU_EDATA, ngettext("stratum %s has only one "
	    "PSU (%zu stratum has one); choose what to do with --lonely-psu "
	    "adjust|average|remove|certainty", "stratum %s has only one PSU "
	    "(%zu strata have one); choose what to do with --lonely-psu "
	    "adjust|average|remove|certainty", out->info.nlonely),
	    fs->nlevels > 0 ? fs->levels[first] : "1", out->info.nlonely);
}

/*
 * Domain k's factor: its field's, or the crossing of its fields'; and
 * *split[l], level l as its fields' levels (NULL-terminated copies, from
 * the first row of the level: a crossed level's name alone is ambiguous
 * when a value holds ':').
 */
static void
rep_domain(const struct rep_data *d, size_t k, struct report_factor *f,
    char ****split)
{
	struct report_factor part[REP_MAXPARTS];
	size_t np = d->by_np[k], m, i;
	int l;

	if (np == 1)
		report_factor_build(f, d->col[d->by_at[k]], d->n);
	else {
		for (m = 0; m < np; m++)
			report_factor_build(&part[m], d->col[d->by_at[k] + m],
			    d->n);
		report_factor_cross(f, part, np);
		for (m = 0; m < np; m++)
			report_factor_clear(&part[m]);
	}
	*split = xcalloc(f->nlevels + 1, sizeof **split);
	for (i = 0; i < d->n; i++) {
		if ((l = f->code[i]) < 0 || (*split)[l] != NULL)
			continue;
		(*split)[l] = xcalloc(np + 1, sizeof ***split);
		for (m = 0; m < np; m++)
			(*split)[l][m] = xstrdup(d->col[d->by_at[k] + m][i]);
	}
}

static void
rep_parts_free(char **p)
{
	size_t m;

	for (m = 0; p != NULL && p[m] != NULL; m++)
		free(p[m]);
	free(p);
}

/* The design, then the estimates: overall, then each by field's levels. */
static int
rep_estimate(const struct report_query *q, const struct rep_data *d,
    struct report_result *out, char **cause)
{
	struct report_factor fs, fp;
	struct report_method how;
	report_design *des = NULL;
	char ****split;
	size_t i, k, cap = 1;
	bool converged = true;
	int rc;

	memset(&fs, 0, sizeof fs);
	memset(&fp, 0, sizeof fp);
	memset(&how, 0, sizeof how);
	if (d->i_str >= 0)
		report_factor_build(&fs, d->col[d->i_str], d->n);
	if (d->i_psu >= 0)
		report_factor_build(&fp, d->col[d->i_psu], d->n);
	if ((rc = report_design_new(d->n, d->i_str >= 0 ? &fs : NULL,
	    d->i_psu >= 0 ? &fp : NULL, d->i_w >= 0 ? d->w : NULL, &des,
	    cause)) != 0)
		goto out;
	if ((rc = rep_lonely(q, des, &fs, out, cause)) != 0)
		goto out;
	if (q->nmargin > 0 &&
	    (rc = rep_rake(des, d, q, &converged, cause)) != 0)
		goto out;
	out->unconverged = !converged;
	how.proportion = true;
	how.ci = q->ci;
	how.lonely = q->lonely;
	for (i = 0; i < d->n; i++)
		if (!isnan(d->y[i]) && d->y[i] != 0 && d->y[i] != 1)
			how.proportion = false;
	out->domain = xcalloc(q->nby + 1, sizeof *out->domain);
	out->ndomain = q->nby;
	split = xcalloc(q->nby + 1, sizeof *split);
	for (k = 0; k < q->nby; k++) {
		rep_domain(d, k, &out->domain[k], &split[k]);
		cap += out->domain[k].nlevels;
	}
	out->rows = xcalloc(cap, sizeof *out->rows);
	out->parts = xcalloc(cap, sizeof *out->parts);
	out->rows[0].by = out->rows[0].level = "all";
	report_estimate_mean(des, d->y, NULL, 0, &how, &out->rows[0].e);
	out->nrows = 1;
	for (k = 0; k < q->nby; k++) {
		for (i = 0; i < out->domain[k].nlevels; i++) {
			struct report_row *r = &out->rows[out->nrows];

			r->by = q->by[k];
			r->level = out->domain[k].levels[i];
			report_estimate_mean(des, d->y, out->domain[k].code,
			    (int)i, &how, &r->e);
			/* As svyby() drops them: levels whose rows all lack
			 * the outcome. */
			if (r->e.n > 0)
				out->parts[out->nrows++] = split[k][i];
			else
				rep_parts_free(split[k][i]);
		}
		free(split[k]);
	}
	free(split);
	out->info.outcome = q->outcome;
	out->info.proportion = how.proportion;
	out->info.raked = q->nmargin > 0;
	out->info.nstrata = report_design_strata(des);
	out->info.npsu = report_design_psus(des);
	out->info.df = out->rows[0].e.df;
	out->info.ci = q->ci;
	out->info.missing = d->missing;
	out->info.weight = d->unweighted ? NULL : q->weight;
	out->info.noweight = d->noweight;
	out->info.unweighted = d->unweighted;
	out->info.weight_declared = q->weight;
out:
	report_factor_clear(&fs);
	report_factor_clear(&fp);
	report_design_free(&des);
	return rc;
}

int
report_run(store *s, const struct report_query *q,
    struct report_result *out, char **cause)
{
	struct rep_data d;
	store_fields *it = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	memset(&d, 0, sizeof d);
	if ((rc = rep_names(q, &d, cause)) != 0 ||
	    (rc = rep_check_names(s, &d, cause)) != 0 ||
	    (rc = rep_load(s, q, &d, &it, cause)) != 0)
		goto out;
	out->skipped = d.skipped;
	out->noweight = d.noweight;
	out->missing = d.missing;
	if (d.n == d.missing) {
		rc = kesu_fail(cause, KESU_EDATA, _("no records with a value "
		    "for %s"), q->outcome);
		goto out;
	}
	if ((rc = rep_estimate(q, &d, out, cause)) != 0)
		goto out;
	rc = survey_rates_sample(s, q->interviewer, q->e_given ? q->e : -1,
	    &out->info.rates, &out->info.households, cause);
out:
	rep_data_free(&d);
	store_fields_close(&it);
	if (rc != 0) {
		size_t skipped = out->skipped, missing = out->missing;
		size_t noweight = out->noweight;

		report_result_clear(out);
		out->skipped = skipped;
		out->noweight = noweight;
		out->missing = missing;
	}
	return rc;
}

void
report_result_clear(struct report_result *r)
{
	size_t k;

	if (r->domain != NULL)
		for (k = 0; k < r->ndomain; k++)
			report_factor_clear(&r->domain[k]);
	for (k = 0; k < r->nrows; k++) {
		if (r->parts != NULL)
			rep_parts_free(r->parts[k]);
		if (r->labels != NULL)
			free(r->labels[k]);
	}
	free(r->parts);
	free(r->labels);
	free(r->domain);
	free(r->rows);
	memset(r, 0, sizeof *r);
}

/*
 * report.c - `kesu report`: design-based estimates of the outcome
 * (default `literate`) overall and by domain, with 95% intervals, from
 * the finalized records (DESIGN.md, "Reports").
 *
 *   kesu report [--outcome F] [--by F,...] [--strata F] [--cluster F]
 *               [--weight F] [--rake FILE.csv] [--status S,...]
 *               [--format table|csv|json] [--as USER [--pin-stdin]]
 *
 * Records count when their status is one of --status (default
 * completed, approved, uploaded) and they have a number for the outcome
 * and a value for each design field; others are left out (their number
 * is said on stderr).  A 0/1 outcome is a proportion with a logit
 * interval, anything else a mean.  A stratum with one PSU is handled as
 * R's options(survey.lonely.psu = "adjust"); a domain whose rows lie in
 * one PSU per stratum has no interval.  The rake file is CSV with the
 * header field,level,population.  On a database with users --as is
 * needed, and an interviewer's report covers their own records.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/answers.h"
#include "cmd/auth.h"
#include "cmd/cmd.h"
#include "report/estimate.h"
#include "util/i18n.h"
#include "util/xalloc.h"

enum rep_format { REP_TABLE, REP_CSV, REP_JSON };

struct rep_opts {
	const char *outcome, *strata, *cluster, *weight, *rake;
	char *by_list, *status_list;
	enum rep_format fmt;
};

/* A comma-separated list split in place. */
struct rep_list {
	size_t n;
	char **v;
};

/* The rake margins from the file. */
struct rep_margin {
	char *field;
	size_t n;
	char **level;
	double *pop;
};

struct rep_data {
	size_t nnames;
	const char **names;     /* fields asked of the store */
	int i_out, i_str, i_psu, i_w, i_by, i_rake; /* their positions */
	size_t n, cap;
	double *y, *w;
	const char ***col;      /* [nnames][n] values (strata, psu, by, rake),
				   owned by the store_fields pass */
	size_t skipped;
};

static void
rep_usage(FILE *f)
{
	fputs(_("usage: kesu report [--outcome F] [--by F,...] [--strata F] "
	    "[--cluster F]\n"
	    "                   [--weight F] [--rake FILE.csv] "
	    "[--status S,...]\n"
	    "                   [--format table|csv|json] [--as USER] "
	    "[--pin-stdin]\n"), f);
}

static void
rep_help(void)
{
	rep_usage(stdout);
	/* xgettext:no-c-format */
	fputs(_("Weighted proportion (0/1 outcome) or mean of the outcome "
	    "(default literate),\n"
	    "overall and by each --by field, with Taylor-linearised SEs for "
	    "a stratified\n"
	    "cluster design (PSUs with replacement, no finite-population "
	    "correction) and\n"
	    "95% intervals on the logit scale with the design's degrees of "
	    "freedom, as R's\n"
	    "survey package (svymean, svyby, svyciprop(method = \"logit\")).\n"
	    "A stratum with a single PSU is handled as "
	    "options(survey.lonely.psu = \"adjust\"):\n"
	    "its PSU is centred at the grand mean.  --rake FILE.csv "
	    "(field,level,population)\n"
	    "rakes the weights to those margins as survey::rake() does.\n"
	    "--status defaults to completed,approved,uploaded.\n"
	    "csv columns: by,level,n,weighted_n,estimate,se,ci_low,ci_high "
	    "(the overall row:\n"
	    "by and level are all).\n"), stdout);
}

static void
rep_split(char *s, struct rep_list *l)
{
	char *p;

	l->n = 0;
	l->v = NULL;
	if (s == NULL)
		return;
	l->v = xcalloc(strlen(s) + 2, sizeof *l->v);
	for (p = strtok(s, ","); p != NULL; p = strtok(NULL, ","))
		l->v[l->n++] = p;
}

static bool
rep_num(const char *s, double *x)
{
	char *end;

	if (*s == '\0')
		return false;
	*x = strtod(s, &end);
	return *end == '\0' && isfinite(*x);
}

/* Read --rake FILE: rows field,level,population into margins. */
static int
rep_read_rake(const char *path, struct rep_margin **out, size_t *nout,
    char **cause)
{
	struct answers *a = NULL;
	struct rep_margin *m = NULL;
	size_t nm = 0, i, k;
	int j, rc = 0;

	*out = NULL;
	*nout = 0;
	if (strlen(path) < 4 || strcmp(path + strlen(path) - 4, ".csv") != 0)
		return kesu_fail(cause, KESU_EUSAGE, _("--rake takes a .csv "
		    "file (field,level,population), not '%s'"), path);
	if ((rc = answers_read(path, &a, cause)) != 0)
		return rc;
	m = xcalloc((size_t)a->n + 1, sizeof *m);
	for (j = 0; j < a->n; j++) {
		const struct answers_interview *iv = &a->iv[j];
		const char *field = NULL, *level = NULL, *pop = NULL;
		double x;
		int q;

		for (q = 0; q < iv->n; q++) {
			if (strcmp(iv->a[q].name, "field") == 0)
				field = iv->a[q].value;
			else if (strcmp(iv->a[q].name, "level") == 0)
				level = iv->a[q].value;
			else if (strcmp(iv->a[q].name, "population") == 0)
				pop = iv->a[q].value;
		}
		if (field == NULL || level == NULL || pop == NULL ||
		    *field == '\0' || *level == '\0' || !rep_num(pop, &x) ||
		    x < 0) {
			rc = kesu_fail(cause, KESU_EDATA, _("%s:%d: expected "
			    "field,level,population with a number"), path,
			    iv->line);
			goto out;
		}
		for (k = 0; k < nm; k++)
			if (strcmp(m[k].field, field) == 0)
				break;
		if (k == nm) {
			m[nm].field = xstrdup(field);
			m[nm].level = xcalloc((size_t)a->n, sizeof *m->level);
			m[nm].pop = xcalloc((size_t)a->n, sizeof *m->pop);
			nm++;
		}
		for (i = 0; i < m[k].n; i++)
			if (strcmp(m[k].level[i], level) == 0)
				break;
		if (i < m[k].n) {
			rc = kesu_fail(cause, KESU_EDATA, _("%s:%d: %s level "
			    "'%s' is given twice"), path, iv->line, field,
			    level);
			goto out;
		}
		m[k].level[m[k].n] = xstrdup(level);
		m[k].pop[m[k].n++] = x;
	}
	if (nm == 0)
		rc = kesu_fail(cause, KESU_EDATA, _("%s: no margins"), path);
out:
	answers_free(&a);
	*out = m;
	*nout = nm;
	return rc;
}

static void
rep_margins_free(struct rep_margin *m, size_t n)
{
	size_t k, i;

	for (k = 0; k < n; k++) {
		for (i = 0; i < m[k].n; i++)
			free(m[k].level[i]);
		free(m[k].level);
		free(m[k].pop);
		free(m[k].field);
	}
	free(m);
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

/* Keep one record's values, or count it left out. */
static void
rep_keep(struct rep_data *d, const char *const *v)
{
	double y, w = 1;
	size_t k;

	if (!rep_num(v[d->i_out], &y) ||
	    (d->i_str >= 0 && *v[d->i_str] == '\0') ||
	    (d->i_psu >= 0 && *v[d->i_psu] == '\0') ||
	    (d->i_w >= 0 && (!rep_num(v[d->i_w], &w) || !(w > 0)))) {
		d->skipped++;
		return;
	}
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 1024;
		d->y = xreallocarray(d->y, d->cap, sizeof *d->y);
		d->w = xreallocarray(d->w, d->cap, sizeof *d->w);
		for (k = 0; k < d->nnames; k++)
			d->col[k] = xreallocarray(d->col[k], d->cap,
			    sizeof *d->col[k]);
	}
	d->y[d->n] = y;
	d->w[d->n] = w;
	for (k = 0; k < d->nnames; k++)
		d->col[k][d->n] = v[k];
	d->n++;
}

static void
rep_data_free(struct rep_data *d)
{
	size_t k;

	for (k = 0; k < d->nnames; k++)
		free(d->col[k]);
	free(d->col);
	free(d->names);
	free(d->y);
	free(d->w);
}

/* Read the records' values; they stay in *it until it is closed. */
static int
rep_load(store *s, const struct auth *who, const struct rep_list *st,
    struct rep_data *d, store_fields **it, char **cause)
{
	const char *const *v;
	bool end;
	int rc;

	if ((rc = store_fields_open(s, (const char *const *)st->v, st->n,
	    who->user != NULL && who->role == STORE_INTERVIEWER ? who->user :
	    NULL, d->names, d->nnames, it, cause)) != 0)
		return rc;
	for (;;) {
		if ((rc = store_fields_next(*it, &v, &end, cause)) != 0 || end)
			break;
		rep_keep(d, v);
	}
	return rc;
}

/* The factor of column k over the kept rows. */
static void
rep_factor(const struct rep_data *d, int k, struct report_factor *f)
{
	report_factor_build(f, d->col[k], d->n);
}

static int
rep_rake(report_design *des, const struct rep_data *d,
    const struct rep_margin *m, size_t nm, const int *pos, char **cause)
{
	struct report_factor *f = xcalloc(nm, sizeof *f);
	double **pop = xcalloc(nm, sizeof *pop);
	const char **field = xcalloc(nm, sizeof *field);
	bool converged;
	size_t k, i;
	int rc = 0, l;

	for (k = 0; k < nm; k++) {
		rep_factor(d, pos[k], &f[k]);
		field[k] = m[k].field;
		pop[k] = xcalloc(f[k].nlevels + 1, sizeof *pop[k]);
		for (l = 0; l < (int)f[k].nlevels; l++)
			pop[k][l] = NAN;
		for (i = 0; i < m[k].n; i++) {
			l = report_factor_find(&f[k], m[k].level[i]);
			if (l >= 0)
				pop[k][l] = m[k].pop[i];
			else if (m[k].pop[i] > 0 && rc == 0)
				rc = kesu_fail(cause, KESU_EDATA, _("raking on "
				    "%s: level '%s' has a population but no "
				    "records"), m[k].field, m[k].level[i]);
		}
	}
	if (rc == 0 && (rc = report_design_rake(des, nm, f,
	    (const double *const *)pop, field, &converged, cause)) == 0 &&
	    !converged)
		fputs(_("kesu: report: raking did not converge in 10 rounds "
		    "(as R warns)\n"), stderr);
	for (k = 0; k < nm; k++) {
		report_factor_clear(&f[k]);
		free(pop[k]);
	}
	free(f);
	free(pop);
	free(field);
	return rc;
}

/* Estimate and print: overall, then each --by field's levels. */
static int
rep_estimate(const struct rep_opts *o, const struct rep_data *d,
    const struct rep_list *by, const struct rep_margin *m, size_t nm,
    const int *rake_pos, char **cause)
{
	struct report_factor fs, fp, *fb = NULL;
	struct report_row *rows = NULL;
	struct report_info info;
	report_design *des = NULL;
	size_t i, k, nrows = 0, cap = 1;
	bool prop = true;
	int rc;

	memset(&fs, 0, sizeof fs);
	memset(&fp, 0, sizeof fp);
	if (d->i_str >= 0)
		rep_factor(d, d->i_str, &fs);
	if (d->i_psu >= 0)
		rep_factor(d, d->i_psu, &fp);
	if ((rc = report_design_new(d->n, d->i_str >= 0 ? &fs : NULL,
	    d->i_psu >= 0 ? &fp : NULL, d->i_w >= 0 ? d->w : NULL, &des,
	    cause)) != 0)
		goto out;
	if (nm > 0 && (rc = rep_rake(des, d, m, nm, rake_pos, cause)) != 0)
		goto out;
	for (i = 0; i < d->n; i++)
		if (d->y[i] != 0 && d->y[i] != 1)
			prop = false;
	fb = xcalloc(by->n + 1, sizeof *fb);
	for (k = 0; k < by->n; k++) {
		rep_factor(d, d->i_by + (int)k, &fb[k]);
		cap += fb[k].nlevels;
	}
	rows = xcalloc(cap, sizeof *rows);
	rows[0].by = rows[0].level = "all";
	report_estimate_mean(des, d->y, NULL, 0, prop, &rows[0].e);
	nrows = 1;
	for (k = 0; k < by->n; k++)
		for (i = 0; i < fb[k].nlevels; i++) {
			rows[nrows].by = by->v[k];
			rows[nrows].level = fb[k].levels[i];
			report_estimate_mean(des, d->y, fb[k].code, (int)i,
			    prop, &rows[nrows].e);
			nrows++;
		}
	if (o->fmt == REP_CSV)
		report_print_csv(stdout, rows, nrows);
	else if (o->fmt == REP_JSON)
		report_print_json(stdout, rows, nrows);
	else {
		info.outcome = o->outcome;
		info.proportion = prop;
		info.raked = nm > 0;
		info.nstrata = report_design_strata(des);
		info.npsu = report_design_psus(des);
		info.df = rows[0].e.df;
		report_print_table(stdout, &info, rows, nrows);
	}
	if (fflush(stdout) != 0)
		rc = kesu_fail(cause, KESU_EIO, _("cannot write the report"));
out:
	if (fb != NULL)
		for (k = 0; k < by->n; k++)
			report_factor_clear(&fb[k]);
	free(fb);
	free(rows);
	report_factor_clear(&fs);
	report_factor_clear(&fp);
	report_design_free(&des);
	return rc;
}

static int
rep_run(store *s, const struct auth *who, struct rep_opts *o, char **cause)
{
	struct rep_list by, st;
	struct rep_margin *m = NULL;
	struct rep_data d;
	store_fields *it = NULL;
	size_t nm = 0, k, most;
	int *rake_pos = NULL, rc;

	memset(&d, 0, sizeof d);
	rep_split(o->by_list, &by);
	rep_split(o->status_list, &st);
	if (o->rake != NULL &&
	    (rc = rep_read_rake(o->rake, &m, &nm, cause)) != 0)
		goto out;
	most = 4 + by.n + nm;
	d.names = xcalloc(most, sizeof *d.names);
	d.col = xcalloc(most, sizeof *d.col);
	d.i_out = rep_want(&d, o->outcome);
	d.i_w = o->weight != NULL ? rep_want(&d, o->weight) : -1;
	d.i_str = o->strata != NULL ? rep_want(&d, o->strata) : -1;
	d.i_psu = o->cluster != NULL ? rep_want(&d, o->cluster) : -1;
	if (d.i_w == d.i_out || (d.i_str >= 0 && (d.i_str == d.i_out ||
	    d.i_str == d.i_w)) || (d.i_psu >= 0 && (d.i_psu == d.i_out ||
	    d.i_psu == d.i_w))) {
		rc = kesu_fail(cause, KESU_EUSAGE, _("the outcome, weight "
		    "and design fields must be different fields"));
		goto out;
	}
	/* by and rake fields get columns of their own, even when they
	 * name a design field, so each has its own factor. */
	d.i_by = (int)d.nnames;
	for (k = 0; k < by.n; k++)
		d.names[d.nnames++] = by.v[k];
	rake_pos = xcalloc(nm + 1, sizeof *rake_pos);
	for (k = 0; k < nm; k++) {
		rake_pos[k] = (int)d.nnames;
		d.names[d.nnames++] = m[k].field;
	}
	if ((rc = rep_load(s, who, &st, &d, &it, cause)) != 0)
		goto out;
	if (d.skipped > 0)
		fprintf(stderr, _("kesu: report: %zu records without a number "
		    "for %s or a value for a design field are left out\n"),
		    d.skipped, o->outcome);
	if (d.n == 0) {
		rc = kesu_fail(cause, KESU_EDATA, _("no records with a value "
		    "for %s"), o->outcome);
		goto out;
	}
	rc = rep_estimate(o, &d, &by, m, nm, rake_pos, cause);
out:
	rep_data_free(&d);
	store_fields_close(&it);
	rep_margins_free(m, nm);
	free(rake_pos);
	free(by.v);
	free(st.v);
	return rc;
}

int
cmd_report(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "outcome", required_argument, NULL, 'o' },
		{ "by", required_argument, NULL, 'b' },
		{ "strata", required_argument, NULL, 's' },
		{ "cluster", required_argument, NULL, 'c' },
		{ "weight", required_argument, NULL, 'w' },
		{ "rake", required_argument, NULL, 'r' },
		{ "status", required_argument, NULL, 'S' },
		{ "format", required_argument, NULL, 'f' },
		{ "as", required_argument, NULL, 'a' },
		{ "pin-stdin", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct rep_opts o;
	struct auth who = { NULL, STORE_INTERVIEWER };
	const char *as = NULL;
	bool pin_stdin = false;
	store *s = NULL;
	char *path = NULL, *cause = NULL;
	int c, rc;

	memset(&o, 0, sizeof o);
	o.outcome = "literate";
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': o.outcome = optarg; break;
		case 'b': o.by_list = optarg; break;
		case 's': o.strata = optarg; break;
		case 'c': o.cluster = optarg; break;
		case 'w': o.weight = optarg; break;
		case 'r': o.rake = optarg; break;
		case 'S': o.status_list = optarg; break;
		case 'a': as = optarg; break;
		case 'p': pin_stdin = true; break;
		case 'f':
			if (strcmp(optarg, "table") == 0)
				o.fmt = REP_TABLE;
			else if (strcmp(optarg, "csv") == 0)
				o.fmt = REP_CSV;
			else if (strcmp(optarg, "json") == 0)
				o.fmt = REP_JSON;
			else {
				fprintf(stderr, _("kesu: report: --format takes "
				    "table, csv or json, not '%s'\n"), optarg);
				return KESU_EUSAGE;
			}
			break;
		case 'h':
			rep_help();
			return 0;
		default:
			rep_usage(stderr);
			return KESU_EUSAGE;
		}
	}
	if (optind != argc || *o.outcome == '\0') {
		rep_usage(stderr);
		return KESU_EUSAGE;
	}
	path = cmd_db_path(cli);
	if ((rc = store_open(path, 0, &s, &cause)) == 0 &&
	    (rc = auth_reader(s, as, pin_stdin, &who, &cause)) == 0)
		rc = rep_run(s, &who, &o, &cause);
	auth_clear(&who);
	store_close(&s);
	free(path);
	if (rc != 0)
		return cmd_error(rc, cause != NULL ? cause :
		    kesu_msg(_("report failed")));
	return 0;
}

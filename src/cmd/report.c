/*
 * report.c - `kesu report`: design-based estimates of the outcome
 * (default `literate`) overall and by domain, with 95% intervals, from
 * the finalized records (docs/architecture.md, "Reports").
 *
 *   kesu report [--outcome F] [--by F[:G],...] [--strata F] [--cluster F]
 *               [--weight F] [--rake FILE.csv] [--status S,...]
 *               [--lonely-psu adjust|average|remove|certainty|fail]
 *               [--ci logit|beta] [--e X] [--format table|csv|json]
 *               [--as USER [--pin-stdin]]
 *
 * Records count when they were made with the form the report is of (any
 * version of the newest form with records that has the outcome field,
 * else that declares kesu_outcome; a visit form's records are not the
 * questionnaire's), their status is one of --status (default
 * completed, approved, uploaded) and they have a value for each design
 * field; others are left out (their number is said on stderr).  Records
 * without a weight are left out the same way, said on stderr and in the
 * heading, never mixed with weighted ones; when the weight is the form's
 * kesu_weight and no record has one (no interview started from the
 * sample), the estimates are unweighted and say so.  Records
 * without a number for the outcome stay in the design, outside every
 * domain (R's na.rm = TRUE; their number is said too).  A 0/1 outcome is
 * a proportion with a logit or beta interval, anything else a mean.  A
 * stratum with one PSU is handled as R's options(survey.lonely.psu =
 * ...) says, default "adjust"; what was done is said on stderr, in the
 * heading and in the CSV and JSON.  A domain whose rows lie in one PSU
 * per stratum has no interval, and says so.  The rake file is CSV with the
 * header field,level,population.  On a database with users --as is
 * needed, and an interviewer's report covers their own records.  With a
 * sample loaded, its AAPOR response rates (of an interviewer's own
 * households for an interviewer) follow the estimates; --e gives RR3's e.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/answers.h"
#include "cmd/auth.h"
#include "cmd/cmd.h"
#include "report/report.h"
#include "util/i18n.h"
#include "util/xalloc.h"

enum rep_format { REP_TABLE, REP_CSV, REP_JSON };

struct rep_opts {
	const char *outcome, *strata, *cluster, *weight, *rake;
	char *by_list, *status_list;
	form *roles_form;       /* the form whose roles filled the defaults */
	bool weight_role;       /* the weight is the form's kesu_weight */
	enum rep_format fmt;
	enum report_ci ci;
	enum report_lonely lonely;
	bool e_given;           /* --e, RR3's e */
	double e;
};

/* A comma-separated list split in place. */
struct rep_list {
	size_t n;
	char **v;
};

static void
rep_usage(FILE *f)
{
	fputs(_("usage: kesu report [--outcome F] [--by F[:G],...] "
	    "[--strata F] [--cluster F]\n"
	    "                   [--weight F] [--rake FILE.csv] "
	    "[--status S,...]\n"
	    "                   [--lonely-psu adjust|average|remove|"
	    "certainty|fail]\n"
	    "                   [--ci logit|beta] [--e X] "
	    "[--format table|csv|json]\n"
	    "                   [--as USER] [--pin-stdin]\n"), f);
}

static void
rep_help(void)
{
	rep_usage(stdout);
	/* xgettext:no-c-format */
	fputs(_("Weighted proportion (0/1 outcome) or mean of the outcome "
	    "(default: the form's\n"
	    "kesu_outcome), overall and by each --by field, with "
	    "Taylor-linearised SEs for a\n"
	    "stratified cluster design (PSUs with replacement, no "
	    "finite-population\n"
	    "correction) and 95% intervals with the design's degrees of "
	    "freedom, as R's\n"
	    "survey package (svymean, svyby, svyciprop).  --by a:b gives "
	    "every combination\n"
	    "of a and b (R's interaction).  Records without a value for the "
	    "outcome stay in\n"
	    "the design, outside every estimate (svymean(na.rm = TRUE)).\n"
	    "--ci logit (default) or beta: svyciprop(method = \"logit\") or "
	    "\"beta\"\n"
	    "(Korn-Graubard, for small domains and 0% or 100%).\n"
	    "--lonely-psu: a stratum with a single PSU, as "
	    "options(survey.lonely.psu = ...):\n"
	    "adjust (default; its PSU centred at the grand mean), average, "
	    "remove, certainty\n"
	    "or fail.  --rake FILE.csv (field,level,population) rakes the "
	    "weights to those\n"
	    "margins as survey::rake() does.  --outcome, --by, --strata, "
	    "--cluster and\n"
	    "--weight default to the form's kesu_* settings.\n"
	    "--status defaults to completed,approved,uploaded.\n"
	    "csv columns: by,level,n,weighted_n,estimate,se,ci_low,ci_high, "
	    "then ci_method,\n"
	    "lonely_psu, lonely_strata, no_ci (why a row has no interval); "
	    "the overall row:\n"
	    "by and level are all.\n"), stdout);
	fputs(_("With a sample loaded, its AAPOR response rates follow the "
	    "table (and the CSV's\n"
	    "columns and the JSON), as kesu report --rates gives them "
	    "overall; --e sets\n"
	    "RR3's e.\n"), stdout);
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

/* Read --rake FILE: rows field,level,population into margins. */
static int
rep_read_rake(const char *path, struct report_margin **out, size_t *nout,
    char **cause)
{
	struct answers *a = NULL;
	struct report_margin *m = NULL;
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
		    *field == '\0' || *level == '\0' || !report_number(pop, &x) ||
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
rep_margins_free(struct report_margin *m, size_t n)
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

/*
 * The table names levels by their labels in the UI language (from the
 * form the report is of); CSV and JSON keep the codes.
 */
static void
rep_print(const struct rep_opts *o, struct report_result *r)
{
	const form *f = o->roles_form;
	int lang = 0;

	if (o->fmt == REP_CSV) {
		report_print_csv(stdout, &r->info, r->rows, r->nrows);
		return;
	}
	if (o->fmt == REP_JSON) {
		report_print_json(stdout, &r->info, r->rows, r->nrows);
		return;
	}
	if (f != NULL && (lang = form_lang_find(f, i18n_lang())) < 0)
		lang = form_default_lang(f);
	report_label_rows(r, f, lang);
	report_print_table(stdout, &r->info, r->rows, r->nrows, 0);
}

/*
 * The form the report is of (report_form_current(): the newest with
 * records that has --outcome, else that declares kesu_outcome) into
 * o->roles_form, and the options not given from the roles it declares
 * (kesu_outcome, kesu_groups, kesu_strata, kesu_cluster, kesu_weight).
 * *groups is the copy --by then splits.  No outcome at all is
 * KESU_EUSAGE.
 */
static int
rep_roles(store *s, struct rep_opts *o, char **groups, char **cause)
{
	form *f = NULL;
	int rc;

	*groups = NULL;
	if ((rc = report_form_current(s, o->outcome, &f, cause)) != 0)
		return rc;
	if (f != NULL) {
		if (o->outcome == NULL)
			o->outcome = form_role(f, FORM_ROLE_OUTCOME);
		if (o->by_list == NULL &&
		    form_role(f, FORM_ROLE_GROUPS) != NULL)
			o->by_list = *groups =
			    xstrdup(form_role(f, FORM_ROLE_GROUPS));
		if (o->strata == NULL)
			o->strata = form_role(f, FORM_ROLE_STRATA);
		if (o->cluster == NULL)
			o->cluster = form_role(f, FORM_ROLE_CLUSTER);
		if (o->weight == NULL) {
			o->weight = form_role(f, FORM_ROLE_WEIGHT);
			o->weight_role = o->weight != NULL;
		}
		/* The strings live in f, which the report outlives: kept. */
		o->roles_form = f;
	}
	if (o->outcome == NULL)
		return kesu_fail(cause, KESU_EUSAGE, _("no --outcome given, "
		    "and the form declares no kesu_outcome"));
	/* An empty option says "none" over the form's role. */
	if (o->strata != NULL && *o->strata == '\0')
		o->strata = NULL;
	if (o->cluster != NULL && *o->cluster == '\0')
		o->cluster = NULL;
	if (o->weight != NULL && *o->weight == '\0')
		o->weight = NULL;
	return 0;
}

static int
rep_run(store *s, const struct auth *who, struct rep_opts *o, char **cause)
{
	struct report_query q;
	struct report_result r;
	struct rep_list by, st;
	struct report_margin *m = NULL;
	char *groups = NULL;
	size_t nm = 0;
	int rc;

	memset(&q, 0, sizeof q);
	memset(&r, 0, sizeof r);
	memset(&by, 0, sizeof by);
	memset(&st, 0, sizeof st);
	if ((rc = rep_roles(s, o, &groups, cause)) != 0)
		goto out;
	rep_split(o->by_list, &by);
	rep_split(o->status_list, &st);
	if (o->rake != NULL &&
	    (rc = rep_read_rake(o->rake, &m, &nm, cause)) != 0)
		goto out;
	q.outcome = o->outcome;
	q.strata = o->strata;
	q.cluster = o->cluster;
	q.weight = o->weight;
	q.weight_declared = o->weight_role;
	q.by = (const char *const *)by.v;
	q.nby = by.n;
	q.status = (const char *const *)st.v;
	q.nstatus = st.n;
	q.margin = m;
	q.nmargin = nm;
	q.ci = o->ci;
	q.lonely = o->lonely;
	q.interviewer = who->user != NULL && who->role == STORE_INTERVIEWER ?
	    who->user : NULL;
	q.form_id = o->roles_form != NULL ? form_id(o->roles_form) : NULL;
	q.e_given = o->e_given;
	q.e = o->e;
	rc = report_run(s, &q, &r, cause);
	/* Records with and without a weight are never mixed: those without
	 * one are left out, or, when no record has the weight the form
	 * declares, the estimates are unweighted; either is said. */
	if (r.skipped > r.noweight)
		fprintf(stderr, ngettext("kesu: report: %zu record without a "
		    "value for a design field is left out\n", "kesu: report: "
		    "%zu records without a value for a design field are left "
		    "out\n", r.skipped - r.noweight), r.skipped - r.noweight);
	if (r.noweight > 0)
		fprintf(stderr, ngettext("kesu: report: %zu record without a "
		    "value for the weight %s is left out\n", "kesu: report: %zu "
		    "records without a value for the weight %s are left out\n",
		    r.noweight), r.noweight, o->weight);
	if (r.info.unweighted)
		fprintf(stderr, _("kesu: report: no record has a value for the "
		    "weight %s: the estimates are unweighted\n"), o->weight);
	if (r.missing > 0)
		fprintf(stderr, ngettext("kesu: report: %zu record without a "
		    "number for %s stays in the design, outside every estimate "
		    "(na.rm = TRUE)\n", "kesu: report: %zu records without a "
		    "number for %s stay in the design, outside every estimate "
		    "(na.rm = TRUE)\n", r.missing), r.missing, o->outcome);
	if (rc != 0)
		goto out;
	if (r.info.nlonely > 0)
		fprintf(stderr, _("kesu: report: strata with a single PSU: %zu "
		    "(--lonely-psu %s)\n"), r.info.nlonely,
		    report_lonely_name(r.info.lonely));
	if (r.unconverged)
		fputs(_("kesu: report: raking did not converge in 10 rounds "
		    "(as R warns)\n"), stderr);
	rep_print(o, &r);
	if (fflush(stdout) != 0)
		rc = kesu_fail(cause, KESU_EIO, _("cannot write the report"));
out:
	report_result_clear(&r);
	rep_margins_free(m, nm);
	free(by.v);
	free(st.v);
	free(groups);
	form_free(&o->roles_form);
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
		{ "lonely-psu", required_argument, NULL, 'l' },
		{ "ci", required_argument, NULL, 'C' },
		{ "e", required_argument, NULL, 'e' },
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
	char *path = NULL, *cause = NULL, *end;
	int c, rc, v;

	/* Response rates are a report of the sample, not of the records. */
	for (c = 1; c < argc; c++)
		if (strcmp(argv[c], "--rates") == 0)
			return cmd_report_rates(cli, argc, argv);
	memset(&o, 0, sizeof o);
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
		case 'l':
			if ((v = report_lonely_parse(optarg)) < 0) {
				fprintf(stderr, _("kesu: report: --lonely-psu "
				    "takes adjust, average, remove, certainty "
				    "or fail, not '%s'\n"), optarg);
				return KESU_EUSAGE;
			}
			o.lonely = (enum report_lonely)v;
			break;
		case 'C':
			if ((v = report_ci_parse(optarg)) < 0) {
				fprintf(stderr, _("kesu: report: --ci takes "
				    "logit or beta, not '%s'\n"), optarg);
				return KESU_EUSAGE;
			}
			o.ci = (enum report_ci)v;
			break;
		case 'e':
			errno = 0;
			o.e = strtod(optarg, &end);
			if (end == optarg || *end != '\0' || errno != 0 ||
			    !(o.e >= 0 && o.e <= 1)) {
				fprintf(stderr, _("kesu: report: --e takes a "
				    "number from 0 to 1, not '%s'\n"), optarg);
				return KESU_EUSAGE;
			}
			o.e_given = true;
			break;
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
	if (optind != argc || (o.outcome != NULL && *o.outcome == '\0')) {
		rep_usage(stderr);
		return KESU_EUSAGE;
	}
	path = cmd_db_path(cli);
	if ((rc = store_open(path, STORE_EXISTING, &s, &cause)) == 0 &&
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

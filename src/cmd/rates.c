/*
 * rates.c - `kesu report --rates`: AAPOR response rates of the sample.
 *
 *   kesu report --rates [--e X] [--format table|csv|json] [--as USER]
 *
 * Each sampled household counts once, in the AAPOR category of its last
 * visit (survey/rates.h has the definitions); not visited yet counts as
 * UH.  Rows: all, then by street, then by interviewer.  e (the eligible
 * share of the unknowns, for RR3) is --e, else estimated from the whole
 * sample and used in every row, and always printed.  csv columns:
 * by,level,n,I,P,R,NC,O,UH,UO,NE,rr1,rr3,coop1,ref1,con1,e.
 * A supervisor's command on a database with users.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/auth.h"
#include "cmd/cmd.h"
#include "store/sample.h"
#include "survey/rates.h"
#include "util/i18n.h"
#include "util/json.h"
#include "util/text.h"
#include "util/xalloc.h"

enum rates_format { RATES_TABLE, RATES_CSV, RATES_JSON };

struct rates_row {
	const char *by, *level;
	struct survey_rates r;
};

static void
rates_usage(FILE *f)
{
	fputs(_("usage: kesu report --rates [--e X] [--format table|csv|json] "
	    "[--as USER [--pin-stdin]]\n"
	    "AAPOR response rates (RR1, RR3, COOP1, REF1, CON1) from the last "
	    "visit to\neach sampled household, overall, by street and by "
	    "interviewer.\n"), f);
}

/* The row of (by, level), added when new. */
static struct rates_row *
rates_row(struct rates_row **rows, size_t *n, const char *by,
    const char *level)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*rows)[i].by, by) == 0 &&
		    strcmp((*rows)[i].level, level) == 0)
			return &(*rows)[i];
	*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
	memset(&(*rows)[*n], 0, sizeof **rows);
	(*rows)[*n].by = by;
	(*rows)[*n].level = level;
	return &(*rows)[(*n)++];
}

static void
rates_value(FILE *f, double v, enum rates_format fmt)
{
	if (isnan(v))
		fputs(fmt == RATES_JSON ? "null" : fmt == RATES_CSV ? "" :
		    "      -", f);
	else if (fmt == RATES_TABLE)
		fprintf(f, " %5.1f%%", 100 * v);
	else
		fprintf(f, "%.17g", v);
}

static void
rates_print(const struct rates_row *rows, size_t n, enum rates_format fmt,
    size_t households)
{
	static const char *const heads[] = { "rr1", "rr3", "coop1", "ref1",
	    "con1" };
	size_t i;
	int k;

	if (fmt == RATES_TABLE) {
		printf(ngettext("AAPOR response rates of %zu sampled "
		    "household, from its last visit; e = %.3f (%s)\n",
		    "AAPOR response rates of %zu sampled households, from "
		    "each one's last visit; e = %.3f (%s)\n", households),
		    households,
		    n ? rows[0].r.e : 1.0, n && rows[0].r.e_estimated ?
		    _("the eligible share of the resolved households") :
		    _("as given"));
		text_pad(stdout, _("by"), 12);
		text_pad(stdout, _("level"), 15);
		fputs("     n   I   P   R  NC   O  UH  UO  NE    RR1    RR3  "
		    "COOP1   REF1   CON1\n", stdout);
	} else if (fmt == RATES_CSV)
		fputs("by,level,n,I,P,R,NC,O,UH,UO,NE,rr1,rr3,coop1,ref1,con1,"
		    "e\n", stdout);
	else
		fputs("[\n", stdout);
	for (i = 0; i < n; i++) {
		const struct survey_rates *r = &rows[i].r;
		const double v[] = { r->rr1, r->rr3, r->coop1, r->ref1,
		    r->con1 };
		long all = 0;

		for (k = 0; k < AAPOR_N; k++)
			all += r->count[k];
		if (fmt == RATES_TABLE) {
			text_pad(stdout, rows[i].by, 12);
			text_pad(stdout, rows[i].level[0] != '\0' ?
			    rows[i].level : "-", 15);
			printf("%6ld", all);
			for (k = 0; k < AAPOR_N; k++)
				printf("%4ld", r->count[k]);
			for (k = 0; k < 5; k++)
				rates_value(stdout, v[k], fmt);
			putc('\n', stdout);
		} else if (fmt == RATES_CSV) {
			printf("%s,", rows[i].by);
			text_csv_cell(stdout, rows[i].level);
			printf(",%ld", all);
			for (k = 0; k < AAPOR_N; k++)
				printf(",%ld", r->count[k]);
			for (k = 0; k < 5; k++) {
				putc(',', stdout);
				rates_value(stdout, v[k], fmt);
			}
			printf(",%.17g\n", r->e);
		} else {
			printf("%s {\"by\": \"%s\", \"level\": ", i ? ",\n" :
			    "", rows[i].by);
			json_str(stdout, rows[i].level);
			printf(", \"n\": %ld", all);
			for (k = 0; k < AAPOR_N; k++)
				printf(", \"%s\": %ld", survey_aapor_code(
				    (enum survey_aapor)k), r->count[k]);
			for (k = 0; k < 5; k++) {
				printf(", \"%s\": ", heads[k]);
				rates_value(stdout, v[k], fmt);
			}
			printf(", \"e\": %.17g}", r->e);
		}
	}
	if (fmt == RATES_JSON)
		fputs(n ? "\n]\n" : "]\n", stdout);
}

/* Count each household in its rows, then compute every row's rates. */
static int
rates_run(store *s, double e, enum rates_format fmt, char **cause)
{
	struct store_hh *h = NULL;
	struct rates_row *rows = NULL, *all;
	size_t n = 0, nrows = 0, i;
	int c, rc;

	if ((rc = store_sample_list(s, NULL, &h, &n, cause)) != 0)
		return rc;
	if (n == 0) {
		store_hhs_free(h, n);
		return kesu_fail(cause, KESU_ENOINPUT, _("no sample loaded "
		    "(kesu sample load FILE)"));
	}
	all = rates_row(&rows, &nrows, "all", "all");
	(void)all;
	for (i = 0; i < n; i++) {
		c = survey_hh_aapor(&h[i]);
		rates_row(&rows, &nrows, "all", "all")->r.count[c]++;
		rates_row(&rows, &nrows, "street", h[i].street)->r.count[c]++;
		rates_row(&rows, &nrows, "interviewer",
		    h[i].interviewer)->r.count[c]++;
	}
	/* e from the whole sample unless given, the same in every row. */
	survey_rates_compute(&rows[0].r, e);
	for (i = 1; i < nrows; i++) {
		survey_rates_compute(&rows[i].r, rows[0].r.e);
		rows[i].r.e_estimated = rows[0].r.e_estimated;
	}
	rates_print(rows, nrows, fmt, n);
	free(rows);
	store_hhs_free(h, n);
	return 0;
}

int
cmd_report_rates(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "rates", no_argument, NULL, 'R' },
		{ "e", required_argument, NULL, 'e' },
		{ "format", required_argument, NULL, 'f' },
		CMD_AS_OPTIONS,
	};
	struct auth who = { NULL, STORE_INTERVIEWER };
	struct cmd_as as = { NULL, false };
	enum rates_format fmt = RATES_TABLE;
	double e = -1;
	store *s = NULL;
	char *cause = NULL, *end;
	int c, rc;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cmd_as_option(c, &as))
			continue;
		switch (c) {
		case 'R':
			break;
		case 'e':
			errno = 0;
			e = strtod(optarg, &end);
			if (end == optarg || *end != '\0' || errno != 0 ||
			    !(e >= 0 && e <= 1)) {
				cmd_eprintf(_("kesu: report: --e takes a number "
				    "from 0 to 1, not '%s'\n"), optarg);
				return KESU_EUSAGE;
			}
			break;
		case 'f':
			if (strcmp(optarg, "table") == 0)
				fmt = RATES_TABLE;
			else if (strcmp(optarg, "csv") == 0)
				fmt = RATES_CSV;
			else if (strcmp(optarg, "json") == 0)
				fmt = RATES_JSON;
			else {
				rates_usage(stderr);
				return KESU_EUSAGE;
			}
			break;
		case 'h':
			rates_usage(stdout);
			return 0;
		default:
			cmd_bad_option("report", opts, argv);
			rates_usage(stderr);
			return KESU_EUSAGE;
		}
	}
	if (optind != argc) {
		rates_usage(stderr);
		return KESU_EUSAGE;
	}
	if ((rc = cmd_open_store(cli, as.user, as.pin_stdin, CMD_READER, &s,
	    &who, &cause)) == 0) {
		if (who.user != NULL && who.role != STORE_SUPERVISOR)
			rc = kesu_fail(&cause, KESU_ENOPERM, _("user '%s' is an "
			    "interviewer; this needs a supervisor"), who.user);
		else
			rc = rates_run(s, e, fmt, &cause);
	}
	auth_clear(&who);
	store_close(&s);
	return cmd_done(rc, cause, _("report failed"));
}

/*
 * review.c - `kesu review`: the supervisor's review screen, and the same
 * facts headless.
 *
 *	kesu review [--as USER] [--pin-stdin]          the screen (src/ui/)
 *	kesu review --summary [--format table|csv]     one line per interviewer
 *	kesu review --list [--format table|csv] [filters]   records + flags
 *
 * Filters (--list and the screen's start): --status S, --interviewer U,
 * --street NAME, --from DATE, --to DATE (YYYY-MM-DD, both days
 * included, in the clock's offset; or full ISO 8601 times).  Quality
 * options: --speeding-share X (0.5), --straight-run N (10), --dk-share X
 * (0.3), --dk-name NAME (dk).  Supervisors only: anyone else is 77.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/auth.h"
#include "cmd/cmd.h"
#include "report/report.h"
#include "review/review.h"
#include "store/review.h"
#include "ui/review.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

enum review_mode { MODE_SCREEN, MODE_SUMMARY, MODE_LIST };

static void
review_usage(FILE *f)
{
	fputs(_("usage: kesu review [--summary | --list] [--format table|csv] "
	    "--as USER [--pin-stdin]\n"
	    "       [--status S] [--interviewer USER] [--street NAME] "
	    "[--from DATE] [--to DATE]\n"
	    "       [--speeding-share X] [--straight-run N] [--dk-share X] "
	    "[--dk-name NAME]\n"
	    "Without --summary or --list, the review screen.  Supervisors "
	    "only.\n"), f);
}

/* The form language to start in: the UI's. */
static const char *
review_lang(const struct cli *cli)
{
	const char *l = getenv("LANGUAGE");

	if (cli->lang != NULL)
		return cli->lang;
	return l != NULL && strncmp(l, "en", 2) == 0 ? "en" : "zh";
}

static int
review_number(const char *opt, const char *s, double lo, double hi,
    double *out)
{
	char *e;

	errno = 0;
	*out = strtod(s, &e);
	if (errno != 0 || e == s || *e != '\0' || !(*out >= lo) ||
	    !(*out <= hi)) {
		fprintf(stderr, _("kesu: review: %s takes a number from %g to "
		    "%g, not '%s'\n"), opt, lo, hi, s);
		return -1;
	}
	return 0;
}

static void
review_flag_codes(unsigned fl, char *out, size_t len)
{
	size_t used = 0;
	int i, k;

	out[0] = '\0';
	for (i = 0; i < QUALITY_NFLAGS; i++) {
		if (!(fl & (1u << i)))
			continue;
		k = snprintf(out + used, len - used, "%s%s", used ? " " : "",
		    quality_code(i));
		if (k < 0 || (size_t)k >= len - used)
			break;
		used += (size_t)k;
	}
}

static int
review_summary_print(review *rv, bool csv, char **cause)
{
	struct review_person *p;
	size_t n, i, k;
	int rc;

	if ((rc = review_summary(rv, &p, &n, cause)) != 0)
		return rc;
	if (csv)
		fputs("interviewer,draft,completed,approved,rejected,"
		    "uploaded,median_seconds,flagged,flagged_share,dk_rate,"
		    "speeding,straight,dk,hours\n", stdout);
	else {
		/* L10N: column heads of `kesu review --summary`; "min" is
		 * the median duration in minutes, "flagged" and "dk" are
		 * percentages. */
		text_pad(stdout, _("interviewer"), 13);
		for (k = 0; k < REVIEW_NSTATUS; k++)
			text_rpad(stdout, cmd_status_label(review_statuses[k]),
			    10);
		text_rpad(stdout, _("min"), 7);
		text_rpad(stdout, _("flagged %"), 11);
		text_rpad(stdout, _("dk %"), 7);
		putchar('\n');
	}
	for (i = 0; i < n; i++) {
		double share = p[i].finished ?
		    (double)p[i].flagged / (double)p[i].finished : 0;
		double dk = p[i].dk_offered ?
		    (double)p[i].dk / (double)p[i].dk_offered : 0;

		if (csv) {
			text_csv_cell(stdout, p[i].interviewer);
			for (k = 0; k < REVIEW_NSTATUS; k++)
				printf(",%zu", p[i].count[k]);
			printf(",%.0f,%zu,%.3f,%.3f", p[i].median,
			    p[i].flagged, share, dk);
			for (k = 0; k < QUALITY_NFLAGS; k++)
				printf(",%zu", p[i].flag_count[k]);
			putchar('\n');
			continue;
		}
		text_pad(stdout, p[i].interviewer, 12);
		putchar(' ');
		for (k = 0; k < REVIEW_NSTATUS; k++)
			printf("%10zu", p[i].count[k]);
		if (p[i].median > 0)
			printf("%7.1f", p[i].median / 60);
		else
			printf("%7s", "-");
		printf("%11.0f%7.0f\n", 100 * share, 100 * dk);
	}
	review_summary_free(p, n);
	return 0;
}

/* The place of a row as people read it: its choice's label in the UI
 * language, by the record's own form (the code when it has none).
 * Caller frees. */
static char *
review_place_label(review *rv, const struct store_review_filter *filter,
    const struct store_review_row *w)
{
	const form *f = NULL;
	char *err = NULL;

	if (review_form(rv, w->r.form_key, &f, &err) != 0) {
		free(err);
		return xstrdup(w->place);
	}
	return review_choice_labels(f, filter->place_field, w->place,
	    form_lang_find(f, i18n_lang()), NULL);
}

static int
review_list_print(review *rv, const struct store_review_filter *filter,
    bool csv, char **cause)
{
	struct store_review_row *rows = NULL;
	char started[40], flags[128], *place;
	size_t n = 0, i;
	unsigned fl;
	int rc;

	if (csv) {
		/* The place and score columns are named by the form. */
		fputs("id,interviewer,started,duration,status,", stdout);
		text_csv_cell(stdout, filter->place_field != NULL ?
		    filter->place_field : "place");
		putchar(',');
		text_csv_cell(stdout, filter->score_field != NULL ?
		    filter->score_field : "score");
		fputs(",flags\n", stdout);
	}
	for (;;) {
		struct store_review_row *next = NULL;
		size_t nn = 0;

		/* Keyset paging: each batch after the last row printed. */
		rc = store_review_seek(review_store(rv), filter,
		    STORE_SORT_STARTED, false, rows != NULL ? &rows[n - 1] :
		    NULL, false, 256, &next, &nn, cause);
		store_review_rows_free(rows, n);
		rows = next;
		n = nn;
		if (rc != 0)
			return rc;
		for (i = 0; i < n; i++) {
			const struct store_record *r = &rows[i].r;

			if ((rc = review_row_flags(rv, &rows[i], &fl, NULL,
			    cause)) != 0)
				goto out;
			clock_format(r->started, r->tz, started,
			    sizeof started);
			if (csv) {
				review_flag_codes(fl, flags, sizeof flags);
				printf("%s,", r->uuid);
				text_put(stdout, strpbrk(r->interviewer,
				    ",\"") ? "?" : r->interviewer);
				printf(",%s,%.0f,%s,", started, r->duration,
				    r->status);
				text_put(stdout, rows[i].place);
				printf(",%s,%s\n", rows[i].score, flags);
				continue;
			}
			quality_describe(fl, true, flags, sizeof flags);
			started[10] = ' ';
			started[16] = '\0';
			printf("%.8s ", r->uuid);
			text_pad(stdout, r->interviewer, 12);
			printf(" %s ", started);
			if (r->duration > 0)
				printf("%5.1f ", r->duration / 60);
			else
				printf("%5s ", "-");
			text_pad(stdout, cmd_status_label(r->status), 9);
			putchar(' ');
			place = review_place_label(rv, filter, &rows[i]);
			text_pad(stdout, place, 15);
			free(place);
			putchar(' ');
			text_rpad(stdout, rows[i].score, 4);
			putchar(' ');
			text_put(stdout, flags);
			putchar('\n');
		}
		if (n < 256)
			break;
	}
	rc = 0;
out:
	store_review_rows_free(rows, n);
	return rc;
}

int
cmd_review(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "summary", no_argument, NULL, 'S' },
		{ "list", no_argument, NULL, 'L' },
		{ "format", required_argument, NULL, 'f' },
		{ "status", required_argument, NULL, 's' },
		{ "interviewer", required_argument, NULL, 'i' },
		{ "street", required_argument, NULL, 'w' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "speeding-share", required_argument, NULL, '1' },
		{ "straight-run", required_argument, NULL, '2' },
		{ "dk-share", required_argument, NULL, '3' },
		{ "dk-name", required_argument, NULL, '4' },
		CMD_AS_OPTIONS,
	};
	struct store_review_filter filter;
	struct quality_opts qo;
	struct auth who = { NULL, STORE_INTERVIEWER };
	struct cmd_as as = { NULL, false };
	enum review_mode mode = MODE_SCREEN;
	bool csv = false;
	review *rv = NULL;
	form *roles = NULL;     /* the current form: its area and score */
	store *s = NULL;
	char *cause = NULL;
	double x;
	int c, rc;

	memset(&filter, 0, sizeof filter);
	quality_defaults(&qo);
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cmd_as_option(c, &as))
			continue;
		switch (c) {
		case 'S':
			mode = MODE_SUMMARY;
			break;
		case 'L':
			mode = MODE_LIST;
			break;
		case 'f':
			if (strcmp(optarg, "csv") != 0 &&
			    strcmp(optarg, "table") != 0) {
				fprintf(stderr, _("kesu: review: --format takes "
				    "table or csv, not '%s'\n"), optarg);
				return KESU_EUSAGE;
			}
			csv = strcmp(optarg, "csv") == 0;
			break;
		case 's':
			filter.status = optarg;
			break;
		case 'i':
			filter.interviewer = optarg;
			break;
		case 'w':
			filter.place = optarg;
			break;
		case 'F':
		case 'T':
			if (review_parse_time(optarg, c == 'T', c == 'F' ?
			    &filter.from : &filter.to) != 0) {
				fprintf(stderr, _("kesu: review: --from and --to "
				    "take YYYY-MM-DD, not '%s'\n"), optarg);
				return KESU_EUSAGE;
			}
			break;
		case '1':
			if (review_number("--speeding-share", optarg, 0, 1,
			    &qo.speed_share) != 0)
				return KESU_EUSAGE;
			break;
		case '2':
			if (review_number("--straight-run", optarg, 2, 1000,
			    &x) != 0)
				return KESU_EUSAGE;
			qo.straight_run = (int)x;
			break;
		case '3':
			if (review_number("--dk-share", optarg, 0, 1,
			    &qo.dk_share) != 0)
				return KESU_EUSAGE;
			break;
		case '4':
			qo.dk_name = optarg;
			break;
		case 'h':
			review_usage(stdout);
			return 0;
		default:
			review_usage(stderr);
			return KESU_EUSAGE;
		}
	}
	if (optind != argc) {
		review_usage(stderr);
		return KESU_EUSAGE;
	}
	if (filter.status != NULL) {
		for (c = 0; c < REVIEW_NSTATUS; c++)
			if (strcmp(filter.status, review_statuses[c]) == 0)
				break;
		if (c == REVIEW_NSTATUS) {
			fprintf(stderr, _("kesu: review: unknown record status "
			    "'%s'\n"), filter.status);
			return KESU_EUSAGE;
		}
	}
	if ((rc = cmd_open_store(cli, as.user, as.pin_stdin, CMD_SUPERVISOR,
	    &s, &who, &cause)) != 0 || (rc = review_open(s, &qo, &rv, &cause)) != 0 ||
	    (rc = report_form_current(s, NULL, &roles, &cause)) != 0)
		goto out;
	if (roles != NULL) {
		filter.place_field = form_role(roles, FORM_ROLE_AREA);
		filter.score_field = form_role(roles, FORM_ROLE_SCORE);
	}
	if (mode == MODE_SUMMARY)
		rc = review_summary_print(rv, csv, &cause);
	else if (mode == MODE_LIST)
		rc = review_list_print(rv, &filter, csv, &cause);
	else
		rc = ui_review(rv, who.user, &filter, review_lang(cli),
		    &cause);
	if (rc == 0 && mode != MODE_SCREEN && fflush(stdout) != 0)
		rc = kesu_fail(&cause, KESU_EIO, _("cannot write the review"));
out:
	review_close(&rv);
	form_free(&roles);
	auth_clear(&who);
	store_close(&s);
	return cmd_done(rc, cause, _("review failed"));
}

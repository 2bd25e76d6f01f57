/*
 * review_report.c - the review screen's report: the literacy rate of the
 * records on this laptop that count (completed, approved, uploaded),
 * overall, by the form's area and by its groups (its kesu_outcome,
 * kesu_area and kesu_groups roles), with 95% intervals and the chart.
 * It is `kesu report --by AREA,GROUPS`: the same report_run() and
 * the same table printer, fitted to the screen's width (no weighted N or
 * SE columns; the chart takes the rest).  Without design fields every
 * record is its own PSU in one stratum, unweighted, as the heading says.
 *
 * Keys: Up/Down, PgUp/PgDn, Home/End scroll; q, Esc, Left or F10 go back.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "ui/review_int.h"
#include "ui/ui_int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* The form's declared outcome, by its area and groups (kesu_* roles). */
static int
report_roles(review *rv, form **fm, const char **by, size_t *nby,
    char **groups, char **cause)
{
	const char *area;
	char *p;
	int rc;

	*nby = 0;
	*groups = NULL;
	if ((rc = report_form_current(review_store(rv), NULL, fm,
	    cause)) != 0 || *fm == NULL)
		return rc;
	if ((area = form_role(*fm, FORM_ROLE_AREA)) != NULL)
		by[(*nby)++] = area;
	if (form_role(*fm, FORM_ROLE_GROUPS) != NULL) {
		*groups = xstrdup(form_role(*fm, FORM_ROLE_GROUPS));
		for (p = strtok(*groups, ","); p != NULL && *nby < 8;
		    p = strtok(NULL, ","))
			by[(*nby)++] = p;
	}
	return 0;
}

/*
 * Show each level by its label in the UI language (月坛街道, not
 * yuetan; a crossed level as "干部 × 男"), from the form reported on;
 * "all" as the UI says it.  Codes stay in `kesu report --format csv`.
 */
static void
report_label_levels(const form *f, struct report_result *r)
{
	int lang = 0;

	if (f != NULL && (lang = form_lang_find(f, i18n_lang())) < 0)
		lang = form_default_lang(f);
	report_label_rows(r, f, lang);
}

/* The report's lines at width columns, inert, into l. */
static int
report_lines(review *rv, struct rvl *l, int width, char **cause)
{
	struct report_query q;
	struct report_result r;
	const char *by[8];
	char *text = NULL, *why = NULL, *groups = NULL;
	form *fm = NULL;
	size_t len = 0;
	FILE *f;
	int rc;

	memset(&q, 0, sizeof q);
	memset(&r, 0, sizeof r);
	rvl_free(l);
	if ((rc = report_roles(rv, &fm, by, &q.nby, &groups, cause)) != 0)
		return rc;
	q.outcome = fm != NULL ? form_role(fm, FORM_ROLE_OUTCOME) : NULL;
	q.form_id = fm != NULL ? form_id(fm) : NULL;
	q.by = by;
	rc = q.outcome != NULL ? report_run(review_store(rv), &q, &r, &why) :
	    KESU_EDATA;
	if (rc == KESU_EDATA) {
		/* Nothing to estimate is a message, not an error. */
		rvl_add(l, _("No completed, approved or uploaded records "
		    "with a literacy result yet."), width, 0, true);
		free(why);
		goto out;
	}
	if (rc != 0) {
		*cause = why;
		goto out;
	}
	if ((f = open_memstream(&text, &len)) == NULL) {
		rc = kesu_fail(cause, KESU_EIO, _("cannot lay out the "
		    "report"));
		goto out;
	}
	report_label_levels(fm, &r);
	report_print_table(f, &r.info, r.rows, r.nrows, width);
	fclose(f);
	if (len > 0 && text[len - 1] == '\n')
		text[len - 1] = '\0';
	rvl_add(l, text, width, 0, false);
	l->bold[0] = true;
	rvl_add(l, "", width, 0, false);
	rvl_add(l, _("Records on this laptop that are completed, approved or "
	    "uploaded; each is its own PSU, unweighted.  kesu report takes "
	    "the survey's strata, PSUs and weights."), width, 0, false);
	free(text);
	rc = 0;
out:
	report_result_clear(&r);
	form_free(&fm);
	free(groups);
	return rc == KESU_EDATA ? 0 : rc;
}

int
rv_report(review *rv, char **cause)
{
	struct rvl l = { NULL, NULL, 0, 0 };
	int rows, cols, built_w = -1, rc = 0, top = 0, r_;
	wint_t k;

	while (!rv_stopping()) {
		getmaxyx(stdscr, rows, cols);
		if (built_w != cols) {
			if ((rc = report_lines(rv, &l, cols - 1, cause)) != 0)
				goto out;
			built_w = cols;
		}
		if (top > (int)l.n - (rows - 1))
			top = (int)l.n - (rows - 1);
		if (top < 0)
			top = 0;
		erase();
		rvl_draw(&l, top, rows - 1, cols);
		attron(A_REVERSE);
		mvhline(rows - 1, 0, ' ', cols);
		rv_put(rows - 1, 0, cols, _("Report  Up/Down PgUp/PgDn scroll  "
		    "q back"));
		attroff(A_REVERSE);
		refresh();
		r_ = ui_key(&k);
		if (r_ == ERR)
			continue;
		if (r_ == KEY_CODE_YES) {
			if (k == KEY_F(10) || k == KEY_LEFT)
				break;
			(void)rv_scroll_key(k, &top, rows - 2, l.n);
			continue;
		}
		if (k == 'q' || k == 27 || k == 3)
			break;
		if (k == ' ')
			top += rows - 2;
	}
out:
	rvl_free(&l);
	return rc;
}

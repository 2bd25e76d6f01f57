/*
 * review_view.c - one record on the review screen: every answered
 * question's label and answer in the chosen form language, the score
 * breakdown, paradata, status history with comments; approve and reject.
 *
 * The whole view is laid out as wrapped, inert lines (review_text.c)
 * and scrolled; it is laid out again when the size or the language
 * changes.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr.h"
#include "ui/review_int.h"
#include "ui/ui_int.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/width.h"
#include "util/xalloc.h"

/* Does calculation e read name? */
static bool
view_reads(const expr *e, const char *name)
{
	int k;

	for (k = 0; e != NULL && k < expr_nrefs(e); k++)
		if (strcmp(expr_ref(e, k), name) == 0)
			return true;
	return false;
}

/* A score of the breakdown: the form's declared score (kesu_score), the
 * calculates it adds up, those computed from it, and the outcome (the
 * bundled form's domains, total, band and literate). */
static bool
view_is_score(const form *f, const struct form_field *fl)
{
	const char *score = form_role(f, FORM_ROLE_SCORE);
	const char *outcome = form_role(f, FORM_ROLE_OUTCOME);
	int i;

	if (outcome != NULL && strcmp(fl->name, outcome) == 0)
		return true;
	if (score == NULL || (i = form_find(f, score)) < 0)
		return false;
	return i == fl->index ||
	    view_reads(form_field(f, i)->calculation, fl->name) ||
	    view_reads(fl->calculation, score);
}

static void
view_head(struct rvl *l, review *rv, const struct store_record *r, int w)
{
	struct quality_facts q;
	char when[40], flags[160], *line, *err = NULL;
	unsigned fl = 0;

	clock_format(r->started, r->tz, when, sizeof when);
	when[10] = ' ';
	when[16] = '\0';
	line = kesu_msg("%s uuid:%s", _("Record"), r->uuid);
	rvl_add(l, line, w, 2, true);
	free(line);
	/* The facts on two lines, so that at 80 columns neither wraps (one
	 * line of four facts broke "Duration:" from its minutes). */
	/* L10N: the record view's first facts: status, interviewer. */
	line = kesu_msg(_("Status: %s  Interviewer: %s"),
	    store_status_label(r->status), r->interviewer);
	rvl_add(l, line, w, 2, false);
	free(line);
	/* L10N: the record view's facts under status and interviewer:
	 * start time, duration in minutes. */
	line = kesu_msg(_("Started: %s  Duration: %.1f min"), when,
	    r->duration / 60);
	rvl_add(l, line, w, 2, false);
	free(line);
	if (review_record_flags(rv, r, &fl, &q, &err) != 0)
		free(err);
	quality_describe(fl, false, flags, sizeof flags);
	/* L10N: %s are the record's quality flags, or "none". */
	line = kesu_msg(_("Flags: %s"), fl != 0 ? flags : _("none"));
	rvl_add(l, line, w, 2, fl != 0);
	free(line);
}

static void
view_answers(struct rvl *l, const form *f, const store_values *v, int lang,
    int w)
{
	int i;

	rvl_add(l, "", w, 0, false);
	rvl_add(l, _("Answers"), w, 0, true);
	for (i = 0; i < form_nfields(f); i++) {
		const struct form_field *fl = form_field(f, i);
		const char *val = store_values_get(v, fl->name);
		char *shown, *line, *label;

		if (!form_is_question(fl) || fl->type == FORM_NOTE ||
		    fl->type == FORM_GROUP || val == NULL)
			continue;
		label = review_text(f, fl->label, lang, v);
		/* The question as the form words it; its name only when it
		 * has no label. */
		rvl_add(l, label != NULL && *label != '\0' ? label : fl->name,
		    w - 1, 2, false);
		free(label);
		shown = *val != '\0' ? review_choice_labels(f, fl->name, val,
		    lang, v) : xstrdup(_("(no answer)"));
		line = kesu_msg("    > %s", shown);
		rvl_add(l, line, w - 1, 6, true);
		free(line);
		free(shown);
	}
}

/* The last question answered, in form order: where an interview that
 * ended early stopped (a refusal, an ineligible respondent); -1 when
 * none. */
static int
view_last_answered(const form *f, const store_values *v)
{
	int i, last = -1;

	for (i = 0; i < form_nfields(f); i++) {
		const struct form_field *fl = form_field(f, i);
		const char *val = store_values_get(v, fl->name);

		if (form_is_question(fl) && fl->type != FORM_NOTE &&
		    fl->type != FORM_GROUP && fl->type != FORM_CALCULATE &&
		    val != NULL && *val != '\0')
			last = i;
	}
	return last;
}

static void
view_scores(struct rvl *l, const form *f, const store_values *v, int lang,
    int w)
{
	int i, shown = 0, last;
	char *ans, *line, *label;

	rvl_add(l, "", w, 0, false);
	rvl_add(l, _("Scores"), w, 0, true);
	for (i = 0; i < form_nfields(f); i++) {
		const struct form_field *fl = form_field(f, i);
		const char *val = store_values_get(v, fl->name);
		char *name;

		if (fl->type != FORM_CALCULATE || !view_is_score(f, fl) ||
		    val == NULL || *val == '\0')
			continue;
		label = review_text(f, fl->label, lang, v);
		name = width_pad(label != NULL && *label != '\0' ? label :
		    fl->name, 24, false);
		free(label);
		line = kesu_msg("  %s %s", name, val);
		rvl_add(l, line, w, 4, false);
		free(line);
		free(name);
		shown++;
	}
	if (shown > 0 || (last = view_last_answered(f, v)) < 0)
		return;
	/* No score: say where the interview stopped, and with what. */
	label = review_text(f, form_field(f, last)->label, lang, v);
	ans = review_choice_labels(f, form_field(f, last)->name,
	    store_values_get(v, form_field(f, last)->name), lang, v);
	/* L10N: a record without scores: %s are the last question
	 * answered and its answer. */
	line = kesu_msg(_("The interview ended early, at \"%s\" (answer: "
	    "%s), so it has no scores."), label != NULL && *label != '\0' ?
	    label : form_field(f, last)->name, ans);
	rvl_add(l, line, w, 4, false);
	free(line);
	free(ans);
	free(label);
}

static int
view_paradata(struct rvl *l, review *rv, const struct store_record *r,
    const form *f, const store_values *v, int lang, int w, char **cause)
{
	struct store_paradata p;
	char *line;
	size_t i;
	int rc;

	if ((rc = store_paradata(review_store(rv), r->key, &p, cause)) != 0)
		return rc;
	rvl_add(l, "", w, 0, false);
	rvl_add(l, _("Paradata"), w, 0, true);
	/* L10N: how an interview went: the sittings it took and the
	 * time spent interviewing, in seconds. */
	line = kesu_msg(ngettext("  %d session, %.0f s interviewing.",
	    "  %d sessions, %.0f s interviewing.", (unsigned long)
	    (p.sessions > 0 ? p.sessions : 0)), p.sessions, p.seconds);
	rvl_add(l, line, w, 4, false);
	free(line);
	/* L10N: how an interview went: moves back, F3 jumps, language
	 * switches, answers changed. */
	line = kesu_msg(_("  Back: %d, jumps: %d, language switches: %d, "
	    "answers changed: %d."), p.back, p.jumps, p.lang_switches,
	    p.changes);
	rvl_add(l, line, w, 4, false);
	free(line);
	for (i = 0; i < p.nquestions; i++) {
		int k = form_find(f, p.questions[i].field);
		char *label = k >= 0 ? review_text(f, form_field(f, k)->label,
		    lang, v) : NULL;
		/* The question's label, cut to its column. */
		char *q = width_pad(label != NULL && *label != '\0' ? label :
		    p.questions[i].field, 24, false), *visits, *changes;

		free(label);
		/* L10N: how often one question was shown, in the record
		 * view's paradata. */
		visits = kesu_msg(ngettext("%d visit", "%d visits",
		    (unsigned long)p.questions[i].visits),
		    p.questions[i].visits);
		/* L10N: how often one question's answer was changed, in the
		 * record view's paradata. */
		changes = kesu_msg(ngettext("%d change", "%d changes",
		    (unsigned long)p.questions[i].changes),
		    p.questions[i].changes);
		/* L10N: time on one question (its label, cut to 24
		 * columns, comes first), then "%d visits" and "%d changes"
		 * as translated. */
		line = kesu_msg(_("  %s %7.1f s  %s  %s"), q,
		    p.questions[i].seconds, visits, changes);
		free(visits);
		free(changes);
		rvl_add(l, line, w, 4, false);
		free(line);
		free(q);
	}
	store_paradata_clear(&p);
	return 0;
}

/*
 * One line of the status history: a change of status ("completed ->
 * rejected: comment" as the store keeps it) by the statuses' labels in
 * the UI language, anything else as kept.  Caller frees.
 */
static char *
view_history_line(const char *when, const struct store_audit_row *a)
{
	const char *d = a->detail != NULL ? a->detail : "", *arrow, *end;
	char *from, *to, *change, *line;

	if (strcmp(a->action, "status") != 0 ||
	    (arrow = strstr(d, "-> ")) == NULL)
		return kesu_msg("  %s  %s  %s  %s", when, a->who, a->action, d);
	from = xstrndup(d, (size_t)(arrow - d));
	from[strcspn(from, " ")] = '\0';
	end = strstr(arrow + 3, ": ");
	to = end != NULL ? xstrndup(arrow + 3, (size_t)(end - arrow - 3)) :
	    xstrdup(arrow + 3);
	/* L10N: a change of a record's status, from and to. */
	change = *from != '\0' ? kesu_msg(_("%s → %s"),
	    store_status_label(from), store_status_label(to)) :
	    xstrdup(store_status_label(to));
	if (end != NULL)
		/* L10N: a change of status and the comment given with it. */
		line = kesu_msg(_("  %s  %s  %s: %s"), when, a->who, change,
		    end + 2);
	else
		line = kesu_msg("  %s  %s  %s", when, a->who, change);
	free(from);
	free(to);
	free(change);
	return line;
}

static int
view_history(struct rvl *l, review *rv, const struct store_record *r,
    int w, char **cause)
{
	struct store_audit_row *a;
	char when[40], *line;
	size_t n, i;
	int rc;

	if ((rc = store_audit_list(review_store(rv), r->key, &a, &n,
	    cause)) != 0)
		return rc;
	rvl_add(l, "", w, 0, false);
	rvl_add(l, _("Status history"), w, 0, true);
	for (i = 0; i < n; i++) {
		clock_format(a[i].when, a[i].tz, when, sizeof when);
		when[10] = ' ';
		when[16] = '\0';
		line = view_history_line(when, &a[i]);
		rvl_add(l, line, w, 4, false);
		free(line);
	}
	store_audit_free(a, n);
	return 0;
}

static int
view_build(struct rvl *l, review *rv, const struct store_record *r,
    int lang, int w, char **cause)
{
	store_values *v = NULL;
	const form *f;
	int rc;

	rvl_free(l);
	view_head(l, rv, r, w);
	if ((rc = review_form(rv, r->form_key, &f, cause)) != 0 ||
	    (rc = review_record_values(rv, r, &v, cause)) != 0)
		return rc;
	view_answers(l, f, v, lang, w);
	view_scores(l, f, v, lang, w);
	rc = view_paradata(l, rv, r, f, v, lang, w, cause);
	store_values_free(&v);
	if (rc != 0)
		return rc;
	return view_history(l, rv, r, w, cause);
}

int
rv_verdict(review *rv, const char *who, int64_t key, const char *uuid,
    bool reject, char **msg, char **cause)
{
	char *comment = NULL, *c = NULL;
	int rc;

	free(*msg);
	*msg = NULL;
	if (reject) {
		comment = rv_prompt(_("Why is it rejected? (Enter sends, Esc "
		    "cancels)"), "");
		if (comment == NULL || comment[strspn(comment, " ")] == '\0') {
			*msg = xstrdup(_("Not rejected: a rejection needs a "
			    "comment for the interviewer."));
			free(comment);
			return 0;
		}
	}
	rc = store_record_set_status(review_store(rv), key, reject ?
	    "rejected" : "approved", who, comment, &c);
	free(comment);
	if (rc == KESU_EDATA || rc == KESU_EUSAGE) {
		*msg = c;
		return 0;
	}
	if (rc != 0) {
		*cause = c;
		return rc;
	}
	/* L10N: %.8s is the record's short ID. */
	*msg = kesu_msg(reject ? _("%.8s rejected; its interviewer sees the "
	    "comment.") : _("%.8s approved."), uuid);
	return 0;
}

int
rv_view(review *rv, const char *who, const char *uuid, const char **lang,
    char **msg, char **cause)
{
	struct store_record r;
	struct rvl l = { NULL, NULL, 0, 0 };
	const form *f = NULL;
	int rows, cols, built_w = -1, li = -1, rc, top = 0, r_;
	bool rebuild = true;
	wint_t k;

	memset(&r, 0, sizeof r);
	while (!rv_stopping()) {
		getmaxyx(stdscr, rows, cols);
		if (rebuild || built_w != cols) {
			store_record_clear(&r);
			rc = store_record_find(review_store(rv), uuid, &r,
			    cause);
			if (rc != 0)
				goto out;
			if ((rc = review_form(rv, r.form_key, &f, cause)) != 0)
				goto out;
			li = form_lang_find(f, *lang);
			if (li < 0)
				li = form_default_lang(f);
			if ((rc = view_build(&l, rv, &r, li, cols - 1,
			    cause)) != 0)
				goto out;
			built_w = cols;
			rebuild = false;
		}
		if (top > (int)l.n - (rows - 3))
			top = (int)l.n - (rows - 3);
		if (top < 0)
			top = 0;
		erase();
		rvl_draw(&l, top, rows - 2, cols);
		if (*msg != NULL) {
			attron(A_BOLD);
			rv_put(rows - 2, 0, cols - 1, *msg);
			attroff(A_BOLD);
		}
		attron(A_REVERSE);
		mvhline(rows - 1, 0, ' ', cols);
		rv_put(rows - 1, 0, cols, _("Up/Down PgUp/PgDn scroll  F2 "
		    "language  a approve  r reject  q back"));
		attroff(A_REVERSE);
		refresh();
		r_ = ui_key(&k);
		if (r_ == ERR)
			continue;
		if (r_ == KEY_CODE_YES) {
			if (k == KEY_F(10) || k == KEY_LEFT)
				break;
			if (rv_scroll_key(k, &top, rows - 4, l.n))
				;
			else if (k == KEY_F(2) && form_nlangs(f) > 1) {
				li = (li + 1) % form_nlangs(f);
				*lang = form_lang_code(f, li);
				rebuild = true;
			}
			continue;
		}
		if (k == 'q' || k == 27 || k == 3)
			break;
		if (k == 'a' || k == 'r') {
			if ((rc = rv_verdict(rv, who, r.key, r.uuid, k == 'r', msg,
			    cause)) != 0)
				goto out;
			rebuild = true;
		} else if (k == ' ')
			top += rows - 4;
	}
	rc = 0;
out:
	rvl_free(&l);
	store_record_clear(&r);
	return rc;
}

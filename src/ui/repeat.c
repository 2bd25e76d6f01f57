/*
 * repeat.c - repeats on the interview screen: the "add another?" prompt,
 * deleting an instance (with a confirmation), and the line that says
 * which instance a question belongs to ("Member 2 of 3").
 *
 * Keys: on the prompt, 1 (or +) adds an instance and shows its first
 * question, 2 or Enter goes on without one; on a question inside a
 * repeat the interviewer controls, F4 deletes that instance after a
 * "y" to the question whether to.  Every change is committed to the
 * draft at once, like an answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* The repeat's label in the engine's language with its ${name} values
 * (engine_text), else its name.  Caller frees. */
static char *
repeat_label(const engine *e, int rep)
{
	char *s = engine_text(e, form_field(engine_form(e), rep)->label);

	return s != NULL ? s : xstrdup(form_field(engine_form(e), rep)->name);
}

char *
ui_repeat_where(const engine *e, int field)
{
	const form *f = engine_form(e);
	char *lab, *s;
	int rep;

	if (field < 0 || form_field(f, field)->repeat)
		return NULL;
	rep = form_field(f, field)->in_repeat;
	if (rep < 0)
		return NULL;
	/* L10N: which instance of a repeat a question is in: "Member 2 of
	 * 3"; %1$s the repeat's label. */
	lab = repeat_label(e, rep);
	s = kesu_msg(_("%1$s %2$d of %3$d"), lab, engine_repeat_pos(e, rep),
	    engine_repeat_count(e, rep));
	free(lab);
	return s;
}

int
ui_repeat_draw(const engine *e, int rep, int y, int cols)
{
	char *s, *lab = repeat_label(e, rep);
	int n = engine_repeat_count(e, rep), y0 = y;

	y += ui_text(y, 1, cols - 2, lab, 3);
	y++;
	if (n == 0)
		/* L10N: the repeat prompt when there is no instance yet. */
		s = kesu_msg(_("There is no %s yet."), lab);
	else
		/* L10N: the repeat prompt after the last instance. */
		s = kesu_msg(_("%s: %d so far."), lab, n);
	y += ui_text(y, 1, cols - 2, s, 2);
	free(s);
	y++;
	s = kesu_msg(_("1. Add another %s"), lab);
	y += ui_text(y, 2, cols - 3, s, 2);
	free(s);
	free(lab);
	y += ui_text(y, 2, cols - 3, _("2. Do not add (Enter)"), 2);
	return y - y0;
}

/* Ask whether to delete; true on 'y'. */
static bool
repeat_confirm(const engine *e, int rep)
{
	char *s, *lab = repeat_label(e, rep);
	int rows, cols;
	wint_t k;
	int r;

	getmaxyx(stdscr, rows, cols);
	erase();
	ui_bar(0, _("Delete"));
	/* L10N: confirmation before deleting one instance of a repeat,
	 * e.g. "Delete Member 2 and all its answers?" */
	s = kesu_msg(_("Delete %s %d and all its answers?"), lab,
	    engine_repeat_pos(e, rep));
	free(lab);
	ui_text(2, 1, cols - 2, s, 3);
	free(s);
	ui_text(5, 1, cols - 2, _("y = delete, any other key = keep"), 2);
	ui_bar(rows - 1, _("y delete  other keys keep"));
	curs_set(0);
	refresh();
	while ((r = ui_key(&k)) == ERR && !ui_term_signalled())
		;
	return r == OK && (k == 'y' || k == 'Y');
}

int
ui_repeat_key(engine *e, store_session *ss, int r, wint_t k, bool *done,
    char **msg, char **cause)
{
	const form *f = engine_form(e);
	int cur = engine_current(e), rep, rc;
	char *c = NULL;

	*done = false;
	*msg = NULL;
	if (cur < 0)
		return 0;
	if (form_field(f, cur)->repeat) {
		if (r == OK && (k == '1' || k == '+')) {
			rc = engine_repeat_add(e, &c);
			store_session_event(ss, STORE_EV_NEXT, NULL, NULL);
		} else if (r == OK && k == '2') {
			rc = engine_next(e, &c);
			store_session_event(ss, STORE_EV_NEXT, NULL, NULL);
		} else
			return 0;
	} else if (r == KEY_CODE_YES && k == KEY_F(4)) {
		rep = form_field(f, cur)->in_repeat;
		if (!engine_user_repeat(e, rep)) {
			*done = true;
			*msg = xstrdup(_("This question is not in a repeat that "
			    "can lose an instance."));
			return 0;
		}
		*done = true;
		if (!repeat_confirm(e, rep))
			return 0;
		rc = engine_repeat_delete(e, &c);
	} else
		return 0;
	*done = true;
	if (rc == KESU_EDATA) {
		*msg = c;
		return 0;
	}
	if (rc != 0) {
		*cause = c;
		return rc;
	}
	return store_session_confirm(ss, cause);
}

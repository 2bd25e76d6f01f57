/*
 * jump.c - the F3 jump list: every question shown now, numbered as the
 * header numbers it, marked answered, unanswered or invalid; Enter jumps
 * to the highlighted one.  A note counts as answered once it was shown, or
 * the interview has gone past it (a draft resumed further on).  Each
 * instance of a repeat lists its own questions, named by their key
 * ("member[2]/age") next to the label, and each repeat's prompt.
 */
#include <stdlib.h>
#include <string.h>

#include "ui/ui_int.h"
#include "util/i18n.h"
#include "util/width.h"
#include "util/xalloc.h"

/* A question of the form, relevant now or not. */
static bool
jump_question(const struct form_field *fl)
{
	return form_is_question(fl) && fl->type != FORM_GROUP &&
	    fl->type != FORM_CALCULATE;
}

bool
ui_shown(const engine *e, int field)
{
	const form *f = engine_form(e);

	return field >= 0 && field < form_nfields(f) &&
	    jump_question(form_field(f, field)) && engine_relevant(e, field);
}

int *
ui_qnums(const engine *e, int *total)
{
	int *num = xcalloc((size_t)form_nfields(engine_form(e)) + 1,
	    sizeof *num);

	*total = engine_numbers(e, num);
	return num;
}

/* The furthest stop's field that is answered, or current when that is
 * further: the notes before it were seen. */
static int
jump_reached(engine *e, const struct engine_stop *v, int n, int current)
{
	int i, far = current;
	char *c = NULL;

	for (i = 0; i < n; i++) {
		if (engine_seek(e, v[i].key, false, &c) < 0) {
			free(c);
			c = NULL;
			continue;
		}
		if (v[i].field > far && engine_answered(e, v[i].field))
			far = v[i].field;
	}
	return current < 0 ? form_nfields(engine_form(e)) : far;
}

static void
jump_draw(engine *e, const struct engine_stop *v, int n, int hl, int *top,
    int reached, const bool *seen)
{
	const form *f = engine_form(e);
	int rows, cols, y = 2, list, i, total;
	/* Numbered where the interview stands, before any row's seek. */
	int *num = ui_qnums(e, &total);

	getmaxyx(stdscr, rows, cols);
	erase();
	ui_bar(0, _("Jump to a question:  [x] answered  [ ] unanswered  "
	    "[!] invalid"));
	list = rows - 3 > 1 ? rows - 3 : 1;
	if (hl < *top)
		*top = hl;
	if (hl >= *top + list)
		*top = hl - list + 1;
	for (i = *top; i < n && y < 2 + list; i++, y++) {
		const struct form_field *fl = form_field(f, v[i].field);
		const char *mark = "[x]";
		char *c = NULL, head[32], *text, *shown, *lab;
		bool there;

		/* Each row is judged, and its ${name} read, in its own
		 * instance. */
		there = engine_seek(e, v[i].key, false, &c) >= 0;
		lab = engine_text(e, fl->label);
		if (!there || fl->repeat)
			mark = "   ";
		else if (engine_check(e, v[i].field, &c) != 0)
			mark = engine_value(e, v[i].field)[0] != '\0' ?
			    "[!]" : "[ ]";
		else if (fl->type == FORM_NOTE ? v[i].field >= reached &&
		    (seen == NULL || !seen[v[i].field]) :
		    !engine_answered(e, v[i].field))
			mark = "[ ]";
		free(c);
		snprintf(head, sizeof head, "%s %3d. ", mark,
		    num[v[i].field]);
		if (lab == NULL) /* engine_text() gives no empty text */
			lab = xstrdup(fl->name);
		if (strchr(v[i].key, '[') != NULL || fl->repeat)
			text = kesu_msg("%s  (%s)", lab, v[i].key);
		else
			text = xstrdup(lab);
		free(lab);
		if (i == hl)
			attron(A_REVERSE);
		mvaddstr(y, 1, head);
		/* One line each, cut with "…" when it is longer. */
		shown = width_cut(text, cols - 2 - (int)strlen(head));
		ui_text(y, 1 + (int)strlen(head), cols - 2 - (int)strlen(head),
		    shown, 1);
		free(shown);
		if (i == hl)
			attroff(A_REVERSE);
		free(text);
	}
	ui_bar(rows - 1, _("Up/Down choose  Enter jump  F3 or Esc back"));
	curs_set(0);
	refresh();
	free(num);
}

/* Back to where the interview stood: the stop marked current. */
static void
jump_back(engine *e, const struct engine_stop *v, int n)
{
	char *c = NULL;
	int i;

	for (i = 0; i < n; i++)
		if (v[i].current) {
			if (engine_seek(e, v[i].key, false, &c) < 0)
				free(c);
			return;
		}
	engine_goto(e, -1);
}

int
ui_jump(engine *e, int current, const bool *seen)
{
	struct engine_stop *v = NULL;
	int n, hl = 0, top = 0, i, pick = -1, reached;
	char *c = NULL;

	n = engine_stops(e, &v);
	reached = jump_reached(e, v, n, current);
	for (i = 0; i < n; i++)
		if (v[i].current)
			hl = i;
	while (n > 0 && !ui_term_signalled()) {
		wint_t k;
		int r;

		jump_draw(e, v, n, hl, &top, reached, seen);
		jump_back(e, v, n);
		if ((r = ui_key(&k)) == ERR)
			continue;
		if ((r == KEY_CODE_YES && (k == KEY_F(3) || k == KEY_F(10))) ||
		    (r == OK && (k == 27 || k == 3)))
			break;
		if (r == KEY_CODE_YES && k == KEY_UP && hl > 0)
			hl--;
		else if (r == KEY_CODE_YES && k == KEY_DOWN && hl + 1 < n)
			hl++;
		else if (r == KEY_CODE_YES && k == KEY_PPAGE)
			hl = hl > 10 ? hl - 10 : 0;
		else if (r == KEY_CODE_YES && k == KEY_NPAGE)
			hl = hl + 10 < n ? hl + 10 : n - 1;
		else if (r == KEY_CODE_YES && (k == KEY_HOME || k == KEY_FIND))
			hl = 0;
		else if (r == KEY_CODE_YES && (k == KEY_END || k == KEY_SELECT))
			hl = n - 1;
		else if ((r == OK && (k == '\n' || k == '\r')) ||
		    (r == KEY_CODE_YES && k == KEY_ENTER)) {
			if (engine_seek(e, v[hl].key, false, &c) >= 0)
				pick = v[hl].field;
			free(c);
			break;
		}
	}
	engine_stops_free(v, n);
	return pick;
}

/*
 * jump.c - the F3 jump list: every question shown now, marked answered,
 * unanswered or invalid; Enter jumps to the highlighted one.
 */
#include <stdlib.h>
#include <string.h>

#include "ui/ui_int.h"
#include "util/i18n.h"
#include "util/width.h"
#include "util/xalloc.h"

/* The questions a person sees now (as the header counts them). */
static int *
jump_fields(const engine *e, int *n)
{
	const form *f = engine_form(e);
	int *v = xreallocarray(NULL, (size_t)form_nfields(f) + 1, sizeof *v);
	int i;

	*n = 0;
	for (i = 0; i < form_nfields(f); i++) {
		const struct form_field *fl = form_field(f, i);

		if (!form_is_question(fl) || fl->type == FORM_GROUP ||
		    fl->type == FORM_CALCULATE || !engine_relevant(e, i))
			continue;
		v[(*n)++] = i;
	}
	return v;
}

static void
jump_draw(const engine *e, const int *v, int n, int hl, int *top)
{
	const form *f = engine_form(e);
	int rows, cols, y = 2, list, i;

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
		const struct form_field *fl = form_field(f, v[i]);
		const char *lab = fl->label != NULL ? form_text(f, fl->label,
		    engine_lang(e)) : NULL;
		const char *mark = "[x]";
		char *c = NULL, head[32], *shown;

		if (engine_check(e, v[i], &c) != 0)
			mark = engine_value(e, v[i])[0] != '\0' ? "[!]" : "[ ]";
		else if (!engine_answered(e, v[i]) && fl->type != FORM_NOTE)
			mark = "[ ]";
		free(c);
		snprintf(head, sizeof head, "%s %3d. ", mark, i + 1);
		if (i == hl)
			attron(A_REVERSE);
		mvaddstr(y, 1, head);
		/* One line each, cut with "…" when it is longer. */
		shown = width_cut(lab != NULL && lab[0] != '\0' ? lab :
		    fl->name, cols - 2 - (int)strlen(head));
		ui_text(y, 1 + (int)strlen(head), cols - 2 - (int)strlen(head),
		    shown, 1);
		free(shown);
		if (i == hl)
			attroff(A_REVERSE);
	}
	ui_bar(rows - 1, _("Up/Down choose  Enter jump  F3 or Esc back"));
	curs_set(0);
	refresh();
}

int
ui_jump(const engine *e, int current)
{
	int n, hl = 0, top = 0, i, pick = -1;
	int *v = jump_fields(e, &n);

	for (i = 0; i < n; i++)
		if (v[i] == current)
			hl = i;
	while (n > 0 && !ui_term_signalled()) {
		wint_t k;
		int r;

		jump_draw(e, v, n, hl, &top);
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
		else if ((r == OK && (k == '\n' || k == '\r')) ||
		    (r == KEY_CODE_YES && k == KEY_ENTER)) {
			pick = v[hl];
			break;
		}
	}
	free(v);
	return pick;
}

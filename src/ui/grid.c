/*
 * grid.c - a Likert battery as a grid (table-list groups, and the label /
 * list-nolabel rows of a field-list): one row per question, one column
 * per choice of their shared list, the choices' numbers and labels over
 * the columns once.  Widths are display widths (util/width), so Chinese
 * labels line up and are cut at a character boundary.  Draws and
 * measures only; the keys are the question screen's (ui.c).
 */
#include <stdlib.h>

#include "ui/ui_int.h"
#include "util/width.h"
#include "util/xalloc.h"

/* The label column and the width of each choice's column. */
static void
grid_geom(int n, int w, int *lw, int *cw)
{
	*cw = n > 0 ? (w - 24) / n : 0;
	if (*cw > 14)
		*cw = 14;
	*lw = w - n * *cw;
}

bool
ui_grid_fits(int n, int w)
{
	int lw, cw;

	grid_geom(n, w, &lw, &cw);
	return n > 0 && cw >= 6;
}


int
ui_grid_head(const struct ui_choices *p, const char *corner, int y, int x,
    int w, int maxy, bool draw)
{
	int lw, cw, k, rows = 1, lines = maxy - y, r;

	if (lines > 3)
		lines = 3;
	if (lines < 1)
		return 0;
	grid_geom(p->n, w, &lw, &cw);
	rows = draw ? ui_text(y, x, lw - 2, corner, lines) :
	    ui_text_rows(lw - 2, corner, lines);
	if (draw)
		attron(A_BOLD);
	for (k = 0; k < p->n; k++) {
		char *label = ui_choice_text(p->e, p->field, p->ch[k]);
		char *s = kesu_msg("%d %s", k + 1, label);

		free(label);
		r = draw ? ui_text(y, x + lw + k * cw, cw - 2, s, lines) :
		    ui_text_rows(cw - 2, s, lines);
		if (r > rows)
			rows = r;
		free(s);
	}
	if (draw)
		attroff(A_BOLD);
	return rows;
}

/* label in at most two lines of w columns: cut, with "…", when longer.
 * Caller frees. */
static char *
grid_fit(const char *label, int w)
{
	char *s = xstrdup(label);
	int c = width_of(label);

	while (c > 1 && ui_text_rows(w, s, 3) > 2) {
		free(s);
		s = width_cut(label, --c);
	}
	return s;
}

int
ui_grid_row(const struct ui_choices *p, const char *label, bool focus,
    int y, int x, int w, int maxy, bool draw)
{
	int lw, cw, k, lines = maxy - y, rows;
	char *fit;

	if (lines > 2)
		lines = 2;
	if (lines < 1)
		return 0;
	grid_geom(p->n, w, &lw, &cw);
	fit = grid_fit(label, lw - 2);
	if (!draw) {
		rows = ui_text_rows(lw - 2, fit, lines);
		free(fit);
		return rows;
	}
	if (focus)
		attron(A_REVERSE);
	rows = ui_text(y, x, lw - 2, fit, lines);
	if (focus)
		attroff(A_REVERSE);
	free(fit);
	for (k = 0; k < p->n; k++) {
		const char *m = p->fl->type == FORM_SELECT_ONE ?
		    (p->mark[k] ? "(*)" : "( )") : (p->mark[k] ? "[x]" : "[ ]");

		if (focus && k == p->hl)
			attron(A_REVERSE);
		mvaddstr(y, x + lw + k * cw, m);
		if (focus && k == p->hl)
			attroff(A_REVERSE);
	}
	return rows;
}

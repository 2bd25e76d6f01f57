/*
 * choices.c - a select's choices on the question screen, as its appearance
 * lays them out: one a line (the default), across the screen (likert, the
 * usual agree-disagree scale read left to right), or a drop-down
 * (minimal: one line with the label chosen, the list opening under it).
 * The keys stay the screen's (ui.c); this file only draws and measures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_int.h"
#include "util/i18n.h"
#include "util/width.h"
#include "util/xalloc.h"

char *
ui_choice_text(const engine *e, int field, int c)
{
	const form *f = engine_form(e);
	const struct form_choice *ch = engine_choice(e, field, c);
	const char *t;
	char *s;

	/* Answers from a roster are shown as they were typed, not filled. */
	if (form_field(f, field)->source >= 0) {
		t = form_text(f, ch->label, engine_lang(e));
		return xstrdup(t != NULL ? t : "");
	}
	s = engine_text(e, ch->label);
	return s != NULL ? s : xstrdup("");
}

/* The label of shown choice k.  Caller frees. */
static char *
choices_label(const struct ui_choices *p, int k)
{
	return ui_choice_text(p->e, p->field, p->ch[k]);
}

void
ui_choices_marks(const engine *e, int field, const int *ch, int n,
    const char *value, bool *mark, int *hl)
{
	/* a select_one ${q} answer is one name, which may hold spaces */
	bool whole = form_field(engine_form(e), field)->source >= 0;
	int i;

	for (i = 0; i < n; i++) {
		const char *nm = engine_choice(e, field, ch[i])->name;
		size_t k = strlen(nm);
		const char *q = value;

		mark[i] = false;
		if (whole) {
			if ((mark[i] = strcmp(nm, value) == 0) && hl != NULL)
				*hl = i;
			continue;
		}
		while ((q = strstr(q, nm)) != NULL) {
			if ((q == value || q[-1] == ' ') &&
			    (q[k] == '\0' || q[k] == ' ')) {
				mark[i] = true;
				if (hl != NULL)
					*hl = i;
				break;
			}
			q += k;
		}
	}
}

bool
ui_choices_across(const struct form_field *fl)
{
	return form_appears(fl, "likert");
}

bool
ui_choices_drop(const struct form_field *fl)
{
	return fl->type == FORM_SELECT_ONE && form_appears(fl, "minimal");
}

/* The mark before a choice: "(*) 1. " in a select_one, "[x] 1. " in a
 * select_multiple. */
static void
choices_mark(const struct ui_choices *p, int k, char *buf, size_t len)
{
	if (p->fl->type == FORM_SELECT_ONE)
		snprintf(buf, len, "%s%d. ", p->mark[k] ? "(*) " : "( ) ",
		    k + 1);
	else
		snprintf(buf, len, "%s%d. ", p->mark[k] ? "[x] " : "[ ] ",
		    k + 1);
}

/* One a line. */
static int
choices_list(const struct ui_choices *p, int y, int x, int w, int maxy,
    bool draw)
{
	int k, y0 = y;

	for (k = 0; k < p->n && y < maxy; k++, y++) {
		char mark[32], *label;

		if (!draw)
			continue;
		choices_mark(p, k, mark, sizeof mark);
		if (k == p->hl)
			attron(A_REVERSE);
		mvaddstr(y, x, mark);
		label = choices_label(p, k);
		ui_text(y, x + (int)strlen(mark), w - 1 - (int)strlen(mark),
		    label, 1);
		free(label);
		if (k == p->hl)
			attroff(A_REVERSE);
	}
	return y - y0;
}

/*
 * Across: a column for each choice, its mark on the first line and its
 * number and label under it (up to three lines).  Too many choices for
 * the width: one a line.
 */
static int
choices_across(const struct ui_choices *p, int y, int x, int w, int maxy,
    bool draw)
{
	int k, cw, rows = 1;

	if (p->n == 0)
		return 0;
	cw = w / p->n;
	if (cw > 18)
		cw = 18;
	if (cw < 6)
		return choices_list(p, y, x, w, maxy, draw);
	for (k = 0; k < p->n; k++) {
		char *label = choices_label(p, k);
		char *s = kesu_msg("%d %s", k + 1, label);
		int cx = x + k * cw, lines = maxy - y - 1;
		int r;

		if (lines > 3)
			lines = 3;
		free(label);
		if (lines < 1) {
			free(s);
			break;
		}
		r = 1 + (draw ? ui_text(y + 1, cx, cw - 1, s, lines) :
		    ui_text_rows(cw - 1, s, lines));
		if (draw) {
			if (k == p->hl)
				attron(A_REVERSE);
			mvaddstr(y, cx, p->fl->type == FORM_SELECT_ONE ?
			    (p->mark[k] ? "(*)" : "( )") :
			    (p->mark[k] ? "[x]" : "[ ]"));
			if (k == p->hl)
				attroff(A_REVERSE);
		}
		if (r > rows)
			rows = r;
		free(s);
	}
	return rows;
}

/* A drop-down: "[ label chosen  v ]", the list under it when open. */
static int
choices_drop(const struct ui_choices *p, int y, int x, int w, int maxy,
    bool draw)
{
	char *chosen = NULL, *cut, *line;
	int k, bw = w - 1 < 40 ? w - 1 : 40;

	for (k = 0; k < p->n; k++)
		if (p->mark[k]) {
			free(chosen);
			chosen = choices_label(p, k);
		}
	if (draw) {
		/* L10N: a closed drop-down list with nothing chosen yet. */
		cut = width_pad(chosen != NULL ? chosen :
		    _("(Space opens the list)"), bw - 6, false);
		line = kesu_msg("[ %s \xe2\x96\xbe ]", cut);
		if (p->hl >= 0 && !p->open)
			attron(A_REVERSE);
		ui_text(y, x, w - 1, line, 1);
		if (p->hl >= 0 && !p->open)
			attroff(A_REVERSE);
		free(line);
		free(cut);
	}
	free(chosen);
	if (!p->open)
		return 1;
	return 1 + choices_list(p, y + 1, x + 2, w - 2, maxy, draw);
}

int
ui_choices_draw(const struct ui_choices *p, int y, int x, int w, int maxy,
    bool draw)
{
	if (y >= maxy)
		return 0;
	if (ui_choices_drop(p->fl))
		return choices_drop(p, y, x, w, maxy, draw);
	if (ui_choices_across(p->fl))
		return choices_across(p, y, x, w, maxy, draw);
	return choices_list(p, y, x, w, maxy, draw);
}

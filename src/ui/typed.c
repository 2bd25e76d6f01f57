/*
 * typed.c - the text appearances a keyboard can honour on the interview
 * screen: "numbers" and "multiline" (XLSForm's appearance column).
 *
 * numbers: as on Collect's number keyboard for text, only digits, a
 * sign and a decimal point go in at the key press; the value stays text
 * as typed ("013" keeps its zero), and answers files are taken as text.
 * multiline: the answer may hold line breaks.  Enter confirms it as on
 * every question (the interview keys are a contract), and Ctrl-J starts
 * a new line; each line is drawn on a row of its own.  For Ctrl-J to
 * differ from Enter the terminal's CR-to-NL translation is off
 * (nonl() in term.c): Enter arrives as '\r', Ctrl-J as '\n'.
 */
#include <stdlib.h>
#include <string.h>

#include "ui/ui_int.h"
#include "util/width.h"

bool
ui_appearance_has(const struct form_field *fl, const char *word)
{
	const char *p = fl->appearance;
	size_t n = strlen(word), k;

	if (p == NULL)
		return false;
	while (*p != '\0') {
		while (*p == ' ')
			p++;
		k = strcspn(p, " ");
		if (k == n && strncmp(p, word, n) == 0)
			return true;
		p += k;
	}
	return false;
}

bool
ui_typed_refuses(const struct form_field *fl, wint_t k)
{
	if (fl->type != FORM_TEXT || !ui_appearance_has(fl, "numbers"))
		return false;
	return !((k >= '0' && k <= '9') || k == '-' || k == '+' || k == '.');
}

bool
ui_typed_multiline(const struct form_field *fl)
{
	return fl->type == FORM_TEXT && ui_appearance_has(fl, "multiline");
}

void
ui_line_newline(struct ui_line *l)
{
	if (l->len >= (int)(sizeof l->buf / sizeof l->buf[0]) - 2)
		return;
	wmemmove(l->buf + l->cur + 1, l->buf + l->cur,
	    (size_t)(l->len - l->cur + 1));
	l->buf[l->cur++] = L'\n';
	l->len++;
}

int
ui_typed_draw_lines(const struct ui_line *l, bool sel, int y, int x, int w,
    int maxrows, int *cy, int *cx)
{
	char *s = ui_line_get(l), *p, *nl;
	int row = 0, col = 0, first, i, n;

	/* The cursor's line and column. */
	for (i = 0; i < l->cur; i++) {
		if (l->buf[i] == L'\n') {
			row++;
			col = 0;
		} else {
			int cw = width_cp((int32_t)l->buf[i]);

			col += cw >= 0 ? cw : 1;
		}
	}
	first = row >= maxrows ? row - maxrows + 1 : 0;
	mvaddstr(y, x - 2, "> ");
	if (sel)
		attron(A_REVERSE);
	for (p = s, n = 0, i = 0; p != NULL && n < maxrows; i++) {
		nl = strchr(p, '\n');
		if (nl != NULL)
			*nl = '\0';
		if (i >= first)
			ui_text(y + n++, x, w, p, 1);
		p = nl != NULL ? nl + 1 : NULL;
	}
	if (sel)
		attroff(A_REVERSE);
	free(s);
	*cy = y + row - first;
	*cx = x + (col < w ? col : w - 1);
	return n;
}

/*
 * rank.c - a rank question on the interview screen (XLSForm "rank LIST").
 *
 * The choices are listed, numbered as on a select, each with the place
 * it has been given so far ("[2]"), and the order so far is spelt out
 * under them.  The interviewer types the numbers in order of preference:
 * a digit (or Space on the highlighted choice) gives that choice the
 * next place, or takes it out again when it has one (the places after
 * it move up); Backspace takes out the last one placed.  Enter confirms
 * as on every question, and the engine refuses a ranking that leaves a
 * choice out, since ODK stores every choice in order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* The label of choice c of field's list as the screen shows it, its
 * name when it has none.  Caller frees. */
static char *
rank_label(const engine *e, int field, int c)
{
	char *s = ui_choice_text(e, field, c);

	if (*s == '\0') {
		free(s);
		s = xstrdup(engine_choice(e, field, c)->name);
	}
	return s;
}

/* The place of shown choice i in the order, -1 when it has none. */
static int
rank_place(const struct ui_rank *r, int i)
{
	int k;

	for (k = 0; k < r->n; k++)
		if (r->order[k] == i)
			return k;
	return -1;
}

void
ui_rank_load(struct ui_rank *r, engine *e, int field, const char *value)
{
	const form *f = engine_form(e);
	int list = form_field(f, field)->list, n, i;
	const int *ch = engine_choices(e, field, &n);
	const char *p = value;

	r->n = 0;
	while (*p != '\0') {
		size_t len;

		while (*p == ' ')
			p++;
		len = strcspn(p, " ");
		for (i = 0; i < n && i < UI_RANK_MAX && len > 0; i++) {
			const char *nm = form_choice(f, list, ch[i])->name;

			if (strlen(nm) == len && memcmp(nm, p, len) == 0 &&
			    rank_place(r, i) < 0 && r->n < UI_RANK_MAX) {
				r->order[r->n++] = i;
				break;
			}
		}
		p += len;
	}
}

void
ui_rank_toggle(struct ui_rank *r, int i)
{
	int k = rank_place(r, i);

	if (i < 0 || i >= UI_RANK_MAX)
		return;
	if (k < 0) {
		if (r->n < UI_RANK_MAX)
			r->order[r->n++] = i;
		return;
	}
	memmove(&r->order[k], &r->order[k + 1], (size_t)(r->n - k - 1) *
	    sizeof r->order[0]);
	r->n--;
}

void
ui_rank_pop(struct ui_rank *r)
{
	if (r->n > 0)
		r->n--;
}

char *
ui_rank_text(const struct ui_rank *r, engine *e, int field)
{
	const form *f = engine_form(e);
	int list = form_field(f, field)->list, n, k;
	const int *ch = engine_choices(e, field, &n);
	struct buf b = BUF_INIT;

	for (k = 0; k < r->n; k++) {
		if (r->order[k] >= n)
			continue;
		if (b.len > 0)
			buf_addch(&b, ' ');
		buf_addstr(&b, form_choice(f, list, ch[r->order[k]])->name);
	}
	return buf_detach(&b);
}

int
ui_rank_draw(const struct ui_rank *r, engine *e, int field, int hl, int y,
    int rows, int cols)
{
	const int *ch;
	struct buf b = BUF_INIT;
	int n, i, k;

	ch = engine_choices(e, field, &n);
	for (i = 0; i < n && y < rows - 5; i++, y++) {
		char mark[32], *label;

		k = rank_place(r, i);
		if (k >= 0)
			snprintf(mark, sizeof mark, "[%d] %d. ", k + 1, i + 1);
		else
			snprintf(mark, sizeof mark, "[ ] %d. ", i + 1);
		if (i == hl)
			attron(A_REVERSE);
		mvaddstr(y, 2, mark);
		label = rank_label(e, field, ch[i]);
		ui_text(y, 2 + (int)strlen(mark), cols - 3 - (int)strlen(mark),
		    label, 1);
		free(label);
		if (i == hl)
			attroff(A_REVERSE);
	}
	y++;
	if (r->n == 0) {
		ui_text(y, 2, cols - 4, _("Type the numbers in order of "
		    "preference, the first choice first; Backspace takes back "
		    "the last."), 2);
		return y + 2;
	}
	for (k = 0; k < r->n; k++) {
		char *label;

		if (r->order[k] >= n)
			continue;
		if (b.len > 0)
			buf_addstr(&b, " > ");
		label = rank_label(e, field, ch[r->order[k]]);
		buf_addstr(&b, label);
		free(label);
	}
	{
		/* L10N: the ranking so far, most preferred first, as
		 * "Television > Newspapers". */
		char *line = kesu_msg(_("Order: %s"), b.data);

		ui_text(y, 2, cols - 4, line, 2);
		free(line);
	}
	buf_free(&b);
	return y + 2;
}

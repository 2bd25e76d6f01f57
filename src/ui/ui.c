/*
 * ui.c - the question screen over the engine (keys: DESIGN.md).
 */
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#include "ui/ui.h"
#include "ui/ui_int.h"
#include "util/i18n.h"
#include "util/width.h"
#include "util/xalloc.h"

struct ui {
	engine *e;
	store_session *ss;
	const char *who;
	int field;        /* current question, -1 end */
	int hl;           /* highlighted choice */
	bool multi[256];  /* select_multiple working set */
	struct ui_line line;
	char *msg;        /* status line */
	int num;          /* choice number being typed (beyond 9), 0: none */
};

/*
 * A digit on a choice question.  With up to 9 choices a digit picks its
 * choice; beyond 9 the digits typed in a row make the number (1 picks
 * choice 1 at once, a following 2 moves that pick to 12), until no longer
 * number fits.  Returns true when nothing is to be toggled; else u->hl is
 * the choice to toggle.
 */
static bool
ui_choice_digit(struct ui *u, int d, int n, bool multi)
{
	int v = u->num * 10 + d;

	if (u->num > 0 && v <= n) {
		/* Undo the pick of the shorter number. */
		if (multi && u->num - 1 < 256)
			u->multi[u->num - 1] = !u->multi[u->num - 1];
		u->num = v;
	} else if (d >= 1 && d <= n)
		u->num = d;
	else {
		u->num = 0;
		return true;
	}
	u->hl = u->num - 1;
	if (u->num * 10 > n)
		u->num = 0;
	return false;
}

static const char *
ui_label(const struct ui *u, const char *const *t)
{
	const char *s = t != NULL ? form_text(engine_form(u->e), t,
	    engine_lang(u->e)) : NULL;

	return s != NULL ? s : "";
}

/* Reload the working state of the current question from the engine. */
static void
ui_load(struct ui *u)
{
	const form *f = engine_form(u->e);
	const struct form_field *fl;
	const char *v;
	int i, n;
	const int *ch;

	u->field = engine_current(u->e);
	u->hl = 0;
	u->num = 0;
	memset(u->multi, 0, sizeof u->multi);
	ui_line_set(&u->line, "");
	if (u->field < 0)
		return;
	fl = form_field(f, u->field);
	v = engine_value(u->e, u->field);
	if (fl->type == FORM_SELECT_ONE || fl->type == FORM_SELECT_MULTIPLE) {
		ch = engine_choices(u->e, u->field, &n);
		for (i = 0; i < n && i < 256; i++) {
			const char *nm = form_choice(f, fl->list, ch[i])->name;
			size_t k = strlen(nm);
			const char *p = v;

			while ((p = strstr(p, nm)) != NULL) {
				if ((p == v || p[-1] == ' ') &&
				    (p[k] == '\0' || p[k] == ' ')) {
					u->multi[i] = true;
					if (fl->type == FORM_SELECT_ONE)
						u->hl = i;
					break;
				}
				p += k;
			}
		}
	} else {
		char *t = engine_edit_text(u->e, u->field);

		ui_line_set(&u->line, t);
		free(t);
	}
}

static void
ui_draw(struct ui *u)
{
	const form *f = engine_form(u->e);
	const struct form_field *fl;
	int rows, cols, y, i, n, shown = 0, pos = 0, cx = -1, cy = -1;
	const int *ch;
	char hdr[256];

	getmaxyx(stdscr, rows, cols);
	erase();
	for (i = 0; i < form_nfields(f); i++) {
		fl = form_field(f, i);
		if (!form_is_question(fl) || fl->type == FORM_GROUP ||
		    fl->type == FORM_CALCULATE || !engine_relevant(u->e, i))
			continue;
		shown++;
		if (i <= u->field)
			pos = shown;
	}
	attron(ui_attr(UI_LOOK_BAR));
	mvhline(0, 0, ' ', cols);
	if (u->field >= 0)
		snprintf(hdr, sizeof hdr, _("%d of %d  %s"), pos, shown,
		    u->who);
	else
		snprintf(hdr, sizeof hdr, _("end  %s"), u->who);
	{
		int w = ui_width(hdr);

		if (w < cols - 2)
			ui_text(0, cols - 1 - w, w, hdr, 1);
		else
			w = 0;
		/* The title takes what the position leaves. */
		if (cols - w - 4 > 0)
			ui_text(0, 1, cols - w - 4, form_title(f), 1);
	}
	attroff(ui_attr(UI_LOOK_BAR));
	y = 2;
	if (u->field < 0) {
		int missing = 0;

		ui_text(y++, 1, cols - 2, _("End of the interview."), 1);
		y++;
		for (i = 0; i < form_nfields(f); i++) {
			char *c = NULL;

			fl = form_field(f, i);
			if (!engine_relevant(u->e, i) ||
			    fl->type == FORM_GROUP)
				continue;
			if (engine_check(u->e, i, &c) != 0) {
				if (y < rows - 3) {
					char line[512];

					snprintf(line, sizeof line, "%s: %s",
					    fl->name, c != NULL ? c : "");
					ui_text(y++, 3, cols - 4, line, 1);
				}
				missing++;
			}
			free(c);
		}
		ui_text(3, 1, cols - 2, missing > 0 ?
		    _("Missing or invalid answers (PgUp to go back):") :
		    _("Nothing is missing. Enter finalizes."), 1);
		goto foot;
	}
	fl = form_field(f, u->field);
	y += ui_text(y, 1, cols - 2, ui_label(u, fl->label), 6);
	if (ui_label(u, fl->hint)[0] != '\0') {
		attron(A_DIM);
		y += ui_text(y, 1, cols - 2, ui_label(u, fl->hint), 2);
		attroff(A_DIM);
	}
	y++;
	switch (fl->type) {
	case FORM_SELECT_ONE:
	case FORM_SELECT_MULTIPLE:
		ch = engine_choices(u->e, u->field, &n);
		for (i = 0; i < n && y < rows - 3; i++, y++) {
			char mark[32];

			if (fl->type == FORM_SELECT_ONE)
				snprintf(mark, sizeof mark, "%s%d. ",
				    u->multi[i] ? "(*) " : "( ) ", i + 1);
			else
				snprintf(mark, sizeof mark, "%s%d. ",
				    u->multi[i] ? "[x] " : "[ ] ", i + 1);
			if (i == u->hl)
				attron(A_REVERSE);
			mvaddstr(y, 2, mark);
			ui_text(y, 2 + (int)strlen(mark),
			    cols - 3 - (int)strlen(mark), ui_label(u,
			    form_choice(f, fl->list, ch[i])->label), 1);
			if (i == u->hl)
				attroff(A_REVERSE);
		}
		break;
	case FORM_NOTE:
		break;
	case FORM_ACKNOWLEDGE:
		mvaddstr(y, 2, u->multi[0] ? "[x] " : "[ ] ");
		ui_text(y, 6, cols - 8, _("OK (Space)"), 1);
		break;
	default: {
		char *s = ui_line_get(&u->line);
		int w = 0;

		for (i = 0; i < u->line.cur; i++) {
			int cw = width_cp((int32_t)u->line.buf[i]);
			w += cw >= 0 ? cw : 1;
		}
		mvaddstr(y, 2, "> ");
		ui_text(y, 4, cols - 6, s, 1);
		free(s);
		cy = y;
		cx = 4 + w;
		if (fl->type == FORM_DATE)
			ui_text(y + 1, 4, cols - 6, _("YYYY-MM-DD"), 1);
		break;
	}
	}
foot:
	if (u->msg != NULL) {
		attron(ui_attr(UI_LOOK_MSG));
		ui_text(rows - 2, 1, cols - 2, u->msg, 1);
		attroff(ui_attr(UI_LOOK_MSG));
	}
	attron(ui_attr(UI_LOOK_BAR));
	mvhline(rows - 1, 0, ' ', cols);
	ui_text(rows - 1, 0, cols, _("Enter next  PgUp back  F2 language  "
	    "F3 jump  F10 save and leave"), 1);
	attroff(ui_attr(UI_LOOK_BAR));
	if (cx >= 0) {
		curs_set(1);
		move(cy, cx < cols ? cx : cols - 1);
	} else
		curs_set(0);
	refresh();
}

static void
ui_set_msg(struct ui *u, char *m)
{
	free(u->msg);
	u->msg = m;
}

/* Give the working answer to the engine, then confirm it in the store. */
static int
ui_commit(struct ui *u, char **cause)
{
	const form *f = engine_form(u->e);
	const struct form_field *fl = form_field(f, u->field);
	char *text = NULL, *c = NULL;
	int rc, i, n;
	const int *ch;

	switch (fl->type) {
	case FORM_SELECT_ONE:
	case FORM_SELECT_MULTIPLE: {
		size_t cap = 1, len = 0;

		ch = engine_choices(u->e, u->field, &n);
		for (i = 0; i < n && i < 256; i++)
			if (u->multi[i])
				cap += strlen(form_choice(f, fl->list,
				    ch[i])->name) + 1;
		text = xmalloc(cap);
		text[0] = '\0';
		for (i = 0; i < n && i < 256; i++) {
			const char *nm;

			if (!u->multi[i])
				continue;
			nm = form_choice(f, fl->list, ch[i])->name;
			if (len > 0)
				text[len++] = ' ';
			memcpy(text + len, nm, strlen(nm) + 1);
			len += strlen(nm);
		}
		break;
	}
	case FORM_NOTE:
		return 0;
	case FORM_ACKNOWLEDGE:
		text = xstrdup(u->multi[0] ? "OK" : "");
		break;
	default:
		text = ui_line_get(&u->line);
	}
	c = engine_edit_text(u->e, u->field);
	if (strcmp(text, c) == 0 ||
	    strcmp(text, engine_value(u->e, u->field)) == 0) {
		free(c);
		free(text);
		return 0;
	}
	free(c);
	c = NULL;
	rc = engine_set(u->e, u->field, text, &c);
	free(text);
	if (rc == KESU_EDATA) {
		ui_set_msg(u, c);
		return rc;
	}
	if (rc != 0) {
		*cause = c;
		return rc;
	}
	return store_session_confirm(u->ss, cause);
}

int
ui_interview(engine *e, store_session *ss, const char *interviewer,
    enum ui_end *how, char **cause)
{
	struct ui u;
	const form *f = engine_form(e);
	int rc = 0;

	memset(&u, 0, sizeof u);
	u.e = e;
	u.ss = ss;
	u.who = interviewer;
	*how = UI_LEFT;
	ui_load(&u);
	for (;;) {
		const struct form_field *fl;
		wint_t k;
		int r, n = 0;
		bool choice;

		if (ui_term_signalled())
			break;
		ui_draw(&u);
		r = ui_key(&k);
		if (r == ERR)
			continue;
		fl = u.field >= 0 ? form_field(f, u.field) : NULL;
		choice = fl != NULL && (fl->type == FORM_SELECT_ONE ||
		    fl->type == FORM_SELECT_MULTIPLE);
		if (choice)
			(void)engine_choices(e, u.field, &n);
		if (r == KEY_CODE_YES && k == KEY_RESIZE)
			continue;
		if (r == KEY_CODE_YES && k == KEY_F(10))
			break;
		if (r == OK && k == 3) { /* ^C in raw mode */
			break;
		}
		if (r == KEY_CODE_YES && k == KEY_F(2)) {
			int nl = form_nlangs(f);

			if (nl > 1) {
				engine_set_lang(e, (engine_lang(e) + 1) % nl);
				store_session_event(ss, STORE_EV_LANG, NULL,
				    form_lang_code(f, engine_lang(e)));
			}
			continue;
		}
		if (r == KEY_CODE_YES && k == KEY_F(3)) {
			int to = ui_jump(e, u.field);

			if (to >= 0 && to != u.field) {
				engine_goto(e, to);
				store_session_event(ss, STORE_EV_JUMP,
				    form_field(f, to)->name, NULL);
				/* The new position is kept at once. */
				if ((rc = store_session_confirm(ss,
				    cause)) != 0)
					goto out;
				ui_set_msg(&u, NULL);
				ui_load(&u);
			}
			continue;
		}
		if ((r == KEY_CODE_YES && k == KEY_PPAGE) ||
		    (choice && r == KEY_CODE_YES && k == KEY_LEFT)) {
			engine_prev(e);
			store_session_event(ss, STORE_EV_PREV, NULL, NULL);
			ui_set_msg(&u, NULL);
			ui_load(&u);
			continue;
		}
		if ((r == OK && (k == '\n' || k == '\r')) ||
		    (r == KEY_CODE_YES && (k == KEY_ENTER || k == KEY_NPAGE)) ||
		    (choice && r == KEY_CODE_YES && k == KEY_RIGHT)) {
			char *c = NULL;

			if (u.field < 0) {
				if (engine_first(e) >= 0) {
					int i;

					for (i = 0; i < form_nfields(f); i++)
						if (engine_relevant(e, i) &&
						    engine_check(e, i, &c) != 0)
							break;
					free(c);
					c = NULL;
					if (i < form_nfields(f))
						continue;
				}
				rc = store_session_finalize(ss, NULL, NULL, &c);
				if (rc == KESU_EDATA) {
					ui_set_msg(&u, c);
					rc = 0;
					continue;
				}
				if (rc != 0) {
					*cause = c;
					goto out;
				}
				*how = UI_FINALIZED;
				goto out;
			}
			rc = ui_commit(&u, &c);
			if (rc == KESU_EDATA) {
				rc = 0;
				continue;
			}
			if (rc != 0) {
				*cause = c;
				goto out;
			}
			if ((rc = engine_next(e, &c)) == KESU_EDATA) {
				ui_set_msg(&u, c);
				rc = 0;
				continue;
			}
			if (rc != 0) {
				*cause = c;
				goto out;
			}
			store_session_event(ss, STORE_EV_NEXT, NULL, NULL);
			if ((rc = store_session_confirm(ss, &c)) != 0) {
				*cause = c;
				goto out;
			}
			ui_set_msg(&u, NULL);
			ui_load(&u);
			continue;
		}
		if (fl == NULL)
			continue;
		if (choice) {
			if (r == OK && k >= '0' && k <= '9') {
				if (ui_choice_digit(&u, (int)(k - '0'), n,
				    fl->type == FORM_SELECT_MULTIPLE))
					continue;
				goto toggle;
			}
			u.num = 0;
			if (r == KEY_CODE_YES && k == KEY_UP && u.hl > 0)
				u.hl--;
			else if (r == KEY_CODE_YES && k == KEY_DOWN &&
			    u.hl < n - 1)
				u.hl++;
			else if (r == OK && k == ' ')
				goto toggle;
			continue;
toggle:
			if (u.hl >= 256)
				continue;
			if (fl->type == FORM_SELECT_ONE) {
				bool was = u.multi[u.hl];

				memset(u.multi, 0, sizeof u.multi);
				u.multi[u.hl] = !was || true;
			} else
				u.multi[u.hl] = !u.multi[u.hl];
			continue;
		}
		if (fl->type == FORM_ACKNOWLEDGE) {
			if (r == OK && (k == ' ' || k == '1'))
				u.multi[0] = !u.multi[0];
			continue;
		}
		if (fl->type == FORM_NOTE)
			continue;
		ui_line_key(&u.line, k, r == KEY_CODE_YES);
	}
	{
		char *c = NULL;

		if ((rc = store_session_save(ss, &c)) != 0)
			*cause = c;
	}
out:
	free(u.msg);
	return rc;
}

/*
 * ui.c - the question screen over the engine (keys: DESIGN.md).
 */
#include <locale.h>
#include <stdint.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#include "ui/ui.h"
#include "ui/ui_int.h"
#include "util/i18n.h"
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
	enum ui_end *how;
	int rc;           /* an error that ended the screen, in *cause */
	char **cause;
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
		int w = 0;
		mbstate_t st;
		const char *p = hdr;
		wchar_t wc;
		size_t k;

		memset(&st, 0, sizeof st);
		while ((k = mbrtowc(&wc, p, strlen(p), &st)) > 0 &&
		    k < (size_t)-2) {
			w += wcwidth(wc) > 0 ? wcwidth(wc) : 1;
			p += k;
		}
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
			int cw = wcwidth(u->line.buf[i]);
			w += cw > 0 ? cw : 1;
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

/*
 * The keys (DESIGN.md "Interview keys") as a table: each row says where a
 * key applies and what it does.  A handler returns what the loop does
 * next; on an error it sets u->rc and u->cause and returns UI_OUT.
 */
enum ui_go {
	UI_STAY,  /* draw again and wait for the next key */
	UI_SAVE,  /* save the draft and leave */
	UI_OUT    /* leave now (finalized, or an error) */
};

/* Where a key applies: the end screen or the kind of question shown. */
#define UI_ON_END    0x01u
#define UI_ON_CHOICE 0x02u
#define UI_ON_TYPED  0x04u  /* text, numbers, dates */
#define UI_ON_NOTE   0x08u
#define UI_ON_ACK    0x10u
#define UI_ON_QUEST  (UI_ON_CHOICE | UI_ON_TYPED | UI_ON_NOTE | UI_ON_ACK)
#define UI_ON_ANY    (UI_ON_END | UI_ON_QUEST)

struct ui_keydef {
	int r;           /* OK: a character; KEY_CODE_YES: a function key */
	wint_t lo, hi;   /* the keys lo..hi */
	unsigned on;     /* UI_ON_* */
	enum ui_go (*fn)(struct ui *u, wint_t k, bool fn_key);
};

/* Where the screen is now, as UI_ON_*. */
static unsigned
ui_where(const struct ui *u)
{
	const struct form_field *fl;

	if (u->field < 0)
		return UI_ON_END;
	fl = form_field(engine_form(u->e), u->field);
	switch (fl->type) {
	case FORM_SELECT_ONE:
	case FORM_SELECT_MULTIPLE:
		return UI_ON_CHOICE;
	case FORM_NOTE:
		return UI_ON_NOTE;
	case FORM_ACKNOWLEDGE:
		return UI_ON_ACK;
	default:
		return UI_ON_TYPED;
	}
}

/* An error from the store or the engine ends the screen. */
static enum ui_go
ui_fail(struct ui *u, int rc, char *c)
{
	u->rc = rc;
	*u->cause = c;
	return UI_OUT;
}

static enum ui_go
ui_k_leave(struct ui *u, wint_t k, bool fn)
{
	(void)u;
	(void)k;
	(void)fn;
	return UI_SAVE;
}

static enum ui_go
ui_k_lang(struct ui *u, wint_t k, bool fn)
{
	const form *f = engine_form(u->e);
	int nl = form_nlangs(f);

	(void)k;
	(void)fn;
	if (nl > 1) {
		engine_set_lang(u->e, (engine_lang(u->e) + 1) % nl);
		store_session_event(u->ss, STORE_EV_LANG, NULL,
		    form_lang_code(f, engine_lang(u->e)));
	}
	return UI_STAY;
}

static enum ui_go
ui_k_jump(struct ui *u, wint_t k, bool fn)
{
	int to = ui_jump(u->e, u->field), rc;
	char *c = NULL;

	(void)k;
	(void)fn;
	if (to < 0 || to == u->field)
		return UI_STAY;
	engine_goto(u->e, to);
	store_session_event(u->ss, STORE_EV_JUMP,
	    form_field(engine_form(u->e), to)->name, NULL);
	/* The new position is kept at once. */
	if ((rc = store_session_confirm(u->ss, &c)) != 0)
		return ui_fail(u, rc, c);
	ui_set_msg(u, NULL);
	ui_load(u);
	return UI_STAY;
}

static enum ui_go
ui_k_back(struct ui *u, wint_t k, bool fn)
{
	(void)k;
	(void)fn;
	engine_prev(u->e);
	store_session_event(u->ss, STORE_EV_PREV, NULL, NULL);
	ui_set_msg(u, NULL);
	ui_load(u);
	return UI_STAY;
}

/* Enter on a question: keep its answer and go on. */
static enum ui_go
ui_k_next(struct ui *u, wint_t k, bool fn)
{
	char *c = NULL;
	int rc;

	(void)k;
	(void)fn;
	if ((rc = ui_commit(u, &c)) == KESU_EDATA)
		return UI_STAY;
	if (rc != 0)
		return ui_fail(u, rc, c);
	if ((rc = engine_next(u->e, &c)) == KESU_EDATA) {
		ui_set_msg(u, c);
		return UI_STAY;
	}
	if (rc != 0)
		return ui_fail(u, rc, c);
	store_session_event(u->ss, STORE_EV_NEXT, NULL, NULL);
	if ((rc = store_session_confirm(u->ss, &c)) != 0)
		return ui_fail(u, rc, c);
	ui_set_msg(u, NULL);
	ui_load(u);
	return UI_STAY;
}

/* Enter on the end screen: finalize when nothing is missing. */
static enum ui_go
ui_k_finish(struct ui *u, wint_t k, bool fn)
{
	const form *f = engine_form(u->e);
	char *c = NULL;
	int rc, i;

	(void)k;
	(void)fn;
	if (engine_first(u->e) >= 0) {
		for (i = 0; i < form_nfields(f); i++)
			if (engine_relevant(u->e, i) &&
			    engine_check(u->e, i, &c) != 0)
				break;
		free(c);
		c = NULL;
		if (i < form_nfields(f))
			return UI_STAY;
	}
	rc = store_session_finalize(u->ss, NULL, NULL, &c);
	if (rc == KESU_EDATA) {
		ui_set_msg(u, c);
		return UI_STAY;
	}
	if (rc != 0)
		return ui_fail(u, rc, c);
	*u->how = UI_FINALIZED;
	return UI_OUT;
}

/* Mark the highlighted choice: the only one of a select_one, toggled in
 * a select_multiple. */
static void
ui_toggle(struct ui *u)
{
	const struct form_field *fl = form_field(engine_form(u->e), u->field);

	if (u->hl >= 256)
		return;
	if (fl->type == FORM_SELECT_ONE) {
		memset(u->multi, 0, sizeof u->multi);
		u->multi[u->hl] = true;
	} else
		u->multi[u->hl] = !u->multi[u->hl];
}

static enum ui_go
ui_k_digit(struct ui *u, wint_t k, bool fn)
{
	const struct form_field *fl = form_field(engine_form(u->e), u->field);
	int n;

	(void)fn;
	(void)engine_choices(u->e, u->field, &n);
	if (!ui_choice_digit(u, (int)(k - '0'), n,
	    fl->type == FORM_SELECT_MULTIPLE))
		ui_toggle(u);
	return UI_STAY;
}

static enum ui_go
ui_k_move(struct ui *u, wint_t k, bool fn)
{
	int n;

	(void)fn;
	(void)engine_choices(u->e, u->field, &n);
	if (k == KEY_UP && u->hl > 0)
		u->hl--;
	else if (k == KEY_DOWN && u->hl < n - 1)
		u->hl++;
	return UI_STAY;
}

static enum ui_go
ui_k_toggle(struct ui *u, wint_t k, bool fn)
{
	(void)k;
	(void)fn;
	ui_toggle(u);
	return UI_STAY;
}

static enum ui_go
ui_k_ack(struct ui *u, wint_t k, bool fn)
{
	(void)k;
	(void)fn;
	u->multi[0] = !u->multi[0];
	return UI_STAY;
}

/* Any other key on a typed question goes to the line editor. */
static enum ui_go
ui_k_type(struct ui *u, wint_t k, bool fn)
{
	ui_line_key(&u->line, k, fn);
	return UI_STAY;
}

#define FK KEY_CODE_YES
static const struct ui_keydef ui_keys[] = {
	{ FK, KEY_F(10), KEY_F(10), UI_ON_ANY, ui_k_leave },
	{ OK, 3, 3, UI_ON_ANY, ui_k_leave },            /* ^C in raw mode */
	{ FK, KEY_F(2), KEY_F(2), UI_ON_ANY, ui_k_lang },
	{ FK, KEY_F(3), KEY_F(3), UI_ON_ANY, ui_k_jump },
	{ FK, KEY_PPAGE, KEY_PPAGE, UI_ON_ANY, ui_k_back },
	{ FK, KEY_LEFT, KEY_LEFT, UI_ON_CHOICE, ui_k_back },
	{ OK, '\n', '\n', UI_ON_QUEST, ui_k_next },
	{ OK, '\r', '\r', UI_ON_QUEST, ui_k_next },
	{ FK, KEY_ENTER, KEY_ENTER, UI_ON_QUEST, ui_k_next },
	{ FK, KEY_NPAGE, KEY_NPAGE, UI_ON_QUEST, ui_k_next },
	{ FK, KEY_RIGHT, KEY_RIGHT, UI_ON_CHOICE, ui_k_next },
	{ OK, '\n', '\n', UI_ON_END, ui_k_finish },
	{ OK, '\r', '\r', UI_ON_END, ui_k_finish },
	{ FK, KEY_ENTER, KEY_ENTER, UI_ON_END, ui_k_finish },
	{ FK, KEY_NPAGE, KEY_NPAGE, UI_ON_END, ui_k_finish },
	{ OK, '0', '9', UI_ON_CHOICE, ui_k_digit },
	{ FK, KEY_UP, KEY_UP, UI_ON_CHOICE, ui_k_move },
	{ FK, KEY_DOWN, KEY_DOWN, UI_ON_CHOICE, ui_k_move },
	{ OK, ' ', ' ', UI_ON_CHOICE, ui_k_toggle },
	{ OK, ' ', ' ', UI_ON_ACK, ui_k_ack },
	{ OK, '1', '1', UI_ON_ACK, ui_k_ack },
	{ OK, 0, WINT_MAX, UI_ON_TYPED, ui_k_type },
	{ FK, 0, WINT_MAX, UI_ON_TYPED, ui_k_type },
};
#undef FK

/* The first row of the table for key k (r: get_wch()'s result) here. */
static const struct ui_keydef *
ui_key_find(const struct ui *u, int r, wint_t k)
{
	unsigned where = ui_where(u);
	size_t i;

	for (i = 0; i < sizeof ui_keys / sizeof ui_keys[0]; i++)
		if (ui_keys[i].r == r && k >= ui_keys[i].lo &&
		    k <= ui_keys[i].hi && (ui_keys[i].on & where) != 0)
			return &ui_keys[i];
	return NULL;
}

int
ui_interview(engine *e, store_session *ss, const char *interviewer,
    enum ui_end *how, char **cause)
{
	struct ui u;
	enum ui_go go = UI_STAY;
	char *c = NULL;
	int rc;

	memset(&u, 0, sizeof u);
	u.e = e;
	u.ss = ss;
	u.who = interviewer;
	u.how = how;
	u.cause = cause;
	*how = UI_LEFT;
	ui_load(&u);
	while (go == UI_STAY && !ui_term_signalled()) {
		const struct ui_keydef *d;
		wint_t k;
		int r;

		ui_draw(&u);
		if ((r = ui_key(&k)) == ERR)
			continue;
		/* A number of a choice ends at any key but a digit. */
		if (r != OK || k < '0' || k > '9')
			u.num = 0;
		if ((d = ui_key_find(&u, r, k)) != NULL)
			go = d->fn(&u, k, r == KEY_CODE_YES);
	}
	if (go != UI_OUT && (rc = store_session_save(ss, &c)) != 0)
		(void)ui_fail(&u, rc, c);
	free(u.msg);
	return u.rc;
}

/*
 * ui.c - the question screen over the engine (keys: docs/cli.md).
 *
 * What the interviewer has on the screen is never lost: Enter keeps a
 * valid answer; F10, Ctrl-C, a signal and a lost terminal keep it too, and
 * input that is not valid is held in the draft as pending input, shown
 * again with its message on resume.  Every question shown is recorded as
 * a "show" event, so the paradata times each question.
 */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "ui/ui.h"
#include "ui/ui_int.h"
#include "util/clock.h"
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
	bool sel;         /* the line is selected: a key typed replaces it */
	char *msg;        /* status line: the engine's message, a comment */
	const char *note; /* status line: a message of kesu's (a msgid) */
	enum {
		UI_MSG_OTHER,     /* msg as it came */
		UI_MSG_INPUT,     /* the engine's verdict on the input shown */
		UI_MSG_ANSWER,    /* its verdict on the answer kept */
		UI_MSG_COMMENT    /* the supervisor's comment */
	} kind;           /* what msg is, to make it again after F2 */
	const char *comment; /* a reopened record's (the caller's) */
	int num;          /* choice number being typed (beyond 9), 0: none */
	double num_at;    /* when its last digit came (clock_mono()) */
	int end_hl;       /* end screen: the missing question highlighted */
	int end_top;      /* and the first one shown */
	bool *seen;       /* by field: shown in this sitting (the jump list) */
	enum ui_end *how;
	int rc;           /* an error that ended the screen, in *cause */
	char **cause;
};

/*
 * The pause that ends a choice number, in seconds: $KESU_DIGIT_PAUSE_MS
 * milliseconds (read once; for tests and slow typists), else one second.
 */
static double
ui_digit_pause(void)
{
	static double pause = -1;
	const char *s;
	char *end;
	long ms;

	if (pause < 0) {
		pause = 1.0;
		if ((s = getenv("KESU_DIGIT_PAUSE_MS")) != NULL) {
			ms = strtol(s, &end, 10);
			if (end != s && *end == '\0' && ms > 0 && ms < 60000)
				pause = (double)ms / 1000;
		}
	}
	return pause;
}

/* Can the choice number being typed still grow by a digit? */
static bool
ui_num_open(const struct ui *u, int n)
{
	return u->num > 0 && u->num * 10 <= n &&
	    clock_mono() - u->num_at < ui_digit_pause();
}

/*
 * A digit on a choice question.  With up to 9 choices a digit picks its
 * choice.  Beyond 9 the digits typed without a pause make the number (1
 * picks choice 1 at once, a 2 right after moves that pick to 12); a pause
 * of ui_digit_pause(), or a digit that would make a number beyond the
 * list, starts a new number.  Returns true when nothing is to be toggled;
 * else u->hl is the choice to toggle.
 */
static bool
ui_choice_digit(struct ui *u, int d, int n, bool multi)
{
	int v = u->num * 10 + d;

	if (ui_num_open(u, n) && v <= n) {
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
	u->num_at = clock_mono();
	u->hl = u->num - 1;
	return false;
}

static const char *
ui_label(const struct ui *u, const char *const *t)
{
	const char *s = t != NULL ? form_text(engine_form(u->e), t,
	    engine_lang(u->e)) : NULL;

	return s != NULL ? s : "";
}

/* A label, hint or note of the form as the screen shows it, each
 * ${name} replaced by that field's value (engine_text); "" when there is
 * none.  Caller frees. */
static char *
ui_form_text(const struct ui *u, const char *const *t)
{
	char *s = engine_text(u->e, t);

	return s != NULL ? s : xstrdup("");
}

static void
ui_set_msg(struct ui *u, char *m)
{
	free(u->msg);
	u->msg = m;
	u->note = NULL;
	u->kind = UI_MSG_OTHER;
}

/* Mark the choices of the current question that text (choice names,
 * space-separated) names. */
static void
ui_mark(struct ui *u, const char *v)
{
	const form *f = engine_form(u->e);
	const struct form_field *fl = form_field(f, u->field);
	const int *ch;
	int i, n;

	memset(u->multi, 0, sizeof u->multi);
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
}

/* Reload the working state of the current question from the engine, and
 * record that it is shown. */
static void
ui_load(struct ui *u)
{
	const form *f = engine_form(u->e);
	const struct form_field *fl;

	u->field = engine_current(u->e);
	u->hl = 0;
	u->num = 0;
	u->sel = false;
	u->end_hl = u->end_top = 0;
	memset(u->multi, 0, sizeof u->multi);
	ui_line_set(&u->line, "");
	store_session_event(u->ss, STORE_EV_SHOW, u->field >= 0 ?
	    form_field(f, u->field)->name : NULL, NULL);
	if (u->field < 0)
		return;
	u->seen[u->field] = true;
	fl = form_field(f, u->field);
	if (fl->repeat)
		return;
	if (fl->type == FORM_SELECT_ONE || fl->type == FORM_SELECT_MULTIPLE)
		ui_mark(u, engine_value(u->e, u->field));
	else if (fl->type == FORM_ACKNOWLEDGE)
		u->multi[0] = engine_value(u->e, u->field)[0] != '\0';
	else {
		char *t = engine_edit_text(u->e, u->field);

		ui_line_set(&u->line, t);
		free(t);
	}
}


/* What a typed answer of fl's type looks like, under the input line. */
static const char *
input_hint(const struct form_field *fl)
{
	switch (fl->type) {
	case FORM_DATE:
		return _("YYYY-MM-DD");
	case FORM_TIME:
		return _("HH:MM");
	case FORM_DATETIME:
		return _("YYYY-MM-DD HH:MM");
	case FORM_GEOPOINT:
		return _("latitude longitude, as 39.9042 116.4074");
	default:
		return NULL;
	}
}

/* The questions shown now that are missing or invalid; *n set.  Caller
 * frees. */
static int *
ui_missing(const struct ui *u, int *n)
{
	const form *f = engine_form(u->e);
	int *v = xreallocarray(NULL, (size_t)form_nfields(f) + 1, sizeof *v);
	int i;

	*n = 0;
	for (i = 0; i < form_nfields(f); i++) {
		const struct form_field *fl = form_field(f, i);
		char *c = NULL;

		if (!engine_relevant(u->e, i) || fl->type == FORM_GROUP)
			continue;
		if (engine_check(u->e, i, &c) != 0)
			v[(*n)++] = i;
		free(c);
	}
	return v;
}

/* The end screen: what is missing, one line each (number, label and
 * message), scrolling, the highlighted one to go to with Enter. */
static void
ui_draw_end(struct ui *u, int rows, int cols, int nmiss, const int *miss)
{
	const form *f = engine_form(u->e);
	int list = rows - 8, y = 5, i;

	ui_text(2, 1, cols - 2, _("End of the interview."), 1);
	if (nmiss == 0) {
		ui_text(3, 1, cols - 2, _("Nothing is missing. Enter "
		    "finalizes."), 1);
		return;
	}
	ui_text(3, 1, cols - 2, _("Missing or invalid answers (Enter goes "
	    "to the one highlighted):"), 1);
	if (list < 1)
		list = 1;
	if (u->end_hl >= nmiss)
		u->end_hl = nmiss - 1;
	if (u->end_hl < u->end_top)
		u->end_top = u->end_hl;
	if (u->end_hl >= u->end_top + list)
		u->end_top = u->end_hl - list + 1;
	if (u->end_top > 0)
		ui_text(4, 3, cols - 4, _("↑ more above"), 1);
	for (i = u->end_top; i < nmiss && i < u->end_top + list; i++, y++) {
		const struct form_field *fl = form_field(f, miss[i]);
		char *lab = ui_form_text(u, fl->label);
		char *c = NULL, *line;

		if (engine_check(u->e, miss[i], &c) == 0) {
			free(c);
			c = NULL;
		}
		/* L10N: a missing answer on the end screen: the question's
		 * number, its label and why it is missing. */
		line = kesu_msg(_("%3d. %s: %s"), ui_qnum(f, miss[i], NULL),
		    lab[0] != '\0' ? lab : fl->name, c != NULL ? c : "");
		free(lab);
		free(c);
		if (i == u->end_hl)
			attron(A_REVERSE);
		mvhline(y, 2, ' ', cols - 3);
		ui_text(y, 2, cols - 3, line, 1);
		if (i == u->end_hl)
			attroff(A_REVERSE);
		free(line);
	}
	if (i < nmiss) {
		char *more = kesu_msg(_("↓ %d more below"), nmiss - i);

		ui_text(y, 3, cols - 4, more, 1);
		free(more);
	}
}

/* The status line: a choice number being typed, else the message. */
static void
ui_draw_status(struct ui *u, int rows, int cols)
{
	char *s = NULL;
	int n = 0;

	if (u->num > 0 && u->field >= 0) {
		(void)engine_choices(u->e, u->field, &n);
		if (n > 9)
			s = kesu_msg(ui_num_open(u, n) ?
			    _("Choice number %d (a digit now makes it longer); "
			    "Enter confirms") :
			    _("Choice number %d; Enter confirms"), u->num);
	}
	if (s == NULL && u->note == NULL && u->msg == NULL)
		return;
	attron(ui_attr(UI_LOOK_MSG));
	ui_text(rows - 2, 1, cols - 2, s != NULL ? s : u->note != NULL ?
	    _(u->note) : u->msg, 1);
	attroff(ui_attr(UI_LOOK_MSG));
	free(s);
}

static void
ui_draw(struct ui *u)
{
	const form *f = engine_form(u->e);
	const struct form_field *fl;
	int rows, cols, y, i, n, total, nmiss = 0, cx = -1, cy = -1;
	int *miss = NULL;
	const int *ch;
	char *hdr;

	getmaxyx(stdscr, rows, cols);
	erase();
	attron(ui_attr(UI_LOOK_BAR));
	mvhline(0, 0, ' ', cols);
	/* The position among all questions of the form: it only grows as
	 * the interview goes on, whatever skip logic leaves out. */
	if (u->field >= 0) {
		i = ui_qnum(f, u->field, &total);
		/* L10N: the header: question N of all questions of the
		 * form, then the interviewer. */
		hdr = kesu_msg(_("Question %d of %d  %s"), i, total, u->who);
	} else
		hdr = kesu_msg(_("end  %s"), u->who);
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
	free(hdr);
	attroff(ui_attr(UI_LOOK_BAR));
	y = 2;
	if (u->field < 0) {
		miss = ui_missing(u, &nmiss);
		ui_draw_end(u, rows, cols, nmiss, miss);
		free(miss);
		goto foot;
	}
	fl = form_field(f, u->field);
	if (fl->repeat) {
		ui_repeat_draw(u->e, u->field, y, cols);
		goto foot;
	}
	{
		char *where = ui_repeat_where(u->e, u->field);

		if (where != NULL)
			ui_text(1, 1, cols - 2, where, 1);
		free(where);
	}
	{
		char *label = ui_form_text(u, fl->label);
		char *hint = ui_form_text(u, fl->hint);

		y += ui_text(y, 1, cols - 2, label, 6);
		if (hint[0] != '\0') {
			attron(A_DIM);
			y += ui_text(y, 1, cols - 2, hint, 2);
			attroff(A_DIM);
		}
		free(label);
		free(hint);
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
		if (u->sel)
			attron(A_REVERSE);
		ui_text(y, 4, cols - 6, s, 1);
		if (u->sel)
			attroff(A_REVERSE);
		free(s);
		cy = y;
		cx = 4 + w;
		if (input_hint(fl) != NULL)
			ui_text(y + 1, 4, cols - 6, input_hint(fl), 1);
		break;
	}
	}
foot:
	ui_draw_status(u, rows, cols);
	attron(ui_attr(UI_LOOK_BAR));
	mvhline(rows - 1, 0, ' ', cols);
	if (u->field >= 0)
		ui_text(rows - 1, 0, cols, _("Enter next  PgUp back  "
		    "F2 language  F3 jump  F10 save and leave"), 1);
	else if (nmiss > 0)
		ui_text(rows - 1, 0, cols, _("Up/Down choose  Enter go there  "
		    "Left back  F3 jump  F10 save and leave"), 1);
	else
		ui_text(rows - 1, 0, cols, _("Enter finalize  PgUp back  "
		    "F2 language  F3 jump  F10 save and leave"), 1);
	attroff(ui_attr(UI_LOOK_BAR));
	if (cx >= 0) {
		curs_set(1);
		move(cy, cx < cols ? cx : cols - 1);
	} else
		curs_set(0);
	refresh();
}

/* The working answer of the current question as the engine takes it
 * (choice names, the line), or NULL for a note.  Caller frees. */
static char *
ui_work(const struct ui *u)
{
	const form *f = engine_form(u->e);
	const struct form_field *fl = form_field(f, u->field);
	char *text;
	size_t cap = 1, len = 0;
	int i, n;
	const int *ch;

	switch (fl->type) {
	case FORM_SELECT_ONE:
	case FORM_SELECT_MULTIPLE:
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
		return text;
	case FORM_NOTE:
		return NULL;
	case FORM_ACKNOWLEDGE:
		return xstrdup(u->multi[0] ? "OK" : "");
	default:
		return ui_line_get(&u->line);
	}
}

/*
 * Give the working answer to the engine, then confirm it in the store.
 * KESU_EDATA when the engine refuses it: its message is on the status
 * line and a typed value is selected, so the next key replaces it.
 */
static int
ui_commit(struct ui *u, char **cause)
{
	char *text = ui_work(u), *c = NULL;
	int rc;

	if (text == NULL)
		return 0;
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
		u->kind = UI_MSG_INPUT;
		u->sel = u->line.len > 0;
		return rc;
	}
	if (rc != 0) {
		*cause = c;
		return rc;
	}
	return store_session_confirm(u->ss, cause);
}

/*
 * Keep what is on the screen before leaving it (F10, a signal, a lost
 * terminal): a valid answer is confirmed; one the engine refuses is held
 * as the draft's pending input, written by the save that follows.
 */
static int
ui_keep(struct ui *u, char **cause)
{
	store_draft *d = store_session_draft(u->ss);
	char *text;
	int rc;

	if (u->field < 0)
		return 0;
	if ((rc = ui_commit(u, cause)) != KESU_EDATA)
		return rc;
	text = ui_work(u);
	store_draft_hold(d, form_field(engine_form(u->e), u->field)->name,
	    text);
	free(text);
	return 0;
}

/*
 * On resume: input held as pending on the question shown comes back on
 * the screen and is checked again: with its message when still refused,
 * kept as the answer when it is valid now.
 */
static int
ui_pending(struct ui *u, char **cause)
{
	store_draft *d = store_session_draft(u->ss);
	const struct form_field *fl;
	const char *field, *text = store_draft_pending(d, &field);
	char *c = NULL;
	int rc = 0;

	if (text == NULL || u->field < 0 || field == NULL ||
	    strcmp(field, form_field(engine_form(u->e),
	    u->field)->name) != 0)
		goto out;
	fl = form_field(engine_form(u->e), u->field);
	if (fl->type == FORM_SELECT_ONE || fl->type == FORM_SELECT_MULTIPLE)
		ui_mark(u, text);
	else if (fl->type == FORM_ACKNOWLEDGE)
		u->multi[0] = text[0] != '\0';
	else if (fl->type != FORM_NOTE)
		ui_line_set(&u->line, text);
	rc = ui_commit(u, &c);
	if (rc == KESU_EDATA)
		rc = 0;
	else if (rc != 0)
		*cause = c;
out:
	store_draft_hold(d, NULL, NULL);
	return rc;
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

/* The status line's message again, in the language now spoken. */
static void
ui_remake_msg(struct ui *u)
{
	char *text, *c = NULL;

	switch (u->kind) {
	case UI_MSG_INPUT:
		/* Refused again (nothing changes on a refusal). */
		text = ui_work(u);
		if (text != NULL && engine_set(u->e, u->field, text, &c) ==
		    KESU_EDATA) {
			free(u->msg);
			u->msg = c;
			c = NULL;
		}
		free(text);
		break;
	case UI_MSG_ANSWER:
		if (engine_check(u->e, u->field, &c) != 0) {
			free(u->msg);
			u->msg = c;
			c = NULL;
		}
		break;
	case UI_MSG_COMMENT:
		free(u->msg);
		/* L10N: on the question screen of a record sent back. */
		u->msg = kesu_msg(_("Supervisor's comment: %s"), u->comment);
		break;
	default:
		break;
	}
	free(c);
}

/*
 * F2: the next form language, and the screen's own words with it when
 * kesu speaks that language; the engine's message on the input shown is
 * made again in it.
 */
static enum ui_go
ui_k_lang(struct ui *u, wint_t k, bool fn)
{
	const form *f = engine_form(u->e);
	int nl = form_nlangs(f);
	const char *code;

	(void)k;
	(void)fn;
	if (nl < 2)
		return UI_STAY;
	engine_set_lang(u->e, (engine_lang(u->e) + 1) % nl);
	code = form_lang_code(f, engine_lang(u->e));
	if (code != NULL && (strcmp(code, "zh") == 0 ||
	    strcmp(code, "en") == 0))
		i18n_set(code);
	store_session_event(u->ss, STORE_EV_LANG, NULL, code);
	store_session_event(u->ss, STORE_EV_SHOW, u->field >= 0 ?
	    form_field(f, u->field)->name : NULL, NULL);
	ui_remake_msg(u);
	return UI_STAY;
}

/*
 * Leave the question shown for another (PgUp, F3): a valid answer typed
 * on it is kept first; one the engine refuses stays on the screen with
 * its message.  False when the person stays.
 */
static bool
ui_may_leave(struct ui *u)
{
	char *c = NULL;
	int rc;

	if (u->field < 0)
		return true;
	if ((rc = ui_commit(u, &c)) == KESU_EDATA)
		return false;
	if (rc != 0) {
		(void)ui_fail(u, rc, c);
		return false;
	}
	return true;
}

/* Go to question to (from F3 or the end screen) and keep the position. */
static enum ui_go
ui_go_to(struct ui *u, int to)
{
	char *c = NULL;
	int rc;

	if (to < 0 || to == u->field)
		return UI_STAY;
	engine_goto(u->e, to);
	store_session_event(u->ss, STORE_EV_JUMP,
	    form_field(engine_form(u->e), to)->name, NULL);
	ui_set_msg(u, NULL);
	ui_load(u);
	/* The new position is kept at once. */
	if ((rc = store_session_confirm(u->ss, &c)) != 0)
		return ui_fail(u, rc, c);
	return UI_STAY;
}

static enum ui_go
ui_k_jump(struct ui *u, wint_t k, bool fn)
{
	(void)k;
	(void)fn;
	if (!ui_may_leave(u))
		return u->rc != 0 ? UI_OUT : UI_STAY;
	return ui_go_to(u, ui_jump(u->e, u->field, u->seen));
}

static enum ui_go
ui_k_back(struct ui *u, wint_t k, bool fn)
{
	(void)k;
	(void)fn;
	if (!ui_may_leave(u))
		return u->rc != 0 ? UI_OUT : UI_STAY;
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
		u->kind = UI_MSG_ANSWER;
		return UI_STAY;
	}
	if (rc != 0)
		return ui_fail(u, rc, c);
	store_session_event(u->ss, STORE_EV_NEXT, NULL, NULL);
	ui_set_msg(u, NULL);
	ui_load(u);
	if ((rc = store_session_confirm(u->ss, &c)) != 0)
		return ui_fail(u, rc, c);
	return UI_STAY;
}

/* Enter on the end screen: go to the missing question highlighted, or
 * finalize when nothing is missing. */
static enum ui_go
ui_k_finish(struct ui *u, wint_t k, bool fn)
{
	char *c = NULL;
	int rc, n, to = -1;
	int *miss = ui_missing(u, &n);

	(void)k;
	(void)fn;
	if (n > 0 && engine_first(u->e) >= 0) {
		to = miss[u->end_hl < n ? u->end_hl : n - 1];
		free(miss);
		/* A missing answer that is no question (a calculate's
		 * constraint) has nowhere to go. */
		return ui_shown(u->e, to) ? ui_go_to(u, to) : UI_STAY;
	}
	free(miss);
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

/* Up, Down, PgUp, PgDn on the end screen move in the missing list; with
 * nothing missing PgUp goes back and PgDn finalizes. */
static enum ui_go
ui_k_end_move(struct ui *u, wint_t k, bool fn)
{
	int n, page = getmaxy(stdscr) - 8;
	int *miss = ui_missing(u, &n);

	free(miss);
	if (n == 0) {
		if (k == KEY_PPAGE)
			return ui_k_back(u, k, fn);
		if (k == KEY_NPAGE)
			return ui_k_finish(u, k, fn);
		return UI_STAY;
	}
	if (page < 1)
		page = 1;
	if (k == KEY_UP)
		u->end_hl--;
	else if (k == KEY_DOWN)
		u->end_hl++;
	else if (k == KEY_PPAGE)
		u->end_hl -= page;
	else if (k == KEY_NPAGE)
		u->end_hl += page;
	else if (k == KEY_HOME)
		u->end_hl = 0;
	else if (k == KEY_END)
		u->end_hl = n - 1;
	if (u->end_hl >= n)
		u->end_hl = n - 1;
	if (u->end_hl < 0)
		u->end_hl = 0;
	return UI_STAY;
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

/* May character k go into a number of type t?  Digits, a sign, and a
 * decimal point in decimals. */
static bool
ui_number_char(enum form_type t, wint_t k)
{
	return (k >= '0' && k <= '9') || k == '-' ||
	    (t == FORM_DECIMAL && k == '.');
}

/*
 * Any other key on a typed question goes to the line editor.  Numbers
 * refuse letters at once; a selected line (a refused value) is replaced
 * by the next character typed, cleared by Backspace or Delete, and
 * unselected by any other key, which then does its work.
 */
static enum ui_go
ui_k_type(struct ui *u, wint_t k, bool fn)
{
	enum form_type t = form_field(engine_form(u->e), u->field)->type;
	bool ch = !fn && !iswcntrl(k);

	if (ch && (t == FORM_INTEGER || t == FORM_DECIMAL) &&
	    !ui_number_char(t, k)) {
		ui_set_msg(u, NULL);
		u->note = t == FORM_INTEGER ?
		    N_("Only digits here (and - for a negative number)") :
		    N_("Only a number here: digits, a point and -");
		return UI_STAY;
	}
	if (u->sel) {
		u->sel = false;
		if ((fn && (k == KEY_BACKSPACE || k == KEY_DC)) ||
		    (!fn && (k == 127 || k == 8))) {
			ui_line_set(&u->line, "");
			return UI_STAY;
		}
		if (ch)
			ui_line_set(&u->line, "");
	}
	if (u->note != NULL)
		u->note = NULL;
	ui_line_key(&u->line, k, fn);
	return UI_STAY;
}

#define FK KEY_CODE_YES
static const struct ui_keydef ui_keys[] = {
	{ FK, KEY_F(10), KEY_F(10), UI_ON_ANY, ui_k_leave },
	{ OK, 3, 3, UI_ON_ANY, ui_k_leave },            /* ^C in raw mode */
	{ FK, KEY_F(2), KEY_F(2), UI_ON_ANY, ui_k_lang },
	{ FK, KEY_F(3), KEY_F(3), UI_ON_ANY, ui_k_jump },
	{ FK, KEY_UP, KEY_UP, UI_ON_END, ui_k_end_move },
	{ FK, KEY_DOWN, KEY_DOWN, UI_ON_END, ui_k_end_move },
	{ FK, KEY_PPAGE, KEY_PPAGE, UI_ON_END, ui_k_end_move },
	{ FK, KEY_NPAGE, KEY_NPAGE, UI_ON_END, ui_k_end_move },
	{ FK, KEY_HOME, KEY_HOME, UI_ON_END, ui_k_end_move },
	{ FK, KEY_END, KEY_END, UI_ON_END, ui_k_end_move },
	{ FK, KEY_LEFT, KEY_LEFT, UI_ON_END, ui_k_back },
	{ FK, KEY_PPAGE, KEY_PPAGE, UI_ON_QUEST, ui_k_back },
	{ FK, KEY_LEFT, KEY_LEFT, UI_ON_CHOICE, ui_k_back },
	{ OK, '\n', '\n', UI_ON_QUEST, ui_k_next },
	{ OK, '\r', '\r', UI_ON_QUEST, ui_k_next },
	{ FK, KEY_ENTER, KEY_ENTER, UI_ON_QUEST, ui_k_next },
	{ FK, KEY_NPAGE, KEY_NPAGE, UI_ON_QUEST, ui_k_next },
	{ FK, KEY_RIGHT, KEY_RIGHT, UI_ON_CHOICE, ui_k_next },
	{ OK, '\n', '\n', UI_ON_END, ui_k_finish },
	{ OK, '\r', '\r', UI_ON_END, ui_k_finish },
	{ FK, KEY_ENTER, KEY_ENTER, UI_ON_END, ui_k_finish },
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

/*
 * A reopened record's comment on the status line; when it starts with the
 * name of a question shown ("k05: ask again"), the screen opens there.
 */
static void
ui_comment(struct ui *u, const char *comment)
{
	const form *f = engine_form(u->e);
	char *name;
	int i;

	if (comment[0] == '\0')
		return;
	name = xstrndup(comment, strcspn(comment, " :\t"));
	i = form_find(f, name);
	free(name);
	if (i >= 0 && ui_shown(u->e, i))
		engine_goto(u->e, i);
	u->comment = comment;
	u->kind = UI_MSG_COMMENT;
	ui_remake_msg(u);
}

int
ui_interview(engine *e, store_session *ss, const char *interviewer,
    const char *comment, enum ui_end *how, char **cause)
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
	u.seen = xcalloc((size_t)form_nfields(engine_form(e)) + 1,
	    sizeof *u.seen);
	*how = UI_LEFT;
	if (comment != NULL)
		ui_comment(&u, comment);
	ui_load(&u);
	if ((rc = ui_pending(&u, &c)) != 0)
		go = ui_fail(&u, rc, c);
	while (go == UI_STAY && !ui_term_signalled()) {
		const struct ui_keydef *d;
		wint_t k;
		int r;

		ui_draw(&u);
		if ((r = ui_key(&k)) == ERR)
			continue;
		/* A repeat's prompt and F4 (delete an instance) first. */
		{
			char *m = NULL;
			bool took = false;

			if ((rc = ui_repeat_key(e, ss, r, k, &took, &m,
			    &c)) != 0) {
				go = ui_fail(&u, rc, c);
				break;
			}
			if (took) {
				ui_set_msg(&u, m);
				ui_load(&u);
				continue;
			}
		}
		/* A number of a choice ends at any key but a digit. */
		if (r != OK || k < '0' || k > '9')
			u.num = 0;
		if ((d = ui_key_find(&u, r, k)) != NULL)
			go = d->fn(&u, k, r == KEY_CODE_YES);
	}
	if (go != UI_OUT) {
		c = NULL;
		if ((rc = ui_keep(&u, &c)) != 0 ||
		    (rc = store_session_save(ss, &c)) != 0)
			(void)ui_fail(&u, rc, c);
	}
	free(u.msg);
	free(u.seen);
	return u.rc;
}

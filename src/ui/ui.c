/*
 * ui.c - the question screen over the engine (keys: docs/cli.md).
 *
 * What the interviewer has on the screen is never lost: Enter keeps a
 * valid answer; F10, Ctrl-C, a signal and a lost terminal keep it too, and
 * input that is not valid is held in the draft as pending input, shown
 * again with its message on resume.  Every question shown is recorded as
 * a "show" event, so the paradata times each question.
 *
 * A field-list or table-list group is one page (engine_page()): all its
 * questions that apply, scrolling when taller than the screen, one of
 * them in hand at a time.  Tab and the arrows move between them, each
 * answer kept as it is left (a choice the moment it is marked, so what
 * it makes relevant appears at once), a message under the question it
 * is about; PgDn checks the whole page.  Selects sharing a list in a
 * table-list group, or under a `label` row, are drawn as a grid
 * (grid.c); likert and minimal selects as choices.c lays them out.
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
	struct ui_rank rank; /* a rank question's working order */
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
	int group;        /* the page's group, -1: a question alone */
	int *pf, npf;     /* the page's questions (engine_page()) */
	int top;          /* the first of them drawn */
	bool *pshown;     /* by field: its show event given on this page */
	bool open;        /* a drop-down's list is open */
	bool recheck;     /* a question was loaded: is its input pending? */
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
	int n, hl = u->hl;

	memset(u->multi, 0, sizeof u->multi);
	ch = engine_choices(u->e, u->field, &n);
	ui_choices_marks(u->e, u->field, ch, n < 256 ? n : 256, v, u->multi,
	    &hl);
	if (fl->type == FORM_SELECT_ONE)
		u->hl = hl;
}

/* How a question is drawn on its page. */
enum ui_shape {
	UI_PLAIN,  /* label, hint, answer */
	UI_HEAD,   /* a `label` select: the grid's header, not answered */
	UI_ROW     /* a grid row */
};

static enum ui_shape
ui_shape(const struct ui *u, int field)
{
	const form *f = engine_form(u->e);
	const struct form_field *fl = form_field(f, field);
	int n;

	if (u->group < 0 || (fl->type != FORM_SELECT_ONE &&
	    fl->type != FORM_SELECT_MULTIPLE))
		return UI_PLAIN;
	(void)engine_choices(u->e, field, &n);
	if (!ui_grid_fits(n, getmaxx(stdscr) - 2))
		return UI_PLAIN;
	if (form_appears(fl, "label"))
		return UI_HEAD;
	if (form_appears(fl, "list-nolabel") ||
	    form_appears(form_field(f, u->group), "table-list"))
		return UI_ROW;
	return UI_PLAIN;
}

/* The position of field on the page, -1 when it is not there. */
static int
ui_page_at(const struct ui *u, int field)
{
	int k;

	for (k = 0; k < u->npf; k++)
		if (u->pf[k] == field)
			return k;
	return -1;
}

/*
 * The page again after an answer changed what applies: a question that
 * appears gets its show event (and the question in hand one after it,
 * so that the time goes on counting for the question in hand).
 */
static void
ui_page_refresh(struct ui *u)
{
	const form *f = engine_form(u->e);
	bool more = false;
	int k;

	free(u->pf);
	u->npf = engine_page(u->e, &u->group, &u->pf);
	for (k = 0; k < u->npf; k++)
		if (!u->pshown[u->pf[k]]) {
			u->pshown[u->pf[k]] = true;
			u->seen[u->pf[k]] = true;
			store_session_event(u->ss, STORE_EV_SHOW,
			    form_field(f, u->pf[k])->name, NULL);
			more = true;
		}
	if (more && u->field >= 0)
		store_session_event(u->ss, STORE_EV_SHOW,
		    form_field(f, u->field)->name, NULL);
}

/*
 * The page of the current question, with a show event for each of its
 * questions not shown on it yet, then one for the question in hand.  A
 * grid's header row is not answered: the question after it is taken.
 */
static void
ui_page_load(struct ui *u)
{
	const form *f = engine_form(u->e);
	int group = u->group, first = u->npf > 0 ? u->pf[0] : -2, k;

	free(u->pf);
	u->npf = engine_page(u->e, &u->group, &u->pf);
	if (u->group != group || u->npf == 0 || u->pf[0] != first) {
		memset(u->pshown, 0, (size_t)form_nfields(f) *
		    sizeof *u->pshown);
		u->top = 0;
	}
	if (u->field >= 0 && ui_shape(u, u->field) == UI_HEAD)
		for (k = ui_page_at(u, u->field) + 1; k < u->npf; k++)
			if (ui_shape(u, u->pf[k]) != UI_HEAD) {
				engine_goto(u->e, u->pf[k]);
				u->field = u->pf[k];
				break;
			}
	for (k = 0; k < u->npf; k++)
		if (u->pf[k] != u->field && !u->pshown[u->pf[k]]) {
			u->pshown[u->pf[k]] = true;
			u->seen[u->pf[k]] = true;
			store_session_event(u->ss, STORE_EV_SHOW,
			    form_field(f, u->pf[k])->name, NULL);
		}
	if (u->field >= 0)
		u->pshown[u->field] = true;
	store_session_event(u->ss, STORE_EV_SHOW, u->field >= 0 ?
	    form_field(f, u->field)->name : NULL, NULL);
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
	u->open = false;
	memset(u->multi, 0, sizeof u->multi);
	u->rank.n = 0;
	ui_line_set(&u->line, "");
	u->recheck = true;
	ui_page_load(u);
	if (u->field < 0)
		return;
	u->seen[u->field] = true;
	fl = form_field(f, u->field);
	if (fl->repeat)
		return;
	if (fl->type == FORM_SELECT_ONE || fl->type == FORM_SELECT_MULTIPLE)
		ui_mark(u, engine_value(u->e, u->field));
	else if (fl->type == FORM_RANK)
		ui_rank_load(&u->rank, u->e, u->field, engine_value(u->e,
		    u->field));
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
	int list = rows - 8, y = 5, i, total;
	int *num;

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
	num = ui_qnums(u->e, &total);
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
		char *c = NULL, *line, *q;

		if (engine_check(u->e, miss[i], &c) == 0) {
			free(c);
			c = NULL;
		}
		/* L10N: a missing answer on the end screen: the question's
		 * number, its label and why it is missing. */
		/* The label without its own closing mark: the line puts its
		 * colon after it. */
		q = width_clause(lab) > 0 ? xstrndup(lab, width_clause(lab)) :
		    xstrdup(fl->name);
		free(lab);
		line = kesu_msg(_("%3d. %s: %s"), num[miss[i]], q,
		    c != NULL ? c : "");
		free(q);
		free(c);
		if (i == u->end_hl)
			attron(A_REVERSE);
		mvhline(y, 2, ' ', cols - 3);
		ui_text(y, 2, cols - 3, line, 1);
		if (i == u->end_hl)
			attroff(A_REVERSE);
		free(line);
	}
	free(num);
	if (i < nmiss) {
		char *more = kesu_msg(_("↓ %d more below"), nmiss - i);

		ui_text(y, 3, cols - 4, more, 1);
		free(more);
	}
}

/* Is the message about the question in hand on a page (drawn under
 * it, not on the status line)? */
static bool
ui_msg_on_page(const struct ui *u)
{
	return u->group >= 0 && u->field >= 0 && (u->note != NULL ||
	    (u->msg != NULL && (u->kind == UI_MSG_INPUT ||
	    u->kind == UI_MSG_ANSWER)));
}

/* The select field as choices.c and grid.c draw it: the working answer
 * when it is the question in hand, else the answer kept (in mark). */
static void
ui_choices_of(struct ui *u, int field, bool *mark, struct ui_choices *p)
{
	const form *f = engine_form(u->e);
	bool focus = field == u->field;

	memset(p, 0, sizeof *p);
	p->f = f;
	p->fl = form_field(f, field);
	p->e = u->e;
	p->field = field;
	p->lang = engine_lang(u->e);
	p->ch = engine_choices(u->e, field, &p->n);
	if (p->n > 256)
		p->n = 256;
	if (focus) {
		p->mark = u->multi;
		p->hl = u->hl;
		p->open = u->open;
	} else {
		ui_choices_marks(u->e, field, p->ch, p->n, engine_value(u->e,
		    field), mark, NULL);
		p->mark = mark;
		p->hl = -1;
	}
}

/* ui_page_item() with the question's label and hint as shown. */
static int
ui_page_body(struct ui *u, int k, int y, int maxy, bool first, bool draw,
    int *cx, int *cy, const char *label, const char *hint)
{
	const form *f = engine_form(u->e);
	int field = u->pf[k], cols = getmaxx(stdscr), y0 = y, n;
	const struct form_field *fl = form_field(f, field);
	bool focus = field == u->field, mark[256];
	enum ui_shape sh = ui_shape(u, field);
	struct ui_choices p;

	if (fl->type == FORM_SELECT_ONE || fl->type == FORM_SELECT_MULTIPLE)
		ui_choices_of(u, field, mark, &p);
	if (sh == UI_HEAD)
		return ui_grid_head(&p, label, y, 1, cols - 2, maxy,
		    draw);
	if (sh == UI_ROW) {
		if (first || k == 0 || ui_shape(u, u->pf[k - 1]) == UI_PLAIN)
			y += ui_grid_head(&p, "", y, 1, cols - 2, maxy, draw);
		y += ui_grid_row(&p, label, focus, y, 1,
		    cols - 2, maxy, draw);
		goto msg;
	}
	n = maxy - y < 4 ? maxy - y : 4;
	if (n < 1)
		return y - y0;
	if (draw && focus)
		attron(A_BOLD);
	y += draw ? ui_text(y, 1, cols - 2, label, n) :
	    ui_text_rows(cols - 2, label, n);
	if (draw && focus)
		attroff(A_BOLD);
	if (hint[0] != '\0' && y < maxy) {
		n = maxy - y < 2 ? maxy - y : 2;
		if (draw)
			attron(A_DIM);
		y += draw ? ui_text(y, 1, cols - 2, hint, n) :
		    ui_text_rows(cols - 2, hint, n);
		if (draw)
			attroff(A_DIM);
	}
	if (y >= maxy)
		return y - y0;
	switch (fl->type) {
	case FORM_SELECT_ONE:
	case FORM_SELECT_MULTIPLE:
		y += ui_choices_draw(&p, y, 2, cols - 2, maxy, draw);
		break;
	case FORM_NOTE:
		break;
	case FORM_ACKNOWLEDGE:
		if (draw) {
			mvaddstr(y, 2, (focus ? u->multi[0] :
			    engine_value(u->e, field)[0] != '\0') ?
			    "[x] " : "[ ] ");
			ui_text(y, 6, cols - 8, _("OK (Space)"), 1);
		}
		y++;
		break;
	default:
		if (draw) {
			char *t = focus ? ui_line_get(&u->line) :
			    engine_edit_text(u->e, field);
			int w = 0, i;

			mvaddstr(y, 2, "> ");
			if (focus && u->sel)
				attron(A_REVERSE);
			ui_text(y, 4, cols - 6, t, 1);
			if (focus && u->sel)
				attroff(A_REVERSE);
			free(t);
			if (focus) {
				for (i = 0; i < u->line.cur; i++) {
					int cw = width_cp(
					    (int32_t)u->line.buf[i]);
					w += cw >= 0 ? cw : 1;
				}
				*cy = y;
				*cx = 4 + w;
			}
		}
		y++;
		if (focus && input_hint(fl) != NULL && y < maxy) {
			if (draw)
				ui_text(y, 4, cols - 6, input_hint(fl), 1);
			y++;
		}
		break;
	}
msg:
	if (focus && ui_msg_on_page(u) && y < maxy) {
		const char *m = u->note != NULL ? _(u->note) : u->msg;

		n = maxy - y < 2 ? maxy - y : 2;
		if (!draw)
			return y - y0 + ui_text_rows(cols - 4, m, n);
		attron(ui_attr(UI_LOOK_MSG));
		y += ui_text(y, 3, cols - 4, m, n);
		attroff(ui_attr(UI_LOOK_MSG));
	}
	return y - y0;
}

/*
 * Question k of the page from row y, above maxy: drawn, or with draw
 * false only measured; the rows it takes.  first: it is the first drawn,
 * so a grid row brings the grid's header with it.  The question in hand
 * sets *cx, *cy to its cursor when it has one.
 */
static int
ui_page_item(struct ui *u, int k, int y, int maxy, bool first, bool draw,
    int *cx, int *cy)
{
	const struct form_field *fl = form_field(engine_form(u->e), u->pf[k]);
	char *label = ui_form_text(u, fl->label);
	char *hint = ui_form_text(u, fl->hint);
	int rows;

	rows = ui_page_body(u, k, y, maxy, first, draw, cx, cy, label, hint);
	free(label);
	free(hint);
	return rows;
}

/* The rows question k takes with the blank line after it (none inside a
 * grid, none after the last). */
static int
ui_page_rows(struct ui *u, int k, bool first)
{
	int cx, cy, h = ui_page_item(u, k, 0, 10000, first, false, &cx, &cy);

	if (k + 1 < u->npf && !(ui_shape(u, u->pf[k]) != UI_PLAIN &&
	    ui_shape(u, u->pf[k + 1]) == UI_ROW))
		h++;
	return h;
}

/*
 * A page: the group's label, then its questions from u->top, scrolled so
 * that the question in hand is whole on the screen, with a mark when
 * more are above or below.
 */
static void
ui_draw_page(struct ui *u, int rows, int cols, int *cx, int *cy)
{
	int maxy = rows - 2, fi = ui_page_at(u, u->field), k, y, need;
	char *where = ui_repeat_where(u->e, u->field);

	if (where == NULL)
		where = ui_form_text(u, form_field(engine_form(u->e),
		    u->group)->label);
	attron(A_BOLD);
	ui_text(1, 1, cols - 2, where, 1);
	attroff(A_BOLD);
	free(where);
	if (fi < 0)
		fi = 0;
	if (u->top > fi)
		u->top = fi;
	for (;;) {
		need = fi + 1 < u->npf;
		for (k = u->top; k <= fi; k++)
			need += ui_page_rows(u, k, k == u->top);
		if (need <= maxy - 3 || u->top >= fi)
			break;
		u->top++;
	}
	if (u->top > 0)
		ui_text(2, 3, cols - 4, _("↑ more above"), 1);
	y = 3;
	for (k = u->top; k < u->npf; k++) {
		int h = ui_page_rows(u, k, k == u->top);
		int room = maxy - y - (k + 1 < u->npf);

		if (h > room && k > fi)
			break;
		ui_page_item(u, k, y, maxy - (k + 1 < u->npf), k == u->top,
		    true, cx, cy);
		y += h;
	}
	if (k < u->npf) {
		char *more = kesu_msg(_("↓ %d more below"), u->npf - k);

		ui_text(maxy - 1, 3, cols - 4, more, 1);
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
	if (s == NULL && (ui_msg_on_page(u) || (u->note == NULL &&
	    u->msg == NULL)))
		return;
	attron(ui_attr(UI_LOOK_MSG));
	ui_text(rows - 2, 1, cols - 2, s != NULL ? s : u->note != NULL ?
	    _(u->note) : u->msg, 1);
	attroff(ui_attr(UI_LOOK_MSG));
	free(s);
}

/* The footer of a question: the keys of what is in hand. */
static const char *
ui_footer(const struct ui *u)
{
	const struct form_field *fl = form_field(engine_form(u->e), u->field);

	if (ui_choices_drop(fl) && u->open)
		return _("Up/Down choose  Enter pick  Esc close  "
		    "F10 save and leave");
	if (ui_choices_drop(fl))
		return _("Space opens the list  Enter next  PgUp back  "
		    "F3 jump  F10 save and leave");
	if (u->group >= 0)
		return _("Tab move  Enter next  PgUp back  F2 language  "
		    "F3 jump  F10 save and leave");
	if (ui_choices_across(fl))
		return _("←/→ choose  Enter next  PgUp back  F2 language  "
		    "F3 jump  F10 save and leave");
	return _("Enter next  PgUp back  F2 language  F3 jump  "
	    "F10 save and leave");
}

static void
ui_draw(struct ui *u)
{
	const form *f = engine_form(u->e);
	const struct form_field *fl;
	int rows, cols, y, i, total, nmiss = 0, cx = -1, cy = -1;
	int *miss = NULL;
	bool mark[256];
	struct ui_choices p;
	char *hdr;

	getmaxyx(stdscr, rows, cols);
	erase();
	attron(ui_attr(UI_LOOK_BAR));
	mvhline(0, 0, ' ', cols);
	/* The position among the questions this interview can ask. */
	if (u->field >= 0) {
		int *num = ui_qnums(u->e, &total);

		i = num[u->field];
		free(num);
		/* L10N: the header: question N of the questions this
		 * interview can ask, then the interviewer. */
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
	if (u->group >= 0) {
		ui_draw_page(u, rows, cols, &cx, &cy);
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
		ui_choices_of(u, u->field, mark, &p);
		(void)ui_choices_draw(&p, y, 2, cols - 2, rows - 3, true);
		break;
	case FORM_RANK:
		ui_rank_draw(&u->rank, u->e, u->field, u->hl, y, rows, cols);
		break;
	case FORM_NOTE:
		break;
	case FORM_ACKNOWLEDGE:
		mvaddstr(y, 2, u->multi[0] ? "[x] " : "[ ] ");
		ui_text(y, 6, cols - 8, _("OK (Space)"), 1);
		break;
	default: {
		char *s;
		int w = 0;

		if (ui_typed_multiline(fl)) {
			y += ui_typed_draw_lines(&u->line, u->sel, y, 4,
			    cols - 6, rows - y - 4, &cy, &cx);
			ui_text(y, 4, cols - 6, _("Ctrl-J starts a new line; "
			    "Enter confirms."), 1);
			break;
		}
		s = ui_line_get(&u->line);

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
		ui_text(rows - 1, 0, cols, ui_footer(u), 1);
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
				cap += strlen(engine_choice(u->e, u->field,
				    ch[i])->name) + 1;
		text = xmalloc(cap);
		text[0] = '\0';
		for (i = 0; i < n && i < 256; i++) {
			const char *nm;

			if (!u->multi[i])
				continue;
			nm = engine_choice(u->e, u->field, ch[i])->name;
			if (len > 0)
				text[len++] = ' ';
			memcpy(text + len, nm, strlen(nm) + 1);
			len += strlen(nm);
		}
		return text;
	case FORM_RANK:
		return ui_rank_text(&u->rank, u->e, u->field);
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
	char *text, *key;
	int rc;

	if (u->field < 0)
		return 0;
	if ((rc = ui_commit(u, cause)) != KESU_EDATA)
		return rc;
	/* The question's key: a member of a roster is told from another. */
	key = engine_key(u->e, u->field);
	text = ui_work(u);
	store_draft_hold(d, key, text);
	free(text);
	free(key);
	return 0;
}

/* Is the input pending on field (a question's key, or its name as
 * drafts kept it before keys) the question shown? */
static bool
ui_pending_here(struct ui *u, const char *field)
{
	char *key;
	bool here;

	if (field == NULL || u->field < 0)
		return false;
	key = engine_key(u->e, u->field);
	here = strcmp(field, key) == 0 || (strchr(field, '/') == NULL &&
	    strcmp(field, form_field(engine_form(u->e), u->field)->name) == 0);
	free(key);
	return here;
}

/*
 * On resume, and whenever a question is loaded: input held as pending
 * on the question shown comes back on the screen and is checked again:
 * with its message when still refused, kept as the answer when it is
 * valid now.  Input pending on another question (the draft resumed
 * elsewhere) stays held, in the draft too, until that question shows.
 */
static int
ui_pending(struct ui *u, char **cause)
{
	store_draft *d = store_session_draft(u->ss);
	const struct form_field *fl;
	const char *field, *text = store_draft_pending(d, &field);
	char *c = NULL;
	int rc = 0;

	u->recheck = false;
	if (text == NULL || !ui_pending_here(u, field))
		return 0;
	fl = form_field(engine_form(u->e), u->field);
	if (fl->type == FORM_SELECT_ONE || fl->type == FORM_SELECT_MULTIPLE)
		ui_mark(u, text);
	else if (fl->type == FORM_RANK)
		ui_rank_load(&u->rank, u->e, u->field, text);
	else if (fl->type == FORM_ACKNOWLEDGE)
		u->multi[0] = text[0] != '\0';
	else if (fl->type != FORM_NOTE)
		ui_line_set(&u->line, text);
	rc = ui_commit(u, &c);
	if (rc == KESU_EDATA)
		rc = 0;
	else if (rc != 0)
		*cause = c;
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
#define UI_ON_KINDS  0xffu
/* And how it is shown: a row that names these applies only there. */
#define UI_IN_PAGE   0x100u /* on a page of several questions */
#define UI_IN_ACROSS 0x200u /* choices across: likert, a grid row */
#define UI_IN_DROP   0x400u /* a drop-down, closed */
#define UI_IN_OPEN   0x800u /* a drop-down, open */

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

	unsigned in = 0;

	if (u->field < 0)
		return UI_ON_END;
	fl = form_field(engine_form(u->e), u->field);
	if (u->group >= 0)
		in |= UI_IN_PAGE;
	switch (fl->type) {
	case FORM_RANK:
		return UI_ON_CHOICE | in;
	case FORM_SELECT_ONE:
	case FORM_SELECT_MULTIPLE:
		if (ui_choices_drop(fl))
			in |= u->open ? UI_IN_OPEN : UI_IN_DROP;
		else if (ui_choices_across(fl) ||
		    ui_shape(u, u->field) == UI_ROW)
			in |= UI_IN_ACROSS;
		return UI_ON_CHOICE | in;
	case FORM_NOTE:
		return UI_ON_NOTE | in;
	case FORM_ACKNOWLEDGE:
		return UI_ON_ACK | in;
	default:
		return UI_ON_TYPED | in;
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
	engine_page_prev(u->e);
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

	/* Ctrl-J ('\n'; Enter is '\r') starts a new line of a multiline
	 * text. */
	if (!fn && k == '\n' && ui_typed_multiline(form_field(engine_form(
	    u->e), u->field))) {
		u->sel = false;
		ui_line_newline(&u->line);
		return UI_STAY;
	}
	if ((rc = ui_commit(u, &c)) == KESU_EDATA)
		return UI_STAY;
	if (rc != 0)
		return ui_fail(u, rc, c);
	if ((rc = engine_page_next(u->e, &c)) == KESU_EDATA) {
		/* On a page: the question that fails is taken in hand. */
		if (engine_current(u->e) != u->field) {
			ui_set_msg(u, NULL);
			ui_load(u);
		}
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
	if (fl->type == FORM_RANK)
		ui_rank_toggle(&u->rank, u->hl);
	else if (fl->type == FORM_SELECT_ONE) {
		memset(u->multi, 0, sizeof u->multi);
		u->multi[u->hl] = true;
	} else
		u->multi[u->hl] = !u->multi[u->hl];
}

static enum ui_go
ui_k_digit(struct ui *u, wint_t k, bool fn)
{
	const struct form_field *fl = form_field(engine_form(u->e), u->field);
	int n, was;

	(void)fn;
	(void)engine_choices(u->e, u->field, &n);
	was = u->num;
	if (ui_choice_digit(u, (int)(k - '0'), n,
	    fl->type == FORM_SELECT_MULTIPLE))
		return UI_STAY;
	/* A rank undoes what the shorter number did. */
	if (fl->type == FORM_RANK && was > 0 && u->num == was * 10 +
	    (int)(k - '0'))
		ui_rank_toggle(&u->rank, was - 1);
	ui_toggle(u);
	return UI_STAY;
}

/* Backspace on a rank question takes back the last place given. */
static enum ui_go
ui_k_unrank(struct ui *u, wint_t k, bool fn)
{
	(void)k;
	(void)fn;
	if (form_field(engine_form(u->e), u->field)->type == FORM_RANK)
		ui_rank_pop(&u->rank);
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
	const struct form_field *fl = form_field(engine_form(u->e), u->field);
	enum form_type t = fl->type;
	bool ch = !fn && !iswcntrl(k);

	if (ch && ui_typed_refuses(fl, k)) {
		ui_set_msg(u, NULL);
		u->note = N_("Only a number here: digits, a sign and a point");
		return UI_STAY;
	}
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

/*
 * On a page: an answer kept as it changes (a choice marked), so that
 * what it makes relevant appears at once; a refusal keeps its message
 * under the question.
 */
static enum ui_go
ui_page_keep(struct ui *u, bool *kept)
{
	char *c = NULL;
	int rc = ui_commit(u, &c);

	*kept = false;
	if (rc == KESU_EDATA)
		return UI_STAY;
	if (rc != 0)
		return ui_fail(u, rc, c);
	if (ui_msg_on_page(u))
		ui_set_msg(u, NULL);
	ui_page_refresh(u);
	*kept = true;
	return UI_STAY;
}

/* Take question to of the page in hand (the one left is kept already).
 * The move itself waits for the next commit: the whole page is on the
 * screen whichever of its questions a resume takes in hand, and a Tab
 * over a page costs no disk write. */
static enum ui_go
ui_page_take(struct ui *u, int to)
{
	engine_goto(u->e, to);
	ui_set_msg(u, NULL);
	ui_load(u);
	return UI_STAY;
}

/* The question dir (+1, -1) places from the one in hand on the page, a
 * grid's header passed; -1 at either end. */
static int
ui_page_step(struct ui *u, int dir)
{
	int k = ui_page_at(u, u->field);

	if (k < 0)
		return -1;
	for (k += dir; k >= 0 && k < u->npf; k += dir)
		if (ui_shape(u, u->pf[k]) != UI_HEAD)
			return u->pf[k];
	return -1;
}

/* Tab, Shift-Tab, and Up and Down where they do not move in a list. */
static enum ui_go
ui_k_focus(struct ui *u, wint_t k, bool fn)
{
	int to;

	(void)fn;
	if (!ui_may_leave(u))
		return u->rc != 0 ? UI_OUT : UI_STAY;
	ui_page_refresh(u);
	to = ui_page_step(u, k == '\t' || k == KEY_DOWN ? 1 : -1);
	return to >= 0 ? ui_page_take(u, to) : UI_STAY;
}

/* Up and Down in a list of choices on a page: past its ends, to the
 * question above or below. */
static enum ui_go
ui_k_page_move(struct ui *u, wint_t k, bool fn)
{
	int n;

	(void)engine_choices(u->e, u->field, &n);
	if ((k == KEY_UP && u->hl <= 0) || (k == KEY_DOWN && u->hl >= n - 1))
		return ui_k_focus(u, k, fn);
	return ui_k_move(u, k, fn);
}

/* Enter on a page: the next question of the page, after the last the
 * page is checked and left. */
static enum ui_go
ui_k_page_enter(struct ui *u, wint_t k, bool fn)
{
	int to;

	if (!ui_may_leave(u))
		return u->rc != 0 ? UI_OUT : UI_STAY;
	ui_page_refresh(u);
	if ((to = ui_page_step(u, 1)) >= 0)
		return ui_page_take(u, to);
	return ui_k_next(u, k, fn);
}

/* A digit on a page: the choice is kept at once; in a grid the next row
 * is taken (when the number cannot grow). */
static enum ui_go
ui_k_page_digit(struct ui *u, wint_t k, bool fn)
{
	enum ui_go go;
	bool kept;
	int n, to;

	(void)ui_k_digit(u, k, fn);
	u->open = false;
	if ((go = ui_page_keep(u, &kept)) != UI_STAY || !kept)
		return go;
	(void)engine_choices(u->e, u->field, &n);
	if (ui_shape(u, u->field) != UI_ROW || ui_num_open(u, n) ||
	    form_field(engine_form(u->e), u->field)->type !=
	    FORM_SELECT_ONE || (to = ui_page_step(u, 1)) < 0)
		return UI_STAY;
	return ui_page_take(u, to);
}

static enum ui_go
ui_k_page_toggle(struct ui *u, wint_t k, bool fn)
{
	bool kept;

	(void)ui_k_toggle(u, k, fn);
	return ui_page_keep(u, &kept);
}

static enum ui_go
ui_k_page_ack(struct ui *u, wint_t k, bool fn)
{
	bool kept;

	(void)ui_k_ack(u, k, fn);
	return ui_page_keep(u, &kept);
}

/* Left and Right in choices laid across. */
static enum ui_go
ui_k_across(struct ui *u, wint_t k, bool fn)
{
	return ui_k_move(u, k == KEY_LEFT ? KEY_UP : KEY_DOWN, fn);
}

/* A drop-down: Space (or Enter with nothing chosen yet, or Down) opens
 * the list on the choice marked. */
static enum ui_go
ui_k_drop_open(struct ui *u, wint_t k, bool fn)
{
	int n, i;

	(void)k;
	(void)fn;
	(void)engine_choices(u->e, u->field, &n);
	u->open = true;
	for (i = 0; i < n && i < 256; i++)
		if (u->multi[i])
			u->hl = i;
	return UI_STAY;
}

static enum ui_go
ui_k_drop_enter(struct ui *u, wint_t k, bool fn)
{
	int n, i;

	(void)engine_choices(u->e, u->field, &n);
	for (i = 0; i < n && i < 256; i++)
		if (u->multi[i])
			return u->group >= 0 ? ui_k_page_enter(u, k, fn) :
			    ui_k_next(u, k, fn);
	return ui_k_drop_open(u, k, fn);
}

/* Enter or Space in the open list: the highlighted choice; a digit: its
 * choice; Esc: closed as it was.  On a page the choice is kept. */
static enum ui_go
ui_k_drop_pick(struct ui *u, wint_t k, bool fn)
{
	bool kept;

	if (k >= '0' && k <= '9')
		(void)ui_k_digit(u, k, fn);
	else if (k != 27)
		ui_toggle(u);
	u->open = false;
	return u->group >= 0 ? ui_page_keep(u, &kept) : UI_STAY;
}

#define FK KEY_CODE_YES
static const struct ui_keydef ui_keys[] = {
	{ FK, KEY_F(10), KEY_F(10), UI_ON_ANY, ui_k_leave },
	{ OK, 3, 3, UI_ON_ANY, ui_k_leave },            /* ^C in raw mode */
	{ FK, KEY_F(2), KEY_F(2), UI_ON_ANY, ui_k_lang },
	{ FK, KEY_F(3), KEY_F(3), UI_ON_ANY, ui_k_jump },
	/* A drop-down's open list, then the closed drop-down. */
	{ FK, KEY_UP, KEY_UP, UI_ON_CHOICE | UI_IN_OPEN, ui_k_move },
	{ FK, KEY_DOWN, KEY_DOWN, UI_ON_CHOICE | UI_IN_OPEN, ui_k_move },
	{ OK, '\n', '\n', UI_ON_CHOICE | UI_IN_OPEN, ui_k_drop_pick },
	{ OK, '\r', '\r', UI_ON_CHOICE | UI_IN_OPEN, ui_k_drop_pick },
	{ FK, KEY_ENTER, KEY_ENTER, UI_ON_CHOICE | UI_IN_OPEN, ui_k_drop_pick },
	{ OK, ' ', ' ', UI_ON_CHOICE | UI_IN_OPEN, ui_k_drop_pick },
	{ OK, 27, 27, UI_ON_CHOICE | UI_IN_OPEN, ui_k_drop_pick },
	{ OK, '0', '9', UI_ON_CHOICE | UI_IN_OPEN, ui_k_drop_pick },
	{ FK, KEY_PPAGE, KEY_NPAGE, UI_ON_CHOICE | UI_IN_OPEN, ui_k_drop_pick },
	{ OK, ' ', ' ', UI_ON_CHOICE | UI_IN_DROP, ui_k_drop_open },
	{ OK, '\n', '\n', UI_ON_CHOICE | UI_IN_DROP, ui_k_drop_enter },
	{ OK, '\r', '\r', UI_ON_CHOICE | UI_IN_DROP, ui_k_drop_enter },
	{ FK, KEY_ENTER, KEY_ENTER, UI_ON_CHOICE | UI_IN_DROP,
	    ui_k_drop_enter },
	/* Choices across: Left and Right move among them. */
	{ FK, KEY_LEFT, KEY_LEFT, UI_ON_CHOICE | UI_IN_ACROSS, ui_k_across },
	{ FK, KEY_RIGHT, KEY_RIGHT, UI_ON_CHOICE | UI_IN_ACROSS, ui_k_across },
	/* A page: Tab and the arrows between its questions; Enter to the
	 * next one; a choice kept when marked. */
	{ OK, '\t', '\t', UI_ON_QUEST | UI_IN_PAGE, ui_k_focus },
	{ FK, KEY_BTAB, KEY_BTAB, UI_ON_QUEST | UI_IN_PAGE, ui_k_focus },
	{ FK, KEY_DOWN, KEY_DOWN, UI_ON_CHOICE | UI_IN_PAGE | UI_IN_ACROSS,
	    ui_k_focus },
	{ FK, KEY_UP, KEY_UP, UI_ON_CHOICE | UI_IN_PAGE | UI_IN_ACROSS,
	    ui_k_focus },
	{ FK, KEY_DOWN, KEY_DOWN, UI_ON_CHOICE | UI_IN_PAGE | UI_IN_DROP,
	    ui_k_focus },
	{ FK, KEY_UP, KEY_UP, UI_ON_CHOICE | UI_IN_PAGE | UI_IN_DROP,
	    ui_k_focus },
	{ FK, KEY_DOWN, KEY_DOWN, UI_ON_CHOICE | UI_IN_PAGE, ui_k_page_move },
	{ FK, KEY_UP, KEY_UP, UI_ON_CHOICE | UI_IN_PAGE, ui_k_page_move },
	{ FK, KEY_DOWN, KEY_DOWN, UI_ON_QUEST | UI_IN_PAGE, ui_k_focus },
	{ FK, KEY_UP, KEY_UP, UI_ON_QUEST | UI_IN_PAGE, ui_k_focus },
	{ OK, '0', '9', UI_ON_CHOICE | UI_IN_PAGE, ui_k_page_digit },
	{ OK, ' ', ' ', UI_ON_CHOICE | UI_IN_PAGE, ui_k_page_toggle },
	{ OK, ' ', ' ', UI_ON_ACK | UI_IN_PAGE, ui_k_page_ack },
	{ OK, '1', '1', UI_ON_ACK | UI_IN_PAGE, ui_k_page_ack },
	{ OK, '\n', '\n', UI_ON_QUEST | UI_IN_PAGE, ui_k_page_enter },
	{ OK, '\r', '\r', UI_ON_QUEST | UI_IN_PAGE, ui_k_page_enter },
	{ FK, KEY_ENTER, KEY_ENTER, UI_ON_QUEST | UI_IN_PAGE, ui_k_page_enter },
	{ FK, KEY_RIGHT, KEY_RIGHT, UI_ON_CHOICE | UI_IN_PAGE,
	    ui_k_page_enter },
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
	{ FK, KEY_DOWN, KEY_DOWN, UI_ON_CHOICE | UI_IN_DROP, ui_k_drop_open },
	{ FK, KEY_UP, KEY_UP, UI_ON_CHOICE, ui_k_move },
	{ FK, KEY_DOWN, KEY_DOWN, UI_ON_CHOICE, ui_k_move },
	{ OK, ' ', ' ', UI_ON_CHOICE, ui_k_toggle },
	{ OK, 127, 127, UI_ON_CHOICE, ui_k_unrank },
	{ OK, 8, 8, UI_ON_CHOICE, ui_k_unrank },
	{ FK, KEY_BACKSPACE, KEY_BACKSPACE, UI_ON_CHOICE, ui_k_unrank },
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
		    k <= ui_keys[i].hi &&
		    (ui_keys[i].on & where & UI_ON_KINDS) != 0 &&
		    (ui_keys[i].on & ~UI_ON_KINDS & ~where) == 0)
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
	u.pshown = xcalloc((size_t)form_nfields(engine_form(e)) + 1,
	    sizeof *u.pshown);
	u.group = -1;
	*how = UI_LEFT;
	if (comment != NULL)
		ui_comment(&u, comment);
	ui_load(&u);
	while (go == UI_STAY && !ui_term_signalled()) {
		const struct ui_keydef *d;
		wint_t k;
		int r;

		if (u.recheck && (rc = ui_pending(&u, &c)) != 0) {
			go = ui_fail(&u, rc, c);
			break;
		}
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
	free(u.pshown);
	free(u.pf);
	return u.rc;
}

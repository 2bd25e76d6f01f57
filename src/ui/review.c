/*
 * review.c - the review screen's record list (review.h).
 *
 * Only the rows on screen are read: a page of the store's filtered,
 * sorted records with their flags.  Moving reads the rows just after the
 * last one (or just before the first) by their sort key
 * (store_review_seek()), so a page costs the same at record 99,000 as
 * at the top; Home and End read the first and the last page.  The count
 * (one COUNT query) is taken again only when the filter changes or a
 * verdict is given; the row number shown is kept as the list moves.
 *
 * Keys: Up/Down, PgUp/PgDn, Home/End (or g/G) move; Enter opens the record;
 * a approves, r rejects (with a comment); / jumps to a record by ID
 * prefix; s changes the sort (start, duration, interviewer, status), t
 * sorts by total score, o reverses the order; f cycles the status filter,
 * i filters by interviewer, w by street (picked from the form's labels),
 * d by dates; c clears the filters; e shows the literacy report
 * (review_report.c); F1 or ? lists every key; F10, q or Esc leaves.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/review.h"
#include "ui/review_int.h"
#include "ui/ui_int.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/width.h"
#include "util/xalloc.h"

/* L10N: the sort orders of the review list. */
static const char *const sort_names[STORE_SORT_COUNT] = {
	N_("start"), N_("duration"), N_("interviewer"), N_("status"),
	N_("score"),
};

/*
 * The list's columns: head, first column, width, right-aligned.  Every
 * cell is padded and cut by display width (a cut ends in "…"), so a
 * long Chinese street never runs into the score.
 */
static const struct rvs_col {
	const char *head;
	int x, w;
	bool right;
} rvs_cols[] = {
	/* L10N: the column heads of the review list (each is cut to its
	 * column: 8, 11, 16, 5, 9, 12, 5 columns, then the flags). */
	{ N_("id"), 0, 8, false }, { N_("interviewer"), 9, 11, false },
	{ N_("start"), 21, 16, false }, { N_("min"), 38, 5, true },
	{ N_("status"), 44, 9, false }, { N_("street"), 54, 12, false },
	{ N_("score"), 67, 5, true }, { N_("flags"), 73, 7, false },
};
enum { RVS_ID, RVS_WHO, RVS_START, RVS_MIN, RVS_STATUS, RVS_STREET,
	RVS_SCORE, RVS_FLAGS, RVS_NCOLS };

/* Cell c of row y holding text, within the screen's cols. */
static void
rvs_cell(int y, int c, const char *text, int cols)
{
	const struct rvs_col *col = &rvs_cols[c];
	int w = col->w;
	char *cell;

	if (col->x >= cols)
		return;
	if (c == RVS_FLAGS || col->x + w > cols)
		w = cols - col->x;
	cell = width_pad(text, w, col->right);
	rv_put(y, col->x, w, cell);
	free(cell);
}

/* The status filter cycles through these (NULL: every finished one). */
static const char *const status_cycle[] = {
	NULL, "completed", "approved", "rejected", "uploaded", "draft",
};

struct rvs {
	review *rv;
	const char *who;
	const char *lang;
	struct store_review_filter f;
	char *interviewer, *place;       /* owned filter strings */
	char from_s[16], to_s[16];
	size_t status_i;
	enum store_review_sort sort;
	bool desc;
	size_t total, cur, top;
	enum { RL_NONE, RL_START, RL_HERE, RL_END } reload;
	bool recount;
	struct store_review_row *rows;
	unsigned *flags;
	size_t nrows;
	char *msg;
	struct store_home up;  /* waiting for upload, the last sync */
};

bool
rv_stopping(void)
{
	return ui_term_signalled();
}

static void
rvs_set_msg(struct rvs *s, char *m)
{
	free(s->msg);
	s->msg = m;
}

static int
rvs_visible(void)
{
	int rows, cols;

	getmaxyx(stdscr, rows, cols);
	(void)cols;
	return rows - 6 > 1 ? rows - 6 : 1;
}

static void
rvs_row_clear(struct store_review_row *w)
{
	store_record_clear(&w->r);
	free(w->place);
	free(w->score);
}

/* Take rows (n of them) as the page, with their flags. */
static int
rvs_take(struct rvs *s, struct store_review_row *rows, size_t n,
    char **cause)
{
	size_t i;
	int rc;

	store_review_rows_free(s->rows, s->nrows);
	free(s->flags);
	s->rows = rows;
	s->nrows = n;
	s->flags = xcalloc(n + 1, sizeof *s->flags);
	for (i = 0; i < n; i++)
		if ((rc = review_row_flags(s->rv, &s->rows[i],
		    &s->flags[i], NULL, cause)) != 0)
			return rc;
	return 0;
}

static int
rvs_seek(struct rvs *s, const struct store_review_row *from, bool before,
    size_t lim, struct store_review_row **rows, size_t *n, char **cause)
{
	return store_review_seek(review_store(s->rv), &s->f, s->sort, s->desc,
	    from, before, lim, rows, n, cause);
}

/* Count when asked, then read the first page, the last, or the page
 * from the present first row on. */
static int
rvs_load(struct rvs *s, char **cause)
{
	struct store_review_row *rows = NULL, *prev = NULL;
	size_t vis = (size_t)rvs_visible(), n = 0, np = 0;
	int rc;

	if (s->recount) {
		store_home_clear(&s->up);
		if ((rc = store_review_count(review_store(s->rv), &s->f,
		    &s->total, cause)) != 0 ||
		    (rc = store_home_status(review_store(s->rv), &s->up,
		    cause)) != 0)
			return rc;
	}
	s->recount = false;
	if (s->reload == RL_HERE && s->nrows == 0)
		s->reload = RL_START;
	if (s->reload == RL_HERE) {
		/* The row before the first: the page starts after it. */
		if ((rc = rvs_seek(s, &s->rows[0], true, 1, &prev, &np,
		    cause)) != 0)
			return rc;
		rc = rvs_seek(s, np == 1 ? prev : NULL, false, vis, &rows, &n,
		    cause);
		store_review_rows_free(prev, np);
		if (rc == 0 && np == 0)
			s->top = 0;
	} else if (s->reload == RL_END) {
		rc = rvs_seek(s, NULL, true, vis, &rows, &n, cause);
		s->top = s->total > n ? s->total - n : 0;
	} else {
		rc = rvs_seek(s, NULL, false, vis, &rows, &n, cause);
		s->top = 0;
	}
	if (rc != 0 || (rc = rvs_take(s, rows, n, cause)) != 0)
		return rc;
	if (s->top + s->nrows > s->total)
		s->top = s->total > s->nrows ? s->total - s->nrows : 0;
	if (s->reload == RL_END || s->cur >= s->top + s->nrows)
		s->cur = s->nrows > 0 ? s->top + s->nrows - 1 : s->top;
	if (s->cur < s->top)
		s->cur = s->top;
	s->reload = RL_NONE;
	return 0;
}

/* Move the page d rows down (or, with up, up) by the rows next to it;
 * returns how far it moved. */
static size_t
rvs_scroll(struct rvs *s, size_t d, bool up, char **cause, int *rc)
{
	struct store_review_row *more = NULL, *rows;
	size_t n = 0, keep, i, vis = (size_t)rvs_visible();

	*rc = 0;
	if (s->nrows == 0 || d == 0)
		return 0;
	if (d > vis)
		d = vis;
	*rc = rvs_seek(s, up ? &s->rows[0] : &s->rows[s->nrows - 1], up, d,
	    &more, &n, cause);
	if (*rc != 0 || n == 0) {
		store_review_rows_free(more, n);
		return 0;
	}
	/* Old rows that stay, then the new ones (or the reverse). */
	keep = s->nrows + n > vis ? vis - n : s->nrows;
	if (keep > s->nrows)
		keep = s->nrows;
	rows = xcalloc(keep + n, sizeof *rows);
	if (up) {
		memcpy(rows, more, n * sizeof *rows);
		memcpy(rows + n, s->rows, keep * sizeof *rows);
		for (i = keep; i < s->nrows; i++)
			rvs_row_clear(&s->rows[i]);
	} else {
		memcpy(rows, s->rows + (s->nrows - keep), keep * sizeof *rows);
		memcpy(rows + keep, more, n * sizeof *rows);
		for (i = 0; i < s->nrows - keep; i++)
			rvs_row_clear(&s->rows[i]);
	}
	if (up)
		s->top = s->top > n ? s->top - n : 0;
	else
		s->top += s->nrows - keep;
	free(more);
	free(s->rows);
	s->rows = NULL;
	s->nrows = 0;
	*rc = rvs_take(s, rows, keep + n, cause);
	return n;
}

static void
rvs_flag_letters(unsigned fl, char *out)
{
	/* Not translated: one letter per flag, explained in the legend. */
	static const char letters[QUALITY_NFLAGS] = { 'S', 'L', 'D', 'H' };
	int i, n = 0;

	for (i = 0; i < QUALITY_NFLAGS; i++)
		if (fl & (1u << i))
			out[n++] = letters[i];
	out[n] = '\0';
}

static void rvs_ask(const char *prompt, char **field, const char **bound);

/* The newest stored form that holds records (its streets are the ones
 * to pick from), or NULL. */
static const form *
rvs_form(struct rvs *s)
{
	struct store_form *forms = NULL;
	const form *f = NULL;
	size_t n = 0, i;
	char *err = NULL;

	if (store_form_list(review_store(s->rv), &forms, &n, &err) == 0)
		for (i = n; i-- > 0;)
			if (forms[i].records > 0) {
				if (review_form(s->rv, forms[i].key, &f, &err)
				    != 0)
					f = NULL;
				break;
			}
	free(err);
	store_forms_free(forms, n);
	return f;
}

static int
rvs_lang(const form *f, const char *lang)
{
	int l = f != NULL ? form_lang_find(f, lang) : -1;

	return l >= 0 || f == NULL ? l : form_default_lang(f);
}

/*
 * A list to pick from, full screen: title, the items' texts; Up/Down,
 * PgUp/PgDn, Home/End move, Enter picks, Esc, q or F10 go back (-1).
 */
static int
rvs_pick(const char *title, const char *const *items, int n, int hl)
{
	int rows, cols, top = 0, i, r;
	wint_t k;

	while (!ui_term_signalled()) {
		getmaxyx(stdscr, rows, cols);
		erase();
		attron(A_REVERSE);
		mvhline(0, 0, ' ', cols);
		rv_put(0, 1, cols - 2, title);
		attroff(A_REVERSE);
		if (hl < top)
			top = hl;
		if (hl >= top + rows - 3)
			top = hl - (rows - 3) + 1;
		for (i = top; i < n && i - top < rows - 3; i++) {
			char *line = width_cut(items[i], cols - 4);

			if (i == hl)
				attron(A_REVERSE);
			mvaddstr(i - top + 2, 1, i == hl ? "> " : "  ");
			rv_put(i - top + 2, 3, cols - 4, line);
			if (i == hl)
				attroff(A_REVERSE);
			free(line);
		}
		attron(A_REVERSE);
		mvhline(rows - 1, 0, ' ', cols);
		rv_put(rows - 1, 0, cols, _("Up/Down choose  Enter pick  "
		    "Esc back"));
		attroff(A_REVERSE);
		refresh();
		if ((r = ui_key(&k)) == ERR)
			continue;
		if (r == KEY_CODE_YES) {
			if (k == KEY_UP && hl > 0)
				hl--;
			else if (k == KEY_DOWN && hl + 1 < n)
				hl++;
			else if (k == KEY_PPAGE)
				hl = hl > rows - 3 ? hl - (rows - 3) : 0;
			else if (k == KEY_NPAGE)
				hl = hl + rows - 3 < n ? hl + rows - 3 : n - 1;
			else if (k == KEY_HOME)
				hl = 0;
			else if (k == KEY_END)
				hl = n - 1;
			else if (k == KEY_ENTER)
				return hl;
			else if (k == KEY_F(10))
				return -1;
			continue;
		}
		if (k == '\n' || k == '\r')
			return hl;
		if (k == 27 || k == 'q' || k == 3)
			return -1;
	}
	return -1;
}

/* w: pick the street by its label (the first item: every street). */
static void
rvs_pick_street(struct rvs *s)
{
	const form *f = rvs_form(s);
	int i = f != NULL ? (s->f.place_field != NULL ? form_find(f, s->f.place_field) : -1) : -1;
	int list = i >= 0 ? form_field(f, i)->list : -1;
	int n = list >= 0 ? form_list_size(f, list) : 0, lang, k, hl = 0;
	const char **items;
	char *title;

	if (n == 0) {
		rvs_ask(_("Street, as its choice name (empty: all):"),
		    &s->place, &s->f.place);
		return;
	}
	lang = rvs_lang(f, s->lang);
	items = xcalloc((size_t)n + 1, sizeof *items);
	items[0] = _("All streets");
	for (k = 0; k < n; k++) {
		const struct form_choice *c = form_choice(f, list, k);
		const char *lab = form_text(f, c->label, lang);

		items[k + 1] = lab != NULL && *lab != '\0' ? lab : c->name;
		if (s->place != NULL && strcmp(s->place, c->name) == 0)
			hl = k + 1;
	}
	title = kesu_msg(_("Filter by street (%d)"), n);
	k = rvs_pick(title, items, n + 1, hl);
	free(title);
	free(items);
	if (k < 0)
		return;
	free(s->place);
	s->place = k == 0 ? NULL : xstrdup(form_choice(f, list, k - 1)->name);
	s->f.place = s->place;
}

/* F1 or ?: every key of the list, one per line, until a key. */
static void
rvs_help(void)
{
	static const char *const lines[] = {
		N_("Keys of the review list"),
		"",
		N_("Up/Down, PgUp/PgDn   move"),
		N_("Home/End (g/G)       first / last record"),
		N_("Enter                open the record"),
		N_("a                    approve the record"),
		N_("r                    reject it, with a comment"),
		N_("/                    go to a record by its ID"),
		N_("s                    next sort: start, duration, "
		    "interviewer, status"),
		N_("t                    sort by total score"),
		N_("o                    reverse the order"),
		N_("f                    next status filter"),
		N_("i                    filter by interviewer"),
		N_("w                    filter by street (pick from a list)"),
		N_("d                    filter by dates"),
		N_("c                    clear the filters"),
		N_("e                    literacy report"),
		N_("F1 or ?              these keys"),
		N_("q, Esc or F10        quit"),
		"",
		N_("Press any key to go back."),
	};
	int rows, cols, y;
	size_t i;
	wint_t k;

	while (!ui_term_signalled()) {
		getmaxyx(stdscr, rows, cols);
		erase();
		for (i = 0, y = 0; i < sizeof lines / sizeof lines[0] &&
		    y < rows; i++, y++) {
			char *line = width_cut(lines[i][0] != '\0' ?
			    _(lines[i]) : "", cols - 2);

			if (i == 0)
				attron(A_BOLD);
			rv_put(y, 1, cols - 2, line);
			if (i == 0)
				attroff(A_BOLD);
			free(line);
		}
		refresh();
		if (ui_key(&k) != ERR)
			return;
	}
}

static void
rvs_draw(struct rvs *s)
{
	int rows, cols, y;
	size_t i;
	char *line, when[40], fl[8], min[16], *place = NULL;

	getmaxyx(stdscr, rows, cols);
	erase();
	attron(A_REVERSE);
	mvhline(0, 0, ' ', cols);
	/* L10N: the review list's title: user, number of records, sort. */
	line = kesu_msg(ngettext("Review  %s  %zu record  sort: %s %s",
	    "Review  %s  %zu records  sort: %s %s", (unsigned long)s->total),
	    s->who, s->total, _(sort_names[s->sort]), s->desc ? "v" : "^");
	rv_put(0, 1, cols - 2, line);
	free(line);
	attroff(A_REVERSE);
	if (s->place != NULL) {
		const form *pf = rvs_form(s);

		place = review_choice_labels(pf, s->f.place_field, s->place,
		    rvs_lang(pf, s->lang), NULL);
	}
	/* L10N: the active filters; "-" for none. */
	line = kesu_msg(_("status: %s  interviewer: %s  street: %s  "
	    "dates: %s..%s"), s->f.status != NULL ?
	    store_status_label(s->f.status) : _("all"),
	    s->interviewer != NULL ? s->interviewer : "-",
	    place != NULL ? place : "-",
	    s->from_s[0] ? s->from_s : "", s->to_s[0] ? s->to_s : "");
	rv_put(1, 1, cols - 2, line);
	free(line);
	free(place);
	attron(A_BOLD);
	for (i = 0; i < RVS_NCOLS; i++)
		rvs_cell(2, (int)i, _(rvs_cols[i].head), cols);
	attroff(A_BOLD);
	for (i = 0, y = 3; i < s->nrows && y < rows - 3; i++, y++) {
		const struct store_review_row *w = &s->rows[i];
		const form *f = NULL;
		char *err = NULL, *street;

		if (review_form(s->rv, w->r.form_key, &f, &err) != 0) {
			free(err);
			f = NULL;
		}
		street = review_choice_labels(f, s->f.place_field, w->place,
		    f != NULL ? form_lang_find(f, s->lang) : 0, NULL);
		clock_format(w->r.started, w->r.tz, when, sizeof when);
		when[10] = ' ';
		when[16] = '\0';
		if (w->r.duration > 0)
			snprintf(min, sizeof min, "%.1f", w->r.duration / 60);
		else
			snprintf(min, sizeof min, "-");
		rvs_flag_letters(s->flags[i], fl);
		if (s->top + i == s->cur)
			attron(A_REVERSE);
		mvhline(y, 0, ' ', cols);
		{
			char id[9];

			/* The short ID is a prefix, not a cut text. */
			snprintf(id, sizeof id, "%.8s", w->r.uuid);
			rvs_cell(y, RVS_ID, id, cols);
		}
		rvs_cell(y, RVS_WHO, w->r.interviewer, cols);
		rvs_cell(y, RVS_START, when, cols);
		rvs_cell(y, RVS_MIN, min, cols);
		rvs_cell(y, RVS_STATUS, store_status_label(w->r.status), cols);
		rvs_cell(y, RVS_STREET, street, cols);
		rvs_cell(y, RVS_SCORE, w->score, cols);
		rvs_cell(y, RVS_FLAGS, fl, cols);
		if (s->top + i == s->cur)
			attroff(A_REVERSE);
		free(street);
	}
	if (s->total == 0)
		rv_put(4, 2, cols - 4, _("No records match."));
	line = ui_upload_line(&s->up);
	rv_put(rows - 3, 0, cols - 1, line);
	free(line);
	if (s->msg != NULL) {
		attron(A_BOLD);
		rv_put(rows - 2, 0, cols - 1, s->msg);
		attroff(A_BOLD);
	} else
		rv_put(rows - 2, 0, cols - 1, _("Flags: S speeding  "
		    "L straight-lining  D don't know  H odd hours"));
	attron(A_REVERSE);
	mvhline(rows - 1, 0, ' ', cols);
	/* L10N: the review list's main keys; F1 or ? lists them all. */
	rv_put(rows - 1, 0, cols, _("Enter open  a approve  r reject  "
	    "w street  f status  e report  ? keys  q quit"));
	attroff(A_REVERSE);
	refresh();
}

/* Ask a filter text; empty clears it, Esc keeps it. */
static void
rvs_ask(const char *prompt, char **field, const char **bound)
{
	char *t = rv_prompt(prompt, *field != NULL ? *field : "");

	if (t == NULL)
		return;
	free(*field);
	*field = NULL;
	if (*t != '\0')
		*field = t;
	else
		free(t);
	*bound = *field;
}

static void
rvs_ask_dates(struct rvs *s)
{
	const char *which[2] = { _("From date (YYYY-MM-DD, empty: any):"),
	    _("To date (YYYY-MM-DD, empty: any):") };
	char *bufs[2] = { s->from_s, s->to_s };
	double *t[2] = { &s->f.from, &s->f.to };
	int i;

	for (i = 0; i < 2; i++) {
		char *d = rv_prompt(which[i], bufs[i]);
		double v;

		if (d == NULL)
			return;
		if (*d == '\0') {
			*t[i] = 0;
			bufs[i][0] = '\0';
		} else if (review_parse_time(d, i == 1, &v) == 0 &&
		    strlen(d) < 16) {
			*t[i] = v;
			snprintf(bufs[i], 16, "%s", d);
		} else {
			/* L10N: %s is what was typed as a date. */
			rvs_set_msg(s, kesu_msg(_("Not a date: %s"), d));
			free(d);
			return;
		}
		free(d);
	}
}

static int
rvs_jump(struct rvs *s, char **cause)
{
	struct store_record r;
	char *id = rv_prompt(_("Record ID or its first characters:"), "");
	char *c = NULL;
	int rc;

	if (id == NULL || *id == '\0') {
		free(id);
		return 0;
	}
	rc = store_record_find(review_store(s->rv), id, &r, &c);
	free(id);
	if (rc == KESU_ENOINPUT || rc == KESU_EUSAGE) {
		rvs_set_msg(s, c);
		return 0;
	}
	if (rc != 0) {
		*cause = c;
		return rc;
	}
	rvs_set_msg(s, NULL);
	rc = rv_view(s->rv, s->who, r.uuid, &s->lang, &s->msg, cause);
	store_record_clear(&r);
	s->reload = RL_HERE;
	s->recount = true;
	return rc;
}

/* One key; *quit when the screen should close. */
static int
rvs_key(struct rvs *s, int r, wint_t k, bool *quit, char **cause)
{
	size_t vis = (size_t)rvs_visible();
	const struct store_review_row *w = s->cur >= s->top &&
	    s->cur - s->top < s->nrows ? &s->rows[s->cur - s->top] : NULL;
	int rc = 0;

	if (r == KEY_CODE_YES) {
		size_t moved;

		switch (k) {
		case KEY_F(10):
			*quit = true;
			break;
		case KEY_F(1):
			rvs_help();
			return 0;
		case KEY_UP:
			if (s->cur > s->top)
				s->cur--;
			else if (rvs_scroll(s, 1, true, cause, &rc) > 0)
				s->cur = s->top;
			break;
		case KEY_DOWN:
			if (s->cur + 1 < s->top + s->nrows)
				s->cur++;
			else if (rvs_scroll(s, 1, false, cause, &rc) > 0)
				s->cur = s->top + s->nrows - 1;
			break;
		case KEY_NPAGE:
			moved = rvs_scroll(s, vis, false, cause, &rc);
			s->cur += moved > 0 ? moved : 0;
			if (moved == 0 && s->nrows > 0)
				s->cur = s->top + s->nrows - 1;
			break;
		case KEY_PPAGE:
			moved = rvs_scroll(s, vis, true, cause, &rc);
			s->cur = s->cur > moved ? s->cur - moved : 0;
			if (moved == 0)
				s->cur = s->top;
			break;
		case KEY_HOME:
			s->cur = 0;
			s->reload = RL_START;
			break;
		case KEY_END:
			s->reload = RL_END;
			break;
		case KEY_ENTER:
			goto open;
		default:
			return 0;
		}
		if (s->cur >= s->top + s->nrows)
			s->cur = s->nrows > 0 ? s->top + s->nrows - 1 : s->top;
		if (s->cur < s->top)
			s->cur = s->top;
		return rc;
	}
	switch (k) {
	case 'q':
	case 27:
	case 3:
		*quit = true;
		return 0;
	case '?':
		rvs_help();
		return 0;
	case '\n':
	case '\r':
		goto open;
	case 'a':
	case 'r':
		if (w == NULL)
			return 0;
		rc = rv_verdict(s->rv, s->who, w->r.key, w->r.uuid, k == 'r',
		    &s->msg, cause);
		break;
	case '/':
		return rvs_jump(s, cause);
	case 'e':
		return rv_report(s->rv, cause);
	case 'g':
		s->cur = 0;
		s->reload = RL_START;
		return 0;
	case 'G':
		s->reload = RL_END;
		return 0;
	case 's':
		/* The score sort has its own key (t). */
		s->sort = s->sort + 1 >= STORE_SORT_SCORE ? STORE_SORT_STARTED :
		    s->sort + 1;
		break;
	case 't':
		s->sort = STORE_SORT_SCORE;
		break;
	case 'o':
		s->desc = !s->desc;
		break;
	case 'f':
		s->status_i = (s->status_i + 1) %
		    (sizeof status_cycle / sizeof status_cycle[0]);
		s->f.status = status_cycle[s->status_i];
		break;
	case 'i':
		rvs_ask(_("Interviewer (empty: all):"), &s->interviewer,
		    &s->f.interviewer);
		break;
	case 'w':
		rvs_pick_street(s);
		break;
	case 'd':
		rvs_ask_dates(s);
		break;
	case 'c':
		free(s->interviewer);
		free(s->place);
		s->interviewer = s->place = NULL;
		/* The filters go; the form's place and score fields stay. */
		{
			const char *pf = s->f.place_field, *sf = s->f.score_field;

			memset(&s->f, 0, sizeof s->f);
			s->f.place_field = pf;
			s->f.score_field = sf;
		}
		s->from_s[0] = s->to_s[0] = '\0';
		s->status_i = 0;
		break;
	default:
		return 0;
	}
	if (k != 'a' && k != 'r') {
		s->cur = s->top = 0;
		rvs_set_msg(s, NULL);
		s->reload = RL_START;
	} else
		s->reload = RL_HERE;
	s->recount = true;
	return rc;
open:
	if (w == NULL)
		return 0;
	rvs_set_msg(s, NULL);
	rc = rv_view(s->rv, s->who, w->r.uuid, &s->lang, &s->msg, cause);
	s->reload = RL_HERE;
	s->recount = true;
	return rc;
}

int
ui_review(review *rv, const char *who,
    const struct store_review_filter *filter, const char *lang,
    char **cause)
{
	struct rvs s;
	size_t i;
	int rc = 0;

	memset(&s, 0, sizeof s);
	s.rv = rv;
	s.who = who;
	s.lang = lang;
	s.f = *filter;
	s.f.interviewer = s.interviewer = filter->interviewer != NULL ?
	    xstrdup(filter->interviewer) : NULL;
	s.f.place = s.place = filter->place != NULL ?
	    xstrdup(filter->place) : NULL;
	for (i = 0; i < sizeof status_cycle / sizeof status_cycle[0]; i++)
		if (filter->status != NULL && status_cycle[i] != NULL &&
		    strcmp(status_cycle[i], filter->status) == 0)
			s.status_i = i;
	s.f.status = status_cycle[s.status_i];
	/* The interview screen's terminal, signals and locale: with LANG
	 * unset, i18n_init()'s C.UTF-8, so Chinese is drawn as Chinese. */
	if ((rc = ui_term_open(cause)) != 0)
		goto out;
	curs_set(0);
	s.reload = RL_START;
	s.recount = true;
	while (!ui_term_signalled()) {
		bool quit = false;
		wint_t k;
		int r;

		if ((s.reload != RL_NONE || s.recount) &&
		    (rc = rvs_load(&s, cause)) != 0)
			break;
		rvs_draw(&s);
		r = ui_key(&k);
		if (r == ERR)
			continue;
		if (r == KEY_CODE_YES && k == KEY_RESIZE) {
			s.reload = RL_HERE;
			continue;
		}
		if ((rc = rvs_key(&s, r, k, &quit, cause)) != 0 || quit)
			break;
	}
	ui_term_close();
	if (rc == 0 && ui_term_lost()) {
		/* L10N: the keyboard's input ended (end of file, the
		 * terminal closed). */
		*cause = xstrdup(_("the terminal's input ended; leaving"));
		rc = KESU_EIO;
	}
out:
	store_review_rows_free(s.rows, s.nrows);
	free(s.flags);
	free(s.interviewer);
	free(s.place);
	free(s.msg);
	store_home_clear(&s.up);
	return rc;
}

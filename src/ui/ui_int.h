/*
 * ui_int.h - what the screens of src/ui/ share and nothing else sees: the
 * terminal (opened once for login, home and interviews), drawing text
 * inert, and a one-line editor.
 */
#ifndef KESU_UI_INT_H
#define KESU_UI_INT_H

#include <curses.h>
#include <stdbool.h>
#include <wchar.h>

#include "store/store.h"
#include "ui/ui.h"
#include "util/err.h"

/*
 * Open the terminal (even when stdout is redirected: the screen goes to
 * /dev/tty) and catch SIGINT, SIGTERM and SIGHUP, which set a flag the
 * screens poll; get_wch() waits at most 200 ms; Esc comes at once
 * (ESCDELAY 25 ms).  Closed with ui_term_close(), which restores the
 * terminal, also on running out of memory (xalloc_set_hook()).
 */
int ui_term_open(char **cause) KESU_WUR;
void ui_term_close(void);
/* A signal asked kesu to save and leave, or the input ended (end of
 * file, a lost terminal): every screen saves and leaves the same way. */
bool ui_term_signalled(void);
/* The input ended (ui_key() saw it). */
bool ui_term_lost(void);

/* Draw s at (y, x) within w columns, control characters as '?', wrapping
 * onto at most maxlines lines; returns the lines used. */
int ui_text(int y, int x, int w, const char *s, int maxlines);
/* The lines ui_text() would use, drawing nothing. */
int ui_text_rows(int w, const char *s, int maxlines);
/* Display width of s (control characters count 1, as ui_text shows them). */
int ui_width(const char *s);
/* How a part of a screen looks: in colour, or reverse / bold. */
enum ui_look { UI_LOOK_BAR, UI_LOOK_MSG };
int ui_attr(enum ui_look look);
/* A bar (reverse video, or white on blue) across row y holding s. */
void ui_bar(int y, const char *s);

/* Line editor state: wide characters, cursor index. */
struct ui_line {
	wchar_t buf[512];
	int len, cur;
};

void ui_line_set(struct ui_line *l, const char *s);
/* The line as UTF-8; caller frees. */
char *ui_line_get(const struct ui_line *l);
/* Apply key k (fn: a function key) to l: move (arrows, Home, End),
 * delete (Backspace, Delete, Ctrl-W a word, Ctrl-U all), insert. */
void ui_line_key(struct ui_line *l, wint_t k, bool fn);
/* Wipe l (it held a PIN). */
void ui_line_wipe(struct ui_line *l);

/*
 * Login (login.c): choose a user (arrows and Enter; as_user preselects
 * and skips the list), then the PIN, masked, and Enter.  A refusal shows
 * store_user_login()'s message (a wait, a lock) and asks again.  0 with
 * *user (the caller's) and *role; *user NULL when the person quit (F10).
 */
int ui_login(store *st, const char *as_user, char **user,
    enum store_role *role, char **cause) KESU_WUR;

/*
 * An account (account.c): name and PIN twice, masked; created with
 * store_user_add() as role by actor (NULL: the first supervisor of an
 * empty database).  0 with *name (the caller's), or *name NULL when the
 * person went back (F10).
 */
int ui_account(store *st, enum store_role role, const char *actor,
    char **name, char **cause) KESU_WUR;

/* What the person picked at home. */
enum ui_pick { UI_PICK_QUIT, UI_PICK_NEW, UI_PICK_RESUME,
	UI_PICK_HOUSEHOLD,  /* the interview of a sampled household */
	UI_PICK_VISIT,      /* a visit to one that gave no interview */
	UI_PICK_SWITCH };   /* another person logs in */

/*
 * Home (home.c) for user: new interview, drafts, rejected records, the
 * language (F2; *lang is the form language, the UI's follows), and for
 * supervisors "add an interviewer"; a status line of what waits for
 * upload and the last sync.  *msg (may be NULL; consumed) is shown
 * first.  *id gets the draft to resume (the caller's).
 */
int ui_home(const struct ui_app *app, const char *user,
    enum store_role role, int *lang, char **msg, enum ui_pick *pick,
    char **id, char **cause) KESU_WUR;

/*
 * The sampled households (households.c) of user (a supervisor: all):
 * *pick UI_PICK_HOUSEHOLD or UI_PICK_VISIT with *id the household (the
 * caller's), or UI_PICK_QUIT when the person went back.
 */
int ui_households(const struct ui_app *app, const char *user,
    enum store_role role, enum ui_pick *pick, char **id, char **cause)
    KESU_WUR;

/* The F3 jump list (jump.c), current highlighted: every stop, each
 * instance of a repeat with its own questions.  On a pick the engine is
 * taken there and the question picked is returned; -1 when the person
 * went back.  seen (by field, may be NULL): the questions shown in this
 * sitting, for the notes' marks. */
int ui_jump(engine *e, int current, const bool *seen);
/* Is field a question the person sees now (relevant, not a calculate,
 * metadata or group)? */
bool ui_shown(const engine *e, int field);
/* The numbers of the questions this interview can ask, by field index
 * (engine_numbers()), *total their count: the header, the jump list and
 * the end screen number questions so.  Caller frees. */
int *ui_qnums(const engine *e, int *total);

/* Repeats on the interview screen (repeat.c).  ui_repeat_where: "Member
 * 2 of 3" for a question inside a repeat, else NULL (caller frees).
 * ui_repeat_draw: the "add another?" prompt of repeat rep from row y;
 * the rows used.  ui_repeat_key: the prompt's keys and F4 (delete an
 * instance, confirmed); *done when the key was taken (and the draft
 * confirmed), *msg a status message (caller frees) or NULL. */
char *ui_repeat_where(const engine *e, int field);
int ui_repeat_draw(const engine *e, int rep, int y, int cols);
int ui_repeat_key(engine *e, store_session *ss, int r, wint_t k, bool *done,
    char **msg, char **cause) KESU_WUR;

/*
 * A select as the question screen draws it (choices.c, grid.c): its choices
 * now (engine_choices()), which are marked (the working answer of the
 * question in hand, else the answer kept) and which is highlighted (-1:
 * none, the question is not in hand).  Each drawing function draws from
 * row y, column x, within w columns and above row maxy, and returns the
 * rows it takes; with draw false it only measures.
 */
struct ui_choices {
	const form *f;
	const struct form_field *fl;
	const engine *e;   /* whose engine_choice() names p->ch; fills
	                    * ${name} in the labels */
	int field;
	int lang;
	const int *ch;
	int n;
	const bool *mark;  /* [n] */
	int hl;
	bool open;         /* minimal: the list is open */
};

/* The label of choice c (as engine_choices() gives it) of select field
 * as the screen shows it: in the engine's language, each ${name} filled
 * (engine_text()), a roster answer as typed (select_one ${q}); "" when it
 * has none.  Caller frees. */
char *ui_choice_text(const engine *e, int field, int c);
/* Mark in mark[0..n) the choices that value (choice names separated by
 * spaces; for select_one ${q} one name) names; *hl (may be NULL) gets
 * the last one marked. */
void ui_choices_marks(const engine *e, int field, const int *ch, int n,
    const char *value, bool *mark, int *hl);
/* The choices one a line ("( ) 1. Yes"), across (likert), or a
 * drop-down (minimal: the label chosen; the list under it when open), as
 * the field's appearance says. */
int ui_choices_draw(const struct ui_choices *p, int y, int x, int w, int maxy,
    bool draw);
/* Does the appearance lay the choices across (likert)?  Is it a
 * drop-down (minimal)? */
bool ui_choices_across(const struct form_field *fl);
bool ui_choices_drop(const struct form_field *fl);

/*
 * Grids (grid.c): a Likert battery, rows = questions, columns = the
 * choices of their list.  ui_grid_fits: whether n choices fit in w
 * columns as a grid.  ui_grid_head: the choices' numbers and labels over
 * the columns, corner (may be "") over the questions.  ui_grid_row: one
 * question, its label cut to its column (two lines at most), a mark under
 * each choice, the highlighted one in reverse.
 */
bool ui_grid_fits(int n, int w);
int ui_grid_head(const struct ui_choices *p, const char *corner, int y, int x,
    int w, int maxy, bool draw);
int ui_grid_row(const struct ui_choices *p, const char *label, bool focus,
    int y, int x, int w, int maxy, bool draw);

/* The status line of what waits for upload and the last sync (home.c,
 * also on the review list): allocated. */
char *ui_upload_line(const struct store_home *h);

/* The key loop's wait: a key, or ERR after 200 ms, on a signal, or when
 * the input has ended (then ui_term_signalled() is true). */
int ui_key(wint_t *k);

/*
 * A rank question's working order (rank.c): positions in
 * engine_choices(), the first preferred first.  ui_rank_load() reads a
 * value (choice names in order); ui_rank_toggle() gives shown choice i
 * the next place, or takes it out; ui_rank_pop() takes out the last;
 * ui_rank_text() is the value to give the engine (caller frees);
 * ui_rank_draw() draws the choices with their places and the order from
 * row y, highlighting hl, and returns the row after it.
 */
#define UI_RANK_MAX 256
struct ui_rank {
	int order[UI_RANK_MAX];
	int n;
};
void ui_rank_load(struct ui_rank *r, engine *e, int field, const char *value);
void ui_rank_toggle(struct ui_rank *r, int i);
void ui_rank_pop(struct ui_rank *r);
char *ui_rank_text(const struct ui_rank *r, engine *e, int field);
int ui_rank_draw(const struct ui_rank *r, engine *e, int field, int hl, int y,
    int rows, int cols);

/*
 * Text appearances (typed.c).  ui_appearance_has(): the field's
 * appearance column holds word.  ui_typed_refuses(): a text with
 * appearance numbers refuses character k (anything but digits, a sign
 * and a point).  ui_typed_multiline(): a text with appearance multiline.
 * ui_line_newline() inserts a line break at the cursor.
 * ui_typed_draw_lines() draws the line editor's text with "> " before it,
 * each of its lines on a row (at most maxrows, those up to the cursor's),
 * sets where the cursor goes, and returns the rows used.
 */
bool ui_appearance_has(const struct form_field *fl, const char *word);
bool ui_typed_refuses(const struct form_field *fl, wint_t k);
bool ui_typed_multiline(const struct form_field *fl);
void ui_line_newline(struct ui_line *l);
int ui_typed_draw_lines(const struct ui_line *l, bool sel, int y, int x, int w,
    int maxrows, int *cy, int *cx);

#endif

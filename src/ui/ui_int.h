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
 * screens poll; get_wch() waits at most 200 ms.  Closed with
 * ui_term_close(), which restores the terminal.
 */
int ui_term_open(char **cause) KESU_WUR;
void ui_term_close(void);
/* A signal asked kesu to save and leave. */
bool ui_term_signalled(void);

/* Draw s at (y, x) within w columns, control characters as '?', wrapping
 * onto at most maxlines lines; returns the lines used. */
int ui_text(int y, int x, int w, const char *s, int maxlines);
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
/* Apply key k (fn: a function key) to l: move, delete, insert. */
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
enum ui_pick { UI_PICK_QUIT, UI_PICK_NEW, UI_PICK_RESUME, UI_PICK_SWITCH };

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

/* The F3 jump list (jump.c), current highlighted: the question picked,
 * or -1 when the person went back. */
int ui_jump(const engine *e, int current);

/* The status line of what waits for upload and the last sync (home.c,
 * also on the review list): allocated. */
char *ui_upload_line(const struct store_home *h);

/* The key loop's wait: a key, or ERR after 200 ms or on a signal. */
int ui_key(wint_t *k);

#endif

/*
 * ui.h - the interviewer's screens (ncursesw): first-run setup, login,
 * home and the question screen.  Only src/ui/ includes curses.  The
 * screens run no SQL and build no engine: they call the store's API
 * (logins, users, the home's lists) and the command's callbacks (opening
 * an interview), and every confirmed answer goes through
 * store_session_confirm() at once.
 */
#ifndef KESU_UI_H
#define KESU_UI_H

#include <stdbool.h>

#include "engine/engine.h"
#include "store/session.h"

enum ui_end { UI_LEFT, UI_FINALIZED };

/* Run the question screen until F10 (draft saved), finalize, or a
 * signal (draft saved).  *how says which.  comment (may be NULL) is a
 * supervisor's, shown first (ui.c).  The terminal is ui_run()'s. */
int ui_interview(engine *e, store_session *ss, const char *interviewer,
    const char *comment, enum ui_end *how, char **cause) KESU_WUR;

/* What the screens need from the command. */
struct ui_app {
	store *st;
	const form *f;      /* the form new interviews use */
	void *ctx;
	/*
	 * Open a new interview (id NULL) or resume draft id, for user of
	 * role, in form language lang (-1: the form's default).  *e and *ss
	 * are the caller's; KESU_ENOPERM and the like come back with a
	 * message the home screen shows.  A rejected record reopened gets
	 * its supervisor's comment in *comment (the caller's), else NULL.
	 */
	int (*open)(void *ctx, const char *user, enum store_role role,
	    const char *id, int lang, engine **e, store_session **ss,
	    char **comment, char **cause);
	/*
	 * Open a new interview of sampled household hh, or with visit the
	 * form that records a visit without one; both pre-filled from the
	 * household's sample row.  NULL when the command has no sample
	 * screens.  As open() otherwise.
	 */
	int (*open_household)(void *ctx, const char *user,
	    enum store_role role, const char *hh, bool visit, int lang,
	    engine **e, store_session **ss, char **cause);
	/* Interview e ended how (called after its screen closed). */
	void (*ended)(void *ctx, const engine *e, enum ui_end how);
};

struct ui_start {
	const char *as_user;  /* preselected at login (--as), or NULL */
	const char *user;     /* already logged in (--pin-stdin), or NULL */
	enum store_role role; /* user's role */
	const char *resume;   /* a draft to open first (--resume), or NULL */
	int lang;             /* form language (--lang), -1: default */
};

/*
 * The interviewer's session: on a database without users, first-run
 * setup of the supervisor; else login (unless start->user); then the
 * draft start->resume, if any; then home until F10 or a signal.  An
 * error opening start->resume ends the session with that error.
 */
int ui_run(const struct ui_app *app, const struct ui_start *start,
    char **cause) KESU_WUR;

#endif

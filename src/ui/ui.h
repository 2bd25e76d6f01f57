/*
 * ui.h - the interview screen (ncursesw): the only code that includes
 * curses.  It drives an engine and a store session; every confirmed
 * answer goes through store_session_confirm() at once.
 */
#ifndef KESU_UI_H
#define KESU_UI_H

#include "engine/engine.h"
#include "store/session.h"

enum ui_end { UI_LEFT, UI_FINALIZED };

/* Run the question screen until F10 (draft saved), finalize, or a
 * signal (draft saved).  *how says which. */
int ui_interview(engine *e, store_session *ss, const char *interviewer,
    enum ui_end *how, char **cause) KESU_WUR;

#endif

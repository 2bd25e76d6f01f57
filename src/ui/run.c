/*
 * run.c - the sequence of the interviewer's screens (ui.h): setup or
 * login, then home, each interview returning to home; one terminal for
 * all of them, restored on every way out.
 */
#include <stdlib.h>
#include <string.h>

#include "ui/ui_int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Open what pick names (id: the draft or household) through the command
 * and run its screen, in form language *lang, which follows an F2 on
 * that screen. */
static int
run_interview(const struct ui_app *app, const char *user,
    enum store_role role, enum ui_pick pick, const char *id, int *lang,
    char **msg, char **cause)
{
	engine *e = NULL;
	store_session *ss = NULL;
	enum ui_end how;
	char *c = NULL, *comment = NULL;
	int rc;

	if (pick == UI_PICK_HOUSEHOLD || pick == UI_PICK_VISIT)
		rc = app->open_household(app->ctx, user, role, id,
		    pick == UI_PICK_VISIT, *lang, &e, &ss, &c);
	else
		rc = app->open(app->ctx, user, role, pick == UI_PICK_RESUME ?
		    id : NULL, *lang, &e, &ss, &comment, &c);
	if (rc != 0) {
		*cause = c;
		return rc;
	}
	rc = ui_interview(e, ss, user, comment, &how, cause);
	free(comment);
	/* The language it ended in, as the main form numbers it. */
	*lang = engine_form(e) == app->f ? engine_lang(e) :
	    form_lang_find(app->f, form_lang_code(engine_form(e),
	    engine_lang(e)));
	if (rc == 0) {
		app->ended(app->ctx, e, how);
		/* L10N: shown at home after an interview. */
		*msg = kesu_msg(how == UI_FINALIZED ? _("Completed: %s") :
		    _("Draft saved: %s"), engine_instance_id(e));
	}
	store_session_free(&ss);
	engine_free(&e);
	return rc;
}

int
ui_run(const struct ui_app *app, const struct ui_start *start,
    char **cause)
{
	char *user = NULL, *msg = NULL, *id = NULL;
	enum store_role role = start->role;
	enum ui_pick pick;
	int n, lang = start->lang, rc;

	if ((rc = ui_term_open(cause)) != 0)
		return rc;
	if (start->user != NULL)
		user = xstrdup(start->user);
	else if ((rc = store_user_count(app->st, &n, cause)) != 0)
		goto out;
	else if (n == 0) {
		if ((rc = ui_account(app->st, STORE_SUPERVISOR, NULL, &user,
		    cause)) != 0)
			goto out;
		role = STORE_SUPERVISOR;
	} else if ((rc = ui_login(app->st, start->as_user, &user, &role,
	    cause)) != 0)
		goto out;
	if (user == NULL || ui_term_signalled())
		goto out;
	if (start->resume != NULL &&
	    (rc = run_interview(app, user, role, UI_PICK_RESUME,
	    start->resume, &lang, &msg, cause)) != 0)
		goto out;
	while (!ui_term_signalled()) {
		char *c = NULL;

		if ((rc = ui_home(app, user, role, &lang, &msg, &pick, &id,
		    cause)) != 0 || pick == UI_PICK_QUIT)
			break;
		if (pick == UI_PICK_SWITCH) {
			/* Another person logs in on the same screen. */
			free(user);
			user = NULL;
			if ((rc = ui_login(app->st, NULL, &user, &role,
			    cause)) != 0 || user == NULL)
				break;
			continue;
		}
		rc = run_interview(app, user, role, pick, id, &lang, &msg, &c);
		free(id);
		id = NULL;
		if (rc == KESU_ENOPERM || rc == KESU_ENOINPUT ||
		    rc == KESU_EUSAGE || rc == KESU_EDATA) {
			/* Refused (not theirs, gone, a form that changed):
			 * said at home. */
			msg = c;
			rc = 0;
			continue;
		}
		if (rc != 0) {
			*cause = c;
			break;
		}
	}
out:
	if (rc == 0 && ui_term_lost()) {
		/* L10N: the keyboard's input ended (end of file, the
		 * terminal closed); open interviews were kept as drafts. */
		*cause = xstrdup(_("the terminal's input ended; leaving "
		    "(open interviews are kept as drafts)"));
		rc = KESU_EIO;
	}
	ui_term_close();
	free(user);
	free(msg);
	free(id);
	return rc;
}

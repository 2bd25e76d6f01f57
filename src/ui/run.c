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

/* Open id (NULL: new) through the command and run its screen. */
static int
run_interview(const struct ui_app *app, const char *user,
    enum store_role role, const char *id, int lang, char **msg,
    char **cause)
{
	engine *e = NULL;
	store_session *ss = NULL;
	enum ui_end how;
	char *c = NULL;
	int rc;

	if ((rc = app->open(app->ctx, user, role, id, lang, &e, &ss,
	    &c)) != 0) {
		*cause = c;
		return rc;
	}
	rc = ui_interview(e, ss, user, &how, cause);
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
	    (rc = run_interview(app, user, role, start->resume, lang, &msg,
	    cause)) != 0)
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
		rc = run_interview(app, user, role, pick == UI_PICK_RESUME ?
		    id : NULL, lang, &msg, &c);
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
	ui_term_close();
	free(user);
	free(msg);
	free(id);
	return rc;
}

/*
 * account.c - making an account on the screen: the first supervisor of
 * an empty database, or an interviewer a supervisor adds.  Name, then the
 * PIN twice (shown as '*'); the store checks and keeps it exactly as
 * `kesu user add` does.
 */
#include <stdlib.h>
#include <string.h>

#include "store/pin.h"
#include "ui/ui_int.h"
#include "util/i18n.h"
#include "util/width.h"
#include "util/xalloc.h"

enum { ACC_NAME, ACC_PIN, ACC_AGAIN, ACC_NFIELDS };

struct account {
	enum store_role role;
	bool first;                /* the first supervisor */
	int focus;
	struct ui_line name;
	char pin[2][PIN_MAX + 1];
	size_t pinlen[2];
	char *msg;
};

static void
account_draw(const struct account *a)
{
	static const char *const labels[ACC_NFIELDS] = {
		N_("Name: "), N_("PIN (4 to 12 digits): "), N_("PIN again: "),
	};
	int rows, cols, y = 2, i, lw = 0, cx = 0, cy = 0;
	char *s;

	getmaxyx(stdscr, rows, cols);
	erase();
	ui_bar(0, a->first ? _("kesu: first run") : _("kesu: add an "
	    "interviewer"));
	y += ui_text(y, 1, cols - 2, a->first ? _("This database has no "
	    "users yet. Make the supervisor's account: the supervisor "
	    "interviews, adds interviewers and reviews records.") :
	    _("A new interviewer's account: a name (letters, digits, '.', "
	    "'_' or '-') and a PIN the interviewer types at login."), 4);
	y++;
	for (i = 0; i < ACC_NFIELDS; i++)
		if (ui_width(_(labels[i])) > lw)
			lw = ui_width(_(labels[i]));
	for (i = 0; i < ACC_NFIELDS; i++, y += 2) {
		ui_text(y, 1, lw, _(labels[i]), 1);
		if (i == ACC_NAME) {
			s = ui_line_get(&a->name);
			ui_text(y, 2 + lw, cols - 3 - lw, s, 1);
			free(s);
		} else {
			char stars[PIN_MAX + 1];

			memset(stars, '*', a->pinlen[i - 1]);
			stars[a->pinlen[i - 1]] = '\0';
			mvaddstr(y, 2 + lw, stars);
		}
		if (i == a->focus) {
			int w = 0, j;

			cy = y;
			if (i == ACC_NAME)
				for (j = 0; j < a->name.cur; j++) {
					int cw = width_cp((int32_t)
					    a->name.buf[j]);

					w += cw >= 0 ? cw : 1;
				}
			else
				w = (int)a->pinlen[i - 1];
			cx = 2 + lw + w;
		}
	}
	if (a->msg != NULL) {
		attron(ui_attr(UI_LOOK_MSG));
		ui_text(rows - 3, 1, cols - 2, a->msg, 2);
		attroff(ui_attr(UI_LOOK_MSG));
	}
	ui_bar(rows - 1, _("Enter next field, then create  Up back  "
	    "F10 cancel"));
	curs_set(1);
	move(cy, cx < cols ? cx : cols - 1);
	refresh();
}

static void
account_set_msg(struct account *a, char *m)
{
	free(a->msg);
	a->msg = m;
}

static void
account_wipe(struct account *a)
{
	explicit_bzero(a->pin[0], sizeof a->pin[0]);
	explicit_bzero(a->pin[1], sizeof a->pin[1]);
	a->pinlen[0] = a->pinlen[1] = 0;
}

/* Try to create the account; 0 done, KESU_EDATA-like refusals shown. */
static int
account_submit(store *st, struct account *a, const char *actor,
    char **name, char **cause)
{
	char *n = ui_line_get(&a->name), *c = NULL;
	int rc;

	a->pin[0][a->pinlen[0]] = '\0';
	a->pin[1][a->pinlen[1]] = '\0';
	if (strcmp(a->pin[0], a->pin[1]) != 0) {
		account_set_msg(a, xstrdup(_("the two PINs differ; type them "
		    "again")));
		account_wipe(a);
		a->focus = ACC_PIN;
		free(n);
		return 0;
	}
	rc = store_user_add(st, n, a->role, a->pin[0], actor, &c);
	account_wipe(a);
	if (rc == 0) {
		*name = n;
		return 0;
	}
	free(n);
	if (rc == KESU_EDATA || rc == KESU_ENOPERM) {
		account_set_msg(a, c);
		a->focus = strstr(c, "PIN") != NULL ? ACC_PIN : ACC_NAME;
		return 0;
	}
	*cause = c;
	return rc;
}

/*
 * Leaving the name field: a name that is taken is refused there, before
 * any PIN is asked (a message, the focus stays on the name); else the
 * message is cleared.
 */
static int
account_name_free(store *st, struct account *a, char **cause)
{
	struct store_user u;
	char *n = ui_line_get(&a->name), *c = NULL;
	int rc;

	memset(&u, 0, sizeof u);
	account_set_msg(a, NULL);
	rc = n[0] == '\0' ? KESU_ENOINPUT : store_user_get(st, n, &u, &c);
	if (rc == 0) {
		/* L10N: %s is the user name typed, which is taken. */
		account_set_msg(a, kesu_msg(_("There is already a user "
		    "called %s; choose another name."), u.name));
		store_user_clear(&u);
	} else if (rc == KESU_ENOINPUT)
		rc = 0;
	else {
		*cause = c;
		c = NULL;
	}
	free(c);
	free(n);
	return rc;
}

int
ui_account(store *st, enum store_role role, const char *actor,
    char **name, char **cause)
{
	struct account a;
	int rc = 0;

	*name = NULL;
	memset(&a, 0, sizeof a);
	a.role = role;
	a.first = actor == NULL;
	ui_line_set(&a.name, "");
	while (*name == NULL) {
		wint_t k;
		int r;

		if (ui_term_signalled())
			break;
		account_draw(&a);
		if ((r = ui_key(&k)) == ERR)
			continue;
		if ((r == KEY_CODE_YES && k == KEY_F(10)) || (r == OK &&
		    k == 3))
			break;
		if ((r == KEY_CODE_YES && k == KEY_UP) || (r == KEY_CODE_YES &&
		    k == KEY_BTAB)) {
			if (a.focus > 0)
				a.focus--;
			continue;
		}
		if ((r == OK && (k == '\n' || k == '\r' || k == '\t')) ||
		    (r == KEY_CODE_YES && (k == KEY_ENTER || k == KEY_DOWN))) {
			if (a.focus == ACC_NAME) {
				if ((rc = account_name_free(st, &a, cause)) != 0)
					break;
				if (a.msg != NULL)
					continue;
			}
			if (a.focus < ACC_AGAIN) {
				a.focus++;
				continue;
			}
			if (k == KEY_DOWN || k == '\t')
				continue;
			if ((rc = account_submit(st, &a, actor, name,
			    cause)) != 0)
				break;
			continue;
		}
		if (a.focus == ACC_NAME) {
			ui_line_key(&a.name, k, r == KEY_CODE_YES);
			continue;
		}
		{
			int f = a.focus - 1;

			if (r == OK && k >= '0' && k <= '9' &&
			    a.pinlen[f] < PIN_MAX)
				a.pin[f][a.pinlen[f]++] = (char)k;
			else if (((r == KEY_CODE_YES && k == KEY_BACKSPACE) ||
			    (r == OK && (k == 127 || k == 8))) &&
			    a.pinlen[f] > 0)
				a.pin[f][--a.pinlen[f]] = '\0';
		}
	}
	account_wipe(&a);
	free(a.msg);
	return rc;
}

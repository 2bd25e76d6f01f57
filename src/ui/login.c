/*
 * login.c - the login screen: choose a user, type the PIN (shown as
 * '*'), Enter.  The PIN is checked, counted and throttled by
 * store_user_login(), the same check the command line uses, so waits and
 * locks hold across both.
 */
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "store/pin.h"
#include "ui/ui_int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct login {
	struct store_user *users;  /* the enabled ones */
	size_t n;
	size_t hl;                 /* highlighted user */
	bool pin_phase;            /* typing the PIN of users[hl] / as_user */
	const char *as_user;
	char pin[PIN_MAX + 1];
	size_t pinlen;
	char *msg;
};

static const char *
login_name(const struct login *l)
{
	return l->as_user != NULL ? l->as_user : l->users[l->hl].name;
}

static void
login_draw(const struct login *l)
{
	int rows, cols, y = 2, first = 0;
	size_t i;
	char *s;

	getmaxyx(stdscr, rows, cols);
	erase();
	ui_bar(0, _("kesu: log in"));
	if (l->as_user == NULL) {
		ui_text(y++, 1, cols - 2, _("Who are you? (arrows, then "
		    "Enter)"), 1);
		y++;
		/* Keep the highlighted user in view. */
		if ((int)l->hl > rows - 10)
			first = (int)l->hl - (rows - 10);
		for (i = (size_t)first; i < l->n && y < rows - 6; i++, y++) {
			/* L10N: one user in the login list: name, role. */
			s = kesu_msg(_("%s (%s)"), l->users[i].name,
			    l->users[i].role == STORE_SUPERVISOR ?
			    _("supervisor") : _("interviewer"));
			if (i == l->hl)
				attron(A_REVERSE);
			mvaddstr(y, 2, i == l->hl ? "> " : "  ");
			ui_text(y, 4, cols - 6, s, 1);
			if (i == l->hl)
				attroff(A_REVERSE);
			free(s);
		}
		y++;
	}
	if (l->pin_phase) {
		char stars[PIN_MAX + 1];

		memset(stars, '*', l->pinlen);
		stars[l->pinlen] = '\0';
		s = kesu_msg(_("PIN for %s: "), login_name(l));
		ui_text(y, 1, cols - 2, s, 1);
		mvaddstr(y, 1 + ui_width(s), stars);
		free(s);
	}
	if (l->msg != NULL) {
		attron(ui_attr(UI_LOOK_MSG));
		ui_text(rows - 3, 1, cols - 2, l->msg, 2);
		attroff(ui_attr(UI_LOOK_MSG));
	}
	ui_bar(rows - 1, l->pin_phase ? _("Enter log in  Esc back  "
	    "F10 quit") : _("Up/Down choose  Enter PIN  F10 quit"));
	curs_set(0);
	refresh();
}

static void
login_set_msg(struct login *l, char *m)
{
	free(l->msg);
	l->msg = m;
}

int
ui_login(store *st, const char *as_user, char **user,
    enum store_role *role, char **cause)
{
	struct login l;
	struct store_user *all = NULL;
	size_t nall = 0, i;
	int rc;

	*user = NULL;
	memset(&l, 0, sizeof l);
	if ((rc = store_user_list(st, &all, &nall, cause)) != 0)
		return rc;
	l.users = xreallocarray(NULL, nall + 1, sizeof *l.users);
	for (i = 0; i < nall; i++)
		if (!all[i].disabled) {
			l.users[l.n++] = all[i];
			memset(&all[i], 0, sizeof all[i]);
		}
	l.as_user = as_user;
	l.pin_phase = as_user != NULL || l.n == 1;
	if (l.n == 0 && as_user == NULL) {
		rc = kesu_fail(cause, KESU_ENOPERM, _("every user of this "
		    "database is disabled"));
		goto out;
	}
	for (;;) {
		wint_t k;
		int r;

		if (ui_term_signalled())
			break;
		login_draw(&l);
		if ((r = ui_key(&k)) == ERR)
			continue;
		if (r == KEY_CODE_YES && k == KEY_F(10))
			break;
		if (r == OK && k == 3) /* ^C in raw mode */
			break;
		if (!l.pin_phase) {
			if (r == KEY_CODE_YES && k == KEY_UP && l.hl > 0)
				l.hl--;
			else if (r == KEY_CODE_YES && k == KEY_DOWN &&
			    l.hl + 1 < l.n)
				l.hl++;
			else if ((r == OK && (k == '\n' || k == '\r')) ||
			    (r == KEY_CODE_YES && k == KEY_ENTER)) {
				l.pin_phase = true;
				login_set_msg(&l, NULL);
			}
			continue;
		}
		if (r == OK && k >= '0' && k <= '9' && l.pinlen < PIN_MAX) {
			l.pin[l.pinlen++] = (char)k;
			login_set_msg(&l, NULL);
		} else if (r == OK && iswprint(k))
			/* L10N: a letter typed into the PIN field. */
			login_set_msg(&l, xstrdup(_("The PIN is digits only: "
			    "that key was not taken.")));
		else if ((r == KEY_CODE_YES && k == KEY_BACKSPACE) ||
		    (r == OK && (k == 127 || k == 8))) {
			if (l.pinlen > 0)
				l.pin[--l.pinlen] = '\0';
		} else if (r == OK && k == 27 && l.as_user == NULL &&
		    l.n > 1) {
			explicit_bzero(l.pin, sizeof l.pin);
			l.pinlen = 0;
			l.pin_phase = false;
		} else if ((r == OK && (k == '\n' || k == '\r')) ||
		    (r == KEY_CODE_YES && k == KEY_ENTER)) {
			char *c = NULL;

			l.pin[l.pinlen] = '\0';
			rc = store_user_login(st, login_name(&l), l.pin, role,
			    user, &c);
			explicit_bzero(l.pin, sizeof l.pin);
			l.pinlen = 0;
			if (rc == 0) {
				free(c);
				break;
			}
			if (rc != KESU_ENOPERM) {
				*cause = c;
				goto out;
			}
			login_set_msg(&l, c);
			rc = 0;
		}
	}
	rc = 0;
out:
	explicit_bzero(l.pin, sizeof l.pin);
	free(l.msg);
	store_users_free(l.users, l.n);
	store_users_free(all, nall);
	return rc;
}

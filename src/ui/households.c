/*
 * households.c - the sampled households of an interviewer (a supervisor:
 * all of them), from home: each one's id, street and community, address
 * and state (not visited, revisit with the agreed time, interviewed,
 * final non-response).  Enter starts the interview of the highlighted
 * household (its sample row pre-fills the form); v records a visit that
 * gave no interview (the visit form, pre-filled the same way); Esc or
 * F10 goes back home.  The list comes from store_sample_list().
 */
#include <stdlib.h>
#include <string.h>

#include "store/sample.h"
#include "ui/ui_int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct hhs {
	struct store_hh *h;
	size_t n, hl, top;
};

/* L10N: a household's state on the households screen. */
static char *
hhs_state(const struct store_hh *h)
{
	switch (h->state) {
	case STORE_HH_NEW:
		return xstrdup(_("not visited"));
	case STORE_HH_REVISIT:
		if (h->revisit[0] != '\0')
			/* L10N: %s is the agreed time of the next visit. */
			return kesu_msg(_("revisit %s"), h->revisit);
		return xstrdup(_("revisit"));
	case STORE_HH_INTERVIEWED:
		return xstrdup(_("interviewed"));
	case STORE_HH_FINAL:
		break;
	}
	return xstrdup(_("final non-response"));
}

static void
hhs_draw(struct hhs *o, const char *user)
{
	int rows, cols, y = 2, list, w;
	size_t i;
	char *s;

	getmaxyx(stdscr, rows, cols);
	erase();
	/* L10N: the households screen's title; %s is the user. */
	s = kesu_msg(_("kesu: %s: sampled households"), user);
	ui_bar(0, s);
	free(s);
	list = rows - 4;
	if (list < 1)
		list = 1;
	if (o->hl < o->top)
		o->top = o->hl;
	if (o->hl >= o->top + (size_t)list)
		o->top = o->hl - (size_t)list + 1;
	/* id 8, state 24 at the right, the place in between. */
	w = cols - 3 - 9 - 25;
	for (i = o->top; i < o->n && y < 2 + list; i++, y++) {
		const struct store_hh *h = &o->h[i];

		if (i == o->hl)
			attron(A_REVERSE);
		mvaddstr(y, 1, i == o->hl ? "> " : "  ");
		ui_text(y, 3, 8, h->id, 1);
		s = kesu_msg("%s %s", h->community[0] != '\0' ? h->community :
		    h->street, h->address);
		if (w > 4)
			ui_text(y, 12, w, s, 1);
		free(s);
		s = hhs_state(h);
		ui_text(y, cols - 25, 24, s, 1);
		free(s);
		if (i == o->hl)
			attroff(A_REVERSE);
	}
	if (o->n == 0)
		ui_text(2, 3, cols - 4, _("No households are assigned to you."),
		    2);
	ui_bar(rows - 1, _("Enter interview  v visit without interview  "
	    "Esc back"));
	curs_set(0);
	refresh();
}

int
ui_households(const struct ui_app *app, const char *user,
    enum store_role role, enum ui_pick *pick, char **id, char **cause)
{
	struct hhs o;
	int rc;

	*pick = UI_PICK_QUIT;
	*id = NULL;
	memset(&o, 0, sizeof o);
	if ((rc = store_sample_list(app->st, role == STORE_SUPERVISOR ? NULL :
	    user, &o.h, &o.n, cause)) != 0)
		return rc;
	for (;;) {
		wint_t k;
		int r;

		if (ui_term_signalled())
			break;
		hhs_draw(&o, user);
		if ((r = ui_key(&k)) == ERR)
			continue;
		if ((r == KEY_CODE_YES && k == KEY_F(10)) ||
		    (r == OK && (k == 27 || k == 3)))
			break;
		if (r == KEY_CODE_YES && k == KEY_UP && o.hl > 0)
			o.hl--;
		else if (r == KEY_CODE_YES && k == KEY_DOWN &&
		    o.hl + 1 < o.n)
			o.hl++;
		else if (r == KEY_CODE_YES && k == KEY_PPAGE)
			o.hl = o.hl > 10 ? o.hl - 10 : 0;
		else if (r == KEY_CODE_YES && k == KEY_NPAGE)
			o.hl = o.hl + 10 < o.n ? o.hl + 10 :
			    (o.n > 0 ? o.n - 1 : 0);
		else if (o.n > 0 && ((r == OK && (k == '\n' || k == '\r')) ||
		    (r == KEY_CODE_YES && k == KEY_ENTER))) {
			*pick = UI_PICK_HOUSEHOLD;
			*id = xstrdup(o.h[o.hl].id);
			break;
		} else if (o.n > 0 && r == OK && (k == 'v' || k == 'V')) {
			*pick = UI_PICK_VISIT;
			*id = xstrdup(o.h[o.hl].id);
			break;
		}
	}
	store_hhs_free(o.h, o.n);
	return 0;
}

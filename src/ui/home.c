/*
 * home.c - the interviewer's home screen: new interview, the drafts to
 * resume (their last question and time), rejected records with the
 * supervisor's comment, the language, for supervisors "add an
 * interviewer", and "switch user" (back to login); a status line of what waits for upload and the last sync.
 * Its lists come from store_home_get().
 */
#include <stdlib.h>
#include <string.h>

#include "review/review.h"
#include "store/sample.h"
#include "store/values.h"
#include "ui/ui_int.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/width.h"
#include "util/xalloc.h"

enum item_kind { IT_NEW, IT_HOUSEHOLDS, IT_DRAFT, IT_REJECTED, IT_LANG,
	IT_ADD, IT_SWITCH, IT_QUIT };

struct item {
	enum item_kind kind;
	size_t i;       /* index into the home's drafts or rejected */
};

struct home {
	const struct ui_app *app;
	const char *user;
	enum store_role role;
	int *lang;
	struct store_home h;
	int hh_open, hh_revisit;   /* households still to visit, to revisit */
	bool sample;               /* the user has sampled households */
	struct item *items;
	size_t n, hl, top;
	char *msg;
};

/* "YYYY-MM-DD HH:MM" of t in offset tz. */
static void
home_time(double t, int tz, char *out, size_t len)
{
	char full[40];

	clock_format(t, tz, full, sizeof full);
	snprintf(out, len, "%.10s %.5s", full, full + 11);
}

char *
ui_upload_line(const struct store_home *h)
{
	char when[40];

	if (!h->synced)
		return kesu_msg(_("Waiting for upload: %d   Last sync: never"),
		    h->waiting);
	home_time(h->sync_at, h->sync_tz, when, sizeof when);
	/* L10N: the home status line: records waiting for upload,
	 * then the last sync's time, HTTP code and message. */
	return kesu_msg(_("Waiting for upload: %d   Last sync: %s, "
	    "HTTP %ld %s"), h->waiting, when, h->sync_http,
	    h->sync_message);
}

/* The label of the question draft d stopped at, in the form language,
 * each ${name} filled from the draft's saved answers as the interview
 * shows it. */
static char *
home_question(const struct home *o, const struct store_home_draft *d)
{
	const form *f = o->app->f;
	const char *q = d->question, *label;
	const struct store_value *sv;
	store_draft *dr = NULL;
	store_values *v = NULL;
	char *s, *cause = NULL;
	size_t n;
	int i;

	if (strcmp(q, STORE_END_SCREEN) == 0)
		return xstrdup(_("the end screen"));
	if (q[0] == '\0')
		return xstrdup(_("not started"));
	if ((i = form_find(f, q)) < 0 || (label = form_text(f,
	    form_field(f, i)->label, *o->lang)) == NULL)
		return xstrdup(q);
	/* Only a label that reads answers needs the draft's. */
	if (strstr(label, "${") != NULL) {
		if (store_draft_peek(o->app->st, d->key, &dr, &cause) == 0) {
			sv = store_draft_values(dr, &n);
			v = store_values_from(sv, n);
		}
		free(cause);
	}
	s = review_text(f, form_field(f, i)->label, *o->lang, v);
	store_values_free(&v);
	store_draft_free(&dr);
	/* Joined to the time by the line's own punctuation. */
	if (s[0] != '\0' && width_clause(s) > 0) {
		char *clause = xstrndup(s, width_clause(s));

		free(s);
		return clause;
	}
	free(s);
	return xstrdup(q);
}

static void
home_add(struct home *o, enum item_kind k, size_t i)
{
	o->items = xreallocarray(o->items, o->n + 1, sizeof *o->items);
	o->items[o->n].kind = k;
	o->items[o->n].i = i;
	o->n++;
}

/* How many of the user's sampled households are still open. */
static int
home_households(struct home *o, char **cause)
{
	struct store_hh *h = NULL;
	size_t n = 0, i;
	int rc;

	o->hh_open = o->hh_revisit = 0;
	if ((rc = store_sample_list(o->app->st, o->role == STORE_SUPERVISOR ?
	    NULL : o->user, &h, &n, cause)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (h[i].state == STORE_HH_NEW || h[i].state ==
		    STORE_HH_REVISIT)
			o->hh_open++;
		if (h[i].state == STORE_HH_REVISIT)
			o->hh_revisit++;
	}
	o->sample = n > 0;
	store_hhs_free(h, n);
	return 0;
}

static int
home_load(struct home *o, char **cause)
{
	size_t i;
	int rc;

	store_home_clear(&o->h);
	free(o->items);
	o->items = NULL;
	o->n = 0;
	if ((rc = store_home_get(o->app->st, o->role == STORE_SUPERVISOR ?
	    NULL : o->user, &o->h, cause)) != 0)
		return rc;
	home_add(o, IT_NEW, 0);
	if (o->app->open_household != NULL) {
		if ((rc = home_households(o, cause)) != 0)
			return rc;
		if (o->sample)
			home_add(o, IT_HOUSEHOLDS, 0);
	}
	for (i = 0; i < o->h.ndrafts; i++)
		home_add(o, IT_DRAFT, i);
	for (i = 0; i < o->h.nrejected; i++)
		home_add(o, IT_REJECTED, i);
	home_add(o, IT_LANG, 0);
	if (o->role == STORE_SUPERVISOR)
		home_add(o, IT_ADD, 0);
	home_add(o, IT_SWITCH, 0);
	home_add(o, IT_QUIT, 0);
	if (o->hl >= o->n)
		o->hl = 0;
	return 0;
}

/* A draft's line with question label q. */
static char *
home_draft_line(const struct home *o, const struct store_home_draft *d,
    const char *q, const char *when)
{
	if (o->role == STORE_SUPERVISOR)
		/* L10N: a draft at home: ID, interviewer, the question it
		 * stopped at, when. */
		return kesu_msg(_("Resume %.8s (%s): %s, %s"), d->uuid,
		    d->interviewer, q, when);
	/* L10N: a draft at home: ID, the question it stopped at, when. */
	return kesu_msg(_("Resume %.8s: %s, %s"), d->uuid, q, when);
}

/* A draft's line in w columns: its time is always shown whole; the
 * question label is what gets cut (…) when the line is too long. */
static char *
home_draft_text(const struct home *o, const struct store_home_draft *d,
    const char *q, const char *when, int w)
{
	char *bare = home_draft_line(o, d, "", when), *cut, *s;
	int room = w - width_of(bare);

	free(bare);
	cut = width_cut(q, room > 1 ? room : 1);
	s = home_draft_line(o, d, cut, when);
	free(cut);
	return s;
}

/* The text of item it in w columns; caller frees. */
static char *
home_item_text(const struct home *o, const struct item *it, int w)
{
	char when[32], *q, *s;

	switch (it->kind) {
	case IT_NEW:
		return xstrdup(_("New interview"));
	case IT_HOUSEHOLDS:
		/* L10N: the home item of the sampled households: how many
		 * are still to visit, and of them how many again. */
		return kesu_msg(_("Households: %d to visit, %d of them again"),
		    o->hh_open, o->hh_revisit);
	case IT_DRAFT: {
		const struct store_home_draft *d = &o->h.drafts[it->i];

		home_time(d->updated, d->tz, when, sizeof when);
		q = home_question(o, d);
		s = home_draft_text(o, d, q, when, w);
		free(q);
		return s;
	}
	case IT_REJECTED: {
		const struct store_home_rejected *j = &o->h.rejected[it->i];

		/* L10N: a rejected record: ID, supervisor, comment. */
		return kesu_msg(_("Rejected %.8s by %s: %s"), j->uuid, j->who,
		    j->comment[0] != '\0' ? j->comment : _("(no comment)"));
	}
	case IT_LANG:
		return xstrdup(_("Switch language: 中文 / English (F2)"));
	case IT_ADD:
		return xstrdup(_("Add an interviewer"));
	case IT_SWITCH:
		return xstrdup(_("Switch user (log in as someone else)"));
	case IT_QUIT:
		break;
	}
	return xstrdup(_("Quit (F10)"));
}

static void
home_draw(struct home *o)
{
	int rows, cols, y = 2, list;
	size_t i;
	char *s;

	getmaxyx(stdscr, rows, cols);
	erase();
	s = kesu_msg(_("kesu: %s (%s)"), o->user, o->role ==
	    STORE_SUPERVISOR ? _("supervisor") : _("interviewer"));
	ui_bar(0, s);
	free(s);
	list = rows - 6;
	if (list < 1)
		list = 1;
	if (o->hl < o->top)
		o->top = o->hl;
	if (o->hl >= o->top + (size_t)list)
		o->top = o->hl - (size_t)list + 1;
	for (i = o->top; i < o->n && y < 2 + list; i++, y++) {
		char *line;

		s = home_item_text(o, &o->items[i], cols - 4);
		/* One line each, cut with "…" when it is longer. */
		line = width_cut(s, cols - 4);
		if (i == o->hl)
			attron(A_REVERSE);
		mvaddstr(y, 1, i == o->hl ? "> " : "  ");
		ui_text(y, 3, cols - 4, line, 1);
		free(line);
		if (i == o->hl)
			attroff(A_REVERSE);
		free(s);
	}
	if (o->msg != NULL) {
		attron(ui_attr(UI_LOOK_MSG));
		ui_text(rows - 4, 1, cols - 2, o->msg, 2);
		attroff(ui_attr(UI_LOOK_MSG));
	}
	s = ui_upload_line(&o->h);
	ui_text(rows - 2, 1, cols - 2, s, 1);
	free(s);
	ui_bar(rows - 1, _("Up/Down choose  Enter open  F2 language  "
	    "F10 quit"));
	curs_set(0);
	refresh();
}

static void
home_set_msg(struct home *o, char *m)
{
	free(o->msg);
	o->msg = m;
}

/* F2 / the language item: the UI and the form language together. */
static void
home_switch_lang(struct home *o)
{
	const char *to = strcmp(i18n_lang(), "zh") == 0 ? "en" : "zh";
	int l;

	i18n_set(to);
	if ((l = form_lang_find(o->app->f, to)) >= 0)
		*o->lang = l;
}

int
ui_home(const struct ui_app *app, const char *user, enum store_role role,
    int *lang, char **msg, enum ui_pick *pick, char **id, char **cause)
{
	struct home o;
	int rc;

	*pick = UI_PICK_QUIT;
	*id = NULL;
	memset(&o, 0, sizeof o);
	o.app = app;
	o.user = user;
	o.role = role;
	o.lang = lang;
	if (msg != NULL) {
		o.msg = *msg;
		*msg = NULL;
	}
	if ((rc = home_load(&o, cause)) != 0)
		goto out;
	for (;;) {
		const struct item *it;
		wint_t k;
		int r;

		if (ui_term_signalled())
			break;
		home_draw(&o);
		if ((r = ui_key(&k)) == ERR)
			continue;
		if ((r == KEY_CODE_YES && k == KEY_F(10)) || (r == OK &&
		    k == 3))
			break;
		if (r == KEY_CODE_YES && k == KEY_F(2)) {
			home_switch_lang(&o);
			continue;
		}
		if (r == KEY_CODE_YES && k == KEY_UP && o.hl > 0)
			o.hl--;
		else if (r == KEY_CODE_YES && k == KEY_DOWN && o.hl + 1 < o.n)
			o.hl++;
		if (!((r == OK && (k == '\n' || k == '\r')) ||
		    (r == KEY_CODE_YES && k == KEY_ENTER)))
			continue;
		it = &o.items[o.hl];
		home_set_msg(&o, NULL);
		switch (it->kind) {
		case IT_NEW:
			*pick = UI_PICK_NEW;
			goto out;
		case IT_HOUSEHOLDS:
			if ((rc = ui_households(app, user, role, pick, id,
			    cause)) != 0)
				goto out;
			if (*pick != UI_PICK_QUIT)
				goto out;
			*pick = UI_PICK_QUIT;
			break;
		case IT_DRAFT:
			*pick = UI_PICK_RESUME;
			*id = xstrdup(o.h.drafts[it->i].uuid);
			goto out;
		case IT_REJECTED:
			/* Reopened as a draft by the command's open(). */
			*pick = UI_PICK_RESUME;
			*id = xstrdup(o.h.rejected[it->i].uuid);
			goto out;
		case IT_LANG:
			home_switch_lang(&o);
			break;
		case IT_ADD: {
			char *name = NULL;

			if ((rc = ui_account(app->st, STORE_INTERVIEWER, user,
			    &name, cause)) != 0)
				goto out;
			if (name != NULL)
				/* L10N: %s is the new interviewer. */
				home_set_msg(&o, kesu_msg(_("Interviewer %s "
				    "added."), name));
			free(name);
			if ((rc = home_load(&o, cause)) != 0)
				goto out;
			break;
		}
		case IT_SWITCH:
			*pick = UI_PICK_SWITCH;
			goto out;
		case IT_QUIT:
			goto out;
		}
	}
out:
	free(o.msg);
	free(o.items);
	store_home_clear(&o.h);
	return rc;
}

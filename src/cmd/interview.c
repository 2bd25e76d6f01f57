/*
 * interview.c - `kesu interview [--form FILE|FORM_ID] [--as USER]
 * [--pin-stdin] [--resume ID]`: the interviewer's question screen
 * (src/ui/).
 *
 * --form names a form file, or the form_id of a form kept in the database
 * (form pull, form install): its newest version.  A draft always goes on
 * with the form version it was started with, whatever --form says.
 */
#include <errno.h>
#include <getopt.h>
#include <sys/stat.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/auth.h"
#include "cmd/cmd.h"
#include "store/values.h"
#include "store/session.h"
#include "ui/ui.h"
#include "store/sample.h"
#include "survey/sample.h"
#include "survey/visit.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/uuid.h"
#include "util/xalloc.h"

#define INTERVIEW_FORM "forms/science-literacy.csv"
#define INTERVIEW_VISIT_FORM "forms/visit.csv"

/* mkdir -p for the config directory (0700). */
static int
mkdir_p(const char *path)
{
	char *p = xstrdup(path), *q;
	int rc = 0;

	for (q = p + 1; *q != '\0'; q++) {
		if (*q != '/')
			continue;
		*q = '\0';
		(void)mkdir(p, 0700);
		*q = '/';
	}
	if (mkdir(p, 0700) != 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

/*
 * The laptop's device ID, as ODK Collect fills `deviceid`: "kesu:UUID",
 * generated once and kept in $XDG_CONFIG_HOME/kesu/deviceid (else
 * ~/.config/kesu/deviceid).  When that file cannot be written the ID
 * still fills this interview.  Caller frees.  (cmd.h: form run --save
 * fills it the same way.)
 */
char *
cmd_deviceid(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char *dir, *file, *id = NULL, line[128], u[37];
	FILE *fp;

	if (xdg != NULL && xdg[0] != '\0')
		dir = kesu_msg("%s/kesu", xdg);
	else
		dir = kesu_msg("%s/.config/kesu", home != NULL ? home : ".");
	file = kesu_msg("%s/deviceid", dir);
	if ((fp = fopen(file, "r")) != NULL) {
		if (fgets(line, sizeof line, fp) != NULL) {
			line[strcspn(line, "\r\n")] = '\0';
			if (strncmp(line, "kesu:", 5) == 0 && line[5] != '\0')
				id = xstrdup(line);
		}
		fclose(fp);
	}
	if (id == NULL) {
		uuid_v4(u);
		id = kesu_msg("kesu:%s", u);
		if (mkdir_p(dir) == 0 && (fp = fopen(file, "w")) != NULL) {
			fprintf(fp, "%s\n", id);
			fclose(fp);
		}
	}
	free(dir);
	free(file);
	return id;
}

/*
 * An interviewer resumes only their own drafts: id is looked up among
 * them, so another's answers as an unknown ID, as `kesu show` does.
 * *full is the record's whole UUID (caller frees), to resume by.
 */
static int
interview_may_resume(store *st, const struct auth *who, const char *id,
    char **full, char **cause)
{
	struct store_record r;
	int rc;

	*full = NULL;
	if ((rc = store_record_find_as(st, id, who->user != NULL &&
	    who->role != STORE_SUPERVISOR ? who->user : NULL, &r,
	    cause)) != 0)
		return rc;
	if (!auth_may_see(who, r.interviewer))
		rc = kesu_fail(cause, KESU_ENOINPUT, _("%s: no record '%s'"),
		    store_path(st), id);
	else
		*full = xstrdup(r.uuid);
	store_record_clear(&r);
	return rc;
}

/*
 * A rejected record goes back to its interviewer: *id (a whole UUID) is
 * reopened as user's draft with the answers of its XML, those of form f's
 * fields, so it resumes as any draft; *id becomes its UUID after the
 * reopen (a new one when the server holds the record).  Nothing is done
 * for a draft.
 */
static int
interview_reopen(store *st, const char *user, const form *f, char **id,
    char **cause)
{
	struct store_record r;
	struct store_value *v = NULL;
	store_values *rv = NULL;
	char *xml = NULL, *now_id = NULL;
	size_t len, n = 0;
	int rc, i, nf;

	if ((rc = store_record_find(st, *id, &r, cause)) != 0)
		return rc;
	if (strcmp(r.status, "rejected") != 0)
		goto out;
	if ((rc = store_record_xml(st, r.key, &xml, &len, cause)) != 0 ||
	    (rc = store_values_parse(xml, len, &rv, cause)) != 0)
		goto out;
	nf = form_nfields(f);
	v = xcalloc((size_t)nf + 1, sizeof *v);
	for (i = 0; i < nf; i++) {
		const struct form_field *fl = form_field(f, i);
		const char *val;

		if (fl->type == FORM_GROUP || fl->type == FORM_NOTE ||
		    fl->type == FORM_CALCULATE)
			continue;
		if ((val = store_values_get(rv, fl->name)) == NULL ||
		    *val == '\0')
			continue;
		v[n].name = fl->name;
		v[n++].value = val;
	}
	if ((rc = store_record_reopen(st, r.key, user, v, n, &now_id,
	    cause)) == 0) {
		free(*id);
		*id = now_id;
	}
out:
	free(v);
	store_values_free(&rv);
	free(xml);
	store_record_clear(&r);
	return rc;
}

static void
interview_usage(FILE *f)
{
	fputs(_("usage: kesu interview [--form FILE] [--as USER] "
	    "[--pin-stdin] [--resume ID]\n"), f);
}

/* What the screens' callbacks need. */
struct interview_ctx {
	store *st;
	const form *f;
	int64_t key;
	const char *path;  /* f's file */
	form *visit;       /* the visit form, loaded when first needed */
	int64_t visit_key;
	char *visit_path;
	const char *dev;
	struct buf done;   /* "draft saved: ID" lines, printed on leaving */
	form **old;        /* other versions loaded for drafts, and */
	int64_t *old_key;  /* their keys */
	size_t nold;
};

/* The visit form (forms/visit.csv, or $KESU_VISIT_FORM), loaded once. */
static int
interview_visit_form(struct interview_ctx *x, char **cause)
{
	int rc;

	if (x->visit != NULL)
		return 0;
	x->visit_path = cmd_form_path(NULL, "KESU_VISIT_FORM",
	    INTERVIEW_VISIT_FORM);
	if ((rc = form_load(x->visit_path, &x->visit, cause)) != 0 ||
	    (rc = store_form_add(x->st, x->visit, x->visit_path,
	    &x->visit_key, cause)) != 0)
		form_free(&x->visit);
	return rc;
}

/* A stored form version, loaded from its kept bytes; *f is the caller's. */
static int
interview_stored(store *st, int64_t key, form **f, char **cause)
{
	char *name = NULL;
	struct store_media sm;
	struct form_media media;
	void *data = NULL;
	size_t len;
	int rc;

	store_form_media_source(&sm, st, key, &media);
	if ((rc = store_form_source(st, key, &name, &data, &len, cause)) == 0)
		rc = form_load_media(name, data, len, &media, f, cause);
	free(name);
	free(data);
	return rc;
}

/* The form version draft id (a whole UUID) was started with: x->f, or
 * the stored version, loaded once per run. */
static int
interview_own_form(struct interview_ctx *x, const char *id, const form **out,
    char **cause)
{
	struct store_record r;
	form *f = NULL;
	size_t i;
	int rc;

	*out = x->f;
	if ((rc = store_record_find(x->st, id, &r, cause)) != 0)
		return rc;
	if (r.form_key == x->key)
		goto out;
	for (i = 0; i < x->nold; i++)
		if (x->old_key[i] == r.form_key) {
			*out = x->old[i];
			goto out;
		}
	if ((rc = interview_stored(x->st, r.form_key, &f, cause)) != 0)
		goto out;
	x->old = xreallocarray(x->old, x->nold + 1, sizeof *x->old);
	x->old_key = xreallocarray(x->old_key, x->nold + 1,
	    sizeof *x->old_key);
	x->old[x->nold] = f;
	x->old_key[x->nold++] = r.form_key;
	*out = f;
out:
	store_record_clear(&r);
	return rc;
}

/* The supervisor's comment on rejected record id (a whole UUID), or
 * NULL when it is not rejected.  Caller frees. */
static char *
interview_comment(store *st, const char *user, const char *id)
{
	struct store_home h;
	char *comment = NULL, *c = NULL;
	size_t i;

	if (store_home_get(st, user, &h, &c) != 0) {
		free(c);
		return NULL;
	}
	for (i = 0; i < h.nrejected && comment == NULL; i++)
		if (strcmp(h.rejected[i].uuid, id) == 0)
			comment = xstrdup(h.rejected[i].comment);
	store_home_clear(&h);
	return comment;
}

static int
interview_open(void *arg, const char *user, enum store_role role,
    const char *id, int lang, engine **e, store_session **ss,
    char **comment, char **cause)
{
	struct interview_ctx *x = arg;
	struct engine_opts o = { NULL, user, x->dev, 0, 0, lang };
	struct auth who = { (char *)user, role };
	const form *own = x->f;
	char *full = NULL;
	int rc;

	*e = NULL;
	*ss = NULL;
	*comment = NULL;
	if (id != NULL) {
		if ((rc = interview_may_resume(x->st, &who, id, &full,
		    cause)) == 0 &&
		    (rc = interview_own_form(x, full, &own, cause)) == 0) {
			*comment = interview_comment(x->st, user, full);
			rc = interview_reopen(x->st, user, own, &full, cause);
		}
		if (rc == 0)
			rc = store_session_resume(x->st, full, own, &o, e, ss,
			    cause);
		/* A draft opens in the interviewer's language of now. */
		if (rc == 0 && lang >= 0)
			engine_set_lang(*e, own == x->f ? lang :
			    form_lang_find(own, form_lang_code(x->f, lang)));
		free(full);
		if (rc != 0) {
			free(*comment);
			*comment = NULL;
		}
		return rc;
	}
	if ((rc = clock_now(&o.now, &o.tz_offset, cause)) != 0 ||
	    (rc = engine_new(x->f, &o, e, cause)) != 0)
		return rc;
	if ((rc = store_session_start(x->st, x->key, *e, user, o.now,
	    o.tz_offset, ss, cause)) != 0)
		engine_free(e);
	return rc;
}

static int
interview_open_household(void *arg, const char *user, enum store_role role,
    const char *hh, bool visit, int lang, engine **e, store_session **ss,
    char **cause)
{
	struct interview_ctx *x = arg;
	struct engine_opts o = { NULL, user, x->dev, 0, 0, -1 };
	struct auth who = { (char *)user, role };
	struct store_record r;
	struct store_hh h;
	const form *f = x->f;
	int64_t key = x->key;
	char *idcol = NULL;
	int rc;

	*e = NULL;
	*ss = NULL;
	memset(&r, 0, sizeof r);
	if ((rc = store_sample_get(x->st, hh, &h, cause)) != 0)
		return rc;
	if (!auth_may_see(&who, h.interviewer)) {
		rc = kesu_fail(cause, KESU_ENOINPUT, _("no household '%s' in "
		    "the sample"), hh);
		goto out;
	}
	if (visit) {
		if ((rc = interview_visit_form(x, cause)) != 0)
			goto out;
		f = x->visit;
		key = x->visit_key;
	}
	/* lang is the main form's language: the same code in this form. */
	o.lang = lang >= 0 ? form_lang_find(f, form_lang_code(x->f, lang)) :
	    -1;
	if ((rc = store_sample_id_column(x->st, &idcol, cause)) != 0 ||
	    (rc = clock_now(&o.now, &o.tz_offset, cause)) != 0 ||
	    (rc = engine_new(f, &o, e, cause)) != 0 ||
	    (rc = survey_prefill(*e, idcol, &h, cause)) != 0 ||
	    (rc = store_session_start(x->st, key, *e, user, o.now,
	    o.tz_offset, ss, cause)) != 0 ||
	    (rc = store_record_find(x->st, engine_instance_id(*e), &r,
	    cause)) != 0 ||
	    (rc = store_record_set_household(x->st, r.key, h.id,
	    cause)) != 0) {
		store_session_free(ss);
		engine_free(e);
	}
out:
	store_record_clear(&r);
	store_hh_clear(&h);
	free(idcol);
	return rc;
}

/* A finished record of a household is a visit of it. */
static void
interview_visited(struct interview_ctx *x, const engine *e)
{
	struct store_record r;
	char *cause = NULL;
	memset(&r, 0, sizeof r);
	if (store_record_find(x->st, engine_instance_id(e), &r, &cause) != 0 ||
	    survey_visit_record(x->st, r.key, e, r.interviewer,
	    &cause) != 0) {
		/* The record is kept; only the household's state lags. */
		buf_printf(&x->done, "kesu: %s\n", cause != NULL ? cause :
		    "?");
	}
	free(cause);
	store_record_clear(&r);
}

/* Drop the line of record id from the leaving lines: a record is
 * listed once, as it ended last (a draft saved, then completed). */
static void
interview_forget(struct buf *done, const char *id)
{
	struct buf kept = BUF_INIT;
	const char *p = done->data, *end;
	size_t idlen = strlen(id);

	if (p == NULL)
		return;
	for (; *p != '\0'; p = end) {
		end = strchr(p, '\n');
		end = end != NULL ? end + 1 : p + strlen(p);
		if ((size_t)(end - p) > idlen + 1 &&
		    memcmp(end - 1 - idlen, id, idlen) == 0 && end[-1] == '\n')
			continue;
		buf_add(&kept, p, (size_t)(end - p));
	}
	buf_free(done);
	*done = kept;
}

static void
interview_ended(void *arg, const engine *e, enum ui_end how)
{
	struct interview_ctx *x = arg;
	char *line = kesu_msg(how == UI_LEFT ? _("draft saved: %s\n") :
	    _("completed: %s\n"), engine_instance_id(e));

	interview_forget(&x->done, engine_instance_id(e));
	buf_add(&x->done, line, strlen(line));
	free(line);
	if (how == UI_FINALIZED)
		interview_visited(x, e);
}

int
cmd_interview(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "form", required_argument, NULL, 'f' },
		{ "as", required_argument, NULL, 'a' },
		{ "pin-stdin", no_argument, NULL, 'p' },
		{ "resume", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *form_opt = NULL, *as_user = NULL, *resume = NULL;
	bool pin_stdin = false;
	struct auth who = { NULL, 0 };
	struct interview_ctx x;
	struct ui_app app;
	struct ui_start start;
	char *path = NULL, *db = NULL, *cause = NULL, *dev = NULL;
	char *full = NULL;
	form *f = NULL;
	store *st = NULL;
	int c, rc;

	memset(&x, 0, sizeof x);
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'f': form_opt = optarg; break;
		case 'a': as_user = optarg; break;
		case 'p': pin_stdin = true; break;
		case 'r': resume = optarg; break;
		case 'h': interview_usage(stdout); return 0;
		default:
			cmd_bad_option("interview", opts, argv);
			interview_usage(stderr);
			return KESU_EUSAGE;
		}
	}
	if (optind != argc) {
		interview_usage(stderr);
		return KESU_EUSAGE;
	}
	path = cmd_form_path(form_opt, "KESU_FORM", INTERVIEW_FORM);
	db = cmd_db_path(cli);
	if (form_opt != NULL && access(path, F_OK) != 0) {
		/* A form_id: its newest version in the database. */
		if ((rc = store_open(db, STORE_EXISTING, &st, &cause)) != 0 ||
		    (rc = store_form_newest(st, path, &x.key, &cause)) != 0 ||
		    (rc = interview_stored(st, x.key, &f, &cause)) != 0) {
			rc = cmd_error(rc, cause);
			goto out;
		}
	} else if ((rc = form_load(path, &f, &cause)) != 0 ||
	    (rc = store_open(db, 0, &st, &cause)) != 0 ||
	    (rc = store_form_add(st, f, path, &x.key, &cause)) != 0) {
		rc = cmd_error(rc, cause);
		goto out;
	}
	/* With --pin-stdin the PIN is read here, before the screen, and an
	 * interviewer's --resume of another's draft is refused here too. */
	if (pin_stdin && as_user != NULL &&
	    ((rc = auth_login(st, as_user, true, AUTH_ANY, &who,
	    &cause)) != 0 || (resume != NULL &&
	    (rc = interview_may_resume(st, &who, resume, &full,
	    &cause)) != 0))) {
		rc = cmd_error(rc, cause);
		goto out;
	}
	dev = cmd_deviceid();
	x.st = st;
	x.f = f;
	x.path = path;
	x.dev = dev;
	memset(&app, 0, sizeof app);
	app.st = st;
	app.f = f;
	app.ctx = &x;
	app.open = interview_open;
	app.open_household = interview_open_household;
	app.ended = interview_ended;
	memset(&start, 0, sizeof start);
	start.as_user = as_user;
	start.user = who.user;
	start.role = who.role;
	start.resume = resume;
	/* The form speaks the UI's language when it has it. */
	start.lang = form_lang_find(f, cli->lang != NULL ? cli->lang :
	    i18n_lang());
	rc = ui_run(&app, &start, &cause);
	if (x.done.len > 0)
		fwrite(x.done.data, 1, x.done.len, stdout);
	if (rc != 0)
		rc = cmd_error(rc, cause);
out:
	buf_free(&x.done);
	form_free(&x.visit);
	free(x.visit_path);
	while (x.nold > 0)
		form_free(&x.old[--x.nold]);
	free(x.old);
	free(x.old_key);
	store_close(&st);
	auth_clear(&who);
	form_free(&f);
	free(db);
	free(path);
	free(dev);
	free(full);
	return rc;
}

/*
 * form.c - `kesu form check` and `kesu form run` (docs/cli.md).
 *
 * check  loads each form and prints every problem on stderr as
 *        FILE:SHEET:ROW: message; exit 65 when a form is bad, 66 when one
 *        cannot be read; nothing on stdout.
 * run    headless interviews: for each interview of the answers file,
 *        walk the questions a person would see, answer each one the file
 *        answers, confirm it (which validates), finalize, and print the
 *        instance XML and a newline.  Answers for questions that end up
 *        not relevant are dropped, as ODK drops them.  The first problem
 *        stops the run with exit 65 and one line naming the place, the
 *        field and the message in the form's language:
 *        "kesu: answers.txt:4: age: Value not allowed".
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/answers.h"
#include "cmd/auth.h"
#include "cmd/cmd.h"
#include "engine/engine.h"
#include "form/form.h"
#include "store/sample.h"
#include "store/session.h"
#include "survey/sample.h"
#include "survey/visit.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* One `form run`: the form, where answers come from, the language. */
struct form_run {
	const char *form_path;
	const form *f;
	const struct answers *as;
	int lang;                /* form language index, -1: default */
	store *st;               /* --save: where records go, else NULL */
	int64_t form_key;
	const char *who;         /* --as user, or "" */
	struct store_hh hh;      /* --household: its sample row, else id NULL */
	char *hh_idcol;          /* the sample's id column */
	const char *dev;         /* --save: this laptop's deviceid, or NULL */
};

static void
form_usage(FILE *out)
{
	fputs(_("usage: kesu form check FILE...\n"
	    "       kesu form run FILE [--answers FILE] [--lang CODE] "
	    "[--save]\n"
	    "                [--as USER [--pin-stdin]]\n"
	    "       kesu form pull [--server URL]\n"
	    "       kesu form install FILE [MEDIA...]\n"), out);
}

static void
form_check_usage(FILE *out)
{
	fputs(_("usage: kesu form check FILE...\n"
	    "Validate XLSForms (.xlsx, .csv, .md); every problem is printed "
	    "on stderr\nas FILE:SHEET:ROW: message.\n"), out);
}

/* The synopsis, and with full the options too (--help). */
static void
form_run_usage(FILE *out, bool full)
{
	fputs(_("usage: kesu form run FILE [--answers FILE] [--lang CODE] "
	    "[--save]\n"
	    "                [--as USER [--pin-stdin]]\n"), out);
	if (!full)
		return;
	fputs(_("Run interviews without the screen and print each finalized "
	    "instance XML\non stdout.\n"
	    "  --answers FILE  name=value lines (one interview), or a .csv "
	    "file with a\n"
	    "                  header row of field names (one interview per "
	    "row);\n"
	    "                  default: stdin\n"
	    "  --lang CODE     the form language of messages (e.g. zh, en)\n"
	    "  --save          also keep each interview as a completed record\n"
	    "  --household ID  (with --save) the interview of a sampled "
	    "household:\n"
	    "                  its sample row fills the form's fields of the "
	    "same name\n"
	    "                  and the household counts as interviewed\n"
	    "  --as USER       who enters them (PIN from the terminal, or the\n"
	    "                  first stdin line with --pin-stdin)\n"), out);
}

static bool
form_help_arg(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0)
			return true;
	}
	return false;
}

static int
form_check(int argc, char **argv)
{
	int i, rc, worst = 0;

	if (form_help_arg(argc, argv)) {
		form_check_usage(stdout);
		return 0;
	}
	if (argc < 2) {
		form_check_usage(stderr);
		return KESU_EUSAGE;
	}
	for (i = 1; i < argc; i++) {
		form *f = NULL;
		char *cause = NULL;

		rc = form_load(argv[i], &f, &cause);
		form_free(&f);
		if (rc == KESU_EDATA && cause != NULL)
			cmd_eprintf("%s\n", cause);
		else if (rc != 0)
			cmd_eprintf("kesu: %s\n",
			    cause != NULL ? cause : argv[i]);
		free(cause);
		if (rc > worst)
			worst = rc;
	}
	return worst;
}

/* "path:line" or just "path" when the place has no line. */
static char *
form_where(const struct form_run *r, int line)
{
	if (line > 0)
		return xasprintf("%s:%d", r->as->path, line);
	return xstrdup(r->as->path);
}

static int
form_fail(const struct form_run *r, int line, const char *name,
    const char *msg)
{
	char *where = form_where(r, line);
	int rc;

	if (name != NULL)
		rc = cmd_error(KESU_EDATA, kesu_msg("%s: %s: %s", where, name,
		    msg));
	else
		rc = cmd_error(KESU_EDATA, kesu_msg("%s: %s", where, msg));
	free(where);
	return rc;
}

/* Whether fld is metadata kesu fills in (start, end, today, ...). */
static bool
form_is_meta(const struct form_field *fld)
{
	switch (fld->type) {
	case FORM_START:
	case FORM_END:
	case FORM_TODAY:
	case FORM_DEVICEID:
	case FORM_USERNAME:
		return true;
	default:
		return false;
	}
}

/* The field a key's last segment names ("member[2]/age": age), or -1. */
static int
form_key_field(const form *f, const char *key)
{
	const char *last = strrchr(key, '/');

	return form_find(f, last != NULL ? last + 1 : key);
}

/*
 * Why a key names no place of the form (README.md, "Repeats in answers
 * files"), or NULL: each segment before the last is an instance "rep[N]"
 * of a repeat inside the one before, the last a field of the innermost.
 * Caller frees.
 */
static char *
form_key_problem(const form *f, const char *key)
{
	const char *p = key, *slash, *br;
	int rep = -1, i;

	for (;;) {
		size_t len;
		char *name;

		slash = strchr(p, '/');
		len = slash != NULL ? (size_t)(slash - p) : strlen(p);
		br = memchr(p, '[', len);
		name = xstrndup(p, br != NULL ? (size_t)(br - p) : len);
		i = form_find(f, name);
		if (i < 0) {
			char *m = kesu_msg(_("no field named '%s'"), name);

			free(name);
			return m;
		}
		free(name);
		if (form_field(f, i)->in_repeat != rep) {
			int in = form_field(f, i)->in_repeat;

			if (in < 0)
				return kesu_msg(_("'%s' is not in a repeat"),
				    form_field(f, i)->name);
			return kesu_msg(_("'%s' is in repeat '%s': name its "
			    "instance, as in %s[1]/%s"), form_field(f, i)->name,
			    form_field(f, in)->name, form_field(f, in)->name,
			    form_field(f, i)->name);
		}
		if (slash == NULL)
			return br == NULL ? NULL : kesu_msg(_("'%s' names an "
			    "instance but no field in it"), key);
		if (br == NULL || !form_field(f, i)->repeat ||
		    strspn(br + 1, "0123456789") + 2 != (size_t)(slash - br) ||
		    br[1] == '0')
			return kesu_msg(_("'%s' is not a field or a repeat "
			    "instance such as member[2]/age"), key);
		rep = i;
		p = slash + 1;
	}
}

/*
 * Check an interview's answers against the fields: unknown names and
 * answers for what no person answers (calculates, metadata, hidden
 * fields, groups, the fields a table-list group generates) are errors, each naming its line and why.  A repeat's
 * own name takes its number of instances.  An empty value for such a
 * field changes nothing and is let through.
 */
static int
form_map_check(const struct form_run *r, const struct answers_interview *iv)
{
	int k, i;

	for (k = 0; k < iv->n; k++) {
		const struct answer *a = &iv->a[k];
		const struct form_field *fld;

		char *msg;

		if ((msg = form_key_problem(r->f, a->name)) != NULL) {
			int rc = form_fail(r, a->line, NULL, msg);

			free(msg);
			return rc;
		}
		i = form_key_field(r->f, a->name);
		fld = form_field(r->f, i);
		if (fld->repeat) {
			if (strspn(a->value, "0123456789") !=
			    strlen(a->value) || *a->value == '\0')
				return form_fail(r, a->line, a->name,
				    _("A repeat takes its number of "
				    "instances."));
			continue;
		}
		if (*a->value != '\0' && fld->type == FORM_GROUP)
			return form_fail(r, a->line, a->name,
			    _("A group takes no answer."));
		if (*a->value == '\0')
			continue;
		if (fld->generated)
			return form_fail(r, a->line, a->name,
			    _("This field is made by the form for its "
			    "table-list group and takes no answer."));
		if (fld->type == FORM_HIDDEN)
			return form_fail(r, a->line, a->name,
			    _("A hidden field has no question: its value comes "
			    "from its default or calculation, not from "
			    "answers."));
		if (fld->type == FORM_CALCULATE || fld->calculation != NULL)
			return form_fail(r, a->line, a->name,
			    _("A calculated field is computed by the form, not "
			    "answered."));
		if (form_is_meta(fld)) {
			/* L10N: %s is the XLSForm type: start, end, today,
			 * deviceid or username. */
			char *m = kesu_msg(_("A %s field is filled in by kesu, "
			    "not answered."), form_type_name(fld->type));
			int rc = form_fail(r, a->line, a->name, m);

			free(m);
			return rc;
		}
	}
	return 0;
}

/* One round of answers, by key: the answer and whether it is given. */
struct form_slot {
	const struct answer *a;
	bool done;
};

struct form_round_map {
	int n;
	struct form_slot *v;
};

/* The round's answer for key, or NULL. */
static struct form_slot *
form_slot(struct form_round_map *m, const char *key)
{
	int k;

	for (k = 0; k < m->n; k++)
		if (strcmp(m->v[k].a->name, key) == 0)
			return &m->v[k];
	return NULL;
}

/* The latest answer for key in round `round` or before, or NULL. */
static const struct answer *
form_last(const struct answers_interview *iv, int round, const char *key)
{
	const struct answer *last = NULL;
	int k;

	for (k = 0; k < iv->n; k++)
		if (iv->a[k].round <= round &&
		    strcmp(iv->a[k].name, key) == 0)
			last = &iv->a[k];
	return last;
}

static void
form_map(const struct answers_interview *iv, int round,
    struct form_round_map *m)
{
	int k;

	m->n = 0;
	for (k = 0; k < iv->n; k++) {
		if (iv->a[k].round != round)
			continue;
		m->v[m->n].a = &iv->a[k];
		m->v[m->n++].done = false;
	}
}

/* The interview of --household is a visit of that household. */
static int
form_visited(const struct form_run *r, const engine *e, char **cause)
{
	struct store_record rec;
	int rc;

	if ((rc = store_record_find(r->st, engine_instance_id(e), &rec,
	    cause)) != 0)
		return rc;
	if ((rc = store_record_set_household(r->st, rec.key, r->hh.id,
	    cause)) == 0)
		rc = survey_visit_record(r->st, rec.key, e, r->who, cause);
	store_record_clear(&rec);
	return rc;
}

/*
 * What becomes of one finalized interview: its instance on stdout.  (A
 * record kept in the store is added here.)
 */
static int
form_emit(const struct form_run *r, engine *e, const char *xml)
{
	char *cause = NULL;
	int rc;

	if (r->st != NULL && (rc = store_session_keep(r->st, r->form_key, e,
	    xml, r->who, &cause)) != 0)
		return cmd_error(rc, cause);
	if (r->hh.id != NULL && (rc = form_visited(r, e, &cause)) != 0)
		return cmd_error(rc, cause);
	if (fputs(xml, stdout) == EOF || fputc('\n', stdout) == EOF)
		return cmd_error(KESU_EIO, kesu_msg("stdout: write failed"));
	return 0;
}

/* Whether the answer in slot s still has to be given at field q. */
static bool
form_pending(engine *e, const struct form_slot *s, int q)
{
	if (s == NULL)
		return false;
	return !s->done || (*s->a->value != '\0' && !engine_answered(e, q));
}

/* Whether key goes through an instance of a repeat the form counts
 * (repeat_count): such instances come as the walk answers the count. */
static bool
form_counted_key(const engine *e, const char *key)
{
	const form *f = engine_form(e);
	const char *p = key, *br;
	int i;

	while ((br = strchr(p, '[')) != NULL) {
		char *name = xstrndup(p, (size_t)(br - p));

		i = form_find(f, name);
		free(name);
		if (i >= 0 && form_field(f, i)->repeat &&
		    !engine_user_repeat(e, i))
			return true;
		if ((p = strchr(br, '/')) == NULL)
			break;
		p++;
	}
	return false;
}

/*
 * Give the round's instance counts and the instances its keys name to
 * the repeats the interviewer controls, before the walk: "member=3" or
 * "member[3]/age=..." makes three members, "member=0" none.  Keys inside
 * repeats counted by the form are left to the walk.
 */
static int
form_structure(engine *e, struct form_round_map *m, const char **key,
    char **cause)
{
	const form *f = engine_form(e);
	int k, i, rc;

	for (k = 0; k < m->n; k++) {
		const struct answer *a = m->v[k].a;

		if ((strchr(a->name, '[') == NULL &&
		    !form_field(f, form_key_field(f, a->name))->repeat) ||
		    form_counted_key(e, a->name))
			continue;
		*key = a->name;
		if ((i = engine_seek(e, a->name, true, cause)) < 0)
			return KESU_EDATA;
		if (form_field(f, i)->repeat) {
			if ((rc = engine_repeat_resize(e, i,
			    (int)strtol(a->value, NULL, 10), cause)) != 0)
				return rc;
			m->v[k].done = true;
		}
	}
	return 0;
}

/*
 * Walk from the current question to the end screen, giving each question
 * its answer from the file and confirming it; *at is the key of the last
 * question (the caller's).  Repeat prompts are passed: the instances are
 * made beforehand (form_structure).  Unless check, questions are passed
 * without validation (an earlier round of a file that changes answers:
 * what is missing may come later).
 */
static int
form_walk(engine *e, struct form_round_map *m, bool check, char **at,
    char **cause)
{
	struct form_slot *s;
	int q, rc;

	while ((q = engine_current(e)) >= 0) {
		free(*at);
		*at = engine_key(e, q);
		if (form_field(engine_form(e), q)->repeat) {
			if ((rc = engine_next(e, cause)) != 0)
				return rc;
			continue;
		}
		s = form_slot(m, *at);
		if (form_pending(e, s, q)) {
			if ((rc = engine_set(e, q, s->a->value, cause)) != 0)
				return rc;
			s->done = true;
		}
		if (check) {
			if ((rc = engine_next(e, cause)) != 0)
				return rc;
			continue;
		}
		engine_skip(e);
	}
	return 0;
}

/*
 * Replay one round: walk the form from its first question, and go back
 * to each question that a later answer made relevant (or relevant
 * again), as an interviewer would; the passes are bounded so that no
 * form can loop.
 */
static int
form_round(engine *e, struct form_round_map *m, bool check, char **at,
    char **cause)
{
	int pass, k, i, rc;

	engine_goto(e, engine_first(e));
	for (pass = 0; pass <= m->n; pass++) {
		if ((rc = form_walk(e, m, check, at, cause)) != 0)
			return rc;
		for (k = 0; k < m->n; k++) {
			char *why = NULL;

			if (m->v[k].done && (*m->v[k].a->value == '\0' ||
			    engine_answered(e, form_key_field(engine_form(e),
			    m->v[k].a->name))))
				continue;
			i = engine_seek(e, m->v[k].a->name, false, &why);
			free(why);
			if (i >= 0 && engine_shown(e, i) &&
			    form_pending(e, &m->v[k], i))
				break;
		}
		if (k == m->n)
			break;
	}
	return 0;
}

/*
 * Answer and finalize one interview.  Each round of the file (answers.h)
 * is replayed in turn: a later round changes earlier answers, and the
 * engine re-evaluates relevance and calculations and clears what turns
 * non-relevant, as on the screen.  Only the last round validates as it
 * walks, as one pass over the form always did.
 */
static int
form_interview(const struct form_run *r, const struct answers_interview *iv)
{
	struct engine_opts o = { NULL, NULL, NULL, 0, 0, r->lang };
	struct form_round_map m = { 0, NULL };
	struct engine_stop *stops = NULL;
	const struct answer *last;
	const char *skey = NULL;
	engine *e = NULL;
	char *cause = NULL, *xml = NULL, *at = NULL;
	int rc, k, round = 0, nrounds = 1, nstops = 0;

	if ((rc = clock_now(&o.now, &o.tz_offset, &cause)) != 0)
		return cmd_error(rc, cause);
	o.username = r->who; /* the `username` metadata */
	o.deviceid = r->dev; /* and `deviceid`, as the screen fills them */
	if ((rc = form_map_check(r, iv)) != 0)
		goto out;
	if ((rc = engine_new(r->f, &o, &e, &cause)) != 0 ||
	    (r->hh.id != NULL && (rc = survey_prefill(e, r->hh_idcol, &r->hh,
	    &cause)) != 0)) {
		rc = cmd_error(rc, cause);
		cause = NULL;
		goto out;
	}
	m.v = xcalloc((size_t)iv->n + 1, sizeof *m.v);
	nrounds = iv->nrounds > 0 ? iv->nrounds : 1;
	for (round = 0; round < nrounds; round++) {
		form_map(iv, round, &m);
		if ((rc = form_structure(e, &m, &skey, &cause)) != 0) {
			free(at);
			at = xstrdup(skey);
			goto bad;
		}
		if ((rc = form_round(e, &m, round == nrounds - 1, &at,
		    &cause)) != 0)
			goto bad;
	}
	/* Checks again, now that later answers are in, to name the line. */
	nstops = engine_stops(e, &stops);
	for (k = 0; k < nstops; k++) {
		if (form_field(r->f, stops[k].field)->repeat ||
		    engine_seek(e, stops[k].key, false, &cause) < 0)
			continue;
		if ((rc = engine_check(e, stops[k].field, &cause)) != 0) {
			free(at);
			at = xstrdup(stops[k].key);
			goto bad;
		}
	}
	engine_goto(e, -1);
	if ((rc = clock_now(&o.now, &o.tz_offset, &cause)) != 0) {
		rc = cmd_error(rc, cause);
		cause = NULL;
		goto out;
	}
	engine_set_now(e, o.now);
	if ((rc = engine_finalize(e, &xml, &cause)) != 0) {
		rc = form_fail(r, iv->line, NULL, cause);
		goto out;
	}
	rc = form_emit(r, e, xml);
	goto out;
bad:
	if (rc == KESU_EDATA) {
		last = at != NULL ? form_last(iv, round < nrounds ? round :
		    nrounds - 1, at) : NULL;
		rc = form_fail(r, last != NULL ? last->line : iv->line,
		    at != NULL ? at : "?", cause);
	} else
		rc = cmd_error(rc, xstrdup(cause != NULL ? cause : "?"));
out:
	free(cause);
	free(xml);
	free(at);
	free(m.v);
	engine_stops_free(stops, nstops);
	engine_free(&e);
	return rc;
}

static int
form_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "answers", required_argument, NULL, 'a' },
		{ "lang", required_argument, NULL, 'l' },
		{ "save", no_argument, NULL, 's' },
		{ "as", required_argument, NULL, 'A' },
		{ "pin-stdin", no_argument, NULL, 'P' },
		{ "household", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct form_run r = { NULL, NULL, NULL, -1, NULL, 0, "", { 0 },
	    NULL };
	const char *household = NULL;
	struct auth who = { NULL, STORE_INTERVIEWER };
	const char *as_user = NULL;
	bool save = false, pin_stdin = false;
	char *db = NULL, *dev = NULL;
	const char *answers_path = NULL, *lang = NULL;
	struct answers *as = NULL;
	form *f = NULL;
	char *cause = NULL;
	int c, rc = 0, k;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			answers_path = optarg;
			break;
		case 'l':
			lang = optarg;
			break;
		case 's':
			save = true;
			break;
		case 'A':
			as_user = optarg;
			break;
		case 'P':
			pin_stdin = true;
			break;
		case 'H':
			household = optarg;
			break;
		case 'h':
			form_run_usage(stdout, true);
			return 0;
		case ':':
			cmd_eprintf(_("kesu: form run: %s needs a value\n"),
			    argv[optind - 1]);
			form_run_usage(stderr, false);
			return KESU_EUSAGE;
		default:
			cmd_eprintf(_("kesu: form run: unknown option "
			    "'%s'\n"), argv[optind - 1]);
			form_run_usage(stderr, false);
			return KESU_EUSAGE;
		}
	}
	if (optind != argc - 1 || (household != NULL && !save)) {
		form_run_usage(stderr, false);
		return KESU_EUSAGE;
	}
	r.form_path = argv[optind];
	if ((rc = form_load(r.form_path, &f, &cause)) != 0) {
		if (rc == KESU_EDATA)
			cmd_eprintf("%s\n", cause);
		else
			cmd_eprintf("kesu: %s\n", cause);
		free(cause);
		return rc;
	}
	r.f = f;
	if (lang != NULL && (r.lang = form_lang_find(f, lang)) < 0) {
		rc = cmd_error(KESU_EUSAGE, kesu_msg(_("%s has no language "
		    "'%s'"), r.form_path, lang));
		goto out;
	}
	/* Without --lang, the form speaks the UI's language if it has it. */
	if (lang == NULL)
		r.lang = form_lang_find(f, cli->lang != NULL ? cli->lang :
		    i18n_lang());
	if (save) {
		db = cmd_db_path(cli);
		if ((rc = store_open(db, 0, &r.st, &cause)) != 0 ||
		    (rc = auth_reader(r.st, as_user, pin_stdin, &who,
		    &cause)) != 0 ||
		    (rc = store_form_add(r.st, f, r.form_path, &r.form_key,
		    &cause)) != 0) {
			rc = cmd_error(rc, cause);
			goto out;
		}
		r.who = who.user != NULL ? who.user : "";
		if (household != NULL && ((rc = store_sample_get(r.st,
		    household, &r.hh, &cause)) != 0 ||
		    (rc = store_sample_id_column(r.st, &r.hh_idcol,
		    &cause)) != 0 || (!auth_may_see(&who, r.hh.interviewer) &&
		    (rc = kesu_fail(&cause, KESU_ENOINPUT, _("no household "
		    "'%s' in the sample"), household)) != 0))) {
			rc = cmd_error(rc, cause);
			goto out;
		}
		r.dev = dev = cmd_deviceid();
	}
	if ((rc = answers_read(answers_path, &as, &cause)) != 0) {
		rc = cmd_error(rc, cause);
		goto out;
	}
	r.as = as;
	if (r.hh.id != NULL && as->n != 1) {
		rc = cmd_error(KESU_EUSAGE, kesu_msg(_("--household takes one "
		    "interview, and %s has %d"), as->path, as->n));
		goto out;
	}
	for (k = 0; k < as->n && rc == 0; k++)
		rc = form_interview(&r, &as->iv[k]);
	if (rc == 0 && fflush(stdout) != 0)
		rc = cmd_error(KESU_EIO, kesu_msg("stdout: write failed"));
out:
	answers_free(&as);
	store_hh_clear(&r.hh);
	free(r.hh_idcol);
	store_close(&r.st);
	auth_clear(&who);
	free(db);
	free(dev);
	form_free(&f);
	return rc;
}

int
cmd_form(struct cli *cli, int argc, char **argv)
{
	if (argc < 2) {
		form_usage(stderr);
		return KESU_EUSAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		form_usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "check") == 0)
		return form_check(argc - 1, argv + 1);
	if (strcmp(argv[1], "run") == 0)
		return form_run(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "pull") == 0)
		return cmd_form_pull(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "install") == 0)
		return cmd_form_install(cli, argc - 1, argv + 1);
	cmd_eprintf(_("kesu: form: unknown subcommand '%s'\n"), argv[1]);
	form_usage(stderr);
	return KESU_EUSAGE;
}

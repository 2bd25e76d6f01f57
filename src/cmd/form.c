/*
 * form.c - `kesu form check` and `kesu form run` (DESIGN.md).
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
#include "store/session.h"
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

/* Whether fld gets its value from the form, not from a person. */
static bool
form_calculated(const struct form_field *fld)
{
	switch (fld->type) {
	case FORM_CALCULATE:
	case FORM_START:
	case FORM_END:
	case FORM_TODAY:
	case FORM_DEVICEID:
	case FORM_USERNAME:
		return true;
	default:
		return fld->calculation != NULL;
	}
}

/*
 * Check an interview's answers against the fields: unknown names and
 * answers for what no person answers (calculates, metadata, groups) are
 * errors.
 */
static int
form_map_check(const struct form_run *r, const struct answers_interview *iv)
{
	int k, i;

	for (k = 0; k < iv->n; k++) {
		const struct answer *a = &iv->a[k];
		const struct form_field *fld;

		if ((i = form_find(r->f, a->name)) < 0) {
			char *msg = kesu_msg(_("no field named '%s'"), a->name);
			int rc = form_fail(r, a->line, NULL, msg);

			free(msg);
			return rc;
		}
		fld = form_field(r->f, i);
		if (*a->value != '\0' && fld->type == FORM_GROUP)
			return form_fail(r, a->line, a->name,
			    _("A group takes no answer."));
		if (*a->value != '\0' && form_calculated(fld))
			return form_fail(r, a->line, a->name,
			    _("This field is calculated and takes no answer."));
	}
	return 0;
}

/*
 * Map one round of an interview's answers to fields: by[i] is the answer
 * for field i in that round or NULL; last[i] the latest answer for i in
 * this round or before (for naming a line).
 */
static void
form_map(const struct form_run *r, const struct answers_interview *iv,
    int round, const struct answer **by, const struct answer **last)
{
	int k, n = form_nfields(r->f);

	memset(by, 0, ((size_t)n + 1) * sizeof *by);
	for (k = 0; k < iv->n; k++) {
		const struct answer *a = &iv->a[k];
		int i = form_find(r->f, a->name);

		if (a->round > round || i < 0)
			continue;
		last[i] = a;
		if (a->round == round)
			by[i] = a;
	}
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
	if (fputs(xml, stdout) == EOF || fputc('\n', stdout) == EOF)
		return cmd_error(KESU_EIO, kesu_msg("stdout: write failed"));
	return 0;
}

/* Whether the answer for field q still has to be given. */
static bool
form_pending(engine *e, const struct answer **by, const bool *done, int q)
{
	if (by[q] == NULL)
		return false;
	return !done[q] || (*by[q]->value != '\0' && !engine_answered(e, q));
}

/*
 * Walk from the current question to the end screen, giving each question
 * its answer from the file and confirming it; *at is the last question.
 * Unless check, questions are passed without validation (an earlier
 * round of a file that changes answers: what is missing may come later).
 */
static int
form_walk(engine *e, const struct answer **by, bool *done, bool check,
    int *at, char **cause)
{
	int q, k, n = form_nfields(engine_form(e)), rc;

	while ((q = engine_current(e)) >= 0) {
		*at = q;
		if (form_pending(e, by, done, q)) {
			if ((rc = engine_set(e, q, by[q]->value, cause)) != 0)
				return rc;
			done[q] = true;
		}
		if (check) {
			if ((rc = engine_next(e, cause)) != 0)
				return rc;
			continue;
		}
		for (k = q + 1; k < n; k++) {
			engine_goto(e, k);
			if (engine_current(e) == k)
				break;
		}
		if (k == n)
			engine_goto(e, -1);
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
form_round(engine *e, const struct answer **by, bool *done, bool check,
    int *q, char **cause)
{
	int n = form_nfields(engine_form(e)), pass, i, rc;

	memset(done, 0, ((size_t)n + 1) * sizeof *done);
	engine_goto(e, engine_first(e));
	for (pass = 0; pass <= n; pass++) {
		if ((rc = form_walk(e, by, done, check, q, cause)) != 0)
			return rc;
		for (i = 0; i < n; i++) {
			if (!form_pending(e, by, done, i))
				continue;
			engine_goto(e, i);
			if (engine_current(e) == i)
				break;
		}
		if (i == n)
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
	const struct answer **by = NULL, **last = NULL;
	bool *done = NULL;
	engine *e = NULL;
	char *cause = NULL, *xml = NULL;
	int rc, q = -1, i, round, nrounds, n = form_nfields(r->f);

	if ((rc = clock_now(&o.now, &o.tz_offset, &cause)) != 0)
		return cmd_error(rc, cause);
	o.username = r->who; /* the `username` metadata */
	if ((rc = form_map_check(r, iv)) != 0)
		goto out;
	if ((rc = engine_new(r->f, &o, &e, &cause)) != 0) {
		rc = cmd_error(rc, cause);
		cause = NULL;
		goto out;
	}
	by = xcalloc((size_t)n + 1, sizeof *by);
	last = xcalloc((size_t)n + 1, sizeof *last);
	done = xcalloc((size_t)n + 1, sizeof *done);
	nrounds = iv->nrounds > 0 ? iv->nrounds : 1;
	for (round = 0; round < nrounds; round++) {
		form_map(r, iv, round, by, last);
		if ((rc = form_round(e, by, done, round == nrounds - 1, &q,
		    &cause)) != 0)
			goto bad;
	}
	/* Checks again, now that later answers are in, to name the line. */
	for (i = 0; i < n; i++) {
		if ((rc = engine_check(e, i, &cause)) != 0) {
			q = i;
			goto bad;
		}
	}
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
	if (rc == KESU_EDATA)
		rc = form_fail(r, last[q] != NULL ? last[q]->line : iv->line,
		    form_field(r->f, q)->name, cause);
	else
		rc = cmd_error(rc, xstrdup(cause != NULL ? cause : "?"));
out:
	free(cause);
	free(xml);
	free(by);
	free(last);
	free(done);
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
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct form_run r = { NULL, NULL, NULL, -1, NULL, 0, "" };
	struct auth who = { NULL, STORE_INTERVIEWER };
	const char *as_user = NULL;
	bool save = false, pin_stdin = false;
	char *db = NULL;
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
	if (optind != argc - 1) {
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
	}
	if ((rc = answers_read(answers_path, &as, &cause)) != 0) {
		rc = cmd_error(rc, cause);
		goto out;
	}
	r.as = as;
	for (k = 0; k < as->n && rc == 0; k++)
		rc = form_interview(&r, &as->iv[k]);
	if (rc == 0 && fflush(stdout) != 0)
		rc = cmd_error(KESU_EIO, kesu_msg("stdout: write failed"));
out:
	answers_free(&as);
	store_close(&r.st);
	auth_clear(&who);
	free(db);
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

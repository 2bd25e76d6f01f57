/*
 * export.c - `kesu export --format csv|xlsx|dta|sav -o FILE`: the records of
 * one form as labelled data for analysts (report/export.h).
 *
 * On a database with users only a supervisor exports (--as USER); on one
 * without users anybody may.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/auth.h"
#include "cmd/cmd.h"
#include "report/export.h"
#include "report/report.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

static void
export_usage(FILE *f, bool full)
{
	fputs(_("usage: kesu export --format csv|xlsx|dta|sav -o FILE "
	    "[--form FORM_ID] [--lang CODE]\n"
	    "                   [--values labels|codes] [--status S,...] "
	    "[--bom] [--as USER]\n"
	    "                   [--pin-stdin]\n"), f);
	if (!full)
		return;
	fputs(_("One row per record: id, status, interviewer, started, "
	    "ended, duration,\n"
	    "form_id, version, then every field in form order; a "
	    "select_multiple also\n"
	    "as one 0/1 column per choice (FIELD_CHOICE), a rank also as "
	    "one column per\n"
	    "place (FIELD_1 ... FIELD_k: the choice ranked there, coded as "
	    "a select_one).\n"
	    "Labels are in the form's language CODE (default: the form's "
	    "default\n"
	    "language).\n"
	    "  --format csv   UTF-8 CSV (RFC 4180) with a header row; "
	    "--bom for Excel\n"
	    "  --format xlsx  Excel: a data sheet (choice labels, or codes "
	    "with --values\n"
	    "                 codes; numbers and dates typed), a variables "
	    "sheet and a\n"
	    "                 choices sheet\n"
	    "  --format dta   Stata 14+ (format 118), with variable and "
	    "value labels\n"
	    "  --format sav   SPSS, with variable and value labels\n"
	    "select_one codes are the choice names when all are integers, "
	    "else 1, 2, ...\n"
	    "in list order.  --form picks the form by its form_id "
	    "(default: the survey\n"
	    "form, the one `kesu report` reads, named on stderr; not the "
	    "visit form);\n"
	    "records of all its versions go out against the newest.  "
	    "--status defaults\n"
	    "to completed,approved,uploaded.  FILE is written whole or not "
	    "at all.\n"), f);
}

/* Split "a,b,c" into a NULL-terminated array (strings in s). */
static char **
export_split(char *s, size_t *n)
{
	char **v = NULL, *p;
	size_t cap = 0;

	*n = 0;
	for (p = strtok(s, ","); p != NULL; p = strtok(NULL, ",")) {
		if (*n + 1 >= cap) {
			cap = cap != 0 ? 2 * cap : 8;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[(*n)++] = p;
		v[*n] = NULL;
	}
	return v;
}

/*
 * With no --form, the survey form (report_form_current_id(): a visit
 * form's records are newer most days) into o->form_id and *id, the
 * caller's (NULL when the database has no form), for the export to say.
 */
static int
export_default_form(store *s, struct export_opts *o, char **id,
    char **cause)
{
	int rc;

	*id = NULL;
	if (o->form_id != NULL)
		return 0;
	if ((rc = report_form_current_id(s, NULL, id, cause)) == 0)
		o->form_id = *id;
	return rc;
}

static int
export_auth(store *s, const char *as, bool pin_stdin, char **cause)
{
	struct auth who = { NULL, STORE_INTERVIEWER };
	int n, rc;

	if ((rc = store_user_count(s, &n, cause)) != 0 || n == 0)
		return rc;
	if (as == NULL)
		return kesu_fail(cause, KESU_ENOPERM, _("export: this "
		    "database has users; give --as USER (a supervisor)"));
	rc = auth_login(s, as, pin_stdin, AUTH_SUPERVISOR, &who, cause);
	auth_clear(&who);
	return rc;
}

int
cmd_export(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "form", required_argument, NULL, 'F' },
		{ "lang", required_argument, NULL, 'l' },
		{ "status", required_argument, NULL, 's' },
		{ "bom", no_argument, NULL, 'b' },
		{ "values", required_argument, NULL, 'v' },
		{ "as", required_argument, NULL, 'a' },
		{ "pin-stdin", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct export_opts o;
	const char *as = NULL;
	char *statuses = NULL, **sv = NULL, *path = NULL, *cause = NULL;
	char *form_picked = NULL;
	bool pin_stdin = false, have_format = false;
	store *s = NULL;
	int c, rc;

	memset(&o, 0, sizeof o);
	o.fallback_lang = cli->lang;
	while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			have_format = true;
			if (strcmp(optarg, "csv") == 0)
				o.format = EXPORT_CSV;
			else if (strcmp(optarg, "xlsx") == 0)
				o.format = EXPORT_XLSX;
			else if (strcmp(optarg, "dta") == 0)
				o.format = EXPORT_DTA;
			else if (strcmp(optarg, "sav") == 0)
				o.format = EXPORT_SAV;
			else {
				fprintf(stderr, _("kesu: export: --format takes "
				    "csv, xlsx, dta or sav, not '%s'\n"), optarg);
				return KESU_EUSAGE;
			}
			break;
		case 'v':
			if (strcmp(optarg, "labels") != 0 &&
			    strcmp(optarg, "codes") != 0) {
				fprintf(stderr, _("kesu: export: --values takes "
				    "labels or codes, not '%s'\n"), optarg);
				return KESU_EUSAGE;
			}
			o.codes = strcmp(optarg, "codes") == 0;
			break;
		case 'o':
			o.path = optarg;
			break;
		case 'F':
			o.form_id = optarg;
			break;
		case 'l':
			o.lang = optarg;
			break;
		case 's':
			free(statuses);
			statuses = xstrdup(optarg);
			break;
		case 'b':
			o.bom = true;
			break;
		case 'a':
			as = optarg;
			break;
		case 'p':
			pin_stdin = true;
			break;
		case 'h':
			export_usage(stdout, true);
			free(statuses);
			return 0;
		case ':':
			fprintf(stderr, _("kesu: export: %s needs a value\n"),
			    argv[optind - 1]);
			export_usage(stderr, false);
			free(statuses);
			return KESU_EUSAGE;
		default:
			fprintf(stderr, _("kesu: export: unknown option "
			    "'%s'\n"), argv[optind - 1]);
			export_usage(stderr, false);
			free(statuses);
			return KESU_EUSAGE;
		}
	}
	if (optind != argc || !have_format || o.path == NULL ||
	    *o.path == '\0') {
		if (optind != argc)
			cmd_eprintf(_("kesu: export: unexpected argument "
			    "'%s'\n"), argv[optind]);
		else if (!have_format)
			fputs(_("kesu: export: --format csv|dta|sav is "
			    "missing\n"), stderr);
		else
			fputs(_("kesu: export: -o FILE is missing (-o - "
			    "writes to standard output)\n"), stderr);
		export_usage(stderr, false);
		free(statuses);
		return KESU_EUSAGE;
	}
	if (statuses != NULL) {
		sv = export_split(statuses, &o.nstatuses);
		o.statuses = (const char *const *)sv;
		if (o.nstatuses == 0) {
			free(statuses);
			free(sv);
			export_usage(stderr, false);
			return KESU_EUSAGE;
		}
	}
	path = cmd_db_path(cli);
	if ((rc = store_open(path, STORE_EXISTING, &s, &cause)) == 0 &&
	    (rc = export_auth(s, as, pin_stdin, &cause)) == 0 &&
	    (rc = export_default_form(s, &o, &form_picked, &cause)) == 0)
		rc = export_run(s, &o, &cause);
	if (rc == 0 && form_picked != NULL)
		/* L10N: %s is a form_id such as xicheng_science_literacy. */
		cmd_eprintf(_("kesu: export: no --form given; exported the "
		    "survey form '%s'\n"), form_picked);
	store_close(&s);
	free(form_picked);
	free(path);
	free(sv);
	free(statuses);
	if (rc != 0) {
		/* The message may quote stored form text: shown inert. */
		fputs("kesu: ", stderr);
		text_put(stderr, cause != NULL ? cause : _("export failed"));
		putc('\n', stderr);
		free(cause);
	}
	return rc;
}

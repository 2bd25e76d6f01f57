/*
 * sample.c - `kesu sample`: the survey's sample of households.
 *
 *   sample load FILE --as SUPERVISOR      the survey office's sample (.csv
 *                                         or .xlsx); a reload updates it
 *   sample list [--summary] [--interviewer U] [--format table|csv|json]
 *                                         households and their state, or
 *                                         progress by interviewer and street
 *   sample assign ID USER --as SUPERVISOR move a household
 *   sample visit ID --disposition CODE [--note T] [--revisit TIME]
 *          [--set NAME=VALUE]... [--form FILE]
 *                                         a visit that gave no interview,
 *                                         kept as a record of the visit form
 *   sample weights [--class COLUMN] [--members FIELD] [--e X]
 *          [--format table|csv]           each interviewed household's
 *                                         design weight (survey/weights.h)
 *
 * On a database with users every subcommand needs --as USER; an
 * interviewer lists and visits only their own households.  The visit
 * form is --form FILE, else $KESU_VISIT_FORM, else forms/visit.csv.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/auth.h"
#include "cmd/cmd.h"
#include "store/values.h"
#include "store/sample.h"
#include "survey/rates.h"
#include "survey/sample.h"
#include "survey/visit.h"
#include "survey/weights.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/json.h"
#include "util/text.h"
#include "util/xalloc.h"

#define SAMPLE_VISIT_FORM "forms/visit.csv"

enum sample_format { FMT_TABLE, FMT_CSV, FMT_JSON };

/* The options every subcommand shares. */
struct sample_opts {
	const char *as;
	bool pin_stdin;
	const char *interviewer;
	const char *disposition, *note, *revisit, *form;
	const char **set;
	int nset;
	bool summary;
	enum sample_format fmt;
	const char *cls, *members;  /* weights: class column, members field */
	double e;                   /* weights: -1 estimates it */
};

static void
sample_usage(FILE *f)
{
	fputs(_("usage: kesu sample load FILE --as SUPERVISOR [--pin-stdin]\n"
	    "       kesu sample list [--summary] [--interviewer USER] "
	    "[--format table|csv|json]\n"
	    "       kesu sample assign ID USER --as SUPERVISOR\n"
	    "       kesu sample visit ID --disposition CODE [--note TEXT] "
	    "[--revisit TIME]\n"
	    "                         [--set NAME=VALUE]... [--form FILE]\n"
	    "       kesu sample weights [--class COLUMN] [--members FIELD] "
	    "[--e X] [--format table|csv]\n"
	    "Every subcommand takes --as USER [--pin-stdin] on a database "
	    "with users.\n"), f);
}

/* L10N: a household's state in `kesu sample list` and on home. */
static const char *
sample_state_label(enum store_hh_state st)
{
	switch (st) {
	case STORE_HH_NEW:
		return _("not visited");
	case STORE_HH_REVISIT:
		return _("revisit");
	case STORE_HH_INTERVIEWED:
		return _("interviewed");
	case STORE_HH_FINAL:
		return _("final non-response");
	}
	return "?";
}

static const char *
sample_state_code(enum store_hh_state st)
{
	static const char *const codes[] = { "new", "revisit", "interviewed",
	    "final" };

	return codes[st];
}

static void
sample_print_rows(const struct store_hh *h, size_t n, enum sample_format fmt)
{
	char last[40];
	size_t i;

	if (fmt == FMT_CSV)
		fputs("id,street,community,address,interviewer,weight,state,"
		    "visits,disposition,aapor,revisit\n", stdout);
	else if (fmt == FMT_JSON)
		fputs("[\n", stdout);
	else {
		/* L10N: column heads of `kesu sample list`. */
		text_pad(stdout, _("household"), 12);
		text_pad(stdout, _("street"), 14);
		text_pad(stdout, _("interviewer"), 12);
		text_pad(stdout, _("state"), 20);
		text_rpad(stdout, _("visits"), 6);
		putc(' ', stdout);
		text_pad(stdout, _("last visit"), 17);
		fputs(_("next visit"), stdout);
		putc('\n', stdout);
	}
	for (i = 0; i < n; i++) {
		if (fmt == FMT_CSV) {
			text_csv_cell(stdout, h[i].id);
			putc(',', stdout);
			text_csv_cell(stdout, h[i].street);
			putc(',', stdout);
			text_csv_cell(stdout, h[i].community);
			putc(',', stdout);
			text_csv_cell(stdout, h[i].address);
			putc(',', stdout);
			text_csv_cell(stdout, h[i].interviewer);
			if (h[i].weight > 0)
				printf(",%.17g,", h[i].weight);
			else
				fputs(",,", stdout);
			printf("%s,%d,", sample_state_code(h[i].state),
			    h[i].visits);
			text_csv_cell(stdout, h[i].disposition);
			printf(",%s,", h[i].aapor);
			text_csv_cell(stdout, h[i].revisit);
			putc('\n', stdout);
		} else if (fmt == FMT_JSON) {
			fputs(i ? ",\n {\"id\": " : " {\"id\": ", stdout);
			json_str(stdout, h[i].id);
			fputs(", \"street\": ", stdout);
			json_str(stdout, h[i].street);
			fputs(", \"interviewer\": ", stdout);
			json_str(stdout, h[i].interviewer);
			printf(", \"state\": \"%s\", \"visits\": %d, "
			    "\"aapor\": \"%s\", \"revisit\": ",
			    sample_state_code(h[i].state), h[i].visits,
			    h[i].aapor);
			json_str(stdout, h[i].revisit);
			putc('}', stdout);
		} else {
			text_pad(stdout, h[i].id, 12);
			text_pad(stdout, h[i].street, 14);
			text_pad(stdout, h[i].interviewer, 12);
			text_pad(stdout, sample_state_label(h[i].state), 20);
			printf("%6d ", h[i].visits);
			if (h[i].last > 0) {
				clock_format(h[i].last, h[i].last_tz, last,
				    sizeof last);
				last[10] = ' ';
				last[16] = '\0';
			} else
				snprintf(last, sizeof last, "-");
			text_pad(stdout, last, 17);
			text_put(stdout, h[i].revisit[0] != '\0' ?
			    h[i].revisit : "-");
			putc('\n', stdout);
		}
	}
	if (fmt == FMT_JSON)
		fputs(n ? "\n]\n" : "]\n", stdout);
}

/* Progress: one line per interviewer, then per street. */
struct sample_tally {
	const char *key;
	int n[4];
};

static void
sample_tally_add(struct sample_tally **t, size_t *nt, const char *key,
    enum store_hh_state st)
{
	size_t i;

	for (i = 0; i < *nt; i++)
		if (strcmp((*t)[i].key, key) == 0)
			break;
	if (i == *nt) {
		*t = xreallocarray(*t, *nt + 1, sizeof **t);
		memset(&(*t)[i], 0, sizeof **t);
		(*t)[i].key = key;
		(*nt)++;
	}
	(*t)[i].n[st]++;
}

static void
sample_print_tally(const char *by, const struct sample_tally *t, size_t n,
    enum sample_format fmt)
{
	size_t i;
	int k, all;

	for (i = 0; i < n; i++) {
		for (all = 0, k = 0; k < 4; k++)
			all += t[i].n[k];
		if (fmt == FMT_CSV) {
			printf("%s,", by);
			text_csv_cell(stdout, t[i].key);
			printf(",%d,%d,%d,%d,%d\n", all, t[i].n[0], t[i].n[1],
			    t[i].n[2], t[i].n[3]);
			continue;
		}
		text_pad(stdout, by, 13);
		text_pad(stdout, t[i].key[0] != '\0' ? t[i].key : "-", 16);
		printf("%10d%5d%8d%12d%6d%7.1f%%\n", all, t[i].n[0],
		    t[i].n[1], t[i].n[2], t[i].n[3],
		    all ? 100.0 * (t[i].n[2] + t[i].n[3]) / all : 0.0);
	}
}

static void
sample_print_summary(const struct store_hh *h, size_t n,
    enum sample_format fmt)
{
	struct sample_tally *who = NULL, *street = NULL;
	size_t nwho = 0, nstreet = 0, i;

	for (i = 0; i < n; i++) {
		sample_tally_add(&who, &nwho, h[i].interviewer, h[i].state);
		sample_tally_add(&street, &nstreet, h[i].street, h[i].state);
	}
	if (fmt == FMT_CSV)
		fputs("by,level,households,not_visited,revisit,interviewed,"
		    "final\n", stdout);
	else {
		/* L10N: heads of `kesu sample list --summary`: households,
		 * then not visited, to visit again, interviewed, final
		 * non-response, and the share closed (the last two). */
		text_pad(stdout, _("by"), 13);
		text_pad(stdout, _("level"), 16);
		text_rpad(stdout, _("households"), 10);
		text_rpad(stdout, _("new"), 5);
		text_rpad(stdout, _("revisit"), 8);
		text_rpad(stdout, _("interviewed"), 12);
		text_rpad(stdout, _("final"), 6);
		text_rpad(stdout, _("closed"), 8);
		putc('\n', stdout);
	}
	sample_print_tally("interviewer", who, nwho, fmt);
	sample_print_tally("street", street, nstreet, fmt);
	free(who);
	free(street);
}

static int
sample_load(store *s, const char *who, const char *path, char **cause)
{
	struct survey_sample *sm = NULL;
	struct store_user u;
	size_t added, changed, i;
	int rc;

	if ((rc = survey_sample_read(path, &sm, cause)) != 0)
		return rc;
	/* Every interviewer the file names must be a user of the laptop. */
	for (i = 0; i < sm->n; i++) {
		if (sm->rows[i].interviewer[0] == '\0')
			continue;
		if (store_user_get(s, sm->rows[i].interviewer, &u,
		    cause) != 0) {
			free(*cause);
			*cause = NULL;
			rc = kesu_fail(cause, KESU_EDATA, _("%s:%d: no user "
			    "'%s' on this laptop (kesu user add)"), path,
			    sm->line[i], sm->rows[i].interviewer);
			goto out;
		}
		/* The file may spell a name in another case. */
		free(sm->rows[i].interviewer);
		sm->rows[i].interviewer = xstrdup(u.name);
		store_user_clear(&u);
	}
	if ((rc = store_sample_load(s, path, sm->id_column, sm->rows, sm->n,
	    who, &added, &changed, cause)) != 0)
		goto out;
	/* L10N: a sample loaded: the households in the file, then how
	 * many of them are new and how many changed. */
	printf(ngettext("%s: %zu household, %zu added, %zu changed\n",
	    "%s: %zu households, %zu added, %zu changed\n", sm->n), path,
	    sm->n, added, changed);
out:
	survey_sample_free(&sm);
	return rc;
}

static int
sample_assign(store *s, const char *who, const char *id, const char *user,
    char **cause)
{
	struct store_user u;
	int rc;

	if ((rc = store_user_get(s, user, &u, cause)) != 0)
		return rc;
	if (u.disabled)
		rc = kesu_fail(cause, KESU_EDATA, _("user '%s' is disabled"),
		    u.name);
	else
		rc = store_sample_assign(s, id, u.name, who, cause);
	store_user_clear(&u);
	return rc;
}

static int
sample_visit(store *s, const struct auth *who, const char *id,
    const struct sample_opts *o, char **cause)
{
	struct survey_visit v;
	struct store_hh h;
	char *path = cmd_form_path(o->form, "KESU_VISIT_FORM",
	    SAMPLE_VISIT_FORM);
	char *idcol = NULL, *uuid = NULL;
	form *f = NULL;
	int64_t key;
	int rc;

	memset(&h, 0, sizeof h);
	if ((rc = store_sample_get(s, id, &h, cause)) != 0)
		goto out;
	if (!auth_may_see(who, h.interviewer)) {
		/* Another's household reads as an unknown one. */
		rc = kesu_fail(cause, KESU_ENOINPUT, _("no household '%s' in "
		    "the sample"), id);
		goto out;
	}
	if ((rc = store_sample_id_column(s, &idcol, cause)) != 0 ||
	    (rc = form_load(path, &f, cause)) != 0 ||
	    (rc = store_form_add(s, f, path, &key, cause)) != 0)
		goto out;
	memset(&v, 0, sizeof v);
	v.disposition = o->disposition;
	v.note = o->note;
	v.revisit = o->revisit;
	v.set = o->set;
	if ((rc = survey_visit_keep(s, f, key, idcol, &h, &v,
	    who->user != NULL ? who->user : "", &uuid, cause)) != 0)
		goto out;
	printf("%s\n", uuid);
out:
	free(uuid);
	free(idcol);
	free(path);
	form_free(&f);
	store_hh_clear(&h);
	return rc;
}

/* The value of column name of household h ("" when it has none). */
static const char *
sample_column(const struct store_hh *h, const char *name)
{
	const char *v;

	if (strcmp(name, "street") == 0)
		return h->street;
	if (strcmp(name, "community") == 0)
		return h->community;
	if (strcmp(name, "interviewer") == 0)
		return h->interviewer;
	v = survey_extra_get(h->extra, name);
	return v != NULL ? v : "";
}

/* Field `name` of record key's instance as a number of members (>= 1),
 * else 1: a household's respondent stands for its eligible members. */
static double
sample_members(store *s, int64_t key, const char *name, char **cause)
{
	store_values *rv = NULL;
	char *xml = NULL, *end;
	const char *v;
	size_t len;
	double m = 1;

	if (name == NULL || key <= 0)
		return 1;
	if (store_record_xml(s, key, &xml, &len, cause) == 0 &&
	    store_values_parse(xml, len, &rv, cause) == 0 &&
	    (v = store_values_get(rv, name)) != NULL && *v != '\0') {
		m = strtod(v, &end);
		if (*end != '\0' || !(m >= 1))
			m = 1;
	}
	free(*cause);
	*cause = NULL;
	store_values_free(&rv);
	free(xml);
	return m;
}

static int
sample_weights(store *s, const struct sample_opts *o, char **cause)
{
	struct survey_rates r;
	struct survey_unit *u = NULL;
	struct store_hh *h = NULL;
	size_t n = 0, i;
	int rc;

	if ((rc = store_sample_list(s, NULL, &h, &n, cause)) != 0)
		return rc;
	memset(&r, 0, sizeof r);
	u = xcalloc(n + 1, sizeof *u);
	for (i = 0; i < n && rc == 0; i++) {
		u[i].aapor = survey_hh_aapor(&h[i]);
		u[i].cls = o->cls != NULL ? sample_column(&h[i], o->cls) : "";
		u[i].base = h[i].weight;
		if (u[i].base <= 0)
			rc = kesu_fail(cause, KESU_EDATA, _("household %s has "
			    "no weight or probability in the sample"),
			    h[i].id);
		if (u[i].aapor == AAPOR_I)
			u[i].members = sample_members(s, h[i].record,
			    o->members, cause);
		r.count[u[i].aapor]++;
	}
	survey_rates_compute(&r, o->e);
	if (rc == 0 && (rc = survey_weights(u, n, r.e, cause)) == 0) {
		if (o->fmt == FMT_TABLE)
			printf(ngettext("design weights of %ld interviewed "
			    "household; e = %.3f\n", "design weights of %ld "
			    "interviewed households; e = %.3f\n",
			    (unsigned long)r.count[AAPOR_I]), r.count[AAPOR_I],
			    r.e);
		fputs(o->fmt == FMT_TABLE ? "household   class            "
		    "       base  members   factor       weight\n" :
		    "household_id,class,base,members,factor,weight\n", stdout);
		for (i = 0; i < n; i++) {
			if (u[i].aapor != AAPOR_I)
				continue;
			if (o->fmt == FMT_TABLE) {
				text_pad(stdout, h[i].id, 12);
				text_pad(stdout, u[i].cls, 16);
				printf("%11.3f %8g %8.4f %12.3f\n", u[i].base,
				    u[i].members, u[i].factor, u[i].weight);
				continue;
			}
			text_csv_cell(stdout, h[i].id);
			putc(',', stdout);
			text_csv_cell(stdout, u[i].cls);
			printf(",%.17g,%.17g,%.17g,%.17g\n", u[i].base,
			    u[i].members, u[i].factor, u[i].weight);
		}
	}
	free(u);
	store_hhs_free(h, n);
	return rc;
}

static int
sample_parse(int argc, char **argv, struct sample_opts *o)
{
	static const struct option opts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "pin-stdin", no_argument, NULL, 'p' },
		{ "interviewer", required_argument, NULL, 'i' },
		{ "summary", no_argument, NULL, 'S' },
		{ "format", required_argument, NULL, 'F' },
		{ "disposition", required_argument, NULL, 'd' },
		{ "note", required_argument, NULL, 'n' },
		{ "revisit", required_argument, NULL, 'r' },
		{ "set", required_argument, NULL, 's' },
		{ "form", required_argument, NULL, 'f' },
		{ "class", required_argument, NULL, 'c' },
		{ "members", required_argument, NULL, 'm' },
		{ "e", required_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'a': o->as = optarg; break;
		case 'p': o->pin_stdin = true; break;
		case 'i': o->interviewer = optarg; break;
		case 'S': o->summary = true; break;
		case 'd': o->disposition = optarg; break;
		case 'n': o->note = optarg; break;
		case 'r': o->revisit = optarg; break;
		case 'f': o->form = optarg; break;
		case 'c': o->cls = optarg; break;
		case 'm': o->members = optarg; break;
		case 'e': {
			char *end;

			o->e = strtod(optarg, &end);
			if (end == optarg || *end != '\0' || !(o->e >= 0 &&
			    o->e <= 1)) {
				cmd_eprintf(_("kesu: report: --e takes a number "
				    "from 0 to 1, not '%s'\n"), optarg);
				return KESU_EUSAGE;
			}
			break;
		}
		case 's':
			o->set = xreallocarray(o->set, (size_t)o->nset + 2,
			    sizeof *o->set);
			o->set[o->nset++] = optarg;
			o->set[o->nset] = NULL;
			break;
		case 'F':
			if (strcmp(optarg, "table") == 0)
				o->fmt = FMT_TABLE;
			else if (strcmp(optarg, "csv") == 0)
				o->fmt = FMT_CSV;
			else if (strcmp(optarg, "json") == 0)
				o->fmt = FMT_JSON;
			else {
				cmd_eprintf(_("kesu: sample: --format takes "
				    "table, csv or json\n"));
				return KESU_EUSAGE;
			}
			break;
		case 'h':
			sample_usage(stdout);
			return -1;
		default:
			cmd_bad_option("sample", opts, argv);
			sample_usage(stderr);
			return KESU_EUSAGE;
		}
	}
	return 0;
}

/* The subcommand on an open store. */
static int
sample_run(store *s, const char *sub, int nargs, char **args,
    const struct sample_opts *o, char **cause)
{
	struct auth who = { NULL, STORE_INTERVIEWER };
	struct store_hh *h = NULL;
	size_t n = 0;
	const char *only;
	bool boss = strcmp(sub, "load") == 0 || strcmp(sub, "assign") == 0 ||
	    strcmp(sub, "weights") == 0;
	int rc;

	if (boss && o->as == NULL)
		return kesu_fail(cause, KESU_ENOPERM, _("this needs a "
		    "supervisor: say who you are with --as USER"));
	rc = boss ? auth_login(s, o->as, o->pin_stdin, AUTH_SUPERVISOR, &who,
	    cause) : auth_reader(s, o->as, o->pin_stdin, &who, cause);
	if (rc != 0)
		return rc;
	if (strcmp(sub, "load") == 0)
		rc = sample_load(s, who.user, args[0], cause);
	else if (strcmp(sub, "assign") == 0)
		rc = sample_assign(s, who.user, args[0], args[1], cause);
	else if (strcmp(sub, "visit") == 0)
		rc = sample_visit(s, &who, args[0], o, cause);
	else if (strcmp(sub, "weights") == 0)
		rc = sample_weights(s, o, cause);
	else {
		only = o->interviewer;
		/* An interviewer sees their own households only. */
		if (who.user != NULL && who.role != STORE_SUPERVISOR)
			only = who.user;
		if ((rc = store_sample_list(s, only, &h, &n, cause)) == 0) {
			if (o->summary)
				sample_print_summary(h, n, o->fmt);
			else
				sample_print_rows(h, n, o->fmt);
		}
		store_hhs_free(h, n);
	}
	(void)nargs;
	auth_clear(&who);
	return rc;
}

int
cmd_sample(struct cli *cli, int argc, char **argv)
{
	struct sample_opts o;
	const char *sub;
	store *s = NULL;
	char *path = NULL, *cause = NULL;
	int rc, need, flags;

	memset(&o, 0, sizeof o);
	o.e = -1;
	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		sample_usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? KESU_EUSAGE : 0;
	}
	sub = argv[1];
	if (strcmp(sub, "load") == 0 || strcmp(sub, "visit") == 0)
		need = 1;
	else if (strcmp(sub, "assign") == 0)
		need = 2;
	else if (strcmp(sub, "list") == 0 || strcmp(sub, "weights") == 0)
		need = 0;
	else {
		cmd_eprintf(_("kesu: sample: unknown subcommand '%s'\n"), sub);
		sample_usage(stderr);
		return KESU_EUSAGE;
	}
	if ((rc = sample_parse(argc - 1, argv + 1, &o)) != 0) {
		free(o.set);
		return rc < 0 ? 0 : rc;
	}
	if (argc - 1 - optind != need ||
	    (strcmp(sub, "visit") == 0 && o.disposition == NULL)) {
		sample_usage(stderr);
		free(o.set);
		return KESU_EUSAGE;
	}
	path = cmd_db_path(cli);
	/* Only loading a sample may create the database. */
	flags = strcmp(sub, "load") == 0 ? 0 : STORE_EXISTING;
	if ((rc = store_open(path, flags, &s, &cause)) == 0)
		rc = sample_run(s, sub, need, argv + 1 + optind, &o, &cause);
	store_close(&s);
	free(path);
	free(o.set);
	if (rc != 0)
		return cmd_error(rc, cause != NULL ? cause :
		    kesu_msg(_("sample failed")));
	return 0;
}

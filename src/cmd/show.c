/*
 * show.c - `kesu show ID`: one record, for review.
 *
 * ID is a UUID (with or without "uuid:") or any unique prefix of one; an
 * ambiguous prefix exits 64 naming the candidates, an unknown one 66.
 * Prints the record's facts, its instance XML exactly as stored (for a
 * draft: the answers so far), the status history from the audit log and
 * a paradata summary: time per question, visits, changed answers, back
 * navigation.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/auth.h"
#include "cmd/cmd.h"
#include "util/clock.h"
#include "util/i18n.h"

static void
show_usage(FILE *f)
{
	fputs(_("usage: kesu show ID [--as USER] [--pin-stdin]\n"
	    "ID is a record's UUID or a unique prefix of it.\n"), f);
}

static void
show_time(const char *label, double t, int tz)
{
	char buf[40];

	clock_format(t, tz, buf, sizeof buf);
	printf("%-12s %s\n", label, buf);
}

/* A draft has no XML yet: its answers so far and where it stopped. */
static int
show_draft(store *s, const struct store_record *r, char **cause)
{
	store_draft *d = NULL;
	const struct store_value *v;
	size_t n, i;
	int rc;

	if ((rc = store_draft_peek(s, r->key, &d, cause)) != 0)
		return rc;
	v = store_draft_values(d, &n);
	printf("%-12s %s\n", _("question"), store_draft_question(d));
	printf("\n%s\n", _("answers:"));
	for (i = 0; i < n; i++)
		printf("  %s=%s\n", v[i].name, v[i].value);
	store_draft_free(&d);
	return 0;
}

static int
show_history(store *s, const struct store_record *r, char **cause)
{
	struct store_audit_row *a;
	char when[40];
	size_t n, i;
	int rc;

	if ((rc = store_audit_list(s, r->key, &a, &n, cause)) != 0)
		return rc;
	printf("\n%s\n", _("history:"));
	for (i = 0; i < n; i++) {
		clock_format(a[i].when, a[i].tz, when, sizeof when);
		printf("  %s  %-12s %-8s %s\n", when, a[i].who, a[i].action,
		    a[i].detail);
	}
	store_audit_free(a, n);
	return 0;
}

static int
show_paradata(store *s, const struct store_record *r, char **cause)
{
	struct store_paradata p;
	size_t i;
	int rc;

	if ((rc = store_paradata(s, r->key, &p, cause)) != 0)
		return rc;
	printf("\n%s\n", _("paradata:"));
	/* L10N: a one-line summary of how an interview went. */
	printf(_("  %d events, %d sessions, %.0f s interviewing, %d back, "
	    "%d jumps, %d language switches, %d answers changed\n"),
	    p.events, p.sessions, p.seconds, p.back, p.jumps,
	    p.lang_switches, p.changes);
	if (p.nquestions > 0)
		printf("  %-24s %9s %6s %7s\n", _("question"), _("seconds"),
		    _("visits"), _("changes"));
	for (i = 0; i < p.nquestions; i++)
		printf("  %-24s %9.1f %6d %7d\n", p.questions[i].field,
		    p.questions[i].seconds, p.questions[i].visits,
		    p.questions[i].changes);
	store_paradata_clear(&p);
	return 0;
}

static int
show_run(store *s, const struct auth *who, const char *id, char **cause)
{
	struct store_record r;
	char *xml = NULL;
	size_t len;
	int rc;

	if ((rc = store_record_find(s, id, &r, cause)) != 0)
		return rc;
	if (!auth_may_see(who, r.interviewer)) {
		rc = kesu_fail(cause, KESU_ENOPERM, _("record %s is %s's; an "
		    "interviewer sees only their own records"), r.uuid,
		    r.interviewer);
		goto out;
	}
	if (strcmp(r.status, "draft") != 0 &&
	    (rc = store_record_xml(s, r.key, &xml, &len, cause)) != 0)
		goto out;
	printf("%-12s uuid:%s\n", _("record"), r.uuid);
	printf("%-12s %s\n", _("status"), r.status);
	printf("%-12s %s\n", _("form"), r.form_id);
	printf("%-12s %s\n", _("version"), r.version);
	printf("%-12s %s\n", _("interviewer"), r.interviewer);
	show_time(_("started"), r.started, r.tz);
	if (r.ended > 0) {
		show_time(_("ended"), r.ended, r.tz);
		printf("%-12s %.0f s\n", _("duration"), r.duration);
	}
	if (xml != NULL) {
		printf("\n");
		fwrite(xml, 1, len, stdout);
		if (len > 0 && xml[len - 1] != '\n')
			putchar('\n');
	} else if ((rc = show_draft(s, &r, cause)) != 0)
		goto out;
	if ((rc = show_history(s, &r, cause)) != 0 ||
	    (rc = show_paradata(s, &r, cause)) != 0)
		goto out;
	if (fflush(stdout) != 0)
		rc = kesu_fail(cause, KESU_EIO, _("cannot write the record"));
out:
	free(xml);
	store_record_clear(&r);
	return rc;
}

int
cmd_show(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "pin-stdin", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct auth who = { NULL, STORE_INTERVIEWER };
	const char *as = NULL;
	bool pin_stdin = false;
	store *s = NULL;
	char *path = NULL, *cause = NULL;
	int c, rc;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			as = optarg;
			break;
		case 'p':
			pin_stdin = true;
			break;
		case 'h':
			show_usage(stdout);
			return 0;
		default:
			show_usage(stderr);
			return KESU_EUSAGE;
		}
	}
	if (argc - optind != 1) {
		show_usage(stderr);
		return KESU_EUSAGE;
	}
	path = cmd_db_path(cli);
	if ((rc = store_open(path, 0, &s, &cause)) == 0 &&
	    (rc = auth_reader(s, as, pin_stdin, &who, &cause)) == 0)
		rc = show_run(s, &who, argv[optind], &cause);
	auth_clear(&who);
	store_close(&s);
	free(path);
	if (rc != 0)
		return cmd_error(rc, cause != NULL ? cause :
		    kesu_msg(_("show failed")));
	return 0;
}

/*
 * show.c - `kesu show ID`: one record, for review.
 *
 * ID is a UUID (with or without "uuid:") or any unique prefix of one; an
 * ambiguous prefix exits 64 naming the candidates, an unknown one 66.
 * An interviewer's ID is looked up among their own records only, so
 * another's record is an unknown ID to them.
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
#include "util/text.h"
#include "util/xalloc.h"

static void
show_usage(FILE *f)
{
	fputs(_("usage: kesu show ID [--as USER] [--pin-stdin]\n"
	    "ID is a record's UUID or a unique prefix of it.\n"), f);
}

/* One "label  value" line, the label padded to 12 columns. */
static void
show_field(const char *label, const char *value)
{
	text_pad(stdout, label, 12);
	putchar(' ');
	text_put(stdout, value);
	putchar('\n');
}

static void
show_time(const char *label, double t, int tz)
{
	char buf[40];

	clock_format(t, tz, buf, sizeof buf);
	show_field(label, buf);
}

/* Why a record does not go at the next sync, if it does not: flagged for
 * a person, or waiting out a backoff. */
static int
show_sync(store *s, const struct store_record *r, char **cause)
{
	struct store_sync_state st;
	char when[40], *text;
	int rc;

	if ((rc = store_sync_state_get(s, r->key, &st, cause)) != 0)
		return rc;
	if (st.flagged)
		/* L10N: a record that sync will not send until a supervisor
		 * runs kesu sync --retry; the server's answer follows. */
		text = xasprintf(_("flagged for a person: HTTP %ld: %s "
		    "(kesu sync --retry ID sends it again)"), st.http,
		    st.message);
	else if (st.tries > 0) {
		clock_format(st.next_try, r->tz, when, sizeof when);
		text = xasprintf(_("%d attempt(s) to retry later, the next "
		    "not before %s: HTTP %ld: %s"), st.tries, when, st.http,
		    st.message);
	} else
		text = NULL;
	if (text != NULL)
		show_field(_("sync"), text);
	if (st.flagged && st.http == 413)
		show_field("", _("the server refuses a submission this large; "
		    "a record cannot be split (OpenRosa splits only "
		    "attachments): raise the server's upload limit, then "
		    "retry"));
	free(text);
	store_sync_state_clear(&st);
	return 0;
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
	show_field(_("question"), store_draft_question(d));
	printf("\n%s\n", _("answers:"));
	for (i = 0; i < n; i++) {
		printf("  %s=", v[i].name);
		text_put(stdout, v[i].value);
		putchar('\n');
	}
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
		printf("  %s  ", when);
		text_pad(stdout, a[i].who, 12);
		printf(" %-8s ", a[i].action);
		text_put(stdout, a[i].detail);
		putchar('\n');
	}
	store_audit_free(a, n);
	return 0;
}

/* The one-line summary of how an interview went: each count in its
 * own number (ngettext), the line around them translated whole. */
static void
show_summary(const struct store_paradata *p)
{
	char *c[6];
	int i;

	/* L10N: the counts of kesu show's paradata summary, each put in
	 * the line "  %s, %s, %.0f s interviewing, %s, %s, %s, %s". */
	c[0] = xasprintf(ngettext("%d event", "%d events",
	    (unsigned long)p->events), p->events);
	c[1] = xasprintf(ngettext("%d session", "%d sessions",
	    (unsigned long)p->sessions), p->sessions);
	c[2] = xasprintf(ngettext("%d step back", "%d steps back",
	    (unsigned long)p->back), p->back);
	c[3] = xasprintf(ngettext("%d jump", "%d jumps",
	    (unsigned long)p->jumps), p->jumps);
	c[4] = xasprintf(ngettext("%d language switch",
	    "%d language switches", (unsigned long)p->lang_switches),
	    p->lang_switches);
	c[5] = xasprintf(ngettext("%d answer changed", "%d answers changed",
	    (unsigned long)p->changes), p->changes);
	/* L10N: a one-line summary of how an interview went: events,
	 * sessions, seconds interviewing, steps back, jumps, language
	 * switches, answers changed (the counts as translated above). */
	printf(_("  %s, %s, %.0f s interviewing, %s, %s, %s, %s\n"), c[0],
	    c[1], p->seconds, c[2], c[3], c[4], c[5]);
	for (i = 0; i < 6; i++)
		free(c[i]);
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
	show_summary(&p);
	if (p.nquestions > 0) {
		fputs("  ", stdout);
		text_pad(stdout, _("question"), 24);
		text_rpad(stdout, _("seconds"), 10);
		text_rpad(stdout, _("visits"), 9);
		text_rpad(stdout, _("changes"), 9);
		putchar('\n');
	}
	for (i = 0; i < p.nquestions; i++)
		printf("  %-24s %10.1f %9d %9d\n", p.questions[i].field,
		    p.questions[i].seconds, p.questions[i].visits,
		    p.questions[i].changes);
	store_paradata_clear(&p);
	return 0;
}

static int
show_run(store *s, const struct auth *who, const char *id, char **cause)
{
	struct store_record r;
	char text[80];
	char *xml = NULL;
	size_t len;
	int rc;

	/* An interviewer looks among their own records only: another's
	 * answers as an unknown ID, its full ID and owner unsaid. */
	if ((rc = store_record_find_as(s, id, who->user != NULL &&
	    who->role != STORE_SUPERVISOR ? who->user : NULL, &r,
	    cause)) != 0)
		return rc;
	if (!auth_may_see(who, r.interviewer)) {
		rc = kesu_fail(cause, KESU_ENOINPUT, _("%s: no record '%s'"),
		    store_path(s), id);
		goto out;
	}
	if (strcmp(r.status, "draft") != 0 &&
	    (rc = store_record_xml(s, r.key, &xml, &len, cause)) != 0)
		goto out;
	snprintf(text, sizeof text, "uuid:%s", r.uuid);
	show_field(_("record"), text);
	show_field(_("status"), cmd_status_label(r.status));
	if ((strcmp(r.status, "completed") == 0 ||
	    strcmp(r.status, "approved") == 0) &&
	    (rc = show_sync(s, &r, cause)) != 0)
		goto out;
	show_field(_("form"), r.form_id);
	show_field(_("version"), r.version);
	show_field(_("interviewer"), r.interviewer);
	show_time(_("started"), r.started, r.tz);
	if (r.ended > 0) {
		show_time(_("ended"), r.ended, r.tz);
		/* L10N: an interview's duration in seconds. */
		snprintf(text, sizeof text, _("%.0f s"), r.duration);
		show_field(_("duration"), text);
	}
	if (xml != NULL) {
		/* Inert, as every stored text on a terminal (a text answer
		 * may hold U+202E). */
		printf("\n");
		text_put_lines(stdout, xml);
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
	char *cause = NULL;
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
			cmd_bad_option("show", opts, argv);
			show_usage(stderr);
			return KESU_EUSAGE;
		}
	}
	if (argc - optind != 1) {
		show_usage(stderr);
		return KESU_EUSAGE;
	}
	if ((rc = cmd_open_store(cli, as, pin_stdin, CMD_READER, &s, &who,
	    &cause)) == 0)
		rc = show_run(s, &who, argv[optind], &cause);
	auth_clear(&who);
	store_close(&s);
	if (rc != 0)
		return cmd_error(rc, cause != NULL ? cause :
		    kesu_msg(_("show failed")));
	return 0;
}

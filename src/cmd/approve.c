/*
 * approve.c - `kesu approve ID [--comment TEXT]` and `kesu reject ID
 * --comment TEXT`: a supervisor's verdict on a completed record.
 *
 * Both need a supervisor (--as USER and that user's PIN, from the
 * terminal or with --pin-stdin from the first stdin line); anyone else,
 * or nobody, is refused with 77, and a refusal about a record that
 * exists is also audited on that record, so the supervisor sees it in
 * the record's history.  A change the record's status does not allow
 * (store_record_set_status()) is 65 with the reason; reject without a
 * comment is 64: the interviewer must be told what to fix.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/auth.h"
#include "cmd/cmd.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static void
approve_usage(FILE *f, bool reject)
{
	if (reject)
		fputs(_("usage: kesu reject ID --comment TEXT --as USER "
		    "[--pin-stdin]\n"
		    "A supervisor sends a completed record back to its "
		    "interviewer with a comment.\n"), f);
	else
		fputs(_("usage: kesu approve ID [--comment TEXT] --as USER "
		    "[--pin-stdin]\n"
		    "A supervisor approves a completed record.\n"), f);
}

/* Log a refused verdict on the record id names, when there is one. */
static void
approve_audit_refusal(store *s, const char *as, const char *id,
    const char *action, const char *reason)
{
	struct store_record r;
	char *err = NULL;

	if (store_record_find(s, id, &r, &err) != 0) {
		free(err);
		return;
	}
	if (store_audit(s, as != NULL ? as : "", action, r.key, reason,
	    &err) != 0)
		free(err);
	store_record_clear(&r);
}

static int
approve_run(store *s, const char *id, const char *to, const char *as,
    bool pin_stdin, const char *comment, char **cause)
{
	struct auth who = { NULL, STORE_INTERVIEWER };
	struct store_record r;
	const char *refused = strcmp(to, "approved") == 0 ?
	    "approve-refused" : "reject-refused";
	int rc;

	memset(&r, 0, sizeof r);
	if (as == NULL)
		rc = kesu_fail(cause, KESU_ENOPERM, _("this needs a supervisor: "
		    "say who you are with --as USER"));
	else
		rc = auth_login(s, as, pin_stdin, AUTH_SUPERVISOR, &who,
		    cause);
	if (rc != 0) {
		if (rc == KESU_ENOPERM)
			approve_audit_refusal(s, as, id, refused, *cause);
		return rc;
	}
	if ((rc = store_record_find(s, id, &r, cause)) != 0)
		goto out;
	rc = store_record_set_status(s, r.key, to, who.user, comment, cause);
out:
	store_record_clear(&r);
	auth_clear(&who);
	return rc;
}

static int
approve_main(struct cli *cli, int argc, char **argv, bool reject)
{
	static const struct option opts[] = {
		{ "comment", required_argument, NULL, 'c' },
		{ "as", required_argument, NULL, 'a' },
		{ "pin-stdin", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *as = NULL, *comment = NULL;
	bool pin_stdin = false;
	store *s = NULL;
	char *path = NULL, *cause = NULL;
	int c, rc;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			comment = optarg;
			break;
		case 'a':
			as = optarg;
			break;
		case 'p':
			pin_stdin = true;
			break;
		case 'h':
			approve_usage(stdout, reject);
			return 0;
		default:
			approve_usage(stderr, reject);
			return KESU_EUSAGE;
		}
	}
	if (argc - optind != 1) {
		approve_usage(stderr, reject);
		return KESU_EUSAGE;
	}
	if (reject && (comment == NULL || comment[strspn(comment,
	    " \t\r\n")] == '\0')) {
		fputs(_("kesu: reject: --comment TEXT is required: tell the "
		    "interviewer what to fix\n"), stderr);
		return KESU_EUSAGE;
	}
	path = cmd_db_path(cli);
	if ((rc = store_open(path, STORE_EXISTING, &s, &cause)) == 0)
		rc = approve_run(s, argv[optind], reject ? "rejected" :
		    "approved", as, pin_stdin, comment, &cause);
	store_close(&s);
	free(path);
	if (rc != 0)
		return cmd_error(rc, cause != NULL ? cause :
		    kesu_msg(reject ? _("reject failed") :
		    _("approve failed")));
	return 0;
}

int
cmd_approve(struct cli *cli, int argc, char **argv)
{
	return approve_main(cli, argc, argv, false);
}

int
cmd_reject(struct cli *cli, int argc, char **argv)
{
	return approve_main(cli, argc, argv, true);
}

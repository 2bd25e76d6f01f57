/*
 * sync.c - kesu sync: upload the records that are due to an OpenRosa
 * server (docs/upload.md), and the supervisor's view of what waits.
 *
 *   kesu sync [--server URL] [--dry-run]
 *   kesu sync --status
 *   kesu sync --retry ID|all --as USER [--pin-stdin]     supervisor only
 *
 * Due: completed and approved records (only approved with
 * require_approval = true), not handed over by file (kesu transfer export:
 * the supervisor uploads those), that are neither flagged for a person (409,
 * another 4xx, 413) nor waiting out a backoff (after 5xx, timeouts,
 * resets: 1 min doubling to 6 h with jitter, across runs, see
 * sync/backoff.h).  Each outcome goes to the sync log and the record's
 * sync state; an upload is the status change.  After five retry-later
 * answers in a row the run stops: the rest stay due for the next run.
 * --retry clears a flag (or a backoff) so the record goes at the next sync.
 *
 * Exit codes, for cron: 0 when nothing is left flagged or waiting; 65 when
 * a record is flagged for a person; 75 when records wait for a later run
 * (or nothing answered); 77 refused credentials; 78 configuration (the
 * URL, kesu.conf, TLS verification, ca_file).
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/auth.h"
#include "cmd/cmd.h"
#include "store/store.h"
#include "sync/backoff.h"
#include "sync/config.h"
#include "sync/formpull.h"
#include "sync/lock.h"
#include "sync/openrosa.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* Retry-later answers in a row after which a run stops. */
#define SYNC_STOP_AFTER 5

struct sync_stats {
	size_t uploaded, flagged, retry, untried;
};

enum sync_verdict { SYNC_DONE, SYNC_FLAG, SYNC_LATER, SYNC_AUTH };

static void
sync_usage(FILE *f)
{
	fputs(_("usage: kesu sync [--server URL] [--dry-run]\n"
	    "       kesu sync --status\n"
	    "       kesu sync --retry ID|all --as USER [--pin-stdin]\n"), f);
}

static enum sync_verdict
sync_judge(int done, long code)
{
	if (done)
		return SYNC_DONE;
	if (code == 401 || code == 403)
		return SYNC_AUTH;
	if (code >= 400 && code < 500 && code != 408 && code != 429)
		return SYNC_FLAG;
	return SYNC_LATER;
}

/* An outcome not yet written: outcomes are written in batches, one
 * transaction each, between requests (never holding the database during
 * a request).  A run killed before a batch is written resends those
 * records next time, and the server answers an identical resend as an
 * upload, so nothing is lost or doubled. */
struct sync_pend {
	int64_t key;
	char uuid[40];       /* the instance sent (bare UUID) */
	long code;
	char *msg;
	enum sync_verdict v;
	int tries;           /* SYNC_LATER: this try's number */
	double next_try;
};

/* Write outcomes at most this many, or this many seconds apart. */
#define SYNC_BATCH 64
#define SYNC_BATCH_SECONDS 0.5

/* The bare UUID of the instanceID in xml (what the server files it
 * under), or "". */
static void
sync_instance_uuid(const char *xml, char *out, size_t len)
{
	const char *p = strstr(xml, "<instanceID>uuid:"), *q;

	out[0] = '\0';
	if (p == NULL)
		return;
	p += strlen("<instanceID>uuid:");
	if ((q = strchr(p, '<')) != NULL && (size_t)(q - p) < len)
		snprintf(out, len, "%.*s", (int)(q - p), p);
}

static int
sync_post(store *s, openrosa *c, int64_t key, double now,
    struct sync_pend *p, char **cause)
{
	struct store_sync_state old;
	char *xml = NULL;
	size_t len;
	int done = 0, rc;

	memset(p, 0, sizeof *p);
	p->key = key;
	if ((rc = store_record_xml(s, key, &xml, &len, cause)) != 0)
		return rc;
	sync_instance_uuid(xml, p->uuid, sizeof p->uuid);
	rc = openrosa_post(c, xml, len, &p->code, &done, &p->msg);
	free(xml);
	if (rc != 0)
		return rc;
	p->v = sync_judge(done, p->code);
	if (p->v == SYNC_LATER) {
		if ((rc = store_sync_state_get(s, key, &old, cause)) != 0)
			return rc;
		p->tries = old.tries + 1;
		p->next_try = now + sync_backoff_delay(p->tries,
		    sync_backoff_draw());
		store_sync_state_clear(&old);
	}
	return 0;
}

static int
sync_write(store *s, const struct sync_pend *p, struct sync_stats *st,
    char **cause)
{
	int rc = 0;

	switch (p->v) {
	case SYNC_DONE:
		/* On the server whatever happened to the record meanwhile
		 * (rejected while in flight): never a reason to stop. */
		if ((rc = store_sync_uploaded(s, p->key, p->uuid, p->code,
		    p->msg, NULL, cause)) == 0)
			st->uploaded++;
		break;
	case SYNC_AUTH:
		rc = store_sync_log(s, p->key, p->code, p->msg, cause);
		break;
	case SYNC_FLAG:
		if ((rc = store_sync_outcome(s, p->key, p->code, p->msg, true,
		    0, 0, cause)) == 0)
			st->flagged++;
		break;
	case SYNC_LATER:
		if ((rc = store_sync_outcome(s, p->key, p->code, p->msg, false,
		    p->tries, p->next_try, cause)) == 0)
			st->retry++;
		break;
	}
	return rc;
}

/* Write the pending outcomes in one transaction and forget them. */
static int
sync_flush(store *s, struct sync_pend *p, size_t *n, struct sync_stats *st,
    char **cause)
{
	size_t i;
	int rc, rc2;

	if (*n == 0)
		return 0;
	if ((rc = store_batch_begin(s, cause)) == 0) {
		for (i = 0; i < *n && rc == 0; i++)
			rc = sync_write(s, &p[i], st, cause);
		rc2 = store_batch_end(s, rc == 0, rc == 0 ? cause : NULL);
		if (rc == 0)
			rc = rc2;
	}
	for (i = 0; i < *n; i++)
		free(p[i].msg);
	*n = 0;
	return rc;
}

static void
sync_time(char *out, size_t len, double t, int tz)
{
	clock_format(t, tz, out, len);
	if (strlen(out) > 19)
		out[19] = '\0';           /* YYYY-MM-DDTHH:MM:SS */
	if (len > 10)
		out[10] = ' ';
}

/* The line about records that were not considered: waiting, flagged. */
static void
sync_waiting_line(const struct store_sync_due *d, int tz)
{
	char when[40];

	if (d->waiting > 0) {
		sync_time(when, sizeof when, d->next_try, tz);
		/* L10N: %s is a date and time, YYYY-MM-DD HH:MM:SS. */
		printf(ngettext("%zu record waiting to retry, at %s\n",
		    "%zu records waiting to retry, the first at %s\n",
		    d->waiting), d->waiting, when);
	}
	if (d->flagged > 0)
		printf(ngettext("%zu record flagged for a person (kesu show "
		    "ID; kesu sync --retry ID)\n", "%zu records flagged for a "
		    "person (kesu show ID; kesu sync --retry ID)\n",
		    d->flagged), d->flagged);
}

static int
sync_dry(store *s, const struct store_sync_due *d, int tz, char **cause)
{
	char *xml = NULL;
	size_t i, len;
	int rc;

	for (i = 0; i < d->n; i++) {
		if ((rc = store_record_xml(s, d->keys[i], &xml, &len,
		    cause)) != 0)
			return rc;
		free(xml);
		printf(_("would upload record %lld (%zu bytes)\n"),
		    (long long)d->keys[i], len);
	}
	printf(ngettext("%zu record due\n", "%zu records due\n", d->n),
	    d->n);
	if (d->handed > 0)
		/* L10N: records given to the supervisor on a USB stick
		 * (kesu transfer export); this laptop does not upload them. */
		printf(ngettext("%zu record handed over by file: the "
		    "supervisor uploads it\n", "%zu records handed over by "
		    "file: the supervisor uploads them\n", d->handed),
		    d->handed);
	sync_waiting_line(d, tz);
	return 0;
}

/* The run's summary line, then what waits now (d: after the run). */
static void
sync_summary(const struct sync_stats *st, const struct store_sync_due *d,
    int tz)
{
	char when[40];

	if (st->untried > 0)
		printf(_("sync: %zu uploaded, %zu flagged for a person, %zu to "
		    "retry, %zu not tried (the server stopped answering)\n"),
		    st->uploaded, st->flagged, st->retry, st->untried);
	else
		printf(_("sync: %zu uploaded, %zu flagged for a person, %zu to "
		    "retry\n"), st->uploaded, st->flagged, st->retry);
	if (d->waiting > 0) {
		sync_time(when, sizeof when, d->next_try, tz);
		printf(ngettext("%zu record waiting to retry, at %s\n",
		    "%zu records waiting to retry, the first at %s\n",
		    d->waiting), d->waiting, when);
	}
}

/*
 * The exit code of a run that left d: 65 (a person must act) while a
 * record is flagged, 75 while records wait for a later run, else 0, so
 * that a cron job's 0 means everything due is on the server.
 */
static int
sync_exit(const struct store_sync_due *d, char **cause)
{
	if (d->flagged > 0)
		/* L10N: the one line on stderr of a sync that left records
		 * flagged; exit 65. */
		return kesu_fail(cause, KESU_EDATA, ngettext("sync: %zu "
		    "record flagged for a person (kesu show ID; kesu sync "
		    "--retry ID)", "sync: %zu records flagged for a person "
		    "(kesu show ID; kesu sync --retry ID)", d->flagged),
		    d->flagged);
	if (d->waiting > 0)
		return KESU_ETEMPFAIL;
	return 0;
}

static int
sync_upload(store *s, const struct openrosa_opts *o, bool approved_only,
    const struct store_sync_due *d, double now, int tz, char **cause)
{
	struct store_sync_due after;
	struct sync_stats st = { 0 };
	enum sync_verdict v = SYNC_DONE;
	struct sync_pend *pend = NULL;
	openrosa *c = NULL;
	size_t i, row = 0, np = 0;
	double flushed;
	int rc;

	if ((rc = openrosa_open(o, &c, cause)) != 0)
		return rc;
	if (d->n == 0) {
		/* Nothing due: quiet, unless something waits. */
		if (d->waiting > 0 || d->flagged > 0) {
			/* L10N: a sync run that had nothing to send. */
			printf(_("sync: nothing due\n"));
			sync_waiting_line(d, tz);
		}
		rc = sync_exit(d, cause);
		goto out;
	}
	if ((rc = openrosa_head(c, cause)) != 0)
		goto out;
	pend = xcalloc(SYNC_BATCH, sizeof *pend);
	flushed = clock_mono();
	for (i = 0; i < d->n; i++) {
		if ((rc = sync_post(s, c, d->keys[i], now, &pend[np],
		    cause)) != 0)
			goto out;
		v = pend[np++].v;
		if (v == SYNC_AUTH || np == SYNC_BATCH ||
		    clock_mono() - flushed >= SYNC_BATCH_SECONDS) {
			if ((rc = sync_flush(s, pend, &np, &st, cause)) != 0)
				goto out;
			flushed = clock_mono();
		}
		if (v == SYNC_AUTH) {
			rc = kesu_fail(cause, KESU_ENOPERM, _("the server "
			    "refused the credentials (HTTP 401/403)"));
			goto out;
		}
		row = v == SYNC_LATER ? row + 1 : 0;
		if (isatty(STDOUT_FILENO)) {
			printf("\r[%zu/%zu]", i + 1, d->n);
			fflush(stdout);
		}
		if (row >= SYNC_STOP_AFTER) {
			st.untried = d->n - i - 1;
			break;
		}
	}
	if ((rc = sync_flush(s, pend, &np, &st, cause)) != 0)
		goto out;
	if (isatty(STDOUT_FILENO))
		putchar('\n');
	if ((rc = store_sync_due(s, approved_only, now, &after, cause)) != 0)
		goto out;
	sync_summary(&st, &after, tz);
	rc = sync_exit(&after, cause);
	free(after.keys);
	if (rc == 0 && (st.retry > 0 || st.untried > 0))
		rc = KESU_ETEMPFAIL;
out:
	if (pend != NULL) {
		/* Keep what was answered even when the run fails. */
		char *ignored = NULL;
		if (sync_flush(s, pend, &np, &st, &ignored) != 0)
			free(ignored);
	}
	free(pend);
	openrosa_close(&c);
	return rc;
}

/*
 * After the uploads, the forms in (sync/formpull.h): new versions are
 * said on stdout, refusals on stderr.  Whatever fails here leaves the
 * upload's exit status alone: offline, or a server that offers no form
 * list (HTTP 404), is quiet.
 */
static void
sync_forms(store *s, const struct openrosa_opts *o)
{
	struct formpull_result res;
	openrosa *c = NULL;
	char *cause = NULL;
	int rc;

	if ((rc = openrosa_open(o, &c, &cause)) == 0)
		rc = formpull_run(c, s, stdout, stderr, &res, &cause);
	openrosa_close(&c);
	if (rc != 0 && rc != KESU_ETEMPFAIL && cause != NULL &&
	    strstr(cause, "HTTP 404") == NULL)
		cmd_eprintf(_("kesu: sync: forms not pulled: %s\n"), cause);
	free(cause);
}

static int
sync_run(const struct cli *cli, const char *server, bool dry, char **cause)
{
	struct sync_config cfg;
	struct openrosa_opts o;
	struct store_sync_due d;
	store *s = NULL;
	char *path = cmd_db_path(cli);
	double now;
	int fd = -1, tz, rc;

	memset(&d, 0, sizeof d);
	memset(&cfg, 0, sizeof cfg);
	if ((rc = clock_now(&now, &tz, cause)) != 0)
		goto out;
	if ((rc = sync_config_load(&cfg, cause)) != 0)
		goto out;
	o.url = server ? server : cfg.server;
	o.user = cfg.user;
	o.password = cfg.password;
	o.ca_file = cfg.ca_file;
	if (!o.url || !*o.url) {
		rc = kesu_fail(cause, KESU_ECONFIG,
		    _("no server: give --server URL or server = in kesu.conf"));
		goto out;
	}
	if ((rc = store_open(path, STORE_EXISTING, &s, cause)) != 0)
		goto out;
	if ((rc = sync_lock(path, &fd, cause)) != 0)
		goto out;
	if ((rc = store_sync_due(s, cfg.require_approval, now, &d,
	    cause)) != 0)
		goto out;
	if (dry)
		rc = sync_dry(s, &d, tz, cause);
	else
		rc = sync_upload(s, &o, cfg.require_approval, &d, now, tz,
		    cause);
	if (!dry && rc == 0)
		sync_forms(s, &o);
out:
	sync_unlock(&fd);
	store_close(&s);
	sync_config_clear(&cfg);
	free(d.keys);
	free(path);
	if (rc == KESU_ETEMPFAIL && cause && !*cause)
		*cause = kesu_msg(_("sync: some records must be retried later"));
	return rc;
}

/* kesu sync --status: what waits for upload and the last sync result. */
static int
sync_status(const struct cli *cli, char **cause)
{
	struct sync_config cfg;
	struct store_sync_pending p;
	store *s = NULL;
	char *path = cmd_db_path(cli);
	char when[40];
	double now;
	int tz, rc;

	memset(&p, 0, sizeof p);
	memset(&cfg, 0, sizeof cfg);
	if ((rc = clock_now(&now, &tz, cause)) != 0 ||
	    (rc = sync_config_load(&cfg, cause)) != 0 ||
	    (rc = store_open(path, STORE_EXISTING, &s, cause)) != 0 ||
	    (rc = store_sync_pending(s, cfg.require_approval, now, &p,
	    cause)) != 0)
		goto out;
	printf(_("waiting for upload: %zu (%zu due now, %zu waiting to retry, "
	    "%zu flagged for a person); %zu uploaded\n"),
	    p.due + p.waiting + p.flagged, p.due, p.waiting, p.flagged,
	    p.uploaded);
	if (p.waiting > 0) {
		sync_time(when, sizeof when, p.next_try, tz);
		printf(_("next retry: %s\n"), when);
	}
	if (p.handed > 0)
		/* L10N: finished records given to the supervisor on a USB
		 * stick, which the supervisor uploads. */
		printf(_("handed over by file: %zu\n"), p.handed);
	if (p.has_last) {
		sync_time(when, sizeof when, p.last_at, p.last_tz);
		/* L10N: the last sync log row: time, record, HTTP code and
		 * the server's message; HTTP 0 is a failed transfer. */
		printf(_("last sync: %s record %.8s HTTP %ld: "), when,
		    p.last_uuid, p.last_http);
		text_put(stdout, p.last_message);
		putchar('\n');
	} else
		printf(_("last sync: never\n"));
out:
	store_sync_pending_clear(&p);
	store_close(&s);
	sync_config_clear(&cfg);
	free(path);
	return rc;
}

/* Clear the flag or backoff of one record (id) or of all (id "all"). */
static int
sync_retry(const struct cli *cli, const char *id, const char *as,
    bool pin_stdin, char **cause)
{
	struct auth who = { NULL, STORE_INTERVIEWER };
	struct store_record r;
	store *s = NULL;
	size_t cleared = 0;
	int rc;

	memset(&r, 0, sizeof r);
	if ((rc = cmd_open_store(cli, as, pin_stdin, CMD_SUPERVISOR, &s, &who,
	    cause)) != 0)
		goto out;
	if (strcmp(id, "all") != 0) {
		if ((rc = store_record_find(s, id, &r, cause)) != 0 ||
		    (rc = store_sync_unflag(s, r.key, who.user, cause)) != 0)
			goto out;
		printf(_("record %s goes at the next sync\n"), r.uuid);
		goto out;
	}
	if ((rc = store_sync_unflag_all(s, who.user, &cleared, cause)) != 0)
		goto out;
	printf(ngettext("%zu record goes at the next sync\n",
	    "%zu records go at the next sync\n", cleared), cleared);
out:
	store_record_clear(&r);
	auth_clear(&who);
	store_close(&s);
	return rc;
}

int
cmd_sync(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "server", required_argument, NULL, 's' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "status", no_argument, NULL, 'S' },
		{ "retry", required_argument, NULL, 'r' },
		{ "as", required_argument, NULL, 'a' },
		{ "pin-stdin", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *server = NULL, *retry = NULL, *as = NULL;
	bool dry = false, status = false, pin_stdin = false;
	char *cause = NULL;
	int c, rc;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			server = optarg;
			break;
		case 'n':
			dry = true;
			break;
		case 'S':
			status = true;
			break;
		case 'r':
			retry = optarg;
			break;
		case 'a':
			as = optarg;
			break;
		case 'p':
			pin_stdin = true;
			break;
		case 'h':
			sync_usage(stdout);
			return 0;
		default:
			cmd_bad_option("sync", opts, argv);
			sync_usage(stderr);
			return KESU_EUSAGE;
		}
	}
	if (optind != argc || (status && retry) ||
	    ((status || retry) && (dry || server))) {
		sync_usage(stderr);
		return KESU_EUSAGE;
	}
	if (status)
		rc = sync_status(cli, &cause);
	else if (retry)
		rc = sync_retry(cli, retry, as, pin_stdin, &cause);
	else
		rc = sync_run(cli, server, dry, &cause);
	if (rc != 0)
		return cmd_error(rc, cause != NULL ? cause :
		    kesu_msg(_("sync failed")));
	return 0;
}

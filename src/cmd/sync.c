/*
 * sync.c - kesu sync [--server URL] [--dry-run]: upload the records that
 * are due to an OpenRosa server (DESIGN.md, "Upload").
 *
 * Due: completed and approved records (only approved with
 * require_approval = true) that no earlier attempt flagged for a person.
 * Each record's outcome goes to the sync log (time, record, HTTP code,
 * server message); a flag for a person and a retry are also audited
 * ("sync-flagged", "sync-retry"), an upload is the status change.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "store/store.h"
#include "sync/config.h"
#include "sync/lock.h"
#include "sync/openrosa.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct sync_stats {
	size_t uploaded, flagged, retry, skipped;
};

static void
sync_usage(FILE *f)
{
	fputs(_("usage: kesu sync [--server URL] [--dry-run]\n"), f);
}

/* Was record key flagged for a person by an earlier sync? */
static int
sync_flagged(store *s, int64_t key, bool *flagged, char **cause)
{
	struct store_audit_row *rows = NULL;
	size_t n = 0, i;
	int rc;

	*flagged = false;
	if ((rc = store_audit_list(s, key, &rows, &n, cause)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if (strcmp(rows[i].action, "sync-flagged") == 0)
			*flagged = true;
	store_audit_free(rows, n);
	return 0;
}

/* The keys of the due records, oldest first. */
static int
sync_due(store *s, bool approved_only, int64_t **keys, size_t *n,
    char **cause)
{
	static const char *const st[] = { "completed", "approved" };
	struct store_record r;
	const char *const *v;
	store_list *l = NULL;
	size_t i, cap = 0;
	bool end, fl;
	int rc = 0;

	memset(&r, 0, sizeof r);
	*keys = NULL;
	*n = 0;
	for (i = approved_only ? 1 : 0; i < 2 && rc == 0; i++) {
		if ((rc = store_list_open(s, st[i], &l, cause)) != 0)
			break;
		for (;;) {
			if ((rc = store_list_next(l, &r, &v, &end, cause)) != 0
			    || end)
				break;
			if (*n == cap) {
				cap = cap ? cap * 2 : 64;
				*keys = xreallocarray(*keys, cap, sizeof **keys);
			}
			(*keys)[(*n)++] = r.key;
		}
		store_list_close(&l);
	}
	store_record_clear(&r);
	for (i = 0; rc == 0 && i < *n;) {
		if ((rc = sync_flagged(s, (*keys)[i], &fl, cause)) != 0)
			break;
		if (fl)
			(*keys)[i] = (*keys)[--*n];
		else
			i++;
	}
	return rc;
}

/* Capped exponential backoff with full jitter: up to base * 2^try ms,
 * never more than 8 s. */
static void
sync_backoff(int attempt)
{
	long base = 250, cap = 8000, ms;
	const char *e = getenv("KESU_SYNC_BACKOFF_MS");

	if (e)
		base = strtol(e, NULL, 10);
	ms = base << (attempt > 10 ? 10 : attempt);
	if (ms > cap)
		ms = cap;
	ms = ms > 0 ? rand() % (ms + 1) : 0;
	usleep((useconds_t)ms * 1000);
}

static int
sync_one(store *s, openrosa *c, int64_t key, struct sync_stats *st,
    char **cause)
{
	char *xml = NULL, *msg = NULL, *detail = NULL;
	size_t len;
	long code = 0;
	int done = 0, rc, attempt;

	if ((rc = store_record_xml(s, key, &xml, &len, cause)) != 0)
		return rc;
	for (attempt = 0;; attempt++) {
		free(msg);
		msg = NULL;
		if ((rc = openrosa_post(c, xml, len, &code, &done, &msg)) != 0)
			goto out;
		if (done || (code >= 400 && code < 500 && code != 408 &&
		    code != 429) || attempt >= 2)
			break;
		sync_backoff(attempt);
	}
	detail = xasprintf("HTTP %ld: %s", code, msg);
	if ((rc = store_sync_log(s, key, code, msg, cause)) != 0)
		goto out;
	if (done) {
		if ((rc = store_record_set_status(s, key, "uploaded", "sync",
		    detail, cause)) == 0)
			st->uploaded++;
	} else if (code >= 400 && code < 500 && code != 408 && code != 429 &&
	    code != 413) {
		rc = store_audit(s, "sync", "sync-flagged", key, detail, cause);
		st->flagged++;
	} else {
		rc = store_audit(s, "sync", "sync-retry", key, detail, cause);
		st->retry++;
	}
out:
	free(detail);
	free(msg);
	free(xml);
	return rc;
}

static int
sync_run(const struct cli *cli, const char *server, bool dry, char **cause)
{
	struct sync_config cfg;
	struct openrosa_opts o;
	struct sync_stats st = { 0 };
	openrosa *c = NULL;
	store *s = NULL;
	int64_t *keys = NULL;
	size_t n = 0, i;
	char *path = cmd_db_path(cli);
	int fd = -1, rc;

	srand((unsigned)time(NULL) ^ (unsigned)getpid());
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
	if ((rc = sync_due(s, cfg.require_approval, &keys, &n, cause)) != 0)
		goto out;
	if (dry) {
		for (i = 0; i < n; i++) {
			char *xml = NULL;
			size_t len;
			if ((rc = store_record_xml(s, keys[i], &xml, &len,
			    cause)) != 0)
				goto out;
			free(xml);
			printf(_("would upload record %lld (%zu bytes)\n"),
			    (long long)keys[i], len);
		}
		printf(_("%zu record(s) due\n"), n);
		goto out;
	}
	if ((rc = openrosa_open(&o, &c, cause)) != 0)
		goto out;
	if (n == 0)
		goto out;
	if ((rc = openrosa_head(c, cause)) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		if ((rc = sync_one(s, c, keys[i], &st, cause)) != 0)
			goto out;
		if (isatty(STDOUT_FILENO)) {
			printf("\r[%zu/%zu]", i + 1, n);
			fflush(stdout);
		}
	}
	if (isatty(STDOUT_FILENO))
		putchar('\n');
	printf(_("sync: %zu uploaded, %zu flagged for a person, %zu to retry\n"),
	    st.uploaded, st.flagged, st.retry);
	if (st.retry > 0)
		rc = KESU_ETEMPFAIL;
out:
	openrosa_close(&c);
	sync_unlock(&fd);
	store_close(&s);
	sync_config_clear(&cfg);
	free(keys);
	free(path);
	if (rc == KESU_ETEMPFAIL && cause && !*cause)
		*cause = kesu_msg(_("sync: some records must be retried later"));
	return rc;
}

int
cmd_sync(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "server", required_argument, NULL, 's' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *server = NULL;
	bool dry = false;
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
		case 'h':
			sync_usage(stdout);
			return 0;
		default:
			cmd_bad_option("sync", opts, argv);
			sync_usage(stderr);
			return KESU_EUSAGE;
		}
	}
	if (optind != argc) {
		sync_usage(stderr);
		return KESU_EUSAGE;
	}
	rc = sync_run(cli, server, dry, &cause);
	if (rc != 0)
		return cmd_error(rc, cause != NULL ? cause :
		    kesu_msg(_("sync failed")));
	return 0;
}

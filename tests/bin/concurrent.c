/*
 * concurrent - an interviewer and a sync on one database at once: no
 * "database is locked" may reach either.
 *
 *	concurrent DB FORM INTERVIEWS
 *
 * The writer process runs INTERVIEWS interviews of FORM through the store
 * (one durable commit per answer, a millisecond apart - ten times faster
 * than a person types - then finalize).  The other process, as sync will,
 * keeps listing records, reading their XML, marking completed ones
 * uploaded and logging each attempt in the audit table, until the writer
 * is done, and then once more.  Both stop at the first error.  Prints
 * one line with what each did; exits 1 if either met an error or a
 * record was not uploaded.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/store.h"
#include "util/uuid.h"

static int
fail(const char *who, char *cause)
{
	fprintf(stderr, "concurrent: %s: %s\n", who, cause);
	free(cause);
	return 1;
}

static int
writer(const char *db, const form *f, const char *path, int n, int out)
{
	struct store_value sum = { "score_total", "80" };
	store *s = NULL;
	store_draft *d = NULL;
	char *cause = NULL, id[37], iid[42];
	int64_t key;
	long answers = 0;
	int i, k;

	if (store_open(db, 0, &s, &cause) != 0 ||
	    store_form_add(s, f, path, &key, &cause) != 0)
		return fail("writer", cause);
	for (i = 0; i < n; i++) {
		uuid_v4(id);
		snprintf(iid, sizeof iid, "uuid:%s", id);
		if (store_draft_new(s, key, iid, "wang", 1795831200.0 + i,
		    28800, &d, &cause) != 0)
			return fail("writer", cause);
		for (k = 0; k < form_nfields(f); k++) {
			const struct form_field *fl = form_field(f, k);
			struct store_value v = { fl->name, "1" };

			if (fl->type == FORM_GROUP || fl->type == FORM_NOTE)
				continue;
			store_draft_event(d, STORE_EV_SHOW, fl->name, NULL);
			if (store_draft_confirm(d, &v, 1, fl->name, "en",
			    &cause) != 0)
				return fail("writer", cause);
			answers++;
			usleep(1000);
		}
		if (store_draft_finalize(d, "<data><a>1</a></data>", &sum, 1,
		    1795832000.0 + i, NULL, &cause) != 0)
			return fail("writer", cause);
		store_draft_free(&d);
	}
	store_close(&s);
	dprintf(out, "%ld\n", answers);
	return 0;
}

static volatile sig_atomic_t done;

static void
on_term(int sig)
{
	(void)sig;
	done = 1;
}

static int
syncer(const char *db, int n, int out)
{
	struct store_record r;
	store *s = NULL;
	store_list *l = NULL;
	const char *const *v;
	char *cause = NULL, *xml;
	long lists = 0, uploads = 0;
	size_t len;
	bool end;

	memset(&r, 0, sizeof r);
	signal(SIGTERM, on_term);
	while (store_open(db, 0, &s, &cause) != 0) {
		/* The writer creates the file; wait for it to exist. */
		if (strstr(cause, "no such") == NULL &&
		    strstr(cause, "not a kesu") == NULL)
			return fail("sync", cause);
		free(cause);
		cause = NULL;
		usleep(1000);
	}
	for (;;) {
		bool last = done;

		if (store_list_open(s, "completed", &l, &cause) != 0)
			return fail("sync", cause);
		for (;;) {
			if (store_list_next(l, &r, &v, &end, &cause) != 0)
				return fail("sync", cause);
			if (end)
				break;
			if (store_record_xml(s, r.key, &xml, &len, &cause) != 0)
				return fail("sync", cause);
			free(xml);
			if (store_audit(s, "sync", "sync", r.key, "HTTP 201",
			    &cause) != 0 ||
			    store_record_set_status(s, r.key, "uploaded", "sync",
			    NULL, &cause) != 0)
				return fail("sync", cause);
			uploads++;
		}
		store_list_close(&l);
		lists++;
		if (last)
			break;
	}
	store_record_clear(&r);
	store_close(&s);
	dprintf(out, "%ld %ld\n", lists, uploads);
	return uploads != n;
}

int
main(int argc, char **argv)
{
	int fds[2], ws, ss, n;
	pid_t w, y;
	form *f = NULL;
	char *cause = NULL, buf[128];
	ssize_t got;

	if (argc != 4) {
		fprintf(stderr, "usage: concurrent DB FORM INTERVIEWS\n");
		return 64;
	}
	if (form_load(argv[2], &f, &cause) != 0)
		return fail(argv[2], cause);
	if (pipe(fds) != 0)
		return 1;
	n = (int)strtol(argv[3], NULL, 10);
	if ((y = fork()) == 0)
		_exit(syncer(argv[1], n, fds[1]));
	if ((w = fork()) == 0)
		_exit(writer(argv[1], f, argv[2], n, fds[1]));
	close(fds[1]);
	waitpid(w, &ws, 0);
	kill(y, SIGTERM);
	waitpid(y, &ss, 0);
	got = read(fds[0], buf, sizeof buf - 1);
	buf[got > 0 ? got : 0] = '\0';
	for (char *p = buf; (p = strchr(p, '\n')) != NULL; )
		*p = ' ';
	printf("concurrent: %d interviews; writer answers, sync lists and "
	    "uploads: %s\n", n, buf);
	form_free(&f);
	return !(WIFEXITED(ws) && WEXITSTATUS(ws) == 0 && WIFEXITED(ss) &&
	    WEXITSTATUS(ss) == 0);
}

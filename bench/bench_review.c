/*
 * bench_review - the review list over 100,000 records (make bench;
 * bench/run passes a scratch folder):
 *
 * 1. open: the median duration, the count and the first screen of 20
 *    rows with their flags (each record inflated, parsed and scanned),
 *    as the review screen does on start;
 * 2. the next page (20 rows with flags, keyset paging after the row
 *    the screen holds) at the start and the middle of the list and the
 *    last page, sorted by start time, and the next page sorted by
 *    duration descending under a status filter;
 * each beside the physical limit measured in the same run on the same
 * file: a bare SQLite SELECT of the same page (the record columns only,
 * no flags).  Goal: < 100 ms per page;
 * 3. the commands `kesu review --list --format csv` and `kesu review
 *    --summary --format csv` (wall time of the whole process, login
 *    included), beside the sqlite3 command reading the same rows and
 *    columns as CSV, and beside `kesu user list` (the same process start
 *    and PIN check with next to no data).
 * The first open after the build computes the quality figures of every
 * record (the one-time backfill an upgrade does; here all of them are
 * new); it is printed on its own.  $KESU is the binary (default
 * build/kesu).
 *
 *	bench_review DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <string.h>

#include <sqlite3.h>

#include "engine/engine.h"
#include "review/review.h"
#include "store/review.h"
#include "store/session.h"
#include "util/clock.h"
#include "util/uuid.h"

#define FORM "forms/science-literacy.csv"
#define ANSWERS "forms/examples/all-correct.txt"
#define RECORDS 100000
#define BY_API 1000     /* made through the store; the rest are copies */
#define PAGE 20
#define REPS 15

static void
die(const char *what, char *cause)
{
	fprintf(stderr, "bench_review: %s: %s\n", what,
	    cause != NULL ? cause : "failed");
	exit(1);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return v[n / 2];
}

/* RECORDS finished interviews of the bundled form, then spread over
 * ten interviewers, 100,000 minutes and durations of 10-40 minutes. */
static void
build(const char *path)
{
	struct engine_opts o = { NULL, "bench", "bench", 0, 0, -1 };
	engine *e = NULL, *ei = NULL;
	store *s = NULL;
	form *f = NULL;
	sqlite3 *db = NULL;
	char *cause = NULL, *xml = NULL, line[512], *eq;
	int64_t key;
	FILE *fp;
	int i;

	if (form_load(FORM, &f, &cause) != 0 ||
	    store_open(path, 0, &s, &cause) != 0 ||
	    store_form_add(s, f, FORM, &key, &cause) != 0 ||
	    clock_now(&o.now, &o.tz_offset, &cause) != 0 ||
	    engine_new(f, &o, &e, &cause) != 0)
		die("set-up", cause);
	if ((fp = fopen(ANSWERS, "r")) == NULL)
		die(ANSWERS, NULL);
	while (fgets(line, sizeof line, fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if ((eq = strchr(line, '=')) == NULL || line[0] == '#')
			continue;
		*eq++ = '\0';
		if (engine_set(e, form_find(f, line), eq, &cause) != 0)
			die(line, cause);
	}
	fclose(fp);
	if (engine_finalize(e, &xml, &cause) != 0 ||
	    store_batch_begin(s, &cause) != 0)
		die("finalize", cause);
	for (i = 0; i < BY_API; i++) {
		struct engine_opts oi = o;
		char id[37], iid[42];
		int k;

		uuid_v4(id);
		snprintf(iid, sizeof iid, "uuid:%s", id);
		oi.instance_id = iid;
		if (engine_new(f, &oi, &ei, &cause) != 0)
			die("engine", cause);
		for (k = 0; k < form_nfields(f); k++)
			if (engine_answered(e, k))
				engine_restore(ei, k, engine_value(e, k));
		if (store_session_keep(s, key, ei, xml, "bench", &cause) != 0)
			die("keep", cause);
		engine_free(&ei);
	}
	if (store_batch_end(s, true, &cause) != 0)
		die("batch", cause);
	store_close(&s);
	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, "BEGIN;"
	    "WITH RECURSIVE c(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM c"
	    " WHERE k < 99)"
	    " INSERT INTO records (id, uuid, form, status, interviewer,"
	    " started, tz, ended, duration, question, lang, xml, xml_len,"
	    " xml_crc, summary, updated, sessions)"
	    " SELECT id + k * 1000, lower(printf('%s-%s-4%s-8%s-%s',"
	    " hex(randomblob(4)), hex(randomblob(2)),"
	    " substr(hex(randomblob(2)), 2), substr(hex(randomblob(2)), 2),"
	    " hex(randomblob(6)))), form, status, interviewer, started, tz,"
	    " ended, duration, question, lang, xml, xml_len, xml_crc,"
	    " summary, updated, sessions FROM records, c;"
	    "WITH RECURSIVE c(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM c"
	    " WHERE k < 99)"
	    " INSERT INTO record_fields (record, name, value)"
	    " SELECT record + k * 1000, name, value FROM record_fields, c;"
	    "UPDATE records SET started = started + id * 60,"
	    " interviewer = 'int' || (id % 10),"
	    " duration = 600 + (id * 37) % 1800,"
	    " status = CASE WHEN id % 7 = 0 THEN 'approved' ELSE status END;"
	    "COMMIT;",
	    NULL, NULL, NULL) != SQLITE_OK)
		die("spread", strdup(sqlite3_errmsg(db)));
	sqlite3_close(db);
	engine_free(&e);
	form_free(&f);
	free(xml);
}

/* Wall seconds of the shell command cmd (its output thrown away). */
static double
run_cmd(const char *cmd)
{
	double t0 = clock_mono();
	int st = system(cmd);

	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "bench_review: %s: exit %d\n", cmd, st);
		exit(1);
	}
	return clock_mono() - t0;
}

#define CMD_REPS 3

/* Median of CMD_REPS runs of cmd. */
static double
time_cmd(const char *cmd)
{
	double t[CMD_REPS];
	int r;

	for (r = 0; r < CMD_REPS; r++)
		t[r] = run_cmd(cmd);
	return median(t, CMD_REPS);
}

/* The same rows and columns as `kesu review --list --format csv`, and
 * the columns the summary reads, for sqlite3 -csv. */
#define BARE_LIST "SELECT r.uuid, r.interviewer, r.started, r.duration," \
	" r.status, (SELECT value FROM record_fields x WHERE x.record = r.id" \
	" AND x.name = 'street'), r.summary FROM records r" \
	" WHERE r.status != 'draft' ORDER BY r.started, r.id"
#define BARE_SUMMARY "SELECT r.interviewer, r.status, r.duration," \
	" r.started, r.tz FROM records r"

static void
bench_commands(const char *path)
{
	const char *kesu = getenv("KESU") != NULL ? getenv("KESU") :
	    "build/kesu";
	char *cause = NULL;
	store *s = NULL;
	double list, sum, bare_l, bare_s, login;

	if (store_open(path, 0, &s, &cause) != 0 ||
	    store_user_add(s, "bench", STORE_SUPERVISOR, "1111", NULL,
	    &cause) != 0)
		die("user", cause);
	store_close(&s);
	char cmd[8192];

	snprintf(cmd, sizeof cmd, "printf '1111\\n' | %s --db '%s' review "
	    "--as bench --pin-stdin --list --format csv >/dev/null", kesu, path);
	list = time_cmd(cmd);
	snprintf(cmd, sizeof cmd, "printf '1111\\n' | %s --db '%s' review "
	    "--as bench --pin-stdin --summary --format csv >/dev/null", kesu,
	    path);
	sum = time_cmd(cmd);
	snprintf(cmd, sizeof cmd, "printf '1111\\n' | %s --db '%s' user "
	    "list --as bench --pin-stdin >/dev/null", kesu, path);
	login = time_cmd(cmd);
	snprintf(cmd, sizeof cmd, "sqlite3 -csv '%s' \"%s\" >/dev/null",
	    path, BARE_LIST);
	bare_l = time_cmd(cmd);
	snprintf(cmd, sizeof cmd, "sqlite3 -csv '%s' \"%s\" >/dev/null",
	    path, BARE_SUMMARY);
	bare_s = time_cmd(cmd);
	printf("kesu review --list --format csv over %d records: %.0f ms; "
	    "sqlite3 -csv of the same rows %.0f ms; ratio %.1fx (kesu user "
	    "list, the process and PIN check alone: %.0f ms)\n", RECORDS,
	    1e3 * list, 1e3 * bare_l, list / bare_l, 1e3 * login);
	printf("kesu review --summary --format csv over %d records: %.0f ms; "
	    "sqlite3 -csv of the columns it reads %.0f ms; ratio %.1fx\n",
	    RECORDS, 1e3 * sum, 1e3 * bare_s, sum / bare_s);
}

/* One screen as the review list reads it: a keyset page after the row
 * at offset off (or, with off at the end, the last page) and every row's
 * flags.  The anchor row is read first, untimed (the screen holds it). */
static double
kesu_page(review *rv, const struct store_review_filter *fl,
    enum store_review_sort sort, bool desc, size_t off, bool last,
    double *anchor_num, int64_t *anchor_id)
{
	struct store_review_row *rows, *a = NULL;
	unsigned flags;
	char *cause = NULL;
	size_t n, na = 0, i;
	double t0;

	if (off > 0 && !last && store_review_page(review_store(rv), fl, sort,
	    desc, off - 1, 1, &a, &na, &cause) != 0)
		die("anchor", cause);
	if (a != NULL && na == 1) {
		*anchor_num = sort == STORE_SORT_DURATION ? a->r.duration :
		    a->r.started;
		*anchor_id = a->r.key;
	}
	t0 = clock_mono();
	if (store_review_seek(review_store(rv), fl, sort, desc,
	    na == 1 ? a : NULL, last, PAGE, &rows, &n, &cause) != 0)
		die("page", cause);
	for (i = 0; i < n; i++)
		if (review_row_flags(rv, &rows[i], &flags, NULL,
		    &cause) != 0)
			die("flags", cause);
	t0 = clock_mono() - t0;
	store_review_rows_free(rows, n);
	store_review_rows_free(a, na);
	if (n != PAGE)
		die("page", strdup("short page"));
	return t0;
}

/* The limit: the same keyset page's record columns in a bare SELECT. */
static double
bare_page(sqlite3 *db, const char *sql, double num, int64_t id)
{
	sqlite3_stmt *st = NULL;
	double t0 = clock_mono();
	int n = 0;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die("bare", strdup(sqlite3_errmsg(db)));
	sqlite3_bind_double(st, 1, num);
	sqlite3_bind_int64(st, 2, id);
	while (sqlite3_step(st) == SQLITE_ROW)
		n++;
	sqlite3_finalize(st);
	if (n != PAGE)
		die("bare", strdup("short page"));
	return clock_mono() - t0;
}

struct bench_case {
	const char *what;
	const char *status;
	enum store_review_sort sort;
	bool desc, last;
	size_t off;
	const char *bare;
};

#define BARE_COLS "SELECT id, uuid, status, interviewer, started, tz, " \
	"duration FROM records "
#define BARE_START BARE_COLS "WHERE status != 'draft' AND " \
	"started >= ?1 AND (started, id) > (?1, ?2) " \
	"ORDER BY started, id LIMIT 20"
#define BARE_END BARE_COLS "WHERE status != 'draft' " \
	"ORDER BY started DESC, id DESC LIMIT 20"
#define BARE_DUR BARE_COLS "WHERE +status = 'completed' AND " \
	"ifnull(duration, 0) <= ?1 AND (ifnull(duration, 0), id) < (?1, ?2) " \
	"ORDER BY ifnull(duration, 0) DESC, id DESC LIMIT 20"

int
main(int argc, char **argv)
{
	static const struct bench_case cases[] = {
		{ "next page at the start, by start", NULL,
		  STORE_SORT_STARTED, false, false, PAGE, BARE_START },
		{ "next page in the middle, by start", NULL,
		  STORE_SORT_STARTED, false, false, RECORDS / 2, BARE_START },
		{ "last page (End), by start", NULL, STORE_SORT_STARTED,
		  false, true, 0, BARE_END },
		{ "next page in the middle, completed only, by duration "
		  "descending", "completed", STORE_SORT_DURATION, true, false,
		  RECORDS / 3, BARE_DUR },
	};
	struct store_review_filter fl;
	struct quality_opts qo;
	char path[4096], *cause = NULL;
	double t[REPS], b[REPS], t0, build_s, num = 0;
	int64_t id = 0;
	review *rv = NULL;
	store *s = NULL;
	sqlite3 *db = NULL;
	size_t i, count;
	int r;

	if (argc != 2) {
		fputs("usage: bench_review DIR\n", stderr);
		return 64;
	}
	snprintf(path, sizeof path, "%s/review.db", argv[1]);
	t0 = clock_mono();
	build(path);
	build_s = clock_mono() - t0;
	quality_defaults(&qo);
	memset(&fl, 0, sizeof fl);
	/* 0. the first open computes the figures of the copied records. */
	t0 = clock_mono();
	if (store_open(path, 0, &s, &cause) != 0 ||
	    review_open(s, &qo, &rv, &cause) != 0)
		die("first open", cause);
	review_close(&rv);
	store_close(&s);
	printf("review: first open after the build, computing the quality "
	    "figures of all %d records (once, as after the upgrade that "
	    "adds them): %.1f s\n", RECORDS, clock_mono() - t0);
	/* 1. open, as the screen does: median, count, first screen. */
	for (r = 0; r < REPS; r++) {
		t0 = clock_mono();
		if (store_open(path, 0, &s, &cause) != 0 ||
		    review_open(s, &qo, &rv, &cause) != 0 ||
		    store_review_count(s, &fl, &count, &cause) != 0)
			die("open", cause);
		(void)kesu_page(rv, &fl, STORE_SORT_STARTED, false, 0, false,
		    &num, &id);
		t[r] = clock_mono() - t0;
		if (r < REPS - 1) {
			review_close(&rv);
			store_close(&s);
		}
	}
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK)
		die("bare open", NULL);
	for (r = 0; r < REPS; r++)
		b[r] = bare_page(db, BARE_START, -1e300, 0);
	printf("review list over %zu records (built in %.0f s): open "
	    "(median duration, count, first screen with flags) %.1f ms; "
	    "bare SELECT of that page %.2f ms (goal < 100 ms)\n", count,
	    build_s, 1e3 * median(t, REPS), 1e3 * median(b, REPS));
	/* 2. pages. */
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct bench_case *c = &cases[i];

		fl.status = c->status;
		for (r = 0; r < REPS; r++) {
			t[r] = kesu_page(rv, &fl, c->sort, c->desc, c->off,
			    c->last, &num, &id);
			b[r] = bare_page(db, c->bare, num, id);
		}
		printf("review page of %d rows with flags, %s: %.2f ms; bare "
		    "SELECT of the same page %.2f ms; ratio %.1fx (goal < "
		    "100 ms)\n", PAGE, c->what, 1e3 * median(t, REPS),
		    1e3 * median(b, REPS), median(t, REPS) / median(b, REPS));
	}
	sqlite3_close(db);
	review_close(&rv);
	store_close(&s);
	/* 3. the commands. */
	bench_commands(path);
	return 0;
}

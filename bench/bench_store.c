/*
 * bench_store - the store's figures, each beside its limit, measured in
 * the same run (make bench; bench/run passes a scratch folder):
 *
 * 1. confirmed-answer latency: engine_set + engine_next + a durable
 *    commit through store_session_confirm(), against a bare durable
 *    SQLite commit (WAL, synchronous=FULL) of the same name and value
 *    into a one-table file in the same folder (goal: ratio <= 1.3);
 * 2. bytes per finalized interview of the bundled form: the stored,
 *    dictionary-compressed instance against the raw XML (goal <= 0.25x)
 *    and against plain zlib; and the whole file per record;
 * 3. `kesu list --format csv` over 100,000 records made through the store
 *    API (goal < 1 s).
 *
 *	bench_store DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <sqlite3.h>
#include <zlib.h>

#include "engine/engine.h"
#include "store/session.h"
#include "util/clock.h"
#include "util/uuid.h"

#define FORM "forms/science-literacy.csv"
#define ANSWERS "forms/examples/all-correct.txt"
#define LIST_RECORDS 100000

struct script {
	int n;
	char *name[256];
	char *value[256];
};

static void
die(const char *what, char *cause)
{
	fprintf(stderr, "bench_store: %s: %s\n", what,
	    cause != NULL ? cause : "failed");
	exit(1);
}

static void
script_read(struct script *sc)
{
	FILE *f = fopen(ANSWERS, "r");
	char line[512], *eq;

	if (f == NULL)
		die(ANSWERS, NULL);
	sc->n = 0;
	while (fgets(line, sizeof line, f) != NULL && sc->n < 256) {
		line[strcspn(line, "\n")] = '\0';
		if ((eq = strchr(line, '=')) == NULL || line[0] == '#')
			continue;
		*eq = '\0';
		sc->name[sc->n] = strdup(line);
		sc->value[sc->n++] = strdup(eq + 1);
	}
	fclose(f);
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

/* One interview through engine and store; per-answer times into t. */
static char *
interview(store *s, int64_t key, const form *f, const struct script *sc,
    double *t, int *nt)
{
	struct engine_opts o = { NULL, "bench", "bench", 0, 0, -1 };
	store_session *ss = NULL;
	engine *e = NULL;
	char *cause = NULL, *xml = NULL;
	int k, i;
	double t0;

	if (clock_now(&o.now, &o.tz_offset, &cause) != 0 ||
	    engine_new(f, &o, &e, &cause) != 0 ||
	    store_session_start(s, key, e, "bench", o.now, o.tz_offset, &ss,
	    &cause) != 0)
		die("start", cause);
	for (k = 0; k < sc->n; k++) {
		i = form_find(f, sc->name[k]);
		t0 = clock_mono();
		if (engine_set(e, i, sc->value[k], &cause) != 0)
			die(sc->name[k], cause);
		engine_goto(e, i);
		if (engine_next(e, &cause) != 0 ||
		    store_session_confirm(ss, &cause) != 0)
			die(sc->name[k], cause);
		t[(*nt)++] = clock_mono() - t0;
	}
	if (store_session_finalize(ss, NULL, &xml, &cause) != 0)
		die("finalize", cause);
	store_session_free(&ss);
	engine_free(&e);
	return xml;
}

/* The same names and values, each in a bare durable commit. */
static void
bare(const char *path, const struct script *sc, int rounds, double *t,
    int *nt)
{
	sqlite3 *db;
	sqlite3_stmt *b, *ins, *c;
	int r, k;
	double t0;

	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous="
	    "FULL; CREATE TABLE IF NOT EXISTS a (record INTEGER, name TEXT, "
	    "value TEXT, PRIMARY KEY (record, name)) WITHOUT ROWID", NULL,
	    NULL, NULL) != SQLITE_OK)
		die(path, NULL);
	sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &b, NULL);
	sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO a VALUES (?, ?, ?)",
	    -1, &ins, NULL);
	sqlite3_prepare_v2(db, "COMMIT", -1, &c, NULL);
	for (r = 0; r < rounds; r++) {
		for (k = 0; k < sc->n; k++) {
			t0 = clock_mono();
			sqlite3_step(b);
			sqlite3_reset(b);
			sqlite3_bind_int(ins, 1, r);
			sqlite3_bind_text(ins, 2, sc->name[k], -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(ins, 3, sc->value[k], -1,
			    SQLITE_STATIC);
			if (sqlite3_step(ins) != SQLITE_DONE)
				die("bare insert", NULL);
			sqlite3_reset(ins);
			if (sqlite3_step(c) != SQLITE_DONE)
				die("bare commit", NULL);
			sqlite3_reset(c);
			t[(*nt)++] = clock_mono() - t0;
		}
	}
	sqlite3_finalize(b);
	sqlite3_finalize(ins);
	sqlite3_finalize(c);
	sqlite3_close(db);
}

static long
file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (long)sb.st_size : 0;
}

int
main(int argc, char **argv)
{
	enum { ROUNDS = 5 };
	struct script sc;
	form *f = NULL;
	store *s = NULL;
	int64_t key;
	char path[512], cmd[1200], *cause = NULL, *xml = NULL;
	double *te, *tb, t0, secs;
	int ne = 0, nb = 0, r, i, status;
	size_t packed, plain, xlen;
	uLongf zlen;
	unsigned char *z;

	if (argc != 2) {
		fprintf(stderr, "usage: bench_store DIR\n");
		return 64;
	}
	script_read(&sc);
	if (form_load(FORM, &f, &cause) != 0)
		die(FORM, cause);
	snprintf(path, sizeof path, "%s/bench-store.db", argv[1]);
	if (store_open(path, 0, &s, &cause) != 0 ||
	    store_form_add(s, f, FORM, &key, &cause) != 0)
		die(path, cause);

	/* 1. Latency, the bare commits first and last around the store's. */
	te = calloc((size_t)sc.n * ROUNDS + 1, sizeof *te);
	tb = calloc((size_t)sc.n * ROUNDS * 2 + 1, sizeof *tb);
	snprintf(cmd, sizeof cmd, "%s/bench-bare.db", argv[1]);
	bare(cmd, &sc, ROUNDS / 2 + 1, tb, &nb);
	for (r = 0; r < ROUNDS; r++) {
		free(xml);
		xml = interview(s, key, f, &sc, te, &ne);
	}
	bare(cmd, &sc, ROUNDS / 2 + 1, tb, &nb);
	printf("confirmed answer (engine + durable commit): median %.3f ms "
	    "over %d answers; bare durable SQLite commit of the same bytes: "
	    "median %.3f ms; ratio %.2f (goal <= 1.3)\n",
	    median(te, ne) * 1e3, ne, median(tb, nb) * 1e3,
	    median(te, ne) / median(tb, nb));

	/* 2. Bytes per finalized interview. */
	xlen = strlen(xml);
	zlen = compressBound(xlen);
	z = malloc(zlen);
	compress2(z, &zlen, (const Bytef *)xml, xlen, 9);
	{
		store_list *l = NULL;
		struct store_record rec;
		const char *const *v;
		bool end;

		memset(&rec, 0, sizeof rec);
		if (store_list_open(s, "completed", &l, &cause) != 0 ||
		    store_list_next(l, &rec, &v, &end, &cause) != 0 ||
		    store_record_sizes(s, rec.key, &packed, &plain,
		    &cause) != 0)
			die("sizes", cause);
		store_record_clear(&rec);
		store_list_close(&l);
	}
	printf("finalized interview of %s: %zu bytes stored, raw XML %zu "
	    "bytes (%.2fx raw, goal <= 0.25x), plain zlib -9 %lu bytes "
	    "(%.2fx plain zlib)\n", FORM, packed, plain,
	    (double)packed / (double)plain, (unsigned long)zlen,
	    (double)packed / (double)zlen);
	free(z);

	/* 3. 100,000 records, then kesu list --format csv over them. */
	if (store_batch_begin(s, &cause) != 0)
		die("batch", cause);
	{
		struct engine_opts o = { NULL, "bench", "bench", 0, 0, -1 };
		engine *e = NULL;
		int k;

		if (clock_now(&o.now, &o.tz_offset, &cause) != 0 ||
		    engine_new(f, &o, &e, &cause) != 0)
			die("engine", cause);
		for (k = 0; k < sc.n; k++)
			if (engine_set(e, form_find(f, sc.name[k]),
			    sc.value[k], &cause) != 0)
				die(sc.name[k], cause);
		for (i = ROUNDS; i < LIST_RECORDS; i++) {
			char id[37], iid[42];
			struct engine_opts oi = o;
			engine *ei = NULL;

			/* A fresh instance ID per record; same answers. */
			uuid_v4(id);
			snprintf(iid, sizeof iid, "uuid:%s", id);
			oi.instance_id = iid;
			if (engine_new(f, &oi, &ei, &cause) != 0)
				die("engine", cause);
			for (k = 0; k < sc.n; k++)
				engine_restore(ei, form_find(f, sc.name[k]),
				    engine_value(e, form_find(f, sc.name[k])));
			if (store_session_keep(s, key, ei, xml, "bench",
			    &cause) != 0)
				die("keep", cause);
			engine_free(&ei);
		}
		engine_free(&e);
	}
	if (store_batch_end(s, true, &cause) != 0)
		die("batch", cause);
	store_close(&s);
	printf("database: %ld bytes for %d records, %.0f bytes per record "
	    "(compressed XML, summary fields and their index)\n",
	    file_size(path), LIST_RECORDS,
	    (double)file_size(path) / LIST_RECORDS);
	snprintf(cmd, sizeof cmd, "%s --db %s list --format csv >%s/list.csv",
	    getenv("KESU") != NULL ? getenv("KESU") : "./kesu", path,
	    argv[1]);
	t0 = clock_mono();
	status = system(cmd);
	secs = clock_mono() - t0;
	if (status != 0)
		die(cmd, NULL);
	printf("kesu list --format csv over %d records: %.2f s (goal < 1 s)\n",
	    LIST_RECORDS, secs);
	free(xml);
	free(te);
	free(tb);
	form_free(&f);
	return 0;
}

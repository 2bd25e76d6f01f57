/*
 * bench/bench_keys.c - key to finished redraw on the interview screen.
 *
 *   bench_keys DIR KESU FORM KEYS
 *
 * Runs the real kesu binary on a pseudo-terminal (80x24, xterm-256color)
 * with a fresh database in DIR, logs in, and plays KEYS (one key per line,
 * as tests/tui/keys.py writes them for a whole interview) over and over,
 * a new interview each time, with two F2 language switches after every
 * fourth answer, until at least 10,000 keys have been timed.  A key's time
 * runs from writing it to the terminal until kesu, its screen drawn and
 * flushed, waits for the next key (the byte it writes to KESU_READY_FD).
 *
 * Beside it, measured in the same run: the floor of the same round trip
 * through a pseudo-terminal (a child that reads the key and writes a full
 * 80x24 screen of text) and a bare durable SQLite commit (WAL,
 * synchronous=FULL), since every Enter that confirms an answer commits.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#define NKEYS 10000

struct keyset {
	char  **k;      /* the bytes each key sends */
	int    *enter;  /* 1 when the key is an Enter */
	size_t  n, cap;
};

struct timing {
	double *t;
	size_t  n;
};

static void
die(const char *what)
{
	fprintf(stderr, "bench_keys: %s: %s\n", what, strerror(errno));
	exit(1);
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
keyset_add(struct keyset *ks, const char *bytes, int enter)
{
	if (ks->n == ks->cap) {
		ks->cap = ks->cap ? ks->cap * 2 : 256;
		ks->k = realloc(ks->k, ks->cap * sizeof *ks->k);
		ks->enter = realloc(ks->enter, ks->cap * sizeof *ks->enter);
		if (ks->k == NULL || ks->enter == NULL)
			die("realloc");
	}
	if ((ks->k[ks->n] = strdup(bytes)) == NULL)
		die("strdup");
	ks->enter[ks->n++] = enter;
}

/* One interview's keys from tests/tui/keys.py's lines: names, digits, or
 * "-l\tTEXT" typed one UTF-8 character at a time. */
static void
keys_read(const char *path, struct keyset *ks)
{
	FILE *fp = fopen(path, "r");
	char line[4096];
	int answers = 0;

	if (fp == NULL)
		die(path);
	keyset_add(ks, "\r", 0);  /* home: new interview */
	while (fgets(line, sizeof line, fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "-l\t", 3) == 0) {
			const unsigned char *p = (unsigned char *)line + 3;

			while (*p != '\0') {
				char c[8] = "";
				size_t len = 1;

				while (p[len] != '\0' && (p[len] & 0xc0) == 0x80)
					len++;
				memcpy(c, p, len < 7 ? len : 7);
				keyset_add(ks, c, 0);
				p += len;
			}
		} else if (strcmp(line, "Enter") == 0) {
			keyset_add(ks, "\r", 1);
			if (++answers % 4 == 0) {
				keyset_add(ks, "\033OQ", 0);  /* F2 */
				keyset_add(ks, "\033OQ", 0);
			}
		} else
			keyset_add(ks, line, 0);
	}
	fclose(fp);
	keyset_add(ks, "\r", 1);  /* the end screen: finalize */
}

/* Wait for the ready byte on rfd, draining the terminal's output on mfd
 * (counted in *bytes); 0, or -1 after 10 s or when the child is gone. */
static int
await_ready(int rfd, int mfd, size_t *bytes)
{
	struct pollfd p[2] = { { rfd, POLLIN, 0 }, { mfd, POLLIN, 0 } };
	char buf[65536];
	ssize_t r;

	for (;;) {
		if (poll(p, 2, 10000) <= 0)
			return -1;
		if (p[1].revents & POLLIN) {
			if ((r = read(mfd, buf, sizeof buf)) > 0)
				*bytes += (size_t)r;
		} else if (p[1].revents & (POLLHUP | POLLERR))
			return -1;
		if (p[0].revents & POLLIN)
			return read(rfd, buf, 1) == 1 ? 0 : -1;
		if (p[0].revents & (POLLHUP | POLLERR))
			return -1;
	}
}

static void
send_key(int mfd, const char *k)
{
	size_t len = strlen(k);

	if (write(mfd, k, len) != (ssize_t)len)
		die("writing a key");
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
pct(struct timing *t, double p)
{
	if (t->n == 0)
		return 0;
	qsort(t->t, t->n, sizeof *t->t, cmp);
	return t->t[(size_t)(p * (double)(t->n - 1))];
}

static void
timing_add(struct timing *t, double v)
{
	t->t[t->n++] = v;
}

/* A child on a new 80x24 pseudo-terminal with a ready pipe; returns its
 * pid, the master in *mfd and the pipe's reading end in *rfd. */
static pid_t
spawn_pty(int *mfd, int *rfd, int *wfd)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	int pfd[2];
	pid_t pid;

	if (pipe(pfd) != 0)
		die("pipe");
	if ((pid = forkpty(mfd, NULL, NULL, &ws)) < 0)
		die("forkpty");
	if (pid == 0) {
		close(pfd[0]);
		*wfd = pfd[1];
		return 0;
	}
	close(pfd[1]);
	*rfd = pfd[0];
	return pid;
}

/* The floor: a child that reads each key and writes a full screen. */
static void
floor_child(int wfd)
{
	struct termios tio;
	char screen[24 * 82 + 8], c[16];
	size_t n = 0;
	int row, col;

	if (tcgetattr(0, &tio) == 0) {
		cfmakeraw(&tio);
		tcsetattr(0, TCSANOW, &tio);
	}
	n += (size_t)snprintf(screen, sizeof screen, "\033[H");
	for (row = 0; row < 24; row++) {
		for (col = 0; col < 80; col++)
			screen[n++] = (char)('a' + (row + col) % 26);
		if (row < 23) {
			screen[n++] = '\r';
			screen[n++] = '\n';
		}
	}
	for (;;) {
		if (write(wfd, "k", 1) != 1 || read(0, c, sizeof c) <= 0)
			_exit(0);
		if (write(1, screen, n) != (ssize_t)n)
			_exit(1);
	}
}

static void
bench_floor(struct timing *t)
{
	int mfd, rfd = -1, wfd = -1;
	size_t bytes = 0, i;
	pid_t pid = spawn_pty(&mfd, &rfd, &wfd);
	double t0;

	if (pid == 0)
		floor_child(wfd);
	if (await_ready(rfd, mfd, &bytes) != 0)
		die("floor child");
	for (i = 0; i < NKEYS; i++) {
		t0 = now_ms();
		send_key(mfd, "1");
		if (await_ready(rfd, mfd, &bytes) != 0)
			die("floor child");
		timing_add(t, now_ms() - t0);
	}
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	close(mfd);
	close(rfd);
}

static void
bench_commit(const char *dir, struct timing *t)
{
	char path[4096];
	sqlite3 *db;
	sqlite3_stmt *st;
	int i;

	snprintf(path, sizeof path, "%s/bench-keys-bare.db", dir);
	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous="
	    "FULL; CREATE TABLE a(name TEXT, value TEXT)", NULL, NULL,
	    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO a VALUES ('age', '42')", -1,
	    &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_keys: %s\n", sqlite3_errmsg(db));
		exit(1);
	}
	for (i = 0; i < 1000; i++) {
		double t0 = now_ms();

		sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
		sqlite3_step(st);
		sqlite3_reset(st);
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
		timing_add(t, now_ms() - t0);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* kesu interview on a pty, logged in as the supervisor made beforehand. */
static void
bench_kesu(const char *dir, const char *kesu, const char *form,
    const struct keyset *ks, struct timing *all, struct timing *ent,
    struct timing *oth, size_t *bytes, int *interviews)
{
	int mfd, rfd = -1, wfd = -1;
	size_t i;
	pid_t pid = spawn_pty(&mfd, &rfd, &wfd);
	char buf[4096];

	if (pid == 0) {
		snprintf(buf, sizeof buf, "%d", wfd);
		setenv("KESU_READY_FD", buf, 1);
		setenv("TERM", "xterm-256color", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		snprintf(buf, sizeof buf, "%s/keys.db", dir);
		setenv("KESU_DB", buf, 1);
		snprintf(buf, sizeof buf, "%s/config", dir);
		setenv("XDG_CONFIG_HOME", buf, 1);
		execl(kesu, kesu, "--lang", "en", "interview", "--form", form,
		    "--as", "wang", (char *)NULL);
		_exit(127);
	}
	if (await_ready(rfd, mfd, bytes) != 0)
		die("kesu did not show its login");
	for (i = 0; i < 5; i++) {  /* the PIN and Enter: untimed */
		send_key(mfd, i < 4 ? "1" : "\r");
		if (await_ready(rfd, mfd, bytes) != 0)
			die("kesu login");
	}
	*bytes = 0;
	while (all->n < NKEYS) {
		for (i = 0; i < ks->n; i++) {
			double t0 = now_ms(), d;

			send_key(mfd, ks->k[i]);
			if (await_ready(rfd, mfd, bytes) != 0) {
				fprintf(stderr, "bench_keys: kesu stopped "
				    "answering at key %zu of interview %d\n",
				    i, *interviews + 1);
				exit(1);
			}
			d = now_ms() - t0;
			timing_add(all, d);
			timing_add(ks->enter[i] ? ent : oth, d);
		}
		(*interviews)++;
	}
	send_key(mfd, "\033[21~");  /* F10 at home: quit */
	await_ready(rfd, mfd, bytes);
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	close(mfd);
	close(rfd);
}

int
main(int argc, char **argv)
{
	struct keyset ks = { 0 };
	struct timing all, ent, oth, flo, com;
	size_t bytes = 0, cap;
	int interviews = 0;
	double a50, f50, c50, e50;

	if (argc != 5) {
		fprintf(stderr, "usage: bench_keys DIR KESU FORM KEYS\n");
		return 64;
	}
	keys_read(argv[4], &ks);
	cap = NKEYS + ks.n;
	all.t = calloc(cap, sizeof *all.t);
	ent.t = calloc(cap, sizeof *ent.t);
	oth.t = calloc(cap, sizeof *oth.t);
	flo.t = calloc(NKEYS, sizeof *flo.t);
	com.t = calloc(1000, sizeof *com.t);
	if (!all.t || !ent.t || !oth.t || !flo.t || !com.t)
		die("calloc");
	all.n = ent.n = oth.n = flo.n = com.n = 0;
	signal(SIGPIPE, SIG_IGN);

	bench_commit(argv[1], &com);
	bench_kesu(argv[1], argv[2], argv[3], &ks, &all, &ent, &oth, &bytes,
	    &interviews);
	bench_floor(&flo);

	a50 = pct(&all, 0.5);
	e50 = pct(&ent, 0.5);
	f50 = pct(&flo, 0.5);
	c50 = pct(&com, 0.5);
	printf("key to finished redraw, interview screen, %zu keys over %d "
	    "interviews (%zu bytes to the terminal per key): median %.3f ms, "
	    "p90 %.3f, p99 %.3f (goal: median < 1 ms)\n", all.n, interviews,
	    bytes / all.n, a50, pct(&all, 0.9), pct(&all, 0.99));
	printf("  Enter, confirming an answer (%zu keys): median %.3f ms, p90 "
	    "%.3f, p99 %.3f; other keys (%zu): median %.3f ms, p90 %.3f, p99 "
	    "%.3f\n", ent.n, e50, pct(&ent, 0.9), pct(&ent, 0.99), oth.n,
	    pct(&oth, 0.5), pct(&oth, 0.9), pct(&oth, 0.99));
	printf("  floor: key and a full 80x24 screen through a pty, median "
	    "%.3f ms; bare durable SQLite commit, median %.3f ms; ratio all "
	    "keys/pty %.1fx, Enter/(pty + commit) %.1fx\n", f50, c50,
	    a50 / f50, e50 / (f50 + c50));
	return 0;
}

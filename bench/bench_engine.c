/*
 * bench_engine.c - form loading and per-answer engine cost.
 *
 *	bench_engine DIR
 *
 * Writes two generated forms into DIR and prints, one figure a line:
 * - load time of a 1,000-question form, next to the time to read and
 *   split the same file into sheets (the floor any loader pays), and the
 *   memory the loaded model holds (peak RSS is measured by bench/run on
 *   `kesu form check`, the process a form author runs);
 * - median engine time per confirmed answer (set + next) on a
 *   200-question form with 100 calculates, next to one bare evaluation
 *   of the heaviest calculate (the sum over 100 items) that every answer
 *   must at least pay for.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/engine.h"
#include "form/form.h"
#include "sheet/sheet.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/xalloc.h"

static double
now_s(void)
{
	return clock_mono();
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void
write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "w");

	if (f == NULL || fwrite(b->data, 1, b->len, f) != b->len ||
	    fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

/* 1,000 questions of mixed types in 10 groups, bilingual labels. */
static void
gen_big(const char *path)
{
	struct buf b = BUF_INIT;
	int i;

	buf_addstr(&b, "survey,type,name,label::中文 (zh),label::English (en),"
	    "relevant,constraint\n");
	for (i = 0; i < 1000; i++) {
		if (i % 100 == 0)
			buf_printf(&b, ",begin_group,g%d,第%d组,Group %d,,\n",
			    i / 100, i / 100, i / 100);
		switch (i % 4) {
		case 0:
			buf_printf(&b, ",integer,q%d,问题%d,Question %d,,"
			    ". >= 0 and . <= 120\n", i, i, i);
			break;
		case 1:
			buf_printf(&b, ",select_one yn,q%d,问题%d,Question %d,"
			    "${q%d} > 17,\n", i, i, i, i - 1);
			break;
		case 2:
			buf_printf(&b, ",text,q%d,问题%d,Question %d,"
			    "\"selected(${q%d}, 'yes')\",\n", i, i, i, i - 1);
			break;
		default:
			buf_printf(&b, ",note,q%d,说明%d,Note %d,,\n", i, i, i);
			break;
		}
		if (i % 100 == 99)
			buf_addstr(&b, ",end_group,,,,,\n");
	}
	buf_addstr(&b, "choices,list_name,name,label::中文 (zh),"
	    "label::English (en)\n"
	    ",yn,yes,是,Yes\n,yn,no,否,No\n,yn,dk,不知道,Don't know\n");
	write_file(path, &b);
	buf_free(&b);
}

/* 200 questions (select_one items) and 100 calculates: 99 item scores
 * and a total over all of them, like the bundled scoring. */
static void
gen_scored(const char *path)
{
	struct buf b = BUF_INIT;
	int i;

	buf_addstr(&b, "survey,type,name,label,calculation\n");
	for (i = 0; i < 200; i++)
		buf_printf(&b, ",select_one yn,q%d,Question %d,\n", i, i);
	for (i = 0; i < 99; i++)
		buf_printf(&b, ",calculate,s%d,,"
		    "\"if(${q%d} = 'yes', 2, 0)\"\n", i, i * 2);
	buf_addstr(&b, ",calculate,total,,");
	for (i = 0; i < 99; i++)
		buf_printf(&b, "%s${s%d}", i ? " + " : "", i);
	buf_addstr(&b, "\nchoices,list_name,name,label\n"
	    ",yn,yes,Yes\n,yn,no,No\n,yn,dk,Don't know\n");
	write_file(path, &b);
	buf_free(&b);
}

static void
die(const char *what, char *cause)
{
	fprintf(stderr, "bench_engine: %s: %s\n", what, cause ? cause : "?");
	exit(1);
}

static void
bench_load(const char *path)
{
	struct sheet_book *book = NULL;
	struct mallinfo2 before, after;
	form *f = NULL;
	char *cause = NULL;
	double t0, t_read = 1e9, t_load = 1e9;
	int r;

	for (r = 0; r < 20; r++) {
		t0 = now_s();
		if (sheet_book_read(path, &book, &cause) != 0)
			die(path, cause);
		t0 = now_s() - t0;
		if (t0 < t_read)
			t_read = t0;
		sheet_book_free(&book);

		before = mallinfo2();
		t0 = now_s();
		if (form_load(path, &f, &cause) != 0)
			die(path, cause);
		t0 = now_s() - t0;
		after = mallinfo2();
		if (t0 < t_load)
			t_load = t0;
		if (r < 19)
			form_free(&f);
	}
	printf("form load, 1000 questions: %.2f ms (goal < 20 ms); "
	    "reading the sheets alone: %.2f ms; ratio %.1fx\n",
	    t_load * 1e3, t_read * 1e3, t_load / t_read);
	printf("form model memory, 1000 questions: %.2f MB held after load\n",
	    (double)(after.uordblks - before.uordblks) / 1e6);
	form_free(&f);
}

static const char *
field_total(void *ctx, const char *name)
{
	(void)name;
	return ctx;
}

static void
bench_answers(const char *path)
{
	enum { ROUNDS = 50 };
	/* Answers a score depends on (q0, q2, ... q196) and the others. */
	static double scored[ROUNDS * 100], plain[ROUNDS * 100];
	struct engine_opts o = { NULL, "bench", "bench", 0, 8 * 3600, -1 };
	struct expr_env env = { 0 };
	const struct form_field *total;
	const char *vals[] = { "yes", "no", "dk" };
	form *f = NULL;
	engine *e = NULL;
	char *cause = NULL, *out = NULL;
	double t0, bare = 1e9;
	int ns = 0, np = 0, r, i, q;

	if (form_load(path, &f, &cause) != 0)
		die(path, cause);
	for (r = 0; r < ROUNDS; r++) {
		if (engine_new(f, &o, &e, &cause) != 0)
			die("engine_new", cause);
		for (i = 0; (q = engine_current(e)) >= 0; i++) {
			t0 = now_s();
			if (engine_set(e, q, vals[(i + r) % 3], &cause) != 0 ||
			    engine_next(e, &cause) != 0)
				die("answer", cause);
			t0 = now_s() - t0;
			if (q % 2 == 0 && q < 198)
				scored[ns++] = t0;
			else
				plain[np++] = t0;
		}
		engine_free(&e);
	}
	total = form_field(f, form_find(f, "total"));
	env.field = field_total;
	env.ctx = (void *)"2";
	for (r = 0; r < 2000; r++) {
		t0 = now_s();
		if (expr_eval_text(total->calculation, &env, &out, &cause) != 0)
			die("eval", cause);
		t0 = now_s() - t0;
		free(out);
		if (t0 < bare)
			bare = t0;
	}
	t0 = median(scored, ns);
	printf("engine per scored answer (set + next, re-scoring the item "
	    "and the 99-term total), 200 questions, 100 calculates: median "
	    "%.1f us over %d answers (goal < 50 us); one bare evaluation of "
	    "the total: %.1f us; ratio %.1fx\n", t0 * 1e6, ns, bare * 1e6,
	    t0 / bare);
	printf("engine per answer nothing depends on: median %.1f us over "
	    "%d answers\n", median(plain, np) * 1e6, np);
	form_free(&f);
}

int
main(int argc, char **argv)
{
	char big[4096], scored[4096];

	if (argc != 2) {
		fputs("usage: bench_engine DIR\n", stderr);
		return 64;
	}
	snprintf(big, sizeof big, "%s/big-1000.csv", argv[1]);
	snprintf(scored, sizeof scored, "%s/scored-200.csv", argv[1]);
	gen_big(big);
	gen_scored(scored);
	bench_load(big);
	bench_answers(scored);
	return 0;
}

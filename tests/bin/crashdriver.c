/*
 * crashdriver - interviews without end, for the crash test.
 *
 *	crashdriver DB FORM ANSWERS LOG [RESUME_ID]
 *
 * Loads FORM, opens DB and runs interviews through the engine and the
 * store: each name=value line of ANSWERS is set in the engine and
 * committed with store_session_confirm(); only after the commit returns
 * does it append "confirmed UUID NAME VALUE" to LOG (unbuffered).  Every
 * finished interview is finalized ("finalized UUID").  With RESUME_ID it
 * first resumes that draft (left by a killed run) and carries on with the
 * answers it lacks.  It never stops by itself: tests/crash/run kills it
 * with SIGKILL at a random moment and checks with crashcheck.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/engine.h"
#include "store/session.h"
#include "util/buf.h"
#include "util/clock.h"

struct script {
	int n;
	char **name;
	char **value;
};

static void
die(const char *what, char *cause)
{
	fprintf(stderr, "crashdriver: %s: %s\n", what,
	    cause != NULL ? cause : "failed");
	exit(1);
}

static void
script_read(const char *path, struct script *sc)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *eq;
	size_t cap = 0;
	ssize_t len;

	if (f == NULL)
		die(path, NULL);
	memset(sc, 0, sizeof *sc);
	while ((len = getline(&line, &cap, f)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if ((eq = strchr(line, '=')) == NULL || line[0] == '#')
			continue;
		*eq = '\0';
		sc->name = realloc(sc->name, (sc->n + 1) * sizeof *sc->name);
		sc->value = realloc(sc->value, (sc->n + 1) *
		    sizeof *sc->value);
		sc->name[sc->n] = strdup(line);
		sc->value[sc->n] = strdup(eq + 1);
		sc->n++;
	}
	free(line);
	fclose(f);
}

/* Append "kind a [b c]" as one write(2): a line is in the log whole or
 * not at all. */
static void
say(int fd, const char *kind, const char *a, const char *b, const char *c)
{
	struct buf line = BUF_INIT;

	buf_printf(&line, "%s %s", kind, a);
	if (b != NULL)
		buf_printf(&line, " %s %s", b, c);
	buf_addch(&line, '\n');
	if (write(fd, line.data, line.len) != (ssize_t)line.len)
		die("log", NULL);
	buf_free(&line);
}

/* Answer what the script has and the engine lacks, committing each. */
static void
interview(engine *e, store_session *ss, const form *f,
    const struct script *sc, int log)
{
	const char *iid = engine_instance_id(e) + 5;
	char *cause = NULL;
	int k, i;

	for (k = 0; k < sc->n; k++) {
		if ((i = form_find(f, sc->name[k])) < 0)
			die(sc->name[k], NULL);
		if (strcmp(engine_value(e, i), sc->value[k]) == 0 &&
		    engine_answered(e, i))
			continue;
		store_session_event(ss, STORE_EV_SHOW, sc->name[k], NULL);
		if (engine_set(e, i, sc->value[k], &cause) != 0)
			die(sc->name[k], cause);
		engine_goto(e, i);
		if (engine_next(e, &cause) != 0)
			die(sc->name[k], cause);
		store_session_event(ss, STORE_EV_NEXT, sc->name[k], NULL);
		if (store_session_confirm(ss, &cause) != 0)
			die("confirm", cause);
		say(log, "confirmed", iid, sc->name[k], engine_value(e, i));
	}
	if (store_session_finalize(ss, NULL, NULL, &cause) != 0)
		die("finalize", cause);
	say(log, "finalized", iid, NULL, NULL);
}

int
main(int argc, char **argv)
{
	struct engine_opts o = { NULL, "crash", "crashdriver", 0, 0, -1 };
	struct script sc;
	store *s = NULL;
	store_session *ss = NULL;
	engine *e = NULL;
	form *f = NULL;
	int64_t key;
	char *cause = NULL;
	int log;

	if (argc != 5 && argc != 6) {
		fprintf(stderr, "usage: crashdriver DB FORM ANSWERS LOG "
		    "[RESUME_ID]\n");
		return 64;
	}
	script_read(argv[3], &sc);
	if (form_load(argv[2], &f, &cause) != 0)
		die(argv[2], cause);
	if (store_open(argv[1], 0, &s, &cause) != 0)
		die(argv[1], cause);
	if (store_form_add(s, f, argv[2], &key, &cause) != 0)
		die("form", cause);
	log = open(argv[4], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (log < 0)
		die(argv[4], NULL);
	if (argc == 6) {
		if (store_session_resume(s, argv[5], f, &o, &e, &ss,
		    &cause) != 0)
			die("resume", cause);
		say(log, "resumed", argv[5], NULL, NULL);
		interview(e, ss, f, &sc, log);
		store_session_free(&ss);
		engine_free(&e);
	}
	for (;;) {
		if (clock_now(&o.now, &o.tz_offset, &cause) != 0)
			die("clock", cause);
		if (engine_new(f, &o, &e, &cause) != 0)
			die("engine", cause);
		if (store_session_start(s, key, e, "crash", o.now,
		    o.tz_offset, &ss, &cause) != 0)
			die("start", cause);
		say(log, "started", engine_instance_id(e) + 5, NULL, NULL);
		interview(e, ss, f, &sc, log);
		store_session_free(&ss);
		engine_free(&e);
	}
}

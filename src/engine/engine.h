/*
 * engine.h - the interview engine: a headless state machine over a form.
 *
 * It holds one interview's answers, keeps relevance and calculations up to
 * date (re-evaluating only what depends on a change, in form_affected()
 * order), validates answers (type, constraint, required) and navigates
 * between the questions a person sees.  It never draws and never stores:
 * the screen and `kesu form run` drive it; the store persists what it
 * reports.  Semantics follow ODK Collect (shared/research/odk-semantics.md).
 *
 * Values are text exactly as the instance holds them: integers "7",
 * decimals "2.0"/"1.5" (re-printed as Java's Double.toString), dates
 * "YYYY-MM-DD", select_multiple as space-separated names in choice-list
 * order.  A field that is not relevant reads as "" and is cleared.
 */
#ifndef KESU_ENGINE_H
#define KESU_ENGINE_H

#include <stdbool.h>

#include "form/form.h"
#include "util/err.h"

typedef struct engine engine;

struct engine_opts {
	const char *instance_id; /* "uuid:..." to resume one; NULL: a new v4 */
	const char *username;    /* for `username` metadata; NULL: "" */
	const char *deviceid;    /* for `deviceid` metadata; NULL: "" */
	double now;              /* start time, seconds since the epoch */
	int tz_offset;           /* seconds east of UTC */
	int lang;                /* form language for messages; -1: default */
	/* "uuid:..." of the instance this one replaces on the server (an
	 * edit of a record the server holds): written as <deprecatedID>;
	 * NULL or "": none. */
	const char *deprecated_id;
};

int engine_new(const form *f, const struct engine_opts *o, engine **out,
    char **cause) KESU_WUR;
void engine_free(engine **e);

const form *engine_form(const engine *e);
/* The instance's start (seconds since the epoch, as <start> holds it)
 * and its offset east of UTC. */
double engine_started(const engine *e);
int engine_tz(const engine *e);
const char *engine_instance_id(const engine *e);
void engine_set_lang(engine *e, int lang);
int engine_lang(const engine *e);
/* The clock for today(), now() and `end`. */
void engine_set_now(engine *e, double now);

/*
 * Navigation over the questions a person sees (relevant, not calculate,
 * not metadata, not group): the current question's field index, or -1 on
 * the end screen.  engine_next() validates the current question first
 * (required, constraint) and fails with KESU_EDATA and the message in the
 * engine's language without moving; engine_prev() never validates.
 */
int engine_current(const engine *e);
int engine_next(engine *e, char **cause) KESU_WUR;
void engine_prev(engine *e);
void engine_goto(engine *e, int field); /* any shown question, or -1 */
/* The first shown question (-1 when none). */
int engine_first(const engine *e);

/*
 * Set an answer from what a person typed: parsed by type ("abc" in an
 * integer is refused, "007" becomes "7", a select takes choice names),
 * then checked against the constraint.  On failure nothing changes and
 * *cause holds the constraint message (or a type message) in the engine's
 * language; returns KESU_EDATA.  "" clears the answer.
 */
int engine_set(engine *e, int field, const char *text, char **cause) KESU_WUR;
/* engine_set() of a value that comes with the interview rather than from
 * the person (a household's sample row), before the first question: it
 * is held like the field's default, so read-only fields take it, and a
 * question that does not apply yet keeps it hidden until it does. */
int engine_preload(engine *e, int field, const char *text, char **cause)
    KESU_WUR;
/* Restore a saved value without validation (resuming a draft). */
void engine_restore(engine *e, int field, const char *value);

const char *engine_value(const engine *e, int field); /* "" when empty */
/* The answer as a person would type it back: a decimal in plain digits
 * ("1.2E7" -> "12000000", "9.0E-4" -> "0.0009"), as Collect's decimal
 * widget shows it; anything else as engine_value().  Caller frees. */
char *engine_edit_text(const engine *e, int field);
bool engine_relevant(const engine *e, int field);
bool engine_answered(const engine *e, int field);
/* Required and constraint of one field as they stand now. */
int engine_check(const engine *e, int field, char **cause) KESU_WUR;
/* Choices of a select that pass its choice_filter now, as indexes into
 * the list; *n set to the count.  The array is the engine's, valid until
 * the next change. */
const int *engine_choices(engine *e, int field, int *n);

/*
 * Finalize: check every relevant field (the first failure is returned as
 * KESU_EDATA "name: message"), set `end`, and build the instance XML as
 * ODK Collect submits it.  *xml is the caller's.
 */
int engine_finalize(engine *e, char **xml, char **cause) KESU_WUR;

/* The instance XML as it stands, without validation (for drafts). */
char *engine_xml(const engine *e);

#endif

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
/* The next stop, without validating the current question. */
void engine_skip(engine *e);
void engine_goto(engine *e, int field); /* any shown question, or -1 */
/* The first shown question (-1 when none). */
int engine_first(const engine *e);

/*
 * The questions this interview can ask, numbered for "Question N of M"
 * (engine_count.c): the relevant ones, and those whose relevance still
 * waits on an answer to come; a question settled as not relevant (a
 * roster without the sample's household id) does not count.  A repeat's
 * questions count once.  num[i] (num has form_nfields() slots) gets field
 * i's number, or for a field that does not count the number of the first
 * that does after it (M at most); returns M.
 */
int engine_numbers(const engine *e, int *num);

/*
 * Pages: the questions of a group with the appearance field-list or
 * table-list are shown together (the outermost such group; in a repeat,
 * one page per instance).  Stops stay questions: engine_current() is the
 * question the person is on, and engine_next(), engine_prev() and the
 * stops above go question by question, as `kesu form run` walks them.
 * engine_page_group(): the page's group of field i, or -1 when it stands
 * alone.  engine_page(): the shown questions of the current question's
 * page in order (just it when it stands alone; none on the end screen),
 * *fields the caller's, *group its group or -1; returns how many.
 * engine_page_next() checks every question of the page in order: the
 * first that fails becomes current and its message comes back as
 * KESU_EDATA; else the first stop after the page is current.
 * engine_page_prev() goes to the first question of the page before (or
 * to the stop before, when that stands alone).
 */
int engine_page_group(const engine *e, int field);
int engine_page(const engine *e, int *group, int **fields);
int engine_page_next(engine *e, char **cause) KESU_WUR;
void engine_page_prev(engine *e);

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
/*
 * A text of the form (a label, hint, note or constraint/required message:
 * form_text() entries) in the engine's language, with each ${name}
 * replaced by that field's current value where the current question is
 * (its repeat instance, as expressions read it), as ODK's <output> shows
 * it: "" when empty or not relevant, a number as XPath prints it (70.0
 * as "70", 1.5 as "1.5"), a select as its choice names.  NULL when the
 * form has no such text.  Caller frees.
 */
char *engine_text(const engine *e, const char *const *texts);
/* Required and constraint of one field as they stand now. */
int engine_check(const engine *e, int field, char **cause) KESU_WUR;
/* Choices of a select that pass its choice_filter now, as indexes into
 * the list; *n set to the count.  The array is the engine's, valid until
 * the next change. */
const int *engine_choices(engine *e, int field, int *n);
/* Choice c (as engine_choices() gave it, valid as long) of select field:
 * from its list, or for select_one ${q} the answer of q in node c of q's
 * repeat, as both name and label. */
const struct form_choice *engine_choice(const engine *e, int field, int c);

/*
 * Finalize: check every relevant field (the first failure is returned as
 * KESU_EDATA "name: message"), set `end`, and build the instance XML as
 * ODK Collect submits it.  *xml is the caller's.
 */
int engine_finalize(engine *e, char **xml, char **cause) KESU_WUR;

/* The instance XML as it stands, without validation (for drafts). */
char *engine_xml(const engine *e);

/*
 * Repeats (form.h: a FORM_GROUP with `repeat`).  Navigation goes through
 * each instance of a repeat in turn.  For a repeat the interviewer
 * controls (no repeat_count), engine_current() after its last instance
 * is the repeat's own field: the prompt "add another?".  There
 * engine_repeat_add() says yes (a new instance; its first question is
 * current) and engine_next() says no.  The calls above that take a field
 * index speak of the instance the current question is in (after
 * engine_seek(), of the instance it named).
 */
int engine_repeat_add(engine *e, char **cause) KESU_WUR;
/* Delete the instance the current question is in (a repeat without
 * repeat_count); the next instance's first question, or the prompt, is
 * current after. */
int engine_repeat_delete(engine *e, char **cause) KESU_WUR;
/* Make repeat rep (one without repeat_count) hold n instances where
 * the current question is, adding or dropping at the end. */
int engine_repeat_resize(engine *e, int rep, int n, char **cause)
    KESU_WUR;
/* Instances of repeat rep where the current question is. */
int engine_repeat_count(const engine *e, int rep);
/* The 1-based position of the current question's instance of repeat
 * rep; 0 when it is not inside rep. */
int engine_repeat_pos(const engine *e, int rep);
/* Whether repeat rep takes its instances from the interviewer. */
bool engine_user_repeat(const engine *e, int rep);

/*
 * Keys name a field in one instance, as answers files and drafts write
 * them: "age" outside repeats, "member[2]/age" in the second member,
 * "member[2]/child[1]/name" when nested; a repeat's own key
 * ("member") stands for its number of instances.  engine_key() gives
 * field's key where the current question is (caller frees).
 * engine_seek() goes to the instance a key names (with create, adding
 * instances of the interviewer's repeats up to the positions named) and
 * makes its field current (check engine_shown()); it returns the field,
 * or -1 and KESU_EDATA in *cause for a key that names nothing.
 */
char *engine_key(const engine *e, int field);
int engine_seek(engine *e, const char *key, bool create, char **cause);
/* Whether field i is a stop a person sees now where the current question
 * is (a shown question, or the prompt of a repeat). */
bool engine_shown(const engine *e, int i);
/* Every answer kept, in document order: fn(arg, field, key, value) for
 * each relevant field with a value in each instance, and for each
 * repeat the interviewer controls, its key with its count. */
void engine_each(const engine *e,
    void (*fn)(void *arg, int field, const char *key, const char *value),
    void *arg);

/* The stops of the interview in order (for a jump list): each shown
 * question in each instance and each repeat prompt. */
struct engine_stop {
	int field;
	char *key;      /* engine_key() of it */
	bool current;
};
/* *out is the caller's, as are the keys; returns how many. */
int engine_stops(const engine *e, struct engine_stop **out);
void engine_stops_free(struct engine_stop *v, int n);

#endif

/*
 * engine_int.h - what the engine's files share and nothing else includes.
 *
 * struct engine is the whole state of one interview: the stored text of
 * every field and whether it is relevant (its own relevant expression and
 * every ancestor group's).  A stored value of NULL is an empty answer.
 * A field that is not relevant reads as "" in every expression whatever
 * it stores; a field that turns non-relevant loses its stored value.
 *
 * engine.c        life cycle, answers, checks, finalize
 * engine_eval.c   expression environment, relevance and calculations
 * engine_nav.c    navigation over the questions a person sees
 * engine_value.c  typed answers: parsing, normalising, Java numbers
 * instance.c      the instance XML as ODK Collect writes it
 */
#ifndef KESU_ENGINE_INT_H
#define KESU_ENGINE_INT_H

#include <stdbool.h>

#include "engine/engine.h"
#include "expr/expr.h"
#include "form/form.h"

struct engine {
	const form *f;
	int nf;
	char **val;        /* [nf] stored text, NULL when empty; owned */
	enum expr_type *type; /* [nf] a calculation's result type */
	bool *rel;         /* [nf] relevant, own and ancestors' */
	bool loading;      /* first evaluation: nothing "turns" relevant */
	bool filters;      /* some select has a choice_filter */
	int cur;           /* current question, -1 on the end screen */
	int lang;          /* form language index for messages */
	double start;      /* when the interview began */
	double now;        /* the clock for today(), now(), `end` */
	int tz;            /* seconds east of UTC */
	char *username;
	char *deviceid;
	char *instance_id; /* "uuid:..." */
	unsigned long long *rng; /* random(): state, seeded by instance_id */
	char *deprecated_id; /* "uuid:..." or NULL */
	int *choices;      /* engine_choices() result */
	int nchoices;      /* capacity of choices */
};

/* --- engine_types.c --- */

/* A trimmed, non-empty answer s of a time, dateTime, range or geopoint
 * field i, as Collect writes it: 0 and *out (caller frees), or
 * KESU_EDATA with a message for the person typing. */
int engine_parse_typed(const engine *e, int i, const char *s, char **out,
    char **cause) KESU_WUR;

/* --- engine_random.c --- */

/* JavaRosa's randomize() seed from a value: the number truncated to a
 * long, else the SHA-256 long of the text (engine_seed_hash). */
long long engine_seed_of(const char *value);
long long engine_seed_hash(const char *s);
/* Reorder a[0..n) as JavaRosa's seeded Fisher-Yates does. */
void engine_shuffle(int *a, int n, long long seed);
/* Put the n choices (list indices) of field in the order the screen
 * shows them: as they are, or shuffled for randomize=true. */
void engine_order(const engine *e, int field, int *choices, int n);

/* --- engine_eval.c --- */

/* Text of field i as expressions see it: "" when empty or not relevant. */
const char *engine_seen(const engine *e, int i);
/* How field i's value is typed in expressions (expr_type): a number for
 * integer and decimal fields, a calculation's result type, else text. */
enum expr_type engine_type(const engine *e, int i);
/* Evaluate x as a boolean with '.' = self, the value of field i (typed as
 * i's values are; -1: text).  On a runtime error returns it (KESU_EDATA)
 * with *cause set. */
int engine_eval_bool(const engine *e, const expr *x, int i, const char *self,
    bool *out, char **cause) KESU_WUR;
/* Evaluate x as text with '.' = self as above; NULL when empty or on a
 * runtime error.  *type (may be NULL) gets the result's type.  Caller
 * frees. */
char *engine_eval_text(const engine *e, const expr *x, int i,
    const char *self, enum expr_type *type);
/* Re-evaluate relevance and calculations of everything that depends on
 * field i (form_affected), i itself excluded. */
void engine_refresh(engine *e, int i);
/* Evaluate every field in form_eval_order() (a fresh instance). */
void engine_refresh_all(engine *e);
/* Whether choice c of field i's list passes its choice_filter now. */
bool engine_choice_passes(const engine *e, int i, int c);
/* A message of the form (constraint_message, ...) in the engine's
 * language with each ${name} replaced by that field's value; NULL when
 * the form has none.  Caller frees. */
char *engine_form_message(const engine *e, const char *const *texts);
/* Refuse an answer: KESU_EDATA with the form's message from texts (as
 * engine_form_message), else with fallback. */
int engine_refuse(const engine *e, const char *const *texts,
    const char *fallback, char **cause);
/* Set field i's stored value (taking ownership of v, NULL for empty) and
 * refresh what depends on it, then drop selections that choice filters
 * no longer offer. */
void engine_store(engine *e, int i, char *v);

/* --- engine_value.c --- */

/*
 * Parse what a person typed for field i into the text the instance holds
 * (*out is the caller's; "" for an empty answer).  Returns KESU_EDATA
 * with a message in the UI language when the text does not fit the type.
 */
int engine_parse(const engine *e, int i, const char *text, char **out,
    char **cause) KESU_WUR;
/* The text without C0 control characters other than tab and newline,
 * without DEL and C1 controls.  Caller frees. */
char *engine_clean_text(const char *s);
/* Whether s is well-formed UTF-8. */
bool engine_utf8_valid(const char *s);
/* d as Java's Double.toString prints it ("2.0", "1.5", "1.0E7"). */
char *engine_java_double(double d);
/* A value quoted for a message: controls dropped, at most 40 characters. */
char *engine_quote(const char *s);

/* --- engine_nav.c --- */

/* Whether field i is a question a person sees now. */
bool engine_shown(const engine *e, int i);

/* --- instance.c --- */

/* The instance XML of the current state; caller frees. */
char *engine_instance_xml(const engine *e);

#endif

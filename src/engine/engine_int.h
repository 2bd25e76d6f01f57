/*
 * engine_int.h - what the engine's files share and nothing else includes.
 *
 * struct engine is the whole state of one interview: the stored text of
 * every field and whether it is relevant (its own relevant expression and
 * every ancestor group's).  A stored value of NULL is an empty answer.
 * A field that is not relevant reads as "" in every expression whatever
 * it stores; a field that turns non-relevant loses its stored value.
 *
 * Fields live in instances (struct rinst): the root holds every field
 * outside repeats; each instance of a repeat holds the fields of the
 * repeat's span (those of nested repeats live in the nested instances,
 * which the instance lists at the nested repeat's slot).  `at` is the
 * instance the engine speaks about: the one of the current question,
 * which the public calls by field index use, and while an expression is
 * evaluated the one it is evaluated in.  A form without repeats has only
 * the root, and every lookup goes straight to it.
 *
 * engine.c        life cycle, answers, checks, finalize
 * engine_eval.c   expression environment, relevance and calculations
 * engine_nav.c    navigation over the questions a person sees
 * engine_count.c  the questions an interview can ask ("N of M")
 * engine_value.c  typed answers: parsing, normalising, Java numbers
 * instance.c      the instance XML as ODK Collect writes it
 */
#ifndef KESU_ENGINE_INT_H
#define KESU_ENGINE_INT_H

#include <stdbool.h>

#include "engine/engine.h"
#include "expr/expr.h"
#include "form/form.h"

struct rinst;

/* The instances of one repeat inside one instance, in order. */
struct rlist {
	struct rinst **v;
	int n, cap;
};

/* One instance of a repeat, or the root of the interview. */
struct rinst {
	int rep;              /* the repeat's field; -1 for the root */
	int base;             /* first field of the span: rep + 1 (root 0) */
	int span;             /* fields in it: base .. base + span - 1 */
	struct rinst *up;     /* the instance holding this one; NULL: root */
	int pos;              /* 1-based position among its siblings */
	char **val;           /* [span] stored text, NULL when empty */
	enum expr_type *type; /* [span] a calculation's result type */
	bool *rel;            /* [span] relevant, own and ancestors' */
	struct rlist *kids;   /* [span] at a nested repeat's slot, or NULL */
};

struct engine {
	const form *f;
	int nf;
	struct rinst root;
	struct rinst *at;  /* the instance spoken about (see above) */
	bool repeats;      /* the form has repeats */
	bool counted;      /* some repeat has a repeat_count */
	struct rinst *fresh; /* an instance being made: keeps its defaults */
	char **val;        /* the root's, for fields outside repeats */
	enum expr_type *type;
	bool *rel;
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
	const char **nodes; /* engine_nodes() result */
	int nnodes;
	int *choices;      /* engine_choices() result */
	int nchoices;      /* capacity of choices */
	/* engine_choices() of a select_one ${q}: one choice per node of
	 * q's repeat (name and every label its answer there) */
	struct form_choice *dyn;
	const char **dynlabel; /* [ndyn * form_nlangs()] */
	int ndyn;
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
/* --- engine_repeat.c --- */

/* The instance that holds field i as seen from `from`: from itself or
 * the enclosing instance of i's repeat; NULL when i is in a repeat that
 * `from` is not inside (i then has one node per instance). */
struct rinst *engine_owner(const engine *e, const struct rinst *from,
    int i);
/* Field i's slots in its owner r. */
#define RVAL(r, i) ((r)->val[(i) - (r)->base])
#define RREL(r, i) ((r)->rel[(i) - (r)->base])
#define RTYPE(r, i) ((r)->type[(i) - (r)->base])
/* The instances of repeat `rep` inside instance r (r holds rep). */
struct rlist *engine_rlist(struct rinst *r, int rep);
/* Every instance of repeat `rep` (-1: the root) at or below r, in
 * document order, into *out (*n of them, the array is the caller's). */
void engine_instances(const engine *e, struct rinst *r, int rep,
    struct rinst ***out, int *n);
/* A new instance of repeat rep appended in parent, with its defaults
 * and, for nested repeats the interviewer controls, one instance each. */
struct rinst *engine_rinst_add(engine *e, struct rinst *parent, int rep);
void engine_rinst_free(struct rinst *r);
/* Make every repeat with a repeat_count hold that many instances;
 * true when any changed. */
bool engine_sync_counts(engine *e);
/* Evaluate everything again after instances came or went. */
void engine_restructure(engine *e);
/* Key of field i in instance r (see engine_key()); caller frees. */
char *engine_rkey(const engine *e, const struct rinst *r, int i);
/* The values of field i as nodes seen from e->at (expr_env.nodes); the
 * array is the engine's until the next call. */
int engine_nodes(const engine *e, int i, const char *const **vals);
/* The instance holding node k (0-based, as engine_nodes() counts them)
 * of field or repeat i seen from e->at; NULL when there is none. */
struct rinst *engine_node_inst(const engine *e, int i, int k);
/* Whether field i lies inside repeat rep (at any depth). */
bool engine_inside(const engine *e, int i, int rep);
/* indexed-repeat(): field x in instance idx[k] of repeat reps[k]; NULL
 * when there is no such instance. */
const char *engine_indexed(const engine *e, int x, const int *reps,
    const int *idx, int n);
/* position(..) for field i's expression: `up` steps above i. */
int engine_position(const engine *e, int i, int up);

/* --- engine.c --- */

/* Fill the slots of a fresh instance r: metadata and static defaults,
 * then dynamic defaults evaluated in r (as ODK on a new instance). */
void engine_rinst_defaults(engine *e, struct rinst *r);

/* --- engine_eval.c --- */

/* Text of field i as expressions see it: "" when empty or not relevant. */
const char *engine_seen(const engine *e, int i);
/* The same as an expression evaluated in instance r reads it. */
const char *engine_seen_in(const engine *e, const struct rinst *r, int i);
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
 * field i (form_affected), i itself excluded, in every instance. */
void engine_refresh(engine *e, int i);
/* Re-evaluate field i in instance r (r holds i). */
void engine_eval_one(engine *e, struct rinst *r, int i);
/* Evaluate every field in form_eval_order() (a fresh instance). */
void engine_refresh_all(engine *e);
/* Whether choice c of field i's list passes its choice_filter now. */
bool engine_choice_passes(const engine *e, int i, int c);
/* For select_one ${q} (field i): whether node k of the n of q's repeat
 * is a choice now (answered, and passing the choice filter); *value its
 * answer there. */
bool engine_node_passes(const engine *e, int i, int k, int n,
    const char **value);
/* Whether choice `name` is offered by select field i now. */
bool engine_offers(const engine *e, int i, const char *name);
/* Refuse an answer: KESU_EDATA with the form's message from texts (as
 * engine_text() gives it), else with fallback. */
int engine_refuse(const engine *e, const char *const *texts,
    const char *fallback, char **cause);
/* Set field i's stored value in e->at's instance (taking ownership of v,
 * NULL for empty) and refresh what depends on it, then drop selections
 * that choice filters no longer offer. */
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

/* Make the first stop at or after field i of instance r current. */
void engine_nav_from(engine *e, struct rinst *r, int i);

/* --- instance.c --- */

/* The instance XML of the current state; caller frees. */
char *engine_instance_xml(const engine *e);

#endif

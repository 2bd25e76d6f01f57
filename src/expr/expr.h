/*
 * expr.h - ODK XPath expressions as XLSForm writes them.
 *
 * An expression is parsed once, when the form is loaded, into a tree; it is
 * then evaluated many times against an environment that supplies field
 * values.  Supported: string and number literals, ${name}, '.', bare names
 * (choice columns in choice_filter), + - * div mod, unary -, = != < <= > >=,
 * and, or, parentheses, and the functions
 *   if selected count-selected selected-at coalesce concat string-length
 *   substr contains starts-with ends-with regex number int round string
 *   boolean not true false today now format-date date pow abs min max once
 *   uuid current last
 * and, over repeats, count sum min max count-non-empty (with one ${name}
 * or ${set}[predicate]/field path) position(..) position() indexed-repeat,
 * paths pyxform writes for a field (../q, current()/../q, ./q), and
 * pulldata and
 * instance('name')/root/item[pred]/col over a secondary instance (a CSV
 * attachment or a choice list), also as a node-set in count sum min max
 * count-non-empty (an unknown function is a parse error naming it).
 *
 * Semantics follow ODK Collect (shared/research/odk-semantics.md): empty is
 * NaN in arithmetic; comparisons with an empty value are false both ways
 * except '' = ''; booleans are 1/0 in arithmetic; a date is a number of
 * days since 1970-01-01 in arithmetic; regex() matches the whole string;
 * string-length() and substr() count characters (UTF-16 units, as Java).
 */
#ifndef KESU_EXPR_H
#define KESU_EXPR_H

#include <stdbool.h>

#include "util/err.h"

typedef struct expr expr;

/*
 * Parse src.  On failure returns KESU_EDATA and sets *cause to a message
 * without location prefix, e.g. "unknown function 'slected'" or
 * "syntax error at character 7: expected ')'"; the caller adds
 * FILE:SHEET:ROW.  On success *out is the caller's (expr_free).
 */
int expr_parse(const char *src, expr **out, char **cause) KESU_WUR;
void expr_free(expr **e);

/* The source text the expression was parsed from. */
const char *expr_source(const expr *e);

/* The distinct ${name} references, in order of first appearance. */
int expr_nrefs(const expr *e);
const char *expr_ref(const expr *e, int i);

/* The ${name} references written inside the brackets of a path such as
 * ${member}[...] (current()/../name is not one): each reads the field
 * the expression is evaluated for, where pyxform writes a path from the
 * node tested when both are in one repeat (form_check refuses those). */
int expr_npredrefs(const expr *e);
const char *expr_predref(const expr *e, int i);

/* The first bare name (a choice column, meaningful only in
 * choice_filter), or NULL when there is none. */
const char *expr_column(const expr *e);

/* Whether the expression uses '.', now(), today() or uuid(). */
bool expr_uses_self(const expr *e);
bool expr_is_volatile(const expr *e);

/*
 * How a value is typed when an expression reads it, as ODK Collect types
 * a node's data: an integer or decimal answer, and a calculation whose
 * result was a number, is a number (so "0" is false and "10" > 9 compares
 * numbers); a boolean result is a boolean ("1"/"0" as text); everything
 * else, and every empty value, is text.
 */
enum expr_type {
	EXPR_TEXT,
	EXPR_NUMBER,
	EXPR_BOOL,
};

/* The environment an expression is evaluated in. */
struct expr_env {
	void *ctx;
	/* Text of field `name` as the instance holds it ("" when empty or
	 * not relevant); NULL when there is no such field. */
	const char *(*field)(void *ctx, const char *name);
	/* Text of a bare name (a choice's column in choice_filter); NULL
	 * when unknown, which reads as "". May be NULL. */
	const char *(*column)(void *ctx, const char *name);
	/* The type of field `name`'s value; NULL: every field is text. */
	enum expr_type (*field_type)(void *ctx, const char *name);
	const char *self;   /* value of '.'; NULL reads as "" */
	enum expr_type self_type; /* type of '.' when not empty */
	double now;         /* seconds since the epoch (UTC) */
	int tz_offset;      /* seconds east of UTC for today(), now(), dates */
	/* Fill out with a random v4 UUID, 36 characters + NUL. */
	void (*uuid)(void *ctx, char out[37]);
	/* version(): the form's version; NULL reads as "". */
	const char *version;
	/* property(name): a device property (deviceid, username, ...);
	 * NULL, or NULL returned, reads as "". May be NULL. */
	const char *(*property)(void *ctx, const char *name);
	/* jr:choice-name(value, '${field}'): the label, in the current
	 * language, of choice value of field's list; NULL reads as "".
	 * May be NULL. */
	const char *(*choice_label)(void *ctx, const char *field,
	    const char *value);
	/* random(): a number in [0, 1); NULL: the C library's generator. */
	double (*random)(void *ctx);
	/*
	 * Repeats.  nodes: the values of field `name` seen from here, one
	 * per node (a field of a repeat that the evaluation is not inside
	 * has one per instance; a repeat's own name counts its instances,
	 * with "" values); -1 when there is no such field.  *vals is valid
	 * until the next call.  position: the 1-based position of the node
	 * `up` steps above the evaluating field (1 unless it is a repeat
	 * instance).  indexed: the value of `name` in instance idx[k] of
	 * repeat reps[k], k < n, outermost first; NULL when there is none.
	 * Each may be NULL: a form without repeats (every field one node).
	 */
	int (*nodes)(void *ctx, const char *name, const char *const **vals);
	/* Field `name` of node k (0-based, as nodes() counts them) of
	 * ${set}, a repeat, as an expression in that instance reads it;
	 * NULL when the node holds no such field (set is a field, or name
	 * is outside the repeat).  May be NULL. */
	const char *(*member)(void *ctx, const char *set, int k,
	    const char *name);
	int (*position)(void *ctx, int up);
	const char *(*indexed)(void *ctx, const char *name,
	    const char *const *reps, const int *idx, int n);
	/* pulldata(file, col, keycol, key): column col of the first row of
	 * the form's attachment file.csv whose keycol is key; NULL when
	 * none.  May be NULL. */
	const char *(*pulldata)(void *ctx, const char *file, const char *col,
	    const char *keycol, const char *key);
	/* instance('name')/root/item[...]/col: row `row` (0-based) of the
	 * secondary instance name; *value its column col (NULL when none,
	 * or col ""). Returns -1 past the last row.  May be NULL. */
	int (*table)(void *ctx, const char *name, int row, const char *col,
	    const char **value);
};

/* The instance('name')/root/item[...]/col paths of e: the instance
 * (an attachment without .csv, or a choice list) and the column each
 * reads ("" for a node-set counted without one). */
int expr_ninstances(const expr *e);
void expr_instance(const expr *e, int i, const char **name,
    const char **col);

/* The pulldata() calls of e: the attachment (without .csv) and the
 * columns each names (quoted literals, checked when parsed). */
int expr_npulldata(const expr *e);
void expr_pulldata(const expr *e, int i, const char **file,
    const char **col, const char **keycol);

/*
 * Evaluate to text, as ODK Collect stores a calculate's value:
 * whole numbers without a decimal point ("2", "-6", never "-0"), other
 * numbers as Java's Double.toString ("3.5", "1.5E-4"), NaN as "",
 * booleans as "1"/"0", dates as YYYY-MM-DD, date-times as
 * YYYY-MM-DDTHH:MM:SS.mmm+HH:MM.  *out is the caller's.
 * Fails (KESU_EDATA) only on a runtime error such as an invalid regex.
 */
int expr_eval_text(const expr *e, const struct expr_env *env, char **out,
    char **cause) KESU_WUR;
/* The same, also telling the type of the result (*type: EXPR_NUMBER for
 * a number, EXPR_BOOL for a boolean, EXPR_TEXT otherwise). */
int expr_eval_typed(const expr *e, const struct expr_env *env, char **out,
    enum expr_type *type, char **cause) KESU_WUR;

/* Evaluate as an XPath boolean (relevant, constraint, required). */
int expr_eval_bool(const expr *e, const struct expr_env *env, bool *out,
    char **cause) KESU_WUR;

/*
 * Evaluate a choice filter over the instances of a repeat (the itemset
 * of select_one ${q}) for node `node` of the `size` nodes of ${set}:
 * bare names, ./q and ${q} of a field in the repeat read that instance,
 * current()/../q and other fields the question's, position() is
 * node + 1 and last() is size.
 */
int expr_eval_choice(const expr *e, const struct expr_env *env,
    const char *set, int node, int size, bool *out, char **cause) KESU_WUR;

/* Format a number as ODK prints a calculate's number (see above). */
char *expr_format_number(double d);

/* d as Java's Double.toString prints it ("2.0", "1.5", "1.0E7",
 * "9.0E-4"), the text Collect writes for a double.  Caller frees. */
char *expr_java_double(double d);

/*
 * Read a number as the instance holds it for a typed (integer or
 * decimal) value: Java's Double.toString form included ("1.2E7",
 * "9.0E-4"), which XPath's string-to-number does not read.  NaN when s
 * is not such a number.
 */
double expr_read_number(const char *s);

/* Parse YYYY-MM-DD into days since 1970-01-01; false if not a date. */
bool expr_parse_date(const char *s, double *days);

#endif

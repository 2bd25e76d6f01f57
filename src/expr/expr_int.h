/*
 * expr_int.h - internals shared by the expression files (expr*.c).
 *
 * An expression is a tree of struct node.  Evaluation produces struct val,
 * which is a number, a string, a boolean or a date; strings are borrowed
 * (from the environment or the tree) unless `own` says the value holds a
 * heap copy, which val_free() releases.  Dates are held as local days
 * since 1970-01-01 (fractional for date-times), so that the environment's
 * time zone is applied once, where a date is made.
 */
#ifndef KESU_EXPR_INT_H
#define KESU_EXPR_INT_H

#include <locale.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "expr/expr.h"
#include "util/buf.h"

/* How deeply constructs may nest, and how deep the tree may grow. */
#define EXPR_MAX_NEST 256
#define EXPR_MAX_DEPTH 1024

enum tok_kind {
	T_END,
	T_NUM,
	T_STR,
	T_FIELD,  /* ${name}: text is the name */
	T_NAME,   /* a (Q)Name: function, operator word or choice column */
	T_DOT,
	T_DOTDOT, /* "..", "../..": num is how many steps up; "../../q":
		   * text is q (a field named by a relative path) */
	T_CURRENT, /* current(), "current()/..": num steps up, text the
		    * field after them ("current()/../q": q), len 0 if none */
	T_CHILD,  /* "./q": text is q, a child of the context node */
	T_LPAREN,
	T_RPAREN,
	T_COMMA,
	T_PLUS,
	T_MINUS,
	T_STAR,
	T_EQ,
	T_NE,
	T_LT,
	T_LE,
	T_GT,
	T_GE,
	/* only inside instance('name')/root/item[...]/col */
	T_SLASH,
	T_LBRACK,
	T_RBRACK,
};

struct tok {
	enum tok_kind kind;
	size_t off;        /* byte offsets of the token in the source */
	size_t end;
	const char *text;  /* name or literal contents (not NUL-terminated) */
	size_t len;
	double num;        /* T_NUM */
};

struct lexer {
	const char *src;
	size_t pos;
	int paths;         /* > 0: '/', '[' and ']' are tokens */
};

/* Read the next token.  KESU_EDATA with a positioned message on a
 * character that starts no token. */
int expr_lex_next(struct lexer *lx, struct tok *t, char **cause) KESU_WUR;

/* 1-based character (not byte) position of byte offset off in src. */
size_t expr_charpos(const char *src, size_t off);

enum node_op {
	N_NUM,
	N_STR,
	N_FIELD,
	N_SELF,
	N_COLUMN,
	N_NEG,
	N_OR,
	N_AND,
	N_EQ,
	N_NE,
	N_LT,
	N_LE,
	N_GT,
	N_GE,
	N_ADD,
	N_SUB,
	N_MUL,
	N_DIV,
	N_MOD,
	N_CALL,
	N_PARENT, /* "..": num steps up (position(..) only) */
	N_CURRENT, /* current(): the context node of the whole expression */
	/* ${set}[kids[1]]...[kids[nkids-1]]/kids[0]->str: str names a
	 * repeat or a field, each predicate filters its nodes in turn, the
	 * step ("" for none) names a field of each node left */
	N_PATH,
	N_INSTANCE, /* instance('str')/root/item[kids[1]]/kids[0]->str */
};

enum fn_id {
	F_IF,
	F_SELECTED,
	F_COUNT_SELECTED,
	F_SELECTED_AT,
	F_COALESCE,
	F_CONCAT,
	F_STRING_LENGTH,
	F_SUBSTR,
	F_CONTAINS,
	F_STARTS_WITH,
	F_ENDS_WITH,
	F_REGEX,
	F_NUMBER,
	F_INT,
	F_ROUND,
	F_STRING,
	F_BOOLEAN,
	F_NOT,
	F_TRUE,
	F_FALSE,
	F_TODAY,
	F_NOW,
	F_FORMAT_DATE,
	F_DATE,
	F_POW,
	F_ABS,
	F_MIN,
	F_MAX,
	F_ONCE,
	F_UUID,
	/* expr_math.c */
	F_SQRT, F_EXP, F_EXP10, F_LOG, F_LOG10, F_SIN, F_COS, F_TAN,
	F_ASIN, F_ACOS, F_ATAN, F_ATAN2, F_PI, F_FLOOR, F_CEILING,
	/* expr_string.c */
	F_TRANSLATE, F_NORMALIZE_SPACE, F_SUBSTRING_BEFORE,
	F_SUBSTRING_AFTER, F_JOIN, F_BOOLEAN_FROM_STRING, F_CHECKLIST,
	F_WEIGHTED_CHECKLIST, F_COUNT_NON_EMPTY, F_DIGEST, F_BASE64_DECODE,
	F_DEPEND,
	/* expr_dtime.c */
	F_DATE_TIME, F_DECIMAL_DATE_TIME, F_DECIMAL_TIME,
	/* expr_device.c */
	F_VERSION, F_PROPERTY, F_CHOICE_NAME, F_RANDOM,
	/* repeats (expr_nodeset.c) */
	F_COUNT,
	F_SUM,
	F_POSITION,
	F_LAST,
	F_INDEXED_REPEAT,
	F_PULLDATA,
};

struct expr_regex; /* a compiled regex() pattern, cached per node */

struct node {
	enum node_op op;
	enum fn_id fn;       /* N_CALL */
	int nkids;
	int depth;           /* height of the subtree */
	struct node **kids;  /* operands or arguments */
	double num;          /* N_NUM */
	char *str;           /* N_STR text, N_FIELD / N_COLUMN name */
	size_t len;
	struct expr_regex *re; /* F_REGEX: its compiled pattern */
};

struct expr {
	char *src;
	struct node *root;
	char **refs;
	int nrefs;
	char **prefs;        /* ${name} written inside a repeat's brackets */
	int nprefs;
	char *column;        /* the first bare name, or NULL */
	const struct node **pull; /* pulldata() calls (expr_nodeset.c) */
	int npull;
	const struct node **inst; /* instance() paths */
	int ninst;
	bool self;
	bool vol;
};

/* Parse src into e->root and e->refs (expr_parse.c). */
int expr_parse_tree(struct expr *e, char **cause) KESU_WUR;
void expr_node_free(struct node *n);

/* Look a function up by name: 0 and *id, or -1 when unknown. */
int expr_func_lookup(const char *name, size_t len, enum fn_id *id,
    int *min, int *max);
const char *expr_func_name(enum fn_id id);

enum val_kind { V_NUM, V_STR, V_BOOL, V_DATE, V_DTIME };

struct val {
	enum val_kind kind;
	bool own;      /* s is a heap copy that val_free() releases */
	double n;      /* V_NUM; V_BOOL 0/1; V_DATE / V_DTIME local days */
	const char *s; /* V_STR: always NUL-terminated */
	size_t len;
};

struct ectx {
	const struct expr_env *env;
	char **cause;
	const char *table;   /* in an instance() predicate: bare names are */
	int row;             /* the columns of this row of that table */
	/* In a predicate over the nodes of ${set} (N_PATH, or a choice
	 * filter over a repeat): bare names, ./q and '.' read node `node`
	 * (its index in env->nodes(set)); with choice, ${q} does too when
	 * q is a field of the node (as pyxform writes it ./q). */
	const char *set;
	int node;
	bool choice;
	const char *value;   /* the node's own value */
	int pos, size;       /* the context position and size: position()
			      * and last() */
};

/* A context outside every predicate: one node, at position 1. */
#define ECTX_INIT(env, cause) { (env), (cause), NULL, 0, NULL, 0, false, \
	NULL, 1, 1 }

/* expr_eval.c */
int expr_eval_node(const struct node *n, struct ectx *cx, struct val *v)
    KESU_WUR;
void val_free(struct val *v);
void val_num(struct val *v, double d);
void val_bool(struct val *v, bool b);
void val_strown(struct val *v, char *s, size_t len);
void val_strref(struct val *v, const char *s, size_t len);
double val_to_num(const struct val *v, int tz_offset);
bool val_to_bool(const struct val *v);
/* Turn v into a V_STR in place, by XPath string() rules. */
void val_to_str(struct val *v);

/* expr_func.c */
int expr_call(const struct node *n, struct ectx *cx, struct val *v)
    KESU_WUR;

/* expr_nodeset.c: functions over a field's values in every instance of
 * a repeat (count, sum, min, max with one ${name}), position(..) and
 * indexed-repeat().  *done is false when n is not such a call. */
int expr_nodeset_call(const struct node *n, struct ectx *cx, struct val *v,
    bool *done) KESU_WUR;
/* A call's argument check at parse time; NULL or a message (static).
 * A pulldata() call is also noted in e. */
const char *expr_nodeset_check(struct expr *e, const struct node *n);

/* The value of ${set}[pred]/step: the step of the first node left
 * (expr_nodeset.c). */
int expr_path_eval(const struct node *n, struct ectx *cx, struct val *v)
    KESU_WUR;

/* The value of instance('name')/root/item[pred]/col (expr_nodeset.c). */
int expr_instance_eval(const struct node *n, struct ectx *cx,
    struct val *v) KESU_WUR;

/* expr_num.c */
/* The "C" locale, for number text and regexes whatever the process's. */
locale_t expr_c_locale(void);
/* XPath string-to-number: trimmed decimal ("1,5" reads 1.5 as in
 * Collect); a date or date-time reads as its local day number; else NaN. */
double expr_str_to_num(const char *s, size_t len, int tz_offset);
/* Parse the digits of a numeric literal (already validated). */
double expr_num_literal(const char *s, size_t len);
/* A number as text, as Collect prints it: a whole number (within tol
 * of one, and at most max in size) without a point, any other as Java's
 * Double.toString.  Collect: tol 1e-9 and the long range for a stored
 * value, 1e-12 and the int range for string().  nan is the text for NaN.
 * Returns a heap string. */
char *expr_num_text(double d, double tol, double max, const char *nan);
/* Collect's round(x, places): half up on the decimal text (half toward
 * zero for negatives). */
double expr_num_round(double d, double places);
/* Java's (int) of a double: NaN is 0, saturating at the int range. */
int expr_num_jint(double d);

/* expr_date.c */
/* Parse a date ("2024-1-5" or "2024-01-05") or date-time
 * ("2024-01-05T10:20[:30[.123]][Z|+08[:00]]") into local days in
 * tz_offset.  strict requires YYYY-MM-DD digits.  *has_time tells a
 * date-time. */
bool expr_date_parse(const char *s, size_t len, bool strict, int tz_offset,
    double *days, bool *has_time);
/* Text of local days d: "YYYY-MM-DD", or a full date-time. */
char *expr_date_text(double d, bool with_time, int tz_offset);
/* format-date(): KESU_EDATA on an unknown %-escape. */
int expr_date_format(double d, const char *fmt, struct buf *out,
    char **cause) KESU_WUR;

/*
 * The function families in their own files.  Each is called with the
 * arguments evaluated (a, n->nkids of them) for the F_ ids its file
 * lists in enum fn_id, sets v and returns 0, or KESU_EDATA with *cx->cause
 * on a run-time error.
 */
int expr_fn_math(const struct node *n, struct ectx *cx, struct val *v,
    struct val *a) KESU_WUR;
int expr_fn_string(const struct node *n, struct ectx *cx, struct val *v,
    struct val *a) KESU_WUR;
int expr_fn_dtime(const struct node *n, struct ectx *cx, struct val *v,
    struct val *a) KESU_WUR;
int expr_fn_device(const struct node *n, struct ectx *cx, struct val *v,
    struct val *a) KESU_WUR;
/* Parse-time checks of the same families (constant arguments that can
 * only fail): 0, or KESU_EDATA with *cause. */
int expr_fn_check(const struct node *n, char **cause) KESU_WUR;
/* A time of day "HH:MM[:SS[.fff]][Z|+HH[:MM]]" as a fraction of the local
 * day in tz_offset; false when s is not a time (expr_date.c). */
bool expr_time_parse(const char *s, size_t len, int tz_offset,
    double *frac);
/* JavaRosa's toDate(): a value as local days (a number counts UTC days
 * from 1970-01-01); false when it is not a date (expr_func.c). */
bool expr_to_days(const struct val *a, int tz, double *days);

/* expr_regex.c */
/* An empty cache for one regex() call in the tree. */
struct expr_regex *expr_regex_new(void);
/* Whole-string match of s against the Java-style pattern re, compiling
 * into (and reusing while the pattern stays the same) cache.  KESU_EDATA
 * on an invalid or unsupported pattern, or a match over the limits. */
int expr_regex_match(struct expr_regex *cache, const char *re,
    const char *s, bool *match, char **cause) KESU_WUR;
void expr_regex_free(struct expr_regex *r);

/* expr_text.c: strings measured as Java measures them (UTF-16 units). */
size_t expr_utf16_len(const char *s, size_t len);
/* Byte offset of UTF-16 unit index u in s (clamped to len). */
size_t expr_utf16_off(const char *s, size_t len, size_t u);

#endif

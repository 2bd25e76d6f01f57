/*
 * expr_eval.c - evaluation of the tree: values, conversions, operators.
 *
 * The conversions are XPath 1.0's as JavaRosa (ODK Collect) implements
 * them.  Comparisons: '=' and '!=' compare as booleans when either side is
 * a boolean, else as numbers when either side is a number (equal within
 * 1e-12), else as strings; '<' '<=' '>' '>=' always compare numbers.  As
 * empty text is NaN as a number, a comparison with an empty value is false
 * both ways while '' = '' holds.  A date compares and subtracts as its day
 * number, and so does text that reads as a date, so ". <= today()" works on
 * a date question's stored text.
 *
 * A field (or '.') is typed as the environment says (expr_type): an
 * integer or decimal answer is a number, so "0" is false and "10" > "9"
 * is a numeric comparison even between two fields.
 *
 * Field and literal strings are borrowed, not copied, so evaluating a
 * comparison or a sum allocates nothing.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr_int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

void
val_free(struct val *v)
{
	if (v->own)
		free((char *)v->s);
	v->own = false;
	v->s = NULL;
}

void
val_num(struct val *v, double d)
{
	v->kind = V_NUM;
	v->own = false;
	v->n = d;
	v->s = NULL;
	v->len = 0;
}

void
val_bool(struct val *v, bool b)
{
	val_num(v, b ? 1 : 0);
	v->kind = V_BOOL;
}

void
val_strown(struct val *v, char *s, size_t len)
{
	v->kind = V_STR;
	v->own = true;
	v->s = s;
	v->len = len;
	v->n = 0;
}

void
val_strref(struct val *v, const char *s, size_t len)
{
	v->kind = V_STR;
	v->own = false;
	v->s = s;
	v->len = len;
	v->n = 0;
}

double
val_to_num(const struct val *v, int tz_offset)
{
	switch (v->kind) {
	case V_STR:
		return expr_str_to_num(v->s, v->len, tz_offset);
	case V_DATE:
	case V_DTIME:
		return floor(v->n);
	default:
		return v->n;
	}
}

bool
val_to_bool(const struct val *v)
{
	switch (v->kind) {
	case V_STR:
		return v->len > 0;
	case V_NUM:
		return fabs(v->n) > 1e-12;
	case V_BOOL:
		return v->n != 0;
	default:
		return true;
	}
}

void
val_to_str(struct val *v)
{
	char *s;

	switch (v->kind) {
	case V_STR:
		return;
	case V_BOOL:
		val_strref(v, v->n != 0 ? "true" : "false", v->n != 0 ? 4 : 5);
		return;
	case V_NUM:
		s = expr_num_text(v->n, 1e-12, 2147483647.0, "NaN");
		break;
	default:
		/* Collect's string of a date-time is its date. */
		s = expr_date_text(v->n, false, 0);
		break;
	}
	val_strown(v, s, strlen(s));
}

/* Text that reads as a date becomes a date when compared with one. */
static void
date_from_text(struct val *v, int tz_offset)
{
	const char *s = v->s;
	size_t len = v->len;
	double days;
	bool has_time;

	while (len > 0 && (unsigned char)*s <= ' ') {
		s++;
		len--;
	}
	while (len > 0 && (unsigned char)s[len - 1] <= ' ')
		len--;
	if (len < 10 || !expr_date_parse(s, len, true, tz_offset, &days,
	    &has_time))
		return;
	val_free(v);
	val_num(v, days);
	v->kind = has_time ? V_DTIME : V_DATE;
}

static bool
is_date(const struct val *v)
{
	return v->kind == V_DATE || v->kind == V_DTIME;
}

static bool
equal(struct val *a, struct val *b, int tz_offset)
{
	if (a->kind == V_BOOL || b->kind == V_BOOL)
		return val_to_bool(a) == val_to_bool(b);
	if (a->kind == V_NUM || b->kind == V_NUM)
		return fabs(val_to_num(a, tz_offset) -
		    val_to_num(b, tz_offset)) < 1e-12;
	if (is_date(a) && b->kind == V_STR)
		date_from_text(b, tz_offset);
	else if (is_date(b) && a->kind == V_STR)
		date_from_text(a, tz_offset);
	val_to_str(a);
	val_to_str(b);
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

static bool
compare(enum node_op op, struct val *a, struct val *b, int tz_offset)
{
	double x, y;

	switch (op) {
	case N_EQ:
		return equal(a, b, tz_offset);
	case N_NE:
		return !equal(a, b, tz_offset);
	default:
		break;
	}
	x = val_to_num(a, tz_offset);
	y = val_to_num(b, tz_offset);
	switch (op) {
	case N_LT: return x < y;
	case N_LE: return x <= y;
	case N_GT: return x > y;
	default: return x >= y;
	}
}

static double
arith(enum node_op op, double x, double y)
{
	switch (op) {
	case N_ADD: return x + y;
	case N_SUB: return x - y;
	case N_MUL: return x * y;
	case N_DIV: return x / y;
	default: return fmod(x, y); /* the sign of the dividend, as Java's % */
	}
}

/*
 * A value as Collect's typed node data reads: a number or a boolean when
 * its type says so and it is not empty, else text.
 */
static void
eval_typed(const char *s, enum expr_type type, struct val *v)
{
	if (s == NULL)
		s = "";
	if (*s != '\0' && type == EXPR_NUMBER)
		val_num(v, expr_read_number(s));
	else if (*s != '\0' && type == EXPR_BOOL)
		val_bool(v, strcmp(s, "0") != 0 && strcmp(s, "false") != 0);
	else
		val_strref(v, s, strlen(s));
}

/* Field name of the node a predicate tests (ectx.set); NULL when the
 * node has no such field. */
static const char *
node_field(const struct ectx *cx, const char *name)
{
	const struct expr_env *env = cx->env;

	if (env->member == NULL)
		return NULL;
	return env->member(env->ctx, cx->set, cx->node, name);
}

static enum expr_type
type_of(const struct ectx *cx, const char *name)
{
	const struct expr_env *env = cx->env;

	return env->field_type != NULL ? env->field_type(env->ctx, name) :
	    EXPR_TEXT;
}

static int
eval_field(const struct node *n, struct ectx *cx, struct val *v)
{
	const struct expr_env *env = cx->env;
	const char *s = NULL;
	enum expr_type type = EXPR_TEXT;

	/* In a choice filter over a repeat, ${q} of the instance offered
	 * is that instance's (pyxform writes ./q); current()/../q is not. */
	if (cx->set != NULL && cx->choice && n->num == 0 &&
	    (s = node_field(cx, n->str)) != NULL) {
		eval_typed(s, type_of(cx, n->str), v);
		return 0;
	}
	if (env->field != NULL)
		s = env->field(env->ctx, n->str);
	if (s == NULL)
		return kesu_fail(cx->cause, KESU_EDATA,
		    _("no field named '%s' for ${%s}"), n->str, n->str);
	if (env->field_type != NULL)
		type = env->field_type(env->ctx, n->str);
	eval_typed(s, type, v);
	return 0;
}

static void
eval_text(const char *s, struct val *v)
{
	if (s == NULL)
		s = "";
	val_strref(v, s, strlen(s));
}

int
expr_eval_node(const struct node *n, struct ectx *cx, struct val *v)
{
	struct val a, b;
	const struct expr_env *env = cx->env;
	bool r;
	int rc, tz = env->tz_offset;

	switch (n->op) {
	case N_NUM:
		val_num(v, n->num);
		return 0;
	case N_STR:
		val_strref(v, n->str, n->len);
		return 0;
	case N_FIELD:
		return eval_field(n, cx, v);
	case N_SELF:
		if (cx->set != NULL) {
			eval_typed(cx->value, type_of(cx, cx->set), v);
			return 0;
		}
		eval_typed(env->self, env->self_type, v);
		return 0;
	case N_CURRENT:
		eval_typed(env->self, env->self_type, v);
		return 0;
	case N_PATH:
		return expr_path_eval(n, cx, v);
	case N_COLUMN:
		if (cx->set != NULL && cx->table == NULL) {
			eval_typed(node_field(cx, n->str), type_of(cx, n->str),
			    v);
			return 0;
		}
		if (cx->table != NULL) {
			const char *c = NULL;

			if (env->table != NULL)
				(void)env->table(env->ctx, cx->table, cx->row,
				    n->str, &c);
			eval_text(c, v);
			return 0;
		}
		eval_text(env->column != NULL ?
		    env->column(env->ctx, n->str) : NULL, v);
		return 0;
	case N_INSTANCE:
		return expr_instance_eval(n, cx, v);
	case N_CALL:
		return expr_call(n, cx, v);
	case N_PARENT: /* only inside position(), which reads it itself */
		val_strref(v, "", 0);
		return 0;
	default:
		break;
	}
	if ((rc = expr_eval_node(n->kids[0], cx, &a)) != 0)
		return rc;
	if (n->op == N_NEG) {
		val_num(v, -val_to_num(&a, tz));
		val_free(&a);
		return 0;
	}
	if (n->op == N_OR || n->op == N_AND) {
		r = val_to_bool(&a);
		val_free(&a);
		if (r == (n->op == N_OR)) {
			val_bool(v, r);
			return 0;
		}
		if ((rc = expr_eval_node(n->kids[1], cx, &b)) != 0)
			return rc;
		val_bool(v, val_to_bool(&b));
		val_free(&b);
		return 0;
	}
	if ((rc = expr_eval_node(n->kids[1], cx, &b)) != 0) {
		val_free(&a);
		return rc;
	}
	if (n->op >= N_EQ && n->op <= N_GE)
		val_bool(v, compare(n->op, &a, &b, tz));
	else
		val_num(v, arith(n->op, val_to_num(&a, tz),
		    val_to_num(&b, tz)));
	val_free(&a);
	val_free(&b);
	return 0;
}

/*
 * expr_nodeset.c - the functions the environment answers beyond one
 * field's value: count(), sum(), min(), max() and count-non-empty() over
 * one ${name} or one instance('name')/root/item[pred]/col path (every
 * row pred selects), join(sep, ${name}) over the same (each node's text,
 * sep between them, as JavaRosa joins a node-set given alone after the
 * separator), position(..) and indexed-repeat() over repeats, and
 * pulldata() over a form's CSV attachment.
 *
 * kesu evaluates XLSForm's ${name} directly rather than XPath paths, so a
 * nodeset is always "field `name` as seen from where the expression is
 * evaluated": inside a repeat instance, a field of that instance is one
 * node; outside, a field of a repeat is one node per instance.  The
 * environment (expr_env.nodes) gives those values; without it every
 * field is one node.  As in XPath (and ODK Collect), an empty value reads
 * as NaN, so sum() or max() over a set with an empty value is empty; the
 * extremes of an empty set are NaN too, and its sum is 0.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr_int.h"
#include "util/buf.h"
#include "util/xalloc.h"

const char *
expr_nodeset_check(struct expr *e, const struct node *n)
{
	int k;

	switch (n->fn) {
	case F_PULLDATA:
		for (k = 0; k < 3; k++)
			if (n->kids[k]->op != N_STR || n->kids[k]->len == 0)
				return "function 'pulldata' takes the file "
				    "and column names in quotes, as in "
				    "pulldata('households', 'head', 'id', "
				    "${hh})";
		e->pull = xreallocarray(e->pull, (size_t)e->npull + 1,
		    sizeof *e->pull);
		e->pull[e->npull++] = n;
		return NULL;
	case F_COUNT:
	case F_SUM:
	case F_COUNT_NON_EMPTY:
		if (n->kids[0]->op != N_FIELD && n->kids[0]->op != N_INSTANCE)
			return n->fn == F_COUNT ?
			    "function 'count' takes a field or an instance() "
			    "path, as in count(${name})" :
			    n->fn == F_SUM ?
			    "function 'sum' takes a field or an instance() "
			    "path, as in sum(${name})" :
			    "function 'count-non-empty' takes a field or an "
			    "instance() path, as in count-non-empty(${name})";
		return NULL;
	case F_POSITION:
		if (n->kids[0]->op != N_PARENT)
			return "function 'position' is supported only as "
			    "position(..)";
		return NULL;
	case F_INDEXED_REPEAT:
		if (n->nkids % 2 == 0)
			return "function 'indexed-repeat' takes a field, then "
			    "pairs of a repeat and a position";
		for (k = 0; k < n->nkids; k = k == 0 ? 1 : k + 2)
			if (n->kids[k]->op != N_FIELD)
				return "function 'indexed-repeat' takes fields "
				    "as ${name} where it names a field or a "
				    "repeat";
		return NULL;
	default:
		return NULL;
	}
}

/* The number a node's text reads as (Java's double text included). */
static double
node_num(const char *s, int tz)
{
	double d = expr_read_number(s);

	if (isnan(d))
		d = expr_str_to_num(s, strlen(s), tz);
	return d;
}

/* The nodes of ${name}; -1 when there is no such field. */
static int
nodes(const struct ectx *cx, const char *name, const char *const **vals,
    const char **one)
{
	const struct expr_env *env = cx->env;

	if (env->nodes != NULL)
		return env->nodes(env->ctx, name, vals);
	if (env->field == NULL || (*one = env->field(env->ctx, name)) == NULL)
		return -1;
	*vals = one;
	return 1;
}

/* Does row r of instance path n pass its predicate? */
static int
row_selected(const struct node *n, struct ectx *cx, int r, bool *ok)
{
	struct ectx row = *cx;
	struct val b;
	int rc;

	*ok = true;
	if (n->nkids < 2)
		return 0;
	row.table = n->str;
	row.row = r;
	if ((rc = expr_eval_node(n->kids[1], &row, &b)) != 0)
		return rc;
	/* A number is a position, as in item[2]. */
	*ok = b.kind == V_NUM ? b.n == r + 1 : val_to_bool(&b);
	val_free(&b);
	return 0;
}

/* The column of every row instance path n selects (a path without a
 * column gives "" per row; a row without the column gives no node):
 * *count of them in *vals, which the caller frees (the strings are the
 * form's). */
static int
instance_nodes(const struct node *n, struct ectx *cx, const char ***vals,
    int *count)
{
	const struct expr_env *env = cx->env;
	const char *c = NULL;
	bool ok;
	int r, rc;

	*vals = NULL;
	*count = 0;
	if (env->table == NULL)
		return 0;
	for (r = 0; env->table(env->ctx, n->str, r, n->kids[0]->str,
	    &c) == 0; r++) {
		if ((rc = row_selected(n, cx, r, &ok)) != 0) {
			free(*vals);
			*vals = NULL;
			return rc;
		}
		if (!ok || (c == NULL && n->kids[0]->str[0] != '\0'))
			continue;
		*vals = xreallocarray(*vals, (size_t)*count + 1,
		    sizeof **vals);
		(*vals)[(*count)++] = c != NULL ? c : "";
	}
	return 0;
}

/* The node-set argument a (a ${name} or an instance path): *count texts
 * in *vals; *rows is what the caller frees, *one holds a lone value. */
static int
arg_nodes(const struct node *a, struct ectx *cx, const char *const **vals,
    const char ***rows, const char **one, int *count)
{
	int rc;

	*rows = NULL;
	if (a->op == N_INSTANCE) {
		if ((rc = instance_nodes(a, cx, rows, count)) != 0)
			return rc;
		*vals = *rows;
	} else if ((*count = nodes(cx, a->str, vals, one)) < 0)
		return kesu_fail(cx->cause, KESU_EDATA,
		    "no field named '%s' for ${%s}", a->str, a->str);
	return 0;
}

static int
fn_aggregate(const struct node *n, struct ectx *cx, struct val *v)
{
	const char *one = NULL;
	const char *const *vals = NULL;
	const char **rows = NULL;
	int tz = cx->env->tz_offset, count, k, rc;
	double acc;

	if ((rc = arg_nodes(n->kids[0], cx, &vals, &rows, &one, &count)) != 0)
		return rc;
	if (n->fn == F_COUNT || n->fn == F_COUNT_NON_EMPTY) {
		acc = 0;
		for (k = 0; k < count; k++)
			if (n->fn == F_COUNT || vals[k][0] != '\0')
				acc++;
		free(rows);
		val_num(v, acc);
		return 0;
	}
	acc = n->fn == F_SUM ? 0 : NAN;
	for (k = 0; k < count; k++) {
		double d = node_num(vals[k], tz);

		if (n->fn == F_SUM)
			acc += d;
		else if (isnan(d)) {
			acc = NAN;
			break;
		} else if (k == 0)
			acc = d;
		else
			acc = n->fn == F_MAX ? fmax(acc, d) : fmin(acc, d);
	}
	free(rows);
	val_num(v, acc);
	return 0;
}

/* join(sep, nodes): every node's text, sep between them (an empty node
 * still takes its place, as in JavaRosa and ODK Web Forms). */
static int
fn_join(const struct node *n, struct ectx *cx, struct val *v)
{
	const char *one = NULL;
	const char *const *vals = NULL;
	const char **rows = NULL;
	struct buf b = BUF_INIT;
	struct val sep;
	size_t len;
	int count, k, rc;

	if ((rc = expr_eval_node(n->kids[0], cx, &sep)) != 0)
		return rc;
	val_to_str(&sep);
	if ((rc = arg_nodes(n->kids[1], cx, &vals, &rows, &one,
	    &count)) != 0) {
		val_free(&sep);
		return rc;
	}
	for (k = 0; k < count; k++) {
		if (k > 0)
			buf_add(&b, sep.s, sep.len);
		buf_add(&b, vals[k], strlen(vals[k]));
	}
	free(rows);
	val_free(&sep);
	len = b.len;
	val_strown(v, buf_detach(&b), len);
	return 0;
}

static int
fn_indexed(const struct node *n, struct ectx *cx, struct val *v)
{
	const struct expr_env *env = cx->env;
	const char *reps[3], *s = NULL;
	int idx[3], k, npairs = (n->nkids - 1) / 2, rc;
	struct val a;

	for (k = 0; k < npairs; k++) {
		if ((rc = expr_eval_node(n->kids[2 + 2 * k], cx, &a)) != 0)
			return rc;
		idx[k] = expr_num_jint(floor(val_to_num(&a, env->tz_offset)));
		val_free(&a);
		reps[k] = n->kids[1 + 2 * k]->str;
	}
	if (env->indexed != NULL)
		s = env->indexed(env->ctx, n->kids[0]->str, reps, idx, npairs);
	else if (env->field != NULL && idx[0] == 1)
		s = env->field(env->ctx, n->kids[0]->str);
	if (s == NULL)
		s = "";
	val_strref(v, s, strlen(s));
	return 0;
}

int
expr_npulldata(const expr *e)
{
	return e->npull;
}

void
expr_pulldata(const expr *e, int i, const char **file, const char **col,
    const char **keycol)
{
	*file = e->pull[i]->kids[0]->str;
	*col = e->pull[i]->kids[1]->str;
	*keycol = e->pull[i]->kids[2]->str;
}

int
expr_ninstances(const expr *e)
{
	return e->ninst;
}

void
expr_instance(const expr *e, int i, const char **name, const char **col)
{
	*name = e->inst[i]->str;
	*col = e->inst[i]->kids[0]->str;
}

int
expr_instance_eval(const struct node *n, struct ectx *cx, struct val *v)
{
	const struct expr_env *env = cx->env;
	const char *c = NULL;
	bool ok;
	int r, rc;

	val_strref(v, "", 0);
	if (env->table == NULL)
		return 0;
	for (r = 0; env->table(env->ctx, n->str, r, n->kids[0]->str,
	    &c) == 0; r++) {
		if ((rc = row_selected(n, cx, r, &ok)) != 0)
			return rc;
		if (!ok)
			continue;
		if (c != NULL)
			val_strref(v, c, strlen(c));
		return 0;
	}
	return 0;
}

static int
fn_pulldata(const struct node *n, struct ectx *cx, struct val *v)
{
	const struct expr_env *env = cx->env;
	const char *s = NULL;
	struct val key;
	int rc;

	if ((rc = expr_eval_node(n->kids[3], cx, &key)) != 0)
		return rc;
	val_to_str(&key);
	if (env->pulldata != NULL)
		s = env->pulldata(env->ctx, n->kids[0]->str, n->kids[1]->str,
		    n->kids[2]->str, key.s);
	val_free(&key);
	if (s == NULL)
		s = "";
	val_strref(v, s, strlen(s));
	return 0;
}

int
expr_nodeset_call(const struct node *n, struct ectx *cx, struct val *v,
    bool *done)
{
	const struct expr_env *env = cx->env;

	*done = true;
	switch (n->fn) {
	case F_COUNT:
	case F_SUM:
	case F_COUNT_NON_EMPTY:
		return fn_aggregate(n, cx, v);
	case F_MIN:
	case F_MAX:
		if (n->nkids == 1 && ((n->kids[0]->op == N_FIELD &&
		    env->nodes != NULL) || n->kids[0]->op == N_INSTANCE))
			return fn_aggregate(n, cx, v);
		break;
	case F_JOIN:
		/* A field or path alone after the separator is a node-set;
		 * anything else is joined value by value (expr_string.c). */
		if (n->nkids == 2 && ((n->kids[1]->op == N_FIELD &&
		    env->nodes != NULL) || n->kids[1]->op == N_INSTANCE))
			return fn_join(n, cx, v);
		break;
	case F_POSITION:
		val_num(v, env->position != NULL ?
		    env->position(env->ctx, (int)n->kids[0]->num) : 1);
		return 0;
	case F_INDEXED_REPEAT:
		return fn_indexed(n, cx, v);
	case F_PULLDATA:
		return fn_pulldata(n, cx, v);
	default:
		break;
	}
	*done = false;
	return 0;
}

/*
 * expr_nodeset.c - the functions the environment answers beyond one
 * field's value: count(), sum(), min(), max() and count-non-empty() over
 * one ${name} or one instance('name')/root/item[pred]/col path (every
 * row pred selects) or one ${set}[pred]/step path, join(sep, ${name})
 * over the same (each node's text, sep between them, as JavaRosa joins a
 * node-set given alone after the separator), position(..), position()
 * and last() and indexed-repeat() over repeats, and pulldata() over a
 * form's CSV attachment.
 *
 * kesu evaluates XLSForm's ${name} directly rather than XPath paths, so a
 * nodeset is always "field `name` as seen from where the expression is
 * evaluated": inside a repeat instance, a field of that instance is one
 * node; outside, a field of a repeat is one node per instance.  The
 * environment (expr_env.nodes) gives those values; without it every
 * field is one node.  As in XPath (and ODK Collect), an empty value reads
 * as NaN, so sum() or max() over a set with an empty value is empty; the
 * extremes of an empty set are NaN too, and its sum is 0.
 *
 * ${set}[pred]/step filters those nodes as XPath does: each predicate in
 * turn, with the node tested as its context (bare names and ./q read
 * the node's fields through expr_env.member, '.' its own value),
 * position() and last() counted in the nodes the predicate is given,
 * and current() still the node the whole expression is evaluated for.
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
		if (n->kids[0]->op != N_FIELD && n->kids[0]->op != N_INSTANCE &&
		    n->kids[0]->op != N_PATH)
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
		if (n->nkids == 1 && n->kids[0]->op != N_PARENT)
			return "function 'position' is supported as "
			    "position() and position(..)";
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
	row.set = NULL;
	row.pos = r + 1;
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

/*
 * The nodes of path n (N_PATH) its predicates leave: *count indexes into
 * the nodes of ${set} in *idx, and their values in *vals (both the
 * caller's to free; the strings are the environment's).
 */
static int
path_nodes(const struct node *n, struct ectx *cx, const char ***vals,
    int **idx, int *count)
{
	const char *const *got = NULL, *one = NULL;
	struct ectx in = *cx;
	struct val b;
	int total, m, j, k, p, rc;

	*vals = NULL;
	*idx = NULL;
	*count = 0;
	if ((total = nodes(cx, n->str, &got, &one)) < 0)
		return kesu_fail(cx->cause, KESU_EDATA,
		    "no field named '%s' for ${%s}", n->str, n->str);
	/* Copied: evaluating a predicate may ask for other nodes. */
	*vals = xcalloc((size_t)total + 1, sizeof **vals);
	*idx = xcalloc((size_t)total + 1, sizeof **idx);
	for (k = 0; k < total; k++) {
		(*vals)[k] = got[k];
		(*idx)[k] = k;
	}
	m = total;
	in.table = NULL;
	in.set = n->str;
	in.choice = false;
	for (p = 1; p < n->nkids; p++) {
		int kept = 0;

		for (j = 0; j < m; j++) {
			bool ok;

			in.node = (*idx)[j];
			in.value = (*vals)[in.node];
			in.pos = j + 1;
			in.size = m;
			if ((rc = expr_eval_node(n->kids[p], &in, &b)) != 0) {
				free(*vals);
				free(*idx);
				*vals = NULL;
				*idx = NULL;
				return rc;
			}
			/* A number is a position, as in ${member}[2]. */
			ok = b.kind == V_NUM ? b.n == j + 1 : val_to_bool(&b);
			val_free(&b);
			if (ok)
				(*idx)[kept++] = (*idx)[j];
		}
		m = kept;
	}
	*count = m;
	return 0;
}

/* The value of node k of path n: its step's field, or its own. */
static const char *
path_value(const struct node *n, const struct ectx *cx,
    const char *const *vals, int k)
{
	const struct expr_env *env = cx->env;
	const char *step = n->kids[0]->str, *s;

	if (step[0] == '\0')
		return vals[k];
	if (env->member == NULL)
		return "";
	s = env->member(env->ctx, n->str, k, step);
	return s != NULL ? s : "";
}

int
expr_path_eval(const struct node *n, struct ectx *cx, struct val *v)
{
	const char **vals;
	const char *s = "";
	int *idx, count, rc;

	if ((rc = path_nodes(n, cx, &vals, &idx, &count)) != 0)
		return rc;
	if (count > 0)
		s = path_value(n, cx, vals, idx[0]);
	free(vals);
	free(idx);
	val_strref(v, s, strlen(s));
	return 0;
}

/* The node-set argument a (a ${name}, a ${set}[pred] path or an instance path): *count texts
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
	} else if (a->op == N_PATH) {
		const char **all;
		int *idx, k;

		if ((rc = path_nodes(a, cx, &all, &idx, count)) != 0)
			return rc;
		*rows = xcalloc((size_t)*count + 1, sizeof **rows);
		for (k = 0; k < *count; k++)
			(*rows)[k] = path_value(a, cx, all, idx[k]);
		free(all);
		free(idx);
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
		    env->nodes != NULL) || n->kids[0]->op == N_INSTANCE ||
		    n->kids[0]->op == N_PATH))
			return fn_aggregate(n, cx, v);
		break;
	case F_JOIN:
		/* A field or path alone after the separator is a node-set;
		 * anything else is joined value by value (expr_string.c). */
		if (n->nkids == 2 && ((n->kids[1]->op == N_FIELD &&
		    env->nodes != NULL) || n->kids[1]->op == N_INSTANCE ||
		    n->kids[1]->op == N_PATH))
			return fn_join(n, cx, v);
		break;
	case F_POSITION:
		if (n->nkids == 0) {
			val_num(v, cx->pos);
			return 0;
		}
		val_num(v, env->position != NULL ?
		    env->position(env->ctx, (int)n->kids[0]->num) : 1);
		return 0;
	case F_LAST:
		val_num(v, cx->size);
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

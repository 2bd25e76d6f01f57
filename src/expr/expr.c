/*
 * expr.c - the public face of kesu's expressions (see expr.h).
 *
 * An expression is parsed once (expr_parse.c) into a tree owned by the
 * struct expr; evaluation (expr_eval.c, expr_func.c) walks the tree with
 * the caller's environment and keeps no state between calls except the
 * compiled regex() patterns cached in the tree.
 */
#include <stdlib.h>
#include <string.h>

#include "expr/expr_int.h"
#include "util/xalloc.h"

int
expr_parse(const char *src, expr **out, char **cause)
{
	struct expr *e;
	int rc;

	*out = NULL;
	e = xcalloc(1, sizeof *e);
	e->src = xstrdup(src);
	if ((rc = expr_parse_tree(e, cause)) != 0) {
		expr_free(&e);
		return rc;
	}
	*out = e;
	return 0;
}

void
expr_free(expr **ep)
{
	struct expr *e = *ep;
	int i;

	if (e == NULL)
		return;
	expr_node_free(e->root);
	for (i = 0; i < e->nrefs; i++)
		free(e->refs[i]);
	free(e->refs);
	for (i = 0; i < e->nprefs; i++)
		free(e->prefs[i]);
	free(e->prefs);
	free(e->column);
	free(e->pull);
	free(e->inst);
	free(e->src);
	free(e);
	*ep = NULL;
}

const char *
expr_source(const expr *e)
{
	return e->src;
}

int
expr_nrefs(const expr *e)
{
	return e->nrefs;
}

const char *
expr_ref(const expr *e, int i)
{
	if (i < 0 || i >= e->nrefs)
		return NULL;
	return e->refs[i];
}

int
expr_npredrefs(const expr *e)
{
	return e->nprefs;
}

const char *
expr_predref(const expr *e, int i)
{
	if (i < 0 || i >= e->nprefs)
		return NULL;
	return e->prefs[i];
}

const char *
expr_column(const expr *e)
{
	return e->column;
}

bool
expr_uses_self(const expr *e)
{
	return e->self;
}

bool
expr_is_volatile(const expr *e)
{
	return e->vol;
}

int
expr_eval_text(const expr *e, const struct expr_env *env, char **out,
    char **cause)
{
	enum expr_type type;

	return expr_eval_typed(e, env, out, &type, cause);
}

int
expr_eval_typed(const expr *e, const struct expr_env *env, char **out,
    enum expr_type *type, char **cause)
{
	struct ectx cx = ECTX_INIT(env, cause);
	struct val v;
	int rc;

	*out = NULL;
	*type = EXPR_TEXT;
	if ((rc = expr_eval_node(e->root, &cx, &v)) != 0)
		return rc;
	switch (v.kind) {
	case V_NUM:
		*out = expr_format_number(v.n);
		if (*out[0] != '\0')
			*type = EXPR_NUMBER;
		break;
	case V_BOOL:
		*out = xstrdup(v.n != 0 ? "1" : "0");
		*type = EXPR_BOOL;
		break;
	case V_DATE:
	case V_DTIME:
		*out = expr_date_text(v.n, v.kind == V_DTIME, env->tz_offset);
		break;
	case V_STR:
		if (v.own) {
			*out = (char *)v.s;
			return 0;
		}
		*out = xstrdup(v.s);
		break;
	}
	val_free(&v);
	return 0;
}

int
expr_eval_bool(const expr *e, const struct expr_env *env, bool *out,
    char **cause)
{
	struct ectx cx = ECTX_INIT(env, cause);
	struct val v;
	int rc;

	*out = false;
	if ((rc = expr_eval_node(e->root, &cx, &v)) != 0)
		return rc;
	*out = val_to_bool(&v);
	val_free(&v);
	return 0;
}

int
expr_eval_choice(const expr *e, const struct expr_env *env, const char *set,
    int node, int size, bool *out, char **cause)
{
	struct ectx cx = ECTX_INIT(env, cause);
	const char *const *vals = NULL;
	struct val v;
	int rc;

	*out = false;
	cx.set = set;
	cx.node = node;
	cx.choice = true;
	cx.pos = node + 1;
	cx.size = size;
	cx.value = "";
	if (env->nodes != NULL && env->nodes(env->ctx, set, &vals) > node)
		cx.value = vals[node];
	if ((rc = expr_eval_node(e->root, &cx, &v)) != 0)
		return rc;
	*out = val_to_bool(&v);
	val_free(&v);
	return 0;
}

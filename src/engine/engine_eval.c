/*
 * engine_eval.c - the engine's side of expressions: the environment that
 * gives field values to expr_eval_*, and keeping relevance and
 * calculations true after a change.
 *
 * After field i changes only form_affected(i) is re-evaluated, in its
 * order (each field after everything it depends on), so an answer costs
 * what depends on it, not the size of the form.  For each affected field:
 * relevant = parent relevant and its own relevant expression; a field
 * that turns non-relevant loses its stored value (a group: its whole
 * subtree); a field with a calculation holds the calculation's value
 * while relevant and nothing otherwise.  A select whose choice_filter no
 * longer offers a chosen choice loses it.  An expression that fails at
 * run time (an invalid regex, say) reads as false or empty.
 *
 * In a form with repeats a field is evaluated in each instance that
 * holds it, with e->at set to that instance, so ${name} reads the
 * instance's own field, or the field of an enclosing instance, or, for a
 * field of a repeat the evaluation is not inside, the first of its nodes
 * (count(), sum() and the like read them all, expr_nodeset.c).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"
#include "util/buf.h"
#include "util/uuid.h"
#include "util/xalloc.h"

struct eval_ctx {
	const engine *e;
	const struct form_choice *choice; /* choice_filter: the choice */
	const char *name;  /* the last name looked up (the tree's string) */
	int i;             /* and its field, so its type costs no lookup */
	int self;          /* the field evaluated, -1 when none */
};

/* Field index of name, remembering the last lookup: the evaluator asks
 * for a field's type right after its value, with the same string. */
static int
eval_find(struct eval_ctx *c, const char *name)
{
	if (name != c->name) {
		c->name = name;
		c->i = form_find(c->e->f, name);
	}
	return c->i;
}

const char *
engine_seen(const engine *e, int i)
{
	return engine_seen_in(e, e->at, i);
}

const char *
engine_seen_in(const engine *ce, const struct rinst *in, int i)
{
	engine *e = (engine *)(uintptr_t)ce; /* e->at, put back */
	const char *const *vals;
	struct rinst *r, *was;
	const char *s;

	if (i < 0 || i >= e->nf)
		return "";
	if (!e->repeats)
		return !e->rel[i] || e->val[i] == NULL ? "" : e->val[i];
	if ((r = engine_owner(e, in, i)) == NULL) {
		was = e->at;
		e->at = (struct rinst *)(uintptr_t)in;
		s = engine_nodes(e, i, &vals) > 0 ? vals[0] : "";
		e->at = was;
		return s;
	}
	if (form_field(e->f, i)->repeat || !RREL(r, i) || RVAL(r, i) == NULL)
		return "";
	return RVAL(r, i);
}

static const char *
eval_field(void *ctx, const char *name)
{
	struct eval_ctx *c = ctx;
	int i = eval_find(c, name);

	if (i < 0)
		return NULL;
	return engine_seen(c->e, i);
}

/* A bare name in a choice_filter: the choice's name or another column. */
static const char *
eval_column(void *ctx, const char *name)
{
	const struct eval_ctx *c = ctx;
	int k;

	if (c->choice == NULL)
		return NULL;
	if (strcmp(name, "name") == 0)
		return c->choice->name;
	for (k = 0; k < c->choice->ncols; k++)
		if (strcmp(c->choice->col_name[k], name) == 0)
			return c->choice->col_value[k];
	return NULL;
}

static int
eval_nodes(void *ctx, const char *name, const char *const **vals)
{
	struct eval_ctx *c = ctx;
	int i = eval_find(c, name);

	if (i < 0)
		return -1;
	return engine_nodes(c->e, i, vals);
}

/* Field name of node k of ${set}, a repeat: as read in that instance. */
static const char *
eval_member(void *ctx, const char *set, int k, const char *name)
{
	struct eval_ctx *c = ctx;
	int s = form_find(c->e->f, set), i;
	struct rinst *r;

	if (s < 0 || !form_field(c->e->f, s)->repeat ||
	    (i = form_find(c->e->f, name)) < 0 ||
	    !engine_inside(c->e, i, s) ||
	    (r = engine_node_inst(c->e, s, k)) == NULL)
		return NULL;
	return engine_seen_in(c->e, r, i);
}

static int
eval_position(void *ctx, int up)
{
	const struct eval_ctx *c = ctx;

	return c->self < 0 ? 1 : engine_position(c->e, c->self, up);
}

static const char *
eval_indexed(void *ctx, const char *name, const char *const *reps,
    const int *idx, int n)
{
	const struct eval_ctx *c = ctx;
	int x = form_find(c->e->f, name), r[3], k;

	if (x < 0 || n > 3)
		return NULL;
	for (k = 0; k < n; k++)
		if ((r[k] = form_find(c->e->f, reps[k])) < 0 ||
		    !form_field(c->e->f, r[k])->repeat)
			return NULL;
	return engine_indexed(c->e, x, r, idx, n);
}

static const char *
eval_pulldata(void *ctx, const char *file, const char *col,
    const char *keycol, const char *key)
{
	const struct eval_ctx *c = ctx;

	return form_pulldata(c->e->f, file, col, keycol, key);
}

static int
eval_table(void *ctx, const char *name, int row, const char *col,
    const char **value)
{
	const struct eval_ctx *c = ctx;

	return form_table_cell(c->e->f, name, row, col, value);
}

static void
eval_uuid(void *ctx, char out[37])
{
	(void)ctx;
	uuid_v4(out);
}

enum expr_type
engine_type(const engine *e, int i)
{
	const struct form_field *fld;

	if (i < 0 || i >= e->nf)
		return EXPR_TEXT;
	fld = form_field(e->f, i);
	if (fld->type == FORM_INTEGER || fld->type == FORM_DECIMAL ||
	    fld->type == FORM_RANGE)
		return EXPR_NUMBER;
	if (fld->calculation != NULL)
		return e->type[i];
	return EXPR_TEXT;
}

static enum expr_type
eval_field_type(void *ctx, const char *name)
{
	struct eval_ctx *c = ctx;

	return engine_type(c->e, eval_find(c, name));
}

/* property(): what a laptop knows of Collect's device properties. */
static const char *
eval_property(void *ctx, const char *name)
{
	const struct eval_ctx *c = ctx;

	if (strcmp(name, "deviceid") == 0)
		return c->e->deviceid;
	if (strcmp(name, "username") == 0)
		return c->e->username;
	return NULL;
}

/* jr:choice-name(): the label of choice value of field's list. */
static const char *
eval_choice_label(void *ctx, const char *field, const char *value)
{
	const struct eval_ctx *c = ctx;
	const struct form_field *fld;
	int i = form_find(c->e->f, field), k;

	if (i < 0 || (fld = form_field(c->e->f, i))->list < 0)
		return NULL;
	if ((k = form_choice_find(c->e->f, fld->list, value)) < 0)
		return NULL;
	return form_text(c->e->f, form_choice(c->e->f, fld->list, k)->label,
	    c->e->lang);
}

/* random(): splitmix64 over the engine's state, 53 bits in [0, 1). */
static double
eval_random(void *ctx)
{
	const struct eval_ctx *c = ctx;
	unsigned long long z = (*c->e->rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	return (double)(z >> 11) / 9007199254740992.0;
}

static void
eval_env(const engine *e, struct eval_ctx *c, struct expr_env *env, int i,
    const char *self)
{
	memset(env, 0, sizeof *env);
	env->ctx = c;
	env->field = eval_field;
	env->field_type = eval_field_type;
	env->column = eval_column;
	env->self = self;
	env->self_type = engine_type(e, i);
	env->now = e->now;
	env->tz_offset = e->tz;
	env->uuid = eval_uuid;
	env->version = form_version(e->f);
	env->property = eval_property;
	env->choice_label = eval_choice_label;
	env->random = eval_random;
	env->pulldata = eval_pulldata;
	env->table = eval_table;
	c->self = i;
	if (e->repeats) {
		env->nodes = eval_nodes;
		env->member = eval_member;
		env->position = eval_position;
		env->indexed = eval_indexed;
	}
}

int
engine_eval_bool(const engine *e, const expr *x, int i, const char *self,
    bool *out, char **cause)
{
	struct eval_ctx c = { e, NULL, NULL, -1, -1 };
	struct expr_env env;

	eval_env(e, &c, &env, i, self);
	return expr_eval_bool(x, &env, out, cause);
}

char *
engine_eval_text(const engine *e, const expr *x, int i, const char *self,
    enum expr_type *type)
{
	struct eval_ctx c = { e, NULL, NULL, -1, -1 };
	struct expr_env env;
	enum expr_type t = EXPR_TEXT;
	char *out = NULL, *cause = NULL;

	eval_env(e, &c, &env, i, self);
	if (type != NULL)
		*type = EXPR_TEXT;
	if (expr_eval_typed(x, &env, &out, &t, &cause) != 0) {
		free(cause);
		return NULL;
	}
	if (out != NULL && *out == '\0') {
		free(out);
		return NULL;
	}
	if (type != NULL)
		*type = t;
	return out;
}

bool
engine_choice_passes(const engine *e, int i, int c)
{
	const struct form_field *fld = form_field(e->f, i);
	struct eval_ctx ctx = { e, NULL, NULL, -1, -1 };
	struct expr_env env;
	char *cause = NULL;
	bool ok = false;

	if (fld->choice_filter == NULL)
		return true;
	ctx.choice = form_choice(e->f, fld->list, c);
	eval_env(e, &ctx, &env, -1, NULL);
	if (expr_eval_bool(fld->choice_filter, &env, &ok, &cause) != 0) {
		free(cause);
		return false;
	}
	return ok;
}

/*
 * Choice k of select_one ${q} (field i): node k of q's repeat, seen from
 * e->at; whether its answer there is not empty and passes the choice
 * filter, evaluated over the repeat's n nodes (expr_eval_choice()).
 */
bool
engine_node_passes(const engine *e, int i, int k, int n, const char **value)
{
	const struct form_field *fld = form_field(e->f, i);
	int rep = form_field(e->f, fld->source)->in_repeat;
	struct eval_ctx ctx = { e, NULL, NULL, -1, -1 };
	struct expr_env env;
	struct rinst *r;
	char *cause = NULL;
	bool ok = false;

	*value = "";
	if ((r = engine_node_inst(e, rep, k)) == NULL)
		return false;
	*value = engine_seen_in(e, r, fld->source);
	if (**value == '\0')
		return false;
	if (fld->choice_filter == NULL)
		return true;
	eval_env(e, &ctx, &env, i, engine_seen(e, i));
	if (expr_eval_choice(fld->choice_filter, &env,
	    form_field(e->f, rep)->name, k, n, &ok, &cause) != 0) {
		free(cause);
		return false;
	}
	return ok;
}

/*
 * Re-evaluate field i's relevance and calculation in instance r (which
 * holds it).  When a group changes relevance its descendants are
 * re-evaluated here too, in form order and in every instance inside r,
 * so that the subtree is right even before form_affected() reaches them.
 */
static void
eval_one(engine *e, struct rinst *r, int i, bool subtree)
{
	const struct form_field *fld = form_field(e->f, i);
	struct rinst *pr, *was = e->at;
	bool before = RREL(r, i), now = true;
	char *cause = NULL;
	int k;

	e->at = r;
	pr = fld->parent >= 0 ? engine_owner(e, r, fld->parent) : NULL;
	if (pr != NULL && !RREL(pr, fld->parent))
		now = false;
	else if (fld->relevant != NULL &&
	    engine_eval_bool(e, fld->relevant, i, RVAL(r, i), &now,
	    &cause) != 0) {
		free(cause);
		now = false;
	}
	RREL(r, i) = now;
	if (before && !now && !e->loading && r != e->fresh) {
		free(RVAL(r, i));
		RVAL(r, i) = NULL;
	}
	if (fld->calculation != NULL) {
		char *v = NULL;

		if (now)
			v = engine_eval_text(e, fld->calculation, i, RVAL(r, i),
			    &RTYPE(r, i));
		free(RVAL(r, i));
		RVAL(r, i) = v;
	}
	if (subtree && fld->type == FORM_GROUP && before != now) {
		struct rinst **in = NULL;
		int n, j;

		for (k = i + 1; k < fld->end; k++) {
			if (form_field(e->f, k)->in_repeat == r->rep) {
				eval_one(e, r, k, false);
				continue;
			}
			n = 0;
			engine_instances(e, r, form_field(e->f, k)->in_repeat,
			    &in, &n);
			for (j = 0; j < n; j++)
				eval_one(e, in[j], k, false);
		}
		free(in);
	}
	e->at = was;
}

void
engine_eval_one(engine *e, struct rinst *r, int i)
{
	eval_one(e, r, i, false);
}

/* Field i in every instance that holds it. */
static void
eval_everywhere(engine *e, int i, bool subtree)
{
	struct rinst **in = NULL;
	int n = 0, k;

	if (!e->repeats) {
		eval_one(e, &e->root, i, subtree);
		return;
	}
	engine_instances(e, &e->root, form_field(e->f, i)->in_repeat, &in,
	    &n);
	for (k = 0; k < n; k++)
		eval_one(e, in[k], i, subtree);
	free(in);
}

void
engine_refresh(engine *e, int i)
{
	const int *order;
	int n, k;

	order = form_affected(e->f, i, &n);
	for (k = 0; k < n; k++)
		eval_everywhere(e, order[k], true);
}

void
engine_refresh_all(engine *e)
{
	const int *order;
	int n, k;

	e->loading = true;
	order = form_eval_order(e->f, &n);
	for (k = 0; k < n; k++)
		eval_everywhere(e, order[k], false);
	e->loading = false;
	if (e->counted && engine_sync_counts(e))
		engine_restructure(e);
}

/*
 * Field i's answer in e->at's instance r without the choices its
 * choice_filter no longer offers: NULL when nothing changes, else the new
 * text (maybe "").
 */
static char *
eval_filtered(const engine *e, struct rinst *r, int i)
{
	const struct form_field *fld = form_field(e->f, i);
	const char *p = RVAL(r, i);
	struct buf b = BUF_INIT;
	bool dropped = false;

	/* select_one ${q}: the whole answer is one name, spaces and all */
	if (fld->source >= 0)
		return engine_offers(e, i, p) ? NULL : xstrdup("");
	while (*p != '\0') {
		const char *w;
		char *name;
		int c;

		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (w = p; *p != '\0' && *p != ' '; p++)
			;
		name = xstrndup(w, (size_t)(p - w));
		c = form_choice_find(e->f, fld->list, name);
		if (c >= 0 && !engine_choice_passes(e, i, c))
			dropped = true;
		else {
			if (b.len > 0)
				buf_addch(&b, ' ');
			buf_addstr(&b, name);
		}
		free(name);
		if (fld->type == FORM_SELECT_ONE)
			break;
	}
	if (!dropped) {
		buf_free(&b);
		return NULL;
	}
	buf_add(&b, "", 0);
	return buf_detach(&b);
}

/* Field i in instance r, pruned; true when it changed. */
static bool
eval_prune_one(engine *e, struct rinst *r, int i)
{
	struct rinst *was = e->at;
	char *v;

	if (RVAL(r, i) == NULL || !RREL(r, i))
		return false;
	e->at = r;
	if ((v = eval_filtered(e, r, i)) == NULL) {
		e->at = was;
		return false;
	}
	free(RVAL(r, i));
	RVAL(r, i) = NULL;
	if (*v != '\0')
		RVAL(r, i) = v;
	else
		free(v);
	engine_refresh(e, i);
	e->at = was;
	return true;
}

/*
 * Drop selections that a choice_filter no longer offers, as Collect does
 * when a select's choices are recomputed: a select_one loses its answer,
 * a select_multiple the choices that went.  Each drop refreshes what
 * depends on the select; answers only shrink, so this ends.
 */
static void
eval_prune(engine *e)
{
	struct rinst **in = NULL;
	bool again = true;
	int i, k, n;

	while (again) {
		again = false;
		for (i = 0; i < e->nf; i++) {
			const struct form_field *fld = form_field(e->f, i);

			if (fld->choice_filter == NULL ||
			    (fld->list < 0 && fld->source < 0) ||
			    (fld->type != FORM_SELECT_ONE &&
			    fld->type != FORM_SELECT_MULTIPLE &&
			    fld->type != FORM_RANK))
				continue;
			n = 0;
			engine_instances(e, &e->root, fld->in_repeat, &in, &n);
			for (k = 0; k < n; k++)
				if (eval_prune_one(e, in[k], i))
					again = true;
		}
	}
	free(in);
}

void
engine_store(engine *e, int i, char *v)
{
	struct rinst *r = engine_owner(e, e->at, i);

	if (v != NULL && *v == '\0') {
		free(v);
		v = NULL;
	}
	if (r == NULL) {
		free(v);
		return;
	}
	free(RVAL(r, i));
	RVAL(r, i) = v;
	engine_refresh(e, i);
	if (e->filters)
		eval_prune(e);
	if (e->counted && engine_sync_counts(e))
		engine_restructure(e);
}

int
engine_refuse(const engine *e, const char *const *texts,
    const char *fallback, char **cause)
{
	char *msg = engine_text(e, texts);
	int rc;

	rc = kesu_fail(cause, KESU_EDATA, "%s", msg != NULL ? msg : fallback);
	free(msg);
	return rc;
}

/* form_fill()'s view of field k: its text as expressions see it, and
 * whether they read it as a number. */
static const char *
text_value(void *ctx, int k, bool *number)
{
	const engine *e = ctx;

	*number = engine_type(e, k) == EXPR_NUMBER;
	return engine_seen(e, k);
}

char *
engine_text(const engine *e, const char *const *texts)
{
	const char *msg;

	if (texts == NULL)
		return NULL;
	msg = form_text(e->f, texts, e->lang);
	if (msg == NULL || *msg == '\0')
		return NULL;
	return form_fill(e->f, msg, text_value, (void *)(uintptr_t)e);
}

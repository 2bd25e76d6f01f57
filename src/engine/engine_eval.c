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
 */
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
	if (i < 0 || i >= e->nf || !e->rel[i] || e->val[i] == NULL)
		return "";
	return e->val[i];
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
}

int
engine_eval_bool(const engine *e, const expr *x, int i, const char *self,
    bool *out, char **cause)
{
	struct eval_ctx c = { e, NULL, NULL, -1 };
	struct expr_env env;

	eval_env(e, &c, &env, i, self);
	return expr_eval_bool(x, &env, out, cause);
}

char *
engine_eval_text(const engine *e, const expr *x, int i, const char *self,
    enum expr_type *type)
{
	struct eval_ctx c = { e, NULL, NULL, -1 };
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
	struct eval_ctx ctx = { e, NULL, NULL, -1 };
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

static void
eval_clear(engine *e, int i)
{
	free(e->val[i]);
	e->val[i] = NULL;
}

/*
 * Re-evaluate field i's relevance and calculation.  When a group changes
 * relevance its descendants are re-evaluated here too, in form order, so
 * that the subtree is right even before form_affected() reaches them.
 */
static void
eval_one(engine *e, int i, bool subtree)
{
	const struct form_field *fld = form_field(e->f, i);
	bool was = e->rel[i], now = true;
	char *cause = NULL;
	int k;

	if (fld->parent >= 0 && !e->rel[fld->parent])
		now = false;
	else if (fld->relevant != NULL &&
	    engine_eval_bool(e, fld->relevant, i, e->val[i], &now, &cause) != 0) {
		free(cause);
		now = false;
	}
	e->rel[i] = now;
	if (was && !now && !e->loading)
		eval_clear(e, i);
	if (fld->calculation != NULL) {
		char *v = NULL;

		if (now)
			v = engine_eval_text(e, fld->calculation, i, e->val[i],
			    &e->type[i]);
		free(e->val[i]);
		e->val[i] = v;
	}
	if (subtree && fld->type == FORM_GROUP && was != now)
		for (k = i + 1; k < fld->end; k++)
			eval_one(e, k, false);
}

void
engine_refresh(engine *e, int i)
{
	const int *order;
	int n, k;

	order = form_affected(e->f, i, &n);
	for (k = 0; k < n; k++)
		eval_one(e, order[k], true);
}

void
engine_refresh_all(engine *e)
{
	const int *order;
	int n, k;

	e->loading = true;
	order = form_eval_order(e->f, &n);
	for (k = 0; k < n; k++)
		eval_one(e, order[k], false);
	e->loading = false;
}

/*
 * Field i's answer without the choices its choice_filter no longer
 * offers: NULL when nothing changes, else the new text (maybe "").
 */
static char *
eval_filtered(const engine *e, int i)
{
	const struct form_field *fld = form_field(e->f, i);
	const char *p = e->val[i];
	struct buf b = BUF_INIT;
	bool dropped = false;

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

/*
 * Drop selections that a choice_filter no longer offers, as Collect does
 * when a select's choices are recomputed: a select_one loses its answer,
 * a select_multiple the choices that went.  Each drop refreshes what
 * depends on the select; answers only shrink, so this ends.
 */
static void
eval_prune(engine *e)
{
	bool again = true;
	int i;

	while (again) {
		again = false;
		for (i = 0; i < e->nf; i++) {
			const struct form_field *fld = form_field(e->f, i);
			char *v;

			if (fld->choice_filter == NULL || fld->list < 0 ||
			    e->val[i] == NULL || !e->rel[i] ||
			    (fld->type != FORM_SELECT_ONE &&
			    fld->type != FORM_SELECT_MULTIPLE))
				continue;
			if ((v = eval_filtered(e, i)) == NULL)
				continue;
			free(e->val[i]);
			e->val[i] = NULL;
			if (*v != '\0')
				e->val[i] = v;
			else
				free(v);
			engine_refresh(e, i);
			again = true;
		}
	}
}

void
engine_store(engine *e, int i, char *v)
{
	if (v != NULL && *v == '\0') {
		free(v);
		v = NULL;
	}
	free(e->val[i]);
	e->val[i] = v;
	engine_refresh(e, i);
	if (e->filters)
		eval_prune(e);
}

int
engine_refuse(const engine *e, const char *const *texts,
    const char *fallback, char **cause)
{
	char *msg = engine_form_message(e, texts);
	int rc;

	rc = kesu_fail(cause, KESU_EDATA, "%s", msg != NULL ? msg : fallback);
	free(msg);
	return rc;
}

char *
engine_form_message(const engine *e, const char *const *texts)
{
	const char *msg, *p, *close;
	struct buf b = BUF_INIT;

	if (texts == NULL)
		return NULL;
	msg = form_text(e->f, texts, e->lang);
	if (msg == NULL || *msg == '\0')
		return NULL;
	for (p = msg; *p != '\0'; p++) {
		if (p[0] == '$' && p[1] == '{' &&
		    (close = strchr(p + 2, '}')) != NULL) {
			char *name = xstrndup(p + 2, (size_t)(close - p - 2));
			int k = form_find(e->f, name);

			free(name);
			if (k >= 0) {
				buf_addstr(&b, engine_seen(e, k));
				p = close;
				continue;
			}
		}
		buf_addch(&b, *p);
	}
	return buf_detach(&b);
}

/*
 * expr_parse.c - recursive-descent parser from source text to a tree.
 *
 * Precedence, loosest first: or, and, = !=, < <= > >=, + -, * div mod,
 * unary minus; binary operators associate to the left.  Function names and
 * argument counts are checked here, so a misspelt function or a wrong
 * number of arguments is a form error, found when the form is loaded rather
 * than in the middle of an interview.  Nesting is bounded (EXPR_MAX_NEST
 * levels of parentheses, calls and minus signs; EXPR_MAX_DEPTH for the
 * whole tree) so neither parsing nor evaluation can exhaust the stack.
 */
#include <stdlib.h>
#include <string.h>

#include "expr/expr_int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static const struct {
	const char *name;
	enum fn_id id;
	int min, max; /* max -1: any number */
} funcs[] = {
	{ "if", F_IF, 3, 3 },
	{ "selected", F_SELECTED, 2, 2 },
	{ "count-selected", F_COUNT_SELECTED, 1, 1 },
	{ "selected-at", F_SELECTED_AT, 2, 2 },
	{ "coalesce", F_COALESCE, 2, 2 },
	{ "concat", F_CONCAT, 0, -1 },
	{ "string-length", F_STRING_LENGTH, 0, 1 },
	{ "substr", F_SUBSTR, 2, 3 },
	{ "contains", F_CONTAINS, 2, 2 },
	{ "starts-with", F_STARTS_WITH, 2, 2 },
	{ "ends-with", F_ENDS_WITH, 2, 2 },
	{ "regex", F_REGEX, 2, 2 },
	{ "number", F_NUMBER, 1, 1 },
	{ "int", F_INT, 1, 1 },
	{ "round", F_ROUND, 1, 2 },
	{ "string", F_STRING, 1, 1 },
	{ "boolean", F_BOOLEAN, 1, 1 },
	{ "not", F_NOT, 1, 1 },
	{ "true", F_TRUE, 0, 0 },
	{ "false", F_FALSE, 0, 0 },
	{ "today", F_TODAY, 0, 0 },
	{ "now", F_NOW, 0, 0 },
	{ "format-date", F_FORMAT_DATE, 2, 2 },
	{ "date", F_DATE, 1, 1 },
	{ "pow", F_POW, 2, 2 },
	{ "abs", F_ABS, 1, 1 },
	{ "min", F_MIN, 1, -1 },
	{ "max", F_MAX, 1, -1 },
	{ "once", F_ONCE, 1, 1 },
	{ "uuid", F_UUID, 0, 0 },
	{ "sqrt", F_SQRT, 1, 1 },
	{ "exp", F_EXP, 1, 1 },
	{ "exp10", F_EXP10, 1, 1 },
	{ "log", F_LOG, 1, 1 },
	{ "log10", F_LOG10, 1, 1 },
	{ "sin", F_SIN, 1, 1 },
	{ "cos", F_COS, 1, 1 },
	{ "tan", F_TAN, 1, 1 },
	{ "asin", F_ASIN, 1, 1 },
	{ "acos", F_ACOS, 1, 1 },
	{ "atan", F_ATAN, 1, 1 },
	{ "atan2", F_ATAN2, 2, 2 },
	{ "pi", F_PI, 0, 0 },
	{ "floor", F_FLOOR, 1, 1 },
	{ "ceiling", F_CEILING, 1, 1 },
	{ "translate", F_TRANSLATE, 3, 3 },
	{ "normalize-space", F_NORMALIZE_SPACE, 0, 1 },
	{ "substring-before", F_SUBSTRING_BEFORE, 2, 2 },
	{ "substring-after", F_SUBSTRING_AFTER, 2, 2 },
	{ "join", F_JOIN, 1, -1 },
	{ "boolean-from-string", F_BOOLEAN_FROM_STRING, 1, 1 },
	{ "checklist", F_CHECKLIST, 2, -1 },
	{ "weighted-checklist", F_WEIGHTED_CHECKLIST, 2, -1 },
	{ "count-non-empty", F_COUNT_NON_EMPTY, 1, 1 },
	{ "digest", F_DIGEST, 2, 3 },
	{ "base64-decode", F_BASE64_DECODE, 1, 1 },
	{ "depend", F_DEPEND, 1, -1 },
	{ "is-selected", F_SELECTED, 2, 2 },
	{ "date-time", F_DATE_TIME, 1, 1 },
	{ "decimal-date-time", F_DECIMAL_DATE_TIME, 1, 1 },
	{ "decimal-time", F_DECIMAL_TIME, 1, 1 },
	{ "format-date-time", F_FORMAT_DATE, 2, 2 },
	{ "version", F_VERSION, 0, 0 },
	{ "property", F_PROPERTY, 1, 1 },
	{ "jr:choice-name", F_CHOICE_NAME, 2, 2 },
	{ "random", F_RANDOM, 0, 0 },
	{ "count", F_COUNT, 1, 1 },
	{ "sum", F_SUM, 1, 1 },
	{ "position", F_POSITION, 0, 1 },
	{ "last", F_LAST, 0, 0 },
	{ "indexed-repeat", F_INDEXED_REPEAT, 3, 7 },
	{ "pulldata", F_PULLDATA, 4, 4 },
};

/* Functions of ODK XPath that kesu does not offer: named as unsupported
 * rather than unknown, so that a form author is not told they misspelt. */
/* Functions kesu refuses for a reason a form author should read. */
static const struct {
	const char *name, *why;
} refused[] = {
	{ "randomize", "it orders a choice list: write randomize=true (and "
	    "seed=...) in the parameters column of the select" },
	{ "area", "geoshape and geotrace questions are not offered on a "
	    "laptop" },
	{ "enclosed-area", "geoshape and geotrace questions are not offered "
	    "on a laptop" },
	{ "distance", "geoshape and geotrace questions are not offered on a "
	    "laptop" },
	{ "geofence", "geoshape and geotrace questions are not offered on a "
	    "laptop" },
	{ "extract-signed", "kesu has no Ed25519 key support" },
	{ "jr:itext", "labels are read from the label columns" },
	{ "local-name", "kesu forms have no XML node-sets" },
	{ "name", "kesu forms have no XML node-sets" },
	{ "namespace-uri", "kesu forms have no XML node-sets" },
	{ "lang", "kesu forms have no XML node-sets" },
	{ "search", "it is Collect's old external lookup: use "
	    "select_one_from_file with a choice_filter" },
};

int
expr_func_lookup(const char *name, size_t len, enum fn_id *id, int *min,
    int *max)
{
	size_t i;

	for (i = 0; i < sizeof funcs / sizeof funcs[0]; i++) {
		if (strlen(funcs[i].name) == len &&
		    memcmp(funcs[i].name, name, len) == 0) {
			*id = funcs[i].id;
			*min = funcs[i].min;
			*max = funcs[i].max;
			return 0;
		}
	}
	return -1;
}

const char *
expr_func_name(enum fn_id id)
{
	size_t i;

	for (i = 0; i < sizeof funcs / sizeof funcs[0]; i++)
		if (funcs[i].id == id)
			return funcs[i].name;
	return "?";
}

static const char *
refused_why(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof refused / sizeof refused[0]; i++)
		if (strlen(refused[i].name) == len &&
		    memcmp(refused[i].name, name, len) == 0)
			return refused[i].why;
	return NULL;
}

/* What a bare name means where the parser is. */
enum pred_kind {
	PRED_NONE,     /* a choice column (choice_filter) */
	PRED_INSTANCE, /* a column of a secondary instance's row */
	PRED_SET,      /* a field of a repeat's instance: a reference */
};

struct parser {
	struct expr *e;
	enum pred_kind pred;
	struct lexer lx;
	struct tok cur;
	int nest;
	bool parent_ok;   /* ".." may come next: position(..) */
	bool set_ok;      /* an instance() path without a column may come
			   * next: count(instance('x')/root/item[...]) */
	char **cause;
};

static int parse_or(struct parser *p, struct node **out);

static int
advance(struct parser *p)
{
	return expr_lex_next(&p->lx, &p->cur, p->cause);
}

static bool
is_word(const struct tok *t, const char *w)
{
	return t->kind == T_NAME && t->len == strlen(w) &&
	    memcmp(t->text, w, t->len) == 0;
}

/* "syntax error at character N: WHAT" at the current token. */
static int
syntax(struct parser *p, const char *what)
{
	return kesu_fail(p->cause, KESU_EDATA,
	    _("syntax error at character %zu: %s"),
	    expr_charpos(p->e->src, p->cur.off), what);
}

static struct node *
node_new(enum node_op op, int nkids)
{
	struct node *n = xcalloc(1, sizeof *n);

	n->op = op;
	n->nkids = nkids;
	if (nkids > 0)
		n->kids = xcalloc((size_t)nkids, sizeof *n->kids);
	return n;
}

void
expr_node_free(struct node *n)
{
	int i;

	if (n == NULL)
		return;
	for (i = 0; i < n->nkids; i++)
		expr_node_free(n->kids[i]);
	free(n->kids);
	free(n->str);
	expr_regex_free(n->re);
	free(n);
}

/* Set n's depth from its children; refuse a tree deeper than the bound. */
static int
set_depth(struct parser *p, struct node *n, size_t off)
{
	int i;

	n->depth = 1;
	for (i = 0; i < n->nkids; i++)
		if (n->kids[i]->depth + 1 > n->depth)
			n->depth = n->kids[i]->depth + 1;
	if (n->depth > EXPR_MAX_DEPTH)
		return kesu_fail(p->cause, KESU_EDATA,
		    _("syntax error at character %zu: expression nested too "
		    "deeply"), expr_charpos(p->e->src, off));
	return 0;
}

static void
add_ref(struct expr *e, const char *name)
{
	int i;

	for (i = 0; i < e->nrefs; i++)
		if (strcmp(e->refs[i], name) == 0)
			return;
	e->refs = xreallocarray(e->refs, (size_t)e->nrefs + 1,
	    sizeof *e->refs);
	e->refs[e->nrefs++] = xstrdup(name);
}

static int
arity_error(struct parser *p, const char *name, int min, int max, int n)
{
	if (min == max)
		return kesu_fail(p->cause, KESU_EDATA,
		    ngettext("function '%s' takes %d argument, not %d",
		    "function '%s' takes %d arguments, not %d",
		    (unsigned long)min), name, min, n);
	if (max < 0)
		return kesu_fail(p->cause, KESU_EDATA,
		    ngettext("function '%s' takes at least %d argument, not %d",
		    "function '%s' takes at least %d arguments, not %d",
		    (unsigned long)min), name, min, n);
	return kesu_fail(p->cause, KESU_EDATA,
	    _("function '%s' takes %d %s %d arguments, not %d"), name, min,
	    max > min + 1 ? _("to") : _("or"), max, n);
}

/* Checks that need the arguments: what Collect would refuse at run time
 * and a form author should hear about when the form is loaded. */
static int
check_call(struct parser *p, struct node *n)
{
	struct buf b = BUF_INIT;
	const char *why;
	int rc = 0;

	if ((why = expr_nodeset_check(p->e, n)) != NULL)
		return kesu_fail(p->cause, KESU_EDATA, "%s", why);
	switch (n->fn) {
	case F_SELECTED:
		if (n->kids[1]->op == N_NUM)
			rc = kesu_fail(p->cause, KESU_EDATA,
			    _("function 'selected' needs its second argument "
			    "in quotes (like '1')"));
		break;
	case F_REGEX:
		n->re = expr_regex_new();
		/* A constant pattern is compiled now (and kept), so that a
		 * bad one is the form's error, not the interviewer's. */
		if (n->kids[1]->op == N_STR) {
			bool m;

			rc = expr_regex_match(n->re, n->kids[1]->str, "", &m,
			    p->cause);
		}
		break;
	case F_FORMAT_DATE:
		if (n->kids[1]->op == N_STR)
			rc = expr_date_format(0, n->kids[1]->str, &b, p->cause);
		break;
	case F_STRING_LENGTH:
	case F_NORMALIZE_SPACE:
		if (n->nkids == 0)
			p->e->self = true;
		break;
	case F_ONCE:
		p->e->self = true;
		break;
	case F_TODAY:
	case F_NOW:
	case F_UUID:
	case F_RANDOM:
		p->e->vol = true;
		break;
	default:
		rc = expr_fn_check(n, p->cause);
		break;
	}
	buf_free(&b);
	return rc;
}

/* Expect the current token to be kind (what: the message), then move
 * past it. */
static int
expect(struct parser *p, enum tok_kind kind, const char *word,
    const char *what)
{
	if (p->cur.kind != kind || (word != NULL && !is_word(&p->cur, word)))
		return syntax(p, what);
	return advance(p);
}

/*
 * instance('name')/root/item[pred]/col, after "instance": the rows of the
 * form's secondary instance `name` (an attachment or a choice list) that
 * pred (its bare names are the row's columns) selects, and their column
 * col; as a value, the first of them.  The column may be left out where
 * set_ok says a node-set is counted (col is then ""). '/', '[' and ']'
 * are tokens only from the ')' to the column name.
 */
static int
parse_instance(struct parser *p, bool set_ok, struct node **out)
{
	struct node *n = NULL, *pred = NULL, *col;
	const char *want = "expected instance('name')/root/item[...]/column";
	int rc;

	if ((rc = advance(p)) != 0) /* past '(' */
		return rc;
	if (p->cur.kind != T_STR || p->cur.len == 0)
		return syntax(p, want);
	n = node_new(N_INSTANCE, 0);
	n->str = xstrndup(p->cur.text, p->cur.len);
	n->len = p->cur.len;
	n->depth = 2;
	p->lx.paths++;
	if ((rc = advance(p)) != 0 ||
	    (rc = expect(p, T_RPAREN, NULL, want)) != 0 ||
	    (rc = expect(p, T_SLASH, NULL, want)) != 0 ||
	    (rc = expect(p, T_NAME, "root", want)) != 0 ||
	    (rc = expect(p, T_SLASH, NULL, want)) != 0 ||
	    (rc = expect(p, T_NAME, "item", want)) != 0)
		goto out;
	if (p->cur.kind == T_LBRACK) {
		enum pred_kind was = p->pred;

		p->pred = PRED_INSTANCE;
		rc = advance(p);
		if (rc == 0)
			rc = parse_or(p, &pred);
		p->pred = was;
		if (rc != 0)
			goto out;
		if ((rc = expect(p, T_RBRACK, NULL, "expected ']'")) != 0)
			goto out;
	}
	if (set_ok && p->cur.kind != T_SLASH) {
		col = node_new(N_STR, 0);
		col->str = xstrdup("");
		p->lx.paths--;
		goto made;
	}
	if ((rc = expect(p, T_SLASH, NULL, want)) != 0)
		goto out;
	if (p->cur.kind != T_NAME) {
		rc = syntax(p, want);
		goto out;
	}
	col = node_new(N_STR, 0);
	col->str = xstrndup(p->cur.text, p->cur.len);
	col->len = p->cur.len;
	p->lx.paths--;
	if ((rc = advance(p)) != 0) {
		expr_node_free(col);
		goto out;
	}
made:
	col->depth = 1;
	n->nkids = pred != NULL ? 2 : 1;
	n->kids = xcalloc(2, sizeof *n->kids);
	n->kids[0] = col;
	n->kids[1] = pred;
	pred = NULL;
	if (n->kids[1] != NULL && n->kids[1]->depth + 1 > n->depth)
		n->depth = n->kids[1]->depth + 1;
	p->e->inst = xreallocarray(p->e->inst, (size_t)p->e->ninst + 1,
	    sizeof *p->e->inst);
	p->e->inst[p->e->ninst++] = n;
	*out = n;
	return 0;
out:
	if (p->lx.paths > 0)
		p->lx.paths--;
	expr_node_free(pred);
	expr_node_free(n);
	return rc;
}

static int
parse_call(struct parser *p, const struct tok *name, bool set_ok,
    struct node **out)
{
	struct node *n = NULL, **args = NULL;
	const char *why;
	enum fn_id id;
	int nargs = 0, min, max, rc;
	char *fname = xstrndup(name->text, name->len);

	if (name->len == 8 && memcmp(name->text, "instance", 8) == 0) {
		free(fname);
		return parse_instance(p, set_ok, out);
	}
	if (name->len == 7 && memcmp(name->text, "current", 7) == 0) {
		/* "current ( )", spaced: the context node */
		free(fname);
		if ((rc = advance(p)) != 0 ||
		    (rc = expect(p, T_RPAREN, NULL, _("expected ')'"))) != 0)
			return rc;
		*out = node_new(N_CURRENT, 0);
		(*out)->depth = 1;
		p->e->self = true;
		return 0;
	}
	if (expr_func_lookup(name->text, name->len, &id, &min, &max) != 0) {
		if ((why = refused_why(name->text, name->len)) != NULL)
			rc = kesu_fail(p->cause, KESU_EDATA,
			    _("function '%s' is not supported: %s"), fname, why);
		else
			rc = kesu_fail(p->cause, KESU_EDATA,
			    _("unknown function '%s'"), fname);
		goto out;
	}
	if ((rc = advance(p)) != 0) /* past '(' */
		goto out;
	p->parent_ok = id == F_POSITION;
	p->set_ok = id == F_COUNT;
	if (p->cur.kind != T_RPAREN) {
		for (;;) {
			args = xreallocarray(args, (size_t)nargs + 1,
			    sizeof *args);
			if ((rc = parse_or(p, &args[nargs])) != 0)
				goto out;
			nargs++;
			if (p->cur.kind != T_COMMA)
				break;
			if ((rc = advance(p)) != 0)
				goto out;
		}
		if (p->cur.kind != T_RPAREN) {
			rc = syntax(p, _("expected ')'"));
			goto out;
		}
	}
	if ((rc = advance(p)) != 0)
		goto out;
	if (nargs < min || (max >= 0 && nargs > max)) {
		rc = arity_error(p, fname, min, max, nargs);
		goto out;
	}
	n = node_new(N_CALL, 0);
	n->fn = id;
	n->nkids = nargs;
	n->kids = args;
	args = NULL;
	nargs = 0;
	if ((rc = set_depth(p, n, name->off)) != 0 ||
	    (rc = check_call(p, n)) != 0)
		goto out;
	*out = n;
	n = NULL;
out:
	while (nargs > 0)
		expr_node_free(args[--nargs]);
	free(args);
	expr_node_free(n);
	free(fname);
	return rc;
}

/* Whether a '[' follows the current token: a predicate on it. */
static bool
bracket_next(const struct parser *p)
{
	const char *s = p->e->src + p->lx.pos;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	return *s == '[';
}

/*
 * ${set}[pred]...[pred]/step after the field set (the current token,
 * whose node is base, taken over): each predicate reads the fields of
 * the node it tests by bare name (references of the expression, as
 * ${name} is), and a number in it is a position, as in ${member}[2].
 */
static int
parse_path(struct parser *p, struct node *base, struct node **out)
{
	struct node *n = node_new(N_PATH, 1), *pred = NULL;
	enum pred_kind was = p->pred;
	size_t off = p->cur.off;
	int rc;

	n->str = base->str;
	n->len = base->len;
	base->str = NULL;
	expr_node_free(base);
	n->kids[0] = node_new(N_STR, 0);
	n->kids[0]->str = xstrdup("");
	n->kids[0]->depth = 1;
	p->lx.paths++;
	if ((rc = advance(p)) != 0)
		goto out;
	while (p->cur.kind == T_LBRACK) {
		p->pred = PRED_SET;
		rc = advance(p);
		if (rc == 0)
			rc = parse_or(p, &pred);
		p->pred = was;
		if (rc != 0 ||
		    (rc = expect(p, T_RBRACK, NULL, _("expected ']'"))) != 0)
			goto out;
		n->kids = xreallocarray(n->kids, (size_t)n->nkids + 1,
		    sizeof *n->kids);
		n->kids[n->nkids++] = pred;
		pred = NULL;
	}
	if (p->cur.kind == T_SLASH) {
		if ((rc = advance(p)) != 0)
			goto out;
		if (p->cur.kind != T_NAME) {
			rc = syntax(p, _("expected a field name after '/'"));
			goto out;
		}
		free(n->kids[0]->str);
		n->kids[0]->str = xstrndup(p->cur.text, p->cur.len);
		n->kids[0]->len = p->cur.len;
		add_ref(p->e, n->kids[0]->str);
		p->lx.paths--;
		if ((rc = advance(p)) != 0) {
			p->lx.paths++;
			goto out;
		}
	} else
		p->lx.paths--;
	if ((rc = set_depth(p, n, off)) != 0)
		goto fail;
	*out = n;
	return 0;
out:
	p->lx.paths--;
fail:
	expr_node_free(pred);
	expr_node_free(n);
	return rc;
}

/* A field named by the current token (${q}, ../q, current()/../q):
 * cur says it reads the context node's field even in a choice filter
 * over a repeat's instances. */
static int
parse_field(struct parser *p, const char *name, size_t len, bool cur,
    struct node **out)
{
	struct node *n = node_new(N_FIELD, 0);
	int rc;

	n->str = xstrndup(name, len);
	n->len = len;
	n->num = cur;
	n->depth = 1;
	add_ref(p->e, n->str);
	if (p->pred == PRED_SET && !cur) {
		p->e->prefs = xreallocarray(p->e->prefs,
		    (size_t)p->e->nprefs + 1, sizeof *p->e->prefs);
		p->e->prefs[p->e->nprefs++] = xstrdup(n->str);
	}
	if (bracket_next(p))
		return parse_path(p, n, out);
	if ((rc = advance(p)) != 0) {
		expr_node_free(n);
		return rc;
	}
	*out = n;
	return 0;
}

/* current() and the paths after it (T_CURRENT). */
static int
parse_current(struct parser *p, bool parent_ok, struct node **out)
{
	const struct tok *t = &p->cur;
	struct node *n;
	int rc;

	if (t->len > 0 && t->num == 0)
		return kesu_fail(p->cause, KESU_EDATA,
		    _("syntax error at character %zu: current()/%.*s names a "
		    "child of the question; write current()/../%.*s for the "
		    "question %.*s"), expr_charpos(p->e->src, t->off),
		    (int)t->len, t->text, (int)t->len, t->text, (int)t->len,
		    t->text);
	if (t->len > 0)
		return parse_field(p, t->text, t->len, true, out);
	if (t->num > 0 && !parent_ok)
		return syntax(p, _("'current()/..' is supported only as "
		    "position(current()/..)"));
	n = node_new(t->num > 0 ? N_PARENT : N_CURRENT, 0);
	n->num = t->num;
	n->depth = 1;
	if (t->num == 0)
		p->e->self = true;
	if ((rc = advance(p)) != 0) {
		expr_node_free(n);
		return rc;
	}
	*out = n;
	return 0;
}

static int
parse_primary(struct parser *p, struct node **out)
{
	struct tok t = p->cur;
	struct node *n;
	bool parent_ok = p->parent_ok, set_ok = p->set_ok;
	int rc;

	p->parent_ok = p->set_ok = false;
	switch (t.kind) {
	case T_NUM:
		n = node_new(N_NUM, 0);
		n->num = t.num;
		break;
	case T_STR:
		n = node_new(N_STR, 0);
		n->str = xstrndup(t.text, t.len);
		n->len = t.len;
		break;
	case T_FIELD:
		return parse_field(p, t.text, t.len, false, out);
	case T_CURRENT:
		return parse_current(p, parent_ok, out);
	case T_DOT:
		n = node_new(N_SELF, 0);
		p->e->self = true;
		break;
	case T_DOTDOT:
		if (t.len > 0)
			return parse_field(p, t.text, t.len, false, out);
		if (!parent_ok)
			return syntax(p, "'..' is supported only as "
			    "position(..)");
		n = node_new(N_PARENT, 0);
		n->num = t.num;
		break;
	case T_LPAREN:
		if ((rc = advance(p)) != 0 || (rc = parse_or(p, out)) != 0)
			return rc;
		if (p->cur.kind != T_RPAREN) {
			expr_node_free(*out);
			*out = NULL;
			return syntax(p, _("expected ')'"));
		}
		if ((rc = advance(p)) != 0) {
			expr_node_free(*out);
			*out = NULL;
		}
		return rc;
	case T_NAME:
		if ((rc = advance(p)) != 0)
			return rc;
		if (p->cur.kind == T_LPAREN)
			return parse_call(p, &t, set_ok, out);
		goto column;
	case T_CHILD:
		if ((rc = advance(p)) != 0)
			return rc;
	column:
		n = node_new(N_COLUMN, 0);
		n->str = xstrndup(t.text, t.len);
		/* (in an instance() predicate it is a column; in a repeat's
		 * predicate a field of the instance tested) */
		if (p->pred == PRED_SET)
			add_ref(p->e, n->str);
		else if (p->e->column == NULL && p->lx.paths == 0)
			p->e->column = xstrndup(t.text, t.len);
		n->len = t.len;
		n->depth = 1;
		*out = n;
		return 0;
	default:
		return syntax(p, _("expected a value"));
	}
	n->depth = 1;
	if ((rc = advance(p)) != 0) {
		expr_node_free(n);
		return rc;
	}
	*out = n;
	return 0;
}

static int
parse_unary(struct parser *p, struct node **out)
{
	struct node *n = NULL, *kid = NULL;
	size_t off = p->cur.off;
	int rc;

	if (++p->nest > EXPR_MAX_NEST) {
		rc = kesu_fail(p->cause, KESU_EDATA,
		    _("syntax error at character %zu: expression nested too "
		    "deeply"), expr_charpos(p->e->src, off));
		goto out;
	}
	if (p->cur.kind != T_MINUS) {
		rc = parse_primary(p, out);
		goto out;
	}
	if ((rc = advance(p)) != 0 || (rc = parse_unary(p, &kid)) != 0)
		goto out;
	n = node_new(N_NEG, 1);
	n->kids[0] = kid;
	kid = NULL;
	if ((rc = set_depth(p, n, off)) != 0)
		goto out;
	*out = n;
	n = NULL;
out:
	p->nest--;
	expr_node_free(kid);
	expr_node_free(n);
	return rc;
}

/* One precedence level: which token (or word) is which operator. */
static int
binop_at(const struct parser *p, int level)
{
	const struct tok *t = &p->cur;

	switch (level) {
	case 0:
		return is_word(t, "or") ? N_OR : -1;
	case 1:
		return is_word(t, "and") ? N_AND : -1;
	case 2:
		return t->kind == T_EQ ? N_EQ : t->kind == T_NE ? N_NE : -1;
	case 3:
		switch (t->kind) {
		case T_LT: return N_LT;
		case T_LE: return N_LE;
		case T_GT: return N_GT;
		case T_GE: return N_GE;
		default: return -1;
		}
	case 4:
		return t->kind == T_PLUS ? N_ADD :
		    t->kind == T_MINUS ? N_SUB : -1;
	default:
		if (t->kind == T_STAR)
			return N_MUL;
		return is_word(t, "div") ? N_DIV :
		    is_word(t, "mod") ? N_MOD : -1;
	}
}

static int
parse_level(struct parser *p, int level, struct node **out)
{
	struct node *left = NULL, *right = NULL, *n;
	size_t off;
	int op, rc;

	rc = level == 5 ? parse_unary(p, &left) :
	    parse_level(p, level + 1, &left);
	if (rc != 0)
		return rc;
	while ((op = binop_at(p, level)) >= 0) {
		off = p->cur.off;
		if ((rc = advance(p)) != 0)
			goto fail;
		rc = level == 5 ? parse_unary(p, &right) :
		    parse_level(p, level + 1, &right);
		if (rc != 0)
			goto fail;
		n = node_new((enum node_op)op, 2);
		n->kids[0] = left;
		n->kids[1] = right;
		left = n;
		right = NULL;
		if ((rc = set_depth(p, n, off)) != 0)
			goto fail;
	}
	*out = left;
	return 0;
fail:
	expr_node_free(left);
	expr_node_free(right);
	return rc;
}

static int
parse_or(struct parser *p, struct node **out)
{
	return parse_level(p, 0, out);
}

int
expr_parse_tree(struct expr *e, char **cause)
{
	struct parser p;
	struct node *root = NULL;
	int rc;

	memset(&p, 0, sizeof p);
	p.e = e;
	p.lx.src = e->src;
	p.cause = cause;
	if ((rc = advance(&p)) != 0)
		return rc;
	if (p.cur.kind == T_END)
		return kesu_fail(cause, KESU_EDATA, _("empty expression"));
	if ((rc = parse_or(&p, &root)) != 0)
		return rc;
	if (p.cur.kind != T_END) {
		expr_node_free(root);
		return syntax(&p, _("expected an operator"));
	}
	e->root = root;
	return 0;
}

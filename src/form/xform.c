/*
 * xform.c - an XForm read back into its XLSForm workbook (xform.h).
 *
 * The walk follows the primary instance, which holds every field in form
 * order: an element with element children is a group (or a repeat, when
 * the body repeats it), a leaf is a field whose kind comes from its body
 * control and bind.  Each field becomes one survey row; the lists its
 * selects use become choices rows (from the secondary instance an itemset
 * names, or from inline items); the root, title and translations become
 * settings.  Paths (" /data/grp/q ") in expressions and <output/> values
 * are turned back into ${q}, as XLSForm names are unique in a form; so
 * are the relative paths pyxform writes inside a repeat (" ../q ",
 * "../../q"; "current()/../q" is read as it is).  What pyxform adds to
 * the XForm for an XLSForm column is taken back to that column: the
 * NAME_count calculate of an expression repeat_count, randomize() around
 * an itemset (parameters randomize and seed), a range's start, end and
 * step (parameters), an itemset over an external instance
 * (select_one_from_file FILE; value and label refs other than pyxform's
 * defaults: parameters value= and label=), an itemset over a repeat's
 * instances (select_one ${q}), and a table-list group (pyxform makes it a
 * field-list group holding a note with the group's label and hint and a
 * header select, and gives its selects the appearance list-nolabel): the
 * group gets back its appearance and texts, the two generated fields go,
 * and the rows they were named by keep those numbers (sheet.h, seq) so
 * that the form generates them again under the same names.
 *
 * Columns are collected as they are met and only those holding a value
 * reach the sheet, so a form without hints has no hint column and a
 * single-language form no label::LANG columns.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "form/xform.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* ---- tables: rows of named columns, turned into a sheet ---------------- */

struct trow {
	int line;
	int seq;                /* pyxform's number of the row; 0: by place */
	char **v;               /* by column; NULL: empty */
	int cap;
};

struct table {
	const char *name;
	char **col;
	int ncol;
	struct trow *row;
	int nrow, caprow;
};

static int
tbl_col(struct table *t, const char *name)
{
	int i;

	for (i = 0; i < t->ncol; i++)
		if (strcmp(t->col[i], name) == 0)
			return i;
	t->col = xreallocarray(t->col, (size_t)t->ncol + 1, sizeof *t->col);
	t->col[t->ncol] = xstrdup(name);
	return t->ncol++;
}

static struct trow *
tbl_row(struct table *t, int line)
{
	struct trow *r;

	if (t->nrow == t->caprow) {
		t->caprow = t->caprow ? 2 * t->caprow : 32;
		t->row = xreallocarray(t->row, (size_t)t->caprow,
		    sizeof *t->row);
	}
	r = &t->row[t->nrow++];
	memset(r, 0, sizeof *r);
	r->line = line;
	return r;
}

/* Set column name of r to v (taken over; NULL or "" leaves it empty). */
static void
tbl_set(struct table *t, struct trow *r, const char *name, char *v)
{
	int c;

	if (v == NULL || *v == '\0') {
		free(v);
		return;
	}
	c = tbl_col(t, name);
	if (c >= r->cap) {
		int cap = c + 8, i;

		r->v = xreallocarray(r->v, (size_t)cap, sizeof *r->v);
		for (i = r->cap; i < cap; i++)
			r->v[i] = NULL;
		r->cap = cap;
	}
	free(r->v[c]);
	r->v[c] = v;
}

static void
tbl_free(struct table *t)
{
	int i, j;

	for (i = 0; i < t->nrow; i++) {
		for (j = 0; j < t->row[i].cap; j++)
			free(t->row[i].v[j]);
		free(t->row[i].v);
	}
	for (i = 0; i < t->ncol; i++)
		free(t->col[i]);
	free(t->col);
	free(t->row);
	memset(t, 0, sizeof *t);
}

/* Move t into sheet s: a header row (row 1) of the columns in use. */
static void
tbl_sheet(struct table *t, struct sheet *s)
{
	int *use = xcalloc((size_t)t->ncol + 1, sizeof *use), n = 0, i, j;

	for (j = 0; j < t->ncol; j++)
		for (i = 0; i < t->nrow; i++)
			if (j < t->row[i].cap && t->row[i].v[j] != NULL) {
				use[n++] = j;
				break;
			}
	s->name = xstrdup(t->name);
	s->nrows = t->nrow + 1;
	s->rows = xcalloc((size_t)s->nrows, sizeof *s->rows);
	s->rows[0].row = 1;
	s->rows[0].seq = 1;
	s->rows[0].ncells = n;
	s->rows[0].cells = xcalloc((size_t)n + 1, sizeof(char *));
	for (j = 0; j < n; j++)
		s->rows[0].cells[j] = xstrdup(t->col[use[j]]);
	for (i = 0; i < t->nrow; i++) {
		struct sheet_row *r = &s->rows[i + 1];

		r->row = t->row[i].line;
		r->seq = t->row[i].seq > 0 ? t->row[i].seq : i + 2;
		r->ncells = n;
		r->cells = xcalloc((size_t)n + 1, sizeof(char *));
		for (j = 0; j < n; j++) {
			char **v = use[j] < t->row[i].cap ?
			    &t->row[i].v[use[j]] : NULL;

			r->cells[j] = v != NULL && *v != NULL ? *v :
			    xstrdup("");
			if (v != NULL)
				*v = NULL;
		}
	}
	free(use);
	tbl_free(t);
}

/* ---- the form ---------------------------------------------------------- */

struct xtext {
	const char *id;
	char **v;               /* [nlang] */
};

struct xf {
	const char *name;
	struct xnode *html, *model, *body, *data;
	const char *root;       /* the primary instance's element name */
	char **lang;
	int nlang, deflang;
	struct xtext *text;
	size_t ntext;
	struct xnode **bind;
	size_t nbind;
	struct xnode **ctl;     /* body controls, groups and repeats */
	size_t nctl;
	char **lists;           /* choice lists written */
	size_t nlists;
	struct table survey, choices, settings;
	/* The generated fields of the table-list group being read, left
	 * out of the survey (xf_table()). */
	const struct xnode *tl_note, *tl_head;
	char *err;
};

static void
xf_push(struct xnode ***v, size_t *n, struct xnode *x)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = x;
}

static bool
xf_namech(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' ||
	    c == ':' || (unsigned char)c >= 0x80;
}

/* s with its leading and trailing blanks cut, in place. */
static char *
xf_strip(char *s)
{
	size_t n;
	char *p = s;

	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	n = strlen(p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\n' ||
	    p[n - 1] == '\t' || p[n - 1] == '\r'))
		n--;
	memmove(s, p, n);
	s[n] = '\0';
	return s;
}

/*
 * The length of the relative path at p ("../a", "../../b/c"), with its
 * last name at *seg (*seglen bytes); 0 when p is not one ("..", as in
 * position(..), is not).  "current()/../a" is left as it is: kesu's
 * expressions read it, and in a choice filter over a repeat it is the
 * question's a where ${a} may be the instance offered.
 */
static size_t
xf_relpath(const char *p, const char **seg, size_t *seglen)
{
	const char *s = p, *name = NULL;

	if (strncmp(s, "../", 3) != 0)
		return 0;
	while (strncmp(s, "../", 3) == 0)
		s += 3;
	while (xf_namech(*s) && *s != '.') {
		name = s;
		while (xf_namech(*s))
			s++;
		if (*s != '/' || !xf_namech(s[1]) || s[1] == '.')
			break;
		s++;
	}
	if (name == NULL)
		return 0;
	*seg = name;
	*seglen = (size_t)(s - name);
	return (size_t)(s - p);
}

/*
 * An expression with its absolute paths (/ROOT/a/b) and relative ones
 * (../b) turned into ${b}; string literals are left alone.  Caller frees.
 */
static char *
xf_expr(const struct xf *x, const char *in)
{
	struct buf b = BUF_INIT;
	size_t rl = strlen(x->root);
	const char *p = in, *seg;
	size_t n, sl;
	char q = 0;

	while (*p != '\0') {
		if (q != 0) {
			if (*p == q)
				q = 0;
			buf_addch(&b, *p++);
			continue;
		}
		if (*p == '\'' || *p == '"') {
			q = *p;
			buf_addch(&b, *p++);
			continue;
		}
		if (*p == '/' && strncmp(p + 1, x->root, rl) == 0 &&
		    p[1 + rl] == '/' && xf_namech(p[2 + rl]) &&
		    (p == in || !(xf_namech(p[-1]) ||
		    p[-1] == ')' || p[-1] == ']'))) {
			p += 1 + rl;
			seg = p + 1;
			while (*p == '/' && xf_namech(p[1])) {
				seg = ++p;
				while (xf_namech(*p))
					p++;
			}
			buf_addstr(&b, "${");
			buf_add(&b, seg, (size_t)(p - seg));
			buf_addch(&b, '}');
			continue;
		}
		if ((p == in || !(xf_namech(p[-1]) || p[-1] == ')' ||
		    p[-1] == ']' || p[-1] == '/')) &&
		    (n = xf_relpath(p, &seg, &sl)) > 0) {
			buf_addstr(&b, "${");
			buf_add(&b, seg, sl);
			buf_addch(&b, '}');
			p += n;
			continue;
		}
		buf_addch(&b, *p++);
	}
	return buf_detach(&b);
}

/* The text of a label-like node: text runs, <output value=.../> as
 * ${name}.  pyxform writes a text holding an output between spaces
 * (" Hello <output/> "); a cell never starts or ends with one, so they
 * go.  Caller frees. */
static char *
xf_inline(const struct xf *x, const struct xnode *n)
{
	struct buf b = BUF_INIT;
	const char *v;
	char *e;
	size_t i;
	bool output = false;

	for (i = 0; i < n->nkid; i++) {
		const struct xnode *k = n->kid[i];

		if (k->name == NULL)
			buf_addstr(&b, k->text);
		else if (strcmp(k->name, "output") == 0 &&
		    (v = xnode_attr(k, "value")) != NULL) {
			/* " ${q} " from " /data/q ": the spaces were
			 * pyxform's */
			e = xf_strip(xf_expr(x, v));
			buf_addstr(&b, e);
			free(e);
			output = true;
		}
	}
	e = buf_detach(&b);
	return output ? xf_strip(e) : e;
}

/* "jr:itext('ID')" -> ID into id (at most cap bytes); false otherwise. */
static bool
xf_itext_id(const char *ref, char *id, size_t cap)
{
	const char *s, *e;
	size_t n;

	if (ref == NULL || (s = strstr(ref, "itext(")) == NULL)
		return false;
	s += 6;
	while (*s == ' ')
		s++;
	if (*s == '\'' || *s == '"') {
		if ((e = strchr(s + 1, *s)) == NULL)
			return false;
		s++;
	} else if ((e = strchr(s, ')')) == NULL)
		return false;
	n = (size_t)(e - s);
	if (n + 1 > cap)
		return false;
	memcpy(id, s, n);
	id[n] = '\0';
	return true;
}

static const struct xtext *
xf_text(const struct xf *x, const char *id)
{
	size_t i;

	for (i = 0; i < x->ntext; i++)
		if (strcmp(x->text[i].id, id) == 0)
			return &x->text[i];
	return NULL;
}

/* Column col (label, hint, ...) of row r from an itext ID: one column per
 * language. */
static void
xf_set_itext(struct xf *x, struct table *t, struct trow *r, const char *col,
    const struct xtext *tx)
{
	char name[256];
	int l;

	for (l = 0; l < x->nlang; l++) {
		if (tx->v[l] == NULL)
			continue;
		if (strcmp(x->lang[l], "default") == 0)
			snprintf(name, sizeof name, "%s", col);
		else
			snprintf(name, sizeof name, "%s::%s", col, x->lang[l]);
		tbl_set(t, r, name, xstrdup(tx->v[l]));
	}
}

/* Column col of r from a <label>/<hint> node or a message attribute. */
static void
xf_set_text(struct xf *x, struct table *t, struct trow *r, const char *col,
    const struct xnode *node, const char *attr)
{
	const char *ref = node != NULL ? xnode_attr(node, "ref") : attr;
	const struct xtext *tx;
	char id[512];

	if (xf_itext_id(ref, id, sizeof id)) {
		if ((tx = xf_text(x, id)) != NULL)
			xf_set_itext(x, t, r, col, tx);
		return;
	}
	if (node != NULL)
		tbl_set(t, r, col, xf_inline(x, node));
	else if (attr != NULL)
		tbl_set(t, r, col, xstrdup(attr));
}

static void
xf_read_itext(struct xf *x, const struct xnode *itext)
{
	size_t i, j, k;

	for (i = 0; i < itext->nkid; i++) {
		const struct xnode *tr = itext->kid[i];
		const char *lang, *d;

		if (tr->name == NULL || strcmp(tr->name, "translation") != 0)
			continue;
		lang = xnode_attr(tr, "lang");
		x->lang = xreallocarray(x->lang, (size_t)x->nlang + 1,
		    sizeof *x->lang);
		x->lang[x->nlang] = xstrdup(lang != NULL ? lang : "default");
		if ((d = xnode_attr(tr, "default")) != NULL &&
		    strcmp(d, "true()") == 0)
			x->deflang = x->nlang;
		x->nlang++;
	}
	for (i = 0, k = 0; i < itext->nkid; i++) {
		const struct xnode *tr = itext->kid[i];

		if (tr->name == NULL || strcmp(tr->name, "translation") != 0)
			continue;
		for (j = 0; j < tr->nkid; j++) {
			const struct xnode *tx = tr->kid[j], *v = NULL;
			const char *id = tx->name != NULL ?
			    xnode_attr(tx, "id") : NULL;
			struct xtext *t;
			size_t m;

			if (id == NULL || strcmp(tx->name, "text") != 0)
				continue;
			for (m = 0; m < tx->nkid; m++)
				if (tx->kid[m]->name != NULL &&
				    strcmp(tx->kid[m]->name, "value") == 0 &&
				    xnode_attr(tx->kid[m], "form") == NULL) {
					v = tx->kid[m];
					break;
				}
			if ((t = (struct xtext *)xf_text(x, id)) == NULL) {
				x->text = xreallocarray(x->text, x->ntext + 1,
				    sizeof *x->text);
				t = &x->text[x->ntext++];
				t->id = id;
				t->v = xcalloc((size_t)x->nlang, sizeof *t->v);
			}
			if (v != NULL && t->v[k] == NULL)
				t->v[k] = xf_inline(x, v);
		}
		k++;
	}
}

/* Every control, group and repeat of the body, depth first. */
static void
xf_read_body(struct xf *x, struct xnode *n)
{
	size_t i;

	for (i = 0; i < n->nkid; i++) {
		struct xnode *k = n->kid[i];

		if (k->name == NULL)
			continue;
		if (xnode_attr(k, "ref") != NULL ||
		    xnode_attr(k, "nodeset") != NULL)
			xf_push(&x->ctl, &x->nctl, k);
		if (strcmp(k->name, "group") == 0 ||
		    strcmp(k->name, "repeat") == 0)
			xf_read_body(x, k);
	}
}

static struct xnode *
xf_bind(const struct xf *x, const char *path)
{
	size_t i;
	const char *ns;

	for (i = 0; i < x->nbind; i++)
		if ((ns = xnode_attr(x->bind[i], "nodeset")) != NULL &&
		    strcmp(ns, path) == 0)
			return x->bind[i];
	return NULL;
}

/* The body node for path: a control (not a group or repeat) when ctl,
 * else the group (or repeat, when repeat) of that path. */
static struct xnode *
xf_control(const struct xf *x, const char *path, const char *kind)
{
	size_t i;
	const char *ref;

	for (i = 0; i < x->nctl; i++) {
		struct xnode *c = x->ctl[i];
		bool grp = strcmp(c->name, "group") == 0,
		    rep = strcmp(c->name, "repeat") == 0;

		ref = xnode_attr(c, rep ? "nodeset" : "ref");
		if (ref == NULL || strcmp(ref, path) != 0)
			continue;
		if (kind == NULL ? !grp && !rep : strcmp(c->name, kind) == 0)
			return c;
	}
	return NULL;
}

/* The odk-instance-first-load setvalue of path, or NULL. */
static const char *
xf_setvalue(const struct xf *x, const char *path)
{
	const struct xnode *roots[2] = { x->model, x->body };
	size_t i, r;

	for (r = 0; r < 2; r++) {
		if (roots[r] == NULL)
			continue;
		for (i = 0; i < roots[r]->nkid; i++) {
			const struct xnode *k = roots[r]->kid[i];
			const char *ev, *ref;

			if (k->name == NULL || strcmp(k->name, "setvalue") != 0)
				continue;
			ev = xnode_attr(k, "event");
			ref = xnode_attr(k, "ref");
			if (ev != NULL && strstr(ev, "odk-instance-first-load") &&
			    ref != NULL && strcmp(ref, path) == 0)
				return xnode_attr(k, "value");
		}
	}
	return NULL;
}

static struct xnode *
xf_instance(const struct xf *x, const char *id)
{
	size_t i;
	const char *a;

	for (i = 0; i < x->model->nkid; i++) {
		struct xnode *k = x->model->kid[i];

		if (k->name == NULL || strcmp(k->name, "instance") != 0)
			continue;
		a = xnode_attr(k, "id");
		if (id == NULL ? a == NULL : a != NULL && strcmp(a, id) == 0)
			return k;
	}
	return NULL;
}

static struct xnode *
xf_first_element(const struct xnode *n)
{
	size_t i;

	for (i = 0; n != NULL && i < n->nkid; i++)
		if (n->kid[i]->name != NULL)
			return n->kid[i];
	return NULL;
}

static bool
xf_has_elements(const struct xnode *n)
{
	return xf_first_element(n) != NULL;
}

/* The choices rows of list id (a secondary instance), once. */
static void
xf_list(struct xf *x, const char *id, int line)
{
	struct xnode *inst, *root;
	size_t i, j;

	for (i = 0; i < x->nlists; i++)
		if (strcmp(x->lists[i], id) == 0)
			return;
	x->lists = xreallocarray(x->lists, x->nlists + 1, sizeof *x->lists);
	x->lists[x->nlists++] = xstrdup(id);
	if ((inst = xf_instance(x, id)) == NULL ||
	    (root = xf_first_element(inst)) == NULL) {
		kesu_addline(&x->err, _("%s:%d: no instance '%s' for the "
		    "choices"), x->name, line, id);
		return;
	}
	for (i = 0; i < root->nkid; i++) {
		const struct xnode *it = root->kid[i];
		struct trow *r;

		if (it->name == NULL)
			continue;
		r = tbl_row(&x->choices, it->line);
		tbl_set(&x->choices, r, "list_name", xstrdup(id));
		for (j = 0; j < it->nkid; j++) {
			const struct xnode *c = it->kid[j];
			const struct xtext *tx;
			char *v;

			if (c->name == NULL)
				continue;
			v = xnode_text(c);
			if (strcmp(c->name, "itextId") == 0) {
				if ((tx = xf_text(x, v)) != NULL)
					xf_set_itext(x, &x->choices, r,
					    "label", tx);
				free(v);
			} else
				tbl_set(&x->choices, r, c->name, v);
		}
	}
}

/* Inline <item>s of a select: a list named after the field. */
static char *
xf_items(struct xf *x, const struct xnode *ctl, const char *field)
{
	char *list = xasprintf("%s", field);
	size_t i;

	for (i = 0; i < x->nlists; i++)
		if (strcmp(x->lists[i], list) == 0)
			return list;
	x->lists = xreallocarray(x->lists, x->nlists + 1, sizeof *x->lists);
	x->lists[x->nlists++] = xstrdup(list);
	for (i = 0; i < ctl->nkid; i++) {
		const struct xnode *it = ctl->kid[i], *v, *l;
		struct trow *r;

		if (it->name == NULL || strcmp(it->name, "item") != 0)
			continue;
		r = tbl_row(&x->choices, it->line);
		tbl_set(&x->choices, r, "list_name", xstrdup(list));
		if ((v = xnode_child(it, "value")) != NULL)
			tbl_set(&x->choices, r, "name", xnode_text(v));
		if ((l = xnode_child(it, "label")) != NULL)
			xf_set_text(x, &x->choices, r, "label", l, NULL);
	}
	return list;
}

/* The end of the function argument at p: the first ',' or ')' outside
 * brackets and string literals. */
static const char *
xf_arg_end(const char *p)
{
	int depth = 0;
	char q = 0;

	for (; *p != '\0'; p++) {
		if (q != 0) {
			if (*p == q)
				q = 0;
		} else if (*p == '\'' || *p == '"')
			q = *p;
		else if (*p == '(' || *p == '[')
			depth++;
		else if (depth > 0 && (*p == ')' || *p == ']'))
			depth--;
		else if (depth == 0 && (*p == ',' || *p == ')'))
			break;
	}
	return p;
}

/* The nodeset of an itemset without pyxform's randomize(NODESET[, SEED])
 * around it, which goes to r's parameters.  Caller frees. */
static char *
xf_randomize(struct xf *x, const char *ns, struct trow *r)
{
	const char *s = ns, *e;
	char *inner, *v, *seed;

	while (*s == ' ')
		s++;
	if (strncmp(s, "randomize(", 10) != 0)
		return xstrdup(ns);
	s += 10;
	e = xf_arg_end(s);
	inner = xstrndup(s, (size_t)(e - s));
	if (*e == ',') {
		v = xstrndup(e + 1, (size_t)(xf_arg_end(e + 1) - (e + 1)));
		seed = xf_strip(xf_expr(x, v));
		tbl_set(&x->survey, r, "parameters",
		    xasprintf("randomize=true seed=%s", seed));
		free(seed);
		free(v);
	} else
		tbl_set(&x->survey, r, "parameters",
		    xstrdup("randomize=true"));
	return inner;
}

/* s without its blanks (a copy). */
static char *
xf_squeeze(const char *s)
{
	struct buf b = BUF_INIT;

	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			buf_addch(&b, *s);
	buf_add(&b, "", 0);
	return buf_detach(&b);
}

/*
 * The list of an itemset over a repeat's instances, as pyxform writes
 * select_one ${q}: nodeset "/data/member[pred]" (or "../../member[...]"
 * inside a repeat), value ref "q".  Gives "${q}"; the predicate goes to
 * r's choice_filter unless it is pyxform's own "./q != ''" (no filter).
 * NULL when the itemset is not one.  Caller frees.
 */
static char *
xf_repeat_list(struct xf *x, const struct xnode *is, const char *ns,
    struct trow *r)
{
	const struct xnode *val = xnode_child(is, "value");
	const char *ref = val != NULL ? xnode_attr(val, "ref") : NULL;
	const char *q, *pred, *end;
	char *inner, *plain, *dflt;

	if (ref == NULL ||
	    (strchr(ns, '[') == NULL && strchr(ns, '(') != NULL))
		return NULL;
	q = strrchr(ref, '/') != NULL ? strrchr(ref, '/') + 1 : ref;
	if (*q == '\0')
		return NULL;
	if ((pred = strchr(ns, '[')) != NULL) {
		if (memchr(ns, '(', (size_t)(pred - ns)) != NULL)
			return NULL;
		end = ns + strlen(ns);
		while (end > pred && end[-1] != ']')
			end--;
		if (end <= pred + 1)
			return NULL;
		inner = xstrndup(pred + 1, (size_t)(end - 1 - pred - 1));
		plain = xf_squeeze(inner);
		dflt = xasprintf("./%s!=''", q);
		if (strcmp(plain, dflt) != 0)
			tbl_set(&x->survey, r, "choice_filter",
			    xf_expr(x, inner));
		free(dflt);
		free(plain);
		free(inner);
	}
	return xasprintf("${%s}", q);
}

/* The value and label refs of an itemset over attachment file, when
 * they are not pyxform's defaults (name and label, id and title in
 * GeoJSON), into r's parameters as value= and label=. */
static void
xf_file_refs(struct xf *x, const struct xnode *is, const char *file,
    struct trow *r)
{
	static const char *const keys[] = { "value", "label" };
	size_t n = strlen(file);
	bool geo = n > 8 && strcmp(file + n - 8, ".geojson") == 0;
	const char *def[2] = { geo ? "id" : "name", geo ? "title" : "label" };
	const struct xnode *k;
	const char *ref, *old;
	struct buf b = BUF_INIT;
	int c, i;

	buf_addstr(&b, "");
	for (i = 0; i < 2; i++) {
		k = xnode_child(is, keys[i]);
		ref = k != NULL ? xnode_attr(k, "ref") : NULL;
		if (ref == NULL || strcmp(ref, def[i]) == 0)
			continue;
		buf_printf(&b, " %s=%s", keys[i], ref);
	}
	if (b.len == 0) {
		buf_free(&b);
		return;
	}
	/* After randomize= and seed=, when xf_randomize() set them. */
	c = tbl_col(&x->survey, "parameters");
	old = c < r->cap && r->v[c] != NULL ? r->v[c] : "";
	tbl_set(&x->survey, r, "parameters", xasprintf("%s%s", old,
	    b.data + (*old == '\0')));
	buf_free(&b);
}

/*
 * The list of a select control, its filter into r's choice_filter and
 * randomize() into r's parameters.  An itemset over an external instance
 * (src="jr://file-csv/FILE") gives FILE and sets *file: the choices are
 * the file beside the form.  Caller frees.
 */
static char *
xf_select_list(struct xf *x, const struct xnode *ctl, const char *field,
    struct trow *r, bool *file)
{
	const struct xnode *is = xnode_child(ctl, "itemset");
	const struct xnode *inst;
	const char *s, *e, *pred, *src;
	char *ns, *id;

	*file = false;
	if (is == NULL || xnode_attr(is, "nodeset") == NULL)
		return xf_items(x, ctl, field);
	ns = xf_randomize(x, xnode_attr(is, "nodeset"), r);
	if ((s = strstr(ns, "instance(")) == NULL) {
		char *list = xf_repeat_list(x, is, ns, r);

		if (list == NULL)
			kesu_addline(&x->err, _("%s:%d: an itemset kesu cannot "
			    "read: %s"), x->name, is->line, ns);
		free(ns);
		return list != NULL ? list : xstrdup(field);
	}
	s += 9;
	while (*s == ' ' || *s == '\'' || *s == '"')
		s++;
	e = s;
	while (*e != '\0' && *e != '\'' && *e != '"' && *e != ')')
		e++;
	id = xstrndup(s, (size_t)(e - s));
	if ((pred = strchr(e, '[')) != NULL) {
		const char *end = ns + strlen(ns);
		char *inner;

		while (end > pred && end[-1] != ']')
			end--;
		if (end > pred + 1) {
			inner = xstrndup(pred + 1, (size_t)(end - 1 - pred - 1));
			tbl_set(&x->survey, r, "choice_filter",
			    xf_expr(x, inner));
			free(inner);
		}
	}
	free(ns);
	if ((inst = xf_instance(x, id)) != NULL &&
	    (src = xnode_attr(inst, "src")) != NULL) {
		*file = true;
		free(id);
		s = strrchr(src, '/');
		s = s != NULL ? s + 1 : src;
		xf_file_refs(x, is, s, r);
		return xstrdup(s);
	}
	xf_list(x, id, is->line);
	return id;
}

/* The XLSForm type of a field with no body control, from its bind. */
static char *
xf_type_hidden(const struct xnode *bind)
{
	const char *pre = bind != NULL ? xnode_attr(bind, "preload") : NULL;
	const char *par = bind != NULL ?
	    xnode_attr(bind, "preloadParams") : NULL;

	if (pre != NULL && par != NULL)
		return xstrdup(par);    /* start, end, today, deviceid, ... */
	if (bind != NULL && xnode_attr(bind, "calculate") != NULL)
		return xstrdup("calculate");
	return xstrdup("hidden");
}

/* A range's start, end and step attributes into r's parameters. */
static void
xf_range(struct xf *x, const struct xnode *ctl, struct trow *r)
{
	static const char *const keys[] = { "start", "end", "step" };
	struct buf b = BUF_INIT;
	const char *v;
	size_t i;

	for (i = 0; i < sizeof keys / sizeof *keys; i++) {
		if ((v = xnode_attr(ctl, keys[i])) == NULL)
			continue;
		if (b.len > 0)
			buf_addch(&b, ' ');
		buf_addstr(&b, keys[i]);
		buf_addch(&b, '=');
		buf_addstr(&b, v);
	}
	tbl_set(&x->survey, r, "parameters", buf_detach(&b));
}

/* The XLSForm type of a field with a body control. */
static char *
xf_type(struct xf *x, const struct xnode *ctl, const struct xnode *bind,
    const char *field, struct trow *r, bool *note)
{
	const char *t = bind != NULL ? xnode_attr(bind, "type") : NULL;
	const char *ro = bind != NULL ? xnode_attr(bind, "readonly") : NULL;
	char *list, *s;
	bool file;

	*note = false;
	if (strcmp(ctl->name, "select1") == 0 ||
	    strcmp(ctl->name, "select") == 0) {
		list = xf_select_list(x, ctl, field, r, &file);
		s = xasprintf("%s%s %s", strcmp(ctl->name, "select1") == 0 ?
		    "select_one" : "select_multiple", file ? "_from_file" : "",
		    list);
		free(list);
		return s;
	}
	if (strcmp(ctl->name, "rank") == 0) {      /* odk:rank */
		list = xf_select_list(x, ctl, field, r, &file);
		s = xasprintf("rank %s", list);
		free(list);
		return s;
	}
	if (strcmp(ctl->name, "trigger") == 0)
		return xstrdup("acknowledge");
	if (strcmp(ctl->name, "range") == 0) {
		xf_range(x, ctl, r);
		return xstrdup("range");
	}
	if (strcmp(ctl->name, "input") != 0)
		return xstrdup(ctl->name);      /* range, upload, ... */
	if (t == NULL || strcmp(t, "string") == 0 ||
	    strcmp(t, "xsd:string") == 0) {
		if (ro != NULL && strcmp(ro, "true()") == 0) {
			*note = true;
			return xstrdup("note");
		}
		return xstrdup("text");
	}
	if (strcmp(t, "int") == 0 || strcmp(t, "xsd:int") == 0)
		return xstrdup("integer");
	if (strcmp(t, "dateTime") == 0)
		return xstrdup("datetime");
	return xstrdup(strncmp(t, "xsd:", 4) == 0 ? t + 4 : t);
}

/* A bind expression attribute into column col, paths turned back. */
static void
xf_set_expr(struct xf *x, struct trow *r, const char *col,
    const struct xnode *bind, const char *attr)
{
	const char *v = bind != NULL ? xnode_attr(bind, attr) : NULL;

	if (v != NULL)
		tbl_set(&x->survey, r, col, xf_expr(x, v));
}

static void
xf_field(struct xf *x, const struct xnode *n, const char *path)
{
	struct xnode *bind = xf_bind(x, path), *ctl = xf_control(x, path, NULL);
	const char *req, *ro, *sv;
	struct trow *r;
	bool note = false;
	char *v;

	r = tbl_row(&x->survey, ctl != NULL ? ctl->line :
	    bind != NULL ? bind->line : n->line);
	tbl_set(&x->survey, r, "name", xstrdup(n->name));
	tbl_set(&x->survey, r, "type", ctl != NULL ?
	    xf_type(x, ctl, bind, n->name, r, &note) : xf_type_hidden(bind));
	if (ctl != NULL) {
		xf_set_text(x, &x->survey, r, "label",
		    xnode_child(ctl, "label"), NULL);
		xf_set_text(x, &x->survey, r, "hint",
		    xnode_child(ctl, "hint"), NULL);
		if (xnode_attr(ctl, "appearance") != NULL)
			tbl_set(&x->survey, r, "appearance",
			    xstrdup(xnode_attr(ctl, "appearance")));
	}
	if (bind != NULL && xnode_attr(bind, "preload") == NULL) {
		xf_set_expr(x, r, "relevant", bind, "relevant");
		xf_set_expr(x, r, "constraint", bind, "constraint");
		xf_set_expr(x, r, "calculation", bind, "calculate");
		if ((req = xnode_attr(bind, "required")) != NULL &&
		    strcmp(req, "false()") != 0)
			tbl_set(&x->survey, r, "required",
			    strcmp(req, "true()") == 0 ? xstrdup("yes") :
			    xf_expr(x, req));
		if (!note && (ro = xnode_attr(bind, "readonly")) != NULL &&
		    strcmp(ro, "false()") != 0)
			tbl_set(&x->survey, r, "read_only",
			    strcmp(ro, "true()") == 0 ? xstrdup("yes") :
			    xf_expr(x, ro));
		xf_set_text(x, &x->survey, r, "constraint_message", NULL,
		    xnode_attr(bind, "constraintMsg"));
		xf_set_text(x, &x->survey, r, "required_message", NULL,
		    xnode_attr(bind, "requiredMsg"));
	}
	if ((sv = xf_setvalue(x, path)) != NULL)
		tbl_set(&x->survey, r, "default", xf_expr(x, sv));
	else if ((v = xnode_text(n)) != NULL)
		tbl_set(&x->survey, r, "default", xf_strip(v));
}

/*
 * The external instances no select reads from (those used only in
 * expressions, instance('id')/root/item...) as the rows that declared
 * them: csv-external ID for jr://file-csv/ID.csv, xml-external ID for
 * jr://file/ID.xml.  A select_*_from_file FILE row declares FILE itself.
 */
static void
xf_externals(struct xf *x)
{
	int tc = tbl_col(&x->survey, "type");
	const char *id, *src, *file, *t;
	struct trow *r;
	size_t i;
	int k;
	bool used;

	for (i = 0; i < x->model->nkid; i++) {
		struct xnode *n = x->model->kid[i];

		if (n->name == NULL || strcmp(n->name, "instance") != 0 ||
		    (id = xnode_attr(n, "id")) == NULL ||
		    (src = xnode_attr(n, "src")) == NULL)
			continue;
		file = strrchr(src, '/') != NULL ? strrchr(src, '/') + 1 : src;
		for (used = false, k = 0; k < x->survey.nrow && !used; k++) {
			t = tc < x->survey.row[k].cap ?
			    x->survey.row[k].v[tc] : NULL;
			used = t != NULL && strstr(t, "_from_file ") != NULL &&
			    strcmp(strchr(t, ' ') + 1, file) == 0;
		}
		if (used)
			continue;
		r = tbl_row(&x->survey, n->line);
		tbl_set(&x->survey, r, "type", xstrdup(strncmp(src,
		    "jr://file-csv/", 14) == 0 ? "csv-external" :
		    "xml-external"));
		tbl_set(&x->survey, r, "name", xstrdup(id));
	}
}

static void xf_walk(struct xf *x, const struct xnode *parent,
    const char *ppath);

/*
 * The calculate of the PATH_count field pyxform adds for the repeat at
 * path when its repeat_count is an expression rather than a ${name}: a
 * read-only calculate the repeat's jr:count names.  NULL when the repeat
 * has no such field.
 */
static const char *
xf_count_calc(const struct xf *x, const char *path)
{
	const struct xnode *rep = xf_control(x, path, "repeat"), *bind;
	const char *count = rep != NULL ? xnode_attr(rep, "count") : NULL;
	const char *calc = NULL, *ro;
	char *want, *have;

	if (count == NULL)
		return NULL;
	want = xasprintf("%s_count", path);
	have = xf_strip(xstrdup(count));
	if (strcmp(have, want) == 0 && (bind = xf_bind(x, want)) != NULL &&
	    (ro = xnode_attr(bind, "readonly")) != NULL &&
	    strcmp(ro, "true()") == 0)
		calc = xnode_attr(bind, "calculate");
	free(have);
	free(want);
	return calc;
}

/* The number after prefix in name (digits only), else 0. */
static int
xf_generated_seq(const char *name, const char *prefix)
{
	size_t n = strlen(prefix);
	long v;

	if (strncmp(name, prefix, n) != 0 || name[n] == '\0' ||
	    strspn(name + n, "0123456789") != strlen(name + n) ||
	    strlen(name + n) > 9)
		return 0;
	v = strtol(name + n, NULL, 10);
	return v > 0 ? (int)v : 0;
}

/*
 * The fields pyxform generates in the table-list group n (at path,
 * drawn by grp): the note generated_table_list_label_N (when the group
 * has a label or hint) into *note, the select
 * reserved_name_for_field_list_labels_M with appearance label into *head
 * (when the group has a select), N and M into seq.  False when n holds
 * neither, or grp is not the field-list pyxform makes of it.
 */
static bool
xf_table(const struct xf *x, const struct xnode *n, const char *path,
    const struct xnode *grp, const struct xnode **note,
    const struct xnode **head, int seq[2])
{
	const char *ap = grp != NULL ? xnode_attr(grp, "appearance") : NULL;
	const struct xnode *ctl;
	char *cpath;
	size_t i;
	int v;

	*note = *head = NULL;
	seq[0] = seq[1] = 0;
	if (ap == NULL || strncmp(ap, "field-list", 10) != 0 ||
	    (ap[10] != '\0' && ap[10] != ' '))
		return false;
	for (i = 0; i < n->nkid; i++) {
		const struct xnode *k = n->kid[i];

		if (k->name == NULL || xf_has_elements(k))
			continue;
		cpath = xasprintf("%s/%s", path, k->name);
		ctl = xf_control(x, cpath, NULL);
		free(cpath);
		if (ctl == NULL)
			continue;
		if (*note == NULL && (v = xf_generated_seq(k->name,
		    "generated_table_list_label_")) > 0 &&
		    strcmp(ctl->name, "input") == 0) {
			*note = k;
			seq[0] = v;
		} else if (*head == NULL && (v = xf_generated_seq(k->name,
		    "reserved_name_for_field_list_labels_")) > 0 &&
		    (strcmp(ctl->name, "select1") == 0 ||
		    strcmp(ctl->name, "select") == 0) &&
		    xnode_attr(ctl, "appearance") != NULL &&
		    strcmp(xnode_attr(ctl, "appearance"), "label") == 0) {
			*head = k;
			seq[1] = v;
		}
	}
	return *note != NULL || *head != NULL;
}

/* The rows [from, survey.nrow) of a table-list group's questions: the
 * appearance list-nolabel pyxform gives them goes, and the first select
 * takes the number seq its header was named by. */
static void
xf_table_rows(struct xf *x, int from, int seq)
{
	struct table *t = &x->survey;
	int ap = tbl_col(t, "appearance"), ty = tbl_col(t, "type"), i;

	for (i = from; i < t->nrow; i++) {
		struct trow *r = &t->row[i];

		if (ap < r->cap && r->v[ap] != NULL &&
		    strcmp(r->v[ap], "list-nolabel") == 0) {
			free(r->v[ap]);
			r->v[ap] = NULL;
		}
		if (seq > 0 && ty < r->cap && r->v[ty] != NULL &&
		    (strncmp(r->v[ty], "select_one", 10) == 0 ||
		    strncmp(r->v[ty], "select_multiple", 15) == 0)) {
			r->seq = seq;
			seq = 0;
		}
	}
}

static void
xf_group(struct xf *x, const struct xnode *n, const char *path)
{
	struct xnode *bind = xf_bind(x, path);
	struct xnode *grp = xf_control(x, path, "group");
	struct xnode *rep = xf_control(x, path, "repeat");
	const char *kind = rep != NULL ? "repeat" : "group", *count;
	/* pyxform puts a repeat's appearance on <repeat>. */
	const struct xnode *shown = rep != NULL ? rep : grp;
	const struct xnode *note, *head, *saved[2], *nctl;
	const char *ap = shown != NULL ? xnode_attr(shown, "appearance") :
	    NULL;
	struct trow *r;
	char *t, *cpath;
	int seq[2], at;
	bool table;

	table = xf_table(x, n, path, shown, &note, &head, seq);
	at = x->survey.nrow;
	r = tbl_row(&x->survey, grp != NULL ? grp->line : rep != NULL ?
	    rep->line : n->line);
	t = xasprintf("begin_%s", kind);
	tbl_set(&x->survey, r, "type", t);
	tbl_set(&x->survey, r, "name", xstrdup(n->name));
	if (grp != NULL && !table)
		xf_set_text(x, &x->survey, r, "label",
		    xnode_child(grp, "label"), NULL);
	if (table) {
		/* "field-list W..." was "table-list W...". */
		tbl_set(&x->survey, r, "appearance", xasprintf("table-list%s",
		    ap + 10));
		r->seq = seq[0];
		if (note != NULL) {
			cpath = xasprintf("%s/%s", path, note->name);
			nctl = xf_control(x, cpath, NULL);
			free(cpath);
			xf_set_text(x, &x->survey, r, "label",
			    xnode_child(nctl, "label"), NULL);
			xf_set_text(x, &x->survey, r, "hint",
			    xnode_child(nctl, "hint"), NULL);
		}
	} else if (ap != NULL)
		tbl_set(&x->survey, r, "appearance", xstrdup(ap));
	if ((count = xf_count_calc(x, path)) == NULL && rep != NULL)
		count = xnode_attr(rep, "count");
	if (count != NULL)
		tbl_set(&x->survey, r, "repeat_count",
		    xf_strip(xf_expr(x, count)));
	xf_set_expr(x, r, "relevant", bind, "relevant");
	saved[0] = x->tl_note;
	saved[1] = x->tl_head;
	x->tl_note = table ? note : NULL;
	x->tl_head = table ? head : NULL;
	xf_walk(x, n, path);
	x->tl_note = saved[0];
	x->tl_head = saved[1];
	if (table)
		xf_table_rows(x, at + 1, seq[1]);
	r = tbl_row(&x->survey, n->line);
	tbl_set(&x->survey, r, "type", xasprintf("end_%s", kind));
}

/* Is n (a child of ppath) the NAME_count calculate pyxform adds for the
 * repeat NAME?  The repeat's repeat_count stands for it. */
static bool
xf_generated_count(const struct xf *x, const struct xnode *n,
    const char *ppath)
{
	size_t len = strlen(n->name);
	char *rpath;
	bool gen;

	if (len <= 6 || strcmp(n->name + len - 6, "_count") != 0 ||
	    xf_has_elements(n))
		return false;
	rpath = xasprintf("%s/%.*s", ppath, (int)(len - 6), n->name);
	gen = xf_count_calc(x, rpath) != NULL;
	free(rpath);
	return gen;
}

/* Survey rows for the element children of parent (at ppath). */
static void
xf_walk(struct xf *x, const struct xnode *parent, const char *ppath)
{
	size_t i, j;

	for (i = 0; i < parent->nkid; i++) {
		const struct xnode *n = parent->kid[i];
		bool again = false;
		char *path;

		if (n->name == NULL)
			continue;
		/* A repeat's instance holds its template and copies. */
		for (j = 0; j < i; j++)
			if (parent->kid[j]->name != NULL &&
			    strcmp(parent->kid[j]->name, n->name) == 0)
				again = true;
		if (again)
			continue;
		if (parent == x->data && strcmp(n->name, "meta") == 0)
			continue;
		if (n == x->tl_note || n == x->tl_head)
			continue;
		path = xasprintf("%s/%s", ppath, n->name);
		if (xf_generated_count(x, n, ppath)) {
			free(path);
			continue;
		}
		if (xf_has_elements(n))
			xf_group(x, n, path);
		else
			xf_field(x, n, path);
		free(path);
	}
}

static void
xf_settings(struct xf *x, const struct xnode *head)
{
	struct trow *r = tbl_row(&x->settings, 2);
	const struct xnode *title = xnode_child(head, "title");
	struct xnode *b;
	char *path;

	if (title != NULL)
		tbl_set(&x->settings, r, "form_title", xnode_text(title));
	if (xnode_attr(x->data, "id") != NULL)
		tbl_set(&x->settings, r, "form_id",
		    xstrdup(xnode_attr(x->data, "id")));
	if (xnode_attr(x->data, "version") != NULL)
		tbl_set(&x->settings, r, "version",
		    xstrdup(xnode_attr(x->data, "version")));
	if (strcmp(x->root, "data") != 0)
		tbl_set(&x->settings, r, "name", xstrdup(x->root));
	if (x->deflang >= 0 && x->nlang > 1)
		tbl_set(&x->settings, r, "default_language",
		    xstrdup(x->lang[x->deflang]));
	path = xasprintf("/%s/meta/instanceName", x->root);
	if ((b = xf_bind(x, path)) != NULL &&
	    xnode_attr(b, "calculate") != NULL)
		tbl_set(&x->settings, r, "instance_name",
		    xf_expr(x, xnode_attr(b, "calculate")));
	free(path);
}

static void
xf_clear(struct xf *x)
{
	size_t i;
	int l;

	for (i = 0; i < x->ntext; i++) {
		for (l = 0; l < x->nlang; l++)
			free(x->text[i].v[l]);
		free(x->text[i].v);
	}
	free(x->text);
	for (l = 0; l < x->nlang; l++)
		free(x->lang[l]);
	free(x->lang);
	for (i = 0; i < x->nlists; i++)
		free(x->lists[i]);
	free(x->lists);
	free(x->bind);
	free(x->ctl);
	tbl_free(&x->survey);
	tbl_free(&x->choices);
	tbl_free(&x->settings);
	free(x->err);
}

int
xform_book_read(const char *path, struct sheet_book **out, char **cause)
{
	struct buf b = BUF_INIT;
	char chunk[8192];
	size_t n;
	FILE *f;
	int rc;

	*out = NULL;
	if ((f = fopen(path, "rb")) == NULL)
		return kesu_fail(cause, KESU_ENOINPUT, _("%s: %s"), path,
		    strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 &&
	    b.len <= XFORM_MAX_INPUT)
		buf_add(&b, chunk, n);
	rc = ferror(f) ? kesu_fail(cause, KESU_ENOINPUT, _("%s: read error"),
	    path) : xform_book(path, b.data != NULL ? b.data : "", b.len, out,
	    cause);
	fclose(f);
	buf_free(&b);
	return rc;
}

bool
xform_is_xml(const char *path)
{
	size_t n = strlen(path);

	return n >= 4 && strcasecmp(path + n - 4, ".xml") == 0;
}

int
xform_book(const char *name, const void *data, size_t len,
    struct sheet_book **out, char **cause)
{
	struct xnode *tree = NULL, *head, *inst, *itext;
	struct sheet_book *b;
	struct xf x;
	char *root;
	size_t i;
	int rc;

	*out = NULL;
	memset(&x, 0, sizeof x);
	x.name = name;
	x.deflang = -1;
	x.survey.name = "survey";
	x.choices.name = "choices";
	x.settings.name = "settings";
	if ((rc = xnode_parse(name, data, len, &tree, cause)) != 0)
		return rc;
	x.html = tree;
	if (strcmp(tree->name, "html") != 0 ||
	    (head = xnode_child(tree, "head")) == NULL ||
	    (x.model = xnode_child(head, "model")) == NULL ||
	    (inst = xf_instance(&x, NULL)) == NULL ||
	    (x.data = xf_first_element(inst)) == NULL) {
		rc = kesu_fail(cause, KESU_EDATA, _("%s: not an XForm (no "
		    "h:html/h:head/model/instance)"), name);
		goto out;
	}
	x.root = x.data->name;
	x.body = xnode_child(tree, "body");
	if ((itext = xnode_child(x.model, "itext")) != NULL)
		xf_read_itext(&x, itext);
	for (i = 0; i < x.model->nkid; i++)
		if (x.model->kid[i]->name != NULL &&
		    strcmp(x.model->kid[i]->name, "bind") == 0)
			xf_push(&x.bind, &x.nbind, x.model->kid[i]);
	if (x.body != NULL)
		xf_read_body(&x, x.body);
	root = xasprintf("/%s", x.root);
	xf_walk(&x, x.data, root);
	free(root);
	xf_externals(&x);
	xf_settings(&x, head);
	if (x.err != NULL) {
		rc = KESU_EDATA;
		*cause = x.err;
		x.err = NULL;
		goto out;
	}
	b = xcalloc(1, sizeof *b);
	b->path = xstrdup(name);
	b->nsheets = x.choices.nrow > 0 ? 3 : 2;
	b->sheets = xcalloc(3, sizeof *b->sheets);
	tbl_sheet(&x.survey, &b->sheets[0]);
	if (x.choices.nrow > 0) {
		tbl_sheet(&x.choices, &b->sheets[1]);
		tbl_sheet(&x.settings, &b->sheets[2]);
	} else
		tbl_sheet(&x.settings, &b->sheets[1]);
	*out = b;
out:
	xf_clear(&x);
	xnode_free(&tree);
	return rc;
}

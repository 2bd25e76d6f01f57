/*
 * form_survey.c - survey rows into fields.
 *
 * One pass over the rows, in order, keeping a stack of open groups:
 * begin_group opens a FORM_GROUP field, end_group closes the innermost
 * one and sets its `end`; every other row becomes one field whose path is
 * the names of its enclosing groups and its own, joined by '/'.  A
 * begin_repeat opens a group that repeats; its repeat_count, when it is
 * not a plain ${name}, becomes a calculate "NAME_count" placed just before
 * the repeat (pyxform's jr:count node), which the repeat then counts by.
 * A "select_one LIST or_other" is followed by the text question
 * NAME_other that pyxform generates, and LIST gains the choice 'other'.
 * A table-list group gets pyxform's generated fields (form.h): a note
 * holding its label and hint first, and a header select before its first
 * select, named by the rows' seq as pyxform names them.
 * Names
 * are checked as they come (valid, not reserved, unique in the form), and
 * every expression column is parsed; references between fields are
 * checked afterwards (form_check.c), once every name is known.
 *
 * A row with a problem still makes a field, so that later rows that
 * refer to it are not reported as well: one mistake, one line.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "form/form_int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct frame {
	int field;
	int row;
	bool repeat;
	bool table;    /* table-list: its first select gets a header */
	bool headed;   /* that header is made */
};

struct rowctx {
	struct form_load *l;
	const struct sheet_row *r;
	struct form_field *fl;
	int *cols;               /* the field's expression columns */
};

static const char *
field_key(const void *ctx, int i)
{
	return ((const form *)ctx)->fields[i].name;
}

static const char *
list_key(const void *ctx, int i)
{
	return ((const form *)ctx)->lists[i].name;
}

/* Parse src for expression slot `slot` of the row's field. */
static expr *
parse(struct rowctx *x, int col, int slot, const char *src)
{
	struct form_load *l = x->l;
	char *cause = NULL;
	expr *e = NULL;

	if (expr_parse(src, &e, &cause) != 0) {
		form_problem(l, l->survey_at, x->r->row, col, "%s: %s",
		    form_col_name(l->scols.key[col]),
		    cause != NULL ? cause : _("invalid expression"));
		free(cause);
		return NULL;
	}
	x->cols[slot] = col;
	return e;
}

/* required and read_only: yes/true are true(), no/false are absent. */
static expr *
parse_flag(struct rowctx *x, int col, int slot, const char *src)
{
	if (form_no(src) || strcmp(src, "0") == 0)
		return NULL;
	if (form_yes(src) || strcmp(src, "1") == 0)
		src = "true()";
	return parse(x, col, slot, src);
}

/* The texts array of key, made writable on first use. */
static const char **
texts(struct rowctx *x, enum form_col key)
{
	form *f = x->l->f;
	const char *const **slot;

	switch (key) {
	case FCOL_LABEL:
		slot = &x->fl->label;
		break;
	case FCOL_HINT:
		slot = &x->fl->hint;
		break;
	case FCOL_CONSTRAINT_MESSAGE:
		slot = &x->fl->constraint_message;
		break;
	default:
		slot = &x->fl->required_message;
		break;
	}
	if (*slot == f->no_text)
		*slot = arena_alloc(&f->arena, (size_t)f->nlangs * sizeof **slot);
	return (const char **)(void *)*slot;
}

static bool
is_integer(const char *s)
{
	size_t i = (s[0] == '-' || s[0] == '+');

	if (s[i] == '\0')
		return false;
	for (; s[i] != '\0'; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static bool
is_number(const char *s)
{
	char *end;

	errno = 0;
	(void)strtod(s, &end);
	return end != s && *end == '\0' && errno == 0 &&
	    strspn(s, "+-.0123456789eE") == strlen(s);
}

/* A static default must be a value the field could hold. */
static void
check_default(struct rowctx *x, int col, const char *v)
{
	struct form_load *l = x->l;
	const struct form_field *fl = x->fl;
	char *copy, *tok, *save = NULL;
	double days;

	switch (fl->type) {
	case FORM_INTEGER:
		if (!is_integer(v))
			form_problem(l, l->survey_at, x->r->row, col,
			    _("default '%s' is not an integer"), v);
		break;
	case FORM_DECIMAL:
		if (!is_number(v))
			form_problem(l, l->survey_at, x->r->row, col,
			    _("default '%s' is not a number"), v);
		break;
	case FORM_DATE:
		if (!expr_parse_date(v, &days))
			form_problem(l, l->survey_at, x->r->row, col,
			    _("default '%s' is not a date (YYYY-MM-DD)"), v);
		break;
	case FORM_SELECT_ONE:
		if (fl->list >= 0 && form_choice_find(l->f, fl->list, v) < 0)
			form_problem(l, l->survey_at, x->r->row, col,
			    _("default '%s' is not a choice of list '%s'"), v,
			    form_list_name(l->f, fl->list));
		break;
	case FORM_SELECT_MULTIPLE:
	case FORM_RANK:
		if (fl->list < 0)
			break;
		copy = xstrdup(v);
		for (tok = strtok_r(copy, " ", &save); tok != NULL;
		    tok = strtok_r(NULL, " ", &save))
			if (form_choice_find(l->f, fl->list, tok) < 0) {
				form_problem(l, l->survey_at, x->r->row, col,
				    _("default '%s' is not a choice of list "
				    "'%s'"), tok, form_list_name(l->f,
				    fl->list));
				break;
			}
		free(copy);
		break;
	default:
		break;
	}
}

/* Every column of the row's field but type and name. */
static void
read_columns(struct rowctx *x)
{
	struct form_load *l = x->l;
	const struct form_cols *c = &l->scols;
	struct form_field *fl = x->fl;
	form *f = l->f;
	int i;

	for (i = 0; i < c->ncols; i++) {
		const char *raw = sheet_cell(x->r, i), *v;

		if (raw[0] == '\0' || c->key[i] <= FCOL_IGNORED)
			continue;
		v = form_clean_text(&f->arena, raw, l->clean_text);
		switch (c->key[i]) {
		case FCOL_LABEL:
		case FCOL_HINT:
		case FCOL_CONSTRAINT_MESSAGE:
		case FCOL_REQUIRED_MESSAGE:
			if (c->lang[i] >= 0)
				texts(x, c->key[i])[c->lang[i]] =
				    form_clean_shown(&f->arena, raw,
				    l->clean_text);
			break;
		case FCOL_RELEVANT:
			fl->relevant = parse(x, i, FLD_RELEVANT, v);
			break;
		case FCOL_CONSTRAINT:
			fl->constraint = parse(x, i, FLD_CONSTRAINT, v);
			break;
		case FCOL_CALCULATION:
			fl->calculation = parse(x, i, FLD_CALCULATION, v);
			break;
		case FCOL_CHOICE_FILTER:
			fl->choice_filter = parse(x, i, FLD_CHOICE_FILTER, v);
			break;
		case FCOL_REQUIRED:
			fl->required = parse_flag(x, i, FLD_REQUIRED, v);
			break;
		case FCOL_READ_ONLY:
			fl->read_only = parse_flag(x, i, FLD_READ_ONLY, v);
			break;
		case FCOL_DEFAULT:
			if (form_default_is_dynamic(v, fl->type))
				fl->default_expr = parse(x, i, FLD_DEFAULT, v);
			else {
				fl->default_value = v;
				check_default(x, i, v);
			}
			break;
		case FCOL_APPEARANCE:
			fl->appearance = v;
			break;
		case FCOL_PARAMETERS:
			form_params_read(l, fl, i, v);
			break;
		case FCOL_REPEAT_COUNT:
			if (!fl->repeat)
				form_problem(l, l->survey_at, x->r->row, i,
				    _("repeat_count is only for begin_repeat"));
			else if (fl->repeat_count == NULL)
				fl->repeat_count = parse(x, i,
				    FLD_REPEAT_COUNT, v);
			break;
		default:
			break;
		}
	}
}

static bool
has_text(const form *f, const char *const *t)
{
	int i;

	for (i = 0; i < f->nlangs; i++)
		if (t[i] != NULL)
			return true;
	return false;
}

/* A calculate needs a calculation, or a dynamic default (pyxform). */
static bool
has_calculation(struct form_load *l, const struct sheet_row *r)
{
	const struct form_cols *c = &l->scols;
	const char *d;

	if (c->first[FCOL_CALCULATION] >= 0 &&
	    sheet_cell(r, c->first[FCOL_CALCULATION])[0] != '\0')
		return true;
	if (c->first[FCOL_DEFAULT] < 0)
		return false;
	d = sheet_cell(r, c->first[FCOL_DEFAULT]);
	return d[0] != '\0' && form_default_is_dynamic(d, FORM_CALCULATE);
}

/* Whether row r has a name or any label (a row without a type but with
 * neither is a comment row, skipped as pyxform skips it). */
static bool
row_has_content(const struct form_cols *c, const struct sheet_row *r)
{
	int i;

	for (i = 0; i < c->ncols; i++)
		if ((c->key[i] == FCOL_NAME || c->key[i] == FCOL_LABEL) &&
		    sheet_cell(r, i)[0] != '\0')
			return true;
	return false;
}

/* Resolve a select's list name, reporting an unknown one. */
static int
find_list(struct rowctx *x, int col, const char *name)
{
	struct form_load *l = x->l;
	form *f = l->f;
	int i = nameidx_get(&f->list_names, name, list_key, f), k;

	if (i >= 0)
		return i;
	for (k = 0; k < f->nlists; k++)
		if (form_near(name, f->lists[k].name)) {
			form_problem(l, l->survey_at, x->r->row, col,
			    _("unknown choice list '%s' (did you mean '%s'?)"),
			    name, f->lists[k].name);
			return -1;
		}
	form_problem(l, l->survey_at, x->r->row, col,
	    _("unknown choice list '%s'"), name);
	return -1;
}

/* Name the row's field, checking the name. */
static void
name_field(struct rowctx *x, const struct form_typeinfo *t, int ncol,
    const char *name)
{
	struct form_load *l = x->l;
	form *f = l->f;
	struct form_field *fl = x->fl;
	int first;

	if (name[0] == '\0' && fl->type == FORM_NOTE &&
	    t->kind == FTYPE_FIELD)
		name = arena_msg(&f->arena, "generated_note_name_%d",
		    x->r->seq);
	fl->name = name;
	if (name[0] == '\0') {
		if (ncol >= 0)
			form_problem(l, l->survey_at, x->r->row, ncol,
			    _("%s has no name"), t->kind == FTYPE_BEGIN ?
			    (t->repeat ? "begin_repeat" : "begin_group") :
			    _("question"));
		return;
	}
	if (!form_is_name(name)) {
		form_problem(l, l->survey_at, x->r->row, ncol,
		    _("invalid name '%s': a name starts with a letter or '_' "
		    "and has only letters, digits, '-', '_' and '.'"), name);
		return;
	}
	if (strcmp(name, "meta") == 0) {
		form_problem(l, l->survey_at, x->r->row, ncol,
		    _("name 'meta' is reserved for the form's metadata"));
		return;
	}
	first = nameidx_add(&f->names, fl->index, field_key, f);
	if (first >= 0)
		form_problem(l, l->survey_at, x->r->row, ncol,
		    _("duplicate name '%s' (first defined at row %d)"), name,
		    f->fields[first].row);
}

/* Report what the type column says is wrong with the row, if anything. */
static void
type_problem(struct rowctx *x, int tcol, const char *type,
    const struct form_typeinfo *t)
{
	struct form_load *l = x->l;
	const char *why;
	char *hint;

	switch (t->kind) {
	case FTYPE_UNSUPPORTED:
		if (memchr(t->what, '$', t->what_len) != NULL)
			form_problem(l, l->survey_at, x->r->row, tcol,
			    _("type '%.*s' is not supported by kesu: choices "
			    "taken from the answers of a repeat are offered to "
			    "select_one ${name} only (pyxform refuses them for "
			    "select_multiple and rank: an answer holding a "
			    "space could not be told apart from two)"),
			    (int)t->what_len, t->what);
		else if ((why = form_type_why(t->what, t->what_len)) != NULL)
			form_problem(l, l->survey_at, x->r->row, tcol,
			    _("type '%.*s' is not supported by kesu: %s"),
			    (int)t->what_len, t->what, why);
		else
			form_problem(l, l->survey_at, x->r->row, tcol,
			    _("type '%.*s' is not supported by kesu"),
			    (int)t->what_len, t->what);
		break;
	case FTYPE_NOLIST:
		form_problem(l, l->survey_at, x->r->row, tcol,
		    _("type '%s' needs a choice list, as in '%s LIST'"), type,
		    type);
		break;
	case FTYPE_UNKNOWN:
		if ((hint = form_type_suggest(type)) != NULL)
			form_problem(l, l->survey_at, x->r->row, tcol,
			    _("unknown type '%s' (did you mean '%s'?)"), type,
			    hint);
		else
			form_problem(l, l->survey_at, x->r->row, tcol,
			    _("unknown type '%s'"), type);
		free(hint);
		break;
	default:
		if (t->repeat && strcmp(t->what, "begin repeat") != 0 &&
		    strcmp(t->what, "begin_repeat") != 0 &&
		    strcmp(t->what, "end repeat") != 0 &&
		    strcmp(t->what, "end_repeat") != 0)
			form_problem(l, l->survey_at, x->r->row, tcol,
			    _("type '%.*s' is not supported by kesu: a loop "
			    "over a list is pyxform's old form; write "
			    "begin_repeat with a repeat_count"),
			    (int)t->what_len, t->what);
		break;
	}
}

/* Whether s is exactly one ${name} (pyxform's plain reference). */
static bool
plain_reference(const char *s)
{
	size_t n = strlen(s);

	return n > 3 && s[0] == '$' && s[1] == '{' && s[n - 1] == '}' &&
	    strcspn(s + 2, "${} ") == n - 3;
}

/*
 * Field i, one the form makes itself (NAME_count, NAME_other, a
 * table-list group's fields): called name, under parent (-1: the top),
 * at depth, from spreadsheet row; no list, no texts.  The caller sets
 * its type and what it asks or computes.
 */
static struct form_field *
made_field(form *f, int i, int parent, int depth, int row, const char *name)
{
	struct form_field *fl = &f->fields[i];

	memset(fl, 0, sizeof *fl);
	fl->name = name;
	fl->path = parent < 0 ? name : arena_msg(&f->arena, "%s/%s",
	    f->fields[parent].path, name);
	fl->index = i;
	fl->parent = parent;
	fl->in_repeat = parent < 0 ? -1 : f->fields[parent].repeat ? parent :
	    f->fields[parent].in_repeat;
	fl->end = i + 1;
	fl->depth = depth;
	fl->row = row;
	fl->list = -1;
	fl->source = -1;
	fl->label = fl->hint = f->no_text;
	fl->constraint_message = fl->required_message = f->no_text;
	return fl;
}

/*
 * A repeat_count that is more than a plain ${name} (a number, an
 * expression) gets a read-only calculate NAME_count at field i, before
 * the repeat, as pyxform generates it.  Returns the repeat_count cell
 * when that was done, else NULL.
 */
static const char *
count_field(struct form_load *l, const struct sheet_row *r, int i,
    int parent, int depth, const char *rname)
{
	const struct form_cols *c = &l->scols;
	int col = c->first[FCOL_REPEAT_COUNT];
	form *f = l->f;
	struct form_field *fl;
	const char *v;
	char *cause = NULL;
	expr *e = NULL;

	if (col < 0 || rname[0] == '\0')
		return NULL;
	v = form_clean_text(&f->arena, sheet_cell(r, col), l->clean_text);
	if (v[0] == '\0' || plain_reference(v))
		return NULL;
	if (expr_parse(v, &e, &cause) != 0) {
		free(cause);
		return NULL; /* reported with the repeat */
	}
	fl = made_field(f, i, parent, depth, r->row,
	    arena_msg(&f->arena, "%s_count", rname));
	fl->type = FORM_CALCULATE;
	fl->calculation = e;
	l->field_col[i * FLD_NEXPR + FLD_CALCULATION] = col;
	l->field_row[i] = r;
	if (nameidx_add(&f->names, i, field_key, f) >= 0)
		form_problem(l, l->survey_at, r->row, col,
		    "duplicate name '%s' (repeat_count makes a calculate of "
		    "that name)", fl->name);
	return v;
}

static const char *
choice_key(const void *ctx, int i)
{
	return ((const struct form_list *)ctx)->choices[i].name;
}

/* Give list a choice "other" labelled "Other" in every language (pyxform
 * does not translate it), unless it has one. */
static void
other_choice(form *f, struct form_list *list)
{
	struct form_choice *ch;
	const char **label;
	int k;

	if (nameidx_get(&list->index, "other", choice_key, list) >= 0)
		return;
	if (list->n == list->cap) {
		ch = arena_alloc(&f->arena, (size_t)(list->cap + 1) *
		    sizeof *ch);
		memcpy(ch, list->choices, (size_t)list->n * sizeof *ch);
		list->choices = ch;
		list->cap++;
	}
	ch = &list->choices[list->n];
	memset(ch, 0, sizeof *ch);
	ch->name = "other";
	ch->row = list->row;
	label = arena_alloc(&f->arena, (size_t)f->nlangs * sizeof *label);
	for (k = 0; k < f->nlangs; k++)
		label[k] = "Other";
	ch->label = label;
	if (nameidx_add(&list->index, list->n, choice_key, list) < 0)
		list->n++;
}

/*
 * A select "LIST or_other" as pyxform expands it: LIST gains the choice
 * 'other', and a text question NAME_other labelled "Specify other."
 * (untranslated, as pyxform writes it) follows the select at field
 * f->nfields, relevant when 'other' is selected.  pyxform refuses
 * or_other on a file's list or with a choice_filter, and so does kesu.
 */
static void
or_other(struct rowctx *x, int tcol, bool from_file)
{
	struct form_load *l = x->l;
	form *f = l->f;
	const struct form_field *sel = x->fl;
	struct form_field *fl;
	const char **label;
	char *src, *cause = NULL;
	expr *e = NULL;
	int i, k;

	if (from_file) {
		form_problem(l, l->survey_at, x->r->row, tcol,
		    _("'or_other' needs a list of the choices sheet, not an "
		    "attached file (pyxform refuses it too)"));
		return;
	}
	if (sel->choice_filter != NULL) {
		form_problem(l, l->survey_at, x->r->row,
		    x->cols[FLD_CHOICE_FILTER],
		    _("a choice_filter cannot be used with 'or_other' (pyxform "
		    "refuses it too): add a choice 'other' and a text question "
		    "relevant when selected(${%s}, 'other')"), sel->name);
		return;
	}
	if (sel->list < 0 || sel->name[0] == '\0')
		return;
	other_choice(f, &f->lists[sel->list]);
	i = f->nfields++;
	fl = made_field(f, i, sel->parent, sel->depth, sel->row,
	    arena_msg(&f->arena, "%s_other", sel->name));
	fl->type = FORM_TEXT;
	label = arena_alloc(&f->arena, (size_t)f->nlangs * sizeof *label);
	for (k = 0; k < f->nlangs; k++)
		label[k] = "Specify other.";
	fl->label = label;
	form_params_defaults(fl);
	src = xasprintf("selected(${%s}, 'other')", sel->name);
	if (expr_parse(src, &e, &cause) == 0)
		fl->relevant = e;
	free(cause);
	free(src);
	l->field_col[i * FLD_NEXPR + FLD_RELEVANT] = tcol;
	l->field_row[i] = x->r;
	if (nameidx_add(&f->names, i, field_key, f) >= 0)
		form_problem(l, l->survey_at, x->r->row, tcol,
		    _("duplicate name '%s' ('or_other' makes a text question "
		    "of that name)"), fl->name);
}

/*
 * A field pyxform generates for a table-list group (form.h), at field i
 * in group g, named prefix + the seq of row r; the caller sets its type
 * and texts.
 */
static struct form_field *
table_field(struct form_load *l, int i, int g, const struct sheet_row *r,
    int col, const char *prefix)
{
	form *f = l->f;
	struct form_field *fl = made_field(f, i, g, f->fields[g].depth + 1,
	    r->row, arena_msg(&f->arena, "%s%d", prefix, r->seq));

	fl->generated = true;
	form_params_defaults(fl);
	l->field_row[i] = r;
	if (nameidx_add(&f->names, i, field_key, f) >= 0)
		form_problem(l, l->survey_at, r->row, col,
		    _("duplicate name '%s' (a table-list group makes a field "
		    "of that name)"), fl->name);
	return fl;
}

/* Open table-list group g (at row r): its label and hint go to the note
 * pyxform generates, when it has either. */
static void
table_open(struct form_load *l, struct frame *top, int g,
    const struct sheet_row *r, int col)
{
	form *f = l->f;
	struct form_field *fl;

	top->table = form_appears(&f->fields[g], "table-list");
	top->headed = false;
	if (!top->table || (!has_text(f, f->fields[g].label) &&
	    !has_text(f, f->fields[g].hint)))
		return;
	fl = table_field(l, f->nfields++, g, r, col,
	    "generated_table_list_label_");
	fl->type = FORM_NOTE;
	fl->label = f->fields[g].label;
	fl->hint = f->fields[g].hint;
}

/* The header select at field h before the grid's first select sel. */
static void
table_head(struct form_load *l, int h, const struct form_field *sel,
    const struct sheet_row *r, int col)
{
	struct form_field *fl = table_field(l, h, sel->parent, r, col,
	    "reserved_name_for_field_list_labels_");

	fl->type = sel->type;
	fl->list = sel->list;
	fl->appearance = "label";
	if (sel->choice_filter != NULL)
		form_problem(l, l->survey_at, r->row, col, _("a choice_filter "
		    "cannot be used in a table-list group (pyxform refuses it "
		    "too)"));
}

/* Close the innermost open group at row r (an end_group row). */
static void
close_group(struct form_load *l, struct frame *stack, int *depth,
    const struct sheet_row *r, int tcol, const struct form_typeinfo *t)
{
	const char *want = t->repeat ? "repeat" : "group";
	struct frame *top;

	if (*depth == 0) {
		form_problem(l, l->survey_at, r->row, tcol,
		    _("end_%s has no matching begin_%s"), want, want);
		return;
	}
	top = &stack[--*depth];
	if (top->repeat != t->repeat)
		form_problem(l, l->survey_at, r->row, tcol,
		    _("end_%s closes begin_%s '%s' (row %d)"), want,
		    top->repeat ? "repeat" : "group",
		    l->f->fields[top->field].name, top->row);
	l->f->fields[top->field].end = l->f->nfields;
}

/* One survey row: a field, the end of a group, or nothing. */
static void
survey_row(struct form_load *l, const struct sheet_row *r,
    struct frame *stack, int *depth)
{
	const struct form_cols *c = &l->scols;
	form *f = l->f;
	int tcol = c->first[FCOL_TYPE], ncol = c->first[FCOL_NAME];
	int dcol = c->first[FCOL_DISABLED], i, parent;
	struct form_typeinfo t;
	struct form_field *fl;
	struct rowctx x;
	const char *type, *name, *counted;
	struct frame *top;
	int head = -1;

	if (dcol >= 0 && form_yes(sheet_cell(r, dcol)))
		return;
	type = form_clean_text(&f->arena, sheet_cell(r, tcol), l->clean_text);
	if (type[0] == '\0') {
		if (row_has_content(c, r))
			form_problem(l, l->survey_at, r->row, tcol,
			    _("row has no type"));
		return;
	}
	form_type_parse(type, &t);
	if (t.kind == FTYPE_END) {
		close_group(l, stack, depth, r, tcol, &t);
		return;
	}
	if (t.kind == FTYPE_EXTERNAL) {
		/* No field: it declares the attachment NAME.csv (xml). */
		name = ncol >= 0 ? form_clean_text(&f->arena,
		    sheet_cell(r, ncol), l->clean_text) : "";
		if (!form_is_name(name))
			form_problem(l, l->survey_at, r->row, ncol >= 0 ? ncol :
			    tcol, t.from_file ? _("xml-external needs the "
			    "attachment's name without .xml in the name "
			    "column") : _("csv-external needs the attachment's "
			    "name without .csv in the name column"));
		else
			form_attach_declare(l, r->row, ncol, name,
			    t.from_file ? ".xml" : ".csv");
		return;
	}

	parent = *depth > 0 ? stack[*depth - 1].field : -1;
	counted = NULL;
	if (t.kind == FTYPE_BEGIN && t.repeat && ncol >= 0 &&
	    (counted = count_field(l, r, f->nfields, parent, *depth,
	    form_clean_text(&f->arena, sheet_cell(r, ncol),
	    l->clean_text))) != NULL)
		f->nfields++;
	top = *depth > 0 ? &stack[*depth - 1] : NULL;
	if (t.kind == FTYPE_SELECT && top != NULL && top->table &&
	    !top->headed) {
		head = f->nfields++;
		top->headed = true;
	}
	i = f->nfields++;
	fl = &f->fields[i];
	fl->type = t.kind == FTYPE_FIELD || t.kind == FTYPE_SELECT ||
	    t.kind == FTYPE_BEGIN ? t.type : FORM_TEXT;
	fl->index = i;
	fl->parent = parent;
	fl->end = i + 1;
	fl->depth = *depth;
	fl->in_repeat = parent < 0 ? -1 : f->fields[parent].repeat ? parent :
	    f->fields[parent].in_repeat;
	fl->repeat = t.kind == FTYPE_BEGIN && t.repeat;
	fl->row = r->row;
	fl->list = -1;
	fl->source = -1;
	fl->label = fl->hint = f->no_text;
	fl->constraint_message = fl->required_message = f->no_text;
	form_params_defaults(fl);
	memset(&x, 0, sizeof x);
	x.l = l;
	x.r = r;
	x.fl = fl;
	x.cols = &l->field_col[i * FLD_NEXPR];
	l->field_row[i] = r;

	type_problem(&x, tcol, type, &t);
	name = ncol >= 0 ? form_clean_text(&f->arena, sheet_cell(r, ncol),
	    l->clean_text) : "";
	name_field(&x, &t, ncol, name);
	fl->path = parent < 0 ? fl->name : arena_msg(&f->arena,
	    "%s/%s", f->fields[parent].path, fl->name);

	if (t.kind == FTYPE_SELECT && t.source)
		l->source_name[i] = arena_msg(&f->arena, "%.*s",
		    (int)t.list_len - 3, t.list + 2);
	else if (t.kind == FTYPE_SELECT) {
		char *list = xstrndup(t.list, t.list_len);
		const char *value, *label;
		int pcol;

		fl->from_file = t.from_file;
		if (t.from_file) {
			form_params_file_cols(l, r, &value, &label, &pcol);
			fl->list = form_attach_list(l, r->row, tcol, list,
			    value, label, pcol);
		} else
			fl->list = find_list(&x, tcol, list);
		free(list);
	}
	read_columns(&x);
	if (head >= 0)
		table_head(l, head, fl, r, tcol);
	if (t.kind == FTYPE_SELECT && t.or_other && t.source)
		form_problem(l, l->survey_at, r->row, tcol,
		    _("'or_other' cannot be used with choices from a repeat "
		    "(pyxform refuses it too)"));
	else if (t.kind == FTYPE_SELECT && t.or_other)
		or_other(&x, tcol, t.from_file);
	if (counted != NULL) {
		/* The repeat counts by the generated field. */
		expr *e = (expr *)(uintptr_t)fl->repeat_count;
		char *ref = xasprintf("${%s}", f->fields[i - 1].name), *why;

		expr_free(&e);
		fl->repeat_count = NULL;
		if (expr_parse(ref, &e, &why) == 0)
			fl->repeat_count = e;
		else
			free(why);
		free(ref);
	}

	if (t.kind == FTYPE_BEGIN) {
		stack[*depth].field = i;
		stack[*depth].row = r->row;
		stack[*depth].repeat = t.repeat;
		table_open(l, &stack[*depth], i, r, tcol);
		++*depth;
	} else if (t.kind == FTYPE_FIELD || t.kind == FTYPE_SELECT) {
		if (form_is_question(fl) && !has_text(f, fl->label) &&
		    !has_text(f, fl->hint))
			form_problem(l, l->survey_at, r->row,
			    c->first[FCOL_LABEL] >= 0 ?
			    c->first[FCOL_LABEL] : tcol,
			    _("question '%s' has no label or hint"), fl->name);
		if (fl->type == FORM_CALCULATE && !has_calculation(l, r))
			form_problem(l, l->survey_at, r->row,
			    c->first[FCOL_CALCULATION] >= 0 ?
			    c->first[FCOL_CALCULATION] : tcol,
			    _("calculate '%s' has no calculation"), fl->name);
	}
}

void
form_load_survey(struct form_load *l)
{
	const struct sheet *s = l->survey;
	const struct form_cols *c = &l->scols;
	form *f = l->f;
	struct frame *stack;
	int depth = 0, i, cap = 3 * s->nrows;

	nameidx_init(&f->names, cap);
	if (s->nrows == 0 || c->first[FCOL_TYPE] < 0) {
		form_problem(l, l->survey_at, s->nrows ? s->rows[0].row : 1,
		    c->ncols, _("missing column 'type'"));
		return;
	}
	if (c->first[FCOL_NAME] < 0)
		form_problem(l, l->survey_at, s->rows[0].row, c->ncols,
		    _("missing column 'name'"));
	f->fields = arena_alloc(&f->arena, (size_t)cap * sizeof *f->fields);
	l->field_col = xmalloc((size_t)cap * FLD_NEXPR * sizeof *l->field_col);
	memset(l->field_col, 0xff, (size_t)cap * FLD_NEXPR *
	    sizeof *l->field_col);
	l->field_row = xcalloc((size_t)cap, sizeof *l->field_row);
	l->source_name = xcalloc((size_t)cap, sizeof *l->source_name);
	stack = xmalloc((size_t)cap * sizeof *stack);
	for (i = 1; i < s->nrows; i++)
		survey_row(l, &s->rows[i], stack, &depth);
	while (depth > 0) {
		const struct frame *top = &stack[--depth];

		form_problem(l, l->survey_at, top->row, c->first[FCOL_TYPE],
		    _("begin_%s '%s' is never closed"),
		    top->repeat ? "repeat" : "group", f->fields[top->field].name);
		f->fields[top->field].end = f->nfields;
	}
	free(stack);
}

/*
 * export_rows.c - the rows of an export: the records of the table's
 * forms with one of its statuses, oldest first, each as one string per
 * column.
 *
 * Field values come from the stored instance (byte-exact XML), read once
 * per record by the instance reader review and reopening share
 * (store/values.h): a leaf's path below the root ("grp/age") is looked up
 * in the form, so groups need no special case and the <meta> block is
 * skipped.  A field missing from the instance (not relevant) is "".
 *
 * A repeat's table has one row per instance: the leaves under the repeat
 * are grouped by their positions at the depths of the repeat and of the
 * repeats around it (store_values_position()), so an instance whose
 * fields are all non-relevant still makes its row, and a nested repeat's
 * instance knows its parent's.
 */
#include <stdlib.h>
#include <string.h>

#include "report/export_int.h"
#include "store/values.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct export_rows {
	store *s;
	const struct export_table *t;
	store_list *list;
	struct store_record rec;
	store_values *vals;   /* the record's leaves */
	const char **field;   /* [form_nfields] each field's value, or NULL */

	/* Instances of one form list their elements in the same order:
	 * the nth leaf's path and field, from the record before. */
	char **seen_path;
	int *seen_field;
	size_t nseen, seen_cap;

	struct buf meta;      /* metadata values, NUL-separated */
	struct buf flags;     /* "0"/"1" per FLAG column */
	struct buf places;    /* a rank's place columns: the names ranked
				 there, each ended by a NUL, in column order */
	const char **values;  /* [ncols] */
	const char **fv;      /* the values rows_field() reads: field, or
				   the current instance's */

	/* A repeat's table: the repeats from the outermost to t->repeat,
	 * the fields under t->repeat, and the record's instances (each a
	 * position per chain entry and a value per field). */
	int *chain;
	size_t nchain;
	bool *under;          /* [form_nfields] */
	size_t ninst, inst_cap, cur;
	size_t *pos;          /* [inst_cap * nchain] */
	const char **ifield;  /* [inst_cap * nfields] */
};

/* The field at leaf k's path, -1 when none. */
static int
rows_lookup(export_rows *r, size_t k, const char *path)
{
	int i;

	if (k < r->nseen && strcmp(r->seen_path[k], path) == 0)
		return r->seen_field[k];
	i = form_find_path(r->t->f, path);
	if (k >= r->seen_cap) {
		r->seen_cap = k + 64;
		r->seen_path = xreallocarray(r->seen_path, r->seen_cap,
		    sizeof *r->seen_path);
		r->seen_field = xreallocarray(r->seen_field, r->seen_cap,
		    sizeof *r->seen_field);
	}
	for (; r->nseen <= k; r->nseen++)
		r->seen_path[r->nseen] = NULL;
	free(r->seen_path[k]);
	r->seen_path[k] = xstrdup(path);
	r->seen_field[k] = i;
	return i;
}

/* The repeats around t->repeat and the fields under it. */
static void
rows_chain(export_rows *r)
{
	const form *f = r->t->f;
	int n = form_nfields(f), i, p;

	r->chain = xcalloc((size_t)form_field(f, r->t->repeat)->depth + 2,
	    sizeof *r->chain);
	for (p = r->t->repeat; p >= 0; p = form_field(f, p)->parent)
		if (form_field(f, p)->repeat)
			r->nchain++;
	i = (int)r->nchain;
	for (p = r->t->repeat; p >= 0; p = form_field(f, p)->parent)
		if (form_field(f, p)->repeat)
			r->chain[--i] = p;
	r->under = xcalloc((size_t)n + 1, sizeof *r->under);
	for (i = 0; i < n; i++)
		for (p = i; p >= 0 && !r->under[i]; p = form_field(f, p)->parent)
			r->under[i] = p == r->t->repeat;
}

/*
 * Leaf k (of field i, under the repeat) into the record's instances: a
 * new one when its positions differ from the last instance's.
 */
static void
rows_instance(export_rows *r, size_t k, int i)
{
	size_t n = (size_t)form_nfields(r->t->f), c, *pos;

	if (r->ninst == r->inst_cap) {
		r->inst_cap = r->inst_cap != 0 ? 2 * r->inst_cap : 16;
		r->pos = xreallocarray(r->pos, r->inst_cap * r->nchain,
		    sizeof *r->pos);
		r->ifield = xreallocarray(r->ifield, r->inst_cap * n,
		    sizeof *r->ifield);
	}
	pos = r->pos + r->ninst * r->nchain;
	for (c = 0; c < r->nchain; c++)
		pos[c] = store_values_position(r->vals, k,
		    form_field(r->t->f, r->chain[c])->depth);
	if (r->ninst == 0 || memcmp(pos, pos - r->nchain,
	    r->nchain * sizeof *pos) != 0) {
		memset(r->ifield + r->ninst * n, 0, n * sizeof *r->ifield);
		r->ninst++;
	}
	if (i != r->t->repeat &&
	    form_field(r->t->f, i)->type != FORM_GROUP &&
	    r->ifield[(r->ninst - 1) * n + (size_t)i] == NULL)
		r->ifield[(r->ninst - 1) * n + (size_t)i] =
		    store_values_value(r->vals, k);
}

int
export_rows_open(store *s, const struct export_table *t, export_rows **out,
    char **cause)
{
	export_rows *r;
	int rc, n;

	*out = NULL;
	r = xcalloc(1, sizeof *r);
	r->s = s;
	r->t = t;
	n = t->f != NULL ? form_nfields(t->f) : 0;
	r->field = xcalloc((size_t)n + 1, sizeof *r->field);
	r->values = xcalloc(t->ncols + 1, sizeof *r->values);
	r->fv = r->field;
	r->vals = store_values_from(NULL, 0);
	if (t->f != NULL && t->repeat >= 0)
		rows_chain(r);
	if ((rc = store_list_open(s, NULL, &r->list, cause)) != 0) {
		export_rows_close(&r);
		return rc;
	}
	*out = r;
	return 0;
}

static bool
rows_wanted(const export_rows *r, const struct store_record *rec)
{
	const struct export_table *t = r->t;
	size_t i;
	bool ok = false;

	for (i = 0; i < t->nkeys && !ok; i++)
		ok = t->keys[i] == rec->form_key;
	if (!ok)
		return false;
	for (i = 0; i < t->nstatuses; i++)
		if (strcmp(t->statuses[i], rec->status) == 0)
			return true;
	return false;
}

static int
rows_parse(export_rows *r, const char *xml, size_t len, char **cause)
{
	int n = r->t->f != NULL ? form_nfields(r->t->f) : 0, i;
	char *why = NULL;
	size_t k;

	memset(r->field, 0, ((size_t)n + 1) * sizeof *r->field);
	r->ninst = r->cur = 0;
	if (store_values_reparse(r->vals, xml, len, &why) != 0) {
		int rc = kesu_fail(cause, KESU_EDATA, _("record %s: its "
		    "instance is not well-formed XML (%s)"), r->rec.uuid,
		    why != NULL ? why : "");

		free(why);
		return rc;
	}
	for (k = 0; n > 0 && k < store_values_count(r->vals); k++) {
		i = rows_lookup(r, k, store_values_path(r->vals, k));
		if (i >= 0 && r->under != NULL && r->under[i])
			rows_instance(r, k, i);
		else if (i >= 0 && form_field(r->t->f, i)->type != FORM_GROUP &&
		    r->field[i] == NULL)
			r->field[i] = store_values_value(r->vals, k);
	}
	return 0;
}

static const char *
rows_field(const export_rows *r, int field)
{
	return r->fv[field] != NULL ? r->fv[field] : "";
}

/* A repeat row's keys: the record's id, then name[n] of each repeat. */
static void
rows_key(export_rows *r, size_t upto)
{
	const size_t *pos = r->pos + r->cur * r->nchain;
	size_t c;

	buf_addstr(&r->meta, r->rec.uuid);
	for (c = 0; c < upto; c++)
		buf_printf(&r->meta, "/%s[%zu]", form_field(r->t->f,
		    r->chain[c])->name, pos[c]);
}

/* Append to b the place-th (1-based) of the space-separated names in v
 * ("" when v has fewer), and a NUL. */
static void
rows_place(struct buf *b, const char *v, int place)
{
	const char *p = v, *q;

	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (q = p; *q != '\0' && *q != ' '; q++)
			;
		if (--place == 0) {
			buf_add(b, p, (size_t)(q - p));
			break;
		}
		p = q;
	}
	buf_addch(b, '\0');
}

/* Is choice name among the space-separated names in v? */
static bool
rows_selected(const char *v, const char *name)
{
	size_t n = strlen(name);
	const char *p = v;

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (strncmp(p, name, n) == 0 && (p[n] == ' ' || p[n] == '\0'))
			return true;
		while (*p != '\0' && *p != ' ')
			p++;
	}
	return false;
}

static void
rows_fill(export_rows *r)
{
	const struct export_table *t = r->t;
	const struct store_record *rec = &r->rec;
	const struct export_column *c;
	size_t i, at[EXPORT_NMETA], nflag = 0;
	char when[40];
	const char *v, *place;
	int m;

	buf_reset(&r->meta);
	buf_addstr(&r->meta, "");
	for (m = 0; m < EXPORT_NMETA; m++) {
		at[m] = r->meta.len;
		switch (m) {
		case EXPORT_META_ID:
			buf_addstr(&r->meta, rec->uuid);
			break;
		case EXPORT_META_STATUS:
			buf_addstr(&r->meta, rec->status);
			break;
		case EXPORT_META_INTERVIEWER:
			buf_addstr(&r->meta, rec->interviewer);
			break;
		case EXPORT_META_STARTED:
			clock_format(rec->started, rec->tz, when, sizeof when);
			buf_addstr(&r->meta, when);
			break;
		case EXPORT_META_ENDED:
			if (rec->ended > 0) {
				clock_format(rec->ended, rec->tz, when,
				    sizeof when);
				buf_addstr(&r->meta, when);
			}
			break;
		case EXPORT_META_DURATION:
			if (rec->duration > 0)
				buf_printf(&r->meta, "%.0f", rec->duration);
			break;
		case EXPORT_META_FORM_ID:
			buf_addstr(&r->meta, rec->form_id);
			break;
		case EXPORT_META_VERSION:
			buf_addstr(&r->meta, rec->version);
			break;
		case EXPORT_META_PARENT_KEY:
			if (r->nchain > 0)
				rows_key(r, r->nchain - 1);
			break;
		case EXPORT_META_KEY:
			if (r->nchain > 0)
				rows_key(r, r->nchain);
			break;
		case EXPORT_META_INSTANCE:
			if (r->nchain > 0)
				buf_printf(&r->meta, "%zu", r->pos[r->cur *
				    r->nchain + r->nchain - 1]);
			break;
		}
		buf_addch(&r->meta, '\0');
	}
	buf_reset(&r->flags);
	buf_addstr(&r->flags, "");
	for (i = 0; i < t->ncols; i++) {
		c = &t->cols[i];
		if (c->kind != EXPORT_FLAG)
			continue;
		v = rows_field(r, c->field);
		buf_addch(&r->flags, *v == '\0' ? '\0' :
		    rows_selected(v, form_choice(t->f, c->list,
		    c->choice)->name) ? '1' : '0');
		buf_addch(&r->flags, '\0');
	}
	buf_reset(&r->places);
	buf_addstr(&r->places, "");
	for (i = 0; i < t->ncols; i++)
		if (t->cols[i].place > 0)
			rows_place(&r->places, rows_field(r, t->cols[i].field),
			    t->cols[i].place);
	place = r->places.data;
	for (i = 0; i < t->ncols; i++) {
		c = &t->cols[i];
		if (c->meta >= 0)
			r->values[i] = r->meta.data + at[c->meta];
		else if (c->kind == EXPORT_FLAG) {
			r->values[i] = r->flags.data + 2 * nflag++;
		} else if (c->place > 0) {
			r->values[i] = place;
			place += strlen(place) + 1;
		} else
			r->values[i] = rows_field(r, c->field);
	}
}

int
export_rows_next(export_rows *r, const char *const **values, bool *end,
    char **cause)
{
	const char *const *summary;
	char *xml = NULL;
	size_t len;
	int rc;

	*values = NULL;
	/* A repeat's table: the record's next instance, if any is left. */
	if (r->nchain > 0 && ++r->cur < r->ninst)
		goto fill;
	do {
		for (;;) {
			if ((rc = store_list_next(r->list, &r->rec, &summary,
			    end, cause)) != 0 || *end)
				return rc;
			if (rows_wanted(r, &r->rec))
				break;
		}
		if ((rc = store_record_xml(r->s, r->rec.key, &xml, &len,
		    cause)) != 0)
			return rc;
		rc = rows_parse(r, xml, len, cause);
		free(xml);
		if (rc != 0)
			return rc;
	} while (r->nchain > 0 && r->ninst == 0);
fill:
	if (r->nchain > 0)
		r->fv = r->ifield + r->cur * (size_t)form_nfields(r->t->f);
	rows_fill(r);
	*values = r->values;
	return 0;
}

void
export_rows_close(export_rows **rp)
{
	export_rows *r = *rp;

	if (r == NULL)
		return;
	store_list_close(&r->list);
	store_record_clear(&r->rec);
	store_values_free(&r->vals);
	buf_free(&r->meta);
	buf_free(&r->flags);
	buf_free(&r->places);
	while (r->nseen > 0)
		free(r->seen_path[--r->nseen]);
	free(r->seen_path);
	free(r->seen_field);
	free(r->field);
	free(r->values);
	free(r->chain);
	free(r->under);
	free(r->pos);
	free(r->ifield);
	free(r);
	*rp = NULL;
}

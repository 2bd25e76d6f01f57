/*
 * design.c - factors (categorical columns) and the stratified cluster
 * design built from them.
 *
 * Levels are found by hashing the rows' values, then sorting the distinct
 * ones, which gives R's level order.  PSUs are
 * nested in strata (svydesign(nest = TRUE)): PSU "1" of stratum 2 and PSU
 * "1" of stratum 3 are two PSUs.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/design_int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* A distinct value while a factor is built. */
struct fac_level {
	const char *s;
	double x;
	size_t first;   /* its first row, for a stable order of equals */
	int code;       /* its code in the sorted order */
};

static int
fac_cmp_str(const void *a, const void *b)
{
	const struct fac_level *p = *(const struct fac_level *const *)a;
	const struct fac_level *q = *(const struct fac_level *const *)b;

	return strcmp(p->s, q->s);
}

static int
fac_cmp_num(const void *a, const void *b)
{
	const struct fac_level *p = *(const struct fac_level *const *)a;
	const struct fac_level *q = *(const struct fac_level *const *)b;

	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	return p->first < q->first ? -1 : p->first > q->first;
}

/* s as a finite number, or false. */
static bool
fac_number(const char *s, double *x)
{
	char *end;

	*x = strtod(s, &end);
	return end != s && *end == '\0' && isfinite(*x);
}

static size_t
fac_hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Put level l (of value s) into the open-addressing table. */
static void
fac_slot_put(size_t *slot, size_t nslot, const char *s, size_t l)
{
	size_t h;

	for (h = fac_hash(s) & (nslot - 1); slot[h] != 0;
	    h = (h + 1) & (nslot - 1))
		;
	slot[h] = l + 1;
}

/*
 * Distinct values by hashing (each row once: equal strings often share
 * one pointer, checked first, and a run of one pointer is looked up
 * once), then only the distinct values are sorted.  The table grows with
 * the distinct values, not the rows, so a factor of 100,000 rows and 20
 * levels touches a few pages beyond its codes.  Numeric levels that are
 * equal as numbers ("1", "1.0") are merged.
 */
void
report_factor_build(struct report_factor *f, const char *const *v, size_t n)
{
	struct fac_level *lv = NULL, **order = NULL;
	size_t *slot, nslot = 64, nlv = 0, cap = 0, i, h;
	bool numeric = true;

	memset(f, 0, sizeof *f);
	f->n = n;
	f->code = xcalloc(n + 1, sizeof *f->code);
	slot = xcalloc(nslot, sizeof *slot);     /* level + 1, 0 empty */
	for (i = 0; i < n; i++) {
		/* Until the codes are sorted, code[i] is a level's index. */
		if (*v[i] == '\0') {
			f->code[i] = -1;
			continue;
		}
		if (i > 0 && v[i] == v[i - 1]) {
			f->code[i] = f->code[i - 1];
			continue;
		}
		for (h = fac_hash(v[i]) & (nslot - 1); slot[h] != 0;
		    h = (h + 1) & (nslot - 1)) {
			const char *s = lv[slot[h] - 1].s;

			if (s == v[i] || strcmp(s, v[i]) == 0)
				break;
		}
		if (slot[h] == 0) {
			if (nlv == cap) {
				cap = cap ? 2 * cap : 16;
				lv = xreallocarray(lv, cap, sizeof *lv);
			}
			lv[nlv].s = v[i];
			lv[nlv].first = i;
			if (numeric && !fac_number(v[i], &lv[nlv].x))
				numeric = false;
			slot[h] = ++nlv;
		}
		f->code[i] = (int)(slot[h] - 1);
		if (2 * nlv > nslot) {
			size_t l;

			free(slot);
			nslot *= 2;
			slot = xcalloc(nslot, sizeof *slot);
			for (l = 0; l < nlv; l++)
				fac_slot_put(slot, nslot, lv[l].s, l);
		}
	}
	order = xcalloc(nlv + 1, sizeof *order);
	for (i = 0; i < nlv; i++)
		order[i] = &lv[i];
	qsort(order, nlv, sizeof *order, numeric ? fac_cmp_num : fac_cmp_str);
	f->levels = xcalloc(nlv + 1, sizeof *f->levels);
	for (i = 0; i < nlv; i++) {
		if (i == 0 || !numeric || order[i]->x != order[i - 1]->x)
			f->levels[f->nlevels++] = xstrdup(order[i]->s);
		order[i]->code = (int)f->nlevels - 1;
	}
	for (i = 0; i < n; i++)
		if (f->code[i] >= 0)
			f->code[i] = lv[f->code[i]].code;
	free(order);
	free(lv);
	free(slot);
}

/* Row i's levels of the np parts joined by ':' into b; false when a
 * part has none. */
static bool
fac_join(struct buf *b, const struct report_factor *part, size_t np,
    size_t i)
{
	size_t k;

	buf_reset(b);
	for (k = 0; k < np; k++) {
		if (part[k].code[i] < 0)
			return false;
		if (k > 0)
			buf_addch(b, ':');
		buf_addstr(b, part[k].levels[part[k].code[i]]);
	}
	return true;
}

/*
 * Cells are numbered with the first factor slowest, which is the sorted
 * order; a crossing of more cells than DESIGN_CELLS is made of the
 * joined strings instead (ordered as strings).
 */
#define DESIGN_CELLS ((size_t)1 << 22)

void
report_factor_cross(struct report_factor *f,
    const struct report_factor *part, size_t np)
{
	size_t n = part[0].n, ncell = 1, i, k, c;
	size_t *cell = NULL;
	int *code = NULL;
	struct buf b = BUF_INIT;

	for (k = 0; k < np; k++) {
		size_t nl = part[k].nlevels > 0 ? part[k].nlevels : 1;

		ncell = ncell <= DESIGN_CELLS / nl ? ncell * nl :
		    DESIGN_CELLS + 1;
	}
	if (ncell > DESIGN_CELLS) {
		char **v = xcalloc(n + 1, sizeof *v);

		for (i = 0; i < n; i++)
			v[i] = xstrdup(fac_join(&b, part, np, i) ? b.data : "");
		report_factor_build(f, (const char *const *)v, n);
		for (i = 0; i < n; i++)
			free(v[i]);
		free(v);
		buf_free(&b);
		return;
	}
	memset(f, 0, sizeof *f);
	f->n = n;
	f->code = xcalloc(n + 1, sizeof *f->code);
	cell = xcalloc(n + 1, sizeof *cell);
	code = xcalloc(ncell + 1, sizeof *code);
	for (i = 0; i < n; i++) {
		for (c = 0, k = 0; k < np && part[k].code[i] >= 0; k++)
			c = c * part[k].nlevels + (size_t)part[k].code[i];
		f->code[i] = k < np ? -1 : 0;
		cell[i] = c;
		if (k == np)
			code[c] = 1;
	}
	for (c = 0; c < ncell; c++) {
		if (code[c] == 0)
			continue;
		code[c] = (int)++f->nlevels;
	}
	f->levels = xcalloc(f->nlevels + 1, sizeof *f->levels);
	for (i = 0; i < n; i++) {
		if (f->code[i] < 0)
			continue;
		f->code[i] = code[cell[i]] - 1;
		if (f->levels[f->code[i]] == NULL) {
			fac_join(&b, part, np, i);
			f->levels[f->code[i]] = xstrdup(b.data);
		}
	}
	buf_free(&b);
	free(code);
	free(cell);
}

int
report_factor_find(const struct report_factor *f, const char *s)
{
	double x, y;
	size_t i;
	bool num = fac_number(s, &x);

	for (i = 0; i < f->nlevels; i++) {
		if (strcmp(f->levels[i], s) == 0)
			return (int)i;
		if (num && fac_number(f->levels[i], &y) && x == y)
			return (int)i;
	}
	return -1;
}

void
report_factor_clear(struct report_factor *f)
{
	size_t i;

	for (i = 0; i < f->nlevels; i++)
		free(f->levels[i]);
	free(f->levels);
	free(f->code);
	memset(f, 0, sizeof *f);
}

/* Largest (stratum, PSU) table numbered directly; beyond it, a sort. */
#define DESIGN_DENSE ((size_t)1 << 22)

struct psu_item {
	size_t stratum;
	int psu;
	size_t row;
};

static int
psu_cmp(const void *a, const void *b)
{
	const struct psu_item *p = a, *q = b;

	if (p->stratum != q->stratum)
		return p->stratum < q->stratum ? -1 : 1;
	if (p->psu != q->psu)
		return p->psu < q->psu ? -1 : 1;
	return p->row < q->row ? -1 : p->row > q->row;
}

int
report_design_new(size_t n, const struct report_factor *strata,
    const struct report_factor *psu, const double *w, report_design **out,
    char **cause)
{
	report_design *d;
	struct psu_item *it;
	size_t i;

	*out = NULL;
	for (i = 0; i < n; i++) {
		if ((strata != NULL && strata->code[i] < 0) ||
		    (psu != NULL && psu->code[i] < 0))
			return kesu_fail(cause, KESU_EDATA,
			    _("a record has no stratum or no PSU"));
		if (w != NULL && !(w[i] > 0 && isfinite(w[i])))
			return kesu_fail(cause, KESU_EDATA,
			    _("a record has a weight that is not a positive "
			    "number"));
	}
	if (n == 0)
		return kesu_fail(cause, KESU_EDATA,
		    _("no records to estimate from"));
	d = xcalloc(1, sizeof *d);
	d->n = n;
	d->w = xcalloc(n, sizeof *d->w);
	d->stratum = xcalloc(n, sizeof *d->stratum);
	d->psu = xcalloc(n, sizeof *d->psu);
	for (i = 0; i < n; i++) {
		d->w[i] = w != NULL ? w[i] : 1;
		d->stratum[i] = strata != NULL ? (size_t)strata->code[i] : 0;
	}
	d->nstrata = strata != NULL ? strata->nlevels : 1;
	d->psu_stratum = xcalloc(n, sizeof *d->psu_stratum);
	d->stratum_npsu = xcalloc(d->nstrata, sizeof *d->stratum_npsu);
	if (psu == NULL) {
		/* Each row its own PSU. */
		for (i = 0; i < n; i++) {
			d->psu[i] = i;
			d->psu_stratum[i] = d->stratum[i];
			d->stratum_npsu[d->stratum[i]]++;
		}
		d->npsu = n;
	} else if (psu->nlevels <= DESIGN_DENSE / d->nstrata) {
		/* A (stratum, PSU) table, numbered in that order. */
		size_t *map = xcalloc(d->nstrata * psu->nlevels,
		    sizeof *map), k;

		for (i = 0; i < n; i++)
			map[d->stratum[i] * psu->nlevels +
			    (size_t)psu->code[i]] = 1;
		for (k = 0; k < d->nstrata * psu->nlevels; k++) {
			if (map[k] == 0)
				continue;
			d->psu_stratum[d->npsu] = k / psu->nlevels;
			d->stratum_npsu[k / psu->nlevels]++;
			map[k] = ++d->npsu;
		}
		for (i = 0; i < n; i++)
			d->psu[i] = map[d->stratum[i] * psu->nlevels +
			    (size_t)psu->code[i]] - 1;
		free(map);
	} else {
		it = xcalloc(n, sizeof *it);
		for (i = 0; i < n; i++) {
			it[i].stratum = d->stratum[i];
			it[i].psu = psu->code[i];
			it[i].row = i;
		}
		qsort(it, n, sizeof *it, psu_cmp);
		for (i = 0; i < n; i++) {
			if (i == 0 || it[i].stratum != it[i - 1].stratum ||
			    it[i].psu != it[i - 1].psu) {
				d->psu_stratum[d->npsu++] = it[i].stratum;
				d->stratum_npsu[it[i].stratum]++;
			}
			d->psu[it[i].row] = d->npsu - 1;
		}
		free(it);
	}
	*out = d;
	return 0;
}

size_t
report_design_rows(const report_design *d)
{
	return d->n;
}

size_t
report_design_strata(const report_design *d)
{
	return d->nstrata;
}

size_t
report_design_psus(const report_design *d)
{
	return d->npsu;
}

size_t
report_design_lonely(const report_design *d, size_t *first)
{
	size_t h, n = 0;

	for (h = d->nstrata; h-- > 0;)
		if (d->stratum_npsu[h] == 1) {
			*first = h;
			n++;
		}
	return n;
}

double
report_design_weight(const report_design *d, size_t i)
{
	return d->w[i];
}

void
report_design_free(report_design **dp)
{
	report_design *d = *dp;
	size_t k;

	if (d == NULL)
		return;
	for (k = 0; k < d->nrake; k++) {
		free(d->rake_code[k]);
		free(d->rake_w[k]);
	}
	free(d->rake_code);
	free(d->rake_w);
	free(d->rake_nlevels);
	free(d->w);
	free(d->stratum);
	free(d->psu);
	free(d->psu_stratum);
	free(d->stratum_npsu);
	free(d);
	*dp = NULL;
}

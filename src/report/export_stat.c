/*
 * export_stat.c - the export as a Stata .dta (format 118, UTF-8) or an
 * SPSS .sav file, written through ReadStat.
 *
 * The instances are read once: that pass counts the rows (both formats
 * need the count up front), finds each string's width in bytes, whether
 * a numeric field's values are all numbers and how many decimals they
 * have, and keeps the values; the rows are written from those.
 *
 * - integer, decimal, calculate: doubles when every value is a number,
 *   else strings (a calculate giving text); SPSS shows them F8.0 when
 *   whole, else with the most decimals a value has;
 * - select_one: int32 codes with a value label per choice; the code is
 *   the choice's name when every name of its list is an integer, else
 *   its position in the list (1, 2, ...).  A value outside the list
 *   makes the column a string of names instead;
 * - select_multiple choice columns: int8 0/1;
 * - date, today: dates (Stata %td, SPSS DATE11) when every value is
 *   YYYY-MM-DD, else strings;
 * - start, end and the record's started/ended: date-times (Stata %tc,
 *   milliseconds since 1960-01-01 00:00; SPSS DATETIME24.3, seconds
 *   since 1582-10-14 00:00) when every value is ISO 8601 with an offset
 *   ("2026-11-28T10:00:00.000+08:00"), else strings.  Neither format
 *   has time zones: the wall-clock time as recorded goes out, in the
 *   value's own offset, which is dropped (not converted to UTC);
 *   milliseconds are kept;
 * - everything else: strings as wide as the longest value (Stata: strL
 *   past 2045 bytes; SPSS refuses past 32767).
 * An empty value is system missing (".") in a numeric column and "" in
 * a string one.  Variable names are made valid for the format (letters,
 * digits, '_'; 32 bytes for Stata, 64 for SPSS; unique); labels are cut
 * at a character boundary to what the format holds.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <readstat.h>

#include "report/export_int.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define DTA_STR_MAX 2045   /* longer: strL */
#define SAV_STR_MAX 32767

struct stat_out {
	int fd;
	int err;              /* errno of a failed write */
};

struct stat_col {
	readstat_variable_t *var;
	char *name;           /* valid for the format */
	bool list_numeric;
	bool strl;            /* Stata: a string too long for strN */
	size_t strl_at;       /* its place among the strL columns */
};

/*
 * The rows as the first pass read them: ReadStat needs every column's
 * type and width (and Stata every strL) before the first row, and the
 * instances are read once, so the later passes read these values
 * (ncols NUL-terminated strings per row) instead of the store.
 */
struct stat_rows {
	struct buf b;
	size_t at;
	size_t ncols;
	const char **v;       /* [ncols] the current row */
};

/* The next row into r->v; false after the last. */
static bool
stat_rows_next(struct stat_rows *r)
{
	size_t i;

	if (r->b.data == NULL || r->at >= r->b.len)
		return false;
	for (i = 0; i < r->ncols; i++) {
		r->v[i] = r->b.data + r->at;
		r->at += strlen(r->v[i]) + 1;
	}
	return true;
}

static ssize_t
stat_write_bytes(const void *data, size_t len, void *ctx)
{
	struct stat_out *o = ctx;
	const char *p = data;
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		n = write(o->fd, p + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			o->err = n < 0 ? errno : EIO;
			return -1;
		}
		done += (size_t)n;
	}
	return (ssize_t)len;
}

static bool
stat_number(const char *v, double *d)
{
	char *end;

	if (*v == '\0')
		return false;
	errno = 0;
	*d = strtod(v, &end);
	return errno == 0 && *end == '\0' && isfinite(*d);
}

/* "YYYY-MM-DD" -> days since 1970-01-01; false when v is not a date. */
bool
export_date(const char *v, long *days)
{
	return clock_parse_date(v, days) == 0;
}

/* "YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM)" -> milliseconds since
 * 1970-01-01 00:00 of its wall-clock time (the offset dropped); false
 * when v is not such a time. */
bool
export_datetime(const char *v, double *ms)
{
	char day[11];
	long days, h, mi, sec, frac = 0;
	size_t i, n, len = strlen(v);

	if (len < 20 || v[10] != 'T' || v[13] != ':' || v[16] != ':')
		return false;
	memcpy(day, v, 10);
	day[10] = '\0';
	if (!export_date(day, &days))
		return false;
	for (i = 11; i < 19; i++)
		if (i != 13 && i != 16 && (v[i] < '0' || v[i] > '9'))
			return false;
	h = (v[11] - '0') * 10 + (v[12] - '0');
	mi = (v[14] - '0') * 10 + (v[15] - '0');
	sec = (v[17] - '0') * 10 + (v[18] - '0');
	if (h > 23 || mi > 59 || sec > 59)
		return false;
	i = 19;
	if (v[i] == '.') {
		for (n = 0, i++; v[i] >= '0' && v[i] <= '9'; i++, n++)
			if (n < 3)
				frac = frac * 10 + (v[i] - '0');
		if (n == 0)
			return false;
		for (; n < 3; n++)
			frac *= 10;
	}
	if (strcmp(v + i, "Z") != 0 && !((v[i] == '+' || v[i] == '-') &&
	    strlen(v + i) == 6 && v[i + 1] >= '0' && v[i + 1] <= '1' &&
	    v[i + 2] >= '0' && v[i + 2] <= '9' && v[i + 3] == ':' &&
	    v[i + 4] >= '0' && v[i + 4] <= '5' && v[i + 5] >= '0' &&
	    v[i + 5] <= '9'))
		return false;
	*ms = (((double)days * 24 + h) * 60 + mi) * 60000.0 + sec * 1000.0 +
	    frac;
	return true;
}

/* Words neither format takes as a variable name. */
static bool
stat_reserved(const char *n, enum export_format fmt)
{
	static const char *const dta[] = { "_all", "_b", "byte", "_coef",
	    "_cons", "double", "float", "if", "in", "int", "long", "_n",
	    "_N", "_pi", "_pred", "_rc", "_skip", "strL", "using", "with",
	    NULL };
	static const char *const sav[] = { "ALL", "AND", "BY", "EQ", "GE",
	    "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH", NULL };
	const char *const *w = fmt == EXPORT_DTA ? dta : sav;

	for (; *w != NULL; w++)
		if (fmt == EXPORT_DTA ? strcmp(*w, n) == 0 :
		    strcasecmp(*w, n) == 0)
			return true;
	return false;
}

static bool
stat_taken(struct stat_col *sc, size_t n, const char *name,
    enum export_format fmt)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (fmt == EXPORT_DTA ? strcmp(sc[i].name, name) == 0 :
		    strcasecmp(sc[i].name, name) == 0)
			return true;
	return false;
}

/* A valid, unique variable name for column name among sc[0..n). */
static char *
stat_name(struct stat_col *sc, size_t n, const char *name,
    enum export_format fmt)
{
	size_t max = fmt == EXPORT_DTA ? 32 : 64, len, i;
	char *v, *u;
	int k;

	v = xmalloc(max + 8);
	len = 0;
	if (!((*name >= 'A' && *name <= 'Z') || (*name >= 'a' && *name <= 'z')
	    || (*name == '_' && fmt == EXPORT_DTA)))
		v[len++] = 'v';
	for (i = 0; name[i] != '\0' && len < max; i++) {
		char ch = name[i];

		v[len++] = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')
		    || (ch >= '0' && ch <= '9') || ch == '_' ? ch : '_';
	}
	v[len] = '\0';
	if (stat_reserved(v, fmt) && len < max) {
		v[len++] = '_';
		v[len] = '\0';
	}
	if (!stat_taken(sc, n, v, fmt) && !stat_reserved(v, fmt))
		return v;
	for (k = 2;; k++) {
		char suffix[16];
		size_t sl = (size_t)snprintf(suffix, sizeof suffix, "_%d", k);

		u = xasprintf("%.*s%s", (int)(len + sl > max ? max - sl : len),
		    v, suffix);
		if (!stat_taken(sc, n, u, fmt)) {
			free(v);
			return u;
		}
		free(u);
	}
}

/* s cut to at most max bytes and chars characters, at a character
 * boundary; the caller frees. */
static char *
stat_cut(const char *s, size_t max, size_t chars)
{
	size_t i = 0, j, nc = 0;

	while (s[i] != '\0') {
		j = i + 1;
		while (((unsigned char)s[j] & 0xc0) == 0x80)
			j++;
		if (j > max || nc == chars)
			break;
		nc++;
		i = j;
	}
	return xstrndup(s, i);
}

/* Pass 1: rows, widths, which columns are numeric. */
/* The digits of number v, for SPSS's display format: as written, with
 * an exponent shown with the 16 digits a double holds. */
static void
stat_digits(struct export_column *c, const char *v)
{
	const char *dot = strchr(v, '.');
	size_t whole = dot != NULL ? (size_t)(dot - v) : strlen(v);
	int dec = dot != NULL ? (int)strspn(dot + 1, "0123456789") : 0;

	if (strpbrk(v, "eE") != NULL) {
		dec = 16;
		whole = 17;
	}
	if (dec > c->decimals)
		c->decimals = dec > 16 ? 16 : dec;
	if (whole > c->whole)
		c->whole = whole;
}

static int
stat_scan(store *s, struct export_table *t, long *nrows,
    struct stat_rows *cache, char **cause)
{
	export_rows *rows = NULL;
	const char *const *v;
	struct export_column *c;
	size_t i, len;
	double d;
	long days;
	bool end;
	int rc;

	for (i = 0; i < t->ncols; i++) {
		t->cols[i].numeric = true;
		t->cols[i].width = 1;
		t->cols[i].decimals = 0;
		t->cols[i].whole = 1;
	}
	*nrows = 0;
	if ((rc = export_rows_open(s, t, &rows, cause)) != 0)
		return rc;
	for (;;) {
		if ((rc = export_rows_next(rows, &v, &end, cause)) != 0 || end)
			break;
		(*nrows)++;
		for (i = 0; i < t->ncols; i++) {
			c = &t->cols[i];
			len = strlen(v[i]);
			buf_add(&cache->b, v[i], len + 1);
			if (len > c->width)
				c->width = len;
			if (*v[i] == '\0' || !c->numeric)
				continue;
			if (c->kind == EXPORT_NUMBER &&
			    (c->numeric = stat_number(v[i], &d)))
				stat_digits(c, v[i]);
			else if (c->kind == EXPORT_DATE)
				c->numeric = export_date(v[i], &days);
			else if (c->kind == EXPORT_DATETIME)
				c->numeric = export_datetime(v[i], &d);
			else if (c->kind == EXPORT_CODED)
				c->numeric = form_choice_find(t->f, c->list,
				    v[i]) >= 0;
		}
	}
	export_rows_close(&rows);
	return rc;
}

static bool
stat_is_numeric(const struct export_column *c)
{
	return c->kind == EXPORT_FLAG || (c->kind != EXPORT_STRING &&
	    c->numeric);
}

static int
stat_fail(readstat_error_t e, const struct stat_out *o, char **cause)
{
	if (e == READSTAT_ERROR_WRITE && o->err != 0)
		return kesu_fail(cause, KESU_EIO, _("cannot write the export: "
		    "%s"), strerror(o->err));
	return kesu_fail(cause, KESU_EIO, _("cannot write the export: %s"),
	    readstat_error_message(e));
}

/* Declare the variables and value labels. */
static int
stat_define(readstat_writer_t *w, struct export_table *t,
    struct stat_col *sc, enum export_format fmt, char **cause)
{
	const struct export_column *c;
	readstat_label_set_t *ls;
	size_t i, vmax = fmt == EXPORT_DTA ? 320 : 255;
	size_t vchars = fmt == EXPORT_DTA ? 80 : 255;
	size_t lmax = fmt == EXPORT_DTA ? 32000 : 120;
	size_t smax = SAV_STR_MAX;
	char *label;
	int j;

	for (i = 0; i < t->ncols; i++) {
		c = &t->cols[i];
		sc[i].name = stat_name(sc, i, c->name, fmt);
		sc[i].strl = fmt == EXPORT_DTA && !stat_is_numeric(c) &&
		    c->width > DTA_STR_MAX;
		if (!stat_is_numeric(c) && !sc[i].strl && c->width > smax)
			return kesu_fail(cause, KESU_EDATA, _("column %s holds "
			    "a value of %zu bytes; %s takes at most %zu"),
			    c->name, c->width, "SPSS", smax);
		if (sc[i].strl)
			sc[i].var = readstat_add_variable(w, sc[i].name,
			    READSTAT_TYPE_STRING_REF, 0);
		else if (c->kind == EXPORT_FLAG)
			sc[i].var = readstat_add_variable(w, sc[i].name,
			    READSTAT_TYPE_INT8, 0);
		else if (c->kind == EXPORT_CODED && c->numeric)
			sc[i].var = readstat_add_variable(w, sc[i].name,
			    READSTAT_TYPE_INT32, 0);
		else if (stat_is_numeric(c)) {
			sc[i].var = readstat_add_variable(w, sc[i].name,
			    READSTAT_TYPE_DOUBLE, 0);
			if (sc[i].var != NULL && c->kind == EXPORT_NUMBER &&
			    fmt == EXPORT_SAV) {
				/* F8.0 for whole numbers, else the data's
				 * decimals; wide enough for the widest. */
				size_t fw = c->whole + (c->decimals > 0 ?
				    (size_t)c->decimals + 1 : 0);
				char spss[32];

				snprintf(spss, sizeof spss, "F%zu.%d",
				    fw < 8 ? 8 : fw > 40 ? 40 : fw,
				    c->decimals);
				readstat_variable_set_format(sc[i].var, spss);
			}
			if (sc[i].var != NULL && c->kind == EXPORT_DATE)
				readstat_variable_set_format(sc[i].var,
				    fmt == EXPORT_DTA ? "%td" : "DATE11");
			if (sc[i].var != NULL && c->kind == EXPORT_DATETIME)
				readstat_variable_set_format(sc[i].var,
				    fmt == EXPORT_DTA ? "%tc" : "DATETIME24.3");
		}
		else
			sc[i].var = readstat_add_variable(w, sc[i].name,
			    READSTAT_TYPE_STRING, c->width);
		if (sc[i].var == NULL)
			xalloc_die();
		/* SPSS's measurement level: codes and 0/1 are categories. */
		readstat_variable_set_measure(sc[i].var,
		    c->kind == EXPORT_FLAG || (c->kind == EXPORT_CODED &&
		    c->numeric) ? READSTAT_MEASURE_NOMINAL :
		    stat_is_numeric(c) ? READSTAT_MEASURE_SCALE :
		    READSTAT_MEASURE_NOMINAL);
		if (*c->label != '\0') {
			label = stat_cut(c->label, vmax, vchars);
			readstat_variable_set_label(sc[i].var, label);
			free(label);
		}
		if (c->kind != EXPORT_CODED || !c->numeric)
			continue;
		sc[i].list_numeric = export_list_numeric(t->f, c->list);
		ls = readstat_add_label_set(w, READSTAT_TYPE_INT32,
		    sc[i].name);
		for (j = 0; j < form_list_size(t->f, c->list); j++) {
			const struct form_choice *ch = form_choice(t->f,
			    c->list, j);
			const char *text = form_text(t->f, ch->label, t->lang);

			label = stat_cut(text != NULL ? text : ch->name, lmax,
			    (size_t)-1);
			readstat_label_int32_value(ls,
			    (int32_t)export_choice_code(t->f, c->list, j),
			    label);
			free(label);
		}
		readstat_variable_set_label_set(sc[i].var, ls);
	}
	return 0;
}

static readstat_error_t
stat_value(readstat_writer_t *w, const struct export_table *t,
    const struct export_column *c, const struct stat_col *sc, const char *v,
    readstat_string_ref_t *ref, bool dta)
{
	double d;
	long days;
	int k;

	if (sc->strl)
		return readstat_insert_string_ref(w, sc->var, ref);
	if (!stat_is_numeric(c))
		return readstat_insert_string_value(w, sc->var, v);
	if (*v == '\0')
		return readstat_insert_missing_value(w, sc->var);
	switch (c->kind) {
	case EXPORT_FLAG:
		return readstat_insert_int8_value(w, sc->var, *v == '1');
	case EXPORT_DATE:
		/* Stata counts days from 1960-01-01, SPSS seconds from
		 * 1582-10-14; both 1970-01-01 based here. */
		(void)export_date(v, &days);
		return readstat_insert_double_value(w, sc->var, dta ?
		    (double)(days + 3653) : (double)(days + 141428) * 86400);
	case EXPORT_DATETIME:
		/* Stata: milliseconds from 1960-01-01, SPSS: seconds from
		 * 1582-10-14. */
		(void)export_datetime(v, &d);
		return readstat_insert_double_value(w, sc->var, dta ?
		    d + 3653.0 * 86400000 : d / 1000 + 141428.0 * 86400);
	case EXPORT_CODED:
		k = form_choice_find(t->f, c->list, v);
		return readstat_insert_int32_value(w, sc->var, (int32_t)
		    (sc->list_numeric ? strtol(v, NULL, 10) : k + 1));
	default:
		(void)stat_number(v, &d);
		return readstat_insert_double_value(w, sc->var, d);
	}
}

/*
 * Stata keeps strL values after the data, and ReadStat needs every one
 * before the first row: a pass that hands them over, nstrl per row.
 */
static void
stat_refs(struct stat_rows *rows, const struct export_table *t,
    readstat_writer_t *w, const struct stat_col *sc, long nrows,
    size_t nstrl, readstat_string_ref_t ***refs)
{
	long r;
	size_t i;

	*refs = xcalloc((size_t)nrows * nstrl + 1, sizeof **refs);
	rows->at = 0;
	for (r = 0; r < nrows && stat_rows_next(rows); r++)
		for (i = 0; i < t->ncols; i++)
			if (sc[i].strl && ((*refs)[(size_t)r * nstrl +
			    sc[i].strl_at] = readstat_add_string_ref(w,
			    rows->v[i])) == NULL)
				xalloc_die();
}

int
export_stat_write(store *s, struct export_table *t, enum export_format fmt,
    int fd, char **cause)
{
	struct stat_out out = { fd, 0 };
	readstat_writer_t *w = NULL;
	struct stat_col *sc = NULL;
	struct stat_rows rows;
	readstat_error_t e = READSTAT_OK;
	readstat_string_ref_t **refs = NULL;
	long nrows = 0, done = 0;
	size_t i, nstrl = 0;
	int rc;

	memset(&rows, 0, sizeof rows);
	rows.ncols = t->ncols;
	rows.v = xcalloc(t->ncols + 1, sizeof *rows.v);
	if ((rc = stat_scan(s, t, &nrows, &rows, cause)) != 0)
		goto out;
	if ((w = readstat_writer_init()) == NULL)
		xalloc_die();
	sc = xcalloc(t->ncols + 1, sizeof *sc);
	readstat_set_data_writer(w, stat_write_bytes);
	if (t->f != NULL) {
		/* Stata keeps 80 characters, SPSS 64 bytes. */
		char *title = fmt == EXPORT_DTA ?
		    stat_cut(form_title(t->f), 320, 80) :
		    stat_cut(form_title(t->f), 64, (size_t)-1);

		readstat_writer_set_file_label(w, title);
		free(title);
	}
	if ((rc = stat_define(w, t, sc, fmt, cause)) != 0)
		goto out;
	for (i = 0; i < t->ncols; i++)
		if (sc[i].strl)
			sc[i].strl_at = nstrl++;
	if (nstrl > 0)
		stat_refs(&rows, t, w, sc, nrows, nstrl, &refs);
	if (fmt == EXPORT_DTA) {
		readstat_writer_set_file_format_version(w, 118);
		e = readstat_begin_writing_dta(w, &out, nrows);
	} else
		e = readstat_begin_writing_sav(w, &out, nrows);
	if (e != READSTAT_OK)
		goto out;
	rows.at = 0;
	while (done < nrows && stat_rows_next(&rows)) {
		if ((e = readstat_begin_row(w)) != READSTAT_OK)
			goto out;
		for (i = 0; i < t->ncols && e == READSTAT_OK; i++)
			e = stat_value(w, t, &t->cols[i], &sc[i], rows.v[i],
			    sc[i].strl ? refs[(size_t)done * nstrl +
			    sc[i].strl_at] : NULL, fmt == EXPORT_DTA);
		if (e != READSTAT_OK || (e = readstat_end_row(w)) != READSTAT_OK)
			goto out;
		done++;
	}
	e = readstat_end_writing(w);
out:
	if (rc == 0 && e != READSTAT_OK)
		rc = stat_fail(e, &out, cause);
	buf_free(&rows.b);
	free(rows.v);
	readstat_writer_free(w);
	for (i = 0; sc != NULL && i < t->ncols; i++)
		free(sc[i].name);
	free(sc);
	free(refs);
	return rc;
}

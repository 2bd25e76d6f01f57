/*
 * sheet.c - the sheet_book every reader produces: reading a file, choosing
 * the reader, looking sheets and cells up, and the pieces the readers share
 * (the book builder, rows under construction, trimming, UTF-8 checks).
 *
 * The format readers live in sheet_csv.c, sheet_md.c and sheet_xlsx.c; they
 * all build their book through sheet_bld_*() so that the limits and the
 * "all-empty rows are dropped" rule hold the same way everywhere.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sheet/sheet.h"
#include "sheet/sheet_int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Shared by every empty cell of every book; never freed. */
static char sheet_empty[1];

/* Read the whole file at path into a heap buffer (caller frees). */
static int
sheet_slurp(const char *path, char **data, size_t *len, char **cause)
{
	struct stat st;
	char *buf = NULL;
	size_t have = 0;
	ssize_t n;
	int fd, rc = KESU_OK;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return kesu_fail(cause, KESU_ENOINPUT, "%s: %s", path,
		    strerror(errno));
	if (fstat(fd, &st) == -1) {
		rc = kesu_fail(cause, KESU_ENOINPUT, "%s: %s", path,
		    strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = kesu_fail(cause, KESU_ENOINPUT,
		    _("%s: not a regular file"),
		    path);
		goto out;
	}
	if ((unsigned long long)st.st_size > SHEET_MAX_INPUT) {
		rc = kesu_fail(cause, KESU_EDATA,
		    _("%s: file larger than %u MiB"), path,
		    SHEET_MAX_INPUT >> 20);
		goto out;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	for (;;) {
		if (have == (size_t)st.st_size + 1) {
			/* The file grew while being read. */
			rc = kesu_fail(cause, KESU_EDATA,
			    _("%s: file changed while being read"), path);
			goto out;
		}
		n = read(fd, buf + have, (size_t)st.st_size + 1 - have);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			rc = kesu_fail(cause, KESU_ENOINPUT, "%s: %s", path,
			    strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		have += (size_t)n;
	}
	*data = buf;
	*len = have;
	buf = NULL;
out:
	free(buf);
	close(fd);
	return rc;
}

int
sheet_format_of(const char *name, enum sheet_format *fmt)
{
	const char *dot = strrchr(name, '.');
	const char *slash = strrchr(name, '/');

	if (dot == NULL || (slash != NULL && dot < slash))
		dot = "";
	if (strcasecmp(dot, ".csv") == 0)
		*fmt = SHEET_CSV;
	else if (strcasecmp(dot, ".md") == 0)
		*fmt = SHEET_MD;
	else if (strcasecmp(dot, ".xlsx") == 0)
		*fmt = SHEET_XLSX;
	else
		return -1;
	return 0;
}

static int
sheet_read_as(const char *path, enum sheet_format fmt,
    struct sheet_book **out, char **cause)
{
	char *data = NULL;
	size_t len = 0;
	int rc;

	if ((rc = sheet_slurp(path, &data, &len, cause)) != KESU_OK)
		return rc;
	rc = sheet_book_parse(path, fmt, data, len, out, cause);
	free(data);
	return rc;
}

int
sheet_book_read(const char *path, struct sheet_book **out, char **cause)
{
	enum sheet_format fmt;

	*out = NULL;
	if (sheet_format_of(path, &fmt) != 0)
		return kesu_fail(cause, KESU_EDATA,
		    _("%s: not an .xlsx, .csv or .md file"), path);
	return sheet_read_as(path, fmt, out, cause);
}

int
sheet_table_parse(const char *name, const void *data, size_t len,
    struct sheet_book **out, char **cause)
{
	enum sheet_format fmt;
	size_t n = strlen(name);
	int rc;

	*out = NULL;
	if (n > 4 && strcasecmp(name + n - 4, ".xml") == 0)
		return sheet_book_parse(name, SHEET_XML_TABLE, data, len, out,
		    cause);
	if (n > 8 && strcasecmp(name + n - 8, ".geojson") == 0)
		return sheet_book_parse(name, SHEET_GEOJSON_TABLE, data, len,
		    out, cause);
	if (sheet_format_of(name, &fmt) != 0 || fmt == SHEET_MD)
		return kesu_fail(cause, KESU_EDATA,
		    _("%s: not a .csv or .xlsx file"), name);
	if (fmt == SHEET_CSV)
		return sheet_book_parse(name, SHEET_TABLE, data, len, out,
		    cause);
	if ((rc = sheet_book_parse(name, SHEET_XLSX, data, len, out,
	    cause)) != KESU_OK)
		return rc;
	if ((*out)->nsheets != 1) {
		sheet_book_free(out);
		return kesu_fail(cause, KESU_EDATA,
		    _("%s: a table needs a workbook of one sheet"), name);
	}
	return KESU_OK;
}

int
sheet_table_read(const char *path, struct sheet_book **out, char **cause)
{
	char *data = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	if ((rc = sheet_slurp(path, &data, &len, cause)) != KESU_OK)
		return rc;
	rc = sheet_table_parse(path, data, len, out, cause);
	free(data);
	return rc;
}

int
sheet_book_parse(const char *name, enum sheet_format fmt, const void *data,
    size_t len, struct sheet_book **out, char **cause)
{
	*out = NULL;
	if (data == NULL && len > 0)
		return kesu_fail(cause, KESU_ESOFTWARE, _("%s: no data"), name);
	if (data == NULL)
		data = "";
	if (len > SHEET_MAX_INPUT)
		return kesu_fail(cause, KESU_EDATA,
		    _("%s: file larger than %u MiB"), name,
		    SHEET_MAX_INPUT >> 20);
	switch (fmt) {
	case SHEET_CSV:
		return sheet_csv_parse(name, data, len, out, cause);
	case SHEET_TABLE:
		return sheet_csv_table_parse(name, data, len, out, cause);
	case SHEET_MD:
		return sheet_md_parse(name, data, len, out, cause);
	case SHEET_XLSX:
		return sheet_xlsx_parse(name, data, len, out, cause);
	case SHEET_XML_TABLE:
		return sheet_xml_table_parse(name, data, len, out, cause);
	case SHEET_GEOJSON_TABLE:
		return sheet_geojson_table_parse(name, data, len, out, cause);
	}
	return kesu_fail(cause, KESU_ESOFTWARE, _("%s: unknown sheet format"),
	    name);
}

const struct sheet *
sheet_book_get(const struct sheet_book *b, const char *name)
{
	int i;

	if (b == NULL)
		return NULL;
	for (i = 0; i < b->nsheets; i++) {
		if (strcasecmp(b->sheets[i].name, name) == 0)
			return &b->sheets[i];
	}
	return NULL;
}

const char *
sheet_cell(const struct sheet_row *r, int col)
{
	if (r == NULL || col < 0 || col >= r->ncells)
		return "";
	return r->cells[col];
}

static void
sheet_free_sheet(struct sheet *s)
{
	int i, j;

	for (i = 0; i < s->nrows; i++) {
		for (j = 0; j < s->rows[i].ncells; j++) {
			if (s->rows[i].cells[j] != sheet_empty)
				free(s->rows[i].cells[j]);
		}
		free(s->rows[i].cells);
	}
	free(s->rows);
	free(s->name);
}

void
sheet_book_free(struct sheet_book **bp)
{
	struct sheet_book *b;
	int i;

	if (bp == NULL || (b = *bp) == NULL)
		return;
	for (i = 0; i < b->nsheets; i++)
		sheet_free_sheet(&b->sheets[i]);
	free(b->sheets);
	free(b->path);
	free(b);
	*bp = NULL;
}

int
sheet_cells_set(struct sheet_cells *c, int col, char *s)
{
	int newcap;

	if (col < 0 || col >= SHEET_MAX_COLS) {
		free(s);
		return -1;
	}
	if (col >= c->cap) {
		newcap = c->cap == 0 ? 16 : c->cap;
		while (newcap <= col)
			newcap *= 2;
		if (newcap > SHEET_MAX_COLS)
			newcap = SHEET_MAX_COLS;
		c->v = xreallocarray(c->v, (size_t)newcap, sizeof *c->v);
		memset(c->v + c->cap, 0,
		    (size_t)(newcap - c->cap) * sizeof *c->v);
		c->cap = newcap;
	}
	if (col < c->n)
		free(c->v[col]);
	else {
		/* Slots between n and col were zeroed when they were added or
		 * when the row was reset. */
		c->n = col + 1;
	}
	c->v[col] = s;
	return 0;
}

int
sheet_cells_empty(const struct sheet_cells *c)
{
	int i;

	for (i = 0; i < c->n; i++) {
		if (c->v[i] != NULL && c->v[i][0] != '\0')
			return 0;
	}
	return 1;
}

void
sheet_cells_reset(struct sheet_cells *c)
{
	int i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i]);
		c->v[i] = NULL;
	}
	c->n = 0;
}

void
sheet_cells_free(struct sheet_cells *c)
{
	sheet_cells_reset(c);
	free(c->v);
	c->v = NULL;
	c->cap = 0;
}

void
sheet_bld_init(struct sheet_bld *b, const char *path)
{
	memset(b, 0, sizeof *b);
	b->book = xcalloc(1, sizeof *b->book);
	b->book->path = xstrdup(path);
}

int
sheet_bld_sheet(struct sheet_bld *b, const char *name, size_t len,
    const char **why)
{
	struct sheet_book *book = b->book;
	struct sheet *s;
	int i;

	for (i = 0; i < book->nsheets; i++) {
		if (strlen(book->sheets[i].name) == len &&
		    strncasecmp(book->sheets[i].name, name, len) == 0) {
			*why = N_("appears twice (sheet names ignore case)");
			return -1;
		}
	}
	if (book->nsheets == SHEET_MAX_SHEETS) {
		*why = N_("is one too many (the limit is 4096 sheets)");
		return -1;
	}
	if (book->nsheets == b->capsheets) {
		b->capsheets = b->capsheets == 0 ? 4 : b->capsheets * 2;
		book->sheets = xreallocarray(book->sheets,
		    (size_t)b->capsheets, sizeof *book->sheets);
	}
	s = &book->sheets[book->nsheets++];
	memset(s, 0, sizeof *s);
	s->name = xstrndup(name, len);
	b->caprows = 0;
	return 0;
}

struct sheet *
sheet_bld_last(struct sheet_bld *b)
{
	if (b->book == NULL || b->book->nsheets == 0)
		return NULL;
	return &b->book->sheets[b->book->nsheets - 1];
}

int
sheet_bld_row(struct sheet_bld *b, int rownum, struct sheet_cells *c,
    int keep_empty, const char **why)
{
	struct sheet *s = sheet_bld_last(b);
	struct sheet_row *r;
	size_t text = 0;
	int i, n = c->n;

	while (n > 0 && (c->v[n - 1] == NULL || c->v[n - 1][0] == '\0'))
		n--;
	if (s == NULL || (n == 0 && !keep_empty)) {
		sheet_cells_reset(c);
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (c->v[i] != NULL)
			text += strlen(c->v[i]);
	}
	if (b->nrows + 1 > SHEET_MAX_ROWS) {
		*why = N_("more than 1048576 rows");
		return -1;
	}
	if (b->ncells + (size_t)n > SHEET_MAX_CELLS) {
		*why = N_("more than 4000000 cells");
		return -1;
	}
	if (b->ntext + text > SHEET_MAX_TEXT) {
		*why = N_("more than 64 MiB of text in cells");
		return -1;
	}
	if (s->nrows == b->caprows) {
		b->caprows = b->caprows == 0 ? 16 : b->caprows * 2;
		s->rows = xreallocarray(s->rows, (size_t)b->caprows,
		    sizeof *s->rows);
	}
	r = &s->rows[s->nrows++];
	r->row = rownum;
	r->seq = b->seq_is_row ? rownum : s->nrows;
	r->ncells = n;
	r->cells = n == 0 ? NULL : xreallocarray(NULL, (size_t)n,
	    sizeof *r->cells);
	for (i = 0; i < n; i++) {
		if (c->v[i] == NULL || c->v[i][0] == '\0') {
			free(c->v[i]);
			r->cells[i] = sheet_empty;
		} else
			r->cells[i] = c->v[i];
		c->v[i] = NULL;
	}
	b->nrows++;
	b->ncells += (size_t)n;
	b->ntext += text;
	sheet_cells_reset(c);
	return 0;
}

struct sheet_book *
sheet_bld_finish(struct sheet_bld *b)
{
	struct sheet_book *book = b->book;

	memset(b, 0, sizeof *b);
	return book;
}

void
sheet_bld_abort(struct sheet_bld *b)
{
	sheet_book_free(&b->book);
	memset(b, 0, sizeof *b);
}

/* Decode the UTF-8 character at p; returns its length, 0 when invalid. */
static size_t
sheet_utf8_decode(const unsigned char *p, const unsigned char *end,
    unsigned long *cp)
{
	unsigned long c;
	size_t n, i;

	if (p >= end)
		return 0;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2;
		c = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		c = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		c = p[0] & 0x07;
	} else
		return 0;
	if ((size_t)(end - p) < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return n;
}

static int
sheet_isspace_cp(unsigned long c)
{
	return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) ||
	    c == 0x85 || c == 0xa0 || c == 0x1680 ||
	    (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
	    c == 0x202f || c == 0x205f || c == 0x3000;
}

size_t
sheet_space_at(const char *p, const char *end)
{
	unsigned long cp;
	size_t n;

	n = sheet_utf8_decode((const unsigned char *)p,
	    (const unsigned char *)end, &cp);
	if (n == 0 || !sheet_isspace_cp(cp))
		return 0;
	return n;
}

void
sheet_trim(const char **s, size_t *len)
{
	const char *p = *s, *end = *s + *len, *q;
	size_t n;

	while (p < end && (n = sheet_space_at(p, end)) != 0)
		p += n;
	while (end > p) {
		/* Step back to the first byte of the last character. */
		q = end - 1;
		while (q > p && ((unsigned char)*q & 0xc0) == 0x80)
			q--;
		if (sheet_space_at(q, end) != (size_t)(end - q))
			break;
		end = q;
	}
	*s = p;
	*len = (size_t)(end - p);
}

char *
sheet_trimdup(const char *s, size_t len)
{
	sheet_trim(&s, &len);
	if (len == 0)
		return NULL;
	return xstrndup(s, len);
}

size_t
sheet_utf8_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	}
	return n;
}

int
sheet_text_check(const char *s, size_t len, size_t *bad, const char **why)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	unsigned long cp;
	size_t n;

	while (p < end) {
		if (*p == '\0') {
			*bad = (size_t)(p - (const unsigned char *)s);
			*why = N_("NUL byte in text");
			return -1;
		}
		if (*p < 0x80) {
			p++;
			continue;
		}
		if ((n = sheet_utf8_decode(p, end, &cp)) == 0) {
			*bad = (size_t)(p - (const unsigned char *)s);
			*why = N_("invalid UTF-8");
			return -1;
		}
		p += n;
	}
	return 0;
}

size_t
sheet_bom_len(const char *s, size_t len)
{
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		return 3;
	return 0;
}

int
sheet_pyxform_reads(const char *name)
{
	static const char *const known[] = { "survey", "choices", "settings",
		"external_choices", "entities", "osm" };
	size_t i;

	for (i = 0; i < sizeof known / sizeof known[0]; i++) {
		if (strcasecmp(name, known[i]) == 0)
			return 1;
	}
	return 0;
}

/*
 * sheet_int.h - what the sheet readers share: limits, the book builder,
 * a row of cells under construction and the text helpers.
 *
 * Private to the src/sheet readers.  Every reader checks its input against the
 * same limits so that a hostile file (a zip bomb, a million empty columns)
 * fails with a clear message instead of exhausting memory.
 */
#ifndef KESU_SHEET_INT_H
#define KESU_SHEET_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "sheet/sheet.h"

/* A .csv or .md file, or one entry of an .xlsx zip, in bytes. */
#define SHEET_MAX_INPUT (64u << 20)
/* Everything read out of one .xlsx zip, in bytes. */
#define SHEET_MAX_UNZIPPED (256u << 20)
/* Rows kept in one book. */
#define SHEET_MAX_ROWS 1048576
/* Cell slots (each row's ncells, summed) in one book. */
#define SHEET_MAX_CELLS 4000000
/* Bytes of cell text in one book. */
#define SHEET_MAX_TEXT (64u << 20)
/* Columns in one row: the width of an .xlsx sheet (A to XFD). */
#define SHEET_MAX_COLS 16384
/* Characters in one cell: Python's csv field limit, which pyxform meets. */
#define SHEET_MAX_CELL_CHARS 131072
/* Sheets in one book. */
#define SHEET_MAX_SHEETS 4096

/* The cells of one row while a reader collects them. */
struct sheet_cells {
	char **v; /* heap strings; NULL is an empty cell */
	int n;    /* slots in use: the highest column set + 1 */
	int cap;
};

/* Put s (taken over, may be NULL) in column col (0-based); an earlier
 * value there is freed.  Returns -1 when col is beyond the cell limit. */
int sheet_cells_set(struct sheet_cells *c, int col, char *s);
/* 1 when no slot holds a non-empty string. */
int sheet_cells_empty(const struct sheet_cells *c);
/* Free the strings and start an empty row (the array is kept). */
void sheet_cells_reset(struct sheet_cells *c);
void sheet_cells_free(struct sheet_cells *c);

/* A book under construction. */
struct sheet_bld {
	struct sheet_book *book;
	int capsheets;
	int caprows;  /* of the last sheet */
	size_t nrows; /* in the book */
	size_t ncells;
	size_t ntext;
	bool seq_is_row; /* a row's seq is its number (.xlsx), not its
			  * place among the sheet's rows */
};

void sheet_bld_init(struct sheet_bld *b, const char *path);
/*
 * Start a sheet named by the len bytes at name.  Returns 0, or -1 with
 * *why set to a static English phrase that follows "sheet 'NAME' " in a
 * message: the name is taken already (compared without case), or there
 * are too many sheets.
 */
int sheet_bld_sheet(struct sheet_bld *b, const char *name, size_t len,
    const char **why);
/*
 * Move the cells of c into a new row numbered rownum of the last sheet,
 * dropping empty trailing slots; c is reset.  A row with no non-empty
 * cell is dropped unless keep_empty.  Returns 0, or -1 with *why set
 * when a book limit is passed.
 */
int sheet_bld_row(struct sheet_bld *b, int rownum, struct sheet_cells *c,
    int keep_empty, const char **why);
/* The last sheet started, NULL before the first. */
struct sheet *sheet_bld_last(struct sheet_bld *b);
/* Hand over the book (the caller's) and reset b. */
struct sheet_book *sheet_bld_finish(struct sheet_bld *b);
void sheet_bld_abort(struct sheet_bld *b);

/*
 * Text helpers.  "Space" is what Python's str.isspace() accepts, since
 * pyxform trims cells with str.strip(): ASCII white space, U+001C-U+001F,
 * U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F
 * and U+3000.
 */
/* Bytes of the space character starting at p (before end), else 0. */
size_t sheet_space_at(const char *p, const char *end);
/* Narrow [*s, *s + *len) to drop leading and trailing spaces. */
void sheet_trim(const char **s, size_t *len);
/* A heap copy of the trimmed bytes, or NULL when nothing is left. */
char *sheet_trimdup(const char *s, size_t len);
/* Number of characters (not bytes) in valid UTF-8. */
size_t sheet_utf8_chars(const char *s, size_t len);
/*
 * Check that [s, s + len) is valid UTF-8 (as Python's strict decoder
 * sees it) without NUL bytes.  Returns 0, or -1 with *bad the offset of
 * the first offending byte and *why a static English phrase.
 */
int sheet_text_check(const char *s, size_t len, size_t *bad,
    const char **why);
/* Length of a leading UTF-8 byte order mark (3 or 0). */
size_t sheet_bom_len(const char *s, size_t len);
/* 1 when pyxform reads a sheet of this name (survey, choices, settings,
 * external_choices, entities, osm; any case). */
int sheet_pyxform_reads(const char *name);

/* The readers, on bytes; same contract as sheet_book_parse(). */
/* table: a plain table, not an XLSForm (sheet_table_read()). */
int sheet_csv_parse(const char *name, const char *data, size_t len,
    struct sheet_book **out, char **cause) KESU_WUR;
int sheet_csv_table_parse(const char *name, const char *data, size_t len,
    struct sheet_book **out, char **cause) KESU_WUR;
int sheet_md_parse(const char *name, const char *data, size_t len,
    struct sheet_book **out, char **cause) KESU_WUR;
/* sheet_xml.c: an XML attachment as a table (SHEET_XML_TABLE). */
int sheet_xml_table_parse(const char *name, const char *data, size_t len,
    struct sheet_book **out, char **cause) KESU_WUR;
/* sheet_geojson.c: a GeoJSON attachment (SHEET_GEOJSON_TABLE). */
int sheet_geojson_table_parse(const char *name, const char *data,
    size_t len, struct sheet_book **out, char **cause) KESU_WUR;
int sheet_xlsx_parse(const char *name, const char *data, size_t len,
    struct sheet_book **out, char **cause) KESU_WUR;

/*
 * The zip of an .xlsx, read from the len bytes at data (which must outlive
 * it); name is the file, for messages.  sheet_zip_open() lists the
 * entries (at most 65536) or fails with a message.  sheet_zip_read()
 * unpacks the entry named part (the last one, when the name repeats) into
 * a heap buffer the caller frees, NUL-terminated; *data is NULL when there
 * is no such entry.  It refuses encrypted entries, a part over
 * SHEET_MAX_INPUT unpacked and more than SHEET_MAX_UNZIPPED unpacked over
 * the zip's life.
 */
struct sheet_zip;
int sheet_zip_open(const char *name, const char *data, size_t len,
    struct sheet_zip **out, char **cause) KESU_WUR;
/* 1 when the zip has an entry named part. */
int sheet_zip_has(const struct sheet_zip *z, const char *part);
int sheet_zip_read(struct sheet_zip *z, const char *part, char **data,
    size_t *len, char **cause) KESU_WUR;
void sheet_zip_close(struct sheet_zip *z);

/*
 * .xlsx internals, shared by sheet_xlsx.c (the zip and the workbook
 * parts), sheet_xlsx_sheet.c (worksheets) and sheet_xlsx_value.c (values).
 */
struct buf;

struct sheet_xlsx {
	const char *name;      /* the file, for messages */
	char **sst;            /* shared strings */
	size_t nsst;
	unsigned char *datexf; /* per cell format (xf): 1 if it shows dates */
	size_t nxf;
	int date1904;          /* serial dates count from 1904-01-01 */
	struct sheet_bld bld;
};

/*
 * XML through expat.  Element names reach the callbacks without their
 * namespace; each callback returns 0 to go on, 1 to stop reading early
 * (not an error) or -1 after setting *cause.  A document type declaration
 * is refused (no entity expansion).  Errors read
 * "FILE: PART:LINE: message".
 */
struct sheet_xml_cb {
	int (*start)(void *ud, const char *name, const char **atts);
	int (*end)(void *ud, const char *name);
	int (*text)(void *ud, const char *s, int len);
};
int sheet_xml_parse(const char *file, const char *part, const char *data,
    size_t len, const struct sheet_xml_cb *cb, void *ud, char **cause)
    KESU_WUR;
/* The attribute whose local name is name, in a namespace (ns) or not;
 * NULL when absent. */
const char *sheet_xml_attr(const char **atts, const char *name, int ns);

/*
 * Rich text as openpyxl reads it (a shared string <si> or an inline
 * string <is>): the element's own <t>, then the <t> of each run <r>;
 * phonetic runs <rPh> are left out.  Feed it the events inside the
 * container, with the depth of each element (the container's depth is
 * base); the text is in sheet_rt_done()'s buffer.
 */
struct sheet_rt {
	int base, t_depth, in_run;
	struct buf *into;
	struct buf *plain, *run, *runs;
};
void sheet_rt_begin(struct sheet_rt *rt, int base);
void sheet_rt_start(struct sheet_rt *rt, int depth, const char *name);
void sheet_rt_end(struct sheet_rt *rt, int depth, const char *name);
void sheet_rt_text(struct sheet_rt *rt, int depth, const char *s, int len);
/* The text (heap, caller frees); rt is ready for sheet_rt_begin(). */
char *sheet_rt_done(struct sheet_rt *rt);
void sheet_rt_free(struct sheet_rt *rt);

/* Read the worksheet part (its zip path, for messages) into the last
 * sheet of x->bld; see sheet_xlsx_sheet.c. */
int sheet_xlsx_sheet(struct sheet_xlsx *x, const char *part,
    const char *data, size_t len, char **cause) KESU_WUR;

/* Values (sheet_xlsx_value.c); each appends to out and returns 0, or -1
 * when the text is not of the kind. */
int sheet_xval_int(const char *s, size_t len, long long *out);
int sheet_xval_bool(const char *s, size_t len, struct buf *out);
int sheet_xval_number(const char *s, size_t len, int is_date, int date1904,
    struct buf *out);
int sheet_xval_isodate(const char *s, size_t len, struct buf *out);
/* 1 when openpyxl reads a number in this format as a date. */
int sheet_xval_date_format(const char *fmt);
int sheet_xval_builtin_date(long id);

#endif

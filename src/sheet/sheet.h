/*
 * sheet.h - spreadsheet readers: XLSForm workbooks as .xlsx, .csv and .md.
 *
 * Every reader turns its input into the same sheet_book: named sheets of
 * rows of trimmed UTF-8 cells, read exactly as pyxform reads them.
 *
 * - .csv and .md (pyxform's text layouts): the first column holds the sheet
 *   name, either alone on its row (the header is the next non-empty row) or
 *   followed by the header on the same row; a row whose first cell is empty
 *   continues the current sheet.  The sheet-name column is dropped, so cells
 *   line up with the header exactly as they would in an .xlsx sheet.
 *   In .md, a table row is a line starting with '|'; lines starting with '#'
 *   are comments; "\|" is a literal pipe.
 * - .xlsx: the zip (minizip) holding xl/workbook.xml, its relationships,
 *   xl/sharedStrings.xml and the worksheets (expat); shared strings, inline
 *   strings, numbers (as pyxform prints them: 3.0 -> "3"), booleans
 *   ("TRUE"/"FALSE" -> as pyxform), empty cells.
 *
 * Common rules: UTF-8 throughout, a leading BOM tolerated; cells trimmed of
 * surrounding white space; rows whose cells are all empty are skipped.
 * Row numbers are the ones a person sees: the line (CSV record / md line)
 * of the file, or the row number of the xlsx sheet, 1-based.
 * Sheet names keep the case of the file; sheet_book_get() matches them
 * case-insensitively.
 */
#ifndef KESU_SHEET_H
#define KESU_SHEET_H

#include <stddef.h>

#include "util/err.h"

struct sheet_row {
	int row;      /* spreadsheet row number, 1-based */
	int seq;      /* the row as pyxform numbers it in the names it
		       * generates (generated_note_name_SEQ): in .xlsx the
		       * row number; in .csv and .md the header is 1 and each
		       * non-empty row of the sheet one more */
	int ncells;   /* cells present; a missing cell reads as "" */
	char **cells; /* trimmed UTF-8; never NULL entries */
};

struct sheet {
	char *name;
	int nrows;               /* non-empty rows; rows[0] is the header */
	struct sheet_row *rows;
};

struct sheet_book {
	char *path;              /* as given, for messages */
	int nsheets;
	struct sheet *sheets;    /* in file order */
};

/* SHEET_TABLE: a plain CSV table (no sheet-name column), see
 * sheet_table_read(); SHEET_XML_TABLE: ODK's XML attachment
 * <root><item><name>..</name>..</item></root> as such a table;
 * SHEET_GEOJSON_TABLE: a GeoJSON FeatureCollection as ODK reads it (a
 * row per feature: geometry, id, then the properties). */
enum sheet_format { SHEET_CSV, SHEET_MD, SHEET_XLSX, SHEET_TABLE,
	SHEET_XML_TABLE, SHEET_GEOJSON_TABLE };

/* The reader for a file called name, by its extension in any case
 * (.csv, .md, .xlsx: "TWIN.XLSX" is xlsx); -1 for any other. */
int sheet_format_of(const char *name, enum sheet_format *fmt);

/*
 * Read the file at path, choosing the reader by extension (.csv, .md,
 * .xlsx, sheet_format_of(); anything else is KESU_EDATA).  KESU_ENOINPUT when it cannot be
 * read.  On success *out is the caller's, freed with sheet_book_free().
 * Errors name the place: "x.csv:12: unterminated quoted cell".
 */
int sheet_book_read(const char *path, struct sheet_book **out, char **cause)
    KESU_WUR;
/* The same on bytes in memory; name is used in messages.  Never reads
 * past len; the data need not be NUL-terminated. */
int sheet_book_parse(const char *name, enum sheet_format fmt,
    const void *data, size_t len, struct sheet_book **out, char **cause)
    KESU_WUR;

/* In a table read from .xml or .geojson, the cell of a column that an
 * item or feature lacks (XPath sees no node there, not an empty one). */
#define SHEET_ABSENT "\x01"

/*
 * A plain table, not an XLSForm: a .csv file whose first row is the
 * header (every record one row, the same CSV rules and limits as the
 * form readers), an .xlsx workbook of one sheet, or an .xml file as ODK
 * writes a secondary instance (<root><item>..</item></root>: a row per
 * item, a column per child element name), or a .geojson
 * FeatureCollection (SHEET_GEOJSON_TABLE).  The book has one sheet
 * (rows[0] the header).  Errors as sheet_book_read().
 */
int sheet_table_read(const char *path, struct sheet_book **out,
    char **cause) KESU_WUR;
/* The same on the bytes (len; need not be NUL-terminated) of a file
 * called name, read as its name's extension says. */
int sheet_table_parse(const char *name, const void *data, size_t len,
    struct sheet_book **out, char **cause) KESU_WUR;

const struct sheet *sheet_book_get(const struct sheet_book *b,
    const char *name);
/* The cell in column col of a row, "" when absent. */
const char *sheet_cell(const struct sheet_row *r, int col);
void sheet_book_free(struct sheet_book **b);

#endif

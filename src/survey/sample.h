/*
 * sample.h - reading the survey office's sample file, and what a sample
 * row gives a form.
 *
 * The file is a table (.csv with a header row, or an .xlsx of one sheet;
 * sheet_table_read()).  Its first column is the household's id; the
 * column's header is the name of the form field that receives it (e.g.
 * household_id).  Columns kesu reads, by header (any case): street,
 * community, address, interviewer, and weight (the base weight) or
 * probability (the household's selection probability; weight =
 * 1 / probability).  Every other column is kept as it is.  When a form
 * starts from a household, every column whose header names a field of
 * the form pre-fills that field (sample_prefill()).
 *
 * Every problem of the file is reported at once, one line each, as
 * FILE:ROW: what (KESU_EDATA): an empty or repeated id, a weight that is
 * not a positive number, a probability outside (0, 1], a repeated column.
 */
#ifndef KESU_SURVEY_SAMPLE_H
#define KESU_SURVEY_SAMPLE_H

#include <stddef.h>

#include "engine/engine.h"
#include "store/sample.h"
#include "util/err.h"

struct survey_sample {
	char *path;
	char *id_column;        /* the first column's header */
	struct store_hh *rows;  /* in file order */
	size_t n;
	int *line;              /* each row's line (row) in the file */
};

int survey_sample_read(const char *path, struct survey_sample **out,
    char **cause) KESU_WUR;
/* The same from a table already read (sheet_table_read(), or
 * sheet_book_parse() with SHEET_TABLE); path is for messages. */
struct sheet_book;
int survey_sample_from_book(const struct sheet_book *b, const char *path,
    struct survey_sample **out, char **cause) KESU_WUR;
void survey_sample_free(struct survey_sample **s);

/*
 * Set the fields of e's form that h names: id_column <- the household id,
 * street, community, address, weight (the base weight, 1 / probability
 * when the file gave a probability), and every other column of h->extra.  A
 * value the field refuses (a street that is not one of its choices) is
 * KESU_EDATA naming the household, the field and the engine's message.
 * Columns that name no field are skipped.  The interview then starts at
 * the first question the filled fields make relevant.
 */
int survey_prefill(engine *e, const char *id_column,
    const struct store_hh *h, char **cause) KESU_WUR;

/* The value of column name in an extra string (NAME US VALUE US ...), or
 * NULL. The pointer is into a static buffer, valid until the next call. */
const char *survey_extra_get(const char *extra, const char *name);

#endif

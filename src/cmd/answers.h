/*
 * answers.h - answers files for `kesu form run` (docs/cli.md).
 *
 * Two layouts:
 * - name=value lines: one interview.  Blank lines and lines whose first
 *   non-blank character is '#' are skipped; white space around the name
 *   is ignored; the value is everything after the first '=' (it may be
 *   empty, which clears a default).  A name given again changes that
 *   answer, as going back on the screen would: the lines are split into
 *   rounds, a new one starting at each line whose name the current
 *   round already has, and the rounds are replayed in order.
 * - CSV (chosen by a .csv extension): a header row of field names, then
 *   one interview per row.  RFC 4180 quoting ("a, b", "say ""hi"""),
 *   cells may span lines inside quotes; an empty cell is an empty value;
 *   a row shorter than the header gives no value for the missing cells;
 *   a column may not repeat (one round per row).
 * A UTF-8 BOM at the start is ignored.  Values are kept as written; the
 * engine parses them.  select_multiple values are space-separated names.
 *
 * Errors say where: "answers.txt:3: expected name=value".
 */
#ifndef KESU_ANSWERS_H
#define KESU_ANSWERS_H

#include "util/err.h"

struct answer {
	char *name;
	char *value;
	int line;      /* line of the answer (CSV: of its row) */
	int round;     /* 0, 1, ...: the replay round it belongs to */
};

struct answers_interview {
	int line;      /* CSV: line of the row; name=value files: 0 */
	int n;
	struct answer *a;
	int nrounds;   /* rounds of changes (1 for a CSV row or no change) */
};

struct answers {
	char *path;    /* as given, or "stdin", for messages */
	int n;
	struct answers_interview *iv;
};

/*
 * Read the answers file at path; NULL or "-" reads stdin as name=value
 * lines.  KESU_ENOINPUT when it cannot be read, KESU_EDATA when it is
 * malformed.  On success *out is the caller's (answers_free).
 */
int answers_read(const char *path, struct answers **out, char **cause)
    KESU_WUR;
void answers_free(struct answers **a);

#endif

/*
 * export.h - `kesu export`: the records of one form as a data file an
 * analyst opens in Excel, Stata, SPSS or R.
 *
 * One row per record; the columns are the record's metadata (id, status,
 * interviewer, started, ended, duration, form_id, version) and then every
 * field of the form in form order (groups flattened, notes and the fields
 * a table-list group generates left out), a
 * select_multiple followed by one 0/1 column per choice (NAME_CHOICE).
 * Values are read from the stored instance XML, so a non-relevant field
 * (left out of the instance) is empty in CSV and missing in Stata/SPSS.
 *
 * A repeat's fields are not in that table: each repeat (nested ones too)
 * has a table of its own, one row per instance, starting with id,
 * parent_key, key and instance (export_int.h), written beside path as
 * ODK Central names it (out.csv -> out-member.csv; .dta, .sav the same),
 * or as a sheet named as the repeat in xlsx.  Standard output ("-")
 * takes only a form without repeats (KESU_EUSAGE otherwise).
 *
 * Records of several versions of the form are exported against its
 * newest stored version, matched by instance path: a field the newest
 * version lacks is not exported, one it added is empty.
 *
 * Each file is written to a temporary name in the folder of path and
 * renamed into place only when every file is complete: on a failure
 * while writing, the temporary files are removed and existing files are
 * left as they were.
 *
 * Errors: KESU_ECANTCREAT when the folder does not take a new file,
 * KESU_EIO when writing fails, KESU_ENOINPUT for an unknown --form,
 * KESU_EUSAGE for an unknown language or status, KESU_EDATA when a
 * stored instance is not well-formed XML or a value does not fit the
 * format (an SPSS string over 32767 bytes), naming the record or column.
 */
#ifndef KESU_EXPORT_H
#define KESU_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"
#include "util/err.h"

enum export_format { EXPORT_CSV, EXPORT_XLSX, EXPORT_DTA, EXPORT_SAV };

struct export_opts {
	enum export_format format;
	const char *path;        /* the file to write */
	/* The form language for labels (code or name); NULL: fallback_lang
	 * when the form has it, else the form's default language. */
	const char *lang;
	const char *fallback_lang;
	/* form_id to export; NULL: the survey's form, the one a report
	 * reads (report_form_current_id(): not the visit form's records). */
	const char *form_id;
	/* Statuses to export; NULL: completed, approved, uploaded.  Drafts
	 * have no instance and are refused (KESU_EUSAGE). */
	const char *const *statuses;
	size_t nstatuses;
	bool bom;                /* CSV: start with a UTF-8 BOM (Excel) */
	bool codes;              /* xlsx: choice codes, not their labels */
};

/* The default statuses, for --help. */
extern const char *const export_default_statuses[];

int export_run(store *s, const struct export_opts *o, char **cause)
    KESU_WUR;

#endif

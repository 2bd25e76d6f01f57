/*
 * export.c - `kesu export` (see export.h): which form and records go
 * out, the form model rebuilt from its stored source, its tables (the
 * records, then one per repeat), and the files written under temporary
 * names and renamed into place.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/export_int.h"
#include "report/report.h"
#include "util/i18n.h"
#include "util/xalloc.h"

const char *const export_default_statuses[] = {
	"completed", "approved", "uploaded", NULL,
};

static int
export_check_statuses(const struct export_opts *o, char **cause)
{
	static const char *const known[] = {
		"completed", "approved", "rejected", "uploaded",
	};
	size_t i, j;
	bool ok;

	for (i = 0; i < o->nstatuses; i++) {
		if (strcmp(o->statuses[i], "draft") == 0)
			return kesu_fail(cause, KESU_EUSAGE, _("drafts have no "
			    "finalized instance to export; --status takes "
			    "completed, approved, rejected or uploaded"));
		for (j = 0, ok = false; j < sizeof known / sizeof known[0];
		    j++)
			ok = ok || strcmp(known[j], o->statuses[i]) == 0;
		if (!ok)
			return kesu_fail(cause, KESU_EUSAGE,
			    _("unknown record status '%s'"), o->statuses[i]);
	}
	return 0;
}

/*
 * The stored forms with form_id (o->form_id, else the one a report reads,
 * report_form_current_id()) into t->keys, and the newest of them in
 * *newest (0 when the database has no form).
 */
static int
export_pick(store *s, const struct export_opts *o, struct export_table *t,
    int64_t *newest, char **cause)
{
	struct store_form *fs = NULL;
	char *current = NULL;
	const char *id = o->form_id;
	size_t n, i;
	int rc;

	*newest = 0;
	if (id == NULL &&
	    (rc = report_form_current_id(s, NULL, &current, cause)) != 0)
		return rc;
	if (id == NULL)
		id = current;
	if ((rc = store_form_list(s, &fs, &n, cause)) != 0) {
		free(current);
		return rc;
	}
	t->keys = xcalloc(n + 1, sizeof *t->keys);
	for (i = 0; id != NULL && i < n; i++) {
		if (strcmp(fs[i].form_id, id) != 0)
			continue;
		t->keys[t->nkeys++] = fs[i].key;
		*newest = fs[i].key;
	}
	if (o->form_id != NULL && t->nkeys == 0)
		rc = kesu_fail(cause, KESU_ENOINPUT, _("%s: no form '%s' in "
		    "the database"), store_path(s), o->form_id);
	store_forms_free(fs, n);
	free(current);
	return rc;
}

static int
export_lang(const struct export_opts *o, const form *f, int *lang,
    char **cause)
{
	*lang = form_default_lang(f);
	if (o->lang != NULL) {
		if ((*lang = form_lang_find(f, o->lang)) < 0)
			return kesu_fail(cause, KESU_EUSAGE, _("form '%s' has "
			    "no language '%s'"), form_id(f), o->lang);
	} else if (o->fallback_lang != NULL &&
	    form_lang_find(f, o->fallback_lang) >= 0)
		*lang = form_lang_find(f, o->fallback_lang);
	return 0;
}

/* A new file next to path, with the mode a plain create would give. */
static int
export_temp(const char *path, char **tmp, int *fd, char **cause)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	mode_t um;

	dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
	*tmp = xasprintf("%s/.%s.XXXXXX", dir, slash != NULL ? slash + 1 :
	    path);
	if ((*fd = mkstemp(*tmp)) < 0) {
		int rc = kesu_fail(cause, KESU_ECANTCREAT, _("%s: cannot "
		    "create a file in %s: %s"), path, dir, strerror(errno));

		free(*tmp);
		*tmp = NULL;
		free(dir);
		return rc;
	}
	free(dir);
	um = umask(0);
	umask(um);
	(void)fchmod(*fd, 0666 & ~um);
	return 0;
}

/*
 * The file of table k: path itself for the records, else path with
 * "-NAME" before its extension (out.csv -> out-member.csv), as ODK
 * Central names a repeat's file.  Caller frees.
 */
static char *
export_table_path(const char *path, const struct export_table *t)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');

	if (t->repeat < 0)
		return xstrdup(path);
	if (dot == NULL || (slash != NULL && dot < slash) ||
	    dot == (slash != NULL ? slash + 1 : path))
		return xasprintf("%s-%s", path, form_field(t->f,
		    t->repeat)->name);
	return xasprintf("%.*s-%s%s", (int)(dot - path), path,
	    form_field(t->f, t->repeat)->name, dot);
}

/* Write table t onto a new temporary file beside path (*tmp). */
static int
export_one(store *s, struct export_table *t, const struct export_opts *o,
    const char *path, char **tmp, char **cause)
{
	int fd = -1, rc;

	if ((rc = export_temp(path, tmp, &fd, cause)) != 0)
		return rc;
	if (o->format == EXPORT_CSV)
		rc = export_csv_write(s, t, fd, o->bom, cause);
	else
		rc = export_stat_write(s, t, o->format, fd, cause);
	if (rc == 0 && fsync(fd) != 0)
		rc = kesu_fail(cause, KESU_EIO, _("%s: %s"), *tmp,
		    strerror(errno));
	if (close(fd) != 0 && rc == 0)
		rc = kesu_fail(cause, KESU_EIO, _("%s: %s"), *tmp,
		    strerror(errno));
	return rc;
}

/*
 * Every table to a temporary file (xlsx: all of them in one workbook),
 * then each renamed into place; on failure every temporary file is
 * removed and no file at its path is touched.
 */
static int
export_write(store *s, struct export_table *t, size_t nt,
    const struct export_opts *o, char **cause)
{
	char **tmp = NULL, **path = NULL;
	size_t k, nfiles = o->format == EXPORT_XLSX ? 1 : nt;
	int fd = -1, rc = 0;

	/*
	 * "-": standard output, as it comes (nothing to rename).  It takes
	 * one table, the records'; a repeat's rows are not on it, and the
	 * person piping it is told so rather than left to guess.
	 */
	if (strcmp(o->path, "-") == 0) {
		if (nt > 1)
			fprintf(stderr, _("kesu: export: form '%s' has "
			    "repeats (%s...): standard output holds the "
			    "records only; give -o FILE for the repeats' rows "
			    "too\n"), form_id(t->f),
			    form_field(t->f, t[1].repeat)->name);
		return o->format == EXPORT_CSV ?
		    export_csv_write(s, t, STDOUT_FILENO, o->bom, cause) :
		    export_stat_write(s, t, o->format, STDOUT_FILENO, cause);
	}
	tmp = xcalloc(nfiles + 1, sizeof *tmp);
	path = xcalloc(nfiles + 1, sizeof *path);
	for (k = 0; k < nfiles && rc == 0; k++) {
		path[k] = export_table_path(o->path, &t[k]);
		if (o->format != EXPORT_XLSX) {
			rc = export_one(s, &t[k], o, path[k], &tmp[k], cause);
			continue;
		}
		if ((rc = export_temp(o->path, &tmp[k], &fd, cause)) != 0)
			break;
		/* libxlsxwriter writes the file by its name, then it is
		 * reopened to be synced. */
		close(fd);
		rc = export_xlsx_write(s, t, nt, tmp[k], cause);
		if ((fd = open(tmp[k], O_RDONLY)) < 0 && rc == 0)
			rc = kesu_fail(cause, KESU_EIO, _("%s: %s"), tmp[k],
			    strerror(errno));
		if (rc == 0 && fd >= 0 && fsync(fd) != 0)
			rc = kesu_fail(cause, KESU_EIO, _("%s: %s"), tmp[k],
			    strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	for (k = 0; k < nfiles && rc == 0; k++)
		if (rename(tmp[k], path[k]) != 0)
			rc = kesu_fail(cause, KESU_ECANTCREAT, _("%s: %s"),
			    path[k], strerror(errno));
	for (k = 0; k < nfiles; k++) {
		if (rc != 0 && tmp[k] != NULL)
			unlink(tmp[k]);
		free(tmp[k]);
		free(path[k]);
	}
	free(tmp);
	free(path);
	return rc;
}

/*
 * The tables after the records' (t[0]): one per repeat of the form, in
 * form order (nested ones too), with t[0]'s form, records and options;
 * their sheet names unique and at most the 31 characters Excel takes.
 */
static struct export_table *
export_tables(struct export_table *main, size_t *nt)
{
	struct export_table *t;
	int n = main->f != NULL ? form_nfields(main->f) : 0, i;
	size_t k, j;

	t = xcalloc((size_t)n + 2, sizeof *t);
	t[0] = *main;
	*nt = 1;
	for (i = 0; i < n; i++) {
		if (!form_field(main->f, i)->repeat)
			continue;
		t[*nt] = *main;
		t[*nt].repeat = i;
		t[*nt].cols = NULL;
		t[*nt].ncols = 0;
		(*nt)++;
	}
	for (k = 0; k < *nt; k++) {
		const char *name = t[k].repeat < 0 ? "data" :
		    form_field(t[k].f, t[k].repeat)->name;

		t[k].sheet = xasprintf("%.31s", name);
		for (j = 0; j < k; j++)
			if (strcmp(t[j].sheet, t[k].sheet) == 0 ||
			    strcmp(t[k].sheet, "variables") == 0 ||
			    strcmp(t[k].sheet, "choices") == 0) {
				free(t[k].sheet);
				t[k].sheet = xasprintf("%.26s_%zu", name, k + 1);
				break;
			}
		if (k > 0)
			export_cols_build(&t[k]);
	}
	return t;
}

int
export_run(store *s, const struct export_opts *o, char **cause)
{
	struct export_table t, *tables = NULL;
	form *f = NULL;
	int64_t newest;
	size_t n, nt = 0, k;
	int rc;

	memset(&t, 0, sizeof t);
	t.repeat = -1;
	t.statuses = o->statuses;
	t.nstatuses = o->nstatuses;
	t.codes = o->codes;
	if (o->statuses == NULL) {
		for (n = 0; export_default_statuses[n] != NULL; n++)
			;
		t.statuses = export_default_statuses;
		t.nstatuses = n;
	}
	if ((rc = export_check_statuses(o, cause)) != 0)
		return rc;
	/* Every pass over the records sees the same records. */
	if ((rc = store_snapshot_begin(s, cause)) != 0)
		return rc;
	if ((rc = export_pick(s, o, &t, &newest, cause)) != 0)
		goto out;
	if (newest != 0 &&
	    ((rc = report_form_load(s, newest, &f, cause)) != 0 ||
	    (rc = export_lang(o, f, &t.lang, cause)) != 0))
		goto out;
	t.f = f;
	export_cols_build(&t);
	tables = export_tables(&t, &nt);
	rc = export_write(s, tables, nt, o, cause);
out:
	store_snapshot_end(s);
	for (k = 1; k < nt; k++)
		export_cols_free(&tables[k]);
	for (k = 0; k < nt; k++)
		free(tables[k].sheet);
	free(tables);
	export_cols_free(&t);
	free(t.keys);
	form_free(&f);
	return rc;
}

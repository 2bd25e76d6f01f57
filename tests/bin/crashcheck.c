/*
 * crashcheck - after crashdriver was killed: is the database sound, and
 * is every answer it reported as confirmed there?
 *
 *	crashcheck DB LOG
 *
 * Checks PRAGMA integrity_check, then for each interview in LOG: a draft
 * holds the last confirmed value of every field; a finalized record's
 * instance XML holds <name>value</name> for each.  Prints one line,
 * "checked N answers in M interviews, L lost[, resume UUID]", where UUID is
 * the draft a next run should resume, and exits 1 on any loss or damage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store/store.h"
#include "util/buf.h"

struct answer {
	char *uuid;
	char *name;
	char *value;
};

static int
integrity(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int ok = 0;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != 0) {
		sqlite3_close(db);
		return 0;
	}
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st,
	    NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			ok = strcmp((const char *)sqlite3_column_text(st, 0),
			    "ok") == 0;
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return ok;
}

/* Is name=value in the record? */
static int
present(store *s, const struct store_record *r, const char *name,
    const char *value, char **xml)
{
	const struct store_value *v;
	store_draft *d = NULL;
	struct buf want = BUF_INIT;
	char *cause = NULL;
	size_t n, i, len;
	int found = 0;

	if (strcmp(r->status, "draft") == 0) {
		if (store_draft_peek(s, r->key, &d, &cause) != 0) {
			fprintf(stderr, "crashcheck: %s\n", cause);
			free(cause);
			return 0;
		}
		v = store_draft_values(d, &n);
		for (i = 0; i < n; i++)
			if (strcmp(v[i].name, name) == 0)
				found = strcmp(v[i].value, value) == 0;
		store_draft_free(&d);
		return found;
	}
	if (*xml == NULL && store_record_xml(s, r->key, xml, &len,
	    &cause) != 0) {
		fprintf(stderr, "crashcheck: %s\n", cause);
		free(cause);
		return 0;
	}
	buf_printf(&want, "<%s>", name);
	buf_add_xml(&want, value);
	buf_printf(&want, "</%s>", name);
	found = strstr(*xml, want.data) != NULL;
	buf_free(&want);
	return found;
}

int
main(int argc, char **argv)
{
	struct answer *a = NULL;
	size_t na = 0, i, j, checked = 0, lost = 0, interviews = 0;
	char *line = NULL, *cause = NULL, *resume = NULL;
	size_t cap = 0;
	ssize_t len;
	store *s = NULL;
	FILE *f;

	if (argc != 3) {
		fprintf(stderr, "usage: crashcheck DB LOG\n");
		return 64;
	}
	if ((f = fopen(argv[2], "r")) == NULL) {
		printf("crashcheck: %s: cannot read\n", argv[2]);
		return 1;
	}
	while ((len = getline(&line, &cap, f)) > 0) {
		char *kind = line, *uuid, *name, *value;

		if (line[len - 1] != '\n')
			break; /* cut by the kill: never reported */
		line[len - 1] = '\0';
		if ((uuid = strchr(kind, ' ')) == NULL)
			continue;
		*uuid++ = '\0';
		if (strcmp(kind, "started") == 0 ||
		    strcmp(kind, "resumed") == 0) {
			free(resume);
			resume = strdup(uuid);
			interviews++;
		} else if (strcmp(kind, "finalized") == 0) {
			free(resume);
			resume = NULL;
		} else if (strcmp(kind, "confirmed") == 0) {
			/* "UUID NAME VALUE"; the value may hold spaces. */
			if ((name = strchr(uuid, ' ')) == NULL)
				continue;
			*name++ = '\0';
			if ((value = strchr(name, ' ')) == NULL)
				continue;
			*value++ = '\0';
			a = realloc(a, (na + 1) * sizeof *a);
			a[na].uuid = strdup(uuid);
			a[na].name = strdup(name);
			a[na].value = strdup(value);
			na++;
		}
	}
	fclose(f);
	free(line);
	/* Killed before the file was made: fine if nothing was reported. */
	if (access(argv[1], F_OK) != 0 && na == 0) {
		printf("checked 0 answers in 0 interviews, 0 lost\n");
		return 0;
	}
	if (!integrity(argv[1])) {
		printf("integrity_check failed on %s\n", argv[1]);
		return 1;
	}
	if (store_open(argv[1], 0, &s, &cause) != 0) {
		printf("crashcheck: %s\n", cause);
		return 1;
	}
	for (i = 0; i < na; i++) {
		struct store_record r;
		char *xml = NULL;

		/* Only the last confirmed value of a field counts. */
		for (j = i + 1; j < na; j++)
			if (strcmp(a[j].uuid, a[i].uuid) == 0 &&
			    strcmp(a[j].name, a[i].name) == 0)
				break;
		if (j < na)
			continue;
		checked++;
		if (store_record_find(s, a[i].uuid, &r, &cause) != 0) {
			printf("lost: %s (%s)\n", a[i].uuid, cause);
			free(cause);
			cause = NULL;
			lost++;
			continue;
		}
		if (!present(s, &r, a[i].name, a[i].value, &xml)) {
			printf("lost: %s %s=%s (%s)\n", a[i].uuid, a[i].name,
			    a[i].value, r.status);
			lost++;
		}
		free(xml);
		store_record_clear(&r);
	}
	if (resume != NULL) {
		struct store_record r;

		if (store_record_find(s, resume, &r, &cause) != 0 ||
		    strcmp(r.status, "draft") != 0) {
			free(resume);
			resume = NULL;
		}
		free(cause);
		store_record_clear(&r);
	}
	printf("checked %zu answers in %zu interviews, %zu lost%s%s\n",
	    checked, interviews, lost, resume != NULL ? ", resume " : "",
	    resume != NULL ? resume : "");
	store_close(&s);
	for (i = 0; i < na; i++) {
		free(a[i].uuid);
		free(a[i].name);
		free(a[i].value);
	}
	free(a);
	free(resume);
	return lost > 0;
}

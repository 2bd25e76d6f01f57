/*
 * dumpxml - write the stored instance of every finalized record of a
 * kesu database as DIR/uuid_<UUID>.xml (the names the test server gives
 * what it receives), so a test compares both folders with diff -r.
 *
 *	dumpxml DB DIR
 *
 * Prints the number of files written; exits 1 on any error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

int
main(int argc, char **argv)
{
	struct store_record r;
	const char *const *v;
	store *s = NULL;
	store_list *l = NULL;
	char *cause = NULL, *xml, path[4096];
	size_t len, n = 0;
	bool end;
	FILE *f;

	if (argc != 3) {
		fputs("usage: dumpxml DB DIR\n", stderr);
		return 2;
	}
	memset(&r, 0, sizeof r);
	if (store_open(argv[1], 0, &s, &cause) != 0 ||
	    store_list_open(s, NULL, &l, &cause) != 0)
		goto fail;
	for (;;) {
		if (store_list_next(l, &r, &v, &end, &cause) != 0)
			goto fail;
		if (end)
			break;
		if (strcmp(r.status, "draft") == 0)
			continue;
		if (store_record_xml(s, r.key, &xml, &len, &cause) != 0)
			goto fail;
		snprintf(path, sizeof path, "%s/uuid_%s.xml", argv[2], r.uuid);
		if ((f = fopen(path, "wb")) == NULL ||
		    fwrite(xml, 1, len, f) != len || fclose(f) != 0) {
			fprintf(stderr, "dumpxml: cannot write %s\n", path);
			return 1;
		}
		free(xml);
		n++;
	}
	store_record_clear(&r);
	store_list_close(&l);
	store_close(&s);
	printf("%zu\n", n);
	return 0;
fail:
	fprintf(stderr, "dumpxml: %s\n", cause ? cause : "failed");
	return 1;
}

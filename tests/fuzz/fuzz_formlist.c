/*
 * fuzz_formlist.c - libFuzzer harness for what a server sends as a form
 * list or a manifest (formlist_parse()): any body gives entries or an
 * error with a message, never a crash or undefined behaviour; every
 * entry has an id, a download URL and a 32-digit lowercase md5, and a
 * media file name is a plain name.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sync/formlist.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct formlist_entry *e = NULL;
	char *err = NULL;
	size_t n = 0, i, k;
	int media;

	for (media = 0; media < 2; media++) {
		if (formlist_parse("fuzz", data, size, media, &e, &n,
		    &err) != 0) {
			assert(err != NULL && *err != '\0');
			free(err);
			err = NULL;
			continue;
		}
		for (i = 0; i < n; i++) {
			assert(e[i].id[0] != '\0' && e[i].download[0] != '\0');
			assert(strlen(e[i].md5) == 32);
			for (k = 0; k < 32; k++)
				assert((e[i].md5[k] >= '0' && e[i].md5[k] <= '9') ||
				    (e[i].md5[k] >= 'a' && e[i].md5[k] <= 'f'));
			if (media)
				assert(strchr(e[i].id, '/') == NULL &&
				    strcmp(e[i].id, "..") != 0);
		}
		formlist_free(e, n);
		e = NULL;
	}
	return 0;
}

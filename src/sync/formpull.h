/*
 * formpull.h - forms in from an OpenRosa server (`kesu form pull`, and
 * `kesu sync` after its uploads): the form list, each listed form version
 * not yet here downloaded with its media files, every file checked
 * against the md5 the server listed, the form read (XForm) and checked
 * as any form, then kept in the store as a new version beside the older
 * ones.  Records keep pointing at the version they were made with.
 */
#ifndef KESU_SYNC_FORMPULL_H
#define KESU_SYNC_FORMPULL_H

#include <stdio.h>

#include "store/store.h"
#include "sync/openrosa.h"
#include "util/err.h"

struct formpull_result {
	size_t listed;     /* forms the server listed */
	size_t installed;  /* new versions kept */
	size_t current;    /* already here */
	size_t refused;    /* not kept: a hash mismatch, a bad form, ... */
};

/*
 * Pull from the server c talks to (opened by the caller) into s.  One
 * line per form installed goes to out ("installed FORM_ID version V");
 * one per form refused to err, saying why; neither when NULL.  Returns 0
 * when the list was read (refusals are counted, not errors), else the
 * error of reading it (KESU_ETEMPFAIL offline, KESU_ENOPERM refused).
 */
int formpull_run(openrosa *c, store *s, FILE *out, FILE *err,
    struct formpull_result *res, char **cause) KESU_WUR;

#endif

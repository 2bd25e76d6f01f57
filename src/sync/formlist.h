/*
 * formlist.h - the OpenRosa form discovery documents, as ODK Central
 * serves them to app users: the form list (GET {server}/formList) and a
 * form's manifest of media files, read with expat.
 *
 *	<xforms xmlns="http://openrosa.org/xforms/xformsList"><xform>
 *	  <formID/><name/><version/><hash>md5:HEX</hash><downloadUrl/>
 *	  [<manifestUrl/>]</xform>...</xforms>
 *	<manifest xmlns="http://openrosa.org/xforms/xformsManifest">
 *	  <mediaFile><filename/><hash>md5:HEX</hash><downloadUrl/>
 *	  </mediaFile>...</manifest>
 */
#ifndef KESU_SYNC_FORMLIST_H
#define KESU_SYNC_FORMLIST_H

#include <stddef.h>

#include "util/err.h"

/* One <xform> or <mediaFile>: the fields it had ("" when absent). */
struct formlist_entry {
	char *id;          /* formID, or the media file's filename */
	char *name;        /* the form's name (title); "" for media */
	char *version;
	char *md5;         /* 32 lowercase hex digits, from "md5:HEX" */
	char *download;
	char *manifest;    /* "" when the form has no media */
};

/*
 * Parse a form list (media false) or a manifest (media true) of len
 * bytes.  Every entry must have an id, a download URL and an md5 hash;
 * a media file name must be a plain name (no '/', not "." or "..").
 * KESU_EDATA naming what otherwise.  *out is the caller's
 * (formlist_free()).
 */
int formlist_parse(const char *what, const void *data, size_t len,
    int media, struct formlist_entry **out, size_t *n, char **cause)
    KESU_WUR;
void formlist_free(struct formlist_entry *e, size_t n);

#endif

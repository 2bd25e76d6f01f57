/*
 * sheet_zip.c - the zip inside an .xlsx, read from memory with minizip.
 *
 * minizip reads the bytes through memory callbacks (so that
 * sheet_book_parse works on a buffer).  The entries are listed once,
 * sorted by name, so that parts are found without scanning the zip; a part
 * is unpacked whole into a heap buffer.
 *
 * Limits: 65536 entries, 64 MiB per unpacked part, 256 MiB unpacked in
 * all; encrypted entries are refused.
 */
#include <stdlib.h>
#include <string.h>

#include <minizip/unzip.h>

#include "sheet/sheet.h"
#include "sheet/sheet_int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define ZIP_MAX_ENTRIES 65536

struct zip_mem {
	const unsigned char *data;
	size_t len;
};

struct zip_stream {
	const struct zip_mem *m;
	size_t pos;
};

struct zip_entry {
	char *name;
	unz64_file_pos pos;
	size_t order;
};

struct sheet_zip {
	const char *name; /* the file, for messages */
	struct zip_mem mem;
	unzFile zip;
	struct zip_entry *ents;
	size_t nents;
	size_t unzipped;
};

static voidpf ZCALLBACK
zip_zopen(voidpf opaque, const void *filename, int mode)
{
	struct zip_stream *s;

	(void)filename;
	(void)mode;
	s = xcalloc(1, sizeof *s);
	s->m = opaque;
	return s;
}

static uLong ZCALLBACK
zip_zread(voidpf opaque, voidpf stream, void *buf, uLong size)
{
	struct zip_stream *s = stream;
	size_t n;

	(void)opaque;
	if (s->pos >= s->m->len)
		return 0;
	n = s->m->len - s->pos;
	if (n > size)
		n = size;
	memcpy(buf, s->m->data + s->pos, n);
	s->pos += n;
	return (uLong)n;
}

static uLong ZCALLBACK
zip_zwrite(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
	(void)opaque;
	(void)stream;
	(void)buf;
	(void)size;
	return 0;
}

static ZPOS64_T ZCALLBACK
zip_ztell(voidpf opaque, voidpf stream)
{
	(void)opaque;
	return ((struct zip_stream *)stream)->pos;
}

static long ZCALLBACK
zip_zseek(voidpf opaque, voidpf stream, ZPOS64_T off, int origin)
{
	struct zip_stream *s = stream;
	ZPOS64_T base;

	(void)opaque;
	switch (origin) {
	case ZLIB_FILEFUNC_SEEK_SET:
		base = 0;
		break;
	case ZLIB_FILEFUNC_SEEK_CUR:
		base = s->pos;
		break;
	case ZLIB_FILEFUNC_SEEK_END:
		base = s->m->len;
		break;
	default:
		return -1;
	}
	if (off > s->m->len || base + off > s->m->len)
		return -1;
	s->pos = (size_t)(base + off);
	return 0;
}

static int ZCALLBACK
zip_zclose(voidpf opaque, voidpf stream)
{
	(void)opaque;
	free(stream);
	return 0;
}

static int ZCALLBACK
zip_zerror(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0;
}

static int
zip_entry_cmp(const void *a, const void *b)
{
	const struct zip_entry *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* List the zip's entries once, sorted by name, for direct lookups. */
static int
zip_index(struct sheet_zip *z, char **cause)
{
	unz_file_info64 fi;
	size_t cap = 0;
	char *name;
	int err;

	for (err = unzGoToFirstFile(z->zip); err == UNZ_OK;
	    err = unzGoToNextFile(z->zip)) {
		if (z->nents == ZIP_MAX_ENTRIES)
			return kesu_fail(cause, KESU_EDATA,
			    _("%s: more than %d entries in the zip"), z->name,
			    ZIP_MAX_ENTRIES);
		if (unzGetCurrentFileInfo64(z->zip, &fi, NULL, 0, NULL, 0,
		    NULL, 0) != UNZ_OK)
			break;
		name = xmalloc(fi.size_filename + 1);
		if (unzGetCurrentFileInfo64(z->zip, &fi, name,
		    fi.size_filename + 1, NULL, 0, NULL, 0) != UNZ_OK) {
			free(name);
			break;
		}
		name[fi.size_filename] = '\0';
		if (z->nents == cap) {
			cap = cap == 0 ? 32 : cap * 2;
			z->ents = xreallocarray(z->ents, cap, sizeof *z->ents);
		}
		z->ents[z->nents].name = name;
		z->ents[z->nents].order = z->nents;
		if (unzGetFilePos64(z->zip, &z->ents[z->nents].pos) != UNZ_OK) {
			z->nents++;
			err = UNZ_BADZIPFILE;
			break;
		}
		z->nents++;
	}
	if (err != UNZ_END_OF_LIST_OF_FILE)
		return kesu_fail(cause, KESU_EDATA,
		    _("%s: the zip's directory is damaged"), z->name);
	if (z->nents > 0)
		qsort(z->ents, z->nents, sizeof *z->ents, zip_entry_cmp);
	return KESU_OK;
}

/* The entry named part (the last one, when the name repeats), or NULL. */
static const struct zip_entry *
zip_find(const struct sheet_zip *z, const char *part)
{
	size_t lo = 0, hi = z->nents, mid;
	const struct zip_entry *e = NULL;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(z->ents[mid].name, part) <= 0) {
			if (strcmp(z->ents[mid].name, part) == 0)
				e = &z->ents[mid];
			lo = mid + 1;
		} else
			hi = mid;
	}
	return e;
}

int
sheet_zip_read(struct sheet_zip *z, const char *part, char **data,
    size_t *len, char **cause)
{
	const struct zip_entry *e;
	unz_file_info64 fi;
	char *buf = NULL;
	size_t have = 0, size;
	int n, rc = KESU_OK;

	*data = NULL;
	*len = 0;
	if ((e = zip_find(z, part)) == NULL)
		return KESU_OK;
	if (unzGoToFilePos64(z->zip, &e->pos) != UNZ_OK ||
	    unzGetCurrentFileInfo64(z->zip, &fi, NULL, 0, NULL, 0, NULL,
	    0) != UNZ_OK)
		return kesu_fail(cause, KESU_EDATA, _("%s: %s: damaged entry"),
		    z->name, part);
	if (fi.flag & 1)
		return kesu_fail(cause, KESU_EDATA,
		    _("%s: %s: the entry is encrypted"), z->name, part);
	if (fi.uncompressed_size > SHEET_MAX_INPUT)
		return kesu_fail(cause, KESU_EDATA,
		    _("%s: %s: larger than %u MiB unpacked"), z->name, part,
		    SHEET_MAX_INPUT >> 20);
	size = (size_t)fi.uncompressed_size;
	if (z->unzipped + size > SHEET_MAX_UNZIPPED)
		return kesu_fail(cause, KESU_EDATA,
		    _("%s: more than %u MiB unpacked in all"), z->name,
		    SHEET_MAX_UNZIPPED >> 20);
	z->unzipped += size;
	if (unzOpenCurrentFile(z->zip) != UNZ_OK)
		return kesu_fail(cause, KESU_EDATA,
		    _("%s: %s: damaged or unsupported entry"), z->name, part);
	buf = xmalloc(size + 1);
	while (have < size) {
		n = unzReadCurrentFile(z->zip, buf + have,
		    (unsigned)(size - have));
		if (n <= 0)
			break;
		have += (size_t)n;
	}
	if (unzCloseCurrentFile(z->zip) != UNZ_OK || have != size) {
		rc = kesu_fail(cause, KESU_EDATA,
		    _("%s: %s: damaged entry (the file may be truncated)"),
		    z->name, part);
		free(buf);
		return rc;
	}
	buf[size] = '\0';
	*data = buf;
	*len = size;
	return KESU_OK;
}

int
sheet_zip_has(const struct sheet_zip *z, const char *part)
{
	return zip_find(z, part) != NULL;
}

int
sheet_zip_open(const char *name, const char *data, size_t len,
    struct sheet_zip **out, char **cause)
{
	zlib_filefunc64_def ff;
	struct sheet_zip *z;
	int rc;

	*out = NULL;
	z = xcalloc(1, sizeof *z);
	z->name = name;
	z->mem.data = (const unsigned char *)data;
	z->mem.len = len;
	memset(&ff, 0, sizeof ff);
	ff.zopen64_file = zip_zopen;
	ff.zread_file = zip_zread;
	ff.zwrite_file = zip_zwrite;
	ff.ztell64_file = zip_ztell;
	ff.zseek64_file = zip_zseek;
	ff.zclose_file = zip_zclose;
	ff.zerror_file = zip_zerror;
	ff.opaque = &z->mem;
	if ((z->zip = unzOpen2_64(name, &ff)) == NULL) {
		rc = kesu_fail(cause, KESU_EDATA,
		    _("%s: not a zip file (or a truncated one)"), name);
		sheet_zip_close(z);
		return rc;
	}
	if ((rc = zip_index(z, cause)) != KESU_OK) {
		sheet_zip_close(z);
		return rc;
	}
	*out = z;
	return KESU_OK;
}

void
sheet_zip_close(struct sheet_zip *z)
{
	size_t i;

	if (z == NULL)
		return;
	if (z->zip != NULL)
		unzClose(z->zip);
	for (i = 0; i < z->nents; i++)
		free(z->ents[i].name);
	free(z->ents);
	free(z);
}

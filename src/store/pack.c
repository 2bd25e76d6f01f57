/*
 * pack.c - zlib with a dictionary made from the form (see pack.h).
 *
 * The skeleton mirrors the instance the engine writes (engine/instance.c):
 * the XML declaration, the root element with id, version and ODK's
 * namespaces, every field and group element in form order (notes empty),
 * and meta.  Each leaf appears as "<name></name>", so the bytes
 * between two answers ("</a><b>") are one match.
 */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "store/pack.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static void
dict_open(struct buf *b, const char *name)
{
	buf_addch(b, '<');
	buf_addstr(b, name);
	buf_addch(b, '>');
}

static void
dict_close(struct buf *b, const char *name)
{
	buf_addstr(b, "</");
	buf_addstr(b, name);
	buf_addch(b, '>');
}

void
pack_dict(const form *f, struct buf *out)
{
	struct buf b = BUF_INIT;
	const struct form_field *fl;
	const char *version = form_version(f);
	int i, j, n, *open = NULL, nopen = 0;
	size_t start;

	/* Least likely first: choice names, then common values. */
	for (i = 0; i < form_nlists(f); i++) {
		for (j = 0; j < form_list_size(f, i); j++) {
			buf_addstr(&b, form_choice(f, i, j)->name);
			buf_addch(&b, ' ');
		}
	}
	buf_addstr(&b, "<?xml version='1.0' encoding='UTF-8' ?>");
	buf_addch(&b, '<');
	buf_add_xml(&b, form_root(f));
	buf_addstr(&b, " id=\"");
	buf_add_xml(&b, form_id(f));
	buf_addch(&b, '"');
	if (version != NULL) {
		buf_addstr(&b, " version=\"");
		buf_add_xml(&b, version);
		buf_addch(&b, '"');
	}
	buf_addstr(&b, " xmlns:ev=\"http://www.w3.org/2001/xml-events\" "
	    "xmlns:orx=\"http://openrosa.org/xforms\" "
	    "xmlns:odk=\"http://www.opendatakit.org/xforms\" "
	    "xmlns:h=\"http://www.w3.org/1999/xhtml\" "
	    "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
	    "xmlns:jr=\"http://openrosa.org/javarosa\">");
	n = form_nfields(f);
	open = xcalloc((size_t)n + 1, sizeof *open);
	for (i = 0; i < n; i++) {
		fl = form_field(f, i);
		while (nopen > 0 && form_field(f, open[nopen - 1])->end <= i)
			dict_close(&b, form_field(f, open[--nopen])->name);
		if (fl->type == FORM_NOTE) {
			/* Notes are written empty: <name /> */
			buf_addch(&b, '<');
			buf_addstr(&b, fl->name);
			buf_addstr(&b, " />");
			continue;
		}
		dict_open(&b, fl->name);
		if (fl->type == FORM_GROUP)
			open[nopen++] = i;
		else
			dict_close(&b, fl->name);
	}
	while (nopen > 0)
		dict_close(&b, form_field(f, open[--nopen])->name);
	buf_addstr(&b, "<meta><instanceID>uuid:</instanceID><instanceName>"
	    "</instanceName></meta>");
	dict_close(&b, form_root(f));
	free(open);

	/* zlib only looks at the last 32 KiB. */
	start = b.len > PACK_DICT_MAX ? b.len - PACK_DICT_MAX : 0;
	buf_add(out, b.data + start, b.len - start);
	buf_free(&b);
}

void
pack_deflate(const void *dict, size_t dlen, const void *data, size_t len,
    struct buf *out)
{
	z_stream z;
	size_t bound;

	memset(&z, 0, sizeof z);
	/* Raw deflate: the store keeps length and CRC-32 itself, so zlib's
	 * header and Adler-32 would be six bytes of nothing. */
	if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 9,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		xalloc_die();
	if (dlen > 0 &&
	    deflateSetDictionary(&z, dict, (uInt)dlen) != Z_OK)
		xalloc_die();
	bound = deflateBound(&z, len);
	buf_grow(out, bound + 1);
	z.next_in = (Bytef *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out->data + out->len;
	z.avail_out = (uInt)bound;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		xalloc_die();
	out->len += z.total_out;
	out->data[out->len] = '\0';
	deflateEnd(&z);
}

int
pack_inflate(const void *dict, size_t dlen, const void *packed, size_t plen,
    size_t len, uint32_t crc, char **out, const char *what, char **cause)
{
	z_stream z;
	char *p;
	int zr;

	*out = NULL;
	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, -15) != Z_OK)
		xalloc_die();
	if (dlen > 0 && inflateSetDictionary(&z, dict, (uInt)dlen) != Z_OK) {
		inflateEnd(&z);
		return kesu_fail(cause, KESU_EIO,
		    _("%s: the compression dictionary is unusable"), what);
	}
	p = xmalloc(len + 1);
	z.next_in = (Bytef *)(uintptr_t)packed;
	z.avail_in = (uInt)plen;
	z.next_out = (Bytef *)p;
	z.avail_out = (uInt)len;
	zr = inflate(&z, Z_FINISH);
	inflateEnd(&z);
	if (zr != Z_STREAM_END || z.total_out != len || z.avail_in != 0 ||
	    pack_crc(p, len) != crc) {
		free(p);
		return kesu_fail(cause, KESU_EIO,
		    _("%s: the stored instance is damaged (length or CRC-32 "
		    "does not match)"), what);
	}
	p[len] = '\0';
	*out = p;
	return 0;
}

uint32_t
pack_crc(const void *data, size_t len)
{
	uLong c = crc32(0L, Z_NULL, 0);

	while (len > 0) {
		uInt chunk = len > 0x40000000u ? 0x40000000u : (uInt)len;

		c = crc32(c, data, chunk);
		data = (const char *)data + chunk;
		len -= chunk;
	}
	return (uint32_t)c;
}

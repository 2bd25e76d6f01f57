/*
 * fuzz_sheet_xlsx.c - libFuzzer harness for the .xlsx sheet reader: any
 * bytes must give a book or an error message, never a crash, a leak or a
 * read outside the buffer.
 *
 * An input that starts with "PK" is read as the .xlsx file itself, which
 * exercises the zip layer.  Mutated zip data rarely survives its CRC, so
 * any other input is a list of parts, "NAME\0CONTENT\0NAME\0CONTENT...",
 * that the harness packs into a valid stored zip first: that way the
 * fuzzer reaches the workbook, relationship, shared-string, style and
 * worksheet parsers.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "sheet/sheet.h"
#include "util/buf.h"

#define MAX_PARTS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
le16(struct buf *b, unsigned v)
{
	buf_addch(b, (char)(v & 0xff));
	buf_addch(b, (char)(v >> 8 & 0xff));
}

static void
le32(struct buf *b, unsigned long v)
{
	le16(b, (unsigned)(v & 0xffff));
	le16(b, (unsigned)(v >> 16 & 0xffff));
}

/* Pack the parts of data into a stored (uncompressed) zip in z. */
static void
pack(const uint8_t *data, size_t size, struct buf *z)
{
	struct buf cd = BUF_INIT;
	const uint8_t *p = data, *end = data + size, *name, *body, *nul;
	size_t nlen, blen;
	unsigned long crc, off;
	unsigned n = 0;

	while (p < end && n < MAX_PARTS) {
		name = p;
		nul = memchr(p, '\0', (size_t)(end - p));
		nlen = (size_t)((nul != NULL ? nul : end) - name);
		if (nul == NULL || nlen > 200)
			break;
		body = nul + 1;
		nul = memchr(body, '\0', (size_t)(end - body));
		blen = (size_t)((nul != NULL ? nul : end) - body);
		p = nul != NULL ? nul + 1 : end;
		crc = crc32(0L, body, (uInt)blen);
		off = (unsigned long)z->len;
		le32(z, 0x04034b50UL);
		le16(z, 10);
		le16(z, 0);
		le16(z, 0); /* stored */
		le16(z, 0);
		le16(z, 0);
		le32(z, crc);
		le32(z, blen);
		le32(z, blen);
		le16(z, (unsigned)nlen);
		le16(z, 0);
		buf_add(z, name, nlen);
		buf_add(z, body, blen);
		le32(&cd, 0x02014b50UL);
		le16(&cd, 20);
		le16(&cd, 10);
		le16(&cd, 0);
		le16(&cd, 0);
		le16(&cd, 0);
		le16(&cd, 0);
		le32(&cd, crc);
		le32(&cd, blen);
		le32(&cd, blen);
		le16(&cd, (unsigned)nlen);
		le16(&cd, 0);
		le16(&cd, 0);
		le16(&cd, 0);
		le16(&cd, 0);
		le32(&cd, 0);
		le32(&cd, off);
		buf_add(&cd, name, nlen);
		n++;
	}
	off = (unsigned long)z->len;
	if (cd.len > 0)
		buf_add(z, cd.data, cd.len);
	le32(z, 0x06054b50UL);
	le16(z, 0);
	le16(z, 0);
	le16(z, n);
	le16(z, n);
	le32(z, (unsigned long)cd.len);
	le32(z, off);
	le16(z, 0);
	buf_free(&cd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheet_book *b = NULL;
	struct buf z = BUF_INIT;
	char *cause = NULL;
	int rc;

	if (size >= 2 && data[0] == 'P' && data[1] == 'K')
		rc = sheet_book_parse("fuzz.xlsx", SHEET_XLSX, data, size, &b,
		    &cause);
	else {
		pack(data, size, &z);
		rc = sheet_book_parse("fuzz.xlsx", SHEET_XLSX, z.data, z.len,
		    &b, &cause);
	}
	if (rc == 0 ? b == NULL || cause != NULL : b != NULL || cause == NULL)
		abort();
	sheet_book_free(&b);
	free(cause);
	buf_free(&z);
	return 0;
}

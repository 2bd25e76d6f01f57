/*
 * fuzz_sheet_attach.c - libFuzzer harness for the XML and GeoJSON
 * attachment readers (ODK's <root><item>..</item></root> and a GeoJSON
 * FeatureCollection, each read as a table): any bytes, read as either,
 * must give a book of one sheet or an error message, never a crash, a
 * leak or a read outside the buffer.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "sheet/sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
one(enum sheet_format fmt, const uint8_t *data, size_t size)
{
	struct sheet_book *b = NULL;
	char *cause = NULL;

	if (sheet_book_parse("fuzz", fmt, data, size, &b, &cause) == 0) {
		if (b == NULL || cause != NULL || b->nsheets != 1 ||
		    b->sheets[0].nrows < 1)
			abort();
	} else if (b != NULL || cause == NULL)
		abort();
	sheet_book_free(&b);
	free(cause);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	one(SHEET_XML_TABLE, data, size);
	one(SHEET_GEOJSON_TABLE, data, size);
	return 0;
}

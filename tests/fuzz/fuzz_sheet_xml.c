/*
 * fuzz_sheet_xml.c - libFuzzer harness for the XML attachment reader
 * (ODK's <root><item>..</item></root> read as a table): any bytes must give
 * a book of one sheet or an error message, never a crash, a leak or a read
 * outside the buffer.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "sheet/sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheet_book *b = NULL;
	char *cause = NULL;

	if (sheet_book_parse("fuzz.xml", SHEET_XML_TABLE, data, size, &b,
	    &cause) == 0) {
		if (b == NULL || cause != NULL || b->nsheets != 1 ||
		    b->sheets[0].nrows < 1)
			abort();
	} else if (b != NULL || cause == NULL)
		abort();
	sheet_book_free(&b);
	free(cause);
	return 0;
}

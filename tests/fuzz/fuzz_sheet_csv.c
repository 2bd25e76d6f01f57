/*
 * fuzz_sheet_csv.c - libFuzzer harness for the .csv sheet reader: any bytes
 * must give a book or an error message, never a crash, a leak or a read
 * outside the buffer; read as a workbook and as a plain table (a form's
 * CSV attachment).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "sheet/sheet.h"
#include "sheet/sheet_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheet_book *b = NULL;
	char *cause = NULL;

	if (sheet_book_parse("fuzz.csv", SHEET_CSV, data, size, &b, &cause) ==
	    0) {
		if (b == NULL || cause != NULL)
			abort();
	} else if (b != NULL || cause == NULL)
		abort();
	sheet_book_free(&b);
	free(cause);
	cause = NULL;
	if (sheet_csv_table_parse("fuzz.csv", (const char *)data, size, &b,
	    &cause) == 0) {
		if (b == NULL || cause != NULL || b->nsheets != 1)
			abort();
	} else if (b != NULL || cause == NULL)
		abort();
	sheet_book_free(&b);
	free(cause);
	return 0;
}

/*
 * fuzz_sample.c - libFuzzer harness for the sample file: any bytes read
 * as a plain CSV table and then as a sample must give households or an
 * error message, never a crash, a leak or a read outside the buffer.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "sheet/sheet.h"
#include "survey/sample.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheet_book *b = NULL;
	struct survey_sample *s = NULL;
	char *cause = NULL;

	if (sheet_book_parse("fuzz.csv", SHEET_TABLE, data, size, &b,
	    &cause) != 0) {
		if (b != NULL || cause == NULL)
			abort();
		free(cause);
		return 0;
	}
	if (survey_sample_from_book(b, "fuzz.csv", &s, &cause) == 0) {
		if (s == NULL || cause != NULL)
			abort();
	} else if (s != NULL || cause == NULL)
		abort();
	survey_sample_free(&s);
	sheet_book_free(&b);
	free(cause);
	return 0;
}

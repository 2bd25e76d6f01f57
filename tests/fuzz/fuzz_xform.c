/*
 * fuzz_xform.c - libFuzzer harness for the XForm reader: any bytes give a
 * workbook or an error with a message, never a crash or undefined
 * behaviour; a workbook has a header row on every sheet, no NULL cell,
 * and goes on into form_load_book() (which accepts or refuses it, with a
 * message).
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "form/form.h"
#include "form/xform.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheet_book *b = NULL;
	form *f = NULL;
	char *err = NULL;
	int i, r, c;

	if (xform_book("fuzz.xml", data, size, &b, &err) != 0) {
		assert(err != NULL && *err != '\0');
		free(err);
		return 0;
	}
	for (i = 0; i < b->nsheets; i++) {
		assert(b->sheets[i].nrows >= 1);
		for (r = 0; r < b->sheets[i].nrows; r++)
			for (c = 0; c < b->sheets[i].rows[r].ncells; c++)
				assert(b->sheets[i].rows[r].cells[c] != NULL);
	}
	if (form_load_book(b, "fuzz.xml", &f, &err) == 0)
		form_free(&f);
	else {
		assert(err != NULL);
		free(err);
	}
	sheet_book_free(&b);
	return 0;
}

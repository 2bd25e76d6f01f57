/*
 * fuzz_values.c - libFuzzer harness for the instance reader
 * (store/values.h): any bytes parsed as instance XML, twice into the same
 * reader (as an export reuses it), must give leaves whose paths, values
 * and positions can all be read, or an error message; never a crash, a
 * leak or a read outside the buffer.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/values.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read every leaf and its positions at every depth of its path. */
static void
fuzz_walk(const store_values *v)
{
	size_t i, n = store_values_count(v);
	int d;

	for (i = 0; i < n; i++) {
		const char *p = store_values_path(v, i);
		int depth = 0;

		for (; *p != '\0'; p++)
			depth += *p == '/';
		if (strlen(store_values_value(v, i)) > (size_t)-1 / 2)
			abort();
		for (d = 0; d <= depth + 1; d++)
			if (store_values_position(v, i, d) == 0 && d <= depth)
				abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	store_values *v = NULL;
	char *cause = NULL;
	int pass;

	if (store_values_parse((const char *)data, size, &v, &cause) != 0) {
		if (v != NULL || cause == NULL)
			abort();
		free(cause);
		return 0;
	}
	for (pass = 0; pass < 2; pass++) {
		fuzz_walk(v);
		if (store_values_reparse(v, (const char *)data, size,
		    &cause) != 0)
			abort();
	}
	fuzz_walk(v);
	store_values_free(&v);
	return 0;
}

/*
 * fuzz_transfer.c - libFuzzer harness for the transfer file as an import
 * reads it: the envelope (transfer_open(), plain and sealed with a fixed
 * key) and the batch inside it (transfer_decode()).  Any bytes give a
 * batch or an error with a message, never a crash or undefined
 * behaviour; a decoded batch starts with H, ends with Z, holds no more
 * fields per item than its kind has, and every field lies inside the
 * data.  The raw input is also decoded as a batch, so the fuzzer reaches
 * the item reader without forging a checksum.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/transfer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_batch(const void *data, size_t size)
{
	struct transfer_batch b;
	const char *lo = data, *hi = lo + size;
	char *err = NULL;
	size_t i, k;

	if (transfer_decode(data, size, "fuzz", &b, &err) != 0) {
		assert(err != NULL && *err != '\0');
		free(err);
		return;
	}
	assert(b.n >= 2 && b.items[0].tag == 'H' &&
	    b.items[b.n - 1].tag == 'Z');
	for (i = 0; i < b.n; i++) {
		assert(b.items[i].nf <= TRANSFER_MAXFIELDS);
		for (k = 0; k < b.items[i].nf; k++) {
			const struct transfer_field *f = &b.items[i].f[k];

			if (f->p != NULL)
				assert(f->p >= lo && f->p + f->len <= hi);
		}
	}
	transfer_batch_clear(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned char key[TRANSFER_KEYBYTES] = { 1, 2, 3 };
	struct buf batch = BUF_INIT, sealed = BUF_INIT;
	char *err = NULL;
	bool s;
	int pass;

	check_batch(data, size);
	for (pass = 0; pass < 2; pass++) {
		if (transfer_open(data, size, pass ? key : NULL, "fuzz",
		    &batch, &s, &err) == 0)
			check_batch(batch.data != NULL ? batch.data : "",
			    batch.len);
		else {
			assert(err != NULL && *err != '\0');
			free(err);
			err = NULL;
		}
		buf_free(&batch);
	}
	/* What is sealed opens again, the same bytes. */
	if (size < 4096) {
		transfer_seal(data, size, key, &sealed);
		assert(transfer_open(sealed.data, sealed.len, key, "fuzz",
		    &batch, &s, &err) == 0 && s);
		assert(batch.len == size &&
		    (size == 0 || memcmp(batch.data, data, size) == 0));
		buf_free(&batch);
		buf_free(&sealed);
	}
	return 0;
}

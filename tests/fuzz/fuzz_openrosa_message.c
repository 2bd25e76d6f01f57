/*
 * fuzz_openrosa_message.c - libFuzzer harness for the server's reply as
 * kesu reads it (openrosa_message): any body, from a server or whatever
 * answers in its place, gives a message or NULL, never a crash or
 * undefined behaviour; the message is at most 300 bytes, holds no
 * control character (C0, DEL, or C1 written as UTF-8), is whole UTF-8
 * characters, and does not start or end with a space.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sync/openrosa.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *body = malloc(size + 1), *m;
	size_t n;

	if (body == NULL)
		return 0;
	memcpy(body, data, size);
	body[size] = '\0';
	m = openrosa_message(body);
	if (m != NULL) {
		n = strlen(m);
		assert(n > 0 && n <= 300);
		assert(m[0] != ' ' && m[n - 1] != ' ');
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)m[i];

			size_t k = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;

			assert(c >= 0x20 && c != 0x7f);
			assert(c < 0x80 || c >= 0xC2);
			assert(i + k <= n);
			for (size_t j = 1; j < k; j++)
				assert(((unsigned char)m[i + j] & 0xC0) == 0x80);
			if (c == 0xC2)
				assert((unsigned char)m[i + 1] > 0x9F);
			i += k - 1;
		}
		free(m);
	}
	free(body);
	return 0;
}

/*
 * transfer_seal.c - the envelope of a transfer file (transfer.h): plain
 * with a SHA-256 over the whole file, or sealed with libsodium's
 * secretstream under the transfer key.
 *
 * Either way the whole file is checked before one byte of the batch is
 * handed back, so a USB stick pulled out while copying, a damaged sector
 * or an edited byte refuses the file as a whole.  A sealed file also keeps
 * respondents' answers from whoever finds a lost stick, and a file sealed
 * with another key (or forged without one) does not open.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "store/transfer.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define SEAL_MAGIC "KESUXFER1"
#define SEAL_HEAD 10            /* magic and mode */
#define SEAL_CHUNK 65536        /* plaintext bytes per sealed chunk */

typedef crypto_secretstream_xchacha20poly1305_state seal_state;

static void
seal_init(void)
{
	if (sodium_init() < 0)
		xalloc_die();
}

static void
seal_put(struct buf *b, uint64_t v, int bytes)
{
	unsigned char c[8];
	int i;

	for (i = 0; i < bytes; i++)
		c[i] = (unsigned char)(v >> (8 * (bytes - 1 - i)));
	buf_add(b, c, (size_t)bytes);
}

static uint64_t
seal_get(const unsigned char *p, int bytes)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < bytes; i++)
		v = v << 8 | p[i];
	return v;
}

void
transfer_seal(const void *batch, size_t len, const unsigned char *key,
    struct buf *out)
{
	unsigned char hdr[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
	unsigned char sha[crypto_hash_sha256_BYTES];
	const unsigned char *p = batch;
	unsigned char *c;
	unsigned long long clen;
	size_t start = out->len, off = 0, n;
	seal_state st;
	unsigned char tag;

	seal_init();
	buf_add(out, SEAL_MAGIC, 9);
	buf_addch(out, key != NULL ? 'S' : 'P');
	if (key == NULL) {
		seal_put(out, len, 8);
		buf_add(out, batch, len);
		crypto_hash_sha256(sha, (const unsigned char *)out->data +
		    start, out->len - start);
		buf_add(out, sha, sizeof sha);
		return;
	}
	crypto_secretstream_xchacha20poly1305_init_push(&st, hdr, key);
	buf_add(out, hdr, sizeof hdr);
	c = xmalloc(SEAL_CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES);
	do {
		n = len - off < SEAL_CHUNK ? len - off : SEAL_CHUNK;
		tag = off + n == len ?
		    crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0;
		crypto_secretstream_xchacha20poly1305_push(&st, c, &clen,
		    p + off, n, (const unsigned char *)SEAL_MAGIC "S",
		    SEAL_HEAD, tag);
		seal_put(out, clen, 4);
		buf_add(out, c, (size_t)clen);
		off += n;
	} while (off < len);
	sodium_memzero(&st, sizeof st);
	free(c);
}

static int
seal_open_plain(const unsigned char *d, size_t len, const char *what,
    struct buf *batch, char **cause)
{
	unsigned char sha[crypto_hash_sha256_BYTES];
	uint64_t blen;

	if (len < SEAL_HEAD + 8 + sizeof sha)
		goto cut;
	blen = seal_get(d + SEAL_HEAD, 8);
	if (blen != len - SEAL_HEAD - 8 - sizeof sha)
		goto cut;
	crypto_hash_sha256(sha, d, len - sizeof sha);
	if (sodium_memcmp(sha, d + len - sizeof sha, sizeof sha) != 0)
		return kesu_fail(cause, KESU_EDATA,
		    _("%s: the file was altered or damaged (its checksum "
		    "does not match); nothing was imported"), what);
	buf_add(batch, d + SEAL_HEAD + 8, (size_t)blen);
	return 0;
cut:
	return kesu_fail(cause, KESU_EDATA, _("%s: the file is truncated or "
	    "damaged; nothing was imported"), what);
}

static int
seal_open_sealed(const unsigned char *d, size_t len,
    const unsigned char *key, const char *what, struct buf *batch,
    char **cause)
{
	const size_t hb = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
	const size_t ab = crypto_secretstream_xchacha20poly1305_ABYTES;
	unsigned char *m = NULL, tag = 0;
	unsigned long long mlen;
	size_t p = SEAL_HEAD + hb;
	uint64_t clen;
	seal_state st;
	int rc = 0;

	if (len < p || crypto_secretstream_xchacha20poly1305_init_pull(&st,
	    d + SEAL_HEAD, key) != 0)
		goto cut;
	m = xmalloc(SEAL_CHUNK);
	while (tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
		if (len - p < 4)
			goto cut;
		clen = seal_get(d + p, 4);
		p += 4;
		if (clen > len - p)
			goto cut;
		if (clen < ab || clen > SEAL_CHUNK + ab) {
			rc = kesu_fail(cause, KESU_EDATA, _("%s: the file is "
			    "damaged; nothing was imported"), what);
			goto out;
		}
		if (crypto_secretstream_xchacha20poly1305_pull(&st, m, &mlen,
		    &tag, d + p, (unsigned long long)clen, d, SEAL_HEAD) != 0) {
			rc = kesu_fail(cause, KESU_EDATA, _("%s: the file does "
			    "not open with the configured transfer key (another "
			    "key, or the file was altered); nothing was "
			    "imported"), what);
			goto out;
		}
		buf_add(batch, m, (size_t)mlen);
		p += (size_t)clen;
	}
	if (p != len)
		rc = kesu_fail(cause, KESU_EDATA, _("%s: data after the end of "
		    "the file; nothing was imported"), what);
	goto out;
cut:
	rc = kesu_fail(cause, KESU_EDATA, _("%s: the file is truncated or "
	    "damaged; nothing was imported"), what);
out:
	sodium_memzero(&st, sizeof st);
	if (m != NULL)
		sodium_memzero(m, SEAL_CHUNK);
	free(m);
	if (rc != 0 && batch->len > 0) {
		sodium_memzero(batch->data, batch->len);
		buf_reset(batch);
	}
	return rc;
}

int
transfer_open(const void *data, size_t len, const unsigned char *key,
    const char *what, struct buf *batch, bool *sealed, char **cause)
{
	const unsigned char *d = data;

	seal_init();
	*sealed = false;
	if (len < SEAL_HEAD || memcmp(d, SEAL_MAGIC, 8) != 0)
		return kesu_fail(cause, KESU_EDATA,
		    _("%s: not a kesu transfer file"), what);
	if (d[8] != '1')
		return kesu_fail(cause, KESU_EDATA,
		    _("%s: a transfer file of a newer kesu"), what);
	switch (d[9]) {
	case 'P':
		if (key != NULL)
			return kesu_fail(cause, KESU_EDATA, _("%s: the file is "
			    "not encrypted, but this laptop expects transfer "
			    "files sealed with its transfer key"), what);
		return seal_open_plain(d, len, what, batch, cause);
	case 'S':
		*sealed = true;
		if (key == NULL)
			return kesu_fail(cause, KESU_ECONFIG, _("%s: the file "
			    "is encrypted: set transfer_key or "
			    "transfer_key_file in kesu.conf"), what);
		return seal_open_sealed(d, len, key, what, batch, cause);
	default:
		return kesu_fail(cause, KESU_EDATA,
		    _("%s: not a kesu transfer file"), what);
	}
}

int
transfer_key_parse(const char *text, const char *what,
    unsigned char key[TRANSFER_KEYBYTES], char **cause)
{
	size_t n = 0, len;
	const char *end;

	seal_init();
	while (*text == ' ' || *text == '\t')
		text++;
	len = strlen(text);
	while (len > 0 && strchr(" \t\r\n", text[len - 1]) != NULL)
		len--;
	if (len == 2 * TRANSFER_KEYBYTES &&
	    sodium_hex2bin(key, TRANSFER_KEYBYTES, text, len, NULL, &n,
	    &end) == 0 && n == TRANSFER_KEYBYTES && end == text + len)
		return 0;
	if (sodium_base642bin(key, TRANSFER_KEYBYTES, text, len, NULL, &n,
	    &end, sodium_base64_VARIANT_ORIGINAL) == 0 &&
	    n == TRANSFER_KEYBYTES && end == text + len)
		return 0;
	sodium_memzero(key, TRANSFER_KEYBYTES);
	return kesu_fail(cause, KESU_ECONFIG, _("%s: the transfer key must be "
	    "32 bytes, as 64 hex digits or base64 (kesu transfer key makes "
	    "one)"), what);
}

char *
transfer_key_new(void)
{
	unsigned char key[TRANSFER_KEYBYTES];
	size_t n = sodium_base64_ENCODED_LEN(TRANSFER_KEYBYTES,
	    sodium_base64_VARIANT_ORIGINAL);
	char *s = xmalloc(n);

	seal_init();
	randombytes_buf(key, sizeof key);
	sodium_bin2base64(s, n, key, sizeof key,
	    sodium_base64_VARIANT_ORIGINAL);
	sodium_memzero(key, sizeof key);
	return s;
}

/*
 * transfer.h - records out by USB stick: one file carries an interviewer's
 * finished records (their instance XML byte-exact, summary fields,
 * paradata and audit rows, and the forms they were made with) to a
 * supervisor's laptop, where they are merged.
 *
 * The file is an envelope around a batch:
 *
 *	"KESUXFER" '1' MODE   ten bytes; MODE is 'P' (plain) or 'S' (sealed)
 *	P: u64 length, the batch, SHA-256 of everything before it
 *	S: libsodium secretstream (XChaCha20-Poly1305) header, then chunks,
 *	   each a u32 length and its ciphertext, the ten bytes as additional
 *	   data, the last one tagged FINAL
 *
 * so a truncated or altered file is refused as a whole before anything
 * is read from it; sealed, it is also unreadable and unforgeable without
 * the transfer key.  Numbers are big-endian.
 *
 * The batch is a list of items: a tag byte, a u32 length and that many
 * bytes of fields, each a u32 length (0xffffffff: SQL NULL) and bytes.
 * Numbers are decimal text (doubles with 17 digits, so they come back
 * exactly).  Items, in this order:
 *	H  format "1", exported at, by, record count
 *	F  sha256, form_id, version, filename, added, source, dict
 *	f  sha256, pos, name, kind, indexed           (that form's fields)
 *	M  sha256, name, data                  (that form's attachments)
 *	R  uuid, form sha256, status, interviewer, started, tz, ended,
 *	   duration, question, lang, sessions, updated, XML, summary
 *	V  uuid, name, value                          (record_fields)
 *	E  uuid, seq, session, kind, field, old, new, wall, mono
 *	A  uuid, at, tz, who, action, detail
 *	Z  record count
 * A form comes before the records made with it, a record before its V, E
 * and A items.  transfer_decode() checks all of that, so the merge meets
 * only well-formed batches.
 */
#ifndef KESU_STORE_TRANSFER_H
#define KESU_STORE_TRANSFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"

#define TRANSFER_KEYBYTES 32

/* ---- the envelope (transfer_seal.c) ---------------------------------- */

/*
 * Wrap batch into a transfer file, appended to out: sealed with key (32
 * bytes) or, when key is NULL, plain with its SHA-256.
 */
void transfer_seal(const void *batch, size_t len, const unsigned char *key,
    struct buf *out);

/*
 * Check and unwrap file data into *batch (the caller's buffer).  key may
 * be NULL.  KESU_EDATA, naming what (the file's name), when the file is
 * not a transfer file, is truncated or altered, does not open with key,
 * or is plain while a key is configured; KESU_ECONFIG when it is sealed
 * and no key is configured.  *sealed says which it was.
 */
int transfer_open(const void *data, size_t len, const unsigned char *key,
    const char *what, struct buf *batch, bool *sealed, char **cause)
    KESU_WUR;

/*
 * Read a key from text: 64 hex digits or the base64 of 32 bytes
 * (surrounding blanks ignored).  KESU_ECONFIG naming what otherwise.
 */
int transfer_key_parse(const char *text, const char *what,
    unsigned char key[TRANSFER_KEYBYTES], char **cause) KESU_WUR;

/* A new random key as base64 text; the caller frees. */
char *transfer_key_new(void);

/* ---- the batch (transfer_codec.c) -------------------------------------- */

/* One field: bytes and length, or NULL for SQL NULL.  Fields point into
 * the decoded batch's bytes. */
struct transfer_field {
	const char *p;
	size_t len;
};

#define TRANSFER_MAXFIELDS 14

struct transfer_item {
	char tag;
	size_t nf;
	struct transfer_field f[TRANSFER_MAXFIELDS];
};

struct transfer_batch {
	struct transfer_item *items;
	size_t n;
	size_t records;         /* R items */
	size_t forms;           /* F items */
};

/*
 * Parse and check batch data (len bytes, which must outlive *out): item
 * order, field counts, numbers, UUIDs, statuses, and that every item
 * names a form or record given before it; no UUID twice.  KESU_EDATA
 * naming what otherwise.  *out is cleared with transfer_batch_clear().
 */
int transfer_decode(const void *data, size_t len, const char *what,
    struct transfer_batch *out, char **cause) KESU_WUR;
void transfer_batch_clear(struct transfer_batch *b);

/* Writers of items: begin one, add fields, end it. */
void transfer_item_begin(struct buf *b, char tag, size_t *mark);
void transfer_item_field(struct buf *b, const void *p, size_t len);
void transfer_item_null(struct buf *b);
void transfer_item_str(struct buf *b, const char *s); /* NULL: SQL NULL */
void transfer_item_double(struct buf *b, double v);
void transfer_item_int(struct buf *b, int64_t v);
void transfer_item_end(struct buf *b, size_t mark);

/* ---- the store (transfer.c) ------------------------------------------ */

/*
 * Write into *batch the finished records due for upload (completed or
 * approved) of interviewer (NULL: everyone's), leaving out those already
 * handed over unless again, with their forms, summary fields, paradata
 * and audit rows; by and now go into the H item.  *keys (the caller's,
 * free()) are the records written, *n how many.  One read snapshot.
 */
int store_transfer_collect(store *s, const char *interviewer, bool again,
    const char *by, struct buf *batch, int64_t **keys, size_t *n,
    char **cause) KESU_WUR;

/*
 * Mark records keys[0..n) handed over by who, in file (its name, for the
 * audit rows), in one transaction: they are kept, and a later export
 * leaves them out.
 */
int store_transfer_handed_over(store *s, const int64_t *keys, size_t n,
    const char *who, const char *file, char **cause) KESU_WUR;

/* What a merge did. */
struct store_transfer_result {
	size_t imported;        /* new records */
	size_t present;         /* the same XML was already here */
	size_t conflicts;       /* another XML under an ID here: flagged */
	size_t forms;           /* forms added */
};

/*
 * Merge batch b into the store in one transaction, by who: a record new
 * here is added with its rows (audited "transfer-import"); one here with
 * the same XML is left as it is; one here with other XML is never
 * overwritten: the file's copy is kept aside in transfer_conflicts and the
 * record audited "transfer-conflict" for a person (once per distinct
 * XML).  Either all of it is committed or, on any error, nothing.
 */
int store_transfer_merge(store *s, const struct transfer_batch *b,
    const char *who, const char *file, struct store_transfer_result *out,
    char **cause) KESU_WUR;

/* Is record key handed over?  *at is when (0 when not). */
int store_transfer_handover(store *s, int64_t key, double *at,
    char **cause) KESU_WUR;

#endif

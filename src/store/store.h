/*
 * store.h - kesu's durable local store: one SQLite file per laptop.
 *
 * The file holds forms (their source bytes, hash and compression
 * dictionary), drafts (every confirmed answer, committed at once),
 * records (the finalized instance XML, byte-exact and zlib-compressed with
 * the form's dictionary, plus the fields lists and reports need as plain
 * indexed rows), paradata events, users and an audit log.
 *
 * Durability: WAL with synchronous=FULL, so a transaction that returned
 * survives a killed process and a power cut; every write is one
 * transaction begun IMMEDIATE, so a concurrent writer waits (busy timeout)
 * instead of failing, and a failure leaves nothing half-written.
 *
 * Errors follow util/err.h, one line naming the database file:
 *	KESU_EIO        disk full, read-only file or folder, I/O error,
 *	                a damaged kesu database
 *	KESU_ETEMPFAIL  locked by another process past the busy timeout
 *	KESU_EDATA      not a kesu database (another SQLite file or not
 *	                SQLite at all), or written by a newer kesu
 *	KESU_ECANTCREAT the folder or the file cannot be created
 *	KESU_ENOINPUT   a record, user or form that is not there
 *
 * Times are seconds since the epoch (double) with the offset east of UTC
 * they were taken in, as util/clock.h gives them.
 */
#ifndef KESU_STORE_H
#define KESU_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "form/form.h"
#include "util/err.h"

typedef struct store store;
typedef struct store_draft store_draft;

/* The schema this kesu writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 15

/* store_open() flags. */
#define STORE_READONLY 0x1 /* open the file read-only; never create it */
#define STORE_EXISTING 0x2 /* open read-write, but never create it */

/*
 * Open the database at path, creating it (folders 0700, file 0600) and
 * migrating an older schema forward.  With STORE_READONLY or
 * STORE_EXISTING a missing file is KESU_ENOINPUT and nothing is created
 * (commands that only read a mistyped path must not leave a database
 * there).  A path that is not a regular file (a folder, /dev/null, a
 * FIFO) is KESU_ENOINPUT before SQLite sees it; one this user may not
 * read is KESU_ENOPERM ("permission denied").  With STORE_EXISTING, a file
 * on read-only media (or that this user may not write) is opened
 * read-only, and when the WAL's -shm cannot be made (read-only media, a
 * full disk) as immutable: reading works, a change says "read-only".
 * *out is the caller's, closed with store_close().
 */
int store_open(const char *path, int flags, store **out, char **cause)
    KESU_WUR;
void store_close(store **s);
const char *store_path(const store *s);
/* How long a write waits for another process's lock (default 5000 ms). */
void store_set_busy_timeout(store *s, int ms);

/*
 * Batches: between store_batch_begin() and store_batch_end() every write
 * joins one transaction, committed (or, with ok false, rolled back) at the
 * end.  For bulk loads; interviews never batch.
 */
int store_batch_begin(store *s, char **cause) KESU_WUR;
int store_batch_end(store *s, bool ok, char **cause) KESU_WUR;

/*
 * Snapshots: between store_snapshot_begin() and store_snapshot_end()
 * every read sees the database as it stood at the start (one read
 * transaction; other processes go on writing, as WAL allows).  For
 * exports that read the records more than once.  No writes in between.
 */
int store_snapshot_begin(store *s, char **cause) KESU_WUR;
void store_snapshot_end(store *s);

/* ---- forms ---------------------------------------------------------- */

/*
 * Keep form f, whose source file is at path, so that its records stay
 * readable when the file changes or disappears: the file's bytes, its
 * sha256, form_id, version, the compression dictionary and the kinds of
 * its fields.  The same bytes are stored once; *key identifies them.
 */
int store_form_add(store *s, const form *f, const char *path, int64_t *key,
    char **cause) KESU_WUR;

/* The same for a form whose source is data (len bytes) named name (a
 * file name, whose extension says how to read it again). */
int store_form_add_bytes(store *s, const form *f, const char *name,
    const void *data, size_t len, int64_t *key, char **cause) KESU_WUR;

/* The newest stored version of form_id (the last added);
 * KESU_ENOINPUT when there is none. */
int store_form_newest(store *s, const char *form_id, int64_t *key,
    char **cause) KESU_WUR;

/* The newest stored form with form_id and version (0 when none). */
int store_form_lookup(store *s, const char *form_id, const char *version,
    int64_t *key, char **cause) KESU_WUR;

/*
 * Media files (attachments) of form key, kept beside it (form_media.c):
 * put one (replacing one of the same name), or read one back (*data the
 * caller's; KESU_ENOINPUT when absent).  names: every file name, in name
 * order (the caller's, each and the array).
 */
int store_form_media_put(store *s, int64_t key, const char *name,
    const void *data, size_t len, char **cause) KESU_WUR;
int store_form_media_get(store *s, int64_t key, const char *name,
    void **data, size_t *len, char **cause) KESU_WUR;
int store_form_media_names(store *s, int64_t key, char ***names, size_t *n,
    char **cause) KESU_WUR;
/* The media of stored form key as the source its attachments load from
 * (form_load_media()); m holds the place and must outlive the load. */
struct store_media {
	store *s;
	int64_t key;
};
void store_form_media_source(struct store_media *m, store *s, int64_t key,
    struct form_media *out);

/* The stored source of form key: its file name (as given when added) and
 * bytes.  Both are the caller's. */
int store_form_source(store *s, int64_t key, char **name, void **data,
    size_t *len, char **cause) KESU_WUR;

/* A stored form, with how many records (drafts included) it holds. */
struct store_form {
	int64_t key;
	char *form_id;
	char *version;   /* "" when the form has none */
	double added;
	int64_t records;
};

/* Every stored form, oldest first (the order they were added);
 * *forms is the caller's (store_forms_free()). */
int store_form_list(store *s, struct store_form **forms, size_t *n,
    char **cause) KESU_WUR;
void store_forms_free(struct store_form *forms, size_t n);

/* ---- drafts (interviews in progress) -------------------------------- */

struct store_value {
	const char *name;
	const char *value;
};

/* Paradata: what an interviewer did, besides answering (answers are
 * logged by store_draft_confirm() with their old and new values). */
enum store_event {
	STORE_EV_SHOW,      /* a question was shown */
	STORE_EV_NEXT,      /* forward to the next question */
	STORE_EV_PREV,      /* back to the previous question */
	STORE_EV_JUMP,      /* jumped from the question list */
	STORE_EV_LANG,      /* form language switched (value: new code) */
	STORE_EV_SAVE,      /* saved and left */
	STORE_EV_RESUME,    /* draft resumed */
	STORE_EV_FINALIZE,  /* finalized */
};

/*
 * Start a draft of form key.  instance_id is "uuid:..." (or a bare UUID);
 * interviewer is a user name ("" for none).  The draft row is committed
 * before this returns.  *out is the caller's (store_draft_free()); it must
 * not outlive s.
 */
int store_draft_new(store *s, int64_t form_key, const char *instance_id,
    const char *interviewer, double started, int tz_offset,
    store_draft **out, char **cause) KESU_WUR;

/*
 * Reopen draft id (a UUID, "uuid:UUID" or a unique prefix) as it was last
 * committed: its answers, question and language.  KESU_ENOINPUT when there
 * is no such draft, KESU_EUSAGE when the prefix is ambiguous.
 */
int store_draft_resume(store *s, const char *id, store_draft **out,
    char **cause) KESU_WUR;

/* The draft of record key as it stands, for reading (review): neither a
 * session nor an event is added. */
int store_draft_peek(store *s, int64_t key, store_draft **out, char **cause)
    KESU_WUR;

const char *store_draft_instance_id(const store_draft *d); /* "uuid:..." */
/* "uuid:..." of the server's copy this draft replaces (a record reopened
 * after the server took it), or "". */
const char *store_draft_deprecated_id(const store_draft *d);
int64_t store_draft_form(const store_draft *d);
const char *store_draft_interviewer(const store_draft *d);
double store_draft_started(const store_draft *d);
int store_draft_tz(const store_draft *d);
/* Where it stopped: a field name, STORE_END_SCREEN, or "" when no question
 * was committed yet. */
#define STORE_END_SCREEN "#end"
const char *store_draft_question(const store_draft *d);
/* The form language code it was in, or "". */
const char *store_draft_lang(const store_draft *d);
/*
 * What was typed on question field and not valid when the interviewer
 * left (F10, a signal, a lost terminal), or NULL: the screen shows it
 * again, with its message, on resume.  *field may be NULL.
 */
const char *store_draft_pending(const store_draft *d, const char **field);
/* Set (text NULL: clear) the pending input; written with the next commit
 * and kept until changed. */
void store_draft_hold(store_draft *d, const char *field, const char *text);
/* The saved answers (every non-empty one), in no particular order. */
const struct store_value *store_draft_values(const store_draft *d,
    size_t *n);

/*
 * Commit one confirmed answer: the changed values (an empty value deletes
 * the answer), the question now shown and the language, with an answer
 * event (old -> new) per change and every event recorded since the last
 * commit, in one durable transaction.  When it returns 0 the answer
 * survives a crash; otherwise nothing of it was kept.
 */
int store_draft_confirm(store_draft *d, const struct store_value *changes,
    size_t n, const char *question, const char *lang, char **cause)
    KESU_WUR;

/* Record an event (in memory until the next commit; value may be NULL).
 * Its wall-clock and monotonic times are taken now. */
void store_draft_event(store_draft *d, enum store_event ev,
    const char *field, const char *value);

/* Commit the position, the language and the pending events (save and
 * leave). */
int store_draft_save(store_draft *d, const char *question, const char *lang,
    char **cause) KESU_WUR;

/*
 * Finalize: keep xml (the instance, byte-exact) compressed, the summary
 * fields as plain rows, the end time and the interview's duration, mark
 * the record completed (audited as done by who) and drop the draft's
 * answers, in one transaction.  summary holds the form's fields that
 * have a value (groups and notes have none).
 */
int store_draft_finalize(store_draft *d, const char *xml,
    const struct store_value *summary, size_t n, double ended,
    const char *who, char **cause) KESU_WUR;

void store_draft_free(store_draft **d);

/* ---- records --------------------------------------------------------- */

struct store_record {
	int64_t key;
	char uuid[37];          /* bare UUID */
	const char *status;     /* draft, completed, approved, rejected,
				   uploaded */
	char *interviewer;
	char *form_id;
	char *version;          /* "" when the form has none */
	double started;
	int tz;
	double ended;           /* 0 for a draft */
	double duration;        /* seconds of interviewing, 0 when unknown */
	int64_t form_key;
};

void store_record_clear(struct store_record *r);

/*
 * Find record id: a UUID, "uuid:UUID" or a unique prefix of one.
 * KESU_ENOINPUT when none matches; KESU_EUSAGE when several do, with the
 * candidates (up to 10) in *cause.
 */
int store_record_find(store *s, const char *id, struct store_record *out,
    char **cause) KESU_WUR;
/*
 * The same among owner's records only (owner NULL: all).  For an
 * interviewer: another's record answers exactly as an unknown ID does,
 * and others' IDs are never candidates of an ambiguous prefix.
 */
int store_record_find_as(store *s, const char *id, const char *owner,
    struct store_record *out, char **cause) KESU_WUR;

/* The finalized instance XML of a record, inflated and checked against its
 * stored length and CRC-32 (KESU_EIO when it does not match).  *xml is
 * the caller's, NUL-terminated. */
int store_record_xml(store *s, int64_t key, char **xml, size_t *len,
    char **cause) KESU_WUR;

/* Bytes the record's compressed XML takes, and the XML's own length. */
int store_record_sizes(store *s, int64_t key, size_t *packed, size_t *plain,
    char **cause) KESU_WUR;

/* The label of status (draft, completed, approved, rejected, uploaded)
 * in the UI language, as lists, reviews and messages show it; status
 * itself when it is none of these.  Codes stay in CSV and JSON. */
const char *store_status_label(const char *status);

/*
 * Change a record's status (completed -> approved | rejected, rejected ->
 * draft (reopened), completed | approved -> uploaded), audited with who
 * and comment (may be NULL).  KESU_EDATA when the change is not allowed
 * from the record's present status.
 */
int store_record_set_status(store *s, int64_t key, const char *status,
    const char *who, const char *comment, char **cause) KESU_WUR;

/*
 * Reopen rejected record key as a draft of its interviewer who (any other
 * user: KESU_ENOPERM; any other status: KESU_EDATA), with answers (n
 * name/value pairs, read back from its XML) as the draft's, audited
 * "rejected -> draft" by who, in one transaction.  The instance ID stays,
 * unless the server holds the record (it was rejected while its upload
 * was in flight): then the draft gets a new instance ID and replaces the
 * server's copy as an edit (<deprecatedID>).  *uuid (may be NULL) gets
 * the record's UUID after the reopen; caller frees.
 */
int store_record_reopen(store *s, int64_t key, const char *who,
    const struct store_value *answers, size_t n, char **uuid,
    char **cause) KESU_WUR;

/*
 * Listing.  The summary columns are the calculate fields of every stored
 * form, in form order, the first form first.  store_list_next() fills row
 * (cleared first; the caller clears the last one with
 * store_record_clear()) and values (one per column, "" when the record
 * has none; owned by the iterator until the next call), or sets *end.
 * Records come oldest first.
 */
typedef struct store_list store_list;
int store_list_open(store *s, const char *status, store_list **out,
    char **cause) KESU_WUR;
size_t store_list_ncolumns(const store_list *l);
const char *store_list_column(const store_list *l, size_t i);
int store_list_next(store_list *l, struct store_record *row,
    const char *const **values, bool *end, char **cause) KESU_WUR;
void store_list_close(store_list **l);

/*
 * Field values for reports: every finalized record whose status is one of
 * statuses (NULL or none: completed, approved and uploaded) and, when
 * interviewer is not NULL, whose interviewer that is, and, when form_id
 * is not NULL, that was made with a version of that form, in key order
 * (oldest first), with the values of the fields names[0..nnames) from its
 * summary rows (record_fields: the fields of any type that have a value
 * and that no calculation reads).
 * The values are read by name over the (name, value) index, after the
 * records' keys: nothing per record.  store_fields_column() gives name
 * k's value in each of the store_fields_count() records, in key order
 * ("" when the record has no such value).  Equal values share one
 * string; all stay valid until store_fields_close().  KESU_EUSAGE for an
 * unknown status.
 */
typedef struct store_fields store_fields;
int store_fields_open(store *s, const char *const *statuses, size_t nstatus,
    const char *interviewer, const char *form_id, const char *const *names,
    size_t nnames, store_fields **out, char **cause) KESU_WUR;
/* How many records the pass yields. */
size_t store_fields_count(const store_fields *it);
const char *const *store_fields_column(const store_fields *it, size_t k);
void store_fields_close(store_fields **it);
/*
 * The names of the fields of every stored form version, each once, in
 * name order; kept[i] says whether field i is kept among the summary
 * fields above (in some version).  The arrays and strings are the
 * caller's (store_field_names_free()).
 */
int store_field_names(store *s, char ***names, bool **kept, size_t *n,
    char **cause) KESU_WUR;
void store_field_names_free(char **names, bool *kept, size_t n);
/* ---- the home screen's lists (home.c) --------------------------------- */

struct store_home_draft {
	int64_t key;      /* the record's (store_draft_peek()) */
	char uuid[37];
	char *interviewer;
	char *question;   /* field name, STORE_END_SCREEN or "" */
	double updated;   /* last commit */
	int tz;
};

struct store_home_rejected {
	char uuid[37];
	char *interviewer;
	char *who;        /* the supervisor who rejected it */
	char *comment;    /* "" when none was given */
	double when;
	int tz;
};

struct store_home {
	struct store_home_draft *drafts;      /* newest first */
	size_t ndrafts;
	struct store_home_rejected *rejected; /* newest first */
	size_t nrejected;
	int waiting;      /* completed or approved, not yet uploaded */
	bool synced;      /* an upload was ever attempted: */
	double sync_at;   /* the last attempt, */
	int sync_tz;
	long sync_http;   /* its HTTP code (0: no answer) */
	char *sync_message;
};

/*
 * What the home screen lists: the drafts and rejected records of
 * interviewer (NULL: everyone's, for a supervisor), with the rejecting
 * supervisor's comment from the audit log; the records waiting for upload
 * and the last sync attempt (the laptop's, whoever made them).  out is
 * cleared with store_home_clear().
 */
int store_home_get(store *s, const char *interviewer, struct store_home *out,
    char **cause) KESU_WUR;
void store_home_clear(struct store_home *h);
/* Only the upload part of a store_home (waiting and sync_*), for the
 * review screen; out is cleared with store_home_clear(). */
int store_home_status(store *s, struct store_home *out, char **cause)
    KESU_WUR;

/* ---- paradata ------------------------------------------------------- */

struct store_question_time {
	char *field;
	double seconds;  /* time the question was on screen */
	int visits;      /* times shown */
	int changes;     /* answers changed after a first one */
};

struct store_paradata {
	int events;
	int sessions;     /* 1 + resumes */
	int back;         /* back navigations */
	int jumps;
	int lang_switches;
	int changes;      /* answers changed (old value not empty) */
	double seconds;   /* interviewing time over all sessions */
	size_t nquestions;
	struct store_question_time *questions; /* in order first shown */
};

int store_paradata(store *s, int64_t key, struct store_paradata *out,
    char **cause) KESU_WUR;
void store_paradata_clear(struct store_paradata *p);

/* ---- users ------------------------------------------------------------ */

enum store_role { STORE_INTERVIEWER, STORE_SUPERVISOR };

struct store_user {
	char *name;
	enum store_role role;
	bool disabled;
	char *pin_hash;   /* yescrypt */
	double created;
	int failed_pins;     /* PINs refused in a row */
	double next_try;     /* no PIN is checked before this (0: any time) */
	double locked_until; /* locked before this (0: never locked) */
};

const char *store_role_name(enum store_role r);
/* "interviewer" / "supervisor" -> role; -1 otherwise. */
int store_role_parse(const char *name);

/* How many users exist (disabled ones included). */
int store_user_count(store *s, int *n, char **cause) KESU_WUR;

/*
 * Add a user with a PIN (hashed here).  actor is the supervisor doing it,
 * or NULL for the first supervisor of an empty database: then the add
 * fails with KESU_ENOPERM when any user exists (checked in the same
 * transaction).  KESU_EDATA when the name is taken (in any ASCII case)
 * or invalid.
 */
int store_user_add(store *s, const char *name, enum store_role role,
    const char *pin, const char *actor, char **cause) KESU_WUR;
/* KESU_ENOINPUT when there is no such user.  name is compared without
 * ASCII case; out->name is the name as stored.  out is cleared with
 * store_user_clear(). */
int store_user_get(store *s, const char *name, struct store_user *out,
    char **cause) KESU_WUR;
void store_user_clear(struct store_user *u);
int store_user_passwd(store *s, const char *name, const char *pin,
    const char *actor, char **cause) KESU_WUR;
/* KESU_EDATA when name is the last active supervisor. */
int store_user_disable(store *s, const char *name, const char *actor,
    char **cause) KESU_WUR;
/*
 * PIN throttling (login.c).  After STORE_PIN_SLOW refused PINs in a row
 * each further refusal makes the next try wait, doubling from 1 s up to
 * STORE_PIN_WAIT_MAX s; the STORE_PIN_LOCK-th refusal in a row (and each
 * one after it) locks the user for STORE_PIN_LOCK_S seconds.  A try
 * before the wait or the lock ends is refused without checking the PIN.
 * An accepted PIN resets the count; so does store_user_unlock().
 */
#define STORE_PIN_SLOW 5
#define STORE_PIN_LOCK 10
#define STORE_PIN_WAIT_MAX 30
#define STORE_PIN_LOCK_S (15 * 60)

/*
 * The one check of a PIN, for the command line and the screen alike:
 * 0 and *role when name may log in with pin; KESU_ENOPERM with a message
 * a person reads (unknown or disabled user or wrong PIN, how long to
 * wait, or until when the user is locked) otherwise.  Every refusal is
 * audited ("login-refused"), and a lock too ("user-locked").
 */
int store_user_login(store *s, const char *name, const char *pin,
    enum store_role *role, char **stored, char **cause) KESU_WUR;
/* Clear a user's refusals, wait and lock (audited "user-unlock" by
 * actor).  KESU_ENOINPUT when there is no such user. */
int store_user_unlock(store *s, const char *name, const char *actor,
    char **cause) KESU_WUR;
/* Is u locked at time now? */
bool store_user_locked(const struct store_user *u, double now);

/* Every user, by name; *users is the caller's (store_users_free()). */
int store_user_list(store *s, struct store_user **users, size_t *n,
    char **cause) KESU_WUR;
void store_users_free(struct store_user *users, size_t n);

/* ---- audit ------------------------------------------------------------ */

/*
 * Log an action (e.g. "sync", "login-failed") by who, about record key
 * (0 for none), with a detail (may be NULL), in its own transaction.
 */
int store_audit(store *s, const char *who, const char *action, int64_t key,
    const char *detail, char **cause) KESU_WUR;

struct store_audit_row {
	double when;
	int tz;
	char *who;
	char *action;
	char *detail;
};

/* The audit rows of record key (0: those about no record), oldest first;
 * *rows is the caller's (store_audit_free()). */
int store_audit_list(store *s, int64_t key, struct store_audit_row **rows,
    size_t *n, char **cause) KESU_WUR;
void store_audit_free(struct store_audit_row *rows, size_t n);

/* ---- sync log ---------------------------------------------------------- */

/* Log one upload attempt of record key: the HTTP code (0 when the
 * transfer failed) and the server's message (or the transport error), in
 * its own transaction. */
int store_sync_log(store *s, int64_t key, long http, const char *message,
    char **cause) KESU_WUR;

/*
 * A record's sync state.  flagged: it waits for a person (409, another
 * 4xx) and no sync sends it until store_sync_unflag().  Otherwise, after
 * tries retry-later outcomes in a row (5xx, timeouts, resets), it is not
 * due before next_try.  http and message are the last answer's.  A record
 * never tried has the zero state.
 */
struct store_sync_state {
	int tries;
	double next_try;      /* clock seconds; 0: due now */
	bool flagged;
	long http;            /* 0: the transfer failed */
	char *message;        /* "" when none; store_sync_state_clear() */
};

int store_sync_state_get(store *s, int64_t key, struct store_sync_state *out,
    char **cause) KESU_WUR;
void store_sync_state_clear(struct store_sync_state *st);

/*
 * The server acknowledged (201/202) record key's instance uuid (bare), in
 * one transaction: logged, the record is on the server as uuid whatever
 * happened to it meanwhile, and it becomes uploaded (audited "status" by
 * "sync") when it is still that instance, completed or approved.  One
 * rejected or reopened while its upload was in flight keeps its status
 * (audited "sync-on-server"); its next upload replaces the server's copy
 * (store_record_reopen()).  *uploaded (may be NULL) says which.
 */
int store_sync_uploaded(store *s, int64_t key, const char *uuid, long http,
    const char *message, bool *uploaded, char **cause) KESU_WUR;

/*
 * One attempt's outcome, logged (as store_sync_log) and kept as the
 * record's state, in one transaction: flag it (flagged; also audited as
 * "sync-flagged" with "HTTP code: message"), or retry it after next_try
 * as try number tries (audited as "sync-retry").
 */
int store_sync_outcome(store *s, int64_t key, long http, const char *message,
    bool flagged, int tries, double next_try, char **cause) KESU_WUR;

/*
 * A person clears the flag (or the backoff) of record key: it is due at
 * the next sync; audited as "sync-cleared" by who.  KESU_EDATA when the
 * record is neither flagged nor waiting.
 */
int store_sync_unflag(store *s, int64_t key, const char *who,
    char **cause) KESU_WUR;
/* The same for every completed or approved record that is flagged or
 * waiting, in one transaction; *n is how many. */
int store_sync_unflag_all(store *s, const char *who, size_t *n,
    char **cause) KESU_WUR;

/*
 * The records a sync would consider at time now: completed and approved
 * ones (only approved when approved_only), oldest first.  keys: the due
 * ones; waiting: those in backoff (the earliest due at next_try); flagged:
 * those waiting for a person.  Records handed over by file (kesu transfer
 * export) are the supervisor's to upload: never due here, only counted in
 * handed.  *keys is the caller's (free()).
 */
struct store_sync_due {
	int64_t *keys;
	size_t n;
	size_t waiting, flagged, handed;
	double next_try;      /* 0 when nothing waits */
};
int store_sync_due(store *s, bool approved_only, double now,
    struct store_sync_due *out, char **cause) KESU_WUR;

/*
 * For the home and review screens: what waits for upload and the last
 * sync result.  due + waiting + flagged are the records waiting for upload
 * (as store_sync_due() counts them at now); uploaded the records done.
 * last_*: the newest sync log row (has_last false when there is none);
 * last_message is the caller's (store_sync_pending_clear()).
 */
struct store_sync_pending {
	size_t due, waiting, flagged, uploaded, handed;
	double next_try;
	bool has_last;
	double last_at;
	int last_tz;
	long last_http;
	char last_uuid[37];
	char *last_message;
};
int store_sync_pending(store *s, bool approved_only, double now,
    struct store_sync_pending *out, char **cause) KESU_WUR;
void store_sync_pending_clear(struct store_sync_pending *p);

#endif

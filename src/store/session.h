/*
 * session.h - one engine's interview kept in a draft: the glue the
 * interview screen, `kesu form run --save` and the crash test share.
 *
 * After every confirmed answer the caller calls store_session_confirm():
 * it compares the engine's values with what the draft holds and commits
 * every difference (the answer itself, and answers the engine cleared or
 * set as a consequence), with the question now shown and the language, in
 * one durable transaction.  Resuming rebuilds an engine from the draft:
 * the same instance ID, start time, answers, question and language.
 */
#ifndef KESU_STORE_SESSION_H
#define KESU_STORE_SESSION_H

#include "engine/engine.h"
#include "store/store.h"

typedef struct store_session store_session;

/*
 * Start a draft of form_key for engine e (which the caller keeps and must
 * outlive the session).  started/tz_offset are the engine's start time.
 */
int store_session_start(store *s, int64_t form_key, engine *e,
    const char *interviewer, double started, int tz_offset,
    store_session **out, char **cause) KESU_WUR;

/*
 * Resume draft id of form f: *e is a new engine (the caller's) with the
 * draft's answers restored, on the question and in the language where it
 * stopped.  o supplies deviceid and lang defaults; its instance_id, now,
 * tz_offset and username are taken from the draft.
 */
int store_session_resume(store *s, const char *id, const form *f,
    const struct engine_opts *o, engine **e, store_session **out,
    char **cause) KESU_WUR;

/* Commit what changed since the last commit (see above).  0: durable. */
int store_session_confirm(store_session *ss, char **cause) KESU_WUR;

/* Paradata that rides with the next commit. */
void store_session_event(store_session *ss, enum store_event ev,
    const char *field, const char *value);

/* Save and leave: position, language and pending events. */
int store_session_save(store_session *ss, char **cause) KESU_WUR;

/*
 * engine_finalize() and keep the record (completed, by who; NULL: the
 * interviewer).  *xml, when xml is not NULL, receives the instance (the
 * caller's).  On KESU_EDATA from the engine nothing is stored.
 */
int store_session_finalize(store_session *ss, const char *who, char **xml,
    char **cause) KESU_WUR;

/*
 * Keep an interview that was run to the end without a draft (paper data
 * entry, `kesu form run --save`): a completed record of form_key with xml
 * (from engine_finalize()) and e's summary fields, by who, timed now, in
 * one transaction.
 */
int store_session_keep(store *s, int64_t form_key, const engine *e,
    const char *xml, const char *who, char **cause) KESU_WUR;

store_draft *store_session_draft(store_session *ss);
void store_session_free(store_session **ss);

#endif

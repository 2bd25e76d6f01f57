/*
 * openrosa.h - an OpenRosa submission client (ODK Central, KoboToolbox):
 * one libcurl handle reused for every request (keep-alive), TLS
 * verification always on, HTTPS only except loopback addresses.
 */
#ifndef KESU_OPENROSA_H
#define KESU_OPENROSA_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

typedef struct openrosa openrosa;

struct openrosa_opts {
	const char *url;      /* base: .../v1/projects/ID or .../v1/key/T/... */
	const char *user;     /* Basic credentials, or NULL */
	const char *password;
	const char *ca_file;  /* NULL: the system CA store */
};

/* KESU_ECONFIG for a URL that is neither https:// nor http:// to a
 * loopback host (localhost, 127.0.0.0/8, [::1]), judged on the host as
 * libcurl parses it, or a ca_file that cannot be read. */
int openrosa_open(const struct openrosa_opts *o, openrosa **out,
    char **cause) KESU_WUR;
void openrosa_close(openrosa **c);

/*
 * HEAD {url}/submission.  0 only when the server answered 204 (an OpenRosa
 * server); KESU_ETEMPFAIL when nothing answered or something else (a
 * captive portal) did; KESU_ENOPERM for 401/403; KESU_ECONFIG when TLS
 * verification failed (the certificate, the CA store or ca_file).
 */
int openrosa_head(openrosa *c, char **cause) KESU_WUR;

/*
 * POST one instance.  *code is the HTTP status (0 when the transfer
 * failed: timeout, reset); *msg the server's <message> or a transport
 * error (the caller's, never holding a secret).  Returns 0 when a reply
 * was read or the transfer failed; the caller judges *code.
 * *done is 1 only for 201/202 with an OpenRosaResponse body.
 */
int openrosa_post(openrosa *c, const char *xml, size_t len, long *code,
    int *done, char **msg) KESU_WUR;

/*
 * The server's message in a reply body: the OpenRosaResponse <message>,
 * else the <title> of an HTML page (a proxy's 413, a captive portal), else
 * the body's text without tags.  XML character references are decoded
 * (Central writes "submission &#39;2026112801&#39;"); whitespace and
 * control characters (C0, DEL, C1), raw or decoded, become single spaces,
 * and a byte that is not UTF-8 becomes '?'; at most 300 bytes, cut between
 * characters.  NULL when there is no
 * text.  Caller frees.
 */
char *openrosa_message(const char *body);

/*
 * GET url (absolute, as a formList or manifest gives it; or a path below
 * the base when it starts with '/', e.g. "/formList") with
 * X-OpenRosa-Version, into out (appended; at most max bytes).  A URL on
 * another scheme, host or port than the base is refused (KESU_EDATA), so
 * the credentials never leave for another server.  0 when the server
 * answered 200; KESU_ETEMPFAIL when nothing answered or 5xx;
 * KESU_ENOPERM for 401/403; KESU_EDATA for another answer (its code and
 * message in *cause).
 */
int openrosa_get(openrosa *c, const char *url, size_t max, struct buf *out,
    char **cause) KESU_WUR;

/* url with a /key/TOKEN/ part and user:pass@ hidden; caller frees. */
char *openrosa_redact(const char *url);

#endif

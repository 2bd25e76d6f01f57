/*
 * openrosa.c - the OpenRosa HTTP exchange over one reused libcurl handle.
 */
#include <curl/curl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sync/openrosa.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct openrosa {
	CURL *h;
	char *url;       /* {base}/submission */
	char *shown;     /* redacted, for messages */
	struct curl_slist *hdr;
	char *body;
	size_t len, cap;
	char ctype[128];
};

static size_t
or_write(char *p, size_t sz, size_t n, void *arg)
{
	struct openrosa *c = arg;
	size_t k = sz * n;

	if (c->len + k + 1 > c->cap) {
		c->cap = (c->len + k + 1) * 2;
		c->body = xrealloc(c->body, c->cap);
	}
	memcpy(c->body + c->len, p, k);
	c->len += k;
	c->body[c->len] = '\0';
	return k;
}

char *
openrosa_redact(const char *url)
{
	char *out = xstrdup(url), *p, *q, *at;

	if ((p = strstr(out, "/key/")) != NULL) {
		p += 5;
		q = strchr(p, '/');
		memmove(p + 3, q ? q : p + strlen(p), strlen(q ? q : "") + 1);
		memcpy(p, "***", 3);
	}
	if ((p = strstr(out, "://")) != NULL) {
		p += 3;
		at = strchr(p, '@');
		q = strchr(p, '/');
		if (at && (!q || at < q))
			memmove(p, at + 1, strlen(at + 1) + 1);
	}
	return out;
}

static int
or_loopback(const char *url)
{
	static const char *const ok[] = { "http://127.", "http://localhost:",
		"http://localhost/", "http://[::1]" };
	size_t i;

	for (i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (strncasecmp(url, ok[i], strlen(ok[i])) == 0)
			return 1;
	return 0;
}

int
openrosa_open(const struct openrosa_opts *o, openrosa **out, char **cause)
{
	struct openrosa *c;
	size_t n;

	*out = NULL;
	if (strncasecmp(o->url, "https://", 8) != 0 && !or_loopback(o->url)) {
		char *r = openrosa_redact(o->url);
		int rc = kesu_fail(cause, KESU_ECONFIG,
		    _("server %s: only https:// is allowed (http:// only "
		    "for loopback)"), r);
		free(r);
		return rc;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		return kesu_fail(cause, KESU_ESOFTWARE,
		    _("cannot start libcurl"));
	c = xcalloc(1, sizeof *c);
	n = strlen(o->url);
	while (n > 0 && o->url[n - 1] == '/')
		n--;
	c->url = xasprintf("%.*s/submission", (int)n, o->url);
	c->shown = openrosa_redact(c->url);
	if ((c->h = curl_easy_init()) == NULL) {
		openrosa_close(&c);
		return kesu_fail(cause, KESU_ESOFTWARE,
		    _("cannot start libcurl"));
	}
	c->hdr = curl_slist_append(NULL, "X-OpenRosa-Version: 1.0");
	c->hdr = curl_slist_append(c->hdr, "Expect:");
	curl_easy_setopt(c->h, CURLOPT_URL, c->url);
	curl_easy_setopt(c->h, CURLOPT_HTTPHEADER, c->hdr);
	curl_easy_setopt(c->h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c->h, CURLOPT_SSL_VERIFYHOST, 2L);
	if (o->ca_file && *o->ca_file)
		curl_easy_setopt(c->h, CURLOPT_CAINFO, o->ca_file);
	curl_easy_setopt(c->h, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c->h, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c->h, CURLOPT_LOW_SPEED_TIME, 20L);
	curl_easy_setopt(c->h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c->h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c->h, CURLOPT_WRITEFUNCTION, or_write);
	curl_easy_setopt(c->h, CURLOPT_WRITEDATA, c);
	if (o->user && *o->user) {
		curl_easy_setopt(c->h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(c->h, CURLOPT_USERNAME, o->user);
		curl_easy_setopt(c->h, CURLOPT_PASSWORD,
		    o->password ? o->password : "");
	}
	/* A whole-request limit in seconds (fractions allowed), for tests
	 * of a server that never answers; none by default. */
	if (getenv("KESU_SYNC_TIMEOUT"))
		curl_easy_setopt(c->h, CURLOPT_TIMEOUT_MS, (long)(1000 *
		    strtod(getenv("KESU_SYNC_TIMEOUT"), NULL)));
	*out = c;
	return 0;
}

void
openrosa_close(openrosa **cp)
{
	struct openrosa *c = *cp;

	if (!c)
		return;
	if (c->h)
		curl_easy_cleanup(c->h);
	curl_slist_free_all(c->hdr);
	free(c->url);
	free(c->shown);
	free(c->body);
	free(c);
	*cp = NULL;
}

static CURLcode
or_perform(struct openrosa *c, long *code)
{
	CURLcode e;
	char *ct = NULL;

	c->len = 0;
	if (c->body)
		c->body[0] = '\0';
	c->ctype[0] = '\0';
	*code = 0;
	e = curl_easy_perform(c->h);
	if (e == CURLE_OK) {
		curl_easy_getinfo(c->h, CURLINFO_RESPONSE_CODE, code);
		if (curl_easy_getinfo(c->h, CURLINFO_CONTENT_TYPE, &ct) ==
		    CURLE_OK && ct)
			snprintf(c->ctype, sizeof c->ctype, "%s", ct);
	}
	return e;
}

int
openrosa_head(openrosa *c, char **cause)
{
	long code;
	CURLcode e;

	curl_easy_setopt(c->h, CURLOPT_NOBODY, 1L);
	e = or_perform(c, &code);
	curl_easy_setopt(c->h, CURLOPT_NOBODY, 0L);
	if (e != CURLE_OK)
		return kesu_fail(cause, KESU_ETEMPFAIL,
		    _("%s: not reachable (%s)"), c->shown,
		    curl_easy_strerror(e));
	if (code == 204)
		return 0;
	if (code == 401 || code == 403)
		return kesu_fail(cause, KESU_ENOPERM,
		    _("%s: the server refused the credentials (HTTP %ld)"),
		    c->shown, code);
	return kesu_fail(cause, KESU_ETEMPFAIL,
	    _("%s: not an OpenRosa server (HTTP %ld; a captive portal?)"),
	    c->shown, code);
}

/* The text between <tag ...> and </tag> in body, or NULL. */
static char *
or_element(const char *body, const char *tag)
{
	char open[16], close[16];
	const char *p, *q;

	snprintf(open, sizeof open, "<%s", tag);
	snprintf(close, sizeof close, "</%s>", tag);
	if (!(p = strstr(body, open)) || !(p = strchr(p, '>')) ||
	    !(q = strstr(++p, close)))
		return NULL;
	return xstrndup(p, (size_t)(q - p));
}

/*
 * The server's message: the OpenRosaResponse <message>, else the <title>
 * of an HTML page (a proxy's 413, a captive portal), else the body's text
 * without tags; whitespace and control characters become single spaces,
 * at most 300 bytes.  NULL when there is no text.
 */
static char *
or_message(const char *body)
{
	char *m = or_element(body, "message"), *out, *w;
	const char *p;
	bool tag = false, sp = true;

	if (!m)
		m = or_element(body, "title");
	if (!m)
		m = xstrndup(body, strnlen(body, 4096));
	out = w = xmalloc(strlen(m) + 1);
	for (p = m; *p && w - out < 300; p++) {
		unsigned char ch = (unsigned char)*p;

		if (ch == '<')
			tag = true;
		else if (ch == '>' && tag)
			tag = false;
		else if (tag)
			continue;
		else if (ch < 0x20 || ch == 0x7f) {
			if (!sp)
				*w++ = ' ';
			sp = true;
		} else if (ch != ' ' || !sp) {
			*w++ = (char)ch;
			sp = ch == ' ';
		}
	}
	while (w > out && w[-1] == ' ')
		w--;
	*w = '\0';
	free(m);
	if (*out == '\0') {
		free(out);
		return NULL;
	}
	return out;
}

int
openrosa_post(openrosa *c, const char *xml, size_t len, long *code,
    int *done, char **msg)
{
	curl_mime *m = curl_mime_init(c->h);
	curl_mimepart *part = curl_mime_addpart(m);
	CURLcode e;

	*done = 0;
	*msg = NULL;
	curl_mime_name(part, "xml_submission_file");
	curl_mime_filename(part, "submission.xml");
	curl_mime_type(part, "text/xml");
	curl_mime_data(part, xml, len);
	curl_easy_setopt(c->h, CURLOPT_MIMEPOST, m);
	e = or_perform(c, code);
	curl_easy_setopt(c->h, CURLOPT_MIMEPOST, NULL);
	curl_mime_free(m);
	if (e != CURLE_OK) {
		*msg = xstrdup(curl_easy_strerror(e));
		return 0;
	}
	*msg = or_message(c->body ? c->body : "");
	if ((*code == 201 || *code == 202) && c->body &&
	    strstr(c->body, "<OpenRosaResponse") &&
	    (strstr(c->ctype, "xml") != NULL))
		*done = 1;
	if (!*msg)
		*msg = xasprintf(_("HTTP %ld without an OpenRosa response"),
		    *code);
	return 0;
}

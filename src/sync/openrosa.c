/*
 * openrosa.c - the OpenRosa HTTP exchange over one reused libcurl handle.
 */
#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "sync/openrosa.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct openrosa {
	CURL *h;
	char *base;      /* the server URL without a trailing '/' */
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

/* The length of the part of s up to (not including) any of stop. */
static size_t
or_span(const char *s, const char *stop)
{
	return strcspn(s, stop);
}

/*
 * A copy of url that can be shown: no user:password@ in the authority,
 * the path segment after /key/ (in any case, any length, empty too) and
 * the value of each token= query parameter (any case) as "***".  Built
 * afresh, so a secret shorter than the mask fits.
 */
char *
openrosa_redact(const char *url)
{
	struct buf b = BUF_INIT;
	const char *p = url, *auth, *at;
	size_t n;

	if ((auth = strstr(p, "://")) != NULL) {
		auth += 3;
		buf_add(&b, p, (size_t)(auth - p));
		n = or_span(auth, "/?#");
		for (at = auth + n; at > auth && at[-1] != '@'; at--)
			;
		p = auth + n;
		buf_add(&b, at, (size_t)(p - at));
	}
	/* the path: hide the segment after each /key/ */
	while (*p != '\0' && *p != '?' && *p != '#') {
		n = or_span(p + 1, "/?#") + 1;
		buf_add(&b, p, n);
		if (n == 4 && strncasecmp(p, "/key", 4) == 0 && p[4] == '/') {
			p += n;
			buf_addstr(&b, "/***");
			p += or_span(p + 1, "/?#") + 1;
			continue;
		}
		p += n;
	}
	/* the query: hide each token= value */
	if (*p == '?') {
		while (*p == '?' || *p == '&') {
			buf_addch(&b, *p++);
			n = or_span(p, "&#");
			if (n >= 6 && strncasecmp(p, "token=", 6) == 0) {
				buf_add(&b, p, 6);
				buf_addstr(&b, "***");
			} else {
				buf_add(&b, p, n);
			}
			p += n;
		}
	}
	buf_addstr(&b, p);
	return buf_detach(&b);
}

/*
 * 1 when url may go over plain http: its scheme is http and its host,
 * as libcurl parses it (not a prefix of the text: "127.0.0.1@host" and
 * "127.0.0.1.example" are other hosts), is localhost, 127.0.0.0/8 or ::1.
 */
static int
or_loopback(const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL;
	unsigned char a[16];
	int ok = 0;

	if (u == NULL || curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    strcasecmp(scheme, "http") != 0)
		goto out;
	if (strcasecmp(host, "localhost") == 0)
		ok = 1;
	else if (inet_pton(AF_INET, host, a) == 1)
		ok = a[0] == 127;
	else if (strcmp(host, "[::1]") == 0)
		ok = 1;
out:
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return ok;
}

/* 1 when url is an https URL libcurl can parse, with a host. */
static int
or_https(const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL;
	int ok;

	ok = u != NULL &&
	    curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    strcasecmp(scheme, "https") == 0 && *host != '\0';
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return ok;
}

int
openrosa_open(const struct openrosa_opts *o, openrosa **out, char **cause)
{
	struct openrosa *c;
	size_t n;

	*out = NULL;
	if (!or_https(o->url) && !or_loopback(o->url)) {
		char *r = openrosa_redact(o->url);
		int rc = kesu_fail(cause, KESU_ECONFIG,
		    _("server %s: only https:// is allowed (http:// only "
		    "for loopback)"), r);
		free(r);
		return rc;
	}
	/* A CA file that cannot be read is configuration, said before any
	 * request rather than as a TLS failure that looks like "offline". */
	if (o->ca_file && *o->ca_file && access(o->ca_file, R_OK) != 0)
		return kesu_fail(cause, KESU_ECONFIG, _("ca_file %s: %s"),
		    o->ca_file, strerror(errno));
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		return kesu_fail(cause, KESU_ESOFTWARE,
		    _("cannot start libcurl"));
	c = xcalloc(1, sizeof *c);
	n = strlen(o->url);
	while (n > 0 && o->url[n - 1] == '/')
		n--;
	c->base = xasprintf("%.*s", (int)n, o->url);
	c->url = xasprintf("%s/submission", c->base);
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
	free(c->base);
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

/* A TLS failure that waiting will not cure: the server's certificate
 * does not verify against the CA store or ca_file, or ca_file is bad. */
static int
or_tls_config(CURLcode e)
{
	return e == CURLE_PEER_FAILED_VERIFICATION ||
	    e == CURLE_SSL_CACERT_BADFILE || e == CURLE_SSL_CERTPROBLEM ||
	    e == CURLE_SSL_CRL_BADFILE || e == CURLE_SSL_ISSUER_ERROR ||
	    e == CURLE_SSL_PINNEDPUBKEYNOTMATCH;
}

int
openrosa_head(openrosa *c, char **cause)
{
	long code;
	CURLcode e;

	curl_easy_setopt(c->h, CURLOPT_NOBODY, 1L);
	e = or_perform(c, &code);
	curl_easy_setopt(c->h, CURLOPT_NOBODY, 0L);
	if (e != CURLE_OK && or_tls_config(e))
		return kesu_fail(cause, KESU_ECONFIG,
		    _("%s: the server's certificate is not accepted (%s); "
		    "check ca_file in kesu.conf"), c->shown,
		    curl_easy_strerror(e));
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

/* The length of url's scheme://host:port part (0 when it has none). */
static size_t
or_origin(const char *url)
{
	const char *p = strstr(url, "://"), *q;

	if (p == NULL)
		return 0;
	q = strchr(p + 3, '/');
	return q != NULL ? (size_t)(q - url) : strlen(url);
}

int
openrosa_get(openrosa *c, const char *url, size_t max, struct buf *out,
    char **cause)
{
	char *full, *shown, *msg;
	size_t o = or_origin(c->base);
	long code;
	CURLcode e;
	int rc = 0;

	full = url[0] == '/' ? xasprintf("%s%s", c->base, url) : xstrdup(url);
	shown = openrosa_redact(full);
	if (o == 0 || strncasecmp(full, c->base, o) != 0 ||
	    (full[o] != '/' && full[o] != '\0')) {
		rc = kesu_fail(cause, KESU_EDATA, _("%s: not on the server "
		    "kesu is set up for; not fetched"), shown);
		goto out;
	}
	curl_easy_setopt(c->h, CURLOPT_URL, full);
	curl_easy_setopt(c->h, CURLOPT_HTTPGET, 1L);
	e = or_perform(c, &code);
	curl_easy_setopt(c->h, CURLOPT_URL, c->url);
	if (e != CURLE_OK) {
		rc = kesu_fail(cause, KESU_ETEMPFAIL, _("%s: not reachable "
		    "(%s)"), shown, curl_easy_strerror(e));
		goto out;
	}
	if (code == 200) {
		if (c->len > max)
			rc = kesu_fail(cause, KESU_EDATA, _("%s: too large "
			    "(%zu bytes)"), shown, c->len);
		else
			buf_add(out, c->body != NULL ? c->body : "", c->len);
		goto out;
	}
	msg = openrosa_message(c->body != NULL ? c->body : "");
	rc = kesu_fail(cause, code == 401 || code == 403 ? KESU_ENOPERM :
	    code >= 500 ? KESU_ETEMPFAIL : KESU_EDATA,
	    _("%s: HTTP %ld%s%s"), shown, code, msg != NULL ? ": " : "",
	    msg != NULL ? msg : "");
	free(msg);
out:
	free(full);
	free(shown);
	return rc;
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
 * The code point of the XML character reference at p ("&lt;", "&amp;",
 * "&quot;", "&apos;", "&gt;", "&#39;", "&#x2F;"), *n its length in bytes;
 * -1 when p starts none (a bare '&', an unknown name, a number that is no
 * Unicode scalar value).  Central escapes its messages this way.
 */
static long
or_charref(const char *p, size_t *n)
{
	static const struct {
		const char *name;
		char ch;
	} named[] = {
		{ "&lt;", '<' }, { "&gt;", '>' }, { "&amp;", '&' },
		{ "&quot;", '"' }, { "&apos;", '\'' },
	};
	const char *q = p + 2;
	unsigned base = 10;
	long v = 0;
	int digits = 0;

	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strncmp(p, named[i].name, strlen(named[i].name)) == 0) {
			*n = strlen(named[i].name);
			return (unsigned char)named[i].ch;
		}
	if (p[1] != '#')
		return -1;
	if (*q == 'x' || *q == 'X') {
		base = 16;
		q++;
	}
	for (; digits < 8; q++, digits++) {
		int d;

		if (*q >= '0' && *q <= '9')
			d = *q - '0';
		else if (base == 16 && *q >= 'a' && *q <= 'f')
			d = *q - 'a' + 10;
		else if (base == 16 && *q >= 'A' && *q <= 'F')
			d = *q - 'A' + 10;
		else
			break;
		v = v * (long)base + d;
	}
	if (digits == 0 || *q != ';' || v == 0 || v > 0x10FFFF ||
	    (v >= 0xD800 && v <= 0xDFFF))
		return -1;
	*n = (size_t)(q + 1 - p);
	return v;
}

/* Code point cp as UTF-8 at w; returns the bytes written (1-4). */
static size_t
or_utf8(char *w, long cp)
{
	if (cp < 0x80) {
		w[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		w[0] = (char)(0xC0 | (cp >> 6));
		w[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		w[0] = (char)(0xE0 | (cp >> 12));
		w[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		w[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	w[0] = (char)(0xF0 | (cp >> 18));
	w[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	w[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	w[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The length of the well-formed UTF-8 character at p (2-4 bytes, no
 * overlong forms, no surrogates), or 0. */
static size_t
or_utf8_len(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	unsigned char lo = 0x80, hi = 0xBF;
	size_t n;

	if (u[0] >= 0xC2 && u[0] <= 0xDF)
		n = 2;
	else if (u[0] >= 0xE0 && u[0] <= 0xEF)
		n = 3;
	else if (u[0] >= 0xF0 && u[0] <= 0xF4)
		n = 4;
	else
		return 0;
	if (u[0] == 0xE0)
		lo = 0xA0;
	else if (u[0] == 0xED)
		hi = 0x9F;
	else if (u[0] == 0xF0)
		lo = 0x90;
	else if (u[0] == 0xF4)
		hi = 0x8F;
	if (u[1] < lo || u[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (u[i] < 0x80 || u[i] > 0xBF)
			return 0;
	return n;
}

/* The length of s without a UTF-8 sequence cut off at its end. */
static size_t
or_utf8_whole(const char *s, size_t len)
{
	size_t i = len, need;
	unsigned char lead;

	while (i > 0 && len - i < 4 &&
	    ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return len;
	lead = (unsigned char)s[i - 1];
	need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	return need > len - i + 1 ? i - 1 : len;
}

#define OR_MESSAGE_MAX 300     /* bytes */

/* Decoding never makes the text longer, so the result fits a copy of
 * the element. */
char *
openrosa_message(const char *body)
{
	char *m = or_element(body, "message"), *out, *w;
	const char *p;
	bool tag = false, sp = true;
	size_t n, len;
	long cp;

	if (!m)
		m = or_element(body, "title");
	if (!m)
		m = xstrndup(body, strnlen(body, 4096));
	out = w = xmalloc(strlen(m) + 1);
	for (p = m; *p && w - out < OR_MESSAGE_MAX; p++) {
		unsigned char ch = (unsigned char)*p;

		if (ch == '<') {
			tag = true;
			continue;
		}
		if (tag) {
			tag = ch != '>';
			continue;
		}
		if (ch == '&' && (cp = or_charref(p, &n)) >= 0) {
			p += n - 1;
		} else if (ch >= 0x80) {
			if ((n = or_utf8_len(p)) == 0) {
				*w++ = '?';             /* not UTF-8 */
				sp = false;
				continue;
			}
			if (ch == 0xC2 && (unsigned char)p[1] <= 0x9F) {
				cp = (unsigned char)*++p;   /* a C1 control */
			} else {
				memcpy(w, p, n);        /* as it came */
				w += n;
				p += n - 1;
				sp = false;
				continue;
			}
		} else {
			cp = ch;
		}
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
			if (!sp)
				*w++ = ' ';
			sp = true;
		} else if (cp != ' ' || !sp) {
			w += or_utf8(w, cp);
			sp = cp == ' ';
		}
	}
	len = (size_t)(w - out);
	if (len > OR_MESSAGE_MAX)
		len = OR_MESSAGE_MAX;
	len = or_utf8_whole(out, len);
	while (len > 0 && out[len - 1] == ' ')
		len--;
	out[len] = '\0';
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
	*msg = openrosa_message(c->body ? c->body : "");
	if ((*code == 201 || *code == 202) && c->body &&
	    strstr(c->body, "<OpenRosaResponse") &&
	    (strstr(c->ctype, "xml") != NULL))
		*done = 1;
	if (!*msg)
		*msg = xasprintf(_("HTTP %ld without an OpenRosa response"),
		    *code);
	return 0;
}

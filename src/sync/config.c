/*
 * config.c - reading kesu.conf strictly (an unknown key, a line without
 * '=' or a bad value is a configuration error naming file:line and the
 * nearest known key, so that a misspelt require_approval cannot pass
 * unnoticed) and refusing a file whose secret others can read.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "sync/config.h"
#include "util/distance.h"
#include "util/i18n.h"
#include "util/xalloc.h"

enum cfg_kind {
	CFG_TEXT, /* any text, kept as written (trimmed) */
	CFG_BOOL, /* true/false, yes/no, 1/0 */
};

/* Every key kesu.conf knows: a new key is one line here and a field in
 * struct sync_config (and a line in kesu.conf(5)). */
static const struct cfg_key {
	const char *name;
	enum cfg_kind kind;
	size_t off; /* of the char * or bool in struct sync_config */
} cfg_keys[] = {
	{ "server", CFG_TEXT, offsetof(struct sync_config, server) },
	{ "user", CFG_TEXT, offsetof(struct sync_config, user) },
	{ "password", CFG_TEXT, offsetof(struct sync_config, password) },
	{ "ca_file", CFG_TEXT, offsetof(struct sync_config, ca_file) },
	{ "require_approval", CFG_BOOL,
	    offsetof(struct sync_config, require_approval) },
	{ "transfer_key", CFG_TEXT,
	    offsetof(struct sync_config, transfer_key) },
	{ "transfer_key_file", CFG_TEXT,
	    offsetof(struct sync_config, transfer_key_file) },
};
#define CFG_NKEYS (sizeof cfg_keys / sizeof cfg_keys[0])

static char *
cfg_path(void)
{
	const char *p = getenv("KESU_CONFIG"), *x = getenv("XDG_CONFIG_HOME");

	if (p && *p)
		return xstrdup(p);
	if (x && *x)
		return xasprintf("%s/kesu/kesu.conf", x);
	return xasprintf("%s/.config/kesu/kesu.conf",
	    getenv("HOME") ? getenv("HOME") : ".");
}

static char *
cfg_trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
	    e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* The known key nearest to the first len bytes of word. */
static const char *
cfg_nearest(const char *word, size_t len)
{
	const char *best = cfg_keys[0].name;
	int d, bestd = 100;
	size_t i;

	for (i = 0; i < CFG_NKEYS; i++) {
		d = distance_edit(word, len, cfg_keys[i].name,
		    strlen(cfg_keys[i].name), 99);
		if (d < bestd) {
			bestd = d;
			best = cfg_keys[i].name;
		}
	}
	return best;
}

static int
cfg_bool(const char *v, bool *out)
{
	if (strcasecmp(v, "true") == 0 || strcasecmp(v, "yes") == 0 ||
	    strcmp(v, "1") == 0)
		*out = true;
	else if (strcasecmp(v, "false") == 0 || strcasecmp(v, "no") == 0 ||
	    strcmp(v, "0") == 0)
		*out = false;
	else
		return -1;
	return 0;
}

/* One non-comment line of path (line n): set its key in c. */
static int
cfg_line(struct sync_config *c, const char *path, int n, char *k,
    char **cause)
{
	const struct cfg_key *key = NULL;
	char *eq, *v, **text;
	size_t i;

	if ((eq = strchr(k, '=')) == NULL)
		return kesu_fail(cause, KESU_ECONFIG,
		    _("%s:%d: expected key = value, as in '%s = ...'"), path,
		    n, cfg_nearest(k, strcspn(k, " \t")));
	*eq = '\0';
	k = cfg_trim(k);
	v = cfg_trim(eq + 1);
	for (i = 0; i < CFG_NKEYS; i++)
		if (strcmp(k, cfg_keys[i].name) == 0)
			key = &cfg_keys[i];
	if (key == NULL)
		return kesu_fail(cause, KESU_ECONFIG,
		    _("%s:%d: unknown key '%s' (did you mean '%s'?)"), path,
		    n, k, cfg_nearest(k, strlen(k)));
	switch (key->kind) {
	case CFG_TEXT:
		text = (char **)((char *)c + key->off);
		free(*text);
		*text = xstrdup(v);
		break;
	case CFG_BOOL:
		if (cfg_bool(v, (bool *)((char *)c + key->off)) != 0)
			return kesu_fail(cause, KESU_ECONFIG,
			    _("%s:%d: %s takes true or false, not '%s'"),
			    path, n, key->name, v);
		break;
	}
	return 0;
}

int
sync_config_load(struct sync_config *c, char **cause)
{
	char *path = cfg_path(), line[4096], *k;
	struct stat st;
	FILE *f;
	int rc = 0, n = 0;

	memset(c, 0, sizeof *c);
	if ((f = fopen(path, "r")) == NULL) {
		if (errno != ENOENT)
			rc = kesu_fail(cause, KESU_ECONFIG, _("%s: %s"), path,
			    strerror(errno));
		goto out;
	}
	while (rc == 0 && fgets(line, sizeof line, f)) {
		n++;
		k = cfg_trim(line);
		if (*k == '#' || *k == ';' || *k == '[' || *k == '\0')
			continue;
		rc = cfg_line(c, path, n, k, cause);
	}
	if (rc == 0 && fstat(fileno(f), &st) == 0 && (st.st_mode & 077) != 0 &&
	    ((c->password && *c->password) ||
	    (c->transfer_key && *c->transfer_key) ||
	    (c->server && strstr(c->server, "/key/"))))
		rc = kesu_fail(cause, KESU_ECONFIG,
		    _("%s holds a secret but others can read it "
		    "(chmod 600 it)"), path);
	fclose(f);
out:
	free(path);
	if (rc)
		sync_config_clear(c);
	return rc;
}

void
sync_config_clear(struct sync_config *c)
{
	free(c->server);
	if (c->password)
		memset(c->password, 0, strlen(c->password));
	free(c->password);
	free(c->user);
	free(c->ca_file);
	if (c->transfer_key)
		memset(c->transfer_key, 0, strlen(c->transfer_key));
	free(c->transfer_key);
	free(c->transfer_key_file);
	memset(c, 0, sizeof *c);
}

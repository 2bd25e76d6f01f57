/*
 * config.c - reading kesu.conf and refusing one whose secret others can
 * read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "sync/config.h"
#include "util/i18n.h"
#include "util/xalloc.h"

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

int
sync_config_load(struct sync_config *c, char **cause)
{
	char *path = cfg_path(), line[4096], *k, *v, *eq;
	struct stat st;
	FILE *f;
	int rc = 0;

	memset(c, 0, sizeof *c);
	if ((f = fopen(path, "r")) == NULL) {
		if (errno != ENOENT)
			rc = kesu_fail(cause, KESU_ECONFIG, _("%s: %s"), path,
			    strerror(errno));
		goto out;
	}
	while (fgets(line, sizeof line, f)) {
		k = cfg_trim(line);
		if (*k == '#' || *k == ';' || *k == '[' || *k == '\0')
			continue;
		if ((eq = strchr(k, '=')) == NULL)
			continue;
		*eq = '\0';
		k = cfg_trim(k);
		v = cfg_trim(eq + 1);
		if (strcmp(k, "server") == 0)
			free(c->server), c->server = xstrdup(v);
		else if (strcmp(k, "user") == 0)
			free(c->user), c->user = xstrdup(v);
		else if (strcmp(k, "password") == 0)
			free(c->password), c->password = xstrdup(v);
		else if (strcmp(k, "ca_file") == 0)
			free(c->ca_file), c->ca_file = xstrdup(v);
		else if (strcmp(k, "transfer_key") == 0)
			free(c->transfer_key), c->transfer_key = xstrdup(v);
		else if (strcmp(k, "transfer_key_file") == 0)
			free(c->transfer_key_file),
			    c->transfer_key_file = xstrdup(v);
		else if (strcmp(k, "require_approval") == 0)
			c->require_approval = strcasecmp(v, "true") == 0 ||
			    strcasecmp(v, "yes") == 0 || strcmp(v, "1") == 0;
	}
	if (fstat(fileno(f), &st) == 0 && (st.st_mode & 077) != 0 &&
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

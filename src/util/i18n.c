/*
 * i18n.c - gettext set-up: the "kesu" domain and the UI language.
 */
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/path.h"

#ifndef KESU_LOCALEDIR
#define KESU_LOCALEDIR "/usr/local/share/locale"
#endif

/*
 * The UI language: --lang, else $KESU_LANG, else English when the
 * environment's locale names English, else Chinese (kesu's users read
 * Chinese first).
 */
static const char *
i18n_pick(const char *lang)
{
	static const char *vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES",
		"LANG" };
	const char *v;
	size_t i;

	if (lang != NULL)
		return lang;
	v = getenv("KESU_LANG");
	if (v != NULL && (strcmp(v, "en") == 0 || strcmp(v, "zh") == 0))
		return v;
	for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		v = getenv(vars[i]);
		if (v != NULL && *v != '\0')
			return strncmp(v, "en", 2) == 0 ? "en" : "zh";
	}
	return "zh";
}

/* The language this run speaks, once i18n_init() has run. */
static const char *i18n_current = "en";

void
i18n_set(const char *lang)
{
	i18n_current = strcmp(lang, "en") == 0 ? "en" : "zh";
	setenv("LANGUAGE", strcmp(lang, "en") == 0 ? "en" : "zh_CN", 1);
	/* A new textdomain() call makes gettext drop its cached lookups. */
	textdomain("kesu");
}

const char *
i18n_lang(void)
{
	return i18n_current;
}

/*
 * The catalogues: $KESU_LOCALEDIR, else an installed kesu's
 * PREFIX/share/locale (when it holds kesu's), else the folder the build
 * gave (KESU_LOCALEDIR, the build tree's locale/).
 */
static void
i18n_bind(void)
{
	const char *env = getenv("KESU_LOCALEDIR");
	char *mo = NULL, *dir = NULL;

	if (env == NULL && (mo = path_share("locale/zh_CN/LC_MESSAGES/"
	    "kesu.mo")) != NULL)
		dir = path_share("locale");
	bindtextdomain("kesu", env != NULL ? env : dir != NULL ? dir :
	    KESU_LOCALEDIR);
	free(mo);
	free(dir);
}

void
i18n_init(const char *lang)
{

	if (setlocale(LC_ALL, "") == NULL ||
	    strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_ALL, "C.UTF-8");
	/* gettext follows LANGUAGE in any locale but plain "C", which is
	 * why a non-UTF-8 environment is moved to C.UTF-8 above. */
	lang = i18n_pick(lang);
	i18n_bind();
	bind_textdomain_codeset("kesu", "UTF-8");
	i18n_set(lang);
	/*
	 * Without the Chinese catalogue every message would stay English
	 * while the form and the C library spoke Chinese: one language per
	 * run, so then the run is English throughout.
	 */
	if (strcmp(i18n_current, "zh") == 0 &&
	    strcmp(gettext("commands:\n"), "commands:\n") == 0)
		i18n_set("en");
}

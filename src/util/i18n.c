/*
 * i18n.c - gettext set-up: the "kesu" domain and the UI language.
 */
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

#ifndef KESU_LOCALEDIR
#define KESU_LOCALEDIR "/usr/local/share/locale"
#endif

void
i18n_init(const char *lang)
{
	const char *dir = getenv("KESU_LOCALEDIR");

	if (setlocale(LC_ALL, "") == NULL ||
	    strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_ALL, "C.UTF-8");
	/* gettext ignores LANGUAGE in the C locale, which C.UTF-8 counts
	 * as; a catalogue is still chosen through LANGUAGE when the
	 * messages locale names a real language, so name one. */
	if (lang == NULL)
		lang = getenv("KESU_LANG");
	if (lang != NULL && strcmp(lang, "en") == 0)
		setenv("LANGUAGE", "en", 1);
	else if (lang != NULL && strcmp(lang, "zh") == 0)
		setenv("LANGUAGE", "zh_CN", 1);
	bindtextdomain("kesu", dir != NULL ? dir : KESU_LOCALEDIR);
	bind_textdomain_codeset("kesu", "UTF-8");
	textdomain("kesu");
}

/*
 * i18n.h - the one place kesu's user-facing strings go through gettext.
 *
 * Write whole sentences; never glue translated fragments.  Put a
 * L10N: comment above a string when a translator needs context.
 */
#ifndef KESU_I18N_H
#define KESU_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Bind the "kesu" domain and pick the UI language ("zh", "en" or NULL for
 * the environment's).  Called once from main(). */
void i18n_init(const char *lang);
/* Switch the UI language now ("zh" or "en"), for the home screen. */
void i18n_set(const char *lang);
/* The language messages are in: "zh", or "en" (also when the Chinese
 * catalogue is missing).  Forms without a --lang of their own speak it
 * too, when they have it, so that one run speaks one language. */
const char *i18n_lang(void);

#endif

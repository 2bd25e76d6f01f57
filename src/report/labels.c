/*
 * labels.c - a report's levels as people read them: choice labels in the
 * UI language rather than codes, for the terminal table and the review
 * screen.  CSV and JSON keep the codes (an analyst's script matches
 * them); a label is only ever shown.
 */
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Add the label of value of field name (f's language lang) to b. */
static void
label_value(struct buf *b, const form *f, const char *name,
    const char *value, int lang)
{
	if (f == NULL) {
		buf_addstr(b, value);
		return;
	}
	form_value_label(b, f, form_find(f, name), value, lang);
}

void
report_label_rows(struct report_result *r, const form *f, int lang)
{
	struct buf b = BUF_INIT;
	char *by, *name, *save = NULL;
	size_t i, m;

	if (r->labels == NULL)
		r->labels = xcalloc(r->nrows + 1, sizeof *r->labels);
	for (i = 0; i < r->nrows; i++) {
		struct report_row *w = &r->rows[i];
		char **part = r->parts != NULL ? r->parts[i] : NULL;

		free(r->labels[i]);
		if (part == NULL) {
			r->labels[i] = xstrdup(strcmp(w->level, "all") == 0 ?
			    _("all") : w->level);
			w->label = r->labels[i];
			continue;
		}
		buf_reset(&b);
		buf_addstr(&b, "");
		by = xstrdup(w->by);
		name = strtok_r(by, ":", &save);
		for (m = 0; part[m] != NULL; m++) {
			if (m > 0)
				buf_addstr(&b, " × ");
			label_value(&b, f, name != NULL ? name : "", part[m],
			    lang);
			name = strtok_r(NULL, ":", &save);
		}
		free(by);
		r->labels[i] = xstrdup(b.data);
		w->label = r->labels[i];
	}
	buf_free(&b);
}

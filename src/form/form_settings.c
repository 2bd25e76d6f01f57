/*
 * form_settings.c - the settings sheet, and the form's languages.
 *
 * Settings live on the first row under the header (pyxform reads no
 * other).  form_id defaults to the file name, name (the instance's root
 * element) to "data", form_title to the id.  default_language names the
 * language that untranslated text columns are in and that texts fall
 * back to; it must be a language of the form, by name or by code.
 */
#include <stdlib.h>
#include <string.h>

#include "form/form_int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/*
 * The 1-based character position of the first control character in s
 * (C0, DEL, C1), or 0 when it has none.  An id or version with one would
 * be stored one way and written into the instance another.
 */
static int
settings_control_at(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int chars = 0;

	for (; *p != '\0'; p++) {
		if ((*p & 0xc0) != 0x80)
			chars++;
		if (*p < 0x20 || *p == 0x7f ||
		    (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			return chars;
	}
	return 0;
}

/* Refuse an identifying setting that holds a control character. */
static bool
settings_plain(struct form_load *l, int row, int col, const char *what,
    const char *v)
{
	int at = settings_control_at(v);

	if (at == 0)
		return true;
	form_problem(l, l->settings_at, row, col, _("%s holds a control "
	    "character (character %d); it is sent to the server as the "
	    "form's identity, so write it in plain text"), what, at);
	return false;
}

static const char *const role_columns[FORM_NROLES] = {
	[FORM_ROLE_OUTCOME] = "kesu_outcome",
	[FORM_ROLE_SCORE] = "kesu_score",
	[FORM_ROLE_AREA] = "kesu_area",
	[FORM_ROLE_GROUPS] = "kesu_groups",
	[FORM_ROLE_STRATA] = "kesu_strata",
	[FORM_ROLE_CLUSTER] = "kesu_cluster",
	[FORM_ROLE_WEIGHT] = "kesu_weight",
	[FORM_ROLE_DISPOSITION] = "kesu_disposition",
	[FORM_ROLE_NOTE] = "kesu_note",
	[FORM_ROLE_REVISIT] = "kesu_revisit",
};

const char *
form_role_column(enum form_role r)
{
	return role_columns[r];
}

const char *
form_role(const form *f, enum form_role r)
{
	return f->role[r];
}

/* The role of settings column i's header, or -1 (*kesu: a kesu_ header). */
static int
settings_role(const char *header, bool *kesu)
{
	int r;

	*kesu = strncmp(header, "kesu_", 5) == 0;
	for (r = 0; r < FORM_NROLES; r++)
		if (strcmp(header, role_columns[r]) == 0)
			return r;
	return -1;
}

/* An extra settings column: a role, a misspelt role, or anything else. */
static void
settings_extra(struct form_load *l, int row, int col, const char *v)
{
	const char *h = l->tcols.header[col];
	bool kesu;
	int r = settings_role(h, &kesu), k, best = -1, bestd = 99;

	if (r >= 0) {
		l->f->role[r] = v;
		return;
	}
	if (!kesu)
		return;
	for (k = 0; k < FORM_NROLES; k++) {
		int d = form_near(h, role_columns[k]) ? 1 : 99;

		if (d < bestd) {
			bestd = d;
			best = k;
		}
	}
	if (best >= 0)
		form_problem(l, l->settings_at, row, col, "unknown column "
		    "'%s' (did you mean '%s'?)", h, role_columns[best]);
	else
		form_problem(l, l->settings_at, row, col, "unknown column "
		    "'%s': kesu's roles are kesu_outcome, kesu_score, "
		    "kesu_area, kesu_groups, kesu_strata, kesu_cluster, "
		    "kesu_weight, kesu_disposition, kesu_note and "
		    "kesu_revisit", h);
}

void
form_check_roles(struct form_load *l)
{
	const struct form_cols *c = &l->tcols;
	const form *f = l->f;
	char name[256];
	int col, r;

	for (col = 0; col < c->ncols; col++) {
		const char *v, *p;
		bool kesu;

		r = settings_role(c->header[col], &kesu);
		if (r < 0 || (v = f->role[r]) == NULL)
			continue;
		/* kesu_groups: a,b:c; the others one name each. */
		for (p = v; *p != '\0';) {
			size_t n = strcspn(p, r == FORM_ROLE_GROUPS ? ",:" : "");

			if (n == 0 || n >= sizeof name) {
				form_problem(l, l->settings_at, l->settings_row,
				    col, "%s: '%s' is not a list of field names",
				    role_columns[r], v);
				break;
			}
			memcpy(name, p, n);
			name[n] = '\0';
			if (form_find(f, name) < 0)
				form_problem(l, l->settings_at, l->settings_row,
				    col, "%s: no field '%s' in the survey sheet",
				    role_columns[r], name);
			p += n;
			if (*p != '\0')
				p++;
		}
	}
}

void
form_load_settings(struct form_load *l)
{
	const struct sheet *s = l->settings;
	const struct sheet_row *r;
	struct form_cols *c = &l->tcols;
	form *f = l->f;
	int i;

	if (s == NULL)
		return;
	form_cols_read(l, FSHEET_SETTINGS, s, l->settings_at, c);
	if (s->nrows < 2)
		return;
	r = &s->rows[1];
	l->settings_row = r->row;
	for (i = 0; i < c->ncols; i++) {
		const char *v = sheet_cell(r, i);

		if (v[0] == '\0')
			continue;
		v = form_clean_text(&f->arena, v, false);
		switch (c->key[i]) {
		case FCOL_FORM_TITLE:
			f->title = v;
			break;
		case FCOL_FORM_ID:
			if (settings_plain(l, r->row, i, "form_id", v))
				f->id = v;
			break;
		case FCOL_VERSION:
			if (settings_plain(l, r->row, i, "version", v))
				f->version = v;
			break;
		case FCOL_NAME:
			if (!form_is_name(v))
				form_problem(l, l->settings_at, r->row, i,
				    _("name '%s' is not a valid XML "
				    "element name"), v);
			else
				f->root = v;
			break;
		case FCOL_DEFAULT_LANGUAGE:
			l->default_language = v;
			break;
		case FCOL_INSTANCE_NAME:
			/* Parsed with the survey's expressions, once every
			 * field is known (form_check.c). */
			break;
		case FCOL_ALLOW_CHOICE_DUPLICATES:
			l->allow_duplicates = form_yes(v);
			break;
		case FCOL_CLEAN_TEXT_VALUES:
			l->clean_text = !form_no(v);
			break;
		case FCOL_PUBLIC_KEY:
			form_problem(l, l->settings_at, r->row, i,
			    _("public_key: encrypted forms are not supported "
			    "by kesu"));
			break;
		case FCOL_EXTRA:
			settings_extra(l, r->row, i, v);
			break;
		default:
			break;
		}
	}
}

static void
resolve_cols(struct form_cols *c, int lang)
{
	int i;

	for (i = 0; i < c->ncols; i++)
		if (c->lang[i] == -2)
			c->lang[i] = lang;
}

/*
 * Settle the default language once every header is read: the one
 * default_language names (which untranslated columns are then in), else
 * "default" when untranslated columns exist, else the first.  A form
 * without any text column has the one language "default".
 */
void
form_resolve_langs(struct form_load *l)
{
	form *f = l->f;
	struct buf b = BUF_INIT;
	char **nulls;
	int lang = -1, i;

	if (l->default_language != NULL) {
		lang = form_lang_find(f, l->default_language);
		if (lang < 0 && (l->plain_text || f->nlangs == 0))
			lang = form_lang_add(l, l->default_language);
		if (lang < 0) {
			for (i = 0; i < f->nlangs; i++)
				buf_printf(&b, "%s'%s'", i ? ", " : "",
				    f->lang_name[i]);
			form_problem(l, l->settings_at, l->settings_row,
			    l->tcols.first[FCOL_DEFAULT_LANGUAGE],
			    _("default_language '%s' is not a language of the "
			    "form (%s)"), l->default_language, b.data);
			buf_free(&b);
			lang = 0;
		}
	} else
		lang = form_lang_find(f, "default");
	if (f->nlangs == 0)
		lang = form_lang_add(l, "default");
	if (lang < 0)
		lang = 0;
	f->deflang = lang;
	resolve_cols(&l->scols, lang);
	resolve_cols(&l->ccols, lang);

	nulls = arena_alloc(&f->arena, (size_t)f->nlangs * sizeof *nulls);
	f->no_text = (const char *const *)nulls;
}

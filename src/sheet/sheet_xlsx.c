/*
 * sheet_xlsx.c - XLSForm workbooks as .xlsx: the zip and the workbook parts.
 *
 * The zip is read from memory (sheet_zip.c); its XML parts go through
 * expat.  The sheets are the
 * <sheet> elements of xl/workbook.xml, in order, each found through its
 * relationship in xl/_rels/workbook.xml.rels; shared strings and cell
 * formats (which numbers are dates) come from the parts they name.
 *
 * As with pyxform (openpyxl, read-only): a sheet whose part is missing
 * from the zip is left out; when the book has more than one sheet, only
 * the sheets pyxform reads (survey, choices, settings, external_choices,
 * entities, osm) are parsed and the others are listed without rows.
 *
 * Limits: 65536 relationships and cell formats; the zip's own limits are
 * in sheet_zip.c.
 */
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "sheet/sheet.h"
#include "sheet/sheet_int.h"
#include "util/i18n.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define XLSX_MAX_ENTRIES 65536

struct xlsx_rel {
	char *id, *type, *target;
	int external;
};

struct xlsx_pkg {
	struct sheet_xlsx *x;
	struct sheet_zip *zip;
	/* xl/workbook.xml */
	char **sheet_names, **sheet_rids;
	int nsheets, in_sheets;
	/* xl/_rels/workbook.xml.rels */
	struct xlsx_rel *rels;
	size_t nrels;
	char **cause;
};

/* XML through expat, for every part. */
struct xlsx_xml {
	const struct sheet_xml_cb *cb;
	void *ud;
	XML_Parser p;
	int rc; /* 0 going, 1 stopped early, -1 error set, -2 doctype */
	struct buf name;
};

static const char *
xlsx_local(const char *name)
{
	const char *sp = strrchr(name, ' ');

	return sp != NULL ? sp + 1 : name;
}

static void
xlsx_xml_stop(struct xlsx_xml *r, int rc)
{
	if (rc != 0 && r->rc == 0) {
		r->rc = rc;
		XML_StopParser(r->p, XML_FALSE);
	}
}

static void XMLCALL
xlsx_xml_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_xml *r = ud;

	if (r->rc == 0 && r->cb->start != NULL)
		xlsx_xml_stop(r, r->cb->start(r->ud, xlsx_local(name), atts));
}

static void XMLCALL
xlsx_xml_end(void *ud, const XML_Char *name)
{
	struct xlsx_xml *r = ud;

	if (r->rc == 0 && r->cb->end != NULL)
		xlsx_xml_stop(r, r->cb->end(r->ud, xlsx_local(name)));
}

static void XMLCALL
xlsx_xml_text(void *ud, const XML_Char *s, int len)
{
	struct xlsx_xml *r = ud;

	if (r->rc == 0 && r->cb->text != NULL)
		xlsx_xml_stop(r, r->cb->text(r->ud, s, len));
}

static void XMLCALL
xlsx_xml_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int has_internal)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	xlsx_xml_stop(ud, -2);
}

int
sheet_xml_parse(const char *file, const char *part, const char *data,
    size_t len, const struct sheet_xml_cb *cb, void *ud, char **cause)
{
	struct xlsx_xml r;
	enum XML_Status st;
	int rc = KESU_OK;

	memset(&r, 0, sizeof r);
	r.cb = cb;
	r.ud = ud;
	if ((r.p = XML_ParserCreateNS(NULL, ' ')) == NULL)
		xalloc_die();
	XML_SetUserData(r.p, &r);
	XML_SetElementHandler(r.p, xlsx_xml_start, xlsx_xml_end);
	XML_SetCharacterDataHandler(r.p, xlsx_xml_text);
	XML_SetStartDoctypeDeclHandler(r.p, xlsx_xml_doctype);
	st = XML_Parse(r.p, data, (int)len, 1);
	if (r.rc == 1)
		rc = KESU_OK;
	else if (r.rc == -1)
		rc = KESU_EDATA;
	else if (r.rc == -2)
		rc = kesu_fail(cause, KESU_EDATA,
		    _("%s: %s: document type declarations are not allowed"), file,
		    part);
	else if (st != XML_STATUS_OK)
		rc = kesu_fail(cause, KESU_EDATA, "%s: %s:%lu: %s", file, part,
		    (unsigned long)XML_GetCurrentLineNumber(r.p),
		    XML_ErrorString(XML_GetErrorCode(r.p)));
	XML_ParserFree(r.p);
	return rc;
}

const char *
sheet_xml_attr(const char **atts, const char *name, int ns)
{
	const char *sp;
	int i;

	for (i = 0; atts[i] != NULL; i += 2) {
		sp = strrchr(atts[i], ' ');
		if (ns && sp != NULL && strcmp(sp + 1, name) == 0)
			return atts[i + 1];
		if (!ns && sp == NULL && strcmp(atts[i], name) == 0)
			return atts[i + 1];
	}
	return NULL;
}

/* xl/workbook.xml: the sheets in order and the date system. */
static int
xlsx_wb_start(void *ud, const char *name, const char **atts)
{
	struct xlsx_pkg *k = ud;
	const char *v, *id;

	if (strcmp(name, "workbookPr") == 0) {
		/* openpyxl's Bool: false only for "", "false", "f", "0". */
		v = sheet_xml_attr(atts, "date1904", 0);
		k->x->date1904 = v != NULL && *v != '\0' &&
		    strcmp(v, "false") != 0 && strcmp(v, "f") != 0 &&
		    strcmp(v, "0") != 0;
	} else if (strcmp(name, "sheets") == 0)
		k->in_sheets = 1;
	else if (k->in_sheets && strcmp(name, "sheet") == 0) {
		v = sheet_xml_attr(atts, "name", 0);
		id = sheet_xml_attr(atts, "id", 1);
		if (v == NULL) {
			kesu_fail(k->cause, KESU_EDATA,
			    _("%s: xl/workbook.xml: a sheet has no name"),
			    k->x->name);
			return -1;
		}
		if (id == NULL)
			return 0; /* openpyxl drops such a sheet */
		if (k->nsheets == SHEET_MAX_SHEETS) {
			kesu_fail(k->cause, KESU_EDATA,
			    _("%s: more than %d sheets"), k->x->name,
			    SHEET_MAX_SHEETS);
			return -1;
		}
		k->sheet_names = xreallocarray(k->sheet_names,
		    (size_t)k->nsheets + 1, sizeof *k->sheet_names);
		k->sheet_rids = xreallocarray(k->sheet_rids,
		    (size_t)k->nsheets + 1, sizeof *k->sheet_rids);
		k->sheet_names[k->nsheets] = xstrdup(v);
		k->sheet_rids[k->nsheets] = xstrdup(id);
		k->nsheets++;
	}
	return 0;
}

static int
xlsx_wb_end(void *ud, const char *name)
{
	struct xlsx_pkg *k = ud;

	if (strcmp(name, "sheets") == 0)
		k->in_sheets = 0;
	return 0;
}

/* xl/_rels/workbook.xml.rels */
static int
xlsx_rels_start(void *ud, const char *name, const char **atts)
{
	struct xlsx_pkg *k = ud;
	struct xlsx_rel *r;
	const char *id, *mode;

	if (strcmp(name, "Relationship") != 0)
		return 0;
	if ((id = sheet_xml_attr(atts, "Id", 0)) == NULL)
		return 0;
	if (k->nrels == XLSX_MAX_ENTRIES) {
		kesu_fail(k->cause, KESU_EDATA,
		    _("%s: xl/_rels/workbook.xml.rels: too many relationships"),
		    k->x->name);
		return -1;
	}
	k->rels = xreallocarray(k->rels, k->nrels + 1, sizeof *k->rels);
	r = &k->rels[k->nrels++];
	r->id = xstrdup(id);
	r->type = xstrdup(sheet_xml_attr(atts, "Type", 0) ?
	    sheet_xml_attr(atts, "Type", 0) : "");
	r->target = xstrdup(sheet_xml_attr(atts, "Target", 0) ?
	    sheet_xml_attr(atts, "Target", 0) : "");
	mode = sheet_xml_attr(atts, "TargetMode", 0);
	r->external = mode != NULL && strcmp(mode, "External") == 0;
	return 0;
}

static const struct xlsx_rel *
xlsx_rel(const struct xlsx_pkg *k, const char *id)
{
	size_t i;

	for (i = 0; i < k->nrels; i++) {
		if (strcmp(k->rels[i].id, id) == 0)
			return &k->rels[i];
	}
	return NULL;
}

/* The zip path of a relationship target, as openpyxl finds it: "/x" is
 * x, anything else is relative to xl/ with "." and ".." resolved. */
static char *
xlsx_target_path(const char *target)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	char *p, *seg, *save = NULL, *slash;

	if (target[0] == '/')
		return xstrdup(target + 1);
	buf_addstr(&in, "xl/");
	buf_addstr(&in, target);
	buf_addstr(&out, "");
	p = in.data;
	for (seg = strtok_r(p, "/", &save); seg != NULL;
	    seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0 && out.len > 0 &&
		    strcmp(out.data, "..") != 0 && (out.len < 3 ||
		    strcmp(out.data + out.len - 3, "/..") != 0)) {
			slash = strrchr(out.data, '/');
			out.len = slash != NULL ?
			    (size_t)(slash - out.data) : 0;
			out.data[out.len] = '\0';
			continue;
		}
		if (out.len > 0)
			buf_addch(&out, '/');
		buf_addstr(&out, seg);
	}
	buf_free(&in);
	return buf_detach(&out);
}

void
sheet_rt_begin(struct sheet_rt *rt, int base)
{
	if (rt->plain == NULL) {
		rt->plain = xcalloc(1, sizeof *rt->plain);
		rt->run = xcalloc(1, sizeof *rt->run);
		rt->runs = xcalloc(1, sizeof *rt->runs);
	}
	buf_reset(rt->plain);
	buf_reset(rt->run);
	buf_reset(rt->runs);
	rt->base = base;
	rt->t_depth = 0;
	rt->in_run = 0;
	rt->into = NULL;
}

void
sheet_rt_start(struct sheet_rt *rt, int depth, const char *name)
{
	if (depth == rt->base + 1 && strcmp(name, "t") == 0) {
		/* openpyxl keeps the last <t> of an element. */
		buf_reset(rt->plain);
		rt->into = rt->plain;
		rt->t_depth = depth;
	} else if (depth == rt->base + 1 && strcmp(name, "r") == 0) {
		rt->in_run = 1;
		buf_reset(rt->run);
	} else if (rt->in_run && depth == rt->base + 2 &&
	    strcmp(name, "t") == 0) {
		buf_reset(rt->run);
		rt->into = rt->run;
		rt->t_depth = depth;
	}
}

void
sheet_rt_end(struct sheet_rt *rt, int depth, const char *name)
{
	if (depth == rt->t_depth) {
		rt->into = NULL;
		rt->t_depth = 0;
	}
	if (rt->in_run && depth == rt->base + 1 && strcmp(name, "r") == 0) {
		buf_add(rt->runs, rt->run->data != NULL ? rt->run->data : "",
		    rt->run->len);
		rt->in_run = 0;
	}
}

void
sheet_rt_text(struct sheet_rt *rt, int depth, const char *s, int len)
{
	/* Only the element's own text, at the depth of the open <t>. */
	if (rt->into != NULL && depth == rt->t_depth)
		buf_add(rt->into, s, (size_t)len);
}

char *
sheet_rt_done(struct sheet_rt *rt)
{
	struct buf out = BUF_INIT;

	buf_addstr(&out, "");
	buf_add(&out, rt->plain->data != NULL ? rt->plain->data : "",
	    rt->plain->len);
	buf_add(&out, rt->runs->data != NULL ? rt->runs->data : "",
	    rt->runs->len);
	rt->into = NULL;
	return buf_detach(&out);
}

void
sheet_rt_free(struct sheet_rt *rt)
{
	if (rt->plain != NULL) {
		buf_free(rt->plain);
		buf_free(rt->run);
		buf_free(rt->runs);
		free(rt->plain);
		free(rt->run);
		free(rt->runs);
	}
	memset(rt, 0, sizeof *rt);
}

/* Shared strings: each <si> as rich text; openpyxl also drops "x005F_". */
struct xlsx_sst {
	struct xlsx_pkg *k;
	size_t cap;
	int depth, si_depth;
	struct sheet_rt rt;
};

static int
xlsx_sst_start(void *ud, const char *name, const char **atts)
{
	struct xlsx_sst *s = ud;

	(void)atts;
	s->depth++;
	if (s->si_depth != 0)
		sheet_rt_start(&s->rt, s->depth, name);
	else if (strcmp(name, "si") == 0) {
		s->si_depth = s->depth;
		sheet_rt_begin(&s->rt, s->depth);
	}
	return 0;
}

static int
xlsx_sst_end(void *ud, const char *name)
{
	struct xlsx_sst *s = ud;
	struct sheet_xlsx *x = s->k->x;
	struct buf t = BUF_INIT;
	const char *p, *q;
	char *str;

	int d = s->depth--;

	if (s->si_depth == 0)
		return 0;
	if (d != s->si_depth) {
		sheet_rt_end(&s->rt, d, name);
		return 0;
	}
	s->si_depth = 0;
	if (x->nsst == SHEET_MAX_CELLS) {
		kesu_fail(s->k->cause, KESU_EDATA,
		    _("%s: more than %d shared strings"), x->name,
		    SHEET_MAX_CELLS);
		return -1;
	}
	str = sheet_rt_done(&s->rt);
	if (strstr(str, "x005F_") != NULL) {
		buf_addstr(&t, "");
		for (p = str; (q = strstr(p, "x005F_")) != NULL; p = q + 6)
			buf_add(&t, p, (size_t)(q - p));
		buf_addstr(&t, p);
		free(str);
		str = buf_detach(&t);
	}
	if (x->nsst == s->cap) {
		s->cap = s->cap == 0 ? 64 : s->cap * 2;
		x->sst = xreallocarray(x->sst, s->cap, sizeof *x->sst);
	}
	x->sst[x->nsst++] = str;
	return 0;
}

static int
xlsx_sst_text(void *ud, const char *t, int len)
{
	struct xlsx_sst *s = ud;

	if (s->si_depth != 0)
		sheet_rt_text(&s->rt, s->depth, t, len);
	return 0;
}

/* Styles: which cell formats (xf in cellXfs) show numbers as dates. */
struct xlsx_styles {
	struct xlsx_pkg *k;
	long *fmt_ids;
	char **fmt_codes;
	size_t nfmts;
	long *xf_fmt;
	size_t nxf;
	int in_xfs;
};

static int
xlsx_styles_id(struct xlsx_styles *st, const char *v, long *out)
{
	long long n;

	if (v == NULL) {
		*out = 0;
		return 0;
	}
	if (sheet_xval_int(v, strlen(v), &n) != 0 || n < 0 || n > 1000000) {
		kesu_fail(st->k->cause, KESU_EDATA,
		    _("%s: xl/styles.xml: numFmtId '%.40s' is not a number"),
		    st->k->x->name, v);
		return -1;
	}
	*out = (long)n;
	return 0;
}

static int
xlsx_styles_start(void *ud, const char *name, const char **atts)
{
	struct xlsx_styles *st = ud;
	long id;

	if (strcmp(name, "cellXfs") == 0)
		st->in_xfs = 1;
	else if (st->in_xfs && strcmp(name, "xf") == 0) {
		if (xlsx_styles_id(st, sheet_xml_attr(atts, "numFmtId", 0),
		    &id) != 0)
			return -1;
		if (st->nxf == XLSX_MAX_ENTRIES)
			return 0;
		st->xf_fmt = xreallocarray(st->xf_fmt, st->nxf + 1,
		    sizeof *st->xf_fmt);
		st->xf_fmt[st->nxf++] = id;
	} else if (strcmp(name, "numFmt") == 0) {
		if (xlsx_styles_id(st, sheet_xml_attr(atts, "numFmtId", 0),
		    &id) != 0)
			return -1;
		if (st->nfmts == XLSX_MAX_ENTRIES)
			return 0;
		st->fmt_ids = xreallocarray(st->fmt_ids, st->nfmts + 1,
		    sizeof *st->fmt_ids);
		st->fmt_codes = xreallocarray(st->fmt_codes, st->nfmts + 1,
		    sizeof *st->fmt_codes);
		st->fmt_ids[st->nfmts] = id;
		st->fmt_codes[st->nfmts++] = xstrdup(
		    sheet_xml_attr(atts, "formatCode", 0) != NULL ?
		    sheet_xml_attr(atts, "formatCode", 0) : "");
	}
	return 0;
}

static int
xlsx_styles_end(void *ud, const char *name)
{
	struct xlsx_styles *st = ud;

	if (strcmp(name, "cellXfs") == 0)
		st->in_xfs = 0;
	return 0;
}

static int
xlsx_styles(struct xlsx_pkg *k)
{
	static const struct sheet_xml_cb cb = { xlsx_styles_start,
		xlsx_styles_end, NULL };
	struct xlsx_styles st;
	const char *code;
	char *data;
	size_t len, i, j;
	int rc;

	if ((rc = sheet_zip_read(k->zip, "xl/styles.xml", &data, &len,
	    k->cause)) != KESU_OK ||
	    data == NULL)
		return rc;
	memset(&st, 0, sizeof st);
	st.k = k;
	rc = sheet_xml_parse(k->x->name, "xl/styles.xml", data, len, &cb, &st,
	    k->cause);
	if (rc == KESU_OK && st.nxf > 0) {
		k->x->datexf = xcalloc(st.nxf, 1);
		k->x->nxf = st.nxf;
		for (i = 0; i < st.nxf; i++) {
			/* A custom format of that id wins over a built-in. */
			code = NULL;
			for (j = 0; j < st.nfmts; j++) {
				if (st.fmt_ids[j] == st.xf_fmt[i])
					code = st.fmt_codes[j];
			}
			k->x->datexf[i] = code != NULL ?
			    sheet_xval_date_format(code) :
			    sheet_xval_builtin_date(st.xf_fmt[i]);
		}
	}
	for (j = 0; j < st.nfmts; j++)
		free(st.fmt_codes[j]);
	free(st.fmt_codes);
	free(st.fmt_ids);
	free(st.xf_fmt);
	free(data);
	return rc;
}

static int
xlsx_part(struct xlsx_pkg *k, const char *part, int need,
    const struct sheet_xml_cb *cb, void *ud)
{
	char *data;
	size_t len;
	int rc;

	if ((rc = sheet_zip_read(k->zip, part, &data, &len, k->cause)) !=
	    KESU_OK)
		return rc;
	if (data == NULL) {
		if (!need)
			return KESU_OK;
		return kesu_fail(k->cause, KESU_EDATA,
		    _("%s: %s is missing: not an Excel workbook"), k->x->name,
		    part);
	}
	rc = sheet_xml_parse(k->x->name, part, data, len, cb, ud, k->cause);
	free(data);
	return rc;
}

static int
xlsx_strings(struct xlsx_pkg *k)
{
	static const struct sheet_xml_cb cb = { xlsx_sst_start, xlsx_sst_end,
		xlsx_sst_text };
	struct xlsx_sst s;
	const char *suffix = "/sharedStrings", *path = NULL;
	char *found = NULL;
	size_t i, n = strlen(suffix), tl;
	int rc;

	for (i = 0; i < k->nrels && path == NULL; i++) {
		tl = strlen(k->rels[i].type);
		if (!k->rels[i].external && tl >= n &&
		    strcmp(k->rels[i].type + tl - n, suffix) == 0)
			path = found = xlsx_target_path(k->rels[i].target);
	}
	memset(&s, 0, sizeof s);
	s.k = k;
	rc = xlsx_part(k, path != NULL ? path : "xl/sharedStrings.xml", 0, &cb,
	    &s);
	sheet_rt_free(&s.rt);
	free(found);
	return rc;
}

/* Read every sheet the workbook lists into k->x->bld. */
static int
xlsx_sheets(struct xlsx_pkg *k)
{
	struct sheet_xlsx *x = k->x;
	const struct xlsx_rel *r;
	char **paths, *data;
	const char *why;
	size_t len;
	int i, present = 0, rc = KESU_OK;

	paths = xcalloc((size_t)k->nsheets + 1, sizeof *paths);
	for (i = 0; i < k->nsheets; i++) {
		if ((r = xlsx_rel(k, k->sheet_rids[i])) == NULL) {
			rc = kesu_fail(k->cause, KESU_EDATA,
			    _("%s: sheet '%s' has no relationship '%s'"), x->name,
			    k->sheet_names[i], k->sheet_rids[i]);
			goto out;
		}
		if (r->external)
			continue;
		paths[i] = xlsx_target_path(r->target);
		if (!sheet_zip_has(k->zip, paths[i])) {
			free(paths[i]);
			paths[i] = NULL;
			continue;
		}
		present++;
	}
	for (i = 0; i < k->nsheets; i++) {
		if (paths[i] == NULL)
			continue;
		if (sheet_bld_sheet(&x->bld, k->sheet_names[i],
		    strlen(k->sheet_names[i]), &why) != 0) {
			rc = kesu_fail(k->cause, KESU_EDATA,
			    _("%s: sheet '%s' %s"), x->name, k->sheet_names[i],
			    why);
			goto out;
		}
		if (present > 1 && !sheet_pyxform_reads(k->sheet_names[i]))
			continue;
		if ((rc = sheet_zip_read(k->zip, paths[i], &data, &len,
		    k->cause)) != KESU_OK)
			goto out;
		rc = sheet_xlsx_sheet(x, paths[i], data, len, k->cause);
		free(data);
		if (rc != KESU_OK)
			goto out;
	}
out:
	for (i = 0; i < k->nsheets; i++)
		free(paths[i]);
	free(paths);
	return rc;
}

int
sheet_xlsx_parse(const char *name, const char *data, size_t len,
    struct sheet_book **out, char **cause)
{
	static const struct sheet_xml_cb wb_cb = { xlsx_wb_start, xlsx_wb_end,
		NULL };
	static const struct sheet_xml_cb rels_cb = { xlsx_rels_start, NULL,
		NULL };
	struct sheet_xlsx x;
	struct xlsx_pkg k;
	size_t i;
	int rc;

	*out = NULL;
	memset(&x, 0, sizeof x);
	memset(&k, 0, sizeof k);
	x.name = name;
	k.x = &x;
	k.cause = cause;
	sheet_bld_init(&x.bld, name);
	x.bld.seq_is_row = true;
	if ((rc = sheet_zip_open(name, data, len, &k.zip, cause)) != KESU_OK)
		goto out;
	if ((rc = xlsx_part(&k, "xl/workbook.xml", 1, &wb_cb, &k)) != KESU_OK)
		goto out;
	if ((rc = xlsx_part(&k, "xl/_rels/workbook.xml.rels", 1, &rels_cb,
	    &k)) != KESU_OK)
		goto out;
	if ((rc = xlsx_strings(&k)) != KESU_OK)
		goto out;
	if ((rc = xlsx_styles(&k)) != KESU_OK)
		goto out;
	rc = xlsx_sheets(&k);
out:
	sheet_zip_close(k.zip);
	if (rc == KESU_OK)
		*out = sheet_bld_finish(&x.bld);
	else
		sheet_bld_abort(&x.bld);
	for (i = 0; i < (size_t)k.nsheets; i++) {
		free(k.sheet_names[i]);
		free(k.sheet_rids[i]);
	}
	free(k.sheet_names);
	free(k.sheet_rids);
	for (i = 0; i < k.nrels; i++) {
		free(k.rels[i].id);
		free(k.rels[i].type);
		free(k.rels[i].target);
	}
	free(k.rels);
	for (i = 0; i < x.nsst; i++)
		free(x.sst[i]);
	free(x.sst);
	free(x.datexf);
	return rc;
}

/*
 * expr_func.c - the functions of ODK XPath that kesu offers.
 *
 * Each follows JavaRosa's implementation (ODK Collect), including its
 * leniencies: selected-at() past the end is "", substr() accepts negative
 * positions counted from the end, min() and max() skip empty values,
 * coalesce() treats NaN as empty.  Where Collect would stop the interview
 * with an exception (date() or format-date() of text that is not a date)
 * the result is empty instead.  if() and coalesce() evaluate only the
 * arguments they need.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr_int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/uuid.h"
#include "util/xalloc.h"

#define MAX_DATE_DAYS 1e8

static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && (unsigned char)**s <= ' ') {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && (unsigned char)(*s)[*len - 1] <= ' ')
		(*len)--;
}

/* JavaRosa: (" " + list + " ").contains(" " + value.trim() + " "). */
static bool
selected(const struct val *list, const struct val *value)
{
	const char *s = list->s, *w = value->s;
	size_t n = list->len, wl = value->len, p;

	trim(&w, &wl);
	for (p = 0; p + wl <= n; p++) {
		if (p > 0 && s[p - 1] != ' ')
			continue;
		if (p + wl < n && s[p + wl] != ' ')
			continue;
		if (memcmp(s + p, w, wl) == 0)
			return true;
	}
	return false;
}

/* The i-th (0-based) space-separated item of s, or false past the end;
 * with i < 0, *count gets the number of items. */
static bool
list_item(const char *s, size_t len, long i, const char **item,
    size_t *ilen, long *count)
{
	size_t p = 0, start;
	long k = 0;

	while (p < len) {
		while (p < len && s[p] == ' ')
			p++;
		if (p == len)
			break;
		start = p;
		while (p < len && s[p] != ' ')
			p++;
		if (k == i) {
			*item = s + start;
			*ilen = p - start;
			return true;
		}
		k++;
	}
	if (count != NULL)
		*count = k;
	return false;
}

static void
substr(struct val *v, struct val *a, int nargs, int tz)
{
	size_t units = expr_utf16_len(a[0].s, a[0].len), b0, b1;
	long len = (long)units, start, end;

	start = expr_num_jint(trunc(val_to_num(&a[1], tz)));
	end = nargs == 3 ? expr_num_jint(trunc(val_to_num(&a[2], tz))) : len;
	if (start < 0)
		start += len;
	if (end < 0)
		end += len;
	end = end < 0 ? 0 : end > len ? len : end;
	start = start < 0 ? 0 : start > len ? len : start;
	if (start > end) {
		val_strref(v, "", 0);
		return;
	}
	b0 = expr_utf16_off(a[0].s, a[0].len, (size_t)start);
	b1 = expr_utf16_off(a[0].s, a[0].len, (size_t)end);
	val_strown(v, xstrndup(a[0].s + b0, b1 - b0), b1 - b0);
}

static void
concat(struct val *v, struct val *a, int nargs)
{
	struct buf b = BUF_INIT;
	size_t len;
	int i;

	for (i = 0; i < nargs; i++) {
		val_to_str(&a[i]);
		buf_add(&b, a[i].s, a[i].len);
	}
	len = b.len;
	val_strown(v, buf_detach(&b), len);
}

/* JavaRosa's max()/min(): empty (NaN) arguments are skipped; NaN when
 * all are. */
static double
extreme(struct val *a, int nargs, bool max, int tz)
{
	double r = NAN, d;
	int i;

	for (i = 0; i < nargs; i++) {
		d = val_to_num(&a[i], tz);
		if (isnan(d))
			continue;
		if (isnan(r) || (max ? d > r : d < r))
			r = d;
	}
	return r;
}

/* Java's Math.pow where C's pow() differs. */
static double
java_pow(double x, double y)
{
	if (isnan(y) || (fabs(x) == 1 && isinf(y)))
		return NAN;
	return pow(x, y);
}

/* JavaRosa's toInt(): truncation toward zero. */
static double
to_int(double d)
{
	if (isnan(d) || isinf(d) || fabs(d) >= 9.2e18)
		return d;
	return trunc(d);
}

/*
 * A value as local days for date() and format-date(): false when it is not
 * a date (empty, unreadable text, a boolean).  A number of days counts from
 * 1970-01-01 in UTC, as Collect's Date(n * 86400000) does, so with a
 * positive offset it falls in the same local day.
 */
bool
expr_to_days(const struct val *a, int tz, double *days)
{
	const char *s = a->s;
	size_t len = a->len;
	bool has_time;

	switch (a->kind) {
	case V_NUM:
		*days = a->n + tz / 86400.0;
		break;
	case V_DATE:
	case V_DTIME:
		*days = a->n;
		break;
	case V_STR:
		trim(&s, &len);
		if (!expr_date_parse(s, len, false, tz, days, &has_time))
			return false;
		break;
	default:
		return false;
	}
	return isfinite(*days) && fabs(*days) <= MAX_DATE_DAYS;
}

static void
fn_date(struct val *v, const struct val *a, int tz)
{
	double d;

	if (a->kind == V_NUM) {
		d = to_int(a->n);
		if (isnan(d) || fabs(d) > MAX_DATE_DAYS) {
			val_num(v, NAN);
			return;
		}
	} else if (!expr_to_days(a, tz, &d)) {
		val_strref(v, "", 0);
		return;
	}
	val_num(v, floor(d));
	v->kind = V_DATE;
}

static int
fn_format_date(struct val *v, struct val *a, struct ectx *cx)
{
	struct buf b = BUF_INIT;
	double d;
	size_t len;
	int rc;

	val_to_str(&a[1]);
	if (!expr_to_days(&a[0], cx->env->tz_offset, &d)) {
		val_strref(v, "", 0);
		return 0;
	}
	if ((rc = expr_date_format(d, a[1].s, &b, cx->cause)) != 0) {
		buf_free(&b);
		return rc;
	}
	len = b.len;
	val_strown(v, buf_detach(&b), len);
	return 0;
}

static int
fn_regex(const struct node *n, struct val *v, struct val *a,
    struct ectx *cx)
{
	bool match;
	int rc;

	val_to_str(&a[0]);
	val_to_str(&a[1]);
	rc = expr_regex_match(n->re, a[1].s, a[0].s, &match, cx->cause);
	if (rc == 0)
		val_bool(v, match);
	return rc;
}

static void
fn_selected_at(struct val *v, struct val *a, int tz)
{
	const char *item;
	size_t ilen;
	long i = expr_num_jint(trunc(val_to_num(&a[1], tz)));

	val_to_str(&a[0]);
	if (i >= 0 && list_item(a[0].s, a[0].len, i, &item, &ilen, NULL))
		val_strown(v, xstrndup(item, ilen), ilen);
	else
		val_strref(v, "", 0);
}

/* Functions whose arguments are all evaluated first. */
static int
apply(const struct node *n, struct ectx *cx, struct val *v, struct val *a)
{
	int tz = cx->env->tz_offset, nargs = n->nkids;
	const char *item;
	size_t ilen;
	long count = 0;

	switch (n->fn) {
	case F_SELECTED:
		val_to_str(&a[0]);
		val_to_str(&a[1]);
		val_bool(v, selected(&a[0], &a[1]));
		break;
	case F_COUNT_SELECTED:
		val_to_str(&a[0]);
		list_item(a[0].s, a[0].len, -1, &item, &ilen, &count);
		val_num(v, (double)count);
		break;
	case F_SELECTED_AT:
		fn_selected_at(v, a, tz);
		break;
	case F_CONCAT:
		concat(v, a, nargs);
		break;
	case F_STRING_LENGTH:
		val_to_str(&a[0]);
		val_num(v, (double)expr_utf16_len(a[0].s, a[0].len));
		break;
	case F_SUBSTR:
		val_to_str(&a[0]);
		substr(v, a, nargs, tz);
		break;
	case F_CONTAINS:
	case F_STARTS_WITH:
	case F_ENDS_WITH:
		val_to_str(&a[0]);
		val_to_str(&a[1]);
		if (a[1].len > a[0].len)
			val_bool(v, false);
		else if (n->fn == F_CONTAINS)
			val_bool(v, a[1].len == 0 ||
			    memmem(a[0].s, a[0].len, a[1].s, a[1].len) != NULL);
		else if (n->fn == F_STARTS_WITH)
			val_bool(v, memcmp(a[0].s, a[1].s, a[1].len) == 0);
		else
			val_bool(v, memcmp(a[0].s + a[0].len - a[1].len,
			    a[1].s, a[1].len) == 0);
		break;
	case F_REGEX:
		return fn_regex(n, v, a, cx);
	case F_NUMBER:
		val_num(v, val_to_num(&a[0], tz));
		break;
	case F_INT:
		val_num(v, to_int(val_to_num(&a[0], tz)));
		break;
	case F_ROUND:
		val_num(v, expr_num_round(val_to_num(&a[0], tz),
		    nargs == 2 ? val_to_num(&a[1], tz) : 0));
		break;
	case F_STRING:
		val_to_str(&a[0]);
		*v = a[0];
		a[0].own = false;
		break;
	case F_BOOLEAN:
	case F_NOT:
		val_bool(v, val_to_bool(&a[0]) == (n->fn == F_BOOLEAN));
		break;
	case F_FORMAT_DATE:
		return fn_format_date(v, a, cx);
	case F_DATE:
		fn_date(v, &a[0], tz);
		break;
	case F_POW:
		val_num(v, java_pow(val_to_num(&a[0], tz),
		    val_to_num(&a[1], tz)));
		break;
	case F_ABS:
		val_num(v, fabs(val_to_num(&a[0], tz)));
		break;
	case F_MIN:
	case F_MAX:
		val_num(v, extreme(a, nargs, n->fn == F_MAX, tz));
		break;
	case F_SQRT: case F_EXP: case F_EXP10: case F_LOG: case F_LOG10:
	case F_SIN: case F_COS: case F_TAN: case F_ASIN: case F_ACOS:
	case F_ATAN: case F_ATAN2: case F_PI: case F_FLOOR: case F_CEILING:
		return expr_fn_math(n, cx, v, a);
	case F_TRANSLATE: case F_NORMALIZE_SPACE: case F_SUBSTRING_BEFORE:
	case F_SUBSTRING_AFTER: case F_JOIN: case F_BOOLEAN_FROM_STRING:
	case F_CHECKLIST: case F_WEIGHTED_CHECKLIST:
	case F_DIGEST: case F_BASE64_DECODE: case F_DEPEND:
		return expr_fn_string(n, cx, v, a);
	case F_DATE_TIME: case F_DECIMAL_DATE_TIME: case F_DECIMAL_TIME:
		return expr_fn_dtime(n, cx, v, a);
	case F_VERSION: case F_PROPERTY: case F_CHOICE_NAME: case F_RANDOM:
		return expr_fn_device(n, cx, v, a);
	default:
		return kesu_fail(cx->cause, KESU_ESOFTWARE,
		    _("function '%s' has no implementation"),
		    expr_func_name(n->fn));
	}
	return 0;
}

static bool
is_null(const struct val *v)
{
	return (v->kind == V_STR && v->len == 0) ||
	    (v->kind == V_NUM && isnan(v->n));
}

/* Functions that take no arguments or evaluate them lazily. */
static int
special(const struct node *n, struct ectx *cx, struct val *v, bool *done)
{
	const struct expr_env *env = cx->env;
	struct val self;
	char id[37];
	bool b;
	int rc;

	*done = true;
	switch (n->fn) {
	case F_IF:
		if ((rc = expr_eval_node(n->kids[0], cx, v)) != 0)
			return rc;
		b = val_to_bool(v);
		val_free(v);
		return expr_eval_node(n->kids[b ? 1 : 2], cx, v);
	case F_COALESCE:
		if ((rc = expr_eval_node(n->kids[0], cx, v)) != 0 ||
		    !is_null(v))
			return rc;
		val_free(v);
		return expr_eval_node(n->kids[1], cx, v);
	case F_ONCE:
		if (env->self != NULL && env->self[0] != '\0') {
			val_strref(v, env->self, strlen(env->self));
			return 0;
		}
		return expr_eval_node(n->kids[0], cx, v);
	case F_STRING_LENGTH:
		if (n->nkids != 0)
			break;
		val_num(v, env->self == NULL ? 0 :
		    (double)expr_utf16_len(env->self, strlen(env->self)));
		return 0;
	case F_NORMALIZE_SPACE:
		if (n->nkids != 0)
			break;
		val_strref(&self, env->self != NULL ? env->self : "",
		    env->self != NULL ? strlen(env->self) : 0);
		return expr_fn_string(n, cx, v, &self);
	case F_TRUE:
	case F_FALSE:
		val_bool(v, n->fn == F_TRUE);
		return 0;
	case F_TODAY:
		val_num(v, floor((env->now + env->tz_offset) / 86400.0));
		v->kind = V_DATE;
		return 0;
	case F_NOW:
		val_num(v, (env->now + env->tz_offset) / 86400.0);
		v->kind = V_DTIME;
		return 0;
	case F_UUID:
		if (env->uuid != NULL)
			env->uuid(env->ctx, id);
		else
			uuid_v4(id);
		id[36] = '\0';
		val_strown(v, xstrdup(id), strlen(id));
		return 0;
	default:
		break;
	}
	*done = false;
	return 0;
}

int
expr_call(const struct node *n, struct ectx *cx, struct val *v)
{
	struct val local[4], *a = local;
	bool done;
	int i, rc;

	if ((rc = special(n, cx, v, &done)) != 0 || done ||
	    (rc = expr_nodeset_call(n, cx, v, &done)) != 0 || done)
		return rc;
	if (n->nkids > 4)
		a = xcalloc((size_t)n->nkids, sizeof *a);
	for (i = 0; i < n->nkids; i++)
		if ((rc = expr_eval_node(n->kids[i], cx, &a[i])) != 0)
			goto out;
	rc = apply(n, cx, v, a);
out:
	while (i > 0)
		val_free(&a[--i]);
	if (a != local)
		free(a);
	return rc;
}

/*
 * expr_device.c - functions that read the form, the device or chance:
 * version(), property(), jr:choice-name() and random().
 *
 *   version()                 the form's version (settings `version`), ""
 *                             without one.
 *   property(name)            what Collect's property manager answers
 *                             where a laptop has it: deviceid, username
 *                             (the environment decides); "" otherwise.
 *   jr:choice-name(v, '${q}') the label of choice v of q's list in the
 *                             current language ('/data/q' is read too).
 *   random()                  a number in [0, 1), new at each evaluation
 *                             (use once(random()) to keep one).
 */
#include <stdlib.h>
#include <string.h>

#include "expr/expr_int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* The field name in '${q}', '/data/group/q' or 'q'. */
static char *
choice_field(const char *s)
{
	const char *slash;
	size_t len = strlen(s);

	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len > 3 && s[0] == '$' && s[1] == '{' && s[len - 1] == '}')
		return xstrndup(s + 2, len - 3);
	if ((slash = memrchr(s, '/', len)) != NULL) {
		len -= (size_t)(slash + 1 - s);
		s = slash + 1;
	}
	return xstrndup(s, len);
}

static void
str_result(struct val *v, const char *s)
{
	if (s == NULL)
		s = "";
	val_strown(v, xstrdup(s), strlen(s));
}

int
expr_fn_device(const struct node *n, struct ectx *cx, struct val *v,
    struct val *a)
{
	const struct expr_env *env = cx->env;
	char *field;

	switch (n->fn) {
	case F_VERSION:
		str_result(v, env->version);
		return 0;
	case F_PROPERTY:
		val_to_str(&a[0]);
		str_result(v, env->property != NULL ?
		    env->property(env->ctx, a[0].s) : NULL);
		return 0;
	case F_CHOICE_NAME:
		val_to_str(&a[0]);
		val_to_str(&a[1]);
		if (env->choice_label == NULL || a[0].len == 0) {
			val_strref(v, "", 0);
			return 0;
		}
		field = choice_field(a[1].s);
		str_result(v, env->choice_label(env->ctx, field, a[0].s));
		free(field);
		return 0;
	case F_RANDOM:
		val_num(v, env->random != NULL ? env->random(env->ctx) :
		    (double)random() / ((double)RAND_MAX + 1.0));
		return 0;
	default:
		return kesu_fail(cx->cause, KESU_ESOFTWARE,
		    _("function '%s' is not a device function"),
		    expr_func_name(n->fn));
	}
}

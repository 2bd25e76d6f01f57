/*
 * form_types.c - the survey sheet's type column.
 *
 * Types are matched exactly as pyxform matches them (case matters):
 * the XLSForm names and pyxform's older aliases ("int", "string",
 * "select one LIST", "begin group", "imei", ...).  Types XLSForm knows but
 * kesu does not carry out (repeats, media, geo, date-times, selects from
 * files, ...) are refused by name rather than reported as unknown, so the
 * author learns it is kesu's limit and not a typing mistake.
 */
#include <stdlib.h>
#include <string.h>

#include "form/form_int.h"
#include "util/buf.h"

struct typename {
	const char *name;
	enum form_type type;
};

static const struct typename supported[] = {
	{ "integer", FORM_INTEGER },
	{ "int", FORM_INTEGER },
	{ "q int", FORM_INTEGER },
	{ "add integer prompt", FORM_INTEGER },
	{ "decimal", FORM_DECIMAL },
	{ "q decimal", FORM_DECIMAL },
	{ "add decimal prompt", FORM_DECIMAL },
	{ "text", FORM_TEXT },
	{ "string", FORM_TEXT },
	{ "q string", FORM_TEXT },
	{ "add text prompt", FORM_TEXT },
	{ "note", FORM_NOTE },
	{ "q note", FORM_NOTE },
	{ "add note prompt", FORM_NOTE },
	{ "calculate", FORM_CALCULATE },
	{ "q calculate", FORM_CALCULATE },
	{ "add calculate prompt", FORM_CALCULATE },
	{ "date", FORM_DATE },
	{ "q date", FORM_DATE },
	{ "add date prompt", FORM_DATE },
	{ "acknowledge", FORM_ACKNOWLEDGE },
	{ "q acknowledge", FORM_ACKNOWLEDGE },
	{ "add acknowledge prompt", FORM_ACKNOWLEDGE },
	{ "time", FORM_TIME },
	{ "dateTime", FORM_DATETIME },
	{ "datetime", FORM_DATETIME },
	{ "date time", FORM_DATETIME },
	{ "q date time", FORM_DATETIME },
	{ "q dateTime", FORM_DATETIME },
	{ "add date time prompt", FORM_DATETIME },
	{ "add dateTime prompt", FORM_DATETIME },
	{ "range", FORM_RANGE },
	{ "geopoint", FORM_GEOPOINT },
	{ "q geopoint", FORM_GEOPOINT },
	{ "location", FORM_GEOPOINT },
	{ "q location", FORM_GEOPOINT },
	{ "gps", FORM_GEOPOINT },
	{ "add location prompt", FORM_GEOPOINT },
	{ "hidden", FORM_HIDDEN },
	{ "start", FORM_START },
	{ "start time", FORM_START },
	{ "get start time", FORM_START },
	{ "end", FORM_END },
	{ "end time", FORM_END },
	{ "get end time", FORM_END },
	{ "today", FORM_TODAY },
	{ "get today", FORM_TODAY },
	{ "deviceid", FORM_DEVICEID },
	{ "imei", FORM_DEVICEID },
	{ "device id", FORM_DEVICEID },
	{ "get device id", FORM_DEVICEID },
	{ "uri:deviceid", FORM_DEVICEID },
	{ "username", FORM_USERNAME },
	{ "uri:username", FORM_USERNAME },
	{ NULL, FORM_TEXT }
};

/* Known to XLSForm (pyxform's question type dictionary), not to kesu. */
static const char *const unsupported[] = {
	"geotrace", "geoshape", "image", "photo", "audio", "video", "file",
	"barcode", "phonenumber", "phone number", "email",
	"audit", "start-geopoint",
	"background-audio", "background-geopoint", "simserial", "sim id",
	"subscriberid", "subscriber id", "trigger",
	"percentage", "osm", "q picture", "q image", "q audio", "q video",
	"q barcode", "q geoshape", "q geotrace", "q select", "q select1",
	"add image prompt", "add photo prompt", "add audio prompt",
	"add video prompt", "add file prompt", "add barcode prompt",
	"get phone number", "get sim id", "get subscriber id",
	"uri:phonenumber", "uri:simserial", "uri:subscriberid", "uri:email",
	"number of days in last month", "number of days in last six months",
	"number of days in last year", "form_title", "set_form_title",
	"form_id", "set_form_id", "prefix",
	NULL
};

struct selectcmd {
	const char *cmd;
	int kind;       /* 1 one, 2 multiple (3, 4 from a file), 5 rank,
			 * 0 unsupported */
};

static const struct selectcmd selects[] = {
	{ "select_one", 1 },
	{ "select one", 1 },
	{ "select1", 1 },
	{ "select one from", 1 },
	{ "add select one prompt using", 1 },
	{ "select_multiple", 2 },
	{ "select all that apply", 2 },
	{ "select all that apply from", 2 },
	{ "add select multiple prompt using", 2 },
	{ "select_one_external", 0 },
	{ "select_one_from_file", 3 },
	{ "select_multiple_from_file", 4 },
	{ "select one from file", 3 },
	{ "select multiple from file", 4 },
	{ "rank", 5 },
	{ "osm", 0 },
	{ NULL, 0 }
};

/* The container words after begin/end; all but "group" are repeats. */
static const char *const containers[] = {
	"looped group", "lgroup", "group", "repeat", "loop", NULL
};

/* "LIST" or "LIST or_other" (or "or other", "or specify other"). */
static bool
select_tail(const char *rest, struct form_typeinfo *t)
{
	static const char *const other[] = { " or specify other", " or_other",
		" or other", NULL };
	size_t n = strcspn(rest, " ");
	int i;

	if (n == 0)
		return false;
	t->list = rest;
	t->list_len = n;
	t->or_other = false;
	if (rest[n] == '\0')
		return true;
	for (i = 0; other[i] != NULL; i++)
		if (strcmp(rest + n, other[i]) == 0) {
			t->or_other = true;
			return true;
		}
	return false;
}

/* begin/end (space or '_') and a container word; *tail after it. */
static bool
container(const char *cell, const char *verb, bool *repeat,
    const char **tail)
{
	size_t n = strlen(verb);
	int i;

	if (strncmp(cell, verb, n) != 0 || (cell[n] != ' ' && cell[n] != '_'))
		return false;
	cell += n + 1;
	for (i = 0; containers[i] != NULL; i++) {
		n = strlen(containers[i]);
		if (strncmp(cell, containers[i], n) == 0 &&
		    (cell[n] == '\0' || cell[n] == ' ')) {
			*repeat = strcmp(containers[i], "group") != 0;
			*tail = cell + n;
			return true;
		}
	}
	return false;
}

void
form_type_parse(const char *cell, struct form_typeinfo *t)
{
	const char *tail;
	size_t n;
	int i;

	memset(t, 0, sizeof *t);
	t->what = cell;
	t->what_len = strlen(cell);
	for (i = 0; supported[i].name != NULL; i++)
		if (strcmp(cell, supported[i].name) == 0) {
			t->kind = FTYPE_FIELD;
			t->type = supported[i].type;
			return;
		}
	if (strcmp(cell, "csv-external") == 0 ||
	    strcmp(cell, "xml-external") == 0) {
		t->kind = FTYPE_EXTERNAL;
		t->from_file = cell[0] == 'x';
		return;
	}
	if (container(cell, "begin", &t->repeat, &tail)) {
		/* "begin_group", "begin group", "begin repeat over LIST" */
		if (tail[0] == '\0' ||
		    (tail[0] == ' ' && strchr(tail + 1, ' ') == NULL) ||
		    (strncmp(tail, " over ", 6) == 0 &&
		    strchr(tail + 6, ' ') == NULL && tail[6] != '\0')) {
			t->kind = FTYPE_BEGIN;
			t->type = FORM_GROUP;
			t->what_len = (size_t)(tail - cell);
			return;
		}
	}
	if (container(cell, "end", &t->repeat, &tail) && tail[0] == '\0') {
		t->kind = FTYPE_END;
		return;
	}
	for (i = 0; selects[i].cmd != NULL; i++) {
		n = strlen(selects[i].cmd);
		if (strncmp(cell, selects[i].cmd, n) != 0 || cell[n] != ' ' ||
		    !select_tail(cell + n + 1, t))
			continue;
		t->what_len = n;
		if (selects[i].kind == 1 && t->list_len > 3 &&
		    strncmp(t->list, "${", 2) == 0 &&
		    t->list[t->list_len - 1] == '}' &&
		    memchr(t->list + 2, '$', t->list_len - 3) == NULL) {
			/* choices from a repeat's answers */
			t->kind = FTYPE_SELECT;
			t->type = FORM_SELECT_ONE;
			t->source = true;
			return;
		}
		if (selects[i].kind == 0 ||
		    memchr(t->list, '$', t->list_len) != NULL) {
			t->kind = FTYPE_UNSUPPORTED;
			if (selects[i].kind != 0)
				t->what_len = strlen(cell);
			return;
		}
		t->kind = FTYPE_SELECT;
		t->type = selects[i].kind == 5 ? FORM_RANK :
		    selects[i].kind % 2 == 1 ? FORM_SELECT_ONE :
		    FORM_SELECT_MULTIPLE;
		t->from_file = selects[i].kind == 3 || selects[i].kind == 4;
		return;
	}
	for (i = 0; selects[i].cmd != NULL; i++)
		if (selects[i].kind != 0 && strcmp(cell, selects[i].cmd) == 0) {
			t->kind = FTYPE_NOLIST;
			return;
		}
	for (i = 0; unsupported[i] != NULL; i++)
		if (strcmp(cell, unsupported[i]) == 0) {
			t->kind = FTYPE_UNSUPPORTED;
			return;
		}
	t->kind = FTYPE_UNKNOWN;
}

/* Names offered as corrections: the ones the XLSForm docs use. */
static const char *const canonical[] = {
	"integer", "decimal", "text", "note", "calculate", "date",
	"acknowledge", "start", "end", "today", "deviceid", "username",
	"begin_group", "end_group", "begin_repeat", "end_repeat", "range",
	"geopoint", "geotrace", "geoshape", "time", "dateTime", "image",
	"audio", "video", "file", "barcode", "hidden", "rank", "phonenumber",
	"email", "audit", NULL
};

static const char *const listed[] = {
	"select_one", "select_multiple", "select_one_from_file",
	"select_multiple_from_file", NULL
};

char *
form_type_suggest(const char *cell)
{
	const char *best = NULL, *tail = NULL, *sp = strchr(cell, ' ');
	char *word;
	int bestd = 99, d, i;

	for (i = 0; canonical[i] != NULL; i++) {
		if (!form_near(cell, canonical[i]))
			continue;
		d = form_distance(cell, canonical[i], 2);
		if (d < bestd) {
			bestd = d;
			best = canonical[i];
		}
	}
	if (sp != NULL && best == NULL) {
		word = kesu_msg("%.*s", (int)(sp - cell), cell);
		for (i = 0; listed[i] != NULL; i++) {
			if (!form_near(word, listed[i]))
				continue;
			d = form_distance(word, listed[i], 2);
			if (d < bestd) {
				bestd = d;
				best = listed[i];
				tail = sp;
			}
		}
		free(word);
	}
	if (best == NULL)
		return NULL;
	return kesu_msg("%s%s", best, tail != NULL ? tail : "");
}

/* Why kesu refuses a type XLSForm knows, for the form check's message;
 * NULL when there is nothing more to say than "not supported". */
const char *
form_type_why(const char *what, size_t len)
{
	static const struct {
		const char *type, *why;
	} whys[] = {
		{ "image", "a laptop interview takes no photos or files" },
		{ "photo", "a laptop interview takes no photos or files" },
		{ "file", "a laptop interview takes no photos or files" },
		{ "audio", "a laptop interview records no sound" },
		{ "background-audio", "a laptop interview records no sound" },
		{ "video", "a laptop interview records no video" },
		{ "barcode", "a laptop has no camera to scan barcodes; use text" },
		{ "geotrace", "traces and shapes are drawn on a map, which the "
		    "terminal has not; a geopoint is typed as latitude and "
		    "longitude" },
		{ "geoshape", "traces and shapes are drawn on a map, which the "
		    "terminal has not; a geopoint is typed as latitude and "
		    "longitude" },
		{ "start-geopoint", "a laptop has no location sensor" },
		{ "background-geopoint", "a laptop has no location sensor" },
		{ "audit", "kesu keeps its own paradata (kesu show)" },
		{ "phonenumber", "a laptop has no phone number" },
		{ "phone number", "a laptop has no phone number" },
		{ "get phone number", "a laptop has no phone number" },
		{ "uri:phonenumber", "a laptop has no phone number" },
		{ "simserial", "a laptop has no SIM card" },
		{ "sim id", "a laptop has no SIM card" },
		{ "get sim id", "a laptop has no SIM card" },
		{ "uri:simserial", "a laptop has no SIM card" },
		{ "subscriberid", "a laptop has no SIM card" },
		{ "subscriber id", "a laptop has no SIM card" },
		{ "get subscriber id", "a laptop has no SIM card" },
		{ "uri:subscriberid", "a laptop has no SIM card" },
		{ "email", "kesu knows no account e-mail; username and "
		    "deviceid are filled in" },
		{ "uri:email", "kesu knows no account e-mail; username and "
		    "deviceid are filled in" },
		{ "trigger", "write acknowledge, its current name" },
		{ "percentage", "an old pyxform type: write integer with the "
		    "constraint 0 <= . and . <= 100" },
		{ "number of days in last month", "an old pyxform type: write "
		    "integer with a constraint" },
		{ "number of days in last six months", "an old pyxform type: "
		    "write integer with a constraint" },
		{ "number of days in last year", "an old pyxform type: write "
		    "integer with a constraint" },
		{ "osm", "OpenStreetMap tagging needs a map, which the terminal "
		    "has not" },
		{ "select_one_external", "external selects are an old "
		    "mechanism: use select_one_from_file with a choice_filter" },
		{ "form_title", "a survey row cannot set it: write it in the "
		    "settings sheet" },
		{ "set_form_title", "a survey row cannot set it: write it in "
		    "the settings sheet" },
		{ "form_id", "a survey row cannot set it: write it in the "
		    "settings sheet" },
		{ "set_form_id", "a survey row cannot set it: write it in the "
		    "settings sheet" },
		{ "prefix", "compact prefixes are not offered" },
		{ "q picture", "a laptop interview takes no photos or files" },
		{ "q image", "a laptop interview takes no photos or files" },
		{ "add image prompt", "a laptop interview takes no photos or "
		    "files" },
		{ "add photo prompt", "a laptop interview takes no photos or "
		    "files" },
		{ "add file prompt", "a laptop interview takes no photos or "
		    "files" },
		{ "q audio", "a laptop interview records no sound" },
		{ "add audio prompt", "a laptop interview records no sound" },
		{ "q video", "a laptop interview records no video" },
		{ "add video prompt", "a laptop interview records no video" },
		{ "q barcode", "a laptop has no camera to scan barcodes; use "
		    "text" },
		{ "add barcode prompt", "a laptop has no camera to scan "
		    "barcodes; use text" },
		{ "q geoshape", "traces and shapes are drawn on a map, which "
		    "the terminal has not" },
		{ "q geotrace", "traces and shapes are drawn on a map, which "
		    "the terminal has not" },
		{ "q select", "write select_multiple LIST" },
		{ "q select1", "write select_one LIST" },
	};
	size_t i;

	for (i = 0; i < sizeof whys / sizeof whys[0]; i++)
		if (strlen(whys[i].type) == len &&
		    memcmp(whys[i].type, what, len) == 0)
			return whys[i].why;
	return NULL;
}

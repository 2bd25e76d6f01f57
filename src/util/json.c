/*
 * json.c - JSON strings for the machine-readable outputs (json.h).
 */
#include "util/json.h"
#include "util/text.h"

void
json_str(FILE *f, const char *v)
{
	size_t len;
	long c;

	putc('"', f);
	for (; *v != '\0'; v += len) {
		c = text_decode_utf8(v, &len);
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", (int)c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c < 0)
			fputs("\\ufffd", f);   /* not UTF-8 */
		else if (text_inert(c))
			fprintf(f, "\\u%04lx", c);
		else
			fwrite(v, 1, len, f);
	}
	putc('"', f);
}

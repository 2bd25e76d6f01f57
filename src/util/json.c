/*
 * json.c - JSON strings for the machine-readable outputs (json.h).
 */
#include "util/json.h"

void
json_str(FILE *f, const char *v)
{
	putc('"', f);
	for (; *v != '\0'; v++) {
		unsigned char c = (unsigned char)*v;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\u%04x", c);
		else
			putc(c, f);
	}
	putc('"', f);
}

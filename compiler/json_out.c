/*
 * json_out.c - JSON string output shared by the commands that print JSON lines (scan, run).
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

void slc_json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

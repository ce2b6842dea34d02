/* csvwrite.c — the CSV writer of csvwrite.h. */
#include <string.h>
#include "sxsh/csvwrite.h"

void csvwrite_init(struct csvwrite *w, struct dynbuf *out, char sep,
		   int spreadsheet)
{
	w->out = out;
	w->sep = sep;
	w->spreadsheet = spreadsheet;
	w->fields = 0;
}

/* "-12", "+3.25", "-1,5": a sign, digits and at most one decimal mark. */
static int plain_number(const char *s)
{
	int digits = 0, marks = 0;

	if (*s == '-' || *s == '+')
		s++;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if ((*s == '.' || *s == ',') && !marks++)
			continue;
		else
			return 0;
	}
	return digits > 0;
}

int csvwrite_neutralises(const char *s)
{
	switch (*s) {
	case '=':
	case '@':
	case '\t':
	case '\r':
		return 1;
	case '+':
	case '-':
		return !plain_number(s);
	case '\'':
		return csvwrite_neutralises(s + 1);
	default:
		return 0;
	}
}

const char *csvwrite_cell_text(const char *cell)
{
	return *cell == '\'' && csvwrite_neutralises(cell + 1) ? cell + 1
							       : cell;
}

static int needs_quotes(const char *s, char sep)
{
	size_t n = strlen(s);

	return strchr(s, sep) || strpbrk(s, ",;\"\t\r\n") ||
	       (n && (s[0] == ' ' || s[n - 1] == ' '));
}

void csvwrite_field(struct csvwrite *w, const char *s)
{
	int apostrophe;

	if (w->fields++)
		dynbuf_addc(w->out, w->sep);
	if (!s || !*s)
		return;
	apostrophe = w->spreadsheet && csvwrite_neutralises(s);
	if (!needs_quotes(s, w->sep)) {
		if (apostrophe)
			dynbuf_addc(w->out, '\'');
		dynbuf_adds(w->out, s);
		return;
	}
	dynbuf_addc(w->out, '"');
	if (apostrophe)
		dynbuf_addc(w->out, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			dynbuf_addc(w->out, '"');
		dynbuf_addc(w->out, *p);
	}
	dynbuf_addc(w->out, '"');
}

void csvwrite_end_row(struct csvwrite *w)
{
	dynbuf_add(w->out, "\r\n", 2);
	w->fields = 0;
}

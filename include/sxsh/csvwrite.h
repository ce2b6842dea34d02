/* csvwrite.h — the one CSV writer: export, the report's CSV and the
 * import's rejected rows all write through it, so they share one quoting
 * rule and one guard against formulas.
 *
 * Quoting: a field is quoted when it holds the separator, a comma, a
 * semicolon, a quote, a tab, CR or LF, or begins or ends with a space;
 * a quote inside is doubled.  Rows end with CRLF.
 *
 * Spreadsheets run a cell that begins with '=', '+', '-' or '@' (and
 * some a tab or CR) as a formula.  A writer for a spreadsheet puts an
 * apostrophe before such a cell, unless it is a plain number ("-12",
 * "-1,5", "+3.25" stay numbers); a cell that begins with an apostrophe
 * followed by what would be neutralised gets one more, so that reading
 * is exact: csvwrite_cell_text gives back the text that was written.
 */
#ifndef SXSH_CSVWRITE_H
#define SXSH_CSVWRITE_H

#include "sxsh/dynbuf.h"

struct csvwrite {
	struct dynbuf *out;   /* borrowed: rows are appended here */
	char sep;             /* ',' or ';' */
	int spreadsheet;      /* neutralise formulas */
	int fields;           /* fields in the current row */
};

/* A writer appending to out. */
void csvwrite_init(struct csvwrite *w, struct dynbuf *out, char sep,
		   int spreadsheet);
/* Appends one field (NULL is an empty one) to the current row. */
void csvwrite_field(struct csvwrite *w, const char *s);
/* Ends the row (CRLF); the next field starts a new one. */
void csvwrite_end_row(struct csvwrite *w);

/* 1 when a spreadsheet writer puts an apostrophe before s. */
int csvwrite_neutralises(const char *s);
/* The text a spreadsheet writer was given for the cell it wrote as cell:
 * cell without the apostrophe it added (a pointer into cell). */
const char *csvwrite_cell_text(const char *cell);

#endif

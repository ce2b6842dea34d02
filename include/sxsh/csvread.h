/* csvread.h — reading CSV as Excel and LibreOffice write it, over libcsv.
 *
 * Input is UTF-8 text already converted by encoding.h.  Comma, semicolon
 * or tab separated (guessed from the header line), fields quoted with "
 * and holding separators, "" and line breaks, CRLF or LF line ends, an
 * optional BOM.  Quotes are strict: a quote inside an unquoted field or a
 * quoted field that never closes is an error with its line.  Every row
 * must have the header's number of columns (extra empty cells at the end,
 * which spreadsheets leave behind, are dropped).  A field longer than the
 * bound (64 KB by default) is refused rather than grown without limit.
 */
#ifndef SXSH_CSVREAD_H
#define SXSH_CSVREAD_H

#include <stddef.h>
#include "sxsh/err.h"

#define CSVREAD_MAX_FIELD (64 * 1024)

struct csvread_row {
	char **fields;   /* count NUL-terminated fields, borrowed until the
			  * callback returns */
	size_t *lens;
	int count;
	long index;      /* 0 for the header, then 1, 2, … */
	long line;       /* the line of the file where the row starts */
};

/* Called for the header and then every row.  A non-SX_OK result stops
 * the parse and is returned by csvread_parse (err as the callback left
 * it). */
typedef enum sx_err (*csvread_row_fn)(const struct csvread_row *row,
				      void *arg, struct sx_error *err);

struct csvread_opts {
	char delim;           /* 0: guess from the header line */
	size_t max_field;     /* 0: CSVREAD_MAX_FIELD */
};

/* The separator the header line (the first line) uses most: ',', ';' or
 * '\t'; ',' when it has none. */
char csvread_guess_delim(const char *text, size_t len);

/* Parses text (len bytes; opts may be NULL) and calls fn for each row.
 * SX_INVALID with "line N: …" for an empty file, a file with only a
 * header, an unbalanced quote, a wrong column count or a field that is
 * too long; SX_NOMEM.  *data_rows (may be NULL) gets the number of rows
 * after the header that were handed to fn. */
enum sx_err csvread_parse(const char *text, size_t len,
			  const struct csvread_opts *opts, csvread_row_fn fn,
			  void *arg, long *data_rows, struct sx_error *err);

#endif

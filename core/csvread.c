/* csvread.c — CSV rows out of UTF-8 text, through libcsv.
 *
 * libcsv knows nothing of lines, so the text is fed to it one line at a
 * time (long lines in pieces of at most the field bound): the line being
 * fed when a row begins is the row's line, and a field that outgrows the
 * bound is caught after the piece that grew it.  Fields of the row being
 * built are copied into one growing buffer and handed to the callback
 * when libcsv ends the row.
 */
#include <csv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sxsh/dynbuf.h"
#include "sxsh/csvread.h"

struct reader {
	const struct csvread_opts *opts;
	size_t max_field;
	csvread_row_fn fn;
	void *arg;
	struct sx_error *err;
	enum sx_err rc;          /* first failure; stops the feeding */

	struct dynbuf buf;       /* the fields of the row, NUL-separated */
	size_t *offs, *lens;
	int nfields, fields_cap;
	char **ptrs;
	int ptrs_cap;

	int header_count;        /* columns of the header, 0 before it */
	long index;              /* rows handed over */
	long line;               /* line being fed */
	long row_line;           /* line where the current row began */
	int at_row_start;
};

static enum sx_err fail(struct sx_error *err, const char *vi,
			const char *en, ...)
{
	va_list ap, ap2;

	va_start(ap, en);
	va_copy(ap2, ap);
	if (err) {
		err->code = SX_INVALID;
		err->field[0] = '\0';
		vsnprintf(err->msg, sizeof err->msg, en, ap);
		vsnprintf(err->msg_vi, sizeof err->msg_vi, vi, ap2);
	}
	va_end(ap2);
	va_end(ap);
	return SX_INVALID;
}

static enum sx_err nomem(struct sx_error *err)
{
	return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
}

static void on_field(void *field, size_t len, void *data)
{
	struct reader *r = data;

	if (r->rc)
		return;
	if (len > r->max_field) {
		r->rc = fail(r->err,
			     "dòng %ld: một ô dài hơn %zu byte (có thể do "
			     "dấu ngoặc kép không đóng)",
			     "line %ld: a field is longer than %zu bytes "
			     "(an unclosed quote?)", r->row_line, r->max_field);
		return;
	}
	if (r->nfields == r->fields_cap) {
		int cap = r->fields_cap ? r->fields_cap * 2 : 16;
		size_t *o = realloc(r->offs, (size_t)cap * sizeof *o);
		size_t *l;
		if (!o) {
			r->rc = nomem(r->err);
			return;
		}
		r->offs = o;
		l = realloc(r->lens, (size_t)cap * sizeof *l);
		if (!l) {
			r->rc = nomem(r->err);
			return;
		}
		r->lens = l;
		r->fields_cap = cap;
	}
	r->offs[r->nfields] = r->buf.len;
	dynbuf_add(&r->buf, field, len);
	dynbuf_addc(&r->buf, '\0');
	if (r->buf.oom) {
		r->rc = nomem(r->err);
		return;
	}
	r->lens[r->nfields] = len;
	r->nfields++;
}

static void on_row(int c, void *data)
{
	struct reader *r = data;
	struct csvread_row row;
	int n;

	(void)c;
	if (r->rc)
		return;
	n = r->nfields;
	if (r->header_count) {
		/* spreadsheets leave empty cells after the last column */
		while (n > r->header_count && r->lens[n - 1] == 0)
			n--;
		if (n != r->header_count) {
			r->rc = fail(r->err,
				     "dòng %ld: có %d cột, dòng tiêu đề có "
				     "%d cột",
				     "line %ld: %d columns, the header has %d",
				     r->row_line, n, r->header_count);
			return;
		}
	} else {
		while (n > 1 && r->lens[n - 1] == 0)
			n--;
		r->header_count = n;
	}
	if (n > r->ptrs_cap) {
		char **p = realloc(r->ptrs, (size_t)n * sizeof *p);
		if (!p) {
			r->rc = nomem(r->err);
			return;
		}
		r->ptrs = p;
		r->ptrs_cap = n;
	}
	for (int i = 0; i < n; i++)
		r->ptrs[i] = r->buf.p + r->offs[i];
	row.fields = r->ptrs;
	row.lens = r->lens;
	row.count = n;
	row.index = r->index;
	row.line = r->row_line;
	r->rc = r->fn(&row, r->arg, r->err);
	r->index++;
	r->nfields = 0;
	dynbuf_reset(&r->buf);
	r->at_row_start = 1;
}

/* Excel writes and reads a first line "sep=;" naming the separator.
 * Returns the separator, or 0 when the line is not there. */
static char sep_line(const char *text, size_t len, size_t *skip)
{
	size_t n = 5;

	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		text += 3;
		len -= 3;
	}
	if (len < 5 || memcmp(text, "sep=", 4) || !strchr(",;\t|", text[4]) ||
	    !text[4])
		return 0;
	if (n < len && text[n] == '\r')
		n++;
	if (n < len && text[n] != '\n')
		return 0;
	if (skip)
		*skip = n < len ? n + 1 : n;
	return text[4];
}

char csvread_guess_delim(const char *text, size_t len)
{
	size_t counts[3] = {0, 0, 0};
	static const char delims[3] = {',', ';', '\t'};
	int quoted = 0, best = 0;
	char sep = sep_line(text, len, NULL);

	if (sep)
		return sep;

	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (c == '"')
			quoted = !quoted;
		else if (!quoted && (c == '\n' || c == '\r'))
			break;
		else if (!quoted)
			for (int k = 0; k < 3; k++)
				if (c == delims[k])
					counts[k]++;
	}
	for (int k = 1; k < 3; k++)
		if (counts[k] > counts[best])
			best = k;
	return delims[best];
}

static int blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != '\r' && s[i] != '\n' && s[i] != ' ' &&
		    s[i] != '\t')
			return 0;
	return 1;
}

static void feed(struct reader *r, struct csv_parser *p, const char *s,
		 size_t n)
{
	size_t piece = r->max_field;

	while (n && !r->rc) {
		size_t k = n < piece ? n : piece;
		if (csv_parse(p, s, k, on_field, on_row, r) != k && !r->rc) {
			if (csv_error(p) == CSV_EPARSE)
				r->rc = fail(r->err,
					     "dòng %ld: dấu ngoặc kép sai chỗ "
					     "hoặc không đóng",
					     "line %ld: a quote is misplaced "
					     "or not closed", r->row_line);
			else
				r->rc = nomem(r->err);
		}
		if (!r->rc && csv_get_buffer_size(p) > r->max_field + 1024)
			r->rc = fail(r->err,
				     "dòng %ld: một ô dài hơn %zu byte (có "
				     "thể do dấu ngoặc kép không đóng)",
				     "line %ld: a field is longer than %zu "
				     "bytes (an unclosed quote?)",
				     r->row_line, r->max_field);
		s += k;
		n -= k;
	}
}

enum sx_err csvread_parse(const char *text, size_t len,
			  const struct csvread_opts *opts, csvread_row_fn fn,
			  void *arg, long *data_rows, struct sx_error *err)
{
	struct reader r;
	struct csv_parser p;
	size_t pos = 0;
	char delim = opts && opts->delim ? opts->delim : 0;

	if (data_rows)
		*data_rows = 0;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		text += 3;
		len -= 3;
	}
	if (blank_line(text, len))
		return fail(err, "Tệp trống: không có dòng tiêu đề và dữ liệu.",
			    "the file is empty: no header and no rows");
	memset(&r, 0, sizeof r);
	{
		size_t skip = 0;
		char sep = sep_line(text, len, &skip);
		if (sep) {
			if (!delim)
				delim = sep;
			text += skip;
			len -= skip;
			r.line = 1;  /* the rows start on line 2 */
			if (blank_line(text, len))
				return fail(err, "Tệp trống: không có dòng "
					    "tiêu đề và dữ liệu.",
					    "the file is empty: no header and "
					    "no rows");
		}
	}
	r.opts = opts;
	r.max_field = opts && opts->max_field ? opts->max_field
					      : CSVREAD_MAX_FIELD;
	r.fn = fn;
	r.arg = arg;
	r.err = err;
	r.at_row_start = 1;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL))
		return nomem(err);
	csv_set_delim(&p, (unsigned char)(delim ? delim
						: csvread_guess_delim(text,
								      len)));
	while (pos < len && !r.rc) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) + 1 : len - pos;
		r.line++;
		if (r.at_row_start && !blank_line(text + pos, n)) {
			r.row_line = r.line;
			r.at_row_start = 0;
		}
		feed(&r, &p, text + pos, n);
		pos += n;
	}
	if (!r.rc && csv_fini(&p, on_field, on_row, &r) != 0 && !r.rc)
		r.rc = fail(err, "dòng %ld: dấu ngoặc kép không đóng",
			    "line %ld: a quoted field is not closed",
			    r.row_line);
	csv_free(&p);
	dynbuf_release(&r.buf);
	free(r.offs);
	free(r.lens);
	free(r.ptrs);
	if (r.rc)
		return r.rc;
	if (r.index <= 1)
		return fail(err, "Tệp chỉ có dòng tiêu đề, không có dữ liệu.",
			    "the file has only a header row and no data");
	if (data_rows)
		*data_rows = r.index - 1;
	return SX_OK;
}

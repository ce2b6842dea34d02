/* export.c — the live records of a kind as CSV or JSON (see export.h).
 * Records are read a page at a time (record_list's keyset paging), so
 * memory stays flat however many there are. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sxsh/csvwrite.h"
#include "sxsh/export.h"
#include "sxsh/text.h"

#define PAGE 500

static int is_en(const struct export_opts *o)
{
	return o->lang && !strcmp(o->lang, "en");
}

void export_heading(const struct sx_field *f, const char *lang, char *out,
		    size_t outsz)
{
	const char *label = lang && !strcmp(lang, "en") ? f->label_en
							 : f->label_vi;
	if (f->unit)
		snprintf(out, outsz, "%s (%s)", label, f->unit);
	else
		snprintf(out, outsz, "%s", label);
}

/* The row in w's buffer to out; the buffer is emptied for the next. */
static int flush_row(struct csvwrite *w, FILE *out)
{
	struct dynbuf *b = w->out;
	int bad = b->oom || fwrite(dynbuf_str(b), 1, b->len, out) != b->len;

	dynbuf_reset(b);
	return bad ? -1 : 0;
}

/* A decimal in the reader's form; see export.h for the fourth digit. */
static void decimal_text(const char *canon, int en, char *out, size_t n)
{
	const char *dot = strchr(canon, '.');

	snprintf(out, n, "%s", canon);
	if (!dot)
		return;
	if (!en) {
		out[dot - canon] = ',';
		return;
	}
	if (strlen(dot + 1) == 3 && strlen(out) + 2 <= n)
		strcat(out, "0");
}

/* The facility's tax code, or its id when it has none. */
static void facility_ref(struct sx_db *db, const char *uuid, char *out,
			 size_t n)
{
	struct sx_record *fac = NULL;
	const char *tax;

	snprintf(out, n, "%s", uuid);
	if (record_load(db, SXK_FACILITY, uuid, &fac, NULL) != SX_OK)
		return;
	tax = record_get(fac, "tax_code");
	if (tax)
		snprintf(out, n, "%s", tax);
	record_free(fac);
}

static void csv_value(struct sx_db *db, const struct sx_field *f,
		      const char *v, int en, char *out, size_t n)
{
	const char *label;

	out[0] = '\0';
	if (!v)
		return;
	switch (f->type) {
	case SXF_DATE:
		if (en || text_format_date(v, out, n) != 0)
			snprintf(out, n, "%s", v);
		return;
	case SXF_DECIMAL:
		decimal_text(v, en, out, n);
		return;
	case SXF_CHOICE:
		label = record_choice_label(f, v, en ? "en" : "vi");
		snprintf(out, n, "%s", label ? label : v);
		return;
	case SXF_REF:
		if (f->ref_kind == SXK_FACILITY)
			facility_ref(db, v, out, n);
		else
			snprintf(out, n, "%s", v);
		return;
	default:
		snprintf(out, n, "%s", v);
	}
}

static enum sx_err write_header(const struct sx_kind_def *def,
				const struct export_opts *o, struct csvwrite *w,
				FILE *out)
{
	char h[256];

	if (o->excel && fputs("\xEF\xBB\xBF", out) == EOF)
		return SX_INVALID;
	if (!o->template_only)
		csvwrite_field(w, "id");
	for (int i = 0; i < def->nfields; i++) {
		export_heading(&def->fields[i], o->lang, h, sizeof h);
		csvwrite_field(w, h);
	}
	csvwrite_end_row(w);
	return flush_row(w, out) ? SX_INVALID : SX_OK;
}

static enum sx_err write_csv_row(struct sx_db *db,
				 const struct sx_kind_def *def,
				 const struct export_opts *o,
				 const struct sx_record *rec,
				 struct csvwrite *w, FILE *out)
{
	char *buf = malloc(8192);

	if (!buf)
		return SX_NOMEM;
	csvwrite_field(w, rec->uuid);
	for (int i = 0; i < def->nfields; i++) {
		csv_value(db, &def->fields[i], rec->values[i], is_en(o), buf,
			  8192);
		csvwrite_field(w, buf);
	}
	free(buf);
	csvwrite_end_row(w);
	if (w->out->oom)
		return SX_NOMEM;
	return flush_row(w, out) ? SX_INVALID : SX_OK;
}

static json_t *json_row(const struct sx_kind_def *def,
			const struct sx_record *rec)
{
	json_t *obj = json_object();

	if (!obj)
		return NULL;
	if (json_object_set_new(obj, "id", json_string(rec->uuid)) ||
	    json_object_set_new(obj, "updated_at",
				json_string(rec->updated_at)))
		goto fail;
	for (int i = 0; i < def->nfields; i++) {
		const char *v = rec->values[i];
		if (json_object_set_new(obj, def->fields[i].name,
					v ? json_string(v) : json_null()))
			goto fail;
	}
	return obj;
fail:
	json_decref(obj);
	return NULL;
}

enum sx_err export_write(struct sx_db *db, const struct export_opts *opts,
			 FILE *out, long *count, struct sx_error *err)
{
	const struct sx_kind_def *def = record_kind(opts->kind);
	struct sx_list_query q;
	struct sx_page page;
	char *after = NULL;
	long n = 0;
	enum sx_err e = SX_OK;
	struct dynbuf line = DYNBUF_INIT;
	struct csvwrite w;

	/* every CSV of records may be opened in a spreadsheet */
	csvwrite_init(&w, &line, ',', 1);
	if (count)
		*count = 0;
	if (!def)
		return sx_error_set(err, SX_USAGE, "", NULL,
				    "unknown record kind");
	if (opts->format == EXPORT_CSV) {
		e = write_header(def, opts, &w, out);
		if (e || opts->template_only)
			goto done;
	} else if (fputs("[", out) == EOF) {
		e = SX_INVALID;
		goto done;
	}
	for (;;) {
		memset(&q, 0, sizeof q);
		memset(&page, 0, sizeof page);
		q.kind = opts->kind;
		q.sort = SXS_UPDATED;
		q.limit = PAGE;
		q.after = after;
		e = record_list(db, &q, &page, err);
		if (e)
			goto done;
		for (int i = 0; i < page.count && !e; i++) {
			if (opts->format == EXPORT_CSV) {
				e = write_csv_row(db, def, opts, page.rows[i],
						  &w, out);
			} else {
				json_t *row = json_row(def, page.rows[i]);
				char *s = row ? json_dumps(row, JSON_COMPACT)
					      : NULL;
				if (!s)
					e = SX_NOMEM;
				else if (fprintf(out, "%s\n  %s",
						 n ? "," : "", s) < 0)
					e = SX_INVALID;
				free(s);
				json_decref(row);
			}
			n++;
		}
		free(after);
		after = page.next_after ? strdup(page.next_after) : NULL;
		page_release(&page);
		if (e || !after)
			break;
	}
	if (!e && opts->format == EXPORT_JSON && fputs("\n]\n", out) == EOF)
		e = SX_INVALID;
done:
	free(after);
	dynbuf_release(&line);
	if (!e && fflush(out) == EOF)
		e = SX_INVALID;
	if (e == SX_INVALID)
		sx_error_set(err, SX_INVALID, "", "Không ghi được tệp xuất.",
			     "cannot write the output");
	else if (e == SX_NOMEM)
		sx_error_set(err, SX_NOMEM, "", "Hết bộ nhớ", "out of memory");
	if (count)
		*count = n;
	return e;
}

/* report_csv.c — the report as one long CSV table for spreadsheets:
 * section,item,measure,value[,district] — one figure per row, values as in
 * the JSON (integers, decimals with a dot), RFC 4180 quoting, UTF-8 with
 * a BOM so that Excel opens the Vietnamese names correctly.  Annex rows
 * follow with their own columns after a header line per annex.
 */
#include <stdarg.h>
#include <string.h>
#include "report_internal.h"
#include "sxsh/csvwrite.h"

/* One row: NULL-terminated list of fields, through the one CSV writer
 * with its guard against formulas. */
static void line(FILE *out, const char *first, ...)
{
	struct dynbuf row = DYNBUF_INIT;
	struct csvwrite w;
	va_list ap;

	csvwrite_init(&w, &row, ',', 1);
	va_start(ap, first);
	for (const char *s = first; s; s = va_arg(ap, const char *))
		csvwrite_field(&w, s);
	va_end(ap);
	csvwrite_end_row(&w);
	if (!row.oom)
		fwrite(dynbuf_str(&row), 1, row.len, out);
	dynbuf_release(&row);
}

/* Writes every scalar member of obj as rows section,item,key,value. */
static void scalars(FILE *out, const char *section, const char *item,
		    const json_t *obj)
{
	const char *k;
	const json_t *v;

	json_object_foreach((json_t *)obj, k, v) {
		char buf[64];
		const char *val;
		if (json_is_integer(v)) {
			snprintf(buf, sizeof buf, "%lld",
				 (long long)json_integer_value(v));
			val = buf;
		} else if (json_is_string(v)) {
			val = json_string_value(v);
		} else if (json_is_null(v)) {
			val = "";
		} else {
			continue;
		}
		line(out, section, item, k, val, NULL);
	}
}

enum sx_err report_csv_render(const json_t *doc,
			      const struct sx_render_opts *o, FILE *out)
{
	const json_t *ind = json_object_get(doc, "indicators");
	const json_t *x, *v;
	const char *k;
	char num[32];
	size_t i;

	(void)o;
	fputs("\xEF\xBB\xBF", out);
	line(out, "section", "item", "measure", "value", NULL);
	line(out, "report", "", "district_code",
	     report_util_str(json_object_get(doc, "district"), "code"), NULL);
	line(out, "report", "", "district_name",
	     report_util_str(json_object_get(doc, "district"), "name"), NULL);
	line(out, "report", "", "period", report_util_str(doc, "period"),
	     NULL);
	line(out, "report", "", "period_start",
	     report_util_str(doc, "period_start"), NULL);
	line(out, "report", "", "period_end",
	     report_util_str(doc, "period_end"), NULL);
	snprintf(num, sizeof num, "%lld", report_util_int(doc, "revision"));
	line(out, "report", "", "revision", num, NULL);
	for (int t = 1; t <= 4; t++) {
		char key[3] = {'T', (char)('0' + t), 0};
		scalars(out, "target", key, json_object_get(ind, key));
	}
	x = json_object_get(ind, "facilities");
	scalars(out, "facilities", "all", x);
	scalars(out, "facilities_by_kind", "all",
		json_object_get(x, "by_kind"));
	json_array_foreach(json_object_get(x, "by_sector"), i, v) {
		snprintf(num, sizeof num, "%lld", report_util_int(v, "count"));
		line(out, "facilities_by_sector", report_util_str(v, "code"),
		     "count", num, NULL);
	}
	x = report_util_get(ind, "events", "by_type", NULL);
	json_object_foreach((json_t *)x, k, v) {
		scalars(out, "events", k, v);
		scalars(out, "events_cost_by_funding", k,
			json_object_get(v, "cost_by_funding"));
	}
	v = report_util_get(ind, "events", "total", NULL);
	scalars(out, "events", "total", v);
	scalars(out, "events_cost_by_funding", "total",
		json_object_get(v, "cost_by_funding"));
	x = report_util_get(ind, "solutions", "by_technique", NULL);
	json_object_foreach((json_t *)x, k, v)
		scalars(out, "solutions", k, v);
	scalars(out, "solutions", "total",
		report_util_get(ind, "solutions", "total", NULL));
	scalars(out, "consumption", "all", json_object_get(ind,
							   "consumption"));
	scalars(out, "factors", "all", json_object_get(doc, "factors"));
	json_array_foreach(json_object_get(doc, "districts"), i, v) {
		const char *code = report_util_str(v, "code");
		for (int t = 1; t <= 4; t++) {
			char key[3] = {'T', (char)('0' + t), 0};
			char item[16];
			snprintf(item, sizeof item, "%s", code);
			const char *kk;
			const json_t *vv;
			json_object_foreach(json_object_get(v, key), kk, vv) {
				char m[48], b[32];
				snprintf(m, sizeof m, "%s.%s", key, kk);
				if (json_is_integer(vv))
					snprintf(b, sizeof b, "%lld",
						 (long long)
						 json_integer_value(vv));
				else
					snprintf(b, sizeof b, "%s",
						 json_is_string(vv) ?
						 json_string_value(vv) : "");
				line(out, "district", item, m, b, NULL);
			}
		}
	}
	scalars(out, "narrative", "", json_object_get(doc, "narrative"));

	/* Annexes: a header line, then one row per entry with the keys of
	 * the JSON objects as columns. */
	static const char *const annex_names[] = {"assessments", "events"};
	struct dynbuf row = DYNBUF_INIT;
	struct csvwrite w;

	csvwrite_init(&w, &row, ',', 1);
	for (int a = 0; a < 2; a++) {
		const json_t *rows = report_util_get(doc, "annexes",
						     annex_names[a], NULL);
		int header = 0;
		json_array_foreach(rows, i, v) {
			if (!header) {
				csvwrite_end_row(&w);
				csvwrite_field(&w, "annex");
				json_object_foreach((json_t *)v, k, x)
					csvwrite_field(&w, k);
				csvwrite_end_row(&w);
				header = 1;
			}
			csvwrite_field(&w, annex_names[a]);
			json_object_foreach((json_t *)v, k, x) {
				char b[32];
				if (json_is_integer(x)) {
					snprintf(b, sizeof b, "%lld",
						 (long long)
						 json_integer_value(x));
					csvwrite_field(&w, b);
				} else {
					csvwrite_field(&w, json_is_string(x) ?
						       json_string_value(x)
						       : "");
				}
			}
			csvwrite_end_row(&w);
			if (!row.oom)
				fwrite(dynbuf_str(&row), 1, row.len, out);
			dynbuf_reset(&row);
		}
	}
	dynbuf_release(&row);
	return SX_OK;
}

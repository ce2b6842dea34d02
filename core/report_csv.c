/* report_csv.c — the report as one long CSV table for spreadsheets:
 * section,item,measure,value[,district] — one figure per row, values as in
 * the JSON (integers, decimals with a dot), RFC 4180 quoting, UTF-8 with
 * a BOM so that Excel opens the Vietnamese names correctly.  Annex rows
 * follow with their own columns after a header line per annex.
 */
#include <stdarg.h>
#include <string.h>
#include "report_internal.h"

/* A text that a spreadsheet would run as a formula ("=…", "+…", "@…",
 * "-…" that is not a number) gets a leading apostrophe. */
static int formula_like(const char *s)
{
	if (*s == '=' || *s == '+' || *s == '@' || *s == '\t' || *s == '\r')
		return 1;
	if (*s == '-') {
		for (const char *p = s + 1; *p; p++)
			if ((*p < '0' || *p > '9') && *p != '.')
				return 1;
		return s[1] == '\0';
	}
	return 0;
}

static void field(FILE *out, const char *s)
{
	int apostrophe = formula_like(s);

	if (strpbrk(s, ",\"\r\n")) {
		fputc('"', out);
		if (apostrophe)
			fputc('\'', out);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', out);
			fputc(*s, out);
		}
		fputc('"', out);
	} else {
		if (apostrophe)
			fputc('\'', out);
		fputs(s, out);
	}
}

/* One row: NULL-terminated list of fields. */
static void line(FILE *out, const char *first, ...)
{
	va_list ap;
	const char *s = first;
	int i = 0;

	va_start(ap, first);
	while (s) {
		if (i++)
			fputc(',', out);
		field(out, s);
		s = va_arg(ap, const char *);
	}
	va_end(ap);
	fputs("\r\n", out);
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
	for (int a = 0; a < 2; a++) {
		const json_t *rows = report_util_get(doc, "annexes",
						     annex_names[a], NULL);
		int header = 0;
		json_array_foreach(rows, i, v) {
			if (!header) {
				fputs("\r\n", out);
				field(out, "annex");
				json_object_foreach((json_t *)v, k, x) {
					fputc(',', out);
					field(out, k);
				}
				fputs("\r\n", out);
				header = 1;
			}
			field(out, annex_names[a]);
			json_object_foreach((json_t *)v, k, x) {
				char b[32];
				fputc(',', out);
				if (json_is_integer(x)) {
					snprintf(b, sizeof b, "%lld",
						 (long long)
						 json_integer_value(x));
					field(out, b);
				} else {
					field(out, json_is_string(x) ?
					      json_string_value(x) : "");
				}
			}
			fputs("\r\n", out);
		}
	}
	return SX_OK;
}

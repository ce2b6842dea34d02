/* report_diff.c — the changes between two forms of a period's report
 * (report_diff.h).
 *
 * Both documents have the same schema, so they are walked side by side:
 * T1–T4 become one line each, every other figure is one line under a
 * path of labels, the narrative is compared line by line (longest common
 * subsequence, so a moved paragraph shows as removed and added), and list
 * rows (sectors, annex rows, districts) as sets of rows.
 */
#include <stdlib.h>
#include <string.h>
#include "report_internal.h"
#include "sxsh/report_diff.h"

struct dctx {
	FILE *out;
	int en;
	int n;
};

static const char *lang_of(const struct dctx *d)
{
	return d->en ? "en" : "vi";
}

static const char *L(const struct dctx *d, const char *vi, const char *en)
{
	return d->en ? en : vi;
}

/* Words of the JSON keys that are not codes of indicators_label. */
static const struct { const char *key, *vi, *en; } words[] = {
	{"indicators", NULL, NULL}, {"by_type", NULL, NULL},
	{"by_kind", NULL, NULL}, {"by_technique", NULL, NULL},
	{"events", "Hoạt động", "Events"},
	{"solutions", "Giải pháp", "Solutions"},
	{"facilities", "Cơ sở", "Facilities"},
	{"consumption", "Tiêu thụ", "Consumption"},
	{"total", "tổng", "total"},
	{"count", "số lượng", "count"},
	{"participants", "người tham dự", "participants"},
	{"facilities_reached", "cơ sở được tiếp cận", "facilities reached"},
	{"cost_vnd", "kinh phí (đồng)", "cost (VND)"},
	{"cost_by_funding", "kinh phí theo nguồn", "cost by funding"},
	{"implemented", "số giải pháp", "implemented"},
	{"investment_vnd", "vốn đầu tư (đồng)", "investment (VND)"},
	{"saving_vnd", "lợi ích (đồng/năm)", "saving (VND/year)"},
	{"kwh", "điện tiết kiệm (kWh/năm)", "electricity saved (kWh/yr)"},
	{"toe", "TOE", "TOE"},
	{"co2_t", "giảm CO₂ (tấn/năm)", "CO₂ avoided (t/yr)"},
	{"water_m3", "nước (m³)", "water (m³)"},
	{"materials_t", "nguyên liệu (tấn)", "materials (t)"},
	{"cp_potential", "có tiềm năng SXSH", "with CP potential"},
	{"facilities_active", "cơ sở đang hoạt động", "active facilities"},
	{"facilities_with_data", "cơ sở có số liệu", "facilities with data"},
	{"coverage", "tỷ lệ có số liệu", "coverage"},
	{"year", "năm", "year"},
	{"electricity_kwh", "điện năng (kWh)", "electricity (kWh)"},
	{"coal_t", "than (tấn)", "coal (t)"},
	{"oil_t", "dầu (tấn)", "oil (t)"},
	{"biomass_t", "sinh khối (tấn)", "biomass (t)"},
	{"output_t", "sản phẩm (tấn)", "output (t)"},
	{"kgoe_per_t", "kgOE/tấn SP", "kgOE/t"},
	{"kwh_per_t", "kWh/tấn SP", "kWh/t"},
	{"factors", "Hệ số quy đổi", "Conversion factors"},
	{"plan", "Kế hoạch", "Plan"}, {"title", "tên", "title"},
	{"district", "Huyện", "District"}, {"name", "tên", "name"},
	{"deadline", "Hạn nộp", "Deadline"},
	{"period_start", "Từ ngày", "From"}, {"period_end", "Đến ngày", "To"},
	{"period_rule", "Cách tính kỳ", "Period rule"},
	{"by_sector", "Cơ sở theo ngành", "Facilities by sector"},
	{"assessments", "Phụ lục 1", "Annex 1"},
	{"annexes", NULL, NULL},
	{"districts", "Các huyện", "Districts"},
};

/* The label of key, or NULL when the key adds nothing to a path. */
static const char *label(const struct dctx *d, const char *key,
			 const char *parent)
{
	if (parent && !strcmp(parent, "annexes") && !strcmp(key, "events"))
		return L(d, "Phụ lục 2", "Annex 2");
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcmp(words[i].key, key))
			return words[i].vi ? L(d, words[i].vi, words[i].en) :
			       NULL;
	return indicators_label(key, d->en ? "en" : "vi");
}

/* "-12.345", "0.8571": a canonical decimal of the report. */
static int is_decimal(const char *s)
{
	int digits = 0, dot = 0;

	if (*s == '-')
		s++;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (*s == '.' && !dot && digits)
			dot = 1;
		else
			return 0;
	}
	return digits > 0;
}

/* A leaf value in the report's format into out. */
static void value(const char *key, const json_t *v, const char *lang,
		  char *out, size_t n)
{
	if (!v || json_is_null(v)) {
		snprintf(out, n, "–");
	} else if (json_is_integer(v)) {
		report_util_fmt_int(json_integer_value(v), out, n);
	} else if (json_is_string(v)) {
		const char *s = json_string_value(v), *dot = strchr(s, '.');
		int dp = dot ? (int)strlen(dot + 1) : 0;
		int numeric = is_decimal(s);
		if (numeric && (!strcmp(key, "rate") ||
				!strcmp(key, "coverage") ||
				!strcmp(key, "target")))
			report_util_fmt_pct(s, out, n);
		else if (numeric)
			report_util_fmt_dec(s, dp, out, n);
		else if (strlen(s) == 10 && s[4] == '-' && s[7] == '-')
			report_util_fmt_date(s, out, n);
		else if (!strcmp(key, "type") || !strcmp(key, "funding"))
			snprintf(out, n, "%s", indicators_label(s, lang));
		else
			snprintf(out, n, "%s", s);
	} else {
		snprintf(out, n, "%s", json_is_true(v) ? "1" : "0");
	}
}

static void change(struct dctx *d, const char *path, const char *key,
		   const json_t *a, const json_t *b)
{
	char va[160], vb[160];

	value(key, a, lang_of(d), va, sizeof va);
	value(key, b, lang_of(d), vb, sizeof vb);
	fprintf(d->out, "%s: %s → %s\n", path, va, vb);
	d->n++;
}

/* T1/T4 "8/13 (61,5%)"; T2/T3 the period and cumulative counts. */
static void target_line(struct dctx *d, const char *t, const json_t *a,
			const json_t *b)
{
	if (json_object_get(a, "numerator") || json_object_get(b,
							       "numerator")) {
		char na[32], da[32], nb[32], db[32], ra[32], rb[32];
		if (json_equal(json_object_get(a, "numerator"),
			       json_object_get(b, "numerator")) &&
		    json_equal(json_object_get(a, "denominator"),
			       json_object_get(b, "denominator")) &&
		    json_equal(json_object_get(a, "target"),
			       json_object_get(b, "target")))
			return;
		report_util_fmt_int(report_util_int(a, "numerator"), na,
				    sizeof na);
		report_util_fmt_int(report_util_int(a, "denominator"), da,
				    sizeof da);
		report_util_fmt_int(report_util_int(b, "numerator"), nb,
				    sizeof nb);
		report_util_fmt_int(report_util_int(b, "denominator"), db,
				    sizeof db);
		report_util_fmt_pct(report_util_str(a, "rate"), ra, sizeof ra);
		report_util_fmt_pct(report_util_str(b, "rate"), rb, sizeof rb);
		fprintf(d->out, "%s %s/%s → %s/%s (%s → %s)\n", t, na, da, nb,
			db, ra, rb);
		d->n++;
		if (!json_equal(json_object_get(a, "target"),
				json_object_get(b, "target"))) {
			char path[64];
			snprintf(path, sizeof path, "%s %s", t,
				 L(d, "mục tiêu", "target"));
			change(d, path, "target", json_object_get(a, "target"),
			       json_object_get(b, "target"));
		}
		return;
	}
	static const struct { const char *key, *vi, *en; } parts[] = {
		{"period", "trong kỳ", "in the period"},
		{"cumulative", "lũy kế", "cumulative"},
		{"target", "mục tiêu", "target"},
		{"province_total", "tổng của tỉnh", "province total"},
	};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		const json_t *x = json_object_get(a, parts[i].key),
			     *y = json_object_get(b, parts[i].key);
		char va[64], vb[64];

		if (json_equal(x, y) || (!x && !y))
			continue;
		value("", x, lang_of(d), va, sizeof va);
		value("", y, lang_of(d), vb, sizeof vb);
		fprintf(d->out, "%s %s %s → %s\n", t, L(d, parts[i].vi,
							 parts[i].en), va, vb);
		d->n++;
	}
}

/* One row of a list as text: its values in order, joined by " · ". */
static char *row_text(const struct dctx *d, const json_t *row)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	const char *k;
	const json_t *v;
	int first = 1;

	if (!f)
		return NULL;
	if (!json_is_object(row)) {
		char b[160];
		value("", row, lang_of(d), b, sizeof b);
		fputs(b, f);
	} else {
		json_object_foreach((json_t *)row, k, v) {
			char b[400];
			if (json_is_object(v) || json_is_array(v))
				continue;
			value(k, v, lang_of(d), b, sizeof b);
			if (!b[0])
				continue;
			fprintf(f, "%s%s", first ? "" : " · ", b);
			first = 0;
		}
	}
	fclose(f);
	return buf;
}

/* Rows of a that are not in b (compared whole), marked sign. */
static void rows_missing(struct dctx *d, const char *path, const json_t *a,
			 const json_t *b, const char *sign)
{
	size_t i, j;
	const json_t *x, *y;

	json_array_foreach(a, i, x) {
		int found = 0;
		json_array_foreach(b, j, y)
			if (json_equal(x, y)) {
				found = 1;
				break;
			}
		if (found)
			continue;
		char *t = row_text(d, x);
		fprintf(d->out, "%s: %s %s\n", path, sign, t ? t : "");
		free(t);
		d->n++;
	}
}

/* Splits text into lines (pointers into a copy); *n lines. */
static char **split_lines(const char *text, char **copy, size_t *n)
{
	size_t cap = 1;
	char **lines;

	*n = 0;
	*copy = strdup(text ? text : "");
	if (!*copy)
		return NULL;
	for (const char *p = *copy; *p; p++)
		cap += *p == '\n';
	lines = malloc(cap * sizeof *lines);
	if (!lines)
		return NULL;
	for (char *p = *copy; *p; ) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		if (*p)
			lines[(*n)++] = p;
		p = nl ? nl + 1 : p + strlen(p);
	}
	return lines;
}

/* The narrative text of one field, line by line: "−" removed, "+" added,
 * in the order of the texts (longest common subsequence of lines; above
 * 2,000 × 2,000 lines, whole-text sets instead). */
static void narrative_diff(struct dctx *d, const char *title, const char *a,
			   const char *b)
{
	char *ca = NULL, *cb = NULL;
	size_t na = 0, nb = 0;
	char **la = split_lines(a, &ca, &na), **lb = split_lines(b, &cb, &nb);
	unsigned short *lcs = NULL;

	if (!la || !lb || (a && b && !strcmp(a, b)))
		goto done;
	if (na <= 2000 && nb <= 2000)
		lcs = calloc((na + 1) * (nb + 1), sizeof *lcs);
	if (lcs) {
#define AT(i, j) lcs[(i) * (nb + 1) + (j)]
		for (size_t i = na; i-- > 0; )
			for (size_t j = nb; j-- > 0; )
				AT(i, j) = !strcmp(la[i], lb[j]) ?
					(unsigned short)(AT(i + 1, j + 1) + 1) :
					AT(i + 1, j) > AT(i, j + 1) ?
					AT(i + 1, j) : AT(i, j + 1);
		size_t i = 0, j = 0;
		while (i < na || j < nb) {
			if (i < na && j < nb && !strcmp(la[i], lb[j])) {
				i++;
				j++;
			} else if (i < na && (j == nb ||
					      AT(i + 1, j) >= AT(i, j + 1))) {
				fprintf(d->out, "%s: − %s\n", title, la[i++]);
				d->n++;
			} else {
				fprintf(d->out, "%s: + %s\n", title, lb[j++]);
				d->n++;
			}
		}
#undef AT
	} else {
		for (size_t i = 0; i < na; i++) {
			size_t j = 0;
			while (j < nb && strcmp(la[i], lb[j]))
				j++;
			if (j == nb) {
				fprintf(d->out, "%s: − %s\n", title, la[i]);
				d->n++;
			}
		}
		for (size_t j = 0; j < nb; j++) {
			size_t i = 0;
			while (i < na && strcmp(la[i], lb[j]))
				i++;
			if (i == na) {
				fprintf(d->out, "%s: + %s\n", title, lb[j]);
				d->n++;
			}
		}
	}
done:
	free(lcs);
	free(la);
	free(lb);
	free(ca);
	free(cb);
}

static void walk(struct dctx *d, const char *path, const char *parent,
		 const json_t *a, const json_t *b);

/* The keys of a, then those only in b, in document order. */
static void walk_object(struct dctx *d, const char *path, const char *key,
			const json_t *a, const json_t *b)
{
	const char *k;
	const json_t *v;

	json_object_foreach((json_t *)a, k, v) {
		const json_t *w = json_object_get(b, k);
		const char *lab = label(d, k, key);
		char sub[512];
		if (json_equal(v, w))
			continue;
		if (!strcmp(k, "schema") || !strcmp(k, "revision") ||
		    !strcmp(k, "replaces"))
			continue;
		if (!path[0] && !strcmp(k, "narrative")) {
			static const struct { const char *k, *vi, *en; } f[] = {
				{"results", "Kết quả thực hiện", "Results"},
				{"difficulties", "Khó khăn, vướng mắc",
				 "Difficulties"},
				{"proposals", "Kiến nghị, đề xuất",
				 "Proposals"},
			};
			for (int i = 0; i < 3; i++)
				narrative_diff(d, L(d, f[i].vi, f[i].en),
					       report_util_str(v, f[i].k),
					       report_util_str(w, f[i].k));
			continue;
		}
		if (key && !strcmp(key, "indicators") && k[0] == 'T' &&
		    k[1] >= '1' && k[1] <= '4' && !k[2]) {
			target_line(d, k, v, w);
			continue;
		}
		if (!lab)
			snprintf(sub, sizeof sub, "%s", path);
		else if (path[0])
			snprintf(sub, sizeof sub, "%s · %s", path, lab);
		else
			snprintf(sub, sizeof sub, "%s", lab);
		walk(d, sub, k, v, w);
	}
	json_object_foreach((json_t *)b, k, v) {
		if (json_object_get(a, k))
			continue;
		const char *lab = label(d, k, key);
		char sub[512];
		snprintf(sub, sizeof sub, "%s%s%s", path, path[0] && lab ?
			 " · " : "", lab ? lab : "");
		walk(d, sub, k, NULL, v);
	}
}

static void walk(struct dctx *d, const char *path, const char *key,
		 const json_t *a, const json_t *b)
{
	if (json_equal(a, b))
		return;
	if (json_is_object(a) || json_is_object(b)) {
		json_t *none = json_object();   /* a missing side: empty */
		walk_object(d, path, key, json_is_object(a) ? a : none,
			    json_is_object(b) ? b : none);
		json_decref(none);
		return;
	}
	if (json_is_array(a) || json_is_array(b)) {
		json_t *empty = json_array();
		rows_missing(d, path, json_is_array(a) ? a : empty,
			     json_is_array(b) ? b : empty, "−");
		rows_missing(d, path, json_is_array(b) ? b : empty,
			     json_is_array(a) ? a : empty, "+");
		json_decref(empty);
		return;
	}
	change(d, path, key ? key : "", a, b);
}

static json_t *load_report(const char *json, struct sx_error *err)
{
	json_error_t jerr;
	json_t *doc = json ? json_loads(json, 0, &jerr) : NULL;

	if (!doc || strcmp(report_util_str(doc, "schema"), SX_REPORT_SCHEMA)) {
		json_decref(doc);
		sx_error_set(err, SX_INVALID, "json",
			     "Không phải báo cáo sxsh.report/1",
			     "not an sxsh.report/1 document");
		return NULL;
	}
	return doc;
}

/* The change lines of old_doc → new_doc appended to out. */
static int diff_docs(const json_t *old_doc, const json_t *new_doc, int en,
		     FILE *out)
{
	struct dctx d = {out, en, 0};

	walk_object(&d, "", NULL, old_doc, new_doc);
	return d.n;
}

enum sx_err report_diff_json(const char *old_json, const char *new_json,
			     const char *lang, char **out, int *nchanges,
			     struct sx_error *err)
{
	json_t *a = load_report(old_json, err), *b = NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int n;

	*out = NULL;
	if (!a || !(b = load_report(new_json, err))) {
		json_decref(a);
		return SX_INVALID;
	}
	f = open_memstream(&buf, &len);
	if (!f) {
		json_decref(a);
		json_decref(b);
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	}
	n = diff_docs(a, b, lang && !strcmp(lang, "en"), f);
	json_decref(a);
	json_decref(b);
	if (fclose(f)) {
		free(buf);
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	}
	*out = buf;
	if (nchanges)
		*nchanges = n;
	return SX_OK;
}

/* The JSON of revision rev (SX_REPORT_DRAFT: the draft, built now). */
static enum sx_err side_json(struct sx_db *db, const char *period, int rev,
			     char **json, struct sx_error *err)
{
	if (rev == SX_REPORT_DRAFT)
		return report_build(db, period, json, NULL, err);
	return report_get(db, period, rev, NULL, json, err);
}

/* Two report JSONs equal but for revision and replaces. */
static int same_content(const char *x, const char *y)
{
	json_error_t jerr;
	json_t *a = json_loads(x, 0, &jerr), *b = json_loads(y, 0, &jerr);
	int same = 0;

	if (a && b) {
		json_object_del(a, "revision");
		json_object_del(a, "replaces");
		json_object_del(b, "revision");
		json_object_del(b, "replaces");
		same = json_equal(a, b);
	}
	json_decref(a);
	json_decref(b);
	return same;
}

enum sx_err report_diff_pick(struct sx_db *db, const char *period, int *from,
			     int *to, struct sx_error *err)
{
	struct sx_report_rev latest;
	enum sx_err e = report_get(db, period, 0, &latest, NULL, NULL);
	int last = e == SX_OK ? latest.revision : 0;

	if (!last)
		return sx_error_set(err, SX_NOTFOUND, "period",
				    "Kỳ này chưa có bản nào được chốt để so "
				    "sánh", "no finalised revision of %s to "
				    "compare", period);
	if ((*from > last) || (*to > last) || *from == 0)
		return sx_error_set(err, SX_NOTFOUND, "revision",
				    "Không có bản này (các bản: 1 đến %d)",
				    "no such revision (there are 1 to %d)",
				    last);
	if (*from < 0 && *to < 0) {
		char *draft = NULL, *stored = NULL;
		int changed = 1;
		if (report_build(db, period, &draft, NULL, err) ||
		    report_get(db, period, last, NULL, &stored, err)) {
			free(draft);
			return err ? err->code : SX_DB;
		}
		changed = !same_content(draft, stored);
		free(draft);
		free(stored);
		*from = changed || last < 2 ? last : last - 1;
		*to = changed || last < 2 ? SX_REPORT_DRAFT : last;
	} else if (*to < 0) {
		*to = *from < last ? last : SX_REPORT_DRAFT;
	} else if (*from < 0) {
		*from = *to == SX_REPORT_DRAFT ? last : *to - 1;
		if (*from < 1)
			return sx_error_set(err, SX_INVALID, "revision",
					    "Bản 1 không có bản nào trước để so "
					    "sánh", "revision 1 has none before "
					    "it to compare with");
	}
	if (*to != SX_REPORT_DRAFT && *from >= *to)
		return sx_error_set(err, SX_INVALID, "revision",
				    "--from phải là bản cũ hơn --to",
				    "--from must be older than --to");
	return SX_OK;
}

static void side_name(int rev, int en, char *out, size_t n)
{
	if (rev == SX_REPORT_DRAFT)
		snprintf(out, n, "%s", en ? "the draft" : "bản nháp");
	else
		snprintf(out, n, "%s %d", en ? "revision" : "bản", rev);
}

enum sx_err report_diff(struct sx_db *db, const char *period, int from,
			int to, const char *lang, char **out, int *nchanges,
			struct sx_error *err)
{
	int en = lang && !strcmp(lang, "en");
	char *ja = NULL, *jb = NULL, *lines = NULL, *buf = NULL;
	char na[32], nb[32];
	size_t len = 0;
	int n = 0;
	enum sx_err e;

	*out = NULL;
	e = side_json(db, period, from, &ja, err);
	if (!e)
		e = side_json(db, period, to, &jb, err);
	if (!e)
		e = report_diff_json(ja, jb, lang, &lines, &n, err);
	free(ja);
	free(jb);
	if (e)
		return e;
	FILE *f = open_memstream(&buf, &len);
	if (!f) {
		free(lines);
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	}
	side_name(from, en, na, sizeof na);
	side_name(to, en, nb, sizeof nb);
	fprintf(f, "%s %s: %s → %s\n", en ? "Changes in" : "Thay đổi kỳ",
		period, na, nb);
	if (n)
		fputs(lines, f);
	else
		fprintf(f, "%s\n", en ? "No change." : "Không có thay đổi.");
	free(lines);
	if (fclose(f)) {
		free(buf);
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	}
	*out = buf;
	if (nchanges)
		*nchanges = n;
	return SX_OK;
}

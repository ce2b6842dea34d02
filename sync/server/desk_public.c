/* desk_public.c — the public cleaner-production pages of the Department's
 * website (seed §II.2, appendix V.1): the plan and its targets, progress
 * per indicator for the province and each district, activities held,
 * achievements and figures per year.  Served at /public/ without a login
 * and written by `sxsh-server publish --out DIR` as static files.
 *
 * Everything comes from the province's consolidated reports (one per year:
 * the year report, else the year's latest half), so the public figures
 * are the ones the province reports.  No personal data: only counts and
 * sums, and of each event its date, type, district, commune and number of
 * participants — never a title, a place, a facility or a person's name,
 * which may name a household or an officer.
 *
 * Readable from 390 px wide and printable; no script.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jansson.h>
#include "sxsh/record.h"
#include "consolidate.h"
#include "desk.h"

#define MAX_YEARS 20
#define MAX_EVENTS 200

static const char public_css[] =
	"body{font:16px/1.5 system-ui,'Segoe UI',Roboto,Arial,sans-serif;"
	"margin:0;color:#1b1b1b;background:#fff}"
	"header{background:#0b6c3a;color:#fff;padding:.8em}"
	"header h1{margin:0;font-size:1.35em}"
	"main{padding:.8em;max-width:60em;margin:auto}"
	".scroll{overflow-x:auto;max-width:100%}"
	"table{border-collapse:collapse;margin:.5em 0}"
	"th,td{border:1px solid #bbb;padding:.25em .45em;text-align:left}"
	"td.n{text-align:right;white-space:nowrap}"
	".cards{display:flex;flex-wrap:wrap;gap:.6em}"
	".card{border:1px solid #bbb;border-radius:.3em;padding:.5em .7em;"
	"flex:1 1 14em}"
	".card b{display:block;font-size:1.4em}"
	"progress{width:100%}"
	"@media print{header{background:none;color:#000}"
	".card{break-inside:avoid}}";

const char *desk_public_css(void)
{
	return public_css;
}

/* A decimal string or integer as Vietnamese text: 1.234.567,5 (the
 * trailing zeros of the fixed places dropped). */
static void vi_number(FILE *out, const json_t *v)
{
	char text[64];
	if (json_is_integer(v))
		snprintf(text, sizeof text, "%lld",
			 (long long)json_integer_value(v));
	else if (json_is_string(v))
		snprintf(text, sizeof text, "%s", json_string_value(v));
	else {
		fputs("–", out);
		return;
	}
	const char *p = text;
	if (*p == '-')
		fputc(*p++, out);
	size_t whole = strcspn(p, ".");
	for (size_t i = 0; i < whole; i++) {
		if (i && (whole - i) % 3 == 0)
			fputc('.', out);
		fputc(p[i], out);
	}
	if (p[whole] == '.') {
		size_t n = strlen(p + whole + 1);
		while (n && p[whole + n] == '0')
			n--;
		if (n) {
			fputc(',', out);
			fwrite(p + whole + 1, 1, n, out);
		}
	}
}

static const json_t *at(const json_t *o, const char *a, const char *b,
			const char *c)
{
	o = json_object_get(o, a);
	if (b)
		o = json_object_get(o, b);
	if (c)
		o = json_object_get(o, c);
	return o;
}

static void rate(FILE *out, const json_t *ratio)
{
	const char *r = json_string_value(json_object_get(ratio, "rate"));
	if (!r) {
		fputs("–", out);
		return;
	}
	json_t *pct = json_real(atof(r) * 100);
	char text[32];
	snprintf(text, sizeof text, "%.1f", json_real_value(pct));
	json_decref(pct);
	json_t *s = json_string(text);
	vi_number(out, s);
	json_decref(s);
	fputs(" %", out);
}

static const char *event_type(const char *key, const char *lang)
{
	const struct sx_kind_def *def = record_kind(SXK_EVENT);
	int i = def ? record_field_index(def, "type") : -1;
	const char *label =
		i >= 0 ? record_choice_label(&def->fields[i], key, lang) : NULL;
	return label ? label : key;
}

/* ---- gathering the consolidated report of each year --------------------- */

struct years {
	char periods[MAX_YEARS][8]; /* the chosen period of each year */
	int n;
};

static enum sx_err note_period(const struct store_report *r, void *arg)
{
	struct years *y = arg;
	int year = atoi(r->period);
	int i = 0;
	while (i < y->n && atoi(y->periods[i]) != year)
		i++;
	if (i == y->n) {
		if (y->n == MAX_YEARS)
			return SX_OK;
		y->n++;
		snprintf(y->periods[i], 8, "%s", r->period);
		return SX_OK;
	}
	/* The year report, else the later half. */
	const char *have = y->periods[i];
	if (strlen(have) == 4)
		return SX_OK;
	if (strlen(r->period) == 4 || strcmp(r->period, have) > 0)
		snprintf(y->periods[i], 8, "%s", r->period);
	return SX_OK;
}

static int by_period(const void *a, const void *b)
{
	return strcmp(a, b);
}

static json_t *consolidated(struct srv_store *st, const char *period,
			    struct sx_error *err)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem) {
		sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
		return NULL;
	}
	enum sx_err rc = consolidate_write(st, period, CONS_JSON, mem, err);
	fclose(mem);
	json_t *doc =
		rc == SX_OK && text ? json_loadb(text, len, 0, NULL) : NULL;
	free(text);
	if (!doc && rc == SX_OK)
		sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	return doc;
}

/* ---- sections ----------------------------------------------------------- */

static void card(FILE *out, const char *label, const json_t *value,
		 const char *unit)
{
	fputs("<div class=\"card\">", out);
	desk_esc(out, label);
	fputs("<b>", out);
	vi_number(out, value);
	if (unit)
		fprintf(out, " %s", unit);
	fputs("</b></div>", out);
}

static void plan_section(FILE *out, const json_t *doc, int en)
{
	const json_t *plan = json_object_get(doc, "plan");
	const json_t *ind = json_object_get(doc, "indicators");
	fprintf(out, "<section><h2>%s</h2><p>",
		en ? "The plan and its targets" : "Kế hoạch và mục tiêu");
	desk_esc(out, json_string_value(json_object_get(plan, "title")));
	fputs(" (", out);
	desk_esc(out, json_string_value(json_object_get(plan, "code")));
	fputs(")</p>\n<div class=\"scroll\"><table><tr>", out);
	fprintf(out, "<th>%s</th><th>%s</th><th>%s</th></tr>\n",
		en ? "Target" : "Mục tiêu", en ? "Goal" : "Chỉ tiêu",
		en ? "Reached" : "Đạt được");
	static const char *const names[][3] = {
		{"T1", "Cơ sở có tiềm năng SXSH được nâng cao nhận thức",
		 "Facilities with CP potential made aware"},
		{"T2", "Doanh nghiệp đánh giá nhanh SXSH",
		 "Enterprises with a rapid CP assessment"},
		{"T3", "Doanh nghiệp đánh giá chi tiết và áp dụng SXSH",
		 "Enterprises with a detailed assessment applying CP"},
		{"T4", "Cán bộ khuyến công, cộng tác viên được tập huấn",
		 "Promotion officers and collaborators trained"},
	};
	for (int i = 0; i < 4; i++) {
		const json_t *t = json_object_get(ind, names[i][0]);
		fprintf(out, "<tr><td>%s. %s</td><td class=\"n\">", names[i][0],
			en ? names[i][2] : names[i][1]);
		if (i == 0 || i == 3) {
			json_t *pct = NULL;
			const char *target =
				json_string_value(json_object_get(t, "target"));
			if (target) {
				char text[32];
				snprintf(text, sizeof text, "%.0f",
					 atof(target) * 100);
				pct = json_string(text);
			}
			vi_number(out, pct);
			json_decref(pct);
			fputs(" %</td><td class=\"n\">", out);
			rate(out, t);
		} else {
			vi_number(out, json_object_get(t, "target"));
			fputs("</td><td class=\"n\">", out);
			vi_number(out, json_object_get(t, "cumulative"));
		}
		fputs("</td></tr>\n", out);
	}
	fputs("</table></div></section>\n", out);
}

static void districts_section(FILE *out, const json_t *doc, int en)
{
	fprintf(out,
		"<section><h2>%s</h2><div class=\"scroll\"><table><tr>"
		"<th>%s</th><th>T1</th><th>T2</th><th>T3</th><th>T4</th></"
		"tr>\n",
		en ? "Progress by district" : "Tiến độ theo huyện",
		en ? "District" : "Huyện, thành phố");
	size_t i;
	json_t *d;
	json_array_foreach(json_object_get(doc, "districts"), i, d)
	{
		fputs("<tr><td>", out);
		desk_esc(out, json_string_value(json_object_get(d, "name")));
		fputs("</td><td class=\"n\">", out);
		rate(out, json_object_get(d, "T1"));
		fputs("</td><td class=\"n\">", out);
		vi_number(out, at(d, "T2", "cumulative", NULL));
		fputs("</td><td class=\"n\">", out);
		vi_number(out, at(d, "T3", "cumulative", NULL));
		fputs("</td><td class=\"n\">", out);
		rate(out, json_object_get(d, "T4"));
		fputs("</td></tr>\n", out);
	}
	fputs("</table></div></section>\n", out);
}

static void achievements_section(FILE *out, const json_t *doc, int en)
{
	const json_t *ind = json_object_get(doc, "indicators");
	const json_t *sol = at(ind, "solutions", "total", NULL);
	fprintf(out, "<section><h2>%s</h2><div class=\"cards\">",
		en ? "Achievements" : "Kết quả đạt được");
	card(out, en ? "Rapid assessments" : "Đánh giá nhanh",
	     at(ind, "T2", "cumulative", NULL), NULL);
	card(out,
	     en ? "Detailed assessments applying CP"
		: "Đánh giá chi tiết, áp dụng SXSH",
	     at(ind, "T3", "cumulative", NULL), NULL);
	card(out, en ? "Solutions applied" : "Giải pháp đã áp dụng",
	     json_object_get(sol, "implemented"), NULL);
	card(out, en ? "Energy saved" : "Năng lượng tiết kiệm",
	     json_object_get(sol, "toe"), "TOE");
	card(out, en ? "CO₂ avoided" : "CO₂ giảm phát thải",
	     json_object_get(sol, "co2_t"), en ? "t" : "tấn");
	card(out, en ? "Water saved" : "Nước tiết kiệm",
	     json_object_get(sol, "water_m3"), "m³");
	card(out, en ? "Money saved a year" : "Tiền tiết kiệm mỗi năm",
	     json_object_get(sol, "saving_vnd"), "đồng");
	fputs("</div></section>\n", out);
}

static void events_rows(FILE *out, const json_t *doc, int en, int *shown)
{
	size_t i;
	json_t *e;
	json_array_foreach(at(doc, "annexes", "events", NULL), i, e)
	{
		if ((*shown)++ >= MAX_EVENTS)
			return;
		const char *date =
			json_string_value(json_object_get(e, "held_on"));
		fputs("<tr><td>", out);
		if (date && strlen(date) == 10)
			fprintf(out, "%.2s/%.2s/%.4s", date + 8, date + 5,
				date);
		fputs("</td><td>", out);
		desk_esc(out,
			 event_type(
				 json_string_value(json_object_get(e, "type")),
				 en ? "en" : "vi"));
		fputs("</td><td>", out);
		desk_esc(out,
			 json_string_value(json_object_get(e, "district")));
		fputs("</td><td>", out);
		desk_esc(out, json_string_value(json_object_get(e, "commune")));
		fputs("</td><td class=\"n\">", out);
		vi_number(out, json_object_get(e, "participants"));
		fputs("</td></tr>\n", out);
	}
}

static void years_section(FILE *out, json_t *const *docs, int n, int en)
{
	fprintf(out,
		"<section><h2>%s</h2><div class=\"scroll\"><table><tr>"
		"<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		"<th>TOE</th><th>CO₂ (%s)</th><th>%s (m³)</th><th>%s</th>"
		"</tr>\n",
		en ? "Figures per year" : "Số liệu theo năm",
		en ? "Period" : "Kỳ", en ? "Events" : "Hoạt động",
		en ? "Participants" : "Lượt người tham gia",
		en ? "Rapid assessments" : "Đánh giá nhanh",
		en ? "Solutions applied" : "Giải pháp áp dụng",
		en ? "t" : "tấn", en ? "Water" : "Nước",
		en ? "Saved (VND/year)" : "Tiết kiệm (đồng/năm)");
	for (int i = 0; i < n; i++) {
		const json_t *ind = json_object_get(docs[i], "indicators");
		const json_t *sol = at(ind, "solutions", "total", NULL);
		const json_t *ev = at(ind, "events", "total", NULL);
		fputs("<tr><td>", out);
		desk_esc(out,
			 json_string_value(json_object_get(docs[i], "period")));
		fputs("</td>", out);
		const json_t *cells[] = {
			json_object_get(ev, "count"),
			json_object_get(ev, "participants"),
			at(ind, "T2", "period", NULL),
			json_object_get(sol, "implemented_period"),
			json_object_get(sol, "toe"),
			json_object_get(sol, "co2_t"),
			json_object_get(sol, "water_m3"),
			json_object_get(sol, "saving_vnd"),
		};
		for (size_t k = 0; k < sizeof cells / sizeof cells[0]; k++) {
			fputs("<td class=\"n\">", out);
			vi_number(out, cells[k]);
			fputs("</td>", out);
		}
		fputs("</tr>\n", out);
	}
	fputs("</table></div></section>\n", out);
}

enum sx_err desk_public_write(struct srv_store *st, FILE *out, const char *lang,
			      struct sx_error *err)
{
	int en = lang && strcmp(lang, "en") == 0;
	struct years y = {0};
	json_t *docs[MAX_YEARS] = {0};
	enum sx_err rc = store_begin(st, err);
	if (rc != SX_OK)
		return rc;
	rc = store_report_each(st, NULL, NULL, 0, note_period, &y, err);
	store_rollback(st);
	if (rc != SX_OK)
		return rc;
	qsort(y.periods, (size_t)y.n, sizeof y.periods[0], by_period);
	for (int i = 0; i < y.n; i++) {
		docs[i] = consolidated(st, y.periods[i], err);
		if (!docs[i]) {
			rc = err ? err->code : SX_NOMEM;
			goto done;
		}
	}
	fprintf(out,
		"<!DOCTYPE html>\n<html lang=\"%s\"><head><meta"
		" charset=\"utf-8\"><meta name=\"viewport\" content=\""
		"width=device-width, initial-scale=1\"><title>%s</title>"
		"<link rel=\"icon\" href=\"icon.svg\">"
		"<link rel=\"stylesheet\" href=\"style.css\"></head>\n<body>"
		"<header><h1>%s</h1><p>%s</p></header>\n<main>\n",
		en ? "en" : "vi",
		en ? "Cleaner production in Sơn La"
		   : "Sản xuất sạch hơn tỉnh Sơn La",
		en ? "Cleaner production in industry — Sơn La province"
		   : "Sản xuất sạch hơn trong công nghiệp — tỉnh Sơn La",
		en ? "Department of Industry and Trade" : "Sở Công Thương");
	if (y.n == 0) {
		fprintf(out, "<p>%s</p>\n",
			en ? "No report has been"
			     " consolidated yet."
			   : "Chưa có số liệu tổng hợp.");
	} else {
		const json_t *last = docs[y.n - 1];
		fprintf(out, "<p>%s ",
			en ? "Figures as of the report of"
			   : "Số liệu theo báo cáo kỳ");
		desk_esc(out,
			 json_string_value(json_object_get(last, "period")));
		fputs(".</p>\n", out);
		plan_section(out, last, en);
		achievements_section(out, last, en);
		districts_section(out, last, en);
		fprintf(out,
			"<section><h2>%s</h2><div class=\"scroll\"><table>"
			"<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
			"<th>%s</th></tr>\n",
			en ? "Activities held" : "Các hoạt động đã tổ chức",
			en ? "Date" : "Ngày", en ? "Type" : "Loại",
			en ? "District" : "Huyện",
			en ? "Commune" : "Xã, phường",
			en ? "Participants" : "Người tham gia");
		int shown = 0;
		for (int i = y.n - 1; i >= 0; i--)
			events_rows(out, docs[i], en, &shown);
		fputs("</table></div></section>\n", out);
		years_section(out, docs, y.n, en);
	}
	fputs("</main></body></html>\n", out);
	rc = ferror(out) ? sx_error_set(err, SX_NOMEM, "", NULL,
					"public page: write failed")
			 : SX_OK;
done:
	for (int i = 0; i < y.n; i++)
		json_decref(docs[i]);
	return rc;
}

void desk_public_get(struct desk_req *rq, struct desk_resp *rs)
{
	FILE *out = desk_page_open(rs);
	if (!out) {
		rs->status = 500;
		return;
	}
	struct sx_error err = {0};
	enum sx_err rc = desk_public_write(rq->st, out, rq->lang, &err);
	desk_page_close(rs, out);
	if (rc != SX_OK)
		desk_error(rq, rs, 500, "Lỗi máy chủ.", "Server error.");
}

/* Writes len bytes to dir/name through a temporary file renamed over
 * it, so a reader never sees half a page. */
static enum sx_err write_whole(const char *dir, const char *name,
			       const char *data, size_t len,
			       struct sx_error *err)
{
	char path[4096], tmp[4096];
	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >=
		    sizeof path ||
	    (size_t)snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dir, name) >=
		    sizeof tmp)
		return sx_error_set(err, SX_INVALID, "out", NULL,
				    "--out: path too long");
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return sx_error_set(err, SX_INVALID, "out", NULL,
				    "cannot write %s: %s", tmp,
				    strerror(errno));
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	int ok = done == len && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		int e = errno;
		unlink(tmp);
		return sx_error_set(err, SX_INVALID, "out", NULL,
				    "cannot write %s: %s", path, strerror(e));
	}
	return SX_OK;
}

enum sx_err desk_publish(struct srv_store *st, const char *dir,
			 struct sx_error *err)
{
	char *page = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&page, &len);
	if (!mem)
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	enum sx_err rc = desk_public_write(st, mem, "vi", err);
	if (fclose(mem) != 0 && rc == SX_OK)
		rc = sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	if (rc == SX_OK)
		rc = write_whole(dir, "style.css", public_css,
				 strlen(public_css), err);
	if (rc == SX_OK)
		rc = write_whole(dir, "icon.svg", desk_icon_svg(),
				 strlen(desk_icon_svg()), err);
	if (rc == SX_OK)
		rc = write_whole(dir, "index.html", page, len, err);
	free(page);
	return rc;
}

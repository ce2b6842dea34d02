/* report_html.c — the report as the printable official document in
 * Vietnamese (A4, the layout of administrative documents under Decree
 * 30/2020/NĐ-CP): the two-column header (issuing authority and office /
 * national title and motto), number, place and date, the title, the
 * sections (results by line of work, the targets table, difficulties,
 * proposals), the recipients and signature block, then the annex tables.
 *
 * Self-contained HTML5 with inline CSS and no script, so that it prints
 * the same from any browser.  Figures are in Vietnamese number format;
 * every figure cell carries data-k="…" naming its JSON key, which the
 * tests use to find it.
 */
#include <string.h>
#include <stdlib.h>
#include <utf8proc.h>
#include "report_internal.h"
#include "sxsh/db.h"

struct hctx {
	FILE *out;
	const json_t *doc;
	int province;
};

static void esc(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		default: fputc(*s, out);
		}
	}
}

/* Text with line breaks as paragraphs. */
static void paragraphs(FILE *out, const char *s, const char *empty)
{
	if (!s || !*s) {
		fprintf(out, "<p class=\"empty\">%s</p>\n", empty);
		return;
	}
	fputs("<p>", out);
	for (; *s; s++) {
		if (*s == '\n') {
			fputs("</p>\n<p>", out);
			continue;
		}
		char c[2] = {*s, 0};
		esc(out, c);
	}
	fputs("</p>\n", out);
}

/* Upper case of a Vietnamese name for the header ("Huyện Mộc Châu" →
 * "HUYỆN MỘC CHÂU"); markup characters become spaces, and bytes that are
 * not UTF-8 pass through. */
static void upper(FILE *out, const char *s)
{
	while (s && *s) {
		utf8proc_int32_t cp;
		utf8proc_uint8_t u[4];
		utf8proc_ssize_t k;

		k = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
		if (k <= 0) {
			fputc(*s++, out);
			continue;
		}
		if (cp == '<' || cp == '>' || cp == '&')
			cp = ' ';
		fwrite(u, 1, (size_t)utf8proc_encode_char(utf8proc_toupper(cp),
							  u), out);
		s += k;
	}
}

static void num(FILE *out, const char *key, long long v)
{
	char b[32];
	report_util_fmt_int(v, b, sizeof b);
	fprintf(out, "<td class=\"n\" data-k=\"%s\">%s</td>", key, b);
}

static void dec(FILE *out, const char *key, const char *canon, int dp)
{
	char b[48];
	report_util_fmt_dec(canon, dp, b, sizeof b);
	fprintf(out, "<td class=\"n\" data-k=\"%s\">%s</td>", key,
		b[0] ? b : "–");
}

static void pct(FILE *out, const char *key, const char *rate)
{
	char b[32];
	report_util_fmt_pct(rate, b, sizeof b);
	fprintf(out, "<td class=\"n\" data-k=\"%s\">%s</td>", key, b);
}

/* A figure of a table row: its JSON key, and its decimal places (a
 * count when negative). */
struct figure {
	const char *key;
	int dp;
};

#define EVENT_FIGURES 4
static const struct figure event_figures[EVENT_FIGURES] = {
	{"count", -1}, {"participants", -1}, {"facilities_reached", -1},
	{"cost_vnd", -1},
};

static const struct figure solution_figures[] = {
	{"implemented", -1}, {"investment_vnd", -1}, {"saving_vnd", -1},
	{"kwh", 0}, {"toe", 3}, {"co2_t", 3},
};

/* The cells of figures f[0..n) of o, named "<part>.<row>.<key>". */
static void figures(FILE *out, const char *part, const char *row,
		    const json_t *o, const struct figure *f, size_t n)
{
	char key[96];

	for (size_t i = 0; i < n; i++) {
		snprintf(key, sizeof key, "%s.%s.%s", part, row, f[i].key);
		if (f[i].dp < 0)
			num(out, key, report_util_int(o, f[i].key));
		else
			dec(out, key, report_util_str(o, f[i].key), f[i].dp);
	}
}

static const char css[] =
	"@page{size:A4;margin:20mm 15mm 20mm 30mm}"
	"body{font-family:'Times New Roman',Times,'Liberation Serif',"
	"'DejaVu Serif',serif;font-size:13pt;line-height:1.35;color:#000;"
	"margin:0}"
	".page{max-width:165mm;margin:0 auto;padding:20mm 15mm 20mm 30mm;"
	"background:#fff}"
	"@media print{.page{padding:0;max-width:none}}"
	"table.head{width:100%;border-collapse:collapse;margin-bottom:6mm}"
	"table.head td{vertical-align:top;text-align:center;padding:0}"
	"table.head td.l{width:40%}table.head td.r{width:60%}"
	".org1{font-size:12pt}.org2{font-size:12pt;font-weight:bold}"
	".nat{font-size:12pt;font-weight:bold}"
	".motto{font-size:13pt;font-weight:bold}"
	".line{display:block;margin:1mm auto 2mm;border-top:1px solid #000}"
	".l .line{width:30%}.r .line{width:55%}"
	".no{font-size:13pt}.date{font-style:italic;font-size:13pt}"
	"h1{font-size:14pt;text-align:center;margin:4mm 0 0}"
	"h1+p.sub{font-weight:bold;text-align:center;margin:0 0 4mm}"
	"p.to{text-align:center;margin:0 0 4mm}"
	"h2{font-size:13pt;margin:4mm 0 1mm}"
	"h3{font-size:13pt;font-style:italic;font-weight:bold;"
	"margin:3mm 0 1mm}"
	"p{text-align:justify;text-indent:10mm;margin:0 0 2mm}"
	"p.empty{color:#555;font-style:italic}"
	"table.t{width:100%;border-collapse:collapse;font-size:11.5pt;"
	"margin:1mm 0 3mm;page-break-inside:auto}"
	"table.t th,table.t td{border:1px solid #000;padding:1mm 1.5mm}"
	"table.t th{font-weight:bold;text-align:center}"
	"table.t td.n{text-align:right;white-space:nowrap}"
	"table.t tr.sum td{font-weight:bold}"
	"table.sign{width:100%;margin-top:6mm;border-collapse:collapse}"
	"table.sign td{vertical-align:top;padding:0}"
	".recv{font-size:11pt}.recv b{font-style:italic;font-size:12pt}"
	".signer{text-align:center;font-weight:bold}"
	".annex{page-break-before:always}"
	".draft{float:right;border:1px solid #000;padding:0 2mm;"
	"font-weight:bold;font-size:11pt;margin-top:-12mm}"
	".foot{font-size:9pt;color:#555;margin-top:8mm;word-break:break-all}";

static void period_phrase(FILE *out, const json_t *doc)
{
	const char *p = report_util_str(doc, "period");
	size_t n = strlen(p);
	const char *year = p;

	if (n == 6 && p[5] == '1')
		fprintf(out, "6 tháng đầu năm %.4s", year);
	else if (n == 6)
		fprintf(out, "6 tháng cuối năm %.4s", year);
	else
		fprintf(out, "năm %.4s", year);
}

/* "ngày 20 tháng 6 năm 2017": a zero before days below 10 and months 1
 * and 2 (Decree 30/2020/NĐ-CP, appendix I). */
static void date_phrase(FILE *out, const char *iso)
{
	int y = 0, m = 0, d = 0;

	if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3) {
		fputs("ngày … tháng … năm …", out);
		return;
	}
	if (m <= 2)
		fprintf(out, "ngày %02d tháng %02d năm %d", d, m, y);
	else
		fprintf(out, "ngày %02d tháng %d năm %d", d, m, y);
}

/* The issuing office: "Phòng Kinh tế" in a city, "Phòng Kinh tế và Hạ
 * tầng" in a district (huyện). */
static const char *office(const struct hctx *h)
{
	const char *name = report_util_str(json_object_get(h->doc,
							   "district"),
					   "name");
	if (h->province)
		return "Sở Công Thương";
	return strncmp(name, "Thành phố", strlen("Thành phố")) ?
	       "Phòng Kinh tế và Hạ tầng" : "Phòng Kinh tế";
}

static void header(struct hctx *h, const char *date)
{
	FILE *out = h->out;
	const json_t *district = json_object_get(h->doc, "district");
	const char *name = report_util_str(district, "name");
	int city = !strncmp(name, "Thành phố", strlen("Thành phố"));

	fputs("<table class=\"head\"><tr><td class=\"l\">", out);
	if (h->province) {
		fputs("<div class=\"org1\">UBND ", out);
		upper(out, name);
		fputs("</div><div class=\"org2\">SỞ CÔNG THƯƠNG</div>", out);
		fputs("<span class=\"line\"></span>"
		      "<div class=\"no\">Số: &nbsp;&nbsp;&nbsp;&nbsp;/BC-SCT"
		      "</div>", out);
	} else {
		fputs("<div class=\"org1\">ỦY BAN NHÂN DÂN<br>", out);
		upper(out, name);
		fprintf(out, "</div><div class=\"org2\">%s</div>",
			city ? "PHÒNG KINH TẾ" : "PHÒNG KINH TẾ VÀ HẠ TẦNG");
		fprintf(out, "<span class=\"line\"></span>"
			"<div class=\"no\">Số: &nbsp;&nbsp;&nbsp;&nbsp;/BC-%s"
			"</div>", city ? "KT" : "KTHT");
	}
	fputs("</td><td class=\"r\"><div class=\"nat\">CỘNG HÒA XÃ HỘI CHỦ "
	      "NGHĨA VIỆT NAM</div><div class=\"motto\">Độc lập - Tự do - "
	      "Hạnh phúc</div><span class=\"line\"></span>"
	      "<div class=\"date\">", out);
	esc(out, report_util_place(name));
	fputs(", ", out);
	date_phrase(out, date);
	fputs("</div></td></tr></table>\n", out);

	fputs("<h1>BÁO CÁO</h1>\n<p class=\"sub\">", out);
	fputs(h->province ? "Tổng hợp kết quả" : "Kết quả", out);
	fputs(" thực hiện Kế hoạch sản xuất sạch hơn trong công nghiệp ", out);
	period_phrase(out, h->doc);
	fputs("</p>\n<p class=\"to\">Kính gửi: ", out);
	fputs(h->province ? "Bộ Công Thương; Ủy ban nhân dân tỉnh Sơn La." :
	      "Sở Công Thương tỉnh Sơn La.", out);
	fputs("</p>\n", out);
}

static void intro(struct hctx *h)
{
	const json_t *plan = json_object_get(h->doc, "plan");
	char s[16], e[16];

	report_util_fmt_date(report_util_str(h->doc, "period_start"), s,
			     sizeof s);
	report_util_fmt_date(report_util_str(h->doc, "period_end"), e,
			     sizeof e);
	if (json_is_object(plan)) {
		fputs("<p>Thực hiện ", h->out);
		esc(h->out, report_util_str(plan, "title"));
		fputs(", ", h->out);
	} else {
		fputs("<p class=\"no-plan\">Kỳ báo cáo không thuộc kế hoạch"
		      " nào: báo cáo không có chỉ tiêu.</p>\n<p>", h->out);
	}
	fprintf(h->out, "%s báo cáo kết quả thực hiện kỳ báo cáo ",
		office(h));
	period_phrase(h->out, h->doc);
	fprintf(h->out, " (số liệu từ ngày %s đến ngày %s) như sau:</p>\n",
		s, e);
}

static void events_section(struct hctx *h, const json_t *ev)
{
	FILE *out = h->out;
	const json_t *total = json_object_get(ev, "total");

	fputs("<h3>1. Nâng cao nhận thức và năng lực về sản xuất sạch hơn"
	      "</h3>\n<table class=\"t\" id=\"events\"><tr><th>TT</th>"
	      "<th>Loại hoạt động</th><th>Số lượng</th><th>Người tham dự"
	      "</th><th>Cơ sở được tiếp cận</th><th>Kinh phí (đồng)</th>"
	      "</tr>\n", out);
	int row = 0;
	for (int i = 0; i < SX_EVTYPE_N; i++) {
		const char *k = indicators_evtype_keys[i];
		const json_t *o = report_util_get(ev, "by_type", k, NULL);
		if (!report_util_int(o, "count"))
			continue;
		fprintf(out, "<tr><td class=\"n\">%d</td><td>%s</td>", ++row,
			indicators_label(k, "vi"));
		figures(out, "events", k, o, event_figures, EVENT_FIGURES);
		fputs("</tr>\n", out);
	}
	fputs("<tr class=\"sum\"><td></td><td>Tổng cộng</td>", out);
	figures(out, "events", "total", total, event_figures, EVENT_FIGURES);
	fputs("</tr></table>\n", out);

	fputs("<table class=\"t\" id=\"funding\"><tr><th>Nguồn kinh phí</th>"
	      "<th>Kinh phí (đồng)</th></tr>\n", out);
	const char *fund;
	long long cost;
	for (int i = 0; (fund = report_util_funding(total, &i, &cost)); ) {
		char key[64];
		fprintf(out, "<tr><td>%s</td>", indicators_label(fund, "vi"));
		snprintf(key, sizeof key, "events.funding.%s", fund);
		num(out, key, cost);
		fputs("</tr>\n", out);
	}
	fputs("</table>\n", out);
}

static void consumption_section(struct hctx *h, const json_t *c)
{
	FILE *out = h->out;
	char a[32], b[32], p[32];

	report_util_fmt_int(report_util_int(c, "facilities_with_data"), a,
			    sizeof a);
	report_util_fmt_int(report_util_int(c, "facilities_active"), b,
			    sizeof b);
	report_util_fmt_pct(report_util_str(c, "coverage"), p, sizeof p);
	fprintf(out, "<h3>2. Cơ sở dữ liệu về tiêu thụ nguyên liệu, năng "
		"lượng</h3>\n<p>Năm %lld (%s) có <span data-k=\"consumption."
		"facilities_with_data\">%s</span>/%s cơ sở đang hoạt động có "
		"số liệu tiêu thụ (đạt %s).</p>\n",
		report_util_int(c, "year"),
		strchr(report_util_str(h->doc, "period"), 'S') ?
		"năm trọn gần nhất trước kỳ 6 tháng" : "năm của báo cáo",
		a, b, p);
	fputs("<table class=\"t\" id=\"consumption\"><tr><th>Chỉ số</th>"
	      "<th>Đơn vị</th><th>Tổng số</th></tr>\n", out);
	static const struct { const char *k, *label, *unit; int dp; } rows[] = {
		{"electricity_kwh", "Điện năng", "kWh", 0},
		{"coal_t", "Than", "tấn", 3},
		{"oil_t", "Dầu (DO/FO)", "tấn", 3},
		{"biomass_t", "Sinh khối (củi)", "tấn", 3},
		{"toe", "Tổng năng lượng quy đổi", "TOE", 3},
		{"water_m3", "Nước", "m³", 1},
		{"materials_t", "Nguyên liệu chính", "tấn", 3},
		{"output_t", "Sản phẩm", "tấn", 3},
		{"kgoe_per_t", "Tiêu hao năng lượng riêng (cơ sở có báo cáo "
		 "sản lượng)", "kgOE/tấn SP", 3},
		{"kwh_per_t", "Điện năng riêng", "kWh/tấn SP", 3},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char key[64];
		fprintf(out, "<tr><td>%s</td><td>%s</td>", rows[i].label,
			rows[i].unit);
		snprintf(key, sizeof key, "consumption.%s", rows[i].k);
		dec(out, key, report_util_str(c, rows[i].k), rows[i].dp);
		fputs("</tr>\n", out);
	}
	fputs("</table>\n", out);
}

static void solutions_section(struct hctx *h, const json_t *ind)
{
	FILE *out = h->out;
	const json_t *sol = json_object_get(ind, "solutions");
	const json_t *tot = json_object_get(sol, "total");
	const json_t *t2 = json_object_get(ind, "T2"),
		     *t3 = json_object_get(ind, "T3");
	char a[24], b[24], c[24], d[24];

	report_util_fmt_int(report_util_int(t2, "period"), a, sizeof a);
	report_util_fmt_int(report_util_int(t2, "cumulative"), b, sizeof b);
	report_util_fmt_int(report_util_int(t3, "period"), c, sizeof c);
	report_util_fmt_int(report_util_int(t3, "cumulative"), d, sizeof d);
	fprintf(out, "<h3>3. Hỗ trợ kỹ thuật áp dụng sản xuất sạch hơn</h3>\n"
		"<p>Trong kỳ có %s cơ sở hoàn thành đánh giá nhanh (lũy kế "
		"từ đầu kế hoạch: %s) và %s cơ sở đánh giá chi tiết, áp dụng "
		"giải pháp SXSH (lũy kế: %s). Các giải pháp đã áp dụng (lũy "
		"kế) theo nhóm giải pháp:</p>\n", a, b, c, d);
	fputs("<table class=\"t\" id=\"solutions\"><tr><th style=\""
	      "width:24%\">Nhóm giải pháp"
	      "</th><th>Số giải pháp</th><th>Vốn đầu tư (đồng)</th>"
	      "<th>Lợi ích (đồng/năm)</th><th>Điện tiết kiệm (kWh/năm)</th>"
	      "<th>TOE/năm</th><th>Giảm CO₂ (tấn/năm)</th></tr>\n", out);
	for (int i = 0; i <= SX_TECHNIQUE_N; i++) {
		const char *k = i < SX_TECHNIQUE_N ?
			indicators_technique_keys[i] : "total";
		const json_t *o = i < SX_TECHNIQUE_N ?
			report_util_get(sol, "by_technique", k, NULL) : tot;
		if (i < SX_TECHNIQUE_N && !report_util_int(o, "implemented"))
			continue;
		fprintf(out, "<tr%s><td>%s</td>", i < SX_TECHNIQUE_N ? "" :
			" class=\"sum\"", i < SX_TECHNIQUE_N ?
			indicators_label(k, "vi") : "Tổng cộng");
		figures(out, "solutions", k, o, solution_figures,
			sizeof solution_figures / sizeof solution_figures[0]);
		fputs("</tr>\n", out);
	}
	fputs("</table>\n", out);
	report_util_fmt_dec(report_util_str(tot, "water_m3"), 1, a, sizeof a);
	report_util_fmt_dec(report_util_str(tot, "materials_t"), 3, b,
			    sizeof b);
	fprintf(out, "<p>Ngoài ra, các giải pháp tiết kiệm <span data-k=\""
		"solutions.total.water_m3\">%s</span> m³ nước và <span "
		"data-k=\"solutions.total.materials_t\">%s</span> tấn nguyên "
		"liệu mỗi năm.</p>\n", a, b);
}

static void network_section(struct hctx *h, const json_t *ind)
{
	const json_t *t4 = json_object_get(ind, "T4");
	char a[24], b[24], p[32];

	report_util_fmt_int(report_util_int(t4, "numerator"), a, sizeof a);
	report_util_fmt_int(report_util_int(t4, "denominator"), b, sizeof b);
	report_util_fmt_pct(report_util_str(t4, "rate"), p, sizeof p);
	fprintf(h->out, "<h3>4. Mạng lưới hỗ trợ sản xuất sạch hơn</h3>\n"
		"<p>Có %s/%s cán bộ khuyến công, cán bộ quản lý công nghiệp "
		"và cộng tác viên đang hoạt động đã được tập huấn về sản xuất "
		"sạch hơn (đạt %s).</p>\n", a, b, p);
}

static void targets_section(struct hctx *h, const json_t *ind)
{
	FILE *out = h->out;

	fputs("<h3>5. Kết quả thực hiện các chỉ tiêu của Kế hoạch</h3>\n"
	      "<table class=\"t\" id=\"targets\"><tr><th>TT</th><th>Chỉ tiêu"
	      "</th><th>Mục tiêu</th><th>Kết quả trong kỳ</th>"
	      "<th>Lũy kế đến cuối kỳ</th><th>Tỷ lệ đạt (%)</th></tr>\n", out);
	for (int i = 1; i <= 4; i++) {
		char k[3] = {'T', (char)('0' + i), 0}, key[32], t[64];
		const json_t *o = json_object_get(ind, k);
		fprintf(out, "<tr><td class=\"n\">%d</td><td>%s</td>", i,
			indicators_label(k, "vi"));
		if (i == 1 || i == 4) {
			char n[24], d[24];
			report_util_fmt_pct(report_util_str(o, "target"), t,
					    sizeof t);
			fprintf(out, "<td class=\"n\" data-k=\"%s.target\">%s"
				"</td><td class=\"n\">–</td>", k, t);
			report_util_fmt_int(report_util_int(o, "numerator"),
					    n, sizeof n);
			report_util_fmt_int(report_util_int(o,
					    "denominator"), d, sizeof d);
			fprintf(out, "<td class=\"n\" data-k=\"%s.achieved\">"
				"%s/%s</td>", k, n, d);
			snprintf(key, sizeof key, "%s.rate", k);
			pct(out, key, report_util_str(o, "rate"));
		} else {
			const json_t *tg = json_object_get(o, "target");
			long long c = report_util_int(o, "cumulative");
			if (json_is_integer(tg)) {
				char v[24];
				report_util_fmt_int(json_integer_value(tg),
						    v, sizeof v);
				fprintf(out, "<td class=\"n\" data-k=\"%s."
					"target\">%s</td>", k, v);
			} else if (json_is_null(json_object_get(
					   o, "province_total"))) {
				fprintf(out, "<td class=\"n\" data-k=\"%s."
					"target\">–</td>", k);
			} else {
				fprintf(out, "<td class=\"n\" data-k=\"%s."
					"target\">– (tỉnh: %lld)</td>", k,
					report_util_int(o, "province_total"));
			}
			snprintf(key, sizeof key, "%s.period", k);
			num(out, key, report_util_int(o, "period"));
			snprintf(key, sizeof key, "%s.cumulative", k);
			num(out, key, c);
			long long den = json_is_integer(tg) ?
				json_integer_value(tg) :
				report_util_int(o, "province_total");
			struct sx_ratio r = {c, den, 0};
			char rate[32];
			indicators_rate(&r, rate);
			snprintf(key, sizeof key, "%s.rate", k);
			pct(out, key, rate);
		}
		fputs("</tr>\n", out);
	}
	fputs("</table>\n<p class=\"note\" style=\"text-indent:0;"
	      "font-size:11pt\"><i>Ghi chú: chỉ tiêu 2 và 3 là tổng của toàn "
	      "tỉnh; khi huyện chưa được giao chỉ tiêu, tỷ lệ được tính so "
	      "với tổng của tỉnh.</i></p>\n", out);
}

static void districts_section(struct hctx *h)
{
	FILE *out = h->out;
	size_t i;
	const json_t *d;

	fputs("<h3>6. Kết quả theo huyện, thành phố</h3>\n<table class=\"t\" "
	      "id=\"districts\"><tr><th>TT</th><th>Huyện, thành phố</th>"
	      "<th>Bản</th><th>T1 (%)</th><th>T2 lũy kế</th><th>T3 lũy kế"
	      "</th><th>T4 (%)</th></tr>\n", out);
	json_array_foreach(json_object_get(h->doc, "districts"), i, d) {
		static const char *const ts[] = {"T1", "T2", "T3", "T4"};
		char key[48], code[8];
		const char *raw = report_util_str(d, "code");
		size_t n = 0;
		/* the code goes into an attribute: digits and letters only */
		for (; *raw && n + 1 < sizeof code; raw++)
			if ((*raw >= '0' && *raw <= '9') ||
			    (*raw >= 'A' && *raw <= 'Z') ||
			    (*raw >= 'a' && *raw <= 'z'))
				code[n++] = *raw;
		code[n] = '\0';
		fprintf(out, "<tr><td class=\"n\">%zu</td><td>", i + 1);
		esc(out, report_util_str(d, "name"));
		fprintf(out, "</td><td class=\"n\">%lld</td>",
			report_util_int(d, "revision"));
		for (int t = 1; t <= 4; t++) {
			/* T1 and T4 are rates, T2 and T3 counts */
			const json_t *x = report_util_get(d, ts[t - 1], NULL);
			snprintf(key, sizeof key, "districts.%s.%s", code,
				 ts[t - 1]);
			if (t == 1 || t == 4)
				pct(out, key, report_util_str(x, "rate"));
			else
				num(out, key, report_util_int(x,
							      "cumulative"));
		}
		fputs("</tr>\n", out);
	}
	fputs("</table>\n", out);
}

static void signature(struct hctx *h)
{
	fprintf(h->out, "<p>Trên đây là báo cáo kết quả thực hiện Kế hoạch "
		"sản xuất sạch hơn trong công nghiệp ");
	period_phrase(h->out, h->doc);
	fprintf(h->out, " của %s./.</p>\n", office(h));
	fprintf(h->out, "<table class=\"sign\"><tr><td class=\"recv\" "
		"style=\"width:50%%\"><b>Nơi nhận:</b><br>%s<br>- Lưu: VT."
		"</td><td class=\"signer\">%s<br><br><br><br><br></td></tr>"
		"</table>\n", h->province ?
		"- Bộ Công Thương;<br>- UBND tỉnh Sơn La;<br>- Phòng Kinh tế"
		" (KT-HT) các huyện, thành phố;" :
		"- Sở Công Thương tỉnh Sơn La;<br>- UBND huyện (b/c);",
		h->province ? "GIÁM ĐỐC" : "TRƯỞNG PHÒNG");
}

/* How an annex cell shows its key: escaped text, the label of a code, a
 * date, a count (data-k="annex.<key>"), or the place followed by the
 * commune. */
enum annex_cell { A_TEXT, A_LABEL, A_DATE, A_NUM, A_PLACE };

struct annex_col {
	const char *key;
	enum annex_cell cell;
};

struct annex {
	const char *number, *title, *id;
	const char *heads;	/* the <th> cells after TT and district */
	const char *rows;		/* the key of its rows in "annexes" */
	const struct annex_col *cols;
	size_t ncols;
};

static const struct annex_col annex_assessment_cols[] = {
	{"facility", A_TEXT}, {"commune", A_TEXT}, {"type", A_LABEL},
	{"completed_on", A_DATE}, {"consultant", A_TEXT},
	{"solutions_implemented", A_NUM},
};

static const struct annex_col annex_event_cols[] = {
	{"held_on", A_DATE}, {"title", A_TEXT}, {"type", A_LABEL},
	{"place", A_PLACE}, {"participants", A_NUM},
	{"facilities_reached", A_NUM}, {"cost_vnd", A_NUM},
	{"funding", A_LABEL},
};

static const struct annex annex_tables[] = {
	{"1", "Danh sách cơ sở hoàn thành đánh giá sản xuất sạch hơn trong "
	 "kỳ", "annex-assessments",
	 "<th>Cơ sở</th><th>Xã, phường</th><th>Loại đánh giá</th>"
	 "<th>Ngày hoàn thành</th><th>Đơn vị tư vấn</th>"
	 "<th>Giải pháp đã áp dụng</th>", "assessments",
	 annex_assessment_cols,
	 sizeof annex_assessment_cols / sizeof annex_assessment_cols[0]},
	{"2", "Danh sách hoạt động nâng cao nhận thức, năng lực đã tổ chức "
	 "trong kỳ", "annex-events",
	 "<th>Ngày</th><th style=\"width:28%\">Nội dung</th>"
	 "<th>Loại</th><th>Địa điểm</th>"
	 "<th>Người dự</th><th>Cơ sở</th><th>Kinh phí (đồng)</th>"
	 "<th>Nguồn</th>", "events",
	 annex_event_cols,
	 sizeof annex_event_cols / sizeof annex_event_cols[0]},
};

static void annex_cell(FILE *out, const json_t *r, const struct annex_col *c)
{
	const char *v = report_util_str(r, c->key);
	char b[64], d[16];

	switch (c->cell) {
	case A_TEXT:
		fputs("<td>", out);
		esc(out, v);
		fputs("</td>", out);
		break;
	case A_LABEL:
		fprintf(out, "<td>%s</td>", indicators_label(v, "vi"));
		break;
	case A_DATE:
		report_util_fmt_date(v, d, sizeof d);
		fprintf(out, "<td class=\"n\">%s</td>", d);
		break;
	case A_NUM:
		snprintf(b, sizeof b, "annex.%s", c->key);
		num(out, b, report_util_int(r, c->key));
		break;
	case A_PLACE:
		fputs("<td>", out);
		esc(out, v);
		if (report_util_str(r, "commune")[0]) {
			fputs(v[0] ? ", " : "", out);
			esc(out, report_util_str(r, "commune"));
		}
		fputs("</td>", out);
		break;
	}
}

static void annex_table(struct hctx *h, const struct annex *a)
{
	FILE *out = h->out;
	const json_t *rows = report_util_get(h->doc, "annexes", a->rows, NULL);
	size_t i;
	const json_t *r;

	fprintf(out, "<div class=\"annex\"><h2 style=\"text-align:center\">"
		"PHỤ LỤC %s</h2><p style=\"text-align:center;text-indent:0\">"
		"<b>%s</b></p>\n<table class=\"t\" id=\"%s\"><tr><th>TT</th>",
		a->number, a->title, a->id);
	if (h->province)
		fputs("<th>Huyện</th>", out);
	fprintf(out, "%s</tr>\n", a->heads);
	json_array_foreach(rows, i, r) {
		fprintf(out, "<tr><td class=\"n\">%zu</td>", i + 1);
		if (h->province) {
			fputs("<td>", out);
			esc(out, report_util_str(r, "district"));
			fputs("</td>", out);
		}
		for (size_t c = 0; c < a->ncols; c++)
			annex_cell(out, r, &a->cols[c]);
		fputs("</tr>\n", out);
	}
	fputs("</table></div>\n", out);
}

static void annexes(struct hctx *h)
{
	for (size_t i = 0; i < sizeof annex_tables / sizeof annex_tables[0];
	     i++)
		annex_table(h, &annex_tables[i]);
}

enum sx_err report_html_render(const json_t *doc,
			       const struct sx_render_opts *o, FILE *out)
{
	struct hctx h = {out, doc, 0};
	const json_t *ind = json_object_get(doc, "indicators");
	const json_t *nar = json_object_get(doc, "narrative");
	char today[11];
	const char *date = o->date;

	h.province = !strcmp(report_util_str(doc, "level"), "province");
	if (!date || !*date) {
		sx_today(today);
		date = today;
	}
	fputs("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8"
	      "\"><title>Báo cáo SXSH ", out);
	esc(out, report_util_str(doc, "period"));
	fputs(" – ", out);
	esc(out, report_util_str(json_object_get(doc, "district"), "name"));
	fprintf(out, "</title><style>%s</style></head>\n<body><div "
		"class=\"page\">\n", css);
	if (o->status && !strcmp(o->status, "draft"))
		fputs("<div class=\"draft\">DỰ THẢO</div>\n", out);
	header(&h, date);
	intro(&h);
	fputs("<h2>I. KẾT QUẢ THỰC HIỆN</h2>\n", out);
	paragraphs(out, report_util_str(nar, "results"),
		   "(Chưa có nội dung đánh giá kết quả.)");
	events_section(&h, json_object_get(ind, "events"));
	consumption_section(&h, json_object_get(ind, "consumption"));
	solutions_section(&h, ind);
	network_section(&h, ind);
	targets_section(&h, ind);
	if (h.province)
		districts_section(&h);
	fputs("<h2>II. KHÓ KHĂN, VƯỚNG MẮC</h2>\n", out);
	paragraphs(out, report_util_str(nar, "difficulties"),
		   "(Không có.)");
	fputs("<h2>III. KIẾN NGHỊ, ĐỀ XUẤT</h2>\n", out);
	paragraphs(out, report_util_str(nar, "proposals"), "(Không có.)");
	signature(&h);
	annexes(&h);
	fprintf(out, "<div class=\"foot\">sxsh.report/1 · %s · bản %lld",
		report_util_str(doc, "period"),
		report_util_int(doc, "revision"));
	if (o->status) {
		fputs(" · ", out);
		esc(out, report_util_status(o->status, "vi"));
	}
	if (o->sha256 && o->sha256[0])
		fprintf(out, " · SHA-256 %s", o->sha256);
	fputs("</div>\n</div></body></html>\n", out);
	return SX_OK;
}

/* report_pdf.c — the report as a PDF: the same official document as
 * report_html.c (head, title, sections, targets table, signature block,
 * annexes), laid out on A4 pages by pdfdoc.c.
 *
 * Every piece of text from the report (names, titles, the narrative) is
 * escaped for pango markup and normalised to NFC on the way in, so that
 * the PDF's text layer (what pdftotext and a search give back) is NFC
 * like the database.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "pdfdoc.h"
#include "report_internal.h"
#include "sxsh/db.h"

/* A growing markup string; oom is sticky and checked at the end. */
struct sb {
	char *s;
	size_t len, cap;
	int oom;
};

static void sb_put(struct sb *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *g = realloc(b->s, cap);
		if (!g) {
			b->oom = 1;
			return;
		}
		b->s = g;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void sb_printf(struct sb *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void sb_printf(struct sb *b, const char *fmt, ...)
{
	char *t = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&t, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = 1;
		return;
	}
	sb_put(b, t, (size_t)n);
	free(t);
}

/* The markup text so far ("" when empty), and start again. */
static const char *sb_str(const struct sb *b)
{
	return b->s && !b->oom ? b->s : "";
}

static void sb_reset(struct sb *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

/* User text: NFC, markup characters escaped, control characters (but
 * line breaks) dropped.  upper != 0 upper-cases it (the head's names). */
static void sb_text(struct sb *b, const char *s, int upper)
{
	utf8proc_uint8_t *nfc = NULL;

	if (!s)
		return;
	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &nfc,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE |
			 UTF8PROC_COMPOSE) < 0)
		nfc = NULL;   /* not UTF-8: shown as '?' below */
	const char *p = nfc ? (const char *)nfc : s;
	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_uint8_t u[4];
		utf8proc_ssize_t k = utf8proc_iterate(
			(const utf8proc_uint8_t *)p, -1, &cp);
		if (k <= 0) {
			sb_put(b, "?", 1);
			p++;
			continue;
		}
		p += k;
		if (cp == '&')
			sb_put(b, "&amp;", 5);
		else if (cp == '<')
			sb_put(b, "&lt;", 4);
		else if (cp == '>')
			sb_put(b, "&gt;", 4);
		else if (cp == '"')
			sb_put(b, "&quot;", 6);
		else if (cp == '\'')
			sb_put(b, "&apos;", 6);
		else if ((cp < 0x20 && cp != '\n') || cp == 0x7f)
			continue;
		else
			sb_put(b, (const char *)u, (size_t)utf8proc_encode_char(
				       upper ? utf8proc_toupper(cp) : cp, u));
	}
	free(nfc);
}

struct pctx {
	struct pdfdoc *d;
	const json_t *doc;
	int province;
	struct sb b;
};

static void par(struct pctx *c, enum pdfdoc_style style)
{
	pdfdoc_par(c->d, style, sb_str(&c->b));
	sb_reset(&c->b);
}

static void period_phrase(struct sb *b, const json_t *doc)
{
	const char *p = report_util_str(doc, "period");
	size_t n = strlen(p);

	if (n == 6 && p[5] == '1')
		sb_printf(b, "6 tháng đầu năm %.4s", p);
	else if (n == 6)
		sb_printf(b, "6 tháng cuối năm %.4s", p);
	else
		sb_printf(b, "năm %.4s", p);
}

static void date_phrase(struct sb *b, const char *iso)
{
	int y = 0, m = 0, d = 0;

	if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
		sb_printf(b, "ngày … tháng … năm …");
	else if (m <= 2)
		sb_printf(b, "ngày %02d tháng %02d năm %d", d, m, y);
	else
		sb_printf(b, "ngày %02d tháng %d năm %d", d, m, y);
}

static int is_city(const json_t *doc)
{
	const char *name = report_util_str(json_object_get(doc, "district"),
					   "name");
	return !strncmp(name, "Thành phố", strlen("Thành phố"));
}

static const char *office(const struct pctx *c)
{
	if (c->province)
		return "Sở Công Thương";
	return is_city(c->doc) ? "Phòng Kinh tế" : "Phòng Kinh tế và Hạ tầng";
}

static void head(struct pctx *c, const char *date)
{
	const char *name = report_util_str(json_object_get(c->doc,
							   "district"),
					   "name");
	struct sb left = {0}, right = {0}, no = {0}, place = {0};

	if (c->province) {
		sb_printf(&left, "UBND ");
		sb_text(&left, name, 1);
		sb_printf(&left, "\n<b>SỞ CÔNG THƯƠNG</b>");
		sb_printf(&no, "Số:      /BC-SCT");
	} else {
		sb_printf(&left, "ỦY BAN NHÂN DÂN\n");
		sb_text(&left, name, 1);
		sb_printf(&left, "\n<b>%s</b>", is_city(c->doc) ?
			  "PHÒNG KINH TẾ" : "PHÒNG KINH TẾ VÀ HẠ TẦNG");
		sb_printf(&no, "Số:      /BC-%s", is_city(c->doc) ? "KT" :
			  "KTHT");
	}
	sb_printf(&right, "<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>\n"
		  "<b>Độc lập - Tự do - Hạnh phúc</b>");
	sb_printf(&place, "<i>");
	sb_text(&place, report_util_place(name), 0);
	sb_printf(&place, ", ");
	date_phrase(&place, date);
	sb_printf(&place, "</i>");
	struct pdfdoc_column l = {sb_str(&left), sb_str(&no), 0.3, 0},
			     r = {sb_str(&right), sb_str(&place), 0.5, 0};
	pdfdoc_head(c->d, 12, 0.42, &l, &r);
	free(left.s);
	free(right.s);
	free(no.s);
	free(place.s);

	sb_printf(&c->b, "BÁO CÁO");
	par(c, PDFDOC_TITLE);
	sb_printf(&c->b, "<b>%s thực hiện Kế hoạch sản xuất sạch hơn trong "
		  "công nghiệp ", c->province ? "Tổng hợp kết quả" : "Kết quả");
	period_phrase(&c->b, c->doc);
	sb_printf(&c->b, "</b>");
	par(c, PDFDOC_CENTER);
	pdfdoc_space(c->d, 2);
	sb_printf(&c->b, "Kính gửi: %s", c->province ?
		  "Bộ Công Thương; Ủy ban nhân dân tỉnh Sơn La." :
		  "Sở Công Thương tỉnh Sơn La.");
	par(c, PDFDOC_CENTER);
	pdfdoc_space(c->d, 2);
}

static void intro(struct pctx *c)
{
	char s[16], e[16];

	report_util_fmt_date(report_util_str(c->doc, "period_start"), s,
			     sizeof s);
	report_util_fmt_date(report_util_str(c->doc, "period_end"), e,
			     sizeof e);
	if (json_is_object(json_object_get(c->doc, "plan"))) {
		sb_printf(&c->b, "Thực hiện ");
		sb_text(&c->b, report_util_str(json_object_get(c->doc, "plan"),
					       "title"), 0);
		sb_printf(&c->b, ", ");
	} else {
		/* a period in no plan: said, never another plan's title */
		sb_printf(&c->b, "Kỳ báo cáo không thuộc kế hoạch nào (không"
			  " có chỉ tiêu). ");
	}
	sb_printf(&c->b, "%s báo cáo kết quả thực hiện kỳ báo cáo ",
		  office(c));
	period_phrase(&c->b, c->doc);
	sb_printf(&c->b, " (số liệu từ ngày %s đến ngày %s) như sau:", s, e);
	par(c, PDFDOC_BODY);
}

/* Narrative text: one paragraph per line, or the placeholder. */
static void narrative(struct pctx *c, const char *text, const char *empty)
{
	if (!text || !*text) {
		sb_printf(&c->b, "<i>%s</i>", empty);
		par(c, PDFDOC_BODY);
		return;
	}
	for (const char *p = text; *p; ) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *line = strndup(p, n);
		if (!line) {
			c->b.oom = 1;
			return;
		}
		if (*line) {
			sb_text(&c->b, line, 0);
			par(c, PDFDOC_BODY);
		}
		free(line);
		p += n + (nl ? 1 : 0);
	}
}

/* Cell texts of one row, owned by the row. */
struct cells {
	char *v[10];
	int n;
};

static void cell_add(struct cells *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void cell_add(struct cells *r, const char *fmt, ...)
{
	va_list ap;

	if (r->n >= 10)
		return;
	va_start(ap, fmt);
	if (vasprintf(&r->v[r->n], fmt, ap) < 0)
		r->v[r->n] = NULL;
	va_end(ap);
	r->n++;
}

static void cell_text(struct cells *r, const char *text)
{
	struct sb b = {0};

	sb_text(&b, text, 0);
	cell_add(r, "%s", sb_str(&b));
	free(b.s);
}

static void cell_int(struct cells *r, long long v)
{
	char b[32];

	report_util_fmt_int(v, b, sizeof b);
	cell_add(r, "%s", b);
}

static void cell_dec(struct cells *r, const char *canon, int dp)
{
	char b[48];

	report_util_fmt_dec(canon, dp, b, sizeof b);
	cell_add(r, "%s", b[0] ? b : "–");
}

static void cell_pct(struct cells *r, const char *rate)
{
	char b[32];

	report_util_fmt_pct(rate, b, sizeof b);
	cell_add(r, "%s", b);
}

static void row_out(struct pctx *c, struct cells *r, int bold)
{
	pdfdoc_table_row(c->d, (const char *const *)r->v, bold);
	for (int i = 0; i < r->n; i++)
		free(r->v[i]);
	r->n = 0;
}

static void events_section(struct pctx *c, const json_t *ev)
{
	static const double w[] = {0.07, 0.33, 0.12, 0.14, 0.14, 0.20};
	static const char *const h[] = {"TT", "Loại hoạt động", "Số lượng",
		"Người tham dự", "Cơ sở được tiếp cận", "Kinh phí (đồng)"};
	static const struct pdfdoc_table t = {6, w, "rlrrrr", h};
	static const char *const keys[] = {"count", "participants",
					   "facilities_reached", "cost_vnd"};
	static const double fw[] = {0.6, 0.4};
	static const char *const fh[] = {"Nguồn kinh phí", "Kinh phí (đồng)"};
	static const struct pdfdoc_table ft = {2, fw, "lr", fh};
	const json_t *total = json_object_get(ev, "total");
	struct cells r = {0};
	int n = 0;

	sb_printf(&c->b, "<i>1. Nâng cao nhận thức và năng lực về sản xuất "
		  "sạch hơn</i>");
	par(c, PDFDOC_HEADING);
	pdfdoc_table_begin(c->d, &t);
	for (int i = 0; i < SX_EVTYPE_N; i++) {
		const char *k = indicators_evtype_keys[i];
		const json_t *o = report_util_get(ev, "by_type", k, NULL);
		if (!report_util_int(o, "count"))
			continue;
		cell_add(&r, "%d", ++n);
		cell_add(&r, "%s", indicators_label(k, "vi"));
		for (int j = 0; j < 4; j++)
			cell_int(&r, report_util_int(o, keys[j]));
		row_out(c, &r, 0);
	}
	cell_add(&r, "%s", "");
	cell_add(&r, "Tổng cộng");
	for (int j = 0; j < 4; j++)
		cell_int(&r, report_util_int(total, keys[j]));
	row_out(c, &r, 1);
	pdfdoc_table_end(c->d);

	const char *fund;
	long long cost;
	int any = 0;
	for (int i = 0; (fund = report_util_funding(total, &i, &cost)); ) {
		if (!any++)
			pdfdoc_table_begin(c->d, &ft);
		cell_add(&r, "%s", indicators_label(fund, "vi"));
		cell_int(&r, cost);
		row_out(c, &r, 0);
	}
	if (any)
		pdfdoc_table_end(c->d);
}

static void consumption_section(struct pctx *c, const json_t *cons)
{
	static const double w[] = {0.56, 0.2, 0.24};
	static const char *const h[] = {"Chỉ số", "Đơn vị", "Tổng số"};
	static const struct pdfdoc_table t = {3, w, "llr", h};
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
	char a[32], b[32], p[32];
	struct cells r = {0};

	report_util_fmt_int(report_util_int(cons, "facilities_with_data"), a,
			    sizeof a);
	report_util_fmt_int(report_util_int(cons, "facilities_active"), b,
			    sizeof b);
	report_util_fmt_pct(report_util_str(cons, "coverage"), p, sizeof p);
	sb_printf(&c->b, "<i>2. Cơ sở dữ liệu về tiêu thụ nguyên liệu, năng "
		  "lượng</i>");
	par(c, PDFDOC_HEADING);
	sb_printf(&c->b, "Năm %lld (%s) có %s/%s cơ sở đang hoạt động có số "
		  "liệu tiêu thụ (đạt %s).", report_util_int(cons, "year"),
		  strchr(report_util_str(c->doc, "period"), 'S') ?
		  "năm trọn gần nhất trước kỳ 6 tháng" : "năm của báo cáo",
		  a, b, p);
	par(c, PDFDOC_BODY);
	pdfdoc_table_begin(c->d, &t);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		cell_add(&r, "%s", rows[i].label);
		cell_add(&r, "%s", rows[i].unit);
		cell_dec(&r, report_util_str(cons, rows[i].k), rows[i].dp);
		row_out(c, &r, 0);
	}
	pdfdoc_table_end(c->d);
}

static void solutions_section(struct pctx *c, const json_t *ind)
{
	static const double w[] = {0.19, 0.09, 0.16, 0.16, 0.15, 0.11, 0.14};
	static const char *const h[] = {"Nhóm giải pháp", "Số giải pháp",
		"Vốn đầu tư (đồng)", "Lợi ích (đồng/năm)",
		"Điện tiết kiệm (kWh/năm)", "TOE/năm", "Giảm CO₂ (tấn/năm)"};
	static const struct pdfdoc_table t = {7, w, "lrrrrrr", h};
	const json_t *sol = json_object_get(ind, "solutions");
	const json_t *tot = json_object_get(sol, "total");
	const json_t *t2 = json_object_get(ind, "T2"),
		     *t3 = json_object_get(ind, "T3");
	char a[24], b[24], d[24], e[24];
	struct cells r = {0};

	report_util_fmt_int(report_util_int(t2, "period"), a, sizeof a);
	report_util_fmt_int(report_util_int(t2, "cumulative"), b, sizeof b);
	report_util_fmt_int(report_util_int(t3, "period"), d, sizeof d);
	report_util_fmt_int(report_util_int(t3, "cumulative"), e, sizeof e);
	sb_printf(&c->b, "<i>3. Hỗ trợ kỹ thuật áp dụng sản xuất sạch hơn</i>");
	par(c, PDFDOC_HEADING);
	sb_printf(&c->b, "Trong kỳ có %s cơ sở hoàn thành đánh giá nhanh (lũy "
		  "kế từ đầu kế hoạch: %s) và %s cơ sở đánh giá chi tiết, áp "
		  "dụng giải pháp SXSH (lũy kế: %s). Các giải pháp đã áp dụng "
		  "(lũy kế) theo nhóm giải pháp:", a, b, d, e);
	par(c, PDFDOC_BODY);
	pdfdoc_table_begin(c->d, &t);
	for (int i = 0; i <= SX_TECHNIQUE_N; i++) {
		const char *k = i < SX_TECHNIQUE_N ?
			indicators_technique_keys[i] : "total";
		const json_t *o = i < SX_TECHNIQUE_N ?
			report_util_get(sol, "by_technique", k, NULL) : tot;
		if (i < SX_TECHNIQUE_N && !report_util_int(o, "implemented"))
			continue;
		cell_add(&r, "%s", i < SX_TECHNIQUE_N ?
			 indicators_label(k, "vi") : "Tổng cộng");
		cell_int(&r, report_util_int(o, "implemented"));
		cell_int(&r, report_util_int(o, "investment_vnd"));
		cell_int(&r, report_util_int(o, "saving_vnd"));
		cell_dec(&r, report_util_str(o, "kwh"), 0);
		cell_dec(&r, report_util_str(o, "toe"), 3);
		cell_dec(&r, report_util_str(o, "co2_t"), 3);
		row_out(c, &r, i == SX_TECHNIQUE_N);
	}
	pdfdoc_table_end(c->d);
	report_util_fmt_dec(report_util_str(tot, "water_m3"), 1, a, sizeof a);
	report_util_fmt_dec(report_util_str(tot, "materials_t"), 3, b,
			    sizeof b);
	sb_printf(&c->b, "Ngoài ra, các giải pháp tiết kiệm %s m³ nước và %s "
		  "tấn nguyên liệu mỗi năm.", a, b);
	par(c, PDFDOC_BODY);
}

static void network_section(struct pctx *c, const json_t *ind)
{
	const json_t *t4 = json_object_get(ind, "T4");
	char a[24], b[24], p[32];

	report_util_fmt_int(report_util_int(t4, "numerator"), a, sizeof a);
	report_util_fmt_int(report_util_int(t4, "denominator"), b, sizeof b);
	report_util_fmt_pct(report_util_str(t4, "rate"), p, sizeof p);
	sb_printf(&c->b, "<i>4. Mạng lưới hỗ trợ sản xuất sạch hơn</i>");
	par(c, PDFDOC_HEADING);
	sb_printf(&c->b, "Có %s/%s cán bộ khuyến công, cán bộ quản lý công "
		  "nghiệp và cộng tác viên đang hoạt động đã được tập huấn về "
		  "sản xuất sạch hơn (đạt %s).", a, b, p);
	par(c, PDFDOC_BODY);
}

static void targets_section(struct pctx *c, const json_t *ind)
{
	static const double w[] = {0.06, 0.38, 0.14, 0.13, 0.15, 0.14};
	static const char *const h[] = {"TT", "Chỉ tiêu", "Mục tiêu",
		"Kết quả trong kỳ", "Lũy kế đến cuối kỳ", "Tỷ lệ đạt (%)"};
	static const struct pdfdoc_table t = {6, w, "rlrrrr", h};
	struct cells r = {0};

	sb_printf(&c->b, "<i>5. Kết quả thực hiện các chỉ tiêu của Kế hoạch"
		  "</i>");
	par(c, PDFDOC_HEADING);
	pdfdoc_table_begin(c->d, &t);
	for (int i = 1; i <= 4; i++) {
		char k[3] = {'T', (char)('0' + i), 0};
		const json_t *o = json_object_get(ind, k);
		cell_add(&r, "%d", i);
		cell_add(&r, "%s", indicators_label(k, "vi"));
		if (i == 1 || i == 4) {
			char n[24], d[24];
			cell_pct(&r, report_util_str(o, "target"));
			cell_add(&r, "–");
			report_util_fmt_int(report_util_int(o, "numerator"),
					    n, sizeof n);
			report_util_fmt_int(report_util_int(o, "denominator"),
					    d, sizeof d);
			cell_add(&r, "%s/%s", n, d);
			cell_pct(&r, report_util_str(o, "rate"));
		} else {
			const json_t *tg = json_object_get(o, "target");
			long long cum = report_util_int(o, "cumulative");
			long long den = json_is_integer(tg) ?
				json_integer_value(tg) :
				report_util_int(o, "province_total");
			if (json_is_integer(tg))
				cell_int(&r, den);
			else if (json_is_null(json_object_get(
					 o, "province_total")))
				cell_add(&r, "–");
			else
				cell_add(&r, "– (tỉnh: %lld)", den);
			cell_int(&r, report_util_int(o, "period"));
			cell_int(&r, cum);
			struct sx_ratio ratio = {cum, den, 0};
			char rate[32];
			indicators_rate(&ratio, rate);
			cell_pct(&r, rate);
		}
		row_out(c, &r, 0);
	}
	pdfdoc_table_end(c->d);
	sb_printf(&c->b, "<i>Ghi chú: chỉ tiêu 2 và 3 là tổng của toàn tỉnh; "
		  "khi huyện chưa được giao chỉ tiêu, tỷ lệ được tính so với "
		  "tổng của tỉnh.</i>");
	par(c, PDFDOC_SMALL);
}

static void districts_section(struct pctx *c)
{
	static const double w[] = {0.07, 0.33, 0.08, 0.13, 0.13, 0.13, 0.13};
	static const char *const h[] = {"TT", "Huyện, thành phố", "Bản",
		"T1 (%)", "T2 lũy kế", "T3 lũy kế", "T4 (%)"};
	static const struct pdfdoc_table t = {7, w, "rlrrrrr", h};
	struct cells r = {0};
	size_t i;
	const json_t *d;

	sb_printf(&c->b, "<i>6. Kết quả theo huyện, thành phố</i>");
	par(c, PDFDOC_HEADING);
	pdfdoc_table_begin(c->d, &t);
	json_array_foreach(json_object_get(c->doc, "districts"), i, d) {
		cell_add(&r, "%zu", i + 1);
		cell_text(&r, report_util_str(d, "name"));
		cell_int(&r, report_util_int(d, "revision"));
		cell_pct(&r, report_util_str(json_object_get(d, "T1"),
					     "rate"));
		cell_int(&r, report_util_int(json_object_get(d, "T2"),
					     "cumulative"));
		cell_int(&r, report_util_int(json_object_get(d, "T3"),
					     "cumulative"));
		cell_pct(&r, report_util_str(json_object_get(d, "T4"),
					     "rate"));
		row_out(c, &r, 0);
	}
	pdfdoc_table_end(c->d);
}

static void signature(struct pctx *c)
{
	struct sb recv = {0}, signer = {0};

	sb_printf(&c->b, "Trên đây là báo cáo kết quả thực hiện Kế hoạch sản "
		  "xuất sạch hơn trong công nghiệp ");
	period_phrase(&c->b, c->doc);
	sb_printf(&c->b, " của %s./.", office(c));
	par(c, PDFDOC_BODY);
	pdfdoc_space(c->d, 3);
	sb_printf(&recv, "<span size=\"10500\"><b><i>Nơi nhận:</i></b>\n%s\n"
		  "- Lưu: VT.</span>", c->province ?
		  "- Bộ Công Thương;\n- UBND tỉnh Sơn La;\n- Phòng Kinh tế "
		  "(KT-HT) các huyện, thành phố;" :
		  "- Sở Công Thương tỉnh Sơn La;\n- UBND huyện (b/c);");
	sb_printf(&signer, "<b>%s</b>\n\n\n\n", c->province ? "GIÁM ĐỐC" :
		  "TRƯỞNG PHÒNG");
	/* the signature block is a table without rules in the document;
	 * a head with no rule under it does the same here */
	struct pdfdoc_column l = {NULL, sb_str(&recv), 0, 1},
			     r = {NULL, sb_str(&signer), 0, 0};
	pdfdoc_head(c->d, 0, 0.5, &l, &r);
	free(recv.s);
	free(signer.s);
}

static void annex_assessments(struct pctx *c)
{
	static const double w[] = {0.06, 0.22, 0.14, 0.14, 0.13, 0.19, 0.12};
	static const double wp[] = {0.05, 0.12, 0.18, 0.12, 0.12, 0.12, 0.17,
				    0.12};
	static const char *const h[] = {"TT", "Cơ sở", "Xã, phường",
		"Loại đánh giá", "Ngày hoàn thành", "Đơn vị tư vấn",
		"Giải pháp đã áp dụng"};
	static const char *const hp[] = {"TT", "Huyện", "Cơ sở", "Xã, phường",
		"Loại đánh giá", "Ngày hoàn thành", "Đơn vị tư vấn",
		"Giải pháp đã áp dụng"};
	static const struct pdfdoc_table t = {7, w, "rlllnlr", h},
					 tp = {8, wp, "rllllnlr", hp};
	const json_t *rows = report_util_get(c->doc, "annexes", "assessments",
					     NULL);
	struct cells r = {0};
	size_t i;
	const json_t *a;

	pdfdoc_page_break(c->d);
	sb_printf(&c->b, "PHỤ LỤC 1");
	par(c, PDFDOC_TITLE);
	sb_printf(&c->b, "<b>Danh sách cơ sở hoàn thành đánh giá sản xuất "
		  "sạch hơn trong kỳ</b>");
	par(c, PDFDOC_CENTER);
	pdfdoc_table_begin(c->d, c->province ? &tp : &t);
	json_array_foreach(rows, i, a) {
		char d[16];
		cell_add(&r, "%zu", i + 1);
		if (c->province)
			cell_text(&r, report_util_str(a, "district"));
		cell_text(&r, report_util_str(a, "facility"));
		cell_text(&r, report_util_str(a, "commune"));
		cell_add(&r, "%s", indicators_label(report_util_str(a, "type"),
						    "vi"));
		report_util_fmt_date(report_util_str(a, "completed_on"), d,
				     sizeof d);
		cell_add(&r, "%s", d);
		cell_text(&r, report_util_str(a, "consultant"));
		cell_int(&r, report_util_int(a, "solutions_implemented"));
		row_out(c, &r, 0);
	}
	pdfdoc_table_end(c->d);
}

static void annex_events(struct pctx *c)
{
	static const double w[] = {0.05, 0.12, 0.21, 0.11, 0.14, 0.08, 0.07,
				   0.12, 0.1};
	static const double wp[] = {0.05, 0.09, 0.12, 0.16, 0.1, 0.12, 0.07,
				    0.07, 0.12, 0.1};
	static const char *const h[] = {"TT", "Ngày", "Nội dung", "Loại",
		"Địa điểm", "Người dự", "Cơ sở", "Kinh phí (đồng)", "Nguồn"};
	static const char *const hp[] = {"TT", "Huyện", "Ngày", "Nội dung",
		"Loại", "Địa điểm", "Người dự", "Cơ sở", "Kinh phí (đồng)",
		"Nguồn"};
	static const struct pdfdoc_table t = {9, w, "rnlllrrrl", h},
					 tp = {10, wp, "rlnlllrrrl", hp};
	const json_t *rows = report_util_get(c->doc, "annexes", "events",
					     NULL);
	struct cells r = {0};
	size_t i;
	const json_t *e;

	pdfdoc_page_break(c->d);
	sb_printf(&c->b, "PHỤ LỤC 2");
	par(c, PDFDOC_TITLE);
	sb_printf(&c->b, "<b>Danh sách hoạt động nâng cao nhận thức, năng lực "
		  "đã tổ chức trong kỳ</b>");
	par(c, PDFDOC_CENTER);
	pdfdoc_table_begin(c->d, c->province ? &tp : &t);
	json_array_foreach(rows, i, e) {
		char d[16];
		struct sb place = {0};
		cell_add(&r, "%zu", i + 1);
		if (c->province)
			cell_text(&r, report_util_str(e, "district"));
		report_util_fmt_date(report_util_str(e, "held_on"), d,
				     sizeof d);
		cell_add(&r, "%s", d);
		cell_text(&r, report_util_str(e, "title"));
		cell_add(&r, "%s", indicators_label(report_util_str(e, "type"),
						    "vi"));
		sb_text(&place, report_util_str(e, "place"), 0);
		if (report_util_str(e, "commune")[0]) {
			if (report_util_str(e, "place")[0])
				sb_printf(&place, ", ");
			sb_text(&place, report_util_str(e, "commune"), 0);
		}
		cell_add(&r, "%s", sb_str(&place));
		free(place.s);
		cell_int(&r, report_util_int(e, "participants"));
		cell_int(&r, report_util_int(e, "facilities_reached"));
		cell_int(&r, report_util_int(e, "cost_vnd"));
		cell_add(&r, "%s", indicators_label(report_util_str(e,
						    "funding"), "vi"));
		row_out(c, &r, 0);
	}
	pdfdoc_table_end(c->d);
}

static void footer(struct pctx *c, const struct sx_render_opts *o)
{
	sb_printf(&c->b, "<span foreground=\"#555555\">sxsh.report/1 · ");
	sb_text(&c->b, report_util_str(c->doc, "period"), 0);
	sb_printf(&c->b, " · bản %lld", report_util_int(c->doc, "revision"));
	if (o->status)
		sb_printf(&c->b, " · %s", report_util_status(o->status, "vi"));
	if (o->sha256 && o->sha256[0]) {
		sb_printf(&c->b, " · SHA-256 ");
		sb_text(&c->b, o->sha256, 0);
	}
	sb_printf(&c->b, "</span>");
	pdfdoc_space(c->d, 4);
	par(c, PDFDOC_SMALL);
}

enum sx_err report_pdf_render(const json_t *doc,
			      const struct sx_render_opts *o, FILE *out,
			      struct sx_error *err)
{
	struct pctx c = {NULL, doc, 0, {0}};
	const json_t *ind = json_object_get(doc, "indicators");
	const json_t *nar = json_object_get(doc, "narrative");
	char today[11], *title = NULL;
	const char *date = o->date;
	enum sx_err e;

	c.province = !strcmp(report_util_str(doc, "level"), "province");
	if (!date || !*date) {
		sx_today(today);
		date = today;
	}
	if (asprintf(&title, "Báo cáo SXSH %s – %s",
		     report_util_str(doc, "period"),
		     report_util_str(json_object_get(doc, "district"),
				     "name")) < 0)
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	e = pdfdoc_new(out, title, &c.d, err);
	free(title);
	if (e)
		return e;
	if (o->status && !strcmp(o->status, "draft")) {
		sb_printf(&c.b, "<b>DỰ THẢO</b>");
		par(&c, PDFDOC_PLAIN);
	}
	head(&c, date);
	intro(&c);
	sb_printf(&c.b, "I. KẾT QUẢ THỰC HIỆN");
	par(&c, PDFDOC_HEADING);
	narrative(&c, report_util_str(nar, "results"),
		  "(Chưa có nội dung đánh giá kết quả.)");
	events_section(&c, json_object_get(ind, "events"));
	consumption_section(&c, json_object_get(ind, "consumption"));
	solutions_section(&c, ind);
	network_section(&c, ind);
	targets_section(&c, ind);
	if (c.province)
		districts_section(&c);
	sb_printf(&c.b, "II. KHÓ KHĂN, VƯỚNG MẮC");
	par(&c, PDFDOC_HEADING);
	narrative(&c, report_util_str(nar, "difficulties"), "(Không có.)");
	sb_printf(&c.b, "III. KIẾN NGHỊ, ĐỀ XUẤT");
	par(&c, PDFDOC_HEADING);
	narrative(&c, report_util_str(nar, "proposals"), "(Không có.)");
	signature(&c);
	footer(&c, o);
	annex_assessments(&c);
	annex_events(&c);
	int oom = c.b.oom;
	free(c.b.s);
	e = pdfdoc_finish(c.d, err);
	if (!e && oom)
		e = sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	return e;
}

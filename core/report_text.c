/* report_text.c — the report as plain text for the terminal: every line at
 * most 80 display columns (Vietnamese letters are one column each; cells
 * that would overflow are cut at a character boundary and end in "…").
 * As SX_REPORT_TEXT_WHOLE nothing is cut and money is in đồng: lines
 * may then be wider, for a viewer that scrolls sideways (screen 7).
 */
#include <string.h>
#include "report_internal.h"

#define WIDTH 80

struct tctx {
	FILE *out;
	int en;
	int whole;
};

/* The whole mode of the render under way (cell() has no context and is
 * called from everywhere); set and cleared by report_text_render. */
static _Thread_local int whole_cells;

static const char *L(const struct tctx *t, const char *vi, const char *en)
{
	return t->en ? en : vi;
}

/* Writes s in exactly `width` columns (cut with "…" or padded), aligned
 * right when right != 0.  Control characters become '?' so that a name
 * cannot move the terminal's cursor. */
static void cell(FILE *out, const char *raw, int width, int right)
{
	char s[1024];
	size_t n = 0;

	for (; *raw && n + 1 < sizeof s; raw++)
		s[n++] = (unsigned char)*raw < 0x20 || *raw == 0x7f ? '?' :
			 *raw;
	s[n] = '\0';
	int w = report_util_width(s);

	if (w > width && !whole_cells) {
		/* copy characters while they fit in width - 1, then "…" */
		int used = 0;
		const char *p = s;
		while (*p) {
			const char *q = p + 1;
			char one[8];
			while ((*q & 0xC0) == 0x80)
				q++;
			if ((size_t)(q - p) >= sizeof one)
				break;
			memcpy(one, p, (size_t)(q - p));
			one[q - p] = '\0';
			int cw = report_util_width(one);
			if (used + cw > width - 1)
				break;
			fwrite(p, 1, (size_t)(q - p), out);
			used += cw;
			p = q;
		}
		fputs("…", out);
		for (used++; used < width; used++)
			fputc(' ', out);
		return;
	}
	if (right)
		for (int i = w; i < width; i++)
			fputc(' ', out);
	fputs(s, out);
	if (!right)
		for (int i = w; i < width; i++)
			fputc(' ', out);
}

/* Writes s cut to at most width columns, without padding. */
static void clip(FILE *out, const char *s, int width)
{
	if (report_util_width(s) <= width || whole_cells)
		fputs(s, out);
	else
		cell(out, s, width, 0);
}

/* A row of cells separated by one space. */
static void row(FILE *out, int n, const int *widths, const int *right,
		const char *const *cells)
{
	for (int i = 0; i < n; i++) {
		if (i)
			fputc(' ', out);
		cell(out, cells[i], widths[i], right[i]);
	}
	fputc('\n', out);
}

static void rule(FILE *out, const char *ch)
{
	for (int i = 0; i < WIDTH; i++)
		fputs(ch, out);
	fputc('\n', out);
}

/* Word-wraps text into lines of at most WIDTH - indent columns. */
static void wrap(FILE *out, const char *text, int indent)
{
	const char *p = text;
	int col = 0, limit = WIDTH - indent;

	if (!*p) {
		fprintf(out, "%*s(…)\n", indent, "");
		return;
	}
	while (*p) {
		if (*p == '\n') {
			fputc('\n', out);
			col = 0;
			p++;
			continue;
		}
		if (*p == ' ') {
			p++;
			continue;
		}
		const char *e = p;
		while (*e && *e != ' ' && *e != '\n')
			e++;
		char word[256];
		size_t len = (size_t)(e - p);
		if (len >= sizeof word)
			len = sizeof word - 1;
		memcpy(word, p, len);
		word[len] = '\0';
		for (size_t i = 0; i < len; i++)  /* see cell() */
			if ((unsigned char)word[i] < 0x20 || word[i] == 0x7f)
				word[i] = '?';
		int w = report_util_width(word);
		if (col > 0 && col + 1 + w > limit) {
			fputc('\n', out);
			col = 0;
		}
		if (col == 0)
			fprintf(out, "%*s", indent, "");
		else {
			fputc(' ', out);
			col++;
		}
		if (w > limit) {
			cell(out, word, limit, 0);
			w = limit;
		} else {
			fputs(word, out);
		}
		col += w;
		p = e;
	}
	if (col)
		fputc('\n', out);
}

/* Labels short enough for the 33-column cell. */
static const char *const short_vi[] = {
	"Cơ sở được phổ biến SXSH", "Cơ sở đánh giá nhanh",
	"Cơ sở ĐG chi tiết và áp dụng", "Cán bộ, CTV được tập huấn"};
static const char *const short_en[] = {
	"Facilities informed of CP", "Rapid assessments",
	"Detailed assessment + CP", "Officers/collaborators trained"};

static void targets(struct tctx *t, const json_t *ind)
{
	static const int wd[] = {31, 9, 8, 17, 9};
	static const int rt[] = {0, 1, 1, 1, 1};
	const char *hdr[] = {L(t, "Chỉ tiêu", "Indicator"),
			     L(t, "Mục tiêu", "Target"),
			     L(t, "Trong kỳ", "Period"),
			     L(t, "Lũy kế", "Cumulative"),
			     L(t, "Đạt (%)", "Achieved")};
	const char *lang = t->en ? "en" : "vi";

	row(t->out, 5, wd, rt, hdr);
	for (int i = 1; i <= 4; i++) {
		char key[3] = {'T', (char)('0' + i), 0};
		const json_t *o = report_util_get(ind, key, NULL);
		char label[256], target[32], period[32], cum[48], pct[32];
		(void)lang;
		snprintf(label, sizeof label, "%s %s", key, t->en ?
			 short_en[i - 1] : short_vi[i - 1]);
		if (i == 1 || i == 4) {
			char n[24], d[24];
			report_util_fmt_pct(report_util_str(o, "target"),
					    target, sizeof target);
			snprintf(period, sizeof period, "–");
			report_util_fmt_int(report_util_int(o, "numerator"),
					    n, sizeof n);
			report_util_fmt_int(report_util_int(o,
					    "denominator"), d, sizeof d);
			snprintf(cum, sizeof cum, "%s/%s", n, d);
			report_util_fmt_pct(report_util_str(o, "rate"), pct,
					    sizeof pct);
		} else {
			const json_t *tg = json_object_get(o, "target");
			long long c = report_util_int(o, "cumulative");
			if (json_is_integer(tg)) {
				report_util_fmt_int(json_integer_value(tg),
						    target, sizeof target);
				struct sx_ratio r = {c, json_integer_value(tg),
						     0};
				char rate[32];
				indicators_rate(&r, rate);
				report_util_fmt_pct(rate, pct, sizeof pct);
			} else if (json_is_null(json_object_get(
					   o, "province_total"))) {
				/* in no plan: nothing to measure against */
				snprintf(target, sizeof target, "–");
				snprintf(pct, sizeof pct, "–");
			} else {
				/* no share: against the province total */
				long long pt = report_util_int(o,
							"province_total");
				struct sx_ratio r = {c, pt, 0};
				char rate[32];
				snprintf(target, sizeof target, "%s %lld",
					 L(t, "tỉnh", "prov."), pt);
				indicators_rate(&r, rate);
				report_util_fmt_pct(rate, pct, sizeof pct);
			}
			report_util_fmt_int(report_util_int(o, "period"),
					    period, sizeof period);
			report_util_fmt_int(c, cum, sizeof cum);
		}
		const char *cells[] = {label, target, period, cum, pct};
		row(t->out, 5, wd, rt, cells);
	}
}

static void facilities(struct tctx *t, const json_t *f)
{
	const char *lang = t->en ? "en" : "vi";
	char n[24], m[24];
	size_t i;
	const json_t *s;

	report_util_fmt_int(report_util_int(f, "total"), n, sizeof n);
	report_util_fmt_int(report_util_int(f, "cp_potential"), m, sizeof m);
	fprintf(t->out, "%s: %s; %s: %s\n",
		L(t, "Tổng số cơ sở đang hoạt động", "Active facilities"), n,
		L(t, "có tiềm năng SXSH", "with CP potential"), m);
	for (int k = 0; k < SX_FKIND_N; k++) {
		const char *key = indicators_fkind_keys[k];
		long long c = report_util_int(report_util_get(f, "by_kind",
							      NULL), key);
		if (!c)
			continue;
		report_util_fmt_int(c, n, sizeof n);
		fprintf(t->out, "  - ");
		cell(t->out, indicators_label(key, lang), 40, 0);
		fprintf(t->out, " %s\n", n);
	}
	fprintf(t->out, "%s:\n", L(t, "Theo ngành (VSIC)", "By sector (VSIC)"));
	json_array_foreach(json_object_get(f, "by_sector"), i, s) {
		char label[256];
		const char *code = report_util_str(s, "code");
		snprintf(label, sizeof label, "%s %s", code[0] ? code : "–",
			 report_util_str(s, "name"));
		report_util_fmt_int(report_util_int(s, "count"), n, sizeof n);
		fprintf(t->out, "  - ");
		cell(t->out, label, 62, 0);
		fprintf(t->out, " ");
		cell(t->out, n, 10, 1);
		fputc('\n', t->out);
	}
}

static void events(struct tctx *t, const json_t *ev)
{
	static const int wd[] = {26, 6, 10, 8, 25};
	static const int rt[] = {0, 1, 1, 1, 1};
	const char *lang = t->en ? "en" : "vi";
	const char *hdr[] = {L(t, "Loại hoạt động", "Type"),
			     L(t, "Số", "Count"), L(t, "Người dự", "People"),
			     L(t, "Cơ sở", "Facil."),
			     L(t, "Kinh phí (đồng)", "Cost (VND)")};
	const json_t *total = json_object_get(ev, "total");

	row(t->out, 5, wd, rt, hdr);
	for (int i = 0; i <= SX_EVTYPE_N; i++) {
		const char *label = i < SX_EVTYPE_N ?
			indicators_label(indicators_evtype_keys[i], lang) :
			L(t, "Tổng cộng", "Total");
		const json_t *o = i < SX_EVTYPE_N ?
			report_util_get(ev, "by_type",
					indicators_evtype_keys[i], NULL) :
			total;
		char c[24], p[24], f[24], v[32];
		if (i < SX_EVTYPE_N && !report_util_int(o, "count"))
			continue;
		report_util_fmt_int(report_util_int(o, "count"), c, sizeof c);
		report_util_fmt_int(report_util_int(o, "participants"), p,
				    sizeof p);
		report_util_fmt_int(report_util_int(o, "facilities_reached"),
				    f, sizeof f);
		report_util_fmt_int(report_util_int(o, "cost_vnd"), v,
				    sizeof v);
		const char *cells[] = {label, c, p, f, v};
		row(t->out, 5, wd, rt, cells);
	}
	fprintf(t->out, "%s:\n", L(t, "Kinh phí theo nguồn",
				    "Cost by funding source"));
	const char *fund;
	long long cost;
	for (int i = 0; (fund = report_util_funding(total, &i, &cost)); ) {
		char s[32];
		report_util_fmt_int(cost, s, sizeof s);
		fprintf(t->out, "  - ");
		cell(t->out, indicators_label(fund, lang), 50, 0);
		fprintf(t->out, " ");
		cell(t->out, s, 22, 1);
		fputc('\n', t->out);
	}
}

/* Whole VND as millions with one decimal: 1.234.567.890 → "1.234,6". */
static void millions(long long vnd, char *out, size_t n)
{
	char canon[48];
	unsigned long long u = vnd < 0 ? 0ULL - (unsigned long long)vnd :
				       (unsigned long long)vnd;

	snprintf(canon, sizeof canon, "%s%llu.%06llu", vnd < 0 ? "-" : "",
		 u / 1000000ULL, u % 1000000ULL);
	report_util_fmt_dec(canon, 1, out, n);
}

static void solutions(struct tctx *t, const json_t *sol)
{
	static const int narrow[] = {27, 6, 4, 13, 13, 11},
			 wide[] = {27, 6, 4, 17, 17, 11};
	const int *wd = t->whole ? wide : narrow;
	static const int rt[] = {0, 1, 1, 1, 1, 1};
	const char *lang = t->en ? "en" : "vi";
	const char *hdr[] = {L(t, "Nhóm giải pháp", "Technique"),
			     L(t, "Lũy kế", "Cum."), L(t, "Kỳ", "Per."),
			     t->whole ? L(t, "Đầu tư (đồng)", "Invest VND") :
			     L(t, "Đầu tư tr.đ", "Invest MVND"),
			     t->whole ? L(t, "Lợi ích/năm (đ)", "Saving VND") :
			     L(t, "Lợi ích/năm", "Saving MVND"),
			     L(t, "kWh/năm", "kWh/y")};
	const json_t *tot = json_object_get(sol, "total");
	char a[32], b[32], c[32], d[32];

	row(t->out, 6, wd, rt, hdr);
	for (int i = 0; i <= SX_TECHNIQUE_N; i++) {
		const char *label = i < SX_TECHNIQUE_N ?
			indicators_label(indicators_technique_keys[i], lang) :
			L(t, "Tổng cộng", "Total");
		if (i == 5 && !t->en)   /* the one name too long for 27 */
			label = "Tuần hoàn, tái sử dụng";
		const json_t *o = i < SX_TECHNIQUE_N ?
			report_util_get(sol, "by_technique",
					indicators_technique_keys[i], NULL) :
			tot;
		char n[24], np[24];
		if (i < SX_TECHNIQUE_N && !report_util_int(o, "implemented"))
			continue;
		report_util_fmt_int(report_util_int(o, "implemented"), n,
				    sizeof n);
		report_util_fmt_int(report_util_int(o, "implemented_period"),
				    np, sizeof np);
		if (t->whole) {
			report_util_fmt_int(report_util_int(o,
					    "investment_vnd"), a, sizeof a);
			report_util_fmt_int(report_util_int(o, "saving_vnd"),
					    b, sizeof b);
		} else {
			millions(report_util_int(o, "investment_vnd"), a,
				 sizeof a);
			millions(report_util_int(o, "saving_vnd"), b,
				 sizeof b);
		}
		report_util_fmt_dec(report_util_str(o, "kwh"), 0, c,
				    sizeof c);
		const char *cells[] = {label, n, np, a, b, c};
		row(t->out, 6, wd, rt, cells);
	}
	report_util_fmt_dec(report_util_str(tot, "toe"), 3, a, sizeof a);
	report_util_fmt_dec(report_util_str(tot, "co2_t"), 3, b, sizeof b);
	report_util_fmt_dec(report_util_str(tot, "water_m3"), 1, c, sizeof c);
	report_util_fmt_dec(report_util_str(tot, "materials_t"), 3, d,
			    sizeof d);
	fprintf(t->out, "%s: %s TOE; %s t CO2\n",
		L(t, "Tiết kiệm/năm", "Yearly savings"), a, b);
	fprintf(t->out, "  %s %s m3; %s %s t\n", L(t, "nước", "water"), c,
		L(t, "nguyên liệu", "materials"), d);
	if (!t->whole)
		fprintf(t->out, "%s\n", L(t, "(tiền: triệu đồng)",
					   "(money: million VND)"));
}

/* Which year's figures, and why (period_consumption_year). */
static void consumption_year(struct tctx *t, const json_t *c,
			     const char *period)
{
	fprintf(t->out, "%s %lld (%s)\n",
		L(t, "Số liệu tiêu thụ năm", "Consumption figures of"),
		report_util_int(c, "year"), strchr(period, 'S') ?
		L(t, "năm trọn gần nhất trước kỳ 6 tháng",
		  "the last complete year before the half-year") :
		L(t, "năm của báo cáo", "the report's year"));
}

static void consumption(struct tctx *t, const json_t *c, const char *period)
{
	char a[32], b[32], pct[32], e[32], x[32], y[32], z[32];
	const char *v;

	report_util_fmt_int(report_util_int(c, "facilities_with_data"), a,
			    sizeof a);
	report_util_fmt_int(report_util_int(c, "facilities_active"), b,
			    sizeof b);
	report_util_fmt_pct(report_util_str(c, "coverage"), pct, sizeof pct);
	consumption_year(t, c, period);
	fprintf(t->out, "%s %lld: %s/%s %s (%s)\n",
		L(t, "Năm", "Year"), report_util_int(c, "year"), a, b,
		L(t, "cơ sở có số liệu", "facilities with data"), pct);
	report_util_fmt_dec(report_util_str(c, "electricity_kwh"), 0, e,
			    sizeof e);
	report_util_fmt_dec(report_util_str(c, "toe"), 3, x, sizeof x);
	report_util_fmt_dec(report_util_str(c, "water_m3"), 1, y, sizeof y);
	report_util_fmt_dec(report_util_str(c, "output_t"), 3, z, sizeof z);
	fprintf(t->out, "  %s: %s kWh; %s: %s TOE\n",
		L(t, "Điện", "Electricity"), e,
		L(t, "tổng năng lượng", "total energy"), x);
	fprintf(t->out, "  %s: %s m3; %s: %s t\n", L(t, "Nước", "Water"), y,
		L(t, "Sản phẩm", "Output"), z);
	v = report_util_str(c, "kgoe_per_t");
	report_util_fmt_dec(v, 3, x, sizeof x);
	report_util_fmt_dec(report_util_str(c, "kwh_per_t"), 3, y, sizeof y);
	report_util_fmt_int(report_util_int(c, "facilities_with_output"), a,
			    sizeof a);
	fprintf(t->out, "  %s (%s %s): %s kgOE/t; %s kWh/t\n",
		L(t, "Tiêu hao năng lượng riêng", "Specific energy use"), a,
		L(t, "cơ sở", "facilities"), v[0] ? x : "–",
		v[0] ? y : "–");
}

static void narrative(struct tctx *t, const json_t *n)
{
	static const char *const keys[] = {"results", "difficulties",
					   "proposals"};
	const char *titles[] = {L(t, "Kết quả", "Results"),
				L(t, "Khó khăn, vướng mắc", "Difficulties"),
				L(t, "Kiến nghị, đề xuất", "Proposals")};

	for (int i = 0; i < 3; i++) {
		fprintf(t->out, "%s:\n", titles[i]);
		wrap(t->out, report_util_str(n, keys[i]), 2);
	}
}

static void annexes(struct tctx *t, const json_t *an, int province)
{
	const char *lang = t->en ? "en" : "vi";
	size_t i;
	const json_t *r;

	fprintf(t->out, "%s\n", L(t, "Phụ lục 1. Cơ sở được đánh giá SXSH "
				  "trong kỳ", "Annex 1. Facilities assessed "
				  "in the period"));
	json_array_foreach(json_object_get(an, "assessments"), i, r) {
		char d[16], line[512];
		report_util_fmt_date(report_util_str(r, "completed_on"), d,
				     sizeof d);
		snprintf(line, sizeof line, "%zu. %s%s%s — %s, %s (%lld)",
			 i + 1, province ? report_util_str(r, "district") : "",
			 province ? ": " : "", report_util_str(r, "facility"),
			 indicators_label(report_util_str(r, "type"), lang), d,
			 report_util_int(r, "solutions_implemented"));
		fputs("  ", t->out);
		clip(t->out, line, WIDTH - 2);
		fputc('\n', t->out);
	}
	fprintf(t->out, "%s\n", L(t, "Phụ lục 2. Hoạt động đã tổ chức trong "
				  "kỳ", "Annex 2. Events held in the period"));
	json_array_foreach(json_object_get(an, "events"), i, r) {
		char d[16], cost[32], line[768];
		report_util_fmt_date(report_util_str(r, "held_on"), d,
				     sizeof d);
		report_util_fmt_int(report_util_int(r, "cost_vnd"), cost,
				    sizeof cost);
		snprintf(line, sizeof line, "%zu. %s %s%s%s (%s), %lld %s, "
			 "%s đ", i + 1, d,
			 province ? report_util_str(r, "district") : "",
			 province ? ": " : "", report_util_str(r, "title"),
			 indicators_label(report_util_str(r, "type"), lang),
			 report_util_int(r, "participants"),
			 L(t, "người", "people"), cost);
		fputs("  ", t->out);
		clip(t->out, line, WIDTH - 2);
		fputc('\n', t->out);
	}
}

static void districts(struct tctx *t, const json_t *list)
{
	static const int wd[] = {28, 10, 11, 11, 11};
	static const int rt[] = {0, 1, 1, 1, 1};
	const char *hdr[] = {L(t, "Huyện/thành phố", "District"),
			     L(t, "Bản", "Revision"), "T1", "T2 / T3", "T4"};
	size_t i;
	const json_t *d;

	row(t->out, 5, wd, rt, hdr);
	json_array_foreach(list, i, d) {
		char rev[16], t1[32], t23[32], t4[32];
		const json_t *a = json_object_get(d, "T1"),
			     *b = json_object_get(d, "T4");
		snprintf(rev, sizeof rev, "%lld",
			 report_util_int(d, "revision"));
		report_util_fmt_pct(report_util_str(a, "rate"), t1,
				    sizeof t1);
		snprintf(t23, sizeof t23, "%lld / %lld",
			 report_util_int(json_object_get(d, "T2"),
					 "cumulative"),
			 report_util_int(json_object_get(d, "T3"),
					 "cumulative"));
		report_util_fmt_pct(report_util_str(b, "rate"), t4,
				    sizeof t4);
		const char *cells[] = {report_util_str(d, "name"), rev, t1,
				       t23, t4};
		row(t->out, 5, wd, rt, cells);
	}
}

/* The plan the report is measured against, or that it is in none. */
static void plan_line(struct tctx *t, const json_t *doc)
{
	const json_t *plan = json_object_get(doc, "plan");
	char line[640];

	if (!json_is_object(plan)) {
		wrap(t->out, L(t, "Không thuộc kế hoạch nào: báo cáo không có"
			       " chỉ tiêu", "In no plan: the report has no"
			       " targets"), 0);
		return;
	}
	snprintf(line, sizeof line, "%s: %s", L(t, "Kế hoạch", "Plan"),
		 report_util_str(plan, "title"));
	if (json_is_integer(json_object_get(plan, "version")))
		snprintf(line + strlen(line), sizeof line - strlen(line),
			 " (%s %lld)", L(t, "phiên bản", "version"),
			 report_util_int(plan, "version"));
	wrap(t->out, line, 0);
}

static void report_text_body(struct tctx *tp, const json_t *doc,
			     const struct sx_render_opts *o);

enum sx_err report_text_render(const json_t *doc,
			       const struct sx_render_opts *o, int whole,
			       FILE *out)
{
	struct tctx t = {out, o->lang && !strcmp(o->lang, "en"), whole};

	whole_cells = whole;
	report_text_body(&t, doc, o);
	whole_cells = 0;
	return SX_OK;
}

static void report_text_body(struct tctx *tp, const json_t *doc,
			     const struct sx_render_opts *o)
{
	struct tctx t = *tp;
	FILE *out = t.out;
	const json_t *ind = json_object_get(doc, "indicators");
	const json_t *district = json_object_get(doc, "district");
	int province = !strcmp(report_util_str(doc, "level"), "province");
	char s[16], e[16], dl[16], head[256];

	report_util_fmt_date(report_util_str(doc, "period_start"), s,
			     sizeof s);
	report_util_fmt_date(report_util_str(doc, "period_end"), e, sizeof e);
	report_util_fmt_date(report_util_str(doc, "deadline"), dl, sizeof dl);
	rule(out, "=");
	wrap(out, L(&t, "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH SẢN XUẤT SẠCH HƠN "
		    "TRONG CÔNG NGHIỆP", "REPORT ON THE PLAN FOR CLEANER "
		    "PRODUCTION IN INDUSTRY"), 0);
	snprintf(head, sizeof head, "%s (%s) — %s %s: %s – %s",
		 report_util_str(district, "name"),
		 report_util_str(district, "code"), L(&t, "kỳ", "period"),
		 report_util_str(doc, "period"), s, e);
	wrap(out, head, 0);
	snprintf(head, sizeof head, "%s %lld%s%s%s; %s: %s",
		 L(&t, "Bản", "Revision"), report_util_int(doc, "revision"),
		 o->status ? " (" : "",
		 o->status ? report_util_status(o->status, o->lang) : "",
		 o->status ? ")" : "", L(&t, "hạn nộp", "due"),
		 dl[0] ? dl : "–");
	wrap(out, head, 0);
	plan_line(&t, doc);
	rule(out, "=");

	fprintf(out, "1. %s\n", L(&t, "Chỉ tiêu kế hoạch", "Plan targets"));
	targets(&t, ind);
	if (province) {
		fprintf(out, "\n%s\n", L(&t, "Theo huyện (lũy kế)",
					 "By district (cumulative)"));
		districts(&t, json_object_get(doc, "districts"));
	}
	fprintf(out, "\n2. %s\n", L(&t, "Cơ sở sản xuất", "Facilities"));
	facilities(&t, json_object_get(ind, "facilities"));
	fprintf(out, "\n3. %s\n", L(&t, "Hoạt động nâng cao nhận thức, năng "
				    "lực trong kỳ", "Awareness and capacity "
				    "events in the period"));
	events(&t, json_object_get(ind, "events"));
	fprintf(out, "\n4. %s\n", L(&t, "Giải pháp SXSH đã áp dụng (lũy kế)",
				    "CP solutions implemented (cumulative)"));
	solutions(&t, json_object_get(ind, "solutions"));
	fprintf(out, "\n5. %s\n", L(&t, "Cơ sở dữ liệu tiêu thụ nguyên liệu, "
				    "năng lượng", "Materials and energy "
				    "consumption data"));
	consumption(&t, json_object_get(ind, "consumption"),
		    report_util_str(doc, "period"));
	fprintf(out, "\n6. %s\n", L(&t, "Đánh giá chung", "Assessment"));
	narrative(&t, json_object_get(doc, "narrative"));
	fputc('\n', out);
	annexes(&t, json_object_get(doc, "annexes"), province);
	rule(out, "-");
	if (o->sha256 && o->sha256[0])
		fprintf(out, "SHA-256: %s\n", o->sha256);
}

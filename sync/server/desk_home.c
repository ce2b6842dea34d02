/* desk_home.c — /desk/: completeness, districts × periods.
 *
 * Each cell is the district's latest revision of the period: its status,
 * how many revisions came, and whether the first came by the deadline
 * (the period's end plus the server's deadline_days, as `sxsh-server
 * report`; a date in Vietnam, UTC+7).  A period whose deadline has not
 * passed shows nothing missing yet.  The years shown are chosen with
 * ?from=YYYY&to=YYYY (at most 10 years); by default those with reports,
 * and the current one.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "sxsh/clock.h"
#include "sxsh/db.h"
#include "sxsh/period.h"
#include "desk.h"

#define MAX_YEARS 10

struct home {
	struct store_district *districts;
	int nd;
	struct store_report *reports;
	int nr;
	int oom;
};

static void add_district(const struct store_district *d, void *arg)
{
	struct home *h = arg;
	struct store_district *n =
		realloc(h->districts, sizeof *n * (size_t)(h->nd + 1));
	if (!n) {
		h->oom = 1;
		return;
	}
	h->districts = n;
	h->districts[h->nd++] = *d;
}

static enum sx_err add_report(const struct store_report *r, void *arg)
{
	struct home *h = arg;
	struct store_report *n =
		realloc(h->reports, sizeof *n * (size_t)(h->nr + 1));
	if (!n)
		return SX_NOMEM;
	h->reports = n;
	h->reports[h->nr] = *r;
	h->reports[h->nr++].json = NULL;
	return SX_OK;
}

static int year_arg(const struct desk_req *rq, const char *key)
{
	const char *v = rq->query(rq->query_ctx, key);
	if (!v || strlen(v) != 4)
		return 0;
	int y = atoi(v);
	return y >= 2000 && y <= 2099 ? y : 0;
}

static void cell(FILE *out, const struct desk_req *rq, const struct home *h,
		 const char *code, const char *period, const char *deadline,
		 const char *today)
{
	const struct store_report *first = NULL, *latest = NULL;
	int revisions = 0;
	for (int i = 0; i < h->nr; i++) {
		const struct store_report *r = &h->reports[i];
		if (strcmp(r->district, code) || strcmp(r->period, period))
			continue;
		if (!first)
			first = r;
		latest = r;
		revisions++;
	}
	if (!latest) {
		int due = strcmp(today, deadline) > 0;
		fprintf(out, "<td class=\"%s\">%s</td>", due ? "missing" : "",
			due ? desk_status_text(rq, "missing") : "");
		return;
	}
	char day[11];
	clock_vn_date(first->received_at, day);
	int late = strcmp(day, deadline) > 0;
	fprintf(out, "<td class=\"%s\"><a href=\"/desk/report/",
		latest->status);
	desk_esc(out, code);
	fputc('/', out);
	desk_esc(out, period);
	fputs("\">", out);
	desk_esc(out, desk_status_text(rq, latest->status));
	fputs("</a>", out);
	if (revisions > 1)
		fprintf(out, "<br>%s %d", desk_t(rq, "lần", "revision"),
			revisions);
	if (late)
		fprintf(out, "<br><span class=\"late\">%s</span>",
			desk_t(rq, "muộn", "late"));
	fputs("</td>", out);
}

static void range_form(FILE *out, const struct desk_req *rq, int from, int to)
{
	fprintf(out,
		"<form method=\"get\" action=\"/desk/\" class=\"noprint\">"
		"<label class=\"inline\">%s <input type=\"text\" name=\"from\""
		" value=\"%d\" size=\"4\" maxlength=\"4\" "
		"inputmode=\"numeric\">"
		"</label> <label class=\"inline\">%s <input type=\"text\""
		" name=\"to\" value=\"%d\" size=\"4\" maxlength=\"4\""
		" inputmode=\"numeric\"></label>",
		desk_t(rq, "Từ năm", "From year"), from,
		desk_t(rq, "đến năm", "to year"), to);
	if (strcmp(rq->lang, "en") == 0)
		fputs("<input type=\"hidden\" name=\"lang\" value=\"en\">",
		      out);
	fprintf(out, " <button>%s</button></form>\n",
		desk_t(rq, "Xem", "Show"));
}

void desk_home_get(struct desk_req *rq, struct desk_resp *rs)
{
	struct home h = {0};
	struct sx_error err = {0};
	enum sx_err rc = store_begin(rq->st, &err);
	long long days = 15;
	if (rc == SX_OK) {
		rc = store_district_each(rq->st, add_district, &h, &err);
		if (rc == SX_OK)
			rc = store_report_each(rq->st, NULL, NULL, 0,
					       add_report, &h, &err);
		days = store_meta_int(rq->st, "deadline_days", 15);
		store_rollback(rq->st);
	}
	char(*last)[21] = NULL;
	if (rc == SX_OK && !h.oom && h.nd > 0) {
		last = calloc((size_t)h.nd, sizeof *last);
		if (!last)
			h.oom = 1;
	}
	if (rc == SX_OK && last && store_begin(rq->st, &err) == SX_OK) {
		for (int i = 0; i < h.nd && rc == SX_OK; i++)
			rc = store_district_last_sync(
				rq->st, h.districts[i].code, last[i], &err);
		store_rollback(rq->st);
	}
	if (rc != SX_OK || h.oom) {
		desk_error(rq, rs, 500, "Lỗi lưu trữ của máy chủ.",
			   "Server storage error.");
		goto done;
	}
	char today[11];
	sx_today(today);
	int this_year = atoi(today);
	int lo = this_year, hi = this_year;
	for (int i = 0; i < h.nr; i++) {
		int y = atoi(h.reports[i].period);
		lo = y < lo ? y : lo;
		hi = y > hi ? y : hi;
	}
	int from = year_arg(rq, "from"), to = year_arg(rq, "to");
	if (!to)
		to = hi;
	if (!from || from > to)
		from = lo > to ? to : lo;
	if (to - from >= MAX_YEARS)
		from = to - MAX_YEARS + 1;

	FILE *out = desk_page_open(rs);
	if (!out) {
		rs->status = 500;
		goto done;
	}
	desk_page_head(
		out, rq,
		desk_t(rq, "Tình hình nộp báo cáo", "Report completeness"));
	range_form(out, rq, from, to);
	fputs("<div class=\"scroll\"><table class=\"grid\"><tr><th>", out);
	fputs(desk_t(rq, "Huyện, thành phố", "District"), out);
	fputs("</th>", out);
	static const char *const kinds[] = {"S1", "S2", ""};
	for (int y = from; y <= to; y++)
		for (int k = 0; k < 3; k++)
			fprintf(out,
				"<th><a href=\"/desk/province/%d%s\">"
				"%d%s</a></th>",
				y, kinds[k], y, kinds[k]);
	fprintf(out, "<th>%s</th></tr>\n",
		desk_t(rq, "Đồng bộ gần nhất", "Last sync"));
	for (int i = 0; i < h.nd; i++) {
		const struct store_district *d = &h.districts[i];
		fputs("<tr><th>", out);
		desk_esc(out, d->code);
		fputs(" ", out);
		desk_esc(out, d->name);
		if (d->revoked_at[0])
			fprintf(out, " (%s)",
				desk_t(rq, "đã thu hồi", "revoked"));
		fputs("</th>", out);
		for (int y = from; y <= to; y++) {
			for (int k = 0; k < 3; k++) {
				char name[8], deadline[11] = "9999-12-31";
				struct sx_period p;
				snprintf(name, sizeof name, "%d%s", y,
					 kinds[k]);
				if (period_parse(name, SX_RULE_CALENDAR, &p,
						 NULL) == SX_OK)
					period_add_days(p.end, (int)days,
							deadline);
				cell(out, rq, &h, d->code, name, deadline,
				     today);
			}
		}
		char when[20];
		clock_vn_time(last[i], when);
		fprintf(out, "<td>%s</td></tr>\n", when);
	}
	fputs("</table></div>\n", out);
	if (h.nd == 0)
		fprintf(out, "<p>%s</p>\n",
			desk_t(rq, "Chưa có huyện nào.", "No districts yet."));
	desk_page_foot(out);
	desk_page_close(rs, out);
done:
	free(last);
	free(h.districts);
	free(h.reports);
}

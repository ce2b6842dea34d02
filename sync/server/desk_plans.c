/* desk_plans.c — /desk/plans: the province's plans (issue 11) on the desk.
 *
 * Every officer reads the list and a plan (/desk/plans/CODE: its decision,
 * days, targets, the districts' shares of T2 and T3 and its versions;
 * ?version=N shows an older one).  Admins create a plan and edit one with
 * a form whose fields are the keys of the plan file.  The form becomes a
 * plan file and goes through store_plan_import, so a plan made here passes
 * exactly the checks of `sxsh-server plan import` (plan_parse, the days of
 * the other plans, known districts, periods already accepted); a refused
 * form stores nothing and comes back filled in, with the message naming
 * the field.  A rate (T1, T4) is typed as a percentage ("95", "92,5"); a
 * field left empty is a key left out.
 */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "sxsh/clock.h"
#include "sxsh/plan.h"
#include "sxsh/text.h"
#include "desk.h"
#include "store_plan.h"

static const char *const indicators[] = {"T1", "T2", "T3", "T4"};
#define NIND 4

struct districts {
	struct store_district *items;
	int n;
	int oom;
};

static void add_district(const struct store_district *d, void *arg)
{
	struct districts *l = arg;
	struct store_district *n =
		realloc(l->items, sizeof *n * (size_t)(l->n + 1));
	if (!n) {
		l->oom = 1;
		return;
	}
	l->items = n;
	l->items[l->n++] = *d;
}

/* 1 when code may be a plan's code in a path: what plan_parse allows is
 * narrower; this only keeps odd bytes out of the page and the store. */
static int code_safe(const char *code)
{
	size_t n = strlen(code);
	if (n == 0 || n >= sizeof ((struct plan *)0)->code)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.",
			    code[i]))
			return 0;
	return 1;
}

static int is_rate(const char *indicator)
{
	enum plan_measure m;
	return plan_indicator_measure(indicator, &m) == 0 && m == PLAN_RATE;
}

/* A target as the page shows it: "95 %" or "15". */
static void target_text(const struct plan *p, const char *indicator,
			char out[32])
{
	double v;
	if (!plan_target_of(p, indicator, &v)) {
		snprintf(out, 32, "–");
	} else if (is_rate(indicator)) {
		char num[24];
		double pct = v * 100;
		text_format_decimal(pct, pct == (long long)pct ? 0 : 1, num,
				    sizeof num);
		snprintf(out, 32, "%s %%", num);
	} else {
		text_format_int((long long)v, out, 32);
	}
}

static void day_text(const char *iso, char out[11])
{
	if (text_format_date(iso, out, 11) != 0)
		snprintf(out, 11, "%s", iso);
}

/* ---- the form ----------------------------------------------------------- */

/* Where the form's values come from: what was typed (after a refusal),
 * else the plan being edited, else nothing. */
struct fill {
	const struct desk_form *typed;
	const struct plan *plan;
};

static void share_key(char out[32], const char *code, const char *indicator)
{
	snprintf(out, 32, "share_%s_%s", code, indicator);
}

static void value_of(const struct fill *f, const char *key, char *out,
		     size_t n)
{
	out[0] = '\0';
	if (f->typed) {
		const char *v = desk_form_get(f->typed, key);
		snprintf(out, n, "%s", v ? v : "");
		return;
	}
	const struct plan *p = f->plan;
	if (!p)
		return;
	if (!strcmp(key, "code"))
		snprintf(out, n, "%s", p->code);
	else if (!strcmp(key, "title"))
		snprintf(out, n, "%s", p->title);
	else if (!strcmp(key, "decision"))
		snprintf(out, n, "%s", p->decision);
	else if (!strcmp(key, "start"))
		snprintf(out, n, "%s", p->start);
	else if (!strcmp(key, "end"))
		snprintf(out, n, "%s", p->end);
	for (int i = 0; i < NIND; i++) {
		double v;
		if (strcmp(key, indicators[i]) ||
		    !plan_target_of(p, indicators[i], &v))
			continue;
		if (is_rate(indicators[i]))
			snprintf(out, n, "%g", v * 100);
		else
			snprintf(out, n, "%lld", (long long)v);
	}
	for (int i = 0; i < p->nshares; i++) {
		char k[32];
		share_key(k, p->shares[i].district, p->shares[i].indicator);
		if (!strcmp(key, k))
			snprintf(out, n, "%lld", p->shares[i].value);
	}
}

static void text_input(FILE *out, const struct fill *f, const char *key,
		       const char *type, const char *extra)
{
	char v[600];
	value_of(f, key, v, sizeof v);
	fprintf(out, "<input type=\"%s\" name=\"%s\" value=\"", type, key);
	desk_esc(out, v);
	fprintf(out, "\"%s>", extra);
}

static void plan_form(FILE *out, const struct desk_req *rq,
		      const struct fill *f, const struct districts *dl,
		      int editing)
{
	fprintf(out,
		"<form method=\"post\" action=\"/desk/plans%s\"><fieldset>"
		"<legend>%s</legend>",
		strcmp(rq->lang, "en") ? "" : "?lang=en",
		editing ? desk_t(rq, "Sửa kế hoạch (lưu thành phiên bản mới)",
				 "Edit the plan (stored as a new version)")
			: desk_t(rq, "Thêm kế hoạch", "Add a plan"));
	desk_csrf_field(out, rq);
	fprintf(out, "<label>%s<br>",
		desk_t(rq, "Mã kế hoạch (chữ thường, số, -)",
		       "Plan code (lowercase, digits, -)"));
	text_input(out, f, "code", editing ? "hidden" : "text",
		   " maxlength=\"47\" required");
	if (editing) {
		char code[64];
		value_of(f, "code", code, sizeof code);
		fputs("<strong>", out);
		desk_esc(out, code);
		fputs("</strong>", out);
	}
	fprintf(out, "</label><label>%s<br>", desk_t(rq, "Tên", "Title"));
	text_input(out, f, "title", "text", " maxlength=\"500\" size=\"60\"");
	fprintf(out, "</label><label>%s<br>",
		desk_t(rq, "Quyết định (số, ngày)", "Decision (number, date)"));
	text_input(out, f, "decision", "text",
		   " maxlength=\"250\" size=\"60\"");
	fprintf(out, "</label><label>%s<br>",
		desk_t(rq, "Từ ngày", "First day"));
	text_input(out, f, "start", "date", " required");
	fprintf(out, "</label><label>%s<br>",
		desk_t(rq, "Đến ngày", "Last day"));
	text_input(out, f, "end", "date", " required");
	fprintf(out, "</label><p>%s</p>",
		desk_t(rq,
		       "Chỉ tiêu: T1, T4 theo phần trăm (ví dụ 95 hoặc"
		       " 92,5); T2, T3 là số cơ sở của cả tỉnh. Để trống:"
		       " không có chỉ tiêu.",
		       "Targets: T1 and T4 as percentages (95 or 92.5); T2"
		       " and T3 as the province's count of facilities. Empty:"
		       " no target."));
	for (int i = 0; i < NIND; i++) {
		fprintf(out, "<label>%s%s<br>", indicators[i],
			is_rate(indicators[i]) ? " (%)" : "");
		text_input(out, f, indicators[i], "text",
			   " size=\"8\" inputmode=\"decimal\"");
		fputs("</label>", out);
	}
	fprintf(out,
		"<p>%s</p><div class=\"scroll\"><table class=\"grid\"><tr>"
		"<th>%s</th><th>T2</th><th>T3</th></tr>\n",
		desk_t(rq,
		       "Chỉ tiêu giao cho từng huyện (để trống: huyện so với"
		       " tổng của tỉnh):",
		       "Shares of the districts (empty: the district is"
		       " compared with the province total):"),
		desk_t(rq, "Huyện, thành phố", "District"));
	for (int i = 0; i < dl->n; i++) {
		const struct store_district *d = &dl->items[i];
		fputs("<tr><td>", out);
		desk_esc(out, d->code);
		fputs(" ", out);
		desk_esc(out, d->name);
		fputs("</td>", out);
		for (int k = 1; k <= 2; k++) {
			char key[32];
			share_key(key, d->code, indicators[k]);
			fputs("<td>", out);
			text_input(out, f, key, "text",
				   " size=\"4\" inputmode=\"numeric\"");
			fputs("</td>", out);
		}
		fputs("</tr>\n", out);
	}
	fprintf(out,
		"</table></div><button name=\"action\" value=\"save\">%s"
		"</button></fieldset></form>\n",
		desk_t(rq, "Lưu", "Save"));
}

/* ---- reading ------------------------------------------------------------ */

struct plan_list {
	FILE *out;
	const struct desk_req *rq;
	int n;
};

static enum sx_err list_row(const struct plan *p, void *arg)
{
	struct plan_list *l = arg;
	FILE *out = l->out;
	char from[11], to[11];
	day_text(p->start, from);
	day_text(p->end, to);
	fputs("<tr><td><a href=\"/desk/plans/", out);
	desk_esc(out, p->code);
	fputs("\">", out);
	desk_esc(out, p->code);
	fputs("</a></td><td>", out);
	desk_esc(out, p->title);
	fputs("<br><small>", out);
	desk_esc(out, p->decision);
	fprintf(out, "</small></td><td>%s – %s</td><td>%lld</td>", from, to,
		p->version);
	for (int i = 0; i < NIND; i++) {
		char t[32];
		target_text(p, indicators[i], t);
		fprintf(out, "<td>%s</td>", t);
	}
	fputs("</tr>\n", out);
	l->n++;
	return SX_OK;
}

/* Loads the districts (for the form and the shares); 0 on failure. */
static int load_districts(struct desk_req *rq, struct districts *dl)
{
	struct sx_error err = {0};
	enum sx_err rc = store_begin(rq->st, &err);
	if (rc == SX_OK) {
		rc = store_district_each(rq->st, add_district, dl, &err);
		store_rollback(rq->st);
	}
	return rc == SX_OK && !dl->oom;
}

/* The list page, with the new-plan form for admins (refilled from typed,
 * with msg, after a refusal). */
static void list_page(struct desk_req *rq, struct desk_resp *rs, int status,
		      const struct desk_form *typed, const char *msg)
{
	struct districts dl = {0};
	if (!load_districts(rq, &dl)) {
		free(dl.items);
		desk_error(rq, rs, 500, "Lỗi lưu trữ của máy chủ.",
			   "Server storage error.");
		return;
	}
	FILE *out = desk_page_open(rs);
	if (!out) {
		free(dl.items);
		rs->status = 500;
		return;
	}
	desk_page_head(out, rq, desk_t(rq, "Kế hoạch", "Plans"));
	if (msg) {
		fputs("<p class=\"msg\">", out);
		desk_esc(out, msg);
		fputs("</p>\n", out);
	}
	fprintf(out,
		"<div class=\"scroll\"><table class=\"grid\"><tr><th>%s</th>"
		"<th>%s</th><th>%s</th><th>%s</th><th>T1</th><th>T2</th>"
		"<th>T3</th><th>T4</th></tr>\n",
		desk_t(rq, "Mã", "Code"), desk_t(rq, "Tên", "Title"),
		desk_t(rq, "Thời gian", "Days"),
		desk_t(rq, "Phiên bản", "Version"));
	struct plan_list l = {out, rq, 0};
	struct sx_error err = {0};
	enum sx_err rc = store_begin(rq->st, &err);
	if (rc == SX_OK) {
		rc = store_plan_each(rq->st, list_row, &l, &err);
		store_rollback(rq->st);
	}
	fputs("</table></div>\n", out);
	if (rc != SX_OK)
		fprintf(out, "<p class=\"msg\">%s</p>\n",
			desk_t(rq, "Lỗi lưu trữ của máy chủ.",
			       "Server storage error."));
	else if (l.n == 0)
		fprintf(out, "<p>%s</p>\n",
			desk_t(rq, "Chưa có kế hoạch nào.", "No plan yet."));
	if (rq->role >= DESK_ADMIN) {
		struct fill f = {typed, NULL};
		plan_form(out, rq, &f, &dl, 0);
	}
	desk_page_foot(out);
	desk_page_close(rs, out);
	if (rs->status == 200)
		rs->status = status;
	free(dl.items);
}

void desk_plans_get(struct desk_req *rq, struct desk_resp *rs)
{
	list_page(rq, rs, 200, NULL, NULL);
}

struct version_list {
	FILE *out;
	const char *code;
	long long shown;
};

static void version_row(long long version, const char *at, void *arg)
{
	struct version_list *v = arg;
	char when[20];
	clock_vn_time(at, when);
	fputs("<li><a href=\"/desk/plans/", v->out);
	desk_esc(v->out, v->code);
	fprintf(v->out, "?version=%lld\">%lld</a> %s%s</li>\n", version,
		version, when, version == v->shown ? " ◀" : "");
}

static void plan_page(struct desk_req *rq, struct desk_resp *rs, int status,
		      const struct plan *p, int current,
		      const struct desk_form *typed, const char *msg)
{
	struct districts dl = {0};
	if (!load_districts(rq, &dl)) {
		free(dl.items);
		desk_error(rq, rs, 500, "Lỗi lưu trữ của máy chủ.",
			   "Server storage error.");
		return;
	}
	FILE *out = desk_page_open(rs);
	if (!out) {
		free(dl.items);
		rs->status = 500;
		return;
	}
	desk_page_head(out, rq, p->title[0] ? p->title : p->code);
	if (msg) {
		fputs("<p class=\"msg\">", out);
		desk_esc(out, msg);
		fputs("</p>\n", out);
	}
	char from[11], to[11];
	day_text(p->start, from);
	day_text(p->end, to);
	fprintf(out, "<p>%s: <strong>", desk_t(rq, "Mã", "Code"));
	desk_esc(out, p->code);
	fprintf(out, "</strong> · %s ", desk_t(rq, "phiên bản", "version"));
	fprintf(out, "%lld%s<br>", p->version,
		current ? "" : desk_t(rq, " (cũ)", " (old)"));
	desk_esc(out, p->decision);
	fprintf(out, "<br>%s %s %s %s</p>\n", desk_t(rq, "Từ", "From"), from,
		desk_t(rq, "đến", "to"), to);
	fprintf(out,
		"<h2>%s</h2><div class=\"scroll\"><table class=\"grid\"><tr>",
		desk_t(rq, "Chỉ tiêu của tỉnh", "The province's targets"));
	for (int i = 0; i < NIND; i++)
		fprintf(out, "<th>%s</th>", indicators[i]);
	fputs("</tr><tr>", out);
	for (int i = 0; i < NIND; i++) {
		char t[32];
		target_text(p, indicators[i], t);
		fprintf(out, "<td>%s</td>", t);
	}
	fprintf(out,
		"</tr></table></div>\n<h2>%s</h2><div class=\"scroll\">"
		"<table class=\"grid\"><tr><th>%s</th><th>T2</th><th>T3</th>"
		"</tr>\n",
		desk_t(rq, "Chỉ tiêu giao cho huyện", "Shares of the districts"),
		desk_t(rq, "Huyện, thành phố", "District"));
	int shown = 0;
	for (int i = 0; i < dl.n; i++) {
		long long t2 = 0, t3 = 0;
		int h2 = plan_share_of(p, dl.items[i].code, "T2", &t2);
		int h3 = plan_share_of(p, dl.items[i].code, "T3", &t3);
		if (!h2 && !h3)
			continue;
		fputs("<tr><td>", out);
		desk_esc(out, dl.items[i].code);
		fputs(" ", out);
		desk_esc(out, dl.items[i].name);
		fputs("</td>", out);
		if (h2)
			fprintf(out, "<td>%lld</td>", t2);
		else
			fputs("<td>–</td>", out);
		if (h3)
			fprintf(out, "<td>%lld</td></tr>\n", t3);
		else
			fputs("<td>–</td></tr>\n", out);
		shown++;
	}
	fputs("</table></div>\n", out);
	if (!shown)
		fprintf(out, "<p>%s</p>\n",
			desk_t(rq,
			       "Chưa giao chỉ tiêu cho huyện nào: mỗi huyện"
			       " so với tổng của tỉnh.",
			       "No district has a share: each is compared"
			       " with the province total."));
	fprintf(out, "<h2>%s</h2><ul>", desk_t(rq, "Các phiên bản",
						 "Versions"));
	struct version_list v = {out, p->code, p->version};
	struct sx_error err = {0};
	if (store_begin(rq->st, &err) == SX_OK) {
		store_plan_versions(rq->st, p->code, version_row, &v, &err);
		store_rollback(rq->st);
	}
	fputs("</ul>\n", out);
	if (rq->role >= DESK_ADMIN && current) {
		struct fill f = {typed, p};
		plan_form(out, rq, &f, &dl, 1);
	}
	desk_page_foot(out);
	desk_page_close(rs, out);
	if (rs->status == 200)
		rs->status = status;
	free(dl.items);
}

void desk_plan_get(struct desk_req *rq, struct desk_resp *rs)
{
	const char *code = rq->path + strlen("/desk/plans/");
	const char *vs = rq->query(rq->query_ctx, "version");
	long long version = 0;
	if (vs) {
		char *end;
		version = strtoll(vs, &end, 10);
		if (*end || version < 1 || strlen(vs) > 9)
			version = -1;
	}
	struct plan p, now;
	memset(&p, 0, sizeof p);
	memset(&now, 0, sizeof now);
	enum sx_err rc = SX_NOTFOUND;
	struct sx_error err = {0};
	if (code_safe(code) && version >= 0 &&
	    store_begin(rq->st, &err) == SX_OK) {
		rc = store_plan_get(rq->st, code, version, &p, NULL, &err);
		if (rc == SX_OK)
			rc = store_plan_get(rq->st, code, 0, &now, NULL,
					    &err);
		store_rollback(rq->st);
	}
	if (rc == SX_OK)
		plan_page(rq, rs, 200, &p, p.version == now.version, NULL,
			  NULL);
	else if (rc == SX_NOTFOUND)
		desk_error(rq, rs, 404, "Không có kế hoạch này.",
			   "No such plan.");
	else
		desk_error(rq, rs, 500, "Lỗi lưu trữ của máy chủ.",
			   "Server storage error.");
	plan_release(&p);
	plan_release(&now);
}

/* ---- saving ------------------------------------------------------------- */

/* A target field into the plan file: a percentage becomes a rate, a count
 * an integer; anything else goes as typed, for plan_parse to refuse with
 * the field's name. */
static void put_target(json_t *targets, const char *indicator,
		       const char *typed)
{
	double v;
	if (text_parse_decimal(typed, &v) != 0) {
		json_object_set_new(targets, indicator, json_string(typed));
	} else if (is_rate(indicator)) {
		char rate[32];
		snprintf(rate, sizeof rate, "%.6g", v / 100);
		json_object_set_new(targets, indicator, json_string(rate));
	} else if (v == (double)(long long)v) {
		json_object_set_new(targets, indicator,
				    json_integer((long long)v));
	} else {
		json_object_set_new(targets, indicator, json_real(v));
	}
}

static void put_text(json_t *doc, const char *key, const char *typed)
{
	json_object_set_new(doc, key, json_string(typed ? typed : ""));
}

/* The form as a plan file (malloc'd text), or NULL when out of memory. */
static char *form_to_plan(const struct desk_form *f,
			  const struct districts *dl)
{
	json_t *doc = json_object();
	json_t *targets = json_object();
	json_t *shares = json_object();
	put_text(doc, "code", desk_form_get(f, "code"));
	put_text(doc, "title", desk_form_get(f, "title"));
	put_text(doc, "decision", desk_form_get(f, "decision"));
	put_text(doc, "start", desk_form_get(f, "start"));
	put_text(doc, "end", desk_form_get(f, "end"));
	for (int i = 0; i < NIND; i++) {
		const char *v = desk_form_get(f, indicators[i]);
		if (v && *v)
			put_target(targets, indicators[i], v);
	}
	for (int i = 0; i < dl->n; i++) {
		json_t *one = json_object();
		for (int k = 1; k <= 2; k++) {
			char key[32];
			share_key(key, dl->items[i].code, indicators[k]);
			const char *v = desk_form_get(f, key);
			if (v && *v)
				put_target(one, indicators[k], v);
		}
		if (json_object_size(one))
			json_object_set_new(shares, dl->items[i].code, one);
		else
			json_decref(one);
	}
	json_object_set_new(doc, "targets", targets);
	if (json_object_size(shares))
		json_object_set_new(doc, "district_shares", shares);
	else
		json_decref(shares);
	char *text = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	return text;
}

void desk_plans_post(struct desk_req *rq, struct desk_resp *rs)
{
	struct districts dl = {0};
	if (!load_districts(rq, &dl)) {
		free(dl.items);
		desk_error(rq, rs, 500, "Lỗi lưu trữ của máy chủ.",
			   "Server storage error.");
		return;
	}
	const char *code = desk_form_get(&rq->form, "code");
	char *text = form_to_plan(&rq->form, &dl);
	free(dl.items);
	if (!text) {
		desk_error(rq, rs, 500, "Lỗi máy chủ.", "Server error.");
		return;
	}
	long long version = 0;
	int unchanged = 0;
	struct sx_error err = {0};
	enum sx_err rc = store_begin(rq->st, &err);
	if (rc == SX_OK) {
		rc = store_plan_import(rq->st, text, strlen(text), &version,
				       &unchanged, &err);
		rc = store_end(rq->st, rc, &err);
	}
	free(text);
	if (rc == SX_OK) {
		snprintf(rs->note, sizeof rs->note,
			 "plan %.47s version %lld%s by=%s", code, version,
			 unchanged ? " unchanged" : "", rq->who.user);
		char where[128];
		snprintf(where, sizeof where, "/desk/plans/%s%s", code,
			 strcmp(rq->lang, "en") ? "" : "?lang=en");
		desk_redirect(rs, where);
		return;
	}
	int status = rc == SX_INVALID    ? 400
		: rc == SX_CONFLICT ? 409
				    : 500;
	char msg[512];
	snprintf(msg, sizeof msg, "%s",
		 desk_t(rq, err.msg_vi[0] ? err.msg_vi : err.msg, err.msg));
	/* Back to the form that was sent: the plan's own page when the
	 * code is one that exists, else the list. */
	struct plan p;
	memset(&p, 0, sizeof p);
	enum sx_err found = SX_NOTFOUND;
	if (code && code_safe(code) && store_begin(rq->st, &err) == SX_OK) {
		found = store_plan_get(rq->st, code, 0, &p, NULL, &err);
		store_rollback(rq->st);
	}
	if (found == SX_OK)
		plan_page(rq, rs, status, &p, 1, &rq->form, msg);
	else
		list_page(rq, rs, status, &rq->form, msg);
	plan_release(&p);
}

/* desk_report.c — /desk/report/CODE/PERIOD: one district's report as core
 * renders it (the same HTML as `sxsh report … --format html`), its
 * revisions, what changed since the previous one, and for reviewers the
 * decision: POST action=accept, or action=return with a reason, which
 * the district receives at its next sync.
 *
 * The changes are the leaves of the two canonical JSON documents that
 * differ (a key path, the old and the new value), so every figure and
 * annex row a revision changed is listed, whatever the report holds.
 */
#include <stdlib.h>
#include <string.h>
#include "sxsh/clock.h"
#include "sxsh/report.h"
#include "sxsh/report_diff.h"
#include "call.h"
#include "desk.h"


struct revision {
	long long number;
	char status[12];
	char reason[512];
	char received_at[21];
	char sha256[65];
	char *json;
};

struct revisions {
	struct revision *items;
	int n;
};

static enum sx_err add_revision(const struct store_report *r, void *arg)
{
	struct revisions *l = arg;
	struct revision *n = realloc(l->items, sizeof *n * (size_t)(l->n + 1));
	if (!n)
		return SX_NOMEM;
	l->items = n;
	struct revision *v = &l->items[l->n];
	memset(v, 0, sizeof *v);
	v->number = r->revision;
	snprintf(v->status, sizeof v->status, "%s", r->status);
	snprintf(v->reason, sizeof v->reason, "%s", r->reason);
	snprintf(v->received_at, sizeof v->received_at, "%s", r->received_at);
	snprintf(v->sha256, sizeof v->sha256, "%s", r->sha256);
	v->json = strdup(r->json ? r->json : "");
	if (!v->json)
		return SX_NOMEM;
	l->n++;
	return SX_OK;
}

static void revisions_release(struct revisions *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->items[i].json);
	free(l->items);
}

/* Reads CODE and PERIOD from the path; 0 when it is not such a path. */
static int parse_path(const char *path, char code[8], char period[8])
{
	const char *rest = path + strlen("/desk/report/");
	if (strlen(rest) < 5 || rest[3] != '/')
		return 0;
	for (int i = 0; i < 3; i++)
		if (rest[i] < '0' || rest[i] > '9')
			return 0;
	snprintf(code, 8, "%.3s", rest);
	if (strlen(rest + 4) >= 8 || !submit_period_valid(rest + 4))
		return 0;
	snprintf(period, 8, "%s", rest + 4);
	return 1;
}

static enum sx_err load(struct desk_req *rq, const char *code,
			const char *period, struct revisions *l,
			struct store_district *d)
{
	struct sx_error err = {0};
	enum sx_err rc = store_begin(rq->st, &err);
	if (rc != SX_OK)
		return rc;
	rc = store_district_get(rq->st, code, d, &err);
	if (rc == SX_OK)
		rc = store_report_each(rq->st, code, period, 1, add_revision, l,
				       &err);
	store_rollback(rq->st);
	return rc;
}

/* ---- changes between two revisions -------------------------------------- */

/* Core's report diff, the same lines as `sxsh report diff` and screen 7
 * give the district ("T4 5/7 → 6/8"), one list item each. */
static void changes_section(FILE *out, const struct desk_req *rq,
			    const struct revision *older,
			    const struct revision *newer)
{
	char *lines = NULL;
	int n = 0;
	struct sx_error err = {0};

	fprintf(out, "<section class=\"changes\"><h2>%s %lld %s %lld</h2>\n",
		desk_t(rq, "Thay đổi từ lần", "Changes from revision"),
		older->number, desk_t(rq, "sang lần", "to revision"),
		newer->number);
	if (report_diff_json(older->json, newer->json, rq->lang, &lines, &n,
			     &err) != SX_OK) {
		fprintf(out, "<p>%s</p>\n",
			desk_t(rq, "Không so sánh được hai lần gửi này.",
			       "These two revisions cannot be compared."));
	} else if (n == 0) {
		fprintf(out, "<p>%s</p>\n",
			desk_t(rq, "Số liệu không đổi.", "No figure changed."));
	} else {
		fputs("<ul>\n", out);
		for (char *line = lines, *next; line && *line; line = next) {
			next = strchr(line, '\n');
			if (next)
				*next++ = '\0';
			if (!*line)
				continue;
			fputs("<li>", out);
			desk_esc(out, line);
			fputs("</li>\n", out);
		}
		fputs("</ul>\n", out);
	}
	free(lines);
	fputs("</section>\n", out);
}

/* ---- the page ----------------------------------------------------------- */

static void decision_form(FILE *out, const struct desk_req *rq,
			  const char *code, const char *period)
{
	fprintf(out,
		"<form method=\"post\" action=\"/desk/report/%s/%s\">"
		"<fieldset><legend>%s</legend>",
		code, period, desk_t(rq, "Duyệt báo cáo", "Decision"));
	desk_csrf_field(out, rq);
	fprintf(out,
		"<label>%s<br><textarea name=\"reason\" rows=\"3\""
		" maxlength=\"500\"></textarea></label>"
		"<button name=\"action\" value=\"accept\">%s</button> "
		"<button name=\"action\" value=\"return\">%s</button>"
		"</fieldset></form>\n",
		desk_t(rq, "Lý do (bắt buộc khi trả lại)",
		       "Reason (required to return)"),
		desk_t(rq, "Chấp nhận", "Accept"),
		desk_t(rq, "Trả lại", "Return"));
}

static void bar(FILE *out, const struct desk_req *rq,
		const struct store_district *d, const char *period,
		const struct revisions *l, int shown)
{
	fputs("<div class=\"noprint\" style=\"padding:.5em .8em\"><h1>", out);
	desk_esc(out, d->name);
	fprintf(out, " – %s</h1>\n<ul>", period);
	for (int i = 0; i < l->n; i++) {
		const struct revision *v = &l->items[i];
		char when[20];
		clock_vn_time(v->received_at, when);
		fprintf(out,
			"<li><a href=\"/desk/report/%s/%s?rev=%lld\">%s"
			" %lld</a>: ",
			d->code, period, v->number,
			desk_t(rq, "Lần", "Revision"), v->number);
		desk_esc(out, desk_status_text(rq, v->status));
		fprintf(out, ", %s %s", desk_t(rq, "nhận lúc", "received"),
			when);
		if (v->reason[0]) {
			fprintf(out, ". %s: ", desk_t(rq, "Lý do", "Reason"));
			desk_esc(out, v->reason);
		}
		fprintf(out, "%s</li>\n", i == shown ? " ◀" : "");
	}
	fputs("</ul>\n", out);
	const struct revision *latest = &l->items[l->n - 1];
	if (rq->role >= DESK_REVIEWER && shown == l->n - 1 &&
	    strcmp(latest->status, "sent") == 0)
		decision_form(out, rq, d->code, period);
	if (shown > 0)
		changes_section(out, rq, &l->items[shown - 1],
				&l->items[shown]);
	fputs("</div>\n", out);
}

void desk_report_get(struct desk_req *rq, struct desk_resp *rs)
{
	char code[8], period[8];
	struct revisions l = {0};
	struct store_district d;
	char *doc = NULL, *top = NULL;
	size_t top_len = 0;
	if (!parse_path(rq->path, code, period)) {
		desk_error(rq, rs, 404, "Không có trang này.", "No such page.");
		return;
	}
	enum sx_err rc = load(rq, code, period, &l, &d);
	if (rc == SX_NOTFOUND || (rc == SX_OK && l.n == 0)) {
		desk_error(rq, rs, 404, "Huyện chưa gửi báo cáo kỳ này.",
			   "The district has sent no report of this period.");
		goto done;
	}
	if (rc != SX_OK) {
		desk_error(rq, rs, 500, "Lỗi lưu trữ của máy chủ.",
			   "Server storage error.");
		goto done;
	}
	int shown = l.n - 1;
	const char *rev = rq->query(rq->query_ctx, "rev");
	if (rev) {
		shown = -1;
		for (int i = 0; i < l.n; i++)
			if (strtoll(rev, NULL, 10) == l.items[i].number &&
			    strlen(rev) < 6)
				shown = i;
		if (shown < 0) {
			desk_error(rq, rs, 404, "Không có lần gửi này.",
				   "No such revision.");
			goto done;
		}
	}
	const struct revision *v = &l.items[shown];
	struct sx_render_opts opts = {
		.lang = rq->lang, .status = v->status, .sha256 = v->sha256};
	struct sx_error err = {0};
	if (report_render(v->json, SX_REPORT_HTML, &opts, &doc, NULL, &err) !=
	    SX_OK) {
		desk_error(rq, rs, 500, "Không hiển thị được báo cáo.",
			   "The report cannot be shown.");
		goto done;
	}
	FILE *t = open_memstream(&top, &top_len);
	if (!t) {
		rs->status = 500;
		goto done;
	}
	bar(t, rq, &d, period, &l, shown);
	if (fclose(t) != 0 || !top) {
		rs->status = 500;
		goto done;
	}
	FILE *out = desk_page_open(rs);
	if (!out) {
		rs->status = 500;
		goto done;
	}
	desk_page_wrap(out, rq, doc, top, "");
	desk_page_close(rs, out);
done:
	free(top);
	free(doc);
	revisions_release(&l);
}

static enum sx_err note_status(const struct store_report *r, void *arg)
{
	snprintf(arg, 12, "%s", r->status);
	return SX_OK;
}

void desk_report_post(struct desk_req *rq, struct desk_resp *rs)
{
	char code[8], period[8];
	if (!parse_path(rq->path, code, period)) {
		desk_error(rq, rs, 404, "Không có trang này.", "No such page.");
		return;
	}
	const char *action = desk_form_get(&rq->form, "action");
	const char *reason = desk_form_get(&rq->form, "reason");
	const char *status = !action	    ? NULL
		: !strcmp(action, "accept") ? "accepted"
		: !strcmp(action, "return") ? "returned"
					    : NULL;
	if (!status) {
		desk_error(rq, rs, 400, "Thiếu hoặc sai thao tác.",
			   "Missing or unknown action.");
		return;
	}
	if (reason && strlen(reason) > 500) {
		desk_error(rq, rs, 400, "Lý do dài quá 500 byte.",
			   "Reason longer than 500 bytes.");
		return;
	}
	if (!strcmp(status, "returned") && (!reason || !reason[0])) {
		desk_error(rq, rs, 400, "Trả lại báo cáo cần ghi lý do.",
			   "Returning a report needs a reason.");
		return;
	}
	struct sx_error err = {0};
	long long revision = 0;
	char latest[12] = "";
	enum sx_err rc = store_begin(rq->st, &err);
	/* Only the latest revision is decided: an older one still "sent"
	 * was replaced by the district. */
	if (rc == SX_OK) {
		rc = store_report_each(rq->st, code, period, 0, note_status,
				       latest, &err);
		if (rc == SX_OK && strcmp(latest, "sent") != 0)
			rc = SX_NOTFOUND;
		if (rc == SX_OK)
			rc = store_report_decide(rq->st, code, period, status,
						 reason, &revision, &err);
		rc = store_end(rq->st, rc, &err);
	}
	if (rc == SX_NOTFOUND) {
		desk_error(rq, rs, 409, "Không có báo cáo đang chờ duyệt.",
			   "No report is waiting for a decision.");
		return;
	}
	if (rc != SX_OK) {
		desk_error(rq, rs, 500, "Lỗi lưu trữ của máy chủ.",
			   "Server storage error.");
		return;
	}
	snprintf(rs->note, sizeof rs->note, "report %s %s %s rev=%lld by=%s",
		 code, period, status, revision, rq->who.user);
	char back[64];
	snprintf(back, sizeof back, "/desk/report/%s/%s", code, period);
	desk_redirect(rs, back);
}

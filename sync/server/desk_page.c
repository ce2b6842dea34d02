/* desk_page.c — what every desk page shares: the language, HTML escaping,
 * the page frame (head, style, navigation by role), error pages and
 * redirects.  Pages are written to a memory stream (open_memstream) that
 * becomes the response body.
 *
 * The style is one small sheet inside the page, readable from 390 px wide
 * (tables scroll sideways inside their box, core's report drops its A4
 * margins on a phone) and printable (the navigation and the forms are not
 * printed).  No script.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "desk.h"

static const char desk_css[] =
	"body{font:15px/1.45 system-ui,'Segoe UI',Roboto,Arial,sans-serif;"
	"margin:0;color:#1b1b1b;background:#fafafa}"
	"nav.desk{background:#0b4f6c;color:#fff;padding:.4em .8em;"
	"display:flex;flex-wrap:wrap;gap:.3em 1em;align-items:center}"
	"nav.desk a{color:#fff}nav.desk form{margin:0 0 0 auto}"
	"main{padding:.8em;max-width:78em;margin:auto}"
	".scroll{overflow-x:auto;max-width:100%}"
	"table.grid{border-collapse:collapse;margin:.5em 0}"
	"table.grid th,table.grid td{border:1px solid #bbb;padding:.25em .45em;"
	"text-align:left;vertical-align:top}"
	"td.sent{background:#fff6d5}td.accepted{background:#dff3df}"
	"td.returned{background:#f8dcdc}td.missing{background:#eee;color:#555}"
	".late{color:#a40000;font-weight:600}"
	"form.inline{display:inline}"
	/* min-width:0: a fieldset is otherwise as wide as its widest
	 * table, and a phone's page with it. */
	"fieldset{border:1px solid #bbb;margin:.6em 0;max-width:36em;"
	"min-width:0}"
	"label{display:block;margin:.3em 0}"
	"input[type=text],input[type=password],select,textarea{font:inherit;"
	"max-width:100%;box-sizing:border-box}"
	"textarea{width:100%}"
	".once{background:#fff6d5;border:2px solid #c90;padding:.5em;"
	"word-break:break-all;font-family:monospace}"
	".msg{padding:.5em;border:1px solid #c00;background:#fdd}"
	"@media print{nav.desk,form,.noprint{display:none}"
	"body{background:#fff}}"
	/* On a phone core's A4 page drops its margins and its wide tables
	 * scroll inside their own box, so the page keeps the screen's
	 * width. */
	"@media screen and (max-width:40em){.page{padding:3mm;max-width:none}"
	"table.t,table.sign{display:block;overflow-x:auto;max-width:100%}}";

/* A leaf on the programme's green. */
static const char icon_svg[] =
	"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">"
	"<rect width=\"32\" height=\"32\" rx=\"6\" fill=\"#0b6c3a\"/>"
	"<path d=\"M8 24C8 14 14 8 25 8c0 11-6 16-17 16z\" fill=\"#dff3df\"/>"
	"<path d=\"M8 24l11-11\" stroke=\"#0b6c3a\" stroke-width=\"2\"/>"
	"</svg>\n";

#define ICON_LINK "<link rel=\"icon\" href=\"/public/icon.svg\">"

const char *desk_icon_svg(void)
{
	return icon_svg;
}

const char *desk_t(const struct desk_req *rq, const char *vi, const char *en)
{
	return rq && rq->lang && strcmp(rq->lang, "en") == 0 ? en : vi;
}

void desk_esc(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '&':
			fputs("&amp;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&#39;", out);
			break;
		default:
			fputc(*s, out);
		}
	}
}

FILE *desk_page_open(struct desk_resp *rs)
{
	free(rs->body);
	rs->body = NULL;
	rs->len = 0;
	rs->status = 200;
	rs->type = "text/html; charset=utf-8";
	return open_memstream(&rs->body, &rs->len);
}

void desk_page_close(struct desk_resp *rs, FILE *out)
{
	int bad = ferror(out);
	if (fclose(out) != 0 || bad || !rs->body) {
		free(rs->body);
		rs->body = NULL;
		rs->len = 0;
		rs->status = 500;
	}
}

static void nav(FILE *out, const struct desk_req *rq)
{
	fputs("<nav class=\"desk\"><strong>SXSH Sơn La</strong>", out);
	if (rq->role == DESK_NONE) {
		fputs("</nav>\n", out);
		return;
	}
	fprintf(out, "<a href=\"/desk/\">%s</a>",
		desk_t(rq, "Tình hình nộp", "Completeness"));
	fprintf(out, "<a href=\"/desk/districts\">%s</a>",
		desk_t(rq, "Huyện", "Districts"));
	fprintf(out, "<a href=\"/desk/plans\">%s</a>",
		desk_t(rq, "Kế hoạch", "Plans"));
	if (rq->role >= DESK_ADMIN)
		fprintf(out, "<a href=\"/desk/users\">%s</a>",
			desk_t(rq, "Tài khoản", "Users"));
	fprintf(out, "<a href=\"/public/\">%s</a>",
		desk_t(rq, "Trang công khai", "Public pages"));
	fputs("<form method=\"post\" action=\"/desk/logout\">", out);
	desk_csrf_field(out, rq);
	desk_esc(out, rq->who.user);
	fprintf(out, " <button>%s</button></form></nav>\n",
		desk_t(rq, "Đăng xuất", "Log out"));
}

void desk_page_head(FILE *out, const struct desk_req *rq, const char *title)
{
	fprintf(out,
		"<!DOCTYPE html>\n<html lang=\"%s\"><head>"
		"<meta charset=\"utf-8\"><meta name=\"viewport\""
		" content=\"width=device-width, initial-scale=1\"><title>",
		desk_t(rq, "vi", "en"));
	desk_esc(out, title);
	fprintf(out, "</title>" ICON_LINK "<style>%s</style></head>\n<body>\n",
		desk_css);
	nav(out, rq);
	fputs("<main>\n<h1>", out);
	desk_esc(out, title);
	fputs("</h1>\n", out);
}

FILE *desk_page_begin(const struct desk_req *rq, struct desk_resp *rs,
		      const char *title, const char *msg)
{
	FILE *out = desk_page_open(rs);

	if (!out) {
		rs->status = 500;
		return NULL;
	}
	desk_page_head(out, rq, title);
	if (msg) {
		fputs("<p class=\"msg\">", out);
		desk_esc(out, msg);
		fputs("</p>\n", out);
	}
	return out;
}

void desk_page_secret(FILE *out, const char *what, const char *whose,
		      const char *note, const char *secret)
{
	fprintf(out, "<p>%s ", what);
	desk_esc(out, whose);
	fprintf(out, " (%s):</p><p class=\"once\">", note);
	desk_esc(out, secret);
	fputs("</p>\n", out);
}

void desk_page_foot(FILE *out)
{
	fputs("</main>\n</body></html>\n", out);
}

void desk_csrf_field(FILE *out, const struct desk_req *rq)
{
	fputs("<input type=\"hidden\" name=\"csrf\" value=\"", out);
	desk_esc(out, rq->who.csrf);
	fputs("\">", out);
}

void desk_error(const struct desk_req *rq, struct desk_resp *rs, int status,
		const char *vi, const char *en)
{
	FILE *out = desk_page_open(rs);
	if (!out) {
		rs->status = 500;
		return;
	}
	desk_page_head(out, rq,
		       desk_t(rq, "Không thực hiện được", "Could not be done"));
	fputs("<p class=\"msg\">", out);
	desk_esc(out, desk_t(rq, vi, en));
	fputs("</p>\n", out);
	desk_page_foot(out);
	desk_page_close(rs, out);
	if (rs->status == 200)
		rs->status = status;
}

void desk_redirect(struct desk_resp *rs, const char *location)
{
	free(rs->body);
	rs->body = NULL;
	rs->len = 0;
	rs->status = 303;
	rs->type = "text/plain; charset=utf-8";
	snprintf(rs->location, sizeof rs->location, "%s", location);
}

/* Writes doc up to (not including) the first mark, returns what follows
 * it, or NULL (nothing written) when mark is absent. */
static const char *upto(FILE *out, const char *doc, const char *mark)
{
	const char *at = strstr(doc, mark);
	if (at)
		fwrite(doc, 1, (size_t)(at - doc), out);
	return at;
}

void desk_page_wrap(FILE *out, const struct desk_req *rq, const char *doc,
		    const char *bar_html, const char *bottom_html)
{
	const char *head_end = upto(out, doc, "</head>");
	const char *body = head_end ? strstr(head_end, "<body>") : NULL;
	const char *body_end = body ? strstr(body, "</body>") : NULL;
	if (!head_end || !body || !body_end) {
		/* Not a whole document: put it in a page of our own. */
		desk_page_head(out, rq, "SXSH");
		fputs(doc, out);
		fputs(bottom_html, out);
		desk_page_foot(out);
		return;
	}
	fprintf(out,
		"<meta name=\"viewport\" content=\"width=device-width,"
		" initial-scale=1\">" ICON_LINK "<style>%s</style>",
		desk_css);
	fwrite(head_end, 1, (size_t)(body - head_end) + 6, out);
	nav(out, rq);
	fputs(bar_html, out);
	const char *content = body + 6;
	fwrite(content, 1, (size_t)(body_end - content), out);
	fputs(bottom_html, out);
	fputs(body_end, out);
}

const char *desk_status_text(const struct desk_req *rq, const char *status)
{
	static const struct {
		const char *key, *vi, *en;
	} names[] = {
		{"sent", "đã gửi, chờ duyệt", "sent, to review"},
		{"accepted", "đã chấp nhận", "accepted"},
		{"returned", "bị trả lại", "returned"},
		{"missing", "chưa gửi", "missing"},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (status && strcmp(status, names[i].key) == 0)
			return desk_t(rq, names[i].vi, names[i].en);
	return status ? status : "";
}

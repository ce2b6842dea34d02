/* desk_province.c — /desk/province/PERIOD: the consolidated report of the
 * province in the page (consolidate_write, so the same as `sxsh-server
 * report --period P --format html`), and ?format=html|csv|json for the
 * downloads.
 */
#include <stdlib.h>
#include <string.h>
#include "call.h"
#include "consolidate.h"
#include "desk.h"

void desk_province_get(struct desk_req *rq, struct desk_resp *rs)
{
	const char *period = rq->path + strlen("/desk/province/");
	if (strlen(period) >= 8 || !submit_period_valid(period)) {
		desk_error(rq, rs, 404, "Không có kỳ báo cáo này.",
			   "No such period.");
		return;
	}
	const char *format = rq->query(rq->query_ctx, "format");
	enum consolidate_format f = CONS_HTML;
	const char *type = "text/html; charset=utf-8", *ext = "html";
	if (format && !strcmp(format, "csv")) {
		f = CONS_CSV;
		type = "text/csv; charset=utf-8";
		ext = "csv";
	} else if (format && !strcmp(format, "json")) {
		f = CONS_JSON;
		type = "application/json; charset=utf-8";
		ext = "json";
	} else if (format && strcmp(format, "html") != 0) {
		desk_error(rq, rs, 400,
			   "Định dạng phải là html, csv hoặc json.",
			   "The format is html, csv or json.");
		return;
	}
	char *doc = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&doc, &len);
	struct sx_error err = {0};
	enum sx_err rc = mem ? consolidate_write_in(rq->st, period, f, rq->lang,
						  mem, &err)
			     : SX_NOMEM;
	if (mem && fclose(mem) != 0 && rc == SX_OK)
		rc = SX_NOMEM;
	if (rc != SX_OK || !doc) {
		free(doc);
		desk_error(rq, rs, 500, "Không lập được báo cáo tổng hợp.",
			   "The consolidated report cannot be made.");
		return;
	}
	if (format) {
		rs->status = 200;
		rs->type = type;
		rs->body = doc;
		rs->len = len;
		snprintf(rs->filename, sizeof rs->filename, "sxsh-sonla-%s.%s",
			 period, ext);
		return;
	}
	char bar[1024];
	snprintf(bar, sizeof bar,
		 "<p class=\"noprint\" style=\"padding:.5em"
		 " .8em\">%s: <a href=\"?format=html\">HTML</a> · <a"
		 " href=\"?format=csv\">CSV</a> · <a href=\"?format=json\">"
		 "JSON</a></p>\n",
		 desk_t(rq, "Tải về", "Download"));
	FILE *out = desk_page_open(rs);
	if (out) {
		desk_page_wrap(out, rq, doc, bar, "");
		desk_page_close(rs, out);
	} else {
		rs->status = 500;
	}
	free(doc);
}

/* desk_http.c — a desk request from libmicrohttpd to desk_handle and its
 * answer back, with the headers every desk page carries: no caching, no
 * framing, no script from anywhere (the pages have none), no referrer.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <microhttpd.h>
#include "desk.h"

static const char *query_arg(void *ctx, const char *key)
{
	return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, key);
}

static void add_security_headers(struct MHD_Response *resp)
{
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'none'; style-src 'self'"
				" 'unsafe-inline'; img-src 'self' data:;"
				" form-action 'self'; frame-ancestors 'none';"
				" base-uri 'none'");
}

int desk_http_answer(struct srv_store *st, struct MHD_Connection *conn,
		     const char *url, const char *method, const char *body,
		     size_t len, int too_large, int *status, size_t *bytes,
		     char *note, size_t note_size)
{
	struct desk_req rq = {0};
	struct desk_resp rs = {0};
	rq.st = st;
	rq.method = method;
	rq.path = url;
	rq.query = query_arg;
	rq.query_ctx = conn;
	rq.cookie =
		MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, DESK_COOKIE);
	rq.login_cookie = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND,
						      DESK_LOGIN_COOKIE);
	memset(&rq.form, 0, sizeof rq.form);
	const char *ct = MHD_lookup_connection_value(
		conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	int post = strcmp(method, "POST") == 0;
	if (post && too_large) {
		desk_error(&rq, &rs, 413, "Biểu mẫu quá lớn.",
			   "Form too large.");
	} else if (post &&
		   (!ct ||
		    strncasecmp(ct, "application/x-www-form-urlencoded", 33) !=
			    0)) {
		desk_error(&rq, &rs, 415,
			   "Biểu mẫu phải gửi dạng"
			   " application/x-www-form-urlencoded.",
			   "A form must be application/"
			   "x-www-form-urlencoded.");
	} else if (post &&
		   desk_form_parse(&rq.form, body ? body : "", len) != SX_OK) {
		desk_error(&rq, &rs, 400, "Biểu mẫu không hợp lệ.",
			   "Malformed form.");
	} else {
		desk_handle(&rq, &rs);
	}
	desk_form_release(&rq.form);
	if (!rs.status)
		rs.status = 500;
	char *text = rs.body;
	size_t n = rs.len;
	rs.body = NULL; /* handed to the response below */
	struct MHD_Response *resp = MHD_create_response_from_buffer(
		n, text ? text : (char *)"",
		text ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (!resp) {
		free(text);
		desk_resp_release(&rs);
		return MHD_NO;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
				rs.type ? rs.type : "text/plain");
	add_security_headers(resp);
	if (rs.cookie[0])
		MHD_add_response_header(resp, MHD_HTTP_HEADER_SET_COOKIE,
					rs.cookie);
	if (rs.location[0])
		MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION,
					rs.location);
	if (rs.filename[0]) {
		char disp[128];
		snprintf(disp, sizeof disp, "attachment; filename=\"%s\"",
			 rs.filename);
		MHD_add_response_header(
			resp, MHD_HTTP_HEADER_CONTENT_DISPOSITION, disp);
	}
	enum MHD_Result r = MHD_queue_response(conn, (unsigned)rs.status, resp);
	MHD_destroy_response(resp);
	*status = rs.status;
	*bytes = n;
	snprintf(note, note_size, "%s", rs.note);
	desk_resp_release(&rs);
	return r;
}

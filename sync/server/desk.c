/* desk.c — the desk's routes: one table saying, for each page, the method,
 * the least role that may use it and whether it changes state.  The login
 * (303 to /desk/login for a page, 401 for a POST), the CSRF check of every
 * state-changing POST (403, nothing done) and the role check (403) are
 * made here, before any page runs.  The login POST has no session yet:
 * desk_login.c checks its form's own csrf against a cookie.
 */
#include <stdlib.h>
#include <string.h>
#include "desk.h"

struct desk_route {
	const char *method;
	const char *path;
	int prefix; /* path is a prefix ending in '/' */
	enum desk_role least; /* DESK_NONE: no login needed */
	int changes; /* a POST that needs the csrf field */
	void (*handle)(struct desk_req *, struct desk_resp *);
};

static void public_css(struct desk_req *rq, struct desk_resp *rs)
{
	(void)rq;
	const char *css = desk_public_css();
	rs->body = strdup(css);
	rs->len = rs->body ? strlen(css) : 0;
	rs->status = rs->body ? 200 : 500;
	rs->type = "text/css; charset=utf-8";
}

static void public_icon(struct desk_req *rq, struct desk_resp *rs)
{
	(void)rq;
	const char *svg = desk_icon_svg();
	rs->body = strdup(svg);
	rs->len = rs->body ? strlen(svg) : 0;
	rs->status = rs->body ? 200 : 500;
	rs->type = "image/svg+xml";
}

static void desk_root(struct desk_req *rq, struct desk_resp *rs)
{
	(void)rq;
	desk_redirect(rs, "/desk/");
}

static const struct desk_route routes[] = {
	{"GET", "/desk", 0, DESK_NONE, 0, desk_root},
	{"GET", "/desk/login", 0, DESK_NONE, 0, desk_login_get},
	{"POST", "/desk/login", 0, DESK_NONE, 0, desk_login_post},
	{"POST", "/desk/logout", 0, DESK_VIEWER, 1, desk_logout_post},
	{"GET", "/desk/", 0, DESK_VIEWER, 0, desk_home_get},
	{"GET", "/desk/report/", 1, DESK_VIEWER, 0, desk_report_get},
	{"POST", "/desk/report/", 1, DESK_REVIEWER, 1, desk_report_post},
	{"GET", "/desk/province/", 1, DESK_VIEWER, 0, desk_province_get},
	{"GET", "/desk/districts", 0, DESK_VIEWER, 0, desk_districts_get},
	{"POST", "/desk/districts", 0, DESK_ADMIN, 1, desk_districts_post},
	{"GET", "/desk/plans", 0, DESK_VIEWER, 0, desk_plans_get},
	{"POST", "/desk/plans", 0, DESK_ADMIN, 1, desk_plans_post},
	{"GET", "/desk/plans/", 1, DESK_VIEWER, 0, desk_plan_get},
	{"GET", "/desk/users", 0, DESK_ADMIN, 0, desk_users_get},
	{"POST", "/desk/users", 0, DESK_ADMIN, 1, desk_users_post},
	{"GET", "/public/", 0, DESK_NONE, 0, desk_public_get},
	{"GET", "/public/index.html", 0, DESK_NONE, 0, desk_public_get},
	{"GET", "/public/style.css", 0, DESK_NONE, 0, public_css},
	{"GET", "/public/icon.svg", 0, DESK_NONE, 0, public_icon},
};

int desk_path(const char *path)
{
	return strncmp(path, "/desk", 5) == 0 &&
			(path[5] == '\0' || path[5] == '/')
		? 1
		: strncmp(path, "/public", 7) == 0 &&
			(path[7] == '\0' || path[7] == '/');
}

static int matches(const struct desk_route *r, const char *path)
{
	if (!r->prefix)
		return strcmp(r->path, path) == 0;
	size_t n = strlen(r->path);
	return strncmp(r->path, path, n) == 0 && path[n] != '\0';
}

int desk_secret_equal(const char *a, const char *b)
{
	if (!a || !b)
		return 0;
	size_t n = strlen(a);
	if (n == 0 || n != strlen(b))
		return 0;
	unsigned char d = 0;
	for (size_t i = 0; i < n; i++)
		d |= (unsigned char)(a[i] ^ b[i]);
	return d == 0;
}

void desk_handle(struct desk_req *rq, struct desk_resp *rs)
{
	const char *lang = rq->query ? rq->query(rq->query_ctx, "lang") : NULL;
	rq->lang = lang && strcmp(lang, "en") == 0 ? "en" : "vi";
	const struct desk_route *route = NULL;
	int known = 0;
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		if (!matches(&routes[i], rq->path))
			continue;
		known = 1;
		if (strcmp(routes[i].method, rq->method) == 0) {
			route = &routes[i];
			break;
		}
	}
	int logged_in = desk_login_check(rq);
	if (!known) {
		desk_error(rq, rs, 404, "Không có trang này.", "No such page.");
		return;
	}
	if (!route) {
		desk_error(rq, rs, 405, "Sai phương thức cho trang này.",
			   "Wrong method for this page.");
		return;
	}
	if (route->least != DESK_NONE && !logged_in) {
		if (strcmp(rq->method, "GET") == 0)
			desk_redirect(rs, "/desk/login");
		else
			desk_error(rq, rs, 401, "Cần đăng nhập.",
				   "Log in first.");
		return;
	}
	if (route->changes) {
		const char *csrf = desk_form_get(&rq->form, "csrf");
		if (!csrf || !desk_secret_equal(rq->who.csrf, csrf)) {
			snprintf(rs->note, sizeof rs->note, "csrf_refused");
			desk_error(rq, rs, 403,
				   "Biểu mẫu đã cũ hoặc không"
				   " hợp lệ: hãy tải lại trang.",
				   "Stale or forged form: reload the page.");
			return;
		}
	}
	if (rq->role < route->least) {
		snprintf(rs->note, sizeof rs->note, "forbidden user=%s",
			 rq->who.user);
		desk_error(rq, rs, 403,
			   "Tài khoản của bạn không có quyền"
			   " này.",
			   "Your account may not do this.");
		return;
	}
	route->handle(rq, rs);
}

void desk_resp_release(struct desk_resp *rs)
{
	free(rs->body);
	memset(rs, 0, sizeof *rs);
}

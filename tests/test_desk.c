/* test_desk.c — the province's desk and public pages, through a real
 * sxsh-server on 127.0.0.1 and libcurl with a cookie jar: login, cookie
 * flags, idle expiry, the rate limit, CSRF, every role on every action,
 * escaping, every page with its content, accept/return reaching the
 * district, --desk-listen, the user commands and publish. */
#include <jansson.h>
#include <sys/stat.h>
#include "sxsh/report.h"
#include "../sync/server/desk.h"
#include "../sync/server/token.h"
#include "desk_fixture.h"

#define PW_ADMIN "admin-pass-1"
#define PW_REVIEW "review-pass-1"
#define PW_VIEW "viewer-pass-1"

struct ctx {
	struct th_tls tls;
	struct th_server srv;
	char dir[256];
	char token[256]; /* district 123 */
	char token_evil[256]; /* district 124, named <script>…</script> */
};

struct reply {
	long status;
	char *body;
	size_t len;
	char headers[8192];
};

/* One browser: a curl handle whose cookie engine keeps the session. */
struct client {
	CURL *h;
	char base[64];
	const char *ca;
	char csrf[65];
};

static size_t on_body(char *p, size_t sz, size_t n, void *u)
{
	struct reply *r = u;
	char *nb = realloc(r->body, r->len + sz * n + 1);
	if (!nb)
		return 0;
	memcpy(nb + r->len, p, sz * n);
	r->body = nb;
	r->len += sz * n;
	r->body[r->len] = '\0';
	return sz * n;
}

static size_t on_header(char *p, size_t sz, size_t n, void *u)
{
	struct reply *r = u;
	size_t have = strlen(r->headers);
	if (have + sz * n + 1 < sizeof r->headers) {
		memcpy(r->headers + have, p, sz * n);
		r->headers[have + sz * n] = '\0';
	}
	return sz * n;
}

static void reply_release(struct reply *r)
{
	free(r->body);
	memset(r, 0, sizeof *r);
}

static void client_init(struct client *c, const char *base, const char *ca)
{
	memset(c, 0, sizeof *c);
	c->h = curl_easy_init();
	cr_assert_not_null(c->h);
	snprintf(c->base, sizeof c->base, "%s", base);
	c->ca = ca;
	curl_easy_setopt(c->h, CURLOPT_COOKIEFILE, ""); /* the jar */
}

static void client_release(struct client *c)
{
	curl_easy_cleanup(c->h);
}

/* Keeps the csrf value of the last page that had one. */
static void take_csrf(struct client *c, const char *body)
{
	const char *at = body ? strstr(body, "name=\"csrf\" value=\"") : NULL;
	if (at)
		snprintf(c->csrf, sizeof c->csrf, "%.64s", at + 19);
}

/* GET (form NULL) or POST form; never follows redirects. */
static long req(struct client *c, const char *path, const char *form,
		struct reply *r)
{
	memset(r, 0, sizeof *r);
	char url[512];
	snprintf(url, sizeof url, "%s%s", c->base, path);
	curl_easy_setopt(c->h, CURLOPT_URL, url);
	curl_easy_setopt(c->h, CURLOPT_CAINFO, c->ca);
	curl_easy_setopt(c->h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c->h, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(c->h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c->h, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(c->h, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c->h, CURLOPT_NOSIGNAL, 1L);
	if (form) {
		curl_easy_setopt(c->h, CURLOPT_POST, 1L);
		curl_easy_setopt(c->h, CURLOPT_COPYPOSTFIELDS, form);
	} else {
		curl_easy_setopt(c->h, CURLOPT_HTTPGET, 1L);
	}
	CURLcode rc = curl_easy_perform(c->h);
	cr_assert_eq(rc, CURLE_OK, "%s: %s", path, curl_easy_strerror(rc));
	curl_easy_getinfo(c->h, CURLINFO_RESPONSE_CODE, &r->status);
	if (!r->body) {
		r->body = calloc(1, 1);
		cr_assert_not_null(r->body);
	}
	take_csrf(c, r->body);
	return r->status;
}

static long status_of(struct client *c, const char *path, const char *form)
{
	struct reply r;
	long s = req(c, path, form, &r);
	reply_release(&r);
	return s;
}

/* POSTs fields with the session's csrf appended. */
static long post(struct client *c, const char *path, const char *fields,
		 struct reply *r)
{
	char form[2048];
	snprintf(form, sizeof form, "%s&csrf=%s", fields, c->csrf);
	return req(c, path, form, r);
}

static long post_status(struct client *c, const char *path, const char *fields)
{
	struct reply r;
	long s = post(c, path, fields, &r);
	reply_release(&r);
	return s;
}

/* Opens the login page, as a browser does, and posts its form (with the
 * form's csrf) as user with password pw; the answer in r. */
static long login_try(struct client *c, const char *user, const char *pw,
		      struct reply *r)
{
	cr_assert_eq(status_of(c, "/desk/login", NULL), 200);
	char form[512];
	snprintf(form, sizeof form, "user=%s&password=%s&csrf=%s", user, pw,
		 c->csrf);
	return req(c, "/desk/login", form, r);
}

static long login_status(struct client *c, const char *user, const char *pw)
{
	struct reply r;
	long s = login_try(c, user, pw, &r);
	reply_release(&r);
	return s;
}

static void login(struct client *c, const char *user, const char *pw)
{
	cr_assert_eq(login_status(c, user, pw), 303, "login %s", user);
	/* A page to pick up the session's csrf. */
	cr_assert_eq(status_of(c, "/desk/", NULL), 200);
	cr_assert_eq(strlen(c->csrf), 64);
}

static void user_add(struct ctx *x, const char *name, const char *role,
		     const char *pw)
{
	dfx_user_add(&x->srv, name, role, pw);
}

static void submit(struct ctx *x, const char *token, const char *json,
		   int revision)
{
	dfx_submit(&x->srv, token, json, revision);
}

static void start(struct ctx *x)
{
	memset(x, 0, sizeof *x);
	snprintf(x->dir, sizeof x->dir, "%s", th_tmpdir());
	th_tls_make(&x->tls, x->dir, "t");
	th_server_init(&x->srv, x->dir, &x->tls);
	th_server_district_add(&x->srv, "123", x->token, sizeof x->token);
	cr_assert_eq(th_system("'%s' district add 124 --name"
			       " '<script>alert(1)</script>' --db '%s'"
			       " >'%s/evil.token' 2>>'%s'",
			       th_server_bin(), x->srv.db, x->dir, x->srv.log),
		     0);
	char path[512];
	FILE *f = fopen(th_path(path, sizeof path, x->dir, "evil.token"), "r");
	cr_assert_not_null(f);
	cr_assert_not_null(fgets(x->token_evil, sizeof x->token_evil, f));
	fclose(f);
	x->token_evil[strcspn(x->token_evil, "\n")] = '\0';
	user_add(x, "boss", "admin", PW_ADMIN);
	user_add(x, "rev", "reviewer", PW_REVIEW);
	user_add(x, "view", "viewer", PW_VIEW);
}

static void stop(struct ctx *x)
{
	cr_assert_eq(th_server_stop(&x->srv, SIGTERM), 0,
		     "server did not exit 0 (see %s)", x->srv.log);
}

/* The district's view of its report: status and reason of revision. */
static json_t *district_status(struct ctx *x, const char *token)
{
	struct th_resp r;
	cr_assert_eq(th_request(&x->srv, "GET",
				"/v1/reports/status?period=2017S1", token, NULL,
				0, 0, &r),
		     CURLE_OK);
	cr_assert_eq(r.status, 200, "%ld %s", r.status, r.body);
	json_t *doc = json_loads(r.body, 0, NULL);
	th_resp_release(&r);
	cr_assert_not_null(doc);
	return doc;
}

static int file_has(const char *path, const char *needle)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	char buf[65536];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return strstr(buf, needle) != NULL;
}

/* ---- tests --------------------------------------------------------------- */

Test(desk, login_sets_a_secure_cookie_and_logout_ends_the_session)
{
	struct ctx x;
	start(&x);
	th_server_start(&x.srv);
	struct client c;
	client_init(&c, x.srv.url, x.tls.ca);
	struct reply r;
	cr_assert_eq(req(&c, "/desk/", NULL, &r), 303);
	cr_assert(strstr(r.headers, "Location: /desk/login"), "%s", r.headers);
	reply_release(&r);
	cr_assert_eq(req(&c, "/desk/login", NULL, &r), 200);
	cr_assert(strstr(r.body, "name=\"password\""));
	reply_release(&r);
	cr_assert_eq(login_status(&c, "boss", "wrong-pass"), 401);
	cr_assert_eq(login_status(&c, "nobody", "x1"), 401);
	cr_assert_eq(status_of(&c, "/desk/", NULL), 303);
	cr_assert_eq(login_try(&c, "boss", PW_ADMIN, &r), 303);
	const char *cookie = strstr(r.headers, "Set-Cookie: sxsh_desk=");
	cr_assert_not_null(cookie, "%s", r.headers);
	char line[256];
	snprintf(line, sizeof line, "%.*s", (int)strcspn(cookie, "\r\n"),
		 cookie);
	cr_assert(strstr(line, "; Secure"), "%s", line);
	cr_assert(strstr(line, "; HttpOnly"), "%s", line);
	cr_assert(strstr(line, "; SameSite=Strict"), "%s", line);
	cr_assert_eq(strcspn(line + 22, ";"), 64, "%s", line);
	reply_release(&r);
	cr_assert_eq(req(&c, "/desk/", NULL, &r), 200);
	cr_assert(strstr(r.body, "boss"));
	cr_assert(strstr(r.headers, "Cache-Control: no-store"));
	reply_release(&r);
	/* The password is nowhere in the log or the store. */
	cr_assert(!file_has(x.srv.log, PW_ADMIN));
	cr_assert_eq(th_system("sqlite3 '%s' .dump | grep -q '%s'", x.srv.db,
			       PW_ADMIN) != 0,
		     1);
	/* Logout without the csrf field: refused, still logged in. */
	cr_assert_eq(status_of(&c, "/desk/logout", "x=1"), 403);
	cr_assert_eq(status_of(&c, "/desk/", NULL), 200);
	cr_assert_eq(req(&c, "/desk/logout", NULL, &r), 405);
	reply_release(&r);
	cr_assert_eq(post_status(&c, "/desk/logout", "x=1"), 303);
	cr_assert_eq(status_of(&c, "/desk/", NULL), 303);
	client_release(&c);
	stop(&x);
}

Test(desk, the_login_form_carries_a_csrf_of_its_own)
{
	struct ctx x;
	start(&x);
	th_server_start(&x.srv);
	struct client c, other;
	client_init(&c, x.srv.url, x.tls.ca);
	client_init(&other, x.srv.url, x.tls.ca);
	struct reply r;
	cr_assert_eq(req(&c, "/desk/login", NULL, &r), 200);
	const char *cookie = strstr(r.headers, "Set-Cookie: sxsh_login=");
	cr_assert_not_null(cookie, "%s", r.headers);
	char line[256];
	snprintf(line, sizeof line, "%.*s", (int)strcspn(cookie, "\r\n"),
		 cookie);
	cr_assert(strstr(line, "; Path=/desk/login"), "%s", line);
	cr_assert(strstr(line, "; Secure"), "%s", line);
	cr_assert(strstr(line, "; HttpOnly"), "%s", line);
	cr_assert(strstr(line, "; SameSite=Strict"), "%s", line);
	cr_assert_eq(strlen(c.csrf), 64);
	cr_assert_eq(strncmp(line + 23, c.csrf, 64), 0,
		     "the form's csrf is not its cookie's: %s", line);
	reply_release(&r);
	/* The right password without the field, or with another browser's
	 * field, or with a field but no cookie: 403, no session. */
	cr_assert_eq(req(&c, "/desk/login",
			 "user=boss&password=" PW_ADMIN, &r),
		     403);
	cr_assert(!strstr(r.headers, "sxsh_desk="), "%s", r.headers);
	reply_release(&r);
	cr_assert_eq(status_of(&other, "/desk/login", NULL), 200);
	char form[512];
	snprintf(form, sizeof form, "user=boss&password=%s&csrf=%s",
		 PW_ADMIN, other.csrf);
	cr_assert_eq(status_of(&c, "/desk/login", NULL), 200);
	cr_assert_eq(status_of(&c, "/desk/login", form), 403);
	struct client bare;
	client_init(&bare, x.srv.url, x.tls.ca);
	cr_assert_eq(status_of(&bare, "/desk/login", form), 403);
	cr_assert_eq(status_of(&bare, "/desk/", NULL), 303);
	client_release(&bare);
	cr_assert_eq(status_of(&c, "/desk/", NULL), 303);
	cr_assert(file_has(x.srv.log, "csrf_refused login"));
	/* Refused forms are not wrong passwords: no lock-out after six. */
	for (int i = 0; i < 6; i++)
		cr_assert_eq(status_of(&c, "/desk/login",
				       "user=boss&password=x&csrf=0"),
			     403);
	login(&c, "boss", PW_ADMIN);
	client_release(&other);
	client_release(&c);
	stop(&x);
}

Test(desk, a_session_ends_after_eight_idle_hours)
{
	struct ctx x;
	start(&x);
	th_server_start(&x.srv);
	struct client c;
	client_init(&c, x.srv.url, x.tls.ca);
	login(&c, "view", PW_VIEW);
	/* 7 h 59 idle: still in, and the visit counts as activity. */
	cr_assert_eq(th_system("sqlite3 '%s' 'UPDATE desk_session SET"
			       " last_seen = last_seen - 28740'",
			       x.srv.db),
		     0);
	cr_assert_eq(status_of(&c, "/desk/", NULL), 200);
	cr_assert_eq(th_system("sqlite3 '%s' 'UPDATE desk_session SET"
			       " last_seen = last_seen - 28801'",
			       x.srv.db),
		     0);
	cr_assert_eq(status_of(&c, "/desk/", NULL), 303);
	cr_assert_eq(th_system("test \"$(sqlite3 '%s' 'SELECT count(*) FROM"
			       " desk_session')\" = 0",
			       x.srv.db),
		     0, "the expired session was not removed");
	client_release(&c);
	stop(&x);
}

Test(desk, five_wrong_passwords_make_the_user_wait)
{
	struct ctx x;
	start(&x);
	th_server_start(&x.srv);
	struct client c;
	client_init(&c, x.srv.url, x.tls.ca);
	for (int i = 0; i < 5; i++)
		cr_assert_eq(login_status(&c, "rev", "guess-1234"), 401);
	/* Even the right password waits now. */
	cr_assert_eq(login_status(&c, "rev", PW_REVIEW), 429);
	cr_assert_eq(status_of(&c, "/desk/", NULL), 303);
	cr_assert(file_has(x.srv.log, "status=429"));
	cr_assert(file_has(x.srv.log, "login_locked user=rev"));
	/* Another user is not held up. */
	login(&c, "view", PW_VIEW);
	/* Fifteen minutes later the user may try again. */
	cr_assert_eq(th_system("sqlite3 '%s' 'UPDATE desk_login_fail SET"
			       " at = at - 901'",
			       x.srv.db),
		     0);
	struct client c2;
	client_init(&c2, x.srv.url, x.tls.ca);
	login(&c2, "rev", PW_REVIEW);
	client_release(&c2);
	client_release(&c);
	stop(&x);
}

Test(desk, a_missing_or_wrong_csrf_changes_nothing)
{
	struct ctx x;
	start(&x);
	th_server_start(&x.srv);
	struct client c;
	client_init(&c, x.srv.url, x.tls.ca);
	login(&c, "boss", PW_ADMIN);
	cr_assert_eq(status_of(&c, "/desk/districts",
			       "action=add&code=125&name=Yen"),
		     403);
	char wrong[128];
	snprintf(wrong, sizeof wrong, "action=add&code=125&name=Yen&csrf=%064d",
		 7);
	cr_assert_eq(status_of(&c, "/desk/districts", wrong), 403);
	cr_assert_eq(status_of(&c, "/desk/users",
			       "action=add&name=mallory&role=admin"),
		     403);
	cr_assert_eq(th_system("'%s' district list --db '%s' | grep -q '^125'",
			       th_server_bin(), x.srv.db) != 0,
		     1, "a forged form added a district");
	cr_assert_eq(th_system("'%s' user list --db '%s' | grep -q mallory",
			       th_server_bin(), x.srv.db) != 0,
		     1);
	/* Another session's csrf is not this one's. */
	struct client other;
	client_init(&other, x.srv.url, x.tls.ca);
	login(&other, "rev", PW_REVIEW);
	snprintf(wrong, sizeof wrong, "action=add&code=125&name=Yen&csrf=%s",
		 other.csrf);
	cr_assert_eq(status_of(&c, "/desk/districts", wrong), 403);
	client_release(&other);
	/* With it: done. */
	cr_assert_eq(post_status(&c, "/desk/districts",
				 "action=add&code=125&name=Yen"),
		     200);
	cr_assert_eq(th_system("'%s' district list --db '%s' | grep -q '^125'",
			       th_server_bin(), x.srv.db),
		     0);
	client_release(&c);
	stop(&x);
}

/* What the desk's actions can change, as one text (malloc'd): districts,
 * report decisions, accounts and the number of sessions. */
static char *db_state(const struct ctx *x)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd,
		 "sqlite3 '%s' 'SELECT code, name, token_hash, revoked_at,"
		 " t2_share, t3_share FROM district ORDER BY code;"
		 " SELECT district, period, revision, status, reason FROM"
		 " report ORDER BY id; SELECT name, role, pass_hash,"
		 " disabled_at FROM desk_user ORDER BY name;"
		 " SELECT count(*) FROM desk_session;"
		 " SELECT code, version FROM plan ORDER BY code'",
		 x->srv.db);
	FILE *p = popen(cmd, "r");
	cr_assert_not_null(p);
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	cr_assert_not_null(mem);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, p)) > 0)
		fwrite(buf, 1, n, mem);
	cr_assert_eq(pclose(p), 0);
	fclose(mem);
	cr_assert_gt(len, 0);
	return text;
}

Test(desk, every_role_on_every_action)
{
	struct ctx x;
	start(&x);
	char *rev1 = NULL, *evil = NULL;
	dfx_reports("123", &rev1, NULL);
	dfx_reports("124", &evil, NULL);
	th_server_start(&x.srv);
	submit(&x, x.token, rev1, 1);
	submit(&x, x.token_evil, evil, 1);
	user_add(&x, "extra", "viewer", "extra-pass-1");
	struct client anon, viewer, reviewer, admin;
	client_init(&anon, x.srv.url, x.tls.ca);
	client_init(&viewer, x.srv.url, x.tls.ca);
	client_init(&reviewer, x.srv.url, x.tls.ca);
	client_init(&admin, x.srv.url, x.tls.ca);
	login(&viewer, "view", PW_VIEW);
	login(&reviewer, "rev", PW_REVIEW);
	login(&admin, "boss", PW_ADMIN);
	struct client *who[4] = {&anon, &viewer, &reviewer, &admin};
	/* Reading: no login → the login page; viewers read every page but
	 * the users'; every page names the icon. */
	static const struct {
		const char *path;
		long want[4];
	} reads[] = {
		{"/desk/", {303, 200, 200, 200}},
		{"/desk/report/123/2017S1", {303, 200, 200, 200}},
		{"/desk/province/2017S1", {303, 200, 200, 200}},
		{"/desk/province/2017S1?format=csv", {303, 200, 200, 200}},
		{"/desk/districts", {303, 200, 200, 200}},
		{"/desk/users", {303, 403, 403, 200}},
		{"/desk/plans", {303, 200, 200, 200}},
		{"/desk/plans/sonla-2016-2020", {303, 200, 200, 200}},
		{"/public/", {200, 200, 200, 200}},
		{"/desk/login", {200, 200, 200, 200}},
	};
	for (size_t i = 0; i < sizeof reads / sizeof reads[0]; i++) {
		for (int k = 0; k < 4; k++) {
			struct reply r;
			cr_assert_eq(req(who[k], reads[i].path, NULL, &r),
				     reads[i].want[k], "%s as role %d",
				     reads[i].path, k);
			if (r.status == 200 && strstr(r.headers, "text/html"))
				cr_assert(strstr(r.body, "rel=\"icon\""),
					  "%s names no icon", reads[i].path);
			reply_release(&r);
		}
	}
	/* The decision form only for those who may decide. */
	struct reply r;
	req(&viewer, "/desk/report/123/2017S1", NULL, &r);
	cr_assert(!strstr(r.body, "value=\"accept\""));
	reply_release(&r);
	req(&reviewer, "/desk/report/123/2017S1", NULL, &r);
	cr_assert(strstr(r.body, "value=\"accept\""));
	reply_release(&r);
	/* Changing: every action is refused to everyone below its role
	 * (401 without a login, 403 below) and changes nothing; then one
	 * who may do it does it, and it changes the store. */
	static const struct {
		const char *path, *fields;
		int least, doer; /* indexes into who[] */
	} acts[] = {
		{"/desk/report/123/2017S1", "action=accept", 2, 2},
		{"/desk/report/124/2017S1", "action=return&reason=Thi%E1%BA%BFu",
		 2, 3},
		{"/desk/districts", "action=add&code=127&name=M%E1%BB%99c", 3,
		 3},
		{"/desk/districts", "action=rotate&code=123", 3, 3},
		{"/desk/districts", "action=targets&code=123&t2=2&t3=1", 3, 3},
		{"/desk/districts", "action=revoke&code=124", 3, 3},
		{"/desk/users", "action=add&name=more&role=viewer", 3, 3},
		{"/desk/users", "action=passwd&name=extra", 3, 3},
		{"/desk/users", "action=disable&name=extra", 3, 3},
		{"/desk/plans",
		 "action=save&code=sonla-2031&title=K%E1%BA%BF+ho%E1%BA%A1ch"
		 "&decision=Q%C4%90&start=2031-01-01&end=2031-12-31&T1=90"
		 "&T2=3&T3=1&T4=100",
		 3, 3},
	};
	for (size_t i = 0; i < sizeof acts / sizeof acts[0]; i++) {
		char *before = db_state(&x);
		for (int k = 0; k < acts[i].least; k++) {
			long want = k == 0 ? 401 : 403;
			cr_assert_eq(post_status(who[k], acts[i].path,
						 acts[i].fields),
				     want, "%s %s as role %d", acts[i].path,
				     acts[i].fields, k);
			char *after = db_state(&x);
			cr_assert_str_eq(after, before,
					 "%s %s refused to role %d changed"
					 " the store",
					 acts[i].path, acts[i].fields, k);
			free(after);
		}
		long got = post_status(who[acts[i].doer], acts[i].path,
				       acts[i].fields);
		cr_assert(got == 200 || got == 303, "%s %s as role %d: %ld",
			  acts[i].path, acts[i].fields, acts[i].doer, got);
		char *after = db_state(&x);
		cr_assert_str_neq(after, before, "%s %s changed nothing",
				  acts[i].path, acts[i].fields);
		free(after);
		free(before);
	}
	cr_assert_eq(th_system("test \"$(sqlite3 '%s' \"SELECT status FROM"
			       " report WHERE district = '123'\")\" ="
			       " accepted",
			       x.srv.db),
		     0);
	/* Every role may log out, and only its own session ends. */
	for (int k = 1; k < 4; k++) {
		cr_assert_eq(post_status(who[k], "/desk/logout", "x=1"), 303);
		cr_assert_eq(status_of(who[k], "/desk/", NULL), 303);
		for (int m = k + 1; m < 4; m++)
			cr_assert_eq(status_of(who[m], "/desk/", NULL), 200,
				     "logout of %d ended %d", k, m);
	}
	cr_assert_eq(status_of(&anon, "/desk/logout", "x=1"), 401);
	/* Disabling ends the account's sessions and its logins. */
	login(&viewer, "view", PW_VIEW);
	login(&admin, "boss", PW_ADMIN);
	cr_assert_eq(
		post_status(&admin, "/desk/users", "action=disable&name=view"),
		200);
	cr_assert_eq(status_of(&viewer, "/desk/", NULL), 303);
	cr_assert_eq(login_status(&viewer, "view", PW_VIEW), 401);
	for (int k = 0; k < 4; k++)
		client_release(who[k]);
	free(rev1);
	free(evil);
	stop(&x);
}

Test(desk, pages_show_their_content_escaped_and_decisions_reach_the_district)
{
	struct ctx x;
	start(&x);
	char *rev1 = NULL, *rev2 = NULL, *evil = NULL;
	dfx_reports("123", &rev1, &rev2);
	dfx_reports("124", &evil, NULL);
	th_server_start(&x.srv);
	submit(&x, x.token, rev1, 1);
	submit(&x, x.token, rev2, 2);
	submit(&x, x.token_evil, evil, 1);
	struct client c;
	client_init(&c, x.srv.url, x.tls.ca);
	login(&c, "rev", PW_REVIEW);
	struct reply r;
	/* Completeness: both districts sent 2017S1, 123 twice. */
	cr_assert_eq(req(&c, "/desk/?from=2017&to=2017", NULL, &r), 200);
	cr_assert(strstr(r.body, "href=\"/desk/report/123/2017S1\""), "%s",
		  r.body);
	cr_assert(strstr(r.body, "lần 2"));
	cr_assert(strstr(r.body, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	cr_assert(!strstr(r.body, "<script"), "unescaped name on /desk/");
	reply_release(&r);
	/* The report: core's HTML, the revisions and what changed. */
	cr_assert_eq(req(&c, "/desk/report/123/2017S1", NULL, &r), 200);
	cr_assert(strstr(r.body, "I. KẾT QUẢ THỰC HIỆN"));
	cr_assert(strstr(r.body, "Thay đổi từ lần 1 sang lần 2"));
	cr_assert(strstr(r.body, "<li>T2"), "%s", r.body);
	cr_assert(!strstr(r.body, "indicators."), "a JSON path shown");
	cr_assert(!strstr(r.body, "<script"), "unescaped facility name");
	cr_assert(strstr(r.body, "&lt;script&gt;alert(2)"));
	reply_release(&r);
	cr_assert_eq(req(&c, "/desk/report/124/2017S1", NULL, &r), 200);
	cr_assert(!strstr(r.body, "<script"));
	reply_release(&r);
	cr_assert_eq(status_of(&c, "/desk/report/123/2017S1?rev=1", NULL), 200);
	cr_assert_eq(status_of(&c, "/desk/report/123/2017S1?rev=9", NULL), 404);
	cr_assert_eq(status_of(&c, "/desk/report/123/2018S1", NULL), 404);
	cr_assert_eq(status_of(&c, "/desk/report/../../etc", NULL), 404);
	cr_assert_eq(status_of(&c, "/desk/nothing", NULL), 404);
	/* The consolidated report and its downloads. */
	cr_assert_eq(req(&c, "/desk/province/2017S1", NULL, &r), 200);
	cr_assert(strstr(r.body, "?format=csv"));
	cr_assert(strstr(r.body, "completeness"));
	cr_assert(!strstr(r.body, "<script"));
	reply_release(&r);
	cr_assert_eq(req(&c, "/desk/province/2017S1?format=json", NULL, &r),
		     200);
	json_t *doc = json_loads(r.body, 0, NULL);
	cr_assert_not_null(doc);
	cr_assert_eq(json_integer_value(json_object_get(
			     json_object_get(json_object_get(doc, "indicators"),
					     "T2"),
			     "cumulative")),
		     3, "2 of 123's latest revision and 1 of 124's");
	json_decref(doc);
	cr_assert(strstr(r.headers,
			 "attachment; filename=\"sxsh-sonla-"
			 "2017S1.json\""));
	reply_release(&r);
	cr_assert_eq(req(&c, "/desk/province/2017S1?format=csv", NULL, &r),
		     200);
	cr_assert(strstr(r.headers, "text/csv"));
	cr_assert(strstr(r.headers, "filename=\"sxsh-sonla-2017S1.csv\""));
	reply_release(&r);
	/* The HTML download is core's document alone, without the desk. */
	cr_assert_eq(req(&c, "/desk/province/2017S1?format=html", NULL, &r),
		     200);
	cr_assert(strstr(r.headers, "text/html"));
	cr_assert(strstr(r.headers, "filename=\"sxsh-sonla-2017S1.html\""));
	cr_assert(strstr(r.body, "completeness"));
	cr_assert(!strstr(r.body, "nav class=\"desk\""));
	cr_assert(!strstr(r.body, "<script"));
	reply_release(&r);
	cr_assert_eq(status_of(&c, "/desk/province/2017S1?format=exe", NULL),
		     400);
	/* Return without a reason: refused; with one: the district sees
	 * it at its next sync. */
	cr_assert_eq(post_status(&c, "/desk/report/123/2017S1",
				 "action=return&reason="),
		     400);
	cr_assert_eq(post_status(&c, "/desk/report/123/2017S1",
				 "action=return&reason=Thi%E1%BA%BFu+%3Cb%3E"
				 "s%E1%BB%91+li%E1%BB%87u"),
		     303);
	json_t *st = district_status(&x, x.token);
	json_t *last = json_array_get(json_object_get(st, "reports"), 1);
	cr_assert_str_eq(json_string_value(json_object_get(last, "status")),
			 "returned");
	cr_assert_str_eq(json_string_value(json_object_get(last, "reason")),
			 "Thiếu <b>số liệu");
	json_decref(st);
	cr_assert_eq(req(&c, "/desk/report/123/2017S1", NULL, &r), 200);
	cr_assert(strstr(r.body, "Thiếu &lt;b&gt;số liệu"));
	cr_assert(!strstr(r.body, "value=\"accept\""), "decided twice?");
	reply_release(&r);
	cr_assert_eq(
		post_status(&c, "/desk/report/123/2017S1", "action=accept"),
		409);
	/* Districts page: a token shown once on add, never on the list. */
	client_release(&c);
	client_init(&c, x.srv.url, x.tls.ca);
	login(&c, "boss", PW_ADMIN);
	cr_assert_eq(post(&c, "/desk/districts",
			  "action=add&code=126&name=Ph%C3%B9+Y%C3%AAn", &r),
		     200);
	const char *once = strstr(r.body, "class=\"once\">");
	cr_assert_not_null(once);
	char token[65];
	snprintf(token, sizeof token, "%.64s", once + 13);
	reply_release(&r);
	cr_assert_eq(req(&c, "/desk/districts", NULL, &r), 200);
	cr_assert(!strstr(r.body, token), "a token shown twice");
	cr_assert(strstr(r.body, "Phù Yên"));
	reply_release(&r);
	struct th_resp me;
	cr_assert_eq(
		th_request(&x.srv, "GET", "/v1/me", token, NULL, 0, 0, &me),
		CURLE_OK);
	cr_assert_eq(me.status, 200, "the shown token does not work");
	th_resp_release(&me);
	cr_assert_eq(
		post_status(&c, "/desk/districts", "action=add&code=12&name=x"),
		400);
	cr_assert_eq(post_status(&c, "/desk/districts",
				 "action=add&code=126&name=again"),
		     409);
	/* Users page: a generated password shown once works. */
	cr_assert_eq(post(&c, "/desk/users",
			  "action=add&name=new.one"
			  "&role=viewer&password=",
			  &r),
		     200);
	once = strstr(r.body, "class=\"once\">");
	cr_assert_not_null(once);
	char pw[17];
	snprintf(pw, sizeof pw, "%.16s", once + 13);
	reply_release(&r);
	struct client fresh;
	client_init(&fresh, x.srv.url, x.tls.ca);
	cr_assert_eq(login_status(&fresh, "new.one", pw), 303);
	client_release(&fresh);
	cr_assert_eq(post_status(&c, "/desk/users",
				 "action=add&name=Bad%20N"
				 "&role=viewer"),
		     400);
	/* English on request. */
	cr_assert_eq(req(&c, "/desk/?lang=en", NULL, &r), 200);
	cr_assert(strstr(r.body, "Report completeness"));
	reply_release(&r);
	client_release(&c);
	free(rev1);
	free(rev2);
	free(evil);
	stop(&x);
}

Test(desk, plans_are_read_by_all_and_made_by_admins_with_the_import_checks)
{
	struct ctx x;
	start(&x);
	th_server_start(&x.srv);
	struct client viewer, admin;
	client_init(&viewer, x.srv.url, x.tls.ca);
	client_init(&admin, x.srv.url, x.tls.ca);
	login(&viewer, "view", PW_VIEW);
	login(&admin, "boss", PW_ADMIN);
	struct reply r;
	/* The shipped plan, listed and shown; no form for a viewer. */
	cr_assert_eq(req(&viewer, "/desk/plans", NULL, &r), 200);
	cr_assert(strstr(r.body, "href=\"/desk/plans/sonla-2016-2020\""),
		  "%s", r.body);
	cr_assert(strstr(r.body, "90 %"), "T1 as a percentage");
	cr_assert(!strstr(r.body, "name=\"title\""));
	reply_release(&r);
	cr_assert_eq(req(&viewer, "/desk/plans/sonla-2016-2020", NULL, &r),
		     200);
	cr_assert(strstr(r.body, "3182"));
	cr_assert(strstr(r.body, "01/01/2016"), "%s", r.body);
	cr_assert(!strstr(r.body, "action=\"/desk/plans\""));
	reply_release(&r);
	cr_assert_eq(status_of(&viewer, "/desk/plans/nosuch", NULL), 404);
	cr_assert_eq(status_of(&viewer, "/desk/plans/a%22b", NULL), 404);
	cr_assert_eq(status_of(&viewer,
			       "/desk/plans/sonla-2016-2020?version=9", NULL),
		     404);
	/* An admin's form: every district's shares. */
	cr_assert_eq(req(&admin, "/desk/plans", NULL, &r), 200);
	cr_assert(strstr(r.body, "name=\"share_124_T2\""));
	reply_release(&r);
	/* Refused as `plan import` refuses, with the field named and
	 * nothing stored: days over another plan's, a rate over 100 %. */
	const char *base = "action=save&code=sonla-2021-2025"
			   "&title=K%E1%BA%BF+ho%E1%BA%A1ch+%3Cb%3E"
			   "&decision=Q%C4%90+12%2F2021"
			   "&T2=30&T3=12&T4=100"
			   "&share_123_T2=4&share_123_T3=2";
	char form[1024];
	snprintf(form, sizeof form, "%s&start=2020-06-01&end=2025-12-31"
		 "&T1=95", base);
	cr_assert_eq(post(&admin, "/desk/plans", form, &r), 400);
	cr_assert(strstr(r.body, "class=\"msg\""));
	cr_assert(strstr(r.body, "value=\"2020-06-01\""), "the form refilled");
	reply_release(&r);
	snprintf(form, sizeof form, "%s&start=2021-01-01&end=2025-12-31"
		 "&T1=150", base);
	cr_assert_eq(post(&admin, "/desk/plans", form, &r), 400);
	cr_assert(strstr(r.body, "T1"), "%s", r.body);
	reply_release(&r);
	cr_assert_neq(th_system("'%s' plan show sonla-2021-2025 --db '%s'"
				" >/dev/null 2>&1",
				th_server_bin(), x.srv.db),
		      0, "a refused form stored a plan");
	/* Made: the plan file is what the form said. */
	snprintf(form, sizeof form, "%s&start=2021-01-01&end=2025-12-31"
		 "&T1=92%%2C5", base);
	cr_assert_eq(post(&admin, "/desk/plans", form, &r), 303);
	cr_assert(strstr(r.headers, "Location: /desk/plans/sonla-2021-2025"),
		  "%s", r.headers);
	reply_release(&r);
	char out[512];
	th_path(out, sizeof out, x.dir, "plan.json");
	cr_assert_eq(th_system("'%s' plan show sonla-2021-2025 --db '%s'"
			       " >'%s' 2>/dev/null",
			       th_server_bin(), x.srv.db, out),
		     0);
	json_t *plan = json_load_file(out, 0, NULL);
	cr_assert_not_null(plan);
	json_t *t = json_object_get(plan, "targets");
	cr_assert_str_eq(json_string_value(json_object_get(t, "T1")), "0.925");
	cr_assert_eq(json_integer_value(json_object_get(t, "T2")), 30);
	cr_assert_eq(json_integer_value(json_object_get(
			     json_object_get(json_object_get(plan,
							     "district_shares"),
					     "123"),
			     "T2")),
		     4);
	cr_assert_eq(json_integer_value(json_object_get(plan, "version")), 1);
	json_decref(plan);
	/* Shown escaped, with its shares; edited into version 2. */
	cr_assert_eq(req(&viewer, "/desk/plans/sonla-2021-2025", NULL, &r),
		     200);
	cr_assert(strstr(r.body, "&lt;b&gt;"));
	cr_assert(!strstr(r.body, "<b>"));
	cr_assert(strstr(r.body, "92,5 %"), "%s", r.body);
	reply_release(&r);
	snprintf(form, sizeof form, "%s&start=2021-01-01&end=2025-12-31"
		 "&T1=95", base);
	cr_assert_eq(post(&admin, "/desk/plans", form, &r), 303);
	reply_release(&r);
	cr_assert_eq(th_system("'%s' plan show sonla-2021-2025 --db '%s'"
			       " 2>/dev/null | grep -q '\"version\": *2'",
			       th_server_bin(), x.srv.db),
		     0);
	cr_assert_eq(req(&admin, "/desk/plans/sonla-2021-2025?version=1",
			 NULL, &r),
		     200);
	cr_assert(strstr(r.body, "92,5 %"));
	cr_assert(!strstr(r.body, "name=\"title\""), "an old version edited");
	reply_release(&r);
	client_release(&viewer);
	client_release(&admin);
	stop(&x);
}

Test(desk, public_pages_and_publish_show_no_personal_data)
{
	struct ctx x;
	start(&x);
	char *rev1 = NULL;
	dfx_reports("123", &rev1, NULL);
	th_server_start(&x.srv);
	submit(&x, x.token, rev1, 1);
	struct client c;
	client_init(&c, x.srv.url, x.tls.ca);
	struct reply r;
	cr_assert_eq(req(&c, "/public/", NULL, &r), 200);
	cr_assert(strstr(r.body, "Sản xuất sạch hơn"));
	cr_assert(strstr(r.body, "Lớp tập huấn"), "events by type");
	cr_assert(strstr(r.body, "10/03/2017"), "event date");
	cr_assert(strstr(r.body, "width=device-width"));
	const char *forbidden[] = {"Quàng Văn Xôm", "Lò Văn Pẩu", "script",
				   "Tester", "Pá Khoang"};
	for (size_t i = 0; i < 5; i++)
		cr_assert(!strstr(r.body, forbidden[i]), "public page shows %s",
			  forbidden[i]);
	char out[512];
	th_path(out, sizeof out, x.dir, "site");
	cr_assert_eq(mkdir(out, 0755), 0);
	cr_assert_eq(th_system("'%s' publish --out '%s' --db '%s' 2>>'%s'",
			       th_server_bin(), out, x.srv.db, x.srv.log),
		     0);
	char index[600], css[600];
	snprintf(index, sizeof index, "%s/index.html", out);
	snprintf(css, sizeof css, "%s/style.css", out);
	FILE *f = fopen(index, "r");
	cr_assert_not_null(f);
	char *file = calloc(1, r.len + 2);
	size_t n = fread(file, 1, r.len + 1, f);
	fclose(f);
	cr_assert_eq(n, r.len);
	cr_assert_eq(memcmp(file, r.body, n), 0,
		     "publish wrote another page than /public/ serves");
	free(file);
	reply_release(&r);
	cr_assert(file_has(css, "@media print"));
	char icon[600];
	snprintf(icon, sizeof icon, "%s/icon.svg", out);
	cr_assert(file_has(icon, "<svg"), "publish wrote no icon");
	cr_assert(file_has(index, "href=\"icon.svg\""));
	cr_assert_eq(req(&c, "/public/style.css", NULL, &r), 200);
	cr_assert(strstr(r.headers, "text/css"));
	reply_release(&r);
	cr_assert_eq(req(&c, "/public/icon.svg", NULL, &r), 200);
	cr_assert(strstr(r.headers, "image/svg+xml"));
	cr_assert(strstr(r.body, "<svg"));
	reply_release(&r);
	cr_assert_neq(th_system("'%s' publish --out '%s/none' --db '%s'"
				" 2>/dev/null",
				th_server_bin(), x.dir, x.srv.db),
		      0);
	client_release(&c);
	free(rev1);
	stop(&x);
}

Test(desk, desk_listen_puts_the_desk_on_its_own_listener)
{
	struct ctx x;
	start(&x);
	int port = th_free_port();
	char addr[32], desk_url[64];
	snprintf(addr, sizeof addr, "127.0.0.1:%d", port);
	snprintf(desk_url, sizeof desk_url, "https://127.0.0.1:%d", port);
	x.srv.extra_args[0] = "--desk-listen";
	x.srv.extra_args[1] = addr;
	th_server_start(&x.srv);
	for (int i = 0; i < 100 && !th_port_open(port); i++)
		usleep(50 * 1000);
	struct client districts, desk;
	client_init(&districts, x.srv.url, x.tls.ca);
	client_init(&desk, desk_url, x.tls.ca);
	cr_assert_eq(status_of(&districts, "/desk/", NULL), 404);
	cr_assert_eq(status_of(&districts, "/desk/login",
			       "user=boss&password=" PW_ADMIN),
		     404);
	cr_assert_eq(status_of(&districts, "/public/", NULL), 404);
	cr_assert_eq(status_of(&desk, "/desk/", NULL), 303);
	cr_assert_eq(status_of(&desk, "/public/", NULL), 200);
	login(&desk, "boss", PW_ADMIN);
	cr_assert_eq(status_of(&desk, "/v1/me", NULL), 404);
	struct th_resp me;
	cr_assert_eq(
		th_request(&x.srv, "GET", "/v1/me", x.token, NULL, 0, 0, &me),
		CURLE_OK);
	cr_assert_eq(me.status, 200);
	th_resp_release(&me);
	client_release(&districts);
	client_release(&desk);
	stop(&x);
}

Test(desk, user_commands_add_list_disable_and_change_passwords)
{
	struct ctx x;
	start(&x);
	/* A generated password: printed once, on stdout only. */
	char cmd[1024];
	snprintf(cmd, sizeof cmd,
		 "'%s' user add gen --role reviewer --db '%s'"
		 " 2>/dev/null",
		 th_server_bin(), x.srv.db);
	FILE *p = popen(cmd, "r");
	char pw[64] = "";
	cr_assert_not_null(fgets(pw, sizeof pw, p));
	cr_assert_eq(pclose(p), 0);
	pw[strcspn(pw, "\n")] = '\0';
	cr_assert_eq(strlen(pw), 16);
	cr_assert_neq(th_system("'%s' user add gen --role viewer --db '%s'"
				" 2>/dev/null >/dev/null",
				th_server_bin(), x.srv.db),
		      0, "a second gen");
	cr_assert_neq(th_system("'%s' user add x --role boss --db '%s'"
				" 2>/dev/null",
				th_server_bin(), x.srv.db),
		      0);
	cr_assert_neq(th_system("'%s' user add 'Tên' --role viewer --db '%s'"
				" 2>/dev/null",
				th_server_bin(), x.srv.db),
		      0);
	cr_assert_neq(th_system("echo short | '%s' user add y --role viewer"
				" --password - --db '%s' 2>/dev/null",
				th_server_bin(), x.srv.db),
		      0);
	cr_assert_eq(th_system("'%s' user list --lang en --db '%s' | grep -q"
			       " '^gen .*reviewer *active'",
			       th_server_bin(), x.srv.db),
		     0);
	th_server_start(&x.srv);
	struct client c;
	client_init(&c, x.srv.url, x.tls.ca);
	login(&c, "gen", pw);
	/* A new password ends the session and the old password. */
	cr_assert_eq(th_system("echo 'a-new-password' | '%s' user passwd gen"
			       " --password - --db '%s' 2>/dev/null",
			       th_server_bin(), x.srv.db),
		     0);
	cr_assert_eq(status_of(&c, "/desk/", NULL), 303);
	cr_assert_eq(login_status(&c, "gen", pw), 401);
	login(&c, "gen", "a-new-password");
	cr_assert_eq(th_system("'%s' user disable gen --db '%s' 2>/dev/null",
			       th_server_bin(), x.srv.db),
		     0);
	cr_assert_eq(status_of(&c, "/desk/", NULL), 303);
	cr_assert_eq(login_status(&c, "gen", "a-new-password"), 401);
	cr_assert_eq(th_system("'%s' user list --lang en --db '%s' |"
			       " grep -q '^gen .*disabled'",
			       th_server_bin(), x.srv.db),
		     0);
	cr_assert_neq(th_system("'%s' user disable nobody --db '%s'"
				" 2>/dev/null",
				th_server_bin(), x.srv.db),
		      0);
	client_release(&c);
	stop(&x);
}

/* desk_login.c — login, logout and the session of a request.
 *
 * A wrong password answers 401 and is remembered; the sixth try within
 * 15 minutes after five wrong ones answers 429 without looking at the
 * password, and the request's log line says so.  Failures are counted by
 * the name typed, known or not, so the answer does not tell which names
 * exist; an unknown name costs a hash like a known one for the same
 * reason.  The password is hashed outside the store's lock: other
 * requests go on while argon2id works.
 *
 * The login form carries a csrf of its own (there is no session yet): each
 * login page sets a fresh random value in the DESK_LOGIN_COOKIE cookie
 * (SameSite=Strict, only for /desk/login) and in the form's csrf field; a
 * POST whose field does not match its cookie is refused with 403 before
 * the password is looked at, so another site cannot log a browser in.
 */
#include <string.h>
#include <time.h>
#include "desk.h"
#include "token.h"

static void login_page(struct desk_req *rq, struct desk_resp *rs, int status,
		       const char *vi, const char *en)
{
	char form_csrf[65];
	struct sx_error err = {0};
	if (token_new(form_csrf, &err) != SX_OK) {
		desk_error(rq, rs, 500, "Lỗi máy chủ.", "Server error.");
		return;
	}
	FILE *out = desk_page_open(rs);
	if (!out) {
		rs->status = 500;
		return;
	}
	snprintf(rs->cookie, sizeof rs->cookie,
		 DESK_LOGIN_COOKIE "=%s; Path=/desk/login; Max-Age=%d;"
				   " Secure; HttpOnly; SameSite=Strict",
		 form_csrf, DESK_LOGIN_FORM_SECS);
	desk_page_head(out, rq, desk_t(rq, "Đăng nhập", "Log in"));
	if (vi) {
		fputs("<p class=\"msg\">", out);
		desk_esc(out, desk_t(rq, vi, en));
		fputs("</p>\n", out);
	}
	fprintf(out,
		"<form method=\"post\" action=\"/desk/login\">"
		"<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		"<fieldset><label>%s<br><input type=\"text\" name=\"user\""
		" autocomplete=\"username\" required maxlength=\"32\"></label>"
		"<label>%s<br><input type=\"password\" name=\"password\""
		" autocomplete=\"current-password\" required></label>"
		"<button>%s</button></fieldset></form>\n",
		form_csrf, desk_t(rq, "Tài khoản", "User"),
		desk_t(rq, "Mật khẩu", "Password"),
		desk_t(rq, "Đăng nhập", "Log in"));
	desk_page_foot(out);
	desk_page_close(rs, out);
	if (rs->status == 200)
		rs->status = status;
}

void desk_login_get(struct desk_req *rq, struct desk_resp *rs)
{
	login_page(rq, rs, 200, NULL, NULL);
}

static int is_hex64(const char *s)
{
	if (!s || strlen(s) != 64)
		return 0;
	for (int i = 0; i < 64; i++)
		if (!strchr("0123456789abcdef", s[i]))
			return 0;
	return 1;
}

int desk_login_check(struct desk_req *rq)
{
	rq->role = DESK_NONE;
	if (!is_hex64(rq->cookie))
		return 0;
	token_sha256_hex(rq->cookie, 64, rq->sid_hash);
	long long now = (long long)time(NULL);
	struct sx_error err = {0};
	if (store_begin(rq->st, &err) != SX_OK)
		return 0;
	enum sx_err rc =
		store_session_get(rq->st, rq->sid_hash, &rq->who, &err);
	int ok = rc == SX_OK && now - rq->who.last_seen <= DESK_IDLE_SECS;
	if (ok)
		rc = store_session_touch(rq->st, rq->sid_hash, now, &err);
	else if (rc == SX_OK)
		rc = store_session_end(rq->st, rq->sid_hash,
				       now - DESK_IDLE_SECS, &err);
	rc = store_end(rq->st, rc, &err);
	if (!ok || rc != SX_OK) {
		memset(&rq->who, 0, sizeof rq->who);
		return 0;
	}
	rq->role = desk_role_parse(rq->who.role);
	return rq->role != DESK_NONE;
}

/* 1 when the user is locked out by recent failures. */
static int locked(struct desk_req *rq, const char *name, long long now)
{
	struct sx_error err = {0};
	long long fails = 0;
	if (store_begin(rq->st, &err) != SX_OK)
		return 0;
	store_login_fail_count(rq->st, name, now - DESK_FAIL_WINDOW, &fails,
			       &err);
	store_rollback(rq->st);
	return fails >= DESK_FAIL_MAX;
}

static void remember_failure(struct desk_req *rq, const char *name,
			     long long now)
{
	struct sx_error err = {0};
	if (store_begin(rq->st, &err) != SX_OK)
		return;
	if (store_login_fail_add(rq->st, name, now, now - DESK_FAIL_WINDOW,
				 &err) == SX_OK)
		store_commit(rq->st, &err);
	else
		store_rollback(rq->st);
}

static int password_ok(struct desk_req *rq, const char *name,
		       const char *password)
{
	struct store_user u = {0};
	struct sx_error err = {0};
	enum sx_err rc = store_begin(rq->st, &err);
	if (rc == SX_OK) {
		rc = store_user_get(rq->st, name, &u, &err);
		store_rollback(rq->st);
	}
	if (rc != SX_OK || u.disabled_at[0]) {
		char spent[128];
		desk_pass_hash(password, spent, NULL);
		return 0;
	}
	return desk_pass_verify(u.pass_hash, password);
}

void desk_login_post(struct desk_req *rq, struct desk_resp *rs)
{
	const char *name = desk_form_get(&rq->form, "user");
	const char *password = desk_form_get(&rq->form, "password");
	long long now = (long long)time(NULL);
	if (!is_hex64(rq->login_cookie) ||
	    !desk_secret_equal(rq->login_cookie,
			       desk_form_get(&rq->form, "csrf"))) {
		snprintf(rs->note, sizeof rs->note, "csrf_refused login");
		login_page(rq, rs, 403,
			   "Biểu mẫu đăng nhập đã cũ hoặc không hợp lệ:"
			   " hãy nhập lại.",
			   "Stale or forged login form: try again.");
		return;
	}
	if (!desk_user_name_valid(name) || !password || !*password ||
	    strlen(password) > 1024) {
		login_page(rq, rs, 401, "Sai tài khoản hoặc mật khẩu.",
			   "Wrong user or password.");
		return;
	}
	if (locked(rq, name, now)) {
		snprintf(rs->note, sizeof rs->note, "login_locked user=%s",
			 name);
		login_page(rq, rs, 429,
			   "Sai mật khẩu quá 5 lần trong 15 phút:"
			   " hãy chờ rồi thử lại.",
			   "Five wrong passwords within 15 minutes: wait,"
			   " then try again.");
		return;
	}
	if (!password_ok(rq, name, password)) {
		remember_failure(rq, name, now);
		snprintf(rs->note, sizeof rs->note, "login_failed user=%s",
			 name);
		login_page(rq, rs, 401, "Sai tài khoản hoặc mật khẩu.",
			   "Wrong user or password.");
		return;
	}
	char sid[65], csrf[65], sid_hash[65];
	struct sx_error err = {0};
	if (token_new(sid, &err) != SX_OK || token_new(csrf, &err) != SX_OK) {
		desk_error(rq, rs, 500, "Lỗi máy chủ.", "Server error.");
		return;
	}
	token_sha256_hex(sid, 64, sid_hash);
	enum sx_err rc = store_begin(rq->st, &err);
	if (rc == SX_OK) {
		rc = store_session_end(rq->st, NULL, now - DESK_IDLE_SECS,
				       &err);
		if (rc == SX_OK)
			rc = store_session_add(rq->st, sid_hash, name, csrf,
					       now, &err);
		rc = store_end(rq->st, rc, &err);
	}
	if (rc != SX_OK) {
		desk_error(rq, rs, 500, "Lỗi lưu trữ của máy chủ.",
			   "Server storage error.");
		return;
	}
	snprintf(rs->cookie, sizeof rs->cookie,
		 DESK_COOKIE "=%s; Path=/desk;"
			     " Secure; HttpOnly; SameSite=Strict",
		 sid);
	snprintf(rs->note, sizeof rs->note, "login user=%s", name);
	desk_redirect(rs, "/desk/");
	memset(sid, 0, sizeof sid);
}

void desk_logout_post(struct desk_req *rq, struct desk_resp *rs)
{
	struct sx_error err = {0};
	if (store_begin(rq->st, &err) == SX_OK) {
		if (store_session_end(rq->st, rq->sid_hash,
				      (long long)time(NULL) - DESK_IDLE_SECS,
				      &err) == SX_OK)
			store_commit(rq->st, &err);
		else
			store_rollback(rq->st);
	}
	snprintf(rs->cookie, sizeof rs->cookie,
		 DESK_COOKIE "=; Path=/desk;"
			     " Max-Age=0; Secure; HttpOnly; SameSite=Strict");
	desk_redirect(rs, "/desk/login");
}

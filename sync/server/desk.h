/* desk.h — the province's desk: web pages rendered by sxsh-server under
 * /desk/ (officers, after a login) and the public programme pages under
 * /public/ (no login), plus `sxsh-server publish` which writes the public
 * pages as static files.
 *
 * A request reaches desk_handle already read whole (desk_http.c is the
 * libmicrohttpd side); desk_handle routes it through one table (desk.c)
 * that says, per path, which role may use it and whether it changes
 * state, so that the login, the role check and the CSRF check happen in
 * one place and no page can forget them.  Every page writes HTML through
 * desk_esc for anything that came from a user, a district or the store.
 *
 * Sessions: a random 256-bit cookie value whose SHA-256 is the key in the
 * store; 8 hours idle ends it.  Passwords: argon2id (libsodium).
 */
#ifndef SXSH_DESK_H
#define SXSH_DESK_H

#include <stddef.h>
#include <stdio.h>
#include "store.h"

#define DESK_COOKIE "sxsh_desk"
/* The login form's own csrf: a random value in this cookie and in the
 * form's csrf field (double submit), since there is no session yet. */
#define DESK_LOGIN_COOKIE "sxsh_login"
#define DESK_LOGIN_FORM_SECS 3600
#define DESK_IDLE_SECS (8 * 3600)
#define DESK_FAIL_WINDOW (15 * 60)
#define DESK_FAIL_MAX 5
#define DESK_MAX_BODY (256u * 1024)
/* A plan's form has two shares per district besides its own fields. */
#define DESK_MAX_FIELDS 128

enum desk_role { DESK_NONE = 0, DESK_VIEWER, DESK_REVIEWER, DESK_ADMIN };

/* The fields of an application/x-www-form-urlencoded body (or query),
 * decoded; owns its text. */
struct desk_form {
	int n;
	char *key[DESK_MAX_FIELDS];
	char *val[DESK_MAX_FIELDS];
	char *text;
};

struct desk_req {
	struct srv_store *st;
	const char *method; /* "GET" or "POST" */
	const char *path; /* "/desk/report/123/2017S1" */
	const char *(*query)(void *ctx, const char *key);
	void *query_ctx;
	const char *cookie; /* value of the DESK_COOKIE cookie, or NULL */
	const char *login_cookie; /* value of DESK_LOGIN_COOKIE, or NULL */
	struct desk_form form; /* a POST's fields */
	const char *lang; /* "vi" (default) or "en" */
	/* set by desk_login_check */
	char sid_hash[65];
	struct store_session who;
	enum desk_role role;
};

struct desk_resp {
	int status;
	const char *type; /* Content-Type */
	char *body; /* malloc'd; desk_resp_release */
	size_t len;
	char cookie[256]; /* Set-Cookie value, "" for none */
	char location[256]; /* Location of a redirect */
	char filename[64]; /* a download's name, "" for a page */
	char note[128]; /* added to the request's log line */
};

/* ---- desk.c: routing ---------------------------------------------------- */

/* Answers rq into rs (rs zeroed by the caller; desk_resp_release after). */
void desk_handle(struct desk_req *rq, struct desk_resp *rs);
void desk_resp_release(struct desk_resp *rs);
/* 1 when path belongs to the desk or the public pages. */
int desk_path(const char *path);
/* 1 when a and b are the same non-empty secret; the time taken does not
 * depend on where they differ. */
int desk_secret_equal(const char *a, const char *b);

/* ---- desk_http.c: the libmicrohttpd side -------------------------------- */

struct MHD_Connection;
/* Answers a desk request whose body (a form, len bytes; too_large when it
 * went over DESK_MAX_BODY) is read; queues the response.  Returns
 * MHD_YES or MHD_NO; *status, *bytes and note (for the log) tell what
 * was sent. */
int desk_http_answer(struct srv_store *st, struct MHD_Connection *conn,
		     const char *url, const char *method, const char *body,
		     size_t len, int too_large, int *status, size_t *bytes,
		     char *note, size_t note_size);

/* ---- desk_form.c -------------------------------------------------------- */

/* Parses len bytes of a form body.  SX_INVALID for bad %-escapes, invalid
 * UTF-8 or too many fields; SX_NOMEM. */
enum sx_err desk_form_parse(struct desk_form *f, const char *body, size_t len);
/* The value of key (borrowed), or NULL. */
const char *desk_form_get(const struct desk_form *f, const char *key);
void desk_form_release(struct desk_form *f);

/* ---- desk_page.c: HTML -------------------------------------------------- */

/* The vi or en text for the request's language. */
const char *desk_t(const struct desk_req *rq, const char *vi, const char *en);
/* Writes s with & < > " ' escaped. */
void desk_esc(FILE *out, const char *s);
/* Opens rs->body as a stream (status 200, text/html); NULL on OOM. */
FILE *desk_page_open(struct desk_resp *rs);
/* Closes the stream; a failed write becomes a 500. */
void desk_page_close(struct desk_resp *rs, FILE *out);
/* The document's head, the navigation for rq's role and the <main>. */
void desk_page_head(FILE *out, const struct desk_req *rq, const char *title);
/* desk_page_open and desk_page_head, then msg (escaped; may be NULL) as
 * the page's message.  NULL with rs->status 500 when no page can be
 * opened. */
FILE *desk_page_begin(const struct desk_req *rq, struct desk_resp *rs,
		      const char *title, const char *msg);
/* "<what> <whose> (<note>):" and then secret, set apart: a token or a
 * password shown once.  whose and secret are escaped. */
void desk_page_secret(FILE *out, const char *what, const char *whose,
		      const char *note, const char *secret);
void desk_page_foot(FILE *out);
/* The hidden csrf field of the session. */
void desk_csrf_field(FILE *out, const struct desk_req *rq);
/* A whole page with one message. */
void desk_error(const struct desk_req *rq, struct desk_resp *rs, int status,
		const char *vi, const char *en);
/* 303 See Other to location. */
void desk_redirect(struct desk_resp *rs, const char *location);
/* Inserts the desk's style, bar and a bottom part into a whole HTML
 * document made by core (the report renderers) and writes it. */
void desk_page_wrap(FILE *out, const struct desk_req *rq, const char *doc,
		    const char *bar_html, const char *bottom_html);
/* "đã gửi" … for a report status in the request's language. */
const char *desk_status_text(const struct desk_req *rq, const char *status);
/* The icon every page names (served as /public/icon.svg, published as
 * icon.svg), so that a browser never asks for a missing /favicon.ico. */
const char *desk_icon_svg(void);

/* ---- desk_pass.c: passwords --------------------------------------------- */

/* argon2id of password into out (crypto_pwhash_str).  SX_NOMEM. */
enum sx_err desk_pass_hash(const char *password, char out[128],
			   struct sx_error *err);
/* 1 when password matches hash. */
int desk_pass_verify(const char *hash, const char *password);
/* A random password of 16 letters and digits, for `user add`. */
void desk_pass_generate(char out[17]);
/* 1 when name is a user name: 1–32 of a-z 0-9 . _ - */
int desk_user_name_valid(const char *name);
/* The role of a role name ("viewer" …), DESK_NONE when unknown. */
enum desk_role desk_role_parse(const char *name);

/* ---- desk_login.c ------------------------------------------------------- */

/* Finds the request's session: fills rq->who, rq->role, rq->sid_hash and
 * refreshes its idle time.  0 when there is none (or it expired). */
int desk_login_check(struct desk_req *rq);
void desk_login_get(struct desk_req *rq, struct desk_resp *rs);
void desk_login_post(struct desk_req *rq, struct desk_resp *rs);
void desk_logout_post(struct desk_req *rq, struct desk_resp *rs);

/* ---- the pages, one file each ------------------------------------------- */

void desk_home_get(struct desk_req *rq, struct desk_resp *rs);
void desk_report_get(struct desk_req *rq, struct desk_resp *rs);
void desk_report_post(struct desk_req *rq, struct desk_resp *rs);
void desk_province_get(struct desk_req *rq, struct desk_resp *rs);
void desk_districts_get(struct desk_req *rq, struct desk_resp *rs);
void desk_districts_post(struct desk_req *rq, struct desk_resp *rs);
void desk_users_get(struct desk_req *rq, struct desk_resp *rs);
void desk_users_post(struct desk_req *rq, struct desk_resp *rs);
/* desk_plans.c: /desk/plans (list, new plan), /desk/plans/CODE */
void desk_plans_get(struct desk_req *rq, struct desk_resp *rs);
void desk_plans_post(struct desk_req *rq, struct desk_resp *rs);
void desk_plan_get(struct desk_req *rq, struct desk_resp *rs);
void desk_public_get(struct desk_req *rq, struct desk_resp *rs);

/* ---- desk_public.c: the public pages ------------------------------------ */

/* Writes the public index page (no personal data) to out. */
enum sx_err desk_public_write(struct srv_store *st, FILE *out, const char *lang,
			      struct sx_error *err);
/* The public pages' style sheet (a constant). */
const char *desk_public_css(void);
/* `sxsh-server publish --out DIR`: index.html and style.css in dir,
 * each written whole or not at all. */
enum sx_err desk_publish(struct srv_store *st, const char *dir,
			 struct sx_error *err);

#endif

/* desk_districts.c — /desk/districts: the districts, their tokens and
 * their T2/T3 shares.  Admins add a district (its token is shown on the
 * answer to that POST and never again: the store keeps only its hash),
 * rotate a token (the new one shown once, the old one stops), revoke one,
 * and set shares.  Every change is a POST with the session's csrf.
 */
#include <stdlib.h>
#include <string.h>
#include "desk.h"
#include "token.h"

struct page {
	FILE *out;
	const struct desk_req *rq;
};

static void share_text(FILE *out, long long v)
{
	if (v < 0)
		fputs("–", out);
	else
		fprintf(out, "%lld", v);
}

static void row(const struct store_district *d, void *arg)
{
	struct page *p = arg;
	FILE *out = p->out;
	const struct desk_req *rq = p->rq;
	fputs("<tr><td>", out);
	desk_esc(out, d->code);
	fputs("</td><td>", out);
	desk_esc(out, d->name);
	fprintf(out, "</td><td>%s</td><td>",
		d->revoked_at[0] ? desk_t(rq, "đã thu hồi", "revoked")
				 : desk_t(rq, "đang dùng", "active"));
	share_text(out, d->t2_share);
	fputs(" / ", out);
	share_text(out, d->t3_share);
	fputs("</td>", out);
	if (rq->role >= DESK_ADMIN) {
		fputs("<td>", out);
		static const char *const actions[][3] = {
			{"rotate", "Cấp mã mới", "New token"},
			{"revoke", "Thu hồi", "Revoke"},
		};
		for (int i = 0; i < 2; i++) {
			if (i == 1 && d->revoked_at[0])
				continue;
			fputs("<form method=\"post\" action=\"/desk/districts\""
			      " class=\"inline\">",
			      out);
			desk_csrf_field(out, rq);
			fprintf(out,
				"<input type=\"hidden\" name=\"code\""
				" value=\"%s\"><button name=\"action\""
				" value=\"%s\">%s</button></form> ",
				d->code, actions[i][0],
				desk_t(rq, actions[i][1], actions[i][2]));
		}
		fputs("<form method=\"post\" action=\"/desk/districts\""
		      " class=\"inline\">",
		      out);
		desk_csrf_field(out, rq);
		fprintf(out,
			"<input type=\"hidden\" name=\"code\" value=\"%s\">"
			"T2 <input type=\"text\" name=\"t2\" size=\"3\""
			" inputmode=\"numeric\"> T3 <input type=\"text\""
			" name=\"t3\" size=\"3\" inputmode=\"numeric\">"
			" <button name=\"action\" value=\"targets\">%s</button>"
			"</form></td>",
			d->code, desk_t(rq, "Đặt chỉ tiêu", "Set shares"));
	}
	fputs("</tr>\n", out);
}

/* The page, with a token to show once (or NULL) and a message. */
static void page(struct desk_req *rq, struct desk_resp *rs, int status,
		 const char *token, const char *token_code, const char *msg)
{
	FILE *out = desk_page_begin(rq, rs, desk_t(rq, "Huyện, thành phố",
						   "Districts"), msg);
	if (!out)
		return;
	if (token)
		desk_page_secret(out, desk_t(rq, "Mã truy cập của huyện",
					     "Token of district"),
				 token_code,
				 desk_t(rq, "chỉ hiện một lần; hãy chép lại "
					"ngay", "shown once; copy it now"),
				 token);
	fprintf(out,
		"<div class=\"scroll\"><table class=\"grid\"><tr>"
		"<th>%s</th><th>%s</th><th>%s</th><th>T2 / T3</th>%s</tr>\n",
		desk_t(rq, "Mã", "Code"), desk_t(rq, "Tên", "Name"),
		desk_t(rq, "Tình trạng", "State"),
		rq->role >= DESK_ADMIN ? "<th></th>" : "");
	struct page p = {out, rq};
	struct sx_error err = {0};
	if (store_begin(rq->st, &err) == SX_OK) {
		store_district_each(rq->st, row, &p, &err);
		store_rollback(rq->st);
	}
	fputs("</table></div>\n", out);
	if (rq->role >= DESK_ADMIN) {
		fprintf(out,
			"<form method=\"post\" action=\"/desk/districts\">"
			"<fieldset><legend>%s</legend>",
			desk_t(rq, "Thêm huyện", "Add a district"));
		desk_csrf_field(out, rq);
		fprintf(out,
			"<label>%s<br><input type=\"text\" name=\"code\""
			" maxlength=\"3\" required inputmode=\"numeric\">"
			"</label><label>%s<br><input type=\"text\""
			" name=\"name\" maxlength=\"100\" required></label>"
			"<button name=\"action\" value=\"add\">%s</button>"
			"</fieldset></form>\n",
			desk_t(rq, "Mã GSO (3 chữ số)", "GSO code (3 digits)"),
			desk_t(rq, "Tên", "Name"), desk_t(rq, "Thêm", "Add"));
	}
	desk_page_foot(out);
	desk_page_close(rs, out);
	if (rs->status == 200)
		rs->status = status;
}

void desk_districts_get(struct desk_req *rq, struct desk_resp *rs)
{
	page(rq, rs, 200, NULL, NULL, NULL);
}

static int code_valid(const char *code)
{
	if (!code || strlen(code) != 3)
		return 0;
	for (int i = 0; i < 3; i++)
		if (code[i] < '0' || code[i] > '9')
			return 0;
	return 1;
}

/* "" → -1 (clear); else 0–1000; 0 when not a share. */
static int parse_share(const char *s, long long *out)
{
	if (!s || !*s) {
		*out = -1;
		return 1;
	}
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*end || v < 0 || v > 1000 || strlen(s) > 4)
		return 0;
	*out = v;
	return 1;
}

/* The page again with a 400 and what was wrong with the form. */
static void refuse(struct desk_req *rq, struct desk_resp *rs, const char *vi,
		   const char *en)
{
	page(rq, rs, 400, NULL, NULL, desk_t(rq, vi, en));
}

void desk_districts_post(struct desk_req *rq, struct desk_resp *rs)
{
	const char *action = desk_form_get(&rq->form, "action");
	const char *code = desk_form_get(&rq->form, "code");
	const char *name = desk_form_get(&rq->form, "name");
	if (!action || !code_valid(code)) {
		refuse(rq, rs, "Mã huyện phải gồm 3 chữ số.",
		       "A district code is 3 digits.");
		return;
	}
	int add = !strcmp(action, "add"), rotate = !strcmp(action, "rotate");
	int revoke = !strcmp(action, "revoke");
	int targets = !strcmp(action, "targets");
	long long t2 = -1, t3 = -1;
	if (add && (!name || !*name || strlen(name) > 100)) {
		refuse(rq, rs, "Cần tên huyện (tối đa 100 byte).",
		       "A name is needed (100 bytes at most).");
		return;
	}
	if (targets &&
	    (!parse_share(desk_form_get(&rq->form, "t2"), &t2) ||
	     !parse_share(desk_form_get(&rq->form, "t3"), &t3))) {
		refuse(rq, rs, "Chỉ tiêu là số nguyên từ 0 đến 1000.",
		       "A share is a whole number 0 to 1000.");
		return;
	}
	if (!add && !rotate && !revoke && !targets) {
		refuse(rq, rs, "Sai thao tác.", "Unknown action.");
		return;
	}
	char token[65] = "", hash[65];
	struct sx_error err = {0};
	if ((add || rotate) && token_new(token, &err) != SX_OK) {
		page(rq, rs, 500, NULL, NULL, err.msg);
		return;
	}
	token_sha256_hex(token, 64, hash);
	enum sx_err rc = store_begin(rq->st, &err);
	if (rc == SX_OK) {
		rc = add ? store_district_add(rq->st, code, name, hash, &err)
			: rotate
			? store_district_rotate(rq->st, code, hash, &err)
			: revoke ? store_district_revoke(rq->st, code, &err)
				 : store_district_set_targets(rq->st, code, t2,
							      t3, &err);
		rc = store_end(rq->st, rc, &err);
	}
	if (rc != SX_OK) {
		int status = rc == SX_CONFLICT ? 409
			: rc == SX_NOTFOUND    ? 404
					       : 500;
		page(rq, rs, status, NULL, NULL,
		     desk_t(rq, err.msg_vi[0] ? err.msg_vi : err.msg, err.msg));
		memset(token, 0, sizeof token);
		return;
	}
	snprintf(rs->note, sizeof rs->note, "district %s %s by=%s", code,
		 action, rq->who.user);
	page(rq, rs, 200, add || rotate ? token : NULL, code, NULL);
	memset(token, 0, sizeof token);
}

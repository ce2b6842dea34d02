/* desk_users.c — /desk/users (admins): the desk's accounts.  Add one
 * (with a password typed, or one generated and shown once), set a new
 * password (the same), disable one.  A new password or a disable ends the
 * account's sessions.  Passwords are hashed with argon2id and never kept,
 * logged or shown again.
 */
#include <string.h>
#include "desk.h"

struct page {
	FILE *out;
	const struct desk_req *rq;
};

static void row(const struct store_user *u, void *arg)
{
	struct page *p = arg;
	FILE *out = p->out;
	const struct desk_req *rq = p->rq;
	fputs("<tr><td>", out);
	desk_esc(out, u->name);
	fputs("</td><td>", out);
	desk_esc(out, u->role);
	fprintf(out, "</td><td>%s</td><td>",
		u->disabled_at[0] ? desk_t(rq, "đã khóa", "disabled")
				  : desk_t(rq, "đang dùng", "active"));
	fputs("<form method=\"post\" action=\"/desk/users\" class=\"inline\">",
	      out);
	desk_csrf_field(out, rq);
	fputs("<input type=\"hidden\" name=\"name\" value=\"", out);
	desk_esc(out, u->name);
	fprintf(out, "\"><button name=\"action\" value=\"passwd\">%s</button>",
		desk_t(rq, "Cấp mật khẩu mới", "New password"));
	if (!u->disabled_at[0])
		fprintf(out,
			" <button name=\"action\" value=\"disable\">%s"
			"</button>",
			desk_t(rq, "Khóa", "Disable"));
	fputs("</form></td></tr>\n", out);
}

static void page(struct desk_req *rq, struct desk_resp *rs, int status,
		 const char *password, const char *for_user, const char *msg)
{
	FILE *out = desk_page_begin(rq, rs, desk_t(rq, "Tài khoản", "Users"),
				    msg);
	if (!out)
		return;
	if (password)
		desk_page_secret(out, desk_t(rq, "Mật khẩu của",
					     "Password of"),
				 for_user,
				 desk_t(rq, "chỉ hiện một lần", "shown once"),
				 password);
	fprintf(out,
		"<div class=\"scroll\"><table class=\"grid\"><tr>"
		"<th>%s</th><th>%s</th><th>%s</th><th></th></tr>\n",
		desk_t(rq, "Tài khoản", "User"), desk_t(rq, "Vai trò", "Role"),
		desk_t(rq, "Tình trạng", "State"));
	struct page p = {out, rq};
	struct sx_error err = {0};
	if (store_begin(rq->st, &err) == SX_OK) {
		store_user_each(rq->st, row, &p, &err);
		store_rollback(rq->st);
	}
	fputs("</table></div>\n", out);
	fprintf(out,
		"<form method=\"post\" action=\"/desk/users\"><fieldset>"
		"<legend>%s</legend>",
		desk_t(rq, "Thêm tài khoản", "Add a user"));
	desk_csrf_field(out, rq);
	fprintf(out,
		"<label>%s<br><input type=\"text\" name=\"name\""
		" maxlength=\"32\" required pattern=\"[a-z0-9._\\-]+\"></label>"
		"<label>%s<br><select name=\"role\"><option>viewer</option>"
		"<option>reviewer</option><option>admin</option></select>"
		"</label><label>%s<br><input type=\"password\""
		" name=\"password\" autocomplete=\"new-password\"></label>"
		"<button name=\"action\" value=\"add\">%s</button>"
		"</fieldset></form>\n",
		desk_t(rq, "Tên (a-z 0-9 . _ -)", "Name (a-z 0-9 . _ -)"),
		desk_t(rq, "Vai trò", "Role"),
		desk_t(rq, "Mật khẩu (để trống: tạo ngẫu nhiên)",
		       "Password (empty: a random one)"),
		desk_t(rq, "Thêm", "Add"));
	desk_page_foot(out);
	desk_page_close(rs, out);
	if (rs->status == 200)
		rs->status = status;
}

void desk_users_get(struct desk_req *rq, struct desk_resp *rs)
{
	page(rq, rs, 200, NULL, NULL, NULL);
}

void desk_users_post(struct desk_req *rq, struct desk_resp *rs)
{
	const char *action = desk_form_get(&rq->form, "action");
	const char *name = desk_form_get(&rq->form, "name");
	const char *role = desk_form_get(&rq->form, "role");
	const char *typed = desk_form_get(&rq->form, "password");
	int add = action && !strcmp(action, "add");
	int passwd = action && !strcmp(action, "passwd");
	int disable = action && !strcmp(action, "disable");
	if (!desk_user_name_valid(name) || !(add || passwd || disable)) {
		page(rq, rs, 400, NULL, NULL,
		     desk_t(rq,
			    "Tên tài khoản gồm 1–32"
			    " ký tự a-z 0-9 . _ -",
			    "A user name is 1–32 of"
			    " a-z 0-9 . _ -"));
		return;
	}
	if (add && desk_role_parse(role) == DESK_NONE) {
		page(rq, rs, 400, NULL, NULL,
		     desk_t(rq,
			    "Vai trò là viewer,"
			    " reviewer hoặc admin.",
			    "A role is viewer, reviewer"
			    " or admin."));
		return;
	}
	if (typed && (strlen(typed) > 1024 || (*typed && strlen(typed) < 8))) {
		page(rq, rs, 400, NULL, NULL,
		     desk_t(rq,
			    "Mật khẩu từ 8 đến"
			    " 1024 byte.",
			    "A password is 8 to 1024 bytes."));
		return;
	}
	char generated[17] = "", hash[128] = "";
	const char *password = typed && *typed ? typed : NULL;
	struct sx_error err = {0};
	if (add || passwd) {
		if (!password) {
			desk_pass_generate(generated);
			password = generated;
		}
		if (desk_pass_hash(password, hash, &err) != SX_OK) {
			page(rq, rs, 500, NULL, NULL, err.msg);
			return;
		}
	}
	enum sx_err rc = store_begin(rq->st, &err);
	if (rc == SX_OK) {
		rc = add ? store_user_add(rq->st, name, role, hash, &err)
			: passwd
			? store_user_set_password(rq->st, name, hash, &err)
			: store_user_disable(rq->st, name, &err);
		rc = store_end(rq->st, rc, &err);
	}
	if (rc != SX_OK) {
		int status = rc == SX_CONFLICT ? 409
			: rc == SX_NOTFOUND    ? 404
					       : 500;
		page(rq, rs, status, NULL, NULL,
		     desk_t(rq, err.msg_vi[0] ? err.msg_vi : err.msg, err.msg));
		return;
	}
	snprintf(rs->note, sizeof rs->note, "user %s %s by=%s", name, action,
		 rq->who.user);
	page(rq, rs, 200, generated[0] ? generated : NULL, name, NULL);
	memset(generated, 0, sizeof generated);
}

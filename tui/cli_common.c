/* cli_common.c — what every command shares: its options, opening the
 * database, printing errors in the chosen language. */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "i18n.h"
#include "sxsh/db.h"

const char *cli_msg(const struct cmdline_app *ctx, const char *vi, const char *en)
{
	return ctx->lang && !strcmp(ctx->lang, "en") ? en : vi;
}

int cli_fail(const struct cmdline_app *ctx, const struct sx_error *err)
{
	const char *msg = cli_msg(ctx, err->msg_vi[0] ? err->msg_vi : err->msg,
				  err->msg);
	fprintf(stderr, "sxsh: %s\n", msg);
	return sx_exit_status(err->code);
}

int cli_open_db(const struct cmdline_app *ctx, int must_exist, struct sx_db **out)
{
	struct sx_error err = {0};
	enum sx_err e;

	if (!must_exist) {
		e = sx_db_make_parent_dir(ctx->db_path, &err);
		if (e != SX_OK)
			return cli_fail(ctx, &err);
	}
	e = sx_db_open(ctx->db_path, must_exist ? SX_OPEN_NOCREATE : 0, out,
		       &err);
	if (e == SX_NOTFOUND) {
		fprintf(stderr, "sxsh: %s %s\n",
			cli_msg(ctx, "chưa có tệp dữ liệu; hãy chạy "
				"\"sxsh init --district MÃ\" —",
				"no database yet; run "
				"\"sxsh init --district CODE\" —"),
			ctx->db_path);
		return 5;
	}
	if (e != SX_OK)
		return cli_fail(ctx, &err);
	if (sx_db_new_identity(*out)) {
		fprintf(stderr, "sxsh: %s\n", cli_msg(ctx,
			"tệp dữ liệu này là một bản sao (khôi phục từ bản sao "
			"lưu hoặc chép từ máy khác) nên đã nhận mã máy mới: "
			"tỉnh coi đây là một máy mới của huyện, và sửa đổi "
			"trùng với máy kia sẽ hiện là xung đột (sxsh sync "
			"--conflicts).",
			"this database is a copy (restored from a backup or "
			"copied from another PC), so it got a new client id: "
			"the province sees it as a new PC of the district, "
			"and edits that clash with the other PC show as "
			"conflicts (sxsh sync --conflicts)."));
		sx_db_identity_told(*out);
	}
	return 0;
}

const char *cli_opt(const struct cmdline_app *ctx, const char *name)
{
	return cmdline_value(ctx->args, name);
}

int cli_flag(const struct cmdline_app *ctx, const char *name)
{
	return cmdline_flag(ctx->args, name);
}

const char *cli_arg(const struct cmdline_app *ctx, int n)
{
	return cmdline_arg(ctx->args, n);
}

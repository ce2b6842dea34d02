/* cli_common.c — what every command shares: its options, opening the
 * database, printing errors in the chosen language. */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "i18n.h"
#include "sxsh/db.h"

int cli_fail(const struct cmdline_app *ctx, const struct sx_error *err)
{
	(void)ctx; /* the language is i18n.c's, set by main.c */
	fprintf(stderr, "sxsh: %s\n", tr_err(err));
	return sx_exit_status(err->code);
}

int cli_open_db(const struct cmdline_app *ctx, int must_exist,
		struct sx_db **out)
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
			tr(M_CLI_NO_DATABASE_YET_RUN),
			ctx->db_path);
		return 5;
	}
	if (e != SX_OK)
		return cli_fail(ctx, &err);
	if (sx_db_new_identity(*out)) {
		fprintf(stderr, "sxsh: %s\n", tr(M_CLI_THIS_DATABASE_IS_A));
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

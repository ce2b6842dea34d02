/* cli_common.c — what every command shares: option look-up, opening the
 * database, printing errors in the chosen language. */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "i18n.h"
#include "sxsh/db.h"

const char *cli_msg(const struct cli_ctx *ctx, const char *vi, const char *en)
{
	return ctx->lang && !strcmp(ctx->lang, "en") ? en : vi;
}

int cli_fail(const struct cli_ctx *ctx, const struct sx_error *err)
{
	const char *msg = cli_msg(ctx, err->msg_vi[0] ? err->msg_vi : err->msg,
				  err->msg);
	fprintf(stderr, "sxsh: %s\n", msg);
	return sx_exit_status(err->code);
}

int cli_open_db(const struct cli_ctx *ctx, int must_exist, struct sx_db **out)
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
	return 0;
}

static const char *opt_value(const struct cli_ctx *ctx, const char *name,
			     int *index)
{
	size_t n = strlen(name);

	for (int i = 0; i < ctx->argc; i++) {
		const char *a = ctx->argv[i];
		if (a[0] != '-' || a[1] != '-' || strncmp(a + 2, name, n))
			continue;
		if (a[2 + n] == '=') {
			*index = i;
			return a + 3 + n;
		}
		if (a[2 + n] == '\0') {
			*index = i;
			return i + 1 < ctx->argc ? ctx->argv[i + 1] : "";
		}
	}
	return NULL;
}

const char *cli_opt(const struct cli_ctx *ctx, const char *name)
{
	int i;
	const char *v = opt_value(ctx, name, &i);
	/* "-o FILE" is the one short option. */
	if (!v && !strcmp(name, "o")) {
		for (int j = 0; j + 1 < ctx->argc; j++)
			if (!strcmp(ctx->argv[j], "-o"))
				return ctx->argv[j + 1];
	}
	return v;
}

int cli_flag(const struct cli_ctx *ctx, const char *name)
{
	int i;
	return opt_value(ctx, name, &i) != NULL;
}

const char *cli_positional(const struct cli_ctx *ctx, int n,
			   const char *const *with_value)
{
	int seen = 0;

	for (int i = 0; i < ctx->argc; i++) {
		const char *a = ctx->argv[i];
		if (a[0] == '-' && a[1]) {
			if (strchr(a, '=') || !with_value)
				continue;
			if (!strcmp(a, "-o")) {
				i++;
				continue;
			}
			for (int k = 0; with_value[k]; k++)
				if (a[1] == '-' && !strcmp(a + 2,
							   with_value[k])) {
					i++;
					break;
				}
			continue;
		}
		if (seen++ == n)
			return a;
	}
	return NULL;
}

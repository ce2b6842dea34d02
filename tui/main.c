/* main.c — the sxsh program: argv parsed against the command tables
 * (cli_table.c), the global options, then either a command of the
 * scriptable CLI or the terminal UI.  The one place that sees tui, sync and
 * core together. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "i18n.h"
#include "tui.h"
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sxsh/autobackup.h"
#include "sxsh/db.h"
#include "sxsh/settings.h"

/* Prints the usage of the command the parse reached: the whole list for
 * the program itself, with a title and the exit statuses. */
static void usage(FILE *out, const struct cmdline_args *args, int with_help)
{
	char *text = cmdline_usage(args->path, args->depth, with_help,
				   tr_pick);
	int whole = args->depth == 1;

	if (whole && with_help) {
		fprintf(out, tr(M_CLI_TITLE), SXSH_VERSION);
		fputs("\n\n", out);
	}
	fprintf(out, "%s\n%s", tr(M_CLI_USAGE), text ? text : "");
	if (whole)
		fprintf(out, "\n%s\n", tr(M_CLI_FOOTER));
	free(text);
}

/* A UTF-8 locale is needed for wide-character input and output; C.UTF-8 is
 * built into glibc, so fall back to it rather than refuse. */
static void ensure_utf8_locale(void)
{
	const char *cs;

	setlocale(LC_ALL, "");
	cs = setlocale(LC_CTYPE, NULL);
	if (!cs || (!strstr(cs, "UTF-8") && !strstr(cs, "utf8") &&
		    !strstr(cs, "UTF8") && !strstr(cs, "utf-8")))
		setlocale(LC_CTYPE, "C.UTF-8");
}

/* The automatic daily backup, taken beside the interface rather than
 * before it: copying a large file took seconds before the first paint.
 * A grandchild does it (the child exits at once, so nothing is left to
 * reap) on its own connection, opened after the fork.  It cannot print
 * under curses, so a failure is kept in the setting autobackup_error,
 * which `sxsh status` shows. */
static void daily_backup(const char *db_path)
{
	struct stat sb;
	pid_t child;

	if (stat(db_path, &sb) != 0)
		return; /* first run: nothing to keep yet */
	child = fork();
	if (child < 0)
		return;
	if (child > 0) {
		waitpid(child, NULL, 0);
		return;
	}
	if (fork() == 0) {
		struct sx_db *db = NULL;
		struct sx_error err = {0};
		if (sx_db_open(db_path, SX_OPEN_NOCREATE, &db, &err) == SX_OK) {
			if (sx_db_district_code(db)[0]) {
				enum sx_err e = autobackup_run(db, NULL, NULL,
							       0, &err);
				settings_set(db, "autobackup_error",
					     e == SX_OK ? NULL
					     : err.msg_vi[0] ? err.msg_vi
							     : err.msg,
					     NULL);
			}
			sx_db_close(db);
		}
	}
	_exit(0);
}

int cli_tui(struct cmdline_app *ctx)
{
	daily_backup(ctx->db_path);
	return tui_run(ctx->db_path, ctx->lang_given ? ctx->lang : NULL);
}

int main(int argc, char **argv)
{
	static char default_db[4096];
	struct cmdline_app ctx = {0};
	struct cmdline_args args;
	enum cmdline_result parsed;
	const char *env_lang = getenv("SXSH_LANG");

	ensure_utf8_locale();
	parsed = cmdline_parse(&cli_root, argc, argv, &args);
	ctx.args = &args;
	ctx.lang = cmdline_global(&args, "lang");
	ctx.lang_given = ctx.lang || env_lang;
	if (!ctx.lang)
		ctx.lang = env_lang ? env_lang : "vi";
	if (strcmp(ctx.lang, "vi") && strcmp(ctx.lang, "en")) {
		ctx.lang = "vi";
		i18n_set_lang(ctx.lang);
		fprintf(stderr, "sxsh: %s\n", tr(M_CLI_BAD_LANG));
		return 1;
	}
	i18n_set_lang(ctx.lang);
	if (parsed == CMDLINE_USAGE) {
		fprintf(stderr, "sxsh: %s\n", tr_err(&args.error));
		usage(stderr, &args, 0);
		return 1;
	}
	if (parsed == CMDLINE_HELP) {
		usage(stdout, &args, 1);
		return 0;
	}
	if (cmdline_global(&args, "version")) {
		printf("sxsh %s\n", SXSH_VERSION);
		return 0;
	}
	ctx.db_path = cmdline_global(&args, "db");
	if (!ctx.db_path) {
		if (sx_db_default_path(default_db, sizeof default_db)) {
			fprintf(stderr, "sxsh: %s\n", tr(M_CLI_NO_DB_PATH));
			return 1;
		}
		ctx.db_path = default_db;
	}
	return cmdline_command(&args)->run(&ctx);
}

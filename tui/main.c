/* main.c — the sxsh program: global options, then either a command of the
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

struct command {
	const char *name;
	int (*run)(struct cli_ctx *ctx);
	const char *usage;
};

static const struct command commands[] = {
	{"init", cli_init, "init --district CODE [--operator NAME]"},
	{"search", cli_search, "search TEXT [--kind facility|person|event]"},
	{"status", cli_status, "status"},
	{"check", cli_check, "check"},
	{"backup", cli_backup, "backup FILE"},
	{"restore", cli_restore, "restore FILE"},
	{"import", cli_import,
	 "import KIND FILE [--encoding auto|utf-8|cp1258|tcvn3|vni]"
	 " [--dry-run] [--skip-invalid] [--on-duplicate update|skip]"},
	{"export", cli_export,
	 "export KIND [--format csv|json] [-o FILE] [--excel] [--template]"},
	{"report", cli_report,
	 "report build|finalise|submit|list|show|narrative --period P"
	 " [--format json|text|csv|html]"},
	{"sync", cli_sync,
	 "sync [--once] [--conflicts] [--resolve ID keep-mine|take-theirs]"
	 " [--drop ID] [--log]"},
	{"config", cli_config, "config show | config set KEY VALUE"},
};

static void usage(FILE *out)
{
	fprintf(out,
		"sxsh %s — cleaner production in industry (SXSH), district "
		"records\n\n"
		"usage: sxsh [--db PATH] [--lang vi|en] [COMMAND ...]\n"
		"       without a command: the terminal interface\n\n"
		"commands:\n", SXSH_VERSION);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  sxsh %s\n", commands[i].usage);
	fprintf(out,
		"\nKIND: facilities, people, events, assessments, solutions, "
		"consumption\n"
		"database: --db PATH, else $SXSH_DB, else "
		"$XDG_DATA_HOME/sxsh/sxsh.db\n"
		"exit status: 0 ok, 1 usage, 2 invalid input, 3 network, "
		"4 refused, 5 storage\n");
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

int main(int argc, char **argv)
{
	static char default_db[4096];
	struct cli_ctx ctx = {0};
	int i = 1, lang_given;

	ensure_utf8_locale();
	ctx.lang = getenv("SXSH_LANG") ? getenv("SXSH_LANG") : "vi";
	lang_given = getenv("SXSH_LANG") != NULL;
	ctx.db_path = NULL;
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "--version")) {
			printf("sxsh %s\n", SXSH_VERSION);
			return 0;
		} else if (!strcmp(a, "--db") && i + 1 < argc) {
			ctx.db_path = argv[++i];
		} else if (!strncmp(a, "--db=", 5)) {
			ctx.db_path = a + 5;
		} else if (!strcmp(a, "--lang") && i + 1 < argc) {
			ctx.lang = argv[++i];
			lang_given = 1;
		} else if (!strncmp(a, "--lang=", 7)) {
			ctx.lang = a + 7;
			lang_given = 1;
		} else if (a[0] == '-') {
			fprintf(stderr, "sxsh: unknown option %s\n", a);
			usage(stderr);
			return 1;
		} else {
			break;
		}
	}
	if (strcmp(ctx.lang, "vi") && strcmp(ctx.lang, "en")) {
		fprintf(stderr, "sxsh: --lang must be vi or en\n");
		return 1;
	}
	i18n_set_lang(ctx.lang);
	if (!ctx.db_path) {
		if (sx_db_default_path(default_db, sizeof default_db)) {
			fprintf(stderr, "sxsh: no database path: set --db or "
				"SXSH_DB\n");
			return 1;
		}
		ctx.db_path = default_db;
	}
	if (i >= argc) {
		daily_backup(ctx.db_path);
		return tui_run(ctx.db_path, lang_given ? ctx.lang : NULL);
	}
	for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++) {
		if (!strcmp(argv[i], commands[c].name)) {
			ctx.argc = argc - i - 1;
			ctx.argv = argv + i + 1;
			if (cli_flag(&ctx, "help")) {
				printf("usage: sxsh %s\n", commands[c].usage);
				return 0;
			}
			return commands[c].run(&ctx);
		}
	}
	fprintf(stderr, "sxsh: unknown command %s\n", argv[i]);
	usage(stderr);
	return 1;
}

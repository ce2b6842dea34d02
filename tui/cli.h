/* cli.h — the scriptable command line.  cli_table.c declares every
 * command and its options for core's cmdline toolkit (cmdline.h); main.c
 * parses argv against it, handles the global options (--db, --lang,
 * --help, --version) and runs the command found, one of these functions,
 * each in its tui/cli_*.c file.  A command reads its options and arguments
 * from ctx->args: it sees only what its table row declares.
 *
 * A command returns the process exit status of DESIGN.md: 0 success,
 * 1 usage, 2 invalid input (nothing written), 3 network or server
 * unavailable, 4 refused, 5 local storage error.  Commands print results
 * on stdout and problems on stderr, in the language main.c chose: every
 * word comes from the i18n table (i18n_cli.h) through tr(), or from core
 * as a pair through tr_pick()/tr_err().
 */
#ifndef SXSH_TUI_CLI_H
#define SXSH_TUI_CLI_H

#include <stdio.h>
#include "sxsh/cmdline.h"
#include "sxsh/err.h"

struct sx_db;

/* What every command receives (cmdline.h leaves its content to us). */
struct cmdline_app {
	const struct cmdline_args *args; /* the parse of argv */
	const char *db_path; /* resolved: --db, $SXSH_DB or the default */
	const char *lang;    /* "vi" or "en" */
	int lang_given;      /* by --lang or $SXSH_LANG, not the default */
};

/* Opens ctx->db_path (creating it unless must_exist) and reports a
 * failure on stderr.  Returns the exit status (0 on success). */
int cli_open_db(const struct cmdline_app *ctx, int must_exist,
		struct sx_db **out);

/* Prints err on stderr in ctx->lang and returns its exit status. */
int cli_fail(const struct cmdline_app *ctx, const struct sx_error *err);


/* The value of the command's option name (cmdline_value), or NULL. */
const char *cli_opt(const struct cmdline_app *ctx, const char *name);
/* 1 if the flag "--name" was given. */
int cli_flag(const struct cmdline_app *ctx, const char *name);
/* The n-th argument of the command, or NULL. */
const char *cli_arg(const struct cmdline_app *ctx, int n);

/* cli_table.c: the root of the command tables ("sxsh"). */
extern const struct cmdline_cmd cli_root;
/* main.c: sxsh without a command, the terminal interface. */
int cli_tui(struct cmdline_app *ctx);

/* cli_core.c */
int cli_init(struct cmdline_app *ctx);
int cli_search(struct cmdline_app *ctx);
int cli_status(struct cmdline_app *ctx);
int cli_check(struct cmdline_app *ctx);
int cli_backup(struct cmdline_app *ctx);
/* cli_import.c */
int cli_import(struct cmdline_app *ctx);
int cli_export(struct cmdline_app *ctx);
int cli_restore(struct cmdline_app *ctx);
/* cli_report.c: report build|check|diff|finalise|submit|list|show|
 * narrative */
int cli_report_build(struct cmdline_app *ctx);
int cli_report_check_cmd(struct cmdline_app *ctx);
int cli_report_diff_cmd(struct cmdline_app *ctx);
int cli_report_finalise(struct cmdline_app *ctx);
int cli_report_submit(struct cmdline_app *ctx);
int cli_report_list(struct cmdline_app *ctx);
int cli_report_show(struct cmdline_app *ctx);
int cli_report_narrative(struct cmdline_app *ctx);
/* cli_report_check.c: `report check`, and finalise's check first (exit
 * status, 0 when finalising may go on) */
struct sx_check;
int cli_report_check(const struct cmdline_app *ctx, struct sx_db *db,
		     const char *period);
int cli_report_check_before_finalise(const struct cmdline_app *ctx,
				     struct sx_db *db, const char *period);
void cli_report_print_findings(const struct sx_check *c, FILE *out);
/* cli_report_diff.c: `report diff` */
int cli_report_diff(const struct cmdline_app *ctx, struct sx_db *db,
		    const char *period);
/* cli_sync.c — main.c links it; sync/ does the work */
int cli_sync(struct cmdline_app *ctx);
int cli_config_show(struct cmdline_app *ctx);
int cli_config_set(struct cmdline_app *ctx);

#endif

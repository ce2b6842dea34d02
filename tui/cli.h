/* cli.h — the scriptable command line.  main.c parses the global options
 * (--db, --lang, --help, --version) and dispatches the first word to one
 * of these; each lives in its own tui/cli_*.c file.
 *
 * A command returns the process exit status of DESIGN.md: 0 success,
 * 1 usage, 2 invalid input (nothing written), 3 network or server
 * unavailable, 4 refused, 5 local storage error.  Commands print results
 * on stdout and problems on stderr, in the language of ctx->lang.
 */
#ifndef SXSH_TUI_CLI_H
#define SXSH_TUI_CLI_H

#include <stdio.h>
#include "sxsh/err.h"

struct sx_db;

struct cli_ctx {
	int argc;            /* arguments after the command word */
	char **argv;
	const char *db_path; /* resolved: --db, $SXSH_DB or the default */
	const char *lang;    /* "vi" or "en" */
};

/* Opens ctx->db_path (creating it unless must_exist) and reports a
 * failure on stderr.  Returns the exit status (0 on success). */
int cli_open_db(const struct cli_ctx *ctx, int must_exist,
		struct sx_db **out);

/* Prints err on stderr in ctx->lang and returns its exit status. */
int cli_fail(const struct cli_ctx *ctx, const struct sx_error *err);

/* Picks the Vietnamese or English text by ctx->lang. */
const char *cli_msg(const struct cli_ctx *ctx, const char *vi,
		    const char *en);

/* Value of "--name VALUE" or "--name=VALUE" in ctx->argv, or NULL. */
const char *cli_opt(const struct cli_ctx *ctx, const char *name);
/* 1 if the flag "--name" is present. */
int cli_flag(const struct cli_ctx *ctx, const char *name);
/* The n-th argument that is neither an option nor an option's value
 * (options listed in with_value take one). NULL if absent. */
const char *cli_positional(const struct cli_ctx *ctx, int n,
			   const char *const *with_value);

/* cli_core.c */
int cli_init(struct cli_ctx *ctx);
int cli_search(struct cli_ctx *ctx);
int cli_status(struct cli_ctx *ctx);
int cli_check(struct cli_ctx *ctx);
int cli_backup(struct cli_ctx *ctx);
/* cli_import.c */
int cli_import(struct cli_ctx *ctx);
int cli_export(struct cli_ctx *ctx);
int cli_restore(struct cli_ctx *ctx);
/* cli_report.c */
int cli_report(struct cli_ctx *ctx);
/* cli_report_check.c: `report check`, and finalise's check first (exit
 * status, 0 when finalising may go on) */
struct sx_check;
int cli_report_check(const struct cli_ctx *ctx, struct sx_db *db,
		     const char *period);
int cli_report_check_before_finalise(const struct cli_ctx *ctx,
				     struct sx_db *db, const char *period);
void cli_report_print_findings(const struct cli_ctx *ctx,
			       const struct sx_check *c, FILE *out);
/* cli_report_diff.c: `report diff` */
int cli_report_diff(const struct cli_ctx *ctx, struct sx_db *db,
		    const char *period);
/* cli_sync.c — main.c links it; sync/ does the work */
int cli_sync(struct cli_ctx *ctx);
int cli_config(struct cli_ctx *ctx);

#endif

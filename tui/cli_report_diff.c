/* cli_report_diff.c — `sxsh report diff --period P [--from N] [--to M]`:
 * the indicators, figures and narrative lines that changed between two
 * revisions, or between a revision and the draft (--to draft).  Without
 * --from and --to: the latest revision against the draft when the draft
 * has changed since, else the last two revisions (report_diff.h).
 *
 * Exit status: 0 (also when nothing changed), 1 for a malformed option,
 * otherwise that of the error (no revision: 2).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "i18n.h"
#include "sxsh/report_diff.h"

/* --from/--to: a revision number, or "draft"/"nháp" for --to.  -1 when
 * absent; -2 when malformed (message printed). */
static int revision_opt(const struct cmdline_app *ctx, const char *name,
			int draft_ok)
{
	const char *v = cli_opt(ctx, name);
	char *end;
	long n;

	if (!v)
		return -1;
	if (draft_ok && (!strcmp(v, "draft") || !strcmp(v, "nháp")))
		return SX_REPORT_DRAFT;
	n = strtol(v, &end, 10);
	if (!*v || *end || n < 1 || n > 100000) {
		fprintf(stderr, "sxsh: --%s %s\n", name,
			tr(draft_ok ? M_CLI_DIFF_BAD_TO : M_CLI_DIFF_BAD_FROM));
		return -2;
	}
	return (int)n;
}

int cli_report_diff(const struct cmdline_app *ctx, struct sx_db *db,
		    const char *period)
{
	struct sx_error err = {0};
	int from = revision_opt(ctx, "from", 0), to, rc;
	char *out = NULL;

	if (from == -2)
		return 1;
	to = revision_opt(ctx, "to", 1);
	if (to == -2)
		return 1;
	if (report_diff_pick(db, period, &from, &to, &err) ||
	    report_diff(db, period, from, to, ctx->lang, &out, NULL, &err))
		return cli_fail(ctx, &err);
	rc = fputs(out, stdout) < 0 || fflush(stdout) ? 5 : 0;
	free(out);
	return rc;
}

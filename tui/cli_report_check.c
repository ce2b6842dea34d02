/* cli_report_check.c — `sxsh report check --period P [--format text|json]`
 * and the check that `report finalise` runs first.
 *
 * Exit status: 0 when nothing blocks (warnings may be listed), 2 when a
 * finding blocks.  finalise refuses (2, nothing written) on a blocking
 * finding, and on warnings unless --accept-warnings is given.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "i18n.h"
#include "sxsh/report_check.h"

/* At most this many uuids per finding in text; JSON lists them all. */
#define TEXT_RECORDS 10

static const char *severity_word(enum sx_severity sev)
{
	return sev == SX_SEVERITY_BLOCK ? tr(M_CLI_BLOCK)
					: tr(M_CLI_WARNING);
}

void cli_report_print_findings(const struct sx_check *c, FILE *out)
{
	for (int i = 0; i < c->n; i++) {
		const struct sx_finding *f = &c->items[i];
		fprintf(out, "%s [%s] %s\n", severity_word(f->severity),
			f->code, tr_pick(f->msg_vi, f->msg_en));
		for (int r = 0; r < f->nrecords && r < TEXT_RECORDS; r++)
			fprintf(out, "    %s %s\n", f->kind, f->records[r]);
		if (f->nrecords > TEXT_RECORDS)
			fprintf(out, "    … %s %d %s\n",
				tr(M_CLI_AND),
				f->nrecords - TEXT_RECORDS,
				tr(M_CLI_MORE_SEE_FORMAT_JSON));
	}
}

int cli_report_check(const struct cmdline_app *ctx, struct sx_db *db,
		     const char *period)
{
	const char *format = cli_opt(ctx, "format");
	struct sx_check check = {0};
	struct sx_error err = {0};
	int blocks;

	if (format && strcmp(format, "text") && strcmp(format, "json")) {
		fprintf(stderr, "sxsh: %s\n", tr(M_CLI_REPORT_CHECK_FORMAT_IS));
		return 2;
	}
	if (report_check(db, period, &check, &err))
		return cli_fail(ctx, &err);
	blocks = report_check_count(&check, SX_SEVERITY_BLOCK);
	if (format && !strcmp(format, "json")) {
		char *json = NULL;
		if (report_check_json(&check, ctx->lang, &json, &err)) {
			report_check_release(&check);
			return cli_fail(ctx, &err);
		}
		printf("%s\n", json);
		free(json);
	} else if (check.n == 0) {
		printf("%s %s\n", tr(M_CLI_NOTHING_TO_REVIEW_PERIOD),
		       period);
	} else {
		cli_report_print_findings(&check, stdout);
		printf("%s: %d, %s: %d\n", tr(M_CLI_BLOCKING),
		       blocks, tr(M_CLI_WARNINGS),
		       report_check_count(&check, SX_SEVERITY_WARN));
	}
	report_check_release(&check);
	return blocks ? 2 : 0;
}

int cli_report_check_before_finalise(const struct cmdline_app *ctx,
				     struct sx_db *db, const char *period)
{
	struct sx_check check = {0};
	struct sx_error err = {0};
	int rc = 0;

	if (report_check(db, period, &check, &err))
		return cli_fail(ctx, &err);
	if (report_check_count(&check, SX_SEVERITY_BLOCK)) {
		cli_report_print_findings(&check, stderr);
		fprintf(stderr, "sxsh: %s\n",
			tr(M_CLI_NOT_FINALISED_A_FINDING));
		rc = 2;
	} else if (check.n && !cli_flag(ctx, "accept-warnings")) {
		cli_report_print_findings(&check, stderr);
		fprintf(stderr, "sxsh: %s\n",
			tr(M_CLI_NOT_FINALISED_REVIEW_THE));
		rc = 2;
	}
	report_check_release(&check);
	return rc;
}

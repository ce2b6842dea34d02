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
#include "sxsh/report_check.h"

/* At most this many uuids per finding in text; JSON lists them all. */
#define TEXT_RECORDS 10

static const char *severity_word(const struct cmdline_app *ctx,
				 enum sx_severity sev)
{
	return sev == SX_SEVERITY_BLOCK ? cli_msg(ctx, "CHẶN", "BLOCK")
					: cli_msg(ctx, "CẢNH BÁO", "WARNING");
}

void cli_report_print_findings(const struct cmdline_app *ctx,
			       const struct sx_check *c, FILE *out)
{
	int en = !strcmp(ctx->lang, "en");

	for (int i = 0; i < c->n; i++) {
		const struct sx_finding *f = &c->items[i];
		fprintf(out, "%s [%s] %s\n", severity_word(ctx, f->severity),
			f->code, en || !f->msg_vi[0] ? f->msg_en : f->msg_vi);
		for (int r = 0; r < f->nrecords && r < TEXT_RECORDS; r++)
			fprintf(out, "    %s %s\n", f->kind, f->records[r]);
		if (f->nrecords > TEXT_RECORDS)
			fprintf(out, "    … %s %d %s\n",
				cli_msg(ctx, "và", "and"),
				f->nrecords - TEXT_RECORDS,
				cli_msg(ctx, "bản ghi nữa (xem --format json)",
					"more (see --format json)"));
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
		fprintf(stderr, "sxsh: %s\n", cli_msg(ctx,
			"report check: --format là text hoặc json",
			"report check: --format is text or json"));
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
		printf("%s %s\n", cli_msg(ctx, "Không có gì cần xem lại: kỳ",
					  "Nothing to review: period"),
		       period);
	} else {
		cli_report_print_findings(ctx, &check, stdout);
		printf("%s: %d, %s: %d\n", cli_msg(ctx, "Chặn", "Blocking"),
		       blocks, cli_msg(ctx, "cảnh báo", "warnings"),
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
		cli_report_print_findings(ctx, &check, stderr);
		fprintf(stderr, "sxsh: %s\n", cli_msg(ctx,
			"không chốt: còn điều kiện chặn (không ghi gì)",
			"not finalised: a finding blocks it (nothing "
			"written)"));
		rc = 2;
	} else if (check.n && !cli_flag(ctx, "accept-warnings")) {
		cli_report_print_findings(ctx, &check, stderr);
		fprintf(stderr, "sxsh: %s\n", cli_msg(ctx,
			"không chốt: hãy xem các cảnh báo trên; chốt vẫn "
			"được với --accept-warnings",
			"not finalised: review the warnings above; "
			"--accept-warnings finalises anyway"));
		rc = 2;
	}
	report_check_release(&check);
	return rc;
}

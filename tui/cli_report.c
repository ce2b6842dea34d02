/* cli_report.c — `sxsh report build|check|diff|finalise|submit|list|
 * show|narrative`.
 *
 *   build     --period P [--format F] [-o FILE]   the live draft
 *   check     --period P [--format text|json]     findings (cli_report_check.c)
 *   diff      --period P [--from N] [--to M|draft] what changed between
 *                                                 revisions (cli_report_diff.c)
 *   finalise  --period P [--accept-warnings]      check, then freeze a new
 *                                                 revision
 *   submit    --period P                          queue the latest for sync
 *   list      [--period P]                        revisions and status
 *   show      --period P [--revision N] [--format F] [-o FILE]
 *   narrative --period P --field F (--file FILE | --text T)  set a text
 *   narrative --period P [--field F]                          print texts
 * Formats: json (the canonical bytes), text, csv, html, pdf (cairo and
 * pango loaded only then; to a terminal it needs -o).  The options of
 * each verb are declared in cli_table.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "i18n.h"
#include "sxsh/db.h"
#include "sxsh/outfile.h"
#include "sxsh/report.h"
#include "sxsh/text.h"

/* Writes data to -o FILE (whole or not at all, outfile.h) or stdout.
 * Returns the exit status. */
static int emit(const struct cmdline_app *ctx, const char *data, size_t len)
{
	const char *path = cli_opt(ctx, "output");
	struct sx_outfile file;
	struct sx_error err = {0};

	if (path && *path) {
		if (sx_outfile_open(&file, path, &err) != SX_OK)
			return cli_fail(ctx, &err);
		if (fwrite(data, 1, len, file.f) != len) {
			sx_outfile_abort(&file);
			fprintf(stderr, "sxsh: %s %s\n",
				tr(M_CLI_CANNOT_WRITE), path);
			return 5;
		}
		if (sx_outfile_commit(&file, &err) != SX_OK)
			return cli_fail(ctx, &err);
		return 0;
	}
	if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
		fprintf(stderr, "sxsh: %s\n", tr(M_CLI_WRITE_ERROR));
		return 5;
	}
	return 0;
}

static int format_of(const struct cmdline_app *ctx, enum sx_report_format *fmt)
{
	const char *name = cli_opt(ctx, "format");
	struct sx_error err = {0};

	*fmt = SX_REPORT_TEXT;
	if (name && report_format_parse(name, fmt, &err))
		return cli_fail(ctx, &err);
	return 0;
}

static int render_and_emit(const struct cmdline_app *ctx, const char *json,
			   size_t len, const struct sx_render_opts *o)
{
	enum sx_report_format fmt;
	struct sx_error err = {0};
	char *out = NULL;
	size_t outlen = 0;
	int rc = format_of(ctx, &fmt);

	if (rc)
		return rc;
	if (fmt == SX_REPORT_PDF && !cli_opt(ctx, "output") &&
	    isatty(STDOUT_FILENO)) {
		fprintf(stderr, "sxsh: %s\n", tr(M_CLI_PDF_NEEDS_FILE));
		return 1;
	}
	if (fmt == SX_REPORT_JSON) {
		/* the stored bytes, exactly: what the hash is of */
		rc = emit(ctx, json, len);
		if (!rc && !cli_opt(ctx, "output"))
			putchar('\n');
		return rc;
	}
	if (report_render(json, fmt, o, &out, &outlen, &err))
		return cli_fail(ctx, &err);
	rc = emit(ctx, out, outlen);
	free(out);
	return rc;
}

static int do_build(const struct cmdline_app *ctx, struct sx_db *db,
		    const char *period)
{
	struct sx_error err = {0};
	struct sx_render_opts o = {ctx->lang, NULL, "draft", NULL};
	char *json = NULL;
	size_t len = 0;
	int rc;

	if (report_build(db, period, &json, &len, &err))
		return cli_fail(ctx, &err);
	rc = render_and_emit(ctx, json, len, &o);
	free(json);
	return rc;
}

static int do_finalise(const struct cmdline_app *ctx, struct sx_db *db,
		       const char *period)
{
	struct sx_error err = {0};
	struct sx_report_rev rev;
	int rc = cli_report_check_before_finalise(ctx, db, period);

	if (rc)
		return rc;
	if (report_finalise(db, period, &rev, &err))
		return cli_fail(ctx, &err);
	printf("%s %s %s %d; SHA-256 %s\n",
	       tr(M_CLI_FINALISED_REPORT),
	       rev.period, tr(M_CLI_REVISION), rev.revision,
	       rev.sha256);
	if (rev.replaces)
		printf("%s %d\n", tr(M_CLI_REPLACES_REVISION), rev.replaces);
	return 0;
}

static int do_submit(const struct cmdline_app *ctx, struct sx_db *db,
		     const char *period)
{
	struct sx_error err = {0};
	struct sx_report_rev rev;

	if (report_submit(db, period, &rev, &err))
		return cli_fail(ctx, &err);
	printf("%s %s %s %d\n",
	       tr(M_CLI_QUEUED_FOR_SYNC_REPORT), rev.period,
	       tr(M_CLI_REVISION), rev.revision);
	return 0;
}

/* The status word in ctx->lang, padded to the column's 12 display
 * columns (the Vietnamese words have multi-byte letters). */
static const char *status_cell(const char *word)
{
	static char cell[64];
	int width = text_width(word);

	snprintf(cell, sizeof cell, "%s%*s", word, width < 12 ? 12 - width : 0,
		 "");
	return cell;
}

static int do_list(const struct cmdline_app *ctx, struct sx_db *db,
		   const char *period)
{
	struct sx_error err = {0};
	struct sx_report_rev *revs = NULL;
	int n = 0;

	if (report_list(db, period, NULL, &revs, &n, &err))
		return cli_fail(ctx, &err);
	printf("%-7s %4s %5s %s %-20s %-12s %s\n",
	       tr(M_CLI_PERIOD), tr(M_CLI_REV),
	       tr(M_CLI_REPL),
	       status_cell(tr(M_CLI_STATUS)),
	       tr(M_CLI_FINALISED_AT), "SHA-256",
	       tr(M_CLI_NOTE));
	for (int i = 0; i < n; i++) {
		char repl[12] = "-";
		if (revs[i].replaces)
			snprintf(repl, sizeof repl, "%d", revs[i].replaces);
		printf("%-7s %4d %5s %s %-20s %.12s %s\n", revs[i].period,
		       revs[i].revision, repl, status_cell(report_status_label(
				revs[i].status, ctx->lang)),
		       revs[i].finalised_at, revs[i].sha256,
		       revs[i].status_reason);
	}
	if (n == 0)
		printf("%s\n", tr(M_CLI_NO_FINALISED_REVISION));
	free(revs);
	return 0;
}

static int do_show(const struct cmdline_app *ctx, struct sx_db *db,
		   const char *period)
{
	struct sx_error err = {0};
	struct sx_report_rev rev;
	const char *r = cli_opt(ctx, "revision");
	char *json = NULL, date[11];
	int revision = 0, rc;

	if (r) {
		char *end;
		long v = strtol(r, &end, 10);
		if (!*r || *end || v < 1 || v > 100000) {
			fprintf(stderr, "sxsh: %s\n",
				tr(M_CLI_REVISION_MUST_BE_A));
			return 2;
		}
		revision = (int)v;
	}
	if (report_get(db, period, revision, &rev, &json, &err))
		return cli_fail(ctx, &err);
	snprintf(date, sizeof date, "%.10s", rev.finalised_at);
	struct sx_render_opts o = {ctx->lang, date, rev.status, rev.sha256};
	rc = render_and_emit(ctx, json, strlen(json), &o);
	free(json);
	return rc;
}

static char *read_file(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char *buf = NULL;
	size_t len = 0, cap = 0;

	if (!f) {
		fprintf(stderr, "sxsh: %s %s\n",
			tr(M_CLI_CANNOT_READ),
			path);
		return NULL;
	}
	for (;;) {
		if (len + 4097 > cap) {
			cap = cap ? cap * 2 : 8192;
			char *g = realloc(buf, cap);
			if (!g) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = g;
		}
		size_t k = fread(buf + len, 1, 4096, f);
		len += k;
		if (k < 4096)
			break;
		if (len > 200000)  /* report_narrative_set refuses it */
			break;
	}
	if (buf)
		buf[len] = '\0';
	if (f != stdin)
		fclose(f);
	return buf;
}

static int do_narrative(const struct cmdline_app *ctx, struct sx_db *db,
			const char *period)
{
	static const char *const fields[] = {"results", "difficulties",
					     "proposals"};
	struct sx_error err = {0};
	const char *field = cli_opt(ctx, "field");
	const char *file = cli_opt(ctx, "file");
	const char *text = cli_opt(ctx, "text");
	char *buf = NULL;
	enum sx_err e;

	if (!file && !text) {
		for (int i = 0; i < 3; i++) {
			if (field && strcmp(field, fields[i]))
				continue;
			char *t = report_narrative_get(db, period, fields[i]);
			printf("[%s]\n%s\n", fields[i], t ? t : "");
			free(t);
		}
		return 0;
	}
	if (!field) {
		fprintf(stderr, "sxsh: %s\n",
			tr(M_CLI_FIELD_IS_REQUIRED_RESULTS));
		return 1;
	}
	if (file) {
		buf = read_file(file);
		if (!buf)
			return 2;
		text = buf;
	}
	e = report_narrative_set(db, period, field, text, &err);
	free(buf);
	if (e)
		return cli_fail(ctx, &err);
	printf("%s %s (%s)\n", tr(M_CLI_SAVED), field,
	       period);
	return 0;
}

typedef int report_verb(const struct cmdline_app *ctx, struct sx_db *db,
			const char *period);

/* Checks --format, opens the database and runs the verb on the period
 * (the table makes --period required where a verb needs it). */
static int run_verb(struct cmdline_app *ctx, report_verb *verb)
{
	struct sx_db *db = NULL;
	int rc;

	if (cli_opt(ctx, "format")) {
		enum sx_report_format fmt;
		if ((rc = format_of(ctx, &fmt)))
			return rc;
	}
	if ((rc = cli_open_db(ctx, 1, &db)))
		return rc;
	rc = verb(ctx, db, cli_opt(ctx, "period"));
	sx_db_close(db);
	return rc;
}

int cli_report_build(struct cmdline_app *ctx)
{
	return run_verb(ctx, do_build);
}

int cli_report_check_cmd(struct cmdline_app *ctx)
{
	return run_verb(ctx, cli_report_check);
}

int cli_report_diff_cmd(struct cmdline_app *ctx)
{
	return run_verb(ctx, cli_report_diff);
}

int cli_report_finalise(struct cmdline_app *ctx)
{
	return run_verb(ctx, do_finalise);
}

int cli_report_submit(struct cmdline_app *ctx)
{
	return run_verb(ctx, do_submit);
}

int cli_report_list(struct cmdline_app *ctx)
{
	return run_verb(ctx, do_list);
}

int cli_report_show(struct cmdline_app *ctx)
{
	return run_verb(ctx, do_show);
}

int cli_report_narrative(struct cmdline_app *ctx)
{
	return run_verb(ctx, do_narrative);
}

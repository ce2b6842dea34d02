/* cli_report.c — `sxsh report build|finalise|submit|list|show|narrative`.
 *
 *   build     --period P [--format F] [-o FILE]   the live draft
 *   check     --period P [--format text|json]     findings (cli_report_check.c)
 *   finalise  --period P [--accept-warnings]      check, then freeze a new
 *                                                 revision
 *   submit    --period P                          queue the latest for sync
 *   list      [--period P]                        revisions and status
 *   show      --period P [--revision N] [--format F] [-o FILE]
 *   narrative --period P --field F (--file FILE | --text T)  set a text
 *   narrative --period P [--field F]                          print texts
 * Formats: json (the canonical bytes), text, csv, html, pdf (cairo and
 * pango loaded only then; to a terminal it needs -o).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "sxsh/db.h"
#include "sxsh/outfile.h"
#include "sxsh/report.h"
#include "sxsh/text.h"

static const char *const with_value[] = {
	"period", "format", "field", "file", "text", "revision", "from", "to",
	NULL};

static int usage(const struct cli_ctx *ctx)
{
	fprintf(stderr, "%s\n  sxsh report build|check|finalise|submit|list|"
		"show|narrative --period P [--format json|text|csv|html|pdf] "
		"[--revision N] [--field F --file FILE] [-o FILE] "
		"[--accept-warnings]\n",
		cli_msg(ctx, "cách dùng:", "usage:"));
	return 1;
}

/* Writes data to -o FILE (whole or not at all, outfile.h) or stdout.
 * Returns the exit status. */
static int emit(const struct cli_ctx *ctx, const char *data, size_t len)
{
	const char *path = cli_opt(ctx, "o");
	struct sx_outfile file;
	struct sx_error err = {0};

	if (path && *path) {
		if (sx_outfile_open(&file, path, &err) != SX_OK)
			return cli_fail(ctx, &err);
		if (fwrite(data, 1, len, file.f) != len) {
			sx_outfile_abort(&file);
			fprintf(stderr, "sxsh: %s %s\n",
				cli_msg(ctx, "không ghi được tệp",
					"cannot write"), path);
			return 5;
		}
		if (sx_outfile_commit(&file, &err) != SX_OK)
			return cli_fail(ctx, &err);
		return 0;
	}
	if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
		fprintf(stderr, "sxsh: %s\n", cli_msg(ctx, "lỗi ghi dữ liệu ra",
						     "write error"));
		return 5;
	}
	return 0;
}

static int format_of(const struct cli_ctx *ctx, enum sx_report_format *fmt)
{
	const char *name = cli_opt(ctx, "format");
	struct sx_error err = {0};

	*fmt = SX_REPORT_TEXT;
	if (name && report_format_parse(name, fmt, &err))
		return cli_fail(ctx, &err);
	return 0;
}

static int render_and_emit(const struct cli_ctx *ctx, const char *json,
			   size_t len, const struct sx_render_opts *o)
{
	enum sx_report_format fmt;
	struct sx_error err = {0};
	char *out = NULL;
	size_t outlen = 0;
	int rc = format_of(ctx, &fmt);

	if (rc)
		return rc;
	if (fmt == SX_REPORT_PDF && !cli_opt(ctx, "o") && isatty(STDOUT_FILENO)) {
		fprintf(stderr, "sxsh: %s\n", cli_msg(ctx,
			"PDF cần tên tệp: -o TỆP.pdf",
			"a PDF needs a file: -o FILE.pdf"));
		return 1;
	}
	if (fmt == SX_REPORT_JSON) {
		/* the stored bytes, exactly: what the hash is of */
		rc = emit(ctx, json, len);
		if (!rc && !cli_opt(ctx, "o"))
			putchar('\n');
		return rc;
	}
	if (report_render(json, fmt, o, &out, &outlen, &err))
		return cli_fail(ctx, &err);
	rc = emit(ctx, out, outlen);
	free(out);
	return rc;
}

static const char *need_period(const struct cli_ctx *ctx)
{
	const char *p = cli_opt(ctx, "period");
	if (!p || !*p)
		fprintf(stderr, "sxsh: %s\n",
			cli_msg(ctx, "thiếu --period (ví dụ 2017S1, 2017S2, "
				"2017)", "--period is required (e.g. 2017S1, "
				"2017S2, 2017)"));
	return p && *p ? p : NULL;
}

static int do_build(const struct cli_ctx *ctx, struct sx_db *db,
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

static int do_finalise(const struct cli_ctx *ctx, struct sx_db *db,
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
	       cli_msg(ctx, "Đã chốt báo cáo kỳ", "Finalised report"),
	       rev.period, cli_msg(ctx, "bản", "revision"), rev.revision,
	       rev.sha256);
	if (rev.replaces)
		printf("%s %d\n", cli_msg(ctx, "Thay thế bản", "Replaces "
					   "revision"), rev.replaces);
	return 0;
}

static int do_submit(const struct cli_ctx *ctx, struct sx_db *db,
		     const char *period)
{
	struct sx_error err = {0};
	struct sx_report_rev rev;

	if (report_submit(db, period, &rev, &err))
		return cli_fail(ctx, &err);
	printf("%s %s %s %d\n",
	       cli_msg(ctx, "Đã đưa vào hàng chờ gửi: báo cáo kỳ",
		       "Queued for sync: report"), rev.period,
	       cli_msg(ctx, "bản", "revision"), rev.revision);
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

static int do_list(const struct cli_ctx *ctx, struct sx_db *db)
{
	struct sx_error err = {0};
	struct sx_report_rev *revs = NULL;
	int n = 0;

	if (report_list(db, cli_opt(ctx, "period"), NULL, &revs, &n, &err))
		return cli_fail(ctx, &err);
	printf("%-7s %4s %5s %s %-20s %-12s %s\n",
	       cli_msg(ctx, "Kỳ", "Period"), cli_msg(ctx, "Bản", "Rev"),
	       cli_msg(ctx, "Thay", "Repl"),
	       status_cell(cli_msg(ctx, "Trạng thái", "Status")),
	       cli_msg(ctx, "Chốt lúc", "Finalised at"), "SHA-256",
	       cli_msg(ctx, "Ghi chú", "Note"));
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
		printf("%s\n", cli_msg(ctx, "(chưa có bản nào được chốt)",
				       "(no finalised revision)"));
	free(revs);
	return 0;
}

static int do_show(const struct cli_ctx *ctx, struct sx_db *db,
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
				cli_msg(ctx, "--revision phải là số >= 1",
					"--revision must be a number >= 1"));
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

static char *read_file(const struct cli_ctx *ctx, const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char *buf = NULL;
	size_t len = 0, cap = 0;

	if (!f) {
		fprintf(stderr, "sxsh: %s %s\n",
			cli_msg(ctx, "không đọc được tệp", "cannot read"),
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

static int do_narrative(const struct cli_ctx *ctx, struct sx_db *db,
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
			cli_msg(ctx, "thiếu --field (results, difficulties, "
				"proposals)", "--field is required (results, "
				"difficulties, proposals)"));
		return 1;
	}
	if (file) {
		buf = read_file(ctx, file);
		if (!buf)
			return 2;
		text = buf;
	}
	e = report_narrative_set(db, period, field, text, &err);
	free(buf);
	if (e)
		return cli_fail(ctx, &err);
	printf("%s %s (%s)\n", cli_msg(ctx, "Đã lưu mục", "Saved"), field,
	       period);
	return 0;
}

int cli_report(struct cli_ctx *ctx)
{
	const char *verb = cli_positional(ctx, 0, with_value);
	const char *period = NULL;
	struct sx_db *db = NULL;
	int rc;

	if (!verb)
		return usage(ctx);
	if (strcmp(verb, "build") && strcmp(verb, "check") &&
	    strcmp(verb, "finalise") &&
	    strcmp(verb, "finalize") && strcmp(verb, "submit") &&
	    strcmp(verb, "list") && strcmp(verb, "show") &&
	    strcmp(verb, "narrative"))
		return usage(ctx);
	if (strcmp(verb, "list") && !(period = need_period(ctx)))
		return 1;
	if (cli_opt(ctx, "format")) {
		enum sx_report_format fmt;
		if ((rc = format_of(ctx, &fmt)))
			return rc;
	}
	if ((rc = cli_open_db(ctx, 1, &db)))
		return rc;
	if (!strcmp(verb, "build"))
		rc = do_build(ctx, db, period);
	else if (!strcmp(verb, "check"))
		rc = cli_report_check(ctx, db, period);
	else if (!strcmp(verb, "finalise") || !strcmp(verb, "finalize"))
		rc = do_finalise(ctx, db, period);
	else if (!strcmp(verb, "submit"))
		rc = do_submit(ctx, db, period);
	else if (!strcmp(verb, "list"))
		rc = do_list(ctx, db);
	else if (!strcmp(verb, "show"))
		rc = do_show(ctx, db, period);
	else
		rc = do_narrative(ctx, db, period);
	sx_db_close(db);
	return rc;
}

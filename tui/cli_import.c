/* cli_import.c — `sxsh import`, `sxsh export` and `sxsh restore`: the
 * command-line faces of core's import.h, export.h and restore.h.  Results
 * go to stdout, the preview, progress and problems to stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "i18n.h"
#include "sxsh/db.h"
#include "sxsh/export.h"
#include "sxsh/import.h"
#include "sxsh/outfile.h"
#include "sxsh/restore.h"

/* ---- import ------------------------------------------------------------- */

struct import_cli {
	const struct cmdline_app *ctx;
	int show_progress;
};

static void print_preview(const struct import_preview *p, void *arg)
{
	const struct import_cli *ic = arg;
	const struct cmdline_app *ctx = ic->ctx;

	fprintf(stderr, "%s: %s%s\n", tr(M_CLI_ENCODING),
		encoding_label(p->encoding, ctx->lang),
		p->detected ? tr(M_CLI_DETECTED)
			    : "");
	fprintf(stderr, "%s: '%s'; %ld %s, %d %s\n",
		tr(M_CLI_SEPARATOR),
		p->delimiter == '\t' ? "\\t" : (char[2]){p->delimiter, 0},
		p->rows, tr(M_CLI_DATA_ROWS),
		p->ncolumns, tr(M_CLI_COLUMNS));
	for (int r = 0; r < p->nsample; r++) {
		int width = 0;
		fprintf(stderr, "  %d:", r + 1);
		for (int c = 0; c < p->ncolumns && width < 160; c++) {
			if (!p->mapped[c])
				continue;
			width += fprintf(stderr, " %s=", p->headers[c]);
			/* one line per row: line breaks in a cell as spaces */
			for (const char *v = p->sample[r][c]; *v; v++, width++)
				fputc(*v == '\r' || *v == '\n' ? ' ' : *v,
				      stderr);
			if (c + 1 < p->ncolumns)
				fputc(';', stderr);
		}
		fputc('\n', stderr);
	}
}

static void print_progress(long done, long total, void *arg)
{
	const struct import_cli *ic = arg;

	/* small files are written in a blink: only large ones report */
	if (!ic->show_progress || total < 5000)
		return;
	fprintf(stderr, "\r%s %ld/%ld (%ld%%)",
		tr(M_CLI_WRITING), done, total,
		total ? done * 100 / total : 100);
	if (done == total)
		fputc('\n', stderr);
}

static void print_dups(const struct import_duplicate *d, int n)
{
	for (int i = 0; i < n && i < 50; i++)
		fprintf(stderr, "  %s %ld: %s — %s\n",
			tr(M_CLI_LINE), d[i].line,
			tr_pick(d[i].reason_vi, d[i].reason_en),
			d[i].existing);
	if (n > 50)
		fprintf(stderr, "  … %d %s\n", n - 50,
			tr(M_CLI_MORE_DUPLICATES));
}

static enum import_dup_policy ask_dups(const struct import_duplicate *d,
				       int n, void *arg)
{
	char answer[32];
	const char *keys;

	(void)arg;
	fprintf(stderr, "%d %s\n", n, tr(M_CLI_ROWS_DUPLICATE_A_STORED));
	print_dups(d, n);
	if (!isatty(STDIN_FILENO)) {
		fprintf(stderr, "%s\n", tr(M_CLI_NOTHING_WRITTEN_RUN_AGAIN));
		return IMPORT_DUP_CANCEL;
	}
	fprintf(stderr, "%s ", tr(M_CLI_UPDATE_U_SKIP_S));
	if (!fgets(answer, sizeof answer, stdin))
		return IMPORT_DUP_CANCEL;
	/* the first letters of the words of the question, in its language */
	keys = tr(M_CLI_DUP_ANSWER_KEYS);
	return answer[0] == keys[0] ? IMPORT_DUP_UPDATE
	       : answer[0] == keys[1] ? IMPORT_DUP_SKIP
				      : IMPORT_DUP_CANCEL;
}

static void print_problems(const struct import_result *r)
{
	for (int i = 0; i < r->nproblems; i++) {
		const struct import_problem *p = &r->problems[i];
		const char *msg = tr_pick(p->msg_vi, p->msg_en);
		if (i == 200) {
			fprintf(stderr, "  … %d %s\n", r->nproblems - 200,
				tr(M_CLI_MORE_PROBLEMS));
			break;
		}
		if (p->line && p->column)
			fprintf(stderr, "  %s %ld, %s %d (%s): %s\n",
				tr(M_CLI_LINE), p->line,
				tr(M_CLI_COLUMN), p->column,
				p->header, msg);
		else if (p->line)
			fprintf(stderr, "  %s %ld: %s\n",
				tr(M_CLI_LINE), p->line, msg);
		else
			fprintf(stderr, "  %s\n", msg);
	}
}

static int write_rejected(const struct cmdline_app *ctx, const char *file,
			  const struct import_result *r)
{
	char path[4096];
	const char *given = cli_opt(ctx, "rejected");
	struct sx_error err = {0};

	if (given && *given)
		snprintf(path, sizeof path, "%s", given);
	else
		import_rejected_path(file, path, sizeof path);
	if (import_write_rejected(r, path, &err) != SX_OK)
		return cli_fail(ctx, &err);
	fprintf(stderr, "%s: %s\n", tr(M_CLI_REJECTED_ROWS_WRITTEN_TO), path);
	return 0;
}

int cli_import(struct cmdline_app *ctx)
{
	const char *kind = cli_arg(ctx, 0);
	const char *file = cli_arg(ctx, 1);
	const char *enc = cli_opt(ctx, "encoding");
	const char *dup = cli_opt(ctx, "on-duplicate");
	const struct sx_kind_def *def = record_kind_by_name(kind);
	struct import_opts opts;
	struct import_result res;
	struct import_cli ic = {ctx, 0};
	struct sx_error err = {0};
	struct sx_db *db = NULL;
	enum sx_err e;
	int status;

	if (!def || def->kind == SXK_EVENT_FACILITY ||
	    def->kind == SXK_EVENT_PERSON) {
		fprintf(stderr, "sxsh: %s %s (facilities, people, events, "
			"assessments, solutions, consumption)\n",
			tr(M_CLI_CANNOT_IMPORT),
			kind);
		return 1;
	}
	memset(&opts, 0, sizeof opts);
	opts.kind = def->kind;
	if (enc && strcmp(enc, "auto")) {
		if (encoding_parse_name(enc, &opts.encoding)) {
			fprintf(stderr, "sxsh: %s %s (auto, utf-8, cp1258, "
				"tcvn3, vni, tcvn3-in-utf-8, vni-in-utf-8)\n",
				tr(M_CLI_UNKNOWN_ENCODING), enc);
			return 1;
		}
		opts.encoding_given = 1;
	}
	if (dup) {
		if (!strcmp(dup, "update"))
			opts.on_duplicate = IMPORT_DUP_UPDATE;
		else if (!strcmp(dup, "skip"))
			opts.on_duplicate = IMPORT_DUP_SKIP;
		else {
			fprintf(stderr, "sxsh: --on-duplicate update|skip\n");
			return 1;
		}
	}
	opts.dry_run = cli_flag(ctx, "dry-run");
	opts.skip_invalid = cli_flag(ctx, "skip-invalid");
	opts.preview = print_preview;
	opts.ask_duplicates = ask_dups;
	opts.progress = print_progress;
	opts.arg = &ic;
	status = cli_open_db(ctx, 1, &db);
	if (status)
		return status;
	ic.show_progress = 1;
	e = import_file(db, file, &opts, &res, &err);
	print_problems(&res);
	if (e == SX_OK || (e == SX_INVALID && opts.skip_invalid &&
			   res.rejected_csv)) {
		status = 0;
		if (res.rejected_csv && !opts.dry_run)
			status = write_rejected(ctx, file, &res);
		if (opts.dry_run && res.ndups) {
			fprintf(stderr, "%d %s\n", res.ndups,
				tr(M_CLI_DUPLICATES_A_REAL_RUN));
			print_dups(res.dups, res.ndups);
		}
		printf("%s: %ld %s, %ld %s, %ld %s, %ld %s%s\n",
		       def->name, res.inserted,
		       tr(M_CLI_ADDED), res.updated,
		       tr(M_CLI_UPDATED), res.skipped,
		       tr(M_CLI_SKIPPED_DUPLICATES),
		       res.rejected, tr(M_CLI_REJECTED_2),
		       opts.dry_run ? tr(M_CLI_DRY_RUN_NOTHING_WRITTEN)
				    : "");
		if (res.rejected && opts.skip_invalid && !status)
			status = 0;
	} else {
		status = cli_fail(ctx, &err);
	}
	import_result_release(&res);
	sx_db_close(db);
	return status;
}

/* ---- export ------------------------------------------------------------- */

int cli_export(struct cmdline_app *ctx)
{
	const char *kind = cli_arg(ctx, 0);
	const char *format = cli_opt(ctx, "format");
	const char *path = cli_opt(ctx, "output");
	const struct sx_kind_def *def = kind ? record_kind_by_name(kind) : NULL;
	struct export_opts opts;
	struct sx_error err = {0};
	struct sx_db *db = NULL;
	struct sx_outfile file;
	FILE *out = stdout;
	long n = 0;
	int status;

	if (!def) {
		fprintf(stderr, "%s\n", tr(M_CLI_USAGE_SXSH_EXPORT_KIND));
		return 1;
	}
	memset(&opts, 0, sizeof opts);
	opts.kind = def->kind;
	/* "--lang" after the command word picks the headings too */
	opts.lang = cli_opt(ctx, "lang") ? cli_opt(ctx, "lang") : ctx->lang;
	if (strcmp(opts.lang, "vi") && strcmp(opts.lang, "en")) {
		fprintf(stderr, "sxsh: --lang vi|en\n");
		return 1;
	}
	opts.excel = cli_flag(ctx, "excel");
	opts.template_only = cli_flag(ctx, "template");
	if (format && !strcmp(format, "json"))
		opts.format = EXPORT_JSON;
	else if (format && strcmp(format, "csv")) {
		fprintf(stderr, "sxsh: --format csv|json\n");
		return 1;
	}
	if (opts.template_only && opts.format == EXPORT_JSON) {
		fprintf(stderr, "sxsh: --template %s\n",
			tr(M_CLI_IS_FOR_CSV_ONLY));
		return 1;
	}
	status = cli_open_db(ctx, 1, &db);
	if (status)
		return status;
	if (path && strcmp(path, "-")) {
		/* whole or not at all: a failed export never leaves half a
		 * file under the wanted name */
		if (sx_outfile_open(&file, path, &err) != SX_OK) {
			sx_db_close(db);
			return cli_fail(ctx, &err);
		}
		out = file.f;
	}
	if (export_write(db, &opts, out, &n, &err) != SX_OK) {
		status = cli_fail(ctx, &err);
		if (out != stdout)
			sx_outfile_abort(&file);
	} else if (out != stdout) {
		if (sx_outfile_commit(&file, &err) != SX_OK) {
			status = cli_fail(ctx, &err);
		} else {
			fprintf(stderr, "%ld %s %s\n", n,
				tr(M_CLI_RECORDS_EXPORTED_TO), path);
		}
	}
	sx_db_close(db);
	return status;
}

/* ---- restore ------------------------------------------------------------ */

int cli_restore(struct cmdline_app *ctx)
{
	const char *src = cli_arg(ctx, 0);
	struct sx_error err = {0};
	char kept[4096];

	if (restore_file(ctx->db_path, src, kept, sizeof kept, &err) != SX_OK)
		return cli_fail(ctx, &err);
	printf("%s %s\n", tr(M_CLI_RESTORED_FROM),
	       src);
	if (kept[0])
		printf("%s %s\n", tr(M_CLI_THE_REPLACED_FILE_IS),
		       kept);
	/* Opening gives the restored file its own client id now, and says
	 * so, rather than at some later command. */
	struct sx_db *db = NULL;
	if (cli_open_db(ctx, 1, &db) == 0)
		sx_db_close(db);
	return 0;
}

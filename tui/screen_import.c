/* screen_import.c — Nhập dữ liệu: a spreadsheet (CSV) into the database
 * through core's import.h, in three steps on one screen.
 *
 *   1. choose: the kind (a choice list) and the file (a text field);
 *   2. check: the file is read once into memory and imported as a dry
 *      run (one transaction rolled back), which gives the detected
 *      encoding, the first rows converted, every problem with its line
 *      and column, the duplicates and what a real run would do.  The
 *      officer may force another encoding (e) or switch the duplicate
 *      policy (d); each re-runs the check.  Enter asks for confirmation;
 *   3. write: the same bytes are imported for real with the encoding the
 *      check used, in one transaction, and the counts are shown.
 *
 * Nothing is written before the confirmation, and a file with problems
 * cannot be confirmed (the import writes nothing either way: without
 * skip_invalid one bad row refuses the whole file) unless the officer
 * chooses to leave the bad rows out (b, the command line's
 * --skip-invalid): the check then shows what the good rows would do,
 * and the rejected rows with their reasons go to a CSV file beside the
 * source, named as the command line names it.  A file-level fault (a
 * wrong column count, an encoding that does not decode) cannot be
 * skipped.  The checks run in the loop's thread: a district's files take
 * a blink; a file of 100,000 rows holds the screen for a few seconds,
 * painting its progress.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "app.h"
#include "field.h"
#include "sxsh/import.h"

/* A file bigger than this is refused before reading (import.h's limit). */
#define MAX_FILE (256L * 1024 * 1024)
#define NSAMPLE 3

static const enum sx_kind kinds[] = {
	SXK_FACILITY, SXK_PERSON, SXK_EVENT, SXK_ASSESSMENT, SXK_SOLUTION,
	SXK_CONSUMPTION
};
#define NKINDS ((int)(sizeof kinds / sizeof kinds[0]))

enum step { STEP_CHOOSE, STEP_CHECKED, STEP_DONE };

struct import_view {
	enum step step;
	int focus;                 /* choose: 0 kind, 1 file */
	int kind_i;
	struct field path;
	char file[1024];           /* as typed, for the headings */
	char source[1200];         /* the path opened ("~/" expanded) */
	char error[1400];           /* choose: why the file was not read */
	char *data;                /* the file, read once; owned */
	size_t len;
	int enc_i;                 /* 0 detect, else encoding enc_i - 1 */
	enum import_dup_policy policy;   /* UPDATE or SKIP */
	int skip_bad;              /* write the good rows, reject the bad */
	char rejected[1300];       /* done: where the rejected rows went, */
	int rejected_failed;       /* or why they could not be written */
	/* the last run (the check, or the real import) */
	enum sx_err outcome;
	char outcome_msg[300];
	struct import_result res;
	/* what the check read, copied from the preview callback */
	int have_preview;
	enum sx_encoding enc;
	int detected;
	char delim;
	long rows;
	int ncol;
	char **headers;            /* ncol, owned */
	char *used;                /* ncol: 1 when the column is imported */
	int nsample;
	char **sample[NSAMPLE];    /* ncol values each, owned */
	int scroll;                /* first problem shown */
	int stale;                 /* records changed since the check */
	/* while a run goes on: its progress, painted from its callback */
	struct app *app;
	int busy;                  /* 0, or 1 checking, 2 writing */
	int in_draw;               /* the run started from draw: no paint */
	long done, total;
	double painted_ms;
};

/* ---- small helpers ---------------------------------------------------- */

static const struct sx_kind_def *cur_kind(const struct import_view *v)
{
	return record_kind(kinds[v->kind_i]);
}

/* n with thousands grouped as the language writes them: 100.000 in
 * Vietnamese, 100,000 in English. */
static const char *count_text(long n, char *buf, size_t sz)
{
	char digits[32];
	int len;
	size_t o = 0;

	len = snprintf(digits, sizeof digits, "%ld", n < 0 ? -n : n);
	if (n < 0 && o + 1 < sz)
		buf[o++] = '-';
	for (int i = 0; i < len && o + 2 < sz; i++) {
		if (i && (len - i) % 3 == 0)
			buf[o++] = *tr(M_GROUP_SEP);
		buf[o++] = digits[i];
	}
	buf[o] = 0;
	return buf;
}

static void drop_preview(struct import_view *v)
{
	for (int c = 0; c < v->ncol; c++) {
		if (v->headers)
			free(v->headers[c]);
		for (int r = 0; r < v->nsample; r++)
			free(v->sample[r][c]);
	}
	for (int r = 0; r < NSAMPLE; r++) {
		free(v->sample[r]);
		v->sample[r] = NULL;
	}
	free(v->headers);
	free(v->used);
	v->headers = NULL;
	v->used = NULL;
	v->ncol = v->nsample = 0;
	v->have_preview = 0;
}

static void drop_file(struct import_view *v)
{
	free(v->data);
	v->data = NULL;
	v->len = 0;
	drop_preview(v);
	import_result_release(&v->res);
	v->outcome = SX_OK;
	v->outcome_msg[0] = 0;
}

static char *dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

/* The preview callback: the import's arrays live only during the call. */
static void keep_preview(const struct import_preview *p, void *arg)
{
	struct import_view *v = arg;
	int ok = 1;

	drop_preview(v);
	v->enc = p->encoding;
	v->detected = p->detected;
	v->delim = p->delimiter;
	v->rows = p->rows;
	v->have_preview = 1;
	if (p->ncolumns <= 0)
		return;
	v->headers = calloc((size_t)p->ncolumns, sizeof *v->headers);
	v->used = calloc((size_t)p->ncolumns, 1);
	for (int r = 0; r < p->nsample && r < NSAMPLE; r++)
		v->sample[r] = calloc((size_t)p->ncolumns, sizeof(char *));
	if (!v->headers || !v->used)
		ok = 0;
	for (int r = 0; ok && r < p->nsample && r < NSAMPLE; r++)
		ok = v->sample[r] != NULL;
	if (!ok) {
		/* out of memory: show the counts without the table */
		free(v->headers);
		free(v->used);
		v->headers = NULL;
		v->used = NULL;
		for (int r = 0; r < NSAMPLE; r++) {
			free(v->sample[r]);
			v->sample[r] = NULL;
		}
		return;
	}
	v->ncol = p->ncolumns;
	v->nsample = p->nsample < NSAMPLE ? p->nsample : NSAMPLE;
	for (int c = 0; c < v->ncol; c++) {
		v->headers[c] = dup_or_empty(p->headers[c]);
		v->used[c] = p->mapped && p->mapped[c] && *p->mapped[c];
		for (int r = 0; r < v->nsample; r++)
			v->sample[r][c] = dup_or_empty(p->sample[r][c]);
	}
}

/* Reads the typed file whole; 0, or -1 with v->error set. */
static int read_file(struct import_view *v)
{
	char *typed = field_text(&v->path), path[1200];
	const char *home = getenv("HOME");
	struct stat sb;
	FILE *f;
	size_t n;

	v->error[0] = 0;
	if (!typed || !*typed) {
		free(typed);
		snprintf(v->error, sizeof v->error, "%s",
			 tr(M_IMP_NEED_PATH));
		return -1;
	}
	/* "~/" as the shell would read it: officers copy paths that way */
	if (typed[0] == '~' && typed[1] == '/' && home && *home)
		snprintf(path, sizeof path, "%s%s", home, typed + 1);
	else
		snprintf(path, sizeof path, "%s", typed);
	snprintf(v->file, sizeof v->file, "%s", typed);
	snprintf(v->source, sizeof v->source, "%s", path);
	free(typed);
	f = fopen(path, "rb");
	if (!f) {
		snprintf(v->error, sizeof v->error, "%s %s (%s)",
			 tr(M_IMP_CANNOT_OPEN), v->file,
			 strerror(errno));
		return -1;
	}
	if (fstat(fileno(f), &sb) || !S_ISREG(sb.st_mode)) {
		fclose(f);
		snprintf(v->error, sizeof v->error, "%s",
			 tr(M_IMP_NOT_REGULAR));
		return -1;
	}
	if (sb.st_size > MAX_FILE) {
		fclose(f);
		snprintf(v->error, sizeof v->error, "%s",
			 tr(M_IMP_TOO_LARGE));
		return -1;
	}
	drop_file(v);
	v->data = malloc((size_t)sb.st_size + 1);
	if (!v->data) {
		fclose(f);
		snprintf(v->error, sizeof v->error, "%s",
			 tr(M_IMP_OUT_OF_MEMORY));
		return -1;
	}
	n = fread(v->data, 1, (size_t)sb.st_size, f);
	if (ferror(f)) {
		fclose(f);
		drop_file(v);
		snprintf(v->error, sizeof v->error, "%s %s",
			 tr(M_IMP_CANNOT_READ), v->file);
		return -1;
	}
	fclose(f);
	v->data[n] = 0;
	v->len = n;
	return 0;
}

/* A file of 100,000 rows takes seconds to check and again to write:
 * the screen shows how far it got, ten times a second. */
static void show_progress(long done, long total, void *arg)
{
	struct import_view *v = arg;
	double now = app_now_ms();

	v->done = done;
	v->total = total;
	if (v->in_draw || (now - v->painted_ms < 100 && done < total))
		return;
	v->painted_ms = now;
	app_paint_now(v->app);
}

/* Runs the import over the bytes read: a dry run (check), or the real
 * one with the encoding the check used. */
static enum sx_err run(struct app *app, struct import_view *v, int dry)
{
	struct import_opts opts;
	struct sx_error err = {0};

	memset(&opts, 0, sizeof opts);
	opts.kind = kinds[v->kind_i];
	opts.dry_run = dry;
	opts.on_duplicate = v->policy;
	opts.skip_invalid = v->skip_bad;
	if (!dry) {
		/* what was shown is what is written */
		opts.encoding_given = 1;
		opts.encoding = v->enc;
	} else if (v->enc_i > 0) {
		opts.encoding_given = 1;
		opts.encoding = (enum sx_encoding)(v->enc_i - 1);
	}
	if (dry)
		opts.preview = keep_preview;
	opts.progress = show_progress;
	opts.arg = v;
	if (dry)
		drop_preview(v);
	import_result_release(&v->res);
	v->app = app;
	v->busy = dry ? 1 : 2;
	v->done = v->total = 0;
	v->painted_ms = app_now_ms();
	v->outcome = import_data(app->db, v->data, v->len, &opts, &v->res,
				 &err);
	v->busy = 0;
	v->outcome_msg[0] = 0;
	if (v->outcome != SX_OK)
		snprintf(v->outcome_msg, sizeof v->outcome_msg, "%s",
			 tr_err(&err));
	v->scroll = 0;
	return v->outcome;
}

static void check(struct app *app, struct import_view *v)
{
	run(app, v, 1);
	v->step = STEP_CHECKED;
	app_dirty(app);
}

/* The last part of a path: the folder is the source file's, shown
 * above, and an 80-column line would cut a long path's end. */
static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* The rejected rows of the real run, beside the source file; the rows
 * already written stay written if this fails, and the officer is told. */
static void keep_rejected(struct import_view *v)
{
	char path[sizeof v->source + 16];
	struct sx_error err = {0};

	import_rejected_path(v->source, path, sizeof path);
	if (import_write_rejected(&v->res, path, &err) == SX_OK) {
		snprintf(v->rejected, sizeof v->rejected, "%s", path);
		return;
	}
	v->rejected_failed = 1;
	snprintf(v->rejected, sizeof v->rejected, "%s",
		 tr_err(&err));
}

static void write_yes(struct app *app, void *arg)
{
	struct import_view *v = arg;

	if (v->step != STEP_CHECKED || !v->data)
		return;
	if (run(app, v, 0) == SX_OK) {
		v->step = STEP_DONE;
		v->rejected[0] = 0;
		v->rejected_failed = 0;
		if (v->res.rejected_csv)
			keep_rejected(v);
		if (v->rejected_failed)
			app_status(app, TA_ERROR, "%s", v->rejected);
		else
			app_status(app, TA_OK, "%s", tr(M_IMP_IMPORT_DONE));
		app_records_changed(app);
	} else {
		/* the database changed since the check (a sync, another
		 * window): the problems are on the screen, nothing written */
		app_status(app, TA_ERROR, "%s — %s", v->outcome_msg,
			   tr(M_IMP_NOTHING_WRITTEN));
	}
}

/* Rows were rejected one by one (not the whole file): leaving them out
 * is a choice the officer can make. */
static int can_skip_bad(const struct import_view *v)
{
	return v->res.rejected > 0 || v->skip_bad;
}

static int can_write(const struct import_view *v)
{
	const struct import_result *r = &v->res;

	if (v->step != STEP_CHECKED || v->outcome != SX_OK || r->rows == 0)
		return 0;
	if (r->nproblems == 0)
		return 1;
	/* leaving bad rows out must still write something */
	return v->skip_bad && r->inserted + r->updated > 0;
}

static void ask_write(struct app *app, struct import_view *v)
{
	const struct sx_kind_def *def = cur_kind(v);
	char text[600], a[32], b[32], c[32], d[32];

	if (!can_write(v)) {
		app_status(app, TA_ERROR, "%s", v->res.rows == 0 &&
			   v->outcome == SX_OK
			   ? tr(M_IMP_NO_DATA)
			   : v->skip_bad
			   ? tr(M_IMP_NO_GOOD_ROW)
			   : can_skip_bad(v)
			   ? tr(M_IMP_HAS_PROBLEMS_B)
			   : tr(M_IMP_HAS_PROBLEMS));
		return;
	}
	if (v->res.nproblems)
		snprintf(text, sizeof text, tr(M_IMP_ASK_SKIP_BAD),
			tr_pick(def->label_vi, def->label_en),
			count_text(v->res.inserted, b, sizeof b),
			count_text(v->res.updated, c, sizeof c),
			count_text(v->res.skipped, d, sizeof d),
			count_text(v->res.rejected, a, sizeof a));
	else
		snprintf(text, sizeof text, tr(M_IMP_ASK_WRITE),
			count_text(v->res.rows, a, sizeof a),
			tr_pick(def->label_vi, def->label_en),
			count_text(v->res.inserted, b, sizeof b),
			count_text(v->res.updated, c, sizeof c),
			count_text(v->res.skipped, d, sizeof d));
	app_confirm(app, text, write_yes, NULL, v);
}

/* ---- screen functions ------------------------------------------------- */

static void *open_screen(struct app *app)
{
	struct import_view *v = calloc(1, sizeof *v);

	(void)app;
	if (!v)
		return NULL;
	field_init(&v->path);
	v->path.max_chars = 1000;
	v->policy = IMPORT_DUP_SKIP;
	return v;
}

static void close_screen(void *state)
{
	struct import_view *v = state;

	if (!v)
		return;
	drop_file(v);
	field_release(&v->path);
	free(v);
}

static void changed(struct app *app, void *state)
{
	struct import_view *v = state;

	(void)app;
	/* a row may now duplicate a record saved elsewhere (a form, a
	 * sync): the counts shown before confirming must be today's */
	if (v && v->step == STEP_CHECKED)
		v->stale = 1;
}

static void draw_choose(struct app *app, struct import_view *v, int y,
			int end)
{
	const struct sx_kind_def *def = cur_kind(v);
	char buf[300];
	int lw = 14, x = 2 + lw + 2, cx;

	term_print(y, 2, lw, v->focus == 0 ? TA_HEADER : TA_NORMAL,
		   tr(M_IMP_KIND_OF_DATA));
	snprintf(buf, sizeof buf, "< %s >",
		 tr_pick(def->label_vi, def->label_en));
	term_print_pad(y, x, term_cols() - x - 2,
		       v->focus == 0 ? TA_FIELD_ON : TA_FIELD, buf);
	y += 2;
	term_print(y, 2, lw, v->focus == 1 ? TA_HEADER : TA_NORMAL,
		   tr(M_IMP_CSV_FILE));
	cx = field_draw(&v->path, y, x, term_cols() - x - 2, v->focus == 1);
	if (v->focus == 1)
		app_set_cursor(app, y, cx);
	y += 2;
	if (v->error[0] && y < end) {
		term_print(y, 2, term_cols() - 4, TA_ERROR, v->error);
		y += 2;
	}
	if (y < end)
		term_print(y++, 2, term_cols() - 4, TA_DIM,
			   tr(M_IMP_HINT_PICK));
	snprintf(buf, sizeof buf, "%s sxsh export %s --template --excel "
		 "-o %s.csv", tr(M_IMP_TEMPLATE), def->name,
		 def->name);
	if (y < end)
		term_print(y++, 2, term_cols() - 4, TA_DIM, buf);
}

/* The first rows as a table of the imported columns, as many as fit. */
static int draw_sample(struct import_view *v, int y, int end)
{
	int want[64], w[64], ncols = 0, x, rows = 0, hidden = 0, total;
	int width = term_cols() - 4, cap = 24;
	int idx[64];

	for (int c = 0; c < v->ncol && ncols < 64; c++) {
		int cw = term_width(v->headers[c]);
		if (!v->used[c])
			continue;
		for (int r = 0; r < v->nsample; r++)
			if (term_width(v->sample[r][c]) > cw)
				cw = term_width(v->sample[r][c]);
		want[ncols] = cw < 4 ? 4 : cw;
		idx[ncols++] = c;
	}
	/* Narrow the widest columns (down to 10) before leaving any out:
	 * the first columns of a template are the ones that matter. */
	do {
		total = 0;
		for (int k = 0; k < ncols; k++) {
			w[k] = want[k] > cap ? cap : want[k];
			total += w[k] + 2;
		}
	} while (total - 2 > width && --cap >= 10);
	x = 2;
	for (int k = 0; k < ncols; k++) {
		if (x + w[k] > 2 + width - (k + 1 < ncols ? 8 : 0)) {
			hidden = ncols - k;
			ncols = k;
			break;
		}
		x += w[k] + 2;
	}
	for (int r = -1; r < v->nsample && y + rows < end; r++) {
		x = 2;
		for (int k = 0; k < ncols; k++) {
			const char *s = r < 0 ? v->headers[idx[k]]
					      : v->sample[r][idx[k]];
			char one[200];
			size_t n = 0;
			/* a cell's line breaks as spaces: one line a row */
			for (; s[n] && n + 1 < sizeof one; n++)
				one[n] = s[n] == '\n' || s[n] == '\r' ? ' '
								      : s[n];
			one[n] = 0;
			term_print(y + rows, x, w[k], r < 0 ? TA_HEADER
							    : TA_NORMAL, one);
			x += w[k] + 2;
		}
		if (hidden && r < 0) {
			char more[64];
			snprintf(more, sizeof more, "+%d %s", hidden,
				 tr(M_IMP_COLUMNS));
			term_print(y + rows, x, 2 + width - x, TA_DIM, more);
		}
		rows++;
	}
	return rows;
}

static void problem_text(const struct import_problem *p, char *buf,
			 size_t sz)
{
	const char *msg = tr_pick(p->msg_vi, p->msg_en);
	if (p->line && p->column)
		snprintf(buf, sz, "%s %ld, %s %d (%s): %s",
			 tr(M_IMP_LINE), p->line, tr(M_IMP_COLUMN),
			 p->column, p->header, msg);
	else if (p->line)
		snprintf(buf, sz, "%s %ld: %s", tr(M_IMP_LINE), p->line,
			 msg);
	else
		snprintf(buf, sz, "%s", msg);
}

/* Every problem from the v->scroll'th on, one per line, to end. */
static void draw_problems(struct import_view *v, int y, int end)
{
	const struct import_result *r = &v->res;
	char buf[1200];
	int room = end - y;

	if (v->scroll > r->nproblems - room)
		v->scroll = r->nproblems - room;
	if (v->scroll < 0)
		v->scroll = 0;
	for (int i = v->scroll; i < r->nproblems && y < end; i++) {
		if (y == end - 1 && i + 1 < r->nproblems) {
			snprintf(buf, sizeof buf, "… %d %s (↑↓)",
				 r->nproblems - i, tr(M_IMP_MORE));
			term_print(y++, 4, term_cols() - 6, TA_DIM, buf);
			break;
		}
		problem_text(&r->problems[i], buf, sizeof buf);
		term_print(y++, 4, term_cols() - 6, TA_NORMAL, buf);
	}
}

static void draw_checked(struct import_view *v, int y, int end)
{
	const struct import_result *r = &v->res;
	char buf[1600], a[32], b[32], c[32], d[32];

	snprintf(buf, sizeof buf, "%s: %s", tr(M_IMP_FILE), v->file);
	term_print(y++, 2, term_cols() - 4, TA_NORMAL, buf);
	if (v->have_preview || v->enc_i > 0) {
		/* a forced encoding that does not decode has no preview,
		 * but the officer must still see which one was tried */
		snprintf(buf, sizeof buf, "%s: %s — %s",
			 tr(M_IMP_ENCODING),
			 encoding_label(v->have_preview ? v->enc :
					(enum sx_encoding)(v->enc_i - 1),
					i18n_lang()),
			 v->enc_i == 0 ? tr(M_IMP_ENC_DETECTED)
				       : tr(M_IMP_ENC_CHOSEN));
		term_print(y++, 2, term_cols() - 4, TA_NORMAL, buf);
	}
	if (v->have_preview) {
		snprintf(buf, sizeof buf, "%s '%s' · %s %s · %d %s",
			 tr(M_IMP_SEPARATOR),
			 v->delim == '\t' ? "Tab" : (char[2]){v->delim, 0},
			 count_text(v->rows, a, sizeof a),
			 tr(M_IMP_DATA_ROWS), v->ncol,
			 tr(M_IMP_COLUMNS));
		term_print(y++, 2, term_cols() - 4, TA_NORMAL, buf);
		y++;
		if (v->nsample && v->ncol && y < end) {
			term_print(y++, 2, term_cols() - 4, TA_DIM,
				   tr(M_IMP_FIRST_ROWS));
			y += draw_sample(v, y, end);
			y++;
		}
	}
	if (r->ndups && y < end) {
		snprintf(buf, sizeof buf, "%s: %d — %s: %s   (d: %s)",
			 tr(M_IMP_DUPLICATES), r->ndups,
			 tr(M_IMP_POLICY),
			 v->policy == IMPORT_DUP_UPDATE
			 ? tr(M_IMP_DUP_UPDATE)
			 : tr(M_IMP_DUP_SKIP),
			 tr(M_IMP_CHANGE));
		term_print(y++, 2, term_cols() - 4, TA_HEADER, buf);
		for (int i = 0; i < r->ndups && i < 2 && y < end - 1; i++) {
			const struct import_duplicate *du = &r->dups[i];
			snprintf(buf, sizeof buf, "  %s %ld: %s — %s",
				 tr(M_IMP_LINE), du->line,
				 tr_pick(du->reason_vi,
					 du->reason_en), du->existing);
			term_print(y++, 2, term_cols() - 4, TA_NORMAL, buf);
		}
	}
	if (can_write(v) && y < end) {
		if (r->nproblems) {
			char path[sizeof v->source + 16];
			snprintf(buf, sizeof buf, tr(M_IMP_WOULD_SKIP),
				 count_text(r->rejected, a, sizeof a),
				 count_text(r->inserted, b, sizeof b),
				 count_text(r->updated, c, sizeof c),
				 count_text(r->skipped, d, sizeof d));
			term_print(y++, 2, term_cols() - 4, TA_OK, buf);
			import_rejected_path(v->source, path, sizeof path);
			snprintf(buf, sizeof buf, "%s: %s %s",
				 tr(M_IMP_REJECTED_TO), base_name(path),
				 tr(M_IMP_SAME_FOLDER));
			if (y < end)
				term_print(y++, 2, term_cols() - 4,
					   TA_NORMAL, buf);
		} else {
			snprintf(buf, sizeof buf, tr(M_IMP_WOULD_WRITE),
				 count_text(r->inserted, b, sizeof b),
				 count_text(r->updated, c, sizeof c),
				 count_text(r->skipped, d, sizeof d));
			term_print(y++, 2, term_cols() - 4, TA_OK, buf);
		}
		if (y < end)
			term_print(y++, 2, term_cols() - 4, TA_DIM,
				   tr(M_IMP_HINT_WRITE));
	} else if (y < end) {
		snprintf(buf, sizeof buf, "%s: %d — %s",
			 tr(M_IMP_PROBLEMS), r->nproblems ? r->nproblems
							       : 1,
			 v->skip_bad
			 ? tr(M_IMP_NO_GOOD_LEFT)
			 : tr(M_IMP_FIX_AND_R));
		if (v->outcome == SX_OK && r->rows == 0)
			snprintf(buf, sizeof buf, "%s", tr(M_IMP_NO_DATA));
		term_print(y++, 2, term_cols() - 4, TA_ERROR, buf);
		if (!r->nproblems && v->outcome != SX_OK && y < end)
			term_print(y++, 4, term_cols() - 6, TA_NORMAL,
				   v->outcome_msg);
		if (!v->skip_bad && can_skip_bad(v) && y < end)
			term_print(y++, 2, term_cols() - 4, TA_DIM,
				   tr(M_IMP_HINT_B));
	}
	draw_problems(v, y, end);
}

static void draw_done(struct import_view *v, int y, int end)
{
	const struct import_result *r = &v->res;
	char buf[1600], a[32], b[32], c[32], d[32];

	snprintf(buf, sizeof buf, "%s: %s", tr(M_IMP_FILE), v->file);
	term_print(y++, 2, term_cols() - 4, TA_NORMAL, buf);
	y++;
	snprintf(buf, sizeof buf, tr(M_IMP_DONE_COUNTS),
		 count_text(r->inserted, a, sizeof a),
		 count_text(r->updated, b, sizeof b),
		 count_text(r->skipped, c, sizeof c),
		 count_text(r->rejected, d, sizeof d));
	term_print(y++, 2, term_cols() - 4, TA_OK, buf);
	if (v->rejected[0] && y < end) {
		if (v->rejected_failed)
			snprintf(buf, sizeof buf, "%s", v->rejected);
		else
			snprintf(buf, sizeof buf, "%s: %s %s",
				 tr(M_IMP_REJECTED_IN),
				 base_name(v->rejected),
				 tr(M_IMP_SAME_FOLDER));
		term_print(y++, 2, term_cols() - 4,
			   v->rejected_failed ? TA_ERROR : TA_NORMAL, buf);
	}
	y++;
	if (y < end)
		term_print(y, 2, term_cols() - 4, TA_DIM, tr(M_IMP_HINT_AGAIN));
}

static void draw_busy(struct import_view *v, int y)
{
	char buf[1600], a[32], b[32];

	snprintf(buf, sizeof buf, "%s: %s", tr(M_IMP_FILE), v->file);
	term_print(y++, 2, term_cols() - 4, TA_NORMAL, buf);
	y++;
	if (v->busy == 2 && v->total && v->done == v->total)
		/* the rows are in; a large import then rebuilds its
		 * indexes and commits, which takes a moment more */
		snprintf(buf, sizeof buf, "%s", tr(M_IMP_FINISHING));
	else
		snprintf(buf, sizeof buf, "%s %s/%s %s (%ld%%)…",
			 v->busy == 1 ? tr(M_IMP_CHECKING)
				      : tr(M_IMP_WRITING),
			 count_text(v->done, a, sizeof a),
			 count_text(v->total, b, sizeof b),
			 tr(M_IMP_ROWS),
			 v->total ? v->done * 100 / v->total : 0L);
	term_print(y, 2, term_cols() - 4, TA_HEADER, buf);
}

static void draw(struct app *app, void *state, int top, int rows)
{
	struct import_view *v = state;
	const struct sx_kind_def *def;
	char title[300];
	int y = top, end = top + rows;

	if (!v)
		return;
	if (v->stale && v->step == STEP_CHECKED && v->data && !v->busy) {
		v->in_draw = 1;
		run(app, v, 1);
		v->in_draw = 0;
	}
	v->stale = 0;
	def = cur_kind(v);
	snprintf(title, sizeof title, "%s — %s",
		 tr(M_IMP_TITLE),
		 tr_pick(def->label_vi, def->label_en));
	term_print(y++, 1, term_cols() - 2, TA_HEADER, title);
	y++;
	if (v->busy) {
		draw_busy(v, y);
		return;
	}
	switch (v->step) {
	case STEP_CHOOSE:
		draw_choose(app, v, y, end);
		break;
	case STEP_CHECKED:
		draw_checked(v, y, end);
		break;
	case STEP_DONE:
		draw_done(v, y, end);
		break;
	}
}

static void back_to_choose(struct import_view *v)
{
	drop_file(v);
	v->step = STEP_CHOOSE;
	v->focus = 1;
}

static int key_choose(struct app *app, struct import_view *v, int k)
{
	switch (k) {
	case TK_TAB: case TK_BTAB:
		v->focus = !v->focus;   /* two fields: Tab goes round */
		return 1;
	case TK_DOWN:
		v->focus = 1;
		return 1;
	case TK_UP:
		v->focus = 0;
		return 1;
	case TK_ESC:
		if (v->focus == 1) {
			v->focus = 0;   /* out of the text: keys are keys */
			return 1;
		}
		return 0;
	case TK_ENTER:
		if (v->focus == 0) {
			v->focus = 1;
			return 1;
		}
		if (read_file(v) == 0) {
			v->policy = IMPORT_DUP_SKIP;
			v->skip_bad = 0;
			v->enc_i = 0;
			check(app, v);
		}
		return 1;
	}
	if (v->focus == 0) {
		if (k == ' ' || k == TK_RIGHT) {
			v->kind_i = (v->kind_i + 1) % NKINDS;
			return 1;
		}
		if (k == TK_LEFT) {
			v->kind_i = (v->kind_i + NKINDS - 1) % NKINDS;
			return 1;
		}
		return 0;
	}
	if (field_key(&v->path, k) != FIELD_IGNORED) {
		v->error[0] = 0;
		return 1;
	}
	return 0;
}

static int key_checked(struct app *app, struct import_view *v, int k)
{
	switch (k) {
	case TK_ESC:
		back_to_choose(v);
		return 1;
	case TK_ENTER: case TK_F2: case TK_CTRL('s'):
		ask_write(app, v);
		return 1;
	case 'e': case 'E':
		/* the next encoding, or back to detection after the last */
		v->enc_i = (v->enc_i + (k == 'e' ? 1 : SXE_COUNT)) %
			   (SXE_COUNT + 1);
		check(app, v);
		app_status(app, TA_NORMAL, "%s: %s",
			   tr(M_IMP_ENCODING),
			   v->enc_i ? encoding_label(
					(enum sx_encoding)(v->enc_i - 1),
					i18n_lang())
				    : tr(M_IMP_DETECT));
		return 1;
	case 'b':
		if (!can_skip_bad(v)) {
			app_status(app, TA_NORMAL, "%s", tr(M_IMP_NO_BAD_ROW));
			return 1;
		}
		v->skip_bad = !v->skip_bad;
		check(app, v);
		return 1;
	case 'd':
		if (!v->res.ndups)
			return 1;
		v->policy = v->policy == IMPORT_DUP_SKIP ? IMPORT_DUP_UPDATE
							 : IMPORT_DUP_SKIP;
		check(app, v);
		return 1;
	case 'r':
		if (read_file(v) == 0)
			check(app, v);
		else
			app_status(app, TA_ERROR, "%s", v->error);
		return 1;
	case TK_UP:
		if (v->scroll > 0)
			v->scroll--;
		return 1;
	case TK_DOWN:
		v->scroll++;   /* draw keeps it in range */
		return 1;
	case TK_PGUP:
		v->scroll = v->scroll > 10 ? v->scroll - 10 : 0;
		return 1;
	case TK_PGDN:
		v->scroll += 10;
		return 1;
	}
	return 0;
}

static int key(struct app *app, void *state, int k)
{
	struct import_view *v = state;

	if (!v)
		return 0;
	switch (v->step) {
	case STEP_CHOOSE:
		return key_choose(app, v, k);
	case STEP_CHECKED:
		return key_checked(app, v, k);
	case STEP_DONE:
		if (k == TK_ESC || k == TK_ENTER) {
			back_to_choose(v);
			return 1;
		}
		return 0;
	}
	return 0;
}

/* The file name takes every letter (digits, q) while it has the focus. */
static int typing(void *state)
{
	const struct import_view *v = state;

	return v && v->step == STEP_CHOOSE && v->focus == 1;
}

static const struct bar_item bar_items[] = {
	{"F1", M_KEY_HELP}, {"Enter", M_KEY_IMPORT_CHECK},
	{"e", M_KEY_ENCODING}, {"d", M_KEY_DUPLICATES}, {"b", M_KEY_SKIP_BAD},
	{"Esc", M_KEY_BACK},
	{"F10", M_KEY_QUIT}, {NULL, M_COUNT}
};

static const enum i18n_msg help[] = {
	M_H_IMPORT_STEPS, M_H_IMPORT_KEYS, M_H_IMPORT_SAFE, M_COUNT
};

const struct screen_ops screen_import = {
	"import", M_IMPORT, M_TAB_IMPORT, open_screen, close_screen, draw,
	key, changed, typing, bar_items, help, NULL
};

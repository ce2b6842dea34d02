/* bench_report.c — building the periodic report at scale (issue 3).
 *
 * On the realistic district (SXSH_BENCH_DB_SMALL: 2,000 facilities,
 * ~20,000 related rows) times report_build for a 6-month period and a
 * year, in process (goal: median < 20 ms), and prints the size of the
 * canonical JSON of the 6-month report, raw and gzipped.
 *
 * On the stress set (SXSH_BENCH_DB_LARGE: 100,000 facilities, ~1,000,000
 * related rows) times report_build in process (goal < 1 s), then runs
 * `sxsh report build` as a user would (wall time and its peak memory,
 * goal < 32 MB) and the stock sqlite3 tool on the report's own SQL
 * (report_sql) on the same file; goal: ours within 2× of sqlite3.
 *
 * report_check of the 6-month period, in process: goals < 50 ms on the
 * realistic district and < 2 s on the stress set (issue 13).
 *
 * The PDF of the realistic district's 6-month report (issue 13): the
 * first one in a process (it loads cairo and pango and reads the font
 * configuration) and the median of the next ones, in process, and `sxsh
 * report build --format pdf` as a program; goals < 300 ms and < 500 KB.
 *
 * Read-only: the files are opened read-only, as generated.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "bench.h"
#include "sxsh/db.h"
#include "sxsh/report.h"
#include "sxsh/report_check.h"

#define PERIOD_HALF "2018S1"
#define PERIOD_YEAR "2018"

static struct sx_db *open_ro(const char *path)
{
	struct sx_db *db = NULL;
	struct sx_error err = {0};

	if (sx_db_open(path, SX_OPEN_READONLY | SX_OPEN_NOCREATE, &db, &err)) {
		printf("cannot open %s: %s\n", path, err.msg);
		return NULL;
	}
	return db;
}

/* Times report_build reps times; returns the number of goals missed. */
static int time_build(struct sx_db *db, const char *period, int reps,
		      const char *what, double goal_ms, size_t *len_out,
		      char **json_out)
{
	struct bench_samples wall = {0}, cpu = {0};
	struct sx_error err = {0};
	char label[96];
	int missed;

	for (int i = 0; i < reps; i++) {
		char *json = NULL;
		size_t len = 0;
		double t0 = bench_now_ms(), c0 = bench_cpu_ms();
		if (report_build(db, period, &json, &len, &err)) {
			printf("report_build %s failed: %s\n", period, err.msg);
			bench_samples_release(&wall);
			bench_samples_release(&cpu);
			return 1;
		}
		bench_samples_add(&wall, bench_now_ms() - t0);
		bench_samples_add(&cpu, bench_cpu_ms() - c0);
		if (i == reps - 1 && json_out) {
			*json_out = json;
			*len_out = len;
		} else {
			free(json);
		}
	}
	missed = bench_row_ms(what, bench_median(&wall), bench_worst(&wall),
			      goal_ms, 0);
	snprintf(label, sizeof label, "  (CPU time of the same)");
	bench_row_ms(label, bench_median(&cpu), bench_worst(&cpu), 0, 0);
	bench_samples_release(&wall);
	bench_samples_release(&cpu);
	return missed;
}

static long gzip_size(const char *data, size_t len)
{
	z_stream z;
	unsigned char *out;
	uLong cap = compressBound((uLong)len) + 32;
	long size = -1;

	memset(&z, 0, sizeof z);
	out = malloc(cap);
	if (!out)
		return -1;
	/* windowBits 15 + 16: a gzip wrapper, as `gzip -9` writes */
	if (deflateInit2(&z, 9, Z_DEFLATED, 31, 9, Z_DEFAULT_STRATEGY) == Z_OK) {
		z.next_in = (Bytef *)data;
		z.avail_in = (uInt)len;
		z.next_out = out;
		z.avail_out = (uInt)cap;
		if (deflate(&z, Z_FINISH) == Z_STREAM_END)
			size = (long)z.total_out;
		deflateEnd(&z);
	}
	free(out);
	return size;
}

/* Times report_check reps times against goal_ms (median and worst);
 * returns the goals missed. */
static int time_check(struct sx_db *db, int reps, const char *what,
		      double goal_ms)
{
	struct bench_samples wall = {0}, cpu = {0};
	char label[96];
	int missed, findings = 0;

	for (int i = 0; i < reps; i++) {
		struct sx_check c = {0};
		struct sx_error err = {0};
		double t0 = bench_now_ms(), c0 = bench_cpu_ms();
		if (report_check(db, PERIOD_HALF, &c, &err)) {
			printf("report_check failed: %s\n", err.msg);
			bench_samples_release(&wall);
			bench_samples_release(&cpu);
			return 1;
		}
		bench_samples_add(&wall, bench_now_ms() - t0);
		bench_samples_add(&cpu, bench_cpu_ms() - c0);
		findings = c.n;
		report_check_release(&c);
	}
	missed = bench_row_ms(what, bench_median(&wall), bench_worst(&wall),
			      goal_ms, goal_ms);
	snprintf(label, sizeof label, "  (CPU time of the same; %d findings)",
		 findings);
	bench_row_ms(label, bench_median(&cpu), bench_worst(&cpu), 0, 0);
	bench_samples_release(&wall);
	bench_samples_release(&cpu);
	return missed;
}

/* The PDF of json: the first render (libraries loaded then) and the
 * median of the next ones; its size.  Returns the goals missed. */
static int time_pdf(const char *json, const char *path)
{
	struct bench_samples wall = {0};
	struct sx_render_opts o = {"vi", "2018-07-05", "draft", NULL};
	struct sx_error err = {0};
	double first = 0, first_cpu = 0;
	size_t size = 0;
	int missed = 0;

	for (int i = 0; i < 11; i++) {
		char *pdf = NULL;
		double t0 = bench_now_ms(), c0 = bench_cpu_ms();
		if (report_render(json, SX_REPORT_PDF, &o, &pdf, &size,
				  &err)) {
			printf("PDF failed: %s\n", err.msg);
			bench_samples_release(&wall);
			return 1;
		}
		double ms = bench_now_ms() - t0;
		if (i == 0) {
			first = ms;
			first_cpu = bench_cpu_ms() - c0;
		} else
			bench_samples_add(&wall, ms);
		free(pdf);
	}
	missed += bench_row_ms("PDF of " PERIOD_HALF ", first in process", first,
			       first, 0, 300);
	bench_row_ms("  (CPU time of the same)", first_cpu, first_cpu, 0, 0);
	missed += bench_row_ms("PDF of " PERIOD_HALF ", next ones",
			       bench_median(&wall), bench_worst(&wall), 300,
			       300);
	bench_samples_release(&wall);
	int big = size >= 500 * 1024;
	bench_row_value("PDF of " PERIOD_HALF ", size", "%zu bytes   goal < "
			"512000 bytes%s", size, big ? "  MISSED" : "  ok");
	missed += big;

	const char *bin = getenv("SXSH_BIN");
	if (bin && *bin) {
		struct bench_run run = {0};
		double best = 1e18;
		char *argv[] = {(char *)bin, "--db", (char *)path, "report",
				"build", "--period", PERIOD_HALF, "--format",
				"pdf", "-o", "/dev/null", NULL};
		for (int i = 0; i < 3; i++) {
			if (bench_run_child(argv, 1, &run) || run.status) {
				printf("sxsh report build --format pdf failed "
				       "(status %d)\n", run.status);
				return missed + 1;
			}
			if (run.wall_ms < best)
				best = run.wall_ms;
		}
		missed += bench_row_ms("sxsh report build --format pdf "
				       "(program)", best, best, 0, 300);
	}
	return missed;
}

static int small_set(const char *path)
{
	struct sx_db *db = open_ro(path);
	char *json = NULL;
	size_t len = 0;
	int missed = 0;

	if (!db)
		return 1;
	bench_title("report on the realistic district (%s)", path);
	missed += time_build(db, PERIOD_HALF, 21, "report_build " PERIOD_HALF
			     " (in process)", 20, &len, &json);
	missed += time_build(db, PERIOD_YEAR, 21, "report_build " PERIOD_YEAR
			     " (in process)", 20, NULL, NULL);
	missed += time_check(db, 21, "report_check " PERIOD_HALF
			     " (in process)", 50);
	if (getenv("SXSH_BIN")) {
		/* as a user runs it: start-up and opening the file too */
		char *argv[] = {getenv("SXSH_BIN"), "--db", (char *)path,
				"report", "check", "--period", PERIOD_HALF,
				NULL};
		struct bench_run run = {0};
		double best = 1e18;
		for (int i = 0; i < 5; i++) {
			if (bench_run_child(argv, 1, &run) ||
			    (run.status != 0 && run.status != 2))
				break;
			if (run.wall_ms < best)
				best = run.wall_ms;
		}
		bench_row_ms("sxsh report check " PERIOD_HALF " (program)",
			     best, best, 0, 0);
	}
	if (json) {
		bench_row_value("canonical JSON of " PERIOD_HALF ", raw",
				"%zu bytes", len);
		bench_row_value("canonical JSON of " PERIOD_HALF ", gzip -9",
				"%ld bytes", gzip_size(json, len));
		missed += time_pdf(json, path);
		free(json);
	}
	sx_db_close(db);
	return missed;
}

/* Writes the sqlite3 shell script that runs the report's SQL. */
static int write_sql_script(const char *path)
{
	FILE *f = fopen(path, "w");
	const char *sql;

	if (!f)
		return -1;
	/* the shell strips one level of quotes from dot-command arguments:
	 * without the inner ones 2018-06-30 would be the number 1982 */
	fprintf(f, ".parameter set ?1 \"'2018-06-30'\"\n"
		".parameter set ?2 \"'2018-01-01'\"\n"
		".parameter set ?3 \"'2016-01-01'\"\n"
		".parameter set ?4 2018\n"
		".output /dev/null\n");
	for (int i = 0; (sql = report_sql(i)); i++)
		fprintf(f, "%s;\n", sql);
	return fclose(f);
}

static int large_set(const char *path)
{
	struct sx_db *db = open_ro(path);
	const char *bin = getenv("SXSH_BIN");
	char script[512], cmd[2048], *json = NULL;
	struct bench_run ours = {0}, theirs = {0};
	size_t len = 0;
	int missed = 0;

	if (!db)
		return 1;
	bench_title("report on the stress set (%s)", path);
	missed += time_build(db, PERIOD_HALF, 5, "report_build " PERIOD_HALF
			     " (in process)", 1000, &len, &json);
	missed += time_check(db, 5, "report_check " PERIOD_HALF
			     " (in process)", 2000);
	sx_db_close(db);
	if (json) {
		bench_row_value("canonical JSON of " PERIOD_HALF ", raw",
				"%zu bytes", len);
		bench_row_value("canonical JSON of " PERIOD_HALF ", gzip -9",
				"%ld bytes", gzip_size(json, len));
		free(json);
	}

	snprintf(script, sizeof script, "%s/sxsh-bench-report-%d.sql",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
	if (write_sql_script(script)) {
		printf("cannot write %s\n", script);
		return missed + 1;
	}
	/* warm the page cache alike for both */
	snprintf(cmd, sizeof cmd, "sqlite3 -readonly '%s' < '%s'", path,
		 script);
	char *sh_argv[] = {"/bin/sh", "-c", cmd, NULL};
	double best_sqlite = 1e18;
	for (int i = 0; i < 3; i++) {
		if (bench_run_child(sh_argv, 1, &theirs) || theirs.status) {
			printf("sqlite3 tool failed (status %d)\n",
			       theirs.status);
			remove(script);
			return missed + 1;
		}
		if (theirs.wall_ms < best_sqlite)
			best_sqlite = theirs.wall_ms;
	}
	remove(script);
	bench_row_ms("stock sqlite3 running the report's SQL", best_sqlite,
		     best_sqlite, 0, 0);

	if (bin && *bin) {
		char *argv[] = {(char *)bin, "--db", (char *)path, "report",
				"build", "--period", PERIOD_HALF, "--format",
				"json", "-o", "/dev/null", NULL};
		double best = 1e18;
		long rss = 0;
		for (int i = 0; i < 3; i++) {
			if (bench_run_child(argv, 1, &ours) || ours.status) {
				printf("sxsh report build failed (status "
				       "%d)\n", ours.status);
				return missed + 1;
			}
			if (ours.wall_ms < best)
				best = ours.wall_ms;
			if (ours.peak_rss_kb > rss)
				rss = ours.peak_rss_kb;
		}
		missed += bench_row_ms("sxsh report build " PERIOD_HALF
				       " (program)", best, best, 1000, 0);
		int slow = best > 2 * best_sqlite;
		printf("%-44s %7.2f ×        goal < 2 ×%s\n",
		       "  ratio to stock sqlite3", best / best_sqlite,
		       slow ? "  MISSED" : "  ok");
		missed += slow;
		int fat = rss >= 32 * 1024;
		bench_row_value("  peak memory of sxsh report build",
				"%ld KiB        goal < 32768 KiB%s", rss,
				fat ? "  MISSED" : "  ok");
		missed += fat;
	} else {
		printf("(program run skipped: SXSH_BIN not set)\n");
	}
	return missed;
}

int main(void)
{
	const char *small = bench_db_from_env("SXSH_BENCH_DB_SMALL");
	const char *large = bench_db_from_env("SXSH_BENCH_DB_LARGE");
	int missed = 0;

	if (small)
		missed += small_set(small);
	if (large)
		missed += large_set(large);
	if (missed)
		printf("%d report goal(s) MISSED\n", missed);
	return 0;
}

/* bench_core.c — the district database at scale (issue 2).
 *
 * On the large generated district (SXSH_BENCH_DB_LARGE, 100,000 facilities
 * and ~1,000,000 related rows) measures, for every prefix of a few names
 * as a user types them ("Mường La", "duc", "nguyen van duc"):
 *   - the first page (20 rows) of the diacritic-blind search, in process
 *     (goal: median < 0.2 ms, worst < 2 ms);
 *   - the hit count, record_count (goal: worst < 20 ms);
 * then `sxsh status` on that file (wall time and peak memory, as a user
 * runs it) and the size of the database.  Read-only: the file is opened
 * read-only so the next bench finds it as generated.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench.h"
#include "sxsh/db.h"
#include "sxsh/record.h"

#define REPS 7          /* timings per prefix; the first one is cold-ish */
#define PAGE 20

static const char *const typed_names[] = {
	"Mường La", "duc", "nguyen van duc",
};

/* Length in bytes of the first n UTF-8 characters of s. */
static size_t utf8_prefix_len(const char *s, int n)
{
	size_t i = 0;
	while (s[i] && n > 0) {
		i++;
		while ((s[i] & 0xC0) == 0x80)
			i++;
		n--;
	}
	return i;
}

static int utf8_chars(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += (*s & 0xC0) != 0x80;
	return n;
}

struct totals {
	struct bench_samples page, count;          /* wall clock */
	struct bench_samples page_cpu, count_cpu;  /* this thread's CPU */
	int failures;
};

static void bench_prefix(struct sx_db *db, const char *prefix,
			 struct totals *t)
{
	struct bench_samples page = {0}, count = {0};
	struct sx_error err = {0};
	long long hits = -1;
	int rows = -1;
	struct sx_list_query q;
	memset(&q, 0, sizeof q);
	q.kind = SXK_FACILITY;
	q.text = prefix;
	q.sort = SXS_NAME;
	q.limit = PAGE;

	for (int r = 0; r < REPS; r++) {
		struct sx_page pg = {0};
		double c0 = bench_cpu_ms();
		double t0 = bench_now_ms();
		enum sx_err rc = record_list(db, &q, &pg, &err);
		double ms = bench_now_ms() - t0;
		double cpu = bench_cpu_ms() - c0;
		if (rc != SX_OK) {
			printf("record_list(\"%s\"): %s\n", prefix, err.msg);
			t->failures++;
			return;
		}
		rows = pg.count;
		page_release(&pg);
		bench_samples_add(&page, ms);
		bench_samples_add(&t->page, ms);
		bench_samples_add(&t->page_cpu, cpu);

		c0 = bench_cpu_ms();
		t0 = bench_now_ms();
		rc = record_count(db, &q, &hits, &err);
		ms = bench_now_ms() - t0;
		cpu = bench_cpu_ms() - c0;
		if (rc != SX_OK) {
			printf("record_count(\"%s\"): %s\n", prefix, err.msg);
			t->failures++;
			break;
		}
		bench_samples_add(&count, ms);
		bench_samples_add(&t->count, ms);
		bench_samples_add(&t->count_cpu, cpu);
	}
	if (rows < (hits < PAGE ? hits : PAGE)) {
		printf("\"%s\": page has %d rows but count says %lld\n",
		       prefix, rows, hits);
		t->failures++;
	}
	char label[80];
	snprintf(label, sizeof label, "\"%s\"", prefix);
	printf("  ");
	bench_print_padded(label, 20);
	printf(" %8.3f %8.3f %9lld %9.3f %9.3f\n",
	       bench_median(&page), bench_worst(&page), hits,
	       bench_median(&count), bench_worst(&count));
	bench_samples_release(&page);
	bench_samples_release(&count);
}

/* `sxsh --db FILE status`, run as a user would: wall time and peak RSS. */
static int bench_status(const char *path)
{
	const char *bin = getenv("SXSH_BIN");
	struct bench_samples wall = {0};
	long peak = 0;
	if (!bin || !*bin) {
		printf("(sxsh status skipped: SXSH_BIN is not set)\n");
		return 0;
	}
	for (int r = 0; r < 5; r++) {
		char *argv[] = {(char *)bin, "--db", (char *)path, "status",
				NULL};
		struct bench_run run;
		if (bench_run_child(argv, 1, &run) != 0 || run.status != 0) {
			printf("sxsh status failed (exit %d)\n",
			       run.status);
			bench_samples_release(&wall);
			return 1;
		}
		bench_samples_add(&wall, run.wall_ms);
		if (run.peak_rss_kb > peak)
			peak = run.peak_rss_kb;
	}
	bench_row_ms("sxsh status, wall time (5 runs)", bench_median(&wall),
		     bench_worst(&wall), 0, 0);
	bench_row_value("sxsh status, peak memory (max RSS)", "%.1f MB",
			(double)peak / 1024.0);
	bench_samples_release(&wall);
	return 0;
}

int main(void)
{
	const char *path = bench_db_from_env("SXSH_BENCH_DB_LARGE");
	struct sx_error err = {0};
	struct sx_db *db = NULL;
	struct totals t;
	memset(&t, 0, sizeof t);
	if (!path)
		return 0;

	double t0 = bench_now_ms();
	if (sx_db_open(path, SX_OPEN_READONLY | SX_OPEN_NOCREATE, &db,
		       &err) != SX_OK) {
		printf("cannot open %s: %s\n", path, err.msg);
		return 1;
	}
	double open_ms = bench_now_ms() - t0;
	long long counts[SXK_COUNT] = {0};
	if (record_count_all(db, counts, &err) != SX_OK) {
		printf("record_count_all: %s\n", err.msg);
		sx_db_close(db);
		return 1;
	}

	bench_title("core: search over %lld facilities", counts[SXK_FACILITY]);
	printf("  %-20s %8s %8s %9s %9s %9s\n", "typed", "page med",
	       "worst", "hits", "count med", "worst");
	printf("  %-20s %8s %8s %9s %9s %9s\n", "", "(ms)", "(ms)", "", "(ms)",
	       "(ms)");
	for (unsigned i = 0; i < sizeof typed_names / sizeof *typed_names;
	     i++) {
		const char *name = typed_names[i];
		for (int n = 1; n <= utf8_chars(name); n++) {
			char prefix[64];
			size_t len = utf8_prefix_len(name, n);
			memcpy(prefix, name, len);
			prefix[len] = '\0';
			bench_prefix(db, prefix, &t);
		}
	}
	printf("\n");
	bench_row_value("database opened (read-only)", "%.3f ms", open_ms);
	int missed = 0;
	missed += bench_row_ms("first page of 20, every prefix",
			       bench_median(&t.page), bench_worst(&t.page),
			       0.2, 2.0);
	missed += bench_row_ms("hit count, every prefix",
			       bench_median(&t.count), bench_worst(&t.count),
			       0, 20.0);
	/* CPU time: what the search itself costs, without the ticks other
	 * processes took from us. */
	bench_row_ms("first page, CPU time of this thread",
		     bench_median(&t.page_cpu), bench_worst(&t.page_cpu), 0, 0);
	bench_row_ms("hit count, CPU time of this thread",
		     bench_median(&t.count_cpu), bench_worst(&t.count_cpu), 0,
		     0);

	long long related = 0;
	for (int k = 1; k < SXK_COUNT; k++)
		related += counts[k];
	sx_db_close(db);
	bench_samples_release(&t.page);
	bench_samples_release(&t.count);
	bench_samples_release(&t.page_cpu);
	bench_samples_release(&t.count_cpu);

	int status_failed = bench_status(path);
	long long size = bench_file_size(path);
	char wal[4096];
	snprintf(wal, sizeof wal, "%s-wal", path);
	long long wal_size = bench_file_size(wal);
	bench_row_value("database size", "%.1f MB (%lld facilities, %lld "
			"related rows)%s", (double)size / 1048576.0,
			counts[SXK_FACILITY], related,
			wal_size > 0 ? " + WAL" : "");
	bench_row_value("bench process peak memory", "%.1f MB",
			(double)bench_peak_rss_kb() / 1024.0);
	if (missed)
		printf("%d goal(s) missed\n", missed);
	return t.failures || status_failed ? 1 : 0;
}

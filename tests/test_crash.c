/* test_crash.c — committed data survives a crash; a newer file is refused.
 *
 * A child process writes facilities in a loop, in transactions of one to
 * three records, and reports each record's uuid through a pipe only after
 * the commit returned.  The parent kills it with SIGKILL at random
 * moments — during open, during a write, between writes — 50 times, on the
 * same file.  After every kill: the file passes integrity and foreign-key
 * checks, every uuid reported is there, and the transaction the child was
 * in when it died is there whole or not at all.
 *
 * The seed is printed; SXSH_CRASH_SEED=N repeats a run.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdint.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "helpers.h"
#include "sxsh/record.h"
#include "bench/datagen.h"

#define ROUNDS 50
#define BATCHES_PER_ROUND 100000  /* tax-code serials set aside per round */

/* Records in batch b: 1, 2, 3, 1, 2, 3, … */
static int batch_size(long b)
{
	return 1 + (int)(b % 3);
}

/* The token naming every record of one batch; ends in a letter so that a
 * prefix search for batch 7 does not also find batch 70. */
static void batch_token(char *out, size_t n, int round, long b)
{
	snprintf(out, n, "r%db%ldz", round, b);
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, buf, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

/* The child: never returns.  Exit codes say where it stopped on its own
 * (the parent expects it to die by SIGKILL only). */
static void writer(const char *path, int round, int fd)
{
	struct sx_db *db = NULL;
	struct sx_error err = {0};
	struct sx_problems problems;
	uint64_t tax_seq = (uint64_t)round * BATCHES_PER_ROUND * 3;
	problems_init(&problems);
	if (sx_db_open(path, 0, &db, &err) != SX_OK)
		_exit(10);
	for (long b = 0;; b++) {
		char token[32], report[3 * (SX_UUID_LEN + 1) + 1];
		size_t len = 0;
		int k = batch_size(b);
		batch_token(token, sizeof token, round, b);
		/* A single record relies on record_save's own transaction;
		 * more share an explicit one. */
		if (k > 1 && sx_db_begin(db, &err) != SX_OK)
			_exit(11);
		for (int j = 0; j < k; j++) {
			struct sx_record *rec = record_new(SXK_FACILITY);
			char name[96], tax[11];
			if (!rec)
				_exit(12);
			snprintf(name, sizeof name,
				 "Cơ sở thử nghiệm Đức %s %d", token, j);
			dg_taxcode_next(&tax_seq, 12345, tax);
			if (record_set(rec, "name", name) ||
			    record_set(rec, "kind", "enterprise") ||
			    record_set(rec, "tax_code", tax) ||
			    record_set(rec, "vsic", "10760") ||
			    record_set(rec, "commune", "03985") ||
			    record_set(rec, "status", "active"))
				_exit(13);
			problems_clear(&problems);
			if (record_save(db, rec, &problems, &err) != SX_OK)
				_exit(14);
			memcpy(report + len, rec->uuid, SX_UUID_LEN);
			report[len + SX_UUID_LEN] = '\n';
			len += SX_UUID_LEN + 1;
			record_free(rec);
		}
		if (k > 1 && sx_db_commit(db, &err) != SX_OK)
			_exit(15);
		/* One write below PIPE_BUF: the parent sees the batch whole
		 * or not at all. */
		if (write_all(fd, report, len) != 0)
			_exit(16);
	}
}

static long long count_text(struct sx_db *db, const char *text)
{
	struct sx_list_query q;
	struct sx_error err = {0};
	long long n = -1;
	memset(&q, 0, sizeof q);
	q.kind = SXK_FACILITY;
	q.text = text;
	cr_assert_eq(record_count(db, &q, &n, &err), SX_OK, "%s", err.msg);
	return n;
}

struct reported {
	char (*uuids)[SX_UUID_LEN + 1];
	long n, cap;
};

static void reported_add(struct reported *r, const char *uuid)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->uuids = realloc(r->uuids, (size_t)r->cap * sizeof *r->uuids);
		cr_assert_not_null(r->uuids);
	}
	memcpy(r->uuids[r->n], uuid, SX_UUID_LEN);
	r->uuids[r->n][SX_UUID_LEN] = '\0';
	r->n++;
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Reads what the child wrote into buf (grown); returns bytes held. */
static size_t drain(int fd, char **buf, size_t *cap, size_t len)
{
	for (;;) {
		if (len + 4096 > *cap) {
			*cap = *cap ? *cap * 2 : 65536;
			*buf = realloc(*buf, *cap);
			cr_assert_not_null(*buf);
		}
		ssize_t r = read(fd, *buf + len, *cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return len;
		len += (size_t)r;
	}
}

/* Waits until the child reported something (or timeout_ms passed),
 * keeping what it read. */
static size_t wait_first_report(int fd, char **buf, size_t *cap,
				int timeout_ms)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	if (poll(&p, 1, timeout_ms) <= 0)
		return 0;
	if (*cap < 4096) {
		*cap = 65536;
		*buf = realloc(*buf, *cap);
		cr_assert_not_null(*buf);
	}
	ssize_t r = read(fd, *buf, 4096);
	return r > 0 ? (size_t)r : 0;
}

Test(crash, committed_writes_survive_sigkill, .timeout = 120)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct sx_error err = {0};
	struct reported rep = {0};
	char *buf = NULL;
	size_t cap = 0;
	uint64_t seed = (uint64_t)time(NULL) ^ (uint64_t)getpid() << 16;
	const char *env = getenv("SXSH_CRASH_SEED");
	long total_batches = 0, torn_checked = 0;
	if (env && *env)
		seed = strtoull(env, NULL, 10);
	cr_log_info("crash test seed %llu (SXSH_CRASH_SEED)",
		    (unsigned long long)seed);
	struct dg_rng rng = {seed};
	sx_db_close(db);

	for (int round = 0; round < ROUNDS; round++) {
		int fds[2];
		cr_assert_eq(pipe(fds), 0);
		fflush(NULL);
		pid_t pid = fork();
		cr_assert_neq(pid, -1);
		if (pid == 0) {
			close(fds[0]);
			writer(path, round, fds[1]);
		}
		close(fds[1]);

		size_t len = 0;
		if (round % 2 == 0) {
			/* Any moment from the start: often inside open. */
			sleep_ms((long)dg_below(&rng, 40));
		} else {
			/* Once writes flow: inside a commit or between. */
			len = wait_first_report(fds[0], &buf, &cap, 10000);
			cr_assert_gt(len, 0, "round %d: the writer never "
				     "committed", round);
			sleep_ms((long)dg_below(&rng, 50));
		}
		kill(pid, SIGKILL);
		int status = 0;
		cr_assert_eq(waitpid(pid, &status, 0), pid);
		cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
			  "round %d: the writer stopped on its own (exit %d)",
			  round, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		len = drain(fds[0], &buf, &cap, len);
		close(fds[0]);
		cr_assert_eq(len % (SX_UUID_LEN + 1), 0,
			     "round %d: a torn report line", round);

		/* Whole batches were reported; find how many. */
		long lines = (long)(len / (SX_UUID_LEN + 1)), b = 0, seen = 0;
		while (seen < lines) {
			seen += batch_size(b);
			b++;
		}
		cr_assert_eq(seen, lines, "round %d: a batch reported in part",
			     round);
		for (long i = 0; i < lines; i++)
			reported_add(&rep, buf + i * (SX_UUID_LEN + 1));
		total_batches += b;

		/* Reopen after the crash: recovery, then the checks. */
		int problems = 0;
		cr_assert_eq(sx_db_open(path, 0, &db, &err), SX_OK,
			     "round %d: reopen: %s", round, err.msg);
		cr_assert_eq(sx_db_check(db, &problems, &err), SX_OK,
			     "round %d: check: %s", round, err.msg);
		cr_assert_eq(problems, 0);
		/* The batch in flight at the kill: all of it or none. */
		char token[32];
		batch_token(token, sizeof token, round, b);
		long long in_flight = count_text(db, token);
		cr_assert(in_flight == 0 || in_flight == batch_size(b),
			  "round %d: batch %ld half committed (%lld of %d)",
			  round, b, in_flight, batch_size(b));
		torn_checked += batch_size(b) > 1;
		batch_token(token, sizeof token, round, b + 1);
		cr_assert_eq(count_text(db, token), 0);
		sx_db_close(db);
		db = NULL;
	}

	/* Every write reported as committed is there. */
	cr_assert_eq(sx_db_open(path, 0, &db, &err), SX_OK, "%s", err.msg);
	for (long i = 0; i < rep.n; i++) {
		struct sx_record *rec = NULL;
		cr_assert_eq(record_load(db, SXK_FACILITY, rep.uuids[i], &rec,
					 &err), SX_OK,
			     "reported uuid %s lost: %s", rep.uuids[i], err.msg);
		cr_assert_str_eq(record_get(rec, "status"), "active");
		record_free(rec);
	}
	long long live = count_text(db, "thu nghiem duc");
	cr_assert_geq(live, rep.n);
	sx_db_close(db);
	/* Not vacuous: half the kills landed among real writes. */
	cr_assert_geq(rep.n, ROUNDS / 2, "only %ld writes were reported",
		      rep.n);
	cr_log_info("crash: %ld writes in %ld batches reported, %lld stored, "
		    "%ld multi-record batches checked at the kill",
		    rep.n, total_batches, live, torn_checked);
	free(rep.uuids);
	free(buf);
}

Test(crash, newer_database_is_refused_and_left_untouched)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct sx_error err = {0};
	sx_db_close(db);

	/* What a later sxsh would leave: a higher schema version. */
	sqlite3 *h = NULL;
	cr_assert_eq(sqlite3_open(path, &h), SQLITE_OK);
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version=%d",
		 SX_SCHEMA_VERSION + 1);
	cr_assert_eq(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_close(h), SQLITE_OK);

	size_t len0 = 0, len1 = 0;
	unsigned char *before = th_read_file(path, &len0);
	const int modes[] = {SX_OPEN_DEFAULT, SX_OPEN_READONLY,
			     SX_OPEN_NOCREATE};
	for (unsigned i = 0; i < sizeof modes / sizeof *modes; i++) {
		db = NULL;
		memset(&err, 0, sizeof err);
		enum sx_err rc = sx_db_open(path, modes[i], &db, &err);
		cr_assert_neq(rc, SX_OK, "flags %d: a newer file was opened",
			      modes[i]);
		cr_assert_null(db);
		cr_assert_neq(err.msg[0], '\0', "refusal without a message");
	}
	unsigned char *after = th_read_file(path, &len1);
	cr_assert_eq(len1, len0, "the refused file changed size");
	cr_assert_eq(memcmp(before, after, len0), 0,
		     "the refused file changed");
	cr_assert_eq(th_user_version(path), SX_SCHEMA_VERSION + 1);
	free(before);
	free(after);
}

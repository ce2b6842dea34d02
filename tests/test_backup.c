/* test_backup.c — restore (checks first, keeps the replaced file, refuses
 * newer schemas and databases in use), the daily automatic backup, and a
 * backup taken while another process writes restoring to a consistent
 * state. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "helpers.h"
#include "sxsh/autobackup.h"
#include "sxsh/record.h"
#include "sxsh/restore.h"

static enum sx_err add_facility(struct sx_db *db, const char *name)
{
	struct sx_record *rec = record_new(SXK_FACILITY);
	enum sx_err e;

	if (!rec)
		return SX_NOMEM;
	record_set(rec, "name", name);
	record_set(rec, "kind", "household");
	record_set(rec, "vsic", "1072");
	record_set(rec, "commune", "03985");
	record_set(rec, "status", "active");
	e = record_save(db, rec, NULL, NULL);
	record_free(rec);
	return e;
}

static long facilities(struct sx_db *db)
{
	long long counts[SXK_COUNT];
	cr_assert_eq(record_count_all(db, counts, NULL), SX_OK);
	return (long)counts[SXK_FACILITY];
}

static void dir_of(const char *path, char *out, size_t n)
{
	snprintf(out, n, "%s", path);
	*strrchr(out, '/') = '\0';
}

static int count_matching(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	cr_assert_not_null(d, "%s", dir);
	while ((de = readdir(d)))
		if (!strncmp(de->d_name, prefix, strlen(prefix)))
			n++;
	closedir(d);
	return n;
}

Test(restore, puts_the_backup_back_and_keeps_the_replaced_file)
{
	char path[512], dir[512], bak[600], out[600];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct sx_error err = {0};
	char *text;
	FILE *f;
	long n;

	cr_assert_eq(add_facility(db, "Before the backup"), SX_OK);
	dir_of(path, dir, sizeof dir);
	th_path(bak, sizeof bak, dir, "b1.db");
	cr_assert_eq(sx_db_backup(db, bak, &err), SX_OK, "%s", err.msg);
	cr_assert_eq(add_facility(db, "After the backup"), SX_OK);
	sx_db_close(db);

	th_path(out, sizeof out, dir, "out.txt");
	cr_assert_eq(th_system("%s --db '%s' --lang en restore '%s' >'%s' "
			       "2>&1", th_bin(), path, bak, out), 0);
	f = fopen(out, "r");
	cr_assert_not_null(f);
	text = calloc(1, 4096);
	cr_assert_gt(fread(text, 1, 4095, f), 0);
	fclose(f);
	cr_assert(strstr(text, "sxsh.db.replaced-"), "%s", text);
	free(text);
	cr_assert_eq(count_matching(dir, "sxsh.db.replaced-"), 1);

	cr_assert_eq(sx_db_open(path, 0, &db, &err), SX_OK, "%s", err.msg);
	cr_assert_eq(facilities(db), 1, "the backup's state");
	sx_db_close(db);
	/* the replaced file still holds both */
	{
		DIR *d = opendir(dir);
		struct dirent *de;
		char kept[800] = "";
		while ((de = readdir(d)))
			if (!strncmp(de->d_name, "sxsh.db.replaced-", 17))
				snprintf(kept, sizeof kept, "%s/%s", dir,
					 de->d_name);
		closedir(d);
		cr_assert_eq(sx_db_open(kept, SX_OPEN_READONLY, &db, &err),
			     SX_OK, "%s", err.msg);
		n = facilities(db);
		sx_db_close(db);
		cr_assert_eq(n, 2);
	}
}

static void expect_refused(const char *db_path, const char *bad,
			   const char *expect)
{
	char dir[512], out[600], *text;
	struct sx_db *db = NULL;
	struct sx_error err = {0};
	FILE *f;
	int st;

	dir_of(db_path, dir, sizeof dir);
	th_path(out, sizeof out, dir, "refused.txt");
	st = th_system("%s --db '%s' --lang en restore '%s' >'%s' 2>&1",
		       th_bin(), db_path, bad, out);
	f = fopen(out, "r");
	cr_assert_not_null(f);
	text = calloc(1, 4096);
	/* a refusal says why: its message is on the output */
	cr_assert_gt(fread(text, 1, 4095, f), 0, "%s: no message", bad);
	cr_assert(!ferror(f));
	fclose(f);
	cr_expect_eq(st, 2, "%s: exit %d: %s", bad, st, text);
	cr_expect(strstr(text, expect), "%s: wanted \"%s\" in: %s", bad,
		  expect, text);
	free(text);
	cr_assert_eq(count_matching(dir, "sxsh.db.replaced-"), 0);
	cr_assert_eq(sx_db_open(db_path, 0, &db, &err), SX_OK, "%s", err.msg);
	cr_assert_eq(facilities(db), 1, "database unchanged");
	sx_db_close(db);
}

Test(restore, refuses_bad_backups_and_changes_nothing)
{
	char path[512], dir[512], newer[600], junk[600], broken[600];
	char notours[600];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct sx_error err = {0};
	FILE *f;

	cr_assert_eq(add_facility(db, "Kept"), SX_OK);
	dir_of(path, dir, sizeof dir);
	th_path(newer, sizeof newer, dir, "newer.db");
	th_path(junk, sizeof junk, dir, "junk.db");
	th_path(broken, sizeof broken, dir, "broken.db");
	th_path(notours, sizeof notours, dir, "notours.db");
	cr_assert_eq(sx_db_backup(db, newer, &err), SX_OK, "%s", err.msg);
	cr_assert_eq(sx_db_backup(db, broken, &err), SX_OK, "%s", err.msg);
	sx_db_close(db);

	cr_assert_eq(th_system("sqlite3 '%s' 'PRAGMA user_version=%d'", newer,
			       SX_SCHEMA_VERSION + 1), 0);
	expect_refused(path, newer, "newer than this program");

	f = fopen(junk, "w");
	fputs("name;kind\nA;b\n", f);
	fclose(f);
	expect_refused(path, junk, "not an SQLite file");

	cr_assert_eq(th_system("sqlite3 '%s' 'CREATE TABLE t(x)'", notours), 0);
	expect_refused(path, notours, "not an sxsh database");

	/* damage the pages after the header */
	f = fopen(broken, "r+b");
	cr_assert_not_null(f);
	fseek(f, 4096, SEEK_SET);
	for (int i = 0; i < 8192; i++)
		fputc(0x5A, f);
	fclose(f);
	expect_refused(path, broken, "damaged");

	expect_refused(path, "/nonexistent/backup.db", "cannot open");
}

Test(restore, refuses_a_database_in_use)
{
	char path[512], dir[512], bak[600], kept[600];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct sx_error err = {0};

	dir_of(path, dir, sizeof dir);
	th_path(bak, sizeof bak, dir, "b.db");
	cr_assert_eq(sx_db_backup(db, bak, &err), SX_OK, "%s", err.msg);
	cr_assert_eq(restore_file(path, bak, kept, sizeof kept, &err), SX_DB);
	cr_assert(strstr(err.msg, "open elsewhere"), "%s", err.msg);
	cr_assert_eq(add_facility(db, "still works"), SX_OK);
	sx_db_close(db);
	cr_assert_eq(restore_file(path, path, kept, sizeof kept, &err),
		     SX_INVALID);
}

/* ---- daily automatic backup --------------------------------------------- */

Test(autobackup, takes_one_a_day_and_keeps_seven)
{
	char path[512], dir[600], file[800], got[800];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct sx_error err = {0};
	int taken = 0;
	FILE *f;

	autobackup_dir(db, dir, sizeof dir);
	setenv("SXSH_NOW", "2026-01-10T08:00:00Z", 1);
	cr_assert_eq(autobackup_run(db, &taken, got, sizeof got, &err), SX_OK,
		     "%s", err.msg);
	cr_assert_eq(taken, 1);
	cr_assert(strstr(got, "/backups/sxsh-20260110T080000Z.db"), "%s", got);
	cr_assert_eq(restore_check(got, NULL, &err), SX_OK, "%s", err.msg);

	setenv("SXSH_NOW", "2026-01-11T07:59:59Z", 1);
	cr_assert_eq(autobackup_run(db, &taken, NULL, 0, &err), SX_OK);
	cr_assert_eq(taken, 0, "less than a day later");

	setenv("SXSH_NOW", "2026-01-11T08:00:00Z", 1);
	cr_assert_eq(autobackup_run(db, &taken, NULL, 0, &err), SX_OK);
	cr_assert_eq(taken, 1, "a day later");

	/* older backups beyond the newest seven go; other files stay */
	for (int d = 1; d <= 8; d++) {
		snprintf(file, sizeof file, "%s/sxsh-202512%02dT000000Z.db",
			 dir, d);
		f = fopen(file, "w");
		fclose(f);
	}
	snprintf(file, sizeof file, "%s/notes.txt", dir);
	f = fopen(file, "w");
	fclose(f);
	setenv("SXSH_NOW", "2026-01-13T09:00:00Z", 1);
	cr_assert_eq(autobackup_run(db, &taken, NULL, 0, &err), SX_OK);
	cr_assert_eq(taken, 1);
	cr_assert_eq(count_matching(dir, "sxsh-"), AUTOBACKUP_KEEP);
	cr_assert_eq(count_matching(dir, "notes.txt"), 1);
	snprintf(file, sizeof file, "%s/sxsh-20260113T090000Z.db", dir);
	cr_assert_eq(access(file, F_OK), 0);
	snprintf(file, sizeof file, "%s/sxsh-20251201T000000Z.db", dir);
	cr_assert_neq(access(file, F_OK), 0, "oldest removed");
	unsetenv("SXSH_NOW");
	sx_db_close(db);
}

/* ---- a backup during writes --------------------------------------------- */

Test(backup, taken_during_writes_restores_to_a_consistent_state)
{
	char path[512], dir[512], bak[600], target[600];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct sx_error err = {0};
	int pipefd[2];
	pid_t child;
	char ready;
	const int backups = 6;

	dir_of(path, dir, sizeof dir);
	cr_assert_eq(pipe(pipefd), 0);
	child = fork();
	cr_assert_neq(child, -1);
	if (child == 0) {
		/* the writer: its own connection, one record per
		 * transaction, named in order, until killed */
		struct sx_db *w = NULL;
		char name[32];
		close(pipefd[0]);
		if (sx_db_open(path, 0, &w, NULL) != SX_OK)
			_exit(3);
		for (int i = 1; i <= 100000; i++) {
			snprintf(name, sizeof name, "F%06d", i);
			if (add_facility(w, name) != SX_OK)
				_exit(4);
			if (i == 20 && write(pipefd[1], "r", 1) != 1)
				_exit(5);
		}
		_exit(0);
	}
	close(pipefd[1]);
	cr_assert_eq(read(pipefd[0], &ready, 1), 1, "writer started");
	close(pipefd[0]);
	for (int b = 0; b < backups; b++) {
		snprintf(bak, sizeof bak, "%s/during-%d.db", dir, b);
		cr_assert_eq(sx_db_backup(db, bak, &err), SX_OK, "%s", err.msg);
		usleep(50000);
	}
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	sx_db_close(db);

	for (int b = 0; b < backups; b++) {
		struct sx_db *r = NULL;
		struct sx_list_query q = {0};
		struct sx_page page = {0};
		char *after = NULL;
		long n, seen = 0, max = 0;
		int problems = 0;

		snprintf(bak, sizeof bak, "%s/during-%d.db", dir, b);
		snprintf(target, sizeof target, "%s/restored-%d.db", dir, b);
		cr_assert_eq(restore_file(target, bak, NULL, 0, &err), SX_OK,
			     "%s", err.msg);
		cr_assert_eq(sx_db_open(target, 0, &r, &err), SX_OK, "%s",
			     err.msg);
		cr_assert_eq(sx_db_check(r, &problems, &err), SX_OK, "%s",
			     err.msg);
		n = facilities(r);
		cr_assert_geq(n, 20, "backup %d has %ld", b, n);
		/* a consistent snapshot holds F000001..F00000n, no gap */
		do {
			q.kind = SXK_FACILITY;
			q.limit = 500;
			q.after = after;
			cr_assert_eq(record_list(r, &q, &page, &err), SX_OK);
			for (int i = 0; i < page.count; i++) {
				long k = atol(record_get(page.rows[i],
							 "name") + 1);
				if (k > max)
					max = k;
				seen++;
			}
			free(after);
			after = page.next_after ? strdup(page.next_after)
						: NULL;
			page_release(&page);
		} while (after);
		cr_assert_eq(seen, n);
		cr_assert_eq(max, n, "backup %d: %ld records, highest %ld", b,
			     n, max);
		sx_db_close(r);
	}
}

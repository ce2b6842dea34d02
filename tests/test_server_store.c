/* test_server_store.c — the server's store on core's SQLite toolkit: its
 * schema version and migrations, the refusal of a newer database by the
 * real sxsh-server (exit 5, file byte-identical), and every store call
 * read back through a reopened file. */
#include <sys/stat.h>
#include "helpers.h"
#include "../sync/server/store.h"

static void sql_exec(const char *path, const char *sql)
{
	sqlite3 *h = NULL;
	cr_assert_eq(sqlite3_open(path, &h), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK,
		     "%s: %s", sql, sqlite3_errmsg(h));
	cr_assert_eq(sqlite3_close(h), SQLITE_OK);
}

static struct srv_store *open_ok(const char *path)
{
	struct srv_store *st = NULL;
	struct sx_error err = {0};
	cr_assert_eq(store_open(path, &st, &err), SX_OK, "%s", err.msg);
	return st;
}

Test(server_store, a_new_store_is_at_the_latest_schema_version)
{
	char path[512];
	th_path(path, sizeof path, th_tmpdir(), "server.db");
	struct srv_store *st = open_ok(path);
	cr_assert_geq(store_schema_latest(), 1);
	cr_assert_eq(store_schema_version(st), store_schema_latest());
	store_close(st);
	/* Not stamped by every open: the file says it too, and reopening
	 * keeps it. */
	cr_assert_eq(th_user_version(path), store_schema_latest());
	st = open_ok(path);
	store_close(st);
	cr_assert_eq(th_user_version(path), store_schema_latest());
	struct stat sb;
	cr_assert_eq(stat(path, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600, "mode %o", sb.st_mode & 0777);
}

Test(server_store, a_version_1_file_of_an_older_server_migrates_and_keeps_data)
{
	char path[512];
	struct sx_error err = {0};
	th_path(path, sizeof path, th_tmpdir(), "server.db");
	struct srv_store *st = open_ok(path);
	cr_assert_eq(store_begin(st, &err), SX_OK);
	cr_assert_eq(store_district_add(st, "123", "Huyện Mộc Châu", "h-a",
					&err), SX_OK, "%s", err.msg);
	cr_assert_eq(store_end(st, SX_OK, &err), SX_OK, "%s", err.msg);
	store_close(st);
	/* Every server before migrations stamped 1 on its version-1 tables. */
	sql_exec(path, "PRAGMA user_version=1");

	st = open_ok(path);
	cr_assert_eq(store_schema_version(st), store_schema_latest());
	struct store_district d;
	cr_assert_eq(store_begin(st, &err), SX_OK);
	cr_assert_eq(store_district_get(st, "123", &d, &err), SX_OK, "%s",
		     err.msg);
	store_rollback(st);
	cr_assert_str_eq(d.name, "Huyện Mộc Châu");
	store_close(st);
}

/* Runs sxsh-server with args on db; its exit status, stderr in log. */
static int server_run(const char *db, const char *log, const char *args)
{
	return th_system("'%s' %s --db '%s' --lang en 2>'%s' >/dev/null",
			 th_server_bin(), args, db, log);
}

Test(server_store, a_newer_database_is_refused_with_exit_5_and_left_unchanged)
{
	char dir[256], db[512], log[512], wal[600];
	snprintf(dir, sizeof dir, "%s", th_tmpdir());
	th_path(db, sizeof db, dir, "server.db");
	th_path(log, sizeof log, dir, "server.log");
	snprintf(wal, sizeof wal, "%s-wal", db);
	cr_assert_eq(server_run(db, log, "district add 123"), 0);
	char bump[64];
	snprintf(bump, sizeof bump, "PRAGMA user_version=%d",
		 store_schema_latest() + 1);
	sql_exec(db, bump);

	size_t len0, len1;
	unsigned char *before = th_read_file(db, &len0);
	/* A read, writes, and serve (which opens the store before it reads
	 * its certificate). */
	const char *const commands[] = {
		"district list", "district add 124", "reference --deadline-days 9",
		"report accept --district 123 --period 2017S1",
		"serve --cert none.pem --key none.key"
	};
	for (unsigned i = 0; i < sizeof commands / sizeof *commands; i++) {
		cr_assert_eq(server_run(db, log, commands[i]), 5,
			     "%s: not refused with exit 5", commands[i]);
		cr_assert_eq(th_system("grep -q 'newer than this program' '%s'",
				       log), 0, "%s: no clear message",
			     commands[i]);
	}
	unsigned char *after = th_read_file(db, &len1);
	cr_assert_eq(len1, len0, "the refused file changed size");
	cr_assert_eq(memcmp(before, after, len0), 0, "the refused file changed");
	cr_assert_neq(access(wal, F_OK), 0, "a WAL was left beside it");
	free(before);
	free(after);
	cr_assert_eq(th_user_version(db), store_schema_latest() + 1);
}

static enum sx_err count_row(const struct store_row *row, void *arg)
{
	cr_assert_str_eq(row->district, "123");
	(*(int *)arg)++;
	return SX_OK;
}

static enum sx_err count_report(const struct store_report *r, void *arg)
{
	cr_assert_not_null(r->json);
	(*(int *)arg)++;
	return SX_OK;
}

static void count_district(const struct store_district *d, void *arg)
{
	(void)d;
	(*(int *)arg)++;
}

/* Each store call once, committed, then read back from a reopened file:
 * the queries behind the one-call toolkit forms bind what they should. */
Test(server_store, every_call_writes_what_a_reopened_store_reads)
{
	char path[512];
	struct sx_error err = {0};
	th_path(path, sizeof path, th_tmpdir(), "server.db");
	struct srv_store *st = open_ok(path);
	cr_assert_eq(store_begin(st, &err), SX_OK);
	enum sx_err rc = store_district_add(st, "123", "A", "h-a", &err);
	if (rc == SX_OK)
		rc = store_district_add(st, "124", "B", "h-b", &err);
	if (rc == SX_OK)
		rc = store_district_set_targets(st, "123", 4, -1, &err);
	if (rc == SX_OK)
		rc = store_district_revoke(st, "124", &err);
	if (rc == SX_OK)
		rc = store_meta_set_int(st, "deadline_days", 9, &err);
	long long rev1 = 0, rev2 = 0;
	struct store_row row = {
		"6f1c1f3e-1111-4111-8111-111111111111", "facility", "123", 0,
		0, "00000000-0000-4000-8000-000000000001",
		(char *)"{\"name\":\"x\"}"
	};
	if (rc == SX_OK)
		rc = store_record_put(st, &row, "c-1", &rev1, &err);
	row.deleted = 1;
	if (rc == SX_OK)
		rc = store_record_put(st, &row, "c-2", &rev2, &err);
	struct store_report rep = {0};
	snprintf(rep.district, sizeof rep.district, "123");
	snprintf(rep.period, sizeof rep.period, "2017S1");
	rep.revision = 1;
	rep.replaces = -1;
	snprintf(rep.sha256, sizeof rep.sha256, "%064d", 7);
	rep.json = (char *)"{}";
	if (rc == SX_OK)
		rc = store_report_insert(st, &rep, &err);
	cr_assert_eq(store_end(st, rc, &err), SX_OK, "%s", err.msg);
	/* A second add of the same code is a conflict and changes nothing. */
	cr_assert_eq(store_begin(st, &err), SX_OK);
	rc = store_district_add(st, "123", "again", "h-c", &err);
	cr_assert_eq(rc, SX_CONFLICT);
	cr_assert_eq(store_end(st, rc, &err), SX_CONFLICT);
	store_close(st);

	st = open_ok(path);
	cr_assert_eq(store_begin(st, &err), SX_OK);
	struct store_district d;
	cr_assert_eq(store_district_by_token(st, "h-a", &d, &err), SX_OK);
	cr_assert_str_eq(d.name, "A");
	cr_assert_eq(d.t2_share, 4);
	cr_assert_eq(d.t3_share, -1);
	cr_assert_eq(store_district_by_token(st, "h-b", &d, &err),
		     SX_NOTFOUND, "a revoked token still works");
	cr_assert_eq(store_district_get(st, "124", &d, &err), SX_OK);
	cr_assert_neq(d.revoked_at[0], '\0');
	cr_assert_eq(store_district_revoke(st, "124", &err), SX_NOTFOUND);
	cr_assert_eq(store_district_get(st, "999", &d, &err), SX_NOTFOUND);
	cr_assert_eq(store_meta_int(st, "deadline_days", 15), 9);
	cr_assert_eq(store_meta_int(st, "ref_version", 1), 2,
		     "set_targets bumps the reference version");
	cr_assert_eq(store_meta_int(st, "missing", -7), -7);
	int n = 0;
	cr_assert_eq(store_district_each(st, count_district, &n, &err),
		     SX_OK);
	cr_assert_eq(n, 2);

	struct store_row got;
	cr_assert_eq(store_record_get(st, row.uuid, &got, &err), SX_OK);
	cr_assert_eq(got.rev, rev2);
	cr_assert(rev2 > rev1);
	cr_assert_eq(got.deleted, 1);
	cr_assert_str_eq(got.fields, "{\"name\":\"x\"}");
	free(got.fields);
	long long rev = 0;
	cr_assert_eq(store_change_rev(st, "123", "c-1", &rev, &err), SX_OK);
	cr_assert_eq(rev, rev1);
	cr_assert_eq(store_change_rev(st, "124", "c-1", &rev, &err),
		     SX_NOTFOUND);
	long long live = -1;
	cr_assert_eq(store_record_count(st, "123", &live, &err), SX_OK);
	cr_assert_eq(live, 0, "the tombstone was counted");
	int more = -1;
	n = 0;
	cr_assert_eq(store_pull(st, "123", 0, 1, count_row, &n, &more, &err),
		     SX_OK);
	cr_assert_eq(n, 1);
	cr_assert_eq(more, 0);

	struct store_report r;
	cr_assert_eq(store_report_by_hash(st, "123", rep.sha256, &r, &err),
		     SX_OK);
	cr_assert_str_eq(r.receipt, rep.receipt);
	cr_assert_eq(r.replaces, -1);
	cr_assert_eq(store_report_by_revision(st, "123", "2017S1", 1, &r,
					      &err), SX_OK);
	cr_assert_str_eq(r.status, "sent");
	n = 0;
	cr_assert_eq(store_report_each(st, "123", NULL, 1, count_report, &n,
				       &err), SX_OK);
	cr_assert_eq(n, 1);
	long long decided = 0;
	int accepted = -1;
	cr_assert_eq(store_report_decide(st, "123", "2017S1", "accepted",
					 NULL, &decided, &err), SX_OK);
	cr_assert_eq(decided, 1);
	cr_assert_eq(store_report_period_accepted(st, "123", "2017S1",
						  &accepted, &err), SX_OK);
	cr_assert_eq(accepted, 1);
	cr_assert_eq(store_report_decide(st, "123", "2017S1", "returned",
					 "x", &decided, &err), SX_NOTFOUND);
	store_rollback(st);
	store_close(st);
}

/* The database file: migrations, refusal of a newer file, settings,
 * initialisation, pragmas, check and online backup. */
#include <sqlite3.h>
#include <sys/stat.h>
#include "core_fixture.h"
#include "sxsh/refdata.h"
#include "sxsh/settings.h"
#include "sxsh/uuid.h"
#include "../core/db_internal.h"

static int pragma_int(const char *path, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	int v = -1;
	cr_assert_eq(sqlite3_open(path, &h), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	cr_assert_not_null(f);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(*len + 1);
	cr_assert_eq(fread(buf, 1, *len, f), *len);
	fclose(f);
	return buf;
}

Test(db, migrates_an_empty_file_to_the_latest_version)
{
	char path[512];
	struct sx_db *db = NULL;
	struct stat sb;
	th_path(path, sizeof path, th_tmpdir(), "new.db");
	cr_assert_eq(sx_db_open(path, 0, &db, NULL), SX_OK);
	cr_assert_eq(sx_db_schema_version(db), SX_SCHEMA_VERSION);
	sx_db_close(db);
	cr_assert_eq(pragma_int(path, "PRAGMA user_version"),
		     SX_SCHEMA_VERSION);
	cr_assert_eq(pragma_int(path, "SELECT count(*) FROM sqlite_master "
				"WHERE name='facility_fts'"), 1);
	cr_assert_eq(stat(path, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600, "the file holds the token");
	/* reopening does not migrate again */
	cr_assert_eq(sx_db_open(path, 0, &db, NULL), SX_OK);
	sx_db_close(db);
}

Test(db, runs_in_wal_mode_and_a_new_file_checks_clean)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	cr_assert_eq(pragma_int(path, "SELECT journal_mode = 'wal' FROM "
				"pragma_journal_mode"), 1);
	int problems = -1;
	cr_assert_eq(sx_db_check(db, &problems, NULL), SX_OK);
	cr_assert_eq(problems, 0);
	sx_db_close(db);
}

Test(db, refuses_a_newer_file_and_leaves_it_untouched)
{
	char path[512];
	struct sx_db *db = NULL;
	struct sx_error err = {0};
	sqlite3 *h;
	size_t n1, n2;
	th_path(path, sizeof path, th_tmpdir(), "future.db");
	cr_assert_eq(sqlite3_open(path, &h), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(h, "CREATE TABLE x(y); PRAGMA "
				  "user_version=99;", NULL, NULL, NULL),
		     SQLITE_OK);
	sqlite3_close(h);
	char *before = slurp(path, &n1);
	cr_assert_eq(sx_db_open(path, 0, &db, &err), SX_DB);
	cr_assert_null(db);
	cr_assert(strstr(err.msg, "newer"), "%s", err.msg);
	cr_assert(strstr(err.msg_vi, "mới hơn"), "%s", err.msg_vi);
	char *after = slurp(path, &n2);
	cr_assert_eq(n1, n2);
	cr_assert_eq(memcmp(before, after, n1), 0, "not a byte changed");
	free(before);
	free(after);
	/* the command line says so with exit status 5 */
	cr_assert_eq(th_system("%s --db %s status 2>/dev/null", th_bin(), path),
		     5);
}

Test(db, init_loads_reference_data_and_refuses_unknown_districts)
{
	char path[512];
	struct sx_db *db = NULL;
	struct sx_error err = {0};
	struct sx_unit u;
	char name[256];
	th_path(path, sizeof path, th_tmpdir(), "init.db");
	cr_assert_eq(sx_db_open(path, 0, &db, NULL), SX_OK);
	cr_assert_eq(sx_db_init_district(db, "117", NULL, &err), SX_INVALID,
		     "code 117 is not used in Sơn La");
	cr_assert_eq(sx_db_init_district(db, "03979", NULL, &err), SX_INVALID,
		     "a commune is not a district");
	cr_assert_str_eq(sx_db_district_code(db), "");
	cr_assert_eq(sx_db_init_district(db, "123", "Tester", &err), SX_OK);
	cr_assert_str_eq(sx_db_district_name(db), "Huyện Mộc Châu");
	cr_assert_eq(refdata_unit(db, "14", &u, NULL), SX_OK);
	cr_assert_str_eq(u.name, "Tỉnh Sơn La");
	cr_assert_eq(refdata_vsic_exists(db, "10620", name, sizeof name), 1);
	cr_assert(strstr(name, "tinh bột") || strstr(name, "Tinh bột") ||
		  strstr(name, "sắn"), "%s", name);
	cr_assert_eq(refdata_vsic_exists(db, "99999", NULL, 0), 0);
	cr_assert_eq(sx_db_init_district(db, "120", NULL, &err), SX_INVALID,
		     "the file already belongs to Mộc Châu");
	/* init again for the same district is harmless */
	cr_assert_eq(sx_db_init_district(db, "123", NULL, &err), SX_OK);
	sx_db_close(db);
	cr_assert_eq(pragma_int(path, "SELECT count(*) FROM unit"), 217);
	cr_assert_eq(pragma_int(path, "SELECT count(*) FROM vsic"), 1549);
	/* the CP technique reference list is the kind table's choices */
	cr_assert_eq(pragma_int(path, "SELECT count(*) FROM cp_technique"), 8);
	cr_assert_eq(pragma_int(path, "SELECT ordinal FROM cp_technique "
				"WHERE code='good_housekeeping'"), 1);
}

Test(db, settings_persist)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	char *v;
	cr_assert_eq(settings_set(db, "server", "https://example.invalid",
				  NULL), SX_OK);
	sx_db_close(db);
	cr_assert_eq(sx_db_open(path, 0, &db, NULL), SX_OK);
	v = settings_get(db, "server");
	cr_assert_str_eq(v, "https://example.invalid");
	free(v);
	cr_assert_eq(settings_get_int(db, "missing", 7), 7);
	cr_assert_eq(settings_set(db, "server", NULL, NULL), SX_OK);
	cr_assert_null(settings_get(db, "server"));
	sx_db_close(db);
}

Test(db, nested_transactions_roll_back_together)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	cr_assert_eq(sx_db_begin(db, NULL), SX_OK);
	fx_facility(db, "Trong giao dịch", NULL, NULL);
	sx_db_rollback(db);
	struct sx_list_query q = {.kind = SXK_FACILITY};
	long long n = -1;
	cr_assert_eq(record_count(db, &q, &n, NULL), SX_OK);
	cr_assert_eq(n, 0, "the inner save was rolled back with the outer");
	sx_db_close(db);
}

static int first_int(struct sx_db *db, const char *sql)
{
	sqlite3_stmt *st = db_stmt(db, sql, NULL);
	int v;

	cr_assert_not_null(st, "%s", sql);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return v;
}

/* The statement cache finds a constant by its address; SQL built in a
 * buffer can be different text at the same address next time. */
Test(db, statement_cache_tells_apart_sql_at_the_same_address)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	char sql[32];
	static const char constant[] = "SELECT 3";

	snprintf(sql, sizeof sql, "SELECT 1");
	cr_assert_eq(first_int(db, sql), 1);
	snprintf(sql, sizeof sql, "SELECT 2");
	cr_assert_eq(first_int(db, sql), 2);
	snprintf(sql, sizeof sql, "SELECT 1");
	cr_assert_eq(first_int(db, sql), 1);
	cr_assert_eq(first_int(db, constant), 3);
	cr_assert_eq(db_stmt(db, constant, NULL), db_stmt(db, "SELECT 3", NULL),
		     "one prepared statement per text");
	sx_db_close(db);
}

static int cmp_ids(const void *a, const void *b)
{
	return strcmp(a, b);
}

Test(db, ids_are_distinct_version_4_uuids)
{
	enum { N = 20000 };
	char (*ids)[SX_UUID_LEN + 1] = malloc(N * sizeof *ids);

	cr_assert_not_null(ids);
	for (int i = 0; i < N; i++) {
		cr_assert_eq(uuid_new(ids[i], NULL), SX_OK);
		cr_assert(uuid_is_valid(ids[i]), "%s", ids[i]);
		cr_assert_eq(ids[i][14], '4', "%s", ids[i]);
		cr_assert(strchr("89ab", ids[i][19]), "%s", ids[i]);
		cr_assert_eq(strspn(ids[i], "0123456789abcdef-"), SX_UUID_LEN,
			     "lower-case hex: %s", ids[i]);
	}
	qsort(ids, N, sizeof *ids, cmp_ids);
	for (int i = 1; i < N; i++)
		cr_assert_str_neq(ids[i - 1], ids[i]);
	free(ids);
}

static char *client_id_of(const char *path, int *renewed)
{
	struct sx_db *db = NULL;
	struct sx_error err = {0};
	cr_assert_eq(sx_db_open(path, 0, &db, &err), SX_OK, "%s", err.msg);
	char *id = settings_get(db, "client_id");
	cr_assert_not_null(id);
	*renewed = sx_db_new_identity(db);
	if (*renewed)
		sx_db_identity_told(db);
	sx_db_close(db);
	return id;
}

Test(db, a_copy_gets_its_own_client_id_and_a_moved_file_keeps_it)
{
	char path[512], copy[600], moved[600];
	struct sx_db *db = th_district_db(path, sizeof path);
	char *first = settings_get(db, "client_id");
	cr_assert_not_null(first);
	cr_assert_not(sx_db_new_identity(db), "a new file is no copy");
	sx_db_close(db);

	/* Copied as a user would (or as restore does, through a new file). */
	snprintf(copy, sizeof copy, "%s.copy", path);
	cr_assert_eq(th_system("cp '%s' '%s'", path, copy), 0);
	int renewed = 0;
	char *copied = client_id_of(copy, &renewed);
	cr_assert_str_neq(copied, first, "the copy kept the client id");
	cr_assert(renewed, "the copy was not reported");
	/* Said once; the copy keeps its new id from then on. */
	char *again = client_id_of(copy, &renewed);
	cr_assert_str_eq(again, copied);
	cr_assert_not(renewed, "reported twice");

	/* The original is untouched, and moving a file is not copying it. */
	char *orig = client_id_of(path, &renewed);
	cr_assert_str_eq(orig, first);
	cr_assert_not(renewed);
	snprintf(moved, sizeof moved, "%s.moved", path);
	cr_assert_eq(rename(path, moved), 0);
	char *after_move = client_id_of(moved, &renewed);
	cr_assert_str_eq(after_move, first, "a moved file got a new id");
	cr_assert_not(renewed);
	free(first);
	free(copied);
	free(again);
	free(orig);
	free(after_move);
}

Test(db, backup_is_a_consistent_private_copy)
{
	char path[512], copy[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct sx_db *back = NULL;
	struct stat sb;
	for (int i = 0; i < 20; i++) {
		char name[32];
		snprintf(name, sizeof name, "Cơ sở %d", i);
		fx_facility(db, name, NULL, NULL);
	}
	th_path(copy, sizeof copy, th_tmpdir(), "backup.db");
	cr_assert_eq(sx_db_backup(db, copy, NULL), SX_OK);
	cr_assert_eq(stat(copy, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600);
	cr_assert_eq(sx_db_open(copy, 0, &back, NULL), SX_OK);
	int problems = -1;
	cr_assert_eq(sx_db_check(back, &problems, NULL), SX_OK);
	struct sx_list_query q = {.kind = SXK_FACILITY};
	long long n = -1;
	cr_assert_eq(record_count(back, &q, &n, NULL), SX_OK);
	cr_assert_eq(n, 20);
	cr_assert_str_eq(sx_db_district_code(back), "123");
	sx_db_close(back);
	sx_db_close(db);
}

Test(db, cli_reports_usage_and_missing_database_by_exit_status)
{
	const char *dir = th_tmpdir();
	cr_assert_eq(th_system("%s --bogus >/dev/null 2>&1", th_bin()), 1);
	cr_assert_eq(th_system("%s nosuchcommand >/dev/null 2>&1", th_bin()),
		     1);
	cr_assert_eq(th_system("%s --version | grep -q '^sxsh '", th_bin()), 0);
	cr_assert_eq(th_system("%s --help | grep -q 'sxsh init'", th_bin()), 0);
	cr_assert_eq(th_system("SXSH_DB=%s/none.db %s status 2>/dev/null", dir,
			       th_bin()), 5);
	cr_assert_eq(th_system("SXSH_DB=%s/a.db %s init --district 123 "
			       ">/dev/null", dir, th_bin()), 0);
	cr_assert_eq(th_system("%s --db %s/a.db --lang en status | grep -q "
			       "'Facilities'", th_bin(), dir), 0);
	cr_assert_eq(th_system("%s --db %s/a.db check >/dev/null", th_bin(),
			       dir), 0);
	cr_assert_eq(th_system("%s --db %s/a.db backup %s/b.db >/dev/null",
			       th_bin(), dir, dir), 0);
	cr_assert_eq(th_system("%s --db %s/b.db check >/dev/null", th_bin(),
			       dir), 0);
	cr_assert_eq(th_system("%s --db %s/a.db init --district 999 "
			       "2>/dev/null", th_bin(), dir), 2);
}

Test(db, starting_the_interface_takes_the_daily_backup_once)
{
	const char *dir = th_tmpdir();
	char cmd_db[600];
	snprintf(cmd_db, sizeof cmd_db, "%s/a.db", dir);
	cr_assert_eq(th_system("%s --db %s init --district 123 >/dev/null",
			       th_bin(), cmd_db), 0);
	/* without a terminal the interface stops at once; the backup is
	 * taken beside it, so wait for it before starting again */
	th_system("%s --db %s </dev/null >/dev/null 2>&1", th_bin(), cmd_db);
	cr_assert_eq(th_system("for i in $(seq 100); do ls %s/backups/*.db "
			       ">/dev/null 2>&1 && exit 0; sleep 0.1; done; "
			       "exit 1", dir), 0, "no backup after 10 s");
	th_system("%s --db %s </dev/null >/dev/null 2>&1", th_bin(), cmd_db);
	sleep(1);
	cr_assert_eq(th_system("test $(ls %s/backups | wc -l) -eq 1", dir), 0,
		     "one backup a day, however often the program starts");
	cr_assert_eq(th_system("%s --db %s/backups/$(ls %s/backups) check "
			       ">/dev/null", th_bin(), dir, dir), 0);
}

Test(db, a_failed_daily_backup_is_shown_by_status_until_one_succeeds)
{
	const char *dir = th_tmpdir();
	const char *wait_line =
		"for i in $(seq 100); do %s --db %s/a.db status | grep -q "
		"'Sao lưu tự động bị lỗi' && exit 0; sleep 0.1; done; exit 1";
	cr_assert_eq(th_system("%s --db %s/a.db init --district 123 "
			       ">/dev/null", th_bin(), dir), 0);
	/* a file where the backups folder should be */
	cr_assert_eq(th_system("touch %s/backups", dir), 0);
	th_system("%s --db %s/a.db </dev/null >/dev/null 2>&1", th_bin(), dir);
	cr_assert_eq(th_system(wait_line, th_bin(), dir), 0,
		     "status names the failed backup");
	cr_assert_eq(th_system("rm %s/backups", dir), 0);
	th_system("%s --db %s/a.db </dev/null >/dev/null 2>&1", th_bin(), dir);
	cr_assert_eq(th_system("for i in $(seq 100); do ls %s/backups/*.db "
			       ">/dev/null 2>&1 && exit 0; sleep 0.1; done; "
			       "exit 1", dir), 0);
	sleep(1);
	cr_assert_neq(th_system("%s --db %s/a.db status | grep -q "
				"'Sao lưu tự động bị lỗi'", th_bin(), dir), 0,
		      "cleared once a backup is taken");
}

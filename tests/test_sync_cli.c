/* test_sync_cli.c — `sxsh sync` and `sxsh config` as a user runs them:
 * exit statuses by error class, the token kept secret, the database file
 * kept private. */
#include <sys/stat.h>
#include "sync_fixture.h"
#include "fault_stub.h"
#include "sxsh/period.h"

/* Runs sxsh on db with args; stdout+stderr into dir/out.txt. */
static int sxsh(const char *db, const char *out, const char *args)
{
	return th_system("'%s' --lang en --db '%s' %s >'%s' 2>&1", th_bin(),
			 db, args, out);
}

static int file_has(const char *path, const char *text)
{
	return th_system("grep -qF -- '%s' '%s'", text, path) == 0;
}

Test(sync_cli, sync_against_the_server_exits_0_with_a_summary)
{
	struct world w;
	char db[512], out[512];

	world_up(&w);
	struct sx_db *a = world_client(&w, "a", db, sizeof db);
	fx_facility(a, "Cơ sở chè Mộc Sương", NULL, NULL);
	sx_db_close(a);
	th_path(out, sizeof out, w.dir, "out.txt");
	cr_assert_eq(sxsh(db, out, "sync"), 0);
	cr_assert(file_has(out, "Changes pushed: 1 (applied 1"));
	cr_assert(file_has(out, "Sync complete."));
	cr_assert(!file_has(out, w.token), "token printed");
	world_down(&w);
}

Test(sync_cli, wrong_token_exits_4)
{
	struct world w;
	char db[512], out[512];

	world_up(&w);
	struct sx_db *a = world_client(&w, "a", db, sizeof db);
	fx_facility(a, "Cơ sở một", NULL, NULL);
	settings_set(a, "token", "ffffffffffffffffffffffffffffffffffffffffffff"
		     "ffffffffffffffffffff", NULL);
	sx_db_close(a);
	th_path(out, sizeof out, w.dir, "out.txt");
	cr_assert_eq(sxsh(db, out, "sync"), 4);
	cr_assert(!file_has(out, "ffffffffffffffff"), "token printed");
	cr_assert_eq(server_row_count(&w), 0);
	world_down(&w);
}

Test(sync_cli, certificate_from_another_ca_exits_4)
{
	struct world w;
	struct th_tls other;
	char db[512], out[512];

	world_up(&w);
	th_tls_make(&other, w.dir, "other");
	struct sx_db *a = world_client(&w, "a", db, sizeof db);
	settings_set(a, "ca", other.ca, NULL);
	sx_db_close(a);
	th_path(out, sizeof out, w.dir, "out.txt");
	cr_assert_eq(sxsh(db, out, "sync --once"), 4);
	cr_assert(file_has(out, "TLS"));
	world_down(&w);
}

Test(sync_cli, ca_option_verifies_this_run_against_that_ca)
{
	struct world w;
	struct th_tls other;
	char db[512], out[512], args[700];

	world_up(&w);
	th_tls_make(&other, w.dir, "other");
	struct sx_db *a = world_client(&w, "a", db, sizeof db);
	fx_facility(a, "Cơ sở chè Tà Làng", NULL, NULL);
	settings_set(a, "ca", other.ca, NULL);
	sx_db_close(a);
	th_path(out, sizeof out, w.dir, "out.txt");
	snprintf(args, sizeof args, "sync --once --ca '%s'", w.tls.ca);
	int rc_given = sxsh(db, out, args);
	if (rc_given != 0)
		th_system("cat '%s' >&2", out);
	cr_assert_eq(rc_given, 0, "the given CA is the server's");
	snprintf(args, sizeof args, "sync --once --ca '%s'", other.ca);
	cr_assert_eq(sxsh(db, out, args), 4, "and a wrong one is refused");
	world_down(&w);
}

Test(sync_cli, server_error_exits_3_and_keeps_the_outbox)
{
	struct fault_stub s;
	char db[512], out[512];
	struct sx_db *a = th_district_db(db, sizeof db);
	long long pending = 0, held = 0;

	fault_stub_start(&s, FAULT_500, 0, NULL, NULL);
	settings_set(a, "server", s.url, NULL);
	settings_set(a, "token", "0123456789abcdef0123456789abcdef", NULL);
	fx_facility(a, "Cơ sở một", NULL, NULL);
	sx_db_close(a);
	th_path(out, sizeof out, th_tmpdir(), "out.txt");
	cr_assert_eq(sxsh(db, out, "sync --once --insecure-dev"), 3);
	cr_assert(file_has(out, "WARNING: --insecure-dev"));
	cr_assert(file_has(out, "unsent data is kept"));
	/* without the development flag plain http is refused outright */
	cr_assert_eq(sxsh(db, out, "sync --once"), 4);
	fault_stub_stop(&s);
	cr_assert_eq(sx_db_open(db, 0, &a, NULL), SX_OK);
	outbox_size(a, &pending, &held, NULL);
	cr_assert_eq(pending, 1);
	sx_db_close(a);
}

Test(sync_cli, config_show_hides_the_token_and_keeps_the_file_private)
{
	char db[512], out[512];
	struct stat sb;
	struct sx_db *a = th_district_db(db, sizeof db);

	sx_db_close(a);
	th_path(out, sizeof out, th_tmpdir(), "out.txt");
	chmod(db, 0644);
	cr_assert_eq(sxsh(db, out, "config set token "
			  "5ec7e7000000000000000000000000000000000000000000"
			  "0000000000000001"), 0);
	cr_assert_eq(stat(db, &sb), 0);
	cr_assert_eq(sb.st_mode & 077, 0, "mode %o", sb.st_mode & 0777);
	cr_assert_eq(sxsh(db, out, "config set server "
			  "https://so-ct.example:8443/"), 0);
	cr_assert_eq(sxsh(db, out, "config show"), 0);
	cr_assert(file_has(out, "(set, hidden)"));
	cr_assert(!file_has(out, "5ec7e7"), "token shown");
	cr_assert(file_has(out, "https://so-ct.example:8443"));
	cr_assert(!file_has(out, "8443/"), "trailing slash kept");
	/* bad values change nothing */
	cr_assert_eq(sxsh(db, out, "config set server ftp://x"), 2);
	cr_assert_eq(sxsh(db, out, "config set sync_minutes soon"), 2);
	cr_assert_eq(sxsh(db, out, "config set ca /nonexistent/ca.pem"), 2);
	cr_assert_eq(sxsh(db, out, "config set colour red"), 2);
	cr_assert_eq(sxsh(db, out, "config show"), 0);
	cr_assert(file_has(out, "https://so-ct.example:8443"));
	cr_assert_eq(sxsh(db, out, "config"), 1);
}

/* Every setting of screen 9 has its config key, checked as the screen
 * checks it. */
Test(sync_cli, config_set_takes_every_setting_of_screen_9)
{
	char db[512], out[512];
	char *v;
	enum sx_period_rule rule = SX_RULE_CALENDAR;
	struct sx_db *a = th_district_db(db, sizeof db);

	sx_db_close(a);
	th_path(out, sizeof out, th_tmpdir(), "out.txt");
	cr_assert_eq(sxsh(db, out, "config set period_rule weekly"), 2);
	cr_assert(file_has(out, "decree_09_2019"));
	cr_assert(file_has(out, "15 Jun"));
	cr_assert_eq(sxsh(db, out, "config set lang fr"), 2);
	cr_assert_eq(sxsh(db, out, "config set period_rule decree_09_2019"),
		     0);
	cr_assert_eq(sxsh(db, out, "config set lang en"), 0);
	cr_assert_eq(sxsh(db, out, "config set operator 'Lò Văn Khánh'"), 0);
	cr_assert_eq(sxsh(db, out, "config show"), 0);
	cr_assert(file_has(out, "decree_09_2019"));
	cr_assert(file_has(out, "Lò Văn Khánh"));
	cr_assert_eq(sx_db_open(db, 0, &a, NULL), SX_OK);
	cr_assert_eq(period_rule_of(a, &rule, NULL), SX_OK);
	cr_assert_eq(rule, SX_RULE_DECREE_09_2019);
	v = settings_get(a, "lang");
	cr_assert_str_eq(v, "en");
	free(v);
	sx_db_close(a);
}

Test(sync_cli, token_on_the_command_line_warns_and_stdin_does_not)
{
	char db[512], out[512];
	struct sx_db *a = th_district_db(db, sizeof db);

	sx_db_close(a);
	th_path(out, sizeof out, th_tmpdir(), "out.txt");
	cr_assert_eq(sxsh(db, out, "config set token "
			  "5ec7e7000000000000000000000000000000000000000000"
			  "0000000000000001"), 0);
	cr_assert(file_has(out, "other users can see it"));
	cr_assert(file_has(out, "sxsh config set token -"));
	cr_assert_eq(th_system("printf '5ec7e70000000000000000000000000000000"
			       "000000000000000000000000000002\\n' | '%s' "
			       "--lang en --db '%s' config set token - "
			       ">'%s' 2>&1", th_bin(), db, out), 0);
	cr_assert(file_has(out, "token set"));
	cr_assert(!file_has(out, "warning"), "warned about stdin");
	/* Unsetting shows nothing secret either. */
	cr_assert_eq(sxsh(db, out, "config set token ''"), 0);
	cr_assert(!file_has(out, "warning"), "warned about unsetting");
}

Test(sync_cli, verbose_mode_hides_the_authorization_value)
{
	struct world w;
	char db[512], out[512];

	world_up(&w);
	struct sx_db *a = world_client(&w, "a", db, sizeof db);
	fx_facility(a, "Cơ sở chè Mộc Sương", NULL, NULL);
	sx_db_close(a);
	th_path(out, sizeof out, w.dir, "out.txt");
	cr_assert_eq(th_system("SXSH_CURL_VERBOSE=1 '%s' --lang en --db '%s' "
			       "sync >'%s' 2>&1", th_bin(), db, out), 0);
	cr_assert(file_has(out, "> POST /v1/push"), "no trace printed");
	cr_assert(file_has(out, "Authorization: (hidden)"));
	cr_assert(!file_has(out, w.token), "token printed");
	world_down(&w);
}

/* Issue 12: a database restored from a backup (or copied) to a second
 * PC kept its client id, and the server skipped the conflict check for
 * "its own" client: the two PCs overwrote each other with "applied 1". */
Test(sync_cli, a_copied_database_on_a_second_pc_ends_in_a_conflict_there)
{
	struct world w;
	char db_a[512], db_b[600], out[512], uuid[SX_UUID_LEN + 1];
	struct sx_record *rec = NULL;

	world_up(&w);
	struct sx_db *a = world_client(&w, "a", db_a, sizeof db_a);
	fx_facility(a, "Cơ sở chè Mộc Sương", NULL, uuid);
	sx_db_close(a);
	th_path(out, sizeof out, w.dir, "out.txt");
	cr_assert_eq(sxsh(db_a, out, "sync"), 0);
	/* The second PC starts from a backup of the first. */
	snprintf(db_b, sizeof db_b, "%s/backup.db", w.dir);
	cr_assert_eq(th_system("'%s' --lang en --db '%s' backup '%s' "
			       ">'%s' 2>&1", th_bin(), db_a, db_b, out), 0);

	/* Both rename the facility, each on its own PC. */
	const char *names[2] = {"Tên của máy A", "Tên của máy B"};
	const char *paths[2] = {db_a, db_b};
	for (int i = 0; i < 2; i++) {
		struct sx_db *db = NULL;
		cr_assert_eq(sx_db_open(paths[i], 0, &db, NULL), SX_OK);
		cr_assert_eq(record_load(db, SXK_FACILITY, uuid, &rec, NULL),
			     SX_OK);
		record_set(rec, "name", names[i]);
		cr_assert_eq(record_save(db, rec, NULL, NULL), SX_OK);
		record_free(rec);
		sx_db_close(db);
	}
	cr_assert_eq(sxsh(db_a, out, "sync"), 0);
	cr_assert(file_has(out, "applied 1"));
	cr_assert_eq(sxsh(db_b, out, "sync"), 0);
	cr_assert(file_has(out, "this database is a copy"),
		  "the second PC was not told it is new to the province");
	cr_assert(file_has(out, "conflict 1"), "B's edit was not a conflict");
	cr_assert(file_has(out, "Conflicts waiting: 1"));
	cr_assert_eq(sxsh(db_b, out, "sync --conflicts"), 0);
	cr_assert(file_has(out, uuid), "the conflict is not listed on B");
	world_down(&w);
}

Test(sync_cli, conflicts_are_listed_and_resolved_from_the_command_line)
{
	struct world w;
	char db_b[512], out[512], uuid[SX_UUID_LEN + 1];
	struct sx_record *rec = NULL;
	struct sx_problems p;

	world_up(&w);
	problems_init(&p);
	struct sx_db *a = world_client(&w, "a", NULL, 0);
	struct sx_db *b = world_client(&w, "b", db_b, sizeof db_b);
	fx_facility(a, "Cơ sở chè", NULL, uuid);
	cr_assert_eq(world_sync(a, NULL), SX_OK);
	cr_assert_eq(world_sync(b, NULL), SX_OK);
	record_load(a, SXK_FACILITY, uuid, &rec, NULL);
	record_set(rec, "name", "Tên của A");
	cr_assert_eq(record_save(a, rec, &p, NULL), SX_OK);
	record_free(rec);
	cr_assert_eq(world_sync(a, NULL), SX_OK);
	record_load(b, SXK_FACILITY, uuid, &rec, NULL);
	record_set(rec, "name", "Tên của B");
	cr_assert_eq(record_save(b, rec, &p, NULL), SX_OK);
	record_free(rec);
	sx_db_close(b);
	problems_release(&p);

	th_path(out, sizeof out, w.dir, "out.txt");
	cr_assert_eq(sxsh(db_b, out, "sync"), 0);
	cr_assert(file_has(out, "Conflicts waiting: 1"));
	cr_assert_eq(sxsh(db_b, out, "sync --conflicts"), 0);
	cr_assert(file_has(out, "mine: Tên của B"));
	cr_assert(file_has(out, "theirs: Tên của A"));
	cr_assert_eq(sxsh(db_b, out, "sync --log"), 0);
	cr_assert(file_has(out, "held"));
	cr_assert_eq(sxsh(db_b, out, "sync --resolve 1 both"), 1);
	cr_assert_eq(sxsh(db_b, out, "sync --resolve 99 keep-mine"), 2);
	cr_assert_eq(sxsh(db_b, out, "sync --resolve 1 keep-mine"), 0);
	cr_assert_eq(sxsh(db_b, out, "sync"), 0);
	cr_assert(file_has(out, "Changes pushed: 1 (applied 1"));
	cr_assert_eq(world_sync(a, NULL), SX_OK);
	record_load(a, SXK_FACILITY, uuid, &rec, NULL);
	cr_assert_str_eq(record_get(rec, "name"), "Tên của B");
	record_free(rec);
	sx_db_close(a);
	world_down(&w);
}

Test(sync_cli, drop_removes_a_stuck_entry)
{
	char db[512], out[512];
	struct sx_db *a = th_district_db(db, sizeof db);
	long long pending = 0, held = 0;

	fx_facility(a, "Cơ sở một", NULL, NULL);
	fx_facility(a, "Cơ sở hai", NULL, NULL);
	sx_db_close(a);
	th_path(out, sizeof out, th_tmpdir(), "out.txt");
	cr_assert_eq(sxsh(db, out, "sync --drop 1"), 0);
	cr_assert_eq(sxsh(db, out, "sync --drop 1"), 2);
	cr_assert_eq(sxsh(db, out, "sync --drop x"), 1);
	cr_assert_eq(sx_db_open(db, 0, &a, NULL), SX_OK);
	outbox_size(a, &pending, &held, NULL);
	cr_assert_eq(pending, 1);
	sx_db_close(a);
}

Test(sync_cli, a_rejected_change_is_held_the_rest_goes_through_exit_4)
{
	struct world w;
	char db124[512], out[512], token124[80], taken[SX_UUID_LEN + 1];
	struct sx_error err = {0};
	struct sx_problems p;
	struct sx_db *b = NULL;

	world_up(&w);
	th_server_district_add(&w.srv, "124", token124, sizeof token124);
	struct sx_db *a = world_client(&w, "a", NULL, 0);
	fx_facility(a, "Cơ sở của Mộc Châu", NULL, taken);
	cr_assert_eq(world_sync(a, NULL), SX_OK);
	sx_db_close(a);

	/* Yên Châu's database holds a record under Mộc Châu's uuid */
	th_path(db124, sizeof db124, w.dir, "b124.db");
	cr_assert_eq(sx_db_open(db124, 0, &b, &err), SX_OK);
	cr_assert_eq(sx_db_init_district(b, "124", "T", &err), SX_OK);
	settings_set(b, "server", w.srv.url, NULL);
	settings_set(b, "token", token124, NULL);
	settings_set(b, "ca", w.tls.ca, NULL);
	problems_init(&p);
	struct sx_record *rec = record_new(SXK_FACILITY);
	snprintf(rec->uuid, sizeof rec->uuid, "%s", taken);
	record_set(rec, "name", "Cơ sở mạo danh");
	record_set(rec, "commune", "04060");
	record_set(rec, "kind", "household");
	record_set(rec, "status", "active");
	record_set(rec, "vsic", "10760");
	cr_assert_eq(record_save(b, rec, &p, &err), SX_OK, "%s %s", err.msg,
		     p.count ? p.items[0].msg_en : "");
	record_free(rec);
	problems_release(&p);
	fx_save(b, SXK_PERSON, NULL, "name", "Cầm Văn Sơn", "role",
		"collaborator", "active", "1", NULL);
	sx_db_close(b);

	th_path(out, sizeof out, w.dir, "out.txt");
	cr_assert_eq(sxsh(db124, out, "sync"), 4);
	cr_assert(file_has(out, "applied 1"));
	cr_assert(file_has(out, "rejected 1"));
	cr_assert_eq(sxsh(db124, out, "sync --log"), 0);
	cr_assert(file_has(out, "another district"));
	cr_assert(file_has(out, "held"));
	world_down(&w);
}

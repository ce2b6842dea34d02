/* test_cli_args.c — both programs as processes, through their command
 * tables: a misspelt option or a missing value is refused with exit 1 and
 * that command's usage line, and changes nothing; --help after a command
 * prints that command's usage. */
#include "helpers.h"

/* A district database with one facility file ready to import. */
static void district(char *db, size_t n, char *csv, size_t m)
{
	const char *dir = th_tmpdir();
	FILE *f;

	th_path(db, n, dir, "sxsh.db");
	th_path(csv, m, dir, "f.csv");
	cr_assert_eq(th_system("'%s' --db '%s' init --district 123 "
			       ">/dev/null", th_bin(), db), 0);
	f = fopen(csv, "w");
	cr_assert_not_null(f);
	fputs("name,kind,tax_code,vsic,commune\n"
	      "Chè Mộc Châu,enterprise,,10620,03985\n", f);
	fclose(f);
}

static int facility_count(const char *db)
{
	return th_system("'%s' --db '%s' --lang en status | grep -q "
			 "'Facilities  *0$'", th_bin(), db);
}

Test(cli_args, a_misspelt_import_option_is_refused_and_writes_nothing)
{
	char db[512], csv[512], out[600];
	size_t before_len, after_len;
	unsigned char *before, *after;

	district(db, sizeof db, csv, sizeof csv);
	before = th_read_file(db, &before_len);
	th_path(out, sizeof out, th_tmpdir(), "err.txt");
	cr_assert_eq(th_system("'%s' --db '%s' import facilities '%s' "
			       "--dryrun 2>'%s'", th_bin(), db, csv, out), 1);
	cr_assert_eq(th_system("grep -q -- '--dryrun' '%s'", out), 0);
	cr_assert_eq(th_system("grep -q '^sxsh import ' '%s'", out), 0);
	/* that command's line only, not the whole list */
	cr_assert_neq(th_system("grep -q '^sxsh export ' '%s'", out), 0);
	after = th_read_file(db, &after_len);
	cr_assert_eq(before_len, after_len);
	cr_assert_eq(memcmp(before, after, before_len), 0);
	free(before);
	free(after);
	cr_assert_eq(facility_count(db), 0);
	/* the right spelling runs (a dry run: still nothing written) */
	cr_assert_eq(th_system("'%s' --db '%s' import facilities '%s' "
			       "--dry-run >/dev/null 2>&1", th_bin(), db,
			       csv), 0);
	cr_assert_eq(facility_count(db), 0);
	cr_assert_eq(th_system("'%s' --db '%s' import facilities '%s' "
			       ">/dev/null 2>&1", th_bin(), db, csv), 0);
	cr_assert_neq(facility_count(db), 0);
}

Test(cli_args, missing_values_and_arguments_exit_1)
{
	char db[512], csv[512];

	district(db, sizeof db, csv, sizeof csv);
	cr_assert_eq(th_system("'%s' --db '%s' import facilities '%s' "
			       "--encoding >/dev/null 2>&1", th_bin(), db,
			       csv), 1);
	cr_assert_eq(th_system("'%s' --db '%s' import facilities "
			       ">/dev/null 2>&1", th_bin(), db), 1);
	cr_assert_eq(th_system("'%s' --db '%s' report build 2>&1 | grep -q "
			       "'^sxsh report build --period'", th_bin(), db),
		     0);
	cr_assert_eq(th_system("'%s' --db '%s' report build >/dev/null 2>&1",
			       th_bin(), db), 1);
	cr_assert_eq(th_system("'%s' --db '%s' report bild --period 2017 "
			       ">/dev/null 2>&1", th_bin(), db), 1);
	cr_assert_eq(th_system("'%s' --db '%s' config set lang "
			       ">/dev/null 2>&1", th_bin(), db), 1);
	cr_assert_eq(th_system("'%s' --db '%s' --lang fr status "
			       ">/dev/null 2>&1", th_bin(), db), 1);
	/* an answer without its question: no sync is started */
	cr_assert_eq(th_system("'%s' --db '%s' sync keep-mine "
			       ">/dev/null 2>&1", th_bin(), db), 1);
	cr_assert_eq(th_system("'%s' --db '%s' status --verbose "
			       ">/dev/null 2>&1", th_bin(), db), 1);
	/* the message is in the chosen language */
	cr_assert_eq(th_system("'%s' --db '%s' --lang en report build 2>&1 |"
			       " grep -q 'missing option: --period'",
			       th_bin(), db), 0);
	cr_assert_eq(th_system("'%s' --db '%s' report build 2>&1 | grep -q "
			       "'thiếu tùy chọn: --period'", th_bin(), db), 0);
}

Test(cli_args, help_after_a_command_prints_its_own_usage)
{
	char out[600];

	th_path(out, sizeof out, th_tmpdir(), "help.txt");
	cr_assert_eq(th_system("'%s' --lang en report build --help >'%s'",
			       th_bin(), out), 0);
	cr_assert_eq(th_system("grep -q '^sxsh report build --period P' '%s'",
			       out), 0);
	cr_assert_eq(th_system("grep -q -- '--format' '%s'", out), 0);
	cr_assert_neq(th_system("grep -q 'report show' '%s'", out), 0);
	cr_assert_eq(th_system("'%s' config --help | grep -q "
			       "'^sxsh config set KHÓA GIÁ_TRỊ'", th_bin()), 0);
	cr_assert_eq(th_system("'%s' --help | grep -q '^sxsh sync '",
			       th_bin()), 0);
}

Test(cli_args, server_refuses_an_option_of_another_command)
{
	const char *dir = th_tmpdir();
	char db[512], out[600];

	th_path(db, sizeof db, dir, "server.db");
	th_path(out, sizeof out, dir, "err.txt");
	cr_assert_eq(th_system("'%s' district add 123 --db '%s' "
			       ">/dev/null 2>&1", th_server_bin(), db), 0);
	cr_assert_eq(th_system("'%s' report --district 123 --db '%s' "
			       "--period 2017S1 >/dev/null 2>'%s'",
			       th_server_bin(), db, out), 1);
	cr_assert_eq(th_system("grep -q -- '--district' '%s'", out), 0);
	cr_assert_eq(th_system("grep -q '^sxsh-server report --period' '%s'",
			       out), 0);
	cr_assert_eq(th_system("'%s' district add --db '%s' "
			       ">/dev/null 2>&1", th_server_bin(), db), 1);
	cr_assert_eq(th_system("'%s' district add 124 --nmae X --db '%s' "
			       ">/dev/null 2>&1", th_server_bin(), db), 1);
	cr_assert_eq(th_system("'%s' district list --lang en --db '%s' | "
			       "grep -c active | grep -q '^1$'",
			       th_server_bin(), db), 0);
	cr_assert_eq(th_system("'%s' report accept --db '%s' --period 2017S1 "
			       ">/dev/null 2>&1", th_server_bin(), db), 1);
	cr_assert_eq(th_system("'%s' serve --db '%s' --cert >/dev/null 2>&1",
			       th_server_bin(), db), 1);
}

Test(cli_args, server_help_after_a_command_prints_its_own_usage)
{
	cr_assert_eq(th_system("'%s' --lang en user add --help | grep -q "
			       "'^sxsh-server user add NAME'",
			       th_server_bin()), 0);
	cr_assert_eq(th_system("'%s' user add --help | grep -q 'user list'",
			       th_server_bin()), 1);
	cr_assert_eq(th_system("'%s' --help | grep -q '^sxsh-server publish'",
			       th_server_bin()), 0);
	cr_assert_eq(th_system("'%s' >/dev/null 2>&1", th_server_bin()), 1);
}

Test(cli_args, server_lists_in_the_chosen_language_and_local_time)
{
	const char *dir = th_tmpdir();
	char db[512];

	th_path(db, sizeof db, dir, "server.db");
	cr_assert_eq(th_system("SXSH_NOW=2026-12-02T10:40:00Z '%s' district "
			       "add 123 --db '%s' >/dev/null 2>&1",
			       th_server_bin(), db), 0);
	cr_assert_eq(th_system("TZ=ICT-7 '%s' district list --db '%s' | grep "
			       "-q '^123  *Huyện Mộc Châu  *đang dùng  "
			       "*02/12/2026 17:40 (+07)'", th_server_bin(),
			       db), 0);
	cr_assert_eq(th_system("TZ=UTC0 '%s' district list --db '%s' "
			       "--lang en | grep -q 'active  *02/12/2026 "
			       "10:40 (+00)'", th_server_bin(), db), 0);
	cr_assert_eq(th_system("'%s' district list --db '%s' | grep -q "
			       "active", th_server_bin(), db), 1);
}

Test(cli_args, status_and_config_speak_one_language)
{
	char db[512], csv[512];

	district(db, sizeof db, csv, sizeof csv);
	/* Vietnamese by default: none of the English words of the table */
	cr_assert_neq(th_system("'%s' --db '%s' status | grep -E -q "
			       "'District|Changes waiting|Last sync|never|"
			       "Indicators for|target'", th_bin(), db), 0);
	cr_assert_eq(th_system("'%s' --db '%s' status | grep -q "
			       "'Thay đổi chờ gửi: 0'", th_bin(), db), 0);
	cr_assert_eq(th_system("SXSH_LANG=en '%s' --db '%s' status | grep -q "
			       "'Changes waiting: 0'", th_bin(), db), 0);
	cr_assert_neq(th_system("'%s' --db '%s' config show | grep -E -q "
			       "'not set|pending|held'", th_bin(), db), 0);
	cr_assert_eq(th_system("'%s' --db '%s' --lang en config show | grep "
			       "-q '(not set)'", th_bin(), db), 0);
}

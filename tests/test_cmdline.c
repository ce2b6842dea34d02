/* test_cmdline.c — core's command-line toolkit (cmdline.h) on a table of
 * its own: options declared per command, nested sub-commands, usage errors
 * and the usage text drawn from the same rows. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sxsh/cmdline.h"

struct cmdline_app {
	int runs;
};

static int run_any(struct cmdline_app *app)
{
	app->runs++;
	return 0;
}

static const struct cmdline_opt globals[] = {
	{"db", 0, "PATH", "ĐƯỜNG_DẪN", 0, NULL, "tệp", "file"},
	{"lang", 0, "LANG", NULL, 0, "vi|en", NULL, NULL},
	{0}};

static const struct cmdline_opt import_opts[] = {
	{"dry-run", 0, NULL, NULL, 0, NULL, "chạy thử", "check only"},
	{"encoding", 0, "NAME", NULL, 0, NULL, NULL, NULL},
	{"output", 'o', "FILE", "TỆP", 0, NULL, NULL, NULL},
	{0}};

static const struct cmdline_opt build_opts[] = {
	{"period", 0, "P", "KỲ", 1, NULL, NULL, NULL},
	{0}};

static const struct cmdline_opt group_opts[] = {
	{"period", 0, "P", NULL, 0, NULL, NULL, NULL},
	{"format", 0, "F", NULL, 0, NULL, NULL, NULL},
	{0}};

static const struct cmdline_cmd report_subs[] = {
	{"build", NULL, NULL, 0, 0, build_opts, NULL, run_any, 0, NULL, NULL},
	{"finalize", NULL, NULL, 0, 0, NULL, NULL, run_any, 1, NULL, NULL},
	{0}};

static const struct cmdline_cmd commands[] = {
	{"import", "KIND FILE", "LOẠI TỆP", 2, 2, import_opts, NULL, run_any,
	 0, "nhập", "import"},
	{"report", NULL, NULL, 0, 0, NULL, report_subs, NULL, 0, NULL, NULL},
	{"consolidated", NULL, NULL, 0, 0, group_opts, report_subs, run_any,
	 0, NULL, NULL},
	{0}};

static const struct cmdline_cmd root = {
	"prog", NULL, NULL, 0, 0, globals, commands, run_any, 0, NULL, NULL};

static enum cmdline_result parse(struct cmdline_args *a, const char *line)
{
	static char buf[512];
	static char *argv[32];
	int argc = 0;

	snprintf(buf, sizeof buf, "prog %s", line);
	for (char *w = strtok(buf, " "); w && argc < 31; w = strtok(NULL, " "))
		argv[argc++] = strcmp(w, "''") ? w : (char *)"";
	argv[argc] = NULL;
	return cmdline_parse(&root, argc, argv, a);
}

static const char *pick_en(const char *vi, const char *en)
{
	(void)vi;
	return en ? en : "";
}

static const char *pick_vi(const char *vi, const char *en)
{
	return vi ? vi : en ? en : "";
}

Test(cmdline, finds_the_command_its_arguments_and_options)
{
	struct cmdline_args a;
	struct cmdline_app app = {0};

	cr_assert_eq(parse(&a, "--db x.db import facilities f.csv --dry-run "
			   "--encoding=cp1258 -o out.csv"), CMDLINE_RUN);
	cr_assert_str_eq(cmdline_command(&a)->name, "import");
	cr_assert_eq(a.argc, 2);
	cr_assert_str_eq(cmdline_arg(&a, 0), "facilities");
	cr_assert_str_eq(cmdline_arg(&a, 1), "f.csv");
	cr_assert_null(cmdline_arg(&a, 2));
	cr_assert(cmdline_flag(&a, "dry-run"));
	cr_assert_str_eq(cmdline_value(&a, "encoding"), "cp1258");
	cr_assert_str_eq(cmdline_value(&a, "output"), "out.csv");
	cr_assert_str_eq(cmdline_global(&a, "db"), "x.db");
	/* a global option is found through cmdline_value too */
	cr_assert_str_eq(cmdline_value(&a, "db"), "x.db");
	cr_assert_null(cmdline_value(&a, "lang"));
	cr_assert_eq(cmdline_command(&a)->run(&app), 0);
	cr_assert_eq(app.runs, 1);
}

Test(cmdline, a_misspelt_option_is_a_usage_error_naming_it)
{
	struct cmdline_args a;

	cr_assert_eq(parse(&a, "import facilities f.csv --dryrun"),
		     CMDLINE_USAGE);
	cr_assert_str_eq(cmdline_command(&a)->name, "import");
	cr_assert_eq(a.error.code, SX_USAGE);
	cr_assert(strstr(a.error.msg, "unknown option: --dryrun"), "%s",
		  a.error.msg);
	cr_assert(strstr(a.error.msg_vi, "--dryrun"));
	/* another command's option is unknown here */
	cr_assert_eq(parse(&a, "import facilities f.csv --period 2017"),
		     CMDLINE_USAGE);
	cr_assert_eq(parse(&a, "import facilities f.csv -x"), CMDLINE_USAGE);
}

Test(cmdline, a_missing_or_unwanted_value_is_a_usage_error)
{
	struct cmdline_args a;

	cr_assert_eq(parse(&a, "import facilities f.csv --encoding"),
		     CMDLINE_USAGE);
	cr_assert(strstr(a.error.msg, "missing value for: --encoding"));
	cr_assert_eq(parse(&a, "import facilities f.csv --dry-run=yes"),
		     CMDLINE_USAGE);
	cr_assert_eq(parse(&a, "--lang fr"), CMDLINE_USAGE);
	cr_assert(strstr(a.error.msg, "vi|en"));
	cr_assert_eq(parse(&a, "--lang en"), CMDLINE_RUN);
}

Test(cmdline, a_value_is_taken_as_it_is_even_with_a_dash)
{
	struct cmdline_args a;

	cr_assert_eq(parse(&a, "import - f.csv --encoding --help"),
		     CMDLINE_RUN);
	cr_assert_str_eq(cmdline_value(&a, "encoding"), "--help");
	cr_assert_str_eq(cmdline_arg(&a, 0), "-");
	cr_assert_eq(parse(&a, "import -- --dry-run f.csv"), CMDLINE_RUN);
	cr_assert_str_eq(cmdline_arg(&a, 0), "--dry-run");
	cr_assert(!cmdline_flag(&a, "dry-run"));
	cr_assert_eq(parse(&a, "import k ''"), CMDLINE_RUN);
	cr_assert_str_eq(cmdline_arg(&a, 1), "");
}

Test(cmdline, arguments_are_counted)
{
	struct cmdline_args a;

	cr_assert_eq(parse(&a, "import facilities"), CMDLINE_USAGE);
	cr_assert(strstr(a.error.msg, "missing argument"));
	cr_assert_eq(parse(&a, "import facilities a.csv b.csv"),
		     CMDLINE_USAGE);
	cr_assert(strstr(a.error.msg, "unexpected argument: b.csv"));
}

Test(cmdline, sub_commands_come_from_nested_tables)
{
	struct cmdline_args a;

	cr_assert_eq(parse(&a, "report build --period 2017S1"), CMDLINE_RUN);
	cr_assert_eq(a.depth, 3);
	cr_assert_str_eq(cmdline_command(&a)->name, "build");
	cr_assert_str_eq(cmdline_value(&a, "period"), "2017S1");
	cr_assert_eq(parse(&a, "report"), CMDLINE_USAGE);
	cr_assert(strstr(a.error.msg, "missing command"));
	cr_assert_eq(parse(&a, "report bild"), CMDLINE_USAGE);
	cr_assert(strstr(a.error.msg, "unknown command: bild"));
	cr_assert_eq(parse(&a, "nosuch"), CMDLINE_USAGE);
	cr_assert_eq(a.depth, 1);
	/* no command: the root runs */
	cr_assert_eq(parse(&a, "--db x"), CMDLINE_RUN);
	cr_assert_eq(a.depth, 1);
}

Test(cmdline, a_required_option_must_be_given)
{
	struct cmdline_args a;

	cr_assert_eq(parse(&a, "report build"), CMDLINE_USAGE);
	cr_assert(strstr(a.error.msg, "missing option: --period"));
	cr_assert_str_eq(cmdline_command(&a)->name, "build");
}

Test(cmdline, a_group_options_belong_to_the_group_only)
{
	struct cmdline_args a;

	/* the group runs itself with its own options */
	cr_assert_eq(parse(&a, "consolidated --period 2017 --format csv"),
		     CMDLINE_RUN);
	cr_assert_str_eq(cmdline_command(&a)->name, "consolidated");
	/* given before the sub-command, --period moves to build, which has
	 * it; --format is not build's */
	cr_assert_eq(parse(&a, "consolidated --period 2017 build"),
		     CMDLINE_RUN);
	cr_assert_str_eq(cmdline_value(&a, "period"), "2017");
	cr_assert_eq(parse(&a, "consolidated --format csv build --period 1"),
		     CMDLINE_USAGE);
	cr_assert(strstr(a.error.msg, "--format"));
}

Test(cmdline, help_after_any_command_names_that_command)
{
	struct cmdline_args a;

	cr_assert_eq(parse(&a, "report build --help"), CMDLINE_HELP);
	cr_assert_str_eq(cmdline_command(&a)->name, "build");
	cr_assert_eq(parse(&a, "import -h"), CMDLINE_HELP);
	cr_assert_str_eq(cmdline_command(&a)->name, "import");
	/* --help wins over a problem that follows it */
	cr_assert_eq(parse(&a, "import --help --bogus"), CMDLINE_HELP);
}

Test(cmdline, usage_lines_come_from_the_table_in_either_language)
{
	struct cmdline_args a;
	char *text;

	cr_assert_eq(parse(&a, "import x y"), CMDLINE_RUN);
	text = cmdline_usage(a.path, a.depth, 0, pick_en);
	cr_assert_str_eq(text, "prog import KIND FILE [--dry-run] "
			 "[--encoding NAME] [-o FILE]\n");
	free(text);
	text = cmdline_usage(a.path, a.depth, 1, pick_vi);
	cr_assert(strstr(text, "prog import LOẠI TỆP [--dry-run] "
			 "[--encoding NAME] [-o TỆP]\n    nhập\n"), "%s", text);
	cr_assert(strstr(text, "--dry-run          chạy thử\n"), "%s", text);
	cr_assert(strstr(text, "-o, --output"), "%s", text);
	free(text);
	/* a group lists its sub-commands, not the hidden alias */
	cr_assert_eq(parse(&a, "report"), CMDLINE_USAGE);
	cr_assert_eq(a.depth, 2);
	text = cmdline_usage(a.path, a.depth, 0, pick_en);
	cr_assert_str_eq(text, "prog report build --period P\n");
	free(text);
	/* the root lists everything, the group that runs included */
	cr_assert_eq(parse(&a, ""), CMDLINE_RUN);
	text = cmdline_usage(a.path, a.depth, 0, pick_en);
	cr_assert(strstr(text, "prog [--db PATH] [--lang vi|en]\n"), "%s",
		  text);
	cr_assert(strstr(text, "prog consolidated [--period P] [--format F]\n"
			 "prog consolidated build --period P\n"), "%s", text);
	free(text);
}

/* test_outfile.c — files the user names (export, report, backup, rejected
 * rows): a pipe or a device is written in place, never replaced by a
 * plain file; a symbolic link stays a link to the new content; a failed
 * write leaves the name as it was.  A pipe stands in for /dev/null: a test
 * that broke would otherwise break the machine's /dev/null. */
#include <sys/stat.h>
#include "helpers.h"
#include "sxsh/import.h"
#include "sxsh/outfile.h"

static char dir[512], db[512];

static void setup(void)
{
	struct sx_db *h = th_district_db(db, sizeof db);
	char *slash;

	sx_db_close(h);
	snprintf(dir, sizeof dir, "%s", db);
	slash = strrchr(dir, '/');
	cr_assert_not_null(slash);
	*slash = '\0';
}

TestSuite(outfile, .init = setup);

static int is_fifo(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 && S_ISFIFO(st.st_mode);
}

static int is_link(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

/* Runs "sxsh ARGS -o fifo" with a reader on the pipe; returns the exit
 * status and leaves what came through in dir/got. */
static int through_pipe(const char *args)
{
	char fifo[600], got[600];

	th_path(fifo, sizeof fifo, dir, "pipe");
	th_path(got, sizeof got, dir, "got");
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	return th_system("timeout 20 cat '%s' > '%s' & %s --db '%s' %s -o '%s' "
			 "2>/dev/null; s=$?; wait; exit $s", fifo, got,
			 th_bin(), db, args, fifo);
}

Test(outfile, export_into_a_pipe_writes_through_it)
{
	char fifo[600], got[600];

	cr_assert_eq(through_pipe("export facilities --template"), 0);
	th_path(fifo, sizeof fifo, dir, "pipe");
	th_path(got, sizeof got, dir, "got");
	cr_assert(is_fifo(fifo), "the pipe is still a pipe");
	cr_assert_eq(th_system("grep -q 'Tên cơ sở' '%s'", got), 0);
}

Test(outfile, report_into_a_pipe_writes_through_it)
{
	char fifo[600], got[600];

	cr_assert_eq(through_pipe("report build --period 2018S1"), 0);
	th_path(fifo, sizeof fifo, dir, "pipe");
	th_path(got, sizeof got, dir, "got");
	cr_assert(is_fifo(fifo));
	cr_assert_eq(th_system("grep -q '2018S1' '%s'", got), 0);
}

Test(outfile, export_through_a_link_replaces_its_file_and_keeps_it)
{
	char real[600], link[600];

	th_path(real, sizeof real, dir, "real.csv");
	th_path(link, sizeof link, dir, "link.csv");
	cr_assert_eq(th_system("echo old > '%s' && ln -s real.csv '%s'", real,
			       link), 0);
	cr_assert_eq(th_system("%s --db '%s' export facilities --template "
			       "-o '%s' 2>/dev/null", th_bin(), db, link), 0);
	cr_assert(is_link(link), "the link is still a link");
	cr_assert_eq(th_system("grep -q 'Tên cơ sở' '%s'", real), 0);
	cr_assert_neq(th_system("grep -q old '%s'", real), 0);
}

Test(outfile, backup_refuses_a_pipe_and_follows_a_link)
{
	char fifo[600], real[600], link[600];

	th_path(fifo, sizeof fifo, dir, "pipe");
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	cr_assert_eq(th_system("%s --db '%s' backup '%s' 2>/dev/null",
			       th_bin(), db, fifo), 5);
	cr_assert(is_fifo(fifo));

	th_path(real, sizeof real, dir, "copy.db");
	th_path(link, sizeof link, dir, "latest.db");
	cr_assert_eq(th_system("echo old > '%s' && ln -s copy.db '%s'", real,
			       link), 0);
	cr_assert_eq(th_system("%s --db '%s' backup '%s' 2>/dev/null",
			       th_bin(), db, link), 0);
	cr_assert(is_link(link));
	cr_assert_eq(th_system("%s --db '%s' status >/dev/null 2>&1",
			       th_bin(), real), 0, "the backup opens");
}

Test(outfile, a_failed_write_leaves_the_name_as_it_was)
{
	struct sx_outfile o;
	struct sx_error err = {0};
	char path[600];

	th_path(path, sizeof path, dir, "kept.csv");
	cr_assert_eq(th_system("echo before > '%s'", path), 0);
	cr_assert_eq(sx_outfile_open(&o, path, &err), SX_OK, "%s", err.msg);
	fputs("half a fi", o.f);
	sx_outfile_abort(&o);
	cr_assert_eq(th_system("grep -qx before '%s'", path), 0);
	cr_assert_neq(th_system("ls '%s' | grep -q tmp", dir), 0,
		      "no temporary file is left");

	cr_assert_eq(sx_outfile_open(&o, path, &err), SX_OK, "%s", err.msg);
	fputs("after\n", o.f);
	cr_assert_eq(sx_outfile_commit(&o, &err), SX_OK, "%s", err.msg);
	cr_assert_eq(th_system("grep -qx after '%s'", path), 0);
}

Test(outfile, rejected_rows_follow_a_link)
{
	struct import_result r = {0};
	struct sx_error err = {0};
	char real[600], link[600];
	char csv[] = "name;reason\nx;bad\n";

	th_path(real, sizeof real, dir, "bad.csv");
	th_path(link, sizeof link, dir, "bad-link.csv");
	cr_assert_eq(th_system("ln -s bad.csv '%s'", link), 0);
	r.rejected_csv = csv;
	r.rejected_len = strlen(csv);
	cr_assert_eq(import_write_rejected(&r, link, &err), SX_OK, "%s",
		     err.msg);
	cr_assert(is_link(link));
	cr_assert_eq(th_system("grep -q 'x;bad' '%s'", real), 0);
}

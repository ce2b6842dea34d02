/* test_file_modes.c — every file the programs create is readable by its
 * owner only from the moment it exists (issue 12): the district database
 * and its WAL files, backups and their temporary files, exports, and the
 * server's database.  Run under umask 022, the usual one, which would
 * otherwise give 0644; the backup is watched with inotify while it is
 * written, since a file opened during a window stays readable after a
 * later chmod. */
#include <pthread.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include "core_fixture.h"
#include "sxsh/outfile.h"
#include "../sync/server/store.h"

static void assert_private(const char *path)
{
	struct stat st;
	cr_assert_eq(stat(path, &st), 0, "%s is missing", path);
	cr_assert_eq(st.st_mode & 077, 0, "%s has mode %04o", path,
		     (unsigned)(st.st_mode & 07777));
}

struct watch {
	char dir[256];
	int fd;
	volatile int stop;
	int seen;             /* files seen */
	char wide[512];       /* the first one seen with group/other bits */
	unsigned wide_mode;
};

/* Stats every file of the folder as soon as inotify reports it, until
 * told to stop. */
static void *watch_run(void *arg)
{
	struct watch *w = arg;
	char buf[4096] __attribute__((aligned(8)));
	while (!w->stop) {
		ssize_t n = read(w->fd, buf, sizeof buf);
		if (n <= 0) {
			usleep(1000);
			continue;
		}
		for (char *p = buf; p < buf + n;) {
			struct inotify_event *ev = (void *)p;
			p += sizeof *ev + ev->len;
			if (!ev->len)
				continue;
			char path[600];
			struct stat st;
			snprintf(path, sizeof path, "%s/%s", w->dir, ev->name);
			if (stat(path, &st) != 0)
				continue;
			w->seen++;
			if ((st.st_mode & 077) && !w->wide[0]) {
				snprintf(w->wide, sizeof w->wide, "%s",
					 ev->name);
				w->wide_mode = st.st_mode & 07777;
			}
		}
	}
	return NULL;
}

Test(file_modes, backup_and_its_temporary_files_are_private_from_creation,
     .timeout = 120)
{
	umask(022);
	char path[512], dest_dir[256], dest[600];
	struct sx_error err = {0};
	struct sx_db *db = th_district_db(path, sizeof path);
	/* Large enough that the copy takes many steps. */
	char notes[1001];
	memset(notes, 'x', 1000);
	notes[1000] = '\0';
	cr_assert_eq(sx_db_begin(db, &err), SX_OK);
	for (int i = 0; i < 3000; i++) {
		char name[32];
		snprintf(name, sizeof name, "Cơ sở %d", i);
		fx_save(db, SXK_FACILITY, NULL, "name", name, "kind",
			"household", "vsic", "10760", "commune", "03979",
			"status", "active", "cp_potential", "1", "notes",
			notes, NULL);
	}
	cr_assert_eq(sx_db_commit(db, &err), SX_OK, "%s", err.msg);
	assert_private(path);

	struct watch w = {0};
	snprintf(dest_dir, sizeof dest_dir, "%s", th_tmpdir());
	snprintf(w.dir, sizeof w.dir, "%s", dest_dir);
	w.fd = inotify_init1(IN_NONBLOCK);
	cr_assert(w.fd >= 0);
	cr_assert(inotify_add_watch(w.fd, dest_dir, IN_CREATE | IN_MODIFY |
				    IN_ATTRIB | IN_MOVED_TO) >= 0);
	pthread_t t;
	cr_assert_eq(pthread_create(&t, NULL, watch_run, &w), 0);
	snprintf(dest, sizeof dest, "%s/backup.db", dest_dir);
	cr_assert_eq(sx_db_backup(db, dest, &err), SX_OK, "%s", err.msg);
	usleep(100 * 1000);
	w.stop = 1;
	pthread_join(t, NULL);
	close(w.fd);
	cr_assert_gt(w.seen, 0, "the watcher saw no file");
	cr_assert_eq(w.wide[0], '\0', "%s was mode %04o while the backup "
		     "was written", w.wide, w.wide_mode);
	assert_private(dest);
	sx_db_close(db);
}

Test(file_modes, database_and_wal_files_are_private_under_umask_022)
{
	umask(022);
	char path[512], side[600];
	struct sx_db *db = th_district_db(path, sizeof path);
	assert_private(path);
	snprintf(side, sizeof side, "%s-wal", path);
	assert_private(side);
	snprintf(side, sizeof side, "%s-shm", path);
	assert_private(side);
	sx_db_close(db);
}

Test(file_modes, an_older_wide_database_is_made_private_at_open)
{
	umask(022);
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	sx_db_close(db);
	cr_assert_eq(chmod(path, 0644), 0);
	struct sx_error err = {0};
	cr_assert_eq(sx_db_open(path, 0, &db, &err), SX_OK, "%s", err.msg);
	assert_private(path);
	sx_db_close(db);
}

Test(file_modes, exports_are_private_under_umask_022)
{
	umask(022);
	char path[512];
	th_path(path, sizeof path, th_tmpdir(), "people.csv");
	struct sx_outfile o;
	struct sx_error err = {0};
	cr_assert_eq(sx_outfile_open(&o, path, &err), SX_OK, "%s", err.msg);
	assert_private(o.tmp);
	fputs("name,phone\nNguyễn Văn A,0912345678\n", o.f);
	cr_assert_eq(sx_outfile_commit(&o, &err), SX_OK, "%s", err.msg);
	assert_private(path);
}

Test(file_modes, server_database_and_wal_files_are_private_under_umask_022)
{
	umask(022);
	char path[512], side[600];
	th_path(path, sizeof path, th_tmpdir(), "server.db");
	struct srv_store *st = NULL;
	struct sx_error err = {0};
	cr_assert_eq(store_open(path, &st, &err), SX_OK, "%s", err.msg);
	cr_assert_eq(store_begin(st, &err), SX_OK);
	cr_assert_eq(store_district_add(st, "123", "Mộc Châu",
					"00000000000000000000000000000000"
					"00000000000000000000000000000000",
					&err), SX_OK, "%s", err.msg);
	cr_assert_eq(store_commit(st, &err), SX_OK);
	assert_private(path);
	snprintf(side, sizeof side, "%s-wal", path);
	assert_private(side);
	snprintf(side, sizeof side, "%s-shm", path);
	assert_private(side);
	store_close(st);
}

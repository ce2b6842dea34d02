/* helpers.h — shared by the Criterion tests: temporary folders and
 * databases, running the real binaries. */
#ifndef SXSH_TESTS_HELPERS_H
#define SXSH_TESTS_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include <criterion/criterion.h>
#include "sxsh/db.h"
#include "sxsh/err.h"

/* Folders made by th_tmpdir, removed when the test's worker exits (a
 * failed test keeps nothing either: set SXSH_KEEP_TMP=1 to look). */
static char th_made[64][256];
static int th_nmade;

static inline void th_remove_made(void)
{
	if (getenv("SXSH_KEEP_TMP"))
		return;
	for (int i = 0; i < th_nmade; i++) {
		char cmd[300];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", th_made[i]);
		if (system(cmd) != 0)
			continue;
	}
	th_nmade = 0;
}

/* A fresh temporary folder (mkdtemp under $TMPDIR or /tmp), removed when
 * the test's worker process exits.  Returns a static buffer. */
static inline const char *th_tmpdir(void)
{
	static char dir[256];
	const char *base = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/sxsh-test-XXXXXX",
		 base && *base ? base : "/tmp");
	cr_assert_not_null(mkdtemp(dir), "mkdtemp");
	if (th_nmade < 64) {
		if (th_nmade == 0)
			atexit(th_remove_made);
		snprintf(th_made[th_nmade++], sizeof th_made[0], "%s", dir);
	}
	return dir;
}

/* path = dir/name into out. */
static inline char *th_path(char *out, size_t n, const char *dir,
			    const char *name)
{
	snprintf(out, n, "%s/%s", dir, name);
	return out;
}

/* Opens a new database in a new temporary folder, initialised for district
 * 123 (Huyện Mộc Châu). */
static inline struct sx_db *th_district_db(char *path_out, size_t n)
{
	struct sx_db *db = NULL;
	struct sx_error err = {0};
	th_path(path_out, n, th_tmpdir(), "sxsh.db");
	cr_assert_eq(sx_db_open(path_out, 0, &db, &err), SX_OK, "%s", err.msg);
	cr_assert_eq(sx_db_init_district(db, "123", "Tester", &err), SX_OK,
		     "%s", err.msg);
	return db;
}

/* Runs a shell command line, returns its exit status (or -1). */
static inline int th_system(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
#include <stdarg.h>
#include <sys/wait.h>
static inline int th_system(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	int st = system(cmd);
	if (st == -1 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* The binaries under test (set by make test). */
static inline const char *th_bin(void)
{
	const char *b = getenv("SXSH_BIN");
	return b ? b : "build/asan/sxsh";
}
static inline const char *th_server_bin(void)
{
	const char *b = getenv("SXSH_SERVER_BIN");
	return b ? b : "build/asan/sxsh-server";
}

/* The whole file at path, malloc'd (*len bytes); for comparing a file
 * before and after something that must not change it. */
static inline unsigned char *th_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	cr_assert_not_null(f, "%s", path);
	unsigned char *data = NULL;
	size_t cap = 0;
	*len = 0;
	for (;;) {
		if (*len == cap) {
			cap = cap ? cap * 2 : 65536;
			data = realloc(data, cap);
			cr_assert_not_null(data);
		}
		size_t r = fread(data + *len, 1, cap - *len, f);
		if (r == 0)
			break;
		*len += r;
	}
	fclose(f);
	return data;
}

/* PRAGMA user_version of the file at path, through a read-only
 * connection (on a WAL file it may leave -wal and -shm beside it). */
static inline int th_user_version(const char *path)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	int v = -1;
	cr_assert_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL),
		     SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st,
					NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

#endif

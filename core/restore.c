/* restore.c — a backup put back in place of the database (restore.h).
 *
 * Order matters so that every failure leaves a usable database:
 *   1. the backup is checked (SQLite, integrity, sxsh tables, version);
 *   2. the current database is brought to one self-contained file by
 *      leaving WAL mode — which SQLite allows only when no other
 *      connection has it open, so a running UI makes us refuse;
 *   3. the backup is copied beside it through the SQLite backup API;
 *   4. the current file is renamed aside and the copy renamed in.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "db_internal.h"
#include "sxsh/restore.h"

static enum sx_err bad_backup(struct sx_error *err, const char *vi,
			      const char *en, const char *path)
{
	sx_error_set(err, SX_INVALID, "", NULL, "%s: %s", path, en);
	if (err)
		snprintf(err->msg_vi, sizeof err->msg_vi, "%s: %s", path, vi);
	return SX_INVALID;
}

static int query_int(sqlite3 *h, const char *sql, int *out)
{
	sqlite3_stmt *st = NULL;
	int ok = 0;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		ok = 1;
	}
	sqlite3_finalize(st);
	return ok ? 0 : -1;
}

enum sx_err restore_check(const char *path, int *schema_version,
			  struct sx_error *err)
{
	char magic[16];
	FILE *f = fopen(path, "rb");
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	struct stat sb;
	int version = -1, tables = 0, fk = 0;
	enum sx_err e = SX_OK;

	if (!f)
		return bad_backup(err, "không mở được tệp",
				  "cannot open the file",
				  path);
	if (fstat(fileno(f), &sb) || !S_ISREG(sb.st_mode) ||
	    fread(magic, 1, 16, f) != 16 ||
	    memcmp(magic, "SQLite format 3", 16)) {
		fclose(f);
		return bad_backup(err, "không phải tệp sao lưu của sxsh "
				  "(không phải SQLite)",
				  "not an sxsh backup (not an SQLite file)",
				  path);
	}
	fclose(f);
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		e = bad_backup(err, "không mở được cơ sở dữ liệu",
			       "cannot open the database", path);
		goto done;
	}
	if (query_int(h, "PRAGMA user_version", &version) ||
	    query_int(h, "SELECT count(*) FROM sqlite_master WHERE type="
		      "'table' AND name IN('setting','facility','person',"
		      "'change_log')", &tables)) {
		e = bad_backup(err, "tệp hỏng, không đọc được",
			       "the file is damaged and cannot be read", path);
		goto done;
	}
	if (version > SX_SCHEMA_VERSION) {
		sx_error_set(err, SX_INVALID, "", NULL,
			     "%s: schema version %d is newer than this "
			     "program's (%d): update sxsh first", path,
			     version, SX_SCHEMA_VERSION);
		if (err)
			snprintf(err->msg_vi, sizeof err->msg_vi,
				 "%s: phiên bản dữ liệu %d mới hơn chương "
				 "trình (%d); hãy cập nhật sxsh trước", path,
				 version, SX_SCHEMA_VERSION);
		e = SX_INVALID;
		goto done;
	}
	if (version < 1 || tables != 4) {
		e = bad_backup(err, "không phải tệp dữ liệu của sxsh",
			       "not an sxsh database", path);
		goto done;
	}
	if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL) !=
		    SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW ||
	    strcmp((const char *)sqlite3_column_text(st, 0), "ok")) {
		e = bad_backup(err, "tệp hỏng (kiểm tra toàn vẹn không đạt)",
			       "the file is damaged (integrity check failed)",
			       path);
		goto done;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(h, "PRAGMA foreign_key_check", -1, &st,
			       NULL) == SQLITE_OK)
		while (sqlite3_step(st) == SQLITE_ROW)
			fk++;
	if (fk) {
		e = bad_backup(err, "tệp có liên kết hỏng giữa các bản ghi",
			       "the file has broken links between records",
			       path);
		goto done;
	}
	if (schema_version)
		*schema_version = version;
done:
	sqlite3_finalize(st);
	sqlite3_close(h);
	return e;
}

/* Leaves WAL mode on the current database so that it is one file; fails
 * while another connection has it open. */
static enum sx_err quiesce(const char *db_path, struct sx_error *err)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	int ok = 0;

	if (sqlite3_open_v2(db_path, &h, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(h);
		return sx_error_set(err, SX_DB, "",
				    "Không mở được tệp dữ liệu hiện tại.",
				    "cannot open the current database %s",
				    db_path);
	}
	sqlite3_busy_timeout(h, 2000);
	if (sqlite3_prepare_v2(h, "PRAGMA journal_mode=DELETE", -1, &st,
			       NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW &&
	    !strcmp((const char *)sqlite3_column_text(st, 0), "delete"))
		ok = 1;
	sqlite3_finalize(st);
	sqlite3_close(h);
	if (!ok)
		return sx_error_set(err, SX_DB, "",
				    "Tệp dữ liệu đang được mở ở nơi khác "
				    "(giao diện sxsh?); hãy đóng rồi thử lại.",
				    "the database is open elsewhere (the sxsh "
				    "interface?); close it and try again");
	return SX_OK;
}

static void kept_name(const char *db_path, char *out, size_t n)
{
	char stamp[32];
	time_t t = time(NULL);
	struct tm tm;
	struct stat sb;

	localtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &tm);
	snprintf(out, n, "%s.replaced-%s", db_path, stamp);
	for (int i = 1; stat(out, &sb) == 0 && i < 100; i++)
		snprintf(out, n, "%s.replaced-%s-%d", db_path, stamp, i);
}

enum sx_err restore_file(const char *db_path, const char *backup_path,
			 char *kept, size_t kept_sz, struct sx_error *err)
{
	char staging[4096], aside[4096];
	char *real_db, *real_bk;
	struct sx_db *src = NULL;
	struct stat sb;
	int exists;
	enum sx_err e;

	if (kept && kept_sz)
		kept[0] = '\0';
	e = restore_check(backup_path, NULL, err);
	if (e)
		return e;
	exists = stat(db_path, &sb) == 0;
	real_db = exists ? realpath(db_path, NULL) : NULL;
	real_bk = realpath(backup_path, NULL);
	if (real_db && real_bk && !strcmp(real_db, real_bk)) {
		free(real_db);
		free(real_bk);
		return sx_error_set(err, SX_INVALID, "",
				    "Tệp sao lưu chính là tệp dữ liệu.",
				    "the backup is the database itself");
	}
	free(real_db);
	free(real_bk);
	if (exists) {
		e = quiesce(db_path, err);
		if (e)
			return e;
	} else {
		e = sx_db_make_parent_dir(db_path, err);
		if (e)
			return e;
	}
	snprintf(staging, sizeof staging, "%s.restoring", db_path);
	e = sx_db_open(backup_path, SX_OPEN_READONLY | SX_OPEN_NOCREATE, &src,
		       err);
	if (e)
		return e;
	e = sx_db_backup(src, staging, err);
	sx_db_close(src);
	if (e)
		return e;
	if (exists) {
		kept_name(db_path, aside, sizeof aside);
		if (rename(db_path, aside) != 0) {
			unlink(staging);
			return sx_error_set(err, SX_DB, "",
					    "Không đổi tên được tệp dữ liệu "
					    "cũ.",
					    "cannot move %s aside: %s",
					    db_path, strerror(errno));
		}
	}
	if (rename(staging, db_path) != 0) {
		int saved = errno;
		if (exists)
			rename(aside, db_path);
		unlink(staging);
		return sx_error_set(err, SX_DB, "",
				    "Không đặt được tệp khôi phục vào chỗ.",
				    "cannot put the restored file in place: %s",
				    strerror(saved));
	}
	if (exists && kept && kept_sz)
		snprintf(kept, kept_sz, "%s", aside);
	return SX_OK;
}

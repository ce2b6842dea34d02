/* db.c — opening, migrating and closing the district database, the
 * statement cache, nested transactions, integrity check and online backup.
 *
 * Invariants: a connection always runs with foreign_keys=ON,
 * synchronous=FULL and WAL; user_version equals the number of migrations
 * applied; a file newer than this program is never written to.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "db_internal.h"
#include "sxsh/outfile.h"
#include "sxsh/refdata.h"
#include "sxsh/settings.h"
#include "sxsh/uuid.h"

static enum sx_err exec_sql(struct sx_db *db, const char *sql,
			    struct sx_error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(db->handle, sql, NULL, NULL, &msg) != SQLITE_OK) {
		enum sx_err code = sqlite3_errcode(db->handle) == SQLITE_NOMEM
					   ? SX_NOMEM : SX_DB;
		sx_error_set(err, code, NULL, NULL, "%s",
			     msg ? msg : "sqlite error");
		sqlite3_free(msg);
		return code;
	}
	return SX_OK;
}

/* ---- transactions ------------------------------------------------------ */

enum sx_err sx_db_begin(struct sx_db *db, struct sx_error *err)
{
	enum sx_err e;

	if (db->tx_depth == 0) {
		e = exec_sql(db, "BEGIN IMMEDIATE", err);
		db->tx_failed = 0;
	} else {
		e = exec_sql(db, "SAVEPOINT sx_nested", err);
	}
	if (e == SX_OK)
		db->tx_depth++;
	return e;
}

enum sx_err sx_db_commit(struct sx_db *db, struct sx_error *err)
{
	enum sx_err e;

	if (db->tx_depth <= 0)
		return sx_error_set(err, SX_DB, NULL, NULL,
				    "commit without a transaction");
	if (db->tx_depth > 1) {
		e = exec_sql(db, "RELEASE sx_nested", err);
		db->tx_depth--;
		return e;
	}
	if (db->tx_failed) {
		sx_db_rollback(db);
		return sx_error_set(err, SX_DB, NULL, NULL,
				    "an inner step failed; rolled back");
	}
	e = exec_sql(db, "COMMIT", err);
	if (e != SX_OK) {
		sx_db_rollback(db);
		return e;
	}
	db->tx_depth = 0;
	return SX_OK;
}

enum sx_err sx_db_end(struct sx_db *db, enum sx_err rc, struct sx_error *err)
{
	if (rc == SX_OK)
		return sx_db_commit(db, err);
	sx_db_rollback(db);
	return rc;
}

void sx_db_rollback(struct sx_db *db)
{
	if (db->tx_depth <= 0)
		return;
	if (db->tx_depth > 1) {
		exec_sql(db, "ROLLBACK TO sx_nested; RELEASE sx_nested", NULL);
		db->tx_depth--;
		return;
	}
	if (!sqlite3_get_autocommit(db->handle))
		exec_sql(db, "ROLLBACK", NULL);
	db->tx_depth = 0;
	db->tx_failed = 0;
}

/* ---- open / migrate ---------------------------------------------------- */

static int read_user_version(struct sx_db *db)
{
	sqlite3_stmt *st = NULL;
	int v = -1;

	if (sqlite3_prepare_v2(db->handle, "PRAGMA user_version", -1, &st,
			       NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

int sx_db_schema_version(struct sx_db *db)
{
	return read_user_version(db);
}

static enum sx_err refuse_newer(struct sx_db *db, int version,
				struct sx_error *err)
{
	char vi[256];

	snprintf(vi, sizeof vi, "Tệp dữ liệu được tạo bởi phiên bản %s mới "
		 "hơn; hãy cập nhật chương trình. Tệp không bị thay đổi.",
		 db->schema->program);
	return sx_error_set(err, SX_DB, NULL, vi,
			    "database schema version %d is newer than this "
			    "program (%d); update %s — the file was not "
			    "changed", version, db->schema->count,
			    db->schema->program);
}

static enum sx_err migrate(struct sx_db *db, struct sx_error *err)
{
	int version = read_user_version(db);
	int latest = db->schema->count;

	if (version < 0)
		return db_error(db, err, "read schema version");
	if (version > latest)
		return refuse_newer(db, version, err);
	while (version < latest) {
		char bump[64];
		enum sx_err e = exec_sql(db, "BEGIN IMMEDIATE", err);
		if (e != SX_OK)
			return e;
		/* Another process may have migrated while we waited. */
		if (read_user_version(db) != version) {
			exec_sql(db, "ROLLBACK", NULL);
			version = read_user_version(db);
			continue;
		}
		snprintf(bump, sizeof bump, "PRAGMA user_version=%d",
			 version + 1);
		e = exec_sql(db, db->schema->migrations[version], err);
		if (e == SX_OK)
			e = exec_sql(db, bump, err);
		if (e == SX_OK)
			e = exec_sql(db, "COMMIT", err);
		if (e != SX_OK) {
			exec_sql(db, "ROLLBACK", NULL);
			return e;
		}
		version++;
	}
	return SX_OK;
}

/* The client_id names one database file to the province.  A copy (a
 * backup restored, a file carried to a second PC) carries the id along,
 * and two PCs writing under one id would defeat the server's conflict
 * check.  The setting client_file holds the inode number of the file the
 * id was given to; a file whose inode differs is not that file, so it
 * gets a fresh id.  Only the inode: a device number can change between
 * boots, an inode of a file in place does not (a move within a file
 * system keeps it). */
static enum sx_err ensure_client_id(struct sx_db *db, struct sx_error *err)
{
	char *id = settings_get(db, "client_id");
	char *marker = settings_get(db, "client_file");
	char fresh[SX_UUID_LEN + 1], file_id[32] = "";
	struct stat sb;
	enum sx_err e = SX_OK;

	if (stat(db->path, &sb) == 0)
		snprintf(file_id, sizeof file_id, "%llu",
			 (unsigned long long)sb.st_ino);
	int copied = id && marker && file_id[0] && strcmp(marker, file_id);
	int unmarked = file_id[0] && !marker;
	if (id && !copied && !unmarked)
		goto done;
	e = sx_db_begin(db, err);
	if (e == SX_OK && (!id || copied)) {
		e = uuid_new(fresh, err);
		if (e == SX_OK)
			e = settings_set(db, "client_id", fresh, err);
	}
	if (e == SX_OK && file_id[0])
		e = settings_set(db, "client_file", file_id, err);
	/* Kept until an interface has said so: the first open may be the
	 * terminal interface's background backup, which shows nothing. */
	if (e == SX_OK && copied)
		e = settings_set(db, "new_identity", "1", err);
	if (e == SX_OK)
		e = sx_db_commit(db, err);
	else
		sx_db_rollback(db);
done:
	free(id);
	free(marker);
	return e;
}

int sx_db_new_identity(struct sx_db *db)
{
	char *v = settings_get(db, "new_identity");
	int yes = v != NULL;
	free(v);
	return yes;
}

void sx_db_identity_told(struct sx_db *db)
{
	settings_set(db, "new_identity", NULL, NULL);
}

static void load_district(struct sx_db *db)
{
	char *code = settings_get(db, "district_code");
	struct sx_unit unit;

	db->district_code[0] = db->district_name[0] = '\0';
	if (!code)
		return;
	snprintf(db->district_code, sizeof db->district_code, "%s", code);
	if (refdata_unit(db, code, &unit, NULL) == SX_OK)
		snprintf(db->district_name, sizeof db->district_name, "%s",
			 unit.name);
	free(code);
}

enum sx_err sx_db_open_schema(const char *path, int flags,
			      const struct sx_db_schema *schema,
			      struct sx_db **out, struct sx_error *err)
{
	struct sx_db *db;
	int oflags;
	enum sx_err e;
	struct stat sb;
	int existed = stat(path, &sb) == 0;

	if ((flags & SX_OPEN_NOCREATE) && !existed)
		return sx_error_set(err, SX_NOTFOUND, NULL,
				    "Không tìm thấy tệp dữ liệu",
				    "no database at %s", path);
	db = calloc(1, sizeof *db);
	if (!db || !(db->path = strdup(path))) {
		free(db);
		return sx_error_set(err, SX_NOMEM, NULL, "Hết bộ nhớ",
				    "out of memory");
	}
	db->schema = schema;
	/* Tokens (or their hashes) live in these files: private to the
	 * user from the moment the file exists, not after a chmod. */
	if (!(flags & SX_OPEN_READONLY) &&
	    (e = sx_outfile_private(path, err)) != SX_OK) {
		sx_db_close(db);
		return e;
	}
	oflags = (flags & SX_OPEN_READONLY)
			 ? SQLITE_OPEN_READONLY
			 : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &db->handle, oflags, NULL) != SQLITE_OK) {
		e = sx_error_set(err, SX_DB, NULL,
				 "Không mở được tệp dữ liệu",
				 "cannot open %s: %s", path,
				 db->handle ? sqlite3_errmsg(db->handle)
					    : "out of memory");
		sx_db_close(db);
		return e;
	}
	sqlite3_busy_timeout(db->handle, schema->busy_ms);
	sqlite3_extended_result_codes(db->handle, 0);
	e = exec_sql(db, "PRAGMA foreign_keys=ON", err);
	if (e == SX_OK && !(flags & SX_OPEN_READONLY)) {
		/* Refuse a newer file before touching it: switching to WAL
		 * writes. */
		int v = read_user_version(db);
		if (v > schema->count)
			e = refuse_newer(db, v, err);
		if (e == SX_OK)
			e = exec_sql(db, "PRAGMA journal_mode=WAL", err);
		if (e == SX_OK)
			e = exec_sql(db, "PRAGMA synchronous=FULL", err);
		if (e == SX_OK)
			e = migrate(db, err);
	} else if (e == SX_OK) {
		int v = read_user_version(db);
		if (v > schema->count)
			e = refuse_newer(db, v, err);
		else if (v < 0)
			e = db_error(db, err, "read schema version");
	}
	if (e != SX_OK) {
		sx_db_close(db);
		return e;
	}
	*out = db;
	return SX_OK;
}

enum sx_err sx_db_open(const char *path, int flags, struct sx_db **out,
		       struct sx_error *err)
{
	struct sx_db *db = NULL;
	enum sx_err e = sx_db_open_schema(path, flags, &schema_district, &db,
					  err);

	if (e == SX_OK && !(flags & SX_OPEN_READONLY))
		e = ensure_client_id(db, err);
	if (e != SX_OK) {
		sx_db_close(db);
		return e;
	}
	load_district(db);
	*out = db;
	return SX_OK;
}

void sx_db_close(struct sx_db *db)
{
	if (!db)
		return;
	if (db->tx_depth)
		sx_db_rollback(db);
	for (int i = 0; i < db->nstmts; i++) {
		sqlite3_finalize(db->stmts[i].stmt);
		free(db->stmts[i].sql);
	}
	free(db->stmts);
	sqlite3_close(db->handle);
	free(db->path);
	free(db);
}

void sx_db_limit_memory(long long bytes)
{
	sqlite3_soft_heap_limit64(bytes);
}

const char *sx_db_path(const struct sx_db *db)
{
	return db->path;
}

int sx_db_default_path(char *out, size_t outsz)
{
	const char *env = getenv("SXSH_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	int n;

	if (env && *env)
		n = snprintf(out, outsz, "%s", env);
	else if (xdg && *xdg)
		n = snprintf(out, outsz, "%s/sxsh/sxsh.db", xdg);
	else if (home && *home)
		n = snprintf(out, outsz, "%s/.local/share/sxsh/sxsh.db", home);
	else
		return -1;
	return n < 0 || (size_t)n >= outsz ? -1 : 0;
}

enum sx_err sx_db_make_parent_dir(const char *path, struct sx_error *err)
{
	char buf[4096];
	size_t n = strlen(path);

	if (n >= sizeof buf)
		return sx_error_set(err, SX_INVALID, NULL, NULL,
				    "path too long");
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) != 0 && errno != EEXIST)
			return sx_error_set(err, SX_DB, NULL,
					    "Không tạo được thư mục dữ liệu",
					    "cannot create %s: %s", buf,
					    strerror(errno));
		*p = '/';
	}
	return SX_OK;
}

/* ---- district ------------------------------------------------------------ */

enum sx_err sx_db_init_district(struct sx_db *db, const char *district_code,
				const char *operator_name,
				struct sx_error *err)
{
	struct sx_unit unit;
	enum sx_err e;

	if (db->district_code[0] && strcmp(db->district_code, district_code))
		return sx_error_set(err, SX_INVALID, "district",
			"Tệp dữ liệu này đã được khởi tạo cho huyện khác",
			"this database already belongs to district %s",
			db->district_code);
	e = sx_db_begin(db, err);
	if (e != SX_OK)
		return e;
	e = refdata_load_shipped(db, err);
	if (e == SX_OK) {
		e = refdata_unit(db, district_code, &unit, err);
		if (e == SX_NOTFOUND || (e == SX_OK &&
					 strcmp(unit.level, "district")))
			e = sx_error_set(err, SX_INVALID, "district",
				"Mã huyện không có trong danh mục tỉnh Sơn La",
				"unknown district code %s", district_code);
	}
	if (e == SX_OK)
		e = settings_set(db, "district_code", district_code, err);
	if (e == SX_OK && operator_name && *operator_name)
		e = settings_set(db, "operator", operator_name, err);
	if (e != SX_OK) {
		sx_db_rollback(db);
		return e;
	}
	e = sx_db_commit(db, err);
	if (e == SX_OK)
		load_district(db);
	return e;
}

const char *sx_db_district_code(struct sx_db *db)
{
	return db->district_code;
}

const char *sx_db_district_name(struct sx_db *db)
{
	return db->district_name;
}

/* ---- check and backup ------------------------------------------------ */

enum sx_err sx_db_check(struct sx_db *db, int *problems, struct sx_error *err)
{
	sqlite3_stmt *st = NULL;
	int count = 0;
	enum sx_err e = SX_OK;

	sx_error_clear(err);
	if (sqlite3_prepare_v2(db->handle, "PRAGMA integrity_check", -1, &st,
			       NULL) != SQLITE_OK)
		return db_error(db, err, "integrity check");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (r && strcmp(r, "ok")) {
			if (!count)
				sx_error_set(err, SX_DB, NULL, NULL,
					     "integrity: %s", r);
			count++;
		}
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db->handle, "PRAGMA foreign_key_check", -1, &st,
			       NULL) != SQLITE_OK)
		return db_error(db, err, "foreign key check");
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!count)
			sx_error_set(err, SX_DB, NULL, NULL,
				     "foreign key: table %s row %lld refers "
				     "to a missing %s",
				     sqlite3_column_text(st, 0),
				     sqlite3_column_int64(st, 1),
				     sqlite3_column_text(st, 2));
		count++;
	}
	sqlite3_finalize(st);
	if (count)
		e = SX_DB;
	if (problems)
		*problems = count;
	return e;
}

enum sx_err sx_db_backup(struct sx_db *db, const char *dest_path,
			 struct sx_error *err)
{
	char tmp[4200], target[4096];
	sqlite3 *dest = NULL;
	sqlite3_backup *bk;
	int rc;

	/* A backup is a database file: a device or a pipe cannot hold one,
	 * and renaming over it would replace it (outfile.h). */
	if (sx_output_target(dest_path, target, sizeof target) ==
	    SX_TARGET_SPECIAL)
		return sx_error_set(err, SX_DB, NULL,
				    "Chỉ sao lưu được vào một tệp thường",
				    "%s is not a regular file", dest_path);
	dest_path = target;
	if (snprintf(tmp, sizeof tmp, "%s.tmp-%ld", dest_path,
		     (long)getpid()) >= (int)sizeof tmp)
		return sx_error_set(err, SX_INVALID, NULL, NULL,
				    "path too long");
	unlink(tmp);
	/* It holds the sync token: private before the first page is in
	 * (SQLite gives its journal the same mode). */
	if (sx_outfile_private(tmp, err) != SX_OK ||
	    sqlite3_open(tmp, &dest) != SQLITE_OK) {
		sqlite3_close(dest);
		return sx_error_set(err, SX_DB, NULL,
				    "Không tạo được tệp sao lưu",
				    "cannot create %s", dest_path);
	}
	bk = sqlite3_backup_init(dest, "main", db->handle, "main");
	if (!bk) {
		sx_error_set(err, SX_DB, NULL, "Sao lưu thất bại",
			     "backup: %s", sqlite3_errmsg(dest));
		sqlite3_close(dest);
		unlink(tmp);
		return SX_DB;
	}
	/* Copy in steps so a writer elsewhere is never locked out for
	 * long; a write between steps restarts the copy from a snapshot. */
	do {
		rc = sqlite3_backup_step(bk, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(bk);
	if (rc != SQLITE_DONE) {
		sx_error_set(err, SX_DB, NULL, "Sao lưu thất bại",
			     "backup: %s", sqlite3_errstr(rc));
		sqlite3_close(dest);
		unlink(tmp);
		return SX_DB;
	}
	/* A backup is a single self-contained file: no WAL beside it. */
	sqlite3_exec(dest, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
	sqlite3_close(dest);
	{
		FILE *f = fopen(tmp, "rb+");
		if (f) {
			fflush(f);
			fsync(fileno(f));
			fclose(f);
		}
	}
	if (rename(tmp, dest_path) != 0) {
		unlink(tmp);
		return sx_error_set(err, SX_DB, NULL,
				    "Không ghi được tệp sao lưu",
				    "cannot write %s: %s", dest_path,
				    strerror(errno));
	}
	return SX_OK;
}

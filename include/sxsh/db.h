/* db.h — the district database: one SQLite file, opened, migrated, closed.
 *
 * Opening applies pending migrations (each in one transaction) and sets WAL,
 * foreign_keys=ON and synchronous=FULL.  A file whose user_version is newer
 * than this program knows is refused with SX_DB and left untouched.
 *
 * Transactions nest: sx_db_begin inside an open transaction opens a
 * savepoint.  Every record write and its change-log entry share one.
 */
#ifndef SXSH_DB_H
#define SXSH_DB_H

#include <stddef.h>
#include "sxsh/clock.h"
#include "sxsh/err.h"

struct sx_db;

#define SX_SCHEMA_VERSION 2

enum sx_open_flags {
	SX_OPEN_DEFAULT = 0,
	SX_OPEN_READONLY = 1,  /* no migration, no writes (check, backup) */
	SX_OPEN_NOCREATE = 2   /* refuse a path that does not exist */
};

/* Opens (creating if needed) and migrates.  *out is set only on SX_OK; the
 * caller frees it with sx_db_close. */
enum sx_err sx_db_open(const char *path, int flags, struct sx_db **out,
		       struct sx_error *err);
void sx_db_close(struct sx_db *db);

/* The default database path: $SXSH_DB, else $XDG_DATA_HOME/sxsh/sxsh.db,
 * else ~/.local/share/sxsh/sxsh.db.  Writes into out; creates nothing. */
int sx_db_default_path(char *out, size_t outsz);

/* Creates the parent folder of path (mode 0700) if it is missing. */
enum sx_err sx_db_make_parent_dir(const char *path, struct sx_error *err);

const char *sx_db_path(const struct sx_db *db);

/* 1 when an open found the file to be a copy of another database (a
 * restored backup, a file carried from another PC: its inode is not the
 * one its client_id was given to) and gave it a new client_id, and no
 * interface has told the user yet: the province now sees this file as a
 * new PC of the district.  sx_db_identity_told clears it once said. */
int sx_db_new_identity(struct sx_db *db);
void sx_db_identity_told(struct sx_db *db);

/* Caps the memory SQLite keeps (mostly page caches) near bytes for the
 * whole process; 0 removes the cap.  The terminal UI sets it so that
 * paging through 100,000 records stays small on an old PC. */
void sx_db_limit_memory(long long bytes);

/* user_version of the open file. */
int sx_db_schema_version(struct sx_db *db);

enum sx_err sx_db_begin(struct sx_db *db, struct sx_error *err);
enum sx_err sx_db_commit(struct sx_db *db, struct sx_error *err);
void sx_db_rollback(struct sx_db *db);
/* Ends a transaction opened with sx_db_begin: commits when rc is SX_OK,
 * else rolls back.  Returns rc, or the commit's failure (err filled). */
enum sx_err sx_db_end(struct sx_db *db, enum sx_err rc, struct sx_error *err);

/* Loads the shipped reference data and makes this database the district's
 * (code: a district-level unit such as "123").  Refuses an unknown code
 * and a database already initialised for another district.  operator may
 * be NULL. */
enum sx_err sx_db_init_district(struct sx_db *db, const char *district_code,
				const char *operator_name,
				struct sx_error *err);

/* The district code ("" if not initialised) and its name, borrowed until
 * the next call on db. */
const char *sx_db_district_code(struct sx_db *db);
const char *sx_db_district_name(struct sx_db *db);

/* PRAGMA integrity_check and foreign_key_check.  On trouble returns SX_DB
 * and describes the first problem in err; *problems counts them all. */
enum sx_err sx_db_check(struct sx_db *db, int *problems, struct sx_error *err);

/* Online copy of the open database into dest_path (SQLite backup API,
 * consistent while other connections write).  dest_path is written
 * through a temporary file and renamed, so a crash leaves no half file. */
enum sx_err sx_db_backup(struct sx_db *db, const char *dest_path,
			 struct sx_error *err);

/* The clock (sx_now_utc, sx_today) is in sxsh/clock.h. */

#endif

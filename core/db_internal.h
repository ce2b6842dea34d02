/* db_internal.h — what core's storage files share and nothing else sees:
 * the SQLite handle, the statement cache and error helpers.  Only core
 * includes this file (and so sqlite3.h). */
#ifndef SXSH_DB_INTERNAL_H
#define SXSH_DB_INTERNAL_H

#include <sqlite3.h>
#include "sxsh/db.h"
#include "sxsh/err.h"

struct stmt_cache_entry {
	char *sql;            /* owned copy of the statement's text */
	unsigned long hash;   /* of sql: most look-ups compare only this */
	const char *origin;   /* the caller's pointer last seen for sql */
	sqlite3_stmt *stmt;
};

struct sx_db {
	sqlite3 *handle;
	char *path;
	int tx_depth;         /* 0: none; 1: BEGIN; >1: savepoints */
	int tx_failed;        /* a nested level rolled back: outer must too */
	char district_code[8];
	char district_name[128];
	struct stmt_cache_entry *stmts;
	int nstmts, stmts_cap;
};

/* A prepared statement for sql, prepared once per connection (cached by
 * its text) and reset with bindings cleared before it is handed out.  Do
 * not finalize it.  sql holds identifiers only: values are always bound.
 * NULL on error (err filled). */
sqlite3_stmt *db_stmt(struct sx_db *db, const char *sql,
		      struct sx_error *err);

/* Fills err from the connection's last error; returns SX_DB (or SX_NOMEM). */
enum sx_err db_error(struct sx_db *db, struct sx_error *err,
		     const char *what);

/* Binds text or NULL (when s is NULL). */
int db_bind_text(sqlite3_stmt *st, int idx, const char *s);
/* Binds by parameter name (":name"); ignores names the statement lacks. */
int db_bind_named_text(sqlite3_stmt *st, const char *name, const char *s);

/* Column text as a malloc'd copy or NULL. */
char *db_column_dup(sqlite3_stmt *st, int col);

/* Runs a statement with no result rows, returns SX_OK or SX_DB. */
enum sx_err db_exec_stmt(struct sx_db *db, sqlite3_stmt *st,
			 struct sx_error *err);

/* Migrations (schema.c). */
int schema_latest_version(void);
const char *schema_migration(int from_version);

/* Reference data loading helpers (refdata.c), used by db.c at init. */
enum sx_err refdata_load_district_row(struct sx_db *db, struct sx_error *err);

#endif

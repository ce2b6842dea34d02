/* db_internal.h — what core's storage files share and nothing else sees:
 * the connection's insides and the district schema.  The SQLite toolkit
 * itself (statement cache, binding, errors) is sxsh/db_sql.h, which the
 * server's store uses too.  Only core includes this file. */
#ifndef SXSH_DB_INTERNAL_H
#define SXSH_DB_INTERNAL_H

#include "sxsh/db_sql.h"

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
	const struct sx_db_schema *schema;
	char district_code[8];
	char district_name[128];
	struct stmt_cache_entry *stmts;
	int nstmts, stmts_cap;
};

/* The district database's migrations (schema.c). */
extern const struct sx_db_schema schema_district;

/* Reference data loading helpers (refdata.c), used by db.c at init. */
enum sx_err refdata_load_district_row(struct sx_db *db, struct sx_error *err);

#endif

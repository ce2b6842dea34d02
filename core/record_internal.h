/* record_internal.h — what core's record files share: SQL built from the
 * kind table, and the write path used both by local saves (which log the
 * change) and by sync (which applies the server's rows without logging). */
#ifndef SXSH_RECORD_INTERNAL_H
#define SXSH_RECORD_INTERNAL_H

#include "db_internal.h"
#include "sxsh/record.h"

/* Column list "uuid, server_rev, updated_at, deleted, f1, f2, …" of a kind
 * table; static, built once. */
const char *record_sql_columns(enum sx_kind kind);

/* Fills rec's fields from a row whose columns follow
 * record_sql_columns(kind), starting at column first. */
enum sx_err record_from_row(sqlite3_stmt *st, int first,
			    struct sx_record *rec);

/* Inserts or replaces rec as it is (uuid set, no validation), recomputing
 * search_fold and sort_key.  log_change=1 appends the change-log entry.
 * The caller holds a transaction. */
enum sx_err record_write(struct sx_db *db, const struct sx_record *rec,
			 int log_change, struct sx_error *err);

/* Canonical text of a stored value. */
char *record_value_from_column(sqlite3_stmt *st, int col,
			       enum sx_field_type type);

#endif

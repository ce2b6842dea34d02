/* import_bulk.c — index upkeep of a large import, done once at the end.
 *
 * Measured with perf on 100,000 facilities (tests/bench/bench_import):
 *
 * - The search index (FTS5, kept by triggers) flushes its pending terms at
 *   every statement savepoint once it has joined the transaction, and
 *   every insert opens one (foreign keys, triggers): that was 45% of the
 *   import.  Its triggers are set aside and the index rebuilt at the end:
 *   12.8 s → 7.5 s CPU, of which 0.8 s is the rebuild.
 * - The facility table's five plain indexes, filled one random insert at
 *   a time, made the database outgrow the import's page cache (138 MB
 *   against 128 MB), so SQLite spilled pages to the WAL in the middle of
 *   the transaction.  Creating them afresh at the end sorts once: 12.5 s
 *   → 8.1 s for the rows plus 1.1 s for the five indexes.
 *
 * Everything happens inside the import's transaction: DDL in SQLite is
 * transactional, so a failure, a rollback or a power cut leaves the
 * schema as it was.  The SQL put back is the SQL the schema stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "import_bulk.h"

static int has_fts(enum sx_kind kind)
{
	return kind == SXK_FACILITY || kind == SXK_PERSON ||
	       kind == SXK_EVENT;
}

/* Names from the schema go into DDL, which takes no parameters: only
 * names of our own shape are accepted. */
static int plain_name(const char *s)
{
	if (!s || !*s || strlen(s) > 60)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '_'))
			return 0;
	return 1;
}

void import_bulk_release(struct import_bulk *b)
{
	for (int i = 0; i < b->ntriggers; i++)
		free(b->trigger_sql[i]);
	for (int i = 0; i < b->nindexes; i++)
		free(b->index_sql[i]);
	memset(b, 0, sizeof *b);
}

/* Runs st (rows of name, sql), keeps each sql in kept and drops the
 * object with "DROP <what> name". */
static enum sx_err set_aside(struct sx_db *db, sqlite3_stmt *st,
			     const char *what, char **kept, int *n,
			     struct sx_error *err)
{
	char *names[IMPORT_BULK_MAX] = {0};
	char drop[128];
	enum sx_err e = SX_OK;
	int rc, count = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	       count < IMPORT_BULK_MAX) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		if (!plain_name(name) ||
		    sqlite3_column_type(st, 1) == SQLITE_NULL)
			continue;
		names[count] = strdup(name);
		kept[count] = db_column_dup(st, 1);
		count++;
		if (!names[count - 1] || !kept[count - 1]) {
			e = sx_error_set(err, SX_NOMEM, "", "Hết bộ nhớ",
					 "out of memory");
			break;
		}
	}
	if (!e && rc != SQLITE_ROW && rc != SQLITE_DONE)
		e = db_error(db, err, "read the schema");
	sqlite3_reset(st);
	*n = count;
	for (int i = 0; i < count && !e; i++) {
		snprintf(drop, sizeof drop, "DROP %s \"%s\"", what, names[i]);
		if (sqlite3_exec(db->handle, drop, NULL, NULL, NULL) !=
		    SQLITE_OK)
			e = db_error(db, err, "set an index aside");
	}
	for (int i = 0; i < count; i++)
		free(names[i]);
	return e;
}

/* Rows already in the table, for the choice whether to rebuild. */
static enum sx_err stored_rows(struct sx_db *db, const char *table,
			       long long *out, struct sx_error *err)
{
	char sql[96];
	sqlite3_stmt *st;
	int rc;

	/* the table name comes from the kind table, not from input */
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	st = db_stmt(db, sql, err);
	if (!st)
		return SX_DB;
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? SX_OK : db_error(db, err, "count records");
}

enum sx_err import_bulk_begin(struct sx_db *db, const struct sx_kind_def *def,
			      long rows, struct import_bulk *b,
			      struct sx_error *err)
{
	char pattern[80];
	sqlite3_stmt *st;
	long long stored = 0;
	enum sx_err e;

	memset(b, 0, sizeof *b);
	if (rows < IMPORT_BULK_ROWS)
		return SX_OK;
	if (has_fts(def->kind)) {
		st = db_stmt(db, "SELECT name, sql FROM sqlite_master WHERE"
			     " type='trigger' AND tbl_name=?1 AND name LIKE ?2"
			     " ESCAPE '\\' ORDER BY name", err);
		if (!st)
			return SX_DB;
		snprintf(pattern, sizeof pattern, "%s\\_fts\\_%%", def->table);
		db_bind_text(st, 1, def->table);
		db_bind_text(st, 2, pattern);
		e = set_aside(db, st, "TRIGGER", b->trigger_sql,
			      &b->ntriggers, err);
		if (e)
			return e;
		b->fts = 1;
	}
	e = stored_rows(db, def->table, &stored, err);
	if (e)
		return e;
	/* A fresh index sorts all the table's rows; live upkeep costs
	 * about four times as much per row added (measured above), so
	 * rebuilding pays while the table holds at most about three
	 * times what the import adds. */
	if (stored > 3LL * rows)
		return SX_OK;
	st = db_stmt(db, "SELECT il.name, m.sql FROM pragma_index_list(?1) il"
		     " JOIN sqlite_master m ON m.type='index'"
		     " AND m.name=il.name WHERE il.\"unique\"=0"
		     " AND il.origin='c' ORDER BY il.name", err);
	if (!st)
		return SX_DB;
	db_bind_text(st, 1, def->table);
	return set_aside(db, st, "INDEX", b->index_sql, &b->nindexes, err);
}

enum sx_err import_bulk_end(struct sx_db *db, const struct sx_kind_def *def,
			    struct import_bulk *b, struct sx_error *err)
{
	char rebuild[160];

	for (int i = 0; i < b->nindexes; i++)
		if (sqlite3_exec(db->handle, b->index_sql[i], NULL, NULL,
				 NULL) != SQLITE_OK)
			return db_error(db, err, "rebuild an index");
	if (b->fts) {
		/* the index's name derives from the kind table, as in
		 * record_store.c's statements */
		snprintf(rebuild, sizeof rebuild,
			 "INSERT INTO %s_fts(%s_fts) VALUES('rebuild')",
			 def->table, def->table);
		if (sqlite3_exec(db->handle, rebuild, NULL, NULL, NULL) !=
		    SQLITE_OK)
			return db_error(db, err, "rebuild the search index");
	}
	for (int i = 0; i < b->ntriggers; i++)
		if (sqlite3_exec(db->handle, b->trigger_sql[i], NULL, NULL,
				 NULL) != SQLITE_OK)
			return db_error(db, err, "restore the search index");
	import_bulk_release(b);
	return SX_OK;
}

/* db_sql.c — core's SQLite toolkit (sxsh/db_sql.h): the statement cache,
 * binding, column copies and one call per statement.
 *
 * Invariant: a statement from the cache is reset and unbound when handed
 * out, and the one-call forms reset it again before they return, so no
 * statement keeps a read transaction open between calls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db_internal.h"

enum sx_err db_error(struct sx_db *db, struct sx_error *err, const char *what)
{
	int rc = db && db->handle ? sqlite3_errcode(db->handle) : SQLITE_ERROR;
	const char *msg = db && db->handle ? sqlite3_errmsg(db->handle) : "";

	if (rc == SQLITE_NOMEM)
		return sx_error_set(err, SX_NOMEM, NULL, "Hết bộ nhớ",
				    "%s: out of memory", what);
	return sx_error_set(err, SX_DB, NULL, NULL, "%s: %s", what, msg);
}

/* FNV-1a: the cache holds a few hundred statements at most, and a search
 * keystroke should not pay a strcmp against each of them. */
static unsigned long sql_hash(const char *sql)
{
	unsigned long h = 2166136261UL;
	for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
		h = (h ^ *p) * 16777619UL;
	return h;
}

static sqlite3_stmt *reset_for_use(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

sqlite3_stmt *db_stmt(struct sx_db *db, const char *sql, struct sx_error *err)
{
	sqlite3_stmt *st = NULL;
	unsigned long hash;

	/* Most callers pass the same constant each time: its address finds
	 * the entry without hashing the text (a few per cent of an import
	 * of 100,000 rows).  The text is still compared, as a buffer may
	 * hold other SQL at the same address by now. */
	for (int i = 0; i < db->nstmts; i++) {
		if (db->stmts[i].origin == sql &&
		    !strcmp(db->stmts[i].sql, sql))
			return reset_for_use(db->stmts[i].stmt);
	}
	hash = sql_hash(sql);
	for (int i = 0; i < db->nstmts; i++) {
		if (db->stmts[i].hash == hash &&
		    !strcmp(db->stmts[i].sql, sql)) {
			db->stmts[i].origin = sql;
			return reset_for_use(db->stmts[i].stmt);
		}
	}
	if (sqlite3_prepare_v3(db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT,
			       &st, NULL) != SQLITE_OK) {
		db_error(db, err, "prepare");
		return NULL;
	}
	if (db->nstmts == db->stmts_cap) {
		int cap = db->stmts_cap ? db->stmts_cap * 2 : 32;
		struct stmt_cache_entry *grown =
			realloc(db->stmts, (size_t)cap * sizeof *grown);
		if (!grown) {
			sqlite3_finalize(st);
			sx_error_set(err, SX_NOMEM, NULL, "Hết bộ nhớ",
				     "out of memory");
			return NULL;
		}
		db->stmts = grown;
		db->stmts_cap = cap;
	}
	/* Callers may pass SQL built in a buffer: keep our own copy. */
	db->stmts[db->nstmts].sql = strdup(sql);
	if (!db->stmts[db->nstmts].sql) {
		sqlite3_finalize(st);
		sx_error_set(err, SX_NOMEM, NULL, "Hết bộ nhớ",
			     "out of memory");
		return NULL;
	}
	db->stmts[db->nstmts].stmt = st;
	db->stmts[db->nstmts].hash = hash;
	db->stmts[db->nstmts].origin = sql;
	db->nstmts++;
	return st;
}

int db_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
	if (!s)
		return sqlite3_bind_null(st, idx);
	return sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

int db_bind_named_text(sqlite3_stmt *st, const char *name, const char *s)
{
	int idx = sqlite3_bind_parameter_index(st, name);
	if (!idx)
		return SQLITE_OK;
	return db_bind_text(st, idx, s);
}

char *db_column_dup(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? strdup((const char *)t) : NULL;
}

enum sx_err db_exec_stmt(struct sx_db *db, sqlite3_stmt *st,
			 struct sx_error *err)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE) {
		enum sx_err e = db_error(db, err, "write");
		sqlite3_reset(st);
		return e;
	}
	sqlite3_reset(st);
	return SX_OK;
}


void db_column_copy(sqlite3_stmt *st, int col, char *dst, size_t n)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	snprintf(dst, n, "%s", t ? (const char *)t : "");
}

long long db_column_int_or(sqlite3_stmt *st, int col, long long dflt)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return dflt;
	return sqlite3_column_int64(st, col);
}

/* *out: the statement for sql with args bound to ?1…?n. */
static enum sx_err bound(struct sx_db *db, const char *sql,
			 const struct db_arg *args, int nargs,
			 sqlite3_stmt **out, struct sx_error *err)
{
	struct sx_error local;
	int rc = SQLITE_OK;

	if (!err)
		err = &local;
	*out = db_stmt(db, sql, err);
	if (!*out)
		return err->code;
	for (int i = 0; i < nargs && rc == SQLITE_OK; i++) {
		switch (args[i].type) {
		case DB_ARG_NULL:
			rc = sqlite3_bind_null(*out, i + 1);
			break;
		case DB_ARG_TEXT:
			rc = db_bind_text(*out, i + 1, args[i].text);
			break;
		case DB_ARG_INT:
			rc = sqlite3_bind_int64(*out, i + 1, args[i].num);
			break;
		}
	}
	return rc == SQLITE_OK ? SX_OK : db_error(db, err, "bind");
}

enum sx_err db_write(struct sx_db *db, const char *sql,
		     const struct db_arg *args, int nargs, int *changes,
		     const char *what, struct sx_error *err)
{
	sqlite3_stmt *st;
	enum sx_err e = bound(db, sql, args, nargs, &st, err);
	int rc;

	if (e != SX_OK)
		return e;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_error(db, err, what);
	if (changes)
		*changes = sqlite3_changes(db->handle);
	return SX_OK;
}

/* Calls fn for each row of the query, or for the first only (then
 * SX_NOTFOUND when there is none). */
static enum sx_err query(struct sx_db *db, const char *sql,
			 const struct db_arg *args, int nargs, db_read_fn fn,
			 void *arg, int first_only, const char *what,
			 struct sx_error *err)
{
	sqlite3_stmt *st;
	enum sx_err e = bound(db, sql, args, nargs, &st, err);
	int rc, rows = 0;

	if (e != SX_OK)
		return e;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rows++;
		e = fn(st, arg);
		if (e != SX_OK || first_only)
			break;
	}
	if (e != SX_OK)
		sx_error_set(err, e, NULL, NULL, "%s: %s", what,
			     sx_err_name(e));
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		e = db_error(db, err, what);
	else if (first_only && rows == 0)
		e = SX_NOTFOUND;
	sqlite3_reset(st);
	return e;
}

enum sx_err db_get(struct sx_db *db, const char *sql,
		   const struct db_arg *args, int nargs, db_read_fn read,
		   void *out, const char *what, struct sx_error *err)
{
	return query(db, sql, args, nargs, read, out, 1, what, err);
}

enum sx_err db_each(struct sx_db *db, const char *sql,
		    const struct db_arg *args, int nargs, db_read_fn each,
		    void *arg, const char *what, struct sx_error *err)
{
	return query(db, sql, args, nargs, each, arg, 0, what, err);
}

enum sx_err db_read_int64(sqlite3_stmt *st, void *out)
{
	if (sqlite3_column_type(st, 0) != SQLITE_NULL)
		*(long long *)out = sqlite3_column_int64(st, 0);
	return SX_OK;
}

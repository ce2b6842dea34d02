/* db_sql.h — core's SQLite toolkit, for the code that holds SQL: core's
 * storage files (through core/db_internal.h) and the provincial server's
 * store (sync/server/store.c).  Nothing else includes sqlite3.h.
 *
 * What it gives: opening a file with its own ordered migrations (a file
 * newer than the program is refused and left byte-identical), one
 * statement cache per connection (prepared once, reset and unbound when
 * handed out, finalised on close; it grows, so it never leaks), nested
 * transactions (db.h), and short forms of the usual prepare/bind/step/
 * reset sequences with values always bound, never formatted into SQL.
 */
#ifndef SXSH_DB_SQL_H
#define SXSH_DB_SQL_H

#include <sqlite3.h>
#include "sxsh/db.h"
#include "sxsh/err.h"

/* A database kind: its ordered migrations.  migrations[i] brings a file
 * from user_version i to i + 1 in one transaction with the version bump;
 * a released migration is never edited, a change is a new one. */
struct sx_db_schema {
	const char *program;            /* named when a newer file is refused */
	const char *const *migrations;
	int count;                      /* the latest user_version */
	int busy_ms;                    /* wait for another writer this long */
};

/* Opens (creating unless SX_OPEN_NOCREATE) a database of schema: WAL,
 * synchronous=FULL, foreign_keys=ON, pending migrations applied.  A file
 * whose user_version is above schema->count is refused with SX_DB before
 * anything is written.  A file created here is made mode 0600.  *out is
 * set only on SX_OK; free it with sx_db_close.  schema must outlive it. */
enum sx_err sx_db_open_schema(const char *path, int flags,
			      const struct sx_db_schema *schema,
			      struct sx_db **out, struct sx_error *err);

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
/* Column text copied into dst (n bytes, truncated); "" for NULL. */
void db_column_copy(sqlite3_stmt *st, int col, char *dst, size_t n);
/* Column integer, or dflt when the column is NULL. */
long long db_column_int_or(sqlite3_stmt *st, int col, long long dflt);

/* Runs a statement with no result rows, returns SX_OK or SX_DB. */
enum sx_err db_exec_stmt(struct sx_db *db, sqlite3_stmt *st,
			 struct sx_error *err);

/* ---- bound values, and one call per statement --------------------------
 *
 *   db_write(db, "UPDATE t SET a = ?2 WHERE k = ?1",
 *            DB_ARGS(DB_TEXT(key), DB_INT(n)), &changed, "set a", err);
 *
 * Argument i binds parameter ?i+1.  what names the step in an error.  */
struct db_arg {
	enum db_arg_type { DB_ARG_NULL, DB_ARG_TEXT, DB_ARG_INT } type;
	const char *text;
	long long num;
};
#define DB_TEXT(s) ((struct db_arg){DB_ARG_TEXT, (s), 0}) /* NULL → NULL */
#define DB_INT(v)  ((struct db_arg){DB_ARG_INT, NULL, (long long)(v)})
#define DB_NULL    ((struct db_arg){DB_ARG_NULL, NULL, 0})
/* An integer that is NULL when negative (the "-1: none" convention). */
#define DB_INT_OR_NULL(v) ((v) >= 0 ? DB_INT(v) : DB_NULL)
#define DB_ARGS(...) (const struct db_arg[]){__VA_ARGS__}, \
	(int)(sizeof (const struct db_arg[]){__VA_ARGS__} / \
	      sizeof(struct db_arg))
#define DB_NO_ARGS NULL, 0

/* Reads the current row of st into out. */
typedef enum sx_err (*db_read_fn)(sqlite3_stmt *st, void *out);

/* Runs a statement with no result rows; *changes (may be NULL) gets the
 * number of rows it changed. */
enum sx_err db_write(struct sx_db *db, const char *sql,
		     const struct db_arg *args, int nargs, int *changes,
		     const char *what, struct sx_error *err);

/* Runs a query and reads its first row with read(st, out).  SX_NOTFOUND
 * (err untouched) when there is no row; read's failure is returned with
 * err filled. */
enum sx_err db_get(struct sx_db *db, const char *sql,
		   const struct db_arg *args, int nargs, db_read_fn read,
		   void *out, const char *what, struct sx_error *err);

/* Runs a query and calls each(st, arg) for every row until it returns
 * other than SX_OK, which is returned (err filled).  The row's columns
 * are valid only during the call. */
enum sx_err db_each(struct sx_db *db, const char *sql,
		    const struct db_arg *args, int nargs, db_read_fn each,
		    void *arg, const char *what, struct sx_error *err);

/* A reader for db_get: the first column as a long long (a NULL leaves
 * *(long long *)out as it was). */
enum sx_err db_read_int64(sqlite3_stmt *st, void *out);

#endif

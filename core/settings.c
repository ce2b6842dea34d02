/* settings.c — key/value settings in the database's setting table. */
#include <stdlib.h>
#include "db_internal.h"
#include "sxsh/settings.h"

char *settings_get(struct sx_db *db, const char *key)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT value FROM setting WHERE key=?1",
				   NULL);
	char *v = NULL;

	if (!st)
		return NULL;
	db_bind_text(st, 1, key);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = db_column_dup(st, 0);
	sqlite3_reset(st);
	return v;
}

long long settings_get_int(struct sx_db *db, const char *key, long long def)
{
	char *v = settings_get(db, key);
	char *end;
	long long n;

	if (!v)
		return def;
	n = strtoll(v, &end, 10);
	if (end == v || *end)
		n = def;
	free(v);
	return n;
}

enum sx_err settings_set(struct sx_db *db, const char *key,
			 const char *value, struct sx_error *err)
{
	sqlite3_stmt *st;

	if (value)
		st = db_stmt(db, "INSERT INTO setting(key, value)"
			     " VALUES(?1, ?2) ON CONFLICT(key)"
			     " DO UPDATE SET value=?2", err);
	else
		st = db_stmt(db, "DELETE FROM setting WHERE key=?1", err);
	if (!st)
		return err ? err->code : SX_DB;
	db_bind_text(st, 1, key);
	if (value)
		db_bind_text(st, 2, value);
	return db_exec_stmt(db, st, err);
}

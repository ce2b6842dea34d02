/* store.c — the provincial server's own SQLite store; all of its SQL.
 *
 * Separate from the district schema (core/schema.c): the server keeps the
 * latest version of each district record as a JSON object of canonical
 * field strings, not in typed columns, because it only relays and counts
 * them; the consolidated report is built from the districts' reports.
 *
 * Invariants:
 * - record.rev values are unique and come from one counter that only
 *   grows (MAX(rev) + 1 under the write lock), so rev is also the pull
 *   cursor;
 * - a change id is remembered only when it was applied, in the same
 *   transaction as the write;
 * - a report revision, once stored, changes only in its status columns.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sqlite3.h>
#include "sxsh/server.h"

#define STMT_CACHE 64

struct srv_store {
	sqlite3 *db;
	pthread_mutex_t lock;
	int in_tx;
	struct {
		const char *sql;
		sqlite3_stmt *stmt;
	} cache[STMT_CACHE];
	int ncache;
};

static const char schema[] =
	"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER);"
	"CREATE TABLE IF NOT EXISTS district("
	" code TEXT PRIMARY KEY, name TEXT NOT NULL,"
	" token_hash TEXT NOT NULL UNIQUE,"
	" created_at TEXT NOT NULL, revoked_at TEXT,"
	" t2_share INTEGER, t3_share INTEGER);"
	"CREATE TABLE IF NOT EXISTS record("
	" uuid TEXT PRIMARY KEY, district TEXT NOT NULL REFERENCES district,"
	" kind TEXT NOT NULL, rev INTEGER NOT NULL UNIQUE,"
	" deleted INTEGER NOT NULL, fields TEXT NOT NULL,"
	" client_id TEXT NOT NULL, change_id TEXT NOT NULL,"
	" updated_at TEXT NOT NULL);"
	"CREATE INDEX IF NOT EXISTS record_pull ON record(district, rev);"
	"CREATE TABLE IF NOT EXISTS applied_change("
	" district TEXT NOT NULL, change_id TEXT NOT NULL,"
	" record_uuid TEXT NOT NULL, rev INTEGER NOT NULL,"
	" applied_at TEXT NOT NULL,"
	" PRIMARY KEY(district, change_id)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS report("
	" id INTEGER PRIMARY KEY, district TEXT NOT NULL REFERENCES district,"
	" period TEXT NOT NULL, revision INTEGER NOT NULL, replaces INTEGER,"
	" sha256 TEXT NOT NULL, json TEXT NOT NULL,"
	" receipt TEXT NOT NULL UNIQUE,"
	" status TEXT NOT NULL CHECK(status IN('sent','accepted','returned')),"
	" reason TEXT, received_at TEXT NOT NULL, status_at TEXT,"
	" UNIQUE(district, period, revision), UNIQUE(district, sha256));"
	"CREATE TRIGGER IF NOT EXISTS report_frozen BEFORE UPDATE OF"
	" district, period, revision, replaces, sha256, json, receipt,"
	" received_at ON report BEGIN"
	" SELECT RAISE(ABORT, 'a received report revision cannot change');"
	" END;"
	/* The province's desk (issue 15): accounts, sessions by the hash of
	 * their cookie, and failed logins for the rate limit. */
	"CREATE TABLE IF NOT EXISTS desk_user("
	" name TEXT PRIMARY KEY,"
	" role TEXT NOT NULL CHECK(role IN('viewer','reviewer','admin')),"
	" pass_hash TEXT NOT NULL, created_at TEXT NOT NULL,"
	" disabled_at TEXT);"
	"CREATE TABLE IF NOT EXISTS desk_session("
	" id_hash TEXT PRIMARY KEY,"
	" user TEXT NOT NULL REFERENCES desk_user ON DELETE CASCADE,"
	" csrf TEXT NOT NULL, created_at INTEGER NOT NULL,"
	" last_seen INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS desk_login_fail("
	" user TEXT NOT NULL, at INTEGER NOT NULL);"
	"CREATE INDEX IF NOT EXISTS desk_login_fail_user"
	" ON desk_login_fail(user, at);";

static enum sx_err db_fail(struct srv_store *st, struct sx_error *err,
			   const char *what)
{
	return sx_error_set(err, SX_DB, "", NULL, "server store: %s: %s",
			    what, sqlite3_errmsg(st->db));
}

/* A prepared statement for sql (a string literal: cached by address),
 * reset and with its bindings cleared. */
static sqlite3_stmt *stmt(struct srv_store *st, const char *sql,
			  struct sx_error *err)
{
	for (int i = 0; i < st->ncache; i++) {
		if (st->cache[i].sql == sql) {
			sqlite3_reset(st->cache[i].stmt);
			sqlite3_clear_bindings(st->cache[i].stmt);
			return st->cache[i].stmt;
		}
	}
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		db_fail(st, err, "prepare");
		return NULL;
	}
	if (st->ncache < STMT_CACHE) {
		st->cache[st->ncache].sql = sql;
		st->cache[st->ncache].stmt = s;
		st->ncache++;
	}
	/* A full cache would leak the statement: the cache is sized above
	 * the number of statements in this file. */
	return s;
}

static void copy_col(char *dst, size_t n, sqlite3_stmt *s, int col)
{
	const unsigned char *v = sqlite3_column_text(s, col);
	snprintf(dst, n, "%s", v ? (const char *)v : "");
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

void store_now(char out[21])
{
	const char *fixed = getenv("SXSH_NOW");
	if (fixed && strlen(fixed) == 10) {
		snprintf(out, 21, "%sT00:00:00Z", fixed);
		return;
	}
	if (fixed && strlen(fixed) == 20) {
		snprintf(out, 21, "%s", fixed);
		return;
	}
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

enum sx_err store_open(const char *path, struct srv_store **out,
		       struct sx_error *err)
{
	struct srv_store *st = calloc(1, sizeof *st);
	if (!st)
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	enum sx_err rc = SX_OK;
	pthread_mutex_init(&st->lock, NULL);
	if (sqlite3_open_v2(path, &st->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			    SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK) {
		rc = sx_error_set(err, SX_DB, "", NULL,
				  "server store: cannot open %s: %s", path,
				  st->db ? sqlite3_errmsg(st->db) :
				  "no memory");
		goto fail;
	}
	sqlite3_busy_timeout(st->db, 10000);
	char *msg = NULL;
	if (sqlite3_exec(st->db,
			 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
			 "PRAGMA foreign_keys=ON;", NULL, NULL, &msg) !=
		    SQLITE_OK ||
	    sqlite3_exec(st->db, "BEGIN IMMEDIATE;", NULL, NULL, &msg) !=
		    SQLITE_OK ||
	    sqlite3_exec(st->db, schema, NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(st->db, "PRAGMA user_version=1; COMMIT;", NULL, NULL,
			 &msg) != SQLITE_OK) {
		rc = sx_error_set(err, SX_DB, "", NULL,
				  "server store: cannot set up %s: %s", path,
				  msg ? msg : "?");
		sqlite3_free(msg);
		goto fail;
	}
	*out = st;
	return SX_OK;
fail:
	store_close(st);
	return rc;
}

void store_close(struct srv_store *st)
{
	if (!st)
		return;
	for (int i = 0; i < st->ncache; i++)
		sqlite3_finalize(st->cache[i].stmt);
	if (st->db)
		sqlite3_close(st->db);
	pthread_mutex_destroy(&st->lock);
	free(st);
}

enum sx_err store_begin(struct srv_store *st, struct sx_error *err)
{
	pthread_mutex_lock(&st->lock);
	if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		enum sx_err rc = db_fail(st, err, "begin");
		pthread_mutex_unlock(&st->lock);
		return rc;
	}
	st->in_tx = 1;
	return SX_OK;
}

enum sx_err store_commit(struct srv_store *st, struct sx_error *err)
{
	enum sx_err rc = SX_OK;
	for (int i = 0; i < st->ncache; i++)
		sqlite3_reset(st->cache[i].stmt);
	if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		rc = db_fail(st, err, "commit");
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	}
	st->in_tx = 0;
	pthread_mutex_unlock(&st->lock);
	return rc;
}

void store_rollback(struct srv_store *st)
{
	for (int i = 0; i < st->ncache; i++)
		sqlite3_reset(st->cache[i].stmt);
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = 0;
	pthread_mutex_unlock(&st->lock);
}

/* ---- meta ---------------------------------------------------------------- */

long long store_meta_int(struct srv_store *st, const char *key,
			 long long dflt)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = ?1";
	sqlite3_stmt *s = stmt(st, sql, NULL);
	if (!s)
		return dflt;
	bind_text(s, 1, key);
	long long v = dflt;
	if (sqlite3_step(s) == SQLITE_ROW &&
	    sqlite3_column_type(s, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return v;
}

enum sx_err store_meta_set_int(struct srv_store *st, const char *key,
			       long long value, struct sx_error *err)
{
	static const char sql[] =
		"INSERT INTO meta(key, value) VALUES(?1, ?2)"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, key);
	sqlite3_bind_int64(s, 2, value);
	int r = sqlite3_step(s);
	sqlite3_reset(s);
	return r == SQLITE_DONE ? SX_OK : db_fail(st, err, "meta");
}

/* ---- districts ----------------------------------------------------------- */

#define DISTRICT_COLS \
	"code, name, created_at, revoked_at, t2_share, t3_share"

static void district_from_row(sqlite3_stmt *s, struct store_district *d)
{
	memset(d, 0, sizeof *d);
	copy_col(d->code, sizeof d->code, s, 0);
	copy_col(d->name, sizeof d->name, s, 1);
	copy_col(d->created_at, sizeof d->created_at, s, 2);
	copy_col(d->revoked_at, sizeof d->revoked_at, s, 3);
	d->t2_share = sqlite3_column_type(s, 4) == SQLITE_NULL ? -1 :
		sqlite3_column_int64(s, 4);
	d->t3_share = sqlite3_column_type(s, 5) == SQLITE_NULL ? -1 :
		sqlite3_column_int64(s, 5);
}

enum sx_err store_district_add(struct srv_store *st, const char *code,
			       const char *name, const char *token_hash,
			       struct sx_error *err)
{
	static const char sql[] =
		"INSERT INTO district(code, name, token_hash, created_at)"
		" VALUES(?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING";
	char now[21];
	store_now(now);
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, code);
	bind_text(s, 2, name);
	bind_text(s, 3, token_hash);
	bind_text(s, 4, now);
	int r = sqlite3_step(s);
	sqlite3_reset(s);
	if (r != SQLITE_DONE)
		return db_fail(st, err, "add district");
	if (sqlite3_changes(st->db) == 0)
		return sx_error_set(err, SX_CONFLICT, "code",
				    "Huyện đã có trên máy chủ",
				    "district %s exists already", code);
	return SX_OK;
}

enum sx_err store_district_by_token(struct srv_store *st,
				    const char *token_hash,
				    struct store_district *out,
				    struct sx_error *err)
{
	static const char sql[] =
		"SELECT " DISTRICT_COLS " FROM district"
		" WHERE token_hash = ?1 AND revoked_at IS NULL";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, token_hash);
	int r = sqlite3_step(s);
	if (r == SQLITE_ROW)
		district_from_row(s, out);
	sqlite3_reset(s);
	if (r == SQLITE_ROW)
		return SX_OK;
	if (r == SQLITE_DONE)
		return sx_error_set(err, SX_NOTFOUND, "", NULL,
				    "unknown token");
	return db_fail(st, err, "find district");
}

enum sx_err store_district_get(struct srv_store *st, const char *code,
			       struct store_district *out,
			       struct sx_error *err)
{
	static const char sql[] =
		"SELECT " DISTRICT_COLS " FROM district WHERE code = ?1";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, code);
	int r = sqlite3_step(s);
	if (r == SQLITE_ROW)
		district_from_row(s, out);
	sqlite3_reset(s);
	if (r == SQLITE_ROW)
		return SX_OK;
	if (r == SQLITE_DONE)
		return sx_error_set(err, SX_NOTFOUND, "code",
				    "Không có huyện này",
				    "no district %s", code);
	return db_fail(st, err, "get district");
}

enum sx_err store_district_revoke(struct srv_store *st, const char *code,
				  struct sx_error *err)
{
	static const char sql[] =
		"UPDATE district SET revoked_at = ?2"
		" WHERE code = ?1 AND revoked_at IS NULL";
	char now[21];
	store_now(now);
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, code);
	bind_text(s, 2, now);
	int r = sqlite3_step(s);
	sqlite3_reset(s);
	if (r != SQLITE_DONE)
		return db_fail(st, err, "revoke district");
	if (sqlite3_changes(st->db) == 0)
		return sx_error_set(err, SX_NOTFOUND, "code",
				    "Không có huyện đang hoạt động này",
				    "no active district %s", code);
	return SX_OK;
}

enum sx_err store_district_rotate(struct srv_store *st, const char *code,
				  const char *token_hash,
				  struct sx_error *err)
{
	static const char sql[] =
		"UPDATE district SET token_hash = ?2, revoked_at = NULL"
		" WHERE code = ?1";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, code);
	bind_text(s, 2, token_hash);
	int r = sqlite3_step(s);
	sqlite3_reset(s);
	if (r != SQLITE_DONE)
		return db_fail(st, err, "rotate token");
	if (sqlite3_changes(st->db) == 0)
		return sx_error_set(err, SX_NOTFOUND, "code",
				    "Không có huyện này",
				    "no district %s", code);
	return SX_OK;
}

enum sx_err store_district_set_targets(struct srv_store *st,
				       const char *code, long long t2,
				       long long t3, struct sx_error *err)
{
	static const char sql[] =
		"UPDATE district SET t2_share = ?2, t3_share = ?3"
		" WHERE code = ?1";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, code);
	if (t2 >= 0)
		sqlite3_bind_int64(s, 2, t2);
	if (t3 >= 0)
		sqlite3_bind_int64(s, 3, t3);
	int r = sqlite3_step(s);
	sqlite3_reset(s);
	if (r != SQLITE_DONE)
		return db_fail(st, err, "set targets");
	if (sqlite3_changes(st->db) == 0)
		return sx_error_set(err, SX_NOTFOUND, "code",
				    "Không có huyện này",
				    "no district %s", code);
	return store_meta_set_int(st, "ref_version",
				  store_meta_int(st, "ref_version", 1) + 1,
				  err);
}

enum sx_err store_district_each(struct srv_store *st,
				void (*fn)(const struct store_district *,
					   void *),
				void *arg, struct sx_error *err)
{
	static const char sql[] =
		"SELECT " DISTRICT_COLS " FROM district ORDER BY code";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	int r;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_district d;
		district_from_row(s, &d);
		fn(&d, arg);
	}
	sqlite3_reset(s);
	return r == SQLITE_DONE ? SX_OK : db_fail(st, err, "list districts");
}

/* ---- records ------------------------------------------------------------- */

static enum sx_err row_from_stmt(sqlite3_stmt *s, struct store_row *out,
				 int copy_fields)
{
	memset(out, 0, sizeof *out);
	copy_col(out->uuid, sizeof out->uuid, s, 0);
	copy_col(out->kind, sizeof out->kind, s, 1);
	copy_col(out->district, sizeof out->district, s, 2);
	out->rev = sqlite3_column_int64(s, 3);
	out->deleted = sqlite3_column_int(s, 4) != 0;
	copy_col(out->client_id, sizeof out->client_id, s, 6);
	const char *f = (const char *)sqlite3_column_text(s, 5);
	if (copy_fields) {
		out->fields = strdup(f ? f : "{}");
		if (!out->fields)
			return SX_NOMEM;
	} else {
		out->fields = (char *)(f ? f : "{}");
	}
	return SX_OK;
}

#define ROW_COLS "uuid, kind, district, rev, deleted, fields, client_id"

enum sx_err store_record_get(struct srv_store *st, const char *uuid,
			     struct store_row *out, struct sx_error *err)
{
	static const char sql[] =
		"SELECT " ROW_COLS " FROM record WHERE uuid = ?1";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, uuid);
	int r = sqlite3_step(s);
	enum sx_err rc = SX_OK;
	if (r == SQLITE_ROW)
		rc = row_from_stmt(s, out, 1);
	sqlite3_reset(s);
	if (r == SQLITE_ROW)
		return rc == SX_OK ? SX_OK :
			sx_error_set(err, rc, "", NULL, "out of memory");
	if (r == SQLITE_DONE)
		return SX_NOTFOUND;
	return db_fail(st, err, "get record");
}

enum sx_err store_record_put(struct srv_store *st,
			     const struct store_row *row,
			     const char *change_id, long long *rev_out,
			     struct sx_error *err)
{
	static const char next_sql[] =
		"SELECT COALESCE(MAX(rev), 0) + 1 FROM record";
	static const char put_sql[] =
		"INSERT INTO record(uuid, district, kind, rev, deleted, fields,"
		" client_id, change_id, updated_at)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
		" ON CONFLICT(uuid) DO UPDATE SET rev = excluded.rev,"
		" deleted = excluded.deleted, fields = excluded.fields,"
		" client_id = excluded.client_id,"
		" change_id = excluded.change_id,"
		" updated_at = excluded.updated_at"
		" WHERE record.district = excluded.district";
	static const char change_sql[] =
		"INSERT INTO applied_change(district, change_id, record_uuid,"
		" rev, applied_at) VALUES(?1, ?2, ?3, ?4, ?5)";
	char now[21];
	store_now(now);
	sqlite3_stmt *s = stmt(st, next_sql, err);
	if (!s)
		return SX_DB;
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return db_fail(st, err, "next rev");
	}
	long long rev = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);

	s = stmt(st, put_sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, row->uuid);
	bind_text(s, 2, row->district);
	bind_text(s, 3, row->kind);
	sqlite3_bind_int64(s, 4, rev);
	sqlite3_bind_int(s, 5, row->deleted ? 1 : 0);
	bind_text(s, 6, row->fields);
	bind_text(s, 7, row->client_id);
	bind_text(s, 8, change_id);
	bind_text(s, 9, now);
	int r = sqlite3_step(s);
	sqlite3_reset(s);
	if (r != SQLITE_DONE)
		return db_fail(st, err, "put record");
	if (sqlite3_changes(st->db) == 0) /* another district's uuid */
		return sx_error_set(err, SX_REFUSED, "uuid", NULL,
				    "record belongs to another district");

	s = stmt(st, change_sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, row->district);
	bind_text(s, 2, change_id);
	bind_text(s, 3, row->uuid);
	sqlite3_bind_int64(s, 4, rev);
	bind_text(s, 5, now);
	r = sqlite3_step(s);
	sqlite3_reset(s);
	if (r != SQLITE_DONE)
		return db_fail(st, err, "remember change");
	*rev_out = rev;
	return SX_OK;
}

enum sx_err store_change_rev(struct srv_store *st, const char *district,
			     const char *change_id, long long *rev,
			     struct sx_error *err)
{
	static const char sql[] =
		"SELECT rev FROM applied_change"
		" WHERE district = ?1 AND change_id = ?2";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, district);
	bind_text(s, 2, change_id);
	int r = sqlite3_step(s);
	if (r == SQLITE_ROW)
		*rev = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (r == SQLITE_ROW)
		return SX_OK;
	if (r == SQLITE_DONE)
		return SX_NOTFOUND;
	return db_fail(st, err, "find change");
}

enum sx_err store_pull(struct srv_store *st, const char *district,
		       long long since, int limit,
		       enum sx_err (*fn)(const struct store_row *, void *),
		       void *arg, int *more, struct sx_error *err)
{
	static const char sql[] =
		"SELECT " ROW_COLS " FROM record"
		" WHERE district = ?1 AND rev > ?2 ORDER BY rev LIMIT ?3";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, district);
	sqlite3_bind_int64(s, 2, since);
	sqlite3_bind_int(s, 3, limit + 1);
	int r, n = 0;
	enum sx_err rc = SX_OK;
	*more = 0;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == limit) {
			*more = 1;
			break;
		}
		struct store_row row;
		row_from_stmt(s, &row, 0);
		rc = fn(&row, arg);
		if (rc != SX_OK)
			break;
		n++;
	}
	sqlite3_reset(s);
	if (rc != SX_OK)
		return sx_error_set(err, rc, "", NULL, "pull: out of memory");
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return db_fail(st, err, "pull");
	return SX_OK;
}

enum sx_err store_record_count(struct srv_store *st, const char *district,
			       long long *out, struct sx_error *err)
{
	static const char sql[] =
		"SELECT count(*) FROM record WHERE district = ?1"
		" AND deleted = 0";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, district);
	int r = sqlite3_step(s);
	if (r == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return r == SQLITE_ROW ? SX_OK : db_fail(st, err, "count");
}

/* ---- reports ------------------------------------------------------------- */

#define REPORT_COLS \
	"id, district, period, revision, replaces, sha256, receipt, status," \
	" reason, received_at, status_at, json"

static void report_from_row(sqlite3_stmt *s, struct store_report *r,
			    int with_json)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(s, 0);
	copy_col(r->district, sizeof r->district, s, 1);
	copy_col(r->period, sizeof r->period, s, 2);
	r->revision = sqlite3_column_int64(s, 3);
	r->replaces = sqlite3_column_type(s, 4) == SQLITE_NULL ? -1 :
		sqlite3_column_int64(s, 4);
	copy_col(r->sha256, sizeof r->sha256, s, 5);
	copy_col(r->receipt, sizeof r->receipt, s, 6);
	copy_col(r->status, sizeof r->status, s, 7);
	copy_col(r->reason, sizeof r->reason, s, 8);
	copy_col(r->received_at, sizeof r->received_at, s, 9);
	copy_col(r->status_at, sizeof r->status_at, s, 10);
	if (with_json)
		r->json = (char *)sqlite3_column_text(s, 11);
}

static enum sx_err report_one(struct srv_store *st, sqlite3_stmt *s,
			      struct store_report *out, struct sx_error *err)
{
	int r = sqlite3_step(s);
	if (r == SQLITE_ROW)
		report_from_row(s, out, 0);
	sqlite3_reset(s);
	if (r == SQLITE_ROW)
		return SX_OK;
	if (r == SQLITE_DONE)
		return SX_NOTFOUND;
	return db_fail(st, err, "get report");
}

enum sx_err store_report_by_hash(struct srv_store *st, const char *district,
				 const char *sha256, struct store_report *out,
				 struct sx_error *err)
{
	static const char sql[] =
		"SELECT " REPORT_COLS " FROM report"
		" WHERE district = ?1 AND sha256 = ?2";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, district);
	bind_text(s, 2, sha256);
	return report_one(st, s, out, err);
}

enum sx_err store_report_by_revision(struct srv_store *st,
				     const char *district, const char *period,
				     long long revision,
				     struct store_report *out,
				     struct sx_error *err)
{
	static const char sql[] =
		"SELECT " REPORT_COLS " FROM report"
		" WHERE district = ?1 AND period = ?2 AND revision = ?3";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, district);
	bind_text(s, 2, period);
	sqlite3_bind_int64(s, 3, revision);
	return report_one(st, s, out, err);
}

enum sx_err store_report_period_accepted(struct srv_store *st,
					 const char *district,
					 const char *period, int *accepted,
					 struct sx_error *err)
{
	static const char sql[] =
		"SELECT count(*) FROM report WHERE district = ?1"
		" AND period = ?2 AND status = 'accepted'";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, district);
	bind_text(s, 2, period);
	int r = sqlite3_step(s);
	if (r == SQLITE_ROW)
		*accepted = sqlite3_column_int(s, 0) > 0;
	sqlite3_reset(s);
	return r == SQLITE_ROW ? SX_OK : db_fail(st, err, "report status");
}

enum sx_err store_report_insert(struct srv_store *st, struct store_report *r,
				struct sx_error *err)
{
	static const char next_sql[] =
		"SELECT COALESCE(MAX(id), 0) + 1 FROM report";
	static const char sql[] =
		"INSERT INTO report(id, district, period, revision, replaces,"
		" sha256, json, receipt, status, received_at)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'sent', ?9)";
	sqlite3_stmt *s = stmt(st, next_sql, err);
	if (!s)
		return SX_DB;
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return db_fail(st, err, "next report id");
	}
	r->id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	snprintf(r->receipt, sizeof r->receipt, "%s-%s-%lld-%06lld",
		 r->district, r->period, r->revision, r->id);
	snprintf(r->status, sizeof r->status, "sent");
	store_now(r->received_at);
	s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	sqlite3_bind_int64(s, 1, r->id);
	bind_text(s, 2, r->district);
	bind_text(s, 3, r->period);
	sqlite3_bind_int64(s, 4, r->revision);
	if (r->replaces >= 0)
		sqlite3_bind_int64(s, 5, r->replaces);
	bind_text(s, 6, r->sha256);
	bind_text(s, 7, r->json);
	bind_text(s, 8, r->receipt);
	bind_text(s, 9, r->received_at);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? SX_OK : db_fail(st, err, "store report");
}

enum sx_err store_report_each(struct srv_store *st, const char *district,
			      const char *period, int with_json,
			      enum sx_err (*fn)(const struct store_report *,
						void *),
			      void *arg, struct sx_error *err)
{
	static const char sql[] =
		"SELECT " REPORT_COLS " FROM report"
		" WHERE (?1 IS NULL OR district = ?1)"
		" AND (?2 IS NULL OR period = ?2)"
		" ORDER BY district, period, revision";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, district);
	bind_text(s, 2, period);
	int r;
	enum sx_err rc = SX_OK;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_report rep;
		report_from_row(s, &rep, with_json);
		rc = fn(&rep, arg);
		if (rc != SX_OK)
			break;
	}
	sqlite3_reset(s);
	if (rc != SX_OK)
		return sx_error_set(err, rc, "", NULL, "reports: %s",
				    sx_err_name(rc));
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return db_fail(st, err, "list reports");
	return SX_OK;
}

enum sx_err store_report_decide(struct srv_store *st, const char *district,
				const char *period, const char *status,
				const char *reason, long long *revision,
				struct sx_error *err)
{
	static const char find_sql[] =
		"SELECT id, revision FROM report WHERE district = ?1"
		" AND period = ?2 AND status = 'sent'"
		" ORDER BY revision DESC LIMIT 1";
	static const char set_sql[] =
		"UPDATE report SET status = ?2, reason = ?3, status_at = ?4"
		" WHERE id = ?1";
	sqlite3_stmt *s = stmt(st, find_sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, district);
	bind_text(s, 2, period);
	int r = sqlite3_step(s);
	long long id = 0;
	if (r == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		*revision = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	if (r == SQLITE_DONE)
		return sx_error_set(err, SX_NOTFOUND, "period",
				    "Không có báo cáo đang chờ duyệt",
				    "district %s has no report of %s waiting"
				    " for a decision", district, period);
	if (r != SQLITE_ROW)
		return db_fail(st, err, "find report");
	char now[21];
	store_now(now);
	s = stmt(st, set_sql, err);
	if (!s)
		return SX_DB;
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, status);
	bind_text(s, 3, reason && *reason ? reason : NULL);
	bind_text(s, 4, now);
	r = sqlite3_step(s);
	sqlite3_reset(s);
	return r == SQLITE_DONE ? SX_OK : db_fail(st, err, "decide report");
}

/* ---- the province's desk: accounts, sessions, failed logins ---------- */

#define USER_COLS "name, role, pass_hash, created_at, disabled_at"

static void user_from_row(sqlite3_stmt *s, struct store_user *u)
{
	memset(u, 0, sizeof *u);
	copy_col(u->name, sizeof u->name, s, 0);
	copy_col(u->role, sizeof u->role, s, 1);
	copy_col(u->pass_hash, sizeof u->pass_hash, s, 2);
	copy_col(u->created_at, sizeof u->created_at, s, 3);
	copy_col(u->disabled_at, sizeof u->disabled_at, s, 4);
}

/* Runs a one-shot write statement s (bound); SX_NOTFOUND when it
 * changed no row and must_change is set. */
static enum sx_err step_write(struct srv_store *st, sqlite3_stmt *s,
			      int must_change, const char *what,
			      struct sx_error *err)
{
	int r = sqlite3_step(s);
	sqlite3_reset(s);
	if (r != SQLITE_DONE)
		return db_fail(st, err, what);
	if (must_change && sqlite3_changes(st->db) == 0)
		return sx_error_set(err, SX_NOTFOUND, "", NULL, "%s: not found",
				    what);
	return SX_OK;
}

enum sx_err store_user_add(struct srv_store *st, const char *name,
			   const char *role, const char *pass_hash,
			   struct sx_error *err)
{
	static const char sql[] =
		"INSERT INTO desk_user(name, role, pass_hash, created_at)"
		" VALUES(?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING";
	char now[21];
	store_now(now);
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, name);
	bind_text(s, 2, role);
	bind_text(s, 3, pass_hash);
	bind_text(s, 4, now);
	enum sx_err rc = step_write(st, s, 1, "add user", err);
	if (rc == SX_NOTFOUND)
		return sx_error_set(err, SX_CONFLICT, "name",
				    "Tài khoản đã có", "user %s exists already",
				    name);
	return rc;
}

enum sx_err store_user_get(struct srv_store *st, const char *name,
			   struct store_user *out, struct sx_error *err)
{
	static const char sql[] =
		"SELECT " USER_COLS " FROM desk_user WHERE name = ?1";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, name);
	int r = sqlite3_step(s);
	if (r == SQLITE_ROW)
		user_from_row(s, out);
	sqlite3_reset(s);
	if (r == SQLITE_ROW)
		return SX_OK;
	if (r == SQLITE_DONE)
		return sx_error_set(err, SX_NOTFOUND, "name",
				    "Không có tài khoản này", "no user %s",
				    name);
	return db_fail(st, err, "find user");
}

enum sx_err store_user_each(struct srv_store *st,
			    void (*fn)(const struct store_user *, void *),
			    void *arg, struct sx_error *err)
{
	static const char sql[] =
		"SELECT " USER_COLS " FROM desk_user ORDER BY name";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	int r;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_user u;
		user_from_row(s, &u);
		fn(&u, arg);
	}
	sqlite3_reset(s);
	return r == SQLITE_DONE ? SX_OK : db_fail(st, err, "list users");
}

/* Sessions of a user end with a disable or a new password: whoever held
 * the old password must not stay logged in. */
static enum sx_err sessions_end(struct srv_store *st, const char *name,
				struct sx_error *err)
{
	static const char sql[] = "DELETE FROM desk_session WHERE user = ?1";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, name);
	return step_write(st, s, 0, "end sessions", err);
}

enum sx_err store_user_disable(struct srv_store *st, const char *name,
			       struct sx_error *err)
{
	static const char sql[] =
		"UPDATE desk_user SET disabled_at = ?2"
		" WHERE name = ?1 AND disabled_at IS NULL";
	char now[21];
	store_now(now);
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, name);
	bind_text(s, 2, now);
	enum sx_err rc = step_write(st, s, 1, "disable user", err);
	if (rc == SX_NOTFOUND)
		return sx_error_set(err, SX_NOTFOUND, "name",
				    "Không có tài khoản đang hoạt động này",
				    "no active user %s", name);
	return rc == SX_OK ? sessions_end(st, name, err) : rc;
}

enum sx_err store_user_set_password(struct srv_store *st, const char *name,
				    const char *pass_hash,
				    struct sx_error *err)
{
	static const char sql[] =
		"UPDATE desk_user SET pass_hash = ?2 WHERE name = ?1";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, name);
	bind_text(s, 2, pass_hash);
	enum sx_err rc = step_write(st, s, 1, "set password", err);
	if (rc == SX_NOTFOUND)
		return sx_error_set(err, SX_NOTFOUND, "name",
				    "Không có tài khoản này", "no user %s",
				    name);
	return rc == SX_OK ? sessions_end(st, name, err) : rc;
}

enum sx_err store_session_add(struct srv_store *st, const char *id_hash,
			      const char *user, const char *csrf,
			      long long now, struct sx_error *err)
{
	static const char sql[] =
		"INSERT INTO desk_session(id_hash, user, csrf, created_at,"
		" last_seen) VALUES(?1, ?2, ?3, ?4, ?4)";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, id_hash);
	bind_text(s, 2, user);
	bind_text(s, 3, csrf);
	sqlite3_bind_int64(s, 4, now);
	return step_write(st, s, 0, "add session", err);
}

enum sx_err store_session_get(struct srv_store *st, const char *id_hash,
			      struct store_session *out, struct sx_error *err)
{
	static const char sql[] =
		"SELECT s.user, s.csrf, s.last_seen, u.role FROM desk_session s"
		" JOIN desk_user u ON u.name = s.user"
		" WHERE s.id_hash = ?1 AND u.disabled_at IS NULL";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, id_hash);
	int r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		copy_col(out->user, sizeof out->user, s, 0);
		copy_col(out->csrf, sizeof out->csrf, s, 1);
		out->last_seen = sqlite3_column_int64(s, 2);
		copy_col(out->role, sizeof out->role, s, 3);
	}
	sqlite3_reset(s);
	if (r == SQLITE_ROW)
		return SX_OK;
	if (r == SQLITE_DONE)
		return sx_error_set(err, SX_NOTFOUND, "", NULL, "no session");
	return db_fail(st, err, "find session");
}

enum sx_err store_session_touch(struct srv_store *st, const char *id_hash,
				long long now, struct sx_error *err)
{
	static const char sql[] =
		"UPDATE desk_session SET last_seen = ?2 WHERE id_hash = ?1";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, id_hash);
	sqlite3_bind_int64(s, 2, now);
	return step_write(st, s, 0, "touch session", err);
}

enum sx_err store_session_end(struct srv_store *st, const char *id_hash,
			      long long idle_before, struct sx_error *err)
{
	static const char sql[] =
		"DELETE FROM desk_session WHERE id_hash = ?1"
		" OR last_seen < ?2";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, id_hash);
	sqlite3_bind_int64(s, 2, idle_before);
	return step_write(st, s, 0, "end session", err);
}

enum sx_err store_login_fail_add(struct srv_store *st, const char *user,
				 long long now, long long forget_before,
				 struct sx_error *err)
{
	static const char prune_sql[] =
		"DELETE FROM desk_login_fail WHERE at < ?1";
	static const char sql[] =
		"INSERT INTO desk_login_fail(user, at) VALUES(?1, ?2)";
	sqlite3_stmt *s = stmt(st, prune_sql, err);
	if (!s)
		return SX_DB;
	sqlite3_bind_int64(s, 1, forget_before);
	enum sx_err rc = step_write(st, s, 0, "prune failed logins", err);
	if (rc != SX_OK)
		return rc;
	s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, user);
	sqlite3_bind_int64(s, 2, now);
	return step_write(st, s, 0, "failed login", err);
}

enum sx_err store_login_fail_count(struct srv_store *st, const char *user,
				   long long since, long long *count,
				   struct sx_error *err)
{
	static const char sql[] =
		"SELECT count(*) FROM desk_login_fail WHERE user = ?1"
		" AND at >= ?2";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, user);
	sqlite3_bind_int64(s, 2, since);
	int r = sqlite3_step(s);
	*count = r == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return r == SQLITE_ROW ? SX_OK : db_fail(st, err, "count logins");
}

enum sx_err store_district_last_sync(struct srv_store *st, const char *code,
				     char out[21], struct sx_error *err)
{
	static const char sql[] =
		"SELECT max(coalesce((SELECT max(applied_at)"
		" FROM applied_change WHERE district = ?1), ''),"
		" coalesce((SELECT max(received_at) FROM report"
		" WHERE district = ?1), ''))";
	sqlite3_stmt *s = stmt(st, sql, err);
	if (!s)
		return SX_DB;
	bind_text(s, 1, code);
	int r = sqlite3_step(s);
	out[0] = '\0';
	if (r == SQLITE_ROW)
		copy_col(out, 21, s, 0);
	sqlite3_reset(s);
	return r == SQLITE_ROW ? SX_OK : db_fail(st, err, "last sync");
}

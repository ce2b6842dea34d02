/* store.c — the provincial server's own SQLite store: all of its queries
 * (its schema is store_schema.c).
 *
 * Separate from the district schema (core/schema.c), on the same toolkit
 * (sxsh/db_sql.h): statement cache, transactions, migrations.  The server
 * keeps the latest version of each district record as a JSON object of
 * canonical field strings, not in typed columns, because it only relays
 * and counts them; the consolidated report is built from the districts'
 * reports.
 *
 * Invariants:
 * - record.rev values are unique and come from one counter that only
 *   grows (MAX(rev) + 1 under the write lock), so rev is also the pull
 *   cursor;
 * - a change id is remembered only when it was applied, in the same
 *   transaction as the write;
 * - a report revision, once stored, changes only in its status columns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "sxsh/clock.h"
#include "store_internal.h"
#include "store_plan.h"

enum sx_err store_open(const char *path, struct srv_store **out,
		       struct sx_error *err)
{
	struct srv_store *st = calloc(1, sizeof *st);
	if (!st)
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	pthread_mutex_init(&st->lock, NULL);
	enum sx_err rc = sx_db_open_schema(path, SX_OPEN_DEFAULT,
					   &store_schema, &st->db, err);
	if (rc == SX_OK)
		rc = store_plan_seed(st, err);
	if (rc != SX_OK) {
		store_close(st);
		return rc;
	}
	*out = st;
	return SX_OK;
}

void store_close(struct srv_store *st)
{
	if (!st)
		return;
	sx_db_close(st->db);
	pthread_mutex_destroy(&st->lock);
	free(st);
}

int store_schema_version(struct srv_store *st)
{
	return sx_db_schema_version(st->db);
}

int store_schema_latest(void)
{
	return store_schema.count;
}

enum sx_err store_begin(struct srv_store *st, struct sx_error *err)
{
	pthread_mutex_lock(&st->lock);
	enum sx_err rc = sx_db_begin(st->db, err);
	if (rc != SX_OK)
		pthread_mutex_unlock(&st->lock);
	return rc;
}

enum sx_err store_commit(struct srv_store *st, struct sx_error *err)
{
	enum sx_err rc = sx_db_commit(st->db, err);
	pthread_mutex_unlock(&st->lock);
	return rc;
}

void store_rollback(struct srv_store *st)
{
	sx_db_rollback(st->db);
	pthread_mutex_unlock(&st->lock);
}

enum sx_err store_end(struct srv_store *st, enum sx_err rc,
		      struct sx_error *err)
{
	rc = sx_db_end(st->db, rc, err);
	pthread_mutex_unlock(&st->lock);
	return rc;
}

/* ---- meta ---------------------------------------------------------------- */

long long store_meta_int(struct srv_store *st, const char *key,
			 long long dflt)
{
	long long v = dflt;
	db_get(st->db, "SELECT value FROM meta WHERE key = ?1",
	       DB_ARGS(DB_TEXT(key)), db_read_int64, &v, "meta", NULL);
	return v;
}

enum sx_err store_meta_set_int(struct srv_store *st, const char *key,
			       long long value, struct sx_error *err)
{
	return db_write(st->db,
			"INSERT INTO meta(key, value) VALUES(?1, ?2)"
			" ON CONFLICT(key) DO UPDATE SET value = excluded.value",
			DB_ARGS(DB_TEXT(key), DB_INT(value)), NULL, "meta",
			err);
}

/* ---- districts ----------------------------------------------------------- */

#define DISTRICT_COLS \
	"code, name, created_at, revoked_at, t2_share, t3_share"

static enum sx_err district_read(sqlite3_stmt *s, void *out)
{
	struct store_district *d = out;
	memset(d, 0, sizeof *d);
	db_column_copy(s, 0, d->code, sizeof d->code);
	db_column_copy(s, 1, d->name, sizeof d->name);
	db_column_copy(s, 2, d->created_at, sizeof d->created_at);
	db_column_copy(s, 3, d->revoked_at, sizeof d->revoked_at);
	d->t2_share = db_column_int_or(s, 4, -1);
	d->t3_share = db_column_int_or(s, 5, -1);
	return SX_OK;
}

static enum sx_err no_district(enum sx_err rc, const char *code,
			       int active, struct sx_error *err)
{
	if (rc != SX_NOTFOUND)
		return rc;
	if (active)
		return sx_error_set(err, SX_NOTFOUND, "code",
				    "Không có huyện đang hoạt động này",
				    "no active district %s", code);
	return sx_error_set(err, SX_NOTFOUND, "code", "Không có huyện này",
			    "no district %s", code);
}

/* A write that must change a row of district code: SX_NOTFOUND if none. */
static enum sx_err district_write(struct srv_store *st, const char *sql,
				  const struct db_arg *args, int nargs,
				  const char *code, int active,
				  const char *what, struct sx_error *err)
{
	int changed = 0;
	enum sx_err rc = db_write(st->db, sql, args, nargs, &changed, what,
				  err);
	if (rc == SX_OK && changed == 0)
		rc = SX_NOTFOUND;
	return no_district(rc, code, active, err);
}

enum sx_err store_district_add(struct srv_store *st, const char *code,
			       const char *name, const char *token_hash,
			       struct sx_error *err)
{
	char now[21];
	sx_now_utc(now);
	int changed = 0;
	enum sx_err rc = db_write(st->db,
		"INSERT INTO district(code, name, token_hash, created_at)"
		" VALUES(?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
		DB_ARGS(DB_TEXT(code), DB_TEXT(name), DB_TEXT(token_hash),
			DB_TEXT(now)), &changed, "add district", err);
	if (rc == SX_OK && changed == 0)
		return sx_error_set(err, SX_CONFLICT, "code",
				    "Huyện đã có trên máy chủ",
				    "district %s exists already", code);
	return rc;
}

enum sx_err store_district_by_token(struct srv_store *st,
				    const char *token_hash,
				    struct store_district *out,
				    struct sx_error *err)
{
	enum sx_err rc = db_get(st->db,
		"SELECT " DISTRICT_COLS " FROM district"
		" WHERE token_hash = ?1 AND revoked_at IS NULL",
		DB_ARGS(DB_TEXT(token_hash)), district_read, out,
		"find district", err);
	if (rc == SX_NOTFOUND)
		return sx_error_set(err, SX_NOTFOUND, "", NULL,
				    "unknown token");
	return rc;
}

enum sx_err store_district_get(struct srv_store *st, const char *code,
			       struct store_district *out,
			       struct sx_error *err)
{
	return no_district(db_get(st->db,
		"SELECT " DISTRICT_COLS " FROM district WHERE code = ?1",
		DB_ARGS(DB_TEXT(code)), district_read, out, "get district",
		err), code, 0, err);
}

enum sx_err store_district_revoke(struct srv_store *st, const char *code,
				  struct sx_error *err)
{
	char now[21];
	sx_now_utc(now);
	return district_write(st,
		"UPDATE district SET revoked_at = ?2"
		" WHERE code = ?1 AND revoked_at IS NULL",
		DB_ARGS(DB_TEXT(code), DB_TEXT(now)), code, 1,
		"revoke district", err);
}

enum sx_err store_district_rotate(struct srv_store *st, const char *code,
				  const char *token_hash,
				  struct sx_error *err)
{
	return district_write(st,
		"UPDATE district SET token_hash = ?2, revoked_at = NULL"
		" WHERE code = ?1",
		DB_ARGS(DB_TEXT(code), DB_TEXT(token_hash)), code, 0,
		"rotate token", err);
}

enum sx_err store_district_set_targets(struct srv_store *st,
				       const char *code, long long t2,
				       long long t3, struct sx_error *err)
{
	enum sx_err rc = district_write(st,
		"UPDATE district SET t2_share = ?2, t3_share = ?3"
		" WHERE code = ?1",
		DB_ARGS(DB_TEXT(code), DB_INT_OR_NULL(t2),
			DB_INT_OR_NULL(t3)), code, 0, "set targets", err);
	if (rc != SX_OK)
		return rc;
	return store_meta_set_int(st, "ref_version",
				  store_meta_int(st, "ref_version", 1) + 1,
				  err);
}

struct district_visit {
	void (*fn)(const struct store_district *, void *);
	void *arg;
};

static enum sx_err district_visit(sqlite3_stmt *s, void *arg)
{
	struct district_visit *v = arg;
	struct store_district d;
	district_read(s, &d);
	v->fn(&d, v->arg);
	return SX_OK;
}

enum sx_err store_district_each(struct srv_store *st,
				void (*fn)(const struct store_district *,
					   void *),
				void *arg, struct sx_error *err)
{
	struct district_visit v = {fn, arg};
	return db_each(st->db,
		       "SELECT " DISTRICT_COLS " FROM district ORDER BY code",
		       DB_NO_ARGS, district_visit, &v, "list districts", err);
}

/* ---- records ------------------------------------------------------------- */

#define ROW_COLS "uuid, kind, district, rev, deleted, fields, client_id"

/* The row's fields point into the statement: valid during a visit. */
static void row_borrow(sqlite3_stmt *s, struct store_row *out)
{
	memset(out, 0, sizeof *out);
	db_column_copy(s, 0, out->uuid, sizeof out->uuid);
	db_column_copy(s, 1, out->kind, sizeof out->kind);
	db_column_copy(s, 2, out->district, sizeof out->district);
	out->rev = sqlite3_column_int64(s, 3);
	out->deleted = sqlite3_column_int(s, 4) != 0;
	db_column_copy(s, 6, out->client_id, sizeof out->client_id);
	const char *f = (const char *)sqlite3_column_text(s, 5);
	out->fields = (char *)(f ? f : "{}");
}

static enum sx_err row_read(sqlite3_stmt *s, void *out)
{
	struct store_row *row = out;
	row_borrow(s, row);
	row->fields = strdup(row->fields);
	return row->fields ? SX_OK : SX_NOMEM;
}

enum sx_err store_record_get(struct srv_store *st, const char *uuid,
			     struct store_row *out, struct sx_error *err)
{
	return db_get(st->db, "SELECT " ROW_COLS " FROM record WHERE uuid = ?1",
		      DB_ARGS(DB_TEXT(uuid)), row_read, out, "get record",
		      err);
}

enum sx_err store_record_put(struct srv_store *st,
			     const struct store_row *row,
			     const char *change_id, long long *rev_out,
			     struct sx_error *err)
{
	char now[21];
	sx_now_utc(now);
	long long rev = 1;
	enum sx_err rc = db_get(st->db,
		"SELECT COALESCE(MAX(rev), 0) + 1 FROM record", DB_NO_ARGS,
		db_read_int64, &rev, "next rev", err);
	if (rc != SX_OK)
		return rc == SX_NOTFOUND ? db_error(st->db, err, "next rev") :
			rc;
	int changed = 0;
	rc = db_write(st->db,
		"INSERT INTO record(uuid, district, kind, rev, deleted, fields,"
		" client_id, change_id, updated_at)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
		" ON CONFLICT(uuid) DO UPDATE SET rev = excluded.rev,"
		" deleted = excluded.deleted, fields = excluded.fields,"
		" client_id = excluded.client_id,"
		" change_id = excluded.change_id,"
		" updated_at = excluded.updated_at"
		" WHERE record.district = excluded.district",
		DB_ARGS(DB_TEXT(row->uuid), DB_TEXT(row->district),
			DB_TEXT(row->kind), DB_INT(rev),
			DB_INT(row->deleted ? 1 : 0), DB_TEXT(row->fields),
			DB_TEXT(row->client_id), DB_TEXT(change_id),
			DB_TEXT(now)), &changed, "put record", err);
	if (rc != SX_OK)
		return rc;
	if (changed == 0) /* another district's uuid */
		return sx_error_set(err, SX_REFUSED, "uuid", NULL,
				    "record belongs to another district");
	rc = db_write(st->db,
		"INSERT INTO applied_change(district, change_id, record_uuid,"
		" rev, applied_at) VALUES(?1, ?2, ?3, ?4, ?5)",
		DB_ARGS(DB_TEXT(row->district), DB_TEXT(change_id),
			DB_TEXT(row->uuid), DB_INT(rev), DB_TEXT(now)), NULL,
		"remember change", err);
	if (rc == SX_OK)
		*rev_out = rev;
	return rc;
}

enum sx_err store_change_rev(struct srv_store *st, const char *district,
			     const char *change_id, long long *rev,
			     struct sx_error *err)
{
	return db_get(st->db,
		      "SELECT rev FROM applied_change"
		      " WHERE district = ?1 AND change_id = ?2",
		      DB_ARGS(DB_TEXT(district), DB_TEXT(change_id)),
		      db_read_int64, rev, "find change", err);
}

struct pull_visit {
	enum sx_err (*fn)(const struct store_row *, void *);
	void *arg;
	int limit, n, *more;
};

static enum sx_err pull_visit(sqlite3_stmt *s, void *arg)
{
	struct pull_visit *v = arg;
	if (v->n == v->limit) {
		*v->more = 1; /* the one row asked beyond the page */
		return SX_OK;
	}
	struct store_row row;
	row_borrow(s, &row);
	v->n++;
	return v->fn(&row, v->arg);
}

enum sx_err store_pull(struct srv_store *st, const char *district,
		       long long since, int limit,
		       enum sx_err (*fn)(const struct store_row *, void *),
		       void *arg, int *more, struct sx_error *err)
{
	struct pull_visit v = {fn, arg, limit, 0, more};
	*more = 0;
	return db_each(st->db,
		       "SELECT " ROW_COLS " FROM record"
		       " WHERE district = ?1 AND rev > ?2 ORDER BY rev"
		       " LIMIT ?3",
		       DB_ARGS(DB_TEXT(district), DB_INT(since),
			       DB_INT(limit + 1)), pull_visit, &v, "pull",
		       err);
}

enum sx_err store_record_count(struct srv_store *st, const char *district,
			       long long *out, struct sx_error *err)
{
	*out = 0;
	enum sx_err rc = db_get(st->db,
		"SELECT count(*) FROM record WHERE district = ?1"
		" AND deleted = 0", DB_ARGS(DB_TEXT(district)),
		db_read_int64, out, "count", err);
	return rc == SX_NOTFOUND ? db_error(st->db, err, "count") : rc;
}

/* ---- reports ------------------------------------------------------------- */

/* The state of a revision: all but its JSON (the index report_state). */
#define REPORT_STATE_COLS \
	"id, district, period, revision, replaces, sha256, receipt, status," \
	" reason, received_at, status_at"
#define REPORT_COLS REPORT_STATE_COLS ", json"

/* r->json, when loaded, points into the statement. */
static void report_borrow(sqlite3_stmt *s, struct store_report *r,
			  int with_json)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(s, 0);
	db_column_copy(s, 1, r->district, sizeof r->district);
	db_column_copy(s, 2, r->period, sizeof r->period);
	r->revision = sqlite3_column_int64(s, 3);
	r->replaces = db_column_int_or(s, 4, -1);
	db_column_copy(s, 5, r->sha256, sizeof r->sha256);
	db_column_copy(s, 6, r->receipt, sizeof r->receipt);
	db_column_copy(s, 7, r->status, sizeof r->status);
	db_column_copy(s, 8, r->reason, sizeof r->reason);
	db_column_copy(s, 9, r->received_at, sizeof r->received_at);
	db_column_copy(s, 10, r->status_at, sizeof r->status_at);
	if (with_json)
		r->json = (char *)sqlite3_column_text(s, 11);
}

static enum sx_err report_read(sqlite3_stmt *s, void *out)
{
	report_borrow(s, out, 0);
	return SX_OK;
}

enum sx_err store_report_by_hash(struct srv_store *st, const char *district,
				 const char *sha256, struct store_report *out,
				 struct sx_error *err)
{
	return db_get(st->db,
		      "SELECT " REPORT_COLS " FROM report"
		      " WHERE district = ?1 AND sha256 = ?2",
		      DB_ARGS(DB_TEXT(district), DB_TEXT(sha256)),
		      report_read, out, "get report", err);
}

enum sx_err store_report_by_revision(struct srv_store *st,
				     const char *district, const char *period,
				     long long revision,
				     struct store_report *out,
				     struct sx_error *err)
{
	return db_get(st->db,
		      "SELECT " REPORT_COLS " FROM report"
		      " WHERE district = ?1 AND period = ?2 AND revision = ?3",
		      DB_ARGS(DB_TEXT(district), DB_TEXT(period),
			      DB_INT(revision)), report_read, out,
		      "get report", err);
}

enum sx_err store_report_period_accepted(struct srv_store *st,
					 const char *district,
					 const char *period, int *accepted,
					 struct sx_error *err)
{
	long long n = 0;
	enum sx_err rc = db_get(st->db,
		"SELECT count(*) FROM report WHERE district = ?1"
		" AND period = ?2 AND status = 'accepted'",
		DB_ARGS(DB_TEXT(district), DB_TEXT(period)), db_read_int64,
		&n, "report status", err);
	if (rc == SX_NOTFOUND)
		return db_error(st->db, err, "report status");
	if (rc == SX_OK)
		*accepted = n > 0;
	return rc;
}

enum sx_err store_report_insert(struct srv_store *st, struct store_report *r,
				struct sx_error *err)
{
	enum sx_err rc = db_get(st->db,
		"SELECT COALESCE(MAX(id), 0) + 1 FROM report", DB_NO_ARGS,
		db_read_int64, &r->id, "next report id", err);
	if (rc != SX_OK)
		return rc == SX_NOTFOUND ?
			db_error(st->db, err, "next report id") : rc;
	snprintf(r->receipt, sizeof r->receipt, "%s-%s-%lld-%06lld",
		 r->district, r->period, r->revision, r->id);
	snprintf(r->status, sizeof r->status, "sent");
	sx_now_utc(r->received_at);
	return db_write(st->db,
		"INSERT INTO report(id, district, period, revision, replaces,"
		" sha256, json, receipt, status, received_at)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'sent', ?9)",
		DB_ARGS(DB_INT(r->id), DB_TEXT(r->district),
			DB_TEXT(r->period), DB_INT(r->revision),
			DB_INT_OR_NULL(r->replaces), DB_TEXT(r->sha256),
			DB_TEXT(r->json), DB_TEXT(r->receipt),
			DB_TEXT(r->received_at)), NULL, "store report", err);
}

struct report_visit {
	enum sx_err (*fn)(const struct store_report *, void *);
	void *arg;
	int with_json;
};

static enum sx_err report_visit(sqlite3_stmt *s, void *arg)
{
	struct report_visit *v = arg;
	struct store_report rep;
	report_borrow(s, &rep, v->with_json);
	return v->fn(&rep, v->arg);
}

enum sx_err store_report_each(struct srv_store *st, const char *district,
			      const char *period, int with_json,
			      enum sx_err (*fn)(const struct store_report *,
						void *),
			      void *arg, struct sx_error *err)
{
	struct report_visit v = {fn, arg, with_json};
#define REPORT_EACH(cols) \
	"SELECT " cols " FROM report WHERE (?1 IS NULL OR district = ?1)" \
	" AND (?2 IS NULL OR period = ?2) ORDER BY district, period, revision"
	/* Without the JSON, from the index alone. */
	return db_each(st->db,
		       with_json ? REPORT_EACH(REPORT_COLS)
				 : REPORT_EACH(REPORT_STATE_COLS),
		       DB_ARGS(DB_TEXT(district), DB_TEXT(period)),
		       report_visit, &v, "reports", err);
#undef REPORT_EACH
}

struct report_waiting {
	long long id, revision;
};

static enum sx_err waiting_read(sqlite3_stmt *s, void *out)
{
	struct report_waiting *w = out;
	w->id = sqlite3_column_int64(s, 0);
	w->revision = sqlite3_column_int64(s, 1);
	return SX_OK;
}

enum sx_err store_report_decide(struct srv_store *st, const char *district,
				const char *period, const char *status,
				const char *reason, long long *revision,
				struct sx_error *err)
{
	struct report_waiting w = {0, 0};
	enum sx_err rc = db_get(st->db,
		"SELECT id, revision FROM report WHERE district = ?1"
		" AND period = ?2 AND status = 'sent'"
		" ORDER BY revision DESC LIMIT 1",
		DB_ARGS(DB_TEXT(district), DB_TEXT(period)), waiting_read,
		&w, "find report", err);
	if (rc == SX_NOTFOUND)
		return sx_error_set(err, SX_NOTFOUND, "period",
				    "Không có báo cáo đang chờ duyệt",
				    "district %s has no report of %s waiting"
				    " for a decision", district, period);
	if (rc != SX_OK)
		return rc;
	*revision = w.revision;
	char now[21];
	sx_now_utc(now);
	return db_write(st->db,
		"UPDATE report SET status = ?2, reason = ?3, status_at = ?4"
		" WHERE id = ?1",
		DB_ARGS(DB_INT(w.id), DB_TEXT(status),
			DB_TEXT(reason && *reason ? reason : NULL),
			DB_TEXT(now)), NULL, "decide report", err);
}

/* sync_store.c — the storage side of sync (see sync_store.h): rows from the
 * server written without a change-log entry, conflicts, held outbox
 * entries, queued report revisions and the sync log.
 *
 * SQL text that names a record table is assembled from the kind table's
 * constant names; values are always bound.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "record_internal.h"
#include "sxsh/sync_store.h"
#include "sxsh/uuid.h"

static enum sx_err oom(struct sx_error *err)
{
	return sx_error_set(err, SX_NOMEM, NULL, "Hết bộ nhớ",
			    "out of memory");
}

static enum sx_err step_done(struct sx_db *db, sqlite3_stmt *st,
			     struct sx_error *err)
{
	return db_exec_stmt(db, st, err);
}

/* ---- records from the server --------------------------------------------- */

enum sx_err sync_store_apply_remote(struct sx_db *db,
				    const struct sx_record *rec,
				    struct sx_error *err)
{
	struct sx_record *copy = record_dup(rec);
	enum sx_err e;

	if (!copy)
		return oom(err);
	sx_now_utc(copy->updated_at);
	e = record_write(db, copy, 0, err);
	record_free(copy);
	return e;
}

enum sx_err sync_store_local_state(struct sx_db *db, enum sx_kind kind,
				   const char *uuid, long long *server_rev,
				   int *pending, struct sx_error *err)
{
	const struct sx_kind_def *def = record_kind(kind);
	char sql[256];
	sqlite3_stmt *st;
	int rc;

	*server_rev = -1;
	*pending = 0;
	snprintf(sql, sizeof sql, "SELECT server_rev FROM %s WHERE uuid=?1",
		 def->table);
	if (!(st = db_stmt(db, sql, err)))
		return err ? err->code : SX_DB;
	db_bind_text(st, 1, uuid);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*server_rev = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, err, "local state");
	st = db_stmt(db, "SELECT 1 FROM change_log WHERE record_uuid=?1", err);
	if (!st)
		return err ? err->code : SX_DB;
	db_bind_text(st, 1, uuid);
	rc = sqlite3_step(st);
	*pending = rc == SQLITE_ROW;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, err, "local state");
	return SX_OK;
}

int sync_store_missing_refs(struct sx_db *db, const struct sx_record *rec)
{
	const struct sx_kind_def *def = record_kind(rec->kind);
	int missing = 0;

	for (int i = 0; i < def->nfields; i++) {
		const struct sx_field *f = &def->fields[i];
		char sql[256];
		sqlite3_stmt *st;
		int rc;

		if (f->type != SXF_REF || !rec->values[i])
			continue;
		snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE uuid=?1",
			 record_kind(f->ref_kind)->table);
		if (!(st = db_stmt(db, sql, NULL)))
			return -1;
		db_bind_text(st, 1, rec->values[i]);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			missing++;
		else if (rc != SQLITE_ROW)
			return -1;
	}
	return missing;
}

enum sx_err sync_store_unique_clash(struct sx_db *db,
				    const struct sx_record *rec,
				    char other[SX_UUID_LEN + 1],
				    struct sx_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	other[0] = '\0';
	if (rec->deleted)
		return SX_OK;
	if (rec->kind == SXK_FACILITY && record_get(rec, "tax_code")) {
		st = db_stmt(db, "SELECT uuid FROM facility WHERE tax_code=?1"
			     " AND deleted=0 AND uuid<>?2", err);
		if (!st)
			return err ? err->code : SX_DB;
		db_bind_text(st, 1, record_get(rec, "tax_code"));
	} else if (rec->kind == SXK_CONSUMPTION &&
		   record_get(rec, "facility_id") && record_get(rec, "year")) {
		st = db_stmt(db, "SELECT uuid FROM consumption WHERE"
			     " facility_id=?1 AND year=?3 AND deleted=0"
			     " AND uuid<>?2", err);
		if (!st)
			return err ? err->code : SX_DB;
		db_bind_text(st, 1, record_get(rec, "facility_id"));
		sqlite3_bind_int64(st, 3,
				   strtoll(record_get(rec, "year"), NULL, 10));
	} else {
		return SX_OK;
	}
	db_bind_text(st, 2, rec->uuid);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		snprintf(other, SX_UUID_LEN + 1, "%s",
			 t ? (const char *)t : "");
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return SX_CONFLICT;
	if (rc != SQLITE_DONE)
		return db_error(db, err, "unique check");
	return SX_OK;
}

/* ---- the outbox, by record --------------------------------------------- */

enum sx_err sync_store_outbox_entry(struct sx_db *db, const char *uuid,
				    struct sx_outbox_entry *out,
				    struct sx_error *err)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT seq, kind, record_uuid, change_id, edits, attempts,"
		" last_status, last_error, rejected, created_at"
		" FROM change_log WHERE record_uuid=?1", err);
	const struct sx_kind_def *def;
	const unsigned char *t;
	int rc;

	if (!st)
		return err ? err->code : SX_DB;
	db_bind_text(st, 1, uuid);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return sx_error_set(err, SX_NOTFOUND, NULL, NULL,
					    "no outbox entry for %s", uuid);
		return db_error(db, err, "outbox entry");
	}
	memset(out, 0, sizeof *out);
	out->seq = sqlite3_column_int64(st, 0);
	t = sqlite3_column_text(st, 1);
	def = record_kind_by_name(t ? (const char *)t : "");
	out->kind = def ? def->kind : SXK_FACILITY;
#define COPY(col, dst) do { t = sqlite3_column_text(st, col); \
	snprintf(dst, sizeof dst, "%s", t ? (const char *)t : ""); } while (0)
	COPY(2, out->record_uuid);
	COPY(3, out->change_id);
	out->edits = sqlite3_column_int64(st, 4);
	out->attempts = sqlite3_column_int64(st, 5);
	out->last_status = sqlite3_column_int(st, 6);
	COPY(7, out->last_error);
	out->rejected = sqlite3_column_int(st, 8);
	COPY(9, out->created_at);
#undef COPY
	sqlite3_reset(st);
	return SX_OK;
}

enum sx_err sync_store_hold(struct sx_db *db, const char *uuid, int status,
			    const char *message, struct sx_error *err)
{
	char now[21];
	sqlite3_stmt *st = db_stmt(db,
		"UPDATE change_log SET rejected=1, last_status=?2,"
		" last_error=?3, updated_at=?4 WHERE record_uuid=?1", err);

	if (!st)
		return err ? err->code : SX_DB;
	sx_now_utc(now);
	db_bind_text(st, 1, uuid);
	sqlite3_bind_int(st, 2, status);
	db_bind_text(st, 3, message);
	db_bind_text(st, 4, now);
	return step_done(db, st, err);
}

enum sx_err sync_store_rebase(struct sx_db *db, enum sx_kind kind,
			      const char *uuid, long long rev,
			      struct sx_error *err)
{
	const struct sx_kind_def *def = record_kind(kind);
	char sql[256], change_id[SX_UUID_LEN + 1], now[21];
	sqlite3_stmt *st;
	enum sx_err e;
	int has_entry;

	if ((e = sx_db_begin(db, err)))
		return e;
	snprintf(sql, sizeof sql, "UPDATE %s SET server_rev=?2 WHERE uuid=?1",
		 def->table);
	if (!(st = db_stmt(db, sql, err))) {
		e = err ? err->code : SX_DB;
		goto fail;
	}
	db_bind_text(st, 1, uuid);
	sqlite3_bind_int64(st, 2, rev);
	if ((e = step_done(db, st, err)))
		goto fail;
	if ((e = sync_store_local_state(db, kind, uuid, &rev, &has_entry,
					err)))
		goto fail;
	if (!has_entry) {
		e = outbox_touch(db, kind, uuid, err);
	} else {
		if ((e = uuid_new(change_id, err)))
			goto fail;
		sx_now_utc(now);
		st = db_stmt(db, "UPDATE change_log SET change_id=?2,"
			     " edits=edits+1, rejected=0, last_status=0,"
			     " last_error=NULL, updated_at=?3"
			     " WHERE record_uuid=?1", err);
		if (!st) {
			e = err ? err->code : SX_DB;
			goto fail;
		}
		db_bind_text(st, 1, uuid);
		db_bind_text(st, 2, change_id);
		db_bind_text(st, 3, now);
		e = step_done(db, st, err);
	}
	if (e)
		goto fail;
	return sx_db_commit(db, err);
fail:
	sx_db_rollback(db);
	return e;
}

/* ---- conflicts ----------------------------------------------------------- */

enum sx_err sync_store_conflict_add(struct sx_db *db, enum sx_kind kind,
				    const char *uuid, long long server_rev,
				    const char *server_payload,
				    const char *local_payload, long long *id,
				    struct sx_error *err)
{
	char now[21];
	sqlite3_stmt *st;
	enum sx_err e;

	if ((e = sx_db_begin(db, err)))
		return e;
	sx_now_utc(now);
	st = db_stmt(db, "DELETE FROM sync_conflict WHERE record_uuid=?1"
		     " AND resolved_at IS NULL", err);
	if (!st) {
		e = err ? err->code : SX_DB;
		goto fail;
	}
	db_bind_text(st, 1, uuid);
	if ((e = step_done(db, st, err)))
		goto fail;
	st = db_stmt(db, "INSERT INTO sync_conflict(kind, record_uuid,"
		     " server_rev, server_payload, local_payload, created_at)"
		     " VALUES(?1, ?2, ?3, ?4, ?5, ?6)", err);
	if (!st) {
		e = err ? err->code : SX_DB;
		goto fail;
	}
	db_bind_text(st, 1, record_kind(kind)->singular);
	db_bind_text(st, 2, uuid);
	sqlite3_bind_int64(st, 3, server_rev);
	db_bind_text(st, 4, server_payload);
	db_bind_text(st, 5, local_payload);
	db_bind_text(st, 6, now);
	if ((e = step_done(db, st, err)))
		goto fail;
	if (id)
		*id = sqlite3_last_insert_rowid(db->handle);
	return sx_db_commit(db, err);
fail:
	sx_db_rollback(db);
	return e;
}

static enum sx_err conflict_from_row(sqlite3_stmt *st, struct sx_conflict *c)
{
	const struct sx_kind_def *def;
	const unsigned char *t;

	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(st, 0);
	t = sqlite3_column_text(st, 1);
	def = record_kind_by_name(t ? (const char *)t : "");
	c->kind = def ? def->kind : SXK_FACILITY;
#define COPY(col, dst) do { t = sqlite3_column_text(st, col); \
	snprintf(dst, sizeof dst, "%s", t ? (const char *)t : ""); } while (0)
	COPY(2, c->record_uuid);
	c->server_rev = sqlite3_column_int64(st, 3);
	c->server_payload = db_column_dup(st, 4);
	c->local_payload = db_column_dup(st, 5);
	COPY(6, c->created_at);
	COPY(7, c->resolved_at);
	COPY(8, c->resolution);
#undef COPY
	if (!c->server_payload)
		return SX_NOMEM;
	return SX_OK;
}

#define CONFLICT_COLS "id, kind, record_uuid, server_rev, server_payload," \
	" local_payload, created_at, resolved_at, resolution"

void sync_store_conflict_release(struct sx_conflict *c)
{
	if (!c)
		return;
	free(c->server_payload);
	free(c->local_payload);
	c->server_payload = c->local_payload = NULL;
}

void sync_store_conflicts_free(struct sx_conflict *c, int n)
{
	if (!c)
		return;
	for (int i = 0; i < n; i++)
		sync_store_conflict_release(&c[i]);
	free(c);
}

enum sx_err sync_store_conflicts(struct sx_db *db, int include_resolved,
				 struct sx_conflict **out, int *n,
				 struct sx_error *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " CONFLICT_COLS
				   " FROM sync_conflict WHERE ?1 OR"
				   " resolved_at IS NULL ORDER BY id", err);
	struct sx_conflict *list = NULL;
	int count = 0, cap = 0, rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return err ? err->code : SX_DB;
	sqlite3_bind_int(st, 1, include_resolved ? 1 : 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			int ncap = cap ? cap * 2 : 16;
			struct sx_conflict *g = realloc(list,
						(size_t)ncap * sizeof *g);
			if (!g)
				break;
			list = g;
			cap = ncap;
		}
		if (conflict_from_row(st, &list[count])) {
			sync_store_conflict_release(&list[count]);
			break;
		}
		count++;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW) {
		sync_store_conflicts_free(list, count);
		return oom(err);
	}
	if (rc != SQLITE_DONE) {
		sync_store_conflicts_free(list, count);
		return db_error(db, err, "conflicts");
	}
	*out = list;
	*n = count;
	return SX_OK;
}

enum sx_err sync_store_conflict_get(struct sx_db *db, long long id,
				    struct sx_conflict *out,
				    struct sx_error *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " CONFLICT_COLS
				   " FROM sync_conflict WHERE id=?1", err);
	enum sx_err e;
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return err ? err->code : SX_DB;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return sx_error_set(err, SX_NOTFOUND, NULL,
					    "Không có xung đột này",
					    "no conflict %lld", id);
		return db_error(db, err, "conflict");
	}
	e = conflict_from_row(st, out);
	sqlite3_reset(st);
	if (e) {
		sync_store_conflict_release(out);
		return oom(err);
	}
	return SX_OK;
}

enum sx_err sync_store_conflict_resolve(struct sx_db *db, long long id,
					const char *resolution,
					struct sx_error *err)
{
	char now[21];
	sqlite3_stmt *st = db_stmt(db, "UPDATE sync_conflict SET"
				   " resolved_at=?2, resolution=?3"
				   " WHERE id=?1 AND resolved_at IS NULL",
				   err);

	if (!st)
		return err ? err->code : SX_DB;
	sx_now_utc(now);
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, now);
	db_bind_text(st, 3, resolution);
	return step_done(db, st, err);
}

enum sx_err sync_store_conflict_count(struct sx_db *db, long long *n,
				      struct sx_error *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT count(*) FROM sync_conflict"
				   " WHERE resolved_at IS NULL", err);
	int rc;

	*n = 0;
	if (!st)
		return err ? err->code : SX_DB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? SX_OK : db_error(db, err, "conflicts");
}

/* ---- report revisions --------------------------------------------------- */

void sync_store_reports_free(struct sx_report_queued *r, int n)
{
	if (!r)
		return;
	for (int i = 0; i < n; i++)
		free(r[i].json);
	free(r);
}

enum sx_err sync_store_reports_queued(struct sx_db *db,
				      struct sx_report_queued **out, int *n,
				      struct sx_error *err)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT r.id, r.period, r.revision, p.revision, r.sha256,"
		" r.json FROM report_revision r"
		" LEFT JOIN report_revision p ON p.id = r.replaces"
		" WHERE r.status='queued' ORDER BY r.queued_at, r.id", err);
	struct sx_report_queued *list = NULL;
	int count = 0, cap = 0, rc;
	const unsigned char *t;

	*out = NULL;
	*n = 0;
	if (!st)
		return err ? err->code : SX_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct sx_report_queued *q;
		if (count == cap) {
			int ncap = cap ? cap * 2 : 8;
			struct sx_report_queued *g = realloc(list,
						(size_t)ncap * sizeof *g);
			if (!g)
				break;
			list = g;
			cap = ncap;
		}
		q = &list[count];
		memset(q, 0, sizeof *q);
		q->id = sqlite3_column_int64(st, 0);
		t = sqlite3_column_text(st, 1);
		snprintf(q->period, sizeof q->period, "%s",
			 t ? (const char *)t : "");
		q->revision = sqlite3_column_int(st, 2);
		q->replaces = sqlite3_column_int(st, 3);
		t = sqlite3_column_text(st, 4);
		snprintf(q->sha256, sizeof q->sha256, "%s",
			 t ? (const char *)t : "");
		if (!(q->json = db_column_dup(st, 5)))
			break;
		count++;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW) {
		sync_store_reports_free(list, count);
		return oom(err);
	}
	if (rc != SQLITE_DONE) {
		sync_store_reports_free(list, count);
		return db_error(db, err, "queued reports");
	}
	*out = list;
	*n = count;
	return SX_OK;
}

enum sx_err sync_store_report_refused(struct sx_db *db, long long id,
				      const char *message,
				      struct sx_error *err)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE report_revision SET"
				   " status_reason=?2 WHERE id=?1", err);

	if (!st)
		return err ? err->code : SX_DB;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, message);
	return step_done(db, st, err);
}

/* ---- reference data ----------------------------------------------------- */

enum sx_err sync_store_targets(struct sx_db *db, const char *district_code,
			       int has_t2, long long t2, int has_t3,
			       long long t3, struct sx_error *err)
{
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO district_target(district_code, t2_share,"
		" t3_share, source) VALUES(?1, ?2, ?3, 'server')"
		" ON CONFLICT(district_code) DO UPDATE SET t2_share=?2,"
		" t3_share=?3, source='server'", err);

	if (!st)
		return err ? err->code : SX_DB;
	db_bind_text(st, 1, district_code);
	if (has_t2)
		sqlite3_bind_int64(st, 2, t2);
	if (has_t3)
		sqlite3_bind_int64(st, 3, t3);
	return step_done(db, st, err);
}

/* ---- the sync log -------------------------------------------------------- */

enum sx_err sync_store_log(struct sx_db *db, const char *level,
			   const char *message, struct sx_error *err)
{
	char now[21];
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO sync_log(at, level,"
				   " message) VALUES(?1, ?2, ?3)", err);
	enum sx_err e;

	if (!st)
		return err ? err->code : SX_DB;
	sx_now_utc(now);
	db_bind_text(st, 1, now);
	db_bind_text(st, 2, level);
	db_bind_text(st, 3, message);
	if ((e = step_done(db, st, err)))
		return e;
	st = db_stmt(db, "DELETE FROM sync_log WHERE id <="
		     " (SELECT max(id) FROM sync_log) - 1000", err);
	if (!st)
		return err ? err->code : SX_DB;
	return step_done(db, st, err);
}

enum sx_err sync_store_log_each(struct sx_db *db, int max,
				void (*fn)(const char *at, const char *level,
					   const char *message, void *arg),
				void *arg, struct sx_error *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT at, level, message FROM"
				   " (SELECT * FROM sync_log ORDER BY id DESC"
				   " LIMIT ?1) ORDER BY id", err);
	int rc;

	if (!st)
		return err ? err->code : SX_DB;
	sqlite3_bind_int(st, 1, max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn((const char *)sqlite3_column_text(st, 0),
		   (const char *)sqlite3_column_text(st, 1),
		   (const char *)sqlite3_column_text(st, 2), arg);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SX_OK : db_error(db, err, "sync log");
}

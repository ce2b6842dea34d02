/* outbox.c — the change log drained by sync (see outbox.h for the rules).
 *
 * One row per record with unsent changes.  A fresh change_id per edit
 * means a change the server already applied is never mistaken for a later
 * edit of the same record; the edit count lets an acknowledgement that
 * raced with a new edit keep the entry for that edit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db_internal.h"
#include "sxsh/outbox.h"

enum sx_err outbox_touch(struct sx_db *db, enum sx_kind kind,
			 const char *uuid, struct sx_error *err)
{
	char change_id[SX_UUID_LEN + 1];
	char now[21];
	sqlite3_stmt *st;
	enum sx_err e = uuid_new(change_id, err);

	if (e != SX_OK)
		return e;
	sx_now_utc(now);
	st = db_stmt(db, "INSERT INTO change_log(kind, record_uuid, change_id,"
			 " edits, created_at, updated_at)"
			 " VALUES(?1, ?2, ?3, 1, ?4, ?4)"
			 " ON CONFLICT(record_uuid) DO UPDATE SET"
			 " change_id=excluded.change_id, edits=edits+1,"
			 " updated_at=excluded.updated_at, rejected=0", err);
	if (!st)
		return SX_DB;
	db_bind_text(st, 1, record_kind(kind)->singular);
	db_bind_text(st, 2, uuid);
	db_bind_text(st, 3, change_id);
	db_bind_text(st, 4, now);
	return db_exec_stmt(db, st, err);
}

static void entry_from_row(sqlite3_stmt *st, struct sx_outbox_entry *e)
{
	const struct sx_kind_def *def;

	memset(e, 0, sizeof *e);
	e->seq = sqlite3_column_int64(st, 0);
	def = record_kind_by_name((const char *)sqlite3_column_text(st, 1));
	e->kind = def ? def->kind : SXK_COUNT;
	snprintf(e->record_uuid, sizeof e->record_uuid, "%s",
		 sqlite3_column_text(st, 2));
	snprintf(e->change_id, sizeof e->change_id, "%s",
		 sqlite3_column_text(st, 3));
	e->edits = sqlite3_column_int64(st, 4);
	e->attempts = sqlite3_column_int64(st, 5);
	e->last_status = sqlite3_column_int(st, 6);
	if (sqlite3_column_text(st, 7))
		snprintf(e->last_error, sizeof e->last_error, "%s",
			 sqlite3_column_text(st, 7));
	e->rejected = sqlite3_column_int(st, 8);
	snprintf(e->created_at, sizeof e->created_at, "%s",
		 sqlite3_column_text(st, 9));
}

#define ENTRY_COLUMNS \
	"seq, kind, record_uuid, change_id, edits, attempts, last_status," \
	" last_error, rejected, created_at"

static enum sx_err collect(struct sx_db *db, sqlite3_stmt *st, int max,
			   struct sx_outbox_entry **out, int *n,
			   struct sx_error *err)
{
	struct sx_outbox_entry *items = NULL;
	int count = 0, cap = 0, rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	       (max <= 0 || count < max)) {
		if (count == cap) {
			cap = cap ? cap * 2 : 64;
			struct sx_outbox_entry *g =
				realloc(items, (size_t)cap * sizeof *g);
			if (!g) {
				free(items);
				sqlite3_reset(st);
				return sx_error_set(err, SX_NOMEM, NULL, NULL,
						    "out of memory");
			}
			items = g;
		}
		entry_from_row(st, &items[count++]);
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		free(items);
		enum sx_err e = db_error(db, err, "outbox");
		sqlite3_reset(st);
		return e;
	}
	sqlite3_reset(st);
	*out = items;
	*n = count;
	return SX_OK;
}

enum sx_err outbox_pending(struct sx_db *db, long long after_seq, int max,
			   struct sx_outbox_entry **out, int *n,
			   struct sx_error *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " ENTRY_COLUMNS
				   " FROM change_log WHERE seq>?1 AND"
				   " rejected=0 ORDER BY seq LIMIT ?2", err);
	if (!st)
		return SX_DB;
	sqlite3_bind_int64(st, 1, after_seq);
	sqlite3_bind_int(st, 2, max > 0 ? max : -1);
	return collect(db, st, max, out, n, err);
}

enum sx_err outbox_all(struct sx_db *db, struct sx_outbox_entry **out, int *n,
		       struct sx_error *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " ENTRY_COLUMNS
				   " FROM change_log ORDER BY seq", err);
	if (!st)
		return SX_DB;
	return collect(db, st, 0, out, n, err);
}

enum sx_err outbox_ack(struct sx_db *db, enum sx_kind kind,
		       const char *record_uuid, const char *change_id,
		       long long server_rev, struct sx_error *err)
{
	const struct sx_kind_def *def = record_kind(kind);
	char sql[128];
	sqlite3_stmt *st;
	enum sx_err e;

	if (!def)
		return sx_error_set(err, SX_INVALID, NULL, NULL,
				    "unknown record kind");
	e = sx_db_begin(db, err);
	if (e != SX_OK)
		return e;
	/* The server holds our change as server_rev even when the record was
	 * edited since (its entry then has a newer change_id): that edit
	 * goes out on top of server_rev.  Never lowered: answers may come
	 * twice, or late. */
	snprintf(sql, sizeof sql, "UPDATE %s SET server_rev=?2"
		 " WHERE uuid=?1 AND server_rev<?2", def->table);
	st = db_stmt(db, sql, err);
	if (!st) {
		e = SX_DB;
	} else {
		db_bind_text(st, 1, record_uuid);
		sqlite3_bind_int64(st, 2, server_rev);
		e = db_exec_stmt(db, st, err);
	}
	/* Only the change that was sent leaves; a later edit stays. */
	if (e == SX_OK) {
		st = db_stmt(db, "DELETE FROM change_log WHERE change_id=?1",
			     err);
		if (!st) {
			e = SX_DB;
		} else {
			db_bind_text(st, 1, change_id);
			e = db_exec_stmt(db, st, err);
		}
	}
	if (e != SX_OK) {
		sx_db_rollback(db);
		return e;
	}
	return sx_db_commit(db, err);
}

enum sx_err outbox_fail(struct sx_db *db, const char *change_id, int status,
			const char *message, int rejected,
			struct sx_error *err)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE change_log SET"
				   " attempts=attempts+1, last_status=?2,"
				   " last_error=?3, rejected=?4"
				   " WHERE change_id=?1", err);
	if (!st)
		return SX_DB;
	db_bind_text(st, 1, change_id);
	sqlite3_bind_int(st, 2, status);
	db_bind_text(st, 3, message);
	sqlite3_bind_int(st, 4, rejected ? 1 : 0);
	return db_exec_stmt(db, st, err);
}

enum sx_err outbox_drop(struct sx_db *db, long long seq, struct sx_error *err)
{
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM change_log WHERE seq=?1",
				   err);
	enum sx_err e;

	if (!st)
		return SX_DB;
	sqlite3_bind_int64(st, 1, seq);
	e = db_exec_stmt(db, st, err);
	if (e == SX_OK && sqlite3_changes(db->handle) == 0)
		return sx_error_set(err, SX_NOTFOUND, NULL,
				    "Không có mục này trong hàng đợi",
				    "no outbox entry %lld", seq);
	return e;
}

enum sx_err outbox_size(struct sx_db *db, long long *pending,
			long long *rejected, struct sx_error *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT count(*) - sum(rejected),"
				   " sum(rejected) FROM change_log", err);
	if (!st)
		return SX_DB;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*pending = sqlite3_column_int64(st, 0);
		*rejected = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return SX_OK;
}

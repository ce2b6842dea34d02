/* apply.c — pulled rows and conflict resolutions, applied through core
 * (see apply.h for the order of the rules).  The invariant it keeps: a
 * local record with unsent changes is never overwritten by the server;
 * only the user's "take theirs" does that.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "apply.h"
#include "protocol.h"
#include "sxsh/db.h"
#include "sxsh/outbox.h"
#include "sxsh/settings.h"
#include "sxsh/sync.h"
#include "sxsh/sync_store.h"

void apply_state_release(struct apply_state *st)
{
	for (int i = 0; i < st->nwaiting; i++)
		record_free(st->waiting[i]);
	free(st->waiting);
	memset(st, 0, sizeof *st);
}

static enum sx_err conflict_with_local(struct sx_db *db,
				       const struct sx_record *server_row,
				       const char *local_uuid,
				       struct sx_error *err)
{
	struct sx_record *local = NULL;
	char *server_text = protocol_record_text(server_row);
	char *local_text = NULL;
	char msg[128];
	enum sx_err e;

	if (!server_text)
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	if (record_load(db, server_row->kind, local_uuid, &local, NULL) ==
	    SX_OK)
		local_text = protocol_record_text(local);
	e = sync_store_conflict_add(db, server_row->kind, server_row->uuid,
				    server_row->server_rev, server_text,
				    local_text, NULL, err);
	if (!e) {
		snprintf(msg, sizeof msg, "conflict with server revision %lld",
			 server_row->server_rev);
		e = sync_store_hold(db, server_row->uuid, 409, msg, err);
	}
	record_free(local);
	free(server_text);
	free(local_text);
	return e;
}

enum sx_err apply_push_conflict(struct sx_db *db,
				const struct sx_record *server_row,
				struct sx_error *err)
{
	return conflict_with_local(db, server_row, server_row->uuid, err);
}

/* 1 applied or settled, 0 must wait, or an error. */
static enum sx_err apply_row(struct sx_db *db, struct apply_state *st,
			     const struct sx_record *row, int *settled,
			     struct sx_error *err)
{
	long long local_rev;
	int pending, missing;
	char other[SX_UUID_LEN + 1];
	enum sx_err e;

	*settled = 1;
	e = sync_store_local_state(db, row->kind, row->uuid, &local_rev,
				   &pending, err);
	if (e)
		return e;
	if (local_rev >= row->server_rev) {
		st->skipped++;
		return SX_OK;
	}
	if (pending) {
		st->conflicts++;
		return conflict_with_local(db, row, row->uuid, err);
	}
	missing = sync_store_missing_refs(db, row);
	if (missing < 0)
		return sx_error_set(err, SX_DB, "", NULL,
				    "checking references failed");
	if (missing > 0) {
		*settled = 0;
		return SX_OK;
	}
	e = sync_store_unique_clash(db, row, other, err);
	if (e == SX_CONFLICT) {
		st->conflicts++;
		return conflict_with_local(db, row, other, err);
	}
	if (e)
		return e;
	e = sync_store_apply_remote(db, row, err);
	if (e == SX_DB) {
		/* A row this database cannot hold (a sector or commune code
		 * its reference data lacks, say): the failed statement was
		 * undone alone, so park the row where the user sees it
		 * rather than stop every later sync on it. */
		char msg[400];
		snprintf(msg, sizeof msg, "pulled %s %s not stored: %s",
			 record_kind(row->kind)->singular, row->uuid,
			 err ? err->msg : "storage error");
		sync_store_log(db, "warn", msg, NULL);
		st->conflicts++;
		return conflict_with_local(db, row, row->uuid, err);
	}
	if (!e)
		st->applied++;
	return e;
}

static enum sx_err wait_row(struct apply_state *st,
			    const struct sx_record *row, struct sx_error *err)
{
	struct sx_record *copy;

	/* A newer version of a waiting row replaces it. */
	for (int i = 0; i < st->nwaiting; i++) {
		if (!strcmp(st->waiting[i]->uuid, row->uuid)) {
			if (!(copy = record_dup(row)))
				goto oom;
			record_free(st->waiting[i]);
			st->waiting[i] = copy;
			return SX_OK;
		}
	}
	if (st->nwaiting == st->cap) {
		int cap = st->cap ? st->cap * 2 : 16;
		struct sx_record **g = realloc(st->waiting,
					       (size_t)cap * sizeof *g);
		if (!g)
			goto oom;
		st->waiting = g;
		st->cap = cap;
	}
	if (!(copy = record_dup(row)))
		goto oom;
	st->waiting[st->nwaiting++] = copy;
	return SX_OK;
oom:
	return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
}

/* Retries the waiting rows until a pass settles none. */
static enum sx_err retry_waiting(struct sx_db *db, struct apply_state *st,
				 struct sx_error *err)
{
	int progress = 1;

	while (progress && st->nwaiting) {
		progress = 0;
		for (int i = 0; i < st->nwaiting; i++) {
			int settled;
			enum sx_err e = apply_row(db, st, st->waiting[i],
						  &settled, err);
			if (e)
				return e;
			if (settled) {
				record_free(st->waiting[i]);
				st->waiting[i] = st->waiting[--st->nwaiting];
				i--;
				progress = 1;
			}
		}
	}
	return SX_OK;
}

enum sx_err apply_page(struct sx_db *db, struct apply_state *st,
		       struct sx_record *const *rows, int n, long long next,
		       struct sx_error *err)
{
	long long cursor = next;
	long long applied = st->applied, skipped = st->skipped;
	long long conflicts = st->conflicts;
	char buf[32];
	enum sx_err e;

	if ((e = sx_db_begin(db, err)))
		return e;
	for (int i = 0; i < n && !e; i++) {
		int settled;
		e = apply_row(db, st, rows[i], &settled, err);
		if (!e && !settled)
			e = wait_row(st, rows[i], err);
	}
	if (!e)
		e = retry_waiting(db, st, err);
	for (int i = 0; i < st->nwaiting; i++)
		if (st->waiting[i]->server_rev - 1 < cursor)
			cursor = st->waiting[i]->server_rev - 1;
	snprintf(buf, sizeof buf, "%lld", cursor);
	if (!e)
		e = settings_set(db, "pull_cursor", buf, err);
	if (!e)
		e = sx_db_commit(db, err);
	else
		sx_db_rollback(db);
	if (e) {
		/* Nothing of the page stays: neither do its counts. */
		st->applied = applied;
		st->skipped = skipped;
		st->conflicts = conflicts;
	}
	return e;
}

/* ---- resolution ---------------------------------------------------------- */

static enum sx_err take_theirs(struct sx_db *db, const struct sx_conflict *c,
			       struct sx_error *err)
{
	struct sx_record *row = NULL;
	struct sx_outbox_entry entry;
	char other[SX_UUID_LEN + 1];
	enum sx_err e;

	if ((e = protocol_record_parse(c->server_payload, &row, err)))
		return e;
	if (sync_store_missing_refs(db, row) != 0) {
		record_free(row);
		return sx_error_set(err, SX_INVALID, "",
			"Bản ghi của máy chủ tham chiếu bản ghi chưa có ở "
			"đây; đồng bộ trước rồi thử lại",
			"the server's row refers to a record not here yet; "
			"sync first");
	}
	e = sync_store_unique_clash(db, row, other, err);
	if (e == SX_CONFLICT) {
		record_free(row);
		return sx_error_set(err, SX_INVALID, "",
			"Bản ghi của máy chủ trùng với bản ghi %s ở đây",
			"the server's row clashes with local record %s",
			other);
	}
	if (!e && !(e = sx_db_begin(db, err))) {
		e = sync_store_apply_remote(db, row, err);
		if (!e && sync_store_outbox_entry(db, row->uuid, &entry,
						  NULL) == SX_OK)
			e = outbox_drop(db, entry.seq, err);
		if (!e)
			e = sync_store_conflict_resolve(db, c->id,
							"take_theirs", err);
		if (e)
			sx_db_rollback(db);
		else
			e = sx_db_commit(db, err);
	}
	record_free(row);
	return e;
}

static enum sx_err keep_mine(struct sx_db *db, const struct sx_conflict *c,
			     struct sx_error *err)
{
	long long local_rev;
	int pending;
	enum sx_err e;

	if ((e = sync_store_local_state(db, c->kind, c->record_uuid,
					&local_rev, &pending, err)))
		return e;
	if ((e = sx_db_begin(db, err)))
		return e;
	/* A record that exists only on the server (a clash of unique
	 * values): keeping mine just leaves the server's row out. */
	if (local_rev >= 0)
		e = sync_store_rebase(db, c->kind, c->record_uuid,
				      c->server_rev, err);
	if (!e)
		e = sync_store_conflict_resolve(db, c->id, "keep_mine", err);
	if (e) {
		sx_db_rollback(db);
		return e;
	}
	return sx_db_commit(db, err);
}

enum sx_err sync_resolve(struct sx_db *db, long long conflict_id,
			 enum sync_resolution how, struct sx_error *err)
{
	struct sx_conflict c;
	enum sx_err e = sync_store_conflict_get(db, conflict_id, &c, err);

	if (e)
		return e;
	if (c.resolved_at[0]) {
		sync_store_conflict_release(&c);
		return sx_error_set(err, SX_NOTFOUND, "",
				    "Xung đột này đã được giải quyết",
				    "conflict %lld is already resolved",
				    conflict_id);
	}
	e = how == SYNC_TAKE_THEIRS ? take_theirs(db, &c, err)
				    : keep_mine(db, &c, err);
	sync_store_conflict_release(&c);
	return e;
}

enum sx_err sync_payload_record(const char *payload, struct sx_record **out,
				struct sx_error *err)
{
	return protocol_record_parse(payload, out, err);
}

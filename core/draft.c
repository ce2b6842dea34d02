/* draft.c — form drafts of the terminal UI (see draft.h).  The typed
 * values are stored as one JSON object {field: text} so that a draft of
 * any kind fits one table and a field added to a kind needs nothing here.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "db_internal.h"
#include "sxsh/draft.h"

static char *values_json(const struct sx_record *rec)
{
	const struct sx_kind_def *def = record_kind(rec->kind);
	json_t *obj = json_object();
	char *out = NULL;

	if (!obj || !def)
		goto done;
	for (int i = 0; i < def->nfields; i++) {
		const char *v = rec->values[i];
		if (!v)
			continue;
		if (json_object_set_new(obj, def->fields[i].name,
					json_string(v)))
			goto done;
	}
	out = json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS);
done:
	json_decref(obj);
	return out;
}

enum sx_err draft_save(struct sx_db *db, long long *id,
		       const struct sx_record *rec, struct sx_error *err)
{
	const struct sx_kind_def *def = record_kind(rec->kind);
	sqlite3_stmt *st;
	char now[21];
	char *json;
	enum sx_err rc;

	if (!def)
		return sx_error_set(err, SX_INVALID, "", NULL,
				    "draft of an unknown kind");
	json = values_json(rec);
	if (!json)
		return sx_error_set(err, SX_NOMEM, "", NULL,
				    "draft: out of memory");
	sx_now_utc(now);
	if (*id == 0)
		st = db_stmt(db, "INSERT INTO form_draft(kind, record_uuid,"
			     " fields_json, updated_at)"
			     " VALUES(?1, ?2, ?3, ?4)", err);
	else
		st = db_stmt(db, "UPDATE form_draft SET kind = ?1,"
			     " record_uuid = ?2, fields_json = ?3,"
			     " updated_at = ?4 WHERE id = ?5", err);
	if (!st) {
		free(json);
		return err ? err->code : SX_DB;
	}
	db_bind_text(st, 1, def->singular);
	db_bind_text(st, 2, rec->uuid[0] ? rec->uuid : NULL);
	db_bind_text(st, 3, json);
	db_bind_text(st, 4, now);
	if (*id)
		sqlite3_bind_int64(st, 5, *id);
	rc = db_exec_stmt(db, st, err);
	free(json);
	if (rc == SX_OK && *id == 0)
		*id = sqlite3_last_insert_rowid(db->handle);
	return rc;
}

static enum sx_err fill_values(struct sx_record *rec, const char *json,
			       struct sx_error *err)
{
	json_error_t jerr;
	json_t *obj = json_loads(json, 0, &jerr), *val;
	const char *key;
	enum sx_err rc = SX_OK;

	if (!obj || !json_is_object(obj)) {
		json_decref(obj);
		return sx_error_set(err, SX_DB, "", NULL,
				    "draft: stored fields are not a JSON "
				    "object");
	}
	json_object_foreach(obj, key, val) {
		if (!json_is_string(val))
			continue;
		/* A field since removed from the kind is dropped. */
		if (record_set(rec, key, json_string_value(val)) == SX_NOMEM) {
			rc = sx_error_set(err, SX_NOMEM, "", NULL,
					  "draft: out of memory");
			break;
		}
	}
	json_decref(obj);
	return rc;
}

enum sx_err draft_latest(struct sx_db *db, long long *id,
			 struct sx_record **out, struct sx_error *err)
{
	const struct sx_kind_def *def;
	struct sx_record *rec;
	sqlite3_stmt *st;
	const char *uuid;
	enum sx_err rc;
	int step;

	*out = NULL;
	st = db_stmt(db, "SELECT id, kind, record_uuid, fields_json"
		     " FROM form_draft ORDER BY updated_at DESC, id DESC"
		     " LIMIT 1", err);
	if (!st)
		return err ? err->code : SX_DB;
	step = sqlite3_step(st);
	if (step == SQLITE_DONE) {
		sqlite3_reset(st);
		return sx_error_set(err, SX_NOTFOUND, "", NULL,
				    "no form draft");
	}
	if (step != SQLITE_ROW) {
		rc = db_error(db, err, "reading the form draft");
		sqlite3_reset(st);
		return rc;
	}
	def = record_kind_by_name((const char *)sqlite3_column_text(st, 1));
	if (!def) {
		sqlite3_reset(st);
		return sx_error_set(err, SX_DB, "", NULL,
				    "draft of an unknown kind");
	}
	rec = record_new(def->kind);
	if (!rec) {
		sqlite3_reset(st);
		return sx_error_set(err, SX_NOMEM, "", NULL,
				    "draft: out of memory");
	}
	*id = sqlite3_column_int64(st, 0);
	uuid = (const char *)sqlite3_column_text(st, 2);
	if (uuid && strlen(uuid) == SX_UUID_LEN)
		memcpy(rec->uuid, uuid, SX_UUID_LEN + 1);
	rc = fill_values(rec, (const char *)sqlite3_column_text(st, 3), err);
	sqlite3_reset(st);
	if (rc != SX_OK) {
		record_free(rec);
		return rc;
	}
	*out = rec;
	return SX_OK;
}

enum sx_err draft_discard(struct sx_db *db, long long id,
			  struct sx_error *err)
{
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM form_draft WHERE id = ?1",
				   err);
	if (!st)
		return err ? err->code : SX_DB;
	sqlite3_bind_int64(st, 1, id);
	return db_exec_stmt(db, st, err);
}

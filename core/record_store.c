/* record_store.c — records in SQLite: write, save (validate + write + log
 * in one transaction), load, delete (tombstone), and counts.
 *
 * SQL text here is assembled from the kind table's column names, which are
 * constants of the program; values are always bound, never spliced.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "record_internal.h"
#include "sxsh/outbox.h"
#include "sxsh/text.h"

#define SQL_MAX 4096

static void columns_into(enum sx_kind kind, char *out, size_t n)
{
	const struct sx_kind_def *def = record_kind(kind);
	size_t len = (size_t)snprintf(out, n,
				      "uuid, server_rev, updated_at, deleted");
	for (int i = 0; i < def->nfields && len < n; i++)
		len += (size_t)snprintf(out + len, n - len, ", %s",
					def->fields[i].name);
}

const char *record_sql_columns(enum sx_kind kind)
{
	static char cols[SXK_COUNT][1024];
	/* Filled on first use; the content is a pure function of kind, so a
	 * racing second writer writes the same bytes. */
	if (!cols[kind][0])
		columns_into(kind, cols[kind], sizeof cols[kind]);
	return cols[kind];
}

char *record_value_from_column(sqlite3_stmt *st, int col,
			       enum sx_field_type type)
{
	char buf[64];

	switch (sqlite3_column_type(st, col)) {
	case SQLITE_NULL:
		return NULL;
	case SQLITE_INTEGER:
		snprintf(buf, sizeof buf, "%lld",
			 sqlite3_column_int64(st, col));
		return strdup(buf);
	case SQLITE_FLOAT: {
		double v = sqlite3_column_double(st, col);
		char *p;
		if (type != SXF_DECIMAL) {
			snprintf(buf, sizeof buf, "%.0f", v);
			return strdup(buf);
		}
		snprintf(buf, sizeof buf, "%.6f", v);
		p = buf + strlen(buf) - 1;
		while (p > buf && *p == '0')
			*p-- = '\0';
		if (*p == '.')
			*p = '\0';
		return strdup(buf);
	}
	default:
		return db_column_dup(st, col);
	}
}

enum sx_err record_from_row(sqlite3_stmt *st, int first,
			    struct sx_record *rec)
{
	const struct sx_kind_def *def = record_kind(rec->kind);
	const unsigned char *t;

	t = sqlite3_column_text(st, first);
	snprintf(rec->uuid, sizeof rec->uuid, "%s", t ? (const char *)t : "");
	rec->server_rev = sqlite3_column_int64(st, first + 1);
	t = sqlite3_column_text(st, first + 2);
	snprintf(rec->updated_at, sizeof rec->updated_at, "%s",
		 t ? (const char *)t : "");
	rec->deleted = sqlite3_column_int(st, first + 3);
	for (int i = 0; i < def->nfields; i++) {
		int col = first + 4 + i;
		free(rec->values[i]);
		rec->values[i] = NULL;
		if (sqlite3_column_type(st, col) == SQLITE_NULL)
			continue;
		rec->values[i] = record_value_from_column(st, col,
							  def->fields[i].type);
		if (!rec->values[i])
			return SX_NOMEM;
	}
	return SX_OK;
}

/* The folded search text: every searchable field, space-separated. */
static char *search_text(const struct sx_record *rec)
{
	const struct sx_kind_def *def = record_kind(rec->kind);
	size_t len = 0;
	char *joined, *folded;

	for (int i = 0; i < def->nfields; i++)
		if (def->fields[i].searchable && rec->values[i])
			len += strlen(rec->values[i]) + 1;
	joined = malloc(len + 1);
	if (!joined)
		return NULL;
	joined[0] = '\0';
	len = 0;
	for (int i = 0; i < def->nfields; i++) {
		if (!def->fields[i].searchable || !rec->values[i])
			continue;
		size_t n = strlen(rec->values[i]);
		memcpy(joined + len, rec->values[i], n);
		len += n;
		joined[len++] = ' ';
		joined[len] = '\0';
	}
	folded = text_fold(joined);
	free(joined);
	return folded;
}

static int bind_value(sqlite3_stmt *st, int idx, const struct sx_field *f,
		      const char *v)
{
	if (!v)
		return sqlite3_bind_null(st, idx);
	switch (f->type) {
	case SXF_INT:
	case SXF_YEAR:
	case SXF_MONEY:
	case SXF_BOOL:
		return sqlite3_bind_int64(st, idx, strtoll(v, NULL, 10));
	case SXF_DECIMAL:
		return sqlite3_bind_double(st, idx, strtod(v, NULL));
	default:
		return db_bind_text(st, idx, v);
	}
}

/* The upsert of a kind, built once: an import writes 100,000 rows, and
 * formatting the same text for each was a few per cent of its time. */
static const char *write_sql(enum sx_kind kind)
{
	static char cache[SXK_COUNT][SQL_MAX];
	const struct sx_kind_def *def = record_kind(kind);
	char *sql = cache[kind];
	size_t len;

	/* Same bytes whoever builds it first (see record_sql_columns). */
	if (sql[0])
		return sql;
	len = (size_t)snprintf(sql, SQL_MAX,
			       "INSERT INTO %s(%s, search_fold, sort_key)"
			       " VALUES(?1, ?2, ?3, ?4", def->table,
			       record_sql_columns(kind));
	for (int i = 0; i < def->nfields; i++)
		len += (size_t)snprintf(sql + len, SQL_MAX - len, ", ?%d",
					i + 5);
	len += (size_t)snprintf(sql + len, SQL_MAX - len,
				", ?%d, ?%d) ON CONFLICT(uuid) DO UPDATE SET"
				" server_rev=excluded.server_rev,"
				" updated_at=excluded.updated_at,"
				" deleted=excluded.deleted,"
				" search_fold=excluded.search_fold,"
				" sort_key=excluded.sort_key",
				def->nfields + 5, def->nfields + 6);
	for (int i = 0; i < def->nfields; i++)
		len += (size_t)snprintf(sql + len, SQL_MAX - len,
					", %s=excluded.%s",
					def->fields[i].name,
					def->fields[i].name);
	return sql;
}

enum sx_err record_write(struct sx_db *db, const struct sx_record *rec,
			 int log_change, struct sx_error *err)
{
	const struct sx_kind_def *def = record_kind(rec->kind);
	const char *title = record_get(rec, def->title_field);
	int title_idx = record_field_index(def, def->title_field);
	const char *sql = write_sql(rec->kind);
	sqlite3_stmt *st;
	char *fold = NULL, *sort = NULL;
	enum sx_err e;

	st = db_stmt(db, sql, err);
	if (!st)
		return err ? err->code : SX_DB;
	fold = rec->deleted ? strdup("") : search_text(rec);
	/* Only text titles sort by name; link records sort by time. */
	if (title && def->fields[title_idx].type == SXF_TEXT)
		sort = text_sort_key(title);
	else
		sort = strdup(rec->updated_at);
	if (!fold || !sort) {
		free(fold);
		free(sort);
		return sx_error_set(err, SX_NOMEM, NULL, "Hết bộ nhớ",
				    "out of memory");
	}
	db_bind_text(st, 1, rec->uuid);
	sqlite3_bind_int64(st, 2, rec->server_rev);
	db_bind_text(st, 3, rec->updated_at);
	sqlite3_bind_int(st, 4, rec->deleted ? 1 : 0);
	for (int i = 0; i < def->nfields; i++)
		bind_value(st, i + 5, &def->fields[i], rec->values[i]);
	db_bind_text(st, def->nfields + 5, fold);
	db_bind_text(st, def->nfields + 6, sort);
	e = db_exec_stmt(db, st, err);
	free(fold);
	free(sort);
	if (e == SX_OK && log_change)
		e = outbox_touch(db, rec->kind, rec->uuid, err);
	return e;
}

enum sx_err record_load(struct sx_db *db, enum sx_kind kind,
			const char *uuid, struct sx_record **out,
			struct sx_error *err)
{
	const struct sx_kind_def *def = record_kind(kind);
	char sql[SQL_MAX];
	sqlite3_stmt *st;
	struct sx_record *rec;
	enum sx_err e;
	int rc;

	if (!def)
		return sx_error_set(err, SX_INVALID, NULL, NULL,
				    "unknown record kind");
	snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE uuid=?1",
		 record_sql_columns(kind), def->table);
	st = db_stmt(db, sql, err);
	if (!st)
		return err ? err->code : SX_DB;
	db_bind_text(st, 1, uuid);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return sx_error_set(err, SX_NOTFOUND, NULL,
					    "Không tìm thấy bản ghi",
					    "no %s %s", def->singular, uuid);
		return db_error(db, err, "load");
	}
	rec = record_new(kind);
	if (!rec) {
		sqlite3_reset(st);
		return sx_error_set(err, SX_NOMEM, NULL, "Hết bộ nhớ",
				    "out of memory");
	}
	e = record_from_row(st, 0, rec);
	sqlite3_reset(st);
	if (e != SX_OK) {
		record_free(rec);
		return sx_error_set(err, e, NULL, "Hết bộ nhớ",
				    "out of memory");
	}
	*out = rec;
	return SX_OK;
}

enum sx_err record_save(struct sx_db *db, struct sx_record *rec,
			struct sx_problems *problems, struct sx_error *err)
{
	int is_new = rec->uuid[0] == '\0';
	/* Inside a caller's transaction (an import) no savepoint is opened:
	 * validation writes nothing, and FTS5 flushes its pending terms at
	 * every savepoint, which was a third of the cost of a bulk insert.
	 * A failed write then fails the caller's whole transaction. */
	int outer = db->tx_depth > 0;
	enum sx_err e = SX_OK;

	if (rec->deleted)
		return sx_error_set(err, SX_INVALID, NULL,
				    "Bản ghi đã bị xoá",
				    "a deleted record cannot be saved");
	if (!outer)
		e = sx_db_begin(db, err);
	if (e != SX_OK)
		return e;
	if (is_new)
		e = uuid_new(rec->uuid, err);
	if (e == SX_OK)
		e = record_validate(db, rec, problems, err);
	if (e == SX_OK) {
		sx_now_utc(rec->updated_at);
		e = record_write(db, rec, 1, err);
		if (e != SX_OK && outer)
			db->tx_failed = 1;
	}
	if (!outer) {
		if (e == SX_OK)
			e = sx_db_commit(db, err);
		else
			sx_db_rollback(db);
	}
	if (e != SX_OK && is_new)
		rec->uuid[0] = '\0';
	return e;
}

/* Records that must go with their target: links of an event, a facility
 * or a person. */
struct cascade {
	enum sx_kind target;
	enum sx_kind link;
	const char *sql;
	const char *undo_sql;   /* the links the delete took (same time) */
};

#define CASCADE(target, link, table, column) \
	{target, link, \
	 "SELECT uuid FROM " table " WHERE " column "=?1 AND deleted=0", \
	 "SELECT uuid FROM " table " WHERE " column "=?1 AND deleted=1" \
	 " AND updated_at=?2"}

static const struct cascade cascades[] = {
	CASCADE(SXK_EVENT, SXK_EVENT_FACILITY, "event_facility", "event_id"),
	CASCADE(SXK_EVENT, SXK_EVENT_PERSON, "event_person", "event_id"),
	CASCADE(SXK_FACILITY, SXK_EVENT_FACILITY, "event_facility",
		"facility_id"),
	CASCADE(SXK_PERSON, SXK_EVENT_PERSON, "event_person", "person_id"),
};

/* Records that keep their target alive: the user deletes them first. */
struct blocker {
	enum sx_kind target;
	const char *sql;
	const char *vi, *en;
};

static const struct blocker blockers[] = {
	{SXK_FACILITY,
	 "SELECT count(*) FROM assessment WHERE facility_id=?1 AND deleted=0",
	 "Cơ sở còn có đánh giá SXSH", "the facility still has assessments"},
	{SXK_FACILITY,
	 "SELECT count(*) FROM consumption WHERE facility_id=?1 AND deleted=0",
	 "Cơ sở còn có số liệu tiêu thụ",
	 "the facility still has consumption data"},
	{SXK_ASSESSMENT,
	 "SELECT count(*) FROM solution WHERE assessment_id=?1 AND deleted=0",
	 "Đánh giá còn có giải pháp", "the assessment still has solutions"},
};

/* Sets the record's deleted flag to `deleted` and logs the change; when
 * at is not NULL every record written gets that time, so that an undo
 * can find the links one delete took. */
static enum sx_err set_deleted(struct sx_db *db, enum sx_kind kind,
			       const char *uuid, int deleted, const char *at,
			       struct sx_error *err)
{
	struct sx_record *rec = NULL;
	enum sx_err e = record_load(db, kind, uuid, &rec, err);

	if (e != SX_OK)
		return e;
	if (rec->deleted != deleted) {
		rec->deleted = deleted;
		if (at)
			snprintf(rec->updated_at, sizeof rec->updated_at,
				 "%s", at);
		else
			sx_now_utc(rec->updated_at);
		e = record_write(db, rec, 1, err);
	}
	record_free(rec);
	return e;
}

static enum sx_err tombstone(struct sx_db *db, enum sx_kind kind,
			     const char *uuid, const char *at,
			     struct sx_error *err)
{
	return set_deleted(db, kind, uuid, 1, at, err);
}

/* The uuids sql (?1 uuid, ?2 optional) returns; *out malloc'd. */
static enum sx_err select_uuids(struct sx_db *db, const char *sql,
				const char *uuid, const char *second,
				char (**out)[SX_UUID_LEN + 1], int *n,
				struct sx_error *err)
{
	sqlite3_stmt *st = db_stmt(db, sql, err);
	char (*links)[SX_UUID_LEN + 1] = NULL;
	enum sx_err e = SX_OK;
	int cap = 0;

	*out = NULL;
	*n = 0;
	if (!st)
		return SX_DB;
	db_bind_text(st, 1, uuid);
	if (second)
		db_bind_text(st, 2, second);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap) {
			void *g;
			cap = cap ? cap * 2 : 16;
			g = realloc(links, (size_t)cap * sizeof *links);
			if (!g) {
				e = sx_error_set(err, SX_NOMEM, "", NULL,
						 "out of memory");
				break;
			}
			links = g;
		}
		snprintf(links[(*n)++], SX_UUID_LEN + 1, "%s",
			 sqlite3_column_text(st, 0));
	}
	sqlite3_reset(st);
	*out = links;
	return e;
}

enum sx_err record_undelete(struct sx_db *db, enum sx_kind kind,
			    const char *uuid, struct sx_error *err)
{
	struct sx_record *rec = NULL;
	char at[21];
	enum sx_err e = sx_db_begin(db, err);

	if (e != SX_OK)
		return e;
	e = record_load(db, kind, uuid, &rec, err);
	if (e == SX_OK) {
		snprintf(at, sizeof at, "%s", rec->updated_at);
		if (!rec->deleted)
			at[0] = 0;   /* nothing to undo */
		record_free(rec);
	}
	for (size_t i = 0; e == SX_OK && at[0] &&
			   i < sizeof cascades / sizeof cascades[0]; i++) {
		char (*links)[SX_UUID_LEN + 1] = NULL;
		int n = 0;
		if (cascades[i].target != kind)
			continue;
		e = select_uuids(db, cascades[i].undo_sql, uuid, at, &links,
				 &n, err);
		for (int j = 0; e == SX_OK && j < n; j++)
			e = set_deleted(db, cascades[i].link, links[j], 0,
					NULL, err);
		free(links);
	}
	if (e == SX_OK && at[0])
		e = set_deleted(db, kind, uuid, 0, NULL, err);
	if (e == SX_OK)
		return sx_db_commit(db, err);
	sx_db_rollback(db);
	return e;
}

enum sx_err record_delete(struct sx_db *db, enum sx_kind kind,
			  const char *uuid, struct sx_problems *problems,
			  struct sx_error *err)
{
	enum sx_err e;
	int blocked = 0;
	char at[21];

	e = sx_db_begin(db, err);
	if (e != SX_OK)
		return e;
	for (size_t i = 0; e == SX_OK &&
			   i < sizeof blockers / sizeof blockers[0]; i++) {
		sqlite3_stmt *st;
		if (blockers[i].target != kind)
			continue;
		st = db_stmt(db, blockers[i].sql, err);
		if (!st) {
			e = SX_DB;
			break;
		}
		db_bind_text(st, 1, uuid);
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_int(st, 0) > 0) {
			problems_add(problems, "", blockers[i].vi,
				     blockers[i].en);
			if (!blocked)
				sx_error_set(err, SX_INVALID, NULL,
					     blockers[i].vi, "%s",
					     blockers[i].en);
			blocked = 1;
		}
		sqlite3_reset(st);
	}
	if (e == SX_OK && blocked)
		e = SX_INVALID;
	sx_now_utc(at);
	for (size_t i = 0; e == SX_OK &&
			   i < sizeof cascades / sizeof cascades[0]; i++) {
		char (*links)[SX_UUID_LEN + 1] = NULL;
		int n = 0;
		if (cascades[i].target != kind)
			continue;
		e = select_uuids(db, cascades[i].sql, uuid, NULL, &links, &n,
				 err);
		for (int j = 0; e == SX_OK && j < n; j++)
			e = tombstone(db, cascades[i].link, links[j], at, err);
		free(links);
	}
	if (e == SX_OK)
		e = tombstone(db, kind, uuid, at, err);
	if (e == SX_OK)
		return sx_db_commit(db, err);
	sx_db_rollback(db);
	return e;
}

enum sx_err record_count_all(struct sx_db *db, long long counts[SXK_COUNT],
			     struct sx_error *err)
{
	for (int k = 0; k < SXK_COUNT; k++) {
		char sql[256];
		sqlite3_stmt *st;
		snprintf(sql, sizeof sql,
			 "SELECT count(*) FROM %s WHERE deleted=0",
			 record_kind((enum sx_kind)k)->table);
		st = db_stmt(db, sql, err);
		if (!st)
			return SX_DB;
		counts[k] = sqlite3_step(st) == SQLITE_ROW
				    ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
	}
	return SX_OK;
}

/* record_list.c — pages of records for lists and search, by keyset (never
 * OFFSET, whose cost grows with the page number).
 *
 * Without search text a page is ordered by the sort column and the cursor
 * is "<sort value>\x1f<uuid>".  With search text, matches come from the
 * FTS5 index on folded text (facilities, people, events) in rowid order and
 * the cursor is the last rowid: ordering the hits by name would mean
 * reading all of them on every keystroke.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "record_internal.h"
#include "sxsh/text.h"

#define SQL_MAX 4096
#define CURSOR_SEP '\x1f'

static int has_field(const struct sx_kind_def *def, const char *name)
{
	return record_field_index(def, name) >= 0;
}

static int has_fts(enum sx_kind kind)
{
	return kind == SXK_FACILITY || kind == SXK_PERSON || kind == SXK_EVENT;
}

/* The column a "by date" sort uses for each kind. */
static const char *date_column(enum sx_kind kind)
{
	switch (kind) {
	case SXK_EVENT:
		return "coalesce(t.held_on, '')";
	case SXK_ASSESSMENT:
		return "coalesce(t.completed_on, t.started_on, '')";
	case SXK_SOLUTION:
		return "coalesce(t.implemented_on, '')";
	case SXK_PERSON:
		return "coalesce(t.trained_on, '')";
	case SXK_CONSUMPTION:
		return "printf('%04d', t.year)";
	default:
		return "t.updated_at";
	}
}

static const char *sort_column(const struct sx_list_query *q)
{
	switch (q->sort) {
	case SXS_DATE:
		return date_column(q->kind);
	case SXS_TAXCODE:
		return q->kind == SXK_FACILITY ? "coalesce(t.tax_code, '')"
					       : "t.sort_key";
	case SXS_UPDATED:
		return "t.updated_at";
	case SXS_NAME:
	default:
		/* An event's links are named by what they link to: by
		 * name means by that record's name, as the list says. */
		if (q->kind == SXK_EVENT_PERSON)
			return "coalesce((SELECT x.sort_key FROM person x"
			       " WHERE x.uuid = t.person_id), '')";
		if (q->kind == SXK_EVENT_FACILITY)
			return "coalesce((SELECT x.sort_key FROM facility x"
			       " WHERE x.uuid = t.facility_id), '')";
		return "t.sort_key";
	}
}

/* FTS5 query: every folded word as a quoted prefix, all required.  Folded
 * words hold only letters and digits, so quoting makes them literal.
 * Returns NULL when the text has no words. */
static char *fts_query(const char *text)
{
	char *fold = text_fold(text);
	char *out, *w;
	size_t len = 0;
	char *save = NULL;

	if (!fold)
		return NULL;
	out = malloc(strlen(fold) * 2 + 16);
	if (!out) {
		free(fold);
		return NULL;
	}
	out[0] = '\0';
	for (w = strtok_r(fold, " ", &save); w; w = strtok_r(NULL, " ", &save))
		len += (size_t)sprintf(out + len, "%s\"%s\"*", len ? " " : "",
				       w);
	free(fold);
	if (!len) {
		free(out);
		return NULL;
	}
	return out;
}

/* LIKE pattern for kinds without an FTS index: words in order. */
static char *like_pattern(const char *text)
{
	char *fold = text_fold(text);
	char *out;
	size_t n, j = 0;

	if (!fold)
		return NULL;
	n = strlen(fold);
	out = malloc(n + 3);
	if (!out) {
		free(fold);
		return NULL;
	}
	out[j++] = '%';
	for (size_t i = 0; i < n; i++)
		out[j++] = fold[i] == ' ' ? '%' : fold[i];
	out[j++] = '%';
	out[j] = '\0';
	free(fold);
	return out;
}

struct built {
	char sql[SQL_MAX];
	size_t len;
	/* bound later, in this order of ?N */
	const char *binds[8];
	int nbinds;
	long long after_rowid;
	int use_rowid_cursor;
};

static void add_sql(struct built *b, const char *fmt, const char *a)
{
	b->len += (size_t)snprintf(b->sql + b->len, sizeof b->sql - b->len,
				   fmt, a);
}

static void add_bind(struct built *b, const char *fmt, const char *value)
{
	char num[16];
	b->binds[b->nbinds++] = value;
	snprintf(num, sizeof num, "%d", b->nbinds);
	add_sql(b, fmt, num);
}

/* With search text on an indexed kind the FTS table leads the join. */
static void from_clause(struct built *b, const struct sx_kind_def *def,
			int searching)
{
	char frag[160];

	if (searching)
		snprintf(frag, sizeof frag,
			 "%s_fts JOIN %s AS t ON t.rowid = %s_fts.rowid",
			 def->table, def->table, def->table);
	else
		snprintf(frag, sizeof frag, "%s AS t", def->table);
	add_sql(b, "%s", frag);
}

/* The conditions of the work lists (enum sx_gap), on the kind they list;
 * the same live-record rules as indicators.c's counts. */
static const struct {
	enum sx_kind kind;
	const char *sql;
} gaps[] = {
	[SX_GAP_T1] = {SXK_FACILITY, " AND t.cp_potential=1"
		" AND t.status='active' AND t.uuid NOT IN"
		" (SELECT ef.facility_id FROM event e CROSS JOIN"
		" event_facility ef ON ef.event_id=e.uuid"
		" WHERE e.deleted=0 AND ef.deleted=0)"},
	[SX_GAP_T2] = {SXK_FACILITY, " AND t.status='active' AND t.uuid"
		" NOT IN (SELECT a.facility_id FROM assessment a"
		" WHERE a.type='rapid' AND a.status='completed'"
		" AND a.deleted=0)"},
	[SX_GAP_T3] = {SXK_FACILITY, " AND t.status='active' AND t.uuid"
		" NOT IN (SELECT a.facility_id FROM assessment a"
		" WHERE a.type='detailed' AND a.status='completed'"
		" AND a.deleted=0)"},
	[SX_GAP_T4] = {SXK_PERSON, " AND t.active=1 AND t.trained_on IS NULL"
		" AND t.uuid NOT IN (SELECT ep.person_id FROM event e"
		" CROSS JOIN event_person ep ON ep.event_id=e.uuid"
		" WHERE e.type='training' AND e.deleted=0 AND ep.deleted=0"
		" AND ep.completed=1)"},
};

/* WHERE clause shared by list and count. */
static enum sx_err build_where(const struct sx_list_query *q,
			       const struct sx_kind_def *def, struct built *b,
			       char **match, struct sx_error *err)
{
	*match = NULL;
	add_sql(b, " WHERE %s", q->include_deleted ? "1" : "t.deleted=0");
	if (q->text && *q->text) {
		*match = has_fts(q->kind) ? fts_query(q->text)
					  : like_pattern(q->text);
		if (!*match) {
			char *probe = text_fold(q->text);
			int empty = probe && !*probe;
			free(probe);
			if (!empty)
				return sx_error_set(err, SX_INVALID, "text",
						    NULL, "search text is not "
						    "valid UTF-8");
		} else if (has_fts(q->kind)) {
			/* The FTS table drives the join (see from_clause), so
			 * hits come in rowid order and LIMIT stops early. */
			char frag[128];
			snprintf(frag, sizeof frag, " AND %s_fts MATCH ?%%s",
				 def->table);
			add_bind(b, frag, *match);
		} else {
			add_bind(b, " AND t.search_fold LIKE ?%s", *match);
		}
	}
	if (q->commune && has_field(def, "commune"))
		add_bind(b, " AND t.commune=?%s", q->commune);
	if (q->status && has_field(def, "status"))
		add_bind(b, " AND t.status=?%s", q->status);
	if (q->vsic && has_field(def, "vsic")) {
		char frag[96];
		b->binds[b->nbinds++] = q->vsic;
		snprintf(frag, sizeof frag,
			 " AND substr(t.vsic, 1, length(?%d))=?%d",
			 b->nbinds, b->nbinds);
		add_sql(b, "%s", frag);
	}
	if (q->gap > SX_GAP_NONE && q->gap <= SX_GAP_T4 &&
	    gaps[q->gap].kind == q->kind)
		add_sql(b, "%s", gaps[q->gap].sql);
	if (q->parent) {
		for (int i = 0; i < def->nfields; i++) {
			if (def->fields[i].type != SXF_REF)
				continue;
			char frag[96];
			snprintf(frag, sizeof frag, " AND t.%s=?%%s",
				 def->fields[i].name);
			add_bind(b, frag, q->parent);
			break;
		}
	}
	return SX_OK;
}

static void bind_all(sqlite3_stmt *st, const struct built *b)
{
	for (int i = 0; i < b->nbinds; i++)
		db_bind_text(st, i + 1, b->binds[i]);
}

enum sx_err record_list(struct sx_db *db, const struct sx_list_query *q,
			struct sx_page *out, struct sx_error *err)
{
	const struct sx_kind_def *def = record_kind(q->kind);
	struct built b = {0};
	char *match = NULL, *after_key = NULL;
	const char *after_uuid = NULL;
	const char *sort = sort_column(q);
	int limit = q->limit > 0 ? q->limit : 20;
	int searching;
	sqlite3_stmt *st;
	enum sx_err e;
	int rc;

	memset(out, 0, sizeof *out);
	if (!def)
		return sx_error_set(err, SX_INVALID, NULL, NULL,
				    "unknown record kind");
	b.len = (size_t)snprintf(b.sql, sizeof b.sql,
				 "SELECT t.uuid, t.server_rev, t.updated_at,"
				 " t.deleted");
	for (int i = 0; i < def->nfields; i++)
		b.len += (size_t)snprintf(b.sql + b.len, sizeof b.sql - b.len,
					  ", t.%s", def->fields[i].name);
	searching = q->text && *q->text && has_fts(q->kind);
	b.len += (size_t)snprintf(b.sql + b.len, sizeof b.sql - b.len,
				  ", t.rowid, %s FROM ", sort);
	from_clause(&b, def, searching);
	e = build_where(q, def, &b, &match, err);
	if (e != SX_OK)
		return e;
	searching = searching && match;
	if (q->after && *q->after) {
		if (searching) {
			/* Bound, not spliced: a new text per page would be
			 * a new prepared statement per page. */
			char frag[96];
			snprintf(frag, sizeof frag,
				 " AND %s_fts.rowid > CAST(?%%s AS INTEGER)",
				 def->table);
			add_bind(&b, frag, q->after);
		} else {
			const char *sep = strchr(q->after, CURSOR_SEP);
			if (!sep) {
				free(match);
				return sx_error_set(err, SX_INVALID, NULL,
						    NULL, "bad page cursor");
			}
			after_key = strndup(q->after,
					    (size_t)(sep - q->after));
			after_uuid = sep + 1;
			if (!after_key) {
				free(match);
				return sx_error_set(err, SX_NOMEM, NULL, NULL,
						    "out of memory");
			}
			char frag[256];
			b.binds[b.nbinds++] = after_key;
			b.binds[b.nbinds++] = after_uuid;
			snprintf(frag, sizeof frag,
				 " AND (%s, t.uuid) %s (?%d, ?%d)",
				 sort, q->descending ? "<" : ">",
				 b.nbinds - 1, b.nbinds);
			add_sql(&b, "%s", frag);
		}
	}
	if (searching)
		add_sql(&b, " ORDER BY %s_fts.rowid", def->table);
	else {
		char frag[256];
		snprintf(frag, sizeof frag, " ORDER BY %s %s, t.uuid %s", sort,
			 q->descending ? "DESC" : "ASC",
			 q->descending ? "DESC" : "ASC");
		add_sql(&b, "%s", frag);
	}
	{
		char frag[32];
		/* one extra row tells whether another page exists */
		snprintf(frag, sizeof frag, " LIMIT %d", limit + 1);
		add_sql(&b, "%s", frag);
	}
	st = db_stmt(db, b.sql, err);
	if (!st) {
		free(match);
		free(after_key);
		return SX_DB;
	}
	bind_all(st, &b);
	out->rows = calloc((size_t)limit, sizeof *out->rows);
	if (!out->rows) {
		e = SX_NOMEM;
		goto done;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct sx_record *rec;
		/* An extra row: a next page exists, and next_after already
		 * holds the cursor of the last row kept. */
		if (out->count == limit)
			break;
		rec = record_new(q->kind);
		if (!rec || record_from_row(st, 0, rec) != SX_OK) {
			record_free(rec);
			e = SX_NOMEM;
			break;
		}
		out->rows[out->count++] = rec;
		/* remember this row's cursor; used if a next page exists */
		{
			char cursor[600];
			int col = 4 + def->nfields;
			if (searching)
				snprintf(cursor, sizeof cursor, "%lld",
					 sqlite3_column_int64(st, col));
			else
				snprintf(cursor, sizeof cursor, "%s%c%s",
					 sqlite3_column_text(st, col + 1)
						 ? (const char *)
						   sqlite3_column_text(st,
								       col + 1)
						 : "",
					 CURSOR_SEP, rec->uuid);
			free(out->next_after);
			out->next_after = strdup(cursor);
			if (!out->next_after) {
				e = SX_NOMEM;
				break;
			}
		}
	}
	if (e == SX_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		e = db_error(db, err, "list");
	/* No extra row: this was the last page. */
	if (e == SX_OK && rc == SQLITE_DONE) {
		free(out->next_after);
		out->next_after = NULL;
	}
done:
	sqlite3_reset(st);
	free(match);
	free(after_key);
	if (e != SX_OK) {
		page_release(out);
		if (e == SX_NOMEM)
			sx_error_set(err, SX_NOMEM, NULL, "Hết bộ nhớ",
				     "out of memory");
	}
	return e;
}

void page_release(struct sx_page *page)
{
	if (!page)
		return;
	for (int i = 0; i < page->count; i++)
		record_free(page->rows[i]);
	free(page->rows);
	free(page->next_after);
	memset(page, 0, sizeof *page);
}

enum sx_err record_count(struct sx_db *db, const struct sx_list_query *q,
			 long long *out, struct sx_error *err)
{
	const struct sx_kind_def *def = record_kind(q->kind);
	struct built b = {0};
	char *match = NULL;
	sqlite3_stmt *st;
	enum sx_err e = SX_OK;

	if (!def)
		return sx_error_set(err, SX_INVALID, NULL, NULL,
				    "unknown record kind");
	/* Search text alone: count on the index without touching the
	 * table (tombstones are not in the index; see schema.c). */
	if (q->text && *q->text && has_fts(q->kind) && !q->commune &&
	    !q->status && !q->vsic && !q->parent && !q->gap &&
	    !q->include_deleted) {
		char *m = fts_query(q->text);
		char sql[160];
		if (!m) {
			*out = 0;
			return SX_OK;
		}
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s_fts WHERE"
			 " %s_fts MATCH ?1", def->table, def->table);
		st = db_stmt(db, sql, err);
		if (!st) {
			free(m);
			return SX_DB;
		}
		db_bind_text(st, 1, m);
		if (sqlite3_step(st) == SQLITE_ROW)
			*out = sqlite3_column_int64(st, 0);
		else
			e = db_error(db, err, "count");
		sqlite3_reset(st);
		free(m);
		return e;
	}
	b.len = (size_t)snprintf(b.sql, sizeof b.sql, "SELECT count(*) FROM ");
	from_clause(&b, def, q->text && *q->text && has_fts(q->kind));
	e = build_where(q, def, &b, &match, err);
	if (e != SX_OK)
		return e;
	st = db_stmt(db, b.sql, err);
	if (!st) {
		free(match);
		return SX_DB;
	}
	bind_all(st, &b);
	if (sqlite3_step(st) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		e = db_error(db, err, "count");
	sqlite3_reset(st);
	free(match);
	return e;
}

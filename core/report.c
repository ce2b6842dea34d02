/* report.c — building, finalising and keeping report revisions; the
 * narrative texts; status changes for sync; rendering dispatch; reading a
 * report back and consolidating several (report.h has the format).
 *
 * Invariants: a row of report_revision never changes its period,
 * revision, replaces, json, sha256 or finalised_at (triggers in the schema
 * enforce it; nothing here tries); sha256 is the hash of exactly the json
 * bytes stored.  Revisions of a period are numbered 1, 2, … and each one
 * after the first replaces the one before it.
 */
#include <stdlib.h>
#include <string.h>
#include "sxsh/crypto.h"
#include "db_internal.h"
#include "report_internal.h"
#include "sxsh/period.h"
#include "sxsh/plan.h"
#include "sxsh/report_check.h"
#include "sxsh/text.h"

/* ---- small helpers ----------------------------------------------------- */

enum sx_err report_format_parse(const char *name, enum sx_report_format *out,
				struct sx_error *err)
{
	static const char *const names[] = {"json", "text", "csv", "html",
					    "pdf"};

	for (int i = 0; name && i < 5; i++)
		if (!strcmp(name, names[i])) {
			*out = (enum sx_report_format)i;
			return SX_OK;
		}
	return sx_error_set(err, SX_INVALID, "format",
			    "Định dạng không hợp lệ: json, text, csv, html "
			    "hoặc pdf",
			    "unknown format '%s': json, text, csv, html or pdf",
			    name ? name : "");
}

static const char *col_text(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);
	return s ? (const char *)s : "";
}

static enum sx_err nomem(struct sx_error *err)
{
	return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
}

/* ---- revisions ------------------------------------------------------- */

#define REV_COLUMNS \
	"r.id, r.period, r.revision, coalesce(p.revision, 0), r.status," \
	" coalesce(r.status_reason, ''), coalesce(r.receipt, ''), r.sha256," \
	" r.finalised_at, coalesce(r.queued_at, ''), coalesce(r.sent_at, '')," \
	" coalesce(r.status_at, ''), length(CAST(r.json AS BLOB))"
#define REV_FROM \
	" FROM report_revision r LEFT JOIN report_revision p" \
	" ON p.id = r.replaces"

static void read_rev(sqlite3_stmt *st, struct sx_report_rev *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	snprintf(r->period, sizeof r->period, "%s", col_text(st, 1));
	r->revision = sqlite3_column_int(st, 2);
	r->replaces = sqlite3_column_int(st, 3);
	snprintf(r->status, sizeof r->status, "%s", col_text(st, 4));
	snprintf(r->status_reason, sizeof r->status_reason, "%s",
		 col_text(st, 5));
	snprintf(r->receipt, sizeof r->receipt, "%s", col_text(st, 6));
	snprintf(r->sha256, sizeof r->sha256, "%s", col_text(st, 7));
	snprintf(r->finalised_at, sizeof r->finalised_at, "%s",
		 col_text(st, 8));
	snprintf(r->queued_at, sizeof r->queued_at, "%s", col_text(st, 9));
	snprintf(r->sent_at, sizeof r->sent_at, "%s", col_text(st, 10));
	snprintf(r->status_at, sizeof r->status_at, "%s", col_text(st, 11));
	r->json_size = (size_t)sqlite3_column_int64(st, 12);
}

/* Reads the single row of st (already bound) into out / json. */
static enum sx_err one_rev(struct sx_db *db, sqlite3_stmt *st,
			   struct sx_report_rev *out, char **json,
			   struct sx_error *err)
{
	int rc = sqlite3_step(st);
	enum sx_err e = SX_OK;

	if (rc == SQLITE_ROW) {
		if (out)
			read_rev(st, out);
		if (json) {
			*json = db_column_dup(st, 13);
			if (!*json)
				e = nomem(err);
		}
	} else if (rc == SQLITE_DONE) {
		e = sx_error_set(err, SX_NOTFOUND, "period",
				 "Chưa có bản báo cáo đã chốt",
				 "no such report revision");
	} else {
		e = db_error(db, err, "reading report revision");
	}
	sqlite3_reset(st);
	return e;
}

enum sx_err report_get(struct sx_db *db, const char *period, int revision,
		       struct sx_report_rev *out, char **json,
		       struct sx_error *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " REV_COLUMNS ", r.json"
				   REV_FROM " WHERE r.period = ?1 AND"
				   " (?2 = 0 OR r.revision = ?2)"
				   " ORDER BY r.revision DESC LIMIT 1", err);

	if (json)
		*json = NULL;
	if (!st)
		return SX_DB;
	sqlite3_bind_text(st, 1, period, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, revision);
	return one_rev(db, st, out, json, err);
}

enum sx_err report_get_id(struct sx_db *db, long long id,
			  struct sx_report_rev *out, char **json,
			  struct sx_error *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " REV_COLUMNS ", r.json"
				   REV_FROM " WHERE r.id = ?1", err);

	if (json)
		*json = NULL;
	if (!st)
		return SX_DB;
	sqlite3_bind_int64(st, 1, id);
	return one_rev(db, st, out, json, err);
}

enum sx_err report_list(struct sx_db *db, const char *period,
			const char *status, struct sx_report_rev **out,
			int *n, struct sx_error *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " REV_COLUMNS REV_FROM
				   " WHERE (?1 IS NULL OR r.period = ?1)"
				   " AND (?2 IS NULL OR r.status = ?2)"
				   " ORDER BY r.period, r.revision", err);
	struct sx_report_rev *items = NULL;
	int count = 0, rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return SX_DB;
	db_bind_text(st, 1, period);
	db_bind_text(st, 2, status);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct sx_report_rev *grown = realloc(items,
			(size_t)(count + 1) * sizeof *grown);
		if (!grown) {
			sqlite3_reset(st);
			free(items);
			return nomem(err);
		}
		items = grown;
		read_rev(st, &items[count++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(items);
		return db_error(db, err, "listing report revisions");
	}
	*out = items;
	*n = count;
	return SX_OK;
}

/* ---- narrative ------------------------------------------------------- */

static const char *const narrative_fields[] = {
	"results", "difficulties", "proposals"};

static int narrative_field_ok(const char *field)
{
	for (int i = 0; i < 3; i++)
		if (field && !strcmp(field, narrative_fields[i]))
			return 1;
	return 0;
}

enum sx_err report_narrative_set(struct sx_db *db, const char *period,
				 const char *field, const char *text,
				 struct sx_error *err)
{
	struct sx_period p;
	char now[21];
	sqlite3_stmt *st;
	char *nfc = NULL;
	enum sx_err e;

	if ((e = period_parse(period, SX_RULE_CALENDAR, &p, err)))
		return e;
	if (!narrative_field_ok(field))
		return sx_error_set(err, SX_INVALID, "field",
				    "Mục không hợp lệ: results, difficulties "
				    "hoặc proposals",
				    "unknown narrative field '%s': results, "
				    "difficulties or proposals",
				    field ? field : "");
	if (text && *text) {
		if (!text_is_valid_utf8(text, strlen(text)))
			return sx_error_set(err, SX_INVALID, "text",
					    "Văn bản không phải UTF-8 hợp lệ",
					    "narrative text is not valid "
					    "UTF-8");
		if (strlen(text) > 100000)
			return sx_error_set(err, SX_INVALID, "text",
					    "Văn bản quá dài (tối đa 100.000 "
					    "byte)",
					    "narrative text longer than "
					    "100000 bytes");
		nfc = text_nfc(text);
		if (!nfc)
			return nomem(err);
		st = db_stmt(db, "INSERT INTO report_narrative(period, field,"
			     " text, updated_at) VALUES(?1, ?2, ?3, ?4)"
			     " ON CONFLICT(period, field) DO UPDATE SET"
			     " text = excluded.text,"
			     " updated_at = excluded.updated_at", err);
	} else {
		st = db_stmt(db, "DELETE FROM report_narrative"
			     " WHERE period = ?1 AND field = ?2", err);
	}
	if (!st) {
		free(nfc);
		return SX_DB;
	}
	sx_now_utc(now);
	sqlite3_bind_text(st, 1, p.name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, field, -1, SQLITE_TRANSIENT);
	if (nfc) {
		sqlite3_bind_text(st, 3, nfc, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
	}
	e = db_exec_stmt(db, st, err);
	free(nfc);
	return e;
}

char *report_narrative_get(struct sx_db *db, const char *period,
			   const char *field)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT text FROM report_narrative"
				   " WHERE period = ?1 AND field = ?2", NULL);
	char *text = NULL;

	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, period, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, field, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		text = db_column_dup(st, 0);
	sqlite3_reset(st);
	return text;
}

/* ---- building ---------------------------------------------------------- */

static json_t *str_or_empty(const char *s)
{
	return json_string(s ? s : "");
}

static json_t *narrative_json(struct sx_db *db, const char *period)
{
	json_t *o = json_object();
	int bad = !o;

	for (int i = 0; !bad && i < 3; i++) {
		char *t = report_narrative_get(db, period,
					       narrative_fields[i]);
		bad |= json_object_set_new(o, narrative_fields[i],
					   str_or_empty(t));
		free(t);
	}
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static const char sql_annex_assessments[] =
	"SELECT f.name, coalesce(u.name, ''), coalesce(a.type, ''),"
	" a.completed_on, coalesce(a.consultant, ''),"
	" (SELECT count(*) FROM solution s WHERE s.assessment_id = a.uuid"
	"  AND s.deleted = 0 AND s.status = 'implemented'"
	"  AND s.implemented_on <= ?1)"
	" FROM assessment a CROSS JOIN facility f ON f.uuid = a.facility_id"
	" LEFT JOIN unit u ON u.code = f.commune"
	" WHERE a.completed_on BETWEEN ?2 AND ?1 AND a.deleted = 0"
	" AND f.deleted = 0 AND a.status = 'completed'"
	" ORDER BY a.completed_on, f.sort_key, f.name, a.type, a.uuid";

static const char sql_annex_events[] =
	"SELECT e.held_on, coalesce(e.type, ''), e.title,"
	" coalesce(e.place, ''), coalesce(u.name, ''),"
	" coalesce(e.participants, 0),"
	" (SELECT count(DISTINCT ef.facility_id) FROM event_facility ef"
	"  CROSS JOIN facility f ON f.uuid = ef.facility_id"
	"  WHERE ef.event_id = e.uuid AND ef.deleted = 0 AND f.deleted = 0),"
	" coalesce(e.cost_vnd, 0), coalesce(e.funding, '')"
	" FROM event e LEFT JOIN unit u ON u.code = e.commune"
	" WHERE e.deleted = 0 AND e.held_on BETWEEN ?2 AND ?1"
	" ORDER BY e.held_on, e.sort_key, e.title, e.uuid";

/* A column of an annex row: its JSON key and whether it is a count. */
struct annex_col {
	const char *key;
	int integer;
};

static const struct annex_col annex_assessment_cols[] = {
	{"facility", 0}, {"commune", 0}, {"type", 0}, {"completed_on", 0},
	{"consultant", 0}, {"solutions_implemented", 1},
};

static const struct annex_col annex_event_cols[] = {
	{"held_on", 0}, {"type", 0}, {"title", 0}, {"place", 0},
	{"commune", 0}, {"participants", 1}, {"facilities_reached", 1},
	{"cost_vnd", 1}, {"funding", 0},
};

/* The rows of one annex query over period p, one object per row with
 * cols[i] taken from column i.  New reference; NULL with err set on a
 * statement or memory failure. */
static json_t *annex_rows(struct sx_db *db, const char *sql,
			  const struct annex_col *cols, size_t ncols,
			  const struct sx_period *p, struct sx_error *err)
{
	json_t *rows = json_array();
	sqlite3_stmt *st = rows ? db_stmt(db, sql, err) : NULL;
	int bad = !rows;

	if (!st)
		goto fail;
	sqlite3_bind_text(st, 1, p->end, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, p->start, -1, SQLITE_TRANSIENT);
	while (!bad && sqlite3_step(st) == SQLITE_ROW) {
		json_t *r = json_object();
		bad |= !r;
		for (size_t i = 0; !bad && i < ncols; i++) {
			int c = (int)i;
			bad |= json_object_set_new(r, cols[i].key,
				cols[i].integer ?
				json_integer(sqlite3_column_int64(st, c)) :
				json_string(col_text(st, c)));
		}
		bad |= json_array_append_new(rows, r);
	}
	sqlite3_reset(st);
	if (!bad)
		return rows;
fail:
	if (bad)
		nomem(err);
	json_decref(rows);
	return NULL;
}

static json_t *annexes_json(struct sx_db *db, const struct sx_period *p,
			    struct sx_error *err)
{
	json_t *o = NULL, *as, *ev = NULL;

	as = annex_rows(db, sql_annex_assessments, annex_assessment_cols,
			sizeof annex_assessment_cols /
			sizeof annex_assessment_cols[0], p, err);
	if (as)
		ev = annex_rows(db, sql_annex_events, annex_event_cols,
				sizeof annex_event_cols /
				sizeof annex_event_cols[0], p, err);
	if (ev && !(o = json_object()))
		nomem(err);
	if (!o) {
		json_decref(as);
		json_decref(ev);
		return NULL;
	}
	json_object_set_new(o, "assessments", as);
	json_object_set_new(o, "events", ev);
	return o;
}

const char *report_sql(int i)
{
	const char *s = indicators_sql(i);
	int n = 0;

	if (s || i < 0)
		return s;
	while (indicators_sql(n))
		n++;
	if (i == n)
		return sql_annex_assessments;
	if (i == n + 1)
		return sql_annex_events;
	return NULL;
}

/* The latest revision of a period: its number and row id (0, 0 when none)
 * and status. */
static enum sx_err latest_rev(struct sx_db *db, const char *period,
			      int *revision, long long *id, char status[12],
			      struct sx_error *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT revision, id, status FROM"
				   " report_revision WHERE period = ?1"
				   " ORDER BY revision DESC LIMIT 1", err);
	int rc;

	*revision = 0;
	*id = 0;
	status[0] = '\0';
	if (!st)
		return SX_DB;
	sqlite3_bind_text(st, 1, period, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*revision = sqlite3_column_int(st, 0);
		*id = sqlite3_column_int64(st, 1);
		snprintf(status, 12, "%s", col_text(st, 2));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, err, "reading report revisions");
	return SX_OK;
}

/* The whole document for period p as revision `revision`. */
static enum sx_err build_doc(struct sx_db *db, const struct sx_period *p,
			     int revision, int replaces, json_t **out,
			     struct sx_error *err)
{
	struct sx_indicators ind;
	struct sx_factors f;
	struct plan plan;
	char deadline[11] = "";
	json_t *doc = NULL, *district, *plan_o, *x;
	enum sx_err e;
	int bad, in_plan;

	*out = NULL;
	indicators_init(&ind);
	e = period_plan(db, p, &plan, err);
	if (e && e != SX_NOTFOUND)
		return e;
	in_plan = e == SX_OK;
	e = period_deadline(db, p, deadline, err);
	if (e && e != SX_NOTFOUND)
		return e;
	if (e && e != SX_NOTFOUND) {
		plan_release(&plan);
		return e;
	}
	if ((e = indicators_compute(db, p, &ind, &f, err))) {
		plan_release(&plan);
		return e;
	}

	doc = json_object();
	district = json_object();
	/* A period in no plan names none, and has no targets. */
	plan_o = in_plan ? json_pack("{s:s,s:s,s:I,s:s,s:s}",
				     "code", plan.code, "title", plan.title,
				     "version", (json_int_t)plan.version,
				     "start", plan.start, "end", plan.end) :
		json_null();
	plan_release(&plan);
	bad = !doc || !district || !plan_o;
	bad |= json_object_set_new(district, "code",
				   json_string(sx_db_district_code(db)));
	bad |= json_object_set_new(district, "name",
				   json_string(sx_db_district_name(db)));

	bad |= json_object_set_new(doc, "schema",
				   json_string(SX_REPORT_SCHEMA));
	bad |= json_object_set_new(doc, "level", json_string("district"));
	bad |= json_object_set_new(doc, "district", district);
	bad |= json_object_set_new(doc, "period", json_string(p->name));
	bad |= json_object_set_new(doc, "period_rule",
				   json_string(period_rule_name(p->rule)));
	bad |= json_object_set_new(doc, "period_start", json_string(p->start));
	bad |= json_object_set_new(doc, "period_end", json_string(p->end));
	bad |= json_object_set_new(doc, "deadline", deadline[0] ?
				   json_string(deadline) : json_null());
	bad |= json_object_set_new(doc, "plan", plan_o);
	bad |= json_object_set_new(doc, "revision", json_integer(revision));
	bad |= json_object_set_new(doc, "replaces", replaces ?
				   json_integer(replaces) : json_null());
	bad |= json_object_set_new(doc, "factors", report_json_factors(&f));
	bad |= json_object_set_new(doc, "indicators",
				   report_json_indicators(&ind));
	bad |= json_object_set_new(doc, "narrative",
				   narrative_json(db, p->name));
	indicators_release(&ind);
	if (bad) {
		json_decref(doc);
		return nomem(err);
	}
	x = annexes_json(db, p, err);
	if (!x) {
		json_decref(doc);
		return err && err->code ? err->code : SX_DB;
	}
	json_object_set_new(doc, "annexes", x);
	*out = doc;
	return SX_OK;
}

static enum sx_err build_text(struct sx_db *db, const char *period,
			      char **json, size_t *len, int *revision,
			      long long *replaces_id, char status[12],
			      struct sx_error *err)
{
	struct sx_period p;
	json_t *doc;
	int latest;
	enum sx_err e;

	*json = NULL;
	if ((e = period_resolve(db, period, &p, err)))
		return e;
	if (!sx_db_district_code(db)[0])
		return sx_error_set(err, SX_INVALID, "district",
				    "Cơ sở dữ liệu chưa được khởi tạo cho "
				    "huyện nào (sxsh init)",
				    "database not initialised for a district");
	if ((e = latest_rev(db, p.name, &latest, replaces_id, status, err)))
		return e;
	*revision = latest + 1;
	if ((e = build_doc(db, &p, latest + 1, latest, &doc, err)))
		return e;
	e = report_json_dump(doc, json, len, err);
	json_decref(doc);
	return e;
}

enum sx_err report_build(struct sx_db *db, const char *period, char **json,
			 size_t *len, struct sx_error *err)
{
	int revision;
	long long replaces_id;
	char status[12];

	return build_text(db, period, json, len, &revision, &replaces_id,
			  status, err);
}

/* A blocking finding of the check (the period has not ended, …) refuses
 * finalising whoever asks; warnings are the caller's to weigh. */
static enum sx_err refuse_blocking(struct sx_db *db, const char *period,
				   struct sx_error *err)
{
	struct sx_check check = {0};
	const struct sx_finding *f;
	enum sx_err e = report_check(db, period, &check, err);

	if (!e && (f = report_check_first(&check, SX_SEVERITY_BLOCK)))
		e = sx_error_set(err, SX_INVALID, "period", f->msg_vi, "%s",
				 f->msg_en);
	report_check_release(&check);
	return e;
}

enum sx_err report_finalise(struct sx_db *db, const char *period,
			    struct sx_report_rev *out, struct sx_error *err)
{
	char *json = NULL, sha[65], now[21], status[12];
	size_t len = 0;
	int revision;
	long long replaces_id, id;
	sqlite3_stmt *st;
	enum sx_err e;

	if ((e = refuse_blocking(db, period, err)))
		return e;
	if ((e = sx_db_begin(db, err)))
		return e;
	e = build_text(db, period, &json, &len, &revision, &replaces_id,
		       status, err);
	if (e)
		goto fail;
	if (!strcmp(status, "accepted")) {
		e = sx_error_set(err, SX_INVALID, "period",
				 "Sở Công Thương đã chấp nhận báo cáo kỳ này; "
				 "không thể chốt bản mới",
				 "the province accepted this period's report; "
				 "no new revision");
		goto fail;
	}
	crypto_sha256_hex(json, len, sha);
	sx_now_utc(now);
	st = db_stmt(db, "INSERT INTO report_revision(period, revision,"
		     " replaces, status, json, sha256, finalised_at)"
		     " VALUES(?1, ?2, ?3, 'finalised', ?4, ?5, ?6)", err);
	if (!st) {
		e = SX_DB;
		goto fail;
	}
	{
		struct sx_period p;
		period_resolve(db, period, &p, NULL);
		sqlite3_bind_text(st, 1, p.name, -1, SQLITE_TRANSIENT);
	}
	sqlite3_bind_int(st, 2, revision);
	if (replaces_id)
		sqlite3_bind_int64(st, 3, replaces_id);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_text(st, 4, json, (int)len, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, sha, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
	if ((e = db_exec_stmt(db, st, err)))
		goto fail;
	id = sqlite3_last_insert_rowid(db->handle);
	free(json);
	json = NULL;
	if ((e = sx_db_commit(db, err)))
		return e;
	if (out)
		return report_get_id(db, id, out, NULL, err);
	return SX_OK;
fail:
	free(json);
	sx_db_rollback(db);
	return e;
}

/* ---- status ----------------------------------------------------------- */

static int move_allowed(const char *from, const char *to)
{
	static const char *const moves[][2] = {
		{"finalised", "queued"},
		{"queued", "sent"}, {"queued", "accepted"},
		{"queued", "returned"}, {"queued", "finalised"},
		{"sent", "accepted"}, {"sent", "returned"}, {"sent", "queued"},
	};

	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
		if (!strcmp(moves[i][0], from) && !strcmp(moves[i][1], to))
			return 1;
	return 0;
}

enum sx_err report_set_status(struct sx_db *db, long long id,
			      const char *status, const char *reason,
			      const char *receipt, struct sx_error *err)
{
	struct sx_report_rev rev;
	char now[21];
	sqlite3_stmt *st;
	enum sx_err e;

	if ((e = report_get_id(db, id, &rev, NULL, err)))
		return e;
	if (!status || !move_allowed(rev.status, status))
		return sx_error_set(err, SX_INVALID, "status",
				    "Không thể chuyển trạng thái báo cáo",
				    "report revision %lld: cannot go from %s "
				    "to %s", id, rev.status,
				    status ? status : "(none)");
	sx_now_utc(now);
	st = db_stmt(db, "UPDATE report_revision SET status = ?2,"
		     " status_reason = CASE WHEN ?2 = 'returned' THEN ?3"
		     "  ELSE status_reason END,"
		     " receipt = coalesce(?4, receipt),"
		     " queued_at = CASE WHEN ?2 = 'queued' THEN ?5"
		     "  ELSE queued_at END,"
		     " sent_at = CASE WHEN ?2 = 'sent' THEN ?5"
		     "  ELSE sent_at END,"
		     " status_at = ?5 WHERE id = ?1", err);
	if (!st)
		return SX_DB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_TRANSIENT);
	db_bind_text(st, 3, reason);
	db_bind_text(st, 4, receipt);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
	return db_exec_stmt(db, st, err);
}

enum sx_err report_submit(struct sx_db *db, const char *period,
			  struct sx_report_rev *out, struct sx_error *err)
{
	struct sx_report_rev rev;
	struct sx_period p;
	enum sx_err e;

	if ((e = period_resolve(db, period, &p, err)))
		return e;
	if ((e = report_get(db, p.name, 0, &rev, NULL, err)))
		return e;
	if (strcmp(rev.status, "finalised"))
		return sx_error_set(err, SX_INVALID, "period",
				    "Bản báo cáo mới nhất không ở trạng thái "
				    "đã chốt",
				    "the latest revision (%d) is %s, not "
				    "finalised", rev.revision, rev.status);
	if ((e = report_set_status(db, rev.id, "queued", NULL, NULL, err)))
		return e;
	if (out)
		return report_get_id(db, rev.id, out, NULL, err);
	return SX_OK;
}

const char *report_status_label(const char *status, const char *lang)
{
	return report_util_status(status, lang);
}

/* ---- rendering --------------------------------------------------------- */

enum sx_err report_render(const char *json, enum sx_report_format format,
			  const struct sx_render_opts *opts, char **out,
			  size_t *len, struct sx_error *err)
{
	struct sx_render_opts o = {"vi", NULL, NULL, NULL};
	json_error_t jerr;
	json_t *doc;
	const json_t *schema;
	char *buf = NULL;
	size_t size = 0;
	FILE *f;
	enum sx_err e;

	*out = NULL;
	if (opts)
		o = *opts;
	if (!o.lang)
		o.lang = "vi";
	doc = json_loads(json, 0, &jerr);
	schema = doc ? json_object_get(doc, "schema") : NULL;
	if (!json_is_string(schema) ||
	    strcmp(json_string_value(schema), SX_REPORT_SCHEMA)) {
		json_decref(doc);
		return sx_error_set(err, SX_INVALID, "json",
				    "Không phải báo cáo sxsh.report/1",
				    "not an sxsh.report/1 document");
	}
	if (format == SX_REPORT_JSON) {
		e = report_json_dump(doc, out, len, err);
		json_decref(doc);
		return e;
	}
	f = open_memstream(&buf, &size);
	if (!f) {
		json_decref(doc);
		return nomem(err);
	}
	if (format == SX_REPORT_TEXT || format == SX_REPORT_TEXT_WHOLE)
		e = report_text_render(doc, &o, format == SX_REPORT_TEXT_WHOLE,
				       f);
	else if (format == SX_REPORT_CSV)
		e = report_csv_render(doc, &o, f);
	else if (format == SX_REPORT_HTML)
		e = report_html_render(doc, &o, f);
	else
		e = report_pdf_render(doc, &o, f, err);
	json_decref(doc);
	if (fclose(f) && !e)
		e = SX_NOMEM;
	if (e) {
		free(buf);
		if (format == SX_REPORT_PDF && err && err->code == e)
			return e;   /* report_pdf_render said why */
		return sx_error_set(err, e, "", NULL,
				    "rendering report failed");
	}
	*out = buf;
	if (len)
		*len = size;
	return SX_OK;
}

/* ---- reading back and consolidating ------------------------------------ */

static enum sx_err read_head(const json_t *doc, struct sx_report_head *h,
			     struct sx_error *err)
{
	const json_t *schema = json_object_get(doc, "schema"),
		     *district = json_object_get(doc, "district"),
		     *rev = json_object_get(doc, "revision"),
		     *rep = json_object_get(doc, "replaces");

	if (!json_is_string(schema) ||
	    strcmp(json_string_value(schema), SX_REPORT_SCHEMA))
		return sx_error_set(err, SX_INVALID, "schema", NULL,
				    "report json: schema is not %s",
				    SX_REPORT_SCHEMA);
	if (!json_is_object(district) || !json_is_integer(rev) ||
	    !(json_is_integer(rep) || json_is_null(rep)) ||
	    !json_is_string(json_object_get(doc, "period")))
		return sx_error_set(err, SX_INVALID, "district", NULL,
				    "report json: district, period, revision "
				    "or replaces missing");
	memset(h, 0, sizeof *h);
	snprintf(h->schema, sizeof h->schema, "%s", SX_REPORT_SCHEMA);
	snprintf(h->level, sizeof h->level, "%s",
		 report_util_str(doc, "level"));
	snprintf(h->district_code, sizeof h->district_code, "%s",
		 report_util_str(district, "code"));
	snprintf(h->district_name, sizeof h->district_name, "%s",
		 report_util_str(district, "name"));
	snprintf(h->period, sizeof h->period, "%s",
		 report_util_str(doc, "period"));
	h->revision = (int)json_integer_value(rev);
	h->replaces = json_is_integer(rep) ? (int)json_integer_value(rep) : 0;
	return SX_OK;
}

enum sx_err report_parse_indicators(const char *json, size_t len,
				    struct sx_report_head *head,
				    struct sx_indicators *ind,
				    struct sx_error *err)
{
	json_error_t jerr;
	json_t *doc = json_loadb(json, len, 0, &jerr);
	struct sx_report_head h;
	enum sx_err e;

	if (!doc)
		return sx_error_set(err, SX_INVALID, "json", NULL,
				    "report json: %s (line %d)", jerr.text,
				    jerr.line);
	e = read_head(doc, &h, err);
	if (!e && head)
		*head = h;
	if (!e && ind)
		e = report_json_read_indicators(json_object_get(doc,
								"indicators"),
						ind, err);
	json_decref(doc);
	return e;
}

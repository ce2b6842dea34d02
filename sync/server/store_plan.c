/* store_plan.c — the province's plans and their versions (store_plan.h).
 *
 * A version is kept whole as its canonical JSON (plan_to_json) in
 * plan_version, never changed; plan holds the current version's number
 * and days, so that the overlap check and the plan of a day are one
 * indexed query.  Stored JSON is read back through plan_parse: the store
 * holds only plans that passed it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sxsh/clock.h"
#include "sxsh/period.h"
#include "sxsh/refdata_blob.h"
#include "store_internal.h"
#include "store_plan.h"

static enum sx_err read_version(sqlite3_stmt *s, void *out)
{
	struct plan *p = out;
	const char *json = (const char *)sqlite3_column_text(s, 0);
	long long version = sqlite3_column_int64(s, 1);
	struct sx_error perr = {0};
	if (plan_parse(json ? json : "", json ? strlen(json) : 0, p, &perr))
		return SX_DB;
	p->version = version;
	return SX_OK;
}

struct version_row {
	struct plan *plan;
	char *imported_at;
};

static enum sx_err read_version_row(sqlite3_stmt *s, void *out)
{
	struct version_row *r = out;
	if (r->imported_at)
		db_column_copy(s, 2, r->imported_at, 21);
	return read_version(s, r->plan);
}

static enum sx_err unreadable(enum sx_err rc, const char *code,
			      struct sx_error *err)
{
	if (rc == SX_DB && !err->msg[0])
		return sx_error_set(err, SX_DB, "plan", NULL,
				    "stored plan %s unreadable", code);
	return rc;
}

enum sx_err store_plan_get(struct srv_store *st, const char *code,
			   long long version, struct plan *out,
			   char *imported_at, struct sx_error *err)
{
	struct version_row r = {out, imported_at};
	memset(out, 0, sizeof *out);
	enum sx_err rc = db_get(st->db,
		"SELECT v.json, v.version, v.imported_at FROM plan_version v"
		" JOIN plan p ON p.code = v.code WHERE v.code = ?1"
		" AND v.version = CASE WHEN ?2 > 0 THEN ?2 ELSE p.version END",
		DB_ARGS(DB_TEXT(code), DB_INT(version)), read_version_row, &r,
		"get plan", err);
	if (rc == SX_NOTFOUND)
		return sx_error_set(err, SX_NOTFOUND, "code",
				    "Không có kế hoạch (hoặc phiên bản) này",
				    "no plan %s (or no such version)", code);
	return unreadable(rc, code, err);
}

enum sx_err store_plan_for_day(struct srv_store *st, const char *day,
			       struct plan *out, struct sx_error *err)
{
	memset(out, 0, sizeof *out);
	enum sx_err rc = db_get(st->db,
		"SELECT v.json, v.version FROM plan p JOIN plan_version v"
		" ON v.code = p.code AND v.version = p.version"
		" WHERE p.start_date <= ?1 AND p.end_date >= ?1",
		DB_ARGS(DB_TEXT(day)), read_version, out, "plan of a day",
		err);
	if (rc == SX_NOTFOUND)
		return sx_error_set(err, SX_NOTFOUND, "plan",
				    "Không thuộc kế hoạch nào",
				    "no plan covers %s", day);
	return unreadable(rc, day, err);
}

struct plan_visit {
	enum sx_err (*fn)(const struct plan *, void *);
	void *arg;
};

static enum sx_err plan_visit(sqlite3_stmt *s, void *arg)
{
	struct plan_visit *v = arg;
	struct plan p;
	enum sx_err rc = read_version(s, &p);
	if (rc == SX_OK)
		rc = v->fn(&p, v->arg);
	plan_release(&p);
	return rc;
}

enum sx_err store_plan_each(struct srv_store *st,
			    enum sx_err (*fn)(const struct plan *, void *),
			    void *arg, struct sx_error *err)
{
	struct plan_visit v = {fn, arg};
	enum sx_err rc = db_each(st->db,
		"SELECT v.json, v.version FROM plan p JOIN plan_version v"
		" ON v.code = p.code AND v.version = p.version"
		" ORDER BY p.start_date, p.code",
		DB_NO_ARGS, plan_visit, &v, "plans", err);
	if (rc == SX_DB && !err->msg[0])
		return sx_error_set(err, SX_DB, "plan", NULL,
				    "a stored plan is unreadable");
	return rc;
}

struct versions_visit {
	void (*fn)(long long, const char *, void *);
	void *arg;
};

static enum sx_err versions_visit(sqlite3_stmt *s, void *arg)
{
	struct versions_visit *v = arg;
	v->fn(sqlite3_column_int64(s, 0),
	      (const char *)sqlite3_column_text(s, 1), v->arg);
	return SX_OK;
}

enum sx_err store_plan_versions(struct srv_store *st, const char *code,
				void (*fn)(long long version,
					   const char *imported_at, void *),
				void *arg, struct sx_error *err)
{
	struct versions_visit v = {fn, arg};
	return db_each(st->db,
		       "SELECT version, imported_at FROM plan_version"
		       " WHERE code = ?1 ORDER BY version",
		       DB_ARGS(DB_TEXT(code)), versions_visit, &v,
		       "plan versions", err);
}

/* ---- checks -------------------------------------------------------------- */

static int shipped_district(const char *code)
{
	const struct refdata_blob *b = refdata_blob_find("sonla_units");
	char want[24];
	snprintf(want, sizeof want, "district,%.8s,", code);
	for (const char *p = b ? strstr(b->data, want) : NULL; p;
	     p = strstr(p + 1, want))
		if (p == b->data || p[-1] == '\n')
			return 1;
	return 0;
}

static enum sx_err check_districts(struct srv_store *st,
				   const struct plan *p, struct sx_error *err)
{
	for (int i = 0; i < p->nshares; i++) {
		const char *code = p->shares[i].district;
		struct store_district d;
		struct sx_error ignored = {0};
		if (shipped_district(code) ||
		    store_district_get(st, code, &d, &ignored) == SX_OK)
			continue;
		char field[32], vi[256];
		snprintf(field, sizeof field, "district_shares.%s", code);
		snprintf(vi, sizeof vi, "%s: không có huyện mã %s", field,
			 code);
		return sx_error_set(err, SX_INVALID, field, vi,
				    "%s: no district %s", field, code);
	}
	return SX_OK;
}

struct overlap {
	const struct plan *candidate;
	char other[48];
};

static enum sx_err find_overlap(const struct plan *p, void *arg)
{
	struct overlap *o = arg;
	if (strcmp(p->code, o->candidate->code) != 0 &&
	    plan_overlaps(p, o->candidate)) {
		snprintf(o->other, sizeof o->other, "%s", p->code);
		return SX_CONFLICT;
	}
	return SX_OK;
}

static enum sx_err check_overlap(struct srv_store *st, const struct plan *p,
				 struct sx_error *err)
{
	struct overlap o = {p, ""};
	enum sx_err rc = store_plan_each(st, find_overlap, &o, err);
	if (rc != SX_CONFLICT)
		return rc;
	char vi[256];
	snprintf(vi, sizeof vi, "start, end: trùng ngày với kế hoạch %s",
		 o.other);
	return sx_error_set(err, SX_INVALID, "start", vi,
			    "start, end: days overlap plan %s", o.other);
}

struct accepted {
	const struct plan *before, *after;
	char period[8];
};

static enum sx_err find_accepted(sqlite3_stmt *s, void *arg)
{
	struct accepted *a = arg;
	const char *name = (const char *)sqlite3_column_text(s, 0);
	struct sx_period period;
	if (!name || period_parse(name, SX_RULE_CALENDAR, &period, NULL))
		return SX_OK;
	if (plan_covers(a->before, period.end) ||
	    plan_covers(a->after, period.end)) {
		snprintf(a->period, sizeof a->period, "%s", name);
		return SX_CONFLICT;
	}
	return SX_OK;
}

/* A change of what reports read must not reach a period the province
 * has accepted a report of: that report was judged against the old
 * targets. */
static enum sx_err check_change(struct srv_store *st,
				const struct plan *current,
				const struct plan *next, struct sx_error *err)
{
	struct accepted a = {current, next, ""};
	enum sx_err rc = db_each(st->db,
		"SELECT DISTINCT period FROM report WHERE status = 'accepted'"
		" ORDER BY period",
		DB_NO_ARGS, find_accepted, &a, "accepted periods", err);
	if (rc != SX_CONFLICT)
		return rc;
	char vi[256];
	snprintf(vi, sizeof vi, "Không sửa được kế hoạch %s: tỉnh đã chấp"
		 " nhận báo cáo kỳ %s theo chỉ tiêu hiện có; hãy lập kế"
		 " hoạch mới cho các ngày sau", next->code, a.period);
	return sx_error_set(err, SX_CONFLICT, "targets", vi,
			    "plan %s cannot change: the province has accepted"
			    " a report of %s against its current targets;"
			    " make a new plan for the days after it",
			    next->code, a.period);
}

enum sx_err store_plan_check(struct srv_store *st, const char *text,
			     size_t len, struct plan *out, int *unchanged,
			     struct sx_error *err)
{
	*unchanged = 0;
	enum sx_err rc = plan_parse(text, len, out, err);
	/* The version is the store's to give, whatever the file says. */
	out->version = 0;
	if (rc == SX_OK)
		rc = check_districts(st, out, err);
	if (rc == SX_OK)
		rc = check_overlap(st, out, err);
	if (rc != SX_OK) {
		plan_release(out);
		return rc;
	}
	struct plan current;
	rc = store_plan_get(st, out->code, 0, &current, NULL, err);
	if (rc == SX_NOTFOUND) {
		sx_error_clear(err);
		return SX_OK;
	}
	if (rc == SX_OK) {
		out->version = current.version;
		if (plan_targets_differ(&current, out))
			rc = check_change(st, &current, out, err);
		else if (strcmp(current.title, out->title) == 0 &&
			 strcmp(current.decision, out->decision) == 0)
			*unchanged = 1;
	}
	plan_release(&current);
	if (rc != SX_OK)
		plan_release(out);
	return rc;
}

static enum sx_err store_version(struct srv_store *st, struct plan *p,
				 struct sx_error *err)
{
	char now[21];
	sx_now_utc(now);
	char *json = plan_to_json(p, 0);
	if (!json)
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	enum sx_err rc = db_write(st->db,
		"INSERT INTO plan(code, start_date, end_date, version)"
		" VALUES(?1, ?2, ?3, ?4) ON CONFLICT(code) DO UPDATE SET"
		" start_date = ?2, end_date = ?3, version = ?4",
		DB_ARGS(DB_TEXT(p->code), DB_TEXT(p->start), DB_TEXT(p->end),
			DB_INT(p->version)), NULL, "store plan", err);
	if (rc == SX_OK)
		rc = db_write(st->db,
			"INSERT INTO plan_version(code, version, json,"
			" imported_at) VALUES(?1, ?2, ?3, ?4)",
			DB_ARGS(DB_TEXT(p->code), DB_INT(p->version),
				DB_TEXT(json), DB_TEXT(now)), NULL,
			"store plan version", err);
	free(json);
	return rc;
}

enum sx_err store_plan_import(struct srv_store *st, const char *text,
			      size_t len, long long *version, int *unchanged,
			      struct sx_error *err)
{
	struct plan p;
	int same = 0;
	enum sx_err rc = store_plan_check(st, text, len, &p, &same, err);
	if (rc != SX_OK)
		return rc;
	if (!same) {
		p.version++;
		rc = store_version(st, &p, err);
		if (rc == SX_OK)
			rc = store_meta_set_int(st, "ref_version",
				store_meta_int(st, "ref_version", 1) + 1,
				err);
	}
	*version = p.version;
	if (unchanged)
		*unchanged = same;
	plan_release(&p);
	return rc;
}

enum sx_err store_plan_seed(struct srv_store *st, struct sx_error *err)
{
	long long count = 0;
	enum sx_err rc = db_get(st->db, "SELECT count(*) FROM plan",
				DB_NO_ARGS, db_read_int64, &count,
				"count plans", err);
	if (rc != SX_OK || count > 0)
		return rc;
	const char *text = plan_shipped_json();
	struct plan p;
	rc = plan_parse(text, strlen(text), &p, err);
	if (rc != SX_OK)
		return rc;
	p.version = 1;
	rc = sx_db_begin(st->db, err);
	if (rc == SX_OK)
		rc = sx_db_end(st->db, store_version(st, &p, err), err);
	plan_release(&p);
	return rc;
}

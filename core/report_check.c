/* report_check.c — findings about a period's report before it is
 * finalised (codes and severities in report_check.h).
 *
 * Each rule is one aggregate or listing query over the live records,
 * bound like the indicators' (?1 end, ?2 start, ?4 consumption year), so
 * the check costs a few indexed scans; the comparison with the previous
 * period sums the same figures as indicators_compute, and only those.
 * Messages carry counts and the first day a report can be finalised;
 * records are uuids of one kind.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "db_internal.h"
#include "indicators_internal.h"
#include "sxsh/period.h"
#include "sxsh/report_check.h"
#include "sxsh/text.h"

/* A figure that grew more than this many times, or shrank below its
 * inverse, is worth a second look (issue 13). */
#define OUTLIER_FACTOR 10.0

static enum sx_err nomem(struct sx_error *err)
{
	return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
}

void report_check_release(struct sx_check *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->n; i++)
		free(c->items[i].records);
	free(c->items);
	c->items = NULL;
	c->n = 0;
}

int report_check_count(const struct sx_check *c, enum sx_severity sev)
{
	int n = 0;

	for (int i = 0; i < c->n; i++)
		n += c->items[i].severity == sev;
	return n;
}

const struct sx_finding *report_check_first(const struct sx_check *c,
					    enum sx_severity sev)
{
	for (int i = 0; i < c->n; i++)
		if (c->items[i].severity == sev)
			return &c->items[i];
	return NULL;
}

const char *report_check_severity_name(enum sx_severity sev)
{
	return sev == SX_SEVERITY_BLOCK ? "block" : "warn";
}

/* Appends an empty finding (messages and records are filled after).
 * NULL on OOM. */
static struct sx_finding *add(struct sx_check *c, enum sx_severity sev,
			      const char *code, const char *kind)
{
	struct sx_finding *grown = realloc(c->items,
					   (size_t)(c->n + 1) * sizeof *grown);
	struct sx_finding *f;

	if (!grown)
		return NULL;
	c->items = grown;
	f = &c->items[c->n++];
	memset(f, 0, sizeof *f);
	f->severity = sev;
	snprintf(f->code, sizeof f->code, "%s", code);
	snprintf(f->kind, sizeof f->kind, "%s", kind);
	return f;
}

static int add_record(struct sx_finding *f, const char *uuid)
{
	char (*grown)[37] = realloc(f->records,
				    (size_t)(f->nrecords + 1) * sizeof *grown);

	if (!grown)
		return -1;
	f->records = grown;
	snprintf(f->records[f->nrecords++], 37, "%s", uuid ? uuid : "");
	return 0;
}

struct ctx {
	struct sx_db *db;
	const struct sx_period *p;
	struct sx_check *out;
	struct sx_error *err;
};

/* A statement bound with ?1 end, ?2 start, ?4 consumption year. */
static sqlite3_stmt *query(struct ctx *q, const char *sql)
{
	return indicators_stmt(q->db, sql, q->p, NULL, q->err);
}

/* Runs a query whose first column is a uuid; when it has rows, adds one
 * finding holding them all.  The messages get the row count (%lld) and,
 * when with_year, the consumption year (%d) first. */
static enum sx_err listing(struct ctx *q, const char *sql, const char *code,
			   const char *kind, const char *vi, const char *en,
			   int with_year)
{
	sqlite3_stmt *st = query(q, sql);
	struct sx_finding *f = NULL;
	int rc, year = period_consumption_year(q->p);

	if (!st)
		return SX_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!f && !(f = add(q->out, SX_SEVERITY_WARN, code, kind)))
			break;
		if (add_record(f, (const char *)sqlite3_column_text(st, 0))) {
			f = NULL;
			break;
		}
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return nomem(q->err);
	if (rc != SQLITE_DONE)
		return db_error(q->db, q->err, "checking the report");
	if (!f)
		return SX_OK;
	/* the formats are this file's constants: a count, then the year */
	if (with_year) {
		snprintf(f->msg_en, sizeof f->msg_en, en,
			 (long long)f->nrecords, year);
		snprintf(f->msg_vi, sizeof f->msg_vi, vi,
			 (long long)f->nrecords, year);
	} else {
		snprintf(f->msg_en, sizeof f->msg_en, en,
			 (long long)f->nrecords);
		snprintf(f->msg_vi, sizeof f->msg_vi, vi,
			 (long long)f->nrecords);
	}
	return SX_OK;
}

/* ---- the rules ---------------------------------------------------------- */

static enum sx_err check_open(struct ctx *q)
{
	char today[11], first[11], shown[11];
	struct sx_finding *f;

	sx_today(today);
	if (strcmp(today, q->p->end) > 0)
		return SX_OK;
	if (period_add_days(q->p->end, 1, first))
		snprintf(first, sizeof first, "%.10s", q->p->end);
	text_format_date(first, shown, sizeof shown);
	f = add(q->out, SX_SEVERITY_BLOCK, "period_open", "");
	if (!f)
		return nomem(q->err);
	snprintf(f->msg_en, sizeof f->msg_en, "the period %s has not ended "
		 "(it ends on %s); the report can be finalised from %s",
		 q->p->name, q->p->end, first);
	snprintf(f->msg_vi, sizeof f->msg_vi,
		 "Kỳ %s chưa kết thúc; có thể chốt báo cáo từ ngày %s",
		 q->p->name, shown);
	return SX_OK;
}

static const char sql_consumption_missing[] =
	"SELECT f.uuid FROM facility f WHERE f.deleted = 0"
	" AND f.cp_potential = 1 AND" ACTIVE_AT_END
	/* the year's rows listed once, not probed per facility: on the
	 * stress set half the reads */
	" AND f.uuid NOT IN (SELECT c.facility_id FROM consumption c"
	"  WHERE c.year = ?4 AND c.deleted = 0)"
	" ORDER BY f.sort_key, f.uuid";

static const char sql_event_without_facilities[] =
	"SELECT e.uuid FROM event e WHERE e.deleted = 0"
	" AND e.held_on BETWEEN ?2 AND ?1"
	" AND NOT EXISTS (SELECT 1 FROM event_facility ef"
	"  CROSS JOIN facility f ON f.uuid = ef.facility_id"
	"  WHERE ef.event_id = e.uuid AND ef.deleted = 0 AND f.deleted = 0)"
	" ORDER BY e.held_on, e.uuid";

static const char sql_training_without_people[] =
	"SELECT e.uuid FROM event e WHERE e.deleted = 0"
	" AND e.type = 'training' AND e.held_on BETWEEN ?2 AND ?1"
	" AND NOT EXISTS (SELECT 1 FROM event_person ep"
	"  CROSS JOIN person p ON p.uuid = ep.person_id"
	"  WHERE ep.event_id = e.uuid AND ep.deleted = 0 AND p.deleted = 0)"
	" ORDER BY e.held_on, e.uuid";

static const char sql_solution_without_saving[] =
	"SELECT s.uuid FROM solution s WHERE s.deleted = 0"
	" AND s.status = 'implemented' AND s.implemented_on BETWEEN ?2 AND ?1"
	" AND coalesce(s.saving_kwh, 0) = 0 AND coalesce(s.saving_coal_t, 0) = 0"
	" AND coalesce(s.saving_oil_t, 0) = 0"
	" AND coalesce(s.saving_biomass_t, 0) = 0"
	" AND coalesce(s.saving_water_m3, 0) = 0"
	" AND coalesce(s.saving_materials_t, 0) = 0"
	" AND coalesce(s.saving_vnd, 0) = 0"
	" ORDER BY s.implemented_on, s.uuid";

/* Energy used with no output: specific consumption cannot be computed
 * and the row is most likely half entered. */
static const char sql_energy_without_output[] =
	"SELECT c.uuid FROM consumption c WHERE c.year = ?4 AND c.deleted = 0"
	" AND coalesce(c.output_t, 0) = 0"
	" AND (coalesce(c.electricity_kwh, 0) > 0 OR coalesce(c.coal_t, 0) > 0"
	"  OR coalesce(c.oil_t, 0) > 0 OR coalesce(c.biomass_t, 0) > 0)"
	" AND c.facility_id IN (SELECT f.uuid FROM facility f"
	"  WHERE f.deleted = 0 AND" ACTIVE_AT_END ")"
	" ORDER BY c.uuid";

/* A facility's electricity 10× off its own previous year. */
static const char sql_consumption_jump[] =
	"SELECT c.uuid FROM consumption c CROSS JOIN consumption o"
	" ON o.facility_id = c.facility_id AND o.year = ?4 - 1"
	" WHERE c.year = ?4 AND c.deleted = 0 AND o.deleted = 0"
	" AND c.electricity_kwh > 0 AND o.electricity_kwh > 0"
	" AND (c.electricity_kwh > 10.0 * o.electricity_kwh"
	"  OR c.electricity_kwh * 10.0 < o.electricity_kwh)"
	" ORDER BY c.uuid";

static enum sx_err check_records(struct ctx *q)
{
	enum sx_err e;

	if ((e = listing(q, sql_consumption_missing, "consumption_missing",
			 "facility",
			 "%lld cơ sở có tiềm năng SXSH chưa có số liệu tiêu "
			 "thụ năm %d",
			 "%lld facilities with CP potential have no "
			 "consumption figures for %d", 1)))
		return e;
	if ((e = listing(q, sql_event_without_facilities,
			 "event_without_facilities", "event",
			 "%lld sự kiện trong kỳ chưa gắn cơ sở nào",
			 "%lld events of the period reach no facility", 0)))
		return e;
	if ((e = listing(q, sql_training_without_people,
			 "training_without_people", "event",
			 "%lld lớp tập huấn trong kỳ chưa có người học nào",
			 "%lld trainings of the period have no participant",
			 0)))
		return e;
	if ((e = listing(q, sql_solution_without_saving,
			 "solution_without_saving", "solution",
			 "%lld giải pháp đã áp dụng trong kỳ chưa có số liệu "
			 "tiết kiệm",
			 "%lld solutions implemented in the period have no "
			 "saving", 0)))
		return e;
	if ((e = listing(q, sql_energy_without_output, "outlier",
			 "consumption",
			 "%lld dòng tiêu thụ năm %d có dùng năng lượng nhưng "
			 "không có sản lượng",
			 "%lld consumption rows of %d use energy but have no "
			 "output", 1)))
		return e;
	return listing(q, sql_consumption_jump, "outlier", "consumption",
		       "%lld cơ sở có điện năng năm %d chênh hơn 10 lần so "
		       "với năm trước",
		       "%lld facilities used over 10 times more or less "
		       "electricity in %d than the year before", 1);
}

/* ---- figures against the previous period -------------------------------- */

/* The few figures compared, each the same sum as indicators_compute's
 * (sql_events, sql_solutions' implemented in the period, sql_consumption)
 * without the rest of the indicators: on the stress set the two full
 * computations cost more than all the other rules together. */
static const char sql_fig_events[] =
	"SELECT count(*), coalesce(sum(e.participants), 0),"
	" coalesce(sum(e.cost_vnd), 0)"
	" FROM event e WHERE e.deleted = 0 AND e.held_on BETWEEN ?2 AND ?1";

static const char sql_fig_solutions[] =
	"SELECT count(*) FROM solution s"
	" WHERE s.deleted = 0 AND s.status = 'implemented'"
	" AND s.implemented_on BETWEEN ?2 AND ?1"
	" AND s.assessment_id NOT IN (SELECT la.uuid FROM assessment la"
	"  WHERE la.deleted = 1 UNION ALL SELECT la.uuid FROM facility lf"
	"  CROSS JOIN assessment la ON la.facility_id = lf.uuid"
	"  WHERE lf.deleted = 1)";

static const char sql_fig_consumption[] =
	"SELECT total(c.electricity_kwh), total(c.water_m3)"
	" FROM consumption c WHERE c.year = ?4 AND c.deleted = 0"
	" AND c.facility_id NOT IN (SELECT f.uuid FROM facility f"
	"  WHERE NOT (f.deleted = 0 AND" ACTIVE_AT_END "))";

struct period_figures {
	double events, participants, cost, implemented, kwh, water;
};

/* One row of numbers of sql for period p into out[0..n). */
static enum sx_err row_of(struct ctx *q, const struct sx_period *p,
			  const char *sql, double *out, int n)
{
	sqlite3_stmt *st = indicators_stmt(q->db, sql, p, NULL, q->err);
	int rc;

	if (!st)
		return SX_DB;
	rc = sqlite3_step(st);
	for (int i = 0; rc == SQLITE_ROW && i < n; i++)
		out[i] = sqlite3_column_double(st, i);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? SX_OK :
	       db_error(q->db, q->err, "checking the report");
}

static enum sx_err figures_of(struct ctx *q, const struct sx_period *p,
			      struct period_figures *f)
{
	double ev[3] = {0}, so[1] = {0}, co[2] = {0};
	enum sx_err e;

	if ((e = row_of(q, p, sql_fig_events, ev, 3)) ||
	    (e = row_of(q, p, sql_fig_solutions, so, 1)) ||
	    (e = row_of(q, p, sql_fig_consumption, co, 2)))
		return e;
	f->events = ev[0];
	f->participants = ev[1];
	f->cost = ev[2];
	f->implemented = so[0];
	f->kwh = co[0];
	f->water = co[1];
	return SX_OK;
}

struct figure {
	const char *vi, *en;
	double now, before;
};

static int off_by_factor(double now, double before)
{
	return now > 0 && before > 0 &&
	       (now > OUTLIER_FACTOR * before ||
		now * OUTLIER_FACTOR < before);
}

static enum sx_err check_figures(struct ctx *q)
{
	struct period_figures now, before;
	struct sx_period prev;
	enum sx_err e;

	if (period_previous(q->p, &prev, NULL))
		return SX_OK;  /* 2000S1 has no previous period */
	if ((e = figures_of(q, q->p, &now)) ||
	    (e = figures_of(q, &prev, &before)))
		return e;
	const struct figure figs[] = {
		{"số sự kiện", "events", now.events, before.events},
		{"số lượt người tham dự", "participants", now.participants,
		 before.participants},
		{"kinh phí sự kiện", "event cost", now.cost, before.cost},
		{"giải pháp áp dụng trong kỳ",
		 "solutions implemented in the period", now.implemented,
		 before.implemented},
		{"điện năng tiêu thụ", "electricity used", now.kwh,
		 before.kwh},
		{"nước tiêu thụ", "water used", now.water, before.water},
	};
	for (size_t i = 0; i < sizeof figs / sizeof figs[0]; i++) {
		char a[48], b[48];
		struct sx_finding *f;
		if (!off_by_factor(figs[i].now, figs[i].before))
			continue;
		text_format_decimal(figs[i].now, 0, a, sizeof a);
		text_format_decimal(figs[i].before, 0, b, sizeof b);
		f = add(q->out, SX_SEVERITY_WARN, "outlier", "");
		if (!f)
			return nomem(q->err);
		snprintf(f->msg_en, sizeof f->msg_en, "%s: %.0f in %s against "
			 "%.0f in %s (more than 10 times apart)", figs[i].en,
			 figs[i].now, q->p->name, figs[i].before, prev.name);
		snprintf(f->msg_vi, sizeof f->msg_vi,
			 "%s: %s kỳ %s so với %s kỳ %s (chênh hơn 10 lần)",
			 figs[i].vi, a, q->p->name, b, prev.name);
	}
	return SX_OK;
}

enum sx_err report_check(struct sx_db *db, const char *period,
			 struct sx_check *out, struct sx_error *err)
{
	struct sx_period p;
	struct ctx q = {db, &p, out, err};
	enum sx_err e;

	report_check_release(out);
	if ((e = period_resolve(db, period, &p, err)))
		return e;
	if ((e = check_open(&q)) || (e = check_records(&q)) ||
	    (e = check_figures(&q)))
		report_check_release(out);
	return e;
}

enum sx_err report_check_json(const struct sx_check *c, const char *lang,
			      char **out, struct sx_error *err)
{
	json_t *doc = json_object(), *arr = json_array();
	int en = lang && !strcmp(lang, "en");
	int bad = !doc || !arr;

	*out = NULL;
	for (int i = 0; !bad && i < c->n; i++) {
		const struct sx_finding *f = &c->items[i];
		json_t *o = json_object(), *recs = json_array();
		bad |= !o || !recs;
		for (int r = 0; !bad && r < f->nrecords; r++)
			bad |= json_array_append_new(recs,
						     json_string(f->records[r]));
		bad |= json_object_set_new(o, "severity", json_string(
			report_check_severity_name(f->severity)));
		bad |= json_object_set_new(o, "code", json_string(f->code));
		bad |= json_object_set_new(o, "message", json_string(
			en || !f->msg_vi[0] ? f->msg_en : f->msg_vi));
		bad |= json_object_set_new(o, "kind", json_string(f->kind));
		bad |= json_object_set_new(o, "records", recs);
		bad |= json_array_append_new(arr, o);
	}
	if (!bad)
		bad |= json_object_set_new(doc, "findings", arr);
	else
		json_decref(arr);
	if (!bad)
		*out = json_dumps(doc, JSON_PRESERVE_ORDER | JSON_INDENT(2));
	json_decref(doc);
	return bad || !*out ? nomem(err) : SX_OK;
}

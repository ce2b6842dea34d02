/* indicators.c — computes the plan's indicators and the report's figures
 * with aggregate SQL over the live records (definitions in indicators.h).
 *
 * Every query is a prepared, cached statement bound with the period's
 * dates: ?1 = period end, ?2 = period start, ?3 = plan start, ?4 = the
 * report's consumption year (period_consumption_year).  Nothing is loaded row by row into memory except the
 * short per-group results.
 *
 * Speed (100,000 facilities, 1,000,000 related rows): the queries walk
 * the covering *_report indexes of the schema, drive joins from the few
 * events of the period (CROSS JOIN fixes that order).
 *
 * A record counts only while what it hangs on is live too.  record_delete
 * refuses to delete a facility that live records still refer to, but a
 * tombstone pulled from the server skips that check (another computer of
 * the district deleted the facility while this one added an assessment
 * to it): so the assessment, solution and event-link queries leave out
 * records whose facility (or assessment) is deleted.
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "db_internal.h"
#include "indicators_internal.h"
#include "sxsh/indicators.h"
#include "sxsh/plan.h"
#include "sxsh/record.h"

const char *const indicators_fkind_keys[SX_FKIND_N] = {
	"enterprise", "cooperative", "household", "other"};
const char *const indicators_evtype_keys[SX_EVTYPE_N] = {
	"training", "workshop", "conference", "media", "demonstration",
	"site_visit"};
const char *const indicators_funding_keys[SX_FUNDING_N] = {
	"national_promotion", "local_promotion", "province_budget",
	"district_budget", "enterprise", "sponsor", "other", "unspecified"};
const char *const indicators_technique_keys[SX_TECHNIQUE_N] = {
	"good_housekeeping", "input_substitution", "process_control",
	"equipment_modification", "technology_change", "onsite_recovery",
	"byproducts", "product_modification", "unspecified"};

/* Labels of the keys that are not choices of a record field; the choice
 * keys take their labels from the kind table (record_defs.c), so that
 * the report and the forms name a thing the same way. */
static const struct {
	const char *key, *vi, *en;
} labels[] = {
	{"other", "Khác", "Other"},
	{"unspecified", "Chưa phân loại", "Unspecified"},
	{"T1", "Cơ sở có tiềm năng SXSH được phổ biến, nâng cao nhận thức",
	 "Facilities with CP potential informed of CP"},
	{"T2", "Cơ sở thực hiện đánh giá nhanh SXSH",
	 "Facilities with a rapid CP assessment"},
	{"T3", "Cơ sở đánh giá chi tiết và áp dụng SXSH",
	 "Facilities with a detailed assessment applying CP"},
	{"T4", "Cán bộ, cộng tác viên được tập huấn về SXSH",
	 "Officers and collaborators trained in CP"},
};

const char *indicators_label(const char *key, const char *lang)
{
	int en = lang && !strcmp(lang, "en");

	if (!key)
		return "";
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (!strcmp(labels[i].key, key))
			return en ? labels[i].en : labels[i].vi;
	for (int k = 0; k < SXK_COUNT; k++) {
		const struct sx_kind_def *def = record_kind((enum sx_kind)k);
		for (int i = 0; i < def->nfields; i++) {
			const char *l = record_choice_label(&def->fields[i],
							    key, lang);
			if (l)
				return l;
		}
	}
	return key;
}

static int key_index(const char *const *keys, int n, const char *key,
		     int fallback)
{
	for (int i = 0; key && i < n; i++)
		if (!strcmp(keys[i], key))
			return i;
	return fallback;
}

void indicators_init(struct sx_indicators *ind)
{
	memset(ind, 0, sizeof *ind);
	ind->t2.target = -1;
	ind->t3.target = -1;
}

void indicators_release(struct sx_indicators *ind)
{
	if (!ind)
		return;
	free(ind->sectors);
	indicators_init(ind);
}

void indicators_rate(const struct sx_ratio *r, char out[32])
{
	if (r->denominator <= 0) {
		out[0] = '\0';
		return;
	}
	/* Integer arithmetic, rounded half up: identical on every machine
	 * (128 bits: a province's sums times 20000 exceed 64). */
	__int128 scaled = ((__int128)r->numerator * 20000 / r->denominator
			   + 1) / 2;
	snprintf(out, 32, "%lld.%04lld", (long long)(scaled / 10000),
		 (long long)(scaled % 10000));
}

/* ---- SQL ----------------------------------------------------------------*/


/* One scan of the facilities gives the counts by kind and sector and
 * T1: the reached set is built once (an IN list becomes a temporary
 * index) and probed only for facilities with CP potential. */
static const char sql_facilities[] =
	"SELECT coalesce(f.kind, ''), coalesce(substr(f.vsic, 1, 2), ''),"
	" count(*), coalesce(sum(f.cp_potential = 1), 0),"
	" coalesce(sum(f.cp_potential = 1 AND f.uuid IN"
	"  (SELECT ef.facility_id FROM event e CROSS JOIN event_facility ef"
	"   ON ef.event_id = e.uuid WHERE e.held_on <= ?1"
	"   AND e.deleted = 0 AND ef.deleted = 0)), 0)"
	" FROM facility f WHERE f.deleted = 0 AND" ACTIVE_AT_END
	" GROUP BY f.kind, f.vsic";

/* The record's facility (by the column holding its id) is live.  The
 * deleted ones are few: SQLite lists them once (facility_sort leads with
 * deleted) and probes that list, which is cheaper than looking up each
 * record's facility (measured on the stress set). */
#define LIVE_FACILITY_ID(col) \
	" AND " col " NOT IN (SELECT lf.uuid FROM facility lf" \
	" WHERE lf.deleted = 1)"
#define LIVE_FACILITY(alias) LIVE_FACILITY_ID(alias ".facility_id")

static const char sql_sector_name[] =
	"SELECT name FROM vsic WHERE code = ?1";

static const char sql_t2[] =
	"SELECT coalesce(sum(d BETWEEN ?2 AND ?1), 0),"
	" coalesce(sum(d <= ?1), 0) FROM"
	" (SELECT min(a.completed_on) AS d FROM assessment a"
	" WHERE a.type = 'rapid' AND a.status = 'completed'"
	" AND a.deleted = 0 AND a.completed_on >= ?3" LIVE_FACILITY("a")
	" GROUP BY a.facility_id)";

/* The first implemented solution is looked up only for the facilities
 * with a completed detailed assessment (few), through their assessments. */
static const char sql_t3[] =
	"SELECT coalesce(sum(d BETWEEN ?2 AND ?1), 0),"
	" coalesce(sum(d <= ?1), 0) FROM"
	" (SELECT max(x.d1, (SELECT min(s.implemented_on)"
	"   FROM assessment a2 CROSS JOIN solution s"
	"   ON s.assessment_id = a2.uuid WHERE a2.facility_id = x.fid"
	"   AND a2.deleted = 0 AND s.deleted = 0"
	"   AND s.status = 'implemented' AND s.implemented_on >= ?3)) AS d"
	"  FROM (SELECT a.facility_id AS fid, min(a.completed_on) AS d1"
	"   FROM assessment a WHERE a.type = 'detailed'"
	"   AND a.status = 'completed' AND a.deleted = 0"
	"   AND a.completed_on >= ?3" LIVE_FACILITY("a")
	"   GROUP BY a.facility_id) x)";

static const char sql_t4[] =
	"SELECT count(*), coalesce(sum(coalesce(p.trained_on <= ?1, 0) OR"
	" p.uuid IN (SELECT ep.person_id FROM event e CROSS JOIN"
	" event_person ep ON ep.event_id = e.uuid WHERE e.held_on <= ?1"
	" AND e.type = 'training' AND e.deleted = 0 AND ep.deleted = 0"
	" AND ep.completed = 1)),"
	" 0) FROM person p WHERE p.deleted = 0 AND p.active = 1";

static const char sql_events[] =
	"SELECT coalesce(e.type, ''), coalesce(e.funding, ''), count(*),"
	" coalesce(sum(e.participants), 0), coalesce(sum(e.cost_vnd), 0)"
	" FROM event e WHERE e.deleted = 0 AND e.held_on BETWEEN ?2 AND ?1"
	" GROUP BY 1, 2";

static const char sql_events_reached[] =
	"SELECT coalesce(e.type, ''), count(DISTINCT ef.facility_id)"
	" FROM event e CROSS JOIN event_facility ef ON ef.event_id = e.uuid"
	" WHERE e.held_on BETWEEN ?2 AND ?1 AND e.deleted = 0"
	" AND ef.deleted = 0" LIVE_FACILITY_ID("ef.facility_id")
	" GROUP BY 1";

static const char sql_events_reached_total[] =
	"SELECT count(DISTINCT ef.facility_id)"
	" FROM event e CROSS JOIN event_facility ef ON ef.event_id = e.uuid"
	" WHERE e.held_on BETWEEN ?2 AND ?1 AND e.deleted = 0"
	" AND ef.deleted = 0" LIVE_FACILITY_ID("ef.facility_id");

static const char sql_solutions[] =
	"SELECT coalesce(s.technique, ''), count(*),"
	" coalesce(sum(s.implemented_on >= ?2), 0),"
	" coalesce(sum(s.investment_vnd), 0), coalesce(sum(s.saving_vnd), 0),"
	" total(s.saving_kwh), total(s.saving_coal_t), total(s.saving_oil_t),"
	" total(s.saving_biomass_t), total(s.saving_water_m3),"
	" total(s.saving_materials_t)"
	" FROM solution s"
	" WHERE s.deleted = 0 AND s.status = 'implemented'"
	" AND s.implemented_on BETWEEN ?3 AND ?1"
	" AND s.assessment_id NOT IN (SELECT la.uuid FROM assessment la"
	"  WHERE la.deleted = 1 UNION ALL SELECT la.uuid FROM facility lf"
	"  CROSS JOIN assessment la ON la.facility_id = lf.uuid"
	"  WHERE lf.deleted = 1) GROUP BY 1";

static const char sql_consumption[] =
	"SELECT count(*), total(c.electricity_kwh), total(c.coal_t),"
	" total(c.oil_t), total(c.biomass_t), total(c.water_m3),"
	" total(c.materials_t), total(c.output_t),"
	" coalesce(sum(c.output_t > 0), 0),"
	" total(CASE WHEN c.output_t > 0 THEN c.output_t END),"
	" total(CASE WHEN c.output_t > 0 THEN c.electricity_kwh END),"
	" total(CASE WHEN c.output_t > 0 THEN c.coal_t END),"
	" total(CASE WHEN c.output_t > 0 THEN c.oil_t END),"
	" total(CASE WHEN c.output_t > 0 THEN c.biomass_t END)"
	" FROM consumption c WHERE c.year = ?4 AND c.deleted = 0"
	" AND c.facility_id NOT IN (SELECT f.uuid FROM facility f"
	"  WHERE NOT (f.deleted = 0 AND" ACTIVE_AT_END "))";

static const char sql_target[] =
	"SELECT t2_share, t3_share FROM district_target"
	" WHERE district_code = ?1";

static const char sql_energy_factor[] =
	"SELECT carrier, toe_per_unit FROM energy_factor";

static const char sql_grid_factor[] =
	"SELECT year, t_co2_per_mwh FROM grid_factor WHERE year <= ?1"
	" ORDER BY year DESC LIMIT 1";

/* The aggregate queries in the order indicators_compute runs them, for
 * benchmarks that time the same SQL in the stock sqlite3 tool. */
static const char *const all_sql[] = {
	sql_energy_factor, sql_grid_factor, sql_facilities, sql_sector_name,
	sql_t2, sql_t3, sql_t4, sql_target, sql_events,
	sql_events_reached, sql_events_reached_total, sql_solutions,
	sql_consumption,
};

const char *indicators_sql(int i)
{
	if (i < 0 || i >= (int)(sizeof all_sql / sizeof all_sql[0]))
		return NULL;
	return all_sql[i];
}

struct query_ctx {
	struct sx_db *db;
	const struct sx_period *p;
	const struct plan *plan;       /* NULL: the period is in no plan */
	struct sx_error *err;
};

sqlite3_stmt *indicators_stmt(struct sx_db *db, const char *sql,
			      const struct sx_period *p,
			      const char *plan_start, struct sx_error *err)
{
	sqlite3_stmt *st = db_stmt(db, sql, err);
	int n;

	if (!st)
		return NULL;
	n = sqlite3_bind_parameter_count(st);
	if (n >= 1)
		sqlite3_bind_text(st, 1, p->end, -1, SQLITE_TRANSIENT);
	if (n >= 2)
		sqlite3_bind_text(st, 2, p->start, -1, SQLITE_TRANSIENT);
	if (n >= 3)
		db_bind_text(st, 3, plan_start);
	if (n >= 4)
		sqlite3_bind_int(st, 4, period_consumption_year(p));
	return st;
}

static sqlite3_stmt *query(struct query_ctx *q, const char *sql)
{
	/* Without a plan, "cumulative" has no start of its own: it counts
	 * from the period's start, the same as the period. */
	return indicators_stmt(q->db, sql, q->p,
			       q->plan ? q->plan->start : q->p->start, q->err);
}

/* Finishes a statement's rows: SX_OK after SQLITE_DONE, else SX_DB. */
static enum sx_err finish(struct query_ctx *q, sqlite3_stmt *st, int rc,
			  const char *what)
{
	enum sx_err e = SX_OK;

	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		e = db_error(q->db, q->err, what);
	sqlite3_reset(st);
	return e;
}

static const char *col_text(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);
	return s ? (const char *)s : "";
}

static int sector_cmp(const void *a, const void *b)
{
	return strcmp(((const struct sx_sector_count *)a)->code,
		      ((const struct sx_sector_count *)b)->code);
}

static enum sx_err compute_facilities(struct query_ctx *q,
				      struct sx_indicators *ind)
{
	sqlite3_stmt *st = query(q, sql_facilities);
	int rc;

	if (!st)
		return SX_DB;
	/* rows come by kind and full VSIC code (the index order, so no
	 * sorting in SQLite); the divisions are summed here */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int k = key_index(indicators_fkind_keys, SX_FKIND_N,
				  col_text(st, 0), SX_FKIND_N - 1);
		const char *code = col_text(st, 1);
		long long n = sqlite3_column_int64(st, 2);
		int j = 0;
		ind->facilities_by_kind[k] += n;
		ind->facilities_total += n;
		ind->facilities_cp_potential += sqlite3_column_int64(st, 3);
		ind->t1.denominator += sqlite3_column_int64(st, 3);
		ind->t1.numerator += sqlite3_column_int64(st, 4);
		while (j < ind->nsectors && strcmp(ind->sectors[j].code, code))
			j++;
		if (j == ind->nsectors) {
			struct sx_sector_count *grown = realloc(ind->sectors,
				(size_t)(ind->nsectors + 1) * sizeof *grown);
			if (!grown) {
				sqlite3_reset(st);
				return sx_error_set(q->err, SX_NOMEM, "",
						    NULL, "out of memory");
			}
			ind->sectors = grown;
			memset(&grown[ind->nsectors], 0, sizeof *grown);
			snprintf(grown[ind->nsectors].code,
				 sizeof grown->code, "%s", code);
			ind->nsectors++;
		}
		ind->sectors[j].count += n;
	}
	if (finish(q, st, rc, "counting facilities"))
		return SX_DB;
	if (ind->nsectors > 1)
		qsort(ind->sectors, (size_t)ind->nsectors,
		      sizeof *ind->sectors, sector_cmp);

	for (int i = 0; i < ind->nsectors; i++) {
		struct sx_sector_count *s = &ind->sectors[i];
		st = db_stmt(q->db, sql_sector_name, q->err);
		if (!st)
			return SX_DB;
		sqlite3_bind_text(st, 1, s->code, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			snprintf(s->name, sizeof s->name, "%s",
				 col_text(st, 0));
		if (finish(q, st, rc, "reading sector name"))
			return SX_DB;
	}
	return SX_OK;
}

static enum sx_err pair(struct query_ctx *q, const char *sql,
			long long *a, long long *b, const char *what)
{
	sqlite3_stmt *st = query(q, sql);
	int rc;

	if (!st)
		return SX_DB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*a = sqlite3_column_int64(st, 0);
		*b = sqlite3_column_int64(st, 1);
	}
	return finish(q, st, rc, what);
}

static enum sx_err compute_targets(struct query_ctx *q,
				   struct sx_indicators *ind)
{
	enum sx_err e;
	sqlite3_stmt *st;
	int rc;

	const struct plan *pl = q->plan;
	const char *district = sx_db_district_code(q->db);
	double v;
	long long share;
	int own2 = 0, own3 = 0;

	ind->t1.target = pl && plan_target_of(pl, "T1", &v) ? v : -1;
	ind->t4.target = pl && plan_target_of(pl, "T4", &v) ? v : -1;
	ind->t2.province_total = pl && plan_target_of(pl, "T2", &v) ?
		(long long)v : -1;
	ind->t3.province_total = pl && plan_target_of(pl, "T3", &v) ?
		(long long)v : -1;
	ind->t2.target = ind->t3.target = -1;
	/* The plan's own share comes first; a share set apart from plans
	 * (district_target) stands for the others. */
	if (pl && district && plan_share_of(pl, district, "T2", &share)) {
		ind->t2.target = share;
		own2 = 1;
	}
	if (pl && district && plan_share_of(pl, district, "T3", &share)) {
		ind->t3.target = share;
		own3 = 1;
	}

	if ((e = pair(q, sql_t2, &ind->t2.period, &ind->t2.cumulative,
		      "computing T2")) ||
	    (e = pair(q, sql_t3, &ind->t3.period, &ind->t3.cumulative,
		      "computing T3")) ||
	    (e = pair(q, sql_t4, &ind->t4.denominator, &ind->t4.numerator,
		      "computing T4")))
		return e;

	st = db_stmt(q->db, sql_target, q->err);
	if (!st)
		return SX_DB;
	sqlite3_bind_text(st, 1, sx_db_district_code(q->db), -1,
			  SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && pl) {
		if (!own2 && sqlite3_column_type(st, 0) != SQLITE_NULL)
			ind->t2.target = sqlite3_column_int64(st, 0);
		if (!own3 && sqlite3_column_type(st, 1) != SQLITE_NULL)
			ind->t3.target = sqlite3_column_int64(st, 1);
	}
	return finish(q, st, rc, "reading district target");
}

static enum sx_err compute_events(struct query_ctx *q,
				  struct sx_indicators *ind)
{
	sqlite3_stmt *st = query(q, sql_events);
	int rc;

	if (!st)
		return SX_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int t = key_index(indicators_evtype_keys, SX_EVTYPE_N,
				  col_text(st, 0), -1);
		int f = key_index(indicators_funding_keys, SX_FUNDING_N,
				  col_text(st, 1), SX_FUNDING_N - 1);
		long long n = sqlite3_column_int64(st, 2);
		long long people = sqlite3_column_int64(st, 3);
		long long cost = sqlite3_column_int64(st, 4);
		struct sx_event_stats *tot = &ind->events_total;
		if (t >= 0) {
			struct sx_event_stats *es = &ind->events[t];
			es->count += n;
			es->participants += people;
			es->cost_vnd += cost;
			es->cost_by_funding[f] += cost;
		}
		tot->count += n;
		tot->participants += people;
		tot->cost_vnd += cost;
		tot->cost_by_funding[f] += cost;
	}
	if (finish(q, st, rc, "summing events"))
		return SX_DB;

	st = query(q, sql_events_reached);
	if (!st)
		return SX_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int t = key_index(indicators_evtype_keys, SX_EVTYPE_N,
				  col_text(st, 0), -1);
		if (t >= 0)
			ind->events[t].facilities_reached =
				sqlite3_column_int64(st, 1);
	}
	if (finish(q, st, rc, "counting facilities reached"))
		return SX_DB;

	st = query(q, sql_events_reached_total);
	if (!st)
		return SX_DB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		ind->events_total.facilities_reached =
			sqlite3_column_int64(st, 0);
	return finish(q, st, rc, "counting facilities reached");
}

static void add_toe_co2(struct sx_savings *s, const struct sx_factors *f)
{
	s->toe = s->kwh * f->toe_kwh + s->coal_t * f->toe_coal_t +
		 s->oil_t * f->toe_oil_t + s->biomass_t * f->toe_biomass_t;
	s->co2_t = s->kwh / 1000.0 * f->grid_t_co2_per_mwh;
}

static void savings_add(struct sx_savings *d, const struct sx_savings *s)
{
	d->implemented += s->implemented;
	d->implemented_period += s->implemented_period;
	d->investment_vnd += s->investment_vnd;
	d->saving_vnd += s->saving_vnd;
	d->kwh += s->kwh;
	d->coal_t += s->coal_t;
	d->oil_t += s->oil_t;
	d->biomass_t += s->biomass_t;
	d->water_m3 += s->water_m3;
	d->materials_t += s->materials_t;
	d->toe += s->toe;
	d->co2_t += s->co2_t;
}

static enum sx_err compute_solutions(struct query_ctx *q,
				     struct sx_indicators *ind,
				     const struct sx_factors *f)
{
	sqlite3_stmt *st = query(q, sql_solutions);
	int rc;

	if (!st)
		return SX_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int t = key_index(indicators_technique_keys, SX_TECHNIQUE_N,
				  col_text(st, 0), SX_TECHNIQUE_N - 1);
		struct sx_savings s = {0};
		s.implemented = sqlite3_column_int64(st, 1);
		s.implemented_period = sqlite3_column_int64(st, 2);
		s.investment_vnd = sqlite3_column_int64(st, 3);
		s.saving_vnd = sqlite3_column_int64(st, 4);
		s.kwh = sqlite3_column_double(st, 5);
		s.coal_t = sqlite3_column_double(st, 6);
		s.oil_t = sqlite3_column_double(st, 7);
		s.biomass_t = sqlite3_column_double(st, 8);
		s.water_m3 = sqlite3_column_double(st, 9);
		s.materials_t = sqlite3_column_double(st, 10);
		add_toe_co2(&s, f);
		savings_add(&ind->solutions[t], &s);
	}
	if (finish(q, st, rc, "summing solutions"))
		return SX_DB;
	for (int t = 0; t < SX_TECHNIQUE_N; t++)
		savings_add(&ind->solutions_total, &ind->solutions[t]);
	return SX_OK;
}

static enum sx_err compute_consumption(struct query_ctx *q,
				       struct sx_indicators *ind,
				       const struct sx_factors *f)
{
	struct sx_consumption *c = &ind->consumption;
	sqlite3_stmt *st = query(q, sql_consumption);
	int rc;

	if (!st)
		return SX_DB;
	c->year = period_consumption_year(q->p);
	c->facilities_active = ind->facilities_total;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->facilities_with_data = sqlite3_column_int64(st, 0);
		c->electricity_kwh = sqlite3_column_double(st, 1);
		c->coal_t = sqlite3_column_double(st, 2);
		c->oil_t = sqlite3_column_double(st, 3);
		c->biomass_t = sqlite3_column_double(st, 4);
		c->water_m3 = sqlite3_column_double(st, 5);
		c->materials_t = sqlite3_column_double(st, 6);
		c->output_t = sqlite3_column_double(st, 7);
		c->facilities_with_output = sqlite3_column_int64(st, 8);
		c->sec_output_t = sqlite3_column_double(st, 9);
		c->sec_kwh = sqlite3_column_double(st, 10);
		c->sec_toe = c->sec_kwh * f->toe_kwh +
			     sqlite3_column_double(st, 11) * f->toe_coal_t +
			     sqlite3_column_double(st, 12) * f->toe_oil_t +
			     sqlite3_column_double(st, 13) * f->toe_biomass_t;
		c->toe = c->electricity_kwh * f->toe_kwh +
			 c->coal_t * f->toe_coal_t + c->oil_t * f->toe_oil_t +
			 c->biomass_t * f->toe_biomass_t;
	}
	return finish(q, st, rc, "summing consumption");
}

static enum sx_err load_factors(struct query_ctx *q, struct sx_factors *f)
{
	sqlite3_stmt *st = db_stmt(q->db, sql_energy_factor, q->err);
	int rc;

	memset(f, 0, sizeof *f);
	if (!st)
		return SX_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *c = col_text(st, 0);
		double v = sqlite3_column_double(st, 1);
		if (!strcmp(c, "electricity_kwh"))
			f->toe_kwh = v;
		else if (!strcmp(c, "coal_t"))
			f->toe_coal_t = v;
		else if (!strcmp(c, "oil_t"))
			f->toe_oil_t = v;
		else if (!strcmp(c, "biomass_t"))
			f->toe_biomass_t = v;
	}
	if (finish(q, st, rc, "reading energy factors"))
		return SX_DB;
	st = db_stmt(q->db, sql_grid_factor, q->err);
	if (!st)
		return SX_DB;
	sqlite3_bind_int(st, 1, q->p->year);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		f->grid_year = sqlite3_column_int(st, 0);
		f->grid_t_co2_per_mwh = sqlite3_column_double(st, 1);
	}
	return finish(q, st, rc, "reading grid factor");
}

enum sx_err indicators_compute(struct sx_db *db, const struct sx_period *p,
			       struct sx_indicators *ind,
			       struct sx_factors *factors,
			       struct sx_error *err)
{
	struct plan plan;
	struct sx_factors f;
	struct query_ctx q = {db, p, &plan, err};
	enum sx_err e;

	indicators_release(ind);
	e = period_plan(db, p, &plan, err);
	if (e == SX_NOTFOUND) {
		q.plan = NULL;
		sx_error_clear(err);
	} else if (e) {
		return e;
	}
	if ((e = load_factors(&q, &f)) ||
	    (e = compute_facilities(&q, ind)) ||
	    (e = compute_targets(&q, ind)) ||
	    (e = compute_events(&q, ind)) ||
	    (e = compute_solutions(&q, ind, &f)) ||
	    (e = compute_consumption(&q, ind, &f))) {
		indicators_release(ind);
		plan_release(&plan);
		return e;
	}
	plan_release(&plan);
	if (factors)
		*factors = f;
	return SX_OK;
}

/* ---- consolidation --------------------------------------------------- */

static void events_add(struct sx_event_stats *d,
		       const struct sx_event_stats *s)
{
	d->count += s->count;
	d->participants += s->participants;
	d->facilities_reached += s->facilities_reached;
	d->cost_vnd += s->cost_vnd;
	for (int f = 0; f < SX_FUNDING_N; f++)
		d->cost_by_funding[f] += s->cost_by_funding[f];
}

static void target_add(struct sx_count_target *d,
		       const struct sx_count_target *s, int dst_empty)
{
	d->period += s->period;
	d->cumulative += s->cumulative;
	if (dst_empty) {
		d->target = s->target;
		d->province_total = s->province_total;
	} else if (d->target < 0 || s->target < 0) {
		d->target = -1;
	} else {
		d->target += s->target;
	}
}

static enum sx_err sectors_add(struct sx_indicators *dst,
			       const struct sx_indicators *src,
			       struct sx_error *err)
{
	for (int i = 0; i < src->nsectors; i++) {
		const struct sx_sector_count *s = &src->sectors[i];
		int j = 0, cmp = 1;
		while (j < dst->nsectors &&
		       (cmp = strcmp(dst->sectors[j].code, s->code)) < 0)
			j++;
		if (j < dst->nsectors && cmp == 0) {
			dst->sectors[j].count += s->count;
			continue;
		}
		struct sx_sector_count *grown = realloc(dst->sectors,
			(size_t)(dst->nsectors + 1) * sizeof *grown);
		if (!grown)
			return sx_error_set(err, SX_NOMEM, "", NULL,
					    "out of memory");
		dst->sectors = grown;
		memmove(&grown[j + 1], &grown[j],
			(size_t)(dst->nsectors - j) * sizeof *grown);
		grown[j] = *s;
		dst->nsectors++;
	}
	return SX_OK;
}

enum sx_err indicators_add(struct sx_indicators *dst,
			   const struct sx_indicators *src,
			   struct sx_error *err)
{
	int empty = dst->t1.target == 0 && dst->t4.target == 0 &&
		    dst->t2.province_total == 0;
	enum sx_err e = sectors_add(dst, src, err);

	if (e)
		return e;
	dst->t1.numerator += src->t1.numerator;
	dst->t1.denominator += src->t1.denominator;
	dst->t4.numerator += src->t4.numerator;
	dst->t4.denominator += src->t4.denominator;
	if (empty) {
		dst->t1.target = src->t1.target;
		dst->t4.target = src->t4.target;
	}
	target_add(&dst->t2, &src->t2, empty);
	target_add(&dst->t3, &src->t3, empty);

	dst->facilities_total += src->facilities_total;
	dst->facilities_cp_potential += src->facilities_cp_potential;
	for (int k = 0; k < SX_FKIND_N; k++)
		dst->facilities_by_kind[k] += src->facilities_by_kind[k];
	for (int t = 0; t < SX_EVTYPE_N; t++)
		events_add(&dst->events[t], &src->events[t]);
	events_add(&dst->events_total, &src->events_total);
	for (int t = 0; t < SX_TECHNIQUE_N; t++)
		savings_add(&dst->solutions[t], &src->solutions[t]);
	savings_add(&dst->solutions_total, &src->solutions_total);

	struct sx_consumption *dc = &dst->consumption;
	const struct sx_consumption *sc = &src->consumption;
	if (!dc->year)
		dc->year = sc->year;
	dc->facilities_active += sc->facilities_active;
	dc->facilities_with_data += sc->facilities_with_data;
	dc->electricity_kwh += sc->electricity_kwh;
	dc->coal_t += sc->coal_t;
	dc->oil_t += sc->oil_t;
	dc->biomass_t += sc->biomass_t;
	dc->water_m3 += sc->water_m3;
	dc->materials_t += sc->materials_t;
	dc->output_t += sc->output_t;
	dc->toe += sc->toe;
	dc->facilities_with_output += sc->facilities_with_output;
	dc->sec_output_t += sc->sec_output_t;
	dc->sec_toe += sc->sec_toe;
	dc->sec_kwh += sc->sec_kwh;
	return SX_OK;
}

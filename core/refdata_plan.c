/* refdata_plan.c — the reference figures the report needs: the plan and
 * its targets, report deadlines, the CP technique categories, energy
 * conversion factors (TOE) and the grid CO₂ emission factors.
 *
 * Kept as C tables rather than CSV because they are few and each value
 * needs its source beside it.  Sources and which values are approximate:
 * see the comments below (and the project notes on reference sources).
 * refdata_plan_load replaces the rows (INSERT OR REPLACE), so a later
 * program version can correct a value; updates from the province arrive
 * through sync into the same tables.
 */
#include <stddef.h>
#include <string.h>
#include "sxsh/indicators.h"
#include "db_internal.h"
#include "sxsh/record.h"
#include "sxsh/refdata.h"

/* Decision 3182/QĐ-UBND of the Sơn La People's Committee, 31 Dec 2016:
 * plan for cleaner production in industry 2016–2020.  Targets by 2020:
 * 90% of facilities with CP potential informed (T1), 15 enterprises with
 * a rapid assessment (T2), 7 of them with a detailed assessment applying
 * CP (T3), 100% of officers and collaborators trained (T4).  Cumulative
 * figures count from the plan start. */
static const struct {
	const char *code, *title, *start, *end;
	double t1;
	int t2, t3;
	double t4;
} plans[] = {
	{"sonla-2016-2020",
	 "Kế hoạch sản xuất sạch hơn trong công nghiệp tỉnh Sơn La "
	 "giai đoạn 2016–2020 (Quyết định 3182/QĐ-UBND ngày 31/12/2016)",
	 "2016-01-01", "2020-12-31", 0.9, 15, 7, 1.0},
};

/* Report deadlines in days after the period's last day.
 * decree_09_2019: art. 12 of Decree 09/2019/NĐ-CP sets the cut-off (14 Jun,
 *   14 Dec); the district's report to the province is due a few days later
 *   so that the province can consolidate: we use the 20th of the closing
 *   month (end + 6 days: 20 Jun, 20 Dec), the date the province's
 *   template letters use.  A project choice, not a quotation of the
 *   decree.
 * calendar: the period closes on 30 Jun / 31 Dec; due 15 days later
 *   (15 Jul, 15 Jan), the usual practice before 2019.  A project
 *   choice. */
static const struct {
	const char *rule, *kind;
	int days;
} deadlines[] = {
	{"calendar", "S1", 15},
	{"calendar", "S2", 15},
	{"calendar", "Y", 15},
	{"decree_09_2019", "S1", 6},
	{"decree_09_2019", "S2", 6},
	{"decree_09_2019", "Y", 6},
};

/* TOE per unit.  Electricity, coal and oil: Ministry of Industry and
 * Trade, letter 3505/BCT-KHCN of 19 Apr 2011 (conversion table for
 * energy reporting): electricity 0.1543 TOE/MWh; steam coal ("than cám")
 * grades 3–4 0.60 TOE/t (grades 1–2: 0.70, 5–6: 0.50 — we take the
 * middle grades typical of small boilers: APPROXIMATE for a given
 * facility); DO 1.02 TOE/t (FO 0.99 TOE/t; "oil products" are mostly DO
 * at district scale: APPROXIMATE).  Biomass (firewood, air-dry, ~15.9
 * GJ/t at 41.868 GJ/TOE): not in that table; 0.38 TOE/t is an
 * APPROXIMATE value from the IEA/IPCC default net calorific value of
 * wood fuel. */
static const struct {
	const char *carrier, *unit;
	double toe;
	const char *label_vi, *label_en, *source;
} factors[] = {
	{"electricity_kwh", "kWh", 0.0001543, "Điện", "Electricity",
	 "Bộ Công Thương, CV 3505/BCT-KHCN 19/4/2011: 0,1543 TOE/MWh"},
	{"coal_t", "t", 0.60, "Than", "Coal",
	 "CV 3505/BCT-KHCN: than cám loại 3-4, 0,6 TOE/t (xấp xỉ)"},
	{"oil_t", "t", 1.02, "Dầu (DO/FO)", "Oil (DO/FO)",
	 "CV 3505/BCT-KHCN: DO 1,02 TOE/t, FO 0,99 TOE/t (xấp xỉ)"},
	{"biomass_t", "t", 0.38, "Sinh khối (củi)", "Biomass (firewood)",
	 "Xấp xỉ: NCV gỗ củi mặc định IPCC 2006 (~15,9 GJ/t)"},
};

/* Grid emission factor of Vietnam's national power system, t CO₂/MWh,
 * as announced each year by the Department of Climate Change (Cục Biến
 * đổi khí hậu, MONRE) for emission-reduction projects.  The values are
 * recalled from the DCC announcements and are APPROXIMATE until checked
 * against the official letters; the province can update them by sync.
 * Later years use the latest factor (refdata_grid_factor). */
static const struct {
	int year;
	double factor;
} grid[] = {
	{2015, 0.8154}, {2016, 0.9185}, {2017, 0.8649}, {2018, 0.9130},
	{2019, 0.8458}, {2020, 0.8041},
};

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static enum sx_err load_plans(struct sx_db *db, struct sx_error *err)
{
	sqlite3_stmt *st;

	for (int i = 0; i < N(plans); i++) {
		st = db_stmt(db, "INSERT OR REPLACE INTO plan(code, title,"
			     " start_date, end_date, t1_target, t2_province,"
			     " t3_province, t4_target, active)"
			     " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1)",
			     err);
		if (!st)
			return SX_DB;
		sqlite3_bind_text(st, 1, plans[i].code, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, plans[i].title, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, plans[i].start, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, plans[i].end, -1, SQLITE_STATIC);
		sqlite3_bind_double(st, 5, plans[i].t1);
		sqlite3_bind_int(st, 6, plans[i].t2);
		sqlite3_bind_int(st, 7, plans[i].t3);
		sqlite3_bind_double(st, 8, plans[i].t4);
		if (db_exec_stmt(db, st, err))
			return SX_DB;
	}
	return SX_OK;
}

static enum sx_err load_deadlines(struct sx_db *db, struct sx_error *err)
{
	sqlite3_stmt *st;

	for (int i = 0; i < N(deadlines); i++) {
		st = db_stmt(db, "INSERT OR REPLACE INTO period_deadline(rule,"
			     " period_kind, days_after_end) VALUES(?1, ?2, ?3)",
			     err);
		if (!st)
			return SX_DB;
		sqlite3_bind_text(st, 1, deadlines[i].rule, -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(st, 2, deadlines[i].kind, -1,
				  SQLITE_STATIC);
		sqlite3_bind_int(st, 3, deadlines[i].days);
		if (db_exec_stmt(db, st, err))
			return SX_DB;
	}
	return SX_OK;
}

/* The eight standard CP technique categories (UNEP/UNIDO CP methodology
 * as taught by the Vietnam Cleaner Production Centre) are the choices of
 * solution.technique in the kind table; the reference table gets them
 * from there, in that order, so the two never disagree. */
static enum sx_err load_techniques(struct sx_db *db, struct sx_error *err)
{
	const struct sx_kind_def *def = record_kind(SXK_SOLUTION);
	const struct sx_field *f =
		&def->fields[record_field_index(def, "technique")];
	sqlite3_stmt *st;

	for (int i = 0; f->choices[i].key; i++) {
		st = db_stmt(db, "INSERT OR REPLACE INTO cp_technique(code,"
			     " ordinal, name_vi, name_en)"
			     " VALUES(?1, ?2, ?3, ?4)",
			     err);
		if (!st)
			return SX_DB;
		sqlite3_bind_text(st, 1, f->choices[i].key, -1,
				  SQLITE_STATIC);
		sqlite3_bind_int(st, 2, i + 1);
		sqlite3_bind_text(st, 3, f->choices[i].label_vi, -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(st, 4, f->choices[i].label_en, -1,
				  SQLITE_STATIC);
		if (db_exec_stmt(db, st, err))
			return SX_DB;
	}
	return SX_OK;
}

static enum sx_err load_factors(struct sx_db *db, struct sx_error *err)
{
	sqlite3_stmt *st;

	for (int i = 0; i < N(factors); i++) {
		st = db_stmt(db, "INSERT OR REPLACE INTO energy_factor(carrier,"
			     " unit, toe_per_unit, label_vi, label_en, source)"
			     " VALUES(?1, ?2, ?3, ?4, ?5, ?6)", err);
		if (!st)
			return SX_DB;
		sqlite3_bind_text(st, 1, factors[i].carrier, -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(st, 2, factors[i].unit, -1, SQLITE_STATIC);
		sqlite3_bind_double(st, 3, factors[i].toe);
		sqlite3_bind_text(st, 4, factors[i].label_vi, -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(st, 5, factors[i].label_en, -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(st, 6, factors[i].source, -1,
				  SQLITE_STATIC);
		if (db_exec_stmt(db, st, err))
			return SX_DB;
	}
	for (int i = 0; i < N(grid); i++) {
		st = db_stmt(db, "INSERT OR REPLACE INTO grid_factor(year,"
			     " t_co2_per_mwh, source) VALUES(?1, ?2, ?3)", err);
		if (!st)
			return SX_DB;
		sqlite3_bind_int(st, 1, grid[i].year);
		sqlite3_bind_double(st, 2, grid[i].factor);
		sqlite3_bind_text(st, 3, "Cục Biến đổi khí hậu (Bộ TN&MT), "
				  "hệ số phát thải lưới điện Việt Nam (xấp xỉ)",
				  -1, SQLITE_STATIC);
		if (db_exec_stmt(db, st, err))
			return SX_DB;
	}
	return SX_OK;
}

void refdata_shipped_factors(int year, struct sx_factors *out)
{
	memset(out, 0, sizeof *out);
	out->toe_kwh = factors[0].toe;
	out->toe_coal_t = factors[1].toe;
	out->toe_oil_t = factors[2].toe;
	out->toe_biomass_t = factors[3].toe;
	for (int i = 0; i < N(grid); i++)
		if (grid[i].year <= year || i == 0) {
			out->grid_t_co2_per_mwh = grid[i].factor;
			out->grid_year = grid[i].year;
		}
}

/* No district has a T2/T3 share in the shipped data: the province
 * assigns shares and sends them as reference updates.  Until then each
 * district reports against the province totals (plan.t2_province/t3). */
enum sx_err refdata_plan_load(struct sx_db *db, struct sx_error *err)
{
	enum sx_err e = load_plans(db, err);

	if (e == SX_OK)
		e = load_deadlines(db, err);
	if (e == SX_OK)
		e = load_techniques(db, err);
	if (e == SX_OK)
		e = load_factors(db, err);
	return e;
}

/* indicators.h — the plan's indicators T1–T4 and the report's figures.
 *
 * One computation serves the district client and the provincial server:
 * indicators_compute reads a district database; the server rebuilds the
 * same struct from each district's report JSON (indicators_from_json) and
 * sums them (indicators_add).  Every figure in struct sx_indicators is a
 * sum, so the sum of several districts is again a valid struct; rates are
 * derived when written out (numerator / denominator).
 *
 * Definitions (only live records, deleted = 0; dates are inclusive; "end"
 * is the period end, "start" the period start, "plan" the plan start):
 *  active at end  status 'active', or 'closed'/'suspended' with closed_on
 *                 after end.
 *  T1  denominator: facilities with cp_potential = 1 active at end;
 *      numerator: of them, those reached (event_facility) by at least one
 *      event held on or before end.  Target plan.t1_target (0.9).
 *  T2  a facility counts from the date of its first completed rapid
 *      assessment on or after plan: "period" counts those whose date is in
 *      [start, end], "cumulative" those whose date is in [plan, end].  So
 *      S1 + S2 = the year, and nothing is counted twice.
 *  T3  likewise, from the later of its first completed detailed
 *      assessment and its first implemented solution (any of its
 *      assessments), both on or after plan.
 *  T2/T3 target: the district's share (district_target), or none (-1) and
 *      then the province totals (plan.t2_province, t3_province) are shown.
 *  T4  denominator: people with active = 1; numerator: of them, those with
 *      trained_on <= end or completed = 1 at a 'training' event held on or
 *      before end.  Target plan.t4_target (1.0).
 *  facilities     active at end: total, cp_potential, by kind, by sector
 *                 (VSIC division: the first two digits of the code).
 *  events         held in [start, end], by type: count, participants,
 *                 distinct facilities reached, cost by funding source.
 *  solutions      status 'implemented' with implemented_on in [plan, end]
 *                 (the yearly savings in force at the period end), by
 *                 technique; implemented_period counts those in
 *                 [start, end].  TOE = Σ carrier × energy_factor; CO₂ =
 *                 kWh / 1000 × grid_factor of the period's year.
 *  consumption    rows of the report's consumption year
 *                 (period_consumption_year: the year before a half-year,
 *                 a year report's own year) of facilities active at end:
 *                 coverage (facilities with a row / facilities active),
 *                 totals, and specific consumption over the facilities
 *                 that report output_t > 0.
 */
#ifndef SXSH_INDICATORS_H
#define SXSH_INDICATORS_H

#include "sxsh/err.h"
#include "sxsh/period.h"

struct sx_db;

/* Choice keys in the order the report lists them (record.h's keys). */
enum { SX_FKIND_N = 4 };     /* enterprise, cooperative, household, other */
enum { SX_EVTYPE_N = 6 };    /* training … site_visit */
enum { SX_FUNDING_N = 8 };   /* national_promotion … other, unspecified */
enum { SX_TECHNIQUE_N = 9 }; /* the eight categories, then unspecified */

extern const char *const indicators_fkind_keys[SX_FKIND_N];
extern const char *const indicators_evtype_keys[SX_EVTYPE_N];
extern const char *const indicators_funding_keys[SX_FUNDING_N];
extern const char *const indicators_technique_keys[SX_TECHNIQUE_N];

/* Vietnamese ("vi") or English label of a key of the lists above (and of
 * "T1".."T4"); the key itself when unknown. */
const char *indicators_label(const char *key, const char *lang);

struct sx_ratio {
	long long numerator;
	long long denominator;
	double target;             /* 0.9 / 1.0 */
};

struct sx_count_target {
	long long period;
	long long cumulative;
	long long target;          /* district share, -1 = none assigned */
	long long province_total;  /* 15 / 7 */
};

struct sx_sector_count {
	char code[8];              /* VSIC division "10", or "" = unknown */
	char name[192];
	long long count;
};

struct sx_event_stats {
	long long count;
	long long participants;
	long long facilities_reached;  /* distinct within the type */
	long long cost_vnd;
	long long cost_by_funding[SX_FUNDING_N];
};

/* Savings are per year; decimals kept as doubles and written with fixed
 * precision (see indicators_to_json). */
struct sx_savings {
	long long implemented;         /* cumulative count */
	long long implemented_period;
	long long investment_vnd;
	long long saving_vnd;
	double kwh, coal_t, oil_t, biomass_t, water_m3, materials_t;
	double toe, co2_t;
};

struct sx_consumption {
	int year;
	long long facilities_active;   /* coverage denominator */
	long long facilities_with_data;
	double electricity_kwh, coal_t, oil_t, biomass_t, water_m3,
	       materials_t, output_t, toe;
	/* over facilities with output_t > 0 only: */
	long long facilities_with_output;
	double sec_output_t, sec_toe, sec_kwh;
};

struct sx_indicators {
	struct sx_ratio t1;
	struct sx_count_target t2, t3;
	struct sx_ratio t4;

	long long facilities_total;
	long long facilities_cp_potential;
	long long facilities_by_kind[SX_FKIND_N];
	struct sx_sector_count *sectors;   /* owned, sorted by code */
	int nsectors;

	struct sx_event_stats events[SX_EVTYPE_N];
	struct sx_event_stats events_total; /* facilities_reached distinct */

	struct sx_savings solutions[SX_TECHNIQUE_N];
	struct sx_savings solutions_total;

	struct sx_consumption consumption;
};

/* Reference factors used for TOE and CO₂ (loaded by compute, carried in
 * the report JSON so that a reader can check the arithmetic). */
struct sx_factors {
	double toe_kwh, toe_coal_t, toe_oil_t, toe_biomass_t;
	double grid_t_co2_per_mwh;   /* of the period's year (or earlier) */
	int grid_year;               /* the year the grid factor is for */
};

void indicators_init(struct sx_indicators *ind);
void indicators_release(struct sx_indicators *ind);

/* Computes every figure for period p of the district in db (read-only;
 * a few dozen aggregate queries).  ind must be initialised; it is
 * released and refilled.  factors (may be NULL) receives the factors
 * used.  SX_NOTFOUND when the plan is missing. */
enum sx_err indicators_compute(struct sx_db *db, const struct sx_period *p,
			       struct sx_indicators *ind,
			       struct sx_factors *factors,
			       struct sx_error *err);

/* Adds src into dst: every count and sum; sectors merged by code; targets:
 * dst's target becomes -1 if either is -1, else the sum; the ratio
 * targets and province totals are kept from dst (or taken from src when
 * dst is empty).  For the province's consolidated report. */
enum sx_err indicators_add(struct sx_indicators *dst,
			   const struct sx_indicators *src,
			   struct sx_error *err);

/* The i-th SQL statement indicators_compute runs (0, 1, …; NULL past the
 * last), with parameters ?1 = period end, ?2 = period start, ?3 = plan
 * start, ?4 = the consumption year (the district-target and grid-factor
 * look-ups bind the district code / year as ?1).  For benchmarks. */
const char *indicators_sql(int i);

/* Rate numerator / denominator as a fixed 4-decimal string "0.8571" into
 * out[32]; "" when the denominator is 0. */
void indicators_rate(const struct sx_ratio *r, char out[32]);

#endif

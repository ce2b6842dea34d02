/* test_indicators.c — T1–T4 and the report figures on the hand-worked
 * fixture of report_fixture.h (the working is in that file's comment;
 * each assertion below repeats the arithmetic it checks). */
#include "report_fixture.h"
#include "sxsh/indicators.h"
#include "sxsh/settings.h"
#include "sxsh/sync_store.h"
#include "../core/db_internal.h"

static struct sx_db *db;
static struct rfx fx;
static char path[512];

static void setup(void)
{
	db = th_district_db(path, sizeof path);
	rfx_build(db, &fx);
}

static void teardown(void)
{
	sx_db_close(db);
}

static void compute(const char *period, struct sx_indicators *ind,
		    struct sx_factors *f)
{
	struct sx_period p;
	struct sx_error err = {0};

	cr_assert_eq(period_resolve(db, period, &p, &err), SX_OK, "%s",
		     err.msg);
	indicators_init(ind);
	cr_assert_eq(indicators_compute(db, &p, ind, f, &err), SX_OK, "%s",
		     err.msg);
}

static void rate_is(const struct sx_ratio *r, const char *want)
{
	char got[32];
	indicators_rate(r, got);
	cr_assert_str_eq(got, want);
}

TestSuite(indicators, .init = setup, .fini = teardown);

Test(indicators, t1_counts_cp_facilities_active_at_end_reached_by_then)
{
	struct sx_indicators ind;

	compute("2017S1", &ind, NULL);
	/* active cp facilities at 2017-06-30: F1–F12 and F14 (closed after
	 * the end); F13 closed and F15 suspended before it; F20 deleted */
	cr_assert_eq(ind.t1.denominator, 13);
	/* reached by 2017-06-30: E1 F1 F2 F3, E2 F3 F4 F5 (F13 inactive,
	 * F16 no cp), E3 F6 F7 (held on the last day), E5 F9 F2 (F10's link
	 * deleted); E4 of 2017-07-01 is too late for F8 → 8 */
	cr_assert_eq(ind.t1.numerator, 8);
	rate_is(&ind.t1, "0.6154");  /* 8/13 = 0.61538… */
	cr_assert_float_eq(ind.t1.target, 0.9, 1e-9);
	indicators_release(&ind);

	compute("2017S2", &ind, NULL);
	/* F14 closed on 2017-08-01, before 2017-12-31: 12 left; E4 now
	 * reaches F8: 9/12 */
	cr_assert_eq(ind.t1.denominator, 12);
	cr_assert_eq(ind.t1.numerator, 9);
	rate_is(&ind.t1, "0.7500");
	indicators_release(&ind);
}

Test(indicators, t2_t3_count_each_facility_once_from_its_first_date)
{
	struct sx_indicators ind;

	compute("2017S1", &ind, NULL);
	/* rapid: F1 2016-12-10 (before the period), F2 2017-04-10; A4 is
	 * in progress */
	cr_assert_eq(ind.t2.period, 1);
	cr_assert_eq(ind.t2.cumulative, 2);
	/* F1: detailed 2017-05-20, first implemented solution 2017-02-01:
	 * counts from 2017-05-20 */
	cr_assert_eq(ind.t3.period, 1);
	cr_assert_eq(ind.t3.cumulative, 1);
	/* no district share assigned: target none, province totals shown */
	cr_assert_eq(ind.t2.target, -1);
	cr_assert_eq(ind.t2.province_total, 15);
	cr_assert_eq(ind.t3.target, -1);
	cr_assert_eq(ind.t3.province_total, 7);
	indicators_release(&ind);

	compute("2017S2", &ind, NULL);
	cr_assert_eq(ind.t2.period, 0);
	cr_assert_eq(ind.t2.cumulative, 2);
	cr_assert_eq(ind.t3.period, 0);
	cr_assert_eq(ind.t3.cumulative, 1);
	indicators_release(&ind);

	compute("2017", &ind, NULL);   /* S1 + S2 */
	cr_assert_eq(ind.t2.period, 1);
	cr_assert_eq(ind.t3.period, 1);
	indicators_release(&ind);
}

Test(indicators, t4_counts_active_people_trained_by_the_end)
{
	struct sx_indicators ind;

	compute("2017S1", &ind, NULL);
	/* active: P1–P5, P7, P8 = 7 (P6 inactive); trained by 2017-06-30:
	 * P1 P2 (E1 completed), P4 (E3 on the last day), P7 (trained_on);
	 * not P3 (not completed), P5 (2017-07-15), P8 (a workshop) */
	cr_assert_eq(ind.t4.denominator, 7);
	cr_assert_eq(ind.t4.numerator, 4);
	rate_is(&ind.t4, "0.5714");
	cr_assert_float_eq(ind.t4.target, 1.0, 1e-9);
	indicators_release(&ind);

	compute("2017S2", &ind, NULL);   /* + P5 */
	cr_assert_eq(ind.t4.numerator, 5);
	rate_is(&ind.t4, "0.7143");
	indicators_release(&ind);
}

Test(indicators, decree_rule_moves_the_cut_off_to_14_june)
{
	struct sx_indicators ind;
	struct sx_error err = {0};

	cr_assert_eq(settings_set(db, "period_rule", "decree_09_2019", &err),
		     SX_OK);
	compute("2017S1", &ind, NULL);   /* 2016-12-15 … 2017-06-14 */
	/* E3 (2017-06-30) is now after the end: F6, F7 not reached: 6/13 */
	cr_assert_eq(ind.t1.denominator, 13);
	cr_assert_eq(ind.t1.numerator, 6);
	/* P4 trained at E3: not yet: 3/7 */
	cr_assert_eq(ind.t4.numerator, 3);
	/* F1's rapid assessment of 2016-12-10 is before 2016-12-15 */
	cr_assert_eq(ind.t2.period, 1);
	cr_assert_eq(ind.t2.cumulative, 2);
	/* events in 2016-12-15 … 2017-06-14: E2, E5 */
	cr_assert_eq(ind.events_total.count, 2);
	indicators_release(&ind);
}

Test(indicators, facilities_by_kind_and_sector)
{
	struct sx_indicators ind;

	compute("2017S1", &ind, NULL);
	cr_assert_eq(ind.facilities_total, 17);
	cr_assert_eq(ind.facilities_cp_potential, 13);
	cr_assert_eq(ind.facilities_by_kind[0], 7);  /* enterprise */
	cr_assert_eq(ind.facilities_by_kind[1], 5);  /* cooperative */
	cr_assert_eq(ind.facilities_by_kind[2], 5);  /* household */
	cr_assert_eq(ind.facilities_by_kind[3], 0);
	cr_assert_eq(ind.nsectors, 4);
	cr_assert_str_eq(ind.sectors[0].code, "10");
	cr_assert_eq(ind.sectors[0].count, 12);
	cr_assert_str_eq(ind.sectors[0].name,
			 "Sản xuất, chế biến thực phẩm");
	cr_assert_str_eq(ind.sectors[1].code, "16");
	cr_assert_eq(ind.sectors[1].count, 2);
	cr_assert_str_eq(ind.sectors[2].code, "23");
	cr_assert_eq(ind.sectors[2].count, 1);
	cr_assert_str_eq(ind.sectors[3].code, "31");
	cr_assert_eq(ind.sectors[3].count, 2);
	indicators_release(&ind);
}

Test(indicators, events_by_type_and_funding_within_the_period)
{
	struct sx_indicators ind;

	compute("2017S1", &ind, NULL);
	/* in 2017-01-01 … 2017-06-30: E2 workshop, E3 training, E5 visit */
	cr_assert_eq(ind.events[0].count, 1);            /* training E3 */
	cr_assert_eq(ind.events[0].participants, 25);
	cr_assert_eq(ind.events[0].facilities_reached, 2);
	cr_assert_eq(ind.events[0].cost_vnd, 12500000);
	cr_assert_eq(ind.events[1].count, 1);            /* workshop E2 */
	/* F3 F4 F5 F13 F16: live facilities, active or not */
	cr_assert_eq(ind.events[1].facilities_reached, 5);
	cr_assert_eq(ind.events[3].count, 0);            /* media E4: S2 */
	cr_assert_eq(ind.events[5].facilities_reached, 2); /* F9 F2 */
	cr_assert_eq(ind.events_total.count, 3);
	cr_assert_eq(ind.events_total.participants, 25 + 45 + 12);
	/* distinct: F6 F7 F3 F4 F5 F13 F16 F9 F2 */
	cr_assert_eq(ind.events_total.facilities_reached, 9);
	cr_assert_eq(ind.events_total.cost_vnd, 35500000);
	cr_assert_eq(ind.events_total.cost_by_funding[0], 0);
	cr_assert_eq(ind.events_total.cost_by_funding[1], 15000000);
	cr_assert_eq(ind.events_total.cost_by_funding[3], 12500000);
	cr_assert_eq(ind.events_total.cost_by_funding[4], 8000000);
	indicators_release(&ind);
}

Test(indicators, savings_with_toe_and_co2_from_reference_factors)
{
	struct sx_indicators ind;
	struct sx_factors f;

	compute("2017S1", &ind, &f);
	/* factors: 0.1543 TOE/MWh, coal 0.6, oil 1.02, biomass 0.38 TOE/t;
	 * grid factor of 2017: 0.8649 t CO2/MWh */
	cr_assert_float_eq(f.toe_kwh, 0.0001543, 1e-12);
	cr_assert_float_eq(f.grid_t_co2_per_mwh, 0.8649, 1e-9);
	cr_assert_eq(f.grid_year, 2017);
	/* implemented by 2017-06-30: S1, S2, S5 (S3 proposed, S4 later) */
	const struct sx_savings *gh = &ind.solutions[0];
	cr_assert_eq(gh->implemented, 1);
	cr_assert_eq(gh->investment_vnd, 10000000);
	/* 12 000 kWh × 0.0001543 = 1.8516 TOE; 12 MWh × 0.8649 = 10.3788 t */
	cr_assert_float_eq(gh->toe, 1.8516, 1e-9);
	cr_assert_float_eq(gh->co2_t, 10.3788, 1e-9);
	const struct sx_savings *em = &ind.solutions[3];
	/* 80 000 × 0.0001543 + 25.5 × 0.6 = 12.344 + 15.3 = 27.644 TOE;
	 * 80 MWh × 0.8649 = 69.192 t CO2 */
	cr_assert_float_eq(em->toe, 27.644, 1e-9);
	cr_assert_float_eq(em->co2_t, 69.192, 1e-9);
	const struct sx_savings *rec = &ind.solutions[5];
	/* 1.2 × 1.02 + 10 × 0.38 = 1.224 + 3.8 = 5.024 TOE; no kWh, no CO2 */
	cr_assert_float_eq(rec->toe, 5.024, 1e-9);
	cr_assert_float_eq(rec->co2_t, 0, 1e-12);
	cr_assert_eq(ind.solutions[4].implemented, 0);  /* S3 proposed */
	const struct sx_savings *t = &ind.solutions_total;
	cr_assert_eq(t->implemented, 3);
	cr_assert_eq(t->implemented_period, 3);
	cr_assert_eq(t->investment_vnd, 300000000);
	cr_assert_eq(t->saving_vnd, 175000000);
	cr_assert_float_eq(t->kwh, 92000, 1e-9);
	cr_assert_float_eq(t->water_m3, 1700.5, 1e-9);
	cr_assert_float_eq(t->materials_t, 3.25, 1e-9);
	cr_assert_float_eq(t->toe, 34.5196, 1e-9);
	cr_assert_float_eq(t->co2_t, 79.5708, 1e-9);
	indicators_release(&ind);

	compute("2017S2", &ind, NULL);  /* + S4: cumulative 4, period 1 */
	cr_assert_eq(ind.solutions_total.implemented, 4);
	cr_assert_eq(ind.solutions_total.implemented_period, 1);
	cr_assert_eq(ind.solutions[0].implemented, 2);
	indicators_release(&ind);
}

Test(indicators, consumption_coverage_and_specific_energy)
{
	struct sx_indicators ind;

	compute("2017S1", &ind, NULL);
	const struct sx_consumption *c = &ind.consumption;
	cr_assert_eq(c->year, 2016);  /* a half-year counts the year before */
	/* 2016 rows of active facilities: F1 F2 F4 F16 (F13 closed; F5's
	 * row is 2015) out of 17 active */
	cr_assert_eq(c->facilities_active, 17);
	cr_assert_eq(c->facilities_with_data, 4);
	cr_assert_float_eq(c->electricity_kwh, 740000, 1e-6);
	cr_assert_float_eq(c->biomass_t, 70, 1e-9);
	cr_assert_float_eq(c->output_t, 790, 1e-9);
	/* 740 MWh × 0.1543 + 120 × 0.6 + 5 × 1.02 + 70 × 0.38
	 * = 114.182 + 72 + 5.1 + 26.6 = 217.882 TOE */
	cr_assert_float_eq(c->toe, 217.882, 1e-9);
	/* with output: F1 F2 F16: 730 MWh → 112.639 + 72 + 5.1 + 26.6 */
	cr_assert_eq(c->facilities_with_output, 3);
	cr_assert_float_eq(c->sec_kwh, 730000, 1e-6);
	cr_assert_float_eq(c->sec_toe, 216.339, 1e-9);
	cr_assert_float_eq(c->sec_output_t, 790, 1e-9);
	indicators_release(&ind);
}

Test(indicators, district_share_becomes_the_target)
{
	struct sx_indicators ind;

	/* the province assigns shares as reference data (sent by sync) */
	cr_assert_eq(sqlite3_exec(db->handle, "INSERT INTO district_target"
				  " VALUES('123', 3, NULL, 'test')", NULL,
				  NULL, NULL), SQLITE_OK);
	compute("2017S1", &ind, NULL);
	cr_assert_eq(ind.t2.target, 3);
	cr_assert_eq(ind.t3.target, -1);   /* no T3 share: none */
	cr_assert_eq(ind.t3.province_total, 7);
	indicators_release(&ind);
}

Test(indicators, add_sums_districts_and_merges_sectors)
{
	struct sx_indicators a, sum;
	struct sx_error err = {0};

	compute("2017S1", &a, NULL);
	indicators_init(&sum);
	cr_assert_eq(indicators_add(&sum, &a, &err), SX_OK);
	cr_assert_eq(indicators_add(&sum, &a, &err), SX_OK);
	cr_assert_eq(sum.t1.numerator, 16);
	cr_assert_eq(sum.t1.denominator, 26);
	rate_is(&sum.t1, "0.6154");
	cr_assert_float_eq(sum.t1.target, 0.9, 1e-9);
	cr_assert_eq(sum.t2.cumulative, 4);
	cr_assert_eq(sum.t2.province_total, 15);
	cr_assert_eq(sum.t2.target, -1);
	cr_assert_eq(sum.nsectors, 4);
	cr_assert_eq(sum.sectors[0].count, 24);
	cr_assert_eq(sum.events_total.cost_vnd, 71000000);
	cr_assert_float_eq(sum.solutions_total.toe, 2 * 34.5196, 1e-9);
	cr_assert_eq(sum.consumption.facilities_with_data, 8);
	indicators_release(&a);
	indicators_release(&sum);
}

Test(indicators, an_event_on_15_december_changes_period_with_the_rule)
{
	struct sx_indicators ind;
	struct sx_error err = {0};

	fx_save(db, SXK_EVENT, NULL, "type", "workshop", "title",
		"Hội thảo cuối năm", "held_on", "2016-12-15", "participants",
		"10", "cost_vnd", "1000000", "funding", "sponsor", NULL);
	/* calendar: 2016S2 ends 2016-12-31 — it is there, not in 2017S1 */
	compute("2016S2", &ind, NULL);
	cr_assert_eq(ind.events[1].count, 1);
	indicators_release(&ind);
	compute("2017S1", &ind, NULL);
	cr_assert_eq(ind.events[1].count, 1);           /* E2 only */
	indicators_release(&ind);

	/* decree: 2017S1 and the year 2017 start on 2016-12-15 */
	cr_assert_eq(settings_set(db, "period_rule", "decree_09_2019", &err),
		     SX_OK);
	compute("2016S2", &ind, NULL);                  /* ends 2016-12-14 */
	cr_assert_eq(ind.events[1].count, 0);
	indicators_release(&ind);
	compute("2017S1", &ind, NULL);
	cr_assert_eq(ind.events[1].count, 2);           /* E2 and this one */
	cr_assert_eq(ind.events_total.cost_by_funding[5], 1000000);
	indicators_release(&ind);
	compute("2017", &ind, NULL);
	cr_assert_eq(ind.events[1].count, 2);
	/* 2017 under the decree ends 2017-12-14 */
	cr_assert_eq(ind.t4.numerator, 5);
	indicators_release(&ind);
}

/* A facility deleted on another computer of the district while this one
 * still has its assessment, solutions and event links: the tombstone
 * comes from the server, without the checks record_delete makes.  Its
 * records must then count nowhere, as if deleted here. */
Test(indicators, a_facility_deleted_elsewhere_counts_nowhere)
{
	struct sx_indicators ind;
	struct sx_record *f2 = NULL;
	struct sx_error err = {0};

	cr_assert_eq(record_load(db, SXK_FACILITY, fx.f[2], &f2, &err), SX_OK);
	f2->deleted = 1;
	f2->server_rev = 7;
	cr_assert_eq(sync_store_apply_remote(db, f2, &err), SX_OK, "%s",
		     err.msg);
	record_free(f2);

	compute("2017S1", &ind, NULL);
	/* A2 (F2's rapid assessment of 2017-04-10) no longer counts */
	cr_assert_eq(ind.t2.period, 0);
	cr_assert_eq(ind.t2.cumulative, 1);
	/* S5 (A2, implemented 2017-03-03) goes: S1 and S2 are left */
	cr_assert_eq(ind.solutions_total.implemented, 2);
	cr_assert_eq(ind.solutions_total.saving_vnd, 150000000);
	cr_assert_eq(ind.solutions[5].implemented, 0);   /* onsite_recovery */
	/* E5 reached F9 alone; in all, F6 F7 F3 F4 F5 F13 F16 F9 */
	cr_assert_eq(ind.events[5].facilities_reached, 1);
	cr_assert_eq(ind.events_total.facilities_reached, 8);
	/* F2 was reached by E1 and E5 but is gone from T1's count too */
	cr_assert_eq(ind.t1.denominator, 12);
	cr_assert_eq(ind.t1.numerator, 7);
	indicators_release(&ind);
}

/* report_fixture.h — a small district (Mộc Châu, code 123) built through
 * the record API, whose every indicator is worked out by hand below and
 * asserted in test_indicators.c and test_report.c.
 *
 * Plan start 2016-01-01.  Calendar 2017S1 = 2017-01-01 … 2017-06-30.
 *
 * Facilities (20).  cp = cp_potential; VSIC division in brackets.
 *   F1–F6   enterprise  active  cp   F1–F4 [10] 10620, F5–F6 [10] 10770
 *   F7–F9   cooperative active  cp   F7–F8 [10] 10770, F9 [10] 10760
 *   F10–F12 household   active  cp   [10] 10760
 *   F13 enterprise  closed 2017-03-01     cp  [10] 10720
 *   F14 cooperative closed 2017-08-01     cp  [16] 16101 (active at S1 end)
 *   F15 household   suspended 2017-05-15  cp  [23] 23920
 *   F16 enterprise  active  no cp  [23] 23920
 *   F17 household   active  no cp  [31] 31001
 *   F18 household   active  no cp  [31] 31001
 *   F19 cooperative active  no cp  [16] 16101
 *   F20 enterprise  active  cp  [10] 10620 — deleted (tombstone)
 * Active at 2017-06-30: F1–F12, F14, F16–F19 = 17
 *   by kind: enterprise F1–F6,F16 = 7; cooperative F7–F9,F14,F19 = 5;
 *   household F10–F12,F17,F18 = 5.  By division: 10 → 12, 16 → 2,
 *   23 → 1, 31 → 2.  With cp: F1–F12, F14 = 13.
 *
 * Events (5) and whom they reached:
 *   E1 training     2016-11-10  30 people  20.000.000 national_promotion
 *      F1 F2 F3; people P1 (completed), P2 (completed), P3 (not)
 *   E2 workshop     2017-03-15  45 people  15.000.000 local_promotion
 *      F3 F4 F5 F13 F16; person P8 completed=1 (a workshop: no training)
 *   E3 training     2017-06-30  25 people  12.500.000 district_budget
 *      F6 F7; person P4 (completed)
 *   E4 media        2017-07-01   0 people   5.000.000 province_budget
 *      F8
 *   E5 site_visit   2017-02-20  12 people   8.000.000 enterprise
 *      F9 F2, and F10 through a link that is then deleted
 *
 * People (8): P1 promotion_officer, P2 monitoring_officer, P3
 *   collaborator, P4 collaborator, P5 collaborator trained_on 2017-07-15,
 *   P6 promotion_officer INACTIVE trained_on 2016-05-01, P7 other
 *   trained_on 2016-09-09, P8 collaborator.  All active except P6.
 *
 * Assessments (4): A1 F1 rapid completed 2016-12-10; A2 F2 rapid
 *   completed 2017-04-10; A3 F1 detailed completed 2017-05-20; A4 F3
 *   rapid in_progress.
 *
 * Solutions (5):
 *   S1 A1 good_housekeeping      implemented 2017-02-01  inv 10.000.000
 *      saving 30.000.000 VND, 12.000 kWh, 500 m³ water
 *   S2 A3 equipment_modification implemented 2017-06-15  inv 250.000.000
 *      saving 120.000.000 VND, 80.000 kWh, 25,5 t coal
 *   S3 A3 technology_change      proposed                inv 900.000.000
 *   S4 A2 good_housekeeping      implemented 2017-08-10  inv 2.000.000
 *      saving 8.000.000 VND, 5.000 kWh
 *   S5 A2 onsite_recovery        implemented 2017-03-03  inv 40.000.000
 *      saving 25.000.000 VND, 1,2 t oil, 10 t biomass, 1.200,5 m³ water,
 *      3,25 t materials
 *
 * Consumption (6 facilities): 2016 rows, the consumption year of the
 *   2017 half-year reports (period_consumption_year), for F1 (500.000
 *   kWh, 120 t coal,
 *   3.000 m³, 800 t materials, 600 t output), F2 (200.000 kWh, 5 t oil,
 *   50 t biomass, 150 t output), F4 (10.000 kWh, output 0), F13 (9.999
 *   kWh; closed), F16 (30.000 kWh, 20 t biomass, 40 t output); a 2015 row
 *   for F5 (77.777 kWh).
 */
#ifndef SXSH_TESTS_REPORT_FIXTURE_H
#define SXSH_TESTS_REPORT_FIXTURE_H

#include "core_fixture.h"

struct rfx {
	char f[21][SX_UUID_LEN + 1];   /* f[1]..f[20] */
	char p[9][SX_UUID_LEN + 1];
	char e[6][SX_UUID_LEN + 1];
	char a[5][SX_UUID_LEN + 1];
};

static inline void rfx_facility(struct sx_db *db, struct rfx *x, int i,
				const char *kind, const char *vsic,
				const char *status, const char *closed_on,
				const char *cp)
{
	char name[64];
	snprintf(name, sizeof name, "Cơ sở số %02d Mộc Châu", i);
	fx_save(db, SXK_FACILITY, x->f[i], "name", name, "kind", kind,
		"vsic", vsic, "commune", i % 2 ? "03979" : "03985", "status",
		status, "closed_on", closed_on, "cp_potential", cp, NULL);
}

static inline void rfx_link_facility(struct sx_db *db, struct rfx *x,
				     int e, int f, char *uuid_out)
{
	fx_save(db, SXK_EVENT_FACILITY, uuid_out, "event_id", x->e[e],
		"facility_id", x->f[f], NULL);
}

static inline void rfx_link_person(struct sx_db *db, struct rfx *x, int e,
				   int p, const char *completed)
{
	fx_save(db, SXK_EVENT_PERSON, NULL, "event_id", x->e[e], "person_id",
		x->p[p], "completed", completed, NULL);
}

static inline void rfx_build(struct sx_db *db, struct rfx *x)
{
	struct sx_problems pr;
	struct sx_error err = {0};
	char link[SX_UUID_LEN + 1];

	memset(x, 0, sizeof *x);
	for (int i = 1; i <= 12; i++)
		rfx_facility(db, x, i, i <= 6 ? "enterprise" :
			     i <= 9 ? "cooperative" : "household",
			     i <= 4 ? "10620" : i <= 8 ? "10770" : "10760",
			     "active", NULL, "1");
	rfx_facility(db, x, 13, "enterprise", "10720", "closed",
		     "2017-03-01", "1");
	rfx_facility(db, x, 14, "cooperative", "16101", "closed",
		     "2017-08-01", "1");
	rfx_facility(db, x, 15, "household", "23920", "suspended",
		     "2017-05-15", "1");
	rfx_facility(db, x, 16, "enterprise", "23920", "active", NULL, "0");
	rfx_facility(db, x, 17, "household", "31001", "active", NULL, "0");
	rfx_facility(db, x, 18, "household", "31001", "active", NULL, "0");
	rfx_facility(db, x, 19, "cooperative", "16101", "active", NULL, "0");
	rfx_facility(db, x, 20, "enterprise", "10620", "active", NULL, "1");

	static const struct {
		const char *role, *active, *trained;
	} people[] = {
		{NULL, NULL, NULL},
		{"promotion_officer", "1", NULL},
		{"monitoring_officer", "1", NULL},
		{"collaborator", "1", NULL},
		{"collaborator", "1", NULL},
		{"collaborator", "1", "2017-07-15"},
		{"promotion_officer", "0", "2016-05-01"},
		{"other", "1", "2016-09-09"},
		{"collaborator", "1", NULL},
	};
	for (int i = 1; i <= 8; i++) {
		char name[64];
		snprintf(name, sizeof name, "Người số %d", i);
		fx_save(db, SXK_PERSON, x->p[i], "name", name, "role",
			people[i].role, "active", people[i].active,
			"trained_on", people[i].trained, NULL);
	}

	fx_save(db, SXK_EVENT, x->e[1], "type", "training", "title",
		"Tập huấn SXSH cho cán bộ", "held_on", "2016-11-10", "place",
		"Hội trường UBND huyện", "commune", "03979", "participants",
		"30", "cost_vnd", "20000000", "funding", "national_promotion",
		NULL);
	fx_save(db, SXK_EVENT, x->e[2], "type", "workshop", "title",
		"Hội thảo SXSH ngành chế biến", "held_on", "2017-03-15",
		"participants", "45", "cost_vnd", "15000000", "funding",
		"local_promotion", NULL);
	fx_save(db, SXK_EVENT, x->e[3], "type", "training", "title",
		"Tập huấn cộng tác viên", "held_on", "2017-06-30",
		"participants", "25", "cost_vnd", "12500000", "funding",
		"district_budget", NULL);
	fx_save(db, SXK_EVENT, x->e[4], "type", "media", "title",
		"Phóng sự truyền hình", "held_on", "2017-07-01",
		"participants", "0", "cost_vnd", "5000000", "funding",
		"province_budget", NULL);
	fx_save(db, SXK_EVENT, x->e[5], "type", "site_visit", "title",
		"Tham quan mô hình chè", "held_on", "2017-02-20",
		"participants", "12", "cost_vnd", "8000000", "funding",
		"enterprise", NULL);

	rfx_link_facility(db, x, 1, 1, NULL);
	rfx_link_facility(db, x, 1, 2, NULL);
	rfx_link_facility(db, x, 1, 3, NULL);
	rfx_link_facility(db, x, 2, 3, NULL);
	rfx_link_facility(db, x, 2, 4, NULL);
	rfx_link_facility(db, x, 2, 5, NULL);
	rfx_link_facility(db, x, 2, 13, NULL);
	rfx_link_facility(db, x, 2, 16, NULL);
	rfx_link_facility(db, x, 3, 6, NULL);
	rfx_link_facility(db, x, 3, 7, NULL);
	rfx_link_facility(db, x, 4, 8, NULL);
	rfx_link_facility(db, x, 5, 9, NULL);
	rfx_link_facility(db, x, 5, 2, NULL);
	rfx_link_facility(db, x, 5, 10, link);
	problems_init(&pr);
	cr_assert_eq(record_delete(db, SXK_EVENT_FACILITY, link, &pr, &err),
		     SX_OK, "%s", err.msg);
	cr_assert_eq(record_delete(db, SXK_FACILITY, x->f[20], &pr, &err),
		     SX_OK, "%s", err.msg);
	problems_release(&pr);

	rfx_link_person(db, x, 1, 1, "1");
	rfx_link_person(db, x, 1, 2, "1");
	rfx_link_person(db, x, 1, 3, "0");
	rfx_link_person(db, x, 3, 4, "1");
	rfx_link_person(db, x, 2, 8, "1");

	fx_save(db, SXK_ASSESSMENT, x->a[1], "facility_id", x->f[1], "type",
		"rapid", "status", "completed", "started_on", "2016-12-01",
		"completed_on", "2016-12-10", NULL);
	fx_save(db, SXK_ASSESSMENT, x->a[2], "facility_id", x->f[2], "type",
		"rapid", "status", "completed", "started_on", "2017-04-01",
		"completed_on", "2017-04-10", "consultant",
		"Trung tâm Khuyến công Sơn La", NULL);
	fx_save(db, SXK_ASSESSMENT, x->a[3], "facility_id", x->f[1], "type",
		"detailed", "status", "completed", "started_on", "2017-05-01",
		"completed_on", "2017-05-20", "consultant",
		"Trung tâm Sản xuất sạch Việt Nam", NULL);
	fx_save(db, SXK_ASSESSMENT, x->a[4], "facility_id", x->f[3], "type",
		"rapid", "status", "in_progress", "started_on", "2017-06-01",
		NULL);

	fx_save(db, SXK_SOLUTION, NULL, "assessment_id", x->a[1], "technique",
		"good_housekeeping", "description", "Sửa rò rỉ hơi",
		"status", "implemented", "implemented_on", "2017-02-01",
		"investment_vnd", "10000000", "saving_vnd", "30000000",
		"saving_kwh", "12000", "saving_water_m3", "500", NULL);
	fx_save(db, SXK_SOLUTION, NULL, "assessment_id", x->a[3], "technique",
		"equipment_modification", "description", "Thay động cơ hiệu "
		"suất cao", "status", "implemented", "implemented_on",
		"2017-06-15", "investment_vnd", "250000000", "saving_vnd",
		"120000000", "saving_kwh", "80000", "saving_coal_t", "25.5",
		NULL);
	fx_save(db, SXK_SOLUTION, NULL, "assessment_id", x->a[3], "technique",
		"technology_change", "description", "Dây chuyền mới",
		"status", "proposed", "investment_vnd", "900000000", NULL);
	fx_save(db, SXK_SOLUTION, NULL, "assessment_id", x->a[2], "technique",
		"good_housekeeping", "description", "Tắt đèn khi không dùng",
		"status", "implemented", "implemented_on", "2017-08-10",
		"investment_vnd", "2000000", "saving_vnd", "8000000",
		"saving_kwh", "5000", NULL);
	fx_save(db, SXK_SOLUTION, NULL, "assessment_id", x->a[2], "technique",
		"onsite_recovery", "description", "Tuần hoàn nước rửa",
		"status", "implemented", "implemented_on", "2017-03-03",
		"investment_vnd", "40000000", "saving_vnd", "25000000",
		"saving_oil_t", "1.2", "saving_biomass_t", "10",
		"saving_water_m3", "1200.5", "saving_materials_t", "3.25",
		NULL);

	fx_save(db, SXK_CONSUMPTION, NULL, "facility_id", x->f[1], "year",
		"2016", "electricity_kwh", "500000", "coal_t", "120",
		"water_m3", "3000", "materials_t", "800", "output_t", "600",
		NULL);
	fx_save(db, SXK_CONSUMPTION, NULL, "facility_id", x->f[2], "year",
		"2016", "electricity_kwh", "200000", "oil_t", "5",
		"biomass_t", "50", "output_t", "150", NULL);
	fx_save(db, SXK_CONSUMPTION, NULL, "facility_id", x->f[4], "year",
		"2016", "electricity_kwh", "10000", "output_t", "0", NULL);
	fx_save(db, SXK_CONSUMPTION, NULL, "facility_id", x->f[13], "year",
		"2016", "electricity_kwh", "9999", NULL);
	fx_save(db, SXK_CONSUMPTION, NULL, "facility_id", x->f[16], "year",
		"2016", "electricity_kwh", "30000", "biomass_t", "20",
		"output_t", "40", NULL);
	fx_save(db, SXK_CONSUMPTION, NULL, "facility_id", x->f[5], "year",
		"2015", "electricity_kwh", "77777", NULL);
}

#endif

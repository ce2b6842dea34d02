/* test_period.c — period names, cut-off rules at their edges, deadlines,
 * the plan row. */
#include "helpers.h"
#include "sxsh/period.h"
#include "sxsh/plan.h"
#include "sxsh/settings.h"

static void expect(const char *name, enum sx_period_rule rule,
		   const char *start, const char *end)
{
	struct sx_period p;
	struct sx_error err = {0};

	cr_assert_eq(period_parse(name, rule, &p, &err), SX_OK, "%s: %s", name,
		     err.msg);
	cr_assert_str_eq(p.name, name);
	cr_assert_str_eq(p.start, start, "%s start", name);
	cr_assert_str_eq(p.end, end, "%s end", name);
}

Test(period, calendar_halves_and_year)
{
	expect("2017S1", SX_RULE_CALENDAR, "2017-01-01", "2017-06-30");
	expect("2017S2", SX_RULE_CALENDAR, "2017-07-01", "2017-12-31");
	expect("2017", SX_RULE_CALENDAR, "2017-01-01", "2017-12-31");
	expect("2020S1", SX_RULE_CALENDAR, "2020-01-01", "2020-06-30");
}

Test(period, decree_09_2019_starts_on_15_december_of_previous_year)
{
	expect("2017S1", SX_RULE_DECREE_09_2019, "2016-12-15", "2017-06-14");
	expect("2017S2", SX_RULE_DECREE_09_2019, "2017-06-15", "2017-12-14");
	expect("2017", SX_RULE_DECREE_09_2019, "2016-12-15", "2017-12-14");
	/* crossing into a new century of days: 2000 is a leap year */
	expect("2000S1", SX_RULE_DECREE_09_2019, "1999-12-15", "2000-06-14");
}

Test(period, rejects_bad_names)
{
	static const char *const bad[] = {"", "2017S3", "2017s1", "17S1",
					  "1999", "2100", "2017S", "2017S12",
					  "20a7", "2017 ", NULL};
	struct sx_period p;
	struct sx_error err = {0};

	for (int i = 0; bad[i]; i++) {
		cr_assert_eq(period_parse(bad[i], SX_RULE_CALENDAR, &p, &err),
			     SX_INVALID, "'%s' accepted", bad[i]);
		cr_assert_str_eq(err.field, "period");
	}
	cr_assert_eq(period_parse(NULL, SX_RULE_CALENDAR, &p, &err),
		     SX_INVALID);
}

static void contains(const char *date, enum sx_period_kind kind,
		     enum sx_period_rule rule, const char *want)
{
	struct sx_period p;
	struct sx_error err = {0};

	cr_assert_eq(period_containing(date, kind, rule, &p, &err), SX_OK,
		     "%s", err.msg);
	cr_assert_str_eq(p.name, want, "%s (%s) → %s, want %s", date,
			 period_rule_name(rule), p.name, want);
	cr_assert(strcmp(p.start, date) <= 0 && strcmp(date, p.end) <= 0,
		  "%s not in %s..%s", date, p.start, p.end);
}

Test(period, dates_at_the_edges_fall_in_the_right_period)
{
	const enum sx_period_rule C = SX_RULE_CALENDAR,
				  D = SX_RULE_DECREE_09_2019;

	contains("2017-06-30", SX_PERIOD_S1, C, "2017S1");
	contains("2017-07-01", SX_PERIOD_S1, C, "2017S2");
	contains("2017-12-31", SX_PERIOD_S2, C, "2017S2");
	contains("2017-01-01", SX_PERIOD_YEAR, C, "2017");
	contains("2017-06-14", SX_PERIOD_S1, D, "2017S1");
	contains("2017-06-15", SX_PERIOD_S1, D, "2017S2");
	contains("2017-12-14", SX_PERIOD_S1, D, "2017S2");
	contains("2017-12-15", SX_PERIOD_S1, D, "2018S1");
	contains("2017-12-14", SX_PERIOD_YEAR, D, "2017");
	contains("2017-12-15", SX_PERIOD_YEAR, D, "2018");
	contains("2018-01-01", SX_PERIOD_YEAR, D, "2018");
}

Test(period, add_days_crosses_months_and_leap_days)
{
	char out[11];

	cr_assert_eq(period_add_days("2016-02-28", 1, out), 0);
	cr_assert_str_eq(out, "2016-02-29");
	cr_assert_eq(period_add_days("2017-02-28", 1, out), 0);
	cr_assert_str_eq(out, "2017-03-01");
	cr_assert_eq(period_add_days("2017-12-31", 15, out), 0);
	cr_assert_str_eq(out, "2018-01-15");
	cr_assert_eq(period_add_days("2017-03-01", -1, out), 0);
	cr_assert_str_eq(out, "2017-02-28");
	cr_assert_eq(period_add_days("2017-02-30", 1, out), -1);
}

Test(period, deadlines_and_plan_come_from_reference_data)
{
	char path[512], dl[11];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct sx_error err = {0};
	struct sx_period p;
	struct plan plan;
	double v;

	cr_assert_eq(period_parse("2017S1", SX_RULE_CALENDAR, &p, &err), 0);
	cr_assert_eq(period_deadline(db, &p, dl, &err), SX_OK, "%s", err.msg);
	cr_assert_str_eq(dl, "2017-07-15");
	cr_assert_eq(period_parse("2017", SX_RULE_CALENDAR, &p, &err), 0);
	cr_assert_eq(period_deadline(db, &p, dl, &err), SX_OK);
	cr_assert_str_eq(dl, "2018-01-15");
	cr_assert_eq(period_parse("2017S1", SX_RULE_DECREE_09_2019, &p, &err),
		     0);
	cr_assert_eq(period_deadline(db, &p, dl, &err), SX_OK);
	cr_assert_str_eq(dl, "2017-06-20");
	cr_assert_eq(period_parse("2017S2", SX_RULE_DECREE_09_2019, &p, &err),
		     0);
	cr_assert_eq(period_deadline(db, &p, dl, &err), SX_OK);
	cr_assert_str_eq(dl, "2017-12-20");

	/* Before any sync: the shipped plan, for the periods it covers. */
	cr_assert_eq(period_plan(db, &p, &plan, &err), SX_OK, "%s", err.msg);
	cr_assert_str_eq(plan.start, "2016-01-01");
	cr_assert_str_eq(plan.end, "2020-12-31");
	cr_assert(plan_target_of(&plan, "T2", &v) && v == 15);
	cr_assert(plan_target_of(&plan, "T3", &v) && v == 7);
	cr_assert(plan_target_of(&plan, "T1", &v) && v == 0.9);
	cr_assert(plan_target_of(&plan, "T4", &v) && v == 1.0);
	plan_release(&plan);
	cr_assert_eq(period_parse("2022S1", SX_RULE_CALENDAR, &p, &err), 0);
	cr_assert_eq(period_plan(db, &p, &plan, &err), SX_NOTFOUND);
	cr_assert_str_eq(err.msg_vi, "Không thuộc kế hoạch nào");
	sx_db_close(db);
}

#define PLAN_2021 \
	"{\"code\": \"sonla-2021-2025\", \"title\": \"Kế hoạch 2021–2025\"," \
	" \"decision\": \"123/QĐ-UBND\", \"version\": 2," \
	" \"start\": \"2021-01-01\", \"end\": \"2025-12-31\"," \
	" \"targets\": {\"T1\": \"0.95\", \"T2\": 30}}"

Test(period, the_plans_of_the_province_replace_the_shipped_one)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct sx_error err = {0};
	struct sx_period p;
	struct plan plan;
	const char *texts[] = {PLAN_2021, "{\"code\": 1}"};
	size_t lens[] = {strlen(texts[0]), strlen(texts[1])};
	double v;

	/* One plan that does not read: nothing changes. */
	cr_assert_eq(period_plans_store(db, texts, lens, 2, &err), SX_INVALID);
	cr_assert_eq(period_parse("2017S1", SX_RULE_CALENDAR, &p, &err), 0);
	cr_assert_eq(period_plan(db, &p, &plan, &err), SX_OK);
	plan_release(&plan);
	cr_assert_eq(period_plans_store(db, texts, lens, 1, &err), SX_OK,
		     "%s", err.msg);
	cr_assert_eq(period_parse("2022S1", SX_RULE_CALENDAR, &p, &err), 0);
	cr_assert_eq(period_plan(db, &p, &plan, &err), SX_OK, "%s", err.msg);
	cr_assert_str_eq(plan.code, "sonla-2021-2025");
	cr_assert_eq(plan.version, 2);
	cr_assert(plan_target_of(&plan, "T1", &v) && v == 0.95);
	cr_assert_not(plan_target_of(&plan, "T4", &v));
	plan_release(&plan);
	/* The province's list is the whole list: 2017 is now in no plan. */
	cr_assert_eq(period_parse("2017S1", SX_RULE_CALENDAR, &p, &err), 0);
	cr_assert_eq(period_plan(db, &p, &plan, &err), SX_NOTFOUND);
	sx_db_close(db);
	/* Kept across a reopen. */
	cr_assert_eq(sx_db_open(path, 0, &db, &err), SX_OK);
	cr_assert_eq(period_parse("2025S2", SX_RULE_CALENDAR, &p, &err), 0);
	cr_assert_eq(period_plan(db, &p, &plan, &err), SX_OK);
	plan_release(&plan);
	sx_db_close(db);
}

Test(period, rule_setting_selects_the_cut_off)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct sx_error err = {0};
	struct sx_period p;

	cr_assert_eq(period_resolve(db, "2017S1", &p, &err), SX_OK);
	cr_assert_str_eq(p.end, "2017-06-30");
	cr_assert_eq(settings_set(db, "period_rule", "decree_09_2019", &err),
		     SX_OK);
	cr_assert_eq(period_resolve(db, "2017S1", &p, &err), SX_OK);
	cr_assert_str_eq(p.start, "2016-12-15");
	cr_assert_str_eq(p.end, "2017-06-14");
	cr_assert_eq(settings_set(db, "period_rule", "lunar", &err), SX_OK);
	cr_assert_eq(period_resolve(db, "2017S1", &p, &err), SX_INVALID);
	sx_db_close(db);
}

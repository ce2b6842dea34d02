/* test_report_check.c — the findings before finalising (report_check.h):
 * an open period blocks and names the first day, each warning names its
 * records, figures are compared with the previous period, finalise obeys
 * the check on the command line, and the consumption year of a report at
 * the period edges. */
#include <jansson.h>
#include <stdlib.h>
#include "report_fixture.h"
#include "sxsh/indicators.h"
#include "sxsh/report.h"
#include "sxsh/report_check.h"

static struct sx_db *db;
static struct rfx fx;
static char path[512];

static void setup(void)
{
	unsetenv("SXSH_NOW");
	db = th_district_db(path, sizeof path);
	rfx_build(db, &fx);
}

static void teardown(void)
{
	unsetenv("SXSH_NOW");
	sx_db_close(db);
}

TestSuite(report_check, .init = setup, .fini = teardown);

static void check(const char *period, struct sx_check *c)
{
	struct sx_error err = {0};

	cr_assert_eq(report_check(db, period, c, &err), SX_OK, "%s", err.msg);
}

/* The finding with code whose records include uuid (NULL: the first
 * finding with code), or NULL. */
static const struct sx_finding *finding(const struct sx_check *c,
					const char *code, const char *uuid)
{
	for (int i = 0; i < c->n; i++) {
		if (strcmp(c->items[i].code, code))
			continue;
		if (!uuid)
			return &c->items[i];
		for (int r = 0; r < c->items[i].nrecords; r++)
			if (!strcmp(c->items[i].records[r], uuid))
				return &c->items[i];
	}
	return NULL;
}

static int has_record(const struct sx_finding *f, const char *uuid)
{
	for (int r = 0; f && r < f->nrecords; r++)
		if (!strcmp(f->records[r], uuid))
			return 1;
	return 0;
}

Test(report_check, open_period_blocks_and_names_the_first_day)
{
	struct sx_check c = {0};
	struct sx_error err = {0};
	struct sx_report_rev *revs = NULL;
	const struct sx_finding *f;
	int n = -1;

	setenv("SXSH_NOW", "2017-06-30", 1);  /* the last day of 2017S1 */
	check("2017S1", &c);
	f = report_check_first(&c, SX_SEVERITY_BLOCK);
	cr_assert_not_null(f);
	cr_assert_str_eq(f->code, "period_open");
	cr_assert_not_null(strstr(f->msg_vi, "01/07/2017"), "%s", f->msg_vi);
	cr_assert_not_null(strstr(f->msg_en, "2017-07-01"), "%s", f->msg_en);
	cr_assert_eq(report_finalise(db, "2017S1", NULL, &err), SX_INVALID);
	cr_assert_not_null(strstr(err.msg_vi, "01/07/2017"));
	cr_assert_eq(report_list(db, NULL, NULL, &revs, &n, &err), SX_OK);
	cr_assert_eq(n, 0, "nothing written");
	free(revs);

	setenv("SXSH_NOW", "2017-07-01", 1);  /* the next day it may */
	check("2017S1", &c);
	cr_assert_null(finding(&c, "period_open", NULL));
	cr_assert_eq(report_check_count(&c, SX_SEVERITY_BLOCK), 0);
	cr_assert_eq(report_finalise(db, "2017S1", NULL, &err), SX_OK, "%s",
		     err.msg);
	report_check_release(&c);
}

Test(report_check, warnings_name_their_records)
{
	struct sx_check c = {0};
	char lonely[SX_UUID_LEN + 1], empty_course[SX_UUID_LEN + 1],
	     no_saving[SX_UUID_LEN + 1];
	const struct sx_finding *f;

	fx_save(db, SXK_EVENT, lonely, "type", "workshop", "title",
		"Hội thảo không ai đến", "held_on", "2017-04-01", NULL);
	fx_save(db, SXK_EVENT, empty_course, "type", "training", "title",
		"Lớp chưa ghi học viên", "held_on", "2017-05-01", NULL);
	fx_save(db, SXK_EVENT_FACILITY, NULL, "event_id", empty_course,
		"facility_id", fx.f[11], NULL);
	fx_save(db, SXK_SOLUTION, no_saving, "assessment_id", fx.a[2],
		"technique", "good_housekeeping", "description",
		"Chưa đo tiết kiệm", "status", "implemented",
		"implemented_on", "2017-05-05", NULL);
	check("2017S1", &c);
	cr_assert_eq(report_check_count(&c, SX_SEVERITY_BLOCK), 0);

	/* CP facilities active at the end with no 2016 row: F3, F5–F12,
	 * F14 (F1, F2, F4 have one; F13 closed) */
	f = finding(&c, "consumption_missing", NULL);
	cr_assert_not_null(f);
	cr_assert_eq(f->severity, SX_SEVERITY_WARN);
	cr_assert_str_eq(f->kind, "facility");
	cr_assert_eq(f->nrecords, 10);
	cr_assert(has_record(f, fx.f[3]) && has_record(f, fx.f[14]));
	cr_assert(!has_record(f, fx.f[1]) && !has_record(f, fx.f[13]));
	cr_assert_not_null(strstr(f->msg_vi, "năm 2016"), "%s", f->msg_vi);

	f = finding(&c, "event_without_facilities", NULL);
	cr_assert_not_null(f);
	cr_assert_eq(f->nrecords, 1);
	cr_assert_str_eq(f->records[0], lonely);
	cr_assert_str_eq(f->kind, "event");

	f = finding(&c, "training_without_people", NULL);
	cr_assert_not_null(f);
	cr_assert_eq(f->nrecords, 1);
	cr_assert_str_eq(f->records[0], empty_course);

	f = finding(&c, "solution_without_saving", NULL);
	cr_assert_not_null(f);
	cr_assert_eq(f->nrecords, 1);
	cr_assert_str_eq(f->records[0], no_saving);

	/* F4's 2016 row: 10.000 kWh and no output */
	f = finding(&c, "outlier", NULL);
	cr_assert_not_null(f);
	cr_assert_str_eq(f->kind, "consumption");
	cr_assert_eq(f->nrecords, 1);
	report_check_release(&c);
}

Test(report_check, figure_ten_times_the_previous_period_is_an_outlier)
{
	struct sx_check c = {0};

	/* 2017S1 events cost 35.500.000 against 20.000.000 in 2016S2 */
	check("2017S1", &c);
	for (int i = 0; i < c.n; i++)
		cr_assert(!strstr(c.items[i].msg_en, "event cost"), "%s",
			  c.items[i].msg_en);
	fx_save(db, SXK_EVENT, NULL, "type", "demonstration", "title",
		"Mô hình trình diễn", "held_on", "2017-06-01", "cost_vnd",
		"500000000", NULL);
	check("2017S1", &c);
	int seen = 0;
	for (int i = 0; i < c.n; i++)
		if (!strcmp(c.items[i].code, "outlier") &&
		    strstr(c.items[i].msg_en, "event cost")) {
			seen = 1;
			cr_assert_not_null(strstr(c.items[i].msg_vi,
						  "535.500.000"), "%s",
					   c.items[i].msg_vi);
			cr_assert_not_null(strstr(c.items[i].msg_en,
						  "2016S2"));
		}
	cr_assert(seen);
	report_check_release(&c);
}

Test(report_check, json_lists_findings_with_records_in_the_language)
{
	struct sx_check c = {0};
	struct sx_error err = {0};
	char *out = NULL;
	json_error_t jerr;
	json_t *doc, *arr, *first;

	setenv("SXSH_NOW", "2017-03-01", 1);
	check("2017S1", &c);
	cr_assert_eq(report_check_json(&c, "en", &out, &err), SX_OK);
	doc = json_loads(out, 0, &jerr);
	cr_assert_not_null(doc, "%s", out);
	arr = json_object_get(doc, "findings");
	cr_assert(json_is_array(arr) && json_array_size(arr) >= 2);
	first = json_array_get(arr, 0);
	cr_assert_str_eq(json_string_value(json_object_get(first, "severity")),
			 "block");
	cr_assert_str_eq(json_string_value(json_object_get(first, "code")),
			 "period_open");
	cr_assert_not_null(strstr(json_string_value(json_object_get(first,
			   "message")), "has not ended"));
	cr_assert(json_is_array(json_object_get(first, "records")));
	json_decref(doc);
	free(out);
	cr_assert_eq(report_check_json(&c, "vi", &out, &err), SX_OK);
	cr_assert_not_null(strstr(out, "chưa kết thúc"));
	free(out);
	report_check_release(&c);
}

Test(report_check, cli_check_and_finalise_follow_the_findings)
{
	const char *bin = th_bin();
	char cmd[700], json[600];

	if (access(bin, X_OK) != 0)
		cr_skip_test("no sxsh binary at %s", bin);
	sx_db_close(db);
	db = NULL;
	snprintf(cmd, sizeof cmd, "SXSH_NOW=2017-06-30 '%s' --db '%s'", bin,
		 path);
	th_path(json, sizeof json, th_tmpdir(), "check.json");
	cr_assert_eq(th_system("%s report check --period 2017S1 | grep -q"
			       " 'CHẶN \\[period_open\\].*01/07/2017'", cmd), 0);
	cr_assert_eq(th_system("%s report check --period 2017S1 >/dev/null",
			       cmd), 2);
	cr_assert_eq(th_system("%s report finalise --period 2017S1"
			       " --accept-warnings >/dev/null 2>&1", cmd), 2);
	cr_assert_eq(th_system("%s report list | grep -q 2017S1", cmd), 1,
		     "nothing finalised");
	snprintf(cmd, sizeof cmd, "SXSH_NOW=2017-07-01 '%s' --db '%s'"
		 " --lang en", bin, path);
	cr_assert_eq(th_system("%s report check --period 2017S1 --format json"
			       " > '%s'", cmd, json), 0);
	cr_assert_eq(th_system("grep -q '\"code\": \"consumption_missing\"'"
			       " '%s' && grep -q 'have no consumption' '%s'",
			       json, json), 0);
	cr_assert_eq(th_system("%s report finalise --period 2017S1"
			       " 2>&1 >/dev/null | grep -q accept-warnings",
			       cmd), 0);
	cr_assert_eq(th_system("%s report finalise --period 2017S1"
			       " --accept-warnings >/dev/null", cmd), 0);
	cr_assert_eq(th_system("%s report check --period 2017S1 --format xml"
			       " >/dev/null 2>&1", cmd), 2);
	cr_assert_eq(th_system("%s report check --period 2017S1 --format html"
			       " >/dev/null 2>&1", cmd), 2);
}

/* ---- the consumption year ------------------------------------------ */

static int cyear(const char *name, enum sx_period_rule rule)
{
	struct sx_period p;

	cr_assert_eq(period_parse(name, rule, &p, NULL), SX_OK);
	return period_consumption_year(&p);
}

Test(report_check, consumption_year_is_the_last_complete_year_of_a_half)
{
	struct sx_indicators ind;
	struct sx_period p;

	cr_assert_eq(cyear("2026S1", SX_RULE_CALENDAR), 2025);
	cr_assert_eq(cyear("2026S2", SX_RULE_CALENDAR), 2025);
	cr_assert_eq(cyear("2026", SX_RULE_CALENDAR), 2026);
	/* the decree's S1 starts on 15 Dec of the year before: same year */
	cr_assert_eq(cyear("2026S1", SX_RULE_DECREE_09_2019), 2025);
	cr_assert_eq(cyear("2026", SX_RULE_DECREE_09_2019), 2026);
	/* at the edges: a record of 31/12 is in S2 and 01/01 in the next
	 * S1, and both count the same consumption year */
	cr_assert_eq(period_containing("2016-12-31", SX_PERIOD_S1,
				       SX_RULE_CALENDAR, &p, NULL), SX_OK);
	cr_assert_str_eq(p.name, "2016S2");
	cr_assert_eq(period_consumption_year(&p), 2015);
	cr_assert_eq(period_containing("2017-01-01", SX_PERIOD_S1,
				       SX_RULE_CALENDAR, &p, NULL), SX_OK);
	cr_assert_eq(period_consumption_year(&p), 2016);

	/* the figures follow: 2017S2 counts the 2016 rows, the year 2017
	 * report the 2017 rows (none), 2018S1 the 2017 rows (none) */
	indicators_init(&ind);
	cr_assert_eq(period_parse("2017S2", SX_RULE_CALENDAR, &p, NULL), SX_OK);
	cr_assert_eq(indicators_compute(db, &p, &ind, NULL, NULL), SX_OK);
	cr_assert_eq(ind.consumption.year, 2016);
	cr_assert_eq(ind.consumption.facilities_with_data, 4);
	cr_assert_eq(period_parse("2017", SX_RULE_CALENDAR, &p, NULL), SX_OK);
	cr_assert_eq(indicators_compute(db, &p, &ind, NULL, NULL), SX_OK);
	cr_assert_eq(ind.consumption.year, 2017);
	cr_assert_eq(ind.consumption.facilities_with_data, 0);
	indicators_release(&ind);
}

Test(report_check, report_text_states_the_consumption_year_and_why)
{
	struct sx_render_opts o = {"vi", "2017-07-10", "draft", NULL};
	char *json = NULL, *text = NULL;

	cr_assert_eq(report_build(db, "2017S1", &json, NULL, NULL), SX_OK);
	cr_assert_eq(report_render(json, SX_REPORT_TEXT, &o, &text, NULL,
				   NULL), SX_OK);
	cr_assert_not_null(strstr(text, "năm 2016"), "%s", text);
	cr_assert_not_null(strstr(text, "năm trọn gần nhất"), "%s", text);
	free(text);
	free(json);
}

/* ---- the province's answer in command output ---------------------- */

Test(report_check, status_and_list_show_the_answer_whole_in_vietnamese)
{
	const char *bin = th_bin();
	struct sx_report_rev rev;
	struct sx_error err = {0};
	char cmd[700], reason[700];

	if (access(bin, X_OK) != 0)
		cr_skip_test("no sxsh binary at %s", bin);
	/* a reason longer than 256 bytes, its end marked */
	snprintf(reason, sizeof reason, "%s", "Thiếu số liệu tiêu thụ");
	while (strlen(reason) < 400)
		strcat(reason, " và chưa giải trình chi phí");
	strcat(reason, " — HẾT");
	cr_assert_eq(report_finalise(db, "2017S1", &rev, &err), SX_OK);
	cr_assert_eq(report_submit(db, "2017S1", NULL, &err), SX_OK);
	cr_assert_eq(report_set_status(db, rev.id, "returned", reason, NULL,
				       &err), SX_OK);
	cr_assert_eq(report_finalise(db, "2016S2", &rev, &err), SX_OK);
	cr_assert_eq(report_submit(db, "2016S2", NULL, &err), SX_OK);
	cr_assert_eq(report_set_status(db, rev.id, "accepted", NULL, NULL,
				       &err), SX_OK);
	sx_db_close(db);
	db = NULL;
	snprintf(cmd, sizeof cmd, "'%s' --db '%s'", bin, path);
	cr_assert_eq(th_system("%s status | grep -q '2017S1 bản 1: bị trả lại"
			       ".*lý do: Thiếu số liệu.*— HẾT$'", cmd), 0);
	cr_assert_eq(th_system("%s status | grep -q '2016S2 bản 1: đã được"
			       " chấp nhận'", cmd), 0);
	cr_assert_eq(th_system("%s report list | grep -q '2017S1 .*bị trả lại'",
			       cmd), 0);
	cr_assert_eq(th_system("%s report list | grep -q returned", cmd), 1);
	cr_assert_eq(th_system("%s --lang en status | grep -q '2017S1"
			       " revision 1: returned'", cmd), 0);
}

/* test_report_diff.c — revisions compared: the lines for T1–T4, figures,
 * narrative lines and annex rows; which two forms are compared by
 * default; the command line. */
#include <jansson.h>
#include "report_fixture.h"
#include "sxsh/report.h"
#include "sxsh/report_diff.h"

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

TestSuite(report_diff, .init = setup, .fini = teardown);

static void has(const char *hay, const char *needle)
{
	cr_assert_not_null(strstr(hay, needle), "missing: %s\nin:\n%s", needle,
			   hay);
}

static char *build(void)
{
	struct sx_error err = {0};
	char *json = NULL;

	cr_assert_eq(report_build(db, "2017S1", &json, NULL, &err), SX_OK,
		     "%s", err.msg);
	return json;
}

Test(report_diff, lines_for_targets_figures_narrative_and_annexes)
{
	char *json = build(), *out = NULL, *changed;
	json_error_t jerr;
	json_t *doc = json_loads(json, 0, &jerr);
	json_t *ind = json_object_get(doc, "indicators");
	json_t *t4 = json_object_get(ind, "T4");
	json_t *t2 = json_object_get(ind, "T2");
	json_t *total = json_object_get(json_object_get(ind, "events"),
					"total");
	json_t *annex = json_object_get(json_object_get(doc, "annexes"),
					"events");
	struct sx_error err = {0};
	int n = -1;

	json_object_set_new(t4, "numerator", json_integer(6));
	json_object_set_new(t4, "denominator", json_integer(8));
	json_object_set_new(t4, "rate", json_string("0.7500"));
	json_object_set_new(t2, "cumulative", json_integer(3));
	json_object_set_new(total, "cost_vnd", json_integer(40000000));
	json_object_set_new(json_object_get(doc, "narrative"), "difficulties",
			    json_string("Thiếu kinh phí"));
	json_object_set_new(doc, "revision", json_integer(9));
	json_array_remove(annex, 0);
	changed = json_dumps(doc, JSON_PRESERVE_ORDER | JSON_COMPACT);

	cr_assert_eq(report_diff_json(json, changed, "vi", &out, &n, &err),
		     SX_OK, "%s", err.msg);
	has(out, "T4 4/7 → 6/8 (57,1% → 75,0%)\n");
	has(out, "T2 lũy kế 2 → 3\n");
	has(out, "Hoạt động · tổng · kinh phí (đồng): 35.500.000 → "
	    "40.000.000\n");
	has(out, "Khó khăn, vướng mắc: + Thiếu kinh phí\n");
	has(out, "Phụ lục 2: − ");
	cr_assert_null(strstr(out, "9"), "the revision number is no change: "
		       "%s", out);
	cr_assert_eq(n, 5, "%s", out);
	free(out);

	/* English labels, and nothing for the same document */
	cr_assert_eq(report_diff_json(json, changed, "en", &out, &n, &err),
		     SX_OK);
	has(out, "T2 cumulative 2 → 3\n");
	has(out, "Difficulties: + Thiếu kinh phí\n");
	free(out);
	cr_assert_eq(report_diff_json(json, json, "vi", &out, &n, &err),
		     SX_OK);
	cr_assert_eq(n, 0);
	cr_assert_str_eq(out, "");
	free(out);
	cr_assert_eq(report_diff_json(json, "{\"schema\":\"x\"}", "vi", &out,
				      &n, &err), SX_INVALID);
	free(changed);
	json_decref(doc);
	free(json);
}

/* Narrative lines are compared in order: a changed line shows as the old
 * one removed and the new one added, untouched lines not at all. */
Test(report_diff, narrative_line_by_line)
{
	struct sx_error err = {0};
	char *json = build(), *a, *b, *out = NULL;
	json_error_t jerr;
	json_t *doc = json_loads(json, 0, &jerr);
	json_t *nar = json_object_get(doc, "narrative");
	int n = 0;

	json_object_set_new(nar, "results",
			    json_string("Một\nHai\nBa\nBốn"));
	a = json_dumps(doc, JSON_PRESERVE_ORDER | JSON_COMPACT);
	json_object_set_new(nar, "results",
			    json_string("Một\nHai đã sửa\nBa\nBốn\nNăm"));
	b = json_dumps(doc, JSON_PRESERVE_ORDER | JSON_COMPACT);
	cr_assert_eq(report_diff_json(a, b, "vi", &out, &n, &err), SX_OK);
	cr_assert_str_eq(out, "Kết quả thực hiện: − Hai\n"
			 "Kết quả thực hiện: + Hai đã sửa\n"
			 "Kết quả thực hiện: + Năm\n");
	cr_assert_eq(n, 3);
	free(out);
	free(a);
	free(b);
	json_decref(doc);
	free(json);
}

Test(report_diff, default_sides_and_revisions_given)
{
	struct sx_error err = {0};
	struct sx_report_rev rev;
	char *out = NULL;
	int from = -1, to = -1, n = 0;

	cr_assert_eq(report_diff_pick(db, "2017S1", &from, &to, &err),
		     SX_NOTFOUND, "nothing finalised yet");
	cr_assert_eq(report_finalise(db, "2017S1", &rev, &err), SX_OK, "%s",
		     err.msg);
	/* the draft is as revision 1: revision 1 against the draft */
	cr_assert_eq(report_diff_pick(db, "2017S1", &from, &to, &err), SX_OK);
	cr_assert_eq(from, 1);
	cr_assert_eq(to, SX_REPORT_DRAFT);
	cr_assert_eq(report_diff(db, "2017S1", from, to, "vi", &out, &n,
				 &err), SX_OK);
	has(out, "Thay đổi kỳ 2017S1: bản 1 → bản nháp\n");
	has(out, "Không có thay đổi.");
	cr_assert_eq(n, 0);
	free(out);
	/* a changed draft is compared with the latest revision */
	cr_assert_eq(report_narrative_set(db, "2017S1", "proposals",
					  "Xin thêm kinh phí", &err), SX_OK);
	from = to = -1;
	cr_assert_eq(report_diff_pick(db, "2017S1", &from, &to, &err), SX_OK);
	cr_assert_eq(from, 1);
	cr_assert_eq(to, SX_REPORT_DRAFT);
	cr_assert_eq(report_diff(db, "2017S1", from, to, "vi", &out, &n,
				 &err), SX_OK);
	has(out, "Kiến nghị, đề xuất: + Xin thêm kinh phí\n");
	free(out);
	/* finalised again: the last two revisions */
	cr_assert_eq(report_finalise(db, "2017S1", &rev, &err), SX_OK);
	from = to = -1;
	cr_assert_eq(report_diff_pick(db, "2017S1", &from, &to, &err), SX_OK);
	cr_assert_eq(from, 1);
	cr_assert_eq(to, 2);
	cr_assert_eq(report_diff(db, "2017S1", from, to, "en", &out, &n,
				 &err), SX_OK);
	has(out, "Changes in 2017S1: revision 1 → revision 2\n");
	has(out, "Proposals: + Xin thêm kinh phí\n");
	free(out);
	/* only --to, only --from; and refusals */
	from = -1;
	to = 2;
	cr_assert_eq(report_diff_pick(db, "2017S1", &from, &to, &err), SX_OK);
	cr_assert_eq(from, 1);
	from = 2;
	to = -1;
	cr_assert_eq(report_diff_pick(db, "2017S1", &from, &to, &err), SX_OK);
	cr_assert_eq(to, SX_REPORT_DRAFT);
	from = 3;
	to = -1;
	cr_assert_eq(report_diff_pick(db, "2017S1", &from, &to, &err),
		     SX_NOTFOUND);
	from = 2;
	to = 1;
	cr_assert_eq(report_diff_pick(db, "2017S1", &from, &to, &err),
		     SX_INVALID);
	from = -1;
	to = 1;
	cr_assert_eq(report_diff_pick(db, "2017S1", &from, &to, &err),
		     SX_INVALID);
}

Test(report_diff, cli_prints_the_changes)
{
	const char *bin = th_bin();
	struct sx_error err = {0};
	struct sx_report_rev rev;

	if (access(bin, X_OK) != 0)
		cr_skip_test("no sxsh binary at %s", bin);
	cr_assert_eq(report_finalise(db, "2017S1", &rev, &err), SX_OK);
	cr_assert_eq(report_narrative_set(db, "2017S1", "difficulties",
					  "Đường xa", &err), SX_OK);
	sx_db_close(db);
	db = NULL;
	cr_assert_eq(th_system("'%s' --db '%s' report diff --period 2017S1 | "
			       "grep -q 'Khó khăn, vướng mắc: + Đường xa'", bin,
			       path), 0);
	cr_assert_eq(th_system("'%s' --db '%s' report diff --period 2017S1 "
			       "--from 1 --to draft | grep -q 'bản 1 → bản "
			       "nháp'", bin, path), 0);
	cr_assert_eq(th_system("'%s' --db '%s' report diff --period 2017S1 "
			       "--from x >/dev/null 2>&1", bin, path), 1);
	cr_assert_eq(th_system("'%s' --db '%s' --lang en report diff --period "
			       "2017S1 --from 4 2>&1 | grep -q 'no such "
			       "revision'", bin, path), 0);
}

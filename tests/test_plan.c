/* test_plan.c — a plan file parsed and checked (core/plan.c): the
 * contract's example, every refusal naming its key, the canonical form
 * read back the same, and what counts as a change of targets. */
#include <string.h>
#include "helpers.h"
#include "sxsh/plan.h"

#define GOOD \
	"{\"code\": \"sonla-2021-2025\", \"title\": \"Kế hoạch 2021–2025\"," \
	" \"decision\": \"123/QĐ-UBND ngày 01/03/2021\"," \
	" \"start\": \"2021-01-01\", \"end\": \"2025-12-31\"," \
	" \"targets\": {\"T1\": \"0.95\", \"T2\": 30, \"T3\": 12," \
	" \"T4\": \"1.00\"}," \
	" \"district_shares\": {\"123\": {\"T2\": 4, \"T3\": 2}}}"

static enum sx_err parse(const char *text, struct plan *p,
			 struct sx_error *err)
{
	return plan_parse(text, strlen(text), p, err);
}

/* GOOD with the text from replaced by to: the field refused. */
static void refused(const char *from, const char *to, const char *field)
{
	char text[1024];
	const char *at = strstr(GOOD, from);
	cr_assert_not_null(at, "%s", from);
	snprintf(text, sizeof text, "%.*s%s%s", (int)(at - GOOD), GOOD, to,
		 at + strlen(from));
	struct plan p;
	struct sx_error err = {0};
	cr_assert_eq(parse(text, &p, &err), SX_INVALID, "%s accepted", to);
	cr_assert_str_eq(err.field, field, "%s: field %s", to, err.field);
	cr_assert_not_null(strstr(err.msg, field), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg_vi, field), "%s", err.msg_vi);
	plan_release(&p);
}

Test(plan, reads_the_contract_example)
{
	struct plan p;
	struct sx_error err = {0};
	double v;
	long long share;
	cr_assert_eq(parse(GOOD, &p, &err), SX_OK, "%s", err.msg);
	cr_assert_str_eq(p.code, "sonla-2021-2025");
	cr_assert_str_eq(p.start, "2021-01-01");
	cr_assert_str_eq(p.end, "2025-12-31");
	cr_assert_eq(p.ntargets, 4);
	cr_assert(plan_target_of(&p, "T1", &v) && v == 0.95);
	cr_assert(plan_target_of(&p, "T3", &v) && v == 12);
	cr_assert(plan_target_of(&p, "T4", &v) && v == 1.0);
	cr_assert(plan_share_of(&p, "123", "T2", &share) && share == 4);
	cr_assert_not(plan_share_of(&p, "124", "T2", &share));
	cr_assert(plan_covers(&p, "2025-12-31"));
	cr_assert_not(plan_covers(&p, "2026-01-01"));
	plan_release(&p);
}

Test(plan, refuses_a_bad_file_naming_the_field)
{
	refused("\"T4\"", "\"T5\"", "targets.T5");
	refused("\"0.95\"", "\"1.5\"", "targets.T1");
	refused("\"0.95\"", "-0.1", "targets.T1");
	refused("\"T2\": 30", "\"T2\": 2.5", "targets.T2");
	refused("\"T2\": 30", "\"T2\": -1", "targets.T2");
	refused("\"end\": \"2025-12-31\"", "\"end\": \"2020-12-31\"", "end");
	refused("\"start\": \"2021-01-01\"", "\"start\": \"2021-02-30\"",
		"start");
	refused("\"code\": \"sonla-2021-2025\"", "\"code\": \"Sơn La\"", "code");
	refused("\"title\": \"Kế hoạch 2021–2025\",", "", "title");
	refused("\"decision\": \"123/QĐ-UBND ngày 01/03/2021\"",
		"\"decision\": 123", "decision");
	refused("\"123\": {", "\"12\": {", "district_shares.12");
	refused("\"T2\": 4", "\"T1\": 4", "district_shares.123.T1");
	refused("\"T2\": 4", "\"T2\": 31", "district_shares.123.T2");
	refused("{\"T1\": \"0.95\", \"T2\": 30, \"T3\": 12, \"T4\": \"1.00\"}",
		"{}", "targets");
	refused("\"start\"", "\"start\": 1, \"x\"", "start");
}

Test(plan, refuses_malformed_json)
{
	struct plan p;
	struct sx_error err = {0};
	cr_assert_eq(parse("{\"code\": ", &p, &err), SX_INVALID);
	cr_assert_str_eq(err.field, "json");
	cr_assert_eq(parse("[1]", &p, &err), SX_INVALID);
	cr_assert_eq(parse("{\"code\": \"a\", \"code\": \"b\"}", &p, &err),
		     SX_INVALID);
}

Test(plan, canonical_json_reads_back_the_same_plan)
{
	struct plan a, b;
	struct sx_error err = {0};
	cr_assert_eq(parse(GOOD, &a, &err), SX_OK);
	a.version = 3;
	char *text = plan_to_json(&a, 1);
	cr_assert_not_null(text);
	cr_assert_not_null(strstr(text, "\"T1\":\"0.95\""), "%s", text);
	cr_assert_not_null(strstr(text, "\"version\":3"), "%s", text);
	cr_assert_eq(parse(text, &b, &err), SX_OK, "%s", err.msg);
	cr_assert_not(plan_targets_differ(&a, &b));
	cr_assert_str_eq(a.title, b.title);
	char *again = plan_to_json(&b, 0);
	char *first = plan_to_json(&a, 0);
	cr_assert_str_eq(first, again);
	free(text);
	free(again);
	free(first);
	plan_release(&a);
	plan_release(&b);
}

Test(plan, a_changed_target_or_share_or_day_is_a_change)
{
	struct plan a, b;
	struct sx_error err = {0};
	const char *changes[][2] = {
		{"\"T3\": 12", "\"T3\": 13"},
		{"\"T3\": 2", "\"T3\": 1"},
		{"\"T3\": 2}", "\"T3\": 2}, \"124\": {\"T2\": 1}"},
		{"2025-12-31", "2025-06-30"},
		{", \"T4\": \"1.00\"", ""},
	};
	cr_assert_eq(parse(GOOD, &a, &err), SX_OK);
	for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++) {
		char text[1024];
		const char *at = strstr(GOOD, changes[i][0]);
		cr_assert_not_null(at);
		snprintf(text, sizeof text, "%.*s%s%s", (int)(at - GOOD), GOOD,
			 changes[i][1], at + strlen(changes[i][0]));
		cr_assert_eq(parse(text, &b, &err), SX_OK, "%s", err.msg);
		cr_assert(plan_targets_differ(&a, &b), "%s", text);
		cr_assert(plan_targets_differ(&b, &a), "%s", text);
		plan_release(&b);
	}
	/* A new title alone changes no target. */
	cr_assert_eq(parse(GOOD, &b, &err), SX_OK);
	snprintf(b.title, sizeof b.title, "Another title");
	cr_assert_not(plan_targets_differ(&a, &b));
	plan_release(&b);
	plan_release(&a);
}

Test(plan, the_shipped_plan_is_decision_3182)
{
	struct plan p;
	struct sx_error err = {0};
	double v;
	const char *text = plan_shipped_json();
	cr_assert_eq(plan_parse(text, strlen(text), &p, &err), SX_OK, "%s",
		     err.msg);
	cr_assert_str_eq(p.start, "2016-01-01");
	cr_assert_str_eq(p.end, "2020-12-31");
	cr_assert(plan_target_of(&p, "T1", &v) && v == 0.9);
	cr_assert(plan_target_of(&p, "T2", &v) && v == 15);
	cr_assert(plan_target_of(&p, "T3", &v) && v == 7);
	cr_assert(plan_target_of(&p, "T4", &v) && v == 1.0);
	cr_assert_not_null(strstr(p.decision, "3182"));
	plan_release(&p);
}

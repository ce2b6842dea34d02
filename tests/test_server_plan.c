/* test_server_plan.c — the province's plans in the server's store and
 * through `sxsh-server plan`: the shipped plan as version 1, versions on
 * change, bad files refused with nothing stored, the rule for accepted
 * periods, and /v1/reference's version 2 carrying the plans. */
#include <string.h>
#include <jansson.h>
#include "helpers.h"
#include "../sync/server/call.h"
#include "../sync/server/store_plan.h"

#define PLAN_2021 \
	"{\"code\": \"sonla-2021-2025\", \"title\": \"Kế hoạch 2021–2025\"," \
	" \"decision\": \"123/QĐ-UBND ngày 01/03/2021\"," \
	" \"start\": \"2021-01-01\", \"end\": \"2025-12-31\"," \
	" \"targets\": {\"T1\": \"0.95\", \"T2\": 30, \"T3\": 12," \
	" \"T4\": \"1.00\"}," \
	" \"district_shares\": {\"123\": {\"T2\": 4, \"T3\": 2}," \
	" \"124\": {\"T2\": 5}}}"

static struct srv_store *open_store(char *path, size_t n)
{
	struct srv_store *st = NULL;
	struct sx_error err = {0};
	th_path(path, n, th_tmpdir(), "server.db");
	cr_assert_eq(store_open(path, &st, &err), SX_OK, "%s", err.msg);
	cr_assert_eq(store_begin(st, &err), SX_OK);
	cr_assert_eq(store_district_add(st, "123", "Huyện Mộc Châu", "hash-a",
					&err), SX_OK);
	cr_assert_eq(store_end(st, SX_OK, &err), SX_OK);
	return st;
}

static enum sx_err import(struct srv_store *st, const char *text,
			  long long *version, struct sx_error *err)
{
	enum sx_err rc = store_begin(st, err);
	cr_assert_eq(rc, SX_OK);
	rc = store_plan_import(st, text, strlen(text), version, NULL, err);
	return store_end(st, rc, err);
}

/* PLAN_2021 with from replaced by to. */
static const char *edited(const char *from, const char *to)
{
	static char text[2048];
	const char *at = strstr(PLAN_2021, from);
	cr_assert_not_null(at, "%s", from);
	snprintf(text, sizeof text, "%.*s%s%s", (int)(at - PLAN_2021),
		 PLAN_2021, to, at + strlen(from));
	return text;
}

static void current(struct srv_store *st, const char *code, struct plan *p)
{
	struct sx_error err = {0};
	cr_assert_eq(store_begin(st, &err), SX_OK);
	cr_assert_eq(store_plan_get(st, code, 0, p, NULL, &err), SX_OK, "%s",
		     err.msg);
	store_rollback(st);
}

static long long ref_version(struct srv_store *st)
{
	struct sx_error err = {0};
	cr_assert_eq(store_begin(st, &err), SX_OK);
	long long v = store_meta_int(st, "ref_version", 1);
	store_rollback(st);
	return v;
}

Test(server_plan, a_new_store_holds_the_shipped_plan_as_version_1)
{
	char path[512];
	struct srv_store *st = open_store(path, sizeof path);
	struct plan p;
	struct sx_error err = {0};
	double t2;
	current(st, "sonla-2016-2020", &p);
	cr_assert_eq(p.version, 1);
	cr_assert(plan_target_of(&p, "T2", &t2) && t2 == 15);
	plan_release(&p);
	cr_assert_eq(store_begin(st, &err), SX_OK);
	cr_assert_eq(store_plan_for_day(st, "2020-12-31", &p, &err), SX_OK);
	cr_assert_str_eq(p.code, "sonla-2016-2020");
	plan_release(&p);
	cr_assert_eq(store_plan_for_day(st, "2021-01-01", &p, &err),
		     SX_NOTFOUND);
	store_rollback(st);
	store_close(st);
	/* Reopening does not add it again. */
	st = open_store(path, sizeof path);
	store_close(st);
}

Test(server_plan, an_import_is_a_plan_and_a_change_its_next_version)
{
	char path[512];
	struct srv_store *st = open_store(path, sizeof path);
	struct sx_error err = {0};
	long long version = 0, before = ref_version(st);
	struct plan p;
	long long share;

	cr_assert_eq(import(st, PLAN_2021, &version, &err), SX_OK, "%s",
		     err.msg);
	cr_assert_eq(version, 1);
	cr_assert_eq(ref_version(st), before + 1);
	/* The same file again stores nothing. */
	cr_assert_eq(import(st, PLAN_2021, &version, &err), SX_OK);
	cr_assert_eq(version, 1);
	cr_assert_eq(ref_version(st), before + 1);
	cr_assert_eq(import(st, edited("\"T2\": 4", "\"T2\": 6"), &version,
			    &err), SX_OK, "%s", err.msg);
	cr_assert_eq(version, 2);
	current(st, "sonla-2021-2025", &p);
	cr_assert_eq(p.version, 2);
	cr_assert(plan_share_of(&p, "123", "T2", &share) && share == 6);
	plan_release(&p);
	/* The first version stays as it was. */
	cr_assert_eq(store_begin(st, &err), SX_OK);
	cr_assert_eq(store_plan_get(st, "sonla-2021-2025", 1, &p, NULL, &err),
		     SX_OK);
	store_rollback(st);
	cr_assert(plan_share_of(&p, "123", "T2", &share) && share == 4);
	plan_release(&p);
	store_close(st);
}

Test(server_plan, a_plan_overlapping_another_or_with_an_unknown_district_is_refused)
{
	char path[512];
	struct srv_store *st = open_store(path, sizeof path);
	struct sx_error err = {0};
	long long version = 0, before = ref_version(st);

	cr_assert_eq(import(st, edited("2021-01-01", "2020-07-01"), &version,
			    &err), SX_INVALID);
	cr_assert_str_eq(err.field, "start");
	cr_assert_not_null(strstr(err.msg, "sonla-2016-2020"), "%s", err.msg);
	cr_assert_eq(import(st, edited("\"124\"", "\"999\""), &version, &err),
		     SX_INVALID);
	cr_assert_str_eq(err.field, "district_shares.999");
	cr_assert_eq(ref_version(st), before);
	cr_assert_eq(store_begin(st, &err), SX_OK);
	struct plan p;
	cr_assert_eq(store_plan_get(st, "sonla-2021-2025", 0, &p, NULL, &err),
		     SX_NOTFOUND);
	store_rollback(st);
	store_close(st);
}

static void accept_report(struct srv_store *st, const char *period)
{
	struct sx_error err = {0};
	struct store_report r = {0};
	long long revision;
	snprintf(r.district, sizeof r.district, "123");
	snprintf(r.period, sizeof r.period, "%s", period);
	r.revision = 1;
	r.replaces = -1;
	snprintf(r.sha256, sizeof r.sha256, "%064d", 1);
	r.json = "{}";
	cr_assert_eq(store_begin(st, &err), SX_OK);
	cr_assert_eq(store_report_insert(st, &r, &err), SX_OK, "%s", err.msg);
	cr_assert_eq(store_report_decide(st, "123", period, "accepted", NULL,
					 &revision, &err), SX_OK);
	cr_assert_eq(store_end(st, SX_OK, &err), SX_OK);
}

Test(server_plan, a_change_reaching_an_accepted_period_is_refused)
{
	char path[512];
	struct srv_store *st = open_store(path, sizeof path);
	struct sx_error err = {0};
	long long version = 0;
	struct plan p;
	long long share;

	cr_assert_eq(import(st, PLAN_2021, &version, &err), SX_OK);
	accept_report(st, "2022S1");
	cr_assert_eq(import(st, edited("\"T2\": 4", "\"T2\": 6"), &version,
			    &err), SX_CONFLICT);
	cr_assert_not_null(strstr(err.msg, "2022S1"), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg_vi, "2022S1"), "%s", err.msg_vi);
	current(st, "sonla-2021-2025", &p);
	cr_assert_eq(p.version, 1);
	cr_assert(plan_share_of(&p, "123", "T2", &share) && share == 4);
	plan_release(&p);
	/* A new title changes no target: allowed. */
	cr_assert_eq(import(st, edited("Kế hoạch 2021–2025", "Kế hoạch SXSH"),
			    &version, &err), SX_OK, "%s", err.msg);
	cr_assert_eq(version, 2);
	/* Cutting the days short so that 2022S1 would leave the plan is a
	 * change too. */
	cr_assert_eq(import(st, edited("2025-12-31", "2021-12-31"), &version,
			    &err), SX_CONFLICT);
	store_close(st);
}

Test(server_plan, the_plan_command_imports_lists_shows_and_refuses_with_exit_2)
{
	char path[512], file[512], bad[512], out[512];
	th_path(path, sizeof path, th_tmpdir(), "server.db");
	th_path(file, sizeof file, th_tmpdir(), "plan.json");
	th_path(bad, sizeof bad, th_tmpdir(), "bad.json");
	th_path(out, sizeof out, th_tmpdir(), "out.txt");
	FILE *f = fopen(file, "w");
	cr_assert_not_null(f);
	fputs(PLAN_2021, f);
	fclose(f);
	f = fopen(bad, "w");
	cr_assert_not_null(f);
	fputs(edited("\"T4\"", "\"T7\""), f);
	fclose(f);
	const char *srv = th_server_bin();
	cr_assert_eq(th_system("%s --db %s plan import %s 2>/dev/null", srv,
			       path, file), 0);
	cr_assert_eq(th_system("%s --db %s --lang en plan import %s 2>%s",
			       srv, path, bad, out), 2);
	size_t len;
	unsigned char *text = th_read_file(out, &len);
	text = realloc(text, len + 1);
	text[len] = '\0';
	cr_assert_not_null(strstr((char *)text, "targets.T7"), "%s", text);
	free(text);
	cr_assert_eq(th_system("%s --db %s plan list >%s", srv, path, out), 0);
	text = th_read_file(out, &len);
	text = realloc(text, len + 1);
	text[len] = '\0';
	cr_assert_not_null(strstr((char *)text, "sonla-2016-2020"));
	cr_assert_not_null(strstr((char *)text, "sonla-2021-2025"));
	free(text);
	cr_assert_eq(th_system("%s --db %s plan show sonla-2021-2025 >%s"
			       " 2>/dev/null", srv, path, out), 0);
	text = th_read_file(out, &len);
	json_t *shown = json_loadb((char *)text, len, 0, NULL);
	free(text);
	cr_assert_not_null(shown);
	cr_assert_eq(json_integer_value(json_object_get(shown, "version")), 1);
	cr_assert_str_eq(json_string_value(json_object_get(
		json_object_get(shown, "targets"), "T1")), "0.95");
	json_decref(shown);
	cr_assert_eq(th_system("%s --db %s plan show nosuch 2>/dev/null", srv,
			       path), 2);
}

static const char *query_v2(void *ctx, const char *key)
{
	(void)ctx;
	return strcmp(key, "v") == 0 ? "2" : NULL;
}

static const char *no_query(void *ctx, const char *key)
{
	(void)ctx;
	(void)key;
	return NULL;
}

static json_t *reference(struct srv_store *st,
			 const char *(*query)(void *, const char *))
{
	struct sx_error err = {0};
	struct store_district d;
	cr_assert_eq(store_begin(st, &err), SX_OK);
	cr_assert_eq(store_district_get(st, "123", &d, &err), SX_OK);
	store_rollback(st);
	struct srv_call c = {0};
	c.st = st;
	c.district = &d;
	c.query = query;
	reference_handle(&c);
	cr_assert_eq(c.status, 200);
	json_t *reply = c.reply;
	c.reply = NULL;
	call_release(&c);
	return reply;
}

Test(server_plan, reference_version_2_carries_the_plans_and_only_the_districts_shares)
{
	char path[512];
	struct srv_store *st = open_store(path, sizeof path);
	struct sx_error err = {0};
	long long version;
	cr_assert_eq(import(st, PLAN_2021, &version, &err), SX_OK);

	json_t *old = reference(st, no_query);
	cr_assert_null(json_object_get(old, "plans"));
	cr_assert_not_null(json_object_get(old, "plan"));
	cr_assert_not_null(json_object_get(old, "targets"));
	json_decref(old);

	json_t *ref = reference(st, query_v2);
	json_t *plans = json_object_get(ref, "plans");
	cr_assert_eq(json_array_size(plans), 2);
	json_t *later = json_array_get(plans, 1);
	cr_assert_str_eq(json_string_value(json_object_get(later, "code")),
			 "sonla-2021-2025");
	cr_assert_eq(json_integer_value(json_object_get(later, "version")), 1);
	json_t *shares = json_object_get(later, "district_shares");
	cr_assert_eq(json_object_size(shares), 1);
	cr_assert_eq(json_integer_value(json_object_get(
		json_object_get(shares, "123"), "T2")), 4);
	/* Each entry is a plan file a client can check with plan_parse. */
	char *text = json_dumps(later, 0);
	struct plan p;
	cr_assert_eq(plan_parse(text, strlen(text), &p, &err), SX_OK, "%s",
		     err.msg);
	plan_release(&p);
	free(text);
	json_decref(ref);
	store_close(st);
}

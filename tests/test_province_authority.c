/* test_province_authority.c — what is the province's stays the
 * province's (issue 11), with the real sxsh-server and real district
 * databases: a report is checked whole on arrival (422 naming the field;
 * 422 period_open by the server's clock), a hostile report changes
 * nothing but its own figures in the consolidated report, a stored
 * report that no longer reads does not stop it, and a plan imported at
 * the server reaches a district by sync and sets the targets of the
 * periods it covers only. */
#include <jansson.h>
#include "sxsh/period.h"
#include "sxsh/report.h"
#include "../sync/server/store.h"
#include "../sync/server/token.h"
#include "sync_fixture.h"

#define PLAN_2021 \
	"{\"code\": \"sonla-2021-2025\", \"title\": \"Kế hoạch 2021–2025\"," \
	" \"decision\": \"123/QĐ-UBND ngày 01/03/2021\"," \
	" \"start\": \"2021-01-01\", \"end\": \"2025-12-31\"," \
	" \"targets\": {\"T1\": \"0.95\", \"T2\": 30, \"T3\": 12," \
	" \"T4\": \"1.00\"}," \
	" \"district_shares\": {\"123\": {\"T2\": 4, \"T3\": 2}}}"

/* A district database of code with nfac facilities (CP potential),
 * nrapid with a rapid assessment in February 2017; its 2017S1 draft. */
static char *district_report(const char *code, const char *commune,
			     int nfac, int nrapid)
{
	char path[512];
	struct sx_db *db = NULL;
	struct sx_error err = {0};
	th_path(path, sizeof path, th_tmpdir(), "d.db");
	cr_assert_eq(sx_db_open(path, 0, &db, &err), SX_OK, "%s", err.msg);
	cr_assert_eq(sx_db_init_district(db, code, "Tester", &err), SX_OK,
		     "%s", err.msg);
	for (int i = 0; i < nfac; i++) {
		char uuid[SX_UUID_LEN + 1], name[32];
		snprintf(name, sizeof name, "Cơ sở %s-%d", code, i);
		fx_save(db, SXK_FACILITY, uuid, "name", name, "kind",
			"household", "vsic", "10760", "commune", commune,
			"status", "active", "cp_potential", "1", NULL);
		if (i < nrapid)
			fx_save(db, SXK_ASSESSMENT, NULL, "facility_id", uuid,
				"type", "rapid", "status", "completed",
				"started_on", "2017-02-01", "completed_on",
				"2017-03-01", NULL);
	}
	char *json = NULL;
	size_t len = 0;
	cr_assert_eq(report_build(db, "2017S1", &json, &len, &err), SX_OK,
		     "%s", err.msg);
	sx_db_close(db);
	return json;
}

/* POSTs json as revision 1 of period; returns the status, the answer's
 * error code and message in code[32], msg[512]. */
static long submit(struct th_server *s, const char *token, const char *period,
		   const char *json, char *code, char *msg)
{
	char sha[65];
	token_sha256_hex(json, strlen(json), sha);
	json_t *body = json_pack("{s:s,s:i,s:n,s:s,s:s}", "period", period,
				 "revision", 1, "replaces", "sha256", sha,
				 "json", json);
	char *text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	struct th_resp r;
	cr_assert_eq(th_request(s, "POST", "/v1/reports", token, text,
				strlen(text), 1, &r), CURLE_OK);
	free(text);
	long status = r.status;
	json_t *a = json_loads(r.body ? r.body : "", 0, NULL);
	json_t *e = json_object_get(a, "error");
	snprintf(code, 32, "%s", json_string_value(json_object_get(e, "code"))
		 ? json_string_value(json_object_get(e, "code")) : "");
	snprintf(msg, 512, "%s", json_string_value(json_object_get(e,
		 "message")) ? json_string_value(json_object_get(e,
		 "message")) : "");
	json_decref(a);
	th_resp_release(&r);
	return status;
}

/* json with the value at doc[a][b] (b may be NULL) replaced by v (taken). */
static char *edit(const char *json, const char *a, const char *b, json_t *v)
{
	json_t *doc = json_loads(json, 0, NULL);
	cr_assert_not_null(doc);
	if (b)
		json_object_set_new(json_object_get(doc, a), b, v);
	else
		json_object_set_new(doc, a, v);
	char *out = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(doc);
	return out;
}

static char *run_out(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	cr_assert_not_null(p);
	size_t cap = 1 << 16, len = 0, n;
	char *buf = malloc(cap);
	while ((n = fread(buf + len, 1, cap - len - 1, p)) > 0) {
		len += n;
		if (len + 1 == cap)
			buf = realloc(buf, cap *= 2);
	}
	buf[len] = '\0';
	cr_assert_eq(pclose(p), 0, "%s failed", cmd);
	return buf;
}

static json_t *province_json(struct th_server *s)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "'%s' report --period 2017S1 --format json"
		 " --db '%s'", th_server_bin(), s->db);
	char *out = run_out(cmd);
	json_t *doc = json_loads(out, 0, NULL);
	cr_assert_not_null(doc, "%s", out);
	free(out);
	return doc;
}

static const char *str_at(json_t *o, const char *a, const char *b)
{
	json_t *v = json_object_get(o, a);
	return json_string_value(b ? json_object_get(v, b) : v);
}

Test(province_authority, a_report_is_checked_whole_on_arrival,
     .timeout = 120)
{
	const char *dir = th_tmpdir();
	struct th_tls tls;
	struct th_server srv;
	char tok[80], code[32], msg[512];
	th_tls_make(&tls, dir, "i");
	th_server_init(&srv, dir, &tls);
	th_server_district_add(&srv, "123", tok, sizeof tok);
	char *good = district_report("123", "03979", 3, 1);

	/* The period has not ended by the server's clock. */
	srv.extra_env = "SXSH_NOW=2017-06-30";
	th_server_start(&srv);
	cr_assert_eq(submit(&srv, tok, "2017S1", good, code, msg), 422);
	cr_assert_str_eq(code, "period_open");
	cr_assert_not_null(strstr(msg, "2017-07-01"), "%s", msg);
	cr_assert_eq(th_server_stop(&srv, SIGTERM), 0);
	srv.extra_env = "SXSH_NOW=2017-07-10";
	th_server_start(&srv);

	const char *minimal = "{\"schema\":\"sxsh.report/1\",\"period\":"
		"\"2017S1\",\"district\":{\"code\":\"123\"},"
		"\"indicators\":{}}";
	cr_assert_eq(submit(&srv, tok, "2017S1", minimal, code, msg), 422);
	cr_assert_str_eq(code, "invalid_report");
	cr_assert_not_null(strstr(msg, "level"), "%s", msg);
	struct {
		const char *a, *b;
		json_t *v;
		const char *named;
	} bad[] = {
		{"district", "code", json_string("124"), "district.code"},
		{"period", NULL, json_string("2017S2"), "period"},
		{"plan", "code", json_string("no-such-plan"), "plan.code"},
		{"indicators", "T1", json_pack("{s:i,s:i,s:s,s:s}",
		 "numerator", 9, "denominator", 3, "rate", "3",
		 "target", "0.90"), "T1.numerator"},
		{"indicators", "T4", json_pack("{s:i,s:i,s:s,s:s}",
		 "numerator", -1, "denominator", 3, "rate", "0",
		 "target", "1.00"), "T4.numerator"},
		{"annexes", NULL, json_string("none"), "annexes"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *text = edit(good, bad[i].a, bad[i].b, bad[i].v);
		cr_assert_eq(submit(&srv, tok, "2017S1", text, code, msg), 422,
			     "%s accepted", bad[i].named);
		cr_assert_str_eq(code, "invalid_report");
		cr_assert_not_null(strstr(msg, bad[i].named), "%s: %s",
				   bad[i].named, msg);
		free(text);
	}
	/* Nothing of them was stored; the good one is. */
	cr_assert_eq(submit(&srv, tok, "2017S1", good, code, msg), 201, "%s",
		     msg);
	cr_assert_eq(th_server_stop(&srv, SIGTERM), 0);
	json_t *doc = province_json(&srv);
	json_t *c = json_array_get(json_object_get(json_object_get(doc,
		"completeness"), "districts"), 0);
	cr_assert_eq(json_array_size(json_object_get(c, "submissions")), 1);
	json_decref(doc);
	free(good);
}

Test(province_authority, a_hostile_report_changes_nothing_of_the_province,
     .timeout = 120)
{
	const char *dir = th_tmpdir();
	struct th_tls tls;
	struct th_server srv;
	char tok123[80], tok124[80], code[32], msg[512];
	th_tls_make(&tls, dir, "h");
	th_server_init(&srv, dir, &tls);
	th_server_district_add(&srv, "123", tok123, sizeof tok123);
	th_server_district_add(&srv, "124", tok124, sizeof tok124);
	char *r123 = district_report("123", "03979", 3, 1);
	char *r124 = district_report("124", "04060", 2, 2);

	/* 124, late on 1 August, claims a far deadline, a tiny target, a
	 * plan of its own dates and another name. */
	json_t *doc = json_loads(r124, 0, NULL);
	json_object_set_new(doc, "deadline", json_string("2099-12-31"));
	json_object_set_new(json_object_get(json_object_get(doc,
		"indicators"), "T1"), "target", json_string("0.01"));
	json_object_set_new(json_object_get(json_object_get(doc,
		"indicators"), "T2"), "province_total", json_integer(1));
	json_object_set_new(json_object_get(doc, "district"), "name",
			    json_string("D118"));
	json_object_set_new(json_object_get(doc, "plan"), "title",
			    json_string("Kế hoạch giả"));
	char *hostile = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(doc);

	srv.extra_env = "SXSH_NOW=2017-07-10";
	th_server_start(&srv);
	cr_assert_eq(submit(&srv, tok123, "2017S1", r123, code, msg), 201);
	/* 124 sending 123's figures as 123 is refused. */
	cr_assert_eq(submit(&srv, tok124, "2017S1", r123, code, msg), 422);
	cr_assert_not_null(strstr(msg, "district.code"), "%s", msg);
	cr_assert_eq(th_server_stop(&srv, SIGTERM), 0);
	srv.extra_env = "SXSH_NOW=2017-08-01";
	th_server_start(&srv);
	cr_assert_eq(submit(&srv, tok124, "2017S1", hostile, code, msg), 201,
		     "%s", msg);
	cr_assert_eq(th_server_stop(&srv, SIGTERM), 0);

	json_t *p = province_json(&srv);
	cr_assert_str_eq(str_at(p, "deadline", NULL), "2017-07-15");
	cr_assert_str_eq(str_at(p, "plan", "code"), "sonla-2016-2020");
	cr_assert_null(strstr(str_at(p, "plan", "title"), "giả"));
	json_t *ind = json_object_get(p, "indicators");
	cr_assert_str_eq(str_at(ind, "T1", "target"), "0.90");
	cr_assert_eq(json_integer_value(json_object_get(json_object_get(ind,
		"T2"), "province_total")), 15);
	/* Its figures count. */
	cr_assert_eq(json_integer_value(json_object_get(json_object_get(ind,
		"T2"), "cumulative")), 3);
	json_t *dl = json_object_get(p, "districts");
	cr_assert_eq(json_array_size(dl), 2);
	char *names = json_dumps(dl, 0);
	cr_assert_null(strstr(names, "D118"));
	free(names);
	json_t *comp = json_object_get(json_object_get(p, "completeness"),
				       "districts");
	cr_assert(json_is_true(json_object_get(json_array_get(comp, 0),
					       "on_time")));
	cr_assert(json_is_false(json_object_get(json_array_get(comp, 1),
						"on_time")));
	cr_assert_str_eq(str_at(json_object_get(p, "completeness"), "deadline",
				NULL), "2017-07-15");
	json_decref(p);
	free(hostile);
	free(r123);
	free(r124);
}

Test(province_authority, a_stored_report_that_does_not_read_is_set_aside,
     .timeout = 120)
{
	const char *dir = th_tmpdir();
	struct th_tls tls;
	struct th_server srv;
	char tok123[80], tok124[80], code[32], msg[512];
	th_tls_make(&tls, dir, "u");
	th_server_init(&srv, dir, &tls);
	th_server_district_add(&srv, "123", tok123, sizeof tok123);
	th_server_district_add(&srv, "124", tok124, sizeof tok124);
	char *r123 = district_report("123", "03979", 3, 1);
	srv.extra_env = "SXSH_NOW=2017-07-10";
	th_server_start(&srv);
	cr_assert_eq(submit(&srv, tok123, "2017S1", r123, code, msg), 201);
	cr_assert_eq(th_server_stop(&srv, SIGTERM), 0);

	/* A report an older server took without checking it. */
	struct srv_store *st = NULL;
	struct sx_error err = {0};
	struct store_report r = {0};
	const char *old = "{\"schema\":\"sxsh.report/1\",\"period\":"
		"\"2017S1\",\"district\":{\"code\":\"124\"},"
		"\"indicators\":{}}";
	cr_assert_eq(store_open(srv.db, &st, &err), SX_OK, "%s", err.msg);
	snprintf(r.district, sizeof r.district, "124");
	snprintf(r.period, sizeof r.period, "2017S1");
	r.revision = 1;
	r.replaces = -1;
	token_sha256_hex(old, strlen(old), r.sha256);
	r.json = (char *)old;
	cr_assert_eq(store_begin(st, &err), SX_OK);
	cr_assert_eq(store_report_insert(st, &r, &err), SX_OK, "%s", err.msg);
	cr_assert_eq(store_end(st, SX_OK, &err), SX_OK);
	store_close(st);

	json_t *p = province_json(&srv);
	cr_assert_eq(json_array_size(json_object_get(p, "districts")), 1);
	json_t *ind = json_object_get(p, "indicators");
	cr_assert_eq(json_integer_value(json_object_get(json_object_get(ind,
		"T2"), "cumulative")), 1);
	json_t *c124 = json_array_get(json_object_get(json_object_get(p,
		"completeness"), "districts"), 1);
	cr_assert(json_is_true(json_object_get(c124, "unreadable")));
	json_decref(p);
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "'%s' report --period 2017S1 --db '%s'",
		 th_server_bin(), srv.db);
	char *text = run_out(cmd);
	cr_assert_not_null(strstr(text, "không đọc được"), "%s", text);
	free(text);
	free(r123);
}

static json_t *built(struct sx_db *db, const char *period)
{
	char *json = NULL;
	size_t len = 0;
	struct sx_error err = {0};
	cr_assert_eq(report_build(db, period, &json, &len, &err), SX_OK, "%s",
		     err.msg);
	json_t *doc = json_loads(json, 0, NULL);
	free(json);
	cr_assert_not_null(doc);
	return doc;
}

static const char *target(json_t *doc, const char *t, const char *key)
{
	return json_string_value(json_object_get(json_object_get(
		json_object_get(doc, "indicators"), t), key));
}

static json_int_t count(json_t *doc, const char *t, const char *key)
{
	return json_integer_value(json_object_get(json_object_get(
		json_object_get(doc, "indicators"), t), key));
}

static void import_plan(struct world *w, const char *text)
{
	char file[512];
	snprintf(file, sizeof file, "%s/plan.json", w->dir);
	FILE *f = fopen(file, "w");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
	cr_assert_eq(th_system("'%s' plan import '%s' --db '%s' 2>/dev/null",
			       th_server_bin(), file, w->srv.db), 0);
}

Test(province_authority, a_plan_of_the_province_reaches_the_district_by_sync,
     .timeout = 120)
{
	struct world w;
	world_up(&w);
	struct sx_db *db = world_client(&w, "a", NULL, 0);

	/* Before any sync: 2022 is in no plan, 2017 in the shipped one. */
	json_t *doc = built(db, "2022S1");
	cr_assert(json_is_null(json_object_get(doc, "plan")));
	cr_assert(json_is_null(json_object_get(json_object_get(
		json_object_get(doc, "indicators"), "T1"), "target")));
	json_decref(doc);
	char *json = NULL, *text = NULL;
	size_t len;
	struct sx_error err = {0};
	cr_assert_eq(report_build(db, "2022S1", &json, &len, &err), SX_OK);
	cr_assert_eq(report_render(json, SX_REPORT_TEXT, NULL, &text, NULL,
				   &err), SX_OK, "%s", err.msg);
	cr_assert_not_null(strstr(text, "Không thuộc kế hoạch nào"), "%s",
			   text);
	free(text);
	free(json);

	import_plan(&w, PLAN_2021);
	cr_assert_eq(world_sync(db, NULL), SX_OK);
	doc = built(db, "2022S1");
	cr_assert_str_eq(str_at(doc, "plan", "code"), "sonla-2021-2025");
	cr_assert_eq(json_integer_value(json_object_get(json_object_get(doc,
		"plan"), "version")), 1);
	cr_assert_str_eq(target(doc, "T1", "target"), "0.95");
	cr_assert_eq(count(doc, "T2", "target"), 4);
	cr_assert_eq(count(doc, "T2", "province_total"), 30);
	cr_assert_eq(count(doc, "T3", "province_total"), 12);
	json_decref(doc);
	cr_assert_eq(report_build(db, "2022S1", &json, &len, &err), SX_OK);
	cr_assert_eq(report_render(json, SX_REPORT_HTML, NULL, &text, NULL,
				   &err), SX_OK, "%s", err.msg);
	cr_assert_not_null(strstr(text, "Kế hoạch 2021–2025"));
	free(text);
	free(json);

	/* 2017 keeps the 2016–2020 targets. */
	doc = built(db, "2017S1");
	cr_assert_str_eq(str_at(doc, "plan", "code"), "sonla-2016-2020");
	cr_assert_str_eq(target(doc, "T1", "target"), "0.90");
	cr_assert_eq(count(doc, "T2", "province_total"), 15);
	cr_assert(json_is_null(json_object_get(json_object_get(
		json_object_get(doc, "indicators"), "T2"), "target")));
	json_decref(doc);

	/* A change at the province is its next version at the district. */
	char changed[2048];
	const char *at = strstr(PLAN_2021, "\"0.95\"");
	snprintf(changed, sizeof changed, "%.*s\"0.97\"%s",
		 (int)(at - PLAN_2021), PLAN_2021, at + 6);
	import_plan(&w, changed);
	cr_assert_eq(world_sync(db, NULL), SX_OK);
	doc = built(db, "2022S1");
	cr_assert_str_eq(target(doc, "T1", "target"), "0.97");
	cr_assert_eq(json_integer_value(json_object_get(json_object_get(doc,
		"plan"), "version")), 2);
	json_decref(doc);
	sx_db_close(db);
	world_down(&w);
}

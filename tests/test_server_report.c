/* test_server_report.c — `sxsh-server report --period P`: the province's
 * consolidated report equals the sum of the districts' reports (built by
 * core from real district databases), and completeness says who sent
 * which revision, on time or late, and who sent nothing. */
#include <jansson.h>
#include "sxsh/db.h"
#include "sxsh/record.h"
#include "sxsh/report.h"
#include "../sync/server/token.h"
#include "core_fixture.h"
#include "tls_helpers.h"

/* A district database of code with nfac facilities (CP potential) in
 * commune, nrapid of them with a completed rapid assessment in 2017S1;
 * returns its draft report JSON for 2017S1 (malloc'd). */
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

static void submit(struct th_server *s, const char *token, const char *json)
{
	char sha[65];
	token_sha256_hex(json, strlen(json), sha);
	json_t *body = json_pack("{s:s,s:i,s:n,s:s,s:s}", "period", "2017S1",
				 "revision", 1, "replaces", "sha256", sha,
				 "json", json);
	char *text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	struct th_resp r;
	cr_assert_eq(th_request(s, "POST", "/v1/reports", token, text,
				strlen(text), 1, &r), CURLE_OK);
	cr_assert_eq(r.status, 201, "%ld %s", r.status, r.body);
	th_resp_release(&r);
	free(text);
}

/* Runs the report command with env before it and args after it (both
 * may be ""); returns its stdout (malloc'd). */
static char *province_report_with(struct th_server *s, const char *format,
				  const char *env, const char *args)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "%s '%s' report --period 2017S1 --format %s"
		 " --db '%s' %s", env, th_server_bin(), format, s->db, args);
	FILE *p = popen(cmd, "r");
	cr_assert_not_null(p);
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	size_t n;
	while ((n = fread(buf + len, 1, cap - len - 1, p)) > 0) {
		len += n;
		if (len + 1 == cap)
			buf = realloc(buf, cap *= 2);
	}
	buf[len] = '\0';
	cr_assert_eq(pclose(p), 0, "report --format %s failed", format);
	return buf;
}

static char *province_report(struct th_server *s, const char *format)
{
	return province_report_with(s, format, "", "");
}

static long long at(json_t *doc, const char *a, const char *b,
		    const char *c)
{
	return json_integer_value(json_object_get(json_object_get(
		json_object_get(doc, a), b), c));
}

Test(server_report, province_report_is_the_sum_with_completeness,
     .timeout = 120)
{
	const char *dir = th_tmpdir();
	struct th_tls tls;
	struct th_server srv;
	char tok123[80], tok124[80], tok125[80];
	th_tls_make(&tls, dir, "r");
	th_server_init(&srv, dir, &tls);
	th_server_district_add(&srv, "123", tok123, sizeof tok123);
	th_server_district_add(&srv, "124", tok124, sizeof tok124);
	th_server_district_add(&srv, "125", tok125, sizeof tok125);

	char *r123 = district_report("123", "03979", 3, 1);
	char *r124 = district_report("124", "04060", 2, 2);

	/* 123 sends on 10 July (on time: due 15 July), 124 on 1 August. */
	srv.extra_env = "SXSH_NOW=2017-07-10";
	th_server_start(&srv);
	submit(&srv, tok123, r123);
	cr_assert_eq(th_server_stop(&srv, SIGTERM), 0);
	srv.extra_env = "SXSH_NOW=2017-08-01";
	th_server_start(&srv);
	submit(&srv, tok124, r124);
	cr_assert_eq(th_server_stop(&srv, SIGTERM), 0);

	char *out = province_report(&srv, "json");
	json_error_t jerr;
	json_t *doc = json_loads(out, 0, &jerr);
	cr_assert_not_null(doc, "%s: %s", jerr.text, out);
	cr_assert_str_eq(json_string_value(json_object_get(doc, "level")),
			 "province");
	cr_assert_str_eq(json_string_value(json_object_get(doc, "schema")),
			 "sxsh.report/1");
	/* The sums of the two districts' figures. */
	json_t *d123 = json_loads(r123, 0, NULL), *d124 = json_loads(r124, 0,
								    NULL);
	cr_assert_eq(at(doc, "indicators", "T2", "cumulative"),
		     at(d123, "indicators", "T2", "cumulative") +
		     at(d124, "indicators", "T2", "cumulative"));
	cr_assert_eq(at(doc, "indicators", "T2", "cumulative"), 3);
	cr_assert_eq(at(doc, "indicators", "T1", "denominator"),
		     at(d123, "indicators", "T1", "denominator") +
		     at(d124, "indicators", "T1", "denominator"));
	cr_assert_eq(at(doc, "indicators", "T1", "denominator"), 5);
	cr_assert_eq(json_array_size(json_object_get(doc, "districts")), 2);
	json_decref(d123);
	json_decref(d124);

	/* Completeness: 123 on time, 124 late, 125 nothing. */
	json_t *comp = json_object_get(doc, "completeness");
	cr_assert_str_eq(json_string_value(json_object_get(comp, "deadline")),
			 "2017-07-15");
	json_t *list = json_object_get(comp, "districts");
	cr_assert_eq(json_array_size(list), 3);
	json_t *c123 = json_array_get(list, 0), *c124 = json_array_get(list, 1),
	       *c125 = json_array_get(list, 2);
	cr_assert_str_eq(json_string_value(json_object_get(c123, "status")),
			 "sent");
	cr_assert(json_is_true(json_object_get(c123, "on_time")));
	cr_assert(json_is_false(json_object_get(c124, "on_time")));
	cr_assert_str_eq(json_string_value(json_object_get(c125, "status")),
			 "missing");
	json_decref(doc);
	free(out);

	out = province_report(&srv, "text");
	cr_assert_not_null(strstr(out, "TÌNH HÌNH NỘP BÁO CÁO"));
	cr_assert_not_null(strstr(out, "muộn"));
	free(out);
	out = province_report(&srv, "csv");
	cr_assert_not_null(strstr(out, "completeness,125,"));
	free(out);
	out = province_report(&srv, "html");
	cr_assert_not_null(strstr(out, "id=\"completeness\""));
	free(out);

	/* In Vietnamese no English status; times in this machine's zone,
	 * which is said (123 sent at 00:00 UTC on 10 July). */
	out = province_report_with(&srv, "text", "TZ=ICT-7", "");
	cr_assert_null(strstr(out, "consolidated"), "%s", out);
	cr_assert_not_null(strstr(out, "(tổng hợp)"), "%s", out);
	cr_assert_not_null(strstr(out, "10/07/2017 07:00 (+07)"), "%s", out);
	free(out);
	out = province_report_with(&srv, "html", "TZ=UTC0", "");
	cr_assert_not_null(strstr(out, "10/07/2017 00:00 (+00)"), "%s", out);
	cr_assert_null(strstr(out, "consolidated"));
	free(out);
	/* --lang en: the whole report in English */
	out = province_report_with(&srv, "text", "TZ=ICT-7", "--lang en");
	cr_assert_not_null(strstr(out, "(consolidated)"), "%s", out);
	cr_assert_not_null(strstr(out, "SUBMISSIONS (due 15/07/2017)"), "%s",
			   out);
	cr_assert_not_null(strstr(out, "late"), "%s", out);
	cr_assert_null(strstr(out, "muộn"), "%s", out);
	cr_assert_null(strstr(out, "TÌNH HÌNH"), "%s", out);
	free(out);

	/* Returned revisions no longer count; the district goes back to
	 * what it has sent since (nothing). */
	char said[600];
	th_path(said, sizeof said, dir, "return.txt");
	cr_assert_eq(th_system("'%s' report return --district 124 --period"
			       " 2017S1 --reason 'Sai số liệu' --db '%s'"
			       " 2>'%s'", th_server_bin(), srv.db, said), 0);
	cr_assert_eq(th_system("grep -q 'huyện 124: tỉnh trả lại' '%s'",
			       said), 0);
	cr_assert_neq(th_system("grep -q returned '%s'", said), 0);
	out = province_report(&srv, "json");
	doc = json_loads(out, 0, NULL);
	cr_assert_eq(at(doc, "indicators", "T2", "cumulative"), 1);
	json_decref(doc);
	free(out);
	/* Bad period: invalid input. */
	cr_assert_eq(th_system("'%s' report --period 2017S9 --db '%s'"
			       " 2>/dev/null", th_server_bin(), srv.db), 2);
	free(r123);
	free(r124);
}

/* desk_fixture.h — what the desk's tests share (test_desk.c,
 * test_desk_browser.c): accounts made with the real `sxsh-server user add`,
 * district reports built by core in a throw-away district database, and
 * their submission to the real server. */
#ifndef SXSH_TESTS_DESK_FIXTURE_H
#define SXSH_TESTS_DESK_FIXTURE_H

#include <jansson.h>
#include "sxsh/report.h"
#include "../sync/server/token.h"
#include "core_fixture.h"
#include "tls_helpers.h"

/* `sxsh-server user add NAME --role ROLE --password -` with pw on stdin. */
static inline void dfx_user_add(const struct th_server *srv, const char *name,
				const char *role, const char *pw)
{
	cr_assert_eq(th_system("echo '%s' | '%s' user add %s --role %s"
			       " --password - --db '%s' 2>>'%s'",
			       pw, th_server_bin(), name, role, srv->db,
			       srv->log),
		     0, "user add %s", name);
}

/* Revision 1 of 2017S1 of a district database with a facility named
 * <script>…</script>, an event whose title names a person, and one rapid
 * assessment; with second, also revision 2 with another assessment.
 * JSONs malloc'd. */
static inline void dfx_reports(const char *code, char **rev1, char **rev2)
{
	char path[512];
	struct sx_db *db = NULL;
	struct sx_error err = {0};
	th_path(path, sizeof path, th_tmpdir(), "d.db");
	cr_assert_eq(sx_db_open(path, 0, &db, &err), SX_OK, "%s", err.msg);
	cr_assert_eq(sx_db_init_district(db, code, "Tester", &err), SX_OK, "%s",
		     err.msg);
	char f1[SX_UUID_LEN + 1], f2[SX_UUID_LEN + 1];
	const char *commune = strcmp(code, "124") == 0 ? "04060" : "03979";
	fx_save(db, SXK_FACILITY, f1, "name", "<script>alert(2)</script>",
		"kind", "household", "vsic", "10760", "commune", commune,
		"status", "active", "cp_potential", "1", NULL);
	fx_save(db, SXK_FACILITY, f2, "name", "Hộ Lò Văn Pẩu", "kind",
		"household", "vsic", "10760", "commune", commune, "status",
		"active", "cp_potential", "1", NULL);
	fx_save(db, SXK_EVENT, NULL, "type", "training", "title",
		"Tập huấn do ông Quàng Văn Xôm giảng", "held_on", "2017-03-10",
		"place", "Nhà văn hóa bản Pá Khoang", "commune", commune,
		"participants", "17", "cost_vnd", "1000000", "funding",
		"national_promotion", NULL);
	fx_save(db, SXK_ASSESSMENT, NULL, "facility_id", f1, "type", "rapid",
		"status", "completed", "started_on", "2017-02-01",
		"completed_on", "2017-03-01", NULL);
	struct sx_report_rev rev;
	cr_assert_eq(report_finalise(db, "2017S1", &rev, &err), SX_OK, "%s",
		     err.msg);
	cr_assert_eq(report_get(db, "2017S1", 1, &rev, rev1, &err), SX_OK);
	if (rev2) {
		fx_save(db, SXK_ASSESSMENT, NULL, "facility_id", f2, "type",
			"rapid", "status", "completed", "started_on",
			"2017-02-01", "completed_on", "2017-04-01", NULL);
		cr_assert_eq(report_build(db, "2017S1", rev2, NULL, &err),
			     SX_OK, "%s", err.msg);
	}
	sx_db_close(db);
}

/* Submits json as revision of 2017S1 with the district's token (201). */
static inline void dfx_submit(const struct th_server *srv, const char *token,
			      const char *json, int revision)
{
	char sha[65];
	token_sha256_hex(json, strlen(json), sha);
	json_t *body = json_pack("{s:s,s:i,s:o,s:s,s:s}", "period", "2017S1",
				 "revision", revision, "replaces",
				 revision > 1 ? json_integer(revision - 1)
					      : json_null(),
				 "sha256", sha, "json", json);
	char *text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	struct th_resp r;
	cr_assert_eq(th_request(srv, "POST", "/v1/reports", token, text,
				strlen(text), 1, &r),
		     CURLE_OK);
	cr_assert_eq(r.status, 201, "%ld %s", r.status, r.body);
	th_resp_release(&r);
	free(text);
}

#endif

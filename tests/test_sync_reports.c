/* test_sync_reports.c — report revisions through sync against the real
 * server: one receipt however often a revision is sent, the province's
 * decision coming back, and twelve districts syncing at once adding up
 * to the province report. */
#include "sync_fixture.h"
#include "sxsh/report.h"

/* nfac facilities with CP potential in commune, nrapid of them with a
 * completed rapid assessment in 2017S1. */
static void fill(struct sx_db *db, const char *commune, int nfac, int nrapid)
{
	for (int i = 0; i < nfac; i++) {
		char uuid[SX_UUID_LEN + 1], name[48];
		snprintf(name, sizeof name, "Cơ sở %s-%d", commune, i);
		fx_save(db, SXK_FACILITY, uuid, "name", name, "kind",
			"household", "vsic", "10760", "commune", commune,
			"status", "active", "cp_potential", "1", NULL);
		if (i < nrapid)
			fx_save(db, SXK_ASSESSMENT, NULL, "facility_id", uuid,
				"type", "rapid", "status", "completed",
				"started_on", "2017-02-01", "completed_on",
				"2017-03-01", NULL);
	}
}

static void finalise_and_submit(struct sx_db *db, struct sx_report_rev *rev)
{
	struct sx_error err = {0};
	cr_assert_eq(report_finalise(db, "2017S1", NULL, &err), SX_OK, "%s",
		     err.msg);
	cr_assert_eq(report_submit(db, "2017S1", rev, &err), SX_OK, "%s",
		     err.msg);
	cr_assert_str_eq(rev->status, "queued");
}

static int server_report_count(struct world *w)
{
	struct th_resp r;
	cr_assert_eq(th_request(&w->srv, "GET", "/v1/reports/status", w->token,
				NULL, 0, 0, &r), CURLE_OK);
	cr_assert_eq(r.status, 200, "%s", r.body);
	json_t *root = json_loads(r.body, 0, NULL);
	int n = (int)json_array_size(json_object_get(root, "reports"));
	json_decref(root);
	th_resp_release(&r);
	return n;
}

Test(sync_reports, a_report_sent_twice_gets_one_receipt)
{
	struct world w;
	struct sync_status st;
	struct sx_report_rev rev, got;
	char receipt[128];

	world_up(&w);
	struct sx_db *a = world_client(&w, "a", NULL, 0);
	fill(a, "03979", 3, 1);
	finalise_and_submit(a, &rev);
	cr_assert_eq(world_sync(a, &st), SX_OK, "%s", st.err.msg);
	cr_assert_eq(st.reports_sent, 1);
	cr_assert_eq(report_get_id(a, rev.id, &got, NULL, NULL), SX_OK);
	cr_assert_str_eq(got.status, "sent");
	cr_assert_neq(got.receipt[0], '\0');
	snprintf(receipt, sizeof receipt, "%s", got.receipt);

	/* the answer was lost: the revision goes out again */
	cr_assert_eq(report_set_status(a, rev.id, "queued", NULL, NULL, NULL),
		     SX_OK);
	cr_assert_eq(world_sync(a, &st), SX_OK, "%s", st.err.msg);
	cr_assert_eq(st.reports_duplicate, 1);
	cr_assert_eq(report_get_id(a, rev.id, &got, NULL, NULL), SX_OK);
	cr_assert_str_eq(got.status, "sent");
	cr_assert_str_eq(got.receipt, receipt, "the same receipt");
	cr_assert_eq(server_report_count(&w), 1);
	/* nothing queued: nothing sent */
	cr_assert_eq(world_sync(a, &st), SX_OK);
	cr_assert_eq(st.reports_sent, 0);
	sx_db_close(a);
	world_down(&w);
}

Test(sync_reports, the_provinces_decision_comes_back)
{
	struct world w;
	struct sync_status st;
	struct sx_report_rev rev, got;

	world_up(&w);
	struct sx_db *a = world_client(&w, "a", NULL, 0);
	fill(a, "03979", 2, 1);
	finalise_and_submit(a, &rev);
	cr_assert_eq(world_sync(a, &st), SX_OK, "%s", st.err.msg);
	cr_assert_eq(th_system("'%s' report return --district 123 --period "
			       "2017S1 --reason 'Thiếu số liệu tiêu thụ' "
			       "--db '%s' >/dev/null 2>&1", th_server_bin(),
			       w.srv.db), 0);
	cr_assert_eq(world_sync(a, &st), SX_OK, "%s", st.err.msg);
	cr_assert_eq(st.statuses_updated, 1);
	cr_assert_eq(report_get_id(a, rev.id, &got, NULL, NULL), SX_OK);
	cr_assert_str_eq(got.status, "returned");
	cr_assert_str_eq(got.status_reason, "Thiếu số liệu tiêu thụ");

	/* a correction: revision 2, replacing 1, then accepted */
	fill(a, "03979", 1, 0);
	finalise_and_submit(a, &rev);
	cr_assert_eq(rev.revision, 2);
	cr_assert_eq(world_sync(a, &st), SX_OK, "%s", st.err.msg);
	cr_assert_eq(st.reports_sent, 1);
	cr_assert_eq(th_system("'%s' report accept --district 123 --period "
			       "2017S1 --db '%s' >/dev/null 2>&1",
			       th_server_bin(), w.srv.db), 0);
	cr_assert_eq(world_sync(a, &st), SX_OK, "%s", st.err.msg);
	cr_assert_eq(report_get_id(a, rev.id, &got, NULL, NULL), SX_OK);
	cr_assert_str_eq(got.status, "accepted");
	sx_db_close(a);
	world_down(&w);
}

static long long at(json_t *doc, const char *a, const char *b, const char *c)
{
	return json_integer_value(json_object_get(json_object_get(
		json_object_get(doc, a), b), c));
}

Test(sync_reports, twelve_districts_at_once_add_up_to_the_province,
     .timeout = 180)
{
	static const char *const code[12] = {
		"116", "118", "119", "120", "121", "122",
		"123", "124", "125", "126", "127", "128"
	};
	static const char *const commune[12] = {
		"03646", "03682", "03721", "03808", "03856", "03898",
		"03979", "04060", "04105", "04168", "04225", "03994"
	};
	struct world w;
	struct sx_db *db[12];
	struct sync *s[12];
	long long t2_sum = 0, t1_den_sum = 0;
	struct sx_error err = {0};

	memset(&w, 0, sizeof w);
	snprintf(w.dir, sizeof w.dir, "%s", th_tmpdir());
	th_tls_make(&w.tls, w.dir, "p");
	th_server_init(&w.srv, w.dir, &w.tls);
	for (int i = 0; i < 12; i++) {
		char token[80], path[512];
		struct sync_config cfg;
		struct sx_report_rev rev;
		char *json = NULL;

		th_server_district_add(&w.srv, code[i], token, sizeof token);
		snprintf(path, sizeof path, "%s/d%s.db", w.dir, code[i]);
		cr_assert_eq(sx_db_open(path, 0, &db[i], &err), SX_OK);
		cr_assert_eq(sx_db_init_district(db[i], code[i], "T", &err),
			     SX_OK, "%s", err.msg);
		fill(db[i], commune[i], 2 + i % 4, 1 + i % 3);
		finalise_and_submit(db[i], &rev);
		cr_assert_eq(report_get_id(db[i], rev.id, &rev, &json, NULL),
			     SX_OK);
		json_t *doc = json_loads(json, 0, NULL);
		t2_sum += at(doc, "indicators", "T2", "cumulative");
		t1_den_sum += at(doc, "indicators", "T1", "denominator");
		json_decref(doc);
		free(json);
		settings_set(db[i], "token", token, NULL);
		settings_set(db[i], "ca", w.tls.ca, NULL);
		if (i == 0)
			th_server_start(&w.srv);
		settings_set(db[i], "server", w.srv.url, NULL);
		cr_assert_eq(sync_config_load(db[i], &cfg, &err), SX_OK);
		cfg.max_attempts = 3;
		cfg.backoff_base_ms = 50;
		cr_assert_eq(sync_new(db[i], &cfg, &s[i], &err), SX_OK);
		sync_config_release(&cfg);
	}
	/* all twelve in flight together, driven by one loop */
	for (int i = 0; i < 12; i++)
		cr_assert_eq(sync_start(s[i], &err), SX_OK);
	for (int busy = 12; busy > 0;) {
		busy = 0;
		for (int i = 0; i < 12; i++) {
			if (!sync_busy(s[i]))
				continue;
			busy++;
			sync_wait(s[i], -1, 5, NULL);
			sync_progress(s[i]);
		}
	}
	for (int i = 0; i < 12; i++) {
		struct sync_status st;
		sync_state(s[i], &st);
		cr_assert_eq(st.phase, SYNC_DONE, "district %s: %s", code[i],
			     st.err.msg);
		cr_assert_eq(st.reports_sent, 1);
		cr_assert_eq(pending_count(db[i]), 0);
		sync_free(s[i]);
		sx_db_close(db[i]);
	}
	world_down(&w);

	char cmd[1024];
	snprintf(cmd, sizeof cmd, "'%s' report --period 2017S1 --format json"
		 " --db '%s'", th_server_bin(), w.srv.db);
	FILE *p = popen(cmd, "r");
	cr_assert_not_null(p);
	json_error_t jerr;
	json_t *prov = json_loadf(p, 0, &jerr);
	cr_assert_eq(pclose(p), 0);
	cr_assert_not_null(prov, "%s", jerr.text);
	cr_assert_eq(json_array_size(json_object_get(prov, "districts")), 12);
	cr_assert_eq(at(prov, "indicators", "T2", "cumulative"), t2_sum);
	cr_assert_eq(at(prov, "indicators", "T1", "denominator"), t1_den_sum);
	json_decref(prov);
}

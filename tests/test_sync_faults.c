/* test_sync_faults.c — the sync client against a stub on loopback that
 * answers 500, garbage, a truncated body, nothing, or never: the outbox is
 * kept, each entry remembers the failure, and the run ends as a network
 * failure (exit 3); refusals end it as SX_REFUSED (exit 4). */
#include "helpers.h"
#include "fault_stub.h"
#include "core_fixture.h"
#include "sxsh/outbox.h"
#include "sxsh/settings.h"
#include "sxsh/sync.h"
#include "sxsh/sync_store.h"

static struct sx_db *client_for(const struct fault_stub *s)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	cr_assert_eq(settings_set(db, "server", s->url, NULL), SX_OK);
	cr_assert_eq(settings_set(db, "token", "0123456789abcdef0123456789"
				  "abcdef", NULL), SX_OK);
	fx_facility(db, "Cơ sở một", NULL, NULL);
	fx_facility(db, "Cơ sở hai", NULL, NULL);
	return db;
}

static enum sx_err run(struct sx_db *db, int attempts, struct sync_status *st)
{
	struct sync_config cfg;
	struct sync *s = NULL;
	struct sx_error err = {0};
	enum sx_err e;

	cr_assert_eq(sync_config_load(db, &cfg, &err), SX_OK, "%s", err.msg);
	cfg.insecure_dev = 1;       /* the stub speaks plain HTTP */
	cfg.max_attempts = attempts;
	cfg.backoff_base_ms = 20;
	cfg.low_speed_time_s = 1;
	e = sync_new(db, &cfg, &s, &err);
	sync_config_release(&cfg);
	cr_assert_eq(e, SX_OK, "%s", err.msg);
	e = sync_run(s, NULL, NULL, &err);
	sync_state(s, st);
	sync_free(s);
	return e;
}

static void expect_kept(struct sx_db *db, int status)
{
	struct sx_outbox_entry *e = NULL;
	int n = 0;

	cr_assert_eq(outbox_all(db, &e, &n, NULL), SX_OK);
	cr_assert_eq(n, 2, "outbox kept");
	for (int i = 0; i < n; i++) {
		cr_assert_eq(e[i].rejected, 0, "not held: retried next time");
		cr_assert_geq(e[i].attempts, 1);
		cr_assert_eq(e[i].last_status, status);
		cr_assert_neq(e[i].last_error[0], '\0', "last error kept");
	}
	free(e);
}

static void fault_case(enum fault_mode mode, int status)
{
	struct fault_stub s;
	struct sync_status st;

	fault_stub_start(&s, mode, 200, "{}", NULL);
	struct sx_db *db = client_for(&s);
	cr_assert_eq(run(db, 1, &st), SX_NET, "%s", st.err.msg);
	cr_assert_eq(sx_exit_status(st.err.code), 3);
	expect_kept(db, status);
	cr_assert_eq(settings_get_int(db, "pull_cursor", 0), 0);
	sx_db_close(db);
	fault_stub_stop(&s);
}

Test(sync_faults, server_error_500_keeps_the_outbox)
{
	fault_case(FAULT_500, 500);
}

Test(sync_faults, garbage_answer_keeps_the_outbox)
{
	struct fault_stub s;
	struct sync_status st;

	fault_stub_start(&s, FAULT_GARBAGE, 0, NULL, NULL);
	struct sx_db *db = client_for(&s);
	cr_assert_eq(run(db, 1, &st), SX_NET, "%s", st.err.msg);
	long long pending = 0, held = 0;
	outbox_size(db, &pending, &held, NULL);
	cr_assert_eq(pending, 2);
	cr_assert_eq(held, 0);
	sx_db_close(db);
	fault_stub_stop(&s);
}

Test(sync_faults, truncated_body_keeps_the_outbox)
{
	fault_case(FAULT_TRUNCATED, 0);
}

Test(sync_faults, empty_reply_keeps_the_outbox)
{
	fault_case(FAULT_NOTHING, 0);
}

Test(sync_faults, silent_server_times_out_and_keeps_the_outbox)
{
	fault_case(FAULT_SILENT, 0);
}

Test(sync_faults, an_answer_for_other_changes_is_not_applied)
{
	struct fault_stub s;
	struct sync_status st;
	const char *body = "{\"results\":[{\"change_id\":\"6f1c2d3e-0000-4000-"
		"8000-000000000000\",\"result\":\"applied\",\"rev\":5},"
		"{\"change_id\":\"6f1c2d3e-0000-4000-8000-000000000001\","
		"\"result\":\"applied\",\"rev\":6}]}";

	fault_stub_start(&s, FAULT_CANNED, 200, body, NULL);
	struct sx_db *db = client_for(&s);
	cr_assert_eq(run(db, 1, &st), SX_NET);
	long long pending = 0, held = 0;
	outbox_size(db, &pending, &held, NULL);
	cr_assert_eq(pending, 2);
	sx_db_close(db);
	fault_stub_stop(&s);
}

Test(sync_faults, retries_with_backoff_before_giving_up)
{
	struct fault_stub s;
	struct sync_status st;

	fault_stub_start(&s, FAULT_500, 0, NULL, NULL);
	struct sx_db *db = client_for(&s);
	cr_assert_eq(run(db, 3, &st), SX_NET);
	cr_assert_eq(st.requests, 3, "three attempts: %lld", st.requests);
	struct sx_outbox_entry *e = NULL;
	int n = 0;
	outbox_all(db, &e, &n, NULL);
	cr_assert_eq(e[0].attempts, 3);
	free(e);
	sx_db_close(db);
	fault_stub_stop(&s);
}

Test(sync_faults, unauthorised_is_a_refusal)
{
	struct fault_stub s;
	struct sync_status st;

	fault_stub_start(&s, FAULT_CANNED, 401, "{\"error\":{\"code\":"
			 "\"unauthorized\",\"message\":\"unknown token\"}}",
			 NULL);
	struct sx_db *db = client_for(&s);
	cr_assert_eq(run(db, 5, &st), SX_REFUSED);
	cr_assert_eq(st.requests, 1, "a refusal is not retried");
	cr_assert_eq(sx_exit_status(st.err.code), 4);
	long long pending = 0, held = 0;
	outbox_size(db, &pending, &held, NULL);
	cr_assert_eq(pending, 2);
	sx_db_close(db);
	fault_stub_stop(&s);
}

Test(sync_faults, bad_request_stops_and_keeps_the_data)
{
	struct fault_stub s;
	struct sync_status st;

	fault_stub_start(&s, FAULT_CANNED, 400, "{\"error\":{\"code\":"
			 "\"bad_request\",\"message\":\"changes: expected an "
			 "array\"}}", NULL);
	struct sx_db *db = client_for(&s);
	cr_assert_eq(run(db, 5, &st), SX_REFUSED);
	cr_assert_not_null(strstr(st.err.msg, "expected an array"));
	expect_kept(db, 400);
	sx_db_close(db);
	fault_stub_stop(&s);
}

static void no_token(const char *at, const char *level, const char *msg,
		     void *arg)
{
	int *lines = arg;
	(void)at;
	(void)level;
	(*lines)++;
	cr_assert_null(strstr(msg, "0123456789abcdef0123456789abcdef"));
}

Test(sync_faults, token_never_appears_in_the_sync_log)
{
	struct fault_stub s;
	struct sync_status st;
	char rec[512];
	int lines = 0;

	th_path(rec, sizeof rec, th_tmpdir(), "req");
	fault_stub_start(&s, FAULT_500, 0, NULL, rec);
	struct sx_db *db = client_for(&s);
	run(db, 2, &st);
	fault_stub_stop(&s);
	cr_assert_null(strstr(st.err.msg, "0123456789abcdef0123456789abcdef"));
	cr_assert_eq(sync_store_log_each(db, 100, no_token, &lines, NULL),
		     SX_OK);
	cr_assert_geq(lines, 2);
	sx_db_close(db);
	/* the request itself did carry it, as a bearer token */
	cr_assert_eq(th_system("grep -q 'Bearer 0123456789abcdef0123456789"
			       "abcdef' '%s'", rec), 0);
}

Test(sync_faults, too_large_splits_the_batch_then_holds_the_change)
{
	struct fault_stub s;
	struct sync_status st;
	struct sx_outbox_entry *e = NULL;
	int n = 0;

	fault_stub_start(&s, FAULT_CANNED, 413, "{\"error\":{\"code\":"
			 "\"too_large\",\"message\":\"body too large\"}}",
			 NULL);
	struct sx_db *db = client_for(&s);
	/* the pull that follows gets 413 too: a refusal of the request */
	cr_assert_eq(run(db, 1, &st), SX_REFUSED);
	cr_assert_eq(st.rejected, 2);
	cr_assert_eq(st.requests, 4, "2, then 1 and 1, then the pull");
	cr_assert_eq(outbox_all(db, &e, &n, NULL), SX_OK);
	cr_assert_eq(n, 2, "held, not lost");
	for (int i = 0; i < n; i++) {
		cr_assert_eq(e[i].rejected, 1);
		cr_assert_eq(e[i].last_status, 413);
		cr_assert_str_eq(e[i].last_error, "body too large");
	}
	free(e);
	sx_db_close(db);
	fault_stub_stop(&s);
}

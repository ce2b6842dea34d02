/* test_sync_client.c — the sync client against the real sxsh-server on
 * 127.0.0.1 with a certificate made at test time. */
#include "sync_fixture.h"
#include "sxsh/record.h"
#include "sxsh/indicators.h"
#include "sxsh/period.h"
#include "../sync/protocol.h"
#include "../sync/transport.h"

Test(sync_client, first_sync_of_a_new_district_pushes_then_pulls)
{
	struct world w;
	struct sync_status st;
	char fa[SX_UUID_LEN + 1], pa[SX_UUID_LEN + 1];
	struct sx_record *rec = NULL;

	world_up(&w);
	struct sx_db *a = world_client(&w, "a", NULL, 0);
	fx_facility(a, "Cơ sở chè Mộc Sương", NULL, fa);
	fx_facility(a, "HTX tinh bột sắn Chiềng Sơn", NULL, NULL);
	fx_save(a, SXK_PERSON, pa, "name", "Lò Văn Khánh", "role",
		"collaborator", "active", "1", NULL);
	cr_assert_eq(pending_count(a), 3);

	cr_assert_eq(world_sync(a, &st), SX_OK, "%s", st.err.msg);
	cr_assert_eq(st.phase, SYNC_DONE);
	cr_assert_eq(st.applied, 3);
	cr_assert_eq(pending_count(a), 0);
	/* our own rows come back and are skipped, not conflicts */
	cr_assert_eq(st.pull_conflicts, 0);
	cr_assert_eq(st.connections, 1, "one connection for the whole sync");
	cr_assert_eq(record_load(a, SXK_FACILITY, fa, &rec, NULL), SX_OK);
	cr_assert_gt(rec->server_rev, 0);
	long long rev_a = rec->server_rev;
	record_free(rec);

	/* a second office of the same district starts empty and gets all */
	struct sx_db *b = world_client(&w, "b", NULL, 0);
	cr_assert_eq(world_sync(b, &st), SX_OK, "%s", st.err.msg);
	cr_assert_eq(st.pull_applied, 3);
	cr_assert_eq(live_count(b, SXK_FACILITY), 2);
	cr_assert_eq(live_count(b, SXK_PERSON), 1);
	cr_assert_eq(pending_count(b), 0, "pulled rows are not local changes");
	cr_assert_eq(record_load(b, SXK_FACILITY, fa, &rec, NULL), SX_OK);
	cr_assert_str_eq(record_get(rec, "name"), "Cơ sở chè Mộc Sương");
	cr_assert_eq(rec->server_rev, rev_a);
	record_free(rec);
	cr_assert_eq(settings_get_int(b, "pull_cursor", 0) >= rev_a, 1);

	/* nothing new: a second run moves nothing */
	cr_assert_eq(world_sync(b, &st), SX_OK);
	cr_assert_eq(st.pushed + st.pulled, 0);
	sx_db_close(a);
	sx_db_close(b);
	world_down(&w);
}

/* A and B hold the same facility; both rename it; B syncs last. */
static void make_conflict(struct world *w, struct sx_db **a_out,
			  struct sx_db **b_out, char *uuid)
{
	struct sync_status st;
	struct sx_record *rec = NULL;
	struct sx_problems p;
	struct sx_db *a = world_client(w, "a", NULL, 0);
	struct sx_db *b = world_client(w, "b", NULL, 0);

	problems_init(&p);
	fx_facility(a, "Cơ sở chè Mộc Sương", NULL, uuid);
	cr_assert_eq(world_sync(a, NULL), SX_OK);
	cr_assert_eq(world_sync(b, NULL), SX_OK);

	cr_assert_eq(record_load(a, SXK_FACILITY, uuid, &rec, NULL), SX_OK);
	record_set(rec, "name", "Tên của A");
	cr_assert_eq(record_save(a, rec, &p, NULL), SX_OK);
	record_free(rec);
	cr_assert_eq(world_sync(a, NULL), SX_OK);

	cr_assert_eq(record_load(b, SXK_FACILITY, uuid, &rec, NULL), SX_OK);
	record_set(rec, "name", "Tên của B");
	cr_assert_eq(record_save(b, rec, &p, NULL), SX_OK);
	record_free(rec);
	cr_assert_eq(world_sync(b, &st), SX_OK, "%s", st.err.msg);
	cr_assert_eq(st.conflicts + st.pull_conflicts >= 1, 1);
	problems_release(&p);
	*a_out = a;
	*b_out = b;
}

static long long only_conflict(struct sx_db *db)
{
	struct sx_conflict *c = NULL;
	int n = 0;
	cr_assert_eq(sync_store_conflicts(db, 0, &c, &n, NULL), SX_OK);
	cr_assert_eq(n, 1, "open conflicts: %d", n);
	long long id = c[0].id;
	cr_assert_not_null(c[0].local_payload);
	cr_assert_not_null(strstr(c[0].server_payload, "Tên của A"));
	cr_assert_not_null(strstr(c[0].local_payload, "Tên của B"));
	sync_store_conflicts_free(c, n);
	return id;
}

static void assert_name(struct sx_db *db, const char *uuid, const char *name)
{
	struct sx_record *rec = NULL;
	cr_assert_eq(record_load(db, SXK_FACILITY, uuid, &rec, NULL), SX_OK);
	cr_assert_str_eq(record_get(rec, "name"), name);
	record_free(rec);
}

Test(sync_client, edits_on_both_sides_conflict_and_take_theirs_resolves)
{
	struct world w;
	struct sx_db *a, *b;
	char uuid[SX_UUID_LEN + 1];
	struct sync_status st;

	world_up(&w);
	make_conflict(&w, &a, &b, uuid);
	/* the server's row did not overwrite the unsent local edit */
	assert_name(b, uuid, "Tên của B");
	cr_assert_eq(pending_count(b), 1, "the local change is kept");
	long long id = only_conflict(b);
	/* held: a new sync does not push it again nor add a conflict */
	cr_assert_eq(world_sync(b, &st), SX_OK);
	cr_assert_eq(st.pushed, 0);

	cr_assert_eq(sync_resolve(b, id, SYNC_TAKE_THEIRS, NULL), SX_OK);
	assert_name(b, uuid, "Tên của A");
	cr_assert_eq(pending_count(b), 0);
	long long open = -1;
	sync_store_conflict_count(b, &open, NULL);
	cr_assert_eq(open, 0);
	cr_assert_neq(sync_resolve(b, id, SYNC_KEEP_MINE, NULL), SX_OK,
		      "a resolved conflict cannot be resolved again");
	cr_assert_eq(world_sync(b, &st), SX_OK);
	cr_assert_eq(st.pushed, 0);
	cr_assert_eq(st.pull_conflicts, 0);
	sx_db_close(a);
	sx_db_close(b);
	world_down(&w);
}

Test(sync_client, edits_on_both_sides_conflict_and_keep_mine_wins_on_server)
{
	struct world w;
	struct sx_db *a, *b;
	char uuid[SX_UUID_LEN + 1];
	struct sync_status st;

	world_up(&w);
	make_conflict(&w, &a, &b, uuid);
	long long id = only_conflict(b);
	cr_assert_eq(sync_resolve(b, id, SYNC_KEEP_MINE, NULL), SX_OK);
	assert_name(b, uuid, "Tên của B");
	cr_assert_eq(world_sync(b, &st), SX_OK, "%s", st.err.msg);
	cr_assert_eq(st.applied, 1, "kept version goes out");
	cr_assert_eq(st.conflicts + st.pull_conflicts, 0);
	cr_assert_eq(pending_count(b), 0);
	/* and reaches the other office */
	cr_assert_eq(world_sync(a, &st), SX_OK);
	assert_name(a, uuid, "Tên của B");
	cr_assert_eq(st.pull_conflicts, 0);
	sx_db_close(a);
	sx_db_close(b);
	world_down(&w);
}

/* Sends one push body over a fresh transport; returns the answer's
 * outcomes through the decoder. */
static void push_raw(struct world *w, const char *body, const char **ids,
		     int n, enum protocol_outcome *outcome, long long *rev)
{
	struct transport_options o = {0};
	struct transport *t = NULL;
	struct transport_result res;
	struct protocol_push_result *r = NULL;
	struct sx_error err = {0};

	o.base_url = w->srv.url;
	o.token = w->token;
	o.ca_file = w->tls.ca;
	cr_assert_eq(transport_new(&o, &t, &err), SX_OK, "%s", err.msg);
	cr_assert_eq(transport_start(t, "POST", "/v1/push", body, strlen(body),
				     &err), SX_OK);
	while (!transport_step(t, &res))
		transport_wait(t, -1, 200, NULL, &err);
	cr_assert_eq(res.code, SX_OK, "%s", res.err.msg);
	cr_assert_eq(res.http_status, 200, "%s", res.body);
	cr_assert_eq(protocol_push_decode(res.body, res.body_len, ids, n, &r,
					  &err), SX_OK, "%s", err.msg);
	for (int i = 0; i < n; i++) {
		outcome[i] = r[i].outcome;
		rev[i] = r[i].rev;
	}
	protocol_push_results_free(r, n);
	transport_free(t);
}

Test(sync_client, the_same_push_sent_twice_applies_once)
{
	struct world w;
	struct sx_outbox_entry *e = NULL;
	struct protocol_push_item items[2];
	struct sx_record *recs[2];
	const char *ids[2];
	enum protocol_outcome o1[2], o2[2];
	long long r1[2], r2[2];
	struct sync_status st;
	int n = 0;
	char *client_id;

	world_up(&w);
	struct sx_db *a = world_client(&w, "a", NULL, 0);
	fx_facility(a, "Cơ sở một", NULL, NULL);
	fx_facility(a, "Cơ sở hai", NULL, NULL);
	cr_assert_eq(outbox_pending(a, 0, 10, &e, &n, NULL), SX_OK);
	cr_assert_eq(n, 2);
	for (int i = 0; i < 2; i++) {
		cr_assert_eq(record_load(a, e[i].kind, e[i].record_uuid,
					 &recs[i], NULL), SX_OK);
		items[i].change_id = e[i].change_id;
		items[i].rec = recs[i];
		ids[i] = e[i].change_id;
	}
	client_id = settings_get(a, "client_id");
	char *body = protocol_push_encode(client_id, items, 2, NULL);
	push_raw(&w, body, ids, 2, o1, r1);
	/* as if the answer was lost: the very same bytes again */
	push_raw(&w, body, ids, 2, o2, r2);
	for (int i = 0; i < 2; i++) {
		cr_assert_eq(o1[i], PROTOCOL_APPLIED);
		cr_assert_eq(o2[i], PROTOCOL_DUPLICATE);
		cr_assert_eq(r1[i], r2[i], "same revision both times");
	}
	/* the client, which never saw an answer, pushes again: duplicate */
	cr_assert_eq(world_sync(a, &st), SX_OK, "%s", st.err.msg);
	cr_assert_eq(st.duplicates, 2);
	cr_assert_eq(pending_count(a), 0);
	cr_assert_eq(server_row_count(&w), 2);
	for (int i = 0; i < 2; i++)
		record_free(recs[i]);
	free(body);
	free(client_id);
	free(e);
	sx_db_close(a);
	world_down(&w);
}

Test(sync_client, server_killed_mid_push_loses_and_duplicates_nothing,
     .timeout = 120)
{
	struct world w;
	struct sync_config cfg;
	struct sync *s = NULL;
	struct sync_status st;
	struct sx_error err = {0};
	const int total = 600;
	char name[64];

	world_up(&w);
	struct sx_db *a = world_client(&w, "a", NULL, 0);
	cr_assert_eq(sx_db_begin(a, NULL), SX_OK);
	for (int i = 0; i < total; i++) {
		snprintf(name, sizeof name, "Cơ sở số %d", i);
		fx_facility(a, name, NULL, NULL);
	}
	cr_assert_eq(sx_db_commit(a, NULL), SX_OK);

	cr_assert_eq(sync_config_load(a, &cfg, &err), SX_OK);
	cfg.max_attempts = 1;
	cfg.batch_max = 50;
	cr_assert_eq(sync_new(a, &cfg, &s, &err), SX_OK, "%s", err.msg);
	sync_config_release(&cfg);
	cr_assert_eq(sync_start(s, &err), SX_OK);
	while (sync_busy(s)) {
		sync_wait(s, -1, 200, NULL);
		sync_progress(s);
		sync_state(s, &st);
		/* a few batches acknowledged, the next one in flight */
		if (st.pushed >= 150 && w.srv.pid)
			th_server_stop(&w.srv, SIGKILL);
	}
	sync_state(s, &st);
	sync_free(s);
	cr_assert_eq(st.phase, SYNC_FAILED);
	cr_assert_eq(st.err.code, SX_NET, "%s", st.err.msg);
	cr_assert_gt(pending_count(a), 0, "unacknowledged changes kept");
	cr_assert_lt(pending_count(a), total);

	th_server_start(&w.srv);
	cr_assert_eq(world_sync(a, &st), SX_OK, "%s", st.err.msg);
	cr_assert_eq(pending_count(a), 0);
	cr_assert_eq(server_row_count(&w), total);
	struct sx_db *b = world_client(&w, "b", NULL, 0);
	cr_assert_eq(world_sync(b, &st), SX_OK, "%s", st.err.msg);
	cr_assert_eq(live_count(b, SXK_FACILITY), total,
		     "pulled %lld applied %lld waiting %lld", st.pulled,
		     st.pull_applied, st.pull_waiting);
	sx_db_close(a);
	sx_db_close(b);
	world_down(&w);
}

Test(sync_client, wrong_token_is_refused_and_applies_nothing)
{
	struct world w;
	struct sync_status st;

	world_up(&w);
	struct sx_db *a = world_client(&w, "a", NULL, 0);
	fx_facility(a, "Cơ sở một", NULL, NULL);
	cr_assert_eq(world_sync(a, NULL), SX_OK);

	struct sx_db *b = world_client(&w, "b", NULL, 0);
	fx_facility(b, "Cơ sở của B", NULL, NULL);
	settings_set(b, "token", "0000000000000000000000000000000000000000"
		     "000000000000000000000000", NULL);
	cr_assert_eq(world_sync(b, &st), SX_REFUSED);
	cr_assert_eq(st.phase, SYNC_FAILED);
	cr_assert_eq(live_count(b, SXK_FACILITY), 1, "nothing pulled");
	cr_assert_eq(pending_count(b), 1, "nothing lost");
	cr_assert_eq(settings_get_int(b, "pull_cursor", 0), 0);
	cr_assert_eq(server_row_count(&w), 1, "nothing pushed");
	sx_db_close(a);
	sx_db_close(b);
	world_down(&w);
}

Test(sync_client, certificate_from_another_ca_is_refused)
{
	struct world w;
	struct th_tls other;
	struct sync_status st;

	world_up(&w);
	th_tls_make(&other, w.dir, "other");
	struct sx_db *a = world_client(&w, "a", NULL, 0);
	fx_facility(a, "Cơ sở một", NULL, NULL);
	settings_set(a, "ca", other.ca, NULL);
	cr_assert_eq(world_sync(a, &st), SX_REFUSED, "%s", st.err.msg);
	cr_assert_eq(pending_count(a), 1);
	cr_assert_eq(server_row_count(&w), 0);
	/* the system store does not know a throw-away CA either */
	settings_set(a, "ca", NULL, NULL);
	cr_assert_eq(world_sync(a, &st), SX_REFUSED, "%s", st.err.msg);
	sx_db_close(a);
	world_down(&w);
}

Test(sync_client, wrong_public_key_pin_is_refused)
{
	struct world w;
	struct sync_status st;

	world_up(&w);
	struct sx_db *a = world_client(&w, "a", NULL, 0);
	fx_facility(a, "Cơ sở một", NULL, NULL);
	settings_set(a, "pin", "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
		     "AAAA=", NULL);
	cr_assert_eq(world_sync(a, &st), SX_REFUSED, "%s", st.err.msg);
	cr_assert_eq(pending_count(a), 1);
	sx_db_close(a);
	world_down(&w);
}

Test(sync_client, the_right_public_key_pin_is_accepted)
{
	struct world w;
	struct sync_status st;
	char cmd[1024], pin[128] = "sha256//";

	world_up(&w);
	snprintf(cmd, sizeof cmd, "openssl x509 -in '%s' -pubkey -noout |"
		 " openssl pkey -pubin -outform der |"
		 " openssl dgst -sha256 -binary | base64", w.tls.cert);
	FILE *p = popen(cmd, "r");
	cr_assert_not_null(p);
	cr_assert_not_null(fgets(pin + 8, (int)sizeof pin - 8, p));
	pclose(p);
	pin[strcspn(pin, "\r\n")] = '\0';
	struct sx_db *a = world_client(&w, "a", NULL, 0);
	fx_facility(a, "Cơ sở một", NULL, NULL);
	settings_set(a, "pin", pin, NULL);
	cr_assert_eq(world_sync(a, &st), SX_OK, "%s (%s)", st.err.msg, pin);
	cr_assert_eq(st.applied, 1);
	sx_db_close(a);
	world_down(&w);
}

Test(sync_client, an_edit_made_while_its_push_is_out_is_not_a_conflict)
{
	struct world w;
	struct sync_config cfg;
	struct sync *s = NULL;
	struct sync_status st;
	struct sx_error err = {0};
	struct sx_record *rec = NULL;
	struct sx_problems p;
	char uuid[SX_UUID_LEN + 1];

	world_up(&w);
	problems_init(&p);
	struct sx_db *a = world_client(&w, "a", NULL, 0);
	fx_facility(a, "Tên cũ", NULL, uuid);
	cr_assert_eq(sync_config_load(a, &cfg, &err), SX_OK);
	cfg.max_attempts = 1;
	cr_assert_eq(sync_new(a, &cfg, &s, &err), SX_OK);
	sync_config_release(&cfg);
	/* the push is on its way when the user saves an edit */
	cr_assert_eq(sync_start(s, &err), SX_OK);
	cr_assert_eq(record_load(a, SXK_FACILITY, uuid, &rec, NULL), SX_OK);
	record_set(rec, "name", "Tên mới");
	cr_assert_eq(record_save(a, rec, &p, NULL), SX_OK);
	record_free(rec);
	while (sync_busy(s)) {
		sync_wait(s, -1, 200, NULL);
		sync_progress(s);
	}
	sync_state(s, &st);
	sync_free(s);
	cr_assert_eq(st.phase, SYNC_DONE, "%s", st.err.msg);
	cr_assert_eq(st.pull_conflicts, 0, "our own row is not a conflict");
	cr_assert_eq(pending_count(a), 1, "the edit still goes out");
	cr_assert_eq(world_sync(a, &st), SX_OK, "%s", st.err.msg);
	cr_assert_eq(st.applied, 1);
	cr_assert_eq(st.conflicts + st.pull_conflicts, 0);
	cr_assert_eq(pending_count(a), 0);
	problems_release(&p);
	sx_db_close(a);
	world_down(&w);
}

static long long t2_target(struct sx_db *db)
{
	struct sx_period p;
	struct sx_indicators ind;
	indicators_init(&ind);
	cr_assert_eq(period_resolve(db, "2017S1", &p, NULL), SX_OK);
	cr_assert_eq(indicators_compute(db, &p, &ind, NULL, NULL), SX_OK);
	long long t = ind.t2.target;
	indicators_release(&ind);
	return t;
}

Test(sync_client, a_pulled_page_rolled_back_is_not_counted, .timeout = 120)
{
	struct world w;
	struct sync_status st;
	char db_b[512];
	struct sx_error err = {0};

	world_up(&w);
	struct sx_db *a = world_client(&w, "a", NULL, 0);
	cr_assert_eq(sx_db_begin(a, &err), SX_OK);
	for (int i = 0; i < 1100; i++) {
		char name[32];
		snprintf(name, sizeof name, "Cơ sở %d", i);
		fx_facility(a, name, NULL, NULL);
	}
	cr_assert_eq(sx_db_commit(a, &err), SX_OK);
	cr_assert_eq(world_sync(a, &st), SX_OK, "%s", st.err.msg);
	cr_assert_eq(st.applied, 1100);

	/* B's disk "fills" when the third page (revs 1001-1100) stores
	 * its cursor: that page's transaction is rolled back whole. */
	struct sx_db *b = world_client(&w, "b", db_b, sizeof db_b);
	cr_assert_eq(th_system("sqlite3 '%s' \"CREATE TRIGGER full BEFORE "
			       "UPDATE ON setting WHEN NEW.key = 'pull_cursor' "
			       "AND CAST(NEW.value AS INTEGER) > 1000 BEGIN "
			       "SELECT RAISE(ABORT, 'database or disk is "
			       "full'); END;\"", db_b), 0);
	cr_assert_neq(world_sync(b, &st), SX_OK);
	cr_assert_eq(live_count(b, SXK_FACILITY), 1000);
	cr_assert_eq(settings_get_int(b, "pull_cursor", 0), 1000);
	cr_assert_eq(st.pulled, 1000, "summary says pulled %lld", st.pulled);
	cr_assert_eq(st.pull_applied, 1000, "summary says applied %lld",
		     st.pull_applied);
	sx_db_close(a);
	sx_db_close(b);
	world_down(&w);
}

Test(sync_client, the_districts_targets_come_from_the_province)
{
	struct world w;
	struct sync_status st;

	world_up(&w);
	struct sx_db *a = world_client(&w, "a", NULL, 0);
	cr_assert_eq(world_sync(a, &st), SX_OK, "%s", st.err.msg);
	cr_assert_eq(th_system("'%s' district targets 123 --t2 4 --t3 2 --db"
			       " '%s' >/dev/null 2>&1", th_server_bin(),
			       w.srv.db), 0);
	cr_assert_eq(world_sync(a, &st), SX_OK, "%s", st.err.msg);
	cr_assert_eq(st.reference_updated, 1);
	cr_assert_eq(t2_target(a), 4);
	/* the same version again changes nothing */
	cr_assert_eq(world_sync(a, &st), SX_OK);
	cr_assert_eq(st.reference_updated, 0);
	sx_db_close(a);
	world_down(&w);
}

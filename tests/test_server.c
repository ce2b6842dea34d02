/* test_server.c — sxsh-server as a real process on 127.0.0.1 with a
 * certificate made at test time: districts and tokens, push (applied,
 * duplicate, conflict, rejected), pull paging, district isolation,
 * reports, bad input, crashes and clean shutdown.  Protocol:
 * sync/PROTOCOL.md. */
#include <jansson.h>
#include "sxsh/report.h"
#include "../sync/server/token.h"
#include "tls_helpers.h"

struct ctx {
	struct th_tls tls;
	struct th_server srv;
	char token_a[80];     /* district 123 */
	char token_b[80];     /* district 124 */
	char client1[37];
	char client2[37];
};

static void start(struct ctx *c)
{
	memset(c, 0, sizeof *c);
	const char *dir = th_tmpdir();
	th_tls_make(&c->tls, dir, "t");
	th_server_init(&c->srv, dir, &c->tls);
	th_server_district_add(&c->srv, "123", c->token_a, sizeof c->token_a);
	th_server_district_add(&c->srv, "124", c->token_b, sizeof c->token_b);
	th_uuid4(c->client1);
	th_uuid4(c->client2);
	th_server_start(&c->srv);
}

static void stop(struct ctx *c)
{
	cr_assert_eq(th_server_stop(&c->srv, SIGTERM), 0,
		     "server did not exit 0 on SIGTERM (see %s)", c->srv.log);
}

/* Sends body (a JSON value, taken) and returns the parsed reply. */
static json_t *call(struct ctx *c, const char *method, const char *path,
		    const char *token, json_t *body, long *status)
{
	char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
	json_decref(body);
	struct th_resp r;
	CURLcode rc = th_request(&c->srv, method, path, token, text,
				 text ? strlen(text) : 0, 1, &r);
	free(text);
	cr_assert_eq(rc, CURLE_OK, "%s %s: %s", method, path,
		     curl_easy_strerror(rc));
	*status = r.status;
	json_error_t jerr;
	json_t *reply = json_loads(r.body, 0, &jerr);
	cr_assert_not_null(reply, "%s %s → %ld: not JSON: %s", method, path,
			   r.status, r.body);
	th_resp_release(&r);
	return reply;
}

static json_t *facility(const char *change_id, const char *uuid,
			long long base_rev, const char *name)
{
	return json_pack("{s:s,s:s,s:s,s:I,s:b,s:{s:s,s:s,s:s,s:s,s:s,s:s}}",
			 "change_id", change_id, "kind", "facility",
			 "uuid", uuid, "base_rev", (json_int_t)base_rev,
			 "deleted", 0, "fields", "name", name,
			 "kind", "household", "vsic", "1079",
			 "commune", "04075", "status", "active",
			 "cp_potential", "1");
}

/* Pushes the changes (taken) from client, expects 200; returns results. */
static json_t *push(struct ctx *c, const char *token, const char *client,
		    json_t *changes)
{
	long status;
	json_t *reply = call(c, "POST", "/v1/push", token,
			     json_pack("{s:s,s:o}", "client_id", client,
				       "changes", changes), &status);
	cr_assert_eq(status, 200, "push → %ld", status);
	json_t *results = json_incref(json_object_get(reply, "results"));
	json_decref(reply);
	cr_assert(json_is_array(results));
	return results;
}

static const char *result_of(json_t *results, size_t i)
{
	return json_string_value(json_object_get(json_array_get(results, i),
						 "result"));
}

static long long rev_of(json_t *results, size_t i)
{
	return json_integer_value(json_object_get(json_array_get(results, i),
						  "rev"));
}

/* Rows the district sees from since on, all pages. */
static int pull_count(struct ctx *c, const char *token)
{
	long long since = 0;
	int total = 0;
	for (;;) {
		char path[64];
		long status;
		snprintf(path, sizeof path, "/v1/pull?since=%lld&limit=1000",
			 since);
		json_t *r = call(c, "GET", path, token, NULL, &status);
		cr_assert_eq(status, 200);
		total += (int)json_array_size(json_object_get(r, "changes"));
		since = json_integer_value(json_object_get(r, "next"));
		int more = json_is_true(json_object_get(r, "more"));
		json_decref(r);
		if (!more)
			return total;
	}
}

static const char *error_code(json_t *reply)
{
	return json_string_value(json_object_get(
		json_object_get(reply, "error"), "code"));
}

Test(server, district_add_list_revoke)
{
	struct ctx c;
	start(&c);
	long status;
	json_t *r = call(&c, "GET", "/v1/me", c.token_a, NULL, &status);
	cr_assert_eq(status, 200);
	cr_assert_str_eq(json_string_value(json_object_get(
		json_object_get(r, "district"), "code")), "123");
	cr_assert_str_eq(json_string_value(json_object_get(
		json_object_get(r, "district"), "name")), "Huyện Mộc Châu");
	json_decref(r);

	/* The token is not in the database file, only its hash. */
	cr_assert_neq(th_system("grep -q '%s' '%s'", c.token_a, c.srv.db), 0);
	/* A second add of the same code is refused. */
	cr_assert_eq(th_system("'%s' district add 123 --db '%s' >/dev/null"
			       " 2>&1", th_server_bin(), c.srv.db), 2);
	cr_assert_eq(th_system("'%s' district list --lang en --db '%s' | grep -q"
			       " '^124 .*active'", th_server_bin(),
			       c.srv.db), 0);
	cr_assert_eq(th_system("SXSH_SERVER_DB='%s' '%s' district revoke 124"
			       " 2>/dev/null", c.srv.db, th_server_bin()), 0);
	cr_assert_eq(th_system("'%s' district list --lang en --db '%s' | grep -q"
			       " '^124 .*revoked'", th_server_bin(),
			       c.srv.db), 0);
	r = call(&c, "GET", "/v1/me", c.token_b, NULL, &status);
	cr_assert_eq(status, 401);
	cr_assert_str_eq(error_code(r), "unauthorized");
	json_decref(r);
	/* rotate: a new token reactivates it; the old one stays dead. */
	char fresh[80];
	{
		char cmd[1024];
		snprintf(cmd, sizeof cmd, "'%s' district rotate 124 --db '%s'"
			 " 2>/dev/null", th_server_bin(), c.srv.db);
		FILE *p = popen(cmd, "r");
		cr_assert_not_null(fgets(fresh, sizeof fresh, p));
		cr_assert_eq(pclose(p), 0);
		fresh[strcspn(fresh, "\n")] = '\0';
		cr_assert_eq(strlen(fresh), 64);
	}
	r = call(&c, "GET", "/v1/me", fresh, NULL, &status);
	cr_assert_eq(status, 200);
	json_decref(r);
	r = call(&c, "GET", "/v1/me", c.token_b, NULL, &status);
	cr_assert_eq(status, 401);
	json_decref(r);
	/* The province changes a share and the deadline: the reference
	 * data says so, with a new version. */
	r = call(&c, "GET", "/v1/reference", c.token_a, NULL, &status);
	cr_assert_eq(status, 200);
	long long v1 = json_integer_value(json_object_get(r, "version"));
	cr_assert(json_is_null(json_object_get(json_object_get(r, "targets"),
					       "t2_share")));
	cr_assert_eq(json_integer_value(json_object_get(json_object_get(r,
		"plan"), "t2_province")), 15);
	json_decref(r);
	cr_assert_eq(th_system("'%s' district targets 123 --t2 3 --t3 1 --db"
			       " '%s'", th_server_bin(), c.srv.db), 0);
	cr_assert_eq(th_system("'%s' reference --deadline-days 20 --db '%s'"
			       " >/dev/null", th_server_bin(), c.srv.db), 0);
	r = call(&c, "GET", "/v1/reference", c.token_a, NULL, &status);
	cr_assert_eq(json_integer_value(json_object_get(r, "version")),
		     v1 + 2);
	cr_assert_eq(json_integer_value(json_object_get(json_object_get(r,
		"targets"), "t2_share")), 3);
	cr_assert_eq(json_integer_value(json_object_get(r, "deadline_days")),
		     20);
	json_decref(r);
	/* No --db and no SXSH_SERVER_DB: usage error. */
	cr_assert_eq(th_system("env -u SXSH_SERVER_DB '%s' district list"
			       " >/dev/null 2>&1", th_server_bin()), 1);
	stop(&c);
	/* Tokens never reach the log. */
	cr_assert_neq(th_system("grep -q '%s' '%s'", c.token_a, c.srv.log), 0);
	cr_assert_eq(th_system("grep -q 'GET /v1/me district=123 status=200'"
			       " '%s'", c.srv.log), 0);
}

Test(server, wrong_or_missing_token_is_401_and_changes_nothing)
{
	struct ctx c;
	start(&c);
	char id[37], u[37];
	th_uuid4(id);
	th_uuid4(u);
	long status;
	json_t *r = call(&c, "POST", "/v1/push", "0123456789abcdef",
			 json_pack("{s:s,s:[o]}", "client_id", c.client1,
				   "changes", facility(id, u, 0, "A")),
			 &status);
	cr_assert_eq(status, 401);
	json_decref(r);
	r = call(&c, "GET", "/v1/pull", NULL, NULL, &status);
	cr_assert_eq(status, 401);
	json_decref(r);
	cr_assert_eq(pull_count(&c, c.token_a), 0);
	stop(&c);
}

Test(server, push_applied_duplicate_conflict_rejected)
{
	struct ctx c;
	start(&c);
	char id1[37], id2[37], id3[37], id4[37], id5[37], u[37];
	th_uuid4(id1); th_uuid4(id2); th_uuid4(id3); th_uuid4(id4); th_uuid4(id5);
	th_uuid4(u);

	json_t *res = push(&c, c.token_a, c.client1,
			   json_pack("[o]", facility(id1, u, 0, "Chè A")));
	cr_assert_str_eq(result_of(res, 0), "applied");
	long long rev1 = rev_of(res, 0);
	cr_assert_gt(rev1, 0);
	json_decref(res);

	/* The same change again (a retry): duplicate, same rev. */
	res = push(&c, c.token_a, c.client1,
		   json_pack("[o]", facility(id1, u, 0, "Chè A")));
	cr_assert_str_eq(result_of(res, 0), "duplicate");
	cr_assert_eq(rev_of(res, 0), rev1);
	json_decref(res);

	/* Another client of the district edits from the old base: conflict
	 * with the server's row. */
	res = push(&c, c.token_a, c.client2,
		   json_pack("[o]", facility(id2, u, 0, "Chè B")));
	cr_assert_str_eq(result_of(res, 0), "conflict");
	cr_assert_eq(rev_of(res, 0), rev1);
	json_t *server = json_object_get(json_array_get(res, 0), "server");
	cr_assert_str_eq(json_string_value(json_object_get(
		json_object_get(server, "fields"), "name")), "Chè A");
	json_decref(res);

	/* The first client's own later edit from a stale base supersedes
	 * its earlier one. */
	res = push(&c, c.token_a, c.client1,
		   json_pack("[o]", facility(id3, u, 0, "Chè A2")));
	cr_assert_str_eq(result_of(res, 0), "applied");
	long long rev2 = rev_of(res, 0);
	cr_assert_gt(rev2, rev1);
	json_decref(res);

	/* Client 2 resolves "keep mine": base_rev = the server's rev. */
	res = push(&c, c.token_a, c.client2,
		   json_pack("[o]", facility(id4, u, rev2, "Chè B")));
	cr_assert_str_eq(result_of(res, 0), "applied");
	json_decref(res);

	/* Rejected: a choice key that does not exist, an unknown field, an
	 * unknown kind, a bad date; the good change in the same batch still
	 * goes through. */
	json_t *bad1 = facility(id5, u, 0, "X");
	json_object_set_new(json_object_get(bad1, "fields"), "kind",
			    json_string("factory"));
	char b2[37], b3[37], b4[37], ok[37], u2[37];
	th_uuid4(b2); th_uuid4(b3); th_uuid4(b4); th_uuid4(ok); th_uuid4(u2);
	json_t *bad2 = facility(b2, u2, 0, "Y");
	json_object_set_new(json_object_get(bad2, "fields"), "colour",
			    json_string("red"));
	json_t *bad3 = facility(b3, u2, 0, "Z");
	json_object_set_new(bad3, "kind", json_string("factory"));
	json_t *bad4 = facility(b4, u2, 0, "W");
	json_object_set_new(json_object_get(bad4, "fields"), "closed_on",
			    json_string("2017-02-30"));
	res = push(&c, c.token_a, c.client1,
		   json_pack("[o,o,o,o,o]", bad1, bad2, bad3, bad4,
			     facility(ok, u2, 0, "Good")));
	for (int i = 0; i < 4; i++) {
		cr_assert_str_eq(result_of(res, i), "rejected", "#%d", i);
		cr_assert_not_null(json_string_value(json_object_get(
			json_array_get(res, i), "reason")));
	}
	cr_assert_str_eq(json_string_value(json_object_get(
		json_array_get(res, 0), "field")), "kind");
	cr_assert_str_eq(json_string_value(json_object_get(
		json_array_get(res, 3), "field")), "closed_on");
	cr_assert_str_eq(result_of(res, 4), "applied");
	long long rev_u2 = rev_of(res, 4);
	json_decref(res);

	/* A rejected change is not remembered: sent again fixed, under
	 * the same change id, it applies. */
	res = push(&c, c.token_a, c.client1,
		   json_pack("[o]", facility(b2, u2, rev_u2, "Y")));
	cr_assert_str_eq(result_of(res, 0), "applied");
	json_decref(res);
	cr_assert_eq(pull_count(&c, c.token_a), 2);
	stop(&c);
}

Test(server, pull_pages_in_rev_order)
{
	struct ctx c;
	start(&c);
	json_t *changes = json_array();
	for (int i = 0; i < 25; i++) {
		char id[37], u[37], name[16];
		th_uuid4(id);
		th_uuid4(u);
		snprintf(name, sizeof name, "F%02d", i);
		json_array_append_new(changes, facility(id, u, 0, name));
	}
	json_t *res = push(&c, c.token_a, c.client1, changes);
	json_decref(res);
	long long since = 0, last = 0;
	int pages = 0, total = 0;
	for (;;) {
		char path[64];
		long status;
		snprintf(path, sizeof path, "/v1/pull?since=%lld&limit=10",
			 since);
		json_t *r = call(&c, "GET", path, c.token_a, NULL, &status);
		cr_assert_eq(status, 200);
		json_t *page = json_object_get(r, "changes");
		size_t i;
		json_t *ch;
		json_array_foreach(page, i, ch) {
			long long seq = json_integer_value(
				json_object_get(ch, "seq"));
			cr_assert_gt(seq, last);
			cr_assert_eq(seq, json_integer_value(
				json_object_get(ch, "rev")));
			last = seq;
			cr_assert_str_eq(json_string_value(json_object_get(
				ch, "kind")), "facility");
		}
		total += (int)json_array_size(page);
		pages++;
		since = json_integer_value(json_object_get(r, "next"));
		int more = json_is_true(json_object_get(r, "more"));
		cr_assert_eq(more, pages < 3, "page %d more=%d", pages, more);
		json_decref(r);
		if (!more)
			break;
	}
	cr_assert_eq(total, 25);
	cr_assert_eq(pages, 3);
	/* A page this size comes gzip-compressed to a client that asks. */
	struct th_resp gz;
	cr_assert_eq(th_request(&c.srv, "GET", "/v1/pull?limit=25",
				c.token_a, NULL, 0, 0, &gz), CURLE_OK);
	cr_assert_str_eq(gz.encoding, "gzip");
	cr_assert_not_null(strstr(gz.body, "\"more\":false"));
	th_resp_release(&gz);
	/* Nothing new after the cursor: empty page, cursor kept. */
	long status;
	char path[64];
	snprintf(path, sizeof path, "/v1/pull?since=%lld", since);
	json_t *r = call(&c, "GET", path, c.token_a, NULL, &status);
	cr_assert_eq(json_array_size(json_object_get(r, "changes")), 0);
	cr_assert_eq(json_integer_value(json_object_get(r, "next")), since);
	json_decref(r);
	r = call(&c, "GET", "/v1/pull?since=-1", c.token_a, NULL, &status);
	cr_assert_eq(status, 400);
	json_decref(r);
	r = call(&c, "GET", "/v1/pull?limit=5000", c.token_a, NULL, &status);
	cr_assert_eq(status, 400);
	json_decref(r);
	stop(&c);
}

Test(server, district_cannot_read_or_write_another_districts_records)
{
	struct ctx c;
	start(&c);
	char id[37], u[37];
	th_uuid4(id);
	th_uuid4(u);
	json_t *res = push(&c, c.token_a, c.client1,
			   json_pack("[o]", facility(id, u, 0, "Của A")));
	cr_assert_str_eq(result_of(res, 0), "applied");
	long long rev = rev_of(res, 0);
	json_decref(res);

	/* B does not see A's rows. */
	cr_assert_eq(pull_count(&c, c.token_b), 0);
	/* B cannot overwrite A's record, even with the right base_rev. */
	char id2[37], id3[37], id4[37], ev[37];
	th_uuid4(id2); th_uuid4(id3); th_uuid4(id4); th_uuid4(ev);
	res = push(&c, c.token_b, c.client2,
		   json_pack("[o]", facility(id2, u, rev, "Của B")));
	cr_assert_str_eq(result_of(res, 0), "rejected");
	json_decref(res);
	/* Nor point a record of its own at A's record. */
	json_t *ef = json_pack("{s:s,s:s,s:s,s:i,s:{s:s,s:s}}",
			       "change_id", id3, "kind", "event_facility",
			       "uuid", ev, "base_rev", 0, "fields",
			       "event_id", id4, "facility_id", u);
	res = push(&c, c.token_b, c.client2, json_pack("[o]", ef));
	cr_assert_str_eq(result_of(res, 0), "rejected");
	cr_assert_str_eq(json_string_value(json_object_get(
		json_array_get(res, 0), "field")), "facility_id");
	json_decref(res);
	/* A's row is unchanged. */
	long status;
	json_t *r = call(&c, "GET", "/v1/pull", c.token_a, NULL, &status);
	json_t *row = json_array_get(json_object_get(r, "changes"), 0);
	cr_assert_eq(json_integer_value(json_object_get(row, "rev")), rev);
	cr_assert_str_eq(json_string_value(json_object_get(
		json_object_get(row, "fields"), "name")), "Của A");
	json_decref(r);
	/* Change ids are per district: B's change id equal to A's does not
	 * come back as A's duplicate. */
	char u3[37];
	th_uuid4(u3);
	res = push(&c, c.token_b, c.client2,
		   json_pack("[o]", facility(id, u3, 0, "B riêng")));
	cr_assert_str_eq(result_of(res, 0), "applied");
	json_decref(res);
	cr_assert_eq(pull_count(&c, c.token_b), 1);
	cr_assert_eq(pull_count(&c, c.token_a), 1);
	stop(&c);
}

/* ---- reports ------------------------------------------------------------ */

/* A whole report, as the server checks it on arrival: a real district's
 * draft with district, period, revision and replaces set, and extra as
 * its narrative so that the content differs. */
static json_t *report_body(const char *district, const char *period,
			   int revision, int replaces, const char *extra)
{
	char path[512], *json = NULL;
	size_t len;
	struct sx_error err = {0};
	struct sx_db *db = th_district_db(path, sizeof path);
	cr_assert_eq(report_build(db, period, &json, &len, &err), SX_OK, "%s",
		     err.msg);
	sx_db_close(db);
	json_t *doc = json_loads(json, 0, NULL);
	free(json);
	cr_assert_not_null(doc);
	json_object_set_new(json_object_get(doc, "district"), "code",
			    json_string(district));
	json_object_set_new(doc, "revision", json_integer(revision));
	json_object_set_new(doc, "replaces", replaces ?
			    json_integer(replaces) : json_null());
	json_object_set_new(json_object_get(doc, "narrative"), "results",
			    json_string(extra));
	char *text = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(doc);
	char sha[65];
	token_sha256_hex(text, strlen(text), sha);
	json_t *body = json_pack("{s:s,s:i,s:o,s:s,s:s}", "period", period,
				 "revision", revision, "replaces",
				 replaces ? json_integer(replaces) :
				 json_null(), "sha256", sha, "json", text);
	free(text);
	return body;
}

Test(server, report_twice_gives_one_receipt_and_accepted_is_final)
{
	struct ctx c;
	start(&c);
	long status;
	json_t *r = call(&c, "POST", "/v1/reports", c.token_a,
			 report_body("123", "2017S1", 1, 0, "a"), &status);
	cr_assert_eq(status, 201);
	char receipt[64];
	snprintf(receipt, sizeof receipt, "%s",
		 json_string_value(json_object_get(r, "receipt")));
	cr_assert(json_is_false(json_object_get(r, "duplicate")));
	json_decref(r);
	r = call(&c, "POST", "/v1/reports", c.token_a,
		 report_body("123", "2017S1", 1, 0, "a"), &status);
	cr_assert_eq(status, 200);
	cr_assert_str_eq(json_string_value(json_object_get(r, "receipt")),
			 receipt);
	cr_assert(json_is_true(json_object_get(r, "duplicate")));
	json_decref(r);
	/* Same number, other content. */
	r = call(&c, "POST", "/v1/reports", c.token_a,
		 report_body("123", "2017S1", 1, 0, "b"), &status);
	cr_assert_eq(status, 409);
	cr_assert_str_eq(error_code(r), "revision_exists");
	json_decref(r);
	/* Someone else's district code inside. */
	r = call(&c, "POST", "/v1/reports", c.token_a,
		 report_body("124", "2017S1", 2, 1, "c"), &status);
	cr_assert_eq(status, 422);
	json_decref(r);
	/* Hash that does not match. */
	json_t *body = report_body("123", "2017S1", 2, 1, "d");
	json_object_set_new(body, "sha256", json_string(
		"00000000000000000000000000000000"
		"00000000000000000000000000000000"));
	r = call(&c, "POST", "/v1/reports", c.token_a, body, &status);
	cr_assert_eq(status, 422);
	json_decref(r);

	/* The province returns revision 1; revision 2 replaces it. */
	cr_assert_eq(th_system("'%s' report return --district 123 --period"
			       " 2017S1 --reason 'Thiếu số liệu' --db '%s'"
			       " 2>/dev/null", th_server_bin(), c.srv.db), 0);
	r = call(&c, "POST", "/v1/reports", c.token_a,
		 report_body("123", "2017S1", 2, 1, "e"), &status);
	cr_assert_eq(status, 201);
	json_decref(r);
	cr_assert_eq(th_system("'%s' report accept --district 123 --period"
			       " 2017S1 --db '%s' 2>/dev/null",
			       th_server_bin(), c.srv.db), 0);
	/* A revision replacing the accepted one is refused. */
	r = call(&c, "POST", "/v1/reports", c.token_a,
		 report_body("123", "2017S1", 3, 2, "f"), &status);
	cr_assert_eq(status, 409);
	cr_assert_str_eq(error_code(r), "period_accepted");
	json_decref(r);

	r = call(&c, "GET", "/v1/reports/status?period=2017S1", c.token_a,
		 NULL, &status);
	cr_assert_eq(status, 200);
	json_t *list = json_object_get(r, "reports");
	cr_assert_eq(json_array_size(list), 2);
	json_t *r1 = json_array_get(list, 0), *r2 = json_array_get(list, 1);
	cr_assert_str_eq(json_string_value(json_object_get(r1, "status")),
			 "returned");
	cr_assert_str_eq(json_string_value(json_object_get(r1, "reason")),
			 "Thiếu số liệu");
	cr_assert_str_eq(json_string_value(json_object_get(r2, "status")),
			 "accepted");
	cr_assert_eq(json_integer_value(json_object_get(r2, "replaces")), 1);
	json_decref(r);
	/* District B sees none of A's reports. */
	r = call(&c, "GET", "/v1/reports/status", c.token_b, NULL, &status);
	cr_assert_eq(json_array_size(json_object_get(r, "reports")), 0);
	json_decref(r);
	stop(&c);
}

/* ---- bad input ----------------------------------------------------------- */

/* Raw request: body as given (gzip or not, any Content-Encoding). */
static long raw(struct ctx *c, const char *path, const char *encoding,
		const char *body, size_t len, char *code, size_t n)
{
	CURL *h = curl_easy_init();
	struct th_resp r = {0};
	char url[256], auth[128], ce[128];
	snprintf(url, sizeof url, "%s%s", c->srv.url, path);
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", c->token_a);
	struct curl_slist *hd = curl_slist_append(NULL, auth);
	/* A big body waits for "100 Continue", as curl does by default, so
	 * that an early 413 reaches the client before the body is sent. */
	hd = curl_slist_append(hd, len < 1024 * 1024 ? "Expect:" :
			       "Expect: 100-continue");
	if (encoding) {
		snprintf(ce, sizeof ce, "Content-Encoding: %s", encoding);
		hd = curl_slist_append(hd, ce);
	}
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_CAINFO, c->srv.ca);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hd);
	curl_easy_setopt(h, CURLOPT_POST, 1L);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, th_resp_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &r);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 60L);
	CURLcode rc = curl_easy_perform(h);
	long status = 0;
	if (rc == CURLE_OK)
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	code[0] = '\0';
	json_t *j = r.body ? json_loads(r.body, 0, NULL) : NULL;
	if (j && error_code(j))
		snprintf(code, n, "%s", error_code(j));
	json_decref(j);
	th_resp_release(&r);
	curl_slist_free_all(hd);
	curl_easy_cleanup(h);
	return status;
}

Test(server, bad_bodies_get_4xx_and_change_nothing)
{
	struct ctx c;
	start(&c);
	char code[64];
	cr_assert_eq(raw(&c, "/v1/push", NULL, "{\"client_id\":", 13, code,
			 sizeof code), 400);
	cr_assert_str_eq(code, "bad_json");
	cr_assert_eq(raw(&c, "/v1/push", "gzip", "\x1f\x8b garbage", 10,
			 code, sizeof code), 400);
	cr_assert_str_eq(code, "bad_gzip");
	cr_assert_eq(raw(&c, "/v1/push", "br", "{}", 2, code, sizeof code),
		     415);
	cr_assert_eq(raw(&c, "/v1/push", NULL, "", 0, code, sizeof code),
		     411);
	cr_assert_eq(raw(&c, "/v1/push", NULL, "[1,2]", 5, code,
			 sizeof code), 400);
	cr_assert_eq(raw(&c, "/v1/nothing", NULL, "{}", 2, code,
			 sizeof code), 404);
	cr_assert_eq(raw(&c, "/v1/pull", NULL, "{}", 2, code, sizeof code),
		     405);
	/* Nesting deeper than 32. */
	char deep[200];
	memset(deep, '[', 100);
	memset(deep + 100, ']', 100);
	cr_assert_eq(raw(&c, "/v1/push", NULL, deep, 200, code, sizeof code),
		     400);
	/* A gzip bomb: 20 MiB of zeros compress to ~20 KB. */
	size_t big = 20u * 1024 * 1024;
	char *zeros = calloc(1, big);
	size_t zlen;
	char *bomb = th_gzip(zeros, big, &zlen);
	cr_assert_eq(raw(&c, "/v1/push", "gzip", bomb, zlen, code,
			 sizeof code), 413);
	free(bomb);
	/* More than 4 MiB as sent. */
	memset(zeros, ' ', 5u * 1024 * 1024);
	cr_assert_eq(raw(&c, "/v1/push", NULL, zeros, 5u * 1024 * 1024, code,
			 sizeof code), 413);
	free(zeros);
	/* 501 changes in a batch; a change without change_id. */
	json_t *changes = json_array();
	for (int i = 0; i < 501; i++) {
		char id[37], u[37];
		th_uuid4(id);
		th_uuid4(u);
		json_array_append_new(changes, facility(id, u, 0, "F"));
	}
	long status;
	json_t *r = call(&c, "POST", "/v1/push", c.token_a,
			 json_pack("{s:s,s:o}", "client_id", c.client1,
				   "changes", changes), &status);
	cr_assert_eq(status, 413);
	cr_assert_str_eq(error_code(r), "too_many_changes");
	json_decref(r);
	char u[37], id[37];
	th_uuid4(u);
	th_uuid4(id);
	r = call(&c, "POST", "/v1/push", c.token_a,
		 json_pack("{s:s,s:[o,{s:s}]}", "client_id", c.client1,
			   "changes", facility(id, u, 0, "ok"), "kind",
			   "facility"), &status);
	cr_assert_eq(status, 400);
	json_decref(r);
	/* Values that are not strings, bad client id, bad report body. */
	r = call(&c, "POST", "/v1/push", c.token_a,
		 json_pack("{s:s,s:[]}", "client_id", "nope", "changes"),
		 &status);
	cr_assert_eq(status, 400);
	json_decref(r);
	r = call(&c, "POST", "/v1/reports", c.token_a,
		 json_pack("{s:s}", "period", "2017S3"), &status);
	cr_assert_eq(status, 400);
	json_decref(r);
	/* Nothing of the above was stored, and the server still answers. */
	cr_assert_eq(pull_count(&c, c.token_a), 0);
	r = call(&c, "GET", "/v1/reports/status", c.token_a, NULL, &status);
	cr_assert_eq(json_array_size(json_object_get(r, "reports")), 0);
	json_decref(r);
	stop(&c);
}

/* ---- crashes and shutdown ------------------------------------------------ */

/* A push of n new facilities as one JSON text; ids kept for a resend. */
static char *batch_text(const char *client, int n)
{
	json_t *changes = json_array();
	for (int i = 0; i < n; i++) {
		char id[37], u[37], name[32];
		th_uuid4(id);
		th_uuid4(u);
		snprintf(name, sizeof name, "Cơ sở %d", i);
		json_array_append_new(changes, facility(id, u, 0, name));
	}
	json_t *body = json_pack("{s:s,s:o}", "client_id", client,
				 "changes", changes);
	char *text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	return text;
}

/* Sends text in a child process (so that the test can kill the server
 * while it runs); returns the child's pid. */
static pid_t push_in_child(struct ctx *c, const char *text)
{
	fflush(NULL);
	pid_t pid = fork();
	cr_assert(pid >= 0);
	if (pid == 0) {
		struct th_resp r;
		CURLcode rc = th_request(&c->srv, "POST", "/v1/push",
					 c->token_a, text, strlen(text), 1,
					 &r);
		int ok = rc == CURLE_OK && r.status == 200;
		th_resp_release(&r);
		_exit(ok ? 0 : 1);
	}
	return pid;
}

Test(server, sigkill_mid_push_then_restart_is_consistent, .timeout = 120)
{
	struct ctx c;
	start(&c);
	enum { N = 300, ROUNDS = 10 };
	char *texts[ROUNDS];
	int total = 0, lost_rounds = 0, kept_rounds = 0;
	/* A fresh batch each round, killed a little later each time: early
	 * rounds die before or during the transaction, later ones after. */
	for (int round = 0; round < ROUNDS; round++) {
		texts[round] = batch_text(c.client1, N);
		pid_t child = push_in_child(&c, texts[round]);
		usleep((useconds_t)(round * 12000));
		cr_assert_eq(th_server_stop(&c.srv, SIGKILL), 128 + SIGKILL);
		int st;
		waitpid(child, &st, 0);
		th_server_start(&c.srv);
		int seen = pull_count(&c, c.token_a) - total;
		cr_assert(seen == 0 || seen == N, "round %d: %d rows", round,
			  seen);
		if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
			cr_assert_eq(seen, N, "acknowledged but lost");
		total += seen;
		lost_rounds += seen == 0;
		kept_rounds += seen == N;
	}
	cr_log_info("SIGKILL rounds: %d before commit, %d after",
		    lost_rounds, kept_rounds);
	/* The client resends every batch: each change applied once. */
	for (int round = 0; round < ROUNDS; round++) {
		long status;
		json_t *reply = call(&c, "POST", "/v1/push", c.token_a,
				     json_loads(texts[round], 0, NULL),
				     &status);
		cr_assert_eq(status, 200);
		json_t *res = json_object_get(reply, "results");
		cr_assert_eq(json_array_size(res), (size_t)N);
		for (int i = 0; i < N; i++) {
			const char *what = result_of(res, (size_t)i);
			cr_assert(strcmp(what, "applied") == 0 ||
				  strcmp(what, "duplicate") == 0, "%s", what);
		}
		json_decref(reply);
		free(texts[round]);
	}
	cr_assert_eq(pull_count(&c, c.token_a), N * ROUNDS);
	stop(&c);
	cr_assert_eq(th_system("sqlite3 '%s' 'PRAGMA integrity_check' | grep"
			       " -qx ok", c.srv.db), 0);
}

/* Feeds a body in slices with pauses, so that the request is still in
 * flight (headers in, body arriving) when the test signals the server. */
struct slow_body {
	const char *p;
	size_t left;
	size_t slice;
	int slices;
	int started_fd;  /* gets a byte when the first slice goes out */
};

static size_t slow_read(char *buf, size_t sz, size_t n, void *arg)
{
	struct slow_body *b = arg;
	if (b->slices++ > 0) {
		usleep(150 * 1000);
	} else if (write(b->started_fd, "s", 1) != 1) {
		return CURL_READFUNC_ABORT;
	}
	size_t k = sz * n;
	if (k > b->slice)
		k = b->slice;
	if (k > b->left)
		k = b->left;
	memcpy(buf, b->p, k);
	b->p += k;
	b->left -= k;
	return k;
}

Test(server, sigterm_finishes_requests_in_flight_and_exits_0,
     .timeout = 120)
{
	struct ctx c;
	start(&c);
	char *text = batch_text(c.client1, 50);
	int started[2];
	cr_assert_eq(pipe(started), 0);
	fflush(NULL);
	pid_t child = fork();
	cr_assert(child >= 0);
	if (child == 0) {
		CURL *h = curl_easy_init();
		char u[256], auth[128];
		struct slow_body b = {text, strlen(text), strlen(text) / 3 + 1,
				      0, started[1]};
		struct th_resp r = {0};
		snprintf(u, sizeof u, "%s/v1/push", c.srv.url);
		snprintf(auth, sizeof auth, "Authorization: Bearer %s",
			 c.token_a);
		struct curl_slist *hd = curl_slist_append(NULL, auth);
		hd = curl_slist_append(hd, "Expect:");
		curl_easy_setopt(h, CURLOPT_URL, u);
		curl_easy_setopt(h, CURLOPT_CAINFO, c.srv.ca);
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, hd);
		curl_easy_setopt(h, CURLOPT_POST, 1L);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
				 (curl_off_t)strlen(text));
		curl_easy_setopt(h, CURLOPT_READFUNCTION, slow_read);
		curl_easy_setopt(h, CURLOPT_READDATA, &b);
		curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, th_resp_write);
		curl_easy_setopt(h, CURLOPT_WRITEDATA, &r);
		CURLcode rc = curl_easy_perform(h);
		long status = 0;
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
		_exit(rc == CURLE_OK && status == 200 ? 0 : 1);
	}
	/* Headers and the first slice are out; the next slice comes in
	 * 150 ms: signal the server in between. */
	char byte;
	cr_assert_eq(read(started[0], &byte, 1), 1);
	usleep(60 * 1000);
	int exit_status = th_server_stop(&c.srv, SIGTERM);
	int st;
	waitpid(child, &st, 0);
	cr_assert_eq(exit_status, 0, "exit status (see %s)", c.srv.log);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		  "the request in flight did not get its 200");
	cr_assert_eq(th_system("grep -q 'SIGTERM: stop accepting, finishing"
			       " 1 request' '%s'", c.srv.log), 0);
	th_server_start(&c.srv);
	cr_assert_eq(pull_count(&c, c.token_a), 50);
	free(text);
	stop(&c);
}

/* ---- hostile input ------------------------------------------------------ */

/* A pseudo-random JSON value of any type, nested up to depth. */
static json_t *junk_value(unsigned *seed, int depth)
{
	static const char *const strings[] = {
		"", "facility", "person", "x", "2017-02-30", "-1", "1e9",
		"00000000-0000-0000-0000-000000000000", "Đường Mường Thanh",
		"\t\n", "99999999999999999999999", "enterprise", "null",
	};
	switch (rand_r(seed) % (depth > 0 ? 8 : 5)) {
	case 0: return json_null();
	case 1: return json_integer((json_int_t)rand_r(seed) - RAND_MAX / 2);
	case 2: return json_real((double)rand_r(seed) / 7.0);
	case 3: return json_boolean(rand_r(seed) % 2);
	case 4: return json_string(strings[rand_r(seed) % 13]);
	case 5: {
		json_t *a = json_array();
		for (int i = rand_r(seed) % 4; i > 0; i--)
			json_array_append_new(a, junk_value(seed, depth - 1));
		return a;
	}
	default: {
		static const char *const keys[] = {
			"change_id", "kind", "uuid", "base_rev", "deleted",
			"fields", "name", "facility_id", "client_id",
			"changes", "period", "revision", "json", "sha256",
		};
		json_t *o = json_object();
		for (int i = rand_r(seed) % 5; i > 0; i--)
			json_object_set_new(o, keys[rand_r(seed) % 14],
					    junk_value(seed, depth - 1));
		return o;
	}
	}
}

Test(server, never_answers_5xx_to_hostile_bodies, .timeout = 120)
{
	struct ctx c;
	start(&c);
	unsigned seed = 20171231;
	static const char *const paths[] = {"/v1/push", "/v1/reports"};
	for (int i = 0; i < 150; i++) {
		json_t *body;
		char id[37], u[37];
		th_uuid4(id);
		th_uuid4(u);
		if (i % 3 == 0) {
			/* A real change with one part replaced by junk. */
			json_t *ch = facility(id, u, rand_r(&seed) % 3, "F");
			static const char *const parts[] = {
				"kind", "uuid", "base_rev", "deleted",
				"fields"};
			json_object_set_new(ch, parts[rand_r(&seed) % 5],
					    junk_value(&seed, 3));
			body = json_pack("{s:s,s:[o]}", "client_id",
					 c.client1, "changes", ch);
		} else if (i % 3 == 1) {
			json_t *ch = facility(id, u, 0, "F");
			json_object_set_new(json_object_get(ch, "fields"),
					    "employees", junk_value(&seed, 2));
			body = json_pack("{s:s,s:[o]}", "client_id",
					 c.client1, "changes", ch);
		} else {
			body = junk_value(&seed, 4);
		}
		long status;
		json_t *r = call(&c, "POST", paths[i % 2], c.token_a, body,
				 &status);
		cr_assert(status == 200 || status == 201 ||
			  (status >= 400 && status < 500),
			  "request %d got %ld", i, status);
		json_decref(r);
	}
	/* Random bytes, gzip'd and raw. */
	char code[64];
	for (int i = 0; i < 25; i++) {
		char bytes[512];
		for (size_t k = 0; k < sizeof bytes; k++)
			bytes[k] = (char)rand_r(&seed);
		size_t zlen;
		char *z = th_gzip(bytes, sizeof bytes, &zlen);
		long st = raw(&c, "/v1/push", "gzip", z, zlen, code,
			      sizeof code);
		cr_assert(st >= 400 && st < 500, "%ld", st);
		free(z);
		st = raw(&c, "/v1/reports", i % 2 ? "gzip" : NULL, bytes,
			 sizeof bytes, code, sizeof code);
		cr_assert(st >= 400 && st < 500, "%ld", st);
	}
	/* An unknown caller with a big body is refused before the body. */
	size_t big = 5u * 1024 * 1024;
	char *zeros = calloc(1, big);
	struct th_resp r;
	/* (th_request asks for 100-continue on a body this big.) */
	cr_assert_eq(th_request(&c.srv, "POST", "/v1/push", "bad-token",
				zeros, big, 0, &r), CURLE_OK);
	cr_assert_eq(r.status, 401);
	th_resp_release(&r);
	free(zeros);
	long status;
	json_t *me = call(&c, "GET", "/v1/me", c.token_a, NULL, &status);
	cr_assert_eq(status, 200);
	json_decref(me);
	stop(&c);
}

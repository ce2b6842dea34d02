/* test_server_handlers.c — the server's request handlers and helpers in
 * process, without HTTP: many random bodies quickly (never a 5xx, never a
 * crash, the store stays consistent), gzip limits, tokens. */
#include <jansson.h>
#include <sqlite3.h>
#include "helpers.h"
#include "../sync/server/call.h"
#include "sxsh/gz.h"
#include "../sync/server/http.h"
#include "../sync/server/token.h"

struct fixture {
	struct srv_store *st;
	struct store_district d;
	char path[512];
};

static void open_store(struct fixture *f)
{
	struct sx_error err = {0};
	th_path(f->path, sizeof f->path, th_tmpdir(), "server.db");
	cr_assert_eq(store_open(f->path, &f->st, &err), SX_OK, "%s", err.msg);
	cr_assert_eq(store_begin(f->st, &err), SX_OK);
	cr_assert_eq(store_district_add(f->st, "123", "Huyện Mộc Châu",
					"hash-a", &err), SX_OK);
	cr_assert_eq(store_district_add(f->st, "124", "Huyện Yên Châu",
					"hash-b", &err), SX_OK);
	cr_assert_eq(store_commit(f->st, &err), SX_OK);
	cr_assert_eq(store_begin(f->st, &err), SX_OK);
	cr_assert_eq(store_district_by_token(f->st, "hash-a", &f->d, &err),
		     SX_OK);
	store_rollback(f->st);
}

static const char *no_query(void *ctx, const char *key)
{
	(void)ctx;
	(void)key;
	return NULL;
}

/* Runs handler on body (taken); returns the status, reply in *reply. */
static int run(struct fixture *f, void (*handler)(struct srv_call *),
	       json_t *body, json_t **reply)
{
	struct srv_call c = {0};
	c.st = f->st;
	c.district = &f->d;
	c.body = body;
	c.query = no_query;
	handler(&c);
	json_decref(body);
	int status = c.status;
	*reply = c.reply;
	c.reply = NULL;
	call_release(&c);
	return status;
}

static json_t *junk(unsigned *seed, int depth)
{
	static const char *const strs[] = {
		"", "facility", "person", "event_person", "solution",
		"2017-02-29", "2016-02-29", "-0", "1.", ".5", "1e3",
		"0314409058", "0314409058-001", "household", "A", "10760",
		"03979",
		"c4a2b6e0-1111-4222-8333-444455556666", "\xc4\x90\xe1\xbb\xa9"
		"c", "\x01", "yes",
	};
	static const char *const keys[] = {
		"change_id", "kind", "uuid", "base_rev", "deleted", "fields",
		"name", "facility_id", "event_id", "person_id", "client_id",
		"changes", "status", "employees", "closed_on", "tax_code",
		"vsic", "commune", "year", "cp_potential", "period",
		"revision", "replaces", "sha256", "json",
	};
	int nk = (int)(sizeof keys / sizeof keys[0]);
	int ns = (int)(sizeof strs / sizeof strs[0]);
	switch (rand_r(seed) % (depth > 0 ? 9 : 6)) {
	case 0: return json_null();
	case 1: return json_integer((json_int_t)(rand_r(seed) % 2000) - 5);
	case 2: return json_real(-1.5);
	case 3: return json_boolean(rand_r(seed) & 1);
	case 4:
	case 5: return json_string(strs[rand_r(seed) % ns]);
	case 6: {
		json_t *a = json_array();
		for (int i = rand_r(seed) % 5; i > 0; i--)
			json_array_append_new(a, junk(seed, depth - 1));
		return a;
	}
	default: {
		json_t *o = json_object();
		for (int i = rand_r(seed) % 6; i > 0; i--)
			json_object_set_new(o, keys[rand_r(seed) % nk],
					    junk(seed, depth - 1));
		return o;
	}
	}
}

/* A change that is valid except for what the seed breaks. */
static json_t *near_valid_change(unsigned *seed)
{
	static const char *const uuids[] = {
		"c4a2b6e0-1111-4222-8333-444455556666",
		"c4a2b6e0-1111-4222-8333-444455556667",
		"C4A2B6E0-1111-4222-8333-444455556666",
		"d4a2b6e0-1111-4222-8333-444455556668",
	};
	char id[37];
	snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d",
		 rand_r(seed) % 1000000);
	json_t *ch = json_pack(
		"{s:s,s:s,s:s,s:i,s:b,s:{s:s,s:s,s:s,s:s,s:s}}",
		"change_id", id, "kind", "facility",
		"uuid", uuids[rand_r(seed) % 4],
		"base_rev", rand_r(seed) % 4, "deleted", rand_r(seed) % 5 == 0,
		"fields", "name", "Cơ sở", "kind", "household", "vsic",
		"10760", "commune", "03979", "status", "active");
	if (rand_r(seed) % 3) {
		static const char *const parts[] = {
			"kind", "uuid", "base_rev", "deleted", "fields"};
		static const char *const fields[] = {
			"name", "kind", "employees", "closed_on", "tax_code",
			"vsic", "commune", "cp_potential", "nope"};
		if (rand_r(seed) & 1)
			json_object_set_new(ch, parts[rand_r(seed) % 5],
					    junk(seed, 2));
		else
			json_object_set_new(json_object_get(ch, "fields"),
					    fields[rand_r(seed) % 9],
					    junk(seed, 1));
	}
	return ch;
}

Test(server_handlers, random_push_bodies_never_5xx_and_store_stays_sound)
{
	struct fixture f;
	open_store(&f);
	unsigned seed = 31122016;
	int applied = 0;
	for (int i = 0; i < 1000; i++) {
		json_t *body;
		if (i % 4 == 0) {
			body = junk(&seed, 4);
		} else {
			json_t *changes = json_array();
			for (int k = rand_r(&seed) % 4; k >= 0; k--)
				json_array_append_new(changes,
						      near_valid_change(&seed));
			body = json_pack("{s:s,s:o}", "client_id",
					 i % 7 ? "aaaaaaaa-0000-4000-8000-"
					 "000000000001" :
					 "bbbbbbbb-0000-4000-8000-000000000002",
					 "changes", changes);
		}
		json_t *reply = NULL;
		int status = run(&f, push_handle, body, &reply);
		cr_assert(status == 200 || status == 400 || status == 413,
			  "body %d: status %d", i, status);
		cr_assert_not_null(reply);
		if (status == 200) {
			size_t k;
			json_t *r;
			json_array_foreach(json_object_get(reply, "results"),
					   k, r) {
				const char *what = json_string_value(
					json_object_get(r, "result"));
				cr_assert_not_null(what);
				applied += strcmp(what, "applied") == 0;
			}
		} else {
			cr_assert_not_null(json_object_get(json_object_get(
				reply, "error"), "code"));
		}
		json_decref(reply);
	}
	cr_assert_gt(applied, 0);
	store_close(f.st);

	/* Every applied change points at a stored row of its district,
	 * revs are unique, and no row has another district's change. */
	sqlite3 *db;
	cr_assert_eq(sqlite3_open(f.path, &db), SQLITE_OK);
	sqlite3_stmt *s;
	cr_assert_eq(sqlite3_prepare_v2(db,
		"SELECT (SELECT count(*) FROM applied_change a WHERE NOT"
		" EXISTS(SELECT 1 FROM record r WHERE r.uuid = a.record_uuid"
		" AND r.district = a.district)),"
		" (SELECT count(*) FROM record WHERE uuid <> lower(uuid)),"
		" (SELECT count(*) FROM applied_change) >= (SELECT count(*)"
		" FROM record)", -1, &s, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
	cr_assert_eq(sqlite3_column_int(s, 0), 0);
	cr_assert_eq(sqlite3_column_int(s, 1), 0);
	cr_assert_eq(sqlite3_column_int(s, 2), 1);
	sqlite3_finalize(s);
	sqlite3_close(db);
}

Test(server_handlers, random_report_bodies_never_5xx)
{
	struct fixture f;
	open_store(&f);
	unsigned seed = 20200614;
	for (int i = 0; i < 1500; i++) {
		json_t *body = junk(&seed, 3);
		if (i % 2 && json_is_object(body)) {
			char text[256], sha[65];
			snprintf(text, sizeof text,
				 "{\"schema\":\"sxsh.report/1\","
				 "\"district\":{\"code\":\"%s\"},"
				 "\"period\":\"2017S1\",\"indicators\":{}}",
				 i % 3 ? "123" : "124");
			token_sha256_hex(text, strlen(text), sha);
			json_object_set_new(body, "period",
					    json_string("2017S1"));
			json_object_set_new(body, "revision",
					    json_integer(i % 4 + 1));
			if (i % 5)
				json_object_set_new(body, "json",
						    json_string(text));
			if (i % 7)
				json_object_set_new(body, "sha256",
						    json_string(sha));
		}
		json_t *reply = NULL;
		int status = run(&f, submit_handle, body, &reply);
		cr_assert(status == 200 || status == 201 ||
			  (status >= 400 && status < 500), "%d", status);
		json_decref(reply);
	}
	store_close(f.st);
}

Test(server_handlers, gzip_limits)
{
	struct sx_error err = {0};
	char *z = NULL, *out = NULL;
	size_t zlen = 0, len = 0;
	const char text[] = "{\"changes\":[]}";
	cr_assert_eq(gz_deflate(text, sizeof text - 1, &z, &zlen, &err),
		     SX_OK);
	cr_assert_eq(gz_inflate(z, zlen, 1000, &out, &len, &err), SX_OK);
	cr_assert_eq(len, sizeof text - 1);
	cr_assert_str_eq(out, text);
	free(out);
	/* Exactly at the cap is fine, one byte under it is refused. */
	cr_assert_eq(gz_inflate(z, zlen, sizeof text - 1, &out, &len, &err),
		     SX_OK);
	free(out);
	cr_assert_eq(gz_inflate(z, zlen, sizeof text - 2, &out, &len, &err),
		     SX_REFUSED);
	/* Truncated, and trailing garbage. */
	cr_assert_eq(gz_inflate(z, zlen - 4, 1000, &out, &len, &err),
		     SX_INVALID);
	char *tail = malloc(zlen + 3);
	memcpy(tail, z, zlen);
	memcpy(tail + zlen, "xyz", 3);
	cr_assert_eq(gz_inflate(tail, zlen + 3, 1000, &out, &len, &err),
		     SX_INVALID);
	free(tail);
	free(z);
	/* A bomb: 64 MiB of zeros stops at the cap. */
	size_t big = 64u << 20;
	char *zeros = calloc(1, big);
	cr_assert_eq(gz_deflate(zeros, big, &z, &zlen, &err), SX_OK);
	free(zeros);
	cr_assert_eq(gz_inflate(z, zlen, SRV_MAX_INFLATED, &out, &len, &err),
		     SX_REFUSED);
	free(z);
}

Test(server_handlers, tokens_are_random_and_hash_is_sha256)
{
	char a[65], b[65], h[65];
	cr_assert_eq(token_new(a, NULL), SX_OK);
	cr_assert_eq(token_new(b, NULL), SX_OK);
	cr_assert_eq(strlen(a), 64);
	cr_assert_str_neq(a, b);
	token_sha256_hex("abc", 3, h);
	cr_assert_str_eq(h, "ba7816bf8f01cfea414140de5dae2223"
			 "b00361a396177a9cb410ff61f20015ad");
}

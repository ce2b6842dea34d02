/* sync_fixture.h — a real sxsh-server on loopback with a throw-away CA,
 * and district client databases pointed at it, for the sync client tests.
 */
#ifndef SXSH_TESTS_SYNC_FIXTURE_H
#define SXSH_TESTS_SYNC_FIXTURE_H

#include <jansson.h>
#include "helpers.h"
#include "tls_helpers.h"
#include "core_fixture.h"
#include "sxsh/outbox.h"
#include "sxsh/settings.h"
#include "sxsh/sync.h"
#include "sxsh/sync_store.h"

struct world {
	char dir[256];
	struct th_tls tls;
	struct th_server srv;
	char token[80];
};

static inline void world_up(struct world *w)
{
	memset(w, 0, sizeof *w);
	snprintf(w->dir, sizeof w->dir, "%s", th_tmpdir());
	th_tls_make(&w->tls, w->dir, "a");
	th_server_init(&w->srv, w->dir, &w->tls);
	th_server_district_add(&w->srv, "123", w->token, sizeof w->token);
	th_server_start(&w->srv);
}

static inline void world_down(struct world *w)
{
	if (w->srv.pid)
		th_server_stop(&w->srv, SIGTERM);
}

/* A new client database of district 123 named name, configured for the
 * world's server. */
static inline struct sx_db *world_client(struct world *w, const char *name,
					 char *path_out, size_t n)
{
	char path[512];
	struct sx_db *db = NULL;
	struct sx_error err = {0};

	snprintf(path, sizeof path, "%s/%s.db", w->dir, name);
	cr_assert_eq(sx_db_open(path, 0, &db, &err), SX_OK, "%s", err.msg);
	cr_assert_eq(sx_db_init_district(db, "123", "Tester", &err), SX_OK,
		     "%s", err.msg);
	cr_assert_eq(settings_set(db, "server", w->srv.url, &err), SX_OK);
	cr_assert_eq(settings_set(db, "token", w->token, &err), SX_OK);
	cr_assert_eq(settings_set(db, "ca", w->tls.ca, &err), SX_OK);
	if (path_out)
		snprintf(path_out, n, "%s", path);
	return db;
}

/* One sync run without retries; st (may be NULL) gets the final status. */
static inline enum sx_err world_sync(struct sx_db *db, struct sync_status *st)
{
	struct sync_config cfg;
	struct sync *s = NULL;
	struct sx_error err = {0};
	enum sx_err e;

	cr_assert_eq(sync_config_load(db, &cfg, &err), SX_OK, "%s", err.msg);
	cfg.max_attempts = 1;
	e = sync_new(db, &cfg, &s, &err);
	sync_config_release(&cfg);
	if (e)
		return e;
	e = sync_run(s, NULL, NULL, &err);
	if (st)
		sync_state(s, st);
	sync_free(s);
	return e;
}

static inline long long pending_count(struct sx_db *db)
{
	long long pending = -1, held = -1;
	cr_assert_eq(outbox_size(db, &pending, &held, NULL), SX_OK);
	return pending + held;
}

static inline long long live_count(struct sx_db *db, enum sx_kind kind)
{
	long long counts[SXK_COUNT];
	cr_assert_eq(record_count_all(db, counts, NULL), SX_OK);
	return counts[kind];
}

/* Rows the server returns to the district since 0, counting distinct
 * uuids (asserts there is no uuid twice). */
static inline int server_row_count(struct world *w)
{
	long long since = 0;
	int total = 0;
	json_t *seen = json_object();

	for (;;) {
		struct th_resp r;
		char path[96];
		snprintf(path, sizeof path, "/v1/pull?since=%lld&limit=1000",
			 since);
		cr_assert_eq(th_request(&w->srv, "GET", path, w->token, NULL,
					0, 0, &r), CURLE_OK);
		cr_assert_eq(r.status, 200, "%s", r.body);
		json_t *root = json_loads(r.body, 0, NULL);
		cr_assert_not_null(root);
		json_t *changes = json_object_get(root, "changes");
		size_t i;
		json_t *c;
		json_array_foreach(changes, i, c) {
			const char *u = json_string_value(
				json_object_get(c, "uuid"));
			cr_assert_null(json_object_get(seen, u),
				       "row %s twice", u);
			json_object_set_new(seen, u, json_true());
			total++;
		}
		since = json_integer_value(json_object_get(root, "next"));
		int more = json_is_true(json_object_get(root, "more"));
		json_decref(root);
		th_resp_release(&r);
		if (!more)
			break;
	}
	json_decref(seen);
	return total;
}

#endif

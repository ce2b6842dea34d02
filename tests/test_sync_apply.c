/* test_sync_apply.c — applying pulled rows through core, with no network:
 * skip what we already have, never overwrite unsent local changes, wait
 * for referenced records, keep the stored cursor below what waits. */
#include "core_fixture.h"
#include "sxsh/outbox.h"
#include "sxsh/settings.h"
#include "sxsh/sync.h"
#include "sxsh/sync_store.h"
#include "../sync/apply.h"

#define F1 "6f1c2d3e-0000-4000-8000-0000000000f1"
#define E1 "6f1c2d3e-0000-4000-8000-0000000000e1"
#define L1 "6f1c2d3e-0000-4000-8000-0000000000a1"

static struct sx_record *row(enum sx_kind kind, const char *uuid,
			     long long rev)
{
	struct sx_record *r = record_new(kind);
	snprintf(r->uuid, sizeof r->uuid, "%s", uuid);
	r->server_rev = rev;
	return r;
}

static struct sx_record *facility_row(const char *uuid, long long rev,
				      const char *name)
{
	struct sx_record *r = row(SXK_FACILITY, uuid, rev);
	record_set(r, "name", name);
	record_set(r, "kind", "household");
	record_set(r, "commune", "03979");
	record_set(r, "status", "active");
	return r;
}

static void page(struct sx_db *db, struct apply_state *st,
		 struct sx_record **rows, int n, long long next)
{
	struct sx_error err = {0};
	cr_assert_eq(apply_page(db, st, rows, n, next, &err), SX_OK, "%s",
		     err.msg);
	for (int i = 0; i < n; i++)
		record_free(rows[i]);
}

Test(sync_apply, pulled_rows_are_written_without_outbox_entries)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct apply_state st = {0};
	struct sx_record *rows[1] = {facility_row(F1, 7, "Cơ sở chè")};
	struct sx_record *got = NULL;
	long long pending = -1, held = -1;

	page(db, &st, rows, 1, 7);
	cr_assert_eq(st.applied, 1);
	cr_assert_eq(record_load(db, SXK_FACILITY, F1, &got, NULL), SX_OK);
	cr_assert_eq(got->server_rev, 7);
	cr_assert_str_eq(record_get(got, "name"), "Cơ sở chè");
	record_free(got);
	outbox_size(db, &pending, &held, NULL);
	cr_assert_eq(pending + held, 0);
	cr_assert_eq(settings_get_int(db, "pull_cursor", 0), 7);

	/* the same or an older version again: skipped */
	rows[0] = facility_row(F1, 7, "Cơ sở khác");
	page(db, &st, rows, 1, 7);
	cr_assert_eq(st.skipped, 1);
	cr_assert_eq(record_load(db, SXK_FACILITY, F1, &got, NULL), SX_OK);
	cr_assert_str_eq(record_get(got, "name"), "Cơ sở chè");
	record_free(got);
	apply_state_release(&st);
	sx_db_close(db);
}

Test(sync_apply, a_row_waits_for_the_record_it_refers_to)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct apply_state st = {0};
	struct sx_record *link = row(SXK_EVENT_FACILITY, L1, 5);
	struct sx_record *event = row(SXK_EVENT, E1, 6);
	struct sx_record *rows[2];

	record_set(link, "event_id", E1);
	record_set(link, "facility_id", F1);
	record_set(event, "title", "Tập huấn SXSH");
	record_set(event, "type", "training");
	rows[0] = link;
	rows[1] = event;
	/* page 1: the link (rev 5) before both records it names */
	page(db, &st, rows, 2, 6);
	cr_assert_eq(st.nwaiting, 1);
	cr_assert_eq(st.applied, 1);
	cr_assert_eq(settings_get_int(db, "pull_cursor", 0), 4,
		     "the stored cursor stays below the waiting row");
	/* page 2: the facility arrives, the link goes in */
	rows[0] = facility_row(F1, 9, "Cơ sở chè");
	page(db, &st, rows, 1, 9);
	cr_assert_eq(st.nwaiting, 0);
	cr_assert_eq(st.applied, 3);
	cr_assert_eq(settings_get_int(db, "pull_cursor", 0), 9);
	struct sx_record *got = NULL;
	cr_assert_eq(record_load(db, SXK_EVENT_FACILITY, L1, &got, NULL),
		     SX_OK);
	cr_assert_eq(got->server_rev, 5);
	record_free(got);
	apply_state_release(&st);
	sx_db_close(db);
}

Test(sync_apply, unsent_local_change_becomes_a_conflict_not_an_overwrite)
{
	char path[512], uuid[SX_UUID_LEN + 1];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct apply_state st = {0};
	struct sx_record *rows[1];
	struct sx_record *got = NULL;
	struct sx_conflict *c = NULL;
	int n = 0;

	fx_facility(db, "Tên ở huyện", NULL, uuid);
	rows[0] = facility_row(uuid, 12, "Tên ở tỉnh");
	page(db, &st, rows, 1, 12);
	cr_assert_eq(st.conflicts, 1);
	cr_assert_eq(record_load(db, SXK_FACILITY, uuid, &got, NULL), SX_OK);
	cr_assert_str_eq(record_get(got, "name"), "Tên ở huyện");
	record_free(got);
	cr_assert_eq(sync_store_conflicts(db, 0, &c, &n, NULL), SX_OK);
	cr_assert_eq(n, 1);
	cr_assert_eq(c[0].server_rev, 12);
	cr_assert_not_null(strstr(c[0].server_payload, "Tên ở tỉnh"));
	long long id = c[0].id;
	sync_store_conflicts_free(c, n);
	/* the entry is held until the user decides */
	struct sx_outbox_entry e;
	cr_assert_eq(sync_store_outbox_entry(db, uuid, &e, NULL), SX_OK);
	cr_assert_eq(e.rejected, 1);
	/* a newer server row replaces the open conflict, not adds one */
	rows[0] = facility_row(uuid, 14, "Tên mới ở tỉnh");
	page(db, &st, rows, 1, 14);
	cr_assert_eq(sync_store_conflicts(db, 0, &c, &n, NULL), SX_OK);
	cr_assert_eq(n, 1);
	cr_assert_eq(c[0].server_rev, 14);
	id = c[0].id;
	sync_store_conflicts_free(c, n);

	cr_assert_eq(sync_resolve(db, id, SYNC_KEEP_MINE, NULL), SX_OK);
	cr_assert_eq(sync_store_outbox_entry(db, uuid, &e, NULL), SX_OK);
	cr_assert_eq(e.rejected, 0, "released for the next push");
	cr_assert_eq(record_load(db, SXK_FACILITY, uuid, &got, NULL), SX_OK);
	cr_assert_eq(got->server_rev, 14, "based on the server's revision");
	cr_assert_str_eq(record_get(got, "name"), "Tên ở huyện");
	record_free(got);
	apply_state_release(&st);
	sx_db_close(db);
}

Test(sync_apply, a_tax_code_taken_here_is_a_conflict)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct apply_state st = {0};
	struct sx_record *rows[1];

	fx_facility(db, "Công ty A", "0100109106", NULL);
	/* the local record went out already: no outbox entry left */
	struct sx_outbox_entry *e = NULL;
	int n = 0;
	outbox_pending(db, 0, 10, &e, &n, NULL);
	cr_assert_eq(outbox_drop(db, e[0].seq, NULL), SX_OK);
	free(e);
	rows[0] = facility_row(F1, 3, "Công ty A (tỉnh)");
	record_set(rows[0], "kind", "enterprise");
	record_set(rows[0], "tax_code", "0100109106");
	page(db, &st, rows, 1, 3);
	cr_assert_eq(st.conflicts, 1);
	cr_assert_eq(st.applied, 0);
	long long open = 0;
	sync_store_conflict_count(db, &open, NULL);
	cr_assert_eq(open, 1);
	apply_state_release(&st);
	sx_db_close(db);
}

Test(sync_apply, a_row_this_database_cannot_hold_is_parked_not_fatal)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct apply_state st = {0};
	struct sx_record *rows[2];
	struct sx_record *got = NULL;

	rows[0] = facility_row(F1, 3, "Ngành lạ");
	record_set(rows[0], "vsic", "ZZZZZ");   /* not in VSIC 2018 here */
	rows[1] = facility_row(E1, 4, "Cơ sở bình thường");
	page(db, &st, rows, 2, 4);
	cr_assert_eq(st.applied, 1);
	cr_assert_eq(st.conflicts, 1);
	cr_assert_eq(record_load(db, SXK_FACILITY, F1, &got, NULL),
		     SX_NOTFOUND);
	cr_assert_eq(record_load(db, SXK_FACILITY, E1, &got, NULL), SX_OK);
	record_free(got);
	cr_assert_eq(settings_get_int(db, "pull_cursor", 0), 4);
	long long open = 0;
	sync_store_conflict_count(db, &open, NULL);
	cr_assert_eq(open, 1, "listed for the user");
	apply_state_release(&st);
	sx_db_close(db);
}

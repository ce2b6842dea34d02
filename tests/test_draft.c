/* test_draft.c — form drafts of the terminal UI (core/draft.c): written
 * as typed, read back after reopening, replaced in place, removed. */
#include "helpers.h"
#include "sxsh/draft.h"
#include "sxsh/record.h"

static struct sx_db *reopen(struct sx_db *db, const char *path)
{
	sx_db_close(db);
	db = NULL;
	cr_assert_eq(sx_db_open(path, 0, &db, NULL), SX_OK);
	return db;
}

Test(draft, keeps_typed_values_across_a_reopen)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct sx_record *rec = record_new(SXK_FACILITY), *back = NULL;
	long long id = 0, id_back = 0;

	/* values as typed: not valid, not canonical — a draft keeps them */
	record_set(rec, "name", "Công ty TNHH Chè Mộc Châu");
	record_set(rec, "employees", "1.200");
	record_set(rec, "closed_on", "31/12/20");
	cr_assert_eq(draft_save(db, &id, rec, NULL), SX_OK);
	cr_assert_gt(id, 0);
	db = reopen(db, path);
	cr_assert_eq(draft_latest(db, &id_back, &back, NULL), SX_OK);
	cr_assert_eq(id_back, id);
	cr_assert_eq(back->kind, SXK_FACILITY);
	cr_assert_str_eq(back->uuid, "");
	cr_assert_str_eq(record_get(back, "name"), "Công ty TNHH Chè Mộc Châu");
	cr_assert_str_eq(record_get(back, "employees"), "1.200");
	cr_assert_str_eq(record_get(back, "closed_on"), "31/12/20");
	cr_assert_null(record_get(back, "tax_code"));
	record_free(back);
	record_free(rec);
	sx_db_close(db);
}

Test(draft, saving_again_replaces_and_discard_removes)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct sx_record *rec = record_new(SXK_PERSON), *back = NULL;
	long long id = 0, first, got = 0;
	struct sx_error err = {0};

	memcpy(rec->uuid, "0b9c6a8e-3f1d-4c2a-9e7b-5d4c3b2a1f00",
	       SX_UUID_LEN + 1);
	record_set(rec, "name", "Lò");
	cr_assert_eq(draft_save(db, &id, rec, NULL), SX_OK);
	first = id;
	record_set(rec, "name", "Lò Văn Khánh");
	cr_assert_eq(draft_save(db, &id, rec, NULL), SX_OK);
	cr_assert_eq(id, first, "the same draft is updated, not a new one");
	cr_assert_eq(draft_latest(db, &got, &back, NULL), SX_OK);
	cr_assert_eq(got, first);
	cr_assert_str_eq(back->uuid, rec->uuid);
	cr_assert_str_eq(record_get(back, "name"), "Lò Văn Khánh");
	record_free(back);
	back = NULL;
	cr_assert_eq(draft_discard(db, id, NULL), SX_OK);
	cr_assert_eq(draft_latest(db, &got, &back, &err), SX_NOTFOUND);
	cr_assert_null(back);
	/* discarding what is gone is not an error */
	cr_assert_eq(draft_discard(db, id, NULL), SX_OK);
	record_free(rec);
	sx_db_close(db);
}

Test(draft, newest_of_several_comes_back)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct sx_record *a = record_new(SXK_FACILITY);
	struct sx_record *b = record_new(SXK_EVENT), *back = NULL;
	long long ida = 0, idb = 0, got = 0;

	record_set(a, "name", "A");
	record_set(b, "title", "Tập huấn");
	cr_assert_eq(draft_save(db, &ida, a, NULL), SX_OK);
	cr_assert_eq(draft_save(db, &idb, b, NULL), SX_OK);
	cr_assert_eq(draft_latest(db, &got, &back, NULL), SX_OK);
	cr_assert_eq(got, idb);
	cr_assert_eq(back->kind, SXK_EVENT);
	cr_assert_str_eq(record_get(back, "title"), "Tập huấn");
	record_free(back);
	record_free(a);
	record_free(b);
	sx_db_close(db);
}

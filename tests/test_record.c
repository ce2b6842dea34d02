/* Records through the public API: validation, each kind's round trip,
 * the change log, tombstones, paging, search and Vietnamese order. */
#include <sqlite3.h>
#include "core_fixture.h"
#include "sxsh/outbox.h"
#include "sxsh/refdata.h"
#include "sxsh/settings.h"

static struct sx_db *db;
static char dbpath[512];

static void setup(void)
{
	db = th_district_db(dbpath, sizeof dbpath);
}

static void teardown(void)
{
	sx_db_close(db);
}

TestSuite(record, .init = setup, .fini = teardown);

static int has_problem(const struct sx_problems *p, const char *field)
{
	for (int i = 0; i < p->count; i++)
		if (!strcmp(p->items[i].field, field))
			return 1;
	return 0;
}

Test(record, validation_reports_every_problem_at_once)
{
	struct sx_record *rec = record_new(SXK_FACILITY);
	struct sx_problems p;
	struct sx_error err = {0};
	long long n = -1;
	struct sx_list_query q = {.kind = SXK_FACILITY};

	problems_init(&p);
	record_set(rec, "kind", "factory");          /* not a choice */
	record_set(rec, "tax_code", "0100233480");   /* bad check digit */
	record_set(rec, "vsic", "99999");            /* no such code */
	record_set(rec, "commune", "03970");         /* Phù Yên, not Mộc Châu */
	record_set(rec, "employees", "-3");
	record_set(rec, "closed_on", "31/02/2017");
	cr_assert_eq(record_save(db, rec, &p, &err), SX_INVALID);
	cr_assert(has_problem(&p, "name"));
	cr_assert(has_problem(&p, "kind"));
	cr_assert(has_problem(&p, "tax_code"));
	cr_assert(has_problem(&p, "vsic"));
	cr_assert(has_problem(&p, "commune"));
	cr_assert(has_problem(&p, "employees"));
	cr_assert(has_problem(&p, "closed_on"));
	cr_assert(has_problem(&p, "status"));
	for (int i = 0; i < p.count; i++) {
		cr_assert(strlen(p.items[i].msg_vi) > 0);
		cr_assert(strlen(p.items[i].msg_en) > 0);
	}
	cr_assert_str_eq(rec->uuid, "", "a refused new record gets no id");
	cr_assert_eq(record_count(db, &q, &n, &err), SX_OK);
	cr_assert_eq(n, 0, "nothing written");
	problems_release(&p);
	record_free(rec);
}

static const char *problem_vi(const struct sx_problems *p,
			      const char *field)
{
	for (int i = 0; i < p->count; i++)
		if (!strcmp(p->items[i].field, field))
			return p->items[i].msg_vi;
	return "";
}

/* An import or a form with a value outside a list says what the list
 * holds; a length limit counts characters and says the limit. */
Test(record, list_values_name_the_allowed_labels_and_limits_count_chars)
{
	struct sx_record *rec = record_new(SXK_PERSON);
	struct sx_problems p;
	char name[1600] = "";

	problems_init(&p);
	record_set(rec, "name", "Lò Văn Khánh");
	record_set(rec, "role", "chairman");
	record_set(rec, "active", "1");
	cr_assert_eq(record_save(db, rec, &p, NULL), SX_INVALID);
	cr_assert(strstr(problem_vi(&p, "role"), "chọn một trong"), "%s",
		  problem_vi(&p, "role"));
	cr_assert(strstr(problem_vi(&p, "role"), "Cộng tác viên"), "%s",
		  problem_vi(&p, "role"));
	cr_assert(strstr(p.items[0].msg_en, "Collaborator"), "%s",
		  p.items[0].msg_en);
	problems_release(&p);
	/* 500 Vietnamese letters (1,500 bytes) are within a limit of 500 */
	for (int i = 0; i < 500; i++)
		strcat(name, "ộ");
	problems_init(&p);
	record_set(rec, "role", "collaborator");
	record_set(rec, "name", name);
	cr_assert_eq(record_save(db, rec, &p, NULL), SX_OK, "%s",
		     p.count ? p.items[0].msg_vi : "");
	problems_release(&p);
	strcat(name, "ộ");
	problems_init(&p);
	record_set(rec, "name", name);
	cr_assert_eq(record_save(db, rec, &p, NULL), SX_INVALID);
	cr_assert(strstr(problem_vi(&p, "name"), "tối đa"), "%s",
		  problem_vi(&p, "name"));
	problems_release(&p);
	record_free(rec);
}

Test(record, a_name_of_only_spaces_is_missing)
{
	struct sx_record *rec = record_new(SXK_PERSON);
	struct sx_problems p;
	problems_init(&p);
	record_set(rec, "name", " \t  ");
	record_set(rec, "role", "collaborator");
	record_set(rec, "active", "1");
	cr_assert_eq(record_save(db, rec, &p, NULL), SX_INVALID);
	cr_assert_eq(p.count, 1);
	cr_assert(has_problem(&p, "name"));
	problems_release(&p);
	record_free(rec);
}

Test(record, rejects_dates_in_the_future)
{
	struct sx_record *rec = record_new(SXK_EVENT);
	struct sx_problems p;
	problems_init(&p);
	record_set(rec, "type", "training");
	record_set(rec, "title", "Tập huấn SXSH");
	record_set(rec, "held_on", "01/01/2999");
	cr_assert_eq(record_save(db, rec, &p, NULL), SX_INVALID);
	cr_assert(has_problem(&p, "held_on"));
	problems_release(&p);
	record_free(rec);
}

Test(record, refuses_a_duplicate_tax_code)
{
	struct sx_record *rec = record_new(SXK_FACILITY);
	struct sx_problems p;
	problems_init(&p);
	fx_facility(db, "Công ty A", "0100047516", NULL);
	record_set(rec, "name", "Công ty B");
	record_set(rec, "kind", "enterprise");
	record_set(rec, "tax_code", "0100-047-516");
	record_set(rec, "vsic", "10620");
	record_set(rec, "commune", "03979");
	record_set(rec, "status", "active");
	cr_assert_eq(record_save(db, rec, &p, NULL), SX_INVALID);
	cr_assert(has_problem(&p, "tax_code"));
	problems_release(&p);
	record_free(rec);
}

Test(record, normalises_values_to_canonical_form)
{
	char id[SX_UUID_LEN + 1];
	struct sx_record *rec = NULL;
	/* NFD input, labels for choices, Vietnamese numbers and dates,
	 * commune by name, yes/no words */
	fx_save(db, SXK_FACILITY, id,
		"name", "  Co\xcc\x82ng ty   Che\xcc\x80 ", "kind",
		"Doanh nghiệp", "tax_code", "0314409058-002", "vsic", "10760",
		"commune", "thi tran moc chau", "employees", "1.250",
		"cp_potential", "có", "status", "active", NULL);
	cr_assert_eq(record_load(db, SXK_FACILITY, id, &rec, NULL), SX_OK);
	cr_assert_str_eq(record_get(rec, "name"), "Công ty Chè");
	cr_assert_str_eq(record_get(rec, "kind"), "enterprise");
	cr_assert_str_eq(record_get(rec, "tax_code"), "0314409058002");
	cr_assert_str_eq(record_get(rec, "commune"), "03979");
	cr_assert_str_eq(record_get(rec, "employees"), "1250");
	cr_assert_str_eq(record_get(rec, "cp_potential"), "1");
	record_free(rec);
}

Test(record, every_kind_round_trips_and_logs_its_change)
{
	char fac[37], per[37], ev[37], ass[37], id[37];
	struct sx_record *rec = NULL;
	long long pending = 0, rejected = 0;

	fx_facility(db, "Hợp tác xã Chè Tân Lập", NULL, fac);
	fx_save(db, SXK_PERSON, per, "name", "Lò Thị Mai", "role",
		"collaborator", "commune", "03979", "active", "1",
		"trained_on", "2017-05-02", NULL);
	fx_save(db, SXK_EVENT, ev, "type", "training", "title",
		"Tập huấn sản xuất sạch hơn", "held_on", "20/04/2017",
		"participants", "35", "cost_vnd", "12.500.000", "funding",
		"local_promotion", NULL);
	fx_save(db, SXK_EVENT_FACILITY, NULL, "event_id", ev, "facility_id",
		fac, NULL);
	fx_save(db, SXK_EVENT_PERSON, NULL, "event_id", ev, "person_id", per,
		"completed", "1", NULL);
	fx_save(db, SXK_ASSESSMENT, ass, "facility_id", fac, "type", "rapid",
		"status", "completed", "started_on", "2017-05-01",
		"completed_on", "2017-05-20", "consultant", "Trung tâm KC",
		NULL);
	fx_save(db, SXK_SOLUTION, id, "assessment_id", ass, "technique",
		"good_housekeeping", "description", "Sửa rò rỉ hơi",
		"status", "implemented", "implemented_on", "2017-06-01",
		"investment_vnd", "5000000", "saving_kwh", "1234,5",
		"saving_vnd", "3000000", NULL);
	cr_assert_eq(record_load(db, SXK_SOLUTION, id, &rec, NULL), SX_OK);
	cr_assert_str_eq(record_get(rec, "saving_kwh"), "1234.5");
	cr_assert_str_eq(record_get(rec, "investment_vnd"), "5000000");
	cr_assert_str_eq(record_get(rec, "assessment_id"), ass);
	cr_assert_eq(rec->server_rev, 0);
	cr_assert_eq(strlen(rec->updated_at), 20);
	record_free(rec);
	fx_save(db, SXK_CONSUMPTION, id, "facility_id", fac, "year", "2017",
		"electricity_kwh", "120000", "coal_t", "35.5", "output_t",
		"400", NULL);
	cr_assert_eq(record_load(db, SXK_CONSUMPTION, id, &rec, NULL), SX_OK);
	cr_assert_str_eq(record_get(rec, "coal_t"), "35.5");
	record_free(rec);
	cr_assert_eq(outbox_size(db, &pending, &rejected, NULL), SX_OK);
	cr_assert_eq(pending, 8, "one change-log entry per record");

	/* persisted: reopen and read again */
	sx_db_close(db);
	cr_assert_eq(sx_db_open(dbpath, 0, &db, NULL), SX_OK);
	cr_assert_eq(record_load(db, SXK_PERSON, per, &rec, NULL), SX_OK);
	cr_assert_str_eq(record_get(rec, "name"), "Lò Thị Mai");
	cr_assert_str_eq(record_get(rec, "trained_on"), "2017-05-02");
	record_free(rec);
}

Test(record, second_consumption_row_for_the_same_year_is_refused)
{
	char fac[37];
	struct sx_record *rec = record_new(SXK_CONSUMPTION);
	struct sx_problems p;
	problems_init(&p);
	fx_facility(db, "Cơ sở gạch", NULL, fac);
	fx_save(db, SXK_CONSUMPTION, NULL, "facility_id", fac, "year", "2018",
		NULL);
	record_set(rec, "facility_id", fac);
	record_set(rec, "year", "2018");
	cr_assert_eq(record_save(db, rec, &p, NULL), SX_INVALID);
	cr_assert(has_problem(&p, "year"));
	problems_release(&p);
	record_free(rec);
}

Test(record, edits_give_the_outbox_entry_a_fresh_change_id)
{
	char id[37];
	struct sx_record *rec = NULL;
	struct sx_outbox_entry *e1 = NULL, *e2 = NULL;
	int n1 = 0, n2 = 0;

	fx_facility(db, "Công ty Sữa", NULL, id);
	cr_assert_eq(outbox_pending(db, 0, 10, &e1, &n1, NULL), SX_OK);
	cr_assert_eq(n1, 1);
	cr_assert_eq(record_load(db, SXK_FACILITY, id, &rec, NULL), SX_OK);
	record_set(rec, "address", "Tiểu khu 4");
	cr_assert_eq(record_save(db, rec, NULL, NULL), SX_OK);
	cr_assert_eq(outbox_pending(db, 0, 10, &e2, &n2, NULL), SX_OK);
	cr_assert_eq(n2, 1, "still one entry per record");
	cr_assert_eq(e2[0].edits, 2);
	cr_assert_str_neq(e1[0].change_id, e2[0].change_id);

	/* an ack of the old change keeps the entry for the later edit */
	cr_assert_eq(outbox_ack(db, SXK_FACILITY, id, e1[0].change_id, 7,
				NULL), SX_OK);
	struct sx_outbox_entry *e3 = NULL;
	int n3 = 0;
	cr_assert_eq(outbox_pending(db, 0, 10, &e3, &n3, NULL), SX_OK);
	cr_assert_eq(n3, 1, "the later edit still waits");
	cr_assert_str_eq(e3[0].change_id, e2[0].change_id);
	free(e1);
	free(e2);
	free(e3);
	record_free(rec);
	/* ...based on the revision the server now holds */
	cr_assert_eq(record_load(db, SXK_FACILITY, id, &rec, NULL), SX_OK);
	cr_assert_eq(rec->server_rev, 7);
	record_free(rec);
}

Test(record, ack_removes_the_entry_and_sets_server_rev)
{
	char id[37];
	struct sx_outbox_entry *e = NULL;
	struct sx_record *rec = NULL;
	int n = 0;
	long long pending = -1, rejected = -1;

	fx_facility(db, "Công ty Cà phê", NULL, id);
	cr_assert_eq(outbox_pending(db, 0, 10, &e, &n, NULL), SX_OK);
	cr_assert_eq(outbox_ack(db, SXK_FACILITY, id, e[0].change_id, 42,
				NULL), SX_OK);
	/* a repeated or late acknowledgement is harmless */
	cr_assert_eq(outbox_ack(db, SXK_FACILITY, id, e[0].change_id, 41,
				NULL), SX_OK);
	free(e);
	cr_assert_eq(outbox_size(db, &pending, &rejected, NULL), SX_OK);
	cr_assert_eq(pending, 0);
	cr_assert_eq(record_load(db, SXK_FACILITY, id, &rec, NULL), SX_OK);
	cr_assert_eq(rec->server_rev, 42);
	record_free(rec);
}

Test(record, delete_leaves_a_tombstone_and_cascades_links)
{
	char fac[37], ev[37], link[37];
	struct sx_record *rec = NULL;
	struct sx_problems p;
	long long n = -1;
	struct sx_list_query q = {.kind = SXK_FACILITY};

	problems_init(&p);
	fx_facility(db, "Cơ sở Mía đường", NULL, fac);
	fx_save(db, SXK_EVENT, ev, "type", "workshop", "title", "Hội thảo",
		"held_on", "2018-03-01", NULL);
	fx_save(db, SXK_EVENT_FACILITY, link, "event_id", ev, "facility_id",
		fac, NULL);
	cr_assert_eq(record_delete(db, SXK_FACILITY, fac, &p, NULL), SX_OK);
	cr_assert_eq(record_load(db, SXK_FACILITY, fac, &rec, NULL), SX_OK);
	cr_assert_eq(rec->deleted, 1, "a tombstone, not a hard delete");
	record_free(rec);
	cr_assert_eq(record_load(db, SXK_EVENT_FACILITY, link, &rec, NULL),
		     SX_OK);
	cr_assert_eq(rec->deleted, 1);
	record_free(rec);
	cr_assert_eq(record_count(db, &q, &n, NULL), SX_OK);
	cr_assert_eq(n, 0);
	problems_release(&p);
}

Test(record, delete_refuses_a_facility_with_assessments)
{
	char fac[37];
	struct sx_problems p;
	struct sx_record *rec = NULL;
	problems_init(&p);
	fx_facility(db, "Cơ sở Tinh bột sắn", NULL, fac);
	fx_save(db, SXK_ASSESSMENT, NULL, "facility_id", fac, "type", "rapid",
		"status", "planned", NULL);
	cr_assert_eq(record_delete(db, SXK_FACILITY, fac, &p, NULL),
		     SX_INVALID);
	cr_assert_eq(p.count, 1);
	cr_assert_eq(record_load(db, SXK_FACILITY, fac, &rec, NULL), SX_OK);
	cr_assert_eq(rec->deleted, 0);
	record_free(rec);
	problems_release(&p);
}

Test(record, search_folds_case_and_diacritics_including_d)
{
	struct sx_list_query q = {.kind = SXK_FACILITY};
	struct sx_page page;

	fx_facility(db, "Cơ sở chè Đường Mường Thanh", NULL, NULL);
	fx_facility(db, "Công ty TNHH Chè Mộc Châu", NULL, NULL);
	fx_facility(db, "Hợp tác xã Rau an toàn", NULL, NULL);
	q.text = "duong muong";
	cr_assert_eq(record_list(db, &q, &page, NULL), SX_OK);
	cr_assert_eq(page.count, 1);
	cr_assert_str_eq(record_get(page.rows[0], "name"),
			 "Cơ sở chè Đường Mường Thanh");
	page_release(&page);
	q.text = "CHE moc";
	cr_assert_eq(record_list(db, &q, &page, NULL), SX_OK);
	cr_assert_eq(page.count, 1);
	cr_assert_str_eq(record_get(page.rows[0], "name"),
			 "Công ty TNHH Chè Mộc Châu");
	page_release(&page);
	q.text = "ch";   /* prefix of "chè" in two names */
	cr_assert_eq(record_list(db, &q, &page, NULL), SX_OK);
	cr_assert_eq(page.count, 2);
	page_release(&page);
	q.text = "\") OR 1 --";  /* FTS syntax is never interpreted */
	cr_assert_eq(record_list(db, &q, &page, NULL), SX_OK);
	cr_assert_eq(page.count, 0);
	page_release(&page);
}

Test(record, search_uses_the_fts_index)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	int uses_fts = 0;
	fx_facility(db, "Công ty Gạch", NULL, NULL);
	cr_assert_eq(sqlite3_open(dbpath, &h), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(h,
		"EXPLAIN QUERY PLAN SELECT t.uuid FROM facility_fts JOIN "
		"facility AS t ON t.rowid = facility_fts.rowid WHERE "
		"facility_fts MATCH '\"gach\"*' ORDER BY facility_fts.rowid "
		"LIMIT 21", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (strstr((const char *)sqlite3_column_text(st, 3),
			   "VIRTUAL TABLE INDEX"))
			uses_fts = 1;
	sqlite3_finalize(st);
	sqlite3_close(h);
	cr_assert(uses_fts);
}

Test(record, lists_names_in_vietnamese_order_across_pages)
{
	static const char *const ordered[] = {
		"An", "Ăn", "Ân", "Bạc", "Bắc", "Cà", "Chè", "Da", "Đà", "Đá",
		"Gia", "Ơn", "Ưng", "Yên"
	};
	const int n = (int)(sizeof ordered / sizeof ordered[0]);
	/* insert in a scrambled order */
	for (int i = 0; i < n; i++)
		fx_facility(db, ordered[(i * 5) % n], NULL, NULL);
	struct sx_list_query q = {.kind = SXK_FACILITY, .limit = 4};
	struct sx_page page;
	int seen = 0;
	char *after = NULL;
	do {
		q.after = after;
		cr_assert_eq(record_list(db, &q, &page, NULL), SX_OK);
		cr_assert_leq(page.count, 4);
		for (int i = 0; i < page.count; i++, seen++)
			cr_assert_str_eq(record_get(page.rows[i], "name"),
					 ordered[seen], "position %d", seen);
		free(after);
		after = page.next_after ? strdup(page.next_after) : NULL;
		page_release(&page);
	} while (after);
	cr_assert_eq(seen, n);
}

Test(record, search_pages_by_cursor_without_repeats)
{
	struct sx_list_query q = {.kind = SXK_FACILITY, .text = "cong ty",
				  .limit = 3};
	struct sx_page page;
	char *after = NULL;
	int seen = 0;
	for (int i = 0; i < 10; i++) {
		char name[64];
		snprintf(name, sizeof name, "Công ty số %d", i);
		fx_facility(db, name, NULL, NULL);
	}
	fx_facility(db, "Hộ kinh doanh khác", NULL, NULL);
	do {
		q.after = after;
		cr_assert_eq(record_list(db, &q, &page, NULL), SX_OK);
		seen += page.count;
		free(after);
		after = page.next_after ? strdup(page.next_after) : NULL;
		page_release(&page);
	} while (after);
	cr_assert_eq(seen, 10);
}

Test(record, filters_by_commune_and_sector_prefix)
{
	struct sx_list_query q = {.kind = SXK_FACILITY};
	long long n = 0;
	fx_facility(db, "Chè 1", NULL, NULL);
	fx_save(db, SXK_FACILITY, NULL, "name", "Sắn 1", "kind", "household",
		"vsic", "10620", "commune", "03982", "status", "active", NULL);
	q.vsic = "1062";
	cr_assert_eq(record_count(db, &q, &n, NULL), SX_OK);
	cr_assert_eq(n, 1);
	q.vsic = NULL;
	q.commune = "03979";
	cr_assert_eq(record_count(db, &q, &n, NULL), SX_OK);
	cr_assert_eq(n, 1);
}

Test(record, commune_may_be_given_by_name)
{
	char code[8];
	cr_assert_eq(refdata_find_commune(db, "123", "Thị trấn Mộc Châu",
					  code, NULL), SX_OK);
	cr_assert_str_eq(code, "03979");
	cr_assert_eq(refdata_find_commune(db, "123", "03982", code, NULL),
		     SX_OK);
	cr_assert_eq(refdata_find_commune(db, "123", "Xã Tân Phong", code,
					  NULL), SX_NOTFOUND,
		     "a commune of another district");
}

Test(record, deleted_records_leave_the_search_and_its_count)
{
	char id[37];
	struct sx_list_query q = {.kind = SXK_FACILITY, .text = "muong"};
	long long n = -1;
	struct sx_page page;
	fx_facility(db, "Cơ sở Mường La", NULL, id);
	fx_facility(db, "Cơ sở Mường Chiên", NULL, NULL);
	cr_assert_eq(record_count(db, &q, &n, NULL), SX_OK);
	cr_assert_eq(n, 2);
	cr_assert_eq(record_delete(db, SXK_FACILITY, id, NULL, NULL), SX_OK);
	cr_assert_eq(record_count(db, &q, &n, NULL), SX_OK);
	cr_assert_eq(n, 1);
	cr_assert_eq(record_list(db, &q, &page, NULL), SX_OK);
	cr_assert_eq(page.count, 1);
	cr_assert_str_eq(record_get(page.rows[0], "name"), "Cơ sở Mường Chiên");
	page_release(&page);
}

Test(record, a_refused_row_inside_a_batch_leaves_the_batch_intact)
{
	struct sx_record *bad = record_new(SXK_FACILITY);
	struct sx_list_query q = {.kind = SXK_FACILITY};
	long long n = -1;
	cr_assert_eq(sx_db_begin(db, NULL), SX_OK);
	fx_facility(db, "Một", NULL, NULL);
	record_set(bad, "name", "Hai");
	cr_assert_eq(record_save(db, bad, NULL, NULL), SX_INVALID);
	fx_facility(db, "Ba", NULL, NULL);
	cr_assert_eq(sx_db_commit(db, NULL), SX_OK);
	cr_assert_eq(record_count(db, &q, &n, NULL), SX_OK);
	cr_assert_eq(n, 2);
	record_free(bad);
}

/* The query record_list runs for a page in name order, and by tax code. */
static int plan_sorts(const char *path, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	int sorts = 0;
	cr_assert_eq(sqlite3_open(path, &h), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK,
		     "%s", sqlite3_errmsg(h));
	while (sqlite3_step(st) == SQLITE_ROW)
		if (strstr((const char *)sqlite3_column_text(st, 3),
			   "TEMP B-TREE"))
			sorts = 1;
	sqlite3_finalize(st);
	sqlite3_close(h);
	return sorts;
}

Test(record, a_list_page_reads_an_index_in_order_without_sorting)
{
	fx_facility(db, "Công ty Gạch", NULL, NULL);
	cr_assert(!plan_sorts(dbpath, "EXPLAIN QUERY PLAN SELECT t.uuid FROM "
		"facility AS t WHERE t.deleted=0 AND (t.sort_key, t.uuid) > "
		"('a', 'b') ORDER BY t.sort_key ASC, t.uuid ASC LIMIT 21"));
	cr_assert(!plan_sorts(dbpath, "EXPLAIN QUERY PLAN SELECT t.uuid FROM "
		"facility AS t WHERE t.deleted=0 AND t.commune='03979' "
		"ORDER BY t.sort_key ASC, t.uuid ASC LIMIT 21"));
	cr_assert(!plan_sorts(dbpath, "EXPLAIN QUERY PLAN SELECT t.uuid FROM "
		"facility AS t WHERE t.deleted=0 ORDER BY "
		"coalesce(t.tax_code, '') DESC, t.uuid DESC LIMIT 21"));
	cr_assert(!plan_sorts(dbpath, "EXPLAIN QUERY PLAN SELECT t.uuid FROM "
		"event AS t WHERE t.deleted=0 ORDER BY "
		"coalesce(t.held_on, '') ASC, t.uuid ASC LIMIT 21"));
}

Test(record, search_pages_of_two_see_every_match_once)
{
	struct sx_list_query q = {.kind = SXK_FACILITY, .text = "co so",
				  .limit = 2};
	struct sx_page page;
	char *after = NULL;
	int seen = 0;
	for (int i = 0; i < 9; i++) {
		char name[32];
		snprintf(name, sizeof name, "Cơ sở %d", i);
		fx_facility(db, name, NULL, NULL);
	}
	do {
		q.after = after;
		cr_assert_eq(record_list(db, &q, &page, NULL), SX_OK);
		for (int i = 0; i < page.count; i++)
			cr_assert(strstr(record_get(page.rows[i], "name"),
					 "Cơ sở"));
		seen += page.count;
		free(after);
		after = page.next_after ? strdup(page.next_after) : NULL;
		page_release(&page);
	} while (after);
	cr_assert_eq(seen, 9, "every match once, in pages of 2");
}

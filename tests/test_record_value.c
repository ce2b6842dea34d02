/* test_record_value.c — one verdict per value, wherever it is judged.
 *
 * Each row of the table puts one value into an otherwise valid record and
 * sends it through the four places that judge values: the client's
 * encoder (protocol_record_check, then protocol_push_encode), the server
 * (that body through push_handle on a real store), the client's decoder
 * (the stored row pulled back through protocol_record_decode) and core's
 * validation (record_validate on a district database).  All four must
 * agree, and where the value is taken, agree on its canonical form.
 *
 * The table holds values in the protocol's syntax and values malformed in
 * every syntax; what only core may judge (the database, the clock, what a
 * person types) has its own tests below.
 */
#include <jansson.h>
#include "core_fixture.h"
#include "sxsh/record_value.h"
#include "../sync/protocol.h"
#include "../sync/server/call.h"
#include "../sync/server/store.h"

#define CLIENT "cafe0000-0000-4000-8000-000000000000"

static struct sx_db *db;
static struct srv_store *srv;
static struct store_district district;
static char facility_id[SX_UUID_LEN + 1];
static unsigned serial;

static void setup(void)
{
	char path[512], spath[512];
	struct sx_error err = {0};

	db = th_district_db(path, sizeof path);
	fx_facility(db, "Cơ sở chè Tân Lập", NULL, facility_id);
	th_path(spath, sizeof spath, th_tmpdir(), "server.db");
	cr_assert_eq(store_open(spath, &srv, &err), SX_OK, "%s", err.msg);
	cr_assert_eq(store_begin(srv, &err), SX_OK);
	cr_assert_eq(store_district_add(srv, "123", "Huyện Mộc Châu", "hash",
					&err), SX_OK);
	cr_assert_eq(store_commit(srv, &err), SX_OK);
	cr_assert_eq(store_begin(srv, &err), SX_OK);
	cr_assert_eq(store_district_by_token(srv, "hash", &district, &err),
		     SX_OK);
	store_rollback(srv);
}

static void teardown(void)
{
	store_close(srv);
	sx_db_close(db);
}

TestSuite(record_value, .init = setup, .fini = teardown);

struct row {
	enum sx_kind kind;
	const char *field;
	const char *value;
	const char *canon;    /* the canonical form, NULL = refused */
};

static char long_a[502], long_vi[1002], long_note[4002];

/* A valid record of kind with value in field. */
static struct sx_record *record_with(const struct row *r)
{
	struct sx_record *rec = record_new(r->kind);

	cr_assert_not_null(rec);
	snprintf(rec->uuid, sizeof rec->uuid,
		 "6f1c2d3e-0000-4000-8000-%012u", ++serial);
	switch (r->kind) {
	case SXK_FACILITY:
		record_set(rec, "name", "Cơ sở A");
		record_set(rec, "kind", "household");
		record_set(rec, "vsic", "10760");
		record_set(rec, "commune", "03979");
		/* closed: closed_on may be given */
		record_set(rec, "status", "closed");
		break;
	case SXK_EVENT:
		record_set(rec, "type", "training");
		record_set(rec, "title", "Tập huấn SXSH");
		record_set(rec, "held_on", "2017-04-20");
		break;
	case SXK_CONSUMPTION:
		record_set(rec, "facility_id", facility_id);
		record_set(rec, "year", "2018");
		break;
	default:
		cr_assert_fail("no base record for kind %d", r->kind);
	}
	cr_assert_eq(record_set(rec, r->field, r->value), SX_OK);
	return rec;
}

/* The client's encoder: its check, then the body it would send. */
static int client_encodes(const struct sx_record *rec, char **body)
{
	struct protocol_fault why;
	char change_id[SX_UUID_LEN + 1];
	struct protocol_push_item item = {change_id, rec};

	snprintf(change_id, sizeof change_id,
		 "0d3e0000-0000-4000-8000-%012u", ++serial);
	*body = protocol_push_encode(CLIENT, &item, 1, NULL);
	cr_assert_not_null(*body);
	return protocol_record_check(rec, &why) == SX_OK;
}

static const char *no_query(void *ctx, const char *key)
{
	(void)ctx;
	(void)key;
	return NULL;
}

/* The server: push_handle on body; the stored fields in *stored. */
static int server_applies(const char *body, const char *uuid,
			  struct store_row *stored, const char *field)
{
	struct srv_call c = {0};
	struct sx_error err = {0};
	const char *result, *at;
	json_t *res;
	int applied;

	c.st = srv;
	c.district = &district;
	c.body = json_loads(body, 0, NULL);
	c.query = no_query;
	cr_assert_not_null(c.body);
	push_handle(&c);
	cr_assert_eq(c.status, 200, "push answered %d", c.status);
	res = json_array_get(json_object_get(c.reply, "results"), 0);
	result = json_string_value(json_object_get(res, "result"));
	cr_assert_not_null(result);
	applied = !strcmp(result, "applied");
	if (!applied) {
		cr_assert_str_eq(result, "rejected");
		at = json_string_value(json_object_get(res, "field"));
		cr_assert_str_eq(at ? at : "", field, "rejected for %s: %s",
				 at, json_string_value(json_object_get(
					 res, "reason")));
	} else {
		cr_assert_eq(store_begin(srv, &err), SX_OK);
		cr_assert_eq(store_record_get(srv, uuid, stored, &err), SX_OK);
		store_rollback(srv);
	}
	json_decref(c.body);
	c.body = NULL;
	call_release(&c);
	return applied;
}

/* The client's decoder on the row the server stored. */
static char *client_decodes(const struct store_row *stored,
			    const char *field)
{
	json_t *o = push_row_json(stored, 0);
	struct sx_record *rec = NULL;
	struct protocol_fault why;
	char *value;

	cr_assert_not_null(o);
	cr_assert_eq(protocol_record_decode(o, PROTOCOL_ROW_PULLED, &rec,
					    &why), SX_OK, "%s", why.reason);
	json_decref(o);
	value = record_get(rec, field) ? strdup(record_get(rec, field))
				       : NULL;
	record_free(rec);
	return value;
}

/* Core's validation; *canon gets the validated value (caller frees). */
static int core_accepts(struct sx_record *rec, const char *field,
			char **canon)
{
	struct sx_problems p;
	struct sx_error err = {0};
	enum sx_err e;

	problems_init(&p);
	e = record_validate(db, rec, &p, &err);
	cr_assert(e == SX_OK || e == SX_INVALID, "%s", err.msg);
	for (int i = 0; i < p.count; i++)
		cr_assert_str_eq(p.items[i].field, field, "%s",
				 p.items[i].msg_en);
	problems_release(&p);
	*canon = record_get(rec, field) ? strdup(record_get(rec, field))
				       : NULL;
	return e == SX_OK;
}

static void judge_everywhere(const struct row *r)
{
	struct sx_record *rec = record_with(r);
	struct store_row stored = {0};
	char *body = NULL, *pulled = NULL, *validated = NULL;
	json_t *fields;
	int want = r->canon != NULL;
	int client = client_encodes(rec, &body);
	int server = server_applies(body, rec->uuid, &stored, r->field);
	int core = core_accepts(rec, r->field, &validated);
	const char *what = r->value;

	cr_expect_eq(client, want, "%s=\"%.40s\": client encoder", r->field,
		     what);
	cr_expect_eq(server, want, "%s=\"%.40s\": server", r->field, what);
	cr_expect_eq(core, want, "%s=\"%.40s\": core", r->field, what);
	if (want && server) {
		fields = json_loads(stored.fields, 0, NULL);
		cr_expect_str_eq(json_string_value(json_object_get(fields,
			r->field)), r->canon, "%s: server stores", r->field);
		json_decref(fields);
		pulled = client_decodes(&stored, r->field);
		cr_expect_str_eq(pulled, r->canon, "%s: client decodes",
				 r->field);
	}
	if (want && core)
		cr_expect_str_eq(validated, r->canon, "%s: core stores",
				 r->field);
	free(stored.fields);
	free(pulled);
	free(validated);
	free(body);
	record_free(rec);
}

Test(record_value, every_value_gets_one_verdict_on_both_sides)
{
	memset(long_a, 'a', 501);
	for (int i = 0; i < 500; i++)
		memcpy(long_vi + 2 * i, "\xc4\x91", 2);  /* "đ": 2 bytes */
	memset(long_note, 'n', 4001);
	const struct row table[] = {
		/* text: cleaned, NFC, length in characters, no controls */
		{SXK_FACILITY, "name", "Cơ sở A", "Cơ sở A"},
		{SXK_FACILITY, "name", "  Cơ  sở\tA ", "Cơ sở A"},
		{SXK_FACILITY, "name", "Co\xcc\x9b so\xcc\x9b\xcc\x89",
		 "Cơ sở"},
		{SXK_FACILITY, "name", long_vi, long_vi},
		{SXK_FACILITY, "name", long_a, NULL},
		{SXK_FACILITY, "name", "a\x01z", NULL},
		{SXK_FACILITY, "notes", "dòng 1\r\ndòng 2", "dòng 1\ndòng 2"},
		{SXK_FACILITY, "notes", long_note, NULL},
		{SXK_FACILITY, "phone", "0212 3852 123", "0212 3852 123"},
		{SXK_FACILITY, "phone", "12345", NULL},
		{SXK_FACILITY, "phone", "số 0212385212", NULL},
		/* integers: no sign, at most 15 digits */
		{SXK_FACILITY, "employees", "12", "12"},
		{SXK_FACILITY, "employees", "007", "7"},
		{SXK_FACILITY, "employees", "0", "0"},
		{SXK_FACILITY, "employees", "-3", NULL},
		{SXK_FACILITY, "employees", "1.5", NULL},
		{SXK_FACILITY, "employees", "999999999999999",
		 "999999999999999"},
		{SXK_FACILITY, "employees", "1000000000000000", NULL},
		{SXK_FACILITY, "employees", "1e3", NULL},
		/* money: whole VND, never negative */
		{SXK_EVENT, "cost_vnd", "12500000", "12500000"},
		{SXK_EVENT, "cost_vnd", "-5", NULL},
		{SXK_EVENT, "cost_vnd", "-0", "0"},
		{SXK_EVENT, "cost_vnd", "1.5", NULL},
		{SXK_EVENT, "participants", "-1", NULL},
		/* decimals: 6 places, rounded half up; "1.234" is 1.234 */
		{SXK_CONSUMPTION, "coal_t", "1.234", "1.234"},
		{SXK_CONSUMPTION, "coal_t", "1.50", "1.5"},
		{SXK_CONSUMPTION, "coal_t", "2.1234565", "2.123457"},
		{SXK_CONSUMPTION, "coal_t", "0.0000004", "0"},
		{SXK_CONSUMPTION, "coal_t", "9.9999999", "10"},
		{SXK_CONSUMPTION, "coal_t", "12.000000000001", "12"},
		{SXK_CONSUMPTION, "coal_t", "-0.5", NULL},
		{SXK_CONSUMPTION, "coal_t", "1234567890123456", NULL},
		{SXK_CONSUMPTION, "coal_t", "999999999999999.9999999", NULL},
		{SXK_CONSUMPTION, "coal_t", "1.", NULL},
		{SXK_CONSUMPTION, "coal_t", "nan", NULL},
		/* years */
		{SXK_CONSUMPTION, "year", "1990", "1990"},
		{SXK_CONSUMPTION, "year", "1989", NULL},
		{SXK_CONSUMPTION, "year", "20x8", NULL},
		/* dates: real, from 1990 */
		{SXK_FACILITY, "closed_on", "2017-06-20", "2017-06-20"},
		{SXK_FACILITY, "closed_on", "2016-02-29", "2016-02-29"},
		{SXK_FACILITY, "closed_on", "2017-02-29", NULL},
		{SXK_FACILITY, "closed_on", "2017-13-01", NULL},
		{SXK_FACILITY, "closed_on", "1989-12-31", NULL},
		{SXK_FACILITY, "closed_on", "17-06-20", NULL},
		/* yes/no, lists, references */
		{SXK_FACILITY, "cp_potential", "1", "1"},
		{SXK_FACILITY, "cp_potential", "0", "0"},
		{SXK_FACILITY, "cp_potential", "2", NULL},
		{SXK_FACILITY, "kind", "cooperative", "cooperative"},
		{SXK_FACILITY, "kind", "factory", NULL},
		{SXK_CONSUMPTION, "facility_id", "not-a-uuid", NULL},
		/* codes: tax code with its check digit, commune, VSIC */
		{SXK_FACILITY, "tax_code", "0314409058", "0314409058"},
		{SXK_FACILITY, "tax_code", "0314409058002", "0314409058002"},
		{SXK_FACILITY, "tax_code", "0100233480", NULL},
		{SXK_FACILITY, "tax_code", "031440905", NULL},
		{SXK_FACILITY, "tax_code", "0314409058000", NULL},
		{SXK_FACILITY, "commune", "3979", NULL},
		{SXK_FACILITY, "vsic", "A", NULL},
	};

	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		judge_everywhere(&table[i]);
}

/* A reference is lowercase wherever it is stored. */
Test(record_value, a_reference_is_lowercased_on_both_sides)
{
	char upper[SX_UUID_LEN + 1];

	for (int i = 0; i <= SX_UUID_LEN; i++)
		upper[i] = (char)(facility_id[i] >= 'a' && facility_id[i] <= 'f'
				  ? facility_id[i] - 'a' + 'A'
				  : facility_id[i]);
	struct row r = {SXK_CONSUMPTION, "facility_id", upper, facility_id};
	judge_everywhere(&r);
}

/* What a person types is read in core only: Vietnamese numbers, dates
 * and words.  The protocol carries the canonical form alone, so "1.234"
 * there is always 1.234. */
Test(record_value, typed_forms_are_read_by_core_only)
{
	const struct sx_field *coal = &record_kind(SXK_CONSUMPTION)->fields[
		record_field_index(record_kind(SXK_CONSUMPTION), "coal_t")];
	char *canon = NULL;

	cr_assert_eq(record_value_check(coal, "1.234", SXV_TYPED, NULL,
					&canon), SXV_OK);
	cr_assert_str_eq(canon, "1234");
	free(canon);
	cr_assert_eq(record_value_check(coal, "1.234,5", SXV_TYPED, NULL,
					&canon), SXV_OK);
	cr_assert_str_eq(canon, "1234.5");
	free(canon);
	cr_assert_eq(record_value_check(coal, "1.234", SXV_RECORD, NULL,
					&canon), SXV_OK);
	cr_assert_str_eq(canon, "1.234");
	free(canon);
	cr_assert_eq(record_value_check(coal, "1.234,5", SXV_CANONICAL, NULL,
					&canon), SXV_NOT_NUMBER);
	cr_assert_null(canon);
	cr_assert_eq(record_value_check(coal, ".5", SXV_RECORD, NULL,
					&canon), SXV_OK);
	cr_assert_str_eq(canon, "0.5");
	free(canon);
	cr_assert_eq(record_value_check(coal, ".5", SXV_CANONICAL, NULL,
					&canon), SXV_NOT_NUMBER);
}

/* A form stores "1.234" for 1,234 t (typed "1,234"); saving it again must
 * not read it as 1234. */
Test(record_value, a_saved_decimal_keeps_its_value_when_saved_again)
{
	char id[SX_UUID_LEN + 1];
	struct sx_record *rec = NULL;

	fx_save(db, SXK_CONSUMPTION, id, "facility_id", facility_id, "year",
		"2018", "coal_t", "1.234", NULL);
	cr_assert_eq(record_load(db, SXK_CONSUMPTION, id, &rec, NULL), SX_OK);
	cr_assert_str_eq(record_get(rec, "coal_t"), "1.234");
	record_set(rec, "water_m3", "5");
	struct sx_problems p;
	problems_init(&p);
	cr_assert_eq(record_save(db, rec, &p, NULL), SX_OK);
	problems_release(&p);
	record_free(rec);
	cr_assert_eq(record_load(db, SXK_CONSUMPTION, id, &rec, NULL), SX_OK);
	cr_assert_str_eq(record_get(rec, "coal_t"), "1.234");
	record_free(rec);
}

/* "Not in the future" is the clock of the moment a value is entered:
 * core applies it; the protocol keeps a fixed bound, so that a clock set
 * wrong on either side never loses a record already saved. */
Test(record_value, the_clock_is_core_s_rule_only)
{
	struct row r = {SXK_FACILITY, "closed_on", "2099-01-01", NULL};
	struct sx_record *rec = record_with(&r);
	struct protocol_fault why;
	char *canon = NULL;

	cr_assert_eq(protocol_record_check(rec, &why), SX_OK, "%s",
		     why.reason);
	cr_assert_eq(core_accepts(rec, "closed_on", &canon), 0);
	free(canon);
	record_set(rec, "closed_on", "2101-01-01");
	cr_assert_eq(protocol_record_check(rec, &why), SX_INVALID);
	cr_assert_str_eq(why.field, "closed_on");
	record_free(rec);
}

/* A field type the codec does not know is refused, never taken as text. */
Test(record_value, an_unknown_field_type_is_refused)
{
	struct sx_field f = {"future", (enum sx_field_type)99, 0, 0, "Mới",
			     "New", NULL, NULL, SXK_COUNT, 0};
	char *canon = NULL;
	char reason[160];

	cr_assert_eq(record_value_check(&f, "text", SXV_CANONICAL, NULL,
					&canon), SXV_UNKNOWN_TYPE);
	cr_assert_null(canon);
	cr_assert_eq(record_value_check(&f, "text", SXV_TYPED, NULL, &canon),
		     SXV_UNKNOWN_TYPE);
	record_value_reason(&f, SXV_UNKNOWN_TYPE, 1, reason, sizeof reason);
	cr_assert(strlen(reason) > 0);
}

/* A value the server would reject is held by the client, not sent. */
Test(record_value, the_client_holds_what_the_server_would_reject)
{
	struct row r = {SXK_EVENT, "cost_vnd", "-5", NULL};
	struct sx_record *rec = record_with(&r);
	struct protocol_fault why;

	cr_assert_eq(protocol_record_check(rec, &why), SX_INVALID);
	cr_assert_str_eq(why.field, "cost_vnd");
	cr_assert(strstr(why.reason, "negative"), "%s", why.reason);
	record_free(rec);
}

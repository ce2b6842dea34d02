/* test_sync_protocol.c — encoding and decoding the messages of
 * sync/PROTOCOL.md, with no network: what goes out has the documented
 * shape, and what comes in is refused unless it is well-formed. */
#include <jansson.h>
#include "helpers.h"
#include "sxsh/record.h"
#include "../sync/protocol.h"

#define U1 "6f1c2d3e-0000-4000-8000-000000000001"
#define U2 "6f1c2d3e-0000-4000-8000-000000000002"
#define C1 "0d3e0000-0000-4000-8000-00000000c001"
#define C2 "0d3e0000-0000-4000-8000-00000000c002"

static struct sx_record *facility(const char *uuid, const char *name)
{
	struct sx_record *rec = record_new(SXK_FACILITY);
	snprintf(rec->uuid, sizeof rec->uuid, "%s", uuid);
	record_set(rec, "name", name);
	record_set(rec, "kind", "household");
	record_set(rec, "employees", "12");
	record_set(rec, "commune", "03979");
	return rec;
}

Test(sync_protocol, push_body_has_the_documented_shape)
{
	struct sx_record *a = facility(U1, "Cơ sở chè Mộc Sương");
	struct sx_record *b = facility(U2, "HTX sắn");
	struct protocol_push_item items[2] = {{C1, a}, {C2, b}};
	size_t len = 0;

	a->server_rev = 41;
	b->deleted = 1;
	char *body = protocol_push_encode("cafe0000-0000-4000-8000-000000000000",
					  items, 2, &len);
	cr_assert_not_null(body);
	cr_assert_eq(len, strlen(body));
	json_t *root = json_loads(body, 0, NULL);
	cr_assert_not_null(root);
	cr_assert_str_eq(json_string_value(json_object_get(root, "client_id")),
			 "cafe0000-0000-4000-8000-000000000000");
	json_t *c = json_array_get(json_object_get(root, "changes"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(c, "change_id")),
			 C1);
	cr_assert_str_eq(json_string_value(json_object_get(c, "kind")),
			 "facility");
	cr_assert_str_eq(json_string_value(json_object_get(c, "uuid")), U1);
	cr_assert_eq(json_integer_value(json_object_get(c, "base_rev")), 41);
	cr_assert(json_is_false(json_object_get(c, "deleted")));
	json_t *f = json_object_get(c, "fields");
	/* values are strings, empty fields absent */
	cr_assert_str_eq(json_string_value(json_object_get(f, "employees")),
			 "12");
	cr_assert_str_eq(json_string_value(json_object_get(f, "name")),
			 "Cơ sở chè Mộc Sương");
	cr_assert_null(json_object_get(f, "tax_code"));
	c = json_array_get(json_object_get(root, "changes"), 1);
	cr_assert(json_is_true(json_object_get(c, "deleted")));
	json_decref(root);
	free(body);
	record_free(a);
	record_free(b);
}

Test(sync_protocol, push_answer_decodes_every_outcome)
{
	const char *ids[4] = {C1, C2, U1, U2};
	const char *body = "{\"results\":["
		"{\"change_id\":\"" C1 "\",\"result\":\"applied\",\"rev\":7},"
		"{\"change_id\":\"" C2 "\",\"result\":\"duplicate\",\"rev\":3},"
		"{\"change_id\":\"" U1 "\",\"result\":\"conflict\",\"rev\":9,"
		" \"server\":{\"kind\":\"facility\",\"uuid\":\"" U2 "\","
		" \"rev\":9,\"deleted\":false,\"fields\":{\"name\":\"Tên\"}}},"
		"{\"change_id\":\"" U2 "\",\"result\":\"rejected\","
		" \"field\":\"kind\",\"reason\":\"kind: not a choice\"}]}";
	struct protocol_push_result *r = NULL;
	struct sx_error err = {0};

	cr_assert_eq(protocol_push_decode(body, strlen(body), ids, 4, &r, &err),
		     SX_OK, "%s", err.msg);
	cr_assert_eq(r[0].outcome, PROTOCOL_APPLIED);
	cr_assert_eq(r[0].rev, 7);
	cr_assert_eq(r[1].outcome, PROTOCOL_DUPLICATE);
	cr_assert_eq(r[2].outcome, PROTOCOL_CONFLICT);
	cr_assert_not_null(r[2].server);
	cr_assert_eq(r[2].server->server_rev, 9);
	cr_assert_str_eq(record_get(r[2].server, "name"), "Tên");
	cr_assert_eq(r[3].outcome, PROTOCOL_REJECTED);
	cr_assert_str_eq(r[3].field, "kind");
	cr_assert_str_eq(r[3].reason, "kind: not a choice");
	protocol_push_results_free(r, 4);
}

static void push_refused(const char *body, int n)
{
	const char *ids[2] = {C1, C2};
	struct protocol_push_result *r = NULL;
	struct sx_error err = {0};
	cr_assert_eq(protocol_push_decode(body, strlen(body), ids, n, &r, &err),
		     SX_INVALID, "accepted: %s", body);
	cr_assert_null(r);
}

Test(sync_protocol, push_answer_that_does_not_match_is_refused)
{
	/* not JSON, not an object, wrong count, wrong order, bad rev */
	push_refused("<html>", 1);
	push_refused("[]", 1);
	push_refused("{\"results\":[]}", 1);
	push_refused("{\"results\":[{\"change_id\":\"" C2 "\",\"result\":"
		     "\"applied\",\"rev\":1},{\"change_id\":\"" C1 "\","
		     "\"result\":\"applied\",\"rev\":2}]}", 2);
	push_refused("{\"results\":[{\"change_id\":\"" C1 "\",\"result\":"
		     "\"applied\",\"rev\":\"7\"}]}", 1);
	push_refused("{\"results\":[{\"change_id\":\"" C1 "\",\"result\":"
		     "\"applied\",\"rev\":0}]}", 1);
	push_refused("{\"results\":[{\"change_id\":\"" C1 "\",\"result\":"
		     "\"maybe\",\"rev\":7}]}", 1);
	/* a conflict without a usable server row */
	push_refused("{\"results\":[{\"change_id\":\"" C1 "\",\"result\":"
		     "\"conflict\",\"rev\":7}]}", 1);
}

Test(sync_protocol, pull_page_decodes_rows_and_cursor)
{
	const char *body = "{\"changes\":["
		"{\"seq\":5,\"kind\":\"person\",\"uuid\":\"" U1 "\",\"rev\":5,"
		" \"deleted\":false,\"fields\":{\"name\":\"Lò Văn Khánh\","
		" \"role\":\"collaborator\",\"active\":\"1\"}},"
		"{\"seq\":8,\"kind\":\"facilities\",\"uuid\":\""
		"6F1C2D3E-0000-4000-8000-000000000002\",\"rev\":8,"
		" \"deleted\":true,\"fields\":{\"name\":\"X\",\"tax_code\":null}}"
		"],\"next\":8,\"more\":true}";
	struct protocol_pull_page page;
	struct sx_error err = {0};

	cr_assert_eq(protocol_pull_decode(body, strlen(body), 4, &page, &err),
		     SX_OK, "%s", err.msg);
	cr_assert_eq(page.count, 2);
	cr_assert_eq(page.next, 8);
	cr_assert_eq(page.more, 1);
	cr_assert_eq(page.rows[0]->kind, SXK_PERSON);
	cr_assert_str_eq(record_get(page.rows[0], "name"), "Lò Văn Khánh");
	cr_assert_eq(page.rows[1]->kind, SXK_FACILITY);
	cr_assert_str_eq(page.rows[1]->uuid, U2, "uuid lowercased");
	cr_assert_eq(page.rows[1]->deleted, 1);
	cr_assert_null(record_get(page.rows[1], "tax_code"));
	protocol_pull_page_release(&page);
}

static void pull_refused(const char *rows, const char *tail)
{
	char body[2048];
	struct protocol_pull_page page;
	struct sx_error err = {0};
	snprintf(body, sizeof body, "{\"changes\":[%s]%s}", rows, tail);
	cr_assert_eq(protocol_pull_decode(body, strlen(body), 4, &page, &err),
		     SX_INVALID, "accepted: %s", body);
	cr_assert_eq(page.count, 0);
	cr_assert_null(page.rows);
}

#define ROW(kind, uuid, rev, fields) \
	"{\"kind\":\"" kind "\",\"uuid\":\"" uuid "\",\"rev\":" #rev \
	",\"fields\":{" fields "}}"

Test(sync_protocol, pull_page_with_bad_rows_is_refused_whole)
{
	pull_refused(ROW("factory", U1, 5, ""), ",\"next\":5");
	pull_refused(ROW("facility", "not-a-uuid", 5, ""), ",\"next\":5");
	pull_refused(ROW("facility", U1, 5, "\"colour\":\"red\""),
		     ",\"next\":5");
	pull_refused(ROW("facility", U1, 5, "\"employees\":12"), ",\"next\":5");
	pull_refused(ROW("facility", U1, 5, "\"employees\":\"twelve\""),
		     ",\"next\":5");
	pull_refused(ROW("facility", U1, 5, "\"kind\":\"factory\""),
		     ",\"next\":5");
	pull_refused(ROW("facility", U1, 5, "\"commune\":\"123\""),
		     ",\"next\":5");
	pull_refused(ROW("facility", U1, 5, "\"name\":\"a\\u0000b\""),
		     ",\"next\":5");
	pull_refused(ROW("facility", U1, 5, "\"name\":\"bell\\u0007\""),
		     ",\"next\":5");
	pull_refused(ROW("facility", U1, 5, "\"closed_on\":\"31/12/2017\""),
		     ",\"next\":5");
	/* order and cursor */
	pull_refused(ROW("facility", U1, 3, ""), ",\"next\":3");
	pull_refused(ROW("facility", U1, 6, "") "," ROW("facility", U2, 5, ""),
		     ",\"next\":6");
	pull_refused(ROW("facility", U1, 6, ""), ",\"next\":5");
	pull_refused("", ",\"next\":4,\"more\":true");
	pull_refused("", "");
}

Test(sync_protocol, record_text_round_trips)
{
	struct sx_record *a = facility(U1, "Cơ sở \"chè\" Mộc Sương");
	struct sx_record *b = NULL;

	/* a long text keeps its line breaks (a name would not) */
	record_set(a, "notes", "dòng 1\n\tdòng 2");
	a->server_rev = 12;
	a->deleted = 1;
	char *text = protocol_record_text(a);
	cr_assert_not_null(text);
	cr_assert_eq(protocol_record_parse(text, &b, NULL), SX_OK);
	cr_assert_str_eq(b->uuid, a->uuid);
	cr_assert_eq(b->server_rev, 12);
	cr_assert_eq(b->deleted, 1);
	cr_assert_str_eq(record_get(b, "name"), record_get(a, "name"));
	cr_assert_str_eq(record_get(b, "notes"), record_get(a, "notes"));
	cr_assert_str_eq(record_get(b, "employees"), "12");
	free(text);
	record_free(a);
	record_free(b);
}

Test(sync_protocol, report_envelope_and_receipt)
{
	char *body = protocol_report_encode("2017S1", 2, 1, "ab12", "{\"x\":1}",
					    NULL);
	json_t *root = json_loads(body, 0, NULL);
	cr_assert_eq(json_integer_value(json_object_get(root, "revision")), 2);
	cr_assert_eq(json_integer_value(json_object_get(root, "replaces")), 1);
	cr_assert_str_eq(json_string_value(json_object_get(root, "json")),
			 "{\"x\":1}");
	json_decref(root);
	free(body);
	body = protocol_report_encode("2017S1", 1, 0, "ab12", "{}", NULL);
	cr_assert_not_null(strstr(body, "\"replaces\":null"));
	free(body);

	struct protocol_receipt rc;
	const char *ok = "{\"receipt\":\"123-2017S1-2-000057\",\"status\":"
			 "\"sent\",\"received_at\":\"2017-06-21T03:12:45Z\","
			 "\"duplicate\":true}";
	cr_assert_eq(protocol_receipt_decode(ok, strlen(ok), &rc, NULL), SX_OK);
	cr_assert_str_eq(rc.receipt, "123-2017S1-2-000057");
	cr_assert_eq(rc.duplicate, 1);
	const char *bad = "{\"receipt\":\"r\",\"status\":\"lost\"}";
	cr_assert_eq(protocol_receipt_decode(bad, strlen(bad), &rc, NULL),
		     SX_INVALID);
}

Test(sync_protocol, report_status_and_reference)
{
	const char *st = "{\"reports\":[{\"period\":\"2017S1\",\"revision\":1,"
		"\"replaces\":null,\"sha256\":\"aa\",\"receipt\":\"r1\","
		"\"status\":\"returned\",\"reason\":\"Thiếu số liệu\","
		"\"received_at\":\"2017-06-19T08:00:00Z\",\"status_at\":null}]}";
	struct protocol_report_status *r = NULL;
	int n = 0;
	cr_assert_eq(protocol_status_decode(st, strlen(st), &r, &n, NULL),
		     SX_OK);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(r[0].status, "returned");
	cr_assert_str_eq(r[0].reason, "Thiếu số liệu");
	free(r);

	const char *ref = "{\"version\":3,\"district\":{\"code\":\"123\"},"
		"\"targets\":{\"t2_share\":3,\"t3_share\":null},"
		"\"deadline_days\":15}";
	struct protocol_reference pr;
	cr_assert_eq(protocol_reference_decode(ref, strlen(ref), &pr, NULL),
		     SX_OK);
	cr_assert_eq(pr.version, 3);
	cr_assert_eq(pr.has_t2_share, 1);
	cr_assert_eq(pr.t2_share, 3);
	cr_assert_eq(pr.has_t3_share, 0);
	cr_assert_eq(pr.deadline_days, 15);
	const char *badref = "{\"version\":3,\"targets\":{\"t2_share\":-1}}";
	cr_assert_eq(protocol_reference_decode(badref, strlen(badref), &pr,
					       NULL), SX_INVALID);
}

Test(sync_protocol, error_body_gives_code_and_message)
{
	char code[32], msg[256];
	const char *b = "{\"error\":{\"code\":\"too_large\",\"message\":\"batch "
			"of 600\"}}";
	protocol_error_decode(b, strlen(b), code, msg);
	cr_assert_str_eq(code, "too_large");
	cr_assert_str_eq(msg, "batch of 600");
	protocol_error_decode("garbage", 7, code, msg);
	cr_assert_str_eq(code, "");
	cr_assert_str_eq(msg, "");
}

/* Mutations of valid answers: every decoder either accepts or refuses
 * with SX_INVALID, never crashes, never leaks (ASan). */
Test(sync_protocol, mutated_answers_are_refused_cleanly)
{
	static const char *const seeds[] = {
		"{\"changes\":[{\"seq\":5,\"kind\":\"person\",\"uuid\":\"" U1
		"\",\"rev\":5,\"deleted\":false,\"fields\":{\"name\":\"Lò Văn"
		"\",\"role\":\"collaborator\",\"active\":\"1\"}}],\"next\":5,"
		"\"more\":false}",
		"{\"results\":[{\"change_id\":\"" C1 "\",\"result\":\"conflict"
		"\",\"rev\":9,\"server\":{\"kind\":\"facility\",\"uuid\":\"" U2
		"\",\"rev\":9,\"fields\":{\"name\":\"T\",\"employees\":\"3\"}}}"
		",{\"change_id\":\"" C2 "\",\"result\":\"rejected\",\"reason\":"
		"\"x\"}]}",
		"{\"reports\":[{\"period\":\"2017S1\",\"revision\":1,\"status\":"
		"\"sent\",\"sha256\":\"aa\",\"receipt\":\"r\"}]}",
		"{\"version\":3,\"targets\":{\"t2_share\":3},\"deadline_days\":15}",
	};
	const char *ids[2] = {C1, C2};
	unsigned seed = 12345;
	char buf[1024];

	for (int round = 0; round < 4000; round++) {
		const char *src = seeds[round % 4];
		size_t len = strlen(src);
		memcpy(buf, src, len + 1);
		for (int k = 0; k < 1 + round % 4; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % len;
			buf[at] = (char)(seed >> 20);
		}
		if (round % 7 == 0)
			len = (seed >> 4) % len;
		struct sx_error err = {0};
		struct protocol_pull_page page;
		struct protocol_push_result *r = NULL;
		struct protocol_report_status *st = NULL;
		struct protocol_reference ref;
		int n = 0;
		enum sx_err e;

		e = protocol_pull_decode(buf, len, 0, &page, &err);
		cr_assert(e == SX_OK || e == SX_INVALID);
		if (!e)
			protocol_pull_page_release(&page);
		e = protocol_push_decode(buf, len, ids, 2, &r, &err);
		cr_assert(e == SX_OK || e == SX_INVALID);
		protocol_push_results_free(r, 2);
		e = protocol_status_decode(buf, len, &st, &n, &err);
		cr_assert(e == SX_OK || e == SX_INVALID);
		free(st);
		e = protocol_reference_decode(buf, len, &ref, &err);
		cr_assert(e == SX_OK || e == SX_INVALID);
		protocol_reference_release(&ref);
	}
}

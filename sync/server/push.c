/* push.c — POST /v1/push: a batch of record changes from one district
 * database, each answered applied / duplicate / conflict / rejected
 * (PROTOCOL.md section 2).
 *
 * The whole batch is one transaction, so a crash keeps all of its applied
 * changes or none; idempotency comes from the applied change ids, stored
 * in the same transaction as the rows they wrote.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "sxsh/record.h"
#include "sxsh/uuid.h"
#include "../protocol.h"
#include "call.h"

static void lower_copy(char *dst, size_t n, const char *src)
{
	size_t i = 0;
	for (; src[i] && i + 1 < n; i++)
		dst[i] = (char)tolower((unsigned char)src[i]);
	dst[i] = '\0';
}

static json_t *rejected(const char *change_id, const char *field,
			const char *reason)
{
	json_t *r = json_pack("{s:s,s:s,s:s}", "change_id", change_id,
			      "result", "rejected", "reason", reason);
	if (r && field && *field)
		json_object_set_new(r, "field", json_string(field));
	return r;
}

/* References of rec to records of other districts (or of the wrong
 * kind).  Returns SX_OK and sets why when one is found. */
static enum sx_err refs_check(struct srv_store *st, const char *district,
			      const struct sx_record *rec, char *field,
			      char *why, size_t n, struct sx_error *err)
{
	const struct sx_kind_def *def = record_kind(rec->kind);

	for (int i = 0; i < def->nfields; i++) {
		const struct sx_field *f = &def->fields[i];
		const char *ref = rec->values[i];
		if (f->type != SXF_REF || !ref)
			continue;
		struct store_row row;
		enum sx_err rc = store_record_get(st, ref, &row, err);
		if (rc == SX_NOTFOUND)
			continue;
		if (rc != SX_OK)
			return rc;
		const struct sx_kind_def *rk = record_kind_by_name(row.kind);
		if (strcmp(row.district, district) != 0) {
			snprintf(field, 32, "%s", f->name);
			snprintf(why, n, "%s: refers to a record of another"
				 " district", f->name);
		} else if (!rk || rk->kind != f->ref_kind) {
			snprintf(field, 32, "%s", f->name);
			snprintf(why, n, "%s: refers to a %s, not a %s",
				 f->name, row.kind,
				 record_kind(f->ref_kind)->singular);
		}
		free(row.fields);
		if (*why)
			return SX_OK;
	}
	return SX_OK;
}

json_t *push_row_json(const struct store_row *row, int with_seq)
{
	json_t *fields = json_loads(row->fields, 0, NULL);
	if (!fields)
		fields = json_object();
	json_t *o = json_object();
	if (!o || !fields) {
		json_decref(o);
		json_decref(fields);
		return NULL;
	}
	if (with_seq)
		json_object_set_new(o, "seq", json_integer(row->rev));
	json_object_set_new(o, "kind", json_string(row->kind));
	json_object_set_new(o, "uuid", json_string(row->uuid));
	json_object_set_new(o, "rev", json_integer(row->rev));
	json_object_set_new(o, "deleted", json_boolean(row->deleted));
	json_object_set_new(o, "fields", fields);
	return o;
}

/* Decides and applies one change; *out is its result object.  Returns
 * SX_OK unless the store failed. */
static enum sx_err push_one(struct srv_store *st, const char *district,
			    const char *client_id, json_t *change,
			    json_t **out, struct sx_error *err)
{
	struct sx_record *rec = NULL;
	struct protocol_fault fault = {"", ""};
	char change_id[SX_UUID_LEN + 1], field[32] = "", why[256] = "";
	const char *kind;
	enum sx_err rc;
	struct store_row cur = {0};
	long long rev;

	lower_copy(change_id, sizeof change_id,
		   json_string_value(json_object_get(change, "change_id")));
	rc = store_change_rev(st, district, change_id, &rev, err);
	if (rc == SX_OK) {
		*out = json_pack("{s:s,s:s,s:I}", "change_id", change_id,
				 "result", "duplicate", "rev", (json_int_t)rev);
		goto done;
	}
	if (rc != SX_NOTFOUND)
		goto done;
	rc = protocol_record_decode(change, PROTOCOL_ROW_PUSHED, &rec, &fault);
	if (rc == SX_NOMEM) {
		rc = sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
		goto done;
	}
	if (rc != SX_OK) {
		rc = SX_OK;
		*out = rejected(change_id, fault.field, fault.reason);
		goto done;
	}
	kind = record_kind(rec->kind)->singular;
	rc = store_record_get(st, rec->uuid, &cur, err);
	int exists = rc == SX_OK;
	if (rc != SX_OK && rc != SX_NOTFOUND)
		goto done;
	rc = SX_OK;
	if (exists && strcmp(cur.district, district) != 0) {
		*out = rejected(change_id, "uuid",
				"record belongs to another district");
		goto done;
	}
	if (exists && strcmp(cur.kind, kind) != 0) {
		snprintf(why, sizeof why, "record is a %s, not a %s", cur.kind,
			 kind);
		*out = rejected(change_id, "kind", why);
		goto done;
	}
	rc = refs_check(st, district, rec, field, why, sizeof why, err);
	if (rc != SX_OK)
		goto done;
	if (*why) {
		*out = rejected(change_id, field, why);
		goto done;
	}
	/* base_rev travels in server_rev, as on the client */
	if (exists && rec->server_rev != cur.rev &&
	    strcmp(cur.client_id, client_id) != 0) {
		json_t *server = push_row_json(&cur, 0);
		*out = json_pack("{s:s,s:s,s:I,s:o}", "change_id", change_id,
				 "result", "conflict", "rev",
				 (json_int_t)cur.rev, "server", server);
		goto done;
	}
	struct store_row row = {0};
	snprintf(row.uuid, sizeof row.uuid, "%s", rec->uuid);
	snprintf(row.kind, sizeof row.kind, "%s", kind);
	snprintf(row.district, sizeof row.district, "%s", district);
	snprintf(row.client_id, sizeof row.client_id, "%s", client_id);
	row.deleted = rec->deleted;
	row.fields = protocol_fields_text(rec);
	if (!row.fields) {
		rc = sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
		goto done;
	}
	rc = store_record_put(st, &row, change_id, &rev, err);
	free(row.fields);
	if (rc != SX_OK)
		goto done;
	*out = json_pack("{s:s,s:s,s:I}", "change_id", change_id,
			 "result", "applied", "rev", (json_int_t)rev);
done:
	free(cur.fields);
	record_free(rec);
	if (rc == SX_OK && !*out)
		rc = sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	return rc;
}

void push_handle(struct srv_call *c)
{
	json_t *body = c->body;
	if (!json_is_object(body)) {
		call_error(c, 400, "bad_request", "body: expected an object");
		return;
	}
	const char *client_id = json_string_value(
		json_object_get(body, "client_id"));
	if (!client_id || !uuid_is_valid(client_id)) {
		call_error(c, 400, "bad_request", "client_id: not a uuid");
		return;
	}
	char client[37];
	lower_copy(client, sizeof client, client_id);
	json_t *changes = json_object_get(body, "changes");
	if (!json_is_array(changes)) {
		call_error(c, 400, "bad_request",
			   "changes: expected an array");
		return;
	}
	size_t n = json_array_size(changes);
	if (n > PROTOCOL_MAX_BATCH) {
		call_error(c, 413, "too_many_changes",
			   "changes: %zu in one batch, at most %d", n,
			   PROTOCOL_MAX_BATCH);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *ch = json_array_get(changes, i);
		const char *id = json_string_value(
			json_object_get(ch, "change_id"));
		if (!json_is_object(ch) || !id || !uuid_is_valid(id)) {
			call_error(c, 400, "bad_request",
				   "changes[%zu]: no valid change_id", i);
			return;
		}
	}
	json_t *results = json_array();
	if (!results) {
		call_error(c, 500, "internal", "out of memory");
		return;
	}
	struct sx_error err = {0};
	if (store_begin(c->st, &err) != SX_OK) {
		json_decref(results);
		call_error(c, 500, "internal", "%s", err.msg);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *res = NULL;
		if (push_one(c->st, c->district->code, client,
			     json_array_get(changes, i), &res, &err) !=
		    SX_OK) {
			json_decref(res);
			store_rollback(c->st);
			json_decref(results);
			call_error(c, 500, "internal", "%s", err.msg);
			return;
		}
		json_array_append_new(results, res);
	}
	if (store_commit(c->st, &err) != SX_OK) {
		json_decref(results);
		call_error(c, 500, "internal", "%s", err.msg);
		return;
	}
	call_reply(c, 200, json_pack("{s:o}", "results", results));
}

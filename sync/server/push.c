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
#include "sxsh/text.h"
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

static int all_digits(const char *s, size_t min, size_t max)
{
	size_t n = strlen(s);
	if (n < min || n > max)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int decimal_ok(const char *s)
{
	if (*s == '-')
		s++;
	size_t whole = strspn(s, "0123456789");
	if (whole == 0 || whole > 18)
		return 0;
	s += whole;
	if (*s == '.') {
		size_t frac = strspn(s + 1, "0123456789");
		if (frac == 0 || frac > 9)
			return 0;
		s += 1 + frac;
	}
	return *s == '\0';
}

static int date_ok(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return 0;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
				   30, 31};
	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= days[m - 1] + (m == 2 && leap);
}

static int text_ok(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f)
			return 0;
	return 1;
}

/* Checks one non-empty value against its field; writes why not. */
static int value_ok(const struct sx_field *f, const char *v, char *why,
		    size_t n)
{
	size_t max = f->max_len > 0 ? (size_t)f->max_len : 500;
	switch (f->type) {
	case SXF_TEXT:
	case SXF_PHONE:
		if (text_chars(v) > max) {
			snprintf(why, n, "%s: longer than %zu characters",
				 f->name, max);
			return 0;
		}
		if (!text_ok(v)) {
			snprintf(why, n, "%s: control characters", f->name);
			return 0;
		}
		return 1;
	case SXF_INT:
		if (all_digits(v[0] == '-' ? v + 1 : v, 1, 18))
			return 1;
		snprintf(why, n, "%s: not an integer", f->name);
		return 0;
	case SXF_YEAR:
		if (all_digits(v, 4, 4) && atoi(v) >= 1900 && atoi(v) <= 2100)
			return 1;
		snprintf(why, n, "%s: not a year", f->name);
		return 0;
	case SXF_MONEY:
		if (all_digits(v, 1, 18))
			return 1;
		snprintf(why, n, "%s: not a whole VND amount", f->name);
		return 0;
	case SXF_DECIMAL:
		if (decimal_ok(v))
			return 1;
		snprintf(why, n, "%s: not a decimal number", f->name);
		return 0;
	case SXF_DATE:
		if (date_ok(v))
			return 1;
		snprintf(why, n, "%s: not a date YYYY-MM-DD", f->name);
		return 0;
	case SXF_BOOL:
		if (strcmp(v, "0") == 0 || strcmp(v, "1") == 0)
			return 1;
		snprintf(why, n, "%s: not 0 or 1", f->name);
		return 0;
	case SXF_CHOICE:
		for (const struct sx_choice *c = f->choices; c && c->key; c++)
			if (strcmp(c->key, v) == 0)
				return 1;
		snprintf(why, n, "%s: \"%.60s\" is not a choice", f->name, v);
		return 0;
	case SXF_REF:
		if (uuid_is_valid(v))
			return 1;
		snprintf(why, n, "%s: not a record uuid", f->name);
		return 0;
	case SXF_COMMUNE:
		if (all_digits(v, 5, 5))
			return 1;
		snprintf(why, n, "%s: not a 5-digit commune code", f->name);
		return 0;
	case SXF_VSIC: {
		size_t len = strlen(v);
		int ok = len >= 1 && len <= 5;
		for (size_t i = 0; ok && i < len; i++)
			ok = isdigit((unsigned char)v[i]) ||
				(v[i] >= 'A' && v[i] <= 'Z');
		if (ok)
			return 1;
		snprintf(why, n, "%s: not a VSIC code", f->name);
		return 0;
	}
	case SXF_TAXCODE:
		if (all_digits(v, 10, 10) || all_digits(v, 13, 13))
			return 1;
		snprintf(why, n, "%s: not a 10- or 13-digit tax code", f->name);
		return 0;
	}
	snprintf(why, n, "%s: unknown field type", f->name);
	return 0;
}

struct change_in {
	char change_id[37];
	const struct sx_kind_def *def;
	char uuid[37];
	long long base_rev;
	int deleted;
	json_t *fields;  /* canonical, in kind-table order; owned */
};

static json_t *rejected(const char *change_id, const char *field,
			const char *reason)
{
	json_t *r = json_pack("{s:s,s:s,s:s}", "change_id", change_id,
			      "result", "rejected", "reason", reason);
	if (r && field && *field)
		json_object_set_new(r, "field", json_string(field));
	return r;
}

/* Parses and validates the shape and values of change (steps 1 and 4 of
 * PROTOCOL.md 2).  On failure writes field and why and returns 0. */
static int change_parse(json_t *change, struct change_in *in, char *field,
			char *why, size_t n)
{
	json_t *v;
	const char *s;
	v = json_object_get(change, "kind");
	s = json_string_value(v);
	in->def = s ? record_kind_by_name(s) : NULL;
	if (!in->def) {
		snprintf(field, 32, "kind");
		snprintf(why, n, "kind: unknown record kind");
		return 0;
	}
	s = json_string_value(json_object_get(change, "uuid"));
	if (!s || !uuid_is_valid(s)) {
		snprintf(field, 32, "uuid");
		snprintf(why, n, "uuid: not a uuid");
		return 0;
	}
	lower_copy(in->uuid, sizeof in->uuid, s);
	v = json_object_get(change, "base_rev");
	if (!json_is_integer(v) || json_integer_value(v) < 0) {
		snprintf(field, 32, "base_rev");
		snprintf(why, n, "base_rev: not an integer >= 0");
		return 0;
	}
	in->base_rev = json_integer_value(v);
	v = json_object_get(change, "deleted");
	if (v && !json_is_boolean(v)) {
		snprintf(field, 32, "deleted");
		snprintf(why, n, "deleted: not true or false");
		return 0;
	}
	in->deleted = json_is_true(v);
	json_t *fields = json_object_get(change, "fields");
	if (fields && !json_is_object(fields) && !json_is_null(fields)) {
		snprintf(field, 32, "fields");
		snprintf(why, n, "fields: not an object");
		return 0;
	}
	const char *key;
	json_t *val;
	json_object_foreach(fields, key, val) {
		if (record_field_index(in->def, key) < 0) {
			snprintf(field, 32, "%.31s", key);
			snprintf(why, n, "%.60s: not a field of %s", key,
				 in->def->singular);
			return 0;
		}
		if (!json_is_string(val) && !json_is_null(val)) {
			snprintf(field, 32, "%.31s", key);
			snprintf(why, n, "%.60s: value is not a string", key);
			return 0;
		}
	}
	in->fields = json_object();
	if (!in->fields) {
		snprintf(why, n, "out of memory");
		return 0;
	}
	for (int i = 0; i < in->def->nfields; i++) {
		const struct sx_field *f = &in->def->fields[i];
		const char *value = json_string_value(
			json_object_get(fields, f->name));
		if (!value || !*value) {
			if (f->required && !in->deleted) {
				snprintf(field, 32, "%s", f->name);
				snprintf(why, n, "%s: required", f->name);
				return 0;
			}
			continue;
		}
		if (!value_ok(f, value, why, n)) {
			snprintf(field, 32, "%s", f->name);
			return 0;
		}
		char ref[37];
		if (f->type == SXF_REF) {
			lower_copy(ref, sizeof ref, value);
			value = ref;
		}
		json_object_set_new(in->fields, f->name, json_string(value));
	}
	return 1;
}

/* References of in to records of other districts (or of the wrong
 * kind).  Returns SX_OK and sets why when one is found. */
static enum sx_err refs_check(struct srv_store *st, const char *district,
			      const struct change_in *in, char *field,
			      char *why, size_t n, struct sx_error *err)
{
	for (int i = 0; i < in->def->nfields; i++) {
		const struct sx_field *f = &in->def->fields[i];
		if (f->type != SXF_REF)
			continue;
		const char *ref = json_string_value(
			json_object_get(in->fields, f->name));
		if (!ref)
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
	struct change_in in = {0};
	char field[32] = "", why[256] = "";
	enum sx_err rc = SX_OK;
	struct store_row cur = {0};
	lower_copy(in.change_id, sizeof in.change_id,
		   json_string_value(json_object_get(change, "change_id")));

	long long rev;
	rc = store_change_rev(st, district, in.change_id, &rev, err);
	if (rc == SX_OK) {
		*out = json_pack("{s:s,s:s,s:I}", "change_id", in.change_id,
				 "result", "duplicate", "rev", (json_int_t)rev);
		goto done;
	}
	if (rc != SX_NOTFOUND)
		goto done;
	rc = SX_OK;
	if (!change_parse(change, &in, field, why, sizeof why)) {
		*out = rejected(in.change_id, field, why);
		goto done;
	}
	rc = store_record_get(st, in.uuid, &cur, err);
	int exists = rc == SX_OK;
	if (rc != SX_OK && rc != SX_NOTFOUND)
		goto done;
	rc = SX_OK;
	if (exists && strcmp(cur.district, district) != 0) {
		*out = rejected(in.change_id, "uuid",
				"record belongs to another district");
		goto done;
	}
	if (exists && strcmp(cur.kind, in.def->singular) != 0) {
		snprintf(why, sizeof why, "record is a %s, not a %s", cur.kind,
			 in.def->singular);
		*out = rejected(in.change_id, "kind", why);
		goto done;
	}
	rc = refs_check(st, district, &in, field, why, sizeof why, err);
	if (rc != SX_OK)
		goto done;
	if (*why) {
		*out = rejected(in.change_id, field, why);
		goto done;
	}
	if (exists && in.base_rev != cur.rev &&
	    strcmp(cur.client_id, client_id) != 0) {
		json_t *server = push_row_json(&cur, 0);
		*out = json_pack("{s:s,s:s,s:I,s:o}", "change_id",
				 in.change_id, "result", "conflict", "rev",
				 (json_int_t)cur.rev, "server", server);
		goto done;
	}
	struct store_row row = {0};
	snprintf(row.uuid, sizeof row.uuid, "%s", in.uuid);
	snprintf(row.kind, sizeof row.kind, "%s", in.def->singular);
	snprintf(row.district, sizeof row.district, "%s", district);
	snprintf(row.client_id, sizeof row.client_id, "%s", client_id);
	row.deleted = in.deleted;
	row.fields = json_dumps(in.fields, JSON_COMPACT);
	if (!row.fields) {
		rc = sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
		goto done;
	}
	rc = store_record_put(st, &row, in.change_id, &rev, err);
	free(row.fields);
	if (rc != SX_OK)
		goto done;
	*out = json_pack("{s:s,s:s,s:I}", "change_id", in.change_id,
			 "result", "applied", "rev", (json_int_t)rev);
done:
	free(cur.fields);
	json_decref(in.fields);
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

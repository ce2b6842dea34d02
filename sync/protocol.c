/* protocol.c — encode and decode the JSON messages of sync/PROTOCOL.md.
 *
 * Records travel as full rows: every non-empty field of the kind table as
 * its canonical string (record.h).  Decoders trust nothing: every value is
 * type-checked and every record checked against the kind table before a
 * struct leaves this file, so the client can hand it to core unchanged.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "protocol.h"
#include "sxsh/period.h"
#include "sxsh/plan.h"
#include "sxsh/record_value.h"
#include "sxsh/text.h"
#include "sxsh/uuid.h"

static enum sx_err bad(struct sx_error *err, const char *what)
{
	return sx_error_set(err, SX_INVALID, "", "Máy chủ trả lời sai giao "
			    "thức", "protocol: %s", what);
}

static json_t *load(const char *body, size_t len, struct sx_error *err)
{
	json_error_t je;
	json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);

	if (!root) {
		sx_error_set(err, SX_INVALID, "", "Máy chủ trả lời không "
			     "phải JSON", "protocol: bad JSON at %d: %s",
			     je.position, je.text);
		return NULL;
	}
	if (!json_is_object(root)) {
		json_decref(root);
		bad(err, "answer is not an object");
		return NULL;
	}
	return root;
}

/* Copies a JSON string member into buf (size n); 0 when absent or null
 * (buf ""), -1 when of another type or too long. */
static int get_str(json_t *obj, const char *key, char *buf, size_t n)
{
	json_t *v = json_object_get(obj, key);

	buf[0] = '\0';
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v) || json_string_length(v) >= n ||
	    strlen(json_string_value(v)) != json_string_length(v))
		return -1;
	memcpy(buf, json_string_value(v), json_string_length(v) + 1);
	return 1;
}

static int get_int(json_t *obj, const char *key, long long *out)
{
	json_t *v = json_object_get(obj, key);

	if (!json_is_integer(v))
		return -1;
	*out = json_integer_value(v);
	return 0;
}

/* ---- records ---------------------------------------------------------- */

static json_t *record_json(const struct sx_record *rec, int with_rev)
{
	const struct sx_kind_def *def = record_kind(rec->kind);
	json_t *o = json_object(), *fields = json_object();

	if (!o || !fields || !def)
		goto fail;
	for (int i = 0; i < def->nfields; i++) {
		const char *v = rec->values[i];
		if (v && *v && json_object_set_new(fields, def->fields[i].name,
						   json_string(v)))
			goto fail;
	}
	if (json_object_set_new(o, "kind", json_string(def->singular)) ||
	    json_object_set_new(o, "uuid", json_string(rec->uuid)) ||
	    json_object_set_new(o, with_rev ? "rev" : "base_rev",
				json_integer(rec->server_rev)) ||
	    json_object_set_new(o, "deleted", json_boolean(rec->deleted)) ||
	    json_object_set(o, "fields", fields))
		goto fail;
	json_decref(fields);
	return o;
fail:
	json_decref(fields);
	json_decref(o);
	return NULL;
}

char *protocol_fields_text(const struct sx_record *rec)
{
	json_t *o = record_json(rec, 1);
	char *s = NULL;

	if (o)
		s = json_dumps(json_object_get(o, "fields"), JSON_COMPACT);
	json_decref(o);
	return s;
}

char *protocol_record_text(const struct sx_record *rec)
{
	json_t *o = record_json(rec, 1);
	char *s;

	if (!o)
		return NULL;
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return s;
}

static enum sx_err fault(struct protocol_fault *why, const char *field,
			 const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum sx_err fault(struct protocol_fault *why, const char *field,
			 const char *fmt, ...)
{
	va_list ap;

	snprintf(why->field, sizeof why->field, "%s", field);
	va_start(ap, fmt);
	vsnprintf(why->reason, sizeof why->reason, fmt, ap);
	va_end(ap);
	return SX_INVALID;
}

/* Push rule 4 for one non-empty value: the value codec in the canonical
 * form, without a clock.  *canon as record_value_check. */
static enum sx_err judge(const struct sx_field *f, const char *v,
			 char **canon, struct protocol_fault *why)
{
	char reason[200];
	enum sx_value_verdict verdict;

	verdict = record_value_check(f, v, SXV_CANONICAL, NULL, canon);
	if (verdict == SXV_OK)
		return SX_OK;
	if (verdict == SXV_NOMEM)
		return SX_NOMEM;
	record_value_reason(f, verdict, 1, reason, sizeof reason);
	return fault(why, f->name, "%s: %s", f->name, reason);
}

enum sx_err protocol_record_check(const struct sx_record *rec,
				  struct protocol_fault *why)
{
	const struct sx_kind_def *def = record_kind(rec->kind);

	if (!def)
		return fault(why, "kind", "kind: unknown record kind");
	for (int i = 0; i < def->nfields; i++) {
		const struct sx_field *f = &def->fields[i];
		const char *v = rec->values[i];
		char *canon = NULL;
		enum sx_err e;

		if (!v || !*v) {
			if (f->required && !rec->deleted)
				return fault(why, f->name, "%s: required",
					     f->name);
			continue;
		}
		e = judge(f, v, &canon, why);
		free(canon);
		if (e)
			return e;
	}
	return SX_OK;
}

/* The envelope of a record object: kind, uuid, the revision ("rev" for a
 * pulled row, "base_rev" for a pushed change), deleted, fields. */
static enum sx_err record_envelope(json_t *o, enum protocol_row how,
				   struct sx_record **out,
				   struct protocol_fault *why)
{
	const struct sx_kind_def *def;
	const char *rev_key = how == PROTOCOL_ROW_PUSHED ? "base_rev" : "rev";
	json_t *v;
	const char *s;

	if (!json_is_object(o))
		return fault(why, "", "record is not an object");
	s = json_string_value(json_object_get(o, "kind"));
	if (!s || !(def = record_kind_by_name(s)))
		return fault(why, "kind", "kind: unknown record kind");
	s = json_string_value(json_object_get(o, "uuid"));
	if (!s || !uuid_is_valid(s))
		return fault(why, "uuid", "uuid: not a uuid");
	v = json_object_get(o, rev_key);
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return fault(why, rev_key, "%s: not an integer >= 0",
			     rev_key);
	if (!(*out = record_new(def->kind)))
		return SX_NOMEM;
	for (size_t i = 0; i <= SX_UUID_LEN; i++)
		(*out)->uuid[i] = (char)(s[i] >= 'A' && s[i] <= 'Z'
					 ? s[i] - 'A' + 'a' : s[i]);
	(*out)->server_rev = json_integer_value(v);
	v = json_object_get(o, "deleted");
	if (v && !json_is_boolean(v))
		return fault(why, "deleted", "deleted: not true or false");
	(*out)->deleted = json_is_true(v);
	v = json_object_get(o, "fields");
	if (v && !json_is_object(v) && !json_is_null(v))
		return fault(why, "fields", "fields: not an object");
	return SX_OK;
}

/* Every field of o's "fields" into rec, judged and canonical. */
static enum sx_err record_fields(json_t *fields, struct sx_record *rec,
				 struct protocol_fault *why)
{
	const struct sx_kind_def *def = record_kind(rec->kind);
	const char *key;
	json_t *v;

	json_object_foreach(fields, key, v) {
		int fi = record_field_index(def, key);
		const char *s = json_string_value(v);
		char *canon = NULL;
		enum sx_err e;

		if (fi < 0)
			return fault(why, key, "%.60s: not a field of %s", key,
				     def->singular);
		if (json_is_null(v))
			continue;
		if (!s)
			return fault(why, key, "%.60s: value is not a string",
				     key);
		if (strlen(s) != json_string_length(v))
			return fault(why, key, "%.60s: value holds a NUL",
				     key);
		if (!*s)
			continue;
		e = judge(&def->fields[fi], s, &canon, why);
		if (e)
			return e;
		free(rec->values[fi]);
		rec->values[fi] = canon;    /* the record owns it now */
	}
	return SX_OK;
}

enum sx_err protocol_record_decode(json_t *o, enum protocol_row how,
				   struct sx_record **out,
				   struct protocol_fault *why)
{
	const struct sx_kind_def *def;
	enum sx_err e;

	*out = NULL;
	e = record_envelope(o, how, out, why);
	if (!e)
		e = record_fields(json_object_get(o, "fields"), *out, why);
	if (!e && how == PROTOCOL_ROW_PUSHED && !(*out)->deleted) {
		def = record_kind((*out)->kind);
		for (int i = 0; i < def->nfields && !e; i++)
			if (def->fields[i].required && !(*out)->values[i])
				e = fault(why, def->fields[i].name,
					  "%s: required",
					  def->fields[i].name);
	}
	if (e) {
		record_free(*out);
		*out = NULL;
		if (e == SX_NOMEM)
			fault(why, "", "out of memory");
	}
	return e;
}

/* A row of a pull page or a conflict: checked against the kind table. */
static enum sx_err record_from_json(json_t *o, struct sx_record **out,
				    struct sx_error *err)
{
	struct protocol_fault why;
	enum sx_err e = protocol_record_decode(o, PROTOCOL_ROW_PULLED, out,
					       &why);

	if (e == SX_NOMEM)
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	if (e)
		return sx_error_set(err, SX_INVALID, "",
				    "Máy chủ gửi bản ghi sai",
				    "protocol: row: %s", why.reason);
	return SX_OK;
}

enum sx_err protocol_record_parse(const char *text, struct sx_record **out,
				  struct sx_error *err)
{
	json_t *root;
	enum sx_err e;

	*out = NULL;
	if (!(root = load(text, strlen(text), err)))
		return err ? err->code : SX_INVALID;
	e = record_from_json(root, out, err);
	json_decref(root);
	return e;
}

/* ---- push ---------------------------------------------------------------- */

char *protocol_push_encode(const char *client_id,
			   const struct protocol_push_item *items, int n,
			   size_t *len)
{
	json_t *root = json_object(), *changes = json_array();
	char *s = NULL;

	if (!root || !changes)
		goto done;
	for (int i = 0; i < n; i++) {
		json_t *c = record_json(items[i].rec, 0);
		if (!c || json_object_set_new(c, "change_id",
				json_string(items[i].change_id)) ||
		    json_array_append_new(changes, c))
			goto done;
	}
	if (json_object_set_new(root, "client_id", json_string(client_id)) ||
	    json_object_set(root, "changes", changes))
		goto done;
	s = json_dumps(root, JSON_COMPACT);
	if (s && len)
		*len = strlen(s);
done:
	json_decref(changes);
	json_decref(root);
	return s;
}

void protocol_push_results_free(struct protocol_push_result *r, int n)
{
	if (!r)
		return;
	for (int i = 0; i < n; i++)
		record_free(r[i].server);
	free(r);
}

static enum sx_err push_result(json_t *o, const char *expect_id,
			       struct protocol_push_result *r,
			       struct sx_error *err)
{
	char outcome[16];

	if (!json_is_object(o))
		return bad(err, "push result is not an object");
	if (get_str(o, "change_id", r->change_id, sizeof r->change_id) != 1 ||
	    strcasecmp(r->change_id, expect_id))
		return bad(err, "push results do not match the changes sent");
	if (get_str(o, "result", outcome, sizeof outcome) != 1)
		return bad(err, "push result without a result");
	if (!strcmp(outcome, "applied") || !strcmp(outcome, "duplicate")) {
		r->outcome = outcome[0] == 'a' ? PROTOCOL_APPLIED
					       : PROTOCOL_DUPLICATE;
		if (get_int(o, "rev", &r->rev) || r->rev <= 0)
			return bad(err, "applied change without a valid rev");
	} else if (!strcmp(outcome, "conflict")) {
		enum sx_err e;
		r->outcome = PROTOCOL_CONFLICT;
		if (get_int(o, "rev", &r->rev) || r->rev <= 0)
			return bad(err, "conflict without a valid rev");
		e = record_from_json(json_object_get(o, "server"), &r->server,
				     err);
		if (e)
			return e;
	} else if (!strcmp(outcome, "rejected")) {
		r->outcome = PROTOCOL_REJECTED;
		if (get_str(o, "field", r->field, sizeof r->field) < 0)
			r->field[0] = '\0';
		if (get_str(o, "reason", r->reason, sizeof r->reason) < 0) {
			json_t *v = json_object_get(o, "reason");
			/* a long reason is cut, not refused */
			snprintf(r->reason, sizeof r->reason, "%s",
				 json_is_string(v) ? json_string_value(v)
						   : "rejected");
		}
		if (!r->reason[0])
			snprintf(r->reason, sizeof r->reason, "rejected");
	} else {
		return bad(err, "unknown push result");
	}
	return SX_OK;
}

enum sx_err protocol_push_decode(const char *body, size_t len,
				 const char *const *ids, int n,
				 struct protocol_push_result **out,
				 struct sx_error *err)
{
	json_t *root, *results;
	struct protocol_push_result *r;
	enum sx_err e = SX_OK;

	*out = NULL;
	if (!(root = load(body, len, err)))
		return err ? err->code : SX_INVALID;
	results = json_object_get(root, "results");
	if (!json_is_array(results) || json_array_size(results) != (size_t)n) {
		json_decref(root);
		return bad(err, "push answer has not one result per change");
	}
	if (!(r = calloc(n ? (size_t)n : 1, sizeof *r))) {
		json_decref(root);
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	}
	for (int i = 0; i < n && !e; i++)
		e = push_result(json_array_get(results, (size_t)i), ids[i],
				&r[i], err);
	json_decref(root);
	if (e) {
		protocol_push_results_free(r, n);
		return e;
	}
	*out = r;
	return SX_OK;
}

/* ---- pull ---------------------------------------------------------------- */

void protocol_pull_page_release(struct protocol_pull_page *page)
{
	if (!page)
		return;
	for (int i = 0; i < page->count; i++)
		record_free(page->rows[i]);
	free(page->rows);
	memset(page, 0, sizeof *page);
}

enum sx_err protocol_pull_decode(const char *body, size_t len,
				 long long since,
				 struct protocol_pull_page *out,
				 struct sx_error *err)
{
	json_t *root, *changes, *more;
	size_t n;
	long long last = since;
	enum sx_err e = SX_OK;

	memset(out, 0, sizeof *out);
	if (!(root = load(body, len, err)))
		return err ? err->code : SX_INVALID;
	changes = json_object_get(root, "changes");
	more = json_object_get(root, "more");
	if (!json_is_array(changes) || get_int(root, "next", &out->next) ||
	    (more && !json_is_boolean(more))) {
		json_decref(root);
		return bad(err, "pull answer lacks changes or next");
	}
	out->more = more && json_is_true(more);
	n = json_array_size(changes);
	if (n > 100000) {
		json_decref(root);
		return bad(err, "pull page too large");
	}
	out->rows = calloc(n ? n : 1, sizeof *out->rows);
	if (!out->rows) {
		json_decref(root);
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	}
	for (size_t i = 0; i < n && !e; i++) {
		struct sx_record *rec;
		e = record_from_json(json_array_get(changes, i), &rec, err);
		if (e)
			break;
		out->rows[out->count++] = rec;
		if (rec->server_rev <= last)
			e = bad(err, "pull rows not in rising rev order");
		last = rec->server_rev;
	}
	if (!e && (out->next < since || out->next < last))
		e = bad(err, "pull cursor goes backwards");
	if (!e && out->more && out->count == 0)
		e = bad(err, "pull says more but sent nothing");
	json_decref(root);
	if (e)
		protocol_pull_page_release(out);
	return e;
}

/* ---- reports ------------------------------------------------------------- */

char *protocol_report_encode(const char *period, int revision, int replaces,
			     const char *sha256, const char *json,
			     size_t *len)
{
	json_t *o = json_object();
	char *s = NULL;

	if (!o)
		return NULL;
	if (!json_object_set_new(o, "period", json_string(period)) &&
	    !json_object_set_new(o, "revision", json_integer(revision)) &&
	    !json_object_set_new(o, "replaces", replaces > 0 ?
				 json_integer(replaces) : json_null()) &&
	    !json_object_set_new(o, "sha256", json_string(sha256)) &&
	    !json_object_set_new(o, "json", json_string(json)))
		s = json_dumps(o, JSON_COMPACT);
	if (s && len)
		*len = strlen(s);
	json_decref(o);
	return s;
}

static int known_status(const char *s)
{
	return !strcmp(s, "sent") || !strcmp(s, "accepted") ||
	       !strcmp(s, "returned");
}

enum sx_err protocol_receipt_decode(const char *body, size_t len,
				    struct protocol_receipt *out,
				    struct sx_error *err)
{
	json_t *root, *dup;
	enum sx_err e = SX_OK;

	memset(out, 0, sizeof *out);
	if (!(root = load(body, len, err)))
		return err ? err->code : SX_INVALID;
	dup = json_object_get(root, "duplicate");
	if (get_str(root, "receipt", out->receipt, sizeof out->receipt) != 1 ||
	    get_str(root, "status", out->status, sizeof out->status) != 1 ||
	    !known_status(out->status) ||
	    get_str(root, "received_at", out->received_at,
		    sizeof out->received_at) < 0 ||
	    (dup && !json_is_boolean(dup)))
		e = bad(err, "report receipt malformed");
	out->duplicate = dup && json_is_true(dup);
	json_decref(root);
	return e;
}

enum sx_err protocol_status_decode(const char *body, size_t len,
				   struct protocol_report_status **out,
				   int *n, struct sx_error *err)
{
	json_t *root, *reports;
	struct protocol_report_status *r;
	size_t count;
	enum sx_err e = SX_OK;

	*out = NULL;
	*n = 0;
	if (!(root = load(body, len, err)))
		return err ? err->code : SX_INVALID;
	reports = json_object_get(root, "reports");
	if (!json_is_array(reports) || json_array_size(reports) > 100000) {
		json_decref(root);
		return bad(err, "report status answer lacks reports");
	}
	count = json_array_size(reports);
	if (!(r = calloc(count ? count : 1, sizeof *r))) {
		json_decref(root);
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	}
	for (size_t i = 0; i < count && !e; i++) {
		json_t *o = json_array_get(reports, i), *reason;
		long long rev;
		if (!json_is_object(o) ||
		    get_str(o, "period", r[i].period,
			    sizeof r[i].period) != 1 ||
		    get_int(o, "revision", &rev) || rev < 1 || rev > 1000000 ||
		    get_str(o, "status", r[i].status,
			    sizeof r[i].status) != 1 ||
		    !known_status(r[i].status) ||
		    get_str(o, "sha256", r[i].sha256, sizeof r[i].sha256) < 0 ||
		    get_str(o, "receipt", r[i].receipt,
			    sizeof r[i].receipt) < 0 ||
		    get_str(o, "status_at", r[i].status_at,
			    sizeof r[i].status_at) < 0) {
			e = bad(err, "report status entry malformed");
			break;
		}
		r[i].revision = (int)rev;
		reason = json_object_get(o, "reason");
		if (json_is_string(reason))
			snprintf(r[i].reason, sizeof r[i].reason, "%s",
				 json_string_value(reason));
	}
	json_decref(root);
	if (e) {
		free(r);
		return e;
	}
	*out = r;
	*n = (int)count;
	return SX_OK;
}

/* ---- reference ----------------------------------------------------------- */

static int opt_share(json_t *targets, const char *key, int *has,
		     long long *val)
{
	json_t *v = json_object_get(targets, key);

	*has = 0;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return -1;
	*has = 1;
	*val = json_integer_value(v);
	return 0;
}

/* The keys of version 2: period_rule and the plans, each checked as a
 * plan file. */
static enum sx_err reference_v2(json_t *root, struct protocol_reference *out,
				struct sx_error *err)
{
	json_t *rule = json_object_get(root, "period_rule");
	json_t *plans = json_object_get(root, "plans");
	enum sx_period_rule parsed;
	size_t i;
	json_t *p;

	if (rule && (!json_is_string(rule) ||
		     period_rule_parse(json_string_value(rule), &parsed,
				       NULL)))
		return bad(err, "reference answer: period_rule unknown");
	if (rule)
		snprintf(out->period_rule, sizeof out->period_rule, "%s",
			 json_string_value(rule));
	if (!plans)
		return SX_OK;
	if (!json_is_array(plans) || json_array_size(plans) > 1000)
		return bad(err, "reference answer: plans is not a list");
	out->has_plans = 1;
	out->plans = calloc(json_array_size(plans) + 1, sizeof *out->plans);
	out->plan_lens = calloc(json_array_size(plans) + 1,
				sizeof *out->plan_lens);
	if (!out->plans || !out->plan_lens)
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	json_array_foreach(plans, i, p) {
		struct plan checked;
		char *text = json_dumps(p, JSON_COMPACT | JSON_ENCODE_ANY);
		if (!text)
			return sx_error_set(err, SX_NOMEM, "", NULL,
					    "out of memory");
		out->plans[out->nplans] = text;
		out->plan_lens[out->nplans++] = strlen(text);
		struct sx_error perr = {0};
		if (plan_parse(text, strlen(text), &checked, &perr))
			return bad(err, "reference answer: a plan is"
				   " malformed");
		plan_release(&checked);
	}
	return SX_OK;
}

enum sx_err protocol_reference_decode(const char *body, size_t len,
				      struct protocol_reference *out,
				      struct sx_error *err)
{
	json_t *root, *targets, *district;
	enum sx_err e = SX_OK;

	memset(out, 0, sizeof *out);
	out->deadline_days = -1;
	if (!(root = load(body, len, err)))
		return err ? err->code : SX_INVALID;
	targets = json_object_get(root, "targets");
	district = json_object_get(root, "district");
	if (get_int(root, "version", &out->version) || out->version < 0 ||
	    (targets && !json_is_null(targets) && !json_is_object(targets)) ||
	    (json_is_object(targets) &&
	     (opt_share(targets, "t2_share", &out->has_t2_share,
			&out->t2_share) ||
	      opt_share(targets, "t3_share", &out->has_t3_share,
			&out->t3_share))) ||
	    (json_is_object(district) &&
	     get_str(district, "code", out->district_code,
		     sizeof out->district_code) < 0))
		e = bad(err, "reference answer malformed");
	if (!e && json_is_integer(json_object_get(root, "deadline_days")))
		out->deadline_days = json_integer_value(
			json_object_get(root, "deadline_days"));
	if (!e && out->deadline_days > 366)
		e = bad(err, "reference answer: deadline_days out of range");
	if (!e)
		e = reference_v2(root, out, err);
	json_decref(root);
	if (e)
		protocol_reference_release(out);
	return e;
}

void protocol_reference_release(struct protocol_reference *r)
{
	if (!r)
		return;
	for (int i = 0; i < r->nplans; i++)
		free(r->plans[i]);
	free(r->plans);
	free(r->plan_lens);
	r->plans = NULL;
	r->plan_lens = NULL;
	r->nplans = 0;
}

void protocol_error_decode(const char *body, size_t len, char code[32],
			   char message[256])
{
	json_t *root, *e;

	code[0] = message[0] = '\0';
	if (!body || !len)
		return;
	root = json_loadb(body, len, 0, NULL);
	if (!root)
		return;
	e = json_object_get(root, "error");
	if (json_is_object(e)) {
		json_t *c = json_object_get(e, "code");
		json_t *m = json_object_get(e, "message");
		if (json_is_string(c))
			snprintf(code, 32, "%s", json_string_value(c));
		if (json_is_string(m))
			snprintf(message, 256, "%s", json_string_value(m));
	}
	json_decref(root);
}

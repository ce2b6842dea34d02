/* submit.c — POST /v1/reports (a finalised report revision) and
 * GET /v1/reports/status (PROTOCOL.md section 4).
 *
 * A submission is idempotent per content hash: the same bytes sent again
 * get the same receipt.  A period the province accepted takes no new
 * revision, and a revision number never changes its content.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>
#include "sxsh/clock.h"
#include "sxsh/period.h"
#include "sxsh/report_intake.h"
#include "call.h"
#include "store_plan.h"
#include "token.h"

int submit_period_valid(const char *s)
{
	size_t n = strlen(s);
	if (n != 4 && n != 6)
		return 0;
	if (s[0] != '2' || s[1] != '0' || !isdigit((unsigned char)s[2]) ||
	    !isdigit((unsigned char)s[3]))
		return 0;
	return n == 4 || (s[4] == 'S' && (s[5] == '1' || s[5] == '2'));
}

static json_t *report_json(const struct store_report *r)
{
	json_t *o = json_pack("{s:s,s:I,s:o,s:s,s:s,s:s,s:o,s:s,s:o}",
			      "period", r->period,
			      "revision", (json_int_t)r->revision,
			      "replaces", r->replaces >= 0 ?
			      json_integer(r->replaces) : json_null(),
			      "sha256", r->sha256,
			      "receipt", r->receipt,
			      "status", r->status,
			      "reason", r->reason[0] ?
			      json_string(r->reason) : json_null(),
			      "received_at", r->received_at,
			      "status_at", r->status_at[0] ?
			      json_string(r->status_at) : json_null());
	return o;
}

/* Step 5 of PROTOCOL.md 4.1: the report JSON itself, whole, as the
 * consolidation reads it (core's report_intake_read), then what only the
 * server can check: the period and revision of the request, the token's
 * district and a plan the province holds.  0 and why[n] (naming the
 * first bad field) when it is refused. */
static int report_valid(struct srv_store *st, const char *text, size_t len,
			const char *period, long long revision,
			const char *district, char *why, size_t n)
{
	struct sx_report_intake r;
	struct sx_error err = {0};
	if (report_intake_read(text, len, &r, &err) != SX_OK) {
		snprintf(why, n, "%s", err.msg);
		return 0;
	}
	int ok = 0;
	if (strcmp(r.head.period, period) != 0)
		snprintf(why, n, "report: period differs from %s", period);
	else if (strcmp(r.head.district_code, district) != 0)
		snprintf(why, n, "report: district.code is not %s", district);
	else if (r.head.revision != revision)
		snprintf(why, n, "report: revision differs from %lld",
			 revision);
	else
		ok = 1;
	if (ok && r.plan_code[0]) {
		struct plan p;
		if (store_plan_get(st, r.plan_code, 0, &p, NULL, &err) != SX_OK) {
			snprintf(why, n, "report: plan.code %s is not a plan of"
				 " the province", r.plan_code);
			ok = 0;
		} else if (r.plan_version > p.version) {
			snprintf(why, n, "report: plan.version %lld of %s is"
				 " not known to the province", r.plan_version,
				 r.plan_code);
			ok = 0;
		}
		plan_release(&p);
	}
	report_intake_release(&r);
	return ok;
}

/* Today in Vietnam (UTC+7) by the server's clock. */
static void today_vn(char out[11])
{
	char now[21];
	struct tm tm = {0};
	sx_now_utc(now);
	snprintf(out, 11, "%.10s", now);
	if (!strptime(now, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return;
	time_t t = timegm(&tm) + 7 * 3600;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* 1 when the period's last day (calendar, the province's rule) has not
 * passed by the server's clock; first[11] gets the first day a report
 * of it may come. */
static int period_open(const char *period, char first[11])
{
	struct sx_period p;
	char today[11];
	if (period_parse(period, SX_RULE_CALENDAR, &p, NULL) != SX_OK)
		return 0;
	period_add_days(p.end, 1, first);
	today_vn(today);
	return strcmp(today, p.end) <= 0;
}

void submit_handle(struct srv_call *c)
{
	json_t *b = c->body;
	if (!json_is_object(b)) {
		call_error(c, 400, "bad_request", "body: expected an object");
		return;
	}
	const char *period = json_string_value(json_object_get(b, "period"));
	json_t *jrev = json_object_get(b, "revision");
	json_t *jrep = json_object_get(b, "replaces");
	const char *sha = json_string_value(json_object_get(b, "sha256"));
	json_t *jtext = json_object_get(b, "json");
	if (!period || !submit_period_valid(period)) {
		call_error(c, 400, "bad_request",
			   "period: expected YYYYS1, YYYYS2 or YYYY");
		return;
	}
	if (!json_is_integer(jrev) || json_integer_value(jrev) < 1 ||
	    json_integer_value(jrev) > 1000000) {
		call_error(c, 400, "bad_request",
			   "revision: expected an integer >= 1");
		return;
	}
	if (jrep && !json_is_null(jrep) &&
	    (!json_is_integer(jrep) || json_integer_value(jrep) < 1)) {
		call_error(c, 400, "bad_request",
			   "replaces: expected null or an integer >= 1");
		return;
	}
	char want[65];
	size_t i = 0;
	for (; sha && sha[i] && i < 64 && isxdigit((unsigned char)sha[i]); i++)
		want[i] = (char)tolower((unsigned char)sha[i]);
	want[i] = '\0';
	if (!sha || i != 64 || sha[64]) {
		call_error(c, 400, "bad_request",
			   "sha256: expected 64 hex digits");
		return;
	}
	if (!json_is_string(jtext) || json_string_length(jtext) == 0) {
		call_error(c, 400, "bad_request",
			   "json: expected the report as a string");
		return;
	}
	const char *text = json_string_value(jtext);
	size_t text_len = json_string_length(jtext);
	char got[65];
	token_sha256_hex(text, text_len, got);
	if (strcmp(got, want) != 0) {
		call_error(c, 422, "invalid_report",
			   "sha256 does not match the report's bytes");
		return;
	}
	long long revision = json_integer_value(jrev);
	long long replaces = json_is_integer(jrep) ?
		json_integer_value(jrep) : -1;
	const char *district = c->district->code;

	struct sx_error err = {0};
	struct store_report r = {0};
	if (store_begin(c->st, &err) != SX_OK) {
		call_error(c, 500, "internal", "%s", err.msg);
		return;
	}
	enum sx_err rc = store_report_by_hash(c->st, district, want, &r, &err);
	if (rc == SX_OK) {
		store_rollback(c->st);
		call_reply(c, 200, json_pack("{s:s,s:s,s:s,s:b}",
					     "receipt", r.receipt,
					     "status", r.status,
					     "received_at", r.received_at,
					     "duplicate", 1));
		return;
	}
	if (rc != SX_NOTFOUND)
		goto db_fail;
	char why[256], first[11];
	if (period_open(period, first)) {
		store_rollback(c->st);
		call_error(c, 422, "period_open",
			   "period %s has not ended; its report can be sent"
			   " from %s", period, first);
		return;
	}
	if (!report_valid(c->st, text, text_len, period, revision, district,
			  why, sizeof why)) {
		store_rollback(c->st);
		call_error(c, 422, "invalid_report", "%s", why);
		return;
	}
	int accepted = 0;
	if (store_report_period_accepted(c->st, district, period, &accepted,
					 &err) != SX_OK)
		goto db_fail;
	if (accepted) {
		store_rollback(c->st);
		call_error(c, 409, "period_accepted",
			   "the province has accepted a revision of %s;"
			   " it takes no new revision", period);
		return;
	}
	rc = store_report_by_revision(c->st, district, period, revision, &r,
				      &err);
	if (rc == SX_OK) {
		store_rollback(c->st);
		call_error(c, 409, "revision_exists",
			   "revision %lld of %s exists with other content",
			   revision, period);
		return;
	}
	if (rc != SX_NOTFOUND)
		goto db_fail;
	if (replaces >= revision) {
		store_rollback(c->st);
		call_error(c, 409, "replaces_invalid",
			   "replaces %lld is not an earlier revision",
			   replaces);
		return;
	}
	memset(&r, 0, sizeof r);
	snprintf(r.district, sizeof r.district, "%s", district);
	snprintf(r.period, sizeof r.period, "%s", period);
	r.revision = revision;
	r.replaces = replaces;
	memcpy(r.sha256, want, sizeof r.sha256);
	r.json = (char *)text;
	if (store_report_insert(c->st, &r, &err) != SX_OK)
		goto db_fail;
	if (store_commit(c->st, &err) != SX_OK) {
		call_error(c, 500, "internal", "%s", err.msg);
		return;
	}
	call_reply(c, 201, json_pack("{s:s,s:s,s:s,s:b}", "receipt",
				     r.receipt, "status", r.status,
				     "received_at", r.received_at,
				     "duplicate", 0));
	return;
db_fail:
	store_rollback(c->st);
	call_error(c, 500, "internal", "%s", err.msg);
}

static enum sx_err add_report(const struct store_report *r, void *arg)
{
	json_t *o = report_json(r);
	if (!o)
		return SX_NOMEM;
	json_array_append_new(arg, o);
	return SX_OK;
}

void submit_status(struct srv_call *c)
{
	const char *period = c->query ? c->query(c->query_ctx, "period") :
		NULL;
	if (period && !submit_period_valid(period)) {
		call_error(c, 400, "bad_request",
			   "period: expected YYYYS1, YYYYS2 or YYYY");
		return;
	}
	json_t *list = json_array();
	struct sx_error err = {0};
	if (!list) {
		call_error(c, 500, "internal", "out of memory");
		return;
	}
	if (store_begin(c->st, &err) != SX_OK) {
		json_decref(list);
		call_error(c, 500, "internal", "%s", err.msg);
		return;
	}
	enum sx_err rc = store_report_each(c->st, c->district->code, period,
					   0, add_report, list, &err);
	store_rollback(c->st);
	if (rc != SX_OK) {
		json_decref(list);
		call_error(c, 500, "internal", "%s", err.msg);
		return;
	}
	call_reply(c, 200, json_pack("{s:o}", "reports", list));
}

/* reference.c — GET /v1/reference (the plans, the district's shares, the
 * report deadline and period rule) and GET /v1/me (PROTOCOL.md sections
 * 5 and 6).
 *
 * Two versions of the answer: version 1 (no ?v, for clients before plans
 * were data) with the one plan of Decision 3182 in its old shape, and
 * version 2 (?v=2) adding every plan the province holds with its version
 * and this district's shares.  Both come from the store; anything the
 * province changes bumps ref_version.
 */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "sxsh/clock.h"
#include "call.h"
#include "store_plan.h"

/* The version-1 "plan" object: the shipped plan, which is all such a
 * client can use (it ignores the object anyway). */
static json_t *plan_v1(struct srv_store *st)
{
	struct plan p;
	struct sx_error err = {0};
	double t1 = 0, t2 = 0, t3 = 0, t4 = 0;
	if (store_plan_for_day(st, "2016-01-01", &p, &err) != SX_OK)
		return json_null();
	plan_target_of(&p, "T1", &t1);
	plan_target_of(&p, "T2", &t2);
	plan_target_of(&p, "T3", &t3);
	plan_target_of(&p, "T4", &t4);
	json_t *o = json_pack("{s:s,s:s,s:s,s:f,s:I,s:I,s:f}",
			      "code", p.code, "start_date", p.start,
			      "end_date", p.end, "t1_target", t1,
			      "t2_province", (json_int_t)t2,
			      "t3_province", (json_int_t)t3, "t4_target", t4);
	plan_release(&p);
	return o ? o : json_null();
}

struct plans_v2 {
	const struct store_district *district;
	json_t *list;
};

/* One plan for one district: the plan in its file's canonical form with
 * its version, district_shares narrowed to this district's own. */
static enum sx_err add_plan(const struct plan *p, void *arg)
{
	struct plans_v2 *v = arg;
	struct plan mine = *p;
	struct plan_share own[PLAN_MAX_TARGETS];
	mine.nshares = 0;
	mine.shares = own;
	for (int i = 0; i < p->nshares && mine.nshares < PLAN_MAX_TARGETS;
	     i++)
		if (strcmp(p->shares[i].district, v->district->code) == 0)
			own[mine.nshares++] = p->shares[i];
	char *text = plan_to_json(&mine, 1);
	json_t *o = text ? json_loads(text, 0, NULL) : NULL;
	free(text);
	if (!o || json_array_append_new(v->list, o))
		return SX_NOMEM;
	return SX_OK;
}

void reference_handle(struct srv_call *c)
{
	const struct store_district *d = c->district;
	const char *v = c->query ? c->query(c->query_ctx, "v") : NULL;
	struct sx_error err = {0};
	if (v && strcmp(v, "1") != 0 && strcmp(v, "2") != 0) {
		call_error(c, 400, "bad_request",
			   "reference version must be 1 or 2");
		return;
	}
	int v2 = v && strcmp(v, "2") == 0;
	if (store_begin(c->st, &err) != SX_OK) {
		call_error(c, 500, "internal", "%s", err.msg);
		return;
	}
	long long version = store_meta_int(c->st, "ref_version", 1);
	long long days = store_meta_int(c->st, "deadline_days", 15);
	json_t *plan = plan_v1(c->st);
	struct plans_v2 plans = {d, v2 ? json_array() : NULL};
	enum sx_err rc = SX_OK;
	if (v2)
		rc = plans.list ? store_plan_each(c->st, add_plan, &plans, &err) :
			SX_NOMEM;
	store_rollback(c->st);
	if (rc != SX_OK) {
		json_decref(plan);
		json_decref(plans.list);
		call_error(c, 500, "internal", "reading plans: %s", err.msg);
		return;
	}
	json_t *targets = json_pack("{s:o,s:o}",
				    "t2_share", d->t2_share >= 0 ?
				    json_integer(d->t2_share) : json_null(),
				    "t3_share", d->t3_share >= 0 ?
				    json_integer(d->t3_share) : json_null());
	json_t *reply = json_pack("{s:I,s:{s:s,s:s},s:o,s:o,s:I}",
				  "version", (json_int_t)version,
				  "district", "code", d->code,
				  "name", d->name,
				  "plan", plan, "targets", targets,
				  "deadline_days", (json_int_t)days);
	if (reply && v2) {
		json_object_set_new(reply, "reference", json_integer(2));
		json_object_set_new(reply, "period_rule",
				    json_string("calendar"));
		json_object_set_new(reply, "plans", plans.list);
		plans.list = NULL;
	}
	json_decref(plans.list);
	call_reply(c, 200, reply);
}

void reference_me(struct srv_call *c)
{
	char now[21];
	sx_now_utc(now);
	call_reply(c, 200, json_pack("{s:{s:s,s:s},s:i,s:s}",
				     "district", "code", c->district->code,
				     "name", c->district->name,
				     "protocol", 1, "server_time", now));
}

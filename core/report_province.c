/* report_province.c — the province's consolidated report
 * (report_province.h).  Each district report is read whole by
 * report_intake_read; its figures are summed with indicators_add and
 * the rates recomputed from the sums when written.  Whatever describes
 * the report (plan, targets, deadline, days, factors, names) is the
 * province's, given by the caller: a district cannot move the province's
 * deadline or targets by what it writes in its own report.
 */
#include <stdio.h>
#include <string.h>
#include <jansson.h>
#include "sxsh/crypto.h"
#include "report_internal.h"
#include "sxsh/report.h"
#include "sxsh/report_intake.h"
#include "sxsh/report_province.h"

/* Annex rows of one district, each with the district's name first. */
static int append_annex(json_t *dst, const json_t *rows, const char *name)
{
	size_t i;
	json_t *row;
	int bad = 0;

	json_array_foreach(rows, i, row) {
		json_t *r = json_object();
		const char *k;
		json_t *v;
		bad |= !r;
		bad |= json_object_set_new(r, "district", json_string(name));
		json_object_foreach(row, k, v)
			if (strcmp(k, "district") != 0)
				bad |= json_object_set(r, k, v);
		bad |= json_array_append_new(dst, r);
	}
	return bad;
}

static int copy_key(json_t *dst, const json_t *src, const char *key)
{
	json_t *v = json_object_get(src, key);
	return json_object_set_new(dst, key, v ? json_deep_copy(v) :
				   json_null());
}

/* Reads one district's report; 0 when it is set aside (why filled). */
static int read_district(const struct sx_province_ref *ref,
			 struct sx_province_district *d,
			 struct sx_report_intake *r)
{
	struct sx_error err = {0};
	if (report_intake_read(d->json ? d->json : "", d->json ? d->len : 0,
			       r, &err) != SX_OK) {
		snprintf(d->why, sizeof d->why, "%s", err.msg);
	} else if (strcmp(r->head.period, ref->period) != 0) {
		snprintf(d->why, sizeof d->why, "report of %s, not %s",
			 r->head.period, ref->period);
		report_intake_release(r);
	} else if (strcmp(r->head.district_code, d->code) != 0) {
		snprintf(d->why, sizeof d->why, "report of district %.8s",
			 r->head.district_code);
		report_intake_release(r);
	} else {
		return 1;
	}
	d->unreadable = 1;
	return 0;
}

static json_t *district_entry(const struct sx_province_district *d,
			      const struct sx_report_intake *r)
{
	const json_t *ind = json_object_get(r->doc, "indicators");
	json_t *entry = json_object();
	char sha[65];
	int bad = !entry;

	crypto_sha256_hex(d->json, d->len, sha);
	bad |= json_object_set_new(entry, "code", json_string(d->code));
	bad |= json_object_set_new(entry, "name", json_string(d->name));
	bad |= json_object_set_new(entry, "revision",
				   json_integer(r->head.revision));
	bad |= json_object_set_new(entry, "sha256", json_string(sha));
	bad |= copy_key(entry, ind, "T1");
	bad |= copy_key(entry, ind, "T2");
	bad |= copy_key(entry, ind, "T3");
	bad |= copy_key(entry, ind, "T4");
	if (bad) {
		json_decref(entry);
		return NULL;
	}
	return entry;
}

/* The plan's targets over the sum: the province's T2/T3 target is its
 * total; without a plan there is no target at all. */
static void set_targets(struct sx_indicators *sum, const struct plan *p)
{
	double v;
	sum->t1.target = p && plan_target_of(p, "T1", &v) ? v : -1;
	sum->t4.target = p && plan_target_of(p, "T4", &v) ? v : -1;
	sum->t2.province_total = p && plan_target_of(p, "T2", &v) ?
		(long long)v : -1;
	sum->t3.province_total = p && plan_target_of(p, "T3", &v) ?
		(long long)v : -1;
	sum->t2.target = sum->t2.province_total;
	sum->t3.target = sum->t3.province_total;
}

static json_t *plan_json(const struct plan *p)
{
	if (!p)
		return json_null();
	return json_pack("{s:s,s:s,s:I,s:s,s:s}", "code", p->code,
			 "title", p->title, "version", (json_int_t)p->version,
			 "start", p->start, "end", p->end);
}

static json_t *head_json(const struct sx_province_ref *ref)
{
	json_t *doc = json_object(), *nar = json_object();
	static const char *const narrative[] = {"results", "difficulties",
						"proposals"};
	int bad = !doc || !nar;

	for (int i = 0; i < 3; i++)
		bad |= json_object_set_new(nar, narrative[i], json_string(""));
	bad |= json_object_set_new(doc, "schema",
				   json_string(SX_REPORT_SCHEMA));
	bad |= json_object_set_new(doc, "level", json_string("province"));
	bad |= json_object_set_new(doc, "district",
				   json_pack("{s:s,s:s}", "code", ref->code,
					     "name", ref->name));
	bad |= json_object_set_new(doc, "period", json_string(ref->period));
	bad |= json_object_set_new(doc, "period_rule",
				   json_string(ref->period_rule));
	bad |= json_object_set_new(doc, "period_start",
				   json_string(ref->period_start));
	bad |= json_object_set_new(doc, "period_end",
				   json_string(ref->period_end));
	bad |= json_object_set_new(doc, "deadline", ref->deadline[0] ?
				   json_string(ref->deadline) : json_null());
	bad |= json_object_set_new(doc, "plan", plan_json(ref->plan));
	bad |= json_object_set_new(doc, "revision", json_integer(1));
	bad |= json_object_set_new(doc, "replaces", json_null());
	bad |= json_object_set_new(doc, "factors",
				   report_json_factors(ref->factors));
	bad |= json_object_set_new(doc, "narrative", nar);
	nar = NULL;
	if (bad) {
		json_decref(nar);
		json_decref(doc);
		return NULL;
	}
	return doc;
}

enum sx_err report_consolidate(const struct sx_province_ref *ref,
			       struct sx_province_district *districts, int n,
			       char **json, size_t *len,
			       struct sx_error *err)
{
	struct sx_indicators sum;
	json_t *doc = head_json(ref), *list = json_array(),
	       *as = json_array(), *ev = json_array();
	enum sx_err e = SX_OK;
	int bad = !doc || !list || !as || !ev;

	*json = NULL;
	indicators_init(&sum);
	for (int i = 0; !bad && !e && i < n; i++) {
		struct sx_province_district *d = &districts[i];
		struct sx_report_intake r;
		d->unreadable = 0;
		d->why[0] = '\0';
		if (!read_district(ref, d, &r))
			continue;
		const json_t *an = json_object_get(r.doc, "annexes");
		e = indicators_add(&sum, &r.ind, err);
		json_t *entry = e ? NULL : district_entry(d, &r);
		bad |= !e && !entry;
		bad |= json_array_append_new(list, entry);
		bad |= append_annex(as, json_object_get(an, "assessments"),
				    d->name);
		bad |= append_annex(ev, json_object_get(an, "events"),
				    d->name);
		report_intake_release(&r);
	}
	set_targets(&sum, ref->plan);
	if (!e && !bad) {
		bad |= json_object_set_new(doc, "indicators",
					   report_json_indicators(&sum));
		bad |= json_object_set_new(doc, "annexes",
					   json_pack("{s:o,s:o}",
						     "assessments", as,
						     "events", ev));
		as = ev = NULL;  /* owned by doc now */
		bad |= json_object_set_new(doc, "districts", list);
		list = NULL;     /* owned by doc now */
	}
	if (!e && bad)
		e = sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	if (!e)
		e = report_json_dump(doc, json, len, err);
	json_decref(doc);
	json_decref(list);
	json_decref(as);
	json_decref(ev);
	indicators_release(&sum);
	return e;
}

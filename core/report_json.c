/* report_json.c — the indicators as canonical JSON, and back.
 *
 * Objects are built key by key in a fixed order and serialised with
 * JSON_PRESERVE_ORDER, so the order is part of the format.  No JSON real
 * is ever written: decimals become strings with a fixed number of places
 * (precision per quantity below), which makes the bytes independent of
 * the float printer.  Reading back accepts exactly what is written.
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "report_internal.h"

/* Places per quantity. */
enum { DP_KWH = 1, DP_T = 3, DP_M3 = 1, DP_TOE = 3, DP_CO2 = 3,
       DP_TARGET = 2, DP_SEC = 3 };

json_t *report_json_decimal(double v, int decimals)
{
	char buf[64];

	if (!isfinite(v))
		v = 0;
	snprintf(buf, sizeof buf, "%.*f", decimals, v);
	if (buf[0] == '-') {  /* "-0.000" is zero: write it as zero */
		int zero = 1;
		for (const char *c = buf + 1; *c; c++)
			if (*c != '0' && *c != '.')
				zero = 0;
		if (zero)
			memmove(buf, buf + 1, strlen(buf));
	}
	return json_string(buf);
}

/* Sets key; returns nonzero when o or v is NULL (out of memory), which
 * the builders OR together and check once per object. */
static int put(json_t *o, const char *key, json_t *v)
{
	return json_object_set_new(o, key, v);
}

/* o once every put into it succeeded; otherwise NULL, o freed. */
static json_t *finish(json_t *o, int bad)
{
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *rate_value(const struct sx_ratio *r)
{
	char buf[32];

	indicators_rate(r, buf);
	return buf[0] ? json_string(buf) : json_null();
}

static json_t *ratio_json(const struct sx_ratio *r)
{
	json_t *o = json_object();
	int bad = !o;

	bad |= put(o, "numerator", json_integer(r->numerator));
	bad |= put(o, "denominator", json_integer(r->denominator));
	bad |= put(o, "rate", rate_value(r));
	/* No target (-1): the period belongs to no plan. */
	bad |= put(o, "target", r->target < 0 ? json_null() :
		   report_json_decimal(r->target, DP_TARGET));
	return finish(o, bad);
}

static json_t *count_target_json(const struct sx_count_target *c)
{
	json_t *o = json_object();
	int bad = !o;

	bad |= put(o, "period", json_integer(c->period));
	bad |= put(o, "cumulative", json_integer(c->cumulative));
	bad |= put(o, "target", c->target < 0 ? json_null() :
		   json_integer(c->target));
	bad |= put(o, "province_total", c->province_total < 0 ? json_null() :
		   json_integer(c->province_total));
	return finish(o, bad);
}

static json_t *facilities_json(const struct sx_indicators *ind)
{
	json_t *o = json_object(), *kinds = json_object(),
	       *sectors = json_array();
	int bad = !o || !kinds || !sectors;

	for (int k = 0; !bad && k < SX_FKIND_N; k++)
		bad |= put(kinds, indicators_fkind_keys[k],
			   json_integer(ind->facilities_by_kind[k]));
	for (int i = 0; !bad && i < ind->nsectors; i++) {
		json_t *s = json_object();
		bad |= !s;
		bad |= put(s, "code", json_string(ind->sectors[i].code));
		bad |= put(s, "name", json_string(ind->sectors[i].name));
		bad |= put(s, "count", json_integer(ind->sectors[i].count));
		bad |= json_array_append_new(sectors, s);
	}
	bad |= put(o, "total", json_integer(ind->facilities_total));
	bad |= put(o, "cp_potential",
		   json_integer(ind->facilities_cp_potential));
	bad |= put(o, "by_kind", kinds);
	bad |= put(o, "by_sector", sectors);
	return finish(o, bad);
}

static json_t *event_stats_json(const void *item)
{
	const struct sx_event_stats *es = item;
	json_t *o = json_object(), *f = json_object();
	int bad = !o || !f;

	for (int i = 0; !bad && i < SX_FUNDING_N; i++)
		bad |= put(f, indicators_funding_keys[i],
			   json_integer(es->cost_by_funding[i]));
	bad |= put(o, "count", json_integer(es->count));
	bad |= put(o, "participants", json_integer(es->participants));
	bad |= put(o, "facilities_reached",
		   json_integer(es->facilities_reached));
	bad |= put(o, "cost_vnd", json_integer(es->cost_vnd));
	bad |= put(o, "cost_by_funding", f);
	return finish(o, bad);
}

struct reader;

/* Figures kept per key of a table and in total (events by type, solutions
 * by technique): n items of size bytes, written and read back by one
 * function each. */
struct breakdown {
	const char *by;
	const char *const *keys;
	int n;
	size_t size;
	json_t *(*write)(const void *item);
	void (*read)(struct reader *r, const json_t *o, void *item);
};

static void rd_event_stats(struct reader *r, const json_t *o, void *item);
static void rd_savings(struct reader *r, const json_t *o, void *item);
static json_t *savings_json(const void *item);

static const struct breakdown events_breakdown = {
	"by_type", indicators_evtype_keys, SX_EVTYPE_N,
	sizeof(struct sx_event_stats), event_stats_json, rd_event_stats,
};

static const struct breakdown solutions_breakdown = {
	"by_technique", indicators_technique_keys, SX_TECHNIQUE_N,
	sizeof(struct sx_savings), savings_json, rd_savings,
};

/* {by: {keys[i]: write(items[i])}, "total": write(total)} */
static json_t *breakdown_json(const struct breakdown *b, const void *items,
			      const void *total)
{
	json_t *o = json_object(), *parts = json_object();
	int bad = !o || !parts;

	for (int i = 0; !bad && i < b->n; i++)
		bad |= put(parts, b->keys[i],
			   b->write((const char *)items + i * b->size));
	bad |= put(o, b->by, parts);
	bad |= put(o, "total", b->write(total));
	return finish(o, bad);
}

/* A member of a figures struct in the JSON: a long long count when dp is
 * negative, otherwise a double written with dp decimal places. */
struct member {
	const char *key;
	size_t offset;
	int dp;
};

#define SAVING(m, dp) {#m, offsetof(struct sx_savings, m), dp}
static const struct member savings_members[] = {
	SAVING(implemented, -1), SAVING(implemented_period, -1),
	SAVING(investment_vnd, -1), SAVING(saving_vnd, -1),
	SAVING(kwh, DP_KWH), SAVING(coal_t, DP_T), SAVING(oil_t, DP_T),
	SAVING(biomass_t, DP_T), SAVING(water_m3, DP_M3),
	SAVING(materials_t, DP_T), SAVING(toe, DP_TOE), SAVING(co2_t, DP_CO2),
};
#undef SAVING
#define SAVINGS_MEMBERS (sizeof savings_members / sizeof savings_members[0])

static json_t *members_json(const struct member *m, size_t n,
			    const void *item)
{
	json_t *o = json_object();
	int bad = !o;

	for (size_t i = 0; !bad && i < n; i++) {
		const char *at = (const char *)item + m[i].offset;
		double d;
		long long v;
		if (m[i].dp < 0) {
			memcpy(&v, at, sizeof v);
			bad |= put(o, m[i].key, json_integer(v));
		} else {
			memcpy(&d, at, sizeof d);
			bad |= put(o, m[i].key,
				   report_json_decimal(d, m[i].dp));
		}
	}
	return finish(o, bad);
}

static json_t *savings_json(const void *item)
{
	return members_json(savings_members, SAVINGS_MEMBERS, item);
}

/* a / b as a decimal string, or null when b is 0. */
static json_t *quotient(double a, double b, int decimals)
{
	if (b <= 0)
		return json_null();
	return report_json_decimal(a / b, decimals);
}

static json_t *consumption_json(const struct sx_consumption *c)
{
	json_t *o = json_object();
	struct sx_ratio cov = {c->facilities_with_data, c->facilities_active,
			       0};
	int bad = !o;

	bad |= put(o, "year", json_integer(c->year));
	bad |= put(o, "facilities_active", json_integer(c->facilities_active));
	bad |= put(o, "facilities_with_data",
		   json_integer(c->facilities_with_data));
	bad |= put(o, "coverage", rate_value(&cov));
	bad |= put(o, "electricity_kwh",
		   report_json_decimal(c->electricity_kwh, DP_KWH));
	bad |= put(o, "coal_t", report_json_decimal(c->coal_t, DP_T));
	bad |= put(o, "oil_t", report_json_decimal(c->oil_t, DP_T));
	bad |= put(o, "biomass_t", report_json_decimal(c->biomass_t, DP_T));
	bad |= put(o, "water_m3", report_json_decimal(c->water_m3, DP_M3));
	bad |= put(o, "materials_t",
		   report_json_decimal(c->materials_t, DP_T));
	bad |= put(o, "output_t", report_json_decimal(c->output_t, DP_T));
	bad |= put(o, "toe", report_json_decimal(c->toe, DP_TOE));
	bad |= put(o, "facilities_with_output",
		   json_integer(c->facilities_with_output));
	bad |= put(o, "sec_output_t",
		   report_json_decimal(c->sec_output_t, DP_T));
	bad |= put(o, "sec_toe", report_json_decimal(c->sec_toe, DP_TOE));
	bad |= put(o, "sec_kwh", report_json_decimal(c->sec_kwh, DP_KWH));
	/* kilograms of oil equivalent and kWh per tonne of product */
	bad |= put(o, "kgoe_per_t",
		   quotient(c->sec_toe * 1000.0, c->sec_output_t, DP_SEC));
	bad |= put(o, "kwh_per_t",
		   quotient(c->sec_kwh, c->sec_output_t, DP_SEC));
	return finish(o, bad);
}

json_t *report_json_indicators(const struct sx_indicators *ind)
{
	json_t *o = json_object();
	int bad = !o;

	bad |= put(o, "T1", ratio_json(&ind->t1));
	bad |= put(o, "T2", count_target_json(&ind->t2));
	bad |= put(o, "T3", count_target_json(&ind->t3));
	bad |= put(o, "T4", ratio_json(&ind->t4));
	bad |= put(o, "facilities", facilities_json(ind));
	bad |= put(o, "events", breakdown_json(&events_breakdown, ind->events,
						&ind->events_total));
	bad |= put(o, "solutions", breakdown_json(&solutions_breakdown,
						  ind->solutions,
						  &ind->solutions_total));
	bad |= put(o, "consumption", consumption_json(&ind->consumption));
	return finish(o, bad);
}

json_t *report_json_factors(const struct sx_factors *f)
{
	json_t *o = json_object();
	int bad = !o;

	bad |= put(o, "toe_per_kwh", report_json_decimal(f->toe_kwh, 7));
	bad |= put(o, "toe_per_t_coal", report_json_decimal(f->toe_coal_t, 4));
	bad |= put(o, "toe_per_t_oil", report_json_decimal(f->toe_oil_t, 4));
	bad |= put(o, "toe_per_t_biomass",
		   report_json_decimal(f->toe_biomass_t, 4));
	bad |= put(o, "grid_t_co2_per_mwh",
		   report_json_decimal(f->grid_t_co2_per_mwh, 4));
	bad |= put(o, "grid_year", f->grid_year ? json_integer(f->grid_year)
		   : json_null());
	return finish(o, bad);
}

enum sx_err report_json_dump(const json_t *doc, char **out, size_t *len,
			     struct sx_error *err)
{
	char *s = json_dumps(doc, REPORT_JSON_FLAGS);

	if (!s)
		return sx_error_set(err, SX_NOMEM, "", NULL,
				    "serialising report json failed");
	*out = s;
	if (len)
		*len = strlen(s);
	return SX_OK;
}

/* ---- reading back ----------------------------------------------------- */

struct reader {
	struct sx_error *err;
	const char *where;     /* the object being read, for the message */
	int bad;
};

/* Names the key at fault in err->field ("T1.numerator"), for the
 * province's answer to a bad report. */
static void name_field(struct reader *r, const char *k)
{
	if (r->err)
		snprintf(r->err->field, sizeof r->err->field, "%.12s.%.18s",
			 r->where, k);
}

static const json_t *need(struct reader *r, const json_t *o, const char *k)
{
	const json_t *v = json_is_object(o) ? json_object_get(o, k) : NULL;

	if (!v && !r->bad) {
		r->bad = 1;
		sx_error_set(r->err, SX_INVALID, "", NULL,
			     "report json: %s.%s missing", r->where, k);
		name_field(r, k);
	}
	return v;
}

/* Figures read from another office's report are bounded so that the
 * province's sums cannot overflow: 0 … 10^15 (a thousand trillion VND). */
#define FIGURE_MAX 1000000000000000LL

static long long rd_int(struct reader *r, const json_t *o, const char *k)
{
	const json_t *v = need(r, o, k);

	if (v && (!json_is_integer(v) || json_integer_value(v) < 0 ||
		  json_integer_value(v) > FIGURE_MAX)) {
		if (!r->bad)
			sx_error_set(r->err, SX_INVALID, "", NULL,
				     "report json: %s.%s is not a count "
				     "(0 to 10^15)", r->where, k);
		if (!r->bad)
			name_field(r, k);
		r->bad = 1;
		return 0;
	}
	return v ? json_integer_value(v) : 0;
}

/* An integer or null (→ -1). */
static long long rd_opt_int(struct reader *r, const json_t *o, const char *k)
{
	const json_t *v = need(r, o, k);

	if (v && json_is_null(v))
		return -1;
	return rd_int(r, o, k);
}

static double rd_dec(struct reader *r, const json_t *o, const char *k)
{
	const json_t *v = need(r, o, k);
	char *end = NULL;
	double d = 0;

	if (v && json_is_string(v)) {
		const char *s = json_string_value(v);
		d = strtod(s, &end);
		if (end != s && !*end && isfinite(d) && d >= 0 &&
		    d <= (double)FIGURE_MAX)
			return d;
	}
	if (v && !r->bad) {
		sx_error_set(r->err, SX_INVALID, "", NULL,
			     "report json: %s.%s is not a decimal string "
			     "(0 to 10^15)",
			     r->where, k);
		name_field(r, k);
		r->bad = 1;
	}
	return 0;
}

static void rd_ratio(struct reader *r, const json_t *o, struct sx_ratio *x)
{
	x->numerator = rd_int(r, o, "numerator");
	x->denominator = rd_int(r, o, "denominator");
	const json_t *t = need(r, o, "target");
	x->target = t && json_is_null(t) ? -1 : rd_dec(r, o, "target");
}

static void rd_count_target(struct reader *r, const json_t *o,
			    struct sx_count_target *x)
{
	x->period = rd_int(r, o, "period");
	x->cumulative = rd_int(r, o, "cumulative");
	x->target = rd_opt_int(r, o, "target");
	x->province_total = rd_opt_int(r, o, "province_total");
}

static void rd_event_stats(struct reader *r, const json_t *o, void *item)
{
	struct sx_event_stats *es = item;
	const json_t *f;

	es->count = rd_int(r, o, "count");
	es->participants = rd_int(r, o, "participants");
	es->facilities_reached = rd_int(r, o, "facilities_reached");
	es->cost_vnd = rd_int(r, o, "cost_vnd");
	f = need(r, o, "cost_by_funding");
	for (int i = 0; f && i < SX_FUNDING_N; i++)
		es->cost_by_funding[i] = rd_int(r, f,
						indicators_funding_keys[i]);
}

static void rd_members(struct reader *r, const json_t *o,
		       const struct member *m, size_t n, void *item)
{
	for (size_t i = 0; i < n; i++) {
		char *at = (char *)item + m[i].offset;
		if (m[i].dp < 0) {
			long long v = rd_int(r, o, m[i].key);
			memcpy(at, &v, sizeof v);
		} else {
			double d = rd_dec(r, o, m[i].key);
			memcpy(at, &d, sizeof d);
		}
	}
}

static void rd_savings(struct reader *r, const json_t *o, void *item)
{
	rd_members(r, o, savings_members, SAVINGS_MEMBERS, item);
}

static void rd_breakdown(struct reader *r, const json_t *o,
			 const struct breakdown *b, void *items, void *total)
{
	const json_t *parts = need(r, o, b->by);

	for (int i = 0; parts && i < b->n; i++)
		b->read(r, need(r, parts, b->keys[i]),
			(char *)items + i * b->size);
	b->read(r, need(r, o, "total"), total);
}

static void rd_consumption(struct reader *r, const json_t *o,
			   struct sx_consumption *c)
{
	long long year = rd_int(r, o, "year");
	c->year = year <= 9999 ? (int)year : 0;
	c->facilities_active = rd_int(r, o, "facilities_active");
	c->facilities_with_data = rd_int(r, o, "facilities_with_data");
	c->electricity_kwh = rd_dec(r, o, "electricity_kwh");
	c->coal_t = rd_dec(r, o, "coal_t");
	c->oil_t = rd_dec(r, o, "oil_t");
	c->biomass_t = rd_dec(r, o, "biomass_t");
	c->water_m3 = rd_dec(r, o, "water_m3");
	c->materials_t = rd_dec(r, o, "materials_t");
	c->output_t = rd_dec(r, o, "output_t");
	c->toe = rd_dec(r, o, "toe");
	c->facilities_with_output = rd_int(r, o, "facilities_with_output");
	c->sec_output_t = rd_dec(r, o, "sec_output_t");
	c->sec_toe = rd_dec(r, o, "sec_toe");
	c->sec_kwh = rd_dec(r, o, "sec_kwh");
}

static enum sx_err rd_sectors(struct reader *r, const json_t *arr,
			      struct sx_indicators *ind)
{
	size_t n = json_is_array(arr) ? json_array_size(arr) : 0;

	if (!n)
		return SX_OK;
	ind->sectors = calloc(n, sizeof *ind->sectors);
	if (!ind->sectors)
		return sx_error_set(r->err, SX_NOMEM, "", NULL,
				    "out of memory");
	for (size_t i = 0; i < n; i++) {
		const json_t *s = json_array_get(arr, i);
		const json_t *code = need(r, s, "code"),
			     *name = need(r, s, "name");
		struct sx_sector_count *d = &ind->sectors[i];
		snprintf(d->code, sizeof d->code, "%s",
			 json_is_string(code) ? json_string_value(code) : "");
		snprintf(d->name, sizeof d->name, "%s",
			 json_is_string(name) ? json_string_value(name) : "");
		d->count = rd_int(r, s, "count");
		ind->nsectors++;
	}
	return SX_OK;
}

enum sx_err report_json_read_indicators(const json_t *obj,
					struct sx_indicators *ind,
					struct sx_error *err)
{
	struct reader r = {err, "indicators", 0};
	const json_t *fac, *kinds;
	static const char *const ts[] = {"T1", "T2", "T3", "T4"};
	const json_t *t[4];

	indicators_release(ind);
	for (int i = 0; i < 4; i++)
		t[i] = need(&r, obj, ts[i]);
	r.where = "T1";
	rd_ratio(&r, t[0], &ind->t1);
	r.where = "T2";
	rd_count_target(&r, t[1], &ind->t2);
	r.where = "T3";
	rd_count_target(&r, t[2], &ind->t3);
	r.where = "T4";
	rd_ratio(&r, t[3], &ind->t4);

	r.where = "facilities";
	fac = need(&r, obj, "facilities");
	ind->facilities_total = rd_int(&r, fac, "total");
	ind->facilities_cp_potential = rd_int(&r, fac, "cp_potential");
	kinds = need(&r, fac, "by_kind");
	for (int k = 0; kinds && k < SX_FKIND_N; k++)
		ind->facilities_by_kind[k] =
			rd_int(&r, kinds, indicators_fkind_keys[k]);
	if (!r.bad && rd_sectors(&r, need(&r, fac, "by_sector"), ind))
		return SX_NOMEM;

	r.where = "events";
	rd_breakdown(&r, need(&r, obj, "events"), &events_breakdown,
		     ind->events, &ind->events_total);
	r.where = "solutions";
	rd_breakdown(&r, need(&r, obj, "solutions"), &solutions_breakdown,
		     ind->solutions, &ind->solutions_total);

	r.where = "consumption";
	rd_consumption(&r, need(&r, obj, "consumption"), &ind->consumption);
	if (r.bad) {
		indicators_release(ind);
		return SX_INVALID;
	}
	return SX_OK;
}

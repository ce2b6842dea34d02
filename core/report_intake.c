/* report_intake.c — a district report read and checked as the province
 * reads it (report_intake.h).  The indicators are read by the report's
 * own reader (report_json_read_indicators); this file adds the head, the
 * plan, the annexes and the relations between figures that a reader of
 * one figure cannot see.
 */
#include <stdio.h>
#include <string.h>
#include <jansson.h>
#include "report_internal.h"
#include "sxsh/period.h"
#include "sxsh/report_intake.h"

static enum sx_err bad(struct sx_error *err, const char *field,
		       const char *what)
{
	char vi[256];
	snprintf(vi, sizeof vi, "báo cáo: %s %s", field, what);
	return sx_error_set(err, SX_INVALID, field, vi, "report: %s %s",
			    field, what);
}

static int is_code(const char *s)
{
	return s && strlen(s) == 3 && strspn(s, "0123456789") == 3;
}

static enum sx_err read_head(json_t *doc, struct sx_report_intake *r,
			     struct sx_error *err)
{
	const char *schema = json_string_value(json_object_get(doc, "schema"));
	const char *level = json_string_value(json_object_get(doc, "level"));
	json_t *district = json_object_get(doc, "district");
	const char *code = json_string_value(json_object_get(district,
								"code"));
	const char *name = json_string_value(json_object_get(district,
								"name"));
	const char *period = json_string_value(json_object_get(doc, "period"));
	json_t *rev = json_object_get(doc, "revision");
	json_t *rep = json_object_get(doc, "replaces");
	struct sx_period p;

	if (!schema || strcmp(schema, SX_REPORT_SCHEMA))
		return bad(err, "schema", "is not " SX_REPORT_SCHEMA);
	if (!level || strcmp(level, "district"))
		return bad(err, "level", "is not \"district\"");
	if (!is_code(code))
		return bad(err, "district.code", "is not a 3-digit code");
	if (!name || strlen(name) >= sizeof r->head.district_name)
		return bad(err, "district.name", "is not a name");
	if (!period || period_parse(period, SX_RULE_CALENDAR, &p, NULL))
		return bad(err, "period", "is not a period like 2017S1");
	if (!json_is_integer(rev) || json_integer_value(rev) < 1 ||
	    json_integer_value(rev) > 1000000)
		return bad(err, "revision", "is not a revision number");
	if (!json_is_null(rep) && (!json_is_integer(rep) ||
				   json_integer_value(rep) < 1 ||
				   json_integer_value(rep) >=
				   json_integer_value(rev)))
		return bad(err, "replaces", "is not null or an earlier"
			   " revision");
	snprintf(r->head.schema, sizeof r->head.schema, "%s", schema);
	snprintf(r->head.level, sizeof r->head.level, "%s", level);
	snprintf(r->head.district_code, sizeof r->head.district_code, "%s",
		 code);
	snprintf(r->head.district_name, sizeof r->head.district_name, "%s",
		 name);
	snprintf(r->head.period, sizeof r->head.period, "%s", period);
	r->head.revision = (int)json_integer_value(rev);
	r->head.replaces = json_is_integer(rep) ?
		(int)json_integer_value(rep) : 0;
	return SX_OK;
}

static enum sx_err read_plan(json_t *doc, struct sx_report_intake *r,
			     struct sx_error *err)
{
	json_t *plan = json_object_get(doc, "plan");
	if (!plan)
		return bad(err, "plan", "missing");
	if (json_is_null(plan))
		return SX_OK;
	const char *code = json_string_value(json_object_get(plan, "code"));
	json_t *version = json_object_get(plan, "version");
	if (!code || !*code || strlen(code) >= sizeof r->plan_code)
		return bad(err, "plan.code", "is not a plan code");
	if (version && (!json_is_integer(version) ||
			json_integer_value(version) < 1))
		return bad(err, "plan.version", "is not a version number");
	snprintf(r->plan_code, sizeof r->plan_code, "%s", code);
	r->plan_version = version ? json_integer_value(version) : 0;
	return SX_OK;
}

/* The annexes are copied into the province's report row by row: each
 * row must be an object of plain values. */
static enum sx_err read_annexes(json_t *doc, struct sx_error *err)
{
	static const char *const lists[] = {"assessments", "events"};
	json_t *an = json_object_get(doc, "annexes");
	if (!json_is_object(an))
		return bad(err, "annexes", "is not an object");
	for (int i = 0; i < 2; i++) {
		char field[32];
		json_t *rows = json_object_get(an, lists[i]);
		size_t k;
		json_t *row;
		snprintf(field, sizeof field, "annexes.%s", lists[i]);
		if (!json_is_array(rows))
			return bad(err, field, "is not a list");
		json_array_foreach(rows, k, row) {
			const char *key;
			json_t *v;
			if (!json_is_object(row))
				return bad(err, field, "has a row that is not"
					   " an object");
			json_object_foreach(row, key, v)
				if (json_is_object(v) || json_is_array(v))
					return bad(err, field, "has a nested"
						   " value");
		}
	}
	return SX_OK;
}

static enum sx_err read_relations(const struct sx_indicators *ind,
				  struct sx_error *err)
{
	if (ind->t1.numerator > ind->t1.denominator)
		return bad(err, "T1.numerator", "is above its denominator");
	if (ind->t4.numerator > ind->t4.denominator)
		return bad(err, "T4.numerator", "is above its denominator");
	if (ind->t2.period > ind->t2.cumulative)
		return bad(err, "T2.period", "is above the cumulative count");
	if (ind->t3.period > ind->t3.cumulative)
		return bad(err, "T3.period", "is above the cumulative count");
	if (ind->facilities_cp_potential > ind->facilities_total)
		return bad(err, "facilities.cp_potential", "is above the"
			   " total");
	return SX_OK;
}

enum sx_err report_intake_read(const char *json, size_t len,
			       struct sx_report_intake *out,
			       struct sx_error *err)
{
	json_error_t jerr;
	enum sx_err e;

	memset(out, 0, sizeof *out);
	indicators_init(&out->ind);
	json_t *doc = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(doc)) {
		json_decref(doc);
		return bad(err, "json", "is not a JSON object");
	}
	e = read_head(doc, out, err);
	if (!e)
		e = read_plan(doc, out, err);
	if (!e)
		e = report_json_read_indicators(json_object_get(doc,
								"indicators"),
						&out->ind, err);
	if (!e)
		e = read_relations(&out->ind, err);
	if (!e)
		e = read_annexes(doc, err);
	if (e) {
		indicators_release(&out->ind);
		json_decref(doc);
		return e;
	}
	out->doc = doc;
	return SX_OK;
}

void report_intake_release(struct sx_report_intake *r)
{
	if (!r)
		return;
	indicators_release(&r->ind);
	json_decref(r->doc);
	r->doc = NULL;
}

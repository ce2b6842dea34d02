/* plan.c — a plan file parsed and checked, and written back as canonical
 * JSON (plan.h).  The checks are those a plan needs on its own; what
 * needs other data (overlap with other plans, known districts, accepted
 * reports) belongs to whoever holds the plans (the server's store).
 *
 * Every refusal names the key at fault in err->field and in both
 * messages, so that the province's officer can find it in the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "sxsh/period.h"
#include "sxsh/plan.h"
#include "sxsh/text.h"

static const struct {
	const char *code;
	enum plan_measure measure;
} indicators[] = {
	{"T1", PLAN_RATE}, {"T2", PLAN_COUNT}, {"T3", PLAN_COUNT},
	{"T4", PLAN_RATE},
};

/* Counts above this are typing mistakes, not targets of a province. */
#define PLAN_COUNT_MAX 100000

int plan_indicator_measure(const char *indicator, enum plan_measure *out)
{
	for (size_t i = 0; i < sizeof indicators / sizeof indicators[0]; i++)
		if (strcmp(indicators[i].code, indicator) == 0) {
			*out = indicators[i].measure;
			return 0;
		}
	return -1;
}

static enum sx_err refuse(struct sx_error *err, const char *field,
			  const char *vi, const char *en)
{
	char msg_vi[256];
	snprintf(msg_vi, sizeof msg_vi, "%s: %s", field, vi);
	return sx_error_set(err, SX_INVALID, field, msg_vi, "%s: %s", field,
			    en);
}

static int code_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n >= sizeof ((struct plan *)0)->code)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_' || c == '.'))
			return 0;
	}
	return 1;
}

/* A day as YYYY-MM-DD that exists in the calendar. */
static int day_valid(const char *s)
{
	char again[11];
	return strlen(s) == 10 && period_add_days(s, 0, again) == 0 &&
		strcmp(again, s) == 0;
}

/* Copies a required text key as NFC into out[n]. */
static enum sx_err text_key(json_t *root, const char *key, char *out,
			    size_t n, struct sx_error *err)
{
	json_t *v = json_object_get(root, key);
	if (!json_is_string(v))
		return refuse(err, key, v ? "phải là một chuỗi" : "thiếu",
			      v ? "must be a string" : "missing");
	const char *s = json_string_value(v);
	size_t len = json_string_length(v);
	if (len == 0)
		return refuse(err, key, "không được để trống",
			      "must not be empty");
	if (!text_is_valid_utf8(s, len))
		return refuse(err, key, "không phải UTF-8 hợp lệ",
			      "not valid UTF-8");
	char *nfc = text_nfc(s);
	if (!nfc)
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	if (strlen(nfc) >= n) {
		free(nfc);
		return refuse(err, key, "dài quá", "too long");
	}
	snprintf(out, n, "%s", nfc);
	free(nfc);
	return SX_OK;
}

/* A rate as a JSON number or a decimal string ("0.95"). */
static int rate_value(json_t *v, double *out)
{
	if (json_is_number(v)) {
		*out = json_number_value(v);
		return 0;
	}
	if (!json_is_string(v))
		return -1;
	const char *s = json_string_value(v);
	char *end;
	if (!*s || strspn(s, "0123456789.") != strlen(s))
		return -1;
	*out = strtod(s, &end);
	return *end ? -1 : 0;
}

static enum sx_err parse_targets(json_t *root, struct plan *p,
				 struct sx_error *err)
{
	json_t *t = json_object_get(root, "targets");
	char field[32];
	if (!json_is_object(t))
		return refuse(err, "targets", t ? "phải là một đối tượng JSON" :
			      "thiếu", t ? "must be a JSON object" : "missing");
	if (json_object_size(t) == 0)
		return refuse(err, "targets", "chưa có chỉ tiêu nào",
			      "has no target");
	const char *ind;
	json_t *v;
	json_object_foreach(t, ind, v) {
		enum plan_measure m;
		snprintf(field, sizeof field, "targets.%.20s", ind);
		if (plan_indicator_measure(ind, &m) != 0)
			return refuse(err, field, "chỉ tiêu không có trong"
				      " chương trình (T1, T2, T3, T4)",
				      "unknown indicator (T1, T2, T3, T4)");
		double value;
		if (m == PLAN_RATE) {
			if (rate_value(v, &value) || !(value >= 0) ||
			    value > 1)
				return refuse(err, field, "tỉ lệ phải từ 0 đến"
					      " 1, như \"0.95\"", "a rate is"
					      " 0 to 1, like \"0.95\"");
		} else {
			if (!json_is_integer(v) || json_integer_value(v) < 0 ||
			    json_integer_value(v) > PLAN_COUNT_MAX)
				return refuse(err, field, "số cơ sở phải là số"
					      " nguyên từ 0 đến 100000",
					      "a count is a whole number 0 to"
					      " 100000");
			value = (double)json_integer_value(v);
		}
		struct plan_target *pt = &p->targets[p->ntargets++];
		snprintf(pt->indicator, sizeof pt->indicator, "%s", ind);
		pt->value = value;
	}
	return SX_OK;
}

static enum sx_err add_share(struct plan *p, const char *district,
			     const char *ind, long long value,
			     struct sx_error *err)
{
	struct plan_share *ns = realloc(p->shares,
					sizeof *ns * (size_t)(p->nshares + 1));
	if (!ns)
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	p->shares = ns;
	struct plan_share *s = &p->shares[p->nshares++];
	snprintf(s->district, sizeof s->district, "%s", district);
	snprintf(s->indicator, sizeof s->indicator, "%s", ind);
	s->value = value;
	return SX_OK;
}

static enum sx_err parse_shares(json_t *root, struct plan *p,
				struct sx_error *err)
{
	json_t *all = json_object_get(root, "district_shares");
	char field[32];
	if (!all || json_is_null(all))
		return SX_OK;
	if (!json_is_object(all))
		return refuse(err, "district_shares", "phải là một đối tượng"
			      " JSON", "must be a JSON object");
	const char *district;
	json_t *one;
	json_object_foreach(all, district, one) {
		snprintf(field, sizeof field, "district_shares.%.12s",
			 district);
		if (strlen(district) != 3 ||
		    strspn(district, "0123456789") != 3)
			return refuse(err, field, "mã huyện phải gồm 3 chữ số"
				      " (mã GSO)", "a district code is 3"
				      " digits (GSO code)");
		if (!json_is_object(one))
			return refuse(err, field, "phải là một đối tượng JSON",
				      "must be a JSON object");
		const char *ind;
		json_t *v;
		json_object_foreach(one, ind, v) {
			enum plan_measure m;
			double total;
			snprintf(field, sizeof field, "district_shares.%s.%.8s",
				 district, ind);
			if (plan_indicator_measure(ind, &m) != 0 ||
			    m != PLAN_COUNT)
				return refuse(err, field, "chỉ giao phần cho"
					      " chỉ tiêu đếm số cơ sở (T2, T3)",
					      "shares are of count indicators"
					      " (T2, T3)");
			if (!plan_target_of(p, ind, &total))
				return refuse(err, field, "kế hoạch không có"
					      " chỉ tiêu này trong targets",
					      "the plan has no such target");
			if (!json_is_integer(v) || json_integer_value(v) < 0 ||
			    (double)json_integer_value(v) > total)
				return refuse(err, field, "phần của huyện phải"
					      " là số nguyên từ 0 đến chỉ tiêu"
					      " của tỉnh", "a share is a whole"
					      " number 0 to the province"
					      " target");
			enum sx_err e = add_share(p, district, ind,
						  json_integer_value(v), err);
			if (e)
				return e;
		}
	}
	return SX_OK;
}

static enum sx_err parse_root(json_t *root, struct plan *p,
			      struct sx_error *err)
{
	enum sx_err e;
	if ((e = text_key(root, "code", p->code, sizeof p->code, err)))
		return e;
	if (!code_valid(p->code))
		return refuse(err, "code", "chỉ gồm a-z, 0-9, '-', '_', '.'"
			      " (tối đa 47 ký tự)", "only a-z, 0-9, '-', '_',"
			      " '.' (at most 47)");
	if ((e = text_key(root, "title", p->title, sizeof p->title, err)) ||
	    (e = text_key(root, "decision", p->decision, sizeof p->decision,
			  err)) ||
	    (e = text_key(root, "start", p->start, sizeof p->start, err)) ||
	    (e = text_key(root, "end", p->end, sizeof p->end, err)))
		return e;
	if (!day_valid(p->start))
		return refuse(err, "start", "ngày phải có dạng 2021-01-01",
			      "a day is like 2021-01-01");
	if (!day_valid(p->end))
		return refuse(err, "end", "ngày phải có dạng 2025-12-31",
			      "a day is like 2025-12-31");
	if (strcmp(p->end, p->start) < 0)
		return refuse(err, "end", "ngày kết thúc trước ngày bắt đầu",
			      "ends before it starts");
	json_t *version = json_object_get(root, "version");
	if (version && (!json_is_integer(version) ||
			json_integer_value(version) < 1))
		return refuse(err, "version", "phải là số nguyên từ 1",
			      "must be a whole number from 1");
	p->version = version ? json_integer_value(version) : 0;
	if ((e = parse_targets(root, p, err)))
		return e;
	return parse_shares(root, p, err);
}

enum sx_err plan_parse(const char *text, size_t len, struct plan *out,
		       struct sx_error *err)
{
	memset(out, 0, sizeof *out);
	json_error_t je;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		char vi[256];
		snprintf(vi, sizeof vi, "tệp kế hoạch không phải JSON hợp lệ"
			 " (dòng %d): %.160s", je.line, je.text);
		return sx_error_set(err, SX_INVALID, "json", vi,
				    "plan file is not valid JSON (line %d):"
				    " %.160s", je.line, je.text);
	}
	enum sx_err e = json_is_object(root) ? parse_root(root, out, err) :
		refuse(err, "json", "phải là một đối tượng JSON",
		       "must be a JSON object");
	json_decref(root);
	if (e)
		plan_release(out);
	return e;
}

void plan_release(struct plan *p)
{
	if (!p)
		return;
	free(p->shares);
	p->shares = NULL;
	p->nshares = 0;
}

/* A rate as the shortest decimal string that reads back the same. */
static void rate_text(double v, char out[32])
{
	for (int digits = 1; digits <= 17; digits++) {
		snprintf(out, 32, "%.*g", digits, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

static json_t *targets_json(const struct plan *p)
{
	json_t *t = json_object();
	for (int i = 0; t && i < p->ntargets; i++) {
		const struct plan_target *pt = &p->targets[i];
		enum plan_measure m = PLAN_COUNT;
		char buf[32];
		plan_indicator_measure(pt->indicator, &m);
		if (m == PLAN_RATE)
			rate_text(pt->value, buf);
		if (json_object_set_new(t, pt->indicator, m == PLAN_RATE ?
					json_string(buf) :
					json_integer((json_int_t)pt->value))) {
			json_decref(t);
			return NULL;
		}
	}
	return t;
}

static json_t *shares_json(const struct plan *p)
{
	json_t *all = json_object();
	for (int i = 0; all && i < p->nshares; i++) {
		const struct plan_share *s = &p->shares[i];
		json_t *one = json_object_get(all, s->district);
		if (!one) {
			one = json_object();
			if (json_object_set_new(all, s->district, one)) {
				json_decref(all);
				return NULL;
			}
		}
		if (json_object_set_new(one, s->indicator,
					json_integer(s->value))) {
			json_decref(all);
			return NULL;
		}
	}
	return all;
}

char *plan_to_json(const struct plan *p, int with_version)
{
	json_t *root = json_object();
	json_t *targets = targets_json(p);
	json_t *shares = shares_json(p);
	char *text = NULL;
	if (!root || !targets || !shares) {
		json_decref(targets);
		json_decref(shares);
		goto done;
	}
	int bad = json_object_set_new(root, "code", json_string(p->code));
	bad |= json_object_set_new(root, "title", json_string(p->title));
	bad |= json_object_set_new(root, "decision",
				   json_string(p->decision));
	bad |= json_object_set_new(root, "start", json_string(p->start));
	bad |= json_object_set_new(root, "end", json_string(p->end));
	bad |= json_object_set_new(root, "targets", targets);
	bad |= json_object_set_new(root, "district_shares", shares);
	if (with_version)
		bad |= json_object_set_new(root, "version",
					   json_integer(p->version));
	if (!bad)
		text = json_dumps(root, JSON_COMPACT | JSON_SORT_KEYS);
done:
	json_decref(root);
	return text;
}

int plan_target_of(const struct plan *p, const char *indicator, double *out)
{
	for (int i = 0; i < p->ntargets; i++)
		if (strcmp(p->targets[i].indicator, indicator) == 0) {
			*out = p->targets[i].value;
			return 1;
		}
	return 0;
}

int plan_share_of(const struct plan *p, const char *district,
		  const char *indicator, long long *out)
{
	for (int i = 0; i < p->nshares; i++)
		if (strcmp(p->shares[i].district, district) == 0 &&
		    strcmp(p->shares[i].indicator, indicator) == 0) {
			*out = p->shares[i].value;
			return 1;
		}
	return 0;
}

int plan_covers(const struct plan *p, const char *day)
{
	return strcmp(p->start, day) <= 0 && strcmp(day, p->end) <= 0;
}

int plan_overlaps(const struct plan *a, const struct plan *b)
{
	return strcmp(a->start, b->end) <= 0 && strcmp(b->start, a->end) <= 0;
}

/* 1 when every target and share of a is in b with the same value. */
static int contained(const struct plan *a, const struct plan *b)
{
	for (int i = 0; i < a->ntargets; i++) {
		double v;
		if (!plan_target_of(b, a->targets[i].indicator, &v) ||
		    v != a->targets[i].value)
			return 0;
	}
	for (int i = 0; i < a->nshares; i++) {
		long long v;
		if (!plan_share_of(b, a->shares[i].district,
				   a->shares[i].indicator, &v) ||
		    v != a->shares[i].value)
			return 0;
	}
	return 1;
}

int plan_targets_differ(const struct plan *a, const struct plan *b)
{
	return strcmp(a->start, b->start) != 0 || strcmp(a->end, b->end) != 0 ||
		a->ntargets != b->ntargets || a->nshares != b->nshares ||
		!contained(a, b) || !contained(b, a);
}

/* Decision 3182/QĐ-UBND of the Sơn La People's Committee, 31 Dec 2016:
 * plan for cleaner production in industry 2016–2020.  Targets by 2020:
 * 90% of facilities with CP potential informed (T1), 15 enterprises with
 * a rapid assessment (T2), 7 of them with a detailed assessment applying
 * CP (T3), 100% of officers and collaborators trained (T4).  No district
 * share: the province assigns them. */
const char *plan_shipped_json(void)
{
	return "{\"code\": \"sonla-2016-2020\","
		" \"title\": \"Kế hoạch sản xuất sạch hơn trong công nghiệp"
		" tỉnh Sơn La giai đoạn 2016–2020 (Quyết định 3182/QĐ-UBND"
		" ngày 31/12/2016)\","
		" \"decision\": \"3182/QĐ-UBND ngày 31/12/2016\","
		" \"start\": \"2016-01-01\", \"end\": \"2020-12-31\","
		" \"targets\": {\"T1\": \"0.9\", \"T2\": 15, \"T3\": 7,"
		" \"T4\": \"1\"}}";
}

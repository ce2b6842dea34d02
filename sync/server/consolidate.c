/* consolidate.c — `sxsh-server report --period P`: the province's
 * consolidated report and the completeness of the districts' submissions.
 *
 * The figures are core's (report_consolidate sums each district's latest
 * sent-or-accepted revision with indicators_add and recomputes the rates
 * from the sums), so the province and the districts use one computation.
 * Everything else is the province's, from this server's store: the plan
 * whose days contain the period's last day and its targets, the deadline
 * (the period's last day under the calendar rule plus deadline_days),
 * the districts expected and their names, the factors.  A district's
 * report that no longer reads is set aside and shown as "không đọc
 * được"; the others are still consolidated.
 *
 * On time: the first revision's received_at (the server's clock), as a
 * date in Vietnam (UTC+7), is on or before that deadline.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>
#include "sxsh/clock.h"
#include "sxsh/period.h"
#include "sxsh/refdata.h"
#include "sxsh/refdata_blob.h"
#include "sxsh/report.h"
#include "sxsh/report_province.h"
#include "consolidate.h"
#include "store_plan.h"

struct submission {
	char district[8];
	long long revision;
	char status[12];
	char reason[512];
	char received_at[21];
	char receipt[64];
};

struct gather {
	/* every revision of the period, in district, revision order */
	struct submission *subs;
	int nsubs;
	/* per district: its latest sent-or-accepted revision's JSON */
	char **jsons;
	size_t *lens;
	char (*codes)[8];
	int n;
	int cap;
	enum sx_err oom;
};

struct district_list {
	struct store_district *items;
	int n;
	int oom;
};

static void add_district(const struct store_district *d, void *arg)
{
	struct district_list *l = arg;
	struct store_district *ni = realloc(l->items,
					    sizeof *ni * (size_t)(l->n + 1));
	if (!ni) {
		l->oom = 1;
		return;
	}
	l->items = ni;
	l->items[l->n++] = *d;
}

static enum sx_err gather_one(const struct store_report *r, void *arg)
{
	struct gather *g = arg;
	struct submission *ns = realloc(g->subs,
					sizeof *ns * (size_t)(g->nsubs + 1));
	if (!ns)
		return SX_NOMEM;
	g->subs = ns;
	struct submission *s = &g->subs[g->nsubs++];
	memset(s, 0, sizeof *s);
	snprintf(s->district, sizeof s->district, "%s", r->district);
	s->revision = r->revision;
	snprintf(s->status, sizeof s->status, "%s", r->status);
	snprintf(s->reason, sizeof s->reason, "%s", r->reason);
	snprintf(s->received_at, sizeof s->received_at, "%s",
		 r->received_at);
	snprintf(s->receipt, sizeof s->receipt, "%s", r->receipt);
	if (strcmp(r->status, "returned") == 0)
		return SX_OK;
	/* Revisions come in order: a later one of the same district
	 * replaces the one kept so far. */
	int i = g->n - 1;
	if (i < 0 || strcmp(g->codes[i], r->district) != 0) {
		if (g->n == g->cap) {
			int cap = g->cap ? g->cap * 2 : 16;
			char **nj = realloc(g->jsons, sizeof *nj * (size_t)cap);
			if (nj)
				g->jsons = nj;
			size_t *nl = realloc(g->lens, sizeof *nl * (size_t)cap);
			if (nl)
				g->lens = nl;
			char (*nc)[8] = realloc(g->codes,
						sizeof *nc * (size_t)cap);
			if (nc)
				g->codes = nc;
			if (!nj || !nl || !nc)
				return SX_NOMEM;
			g->cap = cap;
		}
		i = g->n++;
		g->jsons[i] = NULL;
		snprintf(g->codes[i], sizeof g->codes[i], "%s", r->district);
	}
	free(g->jsons[i]);
	g->jsons[i] = strdup(r->json ? r->json : "");
	g->lens[i] = g->jsons[i] ? strlen(g->jsons[i]) : 0;
	return g->jsons[i] ? SX_OK : SX_NOMEM;
}

static void gather_release(struct gather *g)
{
	for (int i = 0; i < g->n; i++)
		free(g->jsons[i]);
	free(g->jsons);
	free(g->lens);
	free(g->codes);
	free(g->subs);
}

/* The province's code and name from the shipped unit list. */
static void province_of(char code[8], char name[128])
{
	snprintf(code, 8, "14");
	snprintf(name, 128, "Tỉnh Sơn La");
	const struct refdata_blob *b = refdata_blob_find("sonla_units");
	const char *p = b ? strstr(b->data, "\nprovince,") : NULL;
	if (!p)
		return;
	p += strlen("\nprovince,");
	size_t k = strcspn(p, ",\r\n");
	if (k == 0 || k >= 8 || p[k] != ',')
		return;
	snprintf(code, 8, "%.*s", (int)k, p);
	p += k + 1;
	k = strcspn(p, ",\r\n");
	snprintf(name, 128, "%.*s", (int)k, p);
}

static json_t *submission_json(const struct submission *s,
			       const char *deadline)
{
	char day[11];
	clock_vn_date(s->received_at, day);
	return json_pack("{s:I,s:s,s:s,s:s,s:b,s:o}",
			 "revision", (json_int_t)s->revision,
			 "status", s->status,
			 "received_at", s->received_at,
			 "receipt", s->receipt,
			 "on_time", deadline[0] && strcmp(day, deadline) <= 0,
			 "reason", s->reason[0] ? json_string(s->reason) :
			 json_null());
}

/* Builds {"deadline", "districts": [...]} and adds each district's
 * submission to doc's "districts" entries. */
static json_t *completeness(json_t *doc, const struct district_list *dl,
			    const struct gather *g, const char *deadline)
{
	json_t *list = json_array();
	int sent = 0, on_time = 0;
	for (int i = 0; i < dl->n; i++) {
		const struct store_district *d = &dl->items[i];
		json_t *subs = json_array();
		const struct submission *latest = NULL;
		for (int k = 0; k < g->nsubs; k++) {
			if (strcmp(g->subs[k].district, d->code) != 0)
				continue;
			json_array_append_new(subs, submission_json(
				&g->subs[k], deadline));
			latest = &g->subs[k];
		}
		if (!latest && d->revoked_at[0]) {
			json_decref(subs);
			continue;
		}
		json_t *first = json_array_get(subs, 0);
		int ok = first && json_is_true(json_object_get(first,
							       "on_time"));
		sent += latest != NULL;
		on_time += ok;
		json_t *entry = json_pack(
			"{s:s,s:s,s:s,s:o,s:o,s:o,s:o}", "code", d->code,
			"name", d->name,
			"status", latest ? latest->status : "missing",
			"revision", latest ? json_integer(latest->revision) :
			json_null(),
			"received_at", latest ? json_string(latest->received_at)
			: json_null(),
			"on_time", first ? json_boolean(ok) : json_false(),
			"submissions", subs);
		json_array_append_new(list, entry);
		/* The figures' entry of the same district gets its status. */
		size_t j;
		json_t *fig;
		json_array_foreach(json_object_get(doc, "districts"), j, fig) {
			const char *code = json_string_value(
				json_object_get(fig, "code"));
			if (!code || strcmp(code, d->code) != 0)
				continue;
			for (int k = g->nsubs - 1; k >= 0; k--) {
				if (strcmp(g->subs[k].district, d->code) ||
				    !strcmp(g->subs[k].status, "returned"))
					continue;
				json_object_set_new(fig, "submission",
					submission_json(&g->subs[k],
							deadline));
				break;
			}
		}
	}
	return json_pack("{s:s,s:i,s:i,s:i,s:o}", "deadline", deadline,
			 "districts_expected", (int)json_array_size(list),
			 "districts_sent", sent, "first_sent_on_time",
			 on_time, "districts", list);
}

/* "2017-07-15" → "15/07/2017".  Written into out[20]. */
static void vi_date(const char *iso, char out[20])
{
	if (!iso || strlen(iso) < 10) {
		snprintf(out, 20, "–");
		return;
	}
	snprintf(out, 20, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

static const char *pick(int en, const char *vi, const char *english)
{
	return en ? english : vi;
}

static const char *status_text(const char *status, int en)
{
	static const struct {
		const char *key, *vi, *en;
	} names[] = {
		{"sent", "đã gửi", "sent"},
		{"accepted", "đã chấp nhận", "accepted"},
		{"returned", "bị trả lại", "returned"},
		{"missing", "chưa gửi", "missing"},
	};

	for (size_t i = 0; status && i < sizeof names / sizeof names[0]; i++)
		if (strcmp(status, names[i].key) == 0)
			return en ? names[i].en : names[i].vi;
	return status ? status : "";
}

/* Prints s left-aligned in width columns (counting UTF-8 characters;
 * Vietnamese letters are one column each in NFC). */
static void pad(FILE *out, const char *s, int width)
{
	int cols = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		cols += (*p & 0xC0) != 0x80;
	fputs(s, out);
	for (; cols < width; cols++)
		fputc(' ', out);
	fputc(' ', out);
}

static void write_completeness_text(FILE *out, const json_t *c, int csv,
				    int en)
{
	const json_t *list = json_object_get(c, "districts");
	char deadline[20];
	vi_date(json_string_value(json_object_get(c, "deadline")), deadline);
	if (csv)
		fprintf(out, "\r\ncompleteness,code,name,status,revision,"
			"received_at,on_time\r\n");
	else {
		fprintf(out, pick(en, "\nTÌNH HÌNH NỘP BÁO CÁO (hạn %s): "
				  "%lld/%lld huyện đã gửi\n",
				  "\nSUBMISSIONS (due %s): %lld/%lld districts"
				  " sent\n"), deadline,
			(long long)json_integer_value(json_object_get(
				c, "districts_sent")),
			(long long)json_integer_value(json_object_get(
				c, "districts_expected")));
		pad(out, pick(en, "Mã", "Code"), 4);
		pad(out, pick(en, "Huyện, thành phố", "District"), 22);
		pad(out, pick(en, "Tình trạng", "Status"), 13);
		pad(out, pick(en, "Lần", "Rev"), 3);
		pad(out, pick(en, "Nhận lúc", "Received"), 22);
		fprintf(out, "%s\n", pick(en, "Đúng hạn", "On time"));
	}
	size_t i;
	json_t *d;
	json_array_foreach(list, i, d) {
		const char *code = json_string_value(json_object_get(d,
								     "code"));
		const char *name = json_string_value(json_object_get(d,
								     "name"));
		const char *status = json_string_value(
			json_object_get(d, "status"));
		json_t *rev = json_object_get(d, "revision");
		const char *at = json_string_value(json_object_get(
			d, "received_at"));
		int first_ok = json_is_true(json_object_get(d, "on_time"));
		if (csv) {
			fprintf(out, "completeness,%s,\"%s\",%s,", code, name,
				json_is_true(json_object_get(d, "unreadable")) ?
				"unreadable" : status);
			if (json_is_integer(rev))
				fprintf(out, "%lld", (long long)
					json_integer_value(rev));
			fprintf(out, ",%s,%s\r\n", at ? at : "",
				!at ? "" : first_ok ? "1" : "0");
			continue;
		}
		char num[24] = "–", when[32];
		if (json_is_integer(rev))
			snprintf(num, sizeof num, "%lld",
				 (long long)json_integer_value(rev));
		clock_local_time(at, when);
		pad(out, code, 4);
		pad(out, name, 22);
		pad(out, json_is_true(json_object_get(d, "unreadable")) ?
		    pick(en, "không đọc được", "unreadable") :
		    status_text(status, en), 13);
		pad(out, num, 3);
		pad(out, when, 22);
		fprintf(out, "%s\n", !at ? "–" : first_ok ? pick(en, "có",
			"yes") : pick(en, "muộn", "late"));
	}
}

static void html_escape(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '&': fputs("&amp;", out); break;
		case '"': fputs("&quot;", out); break;
		default: fputc(*s, out);
		}
	}
}

static void write_completeness_html(FILE *out, const json_t *c, int en)
{
	char deadline[20];
	vi_date(json_string_value(json_object_get(c, "deadline")), deadline);
	fputs(pick(en, "<section id=\"completeness\"><h2>Tình hình nộp báo "
		   "cáo (hạn ", "<section id=\"completeness\"><h2>Submissions"
		   " (due "), out);
	html_escape(out, deadline);
	fputs(pick(en, ")</h2><table><tr><th>Mã</th><th>Huyện, thành phố</th>"
		   "<th>Tình trạng</th><th>Lần</th><th>Nhận lúc</th>"
		   "<th>Đúng hạn</th></tr>\n",
		   ")</h2><table><tr><th>Code</th><th>District</th>"
		   "<th>Status</th><th>Rev</th><th>Received</th>"
		   "<th>On time</th></tr>\n"), out);
	size_t i;
	json_t *d;
	json_array_foreach(json_object_get(c, "districts"), i, d) {
		const char *at = json_string_value(json_object_get(
			d, "received_at"));
		fputs("<tr><td>", out);
		html_escape(out, json_string_value(json_object_get(d, "code")));
		fputs("</td><td>", out);
		html_escape(out, json_string_value(json_object_get(d, "name")));
		fputs("</td><td>", out);
		html_escape(out, json_is_true(json_object_get(d, "unreadable")) ?
			    pick(en, "không đọc được", "unreadable") :
			    status_text(json_string_value(
				    json_object_get(d, "status")), en));
		json_t *rev = json_object_get(d, "revision");
		char when[32];
		clock_local_time(at, when);
		if (json_is_integer(rev))
			fprintf(out, "</td><td>%lld</td><td>", (long long)
				json_integer_value(rev));
		else
			fputs("</td><td>–</td><td>", out);
		html_escape(out, when);
		fprintf(out, "</td><td>%s</td></tr>\n", !at ? "–" :
			json_is_true(json_object_get(d, "on_time")) ?
			pick(en, "có", "yes") : pick(en, "muộn", "late"));
	}
	fputs("</table></section>\n", out);
}

/* The name the province gives a district (its store), else its code. */
static const char *name_of(const struct district_list *dl, const char *code)
{
	for (int i = 0; i < dl->n; i++)
		if (strcmp(dl->items[i].code, code) == 0)
			return dl->items[i].name;
	return code;
}

/* Marks the completeness entries of districts whose report was set
 * aside: their figures are not in the sum, and the officer must see so. */
static void mark_unreadable(json_t *comp,
			    const struct sx_province_district *in, int n)
{
	size_t j;
	json_t *e;
	json_array_foreach(json_object_get(comp, "districts"), j, e) {
		const char *code = json_string_value(json_object_get(e,
								     "code"));
		for (int i = 0; code && i < n; i++)
			if (in[i].unreadable && !strcmp(in[i].code, code)) {
				json_object_set_new(e, "unreadable",
						    json_true());
				json_object_set_new(e, "why",
						    json_string(in[i].why));
			}
	}
}

enum sx_err consolidate_write(struct srv_store *st, const char *period,
			      enum consolidate_format fmt, void *out_file,
			      struct sx_error *err)
{
	return consolidate_write_in(st, period, fmt, "vi", out_file, err);
}

enum sx_err consolidate_write_in(struct srv_store *st, const char *period,
				 enum consolidate_format fmt,
				 const char *lang, void *out_file,
				 struct sx_error *err)
{
	FILE *out = out_file;
	int en = lang && strcmp(lang, "en") == 0;
	struct gather g = {0};
	struct district_list dl = {0};
	struct sx_province_district *in = NULL;
	struct plan plan;
	int have_plan = 0;
	char *json = NULL, *rendered = NULL;
	json_t *doc = NULL;
	size_t len = 0;
	struct sx_period p;
	memset(&plan, 0, sizeof plan);
	if (period_parse(period, SX_RULE_CALENDAR, &p, err) != SX_OK)
		return err->code;
	enum sx_err rc = store_begin(st, err);
	if (rc != SX_OK)
		return rc;
	rc = store_district_each(st, add_district, &dl, err);
	if (rc == SX_OK)
		rc = store_report_each(st, NULL, period, 1, gather_one, &g,
				       err);
	if (rc == SX_OK) {
		rc = store_plan_for_day(st, p.end, &plan, err);
		have_plan = rc == SX_OK;
		if (rc == SX_NOTFOUND)
			rc = SX_OK;
	}
	long long days = store_meta_int(st, "deadline_days", 15);
	store_rollback(st);
	if (rc == SX_OK && dl.oom)
		rc = sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	if (rc == SX_OK && g.n && !(in = calloc((size_t)g.n, sizeof *in)))
		rc = sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	if (rc != SX_OK)
		goto done;

	for (int i = 0; i < g.n; i++) {
		in[i].code = g.codes[i];
		in[i].name = name_of(&dl, g.codes[i]);
		in[i].json = g.jsons[i];
		in[i].len = g.lens[i];
	}
	char pcode[8], pname[128], deadline[11] = "";
	province_of(pcode, pname);
	period_add_days(p.end, (int)days, deadline);
	struct sx_factors factors;
	refdata_shipped_factors(p.year, &factors);
	struct sx_province_ref ref = {
		pcode, pname, period, period_rule_name(p.rule), p.start,
		p.end, deadline, have_plan ? &plan : NULL, &factors};
	rc = report_consolidate(&ref, in, g.n, &json, &len, err);
	if (rc != SX_OK)
		goto done;
	doc = json_loadb(json, len, 0, NULL);
	if (!doc) {
		rc = sx_error_set(err, SX_NOMEM, "", NULL,
				  "consolidated report unreadable");
		goto done;
	}
	json_t *comp = completeness(doc, &dl, &g, deadline);
	if (!comp) {
		rc = sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
		goto done;
	}
	mark_unreadable(comp, in, g.n);
	json_object_set_new(doc, "completeness", comp);
	free(json);
	json = json_dumps(doc, JSON_COMPACT | JSON_REAL_PRECISION(10));
	if (!json) {
		rc = sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
		goto done;
	}
	if (fmt == CONS_JSON) {
		fprintf(out, "%s\n", json);
		goto done;
	}
	enum sx_report_format rf = fmt == CONS_CSV ? SX_REPORT_CSV :
		fmt == CONS_HTML ? SX_REPORT_HTML : SX_REPORT_TEXT;
	/* not a status of core's (draft, finalised, …): said here in the
	 * reader's language, since the renderer shows an unknown one as it
	 * is */
	struct sx_render_opts opts = {.lang = en ? "en" : "vi",
				      .status = pick(en, "tổng hợp",
						     "consolidated")};
	rc = report_render(json, rf, &opts, &rendered, NULL, err);
	if (rc != SX_OK)
		goto done;
	if (fmt == CONS_HTML) {
		char *end = strstr(rendered, "</body>");
		if (end) {
			fwrite(rendered, 1, (size_t)(end - rendered), out);
			write_completeness_html(out, comp, en);
			fputs(end, out);
		} else {
			fputs(rendered, out);
			write_completeness_html(out, comp, en);
		}
	} else {
		fputs(rendered, out);
		write_completeness_text(out, comp, fmt == CONS_CSV, en);
	}
done:
	free(rendered);
	free(json);
	json_decref(doc);
	free(in);
	plan_release(&plan);
	gather_release(&g);
	free(dl.items);
	return rc;
}

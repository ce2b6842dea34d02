/* period.c — report periods and their cut-off rules (see period.h).
 *
 * Dates are ISO strings throughout; arithmetic goes through a day number
 * (days since 1970-01-01 in the proleptic Gregorian calendar) so that no
 * time zone or struct tm is involved.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db_internal.h"
#include "sxsh/period.h"
#include "sxsh/plan.h"
#include "sxsh/settings.h"

static const char *const rule_names[] = { "calendar", "decree_09_2019" };
static const char *const kind_codes[] = { "S1", "S2", "Y" };

const char *period_rule_name(enum sx_period_rule rule)
{
	return rule == SX_RULE_DECREE_09_2019 ? rule_names[1] : rule_names[0];
}

const char *period_kind_code(enum sx_period_kind kind)
{
	if ((int)kind < 0 || kind > SX_PERIOD_YEAR)
		return "Y";
	return kind_codes[kind];
}

enum sx_err period_rule_parse(const char *name, enum sx_period_rule *out,
			      struct sx_error *err)
{
	if (name && !strcmp(name, rule_names[0])) {
		*out = SX_RULE_CALENDAR;
		return SX_OK;
	}
	if (name && !strcmp(name, rule_names[1])) {
		*out = SX_RULE_DECREE_09_2019;
		return SX_OK;
	}
	return sx_error_set(err, SX_INVALID, "period_rule",
			    "Quy tắc kỳ báo cáo không hợp lệ (calendar "
			    "hoặc decree_09_2019)",
			    "unknown period rule '%s' (calendar or "
			    "decree_09_2019)", name ? name : "");
}

/* Howard Hinnant's days_from_civil / civil_from_days. */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
				 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

/* Parses exactly "YYYY-MM-DD" that is a real date. */
static int parse_iso(const char *s, int *y, int *m, int *d)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	*y = atoi(s);
	*m = atoi(s + 5);
	*d = atoi(s + 8);
	if (*y < 1 || *m < 1 || *m > 12 || *d < 1 ||
	    *d > days_in_month(*y, *m))
		return -1;
	return 0;
}

static void format_iso(int y, int m, int d, char out[11])
{
	/* Unsigned and bounded so that the compiler sees 10 characters. */
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
		 (unsigned)m % 100u, (unsigned)d % 100u);
}

int period_add_days(const char *date, int days, char out[11])
{
	int y, m, d;

	if (parse_iso(date, &y, &m, &d))
		return -1;
	civil_from_days(days_from_civil(y, m, d) + days, &y, &m, &d);
	format_iso(y, m, d, out);
	return 0;
}

static void fill_dates(struct sx_period *p)
{
	int y = p->year;

	if (p->rule == SX_RULE_DECREE_09_2019) {
		switch (p->kind) {
		case SX_PERIOD_S1:
			format_iso(y - 1, 12, 15, p->start);
			format_iso(y, 6, 14, p->end);
			break;
		case SX_PERIOD_S2:
			format_iso(y, 6, 15, p->start);
			format_iso(y, 12, 14, p->end);
			break;
		default:
			format_iso(y - 1, 12, 15, p->start);
			format_iso(y, 12, 14, p->end);
			break;
		}
		return;
	}
	switch (p->kind) {
	case SX_PERIOD_S1:
		format_iso(y, 1, 1, p->start);
		format_iso(y, 6, 30, p->end);
		break;
	case SX_PERIOD_S2:
		format_iso(y, 7, 1, p->start);
		format_iso(y, 12, 31, p->end);
		break;
	default:
		format_iso(y, 1, 1, p->start);
		format_iso(y, 12, 31, p->end);
		break;
	}
}

static void fill_name(struct sx_period *p)
{
	if (p->kind == SX_PERIOD_YEAR)
		snprintf(p->name, sizeof p->name, "%04u",
			 (unsigned)p->year % 10000u);
	else
		snprintf(p->name, sizeof p->name, "%04uS%d",
			 (unsigned)p->year % 10000u,
			 p->kind == SX_PERIOD_S1 ? 1 : 2);
}

enum sx_err period_parse(const char *name, enum sx_period_rule rule,
			 struct sx_period *out, struct sx_error *err)
{
	size_t n = name ? strlen(name) : 0;
	int ok = n == 4 || (n == 6 && name[4] == 'S' &&
			    (name[5] == '1' || name[5] == '2'));

	for (size_t i = 0; ok && i < 4; i++)
		if (name[i] < '0' || name[i] > '9')
			ok = 0;
	if (ok) {
		int year = atoi(name);
		if (year < 2000 || year > 2099)
			ok = 0;
	}
	if (!ok)
		return sx_error_set(err, SX_INVALID, "period",
				    "Kỳ báo cáo không hợp lệ: dùng dạng "
				    "2017S1, 2017S2 hoặc 2017",
				    "invalid period '%s': use 2017S1, 2017S2 "
				    "or 2017", name ? name : "");
	memset(out, 0, sizeof *out);
	out->year = atoi(name);
	out->kind = n == 4 ? SX_PERIOD_YEAR :
		    name[5] == '1' ? SX_PERIOD_S1 : SX_PERIOD_S2;
	out->rule = rule;
	fill_name(out);
	fill_dates(out);
	return SX_OK;
}

int period_consumption_year(const struct sx_period *p)
{
	return p->kind == SX_PERIOD_YEAR ? p->year : p->year - 1;
}

enum sx_err period_previous(const struct sx_period *p, struct sx_period *out,
			    struct sx_error *err)
{
	char name[8];
	int year = p->kind == SX_PERIOD_S2 ? p->year : p->year - 1;

	if (p->kind == SX_PERIOD_YEAR)
		snprintf(name, sizeof name, "%04d", year % 10000);
	else
		snprintf(name, sizeof name, "%04dS%d", year % 10000,
			 p->kind == SX_PERIOD_S1 ? 2 : 1);
	return period_parse(name, p->rule, out, err);
}

enum sx_err period_containing(const char *date, enum sx_period_kind kind,
			      enum sx_period_rule rule, struct sx_period *out,
			      struct sx_error *err)
{
	int y, m, d;

	if (parse_iso(date, &y, &m, &d))
		return sx_error_set(err, SX_INVALID, "date",
				    "Ngày không hợp lệ",
				    "invalid date '%s'", date ? date : "");
	memset(out, 0, sizeof *out);
	out->rule = rule;
	out->kind = kind;
	char iso[11];
	format_iso(y, m, d, iso);
	if (rule == SX_RULE_DECREE_09_2019 && m == 12 && d >= 15)
		y++;      /* 15 Dec opens the next year's periods */
	out->year = y;
	if (kind != SX_PERIOD_YEAR) {
		out->kind = SX_PERIOD_S1;
		fill_dates(out);
		if (strcmp(iso, out->end) > 0)
			out->kind = SX_PERIOD_S2;
	}
	if (out->year < 2000 || out->year > 2099)
		return sx_error_set(err, SX_INVALID, "date",
				    "Ngày nằm ngoài các năm 2000–2099",
				    "date '%s' outside 2000-2099", date);
	fill_name(out);
	fill_dates(out);
	return SX_OK;
}

enum sx_err period_rule_of(struct sx_db *db, enum sx_period_rule *out,
			   struct sx_error *err)
{
	char *value = settings_get(db, "period_rule");
	enum sx_err rc = SX_OK;

	*out = SX_RULE_CALENDAR;
	if (value && *value)
		rc = period_rule_parse(value, out, err);
	free(value);
	return rc;
}

enum sx_err period_resolve(struct sx_db *db, const char *name,
			   struct sx_period *out, struct sx_error *err)
{
	enum sx_period_rule rule;
	enum sx_err rc = period_rule_of(db, &rule, err);

	if (rc)
		return rc;
	return period_parse(name, rule, out, err);
}

enum sx_err period_deadline(struct sx_db *db, const struct sx_period *p,
			    char out[11], struct sx_error *err)
{
	static const char sql[] =
		"SELECT days_after_end FROM period_deadline"
		" WHERE rule = ?1 AND period_kind = ?2";
	sqlite3_stmt *st = db_stmt(db, sql, err);
	int rc;

	if (!st)
		return SX_DB;
	sqlite3_bind_text(st, 1, period_rule_name(p->rule), -1,
			  SQLITE_STATIC);
	sqlite3_bind_text(st, 2, period_kind_code(p->kind), -1,
			  SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		int days = sqlite3_column_int(st, 0);
		sqlite3_reset(st);
		if (period_add_days(p->end, days, out))
			return sx_error_set(err, SX_INVALID, "period", NULL,
					    "bad period end '%s'", p->end);
		return SX_OK;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(db, err, "reading period deadline");
	return sx_error_set(err, SX_NOTFOUND, "period",
			    "Chưa có hạn nộp báo cáo cho kỳ này",
			    "no deadline for rule %s kind %s",
			    period_rule_name(p->rule),
			    period_kind_code(p->kind));
}

struct plan_row {
	struct plan *plan;
	int parsed;
};

static enum sx_err read_plan(sqlite3_stmt *st, void *out)
{
	struct plan_row *r = out;
	const char *json = (const char *)sqlite3_column_text(st, 0);
	struct sx_error ignored = {0};

	if (!json || plan_parse(json, strlen(json), r->plan, &ignored))
		return SX_OK;
	r->plan->version = sqlite3_column_int64(st, 1);
	r->parsed = 1;
	return SX_OK;
}

static enum sx_err no_plan(struct sx_error *err, const struct sx_period *p)
{
	return sx_error_set(err, SX_NOTFOUND, "plan",
			    "Không thuộc kế hoạch nào",
			    "period %s belongs to no plan", p->name);
}

enum sx_err period_plan(struct sx_db *db, const struct sx_period *p,
			struct plan *out, struct sx_error *err)
{
	struct plan_row r = {out, 0};
	long long stored = 0;
	enum sx_err e;

	memset(out, 0, sizeof *out);
	e = db_get(db, "SELECT json, version FROM plan_doc"
		   " WHERE start_date <= ?1 AND end_date >= ?1",
		   DB_ARGS(DB_TEXT(p->end)), read_plan, &r, "reading plan",
		   err);
	if (e == SX_OK && r.parsed)
		return SX_OK;
	if (e != SX_OK && e != SX_NOTFOUND)
		return e;
	e = db_get(db, "SELECT count(*) FROM plan_doc", DB_NO_ARGS,
		   db_read_int64, &stored, "counting plans", err);
	if (e != SX_OK)
		return e;
	if (stored == 0) {
		const char *text = plan_shipped_json();
		if ((e = plan_parse(text, strlen(text), out, err)))
			return e;
		out->version = 1;
		if (plan_covers(out, p->end))
			return SX_OK;
		plan_release(out);
	}
	return no_plan(err, p);
}

enum sx_err period_deadline_set(struct sx_db *db, const char *rule, int days,
				struct sx_error *err)
{
	enum sx_period_rule parsed;
	enum sx_err e = period_rule_parse(rule, &parsed, err);
	static const char *const kinds[] = {"S1", "S2", "Y"};

	for (int i = 0; !e && i < 3; i++)
		e = db_write(db, "INSERT INTO period_deadline(rule,"
			     " period_kind, days_after_end) VALUES(?1, ?2, ?3)"
			     " ON CONFLICT(rule, period_kind) DO UPDATE SET"
			     " days_after_end = ?3",
			     DB_ARGS(DB_TEXT(period_rule_name(parsed)),
				     DB_TEXT(kinds[i]), DB_INT(days)), NULL,
			     "setting the deadline", err);
	return e;
}

enum sx_err period_plans_store(struct sx_db *db, const char *const *texts,
			       const size_t *lens, int n,
			       struct sx_error *err)
{
	enum sx_err e = sx_db_begin(db, err);

	if (e)
		return e;
	e = db_write(db, "DELETE FROM plan_doc", DB_NO_ARGS, NULL,
		     "replacing plans", err);
	for (int i = 0; !e && i < n; i++) {
		struct plan pl;
		char *json;
		if ((e = plan_parse(texts[i], lens[i], &pl, err)))
			break;
		json = plan_to_json(&pl, 0);
		if (!json) {
			plan_release(&pl);
			e = sx_error_set(err, SX_NOMEM, "", NULL,
					 "out of memory");
			break;
		}
		e = db_write(db, "INSERT INTO plan_doc(code, version,"
			     " start_date, end_date, json)"
			     " VALUES(?1, ?2, ?3, ?4, ?5)",
			     DB_ARGS(DB_TEXT(pl.code), DB_INT(pl.version),
				     DB_TEXT(pl.start), DB_TEXT(pl.end),
				     DB_TEXT(json)), NULL, "storing plan",
			     err);
		free(json);
		plan_release(&pl);
	}
	return sx_db_end(db, e, err);
}

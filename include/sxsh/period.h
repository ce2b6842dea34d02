/* period.h — report periods: names, cut-off dates, deadlines, the plan.
 *
 * A period is a half-year or a year, named as DHIS2 names them: "2017S1",
 * "2017S2", "2017".  Its dates depend on the cut-off rule, which is
 * reference data (the setting period_rule):
 *   calendar         S1 = 1 Jan – 30 Jun, S2 = 1 Jul – 31 Dec,
 *                    year = 1 Jan – 31 Dec  (the default)
 *   decree_09_2019   Decree 09/2019/NĐ-CP art. 12: S1 = 15 Dec of the
 *                    previous year – 14 Jun, S2 = 15 Jun – 14 Dec,
 *                    year = 15 Dec of the previous year – 14 Dec
 * Both bounds are inclusive ISO dates ("2017-06-30"), so a record dated d
 * is in the period when start <= d <= end (string comparison).
 */
#ifndef SXSH_PERIOD_H
#define SXSH_PERIOD_H

#include "sxsh/err.h"

struct sx_db;

enum sx_period_rule { SX_RULE_CALENDAR = 0, SX_RULE_DECREE_09_2019 };
enum sx_period_kind { SX_PERIOD_S1 = 0, SX_PERIOD_S2, SX_PERIOD_YEAR };

struct sx_period {
	char name[8];              /* "2017S1", "2017S2", "2017" */
	int year;                  /* 2000..2099 */
	enum sx_period_kind kind;
	enum sx_period_rule rule;
	char start[11];            /* first day, inclusive */
	char end[11];              /* last day, inclusive */
};

/* "calendar" / "decree_09_2019". */
const char *period_rule_name(enum sx_period_rule rule);
/* Parses a rule name; SX_INVALID for anything else. */
enum sx_err period_rule_parse(const char *name, enum sx_period_rule *out,
			      struct sx_error *err);
/* "S1", "S2", "Y" as in table period_deadline. */
const char *period_kind_code(enum sx_period_kind kind);

/* Parses a period name under rule and computes its dates.  SX_INVALID
 * (field "period") for anything but YYYY, YYYYS1 or YYYYS2 with a year
 * 2000..2099. */
enum sx_err period_parse(const char *name, enum sx_period_rule rule,
			 struct sx_period *out, struct sx_error *err);

/* The period of kind that contains the ISO date under rule (a date after
 * 14 Dec belongs to the next year's S1 and year under decree_09_2019). */
enum sx_err period_containing(const char *date, enum sx_period_kind kind,
			      enum sx_period_rule rule, struct sx_period *out,
			      struct sx_error *err);

/* The rule the database uses (setting period_rule; calendar if unset).
 * An unknown stored value is SX_INVALID. */
enum sx_err period_rule_of(struct sx_db *db, enum sx_period_rule *out,
			   struct sx_error *err);

/* period_rule_of + period_parse. */
enum sx_err period_resolve(struct sx_db *db, const char *name,
			   struct sx_period *out, struct sx_error *err);

/* The report deadline of p: its end plus days_after_end from table
 * period_deadline for (rule, kind).  SX_NOTFOUND when no row exists. */
enum sx_err period_deadline(struct sx_db *db, const struct sx_period *p,
			    char out[11], struct sx_error *err);

/* The plan of period p: the one whose days contain p's last day, from
 * the plans the province sent (table plan_doc), or before the first
 * sync brought any, the shipped plan of Decision 3182.  *out is
 * released with plan_release.  SX_NOTFOUND (err->msg_vi "Không thuộc kế
 * hoạch nào") when no plan covers the period. */
struct plan;
enum sx_err period_plan(struct sx_db *db, const struct sx_period *p,
			struct plan *out, struct sx_error *err);

/* Sets the deadline of every period kind under rule (a rule name) to
 * days after the period's last day: the province's value. */
enum sx_err period_deadline_set(struct sx_db *db, const char *rule, int days,
				struct sx_error *err);

/* Replaces the plans with those the province sent (plan texts as
 * plan_parse reads them), in one transaction; nothing changes when one
 * does not parse (SX_INVALID). */
enum sx_err period_plans_store(struct sx_db *db, const char *const *texts,
			       const size_t *lens, int n,
			       struct sx_error *err);

/* The calendar year whose consumption rows a report of p counts: for a
 * half-year (S1 or S2 of year Y) the last complete year before it, Y - 1,
 * because a year's figures are gathered after the year ends and the S2
 * report is due before they are; for a year report its own year. */
int period_consumption_year(const struct sx_period *p);

/* The period before p of the same rule: S1 of Y → S2 of Y - 1, S2 → S1,
 * the year Y → Y - 1.  SX_INVALID before 2000. */
enum sx_err period_previous(const struct sx_period *p, struct sx_period *out,
			    struct sx_error *err);

/* Adds days (may be negative) to an ISO date, into out[11].  Returns 0,
 * or -1 when date is not a calendar date. */
int period_add_days(const char *date, int days, char out[11]);

#endif

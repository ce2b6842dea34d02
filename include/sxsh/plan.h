/* plan.h — a plan of the programme as data: the province's decision, its
 * days, its targets per indicator code and the districts' shares of the
 * province totals.  The province holds plans (sxsh-server plan import);
 * districts receive them through the reference endpoint.  A period
 * belongs to the plan whose days contain the period's last day.
 *
 * The plan file is JSON (README, "Plans"):
 *   {"code": "sonla-2021-2025", "title": "…", "decision": "…",
 *    "start": "2021-01-01", "end": "2025-12-31",
 *    "targets": {"T1": "0.95", "T2": 30, "T3": 12, "T4": "1.00"},
 *    "district_shares": {"123": {"T2": 4, "T3": 2}}}
 * Keys other than these are ignored (later versions may add some); an
 * indicator this program does not compute is refused.
 */
#ifndef SXSH_PLAN_H
#define SXSH_PLAN_H

#include <stddef.h>
#include "sxsh/err.h"

#define PLAN_MAX_TARGETS 8

/* How an indicator's target reads: a share of 0–1 (T1, T4), or a count
 * of facilities over the province (T2, T3, which districts may be given
 * shares of). */
enum plan_measure { PLAN_RATE, PLAN_COUNT };

struct plan_target {
	char indicator[8];
	double value;           /* a rate 0–1, or a whole count */
};

struct plan_share {
	char district[8];
	char indicator[8];
	long long value;
};

struct plan {
	char code[48];
	char title[512];
	char decision[256];
	char start[11];         /* first day, cumulative figures count from it */
	char end[11];           /* last day */
	long long version;      /* 0 until the province has stored it (an
				 * optional "version" key of the text) */
	int ntargets;
	struct plan_target targets[PLAN_MAX_TARGETS];
	int nshares;
	struct plan_share *shares;      /* owned; plan_release frees */
};

/* The measure of a known indicator code ("T1".."T4"): 0 and *out set, or
 * -1 when the program does not compute that indicator. */
int plan_indicator_measure(const char *indicator, enum plan_measure *out);

/* Parses and checks a plan file's text: malformed JSON, a missing or
 * wrongly typed key, a bad code or date, end before start, an unknown
 * indicator, a rate outside 0–1, a negative or fractional count, a share
 * of an indicator the plan has no count target for, a district code that
 * is not 3 digits.  SX_INVALID with err->field naming the key
 * ("targets.T5", "district_shares.123.T2") and the message naming it
 * too.  Checks against other data (other plans' days, known districts)
 * are the holder's.  On SX_OK *out is filled; release it with
 * plan_release (also safe after a failure). */
enum sx_err plan_parse(const char *text, size_t len, struct plan *out,
		       struct sx_error *err);
void plan_release(struct plan *p);

/* The plan as canonical JSON text (keys of the file, sorted, rates as
 * strings, "version" when with_version); malloc'd, the caller frees.
 * NULL when out of memory. */
char *plan_to_json(const struct plan *p, int with_version);

/* The target of indicator: 1 and *out set, or 0 when the plan has none. */
int plan_target_of(const struct plan *p, const char *indicator,
		   double *out);
/* The district's share of indicator: 1 and *out set, or 0 when none. */
int plan_share_of(const struct plan *p, const char *district,
		  const char *indicator, long long *out);

/* 1 when day (YYYY-MM-DD) lies within the plan's days. */
int plan_covers(const struct plan *p, const char *day);
/* 1 when the days of a and b have a day in common. */
int plan_overlaps(const struct plan *a, const struct plan *b);
/* 1 when a and b differ in what a report reads: days, targets, shares
 * (code, title and decision aside). */
int plan_targets_differ(const struct plan *a, const struct plan *b);

/* The plan of Decision 3182/QĐ-UBND (2016–2020), shipped as the first
 * plan of both programs: a static plan file text. */
const char *plan_shipped_json(void);

#endif

/* report_province.h — the province's consolidated report: the districts'
 * figures summed, everything else from the province's own data.
 *
 * A district report contributes its figures (indicators and annex rows)
 * and nothing else: the plan, targets, deadline, period days, factors,
 * the province's and the districts' names come from the caller (the
 * server's store).  A report that does not read (report_intake_read), or
 * that is of another period or district, is set aside and named, and
 * the others are still consolidated.
 */
#ifndef SXSH_REPORT_PROVINCE_H
#define SXSH_REPORT_PROVINCE_H

#include <stddef.h>
#include "sxsh/err.h"
#include "sxsh/indicators.h"
#include "sxsh/plan.h"

struct sx_province_ref {
	const char *code, *name;        /* the province */
	const char *period;             /* "2017S1" */
	const char *period_rule;        /* "calendar" */
	const char *period_start, *period_end;
	const char *deadline;           /* "" when none */
	const struct plan *plan;        /* NULL: no plan covers the period */
	const struct sx_factors *factors;
};

struct sx_province_district {
	const char *code, *name;        /* the province's for the district */
	const char *json;               /* its latest revision */
	size_t len;
	/* out */
	int unreadable;                 /* 1 when set aside */
	char why[256];                  /* then: the first bad field */
};

/* The consolidated report of ref->period as canonical JSON (*json
 * malloc'd, *len may be NULL): level "province", the sum of the readable
 * districts, targets from ref->plan (T2/T3 targets the province totals;
 * without a plan "plan" is null and so is every target), "districts"
 * (code, name, revision, sha256, T1–T4) in the given order, and annex
 * rows prefixed by their district's name.  Districts set aside get
 * unreadable = 1 and why, and are not in the document.  Errors: SX_NOMEM
 * only. */
enum sx_err report_consolidate(const struct sx_province_ref *ref,
			       struct sx_province_district *districts, int n,
			       char **json, size_t *len,
			       struct sx_error *err);

#endif

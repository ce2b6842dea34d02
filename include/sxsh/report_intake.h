/* report_intake.h — a district's report as the province reads it: every
 * part the consolidation uses, checked whole.  The server runs it on
 * arrival (POST /v1/reports answers 422 naming the first bad field) and
 * again when it consolidates, so that a report stored by an older
 * version that no longer reads is set aside, never summed.
 */
#ifndef SXSH_REPORT_INTAKE_H
#define SXSH_REPORT_INTAKE_H

#include <stddef.h>
#include "sxsh/err.h"
#include "sxsh/indicators.h"
#include "sxsh/report.h"

struct sx_report_intake {
	struct sx_report_head head;
	struct sx_indicators ind;       /* release with report_intake_release */
	char plan_code[48];             /* "" when the report names no plan */
	long long plan_version;         /* 0 when it names none */
	void *doc;                      /* the parsed JSON (json_t *), owned */
};

/* Reads and checks a district report: a JSON object of schema
 * sxsh.report/1, level "district", district {code (3 digits), name},
 * period, revision >= 1, replaces (null or an earlier revision), plan
 * (null, or {code, version?}), the indicators (every figure a count or
 * decimal of 0 to 10^15, numerators within their denominators, a
 * period's count within its cumulative one) and annexes (lists of flat
 * objects).  SX_INVALID with err->field naming the first bad field; out
 * is filled on SX_OK only, and must then be released. */
enum sx_err report_intake_read(const char *json, size_t len,
			       struct sx_report_intake *out,
			       struct sx_error *err);
void report_intake_release(struct sx_report_intake *r);

#endif

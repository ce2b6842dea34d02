/* report_check.h — what is checked before a report is finalised.
 *
 * report_check looks at a period's draft and the records behind it and
 * lists findings.  A finding has a severity (block: finalising is refused;
 * warn: finalising needs the officer's say-so), a stable code that
 * scripts may rely on, a message in Vietnamese and English, and the uuids
 * of the records it is about (all of one kind, so that the interface can
 * open them).  Codes:
 *   period_open               block  the period has not ended yet
 *   consumption_missing       warn   active facilities with CP potential
 *                                    and no consumption row for the
 *                                    report's consumption year
 *   event_without_facilities  warn   events of the period reaching none
 *   training_without_people   warn   trainings of the period with nobody
 *   solution_without_saving   warn   solutions implemented in the period
 *                                    with no saving entered
 *   outlier                   warn   a figure more than 10× or under a
 *                                    tenth of the previous period's, a
 *                                    facility's consumption 10× off its
 *                                    previous year, or energy used with
 *                                    no output
 * The JSON form is {"findings": [{"severity", "code", "message", "kind",
 * "records": [uuid, …]}, …]}, findings in the order above.
 */
#ifndef SXSH_REPORT_CHECK_H
#define SXSH_REPORT_CHECK_H

#include "sxsh/err.h"

struct sx_db;

enum sx_severity { SX_SEVERITY_BLOCK = 0, SX_SEVERITY_WARN };

struct sx_finding {
	enum sx_severity severity;
	char code[32];
	char kind[16];           /* record kind of records ("facility"), or "" */
	char msg_vi[320];
	char msg_en[320];
	char (*records)[37];     /* owned uuids */
	int nrecords;
};

/* A list of findings; owns its items.  Initialise with {0}. */
struct sx_check {
	struct sx_finding *items;
	int n;
};

/* Checks period (e.g. "2026S2") of the district in db, today being the
 * local date (SXSH_NOW honoured).  out is released and refilled.
 * SX_INVALID for a bad period name; SX_DB / SX_NOMEM otherwise. */
enum sx_err report_check(struct sx_db *db, const char *period,
			 struct sx_check *out, struct sx_error *err);

void report_check_release(struct sx_check *c);

/* Number of findings of severity sev. */
int report_check_count(const struct sx_check *c, enum sx_severity sev);

/* The first finding of severity sev, or NULL. */
const struct sx_finding *report_check_first(const struct sx_check *c,
					    enum sx_severity sev);

/* "block" / "warn". */
const char *report_check_severity_name(enum sx_severity sev);

/* The findings as JSON (see above), messages in lang ("vi" or "en");
 * *out malloc'd, caller frees. */
enum sx_err report_check_json(const struct sx_check *c, const char *lang,
			      char **out, struct sx_error *err);

#endif

/* report_diff.h — what changed between two forms of a period's report:
 * two finalised revisions, or a revision and the live draft.
 *
 * The lines say the indicator, figure or narrative line and its two
 * values, in the report's number format: "T4 5/7 → 6/8 (71,4% → 75,0%)",
 * "Hoạt động · Lớp tập huấn · kinh phí (đồng): 12.500.000 → 14.000.000",
 * "Khó khăn, vướng mắc: + Thiếu kinh phí", "Phụ lục 2: − 30/06/2017 ·
 * Tập huấn …".  The revision number and what it replaces are not
 * changes and are not listed.
 */
#ifndef SXSH_REPORT_DIFF_H
#define SXSH_REPORT_DIFF_H

#include "sxsh/err.h"

struct sx_db;

/* The draft, where a revision number is expected. */
#define SX_REPORT_DRAFT 0

/* Which two forms to compare when from or to is -1 (not given):
 *   neither: the latest revision against the draft when the draft has
 *     changed since, else the last two revisions (else the latest
 *     against the draft, which then shows no change);
 *   only from: from against the latest revision, or the draft when from
 *     is the latest;
 *   only to: the revision before to (to = draft: the latest).
 * SX_NOTFOUND when nothing was finalised in the period or a revision
 * given does not exist; SX_INVALID when from is not older than to. */
enum sx_err report_diff_pick(struct sx_db *db, const char *period, int *from,
			     int *to, struct sx_error *err);

/* The changes from revision from to revision to (SX_REPORT_DRAFT: the
 * draft) of period, as text lines in lang ("vi" or "en"), headed by what
 * is compared; "no change" is said in words.  *out malloc'd (caller
 * frees); *nchanges (may be NULL) the number of changed lines. */
enum sx_err report_diff(struct sx_db *db, const char *period, int from,
			int to, const char *lang, char **out, int *nchanges,
			struct sx_error *err);

/* The change lines between two report JSON documents (no heading).
 * SX_INVALID when either is not an sxsh.report/1 document. */
enum sx_err report_diff_json(const char *old_json, const char *new_json,
			     const char *lang, char **out, int *nchanges,
			     struct sx_error *err);

#endif

/* report_answer.c — the province's answers still in view: for each period
 * whose latest revision the province accepted or returned, that revision.
 * An older answer that a newer revision replaced is history, not news,
 * so only the latest revision of a period counts. */
#include <stdlib.h>
#include <string.h>
#include "sxsh/report.h"

enum sx_err report_answer_list(struct sx_db *db, struct sx_report_rev **out,
			       int *n, struct sx_error *err)
{
	struct sx_report_rev *revs = NULL, *kept = NULL;
	int count = 0, nkept = 0;
	enum sx_err e;

	*out = NULL;
	*n = 0;
	if ((e = report_list(db, NULL, NULL, &revs, &count, err)))
		return e;
	if (count && !(kept = malloc((size_t)count * sizeof *kept))) {
		free(revs);
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	}
	/* report_list is by period then revision: walk it backwards so that
	 * the newest period comes first and each period's latest is seen
	 * before its older revisions */
	for (int i = count - 1; i >= 0; i--) {
		int latest = i == count - 1 ||
			     strcmp(revs[i].period, revs[i + 1].period);
		if (latest && (!strcmp(revs[i].status, "accepted") ||
			       !strcmp(revs[i].status, "returned")))
			kept[nkept++] = revs[i];
	}
	free(revs);
	if (!nkept) {
		free(kept);
		return SX_OK;
	}
	*out = kept;
	*n = nkept;
	return SX_OK;
}

/* report_findings.h — the check's findings listed before a report is
 * finalised (screen 7, f): each warning in full, the officer opens the
 * records behind it one by one (Enter), then confirms (c) or goes back
 * (Esc).  Blocking findings never get here: f refuses with the message.
 */
#ifndef SXSH_TUI_REPORT_FINDINGS_H
#define SXSH_TUI_REPORT_FINDINGS_H

#include "app.h"
#include "sxsh/report_check.h"

struct report_findings {
	char period[8];
	struct sx_check check;
	int sel;                 /* the finding picked (↑↓) */
	int *next;               /* per finding: the record Enter opens next */
	int stale;               /* records changed: check again */
};

enum findings_result { FINDINGS_KEEP, FINDINGS_CLOSE, FINDINGS_CONFIRM };

/* Takes check (ownership moves; *check is left empty) for period. */
int report_findings_open(struct report_findings *f, const char *period,
			 struct sx_check *check);
void report_findings_release(struct report_findings *f);
void report_findings_draw(struct app *app, struct report_findings *f,
			  int top, int rows);
enum findings_result report_findings_key(struct app *app,
					 struct report_findings *f, int key);

#endif

/* dashcalc.h — the dashboard's figures (record counts, outbox size, T1–T4)
 * computed away from the event loop.
 *
 * On a large district (100,000 facilities, a million related rows) these
 * aggregate queries take seconds, and the UI must paint at once and keep
 * taking keys.  So a child process, with its own read-only connection to
 * the database file, computes them and writes one fixed-size answer into
 * a pipe that the loop polls beside the keyboard.  The parent's SQLite
 * connection is never used in the child (SQLite forbids carrying one
 * across fork), and the child leaves with _exit, running no atexit
 * handler (the terminal stays the parent's).
 */
#ifndef SXSH_TUI_DASHCALC_H
#define SXSH_TUI_DASHCALC_H

#include <sys/types.h>
#include "sxsh/indicators.h"
#include "sxsh/record.h"

struct dash_figures {
	int ok;                       /* 0: the child failed */
	long long counts[SXK_COUNT];
	long long pending, rejected;
	long long conflicts;          /* open sync conflicts */
	int have_ind;
	struct sx_ratio t1, t4;
	struct sx_count_target t2, t3;
	double ms;                    /* how long the child took */
};

struct dashcalc {
	pid_t pid;                    /* 0 when idle */
	int fd;                       /* read end, -1 when idle */
	size_t got;
	struct dash_figures buf;
};

void dashcalc_init(struct dashcalc *c);
/* Starts a computation for period_name ("2026S2", or "" for counts only)
 * of the database at db_path.  Returns 0, -1 if it could not start (the
 * caller may compute in-process instead). */
int dashcalc_start(struct dashcalc *c, const char *db_path,
		   const char *period_name);
/* Reads what arrived (call when c->fd is readable).  Returns 1 and fills
 * out when the answer is complete, -1 when the child failed, 0 while
 * waiting. */
int dashcalc_read(struct dashcalc *c, struct dash_figures *out);
/* The child's side: computes and writes the answer on stdout.  Returns
 * the exit status. */
int dashcalc_child(const char *db_path, const char *period_name);
/* Stops a running child and reaps it. */
void dashcalc_stop(struct dashcalc *c);

#endif

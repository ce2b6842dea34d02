/* apply.h — applying what the server sent through core: pulled rows and
 * the resolution of conflicts.  Internal to sync/.
 *
 * A pulled row is, in this order:
 *   skipped    when the local record already has server_rev ≥ its rev
 *              (our own push coming back, or an older version);
 *   a conflict when the local record has unsent changes (an outbox
 *              entry): stored in sync_conflict, the entry held back;
 *   waiting    when it refers to a record this database lacks yet: kept
 *              in memory and retried after each page; the stored cursor
 *              stays below it, so a later sync pulls it again;
 *   a conflict when it would give a tax code or a (facility, year) to a
 *              second live record;
 *   applied    otherwise, with its server_rev and no change-log entry.
 */
#ifndef SXSH_SYNC_APPLY_H
#define SXSH_SYNC_APPLY_H

#include "sxsh/err.h"
#include "sxsh/record.h"

struct sx_db;

struct apply_state {
	struct sx_record **waiting;  /* owned */
	int nwaiting, cap;
	long long applied, skipped, conflicts;
};

void apply_state_release(struct apply_state *st);

/* Applies a page of rows (borrowed) in one transaction together with
 * the new stored cursor ("pull_cursor"): next, or below the oldest row
 * still waiting.  st's counts grow only by what was committed. */
enum sx_err apply_page(struct sx_db *db, struct apply_state *st,
		       struct sx_record *const *rows, int n, long long next,
		       struct sx_error *err);

/* The outcome of one pushed change that came back "conflict": stores
 * the server's row as a conflict and holds the outbox entry. */
enum sx_err apply_push_conflict(struct sx_db *db,
				const struct sx_record *server_row,
				struct sx_error *err);

#endif

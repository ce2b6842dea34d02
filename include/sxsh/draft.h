/* draft.h — forms being edited in the terminal UI, saved as they are
 * typed so that a crash or a power cut loses nothing.
 *
 * A draft is a record of some kind whose values are the texts the user
 * typed, not yet validated or canonical ("1.234,5", "31/12/2017").  It
 * lives in the local form_draft table only: never synced, never in the
 * change log.  The UI writes the draft on every field change, removes it
 * when the form is saved or discarded, and offers the newest one back at
 * the next start.
 */
#ifndef SXSH_DRAFT_H
#define SXSH_DRAFT_H

#include "sxsh/err.h"
#include "sxsh/record.h"

struct sx_db;

/* Writes rec's values (and its uuid: "" for a record not saved yet) as
 * draft *id; *id == 0 inserts a new draft and sets *id. */
enum sx_err draft_save(struct sx_db *db, long long *id,
		       const struct sx_record *rec, struct sx_error *err);

/* The newest draft: *out is a new record (free with record_free) whose
 * values are the typed texts, *id its draft id.  SX_NOTFOUND when there is
 * none. */
enum sx_err draft_latest(struct sx_db *db, long long *id,
			 struct sx_record **out, struct sx_error *err);

/* Removes draft id (nothing happens if it is gone). */
enum sx_err draft_discard(struct sx_db *db, long long id,
			  struct sx_error *err);

#endif

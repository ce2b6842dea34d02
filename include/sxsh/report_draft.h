/* report_draft.h — the report's narrative texts while they are being
 * typed, kept so that a crash or kill -9 loses nothing (as draft.h does
 * for record forms).
 *
 * One draft at a time (there is one narrative editor): the period and
 * its three texts, as typed, in the local settings (never synced).  The
 * interface writes it after every change, removes it when the texts are
 * saved or discarded, and offers it back at the next start.
 */
#ifndef SXSH_REPORT_DRAFT_H
#define SXSH_REPORT_DRAFT_H

#include "sxsh/err.h"

struct sx_db;

/* texts: results, difficulties, proposals (NULL is ""). */
enum sx_err report_draft_save(struct sx_db *db, const char *period,
			      const char *const texts[3],
			      struct sx_error *err);

/* The draft: period into period[8], the three texts malloc'd into
 * texts[] (caller frees).  SX_NOTFOUND when there is none (or what is
 * stored is not a draft: it is then removed). */
enum sx_err report_draft_get(struct sx_db *db, char period[8],
			     char *texts[3], struct sx_error *err);

/* Removes the draft (nothing happens when there is none). */
enum sx_err report_draft_discard(struct sx_db *db, struct sx_error *err);

#endif

/* autobackup.h — the automatic daily backup taken at start-up.
 *
 * Backups live in the "backups" folder beside the database, named
 * "sxsh-YYYYmmddTHHMMSSZ.db" (UTC, so that names sort by time).  One is
 * taken when the newest is more than a day old (or there is none); the
 * newest AUTOBACKUP_KEEP are kept and older ones removed.
 */
#ifndef SXSH_AUTOBACKUP_H
#define SXSH_AUTOBACKUP_H

#include <stddef.h>
#include "sxsh/err.h"

struct sx_db;

#define AUTOBACKUP_KEEP 7

/* Takes the daily backup of db if one is due.  *taken (may be NULL) is
 * set to 1 when a backup was written; path (may be NULL) gets its path.
 * Honours SXSH_NOW (see db.h) for the clock.  Errors: SX_DB when the
 * folder or the copy cannot be written (the database is untouched). */
enum sx_err autobackup_run(struct sx_db *db, int *taken, char *path,
			   size_t path_sz, struct sx_error *err);

/* The backups folder of db into out ("<dir of db>/backups"). */
void autobackup_dir(struct sx_db *db, char *out, size_t outsz);

#endif

/* restore.h — putting a backup back in place of the database.
 *
 * The backup is checked first: an SQLite file that passes integrity and
 * foreign-key checks, holds sxsh's tables, and whose schema version is
 * not newer than this program's.  It is then copied (SQLite backup API)
 * next to the database and renamed over it; the file it replaces is kept
 * beside it as "<db>.replaced-YYYYmmddHHMMSS".  A database another
 * process has open is not replaced.
 */
#ifndef SXSH_RESTORE_H
#define SXSH_RESTORE_H

#include <stddef.h>
#include "sxsh/err.h"

/* Checks that backup_path is a sound sxsh database this program can
 * open.  *schema_version (may be NULL) gets its version.  SX_INVALID
 * with the reason. */
enum sx_err restore_check(const char *backup_path, int *schema_version,
			  struct sx_error *err);

/* Replaces the database at db_path with backup_path.  kept (may be NULL)
 * receives the path of the replaced file ("" when there was none).
 * SX_INVALID for a bad backup (nothing changed), SX_DB when the database
 * is in use or the files cannot be moved. */
enum sx_err restore_file(const char *db_path, const char *backup_path,
			 char *kept, size_t kept_sz, struct sx_error *err);

#endif

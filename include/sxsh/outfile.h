/* outfile.h — writing a file the user named (an export, a backup, the
 * rejected rows of an import): whole or not at all, and without harming
 * what the name stands for.
 *
 * A regular file, or a new name, is written beside under a temporary name
 * and renamed into place only when complete, so a failure or a power cut
 * never leaves half a file under the wanted name.  A symbolic link is
 * followed: the file it points to is replaced and the link stays.  An
 * existing name that is not a regular file (a device such as /dev/null, a
 * pipe) is written in place, as renaming over it would replace the device
 * with a plain file.  Every file is created with mode 0600.
 */
#ifndef SXSH_OUTFILE_H
#define SXSH_OUTFILE_H

#include <stdio.h>
#include "sxsh/err.h"

enum sx_target {
	SX_TARGET_FILE,     /* write beside and rename into *resolved */
	SX_TARGET_SPECIAL   /* write in place */
};

/* What path stands for, and in *resolved (outsz bytes) the name to
 * replace when it is a file: path with symbolic links followed. */
enum sx_target sx_output_target(const char *path, char *resolved,
				size_t outsz);

struct sx_outfile {
	FILE *f;            /* write here */
	enum sx_target target;
	char path[4096];    /* the file finally written */
	char tmp[4200];     /* the temporary name, for SX_TARGET_FILE */
};

/* Opens path for writing.  SX_DB with err filled (the name and the
 * reason, Vietnamese and English) when it cannot. */
enum sx_err sx_outfile_open(struct sx_outfile *o, const char *path,
			    struct sx_error *err);

/* Flushes to disk and puts the file in place; closes o either way. */
enum sx_err sx_outfile_commit(struct sx_outfile *o, struct sx_error *err);

/* Closes o and removes the temporary file: the name keeps what it had. */
void sx_outfile_abort(struct sx_outfile *o);

/* Makes sure path exists and is readable and writable by its owner only,
 * before anything is written to it: creates it empty with mode 0600 (the
 * umask cannot widen that), or takes group and other bits off an
 * existing file, and the same for its SQLite companions path-wal and
 * path-shm when they exist.  Every file either program writes goes
 * through here or through sx_outfile_open, which uses it: a file opened
 * by another user while it was being filled would stay readable to them
 * after a later chmod.  SX_DB when path cannot be created. */
enum sx_err sx_outfile_private(const char *path, struct sx_error *err);

#endif

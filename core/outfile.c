/* outfile.c — files the user names, written whole (see outfile.h).
 *
 * Written after "sxsh export … -o /dev/null" replaced the machine's
 * /dev/null with a plain file: the export wrote beside the name and
 * renamed over it, as it should for a spreadsheet, but not for a device.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sxsh/outfile.h"

/* Where the symbolic link path points, relative targets taken from the
 * link's folder; resolved is left alone when that cannot be read. */
static void link_target(const char *path, char *resolved, size_t outsz)
{
	char to[4096];
	const char *slash = strrchr(path, '/');
	ssize_t n = readlink(path, to, sizeof to - 1);

	if (n <= 0)
		return;
	to[n] = '\0';
	if (to[0] == '/' || !slash)
		snprintf(resolved, outsz, "%s", to);
	else
		snprintf(resolved, outsz, "%.*s/%s", (int)(slash - path),
			 path, to);
}

enum sx_target sx_output_target(const char *path, char *resolved,
				size_t outsz)
{
	struct stat st;
	char *real;

	snprintf(resolved, outsz, "%s", path);
	if (stat(path, &st) != 0) {
		/* a new name, or a link to a file not made yet: the file
		 * is made where the link points */
		if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
			link_target(path, resolved, outsz);
		return SX_TARGET_FILE;
	}
	if (!S_ISREG(st.st_mode))
		return SX_TARGET_SPECIAL;
	real = realpath(path, NULL);
	if (real && strlen(real) < outsz)
		snprintf(resolved, outsz, "%s", real);
	free(real);
	return SX_TARGET_FILE;
}

static enum sx_err cannot_write(const char *path, int errnum,
				struct sx_error *err)
{
	char vi[256];

	snprintf(vi, sizeof vi, "Không ghi được tệp %s: %s", path,
		 strerror(errnum));
	return sx_error_set(err, SX_DB, NULL, vi, "cannot write %s: %s", path,
			    strerror(errnum));
}

enum sx_err sx_outfile_open(struct sx_outfile *o, const char *path,
			    struct sx_error *err)
{
	memset(o, 0, sizeof *o);
	o->target = sx_output_target(path, o->path, sizeof o->path);
	if (o->target == SX_TARGET_SPECIAL) {
		o->f = fopen(path, "wb");
		return o->f ? SX_OK : cannot_write(path, errno, err);
	}
	if (snprintf(o->tmp, sizeof o->tmp, "%s.tmp-%ld", o->path,
		     (long)getpid()) >= (int)sizeof o->tmp)
		return cannot_write(path, ENAMETOOLONG, err);
	unlink(o->tmp);
	int fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	o->f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (!o->f) {
		int saved = errno;
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		return cannot_write(path, saved, err);
	}
	return SX_OK;
}

enum sx_err sx_outfile_private(const char *path, struct sx_error *err)
{
	static const char *const suffix[] = {"", "-wal", "-shm"};
	char name[4200];
	struct stat st;

	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0) {
		close(fd);
		return SX_OK;
	}
	if (errno != EEXIST)
		return cannot_write(path, errno, err);
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		snprintf(name, sizeof name, "%s%s", path, suffix[i]);
		if (stat(name, &st) == 0 && S_ISREG(st.st_mode) &&
		    (st.st_mode & 077))
			chmod(name, st.st_mode & 0700);
	}
	return SX_OK;
}

enum sx_err sx_outfile_commit(struct sx_outfile *o, struct sx_error *err)
{
	int ok = o->f && fflush(o->f) == 0;
	int saved;

	/* a device or a pipe cannot always be synced; a file must be */
	if (ok && o->target == SX_TARGET_FILE && fsync(fileno(o->f)) != 0)
		ok = 0;
	saved = errno;
	if (o->f && fclose(o->f) != 0 && ok) {
		ok = 0;
		saved = errno;
	}
	o->f = NULL;
	if (ok && o->target == SX_TARGET_FILE && rename(o->tmp, o->path)) {
		ok = 0;
		saved = errno;
	}
	if (!ok) {
		if (o->target == SX_TARGET_FILE)
			unlink(o->tmp);
		return cannot_write(o->path, saved, err);
	}
	return SX_OK;
}

void sx_outfile_abort(struct sx_outfile *o)
{
	if (o->f)
		fclose(o->f);
	o->f = NULL;
	if (o->target == SX_TARGET_FILE && o->tmp[0])
		unlink(o->tmp);
}

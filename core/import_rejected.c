/* import_rejected.c — the file of rejected rows an import with
 * skip_invalid leaves beside its source, shared by the command line and
 * the import screen so that both put it in the same place. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sxsh/import.h"

void import_rejected_path(const char *file, char *out, size_t outsz)
{
	const char *dot = strrchr(file, '.');
	const char *slash = strrchr(file, '/');
	int stem = dot && (!slash || dot > slash) && dot != file &&
		   (!slash || dot > slash + 1)
		   ? (int)(dot - file) : (int)strlen(file);

	snprintf(out, outsz, "%.*s.rejected.csv", stem, file);
}

enum sx_err import_write_rejected(const struct import_result *result,
				  const char *path, struct sx_error *err)
{
	char tmp[4200], vi[256];
	size_t n = result->rejected_len;
	FILE *f;
	int ok;

	if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
		return sx_error_set(err, SX_USAGE, NULL,
				    "Đường dẫn quá dài", "path too long");
	f = fopen(tmp, "wb");
	ok = f && fwrite(result->rejected_csv, 1, n, f) == n &&
	     fflush(f) == 0 && fsync(fileno(f)) == 0;
	if (f && fclose(f) != 0)
		ok = 0;
	if (ok && rename(tmp, path) == 0)
		return SX_OK;
	{
		int saved = errno;
		unlink(tmp);
		snprintf(vi, sizeof vi, "Không ghi được tệp %s: %s", path,
			 strerror(saved));
		return sx_error_set(err, SX_DB, NULL, vi, "cannot write %s: %s",
				    path, strerror(saved));
	}
}

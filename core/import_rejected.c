/* import_rejected.c — the file of rejected rows an import with
 * skip_invalid leaves beside its source, shared by the command line and
 * the import screen so that both put it in the same place. */
#include <stdio.h>
#include <string.h>
#include "sxsh/import.h"
#include "sxsh/outfile.h"

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
	struct sx_outfile o;
	size_t n = result->rejected_len;
	enum sx_err e = sx_outfile_open(&o, path, err);

	if (e)
		return e;
	if (fwrite(result->rejected_csv, 1, n, o.f) != n) {
		sx_outfile_abort(&o);
		return sx_error_set(err, SX_DB, NULL, "Không ghi được tệp",
				    "cannot write %s", path);
	}
	return sx_outfile_commit(&o, err);
}

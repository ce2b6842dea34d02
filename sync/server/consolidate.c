/* consolidate.c — placeholder until the consolidation lands. */
#include <stdio.h>
#include "sxsh/server.h"

enum sx_err consolidate_write(struct srv_store *st, const char *period,
			      enum consolidate_format fmt, void *out_file,
			      struct sx_error *err)
{
	(void)st; (void)period; (void)fmt; (void)out_file;
	return sx_error_set(err, SX_USAGE, "", NULL, "not yet");
}

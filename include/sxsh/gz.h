/* gz.h — gzip with a bound on what it inflates: request and reply bodies
 * of sync, both programs. */
#ifndef SXSH_GZ_H
#define SXSH_GZ_H

#include <stddef.h>
#include "sxsh/err.h"

/* Inflates a gzip stream into a malloc'd, NUL-terminated buffer of at most
 * max bytes.  SX_INVALID for a corrupt stream, SX_REFUSED when it would
 * exceed max, SX_NOMEM. */
enum sx_err gz_inflate(const char *in, size_t n, size_t max, char **out,
		       size_t *out_len, struct sx_error *err);
/* gzip-compresses into a malloc'd buffer. */
enum sx_err gz_deflate(const char *in, size_t n, char **out,
		       size_t *out_len, struct sx_error *err);

#endif

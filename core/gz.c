/* gz.c — gzip for request and response bodies, with a hard size cap so a
 * small compressed body cannot inflate into unbounded memory. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "sxsh/gz.h"

enum sx_err gz_inflate(const char *in, size_t n, size_t max, char **out,
		       size_t *out_len, struct sx_error *err)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return sx_error_set(err, SX_NOMEM, "", NULL, "inflateInit");
	size_t cap = n * 4 + 1024;
	if (cap > max + 1)
		cap = max + 1;
	char *buf = malloc(cap + 1);
	enum sx_err rc = SX_OK;
	if (!buf) {
		rc = sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
		goto done;
	}
	z.next_in = (unsigned char *)in;
	z.avail_in = (uInt)n;
	size_t len = 0;
	for (;;) {
		if (len == cap) {
			if (cap > max) {
				rc = sx_error_set(err, SX_REFUSED, "", NULL,
						  "body inflates to more than"
						  " %zu bytes", max);
				goto done;
			}
			size_t ncap = cap * 2 > max + 1 ? max + 1 : cap * 2;
			char *nb = realloc(buf, ncap + 1);
			if (!nb) {
				rc = sx_error_set(err, SX_NOMEM, "", NULL,
						  "out of memory");
				goto done;
			}
			buf = nb;
			cap = ncap;
		}
		z.next_out = (unsigned char *)buf + len;
		z.avail_out = (uInt)(cap - len);
		int r = inflate(&z, Z_NO_FLUSH);
		len = cap - z.avail_out;
		if (r == Z_STREAM_END) {
			if (z.avail_in != 0) {
				rc = sx_error_set(err, SX_INVALID, "", NULL,
						  "bytes after the gzip"
						  " stream");
				goto done;
			}
			break;
		}
		if (r == Z_BUF_ERROR && z.avail_in == 0) {
			rc = sx_error_set(err, SX_INVALID, "", NULL,
					  "truncated gzip stream");
			goto done;
		}
		if (r != Z_OK && r != Z_BUF_ERROR) {
			rc = sx_error_set(err, SX_INVALID, "", NULL,
					  "corrupt gzip stream: %s",
					  z.msg ? z.msg : "?");
			goto done;
		}
	}
	if (len > max) {
		rc = sx_error_set(err, SX_REFUSED, "", NULL,
				  "body inflates to more than %zu bytes", max);
		goto done;
	}
	buf[len] = '\0';
	*out = buf;
	*out_len = len;
	buf = NULL; /* handed to the caller */
done:
	inflateEnd(&z);
	free(buf);
	return rc;
}

enum sx_err gz_deflate(const char *in, size_t n, char **out,
		       size_t *out_len, struct sx_error *err)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		return sx_error_set(err, SX_NOMEM, "", NULL, "deflateInit");
	size_t cap = deflateBound(&z, n) + 32;
	char *buf = malloc(cap);
	if (!buf) {
		deflateEnd(&z);
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	}
	z.next_in = (unsigned char *)in;
	z.avail_in = (uInt)n;
	z.next_out = (unsigned char *)buf;
	z.avail_out = (uInt)cap;
	int r = deflate(&z, Z_FINISH);
	*out_len = z.total_out;
	deflateEnd(&z);
	if (r != Z_STREAM_END) {
		free(buf);
		return sx_error_set(err, SX_NOMEM, "", NULL, "deflate failed");
	}
	*out = buf;
	return SX_OK;
}

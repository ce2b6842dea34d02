/* transport.h — HTTPS requests to the provincial server over libcurl's
 * multi interface, one request at a time on one easy handle, so that a
 * whole sync reuses one TLS connection.  Knows nothing of the protocol:
 * it moves a JSON body out (gzip-compressed) and a body back.
 *
 * Internal to sync/: the header names no curl type, so the client state
 * machine and the tests can use it without curl's headers.
 *
 * Error classes of a finished request (transport_result.code):
 *   SX_OK       an HTTP response arrived (any status: the caller judges it)
 *   SX_NET      no route, refused connection, timeout, reset, truncated or
 *               empty reply, bad compressed data: retry later
 *   SX_REFUSED  TLS failure: certificate not trusted, wrong host name,
 *               pinned key mismatch, or a plain http:// URL without the
 *               development flag: the user must fix the configuration
 *   SX_NOMEM
 */
#ifndef SXSH_SYNC_TRANSPORT_H
#define SXSH_SYNC_TRANSPORT_H

#include <stddef.h>
#include "sxsh/err.h"

struct transport;

struct transport_options {
	const char *base_url;     /* "https://host:port" (no trailing path) */
	const char *token;        /* sent as "Authorization: Bearer …" */
	const char *ca_file;      /* NULL: the system store */
	const char *pin;          /* "sha256//BASE64;…" or NULL */
	int insecure_dev;         /* no verification, http:// allowed */
	long connect_timeout_s;   /* 0 → 20 */
	long low_speed_limit;     /* bytes/s; 0 → 10 */
	long low_speed_time_s;    /* below the limit this long fails; 0 → 60 */
	size_t max_response;      /* bytes after decoding; 0 → 32 MiB */
};

struct transport_result {
	enum sx_err code;
	long http_status;         /* 0 when no response */
	char *body;               /* NUL-terminated, owned by the transport,
				   * valid until the next transport_start */
	size_t body_len;
	struct sx_error err;      /* filled when code != SX_OK */
};

/* Bytes counted over the life of the transport (what went over the
 * socket, request and response headers included, bodies as sent). */
struct transport_stats {
	long long requests;
	long long bytes_up;
	long long bytes_down;
	long long connects;       /* new connections opened */
};

/* Copies the options.  Refuses a base URL that is not https:// unless
 * insecure_dev.  Free with transport_free. */
enum sx_err transport_new(const struct transport_options *opt,
			  struct transport **out, struct sx_error *err);
void transport_free(struct transport *t);

/* Starts one request: method "GET" or "POST", path beginning with "/"
 * (appended to base_url).  A POST body (JSON text) is gzip-compressed
 * and sent with Content-Encoding: gzip.  Refuses with SX_INVALID while a
 * request is still in flight. */
enum sx_err transport_start(struct transport *t, const char *method,
			    const char *path, const char *body,
			    size_t body_len, struct sx_error *err);

/* 1 while a request is in flight. */
int transport_busy(const struct transport *t);

/* Waits up to timeout_ms for network activity or for extra_fd (< 0: none)
 * to become readable (*fd_ready = 1).  Returns SX_OK, or SX_NET when the
 * poll itself failed. */
enum sx_err transport_wait(struct transport *t, int extra_fd, int timeout_ms,
			   int *fd_ready, struct sx_error *err);

/* Drives the transfer.  Returns 1 when the request has finished (out is
 * filled), 0 while it is still running or none is in flight. */
int transport_step(struct transport *t, struct transport_result *out);

void transport_stats(const struct transport *t, struct transport_stats *out);

#endif

/* http.h — the server's HTTPS front: libmicrohttpd with GnuTLS, routing,
 * bearer tokens, body limits, gzip, request log and SIGTERM drain. */
#ifndef SXSH_SERVER_HTTP_H
#define SXSH_SERVER_HTTP_H

#include "store.h"

/* Limits of PROTOCOL.md on a request body. */
#define SRV_MAX_BODY      (4u * 1024 * 1024)   /* as sent */
#define SRV_MAX_INFLATED  (16u * 1024 * 1024)  /* after gunzip */
#define SRV_MAX_DEPTH     32

struct http_options {
	const char *listen;     /* "127.0.0.1:8443" */
	const char *desk_listen; /* NULL: the desk is on listen too */
	const char *cert_pem;   /* contents, not paths */
	const char *key_pem;
	unsigned threads;       /* 0 → 4 */
};

/* Serves until SIGTERM or SIGINT, then stops accepting, lets requests in
 * flight finish (up to 30 s) and returns SX_OK.  The caller must have
 * blocked SIGTERM and SIGINT in every thread (http_block_signals) before
 * creating any thread. */
enum sx_err http_serve(struct srv_store *st, const struct http_options *o,
		       struct sx_error *err);
void http_block_signals(void);

#endif

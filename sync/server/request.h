/* request.h — what the server checks of a request and how it dispatches
 * it, apart from libmicrohttpd (http.c) so that the fuzz target
 * (tests/fuzz/fuzz_server.c) drives the same code as the daemon. */
#ifndef SXSH_SERVER_REQUEST_H
#define SXSH_SERVER_REQUEST_H

#include <stddef.h>
#include "call.h"

struct json_t;

/* Structural tokens ({ [ , :) in one body: bounds what parsing it may
 * allocate (a 16 MiB text of "{}," would otherwise cost over 1 GB).  The
 * largest legal push (500 changes of every field) has about 40,000. */
#define SRV_MAX_TOKENS    200000

/* One request as the HTTP layer sees it. */
struct request_in {
	const char *method;
	const char *path;       /* decoded, without the query string */
	int bad_uri;            /* the raw URI had %00 */
	const char *(*header)(void *ctx, const char *name);
	const char *(*query)(void *ctx, const char *key);
	void *ctx;
};

struct request_route;

/* Route (404/405, 400 for a path with control characters), token (401)
 * and announced length (413), before any body byte is read.  Returns 1
 * to go on with *route_out and *who filled; 0 with c's error reply set. */
int request_preflight(struct srv_store *st, const struct request_in *in,
		      const struct request_route **route_out,
		      struct store_district *who, struct srv_call *c);
/* Decodes the body (gzip, JSON, limits) and runs the route's handler;
 * fills c.  body may be NULL for a GET; too_large: more than
 * SRV_MAX_BODY arrived.  Returns the size of the body after inflating
 * (0 for none), so the caller knows a request was big. */
size_t request_handle(struct srv_store *st, const struct request_in *in,
		      const struct request_route *route,
		      const struct store_district *who, const char *body,
		      size_t len, int too_large, struct srv_call *c);

/* Builds the JSON value of a request body: refuses (SX_REFUSED) more than
 * SRV_MAX_TOKENS structural tokens before parsing, and nesting deeper
 * than SRV_MAX_DEPTH; SX_INVALID with the parser's message in err.  The
 * caller owns *out. */
enum sx_err request_parse_body(const char *text, size_t len,
			       struct json_t **out, struct sx_error *err);

#endif

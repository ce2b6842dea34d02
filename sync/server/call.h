/* call.h — one request to the provincial server after transport,
 * authentication and body decoding (call.c), and the endpoints that
 * answer it, one file each.  The wire format is sync/PROTOCOL.md. */
#ifndef SXSH_SERVER_CALL_H
#define SXSH_SERVER_CALL_H

#include "store.h"

struct json_t;

/* Pages of GET /v1/pull (PROTOCOL.md). */
#define SRV_PULL_DEFAULT  500
#define SRV_PULL_MAX      1000

/* One request, after transport, authentication and body decoding. */
struct srv_call {
	struct srv_store *st;
	const struct store_district *district;
	struct json_t *body;     /* parsed request body; NULL for GET */
	const char *(*query)(void *ctx, const char *key);
	void *query_ctx;
	/* out */
	int status;
	struct json_t *reply;   /* owned by the call; call_release frees */
};

/* Sets an error reply {"error":{"code","message"}} and returns status. */
int call_error(struct srv_call *c, int status, const char *code,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Sets a success reply (takes ownership of body). */
int call_reply(struct srv_call *c, int status, struct json_t *body);
void call_release(struct srv_call *c);

/* The endpoints; each fills c->status and c->reply. */
void push_handle(struct srv_call *c);       /* POST /v1/push */
void pull_handle(struct srv_call *c);       /* GET  /v1/pull */
void submit_handle(struct srv_call *c);     /* POST /v1/reports */
void submit_status(struct srv_call *c);     /* GET  /v1/reports/status */
void reference_handle(struct srv_call *c);  /* GET  /v1/reference */
void reference_me(struct srv_call *c);      /* GET  /v1/me */

/* A stored row as the protocol's JSON object {seq?, kind, uuid, rev,
 * deleted, fields}; NULL on OOM.  Caller owns the result. */
struct json_t *push_row_json(const struct store_row *row, int with_seq);

/* 1 when s is a period name: YYYYS1, YYYYS2 or YYYY, 2000–2099. */
int submit_period_valid(const char *s);

#endif

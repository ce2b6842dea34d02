/* request.c — what the server checks of a request and how it dispatches
 * it, apart from libmicrohttpd (http.c) so that the fuzz target drives the
 * same code: route (404/405/400) → token (401) → announced length (413) →
 * body encoding (411/413/415/400) → bounded JSON (413/400) → the
 * endpoint's handler in its own file.
 *
 * Memory is bounded before anything is built: the body as sent is at most
 * SRV_MAX_BODY, inflated at most SRV_MAX_INFLATED, and the JSON text is
 * scanned for its token count and depth before the parser allocates a
 * value for each token.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <jansson.h>
#include "call.h"
#include "sxsh/gz.h"
#include "http.h"
#include "request.h"
#include "token.h"

struct request_route {
	const char *path;
	const char *method;
	void (*handle)(struct srv_call *c);
};

/* Dispatch table: one handler per protocol message kind. */
static const struct request_route routes[] = {
	{"/v1/push", "POST", push_handle},
	{"/v1/pull", "GET", pull_handle},
	{"/v1/reports", "POST", submit_handle},
	{"/v1/reports/status", "GET", submit_status},
	{"/v1/reference", "GET", reference_handle},
	{"/v1/me", "GET", reference_me},
};

/* Structural tokens and nesting of a JSON text, without building it;
 * stops counting past max_tokens.  Strings are skipped whole, so a
 * bracket inside one does not count. */
static void scan_json(const char *s, size_t n, size_t max_tokens,
		      size_t *tokens, int *depth)
{
	size_t count = 0;
	int level = 0, deepest = 0, in_string = 0;
	for (size_t i = 0; i < n && count <= max_tokens; i++) {
		char ch = s[i];
		if (in_string) {
			if (ch == '\\')
				i++;
			else if (ch == '"')
				in_string = 0;
			continue;
		}
		switch (ch) {
		case '"':
			in_string = 1;
			break;
		case '{':
		case '[':
			count++;
			if (++level > deepest)
				deepest = level;
			break;
		case '}':
		case ']':
			level--;
			break;
		case ',':
		case ':':
			count++;
			break;
		default:
			break;
		}
	}
	*tokens = count;
	*depth = deepest;
}

enum sx_err request_parse_body(const char *text, size_t len, json_t **out,
			       struct sx_error *err)
{
	size_t tokens;
	int depth;
	*out = NULL;
	scan_json(text, len, SRV_MAX_TOKENS, &tokens, &depth);
	if (tokens > SRV_MAX_TOKENS)
		return sx_error_set(err, SX_REFUSED, "", NULL,
				    "body has more than %d JSON values",
				    SRV_MAX_TOKENS);
	if (depth > SRV_MAX_DEPTH)
		return sx_error_set(err, SX_INVALID, "", NULL,
				    "JSON nested too deep");
	json_error_t jerr;
	*out = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!*out)
		return sx_error_set(err, SX_INVALID, "", NULL,
				    "body is not JSON: %s (line %d)",
				    jerr.text, jerr.line);
	return SX_OK;
}

/* The district of the request's bearer token, or 0. */
static int authenticate(struct srv_store *st, const struct request_in *in,
			struct store_district *d)
{
	const char *h = in->header(in->ctx, "Authorization");
	if (!h || strncasecmp(h, "Bearer ", 7) != 0)
		return 0;
	const char *tok = h + 7;
	while (*tok == ' ')
		tok++;
	size_t n = strlen(tok);
	while (n && tok[n - 1] == ' ')
		n--;
	if (n == 0 || n > 256)
		return 0;
	char hash[65];
	token_sha256_hex(tok, n, hash);
	struct sx_error err = {0};
	if (store_begin(st, &err) != SX_OK)
		return 0;
	enum sx_err rc = store_district_by_token(st, hash, d, &err);
	store_rollback(st);
	return rc == SX_OK;
}

/* 1 when the decoded path holds a control character: %0a and friends
 * have no place in a route, and would forge log lines. */
static int path_has_control(const char *path)
{
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 1;
	return 0;
}

int request_preflight(struct srv_store *st, const struct request_in *in,
		      const struct request_route **route_out,
		      struct store_district *who, struct srv_call *c)
{
	*route_out = NULL;
	if (in->bad_uri || path_has_control(in->path)) {
		call_error(c, 400, "bad_path",
			   "the path has a NUL or control character");
		return 0;
	}
	int path_known = 0;
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		if (strcmp(routes[i].path, in->path) != 0)
			continue;
		path_known = 1;
		if (strcmp(routes[i].method, in->method) == 0)
			*route_out = &routes[i];
	}
	if (!path_known) {
		call_error(c, 404, "not_found", "no such endpoint");
		return 0;
	}
	if (!*route_out) {
		call_error(c, 405, "method_not_allowed",
			   "wrong method for this endpoint");
		return 0;
	}
	if (!authenticate(st, in, who)) {
		*route_out = NULL;
		call_error(c, 401, "unauthorized",
			   "missing, unknown or revoked token");
		return 0;
	}
	const char *cl = in->header(in->ctx, "Content-Length");
	if (cl && strtoull(cl, NULL, 10) > SRV_MAX_BODY) {
		call_error(c, 413, "too_large", "request body over 4 MiB");
		return 0;
	}
	return 1;
}

/* Fills *body from the bytes as sent, or sets c's error reply; *decoded
 * gets the size after inflating. */
static void decode_body(const struct request_in *in, const char *raw,
			size_t len, int too_large, json_t **body,
			size_t *decoded, struct srv_call *c)
{
	if (too_large) {
		call_error(c, 413, "too_large", "request body over 4 MiB");
		return;
	}
	if (len == 0) {
		call_error(c, 411, "length_required",
			   "a JSON body is required");
		return;
	}
	const char *ce = in->header(in->ctx, "Content-Encoding");
	char *inflated = NULL;
	struct sx_error err = {0};
	if (ce && strcasecmp(ce, "gzip") == 0) {
		enum sx_err rc = gz_inflate(raw, len, SRV_MAX_INFLATED,
					    &inflated, &len, &err);
		if (rc == SX_REFUSED) {
			*decoded = SRV_MAX_INFLATED;
			call_error(c, 413, "too_large",
				   "body inflates over 16 MiB");
			return;
		}
		if (rc != SX_OK) {
			call_error(c, 400, "bad_gzip", "%s", err.msg);
			return;
		}
		raw = inflated;
		*decoded = len;
	} else if (ce && *ce && strcasecmp(ce, "identity") != 0) {
		call_error(c, 415, "unsupported_encoding",
			   "Content-Encoding must be gzip");
		return;
	}
	enum sx_err rc = request_parse_body(raw, len, body, &err);
	free(inflated);
	if (rc == SX_REFUSED)
		call_error(c, 413, "too_many_values", "%s", err.msg);
	else if (rc != SX_OK)
		call_error(c, 400, "bad_json", "%s", err.msg);
}

size_t request_handle(struct srv_store *st, const struct request_in *in,
		      const struct request_route *route,
		      const struct store_district *who, const char *body,
		      size_t len, int too_large, struct srv_call *c)
{
	size_t decoded = len;
	c->st = st;
	c->district = who;
	c->query = in->query;
	c->query_ctx = in->ctx;
	json_t *doc = NULL;
	if (strcmp(in->method, "POST") == 0) {
		decode_body(in, body, len, too_large, &doc, &decoded, c);
		if (!doc)
			return decoded;
		c->body = doc;
	}
	route->handle(c);
	/* The handler borrowed the body; its reply does not refer to it. */
	c->body = NULL;
	json_decref(doc);
	if (!c->status)
		call_error(c, 500, "internal", "handler gave no answer");
	return decoded;
}

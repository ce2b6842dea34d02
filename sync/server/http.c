/* http.c — the HTTPS front of sxsh-server on libmicrohttpd (GnuTLS).
 *
 * Each request goes through: route (404/405) → token (401) → body size
 * and encoding (411/413/415/400) → JSON (400) → the endpoint's handler in
 * its own file → a JSON reply, gzip-compressed when the client accepts
 * it → one log line on stderr (never the token, never the body).
 *
 * Threads: MHD's internal thread pool; handlers serialise on the store's
 * mutex.  Shutdown: SIGTERM/SIGINT are blocked in every thread and taken
 * by sigwait in http_serve, which then stops accepting, waits for the
 * requests in flight and stops the daemon.
 */
#include <errno.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <jansson.h>
#include <microhttpd.h>
#include "call.h"
#include "gz.h"
#include "http.h"
#include "token.h"
#include "desk.h"

struct route {
	const char *path;
	const char *method;
	void (*handle)(struct srv_call *c);
};

/* Dispatch table: one handler per protocol message kind. */
static const struct route routes[] = {
	{"/v1/push", "POST", push_handle},
	{"/v1/pull", "GET", pull_handle},
	{"/v1/reports", "POST", submit_handle},
	{"/v1/reports/status", "GET", submit_status},
	{"/v1/reference", "GET", reference_handle},
	{"/v1/me", "GET", reference_me},
};

struct server {
	struct srv_store *st;
	atomic_int *in_flight;  /* shared by the listeners */
	int api;                /* serves /v1/ */
	int desk;               /* serves /desk/ and /public/ */
};

struct request {
	struct timespec t0;
	char *body;
	size_t len;
	size_t cap;
	size_t discarded;
	int too_large;
	int answered;
	int desk;               /* a desk or public page (desk_http.c) */
	char district[8];
	const struct route *route;
	struct store_district who;
};

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 +
		(double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void log_request(const char *method, const char *url,
			const struct request *rq, int status, size_t bytes,
			const char *note)
{
	char now[21];
	store_now(now);
	/* url is MHD's path without the query string; a path is at most
	 * a few bytes we route on, but a client could send anything. */
	fprintf(stderr, "%s %s %.80s district=%s status=%d ms=%.1f"
		" bytes=%zu%s%s\n", now, method, url,
		rq->district[0] ? rq->district : "-", status,
		ms_since(&rq->t0), bytes, note && *note ? " " : "",
		note ? note : "");
}

static int accepts_gzip(struct MHD_Connection *conn)
{
	const char *ae = MHD_lookup_connection_value(
		conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING);
	return ae && strstr(ae, "gzip") != NULL;
}

/* Sends c->reply (or a bare error if there is none). */
static enum MHD_Result send_reply(struct MHD_Connection *conn,
				  const char *method, const char *url,
				  struct request *rq, struct srv_call *c)
{
	char *text = c->reply ? json_dumps(c->reply, JSON_COMPACT |
					    JSON_REAL_PRECISION(10)) : NULL;
	if (!text) {
		c->status = 500;
		text = strdup("{\"error\":{\"code\":\"internal\","
			      "\"message\":\"out of memory\"}}");
		if (!text)
			return MHD_NO;
	}
	size_t len = strlen(text);
	int gz = 0;
	if (len > 256 && accepts_gzip(conn)) {
		char *z = NULL;
		size_t zlen = 0;
		if (gz_deflate(text, len, &z, &zlen, NULL) == SX_OK) {
			free(text);
			text = z;
			len = zlen;
			gz = 1;
		}
	}
	struct MHD_Response *resp = MHD_create_response_from_buffer(
		len, text, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(text);
		return MHD_NO;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
				"application/json; charset=utf-8");
	if (gz)
		MHD_add_response_header(resp,
					MHD_HTTP_HEADER_CONTENT_ENCODING,
					"gzip");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY,
				MHD_HTTP_HEADER_ACCEPT_ENCODING);
	if (c->status == 401)
		MHD_add_response_header(resp,
					MHD_HTTP_HEADER_WWW_AUTHENTICATE,
					"Bearer realm=\"sxsh\"");
	enum MHD_Result r = MHD_queue_response(conn, (unsigned)c->status,
					       resp);
	MHD_destroy_response(resp);
	rq->answered = 1;
	log_request(method, url, rq, c->status, len, NULL);
	return r;
}

static enum MHD_Result send_error(struct MHD_Connection *conn,
				  const char *method, const char *url,
				  struct request *rq, int status,
				  const char *code, const char *msg)
{
	struct srv_call c = {0};
	call_error(&c, status, code, "%s", msg);
	enum MHD_Result r = send_reply(conn, method, url, rq, &c);
	call_release(&c);
	return r;
}

static const char *query_arg(void *ctx, const char *key)
{
	return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, key);
}

/* Depth of nested arrays/objects, stopping early past limit. */
static int json_depth(json_t *v, int limit)
{
	if (limit < 0)
		return 1;
	int best = 0;
	if (json_is_object(v)) {
		const char *k;
		json_t *x;
		json_object_foreach(v, k, x) {
			int d = json_depth(x, limit - 1);
			if (d > best)
				best = d;
			if (best > limit)
				break;
		}
		return best + 1;
	}
	if (json_is_array(v)) {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x) {
			int d = json_depth(x, limit - 1);
			if (d > best)
				best = d;
			if (best > limit)
				break;
		}
		return best + 1;
	}
	return 0;
}

/* The district of the request's bearer token, or 0. */
static int authenticate(struct server *srv, struct MHD_Connection *conn,
			struct store_district *d)
{
	const char *h = MHD_lookup_connection_value(
		conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
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
	if (store_begin(srv->st, &err) != SX_OK)
		return 0;
	enum sx_err rc = store_district_by_token(srv->st, hash, d, &err);
	store_rollback(srv->st);
	return rc == SX_OK;
}

/* Routing and authentication, done when the headers are in and before
 * any body byte is read, so an unknown caller cannot make the server
 * buffer 4 MiB.  Returns MHD_YES with rq->route set to go on; otherwise
 * the error is queued and rq->answered set. */
static enum MHD_Result preflight(struct server *srv,
				 struct MHD_Connection *conn, const char *url,
				 const char *method, struct request *rq)
{
	int path_known = 0;
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		if (strcmp(routes[i].path, url) != 0)
			continue;
		path_known = 1;
		if (strcmp(routes[i].method, method) == 0)
			rq->route = &routes[i];
	}
	if (!path_known)
		return send_error(conn, method, url, rq, 404, "not_found",
				  "no such endpoint");
	if (!rq->route)
		return send_error(conn, method, url, rq, 405,
				  "method_not_allowed",
				  "wrong method for this endpoint");
	if (!authenticate(srv, conn, &rq->who))
		return send_error(conn, method, url, rq, 401, "unauthorized",
				  "missing, unknown or revoked token");
	snprintf(rq->district, sizeof rq->district, "%s", rq->who.code);
	const char *cl = MHD_lookup_connection_value(
		conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl && strtoull(cl, NULL, 10) > SRV_MAX_BODY)
		/* Answer before the body: MHD drops the rest and closes
		 * the connection. */
		return send_error(conn, method, url, rq, 413, "too_large",
				  "request body over 4 MiB");
	return MHD_YES;
}

static enum MHD_Result handle(struct server *srv, struct MHD_Connection *conn,
			      const char *url, const char *method,
			      struct request *rq)
{
	const struct route *route = rq->route;
	const struct store_district *d = &rq->who;
	struct srv_call c = {0};
	c.st = srv->st;
	c.district = d;
	c.query = query_arg;
	c.query_ctx = conn;
	json_t *body = NULL;
	char *inflated = NULL;
	if (strcmp(method, "POST") == 0) {
		if (rq->too_large)
			return send_error(conn, method, url, rq, 413,
					  "too_large",
					  "request body over 4 MiB");
		if (rq->len == 0)
			return send_error(conn, method, url, rq, 411,
					  "length_required",
					  "a JSON body is required");
		const char *ce = MHD_lookup_connection_value(
			conn, MHD_HEADER_KIND,
			MHD_HTTP_HEADER_CONTENT_ENCODING);
		const char *text = rq->body;
		size_t len = rq->len;
		if (ce && strcasecmp(ce, "gzip") == 0) {
			struct sx_error err = {0};
			enum sx_err rc = gz_inflate(rq->body, rq->len,
						    SRV_MAX_INFLATED,
						    &inflated, &len, &err);
			if (rc == SX_REFUSED)
				return send_error(conn, method, url, rq, 413,
						  "too_large",
						  "body inflates over 16 MiB");
			if (rc != SX_OK)
				return send_error(conn, method, url, rq, 400,
						  "bad_gzip", err.msg);
			text = inflated;
		} else if (ce && *ce && strcasecmp(ce, "identity") != 0) {
			return send_error(conn, method, url, rq, 415,
					  "unsupported_encoding",
					  "Content-Encoding must be gzip");
		}
		json_error_t jerr;
		body = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
		free(inflated);
		if (!body) {
			char msg[256];
			snprintf(msg, sizeof msg, "body is not JSON: %s (line"
				 " %d)", jerr.text, jerr.line);
			return send_error(conn, method, url, rq, 400,
					  "bad_json", msg);
		}
		if (json_depth(body, SRV_MAX_DEPTH) > SRV_MAX_DEPTH) {
			json_decref(body);
			return send_error(conn, method, url, rq, 400,
					  "bad_json", "JSON nested too deep");
		}
		c.body = body;
	}
	route->handle(&c);
	if (!c.status)
		call_error(&c, 500, "internal", "handler gave no answer");
	enum MHD_Result r = send_reply(conn, method, url, rq, &c);
	call_release(&c);
	json_decref(body);
	return r;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
				  const char *url, const char *method,
				  const char *version,
				  const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	(void)version;
	struct server *srv = cls;
	struct request *rq = *con_cls;
	if (!rq) {
		rq = calloc(1, sizeof *rq);
		if (!rq)
			return MHD_NO;
		clock_gettime(CLOCK_MONOTONIC, &rq->t0);
		*con_cls = rq;
		atomic_fetch_add(srv->in_flight, 1);
		if (desk_path(url) && srv->desk) {
			rq->desk = 1;
			return MHD_YES;
		}
		if (desk_path(url) || !srv->api)
			return send_error(conn, method, url, rq, 404,
					  "not_found", "no such endpoint");
		return preflight(srv, conn, url, method, rq);
	}
	if (rq->answered) {
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (*upload_data_size) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		(void)upload_data;
		if (rq->too_large || rq->len + n > (rq->desk ?
						DESK_MAX_BODY : SRV_MAX_BODY)) {
			rq->too_large = 1;
			free(rq->body);
			rq->body = NULL;
			rq->discarded += n;
			/* A chunked upload that never ends: hang up. */
			return rq->discarded > 2 * SRV_MAX_BODY ? MHD_NO :
				MHD_YES;
		}
		if (rq->len + n > rq->cap) {
			size_t cap = rq->cap ? rq->cap : 16384;
			while (cap < rq->len + n)
				cap *= 2;
			char *nb = realloc(rq->body, cap);
			if (!nb)
				return MHD_NO;
			rq->body = nb;
			rq->cap = cap;
		}
		memcpy(rq->body + rq->len, upload_data, n);
		rq->len += n;
		return MHD_YES;
	}
	if (rq->desk) {
		int status = 0;
		size_t bytes = 0;
		char note[128] = "";
		rq->answered = 1;
		enum MHD_Result r = (enum MHD_Result)desk_http_answer(
			srv->st, conn, url, method, rq->body, rq->len,
			rq->too_large, &status, &bytes, note, sizeof note);
		log_request(method, url, rq, status, bytes, note);
		return r;
	}
	return handle(srv, conn, url, method, rq);
}

static void on_completed(void *cls, struct MHD_Connection *conn,
			 void **con_cls, enum MHD_RequestTerminationCode toe)
{
	(void)conn;
	(void)toe;
	struct server *srv = cls;
	struct request *rq = *con_cls;
	if (!rq)
		return;
	free(rq->body);
	free(rq);
	*con_cls = NULL;
	atomic_fetch_sub(srv->in_flight, 1);
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	msg[strcspn(msg, "\n")] = '\0';
	char now[21];
	store_now(now);
	fprintf(stderr, "%s microhttpd: %s\n", now, msg);
}

void http_block_signals(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* Resolves "host:port" or "[v6]:port" into *out. */
static enum sx_err parse_listen(const char *listen, struct addrinfo **out,
				struct sx_error *err)
{
	char host[256];
	const char *colon = strrchr(listen, ':');
	const char *h = listen;
	size_t hl = colon ? (size_t)(colon - listen) : 0;
	if (!colon || hl == 0 || hl >= sizeof host || !colon[1])
		return sx_error_set(err, SX_USAGE, "listen", NULL,
				    "--listen: expected HOST:PORT, got %s",
				    listen);
	if (h[0] == '[' && hl >= 2 && h[hl - 1] == ']') {
		h++;
		hl -= 2;
	}
	memcpy(host, h, hl);
	host[hl] = '\0';
	struct addrinfo hints = {0};
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	int r = getaddrinfo(host, colon + 1, &hints, out);
	if (r != 0)
		return sx_error_set(err, SX_USAGE, "listen", NULL,
				    "--listen %s: %s", listen,
				    gai_strerror(r));
	return SX_OK;
}

/* Starts a listener on listen for srv; NULL with err set on failure. */
static struct MHD_Daemon *start_daemon(struct server *srv, const char *listen,
				       const struct http_options *o,
				       struct sx_error *err)
{
	struct addrinfo *ai = NULL;
	if (parse_listen(listen, &ai, err) != SX_OK)
		return NULL;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_TLS |
		MHD_USE_ITC | MHD_USE_ERROR_LOG | MHD_USE_EPOLL;
	if (ai->ai_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	unsigned threads = o->threads ? o->threads : 4;
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, srv,
		MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
		MHD_OPTION_SOCK_ADDR, ai->ai_addr,
		MHD_OPTION_HTTPS_MEM_KEY, o->key_pem,
		MHD_OPTION_HTTPS_MEM_CERT, o->cert_pem,
		MHD_OPTION_HTTPS_PRIORITIES,
		"NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2",
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)1024,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
		MHD_OPTION_END);
	freeaddrinfo(ai);
	if (!d) {
		sx_error_set(err, SX_NET, "", NULL,
			     "cannot listen on %s (address in use, or"
			     " a bad certificate or key)", listen);
		return NULL;
	}
	char now[21];
	store_now(now);
	fprintf(stderr, "%s listening on https://%s%s\n", now, listen,
		!srv->api ? " (desk and public pages)" :
		!srv->desk ? " (districts only)" : "");
	return d;
}

/* Stops accepting on d (if any) without stopping its requests. */
static void quiesce(struct MHD_Daemon *d)
{
	if (!d)
		return;
	MHD_socket ls = MHD_quiesce_daemon(d);
	if (ls != MHD_INVALID_SOCKET)
		close(ls);
}

enum sx_err http_serve(struct srv_store *st, const struct http_options *o,
		       struct sx_error *err)
{
	atomic_int in_flight;
	atomic_init(&in_flight, 0);
	/* With a desk listener of its own, the districts' listener answers
	 * 404 under /desk/ and /public/, and the desk's under /v1/. */
	struct server main_srv = {st, &in_flight, 1, !o->desk_listen};
	struct server desk_srv = {st, &in_flight, 0, 1};
	struct MHD_Daemon *d = start_daemon(&main_srv, o->listen, o, err);
	if (!d)
		return err ? err->code : SX_NET;
	struct MHD_Daemon *dd = NULL;
	if (o->desk_listen) {
		dd = start_daemon(&desk_srv, o->desk_listen, o, err);
		if (!dd) {
			MHD_stop_daemon(d);
			return err ? err->code : SX_NET;
		}
	}
	char now[21];
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	int sig = 0;
	while (sigwait(&set, &sig) != 0)
		;
	store_now(now);
	fprintf(stderr, "%s %s: stop accepting, finishing %d request(s)\n",
		now, sig == SIGTERM ? "SIGTERM" : "SIGINT",
		atomic_load(&in_flight));
	quiesce(d);
	quiesce(dd);
	for (int i = 0; i < 3000 && atomic_load(&in_flight) > 0; i++)
		usleep(10 * 1000);
	MHD_stop_daemon(d);
	if (dd)
		MHD_stop_daemon(dd);
	store_now(now);
	fprintf(stderr, "%s stopped\n", now);
	return SX_OK;
}

/* http.c — the HTTPS front of sxsh-server on libmicrohttpd (GnuTLS).
 *
 * Each request goes through request.c's checks and dispatch (route,
 * token, body) → a JSON reply, gzip-compressed when the client accepts
 * it → one log line on stderr (never the token, never the body; bytes a
 * client chose are escaped).
 *
 * Against hostile clients: connections per address and in total are
 * limited (the total below the process's file limit), guard.c shuts down
 * connections that send their headers or body too slowly, and TLS is 1.2
 * with forward-secret AEAD suites only, or 1.3.
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
#include <malloc.h>
#include <sys/resource.h>
#include <jansson.h>
#include <microhttpd.h>
#include "sxsh/clock.h"
#include "call.h"
#include "guard.h"
#include "sxsh/gz.h"
#include "http.h"
#include "request.h"
#include "token.h"
#include "desk.h"

struct server {
	struct srv_store *st;
	struct guard *guard;    /* shared by the listeners */
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
	int started;
	int too_large;
	int answered;
	int bad_uri;            /* the raw URI had %00 */
	int big;                /* over 1 MiB once inflated */
	int desk;               /* a desk or public page (desk_http.c) */
	char district[8];
	const struct request_route *route;
	struct store_district who;
};

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 +
		(double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Copies at most max bytes of s into out (size n), bytes outside
 * printable ASCII as \xNN and the backslash doubled, so that a client's
 * %0a cannot start a line of its own in the log. */
static void escape_field(char *out, size_t n, const char *s, size_t max)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;
	for (size_t i = 0; s[i] && i < max && o + 5 < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\\') {
			out[o++] = '\\';
			out[o++] = '\\';
		} else if (ch < 0x20 || ch >= 0x7f) {
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[ch >> 4];
			out[o++] = hex[ch & 15];
		} else {
			out[o++] = (char)ch;
		}
	}
	out[o] = '\0';
}

static void log_request(const char *method, const char *url,
			const struct request *rq, int status, size_t bytes,
			const char *note)
{
	char now[21], m[64], path[330], tail[520];
	sx_now_utc(now);
	escape_field(m, sizeof m, method, 12);
	/* A path is at most a few bytes we route on, but a client could
	 * send anything; a desk note may quote a user name. */
	escape_field(path, sizeof path, url, 80);
	escape_field(tail, sizeof tail, note ? note : "", 128);
	fprintf(stderr, "%s %s %s%s district=%s status=%d ms=%.1f"
		" bytes=%zu%s%s\n", now, m, path, rq->bad_uri ? "%00" : "",
		rq->district[0] ? rq->district : "-", status,
		ms_since(&rq->t0), bytes, tail[0] ? " " : "", tail);
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

static const char *header_arg(void *ctx, const char *name)
{
	return MHD_lookup_connection_value(ctx, MHD_HEADER_KIND, name);
}

static const char *query_arg(void *ctx, const char *key)
{
	return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, key);
}

static struct guard_slot *slot_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
		conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

static void request_in_of(struct MHD_Connection *conn, const char *url,
			  const char *method, const struct request *rq,
			  struct request_in *in)
{
	in->method = method;
	in->path = url;
	in->bad_uri = rq->bad_uri;
	in->header = header_arg;
	in->query = query_arg;
	in->ctx = conn;
}

/* Routing and authentication, done when the headers are in and before
 * any body byte is read, so an unknown caller cannot make the server
 * buffer 4 MiB.  Returns MHD_YES with rq->route set to go on; otherwise
 * the error is queued and rq->answered set (for a 413, MHD then drops
 * the rest of the body and closes the connection). */
static enum MHD_Result preflight(struct server *srv,
				 struct MHD_Connection *conn, const char *url,
				 const char *method, struct request *rq)
{
	struct request_in in;
	request_in_of(conn, url, method, rq, &in);
	struct srv_call c = {0};
	if (request_preflight(srv->st, &in, &rq->route, &rq->who, &c)) {
		snprintf(rq->district, sizeof rq->district, "%s",
			 rq->who.code);
		return MHD_YES;
	}
	if (rq->route)
		snprintf(rq->district, sizeof rq->district, "%s",
			 rq->who.code);
	guard_answering(srv->guard, slot_of(conn));
	enum MHD_Result r = send_reply(conn, method, url, rq, &c);
	call_release(&c);
	return r;
}

static enum MHD_Result handle(struct server *srv, struct MHD_Connection *conn,
			      const char *url, const char *method,
			      struct request *rq)
{
	guard_answering(srv->guard, slot_of(conn));
	struct request_in in;
	request_in_of(conn, url, method, rq, &in);
	struct srv_call c = {0};
	size_t decoded = request_handle(srv->st, &in, rq->route, &rq->who,
					rq->body, rq->len, rq->too_large, &c);
	free(rq->body);
	rq->body = NULL;
	rq->big = decoded > 1024 * 1024;
	enum MHD_Result r = send_reply(conn, method, url, rq, &c);
	call_release(&c);
	return r;
}

/* Called with the raw request line's URI, before MHD decodes it: the
 * only place where a %00 can be seen (the decoded path ends there). */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	(void)cls;
	(void)conn;
	struct request *rq = calloc(1, sizeof *rq);
	if (!rq)
		return NULL;
	clock_gettime(CLOCK_MONOTONIC, &rq->t0);
	for (const char *p = strchr(uri, '%'); p; p = strchr(p + 1, '%'))
		if (p[1] == '0' && p[2] == '0')
			rq->bad_uri = 1;
	return rq;
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
	if (!rq)
		return MHD_NO;
	if (!rq->started) {
		rq->started = 1;
		atomic_fetch_add(srv->in_flight, 1);
		guard_headers_in(srv->guard, slot_of(conn));
		/* A path with %00 is refused (400) whichever listener. */
		if (!rq->bad_uri && desk_path(url) && srv->desk) {
			rq->desk = 1;
			return MHD_YES;
		}
		if (!rq->bad_uri && (desk_path(url) || !srv->api)) {
			guard_answering(srv->guard, slot_of(conn));
			return send_error(conn, method, url, rq, 404,
					  "not_found", "no such endpoint");
		}
		return preflight(srv, conn, url, method, rq);
	}
	if (rq->answered) {
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (*upload_data_size) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		guard_body(srv->guard, slot_of(conn), n);
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
		guard_answering(srv->guard, slot_of(conn));
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
	(void)toe;
	struct server *srv = cls;
	struct request *rq = *con_cls;
	if (!rq)
		return;
	guard_answered(srv->guard, slot_of(conn));
	int big = rq->big || rq->cap > 1024 * 1024;
	if (rq->started)
		atomic_fetch_sub(srv->in_flight, 1);
	free(rq->body);
	free(rq);
	*con_cls = NULL;
	/* glibc keeps freed memory of big bodies in per-thread arenas;
	 * give it back so that the server's size reflects its work. */
	if (big)
		malloc_trim(0);
}

static void on_connection(void *cls, struct MHD_Connection *conn,
			  void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	struct server *srv = cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
			conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		*socket_context = ci ? guard_open(srv->guard,
						   ci->connect_fd) : NULL;
	} else {
		guard_close(srv->guard, *socket_context);
		*socket_context = NULL;
	}
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char msg[512], safe[512 * 4 + 1];
	vsnprintf(msg, sizeof msg, fmt, ap);
	msg[strcspn(msg, "\n")] = '\0';
	/* MHD's messages may quote what a client sent. */
	escape_field(safe, sizeof safe, msg, sizeof msg);
	char now[21];
	sx_now_utc(now);
	fprintf(stderr, "%s microhttpd: %s\n", now, safe);
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

/* TLS 1.3 as GnuTLS offers it; TLS 1.2 only with ECDHE key exchange and
 * AEAD ciphers, so no suite without forward secrecy (AES256-GCM-SHA384
 * over RSA key exchange) and no CBC with SHA-1. */
#define TLS_PRIORITIES "SECURE128:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2" \
	":-KX-ALL:+ECDHE-ECDSA:+ECDHE-RSA" \
	":-CIPHER-ALL:+AES-256-GCM:+AES-128-GCM:+CHACHA20-POLY1305" \
	":-MAC-ALL:+AEAD"

/* The total connection limit: o's, the default, and in any case well
 * under the process's file limit (the database, logs and the listening
 * socket need descriptors too). */
static unsigned connection_limit(const struct http_options *o)
{
	unsigned limit = o->max_conns ? o->max_conns : 1000;
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
	    rl.rlim_cur != RLIM_INFINITY) {
		rlim_t room = rl.rlim_cur > 128 ? rl.rlim_cur - 64 :
			rl.rlim_cur / 2;
		if (room < limit)
			limit = (unsigned)room;
	}
	return limit ? limit : 1;
}

/* Starts a listener on listen for srv; NULL with err set on failure. */
static struct MHD_Daemon *start_daemon(struct server *srv, const char *listen,
				       const struct http_options *o,
				       unsigned limit, struct sx_error *err)
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
		MHD_OPTION_HTTPS_PRIORITIES, TLS_PRIORITIES,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		MHD_OPTION_CONNECTION_LIMIT, limit,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT,
		o->per_ip ? o->per_ip : 32u,
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, srv,
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
	sx_now_utc(now);
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
	unsigned limit = connection_limit(o);
	/* Both listeners share the file limit: half each when there are
	 * two. */
	if (o->desk_listen && limit > 1)
		limit /= 2;
	struct guard *guard = guard_new(
		o->desk_listen ? 2 * (size_t)limit : limit,
		o->header_seconds ? o->header_seconds : 10,
		o->min_rate ? o->min_rate : 4096);
	if (!guard)
		return sx_error_set(err, SX_NOMEM, "", NULL,
				    "cannot start the connection watchdog");
	/* With a desk listener of its own, the districts' listener answers
	 * 404 under /desk/ and /public/, and the desk's under /v1/. */
	struct server main_srv = {st, guard, &in_flight, 1, !o->desk_listen};
	struct server desk_srv = {st, guard, &in_flight, 0, 1};
	struct MHD_Daemon *d = start_daemon(&main_srv, o->listen, o, limit,
					    err);
	struct MHD_Daemon *dd = NULL;
	if (d && o->desk_listen) {
		dd = start_daemon(&desk_srv, o->desk_listen, o, limit, err);
		if (!dd) {
			MHD_stop_daemon(d);
			d = NULL;
		}
	}
	if (!d) {
		guard_free(guard);
		return err ? err->code : SX_NET;
	}
	char now[21];
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	int sig = 0;
	while (sigwait(&set, &sig) != 0)
		;
	sx_now_utc(now);
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
	guard_free(guard);
	sx_now_utc(now);
	fprintf(stderr, "%s stopped\n", now);
	return SX_OK;
}

/* test_server_hostile.c — sxsh-server against clients that mean harm
 * (issue 12): slow connections, bodies that inflate or parse into much
 * memory, weak TLS suites, forged log lines and NUL in a path.  A real
 * server on 127.0.0.1; the attacker's connections come from 127.0.0.2 so
 * that the district (127.0.0.1) is another address, as it is in the
 * field.  Figures (time under load, peak memory) are in
 * tests/bench/bench_hostile.c, not here. */
#include <poll.h>
#include <jansson.h>
#include "sxsh/record.h"
#include "../sync/protocol.h"
#include "tls_helpers.h"

struct ctx {
	struct th_tls tls;
	struct th_server srv;
	char token[80];       /* district 123 */
};

static void start_env(struct ctx *c, const char *env)
{
	memset(c, 0, sizeof *c);
	const char *dir = th_tmpdir();
	th_tls_make(&c->tls, dir, "t");
	th_server_init(&c->srv, dir, &c->tls);
	th_server_district_add(&c->srv, "123", c->token, sizeof c->token);
	c->srv.extra_env = env;
	th_server_start(&c->srv);
}

static void stop(struct ctx *c)
{
	cr_assert_eq(th_server_stop(&c->srv, SIGTERM), 0,
		     "server did not exit 0 on SIGTERM (see %s)", c->srv.log);
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A TCP connection to the server from 127.0.0.2, non-blocking; -1 when
 * the connect failed at once. */
static int attacker_socket(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	cr_assert(fd >= 0, "socket: %s", strerror(errno));
	struct sockaddr_in from = {0};
	from.sin_family = AF_INET;
	from.sin_addr.s_addr = htonl(0x7f000002);
	cr_assert_eq(bind(fd, (struct sockaddr *)&from, sizeof from), 0,
		     "bind 127.0.0.2: %s", strerror(errno));
	struct sockaddr_in to = {0};
	to.sin_family = AF_INET;
	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	to.sin_port = htons((unsigned short)port);
	if (connect(fd, (struct sockaddr *)&to, sizeof to) != 0 &&
	    errno != EINPROGRESS) {
		close(fd);
		return -1;
	}
	return fd;
}

/* 1 when the peer closed fd (end of stream or reset), waiting up to
 * wait_ms. */
static int peer_closed(int fd, int wait_ms)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	if (poll(&p, 1, wait_ms) <= 0)
		return 0;
	char b[256];
	ssize_t n = recv(fd, b, sizeof b, MSG_DONTWAIT);
	return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

static int open_files(pid_t pid)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "ls /proc/%d/fd | wc -l", (int)pid);
	FILE *p = popen(cmd, "r");
	cr_assert_not_null(p);
	int n = -1;
	cr_assert_eq(fscanf(p, "%d", &n), 1);
	pclose(p);
	return n;
}

static long get_status(struct ctx *c, const char *path, const char *token)
{
	struct th_resp r;
	CURLcode rc = th_request(&c->srv, "GET", path, token, NULL, 0, 0, &r);
	long st = rc == CURLE_OK ? r.status : 0;
	th_resp_release(&r);
	return st;
}

/* The start of a TLS ClientHello record announcing 512 bytes, sent one
 * byte at a time: the server's TLS layer keeps waiting for the rest, and
 * libmicrohttpd's idle timeout never fires because bytes keep coming. */
static const unsigned char hello_start[] = {0x16, 0x03, 0x01, 0x02, 0x00,
					    0x01, 0x00, 0x01, 0xfc, 0x03,
					    0x03};

Test(server_hostile, headers_sent_slowly_are_cut_at_the_deadline,
     .timeout = 60)
{
	struct ctx c;
	start_env(&c, "SXSH_SERVER_HEADER_SECONDS=2 ");
	int fd = attacker_socket(c.srv.port);
	cr_assert(fd >= 0);
	double t0 = now_s();
	int closed = 0;
	size_t sent = 0;
	/* Far longer than the deadline, and than a byte's gap. */
	while (!closed && now_s() - t0 < 12) {
		unsigned char b = sent < sizeof hello_start ?
			hello_start[sent] : 0;
		if (send(fd, &b, 1, MSG_NOSIGNAL) == 1)
			sent++;
		closed = peer_closed(fd, 400);
	}
	double took = now_s() - t0;
	close(fd);
	cr_assert(closed, "a connection trickling its handshake was still "
		  "open after %.1f s (deadline 2 s)", took);
	cr_assert_geq(took, 1.5, "closed after %.1f s, before the deadline",
		      took);
	/* The server still serves. */
	cr_assert_eq(get_status(&c, "/v1/me", c.token), 200);
	stop(&c);
}

Test(server_hostile, thousand_slow_connections_do_not_lock_out_a_district,
     .timeout = 90)
{
	struct ctx c;
	start_env(&c, NULL);
	int fds[1000];
	int opened = 0;
	for (int i = 0; i < 1000; i++) {
		fds[i] = attacker_socket(c.srv.port);
		if (fds[i] >= 0) {
			/* One byte of a ClientHello: the connection is in
			 * use, not idle. */
			send(fds[i], hello_start, 1, MSG_NOSIGNAL);
			opened++;
		}
	}
	cr_assert_gt(opened, 0);
	usleep(300 * 1000);
	/* The district, from another address, is served while they hold. */
	double t0 = now_s();
	for (int i = 0; i < 3; i++)
		cr_assert_eq(get_status(&c, "/v1/me", c.token), 200,
			     "/v1/me failed under 1,000 slow connections");
	double took = now_s() - t0;
	/* Generous: the figure is measured by make bench. */
	cr_assert_lt(took, 20.0, "three /v1/me took %.1f s", took);
	/* One address holds no more than its share of the server's files
	 * (32 per address; the listening socket, database and log too). */
	int files = open_files(c.srv.pid);
	cr_assert_lt(files, 120, "the server holds %d open files", files);
	for (int i = 0; i < 1000; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	stop(&c);
}

/* Sends path (raw, already percent-encoded) with curl; returns status. */
static long raw_get(struct ctx *c, const char *path, const char *token)
{
	return get_status(c, path, token);
}

Test(server_hostile, control_characters_in_a_path_are_refused_and_escaped)
{
	struct ctx c;
	start_env(&c, NULL);
	cr_assert_eq(raw_get(&c, "/x%0a2026-01-01T00:00:00Z%20POST%20"
			     "/v1/push%20district=124%20status=200", NULL),
		     400);
	cr_assert_eq(raw_get(&c, "/v1/me%00x", c.token), 400);
	cr_assert_eq(raw_get(&c, "/v1/pull?since=0%00", c.token), 400);
	cr_assert_eq(raw_get(&c, "/v1/me", c.token), 200);
	stop(&c);
	FILE *f = fopen(c.srv.log, "r");
	cr_assert_not_null(f);
	char line[1024];
	int forged = 0, escaped = 0, nul = 0;
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, "2026-01-01T00:00:00Z", 20) == 0)
			forged = 1;
		if (strstr(line, "/x\\x0a2026-01-01T00:00:00Z POST"))
			escaped = 1;
		if (strstr(line, "/v1/me%00") && strstr(line, "status=400"))
			nul = 1;
	}
	fclose(f);
	cr_assert_not(forged, "a client forged a log line (see %s)",
		      c.srv.log);
	cr_assert(escaped, "the newline is not shown escaped (see %s)",
		  c.srv.log);
	cr_assert(nul, "the %%00 request is not logged as such (see %s)",
		  c.srv.log);
}

/* POSTs body to /v1/push with the token; returns the status and copies
 * the error code. */
static long post(struct ctx *c, const char *body, size_t len, int gzip,
		 char *code, size_t n)
{
	struct th_resp r;
	CURLcode rc = th_request(&c->srv, "POST", "/v1/push", c->token, body,
				 len, gzip, &r);
	cr_assert_eq(rc, CURLE_OK, "push: %s", curl_easy_strerror(rc));
	long st = r.status;
	json_t *j = json_loads(r.body, 0, NULL);
	const char *e = json_string_value(json_object_get(
		json_object_get(j, "error"), "code"));
	snprintf(code, n, "%s", e ? e : "");
	json_decref(j);
	th_resp_release(&r);
	return st;
}

/* "[{},{},…]" of about size bytes. */
static char *empty_objects(size_t size, size_t *len)
{
	char *s = malloc(size + 2);
	cr_assert_not_null(s);
	size_t n = 0;
	s[n++] = '[';
	while (n + 4 < size) {
		memcpy(s + n, "{},", 3);
		n += 3;
	}
	memcpy(s + n, "{}]", 3);
	n += 3;
	*len = n;
	return s;
}

Test(server_hostile, bodies_of_many_tiny_values_are_refused_before_parsing,
     .timeout = 60)
{
	struct ctx c;
	start_env(&c, NULL);
	char code[64];
	size_t len;
	/* Just under the 16 MiB inflate cap: the parse was the cost. */
	char *bomb = empty_objects(16u * 1024 * 1024 - 4096, &len);
	cr_assert_eq(post(&c, bomb, len, 1, code, sizeof code), 413);
	cr_assert_str_eq(code, "too_many_values");
	free(bomb);
	/* Uncompressed, under the 4 MiB body cap. */
	bomb = empty_objects(4u * 1024 * 1024 - 4096, &len);
	cr_assert_eq(post(&c, bomb, len, 0, code, sizeof code), 413);
	cr_assert_str_eq(code, "too_many_values");
	free(bomb);
	/* A bracket inside a string is text, not structure. */
	const char *quoted = "{\"client_id\":\"[,[,:\",\"changes\":[]}";
	cr_assert_eq(post(&c, quoted, strlen(quoted), 0, code, sizeof code),
		     400);
	cr_assert_str_eq(code, "bad_request");
	stop(&c);
}

/* Found by `make fuzz`: jansson's parse error quotes the body near the
 * fault and may cut a character in two; the error reply was then no JSON
 * string at all and the client got a bare answer without its code. */
Test(server_hostile, a_parse_error_quoting_half_a_character_is_still_json)
{
	struct ctx c;
	start_env(&c, NULL);
	char code[64];
	/* An invalid escape right before "è" (0xc3 0xa8). */
	const char *body = "{\"client_id\":\"Cơ sở ch\\\xc3\xa8\"}";
	cr_assert_eq(post(&c, body, strlen(body), 0, code, sizeof code), 400);
	cr_assert_str_eq(code, "bad_json");
	stop(&c);
}

/* The largest push the protocol allows: 500 solutions (the kind with the
 * most fields), every field filled to its length. */
static char *largest_batch(void)
{
	const struct sx_kind_def *def = record_kind(SXK_SOLUTION);
	char client[37];
	th_uuid4(client);
	json_t *changes = json_array();
	char name[600];
	memset(name, 'a', sizeof name);
	for (int i = 0; i < PROTOCOL_MAX_BATCH; i++) {
		char id[37], u[37];
		th_uuid4(id);
		th_uuid4(u);
		json_t *fields = json_object();
		for (int k = 0; k < def->nfields; k++) {
			const struct sx_field *f = &def->fields[k];
			size_t max = f->max_len ? (size_t)f->max_len : 500;
			json_object_set_new(fields, f->name,
					    json_stringn(name, max < 600 ?
							 max : 600));
		}
		json_array_append_new(changes, json_pack(
			"{s:s,s:s,s:s,s:i,s:b,s:o}", "change_id", id,
			"kind", "solution", "uuid", u, "base_rev", 0,
			"deleted", 0, "fields", fields));
	}
	json_t *body = json_pack("{s:s,s:o}", "client_id", client,
				 "changes", changes);
	char *text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	return text;
}

Test(server_hostile, the_largest_legal_batch_is_still_parsed)
{
	struct ctx c;
	start_env(&c, NULL);
	char *text = largest_batch();
	char code[64];
	/* Every change is answered (rejected or applied: the values are
	 * junk of the right length), none refused for its size. */
	cr_assert_eq(post(&c, text, strlen(text), 1, code, sizeof code),
		     200, "the largest batch got %s", code);
	free(text);
	stop(&c);
}

/* Exit status of `openssl s_client` with the extra arguments. */
static int s_client(struct ctx *c, const char *ca, const char *args)
{
	return th_system("openssl s_client -connect 127.0.0.1:%d -CAfile "
			 "'%s' %s </dev/null >/dev/null 2>&1", c->srv.port,
			 ca, args);
}

Test(server_hostile, tls_offers_only_forward_secret_aead_suites)
{
	struct ctx c;
	start_env(&c, NULL);
	const char *ca = c.tls.ca;
	/* ECDSA certificate. */
	cr_assert_neq(s_client(&c, ca, "-tls1_2 -cipher "
			       "ECDHE-ECDSA-AES128-SHA"), 0,
		      "CBC with SHA-1 accepted");
	cr_assert_neq(s_client(&c, ca, "-tls1_2 -cipher "
			       "ECDHE-ECDSA-AES256-SHA384"), 0,
		      "CBC with SHA-384 accepted");
	cr_assert_eq(s_client(&c, ca, "-tls1_2 -cipher "
			      "ECDHE-ECDSA-AES128-GCM-SHA256"), 0,
		     "a modern TLS 1.2 suite was refused");
	cr_assert_eq(s_client(&c, ca, "-tls1_3"), 0, "TLS 1.3 was refused");
	cr_assert_neq(s_client(&c, ca, "-tls1_1"), 0, "TLS 1.1 accepted");
	cr_assert_eq(th_server_stop(&c.srv, SIGTERM), 0);

	/* RSA certificate: RSA key exchange has no forward secrecy. */
	char dir[256];
	snprintf(dir, sizeof dir, "%s", c.srv.dir);
	snprintf(c.srv.cert, sizeof c.srv.cert, "%s/rsa.pem", dir);
	snprintf(c.srv.key, sizeof c.srv.key, "%s/rsa.key", dir);
	cr_assert_eq(th_system("openssl req -x509 -newkey rsa:2048 -nodes "
			       "-keyout '%s' -out '%s' -days 2 -subj "
			       "/CN=localhost -addext "
			       "subjectAltName=IP:127.0.0.1 "
			       ">/dev/null 2>&1", c.srv.key, c.srv.cert), 0);
	th_server_start(&c.srv);
	ca = c.srv.cert;
	cr_assert_neq(s_client(&c, ca, "-tls1_2 -cipher AES128-SHA"), 0,
		      "AES128-SHA accepted");
	cr_assert_neq(s_client(&c, ca, "-tls1_2 -cipher AES256-GCM-SHA384"),
		      0, "AES256-GCM-SHA384 (no forward secrecy) accepted");
	cr_assert_neq(s_client(&c, ca, "-tls1_2 -cipher "
			       "ECDHE-RSA-AES128-SHA"), 0,
		      "ECDHE-RSA-AES128-SHA accepted");
	cr_assert_eq(s_client(&c, ca, "-tls1_2 -cipher "
			      "ECDHE-RSA-AES256-GCM-SHA384"), 0,
		     "ECDHE-RSA-AES256-GCM-SHA384 was refused");
	cr_assert_eq(s_client(&c, ca, "-tls1_3"), 0, "TLS 1.3 was refused");
	stop(&c);
}

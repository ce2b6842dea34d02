/* tls_helpers.h — shared by the sync tests (server and client): a
 * throw-away certificate authority and server certificate made with the
 * `openssl` command at test time, and the real `sxsh-server` started on a
 * free 127.0.0.1 port and stopped again.
 *
 * Owner: the server side of issue 5; the client tests use it too.  Keep
 * the functions' contracts stable; add, don't change.
 *
 * Typical use:
 *	struct th_tls tls;
 *	struct th_server srv;
 *	char token[80];
 *	const char *dir = th_tmpdir();
 *	th_tls_make(&tls, dir, "a");            // dir/a-ca.pem, a-server.*
 *	th_server_init(&srv, dir, &tls);        // srv.db = dir/server.db
 *	th_server_district_add(&srv, "123", token, sizeof token);
 *	th_server_start(&srv);                  // srv.url = https://127.0.0.1:P
 *	... requests against srv.url with CA tls.ca ...
 *	cr_assert_eq(th_server_stop(&srv, SIGTERM), 0);
 *
 * The server's stderr (its request log) goes to srv.log.  Every function
 * fails the current Criterion test on error.
 */
#ifndef SXSH_TESTS_TLS_HELPERS_H
#define SXSH_TESTS_TLS_HELPERS_H

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <curl/curl.h>
#include <zlib.h>
#include <criterion/criterion.h>
#include "helpers.h"

struct th_tls {
	char ca[512];      /* CA certificate (PEM): give it to the client */
	char ca_key[512];
	char cert[512];    /* server certificate for 127.0.0.1 and localhost */
	char key[512];     /* its private key */
};

/* Makes a new CA and a server certificate signed by it, named
 * dir/<name>-ca.pem, dir/<name>-ca.key, dir/<name>-server.pem and
 * dir/<name>-server.key.  Two calls with different names give two
 * unrelated CAs (for "certificate from another CA" tests).  EC P-256 keys,
 * valid for two days; subjectAltName IP:127.0.0.1 and DNS:localhost. */
static inline void th_tls_make(struct th_tls *t, const char *dir,
			       const char *name)
{
	char ext[512], csr[512], srl[512];
	snprintf(t->ca, sizeof t->ca, "%s/%s-ca.pem", dir, name);
	snprintf(t->ca_key, sizeof t->ca_key, "%s/%s-ca.key", dir, name);
	snprintf(t->cert, sizeof t->cert, "%s/%s-server.pem", dir, name);
	snprintf(t->key, sizeof t->key, "%s/%s-server.key", dir, name);
	snprintf(ext, sizeof ext, "%s/%s-ext.cnf", dir, name);
	snprintf(csr, sizeof csr, "%s/%s-server.csr", dir, name);
	snprintf(srl, sizeof srl, "%s/%s-ca.srl", dir, name);
	FILE *f = fopen(ext, "w");
	cr_assert_not_null(f, "cannot write %s", ext);
	fputs("subjectAltName=IP:127.0.0.1,DNS:localhost\n"
	      "basicConstraints=critical,CA:FALSE\n"
	      "keyUsage=critical,digitalSignature,keyEncipherment\n"
	      "extendedKeyUsage=serverAuth\n", f);
	fclose(f);
	int rc = th_system(
		"openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256"
		" -nodes -keyout '%s' -out '%s' -days 2"
		" -subj '/CN=sxsh test CA %s' >/dev/null 2>&1"
		" && openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256"
		" -nodes -keyout '%s' -out '%s' -subj '/CN=localhost'"
		" >/dev/null 2>&1"
		" && openssl x509 -req -in '%s' -CA '%s' -CAkey '%s'"
		" -CAcreateserial -CAserial '%s' -out '%s' -days 2"
		" -extfile '%s' >/dev/null 2>&1",
		t->ca_key, t->ca, name, t->key, csr, csr, t->ca, t->ca_key,
		srl, t->cert, ext);
	cr_assert_eq(rc, 0, "openssl failed making the test certificates");
}

/* A port on 127.0.0.1 that was free a moment ago. */
static inline int th_free_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	cr_assert(fd >= 0);
	struct sockaddr_in a = {0};
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = 0;
	cr_assert_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
	socklen_t len = sizeof a;
	cr_assert_eq(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	close(fd);
	return ntohs(a.sin_port);
}

struct th_server {
	char dir[256];
	char db[512];      /* server database (dir/server.db by default) */
	char log[512];     /* the server's stderr, appended across restarts */
	char cert[512];
	char key[512];
	char ca[512];
	char url[64];      /* "https://127.0.0.1:PORT", set by start */
	int port;          /* 0: pick a free one at the first start */
	pid_t pid;         /* 0 when not running */
	const char *extra_env; /* e.g. "SXSH_NOW=2017-06-20 ", prefixed */
	const char *extra_args[4]; /* more serve options, NULL-ended */
};

static inline void th_server_init(struct th_server *s, const char *dir,
				  const struct th_tls *tls)
{
	memset(s, 0, sizeof *s);
	snprintf(s->dir, sizeof s->dir, "%s", dir);
	snprintf(s->db, sizeof s->db, "%s/server.db", dir);
	snprintf(s->log, sizeof s->log, "%s/server.log", dir);
	snprintf(s->cert, sizeof s->cert, "%s", tls->cert);
	snprintf(s->key, sizeof s->key, "%s", tls->key);
	snprintf(s->ca, sizeof s->ca, "%s", tls->ca);
}

/* Runs `sxsh-server district add CODE --db DB` and copies the token it
 * prints (its only stdout line) into token. */
static inline void th_server_district_add(struct th_server *s,
					  const char *code, char *token,
					  size_t n)
{
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "'%s' district add '%s' --db '%s' 2>>'%s'",
		 th_server_bin(), code, s->db, s->log);
	FILE *p = popen(cmd, "r");
	cr_assert_not_null(p);
	char line[256] = "";
	char *got = fgets(line, sizeof line, p);
	int st = pclose(p);
	cr_assert(got != NULL && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		  "district add %s failed (see %s)", code, s->log);
	line[strcspn(line, "\r\n")] = '\0';
	cr_assert_eq(strlen(line), 64, "token has %zu chars", strlen(line));
	snprintf(token, n, "%s", line);
}

static inline int th_port_open(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return 0;
	struct sockaddr_in a = {0};
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons((unsigned short)port);
	int ok = connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
	close(fd);
	return ok;
}

/* Starts `sxsh-server serve` and waits (up to 20 s) until it accepts TCP
 * connections.  Restarting a stopped server reuses its port, so clients
 * can keep their URL. */
static inline void th_server_start(struct th_server *s)
{
	for (int attempt = 0; attempt < 5; attempt++) {
		int port = s->port ? s->port : th_free_port();
		char listen_at[32];
		snprintf(listen_at, sizeof listen_at, "127.0.0.1:%d", port);
		pid_t pid = fork();
		cr_assert(pid >= 0);
		if (pid == 0) {
			int fd = open(s->log, O_WRONLY | O_CREAT | O_APPEND,
				      0600);
			if (fd >= 0) {
				dup2(fd, 2);
				close(fd);
			}
			int null = open("/dev/null", O_RDWR);
			if (null >= 0) {
				dup2(null, 0);
				dup2(null, 1);
				close(null);
			}
			if (s->extra_env) {
				/* "A=1 B=2 " */
				char env[512];
				snprintf(env, sizeof env, "%s", s->extra_env);
				for (char *tok = strtok(env, " "); tok;
				     tok = strtok(NULL, " ")) {
					char *eq = strchr(tok, '=');
					if (eq) {
						*eq = '\0';
						setenv(tok, eq + 1, 1);
					}
				}
			}
			const char *argv[16] = {th_server_bin(), "serve",
				"--db", s->db, "--cert", s->cert, "--key",
				s->key, "--listen", listen_at};
			for (int k = 0; k < 4 && s->extra_args[k]; k++)
				argv[10 + k] = s->extra_args[k];
			execv(th_server_bin(), (char *const *)argv);
			_exit(127);
		}
		for (int i = 0; i < 400; i++) {
			int st;
			if (waitpid(pid, &st, WNOHANG) == pid) {
				pid = 0;
				break;
			}
			if (th_port_open(port)) {
				s->pid = pid;
				s->port = port;
				snprintf(s->url, sizeof s->url,
					 "https://127.0.0.1:%d", port);
				return;
			}
			usleep(50 * 1000);
		}
		if (pid) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
		}
		if (s->port) /* a fixed port: give it a moment to free up */
			usleep(300 * 1000);
	}
	cr_assert_fail("sxsh-server did not start (see %s)", s->log);
}

/* Sends sig (SIGTERM, SIGKILL …) and waits up to 30 s.  Returns the exit
 * status, or 128 + signal number when killed by a signal. */
static inline int th_server_stop(struct th_server *s, int sig)
{
	if (!s->pid)
		return -1;
	kill(s->pid, sig);
	int st = 0;
	for (int i = 0; i < 3000; i++) {
		pid_t r = waitpid(s->pid, &st, WNOHANG);
		if (r == s->pid)
			break;
		if (i == 2999) {
			kill(s->pid, SIGKILL);
			waitpid(s->pid, &st, 0);
		}
		usleep(10 * 1000);
	}
	s->pid = 0;
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return -1;
}

/* ---- HTTPS requests with libcurl ------------------------------------ */

struct th_resp {
	long status;
	char *body;        /* NUL-terminated, inflated; th_resp_release */
	size_t len;
	char encoding[32]; /* Content-Encoding of the response, "" if none */
};

static inline size_t th_resp_write(char *p, size_t sz, size_t n, void *u)
{
	struct th_resp *r = u;
	char *nb = realloc(r->body, r->len + sz * n + 1);
	if (!nb)
		return 0;
	memcpy(nb + r->len, p, sz * n);
	r->body = nb;
	r->len += sz * n;
	r->body[r->len] = '\0';
	return sz * n;
}

static inline size_t th_resp_header(char *p, size_t sz, size_t n, void *u)
{
	struct th_resp *r = u;
	size_t len = sz * n;
	if (len > 17 && strncasecmp(p, "Content-Encoding:", 17) == 0) {
		const char *v = p + 17;
		while (*v == ' ')
			v++;
		size_t k = 0;
		while (k + 1 < sizeof r->encoding && v + k < p + len &&
		       v[k] != '\r' && v[k] != '\n')
			k++;
		memcpy(r->encoding, v, k);
		r->encoding[k] = '\0';
	}
	return len;
}

static inline void th_resp_release(struct th_resp *r)
{
	free(r->body);
	memset(r, 0, sizeof *r);
}

/* gzip-compresses in[0..n) into a malloc'd buffer; *out_len its size. */
static inline char *th_gzip(const char *in, size_t n, size_t *out_len)
{
	z_stream z = {0};
	cr_assert_eq(deflateInit2(&z, 6, Z_DEFLATED, 16 + 15, 8,
				  Z_DEFAULT_STRATEGY), Z_OK);
	size_t cap = deflateBound(&z, n) + 64;
	char *out = malloc(cap);
	cr_assert_not_null(out);
	z.next_in = (unsigned char *)in;
	z.avail_in = (unsigned)n;
	z.next_out = (unsigned char *)out;
	z.avail_out = (unsigned)cap;
	cr_assert_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
	*out_len = z.total_out;
	deflateEnd(&z);
	return out;
}

/* One HTTPS request to s (verified against s->ca).  method "GET" or
 * "POST"; token NULL for none; body NULL for none.  gzip_body: send the
 * body gzip-compressed with Content-Encoding: gzip.  The response is
 * asked for gzip and inflated by curl.  Returns curl's result code; a
 * transport failure leaves r->status 0. */
static inline CURLcode th_request(const struct th_server *s,
				  const char *method, const char *path,
				  const char *token, const char *body,
				  size_t body_len, int gzip_body,
				  struct th_resp *r)
{
	memset(r, 0, sizeof *r);
	CURL *c = curl_easy_init();
	cr_assert_not_null(c);
	char url[512], auth[256];
	struct curl_slist *h = NULL;
	char *gz = NULL;
	snprintf(url, sizeof url, "%s%s", s->url, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CAINFO, s->ca);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "gzip");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, th_resp_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, th_resp_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (token) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
		h = curl_slist_append(h, auth);
	}
	if (strcmp(method, "POST") == 0) {
		h = curl_slist_append(h, "Content-Type: application/json");
		const char *b = body ? body : "";
		size_t bl = body ? body_len : 0;
		if (gzip_body) {
			gz = th_gzip(b, bl, &bl);
			b = gz;
			h = curl_slist_append(h, "Content-Encoding: gzip");
		}
		/* Like curl's default: a body over 1 MiB waits for "100
		 * Continue", so an early 401/413 arrives before the body
		 * (the server refuses those before reading it). */
		h = curl_slist_append(h, bl < 1024 * 1024 ? "Expect:" :
				      "Expect: 100-continue");
		curl_easy_setopt(c, CURLOPT_POST, 1L);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
				 (curl_off_t)bl);
		curl_easy_setopt(c, CURLOPT_COPYPOSTFIELDS, b);
	} else if (strcmp(method, "GET") != 0) {
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	CURLcode rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	if (!r->body) {
		r->body = calloc(1, 1);
		cr_assert_not_null(r->body);
	}
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	free(gz);
	return rc;
}

#endif

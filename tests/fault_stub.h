/* fault_stub.h — a small HTTP/1.1 server on 127.0.0.1 for the sync tests,
 * run in a forked child, that answers every request in one chosen way:
 * a canned status and body, garbage, a truncated body, an empty reply, or
 * silence.  It records the last request it read (headers, then the raw
 * body) into a file so a test can check what the client sent.
 *
 * Plain HTTP: the client reaches it with the development flag
 * (insecure_dev).  TLS faults are tested against the real server.
 */
#ifndef SXSH_TESTS_FAULT_STUB_H
#define SXSH_TESTS_FAULT_STUB_H

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

enum fault_mode {
	FAULT_CANNED,     /* status + body as given, keep-alive */
	FAULT_500,        /* 500 with a JSON error */
	FAULT_GARBAGE,    /* 200, Content-Type JSON, body not JSON */
	FAULT_TRUNCATED,  /* 200, Content-Length promises more than comes */
	FAULT_NOTHING,    /* reads the request, closes without a byte */
	FAULT_SILENT      /* reads the request, then never answers */
};

struct fault_stub {
	pid_t pid;
	int port;
	char url[64];
	char record_path[256];  /* last request: headers + "\n" + body */
};

static inline ssize_t fault_read_request(int fd, char *buf, size_t cap,
					 size_t *hdr_len)
{
	size_t len = 0, need = 0;
	char *end = NULL;

	while (len < cap) {
		ssize_t n = read(fd, buf + len, cap - len);
		if (n <= 0)
			return -1;
		len += (size_t)n;
		if (!end) {
			buf[len < cap ? len : cap - 1] = '\0';
			end = strstr(buf, "\r\n\r\n");
			if (end) {
				const char *cl = strcasestr(buf,
						"\r\ncontent-length:");
				*hdr_len = (size_t)(end - buf) + 4;
				need = *hdr_len + (cl ? strtoul(cl + 17, NULL,
							10) : 0);
			}
		}
		if (end && len >= need)
			return (ssize_t)len;
	}
	return -1;
}

static inline void fault_write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static inline void fault_serve(int lfd, enum fault_mode mode, int status,
			       const char *body, const char *record_path)
{
	static char req[1 << 22];
	char head[512];

	signal(SIGPIPE, SIG_IGN);
	for (;;) {
		int fd = accept(lfd, NULL, NULL);
		if (fd < 0)
			continue;
		for (;;) {
			size_t hdr_len = 0;
			ssize_t n = fault_read_request(fd, req, sizeof req,
						       &hdr_len);
			if (n < 0)
				break;
			if (record_path[0]) {
				FILE *f = fopen(record_path, "wb");
				if (f) {
					fwrite(req, 1, (size_t)n, f);
					fclose(f);
				}
			}
			if (mode == FAULT_NOTHING)
				break;
			if (mode == FAULT_SILENT) {
				pause();
				break;
			}
			if (mode == FAULT_TRUNCATED) {
				const char *part = "{\"results\":[{\"change_";
				snprintf(head, sizeof head,
					 "HTTP/1.1 200 OK\r\nContent-Type: "
					 "application/json\r\nContent-Length: "
					 "5000\r\n\r\n");
				fault_write_all(fd, head, strlen(head));
				fault_write_all(fd, part, strlen(part));
				break;
			}
			{
				const char *b = body;
				int st = status;
				if (mode == FAULT_500) {
					st = 500;
					b = "{\"error\":\"internal\"}";
				} else if (mode == FAULT_GARBAGE) {
					st = 200;
					b = "\x01\x02<html>not json at all";
				}
				snprintf(head, sizeof head,
					 "HTTP/1.1 %d X\r\nContent-Type: "
					 "application/json\r\nContent-Length: "
					 "%zu\r\n\r\n", st, strlen(b));
				fault_write_all(fd, head, strlen(head));
				fault_write_all(fd, b, strlen(b));
			}
		}
		close(fd);
	}
}

/* Starts the stub; record_path may be NULL. */
static inline void fault_stub_start(struct fault_stub *s, enum fault_mode mode,
				    int status, const char *body,
				    const char *record_path)
{
	struct sockaddr_in a;
	socklen_t alen = sizeof a;
	int one = 1;
	int lfd = socket(AF_INET, SOCK_STREAM, 0);

	memset(s, 0, sizeof *s);
	if (record_path)
		snprintf(s->record_path, sizeof s->record_path, "%s",
			 record_path);
	cr_assert(lfd >= 0);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert_eq(bind(lfd, (struct sockaddr *)&a, sizeof a), 0);
	cr_assert_eq(listen(lfd, 16), 0);
	cr_assert_eq(getsockname(lfd, (struct sockaddr *)&a, &alen), 0);
	s->port = ntohs(a.sin_port);
	snprintf(s->url, sizeof s->url, "http://127.0.0.1:%d", s->port);
	s->pid = fork();
	cr_assert(s->pid >= 0);
	if (s->pid == 0) {
		fault_serve(lfd, mode, status, body ? body : "{}",
			    s->record_path);
		_exit(0);
	}
	close(lfd);
}

static inline void fault_stub_stop(struct fault_stub *s)
{
	if (s->pid > 0) {
		kill(s->pid, SIGKILL);
		waitpid(s->pid, NULL, 0);
		s->pid = 0;
	}
}

#endif

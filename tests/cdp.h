/* cdp.h — a headless Chromium driven over the DevTools protocol on a pipe,
 * for the desk's browser test (test_desk_browser.c).
 *
 * With --remote-debugging-pipe the browser reads commands on its fd 3 and
 * writes answers and events on its fd 4, each one JSON text ended by a NUL
 * byte; no port is opened, so nothing else on the machine can drive it.
 * One page target is created and attached in "flat" mode: commands for the
 * page carry its sessionId.  While waiting for an answer every event is
 * looked at: page errors (Runtime.exceptionThrown), console errors
 * (Runtime.consoleAPICalled of type error or assert) and the browser's own
 * error entries (Log.entryAdded of level error: a resource answering 404,
 * a Content-Security-Policy refusal, a mixed-content block) are kept in
 * `errors`, one a line, for the test to assert empty.
 *
 * The browser is started in a process group of its own and stopped with
 * Browser.close, or SIGKILL to that group (only processes it started)
 * when it does not exit within 10 s.  cdp_start does not fail the test:
 * it returns -1 with `why` set so that the caller can skip where Chromium
 * cannot run; everything after a successful start fails the test.
 */
#ifndef SXSH_TESTS_CDP_H
#define SXSH_TESTS_CDP_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include <jansson.h>
#include <criterion/criterion.h>

#define CDP_TIMEOUT_MS 30000

struct cdp {
	pid_t pid;
	int to_fd; /* the browser's fd 3 */
	int from_fd; /* the browser's fd 4 */
	char *buf; /* bytes read that are not yet a whole message */
	size_t len, cap;
	int next_id;
	char session[128]; /* the page's sessionId */
	int loaded; /* Page.loadEventFired since it was cleared */
	char errors[16384];
	int nerrors;
	char why[1280]; /* why cdp_start failed */
};

static inline long long cdp_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static inline void cdp_error_add(struct cdp *b, const char *what,
				 const char *text, const char *where)
{
	size_t have = strlen(b->errors);
	snprintf(b->errors + have, sizeof b->errors - have, "%s: %s%s%s\n",
		 what, text ? text : "?", where && *where ? " at " : "",
		 where ? where : "");
	b->nerrors++;
}

/* Notes what an event tells about the page. */
static inline void cdp_event(struct cdp *b, const json_t *msg)
{
	const char *method = json_string_value(json_object_get(msg, "method"));
	const json_t *params = json_object_get(msg, "params");
	if (!method)
		return;
	if (!strcmp(method, "Page.loadEventFired")) {
		b->loaded = 1;
	} else if (!strcmp(method, "Runtime.exceptionThrown")) {
		const json_t *d = json_object_get(params, "exceptionDetails");
		const json_t *ex = json_object_get(d, "exception");
		const char *text =
			json_string_value(json_object_get(ex, "description"));
		cdp_error_add(b, "page error",
			      text ? text
				   : json_string_value(
					     json_object_get(d, "text")),
			      json_string_value(json_object_get(d, "url")));
	} else if (!strcmp(method, "Runtime.consoleAPICalled")) {
		const char *type =
			json_string_value(json_object_get(params, "type"));
		if (!type || (strcmp(type, "error") && strcmp(type, "assert")))
			return;
		const json_t *arg0 =
			json_array_get(json_object_get(params, "args"), 0);
		const char *text =
			json_string_value(json_object_get(arg0, "value"));
		cdp_error_add(b, "console error",
			      text ? text
				   : json_string_value(json_object_get(
					     arg0, "description")),
			      NULL);
	} else if (!strcmp(method, "Log.entryAdded")) {
		const json_t *e = json_object_get(params, "entry");
		const char *level =
			json_string_value(json_object_get(e, "level"));
		if (level && !strcmp(level, "error"))
			cdp_error_add(
				b, "console error",
				json_string_value(json_object_get(e, "text")),
				json_string_value(json_object_get(e, "url")));
	} else if (!strcmp(method, "Inspector.targetCrashed")) {
		cdp_error_add(b, "page crashed", "", NULL);
	}
}

/* The next message (new reference), or NULL when none came within
 * timeout_ms or the browser closed its end. */
static inline json_t *cdp_read(struct cdp *b, int timeout_ms)
{
	long long until = cdp_now_ms() + timeout_ms;
	for (;;) {
		char *end = b->len ? memchr(b->buf, '\0', b->len) : NULL;
		if (end) {
			size_t n = (size_t)(end - b->buf);
			json_t *msg = json_loadb(b->buf, n, 0, NULL);
			memmove(b->buf, end + 1, b->len - n - 1);
			b->len -= n + 1;
			if (msg)
				return msg;
			continue;
		}
		long long left = until - cdp_now_ms();
		if (left <= 0)
			return NULL;
		struct pollfd p = {b->from_fd, POLLIN, 0};
		int r = poll(&p, 1, (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return NULL;
		if (b->cap - b->len < 65536) {
			size_t cap = b->cap ? b->cap * 2 : 1 << 20;
			char *nb = realloc(b->buf, cap);
			if (!nb)
				return NULL;
			b->buf = nb;
			b->cap = cap;
		}
		ssize_t n = read(b->from_fd, b->buf + b->len, b->cap - b->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return NULL;
		b->len += (size_t)n;
	}
}

/* Sends method with params (stolen; NULL for none), to the page when
 * page is 1, and waits for its answer.  The result (new reference), or
 * NULL with *why (when given) filled on an error answer or a timeout. */
static inline json_t *cdp_send(struct cdp *b, int page, const char *method,
			       json_t *params, char *why, size_t why_size)
{
	int id = ++b->next_id;
	json_t *cmd = json_pack("{s:i,s:s,s:o}", "id", id, "method", method,
				"params", params ? params : json_object());
	if (page)
		json_object_set_new(cmd, "sessionId",
				    json_string(b->session));
	char *text = json_dumps(cmd, JSON_COMPACT);
	json_decref(cmd);
	size_t n = text ? strlen(text) + 1 : 0; /* the NUL ends it */
	size_t done = 0;
	while (text && done < n) {
		ssize_t w = write(b->to_fd, text + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	free(text);
	if (!n || done < n) {
		if (why)
			snprintf(why, why_size, "%s: cannot write to the"
				 " browser", method);
		return NULL;
	}
	long long until = cdp_now_ms() + CDP_TIMEOUT_MS;
	for (;;) {
		long long left = until - cdp_now_ms();
		json_t *msg = left > 0 ? cdp_read(b, (int)left) : NULL;
		if (!msg) {
			if (why)
				snprintf(why, why_size,
					 "%s: no answer from the browser",
					 method);
			return NULL;
		}
		const json_t *mid = json_object_get(msg, "id");
		if (!mid) {
			cdp_event(b, msg);
			json_decref(msg);
			continue;
		}
		if (json_integer_value(mid) != id) {
			json_decref(msg);
			continue;
		}
		json_t *result = json_object_get(msg, "result");
		if (!result) {
			char *e = json_dumps(json_object_get(msg, "error"),
					     JSON_COMPACT);
			if (why)
				snprintf(why, why_size, "%s: %s", method,
					 e ? e : "error");
			free(e);
			json_decref(msg);
			return NULL;
		}
		json_incref(result);
		json_decref(msg);
		return result;
	}
}

/* As cdp_send to the page, failing the test on an error. */
static inline json_t *cdp_call(struct cdp *b, const char *method,
			       json_t *params)
{
	char why[1024] = "";
	json_t *r = cdp_send(b, 1, method, params, why, sizeof why);
	cr_assert_not_null(r, "%s", why);
	return r;
}

static inline void cdp_call_void(struct cdp *b, const char *method,
				  json_t *params)
{
	json_decref(cdp_call(b, method, params));
}

/* Waits until the page's load event (cleared by the caller before the
 * action that loads a page); fails the test after CDP_TIMEOUT_MS. */
static inline void cdp_wait_load(struct cdp *b)
{
	long long until = cdp_now_ms() + CDP_TIMEOUT_MS;
	while (!b->loaded) {
		long long left = until - cdp_now_ms();
		json_t *msg = left > 0 ? cdp_read(b, (int)left) : NULL;
		cr_assert_not_null(msg, "the page did not finish loading");
		if (!json_object_get(msg, "id"))
			cdp_event(b, msg);
		json_decref(msg);
	}
}

/* Takes in the events that are already there (a late console error),
 * waiting ms for more. */
static inline void cdp_drain(struct cdp *b, int ms)
{
	json_t *msg;
	while ((msg = cdp_read(b, ms)) != NULL) {
		if (!json_object_get(msg, "id"))
			cdp_event(b, msg);
		json_decref(msg);
	}
}

/* Loads url in the page and waits for its load event. */
static inline void cdp_navigate(struct cdp *b, const char *url)
{
	b->loaded = 0;
	json_t *r = cdp_call(b, "Page.navigate",
			     json_pack("{s:s}", "url", url));
	const char *failed =
		json_string_value(json_object_get(r, "errorText"));
	cr_assert_null(failed, "%s: %s", url, failed);
	json_decref(r);
	cdp_wait_load(b);
}

/* Evaluates expr in the page; its value (new reference; JSON null for
 * undefined).  A thrown exception fails the test. */
static inline json_t *cdp_eval(struct cdp *b, const char *expr)
{
	json_t *r = cdp_call(b, "Runtime.evaluate",
			     json_pack("{s:s,s:b}", "expression", expr,
				       "returnByValue", 1));
	const json_t *ex = json_object_get(r, "exceptionDetails");
	cr_assert_null(ex, "%s threw", expr);
	json_t *v = json_object_get(json_object_get(r, "result"), "value");
	v = v ? json_incref(v) : json_null();
	json_decref(r);
	return v;
}

static inline long long cdp_eval_int(struct cdp *b, const char *expr)
{
	json_t *v = cdp_eval(b, expr);
	cr_assert(json_is_number(v), "%s is not a number", expr);
	long long n = (long long)json_number_value(v);
	json_decref(v);
	return n;
}

/* Stops the browser: Browser.close, then SIGKILL to its own group. */
static inline void cdp_stop(struct cdp *b)
{
	if (b->pid > 0) {
		json_decref(cdp_send(b, 0, "Browser.close", NULL, NULL, 0));
		int st, gone = 0;
		for (int i = 0; i < 200 && !gone; i++) {
			if (waitpid(b->pid, &st, WNOHANG) == b->pid)
				gone = 1;
			else
				usleep(50 * 1000);
		}
		if (!gone) {
			kill(-b->pid, SIGKILL);
			waitpid(b->pid, &st, 0);
		}
		b->pid = 0;
	}
	if (b->to_fd > 0)
		close(b->to_fd);
	if (b->from_fd > 0)
		close(b->from_fd);
	b->to_fd = b->from_fd = -1;
	free(b->buf);
	b->buf = NULL;
	b->len = b->cap = 0;
}

/* Starts `chromium` (or $SXSH_CHROMIUM) headless with its profile in
 * profile_dir and its output appended to log, creates a blank page and
 * attaches to it.  0, or -1 with b->why said (the browser stopped). */
static inline int cdp_start(struct cdp *b, const char *profile_dir,
			    const char *log)
{
	memset(b, 0, sizeof *b);
	b->to_fd = b->from_fd = -1;
	const char *bin = getenv("SXSH_CHROMIUM");
	if (!bin || !*bin)
		bin = "chromium";
	int to[2], from[2];
	if (pipe2(to, O_CLOEXEC) != 0)
		goto fail_errno;
	if (pipe2(from, O_CLOEXEC) != 0) {
		close(to[0]);
		close(to[1]);
		goto fail_errno;
	}
	char user_data[600];
	snprintf(user_data, sizeof user_data, "--user-data-dir=%s",
		 profile_dir);
	b->pid = fork();
	if (b->pid == 0) {
		setpgid(0, 0);
		/* Out of the way of 3 and 4 first, then onto them; dup2
		 * clears close-on-exec on the copies only. */
		int r = fcntl(to[0], F_DUPFD, 10);
		int w = fcntl(from[1], F_DUPFD, 10);
		if (r < 0 || w < 0 || dup2(r, 3) < 0 || dup2(w, 4) < 0)
			_exit(126);
		int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		int null = open("/dev/null", O_RDONLY);
		if (null >= 0)
			dup2(null, 0);
		/* Only the pages under test: no sign-in, updates, metrics,
		 * safe-browsing or other calls out of the machine.  The
		 * test's own CA is not in the browser's store. */
		const char *argv[] = {
			bin, "--headless", "--no-sandbox", "--disable-gpu",
			"--remote-debugging-pipe", user_data,
			"--no-first-run", "--no-default-browser-check",
			"--disable-background-networking",
			"--disable-component-update", "--disable-sync",
			"--disable-extensions", "--disable-default-apps",
			"--disable-domain-reliability", "--no-pings",
			"--metrics-recording-only", "--mute-audio",
			"--disable-dev-shm-usage",
			"--disable-features=Translate,MediaRouter,"
			"OptimizationHints,AutofillServerCommunication",
			"--ignore-certificate-errors", "about:blank", NULL};
		execvp(bin, (char *const *)argv);
		_exit(127);
	}
	close(to[0]);
	close(from[1]);
	b->to_fd = to[1];
	b->from_fd = from[0];
	if (b->pid < 0) {
		b->pid = 0;
		goto fail_errno;
	}
	/* Writing to a browser that died must not kill the test. */
	signal(SIGPIPE, SIG_IGN);
	char why[256] = "";
	json_t *v = cdp_send(b, 0, "Browser.getVersion", NULL, why,
			     sizeof why);
	if (!v) {
		int st = 0;
		if (waitpid(b->pid, &st, WNOHANG) == b->pid) {
			b->pid = 0;
			if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
				snprintf(why, sizeof why,
					 "%s is not installed", bin);
			else
				snprintf(why, sizeof why,
					 "%s stopped at start (see %s)", bin,
					 log);
		}
		snprintf(b->why, sizeof b->why, "%s", why);
		cdp_stop(b);
		return -1;
	}
	json_decref(v);
	json_t *t = cdp_send(b, 0, "Target.createTarget",
			     json_pack("{s:s}", "url", "about:blank"), why,
			     sizeof why);
	const char *target =
		json_string_value(json_object_get(t, "targetId"));
	json_t *a = target ? cdp_send(b, 0, "Target.attachToTarget",
				      json_pack("{s:s,s:b}", "targetId",
						target, "flatten", 1),
				      why, sizeof why)
			   : NULL;
	const char *session =
		json_string_value(json_object_get(a, "sessionId"));
	if (session)
		snprintf(b->session, sizeof b->session, "%s", session);
	json_decref(t);
	json_decref(a);
	if (!b->session[0]) {
		snprintf(b->why, sizeof b->why, "no page: %s", why);
		cdp_stop(b);
		return -1;
	}
	return 0;
fail_errno:
	snprintf(b->why, sizeof b->why, "cannot start %s: %s", bin,
		 strerror(errno));
	return -1;
}

#endif

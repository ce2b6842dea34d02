/* tmux_driver.h — drives the real sxsh binary inside a private tmux
 * server (tmux -L sxsh-test-<pid>) for the terminal UI tests: start it in
 * a pane of a given size, send keys (send-keys; -l for literal UTF-8),
 * and wait for text on the screen by polling capture-pane with a time
 * limit, never with fixed sleeps. */
#ifndef SXSH_TESTS_TMUX_DRIVER_H
#define SXSH_TESTS_TMUX_DRIVER_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

struct tx {
	char sock[64];
	char screen[32768];
};

/* The binary under test: $SXSH_BIN (ASan build in make test). */
static inline const char *tx_bin(void)
{
	const char *b = getenv("SXSH_BIN");
	return b && *b ? b : "build/asan/sxsh";
}

static inline int tx_sh(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static inline int tx_sh(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	st = system(cmd);
	return st == -1 ? -1 : WEXITSTATUS(st);
}

/* Starts `sxsh ARGS` in a new session of cols×rows.  The pane runs a
 * shell that prints EXIT=<status> when sxsh ends, so that tests can check
 * how it ended and that the terminal came back. */
static inline void tx_start_env(struct tx *t, int cols, int rows,
				const char *env, const char *args)
{
	static int n;
	snprintf(t->sock, sizeof t->sock, "sxsh-test-%d-%d", (int)getpid(),
		 n++);
	tx_sh("tmux -L %s -f /dev/null new-session -d -x %d -y %d -s t "
	      "\"ulimit -c 0; env TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 "
	      "ASAN_OPTIONS=detect_leaks=1 %s %s %s; echo EXIT=\\$?; "
	      "sleep 600\"",
	      t->sock, cols, rows, env ? env : "", tx_bin(), args);
	tx_sh("tmux -L %s set -g window-size manual >/dev/null 2>&1",
	      t->sock);
}

static inline void tx_start(struct tx *t, int cols, int rows,
			    const char *args)
{
	tx_start_env(t, cols, rows, NULL, args);
}

/* Ends the tmux server of socket name sock and removes its socket file,
 * which tmux 3.3 leaves behind (one per test run, thousands in time). */
static inline void tx_kill_server(const char *sock)
{
	tx_sh("p=$(tmux -L %s display-message -p '#{socket_path}' "
	      "2>/dev/null); tmux -L %s kill-server >/dev/null 2>&1; "
	      "[ -z \"$p\" ] || rm -f \"$p\"", sock, sock);
}

static inline void tx_stop(struct tx *t)
{
	tx_kill_server(t->sock);
}

/* Named keys: "Tab", "F2", "Escape", "C-s", "Enter", "Down". */
static inline void tx_keys(struct tx *t, const char *keys)
{
	tx_sh("tmux -L %s send-keys -t t %s", t->sock, keys);
}

/* Literal text (UTF-8), typed as is. */
static inline void tx_type(struct tx *t, const char *text)
{
	char quoted[2048];
	size_t k = 0;

	quoted[k++] = '\'';
	for (const char *p = text; *p && k + 6 < sizeof quoted; p++) {
		if (*p == '\'') {
			memcpy(quoted + k, "'\\''", 4);
			k += 4;
		} else {
			quoted[k++] = *p;
		}
	}
	quoted[k++] = '\'';
	quoted[k] = 0;
	tx_sh("tmux -L %s send-keys -t t -l %s", t->sock, quoted);
}

static inline const char *tx_capture(struct tx *t)
{
	char cmd[256];
	FILE *p;
	size_t n;

	snprintf(cmd, sizeof cmd, "tmux -L %s capture-pane -p -t t",
		 t->sock);
	p = popen(cmd, "r");
	if (!p) {
		t->screen[0] = 0;
		return t->screen;
	}
	n = fread(t->screen, 1, sizeof t->screen - 1, p);
	t->screen[n] = 0;
	pclose(p);
	return t->screen;
}

static inline double tx_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Captures until two captures 50 ms apart agree, so that a test seldom
 * reads a screen that the program is still painting (tests still wait
 * for each text they check rather than trust one capture). */
static inline const char *tx_settle(struct tx *t)
{
	static char prev[32768];
	for (int i = 0; i < 50; i++) {
		snprintf(prev, sizeof prev, "%s", tx_capture(t));
		usleep(50000);
		if (!strcmp(prev, tx_capture(t)))
			break;
	}
	return t->screen;
}

/* 1 when text appears within timeout seconds (ASan builds are slow); the
 * screen in t->screen is then settled (see tx_settle). */
static inline int tx_wait(struct tx *t, const char *text, double timeout)
{
	double end = tx_now() + timeout;
	for (;;) {
		if (strstr(tx_capture(t), text) &&
		    strstr(tx_settle(t), text))
			return 1;
		if (tx_now() > end)
			return 0;
		usleep(30000);
	}
}

/* 1 when text is gone within timeout seconds. */
static inline int tx_wait_gone(struct tx *t, const char *text,
			       double timeout)
{
	double end = tx_now() + timeout;
	for (;;) {
		if (!strstr(tx_capture(t), text))
			return 1;
		if (tx_now() > end)
			return 0;
		usleep(30000);
	}
}

/* pid of sxsh: the child of the pane's shell. */
static inline int tx_app_pid(struct tx *t)
{
	char cmd[256];
	FILE *p;
	int pid = -1;

	snprintf(cmd, sizeof cmd, "pgrep -P $(tmux -L %s display -p -t t "
		 "'#{pane_pid}') | head -n 1", t->sock);
	p = popen(cmd, "r");
	if (p) {
		if (fscanf(p, "%d", &pid) != 1)
			pid = -1;
		pclose(p);
	}
	return pid;
}

#endif

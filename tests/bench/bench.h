/* bench.h — what every benchmark shares: a monotonic clock, samples with
 * their median and worst, peak memory of this process and of a child run,
 * and one table format so that `make bench` prints comparable lines.
 *
 * Header-only (every bench source is its own program); every function
 * is static inline so that a bench using part of it still builds with
 * -Werror.  Times are in milliseconds as doubles; sizes in KiB.
 */
#ifndef SXSH_BENCH_H
#define SXSH_BENCH_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

/* ---- clock ---------------------------------------------------------------- */

/* Milliseconds on the monotonic clock (arbitrary origin). */
static inline double bench_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Milliseconds of CPU time this thread has used.  Beside the wall clock
 * it tells our own cost from time lost to other processes (a shared
 * machine preempts a bench for a whole 4 ms tick now and then). */
static inline double bench_cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* ---- samples -------------------------------------------------------------- */

/* A growing list of measurements (owned array; release with
 * bench_samples_release). */
struct bench_samples {
	double *v;
	int n;
	int cap;
};

/* Appends x; on out of memory the sample is dropped and a note printed,
 * since a benchmark must not stop half-way for one lost figure. */
static inline void bench_samples_add(struct bench_samples *s, double x)
{
	if (s->n == s->cap) {
		int cap = s->cap ? s->cap * 2 : 64;
		double *v = realloc(s->v, (size_t)cap * sizeof *v);
		if (!v) {
			fprintf(stderr, "bench: out of memory, sample lost\n");
			return;
		}
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = x;
}

static inline void bench_samples_release(struct bench_samples *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Median (mean of the two middle values for an even count); 0 when empty.
 * Sorts a copy, so the samples keep their order. */
static inline double bench_median(const struct bench_samples *s)
{
	if (s->n == 0)
		return 0;
	double *c = malloc((size_t)s->n * sizeof *c);
	if (!c)
		return -1;
	memcpy(c, s->v, (size_t)s->n * sizeof *c);
	qsort(c, (size_t)s->n, sizeof *c, bench_cmp_double);
	double m = s->n % 2 ? c[s->n / 2]
			    : (c[s->n / 2 - 1] + c[s->n / 2]) / 2;
	free(c);
	return m;
}

static inline double bench_worst(const struct bench_samples *s)
{
	double w = 0;
	for (int i = 0; i < s->n; i++)
		if (s->v[i] > w)
			w = s->v[i];
	return w;
}

/* ---- memory and files ----------------------------------------------------- */

/* Peak resident set of this process so far, KiB (Linux ru_maxrss). */
static inline long bench_peak_rss_kb(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return -1;
	return ru.ru_maxrss;
}

/* Size of a file in bytes, or -1 when it does not exist. */
static inline long long bench_file_size(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return -1;
	return (long long)st.st_size;
}

/* The outcome of one run of another program. */
struct bench_run {
	int status;         /* exit status, or -1 when it did not exit */
	double wall_ms;
	long peak_rss_kb;   /* that child's own ru_maxrss */
};

/* Runs argv[0] (a path) with argv, stdout and stderr sent to /dev/null
 * unless quiet is 0, and measures its wall time and peak memory with
 * wait4's rusage.  Returns 0, or -1 when it could not be started. */
static inline int bench_run_child(char *const argv[], int quiet,
				  struct bench_run *out)
{
	double t0 = bench_now_ms();
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (quiet) {
			FILE *null = freopen("/dev/null", "w", stdout);
			(void)null;
			null = freopen("/dev/null", "w", stderr);
			(void)null;
		}
		execv(argv[0], argv);
		_exit(127);
	}
	int st = 0;
	struct rusage ru;
	memset(&ru, 0, sizeof ru);
	while (wait4(pid, &st, 0, &ru) < 0)
		if (errno != EINTR)
			return -1;
	out->wall_ms = bench_now_ms() - t0;
	out->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	out->peak_rss_kb = ru.ru_maxrss;
	return 0;
}

/* ---- printing ------------------------------------------------------------- */

/* Every bench prints a title, then rows of
 *   what                             median    worst   goal   verdict
 * so that run.sh's output reads as one table. */
static inline void bench_title(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static inline void bench_title(const char *fmt, ...)
{
	va_list ap;
	printf("\n== ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" ==\n");
	printf("%-44s %10s %10s  %s\n", "measure", "median", "worst",
	       "goal");
	fflush(stdout);
}

/* One timing row; goal_median / goal_worst <= 0 mean "no goal".  Returns 1
 * when a goal was missed, so a bench can count misses. */
static inline int bench_row_ms(const char *what, double median,
			       double worst, double goal_median,
			       double goal_worst)
{
	char goal[64] = "";
	int missed = 0;
	if (goal_median > 0 && goal_worst > 0)
		snprintf(goal, sizeof goal, "median < %g ms, worst < %g ms",
			 goal_median, goal_worst);
	else if (goal_worst > 0)
		snprintf(goal, sizeof goal, "worst < %g ms", goal_worst);
	else if (goal_median > 0)
		snprintf(goal, sizeof goal, "median < %g ms", goal_median);
	if ((goal_median > 0 && median >= goal_median) ||
	    (goal_worst > 0 && worst >= goal_worst))
		missed = 1;
	printf("%-44s %7.3f ms %7.3f ms  %s%s\n", what, median, worst, goal,
	       !goal[0] ? "" : missed ? "  MISSED" : "  ok");
	fflush(stdout);
	return missed;
}

/* Prints s left-aligned in width terminal columns, counting UTF-8
 * characters rather than bytes so that Vietnamese labels line up. */
static inline void bench_print_padded(const char *s, int width)
{
	int chars = 0;
	for (const char *p = s; *p; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	fputs(s, stdout);
	for (; chars < width; chars++)
		putchar(' ');
}

/* A row with a single value and its unit (sizes, counts, rates). */
static inline void bench_row_value(const char *what, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static inline void bench_row_value(const char *what, const char *fmt, ...)
{
	va_list ap;
	printf("%-44s ", what);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* The path of a bench database from the environment (set by run.sh), or
 * NULL with a note saying the bench was skipped. */
static inline const char *bench_db_from_env(const char *var)
{
	const char *p = getenv(var);
	if (!p || !*p || bench_file_size(p) < 0) {
		printf("(skipped: %s is not set; run through make bench)\n",
		       var);
		return NULL;
	}
	return p;
}

/* Runs a shell command; its exit status, or -1. */
static inline int bench_sh(const char *cmd)
{
	int st = system(cmd);
	return st == -1 || !WIFEXITED(st) ? -1 : WEXITSTATUS(st);
}

/* A throw-away CA and a server certificate for 127.0.0.1 in dir: fills
 * ca, cert and key (n bytes each) with their paths.  0 on success. */
static inline int bench_make_certs(const char *dir, char *ca, char *cert,
				   char *key, size_t n)
{
	char cmd[4096];
	snprintf(ca, n, "%s/ca.pem", dir);
	snprintf(cert, n, "%s/server.pem", dir);
	snprintf(key, n, "%s/server.key", dir);
	snprintf(cmd, sizeof cmd,
		 "cd '%s' && printf 'subjectAltName=IP:127.0.0.1\\n"
		 "basicConstraints=critical,CA:FALSE\\n' > ext &&"
		 " openssl req -x509 -newkey ec -pkeyopt"
		 " ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem"
		 " -days 2 -subj '/CN=bench CA' >/dev/null 2>&1 &&"
		 " openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256"
		 " -nodes -keyout server.key -out server.csr"
		 " -subj '/CN=localhost' >/dev/null 2>&1 &&"
		 " openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key"
		 " -CAcreateserial -out server.pem -days 2 -extfile ext"
		 " >/dev/null 2>&1", dir);
	return bench_sh(cmd);
}

#endif

/* bench_desk.c — the province's desk (issue 15) with the real release
 * sxsh-server over loopback TLS, on a province of 12 districts that each
 * sent 10 half-year reports (2017S1 … 2021S2; every third district a
 * second revision, some accepted, some returned).  The reports are built
 * by core from SXSH_BENCH_DB_SMALL (2,000 facilities) when run through
 * make bench, else from an empty district.
 *
 *  1. a login (argon2id, the parameters of desk_pass.c): the hash alone
 *     in this process, and POST /desk/login over HTTPS (goal: under 1 s);
 *  2. the desk's pages as an officer opens them, one kept-alive connection
 *     as a browser keeps, with the server's CPU time per page beside the
 *     wall time: completeness (12 × 10 periods; goal: worst under 50 ms),
 *     a district's report with its changes, the consolidated report of a
 *     period, the districts (goal: median under 50 ms);
 *  3. `sxsh-server publish` of the public pages (goal: under 1 s).
 *
 * SXSH_BENCH_KEEP=1 keeps the server's folder (database, log) to look at.
 */
#include <signal.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <curl/curl.h>
#include <jansson.h>
#include "bench.h"
#include "sxsh/db.h"
#include "sxsh/report.h"
#include "../../sync/server/desk.h"
#include "../../sync/server/store.h"
#include "../../sync/server/token.h"

#define DISTRICTS 12
#define PERIODS 10
#define PASSWORD "bench-pass-1234"

static char dir[256], ca[512], cert[512], key[512], db[512], log_path[512];
static char url[64];
static pid_t server_pid;
static const char *server_bin;

static const char *const codes[DISTRICTS] = {
	"116", "118", "119", "120", "121", "122",
	"123", "124", "125", "126", "127", "128"};

static int free_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {0};
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(fd, (struct sockaddr *)&a, sizeof a);
	socklen_t len = sizeof a;
	getsockname(fd, (struct sockaddr *)&a, &len);
	close(fd);
	return ntohs(a.sin_port);
}

static int port_open(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {0};
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons((unsigned short)port);
	int ok = connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
	close(fd);
	return ok;
}

static int server_start(void)
{
	int port = free_port();
	char listen_at[32];
	snprintf(listen_at, sizeof listen_at, "127.0.0.1:%d", port);
	snprintf(url, sizeof url, "https://127.0.0.1:%d", port);
	server_pid = fork();
	if (server_pid == 0) {
		if (!freopen(log_path, "a", stderr))
			_exit(127);
		execl(server_bin, server_bin, "serve", "--db", db, "--cert",
		      cert, "--key", key, "--listen", listen_at, (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 200; i++) {
		if (port_open(port))
			return 0;
		usleep(25000);
	}
	return -1;
}

static int server_stop(void)
{
	kill(server_pid, SIGTERM);
	int st;
	waitpid(server_pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* ---- the province's data ------------------------------------------------ */

static void period_name(int i, char out[8])
{
	snprintf(out, 8, "%dS%d", 2017 + i / 2, 1 + i % 2);
}

/* The district database the reports are built from (closed by caller). */
static struct sx_db *source_db(void)
{
	const char *path = getenv("SXSH_BENCH_DB_SMALL");
	struct sx_db *d = NULL;
	struct sx_error err = {0};
	char tmp[600];
	if (path && bench_file_size(path) > 0) {
		snprintf(tmp, sizeof tmp, "cp '%s' '%s/small.db'", path, dir);
		if (bench_sh(tmp) == 0) {
			snprintf(tmp, sizeof tmp, "%s/small.db", dir);
			if (sx_db_open(tmp, 0, &d, &err) == SX_OK)
				return d;
		}
	}
	snprintf(tmp, sizeof tmp, "%s/empty.db", dir);
	if (sx_db_open(tmp, 0, &d, &err) != SX_OK ||
	    sx_db_init_district(d, "123", "bench", &err) != SX_OK) {
		fprintf(stderr, "bench: %s\n", err.msg);
		sx_db_close(d);
		return NULL;
	}
	printf("(SXSH_BENCH_DB_SMALL not set: reports of an empty district)\n");
	return d;
}

/* json with district.code set to code (malloc'd). */
static char *as_district(const char *json, const char *code)
{
	json_t *doc = json_loads(json, 0, NULL);
	json_t *d = json_object_get(doc, "district");
	if (json_is_object(d))
		json_object_set_new(d, "code", json_string(code));
	char *out = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	return out;
}

static enum sx_err insert(struct srv_store *st, const char *code,
			  const char *period, int revision, const char *json,
			  struct sx_error *err)
{
	struct store_report r = {0};
	snprintf(r.district, sizeof r.district, "%s", code);
	snprintf(r.period, sizeof r.period, "%s", period);
	r.revision = revision;
	r.replaces = revision > 1 ? revision - 1 : -1;
	token_sha256_hex(json, strlen(json), r.sha256);
	r.json = (char *)json;
	return store_report_insert(st, &r, err);
}

/* 12 districts × 10 periods of reports and one admin; 0 on success. */
static int make_province(double *hash_ms)
{
	struct sx_db *src = source_db();
	if (!src)
		return -1;
	char *reports[PERIODS] = {0};
	struct sx_error err = {0};
	for (int p = 0; p < PERIODS; p++) {
		char period[8];
		period_name(p, period);
		if (report_build(src, period, &reports[p], NULL, &err) !=
		    SX_OK) {
			fprintf(stderr, "bench: report_build %s: %s\n", period,
				err.msg);
			sx_db_close(src);
			return -1;
		}
	}
	sx_db_close(src);
	struct srv_store *st = NULL;
	enum sx_err rc = store_open(db, &st, &err);
	if (rc == SX_OK)
		rc = store_begin(st, &err);
	for (int d = 0; d < DISTRICTS && rc == SX_OK; d++) {
		char token[65], hash[65], name[32];
		token_new(token, &err);
		token_sha256_hex(token, 64, hash);
		snprintf(name, sizeof name, "Huyện %s", codes[d]);
		rc = store_district_add(st, codes[d], name, hash, &err);
		for (int p = 0; p < PERIODS && rc == SX_OK; p++) {
			char period[8];
			period_name(p, period);
			char *json = as_district(reports[p], codes[d]);
			rc = json ? insert(st, codes[d], period, 1, json, &err)
				  : SX_NOMEM;
			if (rc == SX_OK && d % 3 == 0) {
				/* A second revision: other bytes. */
				char *again = json ? malloc(strlen(json) + 2)
						   : NULL;
				if (again) {
					sprintf(again, "%s ", json);
					rc = insert(st, codes[d], period, 2,
						    again, &err);
				}
				free(again);
			}
			long long rev = 0;
			if (rc == SX_OK && (d + p) % 4 == 1)
				rc = store_report_decide(st, codes[d], period,
							 "accepted", NULL,
							 &rev, &err);
			else if (rc == SX_OK && (d + p) % 4 == 2)
				rc = store_report_decide(
					st, codes[d], period, "returned",
					"Thiếu số liệu tiêu thụ năng lượng",
					&rev, &err);
			free(json);
		}
	}
	char hash[128];
	double t = bench_now_ms();
	if (rc == SX_OK)
		rc = desk_pass_hash(PASSWORD, hash, &err);
	*hash_ms = bench_now_ms() - t;
	if (rc == SX_OK)
		rc = store_user_add(st, "boss", "admin", hash, &err);
	if (st)
		rc = store_end(st, rc, &err);
	store_close(st);
	for (int p = 0; p < PERIODS; p++)
		free(reports[p]);
	if (rc != SX_OK)
		fprintf(stderr, "bench: store: %s\n", err.msg);
	return rc == SX_OK ? 0 : -1;
}

/* ---- requests ------------------------------------------------------------ */

struct buf {
	char *p;
	size_t n;
};

static size_t on_body(char *p, size_t sz, size_t n, void *arg)
{
	struct buf *b = arg;
	char *np = realloc(b->p, b->n + sz * n + 1);
	if (!np)
		return 0;
	memcpy(np + b->n, p, sz * n);
	b->p = np;
	b->n += sz * n;
	b->p[b->n] = '\0';
	return sz * n;
}

/* GET (form NULL) or POST on h; the status, the body in *body (malloc'd,
 * or NULL when not wanted), the time in *ms. */
static long request(CURL *h, const char *path, const char *form, char **body,
		    double *ms)
{
	char u[256];
	struct buf b = {0};
	snprintf(u, sizeof u, "%s%s", url, path);
	curl_easy_setopt(h, CURLOPT_URL, u);
	curl_easy_setopt(h, CURLOPT_CAINFO, ca);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	if (form)
		curl_easy_setopt(h, CURLOPT_COPYPOSTFIELDS, form);
	else
		curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
	long status = 0;
	double t = bench_now_ms();
	if (curl_easy_perform(h) == CURLE_OK)
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	if (ms)
		*ms = bench_now_ms() - t;
	if (body)
		*body = b.p;
	else
		free(b.p);
	return status;
}

/* Logs h in as an officer does: the login page, then its form.  The
 * POST's status; its time in *ms. */
static long login(CURL *h, double *ms)
{
	char *page = NULL;
	if (request(h, "/desk/login", NULL, &page, NULL) != 200) {
		free(page);
		return 0;
	}
	const char *at = page ? strstr(page, "name=\"csrf\" value=\"") : NULL;
	char form[256];
	snprintf(form, sizeof form, "user=boss&password=" PASSWORD "&csrf=%.64s",
		 at ? at + 19 : "");
	free(page);
	return request(h, "/desk/login", form, NULL, ms);
}

static int bench_login(double hash_ms)
{
	bench_title("desk login (argon2id, 3 passes over 32 MiB)");
	int missed = bench_row_ms("argon2id hash in process", hash_ms,
				  hash_ms, 0, 0);
	struct bench_samples s = {0};
	for (int i = 0; i < 5; i++) {
		CURL *h = curl_easy_init();
		curl_easy_setopt(h, CURLOPT_COOKIEFILE, "");
		double ms = 0;
		long st = login(h, &ms);
		curl_easy_cleanup(h);
		if (st != 303) {
			printf("login answered %ld (see %s)\n", st, log_path);
			bench_samples_release(&s);
			return 1;
		}
		bench_samples_add(&s, ms);
	}
	missed += bench_row_ms("POST /desk/login over HTTPS (5)",
			       bench_median(&s), bench_worst(&s), 0, 1000);
	bench_samples_release(&s);
	return missed;
}

/* CPU time the server process has used so far, ms (utime + stime). */
static double server_cpu_ms(void)
{
	char path[64], line[1024];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)server_pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	size_t n = fread(line, 1, sizeof line - 1, f);
	fclose(f);
	line[n] = '\0';
	/* Fields after the name in parentheses; utime and stime are the
	 * 14th and 15th of the line. */
	const char *at = strrchr(line, ')');
	unsigned long long ut = 0, stime = 0;
	if (!at || sscanf(at + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u"
				  " %*u %llu %llu", &ut, &stime) != 2)
		return 0;
	return (double)(ut + stime) * 1000.0 / (double)sysconf(_SC_CLK_TCK);
}

static int bench_pages(void)
{
	bench_title("desk pages, 12 districts x 10 periods (30 each)");
	CURL *h = curl_easy_init();
	curl_easy_setopt(h, CURLOPT_COOKIEFILE, "");
	if (login(h, NULL) != 303) {
		printf("login failed (see %s)\n", log_path);
		curl_easy_cleanup(h);
		return 1;
	}
	/* The page of the figure (12 × 10) must never take 50 ms;
	 * the others, which read one period, are held to it on the median. */
	static const struct {
		const char *what, *path, *must;
		int worst_goal;
	} pages[] = {
		{"/desk/ completeness 2017-2026", "/desk/", "2021S2", 1},
		{"/desk/report/123/2019S2 (revision 2)",
		 "/desk/report/123/2019S2", "KẾT QUẢ", 0},
		{"/desk/province/2019S2 consolidated",
		 "/desk/province/2019S2", "2019", 0},
		{"/desk/districts", "/desk/districts", "Huyện 128", 0},
	};
	int missed = 0;
	/* The first request pays the TLS handshake; a browser pays it once. */
	request(h, "/desk/districts", NULL, NULL, NULL);
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		struct bench_samples s = {0};
		size_t bytes = 0;
		double cpu0 = server_cpu_ms();
		for (int k = 0; k < 30; k++) {
			char *body = NULL;
			double ms = 0;
			long st = request(h, pages[i].path, NULL, &body, &ms);
			if (st != 200 || !body ||
			    !strstr(body, pages[i].must)) {
				printf("%s answered %ld without \"%s\"\n",
				       pages[i].path, st, pages[i].must);
				free(body);
				missed++;
				break;
			}
			bytes = strlen(body);
			free(body);
			bench_samples_add(&s, ms);
		}
		if (s.n) {
			missed += bench_row_ms(
				pages[i].what, bench_median(&s),
				bench_worst(&s), pages[i].worst_goal ? 0 : 50,
				pages[i].worst_goal ? 50 : 0);
			bench_row_value("  server CPU per page (mean)",
					"%.1f ms",
					(server_cpu_ms() - cpu0) / s.n);
			bench_row_value("  page size", "%zu bytes", bytes);
		}
		bench_samples_release(&s);
	}
	curl_easy_cleanup(h);
	return missed;
}

static int bench_publish(void)
{
	bench_title("sxsh-server publish (public pages, 10 periods)");
	char out[600];
	snprintf(out, sizeof out, "%s/site", dir);
	mkdir(out, 0755);
	struct bench_samples s = {0};
	for (int i = 0; i < 5; i++) {
		char *argv[] = {(char *)server_bin, "publish", "--out", out,
				"--db", db, NULL};
		struct bench_run run;
		if (bench_run_child(argv, 1, &run) != 0 || run.status != 0) {
			printf("publish failed\n");
			bench_samples_release(&s);
			return 1;
		}
		bench_samples_add(&s, run.wall_ms);
	}
	char index[700];
	snprintf(index, sizeof index, "%s/index.html", out);
	int missed = bench_row_ms("publish --out DIR (5 runs)", bench_median(&s),
				  bench_worst(&s), 0, 1000);
	bench_row_value("  index.html", "%lld bytes", bench_file_size(index));
	bench_samples_release(&s);
	return missed;
}

int main(void)
{
	server_bin = getenv("SXSH_SERVER_BIN");
	if (!server_bin)
		server_bin = "build/sxsh-server";
	const char *base = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/sxsh-bench-desk-XXXXXX",
		 base && *base ? base : "/tmp");
	if (!mkdtemp(dir) || bench_make_certs(dir, ca, cert, key, sizeof ca)) {
		fprintf(stderr, "bench: cannot make %s or its certificates\n",
			dir);
		return 1;
	}
	snprintf(db, sizeof db, "%s/server.db", dir);
	snprintf(log_path, sizeof log_path, "%s/server.log", dir);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	double hash_ms = 0;
	int missed = 1;
	if (make_province(&hash_ms) == 0 && server_start() == 0) {
		missed = bench_login(hash_ms);
		missed += bench_pages();
		if (server_stop() != 0)
			missed++;
		missed += bench_publish();
	}
	curl_global_cleanup();
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (!getenv("SXSH_BENCH_KEEP"))
		bench_sh(cmd);
	else
		printf("(kept %s)\n", dir);
	return missed ? 1 : 0;
}

/* bench_sync_server.c — the provincial server under load, over loopback
 * TLS with the real sxsh-server (SXSH_SERVER_BIN, release build):
 *
 *  1. push and acknowledgement of 10,000 changed records in batches of
 *     500 on one reused connection (goal: under 3 s);
 *  2. bytes on the wire for a 6-month report submission (a realistic
 *     district report from SXSH_BENCH_DB_SMALL, gzip as the client sends);
 *  3. 700 simulated district clients (the country's districts), each on
 *     its own TLS connection, submitting 100 changes and a report, with at
 *     most 32 at once — all acknowledged, none lost; throughput and the
 *     50th/99th percentile latency; then the consolidated report of the
 *     700 reports.
 *
 * Owner: the server side of issue 5.  The client engineer may add a
 * section that drives `sxsh sync` end to end; add it as a new function
 * called from main, and keep the existing rows' names stable.
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <curl/curl.h>
#include <jansson.h>
#include <zlib.h>
#include "bench.h"
#include "sxsh/db.h"
#include "sxsh/report.h"
#include "../../sync/server/gz.h"
#include "../../sync/server/store.h"
#include "../../sync/server/token.h"

#define DISTRICTS 700
#define PER_DISTRICT 100
#define CONCURRENCY 32

static char dir[256], ca[512], cert[512], key[512], db[512], logf[512];
static char url[64];
static pid_t server_pid;

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
	const char *bin = getenv("SXSH_SERVER_BIN");
	if (!bin)
		bin = "build/sxsh-server";
	int port = free_port();
	char listen_at[32];
	snprintf(listen_at, sizeof listen_at, "127.0.0.1:%d", port);
	snprintf(url, sizeof url, "https://127.0.0.1:%d", port);
	server_pid = fork();
	if (server_pid == 0) {
		if (!freopen(logf, "a", stderr))
			_exit(127);
		execl(bin, bin, "serve", "--db", db, "--cert", cert, "--key",
		      key, "--listen", listen_at, (char *)NULL);
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

/* ---- one client's requests ----------------------------------------------- */

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

static char *gzip(const char *in, size_t n, size_t *out_len)
{
	char *out = NULL;
	gz_deflate(in, n, &out, out_len, NULL);
	return out;
}

/* POSTs body (gzip) on handle h; returns the HTTP status, reply in *reply
 * (malloc'd), bytes sent (headers + body) in *sent. */
static long post(CURL *h, const char *token, const char *path,
		 const char *body, char **reply, double *sent)
{
	char u[256], auth[128];
	size_t zlen = 0;
	char *z = gzip(body, strlen(body), &zlen);
	struct buf b = {0};
	snprintf(u, sizeof u, "%s%s", url, path);
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
	struct curl_slist *hd = curl_slist_append(NULL, auth);
	hd = curl_slist_append(hd, "Content-Type: application/json");
	hd = curl_slist_append(hd, "Content-Encoding: gzip");
	hd = curl_slist_append(hd, "Expect:");
	curl_easy_setopt(h, CURLOPT_URL, u);
	curl_easy_setopt(h, CURLOPT_CAINFO, ca);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hd);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "gzip");
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)zlen);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, z);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	long status = 0;
	if (curl_easy_perform(h) == CURLE_OK) {
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
		if (sent) {
			curl_off_t up = 0;
			long hdr = 0;
			curl_easy_getinfo(h, CURLINFO_SIZE_UPLOAD_T, &up);
			curl_easy_getinfo(h, CURLINFO_REQUEST_SIZE, &hdr);
			/* curl counts a small POSTFIELDS body, sent in
			 * the same write as the headers, in REQUEST_SIZE. */
			*sent = (double)hdr >= (double)up ? (double)hdr :
				(double)hdr + (double)up;
		}
	}
	curl_slist_free_all(hd);
	free(z);
	if (reply)
		*reply = b.p;
	else
		free(b.p);
	return status;
}

static void uuid4(char out[37], unsigned long long a, unsigned long long b)
{
	snprintf(out, 37, "%08llx-%04llx-4%03llx-8%03llx-%012llx",
		 a & 0xffffffff, (a >> 32) & 0xffff, (a >> 48) & 0xfff,
		 b & 0xfff, (b >> 12) & 0xffffffffffffULL);
}

/* A push body of n new facilities; ids derived from (seed, i). */
static char *push_body(unsigned long long seed, int n)
{
	json_t *changes = json_array();
	char client[37];
	uuid4(client, seed, 0xc1);
	for (int i = 0; i < n; i++) {
		char id[37], u[37], name[48];
		uuid4(id, seed * 1000003ULL + (unsigned)i, 0x1d);
		uuid4(u, seed * 1000003ULL + (unsigned)i, 0x2e);
		snprintf(name, sizeof name, "Cơ sở chế biến số %d", i);
		json_array_append_new(changes, json_pack(
			"{s:s,s:s,s:s,s:i,s:b,s:{s:s,s:s,s:s,s:s,s:s,s:s,"
			"s:s}}", "change_id", id, "kind", "facility",
			"uuid", u, "base_rev", 0, "deleted", 0, "fields",
			"name", name, "kind", "household", "vsic", "1079",
			"commune", "04075", "status", "active",
			"cp_potential", "1", "address", "Tiểu khu 4"));
	}
	json_t *body = json_pack("{s:s,s:o}", "client_id", client, "changes",
				 changes);
	char *text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	return text;
}

/* Counts results of kind in a push reply. */
static int count_results(const char *reply, const char *kind)
{
	json_t *r = json_loads(reply ? reply : "", 0, NULL);
	int n = 0;
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(r, "results"), i, x)
		n += strcmp(json_string_value(json_object_get(x, "result")),
			    kind) == 0;
	json_decref(r);
	return n;
}

/* ---- 1. 10,000 changes --------------------------------------------------- */

static int bench_push_10k(const char *token)
{
	bench_title("push + acknowledgement, 10,000 changes, batches of 500,"
		    " one TLS connection");
	CURL *h = curl_easy_init();
	char *bodies[20];
	for (int i = 0; i < 20; i++)
		bodies[i] = push_body(900000 + (unsigned)i, 500);
	struct bench_samples lat = {0};
	int applied = 0;
	double t0 = bench_now_ms();
	for (int i = 0; i < 20; i++) {
		char *reply = NULL;
		double t = bench_now_ms();
		long st = post(h, token, "/v1/push", bodies[i], &reply, NULL);
		bench_samples_add(&lat, bench_now_ms() - t);
		if (st == 200)
			applied += count_results(reply, "applied");
		free(reply);
	}
	double total = bench_now_ms() - t0;
	int missed = bench_row_ms("one batch of 500 (round trip)",
				  bench_median(&lat), bench_worst(&lat), 0, 0);
	missed |= bench_row_ms("all 10,000 pushed and acknowledged", total,
			       total, 0, 3000);
	bench_row_value("changes applied", "%d of 10000%s", applied,
			applied == 10000 ? "" : "  MISSED");
	missed |= applied != 10000;
	bench_row_value("throughput", "%.0f changes/s",
			10000.0 / (total / 1000.0));
	for (int i = 0; i < 20; i++)
		free(bodies[i]);
	bench_samples_release(&lat);
	curl_easy_cleanup(h);
	return missed;
}

/* ---- 2. a 6-month report on the wire ------------------------------------- */

static char *report_for(const char *json, const char *code, char sha[65])
{
	json_t *doc = json_loads(json, 0, NULL);
	json_object_set_new(json_object_get(doc, "district"), "code",
			    json_string(code));
	char *text = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(doc);
	token_sha256_hex(text, strlen(text), sha);
	json_t *body = json_pack("{s:s,s:i,s:n,s:s,s:s}", "period", "2017S1",
				 "revision", 1, "replaces", "sha256", sha,
				 "json", text);
	free(text);
	char *out = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	return out;
}

/* A district report for 2017S1: from the realistic bench database if
 * there is one, else from an empty district. */
static char *district_report_json(void)
{
	const char *path = getenv("SXSH_BENCH_DB_SMALL");
	struct sx_db *d = NULL;
	struct sx_error err = {0};
	char *json = NULL;
	char tmp[600];
	if (path && bench_file_size(path) > 0) {
		snprintf(tmp, sizeof tmp, "cp '%s' '%s/small.db'", path, dir);
		if (bench_sh(tmp) == 0) {
			snprintf(tmp, sizeof tmp, "%s/small.db", dir);
			sx_db_open(tmp, 0, &d, &err);
		}
	}
	if (!d) {
		snprintf(tmp, sizeof tmp, "%s/empty.db", dir);
		if (sx_db_open(tmp, 0, &d, &err) != SX_OK ||
		    sx_db_init_district(d, "123", "bench", &err) != SX_OK) {
			fprintf(stderr, "bench: %s\n", err.msg);
			sx_db_close(d);
			return NULL;
		}
	}
	if (report_build(d, "2017S1", &json, NULL, &err) != SX_OK)
		fprintf(stderr, "bench: report_build: %s\n", err.msg);
	sx_db_close(d);
	return json;
}

static void bench_report_bytes(const char *token, const char *json)
{
	bench_title("a 6-month report submission on the wire");
	char sha[65];
	char *body = report_for(json, "001", sha);
	size_t zlen = 0;
	char *z = gzip(body, strlen(body), &zlen);
	CURL *h = curl_easy_init();
	double sent = 0;
	double t = bench_now_ms();
	long st = post(h, token, "/v1/reports", body, NULL, &sent);
	double ms = bench_now_ms() - t;
	bench_row_value("report JSON (canonical)", "%zu bytes",
			strlen(json));
	bench_row_value("request body, gzip", "%zu bytes", zlen);
	bench_row_value("request sent (headers + body)", "%.0f bytes", sent);
	bench_row_value("submission round trip (new TLS connection)",
			"%.1f ms, HTTP %ld", ms, st);
	free(z);
	free(body);
	curl_easy_cleanup(h);
}

/* ---- 3. 700 districts ---------------------------------------------------- */

struct crowd {
	char (*tokens)[80];
	const char *report_json;
	atomic_int next;
	atomic_int changes_acked;
	atomic_int reports_acked;
	atomic_int failures;
	pthread_mutex_t lock;
	struct bench_samples push_ms, report_ms, district_ms;
};

static void *crowd_worker(void *arg)
{
	struct crowd *c = arg;
	for (;;) {
		int i = atomic_fetch_add(&c->next, 1);
		if (i >= DISTRICTS)
			return NULL;
		char code[16], sha[65];
		snprintf(code, sizeof code, "%03d", i + 1);
		/* Each district is its own machine: its own connection. */
		CURL *h = curl_easy_init();
		char *body = push_body((unsigned long long)(i + 1),
				       PER_DISTRICT);
		char *rep = report_for(c->report_json, code, sha);
		char *reply = NULL;
		double t0 = bench_now_ms();
		long st = post(h, c->tokens[i], "/v1/push", body, &reply, NULL);
		double t1 = bench_now_ms();
		int acked = st == 200 ? count_results(reply, "applied") : 0;
		free(reply);
		reply = NULL;
		long st2 = post(h, c->tokens[i], "/v1/reports", rep, &reply,
				NULL);
		double t2 = bench_now_ms();
		atomic_fetch_add(&c->changes_acked, acked);
		int rep_ok = st2 == 201 || (i == 0 && st2 == 200);
		if (rep_ok)
			atomic_fetch_add(&c->reports_acked, 1);
		if (st != 200 || !rep_ok || acked != PER_DISTRICT)
			atomic_fetch_add(&c->failures, 1);
		pthread_mutex_lock(&c->lock);
		bench_samples_add(&c->push_ms, t1 - t0);
		bench_samples_add(&c->report_ms, t2 - t1);
		bench_samples_add(&c->district_ms, t2 - t0);
		pthread_mutex_unlock(&c->lock);
		free(reply);
		free(body);
		free(rep);
		curl_easy_cleanup(h);
	}
}

static double percentile(struct bench_samples *s, double p)
{
	if (!s->n)
		return 0;
	qsort(s->v, (size_t)s->n, sizeof *s->v, bench_cmp_double);
	int k = (int)(p * (s->n - 1) + 0.5);
	return s->v[k];
}

static int bench_crowd(char (*tokens)[80], const char *report_json)
{
	bench_title("%d districts x (%d changes + 1 report), %d at once",
		    DISTRICTS, PER_DISTRICT, CONCURRENCY);
	struct crowd c;
	memset(&c, 0, sizeof c);
	c.tokens = tokens;
	c.report_json = report_json;
	pthread_mutex_init(&c.lock, NULL);
	pthread_t th[CONCURRENCY];
	double t0 = bench_now_ms();
	for (int i = 0; i < CONCURRENCY; i++)
		pthread_create(&th[i], NULL, crowd_worker, &c);
	for (int i = 0; i < CONCURRENCY; i++)
		pthread_join(th[i], NULL);
	double total = bench_now_ms() - t0;
	int missed = 0;
	printf("%-44s %10s %10s\n", "", "p50", "p99");
	printf("%-44s %7.1f ms %7.1f ms\n", "push of 100 changes (incl. TLS"
	       " handshake)", percentile(&c.push_ms, 0.5),
	       percentile(&c.push_ms, 0.99));
	printf("%-44s %7.1f ms %7.1f ms\n", "report submission",
	       percentile(&c.report_ms, 0.5), percentile(&c.report_ms, 0.99));
	printf("%-44s %7.1f ms %7.1f ms\n", "one district, both requests",
	       percentile(&c.district_ms, 0.5),
	       percentile(&c.district_ms, 0.99));
	bench_row_value("all districts done", "%.0f ms", total);
	bench_row_value("throughput", "%.0f districts/s, %.0f changes/s",
			DISTRICTS / (total / 1000.0),
			DISTRICTS * PER_DISTRICT / (total / 1000.0));
	int changes = atomic_load(&c.changes_acked);
	int reports = atomic_load(&c.reports_acked);
	bench_row_value("changes acknowledged", "%d of %d%s", changes,
			DISTRICTS * PER_DISTRICT,
			changes == DISTRICTS * PER_DISTRICT ? "" : "  MISSED");
	bench_row_value("reports acknowledged", "%d of %d%s", reports,
			DISTRICTS, reports == DISTRICTS ? "" : "  MISSED");
	missed |= changes != DISTRICTS * PER_DISTRICT || reports != DISTRICTS;
	bench_samples_release(&c.push_ms);
	bench_samples_release(&c.report_ms);
	bench_samples_release(&c.district_ms);
	pthread_mutex_destroy(&c.lock);
	return missed;
}

/* After the server stopped: every change and report stored exactly once. */
static int check_store(void)
{
	struct srv_store *st = NULL;
	struct sx_error err = {0};
	int bad = 0;
	if (store_open(db, &st, &err) != SX_OK)
		return 1;
	store_begin(st, &err);
	for (int i = 0; i < DISTRICTS; i++) {
		char code[16];
		long long n = -1;
		snprintf(code, sizeof code, "%03d", i + 1);
		store_record_count(st, code, &n, &err);
		bad += n != PER_DISTRICT + (i == 0 ? 10000 : 0);
	}
	store_rollback(st);
	store_close(st);
	bench_row_value("districts whose stored rows differ (lost/dup)",
			"%d%s", bad, bad ? "  MISSED" : "");
	return bad != 0;
}

int main(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/sxsh-bench-srv-XXXXXX",
		 base && *base ? base : "/tmp");
	if (!mkdtemp(dir) ||
	    bench_make_certs(dir, ca, cert, key, sizeof ca) != 0) {
		fprintf(stderr, "bench: cannot make certificates\n");
		return 1;
	}
	snprintf(db, sizeof db, "%s/server.db", dir);
	snprintf(logf, sizeof logf, "%s/server.log", dir);
	curl_global_init(CURL_GLOBAL_DEFAULT);

	/* 700 districts with their tokens, straight into the store. */
	static char tokens[DISTRICTS][80];
	struct srv_store *st = NULL;
	struct sx_error err = {0};
	if (store_open(db, &st, &err) != SX_OK)
		return 1;
	store_begin(st, &err);
	for (int i = 0; i < DISTRICTS; i++) {
		char code[16], hash[65];
		snprintf(code, sizeof code, "%03d", i + 1);
		token_new(tokens[i], &err);
		token_sha256_hex(tokens[i], 64, hash);
		store_district_add(st, code, code, hash, &err);
	}
	if (store_commit(st, &err) != SX_OK)
		return 1;
	store_close(st);

	char *report_json = district_report_json();
	if (!report_json || server_start() != 0) {
		fprintf(stderr, "bench: server did not start (%s)\n", logf);
		return 1;
	}
	int missed = bench_push_10k(tokens[0]);
	/* District 001 submits here first; its turn in the crowd then
	 * resends the same bytes and gets the same receipt (200). */
	bench_report_bytes(tokens[0], report_json);
	missed |= bench_crowd(tokens, report_json);
	int rc = server_stop();
	bench_row_value("server exit status after SIGTERM", "%d%s", rc,
			rc ? "  MISSED" : "");
	missed |= rc != 0;
	missed |= check_store();

	/* The consolidated report of all 700. */
	char cmd[1200];
	const char *bin = getenv("SXSH_SERVER_BIN");
	snprintf(cmd, sizeof cmd, "'%s' report --period 2017S1 --format json"
		 " --db '%s' > '%s/province.json'", bin ? bin :
		 "build/sxsh-server", db, dir);
	double t = bench_now_ms();
	int r = bench_sh(cmd);
	bench_row_value("province report of 700 districts", "%.0f ms%s",
			bench_now_ms() - t, r ? "  FAILED" : "");
	free(report_json);
	curl_global_cleanup();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	bench_sh(cmd);
	return missed ? 2 : 0;
}

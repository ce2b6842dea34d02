/* bench_sync_client.c — the sync client end to end (sync/ and core, as
 * `sxsh sync` runs it) against the real sxsh-server over loopback TLS:
 *
 *  1. push and acknowledgement of 10,000 changed records: outbox read,
 *     records loaded, JSON + gzip, 20 batches of 500 on one connection,
 *     every answer applied to the outbox (goal: under 3 s); then the whole
 *     first sync including pulling the 10,000 rows back;
 *  2. bytes on the wire for a 6-month report submission, measured by the
 *     client's transport around the report request, on a copy of the
 *     realistic district database (SXSH_BENCH_DB_SMALL).
 *
 * The server half (raw protocol load, 700 districts) is in
 * bench_sync_server.c.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include "bench.h"
#include "sxsh/db.h"
#include "sxsh/outbox.h"
#include "sxsh/record.h"
#include "sxsh/report.h"
#include "sxsh/settings.h"
#include "sxsh/sync.h"

static char dir[256], ca[512], cert[512], key[512];
static char url[64];
static pid_t server_pid;

static const char *server_bin(void)
{
	const char *bin = getenv("SXSH_SERVER_BIN");
	return bin ? bin : "build/sxsh-server";
}

static int free_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {0};
	socklen_t len = sizeof a;
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(fd, (struct sockaddr *)&a, sizeof a);
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

/* Registers district code in server database sdb; token into out[80]. */
static int district_add(const char *sdb, const char *code, char *out)
{
	char cmd[2048];
	FILE *p;
	snprintf(cmd, sizeof cmd, "'%s' district add '%s' --db '%s'"
		 " 2>/dev/null", server_bin(), code, sdb);
	if (!(p = popen(cmd, "r")))
		return -1;
	if (!fgets(out, 80, p))
		out[0] = '\0';
	out[strcspn(out, "\r\n")] = '\0';
	return pclose(p) == 0 && strlen(out) == 64 ? 0 : -1;
}

static int server_start(const char *sdb)
{
	char listen_at[32], logf[512];
	int port = free_port();

	snprintf(listen_at, sizeof listen_at, "127.0.0.1:%d", port);
	snprintf(url, sizeof url, "https://127.0.0.1:%d", port);
	snprintf(logf, sizeof logf, "%s/server.log", dir);
	server_pid = fork();
	if (server_pid == 0) {
		if (!freopen(logf, "a", stderr))
			_exit(127);
		execl(server_bin(), server_bin(), "serve", "--db", sdb,
		      "--cert", cert, "--key", key, "--listen", listen_at,
		      (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 200; i++) {
		if (port_open(port))
			return 0;
		usleep(25000);
	}
	return -1;
}

static void server_stop(void)
{
	int st;
	if (server_pid <= 0)
		return;
	kill(server_pid, SIGTERM);
	waitpid(server_pid, &st, 0);
	server_pid = 0;
}

static int configure(struct sx_db *db, const char *token)
{
	return settings_set(db, "server", url, NULL) ||
	       settings_set(db, "token", token, NULL) ||
	       settings_set(db, "ca", ca, NULL);
}

static struct sync *engine(struct sx_db *db)
{
	struct sync_config cfg;
	struct sync *s = NULL;
	struct sx_error err = {0};

	if (sync_config_load(db, &cfg, &err)) {
		fprintf(stderr, "bench: %s\n", err.msg);
		return NULL;
	}
	cfg.max_attempts = 1;
	if (sync_new(db, &cfg, &s, &err))
		fprintf(stderr, "bench: %s\n", err.msg);
	sync_config_release(&cfg);
	return s;
}

/* ---- 1. push and ack of 10,000 records ---------------------------------- */

static int bench_push_10k(void)
{
	char sdb[512], cdb[512], token[80], name[64];
	struct sx_db *db = NULL;
	struct sx_error err = {0};
	struct sync *s;
	struct sync_status st;
	struct sx_problems probs;
	double t0, t_push = 0, t_end, cpu0, cpu_push = 0;
	int missed = 0;
	const int total = 10000;
	long long up_push = 0, down_push = 0;

	snprintf(sdb, sizeof sdb, "%s/server-push.db", dir);
	snprintf(cdb, sizeof cdb, "%s/client-push.db", dir);
	if (district_add(sdb, "123", token) || server_start(sdb)) {
		printf("bench: cannot start the server\n");
		return 1;
	}
	if (sx_db_open(cdb, 0, &db, &err) ||
	    sx_db_init_district(db, "123", "Bench", &err)) {
		printf("bench: %s\n", err.msg);
		return 1;
	}
	problems_init(&probs);
	sx_db_begin(db, NULL);
	for (int i = 0; i < total; i++) {
		struct sx_record *rec = record_new(SXK_FACILITY);
		snprintf(name, sizeof name, "Cơ sở chế biến chè số %d", i);
		record_set(rec, "name", name);
		record_set(rec, "kind", "household");
		record_set(rec, "commune", "03979");
		record_set(rec, "vsic", "10760");
		record_set(rec, "status", "active");
		record_set(rec, "cp_potential", i % 3 ? "1" : "0");
		record_set(rec, "employees", "12");
		record_set(rec, "address", "Tiểu khu 4, thị trấn Mộc Châu");
		if (record_save(db, rec, &probs, &err)) {
			printf("bench: save: %s\n", err.msg);
			return 1;
		}
		record_free(rec);
	}
	sx_db_commit(db, NULL);
	problems_release(&probs);
	configure(db, token);

	bench_title("sync client: push + ack of %d records, loopback TLS",
		    total);
	if (!(s = engine(db)))
		return 1;
	t0 = bench_now_ms();
	cpu0 = bench_cpu_ms();
	sync_start(s, &err);
	while (sync_busy(s)) {
		sync_wait(s, -1, 100, NULL);
		sync_progress(s);
		sync_state(s, &st);
		if (!t_push && st.phase != SYNC_PUSH) {
			t_push = bench_now_ms() - t0;
			cpu_push = bench_cpu_ms() - cpu0;
			up_push = st.bytes_up;
			down_push = st.bytes_down;
		}
	}
	t_end = bench_now_ms() - t0;
	sync_state(s, &st);
	sync_free(s);
	if (st.phase != SYNC_DONE || st.applied != total) {
		printf("bench: sync ended %s, applied %lld of %d\n",
		       st.err.msg, st.applied, total);
		missed = 1;
	}
	long long pending = -1, held = -1;
	outbox_size(db, &pending, &held, NULL);
	missed |= bench_row_ms("push + ack 10,000 (20 batches of 500)", t_push,
			       t_push, 0, 3000);
	bench_row_ms("  of which client CPU (load, encode, ack)", cpu_push,
		     cpu_push, 0, 0);
	bench_row_ms("whole first sync (push, pull 10,000 back)", t_end,
		     t_end, 0, 0);
	bench_row_value("acknowledged / left in outbox", "%lld / %lld",
			st.applied, pending + held);
	bench_row_value("push bytes on the wire (up / down)",
			"%lld B / %lld B (%.1f B per record up)", up_push,
			down_push, (double)up_push / total);
	bench_row_value("TLS connections for the whole sync", "%lld",
			st.connections);
	if (pending + held != 0)
		missed = 1;
	sx_db_close(db);
	server_stop();
	return missed;
}

/* ---- 2. bytes for a 6-month report submission --------------------------- */

static int bench_report_bytes(void)
{
	const char *src;
	char sdb[512], cdb[512], token[80];
	struct sx_db *db = NULL, *orig = NULL;
	struct sx_error err = {0};
	struct sx_report_rev rev;
	struct sync *s;
	struct sync_status st;
	long long up0 = 0, down0 = 0, up1 = -1, down1 = -1;
	enum sync_phase last = SYNC_IDLE;
	char *json = NULL;

	bench_title("sync client: a 6-month report submission");
	if (!(src = bench_db_from_env("SXSH_BENCH_DB_SMALL")))
		return 0;
	snprintf(sdb, sizeof sdb, "%s/server-report.db", dir);
	snprintf(cdb, sizeof cdb, "%s/client-report.db", dir);
	if (sx_db_open(src, SX_OPEN_READONLY, &orig, &err) ||
	    sx_db_backup(orig, cdb, &err)) {
		printf("bench: copy: %s\n", err.msg);
		return 1;
	}
	sx_db_close(orig);
	if (sx_db_open(cdb, 0, &db, &err)) {
		printf("bench: %s\n", err.msg);
		return 1;
	}
	if (district_add(sdb, sx_db_district_code(db), token) ||
	    server_start(sdb)) {
		printf("bench: cannot start the server\n");
		return 1;
	}
	configure(db, token);
	if (report_finalise(db, "2017S1", &rev, &err) ||
	    report_submit(db, "2017S1", &rev, &err) ||
	    report_get_id(db, rev.id, &rev, &json, &err)) {
		printf("bench: report: %s\n", err.msg);
		return 1;
	}
	if (!(s = engine(db)))
		return 1;
	double t0 = bench_now_ms();
	sync_start(s, &err);
	while (sync_busy(s)) {
		sync_wait(s, -1, 100, NULL);
		sync_progress(s);
		sync_state(s, &st);
		/* The report request starts as the phase becomes REPORTS and
		 * has been answered when the phase moves on. */
		if (st.phase == SYNC_REPORTS && last != SYNC_REPORTS) {
			up0 = st.bytes_up;
			down0 = st.bytes_down;
		}
		if (last == SYNC_REPORTS && st.phase != SYNC_REPORTS) {
			up1 = st.bytes_up;
			down1 = st.bytes_down;
		}
		last = st.phase;
	}
	double t = bench_now_ms() - t0;
	sync_state(s, &st);
	sync_free(s);
	bench_row_value("report JSON (canonical, uncompressed)", "%zu B",
			strlen(json));
	if (st.phase != SYNC_DONE || st.reports_sent != 1 || up1 < 0) {
		printf("bench: sync ended %s, reports sent %lld\n", st.err.msg,
		       st.reports_sent);
		free(json);
		sx_db_close(db);
		server_stop();
		return 1;
	}
	bench_row_value("submission on the wire (up / down)",
			"%lld B / %lld B (HTTP headers + gzip body)",
			up1 - up0, down1 - down0);
	bench_row_value("first sync of the district (records + report)",
			"%lld pushed, %.0f ms, %lld B up, %lld B down",
			st.pushed, t, st.bytes_up, st.bytes_down);
	free(json);
	sx_db_close(db);
	server_stop();
	return 0;
}

int main(void)
{
	const char *base = getenv("TMPDIR");
	int missed = 0;

	snprintf(dir, sizeof dir, "%s/sxsh-bench-sync-XXXXXX",
		 base && *base ? base : "/tmp");
	if (!mkdtemp(dir) ||
	    bench_make_certs(dir, ca, cert, key, sizeof ca)) {
		printf("bench: cannot make certificates\n");
		return 1;
	}
	missed |= bench_push_10k();
	missed |= bench_report_bytes();
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	bench_sh(cmd);
	return missed;
}

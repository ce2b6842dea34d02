/* cli_sync.c — `sxsh sync` (run a sync to the end, list and resolve
 * conflicts, inspect and drop outbox entries) and `sxsh config` (the sync
 * settings).  The work is in sync/ and core; this file parses, prints and
 * picks the exit status.
 *
 * The token lives in the database's settings, so the database file is
 * kept at mode 0600 (checked on every sync and config command).  The
 * token is never printed: `config show` says only whether it is set.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "sxsh/db.h"
#include "sxsh/outbox.h"
#include "sxsh/record.h"
#include "sxsh/settings.h"
#include "sxsh/sync.h"
#include "sxsh/sync_store.h"

/* ---- the database file's mode ------------------------------------------- */

/* The token is a secret: the database and its WAL files must be readable
 * by the owner only.  Tightens the mode when it is wider (and says so). */
static void ensure_private(const struct cmdline_app *ctx)
{
	static const char *const suffix[] = {"", "-wal", "-shm"};
	char path[PATH_MAX];
	struct stat sb;

	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		snprintf(path, sizeof path, "%s%s", ctx->db_path, suffix[i]);
		if (stat(path, &sb) || !(sb.st_mode & 077))
			continue;
		if (chmod(path, sb.st_mode & 0700) == 0 && i == 0)
			fprintf(stderr, "sxsh: %s %s\n", cli_msg(ctx,
				"đã đặt quyền 0600 cho tệp dữ liệu (chứa mã "
				"truy cập):", "made the database (it holds "
				"the token) mode 0600:"), path);
	}
}

/* ---- sync ---------------------------------------------------------------- */

static const char *phase_text(const struct cmdline_app *ctx, enum sync_phase p)
{
	switch (p) {
	case SYNC_PUSH: return cli_msg(ctx, "Gửi thay đổi", "Pushing changes");
	case SYNC_PULL: return cli_msg(ctx, "Nhận thay đổi",
				       "Pulling changes");
	case SYNC_REPORTS: return cli_msg(ctx, "Gửi báo cáo",
					  "Submitting reports");
	case SYNC_STATUS: return cli_msg(ctx, "Tình trạng báo cáo",
					 "Report status");
	case SYNC_REFERENCE: return cli_msg(ctx, "Dữ liệu tham chiếu",
					    "Reference data");
	default: return "";
	}
}

struct progress {
	const struct cmdline_app *ctx;
	enum sync_phase phase;
	long long pushed, pulled;
	int retrying;
};

static void on_change(const struct sync_status *st, void *arg)
{
	struct progress *p = arg;
	const struct cmdline_app *ctx = p->ctx;

	if (st->waiting_retry && !p->retrying) {
		fprintf(stderr, "  %s %d ms (%s %d)\n", cli_msg(ctx,
			"lỗi mạng, thử lại sau", "network trouble, retrying "
			"in"), st->retry_in_ms, cli_msg(ctx, "lần",
			"attempt"), st->attempt + 1);
	}
	p->retrying = st->waiting_retry;
	if (st->phase != p->phase && st->phase < SYNC_DONE) {
		p->phase = st->phase;
		printf("%s…\n", phase_text(ctx, st->phase));
		fflush(stdout);
	}
	if (st->pushed != p->pushed) {
		p->pushed = st->pushed;
		printf("  %s %lld\n", cli_msg(ctx, "đã gửi", "sent"),
		       st->pushed);
		fflush(stdout);
	}
	if (st->pulled != p->pulled) {
		p->pulled = st->pulled;
		printf("  %s %lld\n", cli_msg(ctx, "đã nhận", "received"),
		       st->pulled);
		fflush(stdout);
	}
}

static void print_summary(const struct cmdline_app *ctx,
			  const struct sync_status *st)
{
	printf("%s: %lld (%s %lld, %s %lld, %s %lld, %s %lld)\n",
	       cli_msg(ctx, "Thay đổi gửi đi", "Changes pushed"), st->pushed,
	       cli_msg(ctx, "máy chủ đã ghi", "applied"), st->applied,
	       cli_msg(ctx, "đã có", "duplicate"), st->duplicates,
	       cli_msg(ctx, "xung đột", "conflict"), st->conflicts,
	       cli_msg(ctx, "bị từ chối", "rejected"), st->rejected);
	printf("%s: %lld (%s %lld, %s %lld, %s %lld)\n",
	       cli_msg(ctx, "Thay đổi nhận về", "Changes pulled"), st->pulled,
	       cli_msg(ctx, "áp dụng", "applied"), st->pull_applied,
	       cli_msg(ctx, "bỏ qua", "skipped"), st->pull_skipped,
	       cli_msg(ctx, "xung đột", "conflict"), st->pull_conflicts);
	if (st->pull_waiting)
		printf("%s: %lld\n", cli_msg(ctx, "Chờ bản ghi liên quan",
		       "Waiting for referenced records"), st->pull_waiting);
	printf("%s: %lld (%s %lld, %s %lld); %s: %lld\n",
	       cli_msg(ctx, "Báo cáo gửi", "Reports sent"), st->reports_sent,
	       cli_msg(ctx, "đã gửi trước đó", "already there"),
	       st->reports_duplicate,
	       cli_msg(ctx, "bị từ chối", "refused"), st->reports_refused,
	       cli_msg(ctx, "cập nhật tình trạng", "statuses updated"),
	       st->statuses_updated);
	printf("%s: %lld %s, %lld B ↑, %lld B ↓, %lld %s\n",
	       cli_msg(ctx, "Mạng", "Network"), st->requests,
	       cli_msg(ctx, "yêu cầu", "requests"), st->bytes_up,
	       st->bytes_down, st->connections,
	       cli_msg(ctx, "kết nối", "connections"));
}

static void insecure_warning(const struct cmdline_app *ctx)
{
	int tty = isatty(STDERR_FILENO);
	fprintf(stderr, "%s%s%s\n", tty ? "\033[1;31m" : "", cli_msg(ctx,
		"CẢNH BÁO: --insecure-dev tắt kiểm tra chứng chỉ TLS; chỉ "
		"dùng khi phát triển, không bao giờ với dữ liệu thật",
		"WARNING: --insecure-dev turns TLS certificate checks off; "
		"for development only, never with real data"),
		tty ? "\033[0m" : "");
}

static int run_sync(const struct cmdline_app *ctx, struct sx_db *db)
{
	struct sync_config cfg;
	struct sync *s = NULL;
	struct sync_status st;
	struct sx_error err = {0};
	struct progress p = {ctx, SYNC_IDLE, 0, 0, 0};
	long long conflicts = 0;
	enum sx_err e;

	if ((e = sync_config_load(db, &cfg, &err)))
		return cli_fail(ctx, &err);
	/* --ca FILE verifies this run against that CA instead of the
	 * configured one (a first connection, a CA being replaced). */
	if (cli_opt(ctx, "ca") && *cli_opt(ctx, "ca")) {
		char *ca = strdup(cli_opt(ctx, "ca"));
		if (!ca) {
			sync_config_release(&cfg);
			fprintf(stderr, "sxsh: out of memory\n");
			return 5;
		}
		free(cfg.ca);
		cfg.ca = ca;
	}
	cfg.insecure_dev = cli_flag(ctx, "insecure-dev");
	if (cfg.insecure_dev)
		insecure_warning(ctx);
	if (cli_flag(ctx, "once"))
		cfg.max_attempts = 1;
	e = sync_new(db, &cfg, &s, &err);
	sync_config_release(&cfg);
	if (e)
		return cli_fail(ctx, &err);
	e = sync_run(s, on_change, &p, &err);
	sync_state(s, &st);
	sync_free(s);
	print_summary(ctx, &st);
	sync_store_conflict_count(db, &conflicts, NULL);
	if (conflicts)
		printf("%s: %lld — sxsh sync --conflicts\n",
		       cli_msg(ctx, "Xung đột chờ giải quyết",
			       "Conflicts waiting"), conflicts);
	if (e) {
		int status = cli_fail(ctx, &err);
		if (e == SX_NET)
			fprintf(stderr, "sxsh: %s\n", cli_msg(ctx,
				"dữ liệu chưa gửi vẫn được giữ; hãy đồng bộ "
				"lại khi có mạng", "unsent data is kept; sync "
				"again when the link is back"));
		return status;
	}
	printf("%s\n", cli_msg(ctx, "Đồng bộ xong.", "Sync complete."));
	/* Everything else went through; the exit status still tells a
	 * script that the server refused something. */
	if (st.rejected || st.reports_refused) {
		fprintf(stderr, "sxsh: %s\n", cli_msg(ctx,
			"máy chủ từ chối một số thay đổi hoặc báo cáo; xem "
			"sxsh sync --log", "the server refused some changes "
			"or reports; see sxsh sync --log"));
		return 4;
	}
	return 0;
}

static const char *record_title(const char *payload, char *buf, size_t n)
{
	/* The payload is the protocol's JSON; show its title field. */
	struct sx_record *rec = NULL;

	buf[0] = '\0';
	if (payload && sync_payload_record(payload, &rec, NULL) == SX_OK) {
		const struct sx_kind_def *def = record_kind(rec->kind);
		const char *t = record_get(rec, def->title_field);
		snprintf(buf, n, "%s%s", t ? t : "", rec->deleted ?
			 " [deleted]" : "");
		record_free(rec);
	}
	return buf;
}

static int list_conflicts(const struct cmdline_app *ctx, struct sx_db *db)
{
	struct sx_conflict *c = NULL;
	struct sx_error err = {0};
	int n = 0;
	char mine[160], theirs[160];

	if (sync_store_conflicts(db, 0, &c, &n, &err))
		return cli_fail(ctx, &err);
	if (n == 0)
		printf("%s\n", cli_msg(ctx, "Không có xung đột.",
				       "No conflicts."));
	for (int i = 0; i < n; i++) {
		printf("%lld\t%s\t%s\t%s %lld\t%s\n", c[i].id,
		       record_kind(c[i].kind)->singular, c[i].record_uuid,
		       cli_msg(ctx, "bản máy chủ", "server rev"),
		       c[i].server_rev, c[i].created_at);
		printf("\t%s: %s\n\t%s: %s\n",
		       cli_msg(ctx, "của tôi", "mine"),
		       record_title(c[i].local_payload, mine, sizeof mine),
		       cli_msg(ctx, "của máy chủ", "theirs"),
		       record_title(c[i].server_payload, theirs,
				    sizeof theirs));
	}
	if (n)
		printf("%s\n", cli_msg(ctx, "Giải quyết: sxsh sync --resolve "
		       "ID keep-mine|take-theirs", "Resolve: sxsh sync "
		       "--resolve ID keep-mine|take-theirs"));
	sync_store_conflicts_free(c, n);
	return 0;
}

static int parse_id(const char *s, long long *out)
{
	char *end;
	if (!s || !*s)
		return -1;
	*out = strtoll(s, &end, 10);
	return *end || *out <= 0 ? -1 : 0;
}

static int resolve(const struct cmdline_app *ctx, struct sx_db *db)
{
	const char *how = cli_arg(ctx, 0);
	struct sx_error err = {0};
	long long id;
	enum sync_resolution r;

	if (parse_id(cli_opt(ctx, "resolve"), &id) || !how ||
	    (strcmp(how, "keep-mine") && strcmp(how, "take-theirs"))) {
		fprintf(stderr, "%s\n", cli_msg(ctx,
			"cách dùng: sxsh sync --resolve SỐ keep-mine|"
			"take-theirs", "usage: sxsh sync --resolve ID "
			"keep-mine|take-theirs"));
		return 1;
	}
	r = !strcmp(how, "keep-mine") ? SYNC_KEEP_MINE : SYNC_TAKE_THEIRS;
	if (sync_resolve(db, id, r, &err))
		return cli_fail(ctx, &err);
	printf("%s %lld: %s\n", cli_msg(ctx, "Đã giải quyết xung đột",
	       "Resolved conflict"), id, r == SYNC_KEEP_MINE ?
	       cli_msg(ctx, "giữ bản của tôi (sẽ gửi ở lần đồng bộ sau)",
		       "kept mine (goes out at the next sync)") :
	       cli_msg(ctx, "lấy bản của máy chủ", "took the server's"));
	return 0;
}

static int drop(const struct cmdline_app *ctx, struct sx_db *db)
{
	struct sx_error err = {0};
	long long seq;

	if (parse_id(cli_opt(ctx, "drop"), &seq)) {
		fprintf(stderr, "%s\n", cli_msg(ctx,
			"cách dùng: sxsh sync --drop SỐ (xem sxsh sync --log)",
			"usage: sxsh sync --drop SEQ (see sxsh sync --log)"));
		return 1;
	}
	if (outbox_drop(db, seq, &err))
		return cli_fail(ctx, &err);
	printf("%s %lld\n", cli_msg(ctx, "Đã bỏ mục khỏi hàng đợi gửi:",
	       "Dropped outbox entry"), seq);
	return 0;
}

static void print_log_line(const char *at, const char *level,
			   const char *message, void *arg)
{
	(void)arg;
	printf("%s %-5s %s\n", at ? at : "", level ? level : "",
	       message ? message : "");
}

static int show_log(const struct cmdline_app *ctx, struct sx_db *db)
{
	struct sx_outbox_entry *e = NULL;
	struct sx_error err = {0};
	int n = 0;

	if (outbox_all(db, &e, &n, &err))
		return cli_fail(ctx, &err);
	printf("%s: %d\n", cli_msg(ctx, "Hàng đợi gửi", "Outbox"), n);
	for (int i = 0; i < n; i++) {
		const struct sx_kind_def *def = record_kind(e[i].kind);
		printf("%lld\t%s\t%s\t%s\t%s %lld", e[i].seq,
		       def ? def->singular : "?", e[i].record_uuid,
		       e[i].rejected ? cli_msg(ctx, "giữ lại", "held")
				     : cli_msg(ctx, "chờ gửi", "pending"),
		       cli_msg(ctx, "lần thử", "attempts"), e[i].attempts);
		if (e[i].last_status || e[i].last_error[0])
			printf("\t[%d] %s", e[i].last_status, e[i].last_error);
		printf("\n");
	}
	free(e);
	printf("%s:\n", cli_msg(ctx, "Nhật ký đồng bộ", "Sync log"));
	if (sync_store_log_each(db, 30, print_log_line, NULL, &err))
		return cli_fail(ctx, &err);
	return 0;
}

int cli_sync(struct cmdline_app *ctx)
{
	struct sx_db *db = NULL;
	int status;

	status = cli_open_db(ctx, 1, &db);
	if (status)
		return status;
	ensure_private(ctx);
	if (!*sx_db_district_code(db)) {
		fprintf(stderr, "sxsh: %s\n", cli_msg(ctx,
			"chưa khởi tạo: sxsh init --district MÃ",
			"not initialised: sxsh init --district CODE"));
		sx_db_close(db);
		return 2;
	}
	if (cli_flag(ctx, "conflicts"))
		status = list_conflicts(ctx, db);
	else if (cli_flag(ctx, "resolve"))
		status = resolve(ctx, db);
	else if (cli_flag(ctx, "drop"))
		status = drop(ctx, db);
	else if (cli_flag(ctx, "log"))
		status = show_log(ctx, db);
	else
		status = run_sync(ctx, db);
	sx_db_close(db);
	return status;
}

/* ---- config -------------------------------------------------------------- */

/* Every setting of screen 9 (screen_settings.c). */
static const char *const config_keys[] = {
	"operator", "server", "token", "ca", "pin", "lang", "period_rule",
	"sync_minutes", NULL
};

static int bad_value(const struct cmdline_app *ctx, const char *key,
		     const char *vi, const char *en)
{
	fprintf(stderr, "sxsh: %s: %s\n", key, cli_msg(ctx, vi, en));
	return 2;
}

/* Checks and normalises value for key into out (size n); returns 0 or
 * an exit status. */
static int check_value(const struct cmdline_app *ctx, const char *key,
		       const char *value, char *out, size_t n)
{
	size_t len = strlen(value);

	snprintf(out, n, "%s", value);
	if (len == 0)
		return 0;  /* unsets */
	if (len >= n)
		return bad_value(ctx, key, "quá dài", "too long");
	if (!strcmp(key, "server")) {
		if (strncmp(value, "https://", 8) &&
		    strncmp(value, "http://", 7))
			return bad_value(ctx, key,
				"phải bắt đầu bằng https://",
				"must start with https://");
		if (strpbrk(value, " \t\r\n?#"))
			return bad_value(ctx, key, "địa chỉ không hợp lệ",
					 "not a valid address");
		while (len > 8 && out[len - 1] == '/')
			out[--len] = '\0';
		if (!strncmp(value, "http://", 7))
			fprintf(stderr, "sxsh: %s\n", cli_msg(ctx,
				"http:// chỉ dùng được với --insecure-dev",
				"http:// works only with --insecure-dev"));
	} else if (!strcmp(key, "token")) {
		for (size_t i = 0; i < len; i++)
			if (value[i] <= ' ' || value[i] > '~')
				return bad_value(ctx, key,
					"chỉ gồm chữ và số, không dấu cách",
					"printable characters, no spaces");
		if (len < 16)
			return bad_value(ctx, key, "quá ngắn", "too short");
	} else if (!strcmp(key, "ca")) {
		char *abs = realpath(value, NULL);
		FILE *f = abs ? fopen(abs, "r") : NULL;
		if (!f) {
			free(abs);
			return bad_value(ctx, key, "không đọc được tệp",
					 "cannot read the file");
		}
		fclose(f);
		snprintf(out, n, "%s", abs);
		free(abs);
	} else if (!strcmp(key, "pin")) {
		if (strncmp(value, "sha256//", 8) || len < 8 + 43)
			return bad_value(ctx, key,
				"dạng sha256//BASE64 (khóa công khai)",
				"expected sha256//BASE64 of the public key");
	} else if (!strcmp(key, "lang")) {
		if (strcmp(value, "vi") && strcmp(value, "en"))
			return bad_value(ctx, key, "vi hoặc en", "vi or en");
	} else if (!strcmp(key, "period_rule")) {
		if (strcmp(value, "calendar") &&
		    strcmp(value, "decree_09_2019"))
			return bad_value(ctx, key,
				"calendar (năm dương lịch: 01/01–30/06, "
				"01/07–31/12) hoặc decree_09_2019 (Nghị định "
				"09/2019/NĐ-CP: 15/12–14/06, 15/06–14/12)",
				"calendar (1 Jan–30 Jun, 1 Jul–31 Dec) or "
				"decree_09_2019 (Decree 09/2019/ND-CP: "
				"15 Dec–14 Jun, 15 Jun–14 Dec)");
	} else if (!strcmp(key, "sync_minutes")) {
		char *end;
		long m = strtol(value, &end, 10);
		if (*end || m < 0 || m > 1440)
			return bad_value(ctx, key, "số phút 0–1440",
					 "minutes 0–1440");
	}
	return 0;
}

static int config_set(const struct cmdline_app *ctx, struct sx_db *db,
		      const char *key, const char *value)
{
	struct sx_error err = {0};
	char buf[1024], line[1024];
	int known = 0, status, unset;

	for (int i = 0; config_keys[i]; i++)
		known |= !strcmp(config_keys[i], key);
	if (!known) {
		fprintf(stderr, "sxsh: %s %s (operator, server, token, ca, "
			"pin, lang, period_rule, sync_minutes)\n",
			cli_msg(ctx, "không có khóa", "unknown key"), key);
		return 2;
	}
	/* "-" reads the value from stdin, so a token stays out of the
	 * shell's history and the process list. */
	if (!strcmp(key, "token") && strcmp(value, "-") && *value)
		fprintf(stderr, "sxsh: %s\n", cli_msg(ctx,
			"cảnh báo: mã truy cập gõ trên dòng lệnh hiện trong "
			"danh sách tiến trình (người dùng khác thấy được) và "
			"trong lịch sử lệnh. Lần sau hãy dùng: sxsh config "
			"set token -  rồi dán mã và nhấn Enter.",
			"warning: a token typed on the command line shows in "
			"the process list (other users can see it) and in the "
			"shell history. Next time use: sxsh config set token "
			"-  then paste the token and press Enter."));
	if (!strcmp(value, "-")) {
		if (!fgets(line, sizeof line, stdin))
			line[0] = '\0';
		line[strcspn(line, "\r\n")] = '\0';
		value = line;
	}
	status = check_value(ctx, key, value, buf, sizeof buf);
	explicit_bzero(line, sizeof line);
	if (status) {
		explicit_bzero(buf, sizeof buf);
		return status;
	}
	unset = buf[0] == '\0';
	if (settings_set(db, key, unset ? NULL : buf, &err)) {
		explicit_bzero(buf, sizeof buf);
		return cli_fail(ctx, &err);
	}
	explicit_bzero(buf, sizeof buf);
	ensure_private(ctx);
	printf("%s %s\n", key, unset ? cli_msg(ctx, "đã xoá", "unset") :
	       cli_msg(ctx, "đã đặt", "set"));
	return 0;
}

static int config_show(const struct cmdline_app *ctx, struct sx_db *db)
{
	static const char *const shown[] = {
		"operator", "server", "token", "ca", "pin", "lang",
		"period_rule", "sync_minutes", "client_id", "pull_cursor",
		"last_sync_at", NULL
	};
	long long pending = 0, held = 0, conflicts = 0;

	printf("%-14s %s %s\n", "district", sx_db_district_code(db),
	       sx_db_district_name(db));
	printf("%-14s %s\n", "database", ctx->db_path);
	for (int i = 0; shown[i]; i++) {
		char *v = settings_get(db, shown[i]);
		if (!strcmp(shown[i], "token")) {
			printf("%-14s %s\n", "token", v && *v ?
			       cli_msg(ctx, "(đã đặt, ẩn)", "(set, hidden)") :
			       cli_msg(ctx, "(chưa đặt)", "(not set)"));
			if (v)
				explicit_bzero(v, strlen(v));
		} else {
			printf("%-14s %s\n", shown[i], v && *v ? v :
			       cli_msg(ctx, "(chưa đặt)", "(not set)"));
		}
		free(v);
	}
	outbox_size(db, &pending, &held, NULL);
	sync_store_conflict_count(db, &conflicts, NULL);
	printf("%-14s %lld %s, %lld %s, %lld %s\n", "outbox", pending,
	       cli_msg(ctx, "chờ gửi", "pending"), held,
	       cli_msg(ctx, "giữ lại", "held"), conflicts,
	       cli_msg(ctx, "xung đột", "conflicts"));
	return 0;
}

typedef int config_verb(const struct cmdline_app *ctx, struct sx_db *db);

static int run_config(struct cmdline_app *ctx, config_verb *verb)
{
	struct sx_db *db = NULL;
	int status = cli_open_db(ctx, 1, &db);

	if (status)
		return status;
	ensure_private(ctx);
	status = verb(ctx, db);
	sx_db_close(db);
	return status;
}

static int config_set_args(const struct cmdline_app *ctx, struct sx_db *db)
{
	return config_set(ctx, db, cli_arg(ctx, 0), cli_arg(ctx, 1));
}

int cli_config_show(struct cmdline_app *ctx)
{
	return run_config(ctx, config_show);
}

int cli_config_set(struct cmdline_app *ctx)
{
	return run_config(ctx, config_set_args);
}

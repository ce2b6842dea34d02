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
#include "i18n.h"
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
			fprintf(stderr, "sxsh: %s %s\n",
				tr(M_CLI_MADE_THE_DATABASE_IT), path);
	}
}

/* ---- sync ---------------------------------------------------------------- */

static const char *phase_text(enum sync_phase p)
{
	switch (p) {
	case SYNC_PUSH: return tr(M_CLI_PUSHING_CHANGES);
	case SYNC_PULL: return tr(M_CLI_PULLING_CHANGES);
	case SYNC_REPORTS: return tr(M_CLI_SUBMITTING_REPORTS);
	case SYNC_STATUS: return tr(M_CLI_REPORT_STATUS);
	case SYNC_REFERENCE: return tr(M_CLI_REFERENCE_DATA);
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

	if (st->waiting_retry && !p->retrying) {
		fprintf(stderr, "  %s %d ms (%s %d)\n",
			tr(M_CLI_NETWORK_TROUBLE_RETRYING_IN), st->retry_in_ms,
			tr(M_CLI_ATTEMPT), st->attempt + 1);
	}
	p->retrying = st->waiting_retry;
	if (st->phase != p->phase && st->phase < SYNC_DONE) {
		p->phase = st->phase;
		printf("%s…\n", phase_text(st->phase));
		fflush(stdout);
	}
	if (st->pushed != p->pushed) {
		p->pushed = st->pushed;
		printf("  %s %lld\n", tr(M_CLI_SENT),
		       st->pushed);
		fflush(stdout);
	}
	if (st->pulled != p->pulled) {
		p->pulled = st->pulled;
		printf("  %s %lld\n", tr(M_CLI_RECEIVED),
		       st->pulled);
		fflush(stdout);
	}
}

static void print_summary(const struct sync_status *st)
{
	printf("%s: %lld (%s %lld, %s %lld, %s %lld, %s %lld)\n",
	       tr(M_CLI_CHANGES_PUSHED), st->pushed,
	       tr(M_CLI_APPLIED), st->applied,
	       tr(M_CLI_DUPLICATE), st->duplicates,
	       tr(M_CLI_CONFLICT), st->conflicts,
	       tr(M_CLI_REJECTED), st->rejected);
	printf("%s: %lld (%s %lld, %s %lld, %s %lld)\n",
	       tr(M_CLI_CHANGES_PULLED), st->pulled,
	       tr(M_CLI_APPLIED_2), st->pull_applied,
	       tr(M_CLI_SKIPPED), st->pull_skipped,
	       tr(M_CLI_CONFLICT), st->pull_conflicts);
	if (st->pull_waiting)
		printf("%s: %lld\n", tr(M_CLI_WAITING_FOR_REFERENCED_RECORDS),
		       st->pull_waiting);
	printf("%s: %lld (%s %lld, %s %lld); %s: %lld\n",
	       tr(M_CLI_REPORTS_SENT), st->reports_sent,
	       tr(M_CLI_ALREADY_THERE),
	       st->reports_duplicate,
	       tr(M_CLI_REFUSED), st->reports_refused,
	       tr(M_CLI_STATUSES_UPDATED),
	       st->statuses_updated);
	printf("%s: %lld %s, %lld B ↑, %lld B ↓, %lld %s\n",
	       tr(M_CLI_NETWORK), st->requests,
	       tr(M_CLI_REQUESTS), st->bytes_up,
	       st->bytes_down, st->connections,
	       tr(M_CLI_CONNECTIONS));
}

static void insecure_warning(void)
{
	int tty = isatty(STDERR_FILENO);
	fprintf(stderr, "%s%s%s\n", tty ? "\033[1;31m" : "",
		tr(M_CLI_WARNING_INSECURE_DEV_TURNS),
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
		insecure_warning();
	if (cli_flag(ctx, "once"))
		cfg.max_attempts = 1;
	e = sync_new(db, &cfg, &s, &err);
	sync_config_release(&cfg);
	if (e)
		return cli_fail(ctx, &err);
	e = sync_run(s, on_change, &p, &err);
	sync_state(s, &st);
	sync_free(s);
	print_summary(&st);
	sync_store_conflict_count(db, &conflicts, NULL);
	if (conflicts)
		printf("%s: %lld — sxsh sync --conflicts\n",
		       tr(M_CLI_CONFLICTS_WAITING), conflicts);
	if (e) {
		int status = cli_fail(ctx, &err);
		if (e == SX_NET)
			fprintf(stderr, "sxsh: %s\n",
				tr(M_CLI_UNSENT_DATA_IS_KEPT));
		return status;
	}
	printf("%s\n", tr(M_CLI_SYNC_COMPLETE));
	/* Everything else went through; the exit status still tells a
	 * script that the server refused something. */
	if (st.rejected || st.reports_refused) {
		fprintf(stderr, "sxsh: %s\n",
			tr(M_CLI_THE_SERVER_REFUSED_SOME));
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
		printf("%s\n", tr(M_CLI_NO_CONFLICTS));
	for (int i = 0; i < n; i++) {
		printf("%lld\t%s\t%s\t%s %lld\t%s\n", c[i].id,
		       record_kind(c[i].kind)->singular, c[i].record_uuid,
		       tr(M_CLI_SERVER_REV),
		       c[i].server_rev, c[i].created_at);
		printf("\t%s: %s\n\t%s: %s\n",
		       tr(M_CLI_MINE),
		       record_title(c[i].local_payload, mine, sizeof mine),
		       tr(M_CLI_THEIRS),
		       record_title(c[i].server_payload, theirs,
				    sizeof theirs));
	}
	if (n)
		printf("%s\n", tr(M_CLI_RESOLVE_SXSH_SYNC_RESOLVE));
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
		fprintf(stderr, "%s\n", tr(M_CLI_USAGE_SXSH_SYNC_RESOLVE));
		return 1;
	}
	r = !strcmp(how, "keep-mine") ? SYNC_KEEP_MINE : SYNC_TAKE_THEIRS;
	if (sync_resolve(db, id, r, &err))
		return cli_fail(ctx, &err);
	printf("%s %lld: %s\n", tr(M_CLI_RESOLVED_CONFLICT), id,
	       r == SYNC_KEEP_MINE ?
	       tr(M_CLI_KEPT_MINE_GOES_OUT) :
	       tr(M_CLI_TOOK_THE_SERVER_S));
	return 0;
}

static int drop(const struct cmdline_app *ctx, struct sx_db *db)
{
	struct sx_error err = {0};
	long long seq;

	if (parse_id(cli_opt(ctx, "drop"), &seq)) {
		fprintf(stderr, "%s\n", tr(M_CLI_USAGE_SXSH_SYNC_DROP));
		return 1;
	}
	if (outbox_drop(db, seq, &err))
		return cli_fail(ctx, &err);
	printf("%s %lld\n", tr(M_CLI_DROPPED_OUTBOX_ENTRY), seq);
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
	printf("%s: %d\n", tr(M_CLI_OUTBOX), n);
	for (int i = 0; i < n; i++) {
		const struct sx_kind_def *def = record_kind(e[i].kind);
		printf("%lld\t%s\t%s\t%s\t%s %lld", e[i].seq,
		       def ? def->singular : "?", e[i].record_uuid,
		       e[i].rejected ? tr(M_CLI_HELD)
				     : tr(M_CLI_PENDING),
		       tr(M_CLI_ATTEMPTS), e[i].attempts);
		if (e[i].last_status || e[i].last_error[0])
			printf("\t[%d] %s", e[i].last_status, e[i].last_error);
		printf("\n");
	}
	free(e);
	printf("%s:\n", tr(M_CLI_SYNC_LOG));
	if (sync_store_log_each(db, 30, print_log_line, NULL, &err))
		return cli_fail(ctx, &err);
	return 0;
}

int cli_sync(struct cmdline_app *ctx)
{
	struct sx_db *db = NULL;
	int status;

	/* keep-mine|take-theirs answers --resolve; alone it would have
	 * started a whole sync */
	if (cli_arg(ctx, 0) && !cli_flag(ctx, "resolve")) {
		fprintf(stderr, "%s\n", tr(M_CLI_USAGE_SXSH_SYNC_RESOLVE));
		return 1;
	}
	status = cli_open_db(ctx, 1, &db);
	if (status)
		return status;
	ensure_private(ctx);
	if (!*sx_db_district_code(db)) {
		fprintf(stderr, "sxsh: %s\n",
			tr(M_CLI_NOT_INITIALISED_SXSH_INIT));
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

static int bad_value(const char *key, enum i18n_msg why)
{
	fprintf(stderr, "sxsh: %s: %s\n", key, tr(why));
	return 2;
}

/* Checks and normalises value for key into out (size n); returns 0 or
 * an exit status. */
static int check_value(const char *key, const char *value, char *out,
		       size_t n)
{
	size_t len = strlen(value);

	snprintf(out, n, "%s", value);
	if (len == 0)
		return 0;  /* unsets */
	if (len >= n)
		return bad_value(key, M_CLI_TOO_LONG);
	if (!strcmp(key, "server")) {
		if (strncmp(value, "https://", 8) &&
		    strncmp(value, "http://", 7))
			return bad_value(key, M_CLI_MUST_START_WITH_HTTPS);
		if (strpbrk(value, " \t\r\n?#"))
			return bad_value(key, M_CLI_NOT_A_VALID_ADDRESS);
		while (len > 8 && out[len - 1] == '/')
			out[--len] = '\0';
		if (!strncmp(value, "http://", 7))
			fprintf(stderr, "sxsh: %s\n",
				tr(M_CLI_HTTP_WORKS_ONLY_WITH));
	} else if (!strcmp(key, "token")) {
		for (size_t i = 0; i < len; i++)
			if (value[i] <= ' ' || value[i] > '~')
				return bad_value(key,
					M_CLI_PRINTABLE_CHARACTERS_NO_SPACES);
		if (len < 16)
			return bad_value(key, M_CLI_TOO_SHORT);
	} else if (!strcmp(key, "ca")) {
		char *abs = realpath(value, NULL);
		FILE *f = abs ? fopen(abs, "r") : NULL;
		if (!f) {
			free(abs);
			return bad_value(key, M_CLI_CANNOT_READ_THE_FILE);
		}
		fclose(f);
		snprintf(out, n, "%s", abs);
		free(abs);
	} else if (!strcmp(key, "pin")) {
		if (strncmp(value, "sha256//", 8) || len < 8 + 43)
			return bad_value(key, M_CLI_EXPECTED_SHA256_BASE64_OF);
	} else if (!strcmp(key, "lang")) {
		if (strcmp(value, "vi") && strcmp(value, "en"))
			return bad_value(key, M_CLI_VI_OR_EN);
	} else if (!strcmp(key, "period_rule")) {
		if (strcmp(value, "calendar") &&
		    strcmp(value, "decree_09_2019"))
			return bad_value(key, M_CLI_CALENDAR_1_JAN_30);
	} else if (!strcmp(key, "sync_minutes")) {
		char *end;
		long m = strtol(value, &end, 10);
		if (*end || m < 0 || m > 1440)
			return bad_value(key, M_CLI_MINUTES_0_1440);
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
			tr(M_CLI_UNKNOWN_KEY), key);
		return 2;
	}
	/* "-" reads the value from stdin, so a token stays out of the
	 * shell's history and the process list. */
	if (!strcmp(key, "token") && strcmp(value, "-") && *value)
		fprintf(stderr, "sxsh: %s\n", tr(M_CLI_WARNING_A_TOKEN_TYPED));
	if (!strcmp(value, "-")) {
		if (!fgets(line, sizeof line, stdin))
			line[0] = '\0';
		line[strcspn(line, "\r\n")] = '\0';
		value = line;
	}
	status = check_value(key, value, buf, sizeof buf);
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
	printf("%s %s\n", key, unset ? tr(M_CLI_UNSET) :
	       tr(M_CLI_SET));
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
			       tr(M_CLI_SET_HIDDEN) :
			       tr(M_CLI_NOT_SET));
			if (v)
				explicit_bzero(v, strlen(v));
		} else {
			printf("%-14s %s\n", shown[i], v && *v ? v :
			       tr(M_CLI_NOT_SET));
		}
		free(v);
	}
	outbox_size(db, &pending, &held, NULL);
	sync_store_conflict_count(db, &conflicts, NULL);
	printf("%-14s %lld %s, %lld %s, %lld %s\n", "outbox", pending,
	       tr(M_CLI_PENDING), held,
	       tr(M_CLI_HELD), conflicts,
	       tr(M_CLI_CONFLICTS));
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

/* client.c — the sync state machine (see sync.h): one request in flight
 * at a time on one transport, answers applied through core as they come.
 *
 * Phases: PUSH (batches of the outbox, each entry tried once per run) →
 * PULL (pages since the cursor) → REPORTS (queued revisions, oldest
 * first) → STATUS → REFERENCE → DONE.  A request that fails in transit or
 * with a 5xx is sent again, the same bytes, after a backoff; the server's
 * idempotency (change ids, report hashes) makes that safe.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "apply.h"
#include "protocol.h"
#include "transport.h"
#include "sxsh/db.h"
#include "sxsh/outbox.h"
#include "sxsh/period.h"
#include "sxsh/report.h"
#include "sxsh/settings.h"
#include "sxsh/sync.h"
#include "sxsh/sync_store.h"

enum request_kind { REQ_PUSH, REQ_PULL, REQ_REPORT, REQ_STATUS, REQ_REF };

struct sync {
	struct sx_db *db;
	struct sync_config cfg;
	char client_id[64];
	struct transport *net;
	struct sync_status st;
	int changed;

	/* the request in flight or waiting to be sent again */
	enum request_kind req;
	const char *method;
	char path[160];
	char *body;
	size_t body_len;
	long long retry_at_ms;

	/* push */
	struct sx_outbox_entry *batch;
	struct sx_record **recs;
	int nbatch;
	int batch_max;
	long long push_after;

	/* pull */
	long long since;
	struct apply_state apply;

	/* reports */
	struct sx_report_queued *reports;
	int nreports, report_i;
};

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- configuration ------------------------------------------------------- */

static long env_long(const char *name, long def)
{
	const char *v = getenv(name);
	char *end;
	long n;

	if (!v || !*v)
		return def;
	n = strtol(v, &end, 10);
	return *end || n < 0 ? def : n;
}

enum sx_err sync_config_load(struct sx_db *db, struct sync_config *cfg,
			     struct sx_error *err)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->server = settings_get(db, "server");
	cfg->token = settings_get(db, "token");
	cfg->ca = settings_get(db, "ca");
	cfg->pin = settings_get(db, "pin");
	cfg->max_attempts = 5;
	cfg->batch_max = PROTOCOL_MAX_BATCH;
	cfg->low_speed_time_s = env_long("SXSH_SYNC_LOW_SPEED_TIME", 0);
	cfg->backoff_base_ms = (int)env_long("SXSH_SYNC_BACKOFF_MS", 0);
	if (!cfg->server || !*cfg->server) {
		sync_config_release(cfg);
		return sx_error_set(err, SX_USAGE, "server",
			"Chưa đặt máy chủ: sxsh config set server https://…",
			"no server set: sxsh config set server https://…");
	}
	if (!cfg->token || !*cfg->token) {
		sync_config_release(cfg);
		return sx_error_set(err, SX_USAGE, "token",
			"Chưa đặt mã truy cập: sxsh config set token …",
			"no token set: sxsh config set token …");
	}
	return SX_OK;
}

static void wipe_free(char *s)
{
	if (s) {
		explicit_bzero(s, strlen(s));
		free(s);
	}
}

void sync_config_release(struct sync_config *cfg)
{
	free(cfg->server);
	wipe_free(cfg->token);
	free(cfg->ca);
	free(cfg->pin);
	memset(cfg, 0, sizeof *cfg);
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

enum sx_err sync_new(struct sx_db *db, const struct sync_config *cfg,
		     struct sync **out, struct sx_error *err)
{
	struct sync *s = calloc(1, sizeof *s);
	struct transport_options o = {0};
	char *cid;
	enum sx_err e;

	*out = NULL;
	if (!s)
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	s->db = db;
	s->cfg = *cfg;
	s->cfg.server = dup_or_null(cfg->server);
	s->cfg.token = dup_or_null(cfg->token);
	s->cfg.ca = dup_or_null(cfg->ca);
	s->cfg.pin = dup_or_null(cfg->pin);
	if (s->cfg.max_attempts < 1)
		s->cfg.max_attempts = 1;
	if (s->cfg.batch_max < 1 || s->cfg.batch_max > PROTOCOL_MAX_BATCH)
		s->cfg.batch_max = PROTOCOL_MAX_BATCH;
	if (!s->cfg.backoff_base_ms)
		s->cfg.backoff_base_ms = 1000;
	cid = settings_get(db, "client_id");
	snprintf(s->client_id, sizeof s->client_id, "%s", cid ? cid : "");
	free(cid);
	o.base_url = s->cfg.server;
	o.token = s->cfg.token;
	o.ca_file = s->cfg.ca;
	o.pin = s->cfg.pin;
	o.insecure_dev = s->cfg.insecure_dev;
	o.connect_timeout_s = s->cfg.connect_timeout_s;
	o.low_speed_time_s = s->cfg.low_speed_time_s;
	if ((e = transport_new(&o, &s->net, err))) {
		sync_free(s);
		return e;
	}
	*out = s;
	return SX_OK;
}

static void drop_batch(struct sync *s)
{
	for (int i = 0; i < s->nbatch; i++)
		record_free(s->recs[i]);
	free(s->recs);
	free(s->batch);
	s->recs = NULL;
	s->batch = NULL;
	s->nbatch = 0;
}

void sync_free(struct sync *s)
{
	if (!s)
		return;
	transport_free(s->net);
	drop_batch(s);
	apply_state_release(&s->apply);
	sync_store_reports_free(s->reports, s->nreports);
	free(s->body);
	sync_config_release(&s->cfg);
	free(s);
}

/* ---- run control --------------------------------------------------------- */

static void log_line(struct sync *s, const char *level, const char *msg)
{
	sync_store_log(s->db, level, msg, NULL);
}

static void finish(struct sync *s, enum sync_phase phase)
{
	char msg[512];

	s->st.phase = phase;
	s->st.waiting_retry = 0;
	s->changed = 1;
	free(s->body);
	s->body = NULL;
	drop_batch(s);
	if (phase == SYNC_DONE) {
		char now[21];
		sx_now_utc(now);
		settings_set(s->db, "last_sync_at", now, NULL);
		snprintf(msg, sizeof msg, "sync done: pushed %lld (applied "
			 "%lld, duplicate %lld, conflict %lld, rejected %lld),"
			 " pulled %lld (applied %lld, conflict %lld), reports "
			 "sent %lld", s->st.pushed, s->st.applied,
			 s->st.duplicates, s->st.conflicts, s->st.rejected,
			 s->st.pulled, s->st.pull_applied,
			 s->st.pull_conflicts, s->st.reports_sent);
		log_line(s, "info", msg);
	} else {
		snprintf(msg, sizeof msg, "sync failed: %s", s->st.err.msg);
		log_line(s, "error", msg);
	}
}

static void fail(struct sync *s, const struct sx_error *err)
{
	s->st.err = *err;
	if (s->st.err.code == SX_OK)
		s->st.err.code = SX_DB;
	finish(s, SYNC_FAILED);
}

/* Sends the current request (s->method, s->path, s->body). */
static void send_request(struct sync *s)
{
	struct sx_error err = {0};

	s->st.waiting_retry = 0;
	s->st.attempt++;
	if (transport_start(s->net, s->method, s->path, s->body,
			    s->body_len, &err))
		fail(s, &err);
	s->changed = 1;
}

/* Takes ownership of body (may be NULL) and sends a new request. */
static void request(struct sync *s, enum request_kind kind,
		    const char *method, const char *path, char *body,
		    size_t len)
{
	free(s->body);
	s->body = body;
	s->body_len = len;
	s->req = kind;
	s->method = method;
	snprintf(s->path, sizeof s->path, "%s", path);
	s->st.attempt = 0;
	send_request(s);
}

static void begin_pull(struct sync *s);
static void begin_reports(struct sync *s);
static void begin_status(struct sync *s);
static void begin_reference(struct sync *s);

/* ---- push ---------------------------------------------------------------- */

static void next_push(struct sync *s)
{
	struct sx_error err = {0};
	struct protocol_push_item *items = NULL;
	struct sx_outbox_entry *entries = NULL;
	struct protocol_fault why;
	int n = 0, kept = 0;
	char *body;
	size_t len = 0;

	drop_batch(s);
	s->st.phase = SYNC_PUSH;
	if (outbox_pending(s->db, s->push_after, s->batch_max, &entries, &n,
			   &err)) {
		fail(s, &err);
		return;
	}
	if (n == 0) {
		free(entries);
		begin_pull(s);
		return;
	}
	s->recs = calloc((size_t)n, sizeof *s->recs);
	s->batch = calloc((size_t)n, sizeof *s->batch);
	items = calloc((size_t)n, sizeof *items);
	if (!s->recs || !s->batch || !items) {
		free(entries);
		free(items);
		sx_error_set(&err, SX_NOMEM, "", NULL, "out of memory");
		fail(s, &err);
		return;
	}
	for (int i = 0; i < n; i++) {
		struct sx_record *rec = NULL;
		s->push_after = entries[i].seq;
		if (entries[i].kind >= SXK_COUNT ||
		    record_load(s->db, entries[i].kind,
				entries[i].record_uuid, &rec, NULL)) {
			/* An entry whose record is gone cannot be sent:
			 * hold it for the administrator (sync --drop). */
			outbox_fail(s->db, entries[i].change_id, 0,
				    "record missing locally", 1, NULL);
			continue;
		}
		/* A value the server would reject is held here, with the
		 * reason the server would give, and not sent. */
		if (protocol_record_check(rec, &why) == SX_INVALID) {
			outbox_fail(s->db, entries[i].change_id, 422,
				    why.reason, 1, NULL);
			record_free(rec);
			continue;
		}
		s->batch[kept] = entries[i];
		s->recs[kept] = rec;
		items[kept].change_id = s->batch[kept].change_id;
		items[kept].rec = rec;
		kept++;
	}
	free(entries);
	s->nbatch = kept;
	if (kept == 0) {
		free(items);
		next_push(s);
		return;
	}
	body = protocol_push_encode(s->client_id, items, kept, &len);
	free(items);
	if (!body) {
		sx_error_set(&err, SX_NOMEM, "", NULL, "out of memory");
		fail(s, &err);
		return;
	}
	request(s, REQ_PUSH, "POST", "/v1/push", body, len);
}

static void on_push(struct sync *s, const struct transport_result *res)
{
	struct sx_error err = {0};
	struct protocol_push_result *r = NULL;
	const char **ids;
	enum sx_err e;

	ids = calloc((size_t)s->nbatch, sizeof *ids);
	if (!ids) {
		sx_error_set(&err, SX_NOMEM, "", NULL, "out of memory");
		fail(s, &err);
		return;
	}
	for (int i = 0; i < s->nbatch; i++)
		ids[i] = s->batch[i].change_id;
	e = protocol_push_decode(res->body, res->body_len, ids, s->nbatch, &r,
				 &err);
	free(ids);
	if (e) {
		/* A 200 we cannot read: the server is not itself; the same
		 * batch goes again later. */
		err.code = SX_NET;
		fail(s, &err);
		return;
	}
	/* One transaction for the whole batch: one fsync, not one each.
	 * Counted once it is committed: a batch rolled back (a full disk)
	 * is sent again and counted then. */
	long long applied = 0, duplicates = 0, conflicts = 0, rejected = 0;
	e = sx_db_begin(s->db, &err);
	for (int i = 0; i < s->nbatch && !e; i++) {
		switch (r[i].outcome) {
		case PROTOCOL_APPLIED:
		case PROTOCOL_DUPLICATE:
			e = outbox_ack(s->db, s->batch[i].kind,
				       s->batch[i].record_uuid,
				       s->batch[i].change_id, r[i].rev, &err);
			if (r[i].outcome == PROTOCOL_APPLIED)
				applied++;
			else
				duplicates++;
			break;
		case PROTOCOL_CONFLICT:
			e = apply_push_conflict(s->db, r[i].server, &err);
			conflicts++;
			break;
		case PROTOCOL_REJECTED: {
			char msg[320];
			snprintf(msg, sizeof msg, "%s%s%s", r[i].field,
				 r[i].field[0] ? ": " : "", r[i].reason);
			if (strstr(r[i].reason, r[i].field) == r[i].reason)
				snprintf(msg, sizeof msg, "%s", r[i].reason);
			e = outbox_fail(s->db, s->batch[i].change_id, 422,
					msg, 1, &err);
			rejected++;
			break;
		}
		}
	}
	if (!e)
		e = sx_db_commit(s->db, &err);
	else
		sx_db_rollback(s->db);
	protocol_push_results_free(r, s->nbatch);
	if (e) {
		fail(s, &err);
		return;
	}
	s->st.applied += applied;
	s->st.duplicates += duplicates;
	s->st.conflicts += conflicts;
	s->st.rejected += rejected;
	s->st.pushed += s->nbatch;
	s->st.outbox_left -= s->nbatch;
	if (s->st.outbox_left < 0)
		s->st.outbox_left = 0;
	next_push(s);
}

/* 413: split the batch, or hold a single change that is too large. */
static void on_push_too_large(struct sync *s, const char *message)
{
	if (s->nbatch > 1) {
		s->batch_max = s->nbatch / 2;
		s->push_after = s->batch[0].seq - 1;
	} else if (s->nbatch == 1) {
		outbox_fail(s->db, s->batch[0].change_id, 413,
			    message[0] ? message : "too large", 1, NULL);
		s->st.rejected++;
	}
	next_push(s);
}

/* Notes a failed attempt on every entry of the batch in flight. */
static void push_attempt_failed(struct sync *s, int status, const char *msg)
{
	if (sx_db_begin(s->db, NULL))
		return;
	for (int i = 0; i < s->nbatch; i++)
		outbox_fail(s->db, s->batch[i].change_id, status, msg, 0, NULL);
	if (sx_db_commit(s->db, NULL))
		sx_db_rollback(s->db);
}

/* ---- pull ---------------------------------------------------------------- */

static void pull_request(struct sync *s)
{
	char path[96];
	snprintf(path, sizeof path, "/v1/pull?since=%lld&limit=500", s->since);
	request(s, REQ_PULL, "GET", path, NULL, 0);
}

static void begin_pull(struct sync *s)
{
	s->st.phase = SYNC_PULL;
	s->since = settings_get_int(s->db, "pull_cursor", 0);
	if (s->since < 0)
		s->since = 0;
	s->st.cursor = s->since;
	pull_request(s);
}

static void on_pull(struct sync *s, const struct transport_result *res)
{
	struct sx_error err = {0};
	struct protocol_pull_page page;
	enum sx_err e;
	int more;

	e = protocol_pull_decode(res->body, res->body_len, s->since, &page,
				 &err);
	if (e) {
		err.code = SX_NET;
		fail(s, &err);
		return;
	}
	e = apply_page(s->db, &s->apply, page.rows, page.count, page.next,
		       &err);
	if (!e)
		s->st.pulled += page.count;
	s->st.pull_applied = s->apply.applied;
	s->st.pull_skipped = s->apply.skipped;
	s->st.pull_conflicts = s->apply.conflicts;
	s->st.pull_waiting = s->apply.nwaiting;
	s->since = page.next;
	s->st.cursor = settings_get_int(s->db, "pull_cursor", 0);
	more = page.more;
	protocol_pull_page_release(&page);
	if (e) {
		fail(s, &err);
		return;
	}
	if (more)
		pull_request(s);
	else
		begin_reports(s);
}

/* ---- reports ------------------------------------------------------------- */

static void next_report(struct sync *s)
{
	struct sx_error err = {0};
	struct sx_report_queued *q;
	char *body;
	size_t len = 0;

	if (s->report_i >= s->nreports) {
		begin_status(s);
		return;
	}
	q = &s->reports[s->report_i];
	body = protocol_report_encode(q->period, q->revision, q->replaces,
				      q->sha256, q->json, &len);
	if (!body) {
		sx_error_set(&err, SX_NOMEM, "", NULL, "out of memory");
		fail(s, &err);
		return;
	}
	request(s, REQ_REPORT, "POST", "/v1/reports", body, len);
}

static void begin_reports(struct sync *s)
{
	struct sx_error err = {0};

	s->st.phase = SYNC_REPORTS;
	s->changed = 1;
	sync_store_reports_free(s->reports, s->nreports);
	s->reports = NULL;
	s->nreports = s->report_i = 0;
	if (sync_store_reports_queued(s->db, &s->reports, &s->nreports,
				      &err)) {
		fail(s, &err);
		return;
	}
	next_report(s);
}

static void on_report(struct sync *s, const struct transport_result *res)
{
	struct sx_error err = {0};
	struct protocol_receipt rc;
	struct sx_report_queued *q = &s->reports[s->report_i];
	enum sx_err e;

	if (res->http_status == 409 || res->http_status == 422) {
		char code[32], msg[256], line[400];
		protocol_error_decode(res->body, res->body_len, code, msg);
		snprintf(line, sizeof line, "%s%s%s", code, msg[0] ? ": " : "",
			 msg);
		/* Back to the user: a refused revision is not sent again
		 * until it is corrected or submitted anew. */
		report_set_status(s->db, q->id, "finalised", NULL, NULL, NULL);
		sync_store_report_refused(s->db, q->id, line, NULL);
		snprintf(line, sizeof line, "report %s revision %d refused: "
			 "%s%s%s", q->period, q->revision, code,
			 msg[0] ? ": " : "", msg);
		log_line(s, "warn", line);
		s->st.reports_refused++;
	} else {
		if (protocol_receipt_decode(res->body, res->body_len, &rc,
					    &err)) {
			err.code = SX_NET;
			fail(s, &err);
			return;
		}
		e = report_set_status(s->db, q->id, rc.status, NULL,
				      rc.receipt, &err);
		if (e == SX_INVALID) {
			log_line(s, "warn", err.msg);
		} else if (e) {
			fail(s, &err);
			return;
		}
		if (rc.duplicate)
			s->st.reports_duplicate++;
		s->st.reports_sent++;
	}
	s->report_i++;
	next_report(s);
}

static void begin_status(struct sync *s)
{
	s->st.phase = SYNC_STATUS;
	request(s, REQ_STATUS, "GET", "/v1/reports/status", NULL, 0);
}

static void on_status(struct sync *s, const struct transport_result *res)
{
	struct sx_error err = {0};
	struct protocol_report_status *r = NULL;
	int n = 0;

	if (protocol_status_decode(res->body, res->body_len, &r, &n, &err)) {
		err.code = SX_NET;
		fail(s, &err);
		return;
	}
	for (int i = 0; i < n; i++) {
		struct sx_report_rev rev;
		enum sx_err e = report_get(s->db, r[i].period, r[i].revision,
					   &rev, NULL, &err);
		if (e == SX_NOTFOUND || e == SX_INVALID)
			continue;
		if (e) {
			free(r);
			fail(s, &err);
			return;
		}
		/* Another database's revision of the same number. */
		if (r[i].sha256[0] && strcmp(r[i].sha256, rev.sha256))
			continue;
		if (!strcmp(rev.status, r[i].status))
			continue;
		e = report_set_status(s->db, rev.id, r[i].status,
				      r[i].reason[0] ? r[i].reason : NULL,
				      r[i].receipt[0] ? r[i].receipt : NULL,
				      &err);
		if (e == SX_OK)
			s->st.statuses_updated++;
		else if (e != SX_INVALID) {
			free(r);
			fail(s, &err);
			return;
		}
	}
	free(r);
	begin_reference(s);
}

static void begin_reference(struct sync *s)
{
	s->st.phase = SYNC_REFERENCE;
	request(s, REQ_REF, "GET", "/v1/reference?v=2", NULL, 0);
}

/* What the province decides, applied in the caller's transaction: the
 * district's shares, the plans, the period rule and the deadline. */
static enum sx_err apply_reference(struct sync *s,
				   const struct protocol_reference *ref,
				   struct sx_error *err)
{
	const char *district = sx_db_district_code(s->db);
	enum sx_err e = SX_OK;

	if (district && *district)
		e = sync_store_targets(s->db, district, ref->has_t2_share,
				       ref->t2_share, ref->has_t3_share,
				       ref->t3_share, err);
	if (!e && ref->has_plans)
		e = period_plans_store(s->db,
				       (const char *const *)ref->plans,
				       ref->plan_lens, ref->nplans, err);
	if (!e && ref->period_rule[0])
		e = settings_set(s->db, "period_rule", ref->period_rule, err);
	if (!e && ref->period_rule[0] && ref->deadline_days >= 0)
		e = period_deadline_set(s->db, ref->period_rule,
					(int)ref->deadline_days, err);
	return e;
}

static void on_reference(struct sync *s, const struct transport_result *res)
{
	struct sx_error err = {0};
	struct protocol_reference ref;
	/* Its own key: a client that knew only version 1 of the answer
	 * takes the plans at its first sync even when nothing changed. */
	long long have = settings_get_int(s->db, "reference_version_2", -1);
	char buf[32];

	if (protocol_reference_decode(res->body, res->body_len, &ref, &err)) {
		err.code = SX_NET;
		fail(s, &err);
		return;
	}
	if (ref.version > have) {
		enum sx_err e = sx_db_begin(s->db, &err);
		if (!e)
			e = apply_reference(s, &ref, &err);
		snprintf(buf, sizeof buf, "%lld", ref.version);
		if (!e)
			e = settings_set(s->db, "reference_version_2", buf,
					 &err);
		if (!e)
			e = sx_db_commit(s->db, &err);
		else
			sx_db_rollback(s->db);
		if (e) {
			protocol_reference_release(&ref);
			fail(s, &err);
			return;
		}
		s->st.reference_updated = 1;
	}
	protocol_reference_release(&ref);
	finish(s, SYNC_DONE);
}

/* ---- answers and failures ----------------------------------------------- */

static int backoff_ms(const struct sync *s)
{
	long long d = s->cfg.backoff_base_ms;
	for (int i = 1; i < s->st.attempt && d < 60000; i++)
		d *= 2;
	if (d > 60000)
		d = 60000;
	/* Jitter: many districts coming back online at once must not
	 * hammer the server in step. */
	return (int)(d / 2 + rand() % (d / 2 + 1));
}

/* A failure that a later attempt may cure. */
static void transient(struct sync *s, const struct sx_error *err, int status)
{
	char msg[300];

	snprintf(msg, sizeof msg, "%s", err->msg);
	if (s->req == REQ_PUSH)
		push_attempt_failed(s, status, msg);
	if (s->st.attempt < s->cfg.max_attempts) {
		int wait = backoff_ms(s);
		char line[400];
		snprintf(line, sizeof line, "attempt %d failed (%s); retry in "
			 "%d ms", s->st.attempt, msg, wait);
		log_line(s, "warn", line);
		s->st.waiting_retry = 1;
		s->st.retry_in_ms = wait;
		s->retry_at_ms = now_ms() + wait;
		s->changed = 1;
		return;
	}
	s->st.http_status = status;
	fail(s, err);
}

static void on_answer(struct sync *s, const struct transport_result *res)
{
	struct sx_error err = {0};
	long status = res->http_status;
	char code[32], msg[256];

	s->st.http_status = (int)status;
	if (res->code == SX_REFUSED) {
		fail(s, &res->err);
		return;
	}
	if (res->code != SX_OK) {
		transient(s, &res->err, 0);
		return;
	}
	protocol_error_decode(res->body, res->body_len, code, msg);
	if (status >= 500 || status == 429 || status == 408) {
		sx_error_set(&err, SX_NET, "", "Máy chủ tạm thời không phục "
			     "vụ được; sẽ thử lại sau",
			     "server answered %ld%s%s", status,
			     msg[0] ? ": " : "", msg);
		transient(s, &err, (int)status);
		return;
	}
	if (status == 401 || status == 403) {
		sx_error_set(&err, SX_REFUSED, "token", "Máy chủ từ chối mã "
			     "truy cập (token): kiểm tra sxsh config",
			     "server refused the token (%ld%s%s)", status,
			     msg[0] ? ": " : "", msg);
		fail(s, &err);
		return;
	}
	if (s->req == REQ_PUSH && status == 413) {
		on_push_too_large(s, msg);
		return;
	}
	if (s->req == REQ_REPORT && (status == 409 || status == 422)) {
		on_report(s, res);
		return;
	}
	if (status < 200 || status >= 300) {
		sx_error_set(&err, SX_REFUSED, "", "Máy chủ từ chối yêu cầu",
			     "server refused %s %s: %ld %s%s%s", s->method,
			     s->path, status, code, msg[0] ? ": " : "", msg);
		if (s->req == REQ_PUSH)
			push_attempt_failed(s, (int)status, err.msg);
		fail(s, &err);
		return;
	}
	switch (s->req) {
	case REQ_PUSH: on_push(s, res); break;
	case REQ_PULL: on_pull(s, res); break;
	case REQ_REPORT: on_report(s, res); break;
	case REQ_STATUS: on_status(s, res); break;
	case REQ_REF: on_reference(s, res); break;
	}
}

/* ---- the public loop ----------------------------------------------------- */

enum sx_err sync_start(struct sync *s, struct sx_error *err)
{
	long long pending = 0, rejected = 0;
	char ins[] = "insecure-dev: TLS verification is off";

	if (sync_busy(s))
		return sx_error_set(err, SX_INVALID, "", "Đang đồng bộ",
				    "a sync is already running");
	memset(&s->st, 0, sizeof s->st);
	apply_state_release(&s->apply);
	s->push_after = 0;
	s->batch_max = s->cfg.batch_max;
	if (outbox_size(s->db, &pending, &rejected, err))
		return err ? err->code : SX_DB;
	s->st.outbox_left = pending;
	srand((unsigned)(now_ms() ^ getpid()));
	if (s->cfg.insecure_dev)
		log_line(s, "warn", ins);
	next_push(s);
	s->changed = 1;
	return SX_OK;
}

int sync_busy(const struct sync *s)
{
	return s->st.phase != SYNC_IDLE && s->st.phase != SYNC_DONE &&
	       s->st.phase != SYNC_FAILED;
}

enum sx_err sync_wait(struct sync *s, int extra_fd, int timeout_ms,
		      int *fd_ready)
{
	struct sx_error err = {0};

	if (s->st.waiting_retry) {
		long long left = s->retry_at_ms - now_ms();
		if (left < 0)
			left = 0;
		if (left < timeout_ms)
			timeout_ms = (int)left;
	} else if (sync_busy(s) && !transport_busy(s->net)) {
		timeout_ms = 0;
	}
	return transport_wait(s->net, extra_fd, timeout_ms, fd_ready, &err);
}

int sync_progress(struct sync *s)
{
	struct transport_result res;
	struct transport_stats ts;

	if (s->st.waiting_retry && now_ms() >= s->retry_at_ms)
		send_request(s);
	if (transport_step(s->net, &res))
		on_answer(s, &res);
	transport_stats(s->net, &ts);
	s->st.requests = ts.requests;
	s->st.bytes_up = ts.bytes_up;
	s->st.bytes_down = ts.bytes_down;
	s->st.connections = ts.connects;
	if (s->changed) {
		s->changed = 0;
		return 1;
	}
	return 0;
}

enum sync_phase sync_state(const struct sync *s, struct sync_status *out)
{
	if (out) {
		*out = s->st;
		if (s->st.waiting_retry) {
			long long left = s->retry_at_ms - now_ms();
			out->retry_in_ms = left > 0 ? (int)left : 0;
		}
	}
	return s->st.phase;
}

enum sx_err sync_run(struct sync *s,
		     void (*on_change)(const struct sync_status *, void *),
		     void *arg, struct sx_error *err)
{
	enum sx_err e = sync_start(s, err);

	if (e)
		return e;
	if (on_change)
		on_change(&s->st, arg);
	while (sync_busy(s)) {
		sync_wait(s, -1, 1000, NULL);
		if (sync_progress(s) && on_change)
			on_change(&s->st, arg);
	}
	if (s->st.phase == SYNC_FAILED) {
		if (err)
			*err = s->st.err;
		return s->st.err.code;
	}
	return SX_OK;
}

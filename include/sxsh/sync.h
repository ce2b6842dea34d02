/* sync.h — syncing a district database with the provincial server
 * (sync/PROTOCOL.md), without blocking the caller.
 *
 * One sync run goes: push the outbox in bounded batches → pull the
 * server's changes since the cursor → submit queued report revisions →
 * read report status → reference data (the district's targets).  Every
 * step is idempotent, so a run interrupted anywhere and started again
 * loses and duplicates nothing.
 *
 * The terminal UI drives a run from its own loop:
 *
 *	sync_start(s, &err);
 *	while (sync_busy(s)) {
 *		sync_wait(s, STDIN_FILENO, 100, &key_ready);
 *		if (key_ready) ...;
 *		if (sync_progress(s)) redraw using sync_state(s, &st);
 *	}
 *
 * and `sxsh sync` calls sync_run, which does the same to the end.
 *
 * Errors by class (DESIGN.md): a transport failure or 5xx retries with
 * exponential backoff and jitter, and after the last attempt ends the run
 * with SX_NET (exit 3), the outbox kept; 401/403, a TLS failure or another
 * refusal of a whole request ends it with SX_REFUSED (exit 4), nothing
 * applied from that request; a change the server rejects is held back
 * with the server's reason and the rest goes on.
 */
#ifndef SXSH_SYNC_H
#define SXSH_SYNC_H

#include "sxsh/err.h"

struct sx_db;
struct sync;

struct sync_config {
	char *server;             /* settings "server" (https://host:port) */
	char *token;              /* settings "token"; never printed */
	char *ca;                 /* settings "ca": CA file, NULL = system */
	char *pin;                /* settings "pin": sha256//… or NULL */
	int insecure_dev;         /* development only: no TLS checks */
	int max_attempts;         /* per request; 1 = no retry (--once) */
	int batch_max;            /* changes per push; ≤ 500 */
	long connect_timeout_s;   /* 0: 20 s */
	long low_speed_time_s;    /* 0: 60 s under 10 bytes/s fails */
	int backoff_base_ms;      /* first retry delay; 0: 1000 ms */
};

/* Reads server, token, ca and pin from the database settings and fills
 * the rest with defaults (SXSH_SYNC_LOW_SPEED_TIME and
 * SXSH_SYNC_BACKOFF_MS in the environment shorten timeouts for tests).
 * Release with sync_config_release (which wipes the token). */
enum sx_err sync_config_load(struct sx_db *db, struct sync_config *cfg,
			     struct sx_error *err);
void sync_config_release(struct sync_config *cfg);

enum sync_phase {
	SYNC_IDLE = 0,
	SYNC_PUSH,
	SYNC_PULL,
	SYNC_REPORTS,
	SYNC_STATUS,
	SYNC_REFERENCE,
	SYNC_DONE,
	SYNC_FAILED
};

struct sync_status {
	enum sync_phase phase;
	int waiting_retry;        /* 1 while backing off */
	int retry_in_ms;
	int attempt;              /* of the current request, from 1 */
	/* push */
	long long pushed, applied, duplicates, conflicts, rejected;
	long long outbox_left;    /* pending entries not yet tried */
	/* pull */
	long long pulled, pull_applied, pull_skipped, pull_conflicts;
	long long pull_waiting;   /* rows waiting for a record they refer to */
	long long cursor;
	/* reports */
	long long reports_sent, reports_duplicate, reports_refused;
	long long statuses_updated;
	int reference_updated;
	/* wire */
	long long requests, bytes_up, bytes_down, connections;
	/* the error that ended the run (phase SYNC_FAILED) */
	struct sx_error err;
	int http_status;
};

/* A sync engine for db with cfg (copied).  Free with sync_free. */
enum sx_err sync_new(struct sx_db *db, const struct sync_config *cfg,
		     struct sync **out, struct sx_error *err);
void sync_free(struct sync *s);

/* Starts a run (counters reset).  Refuses while a run is going. */
enum sx_err sync_start(struct sync *s, struct sx_error *err);

/* 1 while a run is going (not IDLE, DONE or FAILED). */
int sync_busy(const struct sync *s);

/* Waits up to timeout_ms for the network, a retry timer, or extra_fd
 * (< 0: none) to become readable (*fd_ready).  Returns SX_OK. */
enum sx_err sync_wait(struct sync *s, int extra_fd, int timeout_ms,
		      int *fd_ready);

/* Moves the run on: reads finished answers and applies them through
 * core, starts the next request.  Returns 1 when the status changed. */
int sync_progress(struct sync *s);

/* Copies the status; returns its phase. */
enum sync_phase sync_state(const struct sync *s, struct sync_status *out);

/* Drives a run to its end, calling on_change (may be NULL) whenever the
 * status changed.  Returns SX_OK, or the error of a failed run (also in
 * err). */
enum sx_err sync_run(struct sync *s,
		     void (*on_change)(const struct sync_status *, void *),
		     void *arg, struct sx_error *err);

/* ---- conflicts ----------------------------------------------------------- */

enum sync_resolution { SYNC_KEEP_MINE, SYNC_TAKE_THEIRS };

/* Resolves an open conflict.  keep-mine: the local record is re-based on
 * the server's revision and pushed again at the next sync (it overwrites
 * the server's row).  take-theirs: the server's row is written locally
 * and the local unsent change is dropped.  SX_NOTFOUND for no such open
 * conflict. */
enum sx_err sync_resolve(struct sx_db *db, long long conflict_id,
			 enum sync_resolution how, struct sx_error *err);

/* The record in a conflict's payload (sync_store.h), for showing it.
 * *out: free with record_free. */
struct sx_record;
enum sx_err sync_payload_record(const char *payload, struct sx_record **out,
				struct sx_error *err);

#endif

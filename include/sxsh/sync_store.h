/* sync_store.h — what sync needs from the district database beyond
 * record.h and outbox.h: writing the server's rows without logging them as
 * local changes, the conflict list, held-back outbox entries, the report
 * revisions waiting to be sent, and the sync log.
 *
 * A pulled row never overwrites a record with unsent local changes: the
 * caller checks sync_store_local_state first and records a conflict
 * instead.  Every function that writes runs in its own transaction or in
 * the caller's (sx_db_begin nests).
 */
#ifndef SXSH_SYNC_STORE_H
#define SXSH_SYNC_STORE_H

#include "sxsh/err.h"
#include "sxsh/record.h"
#include "sxsh/outbox.h"

struct sx_db;

/* ---- records from the server --------------------------------------------- */

/* Writes rec as the server has it: its server_rev, its deleted flag, its
 * values, updated_at now, and no change-log entry. */
enum sx_err sync_store_apply_remote(struct sx_db *db,
				    const struct sx_record *rec,
				    struct sx_error *err);

/* The local state of (kind, uuid): *server_rev (-1 when there is no such
 * record) and *pending (1 when the outbox has an entry for it). */
enum sx_err sync_store_local_state(struct sx_db *db, enum sx_kind kind,
				   const char *uuid, long long *server_rev,
				   int *pending, struct sx_error *err);

/* Number of REF fields of rec naming a record absent here (0: all there,
 * -1 on error).  Rows whose references are missing wait for them. */
int sync_store_missing_refs(struct sx_db *db, const struct sx_record *rec);

/* A live local record other than rec that holds a value rec must have to
 * itself (a facility's tax code; a consumption row's facility and year):
 * its uuid in other[37] and SX_CONFLICT, or SX_OK when there is none. */
enum sx_err sync_store_unique_clash(struct sx_db *db,
				    const struct sx_record *rec,
				    char other[SX_UUID_LEN + 1],
				    struct sx_error *err);

/* ---- the outbox, by record --------------------------------------------- */

/* The outbox entry of a record.  SX_NOTFOUND when it has none. */
enum sx_err sync_store_outbox_entry(struct sx_db *db, const char *uuid,
				    struct sx_outbox_entry *out,
				    struct sx_error *err);

/* Holds a record's entry back (rejected=1) with a message, e.g. while a
 * conflict waits for the user. */
enum sx_err sync_store_hold(struct sx_db *db, const char *uuid, int status,
			    const char *message, struct sx_error *err);

/* "Keep mine": bases the local record on the server's revision rev
 * (server_rev = rev, values untouched), gives its outbox entry a fresh
 * change_id and releases it, so the next push overwrites the server's row.
 * Creates the entry if the record has none. */
enum sx_err sync_store_rebase(struct sx_db *db, enum sx_kind kind,
			      const char *uuid, long long rev,
			      struct sx_error *err);

/* ---- conflicts ----------------------------------------------------------- */

struct sx_conflict {
	long long id;
	enum sx_kind kind;
	char record_uuid[SX_UUID_LEN + 1];
	long long server_rev;
	char *server_payload;     /* protocol_record_text of the server's row */
	char *local_payload;      /* the local row when recorded, or NULL */
	char created_at[21];
	char resolved_at[21];     /* "" while open */
	char resolution[16];      /* "keep_mine", "take_theirs", "merged", "" */
};

/* Records a conflict; an open conflict of the same record is replaced
 * (the newest server row wins).  *id (may be NULL) gets its id. */
enum sx_err sync_store_conflict_add(struct sx_db *db, enum sx_kind kind,
				    const char *uuid, long long server_rev,
				    const char *server_payload,
				    const char *local_payload, long long *id,
				    struct sx_error *err);

/* Open conflicts (all when include_resolved), oldest first.  Free with
 * sync_store_conflicts_free. */
enum sx_err sync_store_conflicts(struct sx_db *db, int include_resolved,
				 struct sx_conflict **out, int *n,
				 struct sx_error *err);
void sync_store_conflicts_free(struct sx_conflict *c, int n);

/* One conflict by id; release with sync_store_conflict_release.
 * SX_NOTFOUND when there is none. */
enum sx_err sync_store_conflict_get(struct sx_db *db, long long id,
				    struct sx_conflict *out,
				    struct sx_error *err);
void sync_store_conflict_release(struct sx_conflict *c);

/* Marks a conflict resolved ("keep_mine", "take_theirs", "merged"). */
enum sx_err sync_store_conflict_resolve(struct sx_db *db, long long id,
					const char *resolution,
					struct sx_error *err);

/* Number of open conflicts. */
enum sx_err sync_store_conflict_count(struct sx_db *db, long long *n,
				      struct sx_error *err);

/* ---- report revisions --------------------------------------------------- */

struct sx_report_queued {
	long long id;
	char period[8];
	int revision;
	int replaces;             /* revision number replaced, 0 = none */
	char sha256[65];
	char *json;               /* owned */
};

/* Revisions with status 'queued', oldest first.  Free with
 * sync_store_reports_free. */
enum sx_err sync_store_reports_queued(struct sx_db *db,
				      struct sx_report_queued **out, int *n,
				      struct sx_error *err);
void sync_store_reports_free(struct sx_report_queued *r, int n);

/* Keeps the server's message about a revision it refused in
 * status_reason (status changes go through report_set_status). */
enum sx_err sync_store_report_refused(struct sx_db *db, long long id,
				      const char *message,
				      struct sx_error *err);

/* ---- reference data ----------------------------------------------------- */

/* Stores the district's T2/T3 share from the server (has_*=0: none). */
enum sx_err sync_store_targets(struct sx_db *db, const char *district_code,
			       int has_t2, long long t2, int has_t3,
			       long long t3, struct sx_error *err);

/* ---- the sync log -------------------------------------------------------- */

/* Appends a line (level "info", "warn", "error").  Keeps the newest
 * 1000 lines. */
enum sx_err sync_store_log(struct sx_db *db, const char *level,
			   const char *message, struct sx_error *err);

/* Calls fn for the newest max lines, oldest first. */
enum sx_err sync_store_log_each(struct sx_db *db, int max,
				void (*fn)(const char *at, const char *level,
					   const char *message, void *arg),
				void *arg, struct sx_error *err);

#endif

/* store.h — the provincial server's store: its own SQLite file (not a
 * district database) on core's SQLite toolkit (sxsh/db_sql.h): districts
 * and their token hashes, the latest version of every district record,
 * the change ids applied, and the report revisions received.  All its SQL
 * is in store.c; its schema is an ordered list of migrations there
 * (user_version), and a file newer than this program is refused untouched.
 *
 * Concurrency: one SQLite connection guarded by one mutex.  store_begin
 * takes the mutex and opens a write transaction; store_commit,
 * store_rollback and store_end end both.  Every other store_* call must
 * run between them.
 */
#ifndef SXSH_SERVER_STORE_H
#define SXSH_SERVER_STORE_H

#include "sxsh/err.h"

struct srv_store;

/* Opens or creates the server database (WAL, synchronous=FULL,
 * busy_timeout) and applies pending migrations.  A database written by a
 * newer sxsh-server is refused with SX_DB and left byte-identical.  *out
 * is freed with store_close. */
enum sx_err store_open(const char *path, struct srv_store **out,
		       struct sx_error *err);
void store_close(struct srv_store *st);

/* The schema version of the open store (PRAGMA user_version) and the
 * latest this program knows. */
int store_schema_version(struct srv_store *st);
int store_schema_latest(void);

enum sx_err store_begin(struct srv_store *st, struct sx_error *err);
enum sx_err store_commit(struct srv_store *st, struct sx_error *err);
void store_rollback(struct srv_store *st);
/* Ends the transaction: commits when rc is SX_OK, else rolls back.
 * Returns rc, or the commit's failure (err filled). */
enum sx_err store_end(struct srv_store *st, enum sx_err rc,
		      struct sx_error *err);

struct store_district {
	char code[8];
	char name[128];
	char created_at[21];
	char revoked_at[21];    /* "" while active */
	long long t2_share;     /* -1 when not assigned */
	long long t3_share;
};

/* SX_CONFLICT when the code exists already. */
enum sx_err store_district_add(struct srv_store *st, const char *code,
			       const char *name, const char *token_hash,
			       struct sx_error *err);
/* The active district whose token hashes to token_hash; SX_NOTFOUND. */
enum sx_err store_district_by_token(struct srv_store *st,
				    const char *token_hash,
				    struct store_district *out,
				    struct sx_error *err);
enum sx_err store_district_get(struct srv_store *st, const char *code,
			       struct store_district *out,
			       struct sx_error *err);
/* SX_NOTFOUND when there is no such active district. */
enum sx_err store_district_revoke(struct srv_store *st, const char *code,
				  struct sx_error *err);
/* A new token for a district (active or revoked, which it reactivates):
 * the old one stops working.  SX_NOTFOUND. */
enum sx_err store_district_rotate(struct srv_store *st, const char *code,
				  const char *token_hash,
				  struct sx_error *err);
/* -1 clears a share. Bumps the reference version. */
enum sx_err store_district_set_targets(struct srv_store *st,
				       const char *code, long long t2,
				       long long t3, struct sx_error *err);
/* All districts in code order. */
enum sx_err store_district_each(struct srv_store *st,
				void (*fn)(const struct store_district *,
					   void *),
				void *arg, struct sx_error *err);

/* Integer settings of the server (reference version, deadline days). */
long long store_meta_int(struct srv_store *st, const char *key,
			 long long dflt);
enum sx_err store_meta_set_int(struct srv_store *st, const char *key,
			       long long value, struct sx_error *err);

struct store_row {
	char uuid[37];
	char kind[24];          /* singular kind name */
	char district[8];
	long long rev;
	int deleted;
	char client_id[37];
	char *fields;           /* JSON object text; owner: who filled it */
};

/* Reads the current version of a record; SX_NOTFOUND.  The caller frees
 * out->fields. */
enum sx_err store_record_get(struct srv_store *st, const char *uuid,
			     struct store_row *out, struct sx_error *err);
/* Writes row (insert or replace) with rev = next sequence number, and
 * remembers (row->district, change_id) → rev.  *rev_out gets the rev. */
enum sx_err store_record_put(struct srv_store *st,
			     const struct store_row *row,
			     const char *change_id, long long *rev_out,
			     struct sx_error *err);
/* The rev a change id of district was applied as; SX_NOTFOUND. */
enum sx_err store_change_rev(struct srv_store *st, const char *district,
			     const char *change_id, long long *rev,
			     struct sx_error *err);
/* Calls fn for up to limit rows of district with rev > since, in rev
 * order (row->fields borrowed for the call).  *more is 1 when rows
 * remain after them. */
enum sx_err store_pull(struct srv_store *st, const char *district,
		       long long since, int limit,
		       enum sx_err (*fn)(const struct store_row *, void *),
		       void *arg, int *more, struct sx_error *err);
/* Number of live (not deleted) records of district, all kinds. */
enum sx_err store_record_count(struct srv_store *st, const char *district,
			       long long *out, struct sx_error *err);

struct store_report {
	long long id;
	char district[8];
	char period[8];
	long long revision;
	long long replaces;     /* -1: null */
	char sha256[65];
	char receipt[64];
	char status[12];        /* sent, accepted, returned */
	char reason[512];
	char received_at[21];
	char status_at[21];     /* "" when none */
	char *json;             /* owned; NULL unless asked for */
};

/* SX_NOTFOUND when none.  json is not loaded. */
enum sx_err store_report_by_hash(struct srv_store *st, const char *district,
				 const char *sha256, struct store_report *out,
				 struct sx_error *err);
enum sx_err store_report_by_revision(struct srv_store *st,
				     const char *district, const char *period,
				     long long revision,
				     struct store_report *out,
				     struct sx_error *err);
/* *accepted = 1 when a revision of the period is accepted. */
enum sx_err store_report_period_accepted(struct srv_store *st,
					 const char *district,
					 const char *period, int *accepted,
					 struct sx_error *err);
/* Inserts r (status "sent"), filling r->id, r->receipt, r->received_at. */
enum sx_err store_report_insert(struct srv_store *st, struct store_report *r,
				struct sx_error *err);
/* Every revision, filtered by district and period (NULL = all), ordered
 * by district, period, revision; with_json loads r->json (borrowed for
 * the call). */
enum sx_err store_report_each(struct srv_store *st, const char *district,
			      const char *period, int with_json,
			      enum sx_err (*fn)(const struct store_report *,
						void *),
			      void *arg, struct sx_error *err);
/* Sets the status of the district's latest sent revision of period to
 * "accepted" or "returned".  SX_NOTFOUND when there is none to decide. */
enum sx_err store_report_decide(struct srv_store *st, const char *district,
				const char *period, const char *status,
				const char *reason, long long *revision,
				struct sx_error *err);

/* ---- the province's desk: accounts and sessions (store.c) ------------ */

struct store_user {
	char name[33];
	char role[10];          /* viewer, reviewer, admin */
	char pass_hash[128];    /* argon2id string (crypto_pwhash_str) */
	char created_at[21];
	char disabled_at[21];   /* "" while active */
};

struct store_session {
	char user[33];
	char role[10];
	char csrf[65];
	long long last_seen;    /* Unix seconds */
};

/* SX_CONFLICT when name exists. */
enum sx_err store_user_add(struct srv_store *st, const char *name,
			   const char *role, const char *pass_hash,
			   struct sx_error *err);
/* SX_NOTFOUND when there is no such user (disabled ones are found). */
enum sx_err store_user_get(struct srv_store *st, const char *name,
			   struct store_user *out, struct sx_error *err);
/* All users in name order. */
enum sx_err store_user_each(struct srv_store *st,
			    void (*fn)(const struct store_user *, void *),
			    void *arg, struct sx_error *err);
/* Both end the user's sessions; SX_NOTFOUND when there is no such
 * (active, for disable) user. */
enum sx_err store_user_disable(struct srv_store *st, const char *name,
			       struct sx_error *err);
enum sx_err store_user_set_password(struct srv_store *st, const char *name,
				    const char *pass_hash,
				    struct sx_error *err);
/* A session is kept by the SHA-256 of its cookie value, never the value. */
enum sx_err store_session_add(struct srv_store *st, const char *id_hash,
			      const char *user, const char *csrf,
			      long long now, struct sx_error *err);
/* The session of an active user; SX_NOTFOUND otherwise. */
enum sx_err store_session_get(struct srv_store *st, const char *id_hash,
			      struct store_session *out,
			      struct sx_error *err);
enum sx_err store_session_touch(struct srv_store *st, const char *id_hash,
				long long now, struct sx_error *err);
/* Ends the session id_hash (may be NULL) and every session last seen
 * before idle_before. */
enum sx_err store_session_end(struct srv_store *st, const char *id_hash,
			      long long idle_before, struct sx_error *err);
/* Remembers a wrong password for user at now, forgetting those before
 * forget_before; the count is of those at or after since. */
enum sx_err store_login_fail_add(struct srv_store *st, const char *user,
				 long long now, long long forget_before,
				 struct sx_error *err);
enum sx_err store_login_fail_count(struct srv_store *st, const char *user,
				   long long since, long long *count,
				   struct sx_error *err);
/* The district's last push or report, UTC "…Z", or "" when none. */
enum sx_err store_district_last_sync(struct srv_store *st, const char *code,
				     char out[21], struct sx_error *err);

#endif

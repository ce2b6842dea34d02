/* outbox.h — the change log that sync drains.
 *
 * Each record with unsent local changes has exactly one outbox entry.  Every
 * local edit gives the entry a fresh change_id and bumps its edit count, in
 * the same transaction as the edit.  An entry leaves the outbox only when
 * the server has acknowledged the change_id it holds now (outbox_ack).
 */
#ifndef SXSH_OUTBOX_H
#define SXSH_OUTBOX_H

#include "sxsh/err.h"
#include "sxsh/record.h"

struct sx_db;

struct sx_outbox_entry {
	long long seq;                    /* order of first change */
	enum sx_kind kind;
	char record_uuid[SX_UUID_LEN + 1];
	char change_id[SX_UUID_LEN + 1];
	long long edits;                  /* edit count when read */
	long long attempts;
	int last_status;                  /* HTTP status of last try, 0 none */
	char last_error[256];             /* server's message, or the
					   * transport error */
	int rejected;                     /* held back: the server refused it */
	char created_at[21];
};

/* Records a change of (kind, uuid); called by core inside the write's own
 * transaction. */
enum sx_err outbox_touch(struct sx_db *db, enum sx_kind kind,
			 const char *uuid, struct sx_error *err);

/* Up to max pending entries (not rejected) with seq > after_seq, oldest
 * first.  *out is an array of *n entries; free() it. */
enum sx_err outbox_pending(struct sx_db *db, long long after_seq, int max,
			   struct sx_outbox_entry **out, int *n,
			   struct sx_error *err);

/* All entries, rejected ones included, for `sxsh sync --log`. */
enum sx_err outbox_all(struct sx_db *db, struct sx_outbox_entry **out, int *n,
		       struct sx_error *err);

/* The server holds change_id of (kind, record_uuid) as server_rev: raises
 * the record's server_rev to it (never lowers it) and removes the entry
 * if it still has that change_id.  An edit made while the push was in
 * flight renewed the change_id, so it stays and goes out next, based on
 * server_rev.  Repeating an acknowledgement changes nothing. */
enum sx_err outbox_ack(struct sx_db *db, enum sx_kind kind,
		       const char *record_uuid, const char *change_id,
		       long long server_rev, struct sx_error *err);

/* Notes a failed attempt (status 0 for a transport failure). rejected=1
 * holds the entry back until the user acts. */
enum sx_err outbox_fail(struct sx_db *db, const char *change_id, int status,
			const char *message, int rejected,
			struct sx_error *err);

/* Removes an entry by seq (an administrator dropping a poison entry).
 * SX_NOTFOUND when there is none. */
enum sx_err outbox_drop(struct sx_db *db, long long seq, struct sx_error *err);

/* Entries waiting (pending + rejected). */
enum sx_err outbox_size(struct sx_db *db, long long *pending,
			long long *rejected, struct sx_error *err);

#endif

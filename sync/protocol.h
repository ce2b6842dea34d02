/* protocol.h — the messages of sync/PROTOCOL.md (version 1) as C values:
 * encoding requests and decoding answers, with jansson.  No I/O, no
 * database: the client (client.c) moves the bytes and applies the values
 * through core, and the tests feed these functions strings directly.
 *
 * Every decoder validates what it reads (types, UUIDs, known kinds and
 * fields, sizes) and answers SX_INVALID with a message for anything else:
 * a bad message from the network is an error for that message only.
 */
#ifndef SXSH_SYNC_PROTOCOL_H
#define SXSH_SYNC_PROTOCOL_H

#include <stddef.h>
#include "sxsh/err.h"
#include "sxsh/record.h"

#define PROTOCOL_MAX_BATCH 500

/* ---- records ---------------------------------------------------------- */

/* A record as the protocol carries it:
 * {"kind","uuid","rev","deleted","fields":{…}}.  rev is rec->server_rev.
 * The text is malloc'd; the caller frees it.  NULL on OOM. */
char *protocol_record_text(const struct sx_record *rec);

/* Parses the text of protocol_record_text (or a pulled/conflict row).
 * *out is a new record (free with record_free); its server_rev is "rev". */
enum sx_err protocol_record_parse(const char *text, struct sx_record **out,
				  struct sx_error *err);

/* The "fields" object of rec alone, as the server stores it: non-empty
 * values in kind-table order.  Caller frees; NULL on OOM. */
char *protocol_fields_text(const struct sx_record *rec);

/* What a record decoder or check found wrong: the field at fault ("" when
 * none) and why, in English, starting with the field's name. */
struct protocol_fault {
	char field[32];
	char reason[256];
};

enum protocol_row {
	PROTOCOL_ROW_PULLED,  /* a pulled row or a conflict's server row */
	PROTOCOL_ROW_PUSHED   /* a change of POST /v1/push */
};

/* The one decoder of a record object, for both sides: shape (kind, uuid,
 * "rev" or, pushed, "base_rev", deleted, fields of the kind), then every
 * value through the value codec (record_value.h, canonical form, no
 * clock), and for a pushed change that is not a tombstone the required
 * fields (PROTOCOL.md section 2, rules 1 and 4).  *out is a new record
 * with canonical values (free with record_free); server_rev is the
 * revision read.  SX_INVALID with why filled, or SX_NOMEM. */
struct json_t;
enum sx_err protocol_record_decode(struct json_t *o, enum protocol_row how,
				   struct sx_record **out,
				   struct protocol_fault *why);

/* Rule 4 on the client's side, before rec is sent: the verdict the
 * server's decoder would give its values.  SX_OK, SX_INVALID with why,
 * or SX_NOMEM. */
enum sx_err protocol_record_check(const struct sx_record *rec,
				  struct protocol_fault *why);

/* ---- push ---------------------------------------------------------------- */

struct protocol_push_item {
	const char *change_id;
	const struct sx_record *rec;   /* base_rev = rec->server_rev */
};

/* The body of POST /v1/push (malloc'd text; caller frees). *len gets its
 * length.  NULL on OOM. */
char *protocol_push_encode(const char *client_id,
			   const struct protocol_push_item *items, int n,
			   size_t *len);

enum protocol_outcome {
	PROTOCOL_APPLIED,
	PROTOCOL_DUPLICATE,
	PROTOCOL_CONFLICT,
	PROTOCOL_REJECTED
};

struct protocol_push_result {
	char change_id[SX_UUID_LEN + 1];
	enum protocol_outcome outcome;
	long long rev;
	char field[32];
	char reason[256];
	struct sx_record *server;      /* conflict: the server's row, owned */
};

/* Decodes the answer to a push of n changes.  The answer must have
 * exactly n results naming the pushed change ids in order (ids is the
 * array of the n change ids sent).  *out: n results; free with
 * protocol_push_results_free. */
enum sx_err protocol_push_decode(const char *body, size_t len,
				 const char *const *ids, int n,
				 struct protocol_push_result **out,
				 struct sx_error *err);
void protocol_push_results_free(struct protocol_push_result *r, int n);

/* ---- pull ---------------------------------------------------------------- */

struct protocol_pull_page {
	struct sx_record **rows;  /* owned; server_rev = the row's rev */
	int count;
	long long next;
	int more;
};

/* Decodes a page of GET /v1/pull?since=since.  Rows must come in rising
 * rev order, each > since; next must be ≥ since. */
enum sx_err protocol_pull_decode(const char *body, size_t len,
				 long long since,
				 struct protocol_pull_page *out,
				 struct sx_error *err);
void protocol_pull_page_release(struct protocol_pull_page *page);

/* ---- reports ------------------------------------------------------------- */

/* The body of POST /v1/reports.  replaces 0 → null.  Caller frees. */
char *protocol_report_encode(const char *period, int revision, int replaces,
			     const char *sha256, const char *json,
			     size_t *len);

struct protocol_receipt {
	char receipt[65];
	char status[16];          /* "sent", "accepted", "returned" */
	char received_at[21];
	int duplicate;
};

enum sx_err protocol_receipt_decode(const char *body, size_t len,
				    struct protocol_receipt *out,
				    struct sx_error *err);

struct protocol_report_status {
	char period[8];
	int revision;
	char sha256[65];
	char receipt[65];
	char status[16];
	char reason[512];
	char status_at[21];
};

/* *out: array of *n entries; free() it. */
enum sx_err protocol_status_decode(const char *body, size_t len,
				   struct protocol_report_status **out,
				   int *n, struct sx_error *err);

/* ---- reference data ------------------------------------------------------ */

struct protocol_reference {
	long long version;
	char district_code[8];
	int has_t2_share, has_t3_share;
	long long t2_share, t3_share;
	long long deadline_days;      /* -1 when absent */
	/* version 2 (?v=2): the province's plans, each a plan file's text
	 * that plan_parse accepts; has_plans 0 when the server sent none
	 * (an older server), then the client keeps the plans it has. */
	int has_plans;
	int nplans;
	char **plans;                 /* owned */
	size_t *plan_lens;            /* owned */
	char period_rule[24];         /* "" when absent */
};

/* Checks every plan with plan_parse: one that does not parse makes the
 * answer malformed.  Release *out with protocol_reference_release. */
enum sx_err protocol_reference_decode(const char *body, size_t len,
				      struct protocol_reference *out,
				      struct sx_error *err);
void protocol_reference_release(struct protocol_reference *r);

/* ---- errors -------------------------------------------------------------- */

/* The error code and message of a non-2xx body ({"error":{…}}); empty
 * strings when the body is not one. */
void protocol_error_decode(const char *body, size_t len, char code[32],
			   char message[256]);

#endif

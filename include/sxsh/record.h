/* record.h — the district's records, described by one table of fields.
 *
 * Every record kind (facility, person, event, …) is a row of a kind table:
 * its SQL table and its fields, each with a type, a requiredness and its
 * labels in Vietnamese and English.  Storage, validation, CSV import and
 * export, the sync protocol and the terminal forms all walk that one table,
 * so a field added there is added everywhere.
 *
 * A struct sx_record holds values as text in their canonical form:
 *   SXF_TEXT, SXF_PHONE      NFC UTF-8
 *   SXF_INT, SXF_YEAR        "123"
 *   SXF_DECIMAL              "1234.5" (dot, no grouping)
 *   SXF_MONEY                "1500000" (whole VND)
 *   SXF_DATE                 "2017-06-20"
 *   SXF_BOOL                 "0" / "1"
 *   SXF_CHOICE               the choice key, e.g. "enterprise"
 *   SXF_REF                  the UUID of a record of ref_kind
 *   SXF_COMMUNE              5-digit GSO commune code
 *   SXF_VSIC                 VSIC 2018 code
 *   SXF_TAXCODE              10 or 13 digits, compact ("0314409058002")
 * NULL means empty.  Every record also has uuid, server_rev (0 until the
 * server has it), updated_at (UTC) and deleted (a tombstone).
 */
#ifndef SXSH_RECORD_H
#define SXSH_RECORD_H

#include <stddef.h>
#include "sxsh/err.h"
#include "sxsh/uuid.h"

struct sx_db;

enum sx_kind {
	SXK_FACILITY = 0,
	SXK_PERSON,
	SXK_EVENT,
	SXK_EVENT_FACILITY,  /* a facility reached by an event */
	SXK_EVENT_PERSON,    /* a person attending (trained at) an event */
	SXK_ASSESSMENT,
	SXK_SOLUTION,
	SXK_CONSUMPTION,
	SXK_COUNT
};

enum sx_field_type {
	SXF_TEXT, SXF_PHONE, SXF_INT, SXF_YEAR, SXF_DECIMAL, SXF_MONEY,
	SXF_DATE, SXF_BOOL, SXF_CHOICE, SXF_REF, SXF_COMMUNE, SXF_VSIC,
	SXF_TAXCODE
};

struct sx_choice {
	const char *key;      /* stored value, English, snake_case */
	const char *label_vi;
	const char *label_en;
};

struct sx_field {
	const char *name;       /* column and CSV/JSON name */
	enum sx_field_type type;
	int required;
	int max_len;            /* characters (text_chars), for text;
				 * 0 = default 500 */
	const char *label_vi;
	const char *label_en;
	const char *unit;       /* "kWh", "t", "m³", "VND", or NULL */
	const struct sx_choice *choices;  /* SXF_CHOICE: NULL-key terminated */
	enum sx_kind ref_kind;  /* SXF_REF */
	int searchable;         /* folded into the record's search text */
};

struct sx_kind_def {
	enum sx_kind kind;
	const char *name;       /* plural, as on the command line */
	const char *singular;   /* "facility" */
	const char *table;      /* SQL table */
	const char *label_vi;   /* "Cơ sở sản xuất" */
	const char *label_en;
	const char *title_field;/* the field that names a record in lists */
	const struct sx_field *fields;
	int nfields;
};

/* The kind table, and look-ups by kind, by name ("facilities" or
 * "facility") and by field name.  Return NULL / -1 when unknown. */
const struct sx_kind_def *record_kind(enum sx_kind kind);
const struct sx_kind_def *record_kind_by_name(const char *name);
int record_field_index(const struct sx_kind_def *def, const char *field);
/* Label of a choice key in the language ("vi" or "en"); NULL if unknown. */
const char *record_choice_label(const struct sx_field *f, const char *key,
				const char *lang);

struct sx_record {
	enum sx_kind kind;
	char uuid[SX_UUID_LEN + 1];  /* "" for a record not saved yet */
	long long server_rev;
	char updated_at[21];
	int deleted;
	char **values;               /* nfields entries, owned, NULL = empty */
};

/* A new empty record of kind; free with record_free. NULL on OOM. */
struct sx_record *record_new(enum sx_kind kind);
void record_free(struct sx_record *rec);
struct sx_record *record_dup(const struct sx_record *rec);

/* Value of a field by name, borrowed; NULL when empty or unknown. */
const char *record_get(const struct sx_record *rec, const char *field);
/* Copies value (NULL or "" clears).  Returns SX_INVALID for an unknown
 * field, SX_NOMEM.  No validation here: see record_validate. */
enum sx_err record_set(struct sx_record *rec, const char *field,
		       const char *value);

/* ---- validation -------------------------------------------------------- */

struct sx_problem {
	char field[32];
	char msg_vi[200];
	char msg_en[200];
};

struct sx_problems {
	struct sx_problem *items;
	int count;
	int cap;
};

void problems_init(struct sx_problems *p);
void problems_release(struct sx_problems *p);
void problems_clear(struct sx_problems *p);
void problems_add(struct sx_problems *p, const char *field,
		  const char *msg_vi, const char *msg_en);

/* Normalises rec in place (NFC, trimmed text, compact tax code, canonical
 * numbers) and checks every field: required, type, ranges, choice keys,
 * commune in the district, VSIC code known, dates real and not in the
 * future, amounts not negative, references to live records, tax code not
 * used by another facility, one consumption row per facility and year.
 * Appends every problem to out; returns SX_OK when there is none,
 * SX_INVALID when there is one, SX_DB / SX_NOMEM on failure. */
enum sx_err record_validate(struct sx_db *db, struct sx_record *rec,
			    struct sx_problems *out, struct sx_error *err);

/* ---- storage ----------------------------------------------------------- */

/* Validates, then inserts (rec->uuid empty: a new uuid is written into
 * rec) or updates, stamping updated_at, and appends the change-log entry —
 * all in one transaction.  SX_INVALID leaves the database unchanged and
 * fills problems. */
enum sx_err record_save(struct sx_db *db, struct sx_record *rec,
			struct sx_problems *problems, struct sx_error *err);

/* Reads one record (tombstones included). *out set on SX_OK; SX_NOTFOUND
 * when there is no such uuid. */
enum sx_err record_load(struct sx_db *db, enum sx_kind kind,
			const char *uuid, struct sx_record **out,
			struct sx_error *err);

/* Marks a record deleted (tombstone) and logs the change.  Refuses with
 * SX_INVALID a record that live records still refer to (problems says
 * which). */
enum sx_err record_delete(struct sx_db *db, enum sx_kind kind,
			  const char *uuid, struct sx_problems *problems,
			  struct sx_error *err);
/* Undoes record_delete: the record and the event links its delete took
 * with it (written with the same time) are live again, each change
 * logged for sync.  A live record is left as it is. */
enum sx_err record_undelete(struct sx_db *db, enum sx_kind kind,
			    const char *uuid, struct sx_error *err);

/* ---- listing: keyset paging ------------------------------------------ */

enum sx_sort { SXS_NAME = 0, SXS_DATE, SXS_TAXCODE, SXS_UPDATED };

/* Work lists behind the plan's targets (indicators.h): the records a
 * target still waits for, whatever the period. */
enum sx_gap {
	SX_GAP_NONE = 0,
	SX_GAP_T1,   /* facilities: CP potential, active, in no event */
	SX_GAP_T2,   /* facilities: active, no completed rapid assessment */
	SX_GAP_T3,   /* facilities: active, no completed detailed one */
	SX_GAP_T4    /* people: active, not trained (no date, no completed
		      * training event) */
};

struct sx_list_query {
	enum sx_kind kind;
	const char *text;       /* search words (prefix match) or NULL */
	const char *commune;    /* filter, or NULL */
	const char *vsic;       /* filter: code prefix ("107": 1071…) */
	const char *status;     /* filter on a "status" field, or NULL */
	const char *parent;     /* uuid in the first SXF_REF field */
	enum sx_gap gap;        /* a work list; ignored on other kinds */
	enum sx_sort sort;
	int descending;
	int include_deleted;
	int limit;              /* page size; 0 → 20 */
	/* Keyset cursor: NULL for the first page, else the after_key of the
	 * previous page. */
	const char *after;
};

struct sx_page {
	struct sx_record **rows;  /* owned */
	int count;
	char *next_after;         /* next page's cursor; NULL at the end */
};

enum sx_err record_list(struct sx_db *db, const struct sx_list_query *q,
			struct sx_page *out, struct sx_error *err);
void page_release(struct sx_page *page);

/* Number of records matching q (ignores limit/after).  Costs a scan of
 * the matches: keep it off the per-keystroke path on large sets. */
enum sx_err record_count(struct sx_db *db, const struct sx_list_query *q,
			 long long *out, struct sx_error *err);

/* Live records of each kind, for `sxsh status`. counts has SXK_COUNT. */
enum sx_err record_count_all(struct sx_db *db, long long counts[SXK_COUNT],
			     struct sx_error *err);

#endif

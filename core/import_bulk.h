/* import_bulk.h — a large import's index work set aside and done once at
 * the end (core only; see import_bulk.c for the measurements). */
#ifndef SXSH_IMPORT_BULK_H
#define SXSH_IMPORT_BULK_H

#include "db_internal.h"
#include "record_internal.h"

/* Imports smaller than this keep every index live: setting them aside
 * and rebuilding costs more than it saves. */
#define IMPORT_BULK_ROWS 2000

#define IMPORT_BULK_MAX 16

struct import_bulk {
	int ntriggers, nindexes;
	char *trigger_sql[IMPORT_BULK_MAX];
	char *index_sql[IMPORT_BULK_MAX];
	int fts;                 /* the kind's search index to rebuild */
};

/* Inside the caller's open transaction, before writing rows rows of
 * def's kind: drops the search index's triggers and the table's plain
 * (non-unique) indexes, keeping their SQL in b.  Unique indexes stay:
 * they enforce rules the import relies on.  Plain indexes stay too when
 * the table already holds much more than the import adds, as rebuilding
 * them would then cost more than keeping them.  Does nothing for fewer
 * than IMPORT_BULK_ROWS rows. */
enum sx_err import_bulk_begin(struct sx_db *db, const struct sx_kind_def *def,
			      long rows, struct import_bulk *b,
			      struct sx_error *err);

/* In the same transaction, after the rows: recreates the indexes,
 * rebuilds the search index and puts its triggers back. */
enum sx_err import_bulk_end(struct sx_db *db, const struct sx_kind_def *def,
			    struct import_bulk *b, struct sx_error *err);

/* Frees b's SQL.  A rollback of the transaction brings the schema back by
 * itself, so this is all a failed import needs. */
void import_bulk_release(struct import_bulk *b);

#endif

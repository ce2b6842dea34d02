/* indicators_internal.h — SQL pieces the indicators and the report check
 * share, so that "active" means the same in both.  Only core includes it.
 */
#ifndef SXSH_INDICATORS_INTERNAL_H
#define SXSH_INDICATORS_INTERNAL_H

/* A facility f is active at the period end ?1: active (or no status), or
 * closed/suspended only after the end. */
#define ACTIVE_AT_END \
	" (f.status = 'active' OR f.status IS NULL OR" \
	" (f.status IN ('closed','suspended') AND f.closed_on > ?1))"

#include <sqlite3.h>
#include "sxsh/err.h"
#include "sxsh/period.h"

struct sx_db;

/* The cached statement for sql with the period parameters it uses bound:
 * ?1 end, ?2 start, ?3 plan_start (NULL binds NULL), ?4 the consumption
 * year.  NULL on error (err filled). */
sqlite3_stmt *indicators_stmt(struct sx_db *db, const char *sql,
			      const struct sx_period *p,
			      const char *plan_start, struct sx_error *err);

#endif

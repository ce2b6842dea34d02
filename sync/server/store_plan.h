/* store_plan.h — the province's plans in the server's store
 * (store_plan.c): every import of a plan file is kept as a version; the
 * latest version of each plan is the one in force.  The plan of Decision
 * 3182 (core's plan_shipped_json) is version 1 of the first plan of every
 * store.  Like every store_* call, these run between store_begin and its
 * end.
 *
 * The rule for a change: a new version of a plan that would alter what a
 * report reads (days, targets, shares) for a period of which the province
 * has already accepted a report is refused (SX_CONFLICT, naming the
 * period); the province makes a new plan for the days after it instead.
 * A period belongs to the plan whose days contain the period's last day
 * (calendar halves and years, as the server's deadlines).
 */
#ifndef SXSH_SERVER_STORE_PLAN_H
#define SXSH_SERVER_STORE_PLAN_H

#include <stddef.h>
#include "sxsh/err.h"
#include "sxsh/plan.h"
#include "store.h"

/* Checks a plan file's text as an import would, and stores nothing:
 * plan_parse's checks, then every district of district_shares is known
 * (a district of the store or of the shipped unit list), its days
 * overlap no other plan's, and as a change it respects the rule above.
 * On SX_OK *out holds the plan (release with plan_release) and
 * *unchanged is 1 when it equals the plan's current version.  Errors:
 * SX_INVALID (err->field names the key), SX_CONFLICT (accepted period),
 * SX_DB. */
enum sx_err store_plan_check(struct srv_store *st, const char *text,
			     size_t len, struct plan *out, int *unchanged,
			     struct sx_error *err);

/* Checks and stores the plan as its next version (1 for a new code),
 * bumping the reference version so that districts fetch it.  An
 * unchanged plan stores nothing.  *version gets the plan's current
 * version; *unchanged (may be NULL) says whether nothing was stored. */
enum sx_err store_plan_import(struct srv_store *st, const char *text,
			      size_t len, long long *version, int *unchanged,
			      struct sx_error *err);

/* The current version of every plan, in order of their first day.  The
 * plan is borrowed for the call. */
enum sx_err store_plan_each(struct srv_store *st,
			    enum sx_err (*fn)(const struct plan *, void *),
			    void *arg, struct sx_error *err);

/* A version of the plan code (0: the current one) into *out (release
 * with plan_release); *imported_at (may be NULL, 21 bytes) gets when it
 * was stored.  SX_NOTFOUND. */
enum sx_err store_plan_get(struct srv_store *st, const char *code,
			   long long version, struct plan *out,
			   char *imported_at, struct sx_error *err);

/* Every version of the plan code, oldest first. */
enum sx_err store_plan_versions(struct srv_store *st, const char *code,
				void (*fn)(long long version,
					   const char *imported_at, void *),
				void *arg, struct sx_error *err);

/* The current plan whose days contain day, into *out (release with
 * plan_release).  SX_NOTFOUND when no plan covers it. */
enum sx_err store_plan_for_day(struct srv_store *st, const char *day,
			       struct plan *out, struct sx_error *err);

/* Stores the shipped plan as version 1 when the store has no plan yet
 * (a new store, or one made before plans were data).  store_open calls
 * it. */
enum sx_err store_plan_seed(struct srv_store *st, struct sx_error *err);

#endif

/* report.h — the periodic report: draft, finalised revisions, renderings.
 *
 * A draft is recomputed from the live records each time it is built.
 * Finalising freezes the draft as a revision: its canonical JSON and the
 * SHA-256 of those bytes, stored in report_revision, which triggers keep
 * from ever changing (only the status columns move).  A new revision of
 * the same period names the one it replaces.  Status of a revision:
 * finalised → queued (report_submit) → sent → accepted | returned (set by
 * sync through report_set_status, with the province's reason).
 *
 * Canonical JSON ("schema": "sxsh.report/1"): UTF-8 NFC, compact, keys in
 * a fixed order, counts and VND as integers, every decimal as a string
 * with fixed precision ("1234.500"), rates as "0.8571" or null.  It holds
 * no clock time and no record uuid, so the same records always give the
 * same bytes and the same hash, in any database.  (Decimal sums are
 * rounded to their fixed places; only a sum that lands within 1e-12 of a
 * rounding boundary could print differently if the rows were entered in
 * another order.)  The finalisation time
 * lives beside the JSON (report_revision.finalised_at) and is shown on the
 * rendered document, not hashed.  Top-level keys, in order:
 *   schema, level ("district" | "province"), district {code, name},
 *   period, period_rule, period_start, period_end, deadline,
 *   plan {code, title, start, end}, revision, replaces (number | null),
 *   factors {toe per carrier, grid factor and its year},
 *   indicators {T1, T2, T3, T4, facilities, events, solutions,
 *               consumption},
 *   narrative {results, difficulties, proposals},
 *   annexes {assessments [...], events [...]},
 *   districts [...]  (province level only: one entry per district)
 */
#ifndef SXSH_REPORT_H
#define SXSH_REPORT_H

#include <stddef.h>
#include "sxsh/err.h"
#include "sxsh/indicators.h"

struct sx_db;

#define SX_REPORT_SCHEMA "sxsh.report/1"

enum sx_report_format {
	SX_REPORT_JSON = 0, SX_REPORT_TEXT, SX_REPORT_CSV, SX_REPORT_HTML,
	SX_REPORT_PDF,  /* A4, cairo and pango loaded on first use */
	SX_REPORT_TEXT_WHOLE  /* text that cuts nothing, money in đồng;
			       * lines may pass 80 columns (for a viewer
			       * that scrolls sideways; not a CLI format) */
};

/* "json", "text", "csv", "html", "pdf" → format; SX_INVALID otherwise. */
enum sx_err report_format_parse(const char *name, enum sx_report_format *out,
				struct sx_error *err);

struct sx_report_rev {
	long long id;
	char period[8];
	int revision;            /* 1, 2, … within the period */
	int replaces;            /* revision number replaced, 0 = none */
	char status[12];         /* finalised queued sent accepted returned */
	char status_reason[1024]; /* the province's reason when returned */
	char receipt[128];       /* the server's receipt, "" until sent */
	char sha256[65];         /* lowercase hex of the JSON bytes */
	char finalised_at[21];   /* UTC "2017-06-20T08:00:00Z" */
	char queued_at[21], sent_at[21], status_at[21];
	size_t json_size;
};

/* Builds the draft of period (e.g. "2017S1", cut-off rule from the
 * settings) as canonical JSON: the next revision number, replacing the
 * latest revision if any.  *json is malloc'd (caller frees), *len its
 * length (may be NULL). */
enum sx_err report_build(struct sx_db *db, const char *period, char **json,
			 size_t *len, struct sx_error *err);

/* Builds the draft and stores it as a new finalised revision (one
 * transaction); *out (may be NULL) describes it.  Refuses with
 * SX_INVALID a period whose latest revision the province accepted, and
 * one with a blocking finding of report_check (a period not yet ended:
 * the message names the first day it can be finalised).  Warnings do not
 * stop it: callers show them first (report_check.h). */
enum sx_err report_finalise(struct sx_db *db, const char *period,
			    struct sx_report_rev *out, struct sx_error *err);

/* Marks the latest revision of period 'queued' for sync.  SX_NOTFOUND
 * when nothing was finalised; SX_INVALID when the latest is already
 * queued, sent or accepted. */
enum sx_err report_submit(struct sx_db *db, const char *period,
			  struct sx_report_rev *out, struct sx_error *err);

/* Revisions of period (NULL: all periods), optionally only those with
 * status (NULL: any), by period then revision.  *out is malloc'd (free()),
 * *n entries. */
enum sx_err report_list(struct sx_db *db, const char *period,
			const char *status, struct sx_report_rev **out,
			int *n, struct sx_error *err);

/* The province's answers in view (report_answer.c): for each period
 * whose latest revision is accepted or returned, that revision, newest
 * period first.  *out malloc'd (free()), NULL when *n is 0. */
enum sx_err report_answer_list(struct sx_db *db, struct sx_report_rev **out,
			       int *n, struct sx_error *err);

/* One revision (revision 0: the latest) and, if json is not NULL, its
 * stored JSON (malloc'd).  SX_NOTFOUND when there is none. */
enum sx_err report_get(struct sx_db *db, const char *period, int revision,
		       struct sx_report_rev *out, char **json,
		       struct sx_error *err);

/* The same by row id (what sync keeps). */
enum sx_err report_get_id(struct sx_db *db, long long id,
			  struct sx_report_rev *out, char **json,
			  struct sx_error *err);

/* Status change of a finalised revision, for sync: to "queued", "sent",
 * "accepted" or "returned" (reason: the province's text, may be NULL;
 * receipt may be NULL to keep the stored one).  Allowed moves:
 * finalised→queued, queued→sent|accepted|returned|finalised,
 * sent→accepted|returned|queued.  accepted and returned are final (a
 * correction is a new revision).  SX_INVALID for any other move. */
enum sx_err report_set_status(struct sx_db *db, long long id,
			      const char *status, const char *reason,
			      const char *receipt, struct sx_error *err);

/* The word for a revision status ("returned" → "bị trả lại") in lang
 * ("vi" or "en"); an unknown status is returned as it is. */
const char *report_status_label(const char *status, const char *lang);

/* Narrative texts of a period's draft: field is "results",
 * "difficulties" or "proposals"; text is stored as NFC (NULL or "" clears).
 * report_narrative_get returns a malloc'd copy or NULL when unset. */
enum sx_err report_narrative_set(struct sx_db *db, const char *period,
				 const char *field, const char *text,
				 struct sx_error *err);
char *report_narrative_get(struct sx_db *db, const char *period,
			   const char *field);

/* Rendering of a report JSON (district or province level). */
struct sx_render_opts {
	const char *lang;        /* "vi" (default) or "en" labels */
	const char *date;        /* ISO date on the document; NULL = today */
	const char *status;      /* "draft", "finalised", … or NULL */
	const char *sha256;      /* printed in the footer, or NULL */
};

/* Renders json in format into *out (malloc'd, NUL-terminated; *len its
 * length, may be NULL; a PDF is binary, so use *len).  JSON is returned
 * re-serialised canonically.  SX_INVALID when json is not a report, or
 * for a PDF when cairo and pango cannot be loaded (the message names the
 * package). */
enum sx_err report_render(const char *json, enum sx_report_format format,
			  const struct sx_render_opts *opts, char **out,
			  size_t *len, struct sx_error *err);

/* The i-th SQL statement report_build runs to compute a report (the
 * indicators' statements, then the annexes'; NULL past the last), with
 * the parameters of indicators_sql.  For benchmarks. */
const char *report_sql(int i);

/* The snapshot's hash is crypto_sha256_hex (sxsh/crypto.h). */

/* ---- for the provincial server ------------------------------------- */

struct sx_report_head {
	char schema[32];
	char level[12];
	char district_code[8];
	char district_name[128];
	char period[8];
	int revision;
	int replaces;            /* 0 = none */
};

/* Reads a report JSON back: its head and its indicators (ind must be
 * initialised; release it after).  Either output may be NULL.
 * SX_INVALID (with the offending key) when it is not an sxsh.report/1
 * document. */
enum sx_err report_parse_indicators(const char *json, size_t len,
				    struct sx_report_head *head,
				    struct sx_indicators *ind,
				    struct sx_error *err);

/* The province's consolidated report: report_province.h. */

#endif

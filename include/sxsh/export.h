/* export.h — records out to a spreadsheet (CSV) or JSON.
 *
 * CSV: UTF-8 (with a BOM when excel is set, so that Excel reads it as
 * UTF-8), comma-separated, CRLF, an "id" column and then every field of
 * the kind, headed by its label in the chosen language (with its unit).
 * Values as people read them and as import reads them back: dates
 * dd/mm/yyyy (vi) or yyyy-mm-dd (en), decimals with a decimal comma (vi)
 * or point (en; a point followed by exactly three digits gets a fourth,
 * "1.2340", because "1.234" reads as one thousand two hundred and
 * thirty-four), choices by their label, yes/no as 1/0, a facility
 * referred to by its tax code (its id when it has none), other
 * references by id.  A cell a spreadsheet would run as a formula ("=…",
 * "+…", "-…" that is not a number, "@…") starts with an apostrophe, which
 * the import takes off again (sxsh/csvwrite.h).  Export then import into
 * an empty database gives the same records.
 *
 * JSON: an array of objects keyed by field name with canonical values
 * (record.h), plus "id" and "updated_at".
 */
#ifndef SXSH_EXPORT_H
#define SXSH_EXPORT_H

#include <stdio.h>
#include "sxsh/err.h"
#include "sxsh/record.h"

struct sx_db;

enum export_format { EXPORT_CSV = 0, EXPORT_JSON };

struct export_opts {
	enum sx_kind kind;
	enum export_format format;
	int excel;             /* CSV: start with a UTF-8 BOM */
	int template_only;     /* CSV: the header row alone */
	const char *lang;      /* "vi" (default) or "en" */
};

/* Writes the live records of opts->kind to out.  *count (may be NULL)
 * gets the number written.  SX_DB / SX_NOMEM; SX_INVALID when writing to
 * out fails. */
enum sx_err export_write(struct sx_db *db, const struct export_opts *opts,
			 FILE *out, long *count, struct sx_error *err);

/* The heading of field f in lang: "Điện (kWh)". */
void export_heading(const struct sx_field *f, const char *lang, char *out,
		    size_t outsz);

#endif

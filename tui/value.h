/* value.h — record values between their canonical form (record.h) and
 * what the officer reads and types: 1.234,5 for decimals, 31/12/2017 for
 * dates, labels for choices, names for communes and referenced records. */
#ifndef SXSH_TUI_VALUE_H
#define SXSH_TUI_VALUE_H

#include <stddef.h>
#include "i18n.h"
#include "sxsh/record.h"

struct sx_db;

/* Display text of canonical value v (NULL: "") into out. */
void value_show(struct sx_db *db, const struct sx_field *f, const char *v,
		char *out, size_t outsz);
/* Editable text of canonical v for a text-entry field (decimals and dates
 * in the Vietnamese format, numbers without grouping). */
void value_edit_text(const struct sx_field *f, const char *v, char *out,
		     size_t outsz);
/* Typed text → canonical.  *canon is malloc'd, or NULL for empty.
 * Returns 0, or -1 with *problem set (and *canon NULL). */
int value_parse(const struct sx_field *f, const char *typed, char **canon,
		enum i18n_msg *problem);
/* A UTC time "2017-06-20T08:00:00Z" as local "20/06/2017 15:00" into
 * out; anything else is copied as it is. */
void value_show_time(const char *iso_utc, char *out, size_t outsz);
/* Title of a record (its title field), for lists and pickers. */
void value_record_title(struct sx_db *db, const struct sx_record *rec,
			char *out, size_t outsz);
/* Title of the record uuid of kind, or "" if gone. */
void value_ref_title(struct sx_db *db, enum sx_kind kind, const char *uuid,
		     char *out, size_t outsz);

#endif

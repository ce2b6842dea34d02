/* record_value.h — the value codec: one field value judged by its type and
 * brought to the canonical form of record.h.
 *
 * Core's validation (record_validate), the sync client (sync/protocol.c)
 * and the server (through sync/protocol.c) all judge values here, so the
 * district and the province cannot disagree about a value.  Pure: no
 * database and no clock.  What needs either stays with the caller: a
 * commune in the district, a VSIC code that exists, a referenced record
 * that exists (core), and "not in the future" (core passes today; the
 * protocol does not, so that a clock set wrong on either side loses no
 * record).
 *
 * Every limit of a value is defined here, once.
 */
#ifndef SXSH_RECORD_VALUE_H
#define SXSH_RECORD_VALUE_H

#include <stddef.h>
#include "sxsh/record.h"

/* Characters (text_chars) of a text field whose max_len is 0; a field
 * with a larger max_len is a long text that keeps its line breaks. */
#define RECORD_VALUE_TEXT_MAX 500
/* Digits after the point of a DECIMAL; more are rounded (half up). */
#define RECORD_VALUE_DECIMAL_PLACES 6
/* Digits before the point of every number: values stay below 10^15,
 * exact in a double, and no amount of the domain comes near. */
#define RECORD_VALUE_WHOLE_DIGITS 15
/* Dates and years: the plan's data start after 1990; the upper bound
 * without a clock is only a sanity bound. */
#define RECORD_VALUE_FIRST_DATE "1990-01-01"
#define RECORD_VALUE_LAST_DATE "2100-12-31"
/* A phone number has this many digits, among " +-.()". */
#define RECORD_VALUE_PHONE_MIN 8
#define RECORD_VALUE_PHONE_MAX 15

/* How the value is written. */
enum sx_value_form {
	/* The canonical form only, as record.h stores it and the protocol
	 * carries it: "1234.5", "2017-06-20", "1", a choice key.  Text is
	 * cleaned as in every form. */
	SXV_CANONICAL,
	/* As a person writes it: Vietnamese numbers ("1.234,5"; "1.234" is
	 * 1234), dates "31/12/2017", yes/no words, choice labels in either
	 * language, a tax code with separators. */
	SXV_TYPED,
	/* What a struct sx_record may hold before validation: a value in
	 * the canonical form is read as canonical ("1.234" in a DECIMAL is
	 * 1.234, as a form stored it), anything else as typed. */
	SXV_RECORD
};

/* Verdicts: a value has exactly one.  Numbers are checked in this
 * order: a number at all, negative, too large, whole, year range. */
enum sx_value_verdict {
	SXV_OK = 0,
	SXV_NOMEM,
	SXV_UNKNOWN_TYPE,   /* a field type this program does not know */
	SXV_BAD_UTF8,
	SXV_CONTROL,        /* control characters other than tab, newline */
	SXV_TOO_LONG,
	SXV_BAD_PHONE,
	SXV_NOT_NUMBER,
	SXV_NEGATIVE,       /* no amount, count or saving is negative */
	SXV_TOO_LARGE,
	SXV_NOT_WHOLE,
	SXV_BAD_YEAR,
	SXV_BAD_DATE,
	SXV_TOO_OLD,
	SXV_FUTURE,
	SXV_BAD_BOOL,
	SXV_BAD_CHOICE,
	SXV_BAD_REF,
	SXV_BAD_COMMUNE,
	SXV_BAD_VSIC,
	SXV_TAX_FORMAT,
	SXV_TAX_CHECK,
	SXV_TAX_SEQUENCE,
	SXV_TAX_BRANCH
};

/* Judges value (not NULL) of field f written in form.  today is
 * "YYYY-MM-DD" to refuse dates and years after it, or NULL.  On SXV_OK
 * *canon is the canonical form, malloc'd (the caller frees), or NULL when
 * the value is empty once cleaned (a text of spaces).  On any other
 * verdict *canon is NULL. */
enum sx_value_verdict record_value_check(const struct sx_field *f,
					 const char *value,
					 enum sx_value_form form,
					 const char *today, char **canon);

/* Why a value of f got verdict v, without the field's name: Vietnamese
 * (english = 0) or English, e.g. "quá dài (tối đa 500 ký tự)" /
 * "is too long (at most 500 characters)".  Writes "" for SXV_OK. */
void record_value_reason(const struct sx_field *f, enum sx_value_verdict v,
			 int english, char *buf, size_t sz);

/* The yes/no words a SXF_BOOL accepts when typed ("có", "x", "no", …):
 * "1", "0", or NULL. */
const char *record_value_bool(const char *typed);

/* The key of the choice of f named by typed (its key, or its label in
 * either language, case and accents ignored), or NULL. */
const char *record_value_choice(const struct sx_field *f, const char *typed);

#endif

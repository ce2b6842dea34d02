/* text.h — Vietnamese text: NFC, search folding, sort keys, formatting.
 *
 * All strings are UTF-8.  Functions that return char * allocate; the caller
 * frees with free().  They return NULL on invalid UTF-8 or out of memory.
 */
#ifndef SXSH_TEXT_H
#define SXSH_TEXT_H

#include <stddef.h>

/* 1 when s (len bytes) is valid UTF-8 without NUL bytes. */
int text_is_valid_utf8(const char *s, size_t len);

/* s normalised to NFC, with surrounding whitespace trimmed and runs of
 * inner whitespace collapsed to one space. */
char *text_clean(const char *s);

/* s normalised to NFC, otherwise unchanged (for multi-line texts). */
char *text_nfc(const char *s);

/* Search form: NFC, case folded, diacritics stripped, đ/Đ → d, every run
 * of non-alphanumerics turned into one space, trimmed.
 * "Đường Mường Thanh" → "duong muong thanh". */
char *text_fold(const char *s);

/* A byte string whose memcmp/strcmp order is Vietnamese alphabetical order:
 * a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, then tone
 * (none, grave, hook, tilde, acute, dot) then case (lower first).  The key
 * is printable ASCII so that it can live in an ordinary TEXT column and be
 * compared with SQLite's BINARY collation. */
char *text_sort_key(const char *s);

/* Vietnamese number format into out: thousands '.', decimal ','.
 * text_format_int(1234567) → "1.234.567";
 * text_format_decimal(1234.5, 1) → "1.234,5". */
void text_format_int(long long v, char *out, size_t outsz);
void text_format_decimal(double v, int decimals, char *out, size_t outsz);

/* ISO date "2017-12-31" → "31/12/2017" into out (out must hold 11 bytes).
 * Returns 0 on success, -1 if iso is not a date. */
int text_format_date(const char *iso, char *out, size_t outsz);

/* Parses a decimal typed as "1.234,5", "1234,5", "1234.5" or "1 234,5".
 * Returns 0 and sets *v on success, -1 if it is not a number. */
int text_parse_decimal(const char *s, double *v);

/* Parses "31/12/2017", "31-12-2017" or "2017-12-31" into iso[11]
 * ("2017-12-31").  Returns 0 if it is a real calendar date, else -1. */
int text_parse_date(const char *s, char iso[11]);

/* Display columns of a UTF-8 string (wide characters count 2, combining
 * marks 0).  For layouts of plain-text reports; the terminal UI uses
 * wcwidth on its own. */
int text_width(const char *s);

#endif

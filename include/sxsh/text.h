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

/* Replaces in place every byte of s that starts no valid UTF-8 sequence
 * with '?', so that a message quoting bytes a client sent (or cut in the
 * middle of a character) can still be sent as JSON. */
void text_scrub_utf8(char *s);

/* s normalised to NFC, with surrounding whitespace trimmed and runs of
 * inner whitespace (ASCII, NBSP and other Unicode spaces, line breaks)
 * collapsed to one space. */
char *text_clean(const char *s);

/* s normalised to NFC, otherwise unchanged (for multi-line texts). */
char *text_nfc(const char *s);

/* Search form: NFC, case folded, diacritics stripped, đ/Đ → d, every run
 * of non-alphanumerics turned into one space, trimmed.
 * "Đường Mường Thanh" → "duong muong thanh". */
char *text_fold(const char *s);

/* A byte string whose memcmp/strcmp order is Vietnamese alphabetical order:
 * digits, then a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư
 * v (w) x y (z), letter by letter over the whole string; then tone (none,
 * grave, hook, tilde, acute, dot); then case (lower first).  A run of
 * non-alphanumerics is one word gap, sorting before any letter ("An Bình"
 * < "Anh"); other scripts sort after z.  Strings that differ only in
 * punctuation get equal keys.  The key is printable ASCII so that it can
 * live in an ordinary TEXT column and be compared with SQLite's BINARY
 * collation.  Caller frees; NULL on invalid UTF-8 or out of memory. */
char *text_sort_key(const char *s);

/* Vietnamese number format into out: thousands '.', decimal ','.
 * text_format_int(1234567) → "1.234.567", (-1234) → "-1.234";
 * text_format_decimal(1234.5, 1) → "1.234,5" (always `decimals` digits,
 * 0..20, rounded; NaN and infinities give "").  When the text does not fit
 * in outsz bytes, out is "" rather than a truncated, wrong number. */
void text_format_int(long long v, char *out, size_t outsz);
void text_format_decimal(double v, int decimals, char *out, size_t outsz);

/* ISO date "2017-12-31" → "31/12/2017" into out (out must hold 11 bytes).
 * Returns 0 on success, -1 if iso is not a date. */
int text_format_date(const char *iso, char *out, size_t outsz);

/* Parses a decimal typed as "1.234,5", "1234,5", "1234.5" or "1 234,5"
 * (optional sign, surrounding blanks ignored).  ',' is always the decimal
 * mark, so "1,2,3" is refused.  Groups are 3 digits after a first group
 * of 1-3, separated by '.', a space or a no-break space.  A single '.'
 * that could be grouping is grouping: "1.234" is 1234 (Vietnamese), while
 * "1.5", "0.125" and "1234.567" are decimals.  Returns 0 and sets *v on
 * success, -1 if it is not a number (or out of double's range). */
int text_parse_decimal(const char *s, double *v);

/* The same number, without rounding, as plain "-1234.5" (no grouping, '.'
 * for the decimal mark; a fraction only when one was written) into out.
 * Returns 0, or -1 if s is not a number or out is too small. */
int text_decimal_plain(const char *s, char *out, size_t outsz);

/* Parses "31/12/2017", "31-12-2017", "31.12.2017" (day and month may
 * have one digit) or "2017-12-31" into iso[11] ("2017-12-31").  Returns 0
 * if it is a real calendar date with a year 1000-9999, else -1. */
int text_parse_date(const char *s, char iso[11]);

/* Display columns of a UTF-8 string (wide characters count 2, combining
 * marks 0), or -1 if s is not valid UTF-8.  For layouts of plain-text
 * reports; the terminal UI uses wcwidth on its own. */
int text_width(const char *s);

/* Characters (code points) of UTF-8 s: what every length limit counts
 * (record.h's max_len), so that a Vietnamese name has the same limit as
 * a plain one. */
size_t text_chars(const char *s);

#endif

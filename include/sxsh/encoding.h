/* encoding.h — Vietnamese text in the encodings that spreadsheets of the
 * districts come in, detected and converted to UTF-8 NFC.
 *
 * The legacy encodings:
 *   CP1258   Windows-1258: base letters plus combining tone bytes.
 *   TCVN3    TCVN 5712:1993 (".VnTime" fonts): one byte per toned letter.
 *   VNI      VNI-Windows: CP1252 bytes where the mark and tone of a vowel
 *            are bytes that follow it ("Ñöùc" is "Đức").
 * and the two "wrapped" forms Excel produces when it opened a TCVN3 or
 * VNI file as CP1252 and saved it as UTF-8: the UTF-8 text holds the
 * legacy bytes as CP1252 characters.  Unwrapping maps each character back
 * to its CP1252 byte, then decodes the bytes.
 *
 * Detection looks at the whole text: every candidate that decodes is
 * scored by how many of its words are well-formed Vietnamese syllables
 * (onset, vowel cluster, final consonant, at most one tone, the tone
 * allowed before that final) against malformed words and characters
 * no Vietnamese text holds.  Ties go to the first in enum order.  Files
 * over 4 MB are scored on 64 windows of whole lines spread evenly over
 * the file (the check for damaged UTF-8 always reads every byte).
 */
#ifndef SXSH_ENCODING_H
#define SXSH_ENCODING_H

#include <stddef.h>
#include "sxsh/err.h"

enum sx_encoding {
	SXE_UTF8 = 0,        /* NFC or NFD, BOM allowed */
	SXE_CP1258,
	SXE_TCVN3,
	SXE_VNI,
	SXE_TCVN3_IN_UTF8,   /* TCVN3 bytes read as CP1252, saved as UTF-8 */
	SXE_VNI_IN_UTF8,     /* VNI bytes read as CP1252, saved as UTF-8 */
	SXE_UTF16,           /* UTF-16 with a byte-order mark (Excel "Unicode
			      * text"); chosen by its BOM only */
	SXE_COUNT
};

/* Short name as --encoding takes it: "utf-8", "cp1258", "tcvn3", "vni",
 * "tcvn3-in-utf-8", "vni-in-utf-8", "utf-16".  Static string. */
const char *encoding_name(enum sx_encoding enc);

/* A description for the preview, e.g. "VNI-Windows (mã VNI)". */
const char *encoding_label(enum sx_encoding enc, const char *lang);

/* Parses a name as the user types it (case-insensitive; "utf8",
 * "windows-1258", "tcvn", "vn3", "vni-windows" … are accepted).
 * Returns 0 and sets *out, or -1 when unknown ("auto" is unknown here:
 * the caller handles it). */
int encoding_parse_name(const char *name, enum sx_encoding *out);

/* Converts len bytes of in (in encoding enc) to UTF-8 NFC.  A leading
 * UTF-8 BOM is dropped.  *out is malloc'd, NUL-terminated, freed by the
 * caller; *out_len (may be NULL) gets its length.  SX_INVALID with the
 * line number in the message when the bytes are not valid in enc or the
 * text holds a NUL byte; SX_NOMEM. */
enum sx_err encoding_to_utf8(const char *in, size_t len,
			     enum sx_encoding enc, char **out,
			     size_t *out_len, struct sx_error *err);

/* The reverse, for tests and tools: UTF-8 text to enc.  Characters that
 * enc cannot hold give SX_INVALID.  *out malloc'd (NUL-terminated),
 * freed by the caller. */
enum sx_err encoding_from_utf8(const char *utf8, enum sx_encoding enc,
			       char **out, size_t *out_len,
			       struct sx_error *err);

struct encoding_guess {
	enum sx_encoding encoding;    /* the choice */
	int decodes[SXE_COUNT];       /* 1 if the candidate decoded */
	long score[SXE_COUNT];        /* higher is more Vietnamese */
	long good_words[SXE_COUNT];   /* well-formed syllables with marks */
	long bad_words[SXE_COUNT];    /* malformed words with marks */
};

/* Guesses the encoding of the whole of in.  Pure ASCII is UTF-8.  Text
 * that is mostly valid UTF-8 with some invalid sequences is refused with
 * SX_INVALID naming the first bad line, rather than read as a legacy
 * encoding.  guess may be NULL; *out gets the choice. */
enum sx_err encoding_detect(const char *in, size_t len,
			    enum sx_encoding *out,
			    struct encoding_guess *guess,
			    struct sx_error *err);

/* Scores UTF-8 text (exposed for tests): fills the counts of words that
 * carry marks and are / are not well-formed Vietnamese syllables and of
 * characters Vietnamese text never holds; returns the score. */
long encoding_score_utf8(const char *text, size_t len, long *good,
			 long *bad, long *odd_chars);

/* 1 when the word (UTF-8, any normalisation and case) is a well-formed
 * Vietnamese syllable. */
int encoding_is_vi_syllable(const char *word, size_t len);

#endif

/* text_internal.h — what text.c and text_latin.c share (core only). */
#ifndef SXSH_TEXT_INTERNAL_H
#define SXSH_TEXT_INTERNAL_H

#include <stddef.h>

/* Search folding of valid UTF-8 s (len bytes) by utf8proc alone, before
 * runs of non-alphanumerics are collapsed: the reference text_latin.c's
 * table is built from.  malloc'd; NULL when out of memory. */
char *text_fold_map(const char *s, size_t len);

/* 1 when the code point is a letter or digit (the characters search
 * folding keeps). */
int text_is_alnum(int cp);

/* 1 when every code point of valid UTF-8 s is in the Latin fast set
 * (below U+0300, or Latin Extended Additional U+1E00–U+1EFF), which is
 * all that Vietnamese typed in NFC uses.  Such a string is already in
 * NFC: none of those code points decomposes to something else under
 * composition, has a non-zero combining class, or composes with the
 * character before it. */
int text_latin_only(const char *s, size_t len);

/* text_fold of valid UTF-8 s (len bytes) when every code point is in
 * the Latin fast set and folds character by character; sets *done to 0
 * and returns NULL when it cannot (the caller then takes utf8proc's
 * path).  With *done 1, NULL means out of memory. */
char *text_latin_fold(const char *s, size_t len, int *done);

/* NFC of valid UTF-8 s (len bytes) for a whole file's text: the Latin
 * set is copied as it is, and a Latin letter followed by combining marks
 * (what CP1258 and VNI decode to) is composed through a cache of
 * utf8proc's answers, as a file repeats the same few hundred letters.
 * Anything else goes through utf8proc a piece at a time.  malloc'd,
 * *out_len bytes plus a NUL; NULL when out of memory or utf8proc fails. */
char *text_nfc_bulk(const char *s, size_t len, size_t *out_len);

#endif

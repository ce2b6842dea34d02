/* text_sort.c — sort keys in Vietnamese alphabetical order.
 *
 * The key has three levels, each a run of printable ASCII codes, joined by
 * LEVEL_SEP, which is lower than every code:
 *   1. letters:  one code per letter, digit or word gap, so that
 *      "a" < "ă" < "â" < "b" … "d" < "đ" … "u" < "ư" < "v";
 *   2. tones:    one code per unit of level 1 (none, huyền, hỏi, ngã, sắc,
 *      nặng);
 *   3. case:     one code per unit of level 1 (lower before upper).
 * Two keys compare on level 2 only when their level 1 runs are equal, and
 * then the level 2 runs have the same length; likewise for level 3.  So
 * letters decide first over the whole string, then tones, then case, as
 * in Vietnamese dictionaries' letter-by-letter order (digraphs such as ch,
 * ng, th are letter sequences, as in ICU's Vietnamese collation).
 *
 * The input is taken apart with NFKD: each base character and the marks
 * that follow it form one unit; the breve, circumflex and horn make ă â ê
 * ô ơ ư, the five tone marks make level 2, any other mark is ignored.
 * Runs of anything that is neither letter nor digit are one word gap,
 * which sorts before every letter ("An Bình" < "Anh"); gaps at the ends
 * are dropped.  Letters outside the Vietnamese alphabet sort after z, by
 * code point.  Keys may tie for strings that differ only in punctuation or
 * in marks Vietnamese does not use; callers add their own tie-break.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "sxsh/text.h"

#define LEVEL_SEP '!'
#define CODE_GAP '#'
#define CODE_DIGIT0 '0'	/* '0'..'9' */
#define CODE_LETTER0 'A'	/* 'A'.. for the alphabet below */
#define CODE_OTHER '~'	/* then 4 base-64 digits of the code point */
#define OTHER_DIGIT0 '0'	/* '0'..'o' */
#define MAX_UNIT_CODES 5	/* CODE_OTHER and its digits */

/* The Vietnamese alphabet with f j w z in their Latin places, as NFC code
 * points of the lower-case letter. */
static const utf8proc_int32_t alphabet[] = {
	'a', 0x0103, 0x00e2, 'b', 'c', 'd', 0x0111, 'e', 0x00ea, 'f', 'g',
	'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 0x00f4, 0x01a1, 'p', 'q', 'r',
	's', 't', 'u', 0x01b0, 'v', 'w', 'x', 'y', 'z'
};

enum tone { TONE_NONE, TONE_GRAVE, TONE_HOOK, TONE_TILDE, TONE_ACUTE,
	    TONE_DOT };

/* One letter, digit or gap of the input. */
struct unit {
	utf8proc_int32_t letter;	/* lower case, with ă â ê ô ơ ư */
	enum tone tone;
	int upper;
};

static int is_mark(utf8proc_int32_t cp)
{
	utf8proc_category_t cat = utf8proc_category(cp);

	return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
	       cat == UTF8PROC_CATEGORY_ME;
}

static int is_alnum(utf8proc_int32_t cp)
{
	utf8proc_category_t cat = utf8proc_category(cp);

	return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
	       (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

static enum tone tone_of(utf8proc_int32_t mark)
{
	switch (mark) {
	case 0x0300: return TONE_GRAVE;
	case 0x0309: return TONE_HOOK;
	case 0x0303: return TONE_TILDE;
	case 0x0301: return TONE_ACUTE;
	case 0x0323: return TONE_DOT;
	default: return TONE_NONE;
	}
}

/* The letter that base (lower case) becomes with a Vietnamese vowel mark;
 * marks that make no Vietnamese letter leave base as it is. */
static utf8proc_int32_t with_vowel_mark(utf8proc_int32_t base,
					utf8proc_int32_t mark)
{
	if (mark == 0x0306 && base == 'a')
		return 0x0103;
	if (mark == 0x0302 && base == 'a')
		return 0x00e2;
	if (mark == 0x0302 && base == 'e')
		return 0x00ea;
	if (mark == 0x0302 && base == 'o')
		return 0x00f4;
	if (mark == 0x031b && base == 'o')
		return 0x01a1;
	if (mark == 0x031b && base == 'u')
		return 0x01b0;
	return base;
}

/* Writes the level 1 codes of u at out; returns how many. */
static size_t put_letter(char *out, const struct unit *u)
{
	utf8proc_int32_t c = u->letter;

	if (c == ' ') {
		out[0] = CODE_GAP;
		return 1;
	}
	if (c >= '0' && c <= '9') {
		out[0] = (char)(CODE_DIGIT0 + (c - '0'));
		return 1;
	}
	for (size_t i = 0; i < sizeof alphabet / sizeof alphabet[0]; i++) {
		if (alphabet[i] == c) {
			out[0] = (char)(CODE_LETTER0 + i);
			return 1;
		}
	}
	out[0] = CODE_OTHER;
	for (int k = 1; k <= 4; k++)
		out[k] = (char)(OTHER_DIGIT0 + ((c >> (6 * (4 - k))) & 0x3f));
	return MAX_UNIT_CODES;
}

/* Splits the NFKD code points cps[0..n) into units; returns their count
 * (at most n). */
static size_t split_units(const utf8proc_int32_t *cps, size_t n,
			  struct unit *units)
{
	size_t count = 0;
	int gap = 0;

	for (size_t i = 0; i < n;) {
		utf8proc_int32_t base = cps[i++];
		utf8proc_int32_t lower;
		struct unit u = { 0, TONE_NONE, 0 };

		if (!is_alnum(base)) {
			/* a mark here has no letter before it */
			if (!is_mark(base))
				gap = count > 0;
			continue;
		}
		lower = utf8proc_tolower(base);
		u.upper = lower != base;
		u.letter = lower;
		for (; i < n && is_mark(cps[i]); i++) {
			enum tone t = tone_of(cps[i]);

			if (t != TONE_NONE && u.tone == TONE_NONE)
				u.tone = t;
			u.letter = with_vowel_mark(u.letter, cps[i]);
		}
		if (gap)
			units[count++] = (struct unit){ ' ', TONE_NONE, 0 };
		gap = 0;
		units[count++] = u;
	}
	return count;
}

/* NFKD of s as code points in *out (malloc'd); returns the count or -1. */
static utf8proc_ssize_t decompose(const char *s, utf8proc_int32_t **out)
{
	const utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
				       UTF8PROC_COMPAT;
	const utf8proc_uint8_t *str = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(s);
	utf8proc_ssize_t n;
	utf8proc_int32_t *buf;

	*out = NULL;
	n = utf8proc_decompose(str, len, NULL, 0, opts);
	if (n < 0)
		return -1;
	buf = malloc(((size_t)n + 1) * sizeof *buf);
	if (!buf)
		return -1;
	if (utf8proc_decompose(str, len, buf, n, opts) != n) {
		free(buf);
		return -1;
	}
	*out = buf;
	return n;
}

char *text_sort_key(const char *s)
{
	utf8proc_int32_t *cps = NULL;
	struct unit *units = NULL;
	char *key = NULL;
	utf8proc_ssize_t n;
	size_t count, pos = 0;

	if (!s || !text_is_valid_utf8(s, strlen(s)))
		return NULL;
	n = decompose(s, &cps);
	if (n < 0)
		goto out;
	/* +1 so that an empty string still gets a real allocation */
	units = malloc(((size_t)n + 1) * sizeof *units);
	if (!units)
		goto out;
	count = split_units(cps, (size_t)n, units);
	key = malloc(count * (MAX_UNIT_CODES + 2) + 3);
	if (!key)
		goto out;
	for (size_t i = 0; i < count; i++)
		pos += put_letter(key + pos, &units[i]);
	key[pos++] = LEVEL_SEP;
	for (size_t i = 0; i < count; i++)
		key[pos++] = (char)('0' + units[i].tone);
	key[pos++] = LEVEL_SEP;
	for (size_t i = 0; i < count; i++)
		key[pos++] = (char)('0' + units[i].upper);
	key[pos] = '\0';
out:
	free(cps);
	free(units);
	return key;
}

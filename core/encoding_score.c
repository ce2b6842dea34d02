/* encoding_score.c — how Vietnamese a decoded text looks.
 *
 * A Vietnamese syllable is onset + vowel cluster + final, with at most one
 * tone on it; the finals c, ch, p, t take only the acute or dot tone.
 * Legacy text decoded with the wrong table breaks these rules almost
 * everywhere ("boät", "M­êng", "Sôn" is the rare exception), so the
 * number of well-formed against malformed words with marks, plus the
 * characters no Vietnamese text holds, tells the encodings apart.  Plain
 * ASCII words look the same in every candidate and are not counted.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "sxsh/encoding.h"

/* Letters coded as one byte: vowels a ă â e ê i o ô ơ u ư y become
 * a A B e E i o O P u U y; đ becomes D; consonants stay. */
static int is_vowel(char c)
{
	return c && strchr("aABeEioOPuUy", c) != NULL;
}

static const char *const onsets[] = {
	"ngh", "ng", "nh", "gh", "gi", "kh", "ph", "th", "tr", "ch", "qu",
	"b", "c", "d", "D", "g", "h", "k", "l", "m", "n", "p", "r", "s",
	"t", "v", "x", NULL
};

static const char *const nuclei[] = {
	"a", "A", "B", "e", "E", "i", "o", "O", "P", "u", "U", "y",
	"ai", "ao", "au", "ay", "Bu", "By", "eo", "Eu", "ia", "iE", "iu",
	"oa", "oA", "oe", "oi", "oo", "Oi", "Pi", "ua", "uB", "uE", "ui",
	"uO", "uP", "uy", "Ua", "Ui", "Uu", "UP", "yE",
	"iEu", "oai", "oao", "oay", "oeo", "uBy", "uOi", "uya", "uyE",
	"uyu", "UPi", "UPu", "yEu", NULL
};

static const char *const finals[] = {
	"", "c", "ch", "m", "n", "ng", "nh", "p", "t", NULL
};

static int in_list(const char *const *list, const char *s, size_t n)
{
	for (int i = 0; list[i]; i++)
		if (strlen(list[i]) == n && !memcmp(list[i], s, n))
			return 1;
	return 0;
}

/* Codes the decomposed, case-folded code points of a word into letters
 * (see is_vowel) and its tone.  Returns the code length, or -1 when the
 * word holds something that is no Vietnamese letter or mark, a mark on
 * the wrong letter, or two tones. */
static int code_word(const utf8proc_int32_t *cps, int n, char *out,
		     int outsz, int *tone)
{
	int len = 0;

	*tone = 0;
	for (int i = 0; i < n; i++) {
		utf8proc_int32_t c = cps[i];
		if (c >= 'a' && c <= 'z') {
			if (len >= outsz - 1)
				return -1;
			out[len++] = (char)c;
		} else if (c == 0x111) {        /* đ */
			if (len >= outsz - 1)
				return -1;
			out[len++] = 'D';
		} else if (c == 0x302 || c == 0x306 || c == 0x31B) {
			char *p = len ? &out[len - 1] : NULL;
			if (!p)
				return -1;
			if (c == 0x302 && *p == 'a')
				*p = 'B';
			else if (c == 0x302 && *p == 'e')
				*p = 'E';
			else if (c == 0x302 && *p == 'o')
				*p = 'O';
			else if (c == 0x306 && *p == 'a')
				*p = 'A';
			else if (c == 0x31B && *p == 'o')
				*p = 'P';
			else if (c == 0x31B && *p == 'u')
				*p = 'U';
			else
				return -1;
		} else if (c == 0x300 || c == 0x301 || c == 0x303 ||
			   c == 0x309 || c == 0x323) {
			if (*tone || !len || !is_vowel(out[len - 1]))
				return -1;
			*tone = (int)c;
		} else {
			return -1;
		}
	}
	out[len] = '\0';
	return len;
}

static int coded_is_syllable(const char *s, int n, int tone)
{
	int on = 0, nuc_end;

	for (int i = 0; onsets[i]; i++) {
		int k = (int)strlen(onsets[i]);
		if (k <= n && !memcmp(s, onsets[i], (size_t)k)) {
			/* "gi" and "qu" are onsets only before a vowel:
			 * "gì" is g + i. */
			if ((!strcmp(onsets[i], "gi") ||
			     !strcmp(onsets[i], "qu")) &&
			    (k >= n || !is_vowel(s[k])))
				continue;
			on = k;
			break;
		}
	}
	nuc_end = on;
	while (nuc_end < n && is_vowel(s[nuc_end]))
		nuc_end++;
	if (nuc_end == on)
		return 0;
	if (!in_list(nuclei, s + on, (size_t)(nuc_end - on)))
		return 0;
	if (!in_list(finals, s + nuc_end, (size_t)(n - nuc_end)))
		return 0;
	if (nuc_end < n && strchr("cpt", s[nuc_end]) &&
	    tone != 0x301 && tone != 0x323)
		return 0;
	return 1;
}

/* Decompositions of the code points below CACHE_END, computed once:
 * scoring a large file calls for millions of them. */
#define CACHE_END 0x2000
static struct {
	signed char n;              /* 0: not yet; -1: longer than 3 */
	utf8proc_int32_t cps[3];
} dcache[CACHE_END];

/* Decomposes and case-folds the code points of a word into out.
 * Returns the count, or -1 if there are too many. */
static int decompose_word(const utf8proc_int32_t *cps, int n,
			  utf8proc_int32_t *out, int outsz)
{
	int len = 0;

	for (int i = 0; i < n; i++) {
		utf8proc_int32_t c = cps[i];
		int last = 0;
		utf8proc_ssize_t k;
		if (c >= 0 && c < CACHE_END) {
			if (!dcache[c].n) {
				utf8proc_int32_t tmp[8];
				k = utf8proc_decompose_char(
					c, tmp, 8,
					UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD,
					&last);
				dcache[c].n = k > 0 && k <= 3 ? (signed char)k
							      : -1;
				for (int j = 0; j < k && j < 3; j++)
					dcache[c].cps[j] = tmp[j];
			}
			if (dcache[c].n < 0 || dcache[c].n > outsz - len)
				return -1;
			for (int j = 0; j < dcache[c].n; j++)
				out[len++] = dcache[c].cps[j];
			continue;
		}
		k = utf8proc_decompose_char(
			c, out + len, outsz - len,
			UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD, &last);
		if (k < 0 || k > outsz - len)
			return -1;
		len += (int)k;
	}
	return len;
}

static int cps_is_syllable(const utf8proc_int32_t *cps, int n)
{
	utf8proc_int32_t dec[64];
	char code[64];
	int tone, nd, nc;

	nd = decompose_word(cps, n, dec, 64);
	if (nd < 0)
		return 0;
	/* decomposition may leave marks out of canonical order after
	 * case folding; one pass of insertion by combining class would
	 * be needed for exotic input, but code_word accepts any order
	 * of one modifier and one tone after the vowel except a tone
	 * placed before the modifier: swap such pairs */
	for (int i = 1; i < nd; i++) {
		utf8proc_int32_t a = dec[i - 1], b = dec[i];
		int a_tone = a == 0x300 || a == 0x301 || a == 0x303 ||
			     a == 0x309 || a == 0x323;
		int b_mod = b == 0x302 || b == 0x306 || b == 0x31B;
		if (a_tone && b_mod) {
			dec[i - 1] = b;
			dec[i] = a;
		}
	}
	nc = code_word(dec, nd, code, (int)sizeof code, &tone);
	if (nc <= 0)
		return 0;
	return coded_is_syllable(code, nc, tone);
}

int encoding_is_vi_syllable(const char *word, size_t len)
{
	utf8proc_int32_t cps[32];
	int n = 0;
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(
			(const utf8proc_uint8_t *)word + i,
			(utf8proc_ssize_t)(len - i), &c);
		if (k <= 0 || n >= 32)
			return 0;
		cps[n++] = c;
		i += (size_t)k;
	}
	return n > 0 && cps_is_syllable(cps, n);
}

/* Characters beyond ASCII that ordinary Vietnamese text may hold outside
 * words: spaces, quotes, dashes, the dong sign, degrees … */
static int is_usual_symbol(utf8proc_int32_t c)
{
	switch (c) {
	case 0xA0: case 0xAB: case 0xBB: case 0xB0: case 0xB2: case 0xB3:
	case 0xB7: case 0xD7: case 0x2013: case 0x2014: case 0x2018:
	case 0x2019: case 0x201C: case 0x201D: case 0x2026: case 0x20AB:
	case 0x2022: case 0x2116: case 0xFEFF:
		return 1;
	default:
		return 0;
	}
}

static int is_word_char(utf8proc_int32_t c)
{
	static unsigned char known[CACHE_END];  /* 0 unknown, 1 yes, 2 no */
	utf8proc_category_t cat;
	int yes;

	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	if (c < CACHE_END && known[c])
		return known[c] == 1;
	cat = utf8proc_category(c);
	yes = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME;
	if (c < CACHE_END)
		known[c] = yes ? 1 : 2;
	return yes;
}

/* A file repeats a few thousand words: the verdict on each is kept in a
 * small table for the length of one scoring (a third of the time of
 * detecting a 15 MB file went into judging the same words again). */
#define VERDICT_SLOTS 8192	/* a power of two */
#define VERDICT_WORD 12

struct verdict {
	signed char n;		/* 0: empty */
	signed char syllable;
	utf8proc_int32_t cps[VERDICT_WORD];
};

static int judged_syllable(struct verdict *table,
			   const utf8proc_int32_t *cps, int n)
{
	unsigned h = 2166136261u;
	struct verdict *v;

	if (!table || n > VERDICT_WORD)
		return cps_is_syllable(cps, n);
	for (int i = 0; i < n; i++)
		h = (h ^ (unsigned)cps[i]) * 16777619u;
	v = &table[h & (VERDICT_SLOTS - 1)];
	if (v->n == n && !memcmp(v->cps, cps, (size_t)n * sizeof *cps))
		return v->syllable;
	v->n = (signed char)n;
	memcpy(v->cps, cps, (size_t)n * sizeof *cps);
	v->syllable = (signed char)cps_is_syllable(cps, n);
	return v->syllable;
}

long encoding_score_utf8(const char *text, size_t len, long *good,
			 long *bad, long *odd_chars)
{
	utf8proc_int32_t word[32];
	int wn = 0, wide = 0, overflow = 0;
	long g = 0, b = 0, odd = 0;
	size_t i = 0;
	/* without memory the words are judged each time: slower, same */
	struct verdict *verdicts = len > 4096
		? calloc(VERDICT_SLOTS, sizeof *verdicts) : NULL;

	for (;;) {
		utf8proc_int32_t c = -1;
		utf8proc_ssize_t k = 0;
		if (i < len) {
			k = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
					     (utf8proc_ssize_t)(len - i), &c);
			if (k <= 0) {   /* not UTF-8: skip a byte, count it */
				odd++;
				i++;
				continue;
			}
		}
		if (c >= 0 && is_word_char(c)) {
			if (wn < 32)
				word[wn++] = c;
			else
				overflow = 1;
			if (c >= 0x80)
				wide = 1;
		} else {
			if (wn && wide) {
				if (!overflow &&
				    judged_syllable(verdicts, word, wn))
					g++;
				else
					b++;
			}
			wn = 0;
			wide = 0;
			overflow = 0;
			if (c < 0)
				break;
			if ((c >= 0x80 && !is_usual_symbol(c)) ||
			    (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
				odd++;
		}
		i += (size_t)k;
	}
	free(verdicts);
	if (good)
		*good = g;
	if (bad)
		*bad = b;
	if (odd_chars)
		*odd_chars = odd;
	return 2 * g - 3 * b - 3 * odd;
}

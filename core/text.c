/* text.c — UTF-8 validation, NFC, whitespace cleaning, search folding and
 * display width.
 *
 * Every string that enters core is checked here first: strict UTF-8 (no
 * overlong forms, no surrogates, nothing above U+10FFFF, no NUL), then put
 * in NFC so that the same word typed on two keyboards (precomposed or with
 * combining marks) is the same byte string.  Normalisation is utf8proc's,
 * with a table-driven path for plain Latin and Vietnamese text
 * (text_latin.c); results are malloc'd, so callers free them with free().
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "sxsh/text.h"
#include "text_internal.h"

/* Length of the valid UTF-8 sequence at p (avail bytes left), or 0 when
 * p starts no valid sequence: a NUL, a stray continuation byte, an overlong
 * form, a surrogate, a code point above U+10FFFF, or a sequence cut short. */
static size_t utf8_sequence(const unsigned char *p, size_t avail)
{
	unsigned char c = p[0];
	unsigned long cp;
	size_t n;

	if (c == 0)
		return 0;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 1;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 2;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 3;
		cp = c & 0x07;
	} else {
		/* 0x80-0xc1 (stray continuation, overlong 2-byte lead) and
		 * 0xf5-0xff never start a sequence */
		return 0;
	}
	if (avail <= n)
		return 0;
	for (size_t k = 1; k <= n; k++) {
		if ((p[k] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[k] & 0x3f);
	}
	if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000))
		return 0;	/* overlong */
	if (cp >= 0xd800 && cp <= 0xdfff)
		return 0;	/* surrogate */
	if (cp > 0x10ffff)
		return 0;
	return n + 1;
}

int text_is_valid_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	if (!s)
		return 0;
	while (i < len) {
		size_t n = utf8_sequence(p + i, len - i);
		if (!n)
			return 0;
		i += n;
	}
	return 1;
}

void text_scrub_utf8(char *s)
{
	unsigned char *p = (unsigned char *)s;
	size_t len = strlen(s), i = 0;

	while (i < len) {
		size_t n = utf8_sequence(p + i, len - i);
		if (!n) {
			p[i] = '?';
			n = 1;
		}
		i += n;
	}
}

/* NFC of s (len bytes) after strict validation; NULL when s is not valid
 * UTF-8 or memory runs out. */
static char *nfc_of(const char *s, size_t len)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n;

	if (!text_is_valid_utf8(s, len))
		return NULL;
	if (text_latin_only(s, len)) {
		char *copy = malloc(len + 1);
		if (copy)
			memcpy(copy, s, len + 1);
		return copy;
	}
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
			 &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0) {
		free(out);
		return NULL;
	}
	return (char *)out;
}

char *text_nfc(const char *s)
{
	if (!s)
		return NULL;
	return nfc_of(s, strlen(s));
}

/* ASCII whitespace, NEL, and the Unicode space and line/paragraph
 * separators (NBSP and the typographic spaces that word processors paste
 * in are category Zs). */
static int is_space(utf8proc_int32_t cp)
{
	utf8proc_category_t cat;

	if (cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85)
		return 1;
	cat = utf8proc_category(cp);
	return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
	       cat == UTF8PROC_CATEGORY_ZP;
}

/* Rewrites the NUL-terminated valid UTF-8 string buf in place: code points
 * for which keep() is false become a single space per run, and leading and
 * trailing runs disappear.  The result is never longer than the input, as a
 * dropped run is at least one byte and is replaced by at most one. */
static void collapse_runs(char *buf, int (*keep)(utf8proc_int32_t))
{
	const utf8proc_uint8_t *in = (const utf8proc_uint8_t *)buf;
	char *out = buf;
	int pending_space = 0;

	while (*in) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(in, -1, &cp);

		if (n <= 0)
			break;	/* cannot happen: buf is valid */
		if (!keep(cp)) {
			pending_space = out != buf;
		} else {
			if (pending_space)
				*out++ = ' ';
			pending_space = 0;
			memmove(out, in, (size_t)n);
			out += n;
		}
		in += n;
	}
	*out = '\0';
}

static int not_space(utf8proc_int32_t cp)
{
	return !is_space(cp);
}

char *text_clean(const char *s)
{
	char *out = text_nfc(s);

	if (out)
		collapse_runs(out, not_space);
	return out;
}

int text_is_alnum(int cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

/* đ and Đ are letters of their own, not d with a mark, so STRIPMARK would
 * keep them; people searching type "d".  Called by utf8proc before any
 * other mapping. */
static utf8proc_int32_t fold_d_stroke(utf8proc_int32_t cp, void *unused)
{
	(void)unused;
	return cp == 0x0110 || cp == 0x0111 ? 'd' : cp;
}

char *text_fold_map(const char *s, size_t len)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n;

	/* COMPAT too, so that ligatures, full-width letters and superscript
	 * digits are found by their plain spelling. */
	n = utf8proc_map_custom((const utf8proc_uint8_t *)s,
				(utf8proc_ssize_t)len, &out,
				UTF8PROC_STABLE | UTF8PROC_COMPOSE |
				UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
				UTF8PROC_STRIPMARK,
				fold_d_stroke, NULL);
	if (n < 0) {
		free(out);
		return NULL;
	}
	return (char *)out;
}

static int keep_alnum(utf8proc_int32_t cp)
{
	return text_is_alnum(cp);
}

char *text_fold(const char *s)
{
	char *out;
	size_t len;
	int done;

	if (!s)
		return NULL;
	len = strlen(s);
	if (!text_is_valid_utf8(s, len))
		return NULL;
	out = text_latin_fold(s, len, &done);
	if (done)
		return out;
	out = text_fold_map(s, len);
	if (out)
		collapse_runs(out, keep_alnum);
	return out;
}

size_t text_chars(const char *s)
{
	size_t n = 0;

	for (; s && *s; s++)
		n += (*s & 0xC0) != 0x80;
	return n;
}

int text_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	int width = 0;

	if (!s || !text_is_valid_utf8(s, strlen(s)))
		return -1;
	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);

		if (n <= 0)
			return -1;
		width += utf8proc_charwidth(cp);
		p += n;
	}
	return width;
}

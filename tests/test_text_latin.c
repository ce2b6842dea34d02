/* The table-driven path of NFC and folding (core/text_latin.c) must give
 * the bytes utf8proc gives.  A string with a code point outside the Latin
 * set always takes utf8proc's path, so each check folds a string both
 * alone (table) and followed by " 中" (utf8proc): 中 is a letter that
 * composes with nothing, so utf8proc's answer is the table's plus " 中". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include <utf8proc.h>
#include "sxsh/text.h"

#define CJK " \xe4\xb8\xad"	/* " 中" */

static size_t put_utf8(int cp, char *out)
{
	return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

/* The n-th code point of the Latin set (1 ≤ n < 1024, NUL left out). */
static int latin_cp(int n)
{
	return n < 0x300 ? n : 0x1e00 + (n - 0x300);
}

#define LATIN_COUNT 1024

/* Folds s both ways; a mismatch is reported with the code points. */
static void check_fold(const char *s, int a, int b)
{
	char with_cjk[64];
	char *table, *general, expect[80];

	snprintf(with_cjk, sizeof with_cjk, "%s" CJK, s);
	table = text_fold(s);
	general = text_fold(with_cjk);
	cr_assert_not_null(table);
	cr_assert_not_null(general);
	snprintf(expect, sizeof expect, "%s%s", table,
		 table[0] ? CJK : CJK + 1);
	cr_assert_str_eq(general, expect, "U+%04X U+%04X: \"%s\" vs \"%s\"",
			 a, b, table, general);
	free(table);
	free(general);
}

Test(text_latin, fold_of_each_code_point_matches_utf8proc)
{
	for (int n = 1; n < LATIN_COUNT; n++) {
		char s[8] = {0};
		put_utf8(latin_cp(n), s);
		check_fold(s, latin_cp(n), 0);
	}
}

Test(text_latin, fold_of_pairs_and_words_matches_utf8proc)
{
	/* every code point next to a spread of others, alone and inside a
	 * word, covering letters, digits, spaces and punctuation */
	for (int n = 1; n < LATIN_COUNT; n++) {
		for (int m = 1; m < LATIN_COUNT; m += 37) {
			char s[32] = {0};
			size_t k = 0;
			k += put_utf8(latin_cp(n), s + k);
			k += put_utf8(latin_cp(m), s + k);
			check_fold(s, latin_cp(n), latin_cp(m));
			memmove(s + 1, s, k + 1);
			s[0] = 'a';
			strcat(s, ".b");
			check_fold(s, latin_cp(n), latin_cp(m));
		}
	}
}

Test(text_latin, fold_of_vietnamese_sentence_matches_utf8proc)
{
	check_fold("Đường Mường Thanh, tổ 5 — Ứng Hòa", 0, 0);
	check_fold("  ĐỨC  ", 0, 0);
	check_fold("ǅ ß ŉ İ ẞ ½", 0, 0);
}

Test(text_latin, latin_strings_are_already_nfc)
{
	/* The table path returns Latin text unchanged; utf8proc must agree
	 * that it is NFC, also for pairs (nothing composes across them). */
	for (int n = 1; n < LATIN_COUNT; n++) {
		for (int m = 1; m < LATIN_COUNT; m += 13) {
			char s[32] = {0};
			size_t k = put_utf8(latin_cp(n), s);
			char *nfc;
			k += put_utf8(latin_cp(m), s + k);
			strcat(s, CJK);
			nfc = text_nfc(s);
			cr_assert_not_null(nfc);
			cr_assert_str_eq(nfc, s, "U+%04X U+%04X", latin_cp(n),
					 latin_cp(m));
			free(nfc);
		}
	}
}

Test(text_latin, decomposed_text_still_composes)
{
	/* "Đức" typed with combining marks leaves the Latin set */
	char *nfc = text_nfc("\xc4\x90u\xcc\x9b\xcc\x81\x63");
	char *fold = text_fold("\xc4\x90u\xcc\x9b\xcc\x81\x63");

	cr_assert_str_eq(nfc, "Đức");
	cr_assert_str_eq(fold, "duc");
	free(nfc);
	free(fold);
}

/* ---- NFC of a whole file (text_nfc_bulk) ------------------------------- */

#include "../core/text_internal.h"

static void check_bulk(const char *s)
{
	size_t n = 0;
	char *bulk = text_nfc_bulk(s, strlen(s), &n);
	unsigned char *ref = NULL;

	cr_assert_not_null(bulk);
	cr_assert_geq(utf8proc_map((const unsigned char *)s, (long)strlen(s),
				   &ref, UTF8PROC_STABLE | UTF8PROC_COMPOSE),
		      0);
	cr_assert_str_eq(bulk, (char *)ref, "input \"%s\"", s);
	cr_assert_eq(n, strlen((char *)ref));
	free(bulk);
	free(ref);
}

Test(text_latin, bulk_nfc_matches_utf8proc)
{
	unsigned char *nfd = NULL;
	const char *vi = "Tiếng Việt: Đường Mường Thanh, Quỳnh Nhai, "
			 "Chiềng Sơn, Ứng Hòa, ngỡ ngàng, tỉnh Sơn La";
	char *big;
	size_t cap = 400000, len = 0;

	check_bulk("");
	check_bulk("ascii only");
	check_bulk(vi);
	/* the same decomposed, as CP1258 and VNI decode */
	cr_assert_geq(utf8proc_map((const unsigned char *)vi, (long)strlen(vi),
				   &nfd, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE),
		      0);
	check_bulk((char *)nfd);
	/* a mark first, marks out of order, other scripts, a long piece */
	check_bulk("\xcc\x81" "a\xcc\xa3\xcc\x82 o\xcc\x82\xcc\xa3 "
		   "\xd0\x99\xd0\xb8 \xe1\x84\x80\xe1\x85\xa1 "
		   "x\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97\xe4\xb8\xad\xe6\x96"
		   "\x87\xe5\xad\x97 \xe2\x84\xab \xef\xac\x81 e\xcc\x81");
	/* a file's worth: the cache fills, collides and is reused */
	big = malloc(cap);
	cr_assert_not_null(big);
	while (len + strlen((char *)nfd) + 16 < cap)
		len += (size_t)snprintf(big + len, cap - len, "%s %zu\n",
					(char *)nfd, len);
	check_bulk(big);
	free(big);
	free(nfd);
}

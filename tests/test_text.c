/* test_text.c — NFC, folding, sort keys, number and date formats. */
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include "sxsh/text.h"

/* Runs f on in and checks the result is want, freeing it. */
static void expect(char *(*f)(const char *), const char *in,
		   const char *want)
{
	char *got = f(in);

	cr_assert_not_null(got, "NULL for \"%s\"", in);
	cr_expect_str_eq(got, want, "\"%s\" gave \"%s\", want \"%s\"", in, got,
			 want);
	free(got);
}

/* "Đường" decomposed: ư as u + horn, ờ as o + horn + grave. */
#define DUONG_NFD "\xc4\x90u\xcc\x9bo\xcc\x9b\xcc\x80ng"
#define DUONG_NFC "\xc4\x90\xc6\xb0\xe1\xbb\x9dng"

Test(text, valid_utf8_accepts_vietnamese_and_ascii)
{
	const char *s = "Chè Mộc Châu — 北京 😀";

	cr_assert(text_is_valid_utf8(s, strlen(s)));
	cr_assert(text_is_valid_utf8("", 0));
}

Test(text, valid_utf8_rejects_malformed_sequences)
{
	static const char *bad[] = {
		"\xc0\xaf",		/* overlong '/' */
		"\xe0\x80\xaf",		/* overlong, 3 bytes */
		"\xf0\x80\x80\xaf",	/* overlong, 4 bytes */
		"\xed\xa0\x80",		/* surrogate U+D800 */
		"\xed\xbf\xbf",		/* surrogate U+DFFF */
		"\xf4\x90\x80\x80",	/* above U+10FFFF */
		"\xf5\x80\x80\x80",
		"\x80",			/* stray continuation */
		"a\xc3",		/* truncated */
		"\xe1\xbb",		/* truncated */
		"\xc3\x28",		/* bad continuation */
		"\xff",
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_expect_not(text_is_valid_utf8(bad[i], strlen(bad[i])),
			      "accepted case %zu", i);
	cr_expect_not(text_is_valid_utf8("a\0b", 3), "accepted NUL");
	cr_expect(text_is_valid_utf8("\xed\x9f\xbf", 3), "U+D7FF is valid");
	cr_expect(text_is_valid_utf8("\xf4\x8f\xbf\xbf", 4), "U+10FFFF");
}

Test(text, scrub_replaces_only_the_bytes_that_start_no_character)
{
	/* A cut "è" (0xc3 alone), a stray continuation, an overlong "/" and
	 * a surrogate; the whole characters around them stay. */
	char s[] = "ch\xc3 \xa8x\xc0\xafy\xed\xa0\x80z S\xc6\xa1n La";
	text_scrub_utf8(s);
	cr_assert_str_eq(s, "ch? ?x??y???z Sơn La");
	cr_assert(text_is_valid_utf8(s, strlen(s)));
	char ok[] = "Mộc Châu";
	text_scrub_utf8(ok);
	cr_assert_str_eq(ok, "Mộc Châu");
}

Test(text, functions_return_null_on_invalid_utf8)
{
	cr_expect_null(text_nfc("ab\xc0\xaf"));
	cr_expect_null(text_clean("\xed\xa0\x80"));
	cr_expect_null(text_fold("\xff"));
	cr_expect_null(text_sort_key("a\xc3"));
	cr_expect_eq(text_width("\x80"), -1);
}

Test(text, nfc_composes_decomposed_input)
{
	expect(text_nfc, DUONG_NFD, DUONG_NFC);
	/* ệ as e + circumflex + dot below, marks in the "wrong" order */
	expect(text_nfc, "Vie\xcc\x82\xcc\xa3t", "Vi\xe1\xbb\x87t");
	expect(text_nfc, "  hai\n  dòng ", "  hai\n  dòng ");
	expect(text_nfc, "", "");
}

Test(text, clean_trims_and_collapses_whitespace)
{
	expect(text_clean, "  Công   ty\t\tTNHH \n Chè  ",
	       "Công ty TNHH Chè");
	expect(text_clean, "Mộc\xc2\xa0\xc2\xa0" "Châu", "Mộc Châu");
	expect(text_clean, "\xe2\x80\x83x\xe2\x80\xa8y\r\n", "x y");
	expect(text_clean, " \t\n ", "");
	expect(text_clean, DUONG_NFD " ", DUONG_NFC);
}

Test(text, fold_strips_tones_case_and_d_stroke)
{
	expect(text_fold, "Đường Mường Thanh", "duong muong thanh");
	expect(text_fold, "CÔNG TY TNHH Chè Mộc Châu",
	       "cong ty tnhh che moc chau");
	expect(text_fold, "đĐ ơƠ ưƯ ăĂ âÂ êÊ ôÔ", "dd oo uu aa aa ee oo");
	expect(text_fold, "Thủy điện Hòa Bình", "thuy dien hoa binh");
}

Test(text, fold_of_nfd_equals_fold_of_nfc)
{
	expect(text_fold, DUONG_NFD " Mu\xcc\x9bo\xcc\x9b\xcc\x80ng",
	       "duong muong");
	expect(text_fold, DUONG_NFC, "duong");
}

Test(text, fold_turns_punctuation_runs_into_one_space)
{
	expect(text_fold, "  Cty C.P. (Gạch-Ngói)  Số 1!! ",
	       "cty c p gach ngoi so 1");
	expect(text_fold, "a,b;;c--d", "a b c d");
	expect(text_fold, "...", "");
	expect(text_fold, "", "");
	expect(text_fold, "ﬁ ＡＢ x²", "fi ab x2");
}

/* Sorts words by their sort keys and checks the result is want. */
struct keyed {
	const char *word;
	char *key;
};

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct keyed *)a)->key,
		      ((const struct keyed *)b)->key);
}

static void expect_order(const char *const *want, size_t n)
{
	struct keyed *items = calloc(n, sizeof *items);

	cr_assert_not_null(items);
	/* shuffle deterministically: reverse, then rotate by half */
	for (size_t i = 0; i < n; i++)
		items[i].word = want[(2 * n - 1 - i + n / 2) % n];
	for (size_t i = 0; i < n; i++) {
		items[i].key = text_sort_key(items[i].word);
		cr_assert_not_null(items[i].key, "%s", items[i].word);
	}
	qsort(items, n, sizeof *items, by_key);
	for (size_t i = 0; i < n; i++)
		cr_expect_str_eq(items[i].word, want[i],
				 "position %zu: got %s, want %s", i,
				 items[i].word, want[i]);
	for (size_t i = 0; i + 1 < n; i++)
		cr_expect(strcmp(items[i].key, items[i + 1].key) < 0,
			  "%s and %s tie", items[i].word, items[i + 1].word);
	for (size_t i = 0; i < n; i++)
		free(items[i].key);
	free(items);
}

#define ORDER(...) do { \
	static const char *const w[] = { __VA_ARGS__ }; \
	expect_order(w, sizeof w / sizeof w[0]); \
} while (0)

Test(text_sort, follows_vietnamese_alphabet)
{
	ORDER("An", "Ăn", "Ân", "Bạc", "Bắc", "Cà", "Chè", "Da", "Đà", "Đá",
	      "Ê", "Gia", "Ơn", "Ưng", "Yên");
}

Test(text_sort, fixes_what_byte_order_and_glibc_get_wrong)
{
	/* d < đ whatever follows; u < ư < v; o < ô < ơ < p */
	ORDER("Dung", "Dương", "Dzung", "Đà", "Đức", "Em");
	ORDER("uy", "uyên", "ưa", "ừng", "va");
	ORDER("ong", "ông", "ơn", "phố");
	ORDER("a", "á", "ă", "ằ", "â", "b");
}

Test(text_sort, orders_tones_none_grave_hook_tilde_acute_dot)
{
	ORDER("ma", "mà", "mả", "mã", "má", "mạ");
}

Test(text_sort, tone_decides_before_case)
{
	ORDER("an", "An", "AN", "àn", "Àn", "ản");
}

Test(text_sort, word_gap_sorts_before_letters)
{
	ORDER("An", "An Bình", "An Khê", "Anh", "Anh Sơn");
	/* letters first over the whole string: r < v */
	ORDER("Ba", "Bà Rịa", "Ba-Vì", "Bắc");
}

Test(text_sort, digits_before_letters_other_scripts_after_z)
{
	ORDER("1 Tháng 5", "2 Tháng 9", "A", "Z", "Москва", "北京");
}

Test(text_sort, keys_are_printable_ascii_and_normalisation_free)
{
	static const char *words[] = { "Đường Mường Thanh", "北京 😀",
				       "CÔNG TY (TNHH)", "", "ǅ ß ﬁ" };

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		char *key = text_sort_key(words[i]);

		cr_assert_not_null(key);
		for (const char *p = key; *p; p++)
			cr_expect(*p >= 0x20 && *p <= 0x7e, "%s: byte %02x",
				  words[i], (unsigned char)*p);
		free(key);
	}
	char *nfc = text_sort_key(DUONG_NFC " Mường");
	char *nfd = text_sort_key(DUONG_NFD " Mu\xcc\x9bo\xcc\x9b\xcc\x80ng");
	cr_assert_not_null(nfc);
	cr_assert_not_null(nfd);
	cr_expect_str_eq(nfc, nfd);
	free(nfc);
	free(nfd);
}

Test(text_sort, punctuation_and_spacing_only_make_equal_keys)
{
	char *a = text_sort_key("Công ty  Gạch");
	char *b = text_sort_key(" Công-ty (Gạch) ");

	cr_assert_not_null(a);
	cr_assert_not_null(b);
	cr_expect_str_eq(a, b);
	free(a);
	free(b);
}

Test(text_format, groups_integers_with_dots)
{
	char out[32];

	text_format_int(1234567, out, sizeof out);
	cr_expect_str_eq(out, "1.234.567");
	text_format_int(-1234, out, sizeof out);
	cr_expect_str_eq(out, "-1.234");
	text_format_int(999, out, sizeof out);
	cr_expect_str_eq(out, "999");
	text_format_int(0, out, sizeof out);
	cr_expect_str_eq(out, "0");
	text_format_int(-100000, out, sizeof out);
	cr_expect_str_eq(out, "-100.000");
	text_format_int(-9223372036854775807LL - 1, out, sizeof out);
	cr_expect_str_eq(out, "-9.223.372.036.854.775.808");
}

Test(text_format, never_writes_a_truncated_number)
{
	char out[9];

	text_format_int(1234567, out, sizeof out);
	cr_expect_str_eq(out, "");
	text_format_int(123456, out, sizeof out);
	cr_expect_str_eq(out, "123.456");
	text_format_int(1, out, 0);	/* must not write */
}

Test(text_format, decimals_use_comma_and_round)
{
	char out[64];

	text_format_decimal(1234.5, 1, out, sizeof out);
	cr_expect_str_eq(out, "1.234,5");
	text_format_decimal(-1234567.891, 2, out, sizeof out);
	cr_expect_str_eq(out, "-1.234.567,89");
	text_format_decimal(0.125, 0, out, sizeof out);
	cr_expect_str_eq(out, "0");
	text_format_decimal(999.96, 1, out, sizeof out);
	cr_expect_str_eq(out, "1.000,0");
	text_format_decimal(-0.04, 1, out, sizeof out);
	cr_expect_str_eq(out, "0,0");
	text_format_decimal(12.5, 3, out, sizeof out);
	cr_expect_str_eq(out, "12,500");
	text_format_decimal(1e300, 0, out, sizeof out);
	cr_expect_str_eq(out, "", "too long for out");
	text_format_decimal(0.0 / 0.0, 1, out, sizeof out);
	cr_expect_str_eq(out, "");
}

Test(text_format, dates_iso_to_vietnamese)
{
	char out[11];

	cr_assert_eq(text_format_date("2017-12-31", out, sizeof out), 0);
	cr_expect_str_eq(out, "31/12/2017");
	cr_assert_eq(text_format_date("2016-02-29", out, sizeof out), 0);
	cr_expect_str_eq(out, "29/02/2016");
	cr_expect_eq(text_format_date("2017-02-29", out, sizeof out), -1);
	cr_expect_eq(text_format_date("2017-13-01", out, sizeof out), -1);
	cr_expect_eq(text_format_date("2017-1-01", out, sizeof out), -1);
	cr_expect_eq(text_format_date("2017-01-01x", out, sizeof out), -1);
	cr_expect_eq(text_format_date("", out, sizeof out), -1);
	cr_expect_eq(text_format_date("2017-01-01", out, 10), -1);
}

static double parsed(const char *s)
{
	double v = -42;

	cr_assert_eq(text_parse_decimal(s, &v), 0, "refused \"%s\"", s);
	return v;
}

Test(text_parse, decimals_in_vietnamese_and_plain_forms)
{
	cr_expect_float_eq(parsed("1.234,5"), 1234.5, 1e-9);
	cr_expect_float_eq(parsed("1234,5"), 1234.5, 1e-9);
	cr_expect_float_eq(parsed("1234.5"), 1234.5, 1e-9);
	cr_expect_float_eq(parsed("1 234,5"), 1234.5, 1e-9);
	cr_expect_float_eq(parsed("1\xc2\xa0" "234,5"), 1234.5, 1e-9);
	cr_expect_float_eq(parsed("1.234.567"), 1234567, 1e-9);
	cr_expect_float_eq(parsed("1.234.567,25"), 1234567.25, 1e-9);
	cr_expect_float_eq(parsed(" -12,5 "), -12.5, 1e-9);
	cr_expect_float_eq(parsed("+7"), 7, 1e-9);
	cr_expect_float_eq(parsed("0"), 0, 1e-9);
	cr_expect_float_eq(parsed(",5"), 0.5, 1e-9);
	cr_expect(parsed("0,1") == 0.1, "0,1 must round like 0.1");
}

Test(text_parse, single_dot_with_three_digits_is_grouping)
{
	cr_expect_float_eq(parsed("1.234"), 1234, 1e-9);
	cr_expect_float_eq(parsed("12.345"), 12345, 1e-9);
	cr_expect_float_eq(parsed("-1.234"), -1234, 1e-9);
	/* cannot be grouping, so the dot is a decimal point */
	cr_expect_float_eq(parsed("1.5"), 1.5, 1e-9);
	cr_expect_float_eq(parsed("0.125"), 0.125, 1e-9);
	cr_expect_float_eq(parsed("1234.567"), 1234.567, 1e-9);
	cr_expect_float_eq(parsed("1 234.5"), 1234.5, 1e-9);
}

Test(text_parse, decimals_refused)
{
	static const char *bad[] = {
		"", "   ", "abc", "1,2,3", "1,234.5", "12a", "1.23.456",
		"1.2345.678", "1..234", "1,", "1.", ".", "-", "+-1", "1 23",
		"1  234", "1.234,5,6", "1,5.3", "0x10", "1e5", "inf", "nan",
		"1-2", "١٢",
	};
	double v = 99;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_expect_eq(text_parse_decimal(bad[i], &v), -1,
			     "accepted \"%s\" as %g", bad[i], v);
	cr_expect_eq(v, 99, "v changed on failure");
}

static void expect_date(const char *in, const char *want)
{
	char iso[11] = "";

	cr_expect_eq(text_parse_date(in, iso), 0, "refused \"%s\"", in);
	cr_expect_str_eq(iso, want, "\"%s\"", in);
}

Test(text_parse, dates_in_all_accepted_forms)
{
	expect_date("31/12/2017", "2017-12-31");
	expect_date("1/2/2017", "2017-02-01");
	expect_date("05-06-2018", "2018-06-05");
	expect_date("2019-07-08", "2019-07-08");
	expect_date(" 29/02/2016 ", "2016-02-29");
	expect_date("29/02/2000", "2000-02-29");
	expect_date("31.12.2017", "2017-12-31");
}

Test(text_parse, dates_that_are_not_on_the_calendar_refused)
{
	static const char *bad[] = {
		"31/02/2017", "29/02/2017", "29/02/1900", "31/04/2017",
		"00/01/2017", "01/00/2017", "32/01/2017", "01/13/2017",
		"2017/12/31", "31/12/17", "31-12/2017", "123/1/2017",
		"1/1/20171", "", "abc", "31/12/2017x", "2017-12-31T00:00",
		"//", "1//2017",
	};
	char iso[11];

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_expect_eq(text_parse_date(bad[i], iso), -1,
			     "accepted \"%s\"", bad[i]);
}

Test(text, width_counts_columns)
{
	cr_expect_eq(text_width("Đường"), 5);
	cr_expect_eq(text_width(DUONG_NFD), 5);
	cr_expect_eq(text_width("北京"), 4);
	cr_expect_eq(text_width(""), 0);
}

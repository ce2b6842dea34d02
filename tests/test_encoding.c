/* test_encoding.c — legacy Vietnamese encodings: the shipped vectors in
 * every encoding, whole files detected, bad bytes refused with a line. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sxsh/encoding.h"

struct vector {
	char text[128];
	char cols[4][128];  /* utf8_nfc, cp1258, tcvn3, vni as bytes */
	size_t lens[4];
};

static const enum sx_encoding col_enc[4] = {SXE_UTF8, SXE_CP1258,
					    SXE_TCVN3, SXE_VNI};

static size_t unhex(const char *hex, char *out, size_t outsz)
{
	size_t n = 0;
	while (hex[0] && hex[1] && n + 1 < outsz) {
		unsigned v;
		cr_assert_eq(sscanf(hex, "%2x", &v), 1, "bad hex %s", hex);
		out[n++] = (char)v;
		hex += 2;
	}
	out[n] = '\0';
	return n;
}

static int load_vectors(struct vector *v, int max)
{
	char path[512], line[1024];
	const char *src = getenv("SXSH_SOURCE_DIR");
	FILE *f;
	int n = 0, header_seen = 0;

	snprintf(path, sizeof path, "%s/core/data/vi_encoding_vectors.tsv",
		 src && *src ? src : ".");
	f = fopen(path, "r");
	cr_assert_not_null(f, "cannot open %s", path);
	while (fgets(line, sizeof line, f) && n < max) {
		char *fields[5], *save = NULL, *tok;
		int k = 0;
		if (line[0] == '#')
			continue;
		line[strcspn(line, "\r\n")] = '\0';
		if (!header_seen) {
			header_seen = 1;
			continue;
		}
		for (tok = strtok_r(line, "\t", &save); tok && k < 5;
		     tok = strtok_r(NULL, "\t", &save))
			fields[k++] = tok;
		cr_assert_eq(k, 5, "vector line with %d fields", k);
		snprintf(v[n].text, sizeof v[n].text, "%s", fields[0]);
		for (int c = 0; c < 4; c++)
			v[n].lens[c] = unhex(fields[c + 1], v[n].cols[c],
					     sizeof v[n].cols[c]);
		n++;
	}
	fclose(f);
	cr_assert_geq(n, 6, "too few vectors: %d", n);
	return n;
}

static char *conv(const char *in, size_t len, enum sx_encoding e)
{
	char *out = NULL;
	struct sx_error err = {0};
	cr_assert_eq(encoding_to_utf8(in, len, e, &out, NULL, &err), SX_OK,
		     "%s: %s", encoding_name(e), err.msg);
	return out;
}

Test(encoding, decodes_every_vector_in_every_encoding)
{
	struct vector v[64];
	int n = load_vectors(v, 64);

	for (int i = 0; i < n; i++) {
		cr_assert_str_eq(v[i].cols[0], v[i].text, "utf8 column");
		for (int c = 0; c < 4; c++) {
			char *out = conv(v[i].cols[c], v[i].lens[c],
					 col_enc[c]);
			cr_expect_str_eq(out, v[i].text, "%s of \"%s\"",
					 encoding_name(col_enc[c]), v[i].text);
			free(out);
		}
	}
}

Test(encoding, encodes_every_vector_back_to_the_same_bytes)
{
	struct vector v[64];
	int n = load_vectors(v, 64);

	for (int i = 0; i < n; i++) {
		for (int c = 1; c < 4; c++) {
			char *out = NULL;
			size_t len = 0;
			struct sx_error err = {0};
			cr_assert_eq(encoding_from_utf8(v[i].text, col_enc[c],
							&out, &len, &err),
				     SX_OK, "%s", err.msg);
			cr_expect_eq(len, v[i].lens[c], "%s of \"%s\"",
				     encoding_name(col_enc[c]), v[i].text);
			cr_expect(len == v[i].lens[c] &&
				  !memcmp(out, v[i].cols[c], len),
				  "%s bytes of \"%s\"",
				  encoding_name(col_enc[c]), v[i].text);
			free(out);
		}
	}
}

Test(encoding, unwraps_legacy_text_saved_as_utf8)
{
	struct vector v[64];
	int n = load_vectors(v, 64);
	/* "Ñöùc": VNI bytes D1 F6 F9 63 read as CP1252 */
	char *out = conv("\xC3\x91\xC3\xB6\xC3\xB9" "c", 7, SXE_VNI_IN_UTF8);
	cr_assert_str_eq(out, "Đức");
	free(out);
	/* "§øc": TCVN3 bytes A7 F8 63 read as CP1252 */
	out = conv("\xC2\xA7\xC3\xB8" "c", 5, SXE_TCVN3_IN_UTF8);
	cr_assert_str_eq(out, "Đức");
	free(out);
	for (int i = 0; i < n; i++) {
		for (int e = SXE_TCVN3_IN_UTF8; e <= SXE_VNI_IN_UTF8; e++) {
			char *wrapped = NULL;
			size_t len = 0;
			cr_assert_eq(encoding_from_utf8(v[i].text, e, &wrapped,
							&len, NULL), SX_OK);
			out = conv(wrapped, len, e);
			cr_expect_str_eq(out, v[i].text, "%s",
					 encoding_name(e));
			free(out);
			free(wrapped);
		}
	}
}

Test(encoding, nfd_utf8_becomes_nfc)
{
	/* "Mường" with decomposed marks: u+horn, o+horn+grave */
	const char *nfd = "Mu\xCC\x9Bo\xCC\x9B\xCC\x80ng";
	char *out = conv(nfd, strlen(nfd), SXE_UTF8);
	cr_assert_str_eq(out, "Mường");
	free(out);
}

Test(encoding, keeps_the_last_letter_of_legacy_text)
{
	/* "Hà" in CP1258 is H a + combining grave: iconv holds the a back
	 * until it is flushed */
	char *out = conv("H\x61\xCC", 3, SXE_CP1258);
	cr_assert_str_eq(out, "Hà");
	free(out);
	out = conv("H\xb5", 2, SXE_TCVN3);
	cr_assert_str_eq(out, "Hà");
	free(out);
	out = conv("Ha\xf8", 3, SXE_VNI);
	cr_assert_str_eq(out, "Hà");
	free(out);
}

Test(encoding, drops_a_utf8_bom)
{
	char *out = conv("\xEF\xBB\xBFSơn", 7, SXE_UTF8);
	cr_assert_str_eq(out, "Sơn");
	free(out);
}

Test(encoding, refuses_invalid_utf8_with_its_line)
{
	const char *s = "tên\nSơn La\nM\xC6\x0A";
	char *out = NULL;
	struct sx_error err = {0};
	enum sx_encoding e;

	cr_assert_eq(encoding_to_utf8(s, strlen(s), SXE_UTF8, &out, NULL,
				      &err), SX_INVALID);
	cr_assert_null(out);
	cr_assert(strstr(err.msg, "line 3"), "%s", err.msg);
	cr_assert(strstr(err.msg_vi, "dòng 3"), "%s", err.msg_vi);
	/* auto-detection does not read damaged UTF-8 as a legacy code */
	memset(&err, 0, sizeof err);
	cr_assert_eq(encoding_detect(s, strlen(s), &e, NULL, &err),
		     SX_INVALID);
	cr_assert(strstr(err.msg, "line 3"), "%s", err.msg);
}

Test(encoding, refuses_nul_bytes)
{
	char *out = NULL;
	struct sx_error err = {0};
	enum sx_encoding e;
	cr_assert_eq(encoding_to_utf8("ab\0c", 4, SXE_VNI, &out, NULL, &err),
		     SX_INVALID);
	cr_assert_eq(encoding_detect("ab\0c", 4, &e, NULL, &err), SX_INVALID);
	cr_assert(strstr(err.msg, "NUL"), "%s", err.msg);
}

Test(encoding, tells_vietnamese_syllables)
{
	static const char *good[] = {"Mường", "nghiêng", "quốc", "giữa",
				     "gì", "Đức", "khuya", "xoong", "thuở",
				     "hoặc", "Sơn", "ĐƯỜNG", "yêu", "sắn"};
	static const char *bad[] = {"boät", "tàc", "Sôön", "Ñöùc", "aé",
				    "ngàp", "xyz\xCC\x81", "Mâêng"};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		cr_expect(encoding_is_vi_syllable(good[i], strlen(good[i])),
			  "%s should be a syllable", good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_expect(!encoding_is_vi_syllable(bad[i], strlen(bad[i])),
			  "%s should not be a syllable", bad[i]);
}

/* A spreadsheet-like file from the vectors and everyday words. */
static char *sample_file(void)
{
	struct vector v[64];
	int n = load_vectors(v, 64);
	static const char *rows[] = {
		"Công ty TNHH Chế biến nông sản Mộc Châu;0100109106;Xã "
		"Chiềng Sơn;Có",
		"Hợp tác xã chè Tân Lập;5500123456;Xã Tân Lập;Không",
		"Hộ kinh doanh Nguyễn Văn Hùng;;Thị trấn Nông trường Mộc "
		"Châu;x",
		"Cơ sở sản xuất đường mía Quỳnh Nhai;;Phường Chiềng Lề;",
		"Trưởng phòng Kinh tế - Hạ tầng;Cộng tác viên khuyến công;"
		"Đã tập huấn sản xuất sạch hơn",
		"Nhà máy cà phê Phúc Sạn, lò sấy củi;\"Sửa chữa, thay thế "
		"thiết bị\";Tiết kiệm điện",
	};
	size_t cap = 8192, len = 0;
	char *buf = malloc(cap);

	cr_assert_not_null(buf);
	len += (size_t)snprintf(buf + len, cap - len,
				"Tên cơ sở;Mã số thuế;Xã;Tiềm năng\r\n");
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		len += (size_t)snprintf(buf + len, cap - len, "%s\r\n",
					rows[i]);
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, cap - len, "%s;;;\r\n",
					v[i].text);
	return buf;
}

static void detect_file_in(enum sx_encoding e)
{
	char *text = sample_file(), *bytes = NULL, *back = NULL;
	size_t len = 0;
	enum sx_encoding got;
	struct encoding_guess g;
	struct sx_error err = {0};

	cr_assert_eq(encoding_from_utf8(text, e, &bytes, &len, &err), SX_OK,
		     "%s: %s", encoding_name(e), err.msg);
	cr_assert_eq(encoding_detect(bytes, len, &got, &g, &err), SX_OK,
		     "%s", err.msg);
	cr_assert_eq(got, e, "file in %s detected as %s (scores utf8 %ld "
		     "cp1258 %ld tcvn3 %ld vni %ld t-u %ld v-u %ld)",
		     encoding_name(e), encoding_name(got),
		     g.score[0], g.score[1], g.score[2], g.score[3],
		     g.score[4], g.score[5]);
	back = conv(bytes, len, got);
	cr_assert_str_eq(back, text);
	free(back);
	free(bytes);
	free(text);
}

Test(encoding, detects_a_utf8_file) { detect_file_in(SXE_UTF8); }
Test(encoding, detects_a_cp1258_file) { detect_file_in(SXE_CP1258); }
Test(encoding, detects_a_tcvn3_file) { detect_file_in(SXE_TCVN3); }
Test(encoding, detects_a_vni_file) { detect_file_in(SXE_VNI); }
Test(encoding, detects_tcvn3_saved_as_utf8)
{
	detect_file_in(SXE_TCVN3_IN_UTF8);
}
Test(encoding, detects_vni_saved_as_utf8)
{
	detect_file_in(SXE_VNI_IN_UTF8);
}
Test(encoding, detects_a_utf16_file) { detect_file_in(SXE_UTF16); }

Test(encoding, detects_an_nfd_file_as_utf8)
{
	const char *nfd = "Te\xCC\x82n;Xa\xCC\x83\nMu\xCC\x9Bo\xCC\x9B\xCC\x80"
			  "ng La;Chie\xCC\x82\xCC\x80ng\n";
	enum sx_encoding got;
	cr_assert_eq(encoding_detect(nfd, strlen(nfd), &got, NULL, NULL),
		     SX_OK);
	cr_assert_eq(got, SXE_UTF8);
}

Test(encoding, parses_names_and_refuses_unknown_ones)
{
	enum sx_encoding e;
	cr_assert_eq(encoding_parse_name("VNI", &e), 0);
	cr_assert_eq(e, SXE_VNI);
	cr_assert_eq(encoding_parse_name("windows-1258", &e), 0);
	cr_assert_eq(e, SXE_CP1258);
	cr_assert_eq(encoding_parse_name("tcvn3", &e), 0);
	cr_assert_eq(e, SXE_TCVN3);
	cr_assert_eq(encoding_parse_name("latin9", &e), -1);
	for (int i = 0; i < SXE_COUNT; i++) {
		cr_assert_eq(encoding_parse_name(encoding_name(i), &e), 0);
		cr_assert_eq(e, i);
	}
}

Test(encoding, detects_a_large_file_from_samples)
{
	char *text = sample_file(), *bytes = NULL, *big;
	size_t len = 0, tlen, pos = 0;
	enum sx_encoding got;

	cr_assert_eq(encoding_from_utf8(text, SXE_TCVN3, &bytes, &len, NULL),
		     SX_OK);
	/* over the 4 MB that are scored whole */
	tlen = 5u << 20;
	big = malloc(tlen + len);
	cr_assert_not_null(big);
	while (pos < tlen) {
		memcpy(big + pos, bytes, len);
		pos += len;
	}
	cr_assert_eq(encoding_detect(big, pos, &got, NULL, NULL), SX_OK);
	cr_assert_eq(got, SXE_TCVN3, "got %s", encoding_name(got));
	free(big);
	free(bytes);
	free(text);
}

/* found by fuzzing: an empty input came back without its NUL */
Test(encoding, converts_an_empty_input_to_an_empty_string)
{
	for (int e = 0; e < SXE_COUNT; e++) {
		char *out = NULL;
		size_t len = 7;
		cr_assert_eq(encoding_to_utf8("", 0, e, &out, &len, NULL),
			     SX_OK, "%s", encoding_name(e));
		cr_assert_eq(len, 0);
		cr_assert_str_eq(out, "");
		free(out);
	}
}

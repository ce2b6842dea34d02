/* fuzz_import.c — libFuzzer target for what the importer does to the bytes
 * of a file before any database is involved: guess the encoding, convert
 * with every encoding, and parse the result as CSV.
 *
 * Properties checked besides "no crash, no leak, no UB":
 *   - every successful conversion is valid UTF-8 without NUL;
 *   - text that VNI can hold comes back unchanged through VNI;
 *   - every CSV row handed over has the header's column count;
 *   - every conversion is NFC as utf8proc sees it (the converters compose
 *     piece by piece with a cache), and NFC and search folding of it give
 *     what utf8proc's general path gives (text_latin.c takes a
 *     table-driven path for Latin text; a trailing " 中" forces the
 *     general one).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "sxsh/csvread.h"
#include "sxsh/encoding.h"
#include "sxsh/text.h"

static int valid_utf8(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(
			(const utf8proc_uint8_t *)s + i,
			(utf8proc_ssize_t)(len - i), &c);
		if (k <= 0 || c == 0)
			return 0;
		i += (size_t)k;
	}
	return 1;
}

struct check {
	int header;
};

static enum sx_err on_row(const struct csvread_row *row, void *arg,
			  struct sx_error *err)
{
	struct check *c = arg;
	(void)err;
	if (row->index == 0)
		c->header = row->count;
	else if (row->count != c->header)
		abort();
	for (int i = 0; i < row->count; i++)
		if (strlen(row->fields[i]) != row->lens[i])
			abort();
	return SX_OK;
}

#define CJK " \xe4\xb8\xad"	/* " 中": a letter that composes with nothing */

static void check_text_paths(const char *text, size_t len)
{
	char *forced = malloc(len + sizeof CJK);
	char *nfc, *nfc_forced, *fold, *fold_forced;

	if (!forced)
		return;
	memcpy(forced, text, len);
	memcpy(forced + len, CJK, sizeof CJK);
	nfc = text_nfc(text);
	nfc_forced = text_nfc(forced);
	fold = text_fold(text);
	fold_forced = text_fold(forced);
	if (nfc && nfc_forced &&
	    (strncmp(nfc_forced, nfc, strlen(nfc)) ||
	     strcmp(nfc_forced + strlen(nfc), CJK)))
		abort();
	/* a conversion is NFC already (composed piece by piece in
	 * text_nfc_bulk): utf8proc must find nothing to change */
	if (nfc && strcmp(nfc, text))
		abort();
	if (fold && fold_forced &&
	    strcmp(fold_forced + strlen(fold), fold[0] ? CJK : CJK + 1))
		abort();
	if (fold && fold_forced && strncmp(fold_forced, fold, strlen(fold)))
		abort();
	free(forced);
	free(nfc);
	free(nfc_forced);
	free(fold);
	free(fold_forced);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum sx_encoding enc;
	struct sx_error err;
	char *text = NULL;
	size_t len = 0;

	for (int e = 0; e < SXE_COUNT; e++) {
		if (encoding_to_utf8((const char *)data, size, e, &text, &len,
				     &err) == SX_OK) {
			if (!valid_utf8(text, len) || strlen(text) != len)
				abort();
			check_text_paths(text, len);
			if (e == SXE_VNI) {
				char *vni = NULL, *back = NULL;
				size_t vlen = 0;
				if (encoding_from_utf8(text, SXE_VNI, &vni,
						       &vlen, &err) == SX_OK &&
				    encoding_to_utf8(vni, vlen, SXE_VNI, &back,
						     NULL, &err) == SX_OK &&
				    strcmp(back, text))
					abort();
				free(vni);
				free(back);
			}
			free(text);
			text = NULL;
		}
	}
	if (encoding_detect((const char *)data, size, &enc, NULL, &err))
		return 0;
	if (encoding_to_utf8((const char *)data, size, enc, &text, &len,
			     &err) == SX_OK) {
		struct check c = {0};
		struct csvread_opts opts = {0, 256};
		csvread_parse(text, len, NULL, on_row, &c, NULL, &err);
		memset(&c, 0, sizeof c);
		csvread_parse(text, len, &opts, on_row, &c, NULL, &err);
		free(text);
	}
	return 0;
}

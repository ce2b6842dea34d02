/* encoding.c — converting the encodings of encoding.h to UTF-8 NFC, and
 * choosing among them.
 *
 * CP1258 and TCVN3 go through glibc's iconv ("CP1258", "TCVN5712-1"),
 * which composes tones itself but keeps the last character back until it
 * is flushed with iconv(cd, NULL, …).  VNI is not in iconv: each byte maps
 * to a letter or to the combining marks it stands for, and NFC composes
 * them.  Every result is NFC and holds no NUL byte.
 */
#include <errno.h>
#include <stdio.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>
#include "sxsh/dynbuf.h"
#include "sxsh/encoding.h"
#include "sxsh/text.h"
#include "text_internal.h"

/* ---- names -------------------------------------------------------------- */

static const struct {
	const char *name;
	const char *label_vi;
	const char *label_en;
} enc_names[SXE_COUNT] = {
	{"utf-8", "UTF-8 (Unicode)", "UTF-8 (Unicode)"},
	{"cp1258", "Windows-1258 (CP1258)", "Windows-1258 (CP1258)"},
	{"tcvn3", "TCVN3 (ABC, phông .VnTime)", "TCVN3 (ABC, .VnTime fonts)"},
	{"vni", "VNI-Windows (phông VNI-Times)",
	 "VNI-Windows (VNI-Times fonts)"},
	{"tcvn3-in-utf-8", "TCVN3 bị lưu lại dưới dạng UTF-8",
	 "TCVN3 saved again as UTF-8"},
	{"vni-in-utf-8", "VNI bị lưu lại dưới dạng UTF-8",
	 "VNI saved again as UTF-8"},
	{"utf-16", "UTF-16 (Unicode text)", "UTF-16 (Unicode text)"},
};

const char *encoding_name(enum sx_encoding enc)
{
	return (unsigned)enc < SXE_COUNT ? enc_names[enc].name : "?";
}

const char *encoding_label(enum sx_encoding enc, const char *lang)
{
	if ((unsigned)enc >= SXE_COUNT)
		return "?";
	return lang && !strcmp(lang, "en") ? enc_names[enc].label_en
					   : enc_names[enc].label_vi;
}

int encoding_parse_name(const char *name, enum sx_encoding *out)
{
	static const struct {
		const char *alias;
		enum sx_encoding enc;
	} aliases[] = {
		{"utf-8", SXE_UTF8}, {"utf8", SXE_UTF8},
		{"unicode", SXE_UTF8},
		{"cp1258", SXE_CP1258}, {"windows-1258", SXE_CP1258},
		{"windows1258", SXE_CP1258}, {"1258", SXE_CP1258},
		{"tcvn3", SXE_TCVN3}, {"tcvn", SXE_TCVN3}, {"vn3", SXE_TCVN3},
		{"abc", SXE_TCVN3}, {"tcvn5712", SXE_TCVN3},
		{"tcvn5712-1", SXE_TCVN3},
		{"vni", SXE_VNI}, {"vni-windows", SXE_VNI},
		{"tcvn3-in-utf-8", SXE_TCVN3_IN_UTF8},
		{"tcvn3-in-utf8", SXE_TCVN3_IN_UTF8},
		{"vni-in-utf-8", SXE_VNI_IN_UTF8},
		{"vni-in-utf8", SXE_VNI_IN_UTF8},
		{"utf-16", SXE_UTF16}, {"utf16", SXE_UTF16},
	};
	if (!name)
		return -1;
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
		if (!strcasecmp(name, aliases[i].alias)) {
			*out = aliases[i].enc;
			return 0;
		}
	}
	return -1;
}

/* ---- output: a dynbuf (sxsh/dynbuf.h) ---------------------------------- */

static void obuf_cp(struct dynbuf *b, utf8proc_int32_t c)
{
	utf8proc_uint8_t tmp[4];
	utf8proc_ssize_t n = utf8proc_encode_char(c, tmp);
	dynbuf_add(b, tmp, (size_t)n);
}

/* ---- helpers ------------------------------------------------------------ */

static long line_at(const char *s, size_t off)
{
	long line = 1;
	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n')
			line++;
	return line;
}

/* Offset of the first invalid UTF-8 sequence (or NUL), or len. */
static size_t utf8_first_bad(const char *s, size_t len, size_t *mb_valid,
			     size_t *mb_invalid)
{
	size_t i = 0, first = len, good = 0, badn = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		utf8proc_int32_t cp;
		utf8proc_ssize_t k;
		if (c && c < 0x80) {
			i++;
			continue;
		}
		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
				     (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0 || cp == 0) {
			if (first == len)
				first = i;
			badn++;
			if (!mb_invalid)
				break;
			i++;
			continue;
		}
		good++;
		i += (size_t)k;
	}
	if (mb_valid)
		*mb_valid = good;
	if (mb_invalid)
		*mb_invalid = badn;
	return first;
}

static enum sx_err nfc_take(struct dynbuf *b, char **out, size_t *out_len,
			    struct sx_error *err)
{
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n;

	if (b->oom) {
		free(b->p);
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	}
	if (!b->p)
		dynbuf_add(b, "", 0);
	if (!b->p)
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	b->p[b->len] = '\0';  /* reserve() leaves room but no NUL */
	if (text_is_valid_utf8(b->p, b->len)) {
		char *bulk = NULL;
		size_t bulk_len = b->len;

		/* NFC text (all of it typed precomposed) is kept as it is;
		 * decomposed text is composed letter by letter through a
		 * cache (text_latin.c): utf8proc over the whole of a 15 MB
		 * VNI file was 1 s of its import */
		if (text_latin_only(b->p, b->len)) {
			bulk = b->p;
			b->p = NULL;
		} else {
			bulk = text_nfc_bulk(b->p, b->len, &bulk_len);
			free(b->p);
			b->p = NULL;
			if (!bulk)
				return sx_error_set(err, SX_NOMEM, "", NULL,
						    "out of memory");
		}
		*out = bulk;
		if (out_len)
			*out_len = bulk_len;
		return SX_OK;
	}
	n = utf8proc_map((const utf8proc_uint8_t *)b->p,
			 (utf8proc_ssize_t)b->len,
			 &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0) {
		free(b->p);
		if (n == UTF8PROC_ERROR_NOMEM)
			return sx_error_set(err, SX_NOMEM, "", NULL,
					    "out of memory");
		return sx_error_set(err, SX_INVALID, "",
				    "Tệp không phải văn bản Unicode hợp lệ.",
				    "the file is not valid Unicode text");
	}
	free(b->p);
	b->p = NULL;
	*out = (char *)nfc;
	if (out_len)
		*out_len = (size_t)n;
	return SX_OK;
}

static enum sx_err nul_error(const char *in, size_t off, struct sx_error *err)
{
	long line = line_at(in, off);
	sx_error_set(err, SX_INVALID, "", NULL,
		     "line %ld: the file holds a NUL byte: it is not a text "
		     "file (save it as CSV)", line);
	if (err)
		snprintf(err->msg_vi, sizeof err->msg_vi,
			 "dòng %ld: tệp chứa byte NUL, không phải tệp văn "
			 "bản (hãy lưu thành CSV)", line);
	return SX_INVALID;
}

/* ---- UTF-8 -------------------------------------------------------------- */

static enum sx_err from_utf8(const char *in, size_t len, char **out,
			     size_t *out_len, struct sx_error *err)
{
	struct dynbuf b = DYNBUF_INIT;
	size_t bad;

	if (len >= 3 && !memcmp(in, "\xEF\xBB\xBF", 3)) {
		in += 3;
		len -= 3;
	}
	bad = utf8_first_bad(in, len, NULL, NULL);
	if (bad < len) {
		long line = line_at(in, bad);
		if (!in[bad])
			return nul_error(in, bad, err);
		sx_error_set(err, SX_INVALID, "", NULL,
			     "line %ld: invalid UTF-8 (byte 0x%02X); choose "
			     "the file's encoding with --encoding", line,
			     (unsigned char)in[bad]);
		if (err)
			snprintf(err->msg_vi, sizeof err->msg_vi,
				 "dòng %ld: không phải UTF-8 hợp lệ (byte "
				 "0x%02X); hãy chọn bảng mã bằng --encoding",
				 line, (unsigned char)in[bad]);
		return SX_INVALID;
	}
	dynbuf_add(&b, in, len);
	return nfc_take(&b, out, out_len, err);
}

/* ---- iconv: CP1258, TCVN3, UTF-16 --------------------------------------- */

static enum sx_err via_iconv(const char *in, size_t len, const char *from,
			     const char *to, struct dynbuf *b,
			     struct sx_error *err)
{
	iconv_t cd = iconv_open(to, from);
	char *ip = (char *)in;
	size_t ileft = len;
	enum sx_err rc = SX_OK;

	if (cd == (iconv_t)-1)
		return sx_error_set(err, SX_INVALID, "", NULL,
				    "this system cannot convert from %s", from);
	for (;;) {
		char *op;
		size_t oleft, r;
		int flushing = ileft == 0;
		if (dynbuf_reserve(b, ileft * 4 + 64)) {
			rc = sx_error_set(err, SX_NOMEM, "", NULL,
					  "out of memory");
			goto done;
		}
		op = b->p + b->len;
		oleft = b->cap - b->len - 1;
		/* The final call with NULL input flushes the character
		 * iconv holds back to combine with a following tone. */
		r = flushing ? iconv(cd, NULL, NULL, &op, &oleft)
			     : iconv(cd, &ip, &ileft, &op, &oleft);
		b->len = (size_t)(op - b->p);
		b->p[b->len] = '\0';
		if (r != (size_t)-1) {
			if (flushing)
				break;
			continue;
		}
		if (errno == E2BIG)
			continue;
		{
			size_t off = (size_t)(ip - in);
			long line = line_at(in, off);
			rc = sx_error_set(err, SX_INVALID, "", NULL,
					  "line %ld: byte 0x%02X is not valid "
					  "in %s", line,
					  off < len ? (unsigned char)in[off]
						    : 0,
					  from);
			if (err)
				snprintf(err->msg_vi, sizeof err->msg_vi,
					 "dòng %ld: byte 0x%02X không hợp lệ "
					 "trong bảng mã %s", line,
					 off < len ? (unsigned char)in[off] : 0,
					 from);
			goto done;
		}
	}
done:
	iconv_close(cd);
	return rc;
}

static enum sx_err from_iconv(const char *in, size_t len, const char *from,
			      char **out, size_t *out_len,
			      struct sx_error *err)
{
	struct dynbuf b = DYNBUF_INIT;
	enum sx_err rc;
	const char *nul = memchr(in, 0, len);

	if (nul && strcmp(from, "UTF-16"))
		return nul_error(in, (size_t)(nul - in), err);
	rc = via_iconv(in, len, from, "UTF-8", &b, err);
	if (rc) {
		free(b.p);
		return rc;
	}
	if (b.p && memchr(b.p, 0, b.len)) {
		free(b.p);
		return nul_error("", 0, err);
	}
	return nfc_take(&b, out, out_len, err);
}

/* ---- VNI ---------------------------------------------------------------- */

/* What each byte 0x80-0xFF stands for in VNI-Windows: a letter, or the
 * combining marks that follow the vowel they modify (the modifier first,
 * then the tone).  Bytes VNI leaves alone keep their CP1252 meaning. */
static const utf8proc_int32_t cp1252_high[32] = {
	0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F,
	0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178
};

#define CIRC 0x302
#define BREVE 0x306
#define GRAVE 0x300
#define ACUTE 0x301
#define TILDE 0x303
#define HOOK 0x309
#define DOT 0x323

/* Index by (byte & 0x1F) for the bytes 0xC0-0xDF and 0xE0-0xFF, which
 * mean the same in upper and lower case.  {letter upper, letter lower}
 * or marks {m1, m2}. */
static const struct vni_slot {
	utf8proc_int32_t upper, lower;  /* a letter, or 0 */
	utf8proc_int32_t m1, m2;        /* marks when not a letter */
} vni_slots[32] = {
	/* C0/E0 */ {0, 0, CIRC, GRAVE},
	/* C1/E1 */ {0, 0, CIRC, ACUTE},
	/* C2/E2 */ {0, 0, CIRC, 0},
	/* C3/E3 */ {0, 0, CIRC, TILDE},
	/* C4/E4 */ {0, 0, CIRC, DOT},
	/* C5/E5 */ {0, 0, CIRC, HOOK},
	/* C6/E6 */ {0x1EC8, 0x1EC9, 0, 0},    /* Ỉ ỉ */
	/* C7/E7 */ {0xC7, 0xE7, 0, 0},
	/* C8/E8 */ {0, 0, BREVE, GRAVE},
	/* C9/E9 */ {0, 0, BREVE, ACUTE},
	/* CA/EA */ {0, 0, BREVE, 0},
	/* CB/EB */ {0, 0, BREVE, DOT},
	/* CC/EC */ {0xCC, 0xEC, 0, 0},        /* Ì ì */
	/* CD/ED */ {0xCD, 0xED, 0, 0},        /* Í í */
	/* CE/EE */ {0x1EF4, 0x1EF5, 0, 0},    /* Ỵ ỵ */
	/* CF/EF */ {0, 0, DOT, 0},
	/* D0/F0 */ {0xD0, 0xF0, 0, 0},
	/* D1/F1 */ {0x110, 0x111, 0, 0},      /* Đ đ */
	/* D2/F2 */ {0x1ECA, 0x1ECB, 0, 0},    /* Ị ị */
	/* D3/F3 */ {0x128, 0x129, 0, 0},      /* Ĩ ĩ */
	/* D4/F4 */ {0x1A0, 0x1A1, 0, 0},      /* Ơ ơ */
	/* D5/F5 */ {0, 0, TILDE, 0},
	/* D6/F6 */ {0x1AF, 0x1B0, 0, 0},      /* Ư ư */
	/* D7/F7 */ {0xD7, 0xF7, 0, 0},
	/* D8/F8 */ {0, 0, GRAVE, 0},
	/* D9/F9 */ {0, 0, ACUTE, 0},
	/* DA/FA */ {0, 0, BREVE, HOOK},
	/* DB/FB */ {0, 0, HOOK, 0},
	/* DC/FC */ {0, 0, BREVE, TILDE},
	/* DD/FD */ {0xDD, 0xFD, 0, 0},
	/* DE/FE */ {0xDE, 0xFE, 0, 0},
	/* DF/FF */ {0xDF, 0xFF, 0, 0},
};

static void vni_decode_bytes(const unsigned char *in, size_t len,
			     struct dynbuf *b)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = in[i];
		const struct vni_slot *s;
		if (c < 0x80) {
			char ch = (char)c;
			dynbuf_add(b, &ch, 1);
			continue;
		}
		if (c < 0xA0) {
			obuf_cp(b, cp1252_high[c - 0x80]);
			continue;
		}
		if (c < 0xC0) {
			obuf_cp(b, c);
			continue;
		}
		s = &vni_slots[c & 0x1F];
		if (s->upper) {
			obuf_cp(b, c < 0xE0 ? s->upper : s->lower);
		} else {
			obuf_cp(b, s->m1);
			if (s->m2)
				obuf_cp(b, s->m2);
		}
	}
}

static enum sx_err from_vni(const char *in, size_t len, char **out,
			    size_t *out_len, struct sx_error *err)
{
	struct dynbuf b = DYNBUF_INIT;
	const char *nul = memchr(in, 0, len);

	if (nul)
		return nul_error(in, (size_t)(nul - in), err);
	dynbuf_reserve(&b, len * 2);
	vni_decode_bytes((const unsigned char *)in, len, &b);
	return nfc_take(&b, out, out_len, err);
}

/* ---- wrapped: UTF-8 whose characters are CP1252 bytes ------------------- */

static int cp1252_byte(utf8proc_int32_t c)
{
	if (c < 0x80 || (c >= 0xA0 && c <= 0xFF))
		return (int)c;
	for (int i = 0; i < 32; i++)
		if (cp1252_high[i] == c)
			return 0x80 + i;
	return -1;
}

/* Maps NFC UTF-8 back to the CP1252 bytes it was read from.  Fails when
 * a character has no CP1252 byte: the text was not wrapped. */
static enum sx_err unwrap_cp1252(const char *in, size_t len, struct dynbuf *b,
				 struct sx_error *err)
{
	char *nfc = NULL;
	size_t nlen = 0, i = 0;
	enum sx_err rc = from_utf8(in, len, &nfc, &nlen, err);

	if (rc)
		return rc;
	dynbuf_reserve(b, nlen);
	while (i < nlen) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(
			(const utf8proc_uint8_t *)nfc + i,
			(utf8proc_ssize_t)(nlen - i), &c);
		int byte = k > 0 ? cp1252_byte(c) : -1;
		if (byte < 0) {
			long line = line_at(nfc, i);
			free(nfc);
			return sx_error_set(err, SX_INVALID, "", NULL,
					    "line %ld: character U+%04X is "
					    "not a CP1252 character, so the "
					    "text is not legacy text saved as "
					    "UTF-8", line, (unsigned)c);
		}
		{
			char ch = (char)byte;
			dynbuf_add(b, &ch, 1);
		}
		i += (size_t)k;
	}
	free(nfc);
	if (b->oom)
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	return SX_OK;
}

static enum sx_err from_wrapped(const char *in, size_t len,
				enum sx_encoding inner, char **out,
				size_t *out_len, struct sx_error *err)
{
	struct dynbuf bytes = DYNBUF_INIT;
	enum sx_err rc = unwrap_cp1252(in, len, &bytes, err);

	if (!rc) {
		if (inner == SXE_VNI)
			rc = from_vni(bytes.p ? bytes.p : "", bytes.len, out,
				      out_len, err);
		else
			rc = from_iconv(bytes.p ? bytes.p : "", bytes.len,
					"TCVN5712-1", out, out_len, err);
	}
	free(bytes.p);
	return rc;
}

enum sx_err encoding_to_utf8(const char *in, size_t len,
			     enum sx_encoding enc, char **out,
			     size_t *out_len, struct sx_error *err)
{
	*out = NULL;
	switch (enc) {
	case SXE_UTF8:
		return from_utf8(in, len, out, out_len, err);
	case SXE_CP1258:
		return from_iconv(in, len, "CP1258", out, out_len, err);
	case SXE_TCVN3:
		return from_iconv(in, len, "TCVN5712-1", out, out_len, err);
	case SXE_VNI:
		return from_vni(in, len, out, out_len, err);
	case SXE_TCVN3_IN_UTF8:
		return from_wrapped(in, len, SXE_TCVN3, out, out_len, err);
	case SXE_VNI_IN_UTF8:
		return from_wrapped(in, len, SXE_VNI, out, out_len, err);
	case SXE_UTF16:
		return from_iconv(in, len, "UTF-16", out, out_len, err);
	default:
		return sx_error_set(err, SX_INVALID, "", NULL,
				    "unknown encoding %d", (int)enc);
	}
}

/* ---- the reverse, for tests and tools ----------------------------------- */

static int vni_tone_byte(utf8proc_int32_t mod, utf8proc_int32_t tone)
{
	static const utf8proc_int32_t tones[5] = {ACUTE, GRAVE, HOOK, TILDE,
						  DOT};
	static const unsigned char plain[5] = {0xF9, 0xF8, 0xFB, 0xF5, 0xEF};
	static const unsigned char circ[5] = {0xE1, 0xE0, 0xE5, 0xE3, 0xE4};
	static const unsigned char breve[5] = {0xE9, 0xE8, 0xFA, 0xFC, 0xEB};
	if (!tone)
		return mod == CIRC ? 0xE2 : mod == BREVE ? 0xEA : 0;
	for (int i = 0; i < 5; i++)
		if (tones[i] == tone)
			return mod == CIRC ? circ[i] : mod == BREVE ? breve[i]
								    : plain[i];
	return -1;
}

/* One decomposed letter (base + marks) into VNI bytes. */
static int vni_encode_letter(utf8proc_int32_t base, utf8proc_int32_t mod,
			     utf8proc_int32_t tone, struct dynbuf *b)
{
	int upper = base >= 'A' && base <= 'Z';
	int lower_base = upper ? base + 32 : base;
	unsigned char tmp[3];
	int n = 0, tb;

	if (base == 0x110 || base == 0x111) {
		if (mod || tone)
			return -1;
		tmp[n++] = base == 0x110 ? 0xD1 : 0xF1;
	} else if (mod == 0x31B) {
		if (lower_base != 'o' && lower_base != 'u')
			return -1;
		tmp[n++] = (unsigned char)((lower_base == 'o' ? 0xF4 : 0xF6) -
					   (upper ? 0x20 : 0));
		if (tone) {
			tb = vni_tone_byte(0, tone);
			if (tb < 0)
				return -1;
			tmp[n++] = (unsigned char)(tb - (upper ? 0x20 : 0));
		}
	} else if (lower_base == 'i' && tone) {
		static const utf8proc_int32_t tones[5] = {ACUTE, GRAVE, HOOK,
							  TILDE, DOT};
		static const unsigned char ib[5] = {0xED, 0xEC, 0xE6, 0xF3,
						    0xF2};
		int k = -1;
		for (int i = 0; i < 5; i++)
			if (tones[i] == tone)
				k = i;
		if (k < 0 || mod)
			return -1;
		tmp[n++] = (unsigned char)(ib[k] - (upper ? 0x20 : 0));
	} else if (lower_base == 'y' && tone == DOT && !mod) {
		tmp[n++] = upper ? 0xCE : 0xEE;
	} else {
		if (base > 0x7F || (tone && !strchr("aeiouy", lower_base)) ||
		    (mod == CIRC && !strchr("aeo", lower_base)) ||
		    (mod == BREVE && lower_base != 'a'))
			return -1;
		tmp[n++] = (unsigned char)base;
		if (mod || tone) {
			tb = vni_tone_byte(mod, tone);
			if (tb <= 0)
				return -1;
			tmp[n++] = (unsigned char)(tb - (upper ? 0x20 : 0));
		}
	}
	dynbuf_add(b, tmp, (size_t)n);
	return 0;
}

static enum sx_err to_vni(const char *utf8, struct dynbuf *b,
			  struct sx_error *err)
{
	size_t len = strlen(utf8), i = 0;

	while (i < len) {
		utf8proc_int32_t c, dec[8];
		int last = 0;
		utf8proc_ssize_t k = utf8proc_iterate(
			(const utf8proc_uint8_t *)utf8 + i,
			(utf8proc_ssize_t)(len - i), &c);
		utf8proc_ssize_t nd;
		utf8proc_int32_t mod = 0, tone = 0;
		if (k <= 0)
			return sx_error_set(err, SX_INVALID, "", NULL,
					    "invalid UTF-8");
		i += (size_t)k;
		if (c < 0x80) {
			char ch = (char)c;
			dynbuf_add(b, &ch, 1);
			continue;
		}
		nd = utf8proc_decompose_char(c, dec, 8, UTF8PROC_DECOMPOSE,
					     &last);
		/* following combining marks (NFD input) belong here too */
		while (i < len && nd < 8) {
			utf8proc_int32_t m;
			utf8proc_ssize_t km = utf8proc_iterate(
				(const utf8proc_uint8_t *)utf8 + i,
				(utf8proc_ssize_t)(len - i), &m);
			if (km <= 0 || utf8proc_category(m) !=
					       UTF8PROC_CATEGORY_MN)
				break;
			dec[nd++] = m;
			i += (size_t)km;
		}
		/* one modifier and one tone at most: anything else has
		 * no VNI form (rather than losing a mark) */
		for (int j = 1; j < nd && mod >= 0; j++) {
			if ((dec[j] == CIRC || dec[j] == BREVE ||
			     dec[j] == 0x31B) && !mod &&
			    (!tone || tone == DOT))
				mod = dec[j];
			else if ((dec[j] == GRAVE || dec[j] == ACUTE ||
				  dec[j] == TILDE || dec[j] == HOOK ||
				  dec[j] == DOT) && !tone)
				tone = dec[j];
			else
				mod = -1;
		}
		if (mod >= 0 && nd > 0 &&
		    vni_encode_letter(dec[0], mod, tone, b) == 0)
			continue;
		{
			int byte = cp1252_byte(c);
			/* only symbols VNI does not use for letters */
			if (nd == 1 && byte >= 0x80 && byte < 0xC0) {
				char ch = (char)byte;
				dynbuf_add(b, &ch, 1);
				continue;
			}
		}
		return sx_error_set(err, SX_INVALID, "", NULL,
				    "character U+%04X has no VNI form",
				    (unsigned)c);
	}
	return SX_OK;
}

static enum sx_err wrap_cp1252(const char *bytes, size_t len,
			       struct dynbuf *b)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)bytes[i];
		obuf_cp(b, c < 0x80 ? c : c < 0xA0 ? cp1252_high[c - 0x80]
						 : c);
	}
	return SX_OK;
}

enum sx_err encoding_from_utf8(const char *utf8, enum sx_encoding enc,
			       char **out, size_t *out_len,
			       struct sx_error *err)
{
	struct dynbuf b = DYNBUF_INIT;
	enum sx_err rc = SX_OK;

	*out = NULL;
	switch (enc) {
	case SXE_UTF8:
		dynbuf_add(&b, utf8, strlen(utf8));
		break;
	case SXE_CP1258:
		rc = via_iconv(utf8, strlen(utf8), "UTF-8", "CP1258", &b, err);
		break;
	case SXE_TCVN3:
		rc = via_iconv(utf8, strlen(utf8), "UTF-8", "TCVN5712-1", &b,
			       err);
		break;
	case SXE_UTF16:
		rc = via_iconv(utf8, strlen(utf8), "UTF-8", "UTF-16", &b, err);
		break;
	case SXE_VNI:
		rc = to_vni(utf8, &b, err);
		break;
	case SXE_TCVN3_IN_UTF8:
	case SXE_VNI_IN_UTF8: {
		struct dynbuf legacy = DYNBUF_INIT;
		if (enc == SXE_VNI_IN_UTF8)
			rc = to_vni(utf8, &legacy, err);
		else
			rc = via_iconv(utf8, strlen(utf8), "UTF-8",
				       "TCVN5712-1", &legacy, err);
		if (!rc && !legacy.oom)
			wrap_cp1252(legacy.p ? legacy.p : "", legacy.len, &b);
		if (legacy.oom)
			b.oom = 1;
		free(legacy.p);
		break;
	}
	default:
		rc = sx_error_set(err, SX_INVALID, "", NULL,
				  "unknown encoding %d", (int)enc);
	}
	if (!rc && !b.oom && !b.p)
		dynbuf_add(&b, "", 0);
	if (!rc && b.oom)
		rc = sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	if (rc) {
		free(b.p);
		return rc;
	}
	*out = b.p;
	if (out_len)
		*out_len = b.len;
	return SX_OK;
}

/* ---- detection ---------------------------------------------------------- */

static int is_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/* 1 when some character of NFC-able UTF-8 text has no CP1252 byte, so
 * the text cannot be wrapped legacy text. */
static int has_non_cp1252(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
				     (utf8proc_ssize_t)(len - i), &c);
		if (k <= 0)
			return 1;
		/* combining marks of NFD text compose away; count only
		 * characters that stay */
		if (cp1252_byte(c) < 0 && !(c >= 0x300 && c <= 0x36F) &&
		    c != 0xFEFF)
			return 1;
		i += (size_t)k;
	}
	return 0;
}

static void score_candidate(const char *in, size_t len, enum sx_encoding e,
			    struct encoding_guess *g)
{
	char *text = NULL;
	size_t tlen = 0;
	long good = 0, bad = 0, odd = 0;

	if (encoding_to_utf8(in, len, e, &text, &tlen, NULL) != SX_OK) {
		g->decodes[e] = 0;
		return;
	}
	g->decodes[e] = 1;
	g->score[e] = encoding_score_utf8(text, tlen, &good, &bad, &odd);
	g->good_words[e] = good;
	g->bad_words[e] = bad;
	free(text);
}

/* Files up to this size are scored whole; larger ones by windows of
 * whole lines spread evenly over the file (scoring every candidate over
 * 17 MB took seconds; a few MB tell the encodings apart as well). */
#define DETECT_WHOLE (4u << 20)
#define DETECT_WINDOWS 64
#define DETECT_WINDOW (DETECT_WHOLE / DETECT_WINDOWS)

static int sample_lines(const char *in, size_t len, char **out,
			size_t *out_len)
{
	struct dynbuf b = DYNBUF_INIT;
	size_t step = len / DETECT_WINDOWS;

	for (int w = 0; w < DETECT_WINDOWS; w++) {
		size_t start = (size_t)w * step, end;
		const char *nl;
		/* from the start of a line to the end of a line */
		if (start) {
			nl = memchr(in + start, '\n', len - start);
			if (!nl)
				break;
			start = (size_t)(nl - in) + 1;
		}
		end = start + DETECT_WINDOW < len ? start + DETECT_WINDOW : len;
		nl = end < len ? memchr(in + end, '\n', len - end) : NULL;
		end = nl ? (size_t)(nl - in) + 1 : len;
		dynbuf_add(&b, in + start, end - start);
	}
	if (b.oom) {
		free(b.p);
		return -1;
	}
	*out = b.p ? b.p : NULL;
	*out_len = b.len;
	if (!b.p) {
		dynbuf_add(&b, "", 0);
		*out = b.p;
	}
	return *out ? 0 : -1;
}

enum sx_err encoding_detect(const char *in, size_t len,
			    enum sx_encoding *out,
			    struct encoding_guess *guess,
			    struct sx_error *err)
{
	struct encoding_guess local;
	struct encoding_guess *g = guess ? guess : &local;
	size_t mb_valid = 0, mb_invalid = 0, bad;
	static const enum sx_encoding legacy[] = {SXE_CP1258, SXE_TCVN3,
						  SXE_VNI};
	static const enum sx_encoding wrapped[] = {SXE_UTF8,
						   SXE_TCVN3_IN_UTF8,
						   SXE_VNI_IN_UTF8};
	const enum sx_encoding *cands;
	int ncands = 3;

	memset(g, 0, sizeof *g);
	g->encoding = SXE_UTF8;
	*out = SXE_UTF8;
	if (len >= 2 && (!memcmp(in, "\xFF\xFE", 2) ||
			 !memcmp(in, "\xFE\xFF", 2))) {
		g->encoding = *out = SXE_UTF16;
		g->decodes[SXE_UTF16] = 1;
		return SX_OK;
	}
	if (is_ascii(in, len)) {
		const char *nul = memchr(in, 0, len);
		if (nul)
			return nul_error(in, (size_t)(nul - in), err);
		g->decodes[SXE_UTF8] = 1;
		return SX_OK;
	}
	bad = utf8_first_bad(in, len, &mb_valid, &mb_invalid);
	if (bad < len) {
		if (!in[bad])
			return nul_error(in, bad, err);
		/* UTF-8 with some broken sequences is a damaged
		 * UTF-8 file; reading it as a legacy encoding would turn
		 * every correct letter into two wrong ones. */
		/* legacy text forms a valid UTF-8 pair only by accident
		 * (a few in a hundred marked letters) */
		if (mb_valid * 4 > mb_invalid) {
			char *unused = NULL;
			enum sx_err rc = from_utf8(in, len, &unused, NULL, err);
			free(unused);
			return rc ? rc : SX_INVALID;
		}
		cands = legacy;
	} else {
		size_t off = len >= 3 && !memcmp(in, "\xEF\xBB\xBF", 3) ? 3 : 0;
		if (has_non_cp1252(in + off, len - off)) {
			g->decodes[SXE_UTF8] = 1;
			return SX_OK;
		}
		cands = wrapped;
	}
	if (len <= DETECT_WHOLE) {
		for (int i = 0; i < ncands; i++)
			score_candidate(in, len, cands[i], g);
	} else {
		char *sample = NULL;
		size_t slen = 0;
		if (sample_lines(in, len, &sample, &slen))
			return sx_error_set(err, SX_NOMEM, "", NULL,
					    "out of memory");
		for (int i = 0; i < ncands; i++)
			score_candidate(sample, slen, cands[i], g);
		free(sample);
	}
	{
		int best = -1;
		for (int i = 0; i < ncands; i++) {
			enum sx_encoding e = cands[i];
			if (!g->decodes[e])
				continue;
			if (best < 0 || g->score[e] > g->score[best])
				best = (int)e;
		}
		if (best < 0)
			return sx_error_set(err, SX_INVALID, "",
					    "Không nhận ra bảng mã của tệp; "
					    "hãy chọn bằng --encoding.",
					    "cannot tell the file's encoding; "
					    "choose it with --encoding");
		g->encoding = *out = (enum sx_encoding)best;
	}
	return SX_OK;
}

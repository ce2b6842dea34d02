/* record_value.c — the value codec (record_value.h): one function that
 * judges a value by its field type and writes its canonical form.
 *
 * Numbers are handled as digit strings, never through a double, so that
 * the canonical form of a canonical value is itself, whatever its size.
 * Each type has one rule; the written forms (canonical, typed) differ only
 * in how the text is read, never in what is then allowed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sxsh/record_value.h"
#include "sxsh/taxcode.h"
#include "sxsh/text.h"

/* Long enough for any number text_decimal_plain reads. */
#define PLAIN_MAX 448

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t digits_at(const char *s)
{
	size_t n = 0;

	while (is_digit(s[n]))
		n++;
	return n;
}

static enum sx_value_verdict take(const char *s, char **canon)
{
	if (!*s)
		return SXV_OK;
	*canon = strdup(s);
	return *canon ? SXV_OK : SXV_NOMEM;
}

/* ---- text ----------------------------------------------------------- */

/* Windows line ends become "\n": a note pasted or imported from a CSV
 * file carries "\r\n". */
static void unix_line_ends(char *s)
{
	char *out = s;

	for (const char *p = s; *p; p++) {
		if (*p == '\r') {
			*out++ = '\n';
			if (p[1] == '\n')
				p++;
		} else {
			*out++ = *p;
		}
	}
	*out = '\0';
}

static int has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f)
			return 1;
	return 0;
}

static int phone_ok(const char *s)
{
	int digits = 0;

	for (const char *p = s; *p; p++) {
		if (is_digit(*p))
			digits++;
		else if (!strchr(" +-.()", *p))
			return 0;
	}
	return digits >= RECORD_VALUE_PHONE_MIN &&
	       digits <= RECORD_VALUE_PHONE_MAX;
}

static int max_chars(const struct sx_field *f)
{
	return f->max_len ? f->max_len : RECORD_VALUE_TEXT_MAX;
}

static enum sx_value_verdict text_value(const struct sx_field *f,
					const char *s, char **canon)
{
	int long_text = f->max_len > RECORD_VALUE_TEXT_MAX;
	char *clean = long_text ? text_nfc(s) : text_clean(s);
	enum sx_value_verdict v = SXV_OK;

	if (!clean)
		return SXV_NOMEM;
	if (long_text)
		unix_line_ends(clean);
	if (has_control(clean))
		v = SXV_CONTROL;
	else if (text_chars(clean) > (size_t)max_chars(f))
		v = SXV_TOO_LONG;
	else if (*clean && f->type == SXF_PHONE && !phone_ok(clean))
		v = SXV_BAD_PHONE;
	if (v == SXV_OK && *clean) {
		*canon = clean;
		return SXV_OK;
	}
	free(clean);
	return v;
}

/* ---- numbers -------------------------------------------------------- */

/* s in the canonical syntax of the type: "-?D" for whole types,
 * "-?D(.F)?" for DECIMAL (a sign is read, to be refused as negative). */
static int canonical_number(const char *s, int decimal)
{
	size_t n;

	if (*s == '-')
		s++;
	n = digits_at(s);
	if (!n)
		return 0;
	s += n;
	if (decimal && *s == '.') {
		n = digits_at(s + 1);
		if (!n)
			return 0;
		s += 1 + n;
	}
	return *s == '\0';
}

/* Rounds the fraction frac (digits) to places, half up, in place; 1 when
 * the rounding carries into the whole part. */
static int round_fraction(char *frac, size_t places)
{
	size_t i;

	if (strlen(frac) <= places)
		return 0;
	if (frac[places] < '5') {
		frac[places] = '\0';
		return 0;
	}
	frac[places] = '\0';
	for (i = places; i-- > 0;) {
		if (frac[i] != '9') {
			frac[i]++;
			return 0;
		}
		frac[i] = '0';
	}
	return 1;
}

/* Adds one to the digit string whole (room for one more digit). */
static void increment(char *whole)
{
	size_t n = strlen(whole), i = n;

	while (i-- > 0) {
		if (whole[i] != '9') {
			whole[i]++;
			return;
		}
		whole[i] = '0';
	}
	memmove(whole + 1, whole, n + 1);
	whole[0] = '1';
}

static int year_of(const char *iso)
{
	return atoi(iso);
}

/* plain is "-?D(.F)?" (digits only). */
static enum sx_value_verdict number_value(const struct sx_field *f,
					  const char *plain,
					  const char *today, char **canon)
{
	char whole[PLAIN_MAX + 2], frac[PLAIN_MAX + 1];
	char out[2 * PLAIN_MAX + 4];
	int neg = *plain == '-';
	const char *p = plain + neg, *dot;
	size_t nw;

	while (*p == '0' && is_digit(p[1]))
		p++;
	dot = strchr(p, '.');
	nw = dot ? (size_t)(dot - p) : strlen(p);
	if (nw > PLAIN_MAX || strlen(dot ? dot + 1 : "") > PLAIN_MAX)
		return SXV_TOO_LARGE;
	memcpy(whole, p, nw);
	whole[nw] = '\0';
	snprintf(frac, sizeof frac, "%s", dot ? dot + 1 : "");
	if (neg && strspn(whole, "0") + strspn(frac, "0") !=
		   strlen(whole) + strlen(frac))
		return SXV_NEGATIVE;
	if (nw > RECORD_VALUE_WHOLE_DIGITS)
		return SXV_TOO_LARGE;
	if (f->type != SXF_DECIMAL) {
		if (strspn(frac, "0") != strlen(frac))
			return SXV_NOT_WHOLE;
		frac[0] = '\0';
	} else if (round_fraction(frac, RECORD_VALUE_DECIMAL_PLACES)) {
		increment(whole);
		if (strlen(whole) > RECORD_VALUE_WHOLE_DIGITS)
			return SXV_TOO_LARGE;
	}
	nw = strlen(frac);
	while (nw > 0 && frac[nw - 1] == '0')
		frac[--nw] = '\0';
	if (f->type == SXF_YEAR) {
		int y = atoi(whole);
		int last = today ? year_of(today)
				 : year_of(RECORD_VALUE_LAST_DATE);
		if (strlen(whole) > 4 || y < year_of(RECORD_VALUE_FIRST_DATE) ||
		    y > last)
			return SXV_BAD_YEAR;
	}
	snprintf(out, sizeof out, "%s%s%s", whole, *frac ? "." : "", frac);
	return take(out, canon);
}

static enum sx_value_verdict read_number(const struct sx_field *f,
					 const char *s,
					 enum sx_value_form form,
					 const char *today, char **canon)
{
	char plain[PLAIN_MAX + 1];
	int decimal = f->type == SXF_DECIMAL;

	if (form != SXV_TYPED && canonical_number(s, decimal))
		return strlen(s) > PLAIN_MAX ? SXV_TOO_LARGE
					     : number_value(f, s, today, canon);
	if (form == SXV_CANONICAL ||
	    text_decimal_plain(s, plain, sizeof plain))
		return SXV_NOT_NUMBER;
	return number_value(f, plain, today, canon);
}

/* ---- dates ---------------------------------------------------------- */

static enum sx_value_verdict date_value(const char *s,
					enum sx_value_form form,
					const char *today, char **canon)
{
	char iso[11];

	if (form == SXV_CANONICAL &&
	    (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	     digits_at(s) != 4 || digits_at(s + 5) != 2 ||
	     digits_at(s + 8) != 2))
		return SXV_BAD_DATE;
	if (text_parse_date(s, iso))
		return SXV_BAD_DATE;
	if (today && strcmp(iso, today) > 0)
		return SXV_FUTURE;
	if (strcmp(iso, RECORD_VALUE_LAST_DATE) > 0)
		return SXV_BAD_DATE;
	if (strcmp(iso, RECORD_VALUE_FIRST_DATE) < 0)
		return SXV_TOO_OLD;
	return take(iso, canon);
}

/* ---- words: yes/no and choices ------------------------------------- */

const char *record_value_bool(const char *typed)
{
	static const char *const yes[] = {"1", "x", "co", "yes", "y", "true",
					  "dung", NULL};
	static const char *const no[] = {"0", "khong", "no", "n", "false",
					 "sai", NULL};
	const char *r = NULL;
	char *f;

	if (!strcmp(typed, "0") || !strcmp(typed, "1"))
		return typed[0] == '1' ? "1" : "0";
	if (!(f = text_fold(typed)))
		return NULL;
	for (int i = 0; yes[i] && !r; i++)
		if (!strcmp(f, yes[i]))
			r = "1";
	for (int i = 0; no[i] && !r; i++)
		if (!strcmp(f, no[i]))
			r = "0";
	free(f);
	return r;
}

static int folded_equal(const char *label, const char *want)
{
	char *f = text_fold(label);
	int eq = f && !strcmp(f, want);

	free(f);
	return eq;
}

const char *record_value_choice(const struct sx_field *f, const char *typed)
{
	const char *key = NULL;
	char *want;

	if (!f->choices)
		return NULL;
	/* The stored key itself is the common case: no folding needed. */
	for (const struct sx_choice *c = f->choices; c->key; c++)
		if (!strcmp(c->key, typed))
			return c->key;
	if (!(want = text_fold(typed)))
		return NULL;
	for (const struct sx_choice *c = f->choices; c->key && !key; c++)
		if (folded_equal(c->label_vi, want) ||
		    folded_equal(c->label_en, want) ||
		    folded_equal(c->key, want))
			key = c->key;
	free(want);
	return key;
}

static enum sx_value_verdict choice_value(const struct sx_field *f,
					  const char *s,
					  enum sx_value_form form,
					  char **canon)
{
	const char *key = NULL;

	if (form == SXV_CANONICAL) {
		for (const struct sx_choice *c = f->choices; c && c->key; c++)
			if (!strcmp(c->key, s))
				key = c->key;
	} else {
		key = record_value_choice(f, s);
	}
	return key ? take(key, canon) : SXV_BAD_CHOICE;
}

/* ---- codes ---------------------------------------------------------- */

static enum sx_value_verdict ref_value(const char *s, char **canon)
{
	char lower[SX_UUID_LEN + 1];

	if (!uuid_is_valid(s))
		return SXV_BAD_REF;
	/* Identity is lowercase everywhere. */
	for (size_t i = 0; i <= SX_UUID_LEN; i++)
		lower[i] = (char)(s[i] >= 'A' && s[i] <= 'F' ? s[i] - 'A' + 'a'
							      : s[i]);
	return take(lower, canon);
}

static enum sx_value_verdict tax_value(const char *s,
				       enum sx_value_form form, char **canon)
{
	char compact[16];
	size_t n = digits_at(s);

	if (form == SXV_CANONICAL && (s[n] || (n != 10 && n != 13)))
		return SXV_TAX_FORMAT;
	switch (taxcode_check(s, compact, sizeof compact)) {
	case TAXCODE_OK:
		return take(compact, canon);
	case TAXCODE_BAD_FORMAT:
		return SXV_TAX_FORMAT;
	case TAXCODE_BAD_CHECK:
	case TAXCODE_NO_CHECK:
		return SXV_TAX_CHECK;
	case TAXCODE_BAD_SEQUENCE:
		return SXV_TAX_SEQUENCE;
	case TAXCODE_BAD_BRANCH:
		return SXV_TAX_BRANCH;
	}
	return SXV_TAX_FORMAT;
}

enum sx_value_verdict record_value_check(const struct sx_field *f,
					 const char *value,
					 enum sx_value_form form,
					 const char *today, char **canon)
{
	size_t n;

	*canon = NULL;
	if (!text_is_valid_utf8(value, strlen(value)))
		return SXV_BAD_UTF8;
	switch (f->type) {
	case SXF_TEXT:
	case SXF_PHONE:
		return text_value(f, value, canon);
	case SXF_INT:
	case SXF_YEAR:
	case SXF_MONEY:
	case SXF_DECIMAL:
		return read_number(f, value, form, today, canon);
	case SXF_DATE:
		return date_value(value, form, today, canon);
	case SXF_BOOL: {
		const char *b = form == SXV_CANONICAL ? NULL
						      : record_value_bool(value);
		if (form == SXV_CANONICAL &&
		    (!strcmp(value, "0") || !strcmp(value, "1")))
			b = value;
		return b ? take(b, canon) : SXV_BAD_BOOL;
	}
	case SXF_CHOICE:
		return choice_value(f, value, form, canon);
	case SXF_REF:
		return ref_value(value, canon);
	case SXF_COMMUNE:
		n = digits_at(value);
		return n == 5 && !value[n] ? take(value, canon)
					   : SXV_BAD_COMMUNE;
	case SXF_VSIC:
		n = digits_at(value);
		return n >= 1 && n <= 5 && !value[n] ? take(value, canon)
						     : SXV_BAD_VSIC;
	case SXF_TAXCODE:
		return tax_value(value, form, canon);
	}
	/* A type added to record.h and not here is refused, never guessed. */
	return SXV_UNKNOWN_TYPE;
}

/* ---- reasons -------------------------------------------------------- */

/* "<intro>: A, B, C" with the choice labels of f in one language, cut
 * with "…" when the buffer is full: a value outside the list says what
 * the list holds. */
static void allowed(const struct sx_field *f, int english,
		    const char *intro, char *buf, size_t sz)
{
	size_t len = (size_t)snprintf(buf, sz, "%s:", intro);

	for (int i = 0; f->choices && f->choices[i].key && len < sz; i++) {
		const char *l = english ? f->choices[i].label_en
					: f->choices[i].label_vi;
		if (len + strlen(l) + 8 >= sz) {
			snprintf(buf + len, sz - len, " …");
			break;
		}
		len += (size_t)snprintf(buf + len, sz - len, "%s %s",
					i ? "," : "", l);
	}
}

void record_value_reason(const struct sx_field *f, enum sx_value_verdict v,
			 int english, char *buf, size_t sz)
{
	static const char *const vi_en[][2] = {
		[SXV_OK] = {"", ""},
		[SXV_NOMEM] = {"hết bộ nhớ", "out of memory"},
		[SXV_UNKNOWN_TYPE] = {"kiểu dữ liệu không biết",
				      "has a type this program does not know"},
		[SXV_BAD_UTF8] = {"không phải văn bản UTF-8 hợp lệ",
				  "is not valid UTF-8 text"},
		[SXV_CONTROL] = {"có ký tự điều khiển",
				 "contains control characters"},
		[SXV_TOO_LONG] = {"", ""},
		[SXV_BAD_PHONE] = {"số điện thoại không hợp lệ",
				   "is not a phone number"},
		[SXV_NOT_NUMBER] = {"phải là một số", "must be a number"},
		[SXV_NEGATIVE] = {"không được âm", "must not be negative"},
		[SXV_TOO_LARGE] = {"quá lớn", "is too large"},
		[SXV_NOT_WHOLE] = {"phải là số nguyên",
				   "must be a whole number"},
		[SXV_BAD_YEAR] = {"năm không hợp lệ", "is not a valid year"},
		[SXV_BAD_DATE] = {"ngày không hợp lệ (dd/mm/yyyy)",
				  "is not a valid date (dd/mm/yyyy)"},
		[SXV_TOO_OLD] = {"quá xa trong quá khứ", "is too far back"},
		[SXV_FUTURE] = {"không được ở tương lai",
				"must not be in the future"},
		[SXV_BAD_BOOL] = {"phải là có/không (1/0)",
				  "must be yes/no (1/0)"},
		[SXV_BAD_CHOICE] = {"", ""},
		[SXV_BAD_REF] = {"mã bản ghi không hợp lệ",
				 "is not a record id"},
		[SXV_BAD_COMMUNE] = {"không phải mã xã (5 chữ số)",
				     "is not a commune code (5 digits)"},
		[SXV_BAD_VSIC] = {"mã ngành VSIC 2018 không tồn tại",
				  "is not a VSIC 2018 code"},
		[SXV_TAX_FORMAT] = {"phải có 10 chữ số hoặc dạng "
				    "NNNNNNNNNN-NNN",
				    "must be 10 digits or NNNNNNNNNN-NNN"},
		[SXV_TAX_CHECK] = {"sai chữ số kiểm tra",
				   "has a wrong check digit"},
		[SXV_TAX_SEQUENCE] = {"số thứ tự không hợp lệ",
				      "has an invalid sequence number"},
		[SXV_TAX_BRANCH] = {"mã chi nhánh phải từ 001 đến 999",
				    "branch must be 001 to 999"},
	};

	if (!sz)
		return;
	if (v == SXV_TOO_LONG)
		snprintf(buf, sz, english ? "is too long (at most %d "
			 "characters)" : "quá dài (tối đa %d ký tự)",
			 max_chars(f));
	else if (v == SXV_BAD_CHOICE)
		allowed(f, english, english ? "is not one of the allowed "
			"values" : "giá trị không có trong danh sách; chọn "
			"một trong", buf, sz);
	else if ((size_t)v < sizeof vi_en / sizeof vi_en[0])
		snprintf(buf, sz, "%s", vi_en[v][english != 0]);
	else
		snprintf(buf, sz, "%s", english ? "is not valid"
						: "không hợp lệ");
}

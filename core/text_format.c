/* text_format.c — Vietnamese numbers and dates, both ways.
 *
 * Shown: thousands '.', decimal ',' ("1.234.567,5"), dates dd/mm/yyyy.
 * Stored: plain C numbers and ISO dates "yyyy-mm-dd".  Parsing accepts what
 * people type in Vietnam and in spreadsheets exported elsewhere, and
 * refuses anything ambiguous rather than guess.  Nothing here depends on
 * the C locale (the program calls setlocale, and a Vietnamese LC_NUMERIC
 * would change printf's and strtod's decimal point).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sxsh/text.h"

#define NUMBER_MAX 400	/* digits of DBL_MAX plus room */

/* Copies digits (an optional '-' then ASCII digits, then optionally a
 * decimal point and more digits) into out with '.' between groups of three
 * in the integer part and ',' as decimal mark.  out gets "" when it is too
 * small. */
static void group_digits(const char *digits, char *out, size_t outsz)
{
	char buf[NUMBER_MAX * 2];
	const char *p = digits;
	size_t int_len, pos = 0;

	if (*p == '-')
		buf[pos++] = *p++;
	int_len = strspn(p, "0123456789");
	for (size_t i = 0; i < int_len; i++) {
		if (i > 0 && (int_len - i) % 3 == 0)
			buf[pos++] = '.';
		buf[pos++] = p[i];
	}
	p += int_len;
	if (*p && !(*p >= '0' && *p <= '9')) {
		/* printf's decimal point, whatever the locale made it */
		buf[pos++] = ',';
		p++;
		while (*p >= '0' && *p <= '9' && pos < sizeof buf - 1)
			buf[pos++] = *p++;
	}
	buf[pos] = '\0';
	if (outsz == 0)
		return;
	if (pos >= outsz)
		pos = 0;
	memcpy(out, buf, pos);
	out[pos] = '\0';
}

void text_format_int(long long v, char *out, size_t outsz)
{
	char digits[32];

	snprintf(digits, sizeof digits, "%lld", v);
	group_digits(digits, out, outsz);
}

void text_format_decimal(double v, int decimals, char *out, size_t outsz)
{
	char digits[NUMBER_MAX];

	if (!isfinite(v)) {
		if (outsz > 0)
			out[0] = '\0';
		return;
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > 20)
		decimals = 20;
	snprintf(digits, sizeof digits, "%.*f", decimals, v);
	/* -0,0 after rounding is just 0,0 */
	if (digits[0] == '-' && digits[strspn(digits + 1, "0.,") + 1] == '\0')
		memmove(digits, digits + 1, strlen(digits));
	group_digits(digits, out, outsz);
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int is_date(int y, int m, int d)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
				    30, 31 };

	if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= days[m - 1] + (m == 2 && is_leap(y));
}

/* Reads 1 to max ASCII digits at *p into *v and advances *p; returns how
 * many digits it read (0 when none or too many). */
static int read_digits(const char **p, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (**p >= '0' && **p <= '9') {
		if (++n > max)
			return 0;
		*v = *v * 10 + (**p - '0');
		(*p)++;
	}
	return n;
}

int text_format_date(const char *iso, char *out, size_t outsz)
{
	const char *p = iso;
	int y, m, d;

	if (!iso || !out || outsz < 11)
		return -1;
	if (read_digits(&p, 4, &y) != 4 || *p++ != '-' ||
	    read_digits(&p, 2, &m) != 2 || *p++ != '-' ||
	    read_digits(&p, 2, &d) != 2 || *p != '\0' || !is_date(y, m, d))
		return -1;
	snprintf(out, outsz, "%02d/%02d/%04d", d, m, y);
	return 0;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int text_parse_date(const char *s, char iso[11])
{
	const char *p = s;
	int a, b, c, na, nb, nc, y, m, d;
	char sep;

	if (!s)
		return -1;
	while (is_blank(*p))
		p++;
	na = read_digits(&p, 4, &a);
	sep = *p;
	if (sep != '/' && sep != '-' && sep != '.')
		return -1;
	p++;
	nb = read_digits(&p, 2, &b);
	if (*p++ != sep)
		return -1;
	nc = read_digits(&p, 4, &c);
	while (is_blank(*p))
		p++;
	if (*p != '\0' || nb == 0)
		return -1;
	if (na == 4 && sep == '-' && nc >= 1 && nc <= 2) {
		y = a;
		m = b;
		d = c;
	} else if (na >= 1 && na <= 2 && nc == 4) {
		d = a;
		m = b;
		y = c;
	} else {
		return -1;
	}
	if (!is_date(y, m, d))
		return -1;
	/* the modulos tell the compiler the fields fit (is_date did) */
	snprintf(iso, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
		 (unsigned)m % 100u, (unsigned)d % 100u);
	return 0;
}

/* Length of the grouping separator at p (a space, a no-break space or a
 * narrow no-break space, as spreadsheets write them), or 0. */
static size_t space_sep_len(const char *p)
{
	if (*p == ' ')
		return 1;
	if (!strncmp(p, "\xc2\xa0", 2))
		return 2;
	if (!strncmp(p, "\xe2\x80\xaf", 3))
		return 3;
	return 0;
}

/* Parses an integer part that is either plain digits or digit groups
 * (first 1-3 digits, not a lone 0, then exactly 3) separated by spaces or,
 * when dots_group, by '.'.  Appends the digits to *out.  Returns the number
 * of bytes read from p, or 0 when the text there is not such a number. */
static size_t parse_int_part(const char *p, int dots_group, char **out)
{
	const char *start = p;
	size_t group = 0, groups = 0;
	int grouped = 0;

	for (;;) {
		size_t sep;

		if (*p >= '0' && *p <= '9') {
			*(*out)++ = *p++;
			group++;
			continue;
		}
		sep = space_sep_len(p);
		if (!sep && dots_group && *p == '.')
			sep = 1;
		if (!sep || !(p[sep] >= '0' && p[sep] <= '9'))
			break;
		/* a separator: the group before it must be a valid one */
		if (group == 0 || (groups == 0 && group > 3) ||
		    (groups > 0 && group != 3) ||
		    (groups == 0 && group == 1 && p[-1] == '0'))
			return 0;
		grouped = 1;
		groups++;
		group = 0;
		p += sep;
	}
	if (group == 0 || (grouped && group != 3))
		return 0;
	return (size_t)(p - start);
}

/* The digits of s as written (sign, whole part and fraction run
 * together, at most NUMBER_MAX + 2 bytes with the NUL) into digits, and
 * the count of fraction digits into *frac.  0, or -1 when s is not a
 * number in the forms text_parse_decimal accepts. */
static int decimal_digits(const char *s, char *digits, size_t *frac_out)
{
	char *out = digits;
	const char *p = s, *end;
	size_t len, used, frac = 0;
	int commas = 0, dots = 0, dots_group;

	while (is_blank(*p))
		p++;
	len = strlen(p);
	while (len > 0 && is_blank(p[len - 1]))
		len--;
	if (len == 0 || len > NUMBER_MAX)
		return -1;
	end = p + len;
	for (const char *q = p; q < end; q++) {
		commas += *q == ',';
		dots += *q == '.';
	}
	if (commas > 1)
		return -1;
	if (*p == '-' || *p == '+') {
		if (*p == '-')
			*out++ = '-';
		p++;
	}
	/* With a comma, dots can only be grouping.  Without one, one dot
	 * followed by exactly three digits is grouping too ("1.234" is 1234
	 * in Vietnamese), unless the number cannot be grouped that way
	 * ("0.125", "1234.567" are decimals). */
	dots_group = commas == 1 || dots > 1;
	used = 0;
	if (!dots_group && dots == 1) {
		char *mark = out;

		used = parse_int_part(p, 1, &out);
		if (p + used != end) {
			out = mark;
			used = 0;
		}
	}
	if (!used)
		used = parse_int_part(p, dots_group, &out);
	if (!used && (*p == ',' || *p == '.'))
		*out++ = '0';	/* ",5" */
	else if (!used)
		return -1;
	p += used;
	if (p < end && (*p == ',' || (*p == '.' && !dots_group))) {
		p++;
		while (p < end && *p >= '0' && *p <= '9') {
			*out++ = *p++;
			frac++;
		}
		if (frac == 0)
			return -1;
	}
	if (p != end)
		return -1;
	*out = '\0';
	*frac_out = frac;
	return 0;
}

int text_decimal_plain(const char *s, char *out, size_t outsz)
{
	char digits[NUMBER_MAX + 32];
	size_t frac, n, whole;
	int neg;

	if (!s || !out || decimal_digits(s, digits, &frac))
		return -1;
	neg = digits[0] == '-';
	n = strlen(digits + neg);
	whole = n - frac;
	if ((size_t)snprintf(out, outsz, "%s%.*s%s%s", neg ? "-" : "",
			     (int)whole, digits + neg, frac ? "." : "",
			     digits + neg + whole) >= outsz)
		return -1;
	return 0;
}

int text_parse_decimal(const char *s, double *v)
{
	char digits[NUMBER_MAX + 32];	/* + sign, "0", exponent */
	char *out;
	size_t frac;
	double value;

	if (!s || !v || decimal_digits(s, digits, &frac))
		return -1;
	out = digits + strlen(digits);
	/* an exponent instead of a decimal point keeps strtod away from the
	 * locale's decimal point */
	snprintf(out, 24, "e-%zu", frac);
	errno = 0;
	value = strtod(digits, &out);
	if (*out != '\0' || errno == ERANGE || !isfinite(value))
		return -1;
	*v = value;
	return 0;
}

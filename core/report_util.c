/* report_util.c — helpers the report renderers share: tolerant JSON
 * look-ups and number/date formatting in the Vietnamese way.
 *
 * Decimals arrive as canonical strings ("1234.5678"); they are rounded and
 * regrouped as text, never through a double, so what is printed is what
 * was hashed.
 */
#include <stdarg.h>
#include <string.h>
#include <utf8proc.h>
#include "report_internal.h"
#include "sxsh/text.h"

const json_t *report_util_get(const json_t *root, ...)
{
	va_list ap;
	const char *key;
	const json_t *cur = root;

	va_start(ap, root);
	while (cur && (key = va_arg(ap, const char *)) != NULL)
		cur = json_is_object(cur) ? json_object_get(cur, key) : NULL;
	va_end(ap);
	return cur;
}

const char *report_util_funding(const json_t *total, int *i,
				long long *cost)
{
	const json_t *by = json_object_get(total, "cost_by_funding");

	for (; *i < SX_FUNDING_N; (*i)++) {
		const char *key = indicators_funding_keys[*i];
		if ((*cost = report_util_int(by, key)) != 0) {
			(*i)++;
			return key;
		}
	}
	return NULL;
}

long long report_util_int(const json_t *obj, const char *key)
{
	const json_t *v = json_is_object(obj) ? json_object_get(obj, key)
					      : NULL;
	return json_is_integer(v) ? json_integer_value(v) : 0;
}

const char *report_util_str(const json_t *obj, const char *key)
{
	const json_t *v = json_is_object(obj) ? json_object_get(obj, key)
					      : NULL;
	return json_is_string(v) ? json_string_value(v) : "";
}

/* Groups the digits of an unsigned digit string with '.' into out. */
static void group_digits(const char *digits, size_t nd, char *out, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < nd && o + 2 < n; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			out[o++] = '.';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

void report_util_fmt_int(long long v, char *out, size_t n)
{
	char digits[32];
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v
				     : (unsigned long long)v;

	if (n == 0)
		return;
	snprintf(digits, sizeof digits, "%llu", u);
	if (v < 0 && n > 1) {
		out[0] = '-';
		group_digits(digits, strlen(digits), out + 1, n - 1);
	} else {
		group_digits(digits, strlen(digits), out, n);
	}
}

void report_util_fmt_dec(const char *canon, int decimals, char *out,
			 size_t n)
{
	char ip[48], fp[24];
	size_t ni = 0, nf = 0, o;

	memset(fp, '0', sizeof fp);
	if (decimals < 0)
		decimals = 0;
	if (decimals > 20)
		decimals = 20;
	int neg = 0;
	const char *c = canon;

	if (n == 0)
		return;
	out[0] = '\0';
	if (!c || !*c)
		return;
	if (*c == '-') {
		neg = 1;
		c++;
	}
	while (*c >= '0' && *c <= '9' && ni + 1 < sizeof ip)
		ip[ni++] = *c++;
	if (*c == '.')
		c++;
	while (*c >= '0' && *c <= '9' && nf + 1 < sizeof fp)
		fp[nf++] = *c++;
	if (ni == 0)
		ip[ni++] = '0';
	while ((int)nf < decimals + 1 && nf + 1 < sizeof fp)
		fp[nf++] = '0';
	/* Round half up at `decimals`, carrying through the digits. */
	if (fp[decimals] >= '5') {
		int i = decimals - 1, carry = 1;
		for (; carry && i >= 0; i--) {
			if (fp[i] == '9') {
				fp[i] = '0';
			} else {
				fp[i]++;
				carry = 0;
			}
		}
		for (i = (int)ni - 1; carry && i >= 0; i--) {
			if (ip[i] == '9') {
				ip[i] = '0';
			} else {
				ip[i]++;
				carry = 0;
			}
		}
		if (carry && ni + 1 < sizeof ip) {
			memmove(ip + 1, ip, ni);
			ip[0] = '1';
			ni++;
		}
	}
	/* Drop a minus sign on a value that rounds to zero. */
	if (neg) {
		int zero = 1;
		for (size_t i = 0; i < ni; i++)
			zero &= ip[i] == '0';
		for (int i = 0; i < decimals; i++)
			zero &= fp[i] == '0';
		neg = !zero;
	}
	o = 0;
	if (neg && n > 1)
		out[o++] = '-';
	group_digits(ip, ni, out + o, n - o);
	o = strlen(out);
	if (decimals > 0 && o + 1 + (size_t)decimals < n) {
		out[o++] = ',';
		memcpy(out + o, fp, (size_t)decimals);
		out[o + (size_t)decimals] = '\0';
	}
}

void report_util_fmt_pct(const char *rate, char *out, size_t n)
{
	char canon[48];
	const char *dot;
	size_t ni;

	if (!rate || !*rate) {
		snprintf(out, n, "–");
		return;
	}
	/* "0.8571" × 100 = "85.71": move the point two places. */
	dot = strchr(rate, '.');
	ni = dot ? (size_t)(dot - rate) : strlen(rate);
	if (ni + 8 > sizeof canon) {
		snprintf(out, n, "?");
		return;
	}
	{
		char frac[8] = "00";
		const char *f = dot ? dot + 1 : "";
		size_t nf = strlen(f);
		memcpy(canon, rate, ni);
		for (size_t i = 0; i < 2; i++)
			canon[ni + i] = i < nf ? f[i] : '0';
		canon[ni + 2] = '.';
		snprintf(frac, sizeof frac, "%s", nf > 2 ? f + 2 : "0");
		snprintf(canon + ni + 3, sizeof canon - ni - 3, "%s", frac);
	}
	report_util_fmt_dec(canon, 1, out, n > 1 ? n - 1 : n);
	/* strip leading zeros such as "085,7" */
	while (out[0] == '0' && out[1] >= '0' && out[1] <= '9')
		memmove(out, out + 1, strlen(out));
	strncat(out, "%", n - strlen(out) - 1);
}

void report_util_fmt_date(const char *iso, char *out, size_t n)
{
	char buf[11];

	if (iso && text_format_date(iso, buf, sizeof buf) == 0)
		snprintf(out, n, "%s", buf);
	else
		snprintf(out, n, "%s", iso ? iso : "");
}

int report_util_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(s);
	utf8proc_int32_t cp;
	int w = 0;

	while (len > 0) {
		utf8proc_ssize_t k = utf8proc_iterate(p, len, &cp);
		if (k <= 0) {  /* invalid byte: count it as one column */
			w++;
			p++;
			len--;
			continue;
		}
		w += utf8proc_charwidth(cp);
		p += k;
		len -= k;
	}
	return w;
}

const char *report_util_place(const char *name)
{
	static const char *const prefixes[] = {
		"Huyện ", "Thành phố ", "Thị xã ", "Quận ", "Tỉnh "};

	for (size_t i = 0; name && i < 5; i++) {
		size_t k = strlen(prefixes[i]);
		if (!strncmp(name, prefixes[i], k))
			return name + k;
	}
	return name ? name : "";
}

const char *report_util_status(const char *status, const char *lang)
{
	static const char *const labels[][3] = {
		{"draft", "dự thảo", "draft"},
		{"finalised", "đã chốt", "finalised"},
		{"queued", "chờ gửi", "queued"},
		{"sent", "đã gửi", "sent"},
		{"accepted", "đã được chấp nhận", "accepted"},
		{"returned", "bị trả lại", "returned"},
	};
	int en = lang && !strcmp(lang, "en");

	for (size_t i = 0; status && i < sizeof labels / sizeof labels[0];
	     i++)
		if (!strcmp(labels[i][0], status))
			return labels[i][en ? 2 : 1];
	return status ? status : "";
}

/* desk_form.c — the fields of a form body (application/x-www-form-
 * urlencoded): "a=1&b=x%20y".  Decoded in one owned buffer; a value must
 * be valid UTF-8 without NUL, since it may reach the store and the page.
 */
#include <stdlib.h>
#include <string.h>
#include "sxsh/text.h"
#include "desk.h"

static int hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..n) into dst (at most n bytes and a NUL); -1 on a bad
 * escape. */
static long decode(char *dst, const char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			dst[o++] = ' ';
		} else if (s[i] == '%') {
			if (i + 2 >= n)
				return -1;
			int hi = hex((unsigned char)s[i + 1]);
			int lo = hex((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			dst[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			dst[o++] = s[i];
		}
	}
	dst[o] = '\0';
	return (long)o;
}

enum sx_err desk_form_parse(struct desk_form *f, const char *body, size_t len)
{
	memset(f, 0, sizeof *f);
	/* A field without '=' or '&' decodes to two NUL-ended strings
	 * from fewer bytes: room for that per field. */
	f->text = malloc(len + 2 * DESK_MAX_FIELDS + 1);
	if (!f->text)
		return SX_NOMEM;
	char *out = f->text;
	size_t i = 0;
	while (i < len) {
		size_t end = i;
		while (end < len && body[end] != '&')
			end++;
		if (end > i) {
			if (f->n == DESK_MAX_FIELDS)
				return SX_INVALID;
			size_t eq = i;
			while (eq < end && body[eq] != '=')
				eq++;
			long kl = decode(out, body + i, eq - i);
			if (kl < 0 || !text_is_valid_utf8(out, (size_t)kl))
				return SX_INVALID;
			f->key[f->n] = out;
			out += kl + 1;
			size_t vs = eq < end ? eq + 1 : end;
			long vl = decode(out, body + vs, end - vs);
			if (vl < 0 || !text_is_valid_utf8(out, (size_t)vl))
				return SX_INVALID;
			f->val[f->n++] = out;
			out += vl + 1;
		}
		i = end + 1;
	}
	return SX_OK;
}

const char *desk_form_get(const struct desk_form *f, const char *key)
{
	for (int i = 0; i < f->n; i++)
		if (strcmp(f->key[i], key) == 0)
			return f->val[i];
	return NULL;
}

void desk_form_release(struct desk_form *f)
{
	free(f->text);
	memset(f, 0, sizeof *f);
}

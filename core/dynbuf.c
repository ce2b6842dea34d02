/* dynbuf.c — the growing buffer of dynbuf.h.  Capacity doubles, so n
 * appends cost O(total length). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sxsh/dynbuf.h"

void dynbuf_init(struct dynbuf *b)
{
	memset(b, 0, sizeof *b);
}

void dynbuf_release(struct dynbuf *b)
{
	free(b->p);
	dynbuf_init(b);
}

void dynbuf_reset(struct dynbuf *b)
{
	b->len = 0;
	b->oom = 0;
	if (b->p)
		b->p[0] = '\0';
}

int dynbuf_reserve(struct dynbuf *b, size_t n)
{
	size_t cap;
	char *np;

	if (b->oom)
		return -1;
	if (n < b->cap - b->len && b->p)
		return 0;
	if (n > (size_t)-1 / 2 - b->len - 1) {
		b->oom = 1;
		return -1;
	}
	cap = b->cap ? b->cap : 256;
	while (cap < b->len + n + 1)
		cap *= 2;
	np = realloc(b->p, cap);
	if (!np) {
		b->oom = 1;
		return -1;
	}
	b->p = np;
	b->cap = cap;
	return 0;
}

void dynbuf_add(struct dynbuf *b, const void *data, size_t n)
{
	if (dynbuf_reserve(b, n))
		return;
	if (n)
		memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void dynbuf_adds(struct dynbuf *b, const char *s)
{
	dynbuf_add(b, s, strlen(s));
}

void dynbuf_addc(struct dynbuf *b, char c)
{
	dynbuf_add(b, &c, 1);
}

void dynbuf_addf(struct dynbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = 1;
		return;
	}
	if (dynbuf_reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char *dynbuf_str(const struct dynbuf *b)
{
	return b->p ? b->p : "";
}

char *dynbuf_take(struct dynbuf *b, size_t *len)
{
	char *s = NULL;

	if (!b->oom)
		s = b->p ? b->p : strdup("");
	if (s && len)
		*len = b->len;
	if (s == b->p)
		b->p = NULL;    /* handed to the caller */
	dynbuf_release(b);
	return s;
}

/* dynbuf.h — a growing byte buffer (curl's dynbuf, git's strbuf).
 *
 * Appends never fail loudly: the first allocation that fails sets oom,
 * frees nothing already written and turns every later append into a
 * no-op, so a writer appends freely and checks once at the end.  The
 * text is always NUL-terminated (when not empty).
 *
 *	struct dynbuf b = DYNBUF_INIT;
 *	dynbuf_addf(&b, "%d rows", n);
 *	if (b.oom) …
 *	char *s = dynbuf_take(&b, &len);   // the caller frees s
 */
#ifndef SXSH_DYNBUF_H
#define SXSH_DYNBUF_H

#include <stddef.h>

struct dynbuf {
	char *p;        /* owned; NULL until the first append */
	size_t len;     /* bytes written, without the NUL */
	size_t cap;
	int oom;        /* an append failed: the content is incomplete */
};

#define DYNBUF_INIT {NULL, 0, 0, 0}

void dynbuf_init(struct dynbuf *b);
/* Frees the memory; b is empty (and not oom) again. */
void dynbuf_release(struct dynbuf *b);
/* Empties b, keeping its memory for the next text; an earlier failed
 * append is forgotten with the text it spoilt. */
void dynbuf_reset(struct dynbuf *b);

/* Room for n more bytes and the NUL after len, for a writer that fills
 * b->p + b->len itself (then adds to len and writes the NUL).  0, or -1
 * when b is or becomes oom. */
int dynbuf_reserve(struct dynbuf *b, size_t n);

void dynbuf_add(struct dynbuf *b, const void *data, size_t n);
void dynbuf_adds(struct dynbuf *b, const char *s);
void dynbuf_addc(struct dynbuf *b, char c);
void dynbuf_addf(struct dynbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The text so far, borrowed: "" when empty, valid until the next append
 * or release. */
const char *dynbuf_str(const struct dynbuf *b);

/* Hands the text over (malloc'd, NUL-terminated; "" when empty) and
 * empties b; *len (may be NULL) gets its length.  NULL when b is oom or
 * on OOM — b is released either way. */
char *dynbuf_take(struct dynbuf *b, size_t *len);

#endif

/* field.c — single-line wide-character text entry (see field.h). */
#include <stdlib.h>
#include <string.h>
#include "field.h"
#include "term.h"
#include "sxsh/text.h"

void field_init(struct field *f)
{
	memset(f, 0, sizeof *f);
}

void field_release(struct field *f)
{
	free(f->buf);
	memset(f, 0, sizeof *f);
}

static int reserve(struct field *f, size_t need)
{
	wchar_t *nb;
	size_t cap;

	if (need + 1 <= f->cap)
		return 0;
	cap = f->cap ? f->cap * 2 : 32;
	while (cap < need + 1)
		cap *= 2;
	nb = realloc(f->buf, cap * sizeof *nb);
	if (!nb)
		return -1;
	f->buf = nb;
	f->cap = cap;
	return 0;
}

/* Decodes UTF-8 into the buffer; -1 on invalid input or out of memory. */
static int load_utf8(struct field *f, const char *s)
{
	mbstate_t st;
	size_t len = s ? strlen(s) : 0;

	f->len = 0;
	if (reserve(f, len))
		return -1;
	memset(&st, 0, sizeof st);
	while (len > 0) {
		wchar_t c;
		size_t r = mbrtowc(&c, s, len, &st);
		if (r == (size_t)-1 || r == (size_t)-2 || r == 0)
			return -1;
		if (c == L'\r' || (c == L'\n' && !f->multiline))
			c = L' ';   /* one line: a pasted newline is a space */
		if (c == L'\t')
			c = L' ';
		f->buf[f->len++] = c;
		s += r;
		len -= r;
	}
	f->buf[f->len] = 0;
	return 0;
}

/* Raw UTF-8 of the buffer (not normalised); caller frees. */
static char *raw_utf8(const struct field *f)
{
	char *out = malloc(f->len * MB_CUR_MAX + 1);
	char *p = out;
	mbstate_t st;

	if (!out)
		return NULL;
	memset(&st, 0, sizeof st);
	for (size_t i = 0; i < f->len; i++) {
		size_t r = wcrtomb(p, f->buf[i], &st);
		if (r == (size_t)-1)
			continue;
		p += r;
	}
	*p = 0;
	return out;
}

int field_set(struct field *f, const char *utf8)
{
	int rc;

	if (reserve(f, 0))
		return -1;
	rc = load_utf8(f, utf8);
	if (rc) {
		f->len = 0;
		f->buf[0] = 0;
	}
	f->cur = f->len;
	f->scroll = 0;
	return rc;
}

char *field_text(const struct field *f)
{
	char *raw = raw_utf8(f), *nfc;

	if (!raw)
		return NULL;
	nfc = text_nfc(raw);
	if (!nfc)
		return raw;   /* not expected: the buffer is valid UTF-8 */
	free(raw);
	return nfc;
}

int field_empty(const struct field *f)
{
	return f->len == 0;
}

/* Recomposes the buffer after a combining mark arrived, keeping the
 * cursor after the same user-visible character. */
static void recompose(struct field *f)
{
	size_t after = f->len - f->cur;
	char *raw = raw_utf8(f), *nfc;

	if (!raw)
		return;
	nfc = text_nfc(raw);
	free(raw);
	if (!nfc)
		return;
	if (load_utf8(f, nfc) == 0)
		f->cur = f->len >= after ? f->len - after : 0;
	free(nfc);
}

static int is_mark(wchar_t c)
{
	return c != 0 && term_wcwidth(c) == 0;
}

/* Index of the start of the character before / after i (a base letter
 * with the marks that follow it). */
static size_t prev_char(const struct field *f, size_t i)
{
	if (i == 0)
		return 0;
	i--;
	while (i > 0 && is_mark(f->buf[i]))
		i--;
	return i;
}

static size_t next_char(const struct field *f, size_t i)
{
	if (i >= f->len)
		return f->len;
	i++;
	while (i < f->len && is_mark(f->buf[i]))
		i++;
	return i;
}

static void cut(struct field *f, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(f->buf + from, f->buf + to,
		(f->len - to + 1) * sizeof *f->buf);
	f->len -= to - from;
	f->cur = from;
}

static enum field_result insert(struct field *f, wchar_t c)
{
	if (f->max_chars && f->len >= f->max_chars) {
		term_beep();
		return FIELD_IGNORED;
	}
	if (reserve(f, f->len + 1))
		return FIELD_IGNORED;
	memmove(f->buf + f->cur + 1, f->buf + f->cur,
		(f->len - f->cur + 1) * sizeof *f->buf);
	f->buf[f->cur++] = c;
	f->len++;
	if (is_mark(c))
		recompose(f);
	return FIELD_CHANGED;
}

enum field_result field_key(struct field *f, int key)
{
	size_t i;

	if (reserve(f, 0))
		return FIELD_IGNORED;
	switch (key) {
	case TK_LEFT:
		f->cur = prev_char(f, f->cur);
		return FIELD_MOVED;
	case TK_RIGHT:
		f->cur = next_char(f, f->cur);
		return FIELD_MOVED;
	case TK_HOME: case TK_CTRL('a'):
		f->cur = 0;
		return FIELD_MOVED;
	case TK_END: case TK_CTRL('e'):
		f->cur = f->len;
		return FIELD_MOVED;
	case TK_BACKSPACE:
		if (f->cur == 0)
			return FIELD_MOVED;
		cut(f, prev_char(f, f->cur), f->cur);
		return FIELD_CHANGED;
	case TK_DELETE: case TK_CTRL('d'):
		if (f->cur >= f->len)
			return FIELD_MOVED;
		i = f->cur;
		cut(f, i, next_char(f, i));
		return FIELD_CHANGED;
	case TK_CTRL('u'):
		cut(f, 0, f->cur);
		return FIELD_CHANGED;
	case TK_CTRL('k'):
		f->len = f->cur;
		f->buf[f->len] = 0;
		return FIELD_CHANGED;
	case TK_ENTER:
		if (!f->multiline)
			return FIELD_IGNORED;
		return insert(f, L'\n');
	case TK_CTRL('w'):
		i = f->cur;
		while (i > 0 && f->buf[i - 1] == L' ')
			i--;
		while (i > 0 && f->buf[i - 1] != L' ')
			i--;
		cut(f, i, f->cur);
		return FIELD_CHANGED;
	default:
		if (key >= 32 && key != 127 && key < TK_SPECIAL &&
		    !(key >= 0x80 && key < 0xa0))
			return insert(f, (wchar_t)key);
		return FIELD_IGNORED;
	}
}

int field_draw(struct field *f, int y, int x, int w, int active)
{
	int col = 0, curcol, skip;
	size_t start = 0;

	if (reserve(f, 0) || w <= 0)
		return x;
	if (!active) {
		/* Not being edited: the beginning, "…" where cut. */
		f->scroll = 0;
		term_fill(y, x, w, TA_FIELD);
		term_wprint(y, x, w, TA_FIELD, f->buf, f->len);
		return x;
	}
	for (size_t i = 0; i < f->cur; i++)
		col += term_wcwidth(f->buf[i]);
	curcol = col;
	/* Keep the cursor inside the window, with one column spare. */
	if (curcol - f->scroll >= w)
		f->scroll = curcol - w + 1;
	if (curcol < f->scroll)
		f->scroll = curcol;
	if (f->scroll < 0)
		f->scroll = 0;
	skip = 0;
	while (start < f->len && skip + term_wcwidth(f->buf[start]) <=
	       f->scroll) {
		skip += term_wcwidth(f->buf[start]);
		start++;
	}
	while (start < f->len && is_mark(f->buf[start]))
		start++;
	term_fill(y, x, w, active ? TA_FIELD_ON : TA_FIELD);
	term_wprint(y, x, w, active ? TA_FIELD_ON : TA_FIELD,
		    f->buf + start, f->len - start);
	return x + curcol - skip;
}

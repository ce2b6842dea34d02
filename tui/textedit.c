/* textedit.c — multi-line editing over a field (see textedit.h).
 *
 * Screen lines are recomputed from the text at every use (narratives are
 * a few thousand characters at most): a line ends at '\n' or where the
 * next character would pass the width, preferring the last space.
 */
#include <stdlib.h>
#include <string.h>
#include "term.h"
#include "textedit.h"

void textedit_init(struct textedit *t)
{
	memset(t, 0, sizeof *t);
	field_init(&t->f);
	t->f.multiline = 1;
	t->f.max_chars = 4000;
	t->width = 60;
	t->height = 10;
}

void textedit_release(struct textedit *t)
{
	field_release(&t->f);
}

/* Start index of every screen line into *starts (malloc'd); returns the
 * count (at least 1). */
static int layout(const struct textedit *t, size_t **starts)
{
	const wchar_t *b = t->f.buf;
	size_t len = t->f.len, cap = 16, n = 0, i = 0;
	size_t *s = malloc(cap * sizeof *s);
	int w = t->width > 1 ? t->width - 1 : 1;  /* room for the cursor */

	if (!s) {
		*starts = NULL;
		return 0;
	}
	s[n++] = 0;
	while (i < len) {
		size_t start = i, last_space = 0;
		int col = 0;
		while (i < len && b[i] != L'\n') {
			int cw = term_wcwidth(b[i]);
			if (col + cw > w)
				break;
			if (b[i] == L' ')
				last_space = i + 1;
			col += cw;
			i++;
		}
		if (i < len && b[i] == L'\n') {
			i++;
		} else if (i < len && b[i] == L' ') {
			i++;   /* the space where the line is full ends it */
		} else if (i < len && last_space > start) {
			i = last_space;   /* wrap after the last space */
		} else if (i == start && i < len) {
			i++;   /* a letter wider than the window: alone */
		}
		if (i >= len && !(len > 0 && b[len - 1] == L'\n'))
			break;
		if (n == cap) {
			size_t *ns = realloc(s, 2 * cap * sizeof *s);
			if (!ns)
				break;
			s = ns;
			cap *= 2;
		}
		s[n++] = i;
	}
	*starts = s;
	return (int)n;
}

static int line_of(const size_t *starts, int n, size_t pos)
{
	int line = 0;
	while (line + 1 < n && starts[line + 1] <= pos)
		line++;
	return line;
}

static int col_of(const struct textedit *t, size_t from, size_t pos)
{
	int col = 0;
	for (size_t i = from; i < pos && i < t->f.len; i++)
		if (t->f.buf[i] != L'\n')
			col += term_wcwidth(t->f.buf[i]);
	return col;
}

/* Index in line `line` nearest to display column col. */
static size_t pos_at(const struct textedit *t, const size_t *starts, int n,
		     int line, int col)
{
	size_t i = starts[line];
	size_t end = line + 1 < n ? starts[line + 1] : t->f.len;
	int c = 0;

	while (i < end && t->f.buf[i] != L'\n') {
		int cw = term_wcwidth(t->f.buf[i]);
		if (c + cw > col)
			break;
		c += cw;
		i++;
	}
	/* a wrapped line's end is the next line's start: stay before it */
	if (i == end && line + 1 < n && i > starts[line])
		i--;
	return i;
}

enum field_result textedit_key(struct textedit *t, int key)
{
	size_t *starts;
	int n, line, col, target;
	enum field_result r = FIELD_MOVED;

	if (key != TK_UP && key != TK_DOWN && key != TK_PGUP &&
	    key != TK_PGDN && key != TK_HOME && key != TK_END)
		return field_key(&t->f, key);
	n = layout(t, &starts);
	if (n == 0)
		return FIELD_IGNORED;
	line = line_of(starts, n, t->f.cur);
	col = col_of(t, starts[line], t->f.cur);
	switch (key) {
	case TK_HOME:
		t->f.cur = starts[line];
		break;
	case TK_END:
		t->f.cur = pos_at(t, starts, n, line, 1 << 30);
		break;
	default:
		target = line + (key == TK_UP ? -1 : key == TK_DOWN ? 1 :
				 key == TK_PGUP ? -t->height : t->height);
		if (target < 0)
			target = 0;
		if (target >= n)
			target = n - 1;
		t->f.cur = pos_at(t, starts, n, target, col);
		break;
	}
	free(starts);
	return r;
}

void textedit_draw(struct textedit *t, int y, int x, int h, int w,
		   int active, int *cy, int *cx)
{
	size_t *starts;
	int n, line;
	enum term_attr a = active ? TA_FIELD_ON : TA_FIELD;

	t->width = w;
	t->height = h;
	for (int r = 0; r < h; r++)
		term_fill(y + r, x, w, a);
	n = layout(t, &starts);
	if (n == 0)
		return;
	line = line_of(starts, n, t->f.cur);
	if (line < t->top)
		t->top = line;
	if (line >= t->top + h)
		t->top = line - h + 1;
	for (int r = 0; r < h && t->top + r < n; r++) {
		int l = t->top + r;
		size_t s = starts[l];
		size_t e = l + 1 < n ? starts[l + 1] : t->f.len;
		while (e > s && t->f.buf[e - 1] == L'\n')
			e--;
		term_wprint(y + r, x, w, a, t->f.buf + s, e - s);
	}
	*cy = y + line - t->top;
	*cx = x + col_of(t, starts[line], t->f.cur);
	free(starts);
}

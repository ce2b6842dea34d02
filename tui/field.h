/* field.h — one line of text being typed: wide characters, a cursor, and
 * horizontal scrolling by display columns.
 *
 * The buffer is kept composed: when the terminal sends a letter and then
 * its combining tone mark (NFD input), the pair is recomposed at once, so
 * that backspace removes the letter the user sees and the cursor column
 * matches the screen.  field_text returns NFC UTF-8.
 */
#ifndef SXSH_TUI_FIELD_H
#define SXSH_TUI_FIELD_H

#include <stddef.h>
#include <wchar.h>

struct field {
	wchar_t *buf;     /* owned, len characters, NUL-terminated */
	size_t len, cap;
	size_t cur;       /* cursor: index into buf, 0..len */
	int scroll;       /* first display column shown */
	size_t max_chars; /* 0: no limit */
	int multiline;    /* keep '\n' (textedit.h); else it becomes ' ' */
};

enum field_result { FIELD_IGNORED = 0, FIELD_MOVED, FIELD_CHANGED };

void field_init(struct field *f);
void field_release(struct field *f);
/* Replaces the text (NULL clears) and puts the cursor at the end.
 * Returns 0, or -1 on invalid UTF-8 or out of memory. */
int field_set(struct field *f, const char *utf8);
/* The text as NFC UTF-8; the caller frees it.  NULL on out of memory. */
char *field_text(const struct field *f);
int field_empty(const struct field *f);
/* Applies an editing key (term.h codes): characters insert; Backspace and
 * Delete remove one user-visible character; arrows, Home/End, Ctrl-A/E
 * move; Ctrl-U / Ctrl-K cut to start / end; Ctrl-W removes a word. */
enum field_result field_key(struct field *f, int key);
/* Draws the field in w columns at (y, x); returns the screen column of
 * the cursor. */
int field_draw(struct field *f, int y, int x, int w, int active);

#endif

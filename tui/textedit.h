/* textedit.h — a multi-line text editor for the report's narrative
 * texts: a field (field.h) whose text keeps its line breaks, shown
 * wrapped to the window's width, with the cursor moved by screen line
 * (↑↓), by page (PgUp/PgDn) and to the ends of a line (Home/End). */
#ifndef SXSH_TUI_TEXTEDIT_H
#define SXSH_TUI_TEXTEDIT_H

#include "field.h"

struct textedit {
	struct field f;      /* multiline */
	int top;             /* first screen line shown */
	int width;           /* of the last draw: wrapping depends on it */
	int height;
};

void textedit_init(struct textedit *t);
void textedit_release(struct textedit *t);
/* As field_key, plus Enter (new line), ↑↓, PgUp/PgDn, Home/End by screen
 * line. */
enum field_result textedit_key(struct textedit *t, int key);
/* Draws in the h×w window at (y, x); *cy, *cx get the cursor cell. */
void textedit_draw(struct textedit *t, int y, int x, int h, int w,
		   int active, int *cy, int *cx);

#endif

/* term.h — the terminal: the only door to curses.
 *
 * Every other tui file draws and reads keys through these functions, so
 * that one file knows ncurses (init, teardown, colours, wide input,
 * resize) and the rest stay plain C over UTF-8 strings.  Coordinates are
 * screen cells (row, column); widths are display columns (a Vietnamese
 * letter is one column whatever its tone marks, a CJK letter two).
 */
#ifndef SXSH_TUI_TERM_H
#define SXSH_TUI_TERM_H

#include <stddef.h>
#include <wchar.h>

/* Keys: a Unicode character is its code point (control characters
 * included: TK_CTRL('s') is Ctrl-S); special keys live above Unicode. */
enum term_keycode {
	TK_NONE = -1,
	TK_SPECIAL = 0x200000,
	TK_UP, TK_DOWN, TK_LEFT, TK_RIGHT, TK_HOME, TK_END,
	TK_PGUP, TK_PGDN, TK_BACKSPACE, TK_DELETE, TK_ENTER, TK_TAB,
	TK_BTAB, TK_ESC, TK_RESIZE, TK_INSERT,
	TK_F1, TK_F2, TK_F3, TK_F4, TK_F5, TK_F6, TK_F7, TK_F8, TK_F9,
	TK_F10, TK_F11, TK_F12
};
#define TK_CTRL(c) ((c) & 0x1f)

/* What a cell means; term.c maps it to a colour pair, or to reverse and
 * bold on a monochrome terminal. */
enum term_attr {
	TA_NORMAL = 0,
	TA_TITLE,      /* top line */
	TA_TAB,        /* a screen name in the top line */
	TA_TAB_ON,     /* the current screen's name */
	TA_BAR_KEY,    /* function-key bar: the key */
	TA_BAR_LABEL,  /* function-key bar: what it does */
	TA_SELECTED,   /* list row under the cursor */
	TA_HEADER,     /* list column headings */
	TA_FIELD,      /* an input field */
	TA_FIELD_ON,   /* the input field being edited */
	TA_ERROR,      /* validation message, failure */
	TA_OK,         /* saved, success */
	TA_DIM,        /* hints */
	TA_DIALOG,     /* dialog box body */
	TA_BAR_FILL,   /* a progress bar's filled part */
	TA_COUNT
};

/* Starts curses on the terminal: cbreak-like raw input (so Ctrl-S and
 * Ctrl-C reach us), no echo, keypad, colours when the terminal has them.
 * Installs handlers so that SIGTERM, SIGHUP, SIGINT and fatal signals
 * restore the terminal.  Returns 0, or -1 when there is no terminal. */
int term_init(void);
/* Restores the terminal.  Safe to call more than once and from atexit. */
void term_end(void);
/* The signal that asked us to stop (SIGTERM, SIGHUP, SIGINT), or 0. */
int term_stop_signal(void);
/* 1 when the terminal shows colours. */
int term_has_colour(void);

int term_rows(void);
int term_cols(void);

/* Next key without waiting, or TK_NONE. */
int term_read_key(void);

void term_clear(void);
/* Sends what changed to the terminal. */
void term_flush(void);
void term_beep(void);
/* Shows the cursor at (y, x), or hides it when y < 0. */
void term_cursor(int y, int x);

/* Draws UTF-8 s at (y, x), clipped to maxw columns (and the screen
 * edge).  Returns the columns drawn. Invalid bytes show as '?'. */
int term_print(int y, int x, int maxw, enum term_attr a, const char *s);
/* Like term_print, then pads with spaces to exactly w columns. */
void term_print_pad(int y, int x, int w, enum term_attr a, const char *s);
/* Draws n wide characters at (y, x) clipped to maxw columns; returns
 * columns drawn. */
int term_wprint(int y, int x, int maxw, enum term_attr a,
		const wchar_t *ws, size_t n);
/* w spaces in attribute a. */
void term_fill(int y, int x, int w, enum term_attr a);
/* A box outline (ASCII-safe line drawing) with a cleared inside. */
void term_box(int y, int x, int h, int w, enum term_attr a);

/* Display columns of UTF-8 s / of one wide character (0 for combining
 * marks, 2 for wide letters, 1 for anything unprintable). */
int term_width(const char *s);
/* Splits text at '\n' and at word boundaries into lines of width w and
 * draws at most maxrows of them from row y (nothing when y < 0, to
 * count); returns the rows used. */
int term_print_wrapped(int y, int x, int w, int maxrows,
		       enum term_attr a, const char *text);
int term_wcwidth(wchar_t c);

#endif

/* term.c — owns curses: start-up, teardown on every exit path, colours or
 * their monochrome stand-ins, wide-character keys and output.
 *
 * Invariant: while `active` is set the terminal is in curses mode; every
 * way out (return from tui_run, exit, SIGTERM/SIGHUP/SIGINT, a fatal
 * signal) passes through term_end, which leaves the terminal as it was.
 * The locale is set by main before we start (ncursesw needs UTF-8 to read
 * and draw Vietnamese).
 */
#include <curses.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "term.h"

static int active;
static int colour;
static volatile sig_atomic_t stop_signal;
static attr_t attrs[TA_COUNT];

/* Terminates with the default action after restoring the screen.  endwin
 * is not async-signal-safe, but the process is dying anyway and a usable
 * terminal is worth the risk (htop does the same). */
static void on_fatal(int sig)
{
	if (active) {
		active = 0;
		endwin();
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Only records the request: the main loop sees poll() interrupted and
 * leaves through the normal teardown. */
static void on_stop(int sig)
{
	stop_signal = sig;
}

static void install_handlers(void)
{
	struct sigaction sa;
	static const int stops[] = {SIGTERM, SIGHUP, SIGINT, SIGQUIT};
	static const int fatals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop;   /* no SA_RESTART: poll must wake up */
	for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++)
		sigaction(stops[i], &sa, NULL);
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < sizeof fatals / sizeof fatals[0]; i++)
		sigaction(fatals[i], &sa, NULL);
}

static void setup_attrs(void)
{
	colour = has_colors() && getenv("SXSH_MONO") == NULL;
	if (colour) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_WHITE, COLOR_BLUE);    /* title, tabs */
		init_pair(2, COLOR_BLACK, COLOR_CYAN);    /* bar label, sel */
		init_pair(3, COLOR_RED, -1);              /* error */
		init_pair(4, COLOR_GREEN, -1);            /* ok */
		init_pair(5, COLOR_BLACK, COLOR_WHITE);   /* field */
		init_pair(6, COLOR_BLACK, COLOR_YELLOW);  /* field in use */
		init_pair(7, COLOR_YELLOW, COLOR_BLUE);   /* current tab */
		init_pair(8, COLOR_WHITE, COLOR_GREEN);   /* progress bar */
		attrs[TA_TITLE] = COLOR_PAIR(1) | A_BOLD;
		attrs[TA_TAB] = COLOR_PAIR(1);
		attrs[TA_TAB_ON] = COLOR_PAIR(7) | A_BOLD;
		attrs[TA_BAR_KEY] = A_BOLD;
		attrs[TA_BAR_LABEL] = COLOR_PAIR(2);
		attrs[TA_SELECTED] = COLOR_PAIR(2);
		attrs[TA_HEADER] = A_BOLD | A_UNDERLINE;
		attrs[TA_FIELD] = COLOR_PAIR(5);
		attrs[TA_FIELD_ON] = COLOR_PAIR(6);
		attrs[TA_ERROR] = COLOR_PAIR(3) | A_BOLD;
		attrs[TA_OK] = COLOR_PAIR(4) | A_BOLD;
		attrs[TA_DIM] = A_DIM;
		attrs[TA_DIALOG] = COLOR_PAIR(1);
		attrs[TA_BAR_FILL] = COLOR_PAIR(8);
	} else {
		/* Monochrome: reverse marks what is selected or editable,
		 * bold what needs attention. */
		attrs[TA_TITLE] = A_REVERSE;
		attrs[TA_TAB] = A_REVERSE;
		attrs[TA_TAB_ON] = A_BOLD;
		attrs[TA_BAR_KEY] = A_BOLD;
		attrs[TA_BAR_LABEL] = A_REVERSE;
		attrs[TA_SELECTED] = A_REVERSE;
		attrs[TA_HEADER] = A_BOLD | A_UNDERLINE;
		attrs[TA_FIELD] = A_UNDERLINE;
		attrs[TA_FIELD_ON] = A_REVERSE;
		attrs[TA_ERROR] = A_BOLD;
		attrs[TA_OK] = A_BOLD;
		attrs[TA_DIM] = A_NORMAL;
		attrs[TA_DIALOG] = A_NORMAL;
		attrs[TA_BAR_FILL] = A_REVERSE;
	}
}

int term_init(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return -1;
	/* Short Esc: a lone Esc closes a form; 25 ms still joins the bytes
	 * of an escape sequence on a slow serial line or ssh link. */
	set_escdelay(25);
	if (!initscr())
		return -1;
	active = 1;
	atexit(term_end);
	install_handlers();
	raw();            /* Ctrl-S (save) and Ctrl-C reach the program */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	setup_attrs();
	return 0;
}

void term_end(void)
{
	if (!active)
		return;
	active = 0;
	curs_set(1);
	endwin();
}

int term_stop_signal(void)
{
	return stop_signal;
}

int term_has_colour(void)
{
	return colour;
}

int term_rows(void)
{
	return LINES;
}

int term_cols(void)
{
	return COLS;
}

static int map_special(int code)
{
	if (code >= KEY_F(1) && code <= KEY_F(12))
		return TK_F1 + (code - KEY_F(1));
	switch (code) {
	case KEY_UP: return TK_UP;
	case KEY_DOWN: return TK_DOWN;
	case KEY_LEFT: return TK_LEFT;
	case KEY_RIGHT: return TK_RIGHT;
	case KEY_HOME: return TK_HOME;
	case KEY_END: return TK_END;
	case KEY_PPAGE: return TK_PGUP;
	case KEY_NPAGE: return TK_PGDN;
	case KEY_BACKSPACE: return TK_BACKSPACE;
	case KEY_DC: return TK_DELETE;
	case KEY_IC: return TK_INSERT;
	case KEY_ENTER: return TK_ENTER;
	case KEY_BTAB: return TK_BTAB;
	case KEY_RESIZE: return TK_RESIZE;
	default: return TK_NONE;
	}
}

int term_read_key(void)
{
	wint_t ch;
	int rc;

	for (;;) {
		rc = get_wch(&ch);
		if (rc == ERR)
			return TK_NONE;
		if (rc == KEY_CODE_YES) {
			int k = map_special((int)ch);
			if (k != TK_NONE)
				return k;
			continue;   /* a key we do not use */
		}
		switch (ch) {
		case 27: return TK_ESC;
		case '\r': case '\n': return TK_ENTER;
		case '\t': return TK_TAB;
		case 127: case 8: return TK_BACKSPACE;
		default: return (int)ch;
		}
	}
}

void term_clear(void)
{
	erase();
}

void term_flush(void)
{
	refresh();
}

void term_beep(void)
{
	beep();
}

void term_cursor(int y, int x)
{
	if (y < 0) {
		curs_set(0);
		return;
	}
	move(y, x);
	curs_set(1);
}

int term_wcwidth(wchar_t c)
{
	int w = wcwidth(c);
	return w < 0 ? 1 : w;
}

int term_wprint(int y, int x, int maxw, enum term_attr a,
		const wchar_t *ws, size_t n)
{
	wchar_t buf[512];
	size_t k = 0;
	int used = 0;

	if (y < 0 || y >= LINES || x >= COLS || maxw <= 0)
		return 0;
	if (x + maxw > COLS)
		maxw = COLS - x;
	for (size_t i = 0; i < n && k + 1 < sizeof buf / sizeof buf[0]; i++) {
		wchar_t c = ws[i];
		int w = wcwidth(c);
		if (w < 0) {
			c = L'?';
			w = 1;
		}
		if (w == 0 && k == 0)
			continue;   /* a mark with nothing to sit on */
		if (used + w > maxw) {
			/* Cut: the last column says so, so that a cut
			 * value never passes for a whole one. */
			while (k > 0 && used + 1 > maxw)
				used -= term_wcwidth(buf[--k]);
			if (used + 1 <= maxw) {
				buf[k++] = L'\u2026';
				used++;
			}
			break;
		}
		buf[k++] = c;
		used += w;
	}
	buf[k] = 0;
	attrset(attrs[a]);
	mvaddnwstr(y, x, buf, (int)k);
	attrset(A_NORMAL);
	return used;
}

/* UTF-8 into wide characters; invalid bytes become '?'. */
static size_t decode(const char *s, wchar_t *out, size_t outcap)
{
	mbstate_t st;
	size_t n = 0, len = strlen(s);

	memset(&st, 0, sizeof st);
	while (len > 0 && n + 1 < outcap) {
		wchar_t c;
		size_t r = mbrtowc(&c, s, len, &st);
		if (r == (size_t)-1 || r == (size_t)-2) {
			memset(&st, 0, sizeof st);
			c = L'?';
			r = 1;
		} else if (r == 0) {
			break;
		}
		out[n++] = c;
		s += r;
		len -= r;
	}
	out[n] = 0;
	return n;
}

int term_print(int y, int x, int maxw, enum term_attr a, const char *s)
{
	wchar_t buf[512];
	size_t n;

	if (!s)
		return 0;
	n = decode(s, buf, sizeof buf / sizeof buf[0]);
	return term_wprint(y, x, maxw, a, buf, n);
}

void term_fill(int y, int x, int w, enum term_attr a)
{
	if (y < 0 || y >= LINES || x >= COLS || w <= 0)
		return;
	if (x + w > COLS)
		w = COLS - x;
	attrset(attrs[a]);
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

void term_print_pad(int y, int x, int w, enum term_attr a, const char *s)
{
	int used = term_print(y, x, w, a, s);
	if (used < w)
		term_fill(y, x + used, w - used, a);
}

void term_box(int y, int x, int h, int w, enum term_attr a)
{
	for (int r = 0; r < h; r++)
		term_fill(y + r, x, w, a);
	attrset(attrs[a]);
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y, x, ACS_ULCORNER);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
	attrset(A_NORMAL);
}

int term_print_wrapped(int y, int x, int w, int maxrows,
		       enum term_attr a, const char *text)
{
	char line[600];
	int rows = 0;
	const char *p = text;

	while (*p && rows < maxrows) {
		size_t n = 0, last_space = 0;
		while (p[n] && p[n] != '\n') {
			size_t len = 1;   /* whole characters only */
			while ((p[n + len] & 0xC0) == 0x80)
				len++;
			if (n + len + 1 >= sizeof line)
				break;
			memcpy(line + n, p + n, len);
			line[n + len] = 0;
			if (p[n] == ' ')
				last_space = n;
			if (term_width(line) > w) {
				if (last_space)
					n = last_space;
				break;
			}
			n += len;
		}
		memcpy(line, p, n);
		line[n] = 0;
		if (y >= 0)   /* y < 0 only counts the rows */
			term_print_pad(y + rows, x, w, a, line);
		rows++;
		p += n;
		while (*p == ' ' || *p == '\n')
			p++;
		if (n == 0 && *p) {   /* one character wider than the box */
			p++;
			while ((*p & 0xC0) == 0x80)
				p++;
		}
	}
	return rows;
}

int term_width(const char *s)
{
	wchar_t buf[512];
	size_t n = decode(s ? s : "", buf, sizeof buf / sizeof buf[0]);
	int w = 0;

	for (size_t i = 0; i < n; i++)
		w += term_wcwidth(buf[i]);
	return w;
}

/* app.h — the terminal UI's state and what screens, forms and dialogs
 * share: the database, the current screen, the modal layers above it
 * (form, record picker, dialog, help) and the status line.
 *
 * Key handlers change state and call app_dirty; they never draw.  The
 * loop in app.c draws everything once per pass when something changed,
 * from the bottom layer up: top line, screen, form, picker, dialog, help,
 * status and function-key bar.
 */
#ifndef SXSH_TUI_APP_H
#define SXSH_TUI_APP_H

#include "i18n.h"
#include "term.h"
#include "sxsh/err.h"

struct sx_db;
struct app;
struct form;
struct picker;
struct autosync;

/* One entry of the function-key bar: "F2" + "Lưu". */
struct bar_item {
	const char *key;
	enum i18n_msg label;
};

/* A screen is a const table of functions over its own state. */
struct screen_ops {
	const char *name;            /* "facilities" */
	enum i18n_msg title;         /* "Cơ sở sản xuất" */
	enum i18n_msg tab;           /* short name in the top line */
	void *(*open)(struct app *app);
	void (*close)(void *state);
	/* Draws into rows [top, top + rows) of the full width. */
	void (*draw)(struct app *app, void *state, int top, int rows);
	/* Returns 1 when the key was used. */
	int (*key)(struct app *app, void *state, int key);
	/* Records changed (a form was saved, a sync pulled): re-read. */
	void (*changed)(struct app *app, void *state);
	/* 1 while the screen takes letters as text (search box open), so
	 * that digits and q are typed, not shortcuts. */
	int (*typing)(void *state);
	const struct bar_item *bar;  /* terminated by key NULL */
	const enum i18n_msg *help;   /* terminated by M_COUNT */
	/* 1 when leaving now would lose typed text; may be NULL. */
	int (*unsaved)(void *state);
};

extern const struct screen_ops screen_dashboard, screen_facilities,
	screen_people, screen_events, screen_assessments, screen_consumption,
	screen_reports, screen_sync, screen_settings, screen_import;

struct app;
/* The reports screen (state from app_show_screen) at period, e.g. the
 * one the province returned. */
void screen_reports_show_period(struct app *app, void *state,
				const char *period);
/* At start: offers back the narrative left unsaved by a crash. */
void screen_reports_offer_draft(struct app *app);

typedef void (*app_answer_fn)(struct app *app, void *arg);

struct dialog {
	int open;
	int confirm;           /* 1: yes/no question; 0: a message */
	char text[600];
	app_answer_fn on_yes;  /* also called for OK on a message */
	app_answer_fn on_no;
	app_answer_fn on_drop; /* at exit with the question open; may be NULL
				* (then on_no runs) */
	void *arg;
	int no_selected;       /* the highlighted answer: 0 yes, 1 no */
};

#define APP_SCREENS 10    /* keys 1–9, then 0 */

struct app {
	struct sx_db *db;
	const char *lang;
	int quit;
	int dirty;
	int screen;                    /* index into the screen table */
	void *states[APP_SCREENS];
	struct form *form;             /* the open form, or NULL */
	struct picker *picker;         /* the open record picker, or NULL */
	struct dialog dialog;
	struct autosync *autosync;     /* sync runs inside this loop */
	int help_open;
	int help_scroll, help_more;    /* first help line shown; more below */
	char status[300];
	enum term_attr status_attr;
	int cursor_y, cursor_x;        /* text cursor after drawing; y<0 none */
	char district[8];
	/* one descriptor the loop polls beside the keyboard (dashboard's
	 * background figures); -1 when none */
	int watch_fd;
	void (*watch_cb)(struct app *app, void *arg);
	void *watch_arg;
	const char *db_path;
	/* measurements for the benchmark (SXSH_TUI_STATS) */
	double t_start_ms, first_paint_ms;
	double since_t0_ms;            /* paint − $SXSH_T0 (ns, realtime) */
	double *search_ms;             /* wall ms, key → list painted */
	double *search_cpu_ms;         /* the same in CPU time of ours */
	int nsearch, cap_search;
	double search_t0, search_cpu_t0;  /* a search key waits for paint */
};

void app_dirty(struct app *app);
/* Makes the screen of that name (screen_ops.name) current; returns its
 * state, or NULL when there is no such screen. */
void *app_show_screen(struct app *app, const char *name);
/* Shows a line in the status line (until the next key). */
void app_status(struct app *app, enum term_attr a, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Asks a yes/no question; exactly one of the callbacks runs (either may
 * be NULL).  "Yes" is highlighted; set app->dialog.no_selected after the
 * call to highlight "No".  Enter takes the highlighted answer, ←→ and Tab
 * move it, y/c answer yes and n/k/Esc no in either language. */
void app_confirm(struct app *app, const char *text, app_answer_fn on_yes,
		 app_answer_fn on_no, void *arg);
void app_message(struct app *app, const char *text);
/* Paints the screen at once: for long work in the loop's thread (an
 * import) that shows its progress.  Not from inside a screen's draw. */
void app_paint_now(struct app *app);
/* Tells every open screen that records changed. */
void app_records_changed(struct app *app);
/* Puts the text cursor at (y, x) once drawing is done. */
void app_set_cursor(struct app *app, int y, int x);
/* Polls fd beside the keyboard and calls cb when it is readable (fd -1:
 * stop watching). */
void app_watch(struct app *app, int fd,
	       void (*cb)(struct app *app, void *arg), void *arg);
/* A search keystroke changed the list: the time from now until the list
 * is on the screen is recorded for the benchmark. */
void app_search_started(struct app *app);
double app_now_ms(void);

#endif

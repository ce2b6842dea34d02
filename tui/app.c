/* app.c — the terminal UI: opening the database, the one event loop, the
 * screen table, and the layers drawn over the screens (form, picker,
 * dialog, help), the status line and the function-key bar.
 *
 * Invariants: handlers change state and mark it dirty, drawing happens
 * once per pass of the loop and only then; every exit path goes through
 * term_end (term.c), and an open form's draft is kept when the program
 * stops without the user closing the form (SIGTERM, SIGHUP), so that the
 * next start offers it back.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "app.h"
#include "autosync.h"
#include "dashcalc.h"
#include "form.h"
#include "picker.h"
#include "tui.h"
#include "value.h"
#include "wizard.h"
#include "sxsh/db.h"
#include "sxsh/draft.h"
#include "sxsh/settings.h"

static const struct screen_ops *const screens[APP_SCREENS] = {
	&screen_dashboard, &screen_facilities, &screen_people,
	&screen_events, &screen_assessments, &screen_consumption,
	&screen_reports, &screen_sync, &screen_settings, &screen_import
};


double app_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

void app_dirty(struct app *app)
{
	app->dirty = 1;
}

void app_status(struct app *app, enum term_attr a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(app->status, sizeof app->status, fmt, ap);
	va_end(ap);
	app->status_attr = a;
	app->dirty = 1;
}

void app_confirm(struct app *app, const char *text, app_answer_fn on_yes,
		 app_answer_fn on_no, void *arg)
{
	struct dialog *d = &app->dialog;

	snprintf(d->text, sizeof d->text, "%s", text);
	d->open = 1;
	d->confirm = 1;
	d->on_yes = on_yes;
	d->on_no = on_no;
	d->on_drop = NULL;
	d->arg = arg;
	d->no_selected = 0;
	app->dirty = 1;
}

void app_message(struct app *app, const char *text)
{
	app_confirm(app, text, NULL, NULL, NULL);
	app->dialog.confirm = 0;
}

void app_records_changed(struct app *app)
{
	for (int i = 0; i < APP_SCREENS; i++)
		if (app->states[i] && screens[i]->changed)
			screens[i]->changed(app, app->states[i]);
	app->dirty = 1;
}

void app_set_cursor(struct app *app, int y, int x)
{
	app->cursor_y = y;
	app->cursor_x = x;
}

static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

void app_search_started(struct app *app)
{
	app->search_t0 = app_now_ms();
	app->search_cpu_t0 = cpu_ms();
}

/* After a paint: a pending search keystroke is done. */
static void note_search(struct app *app)
{
	if (app->search_t0 == 0)
		return;
	if (app->nsearch == app->cap_search) {
		int cap = app->cap_search ? app->cap_search * 2 : 64;
		double *n = realloc(app->search_ms, (size_t)cap * sizeof *n);
		double *c;
		if (!n)
			return;
		app->search_ms = n;
		c = realloc(app->search_cpu_ms, (size_t)cap * sizeof *c);
		if (!c)
			return;
		app->search_cpu_ms = c;
		app->cap_search = cap;
	}
	app->search_ms[app->nsearch] = app_now_ms() - app->search_t0;
	app->search_cpu_ms[app->nsearch] = cpu_ms() - app->search_cpu_t0;
	app->nsearch++;
	app->search_t0 = 0;
}

void app_watch(struct app *app, int fd,
	       void (*cb)(struct app *app, void *arg), void *arg)
{
	app->watch_fd = fd;
	app->watch_cb = cb;
	app->watch_arg = arg;
}

static void *state_of(struct app *app, int i)
{
	if (!app->states[i])
		app->states[i] = screens[i]->open(app);
	return app->states[i];
}

void *app_show_screen(struct app *app, const char *name)
{
	for (int i = 0; i < APP_SCREENS; i++)
		if (!strcmp(screens[i]->name, name)) {
			app->screen = i;
			app->dirty = 1;
			return state_of(app, i);
		}
	return NULL;
}

/* ---- drawing ------------------------------------------------------------- */

static enum i18n_msg tab_name(const struct app *app, int i)
{
	return i == app->screen ? screens[i]->title : screens[i]->tab;
}

static void draw_top(struct app *app)
{
	char buf[64];
	/* the right end stays free for "⟳ đồng bộ" while a sync runs */
	int x, width = 2 + term_width(tr(M_APP)) + 1 +
		       term_width(tr(M_SYNC_RUNNING)) + 2;
	int named[APP_SCREENS] = {0};

	/* Every tab has its number; names are added while they fit, the
	 * current screen's first (its full title), then from the left. */
	for (int i = 0; i < APP_SCREENS; i++)
		width += 2;
	for (int k = -1; k < APP_SCREENS; k++) {
		int i = k < 0 ? app->screen : k;
		int extra = term_width(tr(tab_name(app, i))) + 1;
		if (named[i] || width + extra > term_cols() - 1)
			continue;
		named[i] = 1;
		width += extra;
	}
	term_fill(0, 0, term_cols(), TA_TITLE);
	x = 1 + term_print(0, 1, 6, TA_TITLE, tr(M_APP));
	x++;
	for (int i = 0; i < APP_SCREENS && x < term_cols(); i++) {
		if (!named[i])
			snprintf(buf, sizeof buf, "%d", (i + 1) % 10);
		else
			snprintf(buf, sizeof buf, "%d %s", (i + 1) % 10,
				 tr(tab_name(app, i)));
		x += term_print(0, x, term_cols() - x,
				i == app->screen ? TA_TAB_ON : TA_TAB, buf);
		x++;
	}
	if (app->autosync && app->autosync->running) {
		const char *t = tr(M_SYNC_RUNNING);
		int w = term_width(t);
		if (x + w + 2 < term_cols())
			term_print(0, term_cols() - w - 1, w, TA_TAB_ON, t);
	} else if (app->district[0] && x + 2 < term_cols()) {
		const char *name = sx_db_district_name(app->db);
		int w = term_width(name);
		if (x + w + 2 < term_cols())
			term_print(0, term_cols() - w - 1, w, TA_TITLE, name);
	}
}

static void draw_bar(struct app *app)
{
	const struct bar_item *items = app->form ? form_bar :
		screens[app->screen]->bar;
	int y = term_rows() - 1, x = 0, n = 0, width = 0, last;

	/* Whole items only: when they do not all fit, the ones before the
	 * last (F10, quit) are left out from the right; F1 lists them. */
	for (; items && items[n].key; n++)
		width += term_width(items[n].key) +
			 term_width(tr(items[n].label)) + 1;
	last = n - 1;
	term_fill(y, 0, term_cols(), TA_NORMAL);
	for (int i = 0; i < n && x < term_cols(); i++) {
		int w = term_width(items[i].key) +
			term_width(tr(items[i].label)) + 1;
		if (width > term_cols() && i < last) {
			int rest = term_width(items[last].key) +
				   term_width(tr(items[last].label)) + 1;
			if (x + w + rest > term_cols())
				continue;
		}
		x += term_print(y, x, term_cols() - x, TA_BAR_KEY,
				items[i].key);
		x += term_print(y, x, term_cols() - x, TA_BAR_LABEL,
				tr(items[i].label));
		x++;
	}
}

static void draw_status(struct app *app)
{
	int y = term_rows() - 2;
	char hint[300];

	term_fill(y, 0, term_cols(), TA_NORMAL);
	if (app->status[0]) {
		term_print(y, 1, term_cols() - 2, app->status_attr,
			   app->status);
	} else if (app->form) {
		form_hint(app->form, hint, sizeof hint);
		term_print(y, 1, term_cols() - 2, TA_DIM, hint);
	} else if (app->autosync && app->autosync->running) {
		char state[300];
		autosync_describe(app->autosync, state, sizeof state);
		term_print(y, 1, term_cols() - 2, TA_DIM, state);
	}
}

static void draw_dialog(struct app *app)
{
	struct dialog *d = &app->dialog;
	int w = term_cols() - 10, h, y, x;

	if (w > 64)
		w = 64;
	h = 7;
	y = (term_rows() - h) / 2;
	x = (term_cols() - w) / 2;
	term_box(y, x, h, w, TA_DIALOG);
	term_print_wrapped(y + 1, x + 2, w - 4, 3, TA_DIALOG, d->text);
	if (!d->confirm) {
		term_print(y + h - 2, x + 2, w - 4, TA_HEADER, tr(M_ENTER_OK));
		return;
	}
	x += 2;
	x += term_print(y + h - 2, x, w - 4, d->no_selected ? TA_DIALOG
							     : TA_SELECTED,
			tr(M_ANSWER_YES));
	x += 3;
	term_print(y + h - 2, x, w - 4, d->no_selected ? TA_SELECTED
						       : TA_DIALOG,
		   tr(M_ANSWER_NO));
}

/* Help: the screen's (or the form's) lines from app->help_scroll on,
 * then the keys that work everywhere; ↓ scrolls when they do not fit. */
static void draw_help(struct app *app)
{
	static const enum i18n_msg form_help[] = {
		M_H_FORM, M_H_FORM_CHOICE, M_H_FORM_REF, M_H_FORM_TYPES,
		M_H_FORM_DRAFT, M_COUNT
	};
	const struct screen_ops *s = screens[app->screen];
	const enum i18n_msg *m = app->form ? form_help : s->help;
	int w = term_cols() - 4, h = term_rows() - 2, y = 1, x = 2, row;
	int end = y + h - 3;   /* the global line, then the close line */
	char title[200], limit[300];

	term_box(y, x, h, w, TA_DIALOG);
	snprintf(title, sizeof title, "%s — %s", tr(M_HELP_TITLE),
		 tr(app->form ? M_KEY_EDIT : s->title));
	term_print(y, x + 2, w - 4, TA_HEADER, title);
	row = y + 1;
	if (app->form && app->help_scroll == 0) {
		form_hint(app->form, limit, sizeof limit);
		row += term_print_wrapped(row, x + 2, w - 4, 3, TA_HEADER,
					  limit);
	}
	app->help_more = 0;
	for (int i = 0; m && m[i] != M_COUNT; i++) {
		int need;
		if (i < app->help_scroll)
			continue;
		need = term_print_wrapped(-10000, 0, w - 4, 4, TA_DIALOG,
					  tr(m[i]));
		if (row + need > end) {
			app->help_more = 1;
			break;
		}
		row += term_print_wrapped(row, x + 2, w - 4, 4, TA_DIALOG,
					  tr(m[i]));
	}
	term_print(end, x + 2, w - 4, TA_HEADER, tr(M_H_GLOBAL_LINE));
	term_print(end + 1, x + 2, w - 4, TA_DIM,
		   tr(app->help_more ? M_HELP_MORE : M_HELP_CLOSE));
}

/* The benchmark's launcher puts the wall clock (ns) in SXSH_T0 just
 * before it starts us: paint − T0 includes exec and dynamic loading. */
static void note_since_t0(struct app *app)
{
	const char *t0 = getenv("SXSH_T0");
	struct timespec ts;

	if (!t0 || !*t0)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	app->since_t0_ms = ((double)ts.tv_sec * 1e9 + ts.tv_nsec -
			    strtod(t0, NULL)) / 1e6;
}

static void draw(struct app *app)
{
	int top = 1, rows = term_rows() - 3;

	app->dirty = 0;
	app->cursor_y = -1;
	term_clear();
	if (term_rows() < 10 || term_cols() < 40) {
		term_print(0, 0, term_cols(), TA_ERROR, tr(M_UI_TOO_SMALL));
		term_flush();
		return;
	}
	draw_top(app);
	if (app->form)
		form_draw(app, app->form, top, rows);
	else
		screens[app->screen]->draw(app, state_of(app, app->screen),
					   top, rows);
	if (app->picker)
		picker_draw(app, app->picker);
	draw_status(app);
	draw_bar(app);
	if (app->dialog.open) {
		draw_dialog(app);
		app->cursor_y = -1;
	}
	if (app->help_open) {
		draw_help(app);
		app->cursor_y = -1;
	}
	term_cursor(app->cursor_y, app->cursor_x);
	term_flush();
	note_search(app);
	if (app->first_paint_ms == 0) {
		app->first_paint_ms = app_now_ms() - app->t_start_ms;
		note_since_t0(app);
	}
}

void app_paint_now(struct app *app)
{
	draw(app);
}

/* ---- keys ---------------------------------------------------------------- */

static void dialog_key(struct app *app, int key)
{
	struct dialog d = app->dialog;
	int yes = key == 'y' || key == 'Y' || key == 'c' || key == 'C' ||
		  (key == TK_ENTER && !d.no_selected);
	int no = key == 'n' || key == 'N' || key == 'k' || key == 'K' ||
		 key == TK_ESC || (key == TK_ENTER && d.no_selected);

	if (d.confirm && (key == TK_LEFT || key == TK_RIGHT ||
			  key == TK_TAB || key == TK_BTAB)) {
		app->dialog.no_selected = !d.no_selected;
		app->dirty = 1;
		return;
	}
	if (!d.confirm) {
		yes = 1;
		no = 0;
	}
	if (!yes && !no)
		return;
	app->dialog.open = 0;
	app->dirty = 1;
	if (yes && d.on_yes)
		d.on_yes(app, d.arg);
	else if (no && d.on_no)
		d.on_no(app, d.arg);
}

static void quit_yes(struct app *app, void *arg)
{
	(void)arg;
	app->quit = 1;
}

/* Quits at once unless a screen holds typed text that is not saved (an
 * open form never gets here: its own keys take Esc and Ctrl-C). */
static void ask_quit(struct app *app)
{
	for (int i = 0; i < APP_SCREENS; i++)
		if (app->states[i] && screens[i]->unsaved &&
		    screens[i]->unsaved(app->states[i])) {
			app_confirm(app, tr(M_ASK_QUIT), quit_yes, NULL,
				    NULL);
			app->dialog.no_selected = 1;
			return;
		}
	app->quit = 1;
}

static void handle_key(struct app *app, int key)
{
	const struct screen_ops *s = screens[app->screen];
	void *st = state_of(app, app->screen);

	app->dirty = 1;
	if (key == TK_RESIZE)
		return;
	app->status[0] = 0;
	if (app->help_open) {
		if ((key == TK_DOWN || key == TK_PGDN) && app->help_more) {
			app->help_scroll++;
			return;
		}
		if ((key == TK_UP || key == TK_PGUP) && app->help_scroll > 0) {
			app->help_scroll--;
			return;
		}
		app->help_open = 0;
		return;
	}
	if (app->dialog.open) {
		dialog_key(app, key);
		return;
	}
	if (app->picker) {
		picker_key(app, app->picker, key);
		return;
	}
	if (key == TK_F1) {
		app->help_open = 1;
		app->help_scroll = 0;
		return;
	}
	if (app->form) {
		form_key(app, app->form, key);
		return;
	}
	if (key == TK_F10) {   /* not text: quits even from a search box */
		ask_quit(app);
		return;
	}
	if (s->typing && s->typing(st)) {
		s->key(app, st, key);
		return;
	}
	if (key == '?') {
		app->help_open = 1;
		app->help_scroll = 0;
		return;
	}
	if (s->key(app, st, key))
		return;
	if (key >= '1' && key <= '9' && key - '1' < APP_SCREENS) {
		app->screen = key - '1';
		return;
	}
	if (key == '0' && APP_SCREENS == 10) {   /* the tenth screen */
		app->screen = 9;
		return;
	}
	switch (key) {
	case TK_TAB:
		app->screen = (app->screen + 1) % APP_SCREENS;
		return;
	case TK_BTAB:
		app->screen = (app->screen + APP_SCREENS - 1) % APP_SCREENS;
		return;
	case TK_F10: case 'q': case TK_CTRL('c'):
		ask_quit(app);
		return;
	}
}

/* ---- start-up: drafts left by a crash ------------------------------------ */

struct draft_offer {
	struct sx_record *rec;
	long long id;
};

static void draft_yes(struct app *app, void *arg)
{
	struct draft_offer *o = arg;

	form_open_draft(app, o->rec, o->id);   /* takes o->rec */
	free(o);
}

static void draft_no(struct app *app, void *arg)
{
	struct draft_offer *o = arg;

	draft_discard(app->db, o->id, NULL);
	record_free(o->rec);
	free(o);
}

static void draft_drop(struct app *app, void *arg)
{
	struct draft_offer *o = arg;

	(void)app;
	record_free(o->rec);
	free(o);
}

static void offer_draft(struct app *app)
{
	struct draft_offer *o = calloc(1, sizeof *o);
	const struct sx_kind_def *def;
	char text[500];
	const char *title;

	if (!o)
		return;
	if (draft_latest(app->db, &o->id, &o->rec, NULL) != SX_OK) {
		free(o);
		return;
	}
	def = record_kind(o->rec->kind);
	title = def->title_field ? record_get(o->rec, def->title_field) : NULL;
	snprintf(text, sizeof text, "%s\n%s: %s%s%s", tr(M_ASK_DRAFT),
		 tr(M_DRAFT_OF), tr_pick(def->label_vi, def->label_en),
		 title ? " — " : "", title && def->fields[record_field_index(
			 def, def->title_field)].type != SXF_REF ? title : "");
	app_confirm(app, text, draft_yes, draft_no, o);
	app->dialog.on_drop = draft_drop;
}

/* ---- the loop ------------------------------------------------------------ */

static int peak_rss_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	int kb = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %d kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* For the benchmark: SXSH_TUI_STATS=FILE receives what was measured. */
static void write_stats(struct app *app)
{
	const char *path = getenv("SXSH_TUI_STATS");
	FILE *f;

	if (!path || !*path)
		return;
	f = fopen(path, "w");
	if (!f)
		return;
	fprintf(f, "first_paint_ms %.3f\n", app->first_paint_ms);
	if (app->since_t0_ms > 0)
		fprintf(f, "exec_to_paint_ms %.3f\n", app->since_t0_ms);
	if (app->nsearch > 0) {
		qsort(app->search_ms, (size_t)app->nsearch, sizeof(double),
		      cmp_double);
		fprintf(f, "search_keys %d\nsearch_median_ms %.3f\n"
			"search_max_ms %.3f\n", app->nsearch,
			app->search_ms[app->nsearch / 2],
			app->search_ms[app->nsearch - 1]);
		qsort(app->search_cpu_ms, (size_t)app->nsearch,
		      sizeof(double), cmp_double);
		fprintf(f, "search_cpu_median_ms %.3f\nsearch_cpu_max_ms "
			"%.3f\n", app->search_cpu_ms[app->nsearch / 2],
			app->search_cpu_ms[app->nsearch - 1]);
	}
	fprintf(f, "peak_rss_kb %d\n", peak_rss_kb());
	fclose(f);
}

static void run_loop(struct app *app)
{
	while (!app->quit && !term_stop_signal()) {
		struct pollfd pfd[2];
		int key, rc, key_ready = 0;

		if (app->dirty)
			draw(app);
		if (app->autosync->running) {
			/* curl's sockets and the keyboard together; the
			 * watched descriptor is looked at in between. */
			autosync_wait(app, app->autosync, app->dirty ? 0 :
				      app->watch_fd >= 0 ? 50 : 250,
				      &key_ready);
			if (app->watch_fd >= 0) {
				pfd[0] = (struct pollfd){app->watch_fd,
							 POLLIN, 0};
				if (poll(pfd, 1, 0) > 0 && app->watch_cb)
					app->watch_cb(app, app->watch_arg);
			}
		} else {
			/* after drawing: a screen may have started
			 * watching */
			pfd[0] = (struct pollfd){STDIN_FILENO, POLLIN, 0};
			pfd[1] = (struct pollfd){app->watch_fd, POLLIN, 0};
			/* Wait for the keyboard (and the watched
			 * descriptor, and the next automatic sync); a
			 * signal (resize, SIGTERM) wakes us too.  A dirty
			 * screen (redrawn above) needs no waiting. */
			rc = poll(pfd, app->watch_fd >= 0 ? 2 : 1,
				  app->dirty ? 0 :
				  autosync_timeout_ms(app->autosync));
			if (rc < 0 && errno != EINTR)
				break;
			if (rc > 0 && app->watch_fd >= 0 && pfd[1].revents &&
			    app->watch_cb)
				app->watch_cb(app, app->watch_arg);
		}
		while ((key = term_read_key()) != TK_NONE) {
			handle_key(app, key);
			if (app->quit)
				break;
		}
		if (app->form)
			form_idle(app, app->form);
		autosync_tick(app, app->autosync);
	}
}

int tui_run(const char *db_path, const char *lang)
{
	struct app app;
	struct autosync autosync;
	struct sx_error err = {0};
	int status = 0;

	if (getenv("SXSH_DASHCALC"))
		return dashcalc_child(db_path, getenv("SXSH_DASHCALC"));
	/* 1 MB of SQLite cache is plenty for pages of 20 rows, and keeps
	 * the UI's peak memory small after a long scroll (issue 6). */
	sx_db_limit_memory(1 << 20);
	memset(&app, 0, sizeof app);
	app.t_start_ms = app_now_ms();
	app.cursor_y = -1;
	app.watch_fd = -1;
	app.db_path = db_path;
	i18n_set_lang(lang ? lang : "vi");
	if (sx_db_make_parent_dir(db_path, &err) != SX_OK ||
	    sx_db_open(db_path, 0, &app.db, &err) != SX_OK) {
		fprintf(stderr, "sxsh: %s\n",
			tr_err(&err));
		return sx_exit_status(err.code);
	}
	if (!lang) {
		char *stored = settings_get(app.db, "lang");
		i18n_set_lang(stored && !strcmp(stored, "en") ? "en" : "vi");
		free(stored);
	}
	app.lang = i18n_lang();
	if (term_init()) {
		fprintf(stderr, "sxsh: %s\n", tr(M_UI_NEED_TERMINAL));
		sx_db_close(app.db);
		return 1;
	}
	snprintf(app.district, sizeof app.district, "%s",
		 sx_db_district_code(app.db));
	autosync_init(&app, &autosync);
	app.autosync = &autosync;
	if (!app.district[0])
		wizard_open(&app);
	else
		offer_draft(&app);
	/* the report's narrative left by a crash (a form's draft first) */
	if (app.district[0] && !app.dialog.open)
		screen_reports_offer_draft(&app);
	/* A copied database: say once that the province sees a new PC (a
	 * draft's question first; the notice then waits for next time). */
	if (app.district[0] && !app.dialog.open &&
	    sx_db_new_identity(app.db)) {
		app_message(&app, tr(M_NEW_IDENTITY));
		sx_db_identity_told(app.db);
	}
	app.dirty = 1;
	run_loop(&app);
	/* A form still open keeps its draft (written on every change) for
	 * the next start; only its memory goes. */
	if (app.form) {
		form_idle(&app, app.form);
		form_abandon(&app);
	}
	picker_close(&app);
	/* A question left open: free what it holds, do not act on it. */
	if (app.dialog.open && app.dialog.on_drop)
		app.dialog.on_drop(&app, app.dialog.arg);
	else if (app.dialog.open && app.dialog.on_no)
		app.dialog.on_no(&app, app.dialog.arg);
	term_end();
	/* A run cut here loses nothing: every step is idempotent. */
	autosync_release(&autosync);
	for (int i = 0; i < APP_SCREENS; i++)
		if (app.states[i])
			screens[i]->close(app.states[i]);
	write_stats(&app);
	free(app.search_ms);
	free(app.search_cpu_ms);
	sx_db_close(app.db);
	if (term_stop_signal())
		status = 128 + term_stop_signal();
	return status;
}

/* screen_dashboard.c — Tổng quan: the plan's four targets for the current
 * half-year and since the plan began, as bars against their targets;
 * counts of records; the next report deadline; the sync state.
 *
 * The indicators cost a few dozen aggregate queries, so they are computed
 * after the first paint (the counts and the frame come first) and again
 * only when records change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "app.h"
#include "autosync.h"
#include "dashcalc.h"
#include "recview.h"
#include "value.h"
#include "sxsh/db.h"
#include "sxsh/indicators.h"
#include "sxsh/outbox.h"
#include "sxsh/period.h"
#include "sxsh/record.h"
#include "sxsh/settings.h"
#include "sxsh/sync_store.h"
#include "sxsh/text.h"

struct dashboard {
	int stale;                 /* settings/period need re-reading */
	int figures_stale;         /* counts/indicators need computing */
	struct dashcalc calc;
	int have_figures;
	struct dash_figures fig;
	char operator[128];
	char last_sync[32];
	struct sx_period period;
	int have_period;
	char deadline[11];
	int target_sel;            /* the T-line ↑↓ picked (0..3) */
};

static void *open_screen(struct app *app)
{
	struct dashboard *d = calloc(1, sizeof *d);

	(void)app;
	if (!d)
		return NULL;
	dashcalc_init(&d->calc);
	d->stale = 1;
	d->figures_stale = 1;
	return d;
}

static void close_screen(void *state)
{
	struct dashboard *d = state;

	if (!d)
		return;
	dashcalc_stop(&d->calc);
	free(d);
}

static void changed(struct app *app, void *state)
{
	struct dashboard *d = state;

	(void)app;
	d->stale = 1;
	d->figures_stale = 1;
}

static void on_figures(struct app *app, void *arg)
{
	struct dashboard *d = arg;
	struct dash_figures f;
	int rc = dashcalc_read(&d->calc, &f);

	if (rc == 0)
		return;
	app_watch(app, -1, NULL, NULL);
	if (rc == 1) {
		d->fig = f;
		d->have_figures = 1;
	}
	app_dirty(app);
}

/* In-process, when no child can be started: blocks, but works. */
static void compute_here(struct app *app, struct dashboard *d)
{
	struct sx_indicators ind;

	memset(&d->fig, 0, sizeof d->fig);
	record_count_all(app->db, d->fig.counts, NULL);
	outbox_size(app->db, &d->fig.pending, &d->fig.rejected, NULL);
	sync_store_conflict_count(app->db, &d->fig.conflicts, NULL);
	indicators_init(&ind);
	if (d->have_period && indicators_compute(app->db, &d->period, &ind,
						 NULL, NULL) == SX_OK) {
		d->fig.have_ind = 1;
		d->fig.t1 = ind.t1;
		d->fig.t2 = ind.t2;
		d->fig.t3 = ind.t3;
		d->fig.t4 = ind.t4;
	}
	indicators_release(&ind);
	d->fig.ok = 1;
	d->have_figures = 1;
}

/* Starts the figures after the first paint (see the file comment). */
static void refresh_figures(struct app *app, struct dashboard *d)
{
	if (!d->figures_stale)
		return;
	if (app->first_paint_ms == 0) {
		app_dirty(app);   /* come back right after the first paint */
		return;
	}
	d->figures_stale = 0;
	if (dashcalc_start(&d->calc, app->db_path,
			   d->have_period ? d->period.name : "") == 0)
		app_watch(app, d->calc.fd, on_figures, d);
	else
		compute_here(app, d);
}

static void read_quick(struct app *app, struct dashboard *d)
{
	char today[11], *s;

	s = settings_get(app->db, "operator");
	snprintf(d->operator, sizeof d->operator, "%s", s ? s : "");
	free(s);
	s = settings_get(app->db, "last_sync_at");
	snprintf(d->last_sync, sizeof d->last_sync, "%s", s ? s : "");
	free(s);
	sx_today(today);
	d->have_period = 0;
	{
		enum sx_period_rule rule = SX_RULE_CALENDAR;
		period_rule_of(app->db, &rule, NULL);
		if (period_containing(today, SX_PERIOD_S1, rule, &d->period,
				      NULL) == SX_OK)
			d->have_period = 1;
	}
	d->deadline[0] = 0;
	if (d->have_period)
		period_deadline(app->db, &d->period, d->deadline, NULL);
	d->stale = 0;
}

/* Whole days from today to the ISO date (negative when past). */
static long days_until(const char *iso)
{
	struct tm a = {0}, b = {0};
	char today[11];

	sx_today(today);
	if (sscanf(iso, "%d-%d-%d", &a.tm_year, &a.tm_mon, &a.tm_mday) != 3 ||
	    sscanf(today, "%d-%d-%d", &b.tm_year, &b.tm_mon, &b.tm_mday) != 3)
		return 0;
	a.tm_year -= 1900; a.tm_mon -= 1; a.tm_hour = 12;
	b.tm_year -= 1900; b.tm_mon -= 1; b.tm_hour = 12;
	return (long)((timegm(&a) - timegm(&b)) / 86400);
}

static void bar(int y, int x, int w, double frac)
{
	int fill;

	if (frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	fill = (int)(frac * w + 0.5);
	term_print(y, x, 1, TA_NORMAL, "[");
	term_fill(y, x + 1, fill, TA_BAR_FILL);
	for (int i = fill; i < w; i++)
		term_print(y, x + 1 + i, 1, TA_DIM, ".");
	term_print(y, x + 1 + w, 1, TA_NORMAL, "]");
}

static void pct(long long num, long long den, char *out, size_t n)
{
	if (den <= 0)
		snprintf(out, n, "—");
	else
		snprintf(out, n, "%lld/%lld = %d%%", num, den,
			 (int)(100.0 * num / den + 0.5));
}

static void draw_targets(struct app *app, struct dashboard *d, int y,
			 int rows)
{
	static const enum i18n_msg names[] = {
		M_DASH_T1, M_DASH_T2, M_DASH_T3, M_DASH_T4
	};
	int lw = 31, bw = term_cols() - lw - 30;
	char buf[120];

	if (bw < 10)
		bw = 10;
	if (bw > 40)
		bw = 40;
	term_print(y, 1, term_cols() - 2, TA_HEADER, tr(M_TARGETS));
	if (!d->have_figures || !d->fig.have_ind) {
		term_print(y + 1, 3, 20, TA_DIM, "…");
		return;
	}
	for (int t = 0; t < 4 && t + 1 < rows; t++) {
		int row = y + 1 + t;
		double frac = 0;
		term_print(row, 1, lw, t == d->target_sel ? TA_SELECTED
							  : TA_NORMAL,
			   tr(names[t]));
		if (t == 0 || t == 3) {
			const struct sx_ratio *r = t == 0 ? &d->fig.t1
							  : &d->fig.t4;
			frac = r->denominator > 0 && r->target > 0 ?
				(double)r->numerator / r->denominator /
				r->target : 0;
			pct(r->numerator, r->denominator, buf, sizeof buf);
			if (r->target < 0)  /* in no plan */
				snprintf(buf + strlen(buf),
					 sizeof buf - strlen(buf), " / –");
			else
				snprintf(buf + strlen(buf),
					 sizeof buf - strlen(buf), " / %d%%",
					 (int)(r->target * 100 + 0.5));
		} else {
			const struct sx_count_target *c = t == 1 ? &d->fig.t2
								 : &d->fig.t3;
			long long target = c->target >= 0 ? c->target
							  : c->province_total;
			frac = target > 0 ? (double)c->cumulative / target : 0;
			if (target < 0)  /* in no plan */
				snprintf(buf, sizeof buf, "%lld (+%lld) / –",
					 c->cumulative, c->period);
			else
				snprintf(buf, sizeof buf, "%lld (+%lld) / %lld",
					 c->cumulative, c->period, target);
		}
		bar(row, lw + 1, bw, frac);
		term_print(row, lw + bw + 4, term_cols() - lw - bw - 5,
			   TA_NORMAL, buf);
	}
	(void)app;
}

static void draw(struct app *app, void *state, int top, int rows)
{
	struct dashboard *d = state;
	static const enum sx_kind shown[] = {
		SXK_FACILITY, SXK_PERSON, SXK_EVENT, SXK_ASSESSMENT,
		SXK_SOLUTION, SXK_CONSUMPTION
	};
	char buf[300], num[64], date[16], date_time[40];
	int y = top, half = term_cols() / 2 > 45 ? 45 : term_cols() / 2;

	if (d->stale)
		read_quick(app, d);
	refresh_figures(app, d);
	snprintf(buf, sizeof buf, "%s: %s   %s: %s", tr(M_DISTRICT),
		 sx_db_district_name(app->db), tr(M_OPERATOR), d->operator);
	term_print(y++, 1, term_cols() - 2, TA_NORMAL, buf);
	if (d->have_period) {
		char s[16], e[16];
		text_format_date(d->period.start, s, sizeof s);
		text_format_date(d->period.end, e, sizeof e);
		if (d->deadline[0]) {
			text_format_date(d->deadline, date, sizeof date);
			snprintf(buf, sizeof buf, tr(M_DASH_PERIOD),
				 d->period.name, s, e, date,
				 days_until(d->deadline));
		} else {
			snprintf(buf, sizeof buf, "%s (%s–%s)",
				 d->period.name, s, e);
		}
		term_print(y, 1, term_cols() - 2, TA_NORMAL, buf);
	}
	y += 2;
	draw_targets(app, d, y, 5);
	y += 6;
	term_print(y++, 1, term_cols() - 2, TA_HEADER, tr(M_RECORDS));
	for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
		const struct sx_kind_def *def = record_kind(shown[i]);
		int col = (int)(i % 2) * half, row = y + (int)(i / 2);
		if (d->have_figures)
			text_format_int(d->fig.counts[shown[i]], num,
					sizeof num);
		else
			snprintf(num, sizeof num, "…");
		term_print(row, col + 3, half - 16, TA_NORMAL,
			   tr_pick(def->label_vi, def->label_en));
		term_print(row, col + half - 11, 10, TA_HEADER, num);
	}
	y += 4;
	{
		char sync_state[200];
		autosync_describe(app->autosync, sync_state,
				  sizeof sync_state);
		snprintf(buf, sizeof buf, "%s: %s", tr(M_SYNC_STATE),
			 sync_state);
	}
	term_print(y++, 1, term_cols() - 2, TA_NORMAL, buf);
	if (d->have_figures)
		snprintf(num, sizeof num, "%lld (%lld %s), %lld %s",
			 d->fig.pending, d->fig.rejected, tr(M_REJECTED),
			 d->fig.conflicts, tr(M_SYNC_CONFLICTS));
	else
		snprintf(num, sizeof num, "…");
	snprintf(buf, sizeof buf, "%s: %s", tr(M_OUTBOX), num);
	if (y < top + rows)
		term_print(y++, 1, term_cols() - 2, TA_NORMAL, buf);
	value_show_time(d->last_sync, date_time, sizeof date_time);
	snprintf(buf, sizeof buf, "%s: %s", tr(M_LAST_SYNC),
		 d->last_sync[0] ? date_time : tr(M_NEVER));
	if (y < top + rows)
		term_print(y, 1, term_cols() - 2, TA_NORMAL, buf);
}

/* Enter on a T-line: the records that target still waits for. */
static void open_work_list(struct app *app, int target)
{
	static const enum sx_gap gaps[4] = {
		SX_GAP_T1, SX_GAP_T2, SX_GAP_T3, SX_GAP_T4
	};
	void *list = app_show_screen(app, target == 3 ? "people"
						      : "facilities");

	if (list)
		recview_show_gap(list, gaps[target]);
}

static int key(struct app *app, void *state, int k)
{
	struct dashboard *d = state;

	switch (k) {
	case 'r':
		changed(app, state);
		return 1;
	case TK_UP:
		if (d->target_sel > 0)
			d->target_sel--;
		return 1;
	case TK_DOWN:
		if (d->target_sel < 3)
			d->target_sel++;
		return 1;
	case TK_ENTER:
		open_work_list(app, d->target_sel);
		return 1;
	}
	return 0;
}

static int typing(void *state)
{
	(void)state;
	return 0;
}

static const struct bar_item bar_items[] = {
	{"F1", M_KEY_HELP}, {"Enter", M_KEY_WORKLIST}, {"r", M_KEY_REFRESH},
	{"1-9", M_KEY_SCREENS}, {"F10", M_KEY_QUIT}, {NULL, M_COUNT}
};

static const enum i18n_msg help[] = {
	M_H_DASH_TARGETS, M_H_DASH_T1, M_H_DASH_T2, M_H_DASH_T3, M_H_DASH_T4,
	M_H_DASH_COUNTS, M_H_DASH_WORK, M_H_REFRESH, M_COUNT
};

const struct screen_ops screen_dashboard = {
	"dashboard", M_DASHBOARD, M_TAB_DASHBOARD, open_screen, close_screen,
	draw, key, changed, typing, bar_items, help, NULL
};

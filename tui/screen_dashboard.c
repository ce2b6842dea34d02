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
#include "sxsh/report.h"
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
	/* the province's answers in view: every returned report and the
	 * newest accepted one (report_answer_list) */
	struct sx_report_rev *answers;
	int nanswers;
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
	free(d->answers);
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

/* Keeps the returned reports and the newest accepted one. */
static void read_answers(struct app *app, struct dashboard *d)
{
	struct sx_report_rev *all = NULL, newest_accepted;
	int n = 0, kept = 0, accepted = 0;

	free(d->answers);
	d->answers = NULL;
	d->nanswers = 0;
	if (report_answer_list(app->db, &all, &n, NULL) != SX_OK)
		return;
	/* returned ones first (they need work), then the newest accepted
	 * (the list is newest period first) */
	for (int i = 0; i < n; i++) {
		if (strcmp(all[i].status, "accepted")) {
			all[kept++] = all[i];
		} else if (!accepted) {
			newest_accepted = all[i];
			accepted = 1;
		}
	}
	if (accepted)
		all[kept++] = newest_accepted;
	d->answers = all;
	d->nanswers = kept;
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
	read_answers(app, d);
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

/* The figure of T-line t ("997/1113 = 90% / 90%", "359 (+7) / 15") and
 * how far it is towards its target (0..1). */
static double target_text(const struct dashboard *d, int t, char *buf,
			  size_t n)
{
	if (t == 0 || t == 3) {
		const struct sx_ratio *r = t == 0 ? &d->fig.t1 : &d->fig.t4;
		pct(r->numerator, r->denominator, buf, n);
		if (r->target < 0)  /* the period is in no plan */
			snprintf(buf + strlen(buf), n - strlen(buf), " / –");
		else
			snprintf(buf + strlen(buf), n - strlen(buf), " / %d%%",
				 (int)(r->target * 100 + 0.5));
		return r->denominator > 0 && r->target > 0 ?
		       (double)r->numerator / r->denominator / r->target : 0;
	}
	const struct sx_count_target *c = t == 1 ? &d->fig.t2 : &d->fig.t3;
	long long target = c->target >= 0 ? c->target : c->province_total;
	if (target < 0)  /* the period is in no plan */
		snprintf(buf, n, "%lld (+%lld) / –", c->cumulative,
			 c->period);
	else
		snprintf(buf, n, "%lld (+%lld) / %lld", c->cumulative,
			 c->period, target);
	return target > 0 ? (double)c->cumulative / target : 0;
}

/* 1 when the period is in no plan: then no target at all is known. */
static int no_plan(const struct dash_figures *f)
{
	return f->t1.target < 0 && f->t4.target < 0 && f->t2.target < 0 &&
	       f->t2.province_total < 0 && f->t3.target < 0 &&
	       f->t3.province_total < 0;
}

/* The four T-lines: label, bar, figure.  The figure is never cut: the
 * bar gives way first (down to none), then the label. */
static void draw_targets(struct dashboard *d, int y)
{
	static const enum i18n_msg names[] = {
		M_DASH_T1, M_DASH_T2, M_DASH_T3, M_DASH_T4
	};
	char text[4][120];
	double frac[4];
	int lw = 0, vw = 0, w = term_cols() - 2, bw;

	if (!d->have_figures || !d->fig.have_ind) {
		term_print(y, 1, w, TA_HEADER, tr(M_TARGETS));
		term_print(y + 1, 3, 20, TA_DIM, "…");
		return;
	}
	/* Without a plan every target is missing: say why once, above the
	 * four "/ –", rather than leave the officer to guess. */
	term_print(y, 1, w, TA_HEADER, tr(no_plan(&d->fig) ? M_TARGETS_NO_PLAN
							  : M_TARGETS));
	for (int t = 0; t < 4; t++) {
		frac[t] = target_text(d, t, text[t], sizeof text[t]);
		if (term_width(text[t]) > vw)
			vw = term_width(text[t]);
		if (term_width(tr(names[t])) > lw)
			lw = term_width(tr(names[t]));
	}
	bw = w - lw - vw - 4;       /* label, space, [bar], space, figure */
	if (bw > 40)
		bw = 40;
	if (bw < 5) {
		bw = 0;              /* no room for a bar: label and figure */
		if (lw > w - vw - 1)
			lw = w - vw - 1;
	}
	for (int t = 0; t < 4; t++) {
		int row = y + 1 + t, x = 1 + lw + 1;
		term_print(row, 1, lw, t == d->target_sel ? TA_SELECTED
							  : TA_NORMAL,
			   tr(names[t]));
		if (bw) {
			bar(row, x, bw, frac[t]);
			x += bw + 3;
		}
		term_print(row, x, w + 1 - x, TA_NORMAL, text[t]);
	}
}

/* Draws the first of texts (n of them) that fits w columns at (y, x);
 * the last one is drawn cut if none fits. */
static void print_first_fitting(int y, int x, int w, enum term_attr a,
				char texts[][300], int n)
{
	for (int i = 0; i < n; i++)
		if (i == n - 1 || term_width(texts[i]) <= w) {
			term_print(y, x, w, a, texts[i]);
			return;
		}
}

/* Rows the answers take at width w (y < 0: only counted). */
static int draw_answers(struct dashboard *d, int y, int w)
{
	char buf[1400];
	int used = 0;

	for (int i = 0; i < d->nanswers; i++) {
		const struct sx_report_rev *r = &d->answers[i];
		int returned = !strcmp(r->status, "returned");
		snprintf(buf, sizeof buf, tr(returned ? M_DASH_RETURNED :
					     M_DASH_ACCEPTED), r->period,
			 r->revision);
		used += term_print_wrapped(y < 0 ? -1 : y + used, 1, w, 10,
					   returned ? TA_ERROR : TA_OK, buf);
		if (returned && r->status_reason[0]) {
			snprintf(buf, sizeof buf, "%s: %s", tr(M_DASH_REASON),
				 r->status_reason);
			used += term_print_wrapped(y < 0 ? -1 : y + used, 3,
						   w - 2, 40, TA_NORMAL, buf);
		}
	}
	return used;
}

/* The record counts: two columns when every label and number fits,
 * else one; returns the rows used (y < 0: only counted). */
static int draw_counts(struct dashboard *d, int y, int w)
{
	static const enum sx_kind shown[] = {
		SXK_FACILITY, SXK_PERSON, SXK_EVENT, SXK_ASSESSMENT,
		SXK_SOLUTION, SXK_CONSUMPTION
	};
	enum { N = sizeof shown / sizeof shown[0] };
	char num[N][64];
	int lw = 0, nw = 1, cols, colw;

	for (int i = 0; i < N; i++) {
		const struct sx_kind_def *def = record_kind(shown[i]);
		int lab = term_width(tr_pick(def->label_vi, def->label_en));
		if (d->have_figures)
			text_format_int(d->fig.counts[shown[i]], num[i],
					sizeof num[i]);
		else
			snprintf(num[i], sizeof num[i], "…");
		if (lab > lw)
			lw = lab;
		if (term_width(num[i]) > nw)
			nw = term_width(num[i]);
	}
	colw = 2 + lw + 2 + nw;
	cols = 2 * colw + 2 <= w ? 2 : 1;
	if (cols == 1 && colw > w)
		lw = w - nw - 4;     /* too narrow even for one: cut labels */
	if (y < 0)
		return 1 + (N + cols - 1) / cols;
	term_print(y, 1, w, TA_HEADER, tr(M_RECORDS));
	for (int i = 0; i < N; i++) {
		const struct sx_kind_def *def = record_kind(shown[i]);
		int col = cols == 2 ? (i % 2) * (colw + 2) : 0;
		int row = y + 1 + (cols == 2 ? i / 2 : i);
		term_print(row, col + 3, lw, TA_NORMAL,
			   tr_pick(def->label_vi, def->label_en));
		term_print(row, col + 3 + lw + 2 + nw - term_width(num[i]),
			   nw, TA_HEADER, num[i]);
	}
	return 1 + (N + cols - 1) / cols;
}

/* The sync state, the changes waiting and the last sync, each in the
 * longest wording that fits. */
static void draw_sync(struct app *app, struct dashboard *d, int y, int w)
{
	char t[3][300], state[200], date_time[40];

	autosync_describe(app->autosync, state, sizeof state);
	snprintf(t[0], sizeof t[0], "%s: %s", tr(M_SYNC_STATE), state);
	snprintf(t[1], sizeof t[1], "%s", state);
	term_print_wrapped(y, 1, w, 1, TA_NORMAL, term_width(t[0]) <= w ?
			   t[0] : t[1]);
	if (d->have_figures) {
		char p[32], r[32], c[32];
		text_format_int(d->fig.pending, p, sizeof p);
		text_format_int(d->fig.rejected, r, sizeof r);
		text_format_int(d->fig.conflicts, c, sizeof c);
		snprintf(t[0], sizeof t[0], "%s: %s (%s %s), %s %s",
			 tr(M_OUTBOX), p, r, tr(M_REJECTED), c,
			 tr(M_SYNC_CONFLICTS));
		snprintf(t[1], sizeof t[1], tr(M_DASH_OUTBOX_SHORT), p, r, c);
	} else {
		snprintf(t[0], sizeof t[0], "%s: …", tr(M_OUTBOX));
		snprintf(t[1], sizeof t[1], "%s", t[0]);
	}
	print_first_fitting(y + 1, 1, w, TA_NORMAL, t, 2);
	value_show_time(d->last_sync, date_time, sizeof date_time);
	snprintf(t[0], sizeof t[0], "%s: %s", tr(M_LAST_SYNC),
		 d->last_sync[0] ? date_time : tr(M_NEVER));
	term_print(y + 2, 1, w, TA_NORMAL, t[0]);
}

static void draw(struct app *app, void *state, int top, int rows)
{
	struct dashboard *d = state;
	char t[3][300], date[16];
	int y = top, w = term_cols() - 2;
	int answers, counts, blocks, need, gap;

	if (d->stale)
		read_quick(app, d);
	refresh_figures(app, d);
	/* who and where, then the period: full words, else shorter */
	snprintf(t[0], sizeof t[0], "%s: %s   %s: %s", tr(M_DISTRICT),
		 sx_db_district_name(app->db), tr(M_OPERATOR), d->operator);
	snprintf(t[1], sizeof t[1], "%s   %s: %s",
		 sx_db_district_name(app->db), tr(M_OPERATOR), d->operator);
	snprintf(t[2], sizeof t[2], "%s · %s", sx_db_district_name(app->db),
		 d->operator);
	print_first_fitting(y++, 1, w, TA_NORMAL, t, d->operator[0] ? 3 : 1);
	if (d->have_period) {
		char s[16], e[16];
		long left = 0;
		text_format_date(d->period.start, s, sizeof s);
		text_format_date(d->period.end, e, sizeof e);
		if (d->deadline[0]) {
			text_format_date(d->deadline, date, sizeof date);
			left = days_until(d->deadline);
			snprintf(t[0], sizeof t[0], tr(M_DASH_PERIOD),
				 d->period.name, s, e, date, left);
			snprintf(t[1], sizeof t[1], tr(M_DASH_PERIOD_SHORT),
				 d->period.name, date, left);
			snprintf(t[2], sizeof t[2], tr(M_DASH_PERIOD_TINY),
				 d->period.name, date);
		} else {
			snprintf(t[0], sizeof t[0], "%s (%s–%s)",
				 d->period.name, s, e);
			snprintf(t[1], sizeof t[1], "%s", d->period.name);
			snprintf(t[2], sizeof t[2], "%s", d->period.name);
		}
		print_first_fitting(y, 1, w, TA_NORMAL, t, 3);
	}
	y++;
	/* by priority: the province's answers whole, the targets and the
	 * sync lines; then the counts and the blank lines if room is left */
	answers = draw_answers(d, -1, w);
	counts = draw_counts(d, -1, w);
	blocks = (answers ? 1 : 0) + 3;    /* a blank line before each */
	need = 2 + answers + 5 + 3;
	gap = need + counts + blocks <= rows;
	if (need + counts > rows) {
		counts = 0;
		blocks--;
		gap = need + blocks <= rows;
	}
	y += gap;
	if (answers)
		y += draw_answers(d, y, w) + gap;
	draw_targets(d, y);
	y += 5 + gap;
	if (counts)
		y += draw_counts(d, y, w) + gap;
	draw_sync(app, d, y, w);
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

/* a: the first answer (a returned report before an accepted one) on the
 * reports screen, at its period. */
static void open_answer(struct app *app, struct dashboard *d)
{
	void *reports;

	if (!d->nanswers) {
		app_status(app, TA_DIM, "%s", tr(M_DASH_NO_ANSWER));
		return;
	}
	reports = app_show_screen(app, "reports");
	if (reports)
		screen_reports_show_period(app, reports, d->answers[0].period);
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
	case 'a':
		open_answer(app, d);
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
	{"F1", M_KEY_HELP}, {"Enter", M_KEY_WORKLIST}, {"a", M_KEY_ANSWER},
	{"r", M_KEY_REFRESH},
	{"1-9", M_KEY_SCREENS}, {"F10", M_KEY_QUIT}, {NULL, M_COUNT}
};

static const enum i18n_msg help[] = {
	M_H_DASH_TARGETS, M_H_DASH_T1, M_H_DASH_T2, M_H_DASH_T3, M_H_DASH_T4,
	M_H_DASH_COUNTS, M_H_DASH_WORK, M_H_DASH_ANSWER, M_H_REFRESH, M_COUNT
};

const struct screen_ops screen_dashboard = {
	"dashboard", M_DASHBOARD, M_TAB_DASHBOARD, open_screen, close_screen,
	draw, key, changed, typing, bar_items, help, NULL
};

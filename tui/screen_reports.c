/* screen_reports.c — Báo cáo: the periodic report of the district.  Pick
 * the period (←/→), build the draft and scroll its text preview, edit the
 * three narrative texts, finalise (a frozen revision) and submit it for
 * sync; the revisions of the period are listed with their status and the
 * province's reason when one was returned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "form.h"
#include "report_findings.h"
#include "textedit.h"
#include "value.h"
#include "sxsh/db.h"
#include "sxsh/period.h"
#include "sxsh/report.h"
#include "sxsh/report_check.h"
#include "sxsh/report_diff.h"
#include "sxsh/report_draft.h"
#include "sxsh/savedir.h"

struct reports_view {
	struct sx_period period;
	char *preview;       /* rendered text of the draft, owned, or NULL */
	int scroll;
	int nlines;
	int hscroll;             /* columns scrolled sideways (< >) */
	int maxw;                /* widest line of the preview */
	struct sx_report_rev *revs;
	int nrevs;
	int revs_stale;
	/* the narrative editor, when open */
	int editing;
	int cur;                 /* which text */
	int changed;
	int draft_due;           /* a change not yet in the draft */
	struct textedit texts[3];
	/* the findings before finalising, when listed (f) */
	int reviewing;
	struct report_findings findings;
	/* the folder prompt of p (save as PDF and HTML), when open */
	int saving;
	struct field folder;
};

static const char *const narrative_keys[3] = {
	"results", "difficulties", "proposals"
};
static const enum i18n_msg narrative_titles[3] = {
	M_REP_RESULTS, M_REP_DIFFICULTIES, M_REP_PROPOSALS
};

static void editor_draw(struct app *app, struct reports_view *v, int top,
			int rows);

static void *open_screen(struct app *app)
{
	struct reports_view *v = calloc(1, sizeof *v);
	enum sx_period_rule rule = SX_RULE_CALENDAR;
	char today[11];

	if (!v)
		return NULL;
	sx_today(today);
	period_rule_of(app->db, &rule, NULL);
	period_containing(today, SX_PERIOD_S1, rule, &v->period, NULL);
	v->revs_stale = 1;
	return v;
}

static void drop_preview(struct reports_view *v)
{
	free(v->preview);
	v->preview = NULL;
	v->scroll = 0;
	v->nlines = 0;
	v->hscroll = 0;
	v->maxw = 0;
}

/* Takes text as the preview: counts its lines and its widest one. */
static void set_preview(struct reports_view *v, char *text)
{
	const char *p = text;

	drop_preview(v);
	v->preview = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char line[4096];
		if (n >= sizeof line)
			n = sizeof line - 1;
		memcpy(line, p, n);
		line[n] = '\0';
		if (term_width(line) > v->maxw)
			v->maxw = term_width(line);
		v->nlines++;
		p = nl ? nl + 1 : p + strlen(p);
	}
}

/* s after its first cols display columns. */
static const char *skip_columns(const char *s, int cols)
{
	while (*s && cols > 0) {
		char one[8];
		size_t n = 1;
		while ((s[n] & 0xC0) == 0x80 && n < sizeof one - 1)
			n++;
		memcpy(one, s, n);
		one[n] = '\0';
		cols -= term_width(one);
		s += n;
	}
	return s;
}

static void close_screen(void *state)
{
	struct reports_view *v = state;

	if (!v)
		return;
	drop_preview(v);
	free(v->revs);
	if (v->editing)
		for (int i = 0; i < 3; i++)
			textedit_release(&v->texts[i]);
	if (v->saving)
		field_release(&v->folder);
	if (v->reviewing)
		report_findings_release(&v->findings);
	free(v);
}

static void changed(struct app *app, void *state)
{
	struct reports_view *v = state;

	(void)app;
	v->revs_stale = 1;
	v->findings.stale = v->reviewing;
	drop_preview(v);
}

static const char *status_label(const char *s)
{
	static const struct { const char *key; enum i18n_msg label; }
	labels[] = {
		{"finalised", M_REP_ST_FINALISED},
		{"queued", M_REP_ST_QUEUED},
		{"sent", M_REP_ST_SENT},
		{"accepted", M_REP_ST_ACCEPTED},
		{"returned", M_REP_ST_RETURNED},
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (!strcmp(s, labels[i].key))
			return tr(labels[i].label);
	return s;
}

static void draw(struct app *app, void *state, int top, int rows)
{
	struct reports_view *v = state;
	char buf[1400];
	int y = top;

	if (v->editing) {
		editor_draw(app, v, top, rows);
		return;
	}
	if (v->revs_stale) {
		free(v->revs);
		v->revs = NULL;
		v->nrevs = 0;
		report_list(app->db, v->period.name, NULL, &v->revs, &v->nrevs,
			    NULL);
		v->revs_stale = 0;
	}
	snprintf(buf, sizeof buf, "%s — %s %s   (←/→)%s", tr(M_REPORTS),
		 tr(M_REP_PERIOD), v->period.name,
		 v->preview && v->maxw > term_cols() - 2 ?
		 tr(M_REP_SIDEWAYS) : "");
	term_print(y++, 1, term_cols() - 2, TA_HEADER, buf);
	if (v->nrevs == 0)
		term_print(y++, 2, term_cols() - 3, TA_DIM,
			   tr(M_REP_NONE_FINAL));
	for (int i = 0; i < v->nrevs && y < top + 5; i++) {
		const struct sx_report_rev *r = &v->revs[i];
		char when[40];
		value_show_time(r->finalised_at, when, sizeof when);
		snprintf(buf, sizeof buf, "%s %d: %s  %s%s%s",
			 tr(M_REP_REVISION), r->revision,
			 status_label(r->status), when,
			 r->status_reason[0] ? " — " : "", r->status_reason);
		term_print(y++, 2, term_cols() - 3,
			   !strcmp(r->status, "returned") ? TA_ERROR
							  : TA_NORMAL, buf);
	}
	y++;
	if (v->reviewing) {
		report_findings_draw(app, &v->findings, y, top + rows - y);
		return;
	}
	if (v->saving) {
		term_print(y++, 2, term_cols() - 3, TA_NORMAL,
			   tr(M_REP_SAVE_FOLDER));
		app_set_cursor(app, y, field_draw(&v->folder, y, 2,
						  term_cols() - 4, 1));
		term_print(y + 2, 2, term_cols() - 3, TA_DIM,
			   tr(M_REP_SAVE_KEYS));
		return;
	}
	if (!v->preview) {
		/* Wrapped, not cut: at 60 columns the bar has no room for f,
		 * and this line is then the only place that names it. */
		term_print_wrapped(y, 2, term_cols() - 3, 3, TA_DIM,
				   tr(M_REP_KEYS));
		return;
	}
	/* The preview, line by line from the scroll position. */
	{
		const char *p = v->preview;
		int line = 0;
		while (*p && y < top + rows) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			if (line >= v->scroll) {
				char l[4096];
				if (n >= sizeof l)
					n = sizeof l - 1;
				memcpy(l, p, n);
				l[n] = 0;
				term_print(y++, 1, term_cols() - 2, TA_NORMAL,
					   skip_columns(l, v->hscroll));
			}
			line++;
			p = nl ? nl + 1 : p + strlen(p);
		}
	}
}

static void build(struct app *app, struct reports_view *v)
{
	struct sx_render_opts opts = {0};
	struct sx_error err = {0};
	char *json = NULL, *text = NULL;

	drop_preview(v);
	opts.lang = i18n_lang();
	opts.status = "draft";
	if (report_build(app->db, v->period.name, &json, NULL, &err) ==
	    SX_OK &&
	    /* nothing cut: < > scroll sideways instead */
	    report_render(json, SX_REPORT_TEXT_WHOLE, &opts, &text, NULL,
			  &err) == SX_OK) {
		set_preview(v, text);
	} else {
		app_message(app, tr_err(&err));
	}
	free(json);
}

/* d: what changed, in the preview's place (report_diff_pick's choice:
 * the latest revision against the draft, or the last two revisions). */
static void show_diff(struct app *app, struct reports_view *v)
{
	struct sx_error err = {0};
	int from = -1, to = -1;
	char *text = NULL;

	if (report_diff_pick(app->db, v->period.name, &from, &to, &err) ||
	    report_diff(app->db, v->period.name, from, to, i18n_lang(), &text,
			NULL, &err)) {
		app_message(app, tr_err(&err));
		return;
	}
	set_preview(v, text);
}

static void finalise_yes(struct app *app, void *arg)
{
	struct reports_view *v = arg;
	struct sx_report_rev rev;
	struct sx_error err = {0};

	if (report_finalise(app->db, v->period.name, &rev, &err) == SX_OK)
		app_status(app, TA_OK, tr(M_REP_FINALISED), rev.revision,
			   v->period.name);
	else
		app_message(app, tr_err(&err));
	v->revs_stale = 1;
}

/* f: the check first.  A blocking finding refuses with its message;
 * warnings are listed (report_findings.c) until the officer confirms;
 * the question spells out what finalising means and how many warnings
 * the officer is accepting. */
static void ask_finalise(struct app *app, struct reports_view *v)
{
	struct sx_check check = {0};
	struct sx_error err = {0};
	const struct sx_finding *block;
	char q[400];
	int warns;

	if (report_check(app->db, v->period.name, &check, &err)) {
		app_message(app, tr_err(&err));
		return;
	}
	block = report_check_first(&check, SX_SEVERITY_BLOCK);
	warns = report_check_count(&check, SX_SEVERITY_WARN);
	if (block) {
		app_message(app, tr_pick(block->msg_vi, block->msg_en));
	} else if (warns && !v->reviewing) {
		/* each warning listed first; c there asks the question */
		if (report_findings_open(&v->findings, v->period.name,
					 &check) == 0)
			v->reviewing = 1;
		else
			report_findings_release(&v->findings);
		app_dirty(app);
	} else {
		snprintf(q, sizeof q, tr(M_REP_ASK_FINALISE),
			 v->period.name, warns);
		app_confirm(app, q, finalise_yes, NULL, v);
	}
	report_check_release(&check);
}

static void submit_yes(struct app *app, void *arg)
{
	struct reports_view *v = arg;
	struct sx_report_rev rev;
	struct sx_error err = {0};

	if (report_submit(app->db, v->period.name, &rev, &err) == SX_OK)
		app_status(app, TA_OK, tr(M_REP_QUEUED), rev.revision);
	else
		app_message(app, tr_err(&err));
	v->revs_stale = 1;
}

/* ---- p: the report as PDF and printable HTML, to a folder ------------- */

static void save_open(struct app *app, struct reports_view *v)
{
	char folder[4096];
	int stick = savedir_default(savedir_media_roots(), folder,
				    sizeof folder);

	field_init(&v->folder);
	field_set(&v->folder, folder);
	v->saving = 1;
	if (stick)
		app_status(app, TA_OK, "%s", tr(M_REP_SAVE_STICK));
	app_dirty(app);
}

static void save_close(struct app *app, struct reports_view *v)
{
	field_release(&v->folder);
	v->saving = 0;
	app_dirty(app);
}

static void save_now(struct app *app, struct reports_view *v)
{
	struct sx_error err = {0};
	char pdf[4096], html[4096];
	char *folder = field_text(&v->folder);
	int saved_html = 0;

	if (!folder)
		return;
	app_status(app, TA_NORMAL, "%s", tr(M_REP_SAVING));
	app_paint_now(app);
	if (savedir_save_report(app->db, v->period.name, folder, pdf, html,
				&saved_html, &err) == SX_OK) {
		app_status(app, TA_OK, tr(M_REP_SAVED_FILES), pdf, html);
		save_close(app, v);
	} else if (saved_html) {
		/* the printable HTML is there; say why the PDF is not */
		app_message(app, tr_err(&err));
		app_status(app, TA_OK, tr(M_REP_SAVED_HTML_ONLY), html);
		save_close(app, v);
	} else {
		app_message(app, tr_err(&err));
	}
	free(folder);
}

static int save_key(struct app *app, struct reports_view *v, int k)
{
	switch (k) {
	case TK_ENTER:
		save_now(app, v);
		return 1;
	case TK_ESC: case TK_CTRL('c'):
		save_close(app, v);
		return 1;
	}
	field_key(&v->folder, k);
	return 1;
}

/* ---- narrative texts: a multi-line editor over the three texts ---------- */

/* Saved, discarded or closed unchanged: the draft has served. */
static void editor_close(struct app *app, struct reports_view *v)
{
	for (int i = 0; i < 3; i++)
		textedit_release(&v->texts[i]);
	v->editing = 0;
	v->draft_due = 0;
	report_draft_discard(app->db, NULL);
	app_dirty(app);
}

/* Opens the editor on texts (NULL: the stored narrative of the period). */
static void editor_open(struct app *app, struct reports_view *v,
			char *const texts[3])
{
	for (int i = 0; i < 3; i++) {
		char *t = texts ? NULL : report_narrative_get(
			app->db, v->period.name, narrative_keys[i]);
		textedit_init(&v->texts[i]);
		field_set(&v->texts[i].f, texts ? texts[i] : t);
		v->texts[i].f.cur = 0;
		free(t);
	}
	v->editing = 1;
	v->cur = 0;
	v->changed = texts != NULL;   /* a restored draft is unsaved */
	v->draft_due = 0;
	app_dirty(app);
}

static void edit_narrative(struct app *app, struct reports_view *v)
{
	editor_open(app, v, NULL);
}

/* Writes the texts as they are to the draft (report_draft.h), so that a
 * crash loses nothing; once per pass of the loop, not per key. */
static void write_draft(struct app *app, struct reports_view *v)
{
	char *texts[3];
	struct sx_error err = {0};

	v->draft_due = 0;
	for (int i = 0; i < 3; i++)
		texts[i] = field_text(&v->texts[i].f);
	if (report_draft_save(app->db, v->period.name,
			      (const char *const *)texts, &err) != SX_OK)
		app_status(app, TA_ERROR, "%s: %s", tr(M_DB_ERROR),
			   tr_err(&err));
	for (int i = 0; i < 3; i++)
		free(texts[i]);
}

static void editor_save(struct app *app, struct reports_view *v)
{
	struct sx_error err = {0};

	for (int i = 0; i < 3; i++) {
		char *t = field_text(&v->texts[i].f);
		enum sx_err rc = report_narrative_set(app->db, v->period.name,
						      narrative_keys[i], t,
						      &err);
		free(t);
		if (rc != SX_OK) {
			app_message(app, tr_err(&err));
			return;
		}
	}
	drop_preview(v);
	editor_close(app, v);
	app_status(app, TA_OK, "%s", tr(M_SAVED));
}

static void discard_yes(struct app *app, void *arg)
{
	editor_close(app, arg);
}

static int editor_key(struct app *app, struct reports_view *v, int k)
{
	switch (k) {
	case TK_F2: case TK_CTRL('s'):
		editor_save(app, v);
		return 1;
	case TK_ESC: case TK_CTRL('c'):
		if (v->changed)
			app_confirm(app, tr(M_ASK_DISCARD), discard_yes, NULL,
				    v);
		else
			editor_close(app, v);
		return 1;
	case TK_TAB:
		v->cur = (v->cur + 1) % 3;
		return 1;
	case TK_BTAB:
		v->cur = (v->cur + 2) % 3;
		return 1;
	}
	if (textedit_key(&v->texts[v->cur], k) == FIELD_CHANGED)
		v->changed = v->draft_due = 1;
	return 1;
}

static void editor_draw(struct app *app, struct reports_view *v, int top,
			int rows)
{
	char buf[200];
	int x = 1, cy, cx;

	/* drawing comes once per pass, after the keys of that pass */
	if (v->draft_due)
		write_draft(app, v);
	snprintf(buf, sizeof buf, "%s — %s %s", tr(M_REP_NARRATIVE),
		 tr(M_REP_PERIOD), v->period.name);
	term_print(top, 1, term_cols() - 2, TA_HEADER, buf);
	for (int i = 0; i < 3; i++) {
		snprintf(buf, sizeof buf, "%d %s", i + 1,
			 tr(narrative_titles[i]));
		x += term_print(top + 1, x, term_cols() - x,
				i == v->cur ? TA_TAB_ON : TA_TAB, buf) + 2;
	}
	term_print(top + 2, 1, term_cols() - 2, TA_DIM, tr(M_REP_EDIT_KEYS));
	textedit_draw(&v->texts[v->cur], top + 4, 1, rows - 5,
		      term_cols() - 2, 1, &cy, &cx);
	app_set_cursor(app, cy, cx);
}

/* The next or previous period: S1 → S2 → year → next S1. */
static void step_period(struct app *app, struct reports_view *v, int dir)
{
	char name[16];
	int y = v->period.year;
	enum sx_period_kind k = v->period.kind;

	if (dir > 0) {
		if (k == SX_PERIOD_YEAR) {
			y++;
			k = SX_PERIOD_S1;
		} else {
			k++;
		}
	} else {
		if (k == SX_PERIOD_S1) {
			y--;
			k = SX_PERIOD_YEAR;
		} else {
			k--;
		}
	}
	if (k == SX_PERIOD_YEAR)
		snprintf(name, sizeof name, "%d", y);
	else
		snprintf(name, sizeof name, "%dS%d", y, k == SX_PERIOD_S1 ?
			 1 : 2);
	if (period_resolve(app->db, name, &v->period, NULL) == SX_OK) {
		drop_preview(v);
		v->revs_stale = 1;
	}
}

void screen_reports_show_period(struct app *app, void *state,
				const char *period)
{
	struct reports_view *v = state;

	if (!v || v->editing || v->saving)
		return;
	if (period_resolve(app->db, period, &v->period, NULL) == SX_OK) {
		drop_preview(v);
		v->revs_stale = 1;
	}
	app_dirty(app);
}

struct narrative_offer {
	char period[8];
	char *texts[3];
};

static void offer_free(struct narrative_offer *o)
{
	for (int i = 0; i < 3; i++)
		free(o->texts[i]);
	free(o);
}

static void offer_yes(struct app *app, void *arg)
{
	struct narrative_offer *o = arg;
	struct reports_view *v = app_show_screen(app, "reports");

	if (v && !v->editing && !v->saving &&
	    period_resolve(app->db, o->period, &v->period, NULL) == SX_OK) {
		drop_preview(v);
		v->revs_stale = 1;
		editor_open(app, v, o->texts);
	}
	offer_free(o);
}

static void offer_no(struct app *app, void *arg)
{
	report_draft_discard(app->db, NULL);
	offer_free(arg);
}

static void offer_drop(struct app *app, void *arg)
{
	(void)app;
	offer_free(arg);
}

void screen_reports_offer_draft(struct app *app)
{
	struct narrative_offer *o = calloc(1, sizeof *o);
	char text[300];

	if (!o)
		return;
	if (report_draft_get(app->db, o->period, o->texts, NULL) != SX_OK) {
		free(o);
		return;
	}
	snprintf(text, sizeof text, tr(M_REP_ASK_DRAFT), o->period);
	app_confirm(app, text, offer_yes, offer_no, o);
	app->dialog.on_drop = offer_drop;
}

static int key(struct app *app, void *state, int k)
{
	struct reports_view *v = state;
	char q[200];

	if (v->editing)
		return editor_key(app, v, k);
	if (v->saving)
		return save_key(app, v, k);
	if (v->reviewing) {
		enum findings_result r = report_findings_key(app, &v->findings,
							     k);
		if (r == FINDINGS_KEEP)
			return 1;
		report_findings_release(&v->findings);
		if (r == FINDINGS_CONFIRM)
			ask_finalise(app, v);   /* checks again, then asks */
		v->reviewing = 0;
		app_dirty(app);
		return 1;
	}
	switch (k) {
	case TK_LEFT: case TK_RIGHT:
		step_period(app, v, k == TK_RIGHT ? 1 : -1);
		return 1;
	case 'b': case TK_ENTER:
		build(app, v);
		return 1;
	case 'v':
		edit_narrative(app, v);
		return 1;
	case 'p':
		save_open(app, v);
		return 1;
	case 'd':
		show_diff(app, v);
		return 1;
	case 'f':
		ask_finalise(app, v);
		return 1;
	case 's':
		snprintf(q, sizeof q, tr(M_REP_ASK_SUBMIT),
			 v->period.name);
		app_confirm(app, q, submit_yes, NULL, v);
		return 1;
	case TK_DOWN:
		if (v->scroll < v->nlines)
			v->scroll++;
		return 1;
	case TK_UP:
		if (v->scroll > 0)
			v->scroll--;
		return 1;
	case TK_PGDN: case ' ':
		v->scroll += 10;
		if (v->scroll > v->nlines)
			v->scroll = v->nlines;
		return 1;
	case TK_PGUP:
		v->scroll = v->scroll > 10 ? v->scroll - 10 : 0;
		return 1;
	case '>': case '.':
		if (v->hscroll + term_cols() - 2 < v->maxw)
			v->hscroll += 20;
		return 1;
	case '<': case ',':
		v->hscroll = v->hscroll > 20 ? v->hscroll - 20 : 0;
		return 1;
	}
	return 0;
}

static int typing(void *state)
{
	struct reports_view *v = state;

	return v->editing || v->saving;
}

static int unsaved(void *state)
{
	struct reports_view *v = state;

	return v->editing && v->changed;
}

static const struct bar_item bar_items[] = {
	{"F1", M_KEY_HELP}, {"b", M_KEY_OPEN}, {"v", M_KEY_EDIT},
	{"p", M_KEY_PDF}, {"d", M_KEY_DIFF}, {"f", M_KEY_FINALISE}, {"s", M_KEY_SUBMIT},
	{"1-9", M_KEY_SCREENS},
	{"F10", M_KEY_QUIT}, {NULL, M_COUNT}
};

static const enum i18n_msg help[] = {
	M_H_REPORT_PERIOD, M_H_REPORT_BUILD, M_H_REPORT_SIDEWAYS, M_H_REPORT_NARRATIVE,
	M_H_REPORT_PDF, M_H_REPORT_DIFF, M_H_REPORT_FINALISE, M_H_REPORT_SUBMIT, M_COUNT
};

const struct screen_ops screen_reports = {
	"reports", M_REPORTS, M_TAB_REPORTS, open_screen, close_screen, draw,
	key, changed, typing, bar_items, help, unsaved
};

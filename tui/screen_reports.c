/* screen_reports.c — Báo cáo: the periodic report of the district.  Pick
 * the period (←/→), build the draft and scroll its text preview, edit the
 * three narrative texts, finalise (a frozen revision) and submit it for
 * sync; the revisions of the period are listed with their status and the
 * province's reason when one was returned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "form.h"
#include "textedit.h"
#include "value.h"
#include "sxsh/db.h"
#include "sxsh/period.h"
#include "sxsh/report.h"
#include "sxsh/report_check.h"
#include "sxsh/savedir.h"

struct reports_view {
	struct sx_period period;
	char *preview;       /* rendered text of the draft, owned, or NULL */
	int scroll;
	int nlines;
	struct sx_report_rev *revs;
	int nrevs;
	int revs_stale;
	/* the narrative editor, when open */
	int editing;
	int cur;                 /* which text */
	int changed;
	struct textedit texts[3];
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
	free(v);
}

static void changed(struct app *app, void *state)
{
	struct reports_view *v = state;

	(void)app;
	v->revs_stale = 1;
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
	snprintf(buf, sizeof buf, "%s — %s %s   (←/→)", tr(M_REPORTS),
		 tr(M_REP_PERIOD), v->period.name);
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
		term_print(y, 2, term_cols() - 3, TA_DIM, tr(M_REP_KEYS));
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
				char l[600];
				if (n >= sizeof l)
					n = sizeof l - 1;
				memcpy(l, p, n);
				l[n] = 0;
				term_print(y++, 1, term_cols() - 2, TA_NORMAL,
					   l);
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
	    report_render(json, SX_REPORT_TEXT, &opts, &text, NULL, &err) ==
	    SX_OK) {
		v->preview = text;
		for (const char *p = text; *p; p++)
			v->nlines += *p == '\n';
	} else {
		app_message(app, tr_err(&err));
	}
	free(json);
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

/* f: the check first.  A blocking finding refuses with its message; the
 * question spells out what finalising means and how many warnings the
 * officer is accepting. */
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

static void editor_close(struct app *app, struct reports_view *v)
{
	for (int i = 0; i < 3; i++)
		textedit_release(&v->texts[i]);
	v->editing = 0;
	app_dirty(app);
}

static void edit_narrative(struct app *app, struct reports_view *v)
{
	for (int i = 0; i < 3; i++) {
		char *t = report_narrative_get(app->db, v->period.name,
					       narrative_keys[i]);
		textedit_init(&v->texts[i]);
		field_set(&v->texts[i].f, t);
		v->texts[i].f.cur = 0;
		free(t);
	}
	v->editing = 1;
	v->cur = 0;
	v->changed = 0;
	app_dirty(app);
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
		v->changed = 1;
	return 1;
}

static void editor_draw(struct app *app, struct reports_view *v, int top,
			int rows)
{
	char buf[200];
	int x = 1, cy, cx;

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

static int key(struct app *app, void *state, int k)
{
	struct reports_view *v = state;
	char q[200];

	if (v->editing)
		return editor_key(app, v, k);
	if (v->saving)
		return save_key(app, v, k);
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
	{"p", M_KEY_PDF}, {"f", M_KEY_FINALISE}, {"s", M_KEY_SUBMIT},
	{"1-9", M_KEY_SCREENS},
	{"F10", M_KEY_QUIT}, {NULL, M_COUNT}
};

static const enum i18n_msg help[] = {
	M_H_REPORT_PERIOD, M_H_REPORT_BUILD, M_H_REPORT_NARRATIVE,
	M_H_REPORT_PDF, M_H_REPORT_FINALISE, M_H_REPORT_SUBMIT, M_COUNT
};

const struct screen_ops screen_reports = {
	"reports", M_REPORTS, M_TAB_REPORTS, open_screen, close_screen, draw,
	key, changed, typing, bar_items, help, unsaved
};

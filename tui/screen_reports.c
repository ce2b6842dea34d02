/* screen_reports.c — Báo cáo: the periodic report of the district.  Pick
 * the period (←/→), build the draft and scroll its text preview, edit the
 * three narrative texts, finalise (a frozen revision) and submit it for
 * sync; the revisions of the period are listed with their status and the
 * province's reason when one was returned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "form.h"
#include "sxsh/db.h"
#include "sxsh/period.h"
#include "sxsh/report.h"

struct reports_view {
	struct sx_period period;
	char *preview;       /* rendered text of the draft, owned, or NULL */
	int scroll;
	int nlines;
	struct sx_report_rev *revs;
	int nrevs;
	int revs_stale;
};

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
	static const struct { const char *key, *vi, *en; } labels[] = {
		{"finalised", "đã chốt", "finalised"},
		{"queued", "chờ gửi", "queued"},
		{"sent", "đã gửi", "sent"},
		{"accepted", "tỉnh đã nhận", "accepted"},
		{"returned", "tỉnh trả lại", "returned"},
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (!strcmp(s, labels[i].key))
			return tr_pick(labels[i].vi, labels[i].en);
	return s;
}

static void draw(struct app *app, void *state, int top, int rows)
{
	struct reports_view *v = state;
	char buf[400];
	int y = top;

	if (v->revs_stale) {
		free(v->revs);
		v->revs = NULL;
		v->nrevs = 0;
		report_list(app->db, v->period.name, NULL, &v->revs, &v->nrevs,
			    NULL);
		v->revs_stale = 0;
	}
	snprintf(buf, sizeof buf, "%s — %s %s   (←/→)", tr(M_REPORTS),
		 i18n_english() ? "period" : "kỳ", v->period.name);
	term_print(y++, 1, term_cols() - 2, TA_HEADER, buf);
	if (v->nrevs == 0)
		term_print(y++, 2, term_cols() - 3, TA_DIM, i18n_english() ?
			   "No revision finalised yet." :
			   "Chưa có bản nào được chốt.");
	for (int i = 0; i < v->nrevs && y < top + 5; i++) {
		const struct sx_report_rev *r = &v->revs[i];
		snprintf(buf, sizeof buf, "%s %d: %s  %s%s%s",
			 i18n_english() ? "Revision" : "Bản", r->revision,
			 status_label(r->status), r->finalised_at,
			 r->status_reason[0] ? " — " : "", r->status_reason);
		term_print(y++, 2, term_cols() - 3,
			   !strcmp(r->status, "returned") ? TA_ERROR
							  : TA_NORMAL, buf);
	}
	y++;
	if (!v->preview) {
		term_print(y, 2, term_cols() - 3, TA_DIM, i18n_english() ?
			   "b: build the draft  v: narrative texts  "
			   "f: finalise  s: submit" :
			   "b: lập bản nháp  v: phần nhận xét  f: chốt  "
			   "s: gửi lên tỉnh");
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
	opts.lang = i18n_english() ? "en" : "vi";
	opts.status = "draft";
	if (report_build(app->db, v->period.name, &json, NULL, &err) ==
	    SX_OK &&
	    report_render(json, SX_REPORT_TEXT, &opts, &text, NULL, &err) ==
	    SX_OK) {
		v->preview = text;
		for (const char *p = text; *p; p++)
			v->nlines += *p == '\n';
	} else {
		app_message(app, i18n_english() || !err.msg_vi[0] ? err.msg
								  : err.msg_vi);
	}
	free(json);
}

static void finalise_yes(struct app *app, void *arg)
{
	struct reports_view *v = arg;
	struct sx_report_rev rev;
	struct sx_error err = {0};

	if (report_finalise(app->db, v->period.name, &rev, &err) == SX_OK)
		app_status(app, TA_OK, i18n_english() ?
			   "Revision %d of %s finalised." :
			   "Đã chốt bản %d của kỳ %s.", rev.revision,
			   v->period.name);
	else
		app_message(app, i18n_english() || !err.msg_vi[0] ? err.msg
								  : err.msg_vi);
	v->revs_stale = 1;
}

static void submit_yes(struct app *app, void *arg)
{
	struct reports_view *v = arg;
	struct sx_report_rev rev;
	struct sx_error err = {0};

	if (report_submit(app->db, v->period.name, &rev, &err) == SX_OK)
		app_status(app, TA_OK, i18n_english() ?
			   "Revision %d queued for the next sync." :
			   "Bản %d đã vào hàng chờ gửi.", rev.revision);
	else
		app_message(app, i18n_english() || !err.msg_vi[0] ? err.msg
								  : err.msg_vi);
	v->revs_stale = 1;
}

/* ---- narrative texts: a form over three long texts ---------------------- */

#define NF(name, vi, en) \
	{name, SXF_TEXT, 0, 4000, vi, en, NULL, NULL, SXK_COUNT, 0}
static const struct sx_field narrative_fields[] = {
	NF("results", "Kết quả thực hiện", "Results"),
	NF("difficulties", "Khó khăn, vướng mắc", "Difficulties"),
	NF("proposals", "Đề xuất, kiến nghị", "Proposals"),
};
static const struct sx_kind_def narrative_def = {
	SXK_COUNT, "narrative", "narrative", NULL, "Phần nhận xét của báo cáo",
	"Report narrative", NULL, narrative_fields, 3
};

static int narrative_save(struct app *app, struct form *form)
{
	struct reports_view *v = form->ctx;
	struct sx_error err = {0};

	for (int i = 0; i < 3; i++) {
		char *t = form_value(form, narrative_fields[i].name);
		enum sx_err rc = report_narrative_set(app->db, v->period.name,
						      narrative_fields[i].name,
						      t, &err);
		free(t);
		if (rc != SX_OK) {
			form_set_problem(form, narrative_fields[i].name,
					 i18n_english() ? err.msg : err.msg_vi);
			return -1;
		}
	}
	drop_preview(v);
	app_status(app, TA_OK, "%s", tr(M_SAVED));
	return 0;
}

static void edit_narrative(struct app *app, struct reports_view *v)
{
	char *values[3];

	for (int i = 0; i < 3; i++)
		values[i] = report_narrative_get(app->db, v->period.name,
						 narrative_fields[i].name);
	form_open_custom(app, &narrative_def, (const char *const *)values,
			 narrative_save, NULL, v);
	for (int i = 0; i < 3; i++)
		free(values[i]);
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
	case 'f':
		snprintf(q, sizeof q, i18n_english() ?
			 "Finalise the report of %s? A finalised revision "
			 "never changes." :
			 "Chốt báo cáo kỳ %s? Bản đã chốt không sửa được nữa.",
			 v->period.name);
		app_confirm(app, q, finalise_yes, NULL, v);
		return 1;
	case 's':
		snprintf(q, sizeof q, i18n_english() ?
			 "Submit the latest revision of %s to the province?" :
			 "Gửi bản mới nhất của kỳ %s lên tỉnh?",
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
	(void)state;
	return 0;
}

static const struct bar_item bar_items[] = {
	{"F1", M_KEY_HELP}, {"b", M_KEY_OPEN}, {"v", M_KEY_EDIT},
	{"f", M_KEY_SAVE}, {"s", M_KEY_SYNC}, {"1-9", M_KEY_SCREENS},
	{"F10", M_KEY_QUIT}, {NULL, M_COUNT}
};

static const enum i18n_msg help[] = {
	M_H_REPORT_PERIOD, M_H_REPORT_BUILD, M_H_REPORT_NARRATIVE,
	M_H_REPORT_FINALISE, M_H_REPORT_SUBMIT, M_COUNT
};

const struct screen_ops screen_reports = {
	"reports", M_REPORTS, M_TAB_REPORTS, open_screen, close_screen, draw,
	key, changed, typing, bar_items, help
};

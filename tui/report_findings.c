/* report_findings.c — the findings before finalising (report_findings.h).
 *
 * After a record opened from here is saved, the check runs again (on the
 * next draw), so a fixed finding leaves the list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "form.h"
#include "report_findings.h"
#include "sxsh/record.h"

int report_findings_open(struct report_findings *f, const char *period,
			 struct sx_check *check)
{
	memset(f, 0, sizeof *f);
	snprintf(f->period, sizeof f->period, "%s", period);
	f->check = *check;
	check->items = NULL;
	check->n = 0;
	f->next = calloc((size_t)(f->check.n ? f->check.n : 1),
			 sizeof *f->next);
	return f->next ? 0 : -1;
}

void report_findings_release(struct report_findings *f)
{
	report_check_release(&f->check);
	free(f->next);
	f->next = NULL;
}

/* Runs the check again after records changed; keeps the pick in range. */
static void recheck(struct app *app, struct report_findings *f)
{
	struct sx_check c = {0};
	int *next;

	f->stale = 0;
	if (report_check(app->db, f->period, &c, NULL) != SX_OK)
		return;
	next = calloc((size_t)(c.n ? c.n : 1), sizeof *next);
	if (!next) {
		report_check_release(&c);
		return;
	}
	/* the same finding keeps its place in its records */
	for (int i = 0; i < c.n; i++)
		for (int j = 0; j < f->check.n; j++)
			if (!strcmp(c.items[i].code, f->check.items[j].code) &&
			    !strcmp(c.items[i].msg_en,
				    f->check.items[j].msg_en) &&
			    !strcmp(c.items[i].kind, f->check.items[j].kind))
				next[i] = f->next[j];
	report_check_release(&f->check);
	free(f->next);
	f->check = c;
	f->next = next;
	if (f->sel >= f->check.n)
		f->sel = f->check.n ? f->check.n - 1 : 0;
}

void report_findings_draw(struct app *app, struct report_findings *f,
			  int top, int rows)
{
	char buf[800];
	int y = top, w = term_cols() - 4;
	int warns = report_check_count(&f->check, SX_SEVERITY_WARN);

	if (f->stale)
		recheck(app, f);
	snprintf(buf, sizeof buf, tr(M_REP_FINDINGS_TITLE), f->period, warns);
	y += term_print_wrapped(y, 1, term_cols() - 2, 2, TA_HEADER, buf);
	for (int i = 0; i < f->check.n && y < top + rows - 2; i++) {
		const struct sx_finding *x = &f->check.items[i];
		char records[64] = "";
		if (x->nrecords)
			snprintf(records, sizeof records, tr(M_REP_FINDING_N),
				 x->nrecords);
		snprintf(buf, sizeof buf, "%s %s%s", i == f->sel ? "▶" : " ",
			 tr_pick(x->msg_vi, x->msg_en), records);
		y += term_print_wrapped(y, 2, w, top + rows - 2 - y,
					i == f->sel ? TA_SELECTED : TA_NORMAL,
					buf);
	}
	if (!f->check.n)
		term_print(y++, 2, w, TA_OK, tr(M_REP_FINDINGS_NONE));
	term_print_wrapped(top + rows - 2, 1, term_cols() - 2, 2, TA_DIM,
			   tr(M_REP_FINDINGS_KEYS));
}

/* Enter: the next record of the picked finding in its form. */
static void open_next_record(struct app *app, struct report_findings *f)
{
	const struct sx_finding *x;
	const struct sx_kind_def *def;
	struct sx_record *rec = NULL;
	struct sx_error err = {0};

	if (f->sel >= f->check.n)
		return;
	x = &f->check.items[f->sel];
	def = record_kind_by_name(x->kind);
	if (!def || !x->nrecords) {
		app_status(app, TA_DIM, "%s", tr(M_REP_FINDING_NO_RECORDS));
		return;
	}
	int i = f->next[f->sel] % x->nrecords;
	f->next[f->sel] = i + 1;
	if (record_load(app->db, def->kind, x->records[i], &rec, &err) !=
	    SX_OK) {
		app_message(app, tr_err(&err));
		return;
	}
	form_open_record(app, def->kind, rec, NULL);
	record_free(rec);
	f->stale = 1;   /* whatever the form does, look again after */
	app_status(app, TA_NORMAL, tr(M_REP_FINDING_RECORD), i + 1,
		   x->nrecords);
}

enum findings_result report_findings_key(struct app *app,
					 struct report_findings *f, int key)
{
	switch (key) {
	case TK_UP:
		if (f->sel > 0)
			f->sel--;
		return FINDINGS_KEEP;
	case TK_DOWN:
		if (f->sel + 1 < f->check.n)
			f->sel++;
		return FINDINGS_KEEP;
	case TK_ENTER: case 'e':
		open_next_record(app, f);
		return FINDINGS_KEEP;
	case 'c': case 'y':
		return FINDINGS_CONFIRM;
	case TK_ESC: case 'k': case 'n':
		return FINDINGS_CLOSE;
	}
	return FINDINGS_KEEP;
}

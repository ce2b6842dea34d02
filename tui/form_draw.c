/* form_draw.c — a form's layout (form.h).  Labels sit in a column as wide
 * as the longest label allows (two fifths of the screen at most) and wrap
 * there, never cut; the input takes the rest of the line; a field's
 * message is shown whole on the lines under its input, without the
 * field's label again; the choice list opens over the form below its
 * field.  Hints go to the status line (form_hint), not beside the input,
 * so that they never take room from a label or a message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "form.h"
#include "sxsh/refdata.h"

#define COUNT_ONLY (-10000)   /* a row term_print_wrapped does not draw */

struct layout {
	int lw;   /* label column */
	int ix;   /* input's column */
	int iw;   /* input's width */
	int mw;   /* width of the message under the input */
};

static void label_text(const struct sx_field *f, char *buf, size_t sz)
{
	const char *l = tr_pick(f->label_vi, f->label_en);

	if (f->unit)
		snprintf(buf, sz, "%s (%s)%s", l, f->unit,
			 f->required ? " *" : "");
	else
		snprintf(buf, sz, "%s%s", l, f->required ? " *" : "");
}

static int label_width(const struct form *form)
{
	int w = 10, cap = term_cols() * 2 / 5;
	char label[200];

	for (int i = 0; i < form->n; i++) {
		int lw;
		label_text(form->items[i].f, label, sizeof label);
		lw = term_width(label) + 2;
		if (lw > w)
			w = lw;
	}
	if (cap < 14)
		cap = 14;
	return w > cap ? cap : w;
}

/* The sector's name of the VSIC code typed so far, when it is one. */
static int vsic_name(struct app *app, const struct form_item *it,
		     char *name, size_t sz)
{
	char *code;
	int found = 0;

	if (it->f->type != SXF_VSIC)
		return 0;
	code = field_text(&it->edit);
	found = code && *code && refdata_vsic_exists(app->db, code, name,
						     sz) == 1;
	free(code);
	return found;
}

/* Rows item it takes: its label's lines, or its input and the lines
 * under it, whichever is more. */
static int item_rows(struct app *app, const struct form_item *it,
		     const struct layout *l)
{
	char label[200], name[256];
	int lrows, rows = 1;

	label_text(it->f, label, sizeof label);
	lrows = term_print_wrapped(COUNT_ONLY, 0, l->lw - 1, 4, TA_NORMAL,
				   label);
	if (it->problem[0])
		rows += term_print_wrapped(COUNT_ONLY, 0, l->mw, 6, TA_ERROR,
					   it->problem);
	else if (vsic_name(app, it, name, sizeof name))
		rows++;
	return rows > lrows ? rows : lrows;
}

static void draw_input(struct app *app, struct form *form,
		       struct form_item *it, int y, const struct layout *l,
		       int active)
{
	enum term_attr fa = active ? TA_FIELD_ON : TA_FIELD;
	char shown[300];

	if (form_is_choice(it->f)) {
		const char *c = it->choice >= 0 ?
			tr_pick(it->choices[it->choice].label_vi,
				it->choices[it->choice].label_en) :
			tr(M_EMPTY_CHOICE);
		snprintf(shown, sizeof shown, "< %s >", c);
		term_print_pad(y, l->ix, l->iw, fa, shown);
	} else if (it->f->type == SXF_REF) {
		if (it->ref)
			snprintf(shown, sizeof shown, "%s", it->ref_title[0] ?
				 it->ref_title : "?");
		else
			snprintf(shown, sizeof shown, "[%s]", tr(M_PICK_HINT));
		term_print_pad(y, l->ix, l->iw, fa, shown);
	} else {
		int cx = field_draw(&it->edit, y, l->ix, l->iw, active);
		if (active && !app->picker && !form->list_open)
			app_set_cursor(app, y, cx);
	}
}

static void draw_item(struct app *app, struct form *form, int i, int y,
		      const struct layout *l)
{
	struct form_item *it = &form->items[i];
	int active = i == form->cur;
	char label[200], name[256];

	label_text(it->f, label, sizeof label);
	term_print_wrapped(y, 1, l->lw - 1, 4, active ? TA_HEADER : TA_NORMAL,
			   label);
	draw_input(app, form, it, y, l, active);
	if (active)
		form->cur_y = y;
	if (it->problem[0])
		term_print_wrapped(y + 1, l->ix, l->mw, 6, TA_ERROR,
				   it->problem);
	else if (vsic_name(app, it, name, sizeof name))
		term_print(y + 1, l->ix, l->mw, TA_DIM, name);
}

/* The open choice list, under its field (over it when there is no room
 * below), as wide as its longest label. */
static void draw_list(struct form *form, const struct layout *l, int top,
		      int rows)
{
	struct form_item *it = &form->items[form->cur];
	int w = 12, h, y, x = l->ix;

	for (int i = 0; i < it->nchoices; i++) {
		int cw = term_width(tr_pick(it->choices[i].label_vi,
					    it->choices[i].label_en)) + 4;
		if (cw > w)
			w = cw;
	}
	if (x + w > term_cols() - 1)
		w = term_cols() - 1 - x;
	h = it->nchoices + 2;
	if (top + rows - (form->cur_y + 1) >= h || form->cur_y - top < h) {
		y = form->cur_y + 1;
		if (h > top + rows - y)
			h = top + rows - y;
	} else {
		y = form->cur_y - h;
	}
	if (h < 3)
		return;
	if (form->list_sel < form->list_top)
		form->list_top = form->list_sel;
	if (form->list_sel >= form->list_top + h - 2)
		form->list_top = form->list_sel - (h - 2) + 1;
	term_box(y, x, h, w, TA_DIALOG);
	for (int r = 0; r < h - 2 && form->list_top + r < it->nchoices; r++) {
		const struct sx_choice *c = &it->choices[form->list_top + r];
		term_print_pad(y + 1 + r, x + 1, w - 2,
			       form->list_top + r == form->list_sel ?
			       TA_SELECTED : TA_DIALOG,
			       tr_pick(c->label_vi, c->label_en));
	}
}

static int draw_intro(struct form *form, int y)
{
	for (const char *p = form->intro; *p; ) {
		const char *nl = strchr(p, '\n');
		char line[400];
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n >= sizeof line)
			n = sizeof line - 1;
		memcpy(line, p, n);
		line[n] = 0;
		y += term_print_wrapped(y, 1, term_cols() - 2, 3, TA_DIM,
					line);
		p += n;
		if (*p == '\n')
			p++;
	}
	return y;
}

void form_draw(struct app *app, struct form *form, int top, int rows)
{
	struct layout l;
	int body, y, used;

	for (int r = 0; r < rows; r++)
		term_fill(top + r, 0, term_cols(), TA_NORMAL);
	term_print(top, 1, term_cols() - 2, TA_HEADER, form->title);
	y = draw_intro(form, top + 1) + 1;
	body = top + rows - y;
	if (body < 1)
		return;
	l.lw = label_width(form);
	l.ix = 1 + l.lw + 1;
	l.mw = term_cols() - l.ix - 1;
	l.iw = l.mw > 70 ? 70 : l.mw;
	/* Scroll so that the whole of the current field shows. */
	if (form->cur < form->scroll)
		form->scroll = form->cur;
	for (;;) {
		used = 0;
		for (int i = form->scroll; i <= form->cur; i++)
			used += item_rows(app, &form->items[i], &l);
		if (used <= body || form->scroll >= form->cur)
			break;
		form->scroll++;
	}
	form->cur_y = -1;
	for (int i = form->scroll; i < form->n; i++) {
		int h = item_rows(app, &form->items[i], &l);
		if (y + h > top + rows && i != form->cur)
			break;
		draw_item(app, form, i, y, &l);
		y += h;
	}
	if (form->list_open && form->cur_y >= 0)
		draw_list(form, &l, top + 1, rows - 1);
}

int form_problem_count(const struct form *form)
{
	int n = 0;

	for (int i = 0; i < form->n; i++)
		n += form->items[i].problem[0] != 0;
	return n;
}

void form_hint(const struct form *form, char *buf, size_t sz)
{
	const struct form_item *it = &form->items[form->cur];
	const struct sx_field *f = it->f;

	if (form->list_open)
		snprintf(buf, sz, "%s", tr(M_LIST_HINT));
	else if (form_is_choice(f))
		snprintf(buf, sz, "%s", tr(M_CHOICE_HINT));
	else if (f->type == SXF_REF)
		snprintf(buf, sz, "%s", tr(M_PICK_HINT));
	else if (f->type == SXF_DATE)
		snprintf(buf, sz, "%s", tr(M_DATE_HINT));
	else if (f->type == SXF_INT || f->type == SXF_DECIMAL ||
		 f->type == SXF_YEAR || f->type == SXF_MONEY)
		snprintf(buf, sz, "%s", tr(M_NUMBER_HINT));
	else
		snprintf(buf, sz, tr(M_LIMIT_HINT), (int)it->edit.max_chars,
			 (int)it->edit.len);
}

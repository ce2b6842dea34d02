/* form.c — forms generated from kind tables (see form.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "form.h"
#include "picker.h"
#include "value.h"
#include "sxsh/db.h"
#include "sxsh/draft.h"
#include "sxsh/refdata.h"
#include "sxsh/text.h"

const struct bar_item form_bar[] = {
	{"F1", M_KEY_HELP}, {"F2", M_KEY_SAVE}, {"Tab", M_KEY_NEXT},
	{"Enter", M_KEY_PICK}, {"Esc", M_KEY_CLOSE}, {NULL, M_COUNT}
};

static int is_choice(const struct sx_field *f)
{
	return f->type == SXF_CHOICE || f->type == SXF_BOOL ||
	       f->type == SXF_COMMUNE;
}

/* Labels from the i18n table (M_YES, M_NO), filled by form_new. */
static struct sx_choice bool_choices[] = {
	{"1", NULL, NULL}, {"0", NULL, NULL}, {NULL, NULL, NULL}
};

static int count_choices(const struct sx_choice *c)
{
	int n = 0;
	while (c && c[n].key)
		n++;
	return n;
}

static void item_release(struct form_item *it)
{
	field_release(&it->edit);
	if (it->own_strings) {
		for (int i = 0; i < 2 * it->nchoices; i++)
			free(it->own_strings[i]);
		free(it->own_strings);
	}
	free(it->own_choices);
	free(it->ref);
}

int form_set_choices(struct form *form, const char *name,
		     const char *const *keys, const char *const *labels,
		     int n)
{
	struct form_item *it = NULL;
	struct sx_choice *ch;
	char **strs;

	for (int i = 0; i < form->n; i++)
		if (!strcmp(form->items[i].f->name, name))
			it = &form->items[i];
	if (!it)
		return -1;
	ch = calloc((size_t)n + 1, sizeof *ch);
	strs = calloc(2 * (size_t)n + 1, sizeof *strs);
	if (!ch || !strs) {
		free(ch);
		free(strs);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		strs[2 * i] = strdup(keys[i]);
		strs[2 * i + 1] = strdup(labels[i]);
		ch[i].key = strs[2 * i] ? strs[2 * i] : "";
		ch[i].label_vi = strs[2 * i + 1] ? strs[2 * i + 1] : "";
		ch[i].label_en = ch[i].label_vi;
	}
	if (it->own_strings) {
		for (int i = 0; i < 2 * it->nchoices; i++)
			free(it->own_strings[i]);
		free(it->own_strings);
	}
	free(it->own_choices);
	it->own_choices = ch;
	it->own_strings = strs;
	it->choices = ch;
	it->nchoices = n;
	it->choice = -1;
	return 0;
}

struct commune_acc {
	const char **keys, **labels;
	char (*codes)[8];
	char (*names)[128];
	int n, cap;
};

static void add_commune(const struct sx_unit *u, void *arg)
{
	struct commune_acc *a = arg;
	if (a->n >= a->cap)
		return;
	snprintf(a->codes[a->n], 8, "%s", u->code);
	snprintf(a->names[a->n], 128, "%s", u->name);
	a->n++;
}

/* The communes of the district as the choices of a commune field. */
static void load_communes(struct app *app, struct form *form,
			  const char *name)
{
	struct commune_acc a = {0};
	const char **keys = NULL, **labels = NULL;

	a.cap = 200;
	a.codes = calloc((size_t)a.cap, sizeof *a.codes);
	a.names = calloc((size_t)a.cap, sizeof *a.names);
	keys = calloc((size_t)a.cap, sizeof *keys);
	labels = calloc((size_t)a.cap, sizeof *labels);
	if (!a.codes || !a.names || !keys || !labels)
		goto done;
	refdata_each_child(app->db, app->district, add_commune, &a, NULL);
	for (int i = 0; i < a.n; i++) {
		keys[i] = a.codes[i];
		labels[i] = a.names[i];
	}
	form_set_choices(form, name, keys, labels, a.n);
done:
	free(a.codes);
	free(a.names);
	free(keys);
	free(labels);
}

static void select_choice(struct form_item *it, const char *key)
{
	it->choice = -1;
	for (int i = 0; key && i < it->nchoices; i++)
		if (!strcmp(it->choices[i].key, key))
			it->choice = i;
}

static struct form *form_alloc(const struct sx_kind_def *def)
{
	struct form *form = calloc(1, sizeof *form);

	if (!form)
		return NULL;
	form->def = def;
	tr_pair(M_YES, &bool_choices[0].label_vi, &bool_choices[0].label_en);
	tr_pair(M_NO, &bool_choices[1].label_vi, &bool_choices[1].label_en);
	form->items = calloc((size_t)def->nfields, sizeof *form->items);
	if (!form->items) {
		free(form);
		return NULL;
	}
	form->n = def->nfields;
	for (int i = 0; i < def->nfields; i++) {
		struct form_item *it = &form->items[i];
		const struct sx_field *f = &def->fields[i];
		it->f = f;
		field_init(&it->edit);
		it->edit.max_chars = f->max_len > 0 ? (size_t)f->max_len : 500;
		it->choice = -1;
		if (f->type == SXF_BOOL)
			it->choices = bool_choices;
		else if (f->type == SXF_CHOICE)
			it->choices = f->choices;
		it->nchoices = count_choices(it->choices);
	}
	return form;
}

static void form_free(struct form *form)
{
	if (!form)
		return;
	for (int i = 0; i < form->n; i++)
		item_release(&form->items[i]);
	free(form->items);
	record_free(form->rec);
	free(form);
}

/* Puts value v into item it: canonical (typed == 0) or as typed. */
static void item_load(struct app *app, struct form_item *it, const char *v,
		      int typed)
{
	char buf[600];

	if (is_choice(it->f)) {
		select_choice(it, v);
	} else if (it->f->type == SXF_REF) {
		free(it->ref);
		it->ref = v && *v ? strdup(v) : NULL;
		value_ref_title(app->db, it->f->ref_kind, it->ref,
				it->ref_title, sizeof it->ref_title);
	} else if (typed) {
		field_set(&it->edit, v);
	} else {
		value_edit_text(it->f, v, buf, sizeof buf);
		field_set(&it->edit, buf);
	}
}

static void set_title(struct form *form, int is_new)
{
	snprintf(form->title, sizeof form->title, "%s — %s",
		 tr(is_new ? M_NEW_RECORD : M_EDIT_RECORD),
		 tr_pick(form->def->label_vi, form->def->label_en));
}

static struct form *open_common(struct app *app, struct sx_record *rec,
				int typed)
{
	const struct sx_kind_def *def = record_kind(rec->kind);
	struct form *form = def ? form_alloc(def) : NULL;

	if (!form) {
		record_free(rec);
		return NULL;
	}
	form->rec = rec;
	form->use_draft = 1;
	for (int i = 0; i < form->n; i++)
		if (form->items[i].f->type == SXF_COMMUNE)
			load_communes(app, form, form->items[i].f->name);
	for (int i = 0; i < form->n; i++)
		item_load(app, &form->items[i], rec->values[i], typed);
	set_title(form, rec->uuid[0] == 0);
	form_close(app, 0);
	app->form = form;
	app_dirty(app);
	return form;
}

struct form *form_open_record(struct app *app, enum sx_kind kind,
			      const struct sx_record *rec,
			      const struct sx_record *preset)
{
	struct sx_record *copy;

	if (rec) {
		copy = record_dup(rec);
	} else if (preset) {
		copy = record_dup(preset);
		if (copy)
			copy->uuid[0] = 0;
	} else {
		copy = record_new(kind);
		/* Sensible starting values for a new record. */
		if (copy && kind == SXK_FACILITY)
			record_set(copy, "status", "active");
		if (copy && kind == SXK_PERSON)
			record_set(copy, "active", "1");
	}
	if (!copy)
		return NULL;
	return open_common(app, copy, 0);
}

struct form *form_open_draft(struct app *app, struct sx_record *rec,
			     long long draft_id)
{
	struct form *form = open_common(app, rec, 1);

	if (form) {
		form->draft_id = draft_id;
		form->changed = 1;
	}
	return form;
}

struct form *form_open_custom(struct app *app,
			      const struct sx_kind_def *def,
			      const char *const *values, form_save_fn save,
			      form_done_fn done, void *ctx)
{
	struct form *form = form_alloc(def);

	if (!form)
		return NULL;
	form->save = save;
	form->done = done;
	form->ctx = ctx;
	snprintf(form->title, sizeof form->title, "%s",
		 tr_pick(def->label_vi, def->label_en));
	for (int i = 0; i < form->n; i++)
		if (form->items[i].f->type == SXF_COMMUNE)
			load_communes(app, form, form->items[i].f->name);
	for (int i = 0; values && i < form->n; i++)
		item_load(app, &form->items[i], values[i], 0);
	form_close(app, 0);
	app->form = form;
	app_dirty(app);
	return form;
}

/* The item's value: canonical (typed == 0; NULL for empty or unparsable,
 * with *bad set) or as typed (for the draft). */
static char *item_value(struct form_item *it, int typed, int *bad,
			enum i18n_msg *problem)
{
	char *text, *canon = NULL;

	if (bad)
		*bad = 0;
	if (is_choice(it->f))
		return it->choice >= 0 ?
			strdup(it->choices[it->choice].key) : NULL;
	if (it->f->type == SXF_REF)
		return it->ref ? strdup(it->ref) : NULL;
	text = field_text(&it->edit);
	if (!text || typed)
		return text;
	if (value_parse(it->f, text, &canon, problem) && bad)
		*bad = 1;
	free(text);
	return canon;
}

char *form_value(struct form *form, const char *name)
{
	enum i18n_msg problem;
	int bad;

	for (int i = 0; i < form->n; i++)
		if (!strcmp(form->items[i].f->name, name))
			return item_value(&form->items[i], 0, &bad, &problem);
	return NULL;
}

void form_set_problem(struct form *form, const char *name, const char *msg)
{
	for (int i = 0; i < form->n; i++)
		if (!strcmp(form->items[i].f->name, name))
			snprintf(form->items[i].problem,
				 sizeof form->items[i].problem, "%s", msg);
}

void form_abandon(struct app *app)
{
	struct form *form = app->form;

	app->form = NULL;
	form_free(form);
}

void form_close(struct app *app, int saved)
{
	struct form *form = app->form;

	if (!form)
		return;
	app->form = NULL;
	if (app->picker)
		picker_close(app);
	if (form->draft_id)
		draft_discard(app->db, form->draft_id, NULL);
	if (form->done)
		form->done(app, form, saved);
	form_free(form);
	app_dirty(app);
}

/* ---- drafts ------------------------------------------------------------ */

void form_idle(struct app *app, struct form *form)
{
	struct sx_record *draft;
	struct sx_error err = {0};

	if (!form->draft_due || !form->use_draft || !form->rec)
		return;
	form->draft_due = 0;
	draft = record_dup(form->rec);
	if (!draft)
		return;
	for (int i = 0; i < form->n; i++) {
		char *v = item_value(&form->items[i], 1, NULL, NULL);
		record_set(draft, form->items[i].f->name, v);
		free(v);
	}
	if (draft_save(app->db, &form->draft_id, draft, &err) != SX_OK)
		app_status(app, TA_ERROR, "%s: %s", tr(M_DB_ERROR),
			   tr_err(&err));
	record_free(draft);
}

static void mark_changed(struct form *form, struct form_item *it)
{
	form->changed = 1;
	form->draft_due = 1;
	it->problem[0] = 0;
}

/* ---- saving -------------------------------------------------------------- */

static int collect(struct app *app, struct form *form, struct sx_record *rec)
{
	int bad_any = 0;

	(void)app;
	for (int i = 0; i < form->n; i++) {
		struct form_item *it = &form->items[i];
		enum i18n_msg problem = M_COUNT;
		int bad;
		char *v = item_value(it, 0, &bad, &problem);
		it->problem[0] = 0;
		if (bad) {
			snprintf(it->problem, sizeof it->problem, "%s",
				 tr(problem));
			bad_any = 1;
		} else if (rec) {
			record_set(rec, it->f->name, v);
		}
		free(v);
	}
	return bad_any ? -1 : 0;
}

static void first_problem_visible(struct form *form)
{
	for (int i = 0; i < form->n; i++)
		if (form->items[i].problem[0]) {
			form->cur = i;
			return;
		}
}

static void save(struct app *app, struct form *form)
{
	struct sx_problems problems;
	struct sx_error err = {0};
	struct sx_record *rec;
	enum sx_err rc;

	if (form->save) {
		if (collect(app, form, NULL) == 0 && form->save(app, form) == 0)
			form_close(app, 1);
		else
			first_problem_visible(form);
		app_dirty(app);
		return;
	}
	rec = record_dup(form->rec);
	if (!rec)
		return;
	if (collect(app, form, rec)) {
		record_free(rec);
		first_problem_visible(form);
		app_status(app, TA_ERROR, "%s", tr(M_NOT_SAVED));
		return;
	}
	problems_init(&problems);
	rc = record_save(app->db, rec, &problems, &err);
	if (rc == SX_INVALID) {
		int unplaced = 0;
		for (int i = 0; i < problems.count; i++) {
			const struct sx_problem *p = &problems.items[i];
			const char *msg = tr_pick(p->msg_vi, p->msg_en);
			int placed = 0;
			for (int k = 0; k < form->n; k++)
				if (!strcmp(form->items[k].f->name, p->field)) {
					snprintf(form->items[k].problem,
						 sizeof form->items[k].problem,
						 "%s", msg);
					placed = 1;
				}
			if (!placed && !unplaced) {
				app_status(app, TA_ERROR, "%s", msg);
				unplaced = 1;
			}
		}
		if (!unplaced)
			app_status(app, TA_ERROR, "%s", tr(M_NOT_SAVED));
		first_problem_visible(form);
	} else if (rc != SX_OK) {
		app_status(app, TA_ERROR, "%s: %s", tr(M_ERROR),
			   tr_err(&err));
	} else {
		form_close(app, 1);
		app_records_changed(app);
		app_status(app, TA_OK, "%s", tr(M_SAVED));
	}
	problems_release(&problems);
	record_free(rec);
	app_dirty(app);
}

/* ---- keys ---------------------------------------------------------------- */

static void discard_yes(struct app *app, void *arg)
{
	(void)arg;
	form_close(app, 0);
}

static void ask_close(struct app *app, struct form *form)
{
	if (!form->changed || form->esc_closes_unasked) {
		if (!form->esc_closes_unasked)
			form_close(app, 0);
		return;
	}
	app_confirm(app, tr(M_ASK_DISCARD), discard_yes, NULL, NULL);
}

static void on_ref_pick(struct app *app, void *arg, const char *uuid,
			const char *title)
{
	struct form *form = app->form;
	struct form_item *it = arg;

	if (!form)
		return;
	free(it->ref);
	it->ref = strdup(uuid);
	snprintf(it->ref_title, sizeof it->ref_title, "%s", title);
	mark_changed(form, it);
}

static double now_s(void)
{
	return app_now_ms() / 1000.0;
}

/* Type-ahead: letters typed within a second add up to a prefix of a
 * label (diacritics and case ignored, "Xã " and the like skipped). */
static void typeahead(struct form *form, struct form_item *it, int key)
{
	char ch[8], *folded_prefix;
	mbstate_t st;
	size_t n, len;

	memset(&st, 0, sizeof st);
	n = wcrtomb(ch, (wchar_t)key, &st);
	if (n == (size_t)-1)
		return;
	ch[n] = 0;
	if (now_s() - form->typeahead_at > 1.0)
		form->typeahead[0] = 0;
	form->typeahead_at = now_s();
	len = strlen(form->typeahead);
	if (len + n + 1 >= sizeof form->typeahead)
		return;
	memcpy(form->typeahead + len, ch, n + 1);
	folded_prefix = text_fold(form->typeahead);
	if (!folded_prefix)
		return;
	for (int i = 0; i < it->nchoices; i++) {
		const char *label = tr_pick(it->choices[i].label_vi,
					    it->choices[i].label_en);
		char *fl = text_fold(label);
		const char *p = fl;
		int hit = 0;
		if (!fl)
			continue;
		/* Any word of the label may match: "chieng" finds
		 * "Xã Chiềng Sơn". */
		while (p && *p) {
			if (!strncmp(p, folded_prefix, strlen(folded_prefix))) {
				hit = 1;
				break;
			}
			p = strchr(p, ' ');
			if (p)
				p++;
		}
		free(fl);
		if (hit) {
			it->choice = i;
			break;
		}
	}
	free(folded_prefix);
}

static int choice_key(struct form *form, struct form_item *it, int key)
{
	/* A space inside a name being typed ("tan hop") is type-ahead too. */
	if (key == ' ' && form->typeahead[0] &&
	    now_s() - form->typeahead_at <= 1.0) {
		typeahead(form, it, key);
		return 1;
	}
	switch (key) {
	case ' ': case TK_RIGHT: case '+':
		if (it->nchoices == 0)
			return 1;
		it->choice = (it->choice + 1) % it->nchoices;
		mark_changed(form, it);
		return 1;
	case TK_LEFT: case '-':
		if (it->nchoices == 0)
			return 1;
		it->choice = it->choice <= 0 ? it->nchoices - 1
					     : it->choice - 1;
		mark_changed(form, it);
		return 1;
	case TK_BACKSPACE: case TK_DELETE:
		it->choice = -1;
		mark_changed(form, it);
		return 1;
	default:
		if (key > ' ' && key < TK_SPECIAL) {
			typeahead(form, it, key);
			mark_changed(form, it);
			return 1;
		}
		return 0;
	}
}

static void move(struct form *form, int delta)
{
	form->cur += delta;
	if (form->cur < 0)
		form->cur = form->n - 1;
	if (form->cur >= form->n)
		form->cur = 0;
	form->typeahead[0] = 0;
}

int form_key(struct app *app, struct form *form, int key)
{
	struct form_item *it = &form->items[form->cur];

	switch (key) {
	case TK_F2: case TK_CTRL('s'):
		save(app, form);
		return 1;
	case TK_ESC:
		ask_close(app, form);
		return 1;
	case TK_TAB: case TK_DOWN:
		move(form, 1);
		return 1;
	case TK_BTAB: case TK_UP:
		move(form, -1);
		return 1;
	case TK_PGDN:
		form->cur = form->cur + 8 < form->n ? form->cur + 8
						    : form->n - 1;
		return 1;
	case TK_PGUP:
		form->cur = form->cur > 8 ? form->cur - 8 : 0;
		return 1;
	}
	if (is_choice(it->f)) {
		if (key == TK_ENTER) {
			move(form, 1);
			return 1;
		}
		return choice_key(form, it, key);
	}
	if (it->f->type == SXF_REF) {
		if (key == TK_ENTER || key == ' ') {
			char title[160];
			const struct sx_kind_def *rd =
				record_kind(it->f->ref_kind);
			snprintf(title, sizeof title, "%s: %s",
				 tr(M_PICK_TITLE),
				 rd ? tr_pick(rd->label_vi, rd->label_en) : "");
			picker_open(app, it->f->ref_kind, title, on_ref_pick,
				    it);
			return 1;
		}
		if (key == TK_BACKSPACE || key == TK_DELETE) {
			free(it->ref);
			it->ref = NULL;
			it->ref_title[0] = 0;
			mark_changed(form, it);
			return 1;
		}
		return 0;
	}
	if (key == TK_ENTER) {
		move(form, 1);
		return 1;
	}
	switch (field_key(&it->edit, key)) {
	case FIELD_CHANGED:
		mark_changed(form, it);
		return 1;
	case FIELD_MOVED:
		return 1;
	default:
		return 0;
	}
}

/* ---- drawing ------------------------------------------------------------- */

static int label_width(struct form *form)
{
	int w = 10;

	for (int i = 0; i < form->n; i++) {
		const struct sx_field *f = form->items[i].f;
		int lw = term_width(tr_pick(f->label_vi, f->label_en)) + 2;
		if (f->unit)
			lw += term_width(f->unit) + 3;
		if (lw > w)
			w = lw;
	}
	return w > 30 ? 30 : w;
}

/* The sector's name beside a VSIC code typed so far, when it is one. */
static void show_vsic_name(struct app *app, struct form_item *it, int y,
			   int x)
{
	char name[256], *code = field_text(&it->edit);

	if (code && *code && refdata_vsic_exists(app->db, code, name,
						 sizeof name) == 1)
		term_print(y, x, term_cols() - x, TA_DIM, name);
	free(code);
}

static void draw_item(struct app *app, struct form *form, int i, int y,
		      int lw, int iw)
{
	struct form_item *it = &form->items[i];
	const struct sx_field *f = it->f;
	int active = i == form->cur;
	char label[200], shown[300];
	int x = 1, ix = x + lw + 1, mx;
	enum term_attr fa = active ? TA_FIELD_ON : TA_FIELD;

	if (f->unit)
		snprintf(label, sizeof label, "%s (%s)%s",
			 tr_pick(f->label_vi, f->label_en), f->unit,
			 f->required ? " *" : "");
	else
		snprintf(label, sizeof label, "%s%s",
			 tr_pick(f->label_vi, f->label_en),
			 f->required ? " *" : "");
	term_print_pad(y, x, lw, active ? TA_HEADER : TA_NORMAL, label);
	if (is_choice(f)) {
		const char *l = it->choice >= 0 ?
			tr_pick(it->choices[it->choice].label_vi,
				it->choices[it->choice].label_en) :
			tr(M_EMPTY_CHOICE);
		snprintf(shown, sizeof shown, "< %s >", l);
		term_print_pad(y, ix, iw, fa, shown);
	} else if (f->type == SXF_REF) {
		snprintf(shown, sizeof shown, "%s%s",
			 it->ref ? it->ref_title : "",
			 it->ref && !it->ref_title[0] ? "?" : "");
		if (!it->ref)
			snprintf(shown, sizeof shown, "[%s]", tr(M_PICK_HINT));
		term_print_pad(y, ix, iw, fa, shown);
	} else {
		int cx = field_draw(&it->edit, y, ix, iw, active);
		if (active && !app->picker)
			app_set_cursor(app, y, cx);
	}
	mx = ix + iw + 1;
	if (it->problem[0])
		term_print(y, mx, term_cols() - mx, TA_ERROR, it->problem);
	else if (active && is_choice(f))
		term_print(y, mx, term_cols() - mx, TA_DIM,
			   tr(M_CHOICE_HINT));
	else if (f->type == SXF_VSIC)
		show_vsic_name(app, it, y, mx);
}

void form_draw(struct app *app, struct form *form, int top, int rows)
{
	int lw = label_width(form), iw, msgw, body, y;

	for (int r = 0; r < rows; r++)
		term_fill(top + r, 0, term_cols(), TA_NORMAL);
	term_print(top, 1, term_cols() - 2, TA_HEADER, form->title);
	y = top + 1;
	/* The intro: one line per '\n'-separated part. */
	for (const char *p = form->intro; *p; ) {
		const char *nl = strchr(p, '\n');
		char line[400];
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n >= sizeof line)
			n = sizeof line - 1;
		memcpy(line, p, n);
		line[n] = 0;
		term_print(y++, 1, term_cols() - 2, TA_DIM, line);
		p += n;
		if (*p == '\n')
			p++;
	}
	y++;
	body = top + rows - y;
	if (body < 1)
		return;
	msgw = term_cols() >= 100 ? 40 : 22;
	iw = term_cols() - lw - 3 - msgw;
	if (iw > 50)
		iw = 50;
	if (iw < 12)
		iw = 12;
	if (form->cur < form->scroll)
		form->scroll = form->cur;
	if (form->cur >= form->scroll + body)
		form->scroll = form->cur - body + 1;
	for (int i = form->scroll; i < form->n && i < form->scroll + body;
	     i++)
		draw_item(app, form, i, y + i - form->scroll, lw, iw);
}

const char *form_current_problem(const struct form *form)
{
	const char *p = form->items[form->cur].problem;
	return p[0] ? p : NULL;
}

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

int form_is_choice(const struct sx_field *f)
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

	if (form_is_choice(it->f)) {
		select_choice(it, v);
	} else if (it->f->type == SXF_REF) {
		free(it->ref);
		it->ref = v && *v ? strdup(v) : NULL;
		value_ref_title(app->db, it->f->ref_kind, it->ref,
				it->ref_title, sizeof it->ref_title);
	} else if (typed || it->f->type == SXF_TEXT ||
		   it->f->type == SXF_PHONE) {
		field_set(&it->edit, v);   /* any length: no buffer between */
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
	if (form_is_choice(it->f))
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

/* Core's messages start with the field's label ("Mã số thuế: sai chữ
 * số kiểm tra"); under the field itself the label is said already. */
static void set_problem(struct form_item *it, const char *msg)
{
	const char *label = tr_pick(it->f->label_vi, it->f->label_en);
	size_t n = strlen(label);

	if (n && !strncmp(msg, label, n) && msg[n] == ':' && msg[n + 1])
		msg += n + 1 + (msg[n + 1] == ' ');
	snprintf(it->problem, sizeof it->problem, "%s", msg);
}

void form_set_problem(struct form *form, const char *name, const char *msg)
{
	for (int i = 0; i < form->n; i++)
		if (!strcmp(form->items[i].f->name, name))
			set_problem(&form->items[i], msg);
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
		app_status(app, TA_ERROR, tr(M_NOT_SAVED),
			   form_problem_count(form));
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
					set_problem(&form->items[k], msg);
					placed = 1;
				}
			if (!placed && !unplaced) {
				app_status(app, TA_ERROR, "%s", msg);
				unplaced = 1;
			}
		}
		if (!unplaced)
			app_status(app, TA_ERROR, tr(M_NOT_SAVED),
				   form_problem_count(form));
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

/* How well folded label fl answers folded text typed: 3 a whole word
 * (or words) of the label, 2 the start of the label, 1 the start of a
 * later word ("chieng" finds "Xã Chiềng Sơn"), 0 no match. */
static int typeahead_rank(const char *fl, const char *typed)
{
	size_t n = strlen(typed);
	int best = 0;

	for (const char *p = fl; p && *p; ) {
		if (!strncmp(p, typed, n)) {
			int rank = p[n] == 0 || p[n] == ' ' ? 3
				   : p == fl ? 2 : 1;
			if (rank > best)
				best = rank;
		}
		p = strchr(p, ' ');
		if (p)
			p++;
	}
	return best;
}

/* Type-ahead: letters typed within a second add up to a text matched
 * against the labels (diacritics and case ignored); a whole word wins
 * over a prefix, so "ho" picks "Hộ kinh doanh" before "Hợp tác xã". */
static void typeahead(struct form *form, struct form_item *it, int key)
{
	char ch[8], *folded;
	mbstate_t st;
	size_t n, len;
	int best = 0;

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
	folded = text_fold(form->typeahead);
	if (!folded)
		return;
	for (int i = 0; i < it->nchoices && best < 3; i++) {
		char *fl = text_fold(tr_pick(it->choices[i].label_vi,
					     it->choices[i].label_en));
		int rank = fl ? typeahead_rank(fl, folded) : 0;
		free(fl);
		if (rank > best) {
			best = rank;
			it->choice = i;
		}
	}
	free(folded);
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

/* Keys while a choice's list is open: ↑↓ PgUp PgDn Home End move,
 * Enter takes, Esc closes, letters jump as type-ahead does. */
static void list_key(struct form *form, struct form_item *it, int key)
{
	int n = it->nchoices;

	switch (key) {
	case TK_UP: form->list_sel--; break;
	case TK_DOWN: form->list_sel++; break;
	case TK_PGUP: form->list_sel -= 8; break;
	case TK_PGDN: form->list_sel += 8; break;
	case TK_HOME: form->list_sel = 0; break;
	case TK_END: form->list_sel = n - 1; break;
	case TK_ENTER:
		it->choice = form->list_sel;
		mark_changed(form, it);
		form->list_open = 0;
		return;
	case TK_ESC: case TK_CTRL('c'):
		form->list_open = 0;
		return;
	default:
		if (key > ' ' && key < TK_SPECIAL) {
			int was = it->choice;
			typeahead(form, it, key);
			form->list_sel = it->choice;
			it->choice = was;
		}
	}
	if (form->list_sel >= n)
		form->list_sel = n - 1;
	if (form->list_sel < 0)
		form->list_sel = 0;
}

int form_key(struct app *app, struct form *form, int key)
{
	struct form_item *it = &form->items[form->cur];

	if (form->list_open) {
		list_key(form, it, key);
		return 1;
	}
	switch (key) {
	case TK_F2: case TK_CTRL('s'):
		save(app, form);
		return 1;
	case TK_ESC: case TK_CTRL('c'):
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
	if (form_is_choice(it->f)) {
		if (key == TK_ENTER && it->nchoices > 0) {
			form->list_open = 1;
			form->list_sel = it->choice >= 0 ? it->choice : 0;
			form->list_top = 0;
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


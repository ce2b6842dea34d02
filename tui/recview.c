/* recview.c — the shared record list screen (see recview.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "form.h"
#include "picker.h"
#include "recview.h"
#include "value.h"
#include "sxsh/db.h"

const struct bar_item recview_bar[] = {
	{"F1", M_KEY_HELP}, {"/", M_KEY_SEARCH}, {"F4", M_KEY_FILTER},
	{"n", M_KEY_NEW}, {"e", M_KEY_EDIT}, {"d", M_KEY_DELETE},
	{"F10", M_KEY_QUIT}, {NULL, M_COUNT}
};

static struct recview_level *top_level(struct recview *v)
{
	return &v->levels[v->depth - 1];
}

static void level_release(struct recview_level *lv)
{
	list_release(&lv->list);
	free(lv->commune);
	free(lv->status);
	free(lv->vsic);
	lv->commune = lv->status = lv->vsic = NULL;
}

void *recview_new(struct app *app, const struct recview_def *def)
{
	struct recview *v = calloc(1, sizeof *v);

	(void)app;
	if (!v)
		return NULL;
	v->def = def;
	v->depth = 1;
	v->levels[0].kind = def->kind;
	v->levels[0].columns = def->columns;
	list_init(&v->levels[0].list, def->kind);
	if (def->nsorts > 0)
		list_set_sort(&v->levels[0].list, def->sorts[0],
			      def->sorts[0] == SXS_DATE ||
			      def->sorts[0] == SXS_UPDATED);
	field_init(&v->search);
	return v;
}

void recview_free(void *state)
{
	struct recview *v = state;

	if (!v)
		return;
	for (int i = 0; i < v->depth; i++)
		level_release(&v->levels[i]);
	field_release(&v->search);
	free(v);
}

int recview_typing(void *state)
{
	return ((struct recview *)state)->searching;
}

void recview_changed(struct app *app, void *state)
{
	struct recview *v = state;

	(void)app;
	for (int i = 0; i < v->depth; i++)
		list_invalidate(&v->levels[i].list);
}

/* ---- drawing ------------------------------------------------------------ */

static const struct sx_field *field_of(enum sx_kind kind, const char *name)
{
	const struct sx_kind_def *def = record_kind(kind);
	int i = def ? record_field_index(def, name) : -1;
	return i >= 0 ? &def->fields[i] : NULL;
}

#define FLEX_MIN 20   /* a flexible column (a name) never gets less */
#define FLEX_MAX 60   /* nor more: the rest widens the other columns */

/* Columns share the width by importance, which is their order: when the
 * fixed columns do not fit beside FLEX_MIN for each flexible one, the
 * last columns are left out first; on a wide screen what the flexible
 * columns cannot use widens the fixed ones (up to twice their width). */
static void layout(const struct recview_column *cols, int total, int *w,
		   int *n)
{
	int fixed = 0, flex = 0, k, nfixed = 0, flexw, spare;

	for (k = 0; cols[k].field; k++) {
		fixed += cols[k].width + 1;
		flex += cols[k].width == 0;
	}
	while (k > 1 && fixed + flex * (FLEX_MIN + 1) > total) {
		k--;
		if (cols[k].width == 0)
			flex--;
		else
			fixed -= cols[k].width + 1;
	}
	*n = k;
	flexw = flex ? (total - fixed) / flex - 1 : 0;
	spare = flexw > FLEX_MAX ? (flexw - FLEX_MAX) * flex : 0;
	if (spare)
		flexw = FLEX_MAX;
	for (int i = 0; i < k; i++)
		nfixed += cols[i].width != 0;
	if (!flex && k > 0)
		spare = total - fixed;
	for (int i = 0; i < k; i++) {
		w[i] = cols[i].width ? cols[i].width : flexw;
		if (cols[i].width && nfixed && spare > 0) {
			int more = spare / nfixed;
			w[i] += more > cols[i].width ? cols[i].width : more;
		}
		if (w[i] < 4)
			w[i] = 4;
	}
}

static void draw_row(struct app *app, struct recview_level *lv,
		     const struct sx_record *rec, int y, const int *w, int n,
		     enum term_attr a)
{
	char buf[400];
	int x = 1;

	term_fill(y, 0, term_cols(), a);
	for (int i = 0; i < n && x < term_cols(); i++) {
		const struct sx_field *f = field_of(lv->kind,
						     lv->columns[i].field);
		if (!f)
			continue;
		value_show(app->db, f, record_get(rec, f->name), buf,
			   sizeof buf);
		term_print(y, x, w[i], a, buf);
		x += w[i] + 1;
	}
}

static const enum i18n_msg gap_titles[] = {
	M_COUNT, M_WORK_T1, M_WORK_T2, M_WORK_T3, M_WORK_T4
};

static void breadcrumb(struct recview *v, char *out, size_t outsz)
{
	const struct sx_kind_def *def = record_kind(v->levels[0].kind);
	enum sx_gap gap = v->levels[0].list.q.gap;
	size_t len;

	snprintf(out, outsz, "%s", tr_pick(def->label_vi, def->label_en));
	if (gap != SX_GAP_NONE) {
		len = strlen(out);
		snprintf(out + len, outsz - len, " › %s", tr(gap_titles[gap]));
	}
	for (int i = 1; i < v->depth; i++) {
		def = record_kind(v->levels[i].kind);
		len = strlen(out);
		snprintf(out + len, outsz - len, " › %s › %s",
			 v->levels[i].parent_title,
			 tr_pick(def->label_vi, def->label_en));
	}
}

static enum i18n_msg sort_label(enum sx_sort s)
{
	switch (s) {
	case SXS_DATE: return M_SORT_DATE;
	case SXS_UPDATED: return M_SORT_UPDATED;
	default: return M_SORT_NAME;
	}
}

void recview_draw(struct app *app, void *state, int top, int rows)
{
	struct recview *v = state;
	struct recview_level *lv = top_level(v);
	struct sx_error err = {0};
	char title[500], info[200];
	int w[16], n, body, y, cx;

	breadcrumb(v, title, sizeof title);
	term_print(top, 1, term_cols() - 2, TA_HEADER, title);
	/* search line */
	y = top + 1;
	if (v->searching || !field_empty(&v->search)) {
		int px = 1 + term_print(y, 1, 20, TA_NORMAL,
					tr(M_SEARCH_PROMPT));
		cx = field_draw(&v->search, y, px, 30, v->searching);
		if (v->searching)
			app_set_cursor(app, y, cx);
	}
	snprintf(info, sizeof info, "%s%s %d · %s",
		 lv->commune || lv->status || lv->vsic || lv->list.q.gap ?
		 tr(M_FILTERED) : "",
		 tr(M_PAGE), lv->list.page_no + 1,
		 tr(sort_label(lv->list.q.sort)));
	term_print(y, term_cols() - term_width(info) - 1,
		   term_width(info), TA_DIM, info);
	/* headings */
	y++;
	layout(lv->columns, term_cols() - 2, w, &n);
	{
		int x = 1;
		term_fill(y, 0, term_cols(), TA_HEADER);
		for (int i = 0; i < n; i++) {
			const struct sx_field *f =
				field_of(lv->kind, lv->columns[i].field);
			if (f)
				term_print(y, x, w[i], TA_HEADER,
					   tr_pick(f->label_vi, f->label_en));
			x += w[i] + 1;
		}
	}
	y++;
	body = top + rows - y - 1;
	if (body < 1)
		return;
	if (list_load(&lv->list, app->db, body, &err) != SX_OK) {
		term_print(y, 1, term_cols() - 2, TA_ERROR,
			   tr_err(&err));
		return;
	}
	if (lv->list.page.count == 0)
		term_print(y, 1, term_cols() - 2, TA_DIM,
			   tr(lv->list.text ? M_NO_MATCH : M_NO_ROWS));
	for (int i = 0; i < lv->list.page.count; i++)
		draw_row(app, lv, lv->list.page.rows[i], y + i, w, n,
			 i == lv->list.sel && !app->form ? TA_SELECTED
							 : TA_NORMAL);
	if (list_has_more(&lv->list))
		term_print(top + rows - 1, term_cols() - 12, 11, TA_DIM,
			   tr(M_MORE_BELOW));
}

/* ---- actions ------------------------------------------------------------ */

struct delete_ctx {
	struct recview *v;
	enum sx_kind kind;
	char uuid[SX_UUID_LEN + 1];
};

static void delete_yes(struct app *app, void *arg)
{
	struct delete_ctx *d = arg;
	struct sx_problems problems;
	struct sx_error err = {0};
	enum sx_err rc;

	problems_init(&problems);
	rc = record_delete(app->db, d->kind, d->uuid, &problems, &err);
	if (rc == SX_OK) {
		d->v->undo_kind = d->kind;
		snprintf(d->v->undo_uuid, sizeof d->v->undo_uuid, "%s",
			 d->uuid);
		app_records_changed(app);
		app_status(app, TA_OK, "%s", tr(M_DELETED));
	} else if (rc == SX_INVALID && problems.count > 0) {
		app_message(app, tr_pick(problems.items[0].msg_vi,
					 problems.items[0].msg_en));
	} else {
		app_message(app, tr_err(&err));
	}
	problems_release(&problems);
	free(d);
}

/* u: the last delete of this screen undone. */
static void undo_delete(struct app *app, struct recview *v)
{
	struct sx_error err = {0};

	if (!v->undo_uuid[0]) {
		app_status(app, TA_DIM, "%s", tr(M_NOTHING_TO_UNDO));
		return;
	}
	if (record_undelete(app->db, v->undo_kind, v->undo_uuid, &err) ==
	    SX_OK) {
		v->undo_uuid[0] = 0;
		app_records_changed(app);
		app_status(app, TA_OK, "%s", tr(M_UNDELETED));
	} else {
		app_message(app, tr_err(&err));
	}
}

static void delete_no(struct app *app, void *arg)
{
	(void)app;
	free(arg);
}

static void ask_delete(struct app *app, struct recview *v,
		       struct recview_level *lv)
{
	const struct sx_record *rec = list_selected(&lv->list);
	struct delete_ctx *d;
	char title[200], text[400];

	if (!rec)
		return;
	d = calloc(1, sizeof *d);
	if (!d)
		return;
	d->v = v;
	d->kind = lv->kind;
	snprintf(d->uuid, sizeof d->uuid, "%s", rec->uuid);
	value_record_title(app->db, rec, title, sizeof title);
	snprintf(text, sizeof text, "%s\n%s", tr(M_ASK_DELETE), title);
	app_confirm(app, text, delete_yes, delete_no, d);
	app->dialog.no_selected = 1;   /* Enter alone never deletes */
}

/* A link record (event_facility) saved straight from the picker. */
static void on_link_pick(struct app *app, void *arg, const char *uuid,
			 const char *title)
{
	struct recview *v = arg;
	struct recview_level *lv = top_level(v);
	const struct recview_child *ch = lv->child;
	const struct sx_kind_def *def = record_kind(lv->kind);
	struct sx_record *rec = record_new(lv->kind);
	struct sx_problems problems;
	struct sx_error err = {0};

	(void)title;
	if (!rec || !ch)
		goto done;
	record_set(rec, def->fields[0].name, lv->parent);
	record_set(rec, ch->link_field, uuid);
	if (lv->kind == SXK_EVENT_PERSON)
		record_set(rec, "completed", "1");
	problems_init(&problems);
	if (record_save(app->db, rec, &problems, &err) == SX_OK) {
		app_records_changed(app);
		app_status(app, TA_OK, "%s", tr(M_SAVED));
	} else if (problems.count > 0) {
		app_message(app, tr_pick(problems.items[0].msg_vi,
					 problems.items[0].msg_en));
	} else {
		app_message(app, tr_err(&err));
	}
	problems_release(&problems);
done:
	record_free(rec);
}

static void new_record(struct app *app, struct recview *v)
{
	struct recview_level *lv = top_level(v);
	struct sx_record *preset;

	if (lv->child && lv->child->link) {
		const struct sx_kind_def *ld =
			record_kind(lv->child->link_kind);
		char title[200];
		snprintf(title, sizeof title, "%s: %s", tr(M_PICK_TITLE),
			 tr_pick(ld->label_vi, ld->label_en));
		picker_open_multi(app, lv->child->link_kind, title,
				  on_link_pick, v);
		return;
	}
	if (!lv->child) {
		form_open_record(app, lv->kind, NULL, NULL);
		return;
	}
	/* A child record starts with its parent filled in. */
	preset = record_new(lv->kind);
	if (!preset)
		return;
	record_set(preset, record_kind(lv->kind)->fields[0].name, lv->parent);
	form_open_record(app, lv->kind, NULL, preset);
	record_free(preset);
}

static void open_child(struct app *app, struct recview *v,
		       const struct recview_child *ch)
{
	struct recview_level *cur = top_level(v), *lv;
	const struct sx_record *rec = list_selected(&cur->list);

	if (!rec || v->depth >= RECVIEW_DEPTH)
		return;
	lv = &v->levels[v->depth];
	memset(lv, 0, sizeof *lv);
	lv->kind = ch->kind;
	lv->columns = ch->columns;
	lv->child = ch;
	snprintf(lv->parent, sizeof lv->parent, "%s", rec->uuid);
	value_record_title(app->db, rec, lv->parent_title,
			   sizeof lv->parent_title);
	list_init(&lv->list, ch->kind);
	list_set_parent(&lv->list, rec->uuid);
	v->depth++;
	v->searching = 0;
	field_set(&v->search, NULL);
	app_dirty(app);
}

static void search_changed(struct app *app, struct recview *v)
{
	struct recview_level *lv = top_level(v);
	char *text;

	app_search_started(app);
	text = field_text(&v->search);
	list_set_text(&lv->list, text);
	free(text);
}

static int search_key(struct app *app, struct recview *v, int key)
{
	struct recview_level *lv = top_level(v);

	switch (key) {
	case TK_ESC:
		v->searching = 0;
		if (!field_empty(&v->search)) {
			field_set(&v->search, NULL);
			search_changed(app, v);
		}
		return 1;
	case TK_ENTER:
		v->searching = 0;
		return 1;
	case TK_UP:
		list_move(&lv->list, app->db, -1);
		return 1;
	case TK_DOWN:
		list_move(&lv->list, app->db, 1);
		return 1;
	}
	if (field_key(&v->search, key) == FIELD_CHANGED)
		search_changed(app, v);
	return 1;
}

/* ---- filters: a small form over the kind's commune, status and sector -- */

static const struct sx_field *kind_field(enum sx_kind kind, const char *name)
{
	return field_of(kind, name);
}

static void set_owned(char **slot, char *value)
{
	free(*slot);
	*slot = value;
}

static int filter_save(struct app *app, struct form *form)
{
	struct recview *v = form->ctx;
	struct recview_level *lv = top_level(v);

	(void)app;
	set_owned(&lv->commune, kind_field(lv->kind, "commune") ?
		  form_value(form, "commune") : NULL);
	set_owned(&lv->status, kind_field(lv->kind, "status") ?
		  form_value(form, "status") : NULL);
	set_owned(&lv->vsic, kind_field(lv->kind, "vsic") ?
		  form_value(form, "vsic") : NULL);
	lv->list.q.commune = lv->commune;
	lv->list.q.status = lv->status;
	lv->list.q.vsic = lv->vsic;
	list_reset(&lv->list);
	return 0;
}

static void open_filter(struct app *app, struct recview *v)
{
	struct recview_level *lv = top_level(v);
	const struct sx_field *f;
	const char *values[3];
	int n = 0;

	if ((f = kind_field(lv->kind, "commune"))) {
		v->filter_fields[n] = *f;
		v->filter_fields[n].required = 0;
		values[n++] = lv->commune;
	}
	if ((f = kind_field(lv->kind, "status"))) {
		v->filter_fields[n] = *f;
		v->filter_fields[n].required = 0;
		values[n++] = lv->status;
	}
	if ((f = kind_field(lv->kind, "vsic"))) {
		v->filter_fields[n] = *f;
		v->filter_fields[n].type = SXF_TEXT;  /* a code prefix */
		v->filter_fields[n].required = 0;
		tr_pair(M_LIST_VSIC_PREFIX, &v->filter_fields[n].label_vi,
			&v->filter_fields[n].label_en);
		values[n++] = lv->vsic;
	}
	if (n == 0) {
		app_status(app, TA_DIM, "%s", tr(M_NO_FILTERS));
		return;
	}
	memset(&v->filter_def, 0, sizeof v->filter_def);
	v->filter_def.kind = SXK_COUNT;
	v->filter_def.name = "filter";
	v->filter_def.singular = "filter";
	tr_pair(M_LIST_FILTER_TITLE, &v->filter_def.label_vi,
		&v->filter_def.label_en);
	v->filter_def.fields = v->filter_fields;
	v->filter_def.nfields = n;
	form_open_custom(app, &v->filter_def, values, filter_save, NULL, v);
}

int recview_key(struct app *app, void *state, int key)
{
	struct recview *v = state;
	struct recview_level *lv = top_level(v);
	const struct sx_record *rec;

	/* Keys can come in a burst before the next paint (which reads the
	 * page): Enter right after a search must see the new page. */
	list_load(&lv->list, app->db, lv->list.page_size, NULL);
	if (v->searching)
		return search_key(app, v, key);
	switch (key) {
	case TK_UP: case 'k':
		list_move(&lv->list, app->db, -1);
		return 1;
	case TK_DOWN: case 'j':
		list_move(&lv->list, app->db, 1);
		return 1;
	case TK_PGDN: case ' ':
		list_next_page(&lv->list, app->db);
		return 1;
	case TK_PGUP:
		list_prev_page(&lv->list, app->db);
		return 1;
	case TK_HOME:
		list_home(&lv->list, app->db);
		return 1;
	case '/':
		v->searching = 1;
		return 1;
	case 'l': case TK_F4:
		open_filter(app, v);
		return 1;
	case 'n': case TK_INSERT:
		new_record(app, v);
		return 1;
	case 'e': case TK_ENTER:
		rec = list_selected(&lv->list);
		if (rec)
			form_open_record(app, lv->kind, rec, NULL);
		return 1;
	case 'd': case TK_DELETE:
		ask_delete(app, v, lv);
		return 1;
	case 'u':
		undo_delete(app, v);
		return 1;
	case 's':
		if (v->def->nsorts > 1 && v->depth == 1) {
			enum sx_sort s;
			v->sort_idx = (v->sort_idx + 1) % v->def->nsorts;
			s = v->def->sorts[v->sort_idx];
			list_set_sort(&lv->list, s,
				      s == SXS_DATE || s == SXS_UPDATED);
		}
		return 1;
	case 'r':
		list_invalidate(&lv->list);
		return 1;
	case TK_ESC:
		if (v->depth > 1) {
			level_release(lv);
			v->depth--;
			list_invalidate(&top_level(v)->list);
			return 1;
		}
		if (!field_empty(&v->search)) {
			field_set(&v->search, NULL);
			search_changed(app, v);
			return 1;
		}
		if (lv->list.q.gap != SX_GAP_NONE) {   /* back to the list */
			recview_show_gap(v, SX_GAP_NONE);
			return 1;
		}
		return 0;
	}
	if (v->depth == 1 && v->def->children)
		for (const struct recview_child *ch = v->def->children;
		     ch->key; ch++)
			if (ch->key == key) {
				open_child(app, v, ch);
				return 1;
			}
	return 0;
}

void recview_show_gap(void *state, enum sx_gap gap)
{
	struct recview *v = state;

	while (v->depth > 1) {
		level_release(top_level(v));
		v->depth--;
	}
	v->searching = 0;
	field_set(&v->search, NULL);
	list_set_text(&v->levels[0].list, NULL);
	v->levels[0].list.q.gap = gap;
	list_reset(&v->levels[0].list);
}

/* picker.c — modal record picker with search-as-you-type (picker.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "picker.h"
#include "value.h"

void picker_open(struct app *app, enum sx_kind kind, const char *title,
		 picker_fn on_pick, void *arg)
{
	struct picker *p = calloc(1, sizeof *p);

	if (!p)
		return;
	picker_close(app);
	list_init(&p->list, kind);
	field_init(&p->search);
	snprintf(p->title, sizeof p->title, "%s", title);
	p->on_pick = on_pick;
	p->arg = arg;
	app->picker = p;
	app_dirty(app);
}

void picker_open_multi(struct app *app, enum sx_kind kind,
		       const char *title, picker_fn on_pick, void *arg)
{
	picker_open(app, kind, title, on_pick, arg);
	if (app->picker)
		app->picker->multi = 1;
}

void picker_close(struct app *app)
{
	struct picker *p = app->picker;

	if (!p)
		return;
	app->picker = NULL;
	list_release(&p->list);
	field_release(&p->search);
	free(p->ticks);
	free(p);
	app_dirty(app);
}

static void geometry(int *y, int *x, int *h, int *w)
{
	*h = term_rows() - 4;
	*w = term_cols() - 8;
	if (*w > 90)
		*w = 90;
	if (*h < 6)
		*h = 6;
	*y = 2;
	*x = (term_cols() - *w) / 2;
}

static int tick_index(const struct picker *p, const char *uuid)
{
	for (int i = 0; i < p->nticks; i++)
		if (!strcmp(p->ticks[i].uuid, uuid))
			return i;
	return -1;
}

/* Space: the highlighted record ticked or unticked; the cursor moves on
 * so that a run of Space ticks a run of rows. */
static void toggle(struct app *app, struct picker *p)
{
	const struct sx_record *rec = list_selected(&p->list);
	int i;

	if (!rec)
		return;
	i = tick_index(p, rec->uuid);
	if (i >= 0) {
		p->ticks[i] = p->ticks[--p->nticks];
	} else {
		if (p->nticks == p->cap) {
			int cap = p->cap ? p->cap * 2 : 16;
			void *g = realloc(p->ticks, (size_t)cap *
						    sizeof *p->ticks);
			if (!g)
				return;
			p->ticks = g;
			p->cap = cap;
		}
		snprintf(p->ticks[p->nticks].uuid, sizeof p->ticks->uuid,
			 "%s", rec->uuid);
		value_record_title(app->db, rec, p->ticks[p->nticks].title,
				   sizeof p->ticks->title);
		p->nticks++;
	}
	list_move(&p->list, app->db, 1);
}

void picker_draw(struct app *app, struct picker *p)
{
	int y, x, h, w, rows, cx;
	char title[300], head[300];

	geometry(&y, &x, &h, &w);
	term_box(y, x, h, w, TA_NORMAL);
	if (p->multi)
		snprintf(head, sizeof head, tr(M_PICK_TICKED), p->title,
			 p->nticks);
	else
		snprintf(head, sizeof head, "%s", p->title);
	term_print(y, x + 2, w - 4, TA_HEADER, head);
	term_print(y + 1, x + 2, w - 4, TA_NORMAL, tr(M_SEARCH_PROMPT));
	cx = field_draw(&p->search, y + 1, x + 2 + term_width(
				tr(M_SEARCH_PROMPT)), w - 14, 1);
	rows = h - 3;
	if (list_load(&p->list, app->db, rows, NULL) != SX_OK)
		return;
	if (p->list.page.count == 0)
		term_print(y + 2, x + 2, w - 4, TA_DIM, tr(M_NO_MATCH));
	for (int i = 0; i < p->list.page.count; i++) {
		const struct sx_record *rec = p->list.page.rows[i];
		size_t o = 0;
		if (p->multi)
			o = (size_t)snprintf(title, sizeof title, "%s ",
					     tick_index(p, rec->uuid) >= 0 ?
					     "[x]" : "[ ]");
		value_record_title(app->db, rec, title + o,
				   sizeof title - o);
		term_print_pad(y + 2 + i, x + 1, w - 2,
			       i == p->list.sel ? TA_SELECTED : TA_NORMAL,
			       title);
	}
	app_set_cursor(app, y + 1, cx);
}

int picker_key(struct app *app, struct picker *p, int key)
{
	const struct sx_record *rec;
	char title[300], uuid[SX_UUID_LEN + 1];
	picker_fn fn;
	void *arg;
	int word_space;

	/* as in recview: a burst of keys may come before the next paint */
	list_load(&p->list, app->db, p->list.page_size, NULL);
	/* A Space right after letters separates search words; another
	 * Space, or one after a move, ticks. */
	word_space = key == ' ' && p->typed_last;
	p->typed_last = key > ' ' && key < TK_SPECIAL;
	switch (key) {
	case TK_ESC:
		picker_close(app);
		return 1;
	case TK_UP:
		list_move(&p->list, app->db, -1);
		return 1;
	case TK_DOWN:
		list_move(&p->list, app->db, 1);
		return 1;
	case TK_PGDN:
		list_next_page(&p->list, app->db);
		return 1;
	case TK_PGUP:
		list_prev_page(&p->list, app->db);
		return 1;
	case ' ':
		if (!p->multi || word_space)
			break;
		toggle(app, p);
		return 1;
	case TK_ENTER:
		if (p->nticks > 0) {
			struct picker_tick *ticks = p->ticks;
			int n = p->nticks;
			fn = p->on_pick;
			arg = p->arg;
			p->ticks = NULL;   /* handed to the loop below */
			picker_close(app);
			for (int i = 0; i < n; i++)
				fn(app, arg, ticks[i].uuid, ticks[i].title);
			free(ticks);
			app_status(app, TA_OK, tr(M_PICK_ADDED), n);
			return 1;
		}
		rec = list_selected(&p->list);
		if (!rec)
			return 1;
		value_record_title(app->db, rec, title, sizeof title);
		snprintf(uuid, sizeof uuid, "%s", rec->uuid);
		fn = p->on_pick;
		arg = p->arg;
		picker_close(app);
		fn(app, arg, uuid, title);
		return 1;
	}
	if (field_key(&p->search, key) == FIELD_CHANGED) {
		char *text = field_text(&p->search);
		list_set_text(&p->list, text);
		free(text);
	}
	return 1;
}

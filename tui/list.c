/* list.c — keyset-paged record list (see list.h). */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "list.h"
#include "sxsh/text.h"

void list_init(struct list *l, enum sx_kind kind)
{
	memset(l, 0, sizeof *l);
	l->q.kind = kind;
	l->page_size = 20;
}

static void drop_starts(struct list *l, int keep)
{
	for (int i = keep; i < l->nstarts; i++) {
		free(l->starts[i]);
		l->starts[i] = NULL;
	}
	if (l->nstarts > keep)
		l->nstarts = keep;
}

void list_release(struct list *l)
{
	page_release(&l->page);
	drop_starts(l, 0);
	free(l->starts);
	free(l->text);
	free(l->parent);
	memset(l, 0, sizeof *l);
}

void list_reset(struct list *l)
{
	drop_starts(l, 0);
	l->page_no = 0;
	l->sel = 0;
	l->loaded = 0;
}

void list_invalidate(struct list *l)
{
	l->loaded = 0;
}

int list_set_text(struct list *l, const char *typed)
{
	char *folded = NULL;

	if (typed && *typed) {
		folded = text_fold(typed);
		if (!folded)
			return -1;
		if (!*folded) {
			free(folded);
			folded = NULL;
		}
	}
	free(l->text);
	l->text = folded;
	l->q.text = folded;
	list_reset(l);
	return 0;
}

int list_set_parent(struct list *l, const char *uuid)
{
	char *copy = uuid ? strdup(uuid) : NULL;

	if (uuid && !copy)
		return -1;
	free(l->parent);
	l->parent = copy;
	l->q.parent = copy;
	list_reset(l);
	return 0;
}

void list_set_sort(struct list *l, enum sx_sort sort, int descending)
{
	l->q.sort = sort;
	l->q.descending = descending;
	list_reset(l);
}

static int find_start(struct list *l, struct sx_db *db, int target);

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

enum sx_err list_load(struct list *l, struct sx_db *db, int page_size,
		      struct sx_error *err)
{
	struct sx_page page = {0};
	enum sx_err rc;
	double t0;

	if (page_size < 1)
		page_size = 1;
	if (l->loaded && page_size == l->page_size)
		return SX_OK;
	l->page_size = page_size;
	if (l->nstarts == 0) {
		/* starts[0] is the first page: no cursor. */
		if (l->cap_starts == 0) {
			l->starts = calloc(16, sizeof *l->starts);
			if (!l->starts)
				return SX_NOMEM;
			l->cap_starts = 16;
		}
		l->starts[0] = NULL;
		l->nstarts = 1;
		l->page_no = 0;
	}
	l->q.limit = page_size;
	l->q.after = l->starts[l->page_no];
	t0 = now_ms();
	rc = record_list(db, &l->q, &page, err);
	l->last_load_ms = now_ms() - t0;
	if (rc != SX_OK)
		return rc;
	page_release(&l->page);
	l->page = page;
	l->loaded = 1;
	/* A page past the end (rows deleted meanwhile): go back one. */
	if (l->page.count == 0 && l->page_no > 0) {
		l->page_no--;
		drop_starts(l, l->page_no + 1);
		if (l->page_no > 0 && !l->starts[l->page_no] &&
		    find_start(l, db, l->page_no))
			l->page_no = 0;
		l->loaded = 0;
		return list_load(l, db, page_size, err);
	}
	if (l->sel >= l->page.count)
		l->sel = l->page.count > 0 ? l->page.count - 1 : 0;
	return SX_OK;
}

int list_has_more(const struct list *l)
{
	return l->page.next_after != NULL;
}

/* Page starts kept: the last LIST_KEEP pages and every LIST_KEEP-th one
 * before them, so that paging through 100,000 rows holds a few hundred
 * cursors, not thousands; paging back past the window re-reads forward
 * from the nearest kept one (a few cheap keyset queries). */
#define LIST_KEEP 64

static void prune_starts(struct list *l)
{
	int old = l->nstarts - 1 - LIST_KEEP;

	if (old > 0 && old % LIST_KEEP != 0) {
		free(l->starts[old]);
		l->starts[old] = NULL;
	}
}

/* Makes sure starts[target] is known, walking forward from the nearest
 * kept start.  0, or -1 when the list changed under us. */
static int find_start(struct list *l, struct sx_db *db, int target)
{
	int j = target;

	while (j > 0 && !l->starts[j])
		j--;
	for (; j < target; j++) {
		struct sx_page page = {0};
		struct sx_list_query q = l->q;
		q.limit = l->page_size;
		q.after = l->starts[j];
		if (record_list(db, &q, &page, NULL) != SX_OK ||
		    !page.next_after) {
			page_release(&page);
			return -1;
		}
		free(l->starts[j + 1]);
		l->starts[j + 1] = page.next_after;
		page.next_after = NULL;   /* taken */
		page_release(&page);
	}
	return 0;
}

static int push_start(struct list *l, const char *cursor)
{
	char *copy;

	if (l->page_no + 1 < l->nstarts) {
		/* Seen before: the cursor kept from then is still right for
		 * an unchanged list; refresh it anyway. */
		copy = strdup(cursor);
		if (!copy)
			return -1;
		free(l->starts[l->page_no + 1]);
		l->starts[l->page_no + 1] = copy;
		return 0;
	}
	if (l->nstarts == l->cap_starts) {
		char **ns = realloc(l->starts,
				    2 * l->cap_starts * sizeof *ns);
		if (!ns)
			return -1;
		l->starts = ns;
		l->cap_starts *= 2;
	}
	copy = strdup(cursor);
	if (!copy)
		return -1;
	l->starts[l->nstarts++] = copy;
	prune_starts(l);
	return 0;
}

void list_next_page(struct list *l, struct sx_db *db)
{
	if (!l->page.next_after) {
		l->sel = l->page.count ? l->page.count - 1 : 0;
		return;
	}
	if (push_start(l, l->page.next_after))
		return;
	l->page_no++;
	l->sel = 0;
	l->loaded = 0;
	list_load(l, db, l->page_size, NULL);
}

void list_prev_page(struct list *l, struct sx_db *db)
{
	if (l->page_no == 0) {
		l->sel = 0;
		return;
	}
	if (l->page_no - 1 > 0 && !l->starts[l->page_no - 1] &&
	    find_start(l, db, l->page_no - 1)) {
		list_home(l, db);
		return;
	}
	l->page_no--;
	l->loaded = 0;
	list_load(l, db, l->page_size, NULL);
}

void list_home(struct list *l, struct sx_db *db)
{
	if (l->page_no != 0) {
		l->page_no = 0;
		l->loaded = 0;
		list_load(l, db, l->page_size, NULL);
	}
	l->sel = 0;
}

void list_move(struct list *l, struct sx_db *db, int delta)
{
	int target = l->sel + delta;

	if (target >= l->page.count) {
		if (l->page.next_after)
			list_next_page(l, db);
		else if (l->page.count)
			l->sel = l->page.count - 1;
	} else if (target < 0) {
		if (l->page_no > 0) {
			list_prev_page(l, db);
			l->sel = l->page.count ? l->page.count - 1 : 0;
		} else {
			l->sel = 0;
		}
	} else {
		l->sel = target;
	}
}

const struct sx_record *list_selected(const struct list *l)
{
	if (!l->loaded || l->sel < 0 || l->sel >= l->page.count)
		return NULL;
	return l->page.rows[l->sel];
}

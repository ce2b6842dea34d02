/* list.h — a window on a long list of records, read from core one page
 * at a time with keyset paging (record_list's `after` cursor).
 *
 * Only the page on screen is in memory, plus the cursor string of each
 * page start seen so far (so that paging back needs no OFFSET scan).  A
 * page is as tall as the screen area showing it; moving past its last row
 * loads the next page.  Nothing here loads a whole table.
 */
#ifndef SXSH_TUI_LIST_H
#define SXSH_TUI_LIST_H

#include "sxsh/record.h"

struct sx_db;

struct list {
	struct sx_list_query q;   /* text/parent point into the owned copies */
	char *text;               /* folded search words, owned, or NULL */
	char *parent;             /* owned, or NULL */
	struct sx_page page;      /* the rows on screen */
	char **starts;            /* starts[i]: cursor of page i (NULL for 0) */
	int nstarts, cap_starts;
	int page_no;              /* index into starts */
	int sel;                  /* selected row of the page */
	int page_size;
	int loaded;               /* the page matches the query */
	double last_load_ms;      /* how long the last page read took */
};

void list_init(struct list *l, enum sx_kind kind);
void list_release(struct list *l);
/* Sets the search text (typed; folded here), NULL or "" for none, and
 * goes back to the first page.  0, or -1 on out of memory. */
int list_set_text(struct list *l, const char *typed);
int list_set_parent(struct list *l, const char *uuid);
void list_set_sort(struct list *l, enum sx_sort sort, int descending);
/* Reads the current page if needed (page_size rows).  Returns SX_OK or
 * the error of record_list. */
enum sx_err list_load(struct list *l, struct sx_db *db, int page_size,
		      struct sx_error *err);
/* Forces a re-read of the current page (after an edit). */
void list_invalidate(struct list *l);
/* Back to the first page. */
void list_reset(struct list *l);
/* Moves the selection; may read another page. */
void list_move(struct list *l, struct sx_db *db, int delta);
void list_next_page(struct list *l, struct sx_db *db);
void list_prev_page(struct list *l, struct sx_db *db);
void list_home(struct list *l, struct sx_db *db);
/* The selected record (borrowed, valid until the next load), or NULL. */
const struct sx_record *list_selected(const struct list *l);
/* 1 when another page follows the current one. */
int list_has_more(const struct list *l);

#endif

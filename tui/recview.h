/* recview.h — the list-and-form screen every record kind shares: a paged
 * list with search-as-you-type, sort, new/edit/delete, and lists of child
 * records (an event's facilities reached and people trained, an
 * assessment's solutions) one level down.  Each record screen
 * (screen_*.c) is this view over its own table of columns and children.
 */
#ifndef SXSH_TUI_RECVIEW_H
#define SXSH_TUI_RECVIEW_H

#include "app.h"
#include "field.h"
#include "list.h"

struct recview_column {
	const char *field;   /* NULL ends the table */
	int width;           /* columns; 0 takes what is left */
};

struct recview_child {
	int key;                                /* 0 ends the table */
	enum sx_kind kind;
	const struct recview_column *columns;
	/* Link kinds (event_facility, event_person): n picks the record to
	 * link from this kind instead of opening a blank form. */
	int link;
	enum sx_kind link_kind;
	const char *link_field;                 /* "facility_id" */
};

struct recview_def {
	enum sx_kind kind;
	const struct recview_column *columns;
	const struct recview_child *children;   /* may be NULL */
	enum sx_sort sorts[4];                   /* cycled by s; first used */
	int nsorts;
};

#define RECVIEW_DEPTH 3

struct recview_level {
	enum sx_kind kind;
	const struct recview_column *columns;
	const struct recview_child *child;      /* NULL at the top */
	struct list list;
	char parent[SX_UUID_LEN + 1];
	char parent_title[160];
	char *commune, *status, *vsic;          /* filters, owned, or NULL */
};

struct recview {
	const struct recview_def *def;
	struct recview_level levels[RECVIEW_DEPTH];
	int depth;                               /* levels in use, ≥ 1 */
	struct field search;
	int searching;
	int sort_idx;
	/* the filter form's own field table (it outlives the form) */
	struct sx_field filter_fields[3];
	struct sx_kind_def filter_def;
	/* the last record deleted here, for u (undo); "" when none */
	enum sx_kind undo_kind;
	char undo_uuid[SX_UUID_LEN + 1];
};

void *recview_new(struct app *app, const struct recview_def *def);
void recview_free(void *state);
void recview_draw(struct app *app, void *state, int top, int rows);
int recview_key(struct app *app, void *state, int key);
void recview_changed(struct app *app, void *state);
int recview_typing(void *state);

/* Shows the top list as the work list gap (SX_GAP_NONE: the whole list
 * again, as Esc does); search and child lists are closed. */
void recview_show_gap(void *state, enum sx_gap gap);

extern const struct bar_item recview_bar[];

#endif

/* picker.h — a modal list for choosing records of a kind, with a search
 * box that filters as you type (diacritic-insensitive).  Used by
 * reference fields in forms (one record) and to link facilities and
 * people to events (several: Space ticks, Enter adds every ticked one, or
 * the highlighted one when none is ticked).
 */
#ifndef SXSH_TUI_PICKER_H
#define SXSH_TUI_PICKER_H

#include "app.h"
#include "field.h"
#include "list.h"

typedef void (*picker_fn)(struct app *app, void *arg, const char *uuid,
			  const char *title);

struct picker_tick {
	char uuid[SX_UUID_LEN + 1];
	char title[160];
};

struct picker {
	struct list list;
	struct field search;
	char title[160];
	picker_fn on_pick;
	void *arg;
	int multi;                  /* Space ticks */
	int typed_last;             /* the last key was typed into search:
				     * a Space then separates words */
	struct picker_tick *ticks;  /* owned, in the order ticked */
	int nticks, cap;
};

/* Opens the picker as app->picker.  on_pick runs with the chosen record
 * (and not at all when the user cancels with Esc). */
void picker_open(struct app *app, enum sx_kind kind, const char *title,
		 picker_fn on_pick, void *arg);
/* The same for several records: on_pick runs once per record added. */
void picker_open_multi(struct app *app, enum sx_kind kind,
		       const char *title, picker_fn on_pick, void *arg);
void picker_close(struct app *app);
void picker_draw(struct app *app, struct picker *p);
int picker_key(struct app *app, struct picker *p, int key);

#endif

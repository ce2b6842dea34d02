/* picker.h — a modal list for choosing one record of a kind, with a
 * search box that filters as you type (diacritic-insensitive).  Used by
 * reference fields in forms and to link facilities and people to events.
 */
#ifndef SXSH_TUI_PICKER_H
#define SXSH_TUI_PICKER_H

#include "app.h"
#include "field.h"
#include "list.h"

typedef void (*picker_fn)(struct app *app, void *arg, const char *uuid,
			  const char *title);

struct picker {
	struct list list;
	struct field search;
	char title[160];
	picker_fn on_pick;
	void *arg;
};

/* Opens the picker as app->picker.  on_pick runs with the chosen record
 * (and not at all when the user cancels with Esc). */
void picker_open(struct app *app, enum sx_kind kind, const char *title,
		 picker_fn on_pick, void *arg);
void picker_close(struct app *app);
void picker_draw(struct app *app, struct picker *p);
int picker_key(struct app *app, struct picker *p, int key);

#endif

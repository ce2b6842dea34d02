/* screen_people.c — Nhân sự & cộng tác viên: officers and collaborators
 * of the support network, with their CP training date. */
#include "recview.h"

static const struct recview_column columns[] = {
	{"name", 0}, {"role", 22}, {"unit", 16}, {"trained_on", 10},
	{NULL, 0}
};

static const struct recview_def def = {
	SXK_PERSON, columns, NULL, {SXS_NAME, SXS_UPDATED}, 2
};

static const enum i18n_msg help[] = {
	M_H_MOVE, M_H_SEARCH, M_H_FILTER_COMMUNE, M_H_NEW, M_H_EDIT,
	M_H_DELETE, M_H_UNDO, M_H_SORT, M_COUNT
};

static void *open_screen(struct app *app)
{
	return recview_new(app, &def);
}

const struct screen_ops screen_people = {
	"people", M_PEOPLE, M_TAB_PEOPLE, open_screen, recview_free,
	recview_draw, recview_key, recview_changed, recview_typing,
	recview_bar, help, NULL
};

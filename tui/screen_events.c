/* screen_events.c — Hoạt động: training courses, workshops, media items…
 * with the facilities each reached (f) and the people it trained (p),
 * both picked from searchable lists. */
#include "recview.h"

static const struct recview_column columns[] = {
	{"held_on", 10}, {"type", 16}, {"title", 0}, {"cost_vnd", 12},
	{NULL, 0}
};

static const struct recview_column facility_columns[] = {
	{"facility_id", 0}, {"notes", 20}, {NULL, 0}
};

static const struct recview_column person_columns[] = {
	{"person_id", 0}, {"completed", 12}, {"notes", 20}, {NULL, 0}
};

static const struct recview_child children[] = {
	{'f', SXK_EVENT_FACILITY, facility_columns, 1, SXK_FACILITY,
	 "facility_id"},
	{'p', SXK_EVENT_PERSON, person_columns, 1, SXK_PERSON, "person_id"},
	{0, SXK_COUNT, NULL, 0, SXK_COUNT, NULL}
};

static const struct recview_def def = {
	SXK_EVENT, columns, children, {SXS_DATE, SXS_NAME, SXS_UPDATED}, 3
};

static const enum i18n_msg help[] = {
	M_H_MOVE, M_H_SEARCH, M_H_FILTER_COMMUNE, M_H_NEW, M_H_EDIT,
	M_H_DELETE, M_H_UNDO, M_H_SORT, M_H_EVENT_F, M_H_EVENT_P,
	M_H_PICK_MANY, M_H_BACK, M_COUNT
};

static const struct bar_item bar[] = {
	{"F1", M_KEY_HELP}, {"/", M_KEY_SEARCH}, {"n", M_KEY_NEW},
	{"e", M_KEY_EDIT}, {"d", M_KEY_DELETE},
	{"f", M_KEY_FACILITIES_REACHED}, {"p", M_KEY_PEOPLE_TRAINED},
	{"F10", M_KEY_QUIT}, {NULL, M_COUNT}
};

static void *open_screen(struct app *app)
{
	return recview_new(app, &def);
}

const struct screen_ops screen_events = {
	"events", M_EVENTS, M_TAB_EVENTS, open_screen, recview_free,
	recview_draw, recview_key, recview_changed, recview_typing, bar, help,
	NULL
};

/* screen_consumption.c — Tiêu thụ: yearly energy, water and material use
 * of each facility, as a grid of one row per facility and year. */
#include "recview.h"

static const struct recview_column columns[] = {
	{"year", 5}, {"facility_id", 0}, {"electricity_kwh", 11},
	{"coal_t", 8}, {"oil_t", 8}, {"water_m3", 10}, {"output_t", 9},
	{NULL, 0}
};

static const struct recview_def def = {
	SXK_CONSUMPTION, columns, NULL, {SXS_UPDATED, SXS_NAME}, 2
};

static const enum i18n_msg help[] = {
	M_H_MOVE, M_H_NEW, M_H_EDIT, M_H_DELETE, M_H_UNDO, M_H_SORT,
	M_COUNT
};

static void *open_screen(struct app *app)
{
	return recview_new(app, &def);
}

const struct screen_ops screen_consumption = {
	"consumption", M_CONSUMPTION, M_TAB_CONSUMPTION, open_screen,
	recview_free, recview_draw, recview_key, recview_changed,
	recview_typing, recview_bar, help, NULL
};

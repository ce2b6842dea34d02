/* screen_facilities.c — Cơ sở sản xuất: the district's industrial and
 * handicraft facilities, as a record view (recview.h), with each
 * facility's yearly consumption as a small grid (t) and its assessments
 * (a) one level down. */
#include "recview.h"

static const struct recview_column columns[] = {
	{"name", 0}, {"tax_code", 14}, {"commune", 18}, {"status", 14},
	{NULL, 0}
};

static const struct recview_column consumption_columns[] = {
	{"year", 5}, {"electricity_kwh", 11}, {"coal_t", 8}, {"oil_t", 8},
	{"biomass_t", 9}, {"water_m3", 9}, {"materials_t", 10},
	{"output_t", 9}, {NULL, 0}
};

static const struct recview_column assessment_columns[] = {
	{"type", 18}, {"status", 15}, {"completed_on", 10},
	{"consultant", 0}, {NULL, 0}
};

static const struct recview_child children[] = {
	{'t', SXK_CONSUMPTION, consumption_columns, 0, SXK_COUNT, NULL},
	{'a', SXK_ASSESSMENT, assessment_columns, 0, SXK_COUNT, NULL},
	{0, SXK_COUNT, NULL, 0, SXK_COUNT, NULL}
};

static const struct recview_def def = {
	SXK_FACILITY, columns, children,
	{SXS_NAME, SXS_TAXCODE, SXS_UPDATED}, 3
};

static const enum i18n_msg help[] = {
	M_H_MOVE, M_H_SEARCH, M_H_FILTER, M_H_NEW, M_H_EDIT, M_H_DELETE,
	M_H_UNDO, M_H_SORT, M_H_FAC_CONSUMPTION, M_H_FAC_ASSESSMENTS,
	M_H_BACK, M_COUNT
};

static const struct bar_item bar[] = {
	{"F1", M_KEY_HELP}, {"/", M_KEY_SEARCH}, {"F4", M_KEY_FILTER},
	{"n", M_KEY_NEW}, {"e", M_KEY_EDIT}, {"d", M_KEY_DELETE},
	{"t", M_KEY_CONSUMPTION}, {"F10", M_KEY_QUIT}, {NULL, M_COUNT}
};

static void *open_screen(struct app *app)
{
	return recview_new(app, &def);
}

const struct screen_ops screen_facilities = {
	"facilities", M_FACILITIES, M_TAB_FACILITIES, open_screen,
	recview_free, recview_draw, recview_key, recview_changed,
	recview_typing, bar, help, NULL
};

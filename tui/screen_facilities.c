/* screen_facilities.c — Cơ sở sản xuất: the district's industrial and
 * handicraft facilities, as a record view (recview.h). */
#include "recview.h"

static const struct recview_column columns[] = {
	{"name", 0}, {"tax_code", 14}, {"commune", 18}, {"status", 14},
	{NULL, 0}
};

static const struct recview_def def = {
	SXK_FACILITY, columns, NULL, {SXS_NAME, SXS_TAXCODE, SXS_UPDATED}, 3
};

static const enum i18n_msg help[] = {
	M_H_MOVE, M_H_SEARCH, M_H_FILTER, M_H_NEW, M_H_EDIT, M_H_DELETE,
	M_H_SORT,
	M_H_FORM, M_COUNT
};

static void *open_screen(struct app *app)
{
	return recview_new(app, &def);
}

const struct screen_ops screen_facilities = {
	"facilities", M_FACILITIES, M_TAB_FACILITIES, open_screen,
	recview_free, recview_draw, recview_key, recview_changed,
	recview_typing, recview_bar, help
};

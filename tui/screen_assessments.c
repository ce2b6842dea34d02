/* screen_assessments.c — Đánh giá SXSH: rapid and detailed assessments of
 * facilities, and (g) the solutions each proposed. */
#include "recview.h"

static const struct recview_column columns[] = {
	{"facility_id", 0}, {"type", 18}, {"status", 15},
	{"completed_on", 10}, {NULL, 0}
};

static const struct recview_column solution_columns[] = {
	{"technique", 22}, {"description", 0}, {"status", 14},
	{"saving_vnd", 12}, {NULL, 0}
};

static const struct recview_child children[] = {
	{'g', SXK_SOLUTION, solution_columns, 0, SXK_COUNT, NULL},
	{0, SXK_COUNT, NULL, 0, SXK_COUNT, NULL}
};

static const struct recview_def def = {
	SXK_ASSESSMENT, columns, children, {SXS_DATE, SXS_UPDATED}, 2
};

static const enum i18n_msg help[] = {
	M_H_MOVE, M_H_FILTER_STATUS, M_H_NEW, M_H_EDIT, M_H_DELETE,
	M_H_UNDO, M_H_SORT, M_H_SOLUTIONS,
	M_H_BACK, M_H_FORM, M_COUNT
};

static const struct bar_item bar[] = {
	{"F1", M_KEY_HELP}, {"n", M_KEY_NEW}, {"e", M_KEY_EDIT},
	{"d", M_KEY_DELETE}, {"g", M_KEY_SOLUTIONS}, {"1-9", M_KEY_SCREENS},
	{"F10", M_KEY_QUIT}, {NULL, M_COUNT}
};

static void *open_screen(struct app *app)
{
	return recview_new(app, &def);
}

const struct screen_ops screen_assessments = {
	"assessments", M_ASSESSMENTS, M_TAB_ASSESSMENTS, open_screen,
	recview_free, recview_draw, recview_key, recview_changed,
	recview_typing, bar, help, NULL
};

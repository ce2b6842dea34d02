/* screen_settings.c — Cài đặt: operator name, province server, token, CA
 * file, language, report period rule and the automatic sync interval,
 * shown as a list and edited in one form (form.h over a settings table of
 * its own). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "autosync.h"
#include "form.h"
#include "value.h"
#include "sxsh/settings.h"

/* Labels come from the i18n table: label_ids() fills them on open. */
static struct sx_choice langs[] = {
	{"vi", NULL, NULL}, {"en", NULL, NULL}, {NULL, NULL, NULL}
};
static struct sx_choice rules[] = {
	{"calendar", NULL, NULL}, {"decree_09_2019", NULL, NULL},
	{NULL, NULL, NULL}
};
static const enum i18n_msg lang_ids[] = {M_LANG_VI, M_LANG_EN};
static const enum i18n_msg rule_ids[] = {M_SET_RULE_CAL, M_SET_RULE_09};

#define SF(name, type, choices) \
	{name, type, 0, 300, NULL, NULL, NULL, choices, SXK_COUNT, 0}
static struct sx_field fields[] = {
	SF("operator", SXF_TEXT, NULL),
	SF("server", SXF_TEXT, NULL),
	SF("token", SXF_TEXT, NULL),
	SF("ca", SXF_TEXT, NULL),
	SF("pin", SXF_TEXT, NULL),
	SF("lang", SXF_CHOICE, langs),
	SF("period_rule", SXF_CHOICE, rules),
	SF("sync_minutes", SXF_INT, NULL),
};
#define NFIELDS ((int)(sizeof fields / sizeof fields[0]))
static const enum i18n_msg field_ids[NFIELDS] = {
	M_OPERATOR, M_WIZ_SERVER, M_WIZ_TOKEN, M_SET_CA, M_SET_PIN,
	M_SET_LANG, M_SET_RULE, M_SET_MINUTES
};

/* What each setting means, under the list for the selected one. */
static const enum i18n_msg field_notes[NFIELDS] = {
	M_SET_D_OPERATOR, M_SET_D_SERVER, M_SET_D_TOKEN, M_SET_D_CA,
	M_SET_D_PIN, M_SET_D_LANG, M_SET_D_RULE, M_SET_D_MINUTES
};

static struct sx_kind_def settings_def = {
	SXK_COUNT, "settings", "setting", NULL, NULL, NULL, NULL,
	fields, NFIELDS
};

static void label_ids(void)
{
	for (int i = 0; i < NFIELDS; i++)
		tr_pair(field_ids[i], &fields[i].label_vi,
			&fields[i].label_en);
	for (int i = 0; i < 2; i++) {
		tr_pair(lang_ids[i], &langs[i].label_vi, &langs[i].label_en);
		tr_pair(rule_ids[i], &rules[i].label_vi, &rules[i].label_en);
	}
	tr_pair(M_SETTINGS, &settings_def.label_vi, &settings_def.label_en);
}

struct settings_view {
	int sel;
};

static void *open_screen(struct app *app)
{
	(void)app;
	label_ids();
	return calloc(1, sizeof(struct settings_view));
}

static void close_screen(void *state)
{
	free(state);
}

static void draw(struct app *app, void *state, int top, int rows)
{
	struct settings_view *v = state;
	char shown[400];

	term_print(top, 1, term_cols() - 2, TA_HEADER, tr(M_SETTINGS));
	for (int i = 0; i < NFIELDS && i + 2 < rows; i++) {
		const struct sx_field *f = &fields[i];
		char *val = settings_get(app->db, f->name);
		int y = top + 2 + i;
		enum term_attr a = i == v->sel && !app->form ? TA_SELECTED
							      : TA_NORMAL;
		if (!strcmp(f->name, "token") && val && *val)
			snprintf(shown, sizeof shown, "••••••");
		else
			value_show(app->db, f, val, shown, sizeof shown);
		term_fill(y, 0, term_cols(), a);
		term_print(y, 2, 32, a, tr_pick(f->label_vi, f->label_en));
		term_print(y, 36, term_cols() - 37, a, shown);
		free(val);
	}
	if (NFIELDS + 3 < rows)
		term_print(top + NFIELDS + 3, 2, term_cols() - 3, TA_DIM,
			   tr(M_SETTINGS_HINT));
	if (NFIELDS + 5 < rows)
		term_print_wrapped(top + NFIELDS + 5, 2, term_cols() - 4,
				   rows - NFIELDS - 5, TA_NORMAL,
				   tr(field_notes[v->sel]));
}

static int save(struct app *app, struct form *form)
{
	struct sx_error err = {0};
	char *server = form_value(form, "server");
	int bad = 0;

	if (server && strncmp(server, "https://", 8) &&
	    strncmp(server, "http://127.0.0.1", 16) &&
	    strncmp(server, "http://localhost", 16)) {
		form_set_problem(form, "server", tr(M_MUST_HTTPS));
		bad = 1;
	}
	free(server);
	if (bad)
		return -1;
	for (int i = 0; i < NFIELDS; i++) {
		char *v = form_value(form, fields[i].name);
		enum sx_err rc = settings_set(app->db, fields[i].name, v, &err);
		free(v);
		if (rc != SX_OK) {
			form_set_problem(form, fields[i].name,
					 tr_err(&err));
			return -1;
		}
	}
	/* A new language shows at once. */
	{
		char *lang = form_value(form, "lang");
		if (lang) {
			i18n_set_lang(lang);
			app->lang = i18n_lang();
		}
		free(lang);
	}
	autosync_reconfigure(app, app->autosync);
	app_records_changed(app);
	app_status(app, TA_OK, "%s", tr(M_SAVED));
	return 0;
}

static void edit(struct app *app, struct settings_view *v)
{
	char *values[NFIELDS];
	struct form *form;

	for (int i = 0; i < NFIELDS; i++)
		values[i] = settings_get(app->db, fields[i].name);
	form = form_open_custom(app, &settings_def,
				(const char *const *)values, save, NULL, NULL);
	if (form)
		form->cur = v->sel;
	for (int i = 0; i < NFIELDS; i++)
		free(values[i]);
}

static int key(struct app *app, void *state, int k)
{
	struct settings_view *v = state;

	switch (k) {
	case TK_UP: case TK_BTAB:   /* Tab moves in the list, as in forms */
		if (v->sel > 0)
			v->sel--;
		return 1;
	case TK_DOWN: case TK_TAB:
		if (v->sel + 1 < NFIELDS)
			v->sel++;
		return 1;
	case 'e': case TK_ENTER:
		edit(app, v);
		return 1;
	}
	return 0;
}

static void changed(struct app *app, void *state)
{
	(void)app;
	(void)state;
}

static int typing(void *state)
{
	(void)state;
	return 0;
}

static const struct bar_item bar_items[] = {
	{"F1", M_KEY_HELP}, {"e", M_KEY_EDIT}, {"1-9", M_KEY_SCREENS},
	{"F10", M_KEY_QUIT}, {NULL, M_COUNT}
};

static const enum i18n_msg help[] = {
	M_H_SET_MOVE, M_H_EDIT, M_H_FORM, M_SET_D_RULE, M_SET_D_MINUTES,
	M_H_SET_CLI, M_COUNT
};

const struct screen_ops screen_settings = {
	"settings", M_SETTINGS, M_TAB_SETTINGS, open_screen, close_screen,
	draw, key, changed, typing, bar_items, help, NULL
};

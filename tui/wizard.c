/* wizard.c — first-run set-up (see wizard.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "autosync.h"
#include "form.h"
#include "wizard.h"
#include "sxsh/db.h"
#include "sxsh/refdata.h"
#include "sxsh/settings.h"

#define WF(name, type, req) \
	{name, type, req, 300, NULL, NULL, NULL, NULL, SXK_COUNT, 0}
/* Labels from the i18n table, filled by wizard_open. */
static struct sx_field fields[] = {
	{"district", SXF_CHOICE, 1, 0, NULL, NULL, NULL, NULL, SXK_COUNT, 0},
	WF("operator", SXF_TEXT, 1),
	WF("server", SXF_TEXT, 0),
	WF("token", SXF_TEXT, 0),
};
#define NFIELDS ((int)(sizeof fields / sizeof fields[0]))
static const enum i18n_msg field_ids[NFIELDS] = {
	M_DISTRICT, M_OPERATOR, M_WIZ_SERVER, M_WIZ_TOKEN
};

static struct sx_kind_def wizard_def = {
	SXK_COUNT, "wizard", "wizard", NULL, NULL, NULL, NULL, fields, NFIELDS
};

struct districts {
	char codes[32][8];
	char names[32][128];
	int n;
};

static void add_district(const struct sx_unit *u, void *arg)
{
	struct districts *d = arg;

	if (d->n >= 32 || strcmp(u->level, "district"))
		return;
	snprintf(d->codes[d->n], 8, "%s", u->code);
	snprintf(d->names[d->n], 128, "%s", u->name);
	d->n++;
}

static int save(struct app *app, struct form *form)
{
	struct sx_error err = {0};
	char *district = form_value(form, "district");
	char *operator = form_value(form, "operator");
	char *server = form_value(form, "server");
	char *token = form_value(form, "token");
	int rc = -1;

	if (!district)
		form_set_problem(form, "district", tr(M_REQUIRED));
	if (!operator)
		form_set_problem(form, "operator", tr(M_REQUIRED));
	if (server && strncmp(server, "https://", 8) &&
	    strncmp(server, "http://127.0.0.1", 16))
		form_set_problem(form, "server", tr(M_MUST_HTTPS));
	else if (district && operator) {
		if (sx_db_init_district(app->db, district, operator, &err) !=
		    SX_OK ||
		    (server && settings_set(app->db, "server", server, &err)) ||
		    (token && settings_set(app->db, "token", token, &err))) {
			form_set_problem(form, err.field[0] ? err.field :
					 "district", tr_err(&err));
		} else {
			snprintf(app->district, sizeof app->district, "%s",
				 district);
			rc = 0;
		}
	}
	free(district);
	free(operator);
	free(server);
	free(token);
	return rc;
}

static void done(struct app *app, struct form *form, int saved)
{
	(void)form;
	if (!saved) {
		app->quit = 1;
		return;
	}
	autosync_reconfigure(app, app->autosync);
	if (app->autosync->configured)
		app->autosync->next_ms = app_now_ms();   /* first sync now */
	app_records_changed(app);
	app_status(app, TA_OK, "%s", tr(M_WIZ_DONE));
}

void wizard_open(struct app *app)
{
	struct districts d = {0};
	const char *keys[32], *labels[32];
	struct form *form;

	/* The shipped lists go in now so that the district can be picked;
	 * sx_db_init_district loads them again in its own transaction. */
	for (int i = 0; i < NFIELDS; i++)
		tr_pair(field_ids[i], &fields[i].label_vi,
			&fields[i].label_en);
	tr_pair(M_WIZ_TITLE, &wizard_def.label_vi, &wizard_def.label_en);
	refdata_load_shipped(app->db, NULL);
	refdata_each_child(app->db, "14", add_district, &d, NULL);
	form = form_open_custom(app, &wizard_def, NULL, save, done, NULL);
	if (!form)
		return;
	for (int i = 0; i < d.n; i++) {
		keys[i] = d.codes[i];
		labels[i] = d.names[i];
	}
	form_set_choices(form, "district", keys, labels, d.n);
	snprintf(form->intro, sizeof form->intro, "%s", tr(M_WIZ_INTRO));
}

/* screen_sync.c — Đồng bộ: the state of the link with the province: what
 * waits in the outbox (with each entry's last error), and the last sync.
 * Sync runs are wired in by app.c when the sync client is configured. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "value.h"
#include "sxsh/outbox.h"
#include "sxsh/settings.h"

struct sync_view {
	int first;
};

static void *open_screen(struct app *app)
{
	(void)app;
	return calloc(1, sizeof(struct sync_view));
}

static void close_screen(void *state)
{
	free(state);
}

static void draw(struct app *app, void *state, int top, int rows)
{
	struct sync_view *v = state;
	struct sx_outbox_entry *e = NULL;
	long long pending = 0, rejected = 0;
	char buf[700], *server, *last;
	int n = 0, y = top;

	term_print(y++, 1, term_cols() - 2, TA_HEADER, tr(M_SYNC));
	server = settings_get(app->db, "server");
	last = settings_get(app->db, "last_sync_at");
	snprintf(buf, sizeof buf, "%s: %s", tr(M_SYNC_STATE),
		 server && *server ? server : tr(M_OFFLINE));
	term_print(y++, 1, term_cols() - 2, TA_NORMAL, buf);
	snprintf(buf, sizeof buf, "%s: %s", tr(M_LAST_SYNC),
		 last && *last ? last : tr(M_NEVER));
	term_print(y++, 1, term_cols() - 2, TA_NORMAL, buf);
	free(server);
	free(last);
	outbox_size(app->db, &pending, &rejected, NULL);
	snprintf(buf, sizeof buf, "%s: %lld (%s: %lld)", tr(M_OUTBOX),
		 pending, tr(M_REJECTED), rejected);
	term_print(y++, 1, term_cols() - 2, TA_NORMAL, buf);
	y++;
	/* The outbox can be long: show the first entries that fit. */
	if (outbox_pending(app->db, 0, rows - (y - top) - 1, &e, &n, NULL)
	    != SX_OK)
		n = 0;
	for (int i = v->first; i < n && y < top + rows; i++) {
		const struct sx_kind_def *def = record_kind(e[i].kind);
		char title[200];
		value_ref_title(app->db, e[i].kind, e[i].record_uuid, title,
				sizeof title);
		snprintf(buf, sizeof buf, "%-16.16s %s%s%s",
			 def ? tr_pick(def->label_vi, def->label_en) : "?",
			 title, e[i].last_error[0] ? " — " : "",
			 e[i].last_error);
		term_print(y++, 2, term_cols() - 3,
			   e[i].last_error[0] ? TA_ERROR : TA_NORMAL, buf);
	}
	free(e);
}

static int key(struct app *app, void *state, int k)
{
	(void)state;
	if (k == 's' || k == TK_F5) {
		app_status(app, TA_ERROR, "%s", tr(M_NOT_AVAILABLE));
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
	{"F1", M_KEY_HELP}, {"s", M_KEY_SYNC}, {"1-9", M_KEY_SCREENS},
	{"F10", M_KEY_QUIT}, {NULL, M_COUNT}
};

static const enum i18n_msg help[] = {M_H_REFRESH, M_COUNT};

const struct screen_ops screen_sync = {
	"sync", M_SYNC, M_TAB_SYNC, open_screen, close_screen, draw, key,
	changed, typing, bar_items, help
};

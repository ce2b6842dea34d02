/* screen_sync.c — Đồng bộ: sync now and watch it go, what waits in the
 * outbox with each entry's last error, and the conflicts, each shown side
 * by side (the fields that differ, mine against the province's) with
 * keep-mine / take-theirs.
 *
 * The outbox figures cost a scan of the change log, so they are read when
 * the screen opens and after each change, not at every key.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "autosync.h"
#include "syncmsg.h"
#include "value.h"
#include "sxsh/outbox.h"
#include "sxsh/settings.h"
#include "sxsh/sync.h"
#include "sxsh/report.h"
#include "sxsh/sync_store.h"

#define OUTBOX_SHOWN 6

struct sync_view {
	int stale;
	long long pending, rejected;
	long long held_conflicts;          /* of rejected: waiting on a
					    * conflict, not refused */
	struct sx_outbox_entry *entries;   /* first few, owned */
	int nentries;
	struct sx_conflict *conflicts;     /* open ones, owned */
	int nconflicts;
	int sel;
	struct sx_report_rev *answers;     /* the province's, owned */
	int nanswers;
};

static void drop(struct sync_view *v)
{
	free(v->entries);
	v->entries = NULL;
	v->nentries = 0;
	sync_store_conflicts_free(v->conflicts, v->nconflicts);
	v->conflicts = NULL;
	v->nconflicts = 0;
	free(v->answers);
	v->answers = NULL;
	v->nanswers = 0;
}

static void *open_screen(struct app *app)
{
	struct sync_view *v = calloc(1, sizeof *v);

	(void)app;
	if (v)
		v->stale = 1;
	return v;
}

static void close_screen(void *state)
{
	struct sync_view *v = state;

	if (!v)
		return;
	drop(v);
	free(v);
}

static void changed(struct app *app, void *state)
{
	(void)app;
	((struct sync_view *)state)->stale = 1;
}

static void reload(struct app *app, struct sync_view *v)
{
	drop(v);
	v->pending = v->rejected = 0;
	outbox_size(app->db, &v->pending, &v->rejected, NULL);
	/* outbox_all has no limit: only for an outbox of ordinary size; a
	 * huge one shows its first pending entries. */
	if ((v->pending + v->rejected <= 2000 ?
	     outbox_all(app->db, &v->entries, &v->nentries, NULL) :
	     outbox_pending(app->db, 0, 200, &v->entries, &v->nentries,
			    NULL)) != SX_OK) {
		v->entries = NULL;
		v->nentries = 0;
	}
	if (sync_store_conflicts(app->db, 0, &v->conflicts, &v->nconflicts,
				 NULL) != SX_OK) {
		v->conflicts = NULL;
		v->nconflicts = 0;
	}
	if (report_answer_list(app->db, &v->answers, &v->nanswers, NULL) !=
	    SX_OK) {
		v->answers = NULL;
		v->nanswers = 0;
	}
	if (v->sel >= v->nconflicts)
		v->sel = v->nconflicts ? v->nconflicts - 1 : 0;
	/* A change held by a conflict is counted once, as a conflict. */
	v->held_conflicts = 0;
	for (int i = 0; i < v->nentries; i++)
		v->held_conflicts += v->entries[i].rejected &&
				     v->entries[i].last_status == 409;
	app->autosync->open_conflicts = v->nconflicts;
	v->stale = 0;
}

/* The fields where the province's row differs from mine, one line each:
 * label, mine, theirs. */
static int draw_diff(struct app *app, const struct sx_conflict *c, int y,
		     int maxrows)
{
	const struct sx_kind_def *def = record_kind(c->kind);
	struct sx_record *theirs = NULL, *mine = NULL;
	int rows = 0, w = (term_cols() - 28) / 2;
	char a[300], b[300];

	if (!def || sync_payload_record(c->server_payload, &theirs, NULL))
		return 0;
	if (c->local_payload)
		sync_payload_record(c->local_payload, &mine, NULL);
	if (!mine)
		record_load(app->db, c->kind, c->record_uuid, &mine, NULL);
	term_print(y, 4, 22, TA_HEADER, "");
	term_print(y, 27, w, TA_HEADER, tr(M_MINE));
	term_print(y, 28 + w, w, TA_HEADER, tr(M_THEIRS));
	rows++;
	for (int i = 0; i < def->nfields && rows < maxrows; i++) {
		const struct sx_field *f = &def->fields[i];
		const char *mv = mine ? record_get(mine, f->name) : NULL;
		const char *tv = record_get(theirs, f->name);
		if ((!mv && !tv) || (mv && tv && !strcmp(mv, tv)))
			continue;
		value_show(app->db, f, mv, a, sizeof a);
		value_show(app->db, f, tv, b, sizeof b);
		term_print(y + rows, 4, 22, TA_NORMAL,
			   tr_pick(f->label_vi, f->label_en));
		term_print(y + rows, 27, w, TA_NORMAL, a);
		term_print(y + rows, 28 + w, w, TA_NORMAL, b);
		rows++;
	}
	record_free(theirs);
	record_free(mine);
	return rows;
}

static void draw(struct app *app, void *state, int top, int rows)
{
	struct sync_view *v = state;
	char buf[700], state_text[300], *server;
	int y = top, end = top + rows;

	if (v->stale)
		reload(app, v);
	term_print(y++, 1, term_cols() - 2, TA_HEADER, tr(M_SYNC));
	server = settings_get(app->db, "server");
	autosync_describe(app->autosync, state_text, sizeof state_text);
	if (server && *server)
		snprintf(buf, sizeof buf, "%s: %s", server, state_text);
	else
		snprintf(buf, sizeof buf, "%s", tr(M_OFFLINE));
	free(server);
	term_print(y++, 1, term_cols() - 2,
		   app->autosync->have_status &&
		   app->autosync->st.phase == SYNC_FAILED ? TA_ERROR
							  : TA_NORMAL, buf);
	snprintf(buf, sizeof buf, tr(M_OUTBOX_COUNTS), v->pending,
		 v->rejected - v->held_conflicts, v->held_conflicts);
	term_print(y++, 1, term_cols() - 2, TA_NORMAL, buf);
	/* what the province answered (the dashboard shows the reason) */
	for (int i = 0, accepted = 0; i < v->nanswers && y < end - 2; i++) {
		const struct sx_report_rev *r = &v->answers[i];
		int returned = !strcmp(r->status, "returned");
		if (!returned && accepted++)
			continue;
		snprintf(buf, sizeof buf, tr(returned ? M_SYNC_RETURNED :
					     M_DASH_ACCEPTED), r->period,
			 r->revision);
		y += term_print_wrapped(y, 1, term_cols() - 2, 2,
					returned ? TA_ERROR : TA_OK, buf);
	}
	y++;
	snprintf(buf, sizeof buf, "%s: %d", tr(M_CONFLICTS_TITLE),
		 v->nconflicts);
	term_print(y++, 1, term_cols() - 2, TA_HEADER, buf);
	for (int i = 0; i < v->nconflicts && i < 4 && y < end; i++) {
		const struct sx_conflict *c = &v->conflicts[i];
		const struct sx_kind_def *def = record_kind(c->kind);
		char title[200];
		value_ref_title(app->db, c->kind, c->record_uuid, title,
				sizeof title);
		snprintf(buf, sizeof buf, "%s — %s",
			 def ? tr_pick(def->label_vi, def->label_en) : "?",
			 title);
		term_print_pad(y++, 2, term_cols() - 4,
			       i == v->sel ? TA_SELECTED : TA_NORMAL, buf);
	}
	if (v->nconflicts > 0 && y + 2 < end)
		y += draw_diff(app, &v->conflicts[v->sel], y, 6) + 1;
	if (y + 1 >= end)
		return;
	term_print(y++, 1, term_cols() - 2, TA_HEADER, tr(M_OUTBOX_TITLE));
	for (int i = 0, shown = 0; i < v->nentries && shown < OUTBOX_SHOWN &&
	     y < end; i++) {
		const struct sx_outbox_entry *e = &v->entries[i];
		const struct sx_kind_def *def = record_kind(e->kind);
		char title[200], why[300];
		if (!e->last_error[0] && !e->rejected)
			continue;   /* waiting, no trouble: nothing to say */
		value_ref_title(app->db, e->kind, e->record_uuid, title,
				sizeof title);
		syncmsg_entry(e, why, sizeof why);
		snprintf(buf, sizeof buf, "%s — %s: %s",
			 def ? tr_pick(def->label_vi, def->label_en) : "?",
			 title, why);
		term_print(y++, 2, term_cols() - 3,
			   e->rejected ? TA_ERROR : TA_NORMAL, buf);
		shown++;
	}
}

static void resolve(struct app *app, struct sync_view *v,
		    enum sync_resolution how)
{
	struct sx_error err = {0};

	if (v->sel >= v->nconflicts)
		return;
	if (sync_resolve(app->db, v->conflicts[v->sel].id, how, &err) ==
	    SX_OK) {
		app_status(app, TA_OK, "%s", tr(how == SYNC_KEEP_MINE ?
			   M_KEPT_MINE : M_TOOK_THEIRS));
		app_records_changed(app);
		autosync_count_conflicts(app, app->autosync);
	} else {
		app_message(app, tr_err(&err));
	}
}

static void keep_mine_yes(struct app *app, void *arg)
{
	resolve(app, arg, SYNC_KEEP_MINE);
}

static void take_theirs_yes(struct app *app, void *arg)
{
	resolve(app, arg, SYNC_TAKE_THEIRS);
}

/* Resolving cannot be undone: say what will be lost and ask. */
static void ask_resolve(struct app *app, struct sync_view *v,
			enum sync_resolution how)
{
	const struct sx_conflict *c;
	char title[200], q[500];

	if (v->sel >= v->nconflicts)
		return;
	c = &v->conflicts[v->sel];
	value_ref_title(app->db, c->kind, c->record_uuid, title,
			sizeof title);
	snprintf(q, sizeof q, tr(how == SYNC_KEEP_MINE ? M_ASK_KEEP_MINE
						      : M_ASK_TAKE_THEIRS),
		 title);
	app_confirm(app, q, how == SYNC_KEEP_MINE ? keep_mine_yes
						  : take_theirs_yes, NULL, v);
	app->dialog.no_selected = 1;
}

static int key(struct app *app, void *state, int k)
{
	struct sync_view *v = state;

	switch (k) {
	case 's': case TK_F5:
		autosync_start(app, app->autosync);
		return 1;
	case 'r':
		v->stale = 1;
		return 1;
	case TK_UP:
		if (v->sel > 0)
			v->sel--;
		return 1;
	case TK_DOWN:
		if (v->sel + 1 < v->nconflicts)
			v->sel++;
		return 1;
	case 'm':
		ask_resolve(app, v, SYNC_KEEP_MINE);
		return 1;
	case 't':
		ask_resolve(app, v, SYNC_TAKE_THEIRS);
		return 1;
	}
	return 0;
}

static int typing(void *state)
{
	(void)state;
	return 0;
}

static const struct bar_item bar_items[] = {
	{"F1", M_KEY_HELP}, {"s", M_KEY_SYNC}, {"m", M_KEEP_MINE},
	{"t", M_TAKE_THEIRS}, {"1-9", M_KEY_SCREENS}, {"F10", M_KEY_QUIT},
	{NULL, M_COUNT}
};

static const enum i18n_msg help[] = {
	M_H_SYNC_NOW, M_H_CONFLICT, M_H_SYNC_COUNTS, M_H_REFRESH, M_COUNT
};

const struct screen_ops screen_sync = {
	"sync", M_SYNC, M_TAB_SYNC, open_screen, close_screen, draw, key,
	changed, typing, bar_items, help, NULL
};

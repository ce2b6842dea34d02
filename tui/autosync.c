/* autosync.c — sync runs driven by the UI's loop (see autosync.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "autosync.h"
#include "syncmsg.h"
#include "value.h"
#include "sxsh/db.h"
#include "sxsh/settings.h"
#include "sxsh/sync_store.h"

static void read_settings(struct app *app, struct autosync *a)
{
	char *server = settings_get(app->db, "server");

	a->configured = server && *server;
	free(server);
	a->minutes = (int)settings_get_int(app->db, "sync_minutes", 30);
	if (a->minutes < 0)
		a->minutes = 0;
}

void autosync_init(struct app *app, struct autosync *a)
{
	memset(a, 0, sizeof *a);
	read_settings(app, a);
	/* The first attempt right after start-up (the loop runs it once the
	 * screen is painted). */
	if (a->configured)
		a->next_ms = app_now_ms();
}

void autosync_release(struct autosync *a)
{
	sync_free(a->sync);
	a->sync = NULL;
}

void autosync_reconfigure(struct app *app, struct autosync *a)
{
	if (a->running)
		return;   /* the running engine keeps its settings */
	autosync_release(a);
	read_settings(app, a);
	a->next_ms = a->configured && a->minutes ?
		app_now_ms() + a->minutes * 60000.0 : 0;
}

static void show_error(struct app *app, const struct sx_error *err)
{
	char text[300];

	syncmsg_run(err, 0, text, sizeof text);
	app_status(app, TA_ERROR, "%s", text);
}

void autosync_count_conflicts(struct app *app, struct autosync *a)
{
	long long n = 0;

	if (sync_store_conflict_count(app->db, &n, NULL) == SX_OK)
		a->open_conflicts = (int)n;
}

void autosync_start(struct app *app, struct autosync *a)
{
	struct sync_config cfg;
	struct sx_error err = {0};

	if (a->running)
		return;
	if (!a->configured) {
		app_status(app, TA_ERROR, "%s", tr(M_OFFLINE));
		return;
	}
	if (!a->sync) {
		if (sync_config_load(app->db, &cfg, &err) != SX_OK) {
			show_error(app, &err);
			return;
		}
		if (sync_new(app->db, &cfg, &a->sync, &err) != SX_OK) {
			sync_config_release(&cfg);
			show_error(app, &err);
			return;
		}
		sync_config_release(&cfg);
	}
	if (sync_start(a->sync, &err) != SX_OK) {
		show_error(app, &err);
		return;
	}
	a->running = 1;
	sync_state(a->sync, &a->st);
	a->have_status = 1;
	app_dirty(app);
}

void autosync_tick(struct app *app, struct autosync *a)
{
	if (a->running || !a->configured || a->next_ms == 0 ||
	    app->first_paint_ms == 0 || app_now_ms() < a->next_ms)
		return;
	a->next_ms = a->minutes ? app_now_ms() + a->minutes * 60000.0 : 0;
	autosync_start(app, a);
}

int autosync_timeout_ms(const struct autosync *a)
{
	double left;

	if (!a->configured || a->next_ms == 0)
		return -1;
	left = a->next_ms - app_now_ms();
	if (left < 0)
		return 0;
	return left > 3600000 ? 3600000 : (int)left + 1;
}

void autosync_wait(struct app *app, struct autosync *a, int timeout_ms,
		   int *key_ready)
{
	*key_ready = 0;
	sync_wait(a->sync, STDIN_FILENO, timeout_ms, key_ready);
	if (!sync_progress(a->sync))
		return;
	sync_state(a->sync, &a->st);
	app_dirty(app);
	if (sync_busy(a->sync))
		return;
	a->running = 0;
	sx_now_utc(a->finished_at);
	/* Pulled records, acknowledged changes: every screen re-reads. */
	app_records_changed(app);
	autosync_count_conflicts(app, a);
	if (a->st.phase == SYNC_FAILED) {
		char text[300];
		syncmsg_run(&a->st.err, a->st.http_status, text, sizeof text);
		app_status(app, TA_ERROR, "%s: %s", tr(M_SYNC_FAILED), text);
	} else
		app_status(app, TA_OK, "%s", tr(M_SYNC_DONE));
}

static const char *phase_text(enum sync_phase p)
{
	switch (p) {
	case SYNC_PUSH: return tr(M_SYNC_PUSH);
	case SYNC_PULL: return tr(M_SYNC_PULL);
	case SYNC_REPORTS: return tr(M_SYNC_REPORTS);
	case SYNC_STATUS: return tr(M_SYNC_STATUS);
	case SYNC_REFERENCE: return tr(M_SYNC_REFERENCE);
	case SYNC_DONE: return tr(M_SYNC_DONE);
	case SYNC_FAILED: return tr(M_SYNC_FAILED);
	default: return "";
	}
}

void autosync_describe(const struct autosync *a, char *out, size_t outsz)
{
	const struct sync_status *s = &a->st;

	if (!a->configured) {
		snprintf(out, outsz, "%s", tr(M_OFFLINE));
	} else if (a->running) {
		if (s->waiting_retry)
			snprintf(out, outsz, "%s — %s %d s (%s %d)",
				 phase_text(s->phase), tr(M_SYNC_RETRY),
				 s->retry_in_ms / 1000, tr(M_SYNC_ATTEMPT),
				 s->attempt);
		else
			snprintf(out, outsz, "%s: %lld↑ %lld↓",
				 phase_text(s->phase), s->pushed, s->pulled);
	} else if (a->have_status && s->phase == SYNC_FAILED) {
		char text[300];
		syncmsg_run(&s->err, s->http_status, text, sizeof text);
		snprintf(out, outsz, "%s: %s", tr(M_SYNC_FAILED), text);
	} else if (a->have_status) {
		char when[40];
		value_show_time(a->finished_at, when, sizeof when);
		snprintf(out, outsz, "%s %s: %lld↑ %lld↓, %d %s",
			 tr(M_SYNC_DONE), when, s->applied,
			 s->pull_applied, a->open_conflicts,
			 tr(M_SYNC_CONFLICTS));
	} else {
		snprintf(out, outsz, "%s", tr(M_SYNC_READY));
	}
}

/* autosync.h — sync with the province from inside the UI's event loop:
 * an attempt at start (after the first paint), then every sync_minutes
 * (setting; 30 when unset, 0 turns it off), and whenever the user asks.
 *
 * The sync engine (sync.h) is made only when the first run starts, so a
 * session that never syncs never initialises curl.  While a run goes the
 * loop waits in sync_wait (curl's sockets and the keyboard together), so
 * typing never waits for the network.
 */
#ifndef SXSH_TUI_AUTOSYNC_H
#define SXSH_TUI_AUTOSYNC_H

#include "app.h"
#include "sxsh/sync.h"

struct autosync {
	struct sync *sync;         /* NULL until the first run */
	int configured;            /* a server is set */
	int minutes;               /* automatic interval, 0 = off */
	double next_ms;            /* app_now_ms() of the next try, 0: none */
	int running;
	int have_status;
	struct sync_status st;     /* of the current or last run */
	char finished_at[21];      /* UTC of the last run's end */
	int open_conflicts;        /* unresolved, in the store: the one
				    * count every screen shows */
};

void autosync_init(struct app *app, struct autosync *a);
void autosync_release(struct autosync *a);
/* Settings changed: re-read the server and interval. */
void autosync_reconfigure(struct app *app, struct autosync *a);
/* Starts a run now (the user asked).  Shows why not on the status line
 * when it cannot. */
void autosync_start(struct app *app, struct autosync *a);
/* Starts the automatic run when it is due. */
void autosync_tick(struct app *app, struct autosync *a);
/* How long the loop may sleep before the next automatic run (ms, -1:
 * forever). */
int autosync_timeout_ms(const struct autosync *a);
/* While a run goes: waits on the network and stdin up to timeout_ms, then
 * moves the run on; *key_ready tells whether keys wait. */
void autosync_wait(struct app *app, struct autosync *a, int timeout_ms,
		   int *key_ready);
/* Re-reads the number of unresolved conflicts (after a run, after one
 * is resolved). */
void autosync_count_conflicts(struct app *app, struct autosync *a);
/* One line on the state: "đang gửi thay đổi (12)", "lỗi: …", "xong …". */
void autosync_describe(const struct autosync *a, char *out, size_t outsz);

#endif

/* test_tui_sync.c — the terminal interface syncing with the real
 * sxsh-server (loopback, throw-away CA): the automatic run at start, and
 * a run asked for from the sync screen while the user goes on typing. */
/* tls_helpers.h copies the 64-character token with snprintf into an
 * 80-byte buffer; inlined into this file's one test, GCC cannot see the
 * length check before it and warns about truncation. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-truncation"
#include "sync_fixture.h"
#pragma GCC diagnostic pop
#include "tmux/tmux_driver.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#define WAIT 20.0

static char live_sock[64];
static pid_t live_server;

/* Runs even when an assertion failed half-way: no tmux server, sxsh or
 * sxsh-server is left behind. */
static void kill_tmux(void)
{
	if (live_sock[0])
		tx_kill_server(live_sock);
	if (live_server > 0) {
		kill(live_server, SIGTERM);
		waitpid(live_server, NULL, 0);
	}
}

TestSuite(tui_sync, .fini = kill_tmux);

static long long pending_at(const char *path)
{
	struct sx_db *db = NULL;
	long long n;

	cr_assert_eq(sx_db_open(path, 0, &db, NULL), SX_OK);
	n = pending_count(db);
	sx_db_close(db);
	return n;
}

static int wait_pending(const char *path, long long want)
{
	double end = tx_now() + WAIT;
	while (tx_now() < end) {
		if (pending_at(path) == want)
			return 1;
		usleep(50000);
	}
	return 0;
}

Test(tui_sync, syncs_at_start_and_on_demand_while_typing)
{
	struct world w;
	struct world *wp = &w;
	struct tx t;
	char path[512], args[700];
	struct sx_db *db;

	world_up(wp);
	live_server = w.srv.pid;
	db = world_client(wp, "ui", path, sizeof path);
	fx_facility(db, "Cơ sở chè Mộc Sương", NULL, NULL);
	sx_db_close(db);

	snprintf(args, sizeof args, "--db %s", path);
	tx_start(&t, 80, 24, args);
	snprintf(live_sock, sizeof live_sock, "%s", t.sock);
	/* the automatic run at start pushes what was waiting */
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	cr_assert(wait_pending(path, 0),
		  "the start-up sync pushed nothing:\n%s",
		  tx_capture(&t));
	cr_assert(tx_wait(&t, "Đồng bộ xong", WAIT), "%s", t.screen);

	/* a new facility typed in the UI, then a sync asked for, and the
	 * user types on at once: no key is lost, the sync completes */
	tx_keys(&t, "2 n");
	cr_assert(tx_wait(&t, "Thêm mới — Cơ sở sản xuất", WAIT));
	tx_type(&t, "Hợp tác xã Chè Tân Lập");
	tx_keys(&t, "Tab Space Tab Tab");
	tx_type(&t, "1079");
	tx_keys(&t, "Tab m o c F2");
	cr_assert(tx_wait(&t, "Đã lưu.", WAIT), "%s", t.screen);
	cr_assert_eq(pending_at(path), 1);
	tx_keys(&t, "8 s 2 n");
	tx_type(&t, "Xưởng gõ trong lúc đồng bộ");
	cr_assert(tx_wait(&t, "Xưởng gõ trong lúc đồng bộ", WAIT), "%s",
		  t.screen);
	cr_assert(wait_pending(path, 0), "the sync from the UI pushed nothing");
	cr_assert_eq(server_row_count(wp), 2);
	tx_keys(&t, "Escape");
	cr_assert(tx_wait(&t, "Bỏ các thay đổi chưa lưu?", WAIT));
	tx_keys(&t, "c 8");
	cr_assert(tx_wait(&t, "Đồng bộ xong", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Xung đột cần giải quyết: 0", WAIT), "%s",
		  t.screen);
	tx_keys(&t, "F10");
	cr_assert(tx_wait(&t, "EXIT=0", WAIT), "%s", t.screen);
	tx_stop(&t);
	world_down(wp);
	live_server = 0;
}

/* A server that accepts the connection and then says nothing: the sync
 * run hangs in the TLS handshake for as long as curl's timeouts allow,
 * and the interface must go on taking keys meanwhile and quit at once. */
Test(tui_sync, typing_goes_on_while_the_server_hangs)
{
	struct tx t;
	struct sockaddr_in addr;
	socklen_t len = sizeof addr;
	char path[512], url[64], args[700];
	struct sx_db *db;
	int s;

	s = socket(AF_INET, SOCK_STREAM, 0);
	cr_assert_geq(s, 0);
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert_eq(bind(s, (struct sockaddr *)&addr, sizeof addr), 0);
	cr_assert_eq(listen(s, 8), 0);
	cr_assert_eq(getsockname(s, (struct sockaddr *)&addr, &len), 0);
	snprintf(url, sizeof url, "https://127.0.0.1:%d",
		 ntohs(addr.sin_port));

	db = th_district_db(path, sizeof path);
	cr_assert_eq(settings_set(db, "server", url, NULL), SX_OK);
	cr_assert_eq(settings_set(db, "token", "x", NULL), SX_OK);
	sx_db_close(db);

	snprintf(args, sizeof args, "--db %s", path);
	tx_start(&t, 80, 24, args);
	snprintf(live_sock, sizeof live_sock, "%s", t.sock);
	cr_assert(tx_wait(&t, "⟳ đồng bộ", WAIT), "%s", t.screen);
	tx_keys(&t, "2 n");
	tx_type(&t, "Gõ trong lúc máy chủ im lặng");
	cr_assert(tx_wait(&t, "Gõ trong lúc máy chủ im lặng", WAIT), "%s",
		  t.screen);
	cr_assert(tx_wait(&t, "⟳ đồng bộ", WAIT), "the run ended early:\n%s",
		  t.screen);
	tx_keys(&t, "Escape");
	cr_assert(tx_wait(&t, "Bỏ các thay đổi chưa lưu?", WAIT));
	tx_keys(&t, "c");
	tx_keys(&t, "F10");
	cr_assert(tx_wait(&t, "EXIT=0", 5.0), "did not quit at once:\n%s",
		  t.screen);
	tx_stop(&t);
	close(s);
}

static void rename_facility(struct sx_db *db, const char *uuid,
			    const char *name)
{
	struct sx_record *rec = NULL;
	struct sx_problems p;

	problems_init(&p);
	cr_assert_eq(record_load(db, SXK_FACILITY, uuid, &rec, NULL), SX_OK);
	record_set(rec, "name", name);
	cr_assert_eq(record_save(db, rec, &p, NULL), SX_OK);
	record_free(rec);
	problems_release(&p);
}

/* Two offices of the district rename the same facility; the second one
 * sees the conflict side by side in the sync screen and takes the
 * province's version. */
Test(tui_sync, conflict_shown_side_by_side_and_resolved)
{
	struct world w;
	struct tx t;
	struct sx_db *a, *b;
	struct sx_record *rec = NULL;
	char uuid[SX_UUID_LEN + 1], path[512], args[700];
	long long open = -1;

	world_up(&w);
	live_server = w.srv.pid;
	a = world_client(&w, "a", NULL, 0);
	b = world_client(&w, "b", path, sizeof path);
	fx_facility(a, "Cơ sở chè Mộc Sương", NULL, uuid);
	cr_assert_eq(world_sync(a, NULL), SX_OK);
	cr_assert_eq(world_sync(b, NULL), SX_OK);
	rename_facility(a, uuid, "Tên của A");
	cr_assert_eq(world_sync(a, NULL), SX_OK);
	rename_facility(b, uuid, "Tên của B");
	cr_assert_eq(world_sync(b, NULL), SX_OK);
	sx_db_close(a);
	sx_db_close(b);

	snprintf(args, sizeof args, "--db %s", path);
	tx_start(&t, 80, 24, args);
	snprintf(live_sock, sizeof live_sock, "%s", t.sock);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	tx_keys(&t, "8");
	cr_assert(tx_wait(&t, "Xung đột cần giải quyết: 1", WAIT), "%s",
		  t.screen);
	cr_assert(tx_wait(&t, "Tên của B", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Tên của A", WAIT), "%s", t.screen);
	/* the other side is the server's copy (here another computer of
	 * the district), not "the province's" */
	cr_assert(tx_wait(&t, "Trên máy chủ", WAIT), "%s", t.screen);
	cr_assert(!strstr(t.screen, "tỉnh"), "%s", t.screen);
	/* t asks first, with "Không" highlighted: Enter keeps the conflict */
	tx_keys(&t, "t");
	cr_assert(tx_wait(&t, "Lấy bản trên máy chủ cho «Tên của B»", WAIT),
		  "%s", t.screen);
	tx_keys(&t, "Enter");
	cr_assert(tx_wait_gone(&t, "Lấy bản trên máy chủ cho", WAIT));
	cr_assert(strstr(t.screen, "Xung đột cần giải quyết: 1"), "%s",
		  t.screen);
	tx_keys(&t, "t");
	cr_assert(tx_wait(&t, "Lấy bản trên máy chủ cho", WAIT));
	tx_keys(&t, "c");
	cr_assert(tx_wait(&t, "Xung đột cần giải quyết: 0", WAIT), "%s",
		  t.screen);
	cr_assert(tx_wait(&t, "Đã lấy bản trên máy chủ.", WAIT), "%s",
		  t.screen);
	tx_keys(&t, "F10");
	cr_assert(tx_wait(&t, "EXIT=0", WAIT), "%s", t.screen);
	tx_stop(&t);

	cr_assert_eq(sx_db_open(path, 0, &b, NULL), SX_OK);
	cr_assert_eq(sync_store_conflict_count(b, &open, NULL), SX_OK);
	cr_assert_eq(open, 0);
	cr_assert_eq(record_load(b, SXK_FACILITY, uuid, &rec, NULL), SX_OK);
	cr_assert_str_eq(record_get(rec, "name"), "Tên của A");
	record_free(rec);
	sx_db_close(b);
	world_down(&w);
	live_server = 0;
}

/* test_tui_finish.c — the interface finished (issue 14), through tmux:
 * messages whole under their fields, choices, Ctrl-C, long values, layout
 * at four sizes, work lists from the targets, multi-pick, undo, help,
 * and a walk of every screen and form under vi (after a failed sync and
 * with a conflict open) that fails on any English word of the
 * interface's own English strings.  Each test groups many checks in one
 * tmux session: the suite must stay cheap in make test. */
#include <ctype.h>
#include "helpers.h"
#include "tmux/tmux_driver.h"
#include "../tui/i18n.h"
#include "sxsh/record.h"
#include "sxsh/settings.h"
#include "sxsh/sync_store.h"
#include "../sync/protocol.h"

#define WAIT 15.0

static char db_path[512];
static char live_sock[64];

static void kill_tmux(void)
{
	if (live_sock[0])
		tx_kill_server(live_sock);
}

TestSuite(tui_finish, .fini = kill_tmux);

static void start(struct tx *t, int cols, int rows)
{
	char args[1024];
	snprintf(args, sizeof args, "--db %s", db_path);
	tx_start(t, cols, rows, args);
	snprintf(live_sock, sizeof live_sock, "%s", t->sock);
}

static void resize(struct tx *t, int cols, int rows)
{
	tx_sh("tmux -L %s resize-window -t t -x %d -y %d", t->sock, cols,
	      rows);
}

/* Saves a record of kind from name=value pairs (NULL-ended); returns
 * its uuid in uuid_out (may be NULL). */
static void save(struct sx_db *db, enum sx_kind kind, char *uuid_out,
		 const char *const *pairs)
{
	struct sx_record *rec = record_new(kind);
	struct sx_problems p;

	problems_init(&p);
	for (int i = 0; pairs[i]; i += 2)
		record_set(rec, pairs[i], pairs[i + 1]);
	cr_assert_eq(record_save(db, rec, &p, NULL), SX_OK, "%s",
		     p.count ? p.items[0].msg_en : "");
	if (uuid_out)
		snprintf(uuid_out, SX_UUID_LEN + 1, "%s", rec->uuid);
	problems_release(&p);
	record_free(rec);
}

static void facility(struct sx_db *db, const char *name, const char *cp,
		     const char *address, char *uuid)
{
	const char *pairs[] = {
		"name", name, "kind", "household", "vsic", "10790",
		"commune", "03979", "status", "active", "cp_potential", cp,
		"address", address, NULL
	};
	save(db, SXK_FACILITY, uuid, pairs);
}

/* The quit of every test: nothing unsaved, so F10 quits at once. */
static void quit_ok(struct tx *t)
{
	tx_keys(t, "F10");
	cr_assert(tx_wait(t, "EXIT=0", WAIT), "%s", t->screen);
}

/* Row (0-based) of the screen where text starts, or -1. */
static int row_of(const char *screen, const char *text)
{
	const char *p = strstr(screen, text);
	int row = 0;

	if (!p)
		return -1;
	for (const char *q = screen; q < p; q++)
		row += *q == '\n';
	return row;
}

Test(tui_finish, form_messages_whole_choices_and_ctrl_c)
{
	struct tx t;
	struct sx_db *db = th_district_db(db_path, sizeof db_path);
	int tax_row, msg_row;

	sx_db_close(db);
	start(&t, 80, 24);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	tx_keys(&t, "2 n");
	cr_assert(tx_wait(&t, "Thêm mới — Cơ sở sản xuất", WAIT));
	/* a text field states its limit in characters on the status line */
	cr_assert(tx_wait(&t, "Tối đa", WAIT), "%s", t.screen);
	tx_type(&t, "Xưởng chè Mộc Châu");
	cr_assert(tx_wait(&t, "(đã nhập 18)", WAIT), "%s", t.screen);
	/* Enter on a choice opens its list; "ho" is a whole word of Hộ
	 * kinh doanh, only the start of Hợp tác xã */
	tx_keys(&t, "Tab Enter");
	cr_assert(tx_wait(&t, "Enter: chọn", WAIT), "%s", t.screen);
	cr_assert(strstr(t.screen, "Hợp tác xã"), "%s", t.screen);
	tx_type(&t, "ho");
	tx_keys(&t, "Enter");
	cr_assert(tx_wait(&t, "< Hộ kinh doanh >", WAIT), "%s", t.screen);
	tx_keys(&t, "Tab");
	tx_type(&t, "0100109107");
	tx_keys(&t, "F2");
	cr_assert(tx_wait(&t, "Chưa lưu:", WAIT), "%s", t.screen);
	/* the whole message, under its field, without the label again */
	cr_assert(tx_wait(&t, "sai chữ số kiểm tra", WAIT), "%s", t.screen);
	cr_assert(!strstr(t.screen, "Mã số thuế: sai"), "%s", t.screen);
	tax_row = row_of(t.screen, "Mã số thuế");
	msg_row = row_of(t.screen, "sai chữ số kiểm tra");
	cr_assert_eq(msg_row, tax_row + 1, "%s", t.screen);
	cr_assert(strstr(t.screen, "bắt buộc phải nhập"), "%s", t.screen);
	/* the same, whole, at 60×20 */
	resize(&t, 60, 20);
	cr_assert(tx_wait_gone(&t, "Số lao động", WAIT) ||
		  strstr(t.screen, "sai chữ số kiểm tra"), "%s", t.screen);
	cr_assert(tx_wait(&t, "sai chữ số kiểm tra", WAIT), "%s", t.screen);
	resize(&t, 80, 24);
	/* Ctrl-C in a form asks like Esc; Enter takes the highlighted
	 * answer (yes) */
	tx_keys(&t, "C-c");
	cr_assert(tx_wait(&t, "Bỏ các thay đổi chưa lưu?", WAIT), "%s",
		  t.screen);
	cr_assert(strstr(t.screen, "[c] Có") && strstr(t.screen, "[k] Không"),
		  "%s", t.screen);
	tx_keys(&t, "Enter");
	cr_assert(tx_wait_gone(&t, "Thêm mới", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "chưa có bản ghi nào", WAIT), "%s", t.screen);
	/* quitting with typed text not saved asks, "Không" highlighted */
	tx_keys(&t, "7 v");
	cr_assert(tx_wait(&t, "Phần nhận xét của báo cáo", WAIT), "%s",
		  t.screen);
	tx_type(&t, "Đã tuyên truyền");
	tx_keys(&t, "F10");
	cr_assert(tx_wait(&t, "Có nội dung chưa lưu", WAIT), "%s", t.screen);
	tx_keys(&t, "Enter");
	cr_assert(tx_wait_gone(&t, "Có nội dung chưa lưu", WAIT), "%s",
		  t.screen);
	cr_assert(strstr(t.screen, "Đã tuyên truyền"), "%s", t.screen);
	tx_keys(&t, "C-c");
	cr_assert(tx_wait(&t, "Bỏ các thay đổi chưa lưu?", WAIT), "%s",
		  t.screen);
	tx_keys(&t, "c");
	cr_assert(tx_wait_gone(&t, "Phần nhận xét", WAIT), "%s", t.screen);
	quit_ok(&t);
	tx_stop(&t);
}

Test(tui_finish, long_values_and_layout_at_four_sizes)
{
	static const int sizes[][2] = {{60, 20}, {80, 24}, {120, 40},
				       {200, 60}};
	static const char name[] =
		"Hợp tác xã chè Tân Lập và chế biến nông sản Mộc Châu";
	struct tx t;
	struct sx_db *db = th_district_db(db_path, sizeof db_path);

	facility(db, name, "1", "Tiểu khu 19/5, TT Nông trường Mộc Châu, "
		 "huyện Mộc Châu, tỉnh Sơn La", NULL);
	sx_db_close(db);
	start(&t, 80, 24);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	tx_keys(&t, "2");
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		int cols = sizes[i][0];
		resize(&t, cols, sizes[i][1]);
		cr_assert(tx_wait(&t, "Hợp tác xã chè", WAIT), "%dx: %s", cols,
			  t.screen);
		tx_settle(&t);
		/* the beginning, with a mark where cut */
		if (cols < 120)
			cr_assert(strstr(t.screen, "Hợp tác xã chè Tân") &&
				  strstr(t.screen, "…"), "%d: %s", cols,
				  t.screen);
		else
			cr_assert(strstr(t.screen, name), "%d: %s", cols,
				  t.screen);
		/* tabs: the current one always named, all at 200 */
		cr_assert(strstr(t.screen, "2 Cơ sở"), "%d: %s", cols,
			  t.screen);
		if (cols == 200)
			cr_assert(strstr(t.screen, "0 Nhập"), "%s", t.screen);
		if (cols >= 120)
			cr_assert(strstr(t.screen, "Thị trấn Mộc Châu"), "%s",
				  t.screen);
	}
	/* the form: a field not being edited shows its beginning and "…" */
	resize(&t, 80, 24);
	tx_keys(&t, "e");
	cr_assert(tx_wait(&t, "Sửa — Cơ sở sản xuất", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Tiểu khu 19/5, TT Nông trường", WAIT), "%s",
		  t.screen);
	cr_assert(strstr(t.screen, "Có tiềm năng SXSH"), "%s", t.screen);
	/* help in a form names the field's limit */
	tx_keys(&t, "F1");
	cr_assert(tx_wait(&t, "Tối đa", WAIT), "%s", t.screen);
	tx_keys(&t, "Escape Escape");
	cr_assert(tx_wait_gone(&t, "Sửa — Cơ sở", WAIT), "%s", t.screen);
	quit_ok(&t);
	tx_stop(&t);
}

Test(tui_finish, work_lists_multi_pick_sort_and_undo)
{
	struct tx t;
	struct sx_db *db = th_district_db(db_path, sizeof db_path);
	char reached[SX_UUID_LEN + 1], event[SX_UUID_LEN + 1];
	char p2[SX_UUID_LEN + 1];
	struct sx_record *rec = NULL;
	int a, b, c;

	facility(db, "Cơ sở Bản Áng", "1", "", reached);
	facility(db, "Cơ sở Chiềng Hắc", "1", "", NULL);
	facility(db, "Cơ sở An Thái", "0", "", NULL);
	{
		const char *ev[] = {"type", "training", "title",
				    "Tập huấn SXSH", "held_on", "2026-03-02",
				    NULL};
		save(db, SXK_EVENT, event, ev);
	}
	{
		const char *link[] = {"event_id", event, "facility_id",
				      reached, NULL};
		const char *p1[] = {"name", "Lò Văn Khánh", "role",
				    "collaborator", "active", "1",
				    "trained_on", "2026-01-10", NULL};
		const char *pp[] = {"name", "Cầm Thị Hoa", "role",
				    "collaborator", "active", "1", NULL};
		save(db, SXK_EVENT_FACILITY, NULL, link);
		save(db, SXK_PERSON, NULL, p1);
		save(db, SXK_PERSON, p2, pp);
	}
	sx_db_close(db);
	start(&t, 80, 24);
	cr_assert(tx_wait(&t, "T1 Cơ sở được tuyên truyền", WAIT), "%s",
		  t.screen);
	/* T1 (highlighted first): CP potential, not reached by an event */
	tx_keys(&t, "Enter");
	cr_assert(tx_wait(&t, "Việc cần làm T1", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Cơ sở Chiềng Hắc", WAIT), "%s", t.screen);
	cr_assert(!strstr(t.screen, "Cơ sở Bản Áng"), "%s", t.screen);
	cr_assert(!strstr(t.screen, "Cơ sở An Thái"), "%s", t.screen);
	tx_keys(&t, "Escape");
	cr_assert(tx_wait(&t, "Cơ sở An Thái", WAIT), "%s", t.screen);
	/* T4: people not trained */
	tx_keys(&t, "1 Down Down Down Enter");
	cr_assert(tx_wait(&t, "Việc cần làm T4", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Cầm Thị Hoa", WAIT), "%s", t.screen);
	cr_assert(!strstr(t.screen, "Lò Văn Khánh"), "%s", t.screen);
	/* delete asks with "Không" highlighted: Enter deletes nothing */
	tx_keys(&t, "d");
	cr_assert(tx_wait(&t, "Xoá bản ghi này?", WAIT), "%s", t.screen);
	tx_keys(&t, "Enter");
	cr_assert(tx_wait_gone(&t, "Xoá bản ghi này?", WAIT));
	cr_assert(strstr(t.screen, "Cầm Thị Hoa"), "%s", t.screen);
	tx_keys(&t, "d");
	cr_assert(tx_wait(&t, "Xoá bản ghi này?", WAIT), "%s", t.screen);
	tx_keys(&t, "c");
	cr_assert(tx_wait(&t, "Nhấn u để hoàn tác", WAIT), "%s", t.screen);
	cr_assert(tx_wait_gone(&t, "Cầm Thị Hoa", WAIT), "%s", t.screen);
	tx_keys(&t, "u");
	cr_assert(tx_wait(&t, "Đã khôi phục", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Cầm Thị Hoa", WAIT), "%s", t.screen);
	/* an event's facilities: Space ticks two, Enter adds both */
	tx_keys(&t, "4");
	cr_assert(tx_wait(&t, "Tập huấn SXSH", WAIT), "%s", t.screen);
	tx_keys(&t, "f");
	cr_assert(tx_wait(&t, "› Cơ sở được tuyên truyền", WAIT), "%s",
		  t.screen);
	tx_keys(&t, "n");
	cr_assert(tx_wait(&t, "đã đánh dấu 0", WAIT), "%s", t.screen);
	/* Bản Áng is linked already: skipped with ↓ */
	tx_keys(&t, "Space Down Space");
	cr_assert(tx_wait(&t, "đã đánh dấu 2", WAIT), "%s", t.screen);
	cr_assert(strstr(t.screen, "[x]"), "%s", t.screen);
	tx_keys(&t, "Enter");
	cr_assert(tx_wait(&t, "Đã thêm 2 bản ghi.", WAIT), "%s", t.screen);
	/* the list says "by name" and is by name */
	cr_assert(tx_wait(&t, "theo tên", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Cơ sở Chiềng Hắc", WAIT), "%s", t.screen);
	a = row_of(t.screen, "Cơ sở An Thái");
	b = row_of(t.screen, "Cơ sở Bản Áng");
	c = row_of(t.screen, "Cơ sở Chiềng Hắc");
	cr_assert(a > 0 && a < b && b < c, "%s", t.screen);
	quit_ok(&t);
	tx_stop(&t);
	cr_assert_eq(sx_db_open(db_path, 0, &db, NULL), SX_OK);
	cr_assert_eq(record_load(db, SXK_PERSON, p2, &rec, NULL), SX_OK);
	cr_assert_eq(rec->deleted, 0);
	record_free(rec);
	sx_db_close(db);
}

/* ---- Vietnamese throughout ---------------------------------------------- */

struct words {
	char (*w)[40];
	int n, cap;
};

static void add_word(struct words *ws, const char *w, size_t len)
{
	if (len < 4 || len >= 40)
		return;
	for (int i = 0; i < ws->n; i++)
		if (strlen(ws->w[i]) == len && !strncmp(ws->w[i], w, len))
			return;
	if (ws->n == ws->cap) {
		ws->cap = ws->cap ? ws->cap * 2 : 256;
		ws->w = realloc(ws->w, (size_t)ws->cap * sizeof *ws->w);
		cr_assert_not_null(ws->w);
	}
	memcpy(ws->w[ws->n], w, len);
	ws->w[ws->n++][len] = 0;
}

/* The ASCII words of text (letters only, four or more). */
static void add_words(struct words *ws, const char *text)
{
	for (const char *p = text; p && *p; ) {
		size_t n = 0;
		while (isalpha((unsigned char)p[n]))
			n++;
		if (n && (p == text || !(p[-1] & 0x80)) && !(p[n] & 0x80))
			add_word(ws, p, n);
		p += n ? n : 1;
	}
}

static int has_word(const struct words *ws, const char *w)
{
	for (int i = 0; i < ws->n; i++)
		if (!strcmp(ws->w[i], w))
			return 1;
	return 0;
}

static const char *const table_vi[] = {
#define X(id, vi, en) vi,
	I18N_ALL_MESSAGES
#undef X
};
static const char *const table_en[] = {
#define X(id, vi, en) en,
	I18N_ALL_MESSAGES
#undef X
};

/* The interface's own English words: those of the English side of the
 * i18n table and of the kind table's labels, less any word the
 * Vietnamese side uses too (SXSH, CSV, Enter, Backspace, https…). */
static void english_words(struct words *out)
{
	struct words en = {0}, vi = {0};

	for (size_t i = 0; i < sizeof table_en / sizeof table_en[0]; i++) {
		add_words(&en, table_en[i]);
		add_words(&vi, table_vi[i]);
	}
	for (int k = 0; k < SXK_COUNT; k++) {
		const struct sx_kind_def *d = record_kind((enum sx_kind)k);
		add_words(&en, d->label_en);
		add_words(&vi, d->label_vi);
		for (int f = 0; f < d->nfields; f++) {
			const struct sx_field *fd = &d->fields[f];
			add_words(&en, fd->label_en);
			add_words(&vi, fd->label_vi);
			for (int c = 0; fd->choices && fd->choices[c].key;
			     c++) {
				add_words(&en, fd->choices[c].label_en);
				add_words(&vi, fd->choices[c].label_vi);
			}
		}
	}
	/* command-line words (sxsh export facilities …) are not English
	 * text but commands, the same in both languages */
	for (int k = 0; k < SXK_COUNT; k++) {
		add_words(&vi, record_kind((enum sx_kind)k)->name);
		add_words(&vi, record_kind((enum sx_kind)k)->singular);
	}
	for (int i = 0; i < en.n; i++)
		if (!has_word(&vi, en.w[i]))
			add_word(out, en.w[i], strlen(en.w[i]));
	free(en.w);
	free(vi.w);
}

/* Fails when the screen shows one of the English words. */
static void no_english(struct tx *t, const struct words *en,
		       const char *where)
{
	struct words shown = {0};

	tx_settle(t);
	add_words(&shown, t->screen);
	for (int i = 0; i < shown.n; i++) {
		if (!has_word(en, shown.w[i]))
			continue;
		cr_log_error("%s: English \"%s\":\n%s", where, shown.w[i],
			     t->screen);
		free(shown.w);
		cr_assert_fail();
	}
	free(shown.w);
}

/* A conflict as a pull leaves it: the server's copy of a facility with
 * another name, the change held. */
static void make_conflict(struct sx_db *db, const char *uuid)
{
	struct sx_record *rec = NULL;
	char *server_text, *local_text;

	cr_assert_eq(record_load(db, SXK_FACILITY, uuid, &rec, NULL), SX_OK);
	local_text = protocol_record_text(rec);
	record_set(rec, "name", "Cơ sở chè Mộc Sương (máy 2)");
	server_text = protocol_record_text(rec);
	cr_assert_not_null(server_text);
	cr_assert_eq(sx_db_begin(db, NULL), SX_OK);
	cr_assert_eq(sync_store_conflict_add(db, SXK_FACILITY, uuid, 7,
					     server_text, local_text, NULL,
					     NULL), SX_OK);
	cr_assert_eq(sync_store_hold(db, uuid, 409,
				     "conflict with server revision 7", NULL),
		     SX_OK);
	cr_assert_eq(sx_db_commit(db, NULL), SX_OK);
	free(server_text);
	free(local_text);
	record_free(rec);
}

Test(tui_finish, every_screen_and_form_in_vietnamese_under_vi)
{
	static const char *const screen_keys[] = {
		"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"
	};
	static const char *const forms[] = {"2", "3", "4", "5", "6"};
	struct words en = {0};
	struct tx t;
	struct sx_db *db = th_district_db(db_path, sizeof db_path);
	char uuid[SX_UUID_LEN + 1], where[64];

	english_words(&en);
	cr_assert_gt(en.n, 100);
	cr_assert(has_word(&en, "Facilities") && has_word(&en, "Quit"));
	facility(db, "Cơ sở chè Mộc Sương", "1", "Tiểu khu 4", uuid);
	make_conflict(db, uuid);
	/* nothing listens on port 1: the sync at start fails */
	cr_assert_eq(settings_set(db, "server", "https://127.0.0.1:1", NULL),
		     SX_OK);
	cr_assert_eq(settings_set(db, "token", "abc", NULL), SX_OK);
	sx_db_close(db);
	start(&t, 80, 24);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Đồng bộ lỗi", WAIT), "%s", t.screen);
	no_english(&t, &en, "after a failed sync");
	for (size_t i = 0; i < sizeof screen_keys / sizeof *screen_keys;
	     i++) {
		tx_keys(&t, screen_keys[i]);
		snprintf(where, sizeof where, "screen %s", screen_keys[i]);
		tx_settle(&t);
		no_english(&t, &en, where);
		tx_keys(&t, "F1");
		cr_assert(tx_wait(&t, "Trợ giúp —", WAIT), "%s", t.screen);
		snprintf(where, sizeof where, "help of %s", screen_keys[i]);
		no_english(&t, &en, where);
		tx_keys(&t, "Escape");
		cr_assert(tx_wait_gone(&t, "Trợ giúp —", WAIT));
	}
	/* the sync screen with the conflict and its question */
	tx_keys(&t, "8");
	cr_assert(tx_wait(&t, "Xung đột cần giải quyết: 1", WAIT), "%s",
		  t.screen);
	cr_assert(tx_wait(&t, "Mộc Sương (máy", WAIT), "%s", t.screen);
	cr_assert(strstr(t.screen, "chờ giải quyết xung đột"), "%s",
		  t.screen);
	no_english(&t, &en, "conflict");
	tx_keys(&t, "m");
	cr_assert(tx_wait(&t, "Giữ bản trên máy này", WAIT), "%s", t.screen);
	no_english(&t, &en, "conflict question");
	tx_keys(&t, "k");
	/* every record form, its help and a choice list */
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		tx_keys(&t, forms[i]);
		tx_keys(&t, "n");
		cr_assert(tx_wait(&t, "Thêm mới —", WAIT), "%s", t.screen);
		snprintf(where, sizeof where, "form of %s", forms[i]);
		no_english(&t, &en, where);
		tx_keys(&t, "F2");
		cr_assert(tx_wait(&t, "Chưa lưu", WAIT), "%s", t.screen);
		no_english(&t, &en, where);
		tx_keys(&t, "F1");
		cr_assert(tx_wait(&t, "Trợ giúp —", WAIT), "%s", t.screen);
		no_english(&t, &en, where);
		/* nothing typed: Esc closes without a question */
		tx_keys(&t, "Escape Escape");
		cr_assert(tx_wait_gone(&t, "Thêm mới —", WAIT), "%s",
			  t.screen);
	}
	/* the settings form */
	tx_keys(&t, "9 e");
	cr_assert(tx_wait(&t, "Quy tắc kỳ báo cáo", WAIT), "%s", t.screen);
	no_english(&t, &en, "settings form");
	tx_keys(&t, "Escape");
	quit_ok(&t);
	tx_stop(&t);
	free(en.w);
}

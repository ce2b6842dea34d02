/* test_tui.c — the terminal interface, driven through tmux: the real
 * binary ($SXSH_BIN) in a pane, keys sent as a user would type them,
 * screens read back with capture-pane (tests/tmux/tmux_driver.h). */
#include <signal.h>
#include <sys/wait.h>
#include "helpers.h"
#include "tmux/tmux_driver.h"
#include "sxsh/draft.h"
#include "sxsh/record.h"
#include "sxsh/report.h"
#include "sxsh/settings.h"

#define WAIT 15.0

static char db_path[512];
/* The tmux server of the running test, killed by the suite's fini even
 * when an assertion failed half-way (which would leave sxsh running). */
static char live_sock[64];

static void kill_tmux(void)
{
	if (live_sock[0])
		tx_kill_server(live_sock);
}

TestSuite(tui, .fini = kill_tmux);

static void fresh_district_db(void)
{
	struct sx_db *db = th_district_db(db_path, sizeof db_path);
	sx_db_close(db);
}

static void start(struct tx *t, int cols, int rows, const char *extra)
{
	char args[1024];
	snprintf(args, sizeof args, "--db %s %s", db_path, extra ? extra : "");
	tx_start(t, cols, rows, args);
	snprintf(live_sock, sizeof live_sock, "%s", t->sock);
}

static long long facility_count(void)
{
	struct sx_db *db = NULL;
	long long counts[SXK_COUNT] = {0};
	cr_assert_eq(sx_db_open(db_path, 0, &db, NULL), SX_OK);
	cr_assert_eq(record_count_all(db, counts, NULL), SX_OK);
	sx_db_close(db);
	return counts[SXK_FACILITY];
}

/* The number shown after label on the dashboard. */
static long long shown_count(const char *screen, const char *label)
{
	const char *p = strstr(screen, label);
	long long n = -1;
	if (!p)
		return -1;
	p += strlen(label);
	while (*p == ' ')
		p++;
	if (sscanf(p, "%lld", &n) != 1)
		return -1;
	return n;
}

/* Waits until the dashboard shows want after label (the figures are
 * computed in the background, after the first paint and after every
 * change) and returns the count last shown. */
static long long wait_count(struct tx *t, const char *label, long long want)
{
	double end = tx_now() + WAIT;
	long long n;
	do {
		n = shown_count(tx_capture(t), label);
		if (n == want)
			return n;
		usleep(30000);
	} while (tx_now() < end);
	return n;
}

/* Quits with F10 (nothing unsaved: no question) and expects a clean
 * exit. */
static void quit_ok(struct tx *t)
{
	tx_keys(t, "F10");
	cr_assert(tx_wait(t, "EXIT=0", WAIT), "%s", t->screen);
}

/* Fills the required fields of a new facility (form already open). */
static void type_facility(struct tx *t, const char *name, const char *tax)
{
	tx_type(t, name);
	tx_keys(t, "Tab Space Tab");          /* kind: enterprise */
	if (tax)
		tx_type(t, tax);
	tx_keys(t, "Tab");
	tx_type(t, "1079");                  /* VSIC */
	tx_keys(t, "Tab m o c");              /* commune by type-ahead */
	cr_assert(tx_wait(t, "< Thị trấn Mộc Châu >", WAIT), "%s", t->screen);
}

Test(tui, first_run_wizard_initialises_the_district)
{
	struct tx t;
	struct sx_db *db = NULL;

	th_path(db_path, sizeof db_path, th_tmpdir(), "new.db");
	start(&t, 80, 24, NULL);
	cr_assert(tx_wait(&t, "Thiết lập lần đầu", WAIT), "%s", t.screen);
	tx_keys(&t, "m o c");
	cr_assert(tx_wait(&t, "< Huyện Mộc Châu >", WAIT), "%s", t.screen);
	tx_keys(&t, "Tab");
	tx_type(&t, "Nguyễn Văn An");
	tx_keys(&t, "F2");
	cr_assert(tx_wait(&t, "Người sử dụng: Nguyễn Văn An", WAIT), "%s",
		  t.screen);
	cr_assert(tx_wait(&t, "Huyện Mộc Châu", WAIT));
	quit_ok(&t);
	tx_stop(&t);
	cr_assert_eq(sx_db_open(db_path, 0, &db, NULL), SX_OK);
	cr_assert_str_eq(sx_db_district_code(db), "123");
	sx_db_close(db);
}

Test(tui, creates_finds_and_edits_a_vietnamese_facility)
{
	struct tx t;

	fresh_district_db();
	start(&t, 80, 24, NULL);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	cr_assert_eq(wait_count(&t, "Cơ sở sản xuất", 0), 0, "%s", t.screen);
	tx_keys(&t, "2 n");
	cr_assert(tx_wait(&t, "Thêm mới — Cơ sở sản xuất", WAIT));
	type_facility(&t, "Công ty TNHH Chè Mộc Châu", NULL);
	tx_keys(&t, "F2");
	cr_assert(tx_wait(&t, "Đã lưu.", WAIT), "%s", t.screen);
	/* found without diacritics */
	tx_keys(&t, "/");
	tx_type(&t, "che moc");
	cr_assert(tx_wait(&t, "Tìm: che moc", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Công ty TNHH Chè Mộc Châu", WAIT), "%s",
		  t.screen);
	tx_type(&t, "x");
	cr_assert(tx_wait(&t, "(không tìm thấy)", WAIT), "%s", t.screen);
	tx_keys(&t, "BSpace Enter Enter");
	cr_assert(tx_wait(&t, "Sửa — Cơ sở sản xuất", WAIT), "%s", t.screen);
	tx_keys(&t, "Down Down Down Down Down");
	tx_type(&t, "Tiểu khu 4, Mộc Châu");
	tx_keys(&t, "C-s");
	cr_assert(tx_wait(&t, "Đã lưu.", WAIT), "%s", t.screen);
	tx_keys(&t, "1");
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	cr_assert_eq(wait_count(&t, "Cơ sở sản xuất", 1), 1, "%s", t.screen);
	quit_ok(&t);
	tx_stop(&t);
	cr_assert_eq(facility_count(), 1);
}

Test(tui, invalid_tax_code_shows_the_message_and_saves_nothing)
{
	struct tx t;

	fresh_district_db();
	start(&t, 80, 24, NULL);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	tx_keys(&t, "2 n");
	cr_assert(tx_wait(&t, "Thêm mới", WAIT));
	type_facility(&t, "Hợp tác xã Chè Tân Lập", "0123456788");
	tx_keys(&t, "F2");
	cr_assert(tx_wait(&t, "sai chữ số", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Chưa lưu", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Thêm mới — Cơ sở sản xuất", WAIT));
	cr_assert_eq(facility_count(), 0);
	tx_keys(&t, "Escape");
	cr_assert(tx_wait(&t, "Bỏ các thay đổi chưa lưu?", WAIT));
	tx_keys(&t, "c");
	quit_ok(&t);
	tx_stop(&t);
	cr_assert_eq(facility_count(), 0);
}

Test(tui, esc_with_unsaved_changes_asks_first)
{
	struct tx t;

	fresh_district_db();
	start(&t, 80, 24, NULL);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	tx_keys(&t, "2 n");
	cr_assert(tx_wait(&t, "Thêm mới", WAIT));
	/* an untouched form closes without a question */
	tx_keys(&t, "Escape");
	cr_assert(tx_wait_gone(&t, "Thêm mới", WAIT), "%s", t.screen);
	cr_assert(!strstr(t.screen, "Bỏ các thay đổi"));
	tx_keys(&t, "n");
	cr_assert(tx_wait(&t, "Thêm mới", WAIT));
	tx_type(&t, "Cơ sở Đường Mường Thanh");
	tx_keys(&t, "Escape");
	cr_assert(tx_wait(&t, "Bỏ các thay đổi chưa lưu?", WAIT), "%s",
		  t.screen);
	tx_keys(&t, "k");   /* no: keep editing */
	cr_assert(tx_wait_gone(&t, "Bỏ các thay đổi", WAIT));
	cr_assert(tx_wait(&t, "Cơ sở Đường Mường Thanh", WAIT), "%s",
		  t.screen);
	tx_keys(&t, "Escape");
	cr_assert(tx_wait(&t, "Bỏ các thay đổi chưa lưu?", WAIT));
	tx_keys(&t, "c");
	cr_assert(tx_wait(&t, "(chưa có bản ghi nào", WAIT), "%s", t.screen);
	quit_ok(&t);
	tx_stop(&t);
	cr_assert_eq(facility_count(), 0);
}

static int draft_exists(void)
{
	struct sx_db *db = NULL;
	struct sx_record *rec = NULL;
	long long id = 0;
	int found;

	if (sx_db_open(db_path, 0, &db, NULL) != SX_OK)
		return 0;
	found = draft_latest(db, &id, &rec, NULL) == SX_OK &&
		record_get(rec, "name") &&
		strstr(record_get(rec, "name"), "Mộc Châu") != NULL;
	record_free(rec);
	sx_db_close(db);
	return found;
}

Test(tui, sigkill_mid_form_offers_the_draft_back)
{
	struct tx t;
	double end;
	int pid;

	fresh_district_db();
	start(&t, 80, 24, NULL);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	tx_keys(&t, "2 n");
	cr_assert(tx_wait(&t, "Thêm mới", WAIT));
	tx_type(&t, "Xưởng chè Mộc Châu");
	cr_assert(tx_wait(&t, "Xưởng chè Mộc Châu", WAIT));
	end = tx_now() + WAIT;
	while (!draft_exists() && tx_now() < end)
		usleep(50000);
	cr_assert(draft_exists(), "no draft written while typing");
	pid = tx_app_pid(&t);
	cr_assert_gt(pid, 0);
	kill(pid, SIGKILL);
	cr_assert(tx_wait(&t, "EXIT=137", WAIT), "%s", t.screen);
	tx_stop(&t);

	start(&t, 80, 24, NULL);
	cr_assert(tx_wait(&t, "Khôi phục?", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Xưởng chè Mộc Châu", WAIT), "%s", t.screen);
	tx_keys(&t, "c");
	cr_assert(tx_wait(&t, "Thêm mới — Cơ sở sản xuất", WAIT), "%s",
		  t.screen);
	cr_assert(tx_wait(&t, "Tên cơ sở *            Xưởng chè Mộc Châu",
			  WAIT),
		  "%s", t.screen);
	tx_keys(&t, "Escape");
	cr_assert(tx_wait(&t, "Bỏ các thay đổi chưa lưu?", WAIT));
	tx_keys(&t, "c");
	cr_assert(tx_wait_gone(&t, "Thêm mới", WAIT));
	quit_ok(&t);
	tx_stop(&t);
	cr_assert(!draft_exists(), "draft kept after discarding");
}

Test(tui, finalises_a_report_from_the_ui)
{
	struct tx t;
	struct sx_db *db = NULL;
	struct sx_report_rev *revs = NULL;
	int n = 0;

	fresh_district_db();
	start(&t, 80, 24, NULL);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	tx_keys(&t, "7");
	cr_assert(tx_wait(&t, "Chưa có bản nào được chốt", WAIT), "%s",
		  t.screen);
	/* the key bar says what f and s do */
	cr_assert(tx_wait(&t, "Chốt — không sửa được", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Gửi tỉnh", WAIT), "%s", t.screen);
	/* the screen opens on today's period, which has not ended */
	tx_keys(&t, "f");
	cr_assert(tx_wait(&t, "chưa kết thúc", WAIT), "%s", t.screen);
	tx_keys(&t, "Enter");
	/* the period before has ended */
	tx_keys(&t, "Left");
	tx_keys(&t, "f");
	cr_assert(tx_wait(&t, "cảnh báo? Bản đã chốt", WAIT), "%s", t.screen);
	tx_keys(&t, "c");
	cr_assert(tx_wait(&t, "Đã chốt bản 1", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Bản 1: đã chốt", WAIT), "%s", t.screen);
	/* the preview of the draft, scrolled */
	tx_keys(&t, "b");
	cr_assert(tx_wait(&t, "BÁO CÁO", WAIT), "%s", t.screen);
	/* submitted: queued for the next sync */
	tx_keys(&t, "s");
	cr_assert(tx_wait(&t, "Gửi bản mới nhất", WAIT), "%s", t.screen);
	tx_keys(&t, "c");
	cr_assert(tx_wait(&t, "Bản 1: chờ gửi", WAIT), "%s", t.screen);
	quit_ok(&t);
	tx_stop(&t);
	cr_assert_eq(sx_db_open(db_path, 0, &db, NULL), SX_OK);
	cr_assert_eq(report_list(db, NULL, NULL, &revs, &n, NULL), SX_OK);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(revs[0].status, "queued");
	free(revs);
	sx_db_close(db);
}

Test(tui, resize_to_200x60_and_back_leaves_nothing_behind)
{
	struct tx t, ref;
	char before[32768];

	fresh_district_db();
	start(&ref, 80, 24, NULL);
	cr_assert(tx_wait(&ref, "Số bản ghi", WAIT));
	cr_assert(tx_wait(&ref, "T1 Cơ sở được tuyên truyền     [", WAIT));
	snprintf(before, sizeof before, "%s", ref.screen);
	tx_keys(&ref, "F10");
	cr_assert(tx_wait(&ref, "EXIT=0", WAIT), "%s", ref.screen);
	tx_stop(&ref);

	start(&t, 80, 24, NULL);
	cr_assert(tx_wait(&t, "T1 Cơ sở được tuyên truyền     [", WAIT));
	tx_sh("tmux -L %s resize-window -t t -x 200 -y 60", t.sock);
	/* wide enough for every screen name in the top line */
	cr_assert(tx_wait(&t, "9 Cài đặt", WAIT), "%s", t.screen);
	tx_sh("tmux -L %s resize-window -t t -x 80 -y 24", t.sock);
	cr_assert(tx_wait_gone(&t, "9 Cài đặt", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "T1 Cơ sở được tuyên truyền     [", WAIT));
	tx_capture(&t);
	cr_assert_str_eq(t.screen, before);
	quit_ok(&t);
	tx_stop(&t);
}

Test(tui, lang_en_shows_english_labels)
{
	struct tx t;

	fresh_district_db();
	start(&t, 80, 24, "--lang en");
	cr_assert(tx_wait(&t, "Records", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Dashboard", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Help", WAIT), "%s", t.screen);
	cr_assert(!strstr(t.screen, "Tổng quan"), "%s", t.screen);
	tx_keys(&t, "2 n");
	cr_assert(tx_wait(&t, "New — Facilities", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Tax code", WAIT), "%s", t.screen);
	tx_keys(&t, "Escape F10");
	cr_assert(tx_wait(&t, "EXIT=0", WAIT), "%s", t.screen);
	tx_stop(&t);
}

static int alternate_screen_on(struct tx *t)
{
	char cmd[200];
	FILE *p;
	int on = -1;

	snprintf(cmd, sizeof cmd, "tmux -L %s display -p -t t "
		 "'#{alternate_on}'", t->sock);
	p = popen(cmd, "r");
	if (p) {
		if (fscanf(p, "%d", &on) != 1)
			on = -1;
		pclose(p);
	}
	return on;
}

Test(tui, sigterm_restores_the_terminal)
{
	struct tx t;
	int pid;

	fresh_district_db();
	start(&t, 80, 24, NULL);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	cr_assert_eq(alternate_screen_on(&t), 1);
	pid = tx_app_pid(&t);
	cr_assert_gt(pid, 0);
	kill(pid, SIGTERM);
	cr_assert(tx_wait(&t, "EXIT=143", WAIT), "%s", t.screen);
	cr_assert_eq(alternate_screen_on(&t), 0);
	cr_assert(!strstr(t.screen, "Số bản ghi"), "%s", t.screen);
	tx_stop(&t);
}

static int cursor_x(struct tx *t)
{
	char cmd[200];
	FILE *p;
	int x = -1;

	snprintf(cmd, sizeof cmd, "tmux -L %s display -p -t t '#{cursor_x}'",
		 t->sock);
	p = popen(cmd, "r");
	if (p) {
		if (fscanf(p, "%d", &x) != 1)
			x = -1;
		pclose(p);
	}
	return x;
}

static int wait_cursor(struct tx *t, int want)
{
	double end = tx_now() + WAIT;
	while (tx_now() < end) {
		if (cursor_x(t) == want)
			return 1;
		usleep(30000);
	}
	return 0;
}

/* What the form shows after label on its line, spaces trimmed. */
static const char *field_line(struct tx *t, const char *label)
{
	static char out[256];
	const char *p = strstr(tx_capture(t), label), *e;
	size_t n;

	out[0] = 0;
	if (!p)
		return out;
	p += strlen(label);
	while (*p == ' ')
		p++;
	e = strchr(p, '\n');
	n = e ? (size_t)(e - p) : strlen(p);
	while (n > 0 && p[n - 1] == ' ')
		n--;
	if (n >= sizeof out)
		n = sizeof out - 1;
	memcpy(out, p, n);
	out[n] = 0;
	return out;
}

/* 1 when the form shows want after label within the time limit. */
static int wait_field(struct tx *t, const char *label, const char *want)
{
	double end = tx_now() + WAIT;
	do {
		if (!strcmp(field_line(t, label), want))
			return 1;
		usleep(30000);
	} while (tx_now() < end);
	return 0;
}

/* 1 when the escape sequences in s set a colour (SGR 30–37, 38, 40–47,
 * 48, 90–97, 100–107); 39/49 only restore the default. */
static int has_colour(const char *s)
{
	for (const char *p = strstr(s, "\033["); p;
	     p = strstr(p + 1, "\033[")) {
		const char *q = p + 2;
		while (*q == ';' || (*q >= '0' && *q <= '9')) {
			int v = atoi(q);
			if ((v >= 30 && v <= 38) || (v >= 40 && v <= 48) ||
			    (v >= 90 && v <= 107))
				return 1;
			while (*q >= '0' && *q <= '9')
				q++;
			if (*q == ';')
				q++;
		}
	}
	return 0;
}

/* Decomposed input (as some terminals and input methods send it) is
 * recomposed as typed: the cursor stays in the right column, backspace
 * removes a whole letter with its tone, and the saved text is NFC. */
Test(tui, vietnamese_input_nfd_backspace_and_cursor_columns)
{
	struct tx t;
	struct sx_db *db = NULL;
	struct sx_page page = {0};
	struct sx_list_query q = {0};
	int x0;

	fresh_district_db();
	start(&t, 80, 24, NULL);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	tx_keys(&t, "2 n");
	cr_assert(tx_wait(&t, "Thêm mới — Cơ sở sản xuất", WAIT));
	x0 = cursor_x(&t);
	cr_assert_gt(x0, 0);
	/* "Mộc" typed as M, o, U+0302, U+0323, c */
	tx_type(&t, "Mo\xcc\x82\xcc\xa3" "c");
	cr_assert(tx_wait(&t, "Mộc", WAIT), "%s", t.screen);
	cr_assert(wait_cursor(&t, x0 + 3), "cursor at %d, want %d",
		  cursor_x(&t), x0 + 3);
	tx_type(&t, " 中");   /* a wide letter takes two columns */
	cr_assert(wait_cursor(&t, x0 + 6), "cursor at %d", cursor_x(&t));
	tx_keys(&t, "BSpace BSpace BSpace");
	cr_assert(wait_cursor(&t, x0 + 2), "cursor at %d", cursor_x(&t));
	cr_assert(wait_field(&t, "Tên cơ sở *", "Mộ"), "%s", t.screen);
	tx_keys(&t, "BSpace");   /* ộ with both its marks goes at once */
	cr_assert(wait_cursor(&t, x0 + 1), "cursor at %d", cursor_x(&t));
	cr_assert(wait_field(&t, "Tên cơ sở *", "M"), "%s", t.screen);
	/* finish the name, decomposed again, and save */
	tx_type(&t, "o\xcc\x82\xcc\xa3" "c Cha\xcc\x82u");
	tx_keys(&t, "Tab Space Tab Tab");
	tx_type(&t, "1079");
	tx_keys(&t, "Tab m o c");
	cr_assert(tx_wait(&t, "< Thị trấn Mộc Châu >", WAIT), "%s", t.screen);
	tx_keys(&t, "F2");
	cr_assert(tx_wait(&t, "Đã lưu.", WAIT), "%s", t.screen);
	quit_ok(&t);
	tx_stop(&t);
	cr_assert_eq(sx_db_open(db_path, 0, &db, NULL), SX_OK);
	q.kind = SXK_FACILITY;
	cr_assert_eq(record_list(db, &q, &page, NULL), SX_OK);
	cr_assert_eq(page.count, 1);
	cr_assert_str_eq(record_get(page.rows[0], "name"), "Mộc Châu");
	page_release(&page);
	sx_db_close(db);
}

Test(tui, monochrome_terminal_marks_selection_without_colour)
{
	struct tx t;
	char args[700];

	fresh_district_db();
	snprintf(args, sizeof args, "--db %s", db_path);
	tx_start_env(&t, 80, 24, "TERM=vt100", args);
	snprintf(live_sock, sizeof live_sock, "%s", t.sock);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	tx_keys(&t, "9");
	cr_assert(tx_wait(&t, "Người sử dụng", WAIT), "%s", t.screen);
	/* -e keeps the attributes: the selected row is in reverse video */
	tx_sh("tmux -L %s capture-pane -e -p -t t > /dev/null", t.sock);
	{
		char cmd[200], out[16384];
		FILE *p;
		size_t n;
		snprintf(cmd, sizeof cmd, "tmux -L %s capture-pane -e -p -t t",
			 t.sock);
		p = popen(cmd, "r");
		cr_assert_not_null(p);
		n = fread(out, 1, sizeof out - 1, p);
		out[n] = 0;
		pclose(p);
		cr_assert(strstr(out, "\033[7m"), "no reverse video:\n%s", out);
		cr_assert(!has_colour(out), "colour on vt100:\n%s", out);
	}
	/* vt100 has no F10 key: q quits the same way */
	tx_keys(&t, "q");
	cr_assert(tx_wait(&t, "EXIT=0", WAIT), "%s", t.screen);
	tx_stop(&t);
}

static void save_facility(struct sx_db *db, const char *name,
			  const char *commune)
{
	struct sx_record *rec = record_new(SXK_FACILITY);
	struct sx_problems p;

	problems_init(&p);
	record_set(rec, "name", name);
	record_set(rec, "kind", "household");
	record_set(rec, "vsic", "10790");
	record_set(rec, "commune", commune);
	record_set(rec, "status", "active");
	cr_assert_eq(record_save(db, rec, &p, NULL), SX_OK, "%s",
		     p.count ? p.items[0].msg_en : "");
	problems_release(&p);
	record_free(rec);
}

Test(tui, filter_by_commune_narrows_the_list)
{
	struct tx t;
	struct sx_db *db = th_district_db(db_path, sizeof db_path);

	save_facility(db, "Xưởng chè Thị trấn", "03979");
	save_facility(db, "Xưởng chè Chiềng Sơn", "03985");
	sx_db_close(db);
	start(&t, 80, 24, NULL);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	tx_keys(&t, "2");
	cr_assert(tx_wait(&t, "Xưởng chè Thị trấn", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Xưởng chè Chiềng Sơn", WAIT));
	tx_keys(&t, "F4");
	cr_assert(tx_wait(&t, "Lọc danh sách", WAIT), "%s", t.screen);
	tx_type(&t, "chieng");
	cr_assert(tx_wait(&t, "< Xã Chiềng Sơn >", WAIT), "%s", t.screen);
	tx_keys(&t, "F2");
	cr_assert(tx_wait(&t, "Đang lọc", WAIT), "%s", t.screen);
	cr_assert(tx_wait_gone(&t, "Xưởng chè Thị trấn", WAIT), "%s",
		  t.screen);
	cr_assert(tx_wait(&t, "Xưởng chè Chiềng Sơn", WAIT), "%s", t.screen);
	quit_ok(&t);
	tx_stop(&t);
}

static long long live(enum sx_kind kind)
{
	struct sx_db *db = NULL;
	long long counts[SXK_COUNT] = {0};
	cr_assert_eq(sx_db_open(db_path, 0, &db, NULL), SX_OK);
	cr_assert_eq(record_count_all(db, counts, NULL), SX_OK);
	sx_db_close(db);
	return counts[kind];
}

Test(tui, delete_asks_first_then_leaves_a_tombstone)
{
	struct tx t;
	struct sx_db *db = th_district_db(db_path, sizeof db_path);
	struct sx_list_query q = {0};
	struct sx_page page = {0};

	save_facility(db, "Xưởng chè Thị trấn", "03979");
	sx_db_close(db);
	start(&t, 80, 24, NULL);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	tx_keys(&t, "2");
	cr_assert(tx_wait(&t, "Xưởng chè Thị trấn", WAIT), "%s", t.screen);
	tx_keys(&t, "d");
	cr_assert(tx_wait(&t, "Xoá bản ghi này?", WAIT), "%s", t.screen);
	tx_keys(&t, "k");   /* no */
	cr_assert(tx_wait_gone(&t, "Xoá bản ghi này?", WAIT));
	cr_assert_eq(live(SXK_FACILITY), 1);
	tx_keys(&t, "d");
	cr_assert(tx_wait(&t, "Xoá bản ghi này?", WAIT), "%s", t.screen);
	tx_keys(&t, "c");
	cr_assert(tx_wait(&t, "Đã xoá.", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "(chưa có bản ghi nào", WAIT), "%s", t.screen);
	quit_ok(&t);
	tx_stop(&t);
	cr_assert_eq(live(SXK_FACILITY), 0);
	/* a tombstone, not a hard delete */
	cr_assert_eq(sx_db_open(db_path, 0, &db, NULL), SX_OK);
	q.kind = SXK_FACILITY;
	q.include_deleted = 1;
	cr_assert_eq(record_list(db, &q, &page, NULL), SX_OK);
	cr_assert_eq(page.count, 1);
	cr_assert_eq(page.rows[0]->deleted, 1);
	page_release(&page);
	sx_db_close(db);
}

Test(tui, event_links_facilities_and_people_from_searchable_pickers)
{
	struct tx t;
	struct sx_db *db = th_district_db(db_path, sizeof db_path);
	struct sx_record *rec;
	struct sx_problems p;

	save_facility(db, "Xưởng chè Thị trấn", "03979");
	save_facility(db, "Cơ sở tinh bột sắn Chiềng Sơn", "03985");
	problems_init(&p);
	rec = record_new(SXK_PERSON);
	record_set(rec, "name", "Lò Văn Khánh");
	record_set(rec, "role", "collaborator");
	record_set(rec, "active", "1");
	cr_assert_eq(record_save(db, rec, &p, NULL), SX_OK);
	record_free(rec);
	rec = record_new(SXK_EVENT);
	record_set(rec, "type", "training");
	record_set(rec, "title", "Tập huấn sản xuất sạch hơn");
	record_set(rec, "held_on", "2026-08-15");
	cr_assert_eq(record_save(db, rec, &p, NULL), SX_OK);
	record_free(rec);
	problems_release(&p);
	sx_db_close(db);

	start(&t, 80, 24, NULL);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	tx_keys(&t, "4");
	cr_assert(tx_wait(&t, "Tập huấn sản xuất sạch hơn", WAIT));
	tx_keys(&t, "f");
	cr_assert(tx_wait(&t, "› Cơ sở được tuyên truyền", WAIT), "%s",
		  t.screen);
	tx_keys(&t, "n");
	cr_assert(tx_wait(&t, "Chọn: Cơ sở sản xuất", WAIT), "%s", t.screen);
	tx_type(&t, "tinh bot");
	cr_assert(tx_wait_gone(&t, "Xưởng chè Thị trấn", WAIT), "%s",
		  t.screen);
	tx_keys(&t, "Enter");
	cr_assert(tx_wait(&t, "Đã lưu.", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Cơ sở tinh bột sắn Chiềng Sơn", WAIT));
	tx_keys(&t, "Escape");
	cr_assert(tx_wait_gone(&t, "› Cơ sở được tuyên truyền", WAIT));
	tx_keys(&t, "p");
	cr_assert(tx_wait(&t, "› Người được tập huấn", WAIT), "%s",
		  t.screen);
	tx_keys(&t, "n");
	cr_assert(tx_wait(&t, "Chọn: Nhân sự", WAIT), "%s", t.screen);
	tx_type(&t, "khanh");
	tx_keys(&t, "Enter");
	cr_assert(tx_wait(&t, "Đã lưu.", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Lò Văn Khánh", WAIT), "%s", t.screen);
	quit_ok(&t);
	tx_stop(&t);
	cr_assert_eq(live(SXK_EVENT_FACILITY), 1);
	cr_assert_eq(live(SXK_EVENT_PERSON), 1);
}

Test(tui, lang_setting_applies_without_lang_option)
{
	struct tx t;
	struct sx_db *db = th_district_db(db_path, sizeof db_path);

	cr_assert_eq(settings_set(db, "lang", "en", NULL), SX_OK);
	sx_db_close(db);
	start(&t, 80, 24, NULL);
	cr_assert(tx_wait(&t, "Records", WAIT), "%s", t.screen);
	cr_assert(!strstr(t.screen, "Số bản ghi"), "%s", t.screen);
	tx_keys(&t, "F10");
	cr_assert(tx_wait(&t, "EXIT=0", WAIT), "%s", t.screen);
	tx_stop(&t);
	/* --lang wins over the setting */
	start(&t, 80, 24, "--lang vi");
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	quit_ok(&t);
	tx_stop(&t);
}

/* A crash (here a SIGSEGV sent from outside) still gives the terminal
 * back before the process dies. */
Test(tui, fatal_signal_restores_the_terminal)
{
	struct tx t;
	int pid;

	fresh_district_db();
	start(&t, 80, 24, NULL);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	cr_assert_eq(alternate_screen_on(&t), 1);
	pid = tx_app_pid(&t);
	cr_assert_gt(pid, 0);
	kill(pid, SIGSEGV);
	cr_assert(tx_wait(&t, "EXIT=139", WAIT), "%s", t.screen);
	cr_assert_eq(alternate_screen_on(&t), 0);
	tx_stop(&t);
}

Test(tui, assessment_solutions_are_added_from_the_assessment)
{
	struct tx t;
	struct sx_db *db = th_district_db(db_path, sizeof db_path);
	struct sx_list_query q = {0};
	struct sx_page page = {0};
	struct sx_record *rec;
	struct sx_problems p;

	save_facility(db, "Xưởng chè Thị trấn", "03979");
	q.kind = SXK_FACILITY;
	cr_assert_eq(record_list(db, &q, &page, NULL), SX_OK);
	problems_init(&p);
	rec = record_new(SXK_ASSESSMENT);
	record_set(rec, "facility_id", page.rows[0]->uuid);
	record_set(rec, "type", "rapid");
	record_set(rec, "status", "completed");
	record_set(rec, "completed_on", "2026-05-10");
	cr_assert_eq(record_save(db, rec, &p, NULL), SX_OK, "%s",
		     p.count ? p.items[0].msg_en : "");
	record_free(rec);
	problems_release(&p);
	page_release(&page);
	sx_db_close(db);

	start(&t, 80, 24, NULL);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	tx_keys(&t, "5");
	cr_assert(tx_wait(&t, "Xưởng chè Thị trấn", WAIT), "%s", t.screen);
	tx_keys(&t, "g");
	cr_assert(tx_wait(&t, "› Giải pháp SXSH", WAIT), "%s", t.screen);
	tx_keys(&t, "n");
	cr_assert(tx_wait(&t, "Thêm mới — Giải pháp SXSH", WAIT), "%s",
		  t.screen);
	/* the assessment is filled in; the technique by type-ahead */
	tx_keys(&t, "Tab");
	tx_type(&t, "quan ly");
	cr_assert(tx_wait(&t, "< Quản lý nội vi >", WAIT), "%s", t.screen);
	tx_keys(&t, "Tab");
	tx_type(&t, "Che chắn, sửa rò rỉ hơi nước");
	tx_keys(&t, "Tab");
	tx_type(&t, "da thuc");
	cr_assert(tx_wait(&t, "< Đã thực hiện >", WAIT), "%s", t.screen);
	tx_keys(&t, "Tab");
	tx_type(&t, "12/6/2026");
	tx_keys(&t, "Tab");
	tx_type(&t, "15.000.000");
	tx_keys(&t, "Tab");
	tx_type(&t, "1.234,5");
	tx_keys(&t, "F2");
	cr_assert(tx_wait(&t, "Đã lưu.", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Quản lý nội vi", WAIT), "%s", t.screen);
	quit_ok(&t);
	tx_stop(&t);
	cr_assert_eq(sx_db_open(db_path, 0, &db, NULL), SX_OK);
	memset(&q, 0, sizeof q);
	q.kind = SXK_SOLUTION;
	cr_assert_eq(record_list(db, &q, &page, NULL), SX_OK);
	cr_assert_eq(page.count, 1);
	cr_assert_str_eq(record_get(page.rows[0], "implemented_on"),
			 "2026-06-12");
	cr_assert_str_eq(record_get(page.rows[0], "investment_vnd"),
			 "15000000");
	cr_assert_str_eq(record_get(page.rows[0], "saving_kwh"), "1234.5");
	page_release(&page);
	sx_db_close(db);
}

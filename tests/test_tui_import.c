/* test_tui_import.c — the import screen (0) driven through tmux like
 * test_tui.c: a CSV written here is checked (encoding, first rows),
 * confirmed and written; a bad file shows its problem and changes
 * nothing; a legacy encoding is detected and shown converted. */
#include "helpers.h"
#include "tmux/tmux_driver.h"
#include "sxsh/encoding.h"
#include "sxsh/record.h"

#define WAIT 15.0

static char db_path[512];
static char csv_path[512];
static char live_sock[64];

static void kill_tmux(void)
{
	if (live_sock[0])
		tx_sh("tmux -L %s kill-server >/dev/null 2>&1", live_sock);
}

TestSuite(tui_import, .fini = kill_tmux);

/* A district database and a CSV beside it holding text (in enc). */
static void setup_files(const char *text, enum sx_encoding enc)
{
	struct sx_db *db = th_district_db(db_path, sizeof db_path);
	char *bytes = NULL, *slash;
	size_t n = 0;
	FILE *f;

	sx_db_close(db);
	snprintf(csv_path, sizeof csv_path, "%s", db_path);
	slash = strrchr(csv_path, '/');
	cr_assert_not_null(slash);
	snprintf(slash + 1, sizeof csv_path - (size_t)(slash + 1 - csv_path),
		 "co-so.csv");
	cr_assert_eq(encoding_from_utf8(text, enc, &bytes, &n, NULL), SX_OK);
	f = fopen(csv_path, "wb");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(bytes, 1, n, f), n);
	fclose(f);
	free(bytes);
}

static void start(struct tx *t, const char *extra)
{
	char args[1024];
	snprintf(args, sizeof args, "--db %s %s", db_path, extra ? extra : "");
	tx_start(t, 80, 24, args);
	snprintf(live_sock, sizeof live_sock, "%s", t->sock);
}

static void counts(long long out[SXK_COUNT])
{
	struct sx_db *db = NULL;
	memset(out, 0, SXK_COUNT * sizeof out[0]);
	cr_assert_eq(sx_db_open(db_path, 0, &db, NULL), SX_OK);
	cr_assert_eq(record_count_all(db, out, NULL), SX_OK);
	sx_db_close(db);
}

static long long facility_count(void)
{
	long long c[SXK_COUNT];
	counts(c);
	return c[SXK_FACILITY];
}

/* Opens the import screen, types the file and checks it. */
static void open_and_check(struct tx *t, const char *title)
{
	tx_keys(t, "0");
	cr_assert(tx_wait(t, title, WAIT), "%s", t->screen);
	tx_keys(t, "Tab");
	tx_type(t, csv_path);
	tx_keys(t, "Enter");
}

/* Quits (F10, yes) and expects a clean exit; ask is the question in the
 * language of the run. */
static void quit_ok(struct tx *t, const char *ask)
{
	tx_keys(t, "F10");
	cr_assert(tx_wait(t, ask, WAIT), "%s", t->screen);
	tx_keys(t, "y");
	cr_assert(tx_wait(t, "EXIT=0", WAIT), "%s", t->screen);
}

static const char good_csv[] =
	"Tên cơ sở;Loại hình;Mã số thuế;Mã ngành;Xã;Địa chỉ\r\n"
	"Công ty TNHH Chè Mộc Châu;Doanh nghiệp;;1079;Thị trấn Mộc Châu;"
	"Tiểu khu 4\r\n"
	"Hợp tác xã Chè Tân Lập;Hợp tác xã;;1079;03985;\r\n";

Test(tui_import, preview_then_confirm_writes_and_duplicates_update)
{
	struct tx t;

	setup_files(good_csv, SXE_UTF8);
	start(&t, NULL);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	open_and_check(&t, "Nhập dữ liệu từ tệp CSV — Cơ sở sản xuất");
	cr_assert(tx_wait(&t, "Bảng mã: UTF-8 (Unicode) — tự nhận biết",
			  WAIT), "%s", t.screen);
	cr_assert(strstr(t.screen, "Phân cách ';' · 2 dòng dữ liệu · 6 cột"),
		  "%s", t.screen);
	cr_assert(strstr(t.screen, "Các dòng đầu, đã chuyển mã:"), "%s",
		  t.screen);
	cr_assert(strstr(t.screen, "Doanh nghiệp"), "%s", t.screen);
	cr_assert(strstr(t.screen, "Không có lỗi: sẽ thêm mới 2, cập nhật 0, "
			 "bỏ qua 0."), "%s", t.screen);
	/* checked, not written */
	cr_assert_eq(facility_count(), 0);
	tx_keys(&t, "Enter");
	cr_assert(tx_wait(&t, "Ghi 2 dòng vào Cơ sở sản xuất", WAIT), "%s",
		  t.screen);
	cr_assert_eq(facility_count(), 0);
	tx_keys(&t, "c");
	cr_assert(tx_wait(&t, "Đã nhập: thêm mới 2, cập nhật 0, bỏ qua "
			  "(trùng) 0, bị loại 0.", WAIT), "%s", t.screen);
	cr_assert_eq(facility_count(), 2);
	/* the facilities screen shows them (read again after the import) */
	tx_keys(&t, "2");
	cr_assert(tx_wait(&t, "Hợp tác xã Chè Tân Lập", WAIT), "%s",
		  t.screen);
	cr_assert(strstr(t.screen, "Công ty TNHH Chè Mộc Châu"), "%s",
		  t.screen);

	/* the same file again: both rows are duplicates, skipped unless
	 * the officer switches to update */
	tx_keys(&t, "0");
	cr_assert(tx_wait(&t, "Enter hoặc Esc: nhập tệp khác", WAIT), "%s",
		  t.screen);
	tx_keys(&t, "Enter");
	cr_assert(tx_wait_gone(&t, "Đã nhập:", WAIT), "%s", t.screen);
	tx_keys(&t, "Enter");   /* the path is kept: check it again */
	cr_assert(tx_wait(&t, "Dòng trùng: 2 — cách xử lý: bỏ qua dòng trùng",
			  WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "sẽ thêm mới 0, cập nhật 0, bỏ qua 2.", WAIT),
		  "%s", t.screen);
	tx_keys(&t, "d");
	cr_assert(tx_wait(&t, "cách xử lý: cập nhật bản ghi đã có", WAIT),
		  "%s", t.screen);
	cr_assert(tx_wait(&t, "sẽ thêm mới 0, cập nhật 2, bỏ qua 0.", WAIT),
		  "%s", t.screen);
	tx_keys(&t, "Enter");
	cr_assert(tx_wait(&t, "Ghi 2 dòng", WAIT), "%s", t.screen);
	tx_keys(&t, "c");
	cr_assert(tx_wait(&t, "Đã nhập: thêm mới 0, cập nhật 2", WAIT), "%s",
		  t.screen);
	quit_ok(&t, "Thoát chương trình?");
	tx_stop(&t);
	cr_assert_eq(facility_count(), 2);
	/* the command line finds them too */
	cr_assert_eq(th_system("%s --db %s search 'tan lap' | grep -q "
			       "'Hợp tác xã Chè Tân Lập'", th_bin(), db_path),
		     0);
}

Test(tui_import, bad_file_shows_the_problem_and_changes_nothing)
{
	struct tx t;
	long long before[SXK_COUNT], after[SXK_COUNT];

	/* line 3 has one column too few */
	setup_files("Tên cơ sở;Loại hình;Mã số thuế;Mã ngành;Xã\n"
		    "Cơ sở chè Chiềng Sơn;Doanh nghiệp;;1079;03985\n"
		    "Cơ sở sắn Mường Sang;Doanh nghiệp;1079;03985\n",
		    SXE_UTF8);
	counts(before);
	start(&t, NULL);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	open_and_check(&t, "Nhập dữ liệu từ tệp CSV");
	cr_assert(tx_wait(&t, "Lỗi: 1 — chưa ghi gì", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "dòng 3: có 4 cột", WAIT), "%s", t.screen);
	/* confirming is refused */
	tx_keys(&t, "Enter");
	cr_assert(tx_wait(&t, "Tệp còn lỗi nên chưa ghi gì", WAIT), "%s",
		  t.screen);
	cr_assert(!strstr(t.screen, "Ghi 1 dòng"), "%s", t.screen);
	quit_ok(&t, "Thoát chương trình?");
	tx_stop(&t);
	counts(after);
	cr_assert_arr_eq(before, after, sizeof before);
}

Test(tui_import, vni_file_is_detected_and_shown_converted_in_english)
{
	struct tx t;

	setup_files("Tên cơ sở;Loại hình;Mã ngành;Xã\n"
		    "Cơ sở chế biến chè Đức Thịnh;Hộ kinh doanh;1079;03985\n"
		    "Xưởng mộc Mường Sang;Hộ kinh doanh;1629;03985\n",
		    SXE_VNI);
	start(&t, "--lang en");
	cr_assert(tx_wait(&t, "Records", WAIT), "%s", t.screen);
	open_and_check(&t, "Import from a CSV file — Facilities");
	cr_assert(tx_wait(&t, "Encoding: VNI-Windows", WAIT), "%s", t.screen);
	cr_assert(strstr(t.screen, "— detected"), "%s", t.screen);
	cr_assert(strstr(t.screen, "Cơ sở chế biến chè Đức"), "%s", t.screen);
	cr_assert(strstr(t.screen, "No problems: will add 2"), "%s",
		  t.screen);
	/* a wrong encoding chosen by hand is shown as chosen */
	tx_keys(&t, "e");
	cr_assert(tx_wait(&t, "Encoding: UTF-8 (Unicode) — chosen", WAIT),
		  "%s", t.screen);
	tx_keys(&t, "Escape");
	cr_assert(tx_wait(&t, "CSV file", WAIT), "%s", t.screen);
	quit_ok(&t, "Quit the program?");
	tx_stop(&t);
	cr_assert_eq(facility_count(), 0);
}

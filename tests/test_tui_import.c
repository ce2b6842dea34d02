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
		tx_kill_server(live_sock);
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

/* Quits (F10; nothing unsaved, so no question) and expects a clean
 * exit. */
static void quit_ok(struct tx *t)
{
	tx_keys(t, "F10");
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
	quit_ok(&t);
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
	quit_ok(&t);
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
	quit_ok(&t);
	tx_stop(&t);
	cr_assert_eq(facility_count(), 0);
}

/* b leaves the bad rows out: the check shows what the good rows would do
 * and where the bad ones go; confirming writes the good rows and a CSV of
 * the bad ones with the reason beside the file. */
Test(tui_import, bad_rows_left_out_go_to_a_rejected_file)
{
	struct tx t;
	char rejected[600], *slash, line[1200];
	FILE *f;
	int found = 0;

	setup_files("Tên cơ sở;Loại hình;Mã ngành;Xã\n"
		    "Cơ sở chè Chiềng Sơn;Doanh nghiệp;1079;03985\n"
		    "Xưởng sắn Mường Sang;Doanh nghiệp;99999;03985\n"
		    "Lò gạch Tân Lập;Hộ kinh doanh;2392;03985\n",
		    SXE_UTF8);
	snprintf(rejected, sizeof rejected, "%s", csv_path);
	slash = strrchr(rejected, '/');
	cr_assert_not_null(slash);
	snprintf(slash + 1, sizeof rejected - (size_t)(slash + 1 - rejected),
		 "co-so.rejected.csv");
	start(&t, NULL);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	open_and_check(&t, "Nhập dữ liệu từ tệp CSV");
	cr_assert(tx_wait(&t, "b: chỉ ghi các dòng đúng, bỏ các dòng lỗi",
			  WAIT), "%s", t.screen);
	cr_assert(strstr(t.screen, "dòng 3"), "%s", t.screen);
	tx_keys(&t, "b");
	cr_assert(tx_wait(&t, "Bỏ 1 dòng lỗi (b: thôi): sẽ thêm mới 2, cập "
			  "nhật 0, bỏ qua 0.", WAIT), "%s", t.screen);
	cr_assert(strstr(t.screen, "Các dòng lỗi sẽ ghi vào: "
			 "co-so.rejected.csv (cùng thư mục)"), "%s", t.screen);
	/* the bad row is still listed, and b undoes the choice */
	cr_assert(strstr(t.screen, "dòng 3"), "%s", t.screen);
	tx_keys(&t, "b");
	cr_assert(tx_wait(&t, "Lỗi: 1 — chưa ghi gì", WAIT), "%s", t.screen);
	tx_keys(&t, "b");
	cr_assert(tx_wait(&t, "Bỏ 1 dòng lỗi", WAIT), "%s", t.screen);
	cr_assert_eq(facility_count(), 0);
	cr_assert_eq(access(rejected, F_OK), -1, "nothing written yet");
	tx_keys(&t, "Enter");
	cr_assert(tx_wait(&t, "và loại 1 dòng lỗi?", WAIT), "%s", t.screen);
	tx_keys(&t, "c");
	cr_assert(tx_wait(&t, "Đã nhập: thêm mới 2, cập nhật 0, bỏ qua "
			  "(trùng) 0, bị loại 1.", WAIT), "%s", t.screen);
	cr_assert(strstr(t.screen, "Các dòng bị loại đã ghi vào: "
			 "co-so.rejected.csv"), "%s", t.screen);
	quit_ok(&t);
	tx_stop(&t);
	cr_assert_eq(facility_count(), 2);
	f = fopen(rejected, "r");
	cr_assert_not_null(f, "%s", rejected);
	while (fgets(line, sizeof line, f))
		if (strstr(line, "Xưởng sắn Mường Sang") &&
		    strstr(line, "99999"))
			found++;
	fclose(f);
	cr_assert_eq(found, 1, "the bad row, once, with its values");
}

/* A large file shows how far the check and the write have got; the
 * screen is not frozen blank for the seconds they take. */
Test(tui_import, large_file_shows_progress_while_checking_and_writing)
{
	enum { ROWS = 8000 };
	struct tx t;
	size_t cap = ROWS * 80 + 100, len = 0;
	char *csv = malloc(cap);

	cr_assert_not_null(csv);
	len += (size_t)snprintf(csv, cap, "Tên cơ sở;Loại hình;Mã ngành;Xã\n");
	for (int i = 0; i < ROWS; i++)
		len += (size_t)snprintf(csv + len, cap - len,
					"Xưởng chè Tân Lập số %d;Hộ kinh doanh;"
					"1079;03985\n", i + 1);
	setup_files(csv, SXE_UTF8);
	free(csv);
	start(&t, NULL);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	open_and_check(&t, "Nhập dữ liệu từ tệp CSV");
	cr_assert(tx_wait(&t, "Đang kiểm tra ", WAIT), "%s", t.screen);
	cr_assert(strstr(t.screen, "/8.000 dòng"), "%s", t.screen);
	cr_assert(tx_wait(&t, "Không có lỗi: sẽ thêm mới 8.000", 60), "%s",
		  t.screen);
	tx_keys(&t, "Enter");
	cr_assert(tx_wait(&t, "Ghi 8.000 dòng", WAIT), "%s", t.screen);
	tx_keys(&t, "c");
	cr_assert(tx_wait(&t, "Đang ghi ", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Đã nhập: thêm mới 8.000", 60), "%s", t.screen);
	quit_ok(&t);
	tx_stop(&t);
	cr_assert_eq(facility_count(), ROWS);
}

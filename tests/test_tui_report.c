/* test_tui_report.c — screen 7 (Báo cáo) in tmux: p saves the report as
 * PDF and printable HTML in a folder the officer can change, by default
 * the documents folder; d compares revisions; the province's answer on
 * the dashboard (whole reason, a opens it) and the dashboard's layout at
 * 60×20 and 80×24 (nothing cut: deadline, operator, sync, counts). */
#include <jansson.h>
#include <signal.h>
#include "report_fixture.h"
#include "tmux/tmux_driver.h"
#include "sxsh/report_draft.h"
#include "sxsh/text.h"
#include "sxsh/period.h"
#include "sxsh/report.h"
#include "sxsh/settings.h"

#define WAIT 20.0

static char db_path[512];
static char live_sock[64];

static void kill_tmux(void)
{
	if (live_sock[0])
		tx_kill_server(live_sock);
}

TestSuite(tui_report, .fini = kill_tmux);

Test(tui_report, p_saves_pdf_and_html_to_documents_or_a_chosen_folder)
{
	struct tx t;
	char home[300], env[700], args[700], other[400];
	struct sx_db *db = th_district_db(db_path, sizeof db_path);

	sx_db_close(db);
	snprintf(home, sizeof home, "%s", th_tmpdir());
	cr_assert_eq(th_system("mkdir -p '%s/Documents' '%s/in ấn'", home,
			       home), 0);
	snprintf(other, sizeof other, "%s/in ấn", home);
	snprintf(env, sizeof env, "HOME='%s' XDG_DOCUMENTS_DIR=", home);
	snprintf(args, sizeof args, "--db '%s'", db_path);
	tx_start_env(&t, 80, 24, env, args);
	snprintf(live_sock, sizeof live_sock, "%s", t.sock);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	tx_keys(&t, "7");
	cr_assert(tx_wait(&t, "PDF/In", WAIT), "%s", t.screen);
	tx_keys(&t, "Left");
	tx_keys(&t, "p");
	cr_assert(tx_wait(&t, "vào thư mục:", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "/Documents", WAIT), "%s", t.screen);
	/* typing in the folder prompt does not switch screens */
	tx_keys(&t, "End");
	tx_type(&t, "1");
	tx_keys(&t, "BSpace");
	tx_keys(&t, "Enter");
	cr_assert(tx_wait(&t, "Đã lưu", WAIT), "%s", t.screen);
	/* the period before today's: its draft */
	cr_assert_eq(th_system("ls '%s/Documents' | grep -q "
			       "'^bao-cao-sxsh-.*\\.pdf$'", home), 0);
	cr_assert_eq(th_system("ls '%s/Documents' | grep -q "
			       "'^bao-cao-sxsh-.*\\.html$'", home), 0);
	cr_assert_eq(th_system("f=$(ls '%s'/Documents/*.pdf) && head -c 5 "
			       "\"$f\" | grep -q '%%PDF-' && pdftotext -enc "
			       "UTF-8 \"$f\" - | grep -q 'CỘNG HÒA XÃ HỘI CHỦ "
			       "NGHĨA VIỆT NAM'", home), 0);
	cr_assert_eq(th_system("grep -q 'DỰ THẢO' '%s'/Documents/*.html",
			       home), 0);
	/* another folder, typed; a missing one is refused and kept open */
	tx_keys(&t, "p");
	cr_assert(tx_wait(&t, "vào thư mục:", WAIT), "%s", t.screen);
	tx_keys(&t, "C-u");
	tx_type(&t, "/khong/co/thu/muc");
	tx_keys(&t, "Enter");
	cr_assert(tx_wait(&t, "Thư mục không tồn tại", WAIT), "%s", t.screen);
	tx_keys(&t, "Enter");
	cr_assert(tx_wait(&t, "vào thư mục:", WAIT), "%s", t.screen);
	tx_keys(&t, "C-u");
	tx_type(&t, other);
	tx_keys(&t, "Enter");
	cr_assert(tx_wait(&t, "Đã lưu", WAIT), "%s", t.screen);
	cr_assert_eq(th_system("ls '%s' | grep -c 'bao-cao-sxsh' | grep -q "
			       "'^2$'", other), 0);
	tx_keys(&t, "F10");
	cr_assert(tx_wait(&t, "EXIT=0", WAIT), "%s", t.screen);
	tx_stop(&t);
	live_sock[0] = '\0';
}

/* d compares: after a finalised revision and a narrative line typed in
 * the editor, the draft against revision 1 shows the new line. */
Test(tui_report, d_shows_what_changed_since_the_last_revision)
{
	struct tx t;
	char args[700];
	struct sx_db *db = th_district_db(db_path, sizeof db_path);

	sx_db_close(db);
	snprintf(args, sizeof args, "--db '%s'", db_path);
	tx_start(&t, 80, 24, args);
	snprintf(live_sock, sizeof live_sock, "%s", t.sock);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	tx_keys(&t, "7");
	cr_assert(tx_wait(&t, "d:\u00a0so\u00a0sánh", WAIT), "%s", t.screen);
	tx_keys(&t, "Left");
	tx_keys(&t, "d");
	cr_assert(tx_wait(&t, "chưa có bản nào được chốt để so sánh", WAIT),
		  "%s", t.screen);
	tx_keys(&t, "Enter");
	tx_keys(&t, "f");
	cr_assert(tx_wait(&t, "cảnh báo? Bản đã chốt", WAIT), "%s", t.screen);
	tx_keys(&t, "c");
	cr_assert(tx_wait(&t, "Bản 1: đã chốt", WAIT), "%s", t.screen);
	tx_keys(&t, "d");
	cr_assert(tx_wait(&t, "bản 1 → bản nháp", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Không có thay đổi.", WAIT), "%s", t.screen);
	tx_keys(&t, "v");
	cr_assert(tx_wait(&t, "Phần nhận xét của báo cáo", WAIT), "%s",
		  t.screen);
	tx_type(&t, "Đã hỗ trợ 12 cơ sở chè");
	tx_keys(&t, "F2");
	cr_assert(tx_wait(&t, "Bản 1: đã chốt", WAIT), "%s", t.screen);
	tx_keys(&t, "d");
	cr_assert(tx_wait(&t, "Kết quả thực hiện: + Đã hỗ trợ 12 cơ sở chè",
			  WAIT), "%s", t.screen);
	tx_keys(&t, "F10");
	cr_assert(tx_wait(&t, "EXIT=0", WAIT), "%s", t.screen);
	tx_stop(&t);
	live_sock[0] = '\0';
}

/* A district whose report of the period before today's was returned
 * with a long reason; the operator has a long name.  *period gets the
 * returned period's name. */
static const char reason[] = "Thiếu số liệu tiêu thụ năng lượng của bảy cơ "
	"sở chế biến chè; đề nghị bổ sung trước ngày 20 và gửi lại bản "
	"mới kèm danh sách cơ sở đã tiếp cận (hết lý do)";

static void returned_report_db(char period[8])
{
	struct sx_db *db = th_district_db(db_path, sizeof db_path);
	struct sx_period now, prev;
	struct sx_report_rev rev;
	struct sx_error err = {0};
	char today[11];

	sx_today(today);
	cr_assert_eq(period_containing(today, SX_PERIOD_S1, SX_RULE_CALENDAR,
				       &now, NULL), SX_OK);
	cr_assert_eq(period_previous(&now, &prev, NULL), SX_OK);
	snprintf(period, 8, "%s", prev.name);
	cr_assert_eq(settings_set(db, "operator", "Nguyễn Thị Thanh Hương",
				  &err), SX_OK);
	cr_assert_eq(report_finalise(db, prev.name, &rev, &err), SX_OK, "%s",
		     err.msg);
	cr_assert_eq(report_submit(db, prev.name, &rev, &err), SX_OK);
	cr_assert_eq(report_set_status(db, rev.id, "returned", reason, NULL,
				       &err), SX_OK, "%s", err.msg);
	sx_db_close(db);
}

/* The dashboard's text of a screen capture with line breaks and the
 * indent of wrapped lines squeezed to single spaces. */
static void squeeze(const char *screen, char *out, size_t n)
{
	size_t k = 0;

	for (const char *p = screen; *p && k + 1 < n; p++) {
		int space = *p == ' ' || *p == '\n';
		if (space && k && out[k - 1] == ' ')
			continue;
		out[k++] = space ? ' ' : *p;
	}
	out[k] = '\0';
}

Test(tui_report, dashboard_shows_the_returned_report_whole_and_a_opens_it)
{
	struct tx t;
	char args[700], period[8], flat[32768], line[200];

	returned_report_db(period);
	snprintf(args, sizeof args, "--db '%s'", db_path);
	tx_start(&t, 80, 24, args);
	snprintf(live_sock, sizeof live_sock, "%s", t.sock);
	snprintf(line, sizeof line, "Tỉnh trả lại báo cáo kỳ %s (bản 1)",
		 period);
	cr_assert(tx_wait(&t, line, WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	/* the whole reason, wrapped */
	squeeze(tx_settle(&t), flat, sizeof flat);
	cr_assert_not_null(strstr(flat, "Lý do: Thiếu số liệu tiêu thụ"),
			   "%s", t.screen);
	cr_assert_not_null(strstr(flat, "đã tiếp cận (hết lý do)"), "%s",
			   t.screen);
	/* at 80×24 the counts keep their labels whole */
	cr_assert_not_null(strstr(t.screen, "Tiêu thụ năng lượng, nguyên "
				  "liệu"), "%s", t.screen);
	cr_assert_not_null(strstr(t.screen, "Nguyễn Thị Thanh Hương"), "%s",
			   t.screen);
	tx_keys(&t, "a");
	cr_assert(tx_wait(&t, "Bản 1: tỉnh trả lại", WAIT), "%s", t.screen);
	snprintf(line, sizeof line, "kỳ %s", period);
	cr_assert(tx_wait(&t, line, WAIT), "%s", t.screen);
	/* the sync screen says it too */
	tx_keys(&t, "8");
	snprintf(line, sizeof line, "Tỉnh trả lại báo cáo kỳ %s (bản 1): xem "
		 "lý do ở Tổng quan", period);
	cr_assert(tx_wait(&t, line, WAIT), "%s", t.screen);
	tx_keys(&t, "F10");
	cr_assert(tx_wait(&t, "EXIT=0", WAIT), "%s", t.screen);
	tx_stop(&t);
	live_sock[0] = '\0';
}

/* At 60×20: the deadline with its year, the operator's whole name and
 * the sync lines whole; with a returned report its reason stays whole
 * and the counts give way. */
Test(tui_report, dashboard_at_60x20_cuts_nothing)
{
	struct tx t;
	char args[700], period[8], flat[32768];
	struct sx_db *db = th_district_db(db_path, sizeof db_path);
	struct sx_error err = {0};

	cr_assert_eq(settings_set(db, "operator", "Nguyễn Thị Thanh Hương",
				  &err), SX_OK);
	sx_db_close(db);
	snprintf(args, sizeof args, "--db '%s'", db_path);
	tx_start(&t, 60, 20, args);
	snprintf(live_sock, sizeof live_sock, "%s", t.sock);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "T4", WAIT), "%s", t.screen);
	tx_settle(&t);
	cr_assert_not_null(strstr(t.screen, "Nguyễn Thị Thanh Hương"), "%s",
			   t.screen);
	cr_assert_eq(th_system("printf '%%s' '%s' | grep -Eq 'hạn nộp( báo "
			       "cáo)? [0-9]{2}/[0-9]{2}/[0-9]{4}'", t.screen),
		     0, "%s", t.screen);
	cr_assert_null(strstr(t.screen, "…"), "something cut: %s", t.screen);
	cr_assert(strstr(t.screen, "xung đột"), "%s", t.screen);
	cr_assert(strstr(t.screen, "Tiêu thụ năng lượng, nguyên liệu"), "%s",
		  t.screen);
	tx_keys(&t, "F10");
	cr_assert(tx_wait(&t, "EXIT=0", WAIT), "%s", t.screen);
	tx_stop(&t);

	returned_report_db(period);
	snprintf(args, sizeof args, "--db '%s'", db_path);
	tx_start(&t, 60, 20, args);
	snprintf(live_sock, sizeof live_sock, "%s", t.sock);
	cr_assert(tx_wait(&t, "Tỉnh trả lại báo cáo", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "T4", WAIT), "%s", t.screen);
	squeeze(tx_settle(&t), flat, sizeof flat);
	cr_assert_not_null(strstr(flat, "đã tiếp cận (hết lý do)"), "%s",
			   t.screen);
	cr_assert(strstr(t.screen, "xung đột"), "%s", t.screen);
	tx_keys(&t, "F10");
	cr_assert(tx_wait(&t, "EXIT=0", WAIT), "%s", t.screen);
	tx_stop(&t);
	live_sock[0] = '\0';
}

/* The figures of the fixture's report that the preview shows, formatted
 * as the preview does, one per line in out: every count and amount of
 * the events (by type, total, each annex row), the solutions by
 * technique (count, investment and saving in đồng, kWh) and T1/T4. */
static void expected_figures(const char *json, char *out, size_t n)
{
	json_error_t jerr;
	json_t *doc = json_loads(json, 0, &jerr), *v, *row;
	const json_t *ind = json_object_get(doc, "indicators");
	const char *k;
	size_t i, len = 0;
	char b[64];

	cr_assert_not_null(doc);
#define ADD_INT(x) do { text_format_int(x, b, sizeof b);                   \
		len += (size_t)snprintf(out + len, n - len, "%s\n", b); } while (0)
	json_object_foreach(json_object_get(json_object_get(ind, "events"),
					    "by_type"), k, v) {
		if (!json_integer_value(json_object_get(v, "count")))
			continue;
		ADD_INT(json_integer_value(json_object_get(v, "count")));
		ADD_INT(json_integer_value(json_object_get(v,
							   "participants")));
		ADD_INT(json_integer_value(json_object_get(v, "cost_vnd")));
	}
	json_object_foreach(json_object_get(json_object_get(ind,
							    "solutions"),
					    "by_technique"), k, v) {
		if (!json_integer_value(json_object_get(v, "implemented")))
			continue;
		ADD_INT(json_integer_value(json_object_get(v,
							   "investment_vnd")));
		ADD_INT(json_integer_value(json_object_get(v, "saving_vnd")));
		ADD_INT((long long)atof(json_string_value(json_object_get(
			v, "kwh"))));
	}
	json_array_foreach(json_object_get(json_object_get(doc, "annexes"),
					   "events"), i, row) {
		ADD_INT(json_integer_value(json_object_get(row, "cost_vnd")));
		ADD_INT(json_integer_value(json_object_get(row,
							   "participants")));
	}
#undef ADD_INT
	const json_t *t1 = json_object_get(ind, "T1"),
		     *t4 = json_object_get(ind, "T4");
	len += (size_t)snprintf(out + len, n - len, "%lld/%lld\n%lld/%lld\n",
		(long long)json_integer_value(json_object_get(t1, "numerator")),
		(long long)json_integer_value(json_object_get(t1,
							      "denominator")),
		(long long)json_integer_value(json_object_get(t4, "numerator")),
		(long long)json_integer_value(json_object_get(t4,
							      "denominator")));
	json_decref(doc);
}

/* Every figure of the report can be read at 80×24: the preview scrolls
 * down and sideways and cuts no figure (it showed 12.500.00 before). */
Test(tui_report, preview_shows_every_figure_scrolled_at_80x24)
{
	struct tx t;
	struct rfx fx;
	struct sx_error err = {0};
	char args[700], expected[8192], *json = NULL;
	static char seen[1 << 20];
	size_t seen_len = 0;
	struct sx_db *db = th_district_db(db_path, sizeof db_path);

	rfx_build(db, &fx);
	cr_assert_eq(report_build(db, "2017S1", &json, NULL, &err), SX_OK);
	expected_figures(json, expected, sizeof expected);
	free(json);
	sx_db_close(db);
	snprintf(args, sizeof args, "--db '%s'", db_path);
	tx_start(&t, 80, 24, args);
	snprintf(live_sock, sizeof live_sock, "%s", t.sock);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	tx_keys(&t, "7");
	cr_assert(tx_wait(&t, "kỳ ", WAIT), "%s", t.screen);
	for (int i = 0; i < 40 && !strstr(tx_settle(&t), "kỳ 2017S1"); i++)
		tx_keys(&t, "Left");
	cr_assert(strstr(t.screen, "kỳ 2017S1"), "%s", t.screen);
	tx_keys(&t, "b");
	cr_assert(tx_wait(&t, "cuộn ngang", WAIT), "the preview is wider than "
		  "the screen: %s", t.screen);
	/* each sideways position, every page down */
	for (int side = 0; side < 4; side++) {
		char before[32768] = "";
		for (int page = 0; page < 30; page++) {
			const char *now = tx_settle(&t);
			if (!strcmp(now, before))
				break;
			snprintf(before, sizeof before, "%s", now);
			seen_len += (size_t)snprintf(seen + seen_len,
						     sizeof seen - seen_len,
						     "%s\n", now);
			tx_keys(&t, "PageDown");
		}
		for (int page = 0; page < 30; page++)
			tx_keys(&t, "PageUp");
		tx_keys(&t, "'>'");
	}
	for (char *line = expected, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		*nl = '\0';
		cr_assert_not_null(strstr(seen, line), "figure %s not shown",
				   line);
	}
	/* the annex line's cost that was cut at 80 columns */
	cr_assert_not_null(strstr(seen, "8.000.000 đ"));
	tx_keys(&t, "F10");
	cr_assert(tx_wait(&t, "EXIT=0", WAIT), "%s", t.screen);
	tx_stop(&t);
	live_sock[0] = '\0';
}

static int narrative_draft_exists(void)
{
	struct sx_db *db = NULL;
	char period[8], *texts[3] = {0};
	int found;

	cr_assert_eq(sx_db_open(db_path, 0, &db, NULL), SX_OK);
	found = report_draft_get(db, period, texts, NULL) == SX_OK;
	for (int i = 0; i < 3; i++)
		free(texts[i]);
	sx_db_close(db);
	return found;
}

/* The narrative being typed survives kill -9: it is offered back at the
 * next start, opens in the editor and can be saved; "no" drops it. */
Test(tui_report, narrative_survives_kill_9)
{
	struct tx t;
	char args[700], *text = NULL, period[8];
	struct sx_db *db = th_district_db(db_path, sizeof db_path);
	struct sx_period now;
	char today[11];
	double end;
	int pid;

	sx_db_close(db);
	sx_today(today);
	cr_assert_eq(period_containing(today, SX_PERIOD_S1, SX_RULE_CALENDAR,
				       &now, NULL), SX_OK);
	snprintf(period, sizeof period, "%s", now.name);
	snprintf(args, sizeof args, "--db '%s'", db_path);
	tx_start(&t, 80, 24, args);
	snprintf(live_sock, sizeof live_sock, "%s", t.sock);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	tx_keys(&t, "7");
	cr_assert(tx_wait(&t, "d:\u00a0so\u00a0sánh", WAIT), "%s", t.screen);
	tx_keys(&t, "v");
	cr_assert(tx_wait(&t, "Phần nhận xét của báo cáo", WAIT), "%s",
		  t.screen);
	tx_type(&t, "Hỗ trợ 7 cơ sở chè áp dụng SXSH");
	cr_assert(tx_wait(&t, "áp dụng SXSH", WAIT), "%s", t.screen);
	end = tx_now() + WAIT;
	while (!narrative_draft_exists() && tx_now() < end)
		usleep(50000);
	cr_assert(narrative_draft_exists(), "no draft written while typing");
	pid = tx_app_pid(&t);
	cr_assert_gt(pid, 0);
	kill(pid, SIGKILL);
	cr_assert(tx_wait(&t, "EXIT=137", WAIT), "%s", t.screen);
	tx_stop(&t);

	/* offered back; yes opens it; F2 saves it into the report */
	tx_start(&t, 80, 24, args);
	snprintf(live_sock, sizeof live_sock, "%s", t.sock);
	cr_assert(tx_wait(&t, "chưa lưu", WAIT), "%s", t.screen);
	tx_keys(&t, "c");
	cr_assert(tx_wait(&t, "Phần nhận xét của báo cáo", WAIT), "%s",
		  t.screen);
	cr_assert(tx_wait(&t, "Hỗ trợ 7 cơ sở chè áp dụng SXSH", WAIT), "%s",
		  t.screen);
	tx_keys(&t, "F2");
	cr_assert(tx_wait(&t, "Đã lưu", WAIT), "%s", t.screen);
	tx_keys(&t, "F10");
	cr_assert(tx_wait(&t, "EXIT=0", WAIT), "%s", t.screen);
	tx_stop(&t);
	cr_assert(!narrative_draft_exists(), "draft kept after saving");
	cr_assert_eq(sx_db_open(db_path, 0, &db, NULL), SX_OK);
	text = report_narrative_get(db, period, "results");
	cr_assert_not_null(text);
	cr_assert_str_eq(text, "Hỗ trợ 7 cơ sở chè áp dụng SXSH");
	free(text);
	/* a draft answered "no" is gone, and not asked again */
	const char *texts[3] = {"Nháp bỏ đi", "", ""};
	cr_assert_eq(report_draft_save(db, period, texts, NULL), SX_OK);
	sx_db_close(db);
	tx_start(&t, 80, 24, args);
	snprintf(live_sock, sizeof live_sock, "%s", t.sock);
	cr_assert(tx_wait(&t, "chưa lưu", WAIT), "%s", t.screen);
	tx_keys(&t, "k");
	cr_assert(tx_wait_gone(&t, "chưa lưu", WAIT), "%s", t.screen);
	tx_keys(&t, "F10");
	cr_assert(tx_wait(&t, "EXIT=0", WAIT), "%s", t.screen);
	tx_stop(&t);
	live_sock[0] = '\0';
	cr_assert(!narrative_draft_exists(), "draft kept after no");
}

/* f lists every warning before finalising; Enter opens a finding's
 * records one by one in their form; c then asks the question. */
Test(tui_report, findings_listed_before_finalising_and_open_records)
{
	struct tx t;
	struct rfx fx;
	char args[700];
	struct sx_db *db = th_district_db(db_path, sizeof db_path);

	rfx_build(db, &fx);
	sx_db_close(db);
	snprintf(args, sizeof args, "--db '%s'", db_path);
	tx_start(&t, 80, 24, args);
	snprintf(live_sock, sizeof live_sock, "%s", t.sock);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	tx_keys(&t, "7");
	cr_assert(tx_wait(&t, "kỳ ", WAIT), "%s", t.screen);
	for (int i = 0; i < 40 && !strstr(tx_settle(&t), "kỳ 2017S1"); i++)
		tx_keys(&t, "Left");
	tx_keys(&t, "f");
	cr_assert(tx_wait(&t, "Kiểm tra trước khi chốt kỳ 2017S1", WAIT),
		  "%s", t.screen);
	cr_assert(tx_wait(&t, "chưa có số liệu tiêu thụ năm 2016", WAIT), "%s",
		  t.screen);
	cr_assert(tx_wait(&t, "c: vẫn chốt", WAIT), "%s", t.screen);
	/* the first finding's first record, in its form */
	tx_keys(&t, "Enter");
	cr_assert(tx_wait(&t, "Bản ghi 1/", WAIT), "%s", t.screen);
	cr_assert(tx_wait(&t, "Tên cơ sở", WAIT), "%s", t.screen);
	tx_keys(&t, "Escape");
	cr_assert(tx_wait(&t, "Kiểm tra trước khi chốt kỳ 2017S1", WAIT),
		  "%s", t.screen);
	tx_keys(&t, "Enter");
	cr_assert(tx_wait(&t, "Bản ghi 2/", WAIT), "%s", t.screen);
	tx_keys(&t, "Escape");
	cr_assert(tx_wait(&t, "c: vẫn chốt", WAIT), "%s", t.screen);
	/* Esc goes back without finalising; f and c ask the question */
	tx_keys(&t, "Escape");
	cr_assert(tx_wait(&t, "Chưa có bản nào được chốt", WAIT), "%s",
		  t.screen);
	tx_keys(&t, "f");
	cr_assert(tx_wait(&t, "c: vẫn chốt", WAIT), "%s", t.screen);
	tx_keys(&t, "c");
	cr_assert(tx_wait(&t, "cảnh báo? Bản đã chốt", WAIT), "%s", t.screen);
	tx_keys(&t, "c");
	cr_assert(tx_wait(&t, "Bản 1: đã chốt", WAIT), "%s", t.screen);
	tx_keys(&t, "F10");
	cr_assert(tx_wait(&t, "EXIT=0", WAIT), "%s", t.screen);
	tx_stop(&t);
	live_sock[0] = '\0';
}

/* At 60×20 the key bar has no room for f: screen 7's own key line is then
 * the only place that names it, so it wraps between keys instead of being
 * cut ("f: …").  The dashboard of a period in no plan (2026: the shipped
 * plan ended in 2020) says so above its four "/ –". */
Test(tui_report, keys_whole_at_60_columns_and_no_plan_said)
{
	struct tx t;
	char args[700];
	struct sx_db *db = th_district_db(db_path, sizeof db_path);

	sx_db_close(db);
	snprintf(args, sizeof args, "--db '%s'", db_path);
	tx_start(&t, 60, 20, args);
	snprintf(live_sock, sizeof live_sock, "%s", t.sock);
	cr_assert(tx_wait(&t, "Số bản ghi", WAIT), "%s", t.screen);
	/* the figures come from a child process, after the first paint */
	cr_assert(tx_wait(&t, "kỳ này không thuộc kế hoạch nào", WAIT), "%s",
		  t.screen);
	tx_keys(&t, "7");
	cr_assert(tx_wait(&t, "PDF/in", WAIT), "%s", t.screen);
	cr_assert(strstr(t.screen, "f:\u00a0chốt"), "%s", t.screen);
	cr_assert(strstr(t.screen, "s:\u00a0gửi\u00a0tỉnh"), "%s", t.screen);
	cr_assert(!strstr(t.screen, "…"), "%s", t.screen);
	tx_keys(&t, "F10");
	cr_assert(tx_wait(&t, "EXIT=0", WAIT), "%s", t.screen);
	tx_stop(&t);
	live_sock[0] = '\0';
}

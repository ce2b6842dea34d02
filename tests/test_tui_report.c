/* test_tui_report.c — screen 7 (Báo cáo) in tmux: p saves the report as
 * PDF and printable HTML in a folder the officer can change, by default
 * the documents folder. */
#include "helpers.h"
#include "tmux/tmux_driver.h"

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

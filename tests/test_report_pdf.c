/* test_report_pdf.c — the report as PDF: an A4 document whose text layer
 * (read back with poppler's pdftotext) has the national header, the
 * district's name and the figures in NFC, even from decomposed input;
 * markup characters in user text stay text; and the command line writes
 * it with -o. */
#include <jansson.h>
#include <utf8proc.h>
#include "report_fixture.h"
#include "sxsh/report.h"
#include "sxsh/savedir.h"

static struct sx_db *db;
static struct rfx fx;
static char path[512];

static void setup(void)
{
	db = th_district_db(path, sizeof path);
	rfx_build(db, &fx);
}

static void teardown(void)
{
	sx_db_close(db);
}

TestSuite(report_pdf, .init = setup, .fini = teardown);

static char *build(const char *period)
{
	struct sx_error err = {0};
	char *json = NULL;

	cr_assert_eq(report_build(db, period, &json, NULL, &err), SX_OK, "%s",
		     err.msg);
	return json;
}

/* Renders json as PDF into dir/name and returns pdftotext's text of it
 * (malloc'd), white space squeezed to single spaces. */
static char *pdf_text(const char *json, const char *dir, const char *name,
		      size_t *pdf_size)
{
	struct sx_error err = {0};
	struct sx_render_opts o = {"vi", "2017-06-20", "finalised", NULL};
	char *pdf = NULL, file[600], txt[620];
	size_t len = 0;

	cr_assert_eq(report_render(json, SX_REPORT_PDF, &o, &pdf, &len, &err),
		     SX_OK, "%s", err.msg);
	cr_assert_gt(len, 1000);
	cr_assert_eq(memcmp(pdf, "%PDF-", 5), 0);
	th_path(file, sizeof file, dir, name);
	FILE *f = fopen(file, "wb");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(pdf, 1, len, f), len);
	fclose(f);
	free(pdf);
	if (pdf_size)
		*pdf_size = len;
	snprintf(txt, sizeof txt, "%s.txt", file);
	cr_assert_eq(th_system("pdftotext -enc UTF-8 '%s' '%s'", file, txt), 0,
		     "pdftotext (poppler-utils) failed");
	size_t n = 0;
	char *text = (char *)th_read_file(txt, &n);
	text = realloc(text, n + 1);
	cr_assert_not_null(text);
	text[n] = '\0';
	/* a table cell may wrap: runs of white space become one space */
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		int space = text[i] == ' ' || text[i] == '\n' ||
			    text[i] == '\f';
		if (space && (k == 0 || text[k - 1] == ' '))
			continue;
		text[k++] = space ? ' ' : text[i];
	}
	text[k] = '\0';
	return text;
}

static void has(const char *hay, const char *needle)
{
	cr_assert_not_null(strstr(hay, needle), "missing in the PDF text: %s",
			   needle);
}

static void is_nfc(const char *text)
{
	utf8proc_uint8_t *nfc = NULL;

	cr_assert_geq(utf8proc_map((const utf8proc_uint8_t *)text, 0, &nfc,
				   UTF8PROC_NULLTERM | UTF8PROC_STABLE |
				   UTF8PROC_COMPOSE), 0);
	cr_assert_str_eq((const char *)nfc, text, "the PDF text is not NFC");
	free(nfc);
}

Test(report_pdf, a4_document_with_header_signature_and_figures)
{
	char *json = build("2017S1");
	size_t size = 0;
	char *text = pdf_text(json, th_tmpdir(), "r.pdf", &size);

	has(text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	has(text, "Độc lập - Tự do - Hạnh phúc");
	has(text, "HUYỆN MỘC CHÂU");
	has(text, "PHÒNG KINH TẾ VÀ HẠ TẦNG");
	has(text, "Mộc Châu, ngày 20 tháng 6 năm 2017");
	has(text, "BÁO CÁO");
	has(text, "Kính gửi: Sở Công Thương tỉnh Sơn La.");
	has(text, "II. KHÓ KHĂN, VƯỚNG MẮC");
	has(text, "Nơi nhận:");
	has(text, "TRƯỞNG PHÒNG");
	has(text, "PHỤ LỤC 2");
	/* the hand-worked figures of the fixture, Vietnamese format */
	has(text, "8/13");
	has(text, "61,5%");
	has(text, "35.500.000");
	has(text, "300.000.000");
	has(text, "79,571");
	has(text, "740.000");
	has(text, "Tham quan mô hình chè");
	is_nfc(text);
	cr_assert_lt(size, 500 * 1024);
	free(text);
	free(json);
}

/* The page is A4 (595 × 842 points) in portrait. */
Test(report_pdf, page_is_a4)
{
	char *json = build("2017S1");
	const char *dir = th_tmpdir();
	char *text = pdf_text(json, dir, "a4.pdf", NULL);
	char cmd[800];

	snprintf(cmd, sizeof cmd, "pdfinfo '%s/a4.pdf' | grep -q "
		 "'^Page size: *595.276 x 841.89 pts (A4)'", dir);
	cr_assert_eq(th_system("%s", cmd), 0, "not A4");
	free(text);
	free(json);
}

/* Decomposed letters (as some keyboards and pasted text give them) and
 * markup characters come out as NFC text, not as markup. */
Test(report_pdf, decomposed_and_markup_text_come_out_as_nfc_text)
{
	char *json = build("2017S1");
	json_error_t jerr;
	json_t *doc = json_loads(json, 0, &jerr);
	/* "Mộc Châu" with o + U+0323 + U+0302 and a + U+0302 */
	const char *nfd_name = "Huyện Mo\xcc\xa3\xcc\x82" "c Cha\xcc\x82u";

	cr_assert_not_null(doc);
	json_object_set_new(json_object_get(doc, "district"), "name",
			    json_string(nfd_name));
	json_object_set_new(json_object_get(doc, "narrative"), "results",
			    json_string("Chi phí <b>& lãi</b> \"tốt\"\n"
					"Dòng hai"));
	char *changed = json_dumps(doc, JSON_PRESERVE_ORDER | JSON_COMPACT);
	char *text = pdf_text(changed, th_tmpdir(), "nfd.pdf", NULL);

	has(text, "HUYỆN MỘC CHÂU");
	has(text, "Mộc Châu, ngày 20 tháng 6 năm 2017");
	has(text, "Chi phí <b>& lãi</b> \"tốt\"");
	has(text, "Dòng hai");
	is_nfc(text);
	free(text);
	free(changed);
	json_decref(doc);
	free(json);
}

/* A long narrative goes on over the next pages instead of being cut. */
Test(report_pdf, long_narrative_flows_over_pages)
{
	char *json = build("2017S1");
	json_error_t jerr;
	json_t *doc = json_loads(json, 0, &jerr);
	char *para = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&para, &n);

	for (int i = 1; i <= 120; i++)
		fprintf(f, "Đoạn %d: hỗ trợ cơ sở chế biến chè áp dụng giải pháp "
			"tiết kiệm năng lượng.\n", i);
	fclose(f);
	json_object_set_new(json_object_get(doc, "narrative"), "results",
			    json_string(para));
	char *changed = json_dumps(doc, JSON_PRESERVE_ORDER | JSON_COMPACT);
	const char *dir = th_tmpdir();
	char *text = pdf_text(changed, dir, "long.pdf", NULL);

	has(text, "Đoạn 1:");
	has(text, "Đoạn 60:");
	has(text, "Đoạn 120:");
	has(text, "TRƯỞNG PHÒNG");
	cr_assert_eq(th_system("pdfinfo '%s/long.pdf' | grep -Eq "
			       "'^Pages: +([5-9]|[1-9][0-9])$'", dir), 0,
		     "120 paragraphs should take five pages or more");
	free(text);
	free(changed);
	free(para);
	json_decref(doc);
	free(json);
}

Test(report_pdf, cli_writes_the_pdf_with_o)
{
	const char *bin = th_bin();
	char out[600];

	if (access(bin, X_OK) != 0)
		cr_skip_test("no sxsh binary at %s", bin);
	sx_db_close(db);
	db = NULL;
	th_path(out, sizeof out, th_tmpdir(), "cli.pdf");
	cr_assert_eq(th_system("'%s' --db '%s' report build --period 2017S1 "
			       "--format pdf -o '%s'", bin, path, out), 0);
	cr_assert_eq(th_system("pdftotext -enc UTF-8 '%s' - | grep -q "
			       "'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'", out), 0);
	cr_assert_eq(th_system("pdftotext -enc UTF-8 '%s' - | grep -q "
			       "'DỰ THẢO'", out), 0, "a draft says so");
	/* an unknown format is refused with the list, and writes nothing */
	cr_assert_eq(th_system("'%s' --db '%s' report build --period 2017S1 "
			       "--format docx -o '%s.x' 2>&1 | grep -q pdf",
			       bin, path, out), 0);
	cr_assert_neq(th_system("test -e '%s.x'", out), 0);
}

/* The default folder: a mounted folder under a media root wins, then
 * the documents folder (environment, user-dirs.dirs, ~/Documents), then
 * home. */
Test(report_pdf, default_folder_prefers_a_stick_then_documents)
{
	char home[300], out[4096], saved_home[1024] = "";
	const char *none[] = {NULL};
	const char *root[] = {"/", NULL};   /* /dev, /proc… are mounts */
	const char *h = getenv("HOME");

	if (h)
		snprintf(saved_home, sizeof saved_home, "%s", h);
	snprintf(home, sizeof home, "%s", th_tmpdir());
	setenv("HOME", home, 1);
	unsetenv("XDG_DOCUMENTS_DIR");
	cr_assert_eq(savedir_default(none, out, sizeof out), 0);
	cr_assert_str_eq(out, home);
	cr_assert_eq(th_system("mkdir -p '%s/Documents' '%s/Tài liệu' "
			       "'%s/.config'", home, home, home), 0);
	cr_assert_eq(savedir_default(none, out, sizeof out), 0);
	cr_assert(strstr(out, "/Documents"), "%s", out);
	cr_assert_eq(th_system("printf 'XDG_DOCUMENTS_DIR=\"$HOME/Tài liệu\"\\n'"
			       " > '%s/.config/user-dirs.dirs'", home), 0);
	cr_assert_eq(savedir_default(none, out, sizeof out), 0);
	cr_assert(strstr(out, "/Tài liệu"), "%s", out);
	setenv("XDG_DOCUMENTS_DIR", home, 1);
	cr_assert_eq(savedir_default(none, out, sizeof out), 0);
	cr_assert_str_eq(out, home);
	/* a folder that is a mount point under the root is taken first */
	cr_assert_eq(savedir_default(root, out, sizeof out), 1);
	cr_assert_neq(strcmp(out, home), 0);
	if (saved_home[0])
		setenv("HOME", saved_home, 1);
	unsetenv("XDG_DOCUMENTS_DIR");
}

/* Saving writes both files whole; a folder that does not exist is
 * refused and nothing is written. */
Test(report_pdf, save_report_writes_pdf_and_html)
{
	struct sx_error err = {0};
	char pdf[4096], html[4096];
	const char *dir = th_tmpdir();
	int saved_html = 0;

	cr_assert_eq(savedir_save_report(db, "2017S1", dir, pdf, html,
					 &saved_html, &err), SX_OK, "%s",
		     err.msg);
	cr_assert_eq(saved_html, 1);
	cr_assert(strstr(pdf, "/bao-cao-sxsh-2017S1.pdf"), "%s", pdf);
	cr_assert_eq(th_system("head -c 5 '%s' | grep -q '%%PDF-'", pdf), 0);
	cr_assert_eq(th_system("grep -q 'CỘNG HÒA XÃ HỘI' '%s'", html), 0);
	cr_assert_eq(savedir_save_report(db, "2017S1", "/khong/co", pdf, html,
					 &saved_html, &err), SX_INVALID);
	cr_assert_eq(saved_html, 0);
}

/* test_import.c — CSV reading and the importer: good files, bad files
 * (clear message, exit 2, database unchanged), duplicates, round trips. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sxsh/csvread.h"

struct collected {
	int rows;
	char cells[16][8][64];
	int counts[16];
	long lines[16];
};

static enum sx_err collect(const struct csvread_row *row, void *arg,
			   struct sx_error *err)
{
	struct collected *c = arg;
	(void)err;
	if (c->rows < 16) {
		for (int i = 0; i < row->count && i < 8; i++)
			snprintf(c->cells[c->rows][i], 64, "%s",
				 row->fields[i]);
		c->counts[c->rows] = row->count;
		c->lines[c->rows] = row->line;
	}
	c->rows++;
	return SX_OK;
}

static enum sx_err parse(const char *s, struct collected *c,
			 struct sx_error *err)
{
	memset(c, 0, sizeof *c);
	return csvread_parse(s, strlen(s), NULL, collect, c, NULL, err);
}

Test(csvread, reads_semicolons_quotes_newlines_crlf_and_bom)
{
	struct collected c;
	struct sx_error err = {0};
	const char *s = "\xEF\xBB\xBFname;address;phone\r\n"
			"\"Công ty A; chi nhánh\";\"Số 1\r\nTổ 2\";0212\r\n"
			"\"He said \"\"hi\"\"\";x;\r\n";
	cr_assert_eq(parse(s, &c, &err), SX_OK, "%s", err.msg);
	cr_assert_eq(c.rows, 3);
	cr_assert_str_eq(c.cells[0][0], "name");
	cr_assert_str_eq(c.cells[1][0], "Công ty A; chi nhánh");
	cr_assert_str_eq(c.cells[1][1], "Số 1\r\nTổ 2");
	cr_assert_str_eq(c.cells[2][0], "He said \"hi\"");
	cr_assert_str_eq(c.cells[2][2], "");
	cr_assert_eq(c.lines[2], 4, "row after a two-line field starts on "
		     "line 4, got %ld", c.lines[2]);
}

Test(csvread, reads_commas)
{
	struct collected c;
	cr_assert_eq(parse("a,b\n1,\"2,5\"\n", &c, NULL), SX_OK);
	cr_assert_str_eq(c.cells[1][1], "2,5");
	cr_assert_eq(c.counts[1], 2);
}

Test(csvread, honours_an_excel_sep_line)
{
	struct collected c;
	struct sx_error err = {0};
	cr_assert_eq(csvread_guess_delim("sep=;\r\na,b;c\r\n", 16), ';');
	cr_assert_eq(parse("sep=;\r\na,b;c\r\n1;2\r\n3;4;5\r\n", &c, &err),
		     SX_INVALID);
	cr_assert_str_eq(c.cells[0][0], "a,b");
	cr_assert_eq(c.lines[0], 2);
	cr_assert(strstr(err.msg, "line 4"), "%s", err.msg);
}

Test(csvread, drops_trailing_empty_cells)
{
	struct collected c;
	cr_assert_eq(parse("a;b;;\n1;2;;;\n", &c, NULL), SX_OK);
	cr_assert_eq(c.counts[0], 2);
	cr_assert_eq(c.counts[1], 2);
}

Test(csvread, refuses_a_wrong_column_count_with_its_line)
{
	struct collected c;
	struct sx_error err = {0};
	cr_assert_eq(parse("a;b;c\n1;2;3\n\n4;5\n", &c, &err), SX_INVALID);
	cr_assert(strstr(err.msg, "line 4"), "%s", err.msg);
	cr_assert(strstr(err.msg_vi, "dòng 4"), "%s", err.msg_vi);
}

Test(csvread, refuses_unbalanced_quotes)
{
	struct collected c;
	struct sx_error err = {0};
	cr_assert_eq(parse("a;b\n1;\"2\n3;4\n", &c, &err), SX_INVALID);
	cr_assert(strstr(err.msg, "line 2"), "%s", err.msg);
	memset(&err, 0, sizeof err);
	cr_assert_eq(parse("a;b\n1;2\"x\"\n", &c, &err), SX_INVALID);
	cr_assert(strstr(err.msg, "quote"), "%s", err.msg);
}

Test(csvread, refuses_empty_and_header_only_files)
{
	struct collected c;
	struct sx_error err = {0};
	cr_assert_eq(parse("", &c, &err), SX_INVALID);
	cr_assert(strstr(err.msg, "empty"), "%s", err.msg);
	cr_assert_eq(parse("\xEF\xBB\xBF\r\n", &c, &err), SX_INVALID);
	cr_assert(strstr(err.msg, "empty"), "%s", err.msg);
	cr_assert_eq(parse("name;kind\r\n", &c, &err), SX_INVALID);
	cr_assert(strstr(err.msg, "only a header"), "%s", err.msg);
}

Test(csvread, refuses_a_10_mb_field)
{
	size_t n = 10u * 1024 * 1024;
	char *s = malloc(n + 64);
	struct collected c;
	struct sx_error err = {0};
	cr_assert_not_null(s);
	strcpy(s, "a;b\n1;");
	memset(s + 6, 'x', n);
	strcpy(s + 6 + n, "\n");
	cr_assert_eq(csvread_parse(s, strlen(s), NULL, collect, &c, NULL,
				   &err), SX_INVALID);
	cr_assert(strstr(err.msg, "longer than"), "%s", err.msg);
	/* and quoted, running to the end of the file */
	s[6] = '"';
	memset(&err, 0, sizeof err);
	cr_assert_eq(csvread_parse(s, strlen(s), NULL, collect, &c, NULL,
				   &err), SX_INVALID);
	cr_assert(strstr(err.msg, "line 2"), "%s", err.msg);
	free(s);
}

/* ---- the importer ------------------------------------------------------- */

#include <sqlite3.h>
#include <sys/stat.h>
#include "helpers.h"
#include "sxsh/encoding.h"
#include "sxsh/import.h"
#include "sxsh/record.h"

/* Valid tax codes (check digit computed) for the fixtures. */
#define TAX_A "5501000017"
#define TAX_B "5501000024"
#define TAX_C "5501000031"

static const char *facilities_csv =
	"STT;tên cơ sở;loại hình;mã số thuế;mã ngành;xã;địa chỉ;điện thoại;"
	"số lao động;có tiềm năng SXSH;nguy cơ ô nhiễm;tình trạng\r\n"
	"1;Công ty TNHH Tinh bột sắn Mộc Châu;Doanh nghiệp;" TAX_A ";10620;"
	"Xã Chiềng Sơn;\"Bản Áng,\r\ntổ 3\";0212 3866 123;45;x;có;"
	"Đang hoạt động\r\n"
	"2;Hợp tác xã chè Tân Lập;hợp tác xã;" TAX_B ";1076;03985;;;12;;"
	"không;active\r\n"
	"3;Hộ kinh doanh Đường Mường Thanh;household;;1072;chieng son;;;3;"
	"1;0;\r\n";

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f, "cannot write %s", path);
	cr_assert_eq(fwrite(data, 1, len, f), len);
	fclose(f);
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;
	if (!f)
		return strdup("");
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	cr_assert_not_null(buf);
	cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static long count_kind(struct sx_db *db, enum sx_kind kind)
{
	long long counts[SXK_COUNT];
	cr_assert_eq(record_count_all(db, counts, NULL), SX_OK);
	return (long)counts[kind];
}

static struct sx_record *find_by_name(struct sx_db *db, const char *name)
{
	struct sx_list_query q = {0};
	struct sx_page page = {0};
	struct sx_record *found = NULL;
	q.kind = SXK_FACILITY;
	q.limit = 100;
	cr_assert_eq(record_list(db, &q, &page, NULL), SX_OK);
	for (int i = 0; i < page.count; i++)
		if (!strcmp(record_get(page.rows[i], "name"), name))
			found = record_dup(page.rows[i]);
	page_release(&page);
	return found;
}

static enum sx_err import_text(struct sx_db *db, const char *data,
			       size_t len, struct import_opts *o,
			       struct import_result *res, struct sx_error *err)
{
	o->kind = o->kind ? o->kind : SXK_FACILITY;
	return import_data(db, data, len, o, res, err);
}

Test(import, reads_a_semicolon_file_with_vietnamese_headers)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct import_opts o = {0};
	struct import_result res;
	struct sx_error err = {0};
	struct sx_record *r;

	cr_assert_eq(import_text(db, facilities_csv, strlen(facilities_csv),
				 &o, &res, &err), SX_OK, "%s / %s", err.msg,
		     res.nproblems ? res.problems[0].msg_en : "");
	cr_assert_eq(res.inserted, 3);
	import_result_release(&res);
	cr_assert_eq(count_kind(db, SXK_FACILITY), 3);
	r = find_by_name(db, "Công ty TNHH Tinh bột sắn Mộc Châu");
	cr_assert_not_null(r);
	cr_assert_str_eq(record_get(r, "kind"), "enterprise");
	cr_assert_str_eq(record_get(r, "commune"), "03985");
	cr_assert_str_eq(record_get(r, "cp_potential"), "1");
	cr_assert_str_eq(record_get(r, "pollution_risk"), "1");
	cr_assert_str_eq(record_get(r, "status"), "active");
	record_free(r);
	r = find_by_name(db, "Hộ kinh doanh Đường Mường Thanh");
	cr_assert_not_null(r);
	cr_assert_str_eq(record_get(r, "commune"), "03985");
	cr_assert_str_eq(record_get(r, "status"), "active", "default");
	record_free(r);
	r = find_by_name(db, "Hợp tác xã chè Tân Lập");
	cr_assert_str_eq(record_get(r, "cp_potential"), "0", "blank is no");
	record_free(r);
	sx_db_close(db);
}

Test(import, reads_every_legacy_encoding_alike)
{
	for (int e = SXE_CP1258; e <= SXE_VNI_IN_UTF8; e++) {
		char path[512];
		struct sx_db *db = th_district_db(path, sizeof path);
		struct import_opts o = {0};
		struct import_result res;
		struct sx_error err = {0};
		char *bytes = NULL;
		size_t len = 0;
		struct sx_record *r;

		cr_assert_eq(encoding_from_utf8(facilities_csv, e, &bytes,
						&len, &err), SX_OK, "%s",
			     err.msg);
		cr_assert_eq(import_text(db, bytes, len, &o, &res, &err),
			     SX_OK, "%s: %s", encoding_name(e), err.msg);
		cr_assert_eq(res.encoding, e, "detected %s for %s",
			     encoding_name(res.encoding), encoding_name(e));
		import_result_release(&res);
		r = find_by_name(db, "Hộ kinh doanh Đường Mường Thanh");
		cr_assert_not_null(r, "%s", encoding_name(e));
		record_free(r);
		free(bytes);
		sx_db_close(db);
	}
}

Test(import, refuses_a_whole_file_for_one_bad_row)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct import_opts o = {0};
	struct import_result res;
	struct sx_error err = {0};
	const char *csv = "name,kind,tax_code,vsic,commune\n"
			  "A,enterprise," TAX_A ",10620,03985\n"
			  "B,enterprise,5501000018,10620,03985\n"
			  "C,nonsense," TAX_C ",99999,03985\n";

	cr_assert_eq(import_text(db, csv, strlen(csv), &o, &res, &err),
		     SX_INVALID);
	cr_assert_eq(res.inserted, 1, "counted, then rolled back");
	cr_assert_eq(res.nproblems, 3, "every problem: %d", res.nproblems);
	cr_assert_eq(res.problems[0].line, 3);
	cr_assert_eq(res.problems[0].column, 3);
	cr_assert_str_eq(res.problems[0].header, "tax_code");
	cr_assert_eq(res.problems[1].line, 4);
	cr_assert_eq(res.problems[1].column, 2);
	cr_assert_eq(res.problems[2].column, 4);
	import_result_release(&res);
	cr_assert_eq(count_kind(db, SXK_FACILITY), 0, "nothing written");
	sx_db_close(db);
}

Test(import, skip_invalid_writes_good_rows_and_rejects_the_rest)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct import_opts o = {0};
	struct import_result res;
	struct sx_error err = {0};
	const char *csv = "name;kind;tax_code;vsic;commune\n"
			  "A;enterprise;" TAX_A ";10620;03985\n"
			  "B;enterprise;5501000018;10620;03985\n";

	o.skip_invalid = 1;
	cr_assert_eq(import_text(db, csv, strlen(csv), &o, &res, &err), SX_OK,
		     "%s", err.msg);
	cr_assert_eq(res.inserted, 1);
	cr_assert_eq(res.rejected, 1);
	cr_assert_not_null(res.rejected_csv);
	cr_assert(strstr(res.rejected_csv, "B;enterprise;5501000018"),
		  "%s", res.rejected_csv);
	cr_assert(strstr(res.rejected_csv, "reason"), "%s", res.rejected_csv);
	import_result_release(&res);
	cr_assert_eq(count_kind(db, SXK_FACILITY), 1);
	sx_db_close(db);
}

Test(import, dry_run_writes_nothing)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct import_opts o = {0};
	struct import_result res;

	o.dry_run = 1;
	cr_assert_eq(import_text(db, facilities_csv, strlen(facilities_csv),
				 &o, &res, NULL), SX_OK);
	cr_assert_eq(res.inserted, 3);
	import_result_release(&res);
	cr_assert_eq(count_kind(db, SXK_FACILITY), 0);
	sx_db_close(db);
}

Test(import, refuses_unknown_and_missing_columns)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct import_opts o = {0};
	struct import_result res;
	struct sx_error err = {0};
	const char *csv = "tên cơ sở;màu sắc\nA;đỏ\n";

	cr_assert_eq(import_text(db, csv, strlen(csv), &o, &res, &err),
		     SX_INVALID);
	cr_assert_geq(res.nproblems, 2);
	cr_assert_eq(res.problems[0].line, 1);
	cr_assert_eq(res.problems[0].column, 2);
	cr_assert(strstr(res.problems[0].msg_en, "màu sắc"), "%s",
		  res.problems[0].msg_en);
	cr_assert(strstr(res.problems[1].msg_en, "missing required column"),
		  "%s", res.problems[1].msg_en);
	import_result_release(&res);
	sx_db_close(db);
}

static enum import_dup_policy answer_skip(const struct import_duplicate *d,
					  int n, void *arg)
{
	(void)d;
	*(int *)arg = n;
	return IMPORT_DUP_SKIP;
}

Test(import, handles_duplicates_by_each_policy)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct import_opts o = {0};
	struct import_result res;
	struct sx_error err = {0};
	struct sx_record *r;
	int asked = 0;
	/* same tax code as A; same name and commune as B (no tax code);
	 * and a row repeating an earlier row of the same file */
	const char *again =
		"name;kind;tax_code;vsic;commune;employees\n"
		"A renamed;enterprise;" TAX_A ";10620;03985;99\n"
		"hop tac xa che tan lap;cooperative;;1076;Chiềng Sơn;77\n"
		"New one;enterprise;" TAX_C ";10620;03985;5\n"
		"New one again;enterprise;" TAX_C ";10620;03985;6\n";
	const char *first =
		"name;kind;tax_code;vsic;commune;employees\n"
		"A;enterprise;" TAX_A ";10620;03985;1\n"
		"Hợp tác xã chè Tân Lập;cooperative;;1076;03985;2\n";

	cr_assert_eq(import_text(db, first, strlen(first), &o, &res, &err),
		     SX_OK, "%s", err.msg);
	import_result_release(&res);

	/* no policy and no one to ask: refused, nothing written */
	cr_assert_eq(import_text(db, again, strlen(again), &o, &res, &err),
		     SX_INVALID);
	cr_assert_eq(res.ndups, 3, "dups: %d", res.ndups);
	cr_assert_eq(res.dups[0].line, 2);
	cr_assert_eq(res.dups[2].line, 5);
	cr_assert(strstr(res.dups[2].existing, "line 4: New one"), "%s",
		  res.dups[2].existing);
	/* each says why, and names the record it repeats */
	cr_assert_str_eq(res.dups[0].reason_vi, "cùng mã số thuế");
	cr_assert_str_eq(res.dups[0].existing, "A");
	cr_assert_str_eq(res.dups[1].reason_en,
			 "same name in the same commune");
	cr_assert_str_eq(res.dups[1].existing, "Hợp tác xã chè Tân Lập");
	cr_assert_str_eq(res.dups[2].reason_en, "same tax code");
	import_result_release(&res);
	cr_assert_eq(count_kind(db, SXK_FACILITY), 2);

	/* asked: skip */
	o.ask_duplicates = answer_skip;
	o.arg = &asked;
	cr_assert_eq(import_text(db, again, strlen(again), &o, &res, &err),
		     SX_OK, "%s", err.msg);
	cr_assert_eq(asked, 3);
	cr_assert_eq(res.skipped, 3);
	cr_assert_eq(res.inserted, 1);
	import_result_release(&res);
	cr_assert_eq(count_kind(db, SXK_FACILITY), 3);
	r = find_by_name(db, "A");
	cr_assert_not_null(r, "skip keeps the record");
	cr_assert_str_eq(record_get(r, "employees"), "1");
	record_free(r);

	/* update */
	o.ask_duplicates = NULL;
	o.on_duplicate = IMPORT_DUP_UPDATE;
	cr_assert_eq(import_text(db, again, strlen(again), &o, &res, &err),
		     SX_OK, "%s", err.msg);
	cr_assert_eq(res.updated, 4, "updated %ld", res.updated);
	cr_assert_eq(res.inserted, 0);
	import_result_release(&res);
	cr_assert_eq(count_kind(db, SXK_FACILITY), 3, "never a second copy");
	r = find_by_name(db, "A renamed");
	cr_assert_not_null(r);
	cr_assert_str_eq(record_get(r, "employees"), "99");
	record_free(r);
	r = find_by_name(db, "New one again");
	cr_assert_not_null(r, "the later row updates the earlier one");
	record_free(r);
	sx_db_close(db);
}

Test(import, resolves_facilities_by_tax_code_or_name)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct import_opts o = {0};
	struct import_result res;
	struct sx_error err = {0};
	const char *cons = "facility;year;electricity_kwh;coal_t;output_t\n"
			   TAX_A ";2017;1.234.567,5;12,5;300\n"
			   "hop tac xa che tan lap;2017;1000;;20\n"
			   "Nobody;2017;1;;1\n";
	const char *assess = "cơ sở;loại đánh giá;tình trạng;ngày bắt đầu;"
			     "ngày hoàn thành\n"
			     TAX_A ";rapid;completed;02/05/2017;20/06/2017\n";

	cr_assert_eq(import_text(db, facilities_csv, strlen(facilities_csv),
				 &o, &res, &err), SX_OK);
	import_result_release(&res);
	o.kind = SXK_CONSUMPTION;
	cr_assert_eq(import_text(db, cons, strlen(cons), &o, &res, &err),
		     SX_INVALID);
	cr_assert_eq(res.nproblems, 1);
	cr_assert_eq(res.problems[0].line, 4);
	cr_assert(strstr(res.problems[0].msg_en, "Nobody"), "%s",
		  res.problems[0].msg_en);
	import_result_release(&res);
	o.skip_invalid = 1;
	cr_assert_eq(import_text(db, cons, strlen(cons), &o, &res, &err),
		     SX_OK, "%s", err.msg);
	cr_assert_eq(res.inserted, 2);
	import_result_release(&res);
	o.kind = SXK_ASSESSMENT;
	o.skip_invalid = 0;
	cr_assert_eq(import_text(db, assess, strlen(assess), &o, &res, &err),
		     SX_OK, "%s %s", err.msg,
		     res.nproblems ? res.problems[0].msg_en : "");
	import_result_release(&res);
	cr_assert_eq(count_kind(db, SXK_ASSESSMENT), 1);
	sx_db_close(db);
}

/* ---- bad files through the real binary ---------------------------------- */

struct cli_case {
	const char *name;
	const char *data;
	size_t len;
	const char *expect;   /* in the English message */
};

static void expect_refused(const char *db_path, const char *dir,
			   const struct cli_case *c)
{
	char file[600], errf[600], before[600], after[600];
	char *b, *a, *msg;
	int st;

	th_path(file, sizeof file, dir, c->name);
	th_path(errf, sizeof errf, dir, "stderr.txt");
	th_path(before, sizeof before, dir, "before.csv");
	th_path(after, sizeof after, dir, "after.csv");
	write_file(file, c->data, c->len);
	cr_assert_eq(th_system("%s --db '%s' export facilities -o '%s' "
			       "2>/dev/null", th_bin(), db_path, before), 0);
	st = th_system("%s --db '%s' --lang en import facilities '%s' "
		       "</dev/null >/dev/null 2>'%s'", th_bin(), db_path,
		       file, errf);
	msg = read_all(errf);
	cr_expect_eq(st, 2, "%s: exit %d, stderr: %s", c->name, st, msg);
	cr_expect(strstr(msg, c->expect) != NULL, "%s: wanted \"%s\" in: %s",
		  c->name, c->expect, msg);
	cr_assert_eq(th_system("%s --db '%s' export facilities -o '%s' "
			       "2>/dev/null", th_bin(), db_path, after), 0);
	b = read_all(before);
	a = read_all(after);
	cr_expect_str_eq(a, b, "%s: database changed", c->name);
	free(a);
	free(b);
	free(msg);
}

Test(import_cli, refuses_bad_files_with_exit_2_and_no_change)
{
	char db_path[512], dir[512];
	struct sx_db *db = th_district_db(db_path, sizeof db_path);
	struct import_opts o = {0};
	struct import_result res;
	size_t big = 10u * 1024 * 1024;
	char *huge = malloc(big + 200);
	static const char ok_rows[] = "name;kind;tax_code;vsic;commune\n"
				      "A;enterprise;" TAX_A ";10620;03985\n";

	cr_assert_eq(import_text(db, facilities_csv, strlen(facilities_csv),
				 &o, &res, NULL), SX_OK);
	import_result_release(&res);
	sx_db_close(db);
	snprintf(dir, sizeof dir, "%s", db_path);
	*strrchr(dir, '/') = '\0';
	cr_assert_not_null(huge);
	strcpy(huge, "name;kind;tax_code;vsic;commune\nA;enterprise;");
	memset(huge + strlen(huge), 'x', big);
	strcpy(huge + 46 + big, ";10620;03985\n");
	{
		const struct cli_case cases[] = {
			{"unbalanced.csv", "name;kind;tax_code;vsic;commune\n"
			 "\"A;enterprise;" TAX_C ";10620;03985\n"
			 "B;enterprise;;10620;03985\n", 0, "quote"},
			{"columns.csv", "name;kind;tax_code;vsic;commune\n"
			 "A;enterprise;" TAX_C ";10620;03985\n"
			 "B;enterprise;10620\n", 0, "line 3: 3 columns"},
			{"invalid_utf8.csv", "name;kind;tax_code;vsic;commune\n"
			 "Công ty;enterprise;" TAX_C ";10620;03985\n"
			 "M\xC6\xA1n \xE1\xBB;enterprise;;10620;03985\n", 0,
			 "line 3: invalid UTF-8"},
			{"empty.csv", "", 0, "empty"},
			{"header_only.csv",
			 "name;kind;tax_code;vsic;commune\r\n",
			 0, "only a header"},
			{"bad_row.csv", "name;kind;tax_code;vsic;commune\n"
			 "A;enterprise;" TAX_C ";10620;03985\n"
			 "B;enterprise;5501000018;10620;03985\n", 0,
			 "line 3, column 3 (tax_code)"},
			{"duplicate.csv", ok_rows, 0, "duplicate"},
			{"nul.csv", "name;kind\0;x\n", 13, "NUL"},
		};
		for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
			struct cli_case c = cases[i];
			if (!c.len)
				c.len = strlen(c.data);
			expect_refused(db_path, dir, &c);
		}
		{
			struct cli_case c = {"huge.csv", huge, strlen(huge),
					     "longer than"};
			expect_refused(db_path, dir, &c);
		}
	}
	free(huge);
}

Test(import_cli, imports_and_reports_with_the_real_binary)
{
	char db_path[512], dir[512], file[600], out[600];
	struct sx_db *db = th_district_db(db_path, sizeof db_path);
	char *text;
	char *vni = NULL;
	size_t len = 0;

	sx_db_close(db);
	snprintf(dir, sizeof dir, "%s", db_path);
	*strrchr(dir, '/') = '\0';
	th_path(file, sizeof file, dir, "vni.csv");
	th_path(out, sizeof out, dir, "out.txt");
	cr_assert_eq(encoding_from_utf8(facilities_csv, SXE_VNI, &vni, &len,
					NULL), SX_OK);
	write_file(file, vni, len);
	free(vni);
	cr_assert_eq(th_system("%s --db '%s' --lang en import facilities '%s' "
			       "--dry-run >'%s' 2>&1", th_bin(), db_path, file,
			       out), 0);
	text = read_all(out);
	cr_assert(strstr(text, "Encoding: VNI-Windows"), "%s", text);
	cr_assert(strstr(text, "Tinh bột sắn Mộc Châu"), "preview: %s", text);
	cr_assert(strstr(text, "dry run"), "%s", text);
	free(text);
	cr_assert_eq(th_system("%s --db '%s' import facilities '%s' "
			       "--encoding vni >/dev/null 2>&1", th_bin(),
			       db_path, file), 0);
	cr_assert_eq(th_system("%s --db '%s' search 'muong thanh' >'%s' "
			       "2>&1", th_bin(), db_path, out), 0);
	text = read_all(out);
	cr_assert(strstr(text, "Đường Mường Thanh"), "%s", text);
	free(text);
	/* again, duplicates skipped on request */
	cr_assert_eq(th_system("%s --db '%s' --lang en import facilities '%s' "
			       "--on-duplicate skip >'%s' 2>/dev/null",
			       th_bin(), db_path, file, out), 0);
	text = read_all(out);
	cr_assert(strstr(text, "0 added, 0 updated, 3 skipped"), "%s", text);
	free(text);
}

Test(import_cli, asks_about_duplicates_on_a_terminal)
{
	char db_path[512], dir[512], file[600], out[600];
	struct sx_db *db = th_district_db(db_path, sizeof db_path);
	char *text;

	sx_db_close(db);
	if (th_system("command -v script >/dev/null") != 0) {
		cr_skip_test("script(1) is not installed");
		return;
	}
	snprintf(dir, sizeof dir, "%s", db_path);
	*strrchr(dir, '/') = '\0';
	th_path(file, sizeof file, dir, "f.csv");
	th_path(out, sizeof out, dir, "out.txt");
	write_file(file, facilities_csv, strlen(facilities_csv));
	cr_assert_eq(th_system("%s --db '%s' import facilities '%s' "
			       ">/dev/null 2>&1", th_bin(), db_path, file), 0);
	/* script(1) gives the command a terminal; "u" answers update */
	cr_assert_eq(th_system("printf 'u\\n' | script -qec \"%s --db '%s' "
			       "--lang en import facilities '%s'\" /dev/null "
			       ">'%s' 2>&1", th_bin(), db_path, file, out), 0);
	text = read_all(out);
	cr_assert(strstr(text, "Update (u), skip (s) or cancel (c)?"), "%s",
		  text);
	cr_assert(strstr(text, "0 added, 3 updated"), "%s", text);
	free(text);
}

static long search_count(struct sx_db *db, const char *text)
{
	struct sx_list_query q = {0};
	long long n = -1;
	q.kind = SXK_FACILITY;
	q.text = text;
	cr_assert_eq(record_count(db, &q, &n, NULL), SX_OK);
	return (long)n;
}

/* The schema as stored, every object's name and SQL, and the result of
 * SQLite's integrity check (which compares each index with its table). */
static char *schema_and_check(const char *path)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	cr_assert_not_null(f);
	cr_assert_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL),
		     SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(h, "SELECT name, sql FROM sqlite_master"
					" ORDER BY name", -1, &st, NULL),
		     SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		fprintf(f, "%s: %s\n", sqlite3_column_text(st, 0),
			sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	cr_assert_eq(sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st,
					NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		fprintf(f, "check: %s\n", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	fclose(f);
	return out;
}

/* A large import sets the search index's triggers and the table's plain
 * indexes aside and rebuilds them at the end: search must find the
 * imported rows, records saved afterwards, the schema must come back as
 * it was, and nothing must change when the import fails. */
Test(import, keeps_search_working_across_a_large_import)
{
	char path[512];
	struct sx_db *db = th_district_db(path, sizeof path);
	struct import_opts o = {0};
	struct import_result res;
	struct sx_error err = {0};
	size_t cap = 4u << 20, len = 0;
	char *csv = malloc(cap);
	char *schema = schema_and_check(path), *now;
	struct sx_record *rec;

	cr_assert_not_null(csv);
	cr_assert(strstr(schema, "facility_sort: CREATE INDEX"), "%s", schema);
	len += (size_t)snprintf(csv, cap, "name;kind;vsic;commune\n");
	for (int i = 0; i < 2500; i++)
		len += (size_t)snprintf(csv + len, cap - len,
					"Cơ sở Mường Thanh %d;household;1072;"
					"03985\n", i);
	cr_assert_eq(import_text(db, csv, len, &o, &res, &err), SX_OK, "%s",
		     err.msg);
	import_result_release(&res);
	cr_assert_eq(search_count(db, "muong thanh"), 2500);
	cr_assert_eq(search_count(db, "thanh 2499"), 1);
	now = schema_and_check(path);
	cr_assert_str_eq(now, schema);
	free(now);

	/* the triggers are back: a record saved now is found */
	rec = record_new(SXK_FACILITY);
	record_set(rec, "name", "Hợp tác xã Đồng Tâm");
	record_set(rec, "kind", "cooperative");
	record_set(rec, "vsic", "1072");
	record_set(rec, "commune", "03985");
	record_set(rec, "status", "active");
	cr_assert_eq(record_save(db, rec, NULL, &err), SX_OK, "%s", err.msg);
	record_free(rec);
	cr_assert_eq(search_count(db, "dong tam"), 1);

	/* a large import that fails leaves index and triggers as they were */
	len = (size_t)snprintf(csv, cap, "name;kind;vsic;commune\n");
	for (int i = 0; i < 2500; i++)
		len += (size_t)snprintf(csv + len, cap - len,
					"Lò gạch Tân Lập %d;household;%s;"
					"03985\n", i, i == 2499 ? "99999"
								: "2392");
	cr_assert_eq(import_text(db, csv, len, &o, &res, &err), SX_INVALID);
	import_result_release(&res);
	cr_assert_eq(search_count(db, "tan lap"), 0);
	now = schema_and_check(path);
	cr_assert_str_eq(now, schema);
	free(now);
	rec = record_new(SXK_FACILITY);
	record_set(rec, "name", "Lò gạch Tân Lập");
	record_set(rec, "kind", "household");
	record_set(rec, "vsic", "2392");
	record_set(rec, "commune", "03985");
	record_set(rec, "status", "active");
	cr_assert_eq(record_save(db, rec, NULL, &err), SX_OK, "%s", err.msg);
	record_free(rec);
	cr_assert_eq(search_count(db, "tan lap"), 1);
	cr_assert_eq(search_count(db, "muong thanh"), 2500);
	free(schema);
	free(csv);
	sx_db_close(db);
}

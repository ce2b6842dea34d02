/* test_export.c — export to CSV and JSON, templates, and the round trip:
 * export then import into an empty database gives the same records. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "sxsh/csvwrite.h"
#include "sxsh/export.h"
#include "sxsh/import.h"
#include "sxsh/record.h"

#define TAX_A "5501000017"

static struct sx_record *save(struct sx_db *db, enum sx_kind kind,
			      const char *const *pairs)
{
	struct sx_record *rec = record_new(kind);
	struct sx_problems pr;
	struct sx_error err = {0};

	cr_assert_not_null(rec);
	for (int i = 0; pairs[i]; i += 2)
		cr_assert_eq(record_set(rec, pairs[i], pairs[i + 1]), SX_OK,
			     "%s", pairs[i]);
	problems_init(&pr);
	cr_assert_eq(record_save(db, rec, &pr, &err), SX_OK, "%s: %s",
		     record_kind(kind)->name,
		     pr.count ? pr.items[0].msg_en : err.msg);
	problems_release(&pr);
	return rec;
}

/* One record of every importable kind, with the awkward values: commas,
 * quotes and a line break in text, a decimal with exactly three decimals,
 * a facility without a tax code referred to by id. */
static void fill(struct sx_db *db)
{
	struct sx_record *fa, *fb, *as;
	const char *fa_p[] = {"name", "Công ty \"Sắn\" Mộc Châu, chi nhánh 2",
			      "kind", "enterprise", "tax_code", TAX_A,
			      "vsic", "10620", "commune", "03985",
			      "address", "Bản Áng,\ntổ 3", "phone",
			      "0212 3866 123", "employees", "45",
			      "cp_potential", "1", "pollution_risk", "0",
			      "status", "active", NULL};
	const char *fb_p[] = {"name", "Hộ kinh doanh Đường Mường Thanh",
			      "kind", "household", "vsic", "1072",
			      "commune", "03979", "cp_potential", "0",
			      "pollution_risk", "1", "status", "suspended",
			      "closed_on", "2018-03-01", NULL};
	const char *pe_p[] = {"name", "Nguyễn Thị Hoà", "role", "collaborator",
			      "unit", "UBND xã Chiềng Sơn", "commune", "03985",
			      "active", "1", "trained_on", "2017-06-20", NULL};
	const char *ev_p[] = {"type", "training", "title",
			      "Tập huấn SXSH; đợt 1", "held_on", "2017-06-20",
			      "participants", "35", "cost_vnd", "15000000",
			      "funding", "local_promotion", NULL};
	const char *as_p[] = {"facility_id", NULL, "type", "rapid", "status",
			      "completed", "started_on", "2017-05-02",
			      "completed_on", "2017-06-30", "consultant",
			      "Trung tâm Khuyến công", NULL};
	const char *so_p[] = {"assessment_id", NULL, "technique",
			      "good_housekeeping", "description",
			      "Sửa rò rỉ hơi", "status", "implemented",
			      "implemented_on", "2017-08-01",
			      "investment_vnd", "2000000", "saving_kwh",
			      "1234.567", "saving_coal_t", "0.5",
			      "saving_vnd", "30000000", NULL};
	const char *co_p[] = {"facility_id", NULL, "year", "2017",
			      "electricity_kwh", "120000.25", "coal_t", "12",
			      "output_t", "300", NULL};

	fa = save(db, SXK_FACILITY, fa_p);
	fb = save(db, SXK_FACILITY, fb_p);
	record_free(save(db, SXK_PERSON, pe_p));
	record_free(save(db, SXK_EVENT, ev_p));
	as_p[1] = fa->uuid;
	as = save(db, SXK_ASSESSMENT, as_p);
	so_p[1] = as->uuid;
	record_free(save(db, SXK_SOLUTION, so_p));
	co_p[1] = fb->uuid;
	record_free(save(db, SXK_CONSUMPTION, co_p));
	co_p[1] = fa->uuid;
	record_free(save(db, SXK_CONSUMPTION, co_p));
	record_free(fa);
	record_free(fb);
	record_free(as);
}

static char *export_text(struct sx_db *db, enum sx_kind kind,
			 enum export_format fmt, const char *lang)
{
	struct export_opts o = {0};
	struct sx_error err = {0};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	cr_assert_not_null(f);
	o.kind = kind;
	o.format = fmt;
	o.lang = lang;
	cr_assert_eq(export_write(db, &o, f, NULL, &err), SX_OK, "%s",
		     err.msg);
	fclose(f);
	return buf;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The CSV's records as sorted lines (quoted line breaks kept inside). */
static char *sorted_records(const char *csv)
{
	char *copy = strdup(csv), *out;
	char *lines[256];
	int n = 0, quoted = 0;
	size_t total = 0;
	char *start = copy;

	cr_assert_not_null(copy);
	for (char *p = copy; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		if (!quoted && p[0] == '\r' && p[1] == '\n') {
			*p = '\0';
			cr_assert_lt(n, 256);
			lines[n++] = start;
			start = p + 2;
			p++;
		}
	}
	qsort(lines, (size_t)n, sizeof *lines, cmp_str);
	for (int i = 0; i < n; i++)
		total += strlen(lines[i]) + 1;
	out = calloc(total + 1, 1);
	cr_assert_not_null(out);
	for (int i = 0; i < n; i++) {
		strcat(out, lines[i]);
		strcat(out, "\n");
	}
	free(copy);
	return out;
}

static const enum sx_kind order[] = {SXK_FACILITY, SXK_PERSON, SXK_EVENT,
				     SXK_ASSESSMENT, SXK_SOLUTION,
				     SXK_CONSUMPTION};

static void round_trip(const char *lang)
{
	char p1[512], p2[512];
	struct sx_db *src = th_district_db(p1, sizeof p1);
	struct sx_db *dst = th_district_db(p2, sizeof p2);

	fill(src);
	for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
		struct import_opts o = {0};
		struct import_result res;
		struct sx_error err = {0};
		char *a = export_text(src, order[k], EXPORT_CSV, lang);
		char *b, *sa, *sb;

		o.kind = order[k];
		cr_assert_eq(import_data(dst, a, strlen(a), &o, &res, &err),
			     SX_OK, "%s %s: %s / %s", lang,
			     record_kind(order[k])->name, err.msg,
			     res.nproblems ? res.problems[0].msg_en : "");
		import_result_release(&res);
		b = export_text(dst, order[k], EXPORT_CSV, lang);
		sa = sorted_records(a);
		sb = sorted_records(b);
		cr_assert_str_eq(sb, sa, "%s %s", lang,
				 record_kind(order[k])->name);
		free(sa);
		free(sb);
		free(a);
		free(b);
	}
	sx_db_close(src);
	sx_db_close(dst);
}

Test(export, round_trips_every_kind_with_vietnamese_headers)
{
	round_trip("vi");
}

Test(export, round_trips_every_kind_with_english_headers)
{
	round_trip("en");
}

Test(export, writes_readable_values)
{
	char p[512];
	struct sx_db *db = th_district_db(p, sizeof p);
	char *csv, *json;

	fill(db);
	csv = export_text(db, SXK_SOLUTION, EXPORT_CSV, "vi");
	cr_assert(strstr(csv, "Tiết kiệm điện/năm (kWh)"), "%s", csv);
	cr_assert(strstr(csv, ",1234,567,") == NULL, "unquoted comma: %s",
		  csv);
	cr_assert(strstr(csv, "\"1234,567\""), "%s", csv);
	cr_assert(strstr(csv, "01/08/2017"), "%s", csv);
	cr_assert(strstr(csv, "Quản lý nội vi"), "%s", csv);
	free(csv);
	csv = export_text(db, SXK_SOLUTION, EXPORT_CSV, "en");
	cr_assert(strstr(csv, "1234.5670"), "%s", csv);
	cr_assert(strstr(csv, "Good housekeeping"), "%s", csv);
	free(csv);
	csv = export_text(db, SXK_CONSUMPTION, EXPORT_CSV, "vi");
	cr_assert(strstr(csv, TAX_A), "facility by tax code: %s", csv);
	free(csv);
	json = export_text(db, SXK_FACILITY, EXPORT_JSON, "vi");
	cr_assert(json[0] == '[', "%s", json);
	cr_assert(strstr(json, "\"tax_code\":\"" TAX_A "\""), "%s", json);
	cr_assert(strstr(json, "\"contact\":null"), "%s", json);
	cr_assert(strstr(json, "\\\"Sắn\\\""), "%s", json);
	free(json);
	sx_db_close(db);
}

Test(export, writes_templates_with_bom_through_the_binary)
{
	char p[512], dir[512], out[600];
	struct sx_db *db = th_district_db(p, sizeof p);
	char buf[4096] = {0};
	FILE *f;

	sx_db_close(db);
	snprintf(dir, sizeof dir, "%s", p);
	*strrchr(dir, '/') = '\0';
	th_path(out, sizeof out, dir, "template.csv");
	cr_assert_eq(th_system("%s --db '%s' export facilities --template "
			       "--excel -o '%s' 2>/dev/null", th_bin(), p, out),
		     0);
	f = fopen(out, "rb");
	cr_assert_not_null(f);
	cr_assert_gt(fread(buf, 1, sizeof buf - 1, f), 0);
	fclose(f);
	cr_assert(!memcmp(buf, "\xEF\xBB\xBFTên cơ sở,Loại hình,Mã số thuế",
			  strlen("\xEF\xBB\xBFTên cơ sở,Loại hình,Mã số thuế")),
		  "%s", buf);
	cr_assert(strchr(buf, '\n') == strrchr(buf, '\n'), "one line: %s",
		  buf);
	/* the template is accepted as a header by import */
	cr_assert_eq(th_system("%s --db '%s' import facilities '%s' "
			       "</dev/null >/dev/null 2>&1", th_bin(), p, out),
		     2, "a header-only file is refused");
	cr_assert_eq(th_system("%s --db '%s' --lang en export people "
			       "--template 2>/dev/null | grep -q "
			       "'^Name,Role,Unit,Position,Commune,Phone'",
			       th_bin(), p), 0);
}

/* A name a spreadsheet would run as a formula is written with a leading
 * apostrophe, and the import reads it back as the text that was saved:
 * `sxsh export facilities --excel`, then import into an empty database. */
Test(export, neutralises_formulas_and_import_reads_them_back)
{
	char p1[512], p2[512], dir[512], out[600];
	struct sx_db *db = th_district_db(p1, sizeof p1);
	const char *pairs[] = {"name", "=1+2", "kind", "household", "vsic",
			       "10620", "commune", "03985", "phone",
			       "+84 212 3866 123", "status", "active", NULL};
	struct sx_record *rec = save(db, SXK_FACILITY, pairs);
	struct sx_list_query q = {.kind = SXK_FACILITY};
	struct sx_page page = {0};
	unsigned char *data;
	char *csv;
	size_t len;

	record_free(rec);
	sx_db_close(db);
	snprintf(dir, sizeof dir, "%s", p1);
	*strrchr(dir, '/') = '\0';
	th_path(out, sizeof out, dir, "facilities.csv");
	cr_assert_eq(th_system("%s --db '%s' export facilities --excel "
			       "-o '%s' 2>/dev/null", th_bin(), p1, out), 0);
	data = th_read_file(out, &len);
	csv = strndup((char *)data, len);
	cr_assert_not_null(csv);
	cr_assert(strstr(csv, ",'=1+2,"), "%s", csv);
	cr_assert(strstr(csv, ",'+84 212 3866 123,"), "%s", csv);
	free(csv);
	free(data);

	db = th_district_db(p2, sizeof p2);
	sx_db_close(db);
	cr_assert_eq(th_system("%s --db '%s' import facilities '%s' "
			       "</dev/null >/dev/null 2>&1", th_bin(), p2, out),
		     0);
	cr_assert_eq(sx_db_open(p2, 0, &db, NULL), SX_OK);
	cr_assert_eq(record_list(db, &q, &page, NULL), SX_OK);
	cr_assert_eq(page.count, 1);
	cr_assert_str_eq(record_get(page.rows[0], "name"), "=1+2");
	cr_assert_str_eq(record_get(page.rows[0], "phone"),
			 "+84 212 3866 123");
	page_release(&page);
	sx_db_close(db);
}

/* The one guard of every CSV writer: what a spreadsheet would run gets an
 * apostrophe, a number stays a number, and reading undoes exactly what
 * writing did. */
Test(export, the_csv_writer_guards_formulas_and_reads_back_exactly)
{
	static const char *const cells[][2] = {
		{"=1+2", "'=1+2"}, {"+x", "'+x"}, {"-x", "'-x"},
		{"@SUM(A1)", "'@SUM(A1)"}, {"-", "'-"},
		{"\tx", "\"'\tx\""}, {"\r=x", "\"'\r=x\""},
		{"-12", "-12"}, {"-1,5", "\"-1,5\""}, {"+3.25", "+3.25"},
		{"'=x", "''=x"}, {"'plain", "'plain"}, {"a=b", "a=b"},
		{"=\"q\"", "\"'=\"\"q\"\"\""},
	};
	struct dynbuf b = DYNBUF_INIT;
	struct csvwrite w;

	csvwrite_init(&w, &b, ',', 1);
	for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
		dynbuf_reset(&b);
		csvwrite_field(&w, cells[i][0]);
		w.fields = 0;
		cr_expect_str_eq(dynbuf_str(&b), cells[i][1], "#%zu", i);
		/* the reader sees the cell without CSV quoting */
		if (cells[i][1][0] != '"')
			cr_expect_str_eq(csvwrite_cell_text(cells[i][1]),
					 cells[i][0], "#%zu read back", i);
	}
	dynbuf_release(&b);
}

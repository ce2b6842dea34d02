/* test_report.c — the report: canonical JSON (same data, same bytes),
 * finalised revisions that never change, status moves, narrative, the
 * renderings (HTML structure and figures, text within 80 columns, CSV),
 * reading back and consolidating, and the CLI. */
#include <jansson.h>
#include "sxsh/crypto.h"
#include "report_fixture.h"
#include "sxsh/plan.h"
#include "sxsh/refdata.h"
#include "sxsh/report.h"
#include "sxsh/report_province.h"
#include "sxsh/text.h"
#include "../core/db_internal.h"

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

TestSuite(report, .init = setup, .fini = teardown);

static char *build(struct sx_db *d, const char *period, size_t *len)
{
	struct sx_error err = {0};
	char *json = NULL;
	cr_assert_eq(report_build(d, period, &json, len, &err), SX_OK, "%s",
		     err.msg);
	return json;
}

static void has(const char *hay, const char *needle)
{
	cr_assert_not_null(strstr(hay, needle), "missing: %s", needle);
}

/* No JSON real anywhere: decimals are strings. */
static void no_reals(const json_t *v)
{
	const char *k;
	json_t *x;
	size_t i;

	cr_assert(!json_is_real(v), "a JSON real in the report");
	if (json_is_object(v))
		json_object_foreach((json_t *)v, k, x)
			no_reals(x);
	else if (json_is_array(v))
		json_array_foreach(v, i, x)
			no_reals(x);
}

Test(report, sha256_of_known_vector)
{
	char hex[65];
	crypto_sha256_hex("abc", 3, hex);
	cr_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223"
			 "b00361a396177a9cb410ff61f20015ad");
}

Test(report, json_has_the_schema_and_the_hand_worked_figures)
{
	size_t len;
	char *json = build(db, "2017S1", &len);
	json_error_t jerr;
	json_t *doc;

	cr_assert_eq(strlen(json), len);
	cr_assert(!strncmp(json, "{\"schema\":\"sxsh.report/1\",\"level\":"
			   "\"district\",\"district\":{\"code\":\"123\","
			   "\"name\":\"Huyện Mộc Châu\"},\"period\":\"2017S1\","
			   "\"period_rule\":\"calendar\",\"period_start\":"
			   "\"2017-01-01\",\"period_end\":\"2017-06-30\","
			   "\"deadline\":\"2017-07-15\"", 60), "%.200s", json);
	has(json, "\"revision\":1,\"replaces\":null,");
	has(json, "\"T1\":{\"numerator\":8,\"denominator\":13,"
	    "\"rate\":\"0.6154\",\"target\":\"0.90\"}");
	has(json, "\"T2\":{\"period\":1,\"cumulative\":2,\"target\":null,"
	    "\"province_total\":15}");
	has(json, "\"T3\":{\"period\":1,\"cumulative\":1,\"target\":null,"
	    "\"province_total\":7}");
	has(json, "\"T4\":{\"numerator\":4,\"denominator\":7,"
	    "\"rate\":\"0.5714\",\"target\":\"1.00\"}");
	/* 1.8516 → "1.852"; 34.5196 → "34.520"; 79.5708 → "79.571" */
	has(json, "\"good_housekeeping\":{\"implemented\":1,"
	    "\"implemented_period\":1,\"investment_vnd\":10000000,"
	    "\"saving_vnd\":30000000,\"kwh\":\"12000.0\",\"coal_t\":\"0.000\","
	    "\"oil_t\":\"0.000\",\"biomass_t\":\"0.000\","
	    "\"water_m3\":\"500.0\",\"materials_t\":\"0.000\","
	    "\"toe\":\"1.852\",\"co2_t\":\"10.379\"}");
	has(json, "\"toe\":\"34.520\",\"co2_t\":\"79.571\"}");
	/* consumption: 4/17 = 0.2353; 216.339 TOE × 1000 / 790 t =
	 * 273.8468… kgOE/t; 730 000 kWh / 790 t = 924.0506… kWh/t */
	has(json, "\"coverage\":\"0.2353\"");
	has(json, "\"toe\":\"217.882\"");
	has(json, "\"kgoe_per_t\":\"273.847\",\"kwh_per_t\":\"924.051\"");
	has(json, "\"toe_per_kwh\":\"0.0001543\"");
	has(json, "\"grid_t_co2_per_mwh\":\"0.8649\",\"grid_year\":2017");
	/* annexes: A2 and A3 completed in the period, by date */
	has(json, "\"assessments\":[{\"facility\":\"Cơ sở số 02 Mộc Châu\","
	    "\"commune\":\"Xã Chiềng Sơn\",\"type\":\"rapid\","
	    "\"completed_on\":\"2017-04-10\"");
	has(json, "{\"facility\":\"Cơ sở số 01 Mộc Châu\",\"commune\":"
	    "\"Thị trấn Mộc Châu\",\"type\":\"detailed\",\"completed_on\":"
	    "\"2017-05-20\",\"consultant\":\"Trung tâm Sản xuất sạch Việt "
	    "Nam\",\"solutions_implemented\":1}");
	has(json, "\"events\":[{\"held_on\":\"2017-02-20\"");
	cr_assert_null(strstr(json, "2016-11-10"), "E1 is before S1");
	cr_assert_null(strstr(json, fx.f[1]), "a uuid in the report");

	doc = json_loads(json, 0, &jerr);
	cr_assert_not_null(doc);
	no_reals(doc);
	cr_assert_eq(json_array_size(json_object_get(json_object_get(doc,
			"annexes"), "events")), 3);
	json_decref(doc);
	free(json);
}

Test(report, same_data_gives_same_bytes_and_hash_in_another_database)
{
	char path2[512], h1[65], h2[65];
	struct sx_db *db2 = th_district_db(path2, sizeof path2);
	struct rfx fx2;
	size_t l1, l2, l3;
	char *a, *b, *c;

	rfx_build(db2, &fx2);   /* other uuids, other timestamps */
	a = build(db, "2017S1", &l1);
	b = build(db, "2017S1", &l2);
	c = build(db2, "2017S1", &l3);
	cr_assert_eq(l1, l2);
	cr_assert_eq(memcmp(a, b, l1), 0);
	cr_assert_eq(l1, l3);
	cr_assert_eq(memcmp(a, c, l1), 0);
	crypto_sha256_hex(a, l1, h1);
	crypto_sha256_hex(c, l3, h2);
	cr_assert_str_eq(h1, h2);
	free(a);
	free(b);
	free(c);
	sx_db_close(db2);
}

Test(report, finalised_revision_never_changes)
{
	struct sx_error err = {0};
	struct sx_report_rev r1, r2, again;
	char *json1 = NULL, *json1_again = NULL, *json2 = NULL, hex[65];

	cr_assert_eq(report_finalise(db, "2017S1", &r1, &err), SX_OK, "%s",
		     err.msg);
	cr_assert_eq(r1.revision, 1);
	cr_assert_eq(r1.replaces, 0);
	cr_assert_str_eq(r1.status, "finalised");
	cr_assert_eq(report_get(db, "2017S1", 1, NULL, &json1, &err), SX_OK);
	crypto_sha256_hex(json1, strlen(json1), hex);
	cr_assert_str_eq(hex, r1.sha256);

	/* the triggers refuse any edit or deletion of the snapshot */
	cr_assert_neq(sqlite3_exec(db->handle, "UPDATE report_revision SET"
				   " json = '{}' WHERE revision = 1", NULL,
				   NULL, NULL), SQLITE_OK);
	cr_assert_neq(sqlite3_exec(db->handle, "UPDATE report_revision SET"
				   " sha256 = 'x'", NULL, NULL, NULL),
		      SQLITE_OK);
	cr_assert_neq(sqlite3_exec(db->handle, "DELETE FROM report_revision",
				   NULL, NULL, NULL), SQLITE_OK);

	/* data changes; a correction is a new revision naming the old */
	fx_save(db, SXK_EVENT, NULL, "type", "conference", "title",
		"Hội nghị tổng kết", "held_on", "2017-06-01", "participants",
		"60", "cost_vnd", "1234567", "funding", "other", NULL);
	cr_assert_eq(report_finalise(db, "2017S1", &r2, &err), SX_OK, "%s",
		     err.msg);
	cr_assert_eq(r2.revision, 2);
	cr_assert_eq(r2.replaces, 1);
	cr_assert_str_neq(r2.sha256, r1.sha256);
	cr_assert_eq(report_get(db, "2017S1", 2, NULL, &json2, &err), SX_OK);
	has(json2, "\"revision\":2,\"replaces\":1,");
	has(json2, "\"cost_vnd\":36734567");

	cr_assert_eq(report_get(db, "2017S1", 1, &again, &json1_again, &err),
		     SX_OK);
	cr_assert_str_eq(json1_again, json1);
	cr_assert_str_eq(again.sha256, r1.sha256);
	cr_assert_str_eq(again.finalised_at, r1.finalised_at);
	free(json1);
	free(json1_again);
	free(json2);
}

Test(report, status_moves_for_sync)
{
	struct sx_error err = {0};
	struct sx_report_rev r, got, *list = NULL;
	int n = 0;

	cr_assert_eq(report_submit(db, "2017S1", &r, &err), SX_NOTFOUND);
	cr_assert_eq(report_finalise(db, "2017S1", &r, &err), SX_OK);
	cr_assert_eq(report_submit(db, "2017S1", &r, &err), SX_OK, "%s",
		     err.msg);
	cr_assert_str_eq(r.status, "queued");
	cr_assert(r.queued_at[0]);
	cr_assert_eq(report_submit(db, "2017S1", &r, &err), SX_INVALID);
	cr_assert_eq(report_list(db, NULL, "queued", &list, &n, &err), SX_OK);
	cr_assert_eq(n, 1);
	free(list);
	cr_assert_eq(report_set_status(db, r.id, "sent", NULL, "rcpt-1",
				       &err), SX_OK);
	cr_assert_eq(report_set_status(db, r.id, "returned", "Thiếu số liệu",
				       NULL, &err), SX_OK);
	cr_assert_eq(report_get_id(db, r.id, &got, NULL, &err), SX_OK);
	cr_assert_str_eq(got.status, "returned");
	cr_assert_str_eq(got.status_reason, "Thiếu số liệu");
	cr_assert_str_eq(got.receipt, "rcpt-1");
	/* returned is final: the district finalises a correction */
	cr_assert_eq(report_set_status(db, r.id, "queued", NULL, NULL, &err),
		     SX_INVALID);
	cr_assert_eq(report_finalise(db, "2017S1", &r, &err), SX_OK);
	cr_assert_eq(r.revision, 2);
	cr_assert_eq(report_submit(db, "2017S1", &r, &err), SX_OK);
	cr_assert_eq(report_set_status(db, r.id, "accepted", NULL, NULL,
				       &err), SX_OK);
	/* nothing after acceptance */
	cr_assert_eq(report_finalise(db, "2017S1", &r, &err), SX_INVALID);
	cr_assert_eq(report_set_status(db, r.id, "bogus", NULL, NULL, &err),
		     SX_INVALID);
	cr_assert_eq(report_list(db, "2017S1", NULL, &list, &n, &err), SX_OK);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(list[0].status, "returned");
	cr_assert_str_eq(list[1].status, "accepted");
	cr_assert_eq(list[1].replaces, 1);
	free(list);
}

Test(report, narrative_is_stored_as_nfc_and_validated)
{
	struct sx_error err = {0};
	/* "Khó khăn" typed decomposed: o + U+0301 */
	const char *nfd = "Kho\xcc\x81 kha\xcc\x86n vê\xcc\x80 vô\xcc\x81n";
	char *t, *json;

	cr_assert_eq(report_narrative_set(db, "2017S1", "difficulties", nfd,
					  &err), SX_OK, "%s", err.msg);
	t = report_narrative_get(db, "2017S1", "difficulties");
	cr_assert_str_eq(t, "Khó khăn về vốn");
	free(t);
	json = build(db, "2017S1", NULL);
	has(json, "\"narrative\":{\"results\":\"\",\"difficulties\":"
	    "\"Khó khăn về vốn\",\"proposals\":\"\"}");
	free(json);
	cr_assert_eq(report_narrative_set(db, "2017S1", "summary", "x", &err),
		     SX_INVALID);
	cr_assert_eq(report_narrative_set(db, "2017S9", "results", "x", &err),
		     SX_INVALID);
	cr_assert_eq(report_narrative_set(db, "2017S1", "results",
					  "bad \xff byte", &err), SX_INVALID);
	cr_assert_eq(report_narrative_set(db, "2017S1", "difficulties", "",
					  &err), SX_OK);
	cr_assert_null(report_narrative_get(db, "2017S1", "difficulties"));
}

static char *render(const char *json, enum sx_report_format f,
		    const char *date)
{
	struct sx_error err = {0};
	struct sx_render_opts o = {"vi", date, "finalised", NULL};
	char *out = NULL;
	cr_assert_eq(report_render(json, f, &o, &out, NULL, &err), SX_OK,
		     "%s", err.msg);
	return out;
}

static int count(const char *hay, const char *needle, const char *stop)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p++) {
		if (stop && p > stop)
			break;
		n++;
	}
	return n;
}

Test(report, html_is_the_official_document_with_the_figures)
{
	char *json = build(db, "2017S1", NULL);
	char *html = render(json, SX_REPORT_HTML, "2017-06-20");
	const char *annex, *end;

	has(html, "<!DOCTYPE html>");
	has(html, "<html lang=\"vi\">");
	has(html, "@page{size:A4");
	has(html, "ỦY BAN NHÂN DÂN<br>HUYỆN MỘC CHÂU");
	has(html, "PHÒNG KINH TẾ VÀ HẠ TẦNG");
	has(html, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	has(html, "Độc lập - Tự do - Hạnh phúc");
	has(html, "Mộc Châu, ngày 20 tháng 6 năm 2017");
	has(html, "<h1>BÁO CÁO</h1>");
	has(html, "Kết quả thực hiện Kế hoạch sản xuất sạch hơn trong công "
	    "nghiệp 6 tháng đầu năm 2017");
	has(html, "Kính gửi: Sở Công Thương tỉnh Sơn La.");
	has(html, "<h2>II. KHÓ KHĂN, VƯỚNG MẮC</h2>");
	has(html, "<h2>III. KIẾN NGHỊ, ĐỀ XUẤT</h2>");
	has(html, "TRƯỞNG PHÒNG");
	has(html, "Nơi nhận:");
	/* targets table: 8/13 = 61,5 %; T2 against the province total */
	has(html, "id=\"targets\"");
	has(html, "data-k=\"T1.target\">90,0%</td>");
	has(html, "data-k=\"T1.achieved\">8/13</td>");
	has(html, "data-k=\"T1.rate\">61,5%</td>");
	has(html, "data-k=\"T2.target\">– (tỉnh: 15)</td>");
	has(html, "data-k=\"T2.cumulative\">2</td>");
	has(html, "data-k=\"T4.rate\">57,1%</td>");
	/* figures in Vietnamese format */
	has(html, "data-k=\"events.total.cost_vnd\">35.500.000</td>");
	has(html, "data-k=\"events.funding.local_promotion\">15.000.000</td>");
	has(html, "data-k=\"solutions.total.investment_vnd\">300.000.000"
	    "</td>");
	has(html, "data-k=\"solutions.total.toe\">34,520</td>");
	has(html, "data-k=\"solutions.total.co2_t\">79,571</td>");
	has(html, "data-k=\"solutions.total.kwh\">92.000</td>");
	has(html, "data-k=\"solutions.total.water_m3\">1.700,5</span>");
	has(html, "data-k=\"consumption.electricity_kwh\">740.000</td>");
	has(html, "data-k=\"consumption.kgoe_per_t\">273,847</td>");
	/* annex 1: the header and two assessments */
	annex = strstr(html, "id=\"annex-assessments\"");
	cr_assert_not_null(annex);
	end = strstr(annex, "</table>");
	cr_assert_eq(count(annex, "<tr>", end), 3);
	annex = strstr(html, "id=\"annex-events\"");
	cr_assert_not_null(annex);
	end = strstr(annex, "</table>");
	cr_assert_eq(count(annex, "<tr>", end), 4);
	has(html, "Tham quan mô hình chè");
	cr_assert_eq(count(html, "<table", NULL), count(html, "</table>",
							NULL));
	free(html);
	free(json);
}

Test(report, html_escapes_text_from_records)
{
	struct sx_error err = {0};
	char *json, *html;

	cr_assert_eq(report_narrative_set(db, "2017S1", "proposals",
					  "<script>alert(1)</script> & co",
					  &err), SX_OK);
	json = build(db, "2017S1", NULL);
	html = render(json, SX_REPORT_HTML, "2017-01-05");
	cr_assert_null(strstr(html, "<script>"));
	has(html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co");
	has(html, "ngày 05 tháng 01 năm 2017");  /* zero-padded Jan */
	free(html);
	free(json);
}

Test(report, text_fits_80_columns)
{
	struct sx_error err = {0};
	char *json, *text, *line;
	int lines = 0;

	cr_assert_eq(report_narrative_set(db, "2017S1", "results",
		"Các cơ sở chế biến chè, cà phê và tinh bột sắn trên địa bàn "
		"huyện đã tích cực tham gia các hoạt động sản xuất sạch hơn; "
		"mộttừrấtdàikhôngcódấucáchnàocóthểxuốngdòngđượcmộtcáchtự"
		"nhiênvàvẫnphảinằmtrongtámmươicột.\nDòng thứ hai.", &err),
		SX_OK);
	json = build(db, "2017S1", NULL);
	text = render(json, SX_REPORT_TEXT, NULL);
	has(text, "T1 Cơ sở được phổ biến SXSH");
	has(text, "tỉnh 15");
	has(text, "13,3%");  /* T2: 2 of the province's 15 */
	has(text, "8/13");
	has(text, "61,5%");
	has(text, "35.500.000");
	has(text, "Dòng thứ hai.");
	for (char *save = NULL, *p = text;
	     (line = strtok_r(p, "\n", &save)); p = NULL) {
		cr_assert_leq(text_width(line), 80, "%d columns: %s",
			      text_width(line), line);
		lines++;
	}
	cr_assert_gt(lines, 40);
	free(text);
	free(json);
}

Test(report, csv_lists_every_figure)
{
	char *json = build(db, "2017S1", NULL);
	char *csv = render(json, SX_REPORT_CSV, NULL);

	cr_assert(!strncmp(csv, "\xEF\xBB\xBFsection,item,measure,value\r\n",
			   31));
	has(csv, "target,T1,rate,0.6154\r\n");
	has(csv, "target,T2,target,\r\n");
	has(csv, "facilities_by_sector,10,count,12\r\n");
	has(csv, "events,total,cost_vnd,35500000\r\n");
	has(csv, "solutions,total,toe,34.520\r\n");
	has(csv, "report,,district_name,Huyện Mộc Châu\r\n");
	has(csv, "annex,facility,commune,type,completed_on,consultant,"
	    "solutions_implemented\r\n");
	has(csv, "assessments,Cơ sở số 02 Mộc Châu,Xã Chiềng Sơn,rapid,"
	    "2017-04-10,Trung tâm Khuyến công Sơn La,1\r\n");
	free(csv);
	free(json);
}

Test(report, render_refuses_what_is_not_a_report)
{
	struct sx_error err = {0};
	char *out = NULL;

	cr_assert_eq(report_render("{\"schema\":\"other\"}", SX_REPORT_HTML,
				   NULL, &out, NULL, &err), SX_INVALID);
	cr_assert_eq(report_render("not json", SX_REPORT_TEXT, NULL, &out,
				   NULL, &err), SX_INVALID);
	cr_assert_null(out);
}

Test(report, parse_back_and_consolidate_for_the_province)
{
	struct sx_error err = {0};
	struct sx_report_head head;
	struct sx_indicators ind;
	size_t len;
	char *json = build(db, "2017S1", &len), *prov = NULL, *html, *again;
	size_t plen;
	struct plan plan;
	const char *plan_text = plan_shipped_json();
	struct sx_factors factors;
	refdata_shipped_factors(2017, &factors);
	cr_assert_eq(plan_parse(plan_text, strlen(plan_text), &plan, &err),
		     SX_OK);
	struct sx_province_ref ref = {"14", "Tỉnh Sơn La", "2017S1",
				      "calendar", "2017-01-01", "2017-06-30",
				      "2017-07-15", &plan, &factors};
	struct sx_province_district in[2] = {
		{"123", "Huyện Mộc Châu", json, len, 0, ""},
		{"123", "Huyện Mộc Châu", json, len, 0, ""},
	};

	indicators_init(&ind);
	cr_assert_eq(report_parse_indicators(json, len, &head, &ind, &err),
		     SX_OK, "%s", err.msg);
	cr_assert_str_eq(head.district_code, "123");
	cr_assert_str_eq(head.period, "2017S1");
	cr_assert_eq(head.revision, 1);
	cr_assert_eq(head.replaces, 0);
	cr_assert_eq(ind.t1.numerator, 8);
	cr_assert_eq(ind.t1.denominator, 13);
	cr_assert_eq(ind.t2.target, -1);
	cr_assert_eq(ind.nsectors, 4);
	cr_assert_eq(ind.events_total.cost_by_funding[1], 15000000);
	cr_assert_float_eq(ind.solutions_total.toe, 34.520, 1e-9);
	indicators_release(&ind);

	cr_assert_eq(report_consolidate(&ref, in, 2, &prov, &plen, &err),
		     SX_OK, "%s", err.msg);
	has(prov, "\"level\":\"province\",\"district\":{\"code\":\"14\","
	    "\"name\":\"Tỉnh Sơn La\"}");
	has(prov, "\"T1\":{\"numerator\":16,\"denominator\":26,"
	    "\"rate\":\"0.6154\",\"target\":\"0.90\"}");
	/* the province's target is its total */
	has(prov, "\"T2\":{\"period\":2,\"cumulative\":4,\"target\":15,"
	    "\"province_total\":15}");
	has(prov, "\"districts\":[{\"code\":\"123\",\"name\":\"Huyện Mộc "
	    "Châu\",\"revision\":1,\"sha256\":\"");
	has(prov, "{\"district\":\"Huyện Mộc Châu\",\"facility\":");
	/* it parses back like a district report */
	indicators_init(&ind);
	cr_assert_eq(report_parse_indicators(prov, plen, &head, &ind, &err),
		     SX_OK, "%s", err.msg);
	cr_assert_str_eq(head.level, "province");
	cr_assert_eq(ind.t3.cumulative, 2);
	indicators_release(&ind);
	/* consolidating is deterministic too */
	cr_assert_eq(report_consolidate(&ref, in, 2, &again, NULL, &err),
		     SX_OK);
	cr_assert_str_eq(again, prov);
	free(again);
	html = render(prov, SX_REPORT_HTML, "2017-06-25");
	has(html, "id=\"districts\"");
	has(html, "SỞ CÔNG THƯƠNG");
	has(html, "data-k=\"districts.123.T1\">61,5%</td>");
	has(html, "Sơn La, ngày 25 tháng 6 năm 2017");
	free(html);
	/* a report of another period is set aside, named, not summed */
	ref.period = "2017S2";
	cr_assert_eq(report_consolidate(&ref, in, 2, &again, NULL, &err),
		     SX_OK);
	cr_assert(in[0].unreadable && in[1].unreadable);
	cr_assert_not_null(strstr(in[0].why, "2017S1"), "%s", in[0].why);
	has(again, "\"districts\":[]");
	free(again);
	free(prov);
	plan_release(&plan);
	cr_assert_eq(report_parse_indicators("{\"schema\":\"sxsh.report/1\"}",
					     26, NULL, &ind, &err),
		     SX_INVALID);
	free(json);
}

Test(report, cli_builds_finalises_lists_shows_and_submits)
{
	const char *bin = th_bin();
	char out[600], cmd_db[600];

	if (access(bin, X_OK) != 0)
		cr_skip_test("no sxsh binary at %s", bin);
	sx_db_close(db);  /* let the program have the file */
	db = NULL;
	snprintf(cmd_db, sizeof cmd_db, "'%s' --db '%s' --lang en", bin, path);
	th_path(out, sizeof out, th_tmpdir(), "r.json");
	cr_assert_eq(th_system("%s report build --period 2017S1 --format json"
			       " -o '%s'", cmd_db, out), 0);
	cr_assert_eq(th_system("grep -q '\"numerator\":8,\"denominator\":13'"
			       " '%s'", out), 0);
	cr_assert_eq(th_system("%s report build --period 2017S3 >/dev/null"
			       " 2>&1", cmd_db), 2);
	cr_assert_eq(th_system("%s report frobnicate --period 2017S1"
			       " >/dev/null 2>&1", cmd_db), 1);
	cr_assert_eq(th_system("%s report build --period 2017S1 --format docx"
			       " >/dev/null 2>&1", cmd_db), 2);
	/* the fixture has warnings: refused without --accept-warnings */
	cr_assert_eq(th_system("%s report finalise --period 2017S1"
			       " >/dev/null 2>&1", cmd_db), 2);
	cr_assert_eq(th_system("%s report list | grep -q 2017S1", cmd_db), 1);
	cr_assert_eq(th_system("%s report finalise --period 2017S1"
			       " --accept-warnings >/dev/null", cmd_db), 0);
	cr_assert_eq(th_system("%s report submit --period 2017S1 >/dev/null",
			       cmd_db), 0);
	cr_assert_eq(th_system("%s report submit --period 2017S1"
			       " >/dev/null 2>&1", cmd_db), 2);
	cr_assert_eq(th_system("%s report list | grep -q '2017S1 *1 *- *"
			       "queued'", cmd_db), 0);
	cr_assert_eq(th_system("%s report show --period 2017S1 --format html"
			       " | grep -q 'CỘNG HÒA XÃ HỘI'", cmd_db), 0);
	/* the stored bytes are printed as they are: their hash matches */
	cr_assert_eq(th_system("%s report show --period 2017S1 --format json"
			       " -o '%s' && sha256sum '%s' | cut -c1-12 >"
			       " '%s.sum' && %s report list | grep -q -f"
			       " '%s.sum'", cmd_db, out, out, out, cmd_db,
			       out), 0);
	cr_assert_eq(th_system("printf 'Thiếu kinh phí' > '%s.txt' && %s"
			       " report narrative --period 2017S2 --field"
			       " difficulties --file '%s.txt' >/dev/null &&"
			       " %s report narrative --period 2017S2 | grep -q"
			       " 'Thiếu kinh phí'", out, cmd_db, out, cmd_db),
		     0);
}

Test(report, parse_refuses_figures_that_could_overflow_a_sum)
{
	struct sx_error err = {0};
	struct sx_indicators ind;
	size_t len;
	char *json = build(db, "2017S1", &len);
	char *bad = malloc(len + 32);
	const char *at = strstr(json, "\"numerator\":8");

	cr_assert_not_null(at);
	/* the same report with T1's numerator set to 10^18 */
	int head = (int)(at - json) + (int)strlen("\"numerator\":");
	snprintf(bad, len + 32, "%.*s1000000000000000000%s", head, json,
		 at + strlen("\"numerator\":8"));
	indicators_init(&ind);
	cr_assert_eq(report_parse_indicators(bad, strlen(bad), NULL, &ind,
					     &err), SX_INVALID);
	cr_assert_not_null(strstr(err.msg, "numerator"), "%s", err.msg);
	indicators_release(&ind);
	free(bad);
	free(json);
}

Test(report, csv_defuses_formulas_and_text_strips_control_characters)
{
	struct sx_error err = {0};
	char *json, *out;

	fx_save(db, SXK_EVENT, NULL, "type", "workshop", "title",
		"=HYPERLINK(\"x\")", "held_on", "2017-05-05", NULL);
	cr_assert_eq(report_narrative_set(db, "2017S1", "results",
					  "a\x1b[2Jb", &err), SX_OK);
	json = build(db, "2017S1", NULL);
	out = render(json, SX_REPORT_CSV, NULL);
	has(out, ",\"'=HYPERLINK(\"\"x\"\")\",");
	free(out);
	out = render(json, SX_REPORT_TEXT, NULL);
	cr_assert_null(strchr(out, '\x1b'));
	free(out);
	free(json);
}

/* test_report_draft.c — the narrative being typed (report_draft.h): kept
 * and read back whole, removed on discard, and a stored value that is not
 * a draft is dropped rather than offered. */
#include "helpers.h"
#include "sxsh/report_draft.h"
#include "sxsh/settings.h"

static struct sx_db *db;
static char path[512];

static void setup(void)
{
	db = th_district_db(path, sizeof path);
}

static void teardown(void)
{
	sx_db_close(db);
}

TestSuite(report_draft, .init = setup, .fini = teardown);

static void release(char *texts[3])
{
	for (int i = 0; i < 3; i++)
		free(texts[i]);
}

Test(report_draft, kept_read_back_and_discarded)
{
	const char *in[3] = {"Kết quả: hỗ trợ 7 cơ sở\nDòng hai", NULL,
			     "Đề xuất \"thêm\" kinh phí"};
	char period[8], *out[3] = {0};
	struct sx_error err = {0};

	cr_assert_eq(report_draft_get(db, period, out, &err), SX_NOTFOUND);
	cr_assert_eq(report_draft_save(db, "2026S2", in, &err), SX_OK, "%s",
		     err.msg);
	cr_assert_eq(report_draft_get(db, period, out, &err), SX_OK);
	cr_assert_str_eq(period, "2026S2");
	cr_assert_str_eq(out[0], in[0]);
	cr_assert_str_eq(out[1], "");
	cr_assert_str_eq(out[2], in[2]);
	release(out);
	/* a second save replaces the first */
	in[1] = "Khó khăn";
	cr_assert_eq(report_draft_save(db, "2026S1", in, &err), SX_OK);
	cr_assert_eq(report_draft_get(db, period, out, &err), SX_OK);
	cr_assert_str_eq(period, "2026S1");
	cr_assert_str_eq(out[1], "Khó khăn");
	release(out);
	cr_assert_eq(report_draft_discard(db, &err), SX_OK);
	cr_assert_eq(report_draft_get(db, period, out, &err), SX_NOTFOUND);
	cr_assert_eq(report_draft_save(db, "quá dài cho một kỳ", in, &err),
		     SX_INVALID);
}

Test(report_draft, a_value_that_is_not_a_draft_is_dropped)
{
	char period[8], *out[3] = {0}, *left;
	struct sx_error err = {0};

	cr_assert_eq(settings_set(db, "report_narrative_draft",
				  "{\"period\":\"2026S2\",\"results\":3}", &err),
		     SX_OK);
	cr_assert_eq(report_draft_get(db, period, out, &err), SX_NOTFOUND);
	for (int i = 0; i < 3; i++)
		cr_assert_null(out[i]);
	left = settings_get(db, "report_narrative_draft");
	cr_assert_null(left, "not dropped: %s", left);
}

/* cli_core.c — the commands over the district database itself: init,
 * search, status, check, backup. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "sxsh/db.h"
#include "sxsh/indicators.h"
#include "sxsh/outbox.h"
#include "sxsh/period.h"
#include "sxsh/record.h"
#include "sxsh/refdata.h"
#include "sxsh/settings.h"
#include "sxsh/taxcode.h"
#include "sxsh/report.h"
#include "sxsh/text.h"

int cli_init(struct cli_ctx *ctx)
{
	const char *district = cli_opt(ctx, "district");
	const char *operator_name = cli_opt(ctx, "operator");
	struct sx_db *db = NULL;
	struct sx_error err = {0};
	int status;

	if (!district || !*district) {
		fprintf(stderr, "%s\n", cli_msg(ctx,
			"cách dùng: sxsh init --district MÃ_HUYỆN "
			"[--operator TÊN]  (ví dụ 123 = Huyện Mộc Châu)",
			"usage: sxsh init --district CODE [--operator NAME]"
			"  (e.g. 123 = Huyện Mộc Châu)"));
		return 1;
	}
	status = cli_open_db(ctx, 0, &db);
	if (status)
		return status;
	if (sx_db_init_district(db, district, operator_name, &err) != SX_OK) {
		status = cli_fail(ctx, &err);
		sx_db_close(db);
		return status;
	}
	printf("%s %s (%s): %s\n",
	       cli_msg(ctx, "Đã khởi tạo dữ liệu cho", "Initialised for"),
	       sx_db_district_name(db), sx_db_district_code(db), ctx->db_path);
	sx_db_close(db);
	return 0;
}

static const char *commune_name(struct sx_db *db, const char *code,
				struct sx_unit *buf)
{
	if (!code || refdata_unit(db, code, buf, NULL) != SX_OK)
		return "";
	return buf->name;
}

int cli_search(struct cli_ctx *ctx)
{
	static const char *const with_value[] = {"kind", "limit", NULL};
	const char *text = cli_positional(ctx, 0, with_value);
	const char *kind_name = cli_opt(ctx, "kind");
	const char *limit_s = cli_opt(ctx, "limit");
	const struct sx_kind_def *def;
	struct sx_list_query q = {0};
	struct sx_page page;
	struct sx_error err = {0};
	struct sx_db *db = NULL;
	int status;

	if (!text) {
		fprintf(stderr, "%s\n", cli_msg(ctx,
			"cách dùng: sxsh search CHỮ [--kind facility|person|"
			"event] [--limit N]",
			"usage: sxsh search TEXT [--kind facility|person|event]"
			" [--limit N]"));
		return 1;
	}
	def = record_kind_by_name(kind_name ? kind_name : "facility");
	if (!def || (def->kind != SXK_FACILITY && def->kind != SXK_PERSON &&
		     def->kind != SXK_EVENT)) {
		fprintf(stderr, "sxsh: --kind: facility, person, event\n");
		return 1;
	}
	status = cli_open_db(ctx, 1, &db);
	if (status)
		return status;
	q.kind = def->kind;
	q.text = text;
	q.limit = limit_s ? atoi(limit_s) : 20;
	if (q.limit <= 0 || q.limit > 1000)
		q.limit = 20;
	if (record_list(db, &q, &page, &err) != SX_OK) {
		status = cli_fail(ctx, &err);
		sx_db_close(db);
		return status;
	}
	for (int i = 0; i < page.count; i++) {
		const struct sx_record *r = page.rows[i];
		struct sx_unit unit;
		char tax[20] = "";
		const char *t = record_get(r, "tax_code");
		if (t)
			taxcode_display(t, tax, sizeof tax);
		printf("%s\t%s\t%s\t%s\n", r->uuid,
		       record_get(r, def->title_field)
			       ? record_get(r, def->title_field) : "",
		       tax, commune_name(db, record_get(r, "commune"), &unit));
	}
	if (page.count == 0)
		fprintf(stderr, "%s\n", cli_msg(ctx, "Không tìm thấy.",
						"Nothing found."));
	page_release(&page);
	sx_db_close(db);
	return 0;
}

static void print_ratio(const struct cli_ctx *ctx, const char *key,
			const struct sx_ratio *r)
{
	char pct[32] = "—", target[32];

	if (r->denominator > 0)
		text_format_decimal(100.0 * (double)r->numerator /
				    (double)r->denominator, 1, pct,
				    sizeof pct);
	if (r->target < 0) {
		/* the period is in no plan: there is no target */
		printf("  %s %s\n     %lld/%lld = %s%% (%s)\n", key,
		       indicators_label(key, ctx->lang), r->numerator,
		       r->denominator, pct, cli_msg(ctx,
		       "không thuộc kế hoạch nào", "in no plan"));
		return;
	}
	text_format_decimal(100.0 * r->target, 0, target, sizeof target);
	printf("  %s %s\n     %lld/%lld = %s%% (%s %s%%)\n", key,
	       indicators_label(key, ctx->lang), r->numerator,
	       r->denominator, pct,
	       cli_msg(ctx, "mục tiêu", "target"), target);
}

static void print_count(const struct cli_ctx *ctx, const char *key,
			const struct sx_count_target *c)
{
	printf("  %s %s\n     %lld %s, %lld %s (", key,
	       indicators_label(key, ctx->lang), c->period,
	       cli_msg(ctx, "trong kỳ", "in the period"),
	       c->cumulative, cli_msg(ctx, "luỹ kế", "cumulative"));
	if (c->target >= 0)
		printf("%s %lld)\n", cli_msg(ctx, "chỉ tiêu huyện",
					     "district share"), c->target);
	else if (c->province_total >= 0)
		printf("%s %lld)\n", cli_msg(ctx, "cả tỉnh", "province total"),
		       c->province_total);
	else
		printf("%s)\n", cli_msg(ctx, "không thuộc kế hoạch nào",
					 "in no plan"));
}

/* Indicators of the half-year that contains today, and its deadline. */
static void print_indicators(const struct cli_ctx *ctx, struct sx_db *db)
{
	char today[11], deadline[11], shown[16];
	enum sx_period_rule rule;
	struct sx_period p;
	struct sx_indicators ind;

	sx_today(today);
	if (period_rule_of(db, &rule, NULL) != SX_OK ||
	    period_containing(today, SX_PERIOD_S1, rule, &p, NULL) != SX_OK)
		return;
	indicators_init(&ind);
	if (indicators_compute(db, &p, &ind, NULL, NULL) == SX_OK) {
		printf("%s %s:\n",
		       cli_msg(ctx, "Chỉ tiêu kỳ", "Indicators for"),
		       p.name);
		print_ratio(ctx, "T1", &ind.t1);
		print_count(ctx, "T2", &ind.t2);
		print_count(ctx, "T3", &ind.t3);
		print_ratio(ctx, "T4", &ind.t4);
		if (period_deadline(db, &p, deadline, NULL) == SX_OK &&
		    text_format_date(deadline, shown, sizeof shown) == 0)
			printf("%s: %s\n", cli_msg(ctx, "Hạn gửi báo cáo",
						   "Report due"), shown);
	}
	indicators_release(&ind);
}

/* The province's answers to the district's reports, reason whole. */
static void print_answers(const struct cli_ctx *ctx, struct sx_db *db)
{
	struct sx_report_rev *revs = NULL;
	int n = 0;

	if (report_answer_list(db, &revs, &n, NULL) || n == 0)
		return;
	printf("%s:\n", cli_msg(ctx, "Trả lời của tỉnh về báo cáo",
				"The province's answers to reports"));
	for (int i = 0; i < n; i++) {
		char iso[11], when[11] = "";
		snprintf(iso, sizeof iso, "%.10s", revs[i].status_at[0] ?
			 revs[i].status_at : revs[i].finalised_at);
		text_format_date(iso, when, sizeof when);
		printf("  %s %s %d: %s (%s)", revs[i].period,
		       cli_msg(ctx, "bản", "revision"), revs[i].revision,
		       report_status_label(revs[i].status, ctx->lang), when);
		if (revs[i].status_reason[0])
			printf(" — %s: %s", cli_msg(ctx, "lý do", "reason"),
			       revs[i].status_reason);
		putchar('\n');
	}
	free(revs);
}

int cli_status(struct cli_ctx *ctx)
{
	struct sx_db *db = NULL;
	struct sx_error err = {0};
	long long counts[SXK_COUNT];
	long long pending = 0, rejected = 0;
	char *last_sync, *operator_name, *backup_error;
	int status = cli_open_db(ctx, 1, &db);

	if (status)
		return status;
	if (record_count_all(db, counts, &err) != SX_OK ||
	    outbox_size(db, &pending, &rejected, &err) != SX_OK) {
		status = cli_fail(ctx, &err);
		sx_db_close(db);
		return status;
	}
	operator_name = settings_get(db, "operator");
	last_sync = settings_get(db, "last_sync_at");
	printf("%s: %s (%s)\n", cli_msg(ctx, "Huyện", "District"),
	       sx_db_district_name(db)[0] ? sx_db_district_name(db)
					  : cli_msg(ctx, "chưa khởi tạo",
						    "not initialised"),
	       sx_db_district_code(db));
	if (operator_name)
		printf("%s: %s\n", cli_msg(ctx, "Người dùng", "Operator"),
		       operator_name);
	for (int k = 0; k < SXK_COUNT; k++) {
		const struct sx_kind_def *def = record_kind((enum sx_kind)k);
		const char *label = cli_msg(ctx, def->label_vi, def->label_en);
		/* pad by display columns, not bytes */
		printf("  %s%*s %lld\n", label, 34 - text_width(label), "",
		       counts[k]);
	}
	if (sx_db_district_code(db)[0])
		print_indicators(ctx, db);
	print_answers(ctx, db);
	printf("%s: %lld", cli_msg(ctx, "Thay đổi chờ gửi", "Changes waiting"),
	       pending);
	if (rejected)
		printf(" (+%lld %s)", rejected,
		       cli_msg(ctx, "bị từ chối", "rejected"));
	printf("\n%s: %s\n",
	       cli_msg(ctx, "Đồng bộ lần cuối", "Last sync"),
	       last_sync ? last_sync : cli_msg(ctx, "chưa", "never"));
	backup_error = settings_get(db, "autobackup_error");
	if (backup_error)
		printf("%s: %s\n", cli_msg(ctx, "Sao lưu tự động bị lỗi",
					   "Automatic backup failed"),
		       backup_error);
	free(backup_error);
	free(operator_name);
	free(last_sync);
	sx_db_close(db);
	return 0;
}

int cli_check(struct cli_ctx *ctx)
{
	struct sx_db *db = NULL;
	struct sx_error err = {0};
	struct sx_error open_err = {0};
	int problems = 0;

	if (sx_db_open(ctx->db_path, SX_OPEN_READONLY | SX_OPEN_NOCREATE, &db,
		       &open_err) != SX_OK)
		return cli_fail(ctx, &open_err);
	if (sx_db_check(db, &problems, &err) != SX_OK) {
		fprintf(stderr, "sxsh: %s: %d — %s\n",
			cli_msg(ctx, "tệp dữ liệu có lỗi",
				"the database has problems"),
			problems, err.msg);
		sx_db_close(db);
		return 5;
	}
	printf("%s (schema %d)\n",
	       cli_msg(ctx, "Tệp dữ liệu nguyên vẹn", "Database is intact"),
	       sx_db_schema_version(db));
	sx_db_close(db);
	return 0;
}

int cli_backup(struct cli_ctx *ctx)
{
	const char *dest = cli_positional(ctx, 0, NULL);
	struct sx_db *db = NULL;
	struct sx_error err = {0};
	int status;

	if (!dest) {
		fprintf(stderr, "%s\n", cli_msg(ctx,
			"cách dùng: sxsh backup TỆP",
			"usage: sxsh backup FILE"));
		return 1;
	}
	status = cli_open_db(ctx, 1, &db);
	if (status)
		return status;
	if (sx_db_backup(db, dest, &err) != SX_OK)
		status = cli_fail(ctx, &err);
	else
		printf("%s %s\n",
		       cli_msg(ctx, "Đã sao lưu vào", "Backed up to"),
		       dest);
	sx_db_close(db);
	return status;
}

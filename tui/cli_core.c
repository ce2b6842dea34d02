/* cli_core.c — the commands over the district database itself: init,
 * search, status, check, backup. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "i18n.h"
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

int cli_init(struct cmdline_app *ctx)
{
	const char *district = cli_opt(ctx, "district");
	const char *operator_name = cli_opt(ctx, "operator");
	struct sx_db *db = NULL;
	struct sx_error err = {0};
	int status;

	status = cli_open_db(ctx, 0, &db);
	if (status)
		return status;
	if (sx_db_init_district(db, district, operator_name, &err) != SX_OK) {
		status = cli_fail(ctx, &err);
		sx_db_close(db);
		return status;
	}
	printf("%s %s (%s): %s\n",
	       tr(M_CLI_INITIALISED_FOR),
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

int cli_search(struct cmdline_app *ctx)
{
	const char *text = cli_arg(ctx, 0);
	const char *kind_name = cli_opt(ctx, "kind");
	const char *limit_s = cli_opt(ctx, "limit");
	const struct sx_kind_def *def;
	struct sx_list_query q = {0};
	struct sx_page page;
	struct sx_error err = {0};
	struct sx_db *db = NULL;
	int status;

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
		fprintf(stderr, "%s\n", tr(M_CLI_NOTHING_FOUND));
	page_release(&page);
	sx_db_close(db);
	return 0;
}

static void print_ratio(const struct cmdline_app *ctx, const char *key,
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
		       r->denominator, pct, tr(M_CLI_IN_NO_PLAN));
		return;
	}
	text_format_decimal(100.0 * r->target, 0, target, sizeof target);
	printf("  %s %s\n     %lld/%lld = %s%% (%s %s%%)\n", key,
	       indicators_label(key, ctx->lang), r->numerator,
	       r->denominator, pct,
	       tr(M_CLI_TARGET), target);
}

static void print_count(const struct cmdline_app *ctx, const char *key,
			const struct sx_count_target *c)
{
	printf("  %s %s\n     %lld %s, %lld %s (", key,
	       indicators_label(key, ctx->lang), c->period,
	       tr(M_CLI_IN_THE_PERIOD),
	       c->cumulative, tr(M_CLI_CUMULATIVE));
	if (c->target >= 0)
		printf("%s %lld)\n", tr(M_CLI_DISTRICT_SHARE), c->target);
	else if (c->province_total >= 0)
		printf("%s %lld)\n", tr(M_CLI_PROVINCE_TOTAL),
		       c->province_total);
	else
		printf("%s)\n", tr(M_CLI_IN_NO_PLAN));
}

/* Indicators of the half-year that contains today, and its deadline. */
static void print_indicators(const struct cmdline_app *ctx, struct sx_db *db)
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
		       tr(M_CLI_INDICATORS_FOR),
		       p.name);
		print_ratio(ctx, "T1", &ind.t1);
		print_count(ctx, "T2", &ind.t2);
		print_count(ctx, "T3", &ind.t3);
		print_ratio(ctx, "T4", &ind.t4);
		if (period_deadline(db, &p, deadline, NULL) == SX_OK &&
		    text_format_date(deadline, shown, sizeof shown) == 0)
			printf("%s: %s\n", tr(M_CLI_REPORT_DUE), shown);
	}
	indicators_release(&ind);
}

/* The province's answers to the district's reports, reason whole. */
static void print_answers(const struct cmdline_app *ctx, struct sx_db *db)
{
	struct sx_report_rev *revs = NULL;
	int n = 0;

	if (report_answer_list(db, &revs, &n, NULL) || n == 0)
		return;
	printf("%s:\n", tr(M_CLI_THE_PROVINCE_S_ANSWERS));
	for (int i = 0; i < n; i++) {
		char iso[11], when[11] = "";
		snprintf(iso, sizeof iso, "%.10s", revs[i].status_at[0] ?
			 revs[i].status_at : revs[i].finalised_at);
		text_format_date(iso, when, sizeof when);
		printf("  %s %s %d: %s (%s)", revs[i].period,
		       tr(M_CLI_REVISION), revs[i].revision,
		       report_status_label(revs[i].status, ctx->lang), when);
		if (revs[i].status_reason[0])
			printf(" — %s: %s", tr(M_CLI_REASON),
			       revs[i].status_reason);
		putchar('\n');
	}
	free(revs);
}

int cli_status(struct cmdline_app *ctx)
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
	printf("%s: %s (%s)\n", tr(M_CLI_DISTRICT),
	       sx_db_district_name(db)[0] ? sx_db_district_name(db)
					  : tr(M_CLI_NOT_INITIALISED),
	       sx_db_district_code(db));
	if (operator_name)
		printf("%s: %s\n", tr(M_CLI_OPERATOR),
		       operator_name);
	for (int k = 0; k < SXK_COUNT; k++) {
		const struct sx_kind_def *def = record_kind((enum sx_kind)k);
		const char *label = tr_pick(def->label_vi, def->label_en);
		/* pad by display columns, not bytes */
		printf("  %s%*s %lld\n", label, 34 - text_width(label), "",
		       counts[k]);
	}
	if (sx_db_district_code(db)[0])
		print_indicators(ctx, db);
	print_answers(ctx, db);
	printf("%s: %lld", tr(M_CLI_CHANGES_WAITING),
	       pending);
	if (rejected)
		printf(" (+%lld %s)", rejected,
		       tr(M_CLI_REJECTED));
	printf("\n%s: %s\n",
	       tr(M_CLI_LAST_SYNC),
	       last_sync ? last_sync : tr(M_CLI_NEVER));
	backup_error = settings_get(db, "autobackup_error");
	if (backup_error)
		printf("%s: %s\n", tr(M_CLI_AUTOMATIC_BACKUP_FAILED),
		       backup_error);
	free(backup_error);
	free(operator_name);
	free(last_sync);
	sx_db_close(db);
	return 0;
}

int cli_check(struct cmdline_app *ctx)
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
			tr(M_CLI_THE_DATABASE_HAS_PROBLEMS),
			problems, err.msg);
		sx_db_close(db);
		return 5;
	}
	printf("%s (schema %d)\n",
	       tr(M_CLI_DATABASE_IS_INTACT),
	       sx_db_schema_version(db));
	sx_db_close(db);
	return 0;
}

int cli_backup(struct cmdline_app *ctx)
{
	const char *dest = cli_arg(ctx, 0);
	struct sx_db *db = NULL;
	struct sx_error err = {0};
	int status;

	status = cli_open_db(ctx, 1, &db);
	if (status)
		return status;
	if (sx_db_backup(db, dest, &err) != SX_OK)
		status = cli_fail(ctx, &err);
	else
		printf("%s %s\n",
		       tr(M_CLI_BACKED_UP_TO),
		       dest);
	sx_db_close(db);
	return status;
}

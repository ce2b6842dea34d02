/* gen_district.c — writes a generated district database for the benches.
 *
 *   gen_district --facilities 100000 --out FILE [--seed N] [--district 123]
 *                [--batch ROWS] [--facilities-only]
 *
 * Refuses an existing FILE (a bench must not append to old data).  Prints
 * how long each record kind took to save through record_save, which is
 * also what an import of that many rows costs at the least.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench.h"
#include "datagen.h"

static int usage(void)
{
	fprintf(stderr, "usage: gen_district --facilities N --out FILE "
		"[--seed N] [--district CODE] [--batch ROWS] "
		"[--facilities-only]\n");
	return 1;
}

int main(int argc, char **argv)
{
	struct dg_config cfg = {.district = "123", .facilities = 0, .seed = 1};
	const char *out = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--facilities-only") == 0) {
			cfg.facilities_only = 1;
			continue;
		}
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!v)
			return usage();
		if (strcmp(argv[i], "--facilities") == 0)
			cfg.facilities = atol(v);
		else if (strcmp(argv[i], "--out") == 0)
			out = v;
		else if (strcmp(argv[i], "--seed") == 0)
			cfg.seed = strtoull(v, NULL, 10);
		else if (strcmp(argv[i], "--district") == 0)
			cfg.district = v;
		else if (strcmp(argv[i], "--batch") == 0)
			cfg.batch = atoi(v);
		else
			return usage();
		i++;
	}
	if (!out || cfg.facilities <= 0)
		return usage();
	if (bench_file_size(out) >= 0) {
		fprintf(stderr, "gen_district: %s exists; refusing to add to "
			"it\n", out);
		return 1;
	}
	/* The tax-code generator must agree with the law's check digit. */
	if (!dg_taxcode_valid("0100047516") ||
	    !dg_taxcode_valid("0314409058002") ||
	    dg_taxcode_valid("0100233480")) {
		fprintf(stderr, "gen_district: tax-code check digit wrong\n");
		return 1;
	}

	struct sx_error err = {0};
	struct sx_db *db = NULL;
	struct dg_stats st;
	if (sx_db_open(out, 0, &db, &err) != SX_OK ||
	    sx_db_init_district(db, cfg.district, "Bench", &err) != SX_OK) {
		fprintf(stderr, "gen_district: %s\n", err.msg);
		sx_db_close(db);
		return 5;
	}
	enum sx_err rc = dg_generate(db, &cfg, &st, &err);
	sx_db_close(db);
	if (rc != SX_OK) {
		fprintf(stderr, "gen_district: %s: %s\n", sx_err_name(rc),
			err.msg);
		return 5;
	}

	long long related = 0;
	printf("generated %s: %ld facilities, seed %llu, district %s\n", out,
	       cfg.facilities, (unsigned long long)cfg.seed, cfg.district);
	for (int k = 0; k < SXK_COUNT; k++) {
		const struct sx_kind_def *def = record_kind(k);
		if (k != SXK_FACILITY)
			related += st.rows[k];
		printf("  %-16s %9lld rows %9.1f s %8.1f us/row\n",
		       def ? def->name : "?", st.rows[k], st.ms[k] / 1e3,
		       st.rows[k] ? st.ms[k] * 1e3 / (double)st.rows[k] : 0);
	}
	printf("  related rows %lld; total %.1f s; file %.1f MB; peak RSS "
	       "%.1f MB\n", related, st.total_ms / 1e3,
	       (double)bench_file_size(out) / 1048576.0,
	       (double)bench_peak_rss_kb() / 1024.0);
	return 0;
}

/* bench_import.c — importing 100,000 facilities from a CSV (goal: under
 * 10 s, issue 4), through the library and through the release binary,
 * plus encoding detection of the same file in VNI.  Writes its own CSV
 * (Vietnamese names, valid tax codes on most rows, communes of district
 * 123 by name or code) into a temporary folder. */
#include "bench.h"
#include "sxsh/db.h"
#include "sxsh/encoding.h"
#include "sxsh/import.h"

#define ROWS rows
#define RUNS 3

/* SXSH_BENCH_IMPORT_ROWS makes a smaller file for profiling. */
static long rows = 100000;

static const char *const communes[] = {
	"03979", "Xã Chiềng Sơn", "03988", "Thị trấn Nông trường Mộc Châu",
	"03991", "03997", "04000", "04003", "04012", "04015"
};
static const char *const vsic[] = {"10620", "1076", "1072", "10710",
				   "10611", "10730"};
static const char *const words[] = {
	"Tinh bột", "Chè", "Cà phê", "Đường mía", "Chế biến", "Nông sản",
	"Mường La", "Tân Lập", "Chiềng Sơn", "Hương Sơn", "Phúc Sạn",
	"Vân Hồ", "Quỳnh Nhai", "Thảo Nguyên"
};
static const char *const kinds[] = {"Doanh nghiệp", "Hợp tác xã",
				    "Hộ kinh doanh"};

/* A valid 10-digit tax code from a 7-digit sequence, or "" when that
 * prefix has no check digit. */
static void tax_code(long seq, char out[16])
{
	static const int w[9] = {31, 29, 23, 19, 17, 13, 7, 5, 3};
	char nine[10];
	int sum = 0, r;

	snprintf(nine, sizeof nine, "55%07ld", seq % 10000000);
	for (int i = 0; i < 9; i++)
		sum += (nine[i] - '0') * w[i];
	r = sum % 11;
	if (r == 0 || 10 - r > 9) {
		out[0] = '\0';
		return;
	}
	snprintf(out, 16, "%s%d", nine, 10 - r);
}

static char *make_csv(size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	if (!f)
		return NULL;
	fputs("STT;tên cơ sở;loại hình;mã số thuế;mã ngành;xã;địa chỉ;"
	      "điện thoại;số lao động;có tiềm năng SXSH;nguy cơ ô nhiễm;"
	      "tình trạng\r\n", f);
	for (long i = 1; i <= ROWS; i++) {
		char tax[16] = "";
		if (i % 10 != 0)
			tax_code(i, tax);
		fprintf(f, "%ld;\"Cơ sở %s %s số %ld\";%s;%s;%s;%s;"
			"\"Bản %s, tổ %ld\";0212 3%06ld;%ld;%s;%s;%s\r\n",
			i, words[i % 14], words[(i / 14) % 14], i,
			kinds[i % 3], tax, vsic[i % 6], communes[i % 10],
			words[(i / 7) % 14], i % 20 + 1, i % 1000000,
			i % 300 + 1, i % 3 ? "x" : "", i % 5 ? "không" : "có",
			i % 50 ? "Đang hoạt động" : "Tạm ngừng");
	}
	fclose(f);
	return buf;
}

static struct sx_db *fresh_db(const char *path)
{
	struct sx_db *db = NULL;
	struct sx_error err = {0};

	unlink(path);
	if (sx_db_open(path, 0, &db, &err) ||
	    sx_db_init_district(db, "123", "bench", &err)) {
		fprintf(stderr, "bench_import: %s\n", err.msg);
		sx_db_close(db);
		return NULL;
	}
	return db;
}

int main(void)
{
	char dir[] = "/tmp/sxsh-bench-import-XXXXXX";
	char csv_path[128], db_path[128], vni_path[128];
	const char *bin = getenv("SXSH_BIN");
	struct import_opts o = {0};
	struct import_result res;
	struct sx_error err = {0};
	struct sx_db *db;
	char *csv, *vni = NULL;
	size_t len = 0, vlen = 0;
	struct bench_samples wall = {0}, cpu = {0};
	double t0, detect_ms;
	long written = 0;
	enum sx_encoding enc;
	int missed = 0;
	FILE *f;

	if (getenv("SXSH_BENCH_IMPORT_ROWS"))
		rows = atol(getenv("SXSH_BENCH_IMPORT_ROWS"));
	if (!mkdtemp(dir) || rows < 1)
		return 1;
	snprintf(csv_path, sizeof csv_path, "%s/facilities.csv", dir);
	snprintf(vni_path, sizeof vni_path, "%s/facilities-vni.csv", dir);
	snprintf(db_path, sizeof db_path, "%s/sxsh.db", dir);
	csv = make_csv(&len);
	if (!csv)
		return 1;
	f = fopen(csv_path, "wb");
	if (!f || fwrite(csv, 1, len, f) != len)
		return 1;
	fclose(f);

	bench_title("import %ld facilities (%.1f MB CSV)", ROWS,
		    (double)len / 1e6);
	/* Three runs, each into a fresh database: the time of one run moves
	 * by up to a fifth on this kind of machine, so the goal holds for
	 * the worst of them. */
	o.kind = SXK_FACILITY;
	for (int run = 0; run < RUNS; run++) {
		double cpu0;
		db = fresh_db(db_path);
		if (!db)
			return 1;
		t0 = bench_now_ms();
		cpu0 = bench_cpu_ms();
		if (import_data(db, csv, len, &o, &res, &err) != SX_OK) {
			fprintf(stderr, "bench_import: %s (%s)\n", err.msg,
				res.nproblems ? res.problems[0].msg_en : "");
			return 1;
		}
		bench_samples_add(&wall, bench_now_ms() - t0);
		bench_samples_add(&cpu, bench_cpu_ms() - cpu0);
		written = res.inserted;
		import_result_release(&res);
		sx_db_close(db);
	}
	missed += bench_row_ms("import_data, all rows (library, 3 runs)",
			       bench_median(&wall), bench_worst(&wall), 0,
			       10000);
	bench_row_ms("  of which CPU time of this process",
		     bench_median(&cpu), bench_worst(&cpu), 0, 0);
	bench_samples_release(&wall);
	bench_samples_release(&cpu);
	bench_row_value("rows written", "%ld", written);
	bench_row_value("peak memory (this process)", "%ld KiB",
			bench_peak_rss_kb());

	if (encoding_from_utf8(csv, SXE_VNI, &vni, &vlen, &err) == SX_OK) {
		t0 = bench_now_ms();
		encoding_detect(vni, vlen, &enc, NULL, &err);
		detect_ms = bench_now_ms() - t0;
		bench_row_ms("detect encoding of the file in VNI", detect_ms,
			     detect_ms, 0, 0);
		bench_row_value("detected", "%s", encoding_name(enc));
		f = fopen(vni_path, "wb");
		if (f) {
			fwrite(vni, 1, vlen, f);
			fclose(f);
		}
	}
	free(vni);

	if (bin && *bin) {
		struct bench_run run;
		char *argv[] = {(char *)bin, "--db", db_path, "import",
				"facilities", csv_path, NULL};
		char *argv_vni[] = {(char *)bin, "--db", db_path, "import",
				    "facilities", vni_path, NULL};
		db = fresh_db(db_path);
		sx_db_close(db);
		if (bench_run_child(argv, 1, &run) == 0) {
			missed += bench_row_ms("sxsh import facilities",
					       run.wall_ms, run.wall_ms, 10000,
					       0);
			bench_row_value("exit status, peak memory",
					"%d, %ld KiB",
					run.status, run.peak_rss_kb);
		}
		db = fresh_db(db_path);
		sx_db_close(db);
		if (bench_run_child(argv_vni, 1, &run) == 0) {
			missed += bench_row_ms("sxsh import of the VNI file",
					       run.wall_ms, run.wall_ms, 10000,
					       0);
			bench_row_value("exit status", "%d", run.status);
		}
	}
	free(csv);
	unlink(csv_path);
	unlink(vni_path);
	unlink(db_path);
	{
		char side[160];
		snprintf(side, sizeof side, "%s-wal", db_path);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", db_path);
		unlink(side);
	}
	rmdir(dir);
	return missed ? 1 : 0;
}

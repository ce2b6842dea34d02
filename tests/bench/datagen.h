/* datagen.h — a deterministic generator of a realistic district data set.
 *
 * Models a district of Sơn La (Huyện Mộc Châu, 123, by default): its
 * facilities — enterprises, cooperatives and household businesses of the
 * plan's priority sectors (tea, cassava starch, coffee, cane sugar, milk,
 * wood, bricks, …) with Vietnamese names, valid and unique tax codes,
 * communes of the district — and, in proportion, the officers and
 * collaborators, outreach events with the facilities reached and the
 * people trained, CP assessments with their solutions, and yearly
 * consumption.  Everything is written through the core API (record_save),
 * so the data passes the same validation as a user's.
 *
 * Deterministic: one seed gives the same records in the same order; only
 * the uuids (drawn by core from getrandom) and updated_at differ between
 * runs.  Related rows come to about 10 per facility (2,000 facilities →
 * ~20,000 related rows; 100,000 → ~1,000,000).
 *
 * Header-only with static inline functions: every bench source is its
 * own program, and tests/test_crash.c borrows the tax-code and name helpers.
 */
#ifndef SXSH_BENCH_DATAGEN_H
#define SXSH_BENCH_DATAGEN_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "sxsh/db.h"
#include "sxsh/err.h"
#include "sxsh/record.h"
#include "sxsh/refdata.h"
#include "bench.h"

/* ---- seeded PRNG (splitmix64) -------------------------------------------- */

struct dg_rng {
	uint64_t state;
};

static inline uint64_t dg_next(struct dg_rng *r)
{
	uint64_t z = (r->state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n) (n > 0; the modulo bias is far below what matters). */
static inline unsigned dg_below(struct dg_rng *r, unsigned n)
{
	return (unsigned)(dg_next(r) % n);
}

/* Uniform in [lo, hi]. */
static inline long long dg_range(struct dg_rng *r, long long lo,
				 long long hi)
{
	return lo + (long long)(dg_next(r) % (uint64_t)(hi - lo + 1));
}

/* 1 with probability percent/100. */
static inline int dg_chance(struct dg_rng *r, unsigned percent)
{
	return dg_below(r, 100) < percent;
}

#define DG_COUNT(a) ((unsigned)(sizeof(a) / sizeof((a)[0])))
#define DG_PICK(r, a) ((a)[dg_below((r), DG_COUNT(a))])

/* ---- tax codes ------------------------------------------------------------ */

/* Check digit of a 10-digit tax code from its first nine digits: weights
 * 31 29 23 19 17 13 7 5 3, digit 10 = 10 - (sum mod 11).  Returns -1 when
 * the remainder is 0 (no valid code has that prefix) or a character is not
 * a digit. */
static inline int dg_taxcode_check_digit(const char *nine)
{
	static const int w[9] = {31, 29, 23, 19, 17, 13, 7, 5, 3};
	int sum = 0;
	for (int i = 0; i < 9; i++) {
		if (nine[i] < '0' || nine[i] > '9')
			return -1;
		sum += (nine[i] - '0') * w[i];
	}
	int rem = sum % 11;
	return rem == 0 ? -1 : 10 - rem;
}

/* 1 when code is a valid compact tax code: 10 digits with the right check
 * digit, or 13 digits whose branch (last three) is 001–999. */
static inline int dg_taxcode_valid(const char *code)
{
	size_t n = strlen(code);
	if (n != 10 && n != 13)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (code[i] < '0' || code[i] > '9')
			return 0;
	int d = dg_taxcode_check_digit(code);
	if (d < 0 || code[9] - '0' != d)
		return 0;
	return n == 10 || strcmp(code + 10, "000") != 0;
}

/* Tax codes of Sơn La (prefix 55) that never repeat: the seq-th value of a
 * permutation of the seven-digit serials, skipping the prefixes that have
 * no check digit.  *seq advances past what was used.  out holds 11 bytes. */
static inline void dg_taxcode_next(uint64_t *seq, uint64_t offset,
				   char out[11])
{
	for (;;) {
		/* 7919 is prime to 10^7, so this walks every serial once. */
		uint64_t serial = (*seq * 7919u + offset) % 10000000u;
		(*seq)++;
		snprintf(out, 11, "55%07llu", (unsigned long long)serial);
		int d = dg_taxcode_check_digit(out);
		if (d < 0)
			continue;
		out[9] = (char)('0' + d);
		out[10] = '\0';
		return;
	}
}

/* ---- words ------------------------------------------------------------------ */

/* A priority sector: what the name says, what an address book says, and
 * its VSIC 2018 code (all exist in core/data/vsic2018.csv). */
struct dg_sector {
	const char *product;     /* in a company name: "Chè" */
	const char *activity;    /* in a household's name: "chế biến chè" */
	const char *vsic;
	unsigned weight;
	unsigned pollution;      /* percent with pollution_risk */
};

static const struct dg_sector dg_sectors[] = {
	{"Chè", "chế biến chè", "10760", 22, 30},
	{"Tinh bột sắn", "chế biến tinh bột sắn", "10620", 8, 80},
	{"Cà phê", "chế biến cà phê", "10770", 8, 60},
	{"Mía đường", "sản xuất đường", "10720", 3, 80},
	{"Sữa", "chế biến sữa", "10500", 6, 40},
	{"Chế biến gỗ", "cưa xẻ gỗ", "16101", 9, 30},
	{"Đồ gỗ", "mộc dân dụng", "31001", 7, 20},
	{"Gạch", "sản xuất gạch", "23920", 7, 70},
	{"Bê tông", "sản xuất gạch không nung", "23950", 3, 40},
	{"Đá xây dựng", "khai thác đá", "08101", 3, 60},
	{"Thức ăn chăn nuôi", "sản xuất thức ăn chăn nuôi", "10800", 3, 30},
	{"Nông sản", "xay xát", "10611", 8, 10},
	{"Thực phẩm", "giết mổ gia súc", "10101", 4, 50},
	{"Rượu", "nấu rượu", "11010", 4, 20},
	{"Nước khoáng", "sản xuất nước tinh khiết", "11041", 2, 10},
	{"Cơ khí", "gia công cơ khí", "25920", 3, 30},
};

static inline const struct dg_sector *dg_sector_pick(struct dg_rng *r)
{
	unsigned total = 0;
	for (unsigned i = 0; i < DG_COUNT(dg_sectors); i++)
		total += dg_sectors[i].weight;
	unsigned x = dg_below(r, total);
	for (unsigned i = 0; i < DG_COUNT(dg_sectors); i++) {
		if (x < dg_sectors[i].weight)
			return &dg_sectors[i];
		x -= dg_sectors[i].weight;
	}
	return &dg_sectors[0];
}

/* Surnames weighted roughly as in Sơn La: Kinh, Thái, Mông families. */
static const char *const dg_surnames[] = {
	"Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Lê", "Lê", "Phạm",
	"Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Đinh", "Hà", "Lò", "Lò", "Cầm",
	"Quàng", "Tòng", "Lường", "Vì", "Sầm", "Giàng", "Mùa", "Thào",
	"Sùng", "Vàng", "Lù", "Điêu",
};
static const char *const dg_middles_m[] = {
	"Văn", "Văn", "Văn", "Đức", "Minh", "Hữu", "Xuân", "Thanh", "Quang",
	"A",
};
static const char *const dg_middles_f[] = {
	"Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng",
};
static const char *const dg_given_m[] = {
	"Đức", "Minh", "Hùng", "Thắng", "Dũng", "Tuấn", "Sơn", "Cường",
	"Khánh", "Long", "Nam", "Bình", "Chiến", "Dương", "Hải", "Hiếu",
	"Quý", "Trung", "Việt", "Phong", "Tiến", "Thành", "Lợi", "Chính",
};
static const char *const dg_given_f[] = {
	"Lan", "Hương", "Mai", "Hoa", "Phương", "Thủy", "Ánh", "Ngọc",
	"Hằng", "Yến", "Dung", "Nga", "Thảo", "Xuân", "Hiền", "Ơn",
};

/* Brand words of company names. */
static const char *const dg_brands[] = {
	"Hoàng Long", "Phúc Thịnh", "An Phát", "Minh Đức", "Thành Công",
	"Hưng Thịnh", "Đại Việt", "Sao Mai", "Tây Bắc", "Việt Úc",
	"Trường Sơn", "Hòa Bình", "Tân Phú", "Bình Minh", "Đức Anh",
	"Thái Sơn", "Hồng Hà", "Phú Mỹ", "Mường Thanh", "Thảo Nguyên",
};
/* Places that name things in the province. */
static const char *const dg_places[] = {
	"Mộc Châu", "Mộc Châu", "Mường La", "Sơn La", "Thuận Châu",
	"Yên Châu", "Mai Sơn", "Sông Mã", "Phù Yên", "Bắc Yên", "Quỳnh Nhai",
	"Vân Hồ", "Sốp Cộp", "Tây Bắc", "Chiềng Sơn", "Nà Mường", "Tân Lập",
	"Mường Sang", "Đông Sang", "Hua Păng", "Nà Ka", "Pa Khen",
};
static const char *const dg_villages[] = {
	"Bản Nà Sàng", "Bản Pa Khen", "Bản Co Sung", "Bản Áng", "Bản Búa",
	"Bản Dọi", "Bản Hua Tát", "Bản Nà Bó", "Bản Suối Bon", "Bản Phát",
	"Bản Mường La", "Bản Tà Số", "Bản Chiềng Đi", "Bản Nà Ka",
	"Tiểu khu 1", "Tiểu khu 4", "Tiểu khu 9", "Tiểu khu 32",
	"Tiểu khu Bó Bun", "Tiểu khu Cơ Quan",
};
static const char *const dg_streets[] = {
	"Đường Mường Thanh", "Đường Tô Hiệu", "Đường Lò Văn Giá",
	"Đường Chu Văn Thịnh", "Đường Trường Chinh", "Quốc lộ 6",
	"Quốc lộ 43", "Đường Nguyễn Lương Bằng", "Đường 19/8",
};

/* A person's name into out: "Nguyễn Văn Đức". */
static inline void dg_person_name(struct dg_rng *r, char *out, size_t n)
{
	if (dg_chance(r, 60))
		snprintf(out, n, "%s %s %s", DG_PICK(r, dg_surnames),
			 DG_PICK(r, dg_middles_m), DG_PICK(r, dg_given_m));
	else
		snprintf(out, n, "%s %s %s", DG_PICK(r, dg_surnames),
			 DG_PICK(r, dg_middles_f), DG_PICK(r, dg_given_f));
}

/* An address in the commune into out ("Bản Nà Sàng, Xã Chiềng Sơn"). */
static inline void dg_address(struct dg_rng *r, const char *commune_name,
			      char *out, size_t n)
{
	if (dg_chance(r, 30))
		snprintf(out, n, "Số %u %s, %s", 1 + dg_below(r, 250),
			 DG_PICK(r, dg_streets), commune_name);
	else
		snprintf(out, n, "%s, %s", DG_PICK(r, dg_villages),
			 commune_name);
}

/* A mobile number, ten digits ("09xxxxxxxx" / "03xxxxxxxx"). */
static inline void dg_phone(struct dg_rng *r, char out[16])
{
	snprintf(out, 16, "0%c%08u", dg_chance(r, 60) ? '9' : '3',
		 (unsigned)dg_below(r, 100000000));
}

/* A date "YYYY-MM-DD" between the years (inclusive); day ≤ 28 so it is
 * always real.  out holds 11 bytes. */
static inline void dg_date(struct dg_rng *r, int y0, int y1, char out[11])
{
	char buf[40];
	snprintf(buf, sizeof buf, "%04d-%02d-%02d",
		 (int)dg_range(r, y0, y1) % 10000, (int)dg_range(r, 1, 12),
		 (int)dg_range(r, 1, 28));
	memcpy(out, buf, 10);
	out[10] = '\0';
}

/* A date d days (0–400) after from, capped at the cap date. */
static inline void dg_date_after(struct dg_rng *r, const char *from,
				 const char *cap, char out[11])
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = atoi(from) - 1900;
	tm.tm_mon = atoi(from + 5) - 1;
	tm.tm_mday = atoi(from + 8) + (int)dg_below(r, 400);
	tm.tm_hour = 12;
	timegm(&tm);
	char buf[40];
	snprintf(buf, sizeof buf, "%04d-%02d-%02d",
		 (tm.tm_year + 1900) % 10000, tm.tm_mon + 1, tm.tm_mday);
	memcpy(out, buf, 10);
	out[10] = '\0';
	if (strcmp(out, cap) > 0)
		snprintf(out, 11, "%s", cap);
}

/* A facility's name: enterprise, cooperative or household business. */
static inline void dg_facility_name(struct dg_rng *r, const char *kind,
				    const struct dg_sector *s, char *out,
				    size_t n)
{
	char person[96];
	if (strcmp(kind, "enterprise") == 0) {
		unsigned f = dg_below(r, 20);
		const char *form = f < 11 ? "Công ty TNHH"
				 : f < 18 ? "Công ty cổ phần"
					  : "Công ty TNHH một thành viên";
		switch (dg_below(r, 3)) {
		case 0:
			snprintf(out, n, "%s %s %s", form, s->product,
				 DG_PICK(r, dg_places));
			break;
		case 1:
			snprintf(out, n, "%s %s %s", form, s->product,
				 DG_PICK(r, dg_brands));
			break;
		default:
			snprintf(out, n, "%s %s", form, DG_PICK(r, dg_brands));
		}
	} else if (strcmp(kind, "cooperative") == 0) {
		snprintf(out, n, "Hợp tác xã %s %s", s->product,
			 DG_PICK(r, dg_places));
	} else {
		dg_person_name(r, person, sizeof person);
		if (dg_chance(r, 50))
			snprintf(out, n, "Hộ kinh doanh %s", person);
		else
			snprintf(out, n, "Cơ sở %s %s", s->activity, person);
	}
}

/* ---- the generator --------------------------------------------------------- */

struct dg_config {
	const char *district;   /* "123" */
	long facilities;
	uint64_t seed;
	int batch;              /* rows per transaction; 0 → 10,000 */
	int quiet;              /* no progress lines on stderr */
	int facilities_only;    /* no related rows (import-like timing) */
	const char *today;      /* "YYYY-MM-DD": no date after it; NULL → now */
};

struct dg_stats {
	long long rows[SXK_COUNT];
	double ms[SXK_COUNT];   /* time spent saving each kind */
	double total_ms;
};

struct dg_commune {
	char code[8];
	char name[128];
};

struct dg_uuids {
	char (*v)[SX_UUID_LEN + 1];
	long n;
	long cap;
};

/* The state of one run; private to dg_generate. */
struct dg_run {
	struct sx_db *db;
	const struct dg_config *cfg;
	struct dg_stats *stats;
	struct dg_rng rng;
	struct dg_commune *communes;
	int ncommunes, communes_cap;
	struct dg_uuids facilities, enterprises, people, events, assessments;
	char *assessment_done;  /* per assessment: completed_on or "" */
	char today[11];
	int today_year;
	uint64_t tax_seq, tax_offset;
	char last_tax[11];
	int in_tx;
	long pending;
	struct sx_problems problems;
	struct sx_error *err;
};

static inline int dg_uuids_add(struct dg_uuids *u, const char *uuid)
{
	if (u->n == u->cap) {
		long cap = u->cap ? u->cap * 2 : 1024;
		void *v = realloc(u->v, (size_t)cap * sizeof *u->v);
		if (!v)
			return -1;
		u->v = v;
		u->cap = cap;
	}
	memcpy(u->v[u->n++], uuid, SX_UUID_LEN + 1);
	return 0;
}

static inline void dg_commune_cb(const struct sx_unit *unit, void *arg)
{
	struct dg_run *run = arg;
	if (strcmp(unit->level, "commune") != 0)
		return;
	if (run->ncommunes == run->communes_cap) {
		int cap = run->communes_cap ? run->communes_cap * 2 : 32;
		void *v = realloc(run->communes, (size_t)cap *
				  sizeof *run->communes);
		if (!v)
			return;
		run->communes = v;
		run->communes_cap = cap;
	}
	struct dg_commune *c = &run->communes[run->ncommunes++];
	snprintf(c->code, sizeof c->code, "%s", unit->code);
	snprintf(c->name, sizeof c->name, "%s", unit->name);
}

/* Sets a field when the kind has it: the generator keeps working when a
 * field it knows is renamed, and says so once. */
static inline enum sx_err dg_set(struct sx_record *rec, const char *field,
				 const char *value)
{
	const struct sx_kind_def *def = record_kind(rec->kind);
	if (record_field_index(def, field) < 0) {
		static char warned[64][48];
		static int nwarned;
		for (int i = 0; i < nwarned; i++)
			if (strcmp(warned[i], field) == 0)
				return SX_OK;
		if (nwarned < 64)
			snprintf(warned[nwarned++], sizeof warned[0], "%s",
				 field);
		fprintf(stderr, "datagen: %s has no field %s, left out\n",
			def->singular, field);
		return SX_OK;
	}
	return record_set(rec, field, value);
}

static inline enum sx_err dg_setf(struct sx_record *rec, const char *field,
				  const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static inline enum sx_err dg_setf(struct sx_record *rec, const char *field,
				  const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return dg_set(rec, field, buf);
}

/* Saves rec inside the run's open batch transaction, committing every
 * cfg->batch rows.  Appends the new uuid to list (may be NULL). */
static inline enum sx_err dg_save(struct dg_run *run, struct sx_record *rec,
				  struct dg_uuids *list)
{
	enum sx_err rc;
	if (!run->in_tx) {
		rc = sx_db_begin(run->db, run->err);
		if (rc != SX_OK)
			return rc;
		run->in_tx = 1;
	}
	problems_clear(&run->problems);
	double t0 = bench_now_ms();
	rc = record_save(run->db, rec, &run->problems, run->err);
	run->stats->ms[rec->kind] += bench_now_ms() - t0;
	if (rc == SX_INVALID) {
		fprintf(stderr, "datagen: %s refused:\n",
			record_kind(rec->kind)->singular);
		for (int i = 0; i < run->problems.count; i++)
			fprintf(stderr, "  %s: %s\n",
				run->problems.items[i].field,
				run->problems.items[i].msg_en);
		const struct sx_kind_def *def = record_kind(rec->kind);
		for (int i = 0; i < def->nfields; i++)
			if (rec->values[i])
				fprintf(stderr, "    %s = %s\n",
					def->fields[i].name, rec->values[i]);
		return rc;
	}
	if (rc != SX_OK)
		return rc;
	run->stats->rows[rec->kind]++;
	if (list && dg_uuids_add(list, rec->uuid) != 0)
		return SX_NOMEM;
	int batch = run->cfg->batch > 0 ? run->cfg->batch : 10000;
	if (++run->pending >= batch) {
		double t1 = bench_now_ms();
		rc = sx_db_commit(run->db, run->err);
		run->stats->ms[rec->kind] += bench_now_ms() - t1;
		run->in_tx = 0;
		run->pending = 0;
	}
	return rc;
}

static inline enum sx_err dg_flush(struct dg_run *run, enum sx_kind kind)
{
	if (!run->in_tx)
		return SX_OK;
	double t0 = bench_now_ms();
	enum sx_err rc = sx_db_commit(run->db, run->err);
	run->stats->ms[kind] += bench_now_ms() - t0;
	run->in_tx = 0;
	run->pending = 0;
	return rc;
}

static inline void dg_progress(struct dg_run *run, const char *what, long i,
			       long n)
{
	if (!run->cfg->quiet && n >= 20000 && i % (n / 10) == 0)
		fprintf(stderr, "datagen: %s %ld/%ld\n", what, i, n);
}

static inline enum sx_err dg_make_facility(struct dg_run *run)
{
	struct dg_rng *r = &run->rng;
	const struct dg_sector *s = dg_sector_pick(r);
	const struct dg_commune *c = &run->communes[dg_below(r,
						(unsigned)run->ncommunes)];
	unsigned k = dg_below(r, 100);
	const char *kind = k < 28 ? "enterprise" : k < 42 ? "cooperative"
						       : "household";
	char buf[256], date[11], phone[16];
	enum sx_err rc = SX_NOMEM;
	struct sx_record *rec = record_new(SXK_FACILITY);
	if (!rec)
		return SX_NOMEM;

	dg_facility_name(r, kind, s, buf, sizeof buf);
	if (dg_set(rec, "name", buf) || dg_set(rec, "kind", kind) ||
	    dg_set(rec, "vsic", s->vsic) || dg_set(rec, "commune", c->code))
		goto done;
	if (strcmp(kind, "household") != 0) {
		char tax[16];
		/* A few enterprises are branches of the one before. */
		if (run->last_tax[0] && strcmp(kind, "enterprise") == 0 &&
		    dg_chance(r, 4)) {
			snprintf(tax, sizeof tax, "%s%03u", run->last_tax,
				 1 + dg_below(r, 999));
			/* Two branches with one number would be refused:
			 * a branch is used once, then the parent moves on. */
			run->last_tax[0] = '\0';
		} else {
			dg_taxcode_next(&run->tax_seq, run->tax_offset, tax);
			memcpy(run->last_tax, tax, 11);
		}
		if (dg_set(rec, "tax_code", tax))
			goto done;
	}
	dg_address(r, c->name, buf, sizeof buf);
	if (dg_set(rec, "address", buf))
		goto done;
	if (dg_chance(r, 80)) {
		dg_phone(r, phone);
		if (dg_set(rec, "phone", phone))
			goto done;
	}
	dg_person_name(r, buf, sizeof buf);
	if (dg_set(rec, "contact", buf))
		goto done;
	long emp = strcmp(kind, "household") == 0 ? dg_range(r, 1, 12)
		 : strcmp(kind, "cooperative") == 0 ? dg_range(r, 7, 60)
						    : dg_range(r, 10, 600);
	if (dg_setf(rec, "employees", "%ld", emp) ||
	    dg_set(rec, "cp_potential", dg_chance(r, 65) ? "1" : "0") ||
	    dg_set(rec, "pollution_risk",
		   dg_chance(r, s->pollution) ? "1" : "0"))
		goto done;
	unsigned st = dg_below(r, 100);
	if (st < 86) {
		rc = dg_set(rec, "status", "active");
	} else if (st < 93) {
		rc = dg_set(rec, "status", "suspended");
	} else {
		dg_date(r, 2016, run->today_year - 1, date);
		rc = dg_set(rec, "status", "closed");
		if (rc == SX_OK)
			rc = dg_set(rec, "closed_on", date);
	}
	if (rc != SX_OK)
		goto done;
	rc = dg_save(run, rec, &run->facilities);
	if (rc == SX_OK && strcmp(kind, "household") != 0)
		rc = dg_uuids_add(&run->enterprises, rec->uuid) ? SX_NOMEM
								 : SX_OK;
done:
	record_free(rec);
	return rc;
}

static const char *const dg_units[] = {
	"Phòng Kinh tế và Hạ tầng huyện", "UBND xã", "UBND thị trấn",
	"Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Sơn La",
	"Sở Công Thương Sơn La", "Hội Liên hiệp Phụ nữ huyện",
	"Hội Nông dân huyện",
};
static const char *const dg_positions[] = {
	"Chuyên viên", "Cán bộ", "Phó Trưởng phòng", "Trưởng phòng",
	"Cán bộ khuyến công", "Cộng tác viên khuyến công", "Kế toán",
};

static inline enum sx_err dg_make_person(struct dg_run *run)
{
	struct dg_rng *r = &run->rng;
	const struct dg_commune *c = &run->communes[dg_below(r,
						(unsigned)run->ncommunes)];
	static const char *const roles[] = {
		"promotion_officer", "monitoring_officer", "collaborator",
		"collaborator", "collaborator", "other",
	};
	char name[96], buf[160], phone[16], date[11];
	enum sx_err rc = SX_NOMEM;
	struct sx_record *rec = record_new(SXK_PERSON);
	if (!rec)
		return SX_NOMEM;
	dg_person_name(r, name, sizeof name);
	dg_phone(r, phone);
	if (dg_set(rec, "name", name) ||
	    dg_set(rec, "role", DG_PICK(r, roles)) ||
	    dg_set(rec, "unit", DG_PICK(r, dg_units)) ||
	    dg_set(rec, "position", DG_PICK(r, dg_positions)) ||
	    dg_set(rec, "commune", c->code) || dg_set(rec, "phone", phone) ||
	    dg_set(rec, "active", dg_chance(r, 90) ? "1" : "0"))
		goto done;
	snprintf(buf, sizeof buf, "canbo%06ld@sonla.gov.vn",
		 (long)run->people.n);
	if (dg_chance(r, 40) && dg_set(rec, "email", buf))
		goto done;
	if (dg_chance(r, 70)) {
		dg_date(r, 2016, run->today_year - 1, date);
		if (dg_set(rec, "trained_on", date))
			goto done;
	}
	rc = dg_save(run, rec, &run->people);
done:
	record_free(rec);
	return rc;
}

static inline enum sx_err dg_make_event(struct dg_run *run)
{
	struct dg_rng *r = &run->rng;
	static const char *const types[] = {
		"training", "training", "training", "workshop", "conference",
		"media", "demonstration", "site_visit",
	};
	static const char *const what[] = {
		"Tập huấn sản xuất sạch hơn cho cơ sở",
		"Hội thảo áp dụng sản xuất sạch hơn trong ngành",
		"Hội nghị triển khai kế hoạch sản xuất sạch hơn ngành",
		"Phóng sự truyền hình về sản xuất sạch hơn ngành",
		"Mô hình trình diễn tiết kiệm năng lượng ngành",
		"Tham quan học tập kinh nghiệm ngành",
	};
	static const char *const organisers[] = {
		"Phòng Kinh tế và Hạ tầng huyện Mộc Châu",
		"Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Sơn La",
		"Sở Công Thương Sơn La", "UBND huyện Mộc Châu",
	};
	static const char *const funding[] = {
		"national_promotion", "local_promotion", "local_promotion",
		"province_budget", "district_budget", "enterprise", "sponsor",
		"other",
	};
	const struct dg_commune *c = &run->communes[dg_below(r,
						(unsigned)run->ncommunes)];
	unsigned t = dg_below(r, DG_COUNT(types));
	const struct dg_sector *s = dg_sector_pick(r);
	char title[256], place[200], date[11];
	enum sx_err rc = SX_NOMEM;
	struct sx_record *rec = record_new(SXK_EVENT);
	if (!rec)
		return SX_NOMEM;
	dg_date(r, 2016, run->today_year - 1, date);
	snprintf(title, sizeof title, "%s %s năm %.4s",
		 what[t < 3 ? 0 : t - 2], s->activity, date);
	snprintf(place, sizeof place, "Hội trường %s", c->name);
	if (dg_set(rec, "type", types[t]) || dg_set(rec, "title", title) ||
	    dg_set(rec, "held_on", date) || dg_set(rec, "place", place) ||
	    dg_set(rec, "commune", c->code) ||
	    dg_set(rec, "organiser", DG_PICK(r, organisers)) ||
	    dg_setf(rec, "participants", "%lld", dg_range(r, 15, 150)) ||
	    dg_setf(rec, "cost_vnd", "%lld",
		    dg_range(r, 5, 120) * 500000LL) ||
	    dg_set(rec, "funding", DG_PICK(r, funding)))
		goto done;
	rc = dg_save(run, rec, &run->events);
done:
	record_free(rec);
	return rc;
}

/* A link record (event_facility / event_person) from event to other. */
static inline enum sx_err dg_make_link(struct dg_run *run, enum sx_kind kind,
				       const char *event, const char *other)
{
	enum sx_err rc = SX_NOMEM;
	struct sx_record *rec = record_new(kind);
	if (!rec)
		return SX_NOMEM;
	if (dg_set(rec, "event_id", event))
		goto done;
	if (kind == SXK_EVENT_FACILITY) {
		rc = dg_set(rec, "facility_id", other);
	} else {
		rc = dg_set(rec, "person_id", other);
		if (rc == SX_OK)
			rc = dg_set(rec, "completed",
				    dg_chance(&run->rng, 85) ? "1" : "0");
	}
	if (rc == SX_OK)
		rc = dg_save(run, rec, NULL);
done:
	record_free(rec);
	return rc;
}

/* Links each event to count distinct items drawn from list. */
static inline enum sx_err dg_make_links(struct dg_run *run, enum sx_kind kind,
					const struct dg_uuids *list,
					long total)
{
	long nev = run->events.n;
	if (nev == 0 || list->n == 0)
		return SX_OK;
	long done = 0;
	for (long e = 0; e < nev && done < total; e++) {
		/* Spread between half and one and a half the mean of what
		 * is left, so the total comes out right without piling the
		 * rest onto the last event. */
		long mean = (total - done) / (nev - e);
		long want = mean / 2 + (long)dg_below(&run->rng,
						      (unsigned)(mean + 1));
		if (e == nev - 1 || want > total - done)
			want = total - done;
		if (want > list->n)
			want = list->n;
		/* Distinct picks: a window at a random start, stepping by a
		 * number prime to the list length. */
		long start = (long)dg_below(&run->rng, (unsigned)list->n);
		long step = 1;
		if (list->n > 7 && list->n % 7)
			step = 7;
		for (long i = 0; i < want; i++) {
			long idx = (start + i * step) % list->n;
			enum sx_err rc = dg_make_link(run, kind,
						      run->events.v[e],
						      list->v[idx]);
			if (rc != SX_OK)
				return rc;
			done++;
		}
	}
	return dg_flush(run, kind);
}

static const char *const dg_consultants[] = {
	"Trung tâm Sản xuất sạch Việt Nam",
	"Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Sơn La",
	"Viện Khoa học và Công nghệ Môi trường",
	"Công ty TNHH Tư vấn Năng lượng Tây Bắc",
};
static const char *const dg_findings[] = {
	"Tiêu hao điện cao do động cơ chạy không tải",
	"Lò sấy sử dụng củi hiệu suất thấp, thất thoát nhiệt lớn",
	"Nước thải chưa được thu gom, tiêu hao nước lớn",
	"Nguyên liệu hao hụt trong khâu vận chuyển và sơ chế",
	"Chưa có kế hoạch bảo dưỡng thiết bị định kỳ",
};

static inline enum sx_err dg_make_assessment(struct dg_run *run)
{
	struct dg_rng *r = &run->rng;
	const struct dg_uuids *from = run->enterprises.n ? &run->enterprises
							  : &run->facilities;
	const char *fac = from->v[dg_below(r, (unsigned)from->n)];
	char start[11], end[11];
	enum sx_err rc = SX_NOMEM;
	struct sx_record *rec = record_new(SXK_ASSESSMENT);
	if (!rec)
		return SX_NOMEM;
	unsigned st = dg_below(r, 100);
	const char *status = st < 62 ? "completed" : st < 77 ? "in_progress"
			   : st < 90 ? "planned" : "cancelled";
	dg_date(r, 2016, run->today_year - 1, start);
	end[0] = '\0';
	if (dg_set(rec, "facility_id", fac) ||
	    dg_set(rec, "type", dg_chance(r, 75) ? "rapid" : "detailed") ||
	    dg_set(rec, "status", status) ||
	    dg_set(rec, "started_on", start) ||
	    dg_set(rec, "consultant", DG_PICK(r, dg_consultants)) ||
	    dg_set(rec, "findings", DG_PICK(r, dg_findings)))
		goto done;
	if (strcmp(status, "completed") == 0) {
		dg_date_after(r, start, run->today, end);
		if (dg_set(rec, "completed_on", end))
			goto done;
	}
	rc = dg_save(run, rec, &run->assessments);
	if (rc == SX_OK) {
		char *d = realloc(run->assessment_done,
				  (size_t)run->assessments.n * 11);
		if (!d)
			return SX_NOMEM;
		run->assessment_done = d;
		memcpy(d + (run->assessments.n - 1) * 11, end, 11);
	}
done:
	record_free(rec);
	return rc;
}

static inline enum sx_err dg_make_solution(struct dg_run *run, long a)
{
	struct dg_rng *r = &run->rng;
	static const struct {
		const char *key, *text;
	} tech[] = {
		{"good_housekeeping", "Quản lý nội vi, tắt thiết bị khi không sử dụng"},
		{"input_substitution", "Thay củi bằng viên nén sinh khối"},
		{"process_control", "Lắp biến tần cho động cơ quạt sấy"},
		{"equipment_modification", "Bọc bảo ôn đường ống hơi"},
		{"technology_change", "Thay lò sấy thủ công bằng lò sấy tầng sôi"},
		{"onsite_recovery", "Thu hồi nước ngưng tái sử dụng"},
		{"byproducts", "Tận dụng bã sắn làm thức ăn chăn nuôi"},
		{"product_modification", "Cải tiến bao bì sản phẩm"},
	};
	const char *done_on = run->assessment_done + a * 11;
	unsigned t = dg_below(r, DG_COUNT(tech));
	char date[11];
	enum sx_err rc = SX_NOMEM;
	struct sx_record *rec = record_new(SXK_SOLUTION);
	if (!rec)
		return SX_NOMEM;
	unsigned st = dg_below(r, 100);
	const char *status = done_on[0] && st < 55 ? "implemented"
			   : st < 90 ? "proposed" : "dropped";
	long long inv = dg_range(r, 1, 400) * 1000000LL;
	if (dg_set(rec, "assessment_id", run->assessments.v[a]) ||
	    dg_set(rec, "technique", tech[t].key) ||
	    dg_set(rec, "description", tech[t].text) ||
	    dg_set(rec, "status", status) ||
	    dg_setf(rec, "investment_vnd", "%lld", inv) ||
	    dg_setf(rec, "saving_vnd", "%lld", inv / dg_range(r, 1, 5)) ||
	    dg_setf(rec, "saving_kwh", "%lld.%d", dg_range(r, 0, 90000),
		    (int)dg_below(r, 10)))
		goto done;
	if (dg_chance(r, 40) &&
	    dg_setf(rec, "saving_biomass_t", "%lld.%d", dg_range(r, 0, 300),
		    (int)dg_below(r, 10)))
		goto done;
	if (dg_chance(r, 20) &&
	    dg_setf(rec, "saving_coal_t", "%lld.%d", dg_range(r, 0, 80),
		    (int)dg_below(r, 10)))
		goto done;
	if (dg_chance(r, 40) &&
	    dg_setf(rec, "saving_water_m3", "%lld", dg_range(r, 0, 20000)))
		goto done;
	if (strcmp(status, "implemented") == 0) {
		dg_date_after(r, done_on, run->today, date);
		if (dg_set(rec, "implemented_on", date))
			goto done;
	}
	rc = dg_save(run, rec, NULL);
done:
	record_free(rec);
	return rc;
}

/* years consumption rows for one facility, consecutive years. */
static inline enum sx_err dg_make_consumption(struct dg_run *run,
					      const char *fac, int years)
{
	struct dg_rng *r = &run->rng;
	int last = run->today_year - 1;
	int first = last - years + 1 - (int)dg_below(r, 3);
	double scale = 1 + (double)dg_below(r, 200);  /* size of the plant */
	for (int y = first; y < first + years; y++) {
		enum sx_err rc = SX_NOMEM;
		struct sx_record *rec = record_new(SXK_CONSUMPTION);
		if (!rec)
			return SX_NOMEM;
		if (dg_set(rec, "facility_id", fac) ||
		    dg_setf(rec, "year", "%d", y) ||
		    dg_setf(rec, "electricity_kwh", "%.1f",
			    scale * (800 + dg_below(r, 400))) ||
		    dg_setf(rec, "water_m3", "%.1f",
			    scale * (20 + dg_below(r, 30))) ||
		    dg_setf(rec, "materials_t", "%.2f",
			    scale * (3 + dg_below(r, 300) / 100.0)) ||
		    dg_setf(rec, "output_t", "%.2f",
			    scale * (0.5 + dg_below(r, 100) / 100.0)))
			goto done;
		if (dg_chance(r, 50) &&
		    dg_setf(rec, "biomass_t", "%.2f",
			    scale * (0.5 + dg_below(r, 200) / 100.0)))
			goto done;
		if (dg_chance(r, 20) &&
		    dg_setf(rec, "coal_t", "%.2f",
			    scale * (0.1 + dg_below(r, 50) / 100.0)))
			goto done;
		if (dg_chance(r, 30) &&
		    dg_setf(rec, "oil_t", "%.3f",
			    scale * (0.01 + dg_below(r, 10) / 100.0)))
			goto done;
		rc = dg_save(run, rec, NULL);
done:
		record_free(rec);
		if (rc != SX_OK)
			return rc;
	}
	return SX_OK;
}

static inline void dg_run_release(struct dg_run *run)
{
	if (run->in_tx)
		sx_db_rollback(run->db);
	free(run->communes);
	free(run->facilities.v);
	free(run->enterprises.v);
	free(run->people.v);
	free(run->events.v);
	free(run->assessments.v);
	free(run->assessment_done);
	problems_release(&run->problems);
}

/* Fills db (opened, initialised for cfg->district) with the data set.
 * Related rows per facility: people 0.2, events 0.1, facilities reached
 * 2.5, people trained 1.0, assessments 0.5, solutions 1.7, consumption
 * 4.0.  Commits every cfg->batch rows; on failure rolls the open batch
 * back and returns the error (earlier batches stay). */
static inline enum sx_err dg_generate(struct sx_db *db,
				      const struct dg_config *cfg,
				      struct dg_stats *stats,
				      struct sx_error *err)
{
	struct dg_run run;
	enum sx_err rc;
	double t0 = bench_now_ms();
	long f = cfg->facilities;
	memset(&run, 0, sizeof run);
	memset(stats, 0, sizeof *stats);
	run.db = db;
	run.cfg = cfg;
	run.stats = stats;
	run.err = err;
	run.rng.state = cfg->seed;
	run.tax_offset = dg_next(&run.rng) % 10000000u;
	problems_init(&run.problems);
	if (cfg->today) {
		snprintf(run.today, sizeof run.today, "%s", cfg->today);
	} else {
		sx_today(run.today);
	}
	run.today_year = atoi(run.today);

	rc = refdata_each_child(db, cfg->district, dg_commune_cb, &run, err);
	if (rc != SX_OK)
		goto out;
	if (run.ncommunes == 0) {
		rc = sx_error_set(err, SX_INVALID, "", NULL,
				  "district %s has no communes (not "
				  "initialised?)", cfg->district);
		goto out;
	}

	for (long i = 0; i < f; i++) {
		dg_progress(&run, "facilities", i, f);
		if ((rc = dg_make_facility(&run)) != SX_OK)
			goto out;
	}
	if ((rc = dg_flush(&run, SXK_FACILITY)) != SX_OK ||
	    cfg->facilities_only)
		goto out;

	long npeople = f / 5 > 10 ? f / 5 : 10;
	for (long i = 0; i < npeople; i++)
		if ((rc = dg_make_person(&run)) != SX_OK)
			goto out;
	if ((rc = dg_flush(&run, SXK_PERSON)) != SX_OK)
		goto out;

	long nevents = f / 10 > 5 ? f / 10 : 5;
	for (long i = 0; i < nevents; i++)
		if ((rc = dg_make_event(&run)) != SX_OK)
			goto out;
	if ((rc = dg_flush(&run, SXK_EVENT)) != SX_OK)
		goto out;

	if (!cfg->quiet && f >= 20000)
		fprintf(stderr, "datagen: event links\n");
	rc = dg_make_links(&run, SXK_EVENT_FACILITY, &run.facilities,
			   f * 5 / 2);
	if (rc == SX_OK)
		rc = dg_make_links(&run, SXK_EVENT_PERSON, &run.people, f);
	if (rc != SX_OK)
		goto out;

	long nassess = f / 2;
	for (long i = 0; i < nassess; i++) {
		dg_progress(&run, "assessments", i, nassess);
		if ((rc = dg_make_assessment(&run)) != SX_OK)
			goto out;
	}
	if ((rc = dg_flush(&run, SXK_ASSESSMENT)) != SX_OK)
		goto out;

	/* 1.7 per facility = 3.4 per assessment: 1 to 6, mean 3.5, trimmed
	 * to the total. */
	long nsol = f * 17 / 10, made = 0;
	for (long a = 0; a < run.assessments.n && made < nsol; a++) {
		long k = 1 + (long)dg_below(&run.rng, 6);
		for (long j = 0; j < k && made < nsol; j++, made++)
			if ((rc = dg_make_solution(&run, a)) != SX_OK)
				goto out;
	}
	if ((rc = dg_flush(&run, SXK_SOLUTION)) != SX_OK)
		goto out;

	/* 4 years per facility on average: 0 to 8. */
	for (long i = 0; i < run.facilities.n; i++) {
		dg_progress(&run, "consumption", i, run.facilities.n);
		rc = dg_make_consumption(&run, run.facilities.v[i],
					 (int)dg_below(&run.rng, 9));
		if (rc != SX_OK)
			goto out;
	}
	rc = dg_flush(&run, SXK_CONSUMPTION);
out:
	dg_run_release(&run);
	stats->total_ms = bench_now_ms() - t0;
	return rc;
}

#endif

/* import.c — a CSV file into records, all or nothing (see import.h).
 *
 * Three steps over the whole file in memory:
 *   1. read: encoding, CSV rows, header mapped to fields;
 *   2. build: one record per row with references resolved, and each row
 *      classed as new or a duplicate (of a stored record or of an earlier
 *      row) through in-memory indexes of the keys, loaded once;
 *   3. write: in one transaction, each row validated and written
 *      without a savepoint of its own (a failing row fails validation
 *      before anything is written), every problem kept; rolled back
 *      unless all is well (or skip_invalid) and not a dry run.  A large
 *      import leaves its index upkeep to the end (import_bulk.c).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "db_internal.h"
#include "import_bulk.h"
#include "record_internal.h"
#include "sxsh/csvread.h"
#include "sxsh/csvwrite.h"
#include "sxsh/import.h"
#include "sxsh/record_value.h"
#include "sxsh/refdata.h"
#include "sxsh/taxcode.h"
#include "sxsh/text.h"
#include "sxsh/uuid.h"

#define MAX_FILE (256L * 1024 * 1024)
#define COL_IGNORE (-1)
#define COL_ID (-2)

/* ---- a small string map: key → index ------------------------------------ */

struct smap {
	char **keys;
	long *vals;
	size_t cap, count;
};

static size_t smap_hash(const char *s)
{
	size_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static int smap_grow(struct smap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 1024;
	char **keys = calloc(cap, sizeof *keys);
	long *vals = calloc(cap, sizeof *vals);

	if (!keys || !vals) {
		free(keys);
		free(vals);
		return -1;
	}
	for (size_t i = 0; i < m->cap; i++) {
		size_t j;
		if (!m->keys[i])
			continue;
		j = smap_hash(m->keys[i]) & (cap - 1);
		while (keys[j])
			j = (j + 1) & (cap - 1);
		keys[j] = m->keys[i];
		vals[j] = m->vals[i];
	}
	free(m->keys);
	free(m->vals);
	m->keys = keys;
	m->vals = vals;
	m->cap = cap;
	return 0;
}

/* Index of key or -1. */
static long smap_get(const struct smap *m, const char *key)
{
	size_t j;

	if (!m->cap)
		return -1;
	j = smap_hash(key) & (m->cap - 1);
	while (m->keys[j]) {
		if (!strcmp(m->keys[j], key))
			return m->vals[j];
		j = (j + 1) & (m->cap - 1);
	}
	return -1;
}

/* Sets key (copied) to val, replacing.  -1 on OOM. */
static int smap_put(struct smap *m, const char *key, long val)
{
	size_t j;

	if ((m->count + 1) * 2 > m->cap && smap_grow(m))
		return -1;
	j = smap_hash(key) & (m->cap - 1);
	while (m->keys[j]) {
		if (!strcmp(m->keys[j], key)) {
			m->vals[j] = val;
			return 0;
		}
		j = (j + 1) & (m->cap - 1);
	}
	m->keys[j] = strdup(key);
	if (!m->keys[j])
		return -1;
	m->vals[j] = val;
	m->count++;
	return 0;
}

static void smap_free(struct smap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

/* ---- the state of one import -------------------------------------------- */

/* A known record a row may duplicate or refer to.  A file holds up to
 * hundreds of thousands: nothing here is kept that a row has already. */
struct target {
	char uuid[SX_UUID_LEN + 1];
	long row;              /* row index in the file, or -1 if stored */
	char *what;            /* a stored record's name for the user;
			        * a row's comes from the row */
};

/* Why a row repeats a target, by the kind of key they share. */
static const struct dup_reason {
	const char *key_prefix;
	const char *vi, *en;
} dup_reasons[] = {
	{"id|", "cùng mã bản ghi", "same id"},
	{"tax|", "cùng mã số thuế", "same tax code"},
	{"name|", "cùng tên, cùng xã", "same name in the same commune"},
	{"ev|", "cùng tên hoạt động, cùng ngày", "same title on the same date"},
	{"", "cùng cơ sở, cùng năm", "same facility and year"},
};

struct row {
	long line;
	char **cells;          /* ncolumns, owned */
	struct sx_record *rec;
	int bad;               /* has problems found before saving */
	long dup;              /* index into targets, or -1 */
	long own;              /* its own target, or -1 */
	int why;               /* index in dup_reasons when dup >= 0 */
};

struct import {
	struct sx_db *db;
	const struct import_opts *opts;
	const struct sx_kind_def *def;
	struct import_result *res;

	int ncolumns;
	char **headers;
	int *colfield;         /* field index, COL_IGNORE or COL_ID */
	const char **mapped;   /* field name per column for the preview */
	char delim;

	struct row *rows;
	long nrows, rows_cap;

	struct target *targets;
	long ntargets, targets_cap;
	struct smap keys;      /* duplicate keys → target */
	struct smap fac_tax;   /* facility tax code → target-like index */
	struct smap fac_name;  /* folded facility name → index, -2 if many */
	char (*fac_uuid)[SX_UUID_LEN + 1];
	long nfac, fac_cap;

	/* typed values brought to canonical form once per distinct text:
	 * "fieldindex|text" → choice index, 0/1, or commune code index */
	struct smap canon;
	char (*codes)[8];
	long ncodes, codes_cap;
};

static enum sx_err nomem(struct sx_error *err)
{
	return sx_error_set(err, SX_NOMEM, "", "Hết bộ nhớ", "out of memory");
}

static enum sx_err add_problem(struct import *im, long line, int col,
			       const char *vi, const char *en, ...)
	__attribute__((format(printf, 5, 6)));

/* Adds a problem; en is a format whose arguments also fill vi (the same
 * conversions in the same order). */
static enum sx_err add_problem(struct import *im, long line, int col,
			       const char *vi, const char *en, ...)
{
	struct import_result *r = im->res;
	struct import_problem *p;
	va_list ap, ap2;

	if (r->nproblems == r->problems_cap) {
		int cap = r->problems_cap ? r->problems_cap * 2 : 32;
		void *np = realloc(r->problems, (size_t)cap * sizeof *p);
		if (!np)
			return SX_NOMEM;
		r->problems = np;
		r->problems_cap = cap;
	}
	p = &r->problems[r->nproblems++];
	memset(p, 0, sizeof *p);
	p->line = line;
	p->column = col > 0 ? col : 0;
	if (col > 0 && col <= im->ncolumns && im->headers)
		snprintf(p->header, sizeof p->header, "%s",
			 im->headers[col - 1]);
	va_start(ap, en);
	va_copy(ap2, ap);
	vsnprintf(p->msg_en, sizeof p->msg_en, en, ap);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(p->msg_vi, sizeof p->msg_vi, vi, ap2);
#pragma GCC diagnostic pop
	va_end(ap2);
	va_end(ap);
	return SX_OK;
}

/* A problem whose two texts are ready. */
static void add_problem_text(struct import *im, long line, int col,
			     const char *vi, const char *en)
{
	if (add_problem(im, line, col, "%s", "%s", vi) == SX_OK) {
		struct import_problem *p =
			&im->res->problems[im->res->nproblems - 1];
		snprintf(p->msg_en, sizeof p->msg_en, "%s", en);
	}
}

static int column_of_field(const struct import *im, int field)
{
	for (int c = 0; c < im->ncolumns; c++)
		if (im->colfield[c] == field)
			return c + 1;
	return 0;
}

static int column_of_name(const struct import *im, const char *name)
{
	int f = record_field_index(im->def, name);
	return f < 0 ? 0 : column_of_field(im, f);
}

/* ---- 1. reading --------------------------------------------------------- */

static enum sx_err on_csv_row(const struct csvread_row *row, void *arg,
			      struct sx_error *err)
{
	struct import *im = arg;
	char **cells;

	if (row->index == 0) {
		im->ncolumns = row->count;
		im->headers = calloc((size_t)row->count, sizeof *im->headers);
		if (!im->headers)
			return nomem(err);
		for (int i = 0; i < row->count; i++) {
			im->headers[i] = strdup(csvwrite_cell_text(
				row->fields[i]));
			if (!im->headers[i])
				return nomem(err);
		}
		return SX_OK;
	}
	if (im->nrows == im->rows_cap) {
		long cap = im->rows_cap ? im->rows_cap * 2 : 256;
		struct row *nr = realloc(im->rows, (size_t)cap * sizeof *nr);
		if (!nr)
			return nomem(err);
		im->rows = nr;
		im->rows_cap = cap;
	}
	{
		/* the pointers and the texts in one block: a large file
		 * holds a million cells */
		size_t bytes = (size_t)row->count * sizeof *cells;
		char *text;
		for (int i = 0; i < row->count; i++)
			bytes += row->lens[i] + 1;
		cells = malloc(bytes);
		if (!cells)
			return nomem(err);
		text = (char *)(cells + row->count);
		for (int i = 0; i < row->count; i++) {
			/* a cell our CSV writer guarded against formulas
			 * ("'=1+2") reads back as the text it was given */
			const char *cell = csvwrite_cell_text(row->fields[i]);
			size_t n = row->lens[i] - (size_t)(cell -
							 row->fields[i]);
			cells[i] = text;
			memcpy(text, cell, n + 1);
			text += n + 1;
		}
	}
	memset(&im->rows[im->nrows], 0, sizeof im->rows[0]);
	im->rows[im->nrows].line = row->line;
	im->rows[im->nrows].cells = cells;
	im->rows[im->nrows].dup = -1;
	im->rows[im->nrows].own = -1;
	im->nrows++;
	return SX_OK;
}

static enum sx_err map_headers(struct import *im, struct sx_error *err)
{
	const struct sx_kind_def *def = im->def;
	int problems = 0;

	im->colfield = calloc((size_t)im->ncolumns, sizeof *im->colfield);
	im->mapped = calloc((size_t)im->ncolumns, sizeof *im->mapped);
	if (!im->colfield || !im->mapped)
		return nomem(err);
	for (int c = 0; c < im->ncolumns; c++) {
		const char *name = import_map_header(def->kind, im->headers[c]);
		if (!name) {
			add_problem(im, 1, c + 1,
				    "cột \"%s\" không có trong mẫu nhập %s",
				    "column \"%s\" is not in the %s template",
				    im->headers[c], def->name);
			problems++;
			continue;
		}
		if (!*name) {
			im->colfield[c] = COL_IGNORE;
			continue;
		}
		im->colfield[c] = !strcmp(name, "id")
					  ? COL_ID
					  : record_field_index(def, name);
		im->mapped[c] = name;
		for (int k = 0; k < c; k++) {
			if (im->mapped[k] && !strcmp(im->mapped[k], name)) {
				add_problem(im, 1, c + 1,
					    "cột trùng với cột %d (%s)",
					    "same field as column %d (%s)",
					    k + 1, name);
				problems++;
			}
		}
	}
	for (int i = 0; i < def->nfields; i++) {
		const struct sx_field *f = &def->fields[i];
		/* a facility's status and a person's active flag have
		 * obvious defaults; other required fields need a column */
		if (!f->required || column_of_field(im, i))
			continue;
		if ((def->kind == SXK_FACILITY && !strcmp(f->name, "status")) ||
		    (def->kind == SXK_PERSON && !strcmp(f->name, "active")))
			continue;
		add_problem(im, 1, 0, "thiếu cột bắt buộc \"%s\" (%s)",
			    "missing required column \"%s\" (%s)",
			    f->label_vi, f->name);
		problems++;
	}
	if (problems)
		return sx_error_set(err, SX_INVALID, "",
				    "Dòng tiêu đề không khớp với mẫu nhập.",
				    "the header row does not match the %s "
				    "template", def->name);
	return SX_OK;
}

/* ---- 2. building records ------------------------------------------------ */

static long add_target(struct import *im, const char *uuid, long row,
		       const char *what)
{
	struct target *t;

	if (im->ntargets == im->targets_cap) {
		long cap = im->targets_cap ? im->targets_cap * 2 : 1024;
		void *nt = realloc(im->targets, (size_t)cap * sizeof *t);
		if (!nt)
			return -1;
		im->targets = nt;
		im->targets_cap = cap;
	}
	t = &im->targets[im->ntargets];
	snprintf(t->uuid, sizeof t->uuid, "%s", uuid ? uuid : "");
	t->row = row;
	t->what = NULL;
	if (what && !(t->what = strdup(what)))
		return -1;
	return im->ntargets++;
}

/* Keys of a record for duplicate detection, NUL-separated kinds:
 * writes up to 3 keys into keys[], returns how many.  Values must be
 * canonical (after normalise_keys). */
static int record_keys(const struct import *im, const struct sx_record *rec,
		       char keys[3][700])
{
	int n = 0;
	const char *a, *b;
	char *fold;

	if (rec->uuid[0])
		snprintf(keys[n++], 700, "id|%s", rec->uuid);
	switch (im->def->kind) {
	case SXK_FACILITY:
	case SXK_PERSON:
		if (im->def->kind == SXK_FACILITY &&
		    (a = record_get(rec, "tax_code")))
			snprintf(keys[n++], 700, "tax|%s", a);
		a = record_get(rec, "name");
		b = record_get(rec, "commune");
		if (a && (fold = text_fold(a))) {
			snprintf(keys[n++], 700, "name|%s|%s", fold,
				 b ? b : "");
			free(fold);
		}
		break;
	case SXK_EVENT:
		a = record_get(rec, "title");
		b = record_get(rec, "held_on");
		if (a && b && (fold = text_fold(a))) {
			snprintf(keys[n++], 700, "ev|%s|%s", fold, b);
			free(fold);
		}
		break;
	case SXK_CONSUMPTION:
		a = record_get(rec, "facility_id");
		b = record_get(rec, "year");
		if (a && b)
			snprintf(keys[n++], 700, "cons|%s|%s", a, b);
		break;
	default:
		break;
	}
	return n;
}

/* Loads the keys of stored records of the kind. */
static enum sx_err load_stored_keys(struct import *im, struct sx_error *err)
{
	static const char *const sql[SXK_COUNT] = {
		[SXK_FACILITY] = "SELECT uuid, tax_code, name, commune, NULL"
				 " FROM facility WHERE deleted=0",
		[SXK_PERSON] = "SELECT uuid, NULL, name, commune, NULL"
			       " FROM person WHERE deleted=0",
		[SXK_EVENT] = "SELECT uuid, NULL, title, NULL, held_on"
			      " FROM event WHERE deleted=0",
		[SXK_ASSESSMENT] = "SELECT uuid, NULL, NULL, NULL, NULL"
				   " FROM assessment WHERE deleted=0",
		[SXK_SOLUTION] = "SELECT uuid, NULL, NULL, NULL, NULL"
				 " FROM solution WHERE deleted=0",
		[SXK_CONSUMPTION] = "SELECT uuid, NULL, facility_id, NULL,"
				    " year FROM consumption WHERE deleted=0",
	};
	enum sx_kind kind = im->def->kind;
	sqlite3_stmt *st;
	int rc;

	if (!sql[kind])
		return SX_OK;
	st = db_stmt(im->db, sql[kind], err);
	if (!st)
		return SX_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct sx_record tmp;
		char *vals[32] = {0};
		char keys[3][700], what[120];
		const char *uuid = (const char *)sqlite3_column_text(st, 0);
		const char *c1 = (const char *)sqlite3_column_text(st, 1);
		const char *c2 = (const char *)sqlite3_column_text(st, 2);
		const char *c3 = (const char *)sqlite3_column_text(st, 3);
		const char *c4 = (const char *)sqlite3_column_text(st, 4);
		long t;
		int n;

		memset(&tmp, 0, sizeof tmp);
		tmp.kind = kind;
		tmp.values = vals;
		snprintf(tmp.uuid, sizeof tmp.uuid, "%s", uuid ? uuid : "");
		/* borrowed values placed where record_get finds them */
#define PUT(name, v) do { int i_ = record_field_index(im->def, name); \
	if (i_ >= 0 && i_ < 32) vals[i_] = (char *)(v); } while (0)
		if (kind == SXK_FACILITY) {
			PUT("tax_code", c1);
			PUT("name", c2);
			PUT("commune", c3);
		} else if (kind == SXK_PERSON) {
			PUT("name", c2);
			PUT("commune", c3);
		} else if (kind == SXK_EVENT) {
			PUT("title", c2);
			PUT("held_on", c4);
		} else if (kind == SXK_CONSUMPTION) {
			PUT("facility_id", c2);
			PUT("year", c4);
		}
#undef PUT
		snprintf(what, sizeof what, "%s", c2 ? c2 : uuid ? uuid : "");
		t = add_target(im, uuid, -1, what);
		if (t < 0)
			goto oom;
		n = record_keys(im, &tmp, keys);
		for (int k = 0; k < n; k++)
			if (smap_put(&im->keys, keys[k], t))
				goto oom;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(im->db, err, "read stored records");
	return SX_OK;
oom:
	sqlite3_reset(st);
	return nomem(err);
}

/* Facilities by tax code and folded name, for references. */
static enum sx_err load_facilities(struct import *im, struct sx_error *err)
{
	sqlite3_stmt *st = db_stmt(im->db, "SELECT uuid, tax_code, name FROM"
				   " facility WHERE deleted=0", err);
	int rc;

	if (!st)
		return SX_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *uuid = (const char *)sqlite3_column_text(st, 0);
		const char *tax = (const char *)sqlite3_column_text(st, 1);
		const char *name = (const char *)sqlite3_column_text(st, 2);
		char *fold = name ? text_fold(name) : NULL;
		if (im->nfac == im->fac_cap) {
			long cap = im->fac_cap ? im->fac_cap * 2 : 1024;
			void *nu = realloc(im->fac_uuid,
					   (size_t)cap * sizeof *im->fac_uuid);
			if (!nu) {
				free(fold);
				goto oom;
			}
			im->fac_uuid = nu;
			im->fac_cap = cap;
		}
		snprintf(im->fac_uuid[im->nfac], SX_UUID_LEN + 1, "%s",
			 uuid ? uuid : "");
		if (tax && smap_put(&im->fac_tax, tax, im->nfac)) {
			free(fold);
			goto oom;
		}
		if (fold && *fold) {
			long prev = smap_get(&im->fac_name, fold);
			if (smap_put(&im->fac_name, fold,
				     prev >= 0 || prev == -2 ? -2 : im->nfac)) {
				free(fold);
				goto oom;
			}
		}
		free(fold);
		im->nfac++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(im->db, err, "read facilities");
	return SX_OK;
oom:
	sqlite3_reset(st);
	return nomem(err);
}

/* A facility given by id, tax code or name → its uuid into out.
 * Returns 0, or -1 with a problem added. */
static int resolve_facility(struct import *im, struct row *r, int col,
			    const char *v, char out[SX_UUID_LEN + 1])
{
	char compact[16];
	char *fold;
	long i;

	if (uuid_is_valid(v)) {
		snprintf(out, SX_UUID_LEN + 1, "%s", v);
		return 0;
	}
	if (taxcode_check(v, compact, sizeof compact) == TAXCODE_OK &&
	    (i = smap_get(&im->fac_tax, compact)) >= 0) {
		snprintf(out, SX_UUID_LEN + 1, "%s", im->fac_uuid[i]);
		return 0;
	}
	fold = text_fold(v);
	i = fold ? smap_get(&im->fac_name, fold) : -1;
	free(fold);
	if (i >= 0) {
		snprintf(out, SX_UUID_LEN + 1, "%s", im->fac_uuid[i]);
		return 0;
	}
	if (i == -2)
		add_problem(im, r->line, col,
			    "có nhiều cơ sở tên \"%s\"; hãy ghi mã số thuế",
			    "several facilities are named \"%s\"; give the "
			    "tax code", v);
	else
		add_problem(im, r->line, col,
			    "không tìm thấy cơ sở có mã số thuế hoặc tên "
			    "\"%s\"",
			    "no facility has the tax code or name \"%s\"", v);
	return -1;
}

/* An assessment given by id, or by its facility when it has exactly one
 * assessment. */
static int resolve_assessment(struct import *im, struct row *r, int col,
			      const char *v, char out[SX_UUID_LEN + 1])
{
	char fac[SX_UUID_LEN + 1];
	sqlite3_stmt *st;
	int n = 0;

	if (uuid_is_valid(v)) {
		snprintf(out, SX_UUID_LEN + 1, "%s", v);
		return 0;
	}
	if (resolve_facility(im, r, col, v, fac))
		return -1;
	st = db_stmt(im->db, "SELECT uuid FROM assessment WHERE facility_id=?1"
		     " AND deleted=0 LIMIT 2", NULL);
	if (!st)
		return -1;
	db_bind_text(st, 1, fac);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!n)
			snprintf(out, SX_UUID_LEN + 1, "%s",
				 (const char *)sqlite3_column_text(st, 0));
		n++;
	}
	sqlite3_reset(st);
	if (n == 1)
		return 0;
	add_problem(im, r->line, col,
		    n ? "cơ sở \"%s\" có nhiều đánh giá; hãy ghi mã đánh giá"
		      : "cơ sở \"%s\" chưa có đánh giá SXSH nào",
		    n ? "facility \"%s\" has several assessments; give the "
			"assessment id"
		      : "facility \"%s\" has no CP assessment", v);
	return -1;
}

/* The canonical form of a choice, yes/no or commune cell, computed once
 * per distinct text of a column (folding every label for every row was
 * most of the time of a large import).  Returns a static or cached
 * string, or NULL to leave the text for record_validate to judge. */
static const char *canonical_cell(struct import *im, int fi, const char *v)
{
	const struct sx_field *f = &im->def->fields[fi];
	char key[600];
	long hit;
	const char *res = NULL;

	if (f->type != SXF_CHOICE && f->type != SXF_BOOL &&
	    f->type != SXF_COMMUNE)
		return NULL;
	if (strlen(v) > 500)
		return NULL;
	snprintf(key, sizeof key, "%d|%s", fi, v);
	hit = smap_get(&im->canon, key);
	if (hit == -3)
		return NULL;
	if (hit >= 0) {
		if (f->type == SXF_CHOICE)
			return f->choices[hit].key;
		if (f->type == SXF_BOOL)
			return hit ? "1" : "0";
		return im->codes[hit];
	}
	if (f->type == SXF_CHOICE) {
		res = record_value_choice(f, v);
		for (long i = 0; res && f->choices[i].key; i++)
			if (f->choices[i].key == res)
				hit = i;
	} else if (f->type == SXF_BOOL) {
		res = record_value_bool(v);
		hit = res && res[0] == '1';
	} else {
		char code[8];
		if (refdata_find_commune(im->db, sx_db_district_code(im->db),
					 v, code, NULL) == SX_OK) {
			if (im->ncodes == im->codes_cap) {
				long cap = im->codes_cap ? im->codes_cap * 2
							 : 32;
				size_t sz = (size_t)cap *
					    sizeof *im->codes;
				void *nc = realloc(im->codes, sz);
				if (!nc)
					return NULL;
				im->codes = nc;
				im->codes_cap = cap;
			}
			memcpy(im->codes[im->ncodes], code, 8);
			hit = im->ncodes++;
			res = im->codes[hit];
		}
	}
	smap_put(&im->canon, key, res ? hit : -3);
	return res;
}

/* Brings the values used as duplicate keys to canonical form early
 * (record_validate does it again on save). */
static void normalise_keys(struct import *im, struct sx_record *rec)
{
	const char *v;

	if (im->def->kind == SXK_FACILITY &&
	    (v = record_get(rec, "tax_code"))) {
		char compact[16];
		if (taxcode_check(v, compact, sizeof compact) == TAXCODE_OK)
			record_set(rec, "tax_code", compact);
	}
	if (im->def->kind == SXK_EVENT && (v = record_get(rec, "held_on"))) {
		char iso[11];
		if (text_parse_date(v, iso) == 0)
			record_set(rec, "held_on", iso);
	}
	if (im->def->kind == SXK_CONSUMPTION && (v = record_get(rec, "year"))) {
		double y;
		char buf[32];
		if (text_parse_decimal(v, &y) == 0 && y >= 0 && y < 1e6) {
			snprintf(buf, sizeof buf, "%.0f", y);
			record_set(rec, "year", buf);
		}
	}
}

static enum sx_err build_row(struct import *im, long idx,
			     struct sx_error *err)
{
	struct row *r = &im->rows[idx];
	const struct sx_kind_def *def = im->def;
	struct sx_record *rec = record_new(def->kind);

	if (!rec)
		return nomem(err);
	r->rec = rec;
	for (int c = 0; c < im->ncolumns; c++) {
		int fi = im->colfield[c];
		const char *v = r->cells[c];
		const struct sx_field *f;
		char ref[SX_UUID_LEN + 1];
		int blank = 1;

		for (const char *p = v; *p; p++)
			if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
				blank = 0;
		if (fi == COL_IGNORE)
			continue;
		if (fi == COL_ID) {
			if (blank)
				continue;
			if (!uuid_is_valid(v)) {
				add_problem(im, r->line, c + 1,
					    "mã bản ghi không hợp lệ: \"%s\"",
					    "not a record id: \"%s\"", v);
				r->bad = 1;
				continue;
			}
			snprintf(rec->uuid, sizeof rec->uuid, "%s", v);
			for (char *p = rec->uuid; *p; p++)
				if (*p >= 'A' && *p <= 'F')
					*p = (char)(*p - 'A' + 'a');
			continue;
		}
		f = &def->fields[fi];
		if (blank) {
			/* "x / blank": an empty yes/no cell is no */
			if (f->type == SXF_BOOL &&
			    record_set(rec, f->name, "0"))
				return nomem(err);
			continue;
		}
		if (f->type == SXF_REF) {
			int rc = f->ref_kind == SXK_FACILITY
				? resolve_facility(im, r, c + 1, v, ref)
				: f->ref_kind == SXK_ASSESSMENT
				? resolve_assessment(im, r, c + 1, v, ref)
				: (uuid_is_valid(v)
				   ? (snprintf(ref, sizeof ref, "%s", v), 0)
				   : (add_problem(im, r->line, c + 1,
						  "mã bản ghi không hợp lệ",
						  "not a record id"), -1));
			if (rc) {
				r->bad = 1;
				continue;
			}
			v = ref;
		} else if (f->type == SXF_DECIMAL) {
			/* Read as a person wrote it ("1.234" is 1234) before
			 * record_validate, which reads "1.234" as a form
			 * stores it. */
			char *canon = NULL;
			enum sx_value_verdict vd = record_value_check(
				f, v, SXV_TYPED, NULL, &canon);
			if (vd == SXV_NOMEM)
				return nomem(err);
			if (vd == SXV_OK && canon) {
				int e = record_set(rec, f->name, canon);
				free(canon);
				if (e)
					return nomem(err);
				continue;
			}
		} else {
			const char *canon = canonical_cell(im, fi, v);
			if (canon)
				v = canon;
		}
		if (record_set(rec, f->name, v))
			return nomem(err);
	}
	/* a facility with no status given is taken as active */
	if (def->kind == SXK_FACILITY && !record_get(rec, "status") &&
	    record_set(rec, "status", "active"))
		return nomem(err);
	if (def->kind == SXK_PERSON && !column_of_name(im, "active") &&
	    record_set(rec, "active", "1"))
		return nomem(err);
	normalise_keys(im, rec);
	return SX_OK;
}

/* Classes the row as new or a duplicate, and registers its keys. */
static int reason_of(const char *key)
{
	int i = 0;

	/* the last reason has the empty prefix: it always matches */
	while (strncmp(key, dup_reasons[i].key_prefix,
		       strlen(dup_reasons[i].key_prefix)))
		i++;
	return i;
}

static enum sx_err classify_row(struct import *im, long idx,
				struct sx_error *err)
{
	struct row *r = &im->rows[idx];
	char keys[3][700];
	int n = record_keys(im, r->rec, keys);
	long own = -1;

	for (int k = 0; k < n && r->dup < 0; k++) {
		long t = smap_get(&im->keys, keys[k]);
		if (t < 0)
			continue;
		r->dup = t;
		r->why = reason_of(keys[k]);
	}
	if (r->dup < 0) {
		own = add_target(im, r->rec->uuid, idx, NULL);
		if (own < 0)
			return nomem(err);
		r->own = own;
		for (int k = 0; k < n; k++)
			if (smap_put(&im->keys, keys[k], own))
				return nomem(err);
	}
	return SX_OK;
}

static enum sx_err list_duplicates(struct import *im, struct sx_error *err)
{
	struct import_result *res = im->res;

	for (long i = 0; i < im->nrows; i++) {
		struct row *r = &im->rows[i];
		struct target *t;
		struct import_duplicate *d;
		if (r->dup < 0)
			continue;
		if (res->ndups == res->dups_cap) {
			int cap = res->dups_cap ? res->dups_cap * 2 : 32;
			void *nd = realloc(res->dups, (size_t)cap * sizeof *d);
			if (!nd)
				return nomem(err);
			res->dups = nd;
			res->dups_cap = cap;
		}
		t = &im->targets[r->dup];
		d = &res->dups[res->ndups++];
		memset(d, 0, sizeof *d);
		d->line = r->line;
		if (t->row >= 0) {
			const char *title = record_get(im->rows[t->row].rec,
						       im->def->title_field);
			snprintf(d->existing, sizeof d->existing,
				 "line %ld: %s", im->rows[t->row].line,
				 title ? title : "");
		} else {
			snprintf(d->existing, sizeof d->existing, "%s",
				 t->what ? t->what : "");
		}
		snprintf(d->reason_vi, sizeof d->reason_vi, "%s",
			 dup_reasons[r->why].vi);
		snprintf(d->reason_en, sizeof d->reason_en, "%s",
			 dup_reasons[r->why].en);
	}
	return SX_OK;
}

/* ---- 3. writing --------------------------------------------------------- */

static void problems_to_import(struct import *im, struct row *r,
			       const struct sx_problems *pr, int skip_refs)
{
	for (int i = 0; i < pr->count; i++) {
		int fi = record_field_index(im->def, pr->items[i].field);
		if (skip_refs && fi >= 0 &&
		    im->def->fields[fi].type == SXF_REF)
			continue;
		add_problem_text(im, r->line,
				 fi >= 0 ? column_of_field(im, fi) : 0,
				 pr->items[i].msg_vi, pr->items[i].msg_en);
	}
}

/* record_save without its savepoint: the import's one transaction is
 * the unit, and validation fails before anything is written.  A
 * savepoint per row made FTS5 flush its pending index at every row — a
 * quarter of the whole import's time (measured with perf). */
static enum sx_err save_in_tx(struct sx_db *db, struct sx_record *rec,
			      struct sx_problems *pr, struct sx_error *err)
{
	int is_new = rec->uuid[0] == '\0';
	enum sx_err e = SX_OK;

	if (is_new)
		e = uuid_new(rec->uuid, err);
	if (e == SX_OK)
		e = record_validate(db, rec, pr, err);
	if (e == SX_OK) {
		sx_now_utc(rec->updated_at);
		e = record_write(db, rec, 1, err);
	}
	if (e != SX_OK && is_new)
		rec->uuid[0] = '\0';
	return e;
}

/* The values of the row's columns laid over a stored record. */
static enum sx_err overlay(struct import *im, struct row *r,
			   const char *uuid, struct sx_record **out,
			   struct sx_error *err)
{
	struct sx_record *stored = NULL;
	enum sx_err e = record_load(im->db, im->def->kind, uuid, &stored, err);

	if (e)
		return e;
	for (int c = 0; c < im->ncolumns; c++) {
		int fi = im->colfield[c];
		if (fi < 0)
			continue;
		if (record_set(stored, im->def->fields[fi].name,
			       r->rec->values[fi])) {
			record_free(stored);
			return nomem(err);
		}
	}
	*out = stored;
	return SX_OK;
}

static enum sx_err write_row(struct import *im, long idx,
			     enum import_dup_policy policy,
			     struct sx_problems *pr, struct sx_error *err)
{
	struct row *r = &im->rows[idx];
	struct sx_record *rec = r->rec;
	struct sx_record *merged = NULL;
	int before = im->res->nproblems;
	enum sx_err e;

	if (r->bad) {
		/* references already failed: report the row's other
		 * problems too, without saving */
		problems_clear(pr);
		e = record_validate(im->db, rec, pr, err);
		if (e != SX_OK && e != SX_INVALID)
			return e;
		problems_to_import(im, r, pr, 1);
		im->res->rejected++;
		return SX_OK;
	}
	if (r->dup >= 0) {
		struct target *t = &im->targets[r->dup];
		if (policy == IMPORT_DUP_SKIP) {
			im->res->skipped++;
			return SX_OK;
		}
		if (!t->uuid[0]) {
			/* the earlier row it repeats was rejected */
			r->dup = -1;
		} else {
			e = overlay(im, r, t->uuid, &merged, err);
			if (e == SX_NOTFOUND) {
				r->dup = -1;
			} else if (e) {
				return e;
			}
		}
	}
	problems_clear(pr);
	e = save_in_tx(im->db, merged ? merged : rec, pr, err);
	if (e == SX_OK) {
		if (merged)
			im->res->updated++;
		else
			im->res->inserted++;
		/* later rows repeating this one update it */
		if (!merged && r->own >= 0)
			snprintf(im->targets[r->own].uuid, SX_UUID_LEN + 1,
				 "%s", rec->uuid);
	} else if (e == SX_INVALID) {
		problems_to_import(im, r, pr, 0);
		if (im->res->nproblems == before)
			add_problem_text(im, r->line, 0,
					 err ? err->msg_vi : "",
					 err ? err->msg : "");
		im->res->rejected++;
		e = SX_OK;
	}
	record_free(merged);
	return e;
}

/* ---- rejected rows as CSV ----------------------------------------------- */

static enum sx_err build_rejected(struct import *im, int *row_problem_from,
				  struct sx_error *err)
{
	struct dynbuf b = DYNBUF_INIT, reason = DYNBUF_INIT;
	struct csvwrite w;
	const char *lang_reason = "lý do / reason";

	/* a file to correct in a spreadsheet and import again */
	csvwrite_init(&w, &b, im->delim, 1);
	dynbuf_add(&b, "\xEF\xBB\xBF", 3);
	for (int c = 0; c < im->ncolumns; c++)
		csvwrite_field(&w, im->headers[c]);
	csvwrite_field(&w, lang_reason);
	csvwrite_end_row(&w);
	for (long i = 0; i < im->nrows; i++) {
		struct row *r = &im->rows[i];
		int any = 0;
		dynbuf_reset(&reason);
		for (int p = row_problem_from[i]; p < im->res->nproblems &&
		     p >= 0 && im->res->problems[p].line == r->line; p++) {
			const struct import_problem *pb = &im->res->problems[p];
			if (any)
				dynbuf_adds(&reason, "; ");
			dynbuf_adds(&reason, pb->msg_vi);
			any = 1;
		}
		if (!any)
			continue;
		for (int c = 0; c < im->ncolumns; c++)
			csvwrite_field(&w, r->cells[c]);
		csvwrite_field(&w, dynbuf_str(&reason));
		csvwrite_end_row(&w);
	}
	if (reason.oom)
		b.oom = 1;
	dynbuf_release(&reason);
	im->res->rejected_csv = dynbuf_take(&b, &im->res->rejected_len);
	return im->res->rejected_csv ? SX_OK : nomem(err);
}

/* ---- the whole ---------------------------------------------------------- */

static void import_free(struct import *im)
{
	for (long i = 0; i < im->nrows; i++) {
		free(im->rows[i].cells);
		record_free(im->rows[i].rec);
	}
	free(im->rows);
	for (int c = 0; c < im->ncolumns && im->headers; c++)
		free(im->headers[c]);
	free(im->headers);
	free(im->colfield);
	free(im->mapped);
	for (long i = 0; i < im->ntargets; i++)
		free(im->targets[i].what);
	free(im->targets);
	free(im->fac_uuid);
	smap_free(&im->keys);
	smap_free(&im->fac_tax);
	smap_free(&im->fac_name);
	smap_free(&im->canon);
	free(im->codes);
}

void import_result_release(struct import_result *r)
{
	if (!r)
		return;
	free(r->problems);
	free(r->dups);
	free(r->rejected_csv);
	memset(r, 0, sizeof *r);
}

static void call_preview(struct import *im, enum sx_encoding enc)
{
	struct import_preview p;

	if (!im->opts->preview)
		return;
	memset(&p, 0, sizeof p);
	p.encoding = enc;
	p.detected = !im->opts->encoding_given;
	p.delimiter = im->delim;
	p.rows = im->nrows;
	p.ncolumns = im->ncolumns;
	p.headers = im->headers;
	p.mapped = im->mapped;
	p.nsample = im->nrows < 3 ? (int)im->nrows : 3;
	for (int i = 0; i < p.nsample; i++)
		p.sample[i] = im->rows[i].cells;
	im->opts->preview(&p, im->opts->arg);
}

static enum sx_err read_and_map(struct import *im, const char *data,
				size_t len, struct sx_error *err)
{
	enum sx_encoding enc = im->opts->encoding;
	char *text = NULL;
	size_t tlen = 0;
	enum sx_err e;
	struct csvread_opts copts = {0, 0};

	if (!im->opts->encoding_given) {
		e = encoding_detect(data, len, &enc, NULL, err);
		if (e)
			return e;
	}
	im->res->encoding = enc;
	e = encoding_to_utf8(data, len, enc, &text, &tlen, err);
	if (e)
		return e;
	im->delim = csvread_guess_delim(text, tlen);
	copts.delim = im->delim;
	e = csvread_parse(text, tlen, &copts, on_csv_row, im, NULL, err);
	free(text);
	if (e)
		return e;
	im->res->rows = im->nrows;
	e = map_headers(im, err);
	call_preview(im, enc);
	return e;
}

enum sx_err import_data(struct sx_db *db, const char *data, size_t len,
			const struct import_opts *opts,
			struct import_result *result, struct sx_error *err)
{
	struct import im;
	struct sx_problems pr;
	enum import_dup_policy policy = opts->on_duplicate;
	enum sx_err e;
	int *first_problem = NULL;
	int in_tx = 0, old_cache = -2000;
	struct import_bulk bulk = {0};

	memset(result, 0, sizeof *result);
	memset(&im, 0, sizeof im);
	problems_init(&pr);
	im.db = db;
	im.opts = opts;
	im.res = result;
	im.def = record_kind(opts->kind);
	if (!im.def || opts->kind == SXK_EVENT_FACILITY ||
	    opts->kind == SXK_EVENT_PERSON) {
		e = sx_error_set(err, SX_USAGE, "", "Loại dữ liệu không nhập "
				 "được", "this kind of record cannot be "
				 "imported");
		goto done;
	}
	if (!sx_db_district_code(db)[0]) {
		e = sx_error_set(err, SX_INVALID, "",
				 "Cơ sở dữ liệu chưa được khởi tạo cho huyện "
				 "(sxsh init --district MÃ).",
				 "the database is not set up for a district "
				 "(sxsh init --district CODE)");
		goto done;
	}
	e = read_and_map(&im, data, len, err);
	if (e)
		goto done;
	e = load_stored_keys(&im, err);
	if (!e && (opts->kind == SXK_ASSESSMENT ||
		   opts->kind == SXK_CONSUMPTION ||
		   opts->kind == SXK_SOLUTION))
		e = load_facilities(&im, err);
	for (long i = 0; !e && i < im.nrows; i++) {
		e = build_row(&im, i, err);
		if (!e)
			e = classify_row(&im, i, err);
	}
	if (!e)
		e = list_duplicates(&im, err);
	if (e)
		goto done;
	if (result->ndups && policy == IMPORT_DUP_ASK) {
		if (opts->dry_run)
			policy = IMPORT_DUP_SKIP;
		else if (opts->ask_duplicates)
			policy = opts->ask_duplicates(result->dups,
						      result->ndups, opts->arg);
		else
			policy = IMPORT_DUP_CANCEL;
		if (policy != IMPORT_DUP_UPDATE && policy != IMPORT_DUP_SKIP) {
			e = sx_error_set(err, SX_INVALID, "",
					 "Tệp có bản ghi trùng; hãy chọn "
					 "--on-duplicate update hoặc skip.",
					 "the file has %d duplicate(s); choose "
					 "--on-duplicate update or skip",
					 result->ndups);
			goto done;
		}
	}
	first_problem = malloc((size_t)(im.nrows ? im.nrows : 1) *
			       sizeof *first_problem);
	if (!first_problem) {
		e = nomem(err);
		goto done;
	}
	/* One transaction of many rows: a larger page cache spares SQLite
	 * some spilling to the WAL.  With the plain indexes set aside
	 * (import_bulk.c) 32 MB does as well as 128 MB did (100,000
	 * facilities: 5.0 s either way, peak memory 222 MB against 313 MB;
	 * the 2 MB default: 5.6 s). */
	{
		sqlite3_stmt *cs = NULL;
		if (sqlite3_prepare_v2(db->handle, "PRAGMA cache_size", -1,
				       &cs, NULL) == SQLITE_OK &&
		    sqlite3_step(cs) == SQLITE_ROW)
			old_cache = sqlite3_column_int(cs, 0);
		sqlite3_finalize(cs);
	}
	sqlite3_exec(db->handle, "PRAGMA cache_size=-32768", NULL, NULL, NULL);
	e = sx_db_begin(db, err);
	if (e)
		goto done;
	in_tx = 1;
	e = import_bulk_begin(db, im.def, im.nrows, &bulk, err);
	if (e)
		goto done;
	for (long i = 0; i < im.nrows; i++) {
		first_problem[i] = result->nproblems;
		e = write_row(&im, i, policy, &pr, err);
		if (e)
			goto done;
		if (opts->progress && ((i + 1) % 1000 == 0 ||
				       i + 1 == im.nrows))
			opts->progress(i + 1, im.nrows, opts->arg);
	}
	if (result->nproblems && !opts->skip_invalid) {
		e = sx_error_set(err, SX_INVALID, "",
				 "Tệp có dòng không hợp lệ; chưa ghi gì.",
				 "%ld row(s) are not valid; nothing was "
				 "written", result->rejected);
		goto done;
	}
	if (result->nproblems && opts->skip_invalid) {
		e = build_rejected(&im, first_problem, err);
		if (e)
			goto done;
	}
	if (opts->dry_run) {
		sx_db_rollback(db);
		in_tx = 0;
	} else {
		e = import_bulk_end(db, im.def, &bulk, err);
		if (e)
			goto done;
		e = sx_db_commit(db, err);
		in_tx = 0;
	}
done:
	/* on rollback what was set aside comes back with everything else */
	import_bulk_release(&bulk);
	if (in_tx)
		sx_db_rollback(db);
	if (e && e != SX_INVALID && e != SX_USAGE) {
		/* nothing was written: the counts would mislead */
		result->inserted = result->updated = 0;
	}
	if (e == SX_INVALID && !result->nproblems && err && err->msg[0] &&
	    !result->ndups)
		add_problem_text(&im, 0, 0, err->msg_vi, err->msg);
	if (first_problem) {
		/* a pragma takes no parameters: the number is ours */
		char pragma[48];
		snprintf(pragma, sizeof pragma, "PRAGMA cache_size=%d",
			 old_cache);
		sqlite3_exec(db->handle, pragma, NULL, NULL, NULL);
	}
	free(first_problem);
	problems_release(&pr);
	import_free(&im);
	return e;
}

enum sx_err import_file(struct sx_db *db, const char *path,
			const struct import_opts *opts,
			struct import_result *result, struct sx_error *err)
{
	FILE *f = fopen(path, "rb");
	struct stat sb;
	char *data = NULL;
	size_t n;
	enum sx_err e;

	memset(result, 0, sizeof *result);
	if (!f)
		return sx_error_set(err, SX_INVALID, "", "Không mở được tệp.",
				    "cannot open %s: %s", path,
				    strerror(errno));
	if (fstat(fileno(f), &sb) || !S_ISREG(sb.st_mode)) {
		fclose(f);
		return sx_error_set(err, SX_INVALID, "",
				    "Không phải tệp thông thường.",
				    "%s is not a regular file", path);
	}
	if (sb.st_size > MAX_FILE) {
		fclose(f);
		return sx_error_set(err, SX_INVALID, "",
				    "Tệp quá lớn (trên 256 MB).",
				    "%s is larger than 256 MB", path);
	}
	data = malloc((size_t)sb.st_size + 1);
	if (!data) {
		fclose(f);
		return nomem(err);
	}
	n = fread(data, 1, (size_t)sb.st_size, f);
	if (ferror(f)) {
		fclose(f);
		free(data);
		return sx_error_set(err, SX_INVALID, "", "Không đọc được tệp.",
				    "cannot read %s", path);
	}
	fclose(f);
	data[n] = '\0';
	e = import_data(db, data, n, opts, result, err);
	free(data);
	return e;
}

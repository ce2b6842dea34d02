/* refdata.c — loading the shipped reference data (administrative units and
 * VSIC 2018 sectors from core/data, embedded at build time; the plan's
 * figures from refdata_plan.c) and looking it up.
 *
 * Loading replaces the tables' contents in one transaction, so a database
 * holds one consistent version of the reference data.
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db_internal.h"
#include "sxsh/refdata.h"
#include "sxsh/refdata_blob.h"
#include "sxsh/text.h"

const struct refdata_blob *refdata_blob_find(const char *name)
{
	for (const struct refdata_blob *b = refdata_blobs; b->name; b++)
		if (!strcmp(b->name, name))
			return b;
	return NULL;
}

/* Rows of a small CSV file, handed to a callback one at a time. */
struct csv_rows {
	char *fields[8];
	int nfields;
	int line;
	int header_done;
	enum sx_err (*row)(struct csv_rows *, void *);
	void *arg;
	enum sx_err status;
	struct sx_error *err;
};

static void on_field(void *s, size_t len, void *data)
{
	struct csv_rows *r = data;
	if (r->nfields < 8) {
		char *f = malloc(len + 1);
		if (!f) {
			r->status = SX_NOMEM;
			return;
		}
		memcpy(f, s, len);
		f[len] = '\0';
		r->fields[r->nfields] = f;
	}
	r->nfields++;
}

static void on_row(int c, void *data)
{
	struct csv_rows *r = data;
	(void)c;
	r->line++;
	if (r->status == SX_OK) {
		if (!r->header_done)
			r->header_done = 1;
		else
			r->status = r->row(r, r->arg);
	}
	for (int i = 0; i < r->nfields && i < 8; i++)
		free(r->fields[i]);
	r->nfields = 0;
}

static enum sx_err each_csv_row(const char *blob_name,
				enum sx_err (*row)(struct csv_rows *, void *),
				void *arg, struct sx_error *err)
{
	const struct refdata_blob *b = refdata_blob_find(blob_name);
	struct csv_parser p;
	struct csv_rows r = {0};

	if (!b)
		return sx_error_set(err, SX_DB, NULL, NULL,
				    "reference file %s missing from build",
				    blob_name);
	r.row = row;
	r.arg = arg;
	r.err = err;
	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0)
		return sx_error_set(err, SX_NOMEM, NULL, NULL, "out of memory");
	if (csv_parse(&p, b->data, b->len, on_field, on_row, &r) != b->len ||
	    csv_fini(&p, on_field, on_row, &r) != 0) {
		csv_free(&p);
		for (int i = 0; i < r.nfields && i < 8; i++)
			free(r.fields[i]);
		return sx_error_set(err, SX_DB, NULL, NULL,
				    "reference file %s: bad CSV near line %d",
				    blob_name, r.line + 1);
	}
	csv_free(&p);
	if (r.status != SX_OK && err && err->code == SX_OK)
		sx_error_set(err, r.status, NULL, NULL,
			     "reference file %s line %d", blob_name, r.line);
	return r.status;
}

/* Both shipped lists have four columns, the name third and the parent
 * fourth; the INSERT names the table's columns in the file's order (the
 * INTEGER column's affinity turns vsic's level into a number). */
struct shipped_list {
	struct sx_db *db;
	const char *file;
	const char *insert;
};

static enum sx_err shipped_row(struct csv_rows *r, void *arg)
{
	const struct shipped_list *list = arg;
	sqlite3_stmt *st;
	char *fold;
	enum sx_err e;

	if (r->nfields != 4)
		return sx_error_set(r->err, SX_DB, NULL, NULL,
				    "%s line %d: 4 fields expected",
				    list->file, r->line);
	st = db_stmt(list->db, list->insert, r->err);
	if (!st)
		return SX_DB;
	fold = text_fold(r->fields[2]);
	if (!fold)
		return sx_error_set(r->err, SX_NOMEM, NULL, NULL,
				    "out of memory");
	for (int i = 0; i < 4; i++)
		db_bind_text(st, i + 1, r->fields[i]);
	db_bind_text(st, 5, fold);
	e = db_exec_stmt(list->db, st, r->err);
	free(fold);
	return e;
}

enum sx_err refdata_load_shipped(struct sx_db *db, struct sx_error *err)
{
	sqlite3_stmt *st;
	enum sx_err e = sx_db_begin(db, err);

	if (e != SX_OK)
		return e;
	/* Units and sectors are referenced by records, so the shipped lists
	 * load once; later changes arrive as updates from the province. */
	{
		st = db_stmt(db, "SELECT count(*) FROM unit", err);
		if (!st) {
			e = SX_DB;
		} else if (sqlite3_step(st) == SQLITE_ROW &&
			   sqlite3_column_int(st, 0) == 0) {
			sqlite3_reset(st);
			struct shipped_list units = {db, "sonla_units",
				"INSERT INTO unit(level, code, name,"
				" parent_code, name_fold)"
				" VALUES(?1, ?2, ?3, NULLIF(?4, ''), ?5)"};
			struct shipped_list sectors = {db, "vsic2018",
				"INSERT INTO vsic(code, level, name,"
				" parent_code, name_fold)"
				" VALUES(?1, ?2, ?3, NULLIF(?4, ''), ?5)"};
			e = each_csv_row(units.file, shipped_row, &units,
					 err);
			if (e == SX_OK)
				e = each_csv_row(sectors.file, shipped_row,
						 &sectors, err);
		} else {
			sqlite3_reset(st);
		}
	}
	if (e == SX_OK)
		e = refdata_plan_load(db, err);
	if (e != SX_OK) {
		sx_db_rollback(db);
		return e;
	}
	return sx_db_commit(db, err);
}

enum sx_err refdata_unit(struct sx_db *db, const char *code,
			 struct sx_unit *out, struct sx_error *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT code, level, name,"
				   " coalesce(parent_code, '') FROM unit"
				   " WHERE code=?1", err);
	int rc;

	if (!st)
		return SX_DB;
	db_bind_text(st, 1, code);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(out->code, sizeof out->code, "%s",
			 sqlite3_column_text(st, 0));
		snprintf(out->level, sizeof out->level, "%s",
			 sqlite3_column_text(st, 1));
		snprintf(out->name, sizeof out->name, "%s",
			 sqlite3_column_text(st, 2));
		snprintf(out->parent_code, sizeof out->parent_code, "%s",
			 sqlite3_column_text(st, 3));
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return SX_OK;
	if (rc == SQLITE_DONE)
		return sx_error_set(err, SX_NOTFOUND, NULL,
				    "Không có đơn vị hành chính này",
				    "no administrative unit %s", code);
	return db_error(db, err, "unit");
}

/* Drops the unit-type prefix so that "Xã Chiềng Sơn", "xa chieng son" and
 * "Chiềng Sơn" all match. Works on folded text. */
static const char *skip_unit_prefix(const char *folded)
{
	static const char *const prefixes[] = {
		"xa ", "phuong ", "thi tran ", "tt ", "p ", NULL
	};
	for (int i = 0; prefixes[i]; i++) {
		size_t n = strlen(prefixes[i]);
		if (!strncmp(folded, prefixes[i], n))
			return folded + n;
	}
	return folded;
}

enum sx_err refdata_find_commune(struct sx_db *db, const char *district,
				 const char *code_or_name, char code_out[8],
				 struct sx_error *err)
{
	sqlite3_stmt *st;
	char *want;
	int matches = 0;
	enum sx_err e = SX_OK;

	st = db_stmt(db, "SELECT code, name_fold FROM unit WHERE level="
			 "'commune' AND parent_code=?1", err);
	if (!st)
		return SX_DB;
	want = text_fold(code_or_name);
	if (!want)
		return sx_error_set(err, SX_INVALID, "commune", NULL,
				    "commune name is not valid text");
	db_bind_text(st, 1, district);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 0);
		const char *fold = (const char *)sqlite3_column_text(st, 1);
		if (!strcmp(code, want) ||
		    !strcmp(skip_unit_prefix(fold), skip_unit_prefix(want)) ||
		    !strcmp(fold, want)) {
			if (!strcmp(code, want) || !strcmp(fold, want)) {
				/* an exact code or full name wins outright */
				snprintf(code_out, 8, "%s", code);
				matches = 1;
				break;
			}
			if (!matches)
				snprintf(code_out, 8, "%s", code);
			matches++;
		}
	}
	sqlite3_reset(st);
	free(want);
	if (matches == 0)
		e = sx_error_set(err, SX_NOTFOUND, "commune",
				 "Xã/phường không thuộc huyện này",
				 "no such commune in the district: %s",
				 code_or_name);
	else if (matches > 1)
		e = sx_error_set(err, SX_INVALID, "commune",
				 "Tên xã trùng nhau, hãy ghi mã xã",
				 "commune name is ambiguous, give its code: %s",
				 code_or_name);
	return e;
}

enum sx_err refdata_each_child(struct sx_db *db, const char *parent_code,
			       void (*fn)(const struct sx_unit *, void *),
			       void *arg, struct sx_error *err)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT code, level, name, parent_code"
				   " FROM unit WHERE parent_code=?1"
				   " ORDER BY code", err);
	struct sx_unit u;

	if (!st)
		return SX_DB;
	db_bind_text(st, 1, parent_code);
	while (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(u.code, sizeof u.code, "%s",
			 sqlite3_column_text(st, 0));
		snprintf(u.level, sizeof u.level, "%s",
			 sqlite3_column_text(st, 1));
		snprintf(u.name, sizeof u.name, "%s",
			 sqlite3_column_text(st, 2));
		snprintf(u.parent_code, sizeof u.parent_code, "%s",
			 sqlite3_column_text(st, 3));
		fn(&u, arg);
	}
	sqlite3_reset(st);
	return SX_OK;
}

int refdata_vsic_exists(struct sx_db *db, const char *code, char *name_out,
			size_t name_sz)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT name FROM vsic WHERE code=?1",
				   NULL);
	int found;

	if (!st)
		return -1;
	db_bind_text(st, 1, code);
	found = sqlite3_step(st) == SQLITE_ROW;
	if (found && name_out)
		snprintf(name_out, name_sz, "%s", sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return found;
}

double refdata_toe_factor(struct sx_db *db, const char *carrier)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT toe_per_unit FROM energy_factor"
				   " WHERE carrier=?1", NULL);
	double v = -1;

	if (!st)
		return -1;
	db_bind_text(st, 1, carrier);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_double(st, 0);
	sqlite3_reset(st);
	return v;
}

double refdata_grid_factor(struct sx_db *db, int year)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT t_co2_per_mwh FROM grid_factor"
				   " WHERE year<=?1 ORDER BY year DESC LIMIT 1",
				   NULL);
	double v = -1;

	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, year);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_double(st, 0);
	sqlite3_reset(st);
	return v;
}

/* import.h — records from a spreadsheet (CSV) into the database.
 *
 * The file is read whole, its encoding detected (encoding.h) unless given,
 * parsed as CSV (csvread.h), and its header mapped to the kind's fields by
 * name: the field name, its Vietnamese or English label (with or without
 * the unit), or a usual spreadsheet heading, compared case- and
 * diacritic-insensitively.  An "id" column, when present, carries record
 * ids (as export writes them); "STT" (row numbers) is ignored.
 *
 * Values are taken as people type them: yes/no as 1/0, x/blank, có/không;
 * dates dd/mm/yyyy; numbers 1.234,5 or 1234.5; choices by key or label;
 * a commune by code or name; a facility by id, tax code or name; an
 * assessment by id, or by its facility when that facility has exactly
 * one assessment.
 *
 * Everything happens in one transaction.  Every row is validated by
 * record_save's rules and every problem is kept with its line and column.
 * Unless skip_invalid is set, one bad row means nothing is written.
 * Duplicates (same id; a facility with the same tax code, or the same
 * folded name in the same commune; a person with the same folded name in
 * the same commune; an event with the same title and date; consumption of
 * the same facility and year) are updated, skipped, or put to the caller
 * (ask_duplicates) before anything is written — never silently doubled.
 */
#ifndef SXSH_IMPORT_H
#define SXSH_IMPORT_H

#include <stddef.h>
#include "sxsh/encoding.h"
#include "sxsh/err.h"
#include "sxsh/record.h"

struct sx_db;

enum import_dup_policy {
	IMPORT_DUP_ASK = 0,    /* call ask_duplicates; refuse without it */
	IMPORT_DUP_UPDATE,     /* the file's columns overwrite the record */
	IMPORT_DUP_SKIP,       /* keep the record, ignore the row */
	IMPORT_DUP_CANCEL      /* answer of ask_duplicates: write nothing */
};

struct import_problem {
	long line;             /* line of the file (1 = header) */
	int column;            /* 1-based column, 0 when not one column */
	char header[64];       /* the column's heading in the file */
	char msg_vi[256];
	char msg_en[256];
};

struct import_duplicate {
	long line;
	char existing[160];    /* what it duplicates: "line 5" or a record */
	char reason_vi[96];
	char reason_en[96];
};

struct import_preview {
	enum sx_encoding encoding;
	int detected;          /* 1 if guessed, 0 if given */
	char delimiter;
	long rows;             /* data rows */
	int ncolumns;
	char **headers;        /* as in the file, ncolumns entries */
	const char *const *mapped; /* field name per column, NULL = ignored */
	int nsample;           /* up to 3 first rows */
	char **sample[3];      /* ncolumns converted values each */
};

struct import_opts {
	enum sx_kind kind;
	int encoding_given;         /* use encoding instead of detecting */
	enum sx_encoding encoding;
	int dry_run;                /* validate and report; write nothing */
	int skip_invalid;           /* write the good rows */
	enum import_dup_policy on_duplicate;
	/* Called once before writing with what was read (may be NULL). */
	void (*preview)(const struct import_preview *p, void *arg);
	/* Called when on_duplicate is ASK and duplicates were found;
	 * returns UPDATE, SKIP or CANCEL.  NULL means CANCEL. */
	enum import_dup_policy (*ask_duplicates)(
		const struct import_duplicate *dups, int n, void *arg);
	/* Progress while writing: rows done of total (may be NULL). */
	void (*progress)(long done, long total, void *arg);
	void *arg;
};

struct import_result {
	long rows;             /* data rows read */
	long inserted, updated, skipped, rejected;
	struct import_problem *problems;  /* owned; every problem */
	int nproblems, problems_cap;
	struct import_duplicate *dups;    /* owned */
	int ndups, dups_cap;
	enum sx_encoding encoding;
	/* Rejected rows as UTF-8 CSV with a last "reason" column (only with
	 * skip_invalid and at least one rejected row); owned. */
	char *rejected_csv;
	size_t rejected_len;
};

void import_result_release(struct import_result *r);

/* Imports len bytes of data (a CSV file's content).  Returns SX_OK when
 * the rows were written (or, with dry_run, would be); SX_INVALID when the
 * file or some row is bad (nothing written unless skip_invalid; err
 * says what, result lists every problem) or duplicates were refused;
 * SX_DB / SX_NOMEM on failure (nothing written). */
enum sx_err import_data(struct sx_db *db, const char *data, size_t len,
			const struct import_opts *opts,
			struct import_result *result, struct sx_error *err);

/* Reads path and calls import_data.  Files over 256 MB are refused. */
enum sx_err import_file(struct sx_db *db, const char *path,
			const struct import_opts *opts,
			struct import_result *result, struct sx_error *err);

/* Where the rejected rows of file go unless the user names a place:
 * beside it, "facilities.csv" → "facilities.rejected.csv". */
void import_rejected_path(const char *file, char *out, size_t outsz);

/* Writes result's rejected rows to path, whole or not at all (see
 * outfile.h).  SX_DB with err filled (the path and the reason, in both
 * languages) when it cannot. */
enum sx_err import_write_rejected(const struct import_result *result,
				  const char *path, struct sx_error *err);

/* The field a column heading stands for in kind (field name), "id",
 * "" for a column to ignore, or NULL when unknown. */
const char *import_map_header(enum sx_kind kind, const char *heading);

#endif

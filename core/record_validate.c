/* record_validate.c — the rules every record must pass before it is
 * written, whatever its source (form, import, sync).  Each value is first
 * brought to its canonical form (see record.h), then checked; every problem
 * is reported, not just the first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "record_internal.h"
#include "sxsh/record_value.h"
#include "sxsh/refdata.h"

static void add(struct sx_problems *out, const struct sx_field *f,
		const char *vi, const char *en)
{
	char bvi[200], ben[200];
	snprintf(bvi, sizeof bvi, "%s: %s", f->label_vi, vi);
	snprintf(ben, sizeof ben, "%s: %s", f->label_en, en);
	problems_add(out, f->name, bvi, ben);
}

static int replace(char **slot, const char *value)
{
	char *copy = NULL;
	if (value && *value && !(copy = strdup(value)))
		return -1;
	free(*slot);
	*slot = copy;
	return 0;
}

static int record_exists(struct sx_db *db, enum sx_kind kind,
			 const char *uuid)
{
	static const char *const sql[SXK_COUNT] = {
		"SELECT 1 FROM facility WHERE uuid=?1 AND deleted=0",
		"SELECT 1 FROM person WHERE uuid=?1 AND deleted=0",
		"SELECT 1 FROM event WHERE uuid=?1 AND deleted=0",
		"SELECT 1 FROM event_facility WHERE uuid=?1 AND deleted=0",
		"SELECT 1 FROM event_person WHERE uuid=?1 AND deleted=0",
		"SELECT 1 FROM assessment WHERE uuid=?1 AND deleted=0",
		"SELECT 1 FROM solution WHERE uuid=?1 AND deleted=0",
		"SELECT 1 FROM consumption WHERE uuid=?1 AND deleted=0",
	};
	sqlite3_stmt *st = db_stmt(db, sql[kind], NULL);
	int found;

	if (!st)
		return -1;
	db_bind_text(st, 1, uuid);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

static int commune_in_district(struct sx_db *db, const char *code)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM unit WHERE code=?1 AND"
				   " level='commune' AND parent_code=?2", NULL);
	int found;

	if (!st)
		return -1;
	db_bind_text(st, 1, code);
	db_bind_text(st, 2, sx_db_district_code(db));
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

/* The checks of a value that need the database, on its canonical form.
 * Returns -1 when the database cannot be read. */
static int check_in_db(struct sx_db *db, const struct sx_field *f,
		       const char *s, struct sx_problems *out)
{
	int found = 1;

	switch (f->type) {
	case SXF_REF:
		found = record_exists(db, f->ref_kind, s);
		if (!found)
			add(out, f, "không tìm thấy bản ghi được chọn",
			    "refers to a record that does not exist");
		break;
	case SXF_COMMUNE:
		found = commune_in_district(db, s);
		if (!found)
			add(out, f, "xã không thuộc huyện",
			    "commune is not in the district");
		break;
	case SXF_VSIC:
		found = refdata_vsic_exists(db, s, NULL, 0);
		if (!found)
			add(out, f, "mã ngành VSIC 2018 không tồn tại",
			    "is not a VSIC 2018 code");
		break;
	default:
		break;
	}
	return found < 0 ? -1 : 0;
}

/* Brings one value to canonical form through the value codec and checks
 * it.  Returns -1 on OOM or when the database cannot be read. */
static int check_value(struct sx_db *db, const struct sx_field *f,
		       char **slot, const char *today,
		       struct sx_problems *out)
{
	enum sx_value_verdict verdict;
	char *canon = NULL;
	const char *s = *slot;

	if (!s)
		return 0;
	if (f->type == SXF_COMMUNE) {
		char code[8];
		if (!sx_db_district_code(db)[0]) {
			add(out, f, "chưa khởi tạo huyện",
			    "the district is not set up");
			return 0;
		}
		/* A name is looked up; a 5-digit code goes to the codec. */
		if (!(strlen(s) == 5 && strspn(s, "0123456789") == 5) &&
		    refdata_find_commune(db, sx_db_district_code(db), s, code,
					 NULL) == SX_OK && replace(slot, code))
			return -1;
		s = *slot;
	}
	verdict = record_value_check(f, s, SXV_RECORD, today, &canon);
	if (verdict == SXV_NOMEM)
		return -1;
	if (verdict != SXV_OK) {
		char vi[160], en[160];
		record_value_reason(f, verdict, 0, vi, sizeof vi);
		record_value_reason(f, verdict, 1, en, sizeof en);
		add(out, f, vi, en);
		return 0;
	}
	free(*slot);
	*slot = canon;     /* owned by the record now */
	return canon ? check_in_db(db, f, canon, out) : 0;
}

static int value_taken(struct sx_db *db, const char *sql, const char *uuid,
		       const char *a, const char *b)
{
	sqlite3_stmt *st = db_stmt(db, sql, NULL);
	int found;

	if (!st)
		return -1;
	db_bind_text(st, 1, uuid);
	db_bind_text(st, 2, a);
	db_bind_text(st, 3, b);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

static const struct sx_field *field_of(const struct sx_kind_def *def,
				       const char *name)
{
	int i = record_field_index(def, name);
	return i < 0 ? NULL : &def->fields[i];
}

/* Rules across fields and across records. -1 on storage failure. */
static int check_record(struct sx_db *db, const struct sx_record *rec,
			struct sx_problems *out)
{
	const struct sx_kind_def *def = record_kind(rec->kind);
	const char *uuid = rec->uuid;
	int taken = 0;

	switch (rec->kind) {
	case SXK_FACILITY: {
		const char *tax = record_get(rec, "tax_code");
		const char *status = record_get(rec, "status");
		if (tax)
			taken = value_taken(db,
				"SELECT 1 FROM facility WHERE tax_code=?2 AND"
				" deleted=0 AND uuid<>?1", uuid, tax, NULL);
		if (taken > 0)
			add(out, field_of(def, "tax_code"),
			    "đã có cơ sở khác dùng mã số thuế này",
			    "another facility has this tax code");
		if (record_get(rec, "closed_on") && status &&
		    !strcmp(status, "active"))
			add(out, field_of(def, "closed_on"),
			    "chỉ ghi khi cơ sở tạm ngừng hoặc đóng cửa",
			    "only for a suspended or closed facility");
		break;
	}
	case SXK_ASSESSMENT: {
		const char *status = record_get(rec, "status");
		const char *done = record_get(rec, "completed_on");
		const char *start = record_get(rec, "started_on");
		if (status && !strcmp(status, "completed") && !done)
			add(out, field_of(def, "completed_on"),
			    "cần ghi ngày hoàn thành",
			    "is required for a completed assessment");
		if (done && start && strcmp(done, start) < 0)
			add(out, field_of(def, "completed_on"),
			    "trước ngày bắt đầu", "is before the start date");
		break;
	}
	case SXK_SOLUTION: {
		const char *status = record_get(rec, "status");
		if (record_get(rec, "implemented_on") && status &&
		    strcmp(status, "implemented"))
			add(out, field_of(def, "implemented_on"),
			    "chỉ ghi khi giải pháp đã thực hiện",
			    "only for an implemented solution");
		break;
	}
	case SXK_CONSUMPTION: {
		const char *fac = record_get(rec, "facility_id");
		const char *year = record_get(rec, "year");
		if (fac && year)
			taken = value_taken(db,
				"SELECT 1 FROM consumption WHERE facility_id=?2"
				" AND year=?3 AND deleted=0 AND uuid<>?1",
				uuid, fac, year);
		if (taken > 0)
			add(out, field_of(def, "year"),
			    "cơ sở đã có số liệu của năm này",
			    "the facility already has data for this year");
		break;
	}
	case SXK_EVENT_FACILITY: {
		const char *ev = record_get(rec, "event_id");
		const char *fac = record_get(rec, "facility_id");
		if (ev && fac)
			taken = value_taken(db,
				"SELECT 1 FROM event_facility WHERE event_id=?2"
				" AND facility_id=?3 AND deleted=0"
				" AND uuid<>?1", uuid, ev, fac);
		if (taken > 0)
			add(out, field_of(def, "facility_id"),
			    "cơ sở đã có trong hoạt động này",
			    "the facility is already in this event");
		break;
	}
	case SXK_EVENT_PERSON: {
		const char *ev = record_get(rec, "event_id");
		const char *p = record_get(rec, "person_id");
		if (ev && p)
			taken = value_taken(db,
				"SELECT 1 FROM event_person WHERE event_id=?2"
				" AND person_id=?3 AND deleted=0"
				" AND uuid<>?1", uuid, ev, p);
		if (taken > 0)
			add(out, field_of(def, "person_id"),
			    "người này đã có trong hoạt động",
			    "the person is already in this event");
		break;
	}
	default:
		break;
	}
	return taken < 0 ? -1 : 0;
}

enum sx_err record_validate(struct sx_db *db, struct sx_record *rec,
			    struct sx_problems *out, struct sx_error *err)
{
	const struct sx_kind_def *def = record_kind(rec->kind);
	int before = out ? out->count : 0;
	struct sx_problems local;
	struct sx_problems *p = out;
	char today[11];

	sx_today(today);
	if (!p) {
		problems_init(&local);
		p = &local;
	}
	for (int i = 0; i < def->nfields; i++) {
		const struct sx_field *f = &def->fields[i];
		if (check_value(db, f, &rec->values[i], today, p) < 0) {
			if (p == &local)
				problems_release(&local);
			return sx_error_set(err, SX_DB, NULL, NULL,
					    "validation could not read the "
					    "database");
		}
		/* After check_value: a text of only spaces is empty now. */
		if (f->required && !rec->values[i])
			add(p, f, "bắt buộc phải nhập", "is required");
	}
	if (check_record(db, rec, p) < 0) {
		if (p == &local)
			problems_release(&local);
		return sx_error_set(err, SX_DB, NULL, NULL,
				    "validation could not read the database");
	}
	if (p->count > before) {
		if (p == &local) {
			sx_error_set(err, SX_INVALID, local.items[0].field,
				     local.items[0].msg_vi, "%s",
				     local.items[0].msg_en);
			problems_release(&local);
		} else {
			sx_error_set(err, SX_INVALID, p->items[before].field,
				     p->items[before].msg_vi, "%s",
				     p->items[before].msg_en);
		}
		return SX_INVALID;
	}
	if (p == &local)
		problems_release(&local);
	return SX_OK;
}

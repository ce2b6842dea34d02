/* record_validate.c — the rules every record must pass before it is
 * written, whatever its source (form, import, sync).  Each value is first
 * brought to its canonical form (see record.h), then checked; every problem
 * is reported, not just the first. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "record_internal.h"
#include "sxsh/refdata.h"
#include "sxsh/taxcode.h"
#include "sxsh/text.h"

#define DEFAULT_MAX_LEN 500

static void add(struct sx_problems *out, const struct sx_field *f,
		const char *vi, const char *en)
{
	char bvi[200], ben[200];
	snprintf(bvi, sizeof bvi, "%s: %s", f->label_vi, vi);
	snprintf(ben, sizeof ben, "%s: %s", f->label_en, en);
	problems_add(out, f->name, bvi, ben);
}

/* "<intro>: A, B, C" with the choice labels of f in one language, cut
 * with "…" when the buffer is full: a value outside the list says what
 * the list holds. */
static const char *allowed(const struct sx_field *f, int vietnamese,
			   const char *intro, char *buf, size_t sz)
{
	size_t len = (size_t)snprintf(buf, sz, "%s:", intro);

	for (int i = 0; f->choices && f->choices[i].key && len < sz; i++) {
		const char *l = vietnamese ? f->choices[i].label_vi
					   : f->choices[i].label_en;
		if (len + strlen(l) + 8 >= sz) {
			snprintf(buf + len, sz - len, " …");
			break;
		}
		len += (size_t)snprintf(buf + len, sz - len, "%s %s",
					i ? "," : "", l);
	}
	return buf;
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

static int parse_bool(const char *s, const char **out)
{
	static const char *const yes[] = {"1", "x", "co", "yes", "y", "true",
					  "dung", NULL};
	static const char *const no[] = {"0", "khong", "no", "n", "false",
					 "sai", NULL};
	char *f;
	int r = -1;

	if (!strcmp(s, "0") || !strcmp(s, "1")) {
		*out = s[0] == '1' ? "1" : "0";
		return 0;
	}
	f = text_fold(s);
	if (!f)
		return -1;
	for (int i = 0; yes[i] && r < 0; i++)
		if (!strcmp(f, yes[i]))
			*out = "1", r = 0;
	for (int i = 0; no[i] && r < 0; i++)
		if (!strcmp(f, no[i]))
			*out = "0", r = 0;
	free(f);
	return r;
}

/* A choice may be typed as its key or its label in either language. */
static const char *match_choice(const struct sx_field *f, const char *s)
{
	char *want;
	const char *key = NULL;

	/* The stored key itself is the common case: no folding needed. */
	for (const struct sx_choice *c = f->choices; c->key; c++)
		if (!strcmp(c->key, s))
			return c->key;
	want = text_fold(s);
	if (!want)
		return NULL;
	for (const struct sx_choice *c = f->choices; c->key && !key; c++) {
		char *vi = text_fold(c->label_vi);
		char *en = text_fold(c->label_en);
		char *k = text_fold(c->key);
		if ((vi && !strcmp(vi, want)) || (en && !strcmp(en, want)) ||
		    (k && !strcmp(k, want)) || !strcmp(c->key, s))
			key = c->key;
		free(vi);
		free(en);
		free(k);
	}
	free(want);
	return key;
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

static void canonical_decimal(double v, char *out, size_t n)
{
	char *p;
	snprintf(out, n, "%.6f", v);
	p = out + strlen(out) - 1;
	while (p > out && *p == '0')
		*p-- = '\0';
	if (*p == '.')
		*p = '\0';
	if (!strcmp(out, "-0"))
		snprintf(out, n, "0");
}

/* Brings one value to canonical form and checks it.  Returns -1 on OOM. */
static int check_value(struct sx_db *db, const struct sx_field *f,
		       char **slot, struct sx_problems *out)
{
	char buf[64];
	char today[11];
	const char *s = *slot;
	int max_len = f->max_len ? f->max_len : DEFAULT_MAX_LEN;

	if (!s)
		return 0;
	if (!text_is_valid_utf8(s, strlen(s))) {
		add(out, f, "không phải văn bản UTF-8 hợp lệ",
		    "is not valid UTF-8 text");
		return 0;
	}
	switch (f->type) {
	case SXF_TEXT:
	case SXF_PHONE: {
		/* Long texts keep their line breaks. */
		char *clean = f->max_len > DEFAULT_MAX_LEN ? text_nfc(s)
							   : text_clean(s);
		if (!clean || replace(slot, clean)) {
			free(clean);
			return -1;
		}
		free(clean);
		s = *slot;
		if (s && text_chars(s) > (size_t)max_len) {
			char vi[80], en[80];
			snprintf(vi, sizeof vi, "quá dài (tối đa %d ký tự)",
				 max_len);
			snprintf(en, sizeof en, "is too long (at most %d "
				 "characters)", max_len);
			add(out, f, vi, en);
		}
		if (s && f->type == SXF_PHONE) {
			int digits = 0, bad = 0;
			for (const char *p = s; *p; p++) {
				if (*p >= '0' && *p <= '9')
					digits++;
				else if (!strchr(" +-.()", *p))
					bad = 1;
			}
			if (bad || digits < 8 || digits > 15)
				add(out, f, "số điện thoại không hợp lệ",
				    "is not a phone number");
		}
		return 0;
	}
	case SXF_INT:
	case SXF_YEAR:
	case SXF_MONEY:
	case SXF_DECIMAL: {
		double v;
		if (text_parse_decimal(s, &v) != 0 || !isfinite(v)) {
			add(out, f, "phải là một số", "must be a number");
			return 0;
		}
		if (v < 0) {
			add(out, f, "không được âm", "must not be negative");
			return 0;
		}
		if (v > 1e15) {
			add(out, f, "quá lớn", "is too large");
			return 0;
		}
		if (f->type != SXF_DECIMAL && v != floor(v)) {
			add(out, f, "phải là số nguyên",
			    "must be a whole number");
			return 0;
		}
		if (f->type == SXF_YEAR) {
			sx_today(today);
			if (v < 1990 || v > atoi(today))
				add(out, f, "năm không hợp lệ",
				    "is not a valid year");
		}
		if (f->type == SXF_DECIMAL)
			canonical_decimal(v, buf, sizeof buf);
		else
			snprintf(buf, sizeof buf, "%.0f", v);
		return replace(slot, buf);
	}
	case SXF_DATE: {
		char iso[11];
		if (text_parse_date(s, iso) != 0) {
			add(out, f, "ngày không hợp lệ (dd/mm/yyyy)",
			    "is not a valid date (dd/mm/yyyy)");
			return 0;
		}
		sx_today(today);
		if (strcmp(iso, today) > 0)
			add(out, f, "không được ở tương lai",
			    "must not be in the future");
		else if (strcmp(iso, "1990-01-01") < 0)
			add(out, f, "quá xa trong quá khứ", "is too far back");
		return replace(slot, iso);
	}
	case SXF_BOOL: {
		const char *b;
		if (parse_bool(s, &b) != 0) {
			add(out, f, "phải là có/không (1/0)",
			    "must be yes/no (1/0)");
			return 0;
		}
		return replace(slot, b);
	}
	case SXF_CHOICE: {
		const char *key = match_choice(f, s);
		if (!key) {
			char vi[160], en[160];
			add(out, f, allowed(f, 1, "giá trị không có trong "
					    "danh sách; chọn một trong",
					    vi, sizeof vi),
			    allowed(f, 0, "is not one of the allowed values",
				    en, sizeof en));
			return 0;
		}
		return replace(slot, key);
	}
	case SXF_REF: {
		int found;
		if (!uuid_is_valid(s)) {
			add(out, f, "mã bản ghi không hợp lệ",
			    "is not a record id");
			return 0;
		}
		/* Identity is lowercase everywhere. */
		for (char *p = *slot; *p; p++)
			if (*p >= 'A' && *p <= 'F')
				*p = (char)(*p - 'A' + 'a');
		found = record_exists(db, f->ref_kind, *slot);
		if (found < 0)
			return -1;
		if (!found)
			add(out, f, "không tìm thấy bản ghi được chọn",
			    "refers to a record that does not exist");
		return 0;
	}
	case SXF_COMMUNE: {
		char code[8];
		int in;
		if (!sx_db_district_code(db)[0]) {
			add(out, f, "chưa khởi tạo huyện",
			    "the district is not set up");
			return 0;
		}
		/* A 5-digit code is checked directly; a name is looked up. */
		if (!(strlen(s) == 5 && strspn(s, "0123456789") == 5) &&
		    refdata_find_commune(db, sx_db_district_code(db), s, code,
					 NULL) == SX_OK) {
			if (replace(slot, code))
				return -1;
		}
		in = commune_in_district(db, *slot);
		if (in < 0)
			return -1;
		if (!in)
			add(out, f, "xã không thuộc huyện",
			    "commune is not in the district");
		return 0;
	}
	case SXF_VSIC: {
		int found = refdata_vsic_exists(db, s, NULL, 0);
		if (found < 0)
			return -1;
		if (!found || (s[0] >= 'A' && s[0] <= 'Z'))
			add(out, f, "mã ngành VSIC 2018 không tồn tại",
			    "is not a VSIC 2018 code");
		return 0;
	}
	case SXF_TAXCODE: {
		char compact[16];
		switch (taxcode_check(s, compact, sizeof compact)) {
		case TAXCODE_OK:
			return replace(slot, compact);
		case TAXCODE_BAD_FORMAT:
			add(out, f, "phải có 10 chữ số hoặc dạng "
			    "NNNNNNNNNN-NNN",
			    "must be 10 digits or NNNNNNNNNN-NNN");
			break;
		case TAXCODE_BAD_CHECK:
		case TAXCODE_NO_CHECK:
			add(out, f, "sai chữ số kiểm tra",
			    "has a wrong check digit");
			break;
		case TAXCODE_BAD_SEQUENCE:
			add(out, f, "số thứ tự không hợp lệ",
			    "has an invalid sequence number");
			break;
		case TAXCODE_BAD_BRANCH:
			add(out, f, "mã chi nhánh phải từ 001 đến 999",
			    "branch must be 001 to 999");
			break;
		}
		return 0;
	}
	}
	return 0;
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

	if (!p) {
		problems_init(&local);
		p = &local;
	}
	for (int i = 0; i < def->nfields; i++) {
		const struct sx_field *f = &def->fields[i];
		if (check_value(db, f, &rec->values[i], p) < 0) {
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

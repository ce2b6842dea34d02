/* import_map.c — which field a spreadsheet heading stands for.
 *
 * A heading matches a field when its folded form (text_fold: no case, no
 * diacritics, đ → d, punctuation as spaces) equals the folded field name,
 * Vietnamese or English label, label plus unit ("Điện (kWh)"), or one of
 * the usual headings below.  The templates of README (import section)
 * list the canonical ones.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sxsh/import.h"
#include "sxsh/text.h"

/* Headings seen in district spreadsheets besides the labels. */
static const struct {
	enum sx_kind kind;     /* SXK_COUNT: any kind */
	const char *field;
	const char *heading;   /* folded */
} extra_headings[] = {
	{SXK_COUNT, "name", "ten"},
	{SXK_FACILITY, "name", "ten co so"},
	{SXK_FACILITY, "name", "ten doanh nghiep"},
	{SXK_FACILITY, "kind", "loai hinh"},
	{SXK_FACILITY, "kind", "loai hinh doanh nghiep"},
	{SXK_FACILITY, "tax_code", "mst"},
	{SXK_FACILITY, "vsic", "ma nganh"},
	{SXK_FACILITY, "vsic", "nganh nghe"},
	{SXK_FACILITY, "vsic", "ma nganh vsic 2018"},
	{SXK_COUNT, "commune", "xa"},
	{SXK_COUNT, "commune", "xa phuong"},
	{SXK_COUNT, "commune", "ma xa"},
	{SXK_COUNT, "commune", "xa phuong thi tran"},
	{SXK_COUNT, "address", "dia chi"},
	{SXK_COUNT, "phone", "dien thoai"},
	{SXK_COUNT, "phone", "so dien thoai"},
	{SXK_COUNT, "phone", "sdt"},
	{SXK_FACILITY, "employees", "so lao dong"},
	{SXK_FACILITY, "cp_potential", "co tiem nang sxsh"},
	{SXK_FACILITY, "cp_potential", "tiem nang sxsh"},
	{SXK_FACILITY, "cp_potential", "cp potential"},
	{SXK_FACILITY, "pollution_risk", "nguy co o nhiem"},
	{SXK_FACILITY, "pollution_risk", "pollution risk"},
	{SXK_FACILITY, "status", "tinh trang"},
	{SXK_FACILITY, "status", "trang thai"},
	{SXK_PERSON, "name", "ho ten"},
	{SXK_PERSON, "name", "ho va ten"},
	{SXK_PERSON, "role", "vai tro"},
	{SXK_PERSON, "unit", "don vi"},
	{SXK_PERSON, "position", "chuc vu"},
	{SXK_PERSON, "active", "dang cong tac"},
	{SXK_PERSON, "active", "con cong tac"},
	{SXK_PERSON, "trained_on", "ngay tap huan"},
	{SXK_PERSON, "trained_on", "da tap huan sxsh"},
	{SXK_PERSON, "trained_on", "trained on"},
	{SXK_EVENT, "type", "loai"},
	{SXK_EVENT, "title", "ten hoat dong"},
	{SXK_EVENT, "held_on", "ngay"},
	{SXK_EVENT, "cost_vnd", "kinh phi vnd"},
	{SXK_EVENT, "cost_vnd", "cost vnd"},
	{SXK_COUNT, "facility_id", "facility"},
	{SXK_COUNT, "facility_id", "co so"},
	{SXK_COUNT, "facility_id", "facility tax code"},
	{SXK_COUNT, "facility_id", "ma so thue co so"},
	{SXK_COUNT, "facility_id", "ten co so"},
	{SXK_SOLUTION, "assessment_id", "assessment"},
	{SXK_SOLUTION, "assessment_id", "danh gia"},
	{SXK_SOLUTION, "technique", "nhom giai phap"},
	{SXK_SOLUTION, "description", "giai phap"},
	{SXK_SOLUTION, "description", "mo ta"},
	{SXK_CONSUMPTION, "year", "nam"},
	{SXK_COUNT, "notes", "ghi chu"},
};

static const char *const ignored_headings[] = {
	"stt", "tt", "so tt", "so thu tu", "no", NULL
};

static const char *const id_headings[] = {
	"id", "uuid", "ma ban ghi", "record id", NULL
};

static int fold_eq(const char *text, const char *folded)
{
	char *f;
	int eq;

	if (!text)
		return 0;
	f = text_fold(text);
	eq = f && !strcmp(f, folded);
	free(f);
	return eq;
}

static int label_unit_eq(const char *label, const char *unit,
			 const char *folded)
{
	char buf[256];

	if (!label || !unit)
		return 0;
	snprintf(buf, sizeof buf, "%s (%s)", label, unit);
	return fold_eq(buf, folded);
}

const char *import_map_header(enum sx_kind kind, const char *heading)
{
	const struct sx_kind_def *def = record_kind(kind);
	const char *found = NULL;
	char *want;

	if (!def || !heading)
		return NULL;
	want = text_fold(heading);
	if (!want)
		return NULL;
	if (!*want) {
		free(want);
		return NULL;
	}
	for (int i = 0; ignored_headings[i]; i++)
		if (!strcmp(want, ignored_headings[i]))
			found = "";
	for (int i = 0; !found && id_headings[i]; i++)
		if (!strcmp(want, id_headings[i]))
			found = "id";
	for (int i = 0; !found && i < def->nfields; i++) {
		const struct sx_field *f = &def->fields[i];
		if (fold_eq(f->name, want) || fold_eq(f->label_vi, want) ||
		    fold_eq(f->label_en, want) ||
		    label_unit_eq(f->label_vi, f->unit, want) ||
		    label_unit_eq(f->label_en, f->unit, want))
			found = f->name;
	}
	for (size_t i = 0; !found && i < sizeof extra_headings /
					    sizeof extra_headings[0]; i++) {
		if ((extra_headings[i].kind == kind ||
		     extra_headings[i].kind == SXK_COUNT) &&
		    !strcmp(extra_headings[i].heading, want) &&
		    record_field_index(def, extra_headings[i].field) >= 0)
			found = extra_headings[i].field;
	}
	free(want);
	return found;
}

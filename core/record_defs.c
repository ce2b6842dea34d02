/* record_defs.c — the kind table: every record kind, its SQL table and its
 * fields.  Field names equal the column names of core/schema.c; adding a
 * field means a migration there and a row here. */
#include <string.h>
#include "sxsh/record.h"

static const struct sx_choice facility_kinds[] = {
	{"enterprise", "Doanh nghiệp", "Enterprise"},
	{"cooperative", "Hợp tác xã", "Cooperative"},
	{"household", "Hộ kinh doanh", "Household business"},
	{NULL, NULL, NULL}
};

static const struct sx_choice facility_statuses[] = {
	{"active", "Đang hoạt động", "Active"},
	{"suspended", "Tạm ngừng", "Suspended"},
	{"closed", "Đã đóng cửa", "Closed"},
	{NULL, NULL, NULL}
};

static const struct sx_choice person_roles[] = {
	{"promotion_officer", "Cán bộ khuyến công",
	 "Industrial promotion officer"},
	{"monitoring_officer", "Cán bộ quản lý công nghiệp",
	 "Industry monitoring officer"},
	{"collaborator", "Cộng tác viên", "Collaborator"},
	{"other", "Khác", "Other"},
	{NULL, NULL, NULL}
};

static const struct sx_choice event_types[] = {
	{"training", "Lớp tập huấn", "Training course"},
	{"workshop", "Hội thảo", "Workshop"},
	{"conference", "Hội nghị", "Conference"},
	{"media", "Tin bài truyền thông", "Media item"},
	{"demonstration", "Mô hình trình diễn", "Demonstration model"},
	{"site_visit", "Tham quan học tập", "Site visit"},
	{NULL, NULL, NULL}
};

static const struct sx_choice funding_sources[] = {
	{"national_promotion", "Khuyến công quốc gia",
	 "National industrial promotion"},
	{"local_promotion", "Khuyến công địa phương",
	 "Local industrial promotion"},
	{"province_budget", "Ngân sách tỉnh", "Provincial budget"},
	{"district_budget", "Ngân sách huyện", "District budget"},
	{"enterprise", "Doanh nghiệp đóng góp", "Enterprise contribution"},
	{"sponsor", "Tài trợ", "Sponsor"},
	{"other", "Nguồn khác", "Other"},
	{NULL, NULL, NULL}
};

static const struct sx_choice assessment_types[] = {
	{"rapid", "Đánh giá nhanh", "Rapid assessment"},
	{"detailed", "Đánh giá chi tiết", "Detailed assessment"},
	{NULL, NULL, NULL}
};

static const struct sx_choice assessment_statuses[] = {
	{"planned", "Dự kiến", "Planned"},
	{"in_progress", "Đang thực hiện", "In progress"},
	{"completed", "Đã hoàn thành", "Completed"},
	{"cancelled", "Đã huỷ", "Cancelled"},
	{NULL, NULL, NULL}
};

static const struct sx_choice techniques[] = {
	{"good_housekeeping", "Quản lý nội vi", "Good housekeeping"},
	{"input_substitution", "Thay thế nguyên, nhiên liệu",
	 "Input substitution"},
	{"process_control", "Kiểm soát quá trình tốt hơn",
	 "Better process control"},
	{"equipment_modification", "Cải tiến thiết bị",
	 "Equipment modification"},
	{"technology_change", "Thay đổi công nghệ", "Technology change"},
	{"onsite_recovery", "Tuần hoàn, tái sử dụng tại chỗ",
	 "On-site recovery and reuse"},
	{"byproducts", "Tạo ra sản phẩm phụ hữu ích",
	 "Useful by-products"},
	{"product_modification", "Cải tiến sản phẩm", "Product modification"},
	{NULL, NULL, NULL}
};

static const struct sx_choice solution_statuses[] = {
	{"proposed", "Đề xuất", "Proposed"},
	{"implemented", "Đã thực hiện", "Implemented"},
	{"dropped", "Không thực hiện", "Dropped"},
	{NULL, NULL, NULL}
};

#define F(name, type, req, vi, en) \
	{name, type, req, 0, vi, en, NULL, NULL, SXK_COUNT, 0}
#define FS(name, type, req, vi, en) \
	{name, type, req, 0, vi, en, NULL, NULL, SXK_COUNT, 1}
#define FU(name, type, vi, en, unit) \
	{name, type, 0, 0, vi, en, unit, NULL, SXK_COUNT, 0}
#define FC(name, req, vi, en, ch) \
	{name, SXF_CHOICE, req, 0, vi, en, NULL, ch, SXK_COUNT, 0}
#define FR(name, vi, en, kind) \
	{name, SXF_REF, 1, 0, vi, en, NULL, NULL, kind, 0}
#define FLONG(name, vi, en) \
	{name, SXF_TEXT, 0, 4000, vi, en, NULL, NULL, SXK_COUNT, 0}

static const struct sx_field facility_fields[] = {
	FS("name", SXF_TEXT, 1, "Tên cơ sở", "Name"),
	FC("kind", 1, "Loại hình", "Kind", facility_kinds),
	FS("tax_code", SXF_TAXCODE, 0, "Mã số thuế", "Tax code"),
	F("vsic", SXF_VSIC, 1, "Mã ngành (VSIC)", "Sector (VSIC)"),
	F("commune", SXF_COMMUNE, 1, "Xã/phường/thị trấn", "Commune"),
	FS("address", SXF_TEXT, 0, "Địa chỉ", "Address"),
	F("phone", SXF_PHONE, 0, "Điện thoại", "Phone"),
	FS("contact", SXF_TEXT, 0, "Người liên hệ", "Contact person"),
	/* counts of people carry no unit: "người" would show in English */
	FU("employees", SXF_INT, "Số lao động", "Employees", NULL),
	F("cp_potential", SXF_BOOL, 0, "Có tiềm năng SXSH", "CP potential"),
	F("pollution_risk", SXF_BOOL, 0, "Nguy cơ ô nhiễm cao",
	  "High pollution risk"),
	FC("status", 1, "Tình trạng", "Status", facility_statuses),
	F("closed_on", SXF_DATE, 0, "Ngày ngừng/đóng cửa", "Closed on"),
	FLONG("notes", "Ghi chú", "Notes"),
};

static const struct sx_field person_fields[] = {
	FS("name", SXF_TEXT, 1, "Họ và tên", "Name"),
	FC("role", 1, "Vai trò", "Role", person_roles),
	FS("unit", SXF_TEXT, 0, "Đơn vị công tác", "Unit"),
	F("position", SXF_TEXT, 0, "Chức vụ", "Position"),
	F("commune", SXF_COMMUNE, 0, "Xã/phường/thị trấn", "Commune"),
	F("phone", SXF_PHONE, 0, "Điện thoại", "Phone"),
	F("email", SXF_TEXT, 0, "Thư điện tử", "Email"),
	F("active", SXF_BOOL, 1, "Đang công tác", "Active"),
	F("trained_on", SXF_DATE, 0, "Ngày hoàn thành tập huấn SXSH",
	  "CP training completed on"),
	FLONG("notes", "Ghi chú", "Notes"),
};

static const struct sx_field event_fields[] = {
	FC("type", 1, "Loại hoạt động", "Type", event_types),
	FS("title", SXF_TEXT, 1, "Tên hoạt động", "Title"),
	F("held_on", SXF_DATE, 1, "Ngày tổ chức", "Held on"),
	FS("place", SXF_TEXT, 0, "Địa điểm", "Place"),
	F("commune", SXF_COMMUNE, 0, "Xã/phường/thị trấn", "Commune"),
	FS("organiser", SXF_TEXT, 0, "Đơn vị tổ chức", "Organiser"),
	FU("participants", SXF_INT, "Số người tham dự", "Participants",
	   NULL),
	FU("cost_vnd", SXF_MONEY, "Kinh phí", "Cost", "VND"),
	FC("funding", 0, "Nguồn kinh phí", "Funding source", funding_sources),
	FLONG("notes", "Ghi chú", "Notes"),
};

static const struct sx_field event_facility_fields[] = {
	FR("event_id", "Hoạt động", "Event", SXK_EVENT),
	FR("facility_id", "Cơ sở", "Facility", SXK_FACILITY),
	FLONG("notes", "Ghi chú", "Notes"),
};

static const struct sx_field event_person_fields[] = {
	FR("event_id", "Hoạt động", "Event", SXK_EVENT),
	FR("person_id", "Người tham dự", "Person", SXK_PERSON),
	F("completed", SXF_BOOL, 0, "Hoàn thành khoá học", "Completed"),
	FLONG("notes", "Ghi chú", "Notes"),
};

static const struct sx_field assessment_fields[] = {
	FR("facility_id", "Cơ sở", "Facility", SXK_FACILITY),
	FC("type", 1, "Loại đánh giá", "Type", assessment_types),
	FC("status", 1, "Tình trạng", "Status", assessment_statuses),
	F("started_on", SXF_DATE, 0, "Ngày bắt đầu", "Started on"),
	F("completed_on", SXF_DATE, 0, "Ngày hoàn thành", "Completed on"),
	F("consultant", SXF_TEXT, 0, "Đơn vị tư vấn", "Consultant"),
	FLONG("findings", "Kết quả, phát hiện", "Findings"),
};

static const struct sx_field solution_fields[] = {
	FR("assessment_id", "Đánh giá", "Assessment", SXK_ASSESSMENT),
	FC("technique", 1, "Nhóm giải pháp SXSH", "CP technique", techniques),
	{"description", SXF_TEXT, 1, 1000, "Mô tả giải pháp", "Description",
	 NULL, NULL, SXK_COUNT, 0},
	FC("status", 1, "Tình trạng", "Status", solution_statuses),
	F("implemented_on", SXF_DATE, 0, "Ngày thực hiện", "Implemented on"),
	FU("investment_vnd", SXF_MONEY, "Vốn đầu tư", "Investment", "VND"),
	FU("saving_kwh", SXF_DECIMAL, "Tiết kiệm điện/năm",
	   "Electricity saved/year", "kWh"),
	FU("saving_coal_t", SXF_DECIMAL, "Tiết kiệm than/năm",
	   "Coal saved/year", "t"),
	FU("saving_oil_t", SXF_DECIMAL, "Tiết kiệm dầu/năm", "Oil saved/year",
	   "t"),
	FU("saving_biomass_t", SXF_DECIMAL, "Tiết kiệm sinh khối/năm",
	   "Biomass saved/year", "t"),
	FU("saving_water_m3", SXF_DECIMAL, "Tiết kiệm nước/năm",
	   "Water saved/year", "m³"),
	FU("saving_materials_t", SXF_DECIMAL, "Tiết kiệm nguyên liệu/năm",
	   "Materials saved/year", "t"),
	FU("saving_vnd", SXF_MONEY, "Lợi ích kinh tế/năm",
	   "Money saved/year", "VND"),
};

static const struct sx_field consumption_fields[] = {
	FR("facility_id", "Cơ sở", "Facility", SXK_FACILITY),
	{"year", SXF_YEAR, 1, 0, "Năm", "Year", NULL, NULL, SXK_COUNT, 0},
	FU("electricity_kwh", SXF_DECIMAL, "Điện", "Electricity", "kWh"),
	FU("coal_t", SXF_DECIMAL, "Than", "Coal", "t"),
	FU("oil_t", SXF_DECIMAL, "Xăng dầu", "Oil products", "t"),
	FU("biomass_t", SXF_DECIMAL, "Sinh khối", "Biomass", "t"),
	FU("water_m3", SXF_DECIMAL, "Nước", "Water", "m³"),
	FU("materials_t", SXF_DECIMAL, "Nguyên liệu chính", "Main materials",
	   "t"),
	FU("output_t", SXF_DECIMAL, "Sản lượng", "Product output", "t"),
	FLONG("notes", "Ghi chú", "Notes"),
};

#define N(a) ((int)(sizeof a / sizeof a[0]))

static const struct sx_kind_def kinds[SXK_COUNT] = {
	{SXK_FACILITY, "facilities", "facility", "facility",
	 "Cơ sở sản xuất", "Facilities", "name", facility_fields,
	 N(facility_fields)},
	{SXK_PERSON, "people", "person", "person",
	 "Nhân sự & cộng tác viên", "People", "name", person_fields,
	 N(person_fields)},
	{SXK_EVENT, "events", "event", "event", "Hoạt động", "Events", "title",
	 event_fields, N(event_fields)},
	{SXK_EVENT_FACILITY, "event_facilities", "event_facility",
	 "event_facility", "Cơ sở được tuyên truyền", "Facilities reached",
	 "facility_id", event_facility_fields, N(event_facility_fields)},
	{SXK_EVENT_PERSON, "event_people", "event_person", "event_person",
	 "Người được tập huấn", "People trained", "person_id",
	 event_person_fields, N(event_person_fields)},
	{SXK_ASSESSMENT, "assessments", "assessment", "assessment",
	 "Đánh giá SXSH", "CP assessments", "facility_id", assessment_fields,
	 N(assessment_fields)},
	{SXK_SOLUTION, "solutions", "solution", "solution", "Giải pháp SXSH",
	 "CP solutions", "description", solution_fields, N(solution_fields)},
	{SXK_CONSUMPTION, "consumption", "consumption", "consumption",
	 "Tiêu thụ năng lượng, nguyên liệu", "Consumption", "facility_id",
	 consumption_fields, N(consumption_fields)},
};

const struct sx_kind_def *record_kind(enum sx_kind kind)
{
	if ((unsigned)kind >= SXK_COUNT)
		return NULL;
	return &kinds[kind];
}

const struct sx_kind_def *record_kind_by_name(const char *name)
{
	if (!name)
		return NULL;
	for (int i = 0; i < SXK_COUNT; i++)
		if (!strcmp(kinds[i].name, name) ||
		    !strcmp(kinds[i].singular, name))
			return &kinds[i];
	return NULL;
}

int record_field_index(const struct sx_kind_def *def, const char *field)
{
	for (int i = 0; i < def->nfields; i++)
		if (!strcmp(def->fields[i].name, field))
			return i;
	return -1;
}

const char *record_choice_label(const struct sx_field *f, const char *key,
				const char *lang)
{
	if (!f->choices || !key)
		return NULL;
	for (const struct sx_choice *c = f->choices; c->key; c++)
		if (!strcmp(c->key, key))
			return lang && !strcmp(lang, "en") ? c->label_en
							   : c->label_vi;
	return NULL;
}

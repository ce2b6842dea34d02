/* i18n.h — the interface's words, Vietnamese first, English with
 * --lang en.  One table: the lists below and the per-screen lists they
 * include (i18n_*.h); code names a message by its id.  The language is
 * chosen in one place (i18n_set_lang) and only i18n.c looks at it: a
 * screen never writes "English ? a : b" itself.  It calls tr() for the
 * table's words, tr_pick() for a pair that core gives (labels of record
 * fields and choices from the kind table, problems of a validation) and
 * tr_err() for a core error.  Format strings are messages too: their
 * conversions must be the same, in the same order, in both languages. */
#ifndef SXSH_TUI_I18N_H
#define SXSH_TUI_I18N_H

#include "sxsh/err.h"
#include "i18n_import.h"
#include "i18n_reports.h"

#define I18N_MESSAGES \
	X(M_APP, "SXSH", "SXSH") \
	X(M_DASHBOARD, "Tổng quan", "Dashboard") \
	X(M_FACILITIES, "Cơ sở sản xuất", "Facilities") \
	X(M_PEOPLE, "Nhân sự & cộng tác viên", "People & collaborators") \
	X(M_EVENTS, "Hoạt động", "Events") \
	X(M_ASSESSMENTS, "Đánh giá SXSH", "CP assessments") \
	X(M_CONSUMPTION, "Tiêu thụ", "Consumption") \
	X(M_REPORTS, "Báo cáo", "Reports") \
	X(M_SYNC, "Đồng bộ", "Sync") \
	X(M_SETTINGS, "Cài đặt", "Settings") \
	X(M_TAB_DASHBOARD, "Tổng quan", "Home") \
	X(M_TAB_FACILITIES, "Cơ sở", "Facilities") \
	X(M_TAB_PEOPLE, "Nhân sự", "People") \
	X(M_TAB_EVENTS, "Hoạt động", "Events") \
	X(M_TAB_ASSESSMENTS, "Đánh giá", "Assess") \
	X(M_TAB_CONSUMPTION, "Tiêu thụ", "Consump") \
	X(M_TAB_REPORTS, "Báo cáo", "Reports") \
	X(M_TAB_SYNC, "Đồng bộ", "Sync") \
	X(M_TAB_SETTINGS, "Cài đặt", "Settings") \
	X(M_KEY_HELP, "Trợ giúp", "Help") \
	X(M_KEY_SAVE, "Lưu", "Save") \
	X(M_KEY_SEARCH, "Tìm", "Search") \
	X(M_KEY_NEW, "Mới", "New") \
	X(M_KEY_EDIT, "Sửa", "Edit") \
	X(M_KEY_DELETE, "Xoá", "Delete") \
	X(M_KEY_OPEN, "Mở", "Open") \
	X(M_KEY_BACK, "Quay lại", "Back") \
	X(M_KEY_QUIT, "Thoát", "Quit") \
	X(M_KEY_SCREENS, "Màn hình", "Screens") \
	X(M_KEY_NEXT, "Ô tiếp", "Next") \
	X(M_KEY_CLOSE, "Đóng", "Close") \
	X(M_KEY_PICK, "Chọn", "Pick") \
	X(M_KEY_SYNC, "Đồng bộ", "Sync") \
	X(M_KEY_FINALISE, "Chốt — không sửa được", "Finalise — final") \
	X(M_KEY_SUBMIT, "Gửi tỉnh", "Send to province") \
	X(M_KEY_FACILITIES_REACHED, "Cơ sở", "Facilities") \
	X(M_KEY_PEOPLE_TRAINED, "Học viên", "Trainees") \
	X(M_KEY_SOLUTIONS, "Giải pháp", "Solutions") \
	X(M_KEY_REFRESH, "Làm mới", "Refresh") \
	X(M_KEY_FILTER, "Lọc", "Filter") \
	X(M_KEY_CONSUMPTION, "Tiêu thụ", "Use") \
	X(M_H_FAC_CONSUMPTION, "t: tiêu thụ năng lượng, nước, nguyên liệu " \
	  "theo năm của cơ sở", "t: the facility's yearly energy, water and " \
	  "material use") \
	X(M_H_FAC_ASSESSMENTS, "a: các đánh giá SXSH của cơ sở", \
	  "a: the facility's CP assessments") \
	X(M_FILTERED, "Đang lọc · ", "Filtered · ") \
	X(M_NO_FILTERS, "Danh sách này không có bộ lọc.", \
	  "This list has no filters.") \
	X(M_H_FILTER, "F4 hoặc l: lọc theo xã, tình trạng, ngành", \
	  "F4 or l: filter by commune, status, sector") \
	X(M_SEARCH_PROMPT, "Tìm: ", "Search: ") \
	X(M_NO_ROWS, "(chưa có bản ghi nào — nhấn n để thêm)", \
	  "(no records yet — press n to add one)") \
	X(M_NO_MATCH, "(không tìm thấy)", "(nothing found)") \
	X(M_MORE_BELOW, "còn nữa ▼", "more ▼") \
	X(M_PAGE, "Trang", "Page") \
	X(M_YES, "Có", "Yes") \
	X(M_NO, "Không", "No") \
	X(M_YES_NO, "[c] Có   [k] Không", "[y] Yes   [n] No") \
	X(M_ENTER_OK, "[Enter] Đồng ý", "[Enter] OK") \
	X(M_EMPTY_CHOICE, "—", "—") \
	X(M_SAVED, "Đã lưu.", "Saved.") \
	X(M_DELETED, "Đã xoá.", "Deleted.") \
	X(M_NOT_SAVED, "Chưa lưu: xem các lỗi bên cạnh ô nhập.", \
	  "Not saved: see the messages beside the fields.") \
	X(M_ASK_DISCARD, "Bỏ các thay đổi chưa lưu?", \
	  "Discard the unsaved changes?") \
	X(M_ASK_DELETE, "Xoá bản ghi này?", "Delete this record?") \
	X(M_ASK_QUIT, "Thoát chương trình?", "Quit the program?") \
	X(M_ASK_DRAFT, "Có một biểu mẫu chưa lưu từ lần trước. Khôi phục?", \
	  "A form was left unsaved last time. Restore it?") \
	X(M_NEW_RECORD, "Thêm mới", "New") \
	X(M_EDIT_RECORD, "Sửa", "Edit") \
	X(M_BAD_INT, "Phải là số nguyên", "Must be a whole number") \
	X(M_BAD_DECIMAL, "Phải là số (ví dụ 1.234,5)", \
	  "Must be a number (e.g. 1234.5)") \
	X(M_BAD_DATE, "Ngày không hợp lệ (dd/mm/yyyy)", \
	  "Not a date (dd/mm/yyyy)") \
	X(M_REQUIRED, "Bắt buộc nhập", "Required") \
	X(M_PICK_HINT, "Enter: chọn", "Enter: pick") \
	X(M_CHOICE_HINT, "Cách/←→: đổi", "Space/←→: change") \
	X(M_DB_ERROR, "Lỗi cơ sở dữ liệu", "Database error") \
	X(M_HELP_TITLE, "Trợ giúp", "Help") \
	X(M_HELP_CLOSE, "Nhấn phím bất kỳ để đóng", "Press any key to close") \
	X(M_HELP_GLOBAL, "Phím chung", "Everywhere") \
	X(M_H_SCREENS, "1–9, 0: chuyển màn hình", "1–9, 0: switch screen") \
	X(M_H_HELP, "F1 hoặc ?: trợ giúp", "F1 or ?: help") \
	X(M_H_QUIT, "F10 hoặc q: thoát", "F10 or q: quit") \
	X(M_H_MOVE, "↑↓ PgUp PgDn Home: di chuyển", "↑↓ PgUp PgDn Home: move") \
	X(M_H_SEARCH, "/: tìm (không dấu cũng được), Esc: bỏ tìm", \
	  "/: search (accents optional), Esc: clear") \
	X(M_H_NEW, "n: thêm mới", "n: new") \
	X(M_H_EDIT, "e hoặc Enter: sửa", "e or Enter: edit") \
	X(M_H_DELETE, "d: xoá (có hỏi lại)", "d: delete (asks first)") \
	X(M_H_SORT, "s: đổi cách sắp xếp", "s: change sort order") \
	X(M_H_FORM, "Tab/Shift-Tab: ô tiếp/trước; F2 hoặc Ctrl-S: lưu; " \
	  "Esc: đóng", "Tab/Shift-Tab: next/previous field; F2 or Ctrl-S: " \
	  "save; Esc: close") \
	X(M_H_FORM_CHOICE, "Ô lựa chọn: Cách hoặc ←→ để đổi; gõ vài chữ đầu " \
	  "(không dấu) để chọn nhanh; Backspace để bỏ trống", \
	  "Choice fields: Space or ←→ to change; type the first letters " \
	  "(accents optional) to jump; Backspace to empty") \
	X(M_H_FORM_REF, "Ô chọn bản ghi: Enter mở danh sách có ô tìm", \
	  "Record fields: Enter opens a list with a search box") \
	X(M_H_FORM_TYPES, "Số: 1.234,5 hoặc 1234.5; ngày: 31/12/2017", \
	  "Numbers: 1.234,5 or 1234.5; dates: 31/12/2017") \
	X(M_H_FORM_DRAFT, "Biểu mẫu được lưu nháp liên tục; nếu máy tắt đột " \
	  "ngột, lần mở sau sẽ hỏi khôi phục", "The form is kept as a draft " \
	  "while you type; after a crash the next start offers it back") \
	X(M_H_EVENT_F, "f: cơ sở được tiếp cận", "f: facilities reached") \
	X(M_H_EVENT_P, "p: người được tập huấn", "p: people trained") \
	X(M_H_SOLUTIONS, "g: các giải pháp của đánh giá", \
	  "g: the assessment's solutions") \
	X(M_H_BACK, "Esc: quay lại danh sách trên", \
	  "Esc: back to the list above") \
	X(M_H_REFRESH, "r: làm mới", "r: refresh") \
	X(M_SORT_NAME, "theo tên", "by name") \
	X(M_SORT_DATE, "theo ngày", "by date") \
	X(M_SORT_UPDATED, "mới sửa trước", "recently changed") \
	X(M_RECORDS, "Số bản ghi", "Records") \
	X(M_DISTRICT, "Huyện/thành phố", "District") \
	X(M_OPERATOR, "Người sử dụng", "Operator") \
	X(M_SYNC_STATE, "Đồng bộ", "Sync") \
	X(M_OFFLINE, "ngoại tuyến / chưa cấu hình máy chủ", \
	  "offline / server not configured") \
	X(M_OUTBOX, "Thay đổi chờ gửi", "Changes waiting") \
	X(M_REJECTED, "bị từ chối", "refused") \
	X(M_LAST_SYNC, "Lần đồng bộ cuối", "Last sync") \
	X(M_NEVER, "chưa bao giờ", "never") \
	X(M_TARGETS, "Chỉ tiêu kế hoạch", "Plan targets") \
	X(M_WIZ_TITLE, "Thiết lập lần đầu", "First-time setup") \
	X(M_WIZ_INTRO, "Chọn huyện/thành phố của đơn vị và nhập tên người " \
	  "sử dụng.\nMáy chủ và mã truy cập có thể để trống, nhập sau " \
	  "trong Cài đặt.", \
	  "Pick your district and enter your name.\nServer and token may " \
	  "stay empty and be set later in Settings.") \
	X(M_WIZ_SERVER, "Máy chủ tỉnh (https://…)", \
	  "Province server (https://…)") \
	X(M_WIZ_TOKEN, "Mã truy cập", "Access token") \
	X(M_WIZ_DONE, "Đã thiết lập. Chào mừng!", "Set up. Welcome!") \
	X(M_SET_CA, "Tệp chứng chỉ CA", "CA certificate file") \
	X(M_LANG_VI, "Tiếng Việt", "Vietnamese") \
	X(M_LANG_EN, "Tiếng Anh", "English") \
	X(M_SET_LANG, "Ngôn ngữ", "Language") \
	X(M_SET_RULE, "Quy tắc kỳ báo cáo", "Report period rule") \
	X(M_SET_RULE_CAL, "Theo năm dương lịch", "Calendar halves") \
	X(M_SET_RULE_09, "Nghị định 09/2019/NĐ-CP", "Decree 09/2019/ND-CP") \
	X(M_SET_MINUTES, "Tự đồng bộ mỗi (phút)", "Auto sync every (minutes)") \
	X(M_SET_PIN, "Khoá công khai máy chủ (pin)", "Server key pin") \
	X(M_MUST_HTTPS, "Phải bắt đầu bằng https://", \
	  "Must start with https://") \
	X(M_GROUP_SEP, ".", ",") \
	X(M_UI_TOO_SMALL, \
	  "Cửa sổ quá nhỏ (cần 80×24)", \
	  "Terminal too small (80×24 needed)") \
	X(M_UI_NEED_TERMINAL, \
	  "giao diện cần một cửa sổ dòng lệnh; xem sxsh --help để " \
	  "dùng các lệnh", \
	  "the terminal interface needs a terminal; see sxsh " \
	  "--help for the commands") \
	X(M_DASH_PERIOD, \
	  "Kỳ %s (%s–%s) · hạn nộp báo cáo %s · còn %ld ngày", \
	  "Period %s (%s–%s) · report due %s · %ld days left") \
	X(M_LIST_VSIC_PREFIX, "Mã ngành bắt đầu bằng", \
	  "Sector code starts with") \
	X(M_LIST_FILTER_TITLE, "Lọc danh sách", "Filter the list") \
	X(M_DASH_T1, "T1 Cơ sở được tuyên truyền", "T1 Facilities informed") \
	X(M_DASH_T2, "T2 Đánh giá nhanh", "T2 Rapid assessments") \
	X(M_DASH_T3, "T3 Đánh giá chi tiết + áp dụng", \
	  "T3 Detailed + applied") \
	X(M_DASH_T4, "T4 Cán bộ được tập huấn", "T4 Officers trained") \
	X(M_SETTINGS_HINT, "Enter hoặc e: sửa cài đặt", "Enter or e: edit") \
	X(M_NOT_AVAILABLE, "Chức năng này chưa có trong bản này.", \
	  "Not available in this build yet.") \
	X(M_DRAFT_OF, "Bản nháp", "Draft") \
	X(M_CHILDREN_OF, "của", "of") \
	X(M_PICK_TITLE, "Chọn", "Pick") \
	X(M_TRAINED, "Đã hoàn thành tập huấn", "Training completed") \
	X(M_STARTED_IN, "Mở màn hình trong", "First paint in") \
	X(M_ERROR, "Lỗi", "Error") \
	X(M_SYNC_PUSH, "đang gửi thay đổi", "sending changes") \
	X(M_SYNC_PULL, "đang nhận thay đổi", "receiving changes") \
	X(M_SYNC_REPORTS, "đang gửi báo cáo", "sending reports") \
	X(M_SYNC_STATUS, "đang xem trạng thái báo cáo", \
	  "reading report status") \
	X(M_SYNC_REFERENCE, "đang cập nhật danh mục", \
	  "updating reference data") \
	X(M_SYNC_DONE, "Đồng bộ xong", "Sync done") \
	X(M_SYNC_FAILED, "Đồng bộ lỗi", "Sync failed") \
	X(M_SYNC_RETRY, "thử lại sau", "retry in") \
	X(M_SYNC_ATTEMPT, "lần", "attempt") \
	X(M_SYNC_CONFLICTS, "xung đột", "conflicts") \
	X(M_SYNC_READY, "sẵn sàng (chưa đồng bộ lần nào)", \
	  "ready (not synced yet)") \
	X(M_SYNC_RUNNING, "⟳ đồng bộ", "⟳ sync") \
	X(M_H_SYNC_NOW, "s hoặc F5: đồng bộ ngay", "s or F5: sync now") \
	X(M_H_CONFLICT, "↑↓ chọn xung đột; m: giữ bản của mình; t: lấy bản " \
	  "của tỉnh", "↑↓ pick a conflict; m: keep mine; t: take theirs") \
	X(M_CONFLICTS_TITLE, "Xung đột cần giải quyết", \
	  "Conflicts to resolve") \
	X(M_OUTBOX_TITLE, "Thay đổi chờ gửi (lỗi gần nhất)", \
	  "Changes waiting (last error)") \
	X(M_MINE, "Của mình", "Mine") \
	X(M_THEIRS, "Của tỉnh", "Theirs") \
	X(M_KEEP_MINE, "Giữ bản của mình", "Keep mine") \
	X(M_TAKE_THEIRS, "Lấy bản của tỉnh", "Take theirs") \
	X(M_H_REPORT_PERIOD, "←/→: kỳ trước/kỳ sau", \
	  "←/→: previous/next period") \
	X(M_H_REPORT_BUILD, \
	  "b hoặc Enter: lập bản nháp và xem trước (↑↓ cuộn)", \
	  "b or Enter: build the draft and preview it (↑↓ scroll)") \
	X(M_H_REPORT_NARRATIVE, "v: sửa phần nhận xét (kết quả, khó khăn, " \
	  "đề xuất)", "v: edit the narrative (results, difficulties, " \
	  "proposals)") \
	X(M_H_REPORT_FINALISE, "f: kiểm tra rồi chốt báo cáo; bản đã chốt " \
	  "không sửa được (có hỏi lại)", "f: check, then finalise; a " \
	  "finalised revision never changes (asks first)") \
	X(M_H_REPORT_SUBMIT, "s: gửi bản mới nhất lên tỉnh ở lần đồng bộ " \
	  "tới; đã gửi thì không rút lại được", "s: send the latest " \
	  "revision to the province at the next sync; it cannot be " \
	  "taken back") \
	X(M_IMPORT, "Nhập dữ liệu", "Import") \
	X(M_TAB_IMPORT, "Nhập", "Import") \
	X(M_KEY_IMPORT_CHECK, "Kiểm tra/Ghi", "Check/Write") \
	X(M_KEY_ENCODING, "Bảng mã", "Encoding") \
	X(M_KEY_DUPLICATES, "Dòng trùng", "Duplicates") \
	X(M_KEY_SKIP_BAD, "Bỏ dòng lỗi", "Skip bad rows") \
	X(M_H_IMPORT_STEPS, "Chọn loại dữ liệu và tệp CSV, Enter: kiểm tra " \
	  "(bảng mã, các dòng đầu, lỗi, dòng trùng); Enter lần nữa: ghi " \
	  "(có hỏi lại)", "Pick the kind and the CSV file, Enter: check " \
	  "(encoding, first rows, problems, duplicates); Enter again: " \
	  "write (asks first)") \
	X(M_H_IMPORT_KEYS, "e: đổi bảng mã nếu đoán sai; d: cập nhật hay bỏ " \
	  "qua dòng trùng; b: ghi các dòng đúng, bỏ các dòng lỗi; r: đọc " \
	  "lại tệp; ↑↓: xem lỗi; Esc: chọn tệp khác", \
	  "e: another encoding if the guess is wrong; d: update or skip " \
	  "duplicates; b: write the good rows, leave out the bad ones; r: " \
	  "read the file again; ↑↓: problems; Esc: another file") \
	X(M_H_IMPORT_SAFE, "Không ghi gì trước khi xác nhận; tệp có lỗi " \
	  "không làm thay đổi dữ liệu, trừ khi chọn b (các dòng lỗi khi đó " \
	  "được ghi ra tệp .rejected.csv cạnh tệp, kèm lý do); ghi trong " \
	  "một giao dịch", \
	  "Nothing is written before you confirm; a file with problems " \
	  "changes nothing unless you choose b (the bad rows then go to a " \
	  ".rejected.csv file beside it, with the reason); written in one " \
	  "transaction")

#define I18N_ALL_MESSAGES \
	I18N_MESSAGES \
	I18N_IMPORT_MESSAGES \
	I18N_REPORTS_MESSAGES

enum i18n_msg {
#define X(id, vi, en) id,
	I18N_ALL_MESSAGES
#undef X
	M_COUNT
};

/* Chooses the language: "en" for English, anything else Vietnamese. */
void i18n_set_lang(const char *lang);
/* "en" or "vi": for core calls that take the language as an argument. */
const char *i18n_lang(void);
/* The message in the chosen language. */
const char *tr(enum i18n_msg id);
/* The right one of a pair (record.h and core's problems give both); the
 * other one when the right one is empty. */
const char *tr_pick(const char *vi, const char *en);
/* A core error's message in the chosen language. */
const char *tr_err(const struct sx_error *err);
/* Both languages of a message, for tables that carry pairs (a form's
 * field labels) and pick at draw time. */
void tr_pair(enum i18n_msg id, const char **vi, const char **en);

#endif

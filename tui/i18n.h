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
#include "i18n_cli.h"
#include "i18n_import.h"
#include "i18n_reports.h"

#define I18N_MESSAGES \
	X(M_APP, "SXSH", "SXSH") \
	X(M_NEW_IDENTITY, "Tệp dữ liệu này là một bản sao (khôi phục từ bản " \
	  "sao lưu hoặc chép từ máy khác). Từ nay tỉnh coi máy này là một " \
	  "máy mới của huyện; sửa đổi trùng với máy kia sẽ hiện là xung " \
	  "đột để bạn chọn.", "This database is a copy (restored from a " \
	  "backup or copied from another PC). The province now sees this " \
	  "PC as a new computer of the district; edits that clash with the " \
	  "other computer will show as conflicts for you to settle.") \
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
	X(M_KEY_PDF, "PDF/In", "PDF/Print") \
	X(M_KEY_DIFF, "So sánh", "Compare") \
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
	X(M_H_FILTER_COMMUNE, "F4 hoặc l: lọc theo xã", \
	  "F4 or l: filter by commune") \
	X(M_H_FILTER_STATUS, "F4 hoặc l: lọc theo tình trạng", \
	  "F4 or l: filter by status") \
	X(M_H_DASH_TARGETS, "Chỉ tiêu kế hoạch: mỗi dòng là một chỉ tiêu, " \
	  "thanh cho biết đã đạt bao nhiêu phần; «a (+b) / c» là luỹ kế từ " \
	  "đầu kế hoạch, (+b) là phần của kỳ đang xem, c là chỉ tiêu.", \
	  "Plan targets: one line each, the bar shows how much is reached; " \
	  "«a (+b) / c» is the total since the plan began, (+b) the part " \
	  "of the period shown, c the target.") \
	X(M_H_DASH_T1, "T1: tỉ lệ cơ sở có tiềm năng SXSH đã được tuyên " \
	  "truyền (có mặt ở một hoạt động), so với tỉ lệ chỉ tiêu.", "T1: " \
	  "the share of facilities with CP potential reached by an event, " \
	  "against the target share.") \
	X(M_H_DASH_T2, "T2: số cơ sở đã đánh giá nhanh.", \
	  "T2: facilities with a rapid assessment.") \
	X(M_H_DASH_T3, "T3: số cơ sở đã đánh giá chi tiết và áp dụng giải " \
	  "pháp.", "T3: facilities with a detailed assessment and applied " \
	  "solutions.") \
	X(M_H_DASH_T4, "T4: tỉ lệ cán bộ quản lý và cộng tác viên đã hoàn " \
	  "thành tập huấn.", "T4: the share of officers and collaborators " \
	  "who completed a training.") \
	X(M_H_DASH_COUNTS, "Số bản ghi: tổng số bản ghi mỗi loại trên máy " \
	  "này; Thay đổi chờ gửi: chưa gửi lên máy chủ.", "Records: the " \
	  "number of each kind on this computer; Changes waiting: not sent " \
	  "to the server yet.") \
	X(M_WORK_T1, "Việc cần làm T1: cơ sở có tiềm năng SXSH chưa được " \
	  "tuyên truyền", "To do T1: facilities with CP potential not " \
	  "reached yet") \
	X(M_WORK_T2, "Việc cần làm T2: cơ sở chưa được đánh giá nhanh", \
	  "To do T2: facilities without a rapid assessment") \
	X(M_WORK_T3, "Việc cần làm T3: cơ sở chưa được đánh giá chi tiết", \
	  "To do T3: facilities without a detailed assessment") \
	X(M_WORK_T4, "Việc cần làm T4: cán bộ, cộng tác viên chưa được tập " \
	  "huấn", "To do T4: officers and collaborators not trained") \
	X(M_KEY_WORKLIST, "Việc cần làm", "To do") \
	X(M_H_DASH_WORK, "↑↓: chọn một dòng T1–T4; Enter: mở danh sách việc " \
	  "cần làm của chỉ tiêu đó (Esc trong danh sách: bỏ lọc)", "↑↓: pick " \
	  "a line T1–T4; Enter: open the records that target still waits " \
	  "for (Esc in the list: unfiltered)") \
	X(M_SEARCH_PROMPT, "Tìm: ", "Search: ") \
	X(M_NO_ROWS, "(chưa có bản ghi nào — nhấn n để thêm)", \
	  "(no records yet — press n to add one)") \
	X(M_NO_MATCH, "(không tìm thấy)", "(nothing found)") \
	X(M_MORE_BELOW, "còn nữa ▼", "more ▼") \
	X(M_PAGE, "Trang", "Page") \
	X(M_YES, "Có", "Yes") \
	X(M_NO, "Không", "No") \
	X(M_ANSWER_YES, "[c] Có", "[y] Yes") \
	X(M_ANSWER_NO, "[k] Không", "[n] No") \
	X(M_ENTER_OK, "[Enter] Đồng ý", "[Enter] OK") \
	X(M_EMPTY_CHOICE, "—", "—") \
	X(M_SAVED, "Đã lưu.", "Saved.") \
	X(M_DELETED, "Đã xoá. Nhấn u để hoàn tác.", "Deleted. Press u to " \
	  "undo.") \
	X(M_UNDELETED, "Đã khôi phục bản ghi vừa xoá.", \
	  "The deleted record is back.") \
	X(M_NOTHING_TO_UNDO, "Không có lần xoá nào để hoàn tác.", \
	  "No delete to undo.") \
	X(M_H_UNDO, "u: hoàn tác lần xoá cuối cùng trên màn hình này", \
	  "u: undo the last delete on this screen") \
	X(M_NOT_SAVED, "Chưa lưu: %d ô có lỗi, lỗi ghi ngay dưới ô; con trỏ " \
	  "ở ô đầu tiên.", "Not saved: %d fields have a problem, told " \
	  "under each; the cursor is on the first.") \
	X(M_ASK_DISCARD, "Bỏ các thay đổi chưa lưu?", \
	  "Discard the unsaved changes?") \
	X(M_ASK_DELETE, "Xoá bản ghi này?", "Delete this record?") \
	X(M_ASK_QUIT, "Có nội dung chưa lưu. Vẫn thoát và bỏ nó?", \
	  "Some text is not saved. Quit and lose it?") \
	X(M_ASK_DRAFT, "Có một biểu mẫu chưa lưu từ lần trước. Khôi phục?", \
	  "A form was left unsaved last time. Restore it?") \
	X(M_NEW_RECORD, "Thêm mới", "New") \
	X(M_EDIT_RECORD, "Sửa", "Edit") \
	X(M_BAD_INT, "Phải là số nguyên", "Must be a whole number") \
	X(M_BAD_DECIMAL, "Phải là số (ví dụ 1.234,5)", \
	  "Must be a number (e.g. 1234.5)") \
	X(M_BAD_DATE, "Ngày không hợp lệ: viết dd/mm/yyyy, ví dụ 01/08/2026 " \
	  "(hoặc 01/08/26)", "Not a date: write dd/mm/yyyy, e.g. " \
	  "01/08/2026 (or 01/08/26)") \
	X(M_REQUIRED, "Bắt buộc nhập", "Required") \
	X(M_PICK_HINT, "Enter: chọn", "Enter: pick") \
	X(M_CHOICE_HINT, "Enter: mở danh sách · Cách/←→: đổi · gõ vài chữ " \
	  "(không dấu): chọn nhanh · Backspace: bỏ trống", "Enter: open " \
	  "the list · Space/←→: change · type a few letters: jump · " \
	  "Backspace: empty") \
	X(M_LIST_HINT, "↑↓: di chuyển · Enter: chọn · Esc: thôi · gõ chữ: " \
	  "nhảy tới", "↑↓: move · Enter: take · Esc: cancel · type: jump") \
	X(M_DATE_HINT, "Ngày dạng dd/mm/yyyy, ví dụ 31/12/2017; năm hai chữ " \
	  "số (31/12/17) là 20yy", "A date as dd/mm/yyyy, e.g. " \
	  "31/12/2017; a two-digit year (31/12/17) means 20yy") \
	X(M_NUMBER_HINT, "Số: 1.234,5 hoặc 1234.5", \
	  "Numbers: 1.234,5 or 1234.5") \
	X(M_LIMIT_HINT, "Tối đa %d ký tự (đã nhập %d)", \
	  "At most %d characters (%d typed)") \
	X(M_DB_ERROR, "Lỗi cơ sở dữ liệu", "Database error") \
	X(M_HELP_TITLE, "Trợ giúp", "Help") \
	X(M_HELP_CLOSE, "Nhấn phím bất kỳ để đóng", "Press any key to close") \
	X(M_H_GLOBAL_LINE, "Mọi nơi: 1–9, 0 hoặc Tab: màn hình · F1/?: trợ " \
	  "giúp · F10/q: thoát", "Everywhere: 1–9, 0 or Tab: screens · " \
	  "F1/?: help · F10/q: quit") \
	X(M_HELP_MORE, "↓: xem tiếp · phím khác: đóng", \
	  "↓: more · any other key: close") \
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
	X(M_H_PICK_MANY, "Trong danh sách cơ sở/học viên của hoạt động, n mở " \
	  "danh sách chọn: Cách đánh dấu nhiều dòng, Enter thêm tất cả", \
	  "In an event's facilities or trainees, n opens the picker: Space " \
	  "ticks several rows, Enter adds them all") \
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
	X(M_TARGETS_NO_PLAN, "Chỉ tiêu kế hoạch: kỳ này không thuộc kế hoạch " \
	  "nào", "Plan targets: this period is in no plan") \
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
	X(M_DASH_PERIOD_SHORT, \
	  "Kỳ %s · hạn nộp báo cáo %s · còn %ld ngày", \
	  "Period %s · report due %s · %ld days left") \
	X(M_DASH_PERIOD_TINY, "Kỳ %s · hạn nộp %s", "Period %s · due %s") \
	X(M_DASH_OUTBOX_SHORT, "Chờ gửi: %s · %s bị từ chối · %s xung đột", \
	  "Waiting: %s · %s refused · %s conflicts") \
	X(M_DASH_RETURNED, \
	  "Tỉnh trả lại báo cáo kỳ %s (bản %d) — nhấn a để mở", \
	  "The province returned the report of %s (revision %d) — a opens " \
	  "it") \
	X(M_DASH_ACCEPTED, "Tỉnh đã nhận báo cáo kỳ %s (bản %d)", \
	  "The province accepted the report of %s (revision %d)") \
	X(M_DASH_REASON, "Lý do", "Reason") \
	X(M_SYNC_RETURNED, \
	  "Tỉnh trả lại báo cáo kỳ %s (bản %d): xem lý do ở Tổng quan (1), " \
	  "sửa ở Báo cáo (7)", \
	  "The province returned the report of %s (revision %d): reason " \
	  "on the Dashboard (1), fix it on Reports (7)") \
	X(M_DASH_NO_ANSWER, "Chưa có trả lời nào của tỉnh.", \
	  "No answer from the province yet.") \
	X(M_KEY_ANSWER, "Trả lời của tỉnh", "Province's answer") \
	X(M_H_DASH_ANSWER, "a: mở báo cáo tỉnh trả lại (hoặc đã nhận) ở " \
	  "màn hình Báo cáo; lý do trả lại hiện đầy đủ trên Tổng quan", \
	  "a: open the report the province returned (or accepted) on the " \
	  "Reports screen; the whole reason is shown on the dashboard") \
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
	X(M_SYNC_E_TOKEN, "Máy chủ từ chối mã truy cập: sửa ở màn hình 9 " \
	  "Cài đặt", "The server refused the access token: fix it on " \
	  "screen 9 Settings") \
	X(M_SYNC_E_SETTINGS, "Máy chủ, mã truy cập, tệp CA hoặc khoá ghim " \
	  "chưa đặt hoặc chưa đúng: sửa ở màn hình 9 Cài đặt", "Server, " \
	  "token, CA file or key pin is missing or wrong: fix it on " \
	  "screen 9 Settings") \
	X(M_SYNC_E_TLS, "Kết nối an toàn bị từ chối: kiểm tra tệp CA và khoá " \
	  "ghim ở màn hình 9 Cài đặt", "The secure connection was " \
	  "refused: check the CA file and key pin on screen 9 Settings") \
	X(M_SYNC_E_NETWORK, "Không kết nối được máy chủ tỉnh (mạng hoặc máy " \
	  "chủ tắt); sẽ thử lại", "Cannot reach the province server " \
	  "(network or server down); will retry") \
	X(M_SYNC_E_SERVER_DOWN, "Máy chủ tỉnh tạm thời không phục vụ được; " \
	  "sẽ thử lại", "The province server cannot serve now; will " \
	  "retry") \
	X(M_SYNC_E_CONFLICT, "Xung đột với bản trên máy chủ: chọn bản giữ " \
	  "lại ở mục Xung đột (màn hình 8)", "Conflicts with the copy on " \
	  "the server: choose one under Conflicts (screen 8)") \
	X(M_SYNC_E_TOO_LARGE, "Bản ghi quá lớn để gửi; máy chủ không nhận", \
	  "The record is too large to send; the server refused it") \
	X(M_SYNC_E_INVALID, "Máy chủ không nhận: dữ liệu không hợp lệ; mở " \
	  "bản ghi, sửa rồi lưu lại", "The server refused the data as " \
	  "invalid; open the record, fix it and save") \
	X(M_SYNC_E_MISSING, "Bản ghi không còn trên máy này; không gửi được", \
	  "The record is gone from this computer; it cannot be sent") \
	X(M_SYNC_E_MEMORY, "Không đủ bộ nhớ", "Out of memory") \
	X(M_SYNC_E_REFUSED, "Máy chủ từ chối yêu cầu", \
	  "The server refused the request") \
	X(M_SET_D_OPERATOR, "Tên người dùng máy này; ghi vào báo cáo và nhật " \
	  "ký.", "The name of this computer's user; written in reports " \
	  "and logs.") \
	X(M_SET_D_SERVER, "Địa chỉ máy chủ tỉnh, bắt đầu bằng https://. Để " \
	  "trống: làm việc ngoại tuyến.", "The province server's address, " \
	  "starting with https://. Empty: work offline.") \
	X(M_SET_D_TOKEN, "Mã truy cập tỉnh cấp cho huyện; được giữ kín.", \
	  "The access token the province issued; kept hidden.") \
	X(M_SET_D_CA, "Tệp chứng chỉ CA khi máy chủ dùng chứng chỉ riêng của " \
	  "tỉnh; để trống nếu dùng chứng chỉ công cộng.", "A CA certificate " \
	  "file when the server uses the province's own certificate; empty " \
	  "for a public one.") \
	X(M_SET_D_PIN, "Khoá công khai của máy chủ (sha256//…); nếu đặt, chỉ " \
	  "máy chủ có đúng khoá này được chấp nhận.", "The server's public " \
	  "key (sha256//…); when set, only a server with this key is " \
	  "accepted.") \
	X(M_SET_D_LANG, "Ngôn ngữ của giao diện; đổi ngay khi lưu.", \
	  "The interface's language; changes as soon as it is saved.") \
	X(M_SET_D_RULE, "Quy tắc kỳ báo cáo: theo năm dương lịch, kỳ 1 là " \
	  "01/01–30/06 và kỳ 2 là 01/07–31/12; theo Nghị định 09/2019/NĐ-CP, " \
	  "kỳ 1 là 15/12 năm trước–14/06 và kỳ 2 là 15/06–14/12. Quy tắc " \
	  "quyết định hoạt động nào tính vào kỳ nào.", "Report period rule: " \
	  "calendar halves are 1 Jan–30 Jun and 1 Jul–31 Dec; Decree " \
	  "09/2019/ND-CP makes them 15 Dec of the year before–14 Jun and " \
	  "15 Jun–14 Dec. The rule decides which period an activity " \
	  "counts in.") \
	X(M_SET_D_MINUTES, "Tự đồng bộ: số phút giữa hai lần đồng bộ tự động " \
	  "(0 đến 1440; 0 là tắt; để trống là 30).", "Auto sync: minutes " \
	  "between two automatic syncs (0 to 1440; 0 turns it off; empty " \
	  "means 30).") \
	X(M_H_SET_MOVE, "↑↓ hoặc Tab/Shift-Tab: chọn cài đặt", \
	  "↑↓ or Tab/Shift-Tab: pick a setting") \
	X(M_H_SET_CLI, "Mọi cài đặt cũng đặt được bằng lệnh: sxsh config set " \
	  "KHÓA GIÁ_TRỊ (operator, server, token, ca, pin, lang, " \
	  "period_rule, sync_minutes)", "Every setting can also be set " \
	  "from the command line: sxsh config set KEY VALUE (operator, " \
	  "server, token, ca, pin, lang, period_rule, sync_minutes)") \
	X(M_SETTINGS_HINT, "Enter hoặc e: sửa cài đặt", "Enter or e: edit") \
	X(M_DRAFT_OF, "Bản nháp", "Draft") \
	X(M_PICK_TITLE, "Chọn", "Pick") \
	X(M_PICK_TICKED, "%s — đã đánh dấu %d (Cách: đánh dấu, Enter: thêm)", \
	  "%s — %d ticked (Space: tick, Enter: add)") \
	X(M_H_PICK_SPACE, "Một dấu cách ngay sau chữ đang gõ là dấu cách của " \
	  "ô tìm; dấu cách tiếp theo, hoặc sau ↑↓, đánh dấu dòng", "A Space " \
	  "right after letters goes into the search; the next Space, or " \
	  "one after ↑↓, ticks the row") \
	X(M_PICK_ADDED, "Đã thêm %d bản ghi.", "Added %d records.") \
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
	X(M_SYNC_CONFLICTS, "xung đột chưa giải quyết", "conflicts open") \
	X(M_SYNC_READY, "sẵn sàng (chưa đồng bộ lần nào)", \
	  "ready (not synced yet)") \
	X(M_SYNC_RUNNING, "⟳ đồng bộ", "⟳ sync") \
	X(M_H_SYNC_NOW, "s hoặc F5: đồng bộ ngay", "s or F5: sync now") \
	X(M_H_CONFLICT, "Xung đột: cùng một bản ghi đã được sửa ở máy này và " \
	  "ở nơi khác (máy khác của huyện hoặc tỉnh) trước khi đồng bộ. ↑↓ " \
	  "chọn xung đột; m: giữ bản trên máy này; t: lấy bản trên máy " \
	  "chủ; cả hai đều hỏi lại trước khi làm", "Conflict: the same " \
	  "record was changed here and elsewhere (another computer of the " \
	  "district, or the province) before a sync. ↑↓ pick a conflict; " \
	  "m: keep this computer's copy; t: take the server's copy; both " \
	  "ask first") \
	X(M_H_SYNC_COUNTS, "Thay đổi chờ gửi: số thay đổi chưa gửi; bị từ " \
	  "chối: máy chủ không nhận (lý do ở dưới); chờ xung đột: gửi được " \
	  "khi xung đột đã giải quyết", "Changes waiting: not sent yet; " \
	  "refused: the server did not take them (reason below); held by " \
	  "a conflict: sent once the conflict is resolved") \
	X(M_OUTBOX_COUNTS, "Thay đổi chờ gửi: %lld (%lld bị từ chối, %lld " \
	  "chờ giải quyết xung đột)", "Changes waiting: %lld (%lld " \
	  "refused, %lld held by a conflict)") \
	X(M_ASK_KEEP_MINE, "Giữ bản trên máy này cho «%s»? Bản trên máy chủ " \
	  "sẽ bị thay ở lần đồng bộ sau.", "Keep this computer's copy of " \
	  "«%s»? The server's copy is replaced at the next sync.") \
	X(M_ASK_TAKE_THEIRS, "Lấy bản trên máy chủ cho «%s»? Những gì đã " \
	  "sửa trên máy này sẽ mất.", "Take the server's copy of «%s»? " \
	  "What was changed on this computer is lost.") \
	X(M_KEPT_MINE, "Đã giữ bản trên máy này.", \
	  "Kept this computer's copy.") \
	X(M_TOOK_THEIRS, "Đã lấy bản trên máy chủ.", \
	  "Took the server's copy.") \
	X(M_CONFLICTS_TITLE, "Xung đột cần giải quyết", \
	  "Conflicts to resolve") \
	X(M_OUTBOX_TITLE, "Thay đổi chờ gửi (lỗi gần nhất)", \
	  "Changes waiting (last error)") \
	X(M_MINE, "Máy này", "This computer") \
	X(M_THEIRS, "Trên máy chủ", "On the server") \
	X(M_KEEP_MINE, "Giữ bản máy này", "Keep mine") \
	X(M_TAKE_THEIRS, "Lấy bản máy chủ", "Take server's") \
	X(M_H_REPORT_PERIOD, "←/→: kỳ trước/kỳ sau", \
	  "←/→: previous/next period") \
	X(M_H_REPORT_BUILD, \
	  "b hoặc Enter: lập bản nháp và xem trước (↑↓ cuộn)", \
	  "b or Enter: build the draft and preview it (↑↓ scroll)") \
	X(M_H_REPORT_SIDEWAYS, "< và > (hoặc , và .): cuộn bản xem trước " \
	  "sang ngang; không số nào bị cắt", "< and > (or , and .): scroll " \
	  "the preview sideways; no figure is cut") \
	X(M_H_REPORT_NARRATIVE, "v: sửa phần nhận xét (kết quả, khó khăn, " \
	  "đề xuất)", "v: edit the narrative (results, difficulties, " \
	  "proposals)") \
	X(M_H_REPORT_PDF, "p: lưu báo cáo dạng PDF và HTML để in vào một " \
	  "thư mục (mặc định: USB nếu có, không thì thư mục Tài liệu); bản " \
	  "chốt mới nhất, chưa chốt thì bản nháp", "p: save the report as " \
	  "PDF and printable HTML in a folder (default: a USB stick if " \
	  "mounted, else Documents); the latest finalised revision, else " \
	  "the draft") \
	X(M_H_REPORT_DIFF, "d: những gì đã thay đổi: bản nháp so với bản " \
	  "chốt mới nhất, hoặc hai bản chốt cuối (T4 5/7 → 6/8, số liệu, " \
	  "dòng nhận xét thêm +, bớt −)", "d: what changed: the draft " \
	  "against the latest revision, or the last two revisions (T4 " \
	  "5/7 → 6/8, figures, narrative lines added + and removed −)") \
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
	I18N_CLI_MESSAGES \
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

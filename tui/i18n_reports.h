/* i18n_reports.h — the reports screen's words (screen_reports.c).
 * Part of the one table of i18n.h (X(id, Vietnamese, English)). */
#ifndef SXSH_TUI_I18N_REPORTS_H
#define SXSH_TUI_I18N_REPORTS_H

#define I18N_REPORTS_MESSAGES \
	X(M_REP_RESULTS, "Kết quả thực hiện", "Results") \
	X(M_REP_DIFFICULTIES, "Khó khăn, vướng mắc", "Difficulties") \
	X(M_REP_PROPOSALS, "Đề xuất, kiến nghị", "Proposals") \
	X(M_REP_ST_FINALISED, "đã chốt", "finalised") \
	X(M_REP_ST_QUEUED, "chờ gửi", "queued") \
	X(M_REP_ST_SENT, "đã gửi", "sent") \
	X(M_REP_ST_ACCEPTED, "tỉnh đã nhận", "accepted") \
	X(M_REP_ST_RETURNED, "tỉnh trả lại", "returned") \
	X(M_REP_PERIOD, "kỳ", "period") \
	X(M_REP_NONE_FINAL, \
	  "Chưa có bản nào được chốt.", \
	  "No revision finalised yet.") \
	X(M_REP_REVISION, "Bản", "Revision") \
	/* No-break spaces (U+00A0) inside each key's words: the line wraps
	 * between keys, never between a key and what it does. */ \
	X(M_REP_KEYS, \
	  "b:\u00a0lập\u00a0bản\u00a0nháp  v:\u00a0nhận\u00a0xét  " \
	  "p:\u00a0PDF/in  d:\u00a0so\u00a0sánh  f:\u00a0chốt  " \
	  "s:\u00a0gửi\u00a0tỉnh", \
	  "b:\u00a0build\u00a0the\u00a0draft  v:\u00a0narrative  " \
	  "p:\u00a0PDF/print  d:\u00a0compare  f:\u00a0finalise  " \
	  "s:\u00a0submit") \
	X(M_REP_FINALISED, \
	  "Đã chốt bản %d của kỳ %s.", \
	  "Revision %d of %s finalised.") \
	X(M_REP_QUEUED, \
	  "Bản %d đã vào hàng chờ gửi.", \
	  "Revision %d queued for the next sync.") \
	X(M_REP_NARRATIVE, "Phần nhận xét của báo cáo", "Report narrative") \
	X(M_REP_EDIT_KEYS, \
	  "Tab: phần tiếp · Enter: xuống dòng · F2/Ctrl-S: lưu · " \
	  "Esc: đóng", \
	  "Tab: next text · Enter: new line · F2/Ctrl-S: save · " \
	  "Esc: close") \
	X(M_REP_ASK_FINALISE, \
	  "Chốt kỳ %s với %d cảnh báo? Bản đã chốt không sửa được nữa; " \
	  "muốn sửa phải chốt bản mới thay thế.", \
	  "Finalise %s with %d warning(s)? The revision is frozen for " \
	  "good; a correction is a new revision.") \
	X(M_REP_ASK_DRAFT, \
	  "Có phần nhận xét báo cáo kỳ %s chưa lưu (chương trình bị tắt " \
	  "ngang). Mở lại để sửa tiếp?", \
	  "The narrative of the %s report was not saved (the program was " \
	  "stopped). Open it again?") \
	X(M_REP_FINDINGS_TITLE, \
	  "Kiểm tra trước khi chốt kỳ %s: %d cảnh báo. Xem từng mục, " \
	  "sửa nếu cần, rồi mới chốt:", \
	  "Check before finalising %s: %d warning(s). Look at each, fix " \
	  "what needs it, then finalise:") \
	X(M_REP_FINDING_N, " (%d bản ghi)", " (%d records)") \
	X(M_REP_FINDINGS_NONE, "Không còn cảnh báo nào.", \
	  "No warning left.") \
	X(M_REP_FINDINGS_KEYS, \
	  "↑↓ chọn · Enter: mở bản ghi (lần lượt) · c: vẫn chốt · Esc: thôi", \
	  "↑↓ pick · Enter: open its records (one by one) · c: finalise " \
	  "anyway · Esc: back") \
	X(M_REP_FINDING_NO_RECORDS, "Cảnh báo này không gắn với bản ghi " \
	  "nào (so sánh số liệu giữa hai kỳ).", "This warning has no " \
	  "records (figures compared between periods).") \
	X(M_REP_FINDING_RECORD, "Bản ghi %d/%d của cảnh báo này", \
	  "Record %d of %d of this warning") \
	X(M_REP_SIDEWAYS, " · < > cuộn ngang", " · < > scroll sideways") \
	X(M_REP_SAVE_FOLDER, \
	  "Lưu báo cáo dạng PDF và HTML (để in) vào thư mục:", \
	  "Save the report as PDF and printable HTML in the folder:") \
	X(M_REP_SAVE_KEYS, \
	  "Enter: lưu · Esc: thôi", "Enter: save · Esc: cancel") \
	X(M_REP_SAVE_STICK, \
	  "Đã thấy USB: lưu vào USB.", "A USB stick is mounted: saving " \
	  "there.") \
	X(M_REP_SAVING, "Đang tạo PDF…", "Making the PDF…") \
	X(M_REP_SAVED_FILES, \
	  "Đã lưu %s và %s", "Saved %s and %s") \
	X(M_REP_SAVED_HTML_ONLY, \
	  "Chỉ lưu được bản HTML để in: %s", \
	  "Only the printable HTML was saved: %s") \
	X(M_REP_ASK_SUBMIT, \
	  "Gửi bản mới nhất của kỳ %s lên tỉnh ở lần đồng bộ tới? Đã gửi " \
	  "thì không rút lại được; muốn sửa phải chốt bản mới thay thế.", \
	  "Send the latest revision of %s to the province at the next " \
	  "sync? Once sent it cannot be taken back; a correction is a new " \
	  "revision.")

#endif

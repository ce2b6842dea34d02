/* i18n_import.h — the import screen's words (screen_import.c).
 * Part of the one table of i18n.h (X(id, Vietnamese, English)). */
#ifndef SXSH_TUI_I18N_IMPORT_H
#define SXSH_TUI_I18N_IMPORT_H

#define I18N_IMPORT_MESSAGES \
	X(M_IMP_NEED_PATH, \
	  "Hãy nhập đường dẫn tệp CSV.", \
	  "Type the path of the CSV file.") \
	X(M_IMP_CANNOT_OPEN, "Không mở được tệp", "Cannot open") \
	X(M_IMP_NOT_REGULAR, \
	  "Đây không phải một tệp thông thường.", \
	  "This is not a regular file.") \
	X(M_IMP_TOO_LARGE, \
	  "Tệp quá lớn (trên 256 MB).", \
	  "The file is larger than 256 MB.") \
	X(M_IMP_OUT_OF_MEMORY, "Không đủ bộ nhớ.", "Out of memory.") \
	X(M_IMP_CANNOT_READ, "Không đọc được tệp", "Cannot read") \
	X(M_IMP_IMPORT_DONE, "Đã nhập xong.", "Import done.") \
	X(M_IMP_NOTHING_WRITTEN, "chưa ghi gì", "nothing written") \
	X(M_IMP_NO_DATA, \
	  "Tệp không có dòng dữ liệu nào.", \
	  "The file has no data rows.") \
	X(M_IMP_NO_GOOD_ROW, \
	  "Không còn dòng đúng nào để ghi.", \
	  "No good row is left to write.") \
	X(M_IMP_HAS_PROBLEMS_B, \
	  "Tệp còn lỗi nên chưa ghi gì: sửa tệp rồi nhấn r để " \
	  "kiểm tra lại, hoặc b để chỉ ghi các dòng đúng.", \
	  "The file has problems, nothing written: fix it and " \
	  "press r to check again, or b to write only the good " \
	  "rows.") \
	X(M_IMP_HAS_PROBLEMS, \
	  "Tệp còn lỗi nên chưa ghi gì: sửa tệp rồi nhấn r để " \
	  "kiểm tra lại.", \
	  "The file has problems, nothing written: fix it and " \
	  "press r to check again.") \
	X(M_IMP_ASK_SKIP_BAD, \
	  "Ghi vào %s trong một lần (thêm mới %s, cập nhật %s, bỏ " \
	  "qua %s) và loại %s dòng lỗi?", \
	  "Write into %s at once (add %s, update %s, skip %s) and " \
	  "leave out %s bad rows?") \
	X(M_IMP_ASK_WRITE, \
	  "Ghi %s dòng vào %s trong một lần (thêm mới %s, cập " \
	  "nhật %s, bỏ qua %s)?", \
	  "Write %s rows into %s at once (add %s, update %s, skip " \
	  "%s)?") \
	X(M_IMP_KIND_OF_DATA, "Loại dữ liệu", "Kind of data") \
	X(M_IMP_CSV_FILE, "Tệp CSV", "CSV file") \
	X(M_IMP_HINT_PICK, \
	  "Tab: ô tiếp · Cách hoặc ←→: đổi loại · Enter: kiểm tra " \
	  "tệp (chưa ghi gì)", \
	  "Tab: next field · Space or ←→: change kind · Enter: " \
	  "check the file (writes nothing)") \
	X(M_IMP_TEMPLATE, "Tệp mẫu:", "Template:") \
	X(M_IMP_COLUMNS, "cột", "columns") \
	X(M_IMP_LINE, "dòng", "line") \
	X(M_IMP_COLUMN, "cột", "column") \
	X(M_IMP_MORE, "lỗi nữa", "more") \
	X(M_IMP_FILE, "Tệp", "File") \
	X(M_IMP_ENCODING, "Bảng mã", "Encoding") \
	X(M_IMP_ENC_DETECTED, \
	  "tự nhận biết (e: đổi nếu sai)", \
	  "detected (e: another if wrong)") \
	X(M_IMP_ENC_CHOSEN, "đã chọn (e: đổi)", "chosen (e: change)") \
	X(M_IMP_SEPARATOR, "Phân cách", "Separator") \
	X(M_IMP_DATA_ROWS, "dòng dữ liệu", "data rows") \
	X(M_IMP_FIRST_ROWS, \
	  "Các dòng đầu, đã chuyển mã:", \
	  "The first rows, converted:") \
	X(M_IMP_DUPLICATES, "Dòng trùng", "Duplicates") \
	X(M_IMP_POLICY, "cách xử lý", "policy") \
	X(M_IMP_DUP_UPDATE, \
	  "cập nhật bản ghi đã có", \
	  "update the stored record") \
	X(M_IMP_DUP_SKIP, "bỏ qua dòng trùng", "skip the row") \
	X(M_IMP_CHANGE, "đổi", "change") \
	X(M_IMP_WOULD_SKIP, \
	  "Bỏ %s dòng lỗi (b: thôi): sẽ thêm mới %s, cập nhật %s, " \
	  "bỏ qua %s.", \
	  "Leaving out %s bad rows (b: undo): will add %s, update " \
	  "%s, skip %s.") \
	X(M_IMP_REJECTED_TO, \
	  "Các dòng lỗi sẽ ghi vào", \
	  "The bad rows will go to") \
	X(M_IMP_SAME_FOLDER, "(cùng thư mục)", "(same folder)") \
	X(M_IMP_WOULD_WRITE, \
	  "Không có lỗi: sẽ thêm mới %s, cập nhật %s, bỏ qua %s.", \
	  "No problems: will add %s, update %s, skip %s.") \
	X(M_IMP_HINT_WRITE, \
	  "Enter: ghi vào cơ sở dữ liệu (có hỏi lại) · Esc: chọn " \
	  "tệp khác", \
	  "Enter: write to the database (asks first) · Esc: " \
	  "another file") \
	X(M_IMP_PROBLEMS, "Lỗi", "Problems") \
	X(M_IMP_NO_GOOD_LEFT, \
	  "không còn dòng đúng nào để ghi (b: thôi bỏ dòng lỗi)", \
	  "no good row left to write (b: undo leaving out)") \
	X(M_IMP_FIX_AND_R, \
	  "chưa ghi gì; sửa tệp rồi nhấn r để kiểm tra lại", \
	  "nothing written; fix the file and press r to check " \
	  "again") \
	X(M_IMP_HINT_B, \
	  "b: chỉ ghi các dòng đúng, bỏ các dòng lỗi", \
	  "b: write only the good rows, leave out the bad ones") \
	X(M_IMP_DONE_COUNTS, \
	  "Đã nhập: thêm mới %s, cập nhật %s, bỏ qua (trùng) %s, " \
	  "bị loại %s.", \
	  "Imported: added %s, updated %s, skipped (duplicates) " \
	  "%s, rejected %s.") \
	X(M_IMP_REJECTED_IN, \
	  "Các dòng bị loại đã ghi vào", \
	  "The rejected rows were written to") \
	X(M_IMP_HINT_AGAIN, \
	  "Enter hoặc Esc: nhập tệp khác", \
	  "Enter or Esc: import another file") \
	X(M_IMP_FINISHING, \
	  "Đang hoàn tất: dựng lại chỉ mục và lưu…", \
	  "Finishing: rebuilding indexes and saving…") \
	X(M_IMP_CHECKING, "Đang kiểm tra", "Checking") \
	X(M_IMP_WRITING, "Đang ghi", "Writing") \
	X(M_IMP_ROWS, "dòng", "rows") \
	X(M_IMP_TITLE, \
	  "Nhập dữ liệu từ tệp CSV", \
	  "Import from a CSV file") \
	X(M_IMP_DETECT, "tự nhận biết", "detect") \
	X(M_IMP_NO_BAD_ROW, \
	  "Không có dòng lỗi nào để bỏ.", \
	  "There is no bad row to leave out.")

#endif

/* i18n_cli.h — the words of the command line (main.c, cli_*.c).
 * Part of the one table of i18n.h (X(id, Vietnamese, English)). */
#ifndef SXSH_TUI_I18N_CLI_H
#define SXSH_TUI_I18N_CLI_H

#define I18N_CLI_MESSAGES \
	X(M_CLI_USAGE, "cách dùng:", "usage:") \
	X(M_CLI_DUP_ANSWER_KEYS, "cbh", "usc") \
	X(M_CLI_DIFF_BAD_FROM, "phải là số bản (>= 1)", \
	  "must be a revision number (>= 1)") \
	X(M_CLI_DIFF_BAD_TO, "phải là số bản (>= 1) hoặc draft", \
	  "must be a revision number (>= 1) or draft") \
	X(M_CLI_PDF_NEEDS_FILE, "PDF cần tên tệp: -o TỆP.pdf", \
	  "a PDF needs a file: -o FILE.pdf") \
	X(M_CLI_TITLE, "sxsh %s — sản xuất sạch hơn trong công nghiệp " \
	  "(SXSH), hồ sơ của huyện", "sxsh %s — cleaner production in " \
	  "industry (SXSH), district records") \
	X(M_CLI_FOOTER, "LOẠI: facilities, people, events, assessments, " \
	  "solutions, consumption\nmã thoát: 0 xong, 1 sai cách dùng, 2 dữ " \
	  "liệu không hợp lệ, 3 mạng, 4 bị từ chối, 5 lưu trữ", \
	  "KIND: facilities, people, events, assessments, solutions, " \
	  "consumption\nexit status: 0 ok, 1 usage, 2 invalid input, " \
	  "3 network, 4 refused, 5 storage") \
	X(M_CLI_BAD_LANG, "SXSH_LANG phải là vi hoặc en", \
	  "SXSH_LANG must be vi or en") \
	X(M_CLI_NO_DB_PATH, "không có đường dẫn tệp dữ liệu: hãy đặt --db " \
	  "hoặc SXSH_DB", "no database path: set --db or SXSH_DB") \
	X(M_CLI_NO_DATABASE_YET_RUN, \
	  "chưa có tệp dữ liệu; hãy chạy \"sxsh init " \
	  "--district MÃ\" —", \
	  "no database yet; run \"sxsh init --district CODE\" —") \
	X(M_CLI_THIS_DATABASE_IS_A, \
	  "tệp dữ liệu này là một bản sao (khôi " \
	  "phục từ bản sao lưu hoặc chép từ máy " \
	  "khác) nên đã nhận mã máy mới: tỉnh coi " \
	  "đây là một máy mới của huyện, và sửa " \
	  "đổi trùng với máy kia sẽ hiện là xung " \
	  "đột (sxsh sync --conflicts).", \
	  "this database is a copy (restored from a backup or " \
	  "copied from another PC), so it got a new client id: the " \
	  "province sees it as a new PC of the district, and edits " \
	  "that clash with the other PC show as conflicts (sxsh " \
	  "sync --conflicts).") \
	X(M_CLI_INITIALISED_FOR, \
	  "Đã khởi tạo dữ liệu cho", \
	  "Initialised for") \
	X(M_CLI_NOTHING_FOUND, \
	  "Không tìm thấy.", \
	  "Nothing found.") \
	X(M_CLI_TARGET, \
	  "mục tiêu", \
	  "target") \
	X(M_CLI_IN_THE_PERIOD, \
	  "trong kỳ", \
	  "in the period") \
	X(M_CLI_CUMULATIVE, \
	  "luỹ kế", \
	  "cumulative") \
	X(M_CLI_DISTRICT_SHARE, \
	  "chỉ tiêu huyện", \
	  "district share") \
	X(M_CLI_PROVINCE_TOTAL, \
	  "cả tỉnh", \
	  "province total") \
	X(M_CLI_IN_NO_PLAN, \
	  "không thuộc kế hoạch nào", \
	  "in no plan") \
	X(M_CLI_INDICATORS_FOR, \
	  "Chỉ tiêu kỳ", \
	  "Indicators for") \
	X(M_CLI_REPORT_DUE, \
	  "Hạn gửi báo cáo", \
	  "Report due") \
	X(M_CLI_THE_PROVINCE_S_ANSWERS, \
	  "Trả lời của tỉnh về báo cáo", \
	  "The province's answers to reports") \
	X(M_CLI_REVISION, \
	  "bản", \
	  "revision") \
	X(M_CLI_REASON, \
	  "lý do", \
	  "reason") \
	X(M_CLI_DISTRICT, \
	  "Huyện", \
	  "District") \
	X(M_CLI_NOT_INITIALISED, \
	  "chưa khởi tạo", \
	  "not initialised") \
	X(M_CLI_OPERATOR, \
	  "Người dùng", \
	  "Operator") \
	X(M_CLI_CHANGES_WAITING, \
	  "Thay đổi chờ gửi", \
	  "Changes waiting") \
	X(M_CLI_REJECTED, \
	  "bị từ chối", \
	  "rejected") \
	X(M_CLI_LAST_SYNC, \
	  "Đồng bộ lần cuối", \
	  "Last sync") \
	X(M_CLI_NEVER, \
	  "chưa", \
	  "never") \
	X(M_CLI_AUTOMATIC_BACKUP_FAILED, \
	  "Sao lưu tự động bị lỗi", \
	  "Automatic backup failed") \
	X(M_CLI_THE_DATABASE_HAS_PROBLEMS, \
	  "tệp dữ liệu có lỗi", \
	  "the database has problems") \
	X(M_CLI_DATABASE_IS_INTACT, \
	  "Tệp dữ liệu nguyên vẹn", \
	  "Database is intact") \
	X(M_CLI_BACKED_UP_TO, \
	  "Đã sao lưu vào", \
	  "Backed up to") \
	X(M_CLI_ENCODING, \
	  "Bảng mã", \
	  "Encoding") \
	X(M_CLI_DETECTED, \
	  " (tự nhận biết)", \
	  " (detected)") \
	X(M_CLI_SEPARATOR, \
	  "Dấu phân cách", \
	  "Separator") \
	X(M_CLI_DATA_ROWS, \
	  "dòng dữ liệu", \
	  "data rows") \
	X(M_CLI_COLUMNS, \
	  "cột", \
	  "columns") \
	X(M_CLI_WRITING, \
	  "Đang ghi", \
	  "Writing") \
	X(M_CLI_LINE, \
	  "dòng", \
	  "line") \
	X(M_CLI_MORE_DUPLICATES, \
	  "dòng trùng khác", \
	  "more duplicates") \
	X(M_CLI_ROWS_DUPLICATE_A_STORED, \
	  "dòng trùng với bản ghi đã có hoặc với " \
	  "dòng trước:", \
	  "rows duplicate a stored record or an earlier row:") \
	X(M_CLI_NOTHING_WRITTEN_RUN_AGAIN, \
	  "Không ghi gì. Hãy chạy lại với --on-duplicate " \
	  "update hoặc --on-duplicate skip.", \
	  "Nothing written. Run again with --on-duplicate update " \
	  "or --on-duplicate skip.") \
	X(M_CLI_UPDATE_U_SKIP_S, \
	  "Cập nhật (c), bỏ qua (b) hay huỷ (h)?", \
	  "Update (u), skip (s) or cancel (c)?") \
	X(M_CLI_MORE_PROBLEMS, \
	  "lỗi khác", \
	  "more problems") \
	X(M_CLI_COLUMN, \
	  "cột", \
	  "column") \
	X(M_CLI_REJECTED_ROWS_WRITTEN_TO, \
	  "Các dòng bị loại ghi vào", \
	  "Rejected rows written to") \
	X(M_CLI_CANNOT_IMPORT, \
	  "không nhập được loại", \
	  "cannot import") \
	X(M_CLI_UNKNOWN_ENCODING, \
	  "bảng mã không rõ:", \
	  "unknown encoding:") \
	X(M_CLI_DUPLICATES_A_REAL_RUN, \
	  "dòng trùng (chạy thật cần --on-duplicate):", \
	  "duplicates (a real run needs --on-duplicate):") \
	X(M_CLI_ADDED, \
	  "thêm mới", \
	  "added") \
	X(M_CLI_UPDATED, \
	  "cập nhật", \
	  "updated") \
	X(M_CLI_SKIPPED_DUPLICATES, \
	  "bỏ qua (trùng)", \
	  "skipped (duplicates)") \
	X(M_CLI_REJECTED_2, \
	  "bị loại", \
	  "rejected") \
	X(M_CLI_DRY_RUN_NOTHING_WRITTEN, \
	  " — chạy thử, chưa ghi gì", \
	  " — dry run, nothing written") \
	X(M_CLI_USAGE_SXSH_EXPORT_KIND, \
	  "cách dùng: sxsh export LOẠI [--format csv|json] [-o " \
	  "TỆP] [--excel] [--template]", \
	  "usage: sxsh export KIND [--format csv|json] [-o FILE] " \
	  "[--excel] [--template]") \
	X(M_CLI_IS_FOR_CSV_ONLY, \
	  "chỉ dùng với CSV", \
	  "is for CSV only") \
	X(M_CLI_RECORDS_EXPORTED_TO, \
	  "bản ghi đã xuất ra", \
	  "records exported to") \
	X(M_CLI_RESTORED_FROM, \
	  "Đã khôi phục từ", \
	  "Restored from") \
	X(M_CLI_THE_REPLACED_FILE_IS, \
	  "Tệp cũ được giữ lại tại", \
	  "The replaced file is kept as") \
	X(M_CLI_CANNOT_WRITE, \
	  "không ghi được tệp", \
	  "cannot write") \
	X(M_CLI_WRITE_ERROR, \
	  "lỗi ghi dữ liệu ra", \
	  "write error") \
	X(M_CLI_FINALISED_REPORT, \
	  "Đã chốt báo cáo kỳ", \
	  "Finalised report") \
	X(M_CLI_REPLACES_REVISION, \
	  "Thay thế bản", \
	  "Replaces revision") \
	X(M_CLI_QUEUED_FOR_SYNC_REPORT, \
	  "Đã đưa vào hàng chờ gửi: báo cáo kỳ", \
	  "Queued for sync: report") \
	X(M_CLI_PERIOD, \
	  "Kỳ", \
	  "Period") \
	X(M_CLI_REV, \
	  "Bản", \
	  "Rev") \
	X(M_CLI_REPL, \
	  "Thay", \
	  "Repl") \
	X(M_CLI_STATUS, \
	  "Trạng thái", \
	  "Status") \
	X(M_CLI_FINALISED_AT, \
	  "Chốt lúc", \
	  "Finalised at") \
	X(M_CLI_NOTE, \
	  "Ghi chú", \
	  "Note") \
	X(M_CLI_NO_FINALISED_REVISION, \
	  "(chưa có bản nào được chốt)", \
	  "(no finalised revision)") \
	X(M_CLI_REVISION_MUST_BE_A, \
	  "--revision phải là số >= 1", \
	  "--revision must be a number >= 1") \
	X(M_CLI_CANNOT_READ, \
	  "không đọc được tệp", \
	  "cannot read") \
	X(M_CLI_FIELD_IS_REQUIRED_RESULTS, \
	  "thiếu --field (results, difficulties, proposals)", \
	  "--field is required (results, difficulties, proposals)") \
	X(M_CLI_SAVED, \
	  "Đã lưu mục", \
	  "Saved") \
	X(M_CLI_BLOCK, \
	  "CHẶN", \
	  "BLOCK") \
	X(M_CLI_WARNING, \
	  "CẢNH BÁO", \
	  "WARNING") \
	X(M_CLI_AND, \
	  "và", \
	  "and") \
	X(M_CLI_MORE_SEE_FORMAT_JSON, \
	  "bản ghi nữa (xem --format json)", \
	  "more (see --format json)") \
	X(M_CLI_REPORT_CHECK_FORMAT_IS, \
	  "report check: --format là text hoặc json", \
	  "report check: --format is text or json") \
	X(M_CLI_NOTHING_TO_REVIEW_PERIOD, \
	  "Không có gì cần xem lại: kỳ", \
	  "Nothing to review: period") \
	X(M_CLI_BLOCKING, \
	  "Chặn", \
	  "Blocking") \
	X(M_CLI_WARNINGS, \
	  "cảnh báo", \
	  "warnings") \
	X(M_CLI_NOT_FINALISED_A_FINDING, \
	  "không chốt: còn điều kiện chặn (không ghi " \
	  "gì)", \
	  "not finalised: a finding blocks it (nothing written)") \
	X(M_CLI_NOT_FINALISED_REVIEW_THE, \
	  "không chốt: hãy xem các cảnh báo trên; chốt " \
	  "vẫn được với --accept-warnings", \
	  "not finalised: review the warnings above; " \
	  "--accept-warnings finalises anyway") \
	X(M_CLI_MADE_THE_DATABASE_IT, \
	  "đã đặt quyền 0600 cho tệp dữ liệu (chứa " \
	  "mã truy cập):", \
	  "made the database (it holds the token) mode 0600:") \
	X(M_CLI_PUSHING_CHANGES, \
	  "Gửi thay đổi", \
	  "Pushing changes") \
	X(M_CLI_PULLING_CHANGES, \
	  "Nhận thay đổi", \
	  "Pulling changes") \
	X(M_CLI_SUBMITTING_REPORTS, \
	  "Gửi báo cáo", \
	  "Submitting reports") \
	X(M_CLI_REPORT_STATUS, \
	  "Tình trạng báo cáo", \
	  "Report status") \
	X(M_CLI_REFERENCE_DATA, \
	  "Dữ liệu tham chiếu", \
	  "Reference data") \
	X(M_CLI_NETWORK_TROUBLE_RETRYING_IN, \
	  "lỗi mạng, thử lại sau", \
	  "network trouble, retrying in") \
	X(M_CLI_ATTEMPT, \
	  "lần", \
	  "attempt") \
	X(M_CLI_SENT, \
	  "đã gửi", \
	  "sent") \
	X(M_CLI_RECEIVED, \
	  "đã nhận", \
	  "received") \
	X(M_CLI_CHANGES_PUSHED, \
	  "Thay đổi gửi đi", \
	  "Changes pushed") \
	X(M_CLI_APPLIED, \
	  "máy chủ đã ghi", \
	  "applied") \
	X(M_CLI_DUPLICATE, \
	  "đã có", \
	  "duplicate") \
	X(M_CLI_CONFLICT, \
	  "xung đột", \
	  "conflict") \
	X(M_CLI_CHANGES_PULLED, \
	  "Thay đổi nhận về", \
	  "Changes pulled") \
	X(M_CLI_APPLIED_2, \
	  "áp dụng", \
	  "applied") \
	X(M_CLI_SKIPPED, \
	  "bỏ qua", \
	  "skipped") \
	X(M_CLI_WAITING_FOR_REFERENCED_RECORDS, \
	  "Chờ bản ghi liên quan", \
	  "Waiting for referenced records") \
	X(M_CLI_REPORTS_SENT, \
	  "Báo cáo gửi", \
	  "Reports sent") \
	X(M_CLI_ALREADY_THERE, \
	  "đã gửi trước đó", \
	  "already there") \
	X(M_CLI_REFUSED, \
	  "bị từ chối", \
	  "refused") \
	X(M_CLI_STATUSES_UPDATED, \
	  "cập nhật tình trạng", \
	  "statuses updated") \
	X(M_CLI_NETWORK, \
	  "Mạng", \
	  "Network") \
	X(M_CLI_REQUESTS, \
	  "yêu cầu", \
	  "requests") \
	X(M_CLI_CONNECTIONS, \
	  "kết nối", \
	  "connections") \
	X(M_CLI_WARNING_INSECURE_DEV_TURNS, \
	  "CẢNH BÁO: --insecure-dev tắt kiểm tra chứng " \
	  "chỉ TLS; chỉ dùng khi phát triển, không bao " \
	  "giờ với dữ liệu thật", \
	  "WARNING: --insecure-dev turns TLS certificate checks " \
	  "off; for development only, never with real data") \
	X(M_CLI_CONFLICTS_WAITING, \
	  "Xung đột chờ giải quyết", \
	  "Conflicts waiting") \
	X(M_CLI_UNSENT_DATA_IS_KEPT, \
	  "dữ liệu chưa gửi vẫn được giữ; hãy " \
	  "đồng bộ lại khi có mạng", \
	  "unsent data is kept; sync again when the link is back") \
	X(M_CLI_SYNC_COMPLETE, \
	  "Đồng bộ xong.", \
	  "Sync complete.") \
	X(M_CLI_THE_SERVER_REFUSED_SOME, \
	  "máy chủ từ chối một số thay đổi hoặc " \
	  "báo cáo; xem sxsh sync --log", \
	  "the server refused some changes or reports; see sxsh " \
	  "sync --log") \
	X(M_CLI_NO_CONFLICTS, \
	  "Không có xung đột.", \
	  "No conflicts.") \
	X(M_CLI_SERVER_REV, \
	  "bản máy chủ", \
	  "server rev") \
	X(M_CLI_MINE, \
	  "của tôi", \
	  "mine") \
	X(M_CLI_THEIRS, \
	  "của máy chủ", \
	  "theirs") \
	X(M_CLI_RESOLVE_SXSH_SYNC_RESOLVE, \
	  "Giải quyết: sxsh sync --resolve ID " \
	  "keep-mine|take-theirs", \
	  "Resolve: sxsh sync --resolve ID keep-mine|take-theirs") \
	X(M_CLI_USAGE_SXSH_SYNC_RESOLVE, \
	  "cách dùng: sxsh sync --resolve SỐ " \
	  "keep-mine|take-theirs", \
	  "usage: sxsh sync --resolve ID keep-mine|take-theirs") \
	X(M_CLI_RESOLVED_CONFLICT, \
	  "Đã giải quyết xung đột", \
	  "Resolved conflict") \
	X(M_CLI_KEPT_MINE_GOES_OUT, \
	  "giữ bản của tôi (sẽ gửi ở lần đồng " \
	  "bộ sau)", \
	  "kept mine (goes out at the next sync)") \
	X(M_CLI_TOOK_THE_SERVER_S, \
	  "lấy bản của máy chủ", \
	  "took the server's") \
	X(M_CLI_USAGE_SXSH_SYNC_DROP, \
	  "cách dùng: sxsh sync --drop SỐ (xem sxsh sync --log)", \
	  "usage: sxsh sync --drop SEQ (see sxsh sync --log)") \
	X(M_CLI_DROPPED_OUTBOX_ENTRY, \
	  "Đã bỏ mục khỏi hàng đợi gửi:", \
	  "Dropped outbox entry") \
	X(M_CLI_OUTBOX, \
	  "Hàng đợi gửi", \
	  "Outbox") \
	X(M_CLI_HELD, \
	  "giữ lại", \
	  "held") \
	X(M_CLI_PENDING, \
	  "chờ gửi", \
	  "pending") \
	X(M_CLI_ATTEMPTS, \
	  "lần thử", \
	  "attempts") \
	X(M_CLI_SYNC_LOG, \
	  "Nhật ký đồng bộ", \
	  "Sync log") \
	X(M_CLI_NOT_INITIALISED_SXSH_INIT, \
	  "chưa khởi tạo: sxsh init --district MÃ", \
	  "not initialised: sxsh init --district CODE") \
	X(M_CLI_HTTP_WORKS_ONLY_WITH, \
	  "http:// chỉ dùng được với --insecure-dev", \
	  "http:// works only with --insecure-dev") \
	X(M_CLI_UNKNOWN_KEY, \
	  "không có khóa", \
	  "unknown key") \
	X(M_CLI_WARNING_A_TOKEN_TYPED, \
	  "cảnh báo: mã truy cập gõ trên dòng lệnh " \
	  "hiện trong danh sách tiến trình (người dùng " \
	  "khác thấy được) và trong lịch sử lệnh. " \
	  "Lần sau hãy dùng: sxsh config set token -  rồi " \
	  "dán mã và nhấn Enter.", \
	  "warning: a token typed on the command line shows in the " \
	  "process list (other users can see it) and in the shell " \
	  "history. Next time use: sxsh config set token -  then " \
	  "paste the token and press Enter.") \
	X(M_CLI_UNSET, \
	  "đã xoá", \
	  "unset") \
	X(M_CLI_SET, \
	  "đã đặt", \
	  "set") \
	X(M_CLI_SET_HIDDEN, \
	  "(đã đặt, ẩn)", \
	  "(set, hidden)") \
	X(M_CLI_NOT_SET, \
	  "(chưa đặt)", \
	  "(not set)") \
	X(M_CLI_CONFLICTS, \
	  "xung đột", \
	  "conflicts") \
	X(M_CLI_TOO_LONG, \
	  "quá dài", \
	  "too long") \
	X(M_CLI_MUST_START_WITH_HTTPS, \
	  "phải bắt đầu bằng https://", \
	  "must start with https://") \
	X(M_CLI_NOT_A_VALID_ADDRESS, \
	  "địa chỉ không hợp lệ", \
	  "not a valid address") \
	X(M_CLI_PRINTABLE_CHARACTERS_NO_SPACES, \
	  "chỉ gồm chữ và số, không dấu cách", \
	  "printable characters, no spaces") \
	X(M_CLI_TOO_SHORT, \
	  "quá ngắn", \
	  "too short") \
	X(M_CLI_CANNOT_READ_THE_FILE, \
	  "không đọc được tệp", \
	  "cannot read the file") \
	X(M_CLI_EXPECTED_SHA256_BASE64_OF, \
	  "dạng sha256//BASE64 (khóa công khai)", \
	  "expected sha256//BASE64 of the public key") \
	X(M_CLI_VI_OR_EN, \
	  "vi hoặc en", \
	  "vi or en") \
	X(M_CLI_CALENDAR_1_JAN_30, \
	  "calendar (năm dương lịch: 01/01–30/06, " \
	  "01/07–31/12) hoặc decree_09_2019 (Nghị định " \
	  "09/2019/NĐ-CP: 15/12–14/06, 15/06–14/12)", \
	  "calendar (1 Jan–30 Jun, 1 Jul–31 Dec) or " \
	  "decree_09_2019 (Decree 09/2019/ND-CP: 15 Dec–14 Jun, " \
	  "15 Jun–14 Dec)") \
	X(M_CLI_MINUTES_0_1440, \
	  "số phút 0–1440", \
	  "minutes 0–1440")

#endif

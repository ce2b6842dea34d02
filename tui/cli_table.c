/* cli_table.c — every command of sxsh and the options it takes, for core's
 * cmdline toolkit (cmdline.h).  What a command accepts and what its usage
 * line and --help say come from the same row: a new command is a row here
 * and its function in a cli_*.c file. */
#include <stddef.h>
#include "cli.h"

#define END {0}
#define PERIOD_HELP(req) \
	{"period", 0, "P", "KỲ", req, NULL, \
	 "kỳ báo cáo: 2017S1, 2017S2 hoặc 2017", \
	 "report period: 2017S1, 2017S2 or 2017"}
#define OUTPUT_OPT \
	{"output", 'o', "FILE", "TỆP", 0, NULL, \
	 "ghi vào tệp (trọn vẹn hoặc không gì cả) thay vì đầu ra chuẩn", \
	 "write to a file (whole or not at all) instead of stdout"}
#define REPORT_FORMAT_OPT \
	{"format", 0, "json|text|csv|html|pdf", NULL, 0, NULL, \
	 "dạng xuất (mặc định text)", "output format (text by default)"}

static const struct cmdline_opt global_opts[] = {
	{"db", 0, "PATH", "ĐƯỜNG_DẪN", 0, NULL,
	 "tệp dữ liệu (mặc định $SXSH_DB, rồi $XDG_DATA_HOME/sxsh/sxsh.db)",
	 "the database (default $SXSH_DB, then $XDG_DATA_HOME/sxsh/sxsh.db)"},
	{"lang", 0, "LANG", NULL, 0, "vi|en",
	 "ngôn ngữ (mặc định $SXSH_LANG, rồi vi)",
	 "language (default $SXSH_LANG, then vi)"},
	{"version", 0, NULL, NULL, 0, NULL, "in số phiên bản",
	 "print the version"},
	END};

static const struct cmdline_opt init_opts[] = {
	{"district", 0, "CODE", "MÃ", 1, NULL,
	 "mã huyện (GSO), ví dụ 123 = Huyện Mộc Châu",
	 "district code (GSO), e.g. 123 = Huyện Mộc Châu"},
	{"operator", 0, "NAME", "TÊN", 0, NULL, "tên người dùng",
	 "the operator's name"},
	END};

static const struct cmdline_opt search_opts[] = {
	{"kind", 0, "facility|person|event", NULL, 0, NULL,
	 "loại bản ghi (mặc định facility)",
	 "record kind (facility by default)"},
	{"limit", 0, "N", NULL, 0, NULL, "tối đa N dòng (mặc định 20)",
	 "at most N rows (20 by default)"},
	END};

static const struct cmdline_opt import_opts[] = {
	{"encoding", 0, "auto|utf-8|cp1258|tcvn3|vni", NULL, 0, NULL,
	 "bảng mã của tệp (mặc định tự nhận biết)",
	 "the file's encoding (detected by default)"},
	{"dry-run", 0, NULL, NULL, 0, NULL, "chạy thử: kiểm tra, không ghi gì",
	 "check only, write nothing"},
	{"skip-invalid", 0, NULL, NULL, 0, NULL,
	 "ghi các dòng hợp lệ, các dòng lỗi ra tệp riêng",
	 "write the valid rows, the rejected ones to a file of their own"},
	{"on-duplicate", 0, "update|skip", NULL, 0, NULL,
	 "dòng trùng với bản ghi đã có: cập nhật hoặc bỏ qua",
	 "rows that match a stored record: update or skip"},
	{"rejected", 0, "FILE", "TỆP", 0, NULL,
	 "tệp ghi các dòng bị loại (mặc định bên cạnh tệp nhập)",
	 "file for the rejected rows (default beside the imported file)"},
	END};

static const struct cmdline_opt export_opts[] = {
	{"format", 0, "csv|json", NULL, 0, NULL, "dạng xuất (mặc định csv)",
	 "output format (csv by default)"},
	OUTPUT_OPT,
	{"excel", 0, NULL, NULL, 0, NULL,
	 "CSV cho Excel (UTF-8 có BOM, dấu ;)",
	 "CSV for Excel (UTF-8 with BOM, ';')"},
	{"template", 0, NULL, NULL, 0, NULL, "chỉ dòng tiêu đề, làm mẫu nhập",
	 "the header row only, as an import template"},
	{"lang", 0, "LANG", NULL, 0, "vi|en", "ngôn ngữ của tiêu đề cột",
	 "language of the column headings"},
	END};

static const struct cmdline_opt build_opts[] = {
	PERIOD_HELP(1), REPORT_FORMAT_OPT, OUTPUT_OPT, END};

static const struct cmdline_opt check_opts[] = {
	PERIOD_HELP(1),
	{"format", 0, "text|json", NULL, 0, NULL, "dạng xuất (mặc định text)",
	 "output format (text by default)"},
	END};

static const struct cmdline_opt finalise_opts[] = {
	PERIOD_HELP(1),
	{"accept-warnings", 0, NULL, NULL, 0, NULL,
	 "chốt dù còn cảnh báo", "finalise despite warnings"},
	END};

static const struct cmdline_opt diff_opts[] = {
	PERIOD_HELP(1),
	{"from", 0, "N", NULL, 0, NULL,
	 "bản cũ (mặc định: bản chốt mới nhất, hoặc bản trước nó)",
	 "the older revision (default: the latest, or the one before it)"},
	{"to", 0, "M|draft", "M|draft", 0, NULL,
	 "bản mới hoặc draft (bản nháp hiện tại)",
	 "the newer revision, or draft (the live draft)"},
	END};

static const struct cmdline_opt period_only_opts[] = {PERIOD_HELP(1), END};
static const struct cmdline_opt list_opts[] = {PERIOD_HELP(0), END};

static const struct cmdline_opt show_opts[] = {
	PERIOD_HELP(1),
	{"revision", 0, "N", NULL, 0, NULL, "bản số N (mặc định bản mới nhất)",
	 "revision N (the latest by default)"},
	REPORT_FORMAT_OPT, OUTPUT_OPT, END};

static const struct cmdline_opt narrative_opts[] = {
	PERIOD_HELP(1),
	{"field", 0, "results|difficulties|proposals", NULL, 0, NULL,
	 "phần nhận xét", "the narrative text"},
	{"file", 0, "FILE", "TỆP", 0, NULL,
	 "đặt nội dung từ tệp (- là đầu vào chuẩn)",
	 "set it from a file (- reads stdin)"},
	{"text", 0, "TEXT", "CHỮ", 0, NULL, "đặt nội dung này",
	 "set it to this text"},
	END};

static const struct cmdline_opt sync_opts[] = {
	{"once", 0, NULL, NULL, 0, NULL, "không thử lại khi lỗi mạng",
	 "no retry after a network error"},
	{"conflicts", 0, NULL, NULL, 0, NULL, "liệt kê các xung đột",
	 "list the conflicts"},
	{"resolve", 0, "ID", "SỐ", 0, NULL,
	 "giải quyết xung đột: keep-mine hoặc take-theirs",
	 "resolve a conflict: keep-mine or take-theirs"},
	{"drop", 0, "SEQ", "SỐ", 0, NULL, "bỏ một mục khỏi hàng đợi gửi",
	 "drop an outbox entry"},
	{"log", 0, NULL, NULL, 0, NULL, "hàng đợi gửi và nhật ký đồng bộ",
	 "the outbox and the sync log"},
	{"ca", 0, "FILE", "TỆP", 0, NULL,
	 "chứng chỉ CA cho lần này (thay cho cài đặt ca)",
	 "CA certificate for this run (instead of the ca setting)"},
	{"insecure-dev", 0, NULL, NULL, 0, NULL,
	 "tắt kiểm tra TLS: chỉ khi phát triển",
	 "no TLS checks: development only"},
	END};

static const struct cmdline_cmd report_cmds[] = {
	{"build", NULL, NULL, 0, 0, build_opts, NULL, cli_report_build, 0,
	 "bản nháp báo cáo từ dữ liệu hiện có",
	 "the draft report from the current records"},
	{"check", NULL, NULL, 0, 0, check_opts, NULL, cli_report_check_cmd, 0,
	 "những điều cần xem lại trước khi chốt",
	 "what to review before finalising"},
	{"diff", NULL, NULL, 0, 0, diff_opts, NULL, cli_report_diff_cmd, 0,
	 "những gì thay đổi giữa hai bản, hoặc bản nháp so với bản chốt",
	 "what changed between two revisions, or the draft and the latest"},
	{"finalise", NULL, NULL, 0, 0, finalise_opts, NULL,
	 cli_report_finalise, 0,
	 "kiểm tra rồi chốt một bản mới (không sửa được nữa)",
	 "check, then freeze a new revision"},
	{"finalize", NULL, NULL, 0, 0, finalise_opts, NULL,
	 cli_report_finalise, 1, NULL, NULL},
	{"submit", NULL, NULL, 0, 0, period_only_opts, NULL,
	 cli_report_submit, 0, "đưa bản mới nhất vào hàng chờ gửi tỉnh",
	 "queue the latest revision for the province"},
	{"list", NULL, NULL, 0, 0, list_opts, NULL, cli_report_list, 0,
	 "các bản đã chốt và tình trạng", "revisions and their status"},
	{"show", NULL, NULL, 0, 0, show_opts, NULL, cli_report_show, 0,
	 "một bản đã chốt", "a finalised revision"},
	{"narrative", NULL, NULL, 0, 0, narrative_opts, NULL,
	 cli_report_narrative, 0, "xem hoặc đặt phần nhận xét",
	 "print or set the narrative texts"},
	END};

static const struct cmdline_cmd config_cmds[] = {
	{"show", NULL, NULL, 0, 0, NULL, NULL, cli_config_show, 0,
	 "các cài đặt (mã truy cập không hiện)",
	 "the settings (the token is not shown)"},
	{"set", "KEY VALUE", "KHÓA GIÁ_TRỊ", 2, 2, NULL, NULL, cli_config_set,
	 0, "KHÓA: operator, server, token, ca, pin, lang, period_rule, "
	 "sync_minutes; GIÁ_TRỊ \"-\" đọc từ đầu vào, \"\" để xoá",
	 "KEY: operator, server, token, ca, pin, lang, period_rule, "
	 "sync_minutes; VALUE \"-\" reads stdin, \"\" unsets"},
	END};

static const struct cmdline_cmd commands[] = {
	{"init", NULL, NULL, 0, 0, init_opts, NULL, cli_init, 0,
	 "tạo tệp dữ liệu của huyện", "create the district's database"},
	{"search", "TEXT", "CHỮ", 1, 1, search_opts, NULL, cli_search, 0,
	 "tìm không cần dấu", "accent-blind search"},
	{"status", NULL, NULL, 0, 0, NULL, NULL, cli_status, 0,
	 "số bản ghi, chỉ tiêu, hàng chờ gửi",
	 "record counts, targets, outbox"},
	{"check", NULL, NULL, 0, 0, NULL, NULL, cli_check, 0,
	 "kiểm tra tệp dữ liệu nguyên vẹn", "check the database is intact"},
	{"backup", "FILE", "TỆP", 1, 1, NULL, NULL, cli_backup, 0,
	 "sao lưu tệp dữ liệu", "back the database up"},
	{"restore", "FILE", "TỆP_SAO_LƯU", 1, 1, NULL, NULL, cli_restore, 0,
	 "khôi phục từ bản sao lưu (tệp cũ được giữ lại)",
	 "restore from a backup (the old file is kept)"},
	{"import", "KIND FILE", "LOẠI TỆP", 2, 2, import_opts, NULL, cli_import,
	 0, "nhập tệp CSV", "import a CSV file"},
	{"export", "KIND", "LOẠI", 1, 1, export_opts, NULL, cli_export, 0,
	 "xuất bản ghi", "export records"},
	{"report", NULL, NULL, 0, 0, NULL, report_cmds, NULL, 0,
	 "báo cáo 6 tháng, năm", "half-year and year reports"},
	{"sync", "[keep-mine|take-theirs]", NULL, 0, 1, sync_opts, NULL,
	 cli_sync, 0, "đồng bộ với máy chủ tỉnh",
	 "sync with the province's server"},
	{"config", NULL, NULL, 0, 0, NULL, config_cmds, NULL, 0,
	 "cài đặt đồng bộ và chung", "sync and general settings"},
	END};

const struct cmdline_cmd cli_root = {
	"sxsh", NULL, NULL, 0, 0, global_opts, commands, cli_tui, 0,
	"không có lệnh: giao diện màn hình",
	"without a command: the terminal interface"};

/* i18n_cli.h — the words of the command line (main.c, cli_*.c).
 * Part of the one table of i18n.h (X(id, Vietnamese, English)). */
#ifndef SXSH_TUI_I18N_CLI_H
#define SXSH_TUI_I18N_CLI_H

#define I18N_CLI_MESSAGES \
	X(M_CLI_USAGE, "cách dùng:", "usage:") \
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
	  "hoặc SXSH_DB", "no database path: set --db or SXSH_DB")

#endif

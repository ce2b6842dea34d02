/* app.c — placeholder until the terminal interface lands (issue 6): says
 * so and points to the command line. */
#include <stdio.h>
#include "tui.h"

int tui_run(const char *db_path, const char *lang)
{
	(void)db_path;
	fprintf(stderr, "%s\n",
		lang[0] == 'e' ? "the terminal interface is not built yet; "
				 "see sxsh --help for the commands"
			       : "giao diện màn hình chưa có; xem sxsh --help "
				 "để dùng các lệnh");
	return 0;
}

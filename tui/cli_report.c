/* cli_report.c — placeholder; replaced by the issue that owns it. */
#include <stdio.h>
#include "cli.h"

int cli_report(struct cli_ctx *ctx)
{
	(void)ctx;
	fprintf(stderr, "sxsh: not available yet\n");
	return 1;
}

/* cli_sync.c — placeholder; replaced by the issue that owns it. */
#include <stdio.h>
#include "cli.h"

int cli_sync(struct cli_ctx *ctx)
{
	(void)ctx;
	fprintf(stderr, "sxsh: not available yet\n");
	return 1;
}

int cli_config(struct cli_ctx *ctx)
{
	(void)ctx;
	fprintf(stderr, "sxsh: not available yet\n");
	return 1;
}

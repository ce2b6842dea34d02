/* cli_import.c — placeholder; replaced by the issue that owns it. */
#include <stdio.h>
#include "cli.h"

int cli_import(struct cli_ctx *ctx)
{
	(void)ctx;
	fprintf(stderr, "sxsh: not available yet\n");
	return 1;
}

int cli_export(struct cli_ctx *ctx)
{
	(void)ctx;
	fprintf(stderr, "sxsh: not available yet\n");
	return 1;
}

int cli_restore(struct cli_ctx *ctx)
{
	(void)ctx;
	fprintf(stderr, "sxsh: not available yet\n");
	return 1;
}

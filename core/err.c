/* err.c — filling struct sx_error and mapping codes to exit statuses. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "sxsh/err.h"

enum sx_err sx_error_set(struct sx_error *err, enum sx_err code,
			 const char *field, const char *msg_vi,
			 const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	snprintf(err->field, sizeof err->field, "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	snprintf(err->msg_vi, sizeof err->msg_vi, "%s",
		 msg_vi ? msg_vi : err->msg);
	return code;
}

void sx_error_clear(struct sx_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}

int sx_exit_status(enum sx_err code)
{
	switch (code) {
	case SX_OK:
		return 0;
	case SX_USAGE:
		return 1;
	case SX_INVALID:
	case SX_NOTFOUND:
	case SX_CONFLICT:
		return 2;
	case SX_NET:
		return 3;
	case SX_REFUSED:
		return 4;
	case SX_DB:
	case SX_NOMEM:
		return 5;
	}
	return 5;
}

const char *sx_err_name(enum sx_err code)
{
	static const char *const names[] = {
		"ok", "out of memory", "invalid input", "storage error",
		"network unavailable", "refused", "conflict", "not found",
		"usage"
	};
	if ((unsigned)code < sizeof names / sizeof names[0])
		return names[code];
	return "unknown error";
}

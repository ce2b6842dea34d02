/* syncmsg.c — sync errors by meaning (see syncmsg.h). */
#include <stdio.h>
#include <string.h>
#include "i18n.h"
#include "syncmsg.h"

static int settings_field(const char *field)
{
	return !strcmp(field, "token") || !strcmp(field, "server") ||
	       !strcmp(field, "ca") || !strcmp(field, "pin");
}

void syncmsg_run(const struct sx_error *err, int http_status, char *buf,
		 size_t sz)
{
	enum i18n_msg m;

	if (http_status == 401 || http_status == 403 ||
	    (err->code == SX_REFUSED && !strcmp(err->field, "token")))
		m = M_SYNC_E_TOKEN;
	else if (err->code == SX_USAGE || settings_field(err->field))
		m = M_SYNC_E_SETTINGS;
	else if (err->code == SX_REFUSED && http_status == 0)
		m = M_SYNC_E_TLS;
	else if (err->code == SX_NET && http_status >= 500)
		m = M_SYNC_E_SERVER_DOWN;
	else if (err->code == SX_NET)
		m = M_SYNC_E_NETWORK;
	else if (err->code == SX_CONFLICT)
		m = M_SYNC_E_CONFLICT;
	else if (err->code == SX_NOMEM)
		m = M_SYNC_E_MEMORY;
	else if (err->code == SX_DB)
		m = M_DB_ERROR;
	else
		m = M_SYNC_E_REFUSED;
	if (http_status > 0 && m == M_SYNC_E_REFUSED)
		snprintf(buf, sz, "%s (HTTP %d)", tr(m), http_status);
	else
		snprintf(buf, sz, "%s", tr(m));
}

void syncmsg_entry(const struct sx_outbox_entry *e, char *buf, size_t sz)
{
	int st = e->last_status;
	enum i18n_msg m;

	if (st == 409)
		m = M_SYNC_E_CONFLICT;
	else if (st == 413)
		m = M_SYNC_E_TOO_LARGE;
	else if (st == 422)
		m = M_SYNC_E_INVALID;
	else if (st == 401 || st == 403)
		m = M_SYNC_E_TOKEN;
	else if (st >= 500 || st == 429 || st == 408)
		m = M_SYNC_E_SERVER_DOWN;
	else if (st == 0 && e->rejected)
		m = M_SYNC_E_MISSING;
	else if (st == 0)
		m = M_SYNC_E_NETWORK;
	else
		m = M_SYNC_E_REFUSED;
	snprintf(buf, sz, "%s", tr(m));
}

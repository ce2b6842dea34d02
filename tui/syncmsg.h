/* syncmsg.h — what went wrong with a sync, said by its meaning in the
 * user's language.  The engine's and the server's own texts are English
 * (or a Vietnamese sentence written for the command line); the interface
 * maps the error class, the field and the HTTP status to a sentence of
 * the i18n table, and a fault the user can fix names the screen where it
 * is fixed (9 Cài đặt for the server, token, CA and pin). */
#ifndef SXSH_TUI_SYNCMSG_H
#define SXSH_TUI_SYNCMSG_H

#include <stddef.h>
#include "sxsh/err.h"
#include "sxsh/outbox.h"

/* The error that ended a run (http_status as sync_status gives it). */
void syncmsg_run(const struct sx_error *err, int http_status, char *buf,
		 size_t sz);
/* Why an outbox entry waits or was held back (from its last status). */
void syncmsg_entry(const struct sx_outbox_entry *e, char *buf, size_t sz);

#endif

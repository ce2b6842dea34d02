/* call.c — the reply of one request: success bodies and the protocol's
 * error shape {"error":{"code","message"}} (PROTOCOL.md 1.1). */
#include <stdarg.h>
#include <stdio.h>
#include <jansson.h>
#include "sxsh/text.h"
#include "call.h"

int call_error(struct srv_call *c, int status, const char *code,
	       const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* The message may quote the client's bytes (a JSON parse error does),
	 * or be cut inside a character; JSON strings must be valid UTF-8. */
	text_scrub_utf8(msg);
	json_decref(c->reply);
	c->reply = json_pack("{s:{s:s,s:s}}", "error", "code", code,
			     "message", msg);
	c->status = status;
	return status;
}

int call_reply(struct srv_call *c, int status, json_t *body)
{
	json_decref(c->reply);
	c->reply = body;
	c->status = status;
	if (!body)
		return call_error(c, 500, "internal", "out of memory");
	return status;
}

void call_release(struct srv_call *c)
{
	json_decref(c->reply);
	c->reply = NULL;
}

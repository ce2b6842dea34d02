/* pull.c — GET /v1/pull?since=SEQ&limit=N: the caller district's rows
 * changed after the cursor, one page at a time (PROTOCOL.md section 3). */
#include <errno.h>
#include <stdlib.h>
#include <jansson.h>
#include "call.h"

/* Parses a query integer in [min, max]; dflt when absent. -1 on error. */
static long long query_int(struct srv_call *c, const char *key,
			   long long dflt, long long min, long long max)
{
	const char *s = c->query ? c->query(c->query_ctx, key) : NULL;
	if (!s)
		return dflt;
	if (!*s)
		return -1;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max || *s == '+' || *s == ' ')
		return -1;
	return v;
}

static enum sx_err add_row(const struct store_row *row, void *arg)
{
	json_t *o = push_row_json(row, 1);
	if (!o)
		return SX_NOMEM;
	json_array_append_new(arg, o);
	return SX_OK;
}

void pull_handle(struct srv_call *c)
{
	long long since = query_int(c, "since", 0, 0, (1LL << 53));
	long long limit = query_int(c, "limit", SRV_PULL_DEFAULT, 1,
				    SRV_PULL_MAX);
	if (since < 0) {
		call_error(c, 400, "bad_request",
			   "since: expected an integer >= 0");
		return;
	}
	if (limit < 0) {
		call_error(c, 400, "bad_request",
			   "limit: expected an integer from 1 to %d",
			   SRV_PULL_MAX);
		return;
	}
	json_t *changes = json_array();
	struct sx_error err = {0};
	int more = 0;
	if (!changes) {
		call_error(c, 500, "internal", "out of memory");
		return;
	}
	if (store_begin(c->st, &err) != SX_OK) {
		json_decref(changes);
		call_error(c, 500, "internal", "%s", err.msg);
		return;
	}
	enum sx_err rc = store_pull(c->st, c->district->code, since,
				    (int)limit, add_row, changes, &more, &err);
	store_rollback(c->st); /* read only */
	if (rc != SX_OK) {
		json_decref(changes);
		call_error(c, 500, "internal", "%s", err.msg);
		return;
	}
	long long next = since;
	size_t n = json_array_size(changes);
	if (n)
		next = json_integer_value(json_object_get(
			json_array_get(changes, n - 1), "seq"));
	call_reply(c, 200, json_pack("{s:o,s:I,s:b}", "changes", changes,
				     "next", (json_int_t)next, "more", more));
}

/* reference.c — GET /v1/reference (the plan, the district's T2/T3 share,
 * the report deadline) and GET /v1/me (PROTOCOL.md sections 5 and 6).
 *
 * The plan figures are those of Decision 3182/QĐ-UBND (2016–2020), as in
 * core's shipped reference data; the province changes only the shares and
 * the deadline, which bump the reference version.
 */
#include <jansson.h>
#include "sxsh/clock.h"
#include "call.h"

void reference_handle(struct srv_call *c)
{
	const struct store_district *d = c->district;
	struct sx_error err = {0};
	if (store_begin(c->st, &err) != SX_OK) {
		call_error(c, 500, "internal", "%s", err.msg);
		return;
	}
	long long version = store_meta_int(c->st, "ref_version", 1);
	long long days = store_meta_int(c->st, "deadline_days", 15);
	store_rollback(c->st);
	json_t *plan = json_pack("{s:s,s:s,s:s,s:f,s:i,s:i,s:f}",
				 "code", "3182/QĐ-UBND",
				 "start_date", "2016-01-01",
				 "end_date", "2020-12-31",
				 "t1_target", 0.9,
				 "t2_province", 15, "t3_province", 7,
				 "t4_target", 1.0);
	json_t *targets = json_pack("{s:o,s:o}",
				    "t2_share", d->t2_share >= 0 ?
				    json_integer(d->t2_share) : json_null(),
				    "t3_share", d->t3_share >= 0 ?
				    json_integer(d->t3_share) : json_null());
	call_reply(c, 200, json_pack("{s:I,s:{s:s,s:s},s:o,s:o,s:I}",
				     "version", (json_int_t)version,
				     "district", "code", d->code,
				     "name", d->name,
				     "plan", plan, "targets", targets,
				     "deadline_days", (json_int_t)days));
}

void reference_me(struct srv_call *c)
{
	char now[21];
	sx_now_utc(now);
	call_reply(c, 200, json_pack("{s:{s:s,s:s},s:i,s:s}",
				     "district", "code", c->district->code,
				     "name", c->district->name,
				     "protocol", 1, "server_time", now));
}

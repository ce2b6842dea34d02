/* core_fixture.h — building records through the public API in tests. */
#ifndef SXSH_TESTS_CORE_FIXTURE_H
#define SXSH_TESTS_CORE_FIXTURE_H

#include <stdarg.h>
#include "helpers.h"
#include "sxsh/record.h"

/* Saves a record of kind from "field", "value", … NULL pairs; asserts it
 * saved and copies its uuid into uuid_out (may be NULL). */
static inline void fx_save(struct sx_db *db, enum sx_kind kind,
			   char *uuid_out, ...)
{
	struct sx_record *rec = record_new(kind);
	struct sx_problems p;
	struct sx_error err = {0};
	va_list ap;
	const char *f;

	problems_init(&p);
	va_start(ap, uuid_out);
	while ((f = va_arg(ap, const char *))) {
		const char *v = va_arg(ap, const char *);
		cr_assert_eq(record_set(rec, f, v), SX_OK, "field %s", f);
	}
	va_end(ap);
	enum sx_err e = record_save(db, rec, &p, &err);
	cr_assert_eq(e, SX_OK, "%s (%d problems; first: %s)", err.msg,
		     p.count, p.count ? p.items[0].msg_en : "");
	if (uuid_out)
		memcpy(uuid_out, rec->uuid, SX_UUID_LEN + 1);
	problems_release(&p);
	record_free(rec);
}

/* A facility of Mộc Châu with the given name, tax code (or NULL). */
static inline void fx_facility(struct sx_db *db, const char *name,
			       const char *tax, char *uuid_out)
{
	fx_save(db, SXK_FACILITY, uuid_out, "name", name, "kind",
		tax ? "enterprise" : "household", "tax_code", tax, "vsic",
		"10760", "commune", "03979", "status", "active",
		"cp_potential", "1", NULL);
}

#endif

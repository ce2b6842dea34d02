/* consolidate.h — the provincial report of a period from the districts'
 * reports kept in the store. */
#ifndef SXSH_SERVER_CONSOLIDATE_H
#define SXSH_SERVER_CONSOLIDATE_H

#include "store.h"

enum consolidate_format { CONS_TEXT, CONS_CSV, CONS_HTML, CONS_JSON };

/* Writes the provincial report of period to out. */
enum sx_err consolidate_write(struct srv_store *st, const char *period,
			      enum consolidate_format fmt, void *out_file,
			      struct sx_error *err);

#endif

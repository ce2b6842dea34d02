/* consolidate.h — the provincial report of a period from the districts'
 * reports kept in the store. */
#ifndef SXSH_SERVER_CONSOLIDATE_H
#define SXSH_SERVER_CONSOLIDATE_H

#include "store.h"

enum consolidate_format { CONS_TEXT, CONS_CSV, CONS_HTML, CONS_JSON };

/* Writes the provincial report of period to out_file (a FILE *) in lang
 * ("vi" or "en"): its words, statuses and the times of the districts'
 * submissions in this machine's local time with the zone said
 * ("10/07/2017 14:05 (+07)").  consolidate_write is lang "vi". */
enum sx_err consolidate_write_in(struct srv_store *st, const char *period,
				 enum consolidate_format fmt,
				 const char *lang, void *out_file,
				 struct sx_error *err);
enum sx_err consolidate_write(struct srv_store *st, const char *period,
			      enum consolidate_format fmt, void *out_file,
			      struct sx_error *err);

#endif

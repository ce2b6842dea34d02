/* settings.h — key/value settings stored in the database (operator name,
 * language, period rule, sync server, token, CA file, pin, sync timer). */
#ifndef SXSH_SETTINGS_H
#define SXSH_SETTINGS_H

#include "sxsh/err.h"

struct sx_db;

/* The value of key, allocated (free with free()), or NULL when unset or
 * on error. */
char *settings_get(struct sx_db *db, const char *key);
/* Integer value or def when unset or not a number. */
long long settings_get_int(struct sx_db *db, const char *key, long long def);
/* Sets (value NULL: removes) in its own transaction, or inside the
 * caller's. */
enum sx_err settings_set(struct sx_db *db, const char *key,
			 const char *value, struct sx_error *err);

#endif

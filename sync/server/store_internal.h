/* store_internal.h — what the store's own files share: the connection
 * behind the mutex, and the schema.  Only sync/server/store*.c include it
 * (and so sqlite3.h, through core's toolkit). */
#ifndef SXSH_SERVER_STORE_INTERNAL_H
#define SXSH_SERVER_STORE_INTERNAL_H

#include <pthread.h>
#include "sxsh/db_sql.h"
#include "store.h"

struct srv_store {
	struct sx_db *db;
	pthread_mutex_t lock;   /* held from store_begin to its end */
};

/* The server database's migrations (store_schema.c). */
extern const struct sx_db_schema store_schema;

#endif

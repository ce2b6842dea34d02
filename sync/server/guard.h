/* guard.h — deadlines for slow clients that libmicrohttpd cannot set by
 * itself (its timeout is an idle one): a watchdog thread shuts down a
 * connection whose request headers or body come too slowly. */
#ifndef SXSH_SERVER_GUARD_H
#define SXSH_SERVER_GUARD_H

#include <stddef.h>

struct guard;
struct guard_slot;

/* Starts the watchdog thread for up to max_connections connections: a
 * connection whose next request headers are not in header_seconds after
 * it opened (or after its last answer), or whose body then comes slower
 * than min_rate bytes/s after a grace of header_seconds, is shut down.
 * NULL on failure.  guard_free stops the thread. */
struct guard *guard_new(size_t max_connections, unsigned header_seconds,
			unsigned min_rate);
void guard_free(struct guard *g);
/* A slot for a new connection on fd; NULL when all are taken (the
 * connection is then not watched).  Freed by guard_close. */
struct guard_slot *guard_open(struct guard *g, int fd);
void guard_close(struct guard *g, struct guard_slot *s);
/* The request's headers are complete; its body starts. */
void guard_headers_in(struct guard *g, struct guard_slot *s);
/* n more body bytes arrived. */
void guard_body(struct guard *g, struct guard_slot *s, size_t n);
/* The server is working on the answer: no deadline of ours. */
void guard_answering(struct guard *g, struct guard_slot *s);
/* The answer is out; the deadline for the next request starts. */
void guard_answered(struct guard *g, struct guard_slot *s);
/* Connections shut down so far. */
unsigned long long guard_shut_count(struct guard *g);

#endif

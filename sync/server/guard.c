/* guard.c — deadlines for slow clients, which libmicrohttpd cannot set by
 * itself: its timeout is an idle timeout, so a client that sends one byte
 * of headers every few seconds keeps a connection (and a file) forever.
 *
 * Every open connection has a slot: when it opened (or when its previous
 * answer went out), whether its request headers are in, and how many body
 * bytes came since they were.  A watchdog thread looks at the slots twice a
 * second and shuts down the socket of a connection whose next request's
 * headers are not complete HEADER seconds after that moment, or whose
 * body, after a grace of HEADER seconds, arrives slower than the minimum
 * rate.  shutdown(2) makes libmicrohttpd see the end of the stream and
 * close the connection in its own thread, so the slot is freed where it
 * was taken (on_connection CLOSED).
 *
 * Invariant: a slot's fd belongs to its connection until the CLOSED
 * notification, which takes the mutex, so the watchdog never shuts down
 * a descriptor that was reused for something else.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "guard.h"

enum phase { WAITING, BODY, ANSWERING };

struct guard_slot {
	int used;
	int fd;
	enum phase phase;
	double since;           /* opened, last answer, or headers in */
	unsigned long long body_bytes;
	int closing;
};

struct guard {
	pthread_mutex_t mu;
	pthread_t thread;
	int running;
	int stop;
	unsigned header_seconds;
	unsigned min_rate;      /* bytes per second */
	size_t nslots;
	struct guard_slot *slots;
	unsigned long long shut;
};

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* 1 when the connection in s has had its time. */
static int overdue(const struct guard *g, const struct guard_slot *s,
		   double now)
{
	double spent = now - s->since;
	if (s->phase == WAITING)
		return spent > g->header_seconds;
	if (s->phase == BODY && spent > g->header_seconds)
		return (double)s->body_bytes <
			(spent - g->header_seconds) * g->min_rate;
	return 0;
}

static void *watch(void *arg)
{
	struct guard *g = arg;
	for (;;) {
		struct timespec nap = {0, 500 * 1000 * 1000};
		nanosleep(&nap, NULL);
		pthread_mutex_lock(&g->mu);
		if (g->stop) {
			pthread_mutex_unlock(&g->mu);
			return NULL;
		}
		double now = now_s();
		for (size_t i = 0; i < g->nslots; i++) {
			struct guard_slot *s = &g->slots[i];
			if (!s->used || s->closing || !overdue(g, s, now))
				continue;
			s->closing = 1;
			g->shut++;
			shutdown(s->fd, SHUT_RDWR);
		}
		pthread_mutex_unlock(&g->mu);
	}
}

struct guard *guard_new(size_t max_connections, unsigned header_seconds,
			unsigned min_rate)
{
	struct guard *g = calloc(1, sizeof *g);
	if (!g)
		return NULL;
	g->slots = calloc(max_connections, sizeof *g->slots);
	if (!g->slots) {
		free(g);
		return NULL;
	}
	g->nslots = max_connections;
	g->header_seconds = header_seconds;
	g->min_rate = min_rate;
	pthread_mutex_init(&g->mu, NULL);
	if (pthread_create(&g->thread, NULL, watch, g) != 0) {
		guard_free(g);
		return NULL;
	}
	g->running = 1;
	return g;
}

void guard_free(struct guard *g)
{
	if (!g)
		return;
	if (g->running) {
		pthread_mutex_lock(&g->mu);
		g->stop = 1;
		pthread_mutex_unlock(&g->mu);
		pthread_join(g->thread, NULL);
	}
	pthread_mutex_destroy(&g->mu);
	free(g->slots);
	free(g);
}

struct guard_slot *guard_open(struct guard *g, int fd)
{
	struct guard_slot *found = NULL;
	pthread_mutex_lock(&g->mu);
	for (size_t i = 0; i < g->nslots && !found; i++) {
		if (g->slots[i].used)
			continue;
		found = &g->slots[i];
		memset(found, 0, sizeof *found);
		found->used = 1;
		found->fd = fd;
		found->phase = WAITING;
		found->since = now_s();
	}
	pthread_mutex_unlock(&g->mu);
	return found;
}

void guard_close(struct guard *g, struct guard_slot *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&g->mu);
	s->used = 0;
	pthread_mutex_unlock(&g->mu);
}

void guard_headers_in(struct guard *g, struct guard_slot *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&g->mu);
	s->phase = BODY;
	s->since = now_s();
	s->body_bytes = 0;
	pthread_mutex_unlock(&g->mu);
}

void guard_body(struct guard *g, struct guard_slot *s, size_t n)
{
	if (!s)
		return;
	pthread_mutex_lock(&g->mu);
	s->body_bytes += n;
	pthread_mutex_unlock(&g->mu);
}

void guard_answering(struct guard *g, struct guard_slot *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&g->mu);
	s->phase = ANSWERING;
	pthread_mutex_unlock(&g->mu);
}

void guard_answered(struct guard *g, struct guard_slot *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&g->mu);
	s->phase = WAITING;
	s->since = now_s();
	pthread_mutex_unlock(&g->mu);
}

unsigned long long guard_shut_count(struct guard *g)
{
	pthread_mutex_lock(&g->mu);
	unsigned long long n = g->shut;
	pthread_mutex_unlock(&g->mu);
	return n;
}

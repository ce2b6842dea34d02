/* fuzz_server.c — libFuzzer target for the server's request handling:
 * what request.c checks (path, method, headers, token, Content-Length,
 * Content-Encoding, gzip, the JSON token count) and every endpoint's
 * handler (push, pull parameters, reports, status, reference, me) against
 * a real store in a temporary folder, without libmicrohttpd.
 *
 * Input: one byte of flags (bit 0-1 the method: GET, POST, PUT, DELETE;
 * bit 2 add the district's valid token; bit 3 gzip the body), then the
 * target ("/v1/pull?since=3&limit=x") up to a NUL, then header lines
 * ("Name: value\n") up to a NUL, then the body.
 *
 * Properties checked besides "no crash, no leak, no UB":
 *   - every request gets a status and a JSON reply that serialises;
 *   - no hostile request gets a 5xx (the store is healthy);
 *   - a 2xx comes only with the valid token.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <jansson.h>
#include <zlib.h>
#include "../../sync/server/http.h"
#include "../../sync/server/request.h"
#include "../../sync/server/token.h"

#define TOKEN "0123456789abcdef0123456789abcdef" \
	"0123456789abcdef0123456789abcdef"

static struct srv_store *store;

struct pair {
	char *name;
	char *value;
};

struct fuzz_req {
	struct pair headers[32];
	int nheaders;
	struct pair args[32];
	int nargs;
};

static const char *lookup(const struct pair *p, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcasecmp(p[i].name, name) == 0)
			return p[i].value;
	return NULL;
}

static const char *header(void *ctx, const char *name)
{
	struct fuzz_req *r = ctx;
	return lookup(r->headers, r->nheaders, name);
}

static const char *query(void *ctx, const char *key)
{
	struct fuzz_req *r = ctx;
	return lookup(r->args, r->nargs, key);
}

static void add(struct pair *p, int *n, const char *name, size_t nlen,
		const char *value, size_t vlen)
{
	if (*n >= 32)
		return;
	p[*n].name = strndup(name, nlen);
	p[*n].value = strndup(value, vlen);
	(*n)++;
}

static void release(struct fuzz_req *r)
{
	for (int i = 0; i < r->nheaders; i++) {
		free(r->headers[i].name);
		free(r->headers[i].value);
	}
	for (int i = 0; i < r->nargs; i++) {
		free(r->args[i].name);
		free(r->args[i].value);
	}
}

/* "a=1&b=2" into r->args (as MHD would hand them, without decoding). */
static void parse_query(struct fuzz_req *r, const char *q)
{
	while (*q) {
		size_t len = strcspn(q, "&");
		const char *eq = memchr(q, '=', len);
		if (eq)
			add(r->args, &r->nargs, q, (size_t)(eq - q), eq + 1,
			    len - (size_t)(eq - q) - 1);
		else
			add(r->args, &r->nargs, q, len, "", 0);
		q += len;
		if (*q == '&')
			q++;
	}
}

static void parse_headers(struct fuzz_req *r, const char *h)
{
	while (*h) {
		size_t len = strcspn(h, "\n");
		const char *colon = memchr(h, ':', len);
		if (colon) {
			const char *v = colon + 1;
			while (v < h + len && *v == ' ')
				v++;
			add(r->headers, &r->nheaders, h, (size_t)(colon - h),
			    v, (size_t)(h + len - v));
		}
		h += len;
		if (*h == '\n')
			h++;
	}
}

/* %XX → byte in place, as MHD decodes a path (a %00 ends it). */
static void percent_decode(char *s)
{
	char *o = s;
	for (const char *i = s; *i; i++) {
		unsigned v;
		if (i[0] == '%' && i[1] && i[2] && sscanf(i + 1, "%2x", &v) == 1) {
			*o++ = (char)v;
			i += 2;
		} else {
			*o++ = *i;
		}
	}
	*o = '\0';
}

static char *gzip(const uint8_t *in, size_t n, size_t *out_len)
{
	z_stream z = {0};
	if (deflateInit2(&z, 6, Z_DEFLATED, 16 + 15, 8,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	size_t cap = deflateBound(&z, n) + 64;
	char *out = malloc(cap);
	z.next_in = (unsigned char *)in;
	z.avail_in = (unsigned)n;
	z.next_out = (unsigned char *)out;
	z.avail_out = (unsigned)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		abort();
	*out_len = z.total_out;
	deflateEnd(&z);
	return out;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char dir[400] = "/tmp/sxsh-fuzz-XXXXXX", path[420];
	const char *base = getenv("SXSH_FUZZ_DIR");
	if (base)
		snprintf(dir, sizeof dir, "%s", base);
	else if (!mkdtemp(dir))
		abort();
	snprintf(path, sizeof path, "%s/server.db", dir);
	struct sx_error err = {0};
	char hash[65];
	token_sha256_hex(TOKEN, strlen(TOKEN), hash);
	if (store_open(path, &store, &err) != SX_OK ||
	    store_begin(store, &err) != SX_OK)
		abort();
	enum sx_err rc = store_district_add(store, "123", "Mộc Châu", hash,
					    &err);
	if (rc != SX_OK && rc != SX_CONFLICT)
		abort();
	if (store_commit(store, &err) != SX_OK)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const methods[] = {"GET", "POST", "PUT", "DELETE"};
	if (size < 1)
		return 0;
	unsigned flags = data[0];
	const char *p = (const char *)data + 1, *end = (const char *)data +
		size;
	const char *nul = memchr(p, '\0', (size_t)(end - p));
	if (!nul)
		return 0;
	char *target = strndup(p, (size_t)(nul - p));
	p = nul + 1;
	nul = memchr(p, '\0', (size_t)(end - p));
	char *heads = strndup(p, nul ? (size_t)(nul - p) : (size_t)(end - p));
	const uint8_t *body = nul ? (const uint8_t *)nul + 1 :
		(const uint8_t *)end;
	size_t blen = (size_t)((const uint8_t *)end - body);

	struct fuzz_req r = {0};
	parse_headers(&r, heads);
	if (flags & 4) {
		const char *auth = "Bearer " TOKEN;
		add(r.headers, &r.nheaders, "Authorization", 13, auth,
		    strlen(auth));
	}
	char *gz = NULL;
	if (flags & 8) {
		gz = gzip(body, blen, &blen);
		body = (const uint8_t *)gz;
		add(r.headers, &r.nheaders, "Content-Encoding", 16, "gzip", 4);
	}
	char *q = strchr(target, '?');
	if (q) {
		*q = '\0';
		parse_query(&r, q + 1);
	}
	int bad_uri = strstr(target, "%00") != NULL;
	percent_decode(target);
	struct request_in in = {
		.method = methods[flags & 3],
		.path = target,
		.bad_uri = bad_uri,
		.header = header,
		.query = query,
		.ctx = &r,
	};
	const struct request_route *route = NULL;
	struct store_district who;
	struct srv_call c = {0};
	if (request_preflight(store, &in, &route, &who, &c))
		request_handle(store, &in, route, &who, (const char *)body,
			       blen, blen > SRV_MAX_BODY, &c);
	if (!c.status || !c.reply)
		abort();
	if (c.status >= 500)
		abort();
	if (c.status < 300 && !(flags & 4) &&
	    !(header(&r, "Authorization") &&
	      strstr(header(&r, "Authorization"), TOKEN)))
		abort();
	char *text = json_dumps(c.reply, JSON_COMPACT);
	if (!text)
		abort();
	free(text);
	call_release(&c);
	free(gz);
	release(&r);
	free(heads);
	free(target);
	return 0;
}

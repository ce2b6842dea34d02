/* transport.c — one libcurl easy handle on one multi handle, reused for
 * every request of a sync so that the TLS connection (and its certificate
 * check, 3.5–40 ms here) is paid once.
 *
 * Invariants: at most one request is in flight; the easy handle is in the
 * multi handle exactly while t->busy; the response buffer belongs to the
 * last request and is replaced by the next transport_start.
 *
 * No total timeout: a slow 2G link must still finish a large pull.  A
 * transfer fails only when it stays under low_speed_limit bytes/s for
 * low_speed_time seconds, or the connection cannot be made in time.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <curl/curl.h>
#include "sxsh/dynbuf.h"
#include "sxsh/gz.h"
#include "transport.h"

struct transport {
	CURLM *multi;
	CURL *easy;
	struct curl_slist *get_headers;
	struct curl_slist *post_headers;
	char *base_url;
	int insecure_dev;
	size_t max_response;
	int busy;
	int too_big;
	char *post_body;          /* gzip of the request body, owned */
	struct dynbuf resp;       /* response body, owned */
	char errbuf[CURL_ERROR_SIZE];
	struct transport_stats stats;
};

static int curl_ready;

static enum sx_err curl_once(struct sx_error *err)
{
	if (curl_ready)
		return SX_OK;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return sx_error_set(err, SX_NET, "", "Không khởi tạo được "
				    "libcurl", "curl_global_init failed");
	curl_ready = 1;
	return SX_OK;
}

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct transport *t = arg;
	size_t n = size * nmemb;

	if (t->resp.len + n + 1 > t->max_response) {
		t->too_big = 1;
		return 0;  /* curl fails the transfer: CURLE_WRITE_ERROR */
	}
	dynbuf_add(&t->resp, ptr, n);
	if (t->resp.oom)
		return 0;
	return n;
}

/* SXSH_CURL_VERBOSE: curl's own trace, except that the Authorization
 * header's value never reaches the terminal (or a pasted bug report). */
static int on_debug(CURL *e, curl_infotype type, char *data, size_t size,
		    void *arg)
{
	static const char *const mark[] = {"* ", "< ", "> "};
	(void)e;
	(void)arg;
	if (type > CURLINFO_HEADER_OUT)
		return 0;       /* bodies and TLS records, as curl -v */
	while (size) {
		const char *nl = memchr(data, '\n', size);
		size_t n = nl ? (size_t)(nl - data) + 1 : size;
		if (n >= 14 && !strncasecmp(data, "Authorization:", 14))
			fprintf(stderr, "%sAuthorization: (hidden)\n",
				mark[type]);
		else
			fprintf(stderr, "%s%.*s%s", mark[type], (int)n, data,
				nl ? "" : "\n");
		data += n;
		size -= n;
	}
	return 0;
}

static enum sx_err set_common(struct transport *t,
			      const struct transport_options *opt,
			      struct sx_error *err)
{
	CURL *e = t->easy;
	long connect = opt->connect_timeout_s ? opt->connect_timeout_s : 20;
	long lsl = opt->low_speed_limit ? opt->low_speed_limit : 10;
	long lst = opt->low_speed_time_s ? opt->low_speed_time_s : 60;
	CURLcode rc = CURLE_OK;

#define SET(o, v) do { if (rc == CURLE_OK) rc = curl_easy_setopt(e, o, v); } \
	while (0)
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_ERRORBUFFER, t->errbuf);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, t);
	/* The only way to plain HTTP is the development flag. */
	SET(CURLOPT_PROTOCOLS_STR, opt->insecure_dev ? "http,https" : "https");
	SET(CURLOPT_FOLLOWLOCATION, 0L);
	SET(CURLOPT_CONNECTTIMEOUT, connect);
	SET(CURLOPT_LOW_SPEED_LIMIT, lsl);
	SET(CURLOPT_LOW_SPEED_TIME, lst);
	SET(CURLOPT_TIMEOUT, 0L);
	SET(CURLOPT_ACCEPT_ENCODING, "");  /* every encoding curl decodes */
	SET(CURLOPT_TCP_KEEPALIVE, 1L);
	SET(CURLOPT_USERAGENT, "sxsh/" SXSH_VERSION);
	if (opt->insecure_dev) {
		SET(CURLOPT_SSL_VERIFYPEER, 0L);
		SET(CURLOPT_SSL_VERIFYHOST, 0L);
	} else {
		SET(CURLOPT_SSL_VERIFYPEER, 1L);
		SET(CURLOPT_SSL_VERIFYHOST, 2L);
		if (opt->ca_file && *opt->ca_file)
			SET(CURLOPT_CAINFO, opt->ca_file);
	}
	if (opt->pin && *opt->pin)
		SET(CURLOPT_PINNEDPUBLICKEY, opt->pin);
	if (getenv("SXSH_CURL_VERBOSE")) {
		SET(CURLOPT_DEBUGFUNCTION, on_debug);
		SET(CURLOPT_VERBOSE, 1L);
	}
#undef SET
	if (rc != CURLE_OK)
		return sx_error_set(err, SX_REFUSED, "", "Cấu hình kết nối "
				    "không hợp lệ", "curl option: %s",
				    curl_easy_strerror(rc));
	return SX_OK;
}

static struct curl_slist *headers_new(const char *token, int post)
{
	struct curl_slist *h = NULL, *n;
	char auth[600];

	if (token && *token) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
		if (!(h = curl_slist_append(NULL, auth)))
			return NULL;
	}
	/* No "Expect: 100-continue" round trip on a slow link. */
	if (!(n = curl_slist_append(h, "Expect:")))
		goto fail;
	h = n;
	if (!(n = curl_slist_append(h, "Accept: application/json")))
		goto fail;
	h = n;
	if (post) {
		if (!(n = curl_slist_append(h,
				"Content-Type: application/json")))
			goto fail;
		h = n;
		if (!(n = curl_slist_append(h, "Content-Encoding: gzip")))
			goto fail;
		h = n;
	}
	explicit_bzero(auth, sizeof auth);
	return h;
fail:
	explicit_bzero(auth, sizeof auth);
	curl_slist_free_all(h);
	return NULL;
}

enum sx_err transport_new(const struct transport_options *opt,
			  struct transport **out, struct sx_error *err)
{
	struct transport *t;
	enum sx_err rc;
	size_t n;

	*out = NULL;
	if (!opt->base_url || !*opt->base_url)
		return sx_error_set(err, SX_USAGE, "server", "Chưa đặt địa "
				    "chỉ máy chủ (sxsh config set server "
				    "https://…)", "no server set (sxsh config "
				    "set server https://…)");
	if (strncmp(opt->base_url, "https://", 8) &&
	    !(opt->insecure_dev && !strncmp(opt->base_url, "http://", 7)))
		return sx_error_set(err, SX_REFUSED, "server", "Địa chỉ máy "
				    "chủ phải bắt đầu bằng https://",
				    "server address must start with https://");
	if (strlen(opt->base_url) > 1000)
		return sx_error_set(err, SX_INVALID, "server", NULL,
				    "server address too long");
	if ((rc = curl_once(err)))
		return rc;
	t = calloc(1, sizeof *t);
	if (!t)
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	t->base_url = strdup(opt->base_url);
	n = t->base_url ? strlen(t->base_url) : 0;
	while (n > 0 && t->base_url[n - 1] == '/')
		t->base_url[--n] = '\0';
	t->insecure_dev = opt->insecure_dev;
	t->max_response = opt->max_response ? opt->max_response
					    : (size_t)32 << 20;
	t->multi = curl_multi_init();
	t->easy = curl_easy_init();
	t->get_headers = headers_new(opt->token, 0);
	t->post_headers = headers_new(opt->token, 1);
	if (!t->base_url || !t->multi || !t->easy || !t->get_headers ||
	    !t->post_headers) {
		transport_free(t);
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	}
	/* One connection is all a sync needs. */
	curl_multi_setopt(t->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, 1L);
	if ((rc = set_common(t, opt, err))) {
		transport_free(t);
		return rc;
	}
	*out = t;
	return SX_OK;
}

void transport_free(struct transport *t)
{
	if (!t)
		return;
	if (t->busy)
		curl_multi_remove_handle(t->multi, t->easy);
	if (t->easy)
		curl_easy_cleanup(t->easy);
	if (t->multi)
		curl_multi_cleanup(t->multi);
	/* The header lists hold the token: wipe before freeing. */
	for (struct curl_slist *h = t->get_headers; h; h = h->next)
		explicit_bzero(h->data, strlen(h->data));
	for (struct curl_slist *h = t->post_headers; h; h = h->next)
		explicit_bzero(h->data, strlen(h->data));
	curl_slist_free_all(t->get_headers);
	curl_slist_free_all(t->post_headers);
	free(t->base_url);
	free(t->post_body);
	dynbuf_release(&t->resp);
	free(t);
}

enum sx_err transport_start(struct transport *t, const char *method,
			    const char *path, const char *body,
			    size_t body_len, struct sx_error *err)
{
	char url[1400];
	int post = !strcmp(method, "POST");
	size_t zlen = 0;
	enum sx_err rc;

	if (t->busy)
		return sx_error_set(err, SX_INVALID, "", NULL,
				    "transport: a request is in flight");
	if (strlen(path) > 300 || path[0] != '/')
		return sx_error_set(err, SX_INVALID, "", NULL,
				    "transport: bad path");
	snprintf(url, sizeof url, "%s%s", t->base_url, path);
	free(t->post_body);
	t->post_body = NULL;
	dynbuf_reset(&t->resp);
	t->too_big = 0;
	t->errbuf[0] = '\0';
	curl_easy_setopt(t->easy, CURLOPT_URL, url);
	if (post) {
		if ((rc = gz_deflate(body ? body : "", body ? body_len : 0,
				     &t->post_body, &zlen, err)))
			return rc;
		curl_easy_setopt(t->easy, CURLOPT_HTTPHEADER, t->post_headers);
		curl_easy_setopt(t->easy, CURLOPT_POSTFIELDSIZE_LARGE,
				 (curl_off_t)zlen);
		curl_easy_setopt(t->easy, CURLOPT_POSTFIELDS, t->post_body);
	} else {
		curl_easy_setopt(t->easy, CURLOPT_HTTPHEADER, t->get_headers);
		curl_easy_setopt(t->easy, CURLOPT_HTTPGET, 1L);
	}
	if (curl_multi_add_handle(t->multi, t->easy) != CURLM_OK)
		return sx_error_set(err, SX_NOMEM, "", NULL,
				    "transport: curl_multi_add_handle failed");
	t->busy = 1;
	t->stats.requests++;
	return SX_OK;
}

int transport_busy(const struct transport *t)
{
	return t->busy;
}

enum sx_err transport_wait(struct transport *t, int extra_fd, int timeout_ms,
			   int *fd_ready, struct sx_error *err)
{
	struct curl_waitfd extra;
	CURLMcode mc;

	if (fd_ready)
		*fd_ready = 0;
	memset(&extra, 0, sizeof extra);
	extra.fd = extra_fd;
	extra.events = CURL_WAIT_POLLIN;
	mc = curl_multi_poll(t->multi, extra_fd >= 0 ? &extra : NULL,
			     extra_fd >= 0 ? 1 : 0, timeout_ms, NULL);
	if (mc != CURLM_OK)
		return sx_error_set(err, SX_NET, "", NULL, "poll failed: %s",
				    curl_multi_strerror(mc));
	if (fd_ready && extra_fd >= 0 && (extra.revents & CURL_WAIT_POLLIN))
		*fd_ready = 1;
	return SX_OK;
}

/* TLS and configuration failures the user has to fix; everything else a
 * later retry may cure. */
static int is_refusal(CURLcode c)
{
	switch (c) {
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		return 1;
	default:
		return 0;
	}
}

static void count_bytes(struct transport *t)
{
	curl_off_t up = 0, down = 0;
	long req = 0, hdr = 0, conns = 0;

	curl_easy_getinfo(t->easy, CURLINFO_REQUEST_SIZE, &req);
	curl_easy_getinfo(t->easy, CURLINFO_SIZE_UPLOAD_T, &up);
	curl_easy_getinfo(t->easy, CURLINFO_HEADER_SIZE, &hdr);
	curl_easy_getinfo(t->easy, CURLINFO_SIZE_DOWNLOAD_T, &down);
	curl_easy_getinfo(t->easy, CURLINFO_NUM_CONNECTS, &conns);
	/* curl counts a small POSTFIELDS body, sent in the same write as
	 * the headers, in REQUEST_SIZE too; a larger one only in
	 * SIZE_UPLOAD. */
	t->stats.bytes_up += req >= up ? req : req + up;
	t->stats.bytes_down += hdr + down;
	t->stats.connects += conns;
}

int transport_step(struct transport *t, struct transport_result *out)
{
	int running = 0, left = 0;
	CURLMsg *msg;

	if (!t->busy)
		return 0;
	curl_multi_perform(t->multi, &running);
	while ((msg = curl_multi_info_read(t->multi, &left))) {
		CURLcode cc;
		if (msg->msg != CURLMSG_DONE || msg->easy_handle != t->easy)
			continue;
		cc = msg->data.result;
		curl_multi_remove_handle(t->multi, t->easy);
		t->busy = 0;
		count_bytes(t);
		memset(out, 0, sizeof *out);
		out->body = (char *)dynbuf_str(&t->resp);
		out->body_len = t->resp.len;
		curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE,
				  &out->http_status);
		if (cc == CURLE_OK) {
			out->code = SX_OK;
		} else if (t->too_big) {
			out->code = sx_error_set(&out->err, SX_NET, "",
				"Máy chủ trả lời quá dài",
				"response larger than %zu bytes",
				t->max_response);
		} else if (is_refusal(cc)) {
			out->http_status = 0;
			out->code = sx_error_set(&out->err, SX_REFUSED, "",
				"Kết nối an toàn (TLS) bị từ chối: kiểm tra "
				"chứng chỉ máy chủ, tệp CA và khóa ghim",
				"TLS refused: %s%s%s", curl_easy_strerror(cc),
				t->errbuf[0] ? ": " : "", t->errbuf);
		} else {
			out->http_status = 0;
			out->code = sx_error_set(&out->err, SX_NET, "",
				"Không kết nối được máy chủ; sẽ thử lại sau",
				"network: %s%s%s", curl_easy_strerror(cc),
				t->errbuf[0] ? ": " : "", t->errbuf);
		}
		return 1;
	}
	return 0;
}

void transport_stats(const struct transport *t, struct transport_stats *out)
{
	*out = t->stats;
}

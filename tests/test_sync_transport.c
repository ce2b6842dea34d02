/* test_sync_transport.c — the HTTP transport of sync against a stub server
 * on loopback: compression, connection reuse, error classes. */
#include <zlib.h>
#include "helpers.h"
#include "fault_stub.h"
#include "../sync/transport.h"

static struct transport *open_transport(const char *url, long low_speed_s)
{
	struct transport_options o = {0};
	struct transport *t = NULL;
	struct sx_error err = {0};

	o.base_url = url;
	o.token = "secret-token-123";
	o.insecure_dev = 1;
	o.connect_timeout_s = 5;
	o.low_speed_time_s = low_speed_s;
	cr_assert_eq(transport_new(&o, &t, &err), SX_OK, "%s", err.msg);
	return t;
}

static void run(struct transport *t, struct transport_result *res)
{
	int guard = 0;
	for (;;) {
		struct sx_error err = {0};
		cr_assert_eq(transport_wait(t, -1, 200, NULL, &err), SX_OK);
		if (transport_step(t, res))
			return;
		cr_assert(++guard < 200, "request did not finish");
	}
}

static void request(struct transport *t, const char *method, const char *body,
		    struct transport_result *res)
{
	struct sx_error err = {0};
	cr_assert_eq(transport_start(t, method, "/v1/x", body,
				     body ? strlen(body) : 0, &err), SX_OK,
		     "%s", err.msg);
	run(t, res);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = malloc(1 << 20);
	cr_assert_not_null(f);
	*len = fread(buf, 1, (1 << 20) - 1, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

Test(sync_transport, sends_gzip_body_with_token_and_reads_answer)
{
	char rec[300];
	struct fault_stub s;
	struct transport_result res;
	const char *body = "{\"changes\":[\"Mường La\",\"Mộc Châu\"]}";
	size_t len, hlen;
	char *got, *sep, out[256];
	uLongf outlen = sizeof out;
	z_stream zs;

	th_path(rec, sizeof rec, th_tmpdir(), "req");
	fault_stub_start(&s, FAULT_CANNED, 200, "{\"ok\":true}", rec);
	struct transport *t = open_transport(s.url, 0);
	request(t, "POST", body, &res);
	cr_assert_eq(res.code, SX_OK, "%s", res.err.msg);
	cr_assert_eq(res.http_status, 200);
	cr_assert_str_eq(res.body, "{\"ok\":true}");
	transport_free(t);
	fault_stub_stop(&s);

	got = slurp(rec, &len);
	cr_assert_not_null(strstr(got, "Authorization: Bearer "
				  "secret-token-123\r\n"));
	cr_assert_not_null(strcasestr(got, "Content-Encoding: gzip\r\n"));
	cr_assert_not_null(strcasestr(got, "Accept-Encoding: "));
	sep = strstr(got, "\r\n\r\n");
	cr_assert_not_null(sep);
	hlen = (size_t)(sep + 4 - got);
	memset(&zs, 0, sizeof zs);
	cr_assert_eq(inflateInit2(&zs, 15 + 16), Z_OK);
	zs.next_in = (Bytef *)got + hlen;
	zs.avail_in = (uInt)(len - hlen);
	zs.next_out = (Bytef *)out;
	zs.avail_out = (uInt)outlen - 1;
	cr_assert_eq(inflate(&zs, Z_FINISH), Z_STREAM_END);
	out[zs.total_out] = '\0';
	inflateEnd(&zs);
	cr_assert_str_eq(out, body);
	free(got);
}

Test(sync_transport, reuses_one_connection_for_many_requests)
{
	struct fault_stub s;
	struct transport_result res;
	struct transport_stats st;

	fault_stub_start(&s, FAULT_CANNED, 200, "{}", NULL);
	struct transport *t = open_transport(s.url, 0);
	for (int i = 0; i < 5; i++) {
		request(t, i % 2 ? "GET" : "POST", "{}", &res);
		cr_assert_eq(res.code, SX_OK, "%s", res.err.msg);
	}
	transport_stats(t, &st);
	cr_assert_eq(st.requests, 5);
	cr_assert_eq(st.connects, 1, "connections: %lld", st.connects);
	cr_assert_gt(st.bytes_up, 0);
	cr_assert_gt(st.bytes_down, 0);
	transport_free(t);
	fault_stub_stop(&s);
}

Test(sync_transport, server_error_is_an_answer_for_the_caller)
{
	struct fault_stub s;
	struct transport_result res;

	fault_stub_start(&s, FAULT_500, 0, NULL, NULL);
	struct transport *t = open_transport(s.url, 0);
	request(t, "GET", NULL, &res);
	cr_assert_eq(res.code, SX_OK);
	cr_assert_eq(res.http_status, 500);
	transport_free(t);
	fault_stub_stop(&s);
}

Test(sync_transport, truncated_body_is_a_network_failure)
{
	struct fault_stub s;
	struct transport_result res;

	fault_stub_start(&s, FAULT_TRUNCATED, 0, NULL, NULL);
	struct transport *t = open_transport(s.url, 0);
	request(t, "POST", "{}", &res);
	cr_assert_eq(res.code, SX_NET, "%s", res.err.msg);
	transport_free(t);
	fault_stub_stop(&s);
}

Test(sync_transport, empty_reply_is_a_network_failure)
{
	struct fault_stub s;
	struct transport_result res;

	fault_stub_start(&s, FAULT_NOTHING, 0, NULL, NULL);
	struct transport *t = open_transport(s.url, 0);
	request(t, "POST", "{}", &res);
	cr_assert_eq(res.code, SX_NET, "%s", res.err.msg);
	transport_free(t);
	fault_stub_stop(&s);
}

Test(sync_transport, silent_server_fails_on_low_speed_not_total_time)
{
	struct fault_stub s;
	struct transport_result res;

	fault_stub_start(&s, FAULT_SILENT, 0, NULL, NULL);
	struct transport *t = open_transport(s.url, 1);
	request(t, "POST", "{}", &res);
	cr_assert_eq(res.code, SX_NET, "%s", res.err.msg);
	transport_free(t);
	fault_stub_stop(&s);
}

Test(sync_transport, nobody_listening_is_a_network_failure)
{
	struct fault_stub s;
	struct transport_result res;
	char url[64];

	/* a port that was just free: start and stop a stub on it */
	fault_stub_start(&s, FAULT_CANNED, 200, "{}", NULL);
	snprintf(url, sizeof url, "%s", s.url);
	fault_stub_stop(&s);
	struct transport *t = open_transport(url, 0);
	request(t, "GET", NULL, &res);
	cr_assert_eq(res.code, SX_NET, "%s", res.err.msg);
	transport_free(t);
}

Test(sync_transport, plain_http_is_refused_without_the_development_flag)
{
	struct transport_options o = {0};
	struct transport *t = NULL;
	struct sx_error err = {0};

	o.base_url = "http://127.0.0.1:9";
	cr_assert_eq(transport_new(&o, &t, &err), SX_REFUSED);
	cr_assert_null(t);
	o.base_url = "";
	cr_assert_neq(transport_new(&o, &t, &err), SX_OK);
}

Test(sync_transport, wait_reports_the_extra_descriptor)
{
	struct fault_stub s;
	struct sx_error err = {0};
	int p[2], ready = 0;

	fault_stub_start(&s, FAULT_CANNED, 200, "{}", NULL);
	struct transport *t = open_transport(s.url, 0);
	cr_assert_eq(pipe(p), 0);
	cr_assert_eq(transport_wait(t, p[0], 10, &ready, &err), SX_OK);
	cr_assert_eq(ready, 0);
	cr_assert_eq(write(p[1], "k", 1), 1);
	cr_assert_eq(transport_wait(t, p[0], 1000, &ready, &err), SX_OK);
	cr_assert_eq(ready, 1);
	close(p[0]);
	close(p[1]);
	transport_free(t);
	fault_stub_stop(&s);
}

Test(sync_transport, refuses_a_second_request_in_flight)
{
	struct fault_stub s;
	struct sx_error err = {0};
	struct transport_result res;

	fault_stub_start(&s, FAULT_CANNED, 200, "{}", NULL);
	struct transport *t = open_transport(s.url, 0);
	cr_assert_eq(transport_start(t, "GET", "/a", NULL, 0, &err), SX_OK);
	cr_assert_eq(transport_start(t, "GET", "/b", NULL, 0, &err),
		     SX_INVALID);
	run(t, &res);
	cr_assert_eq(res.code, SX_OK);
	transport_free(t);
	fault_stub_stop(&s);
}

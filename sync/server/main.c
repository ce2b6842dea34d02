/* main.c — sxsh-server: the provincial server and the province officer's
 * commands.
 *
 *   sxsh-server serve --cert F --key F [--listen 127.0.0.1:8443]
 *   sxsh-server district add CODE [--name NAME]   prints the token once
 *   sxsh-server district list | revoke CODE | rotate CODE
 *   sxsh-server district targets CODE [--t2 N] [--t3 N]
 *   sxsh-server reference [--deadline-days N]
 *   sxsh-server plan import FILE | list | show CODE   (plan_cmd.c)
 *   sxsh-server report --period P [--format text|csv|html|json]
 *   sxsh-server report accept|return --district C --period P [--reason R]
 *   sxsh-server user add NAME --role viewer|reviewer|admin [--password -]
 *   sxsh-server user list | disable NAME | passwd NAME [--password -]
 *   sxsh-server publish --out DIR
 *
 * Every command takes --db F (or SXSH_SERVER_DB) and --lang vi|en
 * (default vi).  The commands and their options are the tables at the end
 * (core's cmdline.h): a new command is a row and a function.  Exit status
 * as DESIGN.md: 0 ok, 1 usage, 2 invalid input, 3 network, 4 refused,
 * 5 storage.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "sxsh/clock.h"
#include "sxsh/cmdline.h"
#include "sxsh/refdata_blob.h"
#include "call.h"
#include "consolidate.h"
#include "http.h"
#include "token.h"
#include "desk.h"
#include "plan_cmd.h"

/* What every command receives (cmdline.h leaves its content to us). */
struct cmdline_app {
	const struct cmdline_args *args;
	struct srv_store *st;
};

static int english;

/* The one choice of language of the server's output (--lang). */
static const char *msg(const char *vi, const char *en)
{
	if (english)
		return en && *en ? en : vi ? vi : "";
	return vi && *vi ? vi : en ? en : "";
}

/* The usage of the command found (the whole list for the program). */
static void print_usage(FILE *out, const struct cmdline_args *args,
			int with_help)
{
	char *text = cmdline_usage(args->path, args->depth, with_help, msg);

	fprintf(out, "%s\n%s", msg("Cách dùng:", "Usage:"), text ? text : "");
	free(text);
}

static int usage(const struct cmdline_app *a)
{
	print_usage(stderr, a->args, 0);
	return 1;
}

static int fail(const struct sx_error *err)
{
	fprintf(stderr, "sxsh-server: %s\n", msg(err->msg_vi, err->msg));
	return sx_exit_status(err->code);
}

static char *read_file(const char *path, struct sx_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		sx_error_set(err, SX_INVALID, "", NULL, "cannot read %s: %s",
			     path, strerror(errno));
		return NULL;
	}
	size_t cap = 8192, len = 0;
	char *buf = malloc(cap);
	while (buf) {
		size_t n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
		if (n == 0)
			break;
		if (len + 1 == cap) {
			char *nb = cap > (1u << 20) ? NULL :
				realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	fclose(f);
	if (!buf) {
		sx_error_set(err, SX_INVALID, "", NULL, "%s: too large", path);
		return NULL;
	}
	buf[len] = '\0';
	return buf;
}

/* Name of a district unit from the shipped Sơn La list ("" if absent). */
static void district_name(const char *code, char *out, size_t n)
{
	out[0] = '\0';
	const struct refdata_blob *b = refdata_blob_find("sonla_units");
	if (!b)
		return;
	char want[16];
	snprintf(want, sizeof want, "district,%s,", code);
	const char *p = strstr(b->data, want);
	if (!p || (p != b->data && p[-1] != '\n'))
		return;
	p += strlen(want);
	size_t k = strcspn(p, ",\r\n");
	snprintf(out, n, "%.*s", (int)k, p);
}

static int code_valid(const char *code)
{
	if (!code || strlen(code) != 3)
		return 0;
	for (int i = 0; i < 3; i++)
		if (!isdigit((unsigned char)code[i]))
			return 0;
	return 1;
}

/* Prints text and spaces up to width columns (characters, not bytes, so
 * that Vietnamese columns line up), then one space. */
static void pad(const char *text, int width)
{
	int chars = 0;
	for (const char *p = text; *p; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	printf("%s%*s ", text, chars < width ? width - chars : 0, "");
}

/* A positive integer from the environment, or 0.  The limits against
 * slow clients have safe defaults; these let a test (or an operator) set
 * them without a new option for each. */
static unsigned env_unsigned(const char *name)
{
	const char *v = getenv(name);
	char *end;
	unsigned long n = v ? strtoul(v, &end, 10) : 0;
	return v && *v && !*end && n < 100000 ? (unsigned)n : 0;
}

static int cmd_serve(struct cmdline_app *a)
{
	const char *cert = cmdline_value(a->args, "cert");
	const char *key = cmdline_value(a->args, "key");
	const char *listen = cmdline_value(a->args, "listen");
	const char *desk_listen = cmdline_value(a->args, "desk-listen");
	const char *threads = cmdline_value(a->args, "threads");
	struct sx_error err = {0};
	struct http_options o = {0};
	o.listen = listen ? listen : "127.0.0.1:8443";
	o.desk_listen = desk_listen;
	o.threads = 0;
	o.per_ip = env_unsigned("SXSH_SERVER_PER_IP");
	o.max_conns = env_unsigned("SXSH_SERVER_MAX_CONNECTIONS");
	o.header_seconds = env_unsigned("SXSH_SERVER_HEADER_SECONDS");
	o.min_rate = env_unsigned("SXSH_SERVER_MIN_RATE");
	if (threads) {
		int n = atoi(threads);
		if (n < 1 || n > 64) {
			fprintf(stderr, "sxsh-server: %s\n",
				msg("--threads: từ 1 đến 64",
				    "--threads: 1 to 64"));
			return 2;
		}
		o.threads = (unsigned)n;
	}
	char *cert_pem = read_file(cert, &err);
	char *key_pem = cert_pem ? read_file(key, &err) : NULL;
	int rc = 0;
	if (!cert_pem || !key_pem) {
		rc = fail(&err);
		goto done;
	}
	o.cert_pem = cert_pem;
	o.key_pem = key_pem;
	if (http_serve(a->st, &o, &err) != SX_OK)
		rc = fail(&err);
done:
	if (key_pem)
		memset(key_pem, 0, strlen(key_pem));
	free(key_pem);
	free(cert_pem);
	return rc;
}

static void print_district(const struct store_district *d, void *arg)
{
	(void)arg;
	char t2[24] = "-", t3[24] = "-", created[32];
	const char *state = d->revoked_at[0] ? msg("thu hồi", "revoked") :
		msg("đang dùng", "active");
	if (d->t2_share >= 0)
		snprintf(t2, sizeof t2, "%lld", d->t2_share);
	if (d->t3_share >= 0)
		snprintf(t3, sizeof t3, "%lld", d->t3_share);
	clock_local_time(d->created_at, created);
	printf("%-4s ", d->code);
	pad(d->name, 28);
	pad(state, 9);
	printf("%-22s t2=%s t3=%s\n", created, t2, t3);
}

static int parse_share(const char *s, long long *out)
{
	if (!s)
		return 1;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || !*s || v < 0 || v > 1000)
		return 0;
	*out = v;
	return 1;
}

static int district_list(struct cmdline_app *a)
{
	struct sx_error err = {0};
	enum sx_err rc;

	if (store_begin(a->st, &err) != SX_OK)
		return fail(&err);
	rc = store_district_each(a->st, print_district, NULL, &err);
	store_rollback(a->st);
	return rc == SX_OK ? 0 : fail(&err);
}

/* The district code argument, or NULL after saying it is not one. */
static const char *district_code(const struct cmdline_app *a)
{
	const char *code = cmdline_arg(a->args, 0);

	if (code_valid(code))
		return code;
	fprintf(stderr, "sxsh-server: %s\n",
		msg("mã huyện phải gồm 3 chữ số (mã GSO)",
		    "a district code is 3 digits (GSO code)"));
	return NULL;
}

/* add and rotate: a new token, printed once on stdout. */
static int district_new_token(struct cmdline_app *a, int rotate)
{
	struct sx_error err = {0};
	const char *code = district_code(a);
	const char *name = cmdline_value(a->args, "name");
	char token[65], hash[65], known[128];
	enum sx_err rc;

	if (!code)
		return 2;
	district_name(code, known, sizeof known);
	if (!name)
		name = known[0] ? known : code;
	if (token_new(token, &err) != SX_OK)
		return fail(&err);
	token_sha256_hex(token, 64, hash);
	if (store_begin(a->st, &err) != SX_OK)
		return fail(&err);
	rc = rotate ? store_district_rotate(a->st, code, hash, &err) :
		store_district_add(a->st, code, name, hash, &err);
	rc = store_end(a->st, rc, &err);
	if (rc != SX_OK)
		return fail(&err);
	if (rotate)
		fprintf(stderr, msg("Mã truy cập mới của huyện %s"
				    " (chỉ hiện một lần; mã cũ hết"
				    " hiệu lực):\n",
				    "New token of district %s (shown"
				    " once; the old one no longer"
				    " works):\n"), code);
	else
		fprintf(stderr, msg("Đã thêm huyện %s (%s). Mã truy"
				    " cập (chỉ hiện một lần):\n",
				    "District %s (%s) added. Its token"
				    " (shown once):\n"), code, name);
	printf("%s\n", token);
	fflush(stdout);
	memset(token, 0, sizeof token);
	return 0;
}

static int district_add(struct cmdline_app *a)
{
	return district_new_token(a, 0);
}

static int district_rotate(struct cmdline_app *a)
{
	return district_new_token(a, 1);
}

static int district_revoke(struct cmdline_app *a)
{
	struct sx_error err = {0};
	const char *code = district_code(a);
	enum sx_err rc;

	if (!code)
		return 2;
	if (store_begin(a->st, &err) != SX_OK)
		return fail(&err);
	rc = store_district_revoke(a->st, code, &err);
	rc = store_end(a->st, rc, &err);
	if (rc != SX_OK)
		return fail(&err);
	fprintf(stderr, msg("Đã thu hồi mã truy cập của huyện %s\n",
			    "Token of district %s revoked\n"), code);
	return 0;
}

static int district_targets(struct cmdline_app *a)
{
	struct sx_error err = {0};
	const char *code = district_code(a);
	long long t2 = -1, t3 = -1;
	enum sx_err rc;

	if (!code)
		return 2;
	if (!parse_share(cmdline_value(a->args, "t2"), &t2) ||
	    !parse_share(cmdline_value(a->args, "t3"), &t3)) {
		fprintf(stderr, "sxsh-server: %s\n",
			msg("--t2/--t3: số nguyên từ 0 đến 1000",
			    "--t2/--t3: an integer 0 to 1000"));
		return 2;
	}
	if (store_begin(a->st, &err) != SX_OK)
		return fail(&err);
	rc = store_district_set_targets(a->st, code, t2, t3, &err);
	rc = store_end(a->st, rc, &err);
	return rc == SX_OK ? 0 : fail(&err);
}

/* Shows the reference version and the report deadline; --deadline-days
 * changes the deadline (days after the period end) and bumps the version
 * so that districts fetch it at their next sync. */
static int cmd_reference(struct cmdline_app *a)
{
	struct sx_error err = {0};
	const char *days_s = cmdline_value(a->args, "deadline-days");
	struct srv_store *st = a->st;
	long long days = -1;
	if (days_s && (!parse_share(days_s, &days) || days > 366)) {
		fprintf(stderr, "sxsh-server: %s\n",
			msg("--deadline-days: số ngày từ 0 đến 366",
			    "--deadline-days: a number of days 0 to 366"));
		return 2;
	}
	if (store_begin(st, &err) != SX_OK)
		return fail(&err);
	enum sx_err rc = SX_OK;
	if (days >= 0)
		rc = store_meta_set_int(st, "deadline_days", days, &err);
	if (rc == SX_OK && days >= 0)
		rc = store_meta_set_int(st, "ref_version",
					store_meta_int(st, "ref_version", 1) +
					1, &err);
	long long version = store_meta_int(st, "ref_version", 1);
	long long current = store_meta_int(st, "deadline_days", 15);
	rc = store_end(st, rc, &err);
	if (rc != SX_OK)
		return fail(&err);
	printf("version %lld\ndeadline_days %lld\n", version, current);
	return 0;
}

/* The --period option, or NULL after saying it is not a period. */
static const char *report_period(const struct cmdline_app *a)
{
	const char *period = cmdline_value(a->args, "period");

	if (submit_period_valid(period))
		return period;
	fprintf(stderr, "sxsh-server: %s\n",
		msg("kỳ báo cáo phải có dạng 2017S1, 2017S2 hoặc 2017",
		    "a period is like 2017S1, 2017S2 or 2017"));
	return NULL;
}

/* The consolidated report of a period. */
static int cmd_report(struct cmdline_app *a)
{
	struct sx_error err = {0};
	const char *period = report_period(a);
	const char *format = cmdline_value(a->args, "format");
	enum consolidate_format f = CONS_TEXT;

	if (!period)
		return 2;
	if (!format || strcmp(format, "text") == 0)
		f = CONS_TEXT;
	else if (strcmp(format, "csv") == 0)
		f = CONS_CSV;
	else if (strcmp(format, "html") == 0)
		f = CONS_HTML;
	else if (strcmp(format, "json") == 0)
		f = CONS_JSON;
	else
		return usage(a);
	if (consolidate_write_in(a->st, period, f, english ? "en" : "vi",
				 stdout, &err) != SX_OK)
		return fail(&err);
	return 0;
}

/* accept or return: the province's answer to a district's report. */
static int report_decide(struct cmdline_app *a, int accept)
{
	struct sx_error err = {0};
	const char *period = report_period(a);
	const char *district = cmdline_value(a->args, "district");
	const char *reason = cmdline_value(a->args, "reason");
	const char *status = accept ? "accepted" : "returned";
	long long revision = 0;
	enum sx_err rc;

	if (!period)
		return 2;
	if (reason && strlen(reason) > 500) {
		fprintf(stderr, "sxsh-server: %s\n",
			msg("lý do dài quá 500 byte",
			    "reason longer than 500 bytes"));
		return 2;
	}
	if (!accept && (!reason || !*reason)) {
		fprintf(stderr, "sxsh-server: %s\n",
			msg("trả lại báo cáo cần --reason",
			    "returning a report needs --reason"));
		return 1;
	}
	if (store_begin(a->st, &err) != SX_OK)
		return fail(&err);
	rc = store_report_decide(a->st, district, period, status, reason,
				 &revision, &err);
	rc = store_end(a->st, rc, &err);
	if (rc != SX_OK)
		return fail(&err);
	fprintf(stderr, msg("Báo cáo %s lần %lld của huyện %s: %s\n",
			    "Report %s revision %lld of district %s: %s\n"),
		period, revision, district, accept ? msg("tỉnh đã nhận",
		"accepted") : msg("tỉnh trả lại", "returned"));
	return 0;
}

static int report_accept(struct cmdline_app *a)
{
	return report_decide(a, 1);
}

static int report_return(struct cmdline_app *a)
{
	return report_decide(a, 0);
}

/* The password for user add/passwd: the first line of standard input
 * with --password -, else a generated one (*generated set).  0 when
 * standard input has no acceptable password. */
static int read_password(const char *how, char out[1026], int *generated)
{
	*generated = 0;
	if (!how) {
		desk_pass_generate(out);
		*generated = 1;
		return 1;
	}
	if (strcmp(how, "-") != 0 || !fgets(out, 1026, stdin)) {
		fprintf(stderr, "sxsh-server: %s\n",
			msg("--password - đọc mật khẩu từ đầu vào chuẩn",
			    "--password - reads the password from standard"
			    " input"));
		return 0;
	}
	out[strcspn(out, "\r\n")] = '\0';
	if (strlen(out) < 8 || strlen(out) > 1024) {
		fprintf(stderr, "sxsh-server: %s\n",
			msg("mật khẩu từ 8 đến 1024 byte",
			    "a password is 8 to 1024 bytes"));
		return 0;
	}
	return 1;
}

static void print_user(const struct store_user *u, void *arg)
{
	(void)arg;
	char created[32];
	clock_local_time(u->created_at, created);
	printf("%-32s %-8s ", u->name, u->role);
	pad(u->disabled_at[0] ? msg("đã khoá", "disabled") :
	    msg("đang dùng", "active"), 9);
	printf("%s\n", created);
}

static int user_list(struct cmdline_app *a)
{
	struct sx_error err = {0};
	enum sx_err rc;

	if (store_begin(a->st, &err) != SX_OK)
		return fail(&err);
	rc = store_user_each(a->st, print_user, NULL, &err);
	store_rollback(a->st);
	return rc == SX_OK ? 0 : fail(&err);
}

enum user_verb { USER_ADD, USER_PASSWD, USER_DISABLE };

/* Accounts of the province's desk (README: "Province desk"). */
static int user_change(struct cmdline_app *a, enum user_verb verb)
{
	struct sx_error err = {0};
	const char *name = cmdline_arg(a->args, 0);
	const char *role = cmdline_value(a->args, "role");
	char password[1026], hash[128] = "";
	int generated = 0;
	enum sx_err rc;

	if (!desk_user_name_valid(name)) {
		fprintf(stderr, "sxsh-server: %s\n",
			msg("tên tài khoản gồm 1–32 ký tự a-z 0-9 . _ -",
			    "a user name is 1–32 of a-z 0-9 . _ -"));
		return 2;
	}
	if (verb == USER_ADD && desk_role_parse(role) == DESK_NONE) {
		fprintf(stderr, "sxsh-server: %s\n",
			msg("--role viewer, reviewer hoặc admin",
			    "--role viewer, reviewer or admin"));
		return role ? 2 : 1;
	}
	if (verb != USER_DISABLE) {
		if (!read_password(cmdline_value(a->args, "password"),
				   password, &generated))
			return 2;
		rc = desk_pass_hash(password, hash, &err);
		if (rc != SX_OK)
			return fail(&err);
	}
	if (store_begin(a->st, &err) != SX_OK)
		return fail(&err);
	rc = verb == USER_ADD ? store_user_add(a->st, name, role, hash, &err) :
		verb == USER_PASSWD ?
		store_user_set_password(a->st, name, hash, &err) :
		store_user_disable(a->st, name, &err);
	rc = store_end(a->st, rc, &err);
	if (rc != SX_OK)
		return fail(&err);
	if (generated) {
		fprintf(stderr, msg("Mật khẩu của %s (chỉ hiện một lần):\n",
				    "Password of %s (shown once):\n"), name);
		printf("%s\n", password);
		fflush(stdout);
	} else {
		fprintf(stderr, msg("Đã lưu tài khoản %s\n",
				    "User %s saved\n"), name);
	}
	memset(password, 0, sizeof password);
	return 0;
}

static int user_add(struct cmdline_app *a)
{
	return user_change(a, USER_ADD);
}

static int user_passwd(struct cmdline_app *a)
{
	return user_change(a, USER_PASSWD);
}

static int user_disable(struct cmdline_app *a)
{
	return user_change(a, USER_DISABLE);
}

/* The public pages as static files for the Department's web server. */
static int cmd_publish(struct cmdline_app *a)
{
	struct sx_error err = {0};
	const char *dir = cmdline_value(a->args, "out");
	if (!*dir)
		return usage(a);
	if (desk_publish(a->st, dir, &err) != SX_OK)
		return fail(&err);
	fprintf(stderr, msg("Đã ghi trang công khai vào %s/index.html\n",
			    "Public pages written to %s/index.html\n"), dir);
	return 0;
}

/* ---- the command tables (cmdline.h): a command is a row and a function */

#define END {0}
#define DISTRICT_ARG "CODE", "MÃ", 1, 1
#define USER_ARG "NAME", "TÊN", 1, 1

/* The plans of the province (plan_cmd.c). */
static int plan_import(struct cmdline_app *a)
{
	return plan_cmd_import(a->st, cmdline_arg(a->args, 0),
			       english ? "en" : "vi");
}

static int plan_list(struct cmdline_app *a)
{
	return plan_cmd_list(a->st, english ? "en" : "vi");
}

static int plan_show(struct cmdline_app *a)
{
	return plan_cmd_show(a->st, cmdline_arg(a->args, 0),
			     cmdline_value(a->args, "version"),
			     english ? "en" : "vi");
}

static const struct cmdline_opt global_opts[] = {
	{"db", 0, "FILE", "TỆP", 0, NULL,
	 "cơ sở dữ liệu của tỉnh (mặc định $SXSH_SERVER_DB)",
	 "the province's database (default $SXSH_SERVER_DB)"},
	{"lang", 0, "LANG", NULL, 0, "vi|en", "ngôn ngữ (mặc định vi)",
	 "language (vi by default)"},
	END};

static const struct cmdline_opt serve_opts[] = {
	{"cert", 0, "FILE", "TỆP", 1, NULL, "chứng chỉ TLS (PEM)",
	 "TLS certificate (PEM)"},
	{"key", 0, "FILE", "TỆP", 1, NULL, "khoá riêng TLS (PEM)",
	 "TLS private key (PEM)"},
	{"listen", 0, "ADDR", "ĐỊA_CHỈ", 0, NULL,
	 "địa chỉ cho các huyện (mặc định 127.0.0.1:8443)",
	 "address for the districts (default 127.0.0.1:8443)"},
	{"desk-listen", 0, "ADDR", "ĐỊA_CHỈ", 0, NULL,
	 "địa chỉ của bàn làm việc của tỉnh (web)",
	 "address of the province desk (web)"},
	{"threads", 0, "N", NULL, 0, NULL, "số luồng, 1 đến 64",
	 "worker threads, 1 to 64"},
	END};

static const struct cmdline_opt district_add_opts[] = {
	{"name", 0, "NAME", "TÊN", 0, NULL,
	 "tên huyện (mặc định theo danh mục của Sơn La)",
	 "district name (default from the Sơn La list)"},
	END};

static const struct cmdline_opt targets_opts[] = {
	{"t2", 0, "N", NULL, 0, NULL, "chỉ tiêu T2 của huyện (0–1000)",
	 "the district's T2 share (0–1000)"},
	{"t3", 0, "N", NULL, 0, NULL, "chỉ tiêu T3 của huyện (0–1000)",
	 "the district's T3 share (0–1000)"},
	END};

static const struct cmdline_opt reference_opts[] = {
	{"deadline-days", 0, "N", NULL, 0, NULL,
	 "hạn nộp báo cáo: số ngày sau cuối kỳ (0–366)",
	 "report deadline: days after the period end (0–366)"},
	END};

#define PERIOD_OPT \
	{"period", 0, "P", "KỲ", 1, NULL, \
	 "kỳ báo cáo: 2017S1, 2017S2 hoặc 2017", \
	 "report period: 2017S1, 2017S2 or 2017"}

static const struct cmdline_opt report_opts[] = {
	PERIOD_OPT,
	{"format", 0, "text|csv|html|json", NULL, 0, NULL,
	 "dạng xuất (mặc định text)", "output format (text by default)"},
	END};

static const struct cmdline_opt decide_opts[] = {
	{"district", 0, "CODE", "MÃ", 1, NULL, "mã huyện", "district code"},
	PERIOD_OPT,
	{"reason", 0, "TEXT", "LÝ_DO", 0, NULL,
	 "lý do (bắt buộc khi trả lại)", "reason (needed to return)"},
	END};

static const struct cmdline_opt user_add_opts[] = {
	{"role", 0, "viewer|reviewer|admin", NULL, 0, NULL, "quyền",
	 "role"},
	{"password", 0, "-", NULL, 0, NULL,
	 "đọc mật khẩu từ đầu vào chuẩn (không có: tạo mật khẩu)",
	 "read the password from stdin (without: one is generated)"},
	END};

static const struct cmdline_opt passwd_opts[] = {
	{"password", 0, "-", NULL, 0, NULL,
	 "đọc mật khẩu từ đầu vào chuẩn (không có: tạo mật khẩu)",
	 "read the password from stdin (without: one is generated)"},
	END};

static const struct cmdline_opt publish_opts[] = {
	{"out", 0, "DIR", "THƯ_MỤC", 1, NULL, "thư mục ghi trang công khai",
	 "folder for the public pages"},
	END};

static const struct cmdline_opt plan_show_opts[] = {
	{"version", 0, "N", NULL, 0, NULL, "phiên bản (mặc định: hiện hành)",
	 "version (default: the current one)"},
	END};

static const struct cmdline_cmd plan_cmds[] = {
	{"import", "FILE", "TỆP", 1, 1, NULL, NULL, plan_import, 0,
	 "nhập tệp kế hoạch (JSON): kế hoạch mới hoặc phiên bản mới",
	 "import a plan file (JSON): a new plan or its next version"},
	{"list", NULL, NULL, 0, 0, NULL, NULL, plan_list, 0,
	 "các kế hoạch", "the plans"},
	{"show", "CODE", "MÃ", 1, 1, plan_show_opts, NULL, plan_show, 0,
	 "tệp kế hoạch của một phiên bản, và các phiên bản",
	 "a version's plan file, and the versions"},
	END};

static const struct cmdline_cmd district_cmds[] = {
	{"add", DISTRICT_ARG, district_add_opts, NULL, district_add, 0,
	 "thêm huyện; in mã truy cập một lần",
	 "add a district; prints its token once"},
	{"list", NULL, NULL, 0, 0, NULL, NULL, district_list, 0,
	 "các huyện", "the districts"},
	{"revoke", DISTRICT_ARG, NULL, NULL, district_revoke, 0,
	 "thu hồi mã truy cập", "revoke the token"},
	{"rotate", DISTRICT_ARG, NULL, NULL, district_rotate, 0,
	 "mã truy cập mới (mã cũ hết hiệu lực)",
	 "a new token (the old one stops working)"},
	{"targets", DISTRICT_ARG, targets_opts, NULL, district_targets, 0,
	 "chỉ tiêu của huyện", "the district's targets"},
	END};

static const struct cmdline_cmd report_cmds[] = {
	{"accept", NULL, NULL, 0, 0, decide_opts, NULL, report_accept, 0,
	 "nhận báo cáo của huyện", "accept a district's report"},
	{"return", NULL, NULL, 0, 0, decide_opts, NULL, report_return, 0,
	 "trả lại báo cáo của huyện, có lý do",
	 "return a district's report, with a reason"},
	END};

static const struct cmdline_cmd user_cmds[] = {
	{"add", USER_ARG, user_add_opts, NULL, user_add, 0,
	 "thêm tài khoản của bàn làm việc", "add a desk account"},
	{"list", NULL, NULL, 0, 0, NULL, NULL, user_list, 0,
	 "các tài khoản", "the accounts"},
	{"disable", USER_ARG, NULL, NULL, user_disable, 0,
	 "khoá tài khoản", "disable an account"},
	{"passwd", USER_ARG, passwd_opts, NULL, user_passwd, 0,
	 "đặt mật khẩu mới", "set a new password"},
	END};

static const struct cmdline_cmd commands[] = {
	{"serve", NULL, NULL, 0, 0, serve_opts, NULL, cmd_serve, 0,
	 "chạy máy chủ", "run the server"},
	{"district", NULL, NULL, 0, 0, NULL, district_cmds, NULL, 0,
	 "các huyện và mã truy cập", "districts and their tokens"},
	{"reference", NULL, NULL, 0, 0, reference_opts, NULL, cmd_reference,
	 0, "phiên bản dữ liệu tham chiếu và hạn nộp báo cáo",
	 "reference data version and report deadline"},
	{"plan", NULL, NULL, 0, 0, NULL, plan_cmds, NULL, 0,
	 "kế hoạch và chỉ tiêu của tỉnh", "the province's plans and targets"},
	{"report", NULL, NULL, 0, 0, report_opts, report_cmds, cmd_report, 0,
	 "báo cáo tổng hợp của tỉnh", "the province's consolidated report"},
	{"user", NULL, NULL, 0, 0, NULL, user_cmds, NULL, 0,
	 "tài khoản của bàn làm việc của tỉnh",
	 "accounts of the province desk"},
	{"publish", NULL, NULL, 0, 0, publish_opts, NULL, cmd_publish, 0,
	 "ghi trang công khai thành tệp tĩnh",
	 "write the public pages as static files"},
	END};

static const struct cmdline_cmd root = {
	"sxsh-server", NULL, NULL, 0, 0, global_opts, commands, NULL, 0,
	"máy chủ của tỉnh và các lệnh của cán bộ tỉnh",
	"the province's server and the province officer's commands"};

int main(int argc, char **argv)
{
	struct cmdline_args args;
	struct cmdline_app app = {&args, NULL};
	enum cmdline_result parsed = cmdline_parse(&root, argc, argv, &args);
	const char *lang = cmdline_global(&args, "lang");
	const char *db = cmdline_global(&args, "db");
	struct sx_error err = {0};
	int rc;

	english = lang && strcmp(lang, "en") == 0;
	if (parsed == CMDLINE_HELP) {
		print_usage(stdout, &args, 1);
		return 0;
	}
	if (parsed == CMDLINE_USAGE) {
		fprintf(stderr, "sxsh-server: %s\n",
			msg(args.error.msg_vi, args.error.msg));
		return usage(&app);
	}
	if (!db)
		db = getenv("SXSH_SERVER_DB");
	if (!db || !*db) {
		fprintf(stderr, "sxsh-server: %s\n",
			msg("cần --db TỆP hoặc biến SXSH_SERVER_DB",
			    "needs --db FILE or SXSH_SERVER_DB"));
		return 1;
	}
	if (cmdline_command(&args)->run == cmd_serve)
		http_block_signals(); /* before any thread exists */
	if (store_open(db, &app.st, &err) != SX_OK)
		return fail(&err);
	rc = cmdline_command(&args)->run(&app);
	store_close(app.st);
	return rc;
}

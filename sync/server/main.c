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
 * (default vi).  Exit status as DESIGN.md: 0 ok, 1 usage, 2 invalid
 * input, 3 network, 4 refused, 5 storage.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "sxsh/refdata_blob.h"
#include "call.h"
#include "consolidate.h"
#include "http.h"
#include "token.h"
#include "desk.h"
#include "plan_cmd.h"

struct args {
	int argc;
	char **argv;
	const char *lang;
};

static const char *msg(const struct args *a, const char *vi, const char *en)
{
	return a->lang && strcmp(a->lang, "en") == 0 ? en : vi;
}

/* Value of --name (or NULL); the option and its value are taken. */
static const char *opt(struct args *a, const char *name)
{
	for (int i = 1; i < a->argc; i++) {
		if (strcmp(a->argv[i], name) == 0 && i + 1 < a->argc) {
			const char *v = a->argv[i + 1];
			for (int j = i; j + 2 <= a->argc; j++)
				a->argv[j] = a->argv[j + 2];
			a->argc -= 2;
			return v;
		}
	}
	return NULL;
}

static int usage(const struct args *a)
{
	fputs(msg(a,
		  "Cách dùng:\n"
		  "  sxsh-server serve --db F --cert F --key F"
		  " [--listen 127.0.0.1:8443] [--desk-listen ĐỊA_CHỈ]"
		  " [--threads N]\n"
		  "  sxsh-server district add MÃ [--name TÊN]\n"
		  "  sxsh-server district list | revoke MÃ | rotate MÃ\n"
		  "  sxsh-server district targets MÃ [--t2 N] [--t3 N]\n"
		  "  sxsh-server reference [--deadline-days N]\n"
		  "  sxsh-server plan import TỆP | list | show MÃ\n"
		  "  sxsh-server report --period KỲ"
		  " [--format text|csv|html|json]\n"
		  "  sxsh-server report accept|return --district MÃ"
		  " --period KỲ [--reason LÝ_DO]\n"
		  "  sxsh-server user add TÊN --role viewer|reviewer|admin"
		  " [--password -]\n"
		  "  sxsh-server user list | disable TÊN | passwd TÊN"
		  " [--password -]\n"
		  "  sxsh-server publish --out THƯ_MỤC\n"
		  "Mọi lệnh nhận --db F (hoặc SXSH_SERVER_DB) và"
		  " --lang vi|en.\n",
		  "Usage:\n"
		  "  sxsh-server serve --db F --cert F --key F"
		  " [--listen 127.0.0.1:8443] [--desk-listen ADDR]"
		  " [--threads N]\n"
		  "  sxsh-server district add CODE [--name NAME]\n"
		  "  sxsh-server district list | revoke CODE | rotate CODE\n"
		  "  sxsh-server district targets CODE [--t2 N] [--t3 N]\n"
		  "  sxsh-server reference [--deadline-days N]\n"
		  "  sxsh-server plan import FILE | list | show CODE\n"
		  "  sxsh-server report --period P"
		  " [--format text|csv|html|json]\n"
		  "  sxsh-server report accept|return --district C"
		  " --period P [--reason R]\n"
		  "  sxsh-server user add NAME --role viewer|reviewer|admin"
		  " [--password -]\n"
		  "  sxsh-server user list | disable NAME | passwd NAME"
		  " [--password -]\n"
		  "  sxsh-server publish --out DIR\n"
		  "Every command takes --db F (or SXSH_SERVER_DB) and"
		  " --lang vi|en.\n"), stderr);
	return 1;
}

static int fail(const struct args *a, const struct sx_error *err)
{
	const char *text = strcmp(a->lang, "en") == 0 || !err->msg_vi[0] ?
		err->msg : err->msg_vi;
	fprintf(stderr, "sxsh-server: %s\n", text);
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

static int cmd_serve(struct args *a, struct srv_store *st)
{
	const char *cert = opt(a, "--cert");
	const char *key = opt(a, "--key");
	const char *listen = opt(a, "--listen");
	const char *desk_listen = opt(a, "--desk-listen");
	const char *threads = opt(a, "--threads");
	if (!cert || !key || a->argc != 1)
		return usage(a);
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
				msg(a, "--threads: từ 1 đến 64",
				    "--threads: 1 to 64"));
			return 2;
		}
		o.threads = (unsigned)n;
	}
	char *cert_pem = read_file(cert, &err);
	char *key_pem = cert_pem ? read_file(key, &err) : NULL;
	int rc = 0;
	if (!cert_pem || !key_pem) {
		rc = fail(a, &err);
		goto done;
	}
	o.cert_pem = cert_pem;
	o.key_pem = key_pem;
	if (http_serve(st, &o, &err) != SX_OK)
		rc = fail(a, &err);
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
	char t2[24] = "-", t3[24] = "-";
	if (d->t2_share >= 0)
		snprintf(t2, sizeof t2, "%lld", d->t2_share);
	if (d->t3_share >= 0)
		snprintf(t3, sizeof t3, "%lld", d->t3_share);
	/* Pad the name by characters, not bytes, so columns line up. */
	int chars = 0;
	for (const char *p = d->name; *p; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	printf("%-4s %s%*s %-8s %-20s t2=%s t3=%s\n", d->code, d->name,
	       chars < 28 ? 28 - chars : 0, "",
	       d->revoked_at[0] ? "revoked" : "active", d->created_at, t2,
	       t3);
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

static int cmd_district(struct args *a, struct srv_store *st)
{
	struct sx_error err = {0};
	const char *name = opt(a, "--name");
	const char *t2s = opt(a, "--t2");
	const char *t3s = opt(a, "--t3");
	if (a->argc < 2)
		return usage(a);
	const char *verb = a->argv[1];
	const char *code = a->argc > 2 ? a->argv[2] : NULL;
	enum sx_err rc;
	if (strcmp(verb, "list") == 0 && a->argc == 2) {
		if (store_begin(st, &err) != SX_OK)
			return fail(a, &err);
		rc = store_district_each(st, print_district, NULL, &err);
		store_rollback(st);
		return rc == SX_OK ? 0 : fail(a, &err);
	}
	if (a->argc != 3)
		return usage(a);
	if (!code_valid(code)) {
		fprintf(stderr, "sxsh-server: %s\n",
			msg(a, "mã huyện phải gồm 3 chữ số (mã GSO)",
			    "a district code is 3 digits (GSO code)"));
		return 2;
	}
	int rotate = strcmp(verb, "rotate") == 0;
	if (strcmp(verb, "add") == 0 || rotate) {
		char token[65], hash[65], known[128];
		district_name(code, known, sizeof known);
		if (!name)
			name = known[0] ? known : code;
		if (token_new(token, &err) != SX_OK)
			return fail(a, &err);
		token_sha256_hex(token, 64, hash);
		if (store_begin(st, &err) != SX_OK)
			return fail(a, &err);
		rc = rotate ? store_district_rotate(st, code, hash, &err) :
			store_district_add(st, code, name, hash, &err);
		rc = store_end(st, rc, &err);
		if (rc != SX_OK)
			return fail(a, &err);
		if (rotate)
			fprintf(stderr, msg(a, "Mã truy cập mới của huyện %s"
					    " (chỉ hiện một lần; mã cũ hết"
					    " hiệu lực):\n",
					    "New token of district %s (shown"
					    " once; the old one no longer"
					    " works):\n"), code);
		else
			fprintf(stderr, msg(a, "Đã thêm huyện %s (%s). Mã truy"
					    " cập (chỉ hiện một lần):\n",
					    "District %s (%s) added. Its token"
					    " (shown once):\n"), code, name);
		printf("%s\n", token);
		fflush(stdout);
		memset(token, 0, sizeof token);
		return 0;
	}
	if (strcmp(verb, "revoke") == 0) {
		if (store_begin(st, &err) != SX_OK)
			return fail(a, &err);
		rc = store_district_revoke(st, code, &err);
		rc = store_end(st, rc, &err);
		if (rc != SX_OK)
			return fail(a, &err);
		fprintf(stderr, msg(a, "Đã thu hồi mã truy cập của huyện %s\n",
				    "Token of district %s revoked\n"), code);
		return 0;
	}
	if (strcmp(verb, "targets") == 0) {
		long long t2 = -1, t3 = -1;
		if (!parse_share(t2s, &t2) || !parse_share(t3s, &t3)) {
			fprintf(stderr, "sxsh-server: %s\n",
				msg(a, "--t2/--t3: số nguyên từ 0 đến 1000",
				    "--t2/--t3: an integer 0 to 1000"));
			return 2;
		}
		if (store_begin(st, &err) != SX_OK)
			return fail(a, &err);
		rc = store_district_set_targets(st, code, t2, t3, &err);
		rc = store_end(st, rc, &err);
		return rc == SX_OK ? 0 : fail(a, &err);
	}
	return usage(a);
}

/* Shows the reference version and the report deadline; --deadline-days
 * changes the deadline (days after the period end) and bumps the version
 * so that districts fetch it at their next sync. */
static int cmd_reference(struct args *a, struct srv_store *st)
{
	struct sx_error err = {0};
	const char *days_s = opt(a, "--deadline-days");
	if (a->argc != 1)
		return usage(a);
	long long days = -1;
	if (days_s && (!parse_share(days_s, &days) || days > 366)) {
		fprintf(stderr, "sxsh-server: %s\n",
			msg(a, "--deadline-days: số ngày từ 0 đến 366",
			    "--deadline-days: a number of days 0 to 366"));
		return 2;
	}
	if (store_begin(st, &err) != SX_OK)
		return fail(a, &err);
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
		return fail(a, &err);
	printf("version %lld\ndeadline_days %lld\n", version, current);
	return 0;
}

static int cmd_report(struct args *a, struct srv_store *st)
{
	struct sx_error err = {0};
	const char *period = opt(a, "--period");
	const char *format = opt(a, "--format");
	const char *district = opt(a, "--district");
	const char *reason = opt(a, "--reason");
	if (!period)
		return usage(a);
	if (!submit_period_valid(period)) {
		fprintf(stderr, "sxsh-server: %s\n",
			msg(a, "kỳ báo cáo phải có dạng 2017S1, 2017S2"
			    " hoặc 2017",
			    "a period is like 2017S1, 2017S2 or 2017"));
		return 2;
	}
	if (a->argc == 1) {
		enum consolidate_format f = CONS_TEXT;
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
		if (consolidate_write(st, period, f, stdout, &err) != SX_OK)
			return fail(a, &err);
		return 0;
	}
	if (a->argc != 2 || !district)
		return usage(a);
	const char *verb = a->argv[1];
	const char *status = strcmp(verb, "accept") == 0 ? "accepted" :
		strcmp(verb, "return") == 0 ? "returned" : NULL;
	if (!status)
		return usage(a);
	if (reason && strlen(reason) > 500) {
		fprintf(stderr, "sxsh-server: %s\n",
			msg(a, "lý do dài quá 500 byte",
			    "reason longer than 500 bytes"));
		return 2;
	}
	if (strcmp(status, "returned") == 0 && (!reason || !*reason)) {
		fprintf(stderr, "sxsh-server: %s\n",
			msg(a, "trả lại báo cáo cần --reason",
			    "returning a report needs --reason"));
		return 1;
	}
	long long revision = 0;
	if (store_begin(st, &err) != SX_OK)
		return fail(a, &err);
	enum sx_err rc = store_report_decide(st, district, period, status,
					     reason, &revision, &err);
	rc = store_end(st, rc, &err);
	if (rc != SX_OK)
		return fail(a, &err);
	fprintf(stderr, msg(a, "Báo cáo %s lần %lld của huyện %s: %s\n",
			    "Report %s revision %lld of district %s: %s\n"),
		period, revision, district, status);
	return 0;
}

/* The password for user add/passwd: the first line of standard input
 * with --password -, else a generated one (*generated set).  0 when
 * standard input has no acceptable password. */
static int read_password(const struct args *a, const char *how,
			 char out[1026], int *generated)
{
	*generated = 0;
	if (!how) {
		desk_pass_generate(out);
		*generated = 1;
		return 1;
	}
	if (strcmp(how, "-") != 0 || !fgets(out, 1026, stdin)) {
		fprintf(stderr, "sxsh-server: %s\n",
			msg(a, "--password - đọc mật khẩu từ đầu vào chuẩn",
			    "--password - reads the password from standard"
			    " input"));
		return 0;
	}
	out[strcspn(out, "\r\n")] = '\0';
	if (strlen(out) < 8 || strlen(out) > 1024) {
		fprintf(stderr, "sxsh-server: %s\n",
			msg(a, "mật khẩu từ 8 đến 1024 byte",
			    "a password is 8 to 1024 bytes"));
		return 0;
	}
	return 1;
}

static void print_user(const struct store_user *u, void *arg)
{
	(void)arg;
	printf("%-32s %-8s %-8s %s\n", u->name, u->role,
	       u->disabled_at[0] ? "disabled" : "active", u->created_at);
}

/* Accounts of the province's desk (README: "Province desk"). */
static int cmd_user(struct args *a, struct srv_store *st)
{
	struct sx_error err = {0};
	const char *role = opt(a, "--role");
	const char *how = opt(a, "--password");
	if (a->argc < 2)
		return usage(a);
	const char *verb = a->argv[1];
	enum sx_err rc;
	if (strcmp(verb, "list") == 0 && a->argc == 2) {
		if (store_begin(st, &err) != SX_OK)
			return fail(a, &err);
		rc = store_user_each(st, print_user, NULL, &err);
		store_rollback(st);
		return rc == SX_OK ? 0 : fail(a, &err);
	}
	if (a->argc != 3)
		return usage(a);
	const char *name = a->argv[2];
	int add = strcmp(verb, "add") == 0;
	int passwd = strcmp(verb, "passwd") == 0;
	if (!add && !passwd && strcmp(verb, "disable") != 0)
		return usage(a);
	if (!desk_user_name_valid(name)) {
		fprintf(stderr, "sxsh-server: %s\n",
			msg(a, "tên tài khoản gồm 1–32 ký tự a-z 0-9 . _ -",
			    "a user name is 1–32 of a-z 0-9 . _ -"));
		return 2;
	}
	if (add && desk_role_parse(role) == DESK_NONE) {
		fprintf(stderr, "sxsh-server: %s\n",
			msg(a, "--role viewer, reviewer hoặc admin",
			    "--role viewer, reviewer or admin"));
		return role ? 2 : 1;
	}
	char password[1026], hash[128] = "";
	int generated = 0;
	if (add || passwd) {
		if (!read_password(a, how, password, &generated))
			return 2;
		rc = desk_pass_hash(password, hash, &err);
		if (rc != SX_OK)
			return fail(a, &err);
	}
	if (store_begin(st, &err) != SX_OK)
		return fail(a, &err);
	rc = add ? store_user_add(st, name, role, hash, &err) :
		passwd ? store_user_set_password(st, name, hash, &err) :
		store_user_disable(st, name, &err);
	rc = store_end(st, rc, &err);
	if (rc != SX_OK)
		return fail(a, &err);
	if (generated) {
		fprintf(stderr, msg(a, "Mật khẩu của %s (chỉ hiện một lần):\n",
				    "Password of %s (shown once):\n"), name);
		printf("%s\n", password);
		fflush(stdout);
	} else {
		fprintf(stderr, msg(a, "Đã lưu tài khoản %s\n",
				    "User %s saved\n"), name);
	}
	memset(password, 0, sizeof password);
	return 0;
}

/* The public pages as static files for the Department's web server. */
static int cmd_publish(struct args *a, struct srv_store *st)
{
	struct sx_error err = {0};
	const char *dir = opt(a, "--out");
	if (!dir || !*dir || a->argc != 1)
		return usage(a);
	if (desk_publish(st, dir, &err) != SX_OK)
		return fail(a, &err);
	fprintf(stderr, msg(a, "Đã ghi trang công khai vào %s/index.html\n",
			    "Public pages written to %s/index.html\n"), dir);
	return 0;
}

int main(int argc, char **argv)
{
	struct args a = {argc, argv, NULL};
	a.lang = opt(&a, "--lang");
	if (!a.lang)
		a.lang = "vi";
	if (strcmp(a.lang, "vi") != 0 && strcmp(a.lang, "en") != 0)
		return usage(&a);
	const char *db = opt(&a, "--db");
	if (!db)
		db = getenv("SXSH_SERVER_DB");
	/* The argument vector now starts at the command. */
	a.argv++;
	a.argc--;
	if (a.argc < 1 || strcmp(a.argv[0], "--help") == 0 ||
	    strcmp(a.argv[0], "-h") == 0)
		return usage(&a);
	const char *cmd = a.argv[0];
	if (strcmp(cmd, "serve") != 0 && strcmp(cmd, "district") != 0 &&
	    strcmp(cmd, "report") != 0 && strcmp(cmd, "reference") != 0 &&
	    strcmp(cmd, "user") != 0 && strcmp(cmd, "publish") != 0 &&
	    strcmp(cmd, "plan") != 0)
		return usage(&a);
	if (!db || !*db) {
		fprintf(stderr, "sxsh-server: %s\n",
			msg(&a, "cần --db TỆP hoặc biến SXSH_SERVER_DB",
			    "needs --db FILE or SXSH_SERVER_DB"));
		return 1;
	}
	if (strcmp(cmd, "serve") == 0)
		http_block_signals(); /* before any thread exists */
	struct sx_error err = {0};
	struct srv_store *st = NULL;
	if (store_open(db, &st, &err) != SX_OK)
		return fail(&a, &err);
	int rc;
	if (strcmp(cmd, "serve") == 0)
		rc = cmd_serve(&a, st);
	else if (strcmp(cmd, "district") == 0)
		rc = cmd_district(&a, st);
	else if (strcmp(cmd, "reference") == 0)
		rc = cmd_reference(&a, st);
	else if (strcmp(cmd, "user") == 0)
		rc = cmd_user(&a, st);
	else if (strcmp(cmd, "publish") == 0)
		rc = cmd_publish(&a, st);
	else if (strcmp(cmd, "plan") == 0)
		rc = plan_command(a.argc, a.argv, a.lang, st);
	else
		rc = cmd_report(&a, st);
	store_close(st);
	return rc;
}

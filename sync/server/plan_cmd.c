/* plan_cmd.c — the plan commands of sxsh-server (plan_cmd.h):
 *
 *   plan import FILE     checks the file whole, then stores it as the
 *                        plan's next version (nothing stored on error)
 *   plan list            code, days, version and title of every plan
 *   plan show CODE [--version N]   the plan file of that version
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sxsh/clock.h"
#include "plan_cmd.h"
#include "store_plan.h"

/* A plan file is a few kilobytes; this bounds a wrong file. */
#define PLAN_FILE_MAX (1 << 20)

static int english(const char *lang)
{
	return lang && strcmp(lang, "en") == 0;
}

static int fail(const char *lang, const struct sx_error *err)
{
	fprintf(stderr, "sxsh-server: %s\n",
		english(lang) || !err->msg_vi[0] ? err->msg : err->msg_vi);
	return sx_exit_status(err->code);
}

/* The file's bytes, NUL-terminated; NULL with err set. */
static char *read_plan_file(const char *path, size_t *len,
			    struct sx_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		sx_error_set(err, SX_INVALID, "file", NULL, "cannot read %s: %s",
			     path, strerror(errno));
		snprintf(err->msg_vi, sizeof err->msg_vi,
			 "không đọc được %.160s: %.60s", path, strerror(errno));
		return NULL;
	}
	char *buf = malloc(PLAN_FILE_MAX + 1);
	size_t n = buf ? fread(buf, 1, PLAN_FILE_MAX + 1, f) : 0;
	int bad = ferror(f);
	fclose(f);
	if (!buf) {
		sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
		return NULL;
	}
	if (bad || n > PLAN_FILE_MAX) {
		free(buf);
		sx_error_set(err, SX_INVALID, "file", bad ?
			     "không đọc được tệp kế hoạch" :
			     "tệp kế hoạch lớn quá 1 MiB", "%s: %s", path,
			     bad ? "read error" : "larger than 1 MiB");
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

int plan_cmd_import(struct srv_store *st, const char *path,
		    const char *lang)
{
	struct sx_error err = {0};
	size_t len = 0;
	char *text = read_plan_file(path, &len, &err);
	if (!text)
		return fail(lang, &err);
	long long version = 0;
	int unchanged = 0;
	enum sx_err rc = store_begin(st, &err);
	if (rc == SX_OK) {
		rc = store_plan_import(st, text, len, &version, &unchanged,
				       &err);
		rc = store_end(st, rc, &err);
	}
	free(text);
	if (rc != SX_OK)
		return fail(lang, &err);
	if (unchanged)
		fprintf(stderr, english(lang) ? "Plan unchanged (version %lld)"
			"\n" : "Kế hoạch không đổi (phiên bản %lld)\n",
			version);
	else
		fprintf(stderr, english(lang) ? "Plan stored as version %lld;"
			" districts receive it at their next sync\n" :
			"Đã lưu kế hoạch, phiên bản %lld; các huyện nhận được"
			" khi đồng bộ lần sau\n", version);
	return 0;
}

static enum sx_err print_plan(const struct plan *p, void *arg)
{
	(void)arg;
	printf("%-24s %s %s v%-3lld %s\n", p->code, p->start, p->end,
	       p->version, p->title);
	return SX_OK;
}

int plan_cmd_list(struct srv_store *st, const char *lang)
{
	struct sx_error err = {0};
	enum sx_err rc = store_begin(st, &err);
	if (rc == SX_OK) {
		rc = store_plan_each(st, print_plan, NULL, &err);
		store_rollback(st);
	}
	return rc == SX_OK ? 0 : fail(lang, &err);
}

static void print_version(long long version, const char *at, void *arg)
{
	const char *lang = arg;
	char when[32];
	clock_local_time(at, when);
	fprintf(stderr, english(lang) ? "version %lld stored %s\n" :
		"phiên bản %lld lưu lúc %s\n", version, when);
}

int plan_cmd_show(struct srv_store *st, const char *code,
		  const char *version_s, const char *lang)
{
	struct sx_error err = {0};
	long long version = 0;
	if (version_s) {
		char *end;
		errno = 0;
		version = strtoll(version_s, &end, 10);
		if (errno || *end || version < 1) {
			fputs(english(lang) ? "sxsh-server: --version: a"
			      " version number from 1\n" : "sxsh-server:"
			      " --version: số phiên bản từ 1\n", stderr);
			return 2;
		}
	}
	struct plan p;
	enum sx_err rc = store_begin(st, &err);
	if (rc != SX_OK)
		return fail(lang, &err);
	rc = store_plan_get(st, code, version, &p, NULL, &err);
	if (rc == SX_OK)
		rc = store_plan_versions(st, code, print_version,
					 (void *)lang, &err);
	store_rollback(st);
	if (rc != SX_OK) {
		plan_release(&p);
		return fail(lang, &err);
	}
	char *json = plan_to_json(&p, 1);
	plan_release(&p);
	if (!json) {
		fputs("sxsh-server: out of memory\n", stderr);
		return 5;
	}
	printf("%s\n", json);
	free(json);
	return 0;
}

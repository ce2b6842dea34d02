/* autobackup.c — the daily backup at start-up (autobackup.h).
 *
 * The age of the newest backup is read from its name, not from the file's
 * time, so that copying the folder elsewhere keeps the schedule; names
 * are UTC stamps and sort in time order.  Only files that match the name
 * pattern are counted or ever removed.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "sxsh/autobackup.h"
#include "sxsh/db.h"

#define PREFIX "sxsh-"
#define SUFFIX "Z.db"
/* "sxsh-" + "YYYYmmddTHHMMSS" + "Z.db" */
#define NAME_LEN (5 + 15 + 4)

void autobackup_dir(struct sx_db *db, char *out, size_t outsz)
{
	const char *path = sx_db_path(db);
	const char *slash = strrchr(path, '/');

	if (slash)
		snprintf(out, outsz, "%.*s/backups", (int)(slash - path), path);
	else
		snprintf(out, outsz, "backups");
}

/* "YYYY-MM-DDTHH:MM:SSZ" → time_t (UTC); -1 if malformed. */
static time_t parse_iso(const char *s)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
		   &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return timegm(&tm);
}

/* "sxsh-YYYYmmddTHHMMSSZ.db" → time_t; -1 if not such a name. */
static time_t parse_name(const char *name)
{
	struct tm tm;

	if (strlen(name) != NAME_LEN || strncmp(name, PREFIX, 5) ||
	    strcmp(name + NAME_LEN - 4, SUFFIX))
		return -1;
	for (int i = 5; i < 5 + 15; i++)
		if (i == 13 ? name[i] != 'T' : (name[i] < '0' || name[i] > '9'))
			return -1;
	memset(&tm, 0, sizeof tm);
	if (sscanf(name + 5, "%4d%2d%2dT%2d%2d%2d", &tm.tm_year, &tm.tm_mon,
		   &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return timegm(&tm);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The backup names in dir, sorted oldest first.  *out owned by caller
 * (free each and the array). */
static int list_backups(const char *dir, char ***out, int *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	int count = 0, cap = 0;

	*out = NULL;
	*n = 0;
	if (!d)
		return errno == ENOENT ? 0 : -1;
	while ((de = readdir(d))) {
		if (parse_name(de->d_name) < 0)
			continue;
		if (count == cap) {
			int nc = cap ? cap * 2 : 16;
			char **nn = realloc(names, (size_t)nc * sizeof *nn);
			if (!nn)
				goto oom;
			names = nn;
			cap = nc;
		}
		if (!(names[count] = strdup(de->d_name)))
			goto oom;
		count++;
	}
	closedir(d);
	if (count)
		qsort(names, (size_t)count, sizeof *names, cmp_names);
	*out = names;
	*n = count;
	return 0;
oom:
	closedir(d);
	for (int i = 0; i < count; i++)
		free(names[i]);
	free(names);
	return -1;
}

enum sx_err autobackup_run(struct sx_db *db, int *taken, char *path,
			   size_t path_sz, struct sx_error *err)
{
	char dir[4096], now_iso[21], file[4200], name[NAME_LEN + 1];
	char **names = NULL;
	int n = 0;
	time_t now;
	enum sx_err e = SX_OK;

	if (taken)
		*taken = 0;
	if (path && path_sz)
		path[0] = '\0';
	autobackup_dir(db, dir, sizeof dir);
	sx_now_utc(now_iso);
	now = parse_iso(now_iso);
	if (now < 0)
		now = time(NULL);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return sx_error_set(err, SX_DB, "",
				    "Không tạo được thư mục sao lưu.",
				    "cannot create %s: %s", dir,
				    strerror(errno));
	if (list_backups(dir, &names, &n))
		return sx_error_set(err, SX_DB, "",
				    "Không đọc được thư mục sao lưu.",
				    "cannot read %s", dir);
	/* due when none is younger than a day (a clock set back counts
	 * as due too: a backup "from the future" proves nothing) */
	if (!n || now - parse_name(names[n - 1]) >= 24 * 3600 ||
	    parse_name(names[n - 1]) > now) {
		struct tm tm;
		gmtime_r(&now, &tm);
		strftime(name, sizeof name, PREFIX "%Y%m%dT%H%M%S" SUFFIX, &tm);
		snprintf(file, sizeof file, "%s/%s", dir, name);
		e = sx_db_backup(db, file, err);
		if (e == SX_OK) {
			if (taken)
				*taken = 1;
			if (path && path_sz)
				snprintf(path, path_sz, "%s", file);
			for (int i = 0; i < n; i++)
				free(names[i]);
			free(names);
			if (list_backups(dir, &names, &n))
				return sx_error_set(err, SX_DB, "", NULL,
						    "cannot read %s", dir);
		}
	}
	for (int i = 0; i < n; i++) {
		if (e == SX_OK && i < n - AUTOBACKUP_KEEP) {
			snprintf(file, sizeof file, "%s/%s", dir, names[i]);
			remove(file);
		}
		free(names[i]);
	}
	free(names);
	return e;
}

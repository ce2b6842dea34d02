/* savedir.c — the default folder for documents, and saving the report's
 * PDF and printable HTML there (savedir.h). */
#include <dirent.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sxsh/outfile.h"
#include "sxsh/report.h"
#include "sxsh/savedir.h"

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A mount point is a folder on another device than its parent. */
static int is_mount_point(const char *path, const char *parent)
{
	struct stat a, b;
	return stat(path, &a) == 0 && S_ISDIR(a.st_mode) &&
	       stat(parent, &b) == 0 && a.st_dev != b.st_dev;
}

static int first_mounted(const char *root, char *out, size_t outsz)
{
	struct dirent **names = NULL;
	int n = scandir(root, &names, NULL, alphasort), found = 0;

	for (int i = 0; i < n; i++) {
		char path[4096];
		if (!found && names[i]->d_name[0] != '.' &&
		    (size_t)snprintf(path, sizeof path, "%s/%s", root,
				     names[i]->d_name) < sizeof path &&
		    is_mount_point(path, root) && access(path, W_OK) == 0) {
			snprintf(out, outsz, "%s", path);
			found = 1;
		}
		free(names[i]);
	}
	free(names);
	return found;
}

/* XDG_DOCUMENTS_DIR="$HOME/Tài liệu" from user-dirs.dirs, expanded. */
static int documents_from_user_dirs(const char *home, char *out,
				    size_t outsz)
{
	char path[4096], line[4096];
	FILE *f;
	int found = 0;

	snprintf(path, sizeof path, "%s/.config/user-dirs.dirs", home);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (!found && fgets(line, sizeof line, f)) {
		const char *key = "XDG_DOCUMENTS_DIR=\"";
		char *v, *end;
		if (strncmp(line, key, strlen(key)))
			continue;
		v = line + strlen(key);
		end = strchr(v, '"');
		if (!end)
			break;
		*end = '\0';
		if (!strncmp(v, "$HOME/", 6))
			snprintf(out, outsz, "%s/%s", home, v + 6);
		else
			snprintf(out, outsz, "%s", v);
		found = is_dir(out);
	}
	fclose(f);
	return found;
}

int savedir_default(const char *const *media_roots, char *out,
		    size_t outsz)
{
	const char *home = getenv("HOME");
	const char *docs = getenv("XDG_DOCUMENTS_DIR");

	for (int i = 0; media_roots && media_roots[i]; i++)
		if (first_mounted(media_roots[i], out, outsz))
			return 1;
	if (docs && *docs && is_dir(docs)) {
		snprintf(out, outsz, "%s", docs);
		return 0;
	}
	if (home && *home) {
		if (documents_from_user_dirs(home, out, outsz))
			return 0;
		snprintf(out, outsz, "%s/Documents", home);
		if (is_dir(out))
			return 0;
		snprintf(out, outsz, "%s", home);
		return 0;
	}
	snprintf(out, outsz, ".");
	return 0;
}

const char *const *savedir_media_roots(void)
{
	static char media[300], run_media[300];
	static const char *roots[3];
	struct passwd *pw = getpwuid(getuid());
	const char *user = pw && pw->pw_name ? pw->pw_name : "";

	snprintf(media, sizeof media, "/media/%s", user);
	snprintf(run_media, sizeof run_media, "/run/media/%s", user);
	roots[0] = media;
	roots[1] = run_media;
	roots[2] = NULL;
	return roots;
}

static enum sx_err write_whole(const char *path, const char *data,
			       size_t len, struct sx_error *err)
{
	struct sx_outfile file;

	if (sx_outfile_open(&file, path, err) != SX_OK)
		return err ? err->code : SX_DB;
	if (fwrite(data, 1, len, file.f) != len) {
		sx_outfile_abort(&file);
		return sx_error_set(err, SX_DB, "folder",
				    "Không ghi được tệp (ổ đầy hoặc không có "
				    "quyền ghi)", "cannot write %s", path);
	}
	return sx_outfile_commit(&file, err);
}

enum sx_err savedir_save_report(struct sx_db *db, const char *period,
				const char *folder, char *pdf_path,
				char *html_path, int *saved_html,
				struct sx_error *err)
{
	struct sx_report_rev rev;
	struct sx_render_opts o = {"vi", NULL, "draft", NULL};
	char date[11], html_name[4096], pdf_name[4096];
	char *json = NULL, *html = NULL, *pdf = NULL;
	size_t html_len = 0, pdf_len = 0;
	enum sx_err e;

	*saved_html = 0;
	if (!folder || !*folder || !is_dir(folder))
		return sx_error_set(err, SX_INVALID, "folder",
				    "Thư mục không tồn tại",
				    "no such folder: %s", folder ? folder : "");
	if ((size_t)snprintf(html_name, sizeof html_name,
			     "%s/bao-cao-sxsh-%s.html", folder, period) >=
	    sizeof html_name ||
	    (size_t)snprintf(pdf_name, sizeof pdf_name,
			     "%s/bao-cao-sxsh-%s.pdf", folder, period) >=
	    sizeof pdf_name)
		return sx_error_set(err, SX_INVALID, "folder",
				    "Tên thư mục quá dài", "folder name too "
				    "long");
	e = report_get(db, period, 0, &rev, &json, NULL);
	if (e == SX_OK) {
		snprintf(date, sizeof date, "%.10s", rev.finalised_at);
		o.date = date;
		o.status = rev.status;
		o.sha256 = rev.sha256;
	} else {
		e = report_build(db, period, &json, NULL, err);
		if (e)
			return e;
	}
	e = report_render(json, SX_REPORT_HTML, &o, &html, &html_len, err);
	if (!e)
		e = write_whole(html_name, html, html_len, err);
	if (!e) {
		*saved_html = 1;
		if (html_path)
			snprintf(html_path, 4096, "%s", html_name);
		e = report_render(json, SX_REPORT_PDF, &o, &pdf, &pdf_len,
				  err);
	}
	if (!e)
		e = write_whole(pdf_name, pdf, pdf_len, err);
	if (!e && pdf_path)
		snprintf(pdf_path, 4096, "%s", pdf_name);
	free(json);
	free(html);
	free(pdf);
	return e;
}

/* store_desk.c — the store's part for the province's desk: accounts,
 * sessions (kept by the SHA-256 of their cookie value), failed logins for
 * the rate limit, and a district's last sync.  Tables: migration 2 of
 * store_schema.c.  Same rules as store.c: run between store_begin and its
 * end.
 */
#include <stdio.h>
#include <string.h>
#include "sxsh/clock.h"
#include "store_internal.h"

#define USER_COLS "name, role, pass_hash, created_at, disabled_at"

static enum sx_err user_read(sqlite3_stmt *s, void *out)
{
	struct store_user *u = out;
	memset(u, 0, sizeof *u);
	db_column_copy(s, 0, u->name, sizeof u->name);
	db_column_copy(s, 1, u->role, sizeof u->role);
	db_column_copy(s, 2, u->pass_hash, sizeof u->pass_hash);
	db_column_copy(s, 3, u->created_at, sizeof u->created_at);
	db_column_copy(s, 4, u->disabled_at, sizeof u->disabled_at);
	return SX_OK;
}

enum sx_err store_user_add(struct srv_store *st, const char *name,
			   const char *role, const char *pass_hash,
			   struct sx_error *err)
{
	char now[21];
	sx_now_utc(now);
	int changed = 0;
	enum sx_err rc = db_write(st->db,
		"INSERT INTO desk_user(name, role, pass_hash, created_at)"
		" VALUES(?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
		DB_ARGS(DB_TEXT(name), DB_TEXT(role), DB_TEXT(pass_hash),
			DB_TEXT(now)), &changed, "add user", err);
	if (rc == SX_OK && changed == 0)
		return sx_error_set(err, SX_CONFLICT, "name",
				    "Tài khoản đã có", "user %s exists already",
				    name);
	return rc;
}

enum sx_err store_user_get(struct srv_store *st, const char *name,
			   struct store_user *out, struct sx_error *err)
{
	enum sx_err rc = db_get(st->db,
		"SELECT " USER_COLS " FROM desk_user WHERE name = ?1",
		DB_ARGS(DB_TEXT(name)), user_read, out, "find user", err);
	if (rc == SX_NOTFOUND)
		return sx_error_set(err, SX_NOTFOUND, "name",
				    "Không có tài khoản này", "no user %s",
				    name);
	return rc;
}

struct user_visit {
	void (*fn)(const struct store_user *, void *);
	void *arg;
};

static enum sx_err user_visit(sqlite3_stmt *s, void *arg)
{
	struct user_visit *v = arg;
	struct store_user u;
	user_read(s, &u);
	v->fn(&u, v->arg);
	return SX_OK;
}

enum sx_err store_user_each(struct srv_store *st,
			    void (*fn)(const struct store_user *, void *),
			    void *arg, struct sx_error *err)
{
	struct user_visit v = {fn, arg};
	return db_each(st->db,
		       "SELECT " USER_COLS " FROM desk_user ORDER BY name",
		       DB_NO_ARGS, user_visit, &v, "list users", err);
}

/* A write that must change a row of user name; then, as whoever held the
 * old password must not stay logged in, the user's sessions end. */
static enum sx_err user_write(struct srv_store *st, const char *sql,
			      const struct db_arg *args, int nargs,
			      const char *name, const char *vi,
			      const char *en, const char *what,
			      struct sx_error *err)
{
	int changed = 0;
	enum sx_err rc = db_write(st->db, sql, args, nargs, &changed, what,
				  err);
	if (rc != SX_OK)
		return rc;
	if (changed == 0)
		return sx_error_set(err, SX_NOTFOUND, "name", vi, "%s %s", en,
				    name);
	return db_write(st->db, "DELETE FROM desk_session WHERE user = ?1",
			DB_ARGS(DB_TEXT(name)), NULL, "end sessions", err);
}

enum sx_err store_user_disable(struct srv_store *st, const char *name,
			       struct sx_error *err)
{
	char now[21];
	sx_now_utc(now);
	return user_write(st,
		"UPDATE desk_user SET disabled_at = ?2"
		" WHERE name = ?1 AND disabled_at IS NULL",
		DB_ARGS(DB_TEXT(name), DB_TEXT(now)), name,
		"Không có tài khoản đang hoạt động này", "no active user",
		"disable user", err);
}

enum sx_err store_user_set_password(struct srv_store *st, const char *name,
				    const char *pass_hash,
				    struct sx_error *err)
{
	return user_write(st,
		"UPDATE desk_user SET pass_hash = ?2 WHERE name = ?1",
		DB_ARGS(DB_TEXT(name), DB_TEXT(pass_hash)), name,
		"Không có tài khoản này", "no user", "set password", err);
}

enum sx_err store_session_add(struct srv_store *st, const char *id_hash,
			      const char *user, const char *csrf,
			      long long now, struct sx_error *err)
{
	return db_write(st->db,
		"INSERT INTO desk_session(id_hash, user, csrf, created_at,"
		" last_seen) VALUES(?1, ?2, ?3, ?4, ?4)",
		DB_ARGS(DB_TEXT(id_hash), DB_TEXT(user), DB_TEXT(csrf),
			DB_INT(now)), NULL, "add session", err);
}

static enum sx_err session_read(sqlite3_stmt *s, void *arg)
{
	struct store_session *out = arg;
	memset(out, 0, sizeof *out);
	db_column_copy(s, 0, out->user, sizeof out->user);
	db_column_copy(s, 1, out->csrf, sizeof out->csrf);
	out->last_seen = sqlite3_column_int64(s, 2);
	db_column_copy(s, 3, out->role, sizeof out->role);
	return SX_OK;
}

enum sx_err store_session_get(struct srv_store *st, const char *id_hash,
			      struct store_session *out, struct sx_error *err)
{
	enum sx_err rc = db_get(st->db,
		"SELECT s.user, s.csrf, s.last_seen, u.role FROM desk_session s"
		" JOIN desk_user u ON u.name = s.user"
		" WHERE s.id_hash = ?1 AND u.disabled_at IS NULL",
		DB_ARGS(DB_TEXT(id_hash)), session_read, out, "find session",
		err);
	if (rc == SX_NOTFOUND)
		return sx_error_set(err, SX_NOTFOUND, "", NULL, "no session");
	return rc;
}

enum sx_err store_session_touch(struct srv_store *st, const char *id_hash,
				long long now, struct sx_error *err)
{
	return db_write(st->db,
		"UPDATE desk_session SET last_seen = ?2 WHERE id_hash = ?1",
		DB_ARGS(DB_TEXT(id_hash), DB_INT(now)), NULL, "touch session",
		err);
}

enum sx_err store_session_end(struct srv_store *st, const char *id_hash,
			      long long idle_before, struct sx_error *err)
{
	return db_write(st->db,
		"DELETE FROM desk_session WHERE id_hash = ?1"
		" OR last_seen < ?2",
		DB_ARGS(DB_TEXT(id_hash), DB_INT(idle_before)), NULL,
		"end session", err);
}

enum sx_err store_login_fail_add(struct srv_store *st, const char *user,
				 long long now, long long forget_before,
				 struct sx_error *err)
{
	enum sx_err rc = db_write(st->db,
		"DELETE FROM desk_login_fail WHERE at < ?1",
		DB_ARGS(DB_INT(forget_before)), NULL, "prune failed logins",
		err);
	if (rc != SX_OK)
		return rc;
	return db_write(st->db,
		"INSERT INTO desk_login_fail(user, at) VALUES(?1, ?2)",
		DB_ARGS(DB_TEXT(user), DB_INT(now)), NULL, "failed login",
		err);
}

enum sx_err store_login_fail_count(struct srv_store *st, const char *user,
				   long long since, long long *count,
				   struct sx_error *err)
{
	*count = 0;
	enum sx_err rc = db_get(st->db,
		"SELECT count(*) FROM desk_login_fail WHERE user = ?1"
		" AND at >= ?2", DB_ARGS(DB_TEXT(user), DB_INT(since)),
		db_read_int64, count, "count logins", err);
	return rc == SX_NOTFOUND ? db_error(st->db, err, "count logins") : rc;
}

static enum sx_err text_read(sqlite3_stmt *s, void *out)
{
	db_column_copy(s, 0, out, 21);
	return SX_OK;
}

enum sx_err store_district_last_sync(struct srv_store *st, const char *code,
				     char out[21], struct sx_error *err)
{
	out[0] = '\0';
	enum sx_err rc = db_get(st->db,
		"SELECT max(coalesce((SELECT max(applied_at)"
		" FROM applied_change WHERE district = ?1), ''),"
		" coalesce((SELECT max(received_at) FROM report"
		" WHERE district = ?1), ''))",
		DB_ARGS(DB_TEXT(code)), text_read, out, "last sync", err);
	return rc == SX_NOTFOUND ? db_error(st->db, err, "last sync") : rc;
}

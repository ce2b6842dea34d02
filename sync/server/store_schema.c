/* store_schema.c — the server store's schema as ordered migrations.
 *
 * migrations[i] brings the file from user_version i to i + 1, in one
 * transaction with the bump (core's sx_db_open_schema runs them).  A
 * released migration is never edited: a new table or column is a new
 * migration appended to the list.  Version 1 is the schema every server
 * before migrations created (and stamped 1), so it keeps IF NOT EXISTS.
 */
#include "store_internal.h"

static const char schema_v1[] =
	"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER);"
	"CREATE TABLE IF NOT EXISTS district("
	" code TEXT PRIMARY KEY, name TEXT NOT NULL,"
	" token_hash TEXT NOT NULL UNIQUE,"
	" created_at TEXT NOT NULL, revoked_at TEXT,"
	" t2_share INTEGER, t3_share INTEGER);"
	"CREATE TABLE IF NOT EXISTS record("
	" uuid TEXT PRIMARY KEY, district TEXT NOT NULL REFERENCES district,"
	" kind TEXT NOT NULL, rev INTEGER NOT NULL UNIQUE,"
	" deleted INTEGER NOT NULL, fields TEXT NOT NULL,"
	" client_id TEXT NOT NULL, change_id TEXT NOT NULL,"
	" updated_at TEXT NOT NULL);"
	"CREATE INDEX IF NOT EXISTS record_pull ON record(district, rev);"
	"CREATE TABLE IF NOT EXISTS applied_change("
	" district TEXT NOT NULL, change_id TEXT NOT NULL,"
	" record_uuid TEXT NOT NULL, rev INTEGER NOT NULL,"
	" applied_at TEXT NOT NULL,"
	" PRIMARY KEY(district, change_id)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS report("
	" id INTEGER PRIMARY KEY, district TEXT NOT NULL REFERENCES district,"
	" period TEXT NOT NULL, revision INTEGER NOT NULL, replaces INTEGER,"
	" sha256 TEXT NOT NULL, json TEXT NOT NULL,"
	" receipt TEXT NOT NULL UNIQUE,"
	" status TEXT NOT NULL CHECK(status IN('sent','accepted','returned')),"
	" reason TEXT, received_at TEXT NOT NULL, status_at TEXT,"
	" UNIQUE(district, period, revision), UNIQUE(district, sha256));"
	"CREATE TRIGGER IF NOT EXISTS report_frozen BEFORE UPDATE OF"
	" district, period, revision, replaces, sha256, json, receipt,"
	" received_at ON report BEGIN"
	" SELECT RAISE(ABORT, 'a received report revision cannot change');"
	" END;";

/* The province's desk (issue 15): accounts, sessions by the hash of their
 * cookie, and failed logins for the rate limit.  IF NOT EXISTS: servers
 * built between the desk and migrations created these at version 1. */
static const char schema_v2[] =
	"CREATE TABLE IF NOT EXISTS desk_user("
	" name TEXT PRIMARY KEY,"
	" role TEXT NOT NULL CHECK(role IN('viewer','reviewer','admin')),"
	" pass_hash TEXT NOT NULL, created_at TEXT NOT NULL,"
	" disabled_at TEXT);"
	"CREATE TABLE IF NOT EXISTS desk_session("
	" id_hash TEXT PRIMARY KEY,"
	" user TEXT NOT NULL REFERENCES desk_user ON DELETE CASCADE,"
	" csrf TEXT NOT NULL, created_at INTEGER NOT NULL,"
	" last_seen INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS desk_login_fail("
	" user TEXT NOT NULL, at INTEGER NOT NULL);"
	"CREATE INDEX IF NOT EXISTS desk_login_fail_user"
	" ON desk_login_fail(user, at);";

/* The desk's completeness page reads every report's state but not its
 * JSON; the state columns sit after the JSON in the row, so without this
 * index each read walks the JSON's overflow pages (10 ms of the server's
 * CPU for 12 districts × 10 realistic reports, bench_desk). */
static const char schema_v3[] =
	"CREATE INDEX IF NOT EXISTS report_state ON report(district, period,"
	" revision, id, replaces, sha256, receipt, status, reason,"
	" received_at, status_at);";

/* The province's plans (issue 11): each import of a plan is a new
 * version, kept whole as its canonical JSON; plan names the current one
 * and its days, which must not overlap another plan's.  IF NOT EXISTS,
 * as version 2: a file stamped back to an older version may have them. */
static const char schema_v4[] =
	"CREATE TABLE IF NOT EXISTS plan("
	" code TEXT PRIMARY KEY, start_date TEXT NOT NULL,"
	" end_date TEXT NOT NULL, version INTEGER NOT NULL);"
	"CREATE TABLE IF NOT EXISTS plan_version("
	" code TEXT NOT NULL REFERENCES plan, version INTEGER NOT NULL,"
	" json TEXT NOT NULL, imported_at TEXT NOT NULL,"
	" PRIMARY KEY(code, version)) WITHOUT ROWID;"
	"CREATE TRIGGER IF NOT EXISTS plan_version_frozen"
	" BEFORE UPDATE ON plan_version"
	" BEGIN SELECT RAISE(ABORT, 'a plan version cannot change'); END;";

static const char *const migrations[] = {
	schema_v1,
	schema_v2,
	schema_v3,
	schema_v4,
};

const struct sx_db_schema store_schema = {
	"sxsh-server", migrations,
	(int)(sizeof migrations / sizeof migrations[0]), 10000
};

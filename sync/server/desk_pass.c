/* desk_pass.c — desk passwords: argon2id from libsodium, user names and
 * roles.
 *
 * Parameters for a small server (2 cores, a few GB, a handful of officers
 * logging in a day): 3 passes over 32 MiB.  One hash takes about a tenth
 * of a second on such a machine, so a login stays well under a second
 * even with four at once (128 MiB), while a stolen database costs an
 * attacker 32 MiB and three passes per guess.  The parameters are inside
 * each stored string, so raising them later keeps old hashes working.
 */
#include <string.h>
#include <sodium.h>
#include "desk.h"

#define PASS_OPSLIMIT 3
#define PASS_MEMLIMIT (32u * 1024 * 1024)

enum sx_err desk_pass_hash(const char *password, char out[128],
			   struct sx_error *err)
{
	_Static_assert(crypto_pwhash_STRBYTES == 128, "hash string size");
	if (sodium_init() < 0 ||
	    crypto_pwhash_str_alg(out, password, strlen(password),
				  PASS_OPSLIMIT, PASS_MEMLIMIT,
				  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return sx_error_set(err, SX_NOMEM, "", NULL,
				    "password hash: out of memory");
	return SX_OK;
}

int desk_pass_verify(const char *hash, const char *password)
{
	if (sodium_init() < 0)
		return 0;
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void desk_pass_generate(char out[17])
{
	/* Without 0/O and 1/l/I, so that it can be read out on the phone. */
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz"
				       "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	if (sodium_init() < 0) {
		out[0] = '\0';
		return;
	}
	for (int i = 0; i < 16; i++)
		out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	out[16] = '\0';
}

int desk_user_name_valid(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (n < 1 || n > 32)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

enum desk_role desk_role_parse(const char *name)
{
	if (!name)
		return DESK_NONE;
	if (strcmp(name, "viewer") == 0)
		return DESK_VIEWER;
	if (strcmp(name, "reviewer") == 0)
		return DESK_REVIEWER;
	if (strcmp(name, "admin") == 0)
		return DESK_ADMIN;
	return DESK_NONE;
}

/* token.h — district tokens and desk session ids: 32 random bytes shown
 * as 64 lowercase hex characters, stored and compared only by their
 * SHA-256.  The randomness and the hash are core's (sxsh/crypto.h); these
 * are the server's names for them. */
#ifndef SXSH_SERVER_TOKEN_H
#define SXSH_SERVER_TOKEN_H

#include <stddef.h>
#include "sxsh/crypto.h"

/* 64 lowercase hex characters from getrandom(2). */
static inline enum sx_err token_new(char out[65], struct sx_error *err)
{
	return crypto_random_hex(out, 32, err);
}

/* Lowercase hex SHA-256 of the len bytes at data. */
static inline void token_sha256_hex(const void *data, size_t len,
				    char out[65])
{
	crypto_sha256_hex(data, len, out);
}

#endif

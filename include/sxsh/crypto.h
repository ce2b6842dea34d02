/* crypto.h — the few cryptographic pieces both programs need, once:
 * SHA-256 as lowercase hex (report snapshots, district tokens, desk
 * sessions) and random bytes from the kernel (ids, tokens). */
#ifndef SXSH_CRYPTO_H
#define SXSH_CRYPTO_H

#include <stddef.h>
#include "sxsh/err.h"

/* Lowercase hex SHA-256 of the len bytes at data into out ("" if the
 * digest fails, which OpenSSL does only when out of memory). */
void crypto_sha256_hex(const void *data, size_t len, char out[65]);

/* n random bytes from getrandom(2) into buf.  SX_DB when the kernel
 * refuses (it never should). */
enum sx_err crypto_random(void *buf, size_t n, struct sx_error *err);

/* n random bytes as 2n lowercase hex characters into out (2n + 1 bytes),
 * e.g. 32 bytes for a 64-character token. */
enum sx_err crypto_random_hex(char *out, size_t n, struct sx_error *err);

#endif

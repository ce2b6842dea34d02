/* token.h — district tokens: random, and compared by their SHA-256. */
#ifndef SXSH_SERVER_TOKEN_H
#define SXSH_SERVER_TOKEN_H

#include <stddef.h>
#include "sxsh/err.h"

/* 64 lowercase hex characters from getrandom(2). */
enum sx_err token_new(char out[65], struct sx_error *err);
/* Lowercase hex SHA-256 of the len bytes at data. */
void token_sha256_hex(const void *data, size_t len, char out[65]);

#endif

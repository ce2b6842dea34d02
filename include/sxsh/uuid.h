/* uuid.h — record identity: random (version 4) UUIDs from getrandom(2). */
#ifndef SXSH_UUID_H
#define SXSH_UUID_H

#include "sxsh/err.h"

#define SX_UUID_LEN 36

/* Writes a new lowercase UUID v4 and a NUL into out[37]. */
enum sx_err uuid_new(char out[SX_UUID_LEN + 1], struct sx_error *err);

/* 1 when s is a well-formed UUID (any version, lowercase or uppercase). */
int uuid_is_valid(const char *s);

#endif

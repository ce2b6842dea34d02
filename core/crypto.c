/* crypto.c — SHA-256 to hex (OpenSSL's libcrypto, already core's) and the
 * kernel's random bytes. */
#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <openssl/evp.h>
#include "sxsh/crypto.h"

static void hex(const unsigned char *b, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
}

void crypto_sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;

	out[0] = '\0';
	if (!EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) ||
	    mdlen != 32)
		return;
	hex(md, mdlen, out);
}

enum sx_err crypto_random(void *buf, size_t n, struct sx_error *err)
{
	unsigned char *b = buf;
	size_t got = 0;

	while (got < n) {
		ssize_t r = getrandom(b + got, n - got, 0);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return sx_error_set(err, SX_DB, NULL, NULL,
					    "getrandom failed: %s",
					    strerror(errno));
		}
		got += (size_t)r;
	}
	return SX_OK;
}

enum sx_err crypto_random_hex(char *out, size_t n, struct sx_error *err)
{
	unsigned char b[64];
	enum sx_err e;

	if (n > sizeof b)
		return sx_error_set(err, SX_INVALID, NULL, NULL,
				    "crypto_random_hex: %zu bytes is too many",
				    n);
	e = crypto_random(b, n, err);
	if (!e)
		hex(b, n, out);
	return e;
}

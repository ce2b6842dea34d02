/* uuid.c — version 4 UUIDs from the kernel's random source. */
#include <string.h>
#include "sxsh/crypto.h"
#include "sxsh/uuid.h"

enum sx_err uuid_new(char out[SX_UUID_LEN + 1], struct sx_error *err)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char b[16];
	enum sx_err e = crypto_random(b, sizeof b, err);

	if (e)
		return e;
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	/* by hand: snprintf was most of the cost of an id, and an import
	 * makes two per row */
	for (int i = 0, o = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[b[i] >> 4];
		out[o++] = hex[b[i] & 0x0f];
	}
	out[SX_UUID_LEN] = '\0';
	return SX_OK;
}

int uuid_is_valid(const char *s)
{
	static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

	if (!s || strlen(s) != SX_UUID_LEN)
		return 0;
	for (int i = 0; i < SX_UUID_LEN; i++) {
		char c = s[i];
		if (shape[i] == '-') {
			if (c != '-')
				return 0;
		} else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
			     (c >= 'A' && c <= 'F'))) {
			return 0;
		}
	}
	return 1;
}

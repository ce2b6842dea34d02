/* taxcode.c — the check rule of Vietnamese tax codes (see taxcode.h and
 * core/data/SOURCES.md §3; rejecting remainder 0 follows python-stdnum). */
#include <stdio.h>
#include <string.h>
#include "sxsh/taxcode.h"

int taxcode_check_digit(const char nine_digits[9])
{
	static const int weights[9] = {31, 29, 23, 19, 17, 13, 7, 5, 3};
	int sum = 0;

	for (int i = 0; i < 9; i++) {
		if (nine_digits[i] < '0' || nine_digits[i] > '9')
			return -1;
		sum += (nine_digits[i] - '0') * weights[i];
	}
	if (sum % 11 == 0)
		return -1;
	return 10 - sum % 11;
}

enum taxcode_result taxcode_check(const char *input, char *out, size_t outsz)
{
	char digits[16];
	size_t n = 0;
	int check;

	for (const char *p = input; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (n >= 13)
				return TAXCODE_BAD_FORMAT;
			digits[n++] = *p;
		} else if (*p == '-' || *p == ' ' || *p == '.') {
			/* separators only between digits */
			if (n == 0)
				return TAXCODE_BAD_FORMAT;
		} else {
			return TAXCODE_BAD_FORMAT;
		}
	}
	digits[n] = '\0';
	if (n != 10 && n != 13)
		return TAXCODE_BAD_FORMAT;
	if (!strncmp(digits + 2, "0000000", 7))
		return TAXCODE_BAD_SEQUENCE;
	check = taxcode_check_digit(digits);
	if (check < 0)
		return TAXCODE_NO_CHECK;
	if (digits[9] - '0' != check)
		return TAXCODE_BAD_CHECK;
	if (n == 13 && !strcmp(digits + 10, "000"))
		return TAXCODE_BAD_BRANCH;
	if (out)
		snprintf(out, outsz, "%s", digits);
	return TAXCODE_OK;
}

void taxcode_display(const char *compact, char *out, size_t outsz)
{
	if (strlen(compact) == 13)
		snprintf(out, outsz, "%.10s-%s", compact, compact + 10);
	else
		snprintf(out, outsz, "%s", compact);
}

/* taxcode.h — Vietnamese enterprise tax codes (mã số thuế).
 *
 * 10 digits N1..N10 with N10 = 10 − (Σ Ni·wi mod 11), weights 31 29 23 19
 * 17 13 7 5 3; a remainder of 0 means no valid code has that prefix; the
 * sequence N3..N9 must not be 0000000.  A dependent unit adds a 3-digit
 * branch 001–999: "NNNNNNNNNN-NNN".  Input may use '-', ' ' or '.' as
 * separators; the stored form is compact (10 or 13 digits).
 */
#ifndef SXSH_TAXCODE_H
#define SXSH_TAXCODE_H

#include <stddef.h>

enum taxcode_result {
	TAXCODE_OK = 0,
	TAXCODE_BAD_FORMAT,     /* not 10 or 13 digits */
	TAXCODE_BAD_CHECK,      /* wrong check digit */
	TAXCODE_NO_CHECK,       /* remainder 0: no valid code has the prefix */
	TAXCODE_BAD_SEQUENCE,   /* N3..N9 all zero */
	TAXCODE_BAD_BRANCH      /* branch 000 */
};

/* Checks input and writes the compact form into out (≥ 14 bytes). */
enum taxcode_result taxcode_check(const char *input, char *out,
				  size_t outsz);

/* Compact form → display form "0314409058-002" (out ≥ 15 bytes). */
void taxcode_display(const char *compact, char *out, size_t outsz);

/* The check digit for the first nine digits, or -1 if none exists. */
int taxcode_check_digit(const char nine_digits[9]);

#endif

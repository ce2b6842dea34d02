/* Tax code check rule: the vectors of core/data/SOURCES.md §3 and more. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "sxsh/taxcode.h"

Test(taxcode, accepts_valid_ten_digit_codes)
{
	char out[16];
	cr_assert_eq(taxcode_check("0100047516", out, sizeof out), TAXCODE_OK);
	cr_assert_str_eq(out, "0100047516");
	cr_assert_eq(taxcode_check("0100233488", out, sizeof out), TAXCODE_OK);
	cr_assert_eq(taxcode_check("0314409058", out, sizeof out), TAXCODE_OK);
}

Test(taxcode, accepts_branch_form_and_stores_it_compact)
{
	char out[16], shown[20];
	cr_assert_eq(taxcode_check("0314409058-002", out, sizeof out),
		     TAXCODE_OK);
	cr_assert_str_eq(out, "0314409058002");
	taxcode_display(out, shown, sizeof shown);
	cr_assert_str_eq(shown, "0314409058-002");
	cr_assert_eq(taxcode_check("0314 409 058", out, sizeof out),
		     TAXCODE_OK);
	cr_assert_str_eq(out, "0314409058");
}

Test(taxcode, rejects_tax_code_with_wrong_check_digit)
{
	cr_assert_eq(taxcode_check("0100233480", NULL, 0), TAXCODE_BAD_CHECK);
	cr_assert_eq(taxcode_check("0100047517", NULL, 0), TAXCODE_BAD_CHECK);
}

Test(taxcode, computes_the_worked_example_check_digit)
{
	cr_assert_eq(taxcode_check_digit("010004751"), 6);
}

Test(taxcode, rejects_prefix_whose_remainder_is_zero)
{
	/* Find a prefix with sum ≡ 0 (mod 11): then no 10th digit works. */
	char nine[16] = "010000000";
	int found = 0;
	for (int i = 0; i < 1000 && !found; i++) {
		snprintf(nine, sizeof nine, "01%07d", (i + 1) % 10000000);
		if (taxcode_check_digit(nine) < 0)
			found = 1;
	}
	cr_assert(found);
	for (int d = 0; d <= 9; d++) {
		char code[24];
		snprintf(code, sizeof code, "%.9s%c", nine, '0' + d);
		cr_assert_eq(taxcode_check(code, NULL, 0), TAXCODE_NO_CHECK,
			     "%s", code);
	}
}

Test(taxcode, rejects_bad_shapes)
{
	cr_assert_eq(taxcode_check("", NULL, 0), TAXCODE_BAD_FORMAT);
	cr_assert_eq(taxcode_check("123", NULL, 0), TAXCODE_BAD_FORMAT);
	cr_assert_eq(taxcode_check("01000475160", NULL, 0), TAXCODE_BAD_FORMAT);
	cr_assert_eq(taxcode_check("010004751a", NULL, 0), TAXCODE_BAD_FORMAT);
	cr_assert_eq(taxcode_check("-0100047516", NULL, 0), TAXCODE_BAD_FORMAT);
	cr_assert_eq(taxcode_check("0314409058-000", NULL, 0),
		     TAXCODE_BAD_BRANCH);
	cr_assert_eq(taxcode_check("0100000000", NULL, 0),
		     TAXCODE_BAD_SEQUENCE);
}

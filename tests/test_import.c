/* test_import.c — CSV reading and the importer: good files, bad files
 * (clear message, exit 2, database unchanged), duplicates, round trips. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sxsh/csvread.h"

struct collected {
	int rows;
	char cells[16][8][64];
	int counts[16];
	long lines[16];
};

static enum sx_err collect(const struct csvread_row *row, void *arg,
			   struct sx_error *err)
{
	struct collected *c = arg;
	(void)err;
	if (c->rows < 16) {
		for (int i = 0; i < row->count && i < 8; i++)
			snprintf(c->cells[c->rows][i], 64, "%s",
				 row->fields[i]);
		c->counts[c->rows] = row->count;
		c->lines[c->rows] = row->line;
	}
	c->rows++;
	return SX_OK;
}

static enum sx_err parse(const char *s, struct collected *c,
			 struct sx_error *err)
{
	memset(c, 0, sizeof *c);
	return csvread_parse(s, strlen(s), NULL, collect, c, NULL, err);
}

Test(csvread, reads_semicolons_quotes_newlines_crlf_and_bom)
{
	struct collected c;
	struct sx_error err = {0};
	const char *s = "\xEF\xBB\xBFname;address;phone\r\n"
			"\"Công ty A; chi nhánh\";\"Số 1\r\nTổ 2\";0212\r\n"
			"\"He said \"\"hi\"\"\";x;\r\n";
	cr_assert_eq(parse(s, &c, &err), SX_OK, "%s", err.msg);
	cr_assert_eq(c.rows, 3);
	cr_assert_str_eq(c.cells[0][0], "name");
	cr_assert_str_eq(c.cells[1][0], "Công ty A; chi nhánh");
	cr_assert_str_eq(c.cells[1][1], "Số 1\r\nTổ 2");
	cr_assert_str_eq(c.cells[2][0], "He said \"hi\"");
	cr_assert_str_eq(c.cells[2][2], "");
	cr_assert_eq(c.lines[2], 4, "row after a two-line field starts on "
		     "line 4, got %ld", c.lines[2]);
}

Test(csvread, reads_commas)
{
	struct collected c;
	cr_assert_eq(parse("a,b\n1,\"2,5\"\n", &c, NULL), SX_OK);
	cr_assert_str_eq(c.cells[1][1], "2,5");
	cr_assert_eq(c.counts[1], 2);
}

Test(csvread, drops_trailing_empty_cells)
{
	struct collected c;
	cr_assert_eq(parse("a;b;;\n1;2;;;\n", &c, NULL), SX_OK);
	cr_assert_eq(c.counts[0], 2);
	cr_assert_eq(c.counts[1], 2);
}

Test(csvread, refuses_a_wrong_column_count_with_its_line)
{
	struct collected c;
	struct sx_error err = {0};
	cr_assert_eq(parse("a;b;c\n1;2;3\n\n4;5\n", &c, &err), SX_INVALID);
	cr_assert(strstr(err.msg, "line 4"), "%s", err.msg);
	cr_assert(strstr(err.msg_vi, "dòng 4"), "%s", err.msg_vi);
}

Test(csvread, refuses_unbalanced_quotes)
{
	struct collected c;
	struct sx_error err = {0};
	cr_assert_eq(parse("a;b\n1;\"2\n3;4\n", &c, &err), SX_INVALID);
	cr_assert(strstr(err.msg, "line 2"), "%s", err.msg);
	memset(&err, 0, sizeof err);
	cr_assert_eq(parse("a;b\n1;2\"x\"\n", &c, &err), SX_INVALID);
	cr_assert(strstr(err.msg, "quote"), "%s", err.msg);
}

Test(csvread, refuses_empty_and_header_only_files)
{
	struct collected c;
	struct sx_error err = {0};
	cr_assert_eq(parse("", &c, &err), SX_INVALID);
	cr_assert(strstr(err.msg, "empty"), "%s", err.msg);
	cr_assert_eq(parse("\xEF\xBB\xBF\r\n", &c, &err), SX_INVALID);
	cr_assert(strstr(err.msg, "empty"), "%s", err.msg);
	cr_assert_eq(parse("name;kind\r\n", &c, &err), SX_INVALID);
	cr_assert(strstr(err.msg, "only a header"), "%s", err.msg);
}

Test(csvread, refuses_a_10_mb_field)
{
	size_t n = 10u * 1024 * 1024;
	char *s = malloc(n + 64);
	struct collected c;
	struct sx_error err = {0};
	cr_assert_not_null(s);
	strcpy(s, "a;b\n1;");
	memset(s + 6, 'x', n);
	strcpy(s + 6 + n, "\n");
	cr_assert_eq(csvread_parse(s, strlen(s), NULL, collect, &c, NULL,
				   &err), SX_INVALID);
	cr_assert(strstr(err.msg, "longer than"), "%s", err.msg);
	/* and quoted, running to the end of the file */
	s[6] = '"';
	memset(&err, 0, sizeof err);
	cr_assert_eq(csvread_parse(s, strlen(s), NULL, collect, &c, NULL,
				   &err), SX_INVALID);
	cr_assert(strstr(err.msg, "line 2"), "%s", err.msg);
	free(s);
}

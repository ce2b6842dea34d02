/* test_tui_field.c — the text-entry widgets of the terminal UI without a
 * terminal: tui/field.c, tui/textedit.c and the typed-value parser
 * (tui/value.c, with the i18n table) compiled in here, with the few
 * drawing calls they make stubbed (the tmux tests cover drawing). */
#include <locale.h>
#include "helpers.h"
#include "../tui/field.c"
#include "../tui/textedit.c"
#include "../tui/i18n.c"
#include "../tui/value.c"

int term_wcwidth(wchar_t c)
{
	int w = wcwidth(c);
	return w < 0 ? 1 : w;
}
void term_beep(void) {}
void term_fill(int y, int x, int w, enum term_attr a)
{
	(void)y; (void)x; (void)w; (void)a;
}
int term_wprint(int y, int x, int maxw, enum term_attr a,
		const wchar_t *ws, size_t n)
{
	(void)y; (void)x; (void)maxw; (void)a; (void)ws; (void)n;
	return 0;
}

static void utf8_locale(void)
{
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
}

TestSuite(tui_field, .init = utf8_locale);

/* Types a UTF-8 string key by key, as the terminal delivers it. */
static void type(struct field *f, const char *s)
{
	mbstate_t st;
	size_t len = strlen(s);

	memset(&st, 0, sizeof st);
	while (len > 0) {
		wchar_t c;
		size_t r = mbrtowc(&c, s, len, &st);
		cr_assert(r != (size_t)-1 && r != (size_t)-2 && r != 0);
		field_key(f, (int)c);
		s += r;
		len -= r;
	}
}

static void expect_text(struct field *f, const char *want)
{
	char *got = field_text(f);
	cr_assert_not_null(got);
	cr_assert_str_eq(got, want);
	free(got);
}

Test(tui_field, decomposed_input_is_recomposed_as_typed)
{
	struct field f;

	field_init(&f);
	type(&f, "Mo\xcc\x82\xcc\xa3" "c");     /* M o ◌̂ ◌̣ c */
	cr_assert_eq(f.len, 3, "one character per letter, got %zu", f.len);
	cr_assert_eq(f.cur, 3);
	expect_text(&f, "Mộc");
	field_release(&f);
}

Test(tui_field, backspace_removes_the_letter_with_its_marks)
{
	struct field f;

	field_init(&f);
	type(&f, "Chè");
	field_key(&f, TK_BACKSPACE);
	expect_text(&f, "Ch");
	/* a letter with a mark that has no composed form stays two code
	 * points, and still goes at once */
	type(&f, "x\xcc\x81");
	cr_assert_eq(f.len, 4);
	field_key(&f, TK_BACKSPACE);
	expect_text(&f, "Ch");
	field_release(&f);
}

Test(tui_field, arrows_step_over_whole_letters)
{
	struct field f;

	field_init(&f);
	type(&f, "ax\xcc\x81" "b");
	field_key(&f, TK_LEFT);             /* before b */
	field_key(&f, TK_LEFT);             /* before x + mark */
	cr_assert_eq(f.cur, 1);
	field_key(&f, TK_DELETE);
	expect_text(&f, "ab");
	field_key(&f, TK_HOME);
	type(&f, "Đ");
	expect_text(&f, "Đab");
	field_release(&f);
}

Test(tui_field, editing_keys_cut_words_and_ends)
{
	struct field f;

	field_init(&f);
	field_set(&f, "Công ty TNHH Chè Mộc Châu");
	field_key(&f, TK_CTRL('w'));
	expect_text(&f, "Công ty TNHH Chè Mộc ");
	field_key(&f, TK_HOME);
	field_key(&f, TK_RIGHT);
	field_key(&f, TK_CTRL('k'));
	expect_text(&f, "C");
	field_key(&f, TK_CTRL('u'));
	cr_assert(field_empty(&f));
	field_release(&f);
}

Test(tui_field, one_line_field_turns_pasted_newlines_into_spaces)
{
	struct field f;

	field_init(&f);
	field_set(&f, "Tiểu khu 4\nMộc Châu");
	expect_text(&f, "Tiểu khu 4 Mộc Châu");
	cr_assert_eq(field_key(&f, TK_ENTER), FIELD_IGNORED);
	field_release(&f);
}

Test(tui_field, length_limit_refuses_more)
{
	struct field f;

	field_init(&f);
	f.max_chars = 3;
	type(&f, "Mộcc");
	expect_text(&f, "Mộc");
	field_release(&f);
}

Test(tui_field, textedit_moves_by_screen_line_and_keeps_newlines)
{
	struct textedit t;
	int cy, cx;

	textedit_init(&t);
	type(&t.f, "Dòng một");
	textedit_key(&t, TK_ENTER);
	type(&t.f, "Dòng hai dài hơn");
	t.width = 40;
	textedit_key(&t, TK_UP);
	cr_assert_eq(t.f.cur, 8, "end of the shorter line, got %zu",
		     t.f.cur);
	textedit_key(&t, TK_HOME);
	cr_assert_eq(t.f.cur, 0);
	textedit_key(&t, TK_DOWN);
	cr_assert_eq(t.f.cur, 9, "start of line two, got %zu", t.f.cur);
	textedit_draw(&t, 0, 0, 5, 40, 1, &cy, &cx);
	cr_assert_eq(cy, 1);
	cr_assert_eq(cx, 0);
	expect_text(&t.f, "Dòng một\nDòng hai dài hơn");
	textedit_release(&t);
}

Test(tui_field, textedit_wraps_long_lines_at_spaces)
{
	struct textedit t;
	int cy, cx;

	textedit_init(&t);
	type(&t.f, "một hai ba bốn năm sáu bảy");   /* 26 columns */
	textedit_draw(&t, 0, 0, 5, 12, 1, &cy, &cx);
	/* 11 usable columns: "một hai ba " | "bốn năm sáu " | "bảy" */
	cr_assert_eq(cy, 2, "cursor on the third screen line, got %d", cy);
	cr_assert_eq(cx, 3);
	textedit_key(&t, TK_UP);
	cr_assert_eq(t.f.cur, 14, "same column one line up, got %zu",
		     t.f.cur);
	textedit_key(&t, TK_END);
	cr_assert_eq(t.f.cur, 22, "end of the wrapped line stays on it, "
		     "got %zu", t.f.cur);
	expect_text(&t.f, "một hai ba bốn năm sáu bảy");
	textedit_release(&t);
}

static const struct sx_field date_field = {
	"held_on", SXF_DATE, 0, 0, "Ngày", "Date", NULL, NULL, SXK_COUNT, 0
};

static const char *parsed(const char *typed, enum i18n_msg *problem)
{
	static char out[16];
	char *canon = NULL;

	*problem = M_COUNT;
	out[0] = 0;
	if (value_parse(&date_field, typed, &canon, problem) == 0 && canon)
		snprintf(out, sizeof out, "%s", canon);
	free(canon);
	return out;
}

Test(value, two_digit_year_is_20yy_and_a_bad_date_says_the_form)
{
	enum i18n_msg problem;

	cr_assert_str_eq(parsed("01/08/26", &problem), "2026-08-01");
	cr_assert_str_eq(parsed("1/8/26", &problem), "2026-08-01");
	cr_assert_str_eq(parsed("31.12.99", &problem), "2099-12-31");
	cr_assert_str_eq(parsed("01/08/2026", &problem), "2026-08-01");
	/* an ISO date keeps its four-digit year */
	cr_assert_str_eq(parsed("2026-08-01", &problem), "2026-08-01");
	cr_assert_str_eq(parsed("31/02/26", &problem), "");
	cr_assert_eq(problem, M_BAD_DATE);
	i18n_set_lang("vi");
	cr_assert(strstr(tr(problem), "dd/mm/yyyy"), "%s", tr(problem));
	cr_assert(strstr(tr(problem), "01/08/26"), "%s", tr(problem));
	cr_assert_str_eq(parsed("1/8/2", &problem), "");
	cr_assert_eq(problem, M_BAD_DATE);
}

/* test_desk_browser.c — the desk in a real browser: headless Chromium
 * (tests/cdp.h) logs in through the login form and loads the completeness
 * page, a district's report and the plans (with the form of a new plan)
 * at 1366×768 (an office PC) and 390×844 (a
 * phone), fails on any page error or console error (a missing icon, a
 * style refused by the Content-Security-Policy …), checks that nothing is
 * wider than a phone's screen and that printing leaves out the navigation,
 * and saves a screenshot of each under the build folder
 * (B/desk-browser/PAGE-WxH.png, beside the test binaries' folder).
 *
 * Where Chromium is missing or cannot start (no package, no /dev/shm, a
 * sandbox that forbids it) the test is skipped with a line
 * "skip: test_desk_browser: …" that tests/run.sh shows.  SXSH_CHROMIUM
 * names another binary.
 */
#include <limits.h>
#include <sys/stat.h>
#include <sodium.h>
#include "cdp.h"
#include "desk_fixture.h"

#define PW_ADMIN "admin-pass-1"

/* B/desk-browser: the test binary is B/asan/tests/test_desk_browser. */
static void shot_dir(char *out, size_t n)
{
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	cr_assert_gt(len, 0);
	exe[len] = '\0';
	for (int up = 0; up < 3; up++) {
		char *slash = strrchr(exe, '/');
		cr_assert_not_null(slash, "%s", exe);
		*slash = '\0';
	}
	cr_assert_lt((size_t)snprintf(out, n, "%s/desk-browser", exe), n);
	cr_assert(mkdir(out, 0755) == 0 || errno == EEXIST, "mkdir %s", out);
}

/* Saves the page as dir/name.png and checks it is a PNG of some size. */
static void screenshot(struct cdp *b, const char *dir, const char *name)
{
	json_t *r = cdp_call(b, "Page.captureScreenshot",
			     json_pack("{s:s}", "format", "png"));
	const char *data = json_string_value(json_object_get(r, "data"));
	cr_assert_not_null(data);
	size_t cap = strlen(data), len = 0;
	unsigned char *png = malloc(cap);
	cr_assert_not_null(png);
	cr_assert_eq(sodium_base642bin(png, cap, data, strlen(data), NULL, &len,
				       NULL, sodium_base64_VARIANT_ORIGINAL),
		     0);
	json_decref(r);
	cr_assert_gt(len, 2000, "%s: a blank screenshot?", name);
	cr_assert_eq(memcmp(png, "\x89PNG", 4), 0);
	char path[PATH_MAX];
	cr_assert_lt((size_t)snprintf(path, sizeof path, "%s/%s.png", dir,
				      name),
		     sizeof path);
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f, "%s", path);
	cr_assert_eq(fwrite(png, 1, len, f), len);
	cr_assert_eq(fclose(f), 0);
	free(png);
}

/* What sticks out past the right edge of the screen, for the message. */
static const char wider_than_screen[] =
	"Array.from(document.querySelectorAll('body *'))"
	".filter(e => e.getBoundingClientRect().right > screen.width"
	" && !(e.closest('.scroll') && e.closest('.scroll') !== e))"
	".slice(0, 5).map(e => e.tagName + '.' + e.className + ' '"
	" + Math.round(e.getBoundingClientRect().right)).join(', ')"
	" + ' (page ' + document.documentElement.scrollWidth + ', screen '"
	" + window.innerWidth + ')'";

static void assert_clean(struct cdp *b, const char *what)
{
	/* A late request (the icon) may still report after the load. */
	cdp_drain(b, 500);
	cr_assert_eq(b->nerrors, 0, "%s:\n%s", what, b->errors);
}

static void clear_errors(struct cdp *b)
{
	b->errors[0] = '\0';
	b->nerrors = 0;
}

/* The JavaScript value of expr is true. */
static void assert_true(struct cdp *b, const char *expr, const char *what)
{
	json_t *v = cdp_eval(b, expr);
	cr_assert(json_is_true(v), "%s: %s", what, expr);
	json_decref(v);
}

Test(desk_browser, pages_load_clean_on_a_pc_and_a_phone)
{
	const char *dir = th_tmpdir();
	char profile[512], log[512];
	th_path(profile, sizeof profile, dir, "chromium-profile");
	th_path(log, sizeof log, dir, "chromium.log");
	struct cdp b;
	if (cdp_start(&b, profile, log) != 0) {
		fprintf(stderr,
			"skip: test_desk_browser: Chromium cannot run here"
			" (%s)\n",
			b.why);
		cr_skip_test("Chromium cannot run here (%s)", b.why);
	}
	struct th_tls tls;
	struct th_server srv;
	char token[80], token2[80];
	th_tls_make(&tls, dir, "t");
	th_server_init(&srv, dir, &tls);
	th_server_district_add(&srv, "123", token, sizeof token);
	th_server_district_add(&srv, "124", token2, sizeof token2);
	dfx_user_add(&srv, "boss", "admin", PW_ADMIN);
	char *rev1 = NULL, *rev2 = NULL, *other = NULL;
	dfx_reports("123", &rev1, &rev2);
	dfx_reports("124", &other, NULL);
	th_server_start(&srv);
	dfx_submit(&srv, token, rev1, 1);
	dfx_submit(&srv, token, rev2, 2);
	dfx_submit(&srv, token2, other, 1);
	cdp_call_void(&b, "Page.enable", NULL);
	cdp_call_void(&b, "Runtime.enable", NULL);
	cdp_call_void(&b, "Log.enable", NULL);
	char url[256];

	/* The watch works: a missing page and a console error are seen. */
	snprintf(url, sizeof url, "%s/public/no-such-file", srv.url);
	cdp_navigate(&b, url);
	cdp_drain(&b, 500);
	cr_assert_gt(b.nerrors, 0, "a 404 went unnoticed");
	clear_errors(&b);
	json_decref(cdp_eval(&b, "console.error('probe')"));
	cdp_drain(&b, 200);
	cr_assert(strstr(b.errors, "probe"), "a console error went unnoticed");
	clear_errors(&b);

	/* Log in through the form, as an officer does. */
	snprintf(url, sizeof url, "%s/desk/login", srv.url);
	cdp_navigate(&b, url);
	assert_clean(&b, "login page");
	b.loaded = 0;
	json_decref(cdp_eval(
		&b, "document.querySelector('[name=user]').value = 'boss';"
		    "document.querySelector('[name=password]').value = '" PW_ADMIN
		    "';"
		    "document.querySelector('form[action=\"/desk/login\"]')"
		    ".submit()"));
	cdp_wait_load(&b);
	assert_true(&b, "location.pathname === '/desk/'",
		    "the login did not lead to the desk");
	assert_clean(&b, "after the login");

	char shots[PATH_MAX];
	shot_dir(shots, sizeof shots);
	static const struct {
		int width, height, phone;
	} screens[] = {{1366, 768, 0}, {390, 844, 1}};
	static const struct {
		const char *name, *path, *content;
	} pages[] = {
		{"completeness", "/desk/",
		 "document.querySelector('table.grid"
		 " a[href=\"/desk/report/123/2017S1\"]') !== null"},
		{"report", "/desk/report/123/2017S1",
		 "document.body.innerText.includes('KẾT QUẢ THỰC HIỆN') &&"
		 " document.body.innerText.includes('lần 1 sang lần 2')"},
		{"plans", "/desk/plans",
		 "document.querySelector('a[href=\"/desk/plans/"
		 "sonla-2016-2020\"]') !== null &&"
		 " document.querySelector('input[name=share_124_T2]') !== null"},
	};
	for (size_t s = 0; s < sizeof screens / sizeof screens[0]; s++) {
		cdp_call_void(&b, "Emulation.setDeviceMetricsOverride",
			      json_pack("{s:i,s:i,s:i,s:b}", "width",
					screens[s].width, "height",
					screens[s].height,
					"deviceScaleFactor", 1, "mobile",
					screens[s].phone));
		for (size_t p = 0; p < sizeof pages / sizeof pages[0]; p++) {
			char what[128], expr[256];
			snprintf(what, sizeof what, "%s-%dx%d", pages[p].name,
				 screens[s].width, screens[s].height);
			snprintf(url, sizeof url, "%s%s", srv.url,
				 pages[p].path);
			cdp_navigate(&b, url);
			assert_clean(&b, what);
			assert_true(&b, pages[p].content, what);
			/* The page takes the screen's width (it names the
			 * viewport) and nothing sticks out sideways: wide
			 * tables scroll inside their own box. */
			snprintf(expr, sizeof expr,
				 "window.innerWidth === %d &&"
				 " document.documentElement.scrollWidth <="
				 " window.innerWidth",
				 screens[s].width);
			json_t *fits = cdp_eval(&b, expr);
			json_t *wide = cdp_eval(&b, wider_than_screen);
			cr_assert(json_is_true(fits), "%s: wider than %d: %s",
				  what, screens[s].width,
				  json_string_value(wide));
			json_decref(fits);
			json_decref(wide);
			screenshot(&b, shots, what);
		}
	}
	/* Printed, the report leaves out the navigation and the forms. */
	cdp_call_void(&b, "Emulation.setEmulatedMedia",
		      json_pack("{s:s}", "media", "print"));
	assert_true(&b,
		    "getComputedStyle(document.querySelector('nav.desk'))"
		    ".display === 'none'",
		    "the navigation is printed");
	cdp_call_void(&b, "Emulation.setEmulatedMedia",
		      json_pack("{s:s}", "media", ""));
	assert_clean(&b, "the end");
	cdp_stop(&b);
	cr_assert_eq(th_server_stop(&srv, SIGTERM), 0);
	free(rev1);
	free(rev2);
	free(other);
}

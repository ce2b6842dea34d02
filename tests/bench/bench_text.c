/* bench_text.c — cost of cleaning, folding and sort keys for a district's
 * worth of facility names (10 000), the work an import or a re-index
 * does once per record. */
#include <stdio.h>
#include <stdlib.h>
#include "bench.h"
#include "sxsh/text.h"

#define NAMES 10000
#define RUNS 15

static const char *const parts[] = {
	"Công ty TNHH", "Hợp tác xã", "Cơ sở", "Doanh nghiệp tư nhân",
	"Chè", "Gạch", "Mộc", "Chế biến nông sản", "Đường", "Mường Thanh",
	"Thủy điện", "Hòa Bình", "Điện Biên", "Sơn La", "Lai Châu",
};

/* Times f over all names; returns milliseconds for one pass. */
static double pass_ms(char *(*f)(const char *), char **names)
{
	double t0 = bench_now_ms();

	for (int i = 0; i < NAMES; i++)
		free(f(names[i]));
	return bench_now_ms() - t0;
}

int main(void)
{
	static const struct { const char *what; char *(*f)(const char *); }
	ops[] = {
		{ "text_clean, 10 000 names", text_clean },
		{ "text_fold, 10 000 names", text_fold },
		{ "text_sort_key, 10 000 names", text_sort_key },
	};
	const size_t nparts = sizeof parts / sizeof parts[0];
	char **names = calloc(NAMES, sizeof *names);

	if (!names)
		return 1;
	for (int i = 0; i < NAMES; i++) {
		names[i] = malloc(160);
		if (!names[i])
			return 1;
		snprintf(names[i], 160, "  %s %s  %s số %d ",
			 parts[i % 4], parts[4 + i % 5],
			 parts[9 + (i / 5) % (nparts - 9)], i);
	}
	bench_title("text: normalisation and keys");
	for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
		struct bench_samples s = { 0 };

		for (int r = 0; r < RUNS; r++)
			bench_samples_add(&s, pass_ms(ops[k].f, names));
		bench_row_ms(ops[k].what, bench_median(&s), bench_worst(&s),
			     0, 0);
		bench_samples_release(&s);
	}
	for (int i = 0; i < NAMES; i++)
		free(names[i]);
	free(names);
	return 0;
}

/* report_internal.h — what the report files share: the JSON form of the
 * indicators, value helpers and the renderers.  Only core/report*.c
 * include it. */
#ifndef SXSH_REPORT_INTERNAL_H
#define SXSH_REPORT_INTERNAL_H

#include <stdio.h>
#include <jansson.h>
#include "sxsh/indicators.h"
#include "sxsh/report.h"

/* Flags every canonical serialisation uses. */
#define REPORT_JSON_FLAGS (JSON_PRESERVE_ORDER | JSON_COMPACT)

/* report_json.c — the "indicators" object and its reverse.  New reference
 * (NULL on OOM). */
json_t *report_json_indicators(const struct sx_indicators *ind);
json_t *report_json_factors(const struct sx_factors *f);
enum sx_err report_json_read_indicators(const json_t *obj,
					struct sx_indicators *ind,
					struct sx_error *err);
/* A decimal as a fixed-precision string value ("12.500"); never "-0". */
json_t *report_json_decimal(double v, int decimals);
/* Serialises doc canonically; *out malloc'd. */
enum sx_err report_json_dump(const json_t *doc, char **out, size_t *len,
			     struct sx_error *err);

/* report_util.c — lookups that tolerate missing keys, and formatting. */
/* Object at a path of keys ("indicators", "T1", NULL-terminated). */
const json_t *report_util_get(const json_t *root, ...);
long long report_util_int(const json_t *obj, const char *key);
/* The string value or "" (a number is not converted). */
const char *report_util_str(const json_t *obj, const char *key);
/* The funding sources of an events total that carry a cost, in table
 * order: from *i on, the next one's key and its cost in *cost, with *i
 * moved past it; NULL after the last.  Start with *i = 0. */
const char *report_util_funding(const json_t *total, int *i,
				long long *cost);
/* 1.234.567 */
void report_util_fmt_int(long long v, char *out, size_t n);
/* A canonical decimal string ("1234.5678") rounded to decimals places in
 * Vietnamese form ("1.234,57"); "" stays "". */
void report_util_fmt_dec(const char *canon, int decimals, char *out,
			 size_t n);
/* A rate string "0.8571" as a percentage "85,7%"; "" → "–". */
void report_util_fmt_pct(const char *rate, char *out, size_t n);
/* ISO date → "20/06/2017" (copied unchanged if not a date). */
void report_util_fmt_date(const char *iso, char *out, size_t n);
/* Display columns of UTF-8 text (combining marks 0, wide 2). */
int report_util_width(const char *s);
/* Label of a revision status ("finalised" → "đã chốt"); unknown keys
 * are returned as they are. */
const char *report_util_status(const char *status, const char *lang);
/* Place name of a district: "Huyện Mộc Châu" → "Mộc Châu". */
const char *report_util_place(const char *district_name);

/* Renderers: write doc to out; return SX_OK or SX_NOMEM / SX_INVALID. */
/* whole: SX_REPORT_TEXT_WHOLE (nothing cut, lines may be wider). */
enum sx_err report_text_render(const json_t *doc,
			       const struct sx_render_opts *o, int whole,
			       FILE *out);
enum sx_err report_csv_render(const json_t *doc,
			      const struct sx_render_opts *o, FILE *out);
enum sx_err report_html_render(const json_t *doc,
			       const struct sx_render_opts *o, FILE *out);
/* report_pdf.c: fills err itself (the libraries may be missing). */
enum sx_err report_pdf_render(const json_t *doc,
			      const struct sx_render_opts *o, FILE *out,
			      struct sx_error *err);

#endif

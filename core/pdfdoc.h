/* pdfdoc.h — a small A4 document writer on cairo and pango, for the
 * report's PDF (report_pdf.c).  Only core/pdfdoc*.c and core/report_pdf.c
 * include it.
 *
 * Why cairo with pango rather than libharu: Vietnamese letters carry two
 * stacked marks (Ộ, Ễ, ẫ); libharu draws one glyph per code point from a
 * single font and has no shaping, so a name that a font lacks a glyph
 * for, or a name typed in decomposed form, comes out wrong.  Pango
 * shapes with HarfBuzz, falls back to another installed font for a
 * missing letter, wraps lines, and cairo embeds subsets of the fonts with
 * the text kept searchable (pdftotext gives it back).
 *
 * The libraries are opened with dlopen the first time a PDF is made
 * (pdfdoc_lib.c), as sync/curl_lazy.c does for libcurl: sxsh is not
 * linked with them, so start-up time and memory do not carry them.
 *
 * Text goes in as pango markup (<b>, <i>, <span>); user text must pass
 * through an escaping step first (report_pdf.c's sb_esc).
 */
#ifndef SXSH_PDFDOC_H
#define SXSH_PDFDOC_H

#include <stdio.h>
#include "sxsh/err.h"

/* ---- the libraries (pdfdoc_lib.c) -------------------------------------
 * Opaque types and the few functions used, declared here so that no
 * development headers of cairo or pango are needed to build. */
struct pdfdoc_cairo;            /* cairo_t */
struct pdfdoc_surface;          /* cairo_surface_t */
struct pdfdoc_context;          /* PangoContext */
struct pdfdoc_layout;           /* PangoLayout */
struct pdfdoc_line;             /* PangoLayoutLine */
struct pdfdoc_iter;             /* PangoLayoutIter */
struct pdfdoc_font;             /* PangoFontDescription */
struct pdfdoc_rect { int x, y, width, height; };  /* PangoRectangle */

#define PDFDOC_PANGO_SCALE 1024
enum { PDFDOC_ALIGN_LEFT, PDFDOC_ALIGN_CENTER, PDFDOC_ALIGN_RIGHT };
enum { PDFDOC_WRAP_WORD_CHAR = 2 };
enum { PDFDOC_META_TITLE = 0, PDFDOC_META_CREATOR = 4 };

typedef int (*pdfdoc_write_fn)(void *closure, const unsigned char *data,
			       unsigned int length);

struct pdfdoc_lib {
	struct pdfdoc_surface *(*pdf_surface_create_for_stream)(
		pdfdoc_write_fn, void *, double, double);
	void (*pdf_surface_set_metadata)(struct pdfdoc_surface *, int,
					 const char *);
	struct pdfdoc_cairo *(*create)(struct pdfdoc_surface *);
	void (*destroy)(struct pdfdoc_cairo *);
	int (*status)(struct pdfdoc_cairo *);
	void (*surface_finish)(struct pdfdoc_surface *);
	void (*surface_destroy)(struct pdfdoc_surface *);
	int (*surface_status)(struct pdfdoc_surface *);
	void (*show_page)(struct pdfdoc_cairo *);
	void (*move_to)(struct pdfdoc_cairo *, double, double);
	void (*line_to)(struct pdfdoc_cairo *, double, double);
	void (*rectangle)(struct pdfdoc_cairo *, double, double, double,
			  double);
	void (*set_line_width)(struct pdfdoc_cairo *, double);
	void (*set_source_rgb)(struct pdfdoc_cairo *, double, double, double);
	void (*stroke)(struct pdfdoc_cairo *);
	struct pdfdoc_context *(*create_context)(struct pdfdoc_cairo *);
	void (*context_set_resolution)(struct pdfdoc_context *, double);
	struct pdfdoc_layout *(*layout_new)(struct pdfdoc_context *);
	void (*show_layout_line)(struct pdfdoc_cairo *, struct pdfdoc_line *);
	struct pdfdoc_font *(*font_from_string)(const char *);
	void (*font_free)(struct pdfdoc_font *);
	void (*set_font)(struct pdfdoc_layout *, const struct pdfdoc_font *);
	void (*set_width)(struct pdfdoc_layout *, int);
	void (*set_wrap)(struct pdfdoc_layout *, int);
	void (*set_alignment)(struct pdfdoc_layout *, int);
	void (*set_justify)(struct pdfdoc_layout *, int);
	void (*set_indent)(struct pdfdoc_layout *, int);
	void (*set_markup)(struct pdfdoc_layout *, const char *, int);
	void (*get_size)(struct pdfdoc_layout *, int *, int *);
	struct pdfdoc_iter *(*get_iter)(struct pdfdoc_layout *);
	int (*iter_next_line)(struct pdfdoc_iter *);
	void (*iter_get_line_extents)(struct pdfdoc_iter *,
				      struct pdfdoc_rect *,
				      struct pdfdoc_rect *);
	int (*iter_get_baseline)(struct pdfdoc_iter *);
	struct pdfdoc_line *(*iter_get_line_readonly)(struct pdfdoc_iter *);
	void (*iter_free)(struct pdfdoc_iter *);
	void (*object_unref)(void *);
	void (*font_map_set_default)(void *);
	void (*cairo_reset_static_data)(void);
	void (*fc_fini)(void);
};

/* The loaded functions, or NULL (err filled, in both languages, naming
 * the Debian package) when a library or one of its functions is
 * missing.  Loaded once per process and never unloaded; at exit the
 * font caches are given back (fontconfig keeps them for the process's
 * life, which a leak checker would report). */
const struct pdfdoc_lib *pdfdoc_lib_get(struct sx_error *err);

/* ---- the document (pdfdoc.c) ------------------------------------------ */

struct pdfdoc;

/* Paragraph styles: fonts and alignment of an administrative document. */
enum pdfdoc_style {
	PDFDOC_BODY,      /* justified, first line indented */
	PDFDOC_PLAIN,     /* left, no indent */
	PDFDOC_CENTER,
	PDFDOC_TITLE,     /* centered, bold, larger */
	PDFDOC_HEADING,   /* bold section heading */
	PDFDOC_SMALL,     /* footnotes and the footer */
	PDFDOC_STYLE_N
};

/* Starts an A4 document written to sink as cairo produces it (title in
 * the PDF's metadata).  SX_INVALID when the libraries cannot be loaded,
 * SX_NOMEM otherwise. */
enum sx_err pdfdoc_new(FILE *sink, const char *title, struct pdfdoc **out,
		       struct sx_error *err);

/* A paragraph of markup, wrapped to the text width; it breaks across
 * pages between lines. */
void pdfdoc_par(struct pdfdoc *d, enum pdfdoc_style style,
		const char *markup);

/* Vertical space in millimetres (none at the top of a page). */
void pdfdoc_space(struct pdfdoc *d, double mm);

/* Starts a new page unless the current one is still empty. */
void pdfdoc_page_break(struct pdfdoc *d);

/* The two-column head of a Vietnamese administrative document: each
 * column has centered markup, a short rule under it (rule_frac of the
 * column's width) and markup below the rule, centered unless
 * below_left.  The block starts hang_mm into the left margin (the
 * document head does, so that the national title keeps to one line in
 * wider fonts); left_frac is the left column's share of its width. */
struct pdfdoc_column {
	const char *top, *below;
	double rule_frac;
	int below_left;            /* the text below the rule flush left */
};
void pdfdoc_head(struct pdfdoc *d, double hang_mm, double left_frac,
		 const struct pdfdoc_column *left,
		 const struct pdfdoc_column *right);

/* A ruled table: widths are shares of the text width (they add up to 1),
 * align one letter per column: 'l', 'c', or 'r' (figures) and 'n'
 * (left, dates): these two are never wrapped.  The head row is drawn
 * again at the top of each page the table continues on. */
struct pdfdoc_table {
	int ncols;
	const double *widths;
	const char *align;
	const char *const *head;   /* ncols markup cells, bold */
};
void pdfdoc_table_begin(struct pdfdoc *d, const struct pdfdoc_table *t);
/* One row of ncols markup cells; bold != 0 for a total row. */
void pdfdoc_table_row(struct pdfdoc *d, const char *const *cells, int bold);
void pdfdoc_table_end(struct pdfdoc *d);

/* Ends the document and frees d.  SX_NOMEM when writing to the sink or
 * cairo failed (nothing usable was written). */
enum sx_err pdfdoc_finish(struct pdfdoc *d, struct sx_error *err);

#endif

/* pdfdoc.c — paragraphs, the two-column head and ruled tables on A4
 * pages, with page breaks between lines and between table rows.
 *
 * Page geometry is that of Decree 30/2020/NĐ-CP's documents: A4, margins
 * 20 mm top and bottom, 30 mm left (binding), 15 mm right.  The text is
 * set in Times New Roman when installed, else Liberation Serif (same
 * widths), else DejaVu Serif (fonts-dejavu-core, always there): pango
 * takes the first of the list that fontconfig finds.
 */
#include <stdlib.h>
#include "pdfdoc.h"

#define MM (72.0 / 25.4)
#define PAGE_W (210.0 * MM)
#define PAGE_H (297.0 * MM)
#define LEFT (30.0 * MM)
#define TOP (20.0 * MM)
#define BOTTOM (PAGE_H - 20.0 * MM)
#define TEXT_W (PAGE_W - LEFT - 15.0 * MM)
#define CELL_PAD_X (1.5 * MM)
#define CELL_PAD_Y (0.8 * MM)
#define S ((double)PDFDOC_PANGO_SCALE)

#define FAMILY "Times New Roman,Liberation Serif,DejaVu Serif"

static const struct {
	const char *font;
	int align, justify;
	double indent_mm, before_mm, after_mm;
} styles[PDFDOC_STYLE_N] = {
	[PDFDOC_BODY] = {FAMILY " 12", PDFDOC_ALIGN_LEFT, 1, 10, 0, 1.5},
	[PDFDOC_PLAIN] = {FAMILY " 12", PDFDOC_ALIGN_LEFT, 0, 0, 0, 1.5},
	[PDFDOC_CENTER] = {FAMILY " 12", PDFDOC_ALIGN_CENTER, 0, 0, 0, 1.5},
	[PDFDOC_TITLE] = {FAMILY " Bold 14", PDFDOC_ALIGN_CENTER, 0, 0, 3, 0},
	[PDFDOC_HEADING] = {FAMILY " Bold 12", PDFDOC_ALIGN_LEFT, 0, 0, 2.5,
			    1},
	[PDFDOC_SMALL] = {FAMILY " 8.5", PDFDOC_ALIGN_LEFT, 0, 0, 0, 1},
};
#define TABLE_FONT FAMILY " 9.5"
#define HEAD_FONT FAMILY " 11"

struct pdfdoc {
	const struct pdfdoc_lib *L;
	struct pdfdoc_surface *surface;
	struct pdfdoc_cairo *cr;
	struct pdfdoc_context *context;   /* at 72 dpi: sizes in points */
	FILE *sink;
	int write_failed;
	double y;                   /* where the next thing starts, points */
	int page_used;              /* something is drawn on this page */
	struct pdfdoc_font *font[PDFDOC_STYLE_N];
	struct pdfdoc_font *table_font, *head_font;
	const struct pdfdoc_table *table;   /* the open table, or NULL */
};

static int write_sink(void *closure, const unsigned char *data,
		      unsigned int length)
{
	struct pdfdoc *d = closure;

	if (fwrite(data, 1, length, d->sink) != length) {
		d->write_failed = 1;
		return 11;   /* CAIRO_STATUS_WRITE_ERROR */
	}
	return 0;
}

static void new_page(struct pdfdoc *d)
{
	d->L->show_page(d->cr);
	d->y = TOP;
	d->page_used = 0;
}

/* A layout of markup in width points. */
static struct pdfdoc_layout *layout(struct pdfdoc *d,
				    const struct pdfdoc_font *font,
				    double width, int align,
				    const char *markup)
{
	struct pdfdoc_layout *l = d->L->layout_new(d->context);

	if (!l)
		return NULL;
	d->L->set_font(l, font);
	d->L->set_width(l, (int)(width * S));
	d->L->set_wrap(l, PDFDOC_WRAP_WORD_CHAR);
	d->L->set_alignment(l, align);
	d->L->set_markup(l, markup ? markup : "", -1);
	return l;
}

static double height_of(struct pdfdoc *d, struct pdfdoc_layout *l)
{
	int w = 0, h = 0;

	d->L->get_size(l, &w, &h);
	return h / S;
}

/* Draws l with its top left at (x, y) on the current page. */
static void draw_at(struct pdfdoc *d, struct pdfdoc_layout *l, double x,
		    double y)
{
	struct pdfdoc_iter *it = d->L->get_iter(l);
	struct pdfdoc_rect logical;

	if (!it)
		return;
	do {
		d->L->iter_get_line_extents(it, NULL, &logical);
		d->L->move_to(d->cr, x + logical.x / S,
			      y + d->L->iter_get_baseline(it) / S);
		d->L->show_layout_line(d->cr,
				       d->L->iter_get_line_readonly(it));
	} while (d->L->iter_next_line(it));
	d->L->iter_free(it);
	d->page_used = 1;
}

/* Draws l line by line from d->y at x, going to a new page before a line
 * that would cross the bottom margin. */
static void flow(struct pdfdoc *d, struct pdfdoc_layout *l, double x)
{
	struct pdfdoc_iter *it = d->L->get_iter(l);
	struct pdfdoc_rect logical;
	double base = d->y, shift = 0, bottom = 0;

	if (!it)
		return;
	do {
		d->L->iter_get_line_extents(it, NULL, &logical);
		double top = logical.y / S, h = logical.height / S;
		if (base + top - shift + h > BOTTOM && d->page_used) {
			new_page(d);
			base = d->y;
			shift = top;
		}
		d->L->move_to(d->cr, x + logical.x / S,
			      base + d->L->iter_get_baseline(it) / S - shift);
		d->L->show_layout_line(d->cr,
				       d->L->iter_get_line_readonly(it));
		d->page_used = 1;
		bottom = top + h;
	} while (d->L->iter_next_line(it));
	d->L->iter_free(it);
	d->y = base + bottom - shift;
}

void pdfdoc_space(struct pdfdoc *d, double mm)
{
	if (d->page_used)
		d->y += mm * MM;
	if (d->y > BOTTOM)
		new_page(d);
}

void pdfdoc_page_break(struct pdfdoc *d)
{
	if (d->page_used)
		new_page(d);
}

void pdfdoc_par(struct pdfdoc *d, enum pdfdoc_style style,
		const char *markup)
{
	struct pdfdoc_layout *l;

	pdfdoc_space(d, styles[style].before_mm);
	l = layout(d, d->font[style], TEXT_W, styles[style].align, markup);
	if (!l)
		return;
	d->L->set_justify(l, styles[style].justify);
	d->L->set_indent(l, (int)(styles[style].indent_mm * MM * S));
	flow(d, l, LEFT);
	d->L->object_unref(l);
	pdfdoc_space(d, styles[style].after_mm);
}

/* One column of the head at x, width w, from y; returns its height. */
static double head_column(struct pdfdoc *d, const struct pdfdoc_column *c,
			  double x, double w, double y)
{
	struct pdfdoc_layout *top = layout(d, d->head_font, w,
					   PDFDOC_ALIGN_CENTER, c->top);
	struct pdfdoc_layout *below = layout(d, d->head_font, w,
					     c->below_left ?
					     PDFDOC_ALIGN_LEFT :
					     PDFDOC_ALIGN_CENTER, c->below);
	double h = 0;

	if (top) {
		draw_at(d, top, x, y);
		h = height_of(d, top);
	}
	double rule = w * c->rule_frac;
	d->L->set_line_width(d->cr, 0.6);
	d->L->move_to(d->cr, x + (w - rule) / 2, y + h + 1.0 * MM);
	d->L->line_to(d->cr, x + (w + rule) / 2, y + h + 1.0 * MM);
	d->L->stroke(d->cr);
	h += 2.5 * MM;
	if (below) {
		draw_at(d, below, x, y + h);
		h += height_of(d, below);
	}
	if (top)
		d->L->object_unref(top);
	if (below)
		d->L->object_unref(below);
	return h;
}

void pdfdoc_head(struct pdfdoc *d, double hang_mm, double left_frac,
		 const struct pdfdoc_column *left,
		 const struct pdfdoc_column *right)
{
	double x = LEFT - hang_mm * MM, w = TEXT_W + hang_mm * MM;
	double lh = head_column(d, left, x, w * left_frac, d->y);
	double rh = head_column(d, right, x + w * left_frac,
				w * (1 - left_frac), d->y);

	d->y += (lh > rh ? lh : rh) + 4 * MM;
}

/* Draws one row (head row when bold == 2); breaks the page first when it
 * does not fit, and draws the head again there. */
static void row(struct pdfdoc *d, const char *const *cells, int bold)
{
	const struct pdfdoc_table *t = d->table;
	struct pdfdoc_layout *cell[16] = {0};
	double h = 0, x = LEFT;
	int n = t->ncols < 16 ? t->ncols : 16;

	for (int i = 0; i < n; i++) {
		char a = bold == 2 ? 'c' : t->align[i];
		int align = a == 'r' ? PDFDOC_ALIGN_RIGHT :
			    a == 'c' ? PDFDOC_ALIGN_CENTER : PDFDOC_ALIGN_LEFT;
		const char *m = cells[i] ? cells[i] : "";
		char *bm = NULL;
		if (bold && *m && asprintf(&bm, "<b>%s</b>", m) >= 0)
			m = bm;
		cell[i] = layout(d, d->table_font,
				 TEXT_W * t->widths[i] - 2 * CELL_PAD_X,
				 align, m);
		free(bm);
		/* a figure is never broken over two lines: it stays whole
		 * and right-aligned, even if it reaches into the padding */
		if (cell[i] && (align == PDFDOC_ALIGN_RIGHT || a == 'n'))
			d->L->set_width(cell[i], -1);
		if (cell[i] && height_of(d, cell[i]) > h)
			h = height_of(d, cell[i]);
	}
	h += 2 * CELL_PAD_Y;
	if (d->y + h > BOTTOM && d->page_used) {
		new_page(d);
		if (bold != 2 && t->head)
			row(d, t->head, 2);
	}
	d->L->set_line_width(d->cr, 0.5);
	for (int i = 0; i < n; i++) {
		double w = TEXT_W * t->widths[i];
		if (cell[i]) {
			double cx = x + CELL_PAD_X;
			if (t->align[i] == 'r' && bold != 2) {
				int lw = 0, lh = 0;
				d->L->get_size(cell[i], &lw, &lh);
				cx = x + w - CELL_PAD_X - lw / S;
			}
			draw_at(d, cell[i], cx, d->y + CELL_PAD_Y);
			d->L->object_unref(cell[i]);
		}
		d->L->rectangle(d->cr, x, d->y, w, h);
		d->L->stroke(d->cr);
		x += w;
	}
	d->page_used = 1;
	d->y += h;
}

void pdfdoc_table_begin(struct pdfdoc *d, const struct pdfdoc_table *t)
{
	d->table = t;
	pdfdoc_space(d, 1);
	if (t->head)
		row(d, t->head, 2);
}

void pdfdoc_table_row(struct pdfdoc *d, const char *const *cells, int bold)
{
	if (d->table)
		row(d, cells, bold ? 1 : 0);
}

void pdfdoc_table_end(struct pdfdoc *d)
{
	d->table = NULL;
	pdfdoc_space(d, 2.5);
}

static void release(struct pdfdoc *d)
{
	for (int i = 0; i < PDFDOC_STYLE_N; i++)
		if (d->font[i])
			d->L->font_free(d->font[i]);
	if (d->table_font)
		d->L->font_free(d->table_font);
	if (d->head_font)
		d->L->font_free(d->head_font);
	if (d->context)
		d->L->object_unref(d->context);
	if (d->cr)
		d->L->destroy(d->cr);
	if (d->surface)
		d->L->surface_destroy(d->surface);
	free(d);
}

enum sx_err pdfdoc_new(FILE *sink, const char *title, struct pdfdoc **out,
		       struct sx_error *err)
{
	const struct pdfdoc_lib *L = pdfdoc_lib_get(err);
	struct pdfdoc *d;

	*out = NULL;
	if (!L)
		return SX_INVALID;
	d = calloc(1, sizeof *d);
	if (!d)
		return sx_error_set(err, SX_NOMEM, "", NULL, "out of memory");
	d->L = L;
	d->sink = sink;
	d->y = TOP;
	d->surface = L->pdf_surface_create_for_stream(write_sink, d, PAGE_W,
						      PAGE_H);
	if (d->surface && !L->surface_status(d->surface)) {
		L->pdf_surface_set_metadata(d->surface, PDFDOC_META_TITLE,
					    title ? title : "");
		L->pdf_surface_set_metadata(d->surface, PDFDOC_META_CREATOR,
					    "sxsh");
		d->cr = L->create(d->surface);
	}
	int ok = d->cr && !L->status(d->cr) &&
		 (d->context = L->create_context(d->cr));
	if (ok)
		L->context_set_resolution(d->context, 72);
	for (int i = 0; ok && i < PDFDOC_STYLE_N; i++)
		ok = (d->font[i] = L->font_from_string(styles[i].font)) != NULL;
	ok = ok && (d->table_font = L->font_from_string(TABLE_FONT)) &&
	     (d->head_font = L->font_from_string(HEAD_FONT));
	if (!ok) {
		release(d);
		return sx_error_set(err, SX_NOMEM, "", NULL,
				    "cannot start a PDF document");
	}
	L->set_source_rgb(d->cr, 0, 0, 0);
	*out = d;
	return SX_OK;
}

enum sx_err pdfdoc_finish(struct pdfdoc *d, struct sx_error *err)
{
	int failed;

	d->L->destroy(d->cr);
	d->cr = NULL;
	d->L->surface_finish(d->surface);
	failed = d->write_failed || d->L->surface_status(d->surface);
	release(d);
	if (failed)
		return sx_error_set(err, SX_NOMEM, "", "Không ghi được PDF",
				    "writing the PDF failed");
	return SX_OK;
}

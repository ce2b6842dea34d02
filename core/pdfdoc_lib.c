/* pdfdoc_lib.c — cairo and pango, opened when the first PDF is made.
 *
 * Invariant: either every function of struct pdfdoc_lib was found, or
 * pdfdoc_lib_get returns NULL and nothing of the libraries is called; a
 * machine without them still runs sxsh and makes every other format.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "pdfdoc.h"

static struct pdfdoc_lib lib;
static int loaded;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

/* Where each function lives: libraries in the order they are opened. */
enum { CAIRO, PANGO, PANGOCAIRO, GOBJECT, FONTCONFIG, NLIBS };
static const char *const sonames[NLIBS] = {
	"libcairo.so.2", "libpango-1.0.so.0", "libpangocairo-1.0.so.0",
	"libgobject-2.0.so.0", "libfontconfig.so.1",
};

#define FN(lib_, field, name) {lib_, offsetof(struct pdfdoc_lib, field), name}
static const struct { int lib; size_t offset; const char *name; } fns[] = {
	FN(CAIRO, pdf_surface_create_for_stream,
	   "cairo_pdf_surface_create_for_stream"),
	FN(CAIRO, pdf_surface_set_metadata, "cairo_pdf_surface_set_metadata"),
	FN(CAIRO, create, "cairo_create"),
	FN(CAIRO, destroy, "cairo_destroy"),
	FN(CAIRO, status, "cairo_status"),
	FN(CAIRO, surface_finish, "cairo_surface_finish"),
	FN(CAIRO, surface_destroy, "cairo_surface_destroy"),
	FN(CAIRO, surface_status, "cairo_surface_status"),
	FN(CAIRO, show_page, "cairo_show_page"),
	FN(CAIRO, move_to, "cairo_move_to"),
	FN(CAIRO, line_to, "cairo_line_to"),
	FN(CAIRO, rectangle, "cairo_rectangle"),
	FN(CAIRO, set_line_width, "cairo_set_line_width"),
	FN(CAIRO, set_source_rgb, "cairo_set_source_rgb"),
	FN(CAIRO, stroke, "cairo_stroke"),
	FN(PANGOCAIRO, create_context, "pango_cairo_create_context"),
	FN(PANGOCAIRO, context_set_resolution,
	   "pango_cairo_context_set_resolution"),
	FN(PANGO, layout_new, "pango_layout_new"),
	FN(PANGOCAIRO, show_layout_line, "pango_cairo_show_layout_line"),
	FN(PANGO, font_from_string, "pango_font_description_from_string"),
	FN(PANGO, font_free, "pango_font_description_free"),
	FN(PANGO, set_font, "pango_layout_set_font_description"),
	FN(PANGO, set_width, "pango_layout_set_width"),
	FN(PANGO, set_wrap, "pango_layout_set_wrap"),
	FN(PANGO, set_alignment, "pango_layout_set_alignment"),
	FN(PANGO, set_justify, "pango_layout_set_justify"),
	FN(PANGO, set_indent, "pango_layout_set_indent"),
	FN(PANGO, set_markup, "pango_layout_set_markup"),
	FN(PANGO, get_size, "pango_layout_get_size"),
	FN(PANGO, get_iter, "pango_layout_get_iter"),
	FN(PANGO, iter_next_line, "pango_layout_iter_next_line"),
	FN(PANGO, iter_get_line_extents, "pango_layout_iter_get_line_extents"),
	FN(PANGO, iter_get_baseline, "pango_layout_iter_get_baseline"),
	FN(PANGO, iter_get_line_readonly,
	   "pango_layout_iter_get_line_readonly"),
	FN(PANGO, iter_free, "pango_layout_iter_free"),
	FN(GOBJECT, object_unref, "g_object_unref"),
	FN(PANGOCAIRO, font_map_set_default,
	   "pango_cairo_font_map_set_default"),
	FN(CAIRO, cairo_reset_static_data, "cairo_debug_reset_static_data"),
	FN(FONTCONFIG, fc_fini, "FcFini"),
};

/* Gives back the caches in the order they were built on each other:
 * pango's font map holds fontconfig patterns and cairo fonts. */
static void unload_caches(void)
{
	lib.font_map_set_default(NULL);
	lib.cairo_reset_static_data();
	lib.fc_fini();
}

static void load(void)
{
	void *handles[NLIBS];

	for (int i = 0; i < NLIBS; i++) {
		handles[i] = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL);
		if (!handles[i])
			return;   /* the opened ones stay: harmless, and a
				   * dlclose could unload what another part
				   * of the process also uses */
	}
	for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
		void *sym = dlsym(handles[fns[i].lib], fns[i].name);
		if (!sym)
			return;
		/* dlsym returns void *; POSIX guarantees that it holds a
		 * function pointer's bytes, so they are copied as such */
		memcpy((char *)&lib + fns[i].offset, &sym, sizeof sym);
	}
	loaded = 1;
	atexit(unload_caches);
}

const struct pdfdoc_lib *pdfdoc_lib_get(struct sx_error *err)
{
	pthread_once(&load_once, load);
	if (loaded)
		return &lib;
	sx_error_set(err, SX_INVALID, "format",
		     "Không tạo được PDF: máy thiếu thư viện cairo/pango "
		     "(gói libpangocairo-1.0-0); các định dạng khác vẫn dùng "
		     "được",
		     "cannot make a PDF: the cairo/pango libraries are missing "
		     "(Debian package libpangocairo-1.0-0); other formats work");
	return NULL;
}

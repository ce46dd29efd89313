/* cairo_api.h - cairo, opened on first use (dl.h): only the PNG writer (pngw.c) call it. */
#ifndef VB_CAIRO_API_H
#define VB_CAIRO_API_H

#include <cairo.h>
#include <cairo-ft.h>

#include "dl.h"

#define VB_CAIRO_FUNCS(X) X(cairo_clip) X(cairo_create) X(cairo_destroy) X(cairo_fill) X(cairo_font_face_destroy) \
    X(cairo_font_face_set_user_data) X(cairo_font_face_status) X(cairo_font_options_create) \
    X(cairo_font_options_destroy) X(cairo_font_options_set_antialias) X(cairo_font_options_set_hint_metrics) \
    X(cairo_font_options_set_hint_style) X(cairo_font_options_status) X(cairo_ft_font_face_create_for_ft_face) \
    X(cairo_get_source) X(cairo_identity_matrix) X(cairo_image_surface_create) X(cairo_image_surface_get_data) \
    X(cairo_image_surface_get_height) X(cairo_image_surface_get_stride) X(cairo_image_surface_get_width) \
    X(cairo_line_to) X(cairo_move_to) X(cairo_paint) X(cairo_pattern_set_extend) X(cairo_pattern_set_filter) \
    X(cairo_rectangle) X(cairo_restore) X(cairo_rotate) X(cairo_save) X(cairo_scale) X(cairo_set_font_face) \
    X(cairo_set_font_options) X(cairo_set_font_size) X(cairo_set_line_cap) X(cairo_set_line_join) \
    X(cairo_set_line_width) X(cairo_set_source_rgb) X(cairo_set_source_surface) X(cairo_show_glyphs) X(cairo_status) \
    X(cairo_status_to_string) X(cairo_stroke) X(cairo_surface_destroy) X(cairo_surface_flush) \
    X(cairo_surface_mark_dirty) X(cairo_surface_status) X(cairo_translate)

struct vb_cairo_api {
    VB_CAIRO_FUNCS(VB_DL_PTR)
};
extern struct vb_cairo_api vb_cairo;

/* Opens the library once per process and fills vb_cairo. NULL when ready;
 * otherwise why not, untranslated (the caller passes it through _()). */
const char *vb_cairo_load(void);

#endif

/* pngw.h - the PNG backend: draws vb_pages with cairo, one picture a page.
 *
 * A writer like the PDF one: it draws what layout decided (glyph ids at
 * layout's positions, rules, frames, images) and decides nothing. Glyphs
 * are drawn by id from FreeType faces made over the very font bytes the
 * fontset shaped with (cairo-ft), unhinted and anti-aliased in grey, as
 * poppler draws our PDF, so the picture is the PDF's page.
 *
 *     vb_pngw_fonts *f;  vb_pngw_fonts_new(&f, fs);       (once per fontset)
 *     vb_pngw *w;        vb_pngw_new(&w, f, 96, max_px);  (once per document)
 *     vb_pngw_page(w, &pages->pages[i], &png, diag);      (each page)
 *     vb_pngw_free(w);   vb_pngw_fonts_free(f);
 */
#ifndef VB_PNGW_H
#define VB_PNGW_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "err.h"
#include "font.h"
#include "page.h"

/* Lowest and highest resolution accepted, dots per inch. */
#define VB_PNGW_MIN_DPI 10
#define VB_PNGW_MAX_DPI 1200

typedef struct vb_pngw_fonts vb_pngw_fonts;
typedef struct vb_pngw vb_pngw;

/* cairo font faces for the four faces of fs (FreeType faces over the same
 * bytes). fs must outlive the result. Keeping it between documents keeps
 * cairo's glyph cache warm. Returns VB_OK, VB_ERR_NOMEM or VB_ERR_FONT.
 * The caller frees it with vb_pngw_fonts_free. */
vb_err vb_pngw_fonts_new(vb_pngw_fonts **out, const vb_fontset *fs);
void vb_pngw_fonts_free(vb_pngw_fonts *f);

/* A drawing context for one document's pages at dpi (VB_PNGW_MIN_DPI to
 * VB_PNGW_MAX_DPI): it keeps the document's decoded images between pages.
 * Images larger than max_pixels are refused. Caller frees. */
vb_err vb_pngw_new(vb_pngw **out, vb_pngw_fonts *fonts, double dpi, size_t max_pixels);
void vb_pngw_free(vb_pngw *w);

/* The size in pixels of a page drawn at w's resolution. */
void vb_pngw_size(const vb_pngw *w, const vb_page *pg, int *width, int *height);

/* Draws one page and appends it to out as a complete PNG file (8-bit grey
 * when the page has no colour, RGB otherwise). The same page gives the same
 * bytes. Returns VB_OK, or an error with a message in diag (an image that
 * cannot be read: VB_ERR_IMAGE). */
vb_err vb_pngw_page(vb_pngw *w, const vb_page *pg, vb_buf *out, vb_diag *diag);

#endif

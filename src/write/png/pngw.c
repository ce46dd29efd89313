/* pngw.c - the PNG backend: vb_pages drawn with cairo, encoded with libpng.
 *
 * One function per kind of page item (draw_text, draw_rule, draw_frame,
 * draw_image), called from one loop over the page, as pdf.c does. Nothing
 * here shapes, breaks or places anything: positions, sizes, colours and
 * glyph ids all come from the page model. */
#include "pngw.h"

#include <errno.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_MODULE_H
#include <hb-ot.h>
#include <libdeflate.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cairo_api.h"
#include "image.h"
#include "png.h"

/* ---- fonts ---- */

/* What a cairo font face holds on to: FreeType objects and the font's
 * bytes. cairo keeps recently used faces in a cache of its own after we let
 * go of them, so they are released only when cairo finalizes the face. */
typedef struct ft_hold {
    FT_Library lib;  /* a reference (FT_Reference_Library) */
    FT_Face face;
    hb_blob_t *blob; /* the bytes FreeType reads */
} ft_hold;

struct vb_pngw_fonts {
    FT_Library lib;
    cairo_font_face_t *face[VB_FACE_COUNT];
    const vb_face *vf[VB_FACE_COUNT];
    double ul_pos[VB_FACE_COUNT], ul_thick[VB_FACE_COUNT]; /* em, as pdf.c reads them */
};

static const cairo_user_data_key_t hold_key;

static void hold_release(void *p)
{
    ft_hold *h = p;
    FT_Done_Face(h->face);
    FT_Done_FreeType(h->lib); /* drops our reference; the last one frees it */
    hb_blob_destroy(h->blob);
    free(h);
}

static vb_err face_new(vb_pngw_fonts *f, int i, const vb_face *vf)
{
    ft_hold *h = calloc(1, sizeof *h);
    if (!h)
        return VB_ERR_NOMEM;
    unsigned len = 0;
    const char *data = hb_blob_get_data(vf->blob, &len);
    if (!len || FT_New_Memory_Face(f->lib, (const FT_Byte *)data, (FT_Long)len, 0, &h->face)) {
        free(h);
        return VB_ERR_FONT;
    }
    FT_Reference_Library(f->lib);
    h->lib = f->lib;
    h->blob = hb_blob_reference(vf->blob);
    /* Unhinted outlines: the PDF's subsets carry no hinting, and poppler
     * draws them unhinted too. */
    cairo_font_face_t *cf = vb_cairo.cairo_ft_font_face_create_for_ft_face(h->face, FT_LOAD_NO_HINTING);
    if (vb_cairo.cairo_font_face_status(cf) != CAIRO_STATUS_SUCCESS ||
        vb_cairo.cairo_font_face_set_user_data(cf, &hold_key, h, hold_release) != CAIRO_STATUS_SUCCESS) {
        vb_cairo.cairo_font_face_destroy(cf);
        hold_release(h);
        return VB_ERR_NOMEM;
    }
    f->face[i] = cf;
    f->vf[i] = vf;
    hb_position_t pos = 0, thick = 0;
    if (!hb_ot_metrics_get_position(vf->font, HB_OT_METRICS_TAG_UNDERLINE_OFFSET, &pos) ||
        !hb_ot_metrics_get_position(vf->font, HB_OT_METRICS_TAG_UNDERLINE_SIZE, &thick) || thick <= 0) {
        pos = -(hb_position_t)(vf->upem / 20);
        thick = (hb_position_t)(vf->upem / 20);
    }
    f->ul_pos[i] = (double)pos / vf->upem;
    f->ul_thick[i] = (double)thick / vf->upem;
    return VB_OK;
}

vb_err vb_pngw_fonts_new(vb_pngw_fonts **out, const vb_fontset *fs)
{
    *out = NULL;
    vb_pngw_fonts *f = calloc(1, sizeof *f);
    if (!f)
        return VB_ERR_NOMEM;
    if (FT_Init_FreeType(&f->lib)) {
        free(f);
        return VB_ERR_FONT;
    }
    vb_err err = VB_OK;
    for (int i = 0; i < VB_FACE_COUNT && !err; i++)
        err = face_new(f, i, vb_fontset_face(fs, (vb_face_id)i));
    if (err) {
        vb_pngw_fonts_free(f);
        return err;
    }
    *out = f;
    return VB_OK;
}

void vb_pngw_fonts_free(vb_pngw_fonts *f)
{
    if (!f)
        return;
    for (int i = 0; i < VB_FACE_COUNT; i++)
        vb_cairo.cairo_font_face_destroy(f->face[i]);
    FT_Done_FreeType(f->lib);
    free(f);
}

/* ---- a document's drawing context ---- */

typedef struct image_use {
    char *path;
    cairo_surface_t *surf; /* premultiplied ARGB */
} image_use;

struct vb_pngw {
    vb_pngw_fonts *fonts;
    double dpi, scale; /* scale: pixels per point */
    size_t max_pixels;
    cairo_font_options_t *opts;
    image_use *images;
    size_t n_images, cap_images;
    unsigned char *raw;    /* the picture's rows as PNG samples */
    size_t raw_cap;
    unsigned char *packed; /* ... deflated */
    size_t packed_cap;
    struct libdeflate_compressor *deflater;
    cairo_surface_t *surf; /* the page being drawn, kept for the next */
};

vb_err vb_pngw_new(vb_pngw **out, vb_pngw_fonts *fonts, double dpi, size_t max_pixels)
{
    *out = NULL;
    if (!(dpi >= VB_PNGW_MIN_DPI && dpi <= VB_PNGW_MAX_DPI))
        return VB_ERR_INTERNAL;
    vb_pngw *w = calloc(1, sizeof *w);
    if (!w)
        return VB_ERR_NOMEM;
    w->fonts = fonts;
    w->dpi = dpi;
    w->scale = dpi / 72.0;
    w->max_pixels = max_pixels;
    /* Grey anti-aliasing, no hinting, positions as given: poppler's way
     * with our PDF (and no subpixel colour fringes in a picture that may
     * be scaled). */
    w->opts = vb_cairo.cairo_font_options_create();
    vb_cairo.cairo_font_options_set_antialias(w->opts, CAIRO_ANTIALIAS_GRAY);
    vb_cairo.cairo_font_options_set_hint_style(w->opts, CAIRO_HINT_STYLE_NONE);
    vb_cairo.cairo_font_options_set_hint_metrics(w->opts, CAIRO_HINT_METRICS_OFF);
    if (vb_cairo.cairo_font_options_status(w->opts) != CAIRO_STATUS_SUCCESS) {
        vb_pngw_free(w);
        return VB_ERR_NOMEM;
    }
    *out = w;
    return VB_OK;
}

void vb_pngw_free(vb_pngw *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->n_images; i++) {
        free(w->images[i].path);
        vb_cairo.cairo_surface_destroy(w->images[i].surf);
    }
    free(w->images);
    free(w->raw);
    free(w->packed);
    libdeflate_free_compressor(w->deflater);
    vb_cairo.cairo_surface_destroy(w->surf);
    vb_cairo.cairo_font_options_destroy(w->opts);
    free(w);
}

/* Pixels for a length in points; a page never has fewer than one. */
static int pixels(double pt, double scale)
{
    double v = ceil(pt * scale - 1e-6);
    return v < 1 ? 1 : v > 100000 ? 100000 : (int)v;
}

void vb_pngw_size(const vb_pngw *w, const vb_page *pg, int *width, int *height)
{
    *width = pixels(isfinite(pg->width) ? pg->width : 1, w->scale);
    *height = pixels(isfinite(pg->height) ? pg->height : 1, w->scale);
}

static void set_rgb(cairo_t *cr, uint32_t color)
{
    vb_cairo.cairo_set_source_rgb(cr, ((color >> 16) & 0xff) / 255.0, ((color >> 8) & 0xff) / 255.0, (color & 0xff) / 255.0);
}

/* Strokes along the pixel grid, as poppler's stroke adjustment draws
 * them: a width of whole pixels (never less than one, which is also how a
 * PDF hairline is drawn), a centre line that puts it on whole pixel rows,
 * ends on pixel edges. A 0.5 pt rule is then one crisp pixel at 96 dpi
 * instead of two grey ones. Slanted lines keep their place, anti-aliased. */
static int px_width(const vb_pngw *w, double width)
{
    long v = lround(width * w->scale);
    return v < 1 ? 1 : v > 10000 ? 10000 : (int)v;
}

static double snap_centre(double c, int wpx)
{
    return wpx % 2 ? floor(c) + 0.5 : floor(c + 0.5);
}

static double snap_edge(double c)
{
    return floor(c + 0.5);
}

/* ---- page items ---- */

/* Glyphs on the stack for ordinary runs; longer ones go to the heap. */
#define GLYPHS_ON_STACK 256

static vb_err draw_text(vb_pngw *w, cairo_t *cr, const vb_item *it, vb_diag *diag)
{
    const vb_glyph_run *run = &it->u.text;
    if (!run->n || !(run->size > 0) || !isfinite(run->size))
        return VB_OK;
    if ((unsigned)run->face >= VB_FACE_COUNT) {
        vb_diag_emit(diag, (vb_srcpos){0}, VB_ERROR, "PNG writer: a text run names face %d, which does not exist",
                     (int)run->face);
        return VB_ERR_INTERNAL;
    }
    cairo_glyph_t stack[GLYPHS_ON_STACK];
    cairo_glyph_t *g = run->n <= GLYPHS_ON_STACK ? stack : malloc(run->n * sizeof *g);
    if (!g)
        return VB_ERR_NOMEM;
    int turned = run->angle != 0 && isfinite(run->angle);
    for (uint32_t i = 0; i < run->n; i++) {
        g[i].index = run->glyphs[i].gid;
        if (turned) {
            /* along the run, in its own turned space (below) */
            g[i].x = run->glyphs[i].x;
            g[i].y = -run->glyphs[i].dy;
            continue;
        }
        g[i].x = run->x + run->glyphs[i].x;
        g[i].y = run->y - run->glyphs[i].dy;
        /* Baselines on whole pixel rows, rounded down as poppler does with
         * our PDF (cairo itself would round to the nearest): the picture
         * then matches what a PDF viewer shows, edge for edge. */
        g[i].y = floor(g[i].y * w->scale + 1e-6) / w->scale;
    }
    if (turned) {
        /* counterclockwise on the page is a negative angle with y down */
        vb_cairo.cairo_save(cr);
        vb_cairo.cairo_translate(cr, run->x, run->y);
        vb_cairo.cairo_rotate(cr, -run->angle * M_PI / 180);
    }
    /* The run's own colour; layout may leave it black and colour the item
     * (as pdf.c reads it). */
    uint32_t color = run->color ? run->color : it->color;
    set_rgb(cr, color);
    vb_cairo.cairo_set_font_face(cr, w->fonts->face[run->face]);
    vb_cairo.cairo_set_font_size(cr, run->size);
    vb_cairo.cairo_set_font_options(cr, w->opts);
    vb_cairo.cairo_show_glyphs(cr, g, (int)run->n);
    if (turned)
        vb_cairo.cairo_restore(cr);
    if (g != stack)
        free(g);

    if (run->underline && !turned) {
        /* the bar pdf.c draws: the font's underline position and thickness */
        const vb_face *vf = w->fonts->vf[run->face];
        double width = run->width;
        if (!(width > 0)) {
            const vb_pglyph *last = &run->glyphs[run->n - 1];
            width = last->x + (double)last->advance * run->size / vf->upem;
        }
        double sc = w->scale, top = (run->y - w->fonts->ul_pos[run->face] * run->size) * sc;
        int hpx = px_width(w, w->fonts->ul_thick[run->face] * run->size);
        double y0 = snap_edge(top + (w->fonts->ul_thick[run->face] * run->size * sc - hpx) / 2);
        vb_cairo.cairo_save(cr);
        vb_cairo.cairo_identity_matrix(cr);
        vb_cairo.cairo_rectangle(cr, snap_edge(run->x * sc), y0, snap_edge((run->x + width) * sc) - snap_edge(run->x * sc), hpx);
        vb_cairo.cairo_fill(cr);
        vb_cairo.cairo_restore(cr);
    }
    return VB_OK;
}

static void draw_rule(vb_pngw *w, cairo_t *cr, const vb_item *it)
{
    if (!(it->u.rule.width >= 0))
        return;
    double sc = w->scale;
    double x1 = it->u.rule.x1 * sc, y1 = it->u.rule.y1 * sc, x2 = it->u.rule.x2 * sc, y2 = it->u.rule.y2 * sc;
    int wpx = px_width(w, it->u.rule.width);
    if (y1 == y2) {
        y1 = y2 = snap_centre(y1, wpx);
        x1 = snap_edge(x1);
        x2 = snap_edge(x2);
    } else if (x1 == x2) {
        x1 = x2 = snap_centre(x1, wpx);
        y1 = snap_edge(y1);
        y2 = snap_edge(y2);
    }
    vb_cairo.cairo_save(cr);
    vb_cairo.cairo_identity_matrix(cr);
    set_rgb(cr, it->color);
    vb_cairo.cairo_set_line_width(cr, wpx);
    vb_cairo.cairo_move_to(cr, x1, y1);
    vb_cairo.cairo_line_to(cr, x2, y2);
    vb_cairo.cairo_stroke(cr);
    vb_cairo.cairo_restore(cr);
}

static void draw_frame(vb_pngw *w, cairo_t *cr, const vb_item *it)
{
    if (!(it->u.frame.width >= 0))
        return;
    double sc = w->scale;
    int wpx = px_width(w, it->u.frame.width);
    double x0 = snap_centre(it->u.frame.x * sc, wpx), y0 = snap_centre(it->u.frame.y * sc, wpx);
    double x1 = snap_centre((it->u.frame.x + it->u.frame.w) * sc, wpx);
    double y1 = snap_centre((it->u.frame.y + it->u.frame.h) * sc, wpx);
    vb_cairo.cairo_save(cr);
    vb_cairo.cairo_identity_matrix(cr);
    set_rgb(cr, it->color);
    vb_cairo.cairo_set_line_width(cr, wpx);
    vb_cairo.cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
    vb_cairo.cairo_stroke(cr);
    vb_cairo.cairo_restore(cr);
}

/* The decoded picture as cairo wants it: 32-bit native words, alpha
 * premultiplied into the colour. */
static cairo_surface_t *to_surface(const vb_png_image *pic)
{
    cairo_surface_t *s = vb_cairo.cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)pic->w, (int)pic->h);
    if (vb_cairo.cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        vb_cairo.cairo_surface_destroy(s);
        return NULL;
    }
    vb_cairo.cairo_surface_flush(s);
    unsigned char *data = vb_cairo.cairo_image_surface_get_data(s);
    int stride = vb_cairo.cairo_image_surface_get_stride(s);
    for (uint32_t y = 0; y < pic->h; y++) {
        uint32_t *row = (uint32_t *)(void *)(data + (size_t)y * (size_t)stride);
        for (uint32_t x = 0; x < pic->w; x++) {
            size_t i = (size_t)y * pic->w + x;
            const unsigned char *p = pic->pixels + i * (size_t)pic->channels;
            unsigned r = p[0], g = pic->channels == 3 ? p[1] : p[0], b = pic->channels == 3 ? p[2] : p[0];
            unsigned a = pic->alpha ? pic->alpha[i] : 255;
            if (a != 255) {
                r = (r * a + 127) / 255;
                g = (g * a + 127) / 255;
                b = (b * a + 127) / 255;
            }
            row[x] = (uint32_t)a << 24 | (uint32_t)r << 16 | (uint32_t)g << 8 | b;
        }
    }
    vb_cairo.cairo_surface_mark_dirty(s);
    return s;
}

static vb_err load_image(vb_pngw *w, const vb_item *it, cairo_surface_t **out, vb_diag *diag)
{
    const char *path = it->u.image.path ? it->u.image.path : "";
    for (size_t i = 0; i < w->n_images; i++)
        if (!strcmp(w->images[i].path, path)) {
            *out = w->images[i].surf;
            return VB_OK;
        }
    if (w->n_images == w->cap_images) {
        size_t cap = w->cap_images ? w->cap_images * 2 : 4;
        image_use *v = realloc(w->images, cap * sizeof *v);
        if (!v)
            return VB_ERR_NOMEM;
        w->images = v;
        w->cap_images = cap;
    }
    vb_png_image pic;
    int owned;
    vb_err err = vb_item_pixels(it, w->max_pixels, &pic, &owned, diag);
    if (err)
        return err;
    cairo_surface_t *s = to_surface(&pic);
    char *copy = strdup(path);
    if (!s || !copy) {
        vb_cairo.cairo_surface_destroy(s);
        free(copy);
        err = VB_ERR_NOMEM;
        goto done;
    }
    w->images[w->n_images++] = (image_use){copy, s};
    *out = s;
done:
    if (owned)
        vb_png_image_free(&pic);
    return err;
}

static vb_err draw_image(vb_pngw *w, cairo_t *cr, const vb_item *it, vb_diag *diag)
{
    cairo_surface_t *s = NULL;
    vb_err err = load_image(w, it, &s, diag);
    if (err)
        return err;
    int iw = vb_cairo.cairo_image_surface_get_width(s), ih = vb_cairo.cairo_image_surface_get_height(s);
    if (!(it->u.image.w > 0) || !(it->u.image.h > 0) || iw <= 0 || ih <= 0)
        return VB_OK;
    vb_cairo.cairo_save(cr);
    vb_cairo.cairo_rectangle(cr, it->u.image.x, it->u.image.y, it->u.image.w, it->u.image.h);
    vb_cairo.cairo_clip(cr);
    vb_cairo.cairo_translate(cr, it->u.image.x, it->u.image.y);
    vb_cairo.cairo_scale(cr, it->u.image.w / iw, it->u.image.h / ih);
    vb_cairo.cairo_set_source_surface(cr, s, 0, 0);
    /* GOOD averages the pixels a downscaled picture drops (a 600-pixel
     * seal in 100 screen pixels), as a PDF viewer does. */
    vb_cairo.cairo_pattern_set_filter(vb_cairo.cairo_get_source(cr), CAIRO_FILTER_GOOD);
    vb_cairo.cairo_pattern_set_extend(vb_cairo.cairo_get_source(cr), CAIRO_EXTEND_PAD);
    vb_cairo.cairo_paint(cr);
    vb_cairo.cairo_restore(cr);
    return VB_OK;
}

static vb_err draw_item(vb_pngw *w, cairo_t *cr, const vb_item *it, vb_diag *diag)
{
    switch (it->kind) {
    case VB_ITEM_TEXT: return draw_text(w, cr, it, diag);
    case VB_ITEM_RULE: draw_rule(w, cr, it); return VB_OK;
    case VB_ITEM_FRAME: draw_frame(w, cr, it); return VB_OK;
    case VB_ITEM_IMAGE: return draw_image(w, cr, it, diag);
    }
    return VB_OK; /* a kind this writer does not know draws nothing */
}

/* ---- PNG encoding ---- */

/* The PNG file is written here rather than through libpng: the whole
 * picture goes to libdeflate in one call at its fastest level, which is
 * several times quicker than libpng's zlib, and a page is mostly white rows
 * that any level packs well. Rows carry filter type 0 (none). */

static void put_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* Appends one chunk: length, type, data, CRC of type and data. */
static void put_chunk(vb_buf *out, const char type[4], const unsigned char *data, size_t len)
{
    unsigned char head[8];
    put_be32(head, (uint32_t)len);
    memcpy(head + 4, type, 4);
    vb_buf_append(out, head, 8);
    if (len)
        vb_buf_append(out, data, len);
    uint32_t crc = libdeflate_crc32(0, type, 4);
    crc = libdeflate_crc32(crc, data, len);
    unsigned char tail[4];
    put_be32(tail, crc);
    vb_buf_append(out, tail, 4);
}

/* The rows as PNG wants them (a filter byte, then samples): grey when
 * every pixel has r = g = b, RGB otherwise. Returns the colour type. */
static int rows_of(vb_pngw *w, const unsigned char *data, int stride, int width, int height)
{
    unsigned char *dst = w->raw;
    for (int y = 0; y < height; y++) {
        const uint32_t *src = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
        *dst++ = 0;
        for (int x = 0; x < width; x++) {
            uint32_t v = src[x];
            unsigned g = v & 0xff;
            if (((v >> 8) & 0xff) != g || ((v >> 16) & 0xff) != g)
                goto colour;
            *dst++ = (unsigned char)g;
        }
    }
    return 0; /* PNG colour type 0: grey */
colour:
    dst = w->raw;
    for (int y = 0; y < height; y++) {
        const uint32_t *src = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
        *dst++ = 0;
        for (int x = 0; x < width; x++) {
            uint32_t v = src[x];
            *dst++ = (unsigned char)(v >> 16);
            *dst++ = (unsigned char)(v >> 8);
            *dst++ = (unsigned char)v;
        }
    }
    return 2; /* PNG colour type 2: RGB */
}

static vb_err encode(vb_pngw *w, cairo_surface_t *surf, vb_buf *out)
{
    int width = vb_cairo.cairo_image_surface_get_width(surf), height = vb_cairo.cairo_image_surface_get_height(surf);
    int stride = vb_cairo.cairo_image_surface_get_stride(surf);
    const unsigned char *data = vb_cairo.cairo_image_surface_get_data(surf);
    size_t raw_max = ((size_t)width * 3 + 1) * (size_t)height;
    if (raw_max > w->raw_cap) {
        unsigned char *r = realloc(w->raw, raw_max);
        if (!r)
            return VB_ERR_NOMEM;
        w->raw = r;
        w->raw_cap = raw_max;
    }
    if (!w->deflater && !(w->deflater = libdeflate_alloc_compressor(1)))
        return VB_ERR_NOMEM;
    int type = rows_of(w, data, stride, width, height);
    size_t raw_len = ((size_t)width * (type ? 3 : 1) + 1) * (size_t)height;
    size_t bound = libdeflate_zlib_compress_bound(w->deflater, raw_len);
    if (bound > w->packed_cap) {
        unsigned char *p = realloc(w->packed, bound);
        if (!p)
            return VB_ERR_NOMEM;
        w->packed = p;
        w->packed_cap = bound;
    }
    size_t packed = libdeflate_zlib_compress(w->deflater, w->raw, raw_len, w->packed, bound);
    if (!packed)
        return VB_ERR_INTERNAL;

    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    vb_buf_append(out, sig, 8);
    unsigned char ihdr[13];
    put_be32(ihdr, (uint32_t)width);
    put_be32(ihdr + 4, (uint32_t)height);
    ihdr[8] = 8;                  /* bits per sample */
    ihdr[9] = (unsigned char)type;
    ihdr[10] = ihdr[11] = ihdr[12] = 0; /* deflate, adaptive filtering, no interlace */
    put_chunk(out, "IHDR", ihdr, sizeof ihdr);
    /* the resolution, so that a viewer can show the page at its real size */
    unsigned char phys[9];
    uint32_t ppm = (uint32_t)lround(w->dpi / 0.0254);
    put_be32(phys, ppm);
    put_be32(phys + 4, ppm);
    phys[8] = 1; /* per metre */
    put_chunk(out, "pHYs", phys, sizeof phys);
    put_chunk(out, "IDAT", w->packed, packed);
    put_chunk(out, "IEND", NULL, 0);
    return out->failed ? VB_ERR_NOMEM : VB_OK;
}

vb_err vb_pngw_page(vb_pngw *w, const vb_page *pg, vb_buf *out, vb_diag *diag)
{
    int width, height;
    vb_pngw_size(w, pg, &width, &height);
    vb_err err = VB_OK;
    /* One surface for all pages of a size: a new one is a fresh mapping of
     * megabytes, paid again in page faults for every page. */
    if (w->surf && (vb_cairo.cairo_image_surface_get_width(w->surf) != width || vb_cairo.cairo_image_surface_get_height(w->surf) != height)) {
        vb_cairo.cairo_surface_destroy(w->surf);
        w->surf = NULL;
    }
    if (!w->surf)
        w->surf = vb_cairo.cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
    cairo_surface_t *surf = w->surf;
    cairo_t *cr = vb_cairo.cairo_create(surf);
    if (vb_cairo.cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        err = VB_ERR_NOMEM;
        goto fail;
    }
    vb_cairo.cairo_set_source_rgb(cr, 1, 1, 1);
    vb_cairo.cairo_paint(cr);
    /* points from the top-left corner, y downwards: the page model's space */
    vb_cairo.cairo_scale(cr, w->scale, w->scale);
    vb_cairo.cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    vb_cairo.cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    for (size_t k = 0; k < pg->n_items && !err; k++)
        err = draw_item(w, cr, &pg->items[k], diag);
    if (err)
        goto fail;
    if (vb_cairo.cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        vb_diag_emit(diag, (vb_srcpos){0}, VB_ERROR, "PNG writer: cairo: %s",
                     vb_cairo.cairo_status_to_string(vb_cairo.cairo_status(cr)));
        err = VB_ERR_INTERNAL;
        goto fail;
    }
    vb_cairo.cairo_surface_flush(surf);
    err = encode(w, surf, out);
fail:
    vb_cairo.cairo_destroy(cr);
    if (err == VB_ERR_NOMEM)
        vb_diag_emit(diag, (vb_srcpos){0}, VB_ERROR, "PNG writer: out of memory");
    return err;
}

/* page.h - the page model: what layout hands to every drawing backend.
 *
 * Pages hold positioned glyph runs, rules, frames and images, in points, with
 * the origin at the page's top-left corner and y growing downwards (the PDF
 * backend flips it). Nothing here depends on PDF: a PNG or browser preview
 * draws the same pages. Every item carries the role of the element it
 * belongs to, and vb_pages.boxes records where each formal element landed
 * (for the geometry tests, the JSON dump and signature fields).
 *
 * Everything lives in the arena given to vb_layout(). */
#ifndef VB_PAGE_H
#define VB_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "style.h"

/* A glyph placed on the line: x relative to the run's origin. */
typedef struct vb_pglyph {
    uint32_t gid;     /* glyph id in the face */
    int32_t advance;  /* the font's own advance, font units (for PDF widths) */
    float x;          /* pen position, pt, from the run's x */
    float dy;         /* vertical offset from the baseline, pt (up positive) */
    uint32_t cluster; /* byte offset into the run's text where this glyph's characters start */
} vb_pglyph;

/* Colours: 0xRRGGBB. */
#define VB_BLACK 0x000000u
#define VB_RED 0xFF0000u

typedef struct vb_glyph_run {
    vb_face_id face;
    float size;        /* pt */
    float x, y;        /* origin: start of the baseline */
    float width;       /* advance width of the run as set (justification included) */
    uint32_t color;
    vb_pglyph *glyphs;
    uint32_t n;
    const char *text;  /* the characters this run shows (UTF-8, NFC) */
    uint32_t text_len;
    int underline;
    float angle;       /* degrees, counterclockwise about (x, y); 0 for text on a line
                        * (the draft watermark runs along the page's diagonal) */
} vb_glyph_run;

typedef enum vb_item_kind { VB_ITEM_TEXT, VB_ITEM_RULE, VB_ITEM_FRAME, VB_ITEM_IMAGE } vb_item_kind;

typedef struct vb_item {
    vb_item_kind kind;
    int role;          /* vb_role, or -1 */
    uint32_t color;
    union {
        vb_glyph_run text;
        struct { float x1, y1, x2, y2, width; } rule;   /* a straight line */
        struct { float x, y, w, h, width; } frame;      /* an unfilled rectangle */
        struct { float x, y, w, h; const char *path; } image;
    } u;
} vb_item;

/* Where a formal element or a body block landed, for tests and tools. */
typedef struct vb_box {
    const char *name;  /* "quoc_hieu", "tieu_ngu_rule", "ho_ten", "chu_ky_gap" … */
    int page;          /* 0-based */
    float x, y, w, h;  /* top-left corner and size, pt */
    float baseline;    /* baseline of the first line (text boxes), pt from the top */
} vb_box;

typedef struct vb_page {
    float width, height;
    vb_item *items;
    size_t n_items, cap_items;
    int number;        /* printed page number (0: none shown) */
} vb_page;

typedef struct vb_pages {
    vb_page *pages;
    size_t n_pages, cap_pages;
    vb_box *boxes;
    size_t n_boxes, cap_boxes;
} vb_pages;

#endif

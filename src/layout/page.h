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
#include "table.h"

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
        struct { float x, y, w, h; const char *path; const struct vb_image *img; } image;
    } u;
} vb_item;

/* A picture the document shows (signature, seal), opened and decoded once
 * by layout: the file's bytes (the DOCX stores them), its size in pixels
 * and its samples as png.h's vb_png_image has them (the PDF draws them).
 * A signature or seal is a few hundred thousand pixels; the samples stay
 * in the document's arena until the render ends. img is NULL in an item
 * made without layout (a writer then reads path). */
typedef struct vb_image {
    const char *path;          /* as the model names it */
    uint32_t w, h;             /* pixels */
    const unsigned char *data; /* the PNG file */
    size_t len;
    int channels;                /* 1 (grey) or 3 (RGB) */
    const unsigned char *pixels; /* w × h × channels bytes, rows top to bottom */
    const unsigned char *alpha;  /* w × h bytes of opacity, or NULL: opaque */
} vb_image;

/* Where a formal element or a body block landed, for tests and tools.
 *
 * Signature fields are boxes too: "ky_so_nguoi_ky" (a signer's, ô 7c, over
 * the signature's place in the room between the title and the name) and
 * "ky_so_co_quan" (the agency's, ô 8, over the seal's place), each with the
 * field's name in `field`. The PDF writer turns them into empty signature
 * fields that a signing application fills in place. */
typedef struct vb_box {
    const char *name;  /* "quoc_hieu", "tieu_ngu_rule", "ho_ten", "chu_ky_gap" … */
    int page;          /* 0-based */
    float x, y, w, h;  /* top-left corner and size, pt */
    float baseline;    /* baseline of the first line (text boxes), pt from the top */
    const char *field; /* a signature field's name (UTF-8, NFC, as the input says it), or NULL */
} vb_box;

/* ---- what layout decided, for writers that set the text again ----------
 *
 * A writer whose format lays text out itself (the DOCX: Word and
 * LibreOffice break the lines) needs layout's decisions, not only the
 * drawn items: where each paragraph broke, how long each rule is, how a
 * signer's stack is built. These records carry them; the writer looks a
 * paragraph up by its role and the model element it prints
 * (vb_pages_para). */

/* One line of a laid-out paragraph. */
typedef struct vb_pline {
    uint32_t start, end; /* bytes of vb_para_rec.text on this line (no spaces at the break) */
    float x, width;      /* from the column's left edge; width of the content */
} vb_pline;

/* A rule layout draws under a paragraph (under the motto, the agency, the
 * trích yếu …), measured in the space the paragraph was given. */
typedef struct vb_prule {
    double x0, x1; /* its ends, from the left edge of the space */
    double below;  /* its middle below the bottom of the last line box */
    double width;  /* its thickness */
} vb_prule;

/* A frame round a paragraph (a circulation note, the urgency mark, the
 * e-copy stamp), in the coordinates of the unit it belongs to (page 1's
 * header block: x from the page's left edge, y from the top margin's
 * lower edge). */
typedef struct vb_pframe {
    double x, y, w, h;
    double pad;    /* the text's inset from the sides */
    double width;  /* the line's thickness */
    uint32_t color;
} vb_pframe;

/* A paragraph as layout set it. */
typedef struct vb_para_rec {
    int role;           /* vb_role */
    const void *src;    /* the model element it prints (a vb_inline, vb_node, vb_doc …); NULL: fixed words */
    const char *text;   /* its words one after another, a forced break as '\n' (UTF-8, NFC) */
    uint32_t len;
    vb_pline *lines;
    uint32_t n_lines;
    double space_x;     /* the left edge of the space it was given: from the page's left edge
                         * (from the cell's for a table cell's paragraph) */
    double space_w;     /* the width of that space, pt */
    double indent_left; /* its column starts this far into that space (the role's indent) */
    double indent_rest; /* lines after the first start this far into the column (a hanging label) */
    double pitch;       /* baseline to baseline */
    double top;         /* its first line box's top: from the top of the unit it belongs to (page 1's
                         * header, a signature or copy block, a table row group), or from the
                         * page's top for a paragraph of the flow */
    double space_above; /* in the header and title blocks: the room layout leaves above its first
                         * line box, after what comes before it in its column (Số and the date
                         * under the header's rules, the marks under Số, the type name under
                         * the header); for a block of the flow, the room it asks above itself
                         * (added to what the unit before it leaves below, space_below); in a
                         * table cell, the room between it and the cell's paragraph before;
                         * 0 elsewhere */
    double space_below; /* a block of the flow: the room it leaves below itself; 0 elsewhere */
    const vb_prule *rule; /* the rule under it, or NULL */
    const vb_pframe *frame; /* the frame round it, or NULL */
    /* Spaces (byte offsets into text) where a word processor, filling
     * lines one by one without shrinking spaces, would break differently
     * from layout (layout's total fit left a word for the next line that
     * would fit on this one): a writer that lets the text flow writes
     * them as no-break spaces so that its lines are layout's. */
    const uint32_t *keep;
    uint32_t n_keep;
    double size;        /* the size its text is set in when layout chose another than its
                         * role's (ô 4 stepped down to 13 pt to stay on one line), else 0 */
} vb_para_rec;

/* A picture in a signer's stack, from the column's left edge and the
 * stack's top. */
typedef struct vb_spic {
    const vb_image *img;
    int seal;           /* 0: the signature (ô 7c), 1: the seal (ô 8) */
    double x, y, w, h;
} vb_spic;

/* How a table's columns were made to hold its widest words and numbers
 * (layout never breaks one inside while another way is left). */
typedef enum vb_table_fit {
    VB_FIT_AS_IS,     /* at its own size, in the flow's pages */
    VB_FIT_SMALLER,   /* at a smaller size (down to the layout's min-size) */
    VB_FIT_LANDSCAPE, /* on a landscape page of its own (unit's own_section), at the largest size
                       * that fits there (a warning at the <bang>) */
    VB_FIT_BROKEN     /* nothing fits: at the smallest size, words broken between letters (a warning) */
} vb_table_fit;

/* A table's columns and cells as layout placed them (table.h's grid: the
 * column edges from the table's left edge, pt). */
typedef struct vb_table_rec {
    const void *src;   /* its vb_table */
    vb_grid grid;
    double border;     /* its cells' frame lines' thickness (0: no borders) */
    double pad_x, pad_y; /* the text's inset in a cell */
    double size;       /* the size every cell is set in when layout chose one (vb_cell_look), else 0 */
    vb_table_fit fit;
} vb_table_rec;

/* A unit of the flow that is not a paragraph of it: where it stands and
 * the room layout leaves around it. A writer that lets the text flow
 * again (the DOCX) writes each unit's room as spacing: what the unit
 * before leaves below (space_below) plus what this one asks above
 * (space_above); layout adds them the same way. */
typedef enum vb_unit_kind {
    VB_UNIT_HEADER,    /* the header block (ô 1–4): page 1's (src: the vb_doc), an attached text's (src: its vb_annex) */
    VB_UNIT_TITLE,     /* page 1's type name and trích yếu (src: the vb_doc) */
    VB_UNIT_ANNEX,     /* an appendix's or attached text's heading (src: its vb_annex) */
    VB_UNIT_TABLE,     /* a table of the flow (src: its vb_table) */
    VB_UNIT_SIGNATURE, /* a signature block (src: its first vb_signature) */
    VB_UNIT_COPY,      /* a copy's block (src: its vb_copy) */
    VB_UNIT_FOOTER     /* page 1's address footer, ô 13 (src: the vb_doc): space_above is the room
                        * between the body and its rule */
} vb_unit_kind;

typedef struct vb_unit_rec {
    vb_unit_kind kind;
    const void *src;
    double space_above; /* room above it, after what the unit before it leaves below */
    double space_below; /* room below it, before what follows */
    double x;           /* its left edge from the text area's left edge (negative: out into the margin) */
    double cols[2];     /* header, signature and copy blocks: their two columns' widths, pt */
    double sign_x, sign_w; /* signature and copy blocks: a lone signer's column from the text
                            * area's left edge, and its width; “Nơi nhận” stands in the
                            * sign_x before it */
    double rule;        /* the thickness of the rule across its top (a copy's block, the footer); 0: none */
    int own_section;    /* a table set on pages of its own orientation (a section before and after it) */
} vb_unit_rec;

/* A run of pages with one orientation and one numbering (a section of a
 * word processor): page 1's flow, a landscape table's pages and the pages
 * after them, each appendix and attached text. */
typedef struct vb_section_rec {
    size_t first_page;    /* 0-based index of its first page (n_pages when it got none) */
    int landscape;
    int restart;          /* its numbers start again at 1 (an appendix, an attached text) */
    int first_unnumbered; /* its first page shows no number */
    int page1;            /* it holds the document's first page: the stamps of ô 11 and 14 in its top
                           * margin, the address (ô 13) at its foot */
    double page_w, page_h; /* as the pages stand (landscape: the portrait sizes swapped) */
    double margin_top, margin_right, margin_bottom, margin_left; /* the binding edge stays on the left */
    double header_dist;   /* page top to the top of the page number's line box */
    double footer_dist;   /* page bottom to the bottom of what stands in the bottom margin (the
                           * address footer ends on the bottom margin) */
    double text_w;        /* the text area's width */
} vb_section_rec;

/* One signer's stack (ô 7a, the room for signature and seal, ô 7b). */
typedef struct vb_signer_rec {
    const void *src;    /* its vb_signature */
    double top;         /* the stack's top in its unit (a signature or copy block) */
    double titles_h;    /* its authority lines' height */
    double room_top;    /* the room's top from the stack's top (side by side: under the taller titles) */
    double gap;         /* the room's height (the chu_ky_gap box) */
    double height;      /* the whole stack, to the name's last line box */
    vb_spic pics[2];
    size_t n_pics;
    double recipients_top; /* beside it, the top of “Nơi nhận:”'s line box from the stack's top */
} vb_signer_rec;

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
    vb_para_rec *paras;  /* every paragraph layout set, in the order it set them */
    size_t n_paras, cap_paras;
    vb_signer_rec *signers;
    size_t n_signers, cap_signers;
    vb_table_rec *tables;
    size_t n_tables, cap_tables;
    vb_image *images;    /* each picture once */
    size_t n_images, cap_images;
    vb_unit_rec *units;  /* the flow's units, in the order layout set them */
    size_t n_units, cap_units;
    vb_section_rec *sections; /* in page order; at least one */
    size_t n_sections, cap_sections;
    int widows, orphans; /* the fewest lines a split paragraph leaves at a page's top, bottom */
    const struct vb_tblock *body; /* the main flow's blocks (blocks.h) as layout set them */
    size_t n_body;
    uint32_t *para_index; /* open-addressed (role, src) → 1 + index into paras */
    size_t para_index_cap;
} vb_pages;

/* A text block's key in the records: the node it prints, or the block
 * itself (the preamble's lines have no node; the main flow's blocks are
 * vb_pages.body). */
const void *vb_block_src(const struct vb_tblock *b);

/* Builds the lookup index of vb_pages_para (layout calls it once, at the
 * end). Returns 0 when out of memory. */
struct vb_arena;
int vb_pages_index(vb_pages *P, struct vb_arena *a);

/* The paragraph of `role` printing `src` (the first one layout set), or
 * NULL. */
const vb_para_rec *vb_pages_para(const vb_pages *P, int role, const void *src);
/* The grid of the table `src`, or NULL. */
const vb_table_rec *vb_pages_table(const vb_pages *P, const void *src);
/* The stack of the signer `src`, or NULL. */
const vb_signer_rec *vb_pages_signer(const vb_pages *P, const void *src);
/* The unit of `kind` for `src`, or NULL. */
const vb_unit_rec *vb_pages_unit(const vb_pages *P, vb_unit_kind kind, const void *src);
/* A section of the profile st's pages (layout's rules: margins kept on a
 * landscape page, the address footer ending on page 1's bottom margin);
 * address: page 1 has the address footer. */
void vb_section_init(vb_section_rec *s, const vb_style *st, int landscape, int restart, int page1, int address);
/* Height of a paragraph's line boxes: n_lines × pitch. */
double vb_para_rec_height(const vb_para_rec *p);

#endif

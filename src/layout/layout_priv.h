/* layout_priv.h - what the files of layout share: the layout context, a
 * unit laid out on its own origin (composite), a block of text in a
 * column (tblock), the slots pagination fills pages with, and the
 * functions each file offers the others. Not for use outside src/layout. */
#ifndef VB_LAYOUT_PRIV_H
#define VB_LAYOUT_PRIV_H

#include "blocks.h"
#include "buf.h"
#include "derive.h"
#include "layout.h"
#include "png.h"
#include "shape.h"
#include "table.h"

/* The text area of a page in one orientation. */
typedef struct area {
    double page_w, page_h;
    double left, width, top, bottom;
    int landscape;
} area;

typedef struct lctx {
    const vb_doc *doc;
    const vb_style *st;
    const vb_fontset *fs;
    const vb_limits *lim;
    vb_arena *a;
    vb_diag *diag;
    vb_shaper *sh;
    vb_pages *pages;
    area portrait, landscape;
    int failed;     /* out of memory */
    int bad_input;  /* an error was reported (a missing image …) */
    int measuring;  /* laying out only to measure: record nothing */
    int bad_image;  /* a picture that does not decode */
    int in_table;   /* laying out a table's cells: a word broken there is the table's to report
                     * (vb_lay_table_fit) */
} lctx;

typedef struct cbox {
    const char *name;
    double x, y, w, h, base;
    const char *field; /* a signature field's name (page.h), or NULL */
} cbox;

/* A unit laid out on its own origin (its top-left corner at 0, 0): the
 * header block, the signature block, a table's row group … */
typedef struct composite {
    vb_item *items;
    size_t n, cap;
    cbox *box;
    size_t n_box, cap_box;
    double height;
} composite;

typedef struct pieces {
    vb_piece *v;
    size_t n, cap;
} pieces;

/* A block of text laid out in a column. */
typedef struct tblock {
    vb_role role;
    vb_para_out para;
    double col_x, col_w;  /* the column: lines' x are relative to it */
    double pitch, base;   /* line pitch and baseline offset */
    double space_before, space_after;
    int keep_with_next;
    const char *box;      /* name recorded in the boxes, or NULL */
    vb_para_in in;        /* what it was laid out from, to set it again */
    vb_srcpos pos;
    size_t rec;           /* 1 + its record's index in the page model; 0: none */
} tblock;

/* ---- slots and pagination --------------------------------------------------------- */

typedef enum slot_kind { S_LINE, S_UNIT, S_BREAK } slot_kind;

typedef struct slot {
    slot_kind kind;
    tblock *b;         /* S_LINE */
    int line;
    const composite *unit;   /* S_UNIT */
    const composite *repeat; /* a table's header rows, shown again above this unit on a new page */
    int landscape, restart;  /* S_BREAK: the next pages' orientation; numbering starts again */
    double height, space_before;
    int break_ok;            /* a page may end right before this slot */
    int page;
    double top;
} slot;

typedef struct slots {
    slot *v;
    size_t n, cap;
    double pending_space; /* space owed to the next slot (a block's space_after …) */
    int keep_next;        /* the last block asked to stay with the next */
} slots;

typedef struct pinfo {
    int landscape;
    int number; /* printed page number; 0: none */
} pinfo;

typedef struct repeat_at {
    const composite *unit;
    int page;
    double top;
} repeat_at;

int vb_lay_grow(lctx *c, void **v, size_t *cap, size_t n, size_t size);

vb_item *vb_lay_comp_item(lctx *c, composite *k);

void vb_lay_comp_box(lctx *c, composite *k, const char *name, double x, double y, double w, double h, double base);

vb_page *vb_lay_page_get(lctx *c, size_t i);

const vb_role_style *vb_lay_rs(const lctx *c, vb_role r);

/* From the top of a line box to its baseline: the extra room of the line
 * gap and of spacing above single goes above the letters. */
double vb_lay_base_of(const lctx *c, const vb_role_style *r);

void vb_lay_piece_add(lctx *c, pieces *p, vb_piece pc);

void vb_lay_pieces_cat(lctx *c, pieces *p, const pieces *q);

/* The pieces of a block: label, one space, then the styled spans. */
pieces vb_lay_make_pieces(lctx *c, const vb_role_style *r, uint32_t color, const char *label, const vb_inline *text);

pieces vb_lay_text_pieces(lctx *c, const vb_role_style *r, uint32_t color, const char *text);

/* Lays pieces out in a column with the style r (of role `role`); the
 * first line starts indent_first from the column's left edge, the others
 * indent_rest. */
int vb_lay_styled(lctx *c, tblock *b, vb_role role, const vb_role_style *r, pieces p, double col_x, double col_w,
                  double indent_first, double indent_rest, vb_srcpos pos, const void *src);

/* Records a block laid out (with c->measuring set) in a space col_w wide
 * as vb_lay_styled records it (page.h's vb_para_rec; b->rec). */
void vb_lay_record(lctx *c, tblock *b, const vb_role_style *r, double col_x, double col_w, double indent_rest,
                   const void *src);

/* The common case: a role's own style and first-line indent. */
/* ô 4 on one line: 13 pt, then a wider column, when it does not fit
 * (layout_header.c); number is ô 3's block on the same row. */
void vb_lay_place_date(lctx *c, tblock *b, const char *text, double rx, double rw, const tblock *number, vb_srcpos pos,
                       const void *src);
int vb_lay_text(lctx *c, tblock *b, vb_role role, pieces p, double col_x, double col_w, vb_srcpos pos,
                const void *src);

void vb_lay_emit_line(lctx *c, const tblock *b, size_t i, composite *k, int page, double base_y);

/* Places a whole block into a unit with its first line box's top at `top`,
 * records its box under `name` (NULL: none); returns the bottom of its
 * last line box. */
double vb_lay_comp_text(lctx *c, composite *k, const tblock *b, double top, const char *name);

vb_item *vb_lay_rule_add(lctx *c, composite *k, double x1, double x2, double y, double width);

void vb_lay_frame_add(lctx *c, composite *k, double x, double y, double w, double h, double width, uint32_t color);

/* A centred rule under a block: `ratio` of its widest line, centred on it,
 * rule_gap below the last baseline. Returns the rule's bottom. */
double vb_lay_rule_under(lctx *c, composite *k, const char *name, const tblock *b, double last_base, double ratio);

/* A block placed in a unit, then its rule. Returns the bottom. */
double vb_lay_text_with_rule(lctx *c, composite *k, const tblock *b, double top, const char *name,
                             const char *rule_name, double ratio);

/* The agency column (ô 2): parent, agency, for a joint document the second
 * pair, and the rule. Returns the bottom. */
double vb_lay_agency_column(lctx *c, composite *k, const vb_inline *parent, const vb_inline *agency,
                            const vb_inline *parent2, const vb_inline *agency2, double lx, double lw);

/* Page 1's header; with full == 0 only rows {ô 2 | ô 1} (an attached
 * text's first page). Origin: the top margin's lower edge, the page's left
 * edge. */
void vb_lay_header_block(lctx *c, composite *k, int full);

/* {Nơi nhận | signature}: the label “Nơi nhận:” sits on the baseline of the
 * first authority line (spec §2.9). Two signers (a biên bản, a joint
 * document) stand side by side, and Nơi nhận goes under the left one. */
void vb_lay_signature_block(lctx *c, composite *k, const vb_signature *sigs, size_t n_sigs, const vb_inline *rec,
                            size_t n_rec, const vb_archive *ar, int with_recipients, const area *A);

/* A copy's block (Mẫu 3.1): a rule across the text, then {copying agency,
 * number | form, place and date}, then {Nơi nhận | signature}. */
void vb_lay_copy_block(lctx *c, composite *k, const vb_copy *cp);

void vb_lay_add_unit(lctx *c, slots *S, const composite *k, double space_before, int break_ok);

void vb_lay_add_break(lctx *c, slots *S, int landscape, int restart);

/* The portrait and landscape text areas of c->st's pages. */
void vb_lay_areas(lctx *c);

/* A table cell's paragraphs laid out in its column, not yet recorded. */
typedef struct tcell {
    tblock *blocks;
    const void **src;   /* each block's key for its record (vb_block_src) */
    size_t nb;
    vb_role_style look; /* vb_cell_look's */
    double inner;       /* the column's width inside the padding */
} tcell;

/* Lays the paragraphs of every cell of grid g out (g->n_cells entries of
 * cells), at `size` (0: each at its own look's), without recording them;
 * warn: say so of a table inside a cell. Returns how many are wider than
 * their column (a word broken), -1 on no memory. */
long vb_lay_table_cells(lctx *c, const vb_table *t, const vb_grid *g, double size, int warn, tcell *cells);

/* What layout decided for a table (table_fit.c). */
typedef struct tfit {
    vb_grid grid;       /* its cells, and its columns as wide as decided */
    const area *area;   /* the text area of its pages: the flow's, or a landscape page's of its own */
    double size;        /* the size every cell is set in; 0: each its own look's */
    vb_table_fit fit;
    tcell *cells;       /* its cells laid out on grid at size (the deciding did it), or NULL */
} tfit;

/* Decides a table of a flow in area A: its columns' widths (none narrower
 * than the widest word or number of its cells, with their padding), the
 * size of its text (a point smaller at a time down to the layout's
 * min-size while they do not fit), its pages (a landscape page of its own
 * when they do not fit A's width at the smallest size; <bang
 * huong="ngang"> asks for one anyway), and only when even that fails,
 * columns narrower than their words. Reports each step past the first at
 * the <bang>. Returns 0 when the table is empty or on no memory
 * (c->failed set). */
int vb_lay_table_fit(lctx *c, const vb_table *t, const area *A, tfit *f);

/* The blocks of a flow as slots, at the area's width; landscape tables in a
 * portrait flow get landscape pages of their own. */
void vb_lay_content_slots(lctx *c, slots *S, const vb_tblock *tb, size_t nt, const area *A);

/* An appendix's or attached text's heading, as one unit. */
composite *vb_lay_annex_heading(lctx *c, const vb_annex *an, size_t n_appendices, const area *A);

int vb_lay_paginate(lctx *c, slots *S, double first_top, double first_bottom, pinfo **out_info, repeat_at **out_rep,
                    size_t *n_rep);

/* A new record of a unit of the flow (page.h's vb_unit_rec), zeroed but
 * for its kind and key; NULL when measuring or out of memory. Valid until
 * the next one. */
vb_unit_rec *vb_lay_unit(lctx *c, vb_unit_kind kind, const void *src);
/* Records the header block's columns as the unit (kind HEADER, src). */
void vb_lay_header_unit(lctx *c, const void *src);
/* Records the start of a section from the next page on (page.h's
 * vb_section_rec); page1: the document's first. */
void vb_lay_section(lctx *c, int landscape, int restart, int page1);

/* Records the room layout leaves above block b in its column
 * (vb_para_rec.space_above). */
void vb_lay_space_above(lctx *c, const tblock *b, double v);
/* … and below it (vb_para_rec.space_below). */
void vb_lay_space_below(lctx *c, const tblock *b, double v);

#endif

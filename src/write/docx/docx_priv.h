/* docx_priv.h - what the files of the DOCX writer share: the writing
 * context, the descriptions of a section, a paragraph, a picture and a
 * cell, and the element writers each file offers the others. Not for use
 * outside src/write/docx. */
#ifndef VB_DOCX_PRIV_H
#define VB_DOCX_PRIV_H

#include "blocks.h"
#include "derive.h"
#include "docx.h"
#include "page.h"
#include "table.h"

/* Height of an empty paragraph that only carries something (a section's
 * end, a table cell's required last paragraph): as low as can be. */
#define TINY_LINE 2

/* ---- runs: the words of a paragraph --------------------------------------------- */

typedef struct drun {
    const char *text;
    size_t len;
    unsigned flags; /* VB_SPAN_BOLD | ITALIC | UNDERLINE, or VB_SPAN_BREAK */
} drun;

typedef struct druns {
    drun *v;
    size_t n, cap;
} druns;

/* A section is layout's (vb_section_rec): its pages' size, margins,
 * numbering and page-1 parts. */
typedef vb_section_rec dsect;

/* A paragraph's properties, as the PDF places it. Spacing, line height and
 * formatting equal to the style's are not repeated in the paragraph. */
typedef struct dpara {
    int role;            /* vb_role of its style, or -1: an empty paragraph in the rule style */
    const vb_role_style *look; /* how the PDF sets it when not as its role (table cells), or NULL */
    long before, after;  /* twips */
    long line;           /* exact line height, twips; 0: the style's */
    int has_ind;
    long ind_left, ind_right, ind_first; /* twips; ind_first < 0: hanging */
    int keep_next;       /* kept with the next paragraph (beyond the style) */
    int keep_lines;      /* never split across pages */
    long rule_sz;        /* > 0: a bottom border this wide (eighths of a point): a rule */
    uint32_t color;      /* text colour 0xRRGGBB (0: black) */
    const dsect *sect;   /* the section this paragraph ends, or NULL */
    const struct dpic *pics; /* pictures anchored to it */
    const vb_para_rec *keep; /* its text flows: layout's no-break spaces (vb_para_rec.keep), or NULL */
    size_t n_pics;
} dpara;

/* A picture anchored to a paragraph in a table cell: its place from the
 * cell's left edge and the paragraph's top, its size (pt), its stacking
 * order (higher in front). */
typedef struct dpic {
    size_t image; /* index into the media */
    double x, y, w, h;
    unsigned z;
    const char *name;
} dpic;

typedef struct dctx {
    const vb_doc *doc;
    const vb_style *st;
    const vb_fontset *fs;
    const vb_pages *P; /* what layout decided */
    vb_docx_xml *x;
    vb_arena *a;       /* runs and derived words, for the whole part */
    unsigned pic_id;   /* the last drawing's id */
    double width;      /* the text width of the current section */
    const dsect *sect; /* the current section (layout's, vb_pages.sections) */
    size_t sect_i;     /* its index */
    dsect own_sect;    /* the one section of a page model made without sections (unit tests) */
    /* the body paragraph held back (see the top of the file) */
    int held;
    dpara held_p;
    druns held_r;
    double pending;    /* space owed to the next element of the flow, pt */
    int section_top;   /* nothing written yet in a section that starts a page */
    /* the paragraph being written: its text */
    char *flat;        /* NUL-terminated */
    size_t flat_len, flat_cap;
    const vb_para_rec *keep; /* its no-break spaces (dpara.keep) */
    size_t next_keep;  /* the first of them not written yet */
    int nomem;
} dctx;

/* ---- pictures (DrawingML) ---- */

#define NS_WP "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_PIC "http://schemas.openxmlformats.org/drawingml/2006/picture"

/* A cell's place in the grid and how it looks. */
typedef struct dcell {
    long width;
    long span;          /* grid columns */
    const char *vmerge; /* "restart", "continue" or NULL */
    const char *valign; /* "center", "bottom" or NULL (top) */
    int no_borders;     /* a hole in the grid: no lines round it */
    long top_rule;      /* > 0: a line this wide (eighths of a point) along its top */
} dcell;

/* <w:sectPr> of section s: its headers and footers, page size, margins,
 * numbering. */
void vb_docx_write_w_sectPr(dctx *c, const dsect *s);

/* A paragraph of the flow (outside tables). At the top of a section's
 * first page it loses its space before, as on any page of our PDF (Word
 * and LibreOffice keep it after a page break). */
void vb_docx_flow_p(dctx *c, const dpara *p, const druns *r);

/* Space the PDF leaves before the next element; the next paragraph takes
 * it as space before. */
double vb_docx_take_pending(dctx *c);

/* `v` pt of space before an element that cannot hold it (a table): after
 * the held paragraph, or an empty paragraph that high. */
void vb_docx_flow_space(dctx *c, double v);

/* A table starts in the flow: what is held goes before it. */
void vb_docx_flow_table(dctx *c);

/* A context writing into x from the model, layout's pages and the
 * layout data. Returns VB_OK or VB_ERR_NOMEM; free it with
 * vb_docx_dctx_free either way. */
vb_err vb_docx_dctx_init(dctx *c, vb_docx_xml *x, const vb_doc *doc, const vb_pages *P, const vb_style *st,
                         const vb_fontset *fs);

void vb_docx_dctx_free(dctx *c);

/* Runs: appends a piece of text with its flags (VB_SPAN_*); a plain
 * string; the words of a block. */
void vb_docx_run_add(dctx *c, druns *r, const char *text, size_t len, unsigned flags);

void vb_docx_run_str(dctx *c, druns *r, const char *s);

/* The words of a block as layout's pieces have them: the label,
 * one space, then the styled spans (forced breaks kept). */
void vb_docx_run_inline(dctx *c, druns *r, const char *label, const vb_inline *text);

/* A role's style, and the pitch layout gives its lines. */
const vb_role_style *vb_docx_rs(const dctx *c, vb_role r);

double vb_docx_pitch(const dctx *c, vb_role r);

/* The PDF's offset from the top of a line box to its baseline. */
double vb_docx_baseline_off(const dctx *c, vb_role r);

/* Eighths of a point for a border `width` pt thick (Word's range 2..96). */
long vb_docx_border_sz(double width);

/* A paragraph in the role's style, with the spacing the PDF gives it. */
dpara vb_docx_para_of(vb_role r, double before, double after);

/* ô 4 at layout's size and width (docx_header.c); look is the caller's room
 * for a changed style, cell_x the page x of the cell's left edge. */
void vb_docx_place_date_p(dctx *c, dpara *p, vb_role_style *look, const vb_para_rec *rec, double cell_x);

/* An empty paragraph `h` pt high (a spacer, or a carrier). */
dpara vb_docx_empty_para(double h);

/* The paragraph layout set for `src` in `role` (page.h), or NULL. */
const vb_para_rec *vb_docx_para_rec(const dctx *c, vb_role role, const void *src);

/* Lines in the DOCX: an empty paragraph still takes one line box. */
double vb_docx_lines_height(const vb_para_rec *rec, double pitch);

/* Puts a line break where layout broke the paragraph (rec), dropping the
 * spaces at the break; a forced break stays as it is. Returns 0 when the
 * runs do not carry rec's text (they are then left alone) or memory ran
 * out. */
int vb_docx_apply_breaks(dctx *c, const vb_para_rec *rec, druns *r);

/* <w:p>: properties, anchored pictures, then the runs. */
void vb_docx_write_w_p(dctx *c, const dpara *p, const druns *r);

/* A paragraph broken where layout broke it (rec; NULL: as Word likes). */
void vb_docx_write_mirrored_p(dctx *c, const dpara *p, druns *r, const vb_para_rec *rec);

/* The rule layout drew under the paragraph rec (NULL: none) as an empty
 * paragraph whose bottom border is the rule: indented to the rule's ends
 * in a space space_w wide, and as tall as the room from the paragraph's
 * last line box down to the rule's top edge. Returns 0 when there is no
 * rule (no paragraph either: the PDF has no room for it). */
int vb_docx_rule_para(const vb_para_rec *rec, dpara *out);

/* The borderless frame of the header and signature blocks: no cell
 * margins (the table style's), `indent` from the text's left edge. */
void vb_docx_write_w_tblPr(dctx *c, long width, long indent);

/* <w:tblGrid> of n columns (twips). */
void vb_docx_write_w_tblGrid(dctx *c, const long *cols, size_t n);

/* <w:tr> with its properties: never split across pages; a header row is
 * repeated at the top of every page the table crosses. The caller writes
 * the cells and ends it. */
void vb_docx_write_w_tr_start(dctx *c, int header, double exact_h);

/* <w:tc> with its properties; the caller writes the paragraphs and ends it. */
void vb_docx_write_w_tc_start(dctx *c, const dcell *d);

/* A frame cell of the header or signature block: `width` pt, top-aligned. */
void vb_docx_write_frame_tc_start(dctx *c, long width);

/* A cell ends with a paragraph: an empty one, as low as can be. */
void vb_docx_write_tiny_p(dctx *c);

/* A word in a frame (ô 10b): a one-cell table `width` wide and stamp_h
 * high, centred in its column, its border and its text in `color`, the
 * text centred both ways. */
void vb_docx_write_stamp_tbl(dctx *c, vb_role role, const char *text, const vb_pframe *f);

/* A table of the body on the grid layout placed it on (vb_table_rec: the
 * columns, cells spanning columns and rows), the cells' room and lines,
 * the header rows repeated on every page, rows never split. */
void vb_docx_write_table(dctx *c, const vb_node *node);

/* A stamp in the top margin: a one-cell table floating at (x, y) on the
 * page, w × h, its lines `border` pt thick, the text centred in height
 * and `pad` from the sides: the frame layout recorded (vb_pframe). */
void vb_docx_write_float_stamp(dctx *c, vb_role role, druns *r, const vb_para_rec *rec);



/* The agency column (layout_header.c's agency column): the parent agency, the
 * agency, for a joint document the second pair, and the rule under the
 * last agency line; `before` above the first line. Returns the column's
 * height (to the rule's bottom) as the PDF sets it. */
double vb_docx_write_agency_paras(dctx *c, const vb_inline *parent, const vb_inline *agency, const vb_inline *parent2,
                                  const vb_inline *agency2, double before);

/* The header block's table (layout_header.c's header block): row 1 {agency |
 * national title}, and on page 1 row 2 {number | place and date}; an
 * attached text's first page has row 1 only. */
void vb_docx_write_header_tbl(dctx *c, const void *src, int page1);

/* Page 1's type name and trích yếu with its rule (ô 5a), and Kính gửi
 * (ô 9a), as paragraphs of the flow. */
void vb_docx_write_title(dctx *c);

void vb_docx_write_kinh_gui(dctx *c);

/* {Nơi nhận | signature} as one unsplittable row, `gap` below the flow:
 * “Nơi nhận:” on the baseline of the first authority line (spec §2.9).
 * Two signers (a joint document) stand side by side in halves of the text
 * width, and Nơi nhận goes under the left one, below the taller stack. An
 * appendix's signature has no Nơi nhận (with_recipients == 0). */
void vb_docx_write_signature_tbl(dctx *c, const vb_signature *sigs, size_t n_sigs, const vb_inline *rec,
                                 size_t n_rec, const vb_archive *ar, int with_recipients, double gap);

/* A copy's block (Mẫu 3.1), copy_gap under the signature, as layout_sign.c's
 * copy_block() sets it: a rule across the text, rule_gap under it
 * {copying agency, number | form, place and date}, then {Nơi nhận |
 * signature}. The PDF never splits it, so it is one unsplittable row of a
 * table whose top border is the rule; the two cells' parts are spaced so
 * that the lines stand where the PDF has them, the signature part indented
 * from the header's columns to the signature block's. */
void vb_docx_write_copy_block(dctx *c, const vb_copy *cp);

#endif

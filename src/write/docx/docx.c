/* docx.c - word/document.xml, the footer of page 1, and the DOCX
 * package around them.
 *
 * The document part is one loop over the body's blocks (blocks.h) with one
 * switch on the node kind (render_block), between page 1's header and the
 * signature block, then one section per appendix. Elements are written by
 * one function each, named after the element (write_w_tbl, write_w_p,
 * write_w_pPr …), in file order.
 *
 * Geometry follows layout.c so that Word and LibreOffice set the same
 * lines on the same pages as our PDF:
 *   - every line has the PDF's pitch as an exact line height, so a
 *     paragraph is as tall in the DOCX as in the PDF;
 *   - the header (ô 1–4) and the signature block (ô 7, 9b) are borderless
 *     tables of the layout's column widths with no cell margins;
 *   - the rules under the agency, the motto and the trích yếu are empty
 *     paragraphs with a bottom border, indented to the rule's length and
 *     as tall as the gap between the text and the rule, so the rule lands
 *     `rule_gap` below the baseline, as long as the PDF draws it;
 *   - centred titles are broken into lines by vb_para_layout exactly as the
 *     PDF breaks them, with a line break (<w:br/>) at each break;
 *   - the spacing the PDF adds between elements is the paragraphs'
 *     spacing before (and after) them; settings.xml makes the two add up;
 *   - pagination: widow control, headings kept with what follows (keepNext
 *     and keepLines), table rows and the signature row unsplittable, the
 *     body's last paragraph kept with the signature;
 *   - a landscape table and every appendix get a section of their own
 *     (the appendix's numbering starts again, its first page shows none).
 *
 * A body paragraph is held back until the next element is known, so that
 * the space above a table can go into its space after, and a section can
 * end with it. */
#include "docx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blocks.h"
#include "derive.h"
#include "png.h"
#include "shape.h"
#include "table.h"
#include "vb_limits.h"
#include "zipw.h"

/* Deflate level of the package: zlib's default (6) makes the reference
 * report's package 7 % smaller than level 1 (12.1 KB against 13.0 KB) and
 * its writing some 15 % slower. */
#define DEFLATE_LEVEL 1

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

/* Page setup of a section. */
typedef struct dsect {
    int landscape;
    int restart;     /* its page numbers start again at 1 */
    int title_pg;    /* its first page shows no number */
    int page1;       /* it holds the document's first page: its header has the
                      * stamps of ô 11 and 14, its footer the address (ô 13) */
} dsect;

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
    vb_docx_xml *x;
    vb_arena *a;       /* runs and derived words, for the whole part */
    vb_arena *scratch; /* one paragraph's line layout */
    vb_shaper *sh;
    const vb_docx_media *media;
    unsigned pic_id;   /* the last drawing's id */
    double width;      /* the text width of the current section */
    dsect sect;        /* the current section */
    /* the body paragraph held back (see the top of the file) */
    int held;
    dpara held_p;
    druns held_r;
    double pending;    /* space owed to the next element of the flow, pt */
    int section_top;   /* nothing written yet in a section that starts a page */
    /* the paragraph being written: its text */
    char *flat;        /* NUL-terminated */
    size_t flat_len, flat_cap;
    int nomem;
} dctx;

static void run_add(dctx *c, druns *r, const char *text, size_t len, unsigned flags)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 8;
        drun *v = vb_arena_grow(c->a, r->v, r->n, cap, sizeof *v);
        if (!v) {
            c->nomem = 1;
            return;
        }
        r->v = v;
        r->cap = cap;
    }
    r->v[r->n++] = (drun){text, len, flags};
}

static void run_str(dctx *c, druns *r, const char *s)
{
    if (s)
        run_add(c, r, s, strlen(s), 0);
}

/* The words of a block as layout.c's make_pieces() has them: the label,
 * one space, then the styled spans (forced breaks kept). */
static void run_inline(dctx *c, druns *r, const char *label, const vb_inline *text)
{
    int has_text = text && !vb_inline_empty(text);
    if (label && label[0]) {
        run_str(c, r, label);
        if (has_text)
            run_str(c, r, " ");
    }
    for (size_t i = 0; text && i < text->n; i++) {
        const vb_span *s = &text->v[i];
        if (s->flags & VB_SPAN_BREAK)
            run_add(c, r, "", 0, VB_SPAN_BREAK);
        else if (s->len)
            run_add(c, r, s->text, s->len, s->flags & (VB_SPAN_BOLD | VB_SPAN_ITALIC | VB_SPAN_UNDERLINE));
    }
}

/* ---- geometry shared with layout.c ------------------------------------------------ */

static const vb_role_style *rs(const dctx *c, vb_role r)
{
    return &c->st->role[r];
}

static const vb_face *look_face(const dctx *c, const vb_role_style *r)
{
    return vb_role_face(c->fs, r);
}

/* The PDF's distance from one baseline to the next. */
static double look_pitch(const dctx *c, const vb_role_style *r)
{
    return vb_role_pitch(c->fs, r);
}

static double pitch(const dctx *c, vb_role r)
{
    return look_pitch(c, rs(c, r));
}

/* The PDF's offset from the top of a line box to its baseline. */
static double baseline_off(const dctx *c, vb_role r)
{
    return pitch(c, r) - vb_face_descent(look_face(c, rs(c, r)), rs(c, r)->size);
}

static double text_width(const dctx *c, vb_role r, const char *s)
{
    const vb_role_style *x = rs(c, r);
    return vb_shape_width(c->sh, vb_face_for(x->bold, x->italic), x->size, s, strlen(s));
}

/* Eighths of a point for a border `width` pt thick (Word's range 2..96). */
static long border_sz(double width)
{
    long sz = vb_docx_twips(width * 8) / 20;
    return sz < 2 ? 2 : sz > 96 ? 96 : sz;
}

/* A paragraph in the role's style, with the spacing the PDF gives it. */
static dpara para_of(vb_role r, double before, double after)
{
    dpara p;
    memset(&p, 0, sizeof p);
    p.role = (int)r;
    p.before = vb_docx_twips(before);
    p.after = vb_docx_twips(after);
    return p;
}

/* An empty paragraph `h` pt high (a spacer, or a carrier). */
static dpara empty_para(double h)
{
    dpara p;
    memset(&p, 0, sizeof p);
    p.role = -1;
    p.line = h > 0 ? vb_docx_twips(h) : TINY_LINE;
    if (p.line < TINY_LINE)
        p.line = TINY_LINE;
    return p;
}

/* How the paragraph is set: its look, or its role's style (NULL: a rule). */
static const vb_role_style *look_of(const dctx *c, const dpara *p)
{
    return p->look ? p->look : p->role >= 0 ? rs(c, (vb_role)p->role) : NULL;
}

/* Breaks the runs into lines as layout.c's lay() does (style x in a column
 * col_w wide, its first line indented by x->indent_first) and puts a line
 * break where the PDF breaks a line, dropping the spaces at the break. The
 * lines stay in *po until the next call (for the rules). Returns 0 when
 * the lines cannot be matched to the runs (the runs are then left alone)
 * or memory ran out. */
static int mirror_breaks(dctx *c, const vb_role_style *x, druns *r, double col_w, vb_para_out *po)
{
    vb_arena_reset(c->scratch);
    memset(po, 0, sizeof *po);
    vb_piece *pc = vb_arena_calloc(c->scratch, r->n ? r->n : 1, sizeof *pc);
    size_t total = 0;
    for (size_t i = 0; i < r->n; i++)
        total += r->v[i].flags & VB_SPAN_BREAK ? 1 : r->v[i].len;
    char *T = vb_arena_alloc(c->scratch, total + 1);
    if (!pc || !T) {
        c->nomem = 1;
        return 0;
    }
    size_t o = 0;
    for (size_t i = 0; i < r->n; i++) {
        const drun *d = &r->v[i];
        int brk = (d->flags & VB_SPAN_BREAK) != 0;
        vb_face_id f = vb_face_for(x->bold || (d->flags & VB_SPAN_BOLD), x->italic || (d->flags & VB_SPAN_ITALIC));
        pc[i] = (vb_piece){d->text, d->len, f, x->size, 0, (d->flags & VB_SPAN_UNDERLINE) != 0, brk};
        if (brk) {
            T[o++] = '\n';
        } else {
            memcpy(T + o, d->text, d->len);
            o += d->len;
        }
    }
    T[o] = 0;
    vb_para_in in = {
        .pieces = pc,
        .n = r->n,
        .width = col_w - x->indent_left - x->indent_right,
        .indent_first = x->indent_first,
        .indent_rest = 0,
        .align = x->align,
        .balanced = x->align == VB_ALIGN_CENTER,
    };
    if (!vb_para_layout(c->sh, &in, c->st, c->scratch, po)) {
        c->nomem = 1;
        return 0;
    }
    if (po->n < 2 || !po->lines[0].n_runs)
        return 0;

    /* Where each line starts and ends in T: the runs point into the
     * layout's own copy of the same text, whose first line starts at 0. */
    const char *base = po->lines[0].runs[0].text;
    size_t *cut = vb_arena_calloc(c->scratch, po->n * 2, sizeof *cut);
    if (!cut) {
        c->nomem = 1;
        return 0;
    }
    size_t nc = 0, prev_end = 0;
    for (size_t L = 0; L < po->n; L++) {
        const vb_line *ln = &po->lines[L];
        if (!ln->n_runs)
            continue;
        const vb_glyph_run *last = &ln->runs[ln->n_runs - 1];
        if (ln->runs[0].text < base || last->text + last->text_len > base + total)
            return 0;
        size_t s = (size_t)(ln->runs[0].text - base), e = (size_t)(last->text + last->text_len - base);
        if (e < s || s < prev_end || memcmp(T + s, base + s, e - s) != 0)
            return 0;
        if (L > 0) {
            int forced = 0;
            for (size_t k = prev_end; k < s; k++) {
                if (T[k] == '\n')
                    forced = 1;
                else if (T[k] != ' ')
                    return 0;
            }
            if (!forced) {
                cut[nc++] = prev_end;
                cut[nc++] = s;
            }
        }
        prev_end = e;
    }
    if (!nc)
        return 1;

    /* rebuild the runs with a break at each cut and without its spaces */
    druns out = {0};
    size_t ci = 0, at = 0;
    for (size_t i = 0; i < r->n; i++) {
        const drun *d = &r->v[i];
        if (d->flags & VB_SPAN_BREAK) {
            run_add(c, &out, d->text, 0, d->flags);
            at++;
            continue;
        }
        size_t s = at, t = at + d->len, pos = s;
        while (ci < nc && cut[ci] < t) {
            size_t e = cut[ci] > pos ? cut[ci] : pos;
            if (e > pos)
                run_add(c, &out, d->text + (pos - s), e - pos, d->flags);
            if (cut[ci] >= pos)
                run_add(c, &out, "", 0, VB_SPAN_BREAK);
            if (cut[ci + 1] <= t) {
                pos = cut[ci + 1] > pos ? cut[ci + 1] : pos;
                ci += 2;
            } else {
                pos = t;
                break;
            }
        }
        if (pos < t)
            run_add(c, &out, d->text + (pos - s), t - pos, d->flags);
        at = t;
    }
    if (c->nomem)
        return 0;
    *r = out;
    return 1;
}

/* Does the whole text fit on the first line at its natural width? Then
 * the PDF sets it on one line and there is no break to copy. The pieces
 * are measured one by one, as vb_para_layout shapes them. */
static int fits_one_line(dctx *c, const vb_role_style *x, const druns *r, double col_w)
{
    double room = col_w - x->indent_left - x->indent_right - x->indent_first, w = 0;
    for (size_t i = 0; i < r->n; i++) {
        const drun *d = &r->v[i];
        if (d->flags & VB_SPAN_BREAK)
            return 0;
        vb_face_id f = vb_face_for(x->bold || (d->flags & VB_SPAN_BOLD), x->italic || (d->flags & VB_SPAN_ITALIC));
        w += vb_shape_width(c->sh, f, x->size, d->text, d->len);
    }
    return w <= room + 1e-6;
}

/* ---- w:sectPr ----------------------------------------------------------------------- */

static void write_w_headerReference(dctx *c, const char *type, const char *id)
{
    vb_docx_xml_empty(c->x, "w:headerReference", "w:type", type, "r:id", id);
}

static void write_w_footerReference(dctx *c, const char *type, const char *id)
{
    vb_docx_xml_empty(c->x, "w:footerReference", "w:type", type, "r:id", id);
}

static void write_w_pgSz(dctx *c, const dsect *s)
{
    const vb_style *st = c->st;
    double w = s->landscape ? st->page_h : st->page_w, h = s->landscape ? st->page_w : st->page_h;
    vb_docx_xml_start(c->x, "w:pgSz");
    vb_docx_xml_attr_long(c->x, "w:w", vb_docx_twips(w));
    vb_docx_xml_attr_long(c->x, "w:h", vb_docx_twips(h));
    if (s->landscape)
        vb_docx_xml_attr(c->x, "w:orient", "landscape");
    vb_docx_xml_end(c->x);
}

/* The margins stay where they are on a landscape page: the binding edge on
 * the left, the page number's room at the top (as the PDF has them). A
 * page with the address footer (ô 13) has it end on the bottom margin. */
static void write_w_pgMar(dctx *c, const dsect *s)
{
    const vb_style *st = c->st;
    vb_docx_xml_start(c->x, "w:pgMar");
    vb_docx_xml_attr_long(c->x, "w:top", vb_docx_twips(st->margin_top));
    vb_docx_xml_attr_long(c->x, "w:right", vb_docx_twips(st->margin_right));
    vb_docx_xml_attr_long(c->x, "w:bottom", vb_docx_twips(st->margin_bottom));
    vb_docx_xml_attr_long(c->x, "w:left", vb_docx_twips(st->margin_left));
    vb_docx_xml_attr_long(c->x, "w:header", vb_docx_twips(st->header_distance));
    int address = s->page1 && c->doc->n_address;
    vb_docx_xml_attr_long(c->x, "w:footer", vb_docx_twips(address ? st->margin_bottom : st->header_distance));
    vb_docx_xml_attr(c->x, "w:gutter", "0");
    vb_docx_xml_end(c->x);
}

static void write_w_pgNumType(dctx *c, const dsect *s)
{
    if (s->restart)
        vb_docx_xml_empty(c->x, "w:pgNumType", "w:start", "1", NULL, NULL);
}

static void write_w_sectPr(dctx *c, const dsect *s)
{
    vb_docx_xml_start(c->x, "w:sectPr");
    /* the stamps (ô 11, 14) and the address (ô 13) on the document's first
     * page only: an appendix's first page has neither */
    write_w_headerReference(c, "default", VB_DOCX_REL_HEADER);
    if (s->page1 || s->title_pg)
        write_w_headerReference(c, "first", s->page1 || !vb_docx_has_stamps(c->doc) ? VB_DOCX_REL_HEADER_FIRST
                                                                                      : VB_DOCX_REL_HEADER_EMPTY);
    if (c->doc->n_address && (s->page1 || s->title_pg))
        write_w_footerReference(c, "first", s->page1 ? VB_DOCX_REL_FOOTER : VB_DOCX_REL_FOOTER_EMPTY);
    write_w_pgSz(c, s);
    write_w_pgMar(c, s);
    write_w_pgNumType(c, s);
    vb_docx_xml_empty(c->x, "w:cols", "w:space", "720", NULL, NULL);
    if (s->title_pg)
        vb_docx_xml_empty(c->x, "w:titlePg", NULL, NULL, NULL, NULL);
    vb_docx_xml_end(c->x);
}

/* ---- w:p ---------------------------------------------------------------------- */

static void write_w_pBdr(dctx *c, long sz)
{
    vb_docx_xml *x = c->x;
    vb_docx_xml_start(x, "w:pBdr");
    vb_docx_xml_start(x, "w:bottom");
    vb_docx_xml_attr(x, "w:val", "single");
    vb_docx_xml_attr_long(x, "w:sz", sz);
    vb_docx_xml_attr(x, "w:space", "0");
    vb_docx_xml_attr(x, "w:color", "000000");
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
}

static void write_w_pPr(dctx *c, const dpara *p)
{
    vb_docx_xml *x = c->x;
    const vb_role_style *r = p->role >= 0 ? rs(c, (vb_role)p->role) : NULL;
    const vb_role_style *look = look_of(c, p);
    vb_docx_xml_start(x, "w:pPr");
    vb_docx_xml_val(x, "w:pStyle", r ? vb_docx_style_id((vb_role)p->role) : VB_DOCX_STYLE_RULE);
    if (p->keep_next && !(r && r->keep_with_next))
        vb_docx_xml_empty(x, "w:keepNext", NULL, NULL, NULL, NULL);
    if (p->keep_lines)
        vb_docx_xml_empty(x, "w:keepLines", NULL, NULL, NULL, NULL);
    if (p->rule_sz > 0)
        write_w_pBdr(c, p->rule_sz);
    long before = r ? vb_docx_twips(r->space_before) : 0, after = r ? vb_docx_twips(r->space_after) : 0;
    long style_line = r ? vb_docx_role_pitch(c->st, c->fs, (vb_role)p->role) : 0;
    long line = p->line ? p->line : look && look != r ? vb_docx_twips(look_pitch(c, look)) : 0;
    if (p->before != before || p->after != after || (line && line != style_line))
        vb_docx_write_w_spacing(x, p->before != before ? p->before : -1, p->after != after ? p->after : -1,
                                line && line != style_line ? line : 0);
    if (p->has_ind)
        vb_docx_write_w_ind(x, p->ind_left, p->ind_right, p->ind_first);
    if (look && r && look->align != r->align)
        vb_docx_xml_val(x, "w:jc", vb_docx_jc_name(look->align));
    if (p->sect)
        write_w_sectPr(c, p->sect);
    vb_docx_xml_end(x);
}

static void write_w_rPr(dctx *c, const dpara *p, unsigned flags)
{
    vb_docx_xml *x = c->x;
    const vb_role_style *r = p->role >= 0 ? rs(c, (vb_role)p->role) : NULL;
    const vb_role_style *look = look_of(c, p);
    int b = ((flags & VB_SPAN_BOLD) || (look && look->bold)) && !(r && r->bold);
    int i = ((flags & VB_SPAN_ITALIC) || (look && look->italic)) && !(r && r->italic);
    int u = (flags & VB_SPAN_UNDERLINE) != 0;
    int sz = look && r && look->size != r->size;
    if (!b && !i && !u && !sz && !p->color)
        return;
    vb_docx_xml_start(x, "w:rPr");
    if (b) {
        vb_docx_xml_empty(x, "w:b", NULL, NULL, NULL, NULL);
        vb_docx_xml_empty(x, "w:bCs", NULL, NULL, NULL, NULL);
    }
    if (i) {
        vb_docx_xml_empty(x, "w:i", NULL, NULL, NULL, NULL);
        vb_docx_xml_empty(x, "w:iCs", NULL, NULL, NULL, NULL);
    }
    if (p->color) {
        char rgb[8];
        snprintf(rgb, sizeof rgb, "%06X", (unsigned)(p->color & 0xFFFFFFu));
        vb_docx_xml_val(x, "w:color", rgb);
    }
    if (sz) {
        vb_docx_xml_val_long(x, "w:sz", vb_docx_twips(look->size) / 10);
        vb_docx_xml_val_long(x, "w:szCs", vb_docx_twips(look->size) / 10);
    }
    if (u)
        vb_docx_xml_val(x, "w:u", "single");
    vb_docx_xml_end(x);
}

/* U+2060 WORD JOINER: no line break here. */
static const char WORD_JOINER[] = "\xE2\x81\xA0";

/* How a character takes part in line breaking inside a word. */
enum { CH_SPACE, CH_PLAIN, CH_OTHER, CH_JOINER };

/* The class of the character at s (n bytes left; *len gets its length).
 * CH_PLAIN: letters (Latin with the Vietnamese ones, Greek, Cyrillic),
 * digits, combining marks and the ASCII marks that never let a line break
 * next to them inside a word. CH_OTHER: everything else: “-”, “/”, “?”,
 * “!”, “]”, “}”, “|”, dashes, other punctuation, ideographs. */
static int char_class(const unsigned char *s, size_t n, size_t *len)
{
    unsigned char b = s[0];
    *len = 1;
    if (b < 0x80) {
        if (b == ' ' || b == '\n' || b == '\t' || b == 0)
            return CH_SPACE;
        return strchr("-/?!]}|", b) ? CH_OTHER : CH_PLAIN;
    }
    size_t k = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    *len = k <= n ? k : n;
    if (k == 2 && b >= 0xC3 && b <= 0xD4 && b != 0xCB)
        return CH_PLAIN; /* Latin-1 letters to Cyrillic, combining marks included */
    if (k == 3 && n >= 3 && b == 0xE1 && s[1] >= 0xB8 && s[1] <= 0xBB)
        return CH_PLAIN; /* Latin Extended Additional: ạ … ỹ */
    if (k == 3 && n >= 3 && b == 0xE2 && s[1] == 0x81 && s[2] == 0xA0)
        return CH_JOINER;
    return CH_OTHER;
}

/* Text whose bytes start at `at` in the paragraph's text (c->flat). Our
 * PDF breaks lines only at spaces; Word and LibreOffice would also break
 * next to a hyphen, a slash or a dash inside a word (“QĐ-|UBND”,
 * “PCT/|UBND”), so a word joiner goes between two characters of a word
 * when either of them is not a plain letter or digit. A joiner where no
 * break was possible anyway changes nothing. */
static void write_text(dctx *c, const char *s, size_t len, size_t at)
{
    const unsigned char *f = (const unsigned char *)c->flat;
    size_t from = 0, i = 0, n;
    int cls = char_class(f + at, len, &n);
    while (i < len) {
        size_t next_len;
        size_t j = i + n; /* the next character, maybe in the next run */
        int next = char_class(f + at + j, c->flat_len - at - j + 1, &next_len);
        if (cls != CH_SPACE && cls != CH_JOINER && next != CH_SPACE && next != CH_JOINER &&
            (cls == CH_OTHER || next == CH_OTHER)) {
            vb_docx_xml_text(c->x, s + from, j - from);
            vb_docx_xml_text(c->x, WORD_JOINER, 3);
            from = j;
        }
        i = j;
        cls = next;
        n = next_len;
    }
    if (len > from)
        vb_docx_xml_text(c->x, s + from, len - from);
}

static void write_w_t_start(dctx *c)
{
    vb_docx_xml_start(c->x, "w:t");
    /* Word drops leading and trailing spaces of a w:t without it */
    vb_docx_xml_attr(c->x, "xml:space", "preserve");
}

static void write_w_br(dctx *c)
{
    vb_docx_xml_empty(c->x, "w:br", NULL, NULL, NULL, NULL);
}

/* One w:r per stretch of runs with the same character formatting, its text
 * in one w:t; line breaks go inside the run. `at` is where the stretch's
 * text starts in the paragraph's text. */
static void write_w_r(dctx *c, const dpara *p, const druns *r, size_t from, size_t to, size_t at)
{
    unsigned flags = 0;
    for (size_t i = from; i < to; i++)
        if (!(r->v[i].flags & VB_SPAN_BREAK))
            flags = r->v[i].flags;
    vb_docx_xml_start(c->x, "w:r");
    write_w_rPr(c, p, flags);
    int open = 0;
    for (size_t i = from; i < to; i++) {
        if (r->v[i].flags & VB_SPAN_BREAK) {
            if (open)
                vb_docx_xml_end(c->x);
            open = 0;
            write_w_br(c);
            at++;
            continue;
        }
        if (!open)
            write_w_t_start(c);
        open = 1;
        write_text(c, r->v[i].text, r->v[i].len, at);
        at += r->v[i].len;
    }
    if (open)
        vb_docx_xml_end(c->x);
    vb_docx_xml_end(c->x);
}

/* ---- pictures (DrawingML) ---- */

#define NS_WP "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_PIC "http://schemas.openxmlformats.org/drawingml/2006/picture"

/* Points to English Metric Units. */
static long emu(double pt)
{
    double e = pt * 12700.0;
    return (long)(e < 0 ? e - 0.5 : e + 0.5);
}

static void write_text_elem(dctx *c, const char *name, long v)
{
    char num[24];
    snprintf(num, sizeof num, "%ld", v);
    vb_docx_xml_start(c->x, name);
    vb_docx_xml_text(c->x, num, strlen(num));
    vb_docx_xml_end(c->x);
}

static void write_wp_position(dctx *c, const char *elem, const char *from, double offset)
{
    vb_docx_xml_start(c->x, elem);
    vb_docx_xml_attr(c->x, "relativeFrom", from);
    write_text_elem(c, "wp:posOffset", emu(offset));
    vb_docx_xml_end(c->x);
}

static void write_a_ext(dctx *c, const char *elem, const dpic *pic)
{
    vb_docx_xml_start(c->x, elem);
    vb_docx_xml_attr_long(c->x, "cx", emu(pic->w));
    vb_docx_xml_attr_long(c->x, "cy", emu(pic->h));
    vb_docx_xml_end(c->x);
}

static void write_pic_pic(dctx *c, const dpic *pic, unsigned id)
{
    vb_docx_xml *x = c->x;
    char rid[32];
    snprintf(rid, sizeof rid, "rIdImg%zu", pic->image + 1);
    vb_docx_xml_start(x, "pic:pic");
    vb_docx_xml_attr(x, "xmlns:pic", NS_PIC);
    vb_docx_xml_start(x, "pic:nvPicPr");
    vb_docx_xml_start(x, "pic:cNvPr");
    vb_docx_xml_attr_long(x, "id", id);
    vb_docx_xml_attr(x, "name", pic->name);
    vb_docx_xml_end(x);
    vb_docx_xml_empty(x, "pic:cNvPicPr", NULL, NULL, NULL, NULL);
    vb_docx_xml_end(x);
    vb_docx_xml_start(x, "pic:blipFill");
    vb_docx_xml_empty(x, "a:blip", "r:embed", rid, NULL, NULL);
    vb_docx_xml_start(x, "a:stretch");
    vb_docx_xml_empty(x, "a:fillRect", NULL, NULL, NULL, NULL);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
    vb_docx_xml_start(x, "pic:spPr");
    vb_docx_xml_start(x, "a:xfrm");
    vb_docx_xml_empty(x, "a:off", "x", "0", "y", "0");
    write_a_ext(c, "a:ext", pic);
    vb_docx_xml_end(x);
    vb_docx_xml_start(x, "a:prstGeom");
    vb_docx_xml_attr(x, "prst", "rect");
    vb_docx_xml_empty(x, "a:avLst", NULL, NULL, NULL, NULL);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
}

/* A picture floating over the text (the seal over the signature, both
 * over the room between the title and the name), placed from the cell's
 * left edge and the paragraph's top, as the PDF places it. */
static void write_w_drawing(dctx *c, const dpic *pic)
{
    vb_docx_xml *x = c->x;
    unsigned id = ++c->pic_id;
    vb_docx_xml_start(x, "w:drawing");
    vb_docx_xml_start(x, "wp:anchor");
    vb_docx_xml_attr(x, "distT", "0");
    vb_docx_xml_attr(x, "distB", "0");
    vb_docx_xml_attr(x, "distL", "0");
    vb_docx_xml_attr(x, "distR", "0");
    vb_docx_xml_attr(x, "simplePos", "0");
    vb_docx_xml_attr_long(x, "relativeHeight", 251658240L + pic->z);
    vb_docx_xml_attr(x, "behindDoc", "0");
    vb_docx_xml_attr(x, "locked", "0");
    vb_docx_xml_attr(x, "layoutInCell", "1");
    vb_docx_xml_attr(x, "allowOverlap", "1");
    vb_docx_xml_empty(x, "wp:simplePos", "x", "0", "y", "0");
    write_wp_position(c, "wp:positionH", "column", pic->x);
    write_wp_position(c, "wp:positionV", "paragraph", pic->y);
    write_a_ext(c, "wp:extent", pic);
    vb_docx_xml_start(x, "wp:effectExtent");
    vb_docx_xml_attr(x, "l", "0");
    vb_docx_xml_attr(x, "t", "0");
    vb_docx_xml_attr(x, "r", "0");
    vb_docx_xml_attr(x, "b", "0");
    vb_docx_xml_end(x);
    vb_docx_xml_empty(x, "wp:wrapNone", NULL, NULL, NULL, NULL);
    vb_docx_xml_start(x, "wp:docPr");
    vb_docx_xml_attr_long(x, "id", id);
    vb_docx_xml_attr(x, "name", pic->name);
    vb_docx_xml_end(x);
    vb_docx_xml_start(x, "wp:cNvGraphicFramePr");
    vb_docx_xml_start(x, "a:graphicFrameLocks");
    vb_docx_xml_attr(x, "xmlns:a", NS_A);
    vb_docx_xml_attr(x, "noChangeAspect", "1");
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
    vb_docx_xml_start(x, "a:graphic");
    vb_docx_xml_attr(x, "xmlns:a", NS_A);
    vb_docx_xml_start(x, "a:graphicData");
    vb_docx_xml_attr(x, "uri", NS_PIC);
    write_pic_pic(c, pic, id);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
}

/* Copies the paragraph's text into c->flat, a forced break as '\n'. */
static void flatten(dctx *c, const druns *r)
{
    size_t total = 0;
    for (size_t i = 0; r && i < r->n; i++)
        total += r->v[i].flags & VB_SPAN_BREAK ? 1 : r->v[i].len;
    if (total + 1 > c->flat_cap) {
        size_t cap = (total + 1) * 2;
        char *f = realloc(c->flat, cap);
        if (!f) {
            c->nomem = 1;
            return;
        }
        c->flat = f;
        c->flat_cap = cap;
    }
    size_t o = 0;
    for (size_t i = 0; r && i < r->n; i++) {
        if (r->v[i].flags & VB_SPAN_BREAK) {
            c->flat[o++] = '\n';
        } else {
            memcpy(c->flat + o, r->v[i].text, r->v[i].len);
            o += r->v[i].len;
        }
    }
    c->flat[o] = 0;
    c->flat_len = o;
}

static void write_w_p(dctx *c, const dpara *p, const druns *r)
{
    vb_docx_xml_start(c->x, "w:p");
    write_w_pPr(c, p);
    for (size_t k = 0; k < p->n_pics; k++) {
        vb_docx_xml_start(c->x, "w:r");
        write_w_drawing(c, &p->pics[k]);
        vb_docx_xml_end(c->x);
    }
    flatten(c, r);
    if (c->nomem)
        return;
    size_t i = 0, at = 0;
    while (r && i < r->n) {
        /* a stretch: breaks join the text on either side */
        size_t j = i, len = 0;
        int have = 0;
        unsigned flags = 0;
        while (j < r->n) {
            const drun *d = &r->v[j];
            if (!(d->flags & VB_SPAN_BREAK)) {
                if (have && d->flags != flags)
                    break;
                flags = d->flags;
                have = 1;
                len += d->len;
            } else {
                len++;
            }
            j++;
        }
        write_w_r(c, p, r, i, j, at);
        at += len;
        i = j;
    }
    vb_docx_xml_end(c->x);
}

/* A block broken as the PDF breaks it (look: how it is set, NULL for its
 * role's style). When po is given, it receives the lines (for a rule). */
static void write_mirrored_p(dctx *c, const dpara *p, druns *r, double col_w, vb_para_out *po)
{
    vb_para_out lines;
    const vb_role_style *x = look_of(c, p);
    if (po || !fits_one_line(c, x, r, col_w))
        mirror_breaks(c, x, r, col_w, po ? po : &lines);
    write_w_p(c, p, r);
}

/* An empty paragraph whose bottom border is a rule: `ratio` of the widest
 * line of *po (laid out in a column `col_w` wide), centred on that line,
 * `rule_gap` below the last baseline of a block in `role`. */
static dpara rule_para(dctx *c, vb_role role, const vb_para_out *po, double col_w, double ratio)
{
    const vb_style *st = c->st;
    const vb_line *wide = NULL;
    for (size_t i = 0; i < po->n; i++)
        if (!wide || po->lines[i].width > wide->width)
            wide = &po->lines[i];
    double w = wide ? wide->width * ratio : 0;
    double mid = rs(c, role)->indent_left + (wide ? wide->x + wide->width / 2 : col_w / 2);
    /* from the bottom of the last line box down to the rule's top edge */
    dpara p = empty_para(st->rule_gap - vb_face_descent(look_face(c, rs(c, role)), rs(c, role)->size) -
                         st->rule_width / 2);
    p.has_ind = 1;
    p.ind_left = vb_docx_twips(mid - w / 2);
    p.ind_right = vb_docx_twips(col_w - (mid + w / 2));
    p.rule_sz = border_sz(st->rule_width);
    return p;
}

/* ---- the flow: body paragraphs held back one step ------------------------------- */

static void flow_flush(dctx *c)
{
    if (c->held)
        write_w_p(c, &c->held_p, &c->held_r);
    c->held = 0;
}

/* A paragraph of the flow (outside tables). At the top of a section's
 * first page it loses its space before, as on any page of our PDF (Word
 * and LibreOffice keep it after a page break). */
static void flow_p(dctx *c, const dpara *p, const druns *r)
{
    flow_flush(c);
    c->held = 1;
    c->held_p = *p;
    if (c->section_top)
        c->held_p.before = 0;
    c->section_top = 0;
    if (r)
        c->held_r = *r;
    else
        memset(&c->held_r, 0, sizeof c->held_r);
}

/* Space the PDF leaves before the next element; the next paragraph takes
 * it as space before. */
static double take_pending(dctx *c)
{
    double v = c->pending;
    c->pending = 0;
    return v;
}

/* `v` pt of space before an element that cannot hold it (a table): after
 * the held paragraph, or an empty paragraph that high. */
static void flow_space(dctx *c, double v)
{
    if (v <= 0 || c->section_top)
        return;
    if (c->held) {
        c->held_p.after += vb_docx_twips(v);
        return;
    }
    dpara e = empty_para(v);
    flow_p(c, &e, NULL);
}

/* Ends the current section after what has been written (on the held
 * paragraph, or on an empty one) and starts `next`. */
static void flow_section(dctx *c, const dsect *next)
{
    dsect *s = vb_arena_alloc(c->a, sizeof *s);
    if (!s) {
        c->nomem = 1;
        return;
    }
    *s = c->sect;
    if (!c->held) {
        dpara e = empty_para(0);
        flow_p(c, &e, NULL);
    }
    c->held_p.sect = s;
    flow_flush(c);
    c->sect = *next;
    c->width = (next->landscape ? c->st->page_h : c->st->page_w) - c->st->margin_left - c->st->margin_right;
    c->pending = 0;
    c->section_top = 1;
}

/* A table starts in the flow: what is held goes before it. */
static void flow_table(dctx *c)
{
    flow_flush(c);
    c->section_top = 0;
}

/* ---- tables ---------------------------------------------------------------------- */

static void write_w_tblW(dctx *c, long width)
{
    vb_docx_xml_start(c->x, "w:tblW");
    vb_docx_xml_attr_long(c->x, "w:w", width);
    vb_docx_xml_attr(c->x, "w:type", "dxa");
    vb_docx_xml_end(c->x);
}

/* Single lines `width` pt thick in colour rgb round every cell. */
static void write_w_tblBorders(dctx *c, double width, const char *rgb)
{
    static const char *const sides[] = {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"};
    vb_docx_xml_start(c->x, "w:tblBorders");
    for (int i = 0; i < 6; i++) {
        vb_docx_xml_start(c->x, sides[i]);
        vb_docx_xml_attr(c->x, "w:val", "single");
        vb_docx_xml_attr_long(c->x, "w:sz", border_sz(width));
        vb_docx_xml_attr(c->x, "w:space", "0");
        vb_docx_xml_attr(c->x, "w:color", rgb);
        vb_docx_xml_end(c->x);
    }
    vb_docx_xml_end(c->x);
}

/* Room inside the cells: pad_x left and right, pad_y above and below.
 * LibreOffice adds a row's border to its height, where our PDF draws the
 * lines over the cells' edges: half a border less above and below keeps
 * the rows as tall as the PDF's. */
static void write_w_tblCellMar(dctx *c, double pad_x, double pad_y)
{
    static const char *const sides[] = {"w:top", "w:left", "w:bottom", "w:right"};
    vb_docx_xml_start(c->x, "w:tblCellMar");
    for (int i = 0; i < 4; i++) {
        vb_docx_xml_start(c->x, sides[i]);
        vb_docx_xml_attr_long(c->x, "w:w", vb_docx_twips(i % 2 ? pad_x : pad_y));
        vb_docx_xml_attr(c->x, "w:type", "dxa");
        vb_docx_xml_end(c->x);
    }
    vb_docx_xml_end(c->x);
}

static void write_w_tblLook(dctx *c)
{
    vb_docx_xml *x = c->x;
    vb_docx_xml_start(x, "w:tblLook");
    vb_docx_xml_attr(x, "w:val", "0000");
    vb_docx_xml_attr(x, "w:firstRow", "0");
    vb_docx_xml_attr(x, "w:lastRow", "0");
    vb_docx_xml_attr(x, "w:firstColumn", "0");
    vb_docx_xml_attr(x, "w:lastColumn", "0");
    vb_docx_xml_attr(x, "w:noHBand", "1");
    vb_docx_xml_attr(x, "w:noVBand", "1");
    vb_docx_xml_end(x);
}

/* The borderless frame of the header and signature blocks: no cell
 * margins (the table style's), `indent` from the text's left edge. */
static void write_w_tblPr(dctx *c, long width, long indent)
{
    vb_docx_xml *x = c->x;
    vb_docx_xml_start(x, "w:tblPr");
    vb_docx_xml_val(x, "w:tblStyle", VB_DOCX_STYLE_TABLE);
    write_w_tblW(c, width);
    vb_docx_xml_start(x, "w:tblInd");
    vb_docx_xml_attr_long(x, "w:w", indent);
    vb_docx_xml_attr(x, "w:type", "dxa");
    vb_docx_xml_end(x);
    vb_docx_xml_empty(x, "w:tblLayout", "w:type", "fixed", NULL, NULL);
    write_w_tblLook(c);
    vb_docx_xml_end(x);
}

static void write_w_tblGrid(dctx *c, const long *cols, size_t n)
{
    vb_docx_xml_start(c->x, "w:tblGrid");
    for (size_t i = 0; i < n; i++) {
        vb_docx_xml_start(c->x, "w:gridCol");
        vb_docx_xml_attr_long(c->x, "w:w", cols[i]);
        vb_docx_xml_end(c->x);
    }
    vb_docx_xml_end(c->x);
}

/* <w:tr> with its properties: never split across pages; a header row is
 * repeated at the top of every page the table crosses. The caller writes
 * the cells and ends it. */
static void write_w_tr_start(dctx *c, int header, double exact_h)
{
    vb_docx_xml_start(c->x, "w:tr");
    vb_docx_xml_start(c->x, "w:trPr");
    vb_docx_xml_empty(c->x, "w:cantSplit", NULL, NULL, NULL, NULL);
    if (exact_h > 0) {
        vb_docx_xml_start(c->x, "w:trHeight");
        vb_docx_xml_attr_long(c->x, "w:val", vb_docx_twips(exact_h));
        vb_docx_xml_attr(c->x, "w:hRule", "exact");
        vb_docx_xml_end(c->x);
    }
    if (header)
        vb_docx_xml_empty(c->x, "w:tblHeader", NULL, NULL, NULL, NULL);
    vb_docx_xml_end(c->x);
}

/* A cell's place in the grid and how it looks. */
typedef struct dcell {
    long width;
    long span;          /* grid columns */
    const char *vmerge; /* "restart", "continue" or NULL */
    const char *valign; /* "center", "bottom" or NULL (top) */
    int no_borders;     /* a hole in the grid: no lines round it */
    long top_rule;      /* > 0: a line this wide (eighths of a point) along its top */
} dcell;

/* <w:tc> with its properties; the caller writes the paragraphs and ends it. */
static void write_w_tc_start(dctx *c, const dcell *d)
{
    vb_docx_xml_start(c->x, "w:tc");
    vb_docx_xml_start(c->x, "w:tcPr");
    vb_docx_xml_start(c->x, "w:tcW");
    vb_docx_xml_attr_long(c->x, "w:w", d->width);
    vb_docx_xml_attr(c->x, "w:type", "dxa");
    vb_docx_xml_end(c->x);
    if (d->span > 1)
        vb_docx_xml_val_long(c->x, "w:gridSpan", d->span);
    if (d->vmerge)
        vb_docx_xml_val(c->x, "w:vMerge", d->vmerge);
    if (d->no_borders) {
        static const char *const sides[] = {"w:top", "w:left", "w:bottom", "w:right"};
        vb_docx_xml_start(c->x, "w:tcBorders");
        for (int i = 0; i < 4; i++)
            vb_docx_xml_val(c->x, sides[i], "nil");
        vb_docx_xml_end(c->x);
    } else if (d->top_rule > 0) {
        vb_docx_xml_start(c->x, "w:tcBorders");
        vb_docx_xml_start(c->x, "w:top");
        vb_docx_xml_attr(c->x, "w:val", "single");
        vb_docx_xml_attr_long(c->x, "w:sz", d->top_rule);
        vb_docx_xml_attr(c->x, "w:space", "0");
        vb_docx_xml_attr(c->x, "w:color", "000000");
        vb_docx_xml_end(c->x);
        vb_docx_xml_end(c->x);
    }
    if (d->valign)
        vb_docx_xml_val(c->x, "w:vAlign", d->valign);
    vb_docx_xml_end(c->x);
}

/* A frame cell of the header or signature block: `width` pt, top-aligned. */
static void write_frame_tc_start(dctx *c, long width)
{
    dcell d = {width, 1, NULL, NULL, 0, 0};
    write_w_tc_start(c, &d);
}

/* A cell ends with a paragraph: an empty one, as low as can be. */
static void write_tiny_p(dctx *c)
{
    dpara e = empty_para(0);
    write_w_p(c, &e, NULL);
}

/* ---- page 1: the header table {ô 2, ô 3 | ô 1, ô 4} -------------------------------- */

static const char QUOC_HIEU[] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
/* ASCII hyphen-minus with a space each side, as the decree prints it */
static const char TIEU_NGU[] = "Độc lập - Tự do - Hạnh phúc";

/* The agency column (layout.c's agency_column()): the parent agency, the
 * agency, for a joint document the second pair, and the rule under the
 * last agency line; `before` above the first line. Returns the column's
 * height (to the rule's bottom) as the PDF sets it. */
static double write_agency_paras(dctx *c, const vb_inline *parent, const vb_inline *agency, const vb_inline *parent2,
                                 const vb_inline *agency2, double before)
{
    const vb_style *st = c->st;
    double lw = st->header_left_w, h = 0;
    const vb_inline *lines[4] = {parent, agency, parent2, agency2};
    const vb_role roles[4] = {VB_ROLE_CO_QUAN_CHU_QUAN, VB_ROLE_CO_QUAN, VB_ROLE_CO_QUAN_CHU_QUAN, VB_ROLE_CO_QUAN};
    vb_para_out po;
    memset(&po, 0, sizeof po);
    for (int i = 0; i < 4; i++) {
        /* the parent agencies are optional; the second pair only with a second agency */
        if (!lines[i] || !lines[i]->n || (i == 2 && !(agency2 && agency2->n)))
            continue;
        druns r = {0};
        run_inline(c, &r, NULL, lines[i]);
        dpara p = para_of(roles[i], before, 0);
        mirror_breaks(c, rs(c, roles[i]), &r, lw, &po);
        h += (double)(po.n ? po.n : 1) * pitch(c, roles[i]);
        write_w_p(c, &p, &r);
        before = 0;
    }
    dpara rule = rule_para(c, VB_ROLE_CO_QUAN, &po, lw, st->agency_rule_ratio);
    rule.before = vb_docx_twips(before);
    write_w_p(c, &rule, NULL);
    /* the rule: rule_gap under the last baseline, half its width below */
    return h - vb_face_descent(look_face(c, rs(c, VB_ROLE_CO_QUAN)), rs(c, VB_ROLE_CO_QUAN)->size) + st->rule_gap +
           st->rule_width / 2;
}

/* Left cell of row 1. */
static void write_agency_tc(dctx *c, long width, const vb_inline *parent, const vb_inline *agency,
                            const vb_inline *parent2, const vb_inline *agency2)
{
    write_frame_tc_start(c, width);
    write_agency_paras(c, parent, agency, parent2, agency2, 0);
    vb_docx_xml_end(c->x);
}

/* Right cell of row 1: Quốc hiệu, Tiêu ngữ and the motto's rule. */
static void write_motto_tc(dctx *c, long width)
{
    double rw = c->st->header_right_w;
    vb_para_out po;
    write_frame_tc_start(c, width);
    druns r = {0};
    run_str(c, &r, QUOC_HIEU);
    dpara p = para_of(VB_ROLE_QUOC_HIEU, 0, 0);
    write_mirrored_p(c, &p, &r, rw, NULL);
    druns m = {0};
    run_str(c, &m, TIEU_NGU);
    p = para_of(VB_ROLE_TIEU_NGU, 0, 0);
    write_mirrored_p(c, &p, &m, rw, &po);
    dpara rule = rule_para(c, VB_ROLE_TIEU_NGU, &po, rw, c->st->motto_rule_ratio);
    write_w_p(c, &rule, NULL);
    vb_docx_xml_end(c->x);
}

/* A word in a frame (ô 10b): a one-cell table `width` wide and stamp_h
 * high, centred in its column, its border and its text in `color`, the
 * text centred both ways. */
static void write_stamp_tbl(dctx *c, vb_role role, const char *text, double width, uint32_t color)
{
    const vb_style *st = c->st;
    vb_docx_xml *x = c->x;
    long w = vb_docx_twips(width);
    char rgb[8];
    snprintf(rgb, sizeof rgb, "%06X", (unsigned)(color & 0xFFFFFFu));
    vb_docx_xml_start(x, "w:tbl");
    vb_docx_xml_start(x, "w:tblPr");
    vb_docx_xml_val(x, "w:tblStyle", VB_DOCX_STYLE_TABLE);
    write_w_tblW(c, w);
    vb_docx_xml_val(x, "w:jc", "center");
    write_w_tblBorders(c, st->frame_width, rgb);
    vb_docx_xml_empty(x, "w:tblLayout", "w:type", "fixed", NULL, NULL);
    write_w_tblLook(c);
    vb_docx_xml_end(x);
    write_w_tblGrid(c, &w, 1);
    write_w_tr_start(c, 0, st->stamp_h);
    dcell d = {w, 1, NULL, "center", 0, 0};
    write_w_tc_start(c, &d);
    druns r = {0};
    run_str(c, &r, text);
    dpara p = para_of(role, 0, 0);
    p.color = color;
    p.has_ind = 1; /* set in the frame's width, whatever the role's indents */
    write_w_p(c, &p, &r);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
}

/* Row 2: Số and the place and date on one baseline, `rows_gap` below the
 * lower of the two rules (the number, place and date of d: the document's,
 * or a copy's); on page 1 (`marks`) under Số the V/v of a công văn (ô 5b)
 * and the secrecy and urgency marks (ô 10a, 10b). */
static void write_number_date_tr(dctx *c, const vb_doc *d, int marks, long lw_tw, long rw_tw)
{
    const vb_style *st = c->st;
    double lw = st->header_left_w;
    double so_base = baseline_off(c, VB_ROLE_SO_KY_HIEU), date_base = baseline_off(c, VB_ROLE_DIA_DANH_NGAY);
    double base = so_base > date_base ? so_base : date_base;
    vb_form form = d->type ? d->type->form : VB_FORM_TYPED;
    int vv = marks && form == VB_FORM_OFFICIAL_LETTER && d->summary.n;
    int secrecy = marks && d->secrecy, urgency = marks && d->urgency;
    write_w_tr_start(c, 0, 0);
    write_frame_tc_start(c, lw_tw);
    druns r = {0};
    run_str(c, &r, vb_number_line(c->a, d));
    /* the space above the urgency frame goes below what comes before it */
    dpara p = para_of(VB_ROLE_SO_KY_HIEU, st->header_rows_gap + base - so_base,
                      urgency && !vv && !secrecy ? st->stamp_gap : 0);
    write_mirrored_p(c, &p, &r, lw, NULL);
    if (vv) {
        druns v = {0};
        run_inline(c, &v, "V/v", &d->summary);
        p = para_of(VB_ROLE_VV, st->vv_gap, urgency && !secrecy ? st->stamp_gap : 0);
        write_mirrored_p(c, &p, &v, lw, NULL);
    }
    if (secrecy) {
        druns m = {0};
        run_str(c, &m, vb_secrecy_name(d->secrecy));
        p = para_of(VB_ROLE_DO_MAT, st->stamp_gap, urgency ? st->stamp_gap : 0);
        write_mirrored_p(c, &p, &m, lw, NULL);
    }
    if (urgency) {
        write_stamp_tbl(c, VB_ROLE_DO_KHAN, vb_urgency_name(d->urgency), st->urgent_w[d->urgency], st->urgent_color);
        write_tiny_p(c);
    }
    vb_docx_xml_end(c->x);
    write_frame_tc_start(c, rw_tw);
    druns q = {0};
    run_str(c, &q, vb_place_date_line(c->a, d));
    p = para_of(VB_ROLE_DIA_DANH_NGAY, st->header_rows_gap + base - date_base, 0);
    write_mirrored_p(c, &p, &q, st->header_right_w, NULL);
    vb_docx_xml_end(c->x);
    vb_docx_xml_end(c->x);
}

/* The header block's table, layout.c's header_block(): row 1 {agency |
 * national title}, and on page 1 row 2 {number | place and date}; an
 * attached text's first page has row 1 only. */
static void write_header_tbl(dctx *c, int page1)
{
    const vb_doc *d = c->doc;
    const vb_style *st = c->st;
    long cols[2] = {vb_docx_twips(st->header_left_w), vb_docx_twips(st->header_right_w)};
    flow_table(c);
    vb_docx_xml_start(c->x, "w:tbl");
    write_w_tblPr(c, cols[0] + cols[1], -vb_docx_twips(st->header_shift));
    write_w_tblGrid(c, cols, 2);
    write_w_tr_start(c, 0, 0);
    write_agency_tc(c, cols[0], &d->parent_agency, &d->agency, &d->joint_parent_agency, &d->joint_agency);
    write_motto_tc(c, cols[1]);
    vb_docx_xml_end(c->x);
    if (page1)
        write_number_date_tr(c, d, 1, cols[0], cols[1]);
    vb_docx_xml_end(c->x);
}

/* ---- page 1: type name, trích yếu (ô 5a), Kính gửi (ô 9a) ---------------------------- */

static void write_title(dctx *c)
{
    const vb_doc *d = c->doc;
    const vb_style *st = c->st;
    c->pending = st->after_title_gap;
    if (!d->type || !d->type->name)
        return;
    vb_para_out po;
    druns r = {0};
    run_str(c, &r, d->type->name);
    dpara p = para_of(VB_ROLE_TEN_LOAI, st->title_gap + rs(c, VB_ROLE_TEN_LOAI)->space_before, 0);
    mirror_breaks(c, rs(c, VB_ROLE_TEN_LOAI), &r, c->width, &po);
    flow_p(c, &p, &r);
    if (!d->summary.n) {
        /* a giấy giới thiệu or giấy nghỉ phép has no trích yếu: the short
         * rule goes under the type name (Mẫu 1.8, 1.10) */
        dpara rule = rule_para(c, VB_ROLE_TEN_LOAI, &po, c->width, st->summary_rule_ratio);
        flow_p(c, &rule, NULL);
        return;
    }
    druns s = {0};
    run_inline(c, &s, NULL, &d->summary);
    p = para_of(VB_ROLE_TRICH_YEU, rs(c, VB_ROLE_TRICH_YEU)->space_before, 0);
    mirror_breaks(c, rs(c, VB_ROLE_TRICH_YEU), &s, c->width, &po);
    flow_p(c, &p, &s);
    dpara rule = rule_para(c, VB_ROLE_TRICH_YEU, &po, c->width, st->summary_rule_ratio);
    flow_p(c, &rule, NULL);
}

static void write_kinh_gui(dctx *c)
{
    const vb_doc *d = c->doc;
    const vb_style *st = c->st;
    const vb_role_style *r = rs(c, VB_ROLE_KINH_GUI);
    /* a công điện lists its recipients in the body instead */
    if (!d->n_to || (d->type && d->type->form == VB_FORM_TELEGRAM))
        return;
    double label_w = text_width(c, VB_ROLE_KINH_GUI, "Kính gửi: ");
    double colon_x = text_width(c, VB_ROLE_KINH_GUI, "Kính gửi");
    double dash_w = text_width(c, VB_ROLE_KINH_GUI, "- ");
    double kx = st->kinh_gui_indent;
    double before = take_pending(c) + r->space_before;
    if (d->n_to == 1) {
        /* one recipient on the label's line; a wrapped line starts under the name */
        druns q = {0};
        run_str(c, &q, "Kính gửi: ");
        run_inline(c, &q, NULL, &d->to[0]);
        dpara p = para_of(VB_ROLE_KINH_GUI, before, 0);
        p.has_ind = 1;
        p.ind_left = vb_docx_twips(kx + label_w);
        p.ind_first = -vb_docx_twips(label_w);
        flow_p(c, &p, &q);
        c->pending = r->space_after;
        return;
    }
    druns q = {0};
    run_str(c, &q, "Kính gửi:");
    dpara p = para_of(VB_ROLE_KINH_GUI, before, 0);
    p.has_ind = 1;
    p.ind_left = vb_docx_twips(kx);
    flow_p(c, &p, &q);
    /* one line each, "- " … ";" and the last "."; the dashes under the colon */
    for (size_t i = 0; i < d->n_to; i++) {
        druns t = {0};
        run_str(c, &t, "- ");
        run_inline(c, &t, NULL, &d->to[i]);
        run_str(c, &t, i + 1 < d->n_to ? ";" : ".");
        p = para_of(VB_ROLE_KINH_GUI, 0, 0);
        p.has_ind = 1;
        p.ind_left = vb_docx_twips(kx + colon_x + dash_w);
        p.ind_first = -vb_docx_twips(dash_w);
        flow_p(c, &p, &t);
    }
    c->pending = r->space_after;
}

/* ---- the body: text blocks and tables ------------------------------------------------ */

/* A text block of the flow in its role's style; centred blocks broken as
 * the PDF breaks them. */
static void write_text_block(dctx *c, const vb_tblock *b)
{
    const vb_role_style *r = rs(c, b->role);
    druns runs = {0};
    run_inline(c, &runs, b->label, &b->text);
    dpara p = para_of(b->role, take_pending(c) + r->space_before, r->space_after);
    if (r->align == VB_ALIGN_CENTER && !fits_one_line(c, r, &runs, c->width)) {
        vb_para_out po;
        mirror_breaks(c, r, &runs, c->width, &po);
    }
    flow_p(c, &p, &runs);
}

/* A cell placed on the table's grid (layout.c's table_slots). */
/* The paragraphs of a cell, set as the PDF sets them: the table's body or
 * header style, the table's size, the cell's bold and alignment, no
 * indents; space between paragraphs but none above the first. */
static void write_cell_content(dctx *c, const vb_table *t, const vb_grid_cell *p, int header, double inner)
{
    vb_tblock *tb;
    size_t n = vb_node_blocks(c->a, p->cell->body, &tb);
    if (n == (size_t)-1) {
        c->nomem = 1;
        return;
    }
    vb_role role = header ? VB_ROLE_BANG_TIEU_DE : VB_ROLE_BANG;
    vb_role_style *look = vb_arena_alloc(c->a, sizeof *look);
    if (!look) {
        c->nomem = 1;
        return;
    }
    *look = *rs(c, role);
    if (t->font_size > 0)
        look->size = t->font_size;
    if (p->cell->bold)
        look->bold = 1;
    if (p->cell->align >= 0)
        look->align = (vb_align)p->cell->align;
    look->indent_first = look->indent_left = look->indent_right = 0;
    int written = 0;
    for (size_t k = 0; k < n; k++) {
        /* the PDF shows no table inside a table cell */
        if (tb[k].node && tb[k].node->kind == VB_N_TABLE)
            continue;
        druns r = {0};
        run_inline(c, &r, tb[k].label, &tb[k].text);
        dpara q = para_of(role, written && look->space_before > 0 ? look->space_before : 0, 0);
        q.look = look;
        q.has_ind = 1;
        write_mirrored_p(c, &q, &r, inner, NULL);
        written = 1;
    }
    if (!written)
        write_tiny_p(c);
}

/* A table of the body at the full width `width`, as layout.c's
 * table_slots() sets it: the columns (fixed ones, the rest shared by
 * proportion), cells spanning columns and rows, the cells' room and lines,
 * the header rows repeated on every page, rows never split. */
static void write_table(dctx *c, const vb_node *node, double width)
{
    const vb_table *t = node->table;
    const vb_style *st = c->st;
    if (!t || !t->n_rows)
        return;
    vb_grid grid;
    if (!vb_table_grid(c->a, t, width, &grid, NULL)) {
        if (grid.n_cols) /* columns, but no memory for them */
            c->nomem = 1;
        return;
    }
    size_t nc = grid.n_cols, nr = t->n_rows, np = grid.n_cells;
    const double *cx = grid.x;
    long *cols = vb_arena_calloc(c->a, nc, sizeof *cols);
    const vb_grid_cell *pc = grid.cells;
    if (!cols) {
        c->nomem = 1;
        return;
    }
    /* whole twips that add up to the table's width */
    for (size_t i = 0; i < nc; i++)
        cols[i] = vb_docx_twips(cx[i + 1]) - vb_docx_twips(cx[i]);
    size_t n_head = grid.n_head;

    vb_docx_xml *x = c->x;
    char black[] = "000000";
    flow_table(c);
    vb_docx_xml_start(x, "w:tbl");
    vb_docx_xml_start(x, "w:tblPr");
    vb_docx_xml_val(x, "w:tblStyle", VB_DOCX_STYLE_TABLE);
    write_w_tblW(c, vb_docx_twips(cx[nc]));
    vb_docx_xml_empty(x, "w:tblInd", "w:w", "0", "w:type", "dxa");
    if (t->borders)
        write_w_tblBorders(c, st->table_border, black);
    vb_docx_xml_empty(x, "w:tblLayout", "w:type", "fixed", NULL, NULL);
    double pad_y = st->cell_pad_y - (t->borders ? st->table_border / 2 : 0);
    write_w_tblCellMar(c, st->cell_pad_x, pad_y > 0 ? pad_y : 0);
    write_w_tblLook(c);
    vb_docx_xml_end(x);
    write_w_tblGrid(c, cols, nc);
    /* cover[col]: 1 + the cell over this row's column, 0: none */
    size_t *cover = vb_arena_calloc(c->a, nc, sizeof *cover), next = 0;
    if (!cover) {
        c->nomem = 1;
        return;
    }
    for (size_t r = 0; r < nr; r++) {
        for (size_t col = 0; col < nc; col++)
            if (cover[col] && pc[cover[col] - 1].r + pc[cover[col] - 1].rs <= r)
                cover[col] = 0;
        for (; next < np && pc[next].r == r; next++)
            for (size_t k = pc[next].c0; k < pc[next].c0 + pc[next].cs; k++)
                cover[k] = next + 1;
        int header = r < n_head;
        write_w_tr_start(c, header, 0);
        for (size_t col = 0; col < nc;) {
            size_t o = cover[col];
            if (!o) {
                /* no cell here: an empty one without lines */
                dcell d = {cols[col], 1, NULL, NULL, 1, 0};
                write_w_tc_start(c, &d);
                write_tiny_p(c);
                vb_docx_xml_end(x);
                col++;
                continue;
            }
            const vb_grid_cell *p = &pc[o - 1];
            dcell d = {0, (long)p->cs, NULL, NULL, 0, 0};
            for (size_t k = p->c0; k < p->c0 + p->cs; k++)
                d.width += cols[k];
            if (p->rs > 1)
                d.vmerge = p->r == r ? "restart" : "continue";
            d.valign = p->cell->valign == VB_VALIGN_MIDDLE ? "center" : p->cell->valign == VB_VALIGN_BOTTOM ? "bottom" : NULL;
            write_w_tc_start(c, &d);
            if (p->r == r)
                write_cell_content(c, t, p, t->rows[p->r].header, cx[p->c0 + p->cs] - cx[p->c0] - 2 * st->cell_pad_x);
            else
                write_tiny_p(c);
            vb_docx_xml_end(x);
            col += p->cs;
        }
        vb_docx_xml_end(x);
    }
    vb_docx_xml_end(x);
}

/* A table block: table_space above and below it; a landscape table in a
 * portrait flow gets landscape pages of its own, a section of its own. */
static void write_table_block(dctx *c, const vb_tblock *b)
{
    const vb_table *t = b->node->table;
    if (t && t->landscape && !c->sect.landscape) {
        dsect land = c->sect, back = c->sect;
        land.landscape = 1;
        land.restart = back.restart = 0;
        land.title_pg = back.title_pg = 0;
        land.page1 = back.page1 = 0;
        flow_section(c, &land);
        write_table(c, b->node, c->width);
        flow_section(c, &back);
        return;
    }
    flow_space(c, take_pending(c) + c->st->table_space);
    write_table(c, b->node, c->width);
    c->pending = c->st->table_space;
}

/* One case per kind of block. */
static void render_block(dctx *c, const vb_tblock *b)
{
    vb_node_kind kind = b->node ? b->node->kind : VB_N_PARA;
    switch (kind) {
    case VB_N_TABLE:
        write_table_block(c, b);
        break;
    case VB_N_BODY:
    case VB_N_PART:
    case VB_N_CHAPTER:
    case VB_N_SECTION:
    case VB_N_SUBSECTION:
    case VB_N_ARTICLE:
    case VB_N_CLAUSE:
    case VB_N_POINT:
    case VB_N_DASH:
    case VB_N_PARA:
    case VB_N_CELL:
        write_text_block(c, b);
        break;
    case VB_N_KIND_COUNT:
        break;
    }
}

/* ---- the signature block {ô 9b | ô 7} ----------------------------------------------- */

/* The picture stored for `path`, or -1. */
static long media_index(const dctx *c, const char *path)
{
    for (size_t i = 0; path && c->media && i < c->media->n; i++)
        if (!strcmp(c->media->v[i].path, path))
            return (long)i;
    return -1;
}

/* The signature (ô 7c) and seal (ô 8) pictures of a signer, as layout.c's
 * signer() places them: the signature centred in the room between the
 * title and the name (`gap` high, its middle `mid_y` from the anchor
 * paragraph's top), the seal at its real size over the signature's left
 * third. Returns the count. */
static size_t signer_pics(dctx *c, const vb_signature *sg, double w, double mid_y, double gap, dpic out[2])
{
    const vb_style *st = c->st;
    size_t n = 0;
    double mid_x = w / 2;
    double sw = sg->signature_width > 0 ? sg->signature_width : st->sign_image_w;
    double sig_left = mid_x - sw / 2;
    long i = media_index(c, sg->signature_image);
    if (i >= 0 && c->media->v[i].w) {
        double aspect = (double)c->media->v[i].h / c->media->v[i].w, sh = sw * aspect;
        if (sh > gap) { /* inside the room left for it */
            sh = gap;
            sw = sh / aspect;
            sig_left = mid_x - sw / 2;
        }
        out[n++] = (dpic){(size_t)i, sig_left, mid_y - sh / 2, sw, sh, 1, "Chữ ký"};
    }
    i = media_index(c, sg->seal_image);
    if (i >= 0 && c->media->v[i].w) {
        double aspect = (double)c->media->v[i].h / c->media->v[i].w;
        double dia = sg->seal_diameter > 0 ? sg->seal_diameter : st->seal_diameter;
        double right = sig_left + sw * st->seal_overlap;
        out[n++] = (dpic){(size_t)i, right - dia, mid_y - dia * aspect / 2, dia, dia * aspect, 2, "Dấu"};
    }
    return n;
}

/* The height of a signer's authority lines (ô 7a) in a column `w` wide. */
static double titles_height(dctx *c, const vb_signature *sg, double w)
{
    vb_para_out po;
    double h = 0;
    for (size_t i = 0; i < sg->n_lines; i++) {
        const char *prefix = vb_authority_prefix(sg->lines[i].kind);
        druns r = {0};
        run_inline(c, &r, prefix[0] ? prefix : NULL, &sg->lines[i].text);
        mirror_breaks(c, rs(c, VB_ROLE_THAM_QUYEN), &r, w, &po);
        h += (double)(po.n ? po.n : 1) * pitch(c, VB_ROLE_THAM_QUYEN);
    }
    return h;
}

/* One signer's stack in a column `w` wide: the authority lines (ô 7a), the
 * room for the signature and seal with their pictures, the name (ô 7b);
 * written when `write` is set, indented by `left` and `right` in its cell.
 * Side by side, the room starts below the taller stack of titles
 * (`titles_h`), so that the names stand on one line. Returns the stack's
 * height as the PDF sets it. */
static double signer(dctx *c, const vb_signature *sg, double w, int write, double left, double right,
                     double titles_h)
{
    const vb_style *st = c->st;
    vb_para_out po;
    double h = 0;
    /* the lines first: the pictures hang from the first one */
    size_t n = sg->n_lines;
    druns *lines = vb_arena_calloc(c->a, n ? n : 1, sizeof *lines);
    if (!lines) {
        c->nomem = 1;
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        const vb_auth_line *al = &sg->lines[i];
        const char *prefix = vb_authority_prefix(al->kind);
        run_inline(c, &lines[i], prefix[0] ? prefix : NULL, &al->text);
        mirror_breaks(c, rs(c, VB_ROLE_THAM_QUYEN), &lines[i], w, &po);
        h += (double)(po.n ? po.n : 1) * pitch(c, VB_ROLE_THAM_QUYEN);
    }
    double room = h < titles_h ? titles_h : h; /* where the room for the signature starts */
    /* a seal printed at its real size makes the room grow to hold it */
    double gap = st->sign_space, dia = sg->seal_diameter > 0 ? sg->seal_diameter : st->seal_diameter;
    if (sg->sealed && dia > gap)
        gap = dia;
    dpic pics[2];
    size_t np = write ? signer_pics(c, sg, w, room + gap / 2, gap, pics) : 0;
    for (size_t k = 0; k < np; k++)
        pics[k].x += left;
    int ind = left > 0 || right > 0;
    for (size_t i = 0; write && i < n; i++) {
        dpara p = para_of(VB_ROLE_THAM_QUYEN, 0, 0);
        p.has_ind = ind;
        p.ind_left = vb_docx_twips(left);
        p.ind_right = vb_docx_twips(right);
        if (i == 0) {
            p.pics = pics;
            p.n_pics = np;
        }
        write_w_p(c, &p, &lines[i]);
    }
    druns r = {0};
    run_inline(c, &r, NULL, &sg->name);
    mirror_breaks(c, rs(c, VB_ROLE_HO_TEN), &r, w, &po);
    if (write) {
        dpara p = para_of(VB_ROLE_HO_TEN, room - h + gap, 0);
        p.has_ind = ind;
        p.ind_left = vb_docx_twips(left);
        p.ind_right = vb_docx_twips(right);
        if (!n) { /* no title line: the pictures hang from the name, whose
                   * space before is the room above it */
            np = signer_pics(c, sg, w, room + gap / 2, gap, pics);
            for (size_t k = 0; k < np; k++)
                pics[k].x += left;
            p.pics = pics;
            p.n_pics = np;
        }
        write_w_p(c, &p, &r);
    }
    return room + gap + (double)(po.n ? po.n : 1) * pitch(c, VB_ROLE_HO_TEN);
}

/* The Nơi nhận column (ô 9b, 12): the label, the recipients and the Lưu
 * line, each wrapping under its first word; `before` above the label,
 * `right` the indent that narrows the cell to the column. */
static void write_recipients(dctx *c, const vb_inline *rec, size_t n, const vb_archive *ar, double before,
                             double right)
{
    druns r = {0};
    run_str(c, &r, "Nơi nhận:");
    dpara p = para_of(VB_ROLE_NOI_NHAN, before, 0);
    if (right > 0) {
        p.has_ind = 1;
        p.ind_right = vb_docx_twips(right);
    }
    write_w_p(c, &p, &r);
    double dash_w = text_width(c, VB_ROLE_NOI_NHAN_DS, "- ");
    for (size_t i = 0; i <= n; i++) {
        druns q = {0};
        if (i < n) {
            run_str(c, &q, "- ");
            run_inline(c, &q, NULL, &rec[i]);
            run_str(c, &q, ";");
        } else if (ar && ar->present) {
            run_str(c, &q, vb_archive_line(c->a, ar));
        } else {
            break;
        }
        p = para_of(VB_ROLE_NOI_NHAN_DS, 0, 0);
        p.has_ind = 1;
        p.ind_left = vb_docx_twips(dash_w);
        p.ind_first = -vb_docx_twips(dash_w);
        p.ind_right = right > 0 ? vb_docx_twips(right) : 0;
        write_w_p(c, &p, &q);
    }
}

/* {Nơi nhận | signature} as one unsplittable row, `gap` below the flow:
 * “Nơi nhận:” on the baseline of the first authority line (spec §2.9).
 * Two signers (a joint document) stand side by side in halves of the text
 * width, and Nơi nhận goes under the left one, below the taller stack. An
 * appendix's signature has no Nơi nhận (with_recipients == 0). */
static void write_signature_tbl(dctx *c, const vb_signature *sigs, size_t n_sigs, const vb_inline *rec,
                                size_t n_rec, const vb_archive *ar, int with_recipients, double gap)
{
    const vb_style *st = c->st;
    int two = n_sigs >= 2;
    double lw = two ? c->width / 2 : st->sign_left_w, rw = two ? c->width / 2 : st->sign_right_w;
    long cols[2] = {vb_docx_twips(lw), vb_docx_twips(rw)};
    /* the flow's last paragraph goes along, whole, to the signature's page
     * (as the PDF's layout keeps it), and the gap above the block is its
     * space after */
    if (c->held)
        c->held_p.keep_next = c->held_p.keep_lines = 1;
    flow_space(c, gap);
    if (c->held)
        c->held_p.keep_next = c->held_p.keep_lines = 1;
    flow_table(c);
    vb_docx_xml_start(c->x, "w:tbl");
    write_w_tblPr(c, cols[0] + cols[1], 0);
    write_w_tblGrid(c, cols, 2);
    write_w_tr_start(c, 0, 0);
    write_frame_tc_start(c, cols[0]);
    if (two) {
        double t0 = titles_height(c, &sigs[0], lw), t1 = titles_height(c, &sigs[1], rw);
        double th = t0 > t1 ? t0 : t1;
        double h0 = signer(c, &sigs[0], lw, 0, 0, 0, th), h1 = signer(c, &sigs[1], rw, 0, 0, 0, th);
        signer(c, &sigs[0], lw, 1, 0, 0, th);
        if (with_recipients)
            write_recipients(c, rec, n_rec, ar, (h1 > h0 ? h1 - h0 : 0) + st->sign_gap_before, lw - st->sign_left_w);
        vb_docx_xml_end(c->x);
        write_frame_tc_start(c, cols[1]);
        signer(c, &sigs[1], rw, 1, 0, 0, th);
    } else {
        const vb_signature *sg = n_sigs ? &sigs[0] : NULL;
        if (with_recipients) {
            double level = sg && sg->n_lines ? baseline_off(c, VB_ROLE_THAM_QUYEN) - baseline_off(c, VB_ROLE_NOI_NHAN) : 0;
            write_recipients(c, rec, n_rec, ar, level, 0);
        } else {
            write_tiny_p(c);
        }
        vb_docx_xml_end(c->x);
        write_frame_tc_start(c, cols[1]);
        if (sg)
            signer(c, sg, rw, 1, 0, 0, 0);
        else
            write_tiny_p(c);
    }
    vb_docx_xml_end(c->x);
    vb_docx_xml_end(c->x);
    vb_docx_xml_end(c->x);
}

/* A copy's block (Mẫu 3.1), copy_gap under the signature, as layout.c's
 * copy_block() sets it: a rule across the text, rule_gap under it
 * {copying agency, number | form, place and date}, then {Nơi nhận |
 * signature}. The PDF never splits it, so it is one unsplittable row of a
 * table whose top border is the rule; the two cells' parts are spaced so
 * that the lines stand where the PDF has them, the signature part indented
 * from the header's columns to the signature block's. */
static void write_copy_block(dctx *c, const vb_copy *cp)
{
    const vb_doc *d = c->doc;
    const vb_style *st = c->st;
    double hl = st->header_left_w, hr = st->header_right_w, shift = st->header_shift;
    long cols[2] = {vb_docx_twips(hl), vb_docx_twips(hr)};
    double so_base = baseline_off(c, VB_ROLE_SO_KY_HIEU), date_base = baseline_off(c, VB_ROLE_DIA_DANH_NGAY);
    double base = so_base > date_base ? so_base : date_base;
    vb_doc tmp = *d; /* the copy's own number, place and date */
    tmp.number = cp->number;
    tmp.notation = cp->notation;
    tmp.place = cp->place;
    tmp.year = cp->year;
    tmp.month = cp->month;
    tmp.day = cp->day;
    vb_para_out po;

    /* heights first: the right column's form, the number and the date */
    druns form = {0}, num = {0}, date = {0};
    run_str(c, &form, vb_copy_form_name(cp->form));
    mirror_breaks(c, rs(c, VB_ROLE_BAN_SAO), &form, hr, &po);
    double rb = st->rule_gap + (double)(po.n ? po.n : 1) * pitch(c, VB_ROLE_BAN_SAO);
    run_str(c, &num, vb_number_line(c->a, &tmp));
    mirror_breaks(c, rs(c, VB_ROLE_SO_KY_HIEU), &num, hl, &po);
    double so_h = (double)(po.n ? po.n : 1) * pitch(c, VB_ROLE_SO_KY_HIEU);
    run_str(c, &date, vb_place_date_line(c->a, &tmp));
    mirror_breaks(c, rs(c, VB_ROLE_DIA_DANH_NGAY), &date, hr, &po);
    double date_h = (double)(po.n ? po.n : 1) * pitch(c, VB_ROLE_DIA_DANH_NGAY);

    flow_space(c, take_pending(c) + st->copy_gap);
    flow_table(c);
    vb_docx_xml *x = c->x;
    vb_docx_xml_start(x, "w:tbl");
    write_w_tblPr(c, cols[0] + cols[1], -vb_docx_twips(shift));
    write_w_tblGrid(c, cols, 2);
    write_w_tr_start(c, 0, 0);

    /* left: the copying agency and its rule, Số, Nơi nhận; the rule over
     * both cells is their top border (its middle is the block's top: the
     * lines begin rule_gap below it) */
    dcell cell = {cols[0], 1, NULL, NULL, 0, border_sz(st->rule_width)};
    double first = st->rule_gap - st->rule_width / 2;
    write_w_tc_start(c, &cell);
    static const vb_inline none = {0};
    double lb = st->rule_gap + write_agency_paras(c, &cp->parent_agency, &cp->agency, &none, NULL, first);
    double row = (lb > rb ? lb : rb) + st->header_rows_gap;
    dpara p = para_of(VB_ROLE_SO_KY_HIEU, row - lb + base - so_base, 0);
    write_w_p(c, &p, &num);
    double b1 = row + base - so_base + so_h, b2 = row + base - date_base + date_h;
    double y = (b1 > b2 ? b1 : b2) + st->sign_gap_before;
    const vb_signature *sg = &cp->signature;
    double level = sg->n_lines ? baseline_off(c, VB_ROLE_THAM_QUYEN) - baseline_off(c, VB_ROLE_NOI_NHAN) : 0;
    /* the Nơi nhận column starts at the text's left edge */
    double rec_left = shift, rec_right = hl - shift - st->sign_left_w;
    druns lab = {0};
    run_str(c, &lab, "Nơi nhận:");
    dpara q = para_of(VB_ROLE_NOI_NHAN, y - b1 + level, 0);
    q.has_ind = 1;
    q.ind_left = vb_docx_twips(rec_left);
    q.ind_right = rec_right > 0 ? vb_docx_twips(rec_right) : 0;
    write_w_p(c, &q, &lab);
    double dash_w = text_width(c, VB_ROLE_NOI_NHAN_DS, "- ");
    for (size_t i = 0; i <= cp->n_recipients; i++) {
        druns r = {0};
        if (i < cp->n_recipients) {
            run_str(c, &r, "- ");
            run_inline(c, &r, NULL, &cp->recipients[i]);
            run_str(c, &r, ";");
        } else if (cp->archive.present) {
            run_str(c, &r, vb_archive_line(c->a, &cp->archive));
        } else {
            break;
        }
        q = para_of(VB_ROLE_NOI_NHAN_DS, 0, 0);
        q.has_ind = 1;
        q.ind_left = vb_docx_twips(rec_left + dash_w);
        q.ind_first = -vb_docx_twips(dash_w);
        q.ind_right = rec_right > 0 ? vb_docx_twips(rec_right) : 0;
        write_w_p(c, &q, &r);
    }
    vb_docx_xml_end(x);

    /* right: the form, the date, the signer */
    cell.width = cols[1];
    write_w_tc_start(c, &cell);
    p = para_of(VB_ROLE_BAN_SAO, first, 0);
    write_w_p(c, &p, &form);
    p = para_of(VB_ROLE_DIA_DANH_NGAY, row - rb + base - date_base, 0);
    write_w_p(c, &p, &date);
    /* the signature column: sign_left_w from the text's left edge */
    double sig_left = st->sign_left_w + shift - hl, sig_right = hl + hr - shift - st->sign_left_w - st->sign_right_w;
    if (sg->n_lines || sg->name.n) {
        dpara e = empty_para(y - b2);
        write_w_p(c, &e, NULL); /* the space down to the signer */
        signer(c, sg, st->sign_right_w, 1, sig_left > 0 ? sig_left : 0, sig_right > 0 ? sig_right : 0, 0);
    }
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
}

/* ---- appendices and attached texts ----------------------------------------------------- */

/* One line of an annex's heading in role, gap points above it, kept with
 * what follows; po gets its lines as the PDF breaks them. */
static void annex_line(dctx *c, vb_role role, double gap, druns *r, vb_para_out *po)
{
    dpara p = para_of(role, gap, 0);
    p.keep_next = 1;
    mirror_breaks(c, rs(c, role), r, c->width, po);
    flow_p(c, &p, r);
}

/* The heading of an appendix (“Phụ lục I”, its title) or of an attached
 * text (the agency and national title, its type name and title), then
 * the reference line “(Kèm theo …)” and its rule; all kept with what
 * follows. */
static void write_annex_heading(dctx *c, const vb_annex *an, size_t n_appendices)
{
    const vb_style *st = c->st;
    vb_para_out po;
    int attached = an->kind == VB_ANNEX_ATTACHED;
    druns r = {0};
    if (attached) {
        write_header_tbl(c, 0);
        run_str(c, &r, an->type && an->type->name ? an->type->name : "");
        annex_line(c, VB_ROLE_TEN_LOAI, st->title_gap, &r, &po);
    } else {
        run_str(c, &r, vb_annex_label(c->a, an, n_appendices));
        annex_line(c, VB_ROLE_PHU_LUC, 0, &r, &po);
    }
    if (an->title.n) {
        druns s = {0};
        run_inline(c, &s, NULL, &an->title);
        annex_line(c, attached ? VB_ROLE_TRICH_YEU : VB_ROLE_PHU_LUC_TIEU_DE, 0, &s, &po);
    }
    druns k = {0};
    run_str(c, &k, vb_annex_reference(c->a, c->doc, an));
    annex_line(c, VB_ROLE_KEM_THEO, 0, &k, &po);
    dpara rule = rule_para(c, VB_ROLE_KEM_THEO, &po, c->width, st->summary_rule_ratio);
    rule.keep_next = 1;
    flow_p(c, &rule, NULL);
    c->pending = st->after_title_gap;
}

/* ---- the document -------------------------------------------------------------------- */

/* The blocks of a flow, in order. */
static void write_blocks(dctx *c, const vb_tblock *tb, size_t n)
{
    for (size_t i = 0; i < n && !c->nomem; i++)
        render_block(c, &tb[i]);
}

static void write_w_body(dctx *c)
{
    const vb_doc *d = c->doc;
    const vb_style *st = c->st;
    vb_docx_xml_start(c->x, "w:body");
    write_header_tbl(c, 1);
    write_title(c);
    write_kinh_gui(c);
    vb_tblock *blocks;
    size_t nb = vb_body_blocks(c->a, d, &blocks);
    if (nb == (size_t)-1) {
        c->nomem = 1;
        nb = 0;
    }
    write_blocks(c, blocks, nb);
    write_signature_tbl(c, d->signatures, d->n_signatures, d->recipients, d->n_recipients, &d->archive, 1,
                        take_pending(c) + st->sign_gap_before);
    if (d->copy)
        write_copy_block(c, d->copy);
    /* appendices and attached texts: each a section from a new page, its
     * numbering from 1 */
    size_t n_app = 0;
    for (size_t i = 0; i < d->n_annexes; i++)
        n_app += d->annexes[i].kind == VB_ANNEX_APPENDIX;
    for (size_t i = 0; i < d->n_annexes && !c->nomem; i++) {
        const vb_annex *an = &d->annexes[i];
        dsect s = {an->landscape, 1, 1, 0};
        flow_section(c, &s);
        write_annex_heading(c, an, n_app);
        vb_tblock *ab;
        size_t na = vb_node_blocks(c->a, an->body, &ab);
        if (na == (size_t)-1) {
            c->nomem = 1;
            break;
        }
        write_blocks(c, ab, na);
        if (an->signature)
            write_signature_tbl(c, an->signature, 1, NULL, 0, NULL, 0, take_pending(c) + st->sign_gap_before);
    }
    flow_flush(c);
    write_w_sectPr(c, &c->sect);
    vb_docx_xml_end(c->x);
}

static void write_w_document(dctx *c)
{
    vb_docx_xml_start(c->x, "w:document");
    vb_docx_xml_attr(c->x, "xmlns:w", VB_NS_W);
    vb_docx_xml_attr(c->x, "xmlns:r", VB_NS_R);
    vb_docx_xml_attr(c->x, "xmlns:wp", NS_WP);
    write_w_body(c);
    vb_docx_xml_end(c->x);
}

static vb_err dctx_init(dctx *c, vb_docx_xml *x, const vb_doc *doc, const vb_style *st, const vb_fontset *fs,
                        const vb_docx_media *media)
{
    memset(c, 0, sizeof *c);
    c->doc = doc;
    c->media = media;
    c->st = st;
    c->fs = fs;
    c->x = x;
    c->width = st->page_w - st->margin_left - st->margin_right;
    c->sect.title_pg = 1;
    c->sect.page1 = 1;
    c->a = vb_arena_new();
    c->scratch = vb_arena_new();
    c->sh = vb_shaper_new(fs);
    return c->a && c->scratch && c->sh ? VB_OK : VB_ERR_NOMEM;
}

static void dctx_free(dctx *c)
{
    free(c->flat);
    vb_shaper_free(c->sh);
    vb_arena_free(c->scratch);
    vb_arena_free(c->a);
}

vb_err vb_docx_part_document(vb_docx_xml *x, const vb_doc *doc, const vb_style *st, const vb_fontset *fs,
                             const vb_docx_media *media)
{
    dctx c;
    vb_err err = dctx_init(&c, x, doc, st, fs, media);
    if (!err)
        write_w_document(&c);
    if (c.nomem)
        err = VB_ERR_NOMEM;
    dctx_free(&c);
    return err;
}

/* ---- word/header2.xml: page 1's top margin (ô 11, 14) --------------------------------- */

/* A stamp in the top margin: a one-cell table floating at (x, y) on the
 * page, w × h, its lines `border` pt thick, the text centred in height
 * and `pad` from the sides, as layout.c's framed() and the e-copy box. */
static void write_float_stamp(dctx *c, vb_role role, druns *r, double x, double y, double w, double h,
                              double pad, double border)
{
    vb_docx_xml *xw = c->x;
    long tw = vb_docx_twips(w);
    vb_docx_xml_start(xw, "w:tbl");
    vb_docx_xml_start(xw, "w:tblPr");
    vb_docx_xml_val(xw, "w:tblStyle", VB_DOCX_STYLE_TABLE);
    vb_docx_xml_start(xw, "w:tblpPr");
    vb_docx_xml_attr(xw, "w:leftFromText", "0");
    vb_docx_xml_attr(xw, "w:rightFromText", "0");
    vb_docx_xml_attr(xw, "w:topFromText", "0");
    vb_docx_xml_attr(xw, "w:bottomFromText", "0");
    vb_docx_xml_attr(xw, "w:vertAnchor", "page");
    vb_docx_xml_attr(xw, "w:horzAnchor", "page");
    vb_docx_xml_attr_long(xw, "w:tblpX", vb_docx_twips(x));
    vb_docx_xml_attr_long(xw, "w:tblpY", vb_docx_twips(y));
    vb_docx_xml_end(xw);
    vb_docx_xml_val(xw, "w:tblOverlap", "overlap");
    write_w_tblW(c, tw);
    write_w_tblBorders(c, border, "000000");
    vb_docx_xml_empty(xw, "w:tblLayout", "w:type", "fixed", NULL, NULL);
    write_w_tblCellMar(c, pad, 0);
    write_w_tblLook(c);
    vb_docx_xml_end(xw);
    write_w_tblGrid(c, &tw, 1);
    write_w_tr_start(c, 0, h);
    dcell d = {tw, 1, NULL, "center", 0, 0};
    write_w_tc_start(c, &d);
    dpara p = para_of(role, 0, 0);
    p.has_ind = 1; /* set in the box's width, whatever the role's indents */
    write_mirrored_p(c, &p, r, w - 2 * pad, NULL);
    vb_docx_xml_end(xw);
    vb_docx_xml_end(xw);
    vb_docx_xml_end(xw);
}

/* The circulation notes (ô 11), stacked upwards in frames centred at the
 * layout's fraction of the text width just above the top margin's edge, and
 * the electronic-copy stamp (ô 14) ending the layout's distance from the
 * paper's right edge, as layout.c's header_block() places them. */
static void write_w_hdr_stamps(dctx *c)
{
    const vb_doc *d = c->doc;
    const vb_style *st = c->st;
    double top = st->margin_top, fy = -st->stamp_h - st->stamp_gap / 2;
    double cx = st->margin_left + c->width * st->circulation_center;
    for (size_t i = 0; i < d->n_circulation; i++) {
        druns r = {0};
        size_t len = 0;
        char *t = vb_inline_plain(c->a, &d->circulation[i], " ", &len);
        run_str(c, &r, t);
        double w = text_width(c, VB_ROLE_CHI_DAN, t ? t : "") + 2 * st->stamp_pad;
        double y = top + fy - (double)(d->n_circulation - 1 - i) * (st->stamp_h + st->stamp_gap / 2);
        write_float_stamp(c, VB_ROLE_CHI_DAN, &r, cx - w / 2, y, w, st->stamp_h, 0, st->frame_width);
    }
    if (d->ecopy.n) {
        druns r = {0};
        run_inline(c, &r, NULL, &d->ecopy);
        /* with a circulation note too, the box goes up near the paper's top
         * and the note stays just above the Quốc hiệu */
        double bx = st->page_w - st->ecopy_right - st->ecopy_w;
        double by = d->n_circulation ? st->ecopy_top : top - st->ecopy_h - st->stamp_gap / 2;
        write_float_stamp(c, VB_ROLE_CHU_KY_SO, &r, bx, by, st->ecopy_w, st->ecopy_h, 2, st->rule_width);
    }
}

int vb_docx_has_stamps(const vb_doc *doc)
{
    return doc->n_circulation > 0 || doc->ecopy.n > 0;
}

vb_err vb_docx_part_first_header(vb_docx_xml *x, const vb_doc *doc, const vb_style *st, const vb_fontset *fs,
                                 int stamps)
{
    dctx c;
    vb_err err = dctx_init(&c, x, doc, st, fs, NULL);
    if (!err) {
        vb_docx_xml_start(x, "w:hdr");
        vb_docx_xml_attr(x, "xmlns:w", VB_NS_W);
        vb_docx_xml_attr(x, "xmlns:r", VB_NS_R);
        if (stamps)
            write_w_hdr_stamps(&c);
        /* no page number on a first page */
        dpara p = para_of(VB_ROLE_SO_TRANG, rs(&c, VB_ROLE_SO_TRANG)->space_before,
                          rs(&c, VB_ROLE_SO_TRANG)->space_after);
        write_w_p(&c, &p, NULL);
        vb_docx_xml_end(x);
    }
    if (c.nomem)
        err = VB_ERR_NOMEM;
    dctx_free(&c);
    return err;
}

/* ---- word/footer1.xml: the address footer of page 1 (ô 13) ----------------------------- */

/* A rule across the text, then the lines, address_rule_gap below it; the
 * footer's bottom on the bottom margin (the footer distance of the first
 * section), and address_rule_gap between the body and the rule, as the
 * PDF sets them. */
static void write_w_ftr_body(dctx *c)
{
    const vb_doc *d = c->doc;
    const vb_style *st = c->st;
    /* the rule: the bottom border of an empty paragraph; its centre is
     * address_rule_gap below the paragraph's top and above the first line */
    dpara rule = empty_para(0);
    rule.rule_sz = border_sz(st->rule_width);
    rule.before = vb_docx_twips(st->address_rule_gap - st->rule_width / 2) - rule.line;
    if (rule.before < 0)
        rule.before = 0;
    write_w_p(c, &rule, NULL);
    for (size_t i = 0; i < d->n_address; i++) {
        druns r = {0};
        run_inline(c, &r, NULL, &d->address[i]);
        dpara p = para_of(VB_ROLE_DIA_CHI, i == 0 ? st->address_rule_gap - st->rule_width / 2 : 0, 0);
        write_mirrored_p(c, &p, &r, c->width, NULL);
    }
}

vb_err vb_docx_part_footer(vb_docx_xml *x, const vb_doc *doc, const vb_style *st, const vb_fontset *fs, int address)
{
    dctx c;
    vb_err err = dctx_init(&c, x, doc, st, fs, NULL);
    if (!err) {
        vb_docx_xml_start(x, "w:ftr");
        vb_docx_xml_attr(x, "xmlns:w", VB_NS_W);
        vb_docx_xml_attr(x, "xmlns:r", VB_NS_R);
        if (address) {
            write_w_ftr_body(&c);
        } else {
            dpara e = empty_para(0);
            write_w_p(&c, &e, NULL);
        }
        vb_docx_xml_end(x);
    }
    if (c.nomem)
        err = VB_ERR_NOMEM;
    dctx_free(&c);
    return err;
}

/* ---- the package ------------------------------------------------------------------- */

/* Largest picture file accepted; signatures and seals are a few kilobytes. */
#define MAX_IMAGE_BYTES (64u << 20)

/* Checks a signer's pictures as the layout does (layout.c's image_size():
 * the same messages at the same places), and adds each file once to the
 * media, read and decoded (so that a damaged file is refused here, as the
 * PDF writer refuses it, and never reaches Word). Sets *bad_input when a
 * picture is missing or too large. */
static vb_err add_signer_media(const vb_signature *sg, size_t max_pixels, vb_docx_media *m, size_t *cap,
                               int *bad_input, vb_diag *diag)
{
    if (!sg)
        return VB_OK;
    const char *paths[2] = {sg->signature_image, sg->seal_image};
    const vb_srcpos pos[2] = {sg->signature_pos, sg->seal_pos};
    for (int k = 0; k < 2; k++) {
        const char *path = paths[k];
        if (!path)
            continue;
        uint32_t w = 0, h = 0;
        const char *why_size = vb_png_size(path, &w, &h);
        if (why_size) {
            vb_diag_emit(diag, pos[k], VB_ERROR, "image '%s': %s", path, why_size);
            *bad_input = 1;
            continue;
        }
        if ((double)w * h > (double)max_pixels) {
            vb_diag_emit(diag, pos[k], VB_ERROR, "image '%s' is %u x %u pixels; the limit is %zu (--max-image-pixels)",
                         path, w, h, max_pixels);
            *bad_input = 1;
            continue;
        }
        int seen = 0;
        for (size_t i = 0; !seen && i < m->n; i++)
            seen = !strcmp(m->v[i].path, path);
        if (seen || *bad_input)
            continue;
        if (m->n == *cap) {
            size_t ncap = *cap ? *cap * 2 : 4;
            vb_docx_image *v = realloc(m->v, ncap * sizeof *v);
            if (!v)
                return VB_ERR_NOMEM;
            m->v = v;
            *cap = ncap;
        }
        vb_docx_image *im = &m->v[m->n++];
        memset(im, 0, sizeof *im);
        im->path = path;
        char why[256];
        FILE *f = fopen(path, "rb");
        if (!f) {
            snprintf(why, sizeof why, "%s", strerror(errno));
            goto bad;
        }
        char tmp[16384];
        size_t n;
        while ((n = fread(tmp, 1, sizeof tmp, f)) > 0 && im->data.len <= MAX_IMAGE_BYTES)
            vb_buf_append(&im->data, tmp, n);
        int ok = !ferror(f) && !im->data.failed;
        fclose(f);
        if (im->data.failed)
            return VB_ERR_NOMEM;
        if (!ok || im->data.len > MAX_IMAGE_BYTES) {
            snprintf(why, sizeof why, "%s", ok ? "the file is too large" : "read error");
            goto bad;
        }
        vb_png_image pic = {0};
        if (!vb_png_decode(im->data.data, im->data.len, max_pixels, &pic, why, sizeof why))
            goto bad;
        im->w = pic.w;
        im->h = pic.h;
        vb_png_image_free(&pic);
        continue;
    bad:
        vb_diag_emit(diag, (vb_srcpos){0}, VB_ERROR, "cannot read image: %s: %s", path, why);
        return VB_ERR_IMAGE;
    }
    return VB_OK;
}

/* The pictures of every signer, in the order the layout meets them: the
 * document's signers, a copy's, the appendices'. */
static vb_err collect_media(const vb_doc *doc, size_t max_pixels, vb_docx_media *m, vb_diag *diag)
{
    size_t cap = 0;
    int bad = 0;
    vb_err err = VB_OK;
    for (size_t i = 0; !err && i < doc->n_signatures && i < 2; i++)
        err = add_signer_media(&doc->signatures[i], max_pixels, m, &cap, &bad, diag);
    if (!err && doc->copy)
        err = add_signer_media(&doc->copy->signature, max_pixels, m, &cap, &bad, diag);
    for (size_t i = 0; !err && i < doc->n_annexes; i++)
        err = add_signer_media(doc->annexes[i].signature, max_pixels, m, &cap, &bad, diag);
    return err ? err : bad ? VB_ERR_INPUT : VB_OK;
}

static void media_free(vb_docx_media *m)
{
    for (size_t i = 0; i < m->n; i++)
        vb_buf_free(&m->v[i].data);
    free(m->v);
}

/* The parts in the order they are stored. */
typedef enum part {
    P_CONTENT_TYPES,
    P_PACKAGE_RELS,
    P_DOCUMENT,
    P_DOCUMENT_RELS,
    P_STYLES,
    P_SETTINGS,
    P_FONT_TABLE,
    P_HEADER,
    P_HEADER_FIRST,
    P_HEADER_EMPTY, /* only with the stamps of ô 11, 14: an appendix's first page */
    P_FOOTER,       /* only with an address footer (ô 13) */
    P_FOOTER_EMPTY, /* only with an address footer */
    P_MEDIA,        /* the pictures, word/media/image<n>.png */
    P_CORE,
    P_APP,
    P_COUNT
} part;

static const char *const part_names[P_COUNT] = {
    [P_CONTENT_TYPES] = "[Content_Types].xml",
    [P_PACKAGE_RELS] = "_rels/.rels",
    [P_DOCUMENT] = "word/document.xml",
    [P_DOCUMENT_RELS] = "word/_rels/document.xml.rels",
    [P_STYLES] = "word/styles.xml",
    [P_SETTINGS] = "word/settings.xml",
    [P_FONT_TABLE] = "word/fontTable.xml",
    [P_HEADER] = "word/header1.xml",
    [P_HEADER_FIRST] = "word/header2.xml",
    [P_HEADER_EMPTY] = "word/header3.xml",
    [P_FOOTER] = "word/footer1.xml",
    [P_FOOTER_EMPTY] = "word/footer2.xml",
    [P_MEDIA] = "word/media/",
    [P_CORE] = "docProps/core.xml",
    [P_APP] = "docProps/app.xml",
};

vb_err vb_docx_write(const vb_doc *doc, const vb_style *st, const vb_fontset *fs, const vb_props *info,
                     vb_buf *out, vb_diag *diag)
{
    vb_zipw *z = NULL;
    vb_docx_xml x;
    memset(&x, 0, sizeof x);
    vb_docx_media media = {0};
    int footer = doc->n_address > 0, stamps = vb_docx_has_stamps(doc) && doc->n_annexes > 0;
    size_t max_pixels = info && info->max_image_pixels ? info->max_image_pixels
                                                       : ((vb_limits)VB_LIMITS_DEFAULT).max_image_pixels;
    vb_err err = collect_media(doc, max_pixels, &media, diag);
    if (!err)
        err = vb_zipw_new(&z, DEFLATE_LEVEL, diag);
    for (int i = 0; !err && i < P_COUNT; i++) {
        if (((i == P_FOOTER || i == P_FOOTER_EMPTY) && !footer) || (i == P_HEADER_EMPTY && !stamps))
            continue;
        if (i == P_MEDIA) {
            for (size_t k = 0; !err && k < media.n; k++) {
                char name[48];
                snprintf(name, sizeof name, "word/media/image%zu.png", k + 1);
                err = vb_zipw_add_stored(z, name, media.v[k].data.data, media.v[k].data.len, diag);
            }
            continue;
        }
        err = vb_docx_xml_open(&x, part_names[i]);
        if (err)
            break;
        switch ((part)i) {
        case P_CONTENT_TYPES: vb_docx_part_content_types(&x, stamps, footer, media.n > 0); break;
        case P_PACKAGE_RELS: vb_docx_part_package_rels(&x); break;
        case P_DOCUMENT: err = vb_docx_part_document(&x, doc, st, fs, &media); break;
        case P_DOCUMENT_RELS: vb_docx_part_document_rels(&x, stamps, footer, media.n); break;
        case P_STYLES: vb_docx_part_styles(&x, st, fs); break;
        case P_SETTINGS: vb_docx_part_settings(&x, st); break;
        case P_FONT_TABLE: vb_docx_part_font_table(&x, st); break;
        case P_HEADER: vb_docx_part_header(&x); break;
        case P_HEADER_FIRST: err = vb_docx_part_first_header(&x, doc, st, fs, 1); break;
        case P_HEADER_EMPTY: err = vb_docx_part_first_header(&x, doc, st, fs, 0); break;
        case P_FOOTER: err = vb_docx_part_footer(&x, doc, st, fs, 1); break;
        case P_FOOTER_EMPTY: err = vb_docx_part_footer(&x, doc, st, fs, 0); break;
        case P_MEDIA: break;
        case P_CORE: vb_docx_part_core(&x, info); break;
        case P_APP: vb_docx_part_app(&x, info); break;
        case P_COUNT: break;
        }
        if (err == VB_ERR_NOMEM)
            vb_diag_emit(diag, (vb_srcpos){0}, VB_ERROR, "writing %s: out of memory", part_names[i]);
        if (!err)
            err = vb_docx_xml_close_into(&x, z, diag);
        vb_docx_xml_free(&x);
    }
    if (!err)
        err = vb_zipw_finish(z, out, diag);
    vb_docx_xml_free(&x);
    vb_zipw_free(z);
    media_free(&media);
    return err;
}

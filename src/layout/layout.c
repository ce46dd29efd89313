/* layout.c - from the model to pages.
 *
 * Every number comes from the vb_style (layouts/<name>.xml). The document is
 * one or more flows, each starting on a new page:
 *   - the main flow: page 1's header block (ô 1–5, 9a, 10, 11, 14), the
 *     body blocks (blocks.h) broken into lines (shape.h) and tables broken
 *     into row groups, the signature block {ô 9b | ô 7, 8} as one
 *     unbreakable unit, then a copy's block (Mẫu 3.1) if there is one;
 *   - one flow per appendix or attached text, with its own page numbers.
 * Everything to place becomes a slot (a line, or a unit such as a table row
 * group); pagination fills pages with slots, keeping at least `orphans` and
 * `widows` lines of a paragraph together, headings with what follows, a
 * table's header rows on every page it crosses, and the signature block
 * with the last lines of the body. Page numbers come last, centred in the
 * top margin from the second page of each flow. */
#include "layout.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "blocks.h"
#include "derive.h"
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
} lctx;

/* ---- growing lists in the arena ----------------------------------------------- */

static int grow(lctx *c, void **v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 1;
    size_t ncap = *cap ? *cap * 2 : 16;
    void *nv = vb_arena_grow(c->a, *v, n, ncap, size);
    if (!nv) {
        c->failed = 1;
        return 0;
    }
    *v = nv;
    *cap = ncap;
    return 1;
}

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

static vb_item *comp_item(lctx *c, composite *k)
{
    if (!grow(c, (void **)&k->items, &k->cap, k->n, sizeof *k->items))
        return NULL;
    vb_item *it = &k->items[k->n++];
    memset(it, 0, sizeof *it);
    it->role = -1;
    return it;
}

static void comp_box(lctx *c, composite *k, const char *name, double x, double y, double w, double h, double base)
{
    if (!grow(c, (void **)&k->box, &k->cap_box, k->n_box, sizeof *k->box))
        return;
    k->box[k->n_box++] = (cbox){name, x, y, w, h, base, NULL};
}

static vb_page *page_get(lctx *c, size_t i)
{
    vb_pages *P = c->pages;
    while (P->n_pages <= i) {
        if (!grow(c, (void **)&P->pages, &P->cap_pages, P->n_pages, sizeof *P->pages))
            return NULL;
        vb_page *pg = &P->pages[P->n_pages++];
        memset(pg, 0, sizeof *pg);
        pg->width = (float)c->portrait.page_w;
        pg->height = (float)c->portrait.page_h;
    }
    return &P->pages[i];
}

static vb_item *page_item(lctx *c, size_t page)
{
    vb_page *pg = page_get(c, page);
    if (!pg || !grow(c, (void **)&pg->items, &pg->cap_items, pg->n_items, sizeof *pg->items))
        return NULL;
    vb_item *it = &pg->items[pg->n_items++];
    memset(it, 0, sizeof *it);
    return it;
}

static void page_box(lctx *c, const char *name, int page, double x, double y, double w, double h, double base)
{
    vb_pages *P = c->pages;
    if (!grow(c, (void **)&P->boxes, &P->cap_boxes, P->n_boxes, sizeof *P->boxes))
        return;
    P->boxes[P->n_boxes++] = (vb_box){name, page, (float)x, (float)y, (float)w, (float)h, (float)base, NULL};
}

/* Copies a unit onto a page with its origin at (dx, dy). */
static void comp_place(lctx *c, const composite *k, int page, double dx, double dy)
{
    for (size_t i = 0; i < k->n; i++) {
        vb_item *it = page_item(c, (size_t)page);
        if (!it)
            return;
        *it = k->items[i];
        switch (it->kind) {
        case VB_ITEM_TEXT:
            it->u.text.x += (float)dx;
            it->u.text.y += (float)dy;
            break;
        case VB_ITEM_RULE:
            it->u.rule.x1 += (float)dx;
            it->u.rule.x2 += (float)dx;
            it->u.rule.y1 += (float)dy;
            it->u.rule.y2 += (float)dy;
            break;
        case VB_ITEM_FRAME:
            it->u.frame.x += (float)dx;
            it->u.frame.y += (float)dy;
            break;
        case VB_ITEM_IMAGE:
            it->u.image.x += (float)dx;
            it->u.image.y += (float)dy;
            break;
        }
    }
    for (size_t i = 0; i < k->n_box; i++) {
        const cbox *b = &k->box[i];
        size_t before = c->pages->n_boxes;
        page_box(c, b->name, page, b->x + dx, b->y + dy, b->w, b->h, b->base + dy);
        if (c->pages->n_boxes > before)
            c->pages->boxes[before].field = b->field;
    }
}

/* ---- text --------------------------------------------------------------------- */

static const vb_role_style *rs(const lctx *c, vb_role r)
{
    return &c->st->role[r];
}

static const vb_face *style_face(const lctx *c, const vb_role_style *r)
{
    return vb_role_face(c->fs, r);
}

/* Distance from one baseline to the next. */
static double pitch_of(const lctx *c, const vb_role_style *r)
{
    return vb_role_pitch(c->fs, r);
}

/* From the top of a line box to its baseline: the extra room of the line
 * gap and of spacing above single goes above the letters. */
static double base_of(const lctx *c, const vb_role_style *r)
{
    return pitch_of(c, r) - vb_face_descent(style_face(c, r), r->size);
}

typedef struct pieces {
    vb_piece *v;
    size_t n, cap;
} pieces;

static void piece_add(lctx *c, pieces *p, vb_piece pc)
{
    if (grow(c, (void **)&p->v, &p->cap, p->n, sizeof *p->v))
        p->v[p->n++] = pc;
}

static void pieces_cat(lctx *c, pieces *p, const pieces *q)
{
    for (size_t i = 0; i < q->n; i++)
        piece_add(c, p, q->v[i]);
}

/* The pieces of a block: label, one space, then the styled spans. */
static pieces make_pieces(lctx *c, const vb_role_style *r, uint32_t color, const char *label, const vb_inline *text)
{
    pieces p = {0};
    vb_face_id plain = vb_face_for(r->bold, r->italic);
    int has_text = text && !vb_inline_empty(text);
    if (label && label[0]) {
        piece_add(c, &p, (vb_piece){label, strlen(label), plain, r->size, color, 0, 0});
        if (has_text)
            piece_add(c, &p, (vb_piece){" ", 1, plain, r->size, color, 0, 0});
    }
    for (size_t i = 0; text && i < text->n; i++) {
        const vb_span *s = &text->v[i];
        if (s->flags & VB_SPAN_BREAK) {
            piece_add(c, &p, (vb_piece){"", 0, plain, r->size, color, 0, 1});
            continue;
        }
        if (!s->len)
            continue;
        vb_face_id f = vb_face_for(r->bold || (s->flags & VB_SPAN_BOLD), r->italic || (s->flags & VB_SPAN_ITALIC));
        piece_add(c, &p, (vb_piece){s->text, s->len, f, r->size, color, (s->flags & VB_SPAN_UNDERLINE) != 0, 0});
    }
    return p;
}

static pieces text_pieces(lctx *c, const vb_role_style *r, uint32_t color, const char *text)
{
    pieces p = {0};
    piece_add(c, &p, (vb_piece){text ? text : "", text ? strlen(text) : 0, vb_face_for(r->bold, r->italic), r->size,
                                color, 0, 0});
    return p;
}

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
} tblock;

/* Lays pieces out in a column with the style r (of role `role`); the
 * first line starts indent_first from the column's left edge, the others
 * indent_rest. */
static int lay(lctx *c, tblock *b, vb_role role, const vb_role_style *r, pieces p, double col_x, double col_w,
               double indent_first, double indent_rest, vb_srcpos pos)
{
    memset(b, 0, sizeof *b);
    b->role = role;
    b->col_x = col_x + r->indent_left;
    b->col_w = col_w - r->indent_left - r->indent_right;
    b->pitch = pitch_of(c, r);
    b->base = base_of(c, r);
    b->space_before = r->space_before;
    b->space_after = r->space_after;
    b->keep_with_next = r->keep_with_next;
    if (c->failed)
        return 0;
    vb_para_in in = {
        .pieces = p.v,
        .n = p.n,
        .width = b->col_w,
        .indent_first = indent_first,
        .indent_rest = indent_rest,
        .align = r->align,
        .balanced = r->align == VB_ALIGN_CENTER,
    };
    b->in = in;
    b->pos = pos;
    if (!vb_para_layout(c->sh, &in, c->st, c->a, &b->para)) {
        c->failed = 1;
        return 0;
    }
    if (b->para.overfull)
        vb_diag_emit(c->diag, pos, VB_WARNING, "a word is wider than its column; it is broken between letters");
    return 1;
}

/* The common case: a role's own style and first-line indent. */
static int lay_text(lctx *c, tblock *b, vb_role role, pieces p, double col_x, double col_w, vb_srcpos pos)
{
    const vb_role_style *r = rs(c, role);
    return lay(c, b, role, r, p, col_x, col_w, r->indent_first, 0, pos);
}

static void emit_line(lctx *c, const tblock *b, size_t i, composite *k, int page, double base_y)
{
    const vb_line *ln = &b->para.lines[i];
    for (size_t r = 0; r < ln->n_runs; r++) {
        vb_item *it = k ? comp_item(c, k) : page_item(c, (size_t)page);
        if (!it)
            return;
        it->kind = VB_ITEM_TEXT;
        it->role = (int)b->role;
        it->color = ln->runs[r].color;
        it->u.text = ln->runs[r];
        it->u.text.x = (float)(b->col_x + ln->runs[r].x);
        it->u.text.y = (float)base_y;
    }
}

/* Extent of a block's ink-free text, relative to its column. */
static void block_extent(const tblock *b, double *x0, double *x1)
{
    *x0 = 1e9;
    *x1 = -1e9;
    for (size_t i = 0; i < b->para.n; i++) {
        const vb_line *ln = &b->para.lines[i];
        if (ln->x < *x0)
            *x0 = ln->x;
        if (ln->x + ln->width > *x1)
            *x1 = ln->x + ln->width;
    }
    if (!b->para.n)
        *x0 = *x1 = 0;
}

/* Places a whole block into a unit with its first line box's top at `top`,
 * records its box under `name` (NULL: none); returns the bottom of its
 * last line box. */
static double comp_text(lctx *c, composite *k, const tblock *b, double top, const char *name)
{
    if (name) {
        double x0, x1;
        block_extent(b, &x0, &x1);
        comp_box(c, k, name, b->col_x + x0, top, x1 - x0, b->para.n * b->pitch, top + b->base);
    }
    for (size_t i = 0; i < b->para.n; i++)
        emit_line(c, b, i, k, -1, top + b->base + i * b->pitch);
    return top + b->para.n * b->pitch;
}

static vb_item *rule_add(lctx *c, composite *k, double x1, double x2, double y, double width)
{
    vb_item *it = comp_item(c, k);
    if (!it)
        return NULL;
    it->kind = VB_ITEM_RULE;
    it->color = VB_BLACK;
    it->u.rule.x1 = (float)x1;
    it->u.rule.x2 = (float)x2;
    it->u.rule.y1 = it->u.rule.y2 = (float)y;
    it->u.rule.width = (float)width;
    return it;
}

static void frame_add(lctx *c, composite *k, double x, double y, double w, double h, double width, uint32_t color)
{
    vb_item *it = comp_item(c, k);
    if (!it)
        return;
    it->kind = VB_ITEM_FRAME;
    it->color = color;
    it->u.frame.x = (float)x;
    it->u.frame.y = (float)y;
    it->u.frame.w = (float)w;
    it->u.frame.h = (float)h;
    it->u.frame.width = (float)width;
}

/* A centred rule under a block: `ratio` of its widest line, centred on it,
 * rule_gap below the last baseline. Returns the rule's bottom. */
static double rule_under(lctx *c, composite *k, const char *name, const tblock *b, double last_base, double ratio)
{
    const vb_line *wide = NULL;
    for (size_t i = 0; i < b->para.n; i++)
        if (!wide || b->para.lines[i].width > wide->width)
            wide = &b->para.lines[i];
    if (!wide)
        return last_base;
    double w = wide->width * ratio;
    double mid = b->col_x + wide->x + wide->width / 2;
    double y = last_base + c->st->rule_gap;
    rule_add(c, k, mid - w / 2, mid + w / 2, y, c->st->rule_width);
    comp_box(c, k, name, mid - w / 2, y - c->st->rule_width / 2, w, c->st->rule_width, y);
    return y + c->st->rule_width / 2;
}

/* A block placed in a unit, then its rule. Returns the bottom. */
static double text_with_rule(lctx *c, composite *k, const tblock *b, double top, const char *name,
                             const char *rule_name, double ratio)
{
    double bottom = comp_text(c, k, b, top, name);
    return rule_under(c, k, rule_name, b, bottom - b->pitch + b->base, ratio);
}

/* ---- page 1: the header block ---------------------------------------------------- */

/* The agency column (ô 2): parent, agency, for a joint document the second
 * pair, and the rule. Returns the bottom. */
static double agency_column(lctx *c, composite *k, const vb_inline *parent, const vb_inline *agency,
                            const vb_inline *parent2, const vb_inline *agency2, double lx, double lw)
{
    tblock b;
    double y = 0;
    if (parent->n) {
        lay_text(c, &b, VB_ROLE_CO_QUAN_CHU_QUAN, make_pieces(c, rs(c, VB_ROLE_CO_QUAN_CHU_QUAN), VB_BLACK, NULL, parent), lx, lw, c->doc->pos);
        y = comp_text(c, k, &b, y, "co_quan_chu_quan");
    }
    lay_text(c, &b, VB_ROLE_CO_QUAN, make_pieces(c, rs(c, VB_ROLE_CO_QUAN), VB_BLACK, NULL, agency), lx, lw, c->doc->pos);
    y = comp_text(c, k, &b, y, "co_quan");
    tblock first = b; /* the rule measures the wider of the two names */
    if (agency2 && agency2->n) {
        /* a joint document: the second agency under the first, then one rule */
        if (parent2->n) {
            lay_text(c, &b, VB_ROLE_CO_QUAN_CHU_QUAN, make_pieces(c, rs(c, VB_ROLE_CO_QUAN_CHU_QUAN), VB_BLACK, NULL, parent2), lx, lw, c->doc->pos);
            y = comp_text(c, k, &b, y, "co_quan_chu_quan_2");
        }
        lay_text(c, &b, VB_ROLE_CO_QUAN, make_pieces(c, rs(c, VB_ROLE_CO_QUAN), VB_BLACK, NULL, agency2), lx, lw, c->doc->pos);
        y = comp_text(c, k, &b, y, "co_quan_2");
    }
    const tblock *wide = first.para.max_width > b.para.max_width ? &first : &b;
    return rule_under(c, k, "co_quan_rule", wide, y - b.pitch + b.base, c->st->agency_rule_ratio);
}

/* ô 1: Quốc hiệu, Tiêu ngữ and its rule. Returns the bottom. */
static double national_column(lctx *c, composite *k, double rx, double rw)
{
    tblock b;
    lay_text(c, &b, VB_ROLE_QUOC_HIEU, text_pieces(c, rs(c, VB_ROLE_QUOC_HIEU), VB_BLACK, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), rx, rw, c->doc->pos);
    double y = comp_text(c, k, &b, 0, "quoc_hieu");
    /* the motto: ASCII hyphen-minus with a space each side, as the decree prints it */
    lay_text(c, &b, VB_ROLE_TIEU_NGU, text_pieces(c, rs(c, VB_ROLE_TIEU_NGU), VB_BLACK, "Độc lập - Tự do - Hạnh phúc"), rx, rw, c->doc->pos);
    return text_with_rule(c, k, &b, y, "tieu_ngu", "tieu_ngu_rule", c->st->motto_rule_ratio);
}

/* A word in a frame centred in a column (ô 10b, 11). Returns the bottom. */
static double framed(lctx *c, composite *k, vb_role role, const char *text, double fw, double cx, double top,
                     uint32_t color, const char *name)
{
    const vb_style *st = c->st;
    tblock b;
    lay(c, &b, role, rs(c, role), text_pieces(c, rs(c, role), color, text), cx - fw / 2, fw, 0, 0, c->doc->pos);
    double fh = st->stamp_h;
    frame_add(c, k, cx - fw / 2, top, fw, fh, st->frame_width, color);
    comp_box(c, k, name, cx - fw / 2, top, fw, fh, top);
    /* the text's line box centred in the frame */
    double lt = top + (fh - b.pitch) / 2;
    for (size_t i = 0; i < b.para.n && i < 1; i++)
        emit_line(c, &b, i, k, -1, lt + b.base);
    return top + fh;
}

/* Page 1's header; with full == 0 only rows {ô 2 | ô 1} (an attached
 * text's first page). Origin: the top margin's lower edge, the page's left
 * edge. */
static void header_block(lctx *c, composite *k, int full)
{
    const vb_doc *d = c->doc;
    const vb_style *st = c->st;
    const area *ar = &c->portrait;
    double lx = ar->left - st->header_shift, lw = st->header_left_w;
    double rx = lx + lw, rw = st->header_right_w;
    vb_form form = d->type ? d->type->form : VB_FORM_TYPED;
    tblock b;

    if (full) {
        /* ô 11 circulation notes and ô 14 the e-copy stamp, in the top margin */
        double fy = -st->stamp_h - st->stamp_gap / 2;
        double cx = ar->left + ar->width * st->circulation_center;
        for (size_t i = 0; i < d->n_circulation; i++) {
            size_t len = 0;
            char *t = vb_inline_plain(c->a, &d->circulation[i], " ", &len);
            const vb_role_style *r = rs(c, VB_ROLE_CHI_DAN);
            double w = vb_shape_width(c->sh, vb_face_for(r->bold, r->italic), r->size, t, len) + 2 * st->stamp_pad;
            framed(c, k, VB_ROLE_CHI_DAN, t, w, cx, fy - (double)(d->n_circulation - 1 - i) * (st->stamp_h + st->stamp_gap / 2), VB_BLACK, "chi_dan");
        }
        if (d->ecopy.n) {
            /* the decree's sample box reaches from the text's right part into
             * the right margin. With a circulation note too, the box goes up
             * to the paper's top part and the note stays just above the
             * Quốc hiệu. */
            double bx = ar->page_w - st->ecopy_right - st->ecopy_w;
            double by = d->n_circulation ? -ar->top + st->ecopy_top : -st->ecopy_h - st->stamp_gap / 2;
            tblock e;
            lay_text(c, &e, VB_ROLE_CHU_KY_SO, make_pieces(c, rs(c, VB_ROLE_CHU_KY_SO), VB_BLACK, NULL, &d->ecopy), bx + 2, st->ecopy_w - 4, d->pos);
            double h = e.para.n * e.pitch;
            comp_text(c, k, &e, by + (st->ecopy_h - h) / 2, "chu_ky_so");
            frame_add(c, k, bx, by, st->ecopy_w, st->ecopy_h, st->rule_width, VB_BLACK);
        }
    }

    double lbottom = agency_column(c, k, &d->parent_agency, &d->agency, &d->joint_parent_agency, &d->joint_agency, lx, lw);
    double rbottom = national_column(c, k, rx, rw);
    double y = lbottom > rbottom ? lbottom : rbottom;
    if (!full) {
        k->height = y;
        return;
    }

    /* row 2: ô 3 and ô 4 on one baseline */
    double row = y + st->header_rows_gap;
    tblock so, date;
    lay_text(c, &so, VB_ROLE_SO_KY_HIEU, text_pieces(c, rs(c, VB_ROLE_SO_KY_HIEU), VB_BLACK, vb_number_line(c->a, d)), lx, lw, d->number_pos);
    lay_text(c, &date, VB_ROLE_DIA_DANH_NGAY, text_pieces(c, rs(c, VB_ROLE_DIA_DANH_NGAY), VB_BLACK, vb_place_date_line(c->a, d)), rx, rw, d->date_pos);
    double base = row + (so.base > date.base ? so.base : date.base);
    double ly = comp_text(c, k, &so, base - so.base, "so_ky_hieu");
    double ry = comp_text(c, k, &date, base - date.base, "dia_danh_ngay");

    /* ô 5b: V/v under the number (công văn) */
    if (form == VB_FORM_OFFICIAL_LETTER && d->summary.n) {
        lay_text(c, &b, VB_ROLE_VV, make_pieces(c, rs(c, VB_ROLE_VV), VB_BLACK, "V/v", &d->summary), lx, lw, d->pos);
        ly = comp_text(c, k, &b, ly + st->vv_gap, "vv");
    }
    /* ô 10a, 10b: secrecy and urgency under it */
    double cx = lx + lw / 2;
    if (d->secrecy) {
        lay_text(c, &b, VB_ROLE_DO_MAT, text_pieces(c, rs(c, VB_ROLE_DO_MAT), VB_BLACK, vb_secrecy_name(d->secrecy)), lx, lw, d->pos);
        ly = comp_text(c, k, &b, ly + st->stamp_gap, "do_mat");
    }
    if (d->urgency)
        ly = framed(c, k, VB_ROLE_DO_KHAN, vb_urgency_name(d->urgency), st->urgent_w[d->urgency], cx, ly + st->stamp_gap,
                    st->urgent_color, "do_khan");
    y = ly > ry ? ly : ry;

    /* ô 5a: type name, trích yếu and its rule, centred on the text width */
    if (d->type && d->type->name) {
        y += st->title_gap;
        lay_text(c, &b, VB_ROLE_TEN_LOAI, text_pieces(c, rs(c, VB_ROLE_TEN_LOAI), VB_BLACK, d->type->name), ar->left, ar->width, d->pos);
        if (d->summary.n) {
            y = comp_text(c, k, &b, y + b.space_before, "ten_loai");
            lay_text(c, &b, VB_ROLE_TRICH_YEU, make_pieces(c, rs(c, VB_ROLE_TRICH_YEU), VB_BLACK, NULL, &d->summary), ar->left, ar->width, d->pos);
            y = text_with_rule(c, k, &b, y + b.space_before, "trich_yeu", "trich_yeu_rule", st->summary_rule_ratio);
        } else {
            /* a giấy giới thiệu or giấy nghỉ phép has no trích yếu: the short
             * rule goes under the type name (as in Mẫu 1.8 and 1.10) */
            y = text_with_rule(c, k, &b, y + b.space_before, "ten_loai", "ten_loai_rule", st->summary_rule_ratio);
        }
        y += st->after_title_gap;
    } else {
        y += st->after_title_gap;
    }

    /* ô 9a: Kính gửi (a công điện lists its recipients in the body instead) */
    if (d->n_to && form != VB_FORM_TELEGRAM) {
        const vb_role_style *r = rs(c, VB_ROLE_KINH_GUI);
        vb_face_id f = vb_face_for(r->bold, r->italic);
        double kx = ar->left + st->kinh_gui_indent, kw = ar->width - st->kinh_gui_indent;
        double label_w = vb_shape_width(c->sh, f, r->size, "Kính gửi: ", strlen("Kính gửi: "));
        double colon_x = vb_shape_width(c->sh, f, r->size, "Kính gửi", strlen("Kính gửi"));
        double dash_w = vb_shape_width(c->sh, f, r->size, "- ", 2);
        y += r->space_before;
        if (d->n_to == 1) {
            /* one recipient on the label's line; a wrapped line starts under the name */
            pieces p = text_pieces(c, r, VB_BLACK, "Kính gửi: ");
            pieces q = make_pieces(c, r, VB_BLACK, NULL, &d->to[0]);
            pieces_cat(c, &p, &q);
            lay(c, &b, VB_ROLE_KINH_GUI, r, p, kx, kw, 0, label_w, d->pos);
            y = comp_text(c, k, &b, y, "kinh_gui");
        } else {
            lay_text(c, &b, VB_ROLE_KINH_GUI, text_pieces(c, r, VB_BLACK, "Kính gửi:"), kx, kw, d->pos);
            y = comp_text(c, k, &b, y, "kinh_gui");
            /* one a line, "- " … ";" and the last "."; the dashes under the colon */
            for (size_t i = 0; i < d->n_to; i++) {
                pieces p = text_pieces(c, r, VB_BLACK, "- ");
                pieces q = make_pieces(c, r, VB_BLACK, NULL, &d->to[i]);
                pieces_cat(c, &p, &q);
                piece_add(c, &p, (vb_piece){i + 1 < d->n_to ? ";" : ".", 1, f, r->size, VB_BLACK, 0, 0});
                lay(c, &b, VB_ROLE_KINH_GUI, r, p, kx + colon_x, kw - colon_x, 0, dash_w, d->pos);
                y = comp_text(c, k, &b, y, NULL);
            }
        }
        y += r->space_after;
    }
    k->height = y;
}

/* ---- signature block ------------------------------------------------------------ */

/* Checks an image the input names; returns 0 (and reports) when unusable. */
static int image_size(lctx *c, const char *path, vb_srcpos pos, double *aspect)
{
    if (vb_png_check(path, pos, c->lim->max_image_pixels, c->diag, aspect))
        return 1;
    c->bad_input = 1;
    return 0;
}

static void image_add(lctx *c, composite *k, const char *path, double x, double y, double w, double h,
                      const char *name)
{
    vb_item *it = comp_item(c, k);
    if (!it)
        return;
    it->kind = VB_ITEM_IMAGE;
    it->u.image.x = (float)x;
    it->u.image.y = (float)y;
    it->u.image.w = (float)w;
    it->u.image.h = (float)h;
    it->u.image.path = path;
    comp_box(c, k, name, x, y, w, h, y + h);
}

/* ---- signature fields (page.h): where a signing application signs -------- */

/* A field box inside the room [gx, gx + gw] x [gy, gy + gh]: the place
 * given, moved and cut so that it stays in the room. */
static void field_box(lctx *c, composite *k, const char *name, const char *field, double x, double y, double w,
                      double h, double gx, double gy, double gw, double gh)
{
    if (w > gw)
        w = gw;
    if (h > gh)
        h = gh;
    if (x < gx)
        x = gx;
    if (x + w > gx + gw)
        x = gx + gw - w;
    if (y < gy)
        y = gy;
    if (y + h > gy + gh)
        y = gy + gh - h;
    size_t before = k->n_box;
    comp_box(c, k, name, x, y, w, h, y);
    if (k->n_box > before)
        k->box[before].field = field;
}

/* The fields' names, from the input: the signer's is the title, the last
 * line of ô 7a without its prefix ("PHÓ CHỦ TỊCH"); the agency's is "DẤU "
 * and the collective of a TM line ("DẤU ỦY BAN NHÂN DÂN"), or else the
 * first line, which names the head of the agency ("DẤU GIÁM ĐỐC SỞ TÀI
 * CHÍNH" for "KT. GIÁM ĐỐC SỞ TÀI CHÍNH"). */
static const char *field_name(lctx *c, const vb_signature *sg, int agency)
{
    const vb_inline *title = sg->n_lines ? &sg->lines[agency ? 0 : sg->n_lines - 1].text : NULL;
    if (agency)
        for (size_t i = 0; i < sg->n_lines; i++)
            if (sg->lines[i].kind == VB_AUTH_TM) {
                title = &sg->lines[i].text;
                break;
            }
    size_t len = 0;
    const char *t = title ? vb_inline_plain(c->a, title, " ", &len) : NULL;
    if (!t || !len)
        t = agency ? "CƠ QUAN" : "NGƯỜI KÝ";
    if (!agency)
        return t;
    size_t n = strlen(t);
    char *s = vb_arena_alloc(c->a, n + sizeof "DẤU ");
    if (!s) {
        c->failed = 1;
        return t;
    }
    memcpy(s, "DẤU ", sizeof "DẤU " - 1);
    memcpy(s + sizeof "DẤU " - 1, t, n + 1);
    return s;
}

/* One signer's stack in a column: ô 7a lines, the room for signature and
 * seal (with their images when given), ô 7b. Returns the bottom; sets the
 * first line's baseline. */
static double signer(lctx *c, composite *k, const vb_signature *sg, double x, double w, double top, double titles_h,
                     double *first_base)
{
    const vb_style *st = c->st;
    tblock b;
    double y = top;
    *first_base = -1;
    for (size_t i = 0; i < sg->n_lines; i++) {
        const vb_auth_line *al = &sg->lines[i];
        const char *prefix = vb_authority_prefix(al->kind);
        lay_text(c, &b, VB_ROLE_THAM_QUYEN, make_pieces(c, rs(c, VB_ROLE_THAM_QUYEN), VB_BLACK, prefix[0] ? prefix : NULL, &al->text), x, w, al->pos);
        if (*first_base < 0)
            *first_base = y + b.base;
        y = comp_text(c, k, &b, y, i == 0 ? "tham_quyen" : NULL);
    }
    if (*first_base < 0)
        *first_base = y + b.base;
    if (y < top + titles_h)
        y = top + titles_h; /* side by side, the names stand on one line */
    double gap = st->sign_space;
    /* a seal is printed at its real size: the room grows to hold it (a seal
     * image, or the agency's digital signature, whose image is the seal) */
    double dia = sg->seal_diameter > 0 ? sg->seal_diameter : st->seal_diameter;
    if (sg->sealed && dia > gap)
        gap = dia;
    comp_box(c, k, "chu_ky_gap", x, y, w, gap, y);
    /* ô 7c: the signature image, centred between the title and the name;
     * ô 8: the seal, real size, over the signature's left third */
    double mid_x = x + w / 2, mid_y = y + gap / 2;
    double sw = sg->signature_width > 0 ? sg->signature_width : st->sign_image_w, sh = 0, aspect;
    double sig_left = mid_x - sw / 2;
    if (sg->signature_image && image_size(c, sg->signature_image, sg->signature_pos, &aspect)) {
        sh = sw * aspect;
        if (sh > gap) { /* keep it inside the room left for it */
            sh = gap;
            sw = sh / aspect;
            sig_left = mid_x - sw / 2;
        }
        image_add(c, k, sg->signature_image, sig_left, mid_y - sh / 2, sw, sh, "anh_chu_ky");
    }
    if (sg->seal_image && image_size(c, sg->seal_image, sg->seal_pos, &aspect)) {
        double right = sig_left + sw * st->seal_overlap;
        image_add(c, k, sg->seal_image, right - dia, mid_y - dia * aspect / 2, dia, dia * aspect, "anh_dau");
    }
    /* the signature fields: the signer's over the signature's place (the
     * image's, or one of the layout's width, across the room), the agency's
     * over the seal's (ô 8: real size, over the signature's left third) */
    field_box(c, k, "ky_so_nguoi_ky", field_name(c, sg, 0), sig_left, y, sw, gap, x, y, w, gap);
    if (sg->sealed) {
        double right = sig_left + sw * st->seal_overlap;
        field_box(c, k, "ky_so_co_quan", field_name(c, sg, 1), right - dia, mid_y - dia / 2, dia, dia, x, y, w, gap);
    }
    y += gap;
    lay_text(c, &b, VB_ROLE_HO_TEN, make_pieces(c, rs(c, VB_ROLE_HO_TEN), VB_BLACK, NULL, &sg->name), x, w, sg->pos);
    return comp_text(c, k, &b, y, "ho_ten");
}

/* The Nơi nhận column (ô 9b, 12) from `top`. Returns the bottom. */
static double recipients(lctx *c, composite *k, const vb_inline *rec, size_t n, const vb_archive *ar, double x,
                         double w, double top)
{
    tblock b;
    lay_text(c, &b, VB_ROLE_NOI_NHAN, text_pieces(c, rs(c, VB_ROLE_NOI_NHAN), VB_BLACK, "Nơi nhận:"), x, w, c->doc->pos);
    double y = comp_text(c, k, &b, top, "noi_nhan");
    const vb_role_style *r = rs(c, VB_ROLE_NOI_NHAN_DS);
    vb_face_id f = vb_face_for(r->bold, r->italic);
    double dash_w = vb_shape_width(c->sh, f, r->size, "- ", 2);
    for (size_t i = 0; i <= n; i++) {
        pieces p;
        if (i < n) {
            p = text_pieces(c, r, VB_BLACK, "- ");
            pieces q = make_pieces(c, r, VB_BLACK, NULL, &rec[i]);
            pieces_cat(c, &p, &q);
            piece_add(c, &p, (vb_piece){";", 1, f, r->size, VB_BLACK, 0, 0});
        } else if (ar && ar->present) {
            p = text_pieces(c, r, VB_BLACK, vb_archive_line(c->a, ar));
        } else {
            break;
        }
        /* a recipient that wraps continues under its first word */
        lay(c, &b, VB_ROLE_NOI_NHAN_DS, r, p, x, w, 0, dash_w, c->doc->pos);
        y = comp_text(c, k, &b, y, i == n ? "luu" : NULL);
    }
    return y;
}

/* {Nơi nhận | signature}: the label “Nơi nhận:” sits on the baseline of the
 * first authority line (spec §2.9). Two signers (a biên bản, a joint
 * document) stand side by side, and Nơi nhận goes under the left one. */
static void signature_block(lctx *c, composite *k, const vb_signature *sigs, size_t n_sigs, const vb_inline *rec,
                            size_t n_rec, const vb_archive *ar, int with_recipients, const area *A)
{
    const vb_style *st = c->st;
    double lx = A->left;
    memset(k, 0, sizeof *k);
    double rbottom = 0, fb = 0, lbottom = 0;
    if (n_sigs >= 2) {
        double half = A->width / 2;
        double th = 0;
        for (int i = 0; i < 2; i++) { /* the taller stack of titles */
            double h = 0;
            for (size_t l = 0; l < sigs[i].n_lines; l++) {
                tblock b;
                const char *prefix = vb_authority_prefix(sigs[i].lines[l].kind);
                lay_text(c, &b, VB_ROLE_THAM_QUYEN, make_pieces(c, rs(c, VB_ROLE_THAM_QUYEN), VB_BLACK, prefix[0] ? prefix : NULL, &sigs[i].lines[l].text), lx, half, sigs[i].lines[l].pos);
                h += b.para.n * b.pitch;
            }
            if (h > th)
                th = h;
        }
        double b1 = signer(c, k, &sigs[0], lx, half, 0, th, &fb);
        double b2 = signer(c, k, &sigs[1], lx + half, half, 0, th, &fb);
        rbottom = b1 > b2 ? b1 : b2;
        if (with_recipients)
            lbottom = recipients(c, k, rec, n_rec, ar, lx, st->sign_left_w, rbottom + st->sign_gap_before);
    } else {
        if (n_sigs == 1)
            rbottom = signer(c, k, &sigs[0], lx + st->sign_left_w, st->sign_right_w, 0, 0, &fb);
        if (with_recipients) {
            const vb_role_style *r = rs(c, VB_ROLE_NOI_NHAN);
            lbottom = recipients(c, k, rec, n_rec, ar, lx, st->sign_left_w, n_sigs ? fb - base_of(c, r) : 0);
        }
    }
    k->height = rbottom > lbottom ? rbottom : lbottom;
}

/* A copy's block (Mẫu 3.1): a rule across the text, then {copying agency,
 * number | form, place and date}, then {Nơi nhận | signature}. */
static void copy_block(lctx *c, composite *k, const vb_copy *cp)
{
    const vb_style *st = c->st;
    const area *A = &c->portrait;
    memset(k, 0, sizeof *k);
    rule_add(c, k, A->left, A->left + A->width, 0, st->rule_width);
    comp_box(c, k, "ban_sao_rule", A->left, 0, A->width, st->rule_width, 0);
    double lx = A->left - st->header_shift, lw = st->header_left_w, rx = lx + lw, rw = st->header_right_w;
    composite left = {0};
    double top = st->rule_gap;
    double lb = agency_column(c, &left, &cp->parent_agency, &cp->agency, &(vb_inline){0}, NULL, lx, lw);
    /* the agency column's boxes keep their names; copy them in under the rule */
    for (size_t i = 0; i < left.n; i++) {
        vb_item *it = comp_item(c, k);
        if (!it)
            return;
        *it = left.items[i];
        if (it->kind == VB_ITEM_TEXT)
            it->u.text.y += (float)top;
        else if (it->kind == VB_ITEM_RULE)
            it->u.rule.y1 = it->u.rule.y2 = it->u.rule.y1 + (float)top;
    }
    tblock b, so, date;
    lay_text(c, &b, VB_ROLE_BAN_SAO, text_pieces(c, rs(c, VB_ROLE_BAN_SAO), VB_BLACK, vb_copy_form_name(cp->form)), rx, rw, cp->pos);
    double rb = comp_text(c, k, &b, top, "ban_sao");
    double row = (top + lb > rb ? top + lb : rb) + st->header_rows_gap;
    vb_doc tmp = *c->doc;
    tmp.number = cp->number;
    tmp.notation = cp->notation;
    tmp.place = cp->place;
    tmp.year = cp->year;
    tmp.month = cp->month;
    tmp.day = cp->day;
    lay_text(c, &so, VB_ROLE_SO_KY_HIEU, text_pieces(c, rs(c, VB_ROLE_SO_KY_HIEU), VB_BLACK, vb_number_line(c->a, &tmp)), lx, lw, cp->number_pos);
    lay_text(c, &date, VB_ROLE_DIA_DANH_NGAY, text_pieces(c, rs(c, VB_ROLE_DIA_DANH_NGAY), VB_BLACK, vb_place_date_line(c->a, &tmp)), rx, rw, cp->date_pos);
    double base = row + (so.base > date.base ? so.base : date.base);
    double b1 = comp_text(c, k, &so, base - so.base, "ban_sao_so");
    double b2 = comp_text(c, k, &date, base - date.base, "ban_sao_ngay");
    double y = (b1 > b2 ? b1 : b2) + st->sign_gap_before;
    composite sig;
    signature_block(c, &sig, &cp->signature, 1, cp->recipients, cp->n_recipients, &cp->archive, 1, A);
    for (size_t i = 0; i < sig.n; i++) {
        vb_item *it = comp_item(c, k);
        if (!it)
            return;
        *it = sig.items[i];
        switch (it->kind) {
        case VB_ITEM_TEXT: it->u.text.y += (float)y; break;
        case VB_ITEM_RULE: it->u.rule.y1 += (float)y; it->u.rule.y2 += (float)y; break;
        case VB_ITEM_FRAME: it->u.frame.y += (float)y; break;
        case VB_ITEM_IMAGE: it->u.image.y += (float)y; break;
        }
    }
    for (size_t i = 0; i < sig.n_box; i++) {
        size_t before = k->n_box;
        comp_box(c, k, sig.box[i].name, sig.box[i].x, sig.box[i].y + y, sig.box[i].w, sig.box[i].h, sig.box[i].base + y);
        if (k->n_box > before)
            k->box[before].field = sig.box[i].field;
    }
    k->height = y + sig.height;
}

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

static slot *slot_add(lctx *c, slots *S, slot_kind kind)
{
    if (!grow(c, (void **)&S->v, &S->cap, S->n, sizeof *S->v))
        return NULL;
    slot *x = &S->v[S->n++];
    memset(x, 0, sizeof *x);
    x->kind = kind;
    return x;
}

static void add_block_lines(lctx *c, slots *S, tblock *b)
{
    const vb_style *st = c->st;
    size_t L = b->para.n;
    int splittable = !b->keep_with_next && L >= (size_t)(st->orphans + st->widows);
    for (size_t k = 0; k < L; k++) {
        slot *x = slot_add(c, S, S_LINE);
        if (!x)
            return;
        x->b = b;
        x->line = (int)k;
        x->height = b->pitch;
        if (k == 0) {
            x->space_before = S->pending_space + b->space_before;
            x->break_ok = !S->keep_next;
        } else {
            x->break_ok = splittable && k >= (size_t)st->orphans && L - k >= (size_t)st->widows;
        }
    }
    S->pending_space = b->space_after;
    S->keep_next = b->keep_with_next;
}

static void add_unit(lctx *c, slots *S, const composite *k, double space_before, int break_ok)
{
    slot *x = slot_add(c, S, S_UNIT);
    if (!x)
        return;
    x->unit = k;
    x->height = k->height;
    x->space_before = S->pending_space + space_before;
    x->break_ok = break_ok && !S->keep_next;
    S->pending_space = 0;
    S->keep_next = 0;
}

static void add_break(lctx *c, slots *S, int landscape, int restart)
{
    slot *x = slot_add(c, S, S_BREAK);
    if (!x)
        return;
    x->landscape = landscape;
    x->restart = restart;
    S->pending_space = 0;
    S->keep_next = 0;
}

/* ---- tables --------------------------------------------------------------------------- */

/* Lays a table out at the given left edge and width, as row groups (rows
 * bound by a cell spanning them stay together) added as units; the header
 * rows at the top are repeated on every page the table crosses. */
static void table_slots(lctx *c, slots *S, const vb_node *node, double x0, double width)
{
    const vb_table *t = node->table;
    const vb_style *st = c->st;
    if (!t || !t->n_rows)
        return;
    vb_grid grid;
    if (!vb_table_grid(c->a, t, width, &grid, c->diag)) {
        if (grid.n_cols) /* columns, but no memory for them */
            c->failed = 1;
        return;
    }
    size_t nr = t->n_rows;
    const double *cx = grid.x;
    double *rh = vb_arena_calloc(c->a, nr, sizeof *rh);
    typedef struct pcell {
        const vb_cell *cell;
        size_t r, c0, cs, rs;
        tblock *blocks;
        size_t nb;
        double h;
        int header;
    } pcell;
    pcell *pc = vb_arena_calloc(c->a, grid.n_cells ? grid.n_cells : 1, sizeof *pc);
    if (!rh || !pc) {
        c->failed = 1;
        return;
    }
    size_t np = grid.n_cells;
    for (size_t i = 0; i < np; i++) {
        const vb_grid_cell *gc = &grid.cells[i];
        pc[i] = (pcell){gc->cell, gc->r, gc->c0, gc->cs, gc->rs, NULL, 0, 0, t->rows[gc->r].header};
    }

    /* lay each cell's paragraphs out in its width */
    for (size_t i = 0; i < np; i++) {
        pcell *p = &pc[i];
        vb_tblock *tb;
        size_t n = vb_node_blocks(c->a, p->cell->body, &tb);
        if (n == (size_t)-1) {
            c->failed = 1;
            return;
        }
        p->blocks = vb_arena_calloc(c->a, n ? n : 1, sizeof *p->blocks);
        if (!p->blocks) {
            c->failed = 1;
            return;
        }
        double inner = cx[p->c0 + p->cs] - cx[p->c0] - 2 * st->cell_pad_x;
        vb_role role = p->header ? VB_ROLE_BANG_TIEU_DE : VB_ROLE_BANG;
        vb_role_style r = *rs(c, role);
        if (t->font_size > 0)
            r.size = t->font_size;
        if (p->cell->bold)
            r.bold = 1;
        if (p->cell->align >= 0)
            r.align = (vb_align)p->cell->align;
        r.indent_first = r.indent_left = r.indent_right = 0;
        double h = 0;
        for (size_t k = 0; k < n; k++) {
            if (tb[k].node && tb[k].node->kind == VB_N_TABLE) {
                vb_diag_emit(c->diag, tb[k].pos, VB_WARNING, "a table inside a table cell is not shown");
                continue;
            }
            tblock *b = &p->blocks[p->nb++];
            lay(c, b, role, &r, make_pieces(c, &r, VB_BLACK, tb[k].label, &tb[k].text), 0, inner, 0,
                0, tb[k].pos);
            if (p->nb > 1)
                h += b->space_before > 0 ? b->space_before : 0;
            h += b->para.n * b->pitch;
        }
        p->h = h + 2 * st->cell_pad_y;
    }
    /* row heights: single-row cells first, then what spanning cells need */
    for (size_t i = 0; i < np; i++)
        if (pc[i].rs == 1 && pc[i].h > rh[pc[i].r])
            rh[pc[i].r] = pc[i].h;
    for (size_t i = 0; i < np; i++) {
        if (pc[i].rs == 1)
            continue;
        double have = 0;
        for (size_t r = pc[i].r; r < pc[i].r + pc[i].rs; r++)
            have += rh[r];
        if (pc[i].h > have)
            rh[pc[i].r + pc[i].rs - 1] += pc[i].h - have;
    }

    /* row groups: rows joined by a spanning cell */
    size_t *group_end = vb_arena_calloc(c->a, nr, sizeof *group_end);
    if (!group_end) {
        c->failed = 1;
        return;
    }
    for (size_t r = 0; r < nr; r++)
        group_end[r] = r;
    for (size_t i = 0; i < np; i++) {
        size_t last = pc[i].r + pc[i].rs - 1;
        if (last > group_end[pc[i].r])
            group_end[pc[i].r] = last;
    }
    const composite *header = NULL;
    int first_data = 1;
    double space = st->table_space;
    for (size_t r = 0; r < nr;) {
        size_t end = group_end[r];
        for (size_t q = r; q <= end; q++)
            if (group_end[q] > end)
                end = group_end[q];
        /* the header rows at the top stay one unit */
        int is_header = t->rows[r].header && r == 0;
        if (is_header)
            while (end + 1 < nr && t->rows[end + 1].header)
                end = group_end[end + 1] > end + 1 ? group_end[end + 1] : end + 1;
        composite *k = vb_arena_alloc(c->a, sizeof *k);
        if (!k) {
            c->failed = 1;
            return;
        }
        double y0 = 0, *ry = vb_arena_calloc(c->a, end - r + 2, sizeof *ry);
        if (!ry) {
            c->failed = 1;
            return;
        }
        for (size_t q = r; q <= end; q++)
            ry[q - r + 1] = ry[q - r] + rh[q];
        for (size_t i = 0; i < np; i++) {
            const pcell *p = &pc[i];
            if (p->r < r || p->r > end)
                continue;
            double x = x0 + cx[p->c0], w = cx[p->c0 + p->cs] - cx[p->c0];
            double y = y0 + ry[p->r - r], h = ry[p->r - r + p->rs] - ry[p->r - r];
            if (t->borders)
                frame_add(c, k, x, y, w, h, st->table_border, VB_BLACK);
            double content = p->h - 2 * st->cell_pad_y;
            double ty = y + st->cell_pad_y;
            if (p->cell->valign == VB_VALIGN_MIDDLE)
                ty += (h - 2 * st->cell_pad_y - content) / 2;
            else if (p->cell->valign == VB_VALIGN_BOTTOM)
                ty += h - 2 * st->cell_pad_y - content;
            for (size_t b = 0; b < p->nb; b++) {
                tblock blk = p->blocks[b];
                blk.col_x = x + st->cell_pad_x;
                if (b)
                    ty += blk.space_before > 0 ? blk.space_before : 0;
                ty = comp_text(c, k, &blk, ty, NULL);
            }
        }
        k->height = ry[end - r + 1];
        comp_box(c, k, is_header ? "bang_tieu_de" : "bang_dong", x0, 0, width, k->height, 0);
        if (is_header) {
            add_unit(c, S, k, space, 1);
            header = k;
        } else {
            add_unit(c, S, k, space, !(header && first_data));
            if (S->n)
                S->v[S->n - 1].repeat = header;
            first_data = 0;
        }
        space = 0;
        r = end + 1;
    }
    S->pending_space = st->table_space;
}

/* ---- content --------------------------------------------------------------------------- */

/* The blocks of a flow as slots, at the area's width; landscape tables in a
 * portrait flow get landscape pages of their own. */
static void content_slots(lctx *c, slots *S, const vb_tblock *tb, size_t nt, const area *A)
{
    for (size_t i = 0; i < nt; i++) {
        if (tb[i].node && tb[i].node->kind == VB_N_TABLE) {
            const vb_table *t = tb[i].node->table;
            if (t && t->landscape && !A->landscape) {
                add_break(c, S, 1, 0);
                table_slots(c, S, tb[i].node, c->landscape.left, c->landscape.width);
                add_break(c, S, 0, 0);
            } else {
                table_slots(c, S, tb[i].node, A->left, A->width);
            }
            continue;
        }
        tblock *b = vb_arena_alloc(c->a, sizeof *b);
        if (!b) {
            c->failed = 1;
            return;
        }
        lay_text(c, b, tb[i].role, make_pieces(c, rs(c, tb[i].role), VB_BLACK, tb[i].label, &tb[i].text), A->left,
                 A->width, tb[i].pos);
        b->box = vb_role_name(tb[i].role);
        add_block_lines(c, S, b);
    }
}

/* An appendix's or attached text's heading, as one unit. */
static composite *annex_heading(lctx *c, const vb_annex *an, size_t n_appendices, const area *A)
{
    const vb_style *st = c->st;
    composite *k = vb_arena_alloc(c->a, sizeof *k);
    if (!k) {
        c->failed = 1;
        return NULL;
    }
    tblock b;
    double y = 0;
    if (an->kind == VB_ANNEX_ATTACHED) {
        header_block(c, k, 0);
        y = k->height + st->title_gap;
        const char *name = an->type && an->type->name ? an->type->name : "";
        lay_text(c, &b, VB_ROLE_TEN_LOAI, text_pieces(c, rs(c, VB_ROLE_TEN_LOAI), VB_BLACK, name), A->left, A->width, an->pos);
        y = comp_text(c, k, &b, y, "ten_loai");
        if (an->title.n) {
            lay_text(c, &b, VB_ROLE_TRICH_YEU, make_pieces(c, rs(c, VB_ROLE_TRICH_YEU), VB_BLACK, NULL, &an->title), A->left, A->width, an->pos);
            y = comp_text(c, k, &b, y, "trich_yeu");
        }
    } else {
        lay_text(c, &b, VB_ROLE_PHU_LUC, text_pieces(c, rs(c, VB_ROLE_PHU_LUC), VB_BLACK, vb_annex_label(c->a, an, n_appendices)), A->left, A->width, an->pos);
        y = comp_text(c, k, &b, 0, "phu_luc");
        if (an->title.n) {
            lay_text(c, &b, VB_ROLE_PHU_LUC_TIEU_DE, make_pieces(c, rs(c, VB_ROLE_PHU_LUC_TIEU_DE), VB_BLACK, NULL, &an->title), A->left, A->width, an->pos);
            y = comp_text(c, k, &b, y, "phu_luc_tieu_de");
        }
    }
    lay_text(c, &b, VB_ROLE_KEM_THEO, text_pieces(c, rs(c, VB_ROLE_KEM_THEO), VB_BLACK, vb_annex_reference(c->a, c->doc, an)), A->left, A->width, an->pos);
    y = text_with_rule(c, k, &b, y, "kem_theo", "kem_theo_rule", st->summary_rule_ratio);
    k->height = y + st->after_title_gap;
    return k;
}

/* ---- pagination ------------------------------------------------------------------------- */

typedef struct pinfo {
    int landscape;
    int number; /* printed page number; 0: none */
} pinfo;

typedef struct repeat_at {
    const composite *unit;
    int page;
    double top;
} repeat_at;

static int paginate(lctx *c, slots *S, double first_top, double first_bottom, pinfo **out_info, repeat_at **out_rep,
                    size_t *n_rep)
{
    slot *s = S->v;
    size_t n = S->n;
    size_t cap_info = 8, n_info = 1, cap_rep = 0;
    pinfo *info = vb_arena_calloc(c->a, cap_info, sizeof *info);
    repeat_at *rep = NULL;
    *n_rep = 0;
    if (!info)
        return 0;
    info[0] = (pinfo){0, 0};
    int page = 0, number = 1;
    size_t page_first = 0;
    const area *A = &c->portrait;
    double y = first_top, bottom = first_bottom;
    int at_top = 0, empty = 1;
    for (size_t i = 0; i < n;) {
        if (s[i].kind == S_BREAK) {
            if (!empty || s[i].restart) {
                if (!empty) {
                    page++;
                    number = s[i].restart ? 1 : number + 1;
                } else if (s[i].restart) {
                    number = 1;
                }
            }
            A = s[i].landscape ? &c->landscape : &c->portrait;
            if (!grow(c, (void **)&info, &cap_info, (size_t)page, sizeof *info))
                return 0;
            if ((size_t)page >= n_info)
                n_info = (size_t)page + 1;
            info[page] = (pinfo){A->landscape, number};
            s[i].page = page;
            y = A->top;
            bottom = A->bottom;
            at_top = 1;
            empty = 1;
            page_first = i + 1;
            i++;
            continue;
        }
        double sb = at_top ? 0 : s[i].space_before;
        if (y + sb + s[i].height <= bottom + 0.01 || (empty && at_top)) {
            s[i].page = page;
            s[i].top = y + sb;
            y += sb + s[i].height;
            at_top = 0;
            empty = 0;
            i++;
            continue;
        }
        /* overflow: the latest legal break on this page */
        size_t j = i;
        while (j > page_first && !s[j].break_ok)
            j--;
        if (j == page_first)
            j = i; /* nothing legal on this page: break right here */
        page++;
        number++;
        if (page >= c->lim->max_pages) {
            vb_diag_emit(c->diag, c->doc->pos, VB_ERROR, "the document needs more than %d pages (--max-pages)", c->lim->max_pages);
            c->bad_input = 1;
            return -1;
        }
        if (!grow(c, (void **)&info, &cap_info, (size_t)page, sizeof *info))
            return 0;
        n_info = (size_t)page + 1;
        info[page] = (pinfo){A->landscape, number};
        page_first = j;
        i = j;
        y = A->top;
        bottom = A->bottom;
        at_top = 1;
        empty = 1;
        /* a table row group starting the page brings its header rows along */
        if (s[j].kind == S_UNIT && s[j].repeat) {
            if (!grow(c, (void **)&rep, &cap_rep, *n_rep, sizeof *rep))
                return 0;
            rep[(*n_rep)++] = (repeat_at){s[j].repeat, page, y};
            y += s[j].repeat->height;
            at_top = 0;
            empty = 0;
        }
    }
    for (size_t p = 0; p < n_info; p++)
        if (!page_get(c, p))
            return 0;
    *out_info = info;
    *out_rep = rep;
    return 1;
}

/* ---- the whole document -------------------------------------------------------------------- */

static area make_area(const vb_style *st, int landscape)
{
    area a;
    a.landscape = landscape;
    a.page_w = landscape ? st->page_h : st->page_w;
    a.page_h = landscape ? st->page_w : st->page_h;
    a.left = st->margin_left;
    a.width = a.page_w - st->margin_left - st->margin_right;
    a.top = st->margin_top;
    a.bottom = a.page_h - st->margin_bottom;
    return a;
}

/* ô 13 at the foot of page 1: a rule across the text, then the lines.
 * Returns its height (0 without one). */
static double address_footer(lctx *c, composite *k)
{
    const vb_doc *d = c->doc;
    const vb_style *st = c->st;
    memset(k, 0, sizeof *k);
    if (!d->n_address)
        return 0;
    const area *A = &c->portrait;
    rule_add(c, k, A->left, A->left + A->width, 0, st->rule_width);
    double y = st->address_rule_gap;
    for (size_t i = 0; i < d->n_address; i++) {
        tblock b;
        lay_text(c, &b, VB_ROLE_DIA_CHI, make_pieces(c, rs(c, VB_ROLE_DIA_CHI), VB_BLACK, NULL, &d->address[i]), A->left, A->width, d->pos);
        y = comp_text(c, k, &b, y, i == 0 ? "dia_chi" : NULL);
    }
    k->height = y;
    return y;
}

static void page_numbers(lctx *c, const pinfo *info)
{
    for (size_t p = 0; p < c->pages->n_pages; p++) {
        vb_page *pg = &c->pages->pages[p];
        const area *A = info[p].landscape ? &c->landscape : &c->portrait;
        pg->width = (float)A->page_w;
        pg->height = (float)A->page_h;
        /* the first page of each flow shows no number */
        if (info[p].number <= 1)
            continue;
        char num[24];
        snprintf(num, sizeof num, "%d", info[p].number);
        tblock b;
        lay_text(c, &b, VB_ROLE_SO_TRANG, text_pieces(c, rs(c, VB_ROLE_SO_TRANG), VB_BLACK, vb_arena_strdup(c->a, num)), A->left, A->width, c->doc->pos);
        composite k = {0};
        comp_text(c, &k, &b, c->st->header_distance, "so_trang");
        comp_place(c, &k, (int)p, 0, 0);
        pg->number = info[p].number;
    }
}

vb_err vb_layout(const vb_doc *doc, const vb_style *st, const vb_fontset *fs, const vb_limits *lim,
                 vb_arena *arena, vb_pages **out, vb_diag *diag)
{
    *out = NULL;
    lctx c = {.doc = doc, .st = st, .fs = fs, .lim = lim, .a = arena, .diag = diag};
    c.pages = vb_arena_alloc(arena, sizeof *c.pages);
    c.sh = vb_shaper_new(fs);
    if (!c.pages || !c.sh) {
        vb_shaper_free(c.sh);
        return VB_ERR_NOMEM;
    }
    c.portrait = make_area(st, 0);
    c.landscape = make_area(st, 1);
    vb_err err = VB_OK;
    slots S = {0};

    /* the main flow */
    composite *head = vb_arena_alloc(arena, sizeof *head);
    composite *sig = vb_arena_alloc(arena, sizeof *sig);
    composite *foot = vb_arena_alloc(arena, sizeof *foot);
    if (!head || !sig || !foot)
        goto nomem;
    header_block(&c, head, 1);
    add_unit(&c, &S, head, 0, 0);
    vb_tblock *tb;
    size_t nt = vb_body_blocks(arena, doc, &tb);
    if (nt == (size_t)-1)
        goto nomem;
    content_slots(&c, &S, tb, nt, &c.portrait);
    signature_block(&c, sig, doc->signatures, doc->n_signatures, doc->recipients, doc->n_recipients, &doc->archive, 1,
                    &c.portrait);
    /* the signature block is never alone on a page: the body's last
     * paragraph comes along whole (as word processors keep it, so the DOCX
     * breaks its pages where the PDF does) */
    for (size_t k = S.n; k > 0 && S.v[k - 1].kind == S_LINE && S.v[k - 1].line > 0; k--)
        S.v[k - 1].break_ok = 0;
    add_unit(&c, &S, sig, st->sign_gap_before, 0);
    if (doc->copy) {
        composite *cp = vb_arena_alloc(arena, sizeof *cp);
        if (!cp)
            goto nomem;
        copy_block(&c, cp, doc->copy);
        add_unit(&c, &S, cp, st->copy_gap, 1);
    }

    /* appendices and attached texts, each from a new page */
    size_t n_app = 0;
    for (size_t i = 0; i < doc->n_annexes; i++)
        n_app += doc->annexes[i].kind == VB_ANNEX_APPENDIX;
    for (size_t i = 0; i < doc->n_annexes; i++) {
        const vb_annex *an = &doc->annexes[i];
        const area *A = an->landscape ? &c.landscape : &c.portrait;
        add_break(&c, &S, an->landscape, 1);
        composite *h = annex_heading(&c, an, n_app, A);
        if (!h)
            goto nomem;
        add_unit(&c, &S, h, 0, 0);
        S.keep_next = 1;
        vb_tblock *ab;
        size_t na = vb_node_blocks(arena, an->body, &ab);
        if (na == (size_t)-1)
            goto nomem;
        content_slots(&c, &S, ab, na, A);
        if (an->signature) {
            composite *as = vb_arena_alloc(arena, sizeof *as);
            if (!as)
                goto nomem;
            signature_block(&c, as, an->signature, 1, NULL, 0, NULL, 0, A);
            add_unit(&c, &S, as, st->sign_gap_before, 0);
        }
    }
    if (c.failed)
        goto nomem;
    if (c.bad_input) {
        err = VB_ERR_INPUT;
        goto done;
    }

    double foot_h = address_footer(&c, foot);
    double first_bottom = c.portrait.bottom - (foot_h > 0 ? foot_h + st->address_rule_gap : 0);
    pinfo *info;
    repeat_at *rep;
    size_t n_rep;
    int r = paginate(&c, &S, c.portrait.top, first_bottom, &info, &rep, &n_rep);
    if (r < 0) {
        err = VB_ERR_LIMIT;
        goto done;
    }
    if (!r || c.failed)
        goto nomem;

    /* A paragraph that a page break splits is set again line by line, as a
     * word processor sets it, so that the DOCX shows the same words on each
     * page; it keeps its number of lines (total fit takes the fewest, which
     * is what filling line by line gives), so the pages do not move. */
    for (size_t i = 0; i + 1 < S.n; i++) {
        slot *x = &S.v[i];
        if (x->kind != S_LINE || x->line != 0 || x->b->para.n < 2)
            continue;
        size_t last = i + x->b->para.n - 1;
        if (last >= S.n || S.v[last].page == x->page)
            continue;
        tblock *b = x->b;
        vb_para_in in = b->in;
        in.first_fit = 1;
        vb_para_out again;
        if (!vb_para_layout(c.sh, &in, st, arena, &again)) {
            c.failed = 1;
            goto nomem;
        }
        if (again.n == b->para.n)
            b->para = again;
    }

    /* draw the slots where they landed */
    for (size_t i = 0; i < S.n; i++) {
        const slot *x = &S.v[i];
        if (x->kind == S_LINE) {
            const tblock *b = x->b;
            emit_line(&c, b, (size_t)x->line, NULL, x->page, x->top + b->base);
            if (x->line == 0 && b->box) {
                double x0, x1;
                block_extent(b, &x0, &x1);
                page_box(&c, b->box, x->page, b->col_x + x0, x->top, x1 - x0, b->para.n * b->pitch, x->top + b->base);
            }
        } else if (x->kind == S_UNIT) {
            comp_place(&c, x->unit, x->page, 0, x->top);
        }
    }
    for (size_t i = 0; i < n_rep; i++)
        comp_place(&c, rep[i].unit, rep[i].page, 0, rep[i].top);
    if (foot_h > 0)
        comp_place(&c, foot, 0, 0, c.portrait.bottom - foot_h);
    page_numbers(&c, info);
    if (c.failed)
        goto nomem;
    *out = c.pages;
    goto done;
nomem:
    err = VB_ERR_NOMEM;
done:
    vb_shaper_free(c.sh);
    return err;
}

/* layout.c - page 1's header, the body, the signature block, pagination.
 *
 * Every number comes from the vb_style (layouts/<name>.xml). The flow:
 *   1. the header rows {ô 2 | ô 1} and {ô 3 | ô 4}, the title (ô 5) and
 *      Kính gửi (ô 9a), placed at the top of page 1;
 *   2. the body blocks (blocks.h), each broken into lines (shape.h);
 *   3. the signature block {ô 9b | ô 7}, built as one unbreakable unit;
 *   4. pagination over the lines: widows and orphans, headings kept with
 *      what follows, the signature block kept with the body's last lines;
 *   5. page numbers from page 2, centred in the top margin. */
#include "layout.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "blocks.h"
#include "derive.h"
#include "shape.h"

typedef struct lctx {
    const vb_doc *doc;
    const vb_style *st;
    const vb_fontset *fs;
    const vb_limits *lim;
    vb_arena *a;
    vb_diag *diag;
    vb_shaper *sh;
    vb_pages *pages;
    double text_left, text_width, body_top, body_bottom;
    int failed;
} lctx;

/* A list of items with their own origin (a composite block, or page 1's
 * header before it is placed). */
typedef struct ilist {
    vb_item *v;
    size_t n, cap;
} ilist;

static vb_item *ilist_add(lctx *c, ilist *l)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        vb_item *v = vb_arena_grow(c->a, l->v, l->n, cap, sizeof *v);
        if (!v) {
            c->failed = 1;
            return NULL;
        }
        l->v = v;
        l->cap = cap;
    }
    vb_item *it = &l->v[l->n++];
    memset(it, 0, sizeof *it);
    return it;
}

static vb_page *page_get(lctx *c, size_t i)
{
    vb_pages *P = c->pages;
    while (P->n_pages <= i) {
        if (P->n_pages == P->cap_pages) {
            size_t cap = P->cap_pages ? P->cap_pages * 2 : 4;
            vb_page *v = vb_arena_grow(c->a, P->pages, P->n_pages, cap, sizeof *v);
            if (!v) {
                c->failed = 1;
                return NULL;
            }
            P->pages = v;
            P->cap_pages = cap;
        }
        vb_page *pg = &P->pages[P->n_pages++];
        memset(pg, 0, sizeof *pg);
        pg->width = (float)c->st->page_w;
        pg->height = (float)c->st->page_h;
    }
    return &P->pages[i];
}

static vb_item *page_add(lctx *c, size_t page)
{
    vb_page *pg = page_get(c, page);
    if (!pg)
        return NULL;
    ilist l = {pg->items, pg->n_items, pg->cap_items};
    vb_item *it = ilist_add(c, &l);
    pg->items = l.v;
    pg->n_items = l.n;
    pg->cap_items = l.cap;
    return it;
}

static void box_add(lctx *c, const char *name, int page, double x, double y, double w, double h, double baseline)
{
    vb_pages *P = c->pages;
    if (P->n_boxes == P->cap_boxes) {
        size_t cap = P->cap_boxes ? P->cap_boxes * 2 : 32;
        vb_box *v = vb_arena_grow(c->a, P->boxes, P->n_boxes, cap, sizeof *v);
        if (!v) {
            c->failed = 1;
            return;
        }
        P->boxes = v;
        P->cap_boxes = cap;
    }
    P->boxes[P->n_boxes++] =
        (vb_box){name, page, (float)x, (float)y, (float)w, (float)h, (float)baseline};
}

/* ---- text ------------------------------------------------------------------- */

static const vb_role_style *rs(const lctx *c, vb_role r)
{
    return &c->st->role[r];
}

static const vb_face *role_face(const lctx *c, vb_role r)
{
    return &c->fs->face[vb_face_for(rs(c, r)->bold, rs(c, r)->italic)];
}

/* Distance from one baseline to the next. */
static double pitch(const lctx *c, vb_role r)
{
    return vb_face_line_height(role_face(c, r), rs(c, r)->size) * rs(c, r)->line_spacing;
}

/* From the top of a line box to its baseline: the extra room of the line
 * gap and of spacing above single goes above the letters. */
static double baseline_off(const lctx *c, vb_role r)
{
    return pitch(c, r) - vb_face_descent(role_face(c, r), rs(c, r)->size);
}

typedef struct pieces {
    vb_piece *v;
    size_t n, cap;
} pieces;

static void piece_add(lctx *c, pieces *p, vb_piece pc)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 8;
        vb_piece *v = vb_arena_grow(c->a, p->v, p->n, cap, sizeof *v);
        if (!v) {
            c->failed = 1;
            return;
        }
        p->v = v;
        p->cap = cap;
    }
    p->v[p->n++] = pc;
}

/* The pieces of a block: label, one space, then the styled spans. */
static pieces make_pieces(lctx *c, vb_role role, const char *label, const vb_inline *text)
{
    pieces p = {0};
    const vb_role_style *r = rs(c, role);
    vb_face_id plain = vb_face_for(r->bold, r->italic);
    int has_text = text && !vb_inline_empty(text);
    if (label && label[0]) {
        piece_add(c, &p, (vb_piece){label, strlen(label), plain, r->size, VB_BLACK, 0, 0});
        if (has_text)
            piece_add(c, &p, (vb_piece){" ", 1, plain, r->size, VB_BLACK, 0, 0});
    }
    for (size_t i = 0; text && i < text->n; i++) {
        const vb_span *s = &text->v[i];
        if (s->flags & VB_SPAN_BREAK) {
            piece_add(c, &p, (vb_piece){"", 0, plain, r->size, VB_BLACK, 0, 1});
            continue;
        }
        if (!s->len)
            continue;
        vb_face_id f = vb_face_for(r->bold || (s->flags & VB_SPAN_BOLD), r->italic || (s->flags & VB_SPAN_ITALIC));
        piece_add(c, &p, (vb_piece){s->text, s->len, f, r->size, VB_BLACK, (s->flags & VB_SPAN_UNDERLINE) != 0, 0});
    }
    return p;
}

static pieces plain_pieces(lctx *c, vb_role role, const char *text)
{
    pieces p = {0};
    const vb_role_style *r = rs(c, role);
    piece_add(c, &p, (vb_piece){text, strlen(text), vb_face_for(r->bold, r->italic), r->size, VB_BLACK, 0, 0});
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
    vb_srcpos pos;
    const char *box;      /* name recorded in the boxes, or NULL */
} tblock;

static int lay_text(lctx *c, tblock *b, vb_role role, pieces p, double col_x, double col_w, vb_srcpos pos)
{
    const vb_role_style *r = rs(c, role);
    memset(b, 0, sizeof *b);
    b->role = role;
    b->col_x = col_x + r->indent_left;
    b->col_w = col_w - r->indent_left - r->indent_right;
    b->pitch = pitch(c, role);
    b->base = baseline_off(c, role);
    b->space_before = r->space_before;
    b->space_after = r->space_after;
    b->keep_with_next = r->keep_with_next;
    b->pos = pos;
    if (c->failed)
        return 0;
    vb_para_in in = {
        .pieces = p.v,
        .n = p.n,
        .width = b->col_w,
        .indent_first = r->indent_first,
        .indent_rest = 0,
        .align = r->align,
        .balanced = r->align == VB_ALIGN_CENTER,
    };
    if (!vb_para_layout(c->sh, &in, c->st, c->a, &b->para)) {
        c->failed = 1;
        return 0;
    }
    if (b->para.overfull)
        vb_diag_emit(c->diag, pos, VB_WARNING, "a word is wider than its column and runs past it");
    return 1;
}

/* Emits a text block's lines with its first baseline at `base_y`, into a page
 * or an item list (page < 0). Returns the y below the last line's box. */
static void emit_line(lctx *c, const tblock *b, size_t i, int page, ilist *l, double base_y)
{
    const vb_line *ln = &b->para.lines[i];
    for (size_t k = 0; k < ln->n_runs; k++) {
        vb_item *it = page >= 0 ? page_add(c, (size_t)page) : ilist_add(c, l);
        if (!it)
            return;
        it->kind = VB_ITEM_TEXT;
        it->role = (int)b->role;
        it->color = ln->runs[k].color;
        it->u.text = ln->runs[k];
        it->u.text.x = (float)(b->col_x + ln->runs[k].x);
        it->u.text.y = (float)base_y;
    }
}

/* Places a whole block at `top` (its first line box's top) into a page or
 * list; returns the bottom of its last line box. */
static double place_block(lctx *c, const tblock *b, int page, ilist *l, double top)
{
    for (size_t i = 0; i < b->para.n; i++)
        emit_line(c, b, i, page, l, top + b->base + i * b->pitch);
    return top + b->para.n * b->pitch;
}

static void rule_add(lctx *c, int page, ilist *l, double x1, double x2, double y)
{
    vb_item *it = page >= 0 ? page_add(c, (size_t)page) : ilist_add(c, l);
    if (!it)
        return;
    it->kind = VB_ITEM_RULE;
    it->role = -1;
    it->color = VB_BLACK;
    it->u.rule.x1 = (float)x1;
    it->u.rule.x2 = (float)x2;
    it->u.rule.y1 = it->u.rule.y2 = (float)y;
    it->u.rule.width = (float)c->st->rule_width;
}

/* Box of a placed block's text (page 1 header and single blocks). */
static void block_box(lctx *c, const char *name, int page, const tblock *b, double top)
{
    double x0 = 1e9, x1 = -1e9;
    for (size_t i = 0; i < b->para.n; i++) {
        const vb_line *ln = &b->para.lines[i];
        if (ln->x < x0)
            x0 = ln->x;
        if (ln->x + ln->width > x1)
            x1 = ln->x + ln->width;
    }
    if (!b->para.n)
        x0 = x1 = 0;
    box_add(c, name, page, b->col_x + x0, top, x1 - x0, b->para.n * b->pitch, top + b->base);
}

/* ---- page 1: header, title, Kính gửi --------------------------------------------- */

/* A centred rule under a block: `ratio` of its widest line, centred on it. */
static double rule_under(lctx *c, const char *name, const tblock *b, double last_base, double ratio)
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
    rule_add(c, 0, NULL, mid - w / 2, mid + w / 2, y);
    box_add(c, name, 0, mid - w / 2, y - c->st->rule_width / 2, w, c->st->rule_width, y);
    return y + c->st->rule_width / 2;
}

static double header(lctx *c)
{
    const vb_doc *d = c->doc;
    const vb_style *st = c->st;
    double lx = st->margin_left - st->header_shift, lw = st->header_left_w;
    double rx = lx + lw, rw = st->header_right_w;
    double top = st->margin_top;
    tblock b;

    /* left column: ô 2 */
    double ly = top, lbase = top;
    if (d->parent_agency.n) {
        lay_text(c, &b, VB_ROLE_CO_QUAN_CHU_QUAN, make_pieces(c, VB_ROLE_CO_QUAN_CHU_QUAN, NULL, &d->parent_agency), lx, lw, d->pos);
        block_box(c, "co_quan_chu_quan", 0, &b, ly);
        ly = place_block(c, &b, 0, NULL, ly);
    }
    lay_text(c, &b, VB_ROLE_CO_QUAN, make_pieces(c, VB_ROLE_CO_QUAN, NULL, &d->agency), lx, lw, d->pos);
    block_box(c, "co_quan", 0, &b, ly);
    ly = place_block(c, &b, 0, NULL, ly);
    lbase = ly - b.pitch + b.base;
    double lbottom = rule_under(c, "co_quan_rule", &b, lbase, st->agency_rule_ratio);

    /* right column: ô 1 */
    double ry = top;
    lay_text(c, &b, VB_ROLE_QUOC_HIEU, plain_pieces(c, VB_ROLE_QUOC_HIEU, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), rx, rw, d->pos);
    block_box(c, "quoc_hieu", 0, &b, ry);
    ry = place_block(c, &b, 0, NULL, ry);
    /* the motto: ASCII hyphen-minus with a space each side, as the decree prints it */
    lay_text(c, &b, VB_ROLE_TIEU_NGU, plain_pieces(c, VB_ROLE_TIEU_NGU, "Độc lập - Tự do - Hạnh phúc"), rx, rw, d->pos);
    block_box(c, "tieu_ngu", 0, &b, ry);
    ry = place_block(c, &b, 0, NULL, ry);
    double rbottom = rule_under(c, "tieu_ngu_rule", &b, ry - b.pitch + b.base, st->motto_rule_ratio);

    /* row 2: ô 3 and ô 4 on one baseline */
    double row = (lbottom > rbottom ? lbottom : rbottom) + st->header_rows_gap;
    tblock so, date;
    lay_text(c, &so, VB_ROLE_SO_KY_HIEU, plain_pieces(c, VB_ROLE_SO_KY_HIEU, vb_number_line(c->a, d)), lx, lw, d->number_pos);
    char *pd = vb_place_date_line(c->a, d);
    lay_text(c, &date, VB_ROLE_DIA_DANH_NGAY, plain_pieces(c, VB_ROLE_DIA_DANH_NGAY, pd ? pd : ""), rx, rw, d->date_pos);
    double base = row + (so.base > date.base ? so.base : date.base);
    double so_top = base - so.base, date_top = base - date.base;
    block_box(c, "so_ky_hieu", 0, &so, so_top);
    block_box(c, "dia_danh_ngay", 0, &date, date_top);
    double b1 = place_block(c, &so, 0, NULL, so_top);
    double b2 = place_block(c, &date, 0, NULL, date_top);
    double y = b1 > b2 ? b1 : b2;

    /* ô 5: type name, trích yếu and its rule, centred on the text width */
    if (d->type && d->type->name) {
        y += st->title_gap;
        lay_text(c, &b, VB_ROLE_TEN_LOAI, plain_pieces(c, VB_ROLE_TEN_LOAI, d->type->name), c->text_left, c->text_width, d->pos);
        y += b.space_before;
        block_box(c, "ten_loai", 0, &b, y);
        y = place_block(c, &b, 0, NULL, y);
        if (d->summary.n) {
            lay_text(c, &b, VB_ROLE_TRICH_YEU, make_pieces(c, VB_ROLE_TRICH_YEU, NULL, &d->summary), c->text_left, c->text_width, d->pos);
            y += b.space_before;
            block_box(c, "trich_yeu", 0, &b, y);
            y = place_block(c, &b, 0, NULL, y);
            y = rule_under(c, "trich_yeu_rule", &b, y - b.pitch + b.base, st->summary_rule_ratio);
        }
        y += st->after_title_gap;
    }

    /* ô 9a: Kính gửi */
    if (d->n_to) {
        double kx = c->text_left + st->kinh_gui_indent, kw = c->text_width - st->kinh_gui_indent;
        const vb_role_style *r = rs(c, VB_ROLE_KINH_GUI);
        y += r->space_before;
        double label_w = vb_shape_width(c->sh, vb_face_for(r->bold, r->italic), r->size, "Kính gửi:", strlen("Kính gửi:"));
        double colon_x = vb_shape_width(c->sh, vb_face_for(r->bold, r->italic), r->size, "Kính gửi", strlen("Kính gửi"));
        double space_w = vb_shape_width(c->sh, vb_face_for(r->bold, r->italic), r->size, " ", 1);
        if (d->n_to == 1) {
            /* one recipient on the label's line; a wrapped line starts under the name */
            pieces p = plain_pieces(c, VB_ROLE_KINH_GUI, "Kính gửi:");
            piece_add(c, &p, (vb_piece){" ", 1, vb_face_for(r->bold, r->italic), r->size, VB_BLACK, 0, 0});
            pieces q = make_pieces(c, VB_ROLE_KINH_GUI, NULL, &d->to[0]);
            for (size_t i = 0; i < q.n; i++)
                piece_add(c, &p, q.v[i]);
            vb_para_in in = {p.v, p.n, kw, 0, label_w + space_w, VB_ALIGN_LEFT, 0};
            memset(&b, 0, sizeof b);
            b.role = VB_ROLE_KINH_GUI;
            b.col_x = kx;
            b.col_w = kw;
            b.pitch = pitch(c, VB_ROLE_KINH_GUI);
            b.base = baseline_off(c, VB_ROLE_KINH_GUI);
            if (!vb_para_layout(c->sh, &in, st, c->a, &b.para))
                c->failed = 1;
            block_box(c, "kinh_gui", 0, &b, y);
            y = place_block(c, &b, 0, NULL, y);
        } else {
            lay_text(c, &b, VB_ROLE_KINH_GUI, plain_pieces(c, VB_ROLE_KINH_GUI, "Kính gửi:"), kx, kw, d->pos);
            block_box(c, "kinh_gui", 0, &b, y);
            y = place_block(c, &b, 0, NULL, y);
            /* one line each, "- " … ";" and the last "."; the dashes under the colon */
            for (size_t i = 0; i < d->n_to; i++) {
                pieces p = plain_pieces(c, VB_ROLE_KINH_GUI, "- ");
                pieces q = make_pieces(c, VB_ROLE_KINH_GUI, NULL, &d->to[i]);
                for (size_t k = 0; k < q.n; k++)
                    piece_add(c, &p, q.v[k]);
                piece_add(c, &p, (vb_piece){i + 1 < d->n_to ? ";" : ".", 1, vb_face_for(r->bold, r->italic), r->size, VB_BLACK, 0, 0});
                double dash_w = vb_shape_width(c->sh, vb_face_for(r->bold, r->italic), r->size, "- ", 2);
                vb_para_in in = {p.v, p.n, kw - colon_x, 0, dash_w, VB_ALIGN_LEFT, 0};
                memset(&b, 0, sizeof b);
                b.role = VB_ROLE_KINH_GUI;
                b.col_x = kx + colon_x;
                b.col_w = kw - colon_x;
                b.pitch = pitch(c, VB_ROLE_KINH_GUI);
                b.base = baseline_off(c, VB_ROLE_KINH_GUI);
                if (!vb_para_layout(c->sh, &in, st, c->a, &b.para))
                    c->failed = 1;
                y = place_block(c, &b, 0, NULL, y);
            }
        }
        y += r->space_after;
    }
    return y;
}

/* ---- signature block ------------------------------------------------------------ */

typedef struct composite {
    ilist items;
    double height;
    /* boxes, relative to the block's top */
    struct { const char *name; double x, y, w, h, base; } box[8];
    int n_box;
} composite;

static void comp_box(composite *k, const char *name, double x, double y, double w, double h, double base)
{
    if (k->n_box < 8) {
        k->box[k->n_box].name = name;
        k->box[k->n_box].x = x;
        k->box[k->n_box].y = y;
        k->box[k->n_box].w = w;
        k->box[k->n_box].h = h;
        k->box[k->n_box].base = base;
        k->n_box++;
    }
}

static void comp_block_box(composite *k, const char *name, const tblock *b, double top)
{
    double x0 = 1e9, x1 = -1e9;
    for (size_t i = 0; i < b->para.n; i++) {
        const vb_line *ln = &b->para.lines[i];
        if (ln->x < x0)
            x0 = ln->x;
        if (ln->x + ln->width > x1)
            x1 = ln->x + ln->width;
    }
    if (b->para.n)
        comp_box(k, name, b->col_x + x0, top, x1 - x0, b->para.n * b->pitch, top + b->base);
}

/* {Nơi nhận | signature}: the label “Nơi nhận:” sits on the baseline of the
 * first authority line (spec §2.9). */
static void signature(lctx *c, composite *k)
{
    const vb_doc *d = c->doc;
    const vb_style *st = c->st;
    double lx = c->text_left, lw = st->sign_left_w;
    double rx = lx + lw, rw = st->sign_right_w;
    memset(k, 0, sizeof *k);
    tblock b;

    /* right: ô 7a lines, the room for signature and seal, ô 7b */
    double ry = 0, first_base = -1;
    const vb_signature *sg = d->n_signatures ? &d->signatures[0] : NULL;
    for (size_t i = 0; sg && i < sg->n_lines; i++) {
        const vb_auth_line *al = &sg->lines[i];
        const char *prefix = vb_authority_prefix(al->kind);
        lay_text(c, &b, VB_ROLE_THAM_QUYEN, make_pieces(c, VB_ROLE_THAM_QUYEN, prefix[0] ? prefix : NULL, &al->text), rx, rw, al->pos);
        if (first_base < 0) {
            first_base = ry + b.base;
            comp_block_box(k, "tham_quyen", &b, ry);
        }
        ry = place_block(c, &b, -1, &k->items, ry);
    }
    comp_box(k, "chu_ky_gap", rx, ry, rw, st->sign_space, ry);
    ry += st->sign_space;
    if (sg) {
        lay_text(c, &b, VB_ROLE_HO_TEN, make_pieces(c, VB_ROLE_HO_TEN, NULL, &sg->name), rx, rw, sg->pos);
        comp_block_box(k, "ho_ten", &b, ry);
        ry = place_block(c, &b, -1, &k->items, ry);
    }

    /* left: ô 9b */
    tblock lab;
    lay_text(c, &lab, VB_ROLE_NOI_NHAN, plain_pieces(c, VB_ROLE_NOI_NHAN, "Nơi nhận:"), lx, lw, d->pos);
    double ly = (first_base >= 0 ? first_base : lab.base) - lab.base;
    comp_block_box(k, "noi_nhan", &lab, ly);
    ly = place_block(c, &lab, -1, &k->items, ly);
    const vb_role_style *r = rs(c, VB_ROLE_NOI_NHAN_DS);
    vb_face_id f = vb_face_for(r->bold, r->italic);
    double dash_w = vb_shape_width(c->sh, f, r->size, "- ", 2);
    for (size_t i = 0; i <= d->n_recipients; i++) {
        pieces p;
        if (i < d->n_recipients) {
            p = plain_pieces(c, VB_ROLE_NOI_NHAN_DS, "- ");
            pieces q = make_pieces(c, VB_ROLE_NOI_NHAN_DS, NULL, &d->recipients[i]);
            for (size_t j = 0; j < q.n; j++)
                piece_add(c, &p, q.v[j]);
            piece_add(c, &p, (vb_piece){";", 1, f, r->size, VB_BLACK, 0, 0});
        } else if (d->archive.present) {
            p = plain_pieces(c, VB_ROLE_NOI_NHAN_DS, vb_archive_line(c->a, &d->archive));
        } else {
            break;
        }
        /* a recipient that wraps continues under its first word */
        vb_para_in in = {p.v, p.n, lw, 0, dash_w, VB_ALIGN_LEFT, 0};
        memset(&b, 0, sizeof b);
        b.role = VB_ROLE_NOI_NHAN_DS;
        b.col_x = lx;
        b.col_w = lw;
        b.pitch = pitch(c, VB_ROLE_NOI_NHAN_DS);
        b.base = baseline_off(c, VB_ROLE_NOI_NHAN_DS);
        if (!vb_para_layout(c->sh, &in, st, c->a, &b.para)) {
            c->failed = 1;
            return;
        }
        ly = place_block(c, &b, -1, &k->items, ly);
    }
    k->height = ry > ly ? ry : ly;
}

/* ---- pagination ----------------------------------------------------------------- */

typedef struct slot {
    int block;     /* index into the blocks, or -1 for the signature */
    int line;
    double height, space_before;
    int break_ok;  /* a page may end right before this slot */
    int page;
    double top;
} slot;

static int paginate(lctx *c, tblock *blocks, size_t nb, composite *sig, double first_top)
{
    const vb_style *st = c->st;
    size_t total = 1;
    for (size_t i = 0; i < nb; i++)
        total += blocks[i].para.n;
    slot *s = vb_arena_calloc(c->a, total, sizeof *s);
    if (!s)
        return 0;
    size_t n = 0;
    double prev_after = 0;
    for (size_t i = 0; i < nb; i++) {
        const tblock *b = &blocks[i];
        size_t L = b->para.n;
        int splittable = !b->keep_with_next && L >= (size_t)(st->orphans + st->widows);
        for (size_t k = 0; k < L; k++) {
            slot *x = &s[n++];
            x->block = (int)i;
            x->line = (int)k;
            x->height = b->pitch;
            x->space_before = k == 0 ? prev_after + b->space_before : 0;
            if (k == 0)
                x->break_ok = i == 0 || !blocks[i - 1].keep_with_next;
            else
                x->break_ok = splittable && k >= (size_t)st->orphans && L - k >= (size_t)st->widows;
        }
        prev_after = b->space_after;
    }
    /* the signature block: never alone, at least `widows` body lines with it */
    slot *x = &s[n++];
    x->block = -1;
    x->height = sig->height;
    x->space_before = prev_after + st->sign_gap_before;
    x->break_ok = 0;
    for (size_t k = 1; k < (size_t)st->widows && k < n; k++)
        s[n - 1 - k].break_ok = 0;

    int page = 0;
    size_t page_first = 0;
    double y = first_top;
    int at_top = 0; /* page 1's body follows the header: its spacing counts */
    for (size_t i = 0; i < n;) {
        double sb = at_top ? 0 : s[i].space_before;
        if (y + sb + s[i].height <= c->body_bottom + 0.01 || (at_top && i == page_first)) {
            s[i].page = page;
            s[i].top = y + sb;
            y += sb + s[i].height;
            at_top = 0;
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
        if (page >= c->lim->max_pages) {
            vb_diag_emit(c->diag, c->doc->pos, VB_ERROR, "the document needs more than %d pages (--max-pages)", c->lim->max_pages);
            return -1;
        }
        page_first = j;
        i = j;
        y = c->body_top;
        at_top = 1;
    }

    /* emit */
    for (size_t i = 0; i < n; i++) {
        const slot *x2 = &s[i];
        if (x2->block >= 0) {
            const tblock *b = &blocks[x2->block];
            emit_line(c, b, (size_t)x2->line, x2->page, NULL, x2->top + b->base);
            if (x2->line == 0 && b->box)
                block_box(c, b->box, x2->page, b, x2->top);
        } else {
            for (size_t k = 0; k < sig->items.n; k++) {
                vb_item *it = page_add(c, (size_t)x2->page);
                if (!it)
                    return 0;
                *it = sig->items.v[k];
                switch (it->kind) {
                case VB_ITEM_TEXT: it->u.text.y += (float)x2->top; break;
                case VB_ITEM_RULE:
                    it->u.rule.y1 += (float)x2->top;
                    it->u.rule.y2 += (float)x2->top;
                    break;
                case VB_ITEM_FRAME: it->u.frame.y += (float)x2->top; break;
                case VB_ITEM_IMAGE: it->u.image.y += (float)x2->top; break;
                }
            }
            for (int k = 0; k < sig->n_box; k++)
                box_add(c, sig->box[k].name, x2->page, sig->box[k].x, sig->box[k].y + x2->top, sig->box[k].w,
                        sig->box[k].h, sig->box[k].base + x2->top);
        }
    }
    return 1;
}

static void page_numbers(lctx *c)
{
    /* centred in the top margin from page 2 on (page 1 shows none) */
    for (size_t p = 1; p < c->pages->n_pages; p++) {
        char num[24];
        snprintf(num, sizeof num, "%zu", p + 1);
        tblock b;
        lay_text(c, &b, VB_ROLE_SO_TRANG, plain_pieces(c, VB_ROLE_SO_TRANG, vb_arena_strdup(c->a, num)), c->text_left, c->text_width, c->doc->pos);
        double top = c->st->header_distance;
        block_box(c, "so_trang", (int)p, &b, top);
        place_block(c, &b, (int)p, NULL, top);
        c->pages->pages[p].number = (int)p + 1;
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
    c.text_left = st->margin_left;
    c.text_width = st->page_w - st->margin_left - st->margin_right;
    c.body_top = st->margin_top;
    c.body_bottom = st->page_h - st->margin_bottom;
    vb_err err = VB_OK;

    if (!page_get(&c, 0))
        goto nomem;
    double y = header(&c);

    vb_tblock *tb;
    size_t nt = vb_body_blocks(arena, doc, &tb);
    if (nt == (size_t)-1)
        goto nomem;
    tblock *blocks = vb_arena_calloc(arena, nt ? nt : 1, sizeof *blocks);
    if (!blocks)
        goto nomem;
    for (size_t i = 0; i < nt; i++) {
        lay_text(&c, &blocks[i], tb[i].role, make_pieces(&c, tb[i].role, tb[i].label, &tb[i].text), c.text_left,
                 c.text_width, tb[i].pos);
        blocks[i].box = vb_role_name(tb[i].role);
    }
    composite sig;
    signature(&c, &sig);
    if (c.failed)
        goto nomem;
    int r = paginate(&c, blocks, nt, &sig, y);
    if (r < 0) {
        err = VB_ERR_LIMIT;
        goto done;
    }
    if (!r || c.failed)
        goto nomem;
    page_numbers(&c);
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

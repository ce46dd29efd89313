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
#include "layout_priv.h"

#include <stdio.h>
#include <string.h>

/* ---- growing lists in the arena ----------------------------------------------- */

int vb_lay_grow(lctx *c, void **v, size_t *cap, size_t n, size_t size)
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

vb_item *vb_lay_comp_item(lctx *c, composite *k)
{
    if (!vb_lay_grow(c, (void **)&k->items, &k->cap, k->n, sizeof *k->items))
        return NULL;
    vb_item *it = &k->items[k->n++];
    memset(it, 0, sizeof *it);
    it->role = -1;
    return it;
}

void vb_lay_comp_box(lctx *c, composite *k, const char *name, double x, double y, double w, double h, double base)
{
    if (!vb_lay_grow(c, (void **)&k->box, &k->cap_box, k->n_box, sizeof *k->box))
        return;
    k->box[k->n_box++] = (cbox){name, x, y, w, h, base, NULL};
}

vb_page *vb_lay_page_get(lctx *c, size_t i)
{
    vb_pages *P = c->pages;
    while (P->n_pages <= i) {
        if (!vb_lay_grow(c, (void **)&P->pages, &P->cap_pages, P->n_pages, sizeof *P->pages))
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
    vb_page *pg = vb_lay_page_get(c, page);
    if (!pg || !vb_lay_grow(c, (void **)&pg->items, &pg->cap_items, pg->n_items, sizeof *pg->items))
        return NULL;
    vb_item *it = &pg->items[pg->n_items++];
    memset(it, 0, sizeof *it);
    return it;
}

static void page_box(lctx *c, const char *name, int page, double x, double y, double w, double h, double base)
{
    vb_pages *P = c->pages;
    if (!vb_lay_grow(c, (void **)&P->boxes, &P->cap_boxes, P->n_boxes, sizeof *P->boxes))
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

const vb_role_style *vb_lay_rs(const lctx *c, vb_role r)
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

/* From the top of a line box to its baseline (font.h). */
double vb_lay_base_of(const lctx *c, const vb_role_style *r)
{
    return vb_role_base(c->fs, r);
}

void vb_lay_piece_add(lctx *c, pieces *p, vb_piece pc)
{
    if (vb_lay_grow(c, (void **)&p->v, &p->cap, p->n, sizeof *p->v))
        p->v[p->n++] = pc;
}

void vb_lay_pieces_cat(lctx *c, pieces *p, const pieces *q)
{
    for (size_t i = 0; i < q->n; i++)
        vb_lay_piece_add(c, p, q->v[i]);
}

/* The pieces of a block: label, one space, then the styled spans. */
pieces vb_lay_make_pieces(lctx *c, const vb_role_style *r, uint32_t color, const char *label, const vb_inline *text)
{
    pieces p = {0};
    vb_face_id plain = vb_face_for(r->bold, r->italic);
    int has_text = text && !vb_inline_empty(text);
    if (label && label[0]) {
        vb_lay_piece_add(c, &p, (vb_piece){label, strlen(label), plain, r->size, color, 0, 0});
        if (has_text)
            vb_lay_piece_add(c, &p, (vb_piece){" ", 1, plain, r->size, color, 0, 0});
    }
    for (size_t i = 0; text && i < text->n; i++) {
        const vb_span *s = &text->v[i];
        if (s->flags & VB_SPAN_BREAK) {
            vb_lay_piece_add(c, &p, (vb_piece){"", 0, plain, r->size, color, 0, 1});
            continue;
        }
        if (!s->len)
            continue;
        vb_face_id f = vb_face_for(r->bold || (s->flags & VB_SPAN_BOLD), r->italic || (s->flags & VB_SPAN_ITALIC));
        vb_lay_piece_add(c, &p, (vb_piece){s->text, s->len, f, r->size, color, (s->flags & VB_SPAN_UNDERLINE) != 0, 0});
    }
    return p;
}

pieces vb_lay_text_pieces(lctx *c, const vb_role_style *r, uint32_t color, const char *text)
{
    pieces p = {0};
    vb_lay_piece_add(c, &p, (vb_piece){text ? text : "", text ? strlen(text) : 0, vb_face_for(r->bold, r->italic), r->size,
                                color, 0, 0});
    return p;
}

/* The lines of a block as byte ranges of its text (a line without runs, a
 * forced break's own, is empty). */
static vb_pline *record_lines(lctx *c, const vb_para_out *po)
{
    vb_pline *v = vb_arena_calloc(c->a, po->n ? po->n : 1, sizeof *v);
    if (!v) {
        c->failed = 1;
        return NULL;
    }
    uint32_t prev = 0;
    for (size_t i = 0; i < po->n; i++) {
        const vb_line *ln = &po->lines[i];
        v[i] = (vb_pline){prev, prev, ln->x, ln->width};
        if (!ln->n_runs)
            continue;
        const vb_glyph_run *last = &ln->runs[ln->n_runs - 1];
        v[i].start = (uint32_t)(ln->runs[0].text - po->text);
        v[i].end = (uint32_t)(last->text + last->text_len - po->text);
        prev = v[i].end;
    }
    return v;
}

/* Natural width (no justification) of the glyphs of line ln that stand on
 * bytes [from, to) of the paragraph's text T. */
static double natural_width(const lctx *c, const vb_line *ln, const char *T, size_t from, size_t to)
{
    double w = 0;
    for (size_t r = 0; r < ln->n_runs; r++) {
        const vb_glyph_run *run = &ln->runs[r];
        double scale = run->size / c->fs->face[run->face].upem;
        size_t base = (size_t)(run->text - T);
        for (uint32_t g = 0; g < run->n; g++) {
            size_t at = base + run->glyphs[g].cluster;
            if (at >= from && at < to)
                w += run->glyphs[g].advance * scale;
        }
    }
    return w;
}

/* The spaces a word processor must not break at for its lines to be
 * layout's (page.h's vb_para_rec.keep): at each line end, while the next
 * line's first unbreakable stretch would fit on this line at its natural
 * width, the space after that stretch joins it to the next word. */
static void wp_keeps(lctx *c, const tblock *b, vb_para_rec *rec)
{
    const vb_para_out *po = &b->para;
    const char *T = po->text;
    rec->keep = NULL;
    rec->n_keep = 0;
    if (po->n < 2 || b->in.align == VB_ALIGN_CENTER)
        return;
    uint32_t *keep = NULL;
    size_t n = 0, cap = 0;
    for (size_t L = 0; L + 1 < po->n; L++) {
        const vb_pline *a = &rec->lines[L], *nx = &rec->lines[L + 1];
        const vb_line *ln = &po->lines[L], *next = &po->lines[L + 1];
        if (a->start == a->end || nx->start == nx->end || !ln->n_runs)
            continue;
        int forced = 0;
        for (size_t k = a->end; k < nx->start; k++)
            forced |= T[k] == '\n';
        if (forced)
            continue;
        const vb_glyph_run *last = &ln->runs[ln->n_runs - 1];
        double space = vb_shape_width(c->sh, last->face, last->size, T + a->end, nx->start - a->end);
        double avail = b->in.width - (L == 0 ? b->in.indent_first : b->in.indent_rest);
        double room = avail - ln->width - space;
        size_t end = nx->start;
        for (;;) {
            while (end < nx->end && T[end] != ' ')
                end++;
            if (end >= nx->end || natural_width(c, next, T, nx->start, end) > room + 1e-6)
                break;
            if (!vb_lay_grow(c, (void **)&keep, &cap, n, sizeof *keep))
                return;
            keep[n++] = (uint32_t)end++;
        }
    }
    rec->keep = keep;
    rec->n_keep = (uint32_t)n;
}

vb_unit_rec *vb_lay_unit(lctx *c, vb_unit_kind kind, const void *src)
{
    vb_pages *P = c->pages;
    if (c->measuring || !vb_lay_grow(c, (void **)&P->units, &P->cap_units, P->n_units, sizeof *P->units))
        return NULL;
    vb_unit_rec *u = &P->units[P->n_units++];
    memset(u, 0, sizeof *u);
    u->kind = kind;
    u->src = src;
    return u;
}

void vb_lay_section(lctx *c, int landscape, int restart, int page1)
{
    vb_pages *P = c->pages;
    if (!vb_lay_grow(c, (void **)&P->sections, &P->cap_sections, P->n_sections, sizeof *P->sections))
        return;
    vb_section_rec *s = &P->sections[P->n_sections++];
    vb_section_init(s, c->st, landscape, restart, page1, page1 && c->doc->n_address);
}

void vb_lay_space_above(lctx *c, const tblock *b, double v)
{
    if (b->rec)
        c->pages->paras[b->rec - 1].space_above = v;
}

void vb_lay_space_below(lctx *c, const tblock *b, double v)
{
    if (b->rec)
        c->pages->paras[b->rec - 1].space_below = v;
}

void vb_lay_record(lctx *c, tblock *b, const vb_role_style *r, double col_x, double col_w, double indent_rest,
                   const void *src)
{
    vb_pages *P = c->pages;
    if (!vb_lay_grow(c, (void **)&P->paras, &P->cap_paras, P->n_paras, sizeof *P->paras))
        return;
    vb_pline *lines = record_lines(c, &b->para);
    if (!lines)
        return;
    P->paras[P->n_paras++] = (vb_para_rec){(int)b->role, src, b->para.text, (uint32_t)b->para.text_len, lines, (uint32_t)b->para.n,
                         col_x, col_w, r->indent_left, indent_rest, b->pitch, 0, 0, 0, NULL, NULL, NULL, 0, 0};
    b->rec = P->n_paras;
    wp_keeps(c, b, &P->paras[P->n_paras - 1]);
}

/* Lays pieces out in a column with the style r (of role `role`); the
 * first line starts indent_first from the column's left edge, the others
 * indent_rest. */
int vb_lay_styled(lctx *c, tblock *b, vb_role role, const vb_role_style *r, pieces p, double col_x, double col_w,
                  double indent_first, double indent_rest, vb_srcpos pos, const void *src)
{
    memset(b, 0, sizeof *b);
    b->role = role;
    b->col_x = col_x + r->indent_left;
    b->col_w = col_w - r->indent_left - r->indent_right;
    b->pitch = pitch_of(c, r);
    b->base = vb_lay_base_of(c, r);
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
    if (b->para.overfull && !c->in_table)
        vb_diag_emit(c->diag, pos, VB_WARNING, "a word is wider than its column; it is broken between letters");
    if (!c->measuring)
        vb_lay_record(c, b, r, col_x, col_w, indent_rest, src);
    return 1;
}

/* The common case: a role's own style and first-line indent. */
int vb_lay_text(lctx *c, tblock *b, vb_role role, pieces p, double col_x, double col_w, vb_srcpos pos,
                const void *src)
{
    const vb_role_style *r = vb_lay_rs(c, role);
    return vb_lay_styled(c, b, role, r, p, col_x, col_w, r->indent_first, 0, pos, src);
}

void vb_lay_emit_line(lctx *c, const tblock *b, size_t i, composite *k, int page, double base_y)
{
    const vb_line *ln = &b->para.lines[i];
    for (size_t r = 0; r < ln->n_runs; r++) {
        vb_item *it = k ? vb_lay_comp_item(c, k) : page_item(c, (size_t)page);
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
double vb_lay_comp_text(lctx *c, composite *k, const tblock *b, double top, const char *name)
{
    if (b->rec)
        c->pages->paras[b->rec - 1].top = top;
    if (name) {
        double x0, x1;
        block_extent(b, &x0, &x1);
        vb_lay_comp_box(c, k, name, b->col_x + x0, top, x1 - x0, b->para.n * b->pitch, top + b->base);
    }
    for (size_t i = 0; i < b->para.n; i++)
        vb_lay_emit_line(c, b, i, k, -1, top + b->base + i * b->pitch);
    return top + b->para.n * b->pitch;
}

vb_item *vb_lay_rule_add(lctx *c, composite *k, double x1, double x2, double y, double width)
{
    vb_item *it = vb_lay_comp_item(c, k);
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

void vb_lay_frame_add(lctx *c, composite *k, double x, double y, double w, double h, double width, uint32_t color)
{
    vb_item *it = vb_lay_comp_item(c, k);
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
double vb_lay_rule_under(lctx *c, composite *k, const char *name, const tblock *b, double last_base, double ratio)
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
    vb_lay_rule_add(c, k, mid - w / 2, mid + w / 2, y, c->st->rule_width);
    if (b->rec) {
        /* the same rule measured in the space the block was given, its
         * middle below the last line box */
        vb_para_rec *rec = &c->pages->paras[b->rec - 1];
        vb_prule *pr = vb_arena_alloc(c->a, sizeof *pr);
        if (!pr) {
            c->failed = 1;
            return last_base;
        }
        const vb_role_style *r = vb_lay_rs(c, b->role);
        double rmid = rec->indent_left + (wide->x + wide->width / 2);
        *pr = (vb_prule){rmid - w / 2, rmid + w / 2, c->st->rule_gap - vb_face_descent(style_face(c, r), r->size),
                         c->st->rule_width};
        rec->rule = pr;
    }
    vb_lay_comp_box(c, k, name, mid - w / 2, y - c->st->rule_width / 2, w, c->st->rule_width, y);
    return y + c->st->rule_width / 2;
}

/* A block placed in a unit, then its rule. Returns the bottom. */
double vb_lay_text_with_rule(lctx *c, composite *k, const tblock *b, double top, const char *name,
                             const char *rule_name, double ratio)
{
    double bottom = vb_lay_comp_text(c, k, b, top, name);
    return vb_lay_rule_under(c, k, rule_name, b, bottom - b->pitch + b->base, ratio);
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

void vb_lay_areas(lctx *c)
{
    c->portrait = make_area(c->st, 0);
    c->landscape = make_area(c->st, 1);
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
    vb_lay_rule_add(c, k, A->left, A->left + A->width, 0, st->rule_width);
    vb_unit_rec *u = vb_lay_unit(c, VB_UNIT_FOOTER, d);
    if (u) {
        u->space_above = st->address_rule_gap; /* the body's last line to the rule */
        u->rule = st->rule_width;
    }
    double y = st->address_rule_gap;
    for (size_t i = 0; i < d->n_address; i++) {
        tblock b;
        vb_lay_text(c, &b, VB_ROLE_DIA_CHI, vb_lay_make_pieces(c, vb_lay_rs(c, VB_ROLE_DIA_CHI), VB_BLACK, NULL, &d->address[i]), A->left, A->width, d->pos, &d->address[i]);
        y = vb_lay_comp_text(c, k, &b, y, i == 0 ? "dia_chi" : NULL);
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
        vb_lay_text(c, &b, VB_ROLE_SO_TRANG, vb_lay_text_pieces(c, vb_lay_rs(c, VB_ROLE_SO_TRANG), VB_BLACK, vb_arena_strdup(c->a, num)), A->left, A->width, c->doc->pos, NULL);
        composite k = {0};
        vb_lay_comp_text(c, &k, &b, c->st->header_distance, "so_trang");
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
    vb_lay_areas(&c);
    vb_err err = VB_OK;
    /* Word's widow control is all or nothing: a writer reads these */
    c.pages->widows = st->widows;
    c.pages->orphans = st->orphans;
    vb_lay_section(&c, 0, 0, 1);
    slots S = {0};

    /* the main flow */
    composite *head = vb_arena_alloc(arena, sizeof *head);
    composite *sig = vb_arena_alloc(arena, sizeof *sig);
    composite *foot = vb_arena_alloc(arena, sizeof *foot);
    if (!head || !sig || !foot)
        goto nomem;
    vb_lay_header_block(&c, head, 1);
    vb_lay_header_unit(&c, doc);
    vb_lay_add_unit(&c, &S, head, 0, 0);
    vb_tblock *tb;
    size_t nt = vb_body_blocks(arena, doc, &tb);
    if (nt == (size_t)-1)
        goto nomem;
    c.pages->body = tb;
    c.pages->n_body = nt;
    vb_lay_content_slots(&c, &S, tb, nt, &c.portrait);
    vb_lay_signature_block(&c, sig, doc->signatures, doc->n_signatures, doc->recipients, doc->n_recipients, &doc->archive, 1,
                           &c.portrait);
    /* the signature block is never alone on a page: the body's last
     * paragraph comes along whole (as word processors keep it, so the DOCX
     * breaks its pages where the PDF does) */
    for (size_t k = S.n; k > 0 && S.v[k - 1].kind == S_LINE && S.v[k - 1].line > 0; k--)
        S.v[k - 1].break_ok = 0;
    vb_lay_add_unit(&c, &S, sig, st->sign_gap_before, 0);
    if (doc->copy) {
        composite *cp = vb_arena_alloc(arena, sizeof *cp);
        if (!cp)
            goto nomem;
        vb_lay_copy_block(&c, cp, doc->copy);
        vb_lay_add_unit(&c, &S, cp, st->copy_gap, 1);
    }

    /* appendices and attached texts, each from a new page */
    size_t n_app = 0;
    for (size_t i = 0; i < doc->n_annexes; i++)
        n_app += doc->annexes[i].kind == VB_ANNEX_APPENDIX;
    for (size_t i = 0; i < doc->n_annexes; i++) {
        const vb_annex *an = &doc->annexes[i];
        const area *A = an->landscape ? &c.landscape : &c.portrait;
        vb_lay_add_break(&c, &S, an->landscape, 1);
        composite *h = vb_lay_annex_heading(&c, an, n_app, A);
        if (!h)
            goto nomem;
        vb_lay_add_unit(&c, &S, h, 0, 0);
        S.keep_next = 1;
        vb_tblock *ab;
        size_t na = vb_node_blocks(arena, an->body, &ab);
        if (na == (size_t)-1)
            goto nomem;
        vb_lay_content_slots(&c, &S, ab, na, A);
        if (an->signature) {
            composite *as = vb_arena_alloc(arena, sizeof *as);
            if (!as)
                goto nomem;
            vb_lay_signature_block(&c, as, an->signature, 1, NULL, 0, NULL, 0, A);
            vb_lay_add_unit(&c, &S, as, st->sign_gap_before, 0);
        }
    }
    if (c.failed)
        goto nomem;
    if (c.bad_input || c.bad_image) {
        err = c.bad_input ? VB_ERR_INPUT : VB_ERR_IMAGE;
        goto done;
    }

    double foot_h = address_footer(&c, foot);
    double first_bottom = c.portrait.bottom - (foot_h > 0 ? foot_h + st->address_rule_gap : 0);
    pinfo *info;
    repeat_at *rep;
    size_t n_rep;
    int r = vb_lay_paginate(&c, &S, c.portrait.top, first_bottom, &info, &rep, &n_rep);
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
        if (again.n == b->para.n) {
            b->para = again;
            if (b->rec) {
                vb_para_rec *rec = &c.pages->paras[b->rec - 1];
                rec->text = again.text;
                rec->lines = record_lines(&c, &again);
                if (rec->lines)
                    wp_keeps(&c, b, rec);
            }
        }
    }

    /* the sections' first pages: one section per break, in order */
    for (size_t i = 0, k = 1; i < S.n && k < c.pages->n_sections; i++)
        if (S.v[i].kind == S_BREAK)
            c.pages->sections[k++].first_page = (size_t)S.v[i].page;

    /* draw the slots where they landed */
    for (size_t i = 0; i < S.n; i++) {
        const slot *x = &S.v[i];
        if (x->kind == S_LINE) {
            const tblock *b = x->b;
            vb_lay_emit_line(&c, b, (size_t)x->line, NULL, x->page, x->top + b->base);
            if (x->line == 0 && b->rec)
                c.pages->paras[b->rec - 1].top = x->top;
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
    if (c.failed || !vb_pages_index(c.pages, arena))
        goto nomem;
    *out = c.pages;
    goto done;
nomem:
    err = VB_ERR_NOMEM;
done:
    vb_shaper_free(c.sh);
    return err;
}

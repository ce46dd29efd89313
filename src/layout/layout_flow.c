/* layout_flow.c - slots and pagination: body blocks as lines, tables as
 * row groups, appendix headings; pages filled with slots, keeping
 * orphans, widows, headings and header rows as the style asks. */
#include "layout_priv.h"

#include <stdio.h>
#include <string.h>

static slot *slot_add(lctx *c, slots *S, slot_kind kind)
{
    if (!vb_lay_grow(c, (void **)&S->v, &S->cap, S->n, sizeof *S->v))
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

void vb_lay_add_unit(lctx *c, slots *S, const composite *k, double space_before, int break_ok)
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

void vb_lay_add_break(lctx *c, slots *S, int landscape, int restart)
{
    slot *x = slot_add(c, S, S_BREAK);
    if (!x)
        return;
    x->landscape = landscape;
    x->restart = restart;
    vb_lay_section(c, landscape, restart, 0);
    S->pending_space = 0;
    S->keep_next = 0;
}

/* ---- tables --------------------------------------------------------------------------- */

/* Lays a table out as layout_fit decided it (f: its grid, size and
 * area), as row groups (rows bound by a cell spanning them stay together)
 * added as units; the header rows at the top are repeated on every page
 * the table crosses. */
static void table_slots(lctx *c, slots *S, const vb_node *node, const tfit *f, int own_section)
{
    const vb_table *t = node->table;
    const vb_style *st = c->st;
    double x0 = f->area->left, width = f->area->width;
    vb_grid grid = f->grid;
    vb_pages *P = c->pages;
    if (!vb_lay_grow(c, (void **)&P->tables, &P->cap_tables, P->n_tables, sizeof *P->tables))
        return;
    P->tables[P->n_tables++] = (vb_table_rec){t, grid, t->borders ? st->table_border : 0, st->cell_pad_x, st->cell_pad_y,
                                              f->size, f->fit};
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

    /* each cell's paragraphs in its width: as the deciding laid them out,
     * or again on the grid and at the size it chose */
    tcell *cells = f->cells;
    if (!cells) {
        cells = vb_arena_calloc(c->a, np + 1, sizeof *cells);
        if (!cells || vb_lay_table_cells(c, t, &grid, f->size, 0, cells) < 0) {
            c->failed = 1;
            return;
        }
    }
    for (size_t i = 0; i < np; i++) {
        pcell *p = &pc[i];
        tcell *tc = &cells[i];
        p->blocks = tc->blocks;
        p->nb = tc->nb;
        double h = 0;
        for (size_t k = 0; k < tc->nb; k++) {
            tblock *b = &tc->blocks[k];
            vb_lay_record(c, b, &tc->look, 0, tc->inner, 0, tc->src[k]);
            /* space between a cell's paragraphs, none above the first */
            double above = k > 0 && b->space_before > 0 ? b->space_before : 0;
            vb_lay_space_above(c, b, above);
            h += above;
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
    vb_unit_rec *u = vb_lay_unit(c, VB_UNIT_TABLE, t);
    if (u) {
        u->space_above = u->space_below = st->table_space;
        u->own_section = own_section;
    }
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
                vb_lay_frame_add(c, k, x, y, w, h, st->table_border, VB_BLACK);
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
                ty = vb_lay_comp_text(c, k, &blk, ty, NULL);
            }
        }
        k->height = ry[end - r + 1];
        vb_lay_comp_box(c, k, is_header ? "bang_tieu_de" : "bang_dong", x0, 0, width, k->height, 0);
        if (is_header) {
            vb_lay_add_unit(c, S, k, space, 1);
            header = k;
        } else {
            vb_lay_add_unit(c, S, k, space, !(header && first_data));
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

/* The blocks of a flow as slots, at the area's width; tables as
 * vb_lay_table_fit decides them, on landscape pages of their own when
 * they ask for them or need them. */
void vb_lay_content_slots(lctx *c, slots *S, const vb_tblock *tb, size_t nt, const area *A)
{
    for (size_t i = 0; i < nt; i++) {
        if (tb[i].node && tb[i].node->kind == VB_N_TABLE) {
            const vb_table *t = tb[i].node->table;
            tfit f;
            if (!t || !t->n_rows || !vb_lay_table_fit(c, t, A, &f))
                continue;
            if (f.area->landscape && !A->landscape) {
                vb_lay_add_break(c, S, 1, 0);
                table_slots(c, S, tb[i].node, &f, 1);
                vb_lay_add_break(c, S, 0, 0);
            } else {
                table_slots(c, S, tb[i].node, &f, 0);
            }
            continue;
        }
        tblock *b = vb_arena_alloc(c->a, sizeof *b);
        if (!b) {
            c->failed = 1;
            return;
        }
        vb_lay_text(c, b, tb[i].role, vb_lay_make_pieces(c, vb_lay_rs(c, tb[i].role), VB_BLACK, tb[i].label, &tb[i].text), A->left,
                 A->width, tb[i].pos, vb_block_src(&tb[i]));
        b->box = vb_role_name(tb[i].role);
        vb_lay_space_above(c, b, b->space_before);
        if (b->rec)
            c->pages->paras[b->rec - 1].space_below = b->space_after;
        add_block_lines(c, S, b);
    }
}

/* An appendix's or attached text's heading, as one unit. */
composite *vb_lay_annex_heading(lctx *c, const vb_annex *an, size_t n_appendices, const area *A)
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
        vb_lay_header_block(c, k, 0);
        vb_lay_header_unit(c, an);
        y = k->height + st->title_gap;
        const char *name = an->type && an->type->name ? an->type->name : "";
        vb_lay_text(c, &b, VB_ROLE_TEN_LOAI, vb_lay_text_pieces(c, vb_lay_rs(c, VB_ROLE_TEN_LOAI), VB_BLACK, name), A->left, A->width, an->pos, an);
        y = vb_lay_comp_text(c, k, &b, y, "ten_loai");
        vb_lay_space_above(c, &b, st->title_gap);
        if (an->title.n) {
            vb_lay_text(c, &b, VB_ROLE_TRICH_YEU, vb_lay_make_pieces(c, vb_lay_rs(c, VB_ROLE_TRICH_YEU), VB_BLACK, NULL, &an->title), A->left, A->width, an->pos, &an->title);
            y = vb_lay_comp_text(c, k, &b, y, "trich_yeu");
        }
    } else {
        vb_lay_text(c, &b, VB_ROLE_PHU_LUC, vb_lay_text_pieces(c, vb_lay_rs(c, VB_ROLE_PHU_LUC), VB_BLACK, vb_annex_label(c->a, an, n_appendices)), A->left, A->width, an->pos, an);
        y = vb_lay_comp_text(c, k, &b, 0, "phu_luc");
        if (an->title.n) {
            vb_lay_text(c, &b, VB_ROLE_PHU_LUC_TIEU_DE, vb_lay_make_pieces(c, vb_lay_rs(c, VB_ROLE_PHU_LUC_TIEU_DE), VB_BLACK, NULL, &an->title), A->left, A->width, an->pos, &an->title);
            y = vb_lay_comp_text(c, k, &b, y, "phu_luc_tieu_de");
        }
    }
    vb_lay_text(c, &b, VB_ROLE_KEM_THEO, vb_lay_text_pieces(c, vb_lay_rs(c, VB_ROLE_KEM_THEO), VB_BLACK, vb_annex_reference(c->a, c->doc, an)), A->left, A->width, an->pos, an);
    y = vb_lay_text_with_rule(c, k, &b, y, "kem_theo", "kem_theo_rule", st->summary_rule_ratio);
    k->height = y + st->after_title_gap;
    vb_unit_rec *u = vb_lay_unit(c, VB_UNIT_ANNEX, an);
    if (u)
        u->space_below = st->after_title_gap;
    return k;
}

/* ---- pagination ------------------------------------------------------------------------- */

int vb_lay_paginate(lctx *c, slots *S, double first_top, double first_bottom, pinfo **out_info, repeat_at **out_rep,
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
            if (!vb_lay_grow(c, (void **)&info, &cap_info, (size_t)page, sizeof *info))
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
        if (!vb_lay_grow(c, (void **)&info, &cap_info, (size_t)page, sizeof *info))
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
            if (!vb_lay_grow(c, (void **)&rep, &cap_rep, *n_rep, sizeof *rep))
                return 0;
            rep[(*n_rep)++] = (repeat_at){s[j].repeat, page, y};
            y += s[j].repeat->height;
            at_top = 0;
            empty = 0;
        }
    }
    for (size_t p = 0; p < n_info; p++)
        if (!vb_lay_page_get(c, p))
            return 0;
    *out_info = info;
    *out_rep = rep;
    return 1;
}

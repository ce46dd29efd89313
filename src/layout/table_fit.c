/* table_fit.c - a table's column widths, the size of its text and the
 * orientation of its pages: no word or number is broken inside.
 *
 * Each column is at least as wide as the widest stretch of its cells'
 * text that the line breaker keeps whole (a syllable, a compound the
 * alignment keeps whole, a number such as 12.345.678) plus the cell's
 * padding. When those minimums do not fit the text width, the cells are
 * set a point smaller at a time, down to the layout's min-size; still too
 * wide, the table goes on a landscape page of its own, at the largest size
 * that fits there; and only when even that cannot hold them are words
 * broken between letters. Each step past the first is reported at the
 * <bang>; `vanban check` lays the document out too, so it says what
 * render would. */
#include "layout_priv.h"

#include <math.h>
#include <string.h>

/* A word processor keeps column widths in its own units (Word in twips,
 * 1/20 pt) and breaks a word that is a hair wider than its cell between
 * letters: a column as wide as its widest word gets this much more. */
#define ROUNDING_GUARD 0.5

#define PT_PER_MM (72.0 / 25.4)

long vb_lay_table_cells(lctx *c, const vb_table *t, const vb_grid *g, double size, int warn, tcell *cells)
{
    const vb_style *st = c->st;
    long over = 0;
    int was = c->measuring;
    c->measuring = 1; /* table_slots records them where they land */
    c->in_table = 1;  /* a word broken there is the table's to report */
    for (size_t i = 0; i < g->n_cells && !c->failed; i++) {
        const vb_grid_cell *gc = &g->cells[i];
        tcell *p = &cells[i];
        vb_tblock *tb;
        size_t n = vb_node_blocks(c->a, gc->cell->body, &tb);
        if (n == (size_t)-1) {
            c->failed = 1;
            break;
        }
        p->blocks = vb_arena_calloc(c->a, n ? n : 1, sizeof *p->blocks);
        p->src = vb_arena_calloc(c->a, n ? n : 1, sizeof *p->src);
        if (!p->blocks || !p->src) {
            c->failed = 1;
            break;
        }
        p->nb = 0;
        p->inner = g->x[gc->c0 + gc->cs] - g->x[gc->c0] - 2 * st->cell_pad_x;
        vb_role role = vb_cell_look(st, t, gc->cell, t->rows[gc->r].header, size, &p->look);
        int wide = 0;
        for (size_t k = 0; k < n; k++) {
            if (tb[k].node && tb[k].node->kind == VB_N_TABLE) {
                if (warn)
                    vb_diag_emit(c->diag, tb[k].pos, VB_WARNING, "a table inside a table cell is not shown");
                continue;
            }
            tblock *b = &p->blocks[p->nb];
            p->src[p->nb++] = vb_block_src(&tb[k]);
            vb_lay_styled(c, b, role, &p->look, vb_lay_make_pieces(c, &p->look, VB_BLACK, tb[k].label, &tb[k].text), 0,
                          p->inner, 0, 0, tb[k].pos, NULL);
            wide |= b->para.overfull;
        }
        over += wide;
    }
    c->measuring = was;
    c->in_table = 0;
    return c->failed ? -1 : over;
}

/* The narrowest each grid cell's text can be set in at its own look
 * (vb_cell_look), without the padding: cmin[i], and that look's size:
 * csize[i]. Returns 0 on no memory. */
static int cell_mins(lctx *c, const vb_table *t, const vb_grid *g, double *cmin, double *csize)
{
    for (size_t i = 0; i < g->n_cells; i++) {
        const vb_grid_cell *gc = &g->cells[i];
        vb_tblock *tb;
        size_t n = vb_node_blocks(c->a, gc->cell->body, &tb);
        if (n == (size_t)-1)
            return 0;
        vb_role_style r;
        vb_cell_look(c->st, t, gc->cell, t->rows[gc->r].header, 0, &r);
        double widest = 0;
        for (size_t k = 0; k < n; k++) {
            if (tb[k].node && tb[k].node->kind == VB_N_TABLE)
                continue; /* not shown (table_slots) */
            pieces p = vb_lay_make_pieces(c, &r, VB_BLACK, tb[k].label, &tb[k].text);
            if (c->failed)
                return 0;
            /* as vb_lay_styled sets a cell's paragraph */
            vb_para_in in = {
                .pieces = p.v,
                .n = p.n,
                .align = r.align,
                .balanced = r.align == VB_ALIGN_CENTER,
            };
            double w = vb_para_min_width(c->sh, &in, c->st);
            if (w < 0)
                return 0;
            if (w > widest)
                widest = w;
        }
        cmin[i] = widest;
        csize[i] = r.size;
    }
    return 1;
}

/* Each column's minimum with every cell set at `size` (0: at its own
 * look): single cells first, then a spanning cell's lack shared alike by
 * its columns. Returns their sum. */
static double column_mins(const vb_grid *g, const double *cmin, const double *csize, double size, double pad,
                          double *m)
{
    memset(m, 0, g->n_cols * sizeof *m);
    for (int spans = 0; spans < 2; spans++)
        for (size_t i = 0; i < g->n_cells; i++) {
            const vb_grid_cell *gc = &g->cells[i];
            if ((gc->cs > 1) != spans || !gc->cs)
                continue;
            double need = cmin[i] * (size > 0 && csize[i] > 0 ? size / csize[i] : 1) + 2 * pad + ROUNDING_GUARD;
            double have = 0;
            for (size_t k = gc->c0; k < gc->c0 + gc->cs; k++)
                have += m[k];
            if (need > have)
                for (size_t k = gc->c0; k < gc->c0 + gc->cs; k++)
                    m[k] += (need - have) / (double)gc->cs;
        }
    double sum = 0;
    for (size_t k = 0; k < g->n_cols; k++)
        sum += m[k];
    return sum;
}

/* The sizes to try, largest first: the table's own (0 in sizes[0]), then
 * each whole point below it down to the layout's min-size, and min-size
 * itself. Returns how many. */
static size_t sizes_to_try(const vb_style *st, double own, double *sizes, size_t cap)
{
    size_t n = 0;
    sizes[n++] = 0;
    double lo = st->table_min_size;
    if (!(lo > 0) || lo >= own)
        return n;
    for (double s = ceil(own) - 1; s > lo && n + 1 < cap; s -= 1)
        sizes[n++] = s;
    sizes[n++] = lo;
    return n;
}

/* When the columns' shares break a word: each column's minimum, the
 * largest size whose minimums fit the table's pages, else a landscape
 * page's, else words broken; the columns shared again, and said. Returns
 * 0 on no memory. */
static int decide(lctx *c, const vb_table *t, tfit *f)
{
    const vb_style *st = c->st;
    vb_grid *g = &f->grid;
    double *cmin = vb_arena_calloc(c->a, g->n_cells + 1, sizeof *cmin);
    double *csize = vb_arena_calloc(c->a, g->n_cells + 1, sizeof *csize);
    double *m = vb_arena_calloc(c->a, g->n_cols, sizeof *m);
    if (!cmin || !csize || !m || !cell_mins(c, t, g, cmin, csize))
        return 0;
    double own = t->font_size > 0 ? t->font_size : st->role[VB_ROLE_BANG].size;
    double sizes[80];
    size_t ns = sizes_to_try(st, own, sizes, sizeof sizes / sizeof *sizes);
    double smallest = sizes[ns - 1] > 0 ? sizes[ns - 1] : own;

    /* the text width of the table's pages, then a landscape page's */
    const area *tries[2] = {f->area, f->area->landscape ? NULL : &c->landscape};
    double need_first = 0;
    int found = 0;
    for (size_t a = 0; a < 2 && tries[a] && !found; a++)
        for (size_t k = 0; k < ns && !found; k++) {
            double need = column_mins(g, cmin, csize, sizes[k], st->cell_pad_x, m);
            if (a == 0 && k + 1 == ns)
                need_first = need;
            if (need > tries[a]->width)
                continue;
            f->area = tries[a];
            f->size = sizes[k];
            f->fit = a ? VB_FIT_LANDSCAPE : k ? VB_FIT_SMALLER : VB_FIT_AS_IS;
            found = 1;
        }
    if (!found) {
        /* not even a landscape page at the smallest size holds them */
        f->area = tries[1] ? tries[1] : tries[0];
        f->size = sizes[ns - 1];
        f->fit = VB_FIT_BROKEN;
    }
    double need = column_mins(g, cmin, csize, f->size, st->cell_pad_x, m);
    if (vb_table_share_min(c->a, t, g, m, f->area->width) < 0)
        return 0;
    double shown = f->size > 0 ? f->size : own;
    switch (f->fit) {
    case VB_FIT_AS_IS:
        break;
    case VB_FIT_SMALLER:
        vb_diag_emit(c->diag, t->pos, VB_NOTE,
                     "the table is set at %g pt instead of %g pt, so that no word or number in it is broken", shown, own);
        break;
    case VB_FIT_LANDSCAPE:
        vb_diag_emit(c->diag, t->pos, VB_WARNING,
                     "the table's columns need %.0f mm at %g pt (no word or number broken), more than the %.0f mm of a "
                     "portrait page; it is set on a landscape page of its own, at %g pt",
                     need_first / PT_PER_MM, smallest, tries[0]->width / PT_PER_MM, shown);
        break;
    case VB_FIT_BROKEN:
        vb_diag_emit(c->diag, t->pos, VB_WARNING,
                     "the table's columns need %.0f mm at %g pt, more than the %.0f mm of a landscape page; words in it "
                     "are broken between letters",
                     need / PT_PER_MM, shown, f->area->width / PT_PER_MM);
        break;
    }
    return 1;
}

int vb_lay_table_fit(lctx *c, const vb_table *t, const area *A, tfit *f)
{
    memset(f, 0, sizeof *f);
    /* <bang huong="ngang"> in a portrait flow: landscape from the start */
    f->area = t->landscape && !A->landscape ? &c->landscape : A;
    if (!vb_table_grid(c->a, t, f->area->width, &f->grid, c->diag)) {
        if (f->grid.n_cols) /* columns, but no memory for them */
            c->failed = 1;
        return 0;
    }
    /* the columns' shares, kept when they break no word: the cells laid
     * out to see are the table's (most tables; the minimums are measured
     * only for the others) */
    tcell *cells = vb_arena_calloc(c->a, f->grid.n_cells + 1, sizeof *cells);
    long over = cells ? vb_lay_table_cells(c, t, &f->grid, 0, 1, cells) : -1;
    if (over < 0 || (over > 0 && !decide(c, t, f))) {
        c->failed = 1;
        return 0;
    }
    if (!over)
        f->cells = cells;
    if (vb_table_fixed_width(t) > f->area->width + 1e-6)
        vb_diag_emit(c->diag, t->pos, VB_WARNING, "the table's fixed columns are wider than the text; narrowed to fit");
    return 1;
}

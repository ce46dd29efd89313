/* table.c - placing a table's cells on its grid. */
#include "table.h"

#include <string.h>

/* Columns of a table without <cot>: its widest row, counting the columns
 * that cells from rows above still cover. Memory in proportion to the
 * columns, not to rows × columns. */
static size_t count_columns(vb_arena *a, const vb_table *t)
{
    size_t total = 0, na = 0, nc = 0;
    for (size_t r = 0; r < t->n_rows; r++)
        total += t->rows[r].n;
    size_t *ends = vb_arena_calloc(a, total + 1, sizeof *ends);   /* last row of a spanning cell */
    size_t *spans = vb_arena_calloc(a, total + 1, sizeof *spans); /* its width */
    if (!ends || !spans)
        return 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        size_t w = 0, keep = 0;
        for (size_t i = 0; i < na; i++)
            if (ends[i] >= r) {
                w += spans[i];
                ends[keep] = ends[i];
                spans[keep++] = spans[i];
            }
        na = keep;
        for (size_t i = 0; i < t->rows[r].n; i++) {
            const vb_cell *cl = &t->rows[r].cells[i];
            size_t cs = cl->colspan > 0 ? (size_t)cl->colspan : 1;
            w += cs;
            if (cl->rowspan > 1) {
                ends[na] = r + (size_t)cl->rowspan - 1;
                spans[na++] = cs;
            }
        }
        if (w > nc)
            nc = w;
    }
    return nc;
}

double vb_table_fixed_width(const vb_table *t)
{
    double fixed = 0;
    for (size_t i = 0; i < t->n_cols; i++)
        if (t->fixed[i])
            fixed += t->widths[i];
    return fixed;
}

void vb_table_share(const vb_table *t, vb_grid *g, double width)
{
    /* fixed columns as given, the rest by proportion of what they leave */
    size_t nc = g->n_cols;
    double fixed = 0, prop = 0;
    for (size_t i = 0; i < nc; i++) {
        if (i < t->n_cols && t->fixed[i])
            fixed += t->widths[i];
        else
            prop += i < t->n_cols && t->widths[i] > 0 ? t->widths[i] : 1;
    }
    double free_w = width - fixed, scale = 1;
    if (free_w < 0 || (prop == 0 && fixed > width)) {
        scale = width / fixed;
        free_w = 0;
    }
    g->x[0] = 0;
    for (size_t i = 0; i < nc; i++) {
        double w;
        if (i < t->n_cols && t->fixed[i])
            w = t->widths[i] * scale;
        else
            w = prop > 0 ? free_w * (i < t->n_cols && t->widths[i] > 0 ? t->widths[i] : 1) / prop : 0;
        g->x[i + 1] = g->x[i] + w;
    }
}

/* Water filling: each column max(min[i], k * want[i]), for the k that
 * makes them add up to width, found by pinning the columns that k leaves
 * below their minimum until none is left. Columns in `frozen` (NULL:
 * none) keep max(want, min). Returns 0 when no k serves (the minimums and
 * the frozen columns take more than the width). */
static int fill(size_t nc, const double *want, const double *min, const int *frozen, double width, double *out,
                int *pinned)
{
    for (size_t i = 0; i < nc; i++)
        pinned[i] = frozen && frozen[i];
    for (;;) {
        double left = width, share = 0;
        for (size_t i = 0; i < nc; i++) {
            double base = frozen && frozen[i] && want[i] > min[i] ? want[i] : min[i];
            out[i] = base;
            if (pinned[i])
                left -= base;
            else
                share += want[i];
        }
        if (left < -1e-9)
            return 0;
        if (share <= 0) /* nothing left to give way: the table stays narrower */
            return 1;
        double k = left / share;
        int more = 0;
        for (size_t i = 0; i < nc; i++)
            if (!pinned[i] && k * want[i] < min[i]) {
                pinned[i] = 1;
                more = 1;
            }
        if (more)
            continue;
        for (size_t i = 0; i < nc; i++)
            if (!pinned[i])
                out[i] = k * want[i];
        return 1;
    }
}

int vb_table_share_min(vb_arena *a, const vb_table *t, vb_grid *g, const double *min, double width)
{
    size_t nc = g->n_cols;
    vb_table_share(t, g, width);
    double need = 0;
    int ok = 1;
    for (size_t i = 0; i < nc; i++) {
        need += min[i];
        ok &= g->x[i + 1] - g->x[i] >= min[i];
    }
    if (ok)
        return 1;
    if (need > width + 1e-9) {
        /* they cannot fit: narrower than their minimums, in proportion */
        for (size_t i = 0; i < nc; i++)
            g->x[i + 1] = g->x[i] + (need > 0 ? min[i] * width / need : width / (double)nc);
        return 0;
    }
    double *want = vb_arena_calloc(a, nc, sizeof *want), *out = vb_arena_calloc(a, nc, sizeof *out);
    int *frozen = vb_arena_calloc(a, nc, sizeof *frozen), *pinned = vb_arena_calloc(a, nc, sizeof *pinned);
    if (!want || !out || !frozen || !pinned)
        return -1;
    int any_fixed = 0;
    for (size_t i = 0; i < nc; i++) {
        frozen[i] = i < t->n_cols && t->fixed[i];
        any_fixed |= frozen[i];
        /* a fixed column as given; a share column its share (at least its
         * minimum, should the fixed ones leave it nothing) */
        want[i] = frozen[i] ? t->widths[i] : g->x[i + 1] - g->x[i];
        if (!frozen[i] && want[i] < min[i])
            want[i] = want[i] > 0 ? want[i] : min[i];
    }
    /* the fixed columns keep their widths while the others can give way;
     * when they cannot, all give way alike */
    if (!(any_fixed && fill(nc, want, min, frozen, width, out, pinned)))
        fill(nc, want, min, NULL, width, out, pinned);
    for (size_t i = 0; i < nc; i++)
        g->x[i + 1] = g->x[i] + out[i];
    return 1;
}

int vb_table_grid(vb_arena *a, const vb_table *t, double width, vb_grid *g, vb_diag *diag)
{
    memset(g, 0, sizeof *g);
    if (!t || !t->n_rows)
        return 0;
    size_t nc = t->n_cols ? t->n_cols : count_columns(a, t), nr = t->n_rows;
    if (!nc)
        return 0;
    g->n_cols = nc;
    g->n_rows = nr;
    g->x = vb_arena_calloc(a, nc + 1, sizeof *g->x);
    size_t *busy = vb_arena_calloc(a, nc, sizeof *busy); /* 1 + the last row a cell above covers */
    size_t total = 0;
    for (size_t r = 0; r < nr; r++)
        total += t->rows[r].n;
    g->cells = vb_arena_calloc(a, total ? total : 1, sizeof *g->cells);
    if (!g->x || !busy || !g->cells)
        return 0;

    vb_table_share(t, g, width);

    /* the cells, left to right in the columns no cell from above covers */
    for (size_t r = 0; r < nr; r++) {
        size_t col = 0;
        for (size_t i = 0; i < t->rows[r].n; i++) {
            const vb_cell *cell = &t->rows[r].cells[i];
            while (col < nc && busy[col] > r)
                col++;
            if (col >= nc) {
                if (diag)
                    vb_diag_emit(diag, cell->pos, VB_WARNING, "this cell goes beyond the table's %zu columns and is left out", nc);
                continue;
            }
            size_t cs = cell->colspan > 0 ? (size_t)cell->colspan : 1;
            size_t rs = cell->rowspan > 0 ? (size_t)cell->rowspan : 1;
            if (col + cs > nc)
                cs = nc - col;
            if (r + rs > nr)
                rs = nr - r;
            g->cells[g->n_cells++] = (vb_grid_cell){cell, r, col, cs, rs};
            for (size_t k = col; k < col + cs; k++)
                busy[k] = r + rs;
            col += cs;
        }
    }
    while (g->n_head < nr && t->rows[g->n_head].header)
        g->n_head++;
    return 1;
}

vb_role vb_cell_look(const vb_style *st, const vb_table *t, const vb_cell *cell, int header, double size,
                     vb_role_style *look)
{
    vb_role role = header ? VB_ROLE_BANG_TIEU_DE : VB_ROLE_BANG;
    *look = st->role[role];
    if (size > 0)
        look->size = size;
    else if (t->font_size > 0)
        look->size = t->font_size;
    if (cell->bold)
        look->bold = 1;
    if (cell->align >= 0)
        look->align = (vb_align)cell->align;
    look->indent_first = look->indent_left = look->indent_right = 0;
    return role;
}

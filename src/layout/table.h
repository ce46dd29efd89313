/* table.h - a table's grid: where each cell stands and how wide each column
 * is. The PDF layout and the DOCX writer both set tables from it, so their
 * grids are the same. */
#ifndef VB_TABLE_H
#define VB_TABLE_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "model.h"
#include "style.h"

typedef struct vb_grid_cell {
    const vb_cell *cell;
    size_t r, c0;   /* first row and column */
    size_t cs, rs;  /* columns and rows it spans, clipped to the grid */
} vb_grid_cell;

typedef struct vb_grid {
    size_t n_cols, n_rows;
    double *x;          /* n_cols + 1 column edges, from 0 to the table's width (pt) */
    vb_grid_cell *cells; /* in reading order */
    size_t n_cells;
    size_t n_head;      /* header rows at the top */
} vb_grid;

/* Places the cells of t on its grid (the table's columns, or as many as its
 * widest row needs) and shares `width` among the columns as vb_table_share
 * does. Cells beyond the columns are left out. Warnings go to diag when it
 * is not NULL. Returns 0 when out of memory or the table is empty. */
int vb_table_grid(vb_arena *a, const vb_table *t, double width, vb_grid *g, vb_diag *diag);

/* The sum of the table's fixed columns (<cot rong="3cm">), pt. */
double vb_table_fixed_width(const vb_table *t);

/* Shares `width` among g's columns (g->x): fixed ones as given, the rest by
 * proportion of what they leave (the fixed ones narrowed all alike when
 * they are wider than `width`). */
void vb_table_share(const vb_table *t, vb_grid *g, double width);

/* Shares `width` among g's columns so that column i is at least min[i]
 * wide: as vb_table_share when that gives every column its minimum; else
 * the columns below it get it and the others give way in proportion to
 * their shares (the fixed ones keep their widths while the others can
 * give way). Returns 1; 0 when the minimums add up to more than `width`
 * (the columns then share it in proportion to their minimums); -1 on no
 * memory (scratch from a). */
int vb_table_share_min(vb_arena *a, const vb_table *t, vb_grid *g, const double *min, double width);

/* How a cell's paragraphs are set: the style of the table's body or of its
 * header rows (the role returned, its style copied into *look) at the
 * table's size, or at `size` when it is not 0 (the size layout chose,
 * vb_table_rec.size), with the cell's bold and alignment, and no indents.
 * Layout sets the cells so; the DOCX names the same look. */
vb_role vb_cell_look(const vb_style *st, const vb_table *t, const vb_cell *cell, int header, double size,
                     vb_role_style *look);

#endif

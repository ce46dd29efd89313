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
 * widest row needs) and shares `width` among the columns: fixed ones as
 * given, the rest by proportion (narrowed all alike when the fixed ones are
 * too wide). Cells beyond the columns are left out. Warnings go to diag
 * when it is not NULL. Returns 0 when out of memory or the table is empty. */
int vb_table_grid(vb_arena *a, const vb_table *t, double width, vb_grid *g, vb_diag *diag);

/* How a cell's paragraphs are set: the style of the table's body or of its
 * header rows (the role returned, its style copied into *look) at the
 * table's size, with the cell's bold and alignment, and no indents.
 * Layout sets the cells so; the DOCX names the same look. */
vb_role vb_cell_look(const vb_style *st, const vb_table *t, const vb_cell *cell, int header, vb_role_style *look);

#endif

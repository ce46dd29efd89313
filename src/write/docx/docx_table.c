/* docx_table.c - tables in the DOCX: the element writers (w:tbl, w:tblPr,
 * w:tr, w:tc …), the framed stamps (ô 10b, 11, 14) and the body's tables on
 * the grid layout gave them. */
#include "docx_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
        vb_docx_xml_attr_long(c->x, "w:sz", vb_docx_border_sz(width));
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
void vb_docx_write_w_tblPr(dctx *c, long width, long indent)
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

void vb_docx_write_w_tblGrid(dctx *c, const long *cols, size_t n)
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
void vb_docx_write_w_tr_start(dctx *c, int header, double exact_h)
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

/* <w:tc> with its properties; the caller writes the paragraphs and ends it. */
void vb_docx_write_w_tc_start(dctx *c, const dcell *d)
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
void vb_docx_write_frame_tc_start(dctx *c, long width)
{
    dcell d = {width, 1, NULL, NULL, 0, 0};
    vb_docx_write_w_tc_start(c, &d);
}

/* A cell ends with a paragraph: an empty one, as low as can be. */
void vb_docx_write_tiny_p(dctx *c)
{
    dpara e = vb_docx_empty_para(0);
    vb_docx_write_w_p(c, &e, NULL);
}

/* A word in a frame (ô 10b): a one-cell table `width` wide and stamp_h
 * high, centred in its column, its border and its text in `color`, the
 * text centred both ways. */
void vb_docx_write_stamp_tbl(dctx *c, vb_role role, const char *text, const vb_pframe *f)
{
    vb_docx_xml *x = c->x;
    long w = vb_docx_twips(f->w);
    uint32_t color = f->color;
    char rgb[8];
    snprintf(rgb, sizeof rgb, "%06X", (unsigned)(color & 0xFFFFFFu));
    vb_docx_xml_start(x, "w:tbl");
    vb_docx_xml_start(x, "w:tblPr");
    vb_docx_xml_val(x, "w:tblStyle", VB_DOCX_STYLE_TABLE);
    write_w_tblW(c, w);
    vb_docx_xml_val(x, "w:jc", "center");
    write_w_tblBorders(c, f->width, rgb);
    vb_docx_xml_empty(x, "w:tblLayout", "w:type", "fixed", NULL, NULL);
    write_w_tblLook(c);
    vb_docx_xml_end(x);
    vb_docx_write_w_tblGrid(c, &w, 1);
    vb_docx_write_w_tr_start(c, 0, f->h);
    dcell d = {w, 1, NULL, "center", 0, 0};
    vb_docx_write_w_tc_start(c, &d);
    druns r = {0};
    vb_docx_run_str(c, &r, text);
    dpara p = vb_docx_para_of(role, 0, 0);
    p.color = color;
    p.has_ind = 1; /* set in the frame's width, whatever the role's indents */
    vb_docx_write_w_p(c, &p, &r);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
}

/* The paragraphs of a cell, set as the PDF sets them: in the cell's look
 * (vb_cell_look) at the size layout chose (tr), spaced as layout recorded. */
static void write_cell_content(dctx *c, const vb_table *t, const vb_table_rec *tr, const vb_grid_cell *p, int header)
{
    vb_tblock *tb;
    size_t n = vb_node_blocks(c->a, p->cell->body, &tb);
    if (n == (size_t)-1) {
        c->nomem = 1;
        return;
    }
    vb_role_style *look = vb_arena_alloc(c->a, sizeof *look);
    if (!look) {
        c->nomem = 1;
        return;
    }
    vb_role role = vb_cell_look(c->st, t, p->cell, header, tr->size, look);
    int written = 0;
    for (size_t k = 0; k < n; k++) {
        /* the PDF shows no table inside a table cell */
        if (tb[k].node && tb[k].node->kind == VB_N_TABLE)
            continue;
        druns r = {0};
        vb_docx_run_inline(c, &r, tb[k].label, &tb[k].text);
        const vb_para_rec *rec = vb_docx_para_rec(c, role, vb_block_src(&tb[k]));
        dpara q = vb_docx_para_of(role, rec ? rec->space_above : 0, 0);
        q.look = look;
        q.has_ind = 1;
        vb_docx_write_mirrored_p(c, &q, &r, rec);
        written = 1;
    }
    if (!written)
        vb_docx_write_tiny_p(c);
}

/* A table of the body on the grid layout placed it on (vb_table_rec: the
 * columns, cells spanning columns and rows), the cells' room and lines,
 * the header rows repeated on every page, rows never split. */
void vb_docx_write_table(dctx *c, const vb_node *node)
{
    const vb_table *t = node->table;
    if (!t || !t->n_rows)
        return;
    /* the grid layout placed the table on */
    const vb_table_rec *tr = vb_pages_table(c->P, t);
    if (!tr)
        return;
    vb_grid grid = tr->grid;
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
    vb_docx_flow_table(c);
    vb_docx_xml_start(x, "w:tbl");
    vb_docx_xml_start(x, "w:tblPr");
    vb_docx_xml_val(x, "w:tblStyle", VB_DOCX_STYLE_TABLE);
    write_w_tblW(c, vb_docx_twips(cx[nc]));
    vb_docx_xml_empty(x, "w:tblInd", "w:w", "0", "w:type", "dxa");
    if (t->borders)
        write_w_tblBorders(c, tr->border, black);
    vb_docx_xml_empty(x, "w:tblLayout", "w:type", "fixed", NULL, NULL);
    double pad_y = tr->pad_y - (t->borders ? tr->border / 2 : 0);
    write_w_tblCellMar(c, tr->pad_x, pad_y > 0 ? pad_y : 0);
    write_w_tblLook(c);
    vb_docx_xml_end(x);
    vb_docx_write_w_tblGrid(c, cols, nc);
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
        vb_docx_write_w_tr_start(c, header, 0);
        for (size_t col = 0; col < nc;) {
            size_t o = cover[col];
            if (!o) {
                /* no cell here: an empty one without lines */
                dcell d = {cols[col], 1, NULL, NULL, 1, 0};
                vb_docx_write_w_tc_start(c, &d);
                vb_docx_write_tiny_p(c);
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
            vb_docx_write_w_tc_start(c, &d);
            if (p->r == r)
                write_cell_content(c, t, tr, p, t->rows[p->r].header);
            else
                vb_docx_write_tiny_p(c);
            vb_docx_xml_end(x);
            col += p->cs;
        }
        vb_docx_xml_end(x);
    }
    vb_docx_xml_end(x);
}

/* A stamp in the top margin: a one-cell table floating at (x, y) on the
 * page, w × h, its lines `border` pt thick, the text centred in height
 * and `pad` from the sides: the frame layout recorded (vb_pframe). */
void vb_docx_write_float_stamp(dctx *c, vb_role role, druns *r, const vb_para_rec *rec)
{
    vb_docx_xml *xw = c->x;
    const vb_pframe *f = rec->frame;
    /* the frame is placed in page 1's header block, whose origin is the
     * top margin's lower edge */
    double x = f->x, y = c->sect->margin_top + f->y, h = f->h, pad = f->pad;
    long tw = vb_docx_twips(f->w);
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
    write_w_tblBorders(c, f->width, "000000");
    vb_docx_xml_empty(xw, "w:tblLayout", "w:type", "fixed", NULL, NULL);
    write_w_tblCellMar(c, pad, 0);
    write_w_tblLook(c);
    vb_docx_xml_end(xw);
    vb_docx_write_w_tblGrid(c, &tw, 1);
    vb_docx_write_w_tr_start(c, 0, h);
    dcell d = {tw, 1, NULL, "center", 0, 0};
    vb_docx_write_w_tc_start(c, &d);
    dpara p = vb_docx_para_of(role, 0, 0);
    p.has_ind = 1; /* set in the box's width, whatever the role's indents */
    vb_docx_write_mirrored_p(c, &p, r, rec);
    vb_docx_xml_end(xw);
    vb_docx_xml_end(xw);
    vb_docx_xml_end(xw);
}

/* build_content.c - the content (build.h): the blocks of <noi_dung> and
 * <phu_luc> (phần, chương, mục, tiểu mục, điều, khoản, điểm, gạch, đoạn),
 * their titles and numbers, and tables with their grid. */
#include "build.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "style.h"

/* ---- which block goes where --------------------------------------------------------- */

static int is_block(ek k)
{
    return k >= E_DOAN && k <= E_BANG;
}

/* <phan> only in <noi_dung> or <phu_luc>, <chuong> there or in <phan>, the
 * rest anywhere (a table not in a table cell: read_content sees to that). */
static int block_allowed(ek parent, ek child)
{
    if (child == E_PHAN)
        return parent == E_NOI_DUNG || parent == E_PHU_LUC;
    if (child == E_CHUONG)
        return parent == E_NOI_DUNG || parent == E_PHU_LUC || parent == E_PHAN;
    return is_block(child);
}

typedef struct block_spec {
    vb_node_kind kind;
    unsigned char title;    /* <tieu_de>: 0 not allowed, 1 optional, 2 required */
    unsigned char text;     /* may hold text (one paragraph) instead of blocks */
    unsigned char numbered; /* takes so="N" and gets a number */
    const char *example;    /* blocks named in the "either text or blocks" message */
} block_spec;

static const block_spec *spec_of(ek k)
{
    static const block_spec body = {VB_N_BODY, 0, 0, 0, NULL};
    static const block_spec phan = {VB_N_PART, 2, 0, 1, NULL};
    static const block_spec chuong = {VB_N_CHAPTER, 2, 0, 1, NULL};
    static const block_spec muc = {VB_N_SECTION, 2, 0, 1, NULL};
    static const block_spec tieu_muc = {VB_N_SUBSECTION, 2, 0, 1, NULL};
    static const block_spec dieu = {VB_N_ARTICLE, 2, 1, 1, "<doan>, <khoan>"};
    static const block_spec khoan = {VB_N_CLAUSE, 1, 1, 1, "<doan>, <diem>"};
    static const block_spec diem = {VB_N_POINT, 0, 1, 1, "<doan>, <gach>"};
    static const block_spec gach = {VB_N_DASH, 0, 1, 0, "<doan>, <gach>"};
    static const block_spec o = {VB_N_CELL, 0, 1, 0, "<doan>, <gach>"};
    static const block_spec phu_luc = {VB_N_BODY, 2, 0, 0, NULL};
    switch (k) {
    case E_O: return &o;
    case E_PHU_LUC: return &phu_luc;
    case E_PHAN: return &phan;
    case E_CHUONG: return &chuong;
    case E_MUC: return &muc;
    case E_TIEU_MUC: return &tieu_muc;
    case E_DIEU: return &dieu;
    case E_KHOAN: return &khoan;
    case E_DIEM: return &diem;
    case E_GACH: return &gach;
    default: return &body;
    }
}

void vb_bld_read_content(bld *b, xmlNode *x, ek pk, vb_node *n);
static void read_table(bld *b, xmlNode *x, vb_node *parent);

static void read_title(bld *b, xmlNode *t, vb_node *n)
{
    vb_bld_check_attrs(b, t, vb_bld_no_attrs);
    vb_bld_read_inline(b, t, 0, &n->title);
    n->has_title = 1;
    if (vb_inline_empty(&n->title))
        vb_bld_err_node(b, t, VB_XML_MARK_SELF, "<tieu_de> has no text");
}

static void read_block(bld *b, xmlNode *x, vb_node *parent, int *count)
{
    static const char *const a_so[] = {"so", NULL};
    static const char *const a_phan[] = {"so", "kieu_so", NULL};
    ek k = vb_bld_kind_of(x);
    if (k == E_BANG) {
        read_table(b, x, parent);
        return;
    }
    if (k == E_DOAN) {
        vb_node *p = vb_bld_node_new(b, VB_N_PARA, vb_bld_noff(x));
        if (!p)
            return;
        vb_bld_read_field(b, x, &p->text);
        vb_node_append(parent, p);
        return;
    }
    const block_spec *sp = spec_of(k);
    vb_node *n = vb_bld_node_new(b, sp->kind, vb_bld_noff(x));
    if (!n)
        return;
    vb_bld_check_attrs(b, x, k == E_PHAN ? a_phan : sp->numbered ? a_so : vb_bld_no_attrs);
    if (sp->numbered) {
        int *last = k == E_DIEU ? &b->article : &count[sp->kind];
        size_t off = 0;
        long v = 0;
        const char *so = vb_bld_attr(b, x, "so", &off);
        if (so && !(vb_parse_uint(so, strlen(so), &v) && v >= 1 && v <= 9999)) {
            vb_bld_err_off(b, x, VB_XML_MARK_SELF, off, "so must be a whole number from 1 to 9999: '%s'", so);
            so = NULL;
        }
        n->number = so ? (int)v : *last + 1;
        *last = n->number;
    }
    if (k == E_PHAN) {
        size_t off = 0;
        const char *ks = vb_bld_attr(b, x, "kieu_so", &off);
        if (ks && strcmp(ks, "thu") == 0)
            n->ordinal_words = 1;
        else if (ks && strcmp(ks, "la_ma") != 0)
            vb_bld_err_off(b, x, VB_XML_MARK_SELF, off,
                           "kieu_so must be 'la_ma' (Phần I) or 'thu' (Phần thứ nhất): '%s'", ks);
    }
    vb_node_append(parent, n);
    vb_bld_read_content(b, x, k, n);
}

void vb_bld_read_content(bld *b, xmlNode *x, ek pk, vb_node *n)
{
    const block_spec *sp = spec_of(pk);
    int count[VB_N_KIND_COUNT] = {0};
    xmlNode *title = NULL, *first_inline = NULL, *first_block = NULL, *late_title = NULL;
    size_t inline_off = 0;
    int text_reported = 0;
    for (xmlNode *c = x->children; c; c = c->next) {
        if (vb_bld_is_text(c)) {
            if (vb_bld_blank(c->content))
                continue;
            if (sp->text) {
                if (!first_inline) {
                    first_inline = c;
                    inline_off = vb_bld_text_off(b, c);
                }
            } else if (!text_reported) {
                text_reported = 1;
                vb_bld_err_off(b, x, VB_XML_MARK_CONTENT, vb_bld_text_off(b, c),
                               "text is not allowed in <%s>: put it in <doan>", vb_bld_ek_name[pk]);
            }
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        ek k = vb_bld_kind_of(c);
        if (k == E_TIEU_DE && sp->title) {
            if (title)
                vb_bld_err_node(b, c, VB_XML_MARK_SELF, "<tieu_de> may appear only once in <%s>", vb_bld_ek_name[pk]);
            else if (first_block || first_inline) {
                vb_bld_err_node(b, c, VB_XML_MARK_SELF, "<tieu_de> must come first in <%s>", vb_bld_ek_name[pk]);
                late_title = c;
            }
            else {
                title = c;
                read_title(b, c, n);
            }
        } else if (sp->text && (k == E_B || k == E_I || k == E_U || k == E_XUONG_DONG)) {
            if (!first_inline) {
                first_inline = c;
                inline_off = vb_bld_noff(c);
            }
        } else if (k == E_BANG && b->in_cell) {
            vb_bld_err_node(b, c, VB_XML_MARK_SELF, "<bang> is not allowed in <%s>: a table cell cannot hold a table",
                            vb_bld_ek_name[pk]);
            if (!first_block)
                first_block = c; /* a block all the same: no "is empty" besides */
        } else if (is_block(k) && block_allowed(pk, k)) {
            if (!first_block)
                first_block = c;
            read_block(b, c, n, count);
        } else {
            vb_bld_bad_element(b, c, x);
        }
    }
    /* a điều without a heading runs its text in after “Điều 1.”: it must
     * start with that text (inline, or a first <doan>) */
    int run_in = pk == E_DIEU && (first_inline || (first_block && vb_bld_kind_of(first_block) == E_DOAN));
    if (sp->title == 2 && !title && !late_title && !run_in) {
        if (pk == E_DIEU && first_block)
            vb_bld_err_node(b, x, VB_XML_MARK_CONTENT,
                            "<dieu> needs <tieu_de>, or its text first (text, or a <doan>) to run in after 'Điều %d.'",
                            n->number);
        else
            vb_bld_err_node(b, x, VB_XML_MARK_CONTENT, "<%s> needs <tieu_de>", vb_bld_ek_name[pk]);
    }
    if (first_inline && first_block) {
        vb_bld_err_off(b, x, VB_XML_MARK_CONTENT, inline_off, "<%s> holds either text or blocks (%s …), not both",
                       vb_bld_ek_name[pk], sp->example);
    } else if (first_inline) {
        vb_node *p = vb_bld_node_new(b, VB_N_PARA, inline_off);
        if (!p)
            return;
        vb_bld_read_inline(b, x, 1, &p->text);
        if (vb_inline_empty(&p->text))
            vb_bld_err_node(b, x, VB_XML_MARK_SELF, "<%s> has no text", vb_bld_ek_name[pk]);
        p->from_text = 1;
        vb_node_append(n, p);
    } else if (!first_block && !title && (pk == E_KHOAN || pk == E_DIEM || pk == E_GACH)) {
        vb_bld_err_node(b, x, VB_XML_MARK_SELF, "<%s> is empty", vb_bld_ek_name[pk]);
    } else if ((pk == E_NOI_DUNG || pk == E_PHU_LUC) && !first_block) {
        vb_bld_err_node(b, x, VB_XML_MARK_CONTENT,
                        "<%s> needs content: <doan>, <phan>, <muc>, <dieu>, <khoan>, <bang> …", vb_bld_ek_name[pk]);
    }
}

/* ---- tables ---------------------------------------------------------------------------------- */

/* More columns than any page can show; the bound keeps the grid check small. */
#define MAX_COLUMNS 1000

/* <cot rong="…"/>: a length (fixed, in pt) or a share "2*" ("*" alone, or
 * no rong, is 1*). */
static void read_column(bld *b, xmlNode *c, double *width, int *fixed)
{
    static const char *const a_cot[] = {"rong", NULL};
    vb_bld_check_attrs(b, c, a_cot);
    vb_bld_check_empty(b, c, ": its width goes in its attribute rong");
    *width = 1;
    *fixed = 0;
    size_t off = 0;
    const char *v = vb_bld_attr(b, c, "rong", &off);
    if (!v)
        return;
    size_t n = strlen(v);
    double w = 0;
    if (n && v[n - 1] == '*') {
        if (n == 1 || vb_bld_parse_amount(v, n - 1, &w)) {
            *width = n == 1 ? 1 : w;
            return;
        }
    } else if ((w = vb_bld_parse_length(v)) > 0) {
        *width = w;
        *fixed = 1;
        return;
    }
    vb_bld_err_off(b, c, VB_XML_MARK_SELF, off,
                   "rong must be a length such as '30mm', '1.2cm' or '40pt', or a share such as '2*': '%.60s'", v);
}

/* <bang co_chu="…">: 6 to 20 pt, at most two decimals; 0 when absent. */
static double read_font_size(bld *b, xmlNode *x)
{
    size_t off = 0;
    const char *v = vb_bld_attr(b, x, "co_chu", &off);
    if (!v)
        return 0;
    size_t n = strlen(v), i = 0, ip = 0, fp = 0;
    while (i < n && v[i] >= '0' && v[i] <= '9')
        i++, ip++;
    if (i < n && v[i] == '.')
        for (i++; i < n && v[i] >= '0' && v[i] <= '9'; i++)
            fp++;
    double s = 0;
    int ok = i == n && ip >= 1 && ip <= 2 && (fp >= 1 || v[n - 1] != '.') && fp <= 2 &&
             vb_parse_real(v, n, &s) && s >= 6 && s <= 20;
    if (ok)
        return s;
    vb_bld_err_off(b, x, VB_XML_MARK_SELF, off,
                   "co_chu must be a size in points from 6 to 20, such as '12' or '11.5': '%.60s'", v);
    return 0;
}

static void read_cell(bld *b, xmlNode *o, vb_cell *cell, vb_node *table)
{
    static const char *const attrs[] = {"gop_cot", "gop_dong", "can", "doc", "dam", NULL};
    static const char *const aligns[] = {"trai", "giua", "phai", "deu", NULL};
    static const vb_align align_of[] = {VB_ALIGN_LEFT, VB_ALIGN_CENTER, VB_ALIGN_RIGHT, VB_ALIGN_JUSTIFY};
    static const char *const valigns[] = {"tren", "giua", "duoi", NULL};
    static const vb_valign valign_of[] = {VB_VALIGN_TOP, VB_VALIGN_MIDDLE, VB_VALIGN_BOTTOM};
    static const char *const yes_no[] = {"co", "khong", NULL};
    vb_bld_check_attrs(b, o, attrs);
    cell->pos = vb_bld_pos(b, vb_bld_noff(o));
    cell->colspan = vb_bld_whole_attr(b, o, "gop_cot", 999);
    cell->rowspan = vb_bld_whole_attr(b, o, "gop_dong", 999);
    int i = vb_bld_pick(b, o, "can", aligns, -1);
    cell->align = i >= 0 ? (int)align_of[i] : -1;
    i = vb_bld_pick(b, o, "doc", valigns, 0);
    cell->valign = valign_of[i >= 0 ? i : 0];
    cell->bold = vb_bld_pick(b, o, "dam", yes_no, 1) == 0;
    cell->body = vb_bld_node_new(b, VB_N_CELL, vb_bld_noff(o));
    if (!cell->body)
        return;
    /* not one of the table node's children (the table is a leaf of the
     * tree), but it knows where it stands */
    cell->body->parent = table;
    b->in_cell++;
    vb_bld_read_content(b, o, E_O, cell->body);
    b->in_cell--;
}

/* Puts the cells on the grid as the layout will: each cell takes the first
 * free column of its row, right of the cells before it and of the cells
 * spanning down from the rows above. Reports cells outside the grid, header
 * rows below the others and header cells spanning into them; warns about
 * rows that leave columns empty. */
static void check_grid(bld *b, xmlNode *x, const vb_table *t)
{
    size_t nr = t->n_rows, ncols = t->n_cols, cap = ncols ? ncols : 16, maxw = 0;
    size_t *busy = calloc(cap, sizeof *busy); /* per column: the first row below the cell covering it */
    long *cover = calloc(nr + 1, sizeof *cover); /* per row: change in the columns covered */
    size_t errors = vb_diag_errors(b->diag);
    if (!busy || !cover) {
        b->nomem = 1;
        goto done;
    }
    int seen_body = 0;
    size_t r = 0;
    for (xmlNode *rx = x->children; rx && r < nr; rx = rx->next) {
        if (rx->type != XML_ELEMENT_NODE || vb_bld_kind_of(rx) != E_DONG)
            continue;
        const vb_row *row = &t->rows[r];
        if (row->header && seen_body)
            vb_bld_err_node(b, rx, VB_XML_MARK_SELF,
                            "a header row (<dong tieu_de=\"co\">) must come before the table's other rows");
        seen_body |= !row->header;
        size_t col = 0, i = 0;
        for (xmlNode *ox = rx->children; ox && i < row->n; ox = ox->next) {
            if (ox->type != XML_ELEMENT_NODE || vb_bld_kind_of(ox) != E_O)
                continue;
            const vb_cell *cell = &row->cells[i++];
            while (col < cap && busy[col] > r)
                col++;
            size_t cs = (size_t)cell->colspan, rs = (size_t)cell->rowspan;
            if (ncols) {
                if (col >= ncols) {
                    vb_bld_err_node(b, ox, VB_XML_MARK_SELF,
                                    "<o> starts at column %zu, but the table has %zu columns (<cot>)", col + 1, ncols);
                    continue;
                }
                if (col + cs > ncols) {
                    vb_bld_err_node(b, ox, VB_XML_MARK_SELF,
                                    "<o> spans columns %zu to %zu, but the table has %zu columns (<cot>)", col + 1,
                                    col + cs, ncols);
                    cs = ncols - col;
                }
            } else if (col + cs > MAX_COLUMNS) {
                vb_bld_err_node(b, ox, VB_XML_MARK_SELF, "<o> reaches column %zu; a table has at most %d columns",
                                col + cs, MAX_COLUMNS);
                continue;
            } else if (col + cs > cap) {
                size_t nc = cap;
                while (nc < col + cs)
                    nc *= 2;
                size_t *nb = realloc(busy, nc * sizeof *nb);
                if (!nb) {
                    b->nomem = 1;
                    goto done;
                }
                memset(nb + cap, 0, (nc - cap) * sizeof *nb);
                busy = nb;
                cap = nc;
            }
            if (r + rs > nr) {
                vb_bld_err_node(b, ox, VB_XML_MARK_SELF, "<o> spans rows %zu to %zu, but the table has %zu rows", r + 1,
                                r + rs, nr);
                rs = nr - r;
            }
            for (size_t q = r + 1; row->header && q < r + rs; q++) {
                if (!t->rows[q].header) {
                    vb_bld_err_node(b, ox, VB_XML_MARK_SELF,
                                    "<o> in a header row spans into row %zu, which is not a header row", q + 1);
                    break;
                }
            }
            for (size_t c = col; c < col + cs; c++)
                busy[c] = r + rs;
            cover[r] += (long)cs;
            cover[r + rs] -= (long)cs;
            col += cs;
            if (col > maxw)
                maxw = col;
        }
        r++;
    }
    if (vb_diag_errors(b->diag) > errors)
        goto done; /* rows that do not fill the grid follow from those */
    size_t width = ncols ? ncols : maxw;
    long filled = 0;
    for (r = 0; r < nr; r++) {
        filled += cover[r];
        if ((size_t)filled < width && t->rows[r].n) /* an empty row is reported already */
            vb_diag_emit(b->diag, t->rows[r].pos, VB_WARNING, "the row fills %ld of the table's %zu columns", filled,
                         width);
    }
done:
    free(busy);
    free(cover);
}

static void read_table(bld *b, xmlNode *x, vb_node *parent)
{
    static const char *const attrs[] = {"huong", "vien", "co_chu", NULL};
    static const char *const a_dong[] = {"tieu_de", NULL};
    static const char *const huong[] = {"doc", "ngang", NULL};
    static const char *const yes_no[] = {"co", "khong", NULL};
    static const seq_item seq[] = {{E_COT, 0, 0, 0}, {E_DONG, 1, 0, 0}};
    static const seq_item row_seq[] = {{E_O, 1, 0, 0}};
    vb_node *n = vb_bld_node_new(b, VB_N_TABLE, vb_bld_noff(x));
    vb_table *t = n ? vb_arena_calloc(b->a, 1, sizeof *t) : NULL;
    if (!t) {
        b->nomem = 1;
        return;
    }
    n->table = t;
    t->pos = n->pos;
    vb_bld_check_attrs(b, x, attrs);
    t->landscape = vb_bld_pick(b, x, "huong", huong, 0) == 1;
    t->borders = vb_bld_pick(b, x, "vien", yes_no, 0) != 1;
    t->font_size = read_font_size(b, x);
    vb_bld_check_seq(b, x, seq, 2);
    vb_node_append(parent, n);
    size_t nc = vb_bld_count_children(x, E_COT), nr = vb_bld_count_children(x, E_DONG);
    if (nc) {
        t->widths = vb_arena_calloc(b->a, nc, sizeof *t->widths);
        t->fixed = vb_arena_calloc(b->a, nc, sizeof *t->fixed);
    }
    if (nr)
        t->rows = vb_arena_calloc(b->a, nr, sizeof *t->rows);
    if ((nc && (!t->widths || !t->fixed)) || (nr && !t->rows)) {
        b->nomem = 1;
        return;
    }
    for (xmlNode *c = x->children; c && !b->nomem; c = c->next) {
        ek k = c->type == XML_ELEMENT_NODE ? vb_bld_kind_of(c) : E_UNKNOWN;
        if (k == E_COT) {
            read_column(b, c, &t->widths[t->n_cols], &t->fixed[t->n_cols]);
            t->n_cols++;
        } else if (k == E_DONG) {
            vb_row *row = &t->rows[t->n_rows++];
            vb_bld_check_attrs(b, c, a_dong);
            row->pos = vb_bld_pos(b, vb_bld_noff(c));
            row->header = vb_bld_pick(b, c, "tieu_de", yes_no, 1) == 0;
            vb_bld_check_seq(b, c, row_seq, 1);
            size_t no = vb_bld_count_children(c, E_O);
            row->cells = no ? vb_arena_calloc(b->a, no, sizeof *row->cells) : NULL;
            if (no && !row->cells) {
                b->nomem = 1;
                return;
            }
            for (xmlNode *o = c->children; o && !b->nomem; o = o->next)
                if (o->type == XML_ELEMENT_NODE && vb_bld_kind_of(o) == E_O)
                    read_cell(b, o, &row->cells[row->n++], n);
        }
    }
    if (!b->nomem)
        check_grid(b, x, t);
}


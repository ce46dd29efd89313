/* draft.c - the draft marking, laid out after the pages are made.
 *
 * The numbers below are the marking's own (the decree says nothing of
 * drafts): a label in the number's bold face, a little smaller than the
 * number, in a frame of one thin line; a watermark in bold capitals across
 * the page's diagonal, in a grey light enough to read the text through. */
#include "draft.h"

#include <math.h>
#include <string.h>

#include "shape.h"

#define LABEL_PAD_X 3.0       /* text to frame, left and right */
#define LABEL_PAD_Y 2.0       /* above the ascent, below the descent */
#define LABEL_GAP 8.0         /* from the number to the frame */
#define LABEL_MIN_SPACE 6.0   /* the frame keeps this far from the place and date */

const char vb_draft_label = 0;

/* The label as a paragraph record with its frame, for the DOCX: the frame
 * in page 1's header block's coordinates (y from the top margin's lower
 * edge), one line. */
static vb_err record_label(vb_pages *P, const vb_style *st, const char *text, const vb_line *line, double x,
                           double top, double w, double h, vb_arena *a)
{
    if (P->n_paras == P->cap_paras) {
        size_t cap = P->cap_paras ? P->cap_paras * 2 : 16;
        vb_para_rec *v = vb_arena_grow(a, P->paras, P->n_paras, cap, sizeof *v);
        if (!v)
            return VB_ERR_NOMEM;
        P->paras = v;
        P->cap_paras = cap;
    }
    vb_pline *pl = vb_arena_calloc(a, 1, sizeof *pl);
    vb_pframe *fr = vb_arena_calloc(a, 1, sizeof *fr);
    if (!pl || !fr)
        return VB_ERR_NOMEM;
    uint32_t len = (uint32_t)strlen(text);
    *pl = (vb_pline){0, len, 0, line->width};
    *fr = (vb_pframe){x, top - st->margin_top, w, h, LABEL_PAD_X, st->draft_frame, VB_BLACK};
    vb_para_rec *r = &P->paras[P->n_paras++];
    memset(r, 0, sizeof *r);
    r->role = VB_ROLE_SO_KY_HIEU;
    r->src = &vb_draft_label;
    r->text = text;
    r->len = len;
    r->lines = pl;
    r->n_lines = 1;
    r->space_x = x + LABEL_PAD_X;
    r->space_w = w - 2 * LABEL_PAD_X;
    r->pitch = h - 2 * LABEL_PAD_Y;
    r->frame = fr;
    return vb_pages_index(P, a) ? VB_OK : VB_ERR_NOMEM;
}

/* One line of text in one face and size, as glyph runs with x from 0 and
 * the baseline at y = 0. */
static int set_line(vb_shaper *sh, const vb_style *st, vb_arena *a, const char *text, vb_face_id face, double size,
                    vb_line *out)
{
    vb_piece piece = {.text = text, .len = strlen(text), .face = face, .size = size, .color = VB_BLACK};
    vb_para_in in = {.pieces = &piece, .n = 1, .width = 1e6, .align = VB_ALIGN_LEFT};
    vb_para_out po;
    if (!vb_para_layout(sh, &in, st, a, &po) || po.n != 1)
        return 0;
    *out = po.lines[0];
    return 1;
}

/* Puts room for one item at the front of the page's items. */
static vb_item *front_item(vb_page *pg, vb_arena *a)
{
    vb_item *v = vb_arena_array_raw(a, pg->n_items + 1, sizeof *v);
    if (!v)
        return NULL;
    if (pg->n_items)
        memcpy(v + 1, pg->items, pg->n_items * sizeof *v);
    pg->items = v;
    pg->n_items++;
    pg->cap_items = pg->n_items;
    memset(&v[0], 0, sizeof v[0]);
    return &v[0];
}

static vb_item *back_item(vb_page *pg, vb_arena *a)
{
    if (pg->n_items == pg->cap_items) {
        size_t cap = pg->cap_items ? pg->cap_items * 2 : 8;
        vb_item *v = vb_arena_grow(a, pg->items, pg->n_items, cap, sizeof *v);
        if (!v)
            return NULL;
        pg->items = v;
        pg->cap_items = cap;
    }
    vb_item *it = &pg->items[pg->n_items++];
    memset(it, 0, sizeof *it);
    return it;
}

static const vb_box *find_box(const vb_pages *P, const char *name, int page)
{
    for (size_t i = 0; i < P->n_boxes; i++)
        if (P->boxes[i].page == page && P->boxes[i].name && !strcmp(P->boxes[i].name, name))
            return &P->boxes[i];
    return NULL;
}

/* Does the rectangle meet any element layout recorded on the first page? */
static int overlaps(const vb_pages *P, double x, double y, double w, double h)
{
    for (size_t i = 0; i < P->n_boxes; i++) {
        const vb_box *b = &P->boxes[i];
        if (b->page == 0 && b->x < x + w && x < b->x + b->w && b->y < y + h && y < b->y + b->h)
            return 1;
    }
    return 0;
}

static vb_err add_box(vb_pages *P, vb_arena *a, const char *name, double x, double y, double w, double h, double base)
{
    if (P->n_boxes == P->cap_boxes) {
        size_t cap = P->cap_boxes ? P->cap_boxes * 2 : 16;
        vb_box *v = vb_arena_grow(a, P->boxes, P->n_boxes, cap, sizeof *v);
        if (!v)
            return VB_ERR_NOMEM;
        P->boxes = v;
        P->cap_boxes = cap;
    }
    vb_box *b = &P->boxes[P->n_boxes++];
    memset(b, 0, sizeof *b);
    b->name = name;
    b->x = (float)x;
    b->y = (float)y;
    b->w = (float)w;
    b->h = (float)h;
    b->baseline = (float)base;
    return VB_OK;
}

/* The label in its frame beside the number on the first page. */
static vb_err label(vb_pages *P, vb_shaper *sh, const vb_style *st, const vb_fontset *fs, const char *text,
                    vb_arena *a)
{
    const vb_box *num = find_box(P, "so_ky_hieu", 0);
    if (!num || !P->n_pages)
        return VB_OK; /* a form without a number: the watermark says it */
    vb_line line;
    if (!set_line(sh, st, a, text, VB_FACE_BOLD, st->draft_size, &line))
        return VB_ERR_NOMEM;
    const vb_face *f = vb_fontset_face(fs, VB_FACE_BOLD);
    double asc = vb_face_ascent(f, st->draft_size), desc = vb_face_descent(f, st->draft_size);
    double w = line.width + 2 * LABEL_PAD_X, h = asc + desc + 2 * LABEL_PAD_Y;
    /* beside the number, on its baseline, when the line has room before
     * the place and date; else centred under the number when nothing is
     * there (a công văn's V/v is); else centred over the agency's column in
     * the top margin, clear of the header. The marking comes after layout,
     * so it takes free room and never moves what layout placed. */
    const vb_box *date = find_box(P, "dia_danh_ngay", 0);
    double x = num->x + num->w + LABEL_GAP, base = num->baseline;
    double limit = date && date->x > num->x ? date->x - LABEL_MIN_SPACE : P->pages[0].width;
    if (x + w > limit) {
        x = num->x + (num->w - w) / 2;
        base = num->y + num->h + LABEL_PAD_Y + asc + 2;
        if (overlaps(P, x, base - asc - LABEL_PAD_Y, w, h)) {
            double header_top = num->y;
            for (size_t i = 0; i < P->n_boxes; i++)
                if (P->boxes[i].page == 0 && P->boxes[i].y < header_top && P->boxes[i].h > 0)
                    header_top = P->boxes[i].y;
            base = header_top - LABEL_GAP - desc - LABEL_PAD_Y;
        }
    }
    double top = base - asc - LABEL_PAD_Y;
    vb_page *pg = &P->pages[0];
    for (size_t r = 0; r < line.n_runs; r++) {
        vb_item *it = back_item(pg, a);
        if (!it)
            return VB_ERR_NOMEM;
        it->kind = VB_ITEM_TEXT;
        it->role = VB_ROLE_SO_KY_HIEU;
        it->color = VB_BLACK;
        it->u.text = line.runs[r];
        it->u.text.x += (float)(x + LABEL_PAD_X - line.x);
        it->u.text.y = (float)base;
    }
    vb_item *fr = back_item(pg, a);
    if (!fr)
        return VB_ERR_NOMEM;
    fr->kind = VB_ITEM_FRAME;
    fr->role = VB_ROLE_SO_KY_HIEU;
    fr->color = VB_BLACK;
    fr->u.frame.x = (float)x;
    fr->u.frame.y = (float)top;
    fr->u.frame.w = (float)w;
    fr->u.frame.h = (float)h;
    fr->u.frame.width = (float)st->draft_frame;
    vb_err err = add_box(P, a, "du_thao", x, top, w, h, base);
    return err ? err : record_label(P, st, text, &line, x, top, w, h, a);
}

/* The watermark across the page, centred, along the diagonal from the
 * lower left to the upper right. */
static vb_err watermark(vb_pages *P, vb_shaper *sh, const vb_style *st, const vb_fontset *fs, vb_arena *a)
{
    const char *text = "DỰ THẢO";
    const vb_face *f = vb_fontset_face(fs, VB_FACE_BOLD);
    for (size_t p = 0; p < P->n_pages; p++) {
        vb_page *pg = &P->pages[p];
        double diag = hypot(pg->width, pg->height);
        vb_line probe;
        if (!set_line(sh, st, a, text, VB_FACE_BOLD, 100, &probe) || !(probe.width > 0))
            return VB_ERR_NOMEM;
        double size = 100 * st->draft_span * diag / probe.width;
        vb_line line;
        if (!set_line(sh, st, a, text, VB_FACE_BOLD, size, &line))
            return VB_ERR_NOMEM;
        double angle = atan2(pg->height, pg->width); /* radians, up from the x axis */
        double c = cos(angle), s = sin(angle);
        double cap = (double)f->cap_height * size / f->upem;
        /* y grows downwards: along the text is (c, -s), "down" across it (s, c) */
        double ox = pg->width / 2 - c * line.width / 2 + s * cap / 2;
        double oy = pg->height / 2 + s * line.width / 2 + c * cap / 2;
        for (size_t r = line.n_runs; r-- > 0;) {
            vb_item *it = front_item(pg, a);
            if (!it)
                return VB_ERR_NOMEM;
            vb_glyph_run run = line.runs[r];
            double dx = run.x - line.x;
            run.x = (float)(ox + c * dx);
            run.y = (float)(oy - s * dx);
            run.color = st->draft_color;
            run.angle = (float)(angle * 180 / M_PI);
            it->kind = VB_ITEM_TEXT;
            it->role = -1;
            it->color = st->draft_color;
            it->u.text = run;
        }
    }
    return VB_OK;
}

vb_err vb_layout_mark_draft(vb_pages *pages, const vb_style *st, const vb_fontset *fs, int round, vb_arena *a)
{
    /* in the arena: the runs point into their text until the pages go */
    const char *text = round > 0 ? vb_arena_printf(a, "DỰ THẢO LẦN %d", round % 1000000) : "DỰ THẢO";
    vb_shaper *sh = text ? vb_shaper_new(fs) : NULL;
    if (!sh)
        return VB_ERR_NOMEM;
    vb_err err = label(pages, sh, st, fs, text, a);
    if (!err)
        err = watermark(pages, sh, st, fs, a);
    vb_shaper_free(sh);
    return err;
}

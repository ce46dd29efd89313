/* layout_header.c - page 1's header block: the agency column (ô 2), the
 * national title and motto (ô 1), number and date (ô 3, 4), V/v (ô 5b),
 * secrecy and urgency (ô 10), the type name and trích yếu (ô 5a), Kính gửi
 * (ô 9a), and in the top margin the circulation notes (ô 11) and the
 * e-copy stamp (ô 14). */
#include "layout_priv.h"

#include <stdio.h>
#include <string.h>

/* ---- page 1: the header block ---------------------------------------------------- */

/* The agency column (ô 2): parent, agency, for a joint document the second
 * pair, and the rule. Returns the bottom. */
double vb_lay_agency_column(lctx *c, composite *k, const vb_inline *parent, const vb_inline *agency,
                            const vb_inline *parent2, const vb_inline *agency2, double lx, double lw)
{
    tblock b;
    double y = 0;
    if (parent->n) {
        vb_lay_text(c, &b, VB_ROLE_CO_QUAN_CHU_QUAN, vb_lay_make_pieces(c, vb_lay_rs(c, VB_ROLE_CO_QUAN_CHU_QUAN), VB_BLACK, NULL, parent), lx, lw, c->doc->pos, parent);
        y = vb_lay_comp_text(c, k, &b, y, "co_quan_chu_quan");
    }
    vb_lay_text(c, &b, VB_ROLE_CO_QUAN, vb_lay_make_pieces(c, vb_lay_rs(c, VB_ROLE_CO_QUAN), VB_BLACK, NULL, agency), lx, lw, c->doc->pos, agency);
    y = vb_lay_comp_text(c, k, &b, y, "co_quan");
    tblock first = b; /* the rule measures the wider of the two names */
    if (agency2 && agency2->n) {
        /* a joint document: the second agency under the first, then one rule */
        if (parent2->n) {
            vb_lay_text(c, &b, VB_ROLE_CO_QUAN_CHU_QUAN, vb_lay_make_pieces(c, vb_lay_rs(c, VB_ROLE_CO_QUAN_CHU_QUAN), VB_BLACK, NULL, parent2), lx, lw, c->doc->pos, parent2);
            y = vb_lay_comp_text(c, k, &b, y, "co_quan_chu_quan_2");
        }
        vb_lay_text(c, &b, VB_ROLE_CO_QUAN, vb_lay_make_pieces(c, vb_lay_rs(c, VB_ROLE_CO_QUAN), VB_BLACK, NULL, agency2), lx, lw, c->doc->pos, agency2);
        y = vb_lay_comp_text(c, k, &b, y, "co_quan_2");
    }
    const tblock *wide = first.para.max_width > b.para.max_width ? &first : &b;
    return vb_lay_rule_under(c, k, "co_quan_rule", wide, y - b.pitch + b.base, c->st->agency_rule_ratio);
}

/* ô 1: Quốc hiệu, Tiêu ngữ and its rule. Returns the bottom. */
static double national_column(lctx *c, composite *k, double rx, double rw)
{
    tblock b;
    vb_lay_text(c, &b, VB_ROLE_QUOC_HIEU, vb_lay_text_pieces(c, vb_lay_rs(c, VB_ROLE_QUOC_HIEU), VB_BLACK, VB_QUOC_HIEU), rx, rw, c->doc->pos, NULL);
    double y = vb_lay_comp_text(c, k, &b, 0, "quoc_hieu");
    /* the motto: ASCII hyphen-minus with a space each side, as the decree prints it */
    vb_lay_text(c, &b, VB_ROLE_TIEU_NGU, vb_lay_text_pieces(c, vb_lay_rs(c, VB_ROLE_TIEU_NGU), VB_BLACK, VB_TIEU_NGU), rx, rw, c->doc->pos, NULL);
    return vb_lay_text_with_rule(c, k, &b, y, "tieu_ngu", "tieu_ngu_rule", c->st->motto_rule_ratio);
}

/* Records the frame round a block (page.h's vb_pframe). */
static void frame_record(lctx *c, const tblock *b, double x, double y, double w, double h, double pad, double width,
                         uint32_t color)
{
    vb_pframe *f = vb_arena_alloc(c->a, sizeof *f);
    if (!f) {
        c->failed = 1;
        return;
    }
    *f = (vb_pframe){x, y, w, h, pad, width, color};
    if (b->rec)
        c->pages->paras[b->rec - 1].frame = f;
}

/* A word in a frame centred in a column (ô 10b, 11). Returns the bottom. */
static double framed(lctx *c, composite *k, vb_role role, const char *text, double fw, double cx, double top,
                     uint32_t color, const char *name, const void *src, double above)
{
    const vb_style *st = c->st;
    tblock b;
    vb_lay_styled(c, &b, role, vb_lay_rs(c, role), vb_lay_text_pieces(c, vb_lay_rs(c, role), color, text), cx - fw / 2, fw, 0, 0, c->doc->pos, src);
    double fh = st->stamp_h;
    vb_lay_frame_add(c, k, cx - fw / 2, top, fw, fh, st->frame_width, color);
    frame_record(c, &b, cx - fw / 2, top, fw, fh, 0, st->frame_width, color);
    vb_lay_space_above(c, &b, above);
    vb_lay_comp_box(c, k, name, cx - fw / 2, top, fw, fh, top);
    /* the text's line box centred in the frame */
    double lt = top + (fh - b.pitch) / 2;
    for (size_t i = 0; i < b.para.n && i < 1; i++)
        vb_lay_emit_line(c, &b, i, k, -1, lt + b.base);
    return top + fh;
}

/* The right edge of a block's widest line, from the page's left edge. */
static double right_edge(const tblock *b)
{
    double x = b->col_x;
    for (size_t i = 0; i < b->para.n; i++) {
        double e = b->col_x + b->para.lines[i].x + b->para.lines[i].width;
        if (e > x)
            x = e;
    }
    return x;
}

/* ô 4, the place and date, never wraps (a clerk would not sign "…, ngày 20
 * tháng 12 / năm 2024"): a line too long for its column at the layout's
 * size steps down to 13 pt (the decree allows 13–14), and if it is still too
 * long the column widens to the left into the free space beside the number
 * (ô 3), as the decree's forms set a long place name, keeping
 * PLACE_DATE_GAP from the number's text. */
#define PLACE_DATE_MIN_SIZE 13.0
#define PLACE_DATE_GAP 8.5 /* pt, 3 mm */
void vb_lay_place_date(lctx *c, tblock *b, const char *text, double rx, double rw, const tblock *number, vb_srcpos pos,
                       const void *src)
{
    vb_role_style r = *vb_lay_rs(c, VB_ROLE_DIA_DANH_NGAY);
    size_t len = strlen(text);
    double avail = rw - r.indent_left - r.indent_right;
    double w = vb_shape_width(c->sh, vb_face_for(r.bold, r.italic), r.size, text, len);
    if (w > avail && r.size > PLACE_DATE_MIN_SIZE) {
        r.size = PLACE_DATE_MIN_SIZE;
        w = vb_shape_width(c->sh, vb_face_for(r.bold, r.italic), r.size, text, len);
    }
    if (w > avail) {
        double free_left = right_edge(number) + PLACE_DATE_GAP;
        double grow = w - avail + 3; /* and 1 mm: a word processor measures a little differently */
        if (rx - grow < free_left)
            grow = rx > free_left ? rx - free_left : 0;
        rx -= grow;
        rw += grow;
    }
    int ok = vb_lay_styled(c, b, VB_ROLE_DIA_DANH_NGAY, &r, vb_lay_text_pieces(c, &r, VB_BLACK, text), rx, rw,
                           r.indent_first, 0, pos, src);
    if (ok && b->rec && r.size != vb_lay_rs(c, VB_ROLE_DIA_DANH_NGAY)->size)
        c->pages->paras[b->rec - 1].size = r.size;
    if (ok && b->para.n > 1 && !c->measuring)
        vb_diag_emit(c->diag, pos, VB_WARNING,
                     "the place and date take %zu lines: even at %g pt and widened to the number they are %.0f mm "
                     "long, the room is %.0f mm; shorten the place name",
                     b->para.n, r.size, w / 72 * 25.4, (rw - r.indent_left - r.indent_right) / 72 * 25.4);
}

/* Page 1's header; with full == 0 only rows {ô 2 | ô 1} (an attached
 * text's first page). Origin: the top margin's lower edge, the page's left
 * edge. */
void vb_lay_header_unit(lctx *c, const void *src)
{
    const vb_style *st = c->st;
    vb_unit_rec *u = vb_lay_unit(c, VB_UNIT_HEADER, src);
    if (!u)
        return;
    u->x = -st->header_shift;
    u->cols[0] = st->header_left_w;
    u->cols[1] = st->header_right_w;
}

void vb_lay_header_block(lctx *c, composite *k, int full)
{
    const vb_doc *d = c->doc;
    const vb_style *st = c->st;
    const area *ar = &c->portrait;
    double lx = ar->left - st->header_shift, lw = st->header_left_w;
    double rx = lx + lw, rw = st->header_right_w;
    vb_form form = d->type ? d->type->form : VB_FORM_TYPED;
    tblock b;

    if (full) {
        /* ô 11 circulation notes and ô 14 the e-copy stamp, in the top margin */
        double fy = -st->stamp_h - st->stamp_gap / 2;
        double cx = ar->left + ar->width * st->circulation_center;
        for (size_t i = 0; i < d->n_circulation; i++) {
            size_t len = 0;
            char *t = vb_inline_plain(c->a, &d->circulation[i], " ", &len);
            const vb_role_style *r = vb_lay_rs(c, VB_ROLE_CHI_DAN);
            double w = vb_shape_width(c->sh, vb_face_for(r->bold, r->italic), r->size, t, len) + 2 * st->stamp_pad;
            framed(c, k, VB_ROLE_CHI_DAN, t, w, cx, fy - (double)(d->n_circulation - 1 - i) * (st->stamp_h + st->stamp_gap / 2), VB_BLACK, "chi_dan", &d->circulation[i], 0);
        }
        if (d->ecopy.n) {
            /* the decree's sample box reaches from the text's right part into
             * the right margin. With a circulation note too, the box goes up
             * to the paper's top part and the note stays just above the
             * Quốc hiệu. */
            double bx = ar->page_w - st->ecopy_right - st->ecopy_w;
            double by = d->n_circulation ? -ar->top + st->ecopy_top : -st->ecopy_h - st->stamp_gap / 2;
            tblock e;
            vb_lay_text(c, &e, VB_ROLE_CHU_KY_SO, vb_lay_make_pieces(c, vb_lay_rs(c, VB_ROLE_CHU_KY_SO), VB_BLACK, NULL, &d->ecopy), bx + 2, st->ecopy_w - 4, d->pos, &d->ecopy);
            double h = e.para.n * e.pitch;
            vb_lay_comp_text(c, k, &e, by + (st->ecopy_h - h) / 2, "chu_ky_so");
            vb_lay_frame_add(c, k, bx, by, st->ecopy_w, st->ecopy_h, st->rule_width, VB_BLACK);
            frame_record(c, &e, bx, by, st->ecopy_w, st->ecopy_h, 2, st->rule_width, VB_BLACK);
        }
    }

    double lbottom = vb_lay_agency_column(c, k, &d->parent_agency, &d->agency, &d->joint_parent_agency, &d->joint_agency, lx, lw);
    double rbottom = national_column(c, k, rx, rw);
    double y = lbottom > rbottom ? lbottom : rbottom;
    if (!full) {
        k->height = y;
        return;
    }

    /* row 2: ô 3 and ô 4 on one baseline */
    double row = y + st->header_rows_gap;
    tblock so, date;
    vb_lay_text(c, &so, VB_ROLE_SO_KY_HIEU, vb_lay_text_pieces(c, vb_lay_rs(c, VB_ROLE_SO_KY_HIEU), VB_BLACK, vb_number_line(c->a, d)), lx, lw, d->number_pos, d);
    vb_lay_place_date(c, &date, vb_place_date_line(c->a, d), rx, rw, &so, d->date_pos, d);
    double high = so.base > date.base ? so.base : date.base;
    double base = row + high;
    double ly = vb_lay_comp_text(c, k, &so, base - so.base, "so_ky_hieu");
    double ry = vb_lay_comp_text(c, k, &date, base - date.base, "dia_danh_ngay");
    vb_lay_space_above(c, &so, st->header_rows_gap + high - so.base);
    vb_lay_space_above(c, &date, st->header_rows_gap + high - date.base);

    /* ô 5b: V/v under the number (công văn) */
    if (form == VB_FORM_OFFICIAL_LETTER && d->summary.n) {
        vb_lay_text(c, &b, VB_ROLE_VV, vb_lay_make_pieces(c, vb_lay_rs(c, VB_ROLE_VV), VB_BLACK, "V/v", &d->summary), lx, lw, d->pos, &d->summary);
        ly = vb_lay_comp_text(c, k, &b, ly + st->vv_gap, "vv");
        vb_lay_space_above(c, &b, st->vv_gap);
    }
    /* ô 10a, 10b: secrecy and urgency under it */
    double cx = lx + lw / 2;
    if (d->secrecy) {
        vb_lay_text(c, &b, VB_ROLE_DO_MAT, vb_lay_text_pieces(c, vb_lay_rs(c, VB_ROLE_DO_MAT), VB_BLACK, vb_secrecy_name(d->secrecy)), lx, lw, d->pos, d);
        ly = vb_lay_comp_text(c, k, &b, ly + st->stamp_gap, "do_mat");
        vb_lay_space_above(c, &b, st->stamp_gap);
    }
    if (d->urgency)
        ly = framed(c, k, VB_ROLE_DO_KHAN, vb_urgency_name(d->urgency), st->urgent_w[d->urgency], cx, ly + st->stamp_gap,
                    st->urgent_color, "do_khan", d, st->stamp_gap);
    y = ly > ry ? ly : ry;

    /* ô 5a: type name, trích yếu and its rule, centred on the text width */
    if (d->type && d->type->name) {
        y += st->title_gap;
        vb_lay_text(c, &b, VB_ROLE_TEN_LOAI, vb_lay_text_pieces(c, vb_lay_rs(c, VB_ROLE_TEN_LOAI), VB_BLACK, d->type->name), ar->left, ar->width, d->pos, d);
        if (d->summary.n) {
            y = vb_lay_comp_text(c, k, &b, y + b.space_before, "ten_loai");
            vb_lay_space_above(c, &b, st->title_gap + b.space_before);
            vb_lay_text(c, &b, VB_ROLE_TRICH_YEU, vb_lay_make_pieces(c, vb_lay_rs(c, VB_ROLE_TRICH_YEU), VB_BLACK, NULL, &d->summary), ar->left, ar->width, d->pos, &d->summary);
            y = vb_lay_text_with_rule(c, k, &b, y + b.space_before, "trich_yeu", "trich_yeu_rule", st->summary_rule_ratio);
            vb_lay_space_above(c, &b, b.space_before);
        } else {
            /* a giấy giới thiệu or giấy nghỉ phép has no trích yếu: the short
             * rule goes under the type name (as in Mẫu 1.8 and 1.10) */
            y = vb_lay_text_with_rule(c, k, &b, y + b.space_before, "ten_loai", "ten_loai_rule", st->summary_rule_ratio);
            vb_lay_space_above(c, &b, st->title_gap + b.space_before);
        }
    }
    y += st->after_title_gap;
    vb_unit_rec *u = vb_lay_unit(c, VB_UNIT_TITLE, d);
    if (u)
        u->space_below = st->after_title_gap;

    /* ô 9a: Kính gửi (a công điện lists its recipients in the body instead) */
    if (d->n_to && form != VB_FORM_TELEGRAM) {
        const vb_role_style *r = vb_lay_rs(c, VB_ROLE_KINH_GUI);
        vb_face_id f = vb_face_for(r->bold, r->italic);
        double kx = ar->left + st->kinh_gui_indent, kw = ar->width - st->kinh_gui_indent;
        double label_w = vb_shape_width(c->sh, f, r->size, "Kính gửi: ", strlen("Kính gửi: "));
        double colon_x = vb_shape_width(c->sh, f, r->size, "Kính gửi", strlen("Kính gửi"));
        double dash_w = vb_shape_width(c->sh, f, r->size, "- ", 2);
        y += r->space_before;
        if (d->n_to == 1) {
            /* one recipient on the label's line; a wrapped line starts under the name */
            pieces p = vb_lay_text_pieces(c, r, VB_BLACK, "Kính gửi: ");
            pieces q = vb_lay_make_pieces(c, r, VB_BLACK, NULL, &d->to[0]);
            vb_lay_pieces_cat(c, &p, &q);
            vb_lay_styled(c, &b, VB_ROLE_KINH_GUI, r, p, kx, kw, 0, label_w, d->pos, &d->to[0]);
            y = vb_lay_comp_text(c, k, &b, y, "kinh_gui");
            vb_lay_space_above(c, &b, r->space_before);
            vb_lay_space_below(c, &b, r->space_after);
        } else {
            vb_lay_text(c, &b, VB_ROLE_KINH_GUI, vb_lay_text_pieces(c, r, VB_BLACK, "Kính gửi:"), kx, kw, d->pos, d);
            y = vb_lay_comp_text(c, k, &b, y, "kinh_gui");
            vb_lay_space_above(c, &b, r->space_before);
            vb_lay_space_below(c, &b, r->space_after);
            /* one a line, "- " … ";" and the last "."; the dashes under the colon */
            for (size_t i = 0; i < d->n_to; i++) {
                pieces p = vb_lay_text_pieces(c, r, VB_BLACK, "- ");
                pieces q = vb_lay_make_pieces(c, r, VB_BLACK, NULL, &d->to[i]);
                vb_lay_pieces_cat(c, &p, &q);
                vb_lay_piece_add(c, &p, (vb_piece){i + 1 < d->n_to ? ";" : ".", 1, f, r->size, VB_BLACK, 0, 0});
                vb_lay_styled(c, &b, VB_ROLE_KINH_GUI, r, p, kx + colon_x, kw - colon_x, 0, dash_w, d->pos, &d->to[i]);
                y = vb_lay_comp_text(c, k, &b, y, NULL);
            }
        }
        y += r->space_after;
    }
    k->height = y;
}

/* docx_header.c - page 1 in the DOCX: the header table {ô 2, ô 3 | ô 1,
 * ô 4}, the type name and trích yếu (ô 5a), Kính gửi (ô 9a); the first
 * page's header part with the stamps of ô 11 and 14, and the address
 * footer (ô 13). */
#include "docx_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- page 1: the header table {ô 2, ô 3 | ô 1, ô 4} -------------------------------- */

/* The agency column (layout_header.c's agency column): the parent agency, the
 * agency, for a joint document the second pair, and the rule under the
 * last agency line; `before` above the first line. Returns the column's
 * height (to the rule's bottom) as the PDF sets it. */
double vb_docx_write_agency_paras(dctx *c, const vb_inline *parent, const vb_inline *agency, const vb_inline *parent2,
                                  const vb_inline *agency2, double before)
{
    double h = 0;
    const vb_inline *lines[4] = {parent, agency, parent2, agency2};
    const vb_role roles[4] = {VB_ROLE_CO_QUAN_CHU_QUAN, VB_ROLE_CO_QUAN, VB_ROLE_CO_QUAN_CHU_QUAN, VB_ROLE_CO_QUAN};
    const vb_prule *under = NULL;
    dpara rule;
    for (int i = 0; i < 4; i++) {
        /* the parent agencies are optional; the second pair only with a second agency */
        if (!lines[i] || !lines[i]->n || (i == 2 && !(agency2 && agency2->n)))
            continue;
        druns r = {0};
        vb_docx_run_inline(c, &r, NULL, lines[i]);
        dpara p = vb_docx_para_of(roles[i], before, 0);
        const vb_para_rec *rec = vb_docx_para_rec(c, roles[i], lines[i]);
        vb_docx_apply_breaks(c, rec, &r);
        h += vb_docx_lines_height(rec, vb_docx_pitch(c, roles[i]));
        vb_docx_write_w_p(c, &p, &r);
        before = 0;
        /* layout measures the rule on the wider agency line */
        if (rec && rec->rule && vb_docx_rule_para(rec, &rule))
            under = rec->rule;
    }
    if (!under)
        return h;
    rule.before = vb_docx_twips(before);
    vb_docx_write_w_p(c, &rule, NULL);
    /* the rule's bottom: its middle below the last line box, half its width */
    return h + under->below + under->width / 2;
}

/* Left cell of row 1. */
static void write_agency_tc(dctx *c, long width, const vb_inline *parent, const vb_inline *agency,
                            const vb_inline *parent2, const vb_inline *agency2)
{
    vb_docx_write_frame_tc_start(c, width);
    vb_docx_write_agency_paras(c, parent, agency, parent2, agency2, 0);
    vb_docx_xml_end(c->x);
}

/* Right cell of row 1: Quốc hiệu, Tiêu ngữ and the motto's rule. */
static void write_motto_tc(dctx *c, long width)
{
    vb_docx_write_frame_tc_start(c, width);
    /* the words are layout's (the national title and the motto have no
     * source element) */
    const vb_para_rec *qh = vb_docx_para_rec(c, VB_ROLE_QUOC_HIEU, NULL), *tn = vb_docx_para_rec(c, VB_ROLE_TIEU_NGU, NULL);
    druns r = {0};
    if (qh)
        vb_docx_run_add(c, &r, qh->text, qh->len, 0);
    dpara p = vb_docx_para_of(VB_ROLE_QUOC_HIEU, 0, 0);
    vb_docx_write_mirrored_p(c, &p, &r, qh);
    druns m = {0};
    if (tn)
        vb_docx_run_add(c, &m, tn->text, tn->len, 0);
    p = vb_docx_para_of(VB_ROLE_TIEU_NGU, 0, 0);
    vb_docx_write_mirrored_p(c, &p, &m, tn);
    dpara rule;
    if (vb_docx_rule_para(tn, &rule))
        vb_docx_write_w_p(c, &rule, NULL);
    vb_docx_xml_end(c->x);
}

/* The room layout left above a paragraph (vb_para_rec.space_above). */
static double above(const vb_para_rec *rec)
{
    return rec ? rec->space_above : 0;
}

/* Row 2: Số and the place and date on one baseline under the header's
 * rules; on page 1 (`marks`) under Số the V/v of a công văn (ô 5b) and the
 * secrecy and urgency marks (ô 10a, 10b); each paragraph as far below
 * what precedes it as layout put it. date_x: the place-and-date cell's left
 * edge on the page (vb_docx_place_date_p). */
static void write_number_date_tr(dctx *c, const vb_doc *d, int marks, long lw_tw, long rw_tw, double date_x)
{
    const void *src = d;
    vb_form form = d->type ? d->type->form : VB_FORM_TYPED;
    int vv = marks && form == VB_FORM_OFFICIAL_LETTER && d->summary.n;
    int secrecy = marks && d->secrecy;
    const vb_para_rec *so = vb_docx_para_rec(c, VB_ROLE_SO_KY_HIEU, src);
    const vb_para_rec *vv_rec = vv ? vb_docx_para_rec(c, VB_ROLE_VV, &d->summary) : NULL;
    const vb_para_rec *mark = secrecy ? vb_docx_para_rec(c, VB_ROLE_DO_MAT, d) : NULL;
    const vb_para_rec *urgent = marks && d->urgency ? vb_docx_para_rec(c, VB_ROLE_DO_KHAN, d) : NULL;
    if (urgent && !urgent->frame)
        urgent = NULL;
    /* the room above the urgency frame goes below what comes before it */
    double to_frame = above(urgent);
    vb_docx_write_w_tr_start(c, 0, 0);
    vb_docx_write_frame_tc_start(c, lw_tw);
    druns r = {0};
    vb_docx_run_str(c, &r, vb_number_line(c->a, d));
    dpara p = vb_docx_para_of(VB_ROLE_SO_KY_HIEU, above(so), !vv && !secrecy ? to_frame : 0);
    vb_docx_write_mirrored_p(c, &p, &r, so);
    if (vv) {
        druns v = {0};
        vb_docx_run_inline(c, &v, "V/v", &d->summary);
        p = vb_docx_para_of(VB_ROLE_VV, above(vv_rec), !secrecy ? to_frame : 0);
        vb_docx_write_mirrored_p(c, &p, &v, vv_rec);
    }
    if (secrecy) {
        druns m = {0};
        vb_docx_run_str(c, &m, vb_secrecy_name(d->secrecy));
        p = vb_docx_para_of(VB_ROLE_DO_MAT, above(mark), to_frame);
        vb_docx_write_mirrored_p(c, &p, &m, mark);
    }
    if (urgent) {
        vb_docx_write_stamp_tbl(c, VB_ROLE_DO_KHAN, vb_urgency_name(d->urgency), urgent->frame);
        vb_docx_write_tiny_p(c);
    }
    vb_docx_xml_end(c->x);
    vb_docx_write_frame_tc_start(c, rw_tw);
    druns q = {0};
    vb_docx_run_str(c, &q, vb_place_date_line(c->a, d));
    const vb_para_rec *date = vb_docx_para_rec(c, VB_ROLE_DIA_DANH_NGAY, src);
    p = vb_docx_para_of(VB_ROLE_DIA_DANH_NGAY, above(date), 0);
    vb_role_style look;
    vb_docx_place_date_p(c, &p, &look, date, date_x);
    vb_docx_write_mirrored_p(c, &p, &q, date);
    vb_docx_xml_end(c->x);
    vb_docx_xml_end(c->x);
}

/* ô 4 as layout set it (layout_header.c's vb_lay_place_date): at the size
 * it chose, and reaching left of its cell (whose left edge is cell_x on the
 * page) as far as layout widened its column. */
void vb_docx_place_date_p(dctx *c, dpara *p, vb_role_style *look, const vb_para_rec *rec, double cell_x)
{
    if (!rec)
        return;
    if (rec->size > 0) {
        *look = *vb_docx_rs(c, VB_ROLE_DIA_DANH_NGAY);
        look->size = rec->size;
        p->look = look;
    }
    if (rec->space_x < cell_x - 0.01) {
        const vb_role_style *r = vb_docx_rs(c, VB_ROLE_DIA_DANH_NGAY);
        p->has_ind = 1;
        p->ind_left = vb_docx_twips(rec->space_x - cell_x + r->indent_left);
        p->ind_right = vb_docx_twips(r->indent_right);
        p->ind_first = vb_docx_twips(r->indent_first);
    }
}

/* The header block's table (layout_header.c's header block, its unit
 * keyed by src: the document or an attached text): row 1 {agency |
 * national title}, and on page 1 row 2 {number | place and date}; an
 * attached text's first page has row 1 only. */
void vb_docx_write_header_tbl(dctx *c, const void *src, int page1)
{
    const vb_doc *d = c->doc;
    const vb_unit_rec *u = vb_pages_unit(c->P, VB_UNIT_HEADER, src);
    if (!u)
        return;
    long cols[2] = {vb_docx_twips(u->cols[0]), vb_docx_twips(u->cols[1])};
    vb_docx_flow_table(c);
    vb_docx_xml_start(c->x, "w:tbl");
    vb_docx_write_w_tblPr(c, cols[0] + cols[1], vb_docx_twips(u->x));
    vb_docx_write_w_tblGrid(c, cols, 2);
    vb_docx_write_w_tr_start(c, 0, 0);
    write_agency_tc(c, cols[0], &d->parent_agency, &d->agency, &d->joint_parent_agency, &d->joint_agency);
    write_motto_tc(c, cols[1]);
    vb_docx_xml_end(c->x);
    if (page1)
        write_number_date_tr(c, d, 1, cols[0], cols[1], c->st->margin_left + u->x + u->cols[0]);
    vb_docx_xml_end(c->x);
}

/* ---- page 1: type name, trích yếu (ô 5a), Kính gửi (ô 9a) ---------------------------- */

void vb_docx_write_title(dctx *c)
{
    const vb_doc *d = c->doc;
    const vb_unit_rec *u = vb_pages_unit(c->P, VB_UNIT_TITLE, d);
    c->pending = u ? u->space_below : 0;
    if (!d->type || !d->type->name)
        return;
    druns r = {0};
    vb_docx_run_str(c, &r, d->type->name);
    const vb_para_rec *rec = vb_docx_para_rec(c, VB_ROLE_TEN_LOAI, d);
    dpara p = vb_docx_para_of(VB_ROLE_TEN_LOAI, above(rec), 0);
    vb_docx_apply_breaks(c, rec, &r);
    vb_docx_flow_p(c, &p, &r);
    if (d->summary.n) {
        druns s = {0};
        vb_docx_run_inline(c, &s, NULL, &d->summary);
        rec = vb_docx_para_rec(c, VB_ROLE_TRICH_YEU, &d->summary);
        p = vb_docx_para_of(VB_ROLE_TRICH_YEU, above(rec), 0);
        vb_docx_apply_breaks(c, rec, &s);
        vb_docx_flow_p(c, &p, &s);
    }
    /* the rule under the trích yếu; without one (a giấy giới thiệu or giấy
     * nghỉ phép, Mẫu 1.8, 1.10) under the type name */
    dpara rule;
    if (vb_docx_rule_para(rec, &rule))
        vb_docx_flow_p(c, &rule, NULL);
}

void vb_docx_write_kinh_gui(dctx *c)
{
    const vb_doc *d = c->doc;
    double margin = c->sect->margin_left; /* the records' x are from the page's edge */
    /* a công điện lists its recipients in the body instead */
    if (!d->n_to || (d->type && d->type->form == VB_FORM_TELEGRAM))
        return;
    /* the room layout leaves around the block, on its first line's record */
    const vb_para_rec *first = vb_docx_para_rec(c, VB_ROLE_KINH_GUI, d->n_to == 1 ? (const void *)&d->to[0] : (const void *)d);
    double before = vb_docx_take_pending(c) + (first ? first->space_above : 0), after = first ? first->space_below : 0;
    if (d->n_to == 1) {
        /* one recipient on the label's line; a wrapped line starts under
         * the name, where layout's hanging indent puts it */
        const vb_para_rec *rec = first;
        double label_w = rec ? rec->indent_rest : 0, kx = rec ? rec->space_x - margin : 0;
        druns q = {0};
        vb_docx_run_str(c, &q, "Kính gửi: ");
        vb_docx_run_inline(c, &q, NULL, &d->to[0]);
        dpara p = vb_docx_para_of(VB_ROLE_KINH_GUI, before, 0);
        p.keep = rec;
        p.has_ind = 1;
        p.ind_left = vb_docx_twips(kx + label_w);
        p.ind_first = -vb_docx_twips(label_w);
        vb_docx_flow_p(c, &p, &q);
        c->pending = after;
        return;
    }
    const vb_para_rec *label = first;
    druns q = {0};
    vb_docx_run_str(c, &q, "Kính gửi:");
    dpara p = vb_docx_para_of(VB_ROLE_KINH_GUI, before, 0);
    p.has_ind = 1;
    p.ind_left = vb_docx_twips(label ? label->space_x - margin : 0);
    vb_docx_flow_p(c, &p, &q);
    /* one line each, "- " … ";" and the last "."; the dashes under the colon */
    for (size_t i = 0; i < d->n_to; i++) {
        druns t = {0};
        vb_docx_run_str(c, &t, "- ");
        vb_docx_run_inline(c, &t, NULL, &d->to[i]);
        vb_docx_run_str(c, &t, i + 1 < d->n_to ? ";" : ".");
        p = vb_docx_para_of(VB_ROLE_KINH_GUI, 0, 0);
        const vb_para_rec *rec = vb_docx_para_rec(c, VB_ROLE_KINH_GUI, &d->to[i]);
        double dash_w = rec ? rec->indent_rest : 0, x = rec ? rec->space_x - margin : 0;
        p.keep = rec;
        p.has_ind = 1;
        p.ind_left = vb_docx_twips(x + dash_w);
        p.ind_first = -vb_docx_twips(dash_w);
        vb_docx_flow_p(c, &p, &t);
    }
    c->pending = after;
}

/* ---- word/header2.xml: page 1's top margin (ô 11, 14) --------------------------------- */

/* The circulation notes (ô 11), stacked upwards in frames centred at the
 * layout's fraction of the text width just above the top margin's edge, and
 * the electronic-copy stamp (ô 14) ending the layout's distance from the
 * paper's right edge, where layout placed them (their frames' records). */
static void write_w_hdr_stamps(dctx *c)
{
    const vb_doc *d = c->doc;
    for (size_t i = 0; i < d->n_circulation; i++) {
        const vb_para_rec *rec = vb_docx_para_rec(c, VB_ROLE_CHI_DAN, &d->circulation[i]);
        if (!rec || !rec->frame)
            continue;
        druns r = {0};
        vb_docx_run_add(c, &r, rec->text, rec->len, 0);
        vb_docx_write_float_stamp(c, VB_ROLE_CHI_DAN, &r, rec);
    }
    const vb_para_rec *rec = d->ecopy.n ? vb_docx_para_rec(c, VB_ROLE_CHU_KY_SO, &d->ecopy) : NULL;
    if (rec && rec->frame) {
        druns r = {0};
        vb_docx_run_inline(c, &r, NULL, &d->ecopy);
        vb_docx_write_float_stamp(c, VB_ROLE_CHU_KY_SO, &r, rec);
    }
}

int vb_docx_has_stamps(const vb_doc *doc)
{
    return doc->n_circulation > 0 || doc->ecopy.n > 0;
}

vb_err vb_docx_part_first_header(vb_docx_xml *x, const vb_doc *doc, const vb_pages *P, const vb_style *st,
                                 const vb_fontset *fs, int stamps)
{
    dctx c;
    vb_err err = vb_docx_dctx_init(&c, x, doc, P, st, fs);
    if (!err) {
        vb_docx_xml_start(x, "w:hdr");
        vb_docx_xml_attr(x, "xmlns:w", VB_NS_W);
        vb_docx_xml_attr(x, "xmlns:r", VB_NS_R);
        vb_docx_draft_ns(x, P);
        if (stamps)
            write_w_hdr_stamps(&c);
        /* no page number on a first page; the draft marking, if any */
        if (vb_docx_watermark(P)) {
            vb_docx_xml_start(x, "w:p");
            vb_docx_xml_start(x, "w:pPr");
            vb_docx_xml_val(x, "w:pStyle", vb_docx_style_id(VB_ROLE_SO_TRANG));
            vb_docx_xml_end(x);
            vb_docx_write_watermark(x, P, st->docx_family);
            if (stamps)
                vb_docx_write_draft_label(x, P, st);
            vb_docx_xml_end(x);
        } else {
            dpara p = vb_docx_para_of(VB_ROLE_SO_TRANG, vb_docx_rs(&c, VB_ROLE_SO_TRANG)->space_before,
                                      vb_docx_rs(&c, VB_ROLE_SO_TRANG)->space_after);
            vb_docx_write_w_p(&c, &p, NULL);
        }
        vb_docx_xml_end(x);
    }
    if (c.nomem)
        err = VB_ERR_NOMEM;
    vb_docx_dctx_free(&c);
    return err;
}

/* ---- word/footer1.xml: the address footer of page 1 (ô 13) ----------------------------- */

/* A rule across the text, then the lines, address_rule_gap below it; the
 * footer's bottom on the bottom margin (the footer distance of the first
 * section), and address_rule_gap between the body and the rule, as the
 * PDF sets them. */
static void write_w_ftr_body(dctx *c)
{
    const vb_doc *d = c->doc;
    const vb_unit_rec *u = vb_pages_unit(c->P, VB_UNIT_FOOTER, d);
    const vb_para_rec *line1 = d->n_address ? vb_docx_para_rec(c, VB_ROLE_DIA_CHI, &d->address[0]) : NULL;
    if (!u || !line1)
        return;
    /* the rule: the bottom border of an empty paragraph; its centre is
     * the unit's space above below the paragraph's top, and the first
     * line's top (from the rule's middle) above the first line */
    dpara rule = vb_docx_empty_para(0);
    rule.rule_sz = vb_docx_border_sz(u->rule);
    rule.before = vb_docx_twips(u->space_above - u->rule / 2) - rule.line;
    if (rule.before < 0)
        rule.before = 0;
    vb_docx_write_w_p(c, &rule, NULL);
    for (size_t i = 0; i < d->n_address; i++) {
        druns r = {0};
        vb_docx_run_inline(c, &r, NULL, &d->address[i]);
        dpara p = vb_docx_para_of(VB_ROLE_DIA_CHI, i == 0 ? line1->top - u->rule / 2 : 0, 0);
        vb_docx_write_mirrored_p(c, &p, &r, vb_docx_para_rec(c, VB_ROLE_DIA_CHI, &d->address[i]));
    }
}

vb_err vb_docx_part_footer(vb_docx_xml *x, const vb_doc *doc, const vb_pages *P, const vb_style *st,
                           const vb_fontset *fs, int address)
{
    dctx c;
    vb_err err = vb_docx_dctx_init(&c, x, doc, P, st, fs);
    if (!err) {
        vb_docx_xml_start(x, "w:ftr");
        vb_docx_xml_attr(x, "xmlns:w", VB_NS_W);
        vb_docx_xml_attr(x, "xmlns:r", VB_NS_R);
        if (address) {
            write_w_ftr_body(&c);
        } else {
            dpara e = vb_docx_empty_para(0);
            vb_docx_write_w_p(&c, &e, NULL);
        }
        vb_docx_xml_end(x);
    }
    if (c.nomem)
        err = VB_ERR_NOMEM;
    vb_docx_dctx_free(&c);
    return err;
}

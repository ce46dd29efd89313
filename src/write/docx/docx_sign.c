/* docx_sign.c - the signature block {ô 9b | ô 7, 8} and a copy's block
 * (Mẫu 3.1) in the DOCX, from layout's signer records. */
#include "docx_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the signature block {ô 9b | ô 7} ----------------------------------------------- */

/* The pictures of a signer's stack (rec) as layout placed them, from the
 * anchor paragraph's top and `left` from the cell's edge. Returns the
 * count. */
static size_t signer_pics(const dctx *c, const vb_signer_rec *rec, double left, dpic out[2])
{
    size_t n = 0;
    for (size_t k = 0; rec && k < rec->n_pics && k < 2; k++) {
        const vb_spic *pc = &rec->pics[k];
        size_t image = (size_t)(pc->img - c->P->images);
        out[n++] = (dpic){image, pc->x + left, pc->y, pc->w, pc->h, pc->seal ? 2 : 1, pc->seal ? "Dấu" : "Chữ ký"};
    }
    return n;
}

/* One signer's stack as layout built it (its vb_signer_rec): the authority
 * lines (ô 7a), the room for the signature and seal with their pictures,
 * the name (ô 7b); indented by `left` and `right` in its cell. */
static void signer(dctx *c, const vb_signature *sg, double left, double right)
{
    const vb_signer_rec *rec = vb_pages_signer(c->P, sg);
    if (!rec)
        return;
    double h = 0;
    dpic pics[2];
    size_t np = signer_pics(c, rec, left, pics);
    int ind = left > 0 || right > 0;
    for (size_t i = 0; i < sg->n_lines; i++) {
        const vb_auth_line *al = &sg->lines[i];
        const char *prefix = vb_authority_prefix(al->kind);
        druns r = {0};
        vb_docx_run_inline(c, &r, prefix[0] ? prefix : NULL, &al->text);
        const vb_para_rec *pr = vb_docx_para_rec(c, VB_ROLE_THAM_QUYEN, &al->text);
        vb_docx_apply_breaks(c, pr, &r);
        h += vb_docx_lines_height(pr, vb_docx_pitch(c, VB_ROLE_THAM_QUYEN));
        dpara p = vb_docx_para_of(VB_ROLE_THAM_QUYEN, 0, 0);
        p.has_ind = ind;
        p.ind_left = vb_docx_twips(left);
        p.ind_right = vb_docx_twips(right);
        if (i == 0) { /* the pictures hang from the first line */
            p.pics = pics;
            p.n_pics = np;
        }
        vb_docx_write_w_p(c, &p, &r);
    }
    druns r = {0};
    vb_docx_run_inline(c, &r, NULL, &sg->name);
    vb_docx_apply_breaks(c, vb_docx_para_rec(c, VB_ROLE_HO_TEN, &sg->name), &r);
    /* the name under the room, which starts under the taller stack of
     * titles when two signers stand side by side */
    dpara p = vb_docx_para_of(VB_ROLE_HO_TEN, rec->room_top - h + rec->gap, 0);
    p.has_ind = ind;
    p.ind_left = vb_docx_twips(left);
    p.ind_right = vb_docx_twips(right);
    if (!sg->n_lines) { /* no title line: the pictures hang from the name,
                         * whose space before is the room above it */
        p.pics = pics;
        p.n_pics = np;
    }
    vb_docx_write_w_p(c, &p, &r);
}

/* A recipient's line (src) as layout set it: its wrapped lines start
 * under its first word, after the dash. */
static dpara recipient_para(const dctx *c, const void *src, double left, double right)
{
    const vb_para_rec *rec = vb_docx_para_rec(c, VB_ROLE_NOI_NHAN_DS, src);
    double dash_w = rec ? rec->indent_rest : 0;
    dpara p = vb_docx_para_of(VB_ROLE_NOI_NHAN_DS, 0, 0);
    p.keep = rec;
    p.has_ind = 1;
    p.ind_left = vb_docx_twips(left + dash_w);
    p.ind_first = -vb_docx_twips(dash_w);
    p.ind_right = right > 0 ? vb_docx_twips(right) : 0;
    return p;
}

/* The Nơi nhận column (ô 9b, 12): the label, the recipients and the Lưu
 * line, each wrapping under its first word; `before` above the label,
 * `right` the indent that narrows the cell to the column. */
static void write_recipients(dctx *c, const vb_inline *rec, size_t n, const vb_archive *ar, double before,
                             double right)
{
    druns r = {0};
    vb_docx_run_str(c, &r, "Nơi nhận:");
    dpara p = vb_docx_para_of(VB_ROLE_NOI_NHAN, before, 0);
    if (right > 0) {
        p.has_ind = 1;
        p.ind_right = vb_docx_twips(right);
    }
    vb_docx_write_w_p(c, &p, &r);
    for (size_t i = 0; i <= n; i++) {
        druns q = {0};
        if (i < n) {
            vb_docx_run_str(c, &q, "- ");
            vb_docx_run_inline(c, &q, NULL, &rec[i]);
            vb_docx_run_str(c, &q, ";");
        } else if (ar && ar->present) {
            vb_docx_run_str(c, &q, vb_archive_line(c->a, ar));
        } else {
            break;
        }
        p = recipient_para(c, i < n ? (const void *)&rec[i] : (const void *)ar, 0, right);
        vb_docx_write_w_p(c, &p, &q);
    }
}

/* {Nơi nhận | signature} as one unsplittable row, `gap` below the flow:
 * “Nơi nhận:” on the baseline of the first authority line (spec §2.9).
 * Two signers (a joint document) stand side by side in halves of the text
 * width, and Nơi nhận goes under the left one, below the taller stack. An
 * appendix's signature has no Nơi nhận (with_recipients == 0). */
void vb_docx_write_signature_tbl(dctx *c, const vb_signature *sigs, size_t n_sigs, const vb_inline *rec,
                                 size_t n_rec, const vb_archive *ar, int with_recipients, double gap)
{
    int two = n_sigs >= 2;
    const vb_unit_rec *u = vb_pages_unit(c->P, VB_UNIT_SIGNATURE, sigs);
    if (!u)
        return;
    double lw = u->cols[0], rw = u->cols[1];
    long cols[2] = {vb_docx_twips(lw), vb_docx_twips(rw)};
    /* the flow's last paragraph goes along, whole, to the signature's page
     * (as the PDF's layout keeps it), and the gap above the block is its
     * space after */
    if (c->held)
        c->held_p.keep_next = c->held_p.keep_lines = 1;
    vb_docx_flow_space(c, gap);
    if (c->held)
        c->held_p.keep_next = c->held_p.keep_lines = 1;
    vb_docx_flow_table(c);
    vb_docx_xml_start(c->x, "w:tbl");
    vb_docx_write_w_tblPr(c, cols[0] + cols[1], 0);
    vb_docx_write_w_tblGrid(c, cols, 2);
    vb_docx_write_w_tr_start(c, 0, 0);
    vb_docx_write_frame_tc_start(c, cols[0]);
    /* where layout put “Nơi nhận:”: beside a lone signer on the baseline
     * of the first authority line, under two signers below the taller */
    const vb_signer_rec *first = n_sigs ? vb_pages_signer(c->P, &sigs[0]) : NULL;
    double rec_top = first ? first->recipients_top : 0;
    if (two) {
        signer(c, &sigs[0], 0, 0);
        if (with_recipients)
            write_recipients(c, rec, n_rec, ar, rec_top - (first ? first->height : 0), lw - u->sign_x);
        vb_docx_xml_end(c->x);
        vb_docx_write_frame_tc_start(c, cols[1]);
        signer(c, &sigs[1], 0, 0);
    } else {
        const vb_signature *sg = n_sigs ? &sigs[0] : NULL;
        if (with_recipients)
            write_recipients(c, rec, n_rec, ar, rec_top, 0);
        else
            vb_docx_write_tiny_p(c);
        vb_docx_xml_end(c->x);
        vb_docx_write_frame_tc_start(c, cols[1]);
        if (sg)
            signer(c, sg, 0, 0);
        else
            vb_docx_write_tiny_p(c);
    }
    vb_docx_xml_end(c->x);
    vb_docx_xml_end(c->x);
    vb_docx_xml_end(c->x);
}

/* A copy's block (Mẫu 3.1), under the signature by the room its unit
 * records, as layout_sign.c's copy block sets it: a rule across the text, rule_gap under it
 * {copying agency, number | form, place and date}, then {Nơi nhận |
 * signature}. The PDF never splits it, so it is one unsplittable row of a
 * table whose top border is the rule; the two cells' parts are spaced so
 * that the lines stand where the PDF has them, the signature part indented
 * from the header's columns to the signature block's. */
void vb_docx_write_copy_block(dctx *c, const vb_copy *cp)
{
    const vb_unit_rec *u = vb_pages_unit(c->P, VB_UNIT_COPY, cp);
    if (!u)
        return;
    /* the header's columns, out into the left margin by -x */
    double hl = u->cols[0], hr = u->cols[1], x0 = u->x;
    long cols[2] = {vb_docx_twips(hl), vb_docx_twips(hr)};
    const vb_signature *sg = &cp->signature;
    /* where layout put each part, from the block's top (the rule's middle) */
    const vb_para_rec *form_rec = vb_docx_para_rec(c, VB_ROLE_BAN_SAO, cp);
    const vb_para_rec *so = vb_docx_para_rec(c, VB_ROLE_SO_KY_HIEU, cp);
    const vb_para_rec *date_rec = vb_docx_para_rec(c, VB_ROLE_DIA_DANH_NGAY, cp);
    const vb_para_rec *label = vb_docx_para_rec(c, VB_ROLE_NOI_NHAN, &cp->archive);
    const vb_signer_rec *sr = vb_pages_signer(c->P, sg);
    if (!form_rec || !so || !date_rec || !label)
        return;

    /* the form, the number and the date as layout broke them; the copy's
     * number, place and date in layout's words */
    druns form = {0}, num = {0}, date = {0};
    vb_docx_run_str(c, &form, vb_copy_form_name(cp->form));
    vb_docx_apply_breaks(c, form_rec, &form);
    double rb = form_rec->top + vb_docx_lines_height(form_rec, vb_docx_pitch(c, VB_ROLE_BAN_SAO));
    vb_docx_run_add(c, &num, so->text, so->len, 0);
    vb_docx_apply_breaks(c, so, &num);
    double b1 = so->top + vb_docx_lines_height(so, vb_docx_pitch(c, VB_ROLE_SO_KY_HIEU));
    vb_docx_run_add(c, &date, date_rec->text, date_rec->len, 0);
    vb_docx_apply_breaks(c, date_rec, &date);
    double b2 = date_rec->top + vb_docx_lines_height(date_rec, vb_docx_pitch(c, VB_ROLE_DIA_DANH_NGAY));

    vb_docx_flow_space(c, vb_docx_take_pending(c) + u->space_above);
    vb_docx_flow_table(c);
    vb_docx_xml *x = c->x;
    vb_docx_xml_start(x, "w:tbl");
    vb_docx_write_w_tblPr(c, cols[0] + cols[1], vb_docx_twips(x0));
    vb_docx_write_w_tblGrid(c, cols, 2);
    vb_docx_write_w_tr_start(c, 0, 0);

    /* left: the copying agency and its rule, Số, Nơi nhận; the rule over
     * both cells is their top border (its middle is the block's top: the
     * lines begin rule_gap below it) */
    dcell cell = {cols[0], 1, NULL, NULL, 0, vb_docx_border_sz(u->rule)};
    double half = u->rule / 2; /* the cells start under the rule's middle */
    vb_docx_write_w_tc_start(c, &cell);
    static const vb_inline none = {0};
    const vb_para_rec *agency = vb_docx_para_rec(c, cp->parent_agency.n ? VB_ROLE_CO_QUAN_CHU_QUAN : VB_ROLE_CO_QUAN,
                                                 cp->parent_agency.n ? &cp->parent_agency : &cp->agency);
    double first = agency ? agency->top : 0;
    double lb = first + vb_docx_write_agency_paras(c, &cp->parent_agency, &cp->agency, &none, NULL, first - half);
    dpara p = vb_docx_para_of(VB_ROLE_SO_KY_HIEU, so->top - lb, 0);
    vb_docx_write_w_p(c, &p, &num);
    /* the Nơi nhận column starts at the text's left edge */
    double rec_left = -x0, rec_right = hl + x0 - u->sign_x;
    druns lab = {0};
    vb_docx_run_str(c, &lab, "Nơi nhận:");
    dpara q = vb_docx_para_of(VB_ROLE_NOI_NHAN, label->top - b1, 0);
    q.has_ind = 1;
    q.ind_left = vb_docx_twips(rec_left);
    q.ind_right = rec_right > 0 ? vb_docx_twips(rec_right) : 0;
    vb_docx_write_w_p(c, &q, &lab);
    for (size_t i = 0; i <= cp->n_recipients; i++) {
        druns r = {0};
        if (i < cp->n_recipients) {
            vb_docx_run_str(c, &r, "- ");
            vb_docx_run_inline(c, &r, NULL, &cp->recipients[i]);
            vb_docx_run_str(c, &r, ";");
        } else if (cp->archive.present) {
            vb_docx_run_str(c, &r, vb_archive_line(c->a, &cp->archive));
        } else {
            break;
        }
        q = recipient_para(c, i < cp->n_recipients ? (const void *)&cp->recipients[i] : (const void *)&cp->archive,
                           rec_left, rec_right);
        vb_docx_write_w_p(c, &q, &r);
    }
    vb_docx_xml_end(x);

    /* right: the form, the date, the signer */
    cell.width = cols[1];
    vb_docx_write_w_tc_start(c, &cell);
    p = vb_docx_para_of(VB_ROLE_BAN_SAO, form_rec->top - half, 0);
    vb_docx_write_w_p(c, &p, &form);
    p = vb_docx_para_of(VB_ROLE_DIA_DANH_NGAY, date_rec->top - rb, 0);
    vb_role_style look;
    vb_docx_place_date_p(c, &p, &look, date_rec, c->st->margin_left + x0 + hl);
    vb_docx_write_w_p(c, &p, &date);
    /* the signature column: sign_x from the text's left edge */
    double sig_left = u->sign_x - x0 - hl, sig_right = hl + hr + x0 - u->sign_x - u->sign_w;
    if (sr && (sg->n_lines || sg->name.n)) {
        dpara e = vb_docx_empty_para(sr->top - b2);
        vb_docx_write_w_p(c, &e, NULL); /* the space down to the signer */
        signer(c, sg, sig_left > 0 ? sig_left : 0, sig_right > 0 ? sig_right : 0);
    }
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
}

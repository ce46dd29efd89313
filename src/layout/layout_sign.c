/* layout_sign.c - the signature block {Nơi nhận | signer} (ô 7, 8, 9b)
 * and a copy's block (Mẫu 3.1); the pictures, opened and checked once per
 * document. */
#include "layout_priv.h"
#include "i18n.h"

#include <stdio.h>
#include <string.h>

/* ---- signature block ------------------------------------------------------------ */

/* The whole file into the arena. Returns NULL with the reason in why. */
static unsigned char *read_image_file(lctx *c, const char *path, size_t *len, char *why, size_t why_size)
{
    vb_buf b = VB_BUF_INIT;
    unsigned char *data = NULL;
    if (vb_png_read(path, &b, why, why_size)) {
        data = vb_arena_alloc(c->a, b.len ? b.len : 1);
        if (data) {
            memcpy(data, b.data, b.len);
            *len = b.len;
        } else {
            snprintf(why, why_size, _("out of memory"));
        }
    }
    if (b.failed || (!data && !strcmp(why, _("out of memory"))))
        c->failed = 1;
    vb_buf_free(&b);
    return data;
}

/* The picture the input names at pos, opened and checked once per
 * document (a readable PNG within the pixel limit that decodes whole, so
 * that no writer meets a damaged file) and kept in the page model; NULL
 * (reported) when unusable. */
static const vb_image *image_open(lctx *c, const char *path, vb_srcpos pos)
{
    vb_pages *P = c->pages;
    for (size_t i = 0; i < P->n_images; i++)
        if (!strcmp(P->images[i].path, path))
            return &P->images[i];
    double aspect;
    if (!vb_png_check(path, pos, c->lim->max_image_pixels, c->diag, &aspect)) {
        c->bad_input = 1;
        return NULL;
    }
    char why[256];
    size_t len = 0;
    vb_png_image pic = {0};
    unsigned char *data = read_image_file(c, path, &len, why, sizeof why);
    if (!data || !vb_png_decode(data, len, c->lim->max_image_pixels, &pic, why, sizeof why)) {
        if (!c->failed)
            vb_diag_emit(c->diag, (vb_srcpos){0}, VB_ERROR, "cannot read image: %s: %s", path, why);
        c->bad_image = 1;
        return NULL;
    }
    /* the samples into the arena, for the writers that draw them */
    size_t n = (size_t)pic.w * pic.h;
    unsigned char *px = vb_arena_alloc(c->a, n * (size_t)pic.channels), *al = pic.alpha ? vb_arena_alloc(c->a, n) : NULL;
    if (!px || (pic.alpha && !al)) {
        vb_png_image_free(&pic);
        c->failed = 1;
        return NULL;
    }
    memcpy(px, pic.pixels, n * (size_t)pic.channels);
    if (al)
        memcpy(al, pic.alpha, n);
    vb_image im = {path, pic.w, pic.h, data, len, pic.channels, px, al};
    vb_png_image_free(&pic);
    if (!vb_lay_grow(c, (void **)&P->images, &P->cap_images, P->n_images, sizeof *P->images))
        return NULL;
    P->images[P->n_images] = im;
    return &P->images[P->n_images++];
}

static void image_add(lctx *c, composite *k, const vb_image *img, double x, double y, double w, double h,
                      const char *name)
{
    vb_item *it = vb_lay_comp_item(c, k);
    if (!it)
        return;
    it->kind = VB_ITEM_IMAGE;
    it->u.image.x = (float)x;
    it->u.image.y = (float)y;
    it->u.image.w = (float)w;
    it->u.image.h = (float)h;
    it->u.image.path = img->path;
    it->u.image.img = img;
    vb_lay_comp_box(c, k, name, x, y, w, h, y + h);
}

/* The signature (ô 7c) and the seal (ô 8) of a signer whose room for them
 * is `gap` high, its middle at mid_y, in a column w wide: the signature
 * centred, no taller than the room, the seal at its real size over the
 * signature's left third. Places are from the column's left edge. */
static size_t signer_pics(lctx *c, const vb_signature *sg, double w, double mid_y, double gap, vb_spic out[2])
{
    const vb_style *st = c->st;
    size_t n = 0;
    double mid_x = w / 2;
    double sw = sg->signature_width > 0 ? sg->signature_width : st->sign_image_w;
    double sig_left = mid_x - sw / 2;
    const vb_image *im = sg->signature_image ? image_open(c, sg->signature_image, sg->signature_pos) : NULL;
    if (im) {
        double aspect = (double)im->h / im->w, sh = sw * aspect;
        if (sh > gap) { /* keep it inside the room left for it */
            sh = gap;
            sw = sh / aspect;
            sig_left = mid_x - sw / 2;
        }
        out[n++] = (vb_spic){im, 0, sig_left, mid_y - sh / 2, sw, sh};
    }
    im = sg->seal_image ? image_open(c, sg->seal_image, sg->seal_pos) : NULL;
    if (im) {
        double aspect = (double)im->h / im->w;
        double dia = sg->seal_diameter > 0 ? sg->seal_diameter : st->seal_diameter;
        double right = sig_left + sw * st->seal_overlap;
        out[n++] = (vb_spic){im, 1, right - dia, mid_y - dia * aspect / 2, dia, dia * aspect};
    }
    return n;
}

/* ---- signature fields (page.h): where a signing application signs -------- */

/* A field box inside the room [gx, gx + gw] x [gy, gy + gh]: the place
 * given, moved and cut so that it stays in the room. */
static void field_box(lctx *c, composite *k, const char *name, const char *field, double x, double y, double w,
                      double h, double gx, double gy, double gw, double gh)
{
    if (w > gw)
        w = gw;
    if (h > gh)
        h = gh;
    if (x < gx)
        x = gx;
    if (x + w > gx + gw)
        x = gx + gw - w;
    if (y < gy)
        y = gy;
    if (y + h > gy + gh)
        y = gy + gh - h;
    size_t before = k->n_box;
    vb_lay_comp_box(c, k, name, x, y, w, h, y);
    if (k->n_box > before)
        k->box[before].field = field;
}

/* The fields' names, from the input: the signer's is the title, the last
 * line of ô 7a without its prefix ("PHÓ CHỦ TỊCH"); the agency's is "DẤU "
 * and the collective of a TM line ("DẤU ỦY BAN NHÂN DÂN"), or else the
 * first line, which names the head of the agency ("DẤU GIÁM ĐỐC SỞ TÀI
 * CHÍNH" for "KT. GIÁM ĐỐC SỞ TÀI CHÍNH"). */
static const char *field_name(lctx *c, const vb_signature *sg, int agency)
{
    const vb_inline *title = sg->n_lines ? &sg->lines[agency ? 0 : sg->n_lines - 1].text : NULL;
    if (agency)
        for (size_t i = 0; i < sg->n_lines; i++)
            if (sg->lines[i].kind == VB_AUTH_TM) {
                title = &sg->lines[i].text;
                break;
            }
    size_t len = 0;
    const char *t = title ? vb_inline_plain(c->a, title, " ", &len) : NULL;
    if (!t || !len)
        t = agency ? "CƠ QUAN" : "NGƯỜI KÝ";
    if (!agency)
        return t;
    size_t n = strlen(t);
    char *s = vb_arena_alloc(c->a, n + sizeof "DẤU ");
    if (!s) {
        c->failed = 1;
        return t;
    }
    memcpy(s, "DẤU ", sizeof "DẤU " - 1);
    memcpy(s + sizeof "DẤU " - 1, t, n + 1);
    return s;
}

/* The signature fields of a signer whose room is [x, x + w] x [y, y + gap]:
 * the signer's over the signature's place (the image as placed, or one of
 * the layout's width, across the room), the agency's over the seal's (ô 8:
 * real size, over the signature's left third) when the signature is sealed. */
static void sign_fields(lctx *c, composite *k, const vb_signature *sg, const vb_signer_rec *rec, double x, double w,
                        double y, double gap)
{
    const vb_style *st = c->st;
    double sw = sg->signature_width > 0 ? sg->signature_width : st->sign_image_w;
    double sig_left = x + w / 2 - sw / 2;
    for (size_t i = 0; i < rec->n_pics; i++)
        if (!rec->pics[i].seal) {
            sw = rec->pics[i].w;
            sig_left = x + rec->pics[i].x;
        }
    field_box(c, k, "ky_so_nguoi_ky", field_name(c, sg, 0), sig_left, y, sw, gap, x, y, w, gap);
    if (sg->sealed) {
        double dia = sg->seal_diameter > 0 ? sg->seal_diameter : st->seal_diameter;
        double right = sig_left + sw * st->seal_overlap;
        field_box(c, k, "ky_so_co_quan", field_name(c, sg, 1), right - dia, y + gap / 2 - dia / 2, dia, dia, x, y, w,
                  gap);
    }
}

/* One signer's stack in a column: ô 7a lines, the room for signature and
 * seal (with their images when given), ô 7b; recorded in the page model.
 * Returns the record (NULL when out of memory); its first line's baseline
 * is *first_base. */
static vb_signer_rec *signer(lctx *c, composite *k, const vb_signature *sg, double x, double w, double titles_h,
                             double *first_base)
{
    const vb_style *st = c->st;
    vb_pages *P = c->pages;
    if (!vb_lay_grow(c, (void **)&P->signers, &P->cap_signers, P->n_signers, sizeof *P->signers))
        return NULL;
    vb_signer_rec *rec = &P->signers[P->n_signers++];
    memset(rec, 0, sizeof *rec);
    rec->src = sg;
    tblock b;
    double y = 0;
    *first_base = -1;
    for (size_t i = 0; i < sg->n_lines; i++) {
        const vb_auth_line *al = &sg->lines[i];
        const char *prefix = vb_authority_prefix(al->kind);
        vb_lay_text(c, &b, VB_ROLE_THAM_QUYEN, vb_lay_make_pieces(c, vb_lay_rs(c, VB_ROLE_THAM_QUYEN), VB_BLACK, prefix[0] ? prefix : NULL, &al->text), x, w, al->pos, &al->text);
        if (*first_base < 0)
            *first_base = y + b.base;
        y = vb_lay_comp_text(c, k, &b, y, i == 0 ? "tham_quyen" : NULL);
    }
    rec->titles_h = y;
    if (y < titles_h)
        y = titles_h; /* side by side, the names stand on one line */
    rec->room_top = y;
    double gap = st->sign_space;
    /* a seal is printed at its real size: the room grows to hold it (a seal
     * image, or the agency's digital signature, whose image is the seal) */
    double dia = sg->seal_diameter > 0 ? sg->seal_diameter : st->seal_diameter;
    if (sg->sealed && dia > gap)
        gap = dia;
    rec->gap = gap;
    vb_lay_comp_box(c, k, "chu_ky_gap", x, y, w, gap, y);
    rec->n_pics = signer_pics(c, sg, w, y + gap / 2, gap, rec->pics);
    for (size_t i = 0; i < rec->n_pics; i++) {
        const vb_spic *pc = &rec->pics[i];
        image_add(c, k, pc->img, x + pc->x, pc->y, pc->w, pc->h, pc->seal ? "anh_dau" : "anh_chu_ky");
    }
    sign_fields(c, k, sg, rec, x, w, y, gap);
    y += gap;
    vb_lay_text(c, &b, VB_ROLE_HO_TEN, vb_lay_make_pieces(c, vb_lay_rs(c, VB_ROLE_HO_TEN), VB_BLACK, NULL, &sg->name), x, w, sg->pos, &sg->name);
    rec->height = vb_lay_comp_text(c, k, &b, y, "ho_ten");
    return rec;
}

/* The Nơi nhận column (ô 9b, 12) from `top`. Returns the bottom. */
static double recipients(lctx *c, composite *k, const vb_inline *rec, size_t n, const vb_archive *ar, double x,
                         double w, double top)
{
    tblock b;
    vb_lay_text(c, &b, VB_ROLE_NOI_NHAN, vb_lay_text_pieces(c, vb_lay_rs(c, VB_ROLE_NOI_NHAN), VB_BLACK, "Nơi nhận:"), x, w, c->doc->pos, ar);
    double y = vb_lay_comp_text(c, k, &b, top, "noi_nhan");
    const vb_role_style *r = vb_lay_rs(c, VB_ROLE_NOI_NHAN_DS);
    vb_face_id f = vb_face_for(r->bold, r->italic);
    double dash_w = vb_shape_width(c->sh, f, r->size, "- ", 2);
    for (size_t i = 0; i <= n; i++) {
        pieces p;
        if (i < n) {
            p = vb_lay_text_pieces(c, r, VB_BLACK, "- ");
            pieces q = vb_lay_make_pieces(c, r, VB_BLACK, NULL, &rec[i]);
            vb_lay_pieces_cat(c, &p, &q);
            vb_lay_piece_add(c, &p, (vb_piece){";", 1, f, r->size, VB_BLACK, 0, 0});
        } else if (ar && ar->present) {
            p = vb_lay_text_pieces(c, r, VB_BLACK, vb_archive_line(c->a, ar));
        } else {
            break;
        }
        /* a recipient that wraps continues under its first word */
        vb_lay_styled(c, &b, VB_ROLE_NOI_NHAN_DS, r, p, x, w, 0, dash_w, c->doc->pos, i < n ? (const void *)&rec[i] : (const void *)ar);
        y = vb_lay_comp_text(c, k, &b, y, i == n ? "luu" : NULL);
    }
    return y;
}

/* {Nơi nhận | signature}: the label “Nơi nhận:” sits on the baseline of the
 * first authority line (spec §2.9). Two signers (a biên bản, a joint
 * document) stand side by side, and Nơi nhận goes under the left one. */
void vb_lay_signature_block(lctx *c, composite *k, const vb_signature *sigs, size_t n_sigs, const vb_inline *rec,
                            size_t n_rec, const vb_archive *ar, int with_recipients, const area *A)
{
    const vb_style *st = c->st;
    double lx = A->left;
    memset(k, 0, sizeof *k);
    double rbottom = 0, fb = 0, lbottom = 0, rec_top = 0;
    vb_signer_rec *first = NULL;
    if (n_sigs >= 2) {
        double half = A->width / 2;
        double th = 0;
        c->measuring = 1;
        for (int i = 0; i < 2; i++) { /* the taller stack of titles */
            double h = 0;
            for (size_t l = 0; l < sigs[i].n_lines; l++) {
                tblock b;
                const char *prefix = vb_authority_prefix(sigs[i].lines[l].kind);
                vb_lay_text(c, &b, VB_ROLE_THAM_QUYEN, vb_lay_make_pieces(c, vb_lay_rs(c, VB_ROLE_THAM_QUYEN), VB_BLACK, prefix[0] ? prefix : NULL, &sigs[i].lines[l].text), lx, half, sigs[i].lines[l].pos, NULL);
                h += b.para.n * b.pitch;
            }
            if (h > th)
                th = h;
        }
        c->measuring = 0;
        first = signer(c, k, &sigs[0], lx, half, th, &fb);
        vb_signer_rec *second = signer(c, k, &sigs[1], lx + half, half, th, &fb);
        if (!first || !second)
            return;
        /* the records' addresses may move as the list grows: copy the heights */
        double b1 = c->pages->signers[c->pages->n_signers - 2].height, b2 = second->height;
        first = &c->pages->signers[c->pages->n_signers - 2];
        rbottom = b1 > b2 ? b1 : b2;
        rec_top = rbottom + st->sign_gap_before;
    } else {
        if (n_sigs == 1) {
            first = signer(c, k, &sigs[0], lx + st->sign_left_w, st->sign_right_w, 0, &fb);
            if (!first)
                return;
            rbottom = first->height;
            /* “Nơi nhận:” on the baseline of the first authority line */
            if (sigs[0].n_lines)
                rec_top = fb - vb_lay_base_of(c, vb_lay_rs(c, VB_ROLE_NOI_NHAN));
        }
    }
    if (first)
        first->recipients_top = rec_top;
    if (with_recipients)
        lbottom = recipients(c, k, rec, n_rec, ar, lx, st->sign_left_w, rec_top);
    k->height = rbottom > lbottom ? rbottom : lbottom;
    vb_unit_rec *u = vb_lay_unit(c, VB_UNIT_SIGNATURE, sigs);
    if (u) {
        u->space_above = st->sign_gap_before;
        u->x = lx - A->left;
        u->cols[0] = n_sigs >= 2 ? A->width / 2 : st->sign_left_w;
        u->cols[1] = n_sigs >= 2 ? A->width / 2 : st->sign_right_w;
        u->sign_x = st->sign_left_w;
        u->sign_w = st->sign_right_w;
    }
}

/* A copy's block (Mẫu 3.1): a rule across the text, then {copying agency,
 * number | form, place and date}, then {Nơi nhận | signature}. */
/* The records made from first_rec and first_signer on belong to a part
 * laid out on its own origin, now placed dy down in its unit. */
static void move_records(lctx *c, size_t first_rec, size_t first_signer, double dy)
{
    for (size_t i = first_rec; i < c->pages->n_paras; i++)
        c->pages->paras[i].top += dy;
    for (size_t i = first_signer; i < c->pages->n_signers; i++)
        c->pages->signers[i].top += dy;
}

void vb_lay_copy_block(lctx *c, composite *k, const vb_copy *cp)
{
    const vb_style *st = c->st;
    const area *A = &c->portrait;
    memset(k, 0, sizeof *k);
    vb_lay_rule_add(c, k, A->left, A->left + A->width, 0, st->rule_width);
    vb_lay_comp_box(c, k, "ban_sao_rule", A->left, 0, A->width, st->rule_width, 0);
    double lx = A->left - st->header_shift, lw = st->header_left_w, rx = lx + lw, rw = st->header_right_w;
    composite left = {0};
    double top = st->rule_gap;
    size_t first_rec = c->pages->n_paras;
    double lb = vb_lay_agency_column(c, &left, &cp->parent_agency, &cp->agency, &(vb_inline){0}, NULL, lx, lw);
    move_records(c, first_rec, c->pages->n_signers, top);
    /* the agency column's boxes keep their names; copy them in under the rule */
    for (size_t i = 0; i < left.n; i++) {
        vb_item *it = vb_lay_comp_item(c, k);
        if (!it)
            return;
        *it = left.items[i];
        if (it->kind == VB_ITEM_TEXT)
            it->u.text.y += (float)top;
        else if (it->kind == VB_ITEM_RULE)
            it->u.rule.y1 = it->u.rule.y2 = it->u.rule.y1 + (float)top;
    }
    for (size_t i = 0; i < left.n_box; i++) {
        const cbox *b = &left.box[i];
        vb_lay_comp_box(c, k, b->name, b->x, b->y + top, b->w, b->h, b->base + top);
    }
    tblock b, so, date;
    vb_lay_text(c, &b, VB_ROLE_BAN_SAO, vb_lay_text_pieces(c, vb_lay_rs(c, VB_ROLE_BAN_SAO), VB_BLACK, vb_copy_form_name(cp->form)), rx, rw, cp->pos, cp);
    double rb = vb_lay_comp_text(c, k, &b, top, "ban_sao");
    double row = (top + lb > rb ? top + lb : rb) + st->header_rows_gap;
    vb_doc tmp = *c->doc;
    tmp.number = cp->number;
    tmp.notation = cp->notation;
    tmp.place = cp->place;
    tmp.year = cp->year;
    tmp.month = cp->month;
    tmp.day = cp->day;
    vb_lay_text(c, &so, VB_ROLE_SO_KY_HIEU, vb_lay_text_pieces(c, vb_lay_rs(c, VB_ROLE_SO_KY_HIEU), VB_BLACK, vb_number_line(c->a, &tmp)), lx, lw, cp->number_pos, cp);
    vb_lay_place_date(c, &date, vb_place_date_line(c->a, &tmp), rx, rw, &so, cp->date_pos, cp);
    double base = row + (so.base > date.base ? so.base : date.base);
    double b1 = vb_lay_comp_text(c, k, &so, base - so.base, "ban_sao_so");
    double b2 = vb_lay_comp_text(c, k, &date, base - date.base, "ban_sao_ngay");
    double y = (b1 > b2 ? b1 : b2) + st->sign_gap_before;
    composite sig;
    first_rec = c->pages->n_paras;
    size_t first_signer = c->pages->n_signers;
    vb_lay_signature_block(c, &sig, &cp->signature, 1, cp->recipients, cp->n_recipients, &cp->archive, 1, A);
    move_records(c, first_rec, first_signer, y);
    for (size_t i = 0; i < sig.n; i++) {
        vb_item *it = vb_lay_comp_item(c, k);
        if (!it)
            return;
        *it = sig.items[i];
        switch (it->kind) {
        case VB_ITEM_TEXT: it->u.text.y += (float)y; break;
        case VB_ITEM_RULE: it->u.rule.y1 += (float)y; it->u.rule.y2 += (float)y; break;
        case VB_ITEM_FRAME: it->u.frame.y += (float)y; break;
        case VB_ITEM_IMAGE: it->u.image.y += (float)y; break;
        }
    }
    for (size_t i = 0; i < sig.n_box; i++) {
        size_t before = k->n_box;
        vb_lay_comp_box(c, k, sig.box[i].name, sig.box[i].x, sig.box[i].y + y, sig.box[i].w, sig.box[i].h, sig.box[i].base + y);
        if (k->n_box > before)
            k->box[before].field = sig.box[i].field;
    }
    k->height = y + sig.height;
    vb_unit_rec *u = vb_lay_unit(c, VB_UNIT_COPY, cp);
    if (u) {
        u->space_above = st->copy_gap;
        u->x = -st->header_shift;
        u->cols[0] = lw;
        u->cols[1] = rw;
        u->sign_x = st->sign_left_w;
        u->sign_w = st->sign_right_w;
        u->rule = st->rule_width;
    }
}

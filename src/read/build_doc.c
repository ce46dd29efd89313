/* build_doc.c - the parts of <van_ban> (build.h): the header's fields, the
 * number, the date, recipients, signatures and images, the formal elements
 * of ô 10 to 14, appendices, attached texts and the copy's block. */
#include "build.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "derive.h"
#include "fmt.h"
#include "i18n.h"

/* ---- the parts of <van_ban> ----------------------------------------------------------- */

/* <so_ky_hieu so="…" ky_hieu="…"/>. Whether the notation's type code fits
 * the document is the linter's question (check_fields.c), which names the code to
 * write. */
static void read_number(bld *b, xmlNode *x, const char **number, const char **notation, vb_srcpos *pos)
{
    static const char *const attrs[] = {"so", "ky_hieu", NULL};
    vb_bld_check_attrs(b, x, attrs);
    vb_bld_check_empty(b, x, ": the number and notation go in its attributes so and ky_hieu");
    *pos = vb_bld_pos(b, vb_bld_noff(x));
    size_t off = 0;
    const char *so = vb_bld_attr(b, x, "so", &off);
    if (!so) {
        vb_bld_need_attr(b, x, "so");
    } else {
        size_t n = strlen(so), digits = 0, zeros = 0;
        for (size_t i = 0; i < n; i++) {
            digits += so[i] >= '0' && so[i] <= '9';
            zeros += so[i] == '0';
        }
        if (!n)
            *number = so; /* so="": left blank, the văn thư writes it in after signing (derive.h) */
        else if (n > 7 || digits != n || zeros == n)
            vb_bld_err_off(b, x, VB_XML_MARK_SELF, off, "so must be a number of 1 to 7 digits, not 0: '%s'", so);
        else
            *number = so;
    }
    const char *kh = vb_bld_attr(b, x, "ky_hieu", &off);
    if (!kh) {
        vb_bld_need_attr(b, x, "ky_hieu");
    } else if (!*kh) {
        vb_bld_err_off(b, x, VB_XML_MARK_SELF, off, "ky_hieu must not be empty");
    } else if (strpbrk(kh, " \t\r\n")) {
        vb_bld_err_off(b, x, VB_XML_MARK_SELF, off, "ky_hieu must not contain spaces: '%s'", kh);
    } else {
        *notation = kh;
    }
}

static void read_date(bld *b, xmlNode *x, int *year, int *month, int *day, vb_srcpos *pos)
{
    vb_bld_check_attrs(b, x, vb_bld_no_attrs);
    *pos = vb_bld_pos(b, vb_bld_noff(x));
    size_t errors = vb_diag_errors(b->diag);
    const char *s = vb_bld_plain_text(b, x);
    if (vb_diag_errors(b->diag) > errors)
        return; /* an element inside: already reported */
    /* YYYY-MM-DD, or the year alone: the day and month left blank for the
     * văn thư to write in after signing (derive.h) */
    size_t len = strlen(s);
    int ok = (len == 10 && s[4] == '-' && s[7] == '-') || len == 4;
    for (size_t i = 0; ok && i < len; i++)
        if (i != 4 && i != 7 && !(s[i] >= '0' && s[i] <= '9'))
            ok = 0;
    int y = 0, m = 0, d = 0;
    if (ok) {
        y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        if (len == 10) {
            m = (s[5] - '0') * 10 + (s[6] - '0');
            d = (s[8] - '0') * 10 + (s[9] - '0');
            ok = vb_date_valid(y, m, d);
        } else {
            ok = vb_date_valid(y, 1, 1);
        }
    }
    if (!ok) {
        vb_bld_err_node(b, x, VB_XML_MARK_SELF, "<ngay>: '%.60s' is not a date: expected YYYY-MM-DD", s);
        return;
    }
    *year = y;
    *month = m;
    *day = d;
}

/* The <x> children of an element that lists them (kinh_gui, dia_chi), each
 * a field of text, into a new array. */
static void read_list(bld *b, xmlNode *x, ek item, vb_inline **out, size_t *n_out)
{
    const seq_item seq[] = {{item, 1, 0, 0}};
    vb_bld_check_attrs(b, x, vb_bld_no_attrs);
    vb_bld_check_seq(b, x, seq, 1);
    size_t n = vb_bld_count_children(x, item);
    if (!n)
        return;
    *n_out = 0; /* as for a second <noi_nhan> */
    *out = vb_arena_calloc(b->a, n, sizeof **out);
    if (!*out) {
        b->nomem = 1;
        return;
    }
    for (xmlNode *c = x->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && vb_bld_kind_of(c) == item)
            vb_bld_read_field(b, c, &(*out)[(*n_out)++]);
}

/* `n` pieces of inline text into one line: labels and separators are
 * spans the program made (VB_NO_OFF), the fields' spans stay as read. */
static int join_line(bld *b, vb_inline *out, const char *const *label, const vb_inline *const *field, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += 1 + field[i]->n;
    vb_span *v = vb_arena_calloc(b->a, total, sizeof *v);
    if (!v) {
        b->nomem = 1;
        return 0;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (label[i][0])
            v[k++] = (vb_span){label[i], strlen(label[i]), 0, field[i]->pos, VB_NO_OFF};
        memcpy(v + k, field[i]->v, field[i]->n * sizeof *v);
        k += field[i]->n;
    }
    out->v = v;
    out->n = k;
    out->pos = field[0]->pos;
    return 1;
}

/* <dia_chi> (ô 13): the fields <tru_so>, <dien_thoai>, <fax>,
 * <thu_dien_tu>, <trang_web>, then free <dong> lines. The printed lines are
 * made here once, with the labels of the decree's form (Phụ lục III, Mẫu
 * 1.5: “ĐT: …, Fax: …”, “E-Mail: …, Website: …”), so layout and both
 * writers print the same words; the fields stay in doc->address_field for
 * the linter. */
static void read_address(bld *b, xmlNode *x, vb_doc *doc)
{
    static const ek field_ek[VB_ADDRESS_FIELDS] = {E_TRU_SO, E_DIEN_THOAI, E_FAX, E_THU_DIEN_TU, E_TRANG_WEB};
    static const char *const label[VB_ADDRESS_FIELDS] = {"", "ĐT: ", "Fax: ", "E-Mail: ", "Website: "};
    static const seq_item seq[] = {{E_TRU_SO, 0, 1, 0},      {E_DIEN_THOAI, 0, 1, 0}, {E_FAX, 0, 1, 0},
                                   {E_THU_DIEN_TU, 0, 1, 0}, {E_TRANG_WEB, 0, 1, 0},  {E_DONG, 0, 0, 0}};
    vb_bld_check_attrs(b, x, vb_bld_no_attrs);
    vb_bld_check_seq(b, x, seq, sizeof seq / sizeof seq[0]);
    size_t n_dong = vb_bld_count_children(x, E_DONG), n_fields = 0;
    vb_inline *f = doc->address_field;
    for (int i = 0; i < VB_ADDRESS_FIELDS; i++) {
        f[i] = (vb_inline){0};
        n_fields += vb_bld_count_children(x, field_ek[i]) > 0;
    }
    doc->n_address = 0; /* as for a second <noi_nhan> */
    if (!n_dong && !n_fields) {
        vb_bld_err_node(b, x, VB_XML_MARK_CONTENT,
                        "<dia_chi> needs <dong>, or the fields <tru_so>, <dien_thoai>, <fax>, <thu_dien_tu>, "
                        "<trang_web>");
        return;
    }
    doc->address = vb_arena_calloc(b->a, n_dong + 3, sizeof *doc->address);
    if (!doc->address) {
        b->nomem = 1;
        return;
    }
    for (xmlNode *c = x->children; c; c = c->next) {
        ek k = c->type == XML_ELEMENT_NODE ? vb_bld_kind_of(c) : E_UNKNOWN;
        for (int i = 0; i < VB_ADDRESS_FIELDS; i++)
            if (k == field_ek[i] && !f[i].n)
                vb_bld_read_field(b, c, &f[i]);
    }
    /* one line for the address, one for phone and fax, one for e-mail
     * and website */
    static const int lines[3][2] = {{VB_ADDR_PLACE, -1}, {VB_ADDR_PHONE, VB_ADDR_FAX}, {VB_ADDR_EMAIL, VB_ADDR_WEB}};
    for (int l = 0; l < 3; l++) {
        const char *lab[2];
        const vb_inline *fld[2];
        size_t n = 0;
        for (int j = 0; j < 2; j++) {
            int i = lines[l][j];
            if (i < 0 || !f[i].n)
                continue;
            lab[n] = n ? (i == VB_ADDR_FAX ? ", Fax: " : ", Website: ") : label[i];
            fld[n++] = &f[i];
        }
        if (n && !join_line(b, &doc->address[doc->n_address++], lab, fld, n))
            return;
    }
    for (xmlNode *c = x->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && vb_bld_kind_of(c) == E_DONG)
            vb_bld_read_field(b, c, &doc->address[doc->n_address++]);
}

/* An image's path: a relative one starts from the input file's directory.
 * In the arena. */
static const char *image_path(bld *b, const char *src)
{
    const char *dir = b->doc->base_dir;
    if (src[0] == '/' || !dir || !dir[0])
        return src;
    size_t dl = strlen(dir);
    char *p = vb_arena_printf(b->a, "%s%s%s", dir, dir[dl - 1] == '/' ? "" : "/", src);
    if (!p) {
        b->nomem = 1;
        return src;
    }
    return p;
}

/* <anh_chu_ky src="…" rong="…"/>, <anh_dau src="…" duong_kinh="…"/>. The
 * file is not opened here: the layout reads it and reports what is wrong
 * with it, at this element. */
static void read_image(bld *b, xmlNode *c, const char *size_name, const char **path, double *size,
                       vb_srcpos *pos)
{
    const char *const attrs[] = {"src", size_name, NULL};
    vb_bld_check_attrs(b, c, attrs);
    vb_bld_check_empty(b, c, ": the file goes in its attribute src");
    *pos = vb_bld_pos(b, vb_bld_noff(c));
    size_t off = 0;
    const char *src = vb_bld_attr(b, c, "src", &off);
    if (!src)
        vb_bld_need_attr(b, c, "src");
    else if (!*src)
        vb_bld_err_off(b, c, VB_XML_MARK_SELF, off, "src must not be empty");
    else
        *path = image_path(b, src);
    *size = vb_bld_length_attr(b, c, size_name);
}

static void read_signature(bld *b, xmlNode *x, vb_signature *s)
{
    static const seq_item seq[] = {{E_THAM_QUYEN, 0, 0, 0}, {E_CHUC_VU, 0, 1, 0}, {E_HO_TEN, 1, 1, 0},
                                   {E_ANH_CHU_KY, 0, 1, 0}, {E_ANH_DAU, 0, 1, 0}};
    static const char *const a_loai[] = {"loai", NULL};
    static const char *const a_chu_ky[] = {"dong_dau", NULL};
    static const struct {
        const char *key;
        vb_authority kind;
    } auth[] = {{"TM", VB_AUTH_TM}, {"KT", VB_AUTH_KT}, {"TL", VB_AUTH_TL}, {"TUQ", VB_AUTH_TUQ}, {"Q", VB_AUTH_Q}};
    vb_bld_check_attrs(b, x, a_chu_ky);
    vb_bld_check_seq(b, x, seq, sizeof seq / sizeof *seq);
    size_t seal_off = 0;
    const char *seal = vb_bld_attr(b, x, "dong_dau", &seal_off);
    if (seal && strcmp(seal, "co") == 0)
        s->sealed = 1;
    else if (seal && strcmp(seal, "khong") != 0)
        vb_bld_err_off(b, x, VB_XML_MARK_SELF, seal_off, "dong_dau must be 'co' or 'khong': '%.60s'", seal);
    size_t n = vb_bld_count_children(x, E_THAM_QUYEN) + vb_bld_count_children(x, E_CHUC_VU);
    if (!n)
        vb_bld_err_node(b, x, VB_XML_MARK_CONTENT, "<chu_ky> needs <tham_quyen> or <chuc_vu>");
    s->pos = vb_bld_pos(b, vb_bld_noff(x));
    s->lines = n ? vb_arena_calloc(b->a, n, sizeof *s->lines) : NULL;
    if (n && !s->lines) {
        b->nomem = 1;
        return;
    }
    for (xmlNode *c = x->children; c; c = c->next) {
        ek k = c->type == XML_ELEMENT_NODE ? vb_bld_kind_of(c) : E_UNKNOWN;
        if (k == E_HO_TEN) {
            vb_bld_read_field(b, c, &s->name);
            continue;
        }
        if (k == E_ANH_CHU_KY) {
            read_image(b, c, "rong", &s->signature_image, &s->signature_width, &s->signature_pos);
            continue;
        }
        if (k == E_ANH_DAU) {
            read_image(b, c, "duong_kinh", &s->seal_image, &s->seal_diameter, &s->seal_pos);
            s->sealed = 1; /* a seal shown is a seal the agency signs for */
            continue;
        }
        if (k != E_THAM_QUYEN && k != E_CHUC_VU)
            continue;
        vb_auth_line *l = &s->lines[s->n_lines++];
        l->pos = vb_bld_pos(b, vb_bld_noff(c));
        l->kind = VB_AUTH_NONE;
        if (k == E_CHUC_VU) {
            vb_bld_read_field(b, c, &l->text);
            continue;
        }
        vb_bld_check_attrs(b, c, a_loai);
        size_t off = 0;
        const char *v = vb_bld_attr(b, c, "loai", &off);
        if (!v) {
            vb_bld_need_attr(b, c, "loai");
        } else {
            for (size_t i = 0; i < sizeof auth / sizeof *auth; i++)
                if (strcmp(v, auth[i].key) == 0)
                    l->kind = auth[i].kind;
            if (l->kind == VB_AUTH_NONE)
                vb_bld_err_off(b, c, VB_XML_MARK_SELF, off, "loai must be one of TM, KT, TL, TUQ, Q: '%s'", v);
        }
        vb_bld_read_inline(b, c, 0, &l->text);
        /* its prefix typed in the text as well is the linter's (check.h) */
        if (vb_inline_empty(&l->text))
            vb_bld_err_node(b, c, VB_XML_MARK_SELF, "<tham_quyen> has no text");
    }
}

static void read_recipients(bld *b, xmlNode *x, vb_inline **list, size_t *n_list, vb_archive *ar)
{
    static const seq_item seq[] = {{E_NHAN, 0, 0, 0}, {E_LUU, 1, 1, 0}};
    static const char *const a_luu[] = {"don_vi", "so_ban_luu", "nguoi_soan", "so_ban", NULL};
    vb_bld_check_attrs(b, x, vb_bld_no_attrs);
    vb_bld_check_seq(b, x, seq, 2);
    size_t n = vb_bld_count_children(x, E_NHAN);
    *n_list = 0; /* a second <noi_nhan> (already reported) starts again */
    *list = n ? vb_arena_calloc(b->a, n, sizeof **list) : NULL;
    if (n && !*list) {
        b->nomem = 1;
        return;
    }
    for (xmlNode *c = x->children; c; c = c->next) {
        ek k = c->type == XML_ELEMENT_NODE ? vb_bld_kind_of(c) : E_UNKNOWN;
        if (k == E_NHAN) {
            vb_inline *r = &(*list)[(*n_list)++];
            vb_bld_read_field(b, c, r);
        } else if (k == E_LUU) {
            vb_bld_check_attrs(b, c, a_luu);
            vb_bld_check_empty(b, c, ": its values go in the attributes don_vi, so_ban_luu, nguoi_soan and so_ban");
            ar->present = 1;
            ar->pos = vb_bld_pos(b, vb_bld_noff(c));
            size_t off = 0;
            const char *v = vb_bld_attr(b, c, "don_vi", &off);
            if (v && !*v)
                vb_bld_err_off(b, c, VB_XML_MARK_SELF, off, "don_vi must not be empty");
            else
                ar->units = v;
            v = vb_bld_attr(b, c, "so_ban_luu", &off);
            long kept = 0;
            if (v && !(vb_parse_uint(v, strlen(v), &kept) && kept >= 1 && kept <= 999999))
                vb_bld_err_off(b, c, VB_XML_MARK_SELF, off, "so_ban_luu must be a whole number from 1 to 999999: '%s'",
                               v);
            else if (v && !vb_bld_attr(b, c, "don_vi", NULL))
                vb_bld_err_off(b, c, VB_XML_MARK_SELF, off,
                               "so_ban_luu needs don_vi: it is the number of copies the drafting unit keeps, printed "
                               "after the unit's code");
            else
                ar->kept = v;
            v = vb_bld_attr(b, c, "nguoi_soan", &off);
            if (v && !*v)
                vb_bld_err_off(b, c, VB_XML_MARK_SELF, off, "nguoi_soan must not be empty");
            else
                ar->drafter = v;
            v = vb_bld_attr(b, c, "so_ban", &off);
            long copies = 0;
            if (v && !(vb_parse_uint(v, strlen(v), &copies) && copies >= 1 && copies <= 999999))
                vb_bld_err_off(b, c, VB_XML_MARK_SELF, off, "so_ban must be a whole number from 1 to 999999: '%s'", v);
            else
                ar->copies = v;
        }
    }
}

/* ---- ô 10, 11 and ô 1 as typed ------------------------------------------------------------ */

/* <do_mat muc="…"/>, <do_khan muc="…"/>: *out gets 1 + the index of the level. */
static void read_stamp(bld *b, xmlNode *x, const char *const *levels, int *out)
{
    static const char *const a_muc[] = {"muc", NULL};
    vb_bld_check_attrs(b, x, a_muc);
    vb_bld_check_empty(b, x, ": the level goes in its attribute muc");
    if (!vb_bld_attr(b, x, "muc", NULL)) {
        vb_bld_need_attr(b, x, "muc");
        return;
    }
    int i = vb_bld_pick(b, x, "muc", levels, -1);
    if (i >= 0)
        *out = i + 1;
}

/* s, its white space collapsed, is want byte for byte (not only after NFC). */
static int raw_equals(const char *s, const char *want)
{
    while (*s && *want) {
        if (vb_bld_is_ws(*s)) {
            while (vb_bld_is_ws(s[1]))
                s++;
            if (*want != ' ')
                return 0;
        } else if (*s != *want) {
            return 0;
        }
        s++;
        want++;
    }
    return !*s && !*want;
}

/* <quoc_hieu>, <tieu_ngu>: the program prints the decree's words itself; a
 * document that states them must state them exactly (a hand-typed header
 * often has an en dash in the motto or "HOÀ" for "HÒA"). */
static void read_fixed(bld *b, xmlNode *x, const char *want, const char *hint)
{
    vb_bld_check_attrs(b, x, vb_bld_no_attrs);
    size_t errors = vb_diag_errors(b->diag);
    const char *s = vb_bld_plain_text(b, x);
    if (vb_diag_errors(b->diag) > errors)
        return; /* an element inside: already reported */
    const char *t = vb_bld_collapse_ws(b, s);
    if (strcmp(t, want) != 0)
        vb_bld_err_node(b, x, VB_XML_MARK_SELF, "<%s> must read '%s' exactly%s, not '%.100s'",
                        vb_bld_ek_name[vb_bld_kind_of(x)], want, _(hint), t);
    else if (!raw_equals(s, want))
        /* the schema compares the characters as typed: say why it looks right */
        vb_bld_err_node(b, x, VB_XML_MARK_SELF,
                        "<%s> must read '%s' in precomposed letters (Unicode NFC); this one has combining marks",
                        vb_bld_ek_name[vb_bld_kind_of(x)], want);
}

/* ---- appendices, attached texts, the copy ------------------------------------------------- */

static void bad_type(bld *b, xmlNode *x, size_t off, const char *v)
{
    char keys[640];
    size_t k = 0;
    keys[0] = 0;
    for (size_t i = 0; vb_doctype_at(i) && k < sizeof keys; i++)
        k += (size_t)snprintf(keys + k, sizeof keys - k, "%s%s", i ? ", " : "", vb_doctype_at(i)->key);
    vb_bld_err_off(b, x, VB_XML_MARK_SELF, off,
                   "loai must be a document type of Phụ lục III: '%.60s'; the types are %s", v, keys);
}

/* cua="…": the “của …” part of the reference line under an annex. */
static void read_of(bld *b, xmlNode *x, vb_inline *of)
{
    size_t off = 0;
    const char *v = vb_bld_attr(b, x, "cua", &off);
    if (!v)
        return;
    if (!*v) {
        vb_bld_err_off(b, x, VB_XML_MARK_SELF, off, "cua must not be empty");
        return;
    }
    v = vb_bld_collapse_ws(b, v);
    vb_span *sp = vb_arena_alloc(b->a, sizeof *sp);
    if (!sp) {
        b->nomem = 1;
        return;
    }
    *sp = (vb_span){v, strlen(v), 0, vb_bld_pos(b, off), off};
    of->v = sp;
    of->n = 1;
    of->pos = sp->pos;
}

/* <phu_luc so="…" nhan="…" huong="…" cua="…"> <tieu_de> then blocks.
 * *count is the number of the appendix before it: so="N" sets this one's,
 * and the next continue from it, as blocks do. */
static void read_appendix(bld *b, xmlNode *x, vb_annex *an, int *count)
{
    static const char *const attrs[] = {"so", "nhan", "huong", "cua", NULL};
    static const char *const huong[] = {"doc", "ngang", NULL};
    vb_bld_check_attrs(b, x, attrs);
    an->kind = VB_ANNEX_APPENDIX;
    size_t off = 0;
    long v = 0;
    const char *so = vb_bld_attr(b, x, "so", &off);
    if (so && !(vb_parse_uint(so, strlen(so), &v) && v >= 1 && v <= 9999)) {
        vb_bld_err_off(b, x, VB_XML_MARK_SELF, off, "so must be a whole number from 1 to 9999: '%s'", so);
        so = NULL;
    }
    an->number = so ? (int)v : *count + 1;
    an->numbered = so != NULL;
    *count = an->number;
    const char *label = vb_bld_attr(b, x, "nhan", &off);
    if (label && !*label)
        vb_bld_err_off(b, x, VB_XML_MARK_SELF, off, "nhan must not be empty");
    else if (label)
        an->label = vb_bld_collapse_ws(b, label);
    an->pos = vb_bld_pos(b, vb_bld_noff(x));
    an->landscape = vb_bld_pick(b, x, "huong", huong, 0) == 1;
    read_of(b, x, &an->of);
    an->body = vb_bld_node_new(b, VB_N_BODY, vb_bld_noff(x));
    if (!an->body)
        return;
    b->article = 0; /* an appendix numbers its điều from 1 */
    vb_bld_read_content(b, x, E_PHU_LUC, an->body);
    an->title = an->body->title;
    an->body->title = (vb_inline){0};
    an->body->has_title = 0;
}

/* <van_ban_kem_theo loai="…" cua="…"> <trich_yeu>, <noi_dung>, <chu_ky>?:
 * a text (quy chế, quy định …) issued by the quyết định it follows. */
static void read_attached(bld *b, xmlNode *x, vb_annex *an)
{
    static const char *const attrs[] = {"loai", "cua", NULL};
    static const seq_item seq[] = {{E_TRICH_YEU, 1, 1, 0}, {E_NOI_DUNG, 1, 1, 0}, {E_CHU_KY, 0, 1, 0}};
    vb_bld_check_attrs(b, x, attrs);
    an->kind = VB_ANNEX_ATTACHED;
    an->pos = vb_bld_pos(b, vb_bld_noff(x));
    size_t off = 0;
    const char *v = vb_bld_attr(b, x, "loai", &off);
    if (!v) {
        vb_bld_need_attr(b, x, "loai");
    } else if (!(an->type = vb_doctype_find(v))) {
        bad_type(b, x, off, v);
    } else if (!an->type->name) {
        vb_bld_err_off(b, x, VB_XML_MARK_SELF, off,
                       "loai of <van_ban_kem_theo> must be a type with a name (quy_che, quy_dinh, de_an …), not '%s'",
                       v);
        an->type = NULL;
    }
    read_of(b, x, &an->of);
    vb_bld_check_seq(b, x, seq, sizeof seq / sizeof *seq);
    for (xmlNode *c = x->children; c && !b->nomem; c = c->next) {
        switch (c->type == XML_ELEMENT_NODE ? vb_bld_kind_of(c) : E_UNKNOWN) {
        case E_TRICH_YEU: vb_bld_read_field(b, c, &an->title); break;
        case E_NOI_DUNG:
            vb_bld_check_attrs(b, c, vb_bld_no_attrs);
            an->body = vb_bld_node_new(b, VB_N_BODY, vb_bld_noff(c));
            b->article = 0; /* the attached text numbers its điều from 1 */
            if (an->body)
                vb_bld_read_content(b, c, E_NOI_DUNG, an->body);
            break;
        case E_CHU_KY:
            an->signature = vb_arena_calloc(b->a, 1, sizeof *an->signature);
            if (!an->signature) {
                b->nomem = 1;
                return;
            }
            read_signature(b, c, an->signature);
            break;
        default: break; /* reported by check_seq */
        }
    }
}

/* <ban_sao hinh_thuc="…"> (Mẫu 3.1): the copying agency, its number, place
 * and date, signature and recipients. */
static void read_copy(bld *b, xmlNode *x)
{
    static const char *const attrs[] = {"hinh_thuc", NULL};
    static const char *const forms[] = {"sao_y", "sao_luc", "trich_sao", NULL};
    static const seq_item seq[] = {{E_CO_QUAN_CHU_QUAN, 0, 1, 0}, {E_CO_QUAN_BAN_HANH, 1, 1, 0},
                                   {E_SO_KY_HIEU, 1, 1, 0},       {E_DIA_DANH, 1, 1, 0},
                                   {E_NGAY, 1, 1, 0},             {E_CHU_KY, 1, 1, 0},
                                   {E_NOI_NHAN, 1, 1, 0}};
    vb_copy *cp = vb_arena_calloc(b->a, 1, sizeof *cp);
    if (!cp) {
        b->nomem = 1;
        return;
    }
    b->doc->copy = cp;
    vb_bld_check_attrs(b, x, attrs);
    cp->pos = vb_bld_pos(b, vb_bld_noff(x));
    if (!vb_bld_attr(b, x, "hinh_thuc", NULL)) {
        vb_bld_need_attr(b, x, "hinh_thuc");
    } else {
        int f = vb_bld_pick(b, x, "hinh_thuc", forms, -1);
        if (f >= 0)
            cp->form = (vb_copy_form)(VB_COPY_SAO_Y + f);
    }
    vb_bld_check_seq(b, x, seq, sizeof seq / sizeof *seq);
    for (xmlNode *c = x->children; c && !b->nomem; c = c->next) {
        switch (c->type == XML_ELEMENT_NODE ? vb_bld_kind_of(c) : E_UNKNOWN) {
        case E_CO_QUAN_CHU_QUAN: vb_bld_read_field(b, c, &cp->parent_agency); break;
        case E_CO_QUAN_BAN_HANH: vb_bld_read_field(b, c, &cp->agency); break;
        case E_SO_KY_HIEU:
            read_number(b, c, &cp->number, &cp->notation, &cp->number_pos);
            break;
        case E_DIA_DANH: vb_bld_read_field(b, c, &cp->place); break;
        case E_NGAY: read_date(b, c, &cp->year, &cp->month, &cp->day, &cp->date_pos); break;
        case E_CHU_KY: read_signature(b, c, &cp->signature); break;
        case E_NOI_NHAN: read_recipients(b, c, &cp->recipients, &cp->n_recipients, &cp->archive); break;
        default: break; /* reported by check_seq */
        }
    }
}

/* ---- the document ------------------------------------------------------------------------ */

static int layout_name_ok(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '-'))
            return 0;
    return 1;
}

/* Which forms of Phụ lục III have the preamble of a decision. */
enum { HAS_AUTHORITY = 1, NEEDS_AUTHORITY = 2, HAS_BASES = 4, HAS_ATTACHED = 8 };

static unsigned form_parts(const vb_doctype *t)
{
    if (!t)
        return HAS_AUTHORITY | HAS_BASES | HAS_ATTACHED; /* an unknown type: reported already */
    switch (t->form) {
    case VB_FORM_DECISION: return HAS_AUTHORITY | NEEDS_AUTHORITY | HAS_BASES | HAS_ATTACHED;
    case VB_FORM_RESOLUTION: return HAS_AUTHORITY | HAS_BASES | HAS_ATTACHED;
    case VB_FORM_TELEGRAM: return HAS_AUTHORITY | NEEDS_AUTHORITY;
    default: return 0;
    }
}

/* Reports an element the document's type does not have; returns 1 then. */
static int not_in_type(bld *b, xmlNode *c, int allowed, const char *which)
{
    if (allowed)
        return 0;
    vb_bld_err_node(b, c, VB_XML_MARK_SELF, "<%s> is allowed only in %s, not in loai '%s'",
                    vb_bld_ek_name[vb_bld_kind_of(c)], _(which), b->doc->type->key);
    return 1;
}

#define IN_DECISIONS N_("a quyết định or nghị quyết (loai quyet_dinh, nghi_quyet)")
#define IN_DECISIONS_AND_TELEGRAMS N_("a quyết định, nghị quyết or công điện (loai quyet_dinh, nghi_quyet, cong_dien)")

/* <van_ban loai="…" phien_ban="1" bo_cuc="…" dau_ket="…" du_thao="…">. */
static void read_van_ban_attrs(bld *b, xmlNode *x)
{
    static const char *const attrs[] = {"loai", "phien_ban", "bo_cuc", "dau_ket", "du_thao", NULL};
    vb_doc *doc = b->doc;
    vb_bld_check_attrs(b, x, attrs);
    size_t off = 0;
    const char *v = vb_bld_attr(b, x, "loai", &off);
    if (!v)
        vb_bld_need_attr(b, x, "loai");
    else if (!(doc->type = vb_doctype_find(v)))
        bad_type(b, x, off, v);
    if ((v = vb_bld_attr(b, x, "phien_ban", &off)) && strcmp(v, "1") != 0)
        vb_bld_err_off(b, x, VB_XML_MARK_SELF, off,
                       "phien_ban '%.60s' is not supported: this program reads version 1 of the format", v);
    if ((v = vb_bld_attr(b, x, "bo_cuc", &off))) {
        if (layout_name_ok(v))
            doc->layout = v;
        else
            vb_bld_err_off(b, x, VB_XML_MARK_SELF, off,
                           "bo_cuc must be a layout name (letters, digits, '_' and '-'): '%.60s'", v);
    }
    if ((v = vb_bld_attr(b, x, "dau_ket", &off))) {
        if (strcmp(v, "khong") == 0)
            doc->end_mark = NULL;
        else if (strcmp(v, "co") != 0)
            vb_bld_err_off(b, x, VB_XML_MARK_SELF, off, "dau_ket must be 'co' or 'khong': '%.60s'", v);
    }
    /* du_thao="co": a draft (DỰ THẢO); du_thao="2": its second round (DỰ THẢO LẦN 2) */
    if ((v = vb_bld_attr(b, x, "du_thao", &off))) {
        size_t n = strlen(v);
        if (strcmp(v, "co") == 0) {
            doc->draft = 1;
        } else if (n >= 1 && n <= 3 && v[0] >= '1' && v[0] <= '9' && strspn(v, "0123456789") == n) {
            doc->draft = 1;
            doc->draft_round = atoi(v);
        } else {
            vb_bld_err_off(b, x, VB_XML_MARK_SELF, off,
                           "du_thao must be 'co' or the draft's round, a number from 1 to 999: '%.60s'", v);
        }
    }

}

/* The parts a form of Phụ lục III needs beyond the sequence's own. */
static void need_form_parts(bld *b, xmlNode *x, const vb_doctype *type, unsigned parts, vb_form form)
{
    if (type && !vb_bld_count_children(x, E_TRICH_YEU) && form != VB_FORM_INTRODUCTION && form != VB_FORM_LEAVE)
        vb_bld_err_node(b, x, VB_XML_MARK_CONTENT, "<van_ban> needs <trich_yeu>");
    if (type && (parts & NEEDS_AUTHORITY) && !vb_bld_count_children(x, E_THAM_QUYEN_BAN_HANH))
        vb_bld_err_node(b, x, VB_XML_MARK_CONTENT,
                        "<van_ban> needs <tham_quyen_ban_hanh> in a %s: the authority that issues it, e.g. '%s'",
                        form == VB_FORM_TELEGRAM ? "công điện" : "quyết định",
                        form == VB_FORM_TELEGRAM ? "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP"
                                                 : "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN LẤP VÒ");
}

/* <lien_tich>: the second agency of a joint document. */
static void read_joint(bld *b, xmlNode *c)
{
    static const seq_item joint_seq[] = {{E_CO_QUAN_CHU_QUAN, 0, 1, 0}, {E_CO_QUAN_BAN_HANH, 1, 1, 0}};
    vb_doc *doc = b->doc;
    vb_bld_check_attrs(b, c, vb_bld_no_attrs);
    vb_bld_check_seq(b, c, joint_seq, 2);
    for (xmlNode *j = c->children; j; j = j->next) {
        ek k = j->type == XML_ELEMENT_NODE ? vb_bld_kind_of(j) : E_UNKNOWN;
        if (k == E_CO_QUAN_CHU_QUAN)
            vb_bld_read_field(b, j, &doc->joint_parent_agency);
        else if (k == E_CO_QUAN_BAN_HANH)
            vb_bld_read_field(b, j, &doc->joint_agency);
    }
    /* the linter counts its signatures */
    doc->joint_pos = vb_bld_pos(b, vb_bld_noff(c));
}

/* The arrays of the parts that may repeat, sized to x's children; 0 when
 * out of memory. */
static int alloc_lists(bld *b, xmlNode *x)
{
    vb_doc *doc = b->doc;
    size_t n_sig = vb_bld_count_children(x, E_CHU_KY), n_circ = vb_bld_count_children(x, E_CHI_DAN_LUU_HANH);
    size_t n_bases = vb_bld_count_children(x, E_CAN_CU);
    size_t n_annex = vb_bld_count_children(x, E_PHU_LUC) + vb_bld_count_children(x, E_VAN_BAN_KEM_THEO);
    doc->signatures = n_sig ? vb_arena_calloc(b->a, n_sig, sizeof *doc->signatures) : NULL;
    doc->circulation = n_circ ? vb_arena_calloc(b->a, n_circ, sizeof *doc->circulation) : NULL;
    doc->bases = n_bases ? vb_arena_calloc(b->a, n_bases, sizeof *doc->bases) : NULL;
    doc->annexes = n_annex ? vb_arena_calloc(b->a, n_annex, sizeof *doc->annexes) : NULL;
    return !((n_sig && !doc->signatures) || (n_circ && !doc->circulation) || (n_bases && !doc->bases) ||
             (n_annex && !doc->annexes));
}

/* One child c of <van_ban>, into the model; parts: what the form has
 * (form_parts); *n_appendix counts the appendices. */
static void read_part(bld *b, xmlNode *c, unsigned parts, int *n_appendix)
{
    static const char *const secrecy[] = {"mat", "toi_mat", "tuyet_mat", NULL};
    static const char *const urgency[] = {"khan", "thuong_khan", "hoa_toc", NULL};
    vb_doc *doc = b->doc;
    int level = 0;
    switch (vb_bld_kind_of(c)) {
    case E_DO_MAT:
        read_stamp(b, c, secrecy, &level);
        doc->secrecy = (vb_secrecy)level;
        break;
    case E_DO_KHAN:
        read_stamp(b, c, urgency, &level);
        doc->urgency = (vb_urgency)level;
        break;
    case E_CHI_DAN_LUU_HANH: vb_bld_read_field(b, c, &doc->circulation[doc->n_circulation++]); break;
    case E_QUOC_HIEU: read_fixed(b, c, VB_QUOC_HIEU, ""); break;
    case E_TIEU_NGU:
        read_fixed(b, c, VB_TIEU_NGU, " (the decree's hyphens are ASCII '-' with a space each side)");
        break;
    case E_CO_QUAN_CHU_QUAN: vb_bld_read_field(b, c, &doc->parent_agency); break;
    case E_CO_QUAN_BAN_HANH: vb_bld_read_field(b, c, &doc->agency); break;
    case E_LIEN_TICH: read_joint(b, c); break;
    case E_SO_KY_HIEU: read_number(b, c, &doc->number, &doc->notation, &doc->number_pos); break;
    case E_DIA_DANH: vb_bld_read_field(b, c, &doc->place); break;
    case E_NGAY: read_date(b, c, &doc->year, &doc->month, &doc->day, &doc->date_pos); break;
    case E_TRICH_YEU: vb_bld_read_field(b, c, &doc->summary); break;
    case E_THAM_QUYEN_BAN_HANH:
        if (!not_in_type(b, c, parts & HAS_AUTHORITY, IN_DECISIONS_AND_TELEGRAMS))
            vb_bld_read_field(b, c, &doc->authority);
        break;
    case E_CAN_CU:
        if (!not_in_type(b, c, parts & HAS_BASES, IN_DECISIONS))
            vb_bld_read_field(b, c, &doc->bases[doc->n_bases++]);
        break;
    case E_THEO_DE_NGHI:
        if (!not_in_type(b, c, parts & HAS_BASES, IN_DECISIONS))
            vb_bld_read_field(b, c, &doc->proposal);
        break;
    case E_KINH_GUI: read_list(b, c, E_NOI, &doc->to, &doc->n_to); break;
    case E_NOI_DUNG:
        vb_bld_check_attrs(b, c, vb_bld_no_attrs);
        doc->body = vb_bld_node_new(b, VB_N_BODY, vb_bld_noff(c));
        if (doc->body)
            vb_bld_read_content(b, c, E_NOI_DUNG, doc->body);
        break;
    case E_CHU_KY: read_signature(b, c, &doc->signatures[doc->n_signatures++]); break;
    case E_NOI_NHAN: read_recipients(b, c, &doc->recipients, &doc->n_recipients, &doc->archive); break;
    case E_DIA_CHI: read_address(b, c, doc); break;
    case E_CHU_KY_SO: vb_bld_read_field(b, c, &doc->ecopy); break;
    case E_PHU_LUC: read_appendix(b, c, &doc->annexes[doc->n_annexes++], n_appendix); break;
    case E_VAN_BAN_KEM_THEO:
        if (!not_in_type(b, c, parts & HAS_ATTACHED, IN_DECISIONS))
            read_attached(b, c, &doc->annexes[doc->n_annexes++]);
        break;
    case E_BAN_SAO: read_copy(b, c); break;
    default: break; /* reported by check_seq */
    }
}

void vb_bld_read_van_ban(bld *b, xmlNode *x)
{
    static const seq_item seq[] = {
        {E_DO_MAT, 0, 1, 0},           {E_DO_KHAN, 0, 1, 0},          {E_CHI_DAN_LUU_HANH, 0, 0, 0},
        {E_QUOC_HIEU, 0, 1, 0},        {E_TIEU_NGU, 0, 1, 0},         {E_CO_QUAN_CHU_QUAN, 0, 1, 0},
        {E_CO_QUAN_BAN_HANH, 1, 1, 0}, {E_LIEN_TICH, 0, 1, 0},        {E_SO_KY_HIEU, 1, 1, 0},
        {E_DIA_DANH, 1, 1, 0},         {E_NGAY, 1, 1, 0},             {E_TRICH_YEU, 0, 1, 0},
        {E_THAM_QUYEN_BAN_HANH, 0, 1, 0}, {E_CAN_CU, 0, 0, 0},        {E_THEO_DE_NGHI, 0, 1, 0},
        {E_KINH_GUI, 0, 1, 0},         {E_NOI_DUNG, 1, 1, 0},         {E_CHU_KY, 1, 2, 0},
        {E_NOI_NHAN, 1, 1, 0},         {E_DIA_CHI, 0, 1, 0},          {E_CHU_KY_SO, 0, 1, 0},
        {E_PHU_LUC, 0, 0, 0},          {E_VAN_BAN_KEM_THEO, 0, 0, 1}, {E_BAN_SAO, 0, 1, 0}};
    read_van_ban_attrs(b, x);
    vb_bld_check_seq(b, x, seq, sizeof seq / sizeof *seq);
    const vb_doctype *type = b->doc->type;
    unsigned parts = form_parts(type);
    need_form_parts(b, x, type, parts, type ? type->form : VB_FORM_TYPED);
    if (!alloc_lists(b, x)) {
        b->nomem = 1;
        return;
    }
    int n_appendix = 0;
    for (xmlNode *c = x->children; c && !b->nomem; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            read_part(b, c, parts, &n_appendix);
}

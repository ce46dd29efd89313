/* model.c - document model: allocation, the Phụ lục III table, helpers. */
#include "model.h"

#include <string.h>

static const vb_doctype doctypes[] = {
    {"nghi_quyet", "NGHỊ QUYẾT", "NQ", VB_FORM_RESOLUTION},
    {"quyet_dinh", "QUYẾT ĐỊNH", "QĐ", VB_FORM_DECISION},
    {"chi_thi", "CHỈ THỊ", "CT", VB_FORM_TYPED},
    {"quy_che", "QUY CHẾ", "QC", VB_FORM_TYPED},
    {"quy_dinh", "QUY ĐỊNH", "QyĐ", VB_FORM_TYPED},
    {"thong_cao", "THÔNG CÁO", "TC", VB_FORM_TYPED},
    {"thong_bao", "THÔNG BÁO", "TB", VB_FORM_TYPED},
    {"huong_dan", "HƯỚNG DẪN", "HD", VB_FORM_TYPED},
    {"chuong_trinh", "CHƯƠNG TRÌNH", "CTr", VB_FORM_TYPED},
    {"ke_hoach", "KẾ HOẠCH", "KH", VB_FORM_TYPED},
    {"phuong_an", "PHƯƠNG ÁN", "PA", VB_FORM_TYPED},
    {"de_an", "ĐỀ ÁN", "ĐA", VB_FORM_TYPED},
    {"du_an", "DỰ ÁN", "DA", VB_FORM_TYPED},
    {"bao_cao", "BÁO CÁO", "BC", VB_FORM_TYPED},
    {"bien_ban", "BIÊN BẢN", "BB", VB_FORM_MINUTES},
    {"to_trinh", "TỜ TRÌNH", "TTr", VB_FORM_TYPED},
    {"hop_dong", "HỢP ĐỒNG", "HĐ", VB_FORM_TYPED},
    {"cong_dien", "CÔNG ĐIỆN", "CĐ", VB_FORM_TELEGRAM},
    {"ban_ghi_nho", "BẢN GHI NHỚ", "BGN", VB_FORM_TYPED},
    {"ban_thoa_thuan", "BẢN THỎA THUẬN", "BTT", VB_FORM_TYPED},
    {"giay_uy_quyen", "GIẤY ỦY QUYỀN", "GUQ", VB_FORM_TYPED},
    {"giay_moi", "GIẤY MỜI", "GM", VB_FORM_INVITATION},
    {"giay_gioi_thieu", "GIẤY GIỚI THIỆU", "GGT", VB_FORM_INTRODUCTION},
    {"giay_nghi_phep", "GIẤY NGHỈ PHÉP", "GNP", VB_FORM_LEAVE},
    {"phieu_gui", "PHIẾU GỬI", "PG", VB_FORM_TYPED},
    {"phieu_chuyen", "PHIẾU CHUYỂN", "PC", VB_FORM_TYPED},
    {"phieu_bao", "PHIẾU BÁO", "PB", VB_FORM_TYPED},
    {"cong_van", NULL, NULL, VB_FORM_OFFICIAL_LETTER},
};

const vb_doctype *vb_doctype_find(const char *key)
{
    for (size_t i = 0; i < sizeof doctypes / sizeof *doctypes; i++)
        if (strcmp(doctypes[i].key, key) == 0)
            return &doctypes[i];
    return NULL;
}

const vb_doctype *vb_doctype_at(size_t i)
{
    return i < sizeof doctypes / sizeof *doctypes ? &doctypes[i] : NULL;
}

vb_doc *vb_doc_new(const char *file)
{
    vb_arena *a = vb_arena_new();
    if (!a)
        return NULL;
    vb_doc *d = vb_arena_alloc(a, sizeof *d);
    if (!d) {
        vb_arena_free(a);
        return NULL;
    }
    d->arena = a;
    d->file = vb_arena_strdup(a, file ? file : "<input>");
    d->src = vb_arena_calloc(a, 1, sizeof *d->src);
    if (!d->file || !d->src) {
        vb_arena_free(a);
        return NULL;
    }
    d->src->file = d->file;
    d->end_mark = "./.";
    return d;
}

void vb_doc_free(vb_doc *doc)
{
    if (!doc)
        return;
    vb_source_free(doc->src);
    vb_arena_free(doc->arena);
}

void vb_node_append(vb_node *parent, vb_node *child)
{
    child->parent = parent;
    child->next = NULL;
    if (parent->last)
        parent->last->next = child;
    else
        parent->first = child;
    parent->last = child;
}

char *vb_inline_plain(vb_arena *a, const vb_inline *in, const char *brk, size_t *len)
{
    size_t blen = strlen(brk), total = 0;
    for (size_t i = 0; i < in->n; i++)
        total += (in->v[i].flags & VB_SPAN_BREAK) ? blen : in->v[i].len;
    char *s = vb_arena_alloc(a, total + 1);
    if (!s)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < in->n; i++) {
        if (in->v[i].flags & VB_SPAN_BREAK) {
            memcpy(s + o, brk, blen);
            o += blen;
        } else {
            memcpy(s + o, in->v[i].text, in->v[i].len);
            o += in->v[i].len;
        }
    }
    s[o] = 0;
    if (len)
        *len = o;
    return s;
}

int vb_inline_empty(const vb_inline *in)
{
    for (size_t i = 0; i < in->n; i++)
        if (!(in->v[i].flags & VB_SPAN_BREAK) && in->v[i].len)
            return 0;
    return 1;
}

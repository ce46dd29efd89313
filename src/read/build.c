/* build.c - the reader's third step (build.h): the elements of the format,
 * reporting, attributes and their values, children in a fixed order, and
 * the walk's entry, vb_xml_build. */
#include "build.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "utf8.h"
#include "i18n.h"

/* ---- the elements of the format -------------------------------------------------- */

const char *const vb_bld_ek_name[E_COUNT] = {
    [E_UNKNOWN] = "",
    [E_VAN_BAN] = "van_ban",
    [E_CO_QUAN_CHU_QUAN] = "co_quan_chu_quan",
    [E_CO_QUAN_BAN_HANH] = "co_quan_ban_hanh",
    [E_SO_KY_HIEU] = "so_ky_hieu",
    [E_DIA_DANH] = "dia_danh",
    [E_NGAY] = "ngay",
    [E_TRICH_YEU] = "trich_yeu",
    [E_KINH_GUI] = "kinh_gui",
    [E_NOI] = "noi",
    [E_NOI_DUNG] = "noi_dung",
    [E_CHU_KY] = "chu_ky",
    [E_THAM_QUYEN] = "tham_quyen",
    [E_CHUC_VU] = "chuc_vu",
    [E_HO_TEN] = "ho_ten",
    [E_NOI_NHAN] = "noi_nhan",
    [E_NHAN] = "nhan",
    [E_LUU] = "luu",
    [E_TIEU_DE] = "tieu_de",
    [E_DOAN] = "doan",
    [E_PHAN] = "phan",
    [E_CHUONG] = "chuong",
    [E_MUC] = "muc",
    [E_TIEU_MUC] = "tieu_muc",
    [E_DIEU] = "dieu",
    [E_KHOAN] = "khoan",
    [E_DIEM] = "diem",
    [E_GACH] = "gach",
    [E_BANG] = "bang",
    [E_B] = "b",
    [E_I] = "i",
    [E_U] = "u",
    [E_XUONG_DONG] = "xuong_dong",
    [E_DO_MAT] = "do_mat",
    [E_DO_KHAN] = "do_khan",
    [E_CHI_DAN_LUU_HANH] = "chi_dan_luu_hanh",
    [E_QUOC_HIEU] = "quoc_hieu",
    [E_TIEU_NGU] = "tieu_ngu",
    [E_LIEN_TICH] = "lien_tich",
    [E_THAM_QUYEN_BAN_HANH] = "tham_quyen_ban_hanh",
    [E_CAN_CU] = "can_cu",
    [E_THEO_DE_NGHI] = "theo_de_nghi",
    [E_COT] = "cot",
    [E_DONG] = "dong",
    [E_O] = "o",
    [E_ANH_CHU_KY] = "anh_chu_ky",
    [E_ANH_DAU] = "anh_dau",
    [E_DIA_CHI] = "dia_chi",
    [E_CHU_KY_SO] = "chu_ky_so",
    [E_PHU_LUC] = "phu_luc",
    [E_VAN_BAN_KEM_THEO] = "van_ban_kem_theo",
    [E_BAN_SAO] = "ban_sao",
    [E_TRU_SO] = "tru_so",
    [E_DIEN_THOAI] = "dien_thoai",
    [E_FAX] = "fax",
    [E_THU_DIEN_TU] = "thu_dien_tu",
    [E_TRANG_WEB] = "trang_web",
};

ek vb_bld_kind_of(const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE || n->ns)
        return E_UNKNOWN;
    const char *s = (const char *)n->name;
    for (int k = 1; k < E_COUNT; k++)
        if (s[0] == vb_bld_ek_name[k][0] && strcmp(s, vb_bld_ek_name[k]) == 0)
            return (ek)k;
    return E_UNKNOWN;
}

/* ---- the builder -------------------------------------------------------------------- */

const char *const vb_bld_no_attrs[] = {NULL};

int vb_bld_blank(const xmlChar *s)
{
    if (s)
        for (; *s; s++)
            if (!vb_bld_is_ws((char)*s))
                return 0;
    return 1;
}

/* The offset of the first character after the white space at off in the
 * input. Counted in the file, not in the node's text: libxml2 has turned each
 * CR LF of the text into LF. */
size_t vb_bld_skip_ws_at(const bld *b, size_t off)
{
    while (off < b->src->len && vb_bld_is_ws(b->src->text[off]))
        off++;
    return off;
}

/* Where the first non-blank character of a text node is. */
size_t vb_bld_text_off(const bld *b, const xmlNode *t)
{
    return vb_bld_skip_ws_at(b, vb_bld_noff(t));
}

vb_srcpos vb_bld_pos(bld *b, size_t off)
{
    vb_srcpos p = vb_source_pos(b->src, off);
    p.file = b->doc->file;
    return p;
}

const char *vb_bld_qname(const xmlNs *ns, const xmlChar *name, char *buf, size_t size)
{
    if (ns && ns->prefix)
        snprintf(buf, size, "%.60s:%.60s", (const char *)ns->prefix, (const char *)name);
    else
        snprintf(buf, size, "%.120s", (const char *)name);
    return buf;
}

static void report(bld *b, vb_severity sev, xmlNode *about, unsigned mark, size_t off, const char *fmt,
                   va_list ap)
{
    vb_diag_vemit(b->diag, vb_source_pos(b->src, off), sev, fmt, ap);
    if (about && sev == VB_ERROR)
        vb_xml_mark(about, mark);
}

void vb_bld_err_off(bld *b, xmlNode *n, unsigned mark, size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(b, VB_ERROR, n, mark, off, fmt, ap);
    va_end(ap);
}

void vb_bld_err_node(bld *b, xmlNode *n, unsigned mark, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(b, VB_ERROR, n, mark, vb_bld_noff(n), fmt, ap);
    va_end(ap);
}

vb_node *vb_bld_node_new(bld *b, vb_node_kind kind, size_t off)
{
    vb_node *n = vb_arena_alloc(b->a, sizeof *n);
    if (!n) {
        b->nomem = 1;
        return NULL;
    }
    n->kind = kind;
    n->pos = vb_bld_pos(b, off);
    return n;
}

/* ---- elements and attributes in the wrong place ------------------------------------ */

void vb_bld_bad_element(bld *b, xmlNode *c, const xmlNode *parent)
{
    char cn[128], pn[128];
    NAME(c, cn);
    NAME(parent, pn);
    ek k = vb_bld_kind_of(c);
    if (c->ns)
        vb_bld_err_node(b, c, VB_XML_MARK_SELF, "<%s> is in the XML namespace '%.200s'; the format uses no namespace",
                        cn, c->ns->href ? (const char *)c->ns->href : "");
    else if (k == E_UNKNOWN)
        vb_bld_err_node(b, c, VB_XML_MARK_SELF, "unknown element <%s> in <%s>", cn, pn);
    else if (k == E_PHAN)
        vb_bld_err_node(b, c, VB_XML_MARK_SELF,
                        "<phan> is not allowed in <%s>: a part (phần) stands directly in <noi_dung> or <phu_luc>", pn);
    else if (k == E_CHUONG)
        vb_bld_err_node(b, c, VB_XML_MARK_SELF,
                        "<chuong> is not allowed in <%s>: a chapter (chương) stands in <noi_dung>, <phu_luc> or <phan>",
                        pn);
    else
        vb_bld_err_node(b, c, VB_XML_MARK_SELF, "<%s> is not allowed in <%s>", cn, pn);
}

/* Offset of attribute qn in n's start tag (the tag itself when not found). */
static size_t attr_off(bld *b, const xmlNode *n, const char *qn)
{
    size_t lt = vb_bld_noff(n), at = lt;
    return vb_source_attr(b->src, lt, qn, &at, NULL) ? at : lt;
}

void vb_bld_check_attrs(bld *b, xmlNode *n, const char *const *allowed)
{
    for (xmlAttr *a = n->properties; a; a = a->next) {
        int ok = 0;
        for (size_t i = 0; !a->ns && allowed[i]; i++)
            if (strcmp((const char *)a->name, allowed[i]) == 0)
                ok = 1;
        if (ok)
            continue;
        char an[128], en[128];
        vb_bld_qname(a->ns, a->name, an, sizeof an);
        vb_bld_err_off(b, n, VB_XML_MARK_SELF, attr_off(b, n, an), "unknown attribute '%s' on <%s>", an, NAME(n, en));
    }
}

/* s[0..n) in NFC, copied into the arena. Text made only of characters that
 * are NFC and never combine with a neighbour (Latin, Vietnamese, general
 * punctuation such as the en dash, currency signs) is copied as it is;
 * anything else goes through vb_utf8_nfc, whose own quick check would send
 * a whole paragraph through utf8proc for one en dash. */
char *vb_bld_nfc(bld *b, const char *s, size_t n, size_t *out_len)
{
    for (size_t i = 0; i < n;) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp = 0;
        size_t k = vb_utf8_decode(s + i, n - i, &cp);
        if (!k || !(cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2002 && cp <= 0x206F) ||
                    (cp >= 0x20A0 && cp <= 0x20CF)))
            return vb_utf8_nfc(b->a, s, n, out_len);
        i += k;
    }
    if (out_len)
        *out_len = n;
    return vb_arena_strndup(b->a, s, n);
}

/* The value of attribute `name` of n, trimmed and in NFC, in the arena;
 * NULL when n has none. *off gets where it is. */
const char *vb_bld_attr(bld *b, xmlNode *n, const char *name, size_t *off)
{
    xmlAttr *a = n->properties;
    while (a && (a->ns || strcmp((const char *)a->name, name) != 0))
        a = a->next;
    if (!a)
        return NULL;
    if (off)
        *off = attr_off(b, n, name);
    xmlChar *tmp = NULL;
    const char *v = "";
    if (a->children && !a->children->next && a->children->type == XML_TEXT_NODE)
        v = (const char *)a->children->content;
    else if (a->children && (tmp = xmlNodeListGetString(a->doc, a->children, 1)))
        v = (const char *)tmp;
    size_t s = 0, e = strlen(v);
    while (s < e && vb_bld_is_ws(v[s]))
        s++;
    while (e > s && vb_bld_is_ws(v[e - 1]))
        e--;
    char *r = vb_bld_nfc(b, v + s, e - s, NULL);
    xmlFree(tmp);
    if (!r) {
        b->nomem = 1;
        return "";
    }
    return r;
}

void vb_bld_need_attr(bld *b, xmlNode *n, const char *name)
{
    char en[128];
    vb_bld_err_node(b, n, VB_XML_MARK_SELF, "<%s> needs attribute '%s'", NAME(n, en), name);
}

/* An element that holds nothing: no text, no elements. */
void vb_bld_check_empty(bld *b, xmlNode *x, const char *why)
{
    for (xmlNode *c = x->children; c; c = c->next) {
        if ((vb_bld_is_text(c) && !vb_bld_blank(c->content)) || c->type == XML_ELEMENT_NODE) {
            char en[128];
            vb_bld_err_node(b, x, VB_XML_MARK_SELF, "<%s> must be empty%s", NAME(x, en), _(why));
            return;
        }
    }
}

/* ---- children in a fixed order ------------------------------------------------------- */


void vb_bld_check_seq(bld *b, xmlNode *x, const seq_item *items, size_t n)
{
    unsigned count[SEQ_MAX] = {0};
    size_t rank[SEQ_MAX];
    size_t hi = n; /* index of the furthest item seen so far */
    int text_reported = 0;
    char xn[128];
    NAME(x, xn);
    for (size_t i = 0; i < n && i < SEQ_MAX; i++)
        rank[i] = i == 0 ? 0 : rank[i - 1] + !items[i].tie;
    for (xmlNode *c = x->children; c; c = c->next) {
        if (vb_bld_is_text(c)) {
            if (!text_reported && !vb_bld_blank(c->content)) {
                text_reported = 1;
                vb_bld_err_off(b, x, VB_XML_MARK_CONTENT, vb_bld_text_off(b, c), "text is not allowed in <%s>", xn);
            }
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        ek k = vb_bld_kind_of(c);
        size_t i = 0;
        while (i < n && items[i].k != k)
            i++;
        if (i == n) {
            vb_bld_bad_element(b, c, x);
            continue;
        }
        if (items[i].max && count[i] >= items[i].max) {
            if (items[i].max == 1)
                vb_bld_err_node(b, c, VB_XML_MARK_SELF, "<%s> may appear only once in <%s>", vb_bld_ek_name[k], xn);
            else if (items[i].max == 2)
                vb_bld_err_node(b, c, VB_XML_MARK_SELF, "<%s> may appear at most twice in <%s>", vb_bld_ek_name[k], xn);
            else
                vb_bld_err_node(b, c, VB_XML_MARK_SELF, "<%s> may appear at most %u times in <%s>", vb_bld_ek_name[k],
                                items[i].max, xn);
            vb_xml_mark(x, VB_XML_MARK_CONTENT); /* the schema may blame a sibling */
        } else if (hi < n && rank[i] < rank[hi]) {
            vb_bld_err_node(b, c, VB_XML_MARK_SELF, "<%s> must come before <%s>", vb_bld_ek_name[k], vb_bld_ek_name[items[hi].k]);
            vb_xml_mark(x, VB_XML_MARK_CONTENT);
        }
        count[i]++;
        if (hi == n || rank[i] > rank[hi])
            hi = i;
    }
    for (size_t i = 0; i < n; i++)
        if (count[i] < items[i].min)
            vb_bld_err_node(b, x, VB_XML_MARK_CONTENT, "<%s> needs <%s>", xn, vb_bld_ek_name[items[i].k]);
}

size_t vb_bld_count_children(const xmlNode *x, ek k)
{
    size_t n = 0;
    for (const xmlNode *c = x->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && vb_bld_kind_of(c) == k)
            n++;
    return n;
}

/* ---- attribute values ------------------------------------------------------------------ */

/* The index of attribute `name`'s value in `values` (NULL-terminated); def
 * when the attribute is absent; -1 (reported) when it is none of them. */
int vb_bld_pick(bld *b, xmlNode *x, const char *name, const char *const *values, int def)
{
    size_t off = 0, n = 0;
    const char *v = vb_bld_attr(b, x, name, &off);
    if (!v)
        return def;
    for (; values[n]; n++)
        if (strcmp(v, values[n]) == 0)
            return (int)n;
    char list[256];
    size_t k = 0;
    list[0] = 0;
    if (n == 2)
        snprintf(list, sizeof list, _("'%s' or '%s'"), values[0], values[1]);
    else
        for (size_t i = 0; i < n && k < sizeof list; i++)
            k += (size_t)snprintf(list + k, sizeof list - k, "%s%s", i ? ", " : _("one of "), values[i]);
    vb_bld_err_off(b, x, VB_XML_MARK_SELF, off, "%s must be %s: '%.60s'", name, list, v);
    return -1;
}

/* A number as lengths and shares are written: 1 to 4 digits without a
 * leading zero, or a single 0, then up to 3 decimals; above 0. */
int vb_bld_parse_amount(const char *s, size_t n, double *v)
{
    size_t i = 0, ip = 0, fp = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++, ip++;
    if (!ip || ip > 4 || (ip > 1 && s[0] == '0'))
        return 0;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++, fp++;
        if (!fp || fp > 3)
            return 0;
    }
    return i == n && vb_parse_real(s, n, v) && *v > 0;
}

/* A length, "35mm", "3.5cm" or "99pt", in pt; 0 when s is not one. */
double vb_bld_parse_length(const char *s)
{
    size_t n = strlen(s);
    double v = 0;
    if (n < 3 || !vb_bld_parse_amount(s, n - 2, &v))
        return 0;
    const char *u = s + n - 2;
    if (strcmp(u, "pt") == 0)
        return v;
    if (strcmp(u, "mm") == 0)
        return v * 72 / 25.4;
    if (strcmp(u, "cm") == 0)
        return v * 720 / 25.4;
    return 0;
}

/* A length attribute in pt; 0 when absent or wrong (reported). */
double vb_bld_length_attr(bld *b, xmlNode *x, const char *name)
{
    size_t off = 0;
    const char *v = vb_bld_attr(b, x, name, &off);
    if (!v)
        return 0;
    double pt = vb_bld_parse_length(v);
    if (pt <= 0)
        vb_bld_err_off(b, x, VB_XML_MARK_SELF, off, "%s must be a length such as '35mm', '3.5cm' or '99pt': '%.60s'",
                       name, v);
    return pt;
}

/* A whole-number attribute from 1 to max; 1 when absent or wrong (reported). */
int vb_bld_whole_attr(bld *b, xmlNode *x, const char *name, long max)
{
    size_t off = 0;
    long v = 0;
    const char *s = vb_bld_attr(b, x, name, &off);
    if (!s)
        return 1;
    if (vb_parse_uint(s, strlen(s), &v) && v >= 1 && v <= max)
        return (int)v;
    vb_bld_err_off(b, x, VB_XML_MARK_SELF, off, "%s must be a whole number from 1 to %ld: '%.60s'", name, max, s);
    return 1;
}

/* s with each run of white space made one space, in NFC, in the arena. */
const char *vb_bld_collapse_ws(bld *b, const char *s)
{
    size_t n = strlen(s), k = 0;
    char *t = vb_arena_alloc(b->a, n + 1);
    if (!t) {
        b->nomem = 1;
        return "";
    }
    for (size_t i = 0; i < n; i++) {
        if (vb_bld_is_ws(s[i])) {
            while (i + 1 < n && vb_bld_is_ws(s[i + 1]))
                i++;
            t[k++] = ' ';
        } else {
            t[k++] = s[i];
        }
    }
    char *r = vb_bld_nfc(b, t, k, NULL);
    if (!r) {
        b->nomem = 1;
        return "";
    }
    return r;
}


/* ---- the walk ----------------------------------------------------------------------- */

vb_err vb_xml_build(xmlDoc *xd, vb_doc *doc, vb_diag *diag)
{
    bld b = {0};
    b.doc = doc;
    b.a = doc->arena;
    b.diag = diag;
    b.src = doc->src;
    /* relative image paths start from the input file's directory */
    const char *slash = strrchr(doc->file, '/');
    doc->base_dir = slash ? vb_arena_strndup(b.a, doc->file, slash == doc->file ? 1 : (size_t)(slash - doc->file)) : "";
    if (!doc->base_dir)
        return VB_ERR_NOMEM;
    xmlNode *root = xmlDocGetRootElement(xd);
    char rn[128];
    doc->pos = vb_bld_pos(&b, vb_bld_noff(root));
    if (root->ns && strcmp((const char *)root->name, "van_ban") == 0)
        vb_bld_err_node(&b, root, VB_XML_MARK_SELF,
                        "<van_ban> is in the XML namespace '%.200s'; the format uses no namespace",
                        root->ns->href ? (const char *)root->ns->href : "");
    else if (vb_bld_kind_of(root) != E_VAN_BAN)
        vb_bld_err_node(&b, root, VB_XML_MARK_SELF, "the root element must be <van_ban>, not <%s>", NAME(root, rn));
    else
        vb_bld_read_van_ban(&b, root);
    vb_buf_free(&b.text);
    free(b.sp);
    return b.nomem ? VB_ERR_NOMEM : VB_OK;
}

/* xml_build.c - checks the parsed input against the format (docs/format.md)
 * and builds the model from it.
 *
 * Every problem is reported and the walk goes on, so one run lists them all;
 * the model is only handed out when there is none (xml_read.c decides). Each
 * report also marks the node it is about (xml_priv.h), so that the schema's
 * messages about the same spot stay quiet.
 *
 * Text is collapsed as HTML does: each run of XML white space becomes one
 * space, also across <b>/<i>/<u> boundaries; space at the start and end of a
 * field and next to <xuong_dong/> goes; the result is put in NFC. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "derive.h"
#include "err.h"
#include "fmt.h"
#include "style.h"
#include "utf8.h"
#include "xml_priv.h"

/* ---- the elements of the format -------------------------------------------------- */

typedef enum ek {
    E_UNKNOWN,
    E_VAN_BAN,
    E_CO_QUAN_CHU_QUAN,
    E_CO_QUAN_BAN_HANH,
    E_SO_KY_HIEU,
    E_DIA_DANH,
    E_NGAY,
    E_TRICH_YEU,
    E_KINH_GUI,
    E_NOI,
    E_NOI_DUNG,
    E_CHU_KY,
    E_THAM_QUYEN,
    E_CHUC_VU,
    E_HO_TEN,
    E_NOI_NHAN,
    E_NHAN,
    E_LUU,
    E_TIEU_DE,
    E_DOAN, /* the blocks: E_DOAN .. E_BANG */
    E_PHAN,
    E_CHUONG,
    E_MUC,
    E_TIEU_MUC,
    E_DIEU,
    E_KHOAN,
    E_DIEM,
    E_GACH,
    E_BANG,
    E_B,
    E_I,
    E_U,
    E_XUONG_DONG,
    E_DO_MAT,
    E_DO_KHAN,
    E_CHI_DAN_LUU_HANH,
    E_QUOC_HIEU,
    E_TIEU_NGU,
    E_LIEN_TICH,
    E_THAM_QUYEN_BAN_HANH,
    E_CAN_CU,
    E_THEO_DE_NGHI,
    E_COT,
    E_DONG,
    E_O,
    E_ANH_CHU_KY,
    E_ANH_DAU,
    E_DIA_CHI,
    E_CHU_KY_SO,
    E_PHU_LUC,
    E_VAN_BAN_KEM_THEO,
    E_BAN_SAO,
    E_COUNT
} ek;

static const char *const ek_name[E_COUNT] = {
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
};

static ek kind_of(const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE || n->ns)
        return E_UNKNOWN;
    const char *s = (const char *)n->name;
    for (int k = 1; k < E_COUNT; k++)
        if (s[0] == ek_name[k][0] && strcmp(s, ek_name[k]) == 0)
            return (ek)k;
    return E_UNKNOWN;
}

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

/* ---- the builder -------------------------------------------------------------------- */

typedef struct tspan {
    size_t start, len; /* bytes of bld.text */
    size_t off;        /* where it starts in the input */
    unsigned flags;
} tspan;

typedef struct bld {
    vb_doc *doc;
    vb_arena *a;
    vb_diag *diag;
    const vb_xml_src *src;
    int article;  /* number of the last điều: they run through the whole document */
    int in_cell;  /* reading a table cell's content */
    vb_buf text;  /* scratch: the collapsed text of the inline run being read */
    tspan *sp;    /* scratch: its spans */
    size_t nsp, capsp;
    int line_has_text; /* some text since the start or the last <xuong_dong/> */
    int last_space;    /* the last byte written to text is a collapsed space */
    int nomem;
} bld;

static const char *const no_attrs[] = {NULL};

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_text(const xmlNode *n)
{
    return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE;
}

static int blank(const xmlChar *s)
{
    if (s)
        for (; *s; s++)
            if (!is_ws((char)*s))
                return 0;
    return 1;
}

static size_t noff(const xmlNode *n)
{
    return vb_xml_node_off(n, NULL);
}

/* The offset of the first character after the white space at off in the
 * input. Counted in the file, not in the node's text: libxml2 has turned each
 * CR LF of the text into LF. */
static size_t skip_ws_at(const bld *b, size_t off)
{
    while (off < b->src->len && is_ws(b->src->text[off]))
        off++;
    return off;
}

/* Where the first non-blank character of a text node is. */
static size_t text_off(const bld *b, const xmlNode *t)
{
    return skip_ws_at(b, noff(t));
}

static vb_srcpos mpos(bld *b, size_t off)
{
    vb_srcpos p = vb_xml_pos(b->src, off);
    p.file = b->doc->file;
    return p;
}

static const char *qname(const xmlNs *ns, const xmlChar *name, char *buf, size_t size)
{
    if (ns && ns->prefix)
        snprintf(buf, size, "%.60s:%.60s", (const char *)ns->prefix, (const char *)name);
    else
        snprintf(buf, size, "%.120s", (const char *)name);
    return buf;
}

#define NAME(n, buf) qname((n)->ns, (n)->name, (buf), sizeof(buf))

static void report(bld *b, vb_severity sev, xmlNode *about, unsigned mark, size_t off, const char *fmt,
                   va_list ap)
{
    vb_diag_vemit(b->diag, vb_xml_pos(b->src, off), sev, fmt, ap);
    if (about && sev == VB_ERROR)
        vb_xml_mark(about, mark);
}

/* An error at offset off, about node n (mark: VB_XML_MARK_SELF or _CONTENT). */
static void err_off(bld *b, xmlNode *n, unsigned mark, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void err_off(bld *b, xmlNode *n, unsigned mark, size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(b, VB_ERROR, n, mark, off, fmt, ap);
    va_end(ap);
}

/* An error at n's start tag. */
static void err_node(bld *b, xmlNode *n, unsigned mark, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void err_node(bld *b, xmlNode *n, unsigned mark, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(b, VB_ERROR, n, mark, noff(n), fmt, ap);
    va_end(ap);
}

static void warn_off(bld *b, size_t off, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void warn_off(bld *b, size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(b, VB_WARNING, NULL, 0, off, fmt, ap);
    va_end(ap);
}

static vb_node *node_new(bld *b, vb_node_kind kind, size_t off)
{
    vb_node *n = vb_arena_alloc(b->a, sizeof *n);
    if (!n) {
        b->nomem = 1;
        return NULL;
    }
    n->kind = kind;
    n->pos = mpos(b, off);
    return n;
}

/* ---- elements and attributes in the wrong place ------------------------------------ */

static void bad_element(bld *b, xmlNode *c, const xmlNode *parent)
{
    char cn[128], pn[128];
    NAME(c, cn);
    NAME(parent, pn);
    ek k = kind_of(c);
    if (c->ns)
        err_node(b, c, VB_XML_MARK_SELF, "<%s> is in the XML namespace '%.200s'; the format uses no namespace",
                 cn, c->ns->href ? (const char *)c->ns->href : "");
    else if (k == E_UNKNOWN)
        err_node(b, c, VB_XML_MARK_SELF, "unknown element <%s> in <%s>", cn, pn);
    else if (k == E_PHAN)
        err_node(b, c, VB_XML_MARK_SELF,
                 "<phan> is not allowed in <%s>: a part (phần) stands directly in <noi_dung> or <phu_luc>", pn);
    else if (k == E_CHUONG)
        err_node(b, c, VB_XML_MARK_SELF,
                 "<chuong> is not allowed in <%s>: a chapter (chương) stands in <noi_dung>, <phu_luc> or <phan>",
                 pn);
    else
        err_node(b, c, VB_XML_MARK_SELF, "<%s> is not allowed in <%s>", cn, pn);
}

/* Offset of attribute qn in n's start tag (the tag itself when not found). */
static size_t attr_off(bld *b, const xmlNode *n, const char *qn)
{
    const char *t = b->src->text;
    size_t len = b->src->len, lt = noff(n), i = lt + 1, qlen = strlen(qn);
    while (i < len && !is_ws(t[i]) && t[i] != '>' && t[i] != '/')
        i++;
    for (;;) {
        while (i < len && is_ws(t[i]))
            i++;
        if (i >= len || t[i] == '>' || t[i] == '/')
            return lt;
        size_t s = i;
        while (i < len && !is_ws(t[i]) && t[i] != '=' && t[i] != '>')
            i++;
        if (i - s == qlen && memcmp(t + s, qn, qlen) == 0)
            return s;
        while (i < len && is_ws(t[i]))
            i++;
        if (i < len && t[i] == '=')
            i++;
        while (i < len && is_ws(t[i]))
            i++;
        if (i < len && (t[i] == '"' || t[i] == '\'')) {
            char q = t[i++];
            while (i < len && t[i] != q)
                i++;
            i++;
        }
    }
}

static void check_attrs(bld *b, xmlNode *n, const char *const *allowed)
{
    for (xmlAttr *a = n->properties; a; a = a->next) {
        int ok = 0;
        for (size_t i = 0; !a->ns && allowed[i]; i++)
            if (strcmp((const char *)a->name, allowed[i]) == 0)
                ok = 1;
        if (ok)
            continue;
        char an[128], en[128];
        qname(a->ns, a->name, an, sizeof an);
        err_off(b, n, VB_XML_MARK_SELF, attr_off(b, n, an), "unknown attribute '%s' on <%s>", an, NAME(n, en));
    }
}

/* s[0..n) in NFC, copied into the arena. Text made only of characters that
 * are NFC and never combine with a neighbour (Latin, Vietnamese, general
 * punctuation such as the en dash, currency signs) is copied as it is;
 * anything else goes through vb_utf8_nfc, whose own quick check would send
 * a whole paragraph through utf8proc for one en dash. */
static char *nfc(bld *b, const char *s, size_t n, size_t *out_len)
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
static const char *attr(bld *b, xmlNode *n, const char *name, size_t *off)
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
    while (s < e && is_ws(v[s]))
        s++;
    while (e > s && is_ws(v[e - 1]))
        e--;
    char *r = nfc(b, v + s, e - s, NULL);
    xmlFree(tmp);
    if (!r) {
        b->nomem = 1;
        return "";
    }
    return r;
}

static void need_attr(bld *b, xmlNode *n, const char *name)
{
    char en[128];
    err_node(b, n, VB_XML_MARK_SELF, "<%s> needs attribute '%s'", NAME(n, en), name);
}

/* An element that holds nothing: no text, no elements. */
static void check_empty(bld *b, xmlNode *x, const char *why)
{
    for (xmlNode *c = x->children; c; c = c->next) {
        if ((is_text(c) && !blank(c->content)) || c->type == XML_ELEMENT_NODE) {
            char en[128];
            err_node(b, x, VB_XML_MARK_SELF, "<%s> must be empty%s", NAME(x, en), why);
            return;
        }
    }
}

/* ---- children in a fixed order ------------------------------------------------------- */

typedef struct seq_item {
    ek k;
    unsigned char min, max; /* max 0: any number */
    unsigned char tie;      /* shares its place with the item before: the two mix in any order */
} seq_item;

#define SEQ_MAX 32

static void check_seq(bld *b, xmlNode *x, const seq_item *items, size_t n)
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
        if (is_text(c)) {
            if (!text_reported && !blank(c->content)) {
                text_reported = 1;
                err_off(b, x, VB_XML_MARK_CONTENT, text_off(b, c), "text is not allowed in <%s>", xn);
            }
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        ek k = kind_of(c);
        size_t i = 0;
        while (i < n && items[i].k != k)
            i++;
        if (i == n) {
            bad_element(b, c, x);
            continue;
        }
        if (items[i].max && count[i] >= items[i].max) {
            if (items[i].max == 1)
                err_node(b, c, VB_XML_MARK_SELF, "<%s> may appear only once in <%s>", ek_name[k], xn);
            else if (items[i].max == 2)
                err_node(b, c, VB_XML_MARK_SELF, "<%s> may appear at most twice in <%s>", ek_name[k], xn);
            else
                err_node(b, c, VB_XML_MARK_SELF, "<%s> may appear at most %u times in <%s>", ek_name[k],
                         items[i].max, xn);
            vb_xml_mark(x, VB_XML_MARK_CONTENT); /* the schema may blame a sibling */
        } else if (hi < n && rank[i] < rank[hi]) {
            err_node(b, c, VB_XML_MARK_SELF, "<%s> must come before <%s>", ek_name[k], ek_name[items[hi].k]);
            vb_xml_mark(x, VB_XML_MARK_CONTENT);
        }
        count[i]++;
        if (hi == n || rank[i] > rank[hi])
            hi = i;
    }
    for (size_t i = 0; i < n; i++)
        if (count[i] < items[i].min)
            err_node(b, x, VB_XML_MARK_CONTENT, "<%s> needs <%s>", xn, ek_name[items[i].k]);
}

static size_t count_children(const xmlNode *x, ek k)
{
    size_t n = 0;
    for (const xmlNode *c = x->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && kind_of(c) == k)
            n++;
    return n;
}

/* ---- inline content ----------------------------------------------------------------- */

static tspan *span_push(bld *b, unsigned flags, size_t off)
{
    if (b->nsp == b->capsp) {
        size_t cap = b->capsp ? b->capsp * 2 : 32;
        tspan *v = realloc(b->sp, cap * sizeof *v);
        if (!v) {
            b->nomem = 1;
            return NULL;
        }
        b->sp = v;
        b->capsp = cap;
    }
    tspan *t = &b->sp[b->nsp++];
    *t = (tspan){b->text.len, 0, off, flags};
    return t;
}

/* The span text of this style goes to: the last one when it has the same style. */
static tspan *span_for(bld *b, unsigned flags, size_t off)
{
    if (b->nsp && b->sp[b->nsp - 1].flags == flags && !(flags & VB_SPAN_BREAK))
        return &b->sp[b->nsp - 1];
    return span_push(b, flags, off);
}

static void inl_text(bld *b, const xmlNode *t, unsigned flags)
{
    const char *s = (const char *)t->content;
    size_t n = s ? strlen(s) : 0, off = noff(t), i = 0;
    if (!vb_buf_reserve(&b->text, n + 1)) {
        b->nomem = 1;
        return;
    }
    char *o0 = (char *)b->text.data + b->text.len, *o = o0;
    tspan *sp = NULL; /* the style is the same for the whole node */
    while (i < n) {
        if (is_ws(s[i])) {
            while (i < n && is_ws(s[i]))
                i++;
            if (!b->line_has_text || b->last_space)
                continue;
            b->last_space = 1;
            if (!sp && !(sp = span_for(b, flags, skip_ws_at(b, off))))
                return;
            *o++ = ' ';
            continue;
        }
        /* The first span of a node starts after its leading white space. */
        if (!sp && !(sp = span_for(b, flags, skip_ws_at(b, off))))
            return;
        *o++ = s[i++];
        b->last_space = 0;
        b->line_has_text = 1;
    }
    if (sp) {
        sp->len += (size_t)(o - o0);
        b->text.len += (size_t)(o - o0);
    }
}

/* Drops a collapsed space at the end of the text so far. */
static void inl_trim(bld *b)
{
    if (!b->last_space)
        return;
    for (size_t i = b->nsp; i-- > 0;) {
        if (b->sp[i].len) {
            b->sp[i].len--;
            b->text.len--;
            break;
        }
    }
    b->last_space = 0;
}

static void inl_break(bld *b, size_t off)
{
    inl_trim(b);
    span_push(b, VB_SPAN_BREAK, off);
    b->line_has_text = 0;
}

static void inline_walk(bld *b, xmlNode *x, unsigned flags, int skip_titles)
{
    for (xmlNode *c = x->children; c; c = c->next) {
        if (is_text(c)) {
            inl_text(b, c, flags);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue; /* comments and processing instructions */
        ek k = kind_of(c);
        switch (k) {
        case E_B:
        case E_I:
        case E_U:
            check_attrs(b, c, no_attrs);
            inline_walk(b, c,
                        flags | (k == E_B   ? VB_SPAN_BOLD
                                 : k == E_I ? VB_SPAN_ITALIC
                                            : VB_SPAN_UNDERLINE),
                        0);
            break;
        case E_XUONG_DONG:
            check_attrs(b, c, no_attrs);
            check_empty(b, c, "");
            inl_break(b, noff(c));
            break;
        case E_TIEU_DE:
            if (skip_titles)
                break;
            bad_element(b, c, x);
            break;
        default:
            bad_element(b, c, x);
            break;
        }
    }
}

/* Reads the inline content of x into out (spans in the arena, NFC). */
static void read_inline(bld *b, xmlNode *x, int skip_titles, vb_inline *out)
{
    b->nsp = 0;
    vb_buf_reset(&b->text);
    b->line_has_text = b->last_space = 0;
    inline_walk(b, x, 0, skip_titles);
    inl_trim(b);
    out->v = NULL;
    out->n = 0;
    if (b->text.failed) {
        b->nomem = 1;
        return;
    }
    size_t n = 0;
    for (size_t i = 0; i < b->nsp; i++)
        if (b->sp[i].len || (b->sp[i].flags & VB_SPAN_BREAK))
            n++;
    if (!n)
        return;
    out->v = vb_arena_calloc(b->a, n, sizeof *out->v);
    if (!out->v) {
        b->nomem = 1;
        return;
    }
    for (size_t i = 0; i < b->nsp; i++) {
        const tspan *t = &b->sp[i];
        if (!t->len && !(t->flags & VB_SPAN_BREAK))
            continue;
        vb_span *s = &out->v[out->n++];
        s->flags = t->flags;
        s->pos = mpos(b, t->off);
        if (t->flags & VB_SPAN_BREAK) {
            s->text = "";
            continue;
        }
        char *txt = nfc(b, (const char *)b->text.data + t->start, t->len, &s->len);
        if (!txt) {
            b->nomem = 1;
            s->text = "";
            continue;
        }
        s->text = txt;
    }
}

/* The first text of an inline run (to look for labels typed by hand). */
static const vb_span *first_text(const vb_inline *in)
{
    for (size_t i = 0; i < in->n; i++)
        if (!(in->v[i].flags & VB_SPAN_BREAK))
            return &in->v[i];
    return NULL;
}

/* The length of lit without its final space when s starts with lit, else 0. */
static size_t starts(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n > k && memcmp(s, lit, k) == 0 ? k - 1 : 0;
}

/* The length of a label the program prints itself when the text of a node
 * of this kind starts with one ("I. ", "1. ", "a) ", "- ", "Phần "), else 0. */
static size_t typed_label(vb_node_kind kind, const char *s, size_t n)
{
    size_t i = 0;
    switch (kind) {
    case VB_N_PART: return starts(s, n, "Phần ");
    case VB_N_CHAPTER: return starts(s, n, "Chương ");
    case VB_N_ARTICLE: {
        size_t k = starts(s, n, "Điều ");
        return k && s[k + 1] >= '0' && s[k + 1] <= '9' ? k : 0;
    }
    case VB_N_SECTION:
        while (i < n && s[i] && strchr("IVXLC", s[i]))
            i++;
        return i && i + 1 < n && s[i] == '.' && s[i + 1] == ' ' ? i + 1 : 0;
    case VB_N_CLAUSE:
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        return i && i + 1 < n && s[i] == '.' && s[i + 1] == ' ' ? i + 1 : 0;
    case VB_N_POINT:
        if (n > 3 && s[0] >= 'a' && s[0] <= 'z' && s[1] == ')' && s[2] == ' ')
            return 2;
        return starts(s, n, "đ) ");
    case VB_N_DASH: return n > 2 && (s[0] == '-' || s[0] == '+') && s[1] == ' ' ? 1 : 0;
    default: return 0;
    }
}

static void warn_label(bld *b, vb_node_kind kind, const vb_inline *in, size_t off)
{
    const vb_span *s = first_text(in);
    size_t k = s ? typed_label(kind, s->text, s->len) : 0;
    if (k)
        warn_off(b, off, "the text starts with '%.*s', which the program prints itself", (int)k, s->text);
}

/* A field of inline text that must not be empty. */
static void read_field(bld *b, xmlNode *x, vb_inline *out)
{
    char en[128];
    check_attrs(b, x, no_attrs);
    read_inline(b, x, 0, out);
    if (vb_inline_empty(out))
        err_node(b, x, VB_XML_MARK_SELF, "<%s> has no text", NAME(x, en));
}

/* The text of an element that holds text only, trimmed, in the arena. */
static const char *plain_text(bld *b, xmlNode *x)
{
    vb_buf_reset(&b->text);
    for (xmlNode *c = x->children; c; c = c->next) {
        if (is_text(c) && c->content)
            vb_buf_puts(&b->text, (const char *)c->content);
        else if (c->type == XML_ELEMENT_NODE)
            bad_element(b, c, x);
    }
    const char *s = b->text.len ? (const char *)b->text.data : "";
    size_t i = 0, e = b->text.len;
    while (i < e && is_ws(s[i]))
        i++;
    while (e > i && is_ws(s[e - 1]))
        e--;
    char *r = vb_arena_strndup(b->a, s + i, e - i);
    if (!r || b->text.failed) {
        b->nomem = 1;
        return "";
    }
    return r;
}

/* ---- the content: blocks ------------------------------------------------------------ */

static void read_content(bld *b, xmlNode *x, ek pk, vb_node *n);
static void read_table(bld *b, xmlNode *x, vb_node *parent);

static void read_title(bld *b, xmlNode *t, vb_node *n)
{
    check_attrs(b, t, no_attrs);
    read_inline(b, t, 0, &n->title);
    n->has_title = 1;
    if (vb_inline_empty(&n->title))
        err_node(b, t, VB_XML_MARK_SELF, "<tieu_de> has no text");
    else
        warn_label(b, n->kind, &n->title, noff(t));
}

static void read_block(bld *b, xmlNode *x, vb_node *parent, int *count)
{
    static const char *const a_so[] = {"so", NULL};
    static const char *const a_phan[] = {"so", "kieu_so", NULL};
    ek k = kind_of(x);
    if (k == E_BANG) {
        read_table(b, x, parent);
        return;
    }
    if (k == E_DOAN) {
        vb_node *p = node_new(b, VB_N_PARA, noff(x));
        if (!p)
            return;
        read_field(b, x, &p->text);
        vb_node_append(parent, p);
        return;
    }
    const block_spec *sp = spec_of(k);
    vb_node *n = node_new(b, sp->kind, noff(x));
    if (!n)
        return;
    check_attrs(b, x, k == E_PHAN ? a_phan : sp->numbered ? a_so : no_attrs);
    if (sp->numbered) {
        int *last = k == E_DIEU ? &b->article : &count[sp->kind];
        size_t off = 0;
        long v = 0;
        const char *so = attr(b, x, "so", &off);
        if (so && !(vb_parse_uint(so, strlen(so), &v) && v >= 1 && v <= 9999)) {
            err_off(b, x, VB_XML_MARK_SELF, off, "so must be a whole number from 1 to 9999: '%s'", so);
            so = NULL;
        }
        n->number = so ? (int)v : *last + 1;
        *last = n->number;
    }
    if (k == E_PHAN) {
        size_t off = 0;
        const char *ks = attr(b, x, "kieu_so", &off);
        if (ks && strcmp(ks, "thu") == 0)
            n->ordinal_words = 1;
        else if (ks && strcmp(ks, "la_ma") != 0)
            err_off(b, x, VB_XML_MARK_SELF, off,
                    "kieu_so must be 'la_ma' (Phần I) or 'thu' (Phần thứ nhất): '%s'", ks);
    }
    vb_node_append(parent, n);
    read_content(b, x, k, n);
}

static void read_content(bld *b, xmlNode *x, ek pk, vb_node *n)
{
    const block_spec *sp = spec_of(pk);
    int count[VB_N_KIND_COUNT] = {0};
    xmlNode *title = NULL, *first_inline = NULL, *first_block = NULL, *late_title = NULL;
    size_t inline_off = 0;
    int text_reported = 0;
    for (xmlNode *c = x->children; c; c = c->next) {
        if (is_text(c)) {
            if (blank(c->content))
                continue;
            if (sp->text) {
                if (!first_inline) {
                    first_inline = c;
                    inline_off = text_off(b, c);
                }
            } else if (!text_reported) {
                text_reported = 1;
                err_off(b, x, VB_XML_MARK_CONTENT, text_off(b, c), "text is not allowed in <%s>: put it in <doan>",
                        ek_name[pk]);
            }
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        ek k = kind_of(c);
        if (k == E_TIEU_DE && sp->title) {
            if (title)
                err_node(b, c, VB_XML_MARK_SELF, "<tieu_de> may appear only once in <%s>", ek_name[pk]);
            else if (first_block || first_inline) {
                err_node(b, c, VB_XML_MARK_SELF, "<tieu_de> must come first in <%s>", ek_name[pk]);
                late_title = c;
            }
            else {
                title = c;
                read_title(b, c, n);
            }
        } else if (sp->text && (k == E_B || k == E_I || k == E_U || k == E_XUONG_DONG)) {
            if (!first_inline) {
                first_inline = c;
                inline_off = noff(c);
            }
        } else if (k == E_BANG && b->in_cell) {
            err_node(b, c, VB_XML_MARK_SELF, "<bang> is not allowed in <%s>: a table cell cannot hold a table",
                     ek_name[pk]);
            if (!first_block)
                first_block = c; /* a block all the same: no "is empty" besides */
        } else if (is_block(k) && block_allowed(pk, k)) {
            if (!first_block)
                first_block = c;
            read_block(b, c, n, count);
        } else {
            bad_element(b, c, x);
        }
    }
    if (sp->title == 2 && !title && !late_title)
        err_node(b, x, VB_XML_MARK_CONTENT, "<%s> needs <tieu_de>", ek_name[pk]);
    if (first_inline && first_block) {
        err_off(b, x, VB_XML_MARK_CONTENT, inline_off, "<%s> holds either text or blocks (%s …), not both",
                ek_name[pk], sp->example);
    } else if (first_inline) {
        vb_node *p = node_new(b, VB_N_PARA, inline_off);
        if (!p)
            return;
        read_inline(b, x, 1, &p->text);
        if (vb_inline_empty(&p->text))
            err_node(b, x, VB_XML_MARK_SELF, "<%s> has no text", ek_name[pk]);
        else if (!title)
            warn_label(b, n->kind, &p->text, inline_off);
        vb_node_append(n, p);
    } else if (!first_block && !title && (pk == E_KHOAN || pk == E_DIEM || pk == E_GACH)) {
        err_node(b, x, VB_XML_MARK_SELF, "<%s> is empty", ek_name[pk]);
    } else if ((pk == E_NOI_DUNG || pk == E_PHU_LUC) && !first_block) {
        err_node(b, x, VB_XML_MARK_CONTENT, "<%s> needs content: <doan>, <phan>, <muc>, <dieu>, <khoan>, <bang> …",
                 ek_name[pk]);
    }
}

/* ---- attribute values ------------------------------------------------------------------ */

/* The index of attribute `name`'s value in `values` (NULL-terminated); def
 * when the attribute is absent; -1 (reported) when it is none of them. */
static int pick(bld *b, xmlNode *x, const char *name, const char *const *values, int def)
{
    size_t off = 0, n = 0;
    const char *v = attr(b, x, name, &off);
    if (!v)
        return def;
    for (; values[n]; n++)
        if (strcmp(v, values[n]) == 0)
            return (int)n;
    char list[256];
    size_t k = 0;
    list[0] = 0;
    if (n == 2)
        snprintf(list, sizeof list, "'%s' or '%s'", values[0], values[1]);
    else
        for (size_t i = 0; i < n && k < sizeof list; i++)
            k += (size_t)snprintf(list + k, sizeof list - k, "%s%s", i ? ", " : "one of ", values[i]);
    err_off(b, x, VB_XML_MARK_SELF, off, "%s must be %s: '%.60s'", name, list, v);
    return -1;
}

/* A number as lengths and shares are written: 1 to 4 digits without a
 * leading zero, or a single 0, then up to 3 decimals; above 0. */
static int parse_amount(const char *s, size_t n, double *v)
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
static double parse_length(const char *s)
{
    size_t n = strlen(s);
    double v = 0;
    if (n < 3 || !parse_amount(s, n - 2, &v))
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
static double length_attr(bld *b, xmlNode *x, const char *name)
{
    size_t off = 0;
    const char *v = attr(b, x, name, &off);
    if (!v)
        return 0;
    double pt = parse_length(v);
    if (pt <= 0)
        err_off(b, x, VB_XML_MARK_SELF, off, "%s must be a length such as '35mm', '3.5cm' or '99pt': '%.60s'", name,
                v);
    return pt;
}

/* A whole-number attribute from 1 to max; 1 when absent or wrong (reported). */
static int whole_attr(bld *b, xmlNode *x, const char *name, long max)
{
    size_t off = 0;
    long v = 0;
    const char *s = attr(b, x, name, &off);
    if (!s)
        return 1;
    if (vb_parse_uint(s, strlen(s), &v) && v >= 1 && v <= max)
        return (int)v;
    err_off(b, x, VB_XML_MARK_SELF, off, "%s must be a whole number from 1 to %ld: '%.60s'", name, max, s);
    return 1;
}

/* s with each run of white space made one space, in NFC, in the arena. */
static const char *collapse_ws(bld *b, const char *s)
{
    size_t n = strlen(s), k = 0;
    char *t = vb_arena_alloc(b->a, n + 1);
    if (!t) {
        b->nomem = 1;
        return "";
    }
    for (size_t i = 0; i < n; i++) {
        if (is_ws(s[i])) {
            while (i + 1 < n && is_ws(s[i + 1]))
                i++;
            t[k++] = ' ';
        } else {
            t[k++] = s[i];
        }
    }
    char *r = nfc(b, t, k, NULL);
    if (!r) {
        b->nomem = 1;
        return "";
    }
    return r;
}

/* The last character of an inline run's text (0 when none). */
static char last_char(const vb_inline *in)
{
    for (size_t i = in->n; i-- > 0;)
        if (!(in->v[i].flags & VB_SPAN_BREAK) && in->v[i].len)
            return in->v[i].text[in->v[i].len - 1];
    return 0;
}

/* Does the inline run's text end with lit? */
static int ends_with_text(const vb_inline *in, const char *lit)
{
    size_t k = strlen(lit);
    for (size_t i = in->n; i-- > 0;) {
        const vb_span *s = &in->v[i];
        if (s->flags & VB_SPAN_BREAK || !s->len)
            continue;
        return s->len >= k && memcmp(s->text + s->len - k, lit, k) == 0;
    }
    return 0;
}

/* ---- the parts of <van_ban> ----------------------------------------------------------- */

/* <so_ky_hieu so="…" ky_hieu="…"/>. Whether the notation's type code fits
 * the document is the linter's question (check.c), which names the code to
 * write. */
static void read_number(bld *b, xmlNode *x, const char **number, const char **notation, vb_srcpos *pos)
{
    static const char *const attrs[] = {"so", "ky_hieu", NULL};
    check_attrs(b, x, attrs);
    check_empty(b, x, ": the number and notation go in its attributes so and ky_hieu");
    *pos = mpos(b, noff(x));
    size_t off = 0;
    const char *so = attr(b, x, "so", &off);
    if (!so) {
        need_attr(b, x, "so");
    } else {
        size_t n = strlen(so), digits = 0, zeros = 0;
        for (size_t i = 0; i < n; i++) {
            digits += so[i] >= '0' && so[i] <= '9';
            zeros += so[i] == '0';
        }
        if (!n || n > 7 || digits != n || zeros == n)
            err_off(b, x, VB_XML_MARK_SELF, off, "so must be a number of 1 to 7 digits, not 0: '%s'", so);
        else
            *number = so;
    }
    const char *kh = attr(b, x, "ky_hieu", &off);
    if (!kh) {
        need_attr(b, x, "ky_hieu");
    } else if (!*kh) {
        err_off(b, x, VB_XML_MARK_SELF, off, "ky_hieu must not be empty");
    } else if (strpbrk(kh, " \t\r\n")) {
        err_off(b, x, VB_XML_MARK_SELF, off, "ky_hieu must not contain spaces: '%s'", kh);
    } else {
        *notation = kh;
    }
}

static void read_date(bld *b, xmlNode *x, int *year, int *month, int *day, vb_srcpos *pos)
{
    check_attrs(b, x, no_attrs);
    *pos = mpos(b, noff(x));
    size_t errors = vb_diag_errors(b->diag);
    const char *s = plain_text(b, x);
    if (vb_diag_errors(b->diag) > errors)
        return; /* an element inside: already reported */
    int ok = strlen(s) == 10 && s[4] == '-' && s[7] == '-';
    for (int i = 0; ok && i < 10; i++)
        if (i != 4 && i != 7 && !(s[i] >= '0' && s[i] <= '9'))
            ok = 0;
    int y = 0, m = 0, d = 0;
    if (ok) {
        y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        m = (s[5] - '0') * 10 + (s[6] - '0');
        d = (s[8] - '0') * 10 + (s[9] - '0');
        ok = vb_date_valid(y, m, d);
    }
    if (!ok) {
        err_node(b, x, VB_XML_MARK_SELF, "<ngay>: '%.60s' is not a date: expected YYYY-MM-DD", s);
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
    check_attrs(b, x, no_attrs);
    check_seq(b, x, seq, 1);
    size_t n = count_children(x, item);
    if (!n)
        return;
    *n_out = 0; /* as for a second <noi_nhan> */
    *out = vb_arena_calloc(b->a, n, sizeof **out);
    if (!*out) {
        b->nomem = 1;
        return;
    }
    for (xmlNode *c = x->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && kind_of(c) == item)
            read_field(b, c, &(*out)[(*n_out)++]);
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
    check_attrs(b, c, attrs);
    check_empty(b, c, ": the file goes in its attribute src");
    *pos = mpos(b, noff(c));
    size_t off = 0;
    const char *src = attr(b, c, "src", &off);
    if (!src)
        need_attr(b, c, "src");
    else if (!*src)
        err_off(b, c, VB_XML_MARK_SELF, off, "src must not be empty");
    else
        *path = image_path(b, src);
    *size = length_attr(b, c, size_name);
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
    check_attrs(b, x, a_chu_ky);
    check_seq(b, x, seq, sizeof seq / sizeof *seq);
    size_t seal_off = 0;
    const char *seal = attr(b, x, "dong_dau", &seal_off);
    if (seal && strcmp(seal, "co") == 0)
        s->sealed = 1;
    else if (seal && strcmp(seal, "khong") != 0)
        err_off(b, x, VB_XML_MARK_SELF, seal_off, "dong_dau must be 'co' or 'khong': '%.60s'", seal);
    size_t n = count_children(x, E_THAM_QUYEN) + count_children(x, E_CHUC_VU);
    if (!n)
        err_node(b, x, VB_XML_MARK_CONTENT, "<chu_ky> needs <tham_quyen> or <chuc_vu>");
    s->pos = mpos(b, noff(x));
    s->lines = n ? vb_arena_calloc(b->a, n, sizeof *s->lines) : NULL;
    if (n && !s->lines) {
        b->nomem = 1;
        return;
    }
    for (xmlNode *c = x->children; c; c = c->next) {
        ek k = c->type == XML_ELEMENT_NODE ? kind_of(c) : E_UNKNOWN;
        if (k == E_HO_TEN) {
            read_field(b, c, &s->name);
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
        l->pos = mpos(b, noff(c));
        l->kind = VB_AUTH_NONE;
        if (k == E_CHUC_VU) {
            read_field(b, c, &l->text);
            continue;
        }
        check_attrs(b, c, a_loai);
        size_t off = 0;
        const char *v = attr(b, c, "loai", &off);
        if (!v) {
            need_attr(b, c, "loai");
        } else {
            for (size_t i = 0; i < sizeof auth / sizeof *auth; i++)
                if (strcmp(v, auth[i].key) == 0)
                    l->kind = auth[i].kind;
            if (l->kind == VB_AUTH_NONE)
                err_off(b, c, VB_XML_MARK_SELF, off, "loai must be one of TM, KT, TL, TUQ, Q: '%s'", v);
        }
        read_inline(b, c, 0, &l->text);
        const vb_span *f = first_text(&l->text);
        if (!f) {
            err_node(b, c, VB_XML_MARK_SELF, "<tham_quyen> has no text");
        } else if (l->kind != VB_AUTH_NONE) {
            const char *p = vb_authority_prefix(l->kind);
            size_t pl = strlen(p); /* "KT." */
            if (f->len >= pl && (strncmp(f->text, p, pl) == 0 ||
                                 (strncmp(f->text, p, pl - 1) == 0 && f->text[pl - 1] == ' ')))
                err_node(b, c, VB_XML_MARK_SELF,
                         "<tham_quyen> starts with its prefix '%s', which the program prints itself: "
                         "write only what follows it",
                         p);
        }
    }
}

static void read_recipients(bld *b, xmlNode *x, vb_inline **list, size_t *n_list, vb_archive *ar)
{
    static const seq_item seq[] = {{E_NHAN, 0, 0, 0}, {E_LUU, 1, 1, 0}};
    static const char *const a_luu[] = {"don_vi", "nguoi_soan", "so_ban", NULL};
    check_attrs(b, x, no_attrs);
    check_seq(b, x, seq, 2);
    size_t n = count_children(x, E_NHAN);
    *n_list = 0; /* a second <noi_nhan> (already reported) starts again */
    *list = n ? vb_arena_calloc(b->a, n, sizeof **list) : NULL;
    if (n && !*list) {
        b->nomem = 1;
        return;
    }
    for (xmlNode *c = x->children; c; c = c->next) {
        ek k = c->type == XML_ELEMENT_NODE ? kind_of(c) : E_UNKNOWN;
        if (k == E_NHAN) {
            vb_inline *r = &(*list)[(*n_list)++];
            read_field(b, c, r);
            const vb_span *f = first_text(r);
            if (f && f->len > 1 && (f->text[0] == '-' || f->text[0] == '+') && f->text[1] == ' ')
                warn_off(b, noff(c), "<nhan> starts with '%c', which the program prints itself", f->text[0]);
            if (r->n && !(r->v[r->n - 1].flags & VB_SPAN_BREAK) && r->v[r->n - 1].len &&
                r->v[r->n - 1].text[r->v[r->n - 1].len - 1] == ';')
                warn_off(b, noff(c), "<nhan> ends with ';', which the program prints itself");
        } else if (k == E_LUU) {
            check_attrs(b, c, a_luu);
            check_empty(b, c, ": its values go in the attributes don_vi, nguoi_soan and so_ban");
            ar->present = 1;
            ar->pos = mpos(b, noff(c));
            size_t off = 0;
            const char *v = attr(b, c, "don_vi", &off);
            if (v && !*v)
                err_off(b, c, VB_XML_MARK_SELF, off, "don_vi must not be empty");
            else
                ar->units = v;
            v = attr(b, c, "nguoi_soan", &off);
            if (v && !*v)
                err_off(b, c, VB_XML_MARK_SELF, off, "nguoi_soan must not be empty");
            else
                ar->drafter = v;
            v = attr(b, c, "so_ban", &off);
            long copies = 0;
            if (v && !(vb_parse_uint(v, strlen(v), &copies) && copies >= 1 && copies <= 999999))
                err_off(b, c, VB_XML_MARK_SELF, off, "so_ban must be a whole number from 1 to 999999: '%s'", v);
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
    check_attrs(b, x, a_muc);
    check_empty(b, x, ": the level goes in its attribute muc");
    if (!attr(b, x, "muc", NULL)) {
        need_attr(b, x, "muc");
        return;
    }
    int i = pick(b, x, "muc", levels, -1);
    if (i >= 0)
        *out = i + 1;
}

/* s, its white space collapsed, is want byte for byte (not only after NFC). */
static int raw_equals(const char *s, const char *want)
{
    while (*s && *want) {
        if (is_ws(*s)) {
            while (is_ws(s[1]))
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
    check_attrs(b, x, no_attrs);
    size_t errors = vb_diag_errors(b->diag);
    const char *s = plain_text(b, x);
    if (vb_diag_errors(b->diag) > errors)
        return; /* an element inside: already reported */
    const char *t = collapse_ws(b, s);
    if (strcmp(t, want) != 0)
        err_node(b, x, VB_XML_MARK_SELF, "<%s> must read '%s' exactly%s, not '%.100s'", ek_name[kind_of(x)], want,
                 hint, t);
    else if (!raw_equals(s, want))
        /* the schema compares the characters as typed: say why it looks right */
        err_node(b, x, VB_XML_MARK_SELF,
                 "<%s> must read '%s' in precomposed letters (Unicode NFC); this one has combining marks",
                 ek_name[kind_of(x)], want);
}

/* ---- tables ---------------------------------------------------------------------------------- */

/* More columns than any page can show; the bound keeps the grid check small. */
#define MAX_COLUMNS 1000

/* <cot rong="…"/>: a length (fixed, in pt) or a share "2*" ("*" alone, or
 * no rong, is 1*). */
static void read_column(bld *b, xmlNode *c, double *width, int *fixed)
{
    static const char *const a_cot[] = {"rong", NULL};
    check_attrs(b, c, a_cot);
    check_empty(b, c, ": its width goes in its attribute rong");
    *width = 1;
    *fixed = 0;
    size_t off = 0;
    const char *v = attr(b, c, "rong", &off);
    if (!v)
        return;
    size_t n = strlen(v);
    double w = 0;
    if (n && v[n - 1] == '*') {
        if (n == 1 || parse_amount(v, n - 1, &w)) {
            *width = n == 1 ? 1 : w;
            return;
        }
    } else if ((w = parse_length(v)) > 0) {
        *width = w;
        *fixed = 1;
        return;
    }
    err_off(b, c, VB_XML_MARK_SELF, off,
            "rong must be a length such as '30mm', '1.2cm' or '40pt', or a share such as '2*': '%.60s'", v);
}

/* <bang co_chu="…">: 6 to 20 pt, at most two decimals; 0 when absent. */
static double read_font_size(bld *b, xmlNode *x)
{
    size_t off = 0;
    const char *v = attr(b, x, "co_chu", &off);
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
    err_off(b, x, VB_XML_MARK_SELF, off,
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
    check_attrs(b, o, attrs);
    cell->pos = mpos(b, noff(o));
    cell->colspan = whole_attr(b, o, "gop_cot", 999);
    cell->rowspan = whole_attr(b, o, "gop_dong", 999);
    int i = pick(b, o, "can", aligns, -1);
    cell->align = i >= 0 ? (int)align_of[i] : -1;
    i = pick(b, o, "doc", valigns, 0);
    cell->valign = valign_of[i >= 0 ? i : 0];
    cell->bold = pick(b, o, "dam", yes_no, 1) == 0;
    cell->body = node_new(b, VB_N_CELL, noff(o));
    if (!cell->body)
        return;
    /* not one of the table node's children (the table is a leaf of the
     * tree), but it knows where it stands */
    cell->body->parent = table;
    b->in_cell++;
    read_content(b, o, E_O, cell->body);
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
        if (rx->type != XML_ELEMENT_NODE || kind_of(rx) != E_DONG)
            continue;
        const vb_row *row = &t->rows[r];
        if (row->header && seen_body)
            err_node(b, rx, VB_XML_MARK_SELF,
                     "a header row (<dong tieu_de=\"co\">) must come before the table's other rows");
        seen_body |= !row->header;
        size_t col = 0, i = 0;
        for (xmlNode *ox = rx->children; ox && i < row->n; ox = ox->next) {
            if (ox->type != XML_ELEMENT_NODE || kind_of(ox) != E_O)
                continue;
            const vb_cell *cell = &row->cells[i++];
            while (col < cap && busy[col] > r)
                col++;
            size_t cs = (size_t)cell->colspan, rs = (size_t)cell->rowspan;
            if (ncols) {
                if (col >= ncols) {
                    err_node(b, ox, VB_XML_MARK_SELF, "<o> starts at column %zu, but the table has %zu columns (<cot>)",
                             col + 1, ncols);
                    continue;
                }
                if (col + cs > ncols) {
                    err_node(b, ox, VB_XML_MARK_SELF,
                             "<o> spans columns %zu to %zu, but the table has %zu columns (<cot>)", col + 1,
                             col + cs, ncols);
                    cs = ncols - col;
                }
            } else if (col + cs > MAX_COLUMNS) {
                err_node(b, ox, VB_XML_MARK_SELF, "<o> reaches column %zu; a table has at most %d columns",
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
                err_node(b, ox, VB_XML_MARK_SELF, "<o> spans rows %zu to %zu, but the table has %zu rows", r + 1,
                         r + rs, nr);
                rs = nr - r;
            }
            for (size_t q = r + 1; row->header && q < r + rs; q++) {
                if (!t->rows[q].header) {
                    err_node(b, ox, VB_XML_MARK_SELF,
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
    vb_node *n = node_new(b, VB_N_TABLE, noff(x));
    vb_table *t = n ? vb_arena_calloc(b->a, 1, sizeof *t) : NULL;
    if (!t) {
        b->nomem = 1;
        return;
    }
    n->table = t;
    t->pos = n->pos;
    check_attrs(b, x, attrs);
    t->landscape = pick(b, x, "huong", huong, 0) == 1;
    t->borders = pick(b, x, "vien", yes_no, 0) != 1;
    t->font_size = read_font_size(b, x);
    check_seq(b, x, seq, 2);
    vb_node_append(parent, n);
    size_t nc = count_children(x, E_COT), nr = count_children(x, E_DONG);
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
        ek k = c->type == XML_ELEMENT_NODE ? kind_of(c) : E_UNKNOWN;
        if (k == E_COT) {
            read_column(b, c, &t->widths[t->n_cols], &t->fixed[t->n_cols]);
            t->n_cols++;
        } else if (k == E_DONG) {
            vb_row *row = &t->rows[t->n_rows++];
            check_attrs(b, c, a_dong);
            row->pos = mpos(b, noff(c));
            row->header = pick(b, c, "tieu_de", yes_no, 1) == 0;
            check_seq(b, c, row_seq, 1);
            size_t no = count_children(c, E_O);
            row->cells = no ? vb_arena_calloc(b->a, no, sizeof *row->cells) : NULL;
            if (no && !row->cells) {
                b->nomem = 1;
                return;
            }
            for (xmlNode *o = c->children; o && !b->nomem; o = o->next)
                if (o->type == XML_ELEMENT_NODE && kind_of(o) == E_O)
                    read_cell(b, o, &row->cells[row->n++], n);
        }
    }
    if (!b->nomem)
        check_grid(b, x, t);
}

/* ---- appendices, attached texts, the copy ------------------------------------------------- */

static void bad_type(bld *b, xmlNode *x, size_t off, const char *v)
{
    char keys[640];
    size_t k = 0;
    keys[0] = 0;
    for (size_t i = 0; vb_doctype_at(i) && k < sizeof keys; i++)
        k += (size_t)snprintf(keys + k, sizeof keys - k, "%s%s", i ? ", " : "", vb_doctype_at(i)->key);
    err_off(b, x, VB_XML_MARK_SELF, off, "loai must be a document type of Phụ lục III: '%.60s'; the types are %s",
            v, keys);
}

/* cua="…": the “của …” part of the reference line under an annex. */
static void read_of(bld *b, xmlNode *x, vb_inline *of)
{
    size_t off = 0;
    const char *v = attr(b, x, "cua", &off);
    if (!v)
        return;
    if (!*v) {
        err_off(b, x, VB_XML_MARK_SELF, off, "cua must not be empty");
        return;
    }
    v = collapse_ws(b, v);
    if (strncmp(v, "của ", strlen("của ")) == 0)
        warn_off(b, off, "cua starts with 'của', which the program prints itself");
    vb_span *sp = vb_arena_alloc(b->a, sizeof *sp);
    if (!sp) {
        b->nomem = 1;
        return;
    }
    *sp = (vb_span){v, strlen(v), 0, mpos(b, off)};
    of->v = sp;
    of->n = 1;
}

/* <phu_luc huong="…" cua="…"> <tieu_de> then blocks. */
static void read_appendix(bld *b, xmlNode *x, vb_annex *an, int number)
{
    static const char *const attrs[] = {"huong", "cua", NULL};
    static const char *const huong[] = {"doc", "ngang", NULL};
    check_attrs(b, x, attrs);
    an->kind = VB_ANNEX_APPENDIX;
    an->number = number;
    an->pos = mpos(b, noff(x));
    an->landscape = pick(b, x, "huong", huong, 0) == 1;
    read_of(b, x, &an->of);
    an->body = node_new(b, VB_N_BODY, noff(x));
    if (!an->body)
        return;
    b->article = 0; /* an appendix numbers its điều from 1 */
    read_content(b, x, E_PHU_LUC, an->body);
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
    check_attrs(b, x, attrs);
    an->kind = VB_ANNEX_ATTACHED;
    an->pos = mpos(b, noff(x));
    size_t off = 0;
    const char *v = attr(b, x, "loai", &off);
    if (!v) {
        need_attr(b, x, "loai");
    } else if (!(an->type = vb_doctype_find(v))) {
        bad_type(b, x, off, v);
    } else if (!an->type->name) {
        err_off(b, x, VB_XML_MARK_SELF, off,
                "loai of <van_ban_kem_theo> must be a type with a name (quy_che, quy_dinh, de_an …), not '%s'", v);
        an->type = NULL;
    }
    read_of(b, x, &an->of);
    check_seq(b, x, seq, sizeof seq / sizeof *seq);
    for (xmlNode *c = x->children; c && !b->nomem; c = c->next) {
        switch (c->type == XML_ELEMENT_NODE ? kind_of(c) : E_UNKNOWN) {
        case E_TRICH_YEU: read_field(b, c, &an->title); break;
        case E_NOI_DUNG:
            check_attrs(b, c, no_attrs);
            an->body = node_new(b, VB_N_BODY, noff(c));
            b->article = 0; /* the attached text numbers its điều from 1 */
            if (an->body)
                read_content(b, c, E_NOI_DUNG, an->body);
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
    check_attrs(b, x, attrs);
    cp->pos = mpos(b, noff(x));
    if (!attr(b, x, "hinh_thuc", NULL)) {
        need_attr(b, x, "hinh_thuc");
    } else {
        int f = pick(b, x, "hinh_thuc", forms, -1);
        if (f >= 0)
            cp->form = (vb_copy_form)(VB_COPY_SAO_Y + f);
    }
    check_seq(b, x, seq, sizeof seq / sizeof *seq);
    for (xmlNode *c = x->children; c && !b->nomem; c = c->next) {
        switch (c->type == XML_ELEMENT_NODE ? kind_of(c) : E_UNKNOWN) {
        case E_CO_QUAN_CHU_QUAN: read_field(b, c, &cp->parent_agency); break;
        case E_CO_QUAN_BAN_HANH: read_field(b, c, &cp->agency); break;
        case E_SO_KY_HIEU:
            read_number(b, c, &cp->number, &cp->notation, &cp->number_pos);
            break;
        case E_DIA_DANH: read_field(b, c, &cp->place); break;
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
    err_node(b, c, VB_XML_MARK_SELF, "<%s> is allowed only in %s, not in loai '%s'", ek_name[kind_of(c)], which,
             b->doc->type->key);
    return 1;
}

#define IN_DECISIONS "a quyết định or nghị quyết (loai quyet_dinh, nghi_quyet)"
#define IN_DECISIONS_AND_TELEGRAMS "a quyết định, nghị quyết or công điện (loai quyet_dinh, nghi_quyet, cong_dien)"

static void read_van_ban(bld *b, xmlNode *x)
{
    static const char *const attrs[] = {"loai", "phien_ban", "bo_cuc", "dau_ket", NULL};
    static const char *const secrecy[] = {"mat", "toi_mat", "tuyet_mat", NULL};
    static const char *const urgency[] = {"khan", "thuong_khan", "hoa_toc", NULL};
    static const seq_item seq[] = {
        {E_DO_MAT, 0, 1, 0},           {E_DO_KHAN, 0, 1, 0},          {E_CHI_DAN_LUU_HANH, 0, 0, 0},
        {E_QUOC_HIEU, 0, 1, 0},        {E_TIEU_NGU, 0, 1, 0},         {E_CO_QUAN_CHU_QUAN, 0, 1, 0},
        {E_CO_QUAN_BAN_HANH, 1, 1, 0}, {E_LIEN_TICH, 0, 1, 0},        {E_SO_KY_HIEU, 1, 1, 0},
        {E_DIA_DANH, 1, 1, 0},         {E_NGAY, 1, 1, 0},             {E_TRICH_YEU, 0, 1, 0},
        {E_THAM_QUYEN_BAN_HANH, 0, 1, 0}, {E_CAN_CU, 0, 0, 0},        {E_THEO_DE_NGHI, 0, 1, 0},
        {E_KINH_GUI, 0, 1, 0},         {E_NOI_DUNG, 1, 1, 0},         {E_CHU_KY, 1, 2, 0},
        {E_NOI_NHAN, 1, 1, 0},         {E_DIA_CHI, 0, 1, 0},          {E_CHU_KY_SO, 0, 1, 0},
        {E_PHU_LUC, 0, 0, 0},          {E_VAN_BAN_KEM_THEO, 0, 0, 1}, {E_BAN_SAO, 0, 1, 0}};
    static const seq_item joint_seq[] = {{E_CO_QUAN_CHU_QUAN, 0, 1, 0}, {E_CO_QUAN_BAN_HANH, 1, 1, 0}};
    vb_doc *doc = b->doc;
    check_attrs(b, x, attrs);
    size_t off = 0;
    const char *v = attr(b, x, "loai", &off);
    if (!v)
        need_attr(b, x, "loai");
    else if (!(doc->type = vb_doctype_find(v)))
        bad_type(b, x, off, v);
    if ((v = attr(b, x, "phien_ban", &off)) && strcmp(v, "1") != 0)
        err_off(b, x, VB_XML_MARK_SELF, off,
                "phien_ban '%.60s' is not supported: this program reads version 1 of the format", v);
    if ((v = attr(b, x, "bo_cuc", &off))) {
        if (layout_name_ok(v))
            doc->layout = v;
        else
            err_off(b, x, VB_XML_MARK_SELF, off,
                    "bo_cuc must be a layout name (letters, digits, '_' and '-'): '%.60s'", v);
    }
    if ((v = attr(b, x, "dau_ket", &off))) {
        if (strcmp(v, "khong") == 0)
            doc->end_mark = NULL;
        else if (strcmp(v, "co") != 0)
            err_off(b, x, VB_XML_MARK_SELF, off, "dau_ket must be 'co' or 'khong': '%.60s'", v);
    }

    check_seq(b, x, seq, sizeof seq / sizeof *seq);
    const vb_doctype *type = doc->type;
    unsigned parts = form_parts(type);
    vb_form form = type ? type->form : VB_FORM_TYPED;
    if (type && !count_children(x, E_TRICH_YEU) && form != VB_FORM_INTRODUCTION && form != VB_FORM_LEAVE)
        err_node(b, x, VB_XML_MARK_CONTENT, "<van_ban> needs <trich_yeu>");
    if (type && (parts & NEEDS_AUTHORITY) && !count_children(x, E_THAM_QUYEN_BAN_HANH))
        err_node(b, x, VB_XML_MARK_CONTENT,
                 "<van_ban> needs <tham_quyen_ban_hanh> in a %s: the authority that issues it, e.g. '%s'",
                 form == VB_FORM_TELEGRAM ? "công điện" : "quyết định",
                 form == VB_FORM_TELEGRAM ? "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP"
                                          : "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN LẤP VÒ");

    size_t n_sig = count_children(x, E_CHU_KY), n_circ = count_children(x, E_CHI_DAN_LUU_HANH);
    size_t n_bases = count_children(x, E_CAN_CU);
    size_t n_annex = count_children(x, E_PHU_LUC) + count_children(x, E_VAN_BAN_KEM_THEO);
    doc->signatures = n_sig ? vb_arena_calloc(b->a, n_sig, sizeof *doc->signatures) : NULL;
    doc->circulation = n_circ ? vb_arena_calloc(b->a, n_circ, sizeof *doc->circulation) : NULL;
    doc->bases = n_bases ? vb_arena_calloc(b->a, n_bases, sizeof *doc->bases) : NULL;
    doc->annexes = n_annex ? vb_arena_calloc(b->a, n_annex, sizeof *doc->annexes) : NULL;
    if ((n_sig && !doc->signatures) || (n_circ && !doc->circulation) || (n_bases && !doc->bases) ||
        (n_annex && !doc->annexes)) {
        b->nomem = 1;
        return;
    }
    xmlNode *joint = NULL;
    int n_appendix = 0;
    for (xmlNode *c = x->children; c && !b->nomem; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        switch (kind_of(c)) {
        case E_DO_MAT: {
            int level = 0;
            read_stamp(b, c, secrecy, &level);
            doc->secrecy = (vb_secrecy)level;
            break;
        }
        case E_DO_KHAN: {
            int level = 0;
            read_stamp(b, c, urgency, &level);
            doc->urgency = (vb_urgency)level;
            break;
        }
        case E_CHI_DAN_LUU_HANH: read_field(b, c, &doc->circulation[doc->n_circulation++]); break;
        case E_QUOC_HIEU: read_fixed(b, c, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ""); break;
        case E_TIEU_NGU:
            read_fixed(b, c, "Độc lập - Tự do - Hạnh phúc",
                       " (the decree's hyphens are ASCII '-' with a space each side)");
            break;
        case E_CO_QUAN_CHU_QUAN: read_field(b, c, &doc->parent_agency); break;
        case E_CO_QUAN_BAN_HANH: read_field(b, c, &doc->agency); break;
        case E_LIEN_TICH:
            joint = c;
            check_attrs(b, c, no_attrs);
            check_seq(b, c, joint_seq, 2);
            for (xmlNode *j = c->children; j; j = j->next) {
                ek k = j->type == XML_ELEMENT_NODE ? kind_of(j) : E_UNKNOWN;
                if (k == E_CO_QUAN_CHU_QUAN)
                    read_field(b, j, &doc->joint_parent_agency);
                else if (k == E_CO_QUAN_BAN_HANH)
                    read_field(b, j, &doc->joint_agency);
            }
            break;
        case E_SO_KY_HIEU:
            read_number(b, c, &doc->number, &doc->notation, &doc->number_pos);
            break;
        case E_DIA_DANH: read_field(b, c, &doc->place); break;
        case E_NGAY: read_date(b, c, &doc->year, &doc->month, &doc->day, &doc->date_pos); break;
        case E_TRICH_YEU: {
            read_field(b, c, &doc->summary);
            const vb_span *f = first_text(&doc->summary);
            if (form == VB_FORM_OFFICIAL_LETTER && f && f->len >= 3 && (f->text[0] == 'V' || f->text[0] == 'v') &&
                f->text[1] == '/' && (f->text[2] == 'V' || f->text[2] == 'v'))
                warn_off(b, noff(c), "<trich_yeu> starts with '%.3s', which the program prints itself", f->text);
            break;
        }
        case E_THAM_QUYEN_BAN_HANH:
            if (not_in_type(b, c, parts & HAS_AUTHORITY, IN_DECISIONS_AND_TELEGRAMS))
                break;
            read_field(b, c, &doc->authority);
            if (form == VB_FORM_TELEGRAM && (ends_with_text(&doc->authority, "điện:") ||
                                             ends_with_text(&doc->authority, "ĐIỆN:")))
                warn_off(b, noff(c), "<tham_quyen_ban_hanh> ends with 'điện:', which the program prints itself");
            break;
        case E_CAN_CU: {
            if (not_in_type(b, c, parts & HAS_BASES, IN_DECISIONS))
                break;
            vb_inline *in = &doc->bases[doc->n_bases++];
            read_field(b, c, in);
            char last = last_char(in);
            if (last == ';' || last == '.' || last == ',')
                warn_off(b, noff(c), "<can_cu> ends with '%c', which the program prints itself", last);
            break;
        }
        case E_THEO_DE_NGHI: {
            if (not_in_type(b, c, parts & HAS_BASES, IN_DECISIONS))
                break;
            read_field(b, c, &doc->proposal);
            const vb_span *f = first_text(&doc->proposal);
            if (f && (starts(f->text, f->len, "Theo đề nghị ") || starts(f->text, f->len, "theo đề nghị ")))
                warn_off(b, noff(c), "<theo_de_nghi> starts with 'Theo đề nghị', which the program prints itself");
            if (last_char(&doc->proposal) == '.')
                warn_off(b, noff(c), "<theo_de_nghi> ends with '.', which the program prints itself");
            break;
        }
        case E_KINH_GUI: read_list(b, c, E_NOI, &doc->to, &doc->n_to); break;
        case E_NOI_DUNG:
            check_attrs(b, c, no_attrs);
            doc->body = node_new(b, VB_N_BODY, noff(c));
            if (doc->body)
                read_content(b, c, E_NOI_DUNG, doc->body);
            break;
        case E_CHU_KY: read_signature(b, c, &doc->signatures[doc->n_signatures++]); break;
        case E_NOI_NHAN: read_recipients(b, c, &doc->recipients, &doc->n_recipients, &doc->archive); break;
        case E_DIA_CHI: read_list(b, c, E_DONG, &doc->address, &doc->n_address); break;
        case E_CHU_KY_SO: read_field(b, c, &doc->ecopy); break;
        case E_PHU_LUC: read_appendix(b, c, &doc->annexes[doc->n_annexes++], ++n_appendix); break;
        case E_VAN_BAN_KEM_THEO:
            if (not_in_type(b, c, parts & HAS_ATTACHED, IN_DECISIONS))
                break;
            read_attached(b, c, &doc->annexes[doc->n_annexes++]);
            break;
        case E_BAN_SAO: read_copy(b, c); break;
        default: break; /* reported by check_seq */
        }
    }
    if (joint && doc->n_signatures != 2)
        warn_off(b, noff(joint),
                 "a joint document (<lien_tich>) has two <chu_ky>, one for each agency; this one has %zu",
                 doc->n_signatures);
}

vb_err vb_xml_build(xmlDoc *xd, const vb_xml_src *src, vb_doc *doc, vb_diag *diag)
{
    bld b = {0};
    b.doc = doc;
    b.a = doc->arena;
    b.diag = diag;
    b.src = src;
    /* relative image paths start from the input file's directory */
    const char *slash = strrchr(doc->file, '/');
    doc->base_dir = slash ? vb_arena_strndup(b.a, doc->file, slash == doc->file ? 1 : (size_t)(slash - doc->file)) : "";
    if (!doc->base_dir)
        return VB_ERR_NOMEM;
    xmlNode *root = xmlDocGetRootElement(xd);
    char rn[128];
    doc->pos = mpos(&b, noff(root));
    if (root->ns && strcmp((const char *)root->name, "van_ban") == 0)
        err_node(&b, root, VB_XML_MARK_SELF,
                 "<van_ban> is in the XML namespace '%.200s'; the format uses no namespace",
                 root->ns->href ? (const char *)root->ns->href : "");
    else if (kind_of(root) != E_VAN_BAN)
        err_node(&b, root, VB_XML_MARK_SELF, "the root element must be <van_ban>, not <%s>", NAME(root, rn));
    else
        read_van_ban(&b, root);
    vb_buf_free(&b.text);
    free(b.sp);
    return b.nomem ? VB_ERR_NOMEM : VB_OK;
}

/* build.h - what the reader's third step shares between its files: the
 * tree libxml2 made (parse.h) checked against the format (docs/format.md)
 * and the model built from it. Not part of the library's API.
 *
 *   build.c          the elements of the format, reporting, attributes and
 *                    their values, children in a fixed order, vb_xml_build
 *   build_inline.c   inline content: spans, white space, NFC
 *   build_content.c  the content's blocks (phần … gạch, đoạn) and tables
 *   build_doc.c      the parts of <van_ban>, annexes and the copy's block
 *
 * Every problem is reported and the walk goes on, so one run lists them all;
 * the model is only handed out when there is none (xml_read.c decides). Each
 * report also marks the node it is about (xml_node.h), so that the schema's
 * messages about the same spot stay quiet. Checks of what the user typed
 * inside a well-formed field (labels and punctuation the program prints
 * itself, legacy encodings …) are the linter's (check.h), not the reader's.
 *
 * Where libxml2's values are taken: the text of a text node in
 * build_inline.c (node_text), an attribute's value in build.c (vb_bld_attr). */
#ifndef VB_BUILD_H
#define VB_BUILD_H

#include <stdarg.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "buf.h"
#include "diag.h"
#include "err.h"
#include "model.h"
#include "source.h"
#include "xml_node.h"

/* Checks the tree (parsed from doc->src) against the format and fills doc.
 * Every problem goes to diag. Returns VB_OK (check vb_diag_errors for input
 * problems) or VB_ERR_NOMEM. */
vb_err vb_xml_build(xmlDoc *xd, vb_doc *doc, vb_diag *diag);

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
    E_TRU_SO,
    E_DIEN_THOAI,
    E_FAX,
    E_THU_DIEN_TU,
    E_TRANG_WEB,
    E_COUNT
} ek;

extern const char *const vb_bld_ek_name[E_COUNT];

/* The element kind of n (E_UNKNOWN for text, other names, namespaces). */
ek vb_bld_kind_of(const xmlNode *n);

/* ---- the builder ------------------------------------------------------------------ */

typedef struct tspan {
    size_t start, len; /* bytes of bld.text */
    size_t off;        /* where it starts in the input */
    unsigned flags;
} tspan;

typedef struct bld {
    vb_doc *doc;
    vb_arena *a;
    vb_diag *diag;
    const vb_source *src;
    int article;  /* number of the last điều: they run through the whole document */
    int in_cell;  /* reading a table cell's content */
    vb_buf text;  /* scratch: the collapsed text of the inline run being read */
    tspan *sp;    /* scratch: its spans */
    size_t nsp, capsp;
    int line_has_text; /* some text since the start or the last <xuong_dong/> */
    int last_space;    /* the last byte written to text is a collapsed space */
    int nomem;
} bld;

extern const char *const vb_bld_no_attrs[]; /* {NULL} */

static inline int vb_bld_is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline int vb_bld_is_text(const xmlNode *n)
{
    return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE;
}

/* The offset where node n starts in the source. */
static inline size_t vb_bld_noff(const xmlNode *n)
{
    return vb_xml_node_off(n, NULL);
}

/* True when s is NULL or only XML white space. */
int vb_bld_blank(const xmlChar *s);
/* The offset of the first character after the white space at off. */
size_t vb_bld_skip_ws_at(const bld *b, size_t off);
/* Where the first non-blank character of a text node is. */
size_t vb_bld_text_off(const bld *b, const xmlNode *t);
/* The position of offset off, named after the document's file. */
vb_srcpos vb_bld_pos(bld *b, size_t off);

/* n's name with its prefix, into buf. */
const char *vb_bld_qname(const xmlNs *ns, const xmlChar *name, char *buf, size_t size);
#define NAME(n, buf) vb_bld_qname((n)->ns, (n)->name, (buf), sizeof(buf))

/* An error at offset off, about node n (mark: VB_XML_MARK_SELF or _CONTENT). */
void vb_bld_err_off(bld *b, xmlNode *n, unsigned mark, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* An error at n's start tag. */
void vb_bld_err_node(bld *b, xmlNode *n, unsigned mark, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* A new node of the model at offset off; NULL (nomem set) when out of memory. */
vb_node *vb_bld_node_new(bld *b, vb_node_kind kind, size_t off);

/* Reports child c of parent, which may not stand there. */
void vb_bld_bad_element(bld *b, xmlNode *c, const xmlNode *parent);
/* Reports every attribute of n not in allowed (NULL-terminated). */
void vb_bld_check_attrs(bld *b, xmlNode *n, const char *const *allowed);
/* The value of attribute `name` of n, trimmed and in NFC, in the arena; NULL
 * when n has none. *off (may be NULL) gets where the attribute is. */
const char *vb_bld_attr(bld *b, xmlNode *n, const char *name, size_t *off);
void vb_bld_need_attr(bld *b, xmlNode *n, const char *name);
/* Reports x unless it holds nothing (why: the end of the message). */
void vb_bld_check_empty(bld *b, xmlNode *x, const char *why);
/* s[0..n) in NFC, in the arena (*out_len may be NULL); NULL when out of memory. */
char *vb_bld_nfc(bld *b, const char *s, size_t n, size_t *out_len);
/* s with each run of white space made one space, in NFC, in the arena. */
const char *vb_bld_collapse_ws(bld *b, const char *s);

/* ---- children in a fixed order ---------------------------------------------------- */

typedef struct seq_item {
    ek k;
    unsigned char min, max; /* max 0: any number */
    unsigned char tie;      /* shares its place with the item before: the two mix in any order */
} seq_item;

#define SEQ_MAX 32

/* Checks x's children against items: each known, in order, as many as allowed. */
void vb_bld_check_seq(bld *b, xmlNode *x, const seq_item *items, size_t n);
/* The number of x's children of kind k. */
size_t vb_bld_count_children(const xmlNode *x, ek k);

/* ---- attribute values --------------------------------------------------------------- */

/* The index of attribute `name`'s value in `values` (NULL-terminated); def
 * when the attribute is absent; -1 (reported) when it is none of them. */
int vb_bld_pick(bld *b, xmlNode *x, const char *name, const char *const *values, int def);
/* A number as lengths and shares are written (1 to 4 digits, up to 3 decimals, above 0). */
int vb_bld_parse_amount(const char *s, size_t n, double *v);
/* A length, "35mm", "3.5cm" or "99pt", in pt; 0 when s is not one. */
double vb_bld_parse_length(const char *s);
/* A length attribute in pt; 0 when absent or wrong (reported). */
double vb_bld_length_attr(bld *b, xmlNode *x, const char *name);
/* A whole-number attribute from 1 to max; 1 when absent or wrong (reported). */
int vb_bld_whole_attr(bld *b, xmlNode *x, const char *name, long max);

/* ---- inline content (build_inline.c) ---------------------------------------------- */

/* Reads the inline content of x into out (spans in the arena, NFC);
 * skip_titles: a <tieu_de> among it is read elsewhere. */
void vb_bld_read_inline(bld *b, xmlNode *x, int skip_titles, vb_inline *out);
/* A field of inline text that must not be empty. */
void vb_bld_read_field(bld *b, xmlNode *x, vb_inline *out);
/* The text of an element that holds text only, trimmed, in the arena. */
const char *vb_bld_plain_text(bld *b, xmlNode *x);

/* ---- blocks (build_content.c) ------------------------------------------------------ */

/* Reads the content of x (a <noi_dung>, <phu_luc>, a block or a table
 * cell, of kind pk) into n's children. */
void vb_bld_read_content(bld *b, xmlNode *x, ek pk, vb_node *n);

/* ---- the document (build_doc.c) ------------------------------------------------------ */

void vb_bld_read_van_ban(bld *b, xmlNode *x);

#endif

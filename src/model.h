/* model.h - the document model: what a văn bản says, before any layout.
 *
 * xml_read.c builds it from the input file; layout.c and out_docx.c read it.
 * Every string is UTF-8 in NFC, stored as (pointer, length) and also
 * NUL-terminated; everything lives in doc->arena and is valid until
 * vb_doc_free(). Every node and span knows where it came from (vb_srcpos).
 *
 * Labels the decree derives (“Số:”, the date words, “Phần I”, “1.”, “a)”,
 * “TM.”, “- Lưu: VT, …”) are not stored: derive.h produces them, so the PDF
 * and the DOCX print exactly the same words. */
#ifndef VB_MODEL_H
#define VB_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"

/* ---- inline text ---------------------------------------------------------- */

enum {
    VB_SPAN_BOLD = 1u << 0,
    VB_SPAN_ITALIC = 1u << 1,
    VB_SPAN_UNDERLINE = 1u << 2,
    VB_SPAN_BREAK = 1u << 3 /* a forced line break (<xuong_dong/>); text is empty */
};

typedef struct vb_span {
    const char *text; /* NFC UTF-8, NUL-terminated */
    size_t len;
    unsigned flags; /* VB_SPAN_* */
    vb_srcpos pos;
} vb_span;

/* A run of styled text (a paragraph's content, a title, a name). */
typedef struct vb_inline {
    vb_span *v;
    size_t n;
} vb_inline;

/* ---- document types (Phụ lục III) -------------------------------------------- */

/* Which sample form of Phụ lục III the document follows. */
typedef enum vb_form {
    VB_FORM_TYPED,       /* 1.4: báo cáo, kế hoạch, tờ trình, thông báo … */
    VB_FORM_RESOLUTION,  /* 1.1: nghị quyết */
    VB_FORM_DECISION,    /* 1.2 / 1.3: quyết định */
    VB_FORM_OFFICIAL_LETTER, /* 1.5: công văn (no type name, V/v) */
    VB_FORM_TELEGRAM,    /* 1.6: công điện */
    VB_FORM_INVITATION,  /* 1.7: giấy mời */
    VB_FORM_INTRODUCTION,/* 1.8: giấy giới thiệu */
    VB_FORM_MINUTES,     /* 1.9: biên bản */
    VB_FORM_LEAVE        /* 1.10: giấy nghỉ phép */
} vb_form;

typedef struct vb_doctype {
    const char *key;   /* value of <van_ban loai="…">, e.g. "bao_cao" */
    const char *name;  /* printed type name, e.g. "BÁO CÁO"; NULL for công văn */
    const char *abbr;  /* Phụ lục III abbreviation, e.g. "BC"; NULL for công văn */
    vb_form form;
} vb_doctype;

/* The table of Phụ lục III. Returns NULL for an unknown key. */
const vb_doctype *vb_doctype_find(const char *key);
/* Entries of the table, for messages and the schema test. */
const vb_doctype *vb_doctype_at(size_t i); /* NULL past the end */

/* ---- content tree ------------------------------------------------------------- */

typedef enum vb_node_kind {
    VB_N_BODY,       /* <noi_dung>: root of the content */
    VB_N_PART,       /* <phan>: “Phần I” and its title, centred */
    VB_N_CHAPTER,    /* <chuong>: “Chương I” and its title, centred */
    VB_N_SECTION,    /* <muc>: “I. TITLE” in reports; “Mục 1” centred inside a chương */
    VB_N_SUBSECTION, /* <tieu_muc>: “Tiểu mục 1” */
    VB_N_ARTICLE,    /* <dieu>: “Điều 1. Title” */
    VB_N_CLAUSE,     /* <khoan>: “1.” */
    VB_N_POINT,      /* <diem>: “a)” */
    VB_N_DASH,       /* <gach>: “-” item */
    VB_N_PARA,       /* <doan>: a plain paragraph */
    VB_N_KIND_COUNT
} vb_node_kind;

typedef struct vb_node {
    vb_node_kind kind;
    vb_srcpos pos;
    struct vb_node *parent, *next, *first, *last;
    int number;      /* printed number (1-based) of numbered kinds, 0 otherwise */
    int ordinal_words; /* VB_N_PART: <phan kieu_so="thu">, printed “Phần thứ nhất” */
    int has_title;   /* title holds a <tieu_de> */
    vb_inline title; /* tiêu đề of part/chapter/section/article/clause */
    vb_inline text;  /* VB_N_PARA: the paragraph */
} vb_node;

/* ---- signature block (ô 7, 8) ------------------------------------------------- */

typedef enum vb_authority {
    VB_AUTH_NONE, /* a plain title line */
    VB_AUTH_TM,   /* thay mặt: “TM.” */
    VB_AUTH_KT,   /* ký thay: “KT.” */
    VB_AUTH_TL,   /* thừa lệnh: “TL.” */
    VB_AUTH_TUQ,  /* thừa ủy quyền: “TUQ.” */
    VB_AUTH_Q     /* quyền: “Q.” */
} vb_authority;

typedef struct vb_auth_line {
    vb_authority kind;
    vb_inline text; /* the collective or title after the prefix */
    vb_srcpos pos;
} vb_auth_line;

typedef struct vb_signature {
    vb_srcpos pos;
    vb_auth_line *lines; /* the 7a stack, top to bottom, title (chức vụ) last */
    size_t n_lines;
    vb_inline name;      /* 7b: họ và tên */
} vb_signature;

/* ---- recipients (ô 9b) and the Lưu line (ô 12) ----------------------------------- */

typedef struct vb_archive {
    int present;
    const char *units;   /* drafting unit codes after “VT, ”, e.g. "KTHT" (may be NULL) */
    const char *drafter; /* ô 12: drafter code, e.g. "Nh" (may be NULL) */
    const char *copies;  /* ô 12: number of copies issued, e.g. "300" (may be NULL) */
    vb_srcpos pos;
} vb_archive;

/* ---- the document ------------------------------------------------------------- */

typedef struct vb_doc {
    vb_arena *arena;
    const char *file;        /* name used in diagnostics */
    const vb_doctype *type;
    const char *layout;      /* layout profile name (<van_ban bo_cuc="…">), NULL: default */
    vb_srcpos pos;

    vb_inline parent_agency; /* ô 2: cơ quan chủ quản (n == 0 when absent) */
    vb_inline agency;        /* ô 2: cơ quan ban hành */
    const char *number;      /* ô 3: “05” (as typed: derive.h pads it) */
    const char *notation;    /* ô 3: “BC-UBND” */
    vb_srcpos number_pos;
    vb_inline place;         /* ô 4: địa danh */
    int year, month, day;    /* ô 4: the date */
    vb_srcpos date_pos;
    vb_inline summary;       /* ô 5: trích yếu (n == 0 when absent) */

    vb_inline *to;           /* ô 9a: Kính gửi, one entry per recipient */
    size_t n_to;

    vb_node *body;           /* ô 6 */

    vb_signature *signatures; /* ô 7: one, or two side by side (joint documents) */
    size_t n_signatures;

    vb_inline *recipients;    /* ô 9b: Nơi nhận list, without “- ” and “;” */
    size_t n_recipients;
    vb_archive archive;       /* the “- Lưu: VT, …” line */

    const char *end_mark;     /* "./." unless the input turns it off (NULL) */
} vb_doc;

/* An empty document whose arena is new; NULL when out of memory. */
vb_doc *vb_doc_new(const char *file);
/* Frees the document and everything in its arena. NULL does nothing. */
void vb_doc_free(vb_doc *doc);

/* Appends a child to a node. */
void vb_node_append(vb_node *parent, vb_node *child);

/* The plain text of an inline run: spans concatenated, a forced break as
 * `brk` (e.g. " " or "\n"). In the arena. */
char *vb_inline_plain(vb_arena *a, const vb_inline *in, const char *brk, size_t *len);

/* True when the inline run holds no text at all. */
int vb_inline_empty(const vb_inline *in);

#endif

/* model.h - the document model: what a văn bản says, before any layout.
 *
 * xml_read.c builds it from the input file; layout.c and docx.c read it.
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
#include "source.h"

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
    size_t off;     /* where pos is, in bytes of doc->src->text; VB_NO_OFF for text the program made */
} vb_span;

/* A run of styled text (a paragraph's content, a title, a name). */
typedef struct vb_inline {
    vb_span *v;
    size_t n;
    vb_srcpos pos; /* the element it was read from (its start tag); for cua="…", the attribute */
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
    VB_N_TABLE,      /* <bang>: a table (node->table) */
    VB_N_CELL,       /* a table cell's content: a container of blocks */
    VB_N_KIND_COUNT
} vb_node_kind;

struct vb_table;

typedef struct vb_node {
    vb_node_kind kind;
    vb_srcpos pos;
    struct vb_node *parent, *next, *first, *last;
    int number;      /* printed number (1-based) of numbered kinds, 0 otherwise */
    int ordinal_words; /* VB_N_PART: <phan kieu_so="thu">, printed “Phần thứ nhất” */
    int has_title;   /* title holds a <tieu_de> */
    int from_text;   /* VB_N_PARA: text that stood directly in its parent (a điều, khoản … with no <doan>) */
    vb_inline title; /* tiêu đề of part/chapter/section/article/clause */
    vb_inline text;  /* VB_N_PARA: the paragraph */
    struct vb_table *table; /* VB_N_TABLE */
} vb_node;

/* ---- tables (<bang>) ------------------------------------------------------------ */

typedef enum vb_valign { VB_VALIGN_TOP, VB_VALIGN_MIDDLE, VB_VALIGN_BOTTOM } vb_valign;

typedef struct vb_cell {
    vb_node *body;      /* VB_N_CELL: its paragraphs (inline content becomes one VB_N_PARA) */
    int colspan, rowspan; /* 1 when not spanning */
    int align;          /* vb_align (style.h); -1: the table's default (left; centre in header rows) */
    vb_valign valign;
    int bold;           /* <o dam="co">: the cell's text in bold */
    vb_srcpos pos;
} vb_cell;

typedef struct vb_row {
    vb_cell *cells;     /* the cells that start in this row, left to right */
    size_t n;
    int header;         /* <dong tieu_de="co">: repeated at the top of every page the table crosses */
    vb_srcpos pos;
} vb_row;

typedef struct vb_table {
    double *widths;     /* per column: pt when fixed[i], else a proportion of the free width */
    int *fixed;
    size_t n_cols;
    vb_row *rows;
    size_t n_rows;
    int landscape;      /* <bang huong="ngang">: set on landscape pages of its own */
    int borders;        /* 1: single lines around every cell (the default) */
    double font_size;   /* 0: the body size; <bang co_chu="12"> */
    vb_srcpos pos;
} vb_table;

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
    const char *signature_image; /* ô 7c: signer's signature, PNG (blue, alpha), path as resolved, or NULL */
    double signature_width;      /* its printed width, pt (0: from the layout) */
    vb_srcpos signature_pos;
    const char *seal_image;      /* ô 8: the agency's seal, PNG (red, alpha), or NULL */
    double seal_diameter;        /* real size, pt (0: from the layout) */
    vb_srcpos seal_pos;
    int sealed;                  /* ô 8: the agency seals this signature (<chu_ky dong_dau="co">, or a
                                    seal image): the PDF gets the agency's signature field there */
} vb_signature;

/* ---- recipients (ô 9b) and the Lưu line (ô 12) ----------------------------------- */

typedef struct vb_archive {
    int present;
    const char *units;   /* drafting unit codes after “VT, ”, e.g. "KTHT" (may be NULL) */
    const char *kept;    /* copies the drafting unit keeps, after its code: “KTHT(2)” (may be NULL) */
    const char *drafter; /* ô 12: drafter code, e.g. "Nh" (may be NULL) */
    const char *copies;  /* ô 12: number of copies issued, e.g. "300" (may be NULL) */
    vb_srcpos pos;
} vb_archive;

/* ---- the other formal elements (ô 10, 11, 13, 14) --------------------------------- */

/* The fields of the address footer (ô 13), in the order the decree's form
 * prints them: “Số …, đường …” / “ĐT: …, Fax: …” / “E-Mail: …, Website: …”. */
enum {
    VB_ADDR_PLACE,   /* <tru_so>: the address */
    VB_ADDR_PHONE,   /* <dien_thoai>: “ĐT: ” */
    VB_ADDR_FAX,     /* <fax>: “Fax: ” */
    VB_ADDR_EMAIL,   /* <thu_dien_tu>: “E-Mail: ” */
    VB_ADDR_WEB,     /* <trang_web>: “Website: ” */
    VB_ADDRESS_FIELDS
};

typedef enum vb_secrecy { VB_SECRET_NONE, VB_SECRET_MAT, VB_SECRET_TOI_MAT, VB_SECRET_TUYET_MAT } vb_secrecy;
typedef enum vb_urgency { VB_URGENT_NONE, VB_URGENT_KHAN, VB_URGENT_THUONG_KHAN, VB_URGENT_HOA_TOC } vb_urgency;

/* ---- appendices and attached texts (Phụ lục I §2.10, Mẫu 2.1, 1.3) --------------- */

typedef enum vb_annex_kind {
    VB_ANNEX_APPENDIX, /* <phu_luc>: “Phụ lục I”, title, “(Kèm theo …)” */
    VB_ANNEX_ATTACHED  /* <van_ban_kem_theo>: a text issued with a quyết định: type name, title,
                          “(Ban hành kèm theo Quyết định số …)”, content, optional signature */
} vb_annex_kind;

typedef struct vb_annex {
    vb_annex_kind kind;
    int number;          /* appendices: 1-based; printed in Roman when there are two or more */
    int numbered;        /* <phu_luc so="N">: printed “Phụ lục I” even when it is the only one */
    const char *label;   /* <phu_luc nhan="…">: the heading's first line as typed (NULL: derived) */
    const vb_doctype *type; /* attached texts: their type (quy_che, quy_dinh …) */
    vb_inline title;
    vb_inline of;        /* the “của …” part of the reference line (NULL/empty: left out) */
    vb_node *body;
    int landscape;       /* <phu_luc huong="ngang"> */
    vb_signature *signature; /* attached texts may end with one; NULL otherwise */
    vb_srcpos pos;
} vb_annex;

/* ---- copies (bản sao, Mẫu 3.1) ------------------------------------------------------ */

typedef enum vb_copy_form { VB_COPY_NONE, VB_COPY_SAO_Y, VB_COPY_SAO_LUC, VB_COPY_TRICH_SAO } vb_copy_form;

typedef struct vb_copy {
    vb_copy_form form;   /* printed “SAO Y”, “SAO LỤC”, “TRÍCH SAO”; notation SY / SL / TrS */
    vb_inline parent_agency, agency; /* the copying agency */
    const char *number, *notation;   /* “Số: 01/SY-VP” (notation typed whole, like ô 3) */
    vb_srcpos number_pos;
    vb_inline place;
    int year, month, day;
    vb_srcpos date_pos;
    vb_signature signature;
    vb_inline *recipients;
    size_t n_recipients;
    vb_archive archive;
    vb_srcpos pos;
} vb_copy;

/* ---- the document ------------------------------------------------------------- */

typedef struct vb_doc {
    vb_arena *arena;
    const char *file;        /* name used in diagnostics */
    const vb_doctype *type;
    const char *layout;      /* layout profile name (<van_ban bo_cuc="…">), NULL: default */
    int draft;               /* <van_ban du_thao="co|N">: mark it DỰ THẢO (draft.h) */
    int draft_round;         /* du_thao="N": DỰ THẢO LẦN N; 0 otherwise */
    vb_srcpos pos;

    vb_inline parent_agency; /* ô 2: cơ quan chủ quản (n == 0 when absent) */
    vb_inline agency;        /* ô 2: cơ quan ban hành */
    const char *number;      /* ô 3: “05” (as typed: derive.h pads it); "" (so=""): left blank for the
                                văn thư to write in after signing */
    const char *notation;    /* ô 3: “BC-UBND” */
    vb_srcpos number_pos;
    vb_inline place;         /* ô 4: địa danh */
    int year, month, day;    /* ô 4: the date; month and day 0 (<ngay>2024</ngay>): left blank for the
                                văn thư to write in after signing */
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

    /* issue-wide additions (Phụ lục III forms and ô 10–14) */
    vb_inline joint_parent_agency, joint_agency; /* văn bản liên tịch: the second agency (n == 0: none) */
    vb_inline authority;      /* QĐ/NQ/CĐ: the issuing authority line (“CHỦ TỊCH ỦY BAN NHÂN DÂN …”) */
    vb_inline *bases;         /* QĐ/NQ: “Căn cứ …” lines, without the final ‘;’ or ‘.’ */
    size_t n_bases;
    vb_inline proposal;       /* QĐ: what follows “Theo đề nghị của ” (n == 0: none) */
    vb_secrecy secrecy;       /* ô 10a */
    vb_urgency urgency;       /* ô 10b */
    vb_inline *circulation;   /* ô 11: “XEM XONG TRẢ LẠI”, “LƯU HÀNH NỘI BỘ” … */
    size_t n_circulation;
    vb_inline *address;       /* ô 13: footer lines of page 1, as printed (the fields' lines with
                                 their labels, then the <dong> lines) */
    size_t n_address;
    vb_inline address_field[VB_ADDRESS_FIELDS]; /* ô 13 as typed, without labels (n == 0: absent) */
    vb_inline ecopy;          /* ô 14: text of the electronic-copy stamp (n == 0: none) */
    vb_annex *annexes;        /* appendices and attached texts, in order */
    size_t n_annexes;
    vb_copy *copy;            /* a paper copy's block after the document (NULL: none) */
    const char *base_dir;     /* directory of the input file, for relative image paths ("" for stdin) */
    vb_source *src;           /* the input as read (source.h), for the linter; in the arena, its
                                 buffers freed by vb_doc_free; text NULL in a document made by hand */
    vb_srcpos joint_pos;      /* <lien_tich>, when the document has one */
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

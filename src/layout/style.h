/* style.h - layout data: every number of the layout, read from layouts/<name>.xml.
 *
 * The C code holds no sizes, margins or spacings of its own: it asks the
 * vb_style loaded by style.c. A vb_style is read-only once loaded, so
 * one copy serves every document (and every worker thread) of a batch.
 * Lengths are in points (1/72 inch) unless a field says otherwise. */
#ifndef VB_STYLE_H
#define VB_STYLE_H

#include <stddef.h>

#include "diag.h"

/* The formal elements and body parts that have a text style of their own.
 * The names (in vb_role_name) are those of layouts/<name>.xml and of the DOCX's
 * named styles. */
typedef enum vb_role {
    VB_ROLE_QUOC_HIEU,      /* ô 1: CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM */
    VB_ROLE_TIEU_NGU,       /* ô 1: Độc lập - Tự do - Hạnh phúc */
    VB_ROLE_CO_QUAN_CHU_QUAN, /* ô 2: parent agency */
    VB_ROLE_CO_QUAN,        /* ô 2: issuing agency */
    VB_ROLE_SO_KY_HIEU,     /* ô 3: Số: 05/BC-UBND */
    VB_ROLE_DIA_DANH_NGAY,  /* ô 4: place and date */
    VB_ROLE_TEN_LOAI,       /* ô 5a: BÁO CÁO */
    VB_ROLE_TRICH_YEU,      /* ô 5a: summary */
    VB_ROLE_KINH_GUI,       /* ô 9a */
    VB_ROLE_DOAN,           /* ô 6: body paragraph */
    VB_ROLE_PHAN,           /* “Phần I” */
    VB_ROLE_PHAN_TIEU_DE,   /* its title */
    VB_ROLE_CHUONG,         /* “Chương I” */
    VB_ROLE_CHUONG_TIEU_DE,
    VB_ROLE_MUC,            /* “I. TITLE” (reports) */
    VB_ROLE_MUC_CHUONG,     /* “Mục 1” (inside a chương) */
    VB_ROLE_MUC_TIEU_DE,    /* its title */
    VB_ROLE_TIEU_MUC,
    VB_ROLE_DIEU,           /* “Điều 1. Title” */
    VB_ROLE_KHOAN_TIEU_DE,  /* “1. Title” on its own line */
    VB_ROLE_THAM_QUYEN,     /* ô 7a: TM. / KT. / title lines */
    VB_ROLE_HO_TEN,         /* ô 7b: signer's name */
    VB_ROLE_NOI_NHAN,       /* ô 9b: “Nơi nhận:” */
    VB_ROLE_NOI_NHAN_DS,    /* ô 9b: the list and the Lưu line */
    VB_ROLE_SO_TRANG,       /* page number */
    VB_ROLE_VV,             /* ô 5b: “V/v …” of a công văn, under ô 3 */
    VB_ROLE_THAM_QUYEN_BAN_HANH, /* QĐ/NQ/CĐ: the issuing authority line under the title */
    VB_ROLE_CAN_CU,         /* “Căn cứ …;” and “Theo đề nghị của …” */
    VB_ROLE_QUYET_DINH,     /* “QUYẾT ĐỊNH:” / “QUYẾT NGHỊ:” */
    VB_ROLE_DO_MAT,         /* ô 10a: secrecy mark */
    VB_ROLE_DO_KHAN,        /* ô 10b: urgency stamp, in its red frame */
    VB_ROLE_CHI_DAN,        /* ô 11: circulation note, in its frame */
    VB_ROLE_DIA_CHI,        /* ô 13: address footer of page 1 */
    VB_ROLE_CHU_KY_SO,      /* ô 14: electronic-copy stamp */
    VB_ROLE_BANG,           /* table cells */
    VB_ROLE_BANG_TIEU_DE,   /* table header cells */
    VB_ROLE_PHU_LUC,        /* “Phụ lục I” */
    VB_ROLE_PHU_LUC_TIEU_DE, /* its title (and an attached text's type name and title) */
    VB_ROLE_KEM_THEO,       /* “(Kèm theo …)” */
    VB_ROLE_BAN_SAO,        /* “SAO Y” / “SAO LỤC” / “TRÍCH SAO” */
    VB_ROLE_COUNT
} vb_role;

typedef enum vb_align { VB_ALIGN_LEFT, VB_ALIGN_CENTER, VB_ALIGN_RIGHT, VB_ALIGN_JUSTIFY } vb_align;

typedef struct vb_role_style {
    double size;         /* font size, pt */
    int bold, italic;
    vb_align align;
    double indent_first; /* first-line indent, pt (added to indent_left) */
    double indent_left, indent_right;
    double space_before, space_after;
    double line_spacing; /* multiple of the face's single line height (1.0 .. 1.5) */
    int keep_with_next;  /* never the last thing on a page */
} vb_role_style;

/* vb_face_id (the four faces of the one family the decree allows) is in
 * vanban.h: embedders name faces in vb_engine_opts. */

typedef struct vb_style {
    char *name; /* profile name, e.g. "nd30-14" */
    char *file; /* where it was read from */

    /* page (§1) */
    double page_w, page_h;
    double margin_top, margin_bottom, margin_left, margin_right;
    double header_distance; /* top edge to the page number's line box (DOCX header distance) */

    /* fonts: file names (resolved against the fonts directory) and the family
     * named in the DOCX */
    char *font_file[VB_FACE_COUNT];
    char *docx_family;

    vb_role_style role[VB_ROLE_COUNT];

    /* header block (§3.2): column widths; the left column may reach into the
     * left margin by header_shift */
    double header_left_w, header_right_w, header_shift;
    double header_rows_gap;    /* extra space between row {2|1} and row {3|4} */
    double title_gap;          /* space above the type name (5a) */
    double rule_width;         /* line thickness of the rules */
    double rule_gap;           /* baseline of the text line to the rule, below it */
    double agency_rule_ratio;  /* rule under the agency: fraction of the widest line */
    double motto_rule_ratio;   /* rule under the motto: 1.0 */
    double summary_rule_ratio; /* rule under the trích yếu: fraction of the widest line */
    double after_title_gap;    /* rule under the trích yếu to the first body line */

    double vv_gap;             /* ô 5b: from the “Số:” line to “V/v …” */

    /* stamps and frames (ô 10, 11, 14) */
    double urgent_w[4];        /* frame widths by vb_urgency (index 0 unused) */
    double stamp_h;            /* height of the urgency and circulation frames */
    double frame_width;        /* their line thickness */
    unsigned urgent_color;     /* 0xRRGGBB: the decree's bright red */
    double stamp_pad;          /* circulation frame: room left and right of the text */
    double draft_size;         /* a draft's DỰ THẢO label beside the number (--draft) */
    double draft_frame;        /* the line of the label's frame */
    unsigned draft_color;      /* the DỰ THẢO watermark's colour, 0xRRGGBB */
    double draft_span;         /* the watermark's length, as a share of the page's diagonal */
    double stamp_gap;          /* between stamps stacked in the left column */
    double ecopy_w, ecopy_h;   /* ô 14: the electronic-copy stamp's box, top right of page 1 */
    double ecopy_right;        /* from the box's right side to the paper's right edge */
    double ecopy_top;          /* from the paper's top edge to the box, when a circulation note is there too */
    double circulation_center; /* ô 11: centre of its frame, as a fraction of the text width */

    /* address footer (ô 13) */
    double address_rule_gap;   /* from the rule above the footer to its first line */

    /* signature and seal images (ô 7c, 8) */
    double sign_image_w;       /* printed width of the signature image when the input gives none */
    double seal_diameter;      /* the seal's real size when the input gives none */
    double seal_overlap;       /* fraction of the signature image the seal covers, from its left */
    unsigned sign_image_color, seal_color; /* for drawings without an image: blue, red */

    /* tables */
    double cell_pad_x, cell_pad_y; /* room inside each cell */
    double table_border;       /* border thickness */
    double table_space;        /* space above and below a table */
    double table_min_size;     /* the smallest size a table too wide for its page steps down to
                                * (0: it keeps its size) */

    /* copies (Mẫu 3.1) */
    double copy_gap;           /* from the copied text's end to the full-width rule */

    /* Kính gửi (9a) */
    double kinh_gui_indent;   /* from the left text edge to “Kính gửi:” */

    /* signature and recipients (§2.8, §2.9) */
    double sign_left_w, sign_right_w; /* Nơi nhận column, signature column */
    double sign_gap_before;   /* body end to the first 7a line */
    double sign_space;        /* room for signature and seal between 7a and 7b */

    /* paragraphs and breaking */
    int widows, orphans;      /* minimum lines kept at a page's top / bottom */
    double space_stretch;     /* inter-word stretch, fraction of the space width */
    double space_shrink;      /* inter-word shrink, fraction of the space width */
    double line_penalty;      /* Knuth–Plass line penalty */
    double fitness_demerits;  /* Knuth–Plass: adjacent lines of very different tightness */
    double ragged_stretch;    /* centred titles: the slack counting as badness 100, fraction of the width */
    double hyphen_like_penalty; /* breaking inside a word wider than the line */

    /* words of several syllables that lines keep whole (lexicon.h); not
     * the layout file's: the engine sets it after loading, NULL: none */
    const struct vb_lexicon *lex;
} vb_style;

/* Name of a role as written in layout files ("quoc_hieu", "doan" …). */
const char *vb_role_name(vb_role r);
/* The role with that name, or -1. */
int vb_role_find(const char *name);

/* The face for a role's bold/italic combination, or for a span's flags. */
static inline vb_face_id vb_face_for(int bold, int italic)
{
    return (vb_face_id)((bold ? 1 : 0) + (italic ? 2 : 0));
}

/* Reads a layout file into *out (the caller frees it with vb_style_free).
 * Problems are reported into diag in compiler form (file:line:col) and give
 * VB_ERR_INPUT (*out NULL); a failed allocation gives VB_ERR_NOMEM, a disk
 * that fails VB_ERR_IO, each with a message. */
vb_err vb_style_load(const char *path, vb_style **out, vb_diag *diag);
/* Same, from memory (for tests and fuzzing). */
vb_err vb_style_load_mem(const char *data, size_t len, const char *name, vb_style **out, vb_diag *diag);
void vb_style_free(vb_style *s);

#endif

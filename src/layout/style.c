/* style.c - reads a layout file (layouts/<name>.xml, docs/layouts.md)
 * into a vb_style.
 *
 * The file is parsed into a flat list of elements, each with the line and
 * column of its '<' (style_xml.c), then checked against
 * the tables below. Every problem is reported (not only the first) in
 * compiler form; any error makes the load fail. A file may extend another
 * profile: the base is read first and this file's values are laid over it. */
#include "style.h"

#include <errno.h>
#include <libxml/parser.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "fmt.h"
#include "i18n.h"
#include "style_xml.h"

#define PT_PER_MM (72.0 / 25.4)
#define MAX_EXTENDS 8             /* levels of 'extends' above the file read */
#define MAX_FILE_BYTES (1u << 20) /* a layout file is a few kilobytes */

/* ---- roles --------------------------------------------------------------- */

static const char *const role_names[VB_ROLE_COUNT] = {
    [VB_ROLE_QUOC_HIEU] = "quoc_hieu",
    [VB_ROLE_TIEU_NGU] = "tieu_ngu",
    [VB_ROLE_CO_QUAN_CHU_QUAN] = "co_quan_chu_quan",
    [VB_ROLE_CO_QUAN] = "co_quan",
    [VB_ROLE_SO_KY_HIEU] = "so_ky_hieu",
    [VB_ROLE_DIA_DANH_NGAY] = "dia_danh_ngay",
    [VB_ROLE_TEN_LOAI] = "ten_loai",
    [VB_ROLE_TRICH_YEU] = "trich_yeu",
    [VB_ROLE_KINH_GUI] = "kinh_gui",
    [VB_ROLE_DOAN] = "doan",
    [VB_ROLE_PHAN] = "phan",
    [VB_ROLE_PHAN_TIEU_DE] = "phan_tieu_de",
    [VB_ROLE_CHUONG] = "chuong",
    [VB_ROLE_CHUONG_TIEU_DE] = "chuong_tieu_de",
    [VB_ROLE_MUC] = "muc",
    [VB_ROLE_MUC_CHUONG] = "muc_chuong",
    [VB_ROLE_MUC_TIEU_DE] = "muc_tieu_de",
    [VB_ROLE_TIEU_MUC] = "tieu_muc",
    [VB_ROLE_DIEU] = "dieu",
    [VB_ROLE_KHOAN_TIEU_DE] = "khoan_tieu_de",
    [VB_ROLE_THAM_QUYEN] = "tham_quyen",
    [VB_ROLE_HO_TEN] = "ho_ten",
    [VB_ROLE_NOI_NHAN] = "noi_nhan",
    [VB_ROLE_NOI_NHAN_DS] = "noi_nhan_ds",
    [VB_ROLE_SO_TRANG] = "so_trang",
    [VB_ROLE_VV] = "vv",
    [VB_ROLE_THAM_QUYEN_BAN_HANH] = "tham_quyen_ban_hanh",
    [VB_ROLE_CAN_CU] = "can_cu",
    [VB_ROLE_QUYET_DINH] = "quyet_dinh",
    [VB_ROLE_DO_MAT] = "do_mat",
    [VB_ROLE_DO_KHAN] = "do_khan",
    [VB_ROLE_CHI_DAN] = "chi_dan",
    [VB_ROLE_DIA_CHI] = "dia_chi",
    [VB_ROLE_CHU_KY_SO] = "chu_ky_so",
    [VB_ROLE_BANG] = "bang",
    [VB_ROLE_BANG_TIEU_DE] = "bang_tieu_de",
    [VB_ROLE_PHU_LUC] = "phu_luc",
    [VB_ROLE_PHU_LUC_TIEU_DE] = "phu_luc_tieu_de",
    [VB_ROLE_KEM_THEO] = "kem_theo",
    [VB_ROLE_BAN_SAO] = "ban_sao",
};

const char *vb_role_name(vb_role r)
{
    if ((unsigned)r >= VB_ROLE_COUNT)
        return "unknown";
    return role_names[r];
}

int vb_role_find(const char *name)
{
    if (!name)
        return -1;
    for (int i = 0; i < VB_ROLE_COUNT; i++)
        if (strcmp(role_names[i], name) == 0)
            return i;
    return -1;
}

/* ---- attribute tables ---------------------------------------------------- */

typedef enum kind {
    K_LENGTH, /* number + unit (mm, cm, pt, in), stored in points */
    K_SIZE,   /* font size: a number of points, "pt" optional */
    K_RATIO,  /* plain number, a fraction */
    K_NUMBER, /* plain number */
    K_COUNT,  /* whole number, stored as int */
    K_BOOL,   /* true | false, stored as int */
    K_ALIGN,  /* left | center | right | justify */
    K_COLOR,  /* #rrggbb, stored as unsigned 0xRRGGBB */
    K_TEXT    /* non-empty string, stored as a heap char * */
} kind;

typedef struct field {
    const char *attr;
    kind kind;
    size_t off;          /* in vb_style, or in vb_role_style for <style> */
    int req;             /* required in a file that extends nothing */
    double min, max;     /* allowed range, in `unit` */
    const char *unit;    /* "mm" or "pt" for lengths and sizes, "" otherwise */
    double dmin, dmax;   /* the decree's range in mm (a warning outside it); 0, 0: none */
} field;

#define S(m) offsetof(vb_style, m)
#define R(m) offsetof(vb_role_style, m)
#define N(a) (sizeof(a) / sizeof((a)[0]))

static const field page_fields[] = {
    {"width", K_LENGTH, S(page_w), 1, 50, 1000, "mm", 0, 0},
    {"height", K_LENGTH, S(page_h), 1, 50, 1000, "mm", 0, 0},
    {"top", K_LENGTH, S(margin_top), 1, 0, 100, "mm", 20, 25},
    {"bottom", K_LENGTH, S(margin_bottom), 1, 0, 100, "mm", 20, 25},
    {"left", K_LENGTH, S(margin_left), 1, 0, 100, "mm", 30, 35},
    {"right", K_LENGTH, S(margin_right), 1, 0, 100, "mm", 15, 20},
    {"header", K_LENGTH, S(header_distance), 1, 0, 100, "mm", 0, 0},
};

static const field fonts_fields[] = {
    {"regular", K_TEXT, S(font_file[VB_FACE_REGULAR]), 1, 0, 0, "", 0, 0},
    {"bold", K_TEXT, S(font_file[VB_FACE_BOLD]), 1, 0, 0, "", 0, 0},
    {"italic", K_TEXT, S(font_file[VB_FACE_ITALIC]), 1, 0, 0, "", 0, 0},
    {"bold-italic", K_TEXT, S(font_file[VB_FACE_BOLD_ITALIC]), 1, 0, 0, "", 0, 0},
    {"docx-family", K_TEXT, S(docx_family), 1, 0, 0, "", 0, 0},
};

static const field header_fields[] = {
    {"left", K_LENGTH, S(header_left_w), 1, 10, 300, "mm", 0, 0},
    {"right", K_LENGTH, S(header_right_w), 1, 10, 300, "mm", 0, 0},
    {"shift", K_LENGTH, S(header_shift), 1, 0, 100, "mm", 0, 0},
    {"rows-gap", K_LENGTH, S(header_rows_gap), 1, 0, 144, "pt", 0, 0},
    {"title-gap", K_LENGTH, S(title_gap), 1, 0, 144, "pt", 0, 0},
    {"rule-width", K_LENGTH, S(rule_width), 1, 0.1, 5, "pt", 0, 0},
    {"rule-gap", K_LENGTH, S(rule_gap), 1, 0, 72, "pt", 0, 0},
    {"agency-rule", K_RATIO, S(agency_rule_ratio), 1, 0, 1, "", 0, 0},
    {"motto-rule", K_RATIO, S(motto_rule_ratio), 1, 0, 1, "", 0, 0},
    {"summary-rule", K_RATIO, S(summary_rule_ratio), 1, 0, 1, "", 0, 0},
    {"after-title", K_LENGTH, S(after_title_gap), 1, 0, 144, "pt", 0, 0},
    {"vv-gap", K_LENGTH, S(vv_gap), 1, 0, 72, "pt", 0, 0},
};

static const field marks_fields[] = {
    {"khan", K_LENGTH, S(urgent_w[1]), 1, 5, 200, "mm", 0, 0},
    {"thuong-khan", K_LENGTH, S(urgent_w[2]), 1, 5, 200, "mm", 0, 0},
    {"hoa-toc", K_LENGTH, S(urgent_w[3]), 1, 5, 200, "mm", 0, 0},
    {"height", K_LENGTH, S(stamp_h), 1, 2, 50, "mm", 0, 0},
    {"frame-width", K_LENGTH, S(frame_width), 1, 0.1, 5, "pt", 0, 0},
    {"color", K_COLOR, S(urgent_color), 1, 0, 0, "", 0, 0},
    {"padding", K_LENGTH, S(stamp_pad), 1, 0, 50, "mm", 0, 0},
    {"gap", K_LENGTH, S(stamp_gap), 1, 0, 72, "pt", 0, 0},
    {"ecopy-width", K_LENGTH, S(ecopy_w), 1, 10, 200, "mm", 0, 0},
    {"ecopy-height", K_LENGTH, S(ecopy_h), 1, 2, 50, "mm", 0, 0},
    {"ecopy-right", K_LENGTH, S(ecopy_right), 1, 0, 100, "mm", 0, 0},
    {"ecopy-top", K_LENGTH, S(ecopy_top), 1, 0, 100, "mm", 0, 0},
    {"circulation-center", K_RATIO, S(circulation_center), 1, 0, 1, "", 0, 0},
    {"address-gap", K_LENGTH, S(address_rule_gap), 1, 0, 72, "pt", 0, 0},
    {"draft-size", K_SIZE, S(draft_size), 1, 6, 30, "pt", 0, 0},
    {"draft-frame", K_LENGTH, S(draft_frame), 1, 0.1, 5, "pt", 0, 0},
    {"draft-color", K_COLOR, S(draft_color), 1, 0, 0, "", 0, 0},
    {"draft-span", K_RATIO, S(draft_span), 1, 0.1, 1, "", 0, 0},
};

static const field images_fields[] = {
    {"signature-width", K_LENGTH, S(sign_image_w), 1, 5, 150, "mm", 0, 0},
    {"seal-diameter", K_LENGTH, S(seal_diameter), 1, 5, 100, "mm", 0, 0},
    {"seal-overlap", K_RATIO, S(seal_overlap), 1, 0, 1, "", 0, 0},
    {"signature-color", K_COLOR, S(sign_image_color), 1, 0, 0, "", 0, 0},
    {"seal-color", K_COLOR, S(seal_color), 1, 0, 0, "", 0, 0},
};

static const field tables_fields[] = {
    {"cell-padding-x", K_LENGTH, S(cell_pad_x), 1, 0, 20, "mm", 0, 0},
    {"cell-padding-y", K_LENGTH, S(cell_pad_y), 1, 0, 72, "pt", 0, 0},
    {"border", K_LENGTH, S(table_border), 1, 0.1, 5, "pt", 0, 0},
    {"space", K_LENGTH, S(table_space), 1, 0, 72, "pt", 0, 0},
    {"copy-gap", K_LENGTH, S(copy_gap), 1, 0, 144, "pt", 0, 0},
    {"min-size", K_SIZE, S(table_min_size), 0, 4, 72, "pt", 0, 0},
};

static const field recipients_fields[] = {
    {"kinh-gui-indent", K_LENGTH, S(kinh_gui_indent), 1, 0, 200, "mm", 0, 0},
};

static const field signature_fields[] = {
    {"left", K_LENGTH, S(sign_left_w), 1, 10, 300, "mm", 0, 0},
    {"right", K_LENGTH, S(sign_right_w), 1, 10, 300, "mm", 0, 0},
    {"gap-before", K_LENGTH, S(sign_gap_before), 1, 0, 144, "pt", 0, 0},
    {"space", K_LENGTH, S(sign_space), 1, 0, 100, "mm", 0, 0},
};

static const field paragraphs_fields[] = {
    {"widows", K_COUNT, S(widows), 1, 1, 10, "", 0, 0},
    {"orphans", K_COUNT, S(orphans), 1, 1, 10, "", 0, 0},
    {"space-stretch", K_RATIO, S(space_stretch), 1, 0, 4, "", 0, 0},
    {"space-shrink", K_RATIO, S(space_shrink), 1, 0, 1, "", 0, 0},
    {"line-penalty", K_NUMBER, S(line_penalty), 1, 0, 10000, "", 0, 0},
    {"fitness-demerits", K_NUMBER, S(fitness_demerits), 1, 0, 1000000, "", 0, 0},
    {"ragged-stretch", K_RATIO, S(ragged_stretch), 1, 0.01, 1, "", 0, 0},
    {"break-penalty", K_NUMBER, S(hyphen_like_penalty), 1, 0, 10000, "", 0, 0},
};

/* <style>: 'role' is handled apart; only 'size' has no default. */
static const field style_fields[] = {
    {"size", K_SIZE, R(size), 1, 4, 72, "pt", 0, 0},
    {"bold", K_BOOL, R(bold), 0, 0, 0, "", 0, 0},
    {"italic", K_BOOL, R(italic), 0, 0, 0, "", 0, 0},
    {"align", K_ALIGN, R(align), 0, 0, 0, "", 0, 0},
    {"first-indent", K_LENGTH, R(indent_first), 0, -100, 100, "mm", 0, 0},
    {"left-indent", K_LENGTH, R(indent_left), 0, 0, 100, "mm", 0, 0},
    {"right-indent", K_LENGTH, R(indent_right), 0, 0, 100, "mm", 0, 0},
    {"space-before", K_LENGTH, R(space_before), 0, 0, 144, "pt", 0, 0},
    {"space-after", K_LENGTH, R(space_after), 0, 0, 144, "pt", 0, 0},
    {"line-spacing", K_RATIO, R(line_spacing), 0, 0.8, 3, "", 0, 0},
    {"keep-with-next", K_BOOL, R(keep_with_next), 0, 0, 0, "", 0, 0},
};

typedef enum section {
    SEC_PAGE,
    SEC_FONTS,
    SEC_HEADER,
    SEC_RECIPIENTS,
    SEC_SIGNATURE,
    SEC_PARAGRAPHS,
    SEC_MARKS,
    SEC_IMAGES,
    SEC_TABLES,
    SEC_COUNT
} section;

typedef struct section_def {
    const char *name;
    const field *fields;
    size_t nfields;
} section_def;

static const section_def sections[SEC_COUNT] = {
    [SEC_PAGE] = {"page", page_fields, N(page_fields)},
    [SEC_FONTS] = {"fonts", fonts_fields, N(fonts_fields)},
    [SEC_HEADER] = {"header", header_fields, N(header_fields)},
    [SEC_RECIPIENTS] = {"recipients", recipients_fields, N(recipients_fields)},
    [SEC_SIGNATURE] = {"signature", signature_fields, N(signature_fields)},
    [SEC_PARAGRAPHS] = {"paragraphs", paragraphs_fields, N(paragraphs_fields)},
    [SEC_MARKS] = {"marks", marks_fields, N(marks_fields)},
    [SEC_IMAGES] = {"images", images_fields, N(images_fields)},
    [SEC_TABLES] = {"tables", tables_fields, N(tables_fields)},
};

static const vb_role_style style_defaults = {
    .size = 0, .bold = 0, .italic = 0, .align = VB_ALIGN_LEFT, .line_spacing = 1.0,
};

/* ---- values -------------------------------------------------------------- */

typedef struct lctx {
    vb_diag *diag;
    int nomem; /* an allocation failed: VB_ERR_NOMEM, not a fault of the file */
    const char *chain[MAX_EXTENDS + 1]; /* the files being read, outermost first */
    int depth;
} lctx;

/* Out of memory is said as such and remembered, so that the caller gets
 * VB_ERR_NOMEM rather than VB_ERR_INPUT. */
static void oom(lctx *L, vb_srcpos pos)
{
    L->nomem = 1;
    vb_diag_emit(L->diag, pos, VB_ERROR, "out of memory while reading the layout file");
}

static void trim(const char *s, const char **out, size_t *len)
{
    size_t n = strlen(s);
    while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    *out = s;
    *len = n;
}

static int is_ascii_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

enum { LEN_OK, LEN_BAD, LEN_NO_UNIT };

static int parse_length(const char *s, size_t n, double *pt)
{
    size_t k = n;
    while (k > 0 && is_ascii_alpha(s[k - 1]))
        k--;
    double v;
    if (!vb_parse_real(s, k, &v))
        return LEN_BAD;
    const char *u = s + k;
    size_t ul = n - k;
    if (ul == 0)
        return LEN_NO_UNIT;
    if (ul == 2 && memcmp(u, "mm", 2) == 0)
        *pt = v * PT_PER_MM;
    else if (ul == 2 && memcmp(u, "cm", 2) == 0)
        *pt = v * 10 * PT_PER_MM;
    else if (ul == 2 && memcmp(u, "pt", 2) == 0)
        *pt = v;
    else if (ul == 2 && memcmp(u, "in", 2) == 0)
        *pt = v * 72;
    else
        return LEN_BAD;
    return LEN_OK;
}

static double unit_scale(const char *unit)
{
    return strcmp(unit, "mm") == 0 ? PT_PER_MM : 1.0;
}

/* A small margin so that values written in another unit (2cm = 20mm) are not
 * refused for a rounding error. */
static int in_range(double v, double min, double max)
{
    double eps = 1e-9 * (1 + (max > 0 ? max : -max));
    return v >= min - eps && v <= max + eps;
}

static void range_error(lctx *L, const xelem *e, const char *label, const field *f, const char *raw)
{
    char lo[32], hi[32];
    vb_fmt_real(lo, f->min, 3);
    vb_fmt_real(hi, f->max, 3);
    vb_diag_emit(L->diag, e->pos, VB_ERROR, "%s: '%s' must be between %s and %s%s%s, not '%s'", label,
                 f->attr, lo, hi, *f->unit ? " " : "", f->unit, raw);
}

/* A length with its unit, in the field's range; a warning outside the decree's. */
static void set_length(lctx *L, const xelem *e, const char *label, const field *f, const char *raw,
                       const char *s, size_t n, void *slot)
{
    double v;
    int r = parse_length(s, n, &v);
    if (r == LEN_NO_UNIT) {
        vb_diag_emit(L->diag, e->pos, VB_ERROR, "%s: '%s' needs a unit (mm, cm, pt or in): '%s'", label,
                     f->attr, raw);
        return;
    }
    if (r != LEN_OK) {
        vb_diag_emit(L->diag, e->pos, VB_ERROR,
                     "%s: '%s' must be a length with a unit (mm, cm, pt or in), such as '20mm', not '%s'",
                     label, f->attr, raw);
        return;
    }
    double scale = unit_scale(f->unit);
    if (!in_range(v, f->min * scale, f->max * scale)) {
        range_error(L, e, label, f, raw);
        return;
    }
    *(double *)slot = v;
    if (f->dmin < f->dmax && !in_range(v, f->dmin * PT_PER_MM, f->dmax * PT_PER_MM)) {
        char lo[32], hi[32];
        vb_fmt_real(lo, f->dmin, 3);
        vb_fmt_real(hi, f->dmax, 3);
        vb_diag_emit(L->diag, e->pos, VB_WARNING,
                     "%s: '%s' is '%s', outside the decree's range of %s to %s mm", label, f->attr, raw, lo,
                     hi);
    }
}

/* A font size in points ("13" or "13pt"). */
static void set_size(lctx *L, const xelem *e, const char *label, const field *f, const char *raw,
                     const char *s, size_t n, void *slot)
{
    double v;
    if (n >= 2 && memcmp(s + n - 2, "pt", 2) == 0)
        n -= 2;
    if (!vb_parse_real(s, n, &v)) {
        vb_diag_emit(L->diag, e->pos, VB_ERROR, "%s: '%s' must be a number of points, not '%s'", label,
                     f->attr, raw);
        return;
    }
    if (!in_range(v, f->min, f->max)) {
        range_error(L, e, label, f, raw);
        return;
    }
    *(double *)slot = v;
}

/* A plain number, no unit (K_RATIO and K_NUMBER). */
static void set_number(lctx *L, const xelem *e, const char *label, const field *f, const char *raw,
                       const char *s, size_t n, void *slot)
{
    double v;
    if (!vb_parse_real(s, n, &v)) {
        vb_diag_emit(L->diag, e->pos, VB_ERROR, "%s: '%s' must be a plain number (no unit), not '%s'",
                     label, f->attr, raw);
        return;
    }
    if (!in_range(v, f->min, f->max)) {
        range_error(L, e, label, f, raw);
        return;
    }
    *(double *)slot = v;
}

/* A whole number. */
static void set_count(lctx *L, const xelem *e, const char *label, const field *f, const char *raw,
                      const char *s, size_t n, void *slot)
{
    long iv;
    if (!vb_parse_uint(s, n, &iv)) {
        vb_diag_emit(L->diag, e->pos, VB_ERROR, "%s: '%s' must be a whole number, not '%s'", label, f->attr,
                     raw);
        return;
    }
    if (!in_range((double)iv, f->min, f->max)) {
        range_error(L, e, label, f, raw);
        return;
    }
    *(int *)slot = (int)iv;
}

/* true or false. */
static void set_bool(lctx *L, const xelem *e, const char *label, const field *f, const char *raw,
                     const char *s, size_t n, void *slot)
{
    if (n == 4 && memcmp(s, "true", 4) == 0)
        *(int *)slot = 1;
    else if (n == 5 && memcmp(s, "false", 5) == 0)
        *(int *)slot = 0;
    else
        vb_diag_emit(L->diag, e->pos, VB_ERROR, "%s: '%s' must be true or false, not '%s'", label, f->attr,
                     raw);
}

/* left, center, right or justify. */
static void set_align(lctx *L, const xelem *e, const char *label, const field *f, const char *raw,
                      const char *s, size_t n, void *slot)
{
    static const char *const names[] = {"left", "center", "right", "justify"};
    static const vb_align values[] = {VB_ALIGN_LEFT, VB_ALIGN_CENTER, VB_ALIGN_RIGHT, VB_ALIGN_JUSTIFY};
    for (size_t i = 0; i < N(names); i++)
        if (strlen(names[i]) == n && memcmp(s, names[i], n) == 0) {
            *(vb_align *)slot = values[i];
            return;
        }
    vb_diag_emit(L->diag, e->pos, VB_ERROR, "%s: '%s' must be left, center, right or justify, not '%s'",
                 label, f->attr, raw);
}

/* A colour written #rrggbb. */
static void set_color(lctx *L, const xelem *e, const char *label, const field *f, const char *raw,
                      const char *s, size_t n, void *slot)
{
    unsigned c = 0;
    int ok = n == 7 && s[0] == '#';
    for (size_t i = 1; ok && i < 7; i++) {
        char ch = s[i];
        int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
        ok = d >= 0;
        c = c * 16 + (unsigned)(d < 0 ? 0 : d);
    }
    if (!ok) {
        vb_diag_emit(L->diag, e->pos, VB_ERROR, "%s: '%s' must be a colour written #rrggbb, not '%s'", label,
                     f->attr, raw);
        return;
    }
    *(unsigned *)slot = c;
}

/* Text that is not empty (a copy is stored, the old one freed). */
static void set_text(lctx *L, const xelem *e, const char *label, const field *f, const char *raw,
                     const char *s, size_t n, void *slot)
{
    (void)raw; /* the same signature as the other setters */
    if (n == 0) {
        vb_diag_emit(L->diag, e->pos, VB_ERROR, "%s: '%s' must not be empty", label, f->attr);
        return;
    }
    char *copy = strndup(s, n);
    if (!copy) {
        oom(L, e->pos);
        return;
    }
    char **p = slot;
    free(*p);
    *p = copy;
}

/* Checks one attribute value against its field and stores it into target. */
static void set_field(lctx *L, const xelem *e, const char *label, const field *f, const char *raw,
                      void *target)
{
    void *slot = (char *)target + f->off;
    const char *s;
    size_t n;
    trim(raw, &s, &n);
    switch (f->kind) {
    case K_LENGTH: set_length(L, e, label, f, raw, s, n, slot); return;
    case K_SIZE: set_size(L, e, label, f, raw, s, n, slot); return;
    case K_RATIO:
    case K_NUMBER: set_number(L, e, label, f, raw, s, n, slot); return;
    case K_COUNT: set_count(L, e, label, f, raw, s, n, slot); return;
    case K_BOOL: set_bool(L, e, label, f, raw, s, n, slot); return;
    case K_ALIGN: set_align(L, e, label, f, raw, s, n, slot); return;
    case K_COLOR: set_color(L, e, label, f, raw, s, n, slot); return;
    case K_TEXT: set_text(L, e, label, f, raw, s, n, slot); return;
    }
}

static const char *find_attr(const xelem *e, const char *name)
{
    for (size_t i = 0; i < e->nattrs; i++)
        if (strcmp(e->attrs[i].name, name) == 0)
            return e->attrs[i].value;
    return NULL;
}

static void unknown_attr(lctx *L, const xelem *e, const char *label, const char *attr, const char *skip,
                         const field *fs, size_t nfs)
{
    vb_buf known = VB_BUF_INIT;
    if (skip)
        vb_buf_puts(&known, skip);
    for (size_t i = 0; i < nfs; i++) {
        if (known.len)
            vb_buf_puts(&known, ", ");
        vb_buf_puts(&known, fs[i].attr);
    }
    vb_buf_putc(&known, 0);
    vb_diag_emit(L->diag, e->pos, VB_ERROR, "%s: unknown attribute '%s' (expected %s)", label, attr,
                 known.failed ? _("another name") : (const char *)known.data);
    vb_buf_free(&known);
}

/* Applies every attribute of e (but `skip`) to target; with `required`, the
 * fields marked req must all be present. */
static void apply_fields(lctx *L, const xelem *e, const char *label, const field *fs, size_t nfs,
                         const char *skip, int required, void *target)
{
    unsigned char seen[32] = {0};
    for (size_t i = 0; i < e->nattrs; i++) {
        const xattr *a = &e->attrs[i];
        if (skip && strcmp(a->name, skip) == 0)
            continue;
        size_t k = 0;
        while (k < nfs && strcmp(fs[k].attr, a->name) != 0)
            k++;
        if (k == nfs) {
            unknown_attr(L, e, label, a->name, skip, fs, nfs);
            continue;
        }
        seen[k] = 1;
        set_field(L, e, label, &fs[k], a->value, target);
    }
    if (!required)
        return;
    for (size_t k = 0; k < nfs; k++)
        if (fs[k].req && !seen[k])
            vb_diag_emit(L->diag, e->pos, VB_ERROR, "%s needs attribute '%s'", label, fs[k].attr);
}

/* ---- one file ------------------------------------------------------------ */

static vb_style *load_data(lctx *L, const char *data, size_t len, const char *file);

static int read_whole_file(const char *path, char **out, size_t *len, int *err)
{
    char *buf = NULL;
    size_t cap = 0, n = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        *err = errno;
        return -1;
    }
    for (;;) {
        if (n == cap) {
            if (cap >= MAX_FILE_BYTES + 1) {
                *err = EFBIG;
                goto fail;
            }
            cap = cap ? cap * 2 : 8192;
            char *nb = realloc(buf, cap + 1);
            if (!nb) {
                *err = ENOMEM;
                goto fail;
            }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                *err = errno ? errno : EIO;
                goto fail;
            }
            break;
        }
    }
    if (n > MAX_FILE_BYTES) {
        *err = EFBIG;
        goto fail;
    }
    fclose(f);
    buf[n] = 0;
    *out = buf;
    *len = n;
    return 0;
fail:
    fclose(f);
    free(buf);
    return -1;
}

static const char *read_error_text(int err)
{
    return err == EFBIG ? _("the file is larger than 1 MiB") : err == ENOMEM ? _("out of memory") : strerror(err);
}

/* A profile name: letters, digits, '-', '_', '.', not starting with '.', so
 * that 'extends' cannot leave the layouts directory. */
static int is_profile_name(const char *s)
{
    if (!*s || *s == '.' || strlen(s) > 64)
        return 0;
    for (; *s; s++)
        if (!is_ascii_alpha(*s) && !(*s >= '0' && *s <= '9') && *s != '-' && *s != '_' && *s != '.')
            return 0;
    return 1;
}

/* Reads the profile `name` that the file `file` extends: <dir of file>/<name>.xml. */
static vb_style *load_base(lctx *L, const xelem *root, const char *name, const char *file)
{
    vb_style *base = NULL;
    char *data = NULL;
    vb_buf path = VB_BUF_INIT;
    const char *slash = strrchr(file, '/');
    if (slash)
        vb_buf_append(&path, file, (size_t)(slash - file) + 1);
    vb_buf_printf(&path, "%s.xml", name);
    vb_buf_putc(&path, 0);
    if (path.failed) {
        oom(L, root->pos);
        goto fail;
    }
    const char *bpath = (const char *)path.data; /* lives until the end of this call */

    for (int i = 0; i < L->depth; i++) {
        if (strcmp(L->chain[i], bpath) != 0)
            continue;
        vb_buf cyc = VB_BUF_INIT;
        for (int k = i; k < L->depth; k++)
            vb_buf_printf(&cyc, "%s -> ", L->chain[k]);
        vb_buf_puts(&cyc, bpath);
        vb_buf_putc(&cyc, 0);
        vb_diag_emit(L->diag, root->pos, VB_ERROR, "<layout>: extends=\"%s\" makes a cycle: %s", name,
                     cyc.failed ? bpath : (const char *)cyc.data);
        vb_buf_free(&cyc);
        goto fail;
    }
    if (L->depth > MAX_EXTENDS) {
        vb_diag_emit(L->diag, root->pos, VB_ERROR, "<layout>: 'extends' goes more than %d levels deep",
                     MAX_EXTENDS);
        goto fail;
    }
    size_t len = 0;
    int err = 0;
    if (read_whole_file(bpath, &data, &len, &err) != 0) {
        L->nomem |= err == ENOMEM;
        vb_diag_emit(L->diag, root->pos, VB_ERROR, "<layout>: cannot read the base layout '%s' (%s): %s", name,
                     bpath, read_error_text(err));
        goto fail;
    }
    L->chain[L->depth++] = bpath;
    base = load_data(L, data, len, bpath);
    L->depth--;
    if (!base)
        vb_diag_emit(L->diag, root->pos, VB_NOTE, "<layout>: the base layout '%s' (%s) has errors", name, bpath);
fail:
    free(data);
    vb_buf_free(&path);
    return base;
}

static void check_root_attrs(lctx *L, const xelem *root, const char **name, const char **extends)
{
    *name = *extends = NULL;
    for (size_t i = 0; i < root->nattrs; i++) {
        const xattr *a = &root->attrs[i];
        if (strcmp(a->name, "name") == 0) {
            if (!is_profile_name(a->value))
                vb_diag_emit(L->diag, root->pos, VB_ERROR,
                             "<layout>: 'name' must be a profile name (letters, digits, '-', '_', '.'), not '%s'",
                             a->value);
            else
                *name = a->value;
        } else if (strcmp(a->name, "extends") == 0) {
            if (!is_profile_name(a->value))
                vb_diag_emit(L->diag, root->pos, VB_ERROR,
                             "<layout>: 'extends' must be a profile name (letters, digits, '-', '_', '.'), "
                             "not '%s'",
                             a->value);
            else
                *extends = a->value;
        } else if (strcmp(a->name, "version") == 0) {
            if (strcmp(a->value, "1") != 0)
                vb_diag_emit(L->diag, root->pos, VB_ERROR,
                             "<layout>: 'version' must be 1 (the only version this program reads), not '%s'",
                             a->value);
        } else {
            vb_diag_emit(L->diag, root->pos, VB_ERROR,
                         "<layout>: unknown attribute '%s' (expected name, version, extends)", a->name);
        }
    }
    if (!find_attr(root, "name"))
        vb_diag_emit(L->diag, root->pos, VB_ERROR, "<layout> needs attribute 'name'");
}

static void do_style(lctx *L, const xelem *e, vb_style *st, const xelem **role_seen, int has_base)
{
    char label[160];
    vb_role_style scratch = style_defaults;
    vb_role_style *target = &scratch;
    const char *role = find_attr(e, "role");
    if (!role) {
        snprintf(label, sizeof label, "<style>");
        vb_diag_emit(L->diag, e->pos, VB_ERROR, "<style> needs attribute 'role'");
    } else {
        snprintf(label, sizeof label, "<style role=\"%s\">", role);
        int r = vb_role_find(role);
        if (r < 0) {
            vb_diag_emit(L->diag, e->pos, VB_ERROR,
                         "<style>: unknown role '%s' (docs/layouts.md lists the roles)", role);
        } else if (role_seen[r]) {
            vb_diag_emit(L->diag, e->pos, VB_ERROR, "a second <style> for role '%s' (the first is at line %u)",
                         role, role_seen[r]->pos.line);
        } else {
            role_seen[r] = e;
            target = &st->role[r];
            if (!has_base)
                *target = style_defaults;
        }
    }
    /* A style that is dropped anyway need not be complete. */
    apply_fields(L, e, label, style_fields, N(style_fields), "role", !has_base && target != &scratch, target);
}

/* Checks that need the whole profile: run once the file has no errors. */
static void check_whole(lctx *L, const vb_style *st, const xelem *root, const xelem **sec_seen)
{
    char a[32], b[32];
    const xelem *pe = sec_seen[SEC_PAGE] ? sec_seen[SEC_PAGE] : root;
    double text_w = st->page_w - st->margin_left - st->margin_right;
    double text_h = st->page_h - st->margin_top - st->margin_bottom;
    if (text_w < 20 * PT_PER_MM)
        vb_diag_emit(L->diag, pe->pos, VB_ERROR,
                     "<page>: the left and right margins leave less than 20 mm for the text");
    if (text_h < 20 * PT_PER_MM)
        vb_diag_emit(L->diag, pe->pos, VB_ERROR,
                     "<page>: the top and bottom margins leave less than 20 mm for the text");
    if (text_w < 20 * PT_PER_MM || text_h < 20 * PT_PER_MM)
        return;

    const xelem *he = sec_seen[SEC_HEADER] ? sec_seen[SEC_HEADER] : root;
    if (st->header_shift > st->margin_left + 1e-6) {
        vb_fmt_real(a, st->header_shift / PT_PER_MM, 2);
        vb_fmt_real(b, st->margin_left / PT_PER_MM, 2);
        vb_diag_emit(L->diag, he->pos, VB_ERROR,
                     "<header>: 'shift' (%s mm) is larger than the left margin (%s mm)", a, b);
    }
    if (st->header_left_w + st->header_right_w > text_w + st->header_shift + 1e-6) {
        vb_fmt_real(a, (st->header_left_w + st->header_right_w) / PT_PER_MM, 2);
        vb_fmt_real(b, (text_w + st->header_shift) / PT_PER_MM, 2);
        vb_diag_emit(L->diag, he->pos, VB_WARNING,
                     "<header>: the two columns (%s mm) are wider than the text width plus 'shift' (%s mm); "
                     "they reach into the right margin",
                     a, b);
    }
    const xelem *se = sec_seen[SEC_SIGNATURE] ? sec_seen[SEC_SIGNATURE] : root;
    if (st->sign_left_w + st->sign_right_w > text_w + 1e-6) {
        vb_fmt_real(a, (st->sign_left_w + st->sign_right_w) / PT_PER_MM, 2);
        vb_fmt_real(b, text_w / PT_PER_MM, 2);
        vb_diag_emit(L->diag, se->pos, VB_WARNING,
                     "<signature>: the two columns (%s mm) are wider than the text (%s mm); they reach into "
                     "the right margin",
                     a, b);
    }
}

/* Collects the layout file's elements into x (its arena made here, freed by
 * the caller). 0, or -1 after an error (reported). */
static int collect_layout(lctx *L, xdoc *x, const char *data, size_t len, const char *file)
{
    x->arena = vb_arena_new();
    x->data = data;
    x->len = len;
    x->file = file;
    x->diag = L->diag;
    if (!x->arena) {
        oom(L, (vb_srcpos){file, 0, 0});
        return -1;
    }
    if (len == 0) {
        vb_diag_emit(L->diag, (vb_srcpos){file, 0, 0}, VB_ERROR, "the layout file is empty");
        return -1;
    }
    if (len > MAX_FILE_BYTES) {
        vb_diag_emit(L->diag, (vb_srcpos){file, 0, 0}, VB_ERROR, "the layout file is larger than 1 MiB");
        return -1;
    }
    int bad = vb_style_xml_collect(x);
    if (x->nomem)
        L->nomem = 1; /* xml_collect said so */
    if (bad || x->n == 0)
        return -1;
    const xelem *root = &x->v[0];
    if (strcmp(root->name, "layout") != 0 || root->uri) {
        vb_diag_emit(L->diag, root->pos, VB_ERROR, "the root element must be <layout>%s, not <%s>",
                     root->uri ? _(" with no namespace") : "", root->name);
        return -1;
    }
    return 0;
}

/* One section element (<page>, <fonts>, …) into st; a second one of a kind
 * is an error, its values still checked into a copy that is dropped. */
static void do_section(lctx *L, const xelem *e, vb_style *st, const xelem **sec_seen, int has_base)
{
    int s = 0;
    while (s < SEC_COUNT && strcmp(sections[s].name, e->name) != 0)
        s++;
    if (s == SEC_COUNT) {
        vb_diag_emit(L->diag, e->pos, VB_ERROR,
                     "unknown element <%s> (expected <page>, <fonts>, <header>, <recipients>, "
                     "<signature>, <paragraphs> or <style>)",
                     e->name);
        return;
    }
    char label[32];
    snprintf(label, sizeof label, "<%s>", sections[s].name);
    if (sec_seen[s]) {
        vb_diag_emit(L->diag, e->pos, VB_ERROR, "a second %s element (the first is at line %u)", label,
                     sec_seen[s]->pos.line);
        vb_style scratch = *st;
        for (int f = 0; f < VB_FACE_COUNT; f++)
            scratch.font_file[f] = NULL;
        scratch.docx_family = NULL;
        /* Its values are still checked, into a copy that is dropped. */
        apply_fields(L, e, label, sections[s].fields, sections[s].nfields, NULL, 0, &scratch);
        for (int f = 0; f < VB_FACE_COUNT; f++)
            free(scratch.font_file[f]);
        free(scratch.docx_family);
        return;
    }
    sec_seen[s] = e;
    apply_fields(L, e, label, sections[s].fields, sections[s].nfields, NULL, !has_base, st);
}

/* The children of <layout>: sections and styles into st; anything deeper
 * or in a namespace is an error. */
static void do_children(lctx *L, const xdoc *x, vb_style *st, const xelem **sec_seen, const xelem **role_seen,
                        int has_base)
{
    const xelem *parent = &x->v[0];
    for (size_t i = 1; i < x->n; i++) {
        const xelem *e = &x->v[i];
        if (e->depth >= 2) {
            if (e->depth == 2)
                vb_diag_emit(L->diag, e->pos, VB_ERROR,
                             "unknown element <%s> inside <%s> (it takes no child elements)", e->name,
                             parent->name);
            continue;
        }
        parent = e;
        if (e->uri) {
            vb_diag_emit(L->diag, e->pos, VB_ERROR,
                         "<%s> is in the namespace '%s'; layout elements take no namespace", e->name, e->uri);
            continue;
        }
        if (strcmp(e->name, "style") == 0)
            do_style(L, e, st, role_seen, has_base);
        else
            do_section(L, e, st, sec_seen, has_base);
    }
}

/* A profile that extends none must give every section and every role. */
static void check_complete(lctx *L, const xelem *root, const xelem **sec_seen, const xelem **role_seen)
{
    for (int s = 0; s < SEC_COUNT; s++)
        if (!sec_seen[s])
            vb_diag_emit(L->diag, root->pos, VB_ERROR, "<layout> needs a <%s> element", sections[s].name);
    for (int r = 0; r < VB_ROLE_COUNT; r++)
        if (!role_seen[r])
            vb_diag_emit(L->diag, root->pos, VB_ERROR, "no <style> for role '%s'", role_names[r]);
}

/* Reads one layout file (data, named `file` in diagnostics) and, first, the
 * profile it extends. NULL when this file or its base has errors. */
static vb_style *load_data(lctx *L, const char *data, size_t len, const char *file)
{
    vb_style *st = NULL;
    xdoc x;
    memset(&x, 0, sizeof x);
    size_t errors0 = vb_diag_errors(L->diag);
    if (collect_layout(L, &x, data, len, file))
        goto fail;

    const xelem *root = &x.v[0];
    const char *name, *extends;
    check_root_attrs(L, root, &name, &extends);
    int has_base = find_attr(root, "extends") != NULL;
    if (extends)
        st = load_base(L, root, extends, file);
    if (!st) {
        /* Without a usable base, the rest of the file is still checked. */
        st = calloc(1, sizeof *st);
        if (!st) {
            oom(L, root->pos);
            goto fail;
        }
    }

    const xelem *sec_seen[SEC_COUNT] = {0};
    const xelem *role_seen[VB_ROLE_COUNT] = {0};
    do_children(L, &x, st, sec_seen, role_seen, has_base);
    if (!has_base)
        check_complete(L, root, sec_seen, role_seen);
    if (vb_diag_errors(L->diag) > errors0)
        goto fail;
    check_whole(L, st, root, sec_seen);
    if (vb_diag_errors(L->diag) > errors0)
        goto fail;

    free(st->name);
    free(st->file);
    st->name = strdup(name);
    st->file = strdup(file);
    if (!st->name || !st->file) {
        oom(L, root->pos);
        goto fail;
    }
    vb_arena_free(x.arena);
    return st;
fail:
    vb_style_free(st);
    vb_arena_free(x.arena);
    return NULL;
}

/* ---- public -------------------------------------------------------------- */

vb_err vb_style_load_mem(const char *data, size_t len, const char *name, vb_style **out, vb_diag *diag)
{
    lctx L;
    memset(&L, 0, sizeof L);
    L.diag = diag;
    L.chain[L.depth++] = name ? name : "layout.xml";
    *out = load_data(&L, data ? data : "", data ? len : 0, L.chain[0]);
    return *out ? VB_OK : L.nomem ? VB_ERR_NOMEM : VB_ERR_INPUT;
}

vb_err vb_style_load(const char *path, vb_style **out, vb_diag *diag)
{
    *out = NULL;
    char *data = NULL;
    size_t len = 0;
    int err = 0;
    if (read_whole_file(path, &data, &len, &err) != 0) {
        vb_diag_emit(diag, (vb_srcpos){path, 0, 0}, VB_ERROR, "cannot read the layout file: %s",
                     read_error_text(err));
        /* a layout that is not there is the document's (or the option's)
         * mistake; a disk that fails is not */
        return err == ENOMEM ? VB_ERR_NOMEM : err == EIO ? VB_ERR_IO : VB_ERR_INPUT;
    }
    vb_err e = vb_style_load_mem(data, len, path, out, diag);
    free(data);
    return e;
}

void vb_style_free(vb_style *s)
{
    if (!s)
        return;
    free(s->name);
    free(s->file);
    for (int i = 0; i < VB_FACE_COUNT; i++)
        free(s->font_file[i]);
    free(s->docx_family);
    free(s);
}

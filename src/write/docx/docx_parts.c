/* docx_parts.c - the DOCX package's parts other than word/document.xml:
 * content types, relationships, styles, settings, font table, the page
 * number headers and the document properties.
 *
 * One function per XML element, named after it and placed in the order the
 * elements appear in their part (libxlsxwriter's habit). Everything goes
 * through libxml2's xmlTextWriter, which escapes text and attributes. */
#include "docx.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "zipw.h"

/* ---- writing XML ------------------------------------------------------------- */

vb_err vb_docx_xml_open(vb_docx_xml *x, const char *part)
{
    memset(x, 0, sizeof *x);
    x->part = part;
    x->buf = xmlBufferCreateSize(16384);
    if (!x->buf)
        return VB_ERR_NOMEM;
    x->w = xmlNewTextWriterMemory(x->buf, 0);
    if (!x->w) {
        xmlBufferFree(x->buf);
        x->buf = NULL;
        return VB_ERR_NOMEM;
    }
    if (xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", "yes") < 0)
        x->failed = 1;
    return VB_OK;
}

vb_err vb_docx_xml_close_into(vb_docx_xml *x, vb_zipw *z, vb_diag *diag)
{
    if (!x->failed && xmlTextWriterEndDocument(x->w) < 0)
        x->failed = 1;
    if (!x->failed && xmlTextWriterFlush(x->w) < 0)
        x->failed = 1;
    if (x->failed) {
        vb_diag_emit(diag, (vb_srcpos){0}, VB_ERROR, "writing %s: the XML writer failed", x->part);
        return VB_ERR_XML;
    }
    return vb_zipw_add(z, x->part, xmlBufferContent(x->buf), (size_t)xmlBufferLength(x->buf), diag);
}

void vb_docx_xml_free(vb_docx_xml *x)
{
    if (x->w)
        xmlFreeTextWriter(x->w);
    if (x->buf)
        xmlBufferFree(x->buf);
    x->w = NULL;
    x->buf = NULL;
}

void vb_docx_xml_start(vb_docx_xml *x, const char *name)
{
    if (xmlTextWriterStartElement(x->w, BAD_CAST name) < 0)
        x->failed = 1;
}

void vb_docx_xml_end(vb_docx_xml *x)
{
    if (xmlTextWriterEndElement(x->w) < 0)
        x->failed = 1;
}

void vb_docx_xml_attr(vb_docx_xml *x, const char *name, const char *value)
{
    if (xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST value) < 0)
        x->failed = 1;
}

void vb_docx_xml_attr_long(vb_docx_xml *x, const char *name, long v)
{
    char num[24];
    snprintf(num, sizeof num, "%ld", v);
    vb_docx_xml_attr(x, name, num);
}

void vb_docx_xml_empty(vb_docx_xml *x, const char *name, const char *a1, const char *v1, const char *a2, const char *v2)
{
    vb_docx_xml_start(x, name);
    if (a1)
        vb_docx_xml_attr(x, a1, v1);
    if (a2)
        vb_docx_xml_attr(x, a2, v2);
    vb_docx_xml_end(x);
}

void vb_docx_xml_val(vb_docx_xml *x, const char *name, const char *v)
{
    vb_docx_xml_empty(x, name, "w:val", v, NULL, NULL);
}

void vb_docx_xml_val_long(vb_docx_xml *x, const char *name, long v)
{
    char num[24];
    snprintf(num, sizeof num, "%ld", v);
    vb_docx_xml_val(x, name, num);
}

void vb_docx_xml_text(vb_docx_xml *x, const char *s, size_t len)
{
    /* xmlTextWriterWriteString wants a NUL-terminated string */
    char small[256];
    char *p = len < sizeof small ? small : malloc(len + 1);
    if (!p) {
        x->failed = 1;
        return;
    }
    memcpy(p, s, len);
    p[len] = 0;
    if (xmlTextWriterWriteString(x->w, BAD_CAST p) < 0)
        x->failed = 1;
    if (p != small)
        free(p);
}

/* ---- shared facts ------------------------------------------------------------ */

/* Style ids and the names Word and LibreOffice show for each role. */
static const struct {
    const char *id, *name;
} role_styles[VB_ROLE_COUNT] = {
    [VB_ROLE_QUOC_HIEU] = {"QuocHieu", "Quốc hiệu"},
    [VB_ROLE_TIEU_NGU] = {"TieuNgu", "Tiêu ngữ"},
    [VB_ROLE_CO_QUAN_CHU_QUAN] = {"CoQuanChuQuan", "Cơ quan chủ quản"},
    [VB_ROLE_CO_QUAN] = {"CoQuan", "Cơ quan ban hành"},
    [VB_ROLE_SO_KY_HIEU] = {"SoKyHieu", "Số, ký hiệu"},
    [VB_ROLE_DIA_DANH_NGAY] = {"DiaDanhNgay", "Địa danh, ngày tháng năm"},
    [VB_ROLE_TEN_LOAI] = {"TenLoai", "Tên loại văn bản"},
    [VB_ROLE_TRICH_YEU] = {"TrichYeu", "Trích yếu"},
    [VB_ROLE_KINH_GUI] = {"KinhGui", "Kính gửi"},
    [VB_ROLE_DOAN] = {"Doan", "Đoạn văn"},
    [VB_ROLE_PHAN] = {"Phan", "Phần"},
    [VB_ROLE_PHAN_TIEU_DE] = {"PhanTieuDe", "Tiêu đề phần"},
    [VB_ROLE_CHUONG] = {"Chuong", "Chương"},
    [VB_ROLE_CHUONG_TIEU_DE] = {"ChuongTieuDe", "Tiêu đề chương"},
    [VB_ROLE_MUC] = {"Muc", "Mục"},
    [VB_ROLE_MUC_CHUONG] = {"MucChuong", "Mục trong chương"},
    [VB_ROLE_MUC_TIEU_DE] = {"MucTieuDe", "Tiêu đề mục"},
    [VB_ROLE_TIEU_MUC] = {"TieuMuc", "Tiểu mục"},
    [VB_ROLE_DIEU] = {"Dieu", "Điều"},
    [VB_ROLE_KHOAN_TIEU_DE] = {"KhoanTieuDe", "Khoản có tiêu đề"},
    [VB_ROLE_THAM_QUYEN] = {"ThamQuyen", "Thẩm quyền, chức vụ người ký"},
    [VB_ROLE_HO_TEN] = {"HoTen", "Họ tên người ký"},
    [VB_ROLE_NOI_NHAN] = {"NoiNhan", "Nơi nhận"},
    [VB_ROLE_NOI_NHAN_DS] = {"NoiNhanDanhSach", "Danh sách nơi nhận"},
    [VB_ROLE_SO_TRANG] = {"SoTrang", "Số trang"},
    [VB_ROLE_VV] = {"VeViec", "Về việc (V/v)"},
    [VB_ROLE_THAM_QUYEN_BAN_HANH] = {"ThamQuyenBanHanh", "Thẩm quyền ban hành"},
    [VB_ROLE_CAN_CU] = {"CanCu", "Căn cứ"},
    [VB_ROLE_QUYET_DINH] = {"QuyetDinh", "Quyết định, quyết nghị"},
    [VB_ROLE_DO_MAT] = {"DoMat", "Độ mật"},
    [VB_ROLE_DO_KHAN] = {"DoKhan", "Độ khẩn"},
    [VB_ROLE_CHI_DAN] = {"ChiDan", "Chỉ dẫn về phạm vi lưu hành"},
    [VB_ROLE_DIA_CHI] = {"DiaChi", "Địa chỉ cơ quan"},
    [VB_ROLE_CHU_KY_SO] = {"ChuKySo", "Chữ ký số của bản sao"},
    [VB_ROLE_BANG] = {"Bang", "Bảng"},
    [VB_ROLE_BANG_TIEU_DE] = {"BangTieuDe", "Tiêu đề bảng"},
    [VB_ROLE_PHU_LUC] = {"PhuLuc", "Phụ lục"},
    [VB_ROLE_PHU_LUC_TIEU_DE] = {"PhuLucTieuDe", "Tiêu đề phụ lục"},
    [VB_ROLE_KEM_THEO] = {"KemTheo", "Kèm theo"},
    [VB_ROLE_BAN_SAO] = {"BanSao", "Bản sao"},
};

/* A role added to style.h but not to the table above still gets a style:
 * its layout name in CamelCase ("so_trang" -> "SoTrang"). */
static char generated_ids[VB_ROLE_COUNT][48];
static pthread_once_t generated_once = PTHREAD_ONCE_INIT;

static void generate_ids(void)
{
    for (int r = 0; r < VB_ROLE_COUNT; r++) {
        const char *n = vb_role_name((vb_role)r);
        size_t k = 0;
        int up = 1;
        for (; n && *n && k + 1 < sizeof generated_ids[r]; n++) {
            if (*n == '_') {
                up = 1;
                continue;
            }
            generated_ids[r][k++] = up && *n >= 'a' && *n <= 'z' ? (char)(*n - 'a' + 'A') : *n;
            up = 0;
        }
        generated_ids[r][k] = 0;
    }
}

const char *vb_docx_style_id(vb_role r)
{
    if ((unsigned)r >= VB_ROLE_COUNT)
        return "Normal";
    if (role_styles[r].id)
        return role_styles[r].id;
    pthread_once(&generated_once, generate_ids);
    return generated_ids[r];
}

static const char *style_name(vb_role r)
{
    return role_styles[r].name ? role_styles[r].name : vb_role_name(r);
}

long vb_docx_role_pitch(const vb_style *st, const vb_fontset *fs, vb_role r)
{
    const vb_role_style *rs = &st->role[r];
    const vb_face *f = &fs->face[vb_face_for(rs->bold, rs->italic)];
    return vb_docx_twips(vb_face_line_height(f, rs->size) * rs->line_spacing);
}

/* Headings of the body: Enter after one of them gives a body paragraph. */
static int is_body_heading(vb_role r)
{
    return r >= VB_ROLE_PHAN && r <= VB_ROLE_KHOAN_TIEU_DE;
}

/* ---- [Content_Types].xml ----------------------------------------------------- */

static void write_Default(vb_docx_xml *x, const char *ext, const char *type)
{
    vb_docx_xml_empty(x, "Default", "Extension", ext, "ContentType", type);
}

static void write_Override(vb_docx_xml *x, const char *part, const char *type)
{
    vb_docx_xml_empty(x, "Override", "PartName", part, "ContentType", type);
}

#define CT_WML "application/vnd.openxmlformats-officedocument.wordprocessingml."

void vb_docx_part_content_types(vb_docx_xml *x, int stamps, int footer, int png)
{
    vb_docx_xml_start(x, "Types");
    vb_docx_xml_attr(x, "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
    if (png)
        write_Default(x, "png", "image/png");
    write_Default(x, "rels", "application/vnd.openxmlformats-package.relationships+xml");
    write_Default(x, "xml", "application/xml");
    write_Override(x, "/word/document.xml", CT_WML "document.main+xml");
    write_Override(x, "/word/styles.xml", CT_WML "styles+xml");
    write_Override(x, "/word/settings.xml", CT_WML "settings+xml");
    write_Override(x, "/word/fontTable.xml", CT_WML "fontTable+xml");
    write_Override(x, "/word/header1.xml", CT_WML "header+xml");
    write_Override(x, "/word/header2.xml", CT_WML "header+xml");
    if (stamps)
        write_Override(x, "/word/header3.xml", CT_WML "header+xml");
    if (footer & VB_DOCX_FOOTER_ADDRESS)
        write_Override(x, "/word/footer1.xml", CT_WML "footer+xml");
    if (footer & VB_DOCX_FOOTER_EMPTY)
        write_Override(x, "/word/footer2.xml", CT_WML "footer+xml");
    write_Override(x, "/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
    write_Override(x, "/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml");
    vb_docx_xml_end(x);
}

/* ---- _rels/.rels and word/_rels/document.xml.rels ------------------------------ */

#define REL_OD "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static void write_Relationship(vb_docx_xml *x, const char *id, const char *type, const char *target)
{
    vb_docx_xml_start(x, "Relationship");
    vb_docx_xml_attr(x, "Id", id);
    vb_docx_xml_attr(x, "Type", type);
    vb_docx_xml_attr(x, "Target", target);
    vb_docx_xml_end(x);
}

static void write_Relationships_start(vb_docx_xml *x)
{
    vb_docx_xml_start(x, "Relationships");
    vb_docx_xml_attr(x, "xmlns", "http://schemas.openxmlformats.org/package/2006/relationships");
}

void vb_docx_part_package_rels(vb_docx_xml *x)
{
    write_Relationships_start(x);
    write_Relationship(x, "rId1", REL_OD "officeDocument", "word/document.xml");
    write_Relationship(x, "rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                       "docProps/core.xml");
    write_Relationship(x, "rId3", REL_OD "extended-properties", "docProps/app.xml");
    vb_docx_xml_end(x);
}

void vb_docx_part_document_rels(vb_docx_xml *x, int stamps, int footer, size_t n_images)
{
    write_Relationships_start(x);
    write_Relationship(x, "rId1", REL_OD "styles", "styles.xml");
    write_Relationship(x, "rId2", REL_OD "settings", "settings.xml");
    write_Relationship(x, "rId3", REL_OD "fontTable", "fontTable.xml");
    write_Relationship(x, VB_DOCX_REL_HEADER, REL_OD "header", "header1.xml");
    write_Relationship(x, VB_DOCX_REL_HEADER_FIRST, REL_OD "header", "header2.xml");
    if (footer & VB_DOCX_FOOTER_ADDRESS)
        write_Relationship(x, VB_DOCX_REL_FOOTER, REL_OD "footer", "footer1.xml");
    if (footer & VB_DOCX_FOOTER_EMPTY)
        write_Relationship(x, VB_DOCX_REL_FOOTER_EMPTY, REL_OD "footer", "footer2.xml");
    if (stamps)
        write_Relationship(x, VB_DOCX_REL_HEADER_EMPTY, REL_OD "header", "header3.xml");
    for (size_t i = 0; i < n_images; i++) {
        char id[32], target[48];
        snprintf(id, sizeof id, "rIdImg%zu", i + 1);
        snprintf(target, sizeof target, "media/image%zu.png", i + 1);
        write_Relationship(x, id, REL_OD "image", target);
    }
    vb_docx_xml_end(x);
}

/* ---- word/styles.xml --------------------------------------------------------- */

static void write_w_rFonts(vb_docx_xml *x, const char *family)
{
    vb_docx_xml_start(x, "w:rFonts");
    vb_docx_xml_attr(x, "w:ascii", family);
    vb_docx_xml_attr(x, "w:eastAsia", family);
    vb_docx_xml_attr(x, "w:hAnsi", family);
    vb_docx_xml_attr(x, "w:cs", family);
    vb_docx_xml_end(x);
}

static void write_w_sz(vb_docx_xml *x, double size)
{
    /* half-points */
    vb_docx_xml_val_long(x, "w:sz", vb_docx_twips(size) / 10);
    vb_docx_xml_val_long(x, "w:szCs", vb_docx_twips(size) / 10);
}

static void write_w_lang(vb_docx_xml *x)
{
    vb_docx_xml_start(x, "w:lang");
    vb_docx_xml_attr(x, "w:val", "vi-VN");
    vb_docx_xml_attr(x, "w:eastAsia", "vi-VN");
    vb_docx_xml_attr(x, "w:bidi", "ar-SA");
    vb_docx_xml_end(x);
}

static void write_w_rPrDefault(vb_docx_xml *x, const vb_style *st)
{
    vb_docx_xml_start(x, "w:rPrDefault");
    vb_docx_xml_start(x, "w:rPr");
    write_w_rFonts(x, st->docx_family ? st->docx_family : "Times New Roman");
    write_w_sz(x, st->role[VB_ROLE_DOAN].size);
    write_w_lang(x);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
}

static void write_w_pPrDefault(vb_docx_xml *x, const vb_pages *P)
{
    vb_docx_xml_start(x, "w:pPrDefault");
    vb_docx_xml_start(x, "w:pPr");
    /* Word can only keep two lines (or none) at a page's bottom and top:
     * layout's widows and orphans */
    if (P && (P->widows > 1 || P->orphans > 1))
        vb_docx_xml_empty(x, "w:widowControl", NULL, NULL, NULL, NULL);
    else
        vb_docx_xml_val(x, "w:widowControl", "0");
    vb_docx_xml_empty(x, "w:spacing", "w:after", "0", "w:line", "240");
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
}

static void write_w_docDefaults(vb_docx_xml *x, const vb_pages *P, const vb_style *st)
{
    vb_docx_xml_start(x, "w:docDefaults");
    write_w_rPrDefault(x, st);
    write_w_pPrDefault(x, P);
    vb_docx_xml_end(x);
}

static void write_w_style_start(vb_docx_xml *x, const char *type, const char *id, const char *name, int is_default)
{
    vb_docx_xml_start(x, "w:style");
    vb_docx_xml_attr(x, "w:type", type);
    if (is_default)
        vb_docx_xml_attr(x, "w:default", "1");
    vb_docx_xml_attr(x, "w:styleId", id);
    vb_docx_xml_val(x, "w:name", name);
}

static void write_w_style_normal(vb_docx_xml *x)
{
    write_w_style_start(x, "paragraph", "Normal", "Normal", 1);
    vb_docx_xml_empty(x, "w:qFormat", NULL, NULL, NULL, NULL);
    vb_docx_xml_end(x);
}

static void write_w_style_default_font(vb_docx_xml *x)
{
    write_w_style_start(x, "character", "DefaultParagraphFont", "Default Paragraph Font", 1);
    vb_docx_xml_val(x, "w:uiPriority", "1");
    vb_docx_xml_empty(x, "w:semiHidden", NULL, NULL, NULL, NULL);
    vb_docx_xml_empty(x, "w:unhideWhenUsed", NULL, NULL, NULL, NULL);
    vb_docx_xml_end(x);
}

static void write_w_tblCellMar(vb_docx_xml *x)
{
    static const char *const sides[] = {"w:top", "w:left", "w:bottom", "w:right"};
    vb_docx_xml_start(x, "w:tblCellMar");
    for (int i = 0; i < 4; i++)
        vb_docx_xml_empty(x, sides[i], "w:w", "0", "w:type", "dxa");
    vb_docx_xml_end(x);
}

static void write_w_tblBorders(vb_docx_xml *x)
{
    static const char *const sides[] = {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"};
    vb_docx_xml_start(x, "w:tblBorders");
    for (int i = 0; i < 6; i++)
        vb_docx_xml_val(x, sides[i], "nil");
    vb_docx_xml_end(x);
}

static void write_w_style_table_normal(vb_docx_xml *x)
{
    write_w_style_start(x, "table", "TableNormal", "Normal Table", 1);
    vb_docx_xml_val(x, "w:uiPriority", "99");
    vb_docx_xml_empty(x, "w:semiHidden", NULL, NULL, NULL, NULL);
    vb_docx_xml_empty(x, "w:unhideWhenUsed", NULL, NULL, NULL, NULL);
    vb_docx_xml_start(x, "w:tblPr");
    vb_docx_xml_empty(x, "w:tblInd", "w:w", "0", "w:type", "dxa");
    write_w_tblCellMar(x);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
}

/* The borderless blocks: header (ô 1–4) and signature (ô 7–9b). */
static void write_w_style_frame_table(vb_docx_xml *x)
{
    write_w_style_start(x, "table", VB_DOCX_STYLE_TABLE, "Khung trình bày", 0);
    vb_docx_xml_val(x, "w:basedOn", "TableNormal");
    vb_docx_xml_start(x, "w:tblPr");
    write_w_tblBorders(x);
    write_w_tblCellMar(x);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
}

const char *vb_docx_jc_name(vb_align a)
{
    switch (a) {
    case VB_ALIGN_CENTER: return "center";
    case VB_ALIGN_RIGHT: return "right";
    case VB_ALIGN_JUSTIFY: return "both";
    case VB_ALIGN_LEFT: break;
    }
    return "left";
}

void vb_docx_write_w_ind(vb_docx_xml *x, long left, long right, long first)
{
    vb_docx_xml_start(x, "w:ind");
    vb_docx_xml_attr_long(x, "w:left", left);
    vb_docx_xml_attr_long(x, "w:right", right);
    if (first >= 0)
        vb_docx_xml_attr_long(x, "w:firstLine", first);
    else
        vb_docx_xml_attr_long(x, "w:hanging", -first);
    vb_docx_xml_end(x);
}

void vb_docx_write_w_spacing(vb_docx_xml *x, long before, long after, long line)
{
    vb_docx_xml_start(x, "w:spacing");
    if (before >= 0)
        vb_docx_xml_attr_long(x, "w:before", before);
    if (after >= 0)
        vb_docx_xml_attr_long(x, "w:after", after);
    if (line > 0) {
        vb_docx_xml_attr_long(x, "w:line", line);
        vb_docx_xml_attr(x, "w:lineRule", "exact");
    }
    vb_docx_xml_end(x);
}

static void write_w_pPr_role(vb_docx_xml *x, const vb_style *st, const vb_fontset *fs, vb_role r)
{
    const vb_role_style *rs = &st->role[r];
    vb_docx_xml_start(x, "w:pPr");
    if (rs->keep_with_next) {
        vb_docx_xml_empty(x, "w:keepNext", NULL, NULL, NULL, NULL);
        vb_docx_xml_empty(x, "w:keepLines", NULL, NULL, NULL, NULL);
    }
    vb_docx_write_w_spacing(x, vb_docx_twips(rs->space_before), vb_docx_twips(rs->space_after),
                            vb_docx_role_pitch(st, fs, r));
    if (rs->indent_left || rs->indent_right || rs->indent_first)
        vb_docx_write_w_ind(x, vb_docx_twips(rs->indent_left), vb_docx_twips(rs->indent_right),
                            vb_docx_twips(rs->indent_first));
    vb_docx_xml_val(x, "w:jc", vb_docx_jc_name(rs->align));
    vb_docx_xml_end(x);
}

static void write_w_rPr_role(vb_docx_xml *x, const vb_role_style *rs)
{
    vb_docx_xml_start(x, "w:rPr");
    if (rs->bold) {
        vb_docx_xml_empty(x, "w:b", NULL, NULL, NULL, NULL);
        vb_docx_xml_empty(x, "w:bCs", NULL, NULL, NULL, NULL);
    }
    if (rs->italic) {
        vb_docx_xml_empty(x, "w:i", NULL, NULL, NULL, NULL);
        vb_docx_xml_empty(x, "w:iCs", NULL, NULL, NULL, NULL);
    }
    write_w_sz(x, rs->size);
    vb_docx_xml_end(x);
}

static void write_w_style_role(vb_docx_xml *x, const vb_style *st, const vb_fontset *fs, vb_role r)
{
    write_w_style_start(x, "paragraph", vb_docx_style_id(r), style_name(r), 0);
    vb_docx_xml_val(x, "w:basedOn", "Normal");
    vb_docx_xml_val(x, "w:next", vb_docx_style_id(is_body_heading(r) ? VB_ROLE_DOAN : r));
    vb_docx_xml_empty(x, "w:qFormat", NULL, NULL, NULL, NULL);
    write_w_pPr_role(x, st, fs, r);
    write_w_rPr_role(x, &st->role[r]);
    vb_docx_xml_end(x);
}

/* The empty paragraphs whose bottom border draws a rule: tiny text, so the
 * paragraph mark never makes the line taller. */
static void write_w_style_rule(vb_docx_xml *x)
{
    write_w_style_start(x, "paragraph", VB_DOCX_STYLE_RULE, "Đường kẻ", 0);
    vb_docx_xml_val(x, "w:basedOn", "Normal");
    vb_docx_xml_start(x, "w:pPr");
    vb_docx_xml_val(x, "w:jc", "left");
    vb_docx_xml_end(x);
    vb_docx_xml_start(x, "w:rPr");
    write_w_sz(x, 1);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
}

/* The named styles' look (fonts, sizes, indents, spacing of each role)
 * comes from the profile, vb_style: a style is what a clerk edits the
 * document with, not a layout decision; pagination comes from P. */
void vb_docx_part_styles(vb_docx_xml *x, const vb_pages *P, const vb_style *st, const vb_fontset *fs)
{
    vb_docx_xml_start(x, "w:styles");
    vb_docx_xml_attr(x, "xmlns:w", VB_NS_W);
    write_w_docDefaults(x, P, st);
    write_w_style_normal(x);
    write_w_style_default_font(x);
    write_w_style_table_normal(x);
    write_w_style_frame_table(x);
    for (int r = 0; r < VB_ROLE_COUNT; r++)
        write_w_style_role(x, st, fs, (vb_role)r);
    write_w_style_rule(x);
    vb_docx_xml_end(x);
}

/* ---- word/settings.xml ------------------------------------------------------- */

static void write_w_compatSetting(vb_docx_xml *x, const char *name, const char *val)
{
    vb_docx_xml_start(x, "w:compatSetting");
    vb_docx_xml_attr(x, "w:name", name);
    vb_docx_xml_attr(x, "w:uri", "http://schemas.microsoft.com/office/word");
    vb_docx_xml_attr(x, "w:val", val);
    vb_docx_xml_end(x);
}

static void write_w_compat(vb_docx_xml *x)
{
    vb_docx_xml_start(x, "w:compat");
    /* Space after one paragraph and space before the next add up, as in
     * our PDF; without this Word and LibreOffice keep only the larger. */
    vb_docx_xml_empty(x, "w:doNotUseHTMLParagraphAutoSpacing", NULL, NULL, NULL, NULL);
    write_w_compatSetting(x, "compatibilityMode", "15");
    vb_docx_xml_end(x);
}

void vb_docx_part_settings(vb_docx_xml *x, const vb_style *st)
{
    vb_docx_xml_start(x, "w:settings");
    vb_docx_xml_attr(x, "xmlns:w", VB_NS_W);
    vb_docx_xml_empty(x, "w:zoom", "w:percent", "100", NULL, NULL);
    /* tab stops every 1 cm, the body style's first-line indent (a named
     * style's look, read from the profile as styles.xml reads it) */
    vb_docx_xml_val_long(x, "w:defaultTabStop", vb_docx_twips(st->role[VB_ROLE_DOAN].indent_first > 0
                                                             ? st->role[VB_ROLE_DOAN].indent_first
                                                             : 72 / 2.54));
    vb_docx_xml_val(x, "w:characterSpacingControl", "doNotCompress");
    write_w_compat(x);
    vb_docx_xml_val(x, "w:themeFontLang", "vi-VN");
    vb_docx_xml_val(x, "w:decimalSymbol", ",");
    vb_docx_xml_val(x, "w:listSeparator", ";");
    vb_docx_xml_end(x);
}

/* ---- word/fontTable.xml ------------------------------------------------------ */

static void write_w_font(vb_docx_xml *x, const char *family)
{
    vb_docx_xml_start(x, "w:font");
    vb_docx_xml_attr(x, "w:name", family);
    if (!strcmp(family, "Times New Roman"))
        vb_docx_xml_val(x, "w:panose1", "02020603050405020304");
    vb_docx_xml_val(x, "w:charset", "00");
    vb_docx_xml_val(x, "w:family", "roman");
    vb_docx_xml_val(x, "w:pitch", "variable");
    vb_docx_xml_end(x);
}

void vb_docx_part_font_table(vb_docx_xml *x, const vb_style *st)
{
    vb_docx_xml_start(x, "w:fonts");
    vb_docx_xml_attr(x, "xmlns:w", VB_NS_W);
    write_w_font(x, st->docx_family ? st->docx_family : "Times New Roman");
    vb_docx_xml_end(x);
}

/* ---- word/header1.xml, word/header2.xml -------------------------------------- */

static void write_w_fldChar(vb_docx_xml *x, const char *type)
{
    vb_docx_xml_start(x, "w:r");
    vb_docx_xml_empty(x, "w:fldChar", "w:fldCharType", type, NULL, NULL);
    vb_docx_xml_end(x);
}

static void write_w_instrText(vb_docx_xml *x, const char *instr)
{
    vb_docx_xml_start(x, "w:r");
    vb_docx_xml_start(x, "w:instrText");
    vb_docx_xml_attr(x, "xml:space", "preserve");
    vb_docx_xml_text(x, instr, strlen(instr));
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
}

static void write_w_hdr_p(vb_docx_xml *x, const vb_pages *pages, const vb_style *st)
{
    vb_docx_xml_start(x, "w:p");
    vb_docx_xml_start(x, "w:pPr");
    vb_docx_xml_val(x, "w:pStyle", vb_docx_style_id(VB_ROLE_SO_TRANG));
    vb_docx_xml_end(x);
    vb_docx_write_watermark(x, pages, st->docx_family);
    /* a complex field: Word and LibreOffice both recompute it on every page */
    write_w_fldChar(x, "begin");
    write_w_instrText(x, " PAGE ");
    write_w_fldChar(x, "separate");
    vb_docx_xml_start(x, "w:r");
    vb_docx_xml_start(x, "w:t");
    vb_docx_xml_text(x, "2", 1);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
    write_w_fldChar(x, "end");
    vb_docx_xml_end(x);
}

void vb_docx_part_header(vb_docx_xml *x, const vb_pages *pages, const vb_style *st)
{
    vb_docx_xml_start(x, "w:hdr");
    vb_docx_xml_attr(x, "xmlns:w", VB_NS_W);
    vb_docx_xml_attr(x, "xmlns:r", VB_NS_R);
    vb_docx_draft_ns(x, pages);
    write_w_hdr_p(x, pages, st);
    vb_docx_xml_end(x);
}

/* ---- docProps/core.xml ------------------------------------------------------- */

static void write_dc(vb_docx_xml *x, const char *name, const char *value)
{
    if (!value)
        return;
    vb_docx_xml_start(x, name);
    vb_docx_xml_text(x, value, strlen(value));
    vb_docx_xml_end(x);
}

/* W3CDTF in UTC, as Word writes it: "2023-07-04T17:00:00Z". */
static void w3cdtf(const vb_props *info, char out[64])
{
    /* days from civil (Howard Hinnant's algorithm), then back, to move the
     * local time to UTC without the C library's time zone */
    long y = info->year, m = info->month, d = info->day;
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long days = era * 146097 + doe - 719468;
    long secs = days * 86400L + info->hour * 3600L + info->minute * 60L + info->second - info->tz_minutes * 60L;
    long dd = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    long rem = secs - dd * 86400;
    dd += 719468;
    era = (dd >= 0 ? dd : dd - 146096) / 146097;
    doe = dd - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    snprintf(out, 64, "%04d-%02d-%02dT%02d:%02d:%02dZ", (int)(y % 10000), (int)(m % 100), (int)(d % 100),
             (int)(rem / 3600 % 100), (int)(rem / 60 % 60), (int)(rem % 60));
}

static void write_dcterms(vb_docx_xml *x, const char *name, const char *when)
{
    vb_docx_xml_start(x, name);
    vb_docx_xml_attr(x, "xsi:type", "dcterms:W3CDTF");
    vb_docx_xml_text(x, when, strlen(when));
    vb_docx_xml_end(x);
}

void vb_docx_part_core(vb_docx_xml *x, const vb_props *info)
{
    char when[64];
    w3cdtf(info, when);
    vb_docx_xml_start(x, "cp:coreProperties");
    vb_docx_xml_attr(x, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
    vb_docx_xml_attr(x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
    vb_docx_xml_attr(x, "xmlns:dcterms", "http://purl.org/dc/terms/");
    vb_docx_xml_attr(x, "xmlns:dcmitype", "http://purl.org/dc/dcmitype/");
    vb_docx_xml_attr(x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    write_dc(x, "dc:title", info->title);
    write_dc(x, "dc:subject", info->subject);
    write_dc(x, "dc:creator", info->author);
    write_dc(x, "cp:keywords", info->keywords);
    write_dcterms(x, "dcterms:created", when);
    write_dcterms(x, "dcterms:modified", when);
    vb_docx_xml_end(x);
}

/* ---- docProps/app.xml -------------------------------------------------------- */

void vb_docx_part_app(vb_docx_xml *x, const vb_props *info)
{
    vb_docx_xml_start(x, "Properties");
    vb_docx_xml_attr(x, "xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
    vb_docx_xml_attr(x, "xmlns:vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes");
    write_dc(x, "Application", info->creator);
    write_dc(x, "DocSecurity", "0");
    vb_docx_xml_end(x);
}

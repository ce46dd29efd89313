/* docx.h - the DOCX backend: the document model and the layout data as an
 * OOXML package that Word and LibreOffice open, edit and print.
 *
 * Word and LibreOffice lay the text out again, so this backend reads the
 * model (model.h, blocks.h, derive.h) for the structure (named styles,
 * real paragraphs a clerk edits) and layout's records in the page model
 * (page.h) for every decision: where each line broke, each rule's length,
 * the frames, the signers' stacks and pictures. It never shapes text or
 * breaks lines. It mirrors the PDF's geometry: the same page setup, the
 * header and signature blocks as borderless fixed-width tables, every line
 * at the PDF's exact pitch, centred titles broken where layout broke them,
 * flowing paragraphs held to layout's lines by no-break spaces, rules as
 * long as layout drew them, tables with the PDF's columns, a section of
 * their own for landscape tables and for each appendix, pictures where
 * the PDF draws them, and the same keep-together rules for pagination.
 * The files: docx.c (flow, sections, package), docx_para.c, docx_table.c,
 * docx_header.c, docx_sign.c, docx_parts.c (the fixed parts), zipw.c.
 *
 * Parts, in this order in the package: [Content_Types].xml, _rels/.rels,
 * word/document.xml, word/_rels/document.xml.rels, word/styles.xml,
 * word/settings.xml, word/fontTable.xml, word/header1.xml (page numbers),
 * word/header2.xml (the header of page 1: no number; the stamps of ô 11
 * and 14), with such stamps word/header3.xml (an appendix's first page),
 * with an address footer (ô 13) word/footer1.xml
 * and, with appendices too, word/footer2.xml (empty, for an appendix's
 * first page), the
 * pictures word/media/image<n>.png, docProps/core.xml, docProps/app.xml. */
#ifndef VB_DOCX_H
#define VB_DOCX_H

#include <libxml/xmlwriter.h>

#include "buf.h"
#include "diag.h"
#include "err.h"
#include "font.h"
#include "model.h"
#include "page.h"
#include "props.h"
#include "style.h"

/* What every DOCX of one layout and fontset holds the same: word/styles.xml
 * (a sixth of the writer's time), made by the first document and kept for
 * the next. The caller keeps one per (layout, fontset) pair: the engine, per
 * layout. Thread-safe. NULL when out of memory. */
typedef struct vb_docx_cache vb_docx_cache;
vb_docx_cache *vb_docx_cache_new(void);
void vb_docx_cache_free(vb_docx_cache *c);

/* Writes the document as a complete DOCX package into out (appended). The
 * same input always gives the same bytes, with or without cache (st's and
 * fs's, or NULL). Returns VB_OK; VB_ERR_IMAGE when
 * a signature or seal picture cannot be read or is not a sound PNG; or
 * VB_ERR_NOMEM, VB_ERR_XML or VB_ERR_ZIP with a message in diag naming the
 * part (no partial file is meant to be kept). */
vb_err vb_docx_write(const vb_doc *doc, const vb_pages *pages, const vb_style *st, const vb_fontset *fs,
                     vb_docx_cache *cache, const vb_props *info, vb_buf *out, vb_diag *diag);

/* ---- shared by docx.c and docx_parts.c ---------------------------------- */

/* Namespaces of the parts. */
#define VB_NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define VB_NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* The style id of a role in word/styles.xml ("QuocHieu", "Doan" …). */
const char *vb_docx_style_id(vb_role r);
/* Style id of the empty paragraphs that carry the rules. */
#define VB_DOCX_STYLE_RULE "DuongKe"

/* Points to twentieths of a point (twips), rounded. */
static inline long vb_docx_twips(double pt)
{
    double t = pt * 20.0;
    return (long)(t < 0 ? t - 0.5 : t + 0.5);
}

/* The exact line pitch of a role in twips: the PDF's pitch
 * (vb_face_line_height × line_spacing). */
long vb_docx_role_pitch(const vb_style *st, const vb_fontset *fs, vb_role r);

/* A part under construction: an xmlTextWriter on a memory buffer. */
typedef struct vb_docx_xml {
    xmlBufferPtr buf;
    xmlTextWriterPtr w;
    const char *part; /* "word/document.xml", for messages */
    int failed;       /* a writer call failed */
} vb_docx_xml;

/* Opens a writer and writes the XML declaration (standalone="yes").
 * Returns VB_OK, or VB_ERR_NOMEM. */
vb_err vb_docx_xml_open(vb_docx_xml *x, const char *part);
/* Ends the document and adds the part to the package. Returns VB_OK, or
 * VB_ERR_XML / VB_ERR_ZIP / VB_ERR_NOMEM with a message naming the part. */
struct vb_zipw;
vb_err vb_docx_xml_close_into(vb_docx_xml *x, struct vb_zipw *z, vb_diag *diag);
/* Frees the writer and its buffer (safe after vb_docx_xml_close_into, and on a
 * zeroed vb_docx_xml). */
void vb_docx_xml_free(vb_docx_xml *x);

/* Element and attribute helpers; each records failure in x->failed. */
void vb_docx_xml_start(vb_docx_xml *x, const char *name);
void vb_docx_xml_end(vb_docx_xml *x);
void vb_docx_xml_attr(vb_docx_xml *x, const char *name, const char *value);
void vb_docx_xml_attr_long(vb_docx_xml *x, const char *name, long v);
/* An empty element with up to two attributes (NULL names are left out). */
void vb_docx_xml_empty(vb_docx_xml *x, const char *name, const char *a1, const char *v1, const char *a2, const char *v2);
/* <name w:val="v"/> */
void vb_docx_xml_val(vb_docx_xml *x, const char *name, const char *v);
void vb_docx_xml_val_long(vb_docx_xml *x, const char *name, long v);
/* Escaped text content (len bytes). */
void vb_docx_xml_text(vb_docx_xml *x, const char *s, size_t len);

/* Parts (docx_parts.c): each writes a whole part into an open writer. */
/* stamps: the package has header3.xml (see vb_docx_has_stamps); footer:
 * which footers it has (VB_DOCX_FOOTER_*); png: pictures. */
#define VB_DOCX_FOOTER_ADDRESS 1 /* footer1.xml: page 1's address lines (ô 13) */
#define VB_DOCX_FOOTER_EMPTY 2   /* footer2.xml: an appendix's first page, when page 1 has the address */
void vb_docx_part_content_types(vb_docx_xml *x, int stamps, int footer, int png);
void vb_docx_part_package_rels(vb_docx_xml *x);
void vb_docx_part_document_rels(vb_docx_xml *x, int stamps, int footer, size_t n_images);
void vb_docx_part_styles(vb_docx_xml *x, const vb_pages *P, const vb_style *st, const vb_fontset *fs);
void vb_docx_part_settings(vb_docx_xml *x, const vb_style *st);
void vb_docx_part_font_table(vb_docx_xml *x, const vb_style *st);
/* The draft watermark (docx_draft.c): the run layout put on the pages, or
 * NULL when they are not marked; the VML namespaces on a header's root
 * when there is one; the watermark as a run inside a header's paragraph. */
const vb_glyph_run *vb_docx_watermark(const vb_pages *P);
void vb_docx_draft_ns(vb_docx_xml *x, const vb_pages *P);
void vb_docx_write_watermark(vb_docx_xml *x, const vb_pages *P, const char *family);
/* The label DỰ THẢO where layout framed it on page 1, as a run. */
void vb_docx_write_draft_label(vb_docx_xml *x, const vb_pages *P, const vb_style *st);
/* The header of pages 2 on: the centred PAGE field (and the draft
 * watermark when layout marked the pages, docx_draft.c). */
void vb_docx_part_header(vb_docx_xml *x, const vb_pages *pages, const vb_style *st);
void vb_docx_part_core(vb_docx_xml *x, const vb_props *info);
void vb_docx_part_app(vb_docx_xml *x, const vb_props *info);

/* word/document.xml (docx.c). Returns VB_OK or VB_ERR_NOMEM; writer
 * failures are left in x->failed. */
vb_err vb_docx_part_document(vb_docx_xml *x, const vb_doc *doc, const vb_pages *pages, const vb_style *st,
                             const vb_fontset *fs);
/* The header of a first page (docx.c): with `stamps` (the document's
 * first page) the circulation notes (ô 11) and the electronic-copy stamp
 * (ô 14) in the top margin, else empty. Same returns. */
vb_err vb_docx_part_first_header(vb_docx_xml *x, const vb_doc *doc, const vb_pages *pages, const vb_style *st,
                                 const vb_fontset *fs, int stamps);
/* Does page 1 carry stamps in its top margin (ô 11, 14)? Then a document
 * with appendices has word/header3.xml, their empty first-page header. */
int vb_docx_has_stamps(const vb_doc *doc);
/* A footer (docx.c): page 1's address lines (ô 13) when `address` is
 * set, else an empty one. Same returns. */
vb_err vb_docx_part_footer(vb_docx_xml *x, const vb_doc *doc, const vb_pages *pages, const vb_style *st,
                           const vb_fontset *fs, int address);

/* Relationship ids of word/document.xml's headers. */
#define VB_DOCX_REL_HEADER "rId4"       /* page numbers, from page 2 */
#define VB_DOCX_REL_HEADER_FIRST "rId5" /* page 1: no number; the stamps of ô 11, 14 */
#define VB_DOCX_REL_FOOTER "rId6"       /* page 1: the address lines (ô 13) */
#define VB_DOCX_REL_FOOTER_EMPTY "rId7" /* an appendix's first page */
#define VB_DOCX_REL_HEADER_EMPTY "rId8" /* an appendix's first page, when page 1 has stamps */

/* Style of the borderless tables of the header and signature blocks. */
#define VB_DOCX_STYLE_TABLE "KhungTrinhBay"

/* <w:ind>: twips; first < 0 is a hanging indent. */
void vb_docx_write_w_ind(vb_docx_xml *x, long left, long right, long first);

/* The w:jc value of an alignment. */
const char *vb_docx_jc_name(vb_align a);
/* <w:spacing>: twips; before/after < 0 are left out; line > 0 is an exact pitch. */
void vb_docx_write_w_spacing(vb_docx_xml *x, long before, long after, long line);

#endif

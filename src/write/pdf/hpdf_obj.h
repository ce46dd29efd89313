/* hpdf_obj.h - the few things the PDF backend needs from libharu beyond
 * its documented API: hand-made font objects, raw content-stream writes,
 * Unicode text in the information dictionary and soft masks for images.
 *
 * libharu's object layer (pdf->mmgr, pdf->xref, the page's content stream,
 * HPDF_Dict_New, HPDF_DictStream_New …) is exported but undocumented; every
 * use of it lives in hpdf_obj.c so that a libharu upgrade touches one file.
 * Only API shared by libharu 2.3.0 and 2.4 is used.
 *
 * Errors follow libharu's own convention: the functions return NULL or a
 * non-zero HPDF_STATUS and leave the error in the document, where
 * HPDF_GetError() sees it. Every object made here belongs to the document
 * and dies in HPDF_Free(). */
#ifndef VB_HPDF_OBJ_H
#define VB_HPDF_OBJ_H

#include <hpdf.h>
#include <stddef.h>

#include "buf.h"

/* libharu's code for "out of memory": 2.3.0 names it HPDF_FAILD_TO_ALLOC_MEM,
 * later versions HPDF_FAILED_TO_ALLOC_MEM. */
#define VB_HPDF_ERR_NOMEM 0x1015

/* A ready-made subset font, described in PDF terms. Metrics are in glyph
 * space (thousandths of an em); character codes are the subset's glyph ids
 * (Identity-H, CIDToGIDMap Identity). Everything is copied. */
typedef struct vb_hobj_font {
    const char *base_font;  /* "ABCDEF+LiberationSerif-Bold" */
    int flags;              /* FontDescriptor /Flags */
    int italic_angle;       /* degrees, counter-clockwise from vertical */
    int ascent, descent;    /* descent negative */
    int cap_height, stem_v;
    int bbox[4];
    const int *widths;      /* advance of glyph 0 .. n_widths-1 */
    unsigned n_widths;
    const void *font_file_z;  /* the TrueType subset (FontFile2), deflated by vb_hobj_deflate */
    size_t font_file_z_len;
    size_t font_file_len;     /* its length before (/Length1) */
    const void *to_unicode_z; /* the ToUnicode CMap program, deflated by vb_hobj_deflate */
    size_t to_unicode_z_len;
} vb_hobj_font;

/* Compression level (libdeflate) of the streams we compress by default: 1
 * is several times faster than libharu's zlib at its default level, and
 * smaller. */
#define VB_HOBJ_DEFLATE 1
/* Images (signature, seal and their soft masks): flat colour and long runs
 * of transparency, where a higher level pays (libdeflate's 6 still takes a
 * fraction of zlib's default). */
#define VB_HOBJ_IMAGE_DEFLATE 6
/* libdeflate's highest level, for the smallest file (--compact). */
#define VB_HOBJ_DEFLATE_MAX 12

/* data[0..len) deflated as the writer's streams are (zlib format, libdeflate
 * at level), appended to out. The PDF writer keeps a font program and
 * ToUnicode map so compressed with the face's subsets (font.h), so a
 * document drawing the same glyphs as an earlier one compresses nothing
 * twice. 0 when out of memory. */
int vb_hobj_deflate(const void *data, size_t len, int level, vb_buf *out);

/* Adds a Type0 font with an Identity-H encoding, its CIDFontType2
 * descendant, font descriptor, embedded font file and ToUnicode map (both
 * streams Flate-compressed). Returns the Type0 dictionary, or NULL. */
HPDF_Font vb_hobj_font_add(HPDF_Doc pdf, const vb_hobj_font *f);

/* The page's resource name for font ("F1" …), adding the font to the
 * page's resources the first time. Ask on every page: the name is
 * per page. The string belongs to the page. NULL on failure. */
const char *vb_hobj_page_font_name(HPDF_Page page, HPDF_Font font);

/* Appends raw operators to the page's content stream. libharu does not see
 * what they do, so the caller keeps them inside a text object it opened
 * with HPDF_Page_BeginText (or otherwise leaves the graphics state as it
 * found it). */
HPDF_STATUS vb_hobj_page_write(HPDF_Page page, const void *data, size_t len);

/* Sets an entry of the information dictionary ("Title", "Author" …) to a
 * PDF text string: ASCII as is, anything else as UTF-16BE with a byte order
 * mark (invalid UTF-8 becomes U+FFFD). A NULL value removes the entry. */
HPDF_STATUS vb_hobj_info_set_text(HPDF_Doc pdf, const char *key, const char *utf8);

/* Gives image a soft mask (/SMask): mask is an 8-bit DeviceGray image of the
 * same size holding each pixel's opacity. libharu's HPDF_Image_SetMaskImage
 * takes only 1-bit stencil masks, which would give a signature or a seal
 * jagged edges. */
HPDF_STATUS vb_hobj_image_set_smask(HPDF_Image image, HPDF_Image mask);

/* Adds an empty signature field (AcroForm /FT /Sig, merged with its widget
 * annotation) named name (UTF-8: a text string) over rect ([x1 y1 x2 y2],
 * PDF user space) of page, making the catalog's /AcroForm and the page's
 * /Annots when they are missing. The caller makes names unique and free of
 * '.', which separates the parts of a qualified field name. */
HPDF_STATUS vb_hobj_sig_field_add(HPDF_Doc pdf, HPDF_Page page, const char *name, const double rect[4]);

/* Deflates an image's samples in place, once loaded (HPDF_LoadRawImageFromMem
 * with the document's image compression off): libharu's zlib at its default
 * level took most of the time of a render with a signature and a seal. */
HPDF_STATUS vb_hobj_image_deflate(HPDF_Doc pdf, HPDF_Image image, int level);

/* Deflates a page's content stream in place, once it is complete (the
 * document's compression mode must leave page text uncompressed). */
HPDF_STATUS vb_hobj_page_deflate(HPDF_Doc pdf, HPDF_Page page, int level);

/* Copies the saved document (after HPDF_SaveToStream) to dst, which has room
 * for HPDF_GetStreamSize bytes, straight from the memory stream's buffers:
 * HPDF_ReadFromStream copies byte by byte (HPDF_MemCpy is a loop), 1.5 % of
 * a render. Returns the number of bytes copied. */
size_t vb_hobj_saved_copy(HPDF_Doc pdf, unsigned char *dst, size_t cap);

#endif

/* hpdf_obj.c - the libharu object layer, kept in one place (see hpdf_obj.h).
 *
 * Ownership rules of libharu's objects that the code below relies on:
 * an object added to the xref belongs to the document (HPDF_Xref_Add frees
 * it itself when it fails); HPDF_Dict_Add and HPDF_Array_Add take a direct
 * object (freeing it when they fail) or wrap an indirect one in a reference,
 * and accept NULL as "the allocation failed" without crashing. So a chain of
 * calls can be checked once at the end. */
#include "hpdf_obj.h"

#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <libdeflate.h>

#include "utf8.h"

/* A dictionary registered as an indirect object, or NULL. */
static HPDF_Dict indirect_dict(HPDF_Doc pdf)
{
    HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
    if (!d)
        return NULL;
    if (HPDF_Xref_Add(pdf->xref, d) != HPDF_OK)
        return NULL; /* freed by the xref */
    return d;
}

/* Streams compressed here rather than by libharu when it saves: libharu
 * deflates with zlib at its default level, which cost a third of the time of
 * a render; libdeflate at level 1 takes a fraction of that and the file is
 * smaller. A stream so made has no libharu filter (libharu would drop a
 * /Filter key of ours), so the key is written by the dictionary's write
 * hook. */
static HPDF_STATUS write_flate_key(HPDF_Dict d, HPDF_Stream out)
{
    (void)d;
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* Replaces a stream dictionary's data with z[0..zlen), data already
 * deflated (zlib format, as /FlateDecode reads it). */
static HPDF_STATUS set_flate_data(HPDF_Doc pdf, HPDF_Dict s, const void *z, size_t zlen)
{
    HPDF_STATUS st;
    if (!zlen || zlen > UINT_MAX)
        st = HPDF_SetError(pdf->mmgr->error, VB_HPDF_ERR_NOMEM, 0);
    else
        st = HPDF_Stream_Write(s->stream, z, (HPDF_UINT)zlen);
    s->filter = HPDF_STREAM_FILTER_NONE;
    s->write_fn = write_flate_key;
    return st;
}

/* Replaces a stream dictionary's data with data[0..len) deflated (zlib
 * format, as /FlateDecode reads it). */
static HPDF_STATUS set_deflated(HPDF_Doc pdf, HPDF_Dict s, const void *data, size_t len, int level)
{
    struct libdeflate_compressor *zc = libdeflate_alloc_compressor(level);
    size_t cap = zc ? libdeflate_zlib_compress_bound(zc, len) : 0;
    unsigned char *z = zc ? malloc(cap ? cap : 1) : NULL;
    size_t zlen = z ? libdeflate_zlib_compress(zc, data, len, z, cap) : 0;
    HPDF_STATUS st = set_flate_data(pdf, s, z, zlen);
    free(z);
    libdeflate_free_compressor(zc);
    return st;
}

int vb_hobj_deflate(const void *data, size_t len, int level, vb_buf *out)
{
    struct libdeflate_compressor *zc = libdeflate_alloc_compressor(level);
    size_t cap = zc ? libdeflate_zlib_compress_bound(zc, len) : 0;
    size_t zlen = 0;
    if (zc && vb_buf_reserve(out, cap ? cap : 1)) {
        zlen = libdeflate_zlib_compress(zc, data, len, (unsigned char *)out->data + out->len, cap);
        out->len += zlen;
    }
    libdeflate_free_compressor(zc);
    return zlen > 0;
}

/* A new stream object holding z[0..zlen), deflated already (vb_hobj_deflate). */
static HPDF_Dict flate_stream(HPDF_Doc pdf, const void *z, size_t zlen)
{
    HPDF_Dict s = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!s || set_flate_data(pdf, s, z, zlen) != HPDF_OK)
        return NULL;
    return s;
}

static HPDF_STATUS add_string(HPDF_Doc pdf, HPDF_Dict d, const char *key, const char *ascii)
{
    return HPDF_Dict_Add(d, key, HPDF_String_New(pdf->mmgr, ascii, NULL));
}

static HPDF_STATUS add_int_array(HPDF_Doc pdf, HPDF_Dict d, const char *key, const int *v, unsigned n)
{
    HPDF_Array a = HPDF_Array_New(pdf->mmgr);
    HPDF_STATUS st = HPDF_Dict_Add(d, key, a);
    if (st != HPDF_OK)
        return st;
    for (unsigned i = 0; i < n && st == HPDF_OK; i++)
        st = HPDF_Array_AddNumber(a, v[i]);
    return st;
}

HPDF_Font vb_hobj_font_add(HPDF_Doc pdf, const vb_hobj_font *f)
{
    HPDF_MMgr mmgr = pdf->mmgr;
    HPDF_Dict type0 = indirect_dict(pdf);
    HPDF_Dict cid = indirect_dict(pdf);
    HPDF_Dict desc = indirect_dict(pdf);
    HPDF_Dict file = flate_stream(pdf, f->font_file_z, f->font_file_z_len);
    HPDF_Dict tounicode = flate_stream(pdf, f->to_unicode_z, f->to_unicode_z_len);
    if (!type0 || !cid || !desc || !file || !tounicode)
        return NULL;

    HPDF_STATUS st = HPDF_OK;
    st |= HPDF_Dict_AddName(type0, "Type", "Font");
    st |= HPDF_Dict_AddName(type0, "Subtype", "Type0");
    st |= HPDF_Dict_AddName(type0, "BaseFont", f->base_font);
    st |= HPDF_Dict_AddName(type0, "Encoding", "Identity-H");
    HPDF_Array descendants = HPDF_Array_New(mmgr);
    st |= HPDF_Dict_Add(type0, "DescendantFonts", descendants);
    if (st == HPDF_OK)
        st |= HPDF_Array_Add(descendants, cid);
    st |= HPDF_Dict_Add(type0, "ToUnicode", tounicode);

    st |= HPDF_Dict_AddName(cid, "Type", "Font");
    st |= HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
    st |= HPDF_Dict_AddName(cid, "BaseFont", f->base_font);
    HPDF_Dict sysinfo = HPDF_Dict_New(mmgr);
    st |= HPDF_Dict_Add(cid, "CIDSystemInfo", sysinfo);
    if (st == HPDF_OK) {
        st |= add_string(pdf, sysinfo, "Registry", "Adobe");
        st |= add_string(pdf, sysinfo, "Ordering", "Identity");
        st |= HPDF_Dict_AddNumber(sysinfo, "Supplement", 0);
    }
    st |= HPDF_Dict_Add(cid, "FontDescriptor", desc);
    /* The subset's glyphs are numbered 0..n-1, so one run covers them:
     * [0 [w0 w1 …]]. Widths stay integral: some viewers truncate reals. */
    HPDF_Array w = HPDF_Array_New(mmgr);
    st |= HPDF_Dict_Add(cid, "W", w);
    if (st == HPDF_OK && f->n_widths) {
        HPDF_Array ws = HPDF_Array_New(mmgr);
        st |= HPDF_Array_AddNumber(w, 0);
        st |= HPDF_Array_Add(w, ws);
        for (unsigned i = 0; i < f->n_widths && st == HPDF_OK; i++)
            st |= HPDF_Array_AddNumber(ws, f->widths[i]);
    }
    st |= HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");

    st |= HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
    st |= HPDF_Dict_AddName(desc, "FontName", f->base_font);
    st |= HPDF_Dict_AddNumber(desc, "Flags", f->flags);
    st |= add_int_array(pdf, desc, "FontBBox", f->bbox, 4);
    st |= HPDF_Dict_AddNumber(desc, "ItalicAngle", f->italic_angle);
    st |= HPDF_Dict_AddNumber(desc, "Ascent", f->ascent);
    st |= HPDF_Dict_AddNumber(desc, "Descent", f->descent);
    st |= HPDF_Dict_AddNumber(desc, "CapHeight", f->cap_height);
    st |= HPDF_Dict_AddNumber(desc, "StemV", f->stem_v);
    st |= HPDF_Dict_Add(desc, "FontFile2", file);

    /* /Length1 is the font program's length before compression, which
     * libharu does not know about. */
    st |= HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)f->font_file_len);

    if (st != HPDF_OK || HPDF_GetError(pdf) != HPDF_OK)
        return NULL;
    return (HPDF_Font)type0;
}

const char *vb_hobj_page_font_name(HPDF_Page page, HPDF_Font font)
{
    return HPDF_Page_GetLocalFontName(page, font);
}

size_t vb_hobj_saved_copy(HPDF_Doc pdf, unsigned char *dst, size_t cap)
{
    HPDF_Stream st = pdf->stream;
    if (!st || st->type != HPDF_STREAM_MEMORY)
        return 0;
    HPDF_UINT n = HPDF_MemStream_GetBufCount(st);
    size_t o = 0;
    for (HPDF_UINT i = 0; i < n; i++) {
        HPDF_UINT len = 0;
        HPDF_BYTE *b = HPDF_MemStream_GetBufPtr(st, i, &len);
        if (!b || o + len > cap)
            return 0;
        memcpy(dst + o, b, len);
        o += len;
    }
    return o;
}

/* Replaces what libharu wrote into a stream object (still uncompressed, in
 * its memory stream) with the same bytes deflated at level. */
static HPDF_STATUS deflate_in_place(HPDF_Doc pdf, HPDF_Dict d, int level)
{
    HPDF_Stream st = d->stream;
    HPDF_UINT n = HPDF_MemStream_GetBufCount(st);
    size_t total = st->size;
    unsigned char *raw = malloc(total ? total : 1);
    if (!raw)
        return HPDF_SetError(pdf->mmgr->error, VB_HPDF_ERR_NOMEM, 0);
    size_t o = 0;
    for (HPDF_UINT i = 0; i < n; i++) {
        HPDF_UINT len = 0;
        HPDF_BYTE *b = HPDF_MemStream_GetBufPtr(st, i, &len);
        if (b && len && o + len <= total) {
            memcpy(raw + o, b, len);
            o += len;
        }
    }
    HPDF_MemStream_FreeData(st);
    HPDF_STATUS r = set_deflated(pdf, d, raw, o, level);
    free(raw);
    return r;
}

HPDF_STATUS vb_hobj_page_deflate(HPDF_Doc pdf, HPDF_Page page, int level)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    return deflate_in_place(pdf, attr->contents, level);
}

HPDF_STATUS vb_hobj_image_deflate(HPDF_Doc pdf, HPDF_Image image, int level)
{
    if (!image)
        return HPDF_INVALID_IMAGE;
    return deflate_in_place(pdf, image, level);
}

HPDF_STATUS vb_hobj_page_write(HPDF_Page page, const void *data, size_t len)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    const HPDF_BYTE *p = data;
    while (len) {
        HPDF_UINT n = len > (1u << 30) ? (1u << 30) : (HPDF_UINT)len;
        HPDF_STATUS st = HPDF_Stream_Write(attr->stream, p, n);
        if (st != HPDF_OK)
            return st;
        p += n;
        len -= n;
    }
    return HPDF_OK;
}

/* The information dictionary, made the way libharu makes it when it is
 * missing (libharu normally creates it for its Producer entry). */
static HPDF_Dict info_dict(HPDF_Doc pdf)
{
    if (pdf->info)
        return pdf->info;
    HPDF_Dict info = indirect_dict(pdf);
    if (!info || HPDF_Dict_Add(pdf->trailer, "Info", info) != HPDF_OK)
        return NULL;
    pdf->info = info;
    return info;
}

/* Bytes that mean the same in ASCII and PDFDocEncoding. */
static int plain_ascii(const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c > 0x7e)
            return 0;
    }
    return 1;
}

/* A PDF text string holding utf8: ASCII as is, anything else UTF-16BE
 * with a byte order mark. A new direct object, or NULL (error set). */
static void *text_string(HPDF_Doc pdf, const char *utf8)
{
    if (plain_ascii(utf8))
        return HPDF_String_New(pdf->mmgr, utf8, NULL);

    /* libharu's strings are NUL-terminated, and UTF-16 is full of NULs: a
     * binary (hex) string instead. */
    size_t len = strlen(utf8);
    /* a UTF-8 byte makes at most one UTF-16 unit */
    uint16_t *units = malloc((len ? len : 1) * sizeof *units);
    unsigned char *u16 = malloc(2 + 2 * len);
    if (!units || !u16) {
        free(units);
        free(u16);
        HPDF_SetError(pdf->mmgr->error, VB_HPDF_ERR_NOMEM, 0);
        return NULL;
    }
    size_t n_units = vb_utf8_to_utf16(utf8, len, units, len), n = 0;
    u16[n++] = 0xfe; /* big-endian, with its mark */
    u16[n++] = 0xff;
    for (size_t i = 0; i < n_units; i++) {
        u16[n++] = (unsigned char)(units[i] >> 8);
        u16[n++] = (unsigned char)units[i];
    }
    free(units);
    HPDF_Binary str = NULL;
    if (n <= UINT_MAX)
        str = HPDF_Binary_New(pdf->mmgr, u16, (HPDF_UINT)n);
    else
        HPDF_SetError(pdf->mmgr->error, HPDF_STRING_OUT_OF_RANGE, 0);
    free(u16);
    return str;
}

HPDF_STATUS vb_hobj_info_set_text(HPDF_Doc pdf, const char *key, const char *utf8)
{
    HPDF_Dict info = info_dict(pdf);
    if (!info)
        return HPDF_GetError(pdf) ? HPDF_GetError(pdf) : VB_HPDF_ERR_NOMEM;
    if (!utf8) {
        HPDF_Dict_RemoveElement(info, key); /* absent already: fine */
        return HPDF_OK;
    }
    return HPDF_Dict_Add(info, key, text_string(pdf, utf8));
}

/* An array entry of d, made (as a direct object) when missing. */
static HPDF_Array array_entry(HPDF_Doc pdf, HPDF_Dict d, const char *key)
{
    HPDF_Array a = HPDF_Dict_GetItem(d, key, HPDF_OCLASS_ARRAY);
    if (a)
        return a;
    a = HPDF_Array_New(pdf->mmgr);
    return HPDF_Dict_Add(d, key, a) == HPDF_OK ? a : NULL;
}

/* A real rounded to 1/100 pt: the rectangle's figures stay short. */
static HPDF_STATUS add_real(HPDF_Array a, double v)
{
    return HPDF_Array_AddReal(a, (HPDF_REAL)(round(v * 100.0) / 100.0));
}

HPDF_STATUS vb_hobj_sig_field_add(HPDF_Doc pdf, HPDF_Page page, const char *name, const double rect[4])
{
    /* the catalog's /AcroForm, an indirect dictionary holding /Fields */
    HPDF_Dict form = HPDF_Dict_GetItem(pdf->catalog, "AcroForm", HPDF_OCLASS_DICT);
    if (!form) {
        form = indirect_dict(pdf);
        if (!form || HPDF_Dict_Add(pdf->catalog, "AcroForm", form) != HPDF_OK)
            return HPDF_GetError(pdf) ? HPDF_GetError(pdf) : VB_HPDF_ERR_NOMEM;
    }
    HPDF_Array fields = array_entry(pdf, form, "Fields");
    HPDF_Array annots = array_entry(pdf, page, "Annots");
    HPDF_Dict f = indirect_dict(pdf);
    if (!fields || !annots || !f)
        return HPDF_GetError(pdf) ? HPDF_GetError(pdf) : VB_HPDF_ERR_NOMEM;

    /* The field and its one widget in one dictionary. No /V: the field is
     * empty, and a signing application writes the signature and its
     * appearance in an incremental update, leaving the other fields as they
     * are. /F 4: printed (it shows nothing until signed). */
    HPDF_STATUS st = HPDF_OK;
    st |= HPDF_Dict_AddName(f, "FT", "Sig");
    st |= HPDF_Dict_Add(f, "T", text_string(pdf, name));
    st |= HPDF_Dict_AddName(f, "Type", "Annot");
    st |= HPDF_Dict_AddName(f, "Subtype", "Widget");
    st |= HPDF_Dict_AddNumber(f, "F", 4);
    HPDF_Array r = HPDF_Array_New(pdf->mmgr);
    st |= HPDF_Dict_Add(f, "Rect", r);
    for (int i = 0; i < 4 && st == HPDF_OK; i++)
        st |= add_real(r, rect[i]);
    st |= HPDF_Dict_Add(f, "P", page);
    if (st == HPDF_OK)
        st |= HPDF_Array_Add(fields, f);
    if (st == HPDF_OK)
        st |= HPDF_Array_Add(annots, f);
    if (st != HPDF_OK || HPDF_GetError(pdf) != HPDF_OK)
        return HPDF_GetError(pdf) ? HPDF_GetError(pdf) : HPDF_INVALID_OBJECT;
    return HPDF_OK;
}

HPDF_STATUS vb_hobj_image_set_smask(HPDF_Image image, HPDF_Image mask)
{
    if (!image || !mask)
        return HPDF_INVALID_IMAGE;
    /* mask is an indirect object: the dictionary gets a reference to it */
    return HPDF_Dict_Add(image, "SMask", mask);
}

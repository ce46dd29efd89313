/* pdf.c - the PDF backend: draws vb_pages through libharu.
 *
 * libharu makes the file, the pages, rules, frames, images and the
 * information dictionary. Text does not go through libharu's text API
 * (which draws characters, not glyphs, and writes a ToUnicode map that
 * poppler complains about): each face becomes a Type0 font built on
 * libharu's object layer (hpdf_obj.c) around a subset made by HarfBuzz, and
 * the glyph runs are written as raw Tf/Td/TJ inside libharu's own text
 * objects, with the subset's glyph ids as character codes.
 *
 * All pages are known up front, so the writer works in three passes:
 * collect the glyphs each face uses (and the characters each one shows),
 * subset every face and add its font objects, then draw the pages with the
 * subset's glyph ids. */
#include "pdf.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hpdf.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpdf_obj.h"
#include "image.h"
#include "objstm.h"
#include "png.h"
#include "utf8.h"
#include "vb_limits.h"
#include "i18n.h"

/* Longest text one glyph may stand for in the ToUnicode map, in UTF-16
 * code units (the map allows 512 bytes; real ligatures need a handful). */
#define MAX_GLYPH_UNITS 64
/* Entries per bfchar/bfrange block: the CMap format's limit. */
#define CMAP_BLOCK 100

/* What one face contributes to the document. */
typedef struct face_use {
    const vb_face *vf;
    unsigned n_src;        /* glyphs in the source face */
    uint8_t *used;         /* [n_src] drawn somewhere in the document */
    const char **text;     /* [n_src] the first characters seen for the glyph */
    uint32_t *text_len;    /* [n_src] */
    uint16_t *to_new;      /* [n_src] glyph id in the subset */
    int *width;            /* [n_new] advance in thousandths of an em, as in /W */
    unsigned n_new;        /* glyphs in the subset */
    HPDF_Font font;
    double ul_pos, ul_thick; /* underline top above the baseline (negative: below) and thickness, em */
} face_use;

typedef struct image_use {
    const char *path;
    HPDF_Image img;
} image_use;

typedef struct pdf_ctx {
    HPDF_Doc pdf;
    HPDF_STATUS error_no, detail_no; /* first error libharu reported */
    vb_diag *diag;
    face_use face[VB_FACE_COUNT];
    image_use *images;
    size_t n_images, cap_images;
    vb_buf ops; /* raw operators of the open text object, flushed before ET */
    size_t max_pixels; /* largest picture drawn (vb_limits.max_image_pixels) */

    HPDF_Page *pages; /* every page drawn, for the signature fields */

    /* the page being drawn */
    HPDF_Page page;
    double page_h;
    const char *font_name[VB_FACE_COUNT]; /* resource names are per page */
    int in_text;
    /* What the content stream has set, so that nothing is set twice: font,
     * size, colours and line width are graphics state and outlive a text
     * object's ET (only the text matrix starts again at each BT). */
    int cur_face;         /* -1: no Tf yet on this page */
    long long cur_size;   /* thousandths of a point */
    long long tx, ty;     /* text line origin, hundredths of a point */
    uint32_t fill;        /* current fill colour */
    uint32_t stroke;      /* current stroke colour */
    long long line_w;     /* current line width, thousandths of a point; -1: not set */
    vb_buf path;          /* path operators of one rule or frame */
    int level;            /* deflate level: 1, or 12 with compact */
    int compact;          /* vb_props.compact: the smallest file, at some cost in time */
} pdf_ctx;

/* libharu calls this from its API functions when something fails. Its demos
 * longjmp out; we only remember the first error and check after each group
 * of calls. */
static void on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
    pdf_ctx *c = user;
    if (!c->error_no) {
        c->error_no = error_no;
        c->detail_no = detail_no;
    }
}

static int hpdf_failed(const pdf_ctx *c)
{
    return c->error_no || HPDF_GetError(c->pdf) != HPDF_OK;
}

static vb_err hpdf_error(pdf_ctx *c)
{
    HPDF_STATUS e = c->error_no, d = c->detail_no;
    if (!e && c->pdf) {
        e = HPDF_GetError(c->pdf);
        d = HPDF_GetErrorDetail(c->pdf);
    }
    vb_diag_emit(c->diag, (vb_srcpos){0}, VB_ERROR, "PDF writer: libharu error 0x%04X (detail %u)", (unsigned)e,
                 (unsigned)d);
    return e == VB_HPDF_ERR_NOMEM ? VB_ERR_NOMEM : VB_ERR_PDF;
}

/* Appends v / 10^dec in plain decimal with the fewest characters: trailing
 * zeros and a lone leading 0 dropped (".5", "-.25"), as PDF's number syntax
 * allows. Content streams are mostly numbers: this skips both the locale
 * and printf. */
static void put_fixed(vb_buf *b, long long v, int dec)
{
    char tmp[32];
    char *p = tmp + sizeof tmp;
    int neg = v < 0, frac = 0;
    unsigned long long u = neg ? 0ull - (unsigned long long)v : (unsigned long long)v;
    for (int i = 0; i < dec; i++) {
        int d = (int)(u % 10);
        u /= 10;
        if (d || frac) {
            *--p = (char)('0' + d);
            frac = 1;
        }
    }
    if (frac)
        *--p = '.';
    if (u || !frac) {
        do {
            *--p = (char)('0' + u % 10);
            u /= 10;
        } while (u);
    }
    if (neg && (frac || p[0] != '0'))
        *--p = '-';
    vb_buf_append(b, p, (size_t)(tmp + sizeof tmp - p));
}

/* v in thousandths, for put_fixed; nonsense (NaN, beyond any page) is 0. */
static long long milli(double v)
{
    return isfinite(v) && fabs(v) < 1e12 ? llround(v * 1000.0) : 0;
}

/* v in hundredths: positions on the page, where 0.01 pt (a 7,200th of an
 * inch) is finer than any printer or screen draws. */
static long long centi(double v)
{
    return isfinite(v) && fabs(v) < 1e12 ? llround(v * 100.0) : 0;
}

/* A glyph id as the two bytes of its Identity-H code inside a literal
 * string: half the size of hex, and less for deflate to read. The bytes
 * that the string syntax gives a meaning are escaped; a bare CR would be
 * read as an end of line. */
static void put_code(vb_buf *b, unsigned v)
{
    char t[4];
    size_t n = 0;
    for (int shift = 8; shift >= 0; shift -= 8) {
        char ch = (char)((v >> shift) & 0xff);
        if (ch == '(' || ch == ')' || ch == '\\') {
            t[n++] = '\\';
            t[n++] = ch;
        } else if (ch == '\r') {
            t[n++] = '\\';
            t[n++] = 'r';
        } else {
            t[n++] = ch;
        }
    }
    vb_buf_append(b, t, n);
}

static void put_hex4(vb_buf *b, unsigned v)
{
    static const char hex[] = "0123456789ABCDEF";
    char t[4] = {hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15]};
    vb_buf_append(b, t, 4);
}

/* ---- pass 1: which glyphs each face draws, and what they show ---- */

static vb_err face_use_init(face_use *fu, const vb_face *vf)
{
    fu->vf = vf;
    fu->n_src = hb_face_get_glyph_count(vf->face);
    fu->used = calloc(fu->n_src ? fu->n_src : 1, 1);
    fu->text = calloc(fu->n_src ? fu->n_src : 1, sizeof *fu->text);
    fu->text_len = calloc(fu->n_src ? fu->n_src : 1, sizeof *fu->text_len);
    fu->to_new = calloc(fu->n_src ? fu->n_src : 1, sizeof *fu->to_new);
    if (!fu->used || !fu->text || !fu->text_len || !fu->to_new)
        return VB_ERR_NOMEM;
    return VB_OK;
}

static void face_use_free(face_use *fu)
{
    free(fu->used);
    free(fu->text);
    free(fu->text_len);
    free(fu->to_new);
    free(fu->width);
}

/* Runs with no glyphs or no size draw nothing (and need no font). */
static int run_drawn(const vb_glyph_run *run)
{
    return run->n && milli(run->size) > 0;
}

static vb_err collect_run(pdf_ctx *c, const vb_glyph_run *run, const vb_fontset *fs)
{
    if ((unsigned)run->face >= VB_FACE_COUNT) {
        vb_diag_emit(c->diag, (vb_srcpos){0}, VB_ERROR, "PDF writer: a text run names face %d, which does not exist",
                     (int)run->face);
        return VB_ERR_INTERNAL;
    }
    if (!run_drawn(run))
        return VB_OK;
    face_use *fu = &c->face[run->face];
    if (!fu->vf) {
        vb_err err = face_use_init(fu, vb_fontset_face(fs, run->face));
        if (err)
            return err;
    }
    for (uint32_t i = 0; i < run->n; i++) {
        uint32_t gid = run->glyphs[i].gid;
        if (gid >= fu->n_src) {
            vb_diag_emit(c->diag, (vb_srcpos){0}, VB_ERROR, "PDF writer: glyph %u is not in the font %s", (unsigned)gid,
                         fu->vf->path ? fu->vf->path : "");
            return VB_ERR_INTERNAL;
        }
        fu->used[gid] = 1;
        if (fu->text[gid])
            continue;
        /* The glyph shows text[cluster .. next cluster); the later glyphs
         * of a cluster that has several show nothing of their own. */
        uint32_t start = run->glyphs[i].cluster;
        if (i > 0 && run->glyphs[i - 1].cluster == start)
            continue;
        uint32_t j = i + 1;
        while (j < run->n && run->glyphs[j].cluster <= start)
            j++;
        uint32_t end = j < run->n ? run->glyphs[j].cluster : run->text_len;
        if (end > run->text_len)
            end = run->text_len;
        if (!run->text || start >= end)
            continue;
        fu->text[gid] = run->text + start;
        fu->text_len[gid] = end - start;
    }
    return VB_OK;
}

static vb_err collect(pdf_ctx *c, const vb_pages *pages, const vb_fontset *fs)
{
    for (size_t p = 0; p < pages->n_pages; p++) {
        const vb_page *pg = &pages->pages[p];
        for (size_t k = 0; k < pg->n_items; k++) {
            if (pg->items[k].kind != VB_ITEM_TEXT)
                continue;
            vb_err err = collect_run(c, &pg->items[k].u.text, fs);
            if (err)
                return err;
        }
    }
    return VB_OK;
}

/* ---- pass 2: subsets and font objects ---- */

/* UTF-16 code units of s[0..len), at most max of them; returns the count. */
static unsigned to_utf16(const char *s, uint32_t len, uint16_t *out, unsigned max)
{
    return (unsigned)vb_utf8_to_utf16(s, len, out, max);
}

/* The glyph's text as one UTF-16 unit, or -1 when it is not exactly one
 * (bfrange can only count through single units). */
static long single_unit(const char *const *ntext, const uint32_t *nlen, unsigned g)
{
    if (!ntext[g])
        return -1;
    uint16_t u[3];
    unsigned n = to_utf16(ntext[g], nlen[g], u, 3);
    return n == 1 && (u[0] < 0xd800 || u[0] > 0xdfff) ? (long)u[0] : -1;
}

/* How many glyphs from g on show consecutive characters, within one
 * bfrange: source and destination may differ only in their last byte. */
static unsigned range_len(const char *const *ntext, const uint32_t *nlen, unsigned n, unsigned g)
{
    long u = single_unit(ntext, nlen, g);
    unsigned len = 1;
    if (u < 0)
        return 1;
    while (g + len < n && ((g + len) & 0xff) != 0 && ((unsigned long)(u + (long)len) & 0xff) != 0 &&
           single_unit(ntext, nlen, g + len) == u + (long)len)
        len++;
    return len;
}

/* Opens or closes a bfchar/bfrange block around entry number i of total. */
static void cmap_block(vb_buf *b, const char *kind, unsigned i, unsigned total, int closing)
{
    if (!closing && i % CMAP_BLOCK == 0)
        vb_buf_printf(b, "%u begin%s\n", total - i < CMAP_BLOCK ? total - i : CMAP_BLOCK, kind);
    if (closing && ((i + 1) % CMAP_BLOCK == 0 || i + 1 == total))
        vb_buf_printf(b, "end%s\n", kind);
}

/* The ToUnicode CMap: consecutive glyphs showing consecutive characters go
 * in bfrange blocks, the rest in bfchar blocks, at most 100 entries each.
 * Glyphs that show nothing of their own (components, the tail of a
 * cluster) get no entry. */
static void write_tounicode(vb_buf *b, unsigned n, const char *const *ntext, const uint32_t *nlen)
{
    vb_buf_puts(b, "/CIDInit /ProcSet findresource begin\n"
                   "12 dict begin\n"
                   "begincmap\n"
                   "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                   "/CMapName /Adobe-Identity-UCS def\n"
                   "/CMapType 2 def\n"
                   "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");

    /* Count first: each block's header says how many entries follow. */
    unsigned n_chars = 0, n_ranges = 0;
    for (unsigned g = 0, len; g < n; g += len) {
        len = range_len(ntext, nlen, n, g);
        if (len >= 2)
            n_ranges++;
        else if (ntext[g])
            n_chars++;
    }

    uint16_t units[MAX_GLYPH_UNITS];
    unsigned i = 0;
    for (unsigned g = 0, len; g < n; g += len) {
        len = range_len(ntext, nlen, n, g);
        if (len != 1 || !ntext[g])
            continue;
        cmap_block(b, "bfchar", i, n_chars, 0);
        unsigned k = to_utf16(ntext[g], nlen[g], units, MAX_GLYPH_UNITS);
        vb_buf_putc(b, '<');
        put_hex4(b, g);
        vb_buf_puts(b, "> <");
        for (unsigned u = 0; u < k; u++)
            put_hex4(b, units[u]);
        vb_buf_puts(b, ">\n");
        cmap_block(b, "bfchar", i++, n_chars, 1);
    }
    i = 0;
    for (unsigned g = 0, len; g < n; g += len) {
        len = range_len(ntext, nlen, n, g);
        if (len < 2)
            continue;
        cmap_block(b, "bfrange", i, n_ranges, 0);
        vb_buf_putc(b, '<');
        put_hex4(b, g);
        vb_buf_puts(b, "> <");
        put_hex4(b, g + len - 1);
        vb_buf_puts(b, "> <");
        put_hex4(b, (unsigned)single_unit(ntext, nlen, g));
        vb_buf_puts(b, ">\n");
        cmap_block(b, "bfrange", i++, n_ranges, 1);
    }

    vb_buf_puts(b, "endcmap\n"
                   "CMapName currentdict /CMap defineresource pop\n"
                   "end\n"
                   "end\n");
}

/* Six capital letters naming this subset: the same glyphs of the same font
 * always get the same tag, as PDF asks for subsets. */
static void subset_tag(const face_use *fu, char tag[7])
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (const char *s = fu->vf->ps_name ? fu->vf->ps_name : ""; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    for (unsigned g = 0; g < fu->n_src; g++)
        if (fu->used[g])
            for (int k = 0; k < 4; k++)
                h = (h ^ ((g >> (8 * k)) & 0xff)) * 0x100000001b3ull;
    for (int i = 0; i < 6; i++) {
        tag[i] = (char)('A' + h % 26);
        h /= 26;
    }
    tag[6] = 0;
}

/* A subset as the face's memo keeps it (font.h): the number of glyphs
 * n_new, for each new glyph id the source glyph (HB_MAP_VALUE_INVALID: none),
 * the font program's length before and after compression, the program
 * deflated (vb_hobj_deflate: compressing it cost as much again as
 * subsetting), then the ToUnicode map deflated (none yet while it is made). */
typedef struct subset_view {
    uint32_t n_new;
    const uint32_t *new_to_old;
    uint32_t font_len, font_z_len;
    const unsigned char *font_z;
    const unsigned char *tu_z;
    size_t tu_z_len;
} subset_view;

static int subset_parse(const vb_buf *b, subset_view *v)
{
    if (b->len < 12)
        return 0;
    memcpy(&v->n_new, b->data, 4);
    size_t head = 12 + (size_t)v->n_new * 4;
    if (head > b->len)
        return 0;
    v->new_to_old = (const uint32_t *)(const void *)(b->data + 4); /* vb_buf data is malloc'd: aligned */
    memcpy(&v->font_len, b->data + head - 8, 4);
    memcpy(&v->font_z_len, b->data + head - 4, 4);
    if (v->font_z_len > b->len - head)
        return 0;
    v->font_z = b->data + head;
    v->tu_z = v->font_z + v->font_z_len;
    v->tu_z_len = b->len - head - v->font_z_len;
    return v->font_len > 0 && v->font_z_len > 0;
}

/* HarfBuzz's subset of a face keeping glyphs[0..n), serialised into out. */
static vb_err subset_run(pdf_ctx *c, const vb_face *vf, const uint32_t *glyphs, size_t n, vb_buf *out)
{
    static const hb_tag_t drop[] = {
        HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'), HB_TAG('k', 'e', 'r', 'n'),
        HB_TAG('h', 'd', 'm', 'x'), HB_TAG('V', 'D', 'M', 'X'), HB_TAG('L', 'T', 'S', 'H'), HB_TAG('g', 'a', 's', 'p'),
        HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'), HB_TAG('D', 'S', 'I', 'G'), HB_TAG('P', 'C', 'L', 'T'),
        HB_TAG('m', 'o', 'r', 'x'), HB_TAG('k', 'e', 'r', 'x'), HB_TAG('f', 'e', 'a', 't'), HB_TAG('M', 'A', 'T', 'H'),
    };
    /* With --compact, also the tables that a PDF viewer does not read in an
     * embedded CIDFontType2 font (PDF 32000-1 9.9 names the ones it needs:
     * head, hhea, hmtx, loca, glyf, maxp, and cvt/fpgm/prep for hinting,
     * which the subsets leave out anyway). Glyphs are reached through
     * CIDToGIDMap, never through cmap; names and metrics come from the
     * PDF's own dictionaries, not from name, post or OS/2. */
    static const hb_tag_t drop_compact[] = {
        HB_TAG('c', 'm', 'a', 'p'),
        HB_TAG('n', 'a', 'm', 'e'),
        HB_TAG('p', 'o', 's', 't'),
        HB_TAG('O', 'S', '/', '2'),
    };
    vb_err err = VB_OK;
    hb_subset_plan_t *plan = NULL;
    hb_face_t *sub = NULL;
    hb_blob_t *blob = NULL;
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return VB_ERR_NOMEM;
    hb_set_t *gset = hb_subset_input_glyph_set(in);
    for (size_t i = 0; i < n; i++)
        hb_set_add(gset, glyphs[i]);
    hb_set_t *tables = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
        hb_set_add(tables, drop[i]);
    for (size_t i = 0; c->compact && i < sizeof drop_compact / sizeof drop_compact[0]; i++)
        hb_set_add(tables, drop_compact[i]);
    /* Without hinting the subsets are half the size (24 KB against 43 KB
     * for a three-page report); it matters little at print resolution. */
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    if (!hb_set_allocation_successful(gset) || !hb_set_allocation_successful(tables)) {
        err = VB_ERR_NOMEM;
        goto fail;
    }
    plan = hb_subset_plan_create_or_fail(vb_face_subset_source(vf), in);
    sub = plan ? hb_subset_plan_execute_or_fail(plan) : NULL;
    blob = sub ? hb_face_reference_blob(sub) : NULL;
    unsigned font_len = 0;
    const char *font_data = blob ? hb_blob_get_data(blob, &font_len) : NULL;
    if (!font_len) {
        vb_diag_emit(c->diag, (vb_srcpos){vf->path, 0, 0}, VB_ERROR, "PDF writer: cannot subset the font");
        err = VB_ERR_FONT;
        goto fail;
    }
    /* New glyph ids come from the plan: composite glyphs pull in their
     * components, so the numbering cannot be guessed. */
    const hb_map_t *new_to_old = hb_subset_plan_new_to_old_glyph_mapping(plan);
    uint32_t n_new = hb_map_get_population(new_to_old);
    if (n_new > 0x10000) {
        vb_diag_emit(c->diag, (vb_srcpos){vf->path, 0, 0}, VB_ERROR, "PDF writer: the font subset is too large");
        err = VB_ERR_FONT;
        goto fail;
    }
    vb_buf_append(out, &n_new, 4);
    for (uint32_t ng = 0; ng < n_new; ng++) {
        uint32_t g = hb_map_get(new_to_old, ng);
        vb_buf_append(out, &g, 4);
    }
    uint32_t len32 = font_len, zlen32 = 0;
    vb_buf_append(out, &len32, 4);
    vb_buf_append(out, &zlen32, 4); /* filled in below */
    size_t at = out->len;
    if (!out->failed && vb_hobj_deflate(font_data, font_len, c->level, out) && !out->failed) {
        zlen32 = (uint32_t)(out->len - at);
        memcpy(out->data + at - 4, &zlen32, 4);
    } else {
        err = VB_ERR_NOMEM;
    }
fail:
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    hb_subset_plan_destroy(plan);
    hb_subset_input_destroy(in);
    return err;
}

/* The memo's key for fu: how the subset is made and compressed (--compact
 * drops more tables and deflates harder), then each glyph kept, with the
 * text it stands for (the ToUnicode map is kept with the subset). */
static void subset_key(const pdf_ctx *c, const face_use *fu, vb_buf *key)
{
    int how[2] = {c->compact, c->level};
    vb_buf_append(key, how, sizeof how);
    for (uint32_t g = 0; g < fu->n_src; g++) {
        if (!fu->used[g])
            continue;
        uint32_t len = fu->text[g] ? fu->text_len[g] : UINT32_MAX;
        vb_buf_append(key, &g, 4);
        vb_buf_append(key, &len, 4);
        if (fu->text[g])
            vb_buf_append(key, fu->text[g], len);
    }
}

/* The subset of the glyphs fu uses, into out: from the face's memo when an
 * earlier document drew the same glyphs for the same text (HarfBuzz's
 * subsetter was a sixth of a render); else made, without its ToUnicode map
 * (*hit 0: the caller adds it and remembers the whole). */
static vb_err subset_bytes(pdf_ctx *c, const face_use *fu, const vb_buf *key, vb_buf *out, int *hit)
{
    *hit = !key->failed && vb_face_subset_recall(fu->vf, key->data, key->len, out);
    if (*hit)
        return VB_OK;
    vb_buf_reset(out);
    uint32_t *glyphs = malloc((fu->n_src ? fu->n_src : 1) * sizeof *glyphs);
    if (!glyphs)
        return VB_ERR_NOMEM;
    size_t n = 0;
    for (unsigned g = 0; g < fu->n_src; g++)
        if (fu->used[g])
            glyphs[n++] = g;
    vb_err err = subset_run(c, fu->vf, glyphs, n, out);
    free(glyphs);
    return err;
}

/* Each used glyph's id in the subset (fu->to_new), the new glyphs' widths
 * and texts (ntext, nlen: [n_new]). */
static vb_err subset_map(pdf_ctx *c, face_use *fu, const subset_view *v, const char **ntext, uint32_t *nlen)
{
    const vb_face *vf = fu->vf;
    double em = 1000.0 / vf->upem;
    uint8_t *kept = calloc(fu->n_src ? fu->n_src : 1, 1);
    if (!kept)
        return VB_ERR_NOMEM;
    for (uint32_t ng = 0; ng < v->n_new; ng++) {
        uint32_t g = v->new_to_old[ng];
        if (g == HB_MAP_VALUE_INVALID)
            continue;
        fu->width[ng] = (int)lround(hb_font_get_glyph_h_advance(vf->font, g) * em);
        if (g < fu->n_src) {
            fu->to_new[g] = (uint16_t)ng;
            kept[g] = 1;
        }
    }
    vb_err err = VB_OK;
    for (unsigned g = 0; g < fu->n_src && !err; g++) {
        if (!fu->used[g])
            continue;
        if (!kept[g]) {
            vb_diag_emit(c->diag, (vb_srcpos){vf->path, 0, 0}, VB_ERROR, "PDF writer: glyph %u was lost in subsetting", g);
            err = VB_ERR_FONT;
        } else if (fu->text[g]) {
            ntext[fu->to_new[g]] = fu->text[g];
            nlen[fu->to_new[g]] = fu->text_len[g];
        }
    }
    free(kept);
    return err;
}

/* The font objects of one face: its subset, widths, ToUnicode map and
 * descriptor. */
static vb_err subset_face(pdf_ctx *c, face_use *fu, vb_buf *scratch)
{
    const vb_face *vf = fu->vf;
    vb_buf sb = VB_BUF_INIT, key = VB_BUF_INIT;
    const char **ntext = NULL;
    uint32_t *nlen = NULL;
    subset_view v;
    int hit;
    subset_key(c, fu, &key);
    vb_err err = subset_bytes(c, fu, &key, &sb, &hit);
    if (err)
        goto fail;
    if (!subset_parse(&sb, &v)) {
        err = VB_ERR_NOMEM;
        goto fail;
    }
    uint32_t n_new = v.n_new;
    fu->n_new = n_new;
    fu->width = calloc(n_new ? n_new : 1, sizeof *fu->width);
    ntext = calloc(n_new ? n_new : 1, sizeof *ntext);
    nlen = calloc(n_new ? n_new : 1, sizeof *nlen);
    if (!fu->width || !ntext || !nlen) {
        err = VB_ERR_NOMEM;
        goto fail;
    }
    if ((err = subset_map(c, fu, &v, ntext, nlen)))
        goto fail;

    if (!hit) {
        vb_buf_reset(scratch);
        write_tounicode(scratch, n_new, ntext, nlen);
        if (scratch->failed || !vb_hobj_deflate(scratch->data, scratch->len, c->level, &sb) || sb.failed ||
            !subset_parse(&sb, &v)) {
            err = VB_ERR_NOMEM;
            goto fail;
        }
        if (!key.failed)
            vb_face_subset_remember(vf, key.data, key.len, sb.data, sb.len);
    }

    char tag[7];
    subset_tag(fu, tag);
    char base[128];
    snprintf(base, sizeof base, "%s+%.100s", tag, vf->ps_name && *vf->ps_name ? vf->ps_name : "Font");
    double em = 1000.0 / vf->upem;
    vb_hobj_font desc = {
        .base_font = base,
        .flags = vf->flags,
        .italic_angle = vf->italic_angle_deg,
        .ascent = (int)lround(vf->ascender * em),
        .descent = -(int)lround(vf->descender * em),
        .cap_height = (int)lround(vf->cap_height * em),
        .stem_v = vf->stem_v,
        .bbox = {(int)floor(vf->bbox[0] * em), (int)floor(vf->bbox[1] * em), (int)ceil(vf->bbox[2] * em),
                 (int)ceil(vf->bbox[3] * em)},
        .widths = fu->width,
        .n_widths = n_new,
        .font_file_z = v.font_z,
        .font_file_z_len = v.font_z_len,
        .font_file_len = v.font_len,
        .to_unicode_z = v.tu_z,
        .to_unicode_z_len = v.tu_z_len,
    };
    fu->font = vb_hobj_font_add(c->pdf, &desc);
    if (!fu->font || hpdf_failed(c)) {
        err = hpdf_error(c);
        goto fail;
    }

    hb_position_t pos = 0, thick = 0;
    if (!hb_ot_metrics_get_position(vf->font, HB_OT_METRICS_TAG_UNDERLINE_OFFSET, &pos) ||
        !hb_ot_metrics_get_position(vf->font, HB_OT_METRICS_TAG_UNDERLINE_SIZE, &thick) || thick <= 0) {
        pos = -(hb_position_t)(vf->upem / 20);
        thick = (hb_position_t)(vf->upem / 20);
    }
    fu->ul_pos = (double)pos / vf->upem;
    fu->ul_thick = (double)thick / vf->upem;

fail:
    free(ntext);
    free(nlen);
    vb_buf_free(&sb);
    vb_buf_free(&key);
    return err;
}

/* ---- pass 3: pages ---- */

static void begin_text(pdf_ctx *c)
{
    HPDF_Page_BeginText(c->page);
    c->in_text = 1;
    c->tx = c->ty = 0; /* BT resets the text line matrix (and nothing else) */
    vb_buf_reset(&c->ops);
}

static void end_text(pdf_ctx *c)
{
    if (!c->in_text)
        return;
    if (c->ops.len && vb_hobj_page_write(c->page, c->ops.data, c->ops.len) != HPDF_OK && !c->error_no)
        c->error_no = HPDF_GetError(c->pdf) ? HPDF_GetError(c->pdf) : HPDF_FILE_IO_ERROR;
    vb_buf_reset(&c->ops);
    HPDF_Page_EndText(c->page);
    c->in_text = 0;
}

static void put_rgb(vb_buf *b, uint32_t color)
{
    for (int shift = 16; shift >= 0; shift -= 8) {
        put_fixed(b, llround(((color >> shift) & 0xff) * 1000.0 / 255.0), 3);
        vb_buf_putc(b, ' ');
    }
}

/* Appends "x y w h" (without the operator), each in hundredths of a point. */
static void put_rect(vb_buf *p, double x, double y, double w, double h)
{
    long long x0 = centi(x), y0 = centi(y);
    put_fixed(p, x0, 2);
    vb_buf_putc(p, ' ');
    put_fixed(p, y0, 2);
    vb_buf_putc(p, ' ');
    /* the far corner rounded as the near one is, so that abutting boxes
     * still meet */
    put_fixed(p, centi(x + w) - x0, 2);
    vb_buf_putc(p, ' ');
    put_fixed(p, centi(y + h) - y0, 2);
}

/* Appends to c->path the line width and stroke colour the item needs, when
 * the stream has not set them already. */
static void set_stroke(pdf_ctx *c, double width, uint32_t color)
{
    vb_buf *p = &c->path;
    long long w = milli(width);
    if (w != c->line_w) {
        put_fixed(p, w, 3);
        vb_buf_puts(p, " w\n");
        c->line_w = w;
    }
    if (color != c->stroke) {
        put_rgb(p, color);
        vb_buf_puts(p, "RG\n");
        c->stroke = color;
    }
}

/* Writes c->path to the page: complete paths, outside any text object,
 * which libharu's own drawing state does not need to know about (it draws
 * only images here, inside q … Q). */
static vb_err put_path(pdf_ctx *c)
{
    if (c->path.failed)
        return VB_ERR_NOMEM;
    if (vb_hobj_page_write(c->page, c->path.data, c->path.len) != HPDF_OK || hpdf_failed(c))
        return hpdf_error(c);
    return VB_OK;
}

static vb_err draw_text(pdf_ctx *c, const vb_item *it)
{
    const vb_glyph_run *run = &it->u.text;
    if (!run_drawn(run))
        return VB_OK;
    face_use *fu = &c->face[run->face];
    vb_buf *b = &c->ops;
    if (!c->in_text)
        begin_text(c);

    long long size = milli(run->size);
    if ((int)run->face != c->cur_face || size != c->cur_size) {
        if (!c->font_name[run->face]) {
            c->font_name[run->face] = vb_hobj_page_font_name(c->page, fu->font);
            if (!c->font_name[run->face])
                return hpdf_error(c);
        }
        vb_buf_putc(b, '/');
        vb_buf_puts(b, c->font_name[run->face]);
        vb_buf_putc(b, ' ');
        put_fixed(b, size, 3);
        vb_buf_puts(b, " Tf\n");
        c->cur_face = (int)run->face;
        c->cur_size = size;
    }
    /* The run's own colour; layout may leave it black and colour the item. */
    uint32_t color = run->color ? run->color : it->color;
    if (color != c->fill) {
        put_rgb(b, color);
        vb_buf_puts(b, "rg\n");
        c->fill = color;
    }
    long long x = centi(run->x), y = centi(c->page_h - run->y);
    int turned = run->angle != 0 && isfinite(run->angle);
    if (turned) {
        /* a turned run (the draft watermark): its own text matrix, reset
         * after it so that the next run's Td starts from the origin */
        double a = run->angle * M_PI / 180;
        long long co = milli(cos(a)), si = milli(sin(a));
        put_fixed(b, co, 3);
        vb_buf_putc(b, ' ');
        put_fixed(b, si, 3);
        vb_buf_putc(b, ' ');
        put_fixed(b, -si, 3);
        vb_buf_putc(b, ' ');
        put_fixed(b, co, 3);
        vb_buf_putc(b, ' ');
        put_fixed(b, x, 2);
        vb_buf_putc(b, ' ');
        put_fixed(b, y, 2);
        vb_buf_puts(b, " Tm\n[");
    } else {
        /* relative to the previous line's origin: short numbers, and the
         * same ones again and again (the line pitch) for deflate */
        put_fixed(b, x - c->tx, 2);
        vb_buf_putc(b, ' ');
        put_fixed(b, y - c->ty, 2);
        vb_buf_puts(b, " Td\n[");
        c->tx = x;
        c->ty = y;
    }

    /* pen: where the viewer's text position is, in thousandths of an em
     * from the run's start. Before each glyph, an adjustment moves it to the
     * glyph's place (kerning, justification); computing from the pen rather
     * than from the previous glyph keeps rounding from adding up. /W holds
     * whole units, so the pen drifts by a fraction of a unit per glyph:
     * drift below one unit (0.014 pt at 14 pt) is left alone rather than
     * corrected at nearly every glyph, which would double the stream. */
    double k = 1000.0 / (size / 1000.0), pen = 0;
    int open = 0;
    float rise = 0;
    for (uint32_t i = 0; i < run->n; i++) {
        const vb_pglyph *g = &run->glyphs[i];
        if (g->dy != rise) {
            if (open)
                vb_buf_putc(b, ')');
            open = 0;
            vb_buf_puts(b, "] TJ\n");
            put_fixed(b, centi(g->dy), 2);
            vb_buf_puts(b, " Ts\n[");
            rise = g->dy;
        }
        double drift = pen - g->x * k;
        if (drift >= 1.0 || drift <= -1.0) {
            long long adj = llround(drift);
            if (open)
                vb_buf_putc(b, ')');
            open = 0;
            put_fixed(b, adj, 0);
            pen -= (double)adj;
        }
        if (!open)
            vb_buf_putc(b, '(');
        open = 1;
        unsigned ng = fu->to_new[g->gid];
        put_code(b, ng);
        pen += ng < fu->n_new ? fu->width[ng] : 0;
    }
    if (open)
        vb_buf_putc(b, ')');
    vb_buf_puts(b, "] TJ\n");
    if (rise != 0)
        vb_buf_puts(b, "0 Ts\n");
    if (turned) {
        vb_buf_puts(b, "1 0 0 1 0 0 Tm\n");
        c->tx = c->ty = 0;
    }
    if (b->failed)
        return VB_ERR_NOMEM;

    if (run->underline) {
        /* A filled bar in the text's colour (the fill colour set above). */
        end_text(c);
        double w = run->width;
        if (!(w > 0)) {
            const vb_pglyph *last = &run->glyphs[run->n - 1];
            w = last->x + (double)last->advance * run->size / fu->vf->upem;
        }
        double top = c->page_h - run->y + fu->ul_pos * run->size, th = fu->ul_thick * run->size;
        vb_buf *p = &c->path;
        vb_buf_reset(p);
        put_rect(p, run->x, top - th, w, th);
        vb_buf_puts(p, " re f\n");
        return put_path(c);
    }
    return VB_OK;
}

/* ---- images ---- */

/* libharu's own PNG loader (2.3.0, and 2.4 alike) gives libpng an error
 * callback that returns without jumping anywhere, so libpng aborts the whole
 * process on a damaged file. png.c decodes the file instead, with an error
 * handler that comes back, and libharu gets raw samples: the colour as one
 * image, the alpha as a second one set as its soft mask. */
static vb_err load_image(pdf_ctx *c, const vb_item *it, HPDF_Image *out)
{
    const char *path = it->u.image.path ? it->u.image.path : "";
    for (size_t i = 0; i < c->n_images; i++)
        if (!strcmp(c->images[i].path, path)) {
            *out = c->images[i].img;
            return VB_OK;
        }
    if (c->n_images == c->cap_images) {
        size_t cap = c->cap_images ? c->cap_images * 2 : 4;
        image_use *v = realloc(c->images, cap * sizeof *v);
        if (!v)
            return VB_ERR_NOMEM;
        c->images = v;
        c->cap_images = cap;
    }
    vb_png_image pic;
    int owned;
    vb_err err = vb_item_pixels(it, c->max_pixels, &pic, &owned, c->diag);
    if (err)
        return err;
    HPDF_Image img = HPDF_LoadRawImageFromMem(c->pdf, pic.pixels, pic.w, pic.h,
                                              pic.channels == 1 ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB, 8);
    if (img)
        vb_hobj_image_deflate(c->pdf, img, c->compact ? VB_HOBJ_DEFLATE_MAX : VB_HOBJ_IMAGE_DEFLATE);
    if (img && pic.alpha) {
        HPDF_Image mask = HPDF_LoadRawImageFromMem(c->pdf, pic.alpha, pic.w, pic.h, HPDF_CS_DEVICE_GRAY, 8);
        if (mask) {
            vb_hobj_image_deflate(c->pdf, mask, c->compact ? VB_HOBJ_DEFLATE_MAX : VB_HOBJ_IMAGE_DEFLATE);
            vb_hobj_image_set_smask(img, mask);
        }
    }
    if (!img || hpdf_failed(c)) {
        err = hpdf_error(c);
        goto done;
    }
    c->images[c->n_images++] = (image_use){path, img};
    *out = img;
done:
    if (owned)
        vb_png_image_free(&pic);
    return err;
}

static vb_err draw_item(pdf_ctx *c, const vb_item *it)
{
    if (it->kind == VB_ITEM_TEXT)
        return draw_text(c, it);
    end_text(c); /* path operators and images live outside text objects */
    HPDF_Page page = c->page;
    double h = c->page_h;
    switch (it->kind) {
    case VB_ITEM_RULE: {
        if (!(it->u.rule.width >= 0))
            break;
        vb_buf *p = &c->path;
        vb_buf_reset(p);
        set_stroke(c, it->u.rule.width, it->color);
        put_fixed(p, centi(it->u.rule.x1), 2);
        vb_buf_putc(p, ' ');
        put_fixed(p, centi(h - it->u.rule.y1), 2);
        vb_buf_puts(p, " m ");
        put_fixed(p, centi(it->u.rule.x2), 2);
        vb_buf_putc(p, ' ');
        put_fixed(p, centi(h - it->u.rule.y2), 2);
        vb_buf_puts(p, " l S\n");
        return put_path(c);
    }
    case VB_ITEM_FRAME: {
        if (!(it->u.frame.width >= 0))
            break;
        vb_buf *p = &c->path;
        vb_buf_reset(p);
        set_stroke(c, it->u.frame.width, it->color);
        put_rect(p, it->u.frame.x, h - it->u.frame.y - it->u.frame.h, it->u.frame.w, it->u.frame.h);
        vb_buf_puts(p, " re S\n");
        return put_path(c);
    }
    case VB_ITEM_IMAGE: {
        HPDF_Image img = NULL;
        vb_err err = load_image(c, it, &img);
        if (err)
            return err;
        /* what HPDF_Page_DrawImage writes, with 0.01 pt numbers: the
         * image's unit square scaled onto its box, inside q … Q */
        vb_buf *p = &c->path;
        vb_buf_reset(p);
        vb_buf_puts(p, "q ");
        long long x0 = centi(it->u.image.x), y0 = centi(h - it->u.image.y - it->u.image.h);
        put_fixed(p, centi(it->u.image.x + it->u.image.w) - x0, 2);
        vb_buf_puts(p, " 0 0 ");
        put_fixed(p, centi(h - it->u.image.y) - y0, 2);
        vb_buf_putc(p, ' ');
        put_fixed(p, x0, 2);
        vb_buf_putc(p, ' ');
        put_fixed(p, y0, 2);
        vb_buf_puts(p, " cm\n");
        err = put_path(c);
        if (err)
            return err;
        HPDF_Page_ExecuteXObject(page, img);
        vb_buf_reset(p);
        vb_buf_puts(p, "Q\n");
        return put_path(c);
    }
    case VB_ITEM_TEXT:
        break;
    }
    return VB_OK;
}

static vb_err draw_page(pdf_ctx *c, const vb_page *pg)
{
    c->page = HPDF_AddPage(c->pdf);
    if (!c->page || hpdf_failed(c))
        return hpdf_error(c);
    HPDF_Page_SetWidth(c->page, pg->width);
    HPDF_Page_SetHeight(c->page, pg->height);
    c->page_h = pg->height;
    memset((void *)c->font_name, 0, sizeof c->font_name);
    c->in_text = 0;
    /* a page starts from the default graphics state: no font, black
     * (DeviceGray 0 is the same black), line width 1, which is set anyway */
    c->cur_face = -1;
    c->cur_size = -1;
    c->fill = VB_BLACK;
    c->stroke = VB_BLACK;
    c->line_w = -1;
    for (size_t k = 0; k < pg->n_items; k++) {
        vb_err err = draw_item(c, &pg->items[k]);
        if (err) {
            c->in_text = 0;
            return err;
        }
    }
    end_text(c);
    if (!hpdf_failed(c))
        vb_hobj_page_deflate(c->pdf, c->page, c->level);
    return hpdf_failed(c) ? hpdf_error(c) : VB_OK;
}

/* ---- signature fields ---- */

/* Longest field name kept, in bytes. */
#define FIELD_NAME_MAX 200

/* The field's name as PDF wants it: no '.' (it separates the parts of a
 * qualified name), not empty, and unlike the n names before it (" 2",
 * " 3" … added). Returns a new string, or NULL. */
static char *field_name(const char *want, char *const *before, size_t n)
{
    char *name = malloc(FIELD_NAME_MAX + 16);
    if (!name)
        return NULL;
    size_t len = 0;
    for (const char *s = want ? want : ""; *s && len < FIELD_NAME_MAX; s++)
        if (*s != '.')
            name[len++] = *s;
    while (len && (name[len - 1] == ' ' || (name[len - 1] & 0xc0) == 0xc0))
        len--; /* trailing blanks, and the lead byte of a character cut short */
    name[len] = 0;
    if (!len)
        len = (size_t)snprintf(name, FIELD_NAME_MAX, "%s", "chu_ky");
    for (unsigned k = 2;; k++) {
        int clash = 0;
        for (size_t i = 0; i < n && !clash; i++)
            clash = !strcmp(before[i], name);
        if (!clash)
            return name;
        snprintf(name + len, 16, " %u", k);
    }
}

/* One empty signature field for each field box layout recorded. */
static vb_err write_fields(pdf_ctx *c, const vb_pages *P)
{
    size_t n = 0;
    for (size_t i = 0; i < P->n_boxes; i++)
        n += P->boxes[i].field != NULL;
    if (!n)
        return VB_OK;
    char **names = calloc(n, sizeof *names);
    if (!names)
        return VB_ERR_NOMEM;
    vb_err err = VB_OK;
    size_t k = 0;
    for (size_t i = 0; i < P->n_boxes && !err; i++) {
        const vb_box *b = &P->boxes[i];
        if (!b->field || b->page < 0 || (size_t)b->page >= P->n_pages)
            continue;
        names[k] = field_name(b->field, names, k);
        if (!names[k]) {
            err = VB_ERR_NOMEM;
            break;
        }
        double h = P->pages[b->page].height;
        double rect[4] = {b->x, h - b->y - b->h, b->x + b->w, h - b->y};
        if (vb_hobj_sig_field_add(c->pdf, c->pages[b->page], names[k], rect) != HPDF_OK || hpdf_failed(c))
            err = hpdf_error(c);
        k++;
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return err;
}

/* ---- the information dictionary ---- */

static vb_err write_info(pdf_ctx *c, const vb_props *info)
{
    static const char *const keys[] = {"Title", "Author", "Subject", "Keywords", "Creator", "Producer"};
    const char *vals[] = {info->title, info->author, info->subject, info->keywords, info->creator, info->producer};
    for (int i = 0; i < 6; i++)
        vb_hobj_info_set_text(c->pdf, keys[i], vals[i]);
    if (info->year > 0) {
        /* D:YYYYMMDDHHmmSS+HH'mm' — the date given, never the clock, so the
         * same input gives the same file. */
        char date[40];
        int tz = info->tz_minutes, atz = tz < 0 ? -tz : tz;
        int n = snprintf(date, sizeof date, "D:%04d%02d%02d%02d%02d%02d", info->year % 10000, info->month % 100,
                         info->day % 100, info->hour % 100, info->minute % 100, info->second % 100);
        if (tz == 0)
            snprintf(date + n, sizeof date - (size_t)n, "Z");
        else
            snprintf(date + n, sizeof date - (size_t)n, "%c%02d'%02d'", tz < 0 ? '-' : '+', (atz / 60) % 100,
                     atz % 60);
        vb_hobj_info_set_text(c->pdf, "CreationDate", date);
        vb_hobj_info_set_text(c->pdf, "ModDate", date);
    }
    return hpdf_failed(c) ? hpdf_error(c) : VB_OK;
}

static vb_err save(pdf_ctx *c, vb_buf *out)
{
    if (HPDF_SaveToStream(c->pdf) != HPDF_OK || hpdf_failed(c))
        return hpdf_error(c);
    HPDF_UINT32 size = HPDF_GetStreamSize(c->pdf);
    if (!vb_buf_reserve(out, size))
        return VB_ERR_NOMEM;
    if (vb_hobj_saved_copy(c->pdf, (unsigned char *)out->data + out->len, size) != size) {
        if (!c->error_no)
            c->error_no = HPDF_STREAM_EOF;
        return hpdf_error(c);
    }
    out->len += size;
    /* PDF 1.5 object and cross-reference streams: 13 % smaller; when the
     * file is not as expected it stays as libharu wrote it */
    vb_pdf_pack_objects(out, out->len - size, c->compact ? VB_HOBJ_DEFLATE_MAX : VB_OBJSTM_DEFLATE);
    return VB_OK;
}

vb_err vb_pdf_write(const vb_pages *pages, const vb_fontset *fs, const vb_props *info, vb_buf *out,
                    vb_diag *diag)
{
    pdf_ctx ctx;
    pdf_ctx *c = &ctx;
    memset(c, 0, sizeof *c);
    c->diag = diag;
    c->compact = info && info->compact;
    c->level = c->compact ? VB_HOBJ_DEFLATE_MAX : VB_HOBJ_DEFLATE;
    if (info && info->max_image_pixels)
        c->max_pixels = info->max_image_pixels;
    else
        c->max_pixels = ((vb_limits)VB_LIMITS_DEFAULT).max_image_pixels;
    vb_buf scratch = VB_BUF_INIT;
    vb_err err = VB_OK;
    size_t errors_before = vb_diag_errors(diag);

    if (!pages->n_pages) {
        /* readers reject a file without pages */
        vb_diag_emit(diag, (vb_srcpos){0}, VB_ERROR, "PDF writer: there are no pages to write");
        return VB_ERR_INTERNAL;
    }
    c->pdf = HPDF_New(on_hpdf_error, c);
    if (!c->pdf) {
        err = VB_ERR_NOMEM;
        goto fail;
    }
    /* Before the first page: pages take the mode when they are made. Page
     * text, font files and images are deflated here (hpdf_obj.c), faster
     * than libharu does it, so libharu compresses nothing itself. */
    HPDF_SetCompressionMode(c->pdf, HPDF_COMP_NONE);
    if (hpdf_failed(c)) {
        err = hpdf_error(c);
        goto fail;
    }

    err = collect(c, pages, fs);
    if (err)
        goto fail;
    for (int f = 0; f < VB_FACE_COUNT; f++) {
        if (!c->face[f].vf)
            continue;
        err = subset_face(c, &c->face[f], &scratch);
        if (err)
            goto fail;
    }
    c->pages = calloc(pages->n_pages, sizeof *c->pages);
    if (!c->pages) {
        err = VB_ERR_NOMEM;
        goto fail;
    }
    for (size_t p = 0; p < pages->n_pages; p++) {
        err = draw_page(c, &pages->pages[p]);
        if (err)
            goto fail;
        c->pages[p] = c->page;
    }
    if (!info || !info->no_sign_fields) {
        err = write_fields(c, pages);
        if (err)
            goto fail;
    }
    if (info) {
        err = write_info(c, info);
        if (err)
            goto fail;
    }
    err = save(c, out);

fail:
    if (c->pdf)
        HPDF_Free(c->pdf);
    for (int f = 0; f < VB_FACE_COUNT; f++)
        face_use_free(&c->face[f]);
    free(c->images);
    free(c->pages);
    vb_buf_free(&c->ops);
    vb_buf_free(&c->path);
    vb_buf_free(&scratch);
    if (err && vb_diag_errors(diag) == errors_before)
        vb_diag_emit(diag, (vb_srcpos){0}, VB_ERROR, "PDF writer: %s", vb_strerror(err));
    return err;
}

/* font.c - loading the four faces: HarfBuzz for shaping and subsetting,
 * FreeType to check each file and read its vertical metrics. */
#include "font.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include <hb-ot.h>
#include <hb-subset.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* Every letter of Vietnamese that carries a mark, lower and upper case
 * (67 + 67), plus the plain vowels' neighbours the decree's texts need. */
static const char vi_letters[] =
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ";

static char *name_string(hb_face_t *face, hb_ot_name_id_t id)
{
    char buf[256];
    unsigned len = sizeof buf;
    unsigned n = hb_ot_name_get_utf8(face, id, hb_language_from_string("en", -1), &len, buf);
    if (!n) {
        len = sizeof buf;
        n = hb_ot_name_get_utf8(face, id, HB_LANGUAGE_INVALID, &len, buf);
    }
    if (!n)
        return strdup("");
    buf[len < sizeof buf ? len : sizeof buf - 1] = 0;
    return strdup(buf);
}

/* ---- the subset memo (font.h) ---- */

typedef struct memo_entry {
    uint64_t hash;
    unsigned char *key; /* NULL: a free slot */
    size_t n;           /* the key's bytes */
    unsigned char *data;
    size_t len;
    unsigned long hits;
} memo_entry;

struct vb_subset_memo {
    pthread_mutex_t lock;
    memo_entry e[VB_SUBSET_MEMO];
};

static struct vb_subset_memo *memo_new(void)
{
    struct vb_subset_memo *m = calloc(1, sizeof *m);
    if (m)
        pthread_mutex_init(&m->lock, NULL);
    return m;
}

static void memo_entry_free(memo_entry *e)
{
    free(e->key);
    free(e->data);
    memset(e, 0, sizeof *e);
}

static void memo_free(struct vb_subset_memo *m)
{
    if (!m)
        return;
    for (int i = 0; i < VB_SUBSET_MEMO; i++)
        memo_entry_free(&m->e[i]);
    pthread_mutex_destroy(&m->lock);
    free(m);
}

static uint64_t key_hash(const unsigned char *k, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull ^ n;
    for (size_t i = 0; i < n; i++)
        h = (h ^ k[i]) * 0x100000001b3ull;
    return h;
}

static int memo_match(const memo_entry *e, uint64_t h, const void *key, size_t n)
{
    return e->key && e->hash == h && e->n == n && !memcmp(e->key, key, n);
}

int vb_face_subset_recall(const vb_face *f, const void *key, size_t n, vb_buf *out)
{
    struct vb_subset_memo *m = f->memo;
    if (!m)
        return 0;
    uint64_t h = key_hash(key, n);
    int found = 0;
    pthread_mutex_lock(&m->lock);
    for (int i = 0; i < VB_SUBSET_MEMO && !found; i++)
        if (memo_match(&m->e[i], h, key, n)) {
            size_t before = out->len;
            vb_buf_append(out, m->e[i].data, m->e[i].len);
            found = out->len == before + m->e[i].len;
            m->e[i].hits++;
        }
    pthread_mutex_unlock(&m->lock);
    return found;
}

void vb_face_subset_remember(const vb_face *f, const void *key, size_t n, const void *data, size_t len)
{
    struct vb_subset_memo *m = f->memo;
    if (!m)
        return;
    memo_entry x = {key_hash(key, n), malloc(n ? n : 1), n, malloc(len ? len : 1), len, 0};
    if (!x.key || !x.data) {
        memo_entry_free(&x);
        return;
    }
    memcpy(x.key, key, n);
    memcpy(x.data, data, len);
    pthread_mutex_lock(&m->lock);
    int slot = 0, dup = 0;
    for (int i = 0; i < VB_SUBSET_MEMO; i++) {
        dup |= memo_match(&m->e[i], x.hash, key, n); /* another thread was quicker */
        if (!m->e[i].key || (m->e[slot].key && m->e[i].hits < m->e[slot].hits))
            slot = i;
    }
    memo_entry old = {0};
    if (!dup) {
        old = m->e[slot];
        m->e[slot] = x;
        x = (memo_entry){0};
    }
    pthread_mutex_unlock(&m->lock);
    memo_entry_free(&old);
    memo_entry_free(&x);
}

static void face_free(vb_face *f)
{
    memo_free(f->memo);
    hb_font_destroy(f->font);
    hb_face_destroy(f->face);
    hb_face_destroy(f->subset_src);
    hb_blob_destroy(f->blob);
    free(f->path);
    free(f->family);
    free(f->style);
    free(f->ps_name);
    memset(f, 0, sizeof *f);
}


/* The face must have TrueType outlines (a glyf table): the PDF embeds them. */
static vb_err check_outlines(const vb_face *f, vb_srcpos pos, vb_diag *diag)
{
    hb_blob_t *glyf = hb_face_reference_table(f->face, HB_TAG('g', 'l', 'y', 'f'));
    unsigned glyf_len = hb_blob_get_length(glyf);
    hb_blob_destroy(glyf);
    if (!glyf_len) {
        vb_diag_emit(diag, pos, VB_ERROR, "the font has no TrueType outlines (glyf table); use a .ttf file");
        return VB_ERR_FONT;
    }
    return VB_OK;
}

/* Units per em, vertical metrics, bounding box and the PDF descriptor's
 * values, from FreeType. */
static vb_err read_metrics(vb_face *f, FT_Face ftf, vb_srcpos pos, vb_diag *diag)
{
    f->upem = ftf->units_per_EM;
    if (f->upem < 16 || f->upem > 16384) {
        vb_diag_emit(diag, pos, VB_ERROR, "the font's units per em (%u) are out of range", f->upem);
        return VB_ERR_FONT;
    }
    /* FreeType's ascender/descender/height come from hhea (or OS/2 when hhea
     * is empty): the metrics Word and LibreOffice use for “single” spacing. */
    f->ascender = ftf->ascender;
    f->descender = -ftf->descender;
    f->line_gap = ftf->height - (ftf->ascender - ftf->descender);
    if (f->line_gap < 0)
        f->line_gap = 0;
    if (f->ascender <= 0 || f->descender < 0) {
        vb_diag_emit(diag, pos, VB_ERROR, "the font has no usable ascender/descender");
        return VB_ERR_FONT;
    }
    f->bbox[0] = (int)ftf->bbox.xMin;
    f->bbox[1] = (int)ftf->bbox.yMin;
    f->bbox[2] = (int)ftf->bbox.xMax;
    f->bbox[3] = (int)ftf->bbox.yMax;
    TT_OS2 *os2 = FT_Get_Sfnt_Table(ftf, FT_SFNT_OS2);
    if (os2 && os2->version >= 2) {
        f->cap_height = os2->sCapHeight;
        f->x_height = os2->sxHeight;
    }
    if (!f->cap_height)
        f->cap_height = f->ascender * 7 / 10;
    TT_Postscript *post = FT_Get_Sfnt_Table(ftf, FT_SFNT_POST);
    if (post)
        f->italic_angle_deg = (int)(post->italicAngle / 65536);
    f->stem_v = (ftf->style_flags & FT_STYLE_FLAG_BOLD) ? 120 : 80;
    /* PDF font descriptor flags: Serif (2) | Nonsymbolic (32) | Italic (64) */
    f->flags = 2 | 32 | ((ftf->style_flags & FT_STYLE_FLAG_ITALIC) ? 64 : 0);
    return VB_OK;
}

/* The HarfBuzz font (scaled to font units) and the face's names. */
static void make_font(vb_face *f)
{
    f->font = hb_font_create(f->face);
    hb_font_set_scale(f->font, (int)f->upem, (int)f->upem);
    hb_font_make_immutable(f->font);
    f->family = name_string(f->face, HB_OT_NAME_ID_FONT_FAMILY);
    f->style = name_string(f->face, HB_OT_NAME_ID_FONT_SUBFAMILY);
    f->ps_name = name_string(f->face, HB_OT_NAME_ID_POSTSCRIPT_NAME);
}

/* The space's glyph and advance, which the line breaker needs. */
static vb_err find_space(vb_face *f, vb_srcpos pos, vb_diag *diag)
{
    hb_codepoint_t gid;
    if (!hb_font_get_nominal_glyph(f->font, ' ', &gid)) {
        vb_diag_emit(diag, pos, VB_ERROR, "the font has no space character");
        return VB_ERR_FONT;
    }
    f->space_gid = gid;
    f->space_advance = hb_font_get_glyph_h_advance(f->font, gid);
    return VB_OK;
}

/* The decree's text is Vietnamese: a face that cannot show every letter
 * would print holes. */
static vb_err check_vietnamese(const vb_face *f, vb_srcpos pos, vb_diag *diag)
{
    hb_codepoint_t gid;
    char missing[256];
    size_t mlen = 0;
    for (size_t i = 0; vi_letters[i];) {
        uint32_t cp;
        size_t n = vb_utf8_decode(vi_letters + i, strlen(vi_letters + i), &cp);
        if (!hb_font_get_nominal_glyph(f->font, cp, &gid) && mlen + n + 1 < sizeof missing) {
            memcpy(missing + mlen, vi_letters + i, n);
            mlen += n;
        }
        i += n;
    }
    missing[mlen] = 0;
    if (mlen) {
        vb_diag_emit(diag, pos, VB_ERROR, "the font lacks Vietnamese letters: %s", missing);
        return VB_ERR_FONT;
    }
    return VB_OK;
}

static vb_err face_load(vb_face *f, FT_Library ft, const char *path, vb_diag *diag)
{
    vb_srcpos pos = {path, 0, 0};
    f->path = strdup(path);
    if (!(f->memo = memo_new()))
        return VB_ERR_NOMEM;
    f->blob = hb_blob_create_from_file_or_fail(path);
    if (!f->blob) {
        vb_diag_emit(diag, pos, VB_ERROR, "cannot read the font file");
        return VB_ERR_FONT;
    }
    unsigned size = 0;
    const char *data = hb_blob_get_data(f->blob, &size);
    FT_Face ftf = NULL;
    if (!size || FT_New_Memory_Face(ft, (const FT_Byte *)data, (FT_Long)size, 0, &ftf)) {
        vb_diag_emit(diag, pos, VB_ERROR, "not a font file that FreeType can read");
        return VB_ERR_FONT;
    }
    vb_err err = VB_OK;
    if (!FT_IS_SFNT(ftf) || !FT_IS_SCALABLE(ftf)) {
        vb_diag_emit(diag, pos, VB_ERROR, "not a TrueType/OpenType font");
        err = VB_ERR_FONT;
        goto done;
    }
    f->face = hb_face_create(f->blob, 0);
    if ((err = check_outlines(f, pos, diag)) || (err = read_metrics(f, ftf, pos, diag)))
        goto done;
    make_font(f);
    if ((err = find_space(f, pos, diag)))
        goto done;
    err = check_vietnamese(f, pos, diag);
done:
    FT_Done_Face(ftf);
    return err;
}

vb_err vb_fontset_load(vb_fontset **out, const char *const paths[VB_FACE_COUNT], vb_diag *diag)
{
    *out = NULL;
    if (!paths[VB_FACE_REGULAR]) {
        vb_diag_emit(diag, (vb_srcpos){0}, VB_ERROR, "no regular font face given");
        return VB_ERR_FONT;
    }
    vb_fontset *fs = calloc(1, sizeof *fs);
    if (!fs)
        return VB_ERR_NOMEM;
    FT_Library ft;
    if (FT_Init_FreeType(&ft)) {
        free(fs);
        return VB_ERR_FONT;
    }
    vb_err err = VB_OK;
    for (int i = 0; i < VB_FACE_COUNT && !err; i++) {
        const char *p = paths[i] ? paths[i] : paths[VB_FACE_REGULAR];
        err = face_load(&fs->face[i], ft, p, diag);
    }
    FT_Done_FreeType(ft);
    if (err) {
        vb_fontset_free(fs);
        return err;
    }
    *out = fs;
    return VB_OK;
}

vb_err vb_fontset_prepare_subsetting(vb_fontset *fs)
{
    for (int i = 0; i < VB_FACE_COUNT; i++) {
        if (fs->face[i].subset_src)
            continue;
        fs->face[i].subset_src = hb_subset_preprocess(fs->face[i].face);
        if (!fs->face[i].subset_src)
            return VB_ERR_NOMEM;
        hb_face_make_immutable(fs->face[i].subset_src);
    }
    return VB_OK;
}

hb_face_t *vb_face_subset_source(const vb_face *cf)
{
    /* The two lazy fields are the only ones written after load; they are
     * touched only through atomics, so casting away const here is safe. */
    vb_face *f = (vb_face *)cf;
    hb_face_t *src = __atomic_load_n(&f->subset_src, __ATOMIC_ACQUIRE);
    if (src)
        return src;
    if (__atomic_add_fetch(&f->subset_uses, 1, __ATOMIC_RELAXED) != VB_SUBSET_PREPROCESS_AFTER)
        return f->face;
    hb_face_t *p = hb_subset_preprocess(f->face);
    if (!p || p == hb_face_get_empty()) /* no memory: keep subsetting the plain face */
        return f->face;
    hb_face_make_immutable(p);
    hb_face_t *expected = NULL;
    if (!__atomic_compare_exchange_n(&f->subset_src, &expected, p, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        hb_face_destroy(p);
        return expected;
    }
    return p;
}

void vb_fontset_free(vb_fontset *fs)
{
    if (!fs)
        return;
    for (int i = 0; i < VB_FACE_COUNT; i++)
        face_free(&fs->face[i]);
    free(fs);
}

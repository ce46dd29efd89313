/* font.h - the font family: four faces loaded once, shared read-only.
 *
 * A vb_fontset is immutable after vb_fontset_load(): shaping with it from
 * several threads at once is safe (HarfBuzz fonts are made immutable). */
#ifndef VB_FONT_H
#define VB_FONT_H

#include <hb.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "err.h"
#include "style.h"

typedef struct vb_face {
    char *path;           /* the file it came from */
    char *family, *style; /* from the name table ("Liberation Serif", "Bold") */
    char *ps_name;        /* PostScript name ("LiberationSerif-Bold") */
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font;      /* scale = units per em */
    /* hb_subset_preprocess()ed copy, or NULL: made at load for batch runs,
     * else lazily by vb_face_subset_source() once the face has been subset
     * often enough to pay for it. Set once, atomically. */
    hb_face_t *subset_src;
    unsigned subset_uses; /* subsets made from this face (atomic counter) */
    struct vb_subset_memo *memo; /* subsets kept for the next document (font.c) */
    unsigned upem;
    /* metrics in font units (hhea, as Word and LibreOffice use for “single”) */
    int ascender, descender, line_gap; /* descender is positive (a depth) */
    int cap_height, x_height;
    int italic_angle_deg, stem_v, flags;
    int bbox[4];          /* head: xMin yMin xMax yMax */
    uint32_t space_gid;
    int32_t space_advance;
} vb_face;

typedef struct vb_fontset {
    vb_face face[VB_FACE_COUNT];
} vb_fontset;

/* Loads the four faces named by paths (any of them NULL falls back to the
 * regular face, which must exist). Each face is checked with FreeType and
 * must hold TrueType outlines and the Vietnamese letters. On failure returns
 * VB_ERR_FONT with a message in diag naming the file. The caller frees the
 * set with vb_fontset_free. */
vb_err vb_fontset_load(vb_fontset **out, const char *const paths[VB_FACE_COUNT], vb_diag *diag);
void vb_fontset_free(vb_fontset *fs);

/* Prepares each face for fast repeated subsetting (hb_subset_preprocess):
 * costs tens of milliseconds once, then saves time on every document. Worth
 * it for batches, not for one document. Call before sharing the set between
 * threads. */
vb_err vb_fontset_prepare_subsetting(vb_fontset *fs);

/* The face to subset from: the preprocessed copy once there is one. Counts
 * the call, and on the VB_SUBSET_PREPROCESS_AFTER-th subset of this face
 * preprocesses it (tens of ms, once), so an engine that renders many
 * documents stops paying the full price of hb_subset_plan_create per
 * document while a single cold render pays nothing extra. The subsets are
 * the same bytes either way. Safe to call from several threads at once. */
hb_face_t *vb_face_subset_source(const vb_face *f);

/* Preprocessing one face costs about as much as 20 subsets of the plain
 * face save (callgrind, Liberation Serif: 23 M instructions against 1.1 M
 * saved per document): the ski-rental point, so a long run loses at most
 * that much and a short one nothing. */
#define VB_SUBSET_PREPROCESS_AFTER 20

/* Subsets an engine keeps per face, so that a document drawing the same
 * glyphs as an earlier one (a batch's rows, a report rendered again) copies
 * the earlier subset instead of running HarfBuzz's subsetter. The PDF writer
 * decides what a memo holds (the font program and the glyph mapping);
 * subsetting is deterministic, so the bytes are those a new subset would
 * have. Both calls are safe from several threads at once. */

/* What vb_face_subset_remember kept for exactly key[0..key_len) (the PDF
 * writer's: the glyphs kept and the text each stands for), copied into out
 * (after what it holds): 1, else 0 (none, or out of memory). */
int vb_face_subset_recall(const vb_face *f, const void *key, size_t key_len, vb_buf *out);

/* Keeps data[0..len) for key. A face keeps VB_SUBSET_MEMO subsets: a new
 * one replaces the one recalled least often. Out of memory keeps nothing,
 * quietly. */
void vb_face_subset_remember(const vb_face *f, const void *key, size_t key_len, const void *data, size_t len);

/* A batch's rows mostly draw one set of glyphs per face, with a few sets for
 * unusual names; a three-page report's subsets are about 10 KB per face. */
#define VB_SUBSET_MEMO 8

/* The face for a combination of bold and italic. */
static inline const vb_face *vb_fontset_face(const vb_fontset *fs, vb_face_id id)
{
    return &fs->face[id];
}

/* Single line height of a face at `size` pt: (ascender + descender + line gap) × size / upem. */
static inline double vb_face_line_height(const vb_face *f, double size)
{
    return (double)(f->ascender + f->descender + f->line_gap) * size / f->upem;
}

/* The face a role's text is set in. */
static inline const vb_face *vb_role_face(const vb_fontset *fs, const vb_role_style *r)
{
    return &fs->face[vb_face_for(r->bold, r->italic)];
}

/* A role's distance from one baseline to the next. */
static inline double vb_role_pitch(const vb_fontset *fs, const vb_role_style *r)
{
    return vb_face_line_height(vb_role_face(fs, r), r->size) * r->line_spacing;
}

static inline double vb_face_ascent(const vb_face *f, double size)
{
    return (double)f->ascender * size / f->upem;
}

static inline double vb_face_descent(const vb_face *f, double size)
{
    return (double)f->descender * size / f->upem;
}

/* A role's distance from the top of its line box to the baseline: the
 * extra room of the line gap and of spacing above single goes above the
 * letters. Layout sets lines so; a writer that sets them again (the DOCX)
 * places them the same way. */
static inline double vb_role_base(const vb_fontset *fs, const vb_role_style *r)
{
    return vb_role_pitch(fs, r) - vb_face_descent(vb_role_face(fs, r), r->size);
}

#endif

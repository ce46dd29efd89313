/* shape_priv.h - what shape.c and shape_para.c share: the shaper's state
 * and shaping one piece of text into the HarfBuzz buffer. Not for use
 * outside src/layout. */
#ifndef VB_SHAPE_PRIV_H
#define VB_SHAPE_PRIV_H

#include <hb.h>

#include "buf.h"
#include "shape.h"

/* One shaped glyph as the word cache keeps it; cluster is a byte offset
 * into the text that was shaped. */
typedef struct vb_sglyph {
    uint32_t gid, cluster;
    int32_t adv, dy;
} vb_sglyph;

typedef struct cache_entry cache_entry;

struct vb_shaper {
    const vb_fontset *fs;
    hb_buffer_t *buf;
    hb_feature_t features[3];
    hb_shape_plan_t *plan[VB_FACE_COUNT]; /* per face, made on first use */
    hb_segment_properties_t props;
    vb_arena *scratch; /* per paragraph, reset after each */
    /* the word cache (shape.c): each distinct word shaped once, and each
     * distinct word's lexicon key computed once, while the shaper lives (a
     * pool keeps it from one document to the next); entries live in
     * words_arena until the cache is cleared */
    vb_arena *words_arena;
    cache_entry **words;
    size_t n_words, cap_words; /* entries, buckets (a power of two) */
    vb_buf memo_key;           /* vb_para_layout's key, reused */
    vb_sglyph *out;            /* vb_shape_words' result, reused */
    size_t cap_out;
};

/* Shapes text (len bytes) in a face into s->buf: Latin script, Vietnamese,
 * left to right, one cluster per character, no kerning or ligatures. */
void vb_shape_buffer(vb_shaper *s, vb_face_id face, const char *text, size_t len);

/* The same glyphs as vb_shape_buffer gives for text, shaped word by word
 * through the document's cache, so a word the document repeats is shaped
 * once (a report repeats most of its words). *out is valid until the next
 * call; clusters are byte offsets into text. Returns the number of glyphs,
 * or SIZE_MAX when out of memory. */
size_t vb_shape_words(vb_shaper *s, vb_face_id face, const char *text, size_t len, const vb_sglyph **out);

/* vb_lexicon_key of a word (len bytes), computed once per distinct word
 * through the same cache: *key is NULL when the word has none (*key_len 0),
 * and stays valid while the shaper shapes (the cache is cleared only between
 * documents, vb_shaper_pool_give). Returns 0 when out of memory. */
int vb_shaper_word_key(vb_shaper *s, const char *word, size_t len, const char **key, size_t *key_len);

/* What vb_shaper_memo_put kept for key[0..len), or NULL. The memo shares the
 * word cache's table and life (cleared between documents past a bound), so
 * value must live in s->words_arena. */
const void *vb_shaper_memo_get(const vb_shaper *s, const void *key, size_t len);
/* Keeps value for key (copied); 0 when out of memory (nothing kept). */
int vb_shaper_memo_put(vb_shaper *s, const void *key, size_t len, const void *value);

/* The UAX #14 break action after each space of text (total bytes), as
 * libunibreak's set_linebreaks_utf8 gives it, into brk at the spaces only;
 * 0 when the text holds a character the fast path does not know (shape_para.c). */
int vb_space_breaks(const char *text, size_t total, char *brk);

#endif

/* shape.c - the shaper: HarfBuzz buffers and fonts, and the width of a
 * piece of text. A paragraph's lines are shape_para.c's. */
#include "shape_priv.h"

#include <hb.h>
#include <linebreak.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"


static pthread_once_t lb_once = PTHREAD_ONCE_INIT;

void vb_shape_global_init(void)
{
    pthread_once(&lb_once, init_linebreak);
}

vb_shaper *vb_shaper_new(const vb_fontset *fs)
{
    vb_shape_global_init();
    vb_shaper *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->fs = fs;
    s->buf = hb_buffer_create();
    s->scratch = vb_arena_new();
    s->words_arena = vb_arena_new();
    if (!hb_buffer_allocation_successful(s->buf) || !s->scratch || !s->words_arena) {
        vb_shaper_free(s);
        return NULL;
    }
    /* No kerning and no ligatures: Word and LibreOffice set Times New Roman
     * without either by default, so the DOCX breaks lines where we do; a
     * ligature would also merge letters in the text layer. */
    hb_feature_from_string("-kern", -1, &s->features[0]);
    hb_feature_from_string("-liga", -1, &s->features[1]);
    hb_feature_from_string("-clig", -1, &s->features[2]);
    s->props = (hb_segment_properties_t){HB_DIRECTION_LTR, HB_SCRIPT_LATIN, hb_language_from_string("vi", 2), 0, 0};
    return s;
}

void vb_shaper_free(vb_shaper *s)
{
    if (!s)
        return;
    for (int i = 0; i < VB_FACE_COUNT; i++)
        hb_shape_plan_destroy(s->plan[i]);
    hb_buffer_destroy(s->buf);
    vb_arena_free(s->scratch);
    vb_arena_free(s->words_arena);
    vb_buf_free(&s->memo_key);
    free(s->words);
    free(s->out);
    free(s);
}

/* At most this many idle shapers stay in a pool: one per thread that
 * renders at once is all it needs. */
#define POOL_MAX 32

struct vb_shaper_pool {
    const vb_fontset *fs;
    pthread_mutex_t lock;
    vb_shaper *idle[POOL_MAX];
    size_t n;
};

vb_shaper_pool *vb_shaper_pool_new(const vb_fontset *fs)
{
    vb_shaper_pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->fs = fs;
    pthread_mutex_init(&p->lock, NULL);
    return p;
}

void vb_shaper_pool_free(vb_shaper_pool *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        vb_shaper_free(p->idle[i]);
    pthread_mutex_destroy(&p->lock);
    free(p);
}

vb_shaper *vb_shaper_pool_take(vb_shaper_pool *p)
{
    vb_shaper *s = NULL;
    pthread_mutex_lock(&p->lock);
    if (p->n)
        s = p->idle[--p->n];
    pthread_mutex_unlock(&p->lock);
    return s ? s : vb_shaper_new(p->fs);
}

/* Forgets every cached word (the buckets stay allocated). */
static void cache_clear(vb_shaper *s)
{
    vb_arena_reset(s->words_arena);
    if (s->cap_words)
        memset(s->words, 0, s->cap_words * sizeof *s->words);
    s->n_words = 0;
}

void vb_shaper_pool_give(vb_shaper_pool *p, vb_shaper *s)
{
    if (!s)
        return;
    if (s->n_words > VB_SHAPER_CACHE_MAX || vb_arena_used(s->words_arena) > VB_SHAPER_CACHE_BYTES)
        cache_clear(s);
    pthread_mutex_lock(&p->lock);
    if (p->n < POOL_MAX) {
        p->idle[p->n++] = s;
        s = NULL;
    }
    pthread_mutex_unlock(&p->lock);
    vb_shaper_free(s);
}

void vb_shape_buffer(vb_shaper *s, vb_face_id face, const char *text, size_t len)
{
    hb_buffer_clear_contents(s->buf);
    hb_buffer_add_utf8(s->buf, text, (int)len, 0, (int)len);
    hb_buffer_set_segment_properties(s->buf, &s->props);
    hb_buffer_set_cluster_level(s->buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
    /* what hb_shape does, without looking the plan up in the face's cache
     * on every call (a tenth of the time of shaping a word) */
    hb_font_t *font = s->fs->face[face].font;
    if (!s->plan[face])
        s->plan[face] = hb_shape_plan_create_cached(hb_font_get_face(font), &s->props, s->features, 3, NULL);
    hb_shape_plan_execute(s->plan[face], font, s->buf, s->features, 3);
}

double vb_shape_width(vb_shaper *s, vb_face_id face, double size, const char *text, size_t len)
{
    vb_shape_buffer(s, face, text, len);
    unsigned n;
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(s->buf, &n);
    int64_t w = 0;
    for (unsigned i = 0; i < n; i++)
        w += pos[i].x_advance;
    return (double)w * size / s->fs->face[face].upem;
}

/* The word cache. Shaping a paragraph word by word gives the glyphs that
 * shaping it whole gives, as long as no feature looks across a space: true
 * here, with kerning and ligatures off (shape.c's features) and text in NFC.
 * A word that starts with a mark or a format character (a combining accent
 * after a space, a joiner) is not split from what precedes it, so every
 * cluster keeps its base. test_shape compares the two on awkward text;
 * every example's PDF stayed byte for byte the same.
 *
 * The same table keeps each word's lexicon key (kind KEY_KIND instead of a
 * face): vb_lexicon_key decodes and untones every letter, and a document
 * asks for the key of the same few hundred words again and again; and the
 * memo of laid-out paragraphs (MEMO_KIND, shape_para.c). */
#define KEY_KIND VB_FACE_COUNT
#define MEMO_KIND (VB_FACE_COUNT + 1)

struct cache_entry {
    cache_entry *next;
    uint32_t hash, len;
    int kind;          /* a face: glyphs; KEY_KIND: a lexicon key; MEMO_KIND */
    const char *text;  /* the word (or the memo's key), len bytes */
    uint32_t n;        /* glyphs in g, or the key's length */
    const void *value; /* KEY_KIND: the key, NUL-terminated, or NULL: none;
                        * MEMO_KIND: what vb_shaper_memo_put was given */
    vb_sglyph g[];
};

static uint32_t word_hash(int kind, const char *t, size_t len)
{
    uint32_t h = 2166136261u ^ (uint32_t)kind;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)t[i]) * 16777619u;
    return h;
}

/* May a segment start at t[i] (just after a space)? Not before a mark or a
 * format character, which belong to the character before them. */
static int starts_word(const char *t, size_t len, size_t i)
{
    unsigned char c = (unsigned char)t[i];
    if (c < 0x80)
        return c != ' ';
    uint32_t cp;
    size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
    if (i + n > len)
        return 0;
    cp = c & (0x3f >> (n - 1));
    for (size_t k = 1; k < n; k++)
        cp = cp << 6 | ((unsigned char)t[i + k] & 0x3f);
    hb_unicode_general_category_t gc = hb_unicode_general_category(hb_unicode_funcs_get_default(), cp);
    return gc != HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK && gc != HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK &&
           gc != HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK && gc != HB_UNICODE_GENERAL_CATEGORY_FORMAT;
}

static int words_grow(vb_shaper *s)
{
    size_t nc = s->cap_words ? s->cap_words * 2 : 512;
    cache_entry **nb = calloc(nc, sizeof *nb);
    if (!nb)
        return 0;
    for (size_t i = 0; i < s->cap_words; i++)
        for (cache_entry *e = s->words[i], *nx; e; e = nx) {
            nx = e->next;
            e->next = nb[e->hash & (nc - 1)];
            nb[e->hash & (nc - 1)] = e;
        }
    free(s->words);
    s->words = nb;
    s->cap_words = nc;
    return 1;
}

static const cache_entry *cache_find(const vb_shaper *s, uint32_t h, int kind, const char *t, size_t len)
{
    if (s->cap_words)
        for (const cache_entry *e = s->words[h & (s->cap_words - 1)]; e; e = e->next)
            if (e->hash == h && e->kind == kind && e->len == len && !memcmp(e->text, t, len))
                return e;
    return NULL;
}

/* A new entry with room for n glyphs, its text copied; the caller fills it
 * in and cache_add()s it. NULL when out of memory. */
static cache_entry *cache_new(vb_shaper *s, uint32_t h, int kind, const char *t, size_t len, size_t n)
{
    if (s->n_words >= s->cap_words && !words_grow(s))
        return NULL;
    cache_entry *e = vb_arena_alloc_raw(s->words_arena, sizeof *e + n * sizeof e->g[0]);
    char *copy = vb_arena_alloc_raw(s->words_arena, len ? len : 1);
    if (!e || !copy)
        return NULL;
    memcpy(copy, t, len);
    *e = (cache_entry){NULL, h, (uint32_t)len, kind, copy, (uint32_t)n, NULL};
    return e;
}

static void cache_add(vb_shaper *s, cache_entry *e)
{
    e->next = s->words[e->hash & (s->cap_words - 1)];
    s->words[e->hash & (s->cap_words - 1)] = e;
    s->n_words++;
}

/* The cached glyphs of one segment, shaping it on first use. */
static const cache_entry *word_get(vb_shaper *s, vb_face_id face, const char *t, size_t len)
{
    uint32_t h = word_hash((int)face, t, len);
    const cache_entry *hit = cache_find(s, h, (int)face, t, len);
    if (hit)
        return hit;
    vb_shape_buffer(s, face, t, len);
    unsigned n;
    const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(s->buf, &n);
    const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(s->buf, &n);
    cache_entry *e = cache_new(s, h, (int)face, t, len, n);
    if (!e)
        return NULL;
    for (unsigned k = 0; k < n; k++)
        e->g[k] = (vb_sglyph){info[k].codepoint, info[k].cluster, pos[k].x_advance, pos[k].y_offset};
    cache_add(s, e);
    return e;
}

int vb_shaper_word_key(vb_shaper *s, const char *word, size_t len, const char **key, size_t *key_len)
{
    uint32_t h = word_hash(KEY_KIND, word, len);
    const cache_entry *e = cache_find(s, h, KEY_KIND, word, len);
    if (!e) {
        char buf[256];
        size_t kn = vb_lexicon_key(word, len, buf, sizeof buf);
        cache_entry *ne = cache_new(s, h, KEY_KIND, word, len, 0);
        char *k = kn ? vb_arena_alloc_raw(s->words_arena, kn + 1) : NULL;
        if (!ne || (kn && !k))
            return 0;
        if (kn)
            memcpy(k, buf, kn + 1);
        ne->n = (uint32_t)kn;
        ne->value = k;
        cache_add(s, ne);
        e = ne;
    }
    *key = e->value;
    *key_len = e->n;
    return 1;
}

const void *vb_shaper_memo_get(const vb_shaper *s, const void *key, size_t len)
{
    const cache_entry *e = cache_find(s, word_hash(MEMO_KIND, key, len), MEMO_KIND, key, len);
    return e ? e->value : NULL;
}

int vb_shaper_memo_put(vb_shaper *s, const void *key, size_t len, const void *value)
{
    cache_entry *e = cache_new(s, word_hash(MEMO_KIND, key, len), MEMO_KIND, key, len, 0);
    if (!e)
        return 0;
    e->value = value;
    cache_add(s, e);
    return 1;
}

size_t vb_shape_words(vb_shaper *s, vb_face_id face, const char *text, size_t len, const vb_sglyph **out)
{
    size_t n = 0, i = 0;
    while (i < len) {
        /* a segment: one space, or a word up to the next space at which a
         * new word may start */
        size_t j = i + 1;
        if (text[i] != ' ')
            while (j < len && !(text[j] == ' ' && (j + 1 >= len || starts_word(text, len, j + 1))))
                j++;
        else if (j < len && !starts_word(text, len, j))
            while (j < len && !(text[j] == ' ' && (j + 1 >= len || starts_word(text, len, j + 1))))
                j++; /* a space before a mark stays with it */
        const cache_entry *e = word_get(s, face, text + i, j - i);
        if (!e)
            return SIZE_MAX;
        if (n + e->n > s->cap_out) {
            size_t nc = (n + e->n) * 2;
            vb_sglyph *no = realloc(s->out, nc * sizeof *no);
            if (!no)
                return SIZE_MAX;
            s->out = no;
            s->cap_out = nc;
        }
        for (uint32_t k = 0; k < e->n; k++) {
            s->out[n] = e->g[k];
            s->out[n++].cluster += (uint32_t)i;
        }
        i = j;
    }
    *out = s->out;
    return n;
}

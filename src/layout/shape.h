/* shape.h - shaping with HarfBuzz, and laying one paragraph out into lines.
 *
 * A vb_shaper holds the per-thread scratch state (a HarfBuzz buffer); the
 * fonts it shapes with are shared and read-only. */
#ifndef VB_SHAPE_H
#define VB_SHAPE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "font.h"
#include "page.h"
#include "style.h"

typedef struct vb_shaper vb_shaper;

/* Once per process, before any thread shapes (libunibreak's tables). */
void vb_shape_global_init(void);

/* NULL when out of memory. */
vb_shaper *vb_shaper_new(const vb_fontset *fs);
void vb_shaper_free(vb_shaper *s);

/* Shapers kept from one layout to the next, for one fontset. A shaper taken
 * from the pool keeps what its earlier documents taught it (the glyphs of
 * each word, each word's lexicon key), so an engine that renders many
 * documents shapes a word it has met before only once; the glyphs are the
 * same either way (shape_priv.h). Thread-safe; fs must outlive the pool. */
typedef struct vb_shaper_pool vb_shaper_pool;

/* NULL when out of memory. */
vb_shaper_pool *vb_shaper_pool_new(const vb_fontset *fs);
void vb_shaper_pool_free(vb_shaper_pool *p);

/* A shaper from the pool, else a new one; NULL when out of memory. */
vb_shaper *vb_shaper_pool_take(vb_shaper_pool *p);

/* Gives s back (for the next layout). A shaper whose caches have grown past
 * VB_SHAPER_CACHE_MAX entries or VB_SHAPER_CACHE_BYTES forgets them first, so memory stays flat
 * however many documents an engine renders. */
void vb_shaper_pool_give(vb_shaper_pool *p, vb_shaper *s);

/* A report of three pages makes about 1,300 entries (words and keys); a
 * batch adds a few names and figures per row, so its shapers start afresh
 * every hundred rows or so, at the cost of one document's shaping (bench:
 * 3,321 rows with 10,000 distinct words in the data cost the same
 * instructions per document as 130 rows). */
#define VB_SHAPER_CACHE_MAX 2048
/* The laid-out paragraphs (vb_para_layout's memo) are larger: a report
 * takes 280 KB with its words, and a batch row adds about 50 KB of filled
 * paragraphs, so a batch's shapers start afresh every fifteen rows or so
 * (bench: 2 % more instructions than with 2 MB, 2.5 MB less peak RSS with
 * two threads). */
#define VB_SHAPER_CACHE_BYTES (1u << 20)

/* Advance width in pt of text set in one face and size (no line breaking). */
double vb_shape_width(vb_shaper *s, vb_face_id face, double size, const char *text, size_t len);

/* A piece of styled text: the input of vb_para_layout. */
typedef struct vb_piece {
    const char *text;
    size_t len;
    vb_face_id face;
    double size;
    uint32_t color;
    int underline;
    int is_break; /* a forced line break; text ignored */
} vb_piece;

typedef struct vb_para_in {
    const vb_piece *pieces;
    size_t n;
    double width;        /* the column's width, pt */
    double indent_first; /* offset of the first line from the column's left edge */
    double indent_rest;  /* offset of the other lines */
    vb_align align;
    int balanced;        /* ragged text with lines of even length (centred titles) */
    int first_fit;       /* fill each line in turn, as a word processor does */
} vb_para_in;

typedef struct vb_line {
    vb_glyph_run *runs; /* x relative to the column's left edge, y = 0 on the baseline */
    size_t n_runs;
    float x;            /* left edge of the ink-free content (after indent and alignment) */
    float width;        /* set width of the content (without trailing spaces) */
    double size;        /* largest font size on the line */
} vb_line;

typedef struct vb_para_out {
    vb_line *lines;
    size_t n;
    int overfull;       /* some line is wider than the column */
    double max_width;   /* widest line's content width */
    const char *text;   /* the pieces' text one after another, a forced break as '\n';
                         * the runs point into it */
    size_t text_len;
} vb_para_out;

/* Shapes the pieces, finds UAX #14 break opportunities, chooses breaks
 * (vb_linebreak.h) with the parameters in st, and builds the lines. Everything
 * lands in arena. */
int vb_para_layout(vb_shaper *s, const vb_para_in *in, const vb_style *st, vb_arena *arena, vb_para_out *out);

/* The narrowest column (in->width ignored) in which vb_para_layout sets
 * the pieces with no word broken inside: the widest stretch its breaks may
 * not divide (a word, a number, a compound or a date that the alignment
 * keeps whole), plus indent_rest. Uses only the shaper's scratch. Returns
 * -1 on no memory. */
double vb_para_min_width(vb_shaper *s, const vb_para_in *in, const vb_style *st);

#endif

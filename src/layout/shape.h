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

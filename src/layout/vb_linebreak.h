/* vb_linebreak.h - choosing line breaks over a paragraph's boxes and glue.
 *
 * Total fit in the manner of Knuth and Plass: every legal break sequence is
 * weighed and the one with the least demerits wins, rather than filling each
 * line greedily. By default the choice is restricted to the fewest lines
 * the paragraph can take (what a greedy breaker such as Word's gives), so
 * that the PDF and a DOCX of the same text have the same number of lines in
 * each paragraph, and paginate alike; within that count the spacing is
 * evened out over all lines. */
#ifndef VB_LINEBREAK_H
#define VB_LINEBREAK_H

#include <stddef.h>

#include "arena.h"

typedef enum vb_lb_type { VB_LB_BOX, VB_LB_GLUE, VB_LB_PENALTY } vb_lb_type;

#define VB_LB_INF 10000.0 /* a penalty this high forbids a break, -VB_LB_INF forces one */

typedef struct vb_lb_item {
    vb_lb_type type;
    double width;   /* box, glue: natural width; penalty: width added if broken here */
    double stretch; /* glue only */
    double shrink;  /* glue only */
    double penalty; /* penalty only */
} vb_lb_item;

typedef enum vb_lb_mode {
    VB_LB_TOTAL_FIT_MIN_LINES, /* least demerits among the solutions with the fewest lines */
    VB_LB_TOTAL_FIT,           /* least demerits, any number of lines */
    VB_LB_GREEDY               /* first fit, as word processors do */
} vb_lb_mode;

typedef struct vb_lb_params {
    vb_lb_mode mode;
    double line_penalty;   /* added to every line's badness (Knuth's 10) */
    double fitness_demerits; /* adjacent lines of very different tightness */
    int ragged;            /* unjustified text: badness from the slack alone */
    double ragged_stretch; /* the slack that counts as badness 100 for ragged text */
} vb_lb_params;

/* Breaks items[0..n) into lines of widths[min(line, n_widths-1)]. The items
 * must end with a forced break (penalty -VB_LB_INF). Legal breaks are glue
 * that follows a box, and penalties below VB_LB_INF. Writes the index of the
 * item ending each line into breaks (at most max_breaks) and returns the
 * number of lines; a break at glue or a penalty removes that item. A box
 * wider than its line is put on a line of its own (overfull); *overfull is
 * set then. Scratch memory comes from the arena. Returns 0 on no memory. */
size_t vb_linebreak(const vb_lb_item *items, size_t n, const double *widths, size_t n_widths,
                    const vb_lb_params *p, size_t *breaks, size_t max_breaks, vb_arena *scratch,
                    int *overfull);

/* The narrowest line width items[0..n) can be broken into with no line
 * overfull: the widest stretch between two neighbouring legal breaks (as
 * vb_linebreak measures a line, its shrink taken off). A table sizes its
 * columns by it, so that no word is broken inside. Returns -1 on no
 * memory. */
double vb_linebreak_min_width(const vb_lb_item *items, size_t n, vb_arena *scratch);

#endif

/* vb_limits.h - resource limits that keep a hostile input from eating the
 * machine. Every limit can be raised on the command line (see README). */
#ifndef VB_LIMITS_H
#define VB_LIMITS_H

#include <stddef.h>

typedef struct vb_limits {
    size_t max_input_bytes;  /* size of the input file */
    int max_depth;           /* element nesting */
    size_t max_nodes;        /* elements in the document */
    int max_pages;           /* pages laid out */
    size_t max_image_pixels; /* width × height of one image */
} vb_limits;

/* 16 MiB of input, 64 levels, 200,000 elements, 1,000 pages, 40 megapixels. */
#define VB_LIMITS_DEFAULT {16u * 1024 * 1024, 64, 200000, 1000, 40u * 1000 * 1000}

#endif

/* shape_priv.h - what shape.c and shape_para.c share: the shaper's state
 * and shaping one piece of text into the HarfBuzz buffer. Not for use
 * outside src/layout. */
#ifndef VB_SHAPE_PRIV_H
#define VB_SHAPE_PRIV_H

#include <hb.h>

#include "shape.h"

struct vb_shaper {
    const vb_fontset *fs;
    hb_buffer_t *buf;
    hb_feature_t features[3];
    vb_arena *scratch; /* per paragraph, reset after each */
};

/* Shapes text (len bytes) in a face into s->buf: Latin script, Vietnamese,
 * left to right, one cluster per character, no kerning or ligatures. */
void vb_shape_buffer(vb_shaper *s, vb_face_id face, const char *text, size_t len);

#endif

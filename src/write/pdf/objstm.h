/* objstm.h - a finished PDF repacked as PDF 1.5: every object that is not a
 * stream goes into one compressed object stream, and the cross-reference
 * table becomes a compressed cross-reference stream. libharu 2.3 writes
 * neither; on the reference report this takes the file from 34.6 KB to
 * about 30 KB, and readers see the same objects. */
#ifndef VB_OBJSTM_H
#define VB_OBJSTM_H

#include <stddef.h>

#include "buf.h"

/* The object stream holds small, repetitive dictionaries: a higher level
 * than the page streams' 1 costs little on a few kilobytes. */
#define VB_OBJSTM_DEFLATE 6

/* Repacks the PDF that occupies out->data[start .. out->len) in place,
 * deflating the new streams at level (libdeflate's 1 to 12).
 * Returns 1 when repacked, 0 when the file was left as it was (not the
 * layout libharu writes, or no memory: the file is still a valid PDF). */
int vb_pdf_pack_objects(vb_buf *out, size_t start, int level);

#endif

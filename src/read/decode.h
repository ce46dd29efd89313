/* decode.h - the reader's first step: the input's bytes turned into UTF-8
 * and checked, whatever encoding the file is in (a byte-order mark,
 * UTF-16, the encoding its XML declaration names, else UTF-8). */
#ifndef VB_DECODE_H
#define VB_DECODE_H

#include <stddef.h>

#include "diag.h"
#include "err.h"

typedef struct vb_decoded {
    char *text;  /* heap, NUL-terminated: the caller frees it */
    size_t len;
    int unicode; /* the input was UTF-8 or UTF-16 (not converted from an 8-bit encoding) */
} vb_decoded;

/* Decodes data[0..len) into *out. VB_OK, or VB_ERR_INPUT with a message in
 * d naming file (out->text NULL), or VB_ERR_NOMEM. */
vb_err vb_decode(const char *data, size_t len, const char *file, vb_diag *d, vb_decoded *out);

#endif

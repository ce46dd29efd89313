/* png.h - the size of a PNG image, read from its header, for layout.
 * (The PDF backend reads and checks the whole file when it draws it.) */
#ifndef VB_PNG_H
#define VB_PNG_H

#include <stddef.h>
#include <stdint.h>

/* Reads the IHDR of the PNG file at path. Returns NULL and sets *w, *h, or
 * returns a static message saying what is wrong ("cannot open the file",
 * "not a PNG file", "truncated PNG file"). */
const char *vb_png_size(const char *path, uint32_t *w, uint32_t *h);

#endif

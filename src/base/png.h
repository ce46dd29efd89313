/* png.h - PNG images: the size from the header (for layout), and the whole
 * picture decoded with libpng (for the PDF writer).
 *
 * libharu's own PNG loader gives libpng an error handler that returns, so
 * libpng aborts the process on a damaged file; decoding here, with an error
 * handler that jumps back, turns every damaged file into a message. */
#ifndef VB_PNG_H
#define VB_PNG_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"

/* Largest picture file read; signatures and seals are a few kilobytes. */
#define VB_PNG_MAX_BYTES (64u << 20)

/* Reads the IHDR of the PNG file at path. Returns NULL and sets *w, *h, or
 * returns a static message saying what is wrong ("cannot open the file",
 * "not a regular file" (a FIFO or a device, never waited on), "not a PNG
 * file", "truncated PNG file"). */
const char *vb_png_size(const char *path, uint32_t *w, uint32_t *h);

/* A decoded picture in 8-bit samples, colour and alpha apart, as PDF wants
 * them: rows top to bottom, no padding. */
typedef struct vb_png_image {
    uint32_t w, h;
    int channels;          /* 1 (grey) or 3 (RGB) */
    unsigned char *pixels; /* w × h × channels bytes */
    unsigned char *alpha;  /* w × h bytes of opacity, or NULL when every pixel is opaque */
} vb_png_image;

/* Decodes the PNG file data[0..len) (any colour type and bit depth,
 * interlaced or not; palettes and tRNS become colour and alpha, 16-bit
 * samples are cut to 8). Refuses a picture of more than max_pixels pixels
 * before allocating it. Returns 1 and fills *img (free it with
 * vb_png_image_free), or 0 with the reason in why (a sentence, never NULL)
 * and nothing to free. Never aborts, whatever the bytes. */
int vb_png_decode(const void *data, size_t len, size_t max_pixels, vb_png_image *img, char *why, size_t why_size);

/* Frees what vb_png_decode made; a zeroed image does nothing. */
void vb_png_image_free(vb_png_image *img);

/* Reads the whole file at path into out (appended; at most
 * VB_PNG_MAX_BYTES). Returns 1, or 0 with the reason in why ("the file is
 * too large", "read error", "out of memory" or the system's message). */
int vb_png_read(const char *path, vb_buf *out, char *why, size_t why_size);

/* Checks an image a document names: a readable PNG within max_pixels.
 * Returns 1 and sets *aspect (height / width), or reports an error at pos
 * and returns 0. */
int vb_png_check(const char *path, vb_srcpos pos, size_t max_pixels, vb_diag *diag, double *aspect);

#endif

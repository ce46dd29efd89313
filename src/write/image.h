/* image.h - the pixels of a picture on a page, for the writers that draw
 * them (PDF, PNG). */
#ifndef VB_IMAGE_H
#define VB_IMAGE_H

#include "diag.h"
#include "err.h"
#include "page.h"
#include "png.h"

/* The pixels of an image item: layout's decoded copy (vb_image) when it has
 * one; otherwise the PNG bytes layout kept, or, for a page model made by
 * hand that names only a path, the file, decoded here within max_pixels.
 * On success *pic holds the pixels and *owned says whether the caller frees
 * them (vb_png_image_free); layout's copy is only lent. On failure the
 * reason goes to diag ("cannot read image: PATH: why") and VB_ERR_IMAGE is
 * returned. */
vb_err vb_item_pixels(const vb_item *it, size_t max_pixels, vb_png_image *pic, int *owned, vb_diag *diag);

#endif

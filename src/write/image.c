/* image.c - the pixels of a picture on a page (image.h). */
#include "image.h"

#include <string.h>

#include "buf.h"

vb_err vb_item_pixels(const vb_item *it, size_t max_pixels, vb_png_image *pic, int *owned, vb_diag *diag)
{
    const char *path = it->u.image.path ? it->u.image.path : "";
    const vb_image *im = it->u.image.img;
    memset(pic, 0, sizeof *pic);
    *owned = 0;
    if (im && im->pixels) {
        pic->w = im->w;
        pic->h = im->h;
        pic->channels = im->channels;
        pic->pixels = (unsigned char *)im->pixels; /* lent: layout's arena owns it */
        pic->alpha = (unsigned char *)im->alpha;
        return VB_OK;
    }
    vb_buf data = VB_BUF_INIT;
    char why[256];
    int ok = (im && im->data) || vb_png_read(path, &data, why, sizeof why);
    ok = ok && vb_png_decode(im && im->data ? (const void *)im->data : (const void *)data.data,
                             im && im->data ? im->len : data.len, max_pixels, pic, why, sizeof why);
    vb_buf_free(&data);
    if (!ok) {
        vb_diag_emit(diag, (vb_srcpos){0}, VB_ERROR, "cannot read image: %s: %s", path, why);
        return VB_ERR_IMAGE;
    }
    *owned = 1;
    return VB_OK;
}

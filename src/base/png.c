/* png.c - PNG header reading, and decoding with libpng. */
#include "png.h"
#include "i18n.h"

/* libpng's header by its own directory: "png.h" is this module's */
#include <libpng16/png.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *vb_png_size(const char *path, uint32_t *w, uint32_t *h)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    unsigned char b[24];
    /* Without blocking, and only a regular file: a document naming a FIFO
     * or a terminal must not hang the program. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return _("cannot open the file");
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return _("not a regular file");
    }
    size_t n = 0;
    while (n < sizeof b) {
        ssize_t k = read(fd, b + n, sizeof b - n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        n += (size_t)k;
    }
    close(fd);
    if (n < 8 || memcmp(b, sig, 8) != 0)
        return _("not a PNG file");
    if (n < 24 || memcmp(b + 12, "IHDR", 4) != 0)
        return _("truncated PNG file");
    *w = (uint32_t)b[16] << 24 | (uint32_t)b[17] << 16 | (uint32_t)b[18] << 8 | b[19];
    *h = (uint32_t)b[20] << 24 | (uint32_t)b[21] << 16 | (uint32_t)b[22] << 8 | b[23];
    if (!*w || !*h)
        return _("the PNG file has no pixels");
    return NULL;
}

/* ---- decoding ------------------------------------------------------------ */

/* The source bytes and where libpng's messages go. */
typedef struct source {
    const unsigned char *p;
    size_t n, off;
    char *why;
    size_t why_size;
} source;

/* libpng calls this on any error; returning would make libpng abort, so it
 * jumps back to vb_png_decode's setjmp. The first message is kept (an error
 * raised by on_read below is already written). */
static void on_error(png_structp png, png_const_charp msg)
{
    source *s = png_get_error_ptr(png);
    if (!s->why[0])
        snprintf(s->why, s->why_size, _("the file is damaged (libpng: %s)"), msg ? msg : "error");
    png_longjmp(png, 1);
}

/* Warnings (a damaged ancillary chunk, which libpng skips) say nothing the
 * user can act on: the picture is still drawn. */
static void on_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

static void on_read(png_structp png, png_bytep out, size_t n)
{
    source *s = png_get_io_ptr(png);
    if (n > s->n - s->off) {
        snprintf(s->why, s->why_size, _("the file is truncated"));
        png_error(png, "truncated");
    }
    memcpy(out, s->p + s->off, n);
    s->off += n;
}

void vb_png_image_free(vb_png_image *img)
{
    if (!img)
        return;
    free(img->pixels);
    free(img->alpha);
    memset(img, 0, sizeof *img);
}

/* Refuses (png_error, the reason in why) a picture over max_pixels, or one
 * whose file of len bytes is too short for the rows its header announces. */
static void check_size(png_structp png, png_infop info, png_uint_32 w, png_uint_32 h, size_t len, size_t max_pixels,
                       char *why, size_t why_size)
{
    if ((double)w * h > (double)max_pixels) {
        snprintf(why, why_size, _("the picture is %lu x %lu pixels; the limit is %zu (--max-image-pixels)"),
                 (unsigned long)w, (unsigned long)h, max_pixels);
        png_error(png, "too large");
    }
    /* Deflate packs at most 1032 bytes into one: a file too small to hold
     * the rows its header announces is refused before they are allocated
     * (a 20,000 x 20,000 header on a few bytes of data). */
    double bits = (double)png_get_bit_depth(png, info) * png_get_channels(png, info);
    double least = (double)h * (1 + (double)w * bits / 8);
    if ((double)len * 1032 < least) {
        snprintf(why, why_size, _("the file is too short for a picture of %lu x %lu pixels (truncated or damaged)"),
                 (unsigned long)w, (unsigned long)h);
        png_error(png, "too short");
    }
}

/* The picture's samples into *raw, 8 bits each, palette and grey expanded
 * and tRNS made alpha, w x channels bytes a row; returns the channels.
 * Errors by png_error. */
static int read_samples(png_structp png, png_infop info, png_uint_32 w, png_uint_32 h, unsigned char *volatile *raw,
                        char *why, size_t why_size)
{
    png_set_expand(png); /* palette to RGB, grey to 8 bits, tRNS to alpha */
    png_set_strip_16(png);
    int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    int ch = png_get_channels(png, info);
    size_t rowbytes = png_get_rowbytes(png, info);
    if (ch < 1 || ch > 4 || rowbytes != (size_t)w * (size_t)ch)
        png_error(png, "unexpected sample layout");
    *raw = malloc(rowbytes * h);
    if (!*raw) {
        snprintf(why, why_size, _("out of memory (a picture of %lu x %lu pixels)"), (unsigned long)w,
                 (unsigned long)h);
        png_error(png, "out of memory");
    }
    /* Row by row rather than png_read_image's array of row pointers, which
     * for a picture one pixel wide would be eight times its size. An
     * interlaced picture takes several passes over the same rows. */
    for (int pass = 0; pass < passes; pass++)
        for (png_uint_32 y = 0; y < h; y++)
            png_read_row(png, *raw + (size_t)y * rowbytes, NULL);
    png_read_end(png, NULL);
    return ch;
}

/* Colour and alpha apart, from *raw's ch samples a pixel, into *pixels and
 * *alpha; an alpha that is opaque everywhere is dropped. *raw is used up
 * (it becomes *pixels when there is no alpha). Errors by png_error. */
static void split_alpha(png_structp png, png_uint_32 w, png_uint_32 h, int ch, unsigned char *volatile *raw,
                        unsigned char *volatile *pixels, unsigned char *volatile *alpha, char *why, size_t why_size)
{
    int colour = ch >= 3 ? 3 : 1, has_alpha = ch == 2 || ch == 4;
    size_t npix = (size_t)w * h;
    if (!has_alpha) {
        *pixels = *raw;
        *raw = NULL;
        return;
    }
    *pixels = malloc(npix * (size_t)colour);
    *alpha = malloc(npix);
    if (!*pixels || !*alpha) {
        snprintf(why, why_size, _("out of memory (a picture of %lu x %lu pixels)"), (unsigned long)w, (unsigned long)h);
        png_error(png, "out of memory");
    }
    int opaque = 1;
    for (size_t i = 0; i < npix; i++) {
        const unsigned char *s = *raw + i * (size_t)ch;
        memcpy(*pixels + i * (size_t)colour, s, (size_t)colour);
        (*alpha)[i] = s[colour];
        opaque &= s[colour] == 255;
    }
    if (opaque) {
        free(*alpha);
        *alpha = NULL;
    }
    free(*raw);
    *raw = NULL;
}

/* vb_png_decode with somewhere to write the reason. Nothing here changes
 * after setjmp but through the volatile pointers. */
static int decode(const void *data, size_t len, size_t max_pixels, vb_png_image *img, char *why, size_t why_size)
{
    why[0] = 0;
    memset(img, 0, sizeof *img);
    source src = {data, len, 0, why, why_size};
    if (len < 8 || png_sig_cmp(data, 0, 8) != 0) {
        snprintf(why, why_size, _("not a PNG file"));
        return 0;
    }
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &src, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        png_destroy_read_struct(png ? &png : NULL, NULL, NULL);
        snprintf(why, why_size, _("out of memory"));
        return 0;
    }
    /* Everything that must be freed after a jump lives behind volatile
     * pointers, which keep their values across longjmp. */
    unsigned char *volatile raw = NULL;
    unsigned char *volatile pixels = NULL;
    unsigned char *volatile alpha = NULL;
    if (setjmp(png_jmpbuf(png))) {
        free(raw);
        free(pixels);
        free(alpha);
        png_destroy_read_struct(&png, &info, NULL);
        if (!why[0])
            snprintf(why, why_size, _("the file is damaged"));
        return 0;
    }
    png_set_read_fn(png, &src, on_read);
    /* no chunk of a picture we draw needs more than a few megabytes */
    png_set_chunk_malloc_max(png, 16u << 20);
    png_read_info(png, info);
    png_uint_32 w = png_get_image_width(png, info), h = png_get_image_height(png, info);
    check_size(png, info, w, h, len, max_pixels, why, why_size);
    int ch = read_samples(png, info, w, h, &raw, why, why_size);
    split_alpha(png, w, h, ch, &raw, &pixels, &alpha, why, why_size);
    png_destroy_read_struct(&png, &info, NULL);
    img->w = w;
    img->h = h;
    img->channels = ch >= 3 ? 3 : 1;
    img->pixels = pixels;
    img->alpha = alpha;
    return 1;
}

int vb_png_decode(const void *data, size_t len, size_t max_pixels, vb_png_image *img, char *why, size_t why_size)
{
    char spare[8];
    if (!why || !why_size)
        return decode(data, len, max_pixels, img, spare, sizeof spare);
    return decode(data, len, max_pixels, img, why, why_size);
}

int vb_png_read(const char *path, vb_buf *out, char *why, size_t why_size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(why, why_size, "%s", strerror(errno));
        return 0;
    }
    char tmp[16384];
    size_t n, start = out->len;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0 && out->len - start <= VB_PNG_MAX_BYTES)
        vb_buf_append(out, tmp, n);
    int ok = !ferror(f);
    fclose(f);
    if (out->failed)
        snprintf(why, why_size, _("out of memory"));
    else if (!ok)
        snprintf(why, why_size, _("read error"));
    else if (out->len - start > VB_PNG_MAX_BYTES)
        snprintf(why, why_size, _("the file is too large"));
    else
        return 1;
    return 0;
}

int vb_png_check(const char *path, vb_srcpos pos, size_t max_pixels, vb_diag *diag, double *aspect)
{
    uint32_t w = 0, h = 0;
    const char *err = vb_png_size(path, &w, &h);
    if (err) {
        vb_diag_emit(diag, pos, VB_ERROR, "image '%s': %s", path, err);
        return 0;
    }
    if ((double)w * h > (double)max_pixels) {
        vb_diag_emit(diag, pos, VB_ERROR, "image '%s' is %u x %u pixels; the limit is %zu (--max-image-pixels)", path,
                     w, h, max_pixels);
        return 0;
    }
    *aspect = (double)h / w;
    return 1;
}

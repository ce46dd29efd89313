/* png.c - PNG header reading. */
#include "png.h"

#include <stdio.h>
#include <string.h>

const char *vb_png_size(const char *path, uint32_t *w, uint32_t *h)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    unsigned char b[24];
    FILE *f = fopen(path, "rb");
    if (!f)
        return "cannot open the file";
    size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    if (n < 8 || memcmp(b, sig, 8) != 0)
        return "not a PNG file";
    if (n < 24 || memcmp(b + 12, "IHDR", 4) != 0)
        return "truncated PNG file";
    *w = (uint32_t)b[16] << 24 | (uint32_t)b[17] << 16 | (uint32_t)b[18] << 8 | b[19];
    *h = (uint32_t)b[20] << 24 | (uint32_t)b[21] << 16 | (uint32_t)b[22] << 8 | b[23];
    if (!*w || !*h)
        return "the PNG file has no pixels";
    return NULL;
}

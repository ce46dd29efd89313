/* fuzz_png.c - libFuzzer harness for the PNG decoder (png.c) that the PDF
 * writer uses for signature and seal images: vb_png_decode on the bytes,
 * with a small pixel limit so that a header claiming a huge picture is
 * refused before anything is allocated.
 *
 * Invariants: a refusal comes with a reason; a picture has the size its
 * header gave, within the limit, with grey or RGB samples. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "png.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const size_t max_pixels = 1u << 20;
    vb_png_image img;
    char why[256];
    if (!vb_png_decode(data, size, max_pixels, &img, why, sizeof why)) {
        if (!why[0]) {
            fprintf(stderr, "fuzz_png: refused without a reason\n");
            abort();
        }
        return 0;
    }
    if (!img.w || !img.h || (size_t)img.w * img.h > max_pixels || (img.channels != 1 && img.channels != 3) ||
        !img.pixels) {
        fprintf(stderr, "fuzz_png: a picture that breaks the promises (%ux%u, %d channels)\n", (unsigned)img.w,
                (unsigned)img.h, img.channels);
        abort();
    }
    /* touch every sample, so that ASan sees a short buffer */
    unsigned sum = 0;
    size_t n = (size_t)img.w * img.h;
    for (size_t i = 0; i < n * (size_t)img.channels; i++)
        sum += img.pixels[i];
    if (img.alpha)
        for (size_t i = 0; i < n; i++)
            sum += img.alpha[i];
    vb_png_image_free(&img);
    return (int)(sum & 0);
}

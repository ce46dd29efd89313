/* fuzz_render_pdf.c - libFuzzer harness for the whole render to PDF in
 * memory: read, layout, PDF writer (fuzz_render.h). */
#include "fuzz_render.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz_render_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_render_one(data, size, VB_FORMAT_PDF, "%PDF-");
    return 0;
}

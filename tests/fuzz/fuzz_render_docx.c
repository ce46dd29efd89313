/* fuzz_render_docx.c - libFuzzer harness for the whole render to DOCX in
 * memory: read, DOCX parts, zip writer (fuzz_render.h). */
#include "fuzz_render.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz_render_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_render_one(data, size, VB_FORMAT_DOCX, "PK\x03\x04");
    return 0;
}

/* fuzz_layout_spec.c - libFuzzer harness for the layout data reader
 * (src/layout/style.c): vb_style_load_mem on the bytes, as if they were a file in
 * the repository's layouts/ directory, so that extends="nd30" reaches the
 * real base profile.
 *
 * Invariants: a refused file comes with at least one error message; an
 * accepted one has none, a name, and a page with room inside its margins. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "style.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    devnull = fopen("/dev/null", "w");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vb_diag d;
    vb_diag_init(&d);
    vb_style *st;
    vb_err serr = vb_style_load_mem((const char *)data, size, VB_SOURCE_DIR "/layouts/fuzz.xml", &st, &d);
    if ((serr != VB_OK) != (st == NULL) || (serr && vb_diag_errors(&d) == 0)) {
        fprintf(stderr, "fuzz_layout_spec: layout refused without a message\n");
        abort();
    }
    if (st && (vb_diag_errors(&d) || !st->name || !(st->page_w > 0) || !(st->page_h > 0))) {
        fprintf(stderr, "fuzz_layout_spec: layout accepted with errors or without a page\n");
        abort();
    }
    vb_diag_print(&d, devnull, 1);
    vb_style_free(st);
    vb_diag_free(&d);
    return 0;
}

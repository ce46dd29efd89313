/* fuzz_pdfinfo.c - libFuzzer harness for `vanban info` (pdfinfo.c): the
 * bytes read as a PDF through qpdf, the signature fields walked, printed as
 * text and as JSON, freed.
 *
 * Invariants: a refusal comes with a reason; every field has a name, a
 * page within the document (or 0) and a normalised rectangle; the outputs
 * are made without running out of their buffers. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "pdfinfo.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vb_pdfinfo info;
    char why[600];
    vb_err err = vb_pdfinfo_read(data, size, "fuzz.pdf", &info, why, sizeof why);
    if (err) {
        if (err != VB_ERR_NOMEM && !why[0]) {
            fprintf(stderr, "fuzz_pdfinfo: refused without a reason\n");
            abort();
        }
        return 0;
    }
    for (size_t i = 0; i < info.n_fields; i++) {
        const vb_sigfield *f = &info.fields[i];
        if (!f->name || f->page < 0 || f->page > info.n_pages || f->rect[0] > f->rect[2] || f->rect[1] > f->rect[3]) {
            fprintf(stderr, "fuzz_pdfinfo: field %zu breaks the promises (page %d of %d)\n", i, f->page,
                    info.n_pages);
            abort();
        }
    }
    vb_buf out = VB_BUF_INIT;
    vb_pdfinfo_text(&info, "fuzz.pdf", &out);
    vb_pdfinfo_json(&info, "fuzz.pdf", &out);
    if (!out.failed && (out.len == 0 || out.data[out.len - 1] != '\n')) {
        fprintf(stderr, "fuzz_pdfinfo: output does not end with a newline\n");
        abort();
    }
    vb_buf_free(&out);
    vb_pdfinfo_free(&info);
    return 0;
}

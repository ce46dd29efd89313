/* fuzz_xml_read.c - libFuzzer harness for the XML reader (src/read: decode,
 * parse, build the model and check it, validate against the schema), free; the diagnostics are then sorted and formatted as the CLI does.
 *
 * A first byte of 0xF8 or above (never the start of UTF-8 text, so the seeds
 * from examples/ are read as they are) picks options and is dropped:
 *   bit 0  no RELAX NG schema (the reader's own checks only);
 *   bit 1  small limits (depth 8, 300 nodes, 8 KiB), to reach those paths.
 *
 * Invariants checked besides the sanitizers': a rejected document comes
 * with at least one error message, and an accepted one with none. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "model.h"
#include "xml_read.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static vb_reader *readers[4];
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    vb_limits big = VB_LIMITS_DEFAULT, small = big;
    small.max_depth = 8;
    small.max_nodes = 300;
    small.max_input_bytes = 8192;
    vb_diag d;
    vb_diag_init(&d);
    for (int i = 0; i < 4; i++) {
        readers[i] = vb_reader_new(i & 1 ? NULL : VB_SOURCE_DIR "/schema/vanban.rng", i & 2 ? &small : &big, &d);
        if (!readers[i]) {
            vb_diag_print(&d, stderr, 1);
            fprintf(stderr, "fuzz_xml_read: cannot make a reader\n");
            abort();
        }
    }
    vb_diag_free(&d);
    devnull = fopen("/dev/null", "w");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned opt = 0;
    if (size && data[0] >= 0xF8) {
        opt = data[0] & 3;
        data++;
        size--;
    }
    vb_diag d;
    vb_diag_init(&d);
    vb_doc *doc = NULL;
    vb_err err = vb_doc_read(readers[opt], (const char *)data, size, VB_SOURCE_DIR "/examples/fuzz.xml", &doc, &d);
    if (err == VB_ERR_INPUT && vb_diag_errors(&d) == 0) {
        fprintf(stderr, "fuzz_xml_read: input rejected without a message\n");
        abort();
    }
    if (err == VB_OK && (!doc || vb_diag_errors(&d))) {
        fprintf(stderr, "fuzz_xml_read: input accepted with errors or without a document\n");
        abort();
    }
    if (err != VB_OK && err != VB_ERR_INPUT && err != VB_ERR_NOMEM) {
        fprintf(stderr, "fuzz_xml_read: unexpected result: %s\n", vb_strerror(err));
        abort();
    }
    vb_diag_print(&d, devnull, 1);
    vb_doc_free(doc);
    vb_diag_free(&d);
    return 0;
}

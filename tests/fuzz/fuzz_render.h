/* fuzz_render.h - the body shared by fuzz_render_pdf.c and
 * fuzz_render_docx.c: one engine made once with the repository's data
 * directory (fonts, layouts, schema), then vb_render into memory for each
 * input, as the CLI does for a file. The input is named as if it were a
 * file in examples/, so that image paths resolve as in the examples.
 *
 * The limits are lowered (64 KiB of input, 40 pages) so that one execution
 * stays in the milliseconds; the limits themselves are what stops a bigger
 * document.
 *
 * Invariants: a failure comes with at least one error message and is never
 * an internal error; a success gives a non-empty file of the right kind. */
#ifndef VB_FUZZ_RENDER_H
#define VB_FUZZ_RENDER_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "vanban.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static vb_engine *engine;
static FILE *devnull;

static void fuzz_render_init(void)
{
    vb_engine_opts o;
    vb_engine_opts_init(&o);
    o.data_dir = VB_SOURCE_DIR;
    o.limits.max_input_bytes = 64 * 1024;
    o.limits.max_pages = 40;
    vb_diag d;
    vb_diag_init(&d);
    vb_err err = vb_engine_new(&engine, &o, &d);
    if (err) {
        vb_diag_print(&d, stderr, 1);
        fprintf(stderr, "fuzz_render: cannot make the engine: %s\n", vb_strerror(err));
        abort();
    }
    vb_diag_free(&d);
    devnull = fopen("/dev/null", "w");
}

static void fuzz_render_one(const uint8_t *data, size_t size, vb_format fmt, const char *magic)
{
    vb_diag d;
    vb_diag_init(&d);
    vb_buf out = VB_BUF_INIT;
    /* named as if it were in examples/, so that the examples' relative
     * image paths (src="anh/chu-ky.png") lead to real pictures */
    vb_err err = vb_render(engine, (const char *)data, size, VB_SOURCE_DIR "/examples/fuzz.xml", fmt, &out, &d);
    if (err && vb_diag_errors(&d) == 0) {
        fprintf(stderr, "fuzz_render: failed without a message: %s\n", vb_strerror(err));
        abort();
    }
    if (err == VB_ERR_INTERNAL) {
        vb_diag_print(&d, stderr, 0);
        fprintf(stderr, "fuzz_render: internal error\n");
        abort();
    }
    if (!err && (out.len < 8 || memcmp(out.data, magic, strlen(magic)) != 0)) {
        fprintf(stderr, "fuzz_render: success but the output is not a file of its kind (%zu bytes)\n", out.len);
        abort();
    }
    vb_diag_print(&d, devnull, 1);
    vb_buf_free(&out);
    vb_diag_free(&d);
}

#endif

/* mix.c - a stream of different documents through one engine, for
 * instruction counts (bench/count mix): each INPUT rendered once per round,
 * in turn, so no document follows itself. The engine's caches (docs/speed.md)
 * then help only as much as different documents share words, paragraphs and
 * glyphs, unlike vb_bench's one report again and again.
 *
 *   build/bench/vb_bench_mix ROUNDS [-f pdf|docx|json] INPUT.xml...
 *
 * Prints how many renders succeeded; bench/count runs it under cachegrind
 * with 0 and 1 rounds and divides the difference by the renders. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "vanban.h"
#include "slurp.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: vb_bench_mix ROUNDS [-f pdf|docx|json] INPUT.xml...\n");
        return 2;
    }
    int rounds = atoi(argv[1]), first = 2;
    vb_format fmt = VB_FORMAT_PDF;
    if (!strcmp(argv[2], "-f") && argc > 4) {
        fmt = vb_format_from_name(argv[3]);
        first = 4;
    }
    vb_diag diag;
    vb_diag_init(&diag);
    vb_engine_opts o;
    vb_engine_opts_init(&o);
    vb_engine *e;
    if (vb_engine_new(&e, &o, &diag)) {
        vb_diag_print(&diag, stderr, 0);
        return 1;
    }
    vb_buf out = VB_BUF_INIT;
    int ok = 0;
    for (int r = 0; r < rounds; r++)
        for (int i = first; i < argc; i++) {
            size_t len;
            char *data = vb_bench_slurp(argv[i], &len);
            vb_buf_reset(&out);
            vb_diag_clear(&diag);
            if (data && vb_render(e, data, len, argv[i], fmt, &out, &diag) == VB_OK)
                ok++;
            free(data);
        }
    printf("%d renders\n", ok);
    vb_buf_free(&out);
    vb_engine_free(e);
    vb_diag_free(&diag);
    return 0;
}

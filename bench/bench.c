/* bench.c - how fast vanban renders: N documents in one process, then N
 * separate `vanban render` processes; ms per document, documents per second
 * and peak RSS. With --read: only reading and checking (the reader, then
 * the linter), with and without the RELAX NG schema.
 *
 *   build/bench/vb_bench [-n N] [-p N] [-f pdf|docx|json] [--batch] [--compact] [INPUT.xml]
 *   build/bench/vb_bench --read [-n N] [INPUT.xml]
 *
 * Beside vanban's figures, Typst's on the same report (bench/typst/), so a
 * change is judged as a ratio measured in one run: --typst-inproc "MEAN BEST
 * BYTES VERSION" passes what bench/typst/bench.mjs measured in one process,
 * --typst-cli TYPST --typst-src FILE.typ times the Typst CLI as P processes
 * the same way as `vanban render`. bench/run fills these in when Typst is
 * installed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "diag.h"
#include "vanban.h"
#include "xml_read.h"
#include "slurp.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* n reads and checks of data with reader r: the best of three rounds, ms per document. */
static double time_read(vb_reader *r, const char *data, size_t len, const char *name, int n)
{
    double best = 1e9;
    for (int round = 0; round < 3; round++) {
        double t = now_ms();
        for (int i = 0; i < n; i++) {
            vb_diag d;
            vb_diag_init(&d);
            vb_doc *doc = NULL;
            if (vb_doc_read(r, data, len, name, &doc, &d) != VB_OK) {
                vb_diag_print(&d, stderr, 0);
                exit(1);
            }
            vb_check_doc(doc, &d);
            vb_doc_free(doc);
            vb_diag_free(&d);
        }
        t = (now_ms() - t) / n;
        if (t < best)
            best = t;
    }
    return best;
}

static int bench_read(const char *input, const char *data, size_t len, int n)
{
    vb_diag d;
    vb_diag_init(&d);
    vb_reader *plain = vb_reader_new(NULL, NULL, &d);
    double t0 = now_ms();
    vb_reader *schema = vb_reader_new(VB_SOURCE_DIR "/schema/vanban.rng", NULL, &d);
    double t_compile = now_ms() - t0;
    if (!plain || !schema) {
        vb_diag_print(&d, stderr, 0);
        return 1;
    }
    double t_plain = time_read(plain, data, len, input, n), t_schema = time_read(schema, data, len, input, n);
    printf("input: %s (%zu bytes)\n", input, len);
    printf("read+check: %.3f ms/document without the schema, %.3f ms with it (best of 3 rounds of %d)\n", t_plain,
           t_schema, n);
    printf("compiling the schema (once per engine that loads it): %.2f ms\n", t_compile);
    vb_reader_free(plain);
    vb_reader_free(schema);
    vb_diag_free(&d);
    return 0;
}

int main(int argc, char **argv)
{
    int n = 200, procs = 50, batch = 0, read_only = 0, compact = 0;
    const char *typst_inproc = NULL, *typst_cli = NULL, *typst_src = NULL;
    const char *input = VB_SOURCE_DIR "/examples/bao-cao-lap-vo.xml";
    const char *fmtname = "pdf";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-n") && i + 1 < argc)
            n = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-p") && i + 1 < argc)
            procs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-f") && i + 1 < argc)
            fmtname = argv[++i];
        else if (!strcmp(argv[i], "--batch"))
            batch = 1;
        else if (!strcmp(argv[i], "--compact"))
            compact = 1; /* the smallest PDF (vanban render --compact) */
        else if (!strcmp(argv[i], "--typst-inproc") && i + 1 < argc)
            typst_inproc = argv[++i];
        else if (!strcmp(argv[i], "--typst-cli") && i + 1 < argc)
            typst_cli = argv[++i];
        else if (!strcmp(argv[i], "--typst-src") && i + 1 < argc)
            typst_src = argv[++i];
        else if (!strcmp(argv[i], "--read"))
            read_only = 1;
        else
            input = argv[i];
    }
    size_t len;
    char *data = vb_bench_slurp(input, &len);
    if (!data) {
        fprintf(stderr, "vb_bench: cannot read %s\n", input);
        return 1;
    }
    if (read_only) {
        int rc = bench_read(input, data, len, n);
        free(data);
        return rc;
    }
    vb_format fmt = vb_format_from_name(fmtname);

    /* in one process: the engine once, then n documents */
    double t0 = now_ms();
    vb_diag diag;
    vb_diag_init(&diag);
    vb_engine_opts o;
    vb_engine_opts_init(&o);
    o.batch = batch;
    o.compact = compact;
    vb_engine *e;
    if (vb_engine_new(&e, &o, &diag)) {
        vb_diag_print(&diag, stderr, 0);
        return 1;
    }
    double t_engine = now_ms() - t0;
    vb_buf out = VB_BUF_INIT;
    size_t size = 0;
    double best = 1e9, total = 0;
    for (int i = 0; i < n; i++) {
        vb_buf_reset(&out);
        double t = now_ms();
        if (vb_render(e, data, len, input, fmt, &out, &diag)) {
            vb_diag_print(&diag, stderr, 0);
            return 1;
        }
        t = now_ms() - t;
        total += t;
        if (t < best)
            best = t;
        size = out.len;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("input: %s (%zu bytes) -> %s, %zu bytes\n", input, len, fmtname, size);
    printf("in-process: engine start %.1f ms; %d documents: %.2f ms/document (best %.2f), %.0f documents/s, peak RSS %.1f MB%s\n",
           t_engine, n, total / n, best, 1000.0 * n / total, ru.ru_maxrss / 1024.0, batch ? " (batch fonts)" : "");
    vb_buf_free(&out);
    vb_engine_free(e);
    vb_diag_free(&diag);
    double tmean = 0, tbest = 0;
    long tbytes = 0;
    char tver[64] = "";
    if (typst_inproc && sscanf(typst_inproc, "%lf %lf %ld %63s", &tmean, &tbest, &tbytes, tver) == 4)
        printf("  Typst (%s) in one process: %.2f ms/document (best %.2f), %ld bytes: vanban %.1fx faster (best %.1fx), "
               "%.0f%% of its size\n",
               tver, tmean, tbest, tbytes, tmean / (total / n), tbest / best, 100.0 * size / tbytes);

    /* separate processes: the whole program, cold, one document each */
    char exe[4096];
    snprintf(exe, sizeof exe, "%s/vanban", VB_BUILD_DIR);
    char outpath[64];
    snprintf(outpath, sizeof outpath, "/tmp/vb_bench_%d.%s", (int)getpid(), fmtname);
    double ptotal = 0, pbest = 1e9;
    long peak = 0;
    for (int i = 0; i < procs; i++) {
        double t = now_ms();
        pid_t pid = fork();
        if (pid == 0) {
            if (compact)
                execl(exe, exe, "render", input, "-o", outpath, "--compact", (char *)NULL);
            else
                execl(exe, exe, "render", input, "-o", outpath, (char *)NULL);
            _exit(127);
        }
        int status;
        struct rusage cru;
        wait4(pid, &status, 0, &cru);
        t = now_ms() - t;
        if (!WIFEXITED(status) || WEXITSTATUS(status)) {
            fprintf(stderr, "vb_bench: %s failed\n", exe);
            return 1;
        }
        ptotal += t;
        if (t < pbest)
            pbest = t;
        if (cru.ru_maxrss > peak)
            peak = cru.ru_maxrss;
    }
    unlink(outpath);
    if (procs > 0)
        printf("processes: %d runs of `vanban render`: %.2f ms/document (best %.2f), %.0f documents/s, peak RSS %.1f MB\n",
               procs, ptotal / procs, pbest, 1000.0 * procs / ptotal, peak / 1024.0);
    if (procs > 0 && typst_cli && typst_src) {
        double ttotal = 0, tpbest = 1e9;
        for (int i = 0; i < procs; i++) {
            double t = now_ms();
            pid_t pid = fork();
            if (pid == 0) {
                execl(typst_cli, typst_cli, "compile", "--font-path", VB_SOURCE_DIR "/fonts", typst_src, outpath,
                      (char *)NULL);
                _exit(127);
            }
            int status;
            waitpid(pid, &status, 0);
            t = now_ms() - t;
            if (!WIFEXITED(status) || WEXITSTATUS(status)) {
                fprintf(stderr, "vb_bench: %s failed\n", typst_cli);
                return 1;
            }
            ttotal += t;
            if (t < tpbest)
                tpbest = t;
        }
        unlink(outpath);
        printf("  the Typst CLI, %d runs of `typst compile`: %.2f ms/document (best %.2f): vanban %.1fx faster (best "
               "%.1fx)\n",
               procs, ttotal / procs, tpbest, ttotal / ptotal, tpbest / pbest);
    }
    free(data);
    return 0;
}

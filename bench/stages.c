/* stages.c - how long each stage of the pipeline takes on one document: the
 * reader (with and without the schema), the linter, layout, and the PDF and
 * JSON writers on the laid-out pages. The unit tests assert behaviour only;
 * the timings that used to sit in them (test_xml_read's read time,
 * test_pdf's ms per write) are measured here.
 *
 *   build/bench/vb_bench_stages [-n N] [INPUT.xml]      (bench/run --stages)
 *
 * Each stage runs N times in batches of N/10 (at least 1); the figure is the
 * mean over all N with the best batch's mean in brackets, since the machine
 * may be busy with other work. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "font.h"
#include "json.h"
#include "layout.h"
#include "pdf.h"
#include "props.h"
#include "style.h"
#include "xml_read.h"
#include "slurp.h"

static double now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

/* What every stage needs: the input, a reader of each kind, the layout and
 * its fonts, and a document read once with its pages. */
typedef struct ctx {
    const char *input;
    const char *data;
    size_t len;
    vb_reader *reader, *plain_reader;
    vb_style *st;
    vb_fontset *fs;
    vb_limits lim;
    vb_doc *doc;
    vb_pages *pages;
    vb_props info;
    vb_buf out;
    vb_diag diag;
} ctx;

typedef int (*stage_fn)(ctx *c);

static int st_read(ctx *c)
{
    vb_doc *doc = NULL;
    vb_err err = vb_doc_read(c->reader, c->data, c->len, c->input, &doc, &c->diag);
    vb_doc_free(doc);
    return err != VB_OK;
}

static int st_read_plain(ctx *c)
{
    vb_doc *doc = NULL;
    vb_err err = vb_doc_read(c->plain_reader, c->data, c->len, c->input, &doc, &c->diag);
    vb_doc_free(doc);
    return err != VB_OK;
}

static int st_check(ctx *c)
{
    vb_check_doc(c->doc, &c->diag);
    return vb_diag_errors(&c->diag) != 0;
}

static int st_layout(ctx *c)
{
    vb_arena *a = vb_arena_new();
    vb_pages *pages = NULL;
    vb_err err = a ? vb_layout(c->doc, c->st, c->fs, NULL, &c->lim, a, &pages, &c->diag) : VB_ERR_NOMEM;
    vb_arena_free(a);
    return err != VB_OK;
}

static int st_pdf(ctx *c)
{
    vb_buf_reset(&c->out);
    return vb_pdf_write(c->pages, c->fs, &c->info, &c->out, &c->diag) != VB_OK;
}

static int st_json(ctx *c)
{
    vb_buf_reset(&c->out);
    return vb_json_write(c->pages, &c->out) != VB_OK;
}

/* Runs fn n times; prints the mean and the best batch in µs or ms. */
static int measure(ctx *c, const char *name, stage_fn fn, int n)
{
    int per = n / 10 > 0 ? n / 10 : 1;
    double total = 0, best = 1e30;
    int done = 0;
    while (done < n) {
        int k = per < n - done ? per : n - done;
        double t0 = now_us();
        for (int i = 0; i < k; i++)
            if (fn(c)) {
                fprintf(stderr, "vb_bench_stages: %s failed\n", name);
                vb_diag_print(&c->diag, stderr, 0);
                return 1;
            }
        double t = now_us() - t0;
        total += t;
        if (t / k < best)
            best = t / k;
        done += k;
        vb_diag_clear(&c->diag);
    }
    double mean = total / n;
    if (mean >= 1000)
        printf("  %-32s %8.2f ms   (best %.2f)\n", name, mean / 1000, best / 1000);
    else
        printf("  %-32s %8.1f µs   (best %.1f)\n", name, mean, best);
    return 0;
}

static int setup(ctx *c)
{
    c->reader = vb_reader_new(VB_SOURCE_DIR "/schema/vanban.rng", &c->lim, &c->diag);
    c->plain_reader = vb_reader_new(NULL, &c->lim, &c->diag);
    if (!c->reader || !c->plain_reader)
        return 1;
    if (vb_doc_read(c->reader, c->data, c->len, c->input, &c->doc, &c->diag))
        return 1;
    char path[4096];
    snprintf(path, sizeof path, "%s/layouts/%s.xml", VB_SOURCE_DIR, c->doc->layout ? c->doc->layout : "nd30");
    vb_style_load(path, &c->st, &c->diag);
    if (!c->st)
        return 1;
    char buf[VB_FACE_COUNT][4096];
    const char *paths[VB_FACE_COUNT];
    for (int k = 0; k < VB_FACE_COUNT; k++) {
        const char *f = c->st->font_file[k] ? c->st->font_file[k] : c->st->font_file[0];
        snprintf(buf[k], sizeof buf[k], "%s/fonts/%s", VB_SOURCE_DIR, f ? f : "");
        paths[k] = buf[k];
    }
    if (vb_fontset_load(&c->fs, paths, &c->diag))
        return 1;
    if (vb_layout(c->doc, c->st, c->fs, NULL, &c->lim, c->doc->arena, &c->pages, &c->diag))
        return 1;
    vb_props_of(&c->info, c->doc, c->doc->arena, c->lim.max_image_pixels);
    vb_diag_clear(&c->diag);
    return 0;
}

int main(int argc, char **argv)
{
    int n = 200;
    ctx c = {.input = VB_SOURCE_DIR "/examples/bao-cao-lap-vo.xml", .lim = VB_LIMITS_DEFAULT, .out = VB_BUF_INIT};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-n") && i + 1 < argc)
            n = atoi(argv[++i]);
        else
            c.input = argv[i];
    }
    if (n < 1)
        n = 1;
    vb_diag_init(&c.diag);
    size_t len = 0;
    char *data = vb_bench_slurp(c.input, &len);
    if (!data) {
        fprintf(stderr, "vb_bench_stages: cannot read %s\n", c.input);
        return 1;
    }
    c.data = data;
    c.len = len;
    int rc = 1;
    if (setup(&c)) {
        fprintf(stderr, "vb_bench_stages: cannot read, lay out or find the fonts for %s\n", c.input);
        vb_diag_print(&c.diag, stderr, 0);
        goto done;
    }
    size_t pdf_len = 0;
    st_pdf(&c);
    pdf_len = c.out.len;
    printf("stages: %s (%zu bytes, %zu pages, PDF %zu bytes), %d runs each\n", c.input, len, c.pages->n_pages,
           pdf_len, n);
    if (measure(&c, "read, with the schema", st_read, n) || measure(&c, "read, without the schema", st_read_plain, n) ||
        measure(&c, "check (the linter)", st_check, n) || measure(&c, "layout", st_layout, n) ||
        measure(&c, "write PDF", st_pdf, n) || measure(&c, "write JSON", st_json, n))
        goto done;
    /* what an engine with batch = 1 does: faces prepared for subsetting once */
    if (vb_fontset_prepare_subsetting(c.fs) || measure(&c, "write PDF, faces prepared", st_pdf, n))
        goto done;
    rc = 0;
done:
    vb_buf_free(&c.out);
    vb_doc_free(c.doc);
    vb_fontset_free(c.fs);
    vb_style_free(c.st);
    vb_reader_free(c.reader);
    vb_reader_free(c.plain_reader);
    vb_diag_free(&c.diag);
    free(data);
    return rc;
}

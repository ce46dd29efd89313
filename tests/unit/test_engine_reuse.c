/* test_engine_reuse.c - an engine that has rendered other documents gives
 * the bytes a fresh engine gives.
 *
 * An engine keeps what one render learns for the next (docs/speed.md): the
 * glyphs of each word and its lexicon key, each paragraph's lines (the
 * shaper pool), and each face's last subsets (the subset memo). Every
 * example and test document is rendered to PDF and DOCX by an engine of its
 * own, then by one shared engine, forward and backward and with the formats
 * interleaved, so each render follows others that filled the caches with
 * other words, paragraphs and glyph sets. Run from the repository root. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "harness.h"
#include "vanban.h"

#define MAX_DOCS 64

typedef struct doc {
    char path[256];
    char *text;
    size_t len;
    vb_buf want[2]; /* PDF, DOCX from an engine of their own */
} doc;

static const vb_format FORMATS[2] = {VB_FORMAT_PDF, VB_FORMAT_DOCX};

static int by_path(const void *a, const void *b)
{
    return strcmp(((const doc *)a)->path, ((const doc *)b)->path);
}

/* The .xml files of dir, appended to docs. */
static size_t add_dir(const char *dir, doc *docs, size_t n)
{
    DIR *d = opendir(dir);
    if (!d)
        return n;
    for (struct dirent *e; (e = readdir(d)) && n < MAX_DOCS;) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".xml"))
            continue;
        doc *x = &docs[n];
        memset(x, 0, sizeof *x);
        int w = snprintf(x->path, sizeof x->path, "%s/%s", dir, e->d_name);
        if (w > 0 && (size_t)w < sizeof x->path && (x->text = vb_test_slurp(x->path, &x->len)))
            n++;
    }
    closedir(d);
    return n;
}

static vb_engine *engine(void)
{
    vb_engine_opts o;
    vb_engine_opts_init(&o);
    vb_diag d;
    vb_diag_init(&d);
    vb_engine *e = NULL;
    vb_err err = vb_engine_new(&e, &o, &d);
    CHECK(err == VB_OK, "vb_engine_new: %s", vb_strerror(err));
    vb_diag_free(&d);
    return e;
}

/* Renders x in format f with e into out; 0 when the document is refused
 * (the test inputs include documents the linter rejects). */
static int render(vb_engine *e, const doc *x, int f, vb_buf *out)
{
    vb_diag d;
    vb_diag_init(&d);
    vb_buf_reset(out);
    vb_err err = vb_render(e, x->text, x->len, x->path, FORMATS[f], out, &d);
    vb_diag_free(&d);
    return err == VB_OK;
}

static void shared_pass(vb_engine *e, doc *docs, size_t n, int backward, int *compared)
{
    vb_buf got = VB_BUF_INIT;
    for (size_t k = 0; k < n; k++) {
        doc *x = &docs[backward ? n - 1 - k : k];
        for (int f = 0; f < 2; f++) {
            int f2 = backward ? 1 - f : f;
            if (!x->want[f2].len)
                continue;
            CHECK(render(e, x, f2, &got), "%s: the shared engine refused it", x->path);
            CHECK(got.len == x->want[f2].len && !memcmp(got.data, x->want[f2].data, got.len),
                  "%s (%s): %zu bytes from the shared engine, %zu from its own", x->path, f2 ? "docx" : "pdf",
                  got.len, x->want[f2].len);
            (*compared)++;
        }
    }
    vb_buf_free(&got);
}

int main(void)
{
    static doc docs[MAX_DOCS];
    size_t n = add_dir("examples", docs, 0);
    n = add_dir("tests/data", docs, n);
    qsort(docs, n, sizeof *docs, by_path);
    CHECK(n >= 15, "only %zu documents (run from the repository root)", n);
    for (size_t i = 0; i < n; i++)
        for (int f = 0; f < 2; f++) {
            vb_engine *e = engine();
            if (e && !render(e, &docs[i], f, &docs[i].want[f]))
                vb_buf_free(&docs[i].want[f]);
            vb_engine_free(e);
        }
    vb_engine *e = engine();
    int compared = 0;
    if (e) {
        shared_pass(e, docs, n, 0, &compared);
        shared_pass(e, docs, n, 1, &compared);
    }
    CHECK(compared >= 40, "only %d renders compared", compared);
    printf("%zu documents, %d renders by one engine compared with fresh engines'\n", n, compared);
    vb_engine_free(e);
    for (size_t i = 0; i < n; i++) {
        free(docs[i].text);
        vb_buf_free(&docs[i].want[0]);
        vb_buf_free(&docs[i].want[1]);
    }
    return DONE();
}

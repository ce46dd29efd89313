/* fuzz_fill.c - libFuzzer harness for the batch's template filler
 * (src/batch/fill.c, filters.c, numvi.c) through the XML reader's tree hook.
 *
 * The input is a template; when it holds a line "%%DATA%%", what follows is
 * the CSV data (else examples/batch/huyen.csv). Tables named by mau_lap are
 * read from the same text after a line "%%XA%%" (else examples/batch/xa.csv).
 * The template is checked, then its first rows are filled and read into the
 * model (no schema, for speed), and the first row's --name pattern (the
 * template's first line) is filled too.
 *
 * Invariants: a refused template or row comes with an error message; a row
 * is never filled from a template the check refused; a checked template
 * never gives an internal error. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"
#include "fill.h"
#include "model.h"
#include "xml_read.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static vb_reader *reader;
static char *huyen, *xa;
static size_t huyen_len, xa_len;
static FILE *devnull;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *p = malloc(1 << 20);
    *len = p ? fread(p, 1, 1 << 20, f) : 0;
    fclose(f);
    return p;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    vb_limits lim = VB_LIMITS_DEFAULT;
    lim.max_input_bytes = 1 << 16;
    vb_diag d;
    vb_diag_init(&d);
    reader = vb_reader_new(NULL, &lim, &d);
    huyen = slurp(VB_SOURCE_DIR "/examples/batch/huyen.csv", &huyen_len);
    xa = slurp(VB_SOURCE_DIR "/examples/batch/xa.csv", &xa_len);
    vb_diag_free(&d);
    devnull = fopen("/dev/null", "w");
    if (!reader || !huyen || !xa) {
        fprintf(stderr, "fuzz_fill: cannot read examples/batch/\n");
        abort();
    }
    return 0;
}

typedef struct src {
    const char *xa;
    size_t xa_len;
} src;

static vb_sheet *load(void *ctx, const char *name, vb_diag *diag)
{
    src *s = ctx;
    vb_sheet *t = NULL;
    if (strcmp(name, "xa") == 0)
        vb_csv_read(s->xa, s->xa_len, "xa.csv", "xa", &t, diag);
    return t;
}

static const char *cut(const char *p, size_t len, const char *mark, size_t *before)
{
    size_t ml = strlen(mark);
    for (size_t i = 0; i + ml <= len; i++)
        if (memcmp(p + i, mark, ml) == 0) {
            *before = i;
            return p + i + ml;
        }
    *before = len;
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    size_t tlen, dlen, xlen;
    const char *dpart = cut(text, size, "\n%%DATA%%\n", &tlen);
    const char *csv = huyen;
    size_t csv_len = huyen_len;
    src s = {xa, xa_len};
    if (dpart) {
        size_t rest = size - (size_t)(dpart - text);
        const char *xpart = cut(dpart, rest, "\n%%XA%%\n", &dlen);
        csv = dpart;
        csv_len = dlen;
        if (xpart) {
            xlen = rest - (size_t)(xpart - dpart);
            s.xa = xpart;
            s.xa_len = xlen;
        }
    }
    vb_diag d;
    vb_diag_init(&d);
    vb_sheet *t = NULL;
    vb_fill *f = NULL;
    if (vb_csv_read(csv, csv_len, "fuzz.csv", "fuzz", &t, &d) != VB_OK)
        goto out;
    f = vb_fill_new(t, load, &s);
    if (!f)
        goto out;
    vb_tree_hook check = vb_fill_check_hook(f);
    vb_doc *doc = NULL;
    vb_err err = vb_doc_read_with(reader, text, tlen, "fuzz.xml", &check, &doc, &d);
    if (doc || err == VB_OK) {
        fprintf(stderr, "fuzz_fill: the check let the template through\n");
        abort();
    }
    if (!vb_fill_checked(f)) {
        if (err == VB_ERR_INPUT && !vb_diag_errors(&d)) {
            fprintf(stderr, "fuzz_fill: template refused without a message\n");
            abort();
        }
        goto out;
    }
    for (size_t r = 0; r < t->n_rows && r < 3; r++) {
        vb_diag_clear(&d);
        vb_fill_row fr = {f, r};
        vb_tree_hook h = vb_fill_row_hook(&fr);
        err = vb_doc_read_with(reader, text, tlen, "fuzz.xml", &h, &doc, &d);
        if (err == VB_ERR_INTERNAL || (err == VB_ERR_INPUT && !vb_diag_errors(&d))) {
            fprintf(stderr, "fuzz_fill: row %zu: %s without a message\n", r, vb_strerror(err));
            abort();
        }
        vb_diag_print(&d, devnull, 1);
        vb_doc_free(doc);
        doc = NULL;
    }
    /* the first line as a --name pattern */
    const char *nl = memchr(text, '\n', tlen);
    size_t pl = nl ? (size_t)(nl - text) : tlen;
    char *pattern = strndup(text, pl < 200 ? pl : 200);
    if (pattern && !memchr(pattern, 0, 0) && t->n_rows) {
        vb_diag_clear(&d);
        if (vb_fill_string_check(f, pattern, "--name", &d) == VB_OK) {
            vb_buf b = VB_BUF_INIT;
            vb_fill_string(f, pattern, 0, "--name", &b, &d);
            vb_buf_free(&b);
        }
    }
    free(pattern);
out:
    vb_fill_free(f);
    vb_sheet_free(t);
    vb_diag_free(&d);
    return 0;
}

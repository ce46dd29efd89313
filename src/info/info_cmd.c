/* info_cmd.c - `vanban info FILE.pdf [--json]`: the signature fields of a
 * PDF, for a person or for a signing integration (pdfinfo.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdfinfo.h"
#include "i18n.h"

/* Largest PDF read: signed documents with scanned appendices run to tens of
 * megabytes; past this the answer is a message, not a long wait. */
#define INFO_MAX_BYTES (512u << 20)

static const char info_usage[] = N_("Usage: vanban info FILE.pdf [--json]\n"
                                 "\n"
                                 "Lists the PDF's signature fields: name, page, rectangle (x1 y1 x2 y2 in\n"
                                 "points and millimetres from the page's lower left corner) and whether each\n"
                                 "is signed. Any PDF may be given; '-' reads standard input.\n"
                                 "\n"
                                 "      --json   one JSON object: file, pages, fields [{name, page, signed,\n"
                                 "               rect_pt, rect_mm}]\n"
                                 "\n"
                                 "Exit status: 0 done (a PDF without fields too); 1 not a readable PDF;\n"
                                 "2 wrong usage; 3 cannot read the file; 4 the qpdf library is missing;\n"
                                 "5 out of memory.\n");

/* The whole file into *data; returns an exit status. */
static int slurp(const char *path, unsigned char **data, size_t *len)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        fprintf(stderr, _("%s: error: cannot open: %s\n"), path, strerror(errno));
        return 3;
    }
    size_t cap = 1 << 16, n = 0;
    unsigned char *buf = malloc(cap);
    int rc = 0;
    while (buf) {
        size_t k = fread(buf + n, 1, cap - n, f);
        n += k;
        if (n > INFO_MAX_BYTES) {
            fprintf(stderr, _("%s: error: the file is larger than %u MiB\n"), path, INFO_MAX_BYTES >> 20);
            rc = 1;
            break;
        }
        if (k == 0) {
            if (ferror(f)) {
                fprintf(stderr, _("%s: error: cannot read: %s\n"), path, strerror(errno));
                rc = 3;
            }
            break;
        }
        if (n == cap) {
            unsigned char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    if (f != stdin)
        fclose(f);
    if (!buf && !rc) {
        fprintf(stderr, _("%s: error: out of memory\n"), path);
        rc = 5;
    }
    if (rc) {
        free(buf);
        return rc;
    }
    *data = buf;
    *len = n;
    return 0;
}

int vb_info_command(int argc, char **argv)
{
    const char *path = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--json")) {
            json = 1;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(_(info_usage), stdout);
            return 0;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, _("vanban: error: unknown option %s\nTry 'vanban info --help'.\n"), a);
            return 2;
        } else if (!path) {
            path = a;
        } else {
            fprintf(stderr, _("vanban: error: more than one input file: %s\nTry 'vanban info --help'.\n"), a);
            return 2;
        }
    }
    if (!path) {
        fprintf(stderr, _("vanban: error: no PDF file given\nTry 'vanban info --help'.\n"));
        return 2;
    }
    const char *name = strcmp(path, "-") ? path : "<stdin>";
    unsigned char *data = NULL;
    size_t len = 0;
    int rc = slurp(path, &data, &len);
    if (rc)
        return rc;

    vb_pdfinfo info;
    char why[600];
    vb_err err = vb_pdfinfo_read(data, len, name, &info, why, sizeof why);
    free(data);
    if (err == VB_ERR_NOMEM) {
        fprintf(stderr, _("%s: error: out of memory\n"), name);
        return 5;
    }
    if (err) {
        fprintf(stderr, _("%s: error: %s\n"), name, why);
        return err == VB_ERR_INPUT ? 1 : 4;
    }
    vb_buf out = VB_BUF_INIT;
    if (json)
        vb_pdfinfo_json(&info, name, &out);
    else
        vb_pdfinfo_text(&info, name, &out);
    vb_pdfinfo_free(&info);
    rc = 0;
    if (out.failed) {
        fprintf(stderr, _("%s: error: out of memory\n"), name);
        rc = 5;
    } else if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout)) {
        fprintf(stderr, _("<stdout>: error: cannot write: %s\n"), strerror(errno));
        rc = 3;
    }
    vb_buf_free(&out);
    return rc;
}

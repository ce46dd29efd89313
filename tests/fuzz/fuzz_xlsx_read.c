/* fuzz_xlsx_read.c - libFuzzer harness for the batch's Excel reader
 * (src/batch/xlsx.c).
 *
 * An input that starts with "PK" is read as a workbook as it is (the seed
 * examples/batch/so-lieu.xlsx). Anything else is cut at NUL bytes into a
 * sheet, shared strings and styles, which are packed here into a workbook
 * (vb_zipw), so that the fuzzer reaches the XML readers rather than the
 * zip's checksums.
 *
 * Invariants: a refused workbook or sheet comes with an error message;
 * every cell read is valid UTF-8 in NFC; a bad row's message names the file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"
#include "utf8.h"
#include "zipw.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    return 0;
}

static const char content_types[] =
    "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
static const char rels[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
static const char workbook[] =
    "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"huyen\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"xa\" sheetId=\"2\" r:id=\"rId1\"/>"
    "</sheets></workbook>";
static const char wbrels[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"x/styles\" Target=\"styles.xml\"/></Relationships>";

/* Packs the parts cut from the input into a workbook; 0 on failure. */
static int pack(const uint8_t *data, size_t size, vb_buf *out)
{
    const char *names[] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml"};
    vb_diag d;
    vb_diag_init(&d);
    vb_zipw *z = NULL;
    int ok = vb_zipw_new(&z, 1, &d) == VB_OK;
    ok = ok && !vb_zipw_add(z, "[Content_Types].xml", content_types, sizeof content_types - 1, &d);
    ok = ok && !vb_zipw_add(z, "_rels/.rels", rels, sizeof rels - 1, &d);
    ok = ok && !vb_zipw_add(z, "xl/workbook.xml", workbook, sizeof workbook - 1, &d);
    ok = ok && !vb_zipw_add(z, "xl/_rels/workbook.xml.rels", wbrels, sizeof wbrels - 1, &d);
    const uint8_t *p = data, *end = data + size;
    for (int i = 0; i < 3 && ok && p <= end; i++) {
        const uint8_t *nul = memchr(p, 0, (size_t)(end - p));
        const uint8_t *e = nul ? nul : end;
        ok = !vb_zipw_add(z, names[i], p, (size_t)(e - p), &d);
        if (!nul)
            break;
        p = nul + 1;
    }
    ok = ok && !vb_zipw_finish(z, out, &d);
    vb_zipw_free(z);
    vb_diag_free(&d);
    return ok;
}

static void check_sheet(const vb_sheet *t)
{
    for (size_t r = 0; r < t->n_rows; r++) {
        if (t->bad[r] && strncmp(t->bad[r], "fuzz.xlsx:", 10) != 0) {
            fprintf(stderr, "fuzz_xlsx_read: a bad row's message names no file: %s\n", t->bad[r]);
            abort();
        }
        for (size_t c = 0; c < t->n_cols; c++) {
            const char *v = vb_sheet_cell(t, r, c);
            if (!v || !vb_utf8_is_nfc(v, strlen(v))) {
                fprintf(stderr, "fuzz_xlsx_read: a cell is not NFC\n");
                abort();
            }
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vb_buf packed = VB_BUF_INIT;
    const char *bytes = (const char *)data;
    size_t len = size;
    if (!(size >= 2 && data[0] == 'P' && data[1] == 'K')) {
        if (!pack(data, size, &packed)) {
            vb_buf_free(&packed);
            return 0;
        }
        bytes = (const char *)packed.data;
        len = packed.len;
    }
    vb_diag d;
    vb_diag_init(&d);
    vb_xlsx *x = NULL;
    vb_err err = vb_xlsx_open(bytes, len, "fuzz.xlsx", &x, &d);
    if (err == VB_ERR_INPUT && !vb_diag_errors(&d)) {
        fprintf(stderr, "fuzz_xlsx_read: workbook refused without a message\n");
        abort();
    }
    for (size_t i = 0; x && i < vb_xlsx_n_sheets(x); i++) {
        vb_sheet *t = NULL;
        size_t before = vb_diag_errors(&d);
        err = vb_xlsx_read_sheet(x, vb_xlsx_sheet_name(x, i), &t, &d);
        if (err == VB_ERR_INPUT && vb_diag_errors(&d) == before) {
            fprintf(stderr, "fuzz_xlsx_read: sheet refused without a message\n");
            abort();
        }
        if (t)
            check_sheet(t);
        vb_sheet_free(t);
    }
    vb_xlsx_close(x);
    vb_diag_free(&d);
    vb_buf_free(&packed);
    return 0;
}

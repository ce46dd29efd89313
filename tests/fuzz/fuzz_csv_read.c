/* fuzz_csv_read.c - libFuzzer harness for the batch's CSV reader
 * (src/batch/csv.c): any bytes, read as a data file.
 *
 * Invariants besides the sanitizers': a refused file comes with an error
 * message, an accepted one with none; every cell is valid UTF-8 in NFC; every
 * row's line is after the header's and in order; a bad row says why with
 * the file's name. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"
#include "utf8.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vb_diag d;
    vb_diag_init(&d);
    vb_sheet *t = NULL;
    vb_err err = vb_csv_read((const char *)data, size, "fuzz.csv", "fuzz", &t, &d);
    if (err == VB_ERR_INPUT && (vb_diag_errors(&d) == 0 || t)) {
        fprintf(stderr, "fuzz_csv_read: refused without a message\n");
        abort();
    }
    if (err == VB_OK && (!t || vb_diag_errors(&d))) {
        fprintf(stderr, "fuzz_csv_read: accepted with errors or without a table\n");
        abort();
    }
    if (t) {
        for (size_t c = 0; c < t->n_cols; c++)
            if (!vb_utf8_is_nfc(t->cols[c], strlen(t->cols[c]))) {
                fprintf(stderr, "fuzz_csv_read: a column name is not NFC\n");
                abort();
            }
        for (size_t r = 0; r < t->n_rows; r++) {
            if (r && t->line[r] <= t->line[r - 1]) {
                fprintf(stderr, "fuzz_csv_read: rows out of order\n");
                abort();
            }
            if (t->bad[r] && strncmp(t->bad[r], "fuzz.csv:", 9) != 0) {
                fprintf(stderr, "fuzz_csv_read: a bad row's message names no file: %s\n", t->bad[r]);
                abort();
            }
            for (size_t c = 0; c < t->n_cols; c++) {
                const char *v = vb_sheet_cell(t, r, c);
                if (!v || !vb_utf8_is_nfc(v, strlen(v))) {
                    fprintf(stderr, "fuzz_csv_read: a cell is not NFC\n");
                    abort();
                }
            }
        }
    }
    vb_sheet_free(t);
    vb_diag_free(&d);
    return 0;
}

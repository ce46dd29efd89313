/* dataset.h - the data of a batch: tables of text cells read from a CSV
 * file (csv.c) or from the sheets of an Excel workbook (xlsx.c).
 *
 * Every cell is text, as the reader found it or as Excel displays a number
 * without a format: "986271", "748.8", a date as "2023-07-05". The first
 * non-empty row is the header: it names the columns. Rows with no cell are
 * skipped. A row the reader could not read (a CSV line with the wrong number
 * of fields, an Excel error value) keeps its place and carries a message:
 * the batch fails that row alone.
 *
 * A table is read-only once read, so any number of threads may share it. */
#ifndef VB_DATASET_H
#define VB_DATASET_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "err.h"

typedef struct vb_sheet {
    const char *name;  /* the sheet's name, or the CSV file's name without .csv */
    const char *file;  /* the file, for messages */
    size_t n_cols;
    const char **cols; /* header names, trimmed, NFC */
    size_t n_rows;
    const char **cells; /* n_rows * n_cols; "" for an empty cell; NFC */
    uint32_t *line;     /* per row: its line in the CSV file, its row number in the sheet */
    const char **bad;   /* per row: NULL, or why the row cannot be used ("file:line:col: …") */
    int xlsx;           /* positions are sheet row + column letter, not line:col */
    vb_arena *arena;    /* owns everything above */
} vb_sheet;

/* Cell (r, c). */
static inline const char *vb_sheet_cell(const vb_sheet *t, size_t r, size_t c)
{
    return t->cells[r * t->n_cols + c];
}

/* The index of the column named `name`, or -1. */
long vb_sheet_col(const vb_sheet *t, const char *name);

void vb_sheet_free(vb_sheet *t);

/* Reads a CSV file (RFC 4180; UTF-8 with or without a byte-order mark; ','
 * or ';' between fields, whichever the header line uses; CR LF or LF).
 * `file` names it in messages; `name` is the table's name. Problems with the
 * file as a whole (not UTF-8, a quote never closed, no header) go to diag as
 * file:line:col errors and give VB_ERR_INPUT. The caller frees *out. */
vb_err vb_csv_read(const char *data, size_t len, const char *file, const char *name, vb_sheet **out,
                   vb_diag *diag);

/* An Excel workbook (.xlsx) opened for reading its sheets. */
typedef struct vb_xlsx vb_xlsx;

/* Opens the workbook in data[0..len) (the caller keeps data alive until
 * vb_xlsx_close). Reads the list of sheets, the shared strings and the
 * styles (to tell dates from numbers). Errors go to diag as file: …. */
vb_err vb_xlsx_open(const char *data, size_t len, const char *file, vb_xlsx **out, vb_diag *diag);
void vb_xlsx_close(vb_xlsx *x);

/* Number of sheets, and the name of sheet i (workbook order). */
size_t vb_xlsx_n_sheets(const vb_xlsx *x);
const char *vb_xlsx_sheet_name(const vb_xlsx *x, size_t i);

/* Reads sheet `name` (NULL: the first) into a table: shared and inline
 * strings, numbers (at most 15 significant digits, as Excel shows them),
 * dates (a number with a date format: "2023-07-05", "2023-07-05 14:30"),
 * booleans (TRUE, FALSE), formulas' cached values. Errors name the file,
 * the row and the column: "so-lieu.xlsx:17:C: …". */
vb_err vb_xlsx_read_sheet(vb_xlsx *x, const char *name, vb_sheet **out, vb_diag *diag);

/* Reads a data file by its extension (.csv or .xlsx; the sheet as for
 * vb_xlsx_read_sheet). A convenience for the tests and fuzzers. */
vb_err vb_sheet_read(const char *data, size_t len, const char *file, const char *sheet, vb_sheet **out,
                     vb_diag *diag);

/* The most cells (rows × columns) a table may hold: 20 million, some 300 MB.
 * A bigger table is refused (VB_ERR_LIMIT), rather than filling the memory. */
#define VB_SHEET_MAX_CELLS 20000000u

/* Internal to the readers: a table being built. */
typedef struct vb_sheet_builder {
    vb_sheet *t;
    const char **row;    /* the row being built, n_cols cells */
    size_t cap_rows;
    int header_done;
    vb_err err;
} vb_sheet_builder;

vb_err vb_tb_init(vb_sheet_builder *b, const char *file, const char *name, int xlsx);
/* Sets the header (cells are copied, trimmed and normalised). A name given
 * twice is reported at where[i] (a position such as "a.csv:1:7" or
 * "so-lieu.xlsx:1:C") through diag; empty names are allowed for columns
 * nobody uses. */
vb_err vb_tb_header(vb_sheet_builder *b, const char **cells, const size_t *lens, size_t n,
                    const char *const *where, vb_diag *diag);
/* Adds a row: cells[i] (len lens[i]) for column i < n; the rest empty.
 * bad, when not NULL, is the row's problem (copied). */
vb_err vb_tb_row(vb_sheet_builder *b, const char **cells, const size_t *lens, size_t n, uint32_t line,
                 const char *bad);
/* The finished table (NULL after an error). */
vb_sheet *vb_tb_finish(vb_sheet_builder *b);

/* An Excel column letter ("A", "AB") for the 0-based column c. buf needs 8. */
void vb_col_letter(uint32_t c, char buf[8]);

#endif

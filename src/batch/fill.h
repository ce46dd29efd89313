/* fill.h - batch templates: a format-v1 document whose text and attribute
 * values hold placeholders, {{cot}} or {{cot|filter|filter:arg}}, filled
 * from one data row (docs/batch.md).
 *
 * Filling happens on the parsed tree (a vb_tree_hook run by the XML reader
 * before it checks the document), never on the file's text: a value is
 * always text, so '<', '&' or "<b>" in a cell prints as typed and can never
 * add markup. Two attributes, on any element, are the template's own and
 * are removed before the document is checked:
 *   mau_neu="cot"    keep the element only when column cot is not empty
 *                    ("!cot": only when it is empty);
 *   mau_lap="bang"   repeat the element once for each row of the table
 *                    (sheet, or CSV file) `bang` whose key column matches
 *                    the row being filled; mau_khoa="cot" names the key
 *                    (default: the first column of the data). Inside, the
 *                    repeated row's columns come first, then the outer
 *                    row's; {{_stt}} is the repetition's number (1, 2 …).
 *
 * A missing column or an unknown filter is an error at the template's line
 * and column, naming the column and the filter; vb_fill_check finds them
 * all once, before any row is filled. */
#ifndef VB_FILL_H
#define VB_FILL_H

#include <stddef.h>

#include "buf.h"
#include "dataset.h"
#include "diag.h"
#include "err.h"
#include "xml_read.h"

typedef struct vb_fill vb_fill;

/* Loads the table named `name` (a sheet of the workbook, or NAME.csv next to
 * the data file) for mau_lap; NULL with a message in diag when there is
 * none. The fill owns the table afterwards. */
typedef vb_sheet *(*vb_fill_loader)(void *ctx, const char *name, vb_diag *diag);

/* A fill for rows of `main` (borrowed; it must outlive the fill). */
vb_fill *vb_fill_new(const vb_sheet *main, vb_fill_loader load, void *load_ctx);
void vb_fill_free(vb_fill *f);

/* The hook that checks a template without filling it: every placeholder's
 * column and filters, every mau_neu and mau_lap (loading the tables they
 * name). It always stops the read (so the reader returns VB_ERR_INPUT);
 * vb_fill_checked then says whether the template is good. Call it once,
 * before any vb_fill_row_hook, from one thread. */
vb_tree_hook vb_fill_check_hook(vb_fill *f);
int vb_fill_checked(const vb_fill *f);

/* The hook that fills the template with row `row` of the main table
 * (0-based). Any number of threads may fill rows of one checked fill at
 * once, each with its own vb_fill_row. */
typedef struct vb_fill_row {
    const vb_fill *f;
    size_t row;
} vb_fill_row;
vb_tree_hook vb_fill_row_hook(vb_fill_row *r);

/* Fills a pattern (a file name: "{{ma}}-{{ten|hoa}}") with row `row`;
 * problems go to diag at file `where`, column = the offset in the pattern.
 * Returns VB_OK, VB_ERR_INPUT or VB_ERR_NOMEM. */
vb_err vb_fill_string(const vb_fill *f, const char *pattern, size_t row, const char *where, vb_buf *out,
                      vb_diag *diag);

/* Checks a pattern against the columns without filling it. */
vb_err vb_fill_string_check(vb_fill *f, const char *pattern, const char *where, vb_diag *diag);


#endif

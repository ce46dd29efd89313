/* dataset.c - tables of text cells: the builder the CSV and XLSX readers
 * share, so that a CSV file and a workbook with the same cells give the same
 * table. */
#include "dataset.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

long vb_sheet_col(const vb_sheet *t, const char *name)
{
    for (size_t i = 0; i < t->n_cols; i++)
        if (strcmp(t->cols[i], name) == 0)
            return (long)i;
    return -1;
}

void vb_sheet_free(vb_sheet *t)
{
    if (t)
        vb_arena_free(t->arena);
}

void vb_col_letter(uint32_t c, char buf[8])
{
    char tmp[8];
    int n = 0;
    c++;
    while (c && n < 7) {
        tmp[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    for (int i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = 0;
}

vb_err vb_tb_init(vb_sheet_builder *b, const char *file, const char *name, int xlsx)
{
    memset(b, 0, sizeof *b);
    vb_arena *a = vb_arena_new();
    if (!a)
        return VB_ERR_NOMEM;
    vb_sheet *t = vb_arena_alloc(a, sizeof *t);
    if (!t) {
        vb_arena_free(a);
        return VB_ERR_NOMEM;
    }
    t->arena = a;
    t->file = vb_arena_strdup(a, file);
    t->name = vb_arena_strdup(a, name);
    t->xlsx = xlsx;
    b->t = t;
    if (!t->file || !t->name)
        b->err = VB_ERR_NOMEM;
    return b->err;
}

/* The cell's text in NFC, copied into the arena; "" is shared. */
static const char *cell_copy(vb_arena *a, const char *s, size_t n)
{
    if (n == 0)
        return "";
    size_t out;
    return vb_utf8_nfc(a, s, n, &out);
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* qsort has no context argument: the names being sorted. Only the thread
 * that reads a data file sorts. */
static const char **sort_cols;

static int cmp_col(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    int c = strcmp(sort_cols[a], sort_cols[b]);
    return c ? c : a < b ? -1 : a > b;
}

vb_err vb_tb_header(vb_sheet_builder *b, const char **cells, const size_t *lens, size_t n,
                    const char *const *where, vb_diag *diag)
{
    if (b->err)
        return b->err;
    vb_sheet *t = b->t;
    while (n && lens[n - 1] == 0)
        n--; /* columns with no name at the end: nobody can use them */
    t->n_cols = n;
    t->cols = vb_arena_calloc(t->arena, n ? n : 1, sizeof *t->cols);
    b->row = vb_arena_calloc(t->arena, n ? n : 1, sizeof *b->row);
    if (!t->cols || !b->row)
        return b->err = VB_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        const char *s = cells[i];
        size_t k = lens[i];
        while (k && is_ws(*s))
            s++, k--;
        while (k && is_ws(s[k - 1]))
            k--;
        t->cols[i] = cell_copy(t->arena, s, k);
        if (!t->cols[i])
            return b->err = VB_ERR_NOMEM;
    }
    /* a name given twice: sorted, so that a header of a million columns
     * costs n log n, not n squared */
    vb_err rc = VB_OK;
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    if (!order)
        return b->err = VB_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    sort_cols = t->cols;
    qsort(order, n, sizeof *order, cmp_col);
    for (size_t i = 1; i < n; i++)
        if (*t->cols[order[i]] && strcmp(t->cols[order[i]], t->cols[order[i - 1]]) == 0) {
            size_t first = order[i - 1];
            while (i < n && strcmp(t->cols[order[i]], t->cols[first]) == 0) {
                vb_diag_emit(diag, (vb_srcpos){where[order[i]], 0, 0}, VB_ERROR,
                             "the column '%s' is named twice in the header (also at %s)", t->cols[order[i]],
                             where[first]);
                i++;
            }
            rc = VB_ERR_INPUT;
        }
    free(order);
    b->header_done = 1;
    return rc;
}

vb_err vb_tb_row(vb_sheet_builder *b, const char **cells, const size_t *lens, size_t n, uint32_t line,
                 const char *bad)
{
    if (b->err)
        return b->err;
    vb_sheet *t = b->t;
    if ((t->n_rows + 1) * (t->n_cols ? t->n_cols : 1) > VB_SHEET_MAX_CELLS)
        return b->err = VB_ERR_LIMIT;
    if (t->n_rows == b->cap_rows) {
        size_t cap = b->cap_rows ? b->cap_rows * 2 : 64;
        const char **cl = vb_arena_grow(t->arena, t->cells, t->n_rows * t->n_cols, cap * t->n_cols, sizeof *cl);
        uint32_t *ln = vb_arena_grow(t->arena, t->line, t->n_rows, cap, sizeof *ln);
        const char **bd = vb_arena_grow(t->arena, t->bad, t->n_rows, cap, sizeof *bd);
        if ((!cl && t->n_cols) || !ln || !bd)
            return b->err = VB_ERR_NOMEM;
        t->cells = cl;
        t->line = ln;
        t->bad = bd;
        b->cap_rows = cap;
    }
    const char **row = t->cells + t->n_rows * t->n_cols;
    for (size_t i = 0; i < t->n_cols; i++) {
        row[i] = i < n ? cell_copy(t->arena, cells[i], lens[i]) : "";
        if (!row[i])
            return b->err = VB_ERR_NOMEM;
    }
    t->line[t->n_rows] = line;
    t->bad[t->n_rows] = bad ? vb_arena_strdup(t->arena, bad) : NULL;
    t->n_rows++;
    return VB_OK;
}

vb_sheet *vb_tb_finish(vb_sheet_builder *b)
{
    if (b->err) {
        if (b->t)
            vb_arena_free(b->t->arena);
        b->t = NULL;
        return NULL;
    }
    vb_sheet *t = b->t;
    b->t = NULL;
    return t;
}

vb_err vb_sheet_read(const char *data, size_t len, const char *file, const char *sheet, vb_sheet **out,
                     vb_diag *diag)
{
    *out = NULL;
    size_t n = strlen(file);
    if (n >= 5 && strcasecmp(file + n - 5, ".xlsx") == 0) {
        vb_xlsx *x;
        vb_err rc = vb_xlsx_open(data, len, file, &x, diag);
        if (rc)
            return rc;
        rc = vb_xlsx_read_sheet(x, sheet, out, diag);
        vb_xlsx_close(x);
        return rc;
    }
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    size_t bl = strlen(base);
    char *name = strndup(base, bl >= 4 && strcasecmp(base + bl - 4, ".csv") == 0 ? bl - 4 : bl);
    if (!name)
        return VB_ERR_NOMEM;
    vb_err rc = vb_csv_read(data, len, file, name, out, diag);
    free(name);
    return rc;
}
